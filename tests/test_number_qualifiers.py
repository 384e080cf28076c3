"""Number claims: a qualifier of what is counted splits one group into subsets (issue 16,
"a subset counted against a total", "a district's count against the province's"). Two
claims whose counted phrases are qualified apart (bounds pointing opposite ways or at
different values, inside / outside, different places) count different things: no conflict,
no agreement. Fixtures are sentences written for these tests, not article text."""

from __future__ import annotations

import polars as pl
import pytest

from clustering.compare import number_claims
from clustering.compare.number_claims import _qualifiers
from tests.test_number_claims_real import _claims

DAY = (2018, 5, 7)


def _grouped(claims: pl.DataFrame) -> list[tuple[str, list[str]]]:
    """(status, texts by article) of every group of two or more claims."""
    grouped = claims.filter(pl.col("status") != "single")
    return [
        (group["status"][0], group.sort("article_id")["text"].to_list())
        for group in grouped.partition_by("group_id", maintain_order=True)
    ]


def _two(a: str, b: str) -> list[tuple[str, list[str]]]:
    return _grouped(_claims(("a", a, DAY), ("b", b, DAY)))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # comparative bounds pointing opposite ways
        (
            "Police said 12 children younger than five were treated at the hospital.",
            "Police said 9 children older than five were treated at the hospital.",
        ),
        (
            "Police said 12 children under five were treated at the hospital.",
            "Police said 9 children over five were treated at the hospital.",
        ),
        # the same way, at different values
        (
            "Police said 12 children aged under five were treated at the hospital.",
            "Police said 9 children aged under ten were treated at the hospital.",
        ),
        (
            "The clinic vaccinated 40 residents aged 65 and older this week.",
            "The clinic vaccinated 25 residents aged 80 and older this week.",
        ),
        # disjoint places: inside against outside, a county against the state
        (
            "The fire killed 12 people inside the factory, officials said.",
            "The fire killed 9 people outside the factory, officials said.",
        ),
        (
            "The flood displaced 400 families in Marin County, officials said.",
            "The flood displaced 900 families in the state, officials said.",
        ),
        (
            "In the district, 300 houses were damaged by the storm.",
            "Across the province, 1,200 houses were damaged by the storm, officials said.",
        ),
    ],
)
def test_counts_qualified_apart_are_no_conflict(a: str, b: str) -> None:
    # before, each pair was one group flagged as a conflict; a bound's own number ("five",
    # "under five") is no count either, so nothing of the pair is grouped
    assert _two(a, b) == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # one qualifier written two ways is one quantity misreported
        (
            "Police said 12 children younger than five were treated at the hospital.",
            "Police said 9 children under 5 were treated at the hospital.",
        ),
        # a kind of place alone names no area of its own: "the state" may be Florida
        (
            "The flood displaced 400 families in Florida, officials said.",
            "The flood displaced 900 families in the state, officials said.",
        ),
        # a qualifier one outlet leaves out keeps nothing apart here
        (
            "The fire killed 12 people in the factory, officials said.",
            "The fire killed 9 people in the factory on Monday, officials said.",
        ),
    ],
)
def test_counts_qualified_alike_still_conflict(a: str, b: str) -> None:
    assert [status for status, _ in _two(a, b)] == ["conflict"]


@pytest.mark.parametrize(
    "a",
    [
        "Police said 12 children under five were treated at the hospital.",
        "Police said 12 children aged 5 and under were treated at the hospital.",
    ],
)
def test_a_bounded_count_is_a_part_of_an_unbounded_one(a: str) -> None:
    # "12 children under five" against "20 children": a part beside the whole (issue 16's
    # known wrong output: a qualifier on one side only still conflicted)
    b = "Police said 20 children were treated at the hospital after the crash."
    assert "conflict" not in [status for status, _ in _two(a, b)]


def test_a_bounded_count_still_agrees_with_an_equal_unbounded_one() -> None:
    # the bound may be left unsaid: equal values are one count
    assert _two(
        "Police said 12 children under five were treated at the hospital.",
        "Police said 12 children were treated at the hospital after the crash.",
    ) == [("agree", ["12 children", "12 children"])]


def test_the_one_sided_bound_rule_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(number_claims, "ONE_SIDED_BOUND", False)
    assert [status for status, _ in _two(
        "Police said 12 children under five were treated at the hospital.",
        "Police said 20 children were treated at the hospital after the crash.",
    )] == ["conflict"]  # fmt: skip


def test_places_named_by_initials_still_agree() -> None:
    # "the US" is "the United States": the one count of schools agrees
    assert _two(
        "The campaign will reach 5,500 public schools in the United States this year.",
        "The campaign will reach 5,500 public schools across the US, its backers said.",
    ) == [("agree", ["5,500 public schools", "5,500 public schools"])]


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        (" younger than five were hurt", {"under 5"}),
        (" aged 5 and under", {"under 5"}),
        (", aged over 18, were hurt", {"over 18"}),
        (" under the age of 16 were hurt", {"under 16"}),
        (" who live in Cook County", {"place: cook county"}),
        (" outside the stadium", {"outside"}),
        # a number with its own unit after "over" is a span, not a bound of the counted
        (" over two days", set()),
        (" over 16 years", set()),
        # another figure after a comma, not a bound
        (", more than 100 bills were filed", set()),
        # a headline's capitals name no place
        (" Killed in Shooting Near Downtown Park", set()),
        # a weekday is no place
        (" in Saturday's attack", set()),
    ],
)
def test_qualifiers_read_off_the_words_after_the_count(after: str, expected: set[str]) -> None:
    assert _qualifiers(after) == frozenset(expected)
