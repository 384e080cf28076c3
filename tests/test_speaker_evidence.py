"""Issue 16, eighth pass: article-level speaker evidence, the rules' fixes that came with it
(credit lines, opening participle clauses, inverted attributions) and the blind dev batch
dev_quotes3.json. Each synthetic article is written for its test."""

from __future__ import annotations

import json

import polars as pl
import pytest

from clustering.extract.quotes import extract_quotes, quote_contexts
from clustering.extract.speakers import FEATURES, candidate_features
from tests.conftest import needs_shared

BOTH = pytest.mark.parametrize("ranker", ["default", None], ids=["ranker", "rules"])


def speakers(body: str, ranker: str | None = "default") -> list[str | None]:
    frame = pl.DataFrame({"article_id": ["a"], "body": [body]})
    return extract_quotes(frame, speaker_ranker=ranker)["speaker"].to_list()


def features_of(body: str) -> list[dict[str, dict[str, float]]]:
    """Per quote: candidate name -> {feature: value}."""
    ((_, context),) = quote_contexts(pl.DataFrame({"article_id": ["a"], "body": [body]}))
    return [
        {name: dict(zip(FEATURES, vector, strict=True)) for name, vector in candidates}
        for candidates in candidate_features(context)
    ]


@BOTH
def test_a_wire_credit_line_names_no_speaker(ranker):
    # Without the credit line filter "Kim" resolved to the editor, Kim Coghill.
    body = (
        "North Korea's leader spoke on Monday.\n\n"
        "“This is reality, not a threat,” Kim said.\n\n"
        "(Reporting by Soyoung Kim; Editing by Kim Coghill)"
    )
    assert speakers(body, ranker) == ["Kim"]


@BOTH
def test_a_name_in_an_opening_participle_clause_is_not_who_he_is(ranker):
    # "he" used to resolve to Obama, named in the sentence before it, and stayed there for
    # every "he said" after.
    body = (
        "Glenn Beck closed the conference on Saturday.\n\n"
        "“It is still morning in America,” he said.\n\n"
        "Saying President Obama, he said, was “too simple an answer.”\n\n"
        "“This is the disease in America,” he said."
    )
    assert speakers(body, ranker) == ["Glenn Beck"] * 3


@BOTH
def test_a_participle_clause_without_a_name_keeps_the_resolution(ranker):
    body = (
        "Mayor Ann Lee toured the site.\n\n"
        "Speaking to reporters, she said the bridge “will be rebuilt by spring.”"
    )
    assert speakers(body, ranker) == ["Ann Lee"]


def test_an_inverted_attribution_is_no_address():
    # "warned Tom Brennan" right after the marks is who spoke, not who was warned.
    body = (
        "The bank raised rates on Thursday.\n\n"
        "“This is another turn of the screw,” warned Tom Brennan, director of the trust."
    )
    (quote,) = features_of(body)
    assert quote["Tom Brennan"]["addressed"] == 0.0
    assert quote["Tom Brennan"]["said_right_after"] == 1.0
    assert speakers(body) == ["Tom Brennan"]
    # A name after a verb of address inside the sentence still is one.
    (told,) = features_of("Ann Lee warned Tom Brennan: “Keep out of it.”")
    assert told["Tom Brennan"]["addressed"] == 1.0


def test_the_main_person_is_a_candidate_for_every_quote():
    body = (
        "Glenn Beck spoke at length. Beck told the crowd about his past. Beck smiled.\n\n"
        "Rush Limbaugh gave last year's speech.\n\n"
        "The crowd cheered. The hall was full. Tickets were sold out. Doors closed early.\n\n"
        "“It is going to be a very good year.”"
    )
    *_, last = features_of(body)
    # Beck is named in no sentence of the quote's window but is the article's main person.
    assert last["Glenn Beck"]["main_person"] == 1.0
    assert last["Glenn Beck"]["sentence_distance"] == 5.0  # (capped: none in the window)
    assert "Rush Limbaugh" not in last  # named out of the window, and not the main person


