"""Number extraction and alignment on number-heavy pages (issue: election tables, box
scores, budgets pasted whole): the index structures that keep them linear give exactly what
the scans they replace gave. No timings here: the figures are in benchmarks/RESULTS.md."""

from __future__ import annotations

import random
import re
from collections import Counter
from types import SimpleNamespace

import polars as pl
import pytest

import clustering.compare.number_claims as nc
from clustering.compare.number_claims import align_numbers
from clustering.config import CompareConfig
from clustering.extract.numbers import (
    _CAPITALISED_BEFORE,
    LONG_SENTENCE_CHARS,
    _capitalised_before,
    extract_numbers,
    find_numbers,
)
from clustering.extract.numerals import Spans, find_numbers_localised
from clustering.schema import ARTICLES

#: Stories written to reach every branch the candidate index prunes on: named and bare
#: counts, sums (named and not), shares, ranges, open bounds, equal values, values a
#: factor 10 apart and more, zeros, ages, days, years, times and addresses.
STORIES = [
    [
        "At least 12 people were killed and 40 injured in the blast on Monday, police said. "
        "Officials put the damage at $3.5 million. About 200 homes lost power.",
        "The blast killed 14 people and wounded more than 50, officials said Monday. "
        "Damage was estimated at $4 million, and 2,000 homes were without power.",
        "Twelve people died and 45 were hurt. The city will spend $3.5 million on repairs, "
        "up 12% from 2019; 0 arrests were made.",
    ],
    [
        "The bill passed 52-48. It costs $1.2 trillion over 10 years, with $550 billion in new "
        "spending. Some 60% of voters backed it; 3, 30, 300 and 3,000 were the other figures.",
        "Senators voted 50 to 48 for the $1 trillion bill, which adds $550bn in spending. "
        "Polls show 58 percent support. Between 2,000 and 3,000 jobs, 30 and 300 units.",
        "A 47-year-old woman and a 12-year-old girl were hurt at 1249 Bells Ferry Road "
        "around 8:30 a.m. on Jan. 5, 2018, three years after 3 killed in 2015.",
        "Shawn Adams, 47, and an 11-year-old girl were shot at 1240 Bell's Ferry Road at "
        "8:45 a.m. Friday; 3 people died, 30 in total, 4 million dollars.",
    ],
]


def _articles(bodies: list[str]) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {c: None for c in ARTICLES}
            | {"article_id": f"a{i}", "outlet": f"Outlet {i}", "body": body, "lang": "en"}
            for i, body in enumerate(bodies)
        ],
        schema=ARTICLES,
    )


def _all_pairs(claims: list, config: CompareConfig) -> tuple[dict, set]:
    """`_pair_scores` as it was: every pair of claims, the rules' score of each."""
    witnesses = nc._witnesses(claims, config)
    scores, edges = {}, set()
    for i, a in enumerate(claims):
        for b in claims[i + 1 :]:
            rule = nc._similarity(a, b, witnesses, config)
            if rule > 0:
                scores[a.index, b.index] = scores[b.index, a.index] = rule
                if rule >= nc._rule_threshold(a, b, config):
                    edges.add((min(a.index, b.index), max(a.index, b.index)))
    return scores, edges


@pytest.mark.parametrize("bodies", STORIES)
def test_the_indexed_candidates_score_exactly_what_all_pairs_score(bodies) -> None:
    articles = _articles(bodies)
    config = CompareConfig(number_synonym_cosine=None)
    claims = nc._claims(nc._story_rows(extract_numbers(articles), articles), config)
    assert len(claims) > 10  # the story is the number-rich one written above
    indexed = nc._pair_scores(claims, config, None)
    reference = _all_pairs(claims, config)
    assert indexed == reference
    assert len(reference[0]) > 10 and reference[1]  # pairs scored and joined, not none
    # ... and the index skips pairs: fewer candidates than cross-article pairs of a dimension
    by_dimension: dict[str, list] = {}
    for claim in claims:
        by_dimension.setdefault(claim.dimension, []).append(claim)
    candidates = sum(len(nc._candidates(same, config)) for same in by_dimension.values())
    cross = sum(
        a.article != b.article
        for same in by_dimension.values()
        for i, a in enumerate(same)
        for b in same[i + 1 :]
    )
    assert candidates < cross


def test_the_lazy_witnesses_are_the_scan_of_every_claim() -> None:
    articles = _articles(STORIES[0] + STORIES[1])
    config = CompareConfig(number_synonym_cosine=None)
    claims = nc._claims(nc._story_rows(extract_numbers(articles), articles), config)
    witnesses = nc._witnesses(claims, config)
    for claim in claims:
        low, high = nc._core(claim)
        expected: dict[str, list] = {}
        for other in claims:
            if other.dimension != claim.dimension or (other.relative and other is not claim):
                continue
            o_low, o_high = nc._core(other)
            if max(low, o_low) <= min(high, o_high) and (
                other is claim or nc._may_count_same(claim, other, config)
            ):
                expected.setdefault(other.article, []).append(other)
        assert witnesses[claim.index] == expected


