"""Weekdays resolved against the publication day (`weekday_days_back`, `find_relative_days`,
and the sentence's day `number_claims._when`): the day after the paper's weekday is that next
day, not six days back; 'last' keeps a day past; 'planned for' / 'as soon as' look ahead."""

from __future__ import annotations

from datetime import date

import pytest

from clustering.compare.number_claims import _when
from clustering.extract.numbers import find_relative_days, weekday_days_back

MONDAY = date(2017, 8, 28)  # a Monday
TUESDAY = date(2017, 8, 29)


def _days(text: str, published: date) -> list[tuple[str, float]]:
    return [(text[m.start : m.end], m.value) for m in find_relative_days(text, published)]


@pytest.mark.parametrize(
    ("sentence", "published", "day"),
    [
        # the paper's own weekday is the paper's day
        ("A man was shot Tuesday night in Gary.", TUESDAY, 20170829),
        ("North Korea fired a missile early Tuesday.", TUESDAY, 20170829),
        # the day after the paper's: a report dated a day behind, or a time zone ahead
        ("North Korea fired a missile over Japan early on Tuesday, local time.", MONDAY, 20170829),
        ("No charges were filed Tuesday against the father.", MONDAY, 20170829),
        # an ordinary past weekday is the last such day on or before the paper's
        ("The boy was shot Saturday afternoon.", MONDAY, 20170826),
        ("The accident happened late Wednesday on the Rhine.", MONDAY, 20170823),
        # 'last' and 'since' keep a past day: a week back for the paper's own weekday, and
        # six days back for the day after it
        ("He was shot last Monday, police said.", MONDAY, 20170821),
        ("She was airlifted after a gunshot wound last Tuesday.", MONDAY, 20170822),
        ("Since Tuesday, children have been writing cards.", MONDAY, 20170822),
        # a day still to come after 'planned for', 'set for', 'as soon as', 'ahead of'
        ("A vigil is planned for Thursday at 7 p.m.", MONDAY, 20170831),
        ("Her funeral is set for Saturday at 11 a.m.", MONDAY, 20170902),
        ("The bill could reach the floor as soon as Friday.", MONDAY, 20170901),
        ("She is campaigning ahead of Thursday's debate.", MONDAY, 20170831),
        ("A vote is planned for Monday.", MONDAY, 20170828),
    ],
)
def test_weekday_resolves_to_the_day_the_sentence_means(
    sentence: str, published: date, day: int
) -> None:
    found = [value for text, value in _days(sentence, published) if text.endswith("day")]
    assert found == [float(day)]


def test_ahead_of_with_words_between_is_no_day_to_come() -> None:
    # "Fencing installed ahead of the rally on Saturday started coming down on Sunday":
    # the rally is past (two days before a Monday paper), not five days on
    sentence = "Fencing installed ahead of the rally on Saturday started coming down on Sunday."
    assert _days(sentence, MONDAY) == [("Saturday", 20170826.0), ("Sunday", 20170827.0)]


def test_days_back_are_signed() -> None:
    assert weekday_days_back("Tuesday", "It happened ", MONDAY) == -1
    assert weekday_days_back("Sunday", "It happened ", MONDAY) == 1
    assert weekday_days_back("Monday", "It happened last ", MONDAY) == 7
    assert weekday_days_back("Wednesday", "A vigil is set for ", MONDAY) == -2
    assert weekday_days_back("wednesday", "It happened ", MONDAY) == 5


def test_the_sentence_day_of_the_comparison_resolves_alike() -> None:
    # the day a claim's sentence tells (`_when`) uses the same rule as the extraction
    assert _when("The missile flew over Hokkaido early Tuesday.", MONDAY) == TUESDAY
    assert _when("The missile flew over Hokkaido last Tuesday.", MONDAY) == date(2017, 8, 22)
    assert _when("Police said two were shot Saturday.", MONDAY) == date(2017, 8, 26)
    assert _when("Yesterday two were shot.", MONDAY) == date(2017, 8, 27)