def test_attributions_beside_other_quotes_are_counted_without_the_quotes_own():
    body = (
        "Ann Lee and Tom Brandt met on Monday.\n\n"
        "“We will rebuild,” Lee said.\n\n"
        "“Nobody is left behind,” Lee said.\n\n"
        "“It will take years,” Brandt said."
    )
    first, second, third = features_of(body)
    # Lee is attributed beside two quotes: one other than each of her own, two for
    # Brandt's; Brandt beside one, his own (not counted for it).
    assert first["Ann Lee"]["log_attributed_elsewhere"] == pytest.approx(json_log1p(1))
    assert third["Ann Lee"]["log_attributed_elsewhere"] == pytest.approx(json_log1p(2))
    assert third["Tom Brandt"]["log_attributed_elsewhere"] == 0.0
    assert first["Tom Brandt"]["log_attributed_elsewhere"] == pytest.approx(json_log1p(1))
    # The rules gave two of the other two quotes to Lee, from Brandt's quote's side.
    assert third["Ann Lee"]["rule_share_elsewhere"] == pytest.approx(1.0)
    assert second["Tom Brandt"]["rule_share_elsewhere"] == pytest.approx(0.5)


def json_log1p(n: int) -> float:
    import math

    return math.log1p(n)


def test_a_verbless_quote_continues_the_speaker_before():
    body = (
        "Ann Lee and Tom Brandt met on Monday.\n\n"
        "“We will rebuild,” Lee said.\n\n"
        "“Nobody is left behind.”"
    )
    first, second = features_of(body)
    assert second["Ann Lee"]["continues_previous"] == 1.0
    assert second["Tom Brandt"]["continues_previous"] == 0.0
    # The first quote has its own verb: it continues no one.
    assert first["Ann Lee"]["continues_previous"] == 0.0


def test_a_one_word_name_met_only_at_sentence_starts_is_flagged():
    body = (
        "Moreover, Ann Lee said the budget was tight.\n\n"
        "Moreover, taxes rose. “We will cut,” Lee said."
    )
    (quote,) = features_of(body)
    assert quote.get("Moreover", {}).get("initial_word_only", 1.0) == 1.0
    assert quote["Ann Lee"]["initial_word_only"] == 0.0
    # A run whose first word is no first name, met only opening sentences, is flagged too.
    (run,) = features_of("Sign Up Now agree to the terms. “We will cut,” Ann Lee said.")
    assert run["Sign Up Now"]["initial_word_only"] == 1.0


def test_the_main_person_of_the_pronouns_gender_is_marked():
    body = (
        "Tequila Dillon, mother of five, sat outside. Dillon works nights. Dillon rests.\n\n"
        "Her daughter Jon Dillon-White was shot in May. Mark Lee, a neighbour, called police.\n\n"
        "“It is a never-ending battle,” she said."
    )
    (quote,) = features_of(body)
    # The most-named woman, though "she" resolves to the daughter named last.
    assert quote["Tequila Dillon"]["main_of_gender"] == 1.0
    assert quote["Jon Dillon-White"]["main_of_gender"] == 0.0
    assert quote["Mark Lee"]["main_of_gender"] == 0.0


@needs_shared
def test_dev_quotes3_gold_is_dev_only_with_exact_offsets():
    from benchmarks.compare_quotes import QUOTES_ONLY_SPLIT, _real_gold_quotes
    from benchmarks.gold_real import REAL_GOLD

    events = json.loads((REAL_GOLD / "events.json").read_text(encoding="utf-8"))["events"]
    added = [e for e in events if e.get("file") == "dev_quotes3"]
    # Issue 16's eighth pass: 4 BASIL, 1 giveme5w1h, 1 NewsWCL50 and 6 gvc events.
    assert len(added) == 12 and {e["split"] for e in added} == {QUOTES_ONLY_SPLIT}
    assert sorted(e["dataset"] for e in added).count("gvc") == 6
    articles, gold_by_article, _ = _real_gold_quotes("dev", REAL_GOLD)
    bodies = dict(zip(articles["article_id"], articles["body"], strict=True))
    quotes = [q for e in added for a in e["articles"] for q in gold_by_article.get(a, [])]
    assert len(quotes) == 315
    for q in quotes:
        body = bodies[q["article"]]
        assert 0 <= q["start"] < q["end"] <= len(body)
        # The words between the marks: no mark or blank at either end.
        assert body[q["start"]] not in ' “”"\n' and body[q["end"] - 1] not in ' “"\n'
        # An ellipsis inside the marks, and only then, marks the quote truncated.
        text = body[q["start"] : q["end"]]
        assert q["truncated"] == any(e in text for e in ("...", "…", ". . ."))
    test_articles, _, _ = _real_gold_quotes("test", REAL_GOLD)
    assert not set(test_articles["article_id"]) & {a for e in added for a in e["articles"]}
