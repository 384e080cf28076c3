"""Shortcuts of number alignment that must give what the slower path gave (issue 14): days
and years too far apart are not paired at all, and the weekday parses of a story run in one
batch, remembered per sentence and offset. No timings here: they are in RESULTS.md."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl
import pytest

import clustering.compare.number_claims as nc
from clustering.config import CompareConfig
from clustering.extract.numbers import extract_numbers
from clustering.schema import ARTICLES


def _articles(bodies: list[str], days: list[int]) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {c: None for c in ARTICLES}
            | {
                "article_id": f"a{i}",
                "outlet": f"Outlet {i}",
                "body": body,
                "lang": "en",
                "published_at": datetime(2020, 3, day, 12, tzinfo=UTC),
            }
            for i, (body, day) in enumerate(zip(bodies, days, strict=True))
        ],
        schema=ARTICLES,
    )


# Days 0, 1, 9, 11 and 27 days apart, years 2 to 5 apart; two papers of Tuesday 17 March
# date one arrest Monday and Sunday.
DATED = [
    "The plant opened on March 3, 2020, and closed March 14, 2020, after a fire in 2016. "
    "Police arrested the owner Friday.",
    "It opened March 4, 2020, shut on March 30, 2020, and burned in 2019 and 2014. "
    "The owner was arrested Monday.",
    "Opened on March 2, 2020; a fire in 2018. Police made the arrest on Sunday.",
]


def test_days_and_years_too_far_apart_are_no_candidates() -> None:
    articles = _articles(DATED, [16, 17, 17])
    config = CompareConfig(number_synonym_cosine=None)
    claims = nc._claims(nc._story_rows(extract_numbers(articles), articles), config)
    by_dimension: dict[str, list[nc._Claim]] = {}
    for claim in claims:
        by_dimension.setdefault(claim.dimension, []).append(claim)
    for dimension in ("date:", "year:"):
        same = by_dimension[dimension]
        window = config.number_anchor_days if dimension == "date:" else config.number_anchor_years
        listed = set(nc._candidates(same, config))
        cross = {
            (p, q)
            for p in range(len(same))
            for q in range(p + 1, len(same))
            if same[p].article != same[q].article
        }
        assert listed < cross  # some pairs are too far apart ...
        witnesses = nc._witnesses(claims, config)
        for p, q in cross - listed:  # ... and every pair left out scores 0
            a, b = same[p], same[q]
            apart = max(a.interval[0], b.interval[0]) - min(a.interval[1], b.interval[1])
            assert apart > window
            assert nc._similarity(a, b, witnesses, config) == 0.0
    # the scores are those of every pair scored ("both" scores every pair by the rules)
    scores, edges = nc._pair_scores(claims, config, None)
    every = CompareConfig(number_synonym_cosine=None, number_aligner="both")
    assert scores and edges  # something joins
    assert nc._pair_scores(claims, every, _NoRescue()) == (scores, edges)  # type: ignore[arg-type]


class _NoRescue:
    """A pair model that rescues nothing: "both" is then the rules over every pair."""

    def probability(self, features: list[float]) -> float:
        return 0.0


@pytest.fixture
def fresh_happenings(monkeypatch: pytest.MonkeyPatch) -> dict[tuple[str, int], frozenset[str]]:
    store: dict[tuple[str, int], frozenset[str]] = {}
    monkeypatch.setattr(nc, "_HAPPENINGS", store)
    return store


TWO_DAYS = "Police arrested him Friday and he spoke to reporters on Monday."


def test_happenings_are_remembered_per_sentence_and_offset(fresh_happenings) -> None:
    friday, monday = TWO_DAYS.index("Friday"), TWO_DAYS.index("Monday")
    assert nc._happening(TWO_DAYS, friday) == {"arrest"}
    assert nc._happening(TWO_DAYS, monday) == {"speak"}  # the same sentence, another day
    assert set(fresh_happenings) == {(TWO_DAYS, friday), (TWO_DAYS, monday)}


def test_happenings_parsed_in_one_batch_equal_one_parse_each(
    fresh_happenings, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = [
        (TWO_DAYS, TWO_DAYS.index("Friday")),
        (TWO_DAYS, TWO_DAYS.index("Monday")),
        (DATED[0].split(". ")[-1], DATED[0].split(". ")[-1].index("Friday")),
        (DATED[1], DATED[1].index("Monday")),
    ]
    alone = {key: nc._happening_in(nc._parser()(key[0]), key[1]) for key in keys}
    assert nc._parse_happenings(keys) == alone
    assert alone[keys[2]] == {"arrest"}
    # past the bound the store is emptied, and what is asked is still answered
    monkeypatch.setattr(nc, "HAPPENINGS_KEPT", 1)
    fresh_happenings.clear()
    assert nc._parse_happenings(keys) == alone
    assert len(fresh_happenings) == len(keys)  # emptied before this batch went in


def test_a_story_aligns_alike_with_its_parses_ahead_or_one_by_one(
    fresh_happenings, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = _articles(DATED, [16, 17, 17])
    numbers = extract_numbers(articles)
    ahead = nc.align_numbers(numbers, articles)
    assert fresh_happenings  # the story's weekday sentences were parsed
    fresh_happenings.clear()
    monkeypatch.setattr(nc, "_misdated_pairs_ahead", lambda claims, config: None)
    assert nc.align_numbers(numbers, articles).equals(ahead)


# Sentences each pattern read under a literal pre-check matches (cased, upper case, dotless
# i and long s, which IGNORECASE matches with ASCII i and s): the words looked for first are
# in every match, case folded, so a sentence without them is rightly not read.
PRECHECKED = [
    (nc._AGO, ("ago", "earlier"), ["Four months AGO he left", "two weeks earl\u0131er"]),
    (nc._PERIOD, ("19", "20", "years"), ["from 2007 through 2014", "over the past five YEARS"]),
    (nc._EARLIER, ("year",), ["LAST YEAR", "a year ago", "previous fiscal year"]),
    (nc._SPAN, nc._SPAN_WORDS, ["his five seasons", "past 3 Weeks", "the span", "ten \u017fpan"]),
    (nc._RECORD, nc._SPAN_WORDS[:3], ["the highest in 20 years", "worst in three DECADES"]),
    (
        nc._SUPERSEDED,
        nc._SUPERSEDED_WORDS,
        ["The zoo initially said", "was FIRST reported", "Earlier versions of this"],
    ),
]


@pytest.mark.parametrize(("pattern", "words", "samples"), PRECHECKED)
def test_every_match_holds_a_word_looked_for_first(pattern, words, samples) -> None:
    from clustering.text import fold_case

    for sample in samples:
        match = pattern.search(sample)
        assert match, sample  # the sample is one the pattern reads
        assert any(word in fold_case(match.group()) for word in words), sample
