"""Replay a labelled set day by day through `storylens add` and compare with clustering
everything from scratch (issue: a living corpus).

For each dataset with dates: the first day builds the corpus (`pipeline.run`), every
later day is added (`pipeline.add`); at the end, B-cubed F1 of the incremental corpus is
compared with a from-scratch run on the same articles. Also times `add` of 1,000
synthetic articles into corpora of 10,000 and 100,000 (embedding excluded: vectors are
given) to show that its cost follows the articles added, not the corpus.

    python -m benchmarks.replay [--datasets giveme5w1h basil neus_allsides] [--json]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from clustering.config import load_config
from clustering.corpus import Corpus
from clustering.embed import embedding_texts
from clustering.evaluate import bcubed
from clustering.pipeline import add, run

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT.parent / "shared" / "data" / "labelled"
CACHE = ROOT / "benchmarks" / ".cache"
GOLD_FIELDS = ("cluster_id", "cluster_label", "dataset")


def _days(path: Path) -> tuple[list[tuple[str, list[dict[str, Any]]]], dict[str, str]]:
    """Records grouped by date (gold fields removed), and source id -> gold story."""
    by_day: dict[str, list[dict[str, Any]]] = {}
    gold: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            raw = json.loads(line)
            record = {k: v for k, v in raw.items() if k not in GOLD_FIELDS}
            record["id"] = f"r{line_no}"
            gold[record["id"]] = str(raw["cluster_id"])
            by_day.setdefault(raw.get("date") or "", []).append(record)
    return sorted(by_day.items()), gold


def _write(directory: Path, name: str, records: list[dict[str, Any]]) -> Path:
    path = directory / f"{name}.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return path


def _score(corpus: Corpus, gold: dict[str, str]) -> float:
    joined = corpus.read("articles").join(corpus.read("assignments"), on="article_id")
    truth = [gold[s] for s in joined["source_id"].to_list()]
    return bcubed(truth, joined["story_id"].to_list())[2]


def replay(dataset: str) -> dict[str, Any]:
    config = load_config(None, compare={"enabled": False}, embed={"cache_dir": str(CACHE)})
    days, gold = _days(LABELLED / f"{dataset}.jsonl")
    with tempfile.TemporaryDirectory(prefix="storylens-replay-") as tmp:
        tmp_path = Path(tmp)
        files = [_write(tmp_path, f"day{i:04d}", records) for i, (_, records) in enumerate(days)]
        t = time.perf_counter()
        run([files[0]], tmp_path / "incremental", config)
        for path in files[1:]:
            add([path], tmp_path / "incremental", config)
        incremental_s = time.perf_counter() - t
        t = time.perf_counter()
        run(files, tmp_path / "scratch", config)
        scratch_s = time.perf_counter() - t
        inc = Corpus(tmp_path / "incremental")
        history = inc.read("history").group_by("kind").len()
        kinds = dict(history.iter_rows())
        return {
            "dataset": dataset,
            "days": len(days),
            "articles": sum(len(r) for _, r in days),
            "bcubed_f1_incremental": round(_score(inc, gold), 4),
            "bcubed_f1_scratch": round(_score(Corpus(tmp_path / "scratch"), gold), 4),
            "merges": kinds.get("merge", 0),
            "splits": kinds.get("split", 0),
            "seconds_incremental": round(incremental_s, 1),
            "seconds_scratch": round(scratch_s, 1),
        }


def _key(text: str) -> str:
    return " ".join(text.split())[:200]


class _GivenVectors:
    """Embedder for the speed run: texts are looked up in a table of synthetic vectors,
    so the measurement leaves embedding (the floor, measured elsewhere) out."""

    name = "synthetic"

    def __init__(self, texts: list[str], vectors: np.ndarray) -> None:
        self.table = {_key(t): v for t, v in zip(texts, vectors, strict=True)}
        self.dim = vectors.shape[1]

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.stack([self.table[_key(t)] for t in texts])


def add_speed(
    sizes: tuple[int, ...] = (10_000, 100_000), n_add: int = 1_000
) -> list[dict[str, Any]]:
    """Seconds to `add` n_add articles to corpora of each size (vectors given), and to
    build that corpus with `run` in the same process (the ratio is what to compare)."""
    from benchmarks.synthetic import SyntheticSpec, generate

    rows = []
    config = load_config(None, compare={"enabled": False})
    for size in sizes:
        corpus = generate(SyntheticSpec(n_articles=size + n_add, seed=7))
        articles = corpus.articles.select(
            "article_id", "outlet", "url", "title", "body", "published_at"
        )
        embedder = _GivenVectors(
            embedding_texts(corpus.articles, "title_body").to_list(), corpus.vectors
        )
        with tempfile.TemporaryDirectory(prefix="storylens-addspeed-") as tmp:
            tmp_path = Path(tmp)
            articles.head(size).write_ndjson(tmp_path / "base.jsonl")
            articles.tail(n_add).write_ndjson(tmp_path / "new.jsonl")
            t = time.perf_counter()
            run([tmp_path / "base.jsonl"], tmp_path / "c", config, embedder)
            build = time.perf_counter() - t
            t = time.perf_counter()
            result = add([tmp_path / "new.jsonl"], tmp_path / "c", config, embedder)
            rows.append(
                {
                    "corpus": size,
                    "added": n_add,
                    "seconds": round(time.perf_counter() - t, 2),
                    "build_seconds": round(build, 2),
                    "seconds_by_stage": {k: round(v, 2) for k, v in result.seconds.items()},
                }
            )
    return rows


def _written_corpus(path: Path, synthetic: Any, size: int) -> None:
    """A corpus of the first `size` synthetic articles written straight through `Corpus`
    (one commit): the gold stories as assignments, the given vectors, the word
    statistics. What `run` would store, without minutes of clustering at 100k+."""
    from datetime import UTC, datetime

    from clustering import schema
    from clustering.cluster import document_frequencies, term_counts
    from clustering.pipeline import sparse_texts
    from clustering.stories import build_stories

    base = synthetic.articles.head(size)
    articles = base.select(schema.ARTICLES.names())
    assignments = base.select(
        "article_id",
        pl.format("s-{}", pl.col("story").cast(pl.String).str.zfill(12)).alias("story_id"),
        pl.lit(False).alias("is_noise"),
    )
    ids = base["article_id"].to_list()
    vectors = synthetic.vectors[:size]
    stories = build_stories(articles, assignments, vectors, ids, datetime.now(UTC))
    doc_freq = document_frequencies(term_counts(sparse_texts(articles)))
    nonzero = np.flatnonzero(doc_freq)
    config = load_config(None, compare={"enabled": False})
    with Corpus(path).transaction("run", fresh=True) as corpus:
        corpus.write("articles", articles.sort("article_id"))
        corpus.write("rejects", schema.empty(schema.REJECTS))
        corpus.write("assignments", assignments.sort("article_id"))
        corpus.write("stories", stories)
        corpus.write("history", schema.empty(schema.HISTORY))
        corpus.write(
            "embeddings",
            pl.DataFrame({"article_id": ids}).with_columns(
                pl.Series("vector", vectors, dtype=pl.Array(pl.Float32, vectors.shape[1]))
            ),
        )
        corpus.write("term_df", pl.DataFrame({"term": nonzero, "df": doc_freq[nonzero]}))
        corpus.write_manifest({"config": config.to_dict(), "embedder": "synthetic"})


def store_add_speed(
    sizes: tuple[int, ...] = (10_000, 100_000), n_add: int = 1_000, repeats: int = 2
) -> list[dict[str, Any]]:
    """Seconds to `add` n_add synthetic articles (vectors given) to corpora of each size
    written straight through `Corpus` (see `_written_corpus`): the store's and add's
    cost at sizes a 2-core `run` takes too long to build. Each size: `repeats` adds of
    different batches, one after another (the second shows the cost once the first
    add's versions are in the table logs)."""
    from benchmarks.synthetic import SyntheticSpec, generate

    rows = []
    config = load_config(None, compare={"enabled": False})
    for size in sizes:
        synthetic = generate(SyntheticSpec(n_articles=size + repeats * n_add, seed=7))
        embedder = _GivenVectors(
            embedding_texts(synthetic.articles, "title_body").to_list(), synthetic.vectors
        )
        batches = synthetic.articles.tail(repeats * n_add).select(
            "article_id", "outlet", "url", "title", "body", "published_at"
        )
        with tempfile.TemporaryDirectory(prefix="storylens-storespeed-") as tmp:
            tmp_path = Path(tmp)
            t = time.perf_counter()
            _written_corpus(tmp_path / "c", synthetic, size)
            write = time.perf_counter() - t
            for i in range(repeats):
                batch = tmp_path / f"new{i}.jsonl"
                batches.slice(i * n_add, n_add).write_ndjson(batch)
                t = time.perf_counter()
                result = add([batch], tmp_path / "c", config, embedder)
                rows.append(
                    {
                        "corpus": size + i * n_add,
                        "added": n_add,
                        "seconds": round(time.perf_counter() - t, 2),
                        "write_corpus_seconds": round(write, 2),
                        "seconds_by_stage": {k: round(v, 2) for k, v in result.seconds.items()},
                        "disk_mb": round(Corpus(tmp_path / "c").disk_bytes() / 1e6, 1),
                    }
                )
                print(rows[-1], flush=True)
    return rows


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--datasets", nargs="*", default=["basil", "giveme5w1h", "neus_allsides"])
    parser.add_argument("--speed", action="store_true", help="also time add at 10k/100k")
    parser.add_argument(
        "--store-speed",
        nargs="*",
        type=int,
        metavar="SIZE",
        help="time add of 1,000 into corpora of SIZE articles written directly (default "
        "10000 100000); no labelled data needed",
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.store_speed is not None:
        return {"store_add_speed": store_add_speed(tuple(args.store_speed or (10_000, 100_000)))}
    result: dict[str, Any] = {"replay": [replay(d) for d in args.datasets]}
    if args.speed:
        result["add_speed"] = add_speed()
    if args.json:
        print(json.dumps(result))
    else:
        for row in result["replay"]:
            print(row)
        for row in result.get("add_speed", []):
            print(row)
    return result


if __name__ == "__main__":
    main()
