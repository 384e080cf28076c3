"""The story-level speaker measurement (benchmarks/quote_story_speakers.py, issue 16): which
versions are the same words, which names are one person, and what each vote rule gives a
quote from the other outlets' speakers. Fictional outlets and names throughout."""

from __future__ import annotations

import pytest

from benchmarks.quote_story_speakers import (
    OVERLAPS,
    Overlap,
    event_articles,
    results_section,
    same_person,
    same_words,
    story_speaker,
)
from tests.conftest import needs_shared

LOOSE, STRICT = OVERLAPS[1], OVERLAPS[3]


def test_a_cut_version_is_the_same_words():
    whole = "We will rebuild the bridge before winter, and the ferry will run until then."
    cut = "rebuild the bridge before winter"
    assert same_words(whole, cut, LOOSE)
    assert same_words(cut, whole, STRICT)  # symmetric


def test_two_remarks_sharing_a_word_or_two_are_not_the_same_words():
    a = "The bridge will be rebuilt before winter."
    b = "Winter tourism has never been stronger in the valley."
    assert not same_words(a, b, LOOSE)
    # Two content words shared ("bridge", "winter") but only a third of the shorter's, and
    # the shorter is nowhere near verbatim in the longer.
    c = "The mayor said the bridge closure hurt shops all winter long."
    assert not same_words(a, c, Overlap(0.6, 85.0, 2))


def test_the_shared_share_is_of_the_shorter_versions_content_words():
    short = "flooded the lower town overnight"
    long = "The river flooded the lower town overnight, and crews worked until dawn to clear it."
    assert same_words(short, long, STRICT)
    # Three shared content words ("flooded", "lower", "town") are not enough for a
    # version whose other content words are not in the longer.
    other = "flooded the lower town's market square despite sandbags and barriers"
    assert not same_words(other, long, STRICT)


def test_a_version_without_content_words_matches_nothing():
    assert not same_words("and then?", "and then?", LOOSE)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Bibi Netanyahu", "Benjamin Netanyahu", True),  # one initial: one person
        ("Donald John Trump", "Donald Trump", True),
        ("Mr. Joseph R. Biden Jr.", "Joseph Biden", True),
        ("Biden", "Joe Biden", True),  # a surname alone
        ("Hunter Biden", "Joe Biden", False),
        ("Mary Cheney", "Dick Cheney", False),
        ("Mary Cheney", "Mary Smith", False),
        (None, "Joe Biden", False),
        (None, None, False),
    ],
)
def test_same_person(a, b, same):
    assert same_person(a, b) is same
    assert same_person(b, a) is same


def test_fill_gives_a_version_without_speaker_the_person_other_outlets_name():
    named = {"Harbour News": ["Ada Quist"], "Valley Star": ["Ms. Ada Quist"]}
    assert story_speaker(None, named, "fill") == "Ms. Ada Quist"  # the fuller form


def test_fill_leaves_a_tie_between_two_people_unknown():
    named = {"Harbour News": ["Ada Quist"], "Valley Star": ["Bo Lund"]}
    assert story_speaker(None, named, "fill") is None
    named["Delta Daily"] = ["Quist"]  # two outlets against one
    assert story_speaker(None, named, "fill") == "Ada Quist"


def test_an_outlet_counts_once_however_many_versions_name_someone():
    named = {"Harbour News": ["Bo Lund", "Bo Lund", "Bo Lund"], "Valley Star": ["Ada Quist"]}
    assert story_speaker(None, named, "fill") is None
    named["Delta Daily"] = ["Ada Quist"]
    assert story_speaker(None, named, "fill") == "Ada Quist"


def test_fill_never_changes_a_named_speaker():
    named = {"Harbour News": ["Ada Quist"], "Valley Star": ["Ada Quist"]}
    assert story_speaker("Bo Lund", named, "fill") == "Bo Lund"


