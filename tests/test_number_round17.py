"""Issue 16 (numbers, round 17): a weekday that dates a statement ("police said Monday",
"On Friday, the prosecutor confirmed") is read as the statement's day, NUMBERS unit
"statement" (before, it was left out). It is a claim of when someone spoke: equal
statement days of two outlets may agree, unequal ones are never one fact (an outlet often
reports a later statement, and "said Monday" / "said Tuesday" are mostly two statements),
nor is a statement's day set against the happening's (`number_claims._anchored_similarity`)."""

from __future__ import annotations

from datetime import date

import pytest

from clustering.extract.numbers import find_relative_days
from tests.conftest import aligned_numbers

WEDNESDAY = date(2021, 7, 7)


def _days(text: str) -> list[tuple[str, float, str]]:
    return [(text[m.start : m.end], m.value, m.unit) for m in find_relative_days(text, WEDNESDAY)]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Police said Monday that the boy had been found.", ("Monday", 20210705.0)),
        (
            "The company announced on Tuesday that it would close the plant.",
            ("Tuesday", 20210706.0),
        ),
        ("Police on Monday said the boy had been found.", ("Monday", 20210705.0)),
        (
            "On Monday, Prosecutor Joe Bergacs confirmed the two children died.",
            ("Monday", 20210705.0),
        ),
        (
            "The White House announced Friday that the president would travel.",
            ("Friday", 20210702.0),
        ),
    ],
)
def test_a_statement_weekday_is_the_statement_s_day(text: str, day: tuple[str, float]) -> None:
    assert _days(text) == [(*day, "statement")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the happening's own day, attributed at the end: a day of unit "relative"
        ("The boy was shot Saturday, police said.", [("Saturday", 20210703.0, "relative")]),
        # days to come and weekdays of a written-out date are still left out
        ("He will appear in court Monday.", []),
        ("The hearing is scheduled for Friday.", []),
        ("Sunday, Dec. 31, 2017 was cold.", []),
    ],
)
def test_other_weekdays_are_read_as_before(
    text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _days(text) == expected


def _groups(*articles: tuple[str, str, tuple[int, ...] | None]) -> list[tuple[str, list[str]]]:
    """(status, sorted 'article:text') of each group of 2+ articles, sorted."""
    claims = aligned_numbers(*articles)
    out = []
    for (_,), rows in claims.group_by(["group_id"]):
        if rows.height > 1:
            members = sorted(
                f"{a}:{t}" for a, t in zip(rows["article_id"], rows["text"], strict=True)
            )
            out.append((rows["status"][0], members))
    return sorted(out)


def test_equal_statement_days_agree() -> None:
    groups = _groups(
        (
            "a",
            "The White House announced Friday that Biden will travel to Brussels in June.",
            (2021, 6, 5),
        ),
        (
            "b",
            "Biden will travel to Brussels in June, the White House announced on Friday.",
            (2021, 6, 5),
        ),
    )
    assert ("agree", ["a:Friday", "b:Friday"]) in groups


def test_unequal_statement_days_are_never_a_conflict() -> None:
    # two statements of two days on one shooting, in papers of one day: not one day misreported
    groups = _groups(
        (
            "a",
            "Police said Monday that the shooting on Elm Street in Dayton was gang related.",
            (2021, 6, 9),
        ),
        (
            "b",
            "Police said Tuesday that the shooting on Elm Street in Dayton was gang related.",
            (2021, 6, 9),
        ),
    )
    assert all(status not in ("conflict", "update") for status, _ in groups)
    assert not any("a:Monday" in members for _, members in groups)


def test_a_statement_day_is_never_set_against_the_happening_s_day() -> None:
    # police speaking on Monday of a shooting on Saturday: two days, no conflict
    groups = _groups(
        (
            "a",
            "Marcus Dale, 19, was shot and killed Saturday night on Elm Street in Dayton.",
            (2021, 6, 8),
        ),
        (
            "b",
            "Police said Monday that Marcus Dale, 19, was shot and killed on Elm Street in Dayton.",
            (2021, 6, 8),
        ),
    )
    assert all(status not in ("conflict", "update") for status, _ in groups)
    # a lawyer's statement on Monday tells of a firing on Friday: two days, no conflict
    groups = _groups(
        (
            "a",
            "Prosecutor John Kemp was fired late Friday afternoon by Mayor Ann Lee.",
            (2021, 6, 8),
        ),
        (
            "b",
            "Kemp's lawyer said Monday that Mayor Ann Lee fired John Kemp without cause.",
            (2021, 6, 8),
        ),
    )
    assert all(status not in ("conflict", "update") for status, _ in groups)


# --- one happening's day told as two weekdays (`number_claims._one_happening_misdated`) ------

ARREST_FRIDAY = "Sheriff's officials say 31-year-old Dale Moss was arrested Friday in Polson."
ARREST_THURSDAY = (
    "Detectives say the shooting is being treated as an accident, but witness statements led to"
    " Thursday afternoon's arrest."
)


def test_one_arrest_told_on_two_weekdays_in_papers_of_one_day_conflicts() -> None:
    groups = _groups(("a", ARREST_FRIDAY, (2014, 10, 24)), ("b", ARREST_THURSDAY, (2014, 10, 24)))
    assert ("conflict", ["a:Friday", "b:Thursday"]) in groups


def test_one_letter_written_on_two_weekdays_conflicts() -> None:
    groups = _groups(
        (
            "a",
            "Senators Ann Roy and Tom Bell wrote a letter to the agency's director on Wednesday.",
            (2021, 7, 23),
        ),
        (
            "b",
            "In a Tuesday letter to the agency's director, the senators asked for answers.",
            (2021, 7, 23),
        ),  # fmt: skip
    )
    assert ("conflict", ["a:Wednesday", "b:Tuesday"]) in groups


def test_two_weekdays_of_one_kind_of_happening_stay_apart_otherwise() -> None:
    # papers of different days: the later one may tell a later arrest
    groups = _groups(("a", ARREST_FRIDAY, (2014, 10, 24)), ("b", ARREST_THURSDAY, (2014, 10, 25)))
    assert all(status != "conflict" for status, _ in groups)
    # an article that names the other's day too tells of two happenings ("two arrests")
    groups = _groups(
        ("a", ARREST_FRIDAY + " A second man was questioned Thursday.", (2014, 10, 24)),
        ("b", ARREST_THURSDAY, (2014, 10, 24)),
    )
    assert all(status != "conflict" for status, _ in groups)
    # an ordinary verb's object is not what the day dates: rejecting a subpoena on Monday is
    # not the subpoenas sent on Tuesday
    groups = _groups(
        ("a", "The Senate committee responded with two more subpoenas on Tuesday.", (2017, 5, 24)),
        (
            "b",
            "On Monday, Mr. Flynn, in a letter from his lawyers, rejected a subpoena.",
            (2017, 5, 24),
        ),  # fmt: skip
    )
    assert all(status != "conflict" for status, _ in groups)
    # two sentences that each count something on their day: two days' tolls
    groups = _groups(
        ("a", "Three people were arrested in the protests on Monday.", (2016, 11, 9)),
        ("b", "Five people were arrested in the protests on Tuesday.", (2016, 11, 9)),
    )
    assert all(status != "conflict" for status, _ in groups)
