from __future__ import annotations

import json

import polars as pl
import pytest
from conftest import SHARED, needs_shared
from hypothesis import given, settings
from hypothesis import strategies as st

from clustering.extract.quotes import QUOTES, _looks_like_headline, extract_quotes
from clustering.schema import SchemaError


def quotes_of(*bodies: str) -> pl.DataFrame:
    ids = [f"a{i}" for i in range(len(bodies))]
    return extract_quotes(pl.DataFrame({"article_id": ids, "body": list(bodies)}))


def one(body: str) -> dict:
    rows = quotes_of(body).to_dicts()
    assert len(rows) == 1, rows
    return rows[0]


def test_curly_quote_with_speaker_after():
    q = one("Dmytro Kuleba spoke in Kyiv.\n\n“We will never surrender,” Kuleba said on Monday.")
    assert q["text"] == "We will never surrender,"
    assert (q["speaker"], q["verb"], q["is_partial"]) == ("Dmytro Kuleba", "said", False)
    assert q["sentence"] == "“We will never surrender,” Kuleba said on Monday."


def test_straight_quote_with_speaker_before_and_colon():
    body = 'Foreign minister Dmytro Kuleba told reporters: "Our army is strong."'
    q = one(body)
    assert (q["text"], q["speaker"], q["verb"]) == ("Our army is strong.", "Dmytro Kuleba", "told")
    assert body[q["start"] : q["end"]] == q["text"]
    assert q["is_partial"] is False


def test_inverted_attribution_said_x_and_appositive():
    q = one("“The talks are over,” said Sergei Lavrov, Russia’s foreign minister.")
    assert (q["speaker"], q["verb"]) == ("Sergei Lavrov", "said")
    q = one('"The talks are over," Sergei Lavrov, the foreign minister, said.')
    assert (q["speaker"], q["verb"]) == ("Sergei Lavrov", "said")
    q = one('A spokesman for the ministry, Oleg Nikolenko, said: "Nothing has changed here."')
    assert q["speaker"] == "Oleg Nikolenko"


def test_pronoun_resolves_to_the_subject_not_the_last_name_read():
    body = (
        "Senator Jane Holt would not go that far but said Tom Brandt must apologise.\n\n"
        "“He needs to apologise to our soldiers,” she said."
    )
    assert one(body)["speaker"] == "Jane Holt"
    body = "Maria Lopez arrived late. “I am here now,” she said."
    assert one(body)["speaker"] == "Maria Lopez"


def test_titles_stripped_and_surname_resolved_to_the_full_name():
    body = (
        "President Joe Biden met Chancellor Olaf Scholz in Berlin.\n\n"
        "“We stand together,” Mr. Biden said. “Our alliance is strong,” said Dr Scholz."
    )
    rows = quotes_of(body).to_dicts()
    assert [r["speaker"] for r in rows] == ["Joe Biden", "Olaf Scholz"]


def test_titled_surname_never_named_in_full_stays_a_surname():
    q = one("“The plan is dead,” Mr Kuleba said.")
    assert q["speaker"] == "Kuleba"


def test_according_to():
    q = one('According to Sergei Lavrov, "the West is to blame for all of this."')
    assert (q["speaker"], q["verb"], q["is_partial"]) == ("Sergei Lavrov", "according to", True)
    # "according to a video" names a source, not a speaker: the verb before wins.
    q = one("“It was a mistake,” Ann Lee said, according to a video of her remarks.")
    assert (q["speaker"], q["verb"]) == ("Ann Lee", "said")


def test_partial_quote_inside_a_sentence():
    q = one("Ann Lee called the invasion “a war of choice” on Friday.")
    assert (q["text"], q["speaker"], q["verb"], q["is_partial"]) == (
        "a war of choice",
        "Ann Lee",
        "called",
        True,
    )
    q = one('Ann Lee said the country would "never accept this kind of deal".')
    assert q["is_partial"] is True and q["speaker"] == "Ann Lee"


def test_quote_spanning_paragraphs_is_one_quote():
    body = (
        "Ann Lee gave a long answer.\n\n"
        "“The first part of my answer is this.\n\n"
        "“And the second part ends it,” she said."
    )
    q = one(body)
    assert q["text"] == "The first part of my answer is this. And the second part ends it,"
    assert q["speaker"] == "Ann Lee"
    assert body[q["start"] : q["start"] + 5] == "The f"
    assert body[q["end"] - 8 : q["end"]] == "ends it,"


def test_nested_single_quotes_stay_inside_the_double_quote():
    q = one("Ann Lee added, “The war was not ‘a war of choice.’ It was forced on us.”")
    assert q["text"] == "The war was not ‘a war of choice.’ It was forced on us."
    assert (q["speaker"], q["verb"]) == ("Ann Lee", "added")


def test_apostrophes_are_not_quote_marks():
    body = "Ukraine’s minister Ann Lee said the deal won’t hold and the players’ union agreed."
    assert quotes_of(body).height == 0
    q = one("Ann Lee said: “Ukraine’s army doesn’t retreat, and the soldiers’ morale is high.”")
    assert q["text"] == "Ukraine’s army doesn’t retreat, and the soldiers’ morale is high."


def test_british_single_quotes_are_the_main_marks_when_no_double_ones():
    body = (
        "Boris Johnson spoke on Friday. ‘We will get it done,’ he said. ‘It’s the people’s "
        "will.’\n\nThe Labour leader, Keir Starmer, said the plan was ‘a costly fantasy’."
    )
    rows = quotes_of(body).to_dicts()
    assert [(r["text"], r["speaker"]) for r in rows] == [
        ("We will get it done,", "Boris Johnson"),
        ("It’s the people’s will.", "Boris Johnson"),  # continues the previous speaker
        ("a costly fantasy", "Keir Starmer"),
    ]
    assert rows[1]["verb"] is None


def test_british_copy_with_its_speakers_own_quotes_in_double_marks():
    # Two nested double-mark quotes of four words or more used to make the article
    # double style, and its single-mark quotes were lost.
    body = (
        "'He was stable by the morning,' Dr Ann Lee told the paper, 'just about.'\n"
        "Chris, his wife, said: 'I was numb. I prayed.\n"
        "'I said, \"God, please don't take him now.\"'\n"
        'Mr Hale said a part of him thought, "No, he is going to make it."\n'
        "'The pace of his recovery was just as astonishing,' Dr Lee said.\n"
        "Dr Tom Hale told him: 'I’m amazed I’m even talking to you.'"
    )
    rows = quotes_of(body).to_dicts()
    assert [r["text"][:12] for r in rows] == [
        "He was stabl",
        "just about.",
        "I was numb. ",  # one quote over two paragraphs, the nested one inside it
        "The pace of ",
        "I’m amazed I",
    ]
    assert rows[2]["text"].endswith('take him now."')
    assert [rows[i]["speaker"] for i in (0, 1, 3, 4)] == [
        "Ann Lee",
        "Ann Lee",
        "Ann Lee",
        "Tom Hale",
    ]