def test_two_outlets_override_a_speaker_no_other_outlet_names():
    named = {"Harbour News": ["Ada Quist"], "Valley Star": ["Ada Quist"]}
    assert story_speaker("Bo Lund", named, "fill_or_two_outlets") == "Ada Quist"
    # One outlet is not enough for this rule; it is for "vote".
    one = {"Harbour News": ["Ada Quist"]}
    assert story_speaker("Bo Lund", one, "fill_or_two_outlets") == "Bo Lund"
    assert story_speaker("Bo Lund", one, "vote") == "Ada Quist"


def test_no_override_when_another_outlet_agrees_with_the_article_or_names_a_third_person():
    agrees = {"Harbour News": ["Ada Quist"], "Valley Star": ["Ada Quist"], "Delta": ["Lund"]}
    assert story_speaker("Bo Lund", agrees, "vote") == "Bo Lund"
    third = {"Harbour News": ["Ada Quist"], "Valley Star": ["Ada Quist"], "Delta": ["Cy Ng"]}
    assert story_speaker("Bo Lund", third, "fill_or_two_outlets") == "Bo Lund"


def test_another_form_of_the_articles_own_name_is_no_change():
    named = {"Harbour News": ["Donald John Trump"], "Valley Star": ["Trump"]}
    assert story_speaker("Donald Trump", named, "vote") == "Donald Trump"


def test_no_evidence_keeps_the_articles_speaker():
    assert story_speaker("Bo Lund", {}, "vote") == "Bo Lund"
    assert story_speaker(None, {}, "fill") is None


def _result(speakers: str, right: int, fixable: int) -> dict:
    rules = [
        {
            "rule": rule,
            "overlap": vars(o),
            "fixed": 2,
            "broken": 1 if rule != "vote" else 5,
            "wrong_to_wrong": 0,
            "net": 1 if rule != "vote" else -3,
            "f1_change": 0.001 if rule != "vote" else -0.003,
        }
        for o in OVERLAPS
        for rule in ("fill", "fill_or_two_outlets", "vote")
    ]
    return {
        "speakers": speakers,
        "n_events": 3,
        "n_articles": 7,
        "n_story_articles": 9,
        "n_matched": 40,
        "n_right": right,
        "ceiling": {
            "named_by_another_outlet": 12,
            "wrong_no_speaker": 2,
            "wrong_other_speaker": 40 - right - 2,
            "fixable_no_speaker": 1,
            "fixable_other_speaker": fixable - 1,
            "right_others_name_another": 4,
            "fixable": fixable,
            "f1_change_if_all_fixed_none_broken": 0.05,
        },
        "rules": rules,
        "quote_groups": {"fixed": 1, "broken": 2, "f1_change": -0.0125, "renamed": 6},
    }


def test_results_section_reports_the_ceiling_rows_and_the_best_rule():
    text = results_section(_result("ranker", 36, 3), _result("rules", 30, 5))
    assert text.startswith("<!-- quote_story_speakers:start -->")
    assert text.rstrip().endswith("<!-- quote_story_speakers:end -->")
    assert "| ranker | 36 / 40 | 12 | 4 | 1 of 2 | 2 of 2 | +0.0500 | 4 | 1 / 2 (-0.0125) |" in text
    assert "| rules | 30 / 40 | 12 | 10 | 1 of 2 | 4 of 8 |" in text
    assert "| vote | 0.8 / 90 / 3 | 2 / 5 (-0.0030) | 2 / 5 (-0.0030) |" in text
    # The best rule is the first with the highest net (fill at the loosest overlap).
    assert "the best, fill at 0.5 / 70 / 1, fixes 2 and breaks 1 (+0.0010)" in text
    assert "changes 6 names to another outlet's form" in text


@needs_shared
def test_event_ids_that_two_datasets_share_stay_apart():
    # newswcl50's event_5 is "newswcl50:event_5" in events.json; giveme5w1h has an
    # "event_5" of its own: none of its articles may join the NewsWCL50 event.
    articles, event_of = event_articles("dev")
    members = sorted(a for a, e in event_of.items() if e == "newswcl50:event_5")
    assert members == ["5_L", "5_LL", "5_M", "5_R", "5_RR"]
    assert set(event_of) == set(articles["article_id"])
