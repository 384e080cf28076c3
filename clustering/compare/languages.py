"""Numbers across the languages of one story.

`align_numbers_across_languages` aligns a story's numbers within each language with
`align_numbers`, then joins groups of different languages that state the same figure. What
is counted ("179 new aerial refueling tankers", "179 nuevos aviones") cannot be compared
across languages by its words, so a cross-language join rests on the value alone: the same
kind (count, money, percent, ...), unit and value (or range) within one story, and only when
that figure is distinctive - stated by exactly one group on each side (a headline restating
its body's figure aside), and not a small count
(two outlets' "3" of different things coincide; their "44,000" rarely do). Such a group's
`reason` says so: basis "same value across languages", the languages, and "counted not
compared across languages". Two different figures in two languages are never set against
each other (no cross-language conflict): nothing says they count the same thing.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

import polars as pl

from clustering.compare.number_claims import align_numbers
from clustering.config import CompareConfig
from clustering.schema import NUMBER_CLAIMS, NUMBERS, validate

__all__ = ["align_numbers_across_languages", "story_languages"]

_SEVERITY = ("conflict", "update", "compatible", "agree", "single")
_STATUS_ORDER = {status: i for i, status in enumerate(_SEVERITY)}
_NOT_COMPARED = "counted not compared across languages"


def story_languages(articles: pl.DataFrame) -> list[str]:
    """The distinct known languages (ARTICLES.lang, "" and null left out) of `articles`,
    English first, then by number of articles (most first) and code."""
    if "lang" not in articles.columns:
        return []
    # Counted in Python: a story's few articles cost less than a filter and a group_by
    # (~0.1 ms a story; issue 14).
    counts = Counter(lang for lang in articles["lang"].to_list() if lang)
    return [lang for lang, _ in sorted(counts.items(), key=lambda c: (c[0] != "en", -c[1], c[0]))]


def _figure(row: dict[str, Any], min_count: float) -> tuple[object, ...] | None:
    """The key a claim is joined on across languages, or None when it is not distinctive
    (a count under `min_count`, CompareConfig.number_cross_language_min_count)."""
    kind, value = row["kind"], row["value"]
    if kind not in ("count", "money", "percent", "measure", "date") or value is None:
        return None
    if kind == "date" and float(value) < 10000:
        return None  # a day without its year: "on the 18th" recurs every month
    if kind == "count" and row["value_high"] is None and abs(float(value)) < min_count:
        return None
    return (kind, row["unit"], value, row["value_high"])


def align_numbers_across_languages(
    numbers: pl.DataFrame, articles: pl.DataFrame, config: CompareConfig | None = None
) -> pl.DataFrame:
    """`align_numbers` per language, then the same figure joined across languages.

    `numbers` is a NUMBERS frame; `articles` the story's ARTICLES rows (article_id, outlet,
    duplicate_of, and lang: without it, or with one language, this is `align_numbers`).
    Returns a NUMBER_CLAIMS frame. A joined group's status is its parts' most severe one
    (conflict, update, compatible, then agree: equal values across languages agree), its
    `reason` the JSON object of `align_numbers` with "basis": "same value across languages",
    "languages" (those of its articles) and "note": "counted not compared across languages".
    """
    validate(numbers, NUMBERS, "numbers")
    config = config or CompareConfig()
    languages = story_languages(articles)
    if len(languages) < 2:
        return align_numbers(numbers, articles, config)
    lang_of = dict(articles.select("article_id", pl.col("lang").fill_null("")).iter_rows())
    parts: list[pl.DataFrame] = []
    for language in [*languages, ""]:
        members = articles.filter(pl.col("lang").fill_null("") == language)
        if members.height:
            parts.append(align_numbers(numbers, members, config))
    claims = pl.concat(parts)
    kinds = numbers.select("article_id", "sentence_index", "start", "kind").unique(
        ["article_id", "sentence_index", "start"], keep="first"
    )
    rows = claims.join(kinds, on=["article_id", "sentence_index", "start"], how="left").to_dicts()

    # Per language, the groups stating each figure; a figure two groups of one language
    # state is ambiguous there and joins nothing.
    by_figure: dict[tuple[object, ...], dict[str, set[str]]] = {}
    group_lang: dict[str, str] = {}
    for row in rows:
        language = lang_of.get(row["article_id"], "")
        group_lang[row["group_id"]] = language
        figure = _figure(row, config.number_cross_language_min_count)
        if figure is not None and language:
            by_figure.setdefault(figure, {}).setdefault(language, set()).add(row["group_id"])
    parent = {g: g for g in group_lang}

    def root(g: str) -> str:
        while parent[g] != g:
            parent[g] = parent[parent[g]]
            g = parent[g]
        return g

    # A headline restating its body's figure is a group of its own (align_numbers never
    # pairs two claims of one article): it goes along with the body's group, and makes
    # nothing ambiguous.
    in_body = {str(r["group_id"]) for r in rows if r["sentence_index"] >= 0}
    for per_language in by_figure.values():
        joinable: list[list[str]] = []
        for groups in per_language.values():
            body = [g for g in groups if g in in_body]
            if len(body) > 1 or not body and len(groups) > 1:
                break  # two groups of one language state it: which one is meant is unknown
            joinable.append(sorted(groups, key=lambda g: g not in in_body))
        else:
            if len(joinable) >= 2:
                first = joinable[0][0]
                for other in (g for groups in joinable for g in groups):
                    parent[root(other)] = root(first)

    joined: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        joined.setdefault(root(row["group_id"]), []).append(row)
    out: list[dict[str, Any]] = []
    for group_rows in joined.values():
        group_ids = {r["group_id"] for r in group_rows}
        if len(group_ids) == 1:
            out += [{k: r[k] for k in NUMBER_CLAIMS} for r in group_rows]
            continue
        keys = "|".join(
            sorted(f"{r['article_id']}:{r['sentence_index']}:{r['start']}" for r in group_rows)
        )
        group_id = "n-" + hashlib.sha256(keys.encode()).hexdigest()[:12]
        statuses = {str(r["status"]) for r in group_rows} - {"single"}
        status = min(statuses, key=_STATUS_ORDER.__getitem__) if statuses else "agree"
        reasons = [json.loads(str(r["reason"])) for r in group_rows if r["reason"]]
        reason = {
            "counted": sorted({str(r["counted"]) for r in group_rows if r["counted"]}),
            "events": sorted({e for x in reasons for e in x.get("events", [])}),
            "scope": sorted({s for x in reasons for s in x.get("scope", [])}),
            "when": sorted({w for x in reasons for w in x.get("when", [])}),
            "basis": "same value across languages",
            "languages": sorted(
                {group_lang[str(g)] for g in group_ids} - {""}, key=languages.index
            ),
            "note": _NOT_COMPARED,
        }
        # The label: the English group's quantity when there is one (the reader's language),
        # else the kind and unit: other languages' counted words are read crudely.
        english = [r for r in group_rows if group_lang[str(r["group_id"])] == "en"]
        kind, unit = group_rows[0]["kind"], group_rows[0]["unit"]
        label = english[0]["quantity"] if english else (f"{kind} ({unit})" if unit else kind)
        # One claim per article, as align_numbers gives: the body's over its headline's.
        best: dict[str, dict[str, Any]] = {}
        for r in sorted(group_rows, key=lambda r: (r["sentence_index"] < 0, r["sentence_index"])):
            best.setdefault(str(r["article_id"]), r)
        for r in best.values():
            out.append(
                {k: r[k] for k in NUMBER_CLAIMS}
                | {
                    "group_id": group_id,
                    "status": status,
                    "quantity": label,
                    "reason": json.dumps(reason, sort_keys=True),
                }
            )
    return pl.DataFrame(out, schema=NUMBER_CLAIMS).sort(
        pl.col("status").replace_strict(_STATUS_ORDER, return_dtype=pl.Int64),
        "group_id",
        "article_id",
    )
