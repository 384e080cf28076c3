"""From input paths to ARTICLES and REJECTS frames: listing, dispatch per format, counts.

Every record read ends up as exactly one accepted article, one flagged duplicate or
one reject with file, line, field and reason, and `IngestResult` checks that the
counts add up. A file that cannot be read at all, or holds no record, is one reject.
Documentation and hidden files inside a folder are not read but listed, with the reason.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import polars as pl

from clustering.config import IngestConfig
from clustering.ingest.aggregator import parse_aggregator
from clustering.ingest.csvfile import guess_file_columns, read_csv
from clustering.ingest.dedupe import StoredCopies, flag_duplicates
from clustering.ingest.detect import (
    SNIFF_BYTES,
    Format,
    decode_bytes,
    detect_format,
    encoding_warning,
)
from clustering.ingest.jsonfile import read_json, read_jsonl
from clustering.ingest.language import with_languages
from clustering.ingest.outlets import outlet_table
from clustering.ingest.parquetfile import read_parquet
from clustering.ingest.records import (
    Chunk,
    IngestError,
    Source,
    check_column_mapping,
    record_raw,
    whole_file_raw,
)
from clustering.ingest.textfile import parse_text
from clustering.schema import ARTICLES, REJECTS, empty

#: Formats whose records are rows with named fields: IngestConfig.columns applies to them.
TABULAR: frozenset[str] = frozenset({"jsonl", "json", "news-please", "csv", "parquet"})
#: A one-article file (HTML, text) larger than this many times max_body_chars is rejected
#: unread: no page needs that much markup around its text.
MAX_DOCUMENT_FACTOR = 4

PER_FILE = pl.Schema(
    {
        "source_file": pl.String,
        "format": pl.String,
        "read": pl.Int64,
        "accepted": pl.Int64,
        "duplicates": pl.Int64,
        "rejected": pl.Int64,
        "note": pl.String,  # why a file was skipped (format "skipped", read 0); null otherwise
    }
)


#: Format given in PER_FILE to a file found in a folder but not read (see `skip_reason`).
SKIPPED = "skipped"

# Repository documentation, named by its stem in any case (README.md, changelog.rst,
# License.txt) or as an upper-case prefix (LICENSE-MIT, README_fr.md); a slug such as
# "licence-fee-frozen.txt" is an article.
_DOC_STEM = re.compile(
    r"^(read[-_ ]?me|licen[cs]e|copying|change[-_ ]?log|contributing|code[-_]of[-_]conduct|"
    r"citation)$",
    re.IGNORECASE,
)
_DOC_PREFIX = re.compile(r"^(README|LICEN[CS]E|COPYING|CHANGELOG)[-_]")
# An ALL-CAPS name with no extension or a markup one (AUTHORS, NOTICE, HISTORY.md, NOTES.rst)
# is a documentation file by convention; an article saved as text is not named like that.
_CAPS_DOC = re.compile(r"^[A-Z][A-Z0-9_-]*[A-Z0-9](\.(md|markdown|rst))?$")


def skip_reason(name: str) -> str | None:
    """Why a file called `name`, found inside a folder, is not read as an article; or None.

    Hidden files (.gitkeep, .DS_Store) and documentation files (README*, LICENSE*,
    CHANGELOG*, CONTRIBUTING*, ALL-CAPS names such as AUTHORS or NOTES.md) are skipped.
    A file given explicitly is always read.
    """
    if name.startswith("."):
        return "hidden file: not read as an article (give it as a file to read it)"
    if _DOC_STEM.match(name.split(".")[0]) or _DOC_PREFIX.match(name) or _CAPS_DOC.match(name):
        return "documentation file: not read as an article (give it as a file to read it)"
    return None


def _walk_folder(folder: Path) -> list[tuple[Path, str | None]]:
    """(file, skip reason or None) under `folder`, sorted; a hidden sub-folder is one
    skipped entry, not walked (a .git folder holds thousands of files).

    A sub-folder or file the user may not read is a skipped entry with the reason
    (os.walk would pass over such a folder in silence, and hashing such a file for the
    corpus's manifest would stop the run)."""
    found: list[tuple[Path, str | None]] = []

    def folder_error(error: OSError) -> None:
        why = error.strerror or str(error)
        found.append(
            (
                Path(error.filename or folder),
                f"folder cannot be read ({why}): not read; fix its permissions",
            )
        )

    for root, dirs, names in os.walk(folder, onerror=folder_error):
        base = Path(root)
        for name in dirs:
            if name.startswith("."):
                found.append((base / name, "hidden folder: not read"))
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            path = base / name
            # A broken link, socket or pipe is no file to read (opening a pipe would block).
            reason = skip_reason(name) if path.is_file() else "not a regular file: not read"
            if reason is None and not os.access(path, os.R_OK):
                reason = "file cannot be read (Permission denied): not read; fix its permissions"
            found.append((path, reason))
    return sorted(found)


def walk_inputs(inputs: Sequence[str | Path]) -> Iterator[tuple[Path, str | None]]:
    """Every path named by `inputs` as (path, None) to read or (path, reason) skipped.

    Folders are walked recursively in sorted order; files in them that `skip_reason`
    names, hidden sub-folders and what is no regular file (a broken link, a pipe) come
    with their reason. A file given explicitly is
    read, hidden or not. A file reached twice comes once (read, if it is read anywhere).
    Raises FileNotFoundError for a path that does not exist and `IngestError` for a
    folder with no file to read.
    """
    if isinstance(inputs, str | Path):
        inputs = [inputs]
    entries: list[tuple[Path, str | None]] = []
    for item in inputs:
        path = Path(item)
        if not path.exists():
            raise FileNotFoundError(f"input path {str(item)!r} does not exist")
        if not path.is_dir():
            entries.append((path, None))
            continue
        found = _walk_folder(path)
        if not any(reason is None for _, reason in found):
            skipped = "; ".join(f"{p.name}: {why}" for p, why in found[:5]) + (
                "; ..." if len(found) > 5 else ""
            )
            raise IngestError(
                f"no input files found in {str(item)!r} (hidden, documentation and unreadable "
                "files are skipped" + (f": {skipped}" if skipped else "") + ")"
            )
        entries.extend(found)
    read = {path.resolve() for path, reason in entries if reason is None}
    seen: set[Path] = set()
    for path, reason in entries:
        key = path.resolve()
        if key in seen or (reason is not None and key in read):
            continue
        seen.add(key)
        yield path, reason


def iter_input_files(inputs: Sequence[str | Path]) -> Iterator[Path]:
    """The files to read among `inputs` (see `walk_inputs`; skipped files left out)."""
    return (path for path, reason in walk_inputs(inputs) if reason is None)


def _file_reject(source: Source, reason: str, raw: str = "") -> Chunk:
    chunk = Chunk()
    chunk.reject(source, 1, "", reason, raw)
    return chunk


def _read_document(
    path: Path, source: Source, parse: Callable[[str], dict[str, Any]], max_bytes: int
) -> Iterator[Chunk]:
    """A file holding one article (HTML page, text, aggregator paste): one record, line 1."""
    size = path.stat().st_size
    if size > max_bytes:
        with open(path, "rb") as fh:
            head, _ = decode_bytes(fh.read(4000))
        yield _file_reject(
            source,
            f"file has {size:,} bytes, more than {max_bytes:,} for one article "
            f"({MAX_DOCUMENT_FACTOR} x max_body_chars)",
            whole_file_raw(head, size),
        )
        return
    data = path.read_bytes()
    text, encoding = decode_bytes(data)
    warnings = [w for w in [encoding_warning(encoding)] if w]
    fields = parse(text)
    if not (fields.get("body") or "").strip() and (fields.get("title") or "").strip():
        warnings.append("no article text found: only the title was kept")
    chunk = Chunk()
    chunk.add(fields, source, 1, lambda: whole_file_raw(text, size), warnings)
    yield chunk


def _read_feed(path: Path, source: Source) -> Iterator[Chunk]:
    from clustering.ingest.feed import parse_feed  # feedparser: imported when a feed is read

    data = path.read_bytes()
    entries, problem = parse_feed(data)
    if not entries:
        reason = "feed has no entries" + (f" (the feed is malformed: {problem})" if problem else "")
        yield _file_reject(source, reason, whole_file_raw(decode_bytes(data)[0], len(data)))
        return
    warnings = (
        [f"the feed is malformed ({problem}); its entries were read anyway"] if problem else []
    )
    chunk = Chunk()
    for index, fields in enumerate(entries, 1):
        chunk.add(fields, source, index, partial(record_raw, fields), warnings)
    yield chunk


def _read_json(path: Path, source: Source) -> Iterator[Chunk]:
    data = path.read_bytes()
    text, encoding = decode_bytes(data)
    warnings = [w for w in [encoding_warning(encoding)] if w]
    yield from read_json(text, len(data), source, warnings)


def _records(path: Path, source: Source, config: IngestConfig) -> Iterator[Chunk]:
    """Chunks of records of `path`, read as `source.format` (lazily: errors surface
    while iterating, inside `_guarded`)."""
    max_bytes = MAX_DOCUMENT_FACTOR * config.max_body_chars
    match source.format:
        case "jsonl":
            yield from read_jsonl(path, source)
        case "json" | "news-please":
            yield from _read_json(path, source)
        case "csv":
            yield from read_csv(path, source)
        case "parquet":
            yield from read_parquet(path, source)
        case "feed":
            yield from _read_feed(path, source)
        case "html":
            # trafilatura and lxml: imported when a page is read (~0.1 s of every command)
            from clustering.ingest.htmlpage import parse_html

            yield from _read_document(path, source, parse_html, max_bytes)
        case "aggregator":
            yield from _read_document(path, source, parse_aggregator, max_bytes)
        case "text":
            yield from _read_document(path, source, parse_text, max_bytes)
        case _:
            yield _binary_reject(path, source)


def _binary_reject(path: Path, source: Source) -> Chunk:
    with open(path, "rb") as fh:
        head = fh.read(4)
    what = (
        "gzip-compressed data: decompress it first"
        if head[:2] == b"\x1f\x8b"
        else ("a zip archive: extract it first" if head[:2] == b"PK" else "binary data")
    )
    return _file_reject(
        source,
        f"not a format StoryLens reads ({what}); it reads JSON Lines, JSON, CSV, Parquet, "
        "HTML, RSS/Atom feeds and text files",
        f"[binary file of {path.stat().st_size:,} bytes]",
    )


def _guarded(chunks: Iterator[Chunk], source: Source) -> Iterator[Chunk]:
    """`chunks`, with a failure mid-file turned into one reject, and an empty file into one."""
    n = 0
    try:
        for chunk in chunks:
            n += len(chunk)
            yield chunk
    except OSError as error:
        yield _file_reject(source, f"file became unreadable after {n} records: {error}")
        return
    except Exception as error:  # a reader's bug must not end the whole run: report it
        yield _file_reject(
            source,
            f"unexpected error after {n} records ({type(error).__name__}: {error}); "
            "this is a StoryLens bug, please report it",
        )
        return
    if n == 0:
        yield _file_reject(source, f"file holds no records (read as {source.format})")


def check_config(config: IngestConfig) -> tuple[tuple[str, str], ...]:
    """The explicit column mapping, checked; and the outlet table read once, so that a
    bad table stops the run before any file (raises `IngestError` naming the file)."""
    columns = check_column_mapping(config.columns)
    try:
        outlet_table(config.outlets)
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise IngestError(f"outlet table {config.outlets}: {error}") from error
    return columns


def read_chunks(path: Path, config: IngestConfig) -> tuple[str, Iterator[Chunk]]:
    """(format, chunks of records) for one file; never raises for a bad file."""
    columns = check_config(config)
    base = Source(file=str(path), format="unreadable", max_body_chars=config.max_body_chars)
    try:
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
        fmt: Format | str = detect_format(path, head) if head else "empty"
    except OSError as error:
        return "unreadable", iter([_file_reject(base, f"could not read the file: {error}")])
    if fmt == "empty":
        return fmt, iter([_file_reject(base, "file is empty")])
    source = Source(
        file=str(path),
        format=fmt,
        max_body_chars=config.max_body_chars,
        columns=columns if fmt in TABULAR else (),
        outlets=config.outlets,
    )
    return fmt, _guarded(_records(path, source, config), source)


def to_frames(chunk: Chunk) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(ARTICLES, REJECTS) frames of a chunk; articles the input gives no language for
    get the one detected from their text (`language.with_languages`)."""
    articles = pl.DataFrame(chunk.articles, schema=ARTICLES) if chunk.articles else empty(ARTICLES)
    articles = with_languages(articles)
    rejects = pl.DataFrame(chunk.rejects, schema=REJECTS) if chunk.rejects else empty(REJECTS)
    return articles, rejects


def read_file(path: Path, config: IngestConfig) -> tuple[pl.DataFrame, pl.DataFrame]:
    """One file -> (ARTICLES with duplicate_of/duplicate_kind null, REJECTS).

    The format is sniffed from the content (`detect_format`). Never raises for a bad
    file: an unreadable, empty or binary file is one REJECTS row. Raises
    `IngestError` for a bad `config.columns`.
    """
    got = read_one(Path(path), config)
    return got.articles, got.rejects


def iter_batches(
    inputs: Sequence[str | Path], config: IngestConfig
) -> Iterator[tuple[Path, pl.DataFrame, pl.DataFrame]]:
    """(file, ARTICLES, REJECTS) per chunk of at most `CHUNK_RECORDS` records, file by file.

    Duplicates are not flagged (see `flag_duplicates`); files skipped in a folder are
    not yielded (`walk_inputs` lists them). Memory stays bounded by one chunk, except
    for JSON documents, which are parsed whole.
    """
    check_config(config)
    for path in iter_input_files(inputs):
        _, chunks = read_chunks(path, config)
        for chunk in chunks:
            articles, rejects = to_frames(chunk)
            yield path, articles, rejects


@dataclass(frozen=True)
class IngestResult:
    """What `load_articles` read: the articles, the rejects and the counts.

    articles: ARTICLES, duplicates included and flagged (duplicate_of not null).
    rejects: REJECTS. per_file: one row per file found (PER_FILE schema: source_file,
    format, read, accepted, duplicates, rejected, note), in the order read; a file
    skipped in a folder (documentation, hidden: see `skip_reason`) has format
    "skipped", read 0 and its reason in `note`; a table's note says the columns guessed
    ("columns: body=Story Text (name), ..."). n_read == n_accepted + n_duplicates +
    n_rejected always.
    """

    articles: pl.DataFrame
    rejects: pl.DataFrame
    per_file: pl.DataFrame
    n_read: int
    n_accepted: int
    n_duplicates: int
    n_rejected: int

    def __post_init__(self) -> None:
        assert self.n_read == self.n_accepted + self.n_duplicates + self.n_rejected, (
            f"ingest counts do not add up: read {self.n_read} != accepted {self.n_accepted} "
            f"+ duplicates {self.n_duplicates} + rejected {self.n_rejected}"
        )


def _note_shared_source_ids(articles: pl.DataFrame) -> pl.DataFrame:
    """Add a warning to `extra` of articles whose user id another record also uses."""
    counts = articles.group_by("source_id").len().filter(pl.col("source_id").is_not_null())
    shared = dict(counts.filter(pl.col("len") > 1).iter_rows())
    if not shared:
        return articles

    def note(row: dict[str, Any]) -> str:
        n = shared.get(row["source_id"])
        if n is None:
            return row["extra"]
        extra = json.loads(row["extra"])
        extra.setdefault("_warnings", []).append(
            f"source_id {row['source_id']!r} is used by {n} records; article_id tells them apart"
        )
        return json.dumps(extra, ensure_ascii=False)

    return articles.with_columns(
        extra=pl.struct("source_id", "extra").map_elements(note, return_dtype=pl.String)
    )


@dataclass(frozen=True)
class FileRead:
    """One file read (`read_one`): its sniffed format, ARTICLES (duplicates not yet
    flagged), REJECTS and the notes its chunks made (columns guessed, ...)."""

    format: str
    articles: pl.DataFrame
    rejects: pl.DataFrame
    notes: tuple[str, ...]


def read_one(path: Path, config: IngestConfig) -> FileRead:
    """Read one input file whole (never raises for a bad file: see `read_file`)."""
    fmt, chunks = read_chunks(Path(path), config)
    articles, rejects, notes = [], [], []
    for chunk in chunks:
        notes.extend(chunk.notes)
        a, r = to_frames(chunk)
        articles.append(a)
        rejects.append(r)
    return FileRead(
        fmt,
        pl.concat(articles) if articles else empty(ARTICLES),
        pl.concat(rejects) if rejects else empty(REJECTS),
        tuple(notes),
    )


#: Reads files for `load_articles`: one `FileRead` per path, in the order given
#: (`read_one` over them, here or on other machines: `clustering.engine`).
FileReader = Callable[[Sequence[Path], IngestConfig], Sequence[FileRead]]


def load_articles(
    inputs: Sequence[str | Path],
    config: IngestConfig,
    existing: pl.DataFrame | StoredCopies | None = None,
    read_files: FileReader | None = None,
) -> IngestResult:
    """Read every input file, flag duplicates, count.

    Folders are walked (`walk_inputs`): documentation and hidden files in them are not
    read but listed in `per_file` as "skipped" with the reason.

    `existing` (ARTICLES of a corpus being added to, or its stored keys: see
    `flag_duplicates`) is only used to flag new articles that copy one of its
    articles; it is not part of the result. `read_files` reads the files (default:
    `read_one` each in this process; the Ray engine reads them in Ray Data batches);
    duplicates are flagged and counted here, over all of them. Raises
    FileNotFoundError / `IngestError` for missing paths, an empty folder or a bad
    `config.columns`; a bad file or record never raises (it is rejected).
    """
    check_config(config)
    found = list(walk_inputs(inputs))
    to_read = [path for path, reason in found if reason is None]
    reads = iter(
        read_files(to_read, config) if read_files else [read_one(p, config) for p in to_read]
    )
    articles, rejects = [], []
    per_file: list[tuple[str, str, int, int, int, str | None]] = []
    for path, reason in found:
        if reason is not None:  # listed with its reason: nothing is dropped silently
            per_file.append((str(path), SKIPPED, 0, 0, 0, reason))
            continue
        got = next(reads)
        articles.append(got.articles)
        rejects.append(got.rejects)
        n_articles, n_rejects = got.articles.height, got.rejects.height
        note = "; ".join(got.notes) or None
        per_file.append(
            (str(path), got.format, n_articles + n_rejects, n_articles, n_rejects, note)
        )
    all_articles = pl.concat(articles) if articles else empty(ARTICLES)
    all_rejects = pl.concat(rejects) if rejects else empty(REJECTS)
    all_articles = flag_duplicates(
        _note_shared_source_ids(all_articles), existing, config.near_duplicate_threshold
    )
    duplicates = dict(
        all_articles.filter(pl.col("duplicate_of").is_not_null())
        .group_by("source_file")
        .len()
        .iter_rows()
    )
    per_file_frame = pl.DataFrame(
        [
            (file, fmt, read, n - duplicates.get(file, 0), duplicates.get(file, 0), rejected, note)
            for file, fmt, read, n, rejected, note in per_file
        ],
        schema=PER_FILE,
        orient="row",
    )
    n_duplicates = int(all_articles["duplicate_of"].is_not_null().sum())
    return IngestResult(
        articles=all_articles,
        rejects=all_rejects,
        per_file=per_file_frame,
        n_read=sum(row[2] for row in per_file),
        n_accepted=all_articles.height - n_duplicates,
        n_duplicates=n_duplicates,
        n_rejected=all_rejects.height,
    )


@dataclass(frozen=True)
class FileInspection:
    """What reading one file would give, without writing anything.

    format: the sniffed format. columns: schema column -> input column, and how:
    how each was found ("given", "name", "content: ..."); both empty for formats whose
    fields are not a table (HTML, text, feeds). articles: ARTICLES of the first
    `n` records; rejects: REJECTS among them.
    """

    path: Path
    format: str
    columns: dict[str, str]
    how: dict[str, str]
    articles: pl.DataFrame
    rejects: pl.DataFrame


def inspect_file(path: str | Path, config: IngestConfig, n: int = 5) -> FileInspection:
    """The format, the column mapping (as guessed or given) and the first `n` records of
    one file: `storylens inspect FILE`. Reads at most the first chunk; writes nothing."""
    path = Path(path)
    fmt, chunks = read_chunks(path, config)
    columns: dict[str, str] = {}
    how: dict[str, str] = {}
    if fmt == "csv":
        source = Source(
            file=str(path),
            format=fmt,
            max_body_chars=config.max_body_chars,
            columns=check_column_mapping(config.columns),
        )
        columns, how = guess_file_columns(path, source)
    first = next(iter(chunks), Chunk())
    articles, rejects = to_frames(first)
    return FileInspection(path, fmt, columns, how, articles.head(n), rejects.head(n))
