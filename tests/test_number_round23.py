"""Number claims, round 23 of issue 16 (the crawl's story pages read as a journalist reads
them): a subject set apart from its verb by a relative clause still says what the figure
counts; an earlier happening's toll told as background is neither today's toll nor an
update; a group's label is in the words its sentence writes; a plan against what happened
says so. Fixtures are sentences written for these tests, not article text."""

from __future__ import annotations

import json

import polars as pl
import pytest

from clustering.compare import number_claims
from clustering.compare.number_claims import counted_words
from clustering.extract import numbers
from clustering.extract.numbers import find_numbers
from tests.test_number_claims_real import _claims

THURSDAY = (2021, 7, 15)
FRIDAY = (2021, 7, 16)
THREE_WEEKS_ON = (2021, 8, 5)


def _groups(claims: pl.DataFrame) -> list[tuple[str, str, list[str]]]:
    """(status, quantity, texts by article) of every group of two or more claims."""
    grouped = claims.filter(pl.col("status") != "single")
    return [
        (group["status"][0], group["quantity"][0], group.sort("article_id")["text"].to_list())
        for group in grouped.partition_by("group_id", maintain_order=True)
    ]


def _counted(sentence: str) -> list[tuple[str, str]]:
    """(text, counted) of every count `find_numbers` reads in one sentence."""
    return [
        (sentence[m.start : m.end], m.counted) for m in find_numbers(sentence) if m.kind == "count"
    ]


# --- a subject set apart from its verb by a relative clause --------------------------------

ROSE_AFTER_CLAUSE = (
    "The death toll of the harbour attack, in which a man drove a van into crowds on "
    "July 14 in the old town, rose to 85, the mayor said on Thursday."
)


def test_the_subject_before_a_relative_clause_is_what_the_figure_counts() -> None:
    assert _counted(ROSE_AFTER_CLAUSE) == [("85", "death toll")]
    # "of which" opens a clause too
    assert _counted(
        "The number of people hurt, of which most were children, rose to 40 on Friday."
    ) == [("40", "number")]


def test_without_the_rule_the_figure_counts_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(numbers, "CLAUSE_BEFORE_VERB", False)
    assert _counted(ROSE_AFTER_CLAUSE) == [("85", "")]


def test_a_comma_that_opens_no_relative_clause_still_reads_nothing() -> None:
    # an aside is not a relative clause: what rose is not read across it
    assert _counted("Prices at the harbour, experts say, rose to 85 on Friday.") == [("85", "")]


def _toll_rose() -> pl.DataFrame:
    return _claims(
        (
            "a",
            "Officials said at least 84 people were killed when a van drove into crowds.",
            THURSDAY,
        ),
        ("b", ROSE_AFTER_CLAUSE, THREE_WEEKS_ON),
    )


def test_a_toll_that_rose_after_a_clause_is_an_update() -> None:
    assert _groups(_toll_rose()) == [("update", "death toll", ["at least 84 people", "85"])]


def test_without_the_rule_the_risen_toll_meets_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(numbers, "CLAUSE_BEFORE_VERB", False)
    assert _groups(_toll_rose()) == []


# --- an earlier happening's toll, told as background ----------------------------------------

TODAY_A = (
    "A suicide bomber killed at least two people at the consulate late on Thursday. "
    "The militants say it is a response to air strikes earlier this month which killed 30 "
    "civilians in the province."
)
TODAY_B = (
    "The bomber killed at least six people at the consulate, officials said. "
    "The militants called it a revenge attack for airstrikes in the province earlier this "
    "month that left 32 civilians dead."
)


def _background() -> list[tuple[str, str, list[str]]]:
    return _groups(_claims(("a", TODAY_A, THURSDAY), ("b", TODAY_B, FRIDAY)))


def test_a_background_toll_told_two_ways_is_a_conflict_not_an_update() -> None:
    groups = _background()
    assert ("conflict", "civilians killed", ["30 civilians", "32 civilians dead"]) in groups
    # the day's toll rose from one day to the next, apart from the strike's
    assert ("update", "people killed", ["at least two people", "at least six people"]) in groups


