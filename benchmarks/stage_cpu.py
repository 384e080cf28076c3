"""The process CPU of a run's one-core stages, replayed on a corpus a run built (issue 14).

    python -m benchmarks.stage_cpu CORPUS [--repeat 3] [--stage compare|cluster|read|all]

CORPUS: a corpus `storylens run` wrote (its cache holds the articles' extraction and
sentence vectors, as the run's compare stage finds them after the extraction thread).
Each stage is run `--repeat` times in this process, after one warm-up (models, numba's
compilation, imports), and its CPU seconds (`time.process_time`, every thread) and wall
printed per repeat, with the median and the least CPU (on a shared machine the least is
the repeat other jobs disturbed least):

- compare: `compare_corpus` of every story (this process alone: no second process), into
  a copy of CORPUS, so the tables it writes can be checked against CORPUS's;
- read: `cluster.read_articles` of the run's originals (what the extraction thread reads
  for the cluster stage);
- cluster: `cluster_articles` with that reading given, and `build_stories`: what the run's
  cluster stage does after the extraction thread.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))


#: Memories of this issue's cuts (module, function with `cache_clear`), emptied before
#: each timed repeat: a run fills them from empty, the warm-up here would not.
FRESH_CACHES = (("clustering.compare.number_claims", "_label_of"),)


def _clear_caches() -> None:
    import importlib

    for module, name in FRESH_CACHES:
        function = getattr(importlib.import_module(module), name, None)
        if function is not None:  # absent from the trees before the cut
            function.cache_clear()


def _timed(work: Callable[[], Any], repeat: int) -> dict[str, Any]:
    work()  # warm: loads, compiles and caches outside the timing
    cpu, wall = [], []
    for _ in range(repeat):
        _clear_caches()
        c, w = time.process_time(), time.perf_counter()
        work()
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    return {
        "cpu_s": [round(x, 3) for x in cpu],
        "wall_s": [round(x, 3) for x in wall],
        "cpu_median_s": round(statistics.median(cpu), 3),
        # the least: the repeat the machine's other jobs disturbed least
        "cpu_min_s": round(min(cpu), 3),
    }


def compare_stage(corpus_dir: Path, work: Path) -> Callable[[], Any]:
    """`compare_corpus` into a fresh copy of `corpus_dir` under `work`, each call."""
    from clustering.compare import compare_corpus
    from clustering.config import Config
    from clustering.corpus import Corpus
    from clustering.embed import load_embedder

    config = Config()
    embedder = load_embedder(config.embed)

    def once() -> Any:
        copy = work / "compared"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(corpus_dir, copy)
        corpus = Corpus(copy)
        with corpus.transaction("compare") as store:
            return compare_corpus(store, embedder, config.compare)

    return once


def _originals(corpus_dir: Path) -> tuple[pl.DataFrame, np.ndarray]:
    """The run's original articles in `canonical_order` and their vectors (rows aligned)."""
    from clustering.cluster.incremental import canonical_order
    from clustering.corpus import Corpus

    corpus = Corpus(corpus_dir)
    originals = canonical_order(corpus.read("articles").filter(pl.col("duplicate_of").is_null()))
    vectors = corpus.read("embeddings").select("article_id", "vector")
    aligned = originals.select("article_id").join(vectors, on="article_id", how="left")
    return originals, aligned["vector"].to_numpy().astype(np.float32)


def cluster_stages(corpus_dir: Path) -> tuple[Callable[[], Any], Callable[[], Any]]:
    """(read, cluster): `read_articles` of the originals; `cluster_articles` given that
    reading, then `build_stories` (the run's cluster stage after the extraction thread)."""
    from datetime import UTC, datetime

    from clustering.cluster import document_frequencies
    from clustering.cluster.articles import cluster_articles, read_articles
    from clustering.config import Config
    from clustering.corpus import Corpus
    from clustering.stories import assignments_from_labels, build_stories, with_duplicates

    config = Config()
    articles = Corpus(corpus_dir).read("articles")
    originals, vectors = _originals(corpus_dir)
    reading = read_articles(originals, config)

    def read() -> Any:
        return read_articles(originals, config)

    def cluster() -> Any:
        doc_freq = document_frequencies(reading.counts)
        labels, noise = cluster_articles(
            originals, vectors, config, doc_freq, originals.height, None, None, reading
        )
        ids = originals["article_id"].to_list()
        assignments = with_duplicates(assignments_from_labels(ids, labels, noise), articles)
        return build_stories(articles, assignments, vectors, ids, datetime.now(UTC))

    return read, cluster


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--stage", choices=["compare", "cluster", "read", "all"], default="all")
    args = parser.parse_args(argv)
    rows: dict[str, Any] = {}
    if args.stage in ("read", "cluster", "all"):
        read, cluster = cluster_stages(args.corpus)
        if args.stage in ("read", "all"):
            rows["read"] = _timed(read, args.repeat)
            print(json.dumps({"read": rows["read"]}), flush=True)
        if args.stage in ("cluster", "all"):
            rows["cluster"] = _timed(cluster, args.repeat)
            print(json.dumps({"cluster": rows["cluster"]}), flush=True)
    if args.stage in ("compare", "all"):
        with tempfile.TemporaryDirectory(prefix="stage-cpu-") as tmp:
            rows["compare"] = _timed(compare_stage(args.corpus, Path(tmp)), args.repeat)
        print(json.dumps({"compare": rows["compare"]}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
