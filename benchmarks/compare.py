"""The comparison benchmark: quality on the real and the synthetic gold sets and the time
to compare a 20-article story, in one run.

Real coverage (benchmarks/gold/real/, 36 events read by hand, when ../shared is there):
quotes and number conflicts on the dev split (tuned on) and the test split (reported).
Synthetic quality (benchmarks/gold/compare_gold.json over data/sample/): quote span and
span+speaker precision/recall/F1, number extraction and number-conflict precision/recall,
exclusive-fact precision/recall. Speed: `compare_story` on a 20-article story built from
real multi-outlet articles (../shared/data/labelled/giveme5w1h.jsonl, its largest story,
topped up from the next ones): the per-article extraction (done once per article when it
enters the corpus) and the comparison itself, with the per-aspect split.

    python -m benchmarks.compare [--json]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import tempfile
import time
from pathlib import Path
from typing import Any

import polars as pl

from benchmarks.compare_facts import score_facts
from benchmarks.compare_numbers import score_numbers, score_real_numbers
from benchmarks.compare_quotes import score_quotes, score_real_quotes
from clustering.compare import compare_story, extract_articles, sentence_embedder
from clustering.compare.facts import compare_facts
from clustering.compare.framing_comparison import compare_framing
from clustering.compare.number_claims import align_numbers
from clustering.compare.quote_groups import align_quotes
from clustering.config import CompareConfig, EmbedConfig, IngestConfig
from clustering.embed import EmbeddingCache, load_embedder
from clustering.ingest import load_articles

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT.parent / "shared" / "data" / "labelled" / "giveme5w1h.jsonl"


def quality() -> dict[str, Any]:
    """The three synthetic gold-set scores (their own printing silenced)."""
    with contextlib.redirect_stdout(io.StringIO()):
        quotes = score_quotes()
        numbers = score_numbers()
        facts = score_facts()
    return {"quotes": quotes, "numbers": numbers, "facts": facts}


def real_quality() -> dict[str, Any]:
    """Quotes and numbers on the real-article gold set (benchmarks/gold/real/), dev (tuned
    on) and test (reported), each scorer's own printing silenced."""
    out: dict[str, Any] = {}
    with contextlib.redirect_stdout(io.StringIO()):
        for split in ("dev", "test"):
            out[split] = {
                "quotes": score_real_quotes(split),
                "numbers": score_real_numbers(split),
            }
    return out


def story_of_20() -> pl.DataFrame:
    """20 real articles: the largest giveme5w1h stories, largest first (ARTICLES)."""
    articles = load_articles([LABELLED], IngestConfig()).articles
    gold = articles.with_columns(
        pl.col("extra").str.json_path_match("$.cluster_id").alias("cluster")
    )
    order = gold.group_by("cluster").len().sort(["len", "cluster"], descending=[True, False])
    picked = gold.join(order, on="cluster").sort(
        ["len", "cluster", "article_id"], descending=[True, False, False]
    )
    return picked.head(20).drop("cluster", "len")


def speed(articles: pl.DataFrame) -> dict[str, Any]:
    """Seconds to extract the 20 articles (once per article: numbers, quotes, framing
    cues, fact-sentence vectors; cold cache) and then to compare the story (alignment of
    all four aspects), plus the per-aspect split of the comparison."""
    config = CompareConfig()
    embedder = sentence_embedder(load_embedder(EmbedConfig()), config)
    embedder.encode(["warm the model up"])  # loading the model is not comparing
    with tempfile.TemporaryDirectory(prefix="storylens-compare-") as tmp:
        cache = EmbeddingCache(Path(tmp), embedder.name)
        t = time.perf_counter()
        extracted = extract_articles(articles, embedder, cache)
        extract_s = time.perf_counter() - t
        t = time.perf_counter()
        compare_story(articles, embedder, config, cache, extracted)
        compare_s = time.perf_counter() - t
        parts = {}
        for name, step in {
            "numbers": lambda: align_numbers(extracted.numbers, articles),
            "quotes": lambda: align_quotes(extracted.quotes, articles),
            "framing": lambda: compare_framing(extracted.framing, articles),
            "facts": lambda: compare_facts(articles, embedder, cache),
        }.items():
            t = time.perf_counter()
            step()
            parts[name] = round(time.perf_counter() - t, 3)
    words = int(articles["body"].str.split(" ").list.len().sum())
    return {
        "articles": articles.height,
        "words": words,
        "seconds_extract_cold": round(extract_s, 2),
        "seconds_compare": round(compare_s, 2),
        "seconds_compare_by_aspect": parts,
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result: dict[str, Any] = {"quality": quality()}
    if LABELLED.exists():
        result["real"] = real_quality()
        result["speed"] = speed(story_of_20())
    if args.json:
        print(json.dumps(result, default=str))
    else:
        print(json.dumps(result, indent=2, default=str))
    return result


if __name__ == "__main__":
    main()