def test_scare_quotes_are_skipped_unless_attributed():
    # 1-3 words and no attribution verb: a scare quote.
    assert quotes_of("The so-called “peace plan” was rejected by everyone.").height == 0
    # The same length with a speaker and verb is a quote.
    q = one("Ann Lee said the plan was “dead on arrival”.")
    assert (q["text"], q["speaker"]) == ("dead on arrival", "Ann Lee")
    # Names of shows are not quotes even when a verb is near.
    assert quotes_of("Ann Lee said on “Fox News Sunday” that nothing changed.").height == 0


def test_description_subject_gives_no_speaker():
    q = one("Ann Lee was in Kyiv.\n\n“We will study the proposal,” a spokesman said.")
    assert (q["speaker"], q["verb"]) == (None, "said")


def test_question_then_attribution_as_its_own_sentence():
    q = one("Ann Lee spoke first. “Why would we agree to that?” Lee asked.")
    assert (q["speaker"], q["verb"]) == ("Ann Lee", "asked")


def test_quote_indexes_offsets_and_article_order():
    bodies = [
        '"First quote here, in full," Ann Lee said. "Second one, also in full," she added.',
        "No quotes at all.",
        "“Another article’s only quote,” said Bo Chen.",
    ]
    frame = quotes_of(*bodies)
    assert frame.schema == QUOTES
    assert frame.select("article_id", "quote_index").rows() == [("a0", 0), ("a0", 1), ("a2", 0)]
    for row in frame.iter_rows(named=True):
        body = bodies[int(row["article_id"][1:])]
        assert body[row["start"] : row["end"]] == row["text"]


def test_null_and_empty_bodies_have_no_quotes_and_do_not_crash():
    frame = extract_quotes(pl.DataFrame({"article_id": ["x", "y"], "body": [None, ""]}))
    assert frame.height == 0 and frame.schema == QUOTES


def test_unclosed_quote_ends_at_its_paragraph():
    q = one("Ann Lee said: “This sentence never closes.\n\nThe next paragraph is narration.")
    assert q["text"] == "This sentence never closes."


def test_bad_input_raises_with_the_house_message():
    with pytest.raises(TypeError, match="Got list instead"):
        extract_quotes([])  # type: ignore[arg-type]
    with pytest.raises(SchemaError, match="missing column 'body'"):
        extract_quotes(pl.DataFrame({"article_id": ["a"]}))


@needs_shared
def test_real_articles_yield_attributed_quotes():
    # Real multi-outlet news (BASIL): most quotes found should have a speaker.
    path = SHARED / "labelled" / "basil.jsonl"
    records = [json.loads(line) for line in path.open(encoding="utf-8")][:30]
    frame = extract_quotes(
        pl.DataFrame(
            {"article_id": [r["id"] for r in records], "body": [r["body"] for r in records]}
        )
    )
    assert frame.height >= 150  # about 8 quotes per article in this set
    attributed = frame["speaker"].is_not_null().mean()
    assert attributed >= 0.75  # heuristic floor; measured 0.82 when written


PIECES = st.sampled_from(
    ["Ann Lee", " said", ", ", "“", "”", '"', "‘", "’", "'", "he", " ", "\n\n", "Mr. ", "war.", "X"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join) | st.text(max_size=60))
def test_any_text_gives_well_formed_quotes(body):
    frame = extract_quotes(pl.DataFrame({"article_id": ["a"], "body": [body]}))
    assert frame.schema == QUOTES
    for row in frame.iter_rows(named=True):
        assert 0 <= row["start"] < row["end"] <= len(body)
        assert row["text"] and row["text"] == row["text"].strip()
        assert body[row["start"] : row["end"]].startswith(row["text"][:1])


def test_the_company_said_names_the_organisation():
    body = (
        "A fire destroyed the Halvorsen Plastics plant on Tuesday.\n\n"
        "“We are heartbroken by the loss of a colleague,” the company said in a statement."
    )
    assert one(body)["speaker"] == "Halvorsen Plastics"
    body = (
        "Eight members of the Monetary Policy Committee backed the rise.\n\n"
        "The committee said that “a further tightening might be appropriate”."
    )
    assert one(body)["speaker"] == "Monetary Policy Committee"
    body = (
        "Spanish club CD Montemar agreed the fee. The striker leaves Montemar after four years."
        "\n\n“We wish him every success in England,” the club said."
    )
    assert one(body)["speaker"] == "CD Montemar"


def test_descriptions_before_a_name_after_the_verb():
    q = one('"We have put a fair offer on the table," said PART general manager Lorraine Whitaker.')
    assert q["speaker"] == "Lorraine Whitaker"
    q = one("“Take the package now,” said senior adviser David Axelrod.")
    assert q["speaker"] == "David Axelrod"
    body = (
        "Vice President Mike Pence met donors.\n\n"
        "“He was never told,” said Pence press secretary Alyssa Farah."
    )
    assert one(body)["speaker"] == "Alyssa Farah"


def test_two_appositives_and_initials_kept_in_the_name():
    q = one(
        "Senator Mitch McConnell, R-Ky., who backed a rival in the primary, said in a "
        'statement: "If these allegations are true, he must step aside."'
    )
    assert q["speaker"] == "Mitch McConnell"
    q = one("Inspector General Michael E. Horowitz said he was “deeply troubled” by the texts.")
    assert q["speaker"] == "Michael E. Horowitz"


# --- attribution across sentences and paragraphs (fixtures written for these tests) -----


def test_pronoun_goes_to_the_last_person_of_its_gender():
    body = (
        "Ann Lee met the mayor and said she was late. Tom Brandt said the meeting went "
        "badly.\n\n“I am very disappointed,” she said.\n\n“So am I,” he said."
    )
    rows = quotes_of(body).to_dicts()
    assert [r["speaker"] for r in rows] == ["Ann Lee", "Tom Brandt"]


def test_gender_from_the_article_outweighs_nothing_known():
    # Neither first name tells a gender; the article's "Mrs" and "his" do.
    body = (
        "Mrs Okonkwo reached the hospital at noon. Adebayo Eze said his ribs were broken."
        "\n\n“There was blood everywhere,” she said."
    )
    assert one(body)["speaker"] == "Okonkwo"


def test_a_role_word_stands_for_its_named_holder():
    body = (
        "Police Chief Maria Gomez arrived at the scene. Officers searched the house.\n\n"
        "“We have no suspect yet,” the chief said."
    )
    assert one(body)["speaker"] == "Maria Gomez"


def test_names_are_cut_at_entity_boundaries():
    q = one("Mayor of Northport Sadiq Halloran said: “Our thoughts are with the families.”")
    assert q["speaker"] == "Sadiq Halloran"
    q = one("Secretary of the Interior Ryan Zell said: “The permits are on hold.”")
    assert q["speaker"] == "Ryan Zell"
    q = one("Coastal Transport police Asst Ch Con Robin Vale said: “We are investigating.”")
    assert q["speaker"] == "Robin Vale"
    # "Coastal Transport" before a lower-case "police" is an organisation, never a person.
    body = (
        "Coastal Transport police did not respond.\n\n"
        "“It was like something out of a film,” she said."
    )
    assert one(body)["speaker"] is None


