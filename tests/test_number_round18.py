"""Issue 16 (numbers, round 18): ages of named people and of the youngest or oldest, the
class of missed quantities that spans most dev batches (ages one outlet gives by name in a
list and another by '-year-old', or spells the name one letter apart).

- a list of full names with their ages ("Lena Marsh, 54, Colt Marsh, 22, and ...") holds
  ages, not counts (`numbers._AGE_PATTERNS`' list form; commas or a list's semicolons);
- an age after "as young as" or "the youngest (being)" is the youngest's, one person of the
  story (the oldest likewise: `numbers.YOUNGEST_OLDEST`);
- two full names of one first name whose surnames are one letter apart ("Min Haung" / "Min
  Huang") are one person's (`number_claims.SURNAME_SPELLINGS`);
- such an age of the youngest or oldest is never the one age left of two lists of the same
  people (`number_claims._the_one_left`).

Fixtures are sentences written for these tests, not article text."""

from __future__ import annotations

import polars as pl
import pytest

from clustering.compare import number_claims
from clustering.extract import numbers
from tests.conftest import aligned_numbers, read_ages

DAY = (2016, 4, 4)


def _age_groups(*bodies: str) -> list[tuple[str, list[str]]]:
    """(status, texts by article) of every age group of two or more articles."""
    claims = aligned_numbers(*((f"a{i}", body, DAY) for i, body in enumerate(bodies)))
    ages = claims.filter(pl.col("unit") == "year")
    return sorted(
        (group["status"][0], group.sort("article_id")["text"].to_list())
        for group in ages.partition_by("group_id", maintain_order=True)
        if group["article_id"].n_unique() > 1
    )


# --- a list of full names with their ages ---------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "ages"),
    [
        (
            "Deputies found Lena Marsh, 54, Colt McVey, 22, Ida Vance, 22, and a dog.",
            [("54", 54.0, "lena marsh"), ("22", 22.0, "colt mcvey"), ("22", 22.0, "ida vance")],
        ),
        (
            "The dead were Ivo Lark, 50; Mira T. Lark, 48; and Tom Ek, 3.",
            [("50", 50.0, "ivo lark"), ("48", 48.0, "mira lark"), ("3", 3.0, "tom ek")],
        ),
    ],
)
def test_a_list_of_names_with_their_ages_holds_ages(sentence: str, ages: list) -> None:
    assert read_ages(sentence) == ages


@pytest.mark.parametrize(
    "sentence",
    [
        # one capitalised word is no full name: places and their figures (", 15, and" after
        # one is still read as a name's age, a limit kept since round 12)
        "Turnout was highest in Dallas, 12, Austin, 15, Waco, 9.",
        # the next item gives no age: the first figure is not read as a list's age
        "Rain fell on Lena Marsh Park, 54, Colt Street and the bridge.",
        # a list of votes by name, not of ages
        "Yea votes have dwindled: Stephen Ardent, 87; John Rook, 78; Sonia Tell, 68; Ed Kay, 63 "
        "and more.",
    ],
)
def test_figures_of_other_lists_are_no_ages(sentence: str) -> None:
    assert read_ages(sentence) == []


def test_a_listed_age_meets_another_outlets_age_of_that_name() -> None:
    listed = "Deputies found Lena Marsh, 54, Colt McVey, 22, Ida Vance, 22, and a dog."
    assert ("agree", ["54", "54-year-old"]) in _age_groups(
        listed, "Neighbours said 54-year-old Lena Marsh had lived there for years."
    )
    assert ("conflict", ["54", "55-year-old"]) in _age_groups(
        listed, "Neighbours said 55-year-old Lena Marsh had lived there for years."
    )


# --- the youngest and the oldest ------------------------------------------------------------


def test_ages_of_the_youngest_and_the_oldest_name_them() -> None:
    assert read_ages("They were as young as 13 and as old as 17, the principal said.") == [
        ("13", 13.0, "youngest"),
        ("17", 17.0, "oldest"),
    ]
    assert read_ages(
        "Ages ranged from the youngest being just 12-years-old to the oldest being 17."
    )[0] == ("12-years-old", 12.0, "youngest")


def test_two_outlets_youngest_ages_that_differ_conflict() -> None:
    groups = _age_groups(
        "Six teens were hurt. “As young as 13, as old as 17,” the principal said of them.",
        "Six minors were hurt, the youngest being just 12-years-old, the oldest being 17.",
    )
    assert ("conflict", ["13", "12-years-old"]) in groups


def test_the_youngest_rule_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(numbers, "YOUNGEST_OLDEST", False)
    assert read_ages("They were as young as 13, the principal said.") == [("13", 13.0, "")]


# --- one surname spelt two ways -------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "apart"),
    [
        ("haung", "huang", True),  # two neighbours swapped
        ("melon", "melton", True),  # a letter dropped
        ("casulo", "casullo", True),
        ("pavlicek", "pavilicek", True),
        ("marsh", "march", True),  # a letter changed
        ("lee", "les", False),  # too short to tell a slip from another name
        ("mata", "matata", False),  # two letters
        ("huang", "huang", False),  # the same
    ],
)
def test_one_letter_apart(a: str, b: str, apart: bool) -> None:
    assert number_claims._one_letter_apart(a, b) is apart


def test_one_first_name_and_surnames_one_letter_apart_are_one_person() -> None:
    assert number_claims._same_person("min haung", "min huang") == 1.0
    # another first name, or a surname alone: two people maybe
    assert number_claims._same_person("min haung", "lin huang") == 0.0
    assert number_claims._same_person("melon", "melton") == 0.0
    groups = _age_groups(
        "Police identified the man as Michael Melon, 18, of Homestead.",
        "Police charged 19-year-old Michael Melton with attempted murder.",
    )
    assert groups == [("conflict", ["18", "19-year-old"])]


def test_the_surname_rule_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(number_claims, "SURNAME_SPELLINGS", False)
    assert number_claims._same_person("min haung", "min huang") == 0.0


# --- a range's end is no listed person ------------------------------------------------------


def test_the_youngest_is_not_the_one_age_left_of_two_lists() -> None:
    # the two articles list the same three suspects; each then gives one more age, the
    # first a mother's child, the second the youngest of the injured: not one person
    groups = _age_groups(
        "Police charged Tom Ek, 20, Al Roe, 18, and Ben Poe, 18. “My 13-year-old can't "
        "sleep,” a mother said.",
        "Police charged 20-year-old Tom Ek, 18-year-old Al Roe and 18-year-old Ben Poe. Six "
        "were hurt, the youngest being just 12-years-old.",
    )
    assert [status for status, _ in groups if status == "conflict"] == []
