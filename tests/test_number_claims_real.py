"""Issue 16 number rules read off the enlarged real dev split: days worked out from weekdays,
"another", strict bounds, times dated by their article, tolls rising across days; and a floor
on the real dev split (benchmarks/gold/real, skipped without ../shared)."""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from clustering.compare.number_claims import align_numbers
from clustering.extract.numbers import extract_numbers, falls, find_numbers, find_relative_days
from tests.conftest import SHARED, dated_articles, needs_shared

ROOT = Path(__file__).resolve().parents[1]


def _claims(*articles: tuple[str, str, tuple[int, ...] | None]) -> pl.DataFrame:
    frame = dated_articles(*articles)
    return align_numbers(extract_numbers(frame), frame)


def _days(text: str, published: date) -> list[tuple[str, float, str]]:
    return [(text[m.start : m.end], m.value, m.kind) for m in find_relative_days(text, published)]


# --- days worked out against the publication day -------------------------------------------


def test_a_weekday_is_the_last_such_day_on_or_before_publication() -> None:
    monday = date(2014, 11, 24)
    assert _days("A baby was shot on Saturday by her father.", monday) == [
        ("Saturday", 20141122.0, "date")
    ]
    # in a paper of that very weekday, the day itself
    assert _days("The boy was shot Monday afternoon.", monday) == [("Monday", 20141124.0, "date")]
    assert _days("It happened last night near the park.", monday) == [
        ("last night", 20141123.0, "date")
    ]
    assert _days("She died at the hospital this morning.", monday) == [
        ("this morning", 20141124.0, "date")
    ]
    assert _days("The city recorded 153 killings last year.", monday) == [
        ("last year", 2013.0, "year")
    ]


def _kinds(sentence: str) -> list[tuple[str, str]]:
    return [(sentence[m.start : m.end], m.kind) for m in find_numbers(sentence)]


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        # a game's number, spelled out, is no count: it was grouped with "one run" and
        # "five innings" (issue 16's "agree" groups of unrelated counts)
        ("Cleveland won game one 6-0, thanks to Kluber.", "one"),
        ("A rally won game five 3-2 at Progressive Field.", "five"),
        ("You get in the car at number one, and drive on.", "one"),
        ("The Cubs lost Game 7 to the Indians.", "7"),
    ],
)
def test_a_number_after_a_label_noun_names_rather_than_counts(sentence: str, label: str) -> None:
    assert (label, "other") in _kinds(sentence)


def test_a_spelled_number_after_another_word_still_counts() -> None:
    assert _kinds("He allowed one run in the sixth.")[0] == ("one run", "count")
    assert _kinds("Fifteen of the 19 hijackers were Saudi.")[0] == ("Fifteen", "count")


def test_a_year_after_in_is_no_share() -> None:
    # "7 in 2016" was read as a share of 0.35%
    assert ("7", "other") in _kinds("The Cubs lost Game 7 in 2016.")
    assert _kinds("One in three adults and 1 in 5 children.") == [
        ("One in three adults", "percent"),
        ("1 in 5 children", "percent"),
    ]


def test_a_weekday_that_recurs_is_no_date() -> None:
    # "every Sunday" inside a quote was read as the last Sunday (issue 16's known outputs)
    monday = date(2014, 11, 24)
    assert _days("You don't need to be in the pew every Sunday to know it, he said.", monday) == []
    assert _days("The society holds public sky viewing each Friday at 9 p.m.", monday) == []
    # ... while a day told once still is one
    assert _days("The society held a sky viewing on Friday.", monday) == [
        ("Friday", 20141121.0, "date")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Police said Monday that the investigation continues.",
        "Police on Monday said the investigation continues.",
        "On Friday, Henry County Prosecutor Joe Bergacs confirmed the two children died.",
        "The suspect will appear in court Monday.",
        "The walkout is set to last until Thursday morning.",
        "The crash happened Sunday, Dec. 31, 2017, near the airport.",
        "today the family gathered",  # "today" is used loosely and never read
        "Shoppers crowded the mall on Black Friday.",
        "The Sunday Times reported the figure.",
        "He taught Sunday school for years.",
    ],
)
def test_weekdays_of_a_statement_or_a_day_to_come_are_not_read(sentence: str) -> None:
    # none is read as a day of the happening; since round 17 a statement's weekday is read
    # as the statement's own day, unit "statement" (tests/test_number_round17.py)
    days = find_relative_days(sentence, date(2014, 11, 24))
    assert [m for m in days if m.unit != "statement"] == []


def test_a_weekday_before_the_reporting_verb_of_another_clause_is_still_read() -> None:
    assert _days("The boy was shot Saturday and police said he died.", date(2014, 11, 24)) == [
        ("Saturday", 20141122.0, "date")
    ]


def test_relative_days_need_a_publication_day() -> None:
    body = "A baby was shot on Saturday by her father."
    dated = extract_numbers(dated_articles(("a", body, (2014, 11, 24))))
    assert dated.select("text", "value", "kind", "unit").rows() == [
        ("Saturday", 20141122.0, "date", "relative")
    ]
    assert extract_numbers(dated_articles(("a", body, None))).height == 0


# --- "another" and whose age ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "counted"),
    [
        ("Three people were killed and another critically injured in the shooting.", "injured"),
        ("Three people are dead and another was injured.", "injured"),
        ("The gunman killed one man and wounded another.", "wounded"),
        ("He opened fire, killing two and wounding another.", "wounded"),
    ],
)
def test_another_alone_is_a_count_of_one(sentence: str, counted: str) -> None:
    another = [m for m in find_numbers(sentence) if sentence[m.start : m.end] == "another"]
    assert [(m.value, m.kind, m.counted) for m in another] == [(1.0, "count", counted)]


def test_another_before_a_number_or_a_noun_is_no_count() -> None:
    for sentence in (
        "Two were killed and another 40 were injured.",
        "He met another man at the bar on Friday.",
        "It was another tragic loss of life.",
    ):
        assert all(sentence[m.start : m.end] != "another" for m in find_numbers(sentence))