def test_a_spokesman_speaks_for_the_organisation():
    q = one('A Harbour Police spokesman said: "Officers are at the scene."')
    assert q["speaker"] == "Harbour Police"
    q = one(
        "“Hunting can help the species,” a spokesperson for the Fish and Wildlife Service said."
    )
    assert q["speaker"] == "Fish and Wildlife Service"
    body = (
        "The Rail Safety Investigation Branch (RSIB) opened an inquiry.\n\n"
        "An RSIB spokesman said: “The tram was going too fast.”"
    )
    assert one(body)["speaker"] == "Rail Safety Investigation Branch"
    body = (
        "A Valley Fire Brigade spokesman said crews arrived at 6am.\n\n"
        '"There are eight fire engines here," they added.'
    )
    assert one(body)["speaker"] == "Valley Fire Brigade"


def test_a_spokesman_for_a_person_is_not_an_organisation():
    body = "Danny Ruiz left early.\n\n“He is grieving,” a spokeswoman for Ruiz said."
    assert one(body)["speaker"] is None


def test_speaker_named_in_the_sentence_before_the_quote():
    body = (
        "Navy veteran Kevin Marsh, 57, was one of those hurt. He said the tram did not slow "
        "down at the tunnel.\n\n“Usually you feel the brakes, but not this time.”"
    )
    q = one(body)
    assert (q["speaker"], q["verb"]) == ("Kevin Marsh", None)


def test_the_one_a_sentence_has_speak_is_who_it_is_about():
    body = (
        "Tai Bello, who was on his way to work, was “very anxious”, Ms Okafor said.\n\n"
        "“Even my husband was covered with blood,” she said."
    )
    rows = quotes_of(body).to_dicts()
    assert [r["speaker"] for r in rows] == ["Okafor", "Okafor"]


def test_relative_clause_and_object_are_not_the_speaker():
    q = one(
        "Representative Kurt Sorensen, who backed Mr. Ryan, said the party needs “a "
        "working man and woman’s agenda”."
    )
    assert q["speaker"] == "Kurt Sorensen"
    body = (
        "Congressman Bob Hale spoke to reporters.\n\n"
        "A young man, dressed in a suit, approached the congressman, saying: “Do you "
        "support the agenda?”"
    )
    assert one(body)["speaker"] is None


def test_short_fragments_inside_a_reporters_sentence():
    q = one("Agent Peter Sand testified for hours. Mr. Sand expressed “significant regret”.")
    assert (q["text"], q["speaker"], q["is_partial"]) == (
        "significant regret",
        "Peter Sand",
        True,
    )
    assert quotes_of("The so-called “peace plan” failed.").height == 0
    # Titles are not quotes, however long: a bill, a show.
    assert quotes_of("Ann Lee branded it the “Voter Roll Protection Act” in speeches.").height == 0
    assert quotes_of("She spoke on “The Late Show with Stephen Colbert” last night.").height == 0
    assert quotes_of("Everyone called it “historic” at the time.").height == 1  # has a verb
    assert quotes_of("It was a “historic” day.").height == 0  # one word, no verb


def test_quotes_cut_with_an_ellipsis_are_truncated():
    rows = quotes_of(
        "“We are … deeply sorry,” Ann Lee said. “It was in a box...they found it,” Bo Chen "
        "said. “It is over,” Di Park said."
    ).to_dicts()
    assert [r["is_truncated"] for r in rows] == [True, True, False]


def test_double_style_copy_with_words_in_single_marks():
    body = (
        "Scientists found ‘smoke rings’ that may ‘suck up’ small creatures and travel at "
        "‘high speed’ over ‘long distances’.\n\n"
        "Lead author Chris Holm said: “What we found was a pair of eddies spinning together.\n"
        "“They travel all the way across the sea, taking six months to do it.”"
    )
    q = one(body)
    assert q["speaker"] == "Chris Holm"
    assert q["text"].startswith("What we found") and q["text"].endswith("to do it.")


@needs_shared
def test_real_dev_gold_floor():
    from benchmarks.compare_quotes import score_real_quotes

    result = score_real_quotes("dev")
    # Floors below the dev figures when written (span F1 0.985, span+speaker F1 0.907 with
    # the shipped ranker, 0.87 with the rules alone): heuristics to guard against
    # regression, on the split the rules were tuned and the ranker trained on.
    assert result["span"]["f1"] >= 0.96
    assert result["span_speaker"]["f1"] >= 0.87
    assert result["truncated"]["recall"] >= 0.9
    rules = score_real_quotes("dev", speaker_ranker=None)
    assert rules["span_speaker"]["f1"] >= 0.84


def test_a_titled_surname_goes_to_the_full_name_of_that_gender():
    body = (
        "Senator Ted Bruz attacked the ad about his wife, Heidi Bruz.\n\n"
        "Mr. Bruz told his rival to “leave Heidi alone”."
    )
    assert one(body)["speaker"] == "Ted Bruz"


def test_which_said_and_an_introductory_phrase():
    q = one(
        "The ad was denounced by the Log Cabin Group, a gay and lesbian club, which said "
        "it was “wrong for the governor to assume that”."
    )
    assert q["speaker"] == "Log Cabin Group"
    q = one(
        "Prior to the declaration, House Speaker Nina Pell called it a gross abuse and "
        "vowed that “Congress will defend its authority.”"
    )
    assert (q["speaker"], q["verb"]) == ("Nina Pell", "vowed")


def test_a_person_after_a_preposition_can_be_he_but_never_a_subject():
    body = (
        "Donald Tramp posted about the wall.\n\n"
        "This drew a fiery response from Vicente Fax, as he called on Tramp to “stop lying.”"
    )
    assert one(body)["speaker"] == "Vicente Fax"
    q = one("“We will appeal,” said a lawyer for Ana Ruiz.")
    assert q["speaker"] is None


def test_the_role_goes_to_its_named_holder_not_the_sentence_subject():
    body = (
        "The boy found the gun in the glove box, Sheriff Bob Galt said.\n\n"
        "Kevin Ahl, 23, the father, turned away and heard the shot, the sheriff said. "
        "“He probably barely got the trigger pulled.”"
    )
    assert one(body)["speaker"] == "Bob Galt"
    body = (
        "Dean Esser, the police chief, spoke on Saturday. Mayor Tom Stef stood beside him."
        "\n\n“We will find who did this,” the chief said."
    )
    assert one(body)["speaker"] == "Dean Esser"


def test_participles_teams_and_clauses_after_saying():
    body = (
        "Later, as champagne flew, Chicago Cubs shortstop Addison Russo smiled.\n\n"
        "“This team thrives on the fans,” he said."
    )
    assert one(body)["speaker"] == "Addison Russo"
    q = one("Speaking Friday, spokeswoman Hua Chun said it was “irresponsible to blame others”.")
    assert q["speaker"] == "Hua Chun"
    body = (
        "Bassem Tamar spoke to reporters.\n\n"
        "He called the indictment a “political trial” saying Israel dug up old incidents."
    )
    assert one(body)["speaker"] == "Bassem Tamar"


def test_suffixes_and_prepositional_phrases_around_a_name():
    body = (
        "Attorney General Eric H. Holden Jr. flew to Ferguson.\n\n"
        "“Our investigation will be fair,” Mr. Holden wrote."
    )
    assert one(body)["speaker"] == "Eric H. Holden"
    q = one(
        "Capt. Ron Jensen of the Missouri State Highway Patrol said they had reached “a "
        "turning point.”"
    )
    assert q["speaker"] == "Ron Jensen"
    q = one("Maggie Haber in the New York Times today explains why: “He is poised to run.”")
    assert q["speaker"] == "Maggie Haber"


