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

import logging
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

import numpy as np
import polars as pl
from numpy.typing import NDArray

from clustering.config import ClusterConfig, CompareConfig, IngestConfig
from clustering.embed import Embedder, EmbeddingCache, OnThreads, runs_minilm
from clustering.embed import usable_cores as _cores  # a name the tests replace

if TYPE_CHECKING:
    import scipy.sparse as sp

    from clustering.cluster import Evidence
    from clustering.compare import Comparison, Extracted
    from clustering.ingest import FileRead

__all__ = [
    "ENGINES",
    "Engine",
    "LocalEngine",
    "extract_cached",
    "extraction_ahead",
    "load_engine",
]

log = logging.getLogger(__name__)

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
    return _extract_into(cache.directory.parent if cache is not None else None, articles, extract)


def _extract_into(
    cache_dir: Path | None,
    articles: pl.DataFrame,
    extract: Callable[[pl.DataFrame], Extracted],
) -> Extracted:
    """`extract_cached` with the cache folder itself (`ExtractionCache(cache_dir)`)."""
    from clustering.compare import Extracted
    from clustering.extract import ExtractionCache, cached_extraction
    from clustering.schema import FRAMING, NUMBERS, QUOTES

    def frames(some: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.DataFrame]:
        done = extract(some)
        return done.numbers, done.quotes, done.framing, done.failures

    store = ExtractionCache(cache_dir) if cache_dir is not None else None
    return Extracted(*cached_extraction(articles, frames, store, (NUMBERS, QUOTES, FRAMING)))


#: Articles the ahead extraction reads between two looks at whether to stop (each batch
#: is one shard of the extraction cache).
AHEAD_BATCH = 512
#: The interpreter's thread switch interval while extraction runs beside the encoder
#: (seconds; Python's default is 0.005): the encoder's thread takes the GIL back after
#: each torch operation, and waited up to the whole interval for the extraction's thread
#: to let it go (~150 operations per batch of 32 texts).
AHEAD_SWITCH_INTERVAL = 0.0002


@contextmanager
def extraction_ahead(
    engine: Engine | None,
    embedder: Embedder,
    articles: pl.DataFrame,
    cache_dir: Path,
    config: CompareConfig,
) -> Iterator[Embedder]:
    """While the block embeds the articles, extract `articles` (ARTICLES) on a second
    thread into the corpus's extraction cache (`ExtractionCache(cache_dir)`); yields the
    embedder to encode them with: `embedder`, on one thread fewer than the cores
    (`OnThreads`: one on two cores) where it runs MiniLM (torch's intra-op threads, or the
    int8 encoder's texts at once). The thread is joined when the block ends;
    `compare_corpus` then reads every article it compares from the cache, the path a second run takes, so the frames
    are the ones it would have extracted itself (same rows, same order). Then, for a run of
    up to `framing_comparison.READ_AHEAD_ARTICLES` articles, what the comparisons read of
    each text alone is read into their memories (`framing_comparison.read_ahead`).

    Why (issue 14): per-article extraction is a third of a run's time and the article
    encoder most of the rest, one after the other; on two cores the encoder on one thread
    embeds about as fast as on two, so side by side the extraction costs little wall time.
    Extracted ahead are all `articles`, as the stories that will be compared are not known
    yet (a singleton's extraction is kept in the cache for a later `add`).

    Nothing is run ahead (`embedder` yielded as is) for another engine than the local
    one, comparisons off, one core, or where the comparison embeds its fact sentences
    with the article model during extraction (`embed_fact_sentences`: USE alone), whose
    work would otherwise move. A failure ahead is logged and the comparison extracts what
    is missing itself."""
    cores = _cores()
    if cores < 2 or not _runs_ahead(engine, embedder, articles, config):
        yield embedder
        return
    from threadpoolctl import threadpool_limits

    from clustering.compare import extract_articles
    from clustering.compare.framing_comparison import read_ahead

    stop = threading.Event()

    def extract_all() -> None:
        try:
            for start in range(0, articles.height, AHEAD_BATCH):
                if stop.is_set():
                    return
                batch = articles.slice(start, AHEAD_BATCH)
                _extract_into(cache_dir, batch, extract_articles)
            if not stop.is_set():
                read_ahead(articles)  # what the comparisons read of each text alone
        except Exception as error:  # the comparison extracts what is missing
            log.warning("extraction ahead of the comparisons raised: %r", error)

    worker = threading.Thread(target=extract_all, name="storylens-extract-ahead", daemon=True)
    switch = sys.getswitchinterval()
    # One BLAS thread, as `compare_corpus` extracts: set here, in this thread, because
    # threadpoolctl's limits are process-wide and restored in the order they were set.
    with threadpool_limits(limits=1, user_api="blas"):
        sys.setswitchinterval(AHEAD_SWITCH_INTERVAL)
        worker.start()
        try:
            # The encoder keeps every core but the one the extraction takes, and gets it
            # back for the shards it encodes once the extraction is done.
            def done() -> bool:
                return not worker.is_alive()

            yield OnThreads(embedder, cores - 1, done) if runs_minilm(embedder) else embedder
        except BaseException:
            stop.set()  # an interrupted run waits for one batch at most
            raise
        finally:
            worker.join()
            sys.setswitchinterval(switch)


def _runs_ahead(
    engine: Engine | None, embedder: Embedder, articles: pl.DataFrame, config: CompareConfig
) -> bool:
    """Whether `extraction_ahead` extracts beside the encoder (its doc says when not)."""
    from clustering.compare import facts_embedder_for, sentence_embedder

    if engine is not None and not isinstance(engine, LocalEngine):
        return False
    if not config.enabled or articles.height == 0:
        return False
    sentences = sentence_embedder(embedder, config)
    return facts_embedder_for(sentences) is not sentences


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