@pytest.mark.parametrize(
    ("sentence", "counted"),
    [
        ("Another woman was hurt, police said.", "woman hurt"),
        ("Another child was taken to a local hospital with minor injuries.", "child hospitalized"),
        ("Another man was arrested on Friday.", "man arrested"),
    ],
)
def test_another_person_to_whom_something_happened_is_one_more(sentence: str, counted: str) -> None:
    # dev_numbers gvc:610379: "Another child was hospitalized" / "Another child was taken to
    # a local hospital" (two outlets, one child)
    (one,) = find_numbers(sentence)
    assert (sentence[one.start : one.end], one.value, one.kind, one.counted) == (
        "Another", 1.0, "count", counted,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "counted"),
    [
        ("He was with 4 other adults and teenagers at the time.", "adult"),
        ("Three other people, including two teenagers, were in the car.", "people"),
        ("Two other women were wounded.", "woman wounded"),
    ],
)
def test_n_other_counts_the_noun_after_other(sentence: str, counted: str) -> None:
    # dev_numbers gvc:630886 ("4 other adults" / "three other people") and gvc:295502
    first = find_numbers(sentence)[0]
    assert first.counted == counted
    assert sentence[first.end :].lstrip().startswith("other")  # the span stays on the number


def test_others_beside_one_person_conflict_and_another_is_no_total() -> None:
    car = "The teen was shot in a parked car; {} at the time, police said."
    claims = _claims(
        ("a", car.format("he was with 4 other people"), (2016, 8, 16)),
        ("b", car.format("three other people were in the car"), (2016, 8, 16)),
    )
    assert sorted(zip(claims["status"], claims["text"], strict=True)) == [
        ("conflict", "4"), ("conflict", "three"),
    ]  # fmt: skip
    hurt = "A man was killed in the shooting on Elm Street and {} hurt, police said."
    claims = _claims(
        ("a", hurt.format("another woman was"), (2016, 8, 16)),
        ("b", hurt.format("two other women were"), (2016, 8, 16)),
    )
    assert sorted(zip(claims["status"], claims["text"], strict=True)) == [
        ("conflict", "another"), ("conflict", "two"),
    ]  # fmt: skip
    # one more woman is not all the women hurt: "two women were hurt" is a total
    claims = _claims(
        ("a", "A man was killed on Elm Street. Another woman was hurt, police said.", None),
        ("b", "A man was killed on Elm Street and two women were hurt, police said.", None),
    )
    assert set(claims["status"]) == {"single"}


def test_another_agrees_across_outlets() -> None:
    claims = _claims(
        ("a", "Three people were killed and another critically injured at the farm.", None),
        ("b", "Three people are dead and another was injured at the berry farm.", None),
    )
    injured = claims.filter(pl.col("text") == "another")
    assert injured["status"].to_list() == ["agree", "agree"]
    assert injured["group_id"].n_unique() == 1


def test_a_capitalised_determiner_is_no_ones_name() -> None:
    sentence = "The six-year-old, whose condition remains unknown, fell into the well."
    (age,) = [m for m in find_numbers(sentence) if m.kind == "age"]
    assert (age.value, age.counted) == (6.0, "")


# --- the aligner ------------------------------------------------------------------------------

SHOT_A = "A nine-month-old girl was shot by her father in Brooklyn on {}, police said."
SHOT_B = "A nine-month-old girl was shot by her father in Brooklyn on {}, officials said."


def test_a_weekday_confirms_the_written_date_it_works_out_to() -> None:
    claims = _claims(
        ("a", SHOT_A.format("Saturday"), (2014, 11, 24)),
        ("b", SHOT_B.format("Nov. 22"), (2014, 11, 24)),
    )
    days = claims.filter(pl.col("text").is_in(["Saturday", "Nov. 22"]))
    assert sorted(days["status"]) == ["agree", "agree"] and days["group_id"].n_unique() == 1


def test_a_weekday_never_contradicts_a_date() -> None:
    # Sunday Nov 23 against a written Nov. 22: a worked-out day is no evidence of a slip
    claims = _claims(
        ("a", SHOT_A.format("Sunday"), (2014, 11, 24)),
        ("b", SHOT_B.format("Nov. 22"), (2014, 11, 24)),
    )
    assert "conflict" not in set(claims["status"])
    # ... while two written days one apart in alike sentences are a conflict
    claims = _claims(
        ("a", SHOT_A.format("Nov. 23"), (2014, 11, 24)),
        ("b", SHOT_B.format("Nov. 22"), (2014, 11, 24)),
    )
    assert set(claims.filter(pl.col("text").is_in(["Nov. 23", "Nov. 22"]))["status"]) == {
        "conflict"
    }


def test_a_weekday_alone_is_not_listed() -> None:
    claims = _claims(
        ("a", "Broadcom bid $70 a share for Qualcomm on Monday.", (2017, 11, 7)),
        ("b", "Broadcom offered $70 a share for Qualcomm.", (2017, 11, 7)),
    )
    assert claims["text"].to_list() == ["$70", "$70"]


def test_late_night_may_be_the_next_days_date() -> None:
    # "late Tuesday night" (May 10) is compatible with a written May 11
    claims = _claims(
        (
            "a",
            "Mariah Davis, 5, shot herself in the neck late Tuesday night at home.",
            (2016, 5, 11),
        ),
        ("b", "Mariah Davis, 5, shot herself in the neck May 11 at home.", (2016, 5, 25)),
    )
    days = claims.filter(pl.col("text").is_in(["Tuesday", "May 11"]))
    assert (
        days.height == 2
        and set(days["status"]) == {"compatible"}
        and days["group_id"].n_unique() == 1
    )


def test_a_time_of_day_takes_the_day_its_article_names() -> None:
    # published 19 days apart: without the lead's "Wednesday night" and the second article's
    # "On November 2" the times would be of different moments and never compared
    lead = "Five people were hurt in a Wednesday night shooting in Little Rock."
    claims = _claims(
        (
            "a",
            lead + " A gunman opened fire on the group outside the home on Bragg Street at "
            "10:45 p.m., police said.",
            (2016, 11, 3),
        ),
        (
            "b",
            "On November 2, a gunman opened fire on the group outside the home on Bragg Street "
            "at 10:15 p.m., police said.",
            (2016, 11, 22),
        ),
    )
    times = claims.filter(pl.col("text").is_in(["10:45 p.m.", "10:15 p.m."]))
    assert set(times["status"]) == {"conflict"} and times.height == 2


def test_a_yearless_day_of_a_past_event_is_the_last_such_day_before_publication() -> None:
    # "March 3" in a past-tense sentence of a January paper is last March, 9 days from the
    # other outlet's written "March 12, 2019": a misreported day, not two a year apart
    claims = _claims(
        ("a", "Prosecutors charged the uncle of a 6-year-old girl who burned her arm March 3 "
              "at the Larkspur Road house.", (2020, 1, 15)),
        ("b", "Charges were filed against Tom Quill, whose 6-year-old niece burned her arm on "
              "March 12, 2019, at the Larkspur Road house.", (2020, 1, 15)),
    )  # fmt: skip
    days = claims.filter(pl.col("text").is_in(["March 3", "March 12, 2019"]))
    assert days.height == 2 and set(days["status"]) == {"conflict"}
    # a day still to come keeps the publication's year: this year's March, never compared
    # with last year's
    claims = _claims(
        ("a", "The uncle of a 6-year-old girl who burned her arm will be tried March 3 at the "
              "county court.", (2020, 1, 15)),
        ("b", "Tom Quill, whose 6-year-old niece burned her arm, was charged on March 12, "
              "2019, at the county court.", (2020, 1, 15)),
    )  # fmt: skip
    assert "conflict" not in set(claims["status"])