def test_someones_lawyer_is_the_named_lawyer_never_the_client():
    body = (
        "Aitan Gold, Mr. Stroud’s attorney, denounced the dismissal.\n\n"
        "The delays were the “result of bureaucratic snafus,” Mr. Stroud’s lawyer wrote."
    )
    assert one(body)["speaker"] == "Aitan Gold"
    body = "Peter Stroud was fired.\n\n“It was a farce,” Mr. Stroud’s lawyer wrote."
    assert one(body)["speaker"] is None


def test_a_time_phrase_between_subject_and_verb():
    body = (
        "President Donald Tramp fired the agent.\n\n"
        "The president over the weekend had tweeted that agents had “badly damaged” the bureau."
    )
    assert one(body)["speaker"] == "Donald Tramp"


def test_block_quote_over_paragraphs_with_one_closing_mark():
    body = (
        "The blog wrote:\n\n“Expect more of this. The left captured the majority.\n\n"
        "Let us recap what we saw on this video.\n\n"
        "It is going to be a long summer. Act accordingly.”\n\nThat was the end."
    )
    q = one(body)
    assert q["text"].startswith("Expect more") and q["text"].endswith("Act accordingly.")
    assert body[q["end"] - 16 : q["end"]] == "Act accordingly."


def test_a_quote_introduced_by_a_colon_without_a_speech_verb():
    body = (
        "Donald Tramp took to his phone on Monday night:\n\n"
        "“Agent Stroud was just fired from the FBI - finally.”"
    )
    assert one(body)["speaker"] == "Donald Tramp"


def test_single_style_nested_quote_and_a_lost_space_after_a_closing_mark():
    body = (
        "Researchers think the eddies could 'suck-up' small creatures.\n"
        "The 'smoke-rings'were seen off Australia by satellite.\n"
        "'What we found was a pair of eddies spinning together,' said Professor Ann Hale of "
        "the University of Liverpool.\n"
        "'My thinking is that these eddies could 'suck-up' small creatures and carry them "
        "far.'\n"
        "O'Brien told the BBC it was 'not rock'n'roll' at all."
    )
    rows = quotes_of(body).to_dicts()
    # 'rings'were: the quote closes at the lost space and opens no quote up to the next
    # paragraph; the nested 'suck-up' stays inside the quote it is part of; O'Brien's
    # apostrophe opens nothing.
    assert [(r["text"], r["speaker"]) for r in rows] == [
        ("What we found was a pair of eddies spinning together,", "Ann Hale"),
        (
            "My thinking is that these eddies could 'suck-up' small creatures and carry them far.",
            "Ann Hale",
        ),
        ("not rock'n'roll", "O'Brien"),
    ]


def test_the_person_opening_the_text_after_the_quote_beats_the_group_in_the_appositive():
    q = one(
        "“This bill includes the most extreme changes on asylum,” Kerri Talbot, the director "
        "of federal advocacy at the group Immigration Hub, said on a press call."
    )
    assert (q["speaker"], q["verb"]) == ("Kerri Talbot", "said")


def test_with_a_name_saying_has_that_name_speak():
    q = one(
        "Republicans tore into the agent Peter Strzok, with House Oversight Committee "
        "Chairman Trey Gowdy saying he exhibited “textbook bias.”"
    )
    assert (q["speaker"], q["verb"]) == ("Trey Gowdy", "saying")


def test_a_lost_closing_mark_before_the_attribution_splits_the_quotes_there():
    body = (
        "Sen. Lindsey Graham also lambasted Schiff on Thursday.\n\n"
        '"He has made some outrageous comments, Graham said. "He is getting into '
        'conspiracy land."\n\nSchiff did not answer.'
    )
    rows = quotes_of(body).to_dicts()
    assert [(r["text"], r["speaker"]) for r in rows] == [
        ("He has made some outrageous comments,", "Lindsey Graham"),
        ("He is getting into conspiracy land.", "Lindsey Graham"),
    ]
    assert body[rows[1]["start"] : rows[1]["end"]] == "He is getting into conspiracy land."


def test_ranker_features_for_an_unnamed_speaker_and_a_person_spoken_to():
    from clustering.extract.quotes import quote_contexts
    from clustering.extract.speakers import FEATURES, candidate_features

    body = (
        "Rep. Bob Etheridge grabbed the camera.\n\n"
        "Another man, not seen on camera, then tells Etheridge, “We are students.”\n\n"
        "“I regret it,” Etheridge said."
    )
    ((_, context),) = quote_contexts(pl.DataFrame({"article_id": ["a"], "body": [body]}))
    first, second = (
        {name: dict(zip(FEATURES, v, strict=True)) for name, v in candidates}
        for candidates in candidate_features(context)
    )
    assert first["Bob Etheridge"]["addressed"] == 1.0
    assert first["Bob Etheridge"]["unnamed_subject"] == 1.0  # "Another man ... tells"
    assert second["Bob Etheridge"]["addressed"] == 0.0
    assert second["Bob Etheridge"]["unnamed_subject"] == 0.0
    assert quotes_of(body)["speaker"].to_list() == [None, "Bob Etheridge"]


def test_a_label_after_known_as_a_or_dubbed_a_is_a_scare_quote():
    body = (
        "Known as a ‘smoke ring’, it is a new type of eddy. The figures were dubbed a "
        "‘list of shame’. ‘We found a pair of eddies,’ said Professor Ann Hale."
    )
    assert [(r["text"], r["speaker"]) for r in quotes_of(body).to_dicts()] == [
        ("We found a pair of eddies,", "Ann Hale")
    ]


def test_describing_words_credits_and_shouted_headlines_are_cut_from_speaker_names():
    cases = {
        "Billionaire Elon Musk said: “The rocket will fly next year.”": "Elon Musk",
        "“We will comply,” San Diego-headquartered Qualcomm said.": "Qualcomm",
        "“The test failed,” U.N. Secretary-General Ban Ki-moon said.": "Ban Ki-moon",
        "Apparently Putin said: “We never did that.”": "Putin",
        "SET UP FRAUD ALERTS Equifax said: “Customers should check their files.”": "Equifax",
        "Reuters Equifax said: “Customers should check their files.”": "Equifax",
    }
    for body, speaker in cases.items():
        assert one(body)["speaker"] == speaker, body
    # "the comedian" later is who the sentence is about, not the last "Comedian X".
    body = (
        "Comedian Amy Schumer joined the parade.\n\n"
        "Long-time fan Bob Newhart tweeted his congratulations. ‘The goat is dead!’ the "
        "87-year-old comedian wrote."
    )
    assert quotes_of(body)["speaker"].to_list() == ["Bob Newhart"]