def test_without_the_rule_the_background_toll_is_an_update(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(number_claims, "BACKGROUND_TOLLS", False)
    statuses = {texts[0]: status for status, _, texts in _background()}
    # 30 on Thursday, 32 on Friday: read as a toll still being counted
    assert statuses["30 civilians"] == "update"


def test_a_background_toll_joins_no_count_of_the_story() -> None:
    claims = _claims(
        (
            "a",
            "The attack was revenge for a raid last week in which 30 people were killed.",
            THURSDAY,
        ),
        ("b", "The attack on the market killed 30 people on Thursday.", THURSDAY),
    )
    assert _groups(claims) == []


def test_a_response_to_the_storys_own_happening_is_no_background() -> None:
    # "a response to a shooting that left 50 people dead": the story's shooting
    claims = _claims(
        (
            "a",
            "The senator criticised the president's response to a shooting at a nightclub "
            "that left 50 people dead.",
            THURSDAY,
        ),
        ("b", "A gunman killed 50 people at a nightclub on Thursday.", THURSDAY),
    )
    assert [g[0] for g in _groups(claims)] == ["agree"]


# --- labels in the words of their sentence ---------------------------------------------------


@pytest.mark.parametrize(
    ("counted", "sentence", "words"),
    [
        (
            "civilian dead left",
            "An airstrike that left up to 32 civilians dead.",
            "civilians killed",
        ),
        ("people injured left", "It left 12 people injured.", "people injured"),
        ("rescue unit", "Eight fire engines and four rescue units are there.", "rescue units"),
        ("uk consumer", "It said 400,000 UK consumers were affected.", "UK consumers"),
        ("american", "It exposed the data of 145.5 million Americans.", "Americans"),
        (
            "earning reinvested",
            "It had $31.2 billion in earnings reinvested abroad.",
            "earnings reinvested",
        ),
        # a sentence's first capital and a dateline's are no name; a headline's neither
        ("civilian", "Civilians were killed, 30 of them.", "civilians"),
        ("death toll", "PARIS - Death toll in harbour attack rises to 85", "death toll"),
        ("people killed", "More Than 70 People Killed In Harbour Attack", "people killed"),
        # a word the sentence does not hold stays as it is
        ("killed", "The attack claimed 12 lives.", "killed"),
        ("", "Nothing is counted in 12.", ""),
    ],
)
def test_counted_words(counted: str, sentence: str, words: str) -> None:
    at = min((i for i, c in enumerate(sentence) if c.isdigit()), default=0)
    assert counted_words(counted, sentence, at) == words


def test_a_persons_name_keeps_its_capitals_where_it_opens_the_sentence() -> None:
    assert (
        counted_words("michael neu", "Michael Neu, 34, of Ohio was charged.", 13) == "Michael Neu"
    )
    assert counted_words("silverman", "Silverman, 47, said so.", 11, person=True) == "Silverman"


def _left_dead() -> pl.DataFrame:
    return _claims(
        ("a", "The airstrike left 32 civilians dead in the province on Thursday.", THURSDAY),
        ("b", "The airstrike killed 30 civilians in the province on Thursday.", THURSDAY),
    )


def test_a_groups_label_and_reason_read_as_english() -> None:
    claims = _left_dead().filter(pl.col("value").is_in([30.0, 32.0]))
    assert set(claims["quantity"]) == {"civilians killed"}
    assert json.loads(claims["reason"][0])["counted"] == ["civilians killed"]
    # what the comparison matches on is unchanged
    assert sorted(claims["counted"]) == ["civilian dead left", "civilian killed"]


def test_without_the_rule_the_label_is_the_lemmas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(number_claims, "COUNTED_IN_WORDS", False)
    claims = _left_dead().filter(pl.col("value").is_in([30.0, 32.0]))
    assert set(claims["quantity"]) == {"civilian killed"}
    assert json.loads(claims["reason"][0])["counted"] == ["civilian dead left", "civilian killed"]


# --- a plan against what happened -----------------------------------------------------------

FLIGHT = (
    ("a", "The flight left Auckland at 12:05 am and will land in Honolulu at 9:45 am.", THURSDAY),
    ("b", "The flight landed in Honolulu at 10:15 a.m. after a long delay.", THURSDAY),
)


def _times(claims: pl.DataFrame) -> tuple[list[str], set[str]]:
    times = claims.filter(pl.col("text").is_in(["9:45 am", "10:15 a.m."]))
    return times["status"].to_list(), {json.loads(r)["basis"] for r in times["reason"]}


def test_a_schedule_against_the_actual_time_is_a_conflict_that_says_so() -> None:
    assert _times(_claims(*FLIGHT)) == (
        ["conflict", "conflict"],
        {"values differ: planned vs actual"},
    )


def test_without_the_rule_the_reason_says_values_differ(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(number_claims, "PLANNED_VS_ACTUAL", False)
    assert _times(_claims(*FLIGHT)) == (["conflict", "conflict"], {"values differ"})


def test_two_actual_times_that_differ_are_no_plan() -> None:
    claims = _claims(
        ("a", "The flight landed in Honolulu at 9:45 am after a long delay.", THURSDAY),
        ("b", "The flight landed in Honolulu at 10:15 a.m. after a long delay.", THURSDAY),
    )
    times = claims.filter(pl.col("text").is_in(["9:45 am", "10:15 a.m."]))
    assert {json.loads(r)["basis"] for r in times["reason"]} == {"values differ"}


# --- a group that names nothing it counts: its kind and unit in words ------------------------


@pytest.mark.parametrize(
    ("kind", "unit", "words"),
    [
        ("date", "relative", "day"),
        ("date", "statement", "day of a statement"),
        ("date", "calendar-month", "month"),
        ("money", "USD", "sum in US dollars"),
        ("money", "XYZ", "sum in XYZ"),
        ("percent", "%", "percentage"),
        ("measure", "mi", "miles"),
        ("measure", "year", "years"),
        ("other", "year", "years ago"),
        ("date", "", "date"),
        ("count", "", "count"),
        ("measure", "furlong", "measure (furlong)"),
    ],
)
def test_kind_words(kind: str, unit: str, words: str) -> None:
    assert number_claims.kind_words(kind, unit) == words


MONDAY_BOTH = (
    ("a", "The crash happened on Monday near the bridge.", THURSDAY),
    ("b", "The crash near the bridge happened Monday.", THURSDAY),
)


def test_a_worked_out_day_is_labelled_day() -> None:
    assert [g[:2] for g in _groups(_claims(*MONDAY_BOTH))] == [("agree", "day")]


def test_without_the_rule_the_day_is_labelled_with_its_code(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(number_claims, "KINDS_IN_WORDS", False)
    assert [g[:2] for g in _groups(_claims(*MONDAY_BOTH))] == [("agree", "date (relative)")]


# --- an update is dated by when its figures were published -----------------------------------


def _update_when() -> list[str]:
    claims = _toll_rose().filter(pl.col("status") == "update")
    return json.loads(claims["reason"][0])["when"]


def test_an_updates_reason_gives_its_publication_days() -> None:
    # not "July 14", the attack's day the later sentence names
    assert _update_when() == ["2021-07-15", "2021-08-05"]


def test_without_the_rule_an_update_is_dated_by_the_day_its_sentence_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(number_claims, "UPDATE_WHEN_PUBLISHED", False)
    assert _update_when() == ["2021-07-14", "2021-07-15"]
