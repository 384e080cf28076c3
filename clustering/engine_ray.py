"""The Ray engine: the article encoder, the extraction and the story comparisons on a
Ray cluster (`storylens run|add --engine ray [--address ADDR]`).

- Input files are read by Ray Data `map_batches` over batches of file paths (each
  file's articles, rejects and notes come back in file order); duplicates are flagged
  and counted in the driver over all of them (`load_articles`), as locally.
- Articles are encoded by Ray Data `map_batches` over record batches of texts, the
  encoder loaded once per actor of a pool (`encoders` actors); vectors come back in
  input order and go into the same embedding cache under the same name.
- Extraction (numbers, quotes, framing cues) is Ray Data `map_batches` over record
  batches of articles; each batch returns its three frames and the FAILURES rows of
  the articles an extractor raised on (`extract_articles` keeps a failure to its
  article on the worker, as locally), so the failures table is the local engine's too.
- Clustering (`cluster_vectors_on_ray`): the candidate graph's rows of tiles in
  `workers` runs of about equal pairs, one Ray task each (`candidate_graph(part=)`,
  each a spanning forest of its run's links; their sum has the whole graph's blocks),
  then the blocks in Ray tasks of about equal work (`cluster_block`), numbered in the
  driver in block order (`join_blocks`): the local engine's stories.
- Each story's comparison is a Ray task; its `Comparison` carries the FAILURES rows of
  the parts that raised back to the driver, which records them.

Duplicate flagging, the block split of the graph and the corpus writes stay in the driver: the
corpus is one Delta Lake transaction (`Corpus.transaction`), so the corpus written is
the local engine's.
Ray is an optional extra: pip install 'storylens[ray]'. On a real cluster, every node
needs StoryLens installed (or `runtime_env`) and the corpus on storage all nodes reach.
"""

from __future__ import annotations

import io
import json
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl
from numpy.typing import NDArray

from clustering.config import ClusterConfig, CompareConfig, IngestConfig
from clustering.embed import Embedder, EmbeddingCache

if TYPE_CHECKING:
    import scipy.sparse as sp

    from clustering.cluster import Evidence
    from clustering.compare import Comparison, Extracted
    from clustering.ingest import FileRead

__all__ = ["RayEmbedder", "RayEngine", "cluster_vectors_on_ray"]

#: Texts per Ray Data batch sent to an encoder actor.
ENCODE_BATCH = 256
#: Articles per Ray Data batch of the extraction.
EXTRACT_BATCH = 64
#: Input files per Ray Data batch of `RayEngine.read_files`.
READ_BATCH = 8


def _ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise ImportError("The Ray engine needs: pip install 'storylens[ray]'") from exc
    return ray


def _quiet_data_context() -> None:
    """Ray Data keeps rows in input order (vectors and frames line up with their
    articles) and draws no progress bars of its own (the CLI draws StoryLens's)."""
    import logging

    from ray.data import DataContext

    context = DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    # Ray Data logs every dataset's plan and timing at INFO: noise under StoryLens's bars.
    logging.getLogger("ray.data").setLevel(logging.WARNING)


