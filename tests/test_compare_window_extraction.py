"""clustering.compare._WindowExtraction: a window's extraction gathers each story's rows,
the same rows in the same order as `Extracted.of`'s filters."""

from __future__ import annotations

import polars as pl
import pytest

from clustering.compare import Extracted, _WindowExtraction
from clustering.schema import FAILURES, FRAMING, NUMBERS, QUOTES, empty


def _rows(schema: pl.Schema, article_ids: list[str | None]) -> pl.DataFrame:
    """`schema`'s empty frame with one row per article id (the other columns null but an
    integer column numbering the rows, so that order shows)."""
    frame = empty(schema)
    extra = pl.DataFrame({"article_id": article_ids}, schema={"article_id": pl.String})
    filled = pl.concat([frame, extra], how="diagonal_relaxed").select(list(schema))
    numbered = next(
        (name for name, dtype in schema.items() if dtype == pl.Int64 and name != "article_id"),
        None,
    )
    if numbered is not None:
        filled = filled.with_columns(pl.int_range(pl.len(), dtype=pl.Int64).alias(numbered))
    return filled.cast(dict(schema))


@pytest.fixture
def extracted() -> Extracted:
    # articles interleaved, one with no numbers, a failure with no article (null)
    return Extracted(
        _rows(NUMBERS, ["b", "a", "b", "c", "a", "a"]),
        _rows(QUOTES, ["c", "a", "c"]),
        _rows(FRAMING, ["a", "b", "c"]),
        _rows(FAILURES, [None, "b"]),
    )


@pytest.mark.parametrize(
    "article_ids",
    [["a"], ["a", "b"], ["b", "a"], ["c", "a", "c"], ["z"], [], ["a", "b", "c", "z"]],
)
def test_window_of_equals_filters(extracted: Extracted, article_ids: list[str]) -> None:
    window = _WindowExtraction.over(extracted)
    got, want = window.of(article_ids), extracted.of(article_ids)
    for name in ("numbers", "quotes", "framing", "failures"):
        assert getattr(got, name).equals(getattr(want, name)), name
        assert getattr(got, name).schema == getattr(want, name).schema
    assert isinstance(got, Extracted)


def test_window_of_keeps_frame_order(extracted: Extracted) -> None:
    numbers = _WindowExtraction.over(extracted).of(["a", "b"]).numbers
    # frame order (b, a, b, a, a), not the order of the ids asked
    assert numbers["article_id"].to_list() == ["b", "a", "b", "a", "a"]
    assert _WindowExtraction.over(extracted).of(["c"]).quotes.height == 2
    assert _WindowExtraction.over(extracted).of(["b"]).failures["article_id"].to_list() == ["b"]
