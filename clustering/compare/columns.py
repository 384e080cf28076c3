"""Nested columns of the comparison tables built from Python lists, fast.

Why (issue 14, scale): polars builds a List column from Python lists one inner list at a
time (a Series per row), so a story's `outlets` (FACTS), `entities_only_here` and
`slanted_sentences` (FRAMING_COMPARISON) and `diff` (QUOTE_GROUPS) cost 0.2-1 ms each per
story; Arrow converts the whole list in one call and polars reads it without a copy of
its layout (~0.02 ms). The column is the same: dtype and values equal to polars' own.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import polars as pl
import pyarrow as pa


@functools.lru_cache(maxsize=32)
def _arrow_type(dtype: pl.DataType) -> pa.DataType:
    """The Arrow type polars writes `dtype` as (large lists and strings)."""
    return pl.Series("", [], dtype=dtype).to_arrow().type


def list_column(name: str, values: Sequence[Any], dtype: pl.DataType) -> pl.Series:
    """A Series `name` of `dtype` (a nested type: List of String or of Struct) holding
    `values`, one Python list per row (of str, or of dicts keyed by the struct's fields;
    None for a null row), equal to `pl.Series(name, values, dtype=dtype)`."""
    column = pl.from_arrow(pa.array(values, type=_arrow_type(dtype)))
    assert isinstance(column, pl.Series)  # an Array converts to a Series
    return column.alias(name)


__all__ = ["list_column"]
