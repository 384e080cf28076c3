"""Speaker attribution rules added on the enlarged real dev split (issue 16), each on a
synthetic article written for the test, plus the real gold's dev_politics events."""

from __future__ import annotations

import json

import polars as pl
import pytest

from clustering.extract.quotes import _raw_names, extract_quotes, quote_contexts
from clustering.extract.speakers import candidate_features, default_ranker
from tests.conftest import needs_shared


def speakers(body: str, title: str = "", ranker: str | None = "default") -> list[str | None]:
    frame = pl.DataFrame({"article_id": ["a"], "body": [body], "title": [title]})
    return extract_quotes(frame, speaker_ranker=ranker)["speaker"].to_list()


BOTH = pytest.mark.parametrize("ranker", ["default", None], ids=["ranker", "rules"])


@BOTH
def test_headline_name_needs_its_surname_in_the_body(ranker):
    # "Perry TV Ad" reads like a name in a title-case headline (Perry is a first name too);
    # the body names Rick Perry and never a "TV Ad".
    body = (
        "Texas Gov. Rick Perry is on the attack in a new TV ad.\n\n"
        "“I'll end Obama's war on religion,” says Perry in the new ad."
    )
    assert speakers(body, "Perry TV Ad: I Can Defend Faith", ranker) == ["Rick Perry"]


def test_initialism_titles_count_only_in_capitals():
    names = {n.full_name for n in _raw_names("North Korean leader Kim Jong Un met UN chief")}
    assert "Kim Jong Un" in names
    (guterres,) = _raw_names("UN Secretary-General Antonio Guterres")
    assert guterres.core == ("Antonio", "Guterres") and guterres.titled


@BOTH
def test_surname_of_a_korean_name_resolves_to_the_full_name(ranker):
    body = (
        "North Korean leader Kim Jong Un met Xi Jinping in Beijing last month.\n\n"
        "Afterwards, Kim said he hoped to “develop friendship” with the Chinese."
    )
    assert speakers(body, ranker=ranker) == ["Kim Jong Un"]


@BOTH
def test_the_role_goes_to_the_holder_the_article_names_most(ranker):
    body = (
        "President Trump delayed the tariffs on Monday. Trump said talks would go on, and "
        "Trump praised the allies.\n\n"
        "The tariffs came up when French President Emmanuel Macron visited last week.\n\n"
        "But the president has also justified the tariffs by pointing out “shuttered plants "
        "and mills,” and the slide of manufacturing."
    )
    if ranker is None:
        assert speakers(body, ranker=ranker) == ["Trump"]
        return
    # The ranker retrained in issue 16's eighth pass learned that the person an article
    # names most is more often talked about than speaking (main_person): it still ranks
    # the holder first, Macron far below, but near its threshold (p 0.20).
    ((_, context),) = quote_contexts(pl.DataFrame({"article_id": ["a"], "body": [body]}))
    ((best, _), *others) = sorted(
        candidate_features(context)[0], key=lambda c: -default_ranker().probability(c[1])
    )
    assert best == "Trump" and [name for name, _ in others] == ["Emmanuel Macron"]
    assert (
        default_ranker().probability(dict(candidate_features(context)[0])["Emmanuel Macron"]) < 0.05
    )


@BOTH
def test_the_role_goes_to_the_last_holder_when_none_dominates(ranker):
    body = (
        "President Trump met the press on Monday.\n\n"
        "French President Emmanuel Macron arrived later.\n\n"
        "“We stand together,” the president said."
    )
    assert speakers(body, ranker=ranker) == ["Emmanuel Macron"]


@BOTH
def test_fragment_in_a_who_clause_belongs_to_the_name_it_hangs_on(ranker):
    body = (
        "Donald Trump found himself in a Twitter war with former Mexican President Vicente "
        "Fox – who went on a tear declaring the Republican nominee “not welcome” in the "
        "country."
    )
    assert speakers(body, ranker=ranker) == ["Vicente Fox"]