@pytest.mark.parametrize(
    ("second", "status"),
    [
        # the words next to both days tell one happening: the names are of people around it
        ("Charges were also filed against Dora Finch, whose 4-year-old shot himself in the "
         "hand on Nov. 9.", "conflict"),
        # other words and other names: two happenings of two families
        ("Charges were also filed against Dora Finch, whose car was stolen from a garage on "
         "Nov. 9.", None),
    ],
)  # fmt: skip
def test_days_told_in_the_same_words_compare_though_names_differ(
    second: str, status: str | None
) -> None:
    first = (
        "Prosecutors charged Ann Bell and Carl Moss, the mother and uncle of a 4-year-old who "
        "shot himself in the hand Nov. 2."
    )
    claims = _claims(("a", first, (2016, 11, 20)), ("b", second, (2016, 11, 20)))
    days = claims.filter(pl.col("text").is_in(["Nov. 2", "Nov. 9"]))
    if status is None:
        assert days["group_id"].n_unique() == 2
    else:
        assert days.height == 2 and set(days["status"]) == {status}


ONSET = "A gunman opened fire on a crowd outside the Maple Lane diner at 9:50 p.m. Friday."


@pytest.mark.parametrize(
    ("second", "status"),
    [
        # the shooting's own moment in both, told in other words: one moment misreported
        ("Friends were chatting near a parked van just before 9:25 p.m. Friday when someone "
         "began firing shots at them.", "conflict"),
        # a call, a response or a death after it is another moment (round 15: a call
        # before it, at 9:25, cannot be of it: `number_claims.STEP_ORDER`)
        ("Friends were chatting near a parked van when the shooting was called in to "
         "dispatchers at 10:05 p.m. Friday.", None),
        # a time in a clause of its own tells no shooting
        ("The shooting took place in the back room, where guests may stay after 9:25 p.m. "
         "Friday, a manager said.", None),
    ],
)  # fmt: skip
def test_two_times_of_the_shooting_itself_are_one_moment(second: str, status: str | None) -> None:
    claims = _claims(("a", ONSET, (2016, 3, 12)), ("b", second, (2016, 3, 12)))
    times = claims.filter(pl.col("text").is_in(["9:50 p.m.", "9:25 p.m.", "10:05 p.m."]))
    if status is None:
        assert "conflict" not in set(claims["status"])
    else:
        assert times.height == 2 and set(times["status"]) == {status}


@pytest.mark.parametrize(
    ("second", "status"),
    [
        # the same 52-year-old man beside her in both: one girl, her age misreported
        ("Deputies found a 52-year-old man and a 10-year-old girl hurt in the barn.",
         "conflict"),
        # no one beside her that both outlets agree on: a girl is no one in particular
        ("Deputies found a 10-year-old girl hurt in the barn on Elm Road.", None),
    ],
)  # fmt: skip
def test_a_role_given_beside_the_same_person_is_one_person(second: str, status: str | None) -> None:
    first = "Deputies found a 52-year-old man and an 8-year-old girl hurt in the barn."
    claims = _claims(("a", first, (2016, 6, 1)), ("b", second, (2016, 6, 1)))
    girls = claims.filter(pl.col("text").is_in(["8-year-old", "10-year-old"]))
    if status is None:
        assert "conflict" not in set(claims["status"])
    else:
        assert girls.height == 2 and set(girls["status"]) == {status}


CRANES = "Some 30 cranes and 12 trucks are clearing the rubble of the collapsed mall."


@pytest.mark.parametrize(
    ("second", "status"),
    [
        # each article's one count of the same thing: the story's count, whatever the words
        ("Around 40 cranes were brought in overnight from three nearby provinces.",
         "conflict"),
        # ... when the two come out near: far apart, they are two facts about cranes
        ("Around 80 cranes were brought in overnight from three nearby provinces.", None),
        # two small counts of one thing are often two facts
        ("Around 4 cranes were brought in overnight from three nearby provinces.", None),
        # a count over a span of time is a figure of that span
        ("Around 45 cranes were brought in over the past two weeks from nearby provinces.",
         None),
        # an article counting the thing twice, differently, tells two quantities
        ("Around 45 cranes were brought in overnight. Another 10 cranes stand idle nearby.",
         None),
    ],
)  # fmt: skip
def test_each_articles_one_count_of_a_thing_is_the_storys_count(
    second: str, status: str | None
) -> None:
    claims = _claims(("a", CRANES, (2017, 4, 2)), ("b", second, (2017, 4, 2)))
    cranes = claims.filter(pl.col("text").str.contains("30|40"))
    if status is None:
        assert "conflict" not in set(claims["status"])
    else:
        assert cranes.height == 2 and set(cranes["status"]) == {status}


ACCUSED = "A girl was shot at a home on Birch Lane, and the {}-year-old boy suspected of it fled."


@pytest.mark.parametrize(
    ("first", "second", "later", "status"),
    [
        # one accused in each article: one person; a year older four months later is a
        # birthday between the two reports
        (13, 14, (2016, 5, 20), "update"),
        # a year older ten days later, or younger later, is a contradiction
        (13, 14, (2016, 1, 20), "conflict"),
        (14, 13, (2016, 5, 20), "conflict"),
    ],
)  # fmt: skip
def test_the_one_accused_is_one_person_whose_age_may_rise_with_a_birthday(
    first: int, second: int, later: tuple[int, int, int], status: str
) -> None:
    claims = _claims(
        ("a", ACCUSED.format(first), (2016, 1, 10)),
        ("b", f"A {second}-year-old is now charged as an adult in the Birch Lane shooting.", later),
    )
    ages = claims.filter(pl.col("text").str.contains("year-old"))
    assert ages.height == 2 and set(ages["status"]) == {status}


def test_two_accused_in_one_article_are_no_one_in_particular() -> None:
    two = "The 13-year-old boy suspected of it and a 15-year-old boy charged with him fled."
    claims = _claims(
        ("a", ACCUSED.format(13).replace("the 13-year-old boy suspected of it fled.", "")
         + " " + two, (2016, 1, 10)),
        ("b", "A 14-year-old is now charged as an adult in the Birch Lane shooting.",
         (2016, 1, 12)),
    )  # fmt: skip
    assert "conflict" not in set(claims["status"])


