"""The corpus directory: the embedded store every command reads and writes.

Every table is a Delta Lake table (the `deltalake` package, delta-rs: Parquet files plus a
transaction log, readable by polars' `scan_delta`, DuckDB, Spark and Ray):

    <corpus>/articles/             ARTICLES (duplicates included, flagged), partitioned
                                   by publication month (`published_month`, "unknown")
    <corpus>/rejects/              REJECTS
    <corpus>/failures/             FAILURES: the parts of the work that raised on one
                                   article or story, by commit (`record_failures`)
    <corpus>/stories/              STORIES (an `add` appends the rows it changed; the
                                   newest row of a story_id wins on read: VERSIONED)
    <corpus>/assignments/          ASSIGNMENTS (likewise, by article_id)
    <corpus>/embeddings/           article_id, published_at, vector (unit rows),
                                   partitioned by publication month like articles
    <corpus>/duplicate_keys/       DUPLICATE_KEYS: normalised URL, content hash and
                                   MinHash LSH keys per article (ingest.dedupe)
    <corpus>/term_df/              term, df: the word statistics of the sparse features
    <corpus>/history/              story id changes across `add` runs (merges, splits)
    <corpus>/comparisons/<kind>/   per-kind comparison tables (see compare)
    <corpus>/outlets/              OUTLETS: the users' outlet table (`storylens outlets import`)
    <corpus>/applied_outlets/      OUTLETS: the merged table the stored articles were
                                   identified with (`add` re-identifies them when it changes)
    <corpus>/marks/                MARKS: users' verdicts on comparison flags, append-only
                                   (`run`, `add` and re-comparing never touch it)
    <corpus>/_commits/<n>.json     the corpus log: commit n names the version of every
                                   table, the command, its time and the manifest
    <corpus>/cache/                embedding cache (unless embed.cache_dir says otherwise)
    <corpus>/index/                nearest-neighbour index of the embeddings (usearch; named by the commit)
    <corpus>/lookup/               ARTICLES rows by id (SQLite; named by the commit): `add`
                                   reads a touched story's members from it (`article_rows`)
    <corpus>/uploads/              files uploaded in the app, kept under their own names

Why a corpus log on top of the tables' own logs: a Delta commit is atomic per table,
but `run` and `add` change several tables together. Writers take an exclusive lock on
the corpus (so concurrent `add`s are serialised, never lost), write new table versions,
and make them visible with one atomic step: creating `_commits/<n>.json` (write, fsync,
hard-link to its name, which fails rather than overwrite). Readers read the tables at
the versions of the last commit, so they never see half an `add`; a writer that dies
leaves table versions no commit names, and the next writer restores those tables to
their committed versions first. Old versions are never vacuumed: `Corpus.at` reads the
corpus as it stood at any commit or date ("what was known when").

`Corpus` is the only code that knows these paths.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from importlib import metadata
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote, unquote

import numpy as np
import polars as pl
import pyarrow as pa
from numpy.typing import NDArray

from clustering import schema
from clustering.errors import (  # re-exported: one hierarchy in clustering.errors
    CorpusError,
    CorpusExistsError,
)

DEFAULT_CORPUS = Path("data/corpus")

FILES = {
    "articles": schema.ARTICLES,
    "rejects": schema.REJECTS,
    "stories": schema.STORIES,
    "assignments": schema.ASSIGNMENTS,
    "history": schema.HISTORY,
    "marks": schema.MARKS,
    "duplicate_keys": schema.DUPLICATE_KEYS,
    "outlets": schema.OUTLETS,  # the users' outlet table (ingest.outlets.import_outlets)
    # the outlet table the stored articles were identified with (ingest.outlets.refresh_outlets)
    "applied_outlets": schema.OUTLETS,
    "failures": schema.FAILURES,  # parts that raised on one article or story (record_failures)
}
#: Tables without a declared schema here (their writers own their shape).
OTHER_TABLES = ("embeddings", "term_df")
#: Comparison kinds (clustering.compare.TABLES), stored as "comparisons/<kind>".
COMPARISON_KINDS = ("numbers", "quotes", "framing", "facts")
#: Tables that are only ever appended to (`Corpus.append`): what users wrote into the corpus.
#: They are read at their newest version and are no part of a corpus commit.
APPEND_ONLY = frozenset({"marks"})
#: The row order a table is read in (MERGE and partitions do not keep the order written):
#: one order whatever sequence of commands built the corpus.
ORDER: dict[str, tuple[list[str], list[bool]]] = {
    "articles": (["article_id"], [False]),
    "assignments": (["article_id"], [False]),
    "stories": (["size", "n_outlets", "story_id"], [True, True, False]),
    "embeddings": (["article_id"], [False]),
}
#: Tables whose rows change by key in `add` (name -> key): `merge` appends the new
#: version of each changed row (and a tombstone for a key removed) instead of a Delta
#: MERGE, which joins with the whole table and rewrites every file holding a changed row
#: (delta-rs writes no deletion vectors, and an add's changed stories lie in every file:
#: at 1M articles the whole 32 MB stories file, each add). On read the newest row of a
#: key wins (`_newest`); a table written whole (`write`, older corpora) has no version
#: column, and its rows are the oldest.
VERSIONED: dict[str, str] = {"stories": "story_id", "assignments": "article_id"}
#: The column of a VERSIONED table's appended rows: higher than that of every row
#: before (the table's Delta version then); null on rows written whole.
ROW_VERSION = "_row_version"
#: True on an appended row that removes its key (a story merged away or split up).
DELETED = "_deleted"
#: A VERSIONED table whose appended rows pass this share of its rows is rewritten as its
#: newest rows at the end of the writer's transaction (`_compact`): reading the newest
#: rows joins every row with the appended ones, so they are kept a small part of it.
VERSIONED_SHARE = 0.1
#: A table written in more data files than this is compacted before its commit: each
#: `add` appends a few small files, and a watched folder adds every few seconds.
COMPACT_FILES = 32
#: The stored position of a row of an append-only table (Delta keeps no row order).
APPENDED = "_appended"
#: The articles' partition column: publication month "YYYY-MM", "unknown" when undated.
MONTH = "published_month"
#: Tables partitioned by MONTH (from their published_at): `add` reads only the months
#: near its new articles (Corpus.scan(months=...)), whatever the corpus's size.
BY_MONTH = frozenset({"articles", "embeddings"})
_LOG = "_commits"
#: The nearest-neighbour index of the embeddings (see `vector_index`): a cache the
#: commits name, never read unless it covers the commit read.
_INDEX = "index"
#: The article rows by id (see `article_rows`): a SQLite file named by the commits.
_LOOKUP = "lookup"
#: The ARTICLES columns the article-rows lookup holds: those `add` reads of a touched
#: story's stored members (re-clustering and the story rebuild).
LOOKUP_COLUMNS = ("article_id", "published_at", "title", "lead", "body", "outlet", "duplicate_of")
#: The Parquet files of a corpus written before the Delta tables (see `migrate`).
_LEGACY_BACKUP = "parquet-before-migrate"


def _default_mode() -> int:
    """The mode a plainly created file gets under the process's umask (0644 usually)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write(path: Path, write: Any) -> None:
    """Write `path` through `write(binary file)` so that readers see the old file or the
    new one, never half; the file gets the umask's mode (not mkstemp's 0600)."""
    path = Path(path)
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


_atomic_write = atomic_write  # the old private name, kept for callers not yet moved