@BOTH
def test_name_after_a_verb_is_its_object_not_the_speaker(ranker):
    body = (
        "Former President Vicente Fox railed against Donald Trump earlier this year.\n\n"
        "He later apologized, and even invited Trump “to come to Mexico and to learn about "
        "the real Mexico.”"
    )
    assert speakers(body, ranker=ranker) == ["Vicente Fox"]


@BOTH
def test_leading_clause_name_is_not_who_she_is(ranker):
    body = (
        "Christina Walker underwent surgery on Saturday.\n\n"
        "As police sought Walker, Doreen Walker woke up at her home elsewhere in the city. "
        "She turned on the TV to hear the news.\n\n"
        "“You see these things on television,” she said."
    )
    assert speakers(body, ranker=ranker) == ["Doreen Walker"]


def test_initialism_letters_stay_in_the_name_run():
    (name,) = _raw_names("Interim D.C. Police Chief Peter Newsham spoke.")
    assert name.core == ("Peter", "Newsham") and name.titled
    assert "Interim D" not in {n.full_name for n in _raw_names("said Interim D.C. Police")}


@needs_shared
def test_dev_politics_gold_loads_with_exact_offsets():
    from benchmarks.gold_real import REAL_GOLD, load_real_gold

    events = json.loads((REAL_GOLD / "events.json").read_text(encoding="utf-8"))["events"]
    added = [e for e in events if e.get("file") == "dev_politics"]
    assert len(added) == 18 and {e["split"] for e in added} == {"dev"}
    assert {e["dataset"] for e in added} == {"basil", "newswcl50", "gvc"}
    articles, gold = load_real_gold("dev")
    bodies = dict(zip(articles["article_id"], articles["body"], strict=True))
    quotes = [q for e in added for q in gold[e["event"]]["quotes"]]
    numbers = [n for e in added for n in gold[e["event"]]["numbers"]]
    assert len(quotes) == 265 and len(numbers) == 71
    for q in quotes:
        body = bodies[q["article"]]
        assert 0 <= q["start"] < q["end"] <= len(body)
        # The span is the words between the marks: no mark or space at either end.
        assert body[q["start"]] not in ' “”"' and body[q["end"] - 1] not in ' “"'
    for e in added:
        groups = {g["group"]: g["status"] for g in gold[e["event"]]["groups"]}
        assert set(groups.values()) <= {"agree", "conflict", "update", "different"}
        assert {n["group"] for n in gold[e["event"]]["numbers"]} == set(groups)
    # The test split keeps its 32 quote-annotated events (test_numbers2.json's 25 test
    # events, added later for the number targets, are numbers only).
    test = [e for e in events if e["split"] == "test"]
    assert len({e["event"] for e in test if e.get("file") != "test_numbers2"}) == 32


@needs_shared
def test_dev_figures_stay_above_a_floor():
    from benchmarks.compare_quotes import score_real_quotes

    ranker = score_real_quotes("dev")
    rules = score_real_quotes("dev", speaker_ranker=None)
    # Measured 0.900 (ranker) and 0.867 (rules) on the 82 quote-annotated dev events
    # (issue 16, sixth pass); 0.885 and 0.857 on 94 once dev_quotes2.json's 12 events,
    # written on by no rule, joined dev (seventh pass). Floors against regression, the
    # span F1 (0.984) barely moves with speakers. Eighth pass: dev_quotes3.json's 12 events
    # (blind, 315 quotes) took dev to 0.870 with the ranker before the pass; after it 0.875
    # (ranker) and 0.854 (rules) on 111 events.
    assert ranker["span"]["f1"] >= 0.98
    assert ranker["span_speaker"]["f1"] >= 0.87
    assert rules["span_speaker"]["f1"] >= 0.85


