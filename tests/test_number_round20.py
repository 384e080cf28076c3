"""Number claims, round 20 of issue 16 ("Agree" groups mixed unrelated counts): words that
end in -ent are people only when listed; counts of the accused and of those shot are two
figures; a count told of another happening joins none of today's; the age of a thing is no
person's. Fixtures are sentences written for these tests, not article text."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from clustering.compare import number_claims
from clustering.extract.numbers import is_person_noun
from tests.test_number_claims_real import _claims

DAY = (2017, 11, 9)


def _groups(a: str, b: str, unit: str = "") -> list[tuple[str, list[str]]]:
    """(status, texts by article) of every group of two or more claims of `unit`."""
    claims = _claims(("a", a, DAY), ("b", b, DAY))
    grouped = claims.filter((pl.col("status") != "single") & (pl.col("unit") == unit))
    return [
        (group["status"][0], group.sort("article_id")["text"].to_list())
        for group in grouped.partition_by("group_id", maintain_order=True)
    ]


@pytest.mark.parametrize(
    ("word", "person"),
    [
        ("continent", False), ("incident", False), ("accident", False), ("component", False),
        ("event", False), ("recent", False),
        ("student", True), ("resident", True), ("president", True), ("recipient", True),
        ("adolescent", True), ("participant", True),
    ],
)  # fmt: skip
def test_words_ending_in_ent_are_people_only_when_listed(word: str, person: bool) -> None:
    assert is_person_noun(word) is person


TWO_ROLES = (
    "Three people, including two children, were shot outside the store on Main Street.",
    "Three teenagers have been charged in the shooting outside the store on Main Street.",
)


def test_the_accused_are_no_count_of_those_shot() -> None:
    assert _groups(*TWO_ROLES) == []


def test_without_the_rule_the_accused_would_join_those_shot(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(number_claims, "COUNTS_OF_TWO_ROLES", False)
    assert _groups(*TWO_ROLES) == [("agree", ["Three people", "Three teenagers"])]


def test_the_accused_told_again_keep_their_role() -> None:
    # "the three teenagers, who remained jailed" are the charged three of the article
    a = "Three people, including two children, were shot outside the store on Main Street."
    b = (
        "Three teenagers have been charged in the shooting outside the store on Main Street. "
        "Records did not name lawyers for the three teenagers, who remained in the store case."
    )
    assert _groups(a, b) == []


def test_two_counts_of_the_accused_still_agree() -> None:
    a = "Three teenagers have been charged in the shooting outside the store on Main Street."
    b = "Three suspects have been charged in the shooting outside the store on Main Street."
    assert _groups(a, b) == [("agree", ["Three teenagers", "Three suspects"])]


ELSEWHERE = (
    "Two people remain trapped inside the tram near the station, police said.",
    "On that occasion two women passengers were trapped inside a tram near the station, "
    "police said.",
)


def test_another_happenings_count_joins_none_of_todays() -> None:
    assert _groups(*ELSEWHERE) == []
    today = "Two women remain trapped inside the tram near the station, police said."
    years_ago = "Years ago two women were trapped inside a tram near the station, police said."
    assert _groups(today, years_ago) == []


def test_without_the_rule_another_happenings_count_would_join(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(number_claims, "COUNTS_ELSEWHERE", False)
    assert _groups(*ELSEWHERE) == [("agree", ["Two people", "two women"])]


def test_two_tellings_of_another_happening_still_agree() -> None:
    a = "It was the first tram crash since 1959, when two women died in a tram fire in Glasgow."
    b = "No one had died on a tram since 1959, when two women died in a tram fire in Glasgow."
    assert ("agree", ["two women died", "two women died"]) in _groups(a, b)


def test_a_year_of_this_papers_year_is_no_other_happening() -> None:
    # "in 2017, when" in a paper of 2017 tells this year's happening
    a = "Two people remain trapped inside the tram near the station, police said."
    b = "In 2017, when two people were trapped inside the tram near the station, police came."
    assert _groups(a, b) == [("agree", ["Two people", "two people"])]


AGED_THING = (
    "The picture of the boy at the zoo is understood to be four years old.",
    "A 4-year-old boy fell into the gorilla enclosure at the zoo.",
)


def test_the_age_of_a_thing_is_no_persons_age() -> None:
    a = "The picture is understood to be four years old, the zoo said of the boy."
    assert _groups(a, AGED_THING[1], unit="year") == []


def test_without_the_rule_the_age_of_a_thing_would_join(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(number_claims, "AGES_OF_THINGS", False)
    a = "The picture is understood to be four years old, the zoo said of the boy."
    assert len(_groups(a, AGED_THING[1], unit="year")) == 1


def test_a_persons_age_told_so_still_joins() -> None:
    a = "The boy is understood to be four years old, the zoo said."
    assert len(_groups(a, AGED_THING[1], unit="year")) == 1


HYPHENED = (
    "Two people remain trapped inside the tram near the station, police said.",
    "Seven people were hurt when a two-car tram overturned near the station, police said.",
)


def test_a_count_hyphened_to_a_thing_is_no_count_of_people() -> None:
    assert _groups(*HYPHENED) == []


def test_without_the_rule_the_hyphened_count_would_join(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(number_claims, "HYPHENED_THINGS", False)
    assert _groups(*HYPHENED) == [("agree", ["Two people", "two"])]


def test_a_count_hyphened_to_people_may_still_join() -> None:
    # "a two-man crew" counts men: people, left to the scores as before
    claims = _claims(("a", "The two-man crew was hurt.", DAY))
    row = claims.filter(pl.col("text") == "two").row(0, named=True)
    assert number_claims._hyphened_noun(row) == "man"
    assert number_claims.is_person_noun("man")


@pytest.mark.parametrize(
    ("sentence", "elsewhere"),
    [
        ("It was the first tram crash since 1959, when two women died in a fire.", True),
        ("It was the worst crash since 2017, when two women died in a fire.", False),
        ("Two women died in a fire since 1959, when the line opened.", False),
        ("On that occasion two women died in a fire.", True),
    ],
)
def test_a_count_after_a_word_of_another_happening(sentence: str, elsewhere: bool) -> None:
    # the paper is of 2017: "since 2017, when" is this year's; a count before the words
    # of another time is not told of it
    claims = _claims(("a", sentence, DAY))
    row = claims.filter(pl.col("text").str.to_lowercase().str.starts_with("two")).row(0, named=True)
    assert number_claims._count_elsewhere(row, date(*DAY)) is elsewhere