def test_gold_audit_a_bid_with_and_without_debt_is_two_measures_not_a_conflict() -> None:
    # The real gold's README: a conflict is one quantity whose values cannot both hold. The
    # test split's Qualcomm bid for NXP, $47bn with NXP's debt and $38bn its equity value,
    # measures one bid two ways: `different` since the audit of issue 16 (was `conflict`).
    gold = json.loads((ROOT / "benchmarks/gold/real/giveme5w1h.json").read_text())
    groups = {g["group"]: g for g in gold["events"]["event_62"]["groups"]}
    assert groups["nxp_bid"]["status"] == "different"
    values = sorted(
        n["value"] for n in gold["events"]["event_62"]["numbers"] if n["group"] == "nxp_bid"
    )
    assert values == [38e9, 38e9, 47e9]
    # the same event's deal value with debt stays a conflict: one measure, two figures
    assert groups["with_debt"]["status"] == "conflict"


def test_as_many_as_n_and_more_than_n_cannot_both_hold() -> None:
    cap = "The iceberg broke into as many as 20 pieces, satellite images show."
    floor = "The iceberg broke into more than 20 pieces, satellite images show."
    claims = _claims(("a", cap, None), ("b", floor, None))
    assert set(claims["status"]) == {"conflict"} and claims.height == 2
    # without a cap at 20, "more than 20" stays closed at its figure (said of 20 or 21)
    claims = _claims(("a", floor, None), ("b", floor.replace("more than 20", "21"), None))
    assert set(claims["status"]) == {"compatible"}


TOLL = "A truck plowed into a crowd in Nice, and {} people were killed, officials said."


def test_a_toll_rising_across_days_is_an_update_though_two_outlets_differ_on_one_day() -> None:
    claims = _claims(
        ("a", TOLL.format("more than 70"), (2016, 7, 14)),
        ("b", TOLL.format("77"), (2016, 7, 15)),
        ("c", TOLL.format("84"), (2016, 7, 15)),
    )
    assert set(claims["status"]) == {"update"} and claims.height == 3
    # the same two figures of one day, with no earlier day: a conflict
    claims = _claims(
        ("b", TOLL.format("77"), (2016, 7, 15)), ("c", TOLL.format("84"), (2016, 7, 15))
    )
    assert set(claims["status"]) == {"conflict"}
    # a figure revised down on a later day is no update either
    claims = _claims(
        ("a", TOLL.format("more than 70"), (2016, 7, 14)),
        ("b", TOLL.format("84"), (2016, 7, 15)),
        ("c", TOLL.format("77"), (2016, 7, 16)),
    )
    assert set(claims["status"]) == {"conflict"}


def test_a_toll_published_hours_later_the_same_day_is_an_update() -> None:
    claims = _claims(
        ("b", TOLL.format("77"), (2016, 7, 15, 8)), ("c", TOLL.format("84"), (2016, 7, 15, 15))
    )
    assert set(claims["status"]) == {"update"}
    # the larger figure published first: a contradiction, not a count going on
    claims = _claims(
        ("b", TOLL.format("77"), (2016, 7, 15, 15)), ("c", TOLL.format("84"), (2016, 7, 15, 8))
    )
    assert set(claims["status"]) == {"conflict"}


def test_the_number_of_names_what_a_bare_figure_counts() -> None:
    found = find_numbers(
        "The bank raised its estimate of the number of customers whose cards were stolen to"
        " 12.5 million."
    )
    assert [(m.value, m.kind, m.counted) for m in found] == [(12.5e6, "count", "customer")]
    # another figure in between: "the number of" is not what the last one counts
    found = find_numbers("The number of customers fell by 3 percent to 4 million.")
    assert [m.counted for m in found if m.kind == "count"] == [""]


def test_a_nations_people_are_people_and_a_breach_count_rising_is_an_update() -> None:
    claims = _claims(
        (
            "a",
            "A breach at the bank exposed the data of 143 million people, it said.",
            (2017, 9, 7),
        ),
        (
            "b",
            "The bank raised its estimate of the number of Americans whose data was exposed"
            " to 145.5 million.",
            (2017, 10, 2),
        ),
    )
    assert claims.height == 2 and set(claims["status"]) == {"update"}
    # published the same day, the two figures are a conflict
    claims = _claims(
        (
            "a",
            "A breach at the bank exposed the data of 143 million people, it said.",
            (2017, 9, 7),
        ),
        (
            "b",
            "The bank raised its estimate of the number of Americans whose data was exposed"
            " to 145.5 million.",
            (2017, 9, 7),
        ),
    )
    assert set(claims["status"]) <= {"conflict", "single"} and "update" not in set(claims["status"])


# --- the real gold ----------------------------------------------------------------------------


@needs_shared
def test_dev_crime_events_load_with_offsets_inside_their_bodies() -> None:
    from benchmarks.gold_real import load_real_gold

    events = json.loads((ROOT / "benchmarks/gold/real/events.json").read_text())["events"]
    crime = {e["event"] for e in events if e.get("file") == "dev_crime"}
    assert len(crime) == 22 and all(
        e["split"] == "dev" for e in events if e.get("file") == "dev_crime"
    )
    articles, gold = load_real_gold("dev", labelled=SHARED / "labelled")
    bodies = dict(zip(articles["article_id"], articles["body"], strict=True))
    assert crime <= gold.keys()
    nile = gold["event_68"]  # the Nice toll: one update group of nine mentions in four articles
    toll = [n for n in nile["numbers"] if n["group"] == "toll"]
    assert len(toll) == 9 and len({n["article"] for n in toll}) == 4
    for event in crime:
        for mention in gold[event]["numbers"] + gold[event]["quotes"]:
            assert mention["article"] in gold[event]["articles"]
            assert 0 <= mention["start"] < mention["end"] <= len(bodies[mention["article"]])