class _Encoder:
    """A Ray Data actor: one loaded encoder, batches of {"row", "text"} in, vectors out."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def __call__(self, batch: dict[str, NDArray[Any]]) -> dict[str, NDArray[Any]]:
        vectors = self.embedder.encode([str(t) for t in batch["text"]])
        return {"row": batch["row"], "vector": vectors}


class RayEmbedder:
    """`embedder` run by a pool of `encoders` Ray actors over Ray Data batches.

    Same name and dimension as `embedder` (so the embedding cache is shared with the
    local engine), and `encode` returns the same float32 unit rows in input order.
    `shard_size` tells `embed_texts` to hand over many texts at once, so the actor pool
    is started once per call rather than once per 256 texts.
    """

    shard_size = 100_000

    def __init__(self, embedder: Embedder, encoders: int = 1, batch_size: int = ENCODE_BATCH):
        self.inner = embedder
        self.name = embedder.name
        self.dim = embedder.dim
        self.encoders = encoders
        self.batch_size = batch_size

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """float32 array, shape (len(texts), dim), rows of unit length, in input order."""
        ray = _ray()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        _quiet_data_context()
        rows = ray.data.from_items([{"row": i, "text": t} for i, t in enumerate(texts)])
        encoded = rows.map_batches(
            _Encoder,
            fn_constructor_args=(self.inner,),
            batch_size=self.batch_size,
            batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(size=self.encoders),
        )
        order, vectors = [], []
        for batch in encoded.iter_batches(batch_size=None, batch_format="numpy"):
            order.append(batch["row"])
            vectors.append(np.asarray(batch["vector"], dtype=np.float32))
        matrix = np.vstack(vectors)[np.argsort(np.concatenate(order), kind="stable")]
        return np.ascontiguousarray(matrix, dtype=np.float32)


def _frame_bytes(frame: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.write_ipc(buffer)
    return buffer.getvalue()


#: The frames of an `Extracted`, as `_extract_batch` sends them (in its field order).
_EXTRACTED = ("numbers", "quotes", "framing", "failures")


def _read_batch(batch: Any, config: IngestConfig) -> dict[str, NDArray[np.object_]]:
    """Ray Data: file paths (an Arrow batch) in, one row per file out: its format, its
    ARTICLES and REJECTS as Arrow IPC bytes and its notes as JSON."""
    from clustering.ingest import read_one

    reads = [read_one(Path(path), config) for path in batch.column("path").to_pylist()]
    return {
        "format": np.array([r.format for r in reads], dtype=object),
        "articles": np.array([_frame_bytes(r.articles) for r in reads], dtype=object),
        "rejects": np.array([_frame_bytes(r.rejects) for r in reads], dtype=object),
        "notes": np.array([json.dumps(list(r.notes)) for r in reads], dtype=object),
    }


def _extract_batch(batch: Any) -> dict[str, NDArray[np.object_]]:
    """Ray Data: ARTICLES rows (an Arrow batch) in, one row out holding the batch's
    NUMBERS, QUOTES, FRAMING and FAILURES frames as Arrow IPC bytes (their row counts
    differ from the batch's, and their nested columns survive the trip unchanged this
    way)."""
    from clustering.compare import extract_articles
    from clustering.schema import ARTICLES

    articles = pl.from_arrow(batch)
    assert isinstance(articles, pl.DataFrame)
    extracted = extract_articles(articles.cast(dict(ARTICLES)))  # type: ignore[arg-type]
    return {
        name: np.array([_frame_bytes(getattr(extracted, name))], dtype=object)
        for name in _EXTRACTED
    }


def _compare_one(
    members: pl.DataFrame,
    embedder: Embedder,
    config: CompareConfig,
    cache: EmbeddingCache | None,
    extracted: Extracted,
) -> Comparison:
    from clustering.compare import compare_story

    return compare_story(members, embedder, config, cache, extracted)


def _one_thread_per_cpu() -> None:
    """Inside a Ray task: numba's and BLAS's threads to the CPUs Ray gave the task (Ray
    sets OMP_NUM_THREADS to them), so k tasks on k CPUs do not fight over the cores."""
    import numba
    from threadpoolctl import threadpool_limits

    cpus = max(1, int(os.environ.get("OMP_NUM_THREADS", "1")))
    numba.set_num_threads(min(cpus, numba.config.NUMBA_NUM_THREADS))  # type: ignore[attr-defined]
    threadpool_limits(cpus)


def _graph_part(
    vectors: NDArray[np.float32],
    days: NDArray[np.float64],
    config: ClusterConfig,
    part: tuple[int, int],
) -> sp.csr_matrix:
    """Ray task: `candidate_graph` of one run of rows of tiles (`vectors` and `days`
    arrive zero-copy from the object store)."""
    from clustering.cluster import candidate_graph

    _one_thread_per_cpu()
    return candidate_graph(vectors, days, config, part=part)


def _cluster_blocks(
    vectors: NDArray[np.float32],
    days: NDArray[np.float64],
    config: ClusterConfig,
    sparse: sp.csr_matrix | None,
    evidence: Evidence | None,
    groups: list[NDArray[np.int64]],
) -> list[tuple[NDArray[np.int64], NDArray[np.bool_]]]:
    """Ray task: `cluster_block` of each group (rows of this task's slices, which hold
    the rows of its blocks only)."""
    from clustering.cluster import cluster_block

    _one_thread_per_cpu()
    return [cluster_block(g, vectors, days, config, sparse, evidence) for g in groups]


def _runs_of_equal_cost(cost: NDArray[np.float64], runs: int) -> list[slice]:
    """`runs` slices of consecutive items of about equal total `cost` (none empty)."""
    middle = np.cumsum(cost) - cost / 2  # an item goes to the run its middle falls in
    cuts = np.searchsorted(middle, cost.sum() * np.arange(1, runs) / runs, side="left")
    bounds = sorted({0, *(int(c) for c in cuts), len(cost)})
    return [slice(a, b) for a, b in zip(bounds, bounds[1:], strict=False)]


def cluster_vectors_on_ray(
    vectors: NDArray[np.float32],
    days: NDArray[np.float64],
    config: ClusterConfig,
    sparse: sp.csr_matrix | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    evidence: Evidence | None = None,
    workers: int | None = None,
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """`clustering.cluster.cluster_vectors` on the connected Ray cluster: the same
    arguments (rows in canonical order) and the same (labels int64 (n,) 0..k-1, noise
    bool (n,)).

    The candidate graph runs as `workers` tasks (None: the cluster's CPUs), one per run
    of rows of tiles of about equal pairs; `split_blocks` runs in the driver on their
    sum (at most levels * (n - 1) edges per task); the blocks of two or more articles
    run as about 4 * workers tasks of about equal work (size^2 per block), each sent
    only its own rows, at most 2 * workers of them in flight (the driver's memory).
    """
    from clustering.cluster import block_members, compared_pairs, join_blocks, split_blocks

    ray = _ray()
    n = len(vectors)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
    if workers is None:
        workers = max(1, int(ray.cluster_resources().get("CPU", 1)))
    if workers < 1:
        raise ValueError(f"workers must be at least 1. Got {workers!r} instead.")
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    shared = ray.put(vectors), ray.put(days), ray.put(config)
    graph_task = ray.remote(_graph_part)
    pending = [graph_task.remote(*shared, (k, workers)) for k in range(workers)]
    graph = None
    # "link" in millions of pairs compared, as the local engine reports it (the parts
    # have about equal pairs).
    pairs = compared_pairs(days, config.max_gap_days) // 10**6
    while pending:
        done, pending = ray.wait(pending, num_returns=1)
        part = ray.get(done[0])
        graph = part if graph is None else graph + part
        if progress:
            progress("link", pairs * (workers - len(pending)) // workers, pairs)
    del shared
    assert graph is not None  # one part at least (workers >= 1)
    groups = block_members(split_blocks(graph.tocsr(), config))
    del graph
    return join_blocks(
        groups,
        _block_results(ray, groups, vectors, days, config, sparse, evidence, workers),
        n,
        progress,
    )


def _block_results(
    ray: Any,
    groups: list[NDArray[np.int64]],
    vectors: NDArray[np.float32],
    days: NDArray[np.float64],
    config: ClusterConfig,
    sparse: sp.csr_matrix | None,
    evidence: Evidence | None,
    workers: int,
) -> Iterator[tuple[NDArray[np.int64], NDArray[np.bool_]]]:
    """`cluster_block` of each group, in the order of `groups`: single articles here
    (nothing to cluster), runs of larger blocks as Ray tasks."""
    from clustering.cluster import cluster_block

    sizes = np.array([len(g) for g in groups], dtype=np.float64)
    runs = _runs_of_equal_cost(np.where(sizes > 1, sizes**2, 0.0), 4 * workers)
    task = ray.remote(_cluster_blocks)
    config_ref = ray.put(config)

    def submit(run: slice) -> Any:
        members = [g for g in groups[run] if len(g) > 1]
        if not members:
            return None
        rows = np.concatenate(members)
        local = np.split(np.arange(len(rows)), np.cumsum([len(g) for g in members])[:-1])
        return task.remote(
            vectors[rows],
            days[rows],
            config_ref,
            sparse[rows] if sparse is not None else None,
            evidence.rows(rows) if evidence is not None else None,
            local,
        )

    in_flight: deque[tuple[slice, Any]] = deque()
    queued = iter(runs)
    for run in queued:
        in_flight.append((run, submit(run)))
        if len(in_flight) >= 2 * workers:
            break
    while in_flight:
        run, ref = in_flight.popleft()
        results = iter(ray.get(ref) if ref is not None else [])
        for members in groups[run]:
            yield (
                next(results) if len(members) > 1 else cluster_block(members, vectors, days, config)
            )
        following = next(queued, None)
        if following is not None:
            in_flight.append((following, submit(following)))


class RayEngine:
    """The heavy stages on a Ray cluster (see the module doc).

    `address`: the cluster's ("auto", "ray://head:10001", ...); None reads $RAY_ADDRESS,
    and without it starts a local Ray in this process (`num_cpus`: its CPUs, None: all).
    `encoders`: encoder actors in the pool. Ray is started on first use, so building
    an engine costs nothing.
    """

    name = "ray"

    def __init__(
        self,
        address: str | None = None,
        encoders: int = 1,
        num_cpus: int | None = None,
    ) -> None:
        if encoders < 1:
            raise ValueError(f"encoders must be at least 1. Got {encoders!r} instead.")
        self.address = address
        self.encoders = encoders
        self.num_cpus = num_cpus

    def _start(self) -> Any:
        ray = _ray()
        if not ray.is_initialized():
            address = self.address or os.environ.get("RAY_ADDRESS") or None
            package = str(Path(__file__).resolve().parent)
            ray.init(
                address=address,
                num_cpus=self.num_cpus if address is None else None,
                # Workers import StoryLens from this checkout when it is not installed
                # on the nodes (a local cluster, or a cluster without the package).
                runtime_env={"py_modules": [package]} if address else None,
                include_dashboard=False,
                log_to_driver=False,
                ignore_reinit_error=True,
            )
        _quiet_data_context()
        return ray

    def read_files(self, paths: Sequence[Path], config: IngestConfig) -> Sequence[FileRead]:
        """`read_one` of each path as Ray Data `map_batches` over batches of READ_BATCH
        paths, in the order given (the workers read the paths: storage all nodes reach)."""
        from clustering.ingest import FileRead

        if not paths:
            return []
        ray = self._start()
        items = [{"path": str(path)} for path in paths]
        batches = ray.data.from_items(items).map_batches(
            _read_batch, batch_size=READ_BATCH, batch_format="pyarrow", fn_kwargs={"config": config}
        )
        return [
            FileRead(
                row["format"],
                pl.read_ipc(io.BytesIO(row["articles"])),
                pl.read_ipc(io.BytesIO(row["rejects"])),
                tuple(json.loads(row["notes"])),
            )
            for row in batches.iter_rows()
        ]

    def article_embedder(self, embedder: Embedder) -> Embedder:
        self._start()
        return RayEmbedder(embedder, self.encoders)

    def extract(
        self,
        articles: pl.DataFrame,
        embedder: Embedder | None,
        cache: EmbeddingCache | None,
        progress: Callable[[int, int], None] | None,
    ) -> Extracted:
        """`extract_articles` over the articles not read before, as the local engine:
        the extraction cache is looked up and written in the driver (`extract_cached`),
        only the articles it does not hold go to the Ray Data batches, so an `add`
        re-reads none of the stored members of the stories it compares again."""
        from clustering.engine import extract_cached

        return extract_cached(
            articles, cache, lambda some: self._extract_on_ray(some, embedder, cache, progress)
        )

    def _extract_on_ray(
        self,
        articles: pl.DataFrame,
        embedder: Embedder | None,
        cache: EmbeddingCache | None,
        progress: Callable[[int, int], None] | None,
    ) -> Extracted:
        """`extract_articles(articles, embedder, cache, progress)` as Ray Data
        `map_batches` over record batches of `articles` (their frames in article
        order), the fact sentences embedded by the encoder actors."""
        from clustering.compare import Extracted, embed_fact_sentences

        ray = self._start()
        parts = [_empty_extracted()]
        if progress:
            progress(0, articles.height)
        if articles.height:
            batches = ray.data.from_arrow(articles.to_arrow()).map_batches(
                _extract_batch, batch_size=EXTRACT_BATCH, batch_format="pyarrow"
            )
            for row in batches.iter_rows():
                parts.append(Extracted(*(pl.read_ipc(io.BytesIO(row[n])) for n in _EXTRACTED)))
                if progress:
                    progress(
                        min((len(parts) - 1) * EXTRACT_BATCH, articles.height), articles.height
                    )
        extracted = Extracted.concat(parts)
        embed_fact_sentences(
            articles,
            embedder,
            cache,
            progress,
            RayEmbedder(embedder, self.encoders) if embedder else None,
        )
        return extracted

    def cluster_vectors(
        self,
        vectors: NDArray[np.float32],
        days: NDArray[np.float64],
        config: ClusterConfig,
        sparse: sp.csr_matrix | None = None,
        progress: Callable[[str, int, int], None] | None = None,
        evidence: Evidence | None = None,
    ) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
        """`clustering.cluster.cluster_vectors` as Ray tasks (`cluster_vectors_on_ray`)."""
        self._start()
        return cluster_vectors_on_ray(vectors, days, config, sparse, progress, evidence)

    def compare_stories(
        self,
        stories: Sequence[tuple[str, pl.DataFrame]],
        embedder: Embedder,
        config: CompareConfig,
        cache: EmbeddingCache | None,
        extracted: Extracted,
    ) -> Iterator[tuple[str, Comparison]]:
        ray = self._start()
        remote = ray.remote(_compare_one)
        shared = ray.put(embedder), ray.put(config), ray.put(cache)
        pending = [
            remote.remote(members, *shared, extracted.of(members["article_id"].to_list()))
            for _, members in stories
        ]
        for (story_id, _), ref in zip(stories, pending, strict=True):
            yield story_id, ray.get(ref)


def _empty_extracted() -> Extracted:
    """Extraction of no article: the three frames empty, with their schemas."""
    from clustering.compare import extract_articles
    from clustering.schema import ARTICLES, empty

    return extract_articles(empty(ARTICLES))
