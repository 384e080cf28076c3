"""Number claims: an age belongs to the person it is told of (issue 16, the round after 18).
Two equal ages of two people never agree: people of two sexes (a role's, a role beside a
name, a list's head: "their sons, Zachary ..., 19"), or the accused and the one he shot; and
an age in months read as months wherever "months" follows its number ("age 17 months").
Fixtures are sentences written for these tests, not article text."""

from __future__ import annotations

import pytest

from clustering.compare import number_claims
from clustering.extract.numbers import find_numbers
from tests.test_number_ages import _ages

TWO_PEOPLE = [
    # a list's head gives its names' sex: the sons are not the other family's daughter
    (
        "Their 19-year-old daughter was studying in Boston when the plane went down.",
        "Killed were Bruce Stone, 50, and Irene Stone, 51; and their sons, Zack Stone, 19;"
        " Will Stone, 18; and Matt Stone, 13.",
    ),
    # two roles of two sexes
    (
        "His 14-year-old daughter was still in hospital on Friday.",
        "Their 14-year-old son was with them on the promenade.",
    ),
    # a word of sex after the age, no role
    (
        "The zoo said the 12-year-old female was moved to another enclosure.",
        "The keepers said the 12-year-old male had never left the enclosure.",
    ),
    # the accused against the one killed, one role
    (
        "A 17-year-old boy has been charged with murder after he shot a friend.",
        "A 17-year-old boy was killed in a drive-by shooting Monday night.",
    ),
    (
        "Police charged a 16-year-old boy who is accused of firing the shot.",
        "Neighbours mourned the shooting death of a 16-year-old boy on Elm Street.",
    ),
]


@pytest.mark.parametrize(("a", "b"), TWO_PEOPLE)
def test_ages_of_two_people_never_agree(a: str, b: str) -> None:
    assert _ages(a, b) == []


