"""Number claims: a small count of people in general is never one of things no person is
(issue 16: "Agree" groups mixed "two people" with "two hospitals", "two adults" with "two
jobs"). Fixtures are sentences written for these tests, not article text."""

from __future__ import annotations

import polars as pl
import pytest

from clustering.compare import number_claims
from clustering.extract.numbers import is_person_noun
from tests.test_number_claims_real import _claims

DAY = (2017, 11, 9)


def _counts(a: str, b: str) -> list[tuple[str, list[str]]]:
    """(status, texts by article) of every group of counts of two or more claims."""
    claims = _claims(("a", a, DAY), ("b", b, DAY))
    grouped = claims.filter((pl.col("status") != "single") & (pl.col("unit") == ""))
    return [
        (group["status"][0], group.sort("article_id")["text"].to_list())
        for group in grouped.partition_by("group_id", maintain_order=True)
    ]


PEOPLE_AND_THINGS = [
    (
        "Two people remain trapped inside the tram after it overturned near the tunnel.",
        "The injured from the tram near the tunnel were taken to two hospitals.",
    ),
    (
        "Two adults and three children were found dead inside the home on Friday.",
        "The father worked two jobs and the home on Friday was quiet, neighbours said.",
    ),
    (
        "Two people briefed on the matter said the packages were sent from Florida.",
        "Two additional packages were found in Florida on Friday.",
    ),
    (
        "One participant said the marchers threw eggs at the border.",
        "In one case, the marchers threw eggs at the border.",
    ),
]


@pytest.mark.parametrize(("a", "b"), PEOPLE_AND_THINGS)
def test_people_in_general_are_no_count_of_things(a: str, b: str) -> None:
    assert _counts(a, b) == []


@pytest.mark.parametrize(("a", "b"), PEOPLE_AND_THINGS)
def test_without_the_rule_they_would_agree(a: str, b: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(number_claims, "PEOPLE_NOT_THINGS", False)
    assert len(_counts(a, b)) == 1


@pytest.mark.parametrize(
    ("a", "b", "texts"),
    [
        # a word for people, known or ending as such words do
        (
            "Two people were taken to a hospital after the crash on Route 9.",
            "Two passengers were taken to a hospital after the crash on Route 9.",
            ["Two people", "Two passengers"],
        ),
        # what befalls people, read as the thing counted
        (
            "The two were shot in the driveway of the home on Elm Street.",
            "Two people were found dead in the driveway of the home on Elm Street.",
            ["two", "Two people"],
        ),
        (
            "Police said 80 people remained unaccounted for after the collapse.",
            "80 missing after the collapse, police said.",
            ["80 people remained", "80 missing"],
        ),
    ],
)
def test_people_told_otherwise_still_agree(a: str, b: str, texts: list[str]) -> None:
    assert _counts(a, b) == [("agree", texts)]


@pytest.mark.parametrize(
    ("word", "person"),
    [
        ("passenger", True), ("fisherman", True), ("activist", True), ("employee", True),
        ("participant", True), ("civilian", True), ("teen", True), ("source", True),
        ("hospital", False), ("job", False), ("document", False), ("package", False),
        ("korea", False), ("collision", False),
    ],
)  # fmt: skip
def test_is_person_noun(word: str, person: bool) -> None:
    assert is_person_noun(word) is person


def test_millions_of_people_are_no_millions_of_things() -> None:
    # one significant digit read off the value itself: "millions of" is 1,000,000
    a = "The launch put millions of Japanese into duck and cover on Tuesday."
    b = "Warnings of the launch spread on millions of cell phones on Tuesday."
    assert _counts(a, b) == []
