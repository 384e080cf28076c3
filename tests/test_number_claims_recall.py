"""Number claims: the recall rules of issue 16's generalisation pass (fixtures written for
these tests, not article text)."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from clustering.compare.number_claims import _scope
from tests.test_number_claims_real import _claims as _dated


def _statuses(claims: pl.DataFrame) -> set[str]:
    return set(claims.filter(pl.col("article_id").is_in(["a", "b"]))["status"])


def test_floors_of_a_growing_tally_far_apart_are_an_update() -> None:
    # no reporter rounds 540 down to 400: the lower floor is an older count of the tally
    claims = _dated(
        ("a", "The country has seen more than 400 mass shootings so far this year.", (2021, 6, 1)),
        ("b", "The country has seen more than 540 mass shootings so far this year.", (2021, 6, 1)),
    )
    assert _statuses(claims) == {"update"}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # floors of a tally just apart: one count rounded down two ways
        ("The country has seen more than 500 mass shootings so far this year.",
         "The country has seen more than 540 mass shootings so far this year."),
        # floors of people, not happenings: two crowds may be counted anew
        ("More than 20,000 students marched through the capital.",
         "More than 30,000 students marched through the capital."),
    ],
)  # fmt: skip
def test_other_floors_stay_compatible(first: str, second: str) -> None:
    claims = _dated(("a", first, (2021, 6, 1)), ("b", second, (2021, 6, 1)))
    assert _statuses(claims) == {"compatible"}


def _row(sentence: str, text: str) -> dict[str, object]:
    at = sentence.index(text)
    return {"sentence": sentence, "text": text, "start": at, "end": at + len(text),
            "sentence_start": 0}  # fmt: skip


def test_a_year_after_a_later_figure_dates_that_figure() -> None:
    sentence = (
        "There were roughly 520,000 arrests last year, about one-third of the 1.6 million "
        "arrests that happened in 2000."
    )
    published = date(2019, 1, 10)
    assert _scope(_row(sentence, "520,000"), published) == {"in 2018"}
    assert _scope(_row(sentence, "1.6 million"), published) == {"in 2000", "in 2018"}
    # "the last fiscal year" is last year too
    fiscal = "Apprehensions fell to 400,000 in the last fiscal year from a peak of 1.6 million."
    assert _scope(_row(fiscal, "400,000"), published) == {"in 2018"}


WOUNDED_A = (
    "A 47-year-old woman was shot in the leg. A 38-year-old man was shot in the shoulder. "
    "An 18-year-old man refused medical attention after a bullet grazed his leg."
)


def test_the_one_age_two_lists_do_not_share_is_one_person() -> None:
    # the same wounded listed by role and by name: the 18 and the 19 are the one left over
    claims = _dated(
        ("a", WOUNDED_A, (2016, 11, 2)),
        ("b", "Shawn Adams, 47, was hit. Fred Duhart, 38, was hit. Vashon Dukes, 19, was hit.",
         (2016, 11, 2)),
    )  # fmt: skip
    flagged = claims.filter(pl.col("status") == "conflict")
    assert sorted(flagged["value"]) == [18.0, 19.0]


@pytest.mark.parametrize(
    "second",
    [
        # an age told of another shooting, weeks later: another person
        "Shawn Adams, 47, was hit. Fred Duhart, 38, was hit. Another shooting weeks later left "
        "Vashon Dukes, 19, wounded.",
        # one list of others: only one age in common
        "Shawn Adams, 47, was hit. Lee Cole, 52, was hit. Vashon Dukes, 19, was hit.",
        # two ages left near the 18: which is the man's is not told
        "Shawn Adams, 47, was hit. Fred Duhart, 38, was hit. Vashon Dukes, 19, was hit. "
        "Lee Cole, 17, was hit.",
    ],
)
def test_an_age_left_over_is_not_aligned_on_weak_evidence(second: str) -> None:
    claims = _dated(("a", WOUNDED_A, (2016, 11, 2)), ("b", second, (2016, 11, 2)))
    assert claims.filter(pl.col("status") == "conflict").is_empty()
