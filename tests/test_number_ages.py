"""Number claims: two equal ages are one person's when each article tells of one person of
that age (issue 16, fourth round: of dev_numbers4.json's 60 agreeing quantities, 15 were
ages one outlet gives by name and the other by a role or by nothing, which an age's
anchors alone never join: "A 16-year-old has died" / "16-year-old Matthew Regula").
Fixtures are sentences written for these tests, not article text."""

from __future__ import annotations

import polars as pl
import pytest

from clustering.compare import number_claims
from clustering.extract.numbers import extract_numbers
from tests.conftest import dated_articles, read_ages
from tests.test_number_claims_real import _claims

DAY = (2016, 4, 4)


def _ages(a: str, b: str) -> list[tuple[str, list[str]]]:
    """(status, texts by article) of every age group of two or more claims."""
    claims = _claims(("a", a, DAY), ("b", b, DAY))
    grouped = claims.filter((pl.col("status") != "single") & (pl.col("unit") == "year"))
    return [
        (group["status"][0], group.sort("article_id")["text"].to_list())
        for group in grouped.partition_by("group_id", maintain_order=True)
    ]


@pytest.mark.parametrize(
    ("a", "b", "texts"),
    [
        # a name against nothing
        (
            "A 16-year-old has died after being shot in the face at a home in Killingly.",
            "A vigil for 16-year-old Matthew Regula was held at a park in Danielson.",
            ["16-year-old", "16-year-old"],
        ),
        # a name against a role
        (
            "A 22-year-old Woodville man died at a hospital after he was shot in the chest.",
            "Dakota Schriefer, 22, was comparing handguns with his brother-in-law outside.",
            ["22-year-old", "22"],
        ),
        # a role and its name in one article: still one person of that age
        (
            "A 17-year-old boy was shot. Andrew Carroll, 17, was taken to a hospital.",
            "The 17-year-old was showing a handgun to two girls in his backyard.",
            ["17-year-old", "17-year-old"],
        ),
    ],
)
def test_each_articles_one_person_of_an_age_is_one_person(a: str, b: str, texts: list[str]) -> None:
    assert _ages(a, b) == [("agree", texts)]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # two people of that age in one article: which one the other means is not known
        (
            "Jaterreon Thorne, 17, died. E'Monnie Dixon, 17, was killed in another incident.",
            "Police found a 17-year-old suffering from a gunshot wound in the front yard.",
        ),
        # two names
        (
            "Police said Kyle Carney, 22, was handling a rifle when it went off.",
            "The victim, Matthew Regula, 22, was taken to a hospital in Putnam.",
        ),
        # roles of two sexes
        (
            "A 15-year-old girl was shot at a home on Maple Street, police said.",
            "A 15-year-old boy was shot at a home on Maple Street, police said.",
        ),
        # the accused against the victim
        (
            "A 17-year-old boy suspected of shooting his friend was arrested on Monday.",
            "The victim, a 17-year-old, was taken to a hospital where he died on Monday.",
        ),
    ],
)
def test_equal_ages_that_may_be_two_people_stay_apart(a: str, b: str) -> None:
    assert _ages(a, b) == []


def test_the_rule_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    a = "A 16-year-old has died after being shot in the face at a home in Killingly."
    b = "A vigil for 16-year-old Matthew Regula was held at a park in Danielson."
    monkeypatch.setattr(number_claims, "ONE_AGE_SCORE", None)
    assert _ages(a, b) == []  # before the rule: a name against nothing says nothing


# --- two equal lead days of the happening ----------------------------------------------------


def _days(a: str, b: str, day_a: tuple[int, ...], day_b: tuple[int, ...]) -> list[str]:
    """Statuses of the groups of worked-out days two articles' sentences share."""
    claims = _claims(("a", a, day_a), ("b", b, day_b))
    days = claims.filter((pl.col("status") != "single") & (pl.col("unit") == "relative"))
    return [g["status"][0] for g in days.partition_by("group_id", maintain_order=True)]


# Sentences that name different people and places: before the rule, the names kept two
# equal days apart (they may date two happenings), unless the words around them matched.
SHOT_FRIDAY = "A 17-year-old boy was shot Friday night at a mobile home in Bartow County."
KILLED_FRIDAY = "Christopher Roupe was killed Friday by an officer in Euharlee, his lawyer said."


def test_equal_lead_days_of_the_happening_agree_across_days_of_publication() -> None:
    # a Saturday paper and a Tuesday paper both work "Friday" out to Feb. 14
    assert _days(SHOT_FRIDAY, KILLED_FRIDAY, (2014, 2, 15), (2014, 2, 18)) == ["agree"]


def test_equal_lead_days_rule_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(number_claims, "SAME_LEAD_DAY", False)
    assert _days(SHOT_FRIDAY, KILLED_FRIDAY, (2014, 2, 15), (2014, 2, 18)) == []


def test_a_weekday_that_tells_no_happening_is_no_lead_day() -> None:
    # a funeral's Friday beside the shooting's: the first names no happening by its day
    funeral = "The funeral for Christopher Roupe in Euharlee is planned for Friday afternoon."
    assert _days(SHOT_FRIDAY, funeral, (2014, 2, 15), (2014, 2, 15)) == []


