"""The real-gold numbers scorer's mapping of predicted claims to gold mentions
(benchmarks/compare_numbers.py `_gold_of`, `_same_figure`, `_read_mentions`).

`align_numbers` shows one claim per group and article (its most precise mention, a
headline's included); the gold marks one mention per article, in the body. A claim that
overlaps no gold mention stands for the one gold mention of its article stating the same
figure (same kind, unit, value and counted thing); with none, or mentions of two gold
groups, it matches nothing.
"""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks.compare_numbers import (
    _gold_of,
    _read_mentions,
    agree_miss_classes,
    score_real_numbers,
)
from clustering.compare import number_claims
from tests.conftest import needs_shared


def _claim(**fields: Any) -> dict[str, Any]:
    """A NUMBER_CLAIMS row (the fields the scorer reads) with its NUMBERS kind."""
    return {
        "article_id": "a",
        "sentence_index": 2,
        "start": 500,
        "end": 507,
        "value": 13.0,
        "value_high": None,
        "unit": "",
        "kind": "count",
        "counted": "people shot",
    } | fields


def _mention(group: str, start: int, value: float, **reading: str) -> dict[str, Any]:
    """A gold mention of article "a" with the extractor's reading of its span."""
    return {
        "group": group,
        "what": group,
        "article": "a",
        "start": start,
        "end": start + 8,
        "value": value,
        "value_high": None,
        "reading": {"kind": "count", "unit": "", "counted": "people shot"} | reading,
    }


def test_a_headline_claim_stands_for_the_one_body_mention_of_its_figure() -> None:
    shot = _mention("shot", 120, 13)
    mentions = {"a": [shot, _mention("arrested", 300, 2, counted="man arrested")]}
    headline = _claim(sentence_index=-1, start=0, end=7, counted="shot")
    assert _gold_of(headline, mentions) is shot
    # rounds 1-12: a headline matched nothing
    assert _gold_of(headline, mentions, repeats=False) is None


def test_an_unmarked_repeat_in_the_body_stands_for_the_marked_mention() -> None:
    shot = _mention("shot", 120, 13)
    repeat = _claim(start=900, end=915, counted="people wound")  # "wounding 13 people"
    assert _gold_of(repeat, {"a": [shot]}) is shot


def test_overlap_wins_over_a_same_figure_elsewhere() -> None:
    first, second = _mention("shot", 120, 13), _mention("shot_again", 500, 13)
    assert _gold_of(_claim(start=502, end=504), {"a": [first, second]}) is second


def test_two_mentions_of_the_figure_in_different_groups_leave_the_claim_unmatched() -> None:
    mentions = {"a": [_mention("shot", 120, 13), _mention("shot_2019", 300, 13)]}
    assert _gold_of(_claim(sentence_index=-1, start=0, end=7), mentions) is None
    # two marked mentions of one gold quantity: the claim is that quantity's
    twice = {"a": [_mention("shot", 120, 13), _mention("shot", 300, 13)]}
    assert _gold_of(_claim(sentence_index=-1, start=0, end=7), twice) is twice["a"][0]


def test_a_different_value_kind_or_counted_thing_is_not_mapped() -> None:
    mentions = {"a": [_mention("shot", 120, 13)]}
    assert _gold_of(_claim(value=12.0), mentions) is None
    assert _gold_of(_claim(kind="age", unit="year"), mentions) is None
    assert _gold_of(_claim(counted="vehicle"), mentions) is None
    # a bare count ("13") names nothing to tell it from another 13
    assert _gold_of(_claim(counted=""), mentions) is None
    # nor a mention the extractor does not read, nor one in another article
    unread = _mention("shot", 120, 13) | {"reading": None}
    assert _gold_of(_claim(), {"a": [unread]}) is None
    assert _gold_of(_claim(article_id="b"), mentions) is None


def test_days_are_compared_exactly_and_sums_by_their_unit() -> None:
    day = _mention("day", 40, 20170829, kind="date", unit="relative", counted="")
    tuesday = _claim(kind="date", unit="relative", counted="", value=20170829.0)
    assert _gold_of(tuesday, {"a": [day]}) is day
    # a day later is within the values' 0.5% tolerance, not the same day
    assert _gold_of(tuesday | {"value": 20170830.0}, {"a": [day]}) is None
    bill = _mention("bill", 40, 284e9, kind="money", unit="USD", counted="")
    headline = _claim(sentence_index=-1, kind="money", unit="USD", value=284e9, counted="")
    assert _gold_of(headline, {"a": [bill]}) is bill


