"""What the quote tests read of `extract_quotes`: the speaker of each quote of one body."""

from __future__ import annotations

import polars as pl

from clustering.extract.quotes import extract_quotes


def speakers(body: str, ranker: str | None = None) -> list[str | None]:
    """The speaker of each quote of `body`, in reading order."""
    rows = extract_quotes(
        pl.DataFrame({"article_id": ["a"], "body": [body]}), speaker_ranker=ranker
    ).to_dicts()
    return [row["speaker"] for row in rows]