@needs_shared
def test_real_dev_split_with_dev_crime_stays_above_its_floors(
    capsys: pytest.CaptureFixture,
) -> None:
    spec = importlib.util.spec_from_file_location(
        "compare_numbers_bench_real", ROOT / "benchmarks" / "compare_numbers.py"
    )
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    result = bench.score_real_numbers("dev")
    capsys.readouterr()
    # Measured on the enlarged dev split (72 events: + dev_crime and dev_politics) after the
    # issue 16 rules: precision 1.00 (15 of 15 flags), recall 0.50 (9 of 18), updates 6 of 8,
    # update accuracy of all changes 0.58, agree purity 0.985; round 2 ('the number of',
    # a nation's people): updates 7 of 8, 0.62 of all changes; round 3 (yearless days, the
    # shooting's own time, ages beside the same person, each article's one count of a
    # thing): P 1.00 (20 of 20), R 0.72 (13 of 18), 0.77 of all changes. Floors a little
    # under those. Round 4 added dev_numbers.json (31 events, 103 in all: 28 conflicts, 10
    # updates): P 1.00 (24 of 24), R 0.54 (15 of 28), updates 9 of 10, 0.63 of all changes
    # before its rules, P 1.00 (30 of 30), R 0.75 (21 of 28), 9 of 10, 0.79 after them
    # (others, times of day, names' ages, addresses, corrected figures). Floors a little under.
    # Round 5 added dev_numbers2.json (20 events, 123 in all: 37 conflicts, 13 updates): P
    # 1.00 (31 of 31), R 0.59 (22 of 37), updates 9 of 13, 0.62 of all changes before its
    # rules; P 1.00 (38 of 38), R 0.73 (27 of 37), 11 of 13, 0.76 after them (sums and
    # percentages of one thing, times of one step, figures grown with publication time,
    # comparison bases, fresh weekdays at one place). Floors a little under.
    # Round 16 added the blind dev_numbers7.json (215 events, 49 conflicts), whose two
    # conflicts no rule finds (with the code before the round too): R 0.72 (34 of 47) ->
    # 0.69 (34 of 49). The recall floor follows the gold's growth, lowered on purpose.
    # Round 17 (one happening's day told as two weekdays): R 0.73 (36 of 49); floor raised
    # a little under it, to keep the gain.
    assert result["events"] >= 123
    assert result["conflicts"]["precision"] >= 0.95
    assert result["conflicts"]["recall"] >= 0.70
    assert result["updates"]["recall"] >= 0.80
    assert result["update_accuracy_all"] >= 0.70
    assert result["agree_purity"]["purity"] >= 0.95


@needs_shared
def test_dev_numbers_events_are_dev_only_and_their_offsets_are_in_their_bodies() -> None:
    from benchmarks.gold_real import load_real_gold

    events = json.loads((ROOT / "benchmarks/gold/real/events.json").read_text())["events"]
    added = {e["event"] for e in events if e.get("file") == "dev_numbers"}
    assert len(added) == 31
    assert all(e["split"] == "dev" for e in events if e.get("file") == "dev_numbers")
    articles, gold = load_real_gold("dev", labelled=SHARED / "labelled")
    bodies = dict(zip(articles["article_id"], articles["body"], strict=True))
    assert added <= gold.keys()
    statuses = [g["status"] for e in added for g in gold[e]["groups"]]
    assert statuses.count("conflict") == 10 and statuses.count("update") == 2
    for event in added:
        groups = {g["group"] for g in gold[event]["groups"]}
        for mention in gold[event]["numbers"]:
            assert mention["group"] in groups and mention["article"] in gold[event]["articles"]
            assert 0 <= mention["start"] < mention["end"] <= len(bodies[mention["article"]])


# --- round 4: times of day (dev_numbers gvc:525486, gvc:590958) ------------------------------


def test_a_time_to_the_ten_minutes_is_as_loose_as_its_last_figure() -> None:
    # "about 3:50 p.m." is not "around 3:30 p.m."; it may be "3:51 p.m."
    shot = "The boy accidentally shot himself in the head {} inside the home, police said."
    claims = _claims(
        ("a", shot.format("about 3:50 p.m."), (2016, 3, 20)),
        ("b", shot.format("around 3:30 p.m."), (2016, 3, 20)),
    )
    assert sorted(claims["status"]) == ["conflict", "conflict"]
    claims = _claims(
        ("a", shot.format("about 3:50 p.m."), (2016, 3, 20)),
        ("b", shot.format("at 3:51 p.m."), (2016, 3, 20)),
    )
    assert sorted(claims["status"]) == ["compatible", "compatible"]


def test_just_before_three_is_not_a_quarter_past_two_told_a_week_later() -> None:
    # the later article's "Tuesday" is the written June 28th, not its own Tuesday (July 5)
    claims = _claims(
        ("a", "The fatal shooting near 28th and Capitol Drive was reported just before "
              "3:00 a.m. on Tuesday.", (2016, 6, 28)),
        ("b", "The fatal shooting occurred near 28th and Capitol Drive around 2:15 a.m. on "
              "Tuesday, June 28th.", (2016, 7, 5)),
    )  # fmt: skip
    times = claims.filter(pl.col("text").str.contains("a.m."))
    assert sorted(zip(times["status"], times["text"], strict=True)) == [
        ("conflict", "2:15 a.m."), ("conflict", "3:00 a.m."),
    ]  # fmt: skip


def test_a_call_and_the_arrival_after_it_are_two_moments() -> None:
    claims = _claims(
        ("a", "Reports of the shooting at the farmhouse on Killiam Road came in around "
              "11:05 a.m. Monday.", (2016, 5, 2)),
        ("b", "Deputies responded to the shooting at the farmhouse on Killiam Road around "
              "11:20 a.m. Monday.", (2016, 5, 2)),
    )  # fmt: skip
    assert not set(claims["status"]) & {"conflict", "update"}


# --- round 4: changes and their signs (dev_numbers neus_allsides:5987, 5842; event_63) -------


@pytest.mark.parametrize(
    ("sentence", "read"),
    [
        (
            "New jobless claims dropped 20,000 to 385,000.",
            [("20,000", 20000.0), ("385,000", 385000.0)],
        ),
        ("Claims decreased by 20,000 to 385,000.", [("20,000", 20000.0), ("385,000", 385000.0)]),
        ("Bitcoin was trading at $US6,562.", [("$US6,562", 6562.0)]),
        # no change verb: ranges stay ranges
        (
            "Estimates range from 500,000 to 1.6 million.",
            [("from 500,000 to 1.6 million", 500000.0)],
        ),
        ("Sales were up 5-7% this year.", [("5-7%", 5.0)]),
    ],
)
def test_a_change_is_read_apart_from_the_level_it_reached(
    sentence: str, read: list[tuple[str, float]]
) -> None:
    assert [(sentence[m.start : m.end], m.value) for m in find_numbers(sentence)] == read


@pytest.mark.parametrize(
    ("sentence", "fall"),
    [
        ("Shares of Acme fell 3.2% to $10.", True),
        ("Bitcoin was down around 22 percent on the day.", True),
        ("Prices rose 0.9% in June.", False),
        ("The unemployment rate was 5.4% in July.", False),
    ],
)
def test_a_fall_is_told_by_the_verb_before_the_figure(sentence: str, fall: bool) -> None:
    first = find_numbers(sentence)[0]
    assert falls(sentence, first.start) is fall