@BOTH
def test_fragment_of_a_possessed_remark_belongs_to_the_possessor(ranker):
    body = (
        "House Speaker John Boehner spoke to Fox News on Monday.\n\n"
        "Boehner also dismissed top Obama campaign strategist David Axelrod's comment on "
        "Sunday that House Republicans are under a “reign of terror” brought about by the "
        "far right of their party."
    )
    assert speakers(body, ranker=ranker) == ["David Axelrod"]


@BOTH
def test_it_said_is_the_organisation_that_spoke_before(ranker):
    body = (
        "The European Commission said the extension prolonged market uncertainty.\n\n"
        "“The EU should be fully and permanently exempted from these measures,” it said in "
        "a statement."
    )
    assert speakers(body, ranker=ranker) == ["European Commission"]


def test_scorer_reads_an_initialism_as_the_name_it_abbreviates():
    from benchmarks.compare_quotes import same_speaker

    body = "The National Rifle Association said the NRA will sue. U.S. officials agreed."
    assert same_speaker("NRA", "National Rifle Association", body)
    assert same_speaker("National Rifle Association", "NRA", body)
    assert same_speaker("U.S", "United States", body)
    # Only when the article writes the initialism in capitals, and never a shortened name.
    assert not same_speaker("NRA", "National Rifle Association", "the nra said")
    assert not same_speaker("Rifle Association", "National Rifle Association", body)
    assert not same_speaker("NRA", "National Riflemen Alliance of Texas", body)
    # "US" in capitals is "U.S.", whose letters the key drops as it drops initials.
    assert same_speaker("State Department", "US State Department", body)
    assert same_speaker("U.S. State Department", "US State Department", body)


@needs_shared
def test_dev_quotes_gold_is_dev_only_and_has_exact_offsets():
    from benchmarks.compare_quotes import QUOTES_ONLY_SPLIT, _real_gold_quotes
    from benchmarks.gold_real import REAL_GOLD

    events = json.loads((REAL_GOLD / "events.json").read_text(encoding="utf-8"))["events"]
    added = [e for e in events if e.get("file") == "dev_quotes"]
    assert len(added) == 10 and {e["split"] for e in added} == {QUOTES_ONLY_SPLIT}
    articles, gold_by_article, event_of = _real_gold_quotes("dev", REAL_GOLD)
    bodies = dict(zip(articles["article_id"], articles["body"], strict=True))
    quotes = [q for e in added for a in e["articles"] for q in gold_by_article.get(a, [])]
    assert len(quotes) == 152 + 42  # six events of the fifth pass, four of the sixth
    for q in quotes:
        body = bodies[q["article"]]
        assert body[q["start"]] not in ' “”"' and body[q["end"] - 1] not in ' “"'
    # numbers-only events (dev_numbers.json, quotes left empty) are not scored for quotes
    numbers_only = {a for e in events if e.get("file") == "dev_numbers" for a in e["articles"]}
    assert not numbers_only & set(event_of)
    # scored with dev, never with test
    test_articles, _, _ = _real_gold_quotes("test", REAL_GOLD)
    assert not set(test_articles["article_id"]) & {a for e in added for a in e["articles"]}