def test_spans_answer_as_a_scan_of_every_span() -> None:
    rng = random.Random(7)
    for _ in range(300):
        spans = []
        for _ in range(rng.randrange(0, 12)):
            a = rng.randrange(0, 60)
            spans.append((a, a + rng.choice((0, 1, 2, 5, 30))))
        taken = Spans()
        for span in spans:
            taken.append(span)
        for start in range(0, 70, 3):
            for end in (start, start + 1, start + 4):
                scan = any(start < b and a < end for a, b in spans)
                assert taken.overlaps(start, end) == scan, (spans, start, end)
            after = min((a for a, _ in spans if a >= start), default=-1)
            assert taken.next_start(start, -1) == after
        assert sorted(taken) == sorted(spans)


def test_capitalised_before_reads_as_the_pattern_searched_from_the_start() -> None:
    rng = random.Random(11)
    pieces = ["Big ", "big ", "B", "ig", " ", "\n", "O'", "x-", "Zero ", "a ", "Ab", "1", "é"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 8)))
        for pos in range(len(text) + 1):
            searched = _CAPITALISED_BEFORE.search(text, 0, pos) is not None
            assert _capitalised_before(text, pos) == searched, (text, pos)


def test_a_sentence_of_ten_thousand_numbers_is_read_whole() -> None:
    text = " ".join(str(i) for i in range(10_000))
    found = find_numbers(text)
    # "0" to "9999": every one but the three a range or a year takes (as before)
    assert len(found) == 9_997
    assert [m.value for m in found[:3]] == [0.0, 1.0, 2.0]
    assert found[-1].value == 9999.0
    assert all(text[m.start : m.end] for m in found)


def test_number_words_of_a_title_case_run_are_read_once_each() -> None:
    # A capitalised number word after a capitalised word is a name's word in prose, not in
    # a Title Case line: "Ground Zero" against "Police Say Three Killed".
    prose = "the crowd at Ground Zero said " + "Team Three, " * 3000 + "and four left"
    values = [m.value for m in find_numbers(prose)]
    assert values == [4.0]  # every "Team Three" is a name
    headline = "Police Say Three Killed " * 2000
    assert [m.value for m in find_numbers(headline)] == [3.0] * 2000


def test_a_long_spanish_run_of_dates_and_numbers_is_read_whole() -> None:
    text = " ".join(
        f"{d % 28 + 1} de marzo {d}0 personas entre 2 y 3 millones miles de" for d in range(300)
    )
    found = find_numbers_localised(text, "es")
    # 300 dates and 700 counts, as the scans before the index read it (compared once)
    assert Counter(m.kind for m in found) == {"date": 300, "count": 700}
    assert [(m.kind, m.value, m.value_high) for m in found[:4]] == [
        ("date", 301.0, None),
        ("count", 0.0, None),
        ("count", 2_000_000.0, 3_000_000.0),
        ("count", 1_000.0, 10_000.0),
    ]


def test_a_story_of_two_pasted_tables_is_aligned_value_by_value() -> None:
    body = " ".join(str(i) for i in range(2_000))  # one "sentence" of 2,000 figures
    articles = _articles([body, body])
    numbers = extract_numbers(articles)
    claims = align_numbers(numbers, articles)
    by_group = claims.group_by("group_id").agg(
        pl.col("article_id").n_unique().alias("articles"), pl.col("value").n_unique()
    )
    # figures meet only their equals in the other table: no group holds two values; and
    # the groups are those the scoring of all 4 million pairs gave (compared once: 1,359
    # groups of both articles, 600 figures left single)
    assert by_group["value"].max() == 1
    assert (by_group["articles"] == 2).sum() == 1_359
    assert sorted(Counter(claims["status"]).items()) == [("agree", 2_718), ("single", 600)]


def test_a_long_sentence_is_read_around_each_figure() -> None:
    # (a NUMBERS row stored whole, before extract_numbers stored long sentences as windows)
    long = "x " * (LONG_SENTENCE_CHARS // 2) + " 40 people "
    row = {"sentence": long, "start": 100 + len(long) - 10, "sentence_start": 100, "text": "40"}
    read = nc._around_figure(row)
    at = read["start"] - read["sentence_start"]
    assert read["sentence"][at : at + 2] == "40"
    # whole words up to the end, 300 characters before at most, the cut marked
    assert re.fullmatch(r"\u2026 (x ){149} 40 people ", read["sentence"])
    short = {"sentence": "40 people", "start": 0, "sentence_start": 0, "text": "40"}
    assert nc._around_figure(short) is short


def test_consistency_of_a_group_is_the_check_of_every_pair_of_an_articles_claims() -> None:
    rng = random.Random(5)
    for _ in range(500):
        group = []
        for _ in range(rng.randrange(1, 7)):
            low = rng.choice((1.0, 2.0, 3.0, 5.0))
            high = low + rng.choice((-1.0, 0.0, 0.5, 2.0))  # empty intervals too
            group.append(
                SimpleNamespace(
                    article=rng.choice("ab"), interval=(low, high), kind="count", magnitude=low
                )
            )
        scan = not any(
            not nc._overlap(x.interval, y.interval)
            for x in group
            for y in group
            if x.article == y.article
        )
        # (magnitudes 1 to 5: the ratio check passes, the article check decides)
        assert nc._consistent(group, 10.0) == scan, group


def test_hundreds_of_one_headline_repeated_are_one_group() -> None:
    # every "Three" of each article is one claim of the group (one figure told 300 times)
    body = "Police Say Three Killed " * 300
    articles = _articles([body, body])
    claims = align_numbers(extract_numbers(articles), articles)
    assert claims.select("status", "value", "article_id").rows() == [
        ("agree", 3.0, "a0"),
        ("agree", 3.0, "a1"),
    ]
