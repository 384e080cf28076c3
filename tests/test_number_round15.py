"""Issue 16, numbers round 15: rules read off the structural misses of every dev batch
(not one batch's cases), each test failing without its rule. Equal days whose sentences
mean alike though worded apart (`number_claims.SAME_DAY_GIST`, static MiniLM vectors: the
table is built once per machine on first use, as tests/test_number_synonyms.py says)."""

from __future__ import annotations

import pytest

from clustering.compare import number_claims
from clustering.extract.numbers import extract_numbers
from tests.conftest import dated_articles, number_statuses

# One night's shooting told by two outlets twelve days apart: one tells the call, the
# other the death, in words that barely overlap (bag-of-words cosine under the join)
CALL = (
    "a",
    "Deputies responded around 11 p.m. Thursday to a report of shots fired outside the "
    "hotel, where they found a man dead.",
    (2016, 11, 11),
)
DEATH = (
    "b",
    "The coroner's office said the 34-year-old was killed Nov. 10 when a gun he carried "
    "fell to the ground and went off.",
    (2016, 11, 23),
)


def test_equal_days_whose_sentences_mean_alike_are_one_day() -> None:
    assert ("agree", "a", "Thursday") in number_statuses(CALL, DEATH)
    assert ("agree", "b", "Nov. 10") in number_statuses(CALL, DEATH)


def test_without_the_rule_the_two_days_stay_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    # the rule is what joins them: off, both days are shown alone (the weekday, worked out
    # against its paper's day and met by no other outlet, is not shown at all)
    monkeypatch.setattr(number_claims, "SAME_DAY_GIST", None)
    statuses = number_statuses(CALL, DEATH)
    assert ("single", "b", "Nov. 10") in statuses
    assert not any(status == "agree" for status, _, _ in statuses)


def test_sentences_about_other_people_still_keep_equal_days_apart() -> None:
    # alike in meaning, but of two people in two cities: the names' veto holds
    smith = (
        "a",
        "Police said Smith was arrested in Dallas on Thursday after a chase.",
        (2016, 11, 11),
    )
    jones = ("b", "Jones was arrested in Boston on Thursday, officers said.", (2016, 11, 11))
    assert not any(status == "agree" for status, _, _ in number_statuses(smith, jones))


def test_a_day_joined_by_its_gist_only_meets_the_join_threshold() -> None:
    # no surer than the join: pairs joined on surer grounds (a shared lead day, a name)
    # are grouped first, so a third outlet's differing day still meets them as a conflict
    frame = dated_articles(CALL, DEATH)
    rows = number_claims._story_rows(extract_numbers(frame), frame)
    config = number_claims.CompareConfig()
    claims = number_claims._claims(rows, config)
    days = [c for c in claims if c.kind == "date"]
    assert len(days) == 2 and all(c.gist is not None for c in days)
    witnesses = number_claims._witnesses(claims, config)
    score = number_claims._similarity(days[0], days[1], witnesses, config)
    assert score == pytest.approx(config.number_similarity)


# A call or report of a shooting cannot come before the shooting: two outlets' lead times
# that say so are one moment misreported (`number_claims.STEP_ORDER`)
REPORTED = (
    "a",
    "The shooting was reported on Elm Street, not far from the freeway, before 8 a.m. Wednesday.",
    (2016, 5, 18),
)
HAPPENED = (
    "b",
    "The shooting happened around 8:30 a.m. Wednesday on Elm Street, police said.",
    (2016, 5, 18),
)


def test_a_call_told_before_the_happening_it_reports_is_a_conflict() -> None:
    statuses = number_statuses(REPORTED, HAPPENED)
    assert ("conflict", "a", "8 a.m.") in statuses
    assert ("conflict", "b", "8:30 a.m.") in statuses


def test_without_the_step_order_the_call_and_the_shooting_are_two_moments(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(number_claims, "STEP_ORDER", False)
    assert not any(s == "conflict" for s, _, _ in number_statuses(REPORTED, HAPPENED))


def test_a_call_after_the_happening_is_another_moment() -> None:
    # reported at 8:40 of a shooting at 8:30: both may hold
    later = ("a", REPORTED[1].replace("before 8 a.m.", "at 8:40 a.m."), REPORTED[2])
    assert not any(s == "conflict" for s, _, _ in number_statuses(later, HAPPENED))


def test_an_arrival_before_the_happening_is_not_read_as_its_response() -> None:
    # "arrived" is as often the victim's as the police's (the labelled sets' range shooting)
    arrived = (
        "a",
        "Smith arrived at the range on Elm Street shortly before 3 p.m. Sunday.",
        (2016, 7, 4),
    )
    shot = ("b", "The shooting occurred at 3:15 p.m. Sunday at the Elm Street range.", (2016, 7, 4))
    assert not any(s == "conflict" for s, _, _ in number_statuses(arrived, shot))
