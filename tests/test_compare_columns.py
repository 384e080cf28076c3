"""clustering.compare.columns: nested columns built through Arrow equal polars' own."""

from __future__ import annotations

import polars as pl
import pytest

from clustering.compare.columns import list_column
from clustering.schema import FACTS, FRAMING_COMPARISON, QUOTE_GROUPS

SLANTED = {"sentence_index": 3, "start": 10, "end": 52, "score": 0.71, "exclusive": True}


@pytest.mark.parametrize(
    ("dtype", "values"),
    [
        (FACTS["outlets"], [["bbc.co.uk", "cnn.com"], ["fox"], [], ["é", "naïve"]]),
        (FACTS["outlets"], []),
        (FACTS["outlets"], [None, ["a"]]),
        (FRAMING_COMPARISON["slanted_sentences"], [[SLANTED, SLANTED | {"score": -1.5}], []]),
        (
            QUOTE_GROUPS["diff"],
            [[{"kind": "equal", "text": "we will"}, {"kind": "insert", "text": "not"}]],
        ),
    ],
)
def test_list_column_equals_polars_own(dtype: pl.DataType, values: list) -> None:
    built = list_column("column", values, dtype)
    expected = pl.Series("column", values, dtype=dtype)
    assert built.name == "column"
    assert built.dtype == dtype
    assert built.equals(expected)
    assert built.to_list() == values


def test_list_column_in_a_frame_keeps_the_schema() -> None:
    frame = pl.DataFrame(
        {"n": [1, 2], "outlets": list_column("outlets", [["a", "b"], ["c"]], FACTS["outlets"])},
        schema={"n": pl.Int64, "outlets": FACTS["outlets"]},
    )
    assert frame.schema["outlets"] == pl.List(pl.String)
    assert frame["outlets"].to_list() == [["a", "b"], ["c"]]
