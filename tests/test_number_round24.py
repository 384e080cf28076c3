"""Number claims, round 24 of issue 16 (what a journalist still trips over on the crawl):
a person's relative clause before "was" and a bare figure tells an age, not a count of
the person; a group's label is a noun phrase a reader understands, not the words the
extraction read after the figure. Fixtures are sentences written for these tests, not
article text."""

from __future__ import annotations

import polars as pl
import pytest

from clustering.compare import number_claims
from clustering.compare.number_claims import noun_label
from clustering.extract import numbers
from clustering.extract.numbers import find_numbers
from tests.test_number_claims_real import _claims

MONDAY = (2021, 7, 12)
TUESDAY = (2021, 7, 13)


def _counted(sentence: str) -> list[tuple[str, str]]:
    """(text, counted) of every count `find_numbers` reads in one sentence."""
    return [
        (sentence[m.start : m.end], m.counted) for m in find_numbers(sentence) if m.kind == "count"
    ]


def _labels(*texts: str) -> list[tuple[str, str]]:
    """(status, quantity) of every group of two or more claims over one article per text."""
    days = (MONDAY, TUESDAY)
    claims = _claims(*((f"a{i}", text, days[i % 2]) for i, text in enumerate(texts)))
    grouped = claims.filter(pl.col("status") != "single")
    return sorted(
        {(g["status"][0], g["quantity"][0]) for g in grouped.partition_by("group_id")},
    )


# --- a person's clause before "was" and a bare figure ----------------------------------------

AGE_AFTER_CLAUSE = "Okafor, who grew up in Riverside, was 31, his sister said on Monday."


def test_a_persons_clause_before_was_and_a_figure_counts_no_one() -> None:
    assert _counted(AGE_AFTER_CLAUSE) == [("31", "")]
    # "whose" and "whom" are a person's too
    assert _counted("Marek, whose brother owns the shop, is 44.") == [("44", "")]


def test_without_the_rule_the_person_is_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(numbers, "PERSON_CLAUSE_AGE", False)
    assert _counted(AGE_AFTER_CLAUSE) == [("31", "okafor")]


def test_a_things_clause_and_other_verbs_still_read_the_subject() -> None:
    # round 23's toll after "in which ..." is kept
    assert _counted(
        "The death toll of the harbour attack, in which a van drove into crowds, rose to 85."
    ) == [("85", "death toll")]
    # a person's clause before a verb that counts ("numbered") still reads the subject
    assert _counted("The marchers, who walked from the station, numbered 5,000 on Monday.") == [
        ("5,000", "marcher")
    ]


# --- labels that are noun phrases --------------------------------------------------------------


def test_a_direction_or_size_word_alone_names_its_measure() -> None:
    assert noun_label("behind", "measure", "km") == "distance"
    assert noun_label("northwest", "measure", "mi") == "distance"
    assert noun_label("deep", "measure", "ft") == "depth"
    assert noun_label("tall", "measure", "ft") == "height"
    assert noun_label("thick", "measure", "m") == "thickness"
    assert noun_label("clear", "count", "") == "lead"
    # a word among others is left to them
    assert noun_label("east wing", "measure", "m") == "east wing"


def test_a_comparative_says_how_much() -> None:
    assert noun_label("bigger", "percent", "%") == "how much bigger"
    assert noun_label("brighter", "percent", "%") == "how much brighter"


def test_a_durations_verb_leaves_the_duration() -> None:
    assert noun_label("doing business", "measure", "year") == "years"
    assert noun_label("flying", "measure", "hour") == "hours"
    assert noun_label("work creating offshore", "measure", "decade") == "decades"
    # a gerund that is a noun stays ("three days of national mourning")
    assert noun_label("national mourning", "measure", "day") == "national mourning"
    # a verb alone after a measure leaves its unit ("24.5 inches fell")
    assert noun_label("fell", "measure", "in") == "inches"


def test_a_verb_after_the_noun_that_names_no_happening_is_not_shown() -> None:
    sentence = "The 180-kg bear picked the cub up, the keeper said."
    assert noun_label("bear picked", "measure", "kg", sentence, 0) == "bear"
    assert noun_label("thirds of the fee comes", "percent", "%") == "thirds of the fee"
    assert noun_label("fans expected", "count", "", "Some 3,000 fans expected to attend.") == (
        "fans"
    )
    # a happening stays, and so does a participle that says which of a thing is counted
    assert noun_label("people killed", "count", "") == "people killed"
    sentence = "It held $4.1 billion in profits reinvested abroad."
    assert noun_label("profits reinvested", "money", "USD", sentence, 0) == "profits reinvested"


def test_a_modifier_read_without_its_noun_is_carried_on_to_it() -> None:
    sentence = "The files name 14 current or former ministers and nine judges."
    assert noun_label("current", "count", "", sentence, 0) == "current or former ministers"
    sentence = "The launcher is three Atlas 5 rockets bolted together."
    assert noun_label("Atlas", "count", "", sentence, 0) == "Atlas 5 rockets"
    assert noun_label("K", "count", "", "It burns four K-9 engines.", 0) == "K-9 engines"
    sentence = "Two big pension funds asked the board for a vote."
    assert noun_label("big", "count", "", sentence, 0) == "big pension funds"
    # a verb, a figure in words, a clause after "and" or a name end it
    assert noun_label("vote", "count", "", "The vote stands at 220 to 212.", 0) == "vote"
    sentence = "The case average two weeks ago was 40."
    assert noun_label("case average", "count", "", sentence, 0) == "case average"
    sentence = "It saw one derailment and two collisions."
    assert noun_label("derailment", "count", "", sentence, 0) == "derailment"
    sentence = "It is bound for a billion year elliptic Mars orbit."
    assert noun_label("elliptic", "count", "", sentence, 0) == "elliptic"
    # the dead and the wounded are nouns already
    sentence = "He said five of the dead tourists were cousins."
    assert noun_label("dead", "count", "", sentence, 0) == "dead"


