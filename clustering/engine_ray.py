"""The Ray engine: the article encoder, the extraction and the story comparisons on a
Ray cluster (`storylens run|add --engine ray [--address ADDR]`).

- Articles are encoded by Ray Data `map_batches` over record batches of texts, the
  encoder loaded once per actor of a pool (`encoders` actors); vectors come back in
  input order and go into the same embedding cache under the same name.
- Extraction (numbers, quotes, framing cues) is Ray Data `map_batches` over record
  batches of articles; each batch returns its three frames.
- Each story's comparison is a Ray task.

Ingest, clustering and the corpus writes stay in the driver: clustering is a few
seconds even at 100k articles (benchmarks/RESULTS.md), and the corpus is one Delta Lake
transaction (`Corpus.transaction`), so the corpus written is the local engine's.
Ray is an optional extra: pip install 'storylens[ray]'. On a real cluster, every node
needs StoryLens installed (or `runtime_env`) and the corpus on storage all nodes reach.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl
from numpy.typing import NDArray

from clustering.config import CompareConfig
from clustering.embed import Embedder, EmbeddingCache

if TYPE_CHECKING:
    from clustering.compare import Comparison, Extracted

__all__ = ["RayEmbedder", "RayEngine"]

#: Texts per Ray Data batch sent to an encoder actor.
ENCODE_BATCH = 256
#: Articles per Ray Data batch of the extraction.
EXTRACT_BATCH = 64


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


#: The frames of an `Extracted`, as `_extract_batch` sends them.
_EXTRACTED = ("numbers", "quotes", "framing")


def _extract_batch(batch: Any) -> dict[str, NDArray[np.object_]]:
    """Ray Data: ARTICLES rows (an Arrow batch) in, one row out holding the batch's
    NUMBERS, QUOTES and FRAMING frames as Arrow IPC bytes (their row counts differ from
    the batch's, and their nested columns survive the trip unchanged this way)."""
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
