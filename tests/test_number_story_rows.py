"""A story's compared NUMBERS rows read in Python (`_story_rows`, issue 14): which rows,
in which order, with which outlet, publication time and "ago"."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl

from clustering.compare import number_claims as nc
from clustering.schema import NUMBERS, UTC_DATETIME

PUBLISHED = datetime(2017, 5, 3, 12, 0, tzinfo=UTC)


def _number(article: str, index: int, sentence: str, text: str, kind: str, **extra):
    at = sentence.index(text)
    row = {
        "article_id": article,
        "sentence_index": index,
        "sentence": sentence,
        "text": text,
        "start": 100 * index + at,
        "end": 100 * index + at + len(text),
        "sentence_start": 100 * index,
        "value": 3.0,
        "value_high": None,
        "qualifier": "exact",
        "unit": "",
        "kind": kind,
        "counted": "",
    }
    return row | extra


NUMBERS_ROWS = [
    _number("b", 2, "Police said 3 people died.", "3 people", "count", counted="people"),
    _number("a", 1, "It opened three years ago.", "three years", "other", unit="year"),
    _number("a", 0, "In 2015 it had 3 branches.", "3 branches", "count", counted="branch"),
    _number("a", 1, "It opened three years ago.", "three", "other"),  # not compared
    _number("a", 0, "In 2015 it had 3 branches.", "2015", "year", unit="year"),  # no "ago"
    _number("c", 0, "Police said 3 people died.", "3 people", "count"),  # a wire copy
]


def _articles(published: bool = True) -> pl.DataFrame:
    frame = pl.DataFrame(
        {
            "article_id": ["a", "b", "c"],
            "outlet": ["Daily", None, "Wire"],
            "duplicate_of": [None, None, "b"],
            "published_at": [PUBLISHED, None, PUBLISHED],
        },
        schema={
            "article_id": pl.String,
            "outlet": pl.String,
            "duplicate_of": pl.String,
            "published_at": UTC_DATETIME,
        },
    )
    return frame if published else frame.drop("published_at")


def test_story_rows_keep_compared_rows_of_originals_in_text_order() -> None:
    rows = nc._story_rows(pl.DataFrame(NUMBERS_ROWS, schema=NUMBERS), _articles())
    assert [(r["article_id"], r["sentence_index"], r["text"]) for r in rows] == [
        ("a", 0, "2015"),
        ("a", 0, "3 branches"),
        ("a", 1, "three years"),
        ("b", 2, "3 people"),
    ]
    assert [r["ago"] for r in rows] == [False, False, True, False]
    # an article without an outlet is its own outlet
    assert [r["outlet"] for r in rows] == ["Daily", "Daily", "Daily", "b"]
    assert [r["published_at"] for r in rows] == [PUBLISHED, PUBLISHED, PUBLISHED, None]
    assert list(rows[0]) == [*NUMBERS, "ago", "published_at", "outlet"]


def test_story_rows_without_publication_times() -> None:
    rows = nc._story_rows(pl.DataFrame(NUMBERS_ROWS, schema=NUMBERS), _articles(False))
    assert [r["published_at"] for r in rows] == [None] * 4
    assert [r["text"] for r in rows] == ["2015", "3 branches", "three years", "3 people"]


def test_story_rows_do_not_depend_on_input_order() -> None:
    numbers = pl.DataFrame(NUMBERS_ROWS, schema=NUMBERS)
    assert nc._story_rows(numbers.reverse(), _articles().reverse()) == nc._story_rows(
        numbers, _articles()
    )


def test_ago_reads_polars_nulls() -> None:
    row = _number("a", 1, "It opened three years ago.", "three years", "other", unit="year")
    assert nc._ago(row) is True
    assert nc._ago(row | {"unit": None}) is None  # null & True & True & True
    assert nc._ago(row | {"unit": None, "value_high": 4.0}) is False  # null & False
    assert nc._ago(row | {"end": row["end"] + 5}) is False  # "ago" not right after


def test_slice8_is_polars_str_slice() -> None:
    text = "abcdefghij"
    for at in (-12, -10, -3, 0, 4, 9, 10, 12):
        assert nc._slice8(text, at) == pl.Series([text]).str.slice(at, 8)[0], at


def test_story_rows_of_the_story_numbers_alone_are_the_same() -> None:
    # a NUMBERS frame of the original articles only is read whole, a larger one filtered
    numbers = pl.DataFrame(NUMBERS_ROWS, schema=NUMBERS)
    own = numbers.filter(pl.col("article_id") != "c")
    assert nc._story_rows(own, _articles()) == nc._story_rows(numbers, _articles())
    assert len(nc._story_rows(own, _articles())) == 4
