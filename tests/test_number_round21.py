"""Number claims, round 21 of issue 16 (flags and agree groups read on the news-please crawl):
a statement's day joins no other day it does not equal; "one" as a pronoun is no count;
"a half million" is half a million. Fixtures are sentences written for these tests, not
article text."""

from __future__ import annotations

import polars as pl
import pytest

from clustering.compare import number_claims
from clustering.extract import numbers
from clustering.extract.numbers import find_numbers
from tests.test_number_claims_real import _claims

WEDNESDAY = (2019, 3, 13)


def _groups(a: str, b: str) -> list[tuple[str, str, list[str]]]:
    """(status, quantity, texts by article) of every group of two or more claims."""
    claims = _claims(("a", a, WEDNESDAY), ("b", b, WEDNESDAY))
    grouped = claims.filter(pl.col("status") != "single")
    return [
        (group["status"][0], group["quantity"][0], group.sort("article_id")["text"].to_list())
        for group in grouped.partition_by("group_id", maintain_order=True)
    ]


def _found(sentence: str) -> list[tuple[str, float]]:
    """(text, value) of every quantity `find_numbers` reads in one sentence."""
    return [(sentence[m.start : m.end], m.value) for m in find_numbers(sentence)]


# --- a statement's day is when someone spoke ---------------------------------------------------

SPOKE_AND_HAPPENED = (
    "A river cruise boat hit a railway bridge near the harbour and 12 passengers were hurt, "
    "police said Wednesday.",
    "The collision happened late Tuesday on the river near the harbour, and 12 passengers "
    "were hurt.",
)


def test_a_statements_day_joins_no_day_that_only_reaches_it() -> None:
    # "late Tuesday" may run into Wednesday, but the police spoke on Wednesday
    assert _groups(*SPOKE_AND_HAPPENED) == [
        ("agree", "passengers hurt", ["12 passengers", "12 passengers"])
    ]


def test_without_the_rule_the_statements_day_would_be_compatible(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(number_claims, "STATEMENT_DAY_ALONE", False)
    assert ("compatible", "day of a statement", ["Wednesday", "Tuesday"]) in _groups(
        *SPOKE_AND_HAPPENED
    )


def test_a_statements_day_joins_no_month() -> None:
    a = "The mayor said Tuesday that the bridge near the harbour would be inspected."
    b = "The bridge near the harbour was last inspected in March, the mayor said."
    assert _groups(a, b) == []


def test_without_the_rule_the_statement_would_join_the_month(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(number_claims, "STATEMENT_DAY_ALONE", False)
    a = "The mayor said Tuesday that the bridge near the harbour would be inspected."
    b = "The bridge near the harbour was last inspected in March, the mayor said."
    assert _groups(a, b) == [("compatible", "day of a statement", ["Tuesday", "March"])]


def test_two_statements_of_one_day_still_agree() -> None:
    a = "Twelve passengers were hurt when the boat hit the bridge, police said Wednesday."
    b = "Twelve passengers were hurt when the boat hit the bridge, the coast guard said Wednesday."
    assert ("agree", "day of a statement", ["Wednesday", "Wednesday"]) in _groups(a, b)


# --- "one" as a pronoun ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Not even the biggest telescope one can imagine would show the planet.",
        "In the footage, one could see the crowd running from the square.",
        "Those are the standards one would expect of a minister.",
        "Safety, the coach said, was a big one.",
        "The first launch failed, but the second one, in May, worked.",
        "She lost a loved one in the flood.",
        "The state inquiry largely follows the federal one.",
    ],
)
def test_one_as_a_pronoun_is_no_count(sentence: str) -> None:
    assert "one" not in [text.lower() for text, _ in _found(sentence)]


def test_without_the_rule_the_pronoun_would_be_a_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(numbers, "PRONOUN_ONE", False)
    assert _found("Not even the biggest telescope one can imagine would show the planet.") == [
        ("one", 1.0)
    ]
    assert _found("Safety, the coach said, was a big one.") == [("one", 1.0)]


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("One man was shot and one was hurt.", [("One man", 1.0), ("one", 1.0)]),
        ("Three men were arrested and one is in hospital.", [("Three men", 3.0), ("one", 1.0)]),
        ("The plan costs a mere one percent of the budget.", [("one percent of the budget", 1.0)]),
        ("The twenty one men left the camp.", [("twenty one men", 21.0)]),
    ],
)
def test_one_that_counts_is_still_read(sentence: str, found: list[tuple[str, float]]) -> None:
    assert _found(sentence) == found


def test_two_articles_pronouns_make_no_agree_group() -> None:
    a = "Family, the coach said on the radio, was a big one in his decision to retire."
    b = "The coach said family was the biggest one in his decision to retire."
    assert all(group[1] != "count" for group in _groups(a, b))


# --- half a scale --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("The tanker carried a half million barrels of oil.", 500_000.0),
        ("The country will give another half billion doses to poorer nations.", 500_000_000.0),
        ("One and a half million people were moved from the coast.", 1_500_000.0),
        ("Two and a half billion dollars was spent on the dam.", 2_500_000_000.0),
        ("A half-dozen advisers met the minister.", 6.0),
        ("Half a million people marched in the capital.", 500_000.0),
    ],
)
def test_half_a_scale_is_half_of_it(sentence: str, found: float) -> None:
    assert [value for _, value in _found(sentence)] == [found]


def test_without_the_rule_a_half_million_would_be_a_million(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(numbers, "HALF_SCALES", False)
    assert [v for _, v in _found("The tanker carried a half million barrels of oil.")] == [1e6]
    # "half a million" was read before the rule too
    assert [v for _, v in _found("Half a million people marched in the capital.")] == [500_000.0]


HALF_BILLION = (
    "The country will donate 500 million more doses of the vaccine to poorer nations.",
    "The country will donate another half billion doses of the vaccine to poorer nations.",
)


def test_half_a_billion_doses_agree_with_500_million() -> None:
    assert [g[0] for g in _groups(*HALF_BILLION) if g[1] == "doses"] == ["agree"]


def test_without_the_rule_half_a_billion_would_conflict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(numbers, "HALF_SCALES", False)
    assert [g[0] for g in _groups(*HALF_BILLION) if g[1] == "doses"] == ["conflict"]