def test_police_offices_and_the_white_house_speak_as_organisations():
    cases = {
        "“We are reviewing the bill,” the White House said on Monday.": "White House",
        "“He was taken to hospital,” police said.": "police",
        "“He was taken to hospital,” Tulsa police said.": "Tulsa police",
        "“The suspect fled on foot,” according to police.": "police",
        "“The suspect fled,” the Marion County Sheriff's Office said.": (
            "Marion County Sheriff's Office"
        ),
        "Steve Scalise's office said he was “in critical condition.”": "Steve Scalise's office",
        # A person holding the title is still the person.
        "White House Press Secretary Sarah Sanders said: “We are reviewing it.”": ("Sarah Sanders"),
    }
    for body, speaker in cases.items():
        assert one(body)["speaker"] == speaker, body
    # "police" later is the force the article named before; "the sheriff's department"
    # the office named before in the possessive.
    body = (
        "The Slidell Police Department arrested him on Thursday. “He was the middle man,” "
        "police said.\n\nThe Marion County Sheriff's Department responded to the call. “The "
        "boy was alone,” the sheriff's department said."
    )
    assert quotes_of(body)["speaker"].to_list() == [
        "Slidell Police Department",
        "Marion County Sheriff's Department",
    ]


@pytest.mark.xfail(
    reason="at the speaker ranker's threshold since issue 16's ninth pass retrain (p 0.189 "
    "for Mossack Fonseca against 0.2; 0.2 or just over before): the rules read 'Mossack "
    "Fonseca' as a person, so 'a company spokesman' finds no company and the quote rests "
    "on the ranker alone",
    strict=True,
)
def test_an_outlet_told_something_is_not_whom_a_company_spokesman_speaks_for():
    body = (
        "Mossack Fonseca opens 20,000 companies a year, Ramon Fonseca told the Associated "
        "Press.\n\nMossack Fonseca has denied any wrongdoing. “Nothing in these documents "
        "suggests we did anything wrong,” a company spokesman said."
    )
    assert one(body)["speaker"] == "Mossack Fonseca"


def test_an_outlet_passing_on_a_quote_is_not_its_speaker():
    body = (
        "Taliban spokesman Zabihullah Mujahid said that the fighters had been sent "
        '"with a mission to destroy the consulate," Reuters reported.\n'
        'All German consulate staff were "safe and uninjured," the German foreign ministry '
        "said."
    )
    assert [(r["speaker"], r["verb"]) for r in quotes_of(body).to_dicts()] == [
        ("Zabihullah Mujahid", "said"),
        ("German foreign ministry", "said"),
    ]
    # An outlet with nobody quoted before it is still the source.
    assert one("“The talks failed,” Reuters reported.")["speaker"] == "Reuters"


def test_a_clause_subject_and_a_possessive_role_speak():
    body = (
        "Speaker Nancy Pelosi rejected it before Mr. Trump spoke, and Senator Chuck Schumer, "
        "the Democratic leader, denounced the offer as “not a compromise but more hostage "
        "taking.”"
    )
    assert one(body)["speaker"] == "Chuck Schumer"
    body = (
        "Strzok attorney Aitan Goelman said in a statement Monday that his client was fired "
        "by Attorney General Jeff Sessions.\n\nThe chairman spoke to Fox News.\n\nStrzok’s "
        "attorney, meanwhile, blasted the bureau on Monday, saying the deputy director "
        "“reversed the decision of the career official.”"
    )
    assert one(body)["speaker"] == "Aitan Goelman"


def test_reported_speech_and_a_handle():
    body = (
        "DeAndre Jones sat on the stand for four hours.\n"
        '"You ready to hit this lick?" Jones recalled one of the brothers saying.\n'
        '"Get in the car," Jones recalled James Poore saying.'
    )
    rows = quotes_of(body).to_dicts()
    # The witness reports someone else's words: an unnamed brother's, then a named one's.
    assert [(r["speaker"], r["verb"]) for r in rows] == [
        (None, "recalled"),
        ("James Poore", "recalled"),
    ]
    body = (
        "Twitter account @Flightradar24 noted the flight's progression with this note: "
        '"Time travel is possible." Write to news@example.com.'
    )
    assert one(body)["speaker"] == "Flightradar24"


def test_a_description_then_the_name_after_a_quote_and_an_unnamed_speaker_going_on():
    body = (
        "Ashford Rovers have agreed a fee with CD Montemar for the striker Tiago Mendes.\n\n"
        "“Tiago is the kind of striker who changes games,” the Ashford manager, Graham "
        "Holt, said."
    )
    assert one(body)["speaker"] == "Graham Holt"
    body = (
        "Pelosi defeated her lone challenger, Rep. Tim Ryan, by a vote of 134 to 63.\n\n"
        "“There’s a whole lot of anger,” said one Democrat who opposed her. “I’m astounded "
        "that this caucus refuses to change.”"
    )
    # Someone unnamed speaks, and goes on speaking: no one named near it is the speaker.
    assert quotes_of(body)["speaker"].to_list() == [None, None]


def test_an_acronym_is_the_organisation_whose_initials_it_is():
    body = (
        "The U.S. Fish and Wildlife Service lifted the ban. Hours later, the FWS said the "
        "plan was “part of a robust strategy.”\n\nThe Department of Justice opened a case. "
        "“We will not comment,” the DOJ said."
    )
    assert quotes_of(body)["speaker"].to_list() == [
        "U.S. Fish and Wildlife Service",
        "Department of Justice",
    ]


def test_a_relation_before_the_name_and_an_introductory_phrase_before_the_subject():
    body = (
        "Police said Melanie Johnson was not the target. “To lose my niece. I do not even "
        "have words,” said Johnson's aunt, Sheila Kitchens."
    )
    assert one(body)["speaker"] == "Sheila Kitchens"
    body = (
        "Judge Patrick J. Clifford heard the plea. Gregory Fulcher approached the podium. "
        "After thanking Clifford and the prosecution team, Fulcher also thanked “the Lord "
        "Jesus, that helped us through this from day one.”"
    )
    assert one(body)["speaker"] == "Gregory Fulcher"


def test_a_bare_spokesman_speaks_for_the_whole_name_cut_at_of():
    body = (
        "The shooting happened near Suburban Hospital. The National Institutes of Health "
        'main campus was on "heightened alert," a spokesman said.'
    )
    assert one(body)["speaker"] == "National Institutes of Health"


def test_a_party_and_state_is_no_speaker_candidate():
    from clustering.extract.quotes import quote_contexts
    from clustering.extract.speakers import candidate_features

    body = (
        "Rep. Bob Etheridge (D-N.C.) grabbed the camera of a student.\n\n"
        "“Who are you?” the man was asked."
    )
    ((_, context),) = quote_contexts(pl.DataFrame({"article_id": ["a"], "body": [body]}))
    (candidates,) = candidate_features(context)
    assert [name for name, _ in candidates] == ["Bob Etheridge"]


def test_a_name_inside_the_subjects_appositive_does_not_speak():
    from clustering.extract.quotes import quote_contexts
    from clustering.extract.speakers import candidate_features

    # "Harbor Hub" reads as a person's name (no organisation word): only its place inside
    # the appositive tells that Maria Okafor, not it, is the subject of "said".
    body = (
        "The council voted on the plan on Monday.\n\n"
        "“This plan leaves every tenant on the street,” Maria Okafor, the director of "
        "outreach at the charity Harbor Hub, said on a call on Tuesday."
    )
    assert one(body)["speaker"] == "Maria Okafor"
    ((_, context),) = quote_contexts(pl.DataFrame({"article_id": ["a"], "body": [body]}))
    (site,) = context.sites
    assert site.rule_speaker == "Maria Okafor"
    subjects = [name for _, name in context.subjects[site.first]]
    assert subjects == ["Maria Okafor"]
    (candidates,) = candidate_features(context)
    assert "Harbor Hub" in [name for name, _ in candidates]


