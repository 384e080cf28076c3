"""The one entry point the CLI, the app and the benchmarks call: inputs in, corpus out.

    run(inputs, out, config) : ingest -> embed -> cluster -> stories -> compare -> corpus

Each stage is a function over polars frames (see ARCHITECTURE in the README), so a
stage can later run per batch or per block on a distributed engine.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl
from numpy.typing import NDArray

from clustering import schema
from clustering.cluster import cluster_vectors, day_numbers, sparse_features
from clustering.config import Config
from clustering.corpus import Corpus, file_sha256
from clustering.embed import Embedder, EmbeddingCache, embed_texts, embedding_texts, load_embedder
from clustering.ingest import IngestResult, iter_input_files, load_articles
from clustering.stories import assignments_from_labels, build_stories, with_duplicates

#: progress(stage, done, total): the CLI draws bars from it, the app a progress widget.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class RunResult:
    corpus: Corpus
    ingest: IngestResult
    n_stories: int
    n_singletons: int
    n_embedded: int  # texts embedded in this run (the rest came from the cache)
    seconds: dict[str, float]


def canonical_order(articles: pl.DataFrame) -> pl.DataFrame:
    """Articles in the order clustering sees them: by publication day (unknown last),
    then article_id. Any input order gives the same order, hence the same stories."""
    return articles.sort(
        [pl.col("published_at").dt.date(), "article_id"], nulls_last=True
    )


def embed_articles(
    articles: pl.DataFrame,
    embedder: Embedder,
    config: Config,
    cache_dir: Path | None,
    progress: Progress | None = None,
) -> tuple[NDArray[np.float32], int]:
    """Unit vectors for `articles` (rows aligned), via the on-disk cache."""
    texts = embedding_texts(articles, config.embed.text).to_list()
    cache = EmbeddingCache(cache_dir, embedder.name) if cache_dir is not None else None
    report = (lambda done, total: progress("embed", done, total)) if progress else None
    vectors, n_new = embed_texts(texts, embedder, cache, report)
    if len(texts) == 0:
        vectors = np.zeros((0, 384), dtype=np.float32)
    return vectors, n_new


def cluster_articles(
    articles: pl.DataFrame, vectors: NDArray[np.float32], config: Config
) -> pl.DataFrame:
    """ASSIGNMENTS for the original (non-duplicate) `articles`, whose rows are aligned
    with `vectors` and in `canonical_order`."""
    days = day_numbers(articles["published_at"])
    sparse = None
    if config.cluster.sparse_weight > 0:
        texts = (
            articles.select(
                pl.concat_str(
                    [pl.col("title"), pl.col("body").str.slice(0, 3000)], separator=". "
                )
            )
            .to_series()
            .to_list()
        )
        sparse = sparse_features(texts)
    labels, noise = cluster_vectors(vectors, days, config.cluster, sparse)
    return assignments_from_labels(articles["article_id"].to_list(), labels, noise)


def run(
    inputs: Sequence[str | Path],
    out: Path,
    config: Config | None = None,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
) -> RunResult:
    """Build the corpus directory `out` from `inputs` (files or folders of any
    supported format). Existing files in `out` are replaced; the embedding cache in
    `out/cache` (or config.embed.cache_dir) is reused."""
    import time

    config = config or Config()
    corpus = Corpus(Path(out))
    seconds: dict[str, float] = {}

    t = time.perf_counter()
    files = list(iter_input_files(inputs))
    ingested = load_articles(files, config.ingest)
    seconds["ingest"] = time.perf_counter() - t

    originals = canonical_order(ingested.articles.filter(pl.col("duplicate_of").is_null()))
    t = time.perf_counter()
    embedder = embedder or load_embedder(config.embed)
    cache_dir = config.embed.cache_dir or corpus.path / "cache"
    vectors, n_new = embed_articles(originals, embedder, config, cache_dir, progress)
    seconds["embed"] = time.perf_counter() - t

    t = time.perf_counter()
    if progress:
        progress("cluster", 0, 1)
    assignments = with_duplicates(
        cluster_articles(originals, vectors, config), ingested.articles
    )
    ids = originals["article_id"].to_list()
    stories = build_stories(ingested.articles, assignments, vectors, ids)
    seconds["cluster"] = time.perf_counter() - t
    if progress:
        progress("cluster", 1, 1)

    corpus.write("articles", ingested.articles.sort("article_id"))
    corpus.write("rejects", ingested.rejects)
    corpus.write("assignments", assignments)
    corpus.write("stories", stories)
    corpus.write(
        "embeddings",
        pl.DataFrame({"article_id": ids}).with_columns(
            pl.Series("vector", vectors, dtype=pl.Array(pl.Float32, vectors.shape[1]))
        ),
    )
    corpus.write_manifest(
        {
            "inputs": [{"path": str(p), "sha256": file_sha256(p)} for p in files],
            "config": config.to_dict(),
            "embedder": embedder.name,
            "counts": {
                "read": ingested.n_read,
                "accepted": ingested.n_accepted,
                "duplicates": ingested.n_duplicates,
                "rejected": ingested.n_rejected,
                "stories": stories.height,
                "singletons": int(stories["is_singleton"].sum()),
            },
            "seconds": seconds,
        }
    )
    return RunResult(
        corpus=corpus,
        ingest=ingested,
        n_stories=stories.height,
        n_singletons=int(stories["is_singleton"].sum()),
        n_embedded=n_new,
        seconds=seconds,
    )


def story_articles(corpus: Corpus, story_id: str) -> pl.DataFrame:
    """ARTICLES of one story (duplicates included), earliest first."""
    members = corpus.scan("assignments").filter(pl.col("story_id") == story_id)
    return (
        corpus.scan("articles")
        .join(members.select("article_id"), on="article_id", how="semi")
        .sort("published_at", "article_id", nulls_last=True)
        .collect()
    )


__all__ = ["RunResult", "run", "canonical_order", "cluster_articles", "embed_articles", "story_articles", "schema"]