@pytest.mark.parametrize(
    ("sentence", "ages"),
    [
        # (round 12) a name's age ending the sentence; after a middle initial too
        (
            "The crash killed Dana Whitfield, 20.",
            [("20", 20.0, "dana whitfield")],
        ),
        (
            "Deputies named the driver and Carla M. Brandt, 41.",
            [("41", 41.0, "carla brandt")],
        ),
        # a surname with an inner capital, its anchor whole
        (
            "Ja'Quan DeVries, 19, was arrested; 19-year-old Ja'Quan DeVries is held.",
            [("19", 19.0, "ja'quan devries"), ("19-year-old", 19.0, "ja'quan devries")],
        ),
        (
            "Rowan McAllister, 33, was taken to a hospital.",
            [("33", 33.0, "rowan mcallister")],
        ),
        # a list's semicolon closes an age
        (
            "The dead were Ivo Lark, 50; Mira Lark, 48; and a dog.",
            # (round 18: the first of a list of names with their ages is read too)
            [("50", 50.0, "ivo lark"), ("48", 48.0, "mira lark")],
        ),
        # a person told by a role between commas
        (
            "A spokesman said a woman, 29, who was hurt is stable.",
            [("29", 29.0, "woman")],
        ),
    ],
)
def test_appositive_ages_read_as_ages(sentence: str, ages: list) -> None:
    assert read_ages(sentence) == ages


@pytest.mark.parametrize(
    "sentence",
    [
        "Sales rose on Friday Monday, 12.",  # a day is no surname
        "The count in Ward Five stood at 12.",  # no comma between name and number
        "Results: Texas 12; Ohio 15.",
        "The team won 24-17 in Green Bay, 24-17.",  # a score, not an age at sentence end
        "The vote, 52, 48, was close.",  # no role word before the number
    ],
)
def test_figures_after_other_words_are_no_ages(sentence: str) -> None:
    # (a limit kept: one capitalised word, then ", 12, and", is read as a name's age, as
    # before round 12: "in Dallas, 12, and in Austin, 15")
    assert read_ages(sentence) == []


def _titled(*articles: tuple[str, str, str]) -> pl.DataFrame:
    """ARTICLES of (article_id, title, body), one outlet each, published on one day."""
    return dated_articles(
        *((a, body, (2016, 11, 7)) for a, _, body in articles),
        titles={a: title for a, title, _ in articles},
    )


def test_an_anchor_telling_what_happened_names_nobody() -> None:
    assert number_claims._names_nobody("killed in hunting")
    assert number_claims._names_nobody("accidentally shot")
    assert number_claims._names_nobody("heads to trial")
    assert not number_claims._names_nobody("mara quill")
    assert not number_claims._names_nobody("tristin carr")


def test_a_headline_verb_read_as_an_anchor_does_not_split_one_girl_s_age() -> None:
    # Each article tells of one 12-year-old (a girl, then her name); the second headline's
    # age is anchored on "killed in hunting", which had counted as a second surname, so the
    # article seemed to tell of two people of 12 and the girl's age was shown in two agree
    # groups (a headline's 'girl', then 'Mara Quill'): one figure twice (gvc:269677).
    frame = _titled(
        ("a", "UPDATE: 12 year-old Brookfield girl killed in weekend hunting accident",
         "Friends gathered on Sunday to mourn a young girl killed in a hunting accident.\n\n"
         "12 year-old Mara Quill was killed on Saturday when a rifle went off near a deer stand."),
        ("b", "12-Year-Old Brookfield Girl Killed In Hunting Accident",
         "Wardens are looking into a hunting incident that took the life of a 12-year-old "
         "girl.\n\nThe rifle went off near a deer stand on Saturday.\n\nMara Quill, 12, of "
         "Brookfield, died after a bullet struck her."),
    )  # fmt: skip
    numbers = extract_numbers(frame)
    anchors = numbers.filter(pl.col("kind") == "age").sort("article_id", "sentence_index")
    assert anchors["counted"].to_list() == [
        "girl", "mara quill", "killed in hunting", "girl", "mara quill"
    ]  # fmt: skip
    ages = number_claims.align_numbers(numbers, frame).filter(pl.col("unit") == "year")
    assert ages["status"].to_list() == ["agree", "agree"]
    assert ages["group_id"].n_unique() == 1


@pytest.mark.parametrize(
    ("roles", "one"),
    [
        ({"girl", "daughter"}, {"girl"}),  # "a wounded 12-year-old girl" / "his ... daughter"
        ({"boy", "brother", "child"}, {"boy"}),
        ({"teen", "son"}, {"teen"}),
        # two sexes, two family roles, a named owner, a role no child has: two people
        ({"boy", "girl"}, {"boy", "girl"}),
        ({"girl", "daughter", "sister"}, {"girl", "daughter", "sister"}),
        ({"girl", "son"}, {"girl", "son"}),
        ({"boy", "son of powell"}, {"boy", "son of powell"}),
        ({"boy", "suspect"}, {"boy", "suspect"}),
        ({"son", "brother"}, {"son", "brother"}),
    ],
)
def test_a_child_told_by_a_plain_and_a_family_role_is_one_child(
    roles: set[str], one: set[str]
) -> None:
    assert number_claims._one_child(roles) == one


def test_one_girl_told_as_girl_and_daughter_is_one_age_group() -> None:
    # one article gives the 12-year-old as 'girl' and as 'daughter', the other by name: one
    # child, so her age is one agree group (two roles had read as two children of 12, each
    # age shown alone; gvc:282956 showed one girl's age in two agree groups)
    frame = _titled(
        ("a", "Father held after shooting at home",
         "A wounded 12-year-old girl called 911 from the house, police said.\n\n"
         "The man's 12-year-old daughter ran to a neighbour's porch."),
        ("b", "Girl survives shooting that killed three",
         "Police said the girl, Lena Ostrow, 12, hid in a closet and called 911."),
    )  # fmt: skip
    ages = number_claims.align_numbers(extract_numbers(frame), frame).filter(
        pl.col("unit") == "year"
    )
    assert ages["status"].to_list() == ["agree", "agree"]
    assert ages["group_id"].n_unique() == 1
