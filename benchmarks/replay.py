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


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--datasets", nargs="*", default=["basil", "giveme5w1h", "neus_allsides"])
    parser.add_argument("--speed", action="store_true", help="also time add at 10k/100k")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
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
