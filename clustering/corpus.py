"""The corpus directory: the embedded store every command reads and writes.

Layout (all Parquet files are written atomically: to a temporary file in the same
directory, flushed, then renamed over the old one, so no reader ever sees half a file):

    <corpus>/articles.parquet      ARTICLES (duplicates included, flagged)
    <corpus>/rejects.parquet       REJECTS
    <corpus>/stories.parquet       STORIES
    <corpus>/assignments.parquet   ASSIGNMENTS
    <corpus>/embeddings.parquet    article_id, vector (unit rows)
    <corpus>/comparisons/          per-kind comparison tables (see compare)
    <corpus>/history.parquet       story id changes across `add` runs (merges, splits)
    <corpus>/manifest.json         input hashes, parameters, library versions, counts
    <corpus>/cache/                embedding cache
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import polars as pl

from clustering import schema

DEFAULT_CORPUS = Path("data/corpus")

FILES = {
    "articles": schema.ARTICLES,
    "rejects": schema.REJECTS,
    "stories": schema.STORIES,
    "assignments": schema.ASSIGNMENTS,
    "history": schema.HISTORY,
}


class CorpusError(FileNotFoundError):
    """The corpus directory is missing or incomplete."""


def _atomic_write(path: Path, write: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_parquet_atomic(frame: pl.DataFrame, path: Path) -> None:
    """Write `frame` to `path` so that readers see the old file or the new one, never half."""
    _atomic_write(Path(path), frame.write_parquet)


def write_json_atomic(data: Any, path: Path) -> None:
    payload = json.dumps(data, indent=2, sort_keys=True, default=str).encode("utf-8")
    _atomic_write(Path(path), lambda fh: fh.write(payload))


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def library_versions() -> dict[str, str]:
    out = {}
    for name in (
        "storylens",
        "polars",
        "numpy",
        "hdbscan",
        "scikit-learn",
        "umap-learn",
        "sentence-transformers",
        "torch",
        "trafilatura",
    ):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


@dataclass(frozen=True)
class Corpus:
    """A corpus directory and what is in it; frames are read lazily on access."""

    path: Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", Path(self.path))

    def exists(self) -> bool:
        return (self.path / "manifest.json").exists()

    def require(self) -> Corpus:
        if not self.exists():
            raise CorpusError(
                f"no corpus at {self.path}: build one with `storylens run INPUT... --out {self.path}`"
            )
        return self

    def read(self, name: str) -> pl.DataFrame:
        path = self.path / f"{name}.parquet"
        if not path.exists():
            if name in FILES:
                return schema.empty(FILES[name])
            raise CorpusError(f"{path} is missing")
        return pl.read_parquet(path)

    def scan(self, name: str) -> pl.LazyFrame:
        path = self.path / f"{name}.parquet"
        if not path.exists():
            if name in FILES:
                return schema.empty(FILES[name]).lazy()
            raise CorpusError(f"{path} is missing")
        return pl.scan_parquet(path)

    def write(self, name: str, frame: pl.DataFrame) -> None:
        if name in FILES:
            schema.validate(frame, FILES[name], name)
        write_parquet_atomic(frame, self.path / f"{name}.parquet")

    @property
    def manifest(self) -> dict[str, Any]:
        path = self.path / "manifest.json"
        if not path.exists():
            return {}
        return json.loads(path.read_text(encoding="utf-8"))

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        manifest = {
            **manifest,
            "updated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "versions": library_versions(),
        }
        write_json_atomic(manifest, self.path / "manifest.json")
