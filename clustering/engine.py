"""Where the heavy stages run: the `Engine` protocol and the in-process `LocalEngine`.

An engine runs five things for `clustering.pipeline` and `clustering.compare`:
the reading of the input files (`read_files`; duplicates are flagged and counted by
`load_articles` over all of them), the article encoder (`article_embedder` wraps it),
the clustering of the vectors
(`cluster_vectors`: candidate graph and blocks), the per-article extraction
(`extract`) and the per-story comparisons (`compare_stories`). The stages themselves
are the same functions whichever engine runs them, so an engine changes where the work
is done and never what it gives: `clustering.engine_ray.RayEngine` runs them on a Ray
cluster and writes the same corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Literal, Protocol

import numpy as np
import polars as pl
from numpy.typing import NDArray

from clustering.config import ClusterConfig, CompareConfig, IngestConfig
from clustering.embed import Embedder, EmbeddingCache

if TYPE_CHECKING:
    from pathlib import Path

    import scipy.sparse as sp

    from clustering.cluster import Evidence
    from clustering.compare import Comparison, Extracted
    from clustering.ingest import FileRead

__all__ = ["ENGINES", "Engine", "LocalEngine", "extract_cached", "load_engine"]

#: The engines `storylens run|add --engine` accepts.
ENGINES = ("local", "ray")


class Engine(Protocol):
    """Runs the article encoder, the extraction and the story comparisons."""

    name: str

    def read_files(self, paths: Sequence[Path], config: IngestConfig) -> Sequence[FileRead]:
        """`clustering.ingest.read_one` of each path, in the order given."""
        ...

    def article_embedder(self, embedder: Embedder) -> Embedder:
        """The embedder the articles are encoded with: `embedder`, or one that runs it
        elsewhere and gives the same vectors under the same name (the cache key)."""
        ...

    def cluster_vectors(
        self,
        vectors: NDArray[np.float32],
        days: NDArray[np.float64],
        config: ClusterConfig,
        sparse: sp.csr_matrix | None = None,
        progress: Callable[[str, int, int], None] | None = None,
        evidence: Evidence | None = None,
    ) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
        """`clustering.cluster.cluster_vectors`: same arguments, same labels."""
        ...

    def extract(
        self,
        articles: pl.DataFrame,
        embedder: Embedder | None,
        cache: EmbeddingCache | None,
        progress: Callable[[int, int], None] | None,
    ) -> Extracted:
        """`clustering.compare.extract_articles` over ARTICLES rows."""
        ...

    def compare_stories(
        self,
        stories: Sequence[tuple[str, pl.DataFrame]],
        embedder: Embedder,
        config: CompareConfig,
        cache: EmbeddingCache | None,
        extracted: Extracted,
    ) -> Iterator[tuple[str, Comparison]]:
        """`clustering.compare.compare_story` of each (story_id, ARTICLES of the story),
        yielded in the order given."""
        ...


class LocalEngine:
    """Every stage in this process, one after another (the default)."""

    name = "local"

    def read_files(self, paths: Sequence[Path], config: IngestConfig) -> Sequence[FileRead]:
        from clustering.ingest import read_one

        return [read_one(path, config) for path in paths]

    def article_embedder(self, embedder: Embedder) -> Embedder:
        return embedder

    def cluster_vectors(
        self,
        vectors: NDArray[np.float32],
        days: NDArray[np.float64],
        config: ClusterConfig,
        sparse: sp.csr_matrix | None = None,
        progress: Callable[[str, int, int], None] | None = None,
        evidence: Evidence | None = None,
    ) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
        from clustering.cluster import cluster_vectors

        return cluster_vectors(vectors, days, config, sparse, progress, evidence)

    def extract(
        self,
        articles: pl.DataFrame,
        embedder: Embedder | None,
        cache: EmbeddingCache | None,
        progress: Callable[[int, int], None] | None,
    ) -> Extracted:
        """`extract_articles` over the articles not read before: with a cache, each
        article's extraction is kept in the same cache folder (`ExtractionCache`), so
        an `add` re-reads none of the stored articles of the stories it compares again."""
        from clustering.compare import extract_articles

        return extract_cached(
            articles, cache, lambda some: extract_articles(some, embedder, cache, progress)
        )

    def compare_stories(
        self,
        stories: Sequence[tuple[str, pl.DataFrame]],
        embedder: Embedder,
        config: CompareConfig,
        cache: EmbeddingCache | None,
        extracted: Extracted,
    ) -> Iterator[tuple[str, Comparison]]:
        from clustering.compare import compare_story

        for story_id, members in stories:
            yield story_id, compare_story(members, embedder, config, cache, extracted)


def extract_cached(
    articles: pl.DataFrame,
    cache: EmbeddingCache | None,
    extract: Callable[[pl.DataFrame], Extracted],
) -> Extracted:
    """`extract(articles)` through the corpus's extraction cache, for every engine: the
    keys are looked up here (in the driver), only the articles not read before go to
    `extract`, and what it gives is stored beside `cache` (`ExtractionCache` in the
    cache folder's parent, the corpus's cache/), but for the articles an extractor raised
    on (`Extracted.failures`: read again next time). No cache: `extract(articles)`."""
    from clustering.compare import Extracted
    from clustering.extract import ExtractionCache, cached_extraction
    from clustering.schema import FRAMING, NUMBERS, QUOTES

    def frames(some: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.DataFrame]:
        done = extract(some)
        return done.numbers, done.quotes, done.framing, done.failures

    store = ExtractionCache(cache.directory.parent) if cache is not None else None
    return Extracted(*cached_extraction(articles, frames, store, (NUMBERS, QUOTES, FRAMING)))


def load_engine(name: Literal["local", "ray"] = "local", address: str | None = None) -> Engine:
    """The engine called `name`; `address` is the Ray cluster's (None: $RAY_ADDRESS, else
    a local Ray started in this process). Ray is an optional extra: pip install
    'storylens[ray]'."""
    if name == "local":
        if address is not None:
            raise ValueError(f"address is only for engine='ray'. Got {address!r} instead.")
        return LocalEngine()
    if name == "ray":
        from clustering.engine_ray import RayEngine

        return RayEngine(address=address)
    raise ValueError(f"engine must be one of {ENGINES}. Got {name!r} instead.")