def test_a_title_case_quote_after_a_work_noun_is_a_title_not_a_quote():
    body = (
        "Before he was born, his mother chose the folk song, “Quiet River Home,” for him. "
        "“He loved it,” she said."
    )
    frame = pl.DataFrame({"article_id": ["a"], "body": [body]})
    assert extract_quotes(frame)["text"].to_list() == ["He loved it,"]


def test_a_headline_written_out_in_title_case_is_not_a_quote():
    # Speech is never written with every word capitalised; a page's headline is.
    body = (
        "The page carried the phrase: “Why Did The Firm Use A Site So Easy To Copy?” "
        "“We fixed it the same day,” the owner said."
    )
    assert quotes_of(body)["text"].to_list() == ["We fixed it the same day,"]
    # Words in capitals only are shouted, not a headline.
    assert not _looks_like_headline("LOCK HER UP NOW")
    assert _looks_like_headline("Why Did The Firm Use A Site So Easy To Copy?")


def test_a_title_needs_a_capitalised_word_and_reads_ordinals_whole():
    # "1 in 3" has no capitalised word: it is the speaker's figure, not a title;
    # "The 2nd Amendment" is a title although "2nd" holds lower-case letters.
    body = (
        'Speaker Tom Reed admitted there is a "1 in 3" chance of losing. '
        'His photo shows a rifle above "The 2nd Amendment" in cursive.'
    )
    rows = quotes_of(body).to_dicts()
    assert [(r["text"], r["speaker"]) for r in rows] == [("1 in 3", "Tom Reed")]


def test_a_short_quote_between_a_determiner_and_a_noun_is_a_label():
    # "the 'off center' placement" names a thing; "a 'reign of terror' brought about by"
    # is a phrase someone used (the word after it is a participle, not a noun).
    body = (
        "The ‘off center’ placement of the sensor may change. "
        'Mr. Hale said the party is under a "reign of terror" brought about by its right.'
    )
    assert quotes_of(body)["text"].to_list() == ["reign of terror"]


def test_a_one_word_quote_after_a_verb_of_saying_is_the_subjects():
    # "calling them an 'epidemic'" gives the word to the prosecutor; "the self-identified
    # 'student'" is a scare quote (no verb of saying or naming before it).
    body = (
        "Prosecutor Kym Doyle condemned the shootings on Monday, calling them an "
        '"epidemic" that must end. The video shows the self-identified "student" again.'
    )
    rows = quotes_of(body).to_dicts()
    assert [(r["text"], r["speaker"]) for r in rows] == [("epidemic", "Kym Doyle")]


def test_an_organisation_or_place_opening_the_clause_speaks_for_a_fragment():
    # No person opens the clause: the country or city that does is whose words these are.
    body = (
        "The region is home to many Tunisians.\n"
        'Tunisia condemned the "extreme cowardice" of the attack on Friday.\n'
        'Separately, Erie has issued a snow emergency, citing "dangerous and impassable" '
        "roads."
    )
    rows = quotes_of(body).to_dicts()
    assert [(r["text"], r["speaker"]) for r in rows] == [
        ("extreme cowardice", "Tunisia"),
        # "Separately," is no name; the city after it opens the clause (issue 16, sixteenth
        # pass: a sentence adverb and its comma may stand before the opener).
        ("dangerous and impassable", "Erie"),
    ]
    rows = quotes_of(body.replace("Separately, Erie", "Erie")).to_dicts()
    # Issue 16: a one-word name the article writes once, opening a sentence, that the
    # gazetteer does not know (Tunisia it does) is no speaker; read on real coverage,
    # such words were mostly capitalised common words ("Initial", "Debate").
    assert rows[1]["speaker"] is None


def test_the_tech_giant_and_a_knesset_member_title():
    # "the tech giant said" is the company named before it; "MK" (Member of Knesset) is a
    # title in capitals, not part of the name.
    body = (
        "Vice News reported the issue. Twitter at the time said it was a glitch.\n"
        "“We do not shadow ban,” the tech giant said in a statement.\n"
        "“The decision is contrary to the interests of the State,” MK Tzipi Livni said."
    )
    rows = quotes_of(body).to_dicts()
    assert [r["speaker"] for r in rows] == ["Twitter", "Tzipi Livni"]


def test_a_party_after_the_speaker_is_not_the_speaker():
    # "of the Meretz party" and "of the center-left Labor Party" hang on the person before
    # them: the person is the subject of "said", and the next quote stays theirs.
    body = (
        "“Likud laid the mines for the peace process,” Ilan Gilon of the Meretz party said. "
        "“The public is fed up with the Likud.”\n"
        "Ehud Barak, who as the leader of the center-left Labor Party served briefly, said "
        "at the conference that “a fanatic seed has taken over the Likud.”"
    )
    rows = quotes_of(body).to_dicts()
    assert [r["speaker"] for r in rows] == ["Ilan Gilon", "Ilan Gilon", "Ehud Barak"]


def test_a_headline_opening_the_body_and_a_titled_surname_before_a_full_name():
    # The body repeats its headline: "Trump Lashes Out" is no person; "President Trump",
    # written on its own long before "the first lady, Melania Trump", is not her.
    title = "Trump Lashes Out at Kathy Griffin and Democrats"
    body = (
        f"{title}\n\n"
        "WASHINGTON — President Trump assailed a comedian on Wednesday.\n\n"
        "In a statement, the first lady, Melania Trump, questioned Ms. Griffin’s sanity. "
        "“That photo is very disturbing,” she said.\n\n"
        "“So now it is reported that the Democrats don’t want him to testify,” Mr. Trump "
        "wrote."
    )
    rows = extract_quotes(
        pl.DataFrame({"article_id": ["a"], "body": [body], "title": [title]})
    ).to_dicts()
    assert [r["speaker"] for r in rows] == ["Melania Trump", "Trump"]


def test_she_after_someone_unnamed_is_not_the_woman_named_before():
    body = (
        "Pruitt said her daughter and son-in-law had been together for a long time.\n"
        "“I don’t know what happened,” Sheila Pruitt said.\n"
        "A woman who lives across the street, who asked not to be identified, described "
        "the family as caring people who would ask how they could help out.\n"
        "“It’s hard to believe that we won’t see them again,” she said."
    )
    rows = quotes_of(body).to_dicts()
    # The neighbour is not named: her words have no speaker, not the mother's name.
    assert [r["speaker"] for r in rows] == ["Sheila Pruitt", None]


def test_a_label_after_a_possessive_and_modifiers_is_no_quote():
    body = (
        "The letter followed Neil Portnow's controversial “step up” remarks.\n"
        "A day after he made his “step up” remark, he issued another statement.\n"
        "Ann Lee said the plan was “dead on arrival” in the Senate."
    )
    rows = quotes_of(body).to_dicts()
    # The labels between a possessive (and adjectives) and a noun are not quotes; the
    # words a verb gives to Ann Lee are.
    assert [(r["text"], r["speaker"]) for r in rows] == [("dead on arrival", "Ann Lee")]