def write_parquet_atomic(frame: pl.DataFrame, path: Path) -> None:
    """Write `frame` to `path` so that readers see the old file or the new one, never half."""
    atomic_write(Path(path), frame.write_parquet)


def write_json_atomic(data: Any, path: Path) -> None:
    payload = json.dumps(data, indent=2, sort_keys=True, default=str).encode("utf-8")
    atomic_write(Path(path), lambda fh: fh.write(payload))


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
        "deltalake",
    ):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def _known(name: str) -> bool:
    if name.startswith("comparisons/"):
        return name.removeprefix("comparisons/") in COMPARISON_KINDS
    return name in FILES or name in OTHER_TABLES


def month_of(published_at: pl.Expr) -> pl.Expr:
    """The MONTH partition of a publication time: "YYYY-MM", "unknown" when null."""
    return published_at.dt.strftime("%Y-%m").fill_null("unknown")


def months(published_at: pl.Series, pad_days: float = 0.0) -> list[str]:
    """The MONTH partitions that hold every time within `pad_days` of some value of
    `published_at` (UTC), "unknown" included; sorted."""
    known = published_at.drop_nulls()
    out = {"unknown"}
    if known.len():
        pad = timedelta(days=pad_days)
        start: datetime = known.min() - pad  # type: ignore[operator,assignment]
        end: datetime = known.max() + pad  # type: ignore[operator,assignment]
        year, month = start.year, start.month
        while (year, month) <= (end.year, end.month):
            out.add(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return sorted(out)


def _empty(name: str) -> pl.DataFrame | None:
    """The frame a table never written reads as: empty with its schema (None when the
    table has no declared schema here)."""
    return schema.empty(FILES[name]) if name in FILES else None


def _to_delta(name: str, frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` as stored: fixed-size vectors as lists (Delta has no fixed-size list),
    articles with their month partition, columns of no type (all-null) as strings."""
    frame = frame.with_columns(
        pl.col(c).cast(pl.List(dtype.inner))  # type: ignore[union-attr]
        for c, dtype in frame.schema.items()
        if isinstance(dtype, pl.Array)
    ).with_columns(pl.col(c).cast(pl.String) for c, t in frame.schema.items() if t == pl.Null)
    if name in BY_MONTH and "published_at" in frame.columns:
        frame = frame.with_columns(month_of(pl.col("published_at")).alias(MONTH))
    return frame


@dataclass(frozen=True)
class VectorIndexFiles:
    """The files of a corpus's vector index (see `Corpus.vector_index`), all in its
    index folder. index: an HNSW index (usearch) of keys 0 .. n_base - 1, written once
    and then only read (memory-mapped); side: a small HNSW index of the keys added
    since (n_base .. n - 1), or None; keys: Parquet rows (article_id, published_at),
    row i for key i; segments: .npy files of exact float32 vectors (unit) that,
    concatenated in order, hold row i for key i (empty for an index written before
    they were kept); n: how many keys (the embeddings' row count when current);
    positions: for each segment, None when its rows are in key order, else an .npy of
    int32, one per key of the segment, the row of the file that holds it (a large
    segment is written in order of publication: see incremental.save_vector_index);
    empty when every segment is in key order (an index written before positions)."""

    index: Path
    keys: Path
    side: Path | None
    segments: tuple[Path, ...]
    n: int
    positions: tuple[Path | None, ...] = ()


@dataclass(frozen=True)
class KeyIndexFiles:
    """The files of a corpus's duplicate-key index (see ingest.dedupe.KeyIndex), all in
    its index folder: segments of (keys, rows, articles) .npy files, the first for the
    articles the index was built or last merged with, one more per `add` since; n: the
    DUPLICATE_KEYS rows they cover (the table's row count when current)."""

    segments: tuple[tuple[Path, Path, Path], ...]
    n: int


#: Manifest records that name files of the index folder.
_INDEX_RECORDS = ("vector_index", "key_index")


def _names(record: Any) -> set[str]:
    """The file names in an index record (strings, in nested lists; numbers skipped)."""
    if isinstance(record, str):
        return {record}
    if isinstance(record, dict):
        record = list(record.values())
    if isinstance(record, list | tuple):
        return set().union(*(_names(v) for v in record))
    return set()


@dataclass
class _Transaction:
    """What a writer holding the corpus lock has written so far."""

    command: str
    versions: dict[str, int]  # table -> Delta version this transaction reads and writes
    manifest: dict[str, Any]
    written: set[str] = field(default_factory=set)
    compacted: list[str] = field(default_factory=list)  # VERSIONED tables rewritten


@dataclass(frozen=True)
class Corpus:
    """A corpus directory and what is in it; frames are read lazily on access.

    `as_of` pins the corpus at one commit (see `at`); None reads the newest. Inside
    `transaction`, the corpus given to the writer reads what it has written so far."""

    path: Path
    as_of: int | None = None
    cache: Path | None = None  # the embedding cache when configured (embed.cache_dir)
    _tx: _Transaction | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", Path(self.path))

    # --- the corpus log ------------------------------------------------------------------

    def _commit_files(self) -> list[Path]:
        folder = self.path / _LOG
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.glob("*.json") if p.stem.isdigit())

    def _read_commit(self, number: int | None = None) -> dict[str, Any] | None:
        if number is None:
            files = self._commit_files()
            if not files:
                return None
            path = files[-1]
        else:
            path = self.path / _LOG / f"{number:020d}.json"
            if not path.exists():
                raise CorpusError(f"{self.path} has no commit {number}")
        return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]

    @property
    def commit(self) -> dict[str, Any] | None:
        """The commit read (`as_of`, else the newest): commit, at, command, tables,
        manifest; None for a corpus never committed."""
        return self._read_commit(self.as_of)

    @property
    def version(self) -> int:
        """The number of the commit read (0: none yet). Caches of the corpus key on it."""
        if self.as_of is not None:
            return self.as_of
        files = self._commit_files()
        return int(files[-1].stem) if files else 0

    def commits(self) -> pl.DataFrame:
        """One row per commit, oldest first: commit (int), at (UTC), command,
        n_articles and n_stories (the manifest's counts then)."""
        rows = []
        for path in self._commit_files():
            record = json.loads(path.read_text(encoding="utf-8"))
            counts = record.get("manifest", {}).get("counts", {})
            rows.append(
                {
                    "commit": record["commit"],
                    "at": datetime.fromisoformat(record["at"]),
                    "command": record["command"],
                    "n_articles": counts.get("accepted"),
                    "n_stories": counts.get("stories"),
                }
            )
        return pl.DataFrame(
            rows,
            schema={
                "commit": pl.Int64,
                "at": schema.UTC_DATETIME,
                "command": pl.String,
                "n_articles": pl.Int64,
                "n_stories": pl.Int64,
            },
        )

    def at(self, when: str | int | datetime) -> Corpus:
        """The corpus as it stood at commit `when` (a number), or at the last commit
        made at or before `when` (a datetime, or ISO text; a date alone means the end of
        that day, UTC). Raises CorpusError when the corpus had no commit by then."""
        self.require()
        if isinstance(when, int) or (isinstance(when, str) and when.strip().isdigit()):
            number = int(when)
            self._read_commit(number)
            return Corpus(self.path, as_of=number, cache=self.cache)
        if isinstance(when, str):
            text = when.strip()
            try:
                moment = datetime.fromisoformat(text)
            except ValueError:
                raise ValueError(
                    "as_of should be a commit number or an ISO date or time "
                    f"(2024-05-01, 2024-05-01T12:00). Got {when!r} instead."
                ) from None
            if len(text) == 10:  # a date alone: everything known by the end of that day
                moment = datetime.combine(moment.date(), time.max)
        else:
            moment = when
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        log = self.commits().filter(pl.col("at") <= moment)
        if log.is_empty():
            first = self.commits()["at"][0].isoformat()
            raise CorpusError(f"{self.path} had no commit by {moment}: its first is at {first}")
        return Corpus(self.path, as_of=int(log["commit"][-1]), cache=self.cache)

    def exists(self) -> bool:
        return bool(self._commit_files())

    def is_legacy(self) -> bool:
        """True for a corpus of Parquet files written before the Delta tables."""
        return not self.exists() and (self.path / "articles.parquet").exists()

    def require(self) -> Corpus:
        if not self.exists():
            if self.is_legacy():
                raise CorpusError(
                    f"{self.path} was written by an older StoryLens: convert it with "
                    f"`storylens migrate --corpus {self.path}`"
                )
            raise CorpusError(
                f"no corpus at {self.path}: build one with `storylens run INPUT... --out {self.path}`"
            )
        return self

    # --- tables ---------------------------------------------------------------------------

    def _table(self, name: str) -> Path:
        if not _known(name):
            raise ValueError(
                f"name should be one of {sorted([*FILES, *OTHER_TABLES])} or "
                f"comparisons/<kind>. Got {name!r} instead."
            )
        return self.path.joinpath(*name.split("/"))

    def _version(self, name: str) -> int | None:
        """The Delta version of `name` this corpus reads; None when it has none."""
        from deltalake import DeltaTable

        if name in APPEND_ONLY:
            path = self._table(name)
            return DeltaTable(str(path)).version() if DeltaTable.is_deltatable(str(path)) else None
        if self._tx is not None:
            return self._tx.versions.get(name)
        commit = self.commit
        return None if commit is None else commit["tables"].get(name)

    def has(self, name: str) -> bool:
        """Whether the corpus holds table `name` (one a corpus may lack: a comparison
        kind it was built without, or one written by a later release)."""
        return self._version(name) is not None

    def scan(
        self, name: str, months: list[str] | None = None, ordered: bool = True
    ) -> pl.LazyFrame:
        """Table `name` lazily. The one rule for a table the corpus does not hold: an
        empty frame of its schema where it has one (FILES), else CorpusError.
        `months` (MONTH values, see `months`): of a table partitioned by month
        (BY_MONTH), read only those partitions; ignored for other tables. `ordered`:
        in the table's ORDER (False: in storage order, for a lookup that filters or
        counts a large table and needs no sort of it)."""
        version = self._version(name)
        if version is None:
            empty = _empty(name)
            if empty is None:
                raise CorpusError(f"{self.path} has no table {name!r}")
            return empty.lazy()
        frame = _scan_delta(self._table(name), version)
        if name in VERSIONED:
            frame = _newest(frame, VERSIONED[name])
        if name in BY_MONTH and MONTH in frame.collect_schema().names():
            if months is not None:  # a filter on the partition column: files are skipped
                frame = frame.filter(pl.col(MONTH).is_in(months))
            frame = frame.drop(MONTH)
        if name in APPEND_ONLY:  # in the order appended
            frame = frame.sort(APPENDED).drop(APPENDED)
        if name in FILES:
            # A table written before a later column (ARTICLES.no_article_reason) reads it
            # as nulls, as `migrate` fills it.
            have = frame.collect_schema().names()
            frame = frame.with_columns(
                pl.lit(None, dtype).alias(c) for c, dtype in FILES[name].items() if c not in have
            ).select(list(FILES[name]) + _extra(frame, FILES[name]))
        if name in ORDER and ordered:
            by, descending = ORDER[name]
            frame = frame.sort(by, descending=descending, maintain_order=True)
        if name == "embeddings":
            dim = frame.select(pl.col("vector").list.len()).head(1).collect()
            if dim.height:
                frame = frame.with_columns(pl.col("vector").cast(pl.Array(pl.Float32, dim[0, 0])))
        return frame

    def read(self, name: str) -> pl.DataFrame:
        """Table `name` (see `scan` for a table the corpus does not hold)."""
        return self.scan(name).collect()

    def read_rows(
        self,
        name: str,
        article_ids: list[str],
        published_at: pl.Series | None = None,
        columns: list[str] | None = None,
    ) -> pl.DataFrame:
        """The rows of `article_ids` in table `name` (one keyed by article_id). With
        `published_at` (those articles' publication times, nulls allowed), only their
        month partitions are read: the cost follows the rows asked for and their
        months, not the corpus. `columns`: those only (article_id always), None: all.
        ARTICLES rows of LOOKUP_COLUMNS come from the article-rows lookup when it is
        current (`article_rows`: by id, whatever the corpus's size), the ids it lacks
        from the table."""
        if name == "articles" and columns is not None and set(columns) <= set(LOOKUP_COLUMNS):
            lookup = self.article_rows()
            if lookup is not None:
                found = _lookup_rows(lookup, article_ids, ["article_id", *columns])
                if found is not None:
                    rest = sorted(set(article_ids) - set(found["article_id"].to_list()))
                    if not rest:
                        return found.sort("article_id")
                    at = None
                    if published_at is not None:  # the times of the rows left to read
                        at = pl.DataFrame(
                            {"article_id": article_ids, "at": published_at}, strict=False
                        ).filter(pl.col("article_id").is_in(rest))["at"]
                    read = self._read_table_rows(name, rest, at, columns)
                    return pl.concat([found, read.select(found.columns)]).sort("article_id")
        return self._read_table_rows(name, article_ids, published_at, columns)

    def _read_table_rows(
        self,
        name: str,
        article_ids: list[str],
        published_at: pl.Series | None,
        columns: list[str] | None,
    ) -> pl.DataFrame:
        """`read_rows` from the Delta table itself."""
        wanted = None
        if published_at is not None:  # the months of these rows, no others
            wanted = published_at.to_frame("at").select(month_of(pl.col("at")).unique())
        frame = self.scan(name, None if wanted is None else wanted.to_series().to_list(), False)
        if published_at is not None and published_at.len() and not published_at.null_count():
            # Rows are stored in time order within a month: the row groups outside the
            # times asked for are skipped by their statistics (a few old members of a
            # story decode a few row groups, not their whole months).
            earliest, latest = published_at.min(), published_at.max()
            frame = frame.filter(pl.col("published_at").is_between(earliest, latest))
        if columns is not None:  # a few rows of a month decode whole pages of each column
            frame = frame.select(["article_id", *(c for c in columns if c != "article_id")])
        return (
            frame.filter(
                pl.col("article_id").is_in(pl.Series(article_ids, dtype=pl.String).implode())
            )
            .sort("article_id")
            .collect()
        )

    def count(self, name: str) -> int:
        """The rows of table `name`: from the Delta log's file statistics (no data file
        is opened: at 1M articles, 7 ms against 0.05-0.17 s for the Parquet footers and
        the embeddings' first vectors, which `scan` reads for their dimension), else
        (a VERSIONED table, whose superseded rows are no rows of it, or a file without
        the statistic) by reading the table."""
        from deltalake import DeltaTable

        version = self._version(name)
        if version is not None and name not in VERSIONED:
            actions = DeltaTable(str(self._table(name)), version=version).get_add_actions(
                flatten=True
            )
            records = pl.DataFrame(actions).get_column("num_records", default=None)
            if records is not None and not records.null_count():
                return int(records.sum())
        return int(self.scan(name, ordered=False).select(pl.len()).collect().item())

    def read_articles(
        self,
        article_ids: list[str],
        published_at: pl.Series | None = None,
        columns: list[str] | None = None,
    ) -> pl.DataFrame:
        """ARTICLES rows of `article_ids` (see `read_rows`), sorted by article_id."""
        return self.read_rows("articles", article_ids, published_at, columns)

    def read_term_stats(self, n_terms: int) -> NDArray[np.int64]:
        """The sparse features' document frequencies (int64, shape (n_terms,)): how many
        stored articles hold each hashed term; zeros for a corpus without them."""
        frame = self.read("term_df") if self.has("term_df") else None
        doc_freq = np.zeros(n_terms, dtype=np.int64)
        if frame is not None and frame.height:
            doc_freq[frame["term"].to_numpy()] = frame["df"].to_numpy()
        return doc_freq

    def write_term_stats(self, doc_freq: NDArray[np.int64]) -> None:
        """Store `doc_freq` (see `read_term_stats`) as the term_df table (term, df: its
        nonzero entries)."""
        nonzero = np.flatnonzero(doc_freq)
        self.write("term_df", pl.DataFrame({"term": nonzero, "df": doc_freq[nonzero]}))

    # --- the article rows by id -------------------------------------------------------------

    def article_rows(self) -> Path | None:
        """The SQLite file of ARTICLES rows (LOOKUP_COLUMNS) by article_id that the commit
        read names (manifest "article_rows"), or None when it names none, the file is
        gone, or it does not cover every stored article (stale: never read).

        Why: `add` reads the stored members of the stories it touches by id, and they lie
        in every month of a corpus (stories stay open for months); a month partition of
        the table is one Parquet row group, so reading them decoded every month's
        columns (1M store corpus: 0.9 s for 8k rows with their bodies, 0.1 s at 100k).
        From this file: B-tree lookups by id. It is a cache of the table: a row it holds
        is the article's row (ids are hashes of the article's content), an id it lacks
        is read from the table, and a writer killed after adding rows to it leaves rows
        of ids that no commit holds and nobody asks for (the next add that holds them
        writes them again)."""
        record = self.manifest.get("article_rows")
        if not record:
            return None
        path = self.path / _LOOKUP / record["file"]
        if not path.is_file() or int(record["n"]) != self.count("articles"):
            return None
        return path

    def write_article_rows(self) -> bool:
        """Give the corpus a current article-rows lookup (see `article_rows`) when the
        commit read has none: one commit (the first `add` without one writes it too).
        Whether one was written."""
        if self.article_rows() is not None:
            return False
        if self._tx is None:
            with self.transaction("article rows") as tx:
                return tx.write_article_rows()
        self._write_article_rows(schema.empty(schema.ARTICLES), append=True)
        return True

    def _write_article_rows(self, rows: pl.DataFrame, append: bool) -> None:
        """Keep the article-rows lookup current with the ARTICLES `rows` this
        transaction just stored in the table: added to the current file when `append`
        (rows appended) and there is one, else a new file of every stored row (`rows`
        when the table was replaced), named in this commit's manifest."""
        tx = self._writing()
        record = tx.manifest.get("article_rows")
        n = self.count("articles")
        current = None
        if append and record and int(record["n"]) + rows.height == n:
            current = self.path / _LOOKUP / record["file"]
            current = current if current.is_file() else None
        if current is None:
            folder = self.path / _LOOKUP
            folder.mkdir(parents=True, exist_ok=True)
            current = folder / f"{uuid.uuid4().hex}.sqlite"
            if append:  # the table holds more than `rows`: all of it, once
                rows = self.scan("articles", ordered=False).select(LOOKUP_COLUMNS).collect()
        _insert_rows(current, rows)
        tx.manifest = {**tx.manifest, "article_rows": {"file": current.name, "n": n}}
        last = (self._read_commit() or {}).get("manifest", {}).get("article_rows") or {}
        # This commit's file and the last one's, with SQLite's side files ("-wal", "-shm").
        kept = tuple(name for name in (current.name, last.get("file")) if name)
        for old in (self.path / _LOOKUP).iterdir():
            if not old.name.startswith(kept):
                old.unlink(missing_ok=True)

    # --- the vector index ------------------------------------------------------------------

    def vector_index(self) -> VectorIndexFiles | None:
        """The files of the nearest-neighbour index of the embeddings that the commit
        read names (manifest "vector_index"), or None when it names none, a file is
        gone, or it does not cover every stored vector (an index is stale unless its
        count equals the embeddings table's: a writer that added vectors without it, or
        a kill -9 before its commit, is never read as current)."""
        record = self.manifest.get("vector_index")
        if not record:
            return None
        folder = self.path / _INDEX
        # Segments with positions are named under "time_ordered" ([segment, positions or
        # null] pairs), not "vectors": a release before them finds no exact vectors and
        # reads the embeddings, rather than taking rows in time order for keys.
        pairs = record.get("time_ordered") or [[name, None] for name in record.get("vectors", [])]
        files = VectorIndexFiles(
            index=folder / record["file"],
            keys=folder / record["keys"],
            side=folder / record["side"] if record.get("side") else None,
            segments=tuple(folder / str(name) for name, _ in pairs),
            n=int(record["n"]),
            positions=tuple(folder / str(p) if p else None for _, p in pairs)
            if record.get("time_ordered")
            else (),
        )
        needed = [files.index, files.keys, *files.segments]
        needed += [path for path in files.positions if path is not None]
        if not all(path.is_file() for path in needed + ([files.side] if files.side else [])):
            return None
        if files.n != self.count("embeddings"):
            return None
        return files

    def new_index_file(self, suffix: str) -> Path:
        """A fresh file name in the index folder (for `record_vector_index`)."""
        folder = self.path / _INDEX
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{uuid.uuid4().hex}{suffix}"

    def record_vector_index(self, files: VectorIndexFiles) -> None:
        """Name `files` (written under names from `new_index_file`, or kept from the
        last commit's index) as the index in the manifest of the commit being made, so
        it becomes current with that commit and never before (a file of a killed writer
        is never named by a commit). Files no commit can need any more (neither the last
        one's nor this one's) are removed."""
        tx = self._writing()
        record: dict[str, Any] = {
            "file": files.index.name,
            "keys": files.keys.name,
            "side": files.side.name if files.side else None,
            "vectors": [path.name for path in files.segments],
            "n": files.n,
        }
        if any(path is not None for path in files.positions):
            del record["vectors"]
            record["time_ordered"] = [
                [segment.name, position.name if position else None]
                for segment, position in zip(files.segments, files.positions, strict=True)
            ]
        tx.manifest = {**tx.manifest, "vector_index": record}
        self._prune_index_folder()

    def _prune_index_folder(self) -> None:
        """Remove the files of the index folder that neither the last commit nor the one
        being made names (vector index and key index records): what an earlier add
        replaced, or a killed writer left."""
        tx = self._writing()
        folder = self.path / _INDEX
        last = (self._read_commit() or {}).get("manifest", {})
        kept = {
            folder / name
            for manifest in (last, tx.manifest)
            for key in _INDEX_RECORDS
            for name in _names(manifest.get(key))
        }
        for old in folder.iterdir():
            if old not in kept:
                old.unlink(missing_ok=True)

    def key_index(self) -> KeyIndexFiles | None:
        """The files of the duplicate keys' lookup index (see ingest.dedupe.KeyIndex) that
        the commit read names (manifest "key_index"), or None when it names none, a file
        is gone, or it does not cover every stored DUPLICATE_KEYS row (stale: rebuilt
        from the table, never read)."""
        record = self.manifest.get("key_index")
        if not record:
            return None
        folder = self.path / _INDEX
        segments = tuple(
            (folder / keys, folder / rows, folder / articles)
            for keys, rows, articles in record["segments"]
        )
        if not all(path.is_file() for segment in segments for path in segment):
            return None
        if int(record["n"]) != self.count("duplicate_keys"):
            return None
        return KeyIndexFiles(segments, int(record["n"]))

    def record_key_index(self, files: KeyIndexFiles) -> None:
        """Name `files` as the key index of the commit being made (see
        `record_vector_index`: current with that commit, never before)."""
        tx = self._writing()
        record = {
            "segments": [[path.name for path in segment] for segment in files.segments],
            "n": files.n,
        }
        tx.manifest = {**tx.manifest, "key_index": record}
        self._prune_index_folder()

    def stored_keys(self) -> Any:
        """The stored articles as duplicate detection looks them up (ingest.dedupe
        StoredKeys): by the key index, opened, or built once from the DUPLICATE_KEYS
        table when the corpus has none current (inside a transaction it is recorded
        with the commit, and kept current by each `extend` of the keys)."""
        from clustering.ingest.dedupe import StoredKeys, open_key_index

        index = open_key_index(self)
        return StoredKeys(self.scan("duplicate_keys"), self.read_articles, index.lookup)

    def record(self, key: str, value: Any) -> None:
        """Record `value` (JSON-able) under `key` in the manifest of the commit being made
        (what an `add` re-clustered, say): read back as `manifest[key]` of that commit."""
        tx = self._writing()
        tx.manifest = {**tx.manifest, key: value}

    def story_articles(self, story_id: str) -> pl.DataFrame:
        """ARTICLES of one story (duplicates included), earliest first."""
        members = self.scan("assignments").filter(pl.col("story_id") == story_id)
        return (
            self.scan("articles")
            .join(members.select("article_id"), on="article_id", how="semi")
            .sort("published_at", "article_id", nulls_last=True)
            .collect()
        )

    def partitioned_by_month(self, name: str) -> bool:
        """Whether table `name` is stored in month partitions (a corpus written before
        embeddings were partitioned has them in one; `upgrade` rewrites it)."""
        from deltalake import DeltaTable

        if not self.has(name):
            return False
        table = DeltaTable(str(self._table(name)), version=self._version(name))
        return MONTH in table.metadata().partition_columns

    def _store(self, name: str, frame: pl.DataFrame, mode: Literal["overwrite", "append"]) -> None:
        """Write a new Delta version of `name` inside the transaction (`mode`: overwrite
        or append; a table the transaction does not hold yet is always overwritten, so a
        stale folder left by a dead writer or an earlier corpus is never read)."""
        from deltalake import DeltaTable

        tx = self._writing()
        path = self._table(name)
        if name not in tx.versions:
            mode = "overwrite"
        if name == "duplicate_keys" and mode == "overwrite":  # other keys: the index is stale
            tx.manifest = {k: v for k, v in tx.manifest.items() if k != "key_index"}
        options: dict[str, Any] = {"schema_mode": "overwrite" if mode == "overwrite" else "merge"}
        if mode == "overwrite" and name in BY_MONTH and "published_at" in frame.columns:
            options["partition_by"] = [MONTH]
        if name == "embeddings":
            from deltalake import WriterProperties

            # Row groups of ~12 MB (8,192 vectors of 384 floats) rather than the default
            # ~1M rows: a read of the vectors near some date skips the row groups
            # outside it by their published_at statistics (rows arrive in time order).
            options["writer_properties"] = WriterProperties(max_row_group_size=8192)
        _to_delta(name, frame).write_delta(str(path), mode=mode, delta_write_options=options)  # type: ignore[arg-type]
        tx.versions[name] = DeltaTable(str(path)).version()
        tx.written.add(name)
        if name == "articles":
            self._write_article_rows(frame, append=mode == "append")

    @property
    def in_transaction(self) -> bool:
        """Whether this corpus is a writer's (see `transaction`): it may write."""
        return self._tx is not None

    def _writing(self) -> _Transaction:
        if self._tx is None:
            raise RuntimeError("writes go through Corpus.transaction (or write/append)")
        return self._tx

    def write(self, name: str, frame: pl.DataFrame) -> None:
        """Replace table `name` with `frame`: inside a transaction, part of its commit;
        outside, one commit of its own."""
        if name in APPEND_ONLY:
            raise ValueError(
                f"name should be a table that may be rewritten. Got {name!r} instead: "
                "it is append-only, use Corpus.append"
            )
        if name in FILES:
            schema.validate(frame, FILES[name], name)
        if self._tx is None:
            with self.transaction(f"write {name}") as tx:
                tx.write(name, frame)
            return
        self._store(name, frame, "overwrite")

    def extend(self, name: str, rows: pl.DataFrame) -> None:
        """Append `rows` to table `name` in this transaction (articles, rejects, history,
        embeddings grow by `add` without rewriting what is stored)."""
        if name in FILES:
            schema.validate(rows, FILES[name], name)
        if rows.is_empty() and name in self._writing().versions:
            return
        current = self.key_index() if name == "duplicate_keys" else None
        self._store(name, rows, "append")
        if current is not None:  # kept current with the table, in the same commit
            from clustering.ingest.dedupe import extend_key_index

            extend_key_index(self, current, rows)

    def merge(
        self, name: str, rows: pl.DataFrame, key: str, delete: list[str] | None = None
    ) -> None:
        """MERGE `rows` into table `name` on column `key` in this transaction: rows whose
        key is stored replace the stored row, others are inserted; stored rows whose key
        is in `delete` (and not in `rows`) are removed. Nothing else is rewritten; rows
        that are all new, with nothing to delete, are appended (no MERGE)."""
        from deltalake import DeltaTable

        tx = self._writing()
        if name in FILES:
            schema.validate(rows, FILES[name], name)
        if name not in tx.versions:
            self._store(name, rows, "overwrite")
            return
        if rows.is_empty() and not delete:
            return
        if name in VERSIONED and key == VERSIONED[name]:
            self._append_versions(name, rows, key, delete or [])
            return
        if not delete:
            # A Delta MERGE joins with the whole table and rewrites every file holding a
            # matched row: an add's assignments are mostly new articles, so when every
            # key is new, appending them costs what they hold, not what the table holds.
            stored = (
                self.scan(name, ordered=False)
                .filter(pl.col(key).is_in(rows[key].implode()))
                .select(pl.len())
                .collect()
                .item()
            )
            if not stored:
                self._store(name, rows, "append")
                return
        path = str(self._table(name))
        merger = (
            _to_delta(name, rows)
            .write_delta(
                path,
                mode="merge",
                delta_merge_options={
                    "predicate": f"t.{key} = s.{key}",
                    "source_alias": "s",
                    "target_alias": "t",
                },
            )
            .when_matched_update_all()
            .when_not_matched_insert_all()
        )
        if delete:
            listed = ", ".join("'" + k.replace("'", "''") + "'" for k in sorted(set(delete)))
            merger = merger.when_not_matched_by_source_delete(predicate=f"t.{key} IN ({listed})")
        merger.execute()
        tx.versions[name] = DeltaTable(path).version()
        tx.written.add(name)

    def _append_versions(self, name: str, rows: pl.DataFrame, key: str, delete: list[str]) -> None:
        """`merge` of a VERSIONED table: append `rows` and a tombstone (DELETED, the other
        columns null) for each key of `delete` not in them, all with a ROW_VERSION above
        every stored one; writes what changed, not what the table holds."""
        from deltalake import DeltaTable

        # The writer holds the corpus lock: the next Delta version is this one's.
        version = DeltaTable(str(self._table(name))).version() + 1
        gone = sorted(set(delete) - set(rows[key].to_list()))
        tombstones = pl.DataFrame({key: gone}, schema={key: pl.String}).with_columns(
            pl.lit(None, dtype).alias(column)
            for column, dtype in FILES[name].items()
            if column != key
        )
        appended = pl.concat(
            [
                rows.select(list(FILES[name])).with_columns(pl.lit(False).alias(DELETED)),
                tombstones.select(list(FILES[name])).with_columns(pl.lit(True).alias(DELETED)),
            ]
        ).with_columns(pl.lit(version, dtype=pl.Int64).alias(ROW_VERSION))
        self._store(name, appended, "append")

    def appended_rows(self, name: str) -> tuple[int, int]:
        """(appended, all) rows of VERSIONED table `name` as this corpus reads it: rows
        with a ROW_VERSION, and every stored row (superseded and tombstones included),
        from the Delta log's file statistics (no data file is read)."""
        from deltalake import DeltaTable

        if name not in VERSIONED:
            raise ValueError(f"name should be one of {sorted(VERSIONED)}. Got {name!r} instead.")
        version = self._version(name)
        if version is None:
            return 0, 0
        actions = pl.DataFrame(
            DeltaTable(str(self._table(name)), version=version).get_add_actions(flatten=True)
        )
        if actions.is_empty():
            return 0, 0
        total = int(actions["num_records"].sum())
        nulls = f"null_count.{ROW_VERSION}"
        if nulls not in actions.columns:  # written whole: no row has a version
            return 0, total
        # A file written before the column existed has no statistic of it: none appended.
        appended = (actions["num_records"] - actions[nulls].fill_null(actions["num_records"])).sum()
        return int(appended), total

    # --- failures -------------------------------------------------------------------------

    def record_failures(self, rows: pl.DataFrame) -> None:
        """Append FAILURES `rows` (an extractor or a comparison part that raised on one
        article or story) under the number of the commit being written, in this
        transaction (outside one, as a commit of its own). No rows: nothing is written."""
        if rows.is_empty():
            return
        if self._tx is None:
            with self.transaction("record failures") as tx:
                tx.record_failures(rows)
            return
        # The writer holds the corpus lock: the commit it ends with is the next number.
        number = self.version + 1
        self.extend("failures", rows.with_columns(pl.lit(number, dtype=pl.Int64).alias("commit")))

    def failures(self, latest: bool = True) -> pl.DataFrame:
        """FAILURES of the commit read (`latest`), else of every commit, oldest first."""
        rows = self.scan("failures")
        if latest:
            rows = rows.filter(pl.col("commit") == self.version)
        return rows.sort("commit", maintain_order=True).collect()

    def location(self, name: str) -> Path:
        """The folder of table `name` (a Delta table any Delta reader opens), for
        messages that tell a user where to read it."""
        return self._table(name)

    # --- comparisons ----------------------------------------------------------------------

    def scan_comparison(self, kind: str) -> pl.LazyFrame | None:
        """The comparison table of `kind` (a compare table with a story_id column),
        lazily; None when the corpus has no such table (built before it existed, or with
        comparisons off)."""
        name = f"comparisons/{kind}"
        return self.scan(name) if self.has(name) else None

    def read_comparisons(self) -> dict[str, pl.DataFrame]:
        """kind -> comparison table, for the kinds the corpus holds."""
        return {
            kind: frame.collect()
            for kind in COMPARISON_KINDS
            if (frame := self.scan_comparison(kind)) is not None
        }

    def write_comparison(
        self, kind: str, rows: pl.DataFrame, story_ids: list[str] | None = None
    ) -> None:
        """Store the comparison rows of `kind`: all of them (`story_ids` None), or
        replacing the rows of `story_ids` only (rows of other stories are kept)."""
        name = f"comparisons/{kind}"
        if self._tx is None:
            with self.transaction(f"compare {kind}") as tx:
                tx.write_comparison(kind, rows, story_ids)
            return
        writing = self._tx
        if story_ids is None or name not in writing.versions:
            self._store(name, rows.sort("story_id", maintain_order=True), "overwrite")
            return
        from deltalake import DeltaTable

        path = str(self._table(name))
        if story_ids:
            listed = ", ".join("'" + k.replace("'", "''") + "'" for k in sorted(set(story_ids)))
            DeltaTable(path).delete(f"story_id IN ({listed})")
            writing.versions[name] = DeltaTable(path).version()
        self.extend(name, rows)

    # --- append-only tables (marks) --------------------------------------------------------

    @contextmanager
    def _locked(self, name: str) -> Iterator[None]:
        # An exclusive lock: the app and the CLI may mark at once, and writers of the
        # corpus must run one at a time (each reads the state the one before committed).
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self.path / f".{name}.lock", "a+b") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def append(self, name: str, rows: pl.DataFrame) -> pl.DataFrame:
        """Append `rows` to the append-only table `name` (see `APPEND_ONLY`), as one Delta
        commit and under a lock; returns the whole table as written. Earlier rows are
        never changed or dropped."""
        if name not in APPEND_ONLY:
            raise ValueError(f"name should be one of {sorted(APPEND_ONLY)}. Got {name!r} instead.")
        schema.validate(rows, FILES[name], name)
        rows = rows.select(list(FILES[name]))
        path = self._table(name)
        with self._locked(name):
            start = self.scan(name).select(pl.len()).collect().item()
            rows = rows.with_columns(pl.int_range(start, start + rows.height).alias(APPENDED))
            if self.has(name):
                rows.write_delta(str(path), mode="append")
            else:
                rows.write_delta(str(path), mode="overwrite")
            return self.read(name)

    def modified(self, name: str) -> int:
        """A number that changes whenever table `name` as read here changes (0 when the
        corpus lacks it): caches of a table that changes on its own (marks) key on it."""
        version = self._version(name)
        return 0 if version is None else version + 1

    # --- files beside the tables ------------------------------------------------------------

    def cache_dir(self) -> Path:
        """The embedding cache folder: embed.cache_dir when configured, else
        <corpus>/cache."""
        if self.cache is not None:
            return Path(self.cache)
        configured = self.manifest.get("config", {}).get("embed", {}).get("cache_dir")
        return Path(configured) if configured else self.path / "cache"

    def disk_bytes(self) -> int:
        """Bytes the corpus's tables take on disk (every version kept: time travel)."""
        return sum(
            p.stat().st_size
            for p in self.path.rglob("*")
            if p.is_file() and not p.is_relative_to(self.path / "cache")
        )

    @property
    def exports(self) -> Path:
        """Where `storylens export` writes when given no --out."""
        return self.path / "export"

    @property
    def uploads(self) -> Path:
        """The folder where files uploaded through the app are kept (created on demand):
        rejects and the manifest name them there, and they are never lost."""
        return self.path / "uploads"

    @property
    def manifest(self) -> dict[str, Any]:
        """Input hashes, parameters, library versions, counts: part of each commit."""
        if self._tx is not None:
            return dict(self._tx.manifest)
        commit = self.commit
        return {} if commit is None else dict(commit.get("manifest", {}))

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        manifest = {
            **manifest,
            "updated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "versions": library_versions(),
        }
        if self._tx is None:
            with self.transaction("manifest") as tx:
                tx.write_manifest(manifest)
            return
        # The article-rows lookup the transaction keeps current with the articles it
        # wrote (`_write_article_rows`) stays named, whatever manifest the caller built.
        if "article_rows" in self._tx.manifest and "article_rows" not in manifest:
            manifest["article_rows"] = self._tx.manifest["article_rows"]
        self._tx.manifest = manifest

    # --- transactions ------------------------------------------------------------------------

    @contextmanager
    def transaction(self, command: str, fresh: bool = False) -> Iterator[Corpus]:
        """Hold the corpus's writer lock and yield a `Corpus` to read and write through;
        everything written becomes visible at once, as commit n+1, when the block ends
        without an exception (and never otherwise). `fresh`: start from an empty corpus
        (`run`): tables this transaction does not write are not part of the new commit.
        Marks are no part of it: they are kept whatever happens."""
        with self._locked("write"):
            last = self._read_commit()
            self._recover(last)
            tables = {} if fresh or last is None else dict(last["tables"])
            manifest = {} if fresh or last is None else dict(last.get("manifest", {}))
            tx = _Transaction(command, tables, manifest)
            writer = Corpus(self.path, cache=self.cache, _tx=tx)
            try:
                yield writer
                writer._compact()
            except BaseException:
                # Leave no table ahead of the corpus log (the next writer would do it too).
                self._recover(last)
                raise
            self._commit(last, tx)

    def _compact(self) -> None:
        """Rewrite the small files of every table this transaction wrote into few large
        ones (Delta OPTIMIZE: a new version with the same rows) once it has more than
        COMPACT_FILES per partition; older versions keep their files, so time travel is
        unaffected."""
        from deltalake import DeltaTable

        tx = self._writing()
        for name in sorted(tx.written & VERSIONED.keys()):
            appended, total = self.appended_rows(name)
            if appended > VERSIONED_SHARE * total:
                # Once per VERSIONED_SHARE of growth: the newest rows, written whole (no
                # version column); older Delta versions keep their files (time travel).
                self._store(name, self.scan(name, ordered=False).collect(), "overwrite")
                tx.compacted.append(name)
        for name in sorted(tx.written):
            table = DeltaTable(str(self._table(name)))
            files = table.file_uris()
            folders = {uri.rsplit("/", 1)[0] for uri in files}  # one per partition
            if len(files) > COMPACT_FILES * len(folders):
                table.optimize.compact()
                tx.versions[name] = DeltaTable(str(self._table(name))).version()

    def _recover(self, last: dict[str, Any] | None) -> None:
        """Restore every table a dead (or failed) writer moved past the last commit."""
        from deltalake import DeltaTable

        for name, version in (last or {}).get("tables", {}).items():
            table = DeltaTable(str(self._table(name)))
            if table.version() > version:
                table.restore(version)

    def _commit(self, last: dict[str, Any] | None, tx: _Transaction) -> None:
        number = 1 if last is None else int(last["commit"]) + 1
        record = {
            "commit": number,
            "at": datetime.now(UTC).isoformat(),
            "command": tx.command,
            "tables": dict(sorted(tx.versions.items())),
            "manifest": tx.manifest,
        }
        if tx.compacted:  # VERSIONED tables this commit rewrote as their newest rows
            record["compacted"] = sorted(tx.compacted)
        folder = self.path / _LOG
        folder.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(record, indent=1, sort_keys=True, default=str).encode("utf-8")
        fd, tmp = tempfile.mkstemp(prefix=".commit.", suffix=".tmp", dir=folder)
        os.fchmod(fd, _default_mode())
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            # link() fails if the name exists: a commit is never overwritten.
            os.link(tmp, folder / f"{number:020d}.json")
        finally:
            Path(tmp).unlink(missing_ok=True)
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

    # --- conversion from older layouts ------------------------------------------------------

    def _threshold(self, threshold: float | None) -> float:
        """`threshold`, else the corpus's configured near-duplicate threshold."""
        if threshold is not None:
            return threshold
        ingest = self.manifest.get("config", {}).get("ingest", {})
        return float(ingest.get("near_duplicate_threshold", 0.8))

    def needs_upgrade(self, threshold: float | None = None) -> list[str]:
        """The lookup tables `upgrade` would (re)write: duplicate_keys when missing or
        built at another near-duplicate `threshold`; embeddings when not stored by
        month. Empty for a corpus written by this release."""
        if not self.has("articles"):
            return []
        out = []
        # The keys were built at the corpus's configured threshold (run, add, upgrade).
        if not self.has("duplicate_keys") or self._threshold(threshold) != self._threshold(None):
            out.append("duplicate_keys")
        if self.has("embeddings") and not self.partitioned_by_month("embeddings"):
            out.append("embeddings")
        return out

    def upgrade(self, threshold: float | None = None) -> list[str]:
        """Inside a transaction: write what this release keeps beside the articles of a
        corpus written by an earlier one (see `needs_upgrade`): the DUPLICATE_KEYS of
        every article at the near-duplicate `threshold`, the embeddings with their
        publication times in month partitions. Reads the whole corpus once; returns the
        tables written. Nothing else changes: same rows, same ids."""
        from clustering.ingest.dedupe import duplicate_keys

        self._writing()  # only inside a transaction
        threshold = self._threshold(threshold)
        todo = self.needs_upgrade(threshold)
        if "duplicate_keys" in todo:
            articles = self.read("articles")
            keys = [
                duplicate_keys(articles.slice(start, 50_000), threshold)
                for start in range(0, max(articles.height, 1), 50_000)
            ]
            self._store("duplicate_keys", pl.concat(keys), "overwrite")
        if "embeddings" in todo:
            published = self.scan("articles").select("article_id", "published_at")
            vectors = self.scan("embeddings")
            vectors = vectors.drop(
                [c for c in ("published_at", MONTH) if c in vectors.collect_schema().names()]
            )
            self._store(
                "embeddings",
                vectors.join(published, on="article_id", how="left", maintain_order="left")
                .select("article_id", "published_at", "vector")
                .collect(),
                "overwrite",
            )
        return todo

    def migrate(self, threshold: float | None = None) -> dict[str, int]:
        """Convert a corpus of Parquet files (the release before the Delta tables) into
        Delta tables in one commit, check that every table kept its rows and ids, and
        move the old files into <corpus>/parquet-before-migrate/. A Delta corpus of an
        earlier release gets its lookup tables instead (`upgrade`, one commit). Returns
        table -> rows."""
        if self.exists() and self.needs_upgrade(threshold):
            with self.transaction("migrate") as tx:
                tx.upgrade(threshold)
            return {name: self.scan(name).select(pl.len()).collect().item() for name in FILES}
        if not self.is_legacy():
            raise CorpusError(
                f"{self.path} holds no corpus of Parquet files to migrate"
                + (" (it is already a Delta corpus)" if self.exists() else "")
            )
        legacy: dict[str, pl.DataFrame] = {}
        for name in [*FILES, *OTHER_TABLES]:
            path = self.path / f"{name}.parquet"
            if path.exists():
                legacy[name] = pl.read_parquet(path)
        for kind in COMPARISON_KINDS:
            path = self.path / "comparisons" / f"{kind}.parquet"
            if path.exists():
                legacy[f"comparisons/{kind}"] = pl.read_parquet(path)
        manifest_path = self.path / "manifest.json"
        manifest = (
            json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
        )
        with self.transaction("migrate", fresh=True) as tx:
            for name, frame in legacy.items():
                if name in APPEND_ONLY:
                    continue
                if name in FILES:  # older files may lack a later column: filled with nulls
                    frame = frame.with_columns(
                        pl.lit(None, dtype).alias(c)
                        for c, dtype in FILES[name].items()
                        if c not in frame.columns
                    )
                tx._store(name, frame, "overwrite")
            tx._writing().manifest = manifest
            tx.upgrade(threshold)
        if "marks" in legacy and not self.has("marks"):
            self.append("marks", legacy["marks"])
        counts = {}
        for name, frame in legacy.items():
            stored = self.read(name)
            if stored.height != frame.height:
                raise CorpusError(
                    f"migrate: {name} has {stored.height} rows, the Parquet file "
                    f"{frame.height}; the Parquet files are left in place"
                )
            for key in ("article_id", "story_id"):
                if key in frame.columns and set(stored[key]) != set(frame[key]):
                    raise CorpusError(
                        f"migrate: {name} lost or gained {key}s; the Parquet files are "
                        "left in place"
                    )
            counts[name] = stored.height
        backup = self.path / _LEGACY_BACKUP
        backup.mkdir(exist_ok=True)
        for name in [*legacy, "manifest"]:
            source = self.path / (f"{name}.json" if name == "manifest" else f"{name}.parquet")
            if source.exists():
                target = backup / source.relative_to(self.path)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(source, target)
        return counts


#: The article-rows lookup's table: LOOKUP_COLUMNS as text, keyed by article_id, and
#: published_at as microseconds since the epoch (UTC).
_LOOKUP_TABLE = (
    "CREATE TABLE IF NOT EXISTS articles ("
    + ", ".join(
        f"{c} {'INTEGER' if c == 'published_at' else 'TEXT'}"
        + (" PRIMARY KEY" if c == "article_id" else "")
        for c in LOOKUP_COLUMNS
    )
    + ")"
)


def _insert_rows(path: Path, rows: pl.DataFrame) -> None:
    """Write the LOOKUP_COLUMNS of ARTICLES `rows` into the SQLite file `path` (created
    when missing), replacing rows of the same ids, as one SQLite transaction (a writer
    killed half way leaves the file as it was: SQLite's journal)."""
    import sqlite3

    columns = ", ".join(LOOKUP_COLUMNS)
    marks = ", ".join("?" * len(LOOKUP_COLUMNS))
    frame = rows.select(LOOKUP_COLUMNS).with_columns(
        pl.col("published_at").dt.convert_time_zone("UTC").dt.epoch("us")
    )
    con = sqlite3.connect(path, timeout=60)
    try:
        con.execute("PRAGMA synchronous=NORMAL")
        with con:
            con.execute(_LOOKUP_TABLE)
            for part in frame.iter_slices(100_000):  # bounded memory at 1M rows
                con.executemany(
                    f"INSERT OR REPLACE INTO articles ({columns}) VALUES ({marks})",
                    part.iter_rows(),
                )
    finally:
        con.close()
    os.chmod(path, _default_mode())


def _lookup_rows(path: Path, article_ids: list[str], columns: list[str]) -> pl.DataFrame | None:
    """The ARTICLES rows (`columns` of LOOKUP_COLUMNS, typed as in ARTICLES) of those of
    `article_ids` that the SQLite file `path` holds, in no order; None when the file
    cannot be read (locked past the timeout, damaged, or left mid-write by a killed
    writer: the caller reads the table instead)."""
    import sqlite3

    names = list(dict.fromkeys(columns))
    query = (
        f"SELECT {', '.join(names)} FROM articles"
        " WHERE article_id IN (SELECT value FROM json_each(?))"
    )
    try:
        con = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=10)
        try:
            found = con.execute(query, (json.dumps(article_ids),)).fetchall()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    stored = {c: (pl.Int64 if c == "published_at" else schema.ARTICLES[c]) for c in names}
    frame = pl.DataFrame(found, schema=stored, orient="row")
    if "published_at" in names:
        frame = frame.with_columns(
            pl.from_epoch("published_at", time_unit="us").dt.replace_time_zone("UTC")
        )
    return frame.cast({c: schema.ARTICLES[c] for c in names})  # type: ignore[dict-item]


def _scan_delta(path: Path, version: int) -> pl.LazyFrame:
    """Delta table `path` at `version`, lazily. delta-rs lists its data files as
    percent-encoded URIs, which polars 2.1 opens as written: under a folder named with a
    space (or %, #, ? or non-ASCII) every read failed with 'No such file or directory'
    (pola-rs/polars#20944; its pyarrow reader instead fails on string filters). For such
    a path the files are scanned by their decoded names, as `scan_delta` scans them
    (partition columns from the folder names, columns a file lacks inserted as null);
    the corpus writes no deletion vectors."""
    text = str(path)
    if quote(text, safe="/") == text:
        return pl.scan_delta(text, version=version)
    from deltalake import DeltaTable

    table = DeltaTable(text, version=version)
    columns = pl.Schema(pa.schema(table.schema().to_arrow()))
    files = [unquote(uri) for uri in table.file_uris()]
    if not files:
        return pl.LazyFrame(schema=columns)
    parts = table.metadata().partition_columns
    return pl.scan_parquet(
        files,
        schema=pl.Schema({k: v for k, v in columns.items() if k not in parts}),
        hive_partitioning=bool(parts),
        hive_schema=pl.Schema({k: columns[k] for k in parts}) if parts else None,
        missing_columns="insert",
        extra_columns="ignore",
    ).select(list(columns))


def _newest(frame: pl.LazyFrame, key: str) -> pl.LazyFrame:
    """The rows of a VERSIONED table as they stand: per `key`, the row of the highest
    ROW_VERSION (a row without one when none has it), tombstones dropped; the version
    columns dropped. A table without them (written whole) is returned as it is.

    The newest versions are found among the appended rows only (a small share of the
    table, see VERSIONED_SHARE) and joined to every row, so a filter the caller puts on
    the result (a story's members) is pushed below the join to the stored rows."""
    names = frame.collect_schema().names()
    if ROW_VERSION not in names:
        return frame
    newest = (
        frame.select(key, ROW_VERSION)
        .filter(pl.col(ROW_VERSION).is_not_null())
        .group_by(key)
        .agg(pl.col(ROW_VERSION).max().alias("_newest"))
    )
    return (
        frame.join(newest, on=key, how="left")
        .filter(
            pl.col("_newest").is_null() | (pl.col(ROW_VERSION) == pl.col("_newest")),
            ~pl.col(DELETED).fill_null(False),
        )
        .drop("_newest", ROW_VERSION, DELETED)
    )


def _extra(frame: pl.LazyFrame, declared: pl.Schema) -> list[str]:
    """Columns stored beyond the declared schema (kept, after the declared ones)."""
    return [c for c in frame.collect_schema().names() if c not in declared]


__all__ = [
    "Corpus",
    "KeyIndexFiles",
    "VectorIndexFiles",
    "CorpusError",
    "CorpusExistsError",
    "DEFAULT_CORPUS",
    "atomic_write",
    "write_parquet_atomic",
    "write_json_atomic",
    "file_sha256",
]
