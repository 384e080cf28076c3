"""Hand-written rows for the framing comparison's tests: ARTICLES and FRAMING frames."""

from __future__ import annotations

from typing import Any

import polars as pl

from clustering.schema import ARTICLES


def articles_frame(*rows: dict[str, Any]) -> pl.DataFrame:
    """ARTICLES rows: the given fields, every other column null."""
    return pl.DataFrame([{c: None for c in ARTICLES} | r for r in rows], schema=ARTICLES)


def framing_row(
    article_id: str,
    entities: list[tuple[str, str]],
    tone: float = 0.0,
    marks: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A FRAMING row with the given entities (name, label), each mentioned once."""
    return {
        "article_id": article_id,
        "headline": f"Headline {article_id}",
        "lead_sentence": f"Lead {article_id}.",
        "attribution_verbs": [{"verb": "said", "count": 1}],
        "loaded_verb_share": 0.0,
        "hedges": [],
        "intensifiers": [],
        "loaded_terms": [],
        "subjectivity": 0.25,
        "tone": tone,
        "entities": [{"name": n, "label": label, "count": 1} for n, label in entities],
        "loaded_marks": marks or [],
    }