def test_a_name_with_no_verb_after_the_quote_and_school_officials():
    body = (
        "“It’s escalating,” Pastor Lynwood Deans said.\n"
        "“We have a horrendous problem,” Evangelist Reginald Benjamin.\n"
        "“It was real tough here today,” said Cameron Blakely, a friend of Austin's. "
        "“He was such a good guy.” School officials say it has been a shock."
    )
    rows = quotes_of(body).to_dicts()
    # The outlet dropped "said" after Benjamin; "School" (a common noun opening the
    # sentence) is no organisation whose officials speak: Blakely goes on talking.
    assert [r["speaker"] for r in rows] == [
        "Lynwood Deans",
        "Reginald Benjamin",
        "Cameron Blakely",
        "Cameron Blakely",
    ]
    # A name after a quote that does not end on a comma is its object, not its speaker.
    body = (
        "President Donald Trump flew to Helsinki.\n"
        "Sen. Mark Warner said he is concerned that Putin will take “full advantage of an "
        "ill-prepared” Trump."
    )
    assert quotes_of(body)["speaker"].to_list() == ["Mark Warner"]


def test_what_someone_unnamed_calls_it_has_no_speaker():
    body = (
        "Kari Thompson said police have seen more reckless shootings, in what one officer "
        "described as “neighborhood wars.”\n"
        "It is unclear what led to what some neighbors are calling “retaliation shootings.”"
    )
    rows = quotes_of(body).to_dicts()
    assert [(r["text"], r["speaker"]) for r in rows] == [
        ("neighborhood wars.", None),
        ("retaliation shootings.", None),
    ]


# One pass over the words gives both the capitalised runs and the lower-case words
# `_mentions` used to read in a second scan (`_WORD_TOKEN.findall`): the values below are
# what the two separate passes gave before they were merged.
_NAME_PASS_BODY = (
    "Secretary of State John F. Kerry’s aide met Ludwig van Beethoven and the company's "
    "de facto chief, Mr. Smith, in Washington D.C. on Monday. NAACP President Benjamin "
    "Jealous said the U.S. Fish and Wildlife Service's rules, van der Berg's and de la Cruz "
    "were wrong; Speaking later, the Arizona Republican said O'Neill and Jean-Luc Picard agreed."
)


def test_one_word_pass_gives_the_runs_and_lower_case_words_of_the_two_old_passes():
    from clustering.extract.quotes import _WORD_TOKEN, _name_tokens

    lower_words: set[str] = set()
    runs = _name_tokens(_NAME_PASS_BODY, lower_words)
    assert runs == _name_tokens(_NAME_PASS_BODY)  # collecting the words changes no run
    assert [" ".join(t[2] for t in run) for run in runs] == [
        "Secretary",
        "State John F Kerry",
        "Ludwig van Beethoven",
        "Mr Smith",
        "Washington D C",
        "Monday",
        "NAACP President Benjamin Jealous",
        "U S Fish",
        "Wildlife Service",
        "Berg",  # "van der" leads no run: a particle only joins one
        "Cruz",
        "Speaking",
        "Arizona Republican",
        "O'Neill",
        "Jean-Luc Picard",
    ]
    assert runs[1][-1] == (27, 32, "Kerry")  # possessive cut off
    assert lower_words == {w for w in _WORD_TOKEN.findall(_NAME_PASS_BODY) if w.islower()}
    assert sorted(lower_words) == [
        "agreed", "aide", "and", "chief", "company's", "de", "der", "facto", "in", "la",
        "later", "met", "of", "on", "rules", "said", "the", "van", "were", "wrong",
    ]  # fmt: skip


def test_raw_names_of_the_shared_word_pass():
    from clustering.extract.quotes import _raw_names

    lower_words: set[str] = set()
    names = _raw_names(_NAME_PASS_BODY, lower_words)
    assert names == _raw_names(_NAME_PASS_BODY)
    assert "company's" in lower_words
    assert [(n.full_name, n.text, n.titled, n.is_org, n.possessive) for n in names] == [
        ("", "Secretary", True, False, False),
        ("John F. Kerry", "John F. Kerry", True, False, True),
        ("Ludwig van Beethoven", "Ludwig van Beethoven", False, False, False),
        ("Smith", "Mr. Smith", True, False, False),
        ("Washington D.C", "Washington D.C", False, False, False),
        ("Monday", "Monday", False, True, False),
        ("Benjamin Jealous", "NAACP President Benjamin Jealous", True, False, False),
        # (one name since issue 16's tenth pass: "U.S. Fish" and "Wildlife Service" before)
        ("U.S. Fish and Wildlife Service", "U.S. Fish and Wildlife Service", False, True, True),
        ("Berg", "Berg", False, False, True),
        ("Cruz", "Cruz", False, False, False),
        ("", "Arizona Republican", True, False, False),
        ("O'Neill", "O'Neill", False, False, False),
        ("Jean-Luc Picard", "Jean-Luc Picard", False, False, False),
    ]