def test_a_market_move_caught_twice_is_an_update_and_a_fall_beside_a_rise_a_conflict() -> None:
    early = "Shares of Acme fell 3.2% in early trading after the deal was announced."
    claims = _claims(
        ("a", early, (2017, 11, 6, 9)),
        ("b", "Acme shares were down 5% in afternoon trading after the deal was announced.",
         (2017, 11, 6, 15)),
    )  # fmt: skip
    assert sorted(zip(claims["status"], claims["text"], strict=True)) == [
        ("update", "3.2%"), ("update", "5%"),
    ]  # fmt: skip
    claims = _claims(
        ("a", early, (2017, 11, 6, 9)),
        ("b", early.replace("fell", "rose"), (2017, 11, 6, 15)),
    )
    # the claims keep the figures as written; the fall and the rise are a conflict
    assert sorted(zip(claims["status"], claims["text"], strict=True)) == [
        ("conflict", "3.2%"), ("conflict", "3.2%"),
    ]  # fmt: skip
    claims = _claims(
        ("a", early, (2017, 11, 6, 9)),
        ("b", "Acme shares were down 3.2 percent in early trading after the deal.", None),
    )
    assert sorted(claims["status"]) == ["agree", "agree"]


# --- round 4: months without a day (dev_numbers event_36, event_66, neus_allsides:5736) ------


def test_a_month_alone_is_read_and_last_month_worked_out() -> None:
    text = "Doses were thrown away since March, and more in early May."
    assert [(text[m.start : m.end], m.value, m.kind) for m in find_numbers(text)] == [
        ("March", 300.0, "date"), ("May", 500.0, "date"),
    ]  # fmt: skip
    # a month as a name or a verb is no date
    assert find_numbers("the March on Washington; they may come") == []
    assert _days("She was filmed last month slapping troops.", date(2018, 1, 1)) == [
        ("last month", 20171200.0, "date")
    ]


def test_a_month_meets_the_days_in_it_and_last_month_the_month_it_names() -> None:
    filmed = "The teenager was filmed {} slapping a soldier outside her home in the village."
    claims = _claims(
        ("a", filmed.format("last month"), (2018, 1, 1)),
        ("b", filmed.format("in December"), (2018, 1, 3)),
        ("c", filmed.format("on Dec. 15"), (2018, 1, 1)),
    )
    assert claims["group_id"].n_unique() == 1
    assert set(claims["status"]) == {"compatible"}
    # a month beside a day of the next month, both of one filming: a conflict
    claims = _claims(
        ("a", filmed.format("in November"), (2018, 1, 1)),
        ("b", filmed.format("on Dec. 2"), (2018, 1, 1)),
    )
    assert sorted(claims["status"]) == ["conflict", "conflict"]


def test_one_end_of_a_span_of_months_is_no_month_of_its_own() -> None:
    claims = _claims(
        ("a", "The study examined reinfections during May and June among Kentucky residents.",
         (2021, 8, 7)),
        ("b", "The study looked at patients who tested positive again between May and June 2021.",
         (2021, 8, 7)),
    )  # fmt: skip
    assert not set(claims["status"]) & {"conflict", "update"}


def test_a_full_names_age_without_its_closing_comma_is_still_its_age() -> None:
    # dev_numbers gvc:295502: "Calvin Williams, 23," in one outlet, "Calvin Williams, 24 was
    # shot in the chest" in the other
    text = "Calvin Williams, 24 was shot in the chest, Kalone Mcgee, 26 was shot in the leg."
    assert [(m.value, m.kind, m.counted) for m in find_numbers(text)] == [
        (24.0, "age", "calvin williams"), (26.0, "age", "kalone mcgee"),
    ]  # fmt: skip
    # a day or a month before the number is no name: a count
    for sentence in ("On Friday, 12 was the count.", "Last March, 12 was the count."):
        assert [m.kind for m in find_numbers(sentence)] == ["count"]
    claims = _claims(
        ("a", "Warrants were obtained for Calvin Williams, 23, after the motel shooting.", None),
        ("b", "Calvin Williams, 24 was shot in the chest at the motel.", None),
    )
    assert sorted(claims["status"]) == ["conflict", "conflict"]


# --- round 4: addresses (dev_numbers gvc:571479) ---------------------------------------------


def test_an_address_is_its_street_and_a_block_the_hundred_numbers_of_it() -> None:
    text = "He was at 1240 Bell\u2019s Ferry Road, in the 6700 block of S. Aberdeen St."
    assert [(m.value, m.kind, m.unit, m.counted) for m in find_numbers(text)] == [
        (1240.0, "address", "", "bells ferry"), (6700.0, "address", "block", "aberdeen"),
    ]  # fmt: skip


def test_two_numbers_of_one_street_conflict_and_a_house_sits_in_its_block() -> None:
    home = "Hicks was shot by his friend at the home at {} when the pistol went off."
    claims = _claims(
        ("a", home.format("1249 Bells Ferry Road"), (2016, 6, 3)),
        ("b", home.format("1240 Bell's Ferry Road"), (2016, 6, 23)),
    )
    assert sorted(claims["status"]) == ["conflict", "conflict"]
    claims = _claims(
        ("a", home.format("6712 South Aberdeen Street"), None),
        ("b", "Hicks was shot in the 6700 block of South Aberdeen, police said.", None),
    )
    assert sorted(claims["status"]) == ["compatible", "compatible"]
    # another street: nothing to compare
    claims = _claims(
        ("a", home.format("1249 Bells Ferry Road"), None),
        ("b", home.format("1240 Calhoun Road"), None),
    )
    assert set(claims["status"]) == {"single"}


def test_a_figure_the_article_itself_corrects_is_no_claim() -> None:
    # dev_numbers event_67: two outlets give the boy as 4, two as 3; the latter also write
    # the 4 they corrected, which is no second quantity of theirs
    fell = "A {} boy fell into the gorilla enclosure at the Cincinnati Zoo on Saturday."
    claims = _claims(
        ("a", fell.format("4-year-old"), (2016, 5, 29)),
        ("b", fell.format("3-year-old") + " The zoo initially said that the child is 4 years old.",
         (2016, 5, 29)),
        ("c", fell.format("3-year-old") + " The boy was initially reported to be 4 years old, "
              "but police later said he is 3.", (2016, 5, 29)),
    )  # fmt: skip
    flagged = claims.filter(pl.col("status") == "conflict")
    assert sorted(zip(flagged["article_id"], flagged["text"], strict=True)) == [
        ("a", "4-year-old"), ("b", "3-year-old"), ("c", "3-year-old"),
    ]  # fmt: skip
    assert "4 years old" not in claims["text"].to_list()  # the corrected figures are gone


