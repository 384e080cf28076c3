"""Time and peak memory of the clustering stage alone on synthetic corpora (10k-1M articles).

Each size runs in its own subprocess so that its peak resident memory is its own:
the corpus is generated (`benchmarks.synthetic`, embeddings included: no model is
run), then the clustering stage of the pipeline is timed stage by stage:

- sparse: hashed TF-IDF features of title + body (`cluster.articles.sparse_texts`),
- graph: the candidate graph (`cluster.candidate_graph`),
- blocks: its split into blocks (`cluster.split_blocks`),
- hdbscan: everything else of `cluster.cluster_vectors` (distances, HDBSCAN, merge and
  split per block),

and B-cubed against the synthetic gold stories says whether quality holds with size.
Corpora of different sizes are not equally hard (a small one spans fewer days than its
stories run), so for a corpus larger than SLICE articles the SLICE articles in its
middle are also clustered alone: the same articles scored inside the big run and
alone is the like-for-like comparison.

    python -m benchmarks.scale 10000 100000 [--max-seconds 600] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

#: Sizes `benchmarks.run` times by default (1M only on request: see --scale-1m there).
DEFAULT_SIZES = (10_000, 100_000)
#: Articles of the slice clustered alone to compare quality across sizes.
SLICE = 10_000


def _timed(
    seconds: dict[str, float], name: str, function: Callable[..., Any]
) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - start

    return wrapper


def measure(
    n_articles: int, seed: int = 0, cluster_overrides: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Generate a corpus of `n_articles` and cluster it with the default ClusterConfig
    (changed by `cluster_overrides`, e.g. {"max_gap_days": 7}), in this process. Returns n_articles, n_days, seconds (sparse, graph, blocks, hdbscan,
    total; cpu: CPU seconds of all threads, which a busy shared machine inflates less than
    wall time), articles_per_s, peak_rss_mb (resident memory while clustering: the corpus
    in memory included), corpus_rss_mb (before clustering), pairs_compared (by the
    candidate graph), n_blocks, largest_block and
    the `evaluate.score` keys against the synthetic gold; for more than SLICE articles
    also slice_in_full_bcubed_f1 and slice_alone_bcubed_f1 (see the module docstring)."""
    import gc

    import numpy as np

    from benchmarks.bench import peak_rss_mb, reset_peak_rss
    from benchmarks.synthetic import SyntheticSpec, generate
    from clustering import cluster
    from clustering.cluster.articles import sparse_texts
    from clustering.config import load_config
    from clustering.evaluate import noise_as_singletons, score

    spec = SyntheticSpec(n_articles=n_articles, seed=seed)
    corpus = generate(spec)
    articles, vectors, gold = corpus.articles, corpus.vectors, corpus.gold
    del corpus
    gc.collect()
    config = load_config(cluster=cluster_overrides or {}).cluster
    days = cluster.day_numbers(articles["published_at"])
    seconds: dict[str, float] = {}
    blocks: list[Any] = []
    # Time the stages inside cluster_vectors by wrapping the module functions it calls.
    graph_fn, split_fn = cluster.candidate_graph, cluster.split_blocks

    def split_and_keep(*args: Any, **kwargs: Any) -> Any:
        blocks.append(split_fn(*args, **kwargs))
        return blocks[-1]

    cluster.candidate_graph = _timed(seconds, "graph", graph_fn)  # type: ignore[assignment]
    cluster.split_blocks = _timed(seconds, "blocks", split_and_keep)  # type: ignore[assignment]
    reset_peak_rss()
    corpus_rss = peak_rss_mb()
    cpu = time.process_time()
    try:
        start = time.perf_counter()
        sparse = cluster.sparse_features(sparse_texts(articles))
        seconds["sparse"] = time.perf_counter() - start
        labels, _ = cluster.cluster_vectors(vectors, days, config, sparse)
        seconds["total"] = time.perf_counter() - start
        seconds["cpu"] = time.process_time() - cpu
    finally:
        cluster.candidate_graph, cluster.split_blocks = graph_fn, split_fn  # type: ignore[assignment]
    seconds["hdbscan"] = seconds["total"] - seconds["sparse"] - seconds["graph"] - seconds["blocks"]
    sizes = np.bincount(blocks[-1].labels)
    like_for_like: dict[str, float] = {}
    if n_articles > SLICE:
        rows = slice((n_articles - SLICE) // 2, (n_articles + SLICE) // 2)
        alone, _ = cluster.cluster_vectors(
            vectors[rows], days[rows], config, cluster.sparse_features(sparse_texts(articles[rows]))
        )
        like_for_like = {
            "slice_in_full_bcubed_f1": score(gold[rows], noise_as_singletons(labels[rows]))[
                "bcubed_f1"
            ],
            "slice_alone_bcubed_f1": score(gold[rows], noise_as_singletons(alone))["bcubed_f1"],
        }
    return {
        "n_articles": n_articles,
        "seed": seed,
        "cluster_overrides": cluster_overrides or {},
        "n_days": float(np.nanmax(days) - np.nanmin(days)),
        "seconds": seconds,
        "articles_per_s": n_articles / seconds["total"],
        "peak_rss_mb": peak_rss_mb(),
        "corpus_rss_mb": corpus_rss,
        "pairs_compared": cluster.compared_pairs(days, config.max_gap_days),
        "n_blocks": int(blocks[-1].n_blocks),
        "largest_block": int(sizes.max()),
        "load_average": os.getloadavg()[0],
        **score(gold, noise_as_singletons(labels)),
        **like_for_like,
    }


def run_sizes(
    sizes: Sequence[int],
    seed: int = 0,
    max_seconds: float = 600.0,
    cluster_overrides: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """`measure` each size in a fresh subprocess (so peak memory is per size). A size
    that does not finish within `max_seconds` gives {"n_articles", "timed_out": True}."""
    results = []
    overrides = json.dumps(cluster_overrides or {})
    for n in sizes:
        command = [
            sys.executable,
            "-m",
            "benchmarks.scale",
            str(n),
            "--seed",
            str(seed),
            "--one",
            "--cluster",
            overrides,
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=max_seconds, check=True
            )
        except subprocess.TimeoutExpired:
            results.append(
                {
                    "n_articles": n,
                    "timed_out": True,
                    "max_seconds": max_seconds,
                    "cluster_overrides": cluster_overrides or {},
                }
            )
            continue
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return results


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", type=int, nargs="*", default=list(DEFAULT_SIZES))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-seconds", type=float, default=600.0)
    parser.add_argument("--one", action="store_true", help="measure in this process (one size)")
    parser.add_argument(
        "--cluster",
        type=json.loads,
        default={},
        help="ClusterConfig overrides as JSON, e.g. '{\"max_gap_days\": 7}'",
    )
    parser.add_argument("--json", action="store_true", help="print JSON lines")
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.sizes[0], args.seed, args.cluster)))
        return
    for result in run_sizes(args.sizes, args.seed, args.max_seconds, args.cluster):
        if args.json:
            print(json.dumps(result))
        elif result.get("timed_out"):
            print(
                f"{result['n_articles']:>9,} articles: did not finish in {args.max_seconds:.0f} s"
            )
        else:
            s = result["seconds"]
            print(
                f"{result['n_articles']:>9,} articles: {s['total']:7.1f} s "
                f"(sparse {s['sparse']:.1f}, graph {s['graph']:.1f}, blocks {s['blocks']:.1f}, "
                f"hdbscan {s['hdbscan']:.1f}), peak {result['peak_rss_mb']:,.0f} MB, "
                f"B-cubed F1 {result['bcubed_f1']:.3f}"
            )


if __name__ == "__main__":
    main()
