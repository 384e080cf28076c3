"""Stories of pasted tables (box scores, election rows): over the pair cap, the figures of
table-like sentences are left out of the alignment and the comparison says so; a long
sentence is stored as a window around each figure. No timings here (RESULTS.md has them)."""

from __future__ import annotations

import json
import random
import re

import polars as pl
import pytest

import clustering.compare.number_claims as nc
from clustering.compare.number_claims import NUMBER_PAIR_CAP, align_numbers, left_out_reason
from clustering.config import CompareConfig
from clustering.extract.numbers import extract_numbers
from clustering.schema import ARTICLES, NUMBERS_LEFT_OUT_TABLE
from clustering.text import ELLIPSIS, LONG_SENTENCE_CHARS, WINDOW_CHARS, sentence_window
from clustering.views.story_page import numbers_left_out, single_figures

PLAYERS = 300  # per box score: 1,500 figures of like magnitudes, about 4.5 million pairs


def _articles(bodies: list[str]) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {c: None for c in ARTICLES}
            | {"article_id": f"a{i}", "outlet": f"Outlet {i}", "body": body, "lang": "en"}
            for i, body in enumerate(bodies)
        ],
        schema=ARTICLES,
    )


def _box_score(seed: int) -> str:
    """One line (sentence) per player, five figures each, none of them 0 and no two
    equal (an article's equal figures of a sentence are one claim)."""
    rng = random.Random(seed)
    return " ".join(
        f"Player{i} scored {rng.randint(1, 40)} points, {rng.randint(11, 15)} rebounds, "
        f"{rng.randint(6, 10)} assists, {rng.randint(1, 5)} steals and "
        f"{rng.randint(41, 48)} minutes."
        for i in range(PLAYERS)
    )


@pytest.fixture(scope="module")
def two_tables() -> tuple[pl.DataFrame, pl.DataFrame]:
    articles = _articles(
        [
            "Thirteen people were killed in the stadium fire on Monday, police said. "
            + _box_score(1),
            "The stadium fire killed 15 people on Monday, officials said. " + _box_score(2),
        ]
    )
    return articles, extract_numbers(articles)


def test_two_box_scores_are_left_out_and_the_cap_recorded(two_tables) -> None:
    articles, numbers = two_tables
    assert numbers.height == 2 * (1 + 5 * PLAYERS)  # every figure extracted
    claims = align_numbers(numbers, articles)
    # all 3,000 table figures (sentences of 5) left out, the prose toll compared
    assert left_out_reason(claims) == {
        "figures": 2 * 5 * PLAYERS,
        "sentence_figures": 5,
        "pair_cap": NUMBER_PAIR_CAP,
    }
    left = claims.filter(pl.col("reason").str.contains('"left_out"'))
    assert left.height == 2 * 5 * PLAYERS
    assert set(left["status"]) == {"single"}
    assert json.loads(left["reason"][0]) == {
        "basis": "not compared",
        "figures": 3000,
        "left_out": NUMBERS_LEFT_OUT_TABLE,
        "pair_cap": NUMBER_PAIR_CAP,
        "sentence_figures": 5,
    }
    assert left["sentence"].str.starts_with("Player").all()
    # the one toll both outlets give is still a conflict, and nothing else is grouped
    compared = claims.filter(pl.col("status") != "single")
    assert compared.select("status", "value", "article_id").rows() == [
        ("conflict", 13.0, "a0"),
        ("conflict", 15.0, "a1"),
    ]
    assert claims.height == 2 + 2 * 5 * PLAYERS


def test_the_story_page_says_how_many_figures_were_not_compared(two_tables) -> None:
    articles, numbers = two_tables
    claims = align_numbers(numbers, articles)
    assert numbers_left_out(claims) == (
        "3,000 figures in table rows (sentences of 5 figures or more) were not compared "
        "across outlets: this story has too many figures to compare every pair (over "
        "100,000 pairs). They are listed as figures one outlet gives."
    )
    # ... and every one of them is among the figures one outlet gives
    left = claims.filter(pl.col("reason").str.contains('"left_out"'))
    shown = single_figures(claims)
    assert shown.height == left.select("outlet", "quantity", "text").n_unique() > 100
    small = _articles(["13 people were killed.", "15 people were killed."])
    assert numbers_left_out(align_numbers(extract_numbers(small), small)) is None