# --- round 5: dev_numbers2.json (sums, times of one step, rising figures) -------------------


@needs_shared
def test_dev_numbers2_events_are_dev_only_and_their_offsets_are_in_their_bodies() -> None:
    from benchmarks.gold_real import load_real_gold

    events = json.loads((ROOT / "benchmarks/gold/real/events.json").read_text())["events"]
    added = {e["event"] for e in events if e.get("file") == "dev_numbers2"}
    assert len(added) == 20
    assert all(e["split"] == "dev" for e in events if e.get("file") == "dev_numbers2")
    # no event or article of another gold file (the test split's above all)
    others = [e for e in events if e.get("file") != "dev_numbers2"]
    assert not added & {e["event"] for e in others}
    mine = {a for e in events if e.get("file") == "dev_numbers2" for a in e["articles"]}
    assert not mine & {a for e in others for a in e["articles"]}
    articles, gold = load_real_gold("dev", labelled=SHARED / "labelled")
    bodies = dict(zip(articles["article_id"], articles["body"], strict=True))
    assert added <= gold.keys()
    statuses = [g["status"] for e in added for g in gold[e]["groups"]]
    assert statuses.count("conflict") == 9 and statuses.count("update") == 3
    for event in added:
        groups = {g["group"] for g in gold[event]["groups"]}
        for mention in gold[event]["numbers"]:
            assert mention["group"] in groups and mention["article"] in gold[event]["articles"]
            assert 0 <= mention["start"] < mention["end"] <= len(bodies[mention["article"]])


def test_each_articles_one_sum_of_a_named_thing_is_the_storys_sum_of_it() -> None:
    # dev_numbers2 neus 5670: "$1.2 trillion" and "$1 trillion" of one infrastructure bill,
    # the sentences going on differently
    claims = _claims(
        ("a", "The vote on his $1.2 trillion Senate-passed infrastructure bill has slipped "
              "again after talks over the weekend.", (2021, 9, 27)),
        ("b", "Pelosi said the $1 trillion infrastructure bill will be voted on Thursday "
              "with the votes to pass it.", (2021, 9, 27)),
    )  # fmt: skip
    assert sorted(claims["status"]) == ["conflict", "conflict"]
    # a sum of another thing beside it is not that sum: "$4 trillion" of the whole agenda
    claims = _claims(
        ("a", "Democrats are miles away from a pathway on their $4 trillion agenda, people "
              "involved said.", (2021, 9, 27)),
        ("b", "Pelosi vowed to push ahead on the bigger $3.5 trillion social safety net "
              "package this week.", (2021, 9, 27)),
    )  # fmt: skip
    assert "conflict" not in claims["status"].to_list()


def test_two_times_of_the_same_step_of_one_day_are_one_moment() -> None:
    # dev_numbers2 gvc:413257: the first call about a hunter shot, told at 8:30 and at 8
    alerted = "Authorities were first alerted to the shooting about 8:30 a.m. Sunday."
    called = "The sheriff's office said it received a call through dispatch around 8 AM about a "
    claims = _claims(
        ("a", alerted, (2015, 9, 14)),
        ("b", called + "hunter being shot near the campground.", (2015, 9, 13)),
    )
    assert sorted(claims["status"]) == ["conflict", "conflict"]
    # a call and the deputies' arrival are two moments, as before
    claims = _claims(
        ("a", alerted, (2015, 9, 14)),
        ("b", "Deputies responded to the campground around 8 AM Sunday.", (2015, 9, 13)),
    )
    assert "conflict" not in claims["status"].to_list()


def test_a_sum_told_larger_a_week_later_is_an_update() -> None:
    # dev_numbers2 gvc:728026: the reward of Dec 17 ($20,000) and of Dec 23 ($40,000)
    offered = "Police have offered a {} reward for information leading to an arrest."
    claims = _claims(
        ("a", offered.format("$20,000"), (2016, 12, 17)),
        ("b", offered.format("$40,000"), (2016, 12, 23)),
    )
    assert sorted(claims["status"]) == ["update", "update"]
    # two outlets' sums of one day are one report misreported, as before
    claims = _claims(
        ("a", offered.format("$20,000"), (2016, 12, 17)),
        ("b", offered.format("$40,000"), (2016, 12, 17)),
    )
    assert sorted(claims["status"]) == ["conflict", "conflict"]


def test_a_tolls_floor_beside_a_larger_count_is_an_update() -> None:
    # dev_numbers2 neus 5892: "at least 150 killed" beside "189 people killed" of one weekend
    claims = _claims(
        ("a", "At least 150 people were killed by gun violence across the country.", (2021, 7, 6)),
        ("b", "The archive reported 189 people killed in shootings over the weekend.",
         (2021, 7, 6)),
    )  # fmt: skip
    assert sorted(claims["status"]) == ["update", "update"]
    # a cap is no larger count: "up to 32 civilians dead" beside "more than 30 people killed"
    claims = _claims(
        ("a", "The strikes killed more than 30 people in the village.", (2017, 11, 4)),
        ("b", "The strikes left up to 32 people dead in the village.", (2017, 11, 4)),
    )
    assert "update" not in claims["status"].to_list()


def test_one_thing_under_two_common_names_is_one_quantity() -> None:
    # "two guns" ~ "two unsecured firearms" (dev_numbers2 gvc:384676); "pieces" ~ "fragments"
    claims = _claims(
        ("a", "The boys found two guns inside the home they were visiting.", (2015, 7, 30)),
        ("b", "They discovered two unsecured firearms in an upstairs bedroom.", (2015, 7, 30)),
    )
    assert sorted(claims["status"]) == ["agree", "agree"]
    claims = _claims(
        ("a", "The rocket broke into three pieces over the sea.", (2017, 8, 29)),
        ("b", "The rocket broke into four fragments over the sea.", (2017, 8, 29)),
    )
    assert sorted(claims["status"]) == ["conflict", "conflict"]