def test_speaker_scores_in_one_matrix_equal_the_per_candidate_scores_bit_for_bit():
    import math

    import numpy as np

    from clustering.extract.speakers import default_ranker

    ranker = default_ranker()
    rng = np.random.default_rng(7)
    n = len(ranker.features)
    # Around the training scale, some far out (clipped at |z| = 60), some repeated rows.
    matrix = np.vstack(
        [
            rng.normal(ranker.mean, ranker.scale, size=(300, n)),
            rng.normal(ranker.mean, 50 * np.asarray(ranker.scale), size=(50, n)),
            np.zeros((2, n)),
            rng.integers(0, 3, size=(20, n)).astype(float),
        ]
    )

    def by_formula(row: list[float]) -> float:  # the per-candidate arithmetic written out
        z = ranker.intercept + sum(
            c * (x - m) / s
            for c, x, m, s in zip(ranker.coef, row, ranker.mean, ranker.scale, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    one_by_one = [by_formula(row.tolist()) for row in matrix]
    assert ranker.probabilities(matrix) == one_by_one  # exact: no tie may flip
    assert [ranker.probability(row.tolist()) for row in matrix[:20]] == one_by_one[:20]
    with pytest.raises(ValueError, match="one value per feature"):
        ranker.probability([0.0] * (n - 1))
    assert ranker.probabilities(np.empty((0, n))) == []
    assert 0.0 < min(one_by_one) < 1e-20 and max(one_by_one) > 1 - 1e-12


_SCANNED = [
    "Tulsa police said",
    "the sheriff's office said",
    "The fire department confirmed",
    "the coroner’s office",
    "the medical examiner's office",
    "the foreign ministry said",
    "the Marion County Sheriff's Office said",
    "Steve Scalise's office",
    "a Justice Department spokesman said",
    "A spokesperson for the U.S. Fish and Wildlife Service said",
    "An RAIB press officer said",
    "the council statement",
    "A spokeswoman added",
]


def test_skipped_scans_need_a_word_every_match_has():
    from clustering.extract.quotes import _NEEDED_WORDS, _finditer

    found = 0
    for pattern, words in _NEEDED_WORDS.items():
        for text in _SCANNED:
            matches = [m.group() for m in pattern.finditer(text)]
            assert [m.group() for m in _finditer(pattern, text)] == matches
            assert all(any(w in m for w in words) for m in matches), (pattern.pattern, text)
            found += len(matches)
        assert list(_finditer(pattern, "The mayor said nothing.")) == []
    assert found == 10  # matches over the four patterns
    # _POSSESSIVE_OFFICE runs only where its tail is ("'s Office", rarer than any word):
    # every match holds it.
    from clustering.extract.quotes import _POSSESSIVE_OFFICE, _POSSESSIVE_OFFICE_TAIL

    offices = [m.group() for text in _SCANNED for m in _POSSESSIVE_OFFICE.finditer(text)]
    assert offices == ["Marion County Sheriff's Office", "Steve Scalise's office"]
    assert all(_POSSESSIVE_OFFICE_TAIL.search(m) for m in offices)
    assert _POSSESSIVE_OFFICE_TAIL.search("the officer's car and the Department") is None


@needs_shared
def test_skipped_scans_find_every_match_on_real_articles():
    from clustering.extract.quotes import _NEEDED_WORDS, _finditer

    path = SHARED / "labelled" / "gvc.jsonl"
    bodies = [json.loads(line)["body"] or "" for line in path.open(encoding="utf-8")][:200]
    skipped = 0
    for pattern in _NEEDED_WORDS:
        for body in bodies:
            spans = [m.span() for m in pattern.finditer(body)]
            assert [m.span() for m in _finditer(pattern, body)] == spans
            skipped += not any(w in body for w in _NEEDED_WORDS[pattern])
    assert skipped >= 200  # the scans skipped, out of 4 x 200


def test_verb_matches_equals_the_verb_pattern_scan() -> None:
    # verb_matches is the fast path of list(_VERB.finditer(body)) (issue 14): the same
    # matches, at the same offsets, including multi-word forms, capitals and non-words.
    from clustering.extract.quotes import _VERB, verb_matches

    bodies = [
        '"We will win," Smith said. Added Gibbs: "No." According  to police, it fell.',
        "The well-said line, a co-said claim, saidthat and unsaid; he says, she said.",
        "Il ministro ha detto che. Ha  detto. Le maire a déclaré hier. Sagte er.",
        "",
        "said",
        "according to according to said",
    ]
    for body in bodies:
        assert [m.span() for m in verb_matches(body)] == [m.span() for m in _VERB.finditer(body)]
    assert [m.group() for m in verb_matches(bodies[0])] == ["said", "Added", "According  to"]


def test_a_doubled_opening_mark_is_not_part_of_the_quote():
    # Seen once on BASIL ("“"We have learned ...") and found by the property test above
    # with guillemets: the second mark used to open the quote's text.
    body = 'Ann Lee said: ""We have learned something important," and left.'
    frame = extract_quotes(pl.DataFrame({"article_id": ["a"], "body": [body]}))
    assert frame.select("start", "text", "speaker").rows() == [
        (16, "We have learned something important,", "Ann Lee")
    ]
    empty = extract_quotes(pl.DataFrame({"article_id": ["a"], "body": ["«» 0"]}))
    assert empty.height == 0


def test_a_possessive_role_holds_the_name_right_after_it():
    # Issue 16, tenth pass: "said <organisation>'s spokesperson <name>" had no speaker (the
    # role looked for a holder named before it only); the same words before the marks,
    # "<organisation>'s spokesperson <name> said:", already went to the name.
    body = (
        "The boy died on Sunday.\n\n“Our hearts go out to the family,” said Paulding "
        "County Sheriff's spokesperson Ashley Hensen.\n\nMr. Strzok’s lawyer Aitan Goelman "
        "said: “He did nothing wrong.”"
    )
    rows = extract_quotes(
        pl.DataFrame({"article_id": ["a"], "body": [body]}), speaker_ranker=None
    ).to_dicts()
    assert [r["speaker"] for r in rows] == ["Ashley Hensen", "Aitan Goelman"]


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        # Issue 16, tenth pass: cut at the small word, these were "Joint Chiefs",
        # "Department" and no one.
        (
            "South Korea's Joint Chiefs of Staff said it was “jointly analysing for details.”",
            "Joint Chiefs of Staff",
        ),
        ("The Department of Justice said: “We will appeal.”", "Department of Justice"),
        ("“We will appeal,” the Bank of America said in a statement.", "Bank of America"),
        # ... and with "and" before a body's noun ("Wildlife Service" spoke before).
        (
            "The U.S. Fish and Wildlife Service said: “We will appeal.”",
            "U.S. Fish and Wildlife Service",
        ),
        # (Two people as one source are no one's since issue 16's fourteenth pass; the
        # rules' name, not the two joined, is checked in tests/test_speaker_joint.py.)
        ("Joe Biden and Kamala Harris said: “We will appeal.”", None),
        # A title with "of" before a person, and an organisation with "for" before a
        # title and a person, still give the person.
        ("Secretary of State John Kerry said: “We will appeal.”", "John Kerry"),
        (
            "The National Organization for Women President Terry O'Neill said the cover "
            "was “sexist.”",
            "Terry O'Neill",
        ),
    ],
)
def test_an_organisation_named_with_of_is_one_name(body, speaker):
    rows = quotes_of(body).to_dicts()
    assert [r["speaker"] for r in rows] == [speaker]


def test_a_participle_opening_the_sentence_is_no_part_of_the_name():
    # Issue 16, tenth pass: "Following Trump's visit ..., it ..." made "Following Trump" a
    # name, and every later "Trump said" of a NewsWCL50 article went to it.
    body = (
        "Following Trump's visit to Paris last year, ties warmed.\n\n"
        "“You can mark it down,” Trump said."
    )
    rows = quotes_of(body).to_dicts()
    assert [r["speaker"] for r in rows] == ["Trump"]


def test_a_title_with_for_before_a_person_gives_the_person():
    # Issue 16, tenth pass: "envoy" was no title and "for" did not end one, so the quote
    # went to "U.S. Special Envoy" (read on unlabelled neus_allsides coverage).
    body = (
        "U.S. Special Envoy for Haiti Daniel Foote resigned Thursday, saying he would not "
        "be associated with what he called an “inhumane, counterproductive decision.”"
    )
    rows = quotes_of(body).to_dicts()
    assert [r["speaker"] for r in rows] == ["Daniel Foote"]


def test_principal_is_a_title():
    body = "In the email, Principal Margaret Pughe said, “We are heartbroken.”"
    rows = quotes_of(body).to_dicts()
    assert [r["speaker"] for r in rows] == ["Margaret Pughe"]


def test_someone_unnamed_with_a_place_word_is_who_he_is_next():
    # "An American witness": a capitalised word between the determiner and the noun
    # (issue 16, tenth pass); "he" is that witness, not the man named before.
    body = (
        "Brendan Phillips was on the promenade.\n\nAn American witness said he was standing "
        "15 feet away.\n\n“It seemed like an accident at first,” he told CNN."
    )
    rows = extract_quotes(
        pl.DataFrame({"article_id": ["a"], "body": [body]}), speaker_ranker=None
    ).to_dicts()
    assert [r["speaker"] for r in rows] == [None]