def test_under_the_cap_nothing_is_left_out() -> None:
    articles = _articles(
        [
            "Smith scored 23 points, 7 rebounds, 4 assists, 2 steals and 31 minutes. "
            "At least 13 people were hurt.",
            "Smith had 23 points, 7 rebounds, 4 assists, 2 steals in 31 minutes. "
            "Fifteen people were hurt.",
        ]
    )
    claims = align_numbers(extract_numbers(articles), articles)
    assert left_out_reason(claims) is None
    assert not claims["reason"].str.contains('"left_out"').any()
    agree = claims.filter(pl.col("status") == "agree")
    assert sorted(set(agree["value"])) == [2.0, 4.0, 7.0, 23.0, 31.0]


def _claims(articles: pl.DataFrame) -> list:
    return nc._claims(nc._story_rows(extract_numbers(articles), articles), CompareConfig())


def test_the_largest_rows_go_first_and_only_as_far_as_the_cap_needs() -> None:
    articles = _articles(
        [
            "Smith had 23 points, 7 rebounds, 4 assists, 2 steals and 31 minutes. "
            "Jones had 12 points, 5 rebounds and 3 assists. 40 homes burned.",
            "Smith had 22 points, 8 rebounds, 4 assists, 3 steals and 30 minutes. "
            "Jones had 11 points, 6 rebounds and 2 assists. 45 houses burned.",
        ]
    )
    claims = _claims(articles)
    config = CompareConfig()
    bound = nc._pair_bound(claims, config)
    # the bound is never under the pairs the candidate index gives
    by_dimension: dict[str, list] = {}
    for claim in claims:
        by_dimension.setdefault(claim.dimension, []).append(claim)
    listed = sum(len(nc._candidates(same, config)) for same in by_dimension.values())
    assert bound >= listed > 0
    kept, left, least = nc._leave_out_tables(claims, config, cap=bound)
    assert (len(kept), left, least) == (len(claims), [], 0)
    # a cap the rows of 3 must also go for: everything but the prose; one of 5 alone
    kept, left, least = nc._leave_out_tables(claims, config, cap=0)
    assert least == 3
    assert sorted(c.value for c in kept) == [40.0, 45.0]
    five = [c for c in claims if c.sentence == 0]  # Smith's rows
    without_five = nc._pair_bound([c for c in claims if c not in five], config)
    kept, left, least = nc._leave_out_tables(claims, config, cap=without_five)
    assert least == 5
    assert len(left) == 10 and len(kept) == len(claims) - 10


def test_a_long_sentence_is_stored_as_a_window_of_whole_words() -> None:
    short = "Police said 13 people were killed."
    assert sentence_window(short, 12, 14) == (short, 0)
    words = " ".join(f"word{i}" for i in range(1_000))  # 6,889 characters
    assert len(words) > LONG_SENTENCE_CHARS
    at = words.index("word500")
    window, shift = sentence_window(words, at, at + 7)
    assert window[at - shift : at + 7 - shift] == "word500"
    assert window.startswith(ELLIPSIS + " word") and window.endswith(" " + ELLIPSIS)
    inner = window[2:-2]
    assert inner in words and f" {inner} " in words  # cut at blanks, whole words
    assert len(window) <= 2 * WINDOW_CHARS + 7 + 4
    assert len(inner) > 2 * WINDOW_CHARS - 20  # no more cut than a word either side
    # at the sentence's start: no mark before
    window, shift = sentence_window(words, 0, 5)
    assert shift == 0 and window.startswith("word0 ") and window.endswith(" " + ELLIPSIS)


def test_ten_thousand_numbers_in_one_sentence_store_a_window_each() -> None:
    body = " ".join(f"{i} votes" for i in range(10_000))
    articles = _articles([body])
    numbers = extract_numbers(articles)
    assert numbers.height > 9_000
    lengths = numbers["sentence"].str.len_chars()
    assert lengths.max() <= 2 * WINDOW_CHARS + numbers["text"].str.len_chars().max() + 4
    # the figure is where start - sentence_start says, in every row
    at = numbers["start"] - numbers["sentence_start"]
    found = [
        s[a : a + len(t)] for s, a, t in zip(numbers["sentence"], at, numbers["text"], strict=True)
    ]
    assert found == numbers["text"].to_list()
    # about 6 MB of sentences instead of the whole 128 KB run on each row (1.3 GB)
    assert lengths.sum() < 7_000_000
    assert re.fullmatch(rf"{ELLIPSIS} .* {ELLIPSIS}", numbers["sentence"][5_000])