@needs_shared
def test_dev_quotes2_gold_is_dev_only_with_marks_around_every_quote():
    from benchmarks.compare_quotes import QUOTES_ONLY_SPLIT, _real_gold_quotes
    from benchmarks.gold_real import REAL_GOLD

    events = json.loads((REAL_GOLD / "events.json").read_text(encoding="utf-8"))["events"]
    added = [e for e in events if e.get("file") == "dev_quotes2"]
    # Issue 16's seventh pass: 11 gvc, 3 BASIL and 3 giveme5w1h events, quotes only (12
    # in a first round, 5 gvc incidents in a second).
    assert len(added) == 17 and {e["split"] for e in added} == {QUOTES_ONLY_SPLIT}
    assert sorted(e["dataset"] for e in added).count("gvc") == 11
    articles, gold_by_article, _ = _real_gold_quotes("dev", REAL_GOLD)
    bodies = dict(zip(articles["article_id"], articles["body"], strict=True))
    quotes = [q for e in added for a in e["articles"] for q in gold_by_article.get(a, [])]
    assert len(quotes) == 212 + 59
    for q in quotes:
        body = bodies[q["article"]]
        assert body[q["start"] - 1] in "\"“‘'" and body[q["start"]] not in " “”\"'"
        assert body[q["end"] - 1] != " "
    assert sum(q["speaker"] is None for q in quotes) == 23  # unnamed neighbours, a letter
    test_articles, _, _ = _real_gold_quotes("test", REAL_GOLD)
    assert not set(test_articles["article_id"]) & {a for e in added for a in e["articles"]}


@BOTH
def test_said_a_full_names_relation_then_the_name_is_that_relation(ranker):
    body = (
        "Deputies found the farmer, Carl Hobbs, at his home on Monday.\n\n"
        "“He loved that farm,” said Carl Hobbs's cousin, Dana Webb. “He never left it.”"
    )
    assert speakers(body, ranker=ranker) == ["Dana Webb", "Dana Webb"]


@BOTH
def test_a_work_or_product_named_near_a_quote_is_no_speaker(ranker):
    body = (
        "Governor Ann Lee spoke for ten minutes.\n\n"
        "Lee’s view was grim for a State Address — towns “left behind by everyone,” where "
        "“the mills are closed.”\n\n"
        "“We will fix it,” she declared."
    )
    got = speakers(body, ranker=ranker)
    # (Before: "Address" spoke all three, and "she" stood for it.)
    assert "Address" not in got and "State Address" not in got and got[-1] == "Ann Lee"
    assert not {n.full_name for n in _raw_names("leaked in the Panama Papers and the App Store")}


@BOTH
def test_a_surname_ending_like_a_verb_is_the_person_the_article_names(ranker):
    body = (
        "A developer, Nick Sweeting, built a site mocking the lender.\n\n"
        "“It should move to a safer domain,” Sweeting told reporters."
    )
    assert speakers(body, ranker=ranker) == ["Nick Sweeting"]
    # Alone, a capitalised -ing word opening a sentence is still no name.
    assert "Speaking" not in {n.full_name for n in _raw_names("Speaking today, she said no.")}


@BOTH
def test_it_said_after_a_quote_of_several_sentences_is_the_organisation_before(ranker):
    body = (
        "The Harbour Authority confirmed the closure on Sunday.\n\n"
        "“We regret the delay. We are working with the crews. Ships will sail soon,” it "
        "said."
    )
    assert speakers(body, ranker=ranker) == ["Harbour Authority"]


@BOTH
def test_a_shared_surname_goes_to_the_person_whose_gender_the_next_pronoun_tells(ranker):
    body = (
        "Donald Trump and his wife, Melania Trump, arrived at the gala on Friday.\n\n"
        "Later, Melania Trump greeted the guests at the door.\n\n"
        "Trump then took the stage, and he thanked the donors. “We raised a fortune "
        "tonight,” Trump said."
    )
    assert speakers(body, ranker=ranker) == ["Donald Trump"]


@BOTH
def test_an_organisations_officials_speak_for_it(ranker):
    body = (
        "The breach began in January.\n\n"
        "In a filing, the Brightmart executives say that hackers “used default logins to "
        "reach the site.”"
    )
    assert speakers(body, ranker=ranker) == ["Brightmart"]


@BOTH
def test_the_council_is_an_organisation_whose_name_holds_a_place_word(ranker):
    body = (
        "The Northern Coast Council said on Monday it would help the inquiry.\n\n"
        "On Twitter, the council also said that it “is of the view that safety comes first.”"
    )
    assert speakers(body, ranker=ranker) == ["Northern Coast Council"]
