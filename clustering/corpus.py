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
    <corpus>/marks.parquet         MARKS: users' verdicts on comparison flags, append-only
                                   (`run`, `add` and re-comparing never touch it)
    <corpus>/manifest.json         input hashes, parameters, library versions, counts
    <corpus>/cache/                embedding cache
    <corpus>/uploads/              files uploaded in the app, kept under their own names
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
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
    "marks": schema.MARKS,
}
#: Tables that are only ever appended to (`Corpus.append`): what users wrote into the corpus.
APPEND_ONLY = frozenset({"marks"})


class CorpusError(FileNotFoundError):
    """The corpus directory is missing or incomplete."""


def _default_mode() -> int:
    """The mode a plainly created file gets under the process's umask (0644 usually)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _atomic_write(path: Path, write: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    # mkstemp makes 0600 files: a shared corpus or export would be unreadable to others.
    os.fchmod(fd, _default_mode())
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
        if name in APPEND_ONLY:
            raise ValueError(
                f"name should be a table that may be rewritten. Got {name!r} instead: "
                "it is append-only, use Corpus.append"
            )
        if name in FILES:
            schema.validate(frame, FILES[name], name)
        write_parquet_atomic(frame, self.path / f"{name}.parquet")

    def modified(self, name: str) -> int:
        """When <corpus>/<name>.parquet was last written (ns since the epoch); 0 when
        absent. Caches of a table that changes on its own (marks) key on it."""
        path = self.path / f"{name}.parquet"
        return path.stat().st_mtime_ns if path.exists() else 0

    def scan_comparison(self, kind: str) -> pl.LazyFrame | None:
        """<corpus>/comparisons/<kind>.parquet (a compare table with a story_id column),
        lazily; None when the corpus has no such table (built before it existed)."""
        path = self.path / "comparisons" / f"{kind}.parquet"
        return pl.scan_parquet(path) if path.exists() else None

    @contextmanager
    def _locked(self, name: str) -> Iterator[None]:
        # An exclusive lock for a read-append-write: the app and the CLI may mark at once,
        # and an unlocked pair would both read n rows and one of the two new rows be lost.
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self.path / f".{name}.lock", "a+b") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def append(self, name: str, rows: pl.DataFrame) -> pl.DataFrame:
        """Append `rows` to the append-only table `name` (see `APPEND_ONLY`), atomically
        and under a lock; returns the whole table as written. Earlier rows are never
        changed or dropped."""
        if name not in APPEND_ONLY:
            raise ValueError(f"name should be one of {sorted(APPEND_ONLY)}. Got {name!r} instead.")
        schema.validate(rows, FILES[name], name)
        rows = rows.select(list(FILES[name]))
        with self._locked(name):
            table = pl.concat([self.read(name).select(list(FILES[name])), rows])
            write_parquet_atomic(table, self.path / f"{name}.parquet")
        return table

    @property
    def uploads(self) -> Path:
        """The folder where files uploaded through the app are kept (created on demand):
        rejects and the manifest name them there, and they are never lost."""
        return self.path / "uploads"

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
