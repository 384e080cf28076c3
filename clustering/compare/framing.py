"""Framing side by side: per article of one story, its headline, lead and framing cues, and
the people and organisations that only its outlet names.

The cues themselves are extracted per article by `clustering.extract.framing`; this module
only lines them up within a story and compares the entities across outlets.
"""

from __future__ import annotations

from typing import Any

import polars as pl
from rapidfuzz import fuzz

from clustering.compare.facts import independent_articles
from clustering.extract.framing import FRAMING
from clustering.schema import FRAMING_COMPARISON, validate

__all__ = ["FRAMING_COMPARISON", "compare_framing", "framing_json", "same_entity"]


_CORPORATE = frozenset(["inc", "corp", "co", "ltd", "llc", "plc", "group", "company"])
_SMALL_WORDS = frozenset(["of", "the", "and", "for", "on", "in", "&"])


def _tokens(name: str) -> list[str]:
    return [t.strip(".,'\u2019") for t in name.lower().replace("\u2019s", "").split() if t != "the"]


def _initials(tokens: list[str]) -> str:
    return "".join(t[0] for t in tokens if t and t not in _SMALL_WORDS)


def same_entity(a: str, b: str) -> bool:
    """Whether two entity names plausibly name the same person or organisation.

    Loose on purpose, because the question it answers is "does another outlet name them
    at all": equal words; one name ending the other ("Kuleba", "Dmytro Kuleba"); one name
    plus a corporate suffix ("Apple", "Apple Inc."); an acronym of the other ("RNC",
    "Republican National Committee"); or spelling variants (rapidfuzz ratio >= 90, or
    >= 80 with the same last word: "Dmitry Kuleba", "Dmytro Kuleba").
    """
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return False
    short, long = sorted((ta, tb), key=len)
    if long[len(long) - len(short) :] == short:
        return True
    if long[: len(short)] == short and all(t in _CORPORATE for t in long[len(short) :]):
        return True
    if len(short) == 1 and len(long) >= 2 and short[0].replace(".", "") == _initials(long):
        return True
    ratio = fuzz.ratio(" ".join(ta), " ".join(tb))
    return ratio >= 90 or (ratio >= 80 and ta[-1] == tb[-1])


def _names_outlet(name: str, outlet: str) -> bool:
    """Whether an entity is the outlet itself, or its leading words ("Pulse News" in
    "Pulse News Network", "(Northgate)" in a Northgate Wire dateline)."""
    tn, to = _tokens(name), _tokens(outlet)
    return bool(tn) and (to[: len(tn)] == tn or same_entity(name, outlet))


def compare_framing(framing: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """The framing of one story's articles side by side.

    `framing` has the FRAMING schema (from `extract_framing`) and must cover every
    independent article of `articles`, the ARTICLES rows of ONE story; wire copies
    (duplicate_of not null) are left out, as they would fake agreement. Returns the
    FRAMING_COMPARISON schema, one row per independent article, ordered by outlet and
    article_id. An article with no outlet counts as an outlet of its own.
    """
    validate(framing, FRAMING, "framing")
    story = independent_articles(articles)
    missing = story.join(framing, on="article_id", how="anti")["article_id"].to_list()
    if missing:
        raise ValueError(
            f"framing must have a row for every article of the story. Got none for {missing}."
        )
    table = story.join(framing.unique("article_id", keep="first"), on="article_id").sort(
        "outlet", "article_id"
    )
    names_by_source: dict[str, set[str]] = {}
    for source, entities in table.select("source", "entities").iter_rows():
        names_by_source.setdefault(source, set()).update(e["name"] for e in entities)
    # An outlet naming itself ("told Pulse News", a "(Northgate)" dateline) names no actor.
    outlets = [o for o in table["outlet"].unique().to_list() if o]
    only_here = []
    for source, entities in table.select("source", "entities").iter_rows():
        others = set().union(*(names for s, names in names_by_source.items() if s != source))
        kept: list[str] = []
        for entity in entities:
            name = entity["name"]
            if (
                entity["label"] in ("PERSON", "ORG")
                and name not in others  # the common case, before the loose comparisons
                and not any(same_entity(name, other) for other in [*others, *kept])
                and not any(_names_outlet(name, outlet) for outlet in outlets)
            ):
                kept.append(name)  # later forms of a kept name ("Schumer") are not repeated
        only_here.append(kept)
    return table.with_columns(
        pl.Series("entities_only_here", only_here, dtype=pl.List(pl.String))
    ).select(list(FRAMING_COMPARISON))


def framing_json(table: pl.DataFrame) -> list[dict[str, Any]]:
    """`compare_framing`'s table as JSON-ready rows (scores rounded to 3 decimals)."""
    validate(table, FRAMING_COMPARISON, "framing comparison")
    return table.with_columns(
        pl.col("loaded_verb_share", "subjectivity", "tone").round(3)
    ).to_dicts()