@pytest.mark.parametrize(("a", "b"), TWO_PEOPLE[:4])
def test_without_the_rule_they_would_agree(a: str, b: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # the cases the rule exists for: the scores join them when it is off
    monkeypatch.setattr(number_claims, "AGES_OF_TWO_PEOPLE", False)
    assert len(_ages(a, b)) == 1


@pytest.mark.parametrize(
    ("a", "b", "texts"),
    [
        # one sex both sides (a list's head, an age by role): still one person
        (
            "Police said Carl Dunn shot their three daughters, ages four, six and 13.",
            "Their three daughters -- 4-year-old Lily, 6-year-old Rose and 13-year-old Ava --"
            " were found inside.",
            [["four", "4-year-old"], ["six", "6-year-old"], ["13", "13-year-old"]],
        ),
        # the one killed told by name and by role
        (
            "The teen pleaded not guilty in the death of 17-year-old Marcus Hale.",
            "A 17-year-old boy was killed in a drive-by shooting Monday night.",
            [["17-year-old", "17-year-old"]],
        ),
        # a sex word beside a name: "her son, John Reed, 20" is a man
        (
            "Her son, John Reed, 20, was taken to a hospital in Salem.",
            "A 20-year-old man was taken to a hospital in Salem with a leg wound.",
            [["20", "20-year-old"]],
        ),
    ],
)
def test_ages_of_one_person_still_agree(a: str, b: str, texts: list[list[str]]) -> None:
    assert sorted(t for _, t in _ages(a, b)) == sorted(texts)


@pytest.mark.parametrize(
    ("sentence", "ages"),
    [
        ("Nora Diaz, age 17 months, was hit by a single bullet.", [(17.0, "month")]),
        ("The baby, aged 6 months, was unhurt.", [(6.0, "month")]),
        ("A boy aged 10 weeks was found asleep.", [(10.0, "week")]),
        # a list's number followed by "months" is months; the one before it stays years
        (
            "Their children, Ana and Eva, aged 5 and 18 months, were found.",
            [(5.0, "year"), (18.0, "month")],
        ),
        (
            "Her siblings ranging in age from seven months to 13-years-old.",
            [(7.0, "month"), (13.0, "year")],
        ),
        ("He died at age 84 of heart failure.", [(84.0, "year")]),
        ("The children, ages 2 and 4, were home.", [(2.0, "year"), (4.0, "year")]),
    ],
)
def test_an_age_in_months_is_read_in_months(sentence: str, ages: list[tuple[float, str]]) -> None:
    found = [(m.value, m.unit) for m in find_numbers(sentence) if m.kind == "age"]
    assert found == ages


def test_months_and_years_of_one_number_never_agree() -> None:
    # "age 17 months" was read as 17 years: it meets the 17-month-old, not a 17-year-old
    a = "Investigators say Nora Diaz, age 17 months, was hit by a single bullet."
    b = "Police are investigating the shooting death of a 17-month-old girl."
    c = "Police are investigating the shooting of a 17-year-old girl."
    assert _ages(a, c) == []
    claims = number_claims_of(a, b)
    assert claims == [("agree", ["age 17", "17-month-old"])]


def number_claims_of(a: str, b: str) -> list[tuple[str, list[str]]]:
    """(status, texts by article) of every age group (any unit) of two articles."""
    import polars as pl

    from tests.test_number_claims_real import _claims

    day = (2016, 4, 4)
    claims = _claims(("a", a, day), ("b", b, day))
    grouped = claims.filter(
        (pl.col("status") != "single") & pl.col("unit").is_in(["year", "month", "week"])
    )
    return [
        (group["status"][0], group.sort("article_id")["text"].to_list())
        for group in grouped.partition_by("group_id", maintain_order=True)
    ]


def test_an_age_in_months_meets_the_same_age_in_years() -> None:
    # ages are compared in years: a 12-month-old is a 1-year-old ...
    a = "Police said a 12-month-old boy was hit by a stray bullet on Elm Street."
    b = "A 1-year-old boy was hit by a stray bullet on Elm Street, police said."
    assert number_claims_of(a, b) == [("agree", ["12-month-old", "1-year-old"])]


def test_an_age_in_months_is_no_age_in_years_of_its_number(monkeypatch: pytest.MonkeyPatch) -> None:
    # ... and a 6-month-old no 6-year-old, whichever way the ages are compared
    a = "A 6-month-old girl was hit by a stray bullet on Elm Street."
    b = "A 6-year-old girl was hit by a stray bullet on Elm Street."
    assert number_claims_of(a, b) == []
    monkeypatch.setattr(number_claims, "AGES_IN_YEARS", False)
    assert number_claims_of(a, b) == []


@pytest.mark.parametrize(
    ("sentence", "age"),
    [
        ("A 3- or 4-year-old boy was hurt.", (3.0, 4.0, "year", "3- or 4-year-old")),
        ("Their 1- or 2 -year-old baby was hurt.", (1.0, 2.0, "year", "1- or 2 -year-old")),
        ("The 15- to 17-year-old suspects fled.", (15.0, 17.0, "year", "15- to 17-year-old")),
        ("His five- or six-month-old son slept.", (5.0, 6.0, "month", "five- or six-month-old")),
    ],
)
def test_a_range_of_ages_with_a_suspended_hyphen_is_one_age(
    sentence: str, age: tuple[float, float, str, str]
) -> None:
    # one age from its first number to its second: no count "3" beside a "4-year-old"
    found = [
        (m.value, m.value_high, m.unit, sentence[m.start : m.end], m.kind, m.qualifier)
        for m in find_numbers(sentence)
    ]
    assert found == [(*age, "age", "range")]


def test_an_age_in_weeks_is_compatible_with_its_months() -> None:
    # an 8-week-old is 8 to 9 weeks old, a 2-month-old 2 to 3 months: one baby may be both
    a = "Police said an 8-week-old baby was found unharmed in the crib on Elm Street."
    b = "Police said a 2-month-old baby was found unharmed in the crib on Elm Street."
    assert [status for status, _ in number_claims_of(a, b)] == ["compatible"]
    # ... a 3-month-old is not
    c = "Police said a 3-month-old baby was found unharmed in the crib on Elm Street."
    assert [status for status, _ in number_claims_of(a, c)] != ["compatible"]


NAMES_OF_ONE_FAMILY = (
    "Police said Kevin Pimentel, 12, was shot in the kitchen of the mobile home.",
    "Deputies said Brady Pimentel, 12, was shot in the kitchen of the mobile home.",
)


def test_two_names_of_one_surname_are_two_people(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _ages(*NAMES_OF_ONE_FAMILY) == []
    monkeypatch.setattr(number_claims, "AGES_OF_TWO_PEOPLE", False)
    assert _ages(*NAMES_OF_ONE_FAMILY) == [("agree", ["12", "12"])]


def test_a_first_name_and_its_short_form_are_one_person() -> None:
    a = "Police said Nicholas Ursin, 15, was taken to a hospital by helicopter."
    b = "Nick Ursin, 15, a member of the marching band, died at the hospital."
    assert _ages(a, b) == [("agree", ["15", "15"])]


@pytest.mark.parametrize(
    ("sentence", "age"),
    [
        # a blank before the comma after a name
        ("Police said Jon Mersh , 41, is also suspected of arson.", ("41", "jon mersh")),
        # a headline's last words, without a stop
        ("Sheriff names no suspect in the shooting of Jay Burr, 14", ("14", "jay burr")),
        # a word before the role; the sentence's stop after the age
        ("Also in the room was an older boy, 11.", ("11", "boy")),
        ("The tram driver, 42, from Leeds, was arrested.", ("42", "driver")),
        # "-year" without "old" before a young person's role
        ("He shot and wounded a 16-year girl while showing off a gun.", ("16-year", "girl")),
        ("The 31-year delivery man had planned the attack.", ("31-year", "man")),
        # two people's one age
        ("Fred Dale and Pat Neal, both 65 and of Detroit, were charged.", ("65", "")),
    ],
)
def test_ages_told_without_year_old(sentence: str, age: tuple[str, str]) -> None:
    found = [
        (sentence[m.start : m.end], m.counted) for m in find_numbers(sentence) if m.kind == "age"
    ]
    assert found == [age]


@pytest.mark.parametrize(
    ("sentence", "ages"),
    [
        ("He served a 10-year sentence for the robbery.", []),
        ("She is a 20-year officer of the county.", []),
        # "-year old": the one age "6-year old", as before
        ("A 6-year old girl was hurt.", [("6-year old", "girl")]),
        # a headline's "-year-old" at its end names nobody before it
        ("Navarro County Toddler Shot, Killed By 8-Year-Old", [("8-Year-Old", "")]),
    ],
)
def test_no_new_age_where_none_is(sentence: str, ages: list[tuple[str, str]]) -> None:
    found = [
        (sentence[m.start : m.end], m.counted) for m in find_numbers(sentence) if m.kind == "age"
    ]
    assert found == ages