def test_a_month_named_as_the_comparison_base_is_not_the_figures_scope() -> None:
    # dev_numbers2 neus 5787: "a 12% increase over the previous month" / "a 13 percent
    # increase over the 188,000 migrants encountered in June": one July rise, told twice
    claims = _claims(
        ("a", "Agents made about 200,000 arrests in July, the busiest month in 21 years and a "
              "12% increase over the previous month.", (2021, 8, 12)),
        ("b", "Mayorkas said 212,672 migrants were encountered in July, a 13 percent increase "
              "over the 188,000 migrants encountered in June.", (2021, 8, 12)),
    )  # fmt: skip
    rise = claims.filter(pl.col("text").str.contains("12%|13 percent"))
    assert sorted(rise["status"]) == ["conflict", "conflict"]
    # a month before the number still dates it: "In June, arrests rose 13 percent"
    claims = _claims(
        ("a", "Arrests rose 12% in July over the month before, officials said.", (2021, 8, 12)),
        ("b", "In June, arrests rose 13 percent over May, officials said.", (2021, 8, 12)),
    )
    rise = claims.filter(pl.col("text").str.contains("12%|13 percent"))
    assert sorted(rise["status"]) == ["single", "single"]


def test_a_bill_called_a_package_is_one_sum() -> None:
    # dev_numbers2 neus 5816: "a roughly $1 trillion infrastructure bill" / "The $1.2 trillion
    # bill includes ...": 'includes' ends the counted phrase, and a package is the bill
    claims = _claims(
        ("a", "Senators wrapped up a roughly $1 trillion infrastructure bill on Sunday.",
         (2021, 8, 2)),
        ("b", "The $1.2 trillion bill includes new money for roads and bridges.", (2021, 8, 2)),
    )  # fmt: skip
    assert sorted(claims["status"]) == ["conflict", "conflict"]
    claims = _claims(
        ("a", "Pelosi will push ahead with a vote on the $1 trillion infrastructure bill.",
         (2021, 9, 27)),
        ("b", "Progressives will vote against the $1.2 trillion infrastructure package.",
         (2021, 9, 27)),
    )  # fmt: skip
    assert sorted(claims["status"]) == ["conflict", "conflict"]


def test_fresh_weekdays_of_the_happening_at_one_place_may_conflict() -> None:
    # dev_numbers2 gvc:453738: both papers of Thursday, Nov 26: "on Thursday" / "Wednesday"
    shot = "A man is thankful to be alive after a shooting at Pershing Court Manor on Thursday."
    called = ("Police were called to a Pershing Court residence at 12:31 a.m. Wednesday for a "
              "report of a male with a gunshot to the head.")  # fmt: skip
    claims = _claims(("a", shot, (2015, 11, 26)), ("b", called, (2015, 11, 26)))
    days = claims.filter(pl.col("text").str.contains("Thursday|Wednesday"))
    assert sorted(days["status"]) == ["conflict", "conflict"]
    # an arrest has a day of its own
    arrested = "The teen was arrested at Pershing Court on Wednesday after the shooting."
    claims = _claims(("a", shot, (2015, 11, 26)), ("b", arrested, (2015, 11, 26)))
    assert "conflict" not in claims["status"].to_list()
    # a weekday told a week on may be of an earlier day of the story
    claims = _claims(("a", shot, (2015, 11, 26)), ("b", called, (2015, 12, 3)))
    assert "conflict" not in claims["status"].to_list()


def test_a_photo_gallery_label_is_no_claim() -> None:
    # "Photos: Mass shooting at ... People cross a street ... on Monday." (a gallery's caption)
    claims = _claims(
        ("a", "Photos: Mass shooting at the festival. People cross a street near the Strip on "
              "Monday.", (2017, 10, 2)),
        ("b", "A gunman killed at least 50 people at the festival on the Strip on Sunday.",
         (2017, 10, 2)),
    )  # fmt: skip
    assert "Monday" not in claims["text"].to_list()
    assert "conflict" not in claims["status"].to_list()


@needs_shared
def test_test_numbers2_is_test_only_new_and_its_offsets_fit_the_bodies() -> None:
    """benchmarks/gold/real/test_numbers2.json (25 events chosen by a seeded rule and
    annotated blind) is registered as test only, shares no event or article with any other
    gold file, holds numbers only, and every mention's offsets fall inside its article's body
    around a span that carries a digit or a number word."""
    gold_dir = ROOT / "benchmarks" / "gold" / "real"
    listed = json.loads((gold_dir / "events.json").read_text(encoding="utf-8"))["events"]
    mine = [e for e in listed if e.get("file") == "test_numbers2"]
    others = [e for e in listed if e.get("file") != "test_numbers2"]
    assert len(mine) == 25
    assert {e["split"] for e in mine} == {"test"}
    assert not {e["event"] for e in mine} & {e["event"] for e in others}
    assert not {a for e in mine for a in e["articles"]} & {a for e in others for a in e["articles"]}
    # No other gold file annotates these events either (each file is keyed by event).
    new = json.loads((gold_dir / "test_numbers2.json").read_text(encoding="utf-8"))["events"]
    assert set(new) == {e["event"] for e in mine}
    # The facts gold (issue 17, facts_*.json) follows the framing benchmark's BASIL split
    # and scores no number or quote: its dev events may be number test events. Second
    # readers' files (second_reader_*.json, issue 16's agreement studies) annotate test
    # events again on purpose and are read by no scorer.
    for path in gold_dir.glob("*.json"):
        if path.name not in ("test_numbers2.json", "events.json") and not path.name.startswith(
            ("facts_", "second_reader_")
        ):
            held = json.loads(path.read_text(encoding="utf-8"))["events"]
            assert not set(held) & set(new), path.name
    bodies: dict[str, str] = {}
    for dataset in {e["dataset"] for e in mine}:
        with (SHARED / "labelled" / f"{dataset}.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                bodies[record["id"]] = record.get("body") or ""
    words = ("one", "two", "three", "four", "five", "six", "seven", "week", "noon", "day")
    statuses = []
    for event in mine:
        label = new[event["event"]]
        assert label["quotes"] == []
        groups = {g["group"] for g in label["groups"]}
        statuses += [g["status"] for g in label["groups"]]
        for m in label["numbers"]:
            assert m["article"] in event["articles"]
            assert m["group"] in groups
            body = bodies[m["article"]]
            assert 0 <= m["start"] < m["end"] <= len(body)
            span = body[m["start"] : m["end"]].lower()
            assert span == span.strip()
            assert any(c.isdigit() for c in span) or any(w in span for w in words), span
    assert sorted(set(statuses)) == ["agree", "conflict", "different"]
    assert statuses.count("conflict") == 5
    # Numbers only: the quote benchmark's test split must not read these articles as
    # articles without quotes (every quote found in them would count as spurious).
    from benchmarks.compare_quotes import _real_gold_quotes

    _, quote_gold, _ = _real_gold_quotes("test", gold_dir)
    assert quote_gold  # the 32 quote-annotated test events are still read
    assert not {a for e in mine for a in e["articles"]} & set(quote_gold)