def test_read_mentions_takes_the_body_number_overlapping_each_mention_most() -> None:
    numbers = [
        {"article_id": "a", "sentence_index": -1, "start": 118, "end": 126,
         "kind": "count", "unit": "", "counted": "headline"},
        {"article_id": "a", "sentence_index": 1, "start": 110, "end": 122,
         "kind": "age", "unit": "year", "counted": "boy"},
        {"article_id": "a", "sentence_index": 1, "start": 121, "end": 130,
         "kind": "count", "unit": "", "counted": "people shot"},
    ]  # fmt: skip
    mention = {k: v for k, v in _mention("shot", 120, 13).items() if k != "reading"}
    far = {k: v for k, v in _mention("other", 700, 4).items() if k != "reading"}
    read = _read_mentions([mention, far], numbers)
    assert read[0]["reading"] == {"kind": "count", "unit": "", "counted": "people shot"}
    assert read[1]["reading"] is None
    assert "reading" not in mention  # the gold is not changed


@needs_shared
def test_a_story_whose_groups_show_unmarked_repeats_is_scored_on_them() -> None:
    # gvc:269677 (dev_numbers4): both gold agree groups (the girl's age, the day) are found;
    # the day's group shows a repeated 'Saturday', which overlap alone does not read (before
    # round 13 the age's groups showed a headline's '12 year-old' too: found 0 that way)
    old = score_real_numbers("dev", events={"gvc:269677"}, quiet=True, repeats=False)
    new = score_real_numbers("dev", events={"gvc:269677"}, quiet=True)
    assert old["agree_found"] == {"found": 1, "gold": 2}
    assert new["agree_found"] == {"found": 2, "gold": 2}
    assert new["counts"]["flagged"] == old["counts"]["flagged"] == 0


@needs_shared
def test_a_quantity_shown_in_two_agree_groups_counts_as_split(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # gvc:168844 (dev): 'their three daughters' and 'three children' of both articles are
    # one gold quantity shown in two agree groups; groups found does not see it. (Round 15's
    # days joined by their sentences' meaning also show its two Sundays, the church missed
    # and the bodies found, in two mixed groups: off here, this test reads the scorer.)
    monkeypatch.setattr(number_claims, "SAME_DAY_GIST", None)
    split = score_real_numbers("dev", events={"gvc:168844"}, quiet=True)
    assert split["split_groups"] == ["gvc:168844|children"]
    assert split["agree_split"] == {"split": 1, "shown": 6, "share": round(1 / 6, 4)}
    # gvc:282956: the girl's age ('a wounded 12-year-old girl' / 'his 12-year-old
    # daughter') was split until round 13; one Saturday told of the shooting and of a later
    # surgery still is (the same-figure mapping gives both to the one marked mention)
    saturday = score_real_numbers("dev", events={"gvc:282956"}, quiet=True)
    assert saturday["split_groups"] == ["gvc:282956|day"]
    # gvc:269677: the girl's age was shown twice (a headline's 'girl', then her name) until
    # an anchor holding what happened ('killed in hunting') stopped counting as a second name
    joined = score_real_numbers("dev", events={"gvc:269677"}, quiet=True)
    assert joined["split_groups"] == [] and joined["agree_split"]["shown"] == 2


@needs_shared
def test_missed_agree_groups_are_told_by_the_first_stage_that_lost_them() -> None:
    # gvc:295502 (dev_numbers): 'Jamie Clayton, 22,' is an age, 'Jamie clayton, 22 was shot'
    # (a surname in lower case) a bare count: two dimensions; 'a pair' of calls in
    # neus_allsides:5703 is read as no number at all; gvc:699070's 'Jeremy Mushrush , 41,'
    # (a space before the comma) was a bare count until issue 16's ages, now found
    stages = agree_miss_classes("dev", events={"gvc:295502", "gvc:699070", "neus_allsides:5703"})
    assert stages["gvc:295502|clayton_age"] == "a:dimension age:year|count:"
    assert stages["neus_allsides:5703|calls"] == "a:not extracted"
    assert "gvc:699070|suspect_age" not in stages
    assert "gvc:699070|age" not in stages  # the boy's age is found  # the boy's age is found
