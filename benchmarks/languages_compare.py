"""Comparison across languages (issue 19, item 3) on meantime_multilingual: numbers, quotes.

    python -m benchmarks.languages_compare [--quotes] [--show N]

Each of the 60 events is one story of four articles (en, es, it, nl: translations of one
Wikinews report). Split by topic: airbus (30 events) is dev, apple (30 events) is test.

Numbers: the English version's distinctive figures (what `compare.languages` joins on: money,
percentages, measures, counts of 10 or more) and, for each other version, the share of them
it states with the same kind, unit and value - read with the English reader for every
language (before) and with each article's locale (after, `extract.numerals`). Then
`align_numbers_across_languages`: groups spanning two or more languages, and (printed, for
reading by eye) the joined groups.

Quotes (--quotes): `match_translations` with the multilingual USE: per event, the quotes of
the other versions matched to an English quote; a match is right when both are the same
sentence's quote (checked by eye on printed pairs) - counted here as matches whose English
quote has exactly one match per language, and the threshold's effect on dev and test.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import polars as pl

from clustering.compare.languages import align_numbers_across_languages
from clustering.compare.number_claims import align_numbers
from clustering.extract.numbers import extract_numbers
from clustering.schema import ARTICLES

HERE = Path(__file__).resolve().parent
MEANTIME = HERE.parents[1] / "shared" / "data" / "labelled" / "meantime_multilingual.jsonl"
DEV_TOPIC = "airbus"


def load() -> tuple[pl.DataFrame, dict[str, str]]:
    """meantime as an ARTICLES-like frame (the columns the comparison reads) and each
    event's split."""
    records = [json.loads(line) for line in MEANTIME.open(encoding="utf-8")]
    frame = pl.DataFrame(
        {
            "article_id": [r["id"] for r in records],
            "story": [r["cluster_id"] for r in records],
            "title": [r["title"] for r in records],
            "body": [r["body"] for r in records],
            "outlet": [r["outlet"] for r in records],
            "lang": [r["lang"] for r in records],
        },
        schema_overrides={c: ARTICLES[c] for c in ("article_id", "title", "body", "lang")},
    ).with_columns(duplicate_of=pl.lit(None, dtype=pl.String))
    split = {r["cluster_id"]: "dev" if r["topic"] == DEV_TOPIC else "test" for r in records}
    return frame, split


def _figures(numbers: pl.DataFrame) -> dict[str, set[tuple[Any, ...]]]:
    out: dict[str, set[tuple[Any, ...]]] = defaultdict(set)
    for row in numbers.iter_rows(named=True):
        kind, value = row["kind"], row["value"]
        if kind in ("money", "percent", "measure") or (kind == "count" and value >= 10):
            out[row["article_id"]].add((kind, row["unit"], value, row["value_high"]))
    return out


def numbers_report(frame: pl.DataFrame, split: dict[str, str], show: int) -> dict[str, Any]:
    before = _figures(extract_numbers(frame.drop("lang")))
    numbers = extract_numbers(frame)
    after = _figures(numbers)
    result: dict[str, Any] = {}
    for part in ("dev", "test"):
        stats: dict[str, dict[str, list[int]]] = {"before": {}, "after": {}}
        for story, members in frame.group_by("story"):
            if split[story[0]] != part:
                continue
            ids = dict(members.select("lang", "article_id").iter_rows())
            for label, figures in (("before", before), ("after", after)):
                english = figures[ids["en"]]
                for lang in ("es", "it", "nl"):
                    found = len(english & figures[ids[lang]])
                    counts = stats[label].setdefault(lang, [0, 0])
                    counts[0] += found
                    counts[1] += len(english)
        result[part] = {
            label: {lang: round(f / n, 3) for lang, (f, n) in per.items()}
            for label, per in stats.items()
        }
    # Alignment across languages, story by story.
    joined: dict[str, list[int]] = {"dev": [0, 0, 0], "test": [0, 0, 0]}
    old_conflicts = {"dev": 0, "test": 0}
    shown = 0
    for story, members in frame.group_by("story", maintain_order=True):
        part = split[story[0]]
        story_numbers = numbers.filter(pl.col("article_id").is_in(members["article_id"].implode()))
        claims = align_numbers_across_languages(story_numbers, members)
        lang_of = dict(members.select("article_id", "lang").iter_rows())
        for _, group in claims.group_by("group_id"):
            langs = {lang_of[a] for a in group["article_id"]}
            if len(langs) >= 2:
                joined[part][0] += 1
                joined[part][1] += len(langs) == 4
                joined[part][2] += group["status"][0] == "conflict"
                if shown < show:
                    shown += 1
                    print(story[0], group["status"][0], group["quantity"][0])
                    for row in group.iter_rows(named=True):
                        print(f"   {lang_of[row['article_id']]} {row['value']:g} {row['text']!r}")
        # Before: one alignment over all four (English reader), its cross-language conflicts.
        old = align_numbers(extract_numbers(members.drop("lang")), members)
        for _, group in old.group_by("group_id"):
            if group["status"][0] == "conflict" and group["article_id"].n_unique() >= 2:
                old_conflicts[part] += 1
    for part in ("dev", "test"):
        result[part]["cross_language_groups"] = joined[part][0]
        result[part]["groups_in_all_4"] = joined[part][1]
        result[part]["cross_language_conflicts"] = joined[part][2]
        result[part]["before_conflicts_english_reader"] = old_conflicts[part]
    return result


