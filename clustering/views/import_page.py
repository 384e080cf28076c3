"""Frames the Import page (app_pages/import_files.py) shows after a run."""

from __future__ import annotations

import polars as pl

from clustering import schema


def rejects_table(rejects: pl.DataFrame) -> pl.DataFrame:
    """REJECTS for people: source_file, source_line, field, reason, in file order."""
    schema.validate(rejects, schema.REJECTS, "rejects")
    return rejects.select("source_file", "source_line", "field", "reason").sort(
        "source_file", "source_line", nulls_last=True
    )


__all__ = [
    "rejects_table",
]