STRIP_A = "The probe flew some 60,000km behind the comet on Monday."
STRIP_B = "On Tuesday the probe was about 60,000km behind the comet."
SPEC_A = "The maker lists the parts of the new rocket as follows: Cores: 3 and a top stage."
SPEC_B = "The rocket uses 27 engines and three separate cores that return to land."
MODIFIER_A = "Three Atlas 5 rockets are bolted together to make the launcher."
MODIFIER_B = "The launcher is three Atlas 5 rockets joined side by side."


def test_group_labels_read_as_noun_phrases() -> None:
    assert ("agree", "distance") in _labels(STRIP_A, STRIP_B)
    labels = {label for _, label in _labels(SPEC_A, SPEC_B)}
    assert "cores" in labels and "Cores" not in labels
    assert ("agree", "Atlas 5 rockets") in _labels(MODIFIER_A, MODIFIER_B)


def test_without_the_rule_the_labels_are_the_words_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(number_claims, "LABELS_AS_NOUNS", False)
    assert ("agree", "behind") in _labels(STRIP_A, STRIP_B)
    assert "Cores" in {label for _, label in _labels(SPEC_A, SPEC_B)}
    assert ("agree", "Atlas") in _labels(MODIFIER_A, MODIFIER_B)
    assert noun_label("behind", "measure", "km") == "distance"  # the function itself is kept


# --- a comparative's base ----------------------------------------------------------------------

BASE_NAMED = (
    "The supermoon rises tonight. A perigee full moon appears about 16 percent bigger, and "
    "20 percent brighter, than its more distant counterpart."
)
BASE_UNNAMED = (
    "The supermoon rises tonight. Skywatchers can look up as the full moon appears 8 per cent "
    "bigger and 10 per cent brighter."
)
BASE_UNNAMED_TOO = (
    "The supermoon rises tonight. The full moon appears 11 per cent bigger to skywatchers."
)


def test_a_comparatives_base_is_read() -> None:
    row = {"sentence": BASE_NAMED, "sentence_start": 0}
    at = BASE_NAMED.index("about 16")
    base = number_claims._comparative_base({**row, "start": at, "end": at + 16})
    assert base == "its more distant counterpart"
    at = BASE_UNNAMED.index("8 per")
    assert (
        number_claims._comparative_base(
            {"sentence": BASE_UNNAMED, "sentence_start": 0, "start": at, "end": at + 10}
        )
        == "-"
    )
    sentence = "About 16 percent of voters stayed home."
    assert (
        number_claims._comparative_base(
            {"sentence": sentence, "sentence_start": 0, "start": 0, "end": 16}
        )
        == ""
    )


def test_two_comparatives_against_two_bases_are_no_conflict() -> None:
    assert _labels(BASE_NAMED, BASE_UNNAMED) == []
    # two that name no base are still one quantity told two ways
    assert _labels(BASE_UNNAMED_TOO, BASE_UNNAMED) == [("conflict", "how much bigger")]


def test_without_the_rule_two_bases_conflict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(number_claims, "COMPARATIVE_BASES", False)
    assert _labels(BASE_NAMED, BASE_UNNAMED) == [
        ("conflict", "how much bigger"),
        ("conflict", "how much brighter"),
    ]


# --- a count placed where the earlier happening took place -------------------------------------

ON_THE_NIGHT = (
    "A suicide bomber struck the consulate in Harbourtown late on Thursday. There have been "
    "at least two fatalities, officials said."
)
WITH_BACKGROUND = (
    "The militants called the bombing in Harbourtown a revenge attack for airstrikes in the "
    "province of Westvale earlier this month that left 32 civilians dead. The strikes killed "
    "several children, after a militant assault left two American soldiers dead near "
    "Westvale city. At least two dead bodies had been brought to the hospital, a doctor said."
)
NEXT_DAY = (
    "The head doctor of the city hospital said four dead bodies had been brought in after the "
    "consulate bombing."
)


def _toll_groups() -> list[tuple[str, str, tuple[str, ...]]]:
    claims = _claims(
        ("a", ON_THE_NIGHT, (2021, 7, 15)),
        ("b", NEXT_DAY, (2021, 7, 16)),
        ("c", WITH_BACKGROUND, (2021, 7, 15)),
    )
    return sorted(
        (g["status"][0], g["quantity"][0], tuple(g.sort("article_id")["text"]))
        for g in claims.partition_by("group_id")
        if g["status"][0] != "single"
    )


def test_a_count_placed_at_the_background_happening_is_not_the_storys_toll() -> None:
    assert _toll_groups() == [
        ("update", "dead", ("at least two fatalities", "four dead", "At least two dead"))
    ]


def test_without_the_rule_the_soldiers_join_the_toll(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(number_claims, "BACKGROUND_PLACES", False)
    assert _toll_groups() == [
        ("update", "dead", ("at least two fatalities", "four dead", "two American soldiers dead"))
    ]


def test_a_story_without_a_background_count_keeps_its_attack_after_after() -> None:
    # "after a ... attack that killed 13 troops" is the story's own where no earlier
    # happening is told as one answered
    story = (
        "Evacuation flights from the capital sped up today after a double suicide-bomb "
        "attack that killed 13 troops near Eastgate Airport."
    )
    other = "The bombing near Eastgate Airport killed 13 troops and dozens of civilians."
    assert _labels(story, other) == [("agree", "troops killed")]