class _Cached:
    """An encoder that encodes each distinct text once (the sweep re-reads the same quotes)."""

    def __init__(self, encoder: Any) -> None:
        self.encoder, self.seen = encoder, {}

    def encode(self, texts: list[str]) -> Any:
        import numpy as np

        new = [t for t in dict.fromkeys(texts) if t not in self.seen]
        if new:
            self.seen.update(zip(new, self.encoder.encode(new), strict=True))
        return np.stack([self.seen[t] for t in texts])


def _surname(speaker: str | None) -> str:
    return speaker.split()[-1].lower() if speaker else ""


def quotes_report(frame: pl.DataFrame, split: dict[str, str], show: int) -> dict[str, Any]:
    """Per threshold and split: translated versions matched, the share of them whose two
    speakers (both known) have the same surname (a proxy for precision: speakers outside
    English are sometimes wrong), and matches between two DIFFERENT events pooled as one
    story (each event with the next of its split: every such match is false)."""
    from clustering.compare.quote_groups import align_quotes, match_translations
    from clustering.embed import UniversalSentenceEncoder
    from clustering.extract.quotes import extract_quotes

    encoder = _Cached(UniversalSentenceEncoder())
    quotes = extract_quotes(frame)
    stories = {s[0]: m for s, m in frame.group_by("story", maintain_order=True)}
    names = sorted(stories)
    result: dict[str, Any] = {}
    printed = 0
    for threshold in (40.0, 50.0, 55.0, 60.0, 65.0, 70.0, 80.0):
        per: dict[str, dict[str, float]] = {}
        for part in ("dev", "test"):
            mine = [n for n in names if split[n] == part]
            matched = agree = known = false = versions = 0
            for k, name in enumerate(mine):
                members = stories[name]
                for pooled, is_pair in (
                    (members, False),
                    (pl.concat([members, stories[mine[(k + 1) % len(mine)]]]), True),
                ):
                    story_quotes = quotes.filter(
                        pl.col("article_id").is_in(pooled["article_id"].implode())
                    )
                    groups = match_translations(
                        align_quotes(story_quotes, pooled), pooled, encoder, threshold
                    )
                    lang_of = dict(pooled.select("article_id", "lang").iter_rows())
                    event_of = dict(pooled.select("article_id", "story").iter_rows())
                    for _, group in groups.group_by("group_id", maintain_order=True):
                        ref = group.row(0, named=True)
                        for row in group.filter(pl.col("translated")).iter_rows(named=True):
                            if is_pair:
                                false += event_of[row["article_id"]] != event_of[ref["article_id"]]
                                continue
                            matched += 1
                            if row["speaker"] and ref["speaker"]:
                                known += 1
                                agree += _surname(row["speaker"]) == _surname(ref["speaker"])
                            if threshold == 60.0 and row["similarity"] < 70 and printed < show:
                                printed += 1
                                print(
                                    f"{part} {row['similarity']:.0f} {lang_of[ref['article_id']]}>{lang_of[row['article_id']]}"
                                    f" | {ref['text'][:70]!r} | {row['text'][:70]!r}"
                                )
                    if not is_pair:
                        versions += story_quotes.height
            per[part] = {
                "quotes": versions,
                "translated_versions": matched,
                "speaker_agreement": round(agree / known, 3) if known else None,
                "speakers_known": known,
                "false_across_events": false,
            }
        result[str(threshold)] = per
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="print N joined groups")
    parser.add_argument("--quotes", action="store_true")
    args = parser.parse_args()
    frame, split = load()
    if args.quotes:
        print(json.dumps({"quotes": quotes_report(frame, split, args.show)}, indent=1))
    else:
        print(json.dumps({"numbers": numbers_report(frame, split, args.show)}, indent=1))


if __name__ == "__main__":
    main()
