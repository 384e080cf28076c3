"""Exports of a corpus for researchers: stories, article assignments, comparison tables
and users' marks on comparison flags, as CSV, Parquet or JSONL.

CSV is for spreadsheets, so list columns are joined with "; " and every text cell that a
spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return) is
prefixed with a single quote (OWASP's advice against CSV injection). Parquet and JSONL
keep the values exactly as stored.
"""

from __future__ import annotations

import io
import json
import logging
import re
from pathlib import Path
from typing import BinaryIO, Literal

import polars as pl

from clustering import datadict, schema
from clustering.corpus import Corpus, atomic_write
from clustering.errors import ExportExistsError
from clustering.marks import mark_states

Format = Literal["csv", "parquet", "jsonl"]
FORMATS: tuple[str, ...] = ("csv", "parquet", "jsonl")
_FORMULA_START = r"^[=+\-@\t\r]"
log = logging.getLogger(__name__)

#: What each export table holds, one line each (the export page and README show them);
#: comparison tables are "compare_<kind>".
DATA_DICTIONARY: dict[str, str] = {
    "stories": "one row per story",
    "articles": "one row per article with its story_id (the assignments)",
    "rejects": "input records that could not become articles, with the reason",
    "history": "story changes across corpus updates",
    "failures": "articles and stories one part of whose extraction or comparison raised "
    "(part, article, story, source file and line, error), by command; their other parts "
    "are in the other tables",
    "marks": "every verdict (wrong, right, cleared) a user gave on a comparison flag: "
    "who, when, note, and the flagged figures as <article_id>:<start>-<end>; append-only",
    "mark_states": "each marked flag's latest verdict and where its figures are now: "
    "attached to a current group (current_story_id, current_group_id) or orphaned",
}


def export_tables(corpus: Corpus) -> dict[str, pl.DataFrame]:
    """The tables an export writes: name -> frame."""
    articles = corpus.read("articles")
    assignments = corpus.read("assignments")
    tables = {
        "stories": corpus.read("stories"),
        # Every ARTICLES column (extra holds the input's own fields, e.g. a gold label, so
        # an export can be joined back to its source), with the story.
        "articles": articles.join(assignments, on="article_id", how="left")
        .select("story_id", *schema.ARTICLES.names(), "is_noise")
        .sort("story_id", "published_at", "article_id", nulls_last=True),
        "rejects": corpus.read("rejects"),
    }
    for kind, frame in sorted(corpus.read_comparisons().items()):
        tables[f"compare_{kind}"] = frame
    if corpus.has("history"):
        tables["history"] = corpus.read("history")
    failures = corpus.failures(latest=False)
    if failures.height:
        tables["failures"] = failures
    log = corpus.read("marks")
    if log.height:
        # The whole log (every verdict, withdrawn ones included), and each flag's latest
        # verdict with where its figures are now (attached or orphaned).
        tables["marks"] = log
        tables["mark_states"] = mark_states(corpus)
    return tables


def csv_safe(frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` ready for a spreadsheet: lists and structs flattened to text, formula-like
    text cells neutralised with a leading single quote."""
    exprs = []
    for name, dtype in frame.schema.items():
        col = pl.col(name)
        if isinstance(dtype, pl.List) and dtype.inner == pl.String:
            col = col.list.join("; ")
        elif isinstance(dtype, (pl.List, pl.Struct, pl.Array)):
            # nested values (e.g. a quote's word diff) as JSON text
            encoded = [
                json.dumps(v, default=str, ensure_ascii=False) for v in frame[name].to_list()
            ]
            col = pl.lit(pl.Series(name, encoded, dtype=pl.String))
        elif dtype != pl.String:
            exprs.append(col)
            continue
        exprs.append(
            pl.when(col.str.contains(_FORMULA_START)).then("'" + col).otherwise(col).alias(name)
        )
    return frame.select(exprs)


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"fmt should be one of {FORMATS}. Got {fmt!r} instead.")


def write_frame(frame: pl.DataFrame, fh: BinaryIO, fmt: Format) -> None:
    """Write `frame` to the binary file `fh` as CSV (spreadsheet-safe, see `csv_safe`),
    Parquet, or JSON Lines (values exactly as stored): the one place a format is chosen."""
    _check_format(fmt)
    if fmt == "parquet":
        frame.write_parquet(fh)
    elif fmt == "csv":
        csv_safe(frame).write_csv(fh)
    else:
        frame.write_ndjson(fh)


def write_table(frame: pl.DataFrame, path: Path, fmt: Format) -> None:
    """`write_frame` to `path`, atomically (readers see the old file or the new one)."""
    _check_format(fmt)  # before a temporary file is made
    atomic_write(path, lambda fh: write_frame(frame, fh, fmt))


def table_bytes(frame: pl.DataFrame, fmt: Format) -> bytes:
    """`frame` as the bytes of a downloadable file (`write_frame` in memory)."""
    buffer = io.BytesIO()
    write_frame(frame, buffer, fmt)
    return buffer.getvalue()


def export_readme(tables: dict[str, pl.DataFrame], fmt: Format, skipped: list[str]) -> str:
    """The README.md an export folder carries: what each file holds, which tables were
    empty and not written, then the data dictionary of every column."""
    lines = ["# StoryLens export", "", "| file | rows | what |", "|---|---|---|"]
    for name, frame in tables.items():
        what = DATA_DICTIONARY.get(name, "")
        if name.startswith("compare_"):
            what = f"comparison table ({name.removeprefix('compare_')}) of every story"
        shown = "not written (empty)" if name in skipped else f"`{name}.{fmt}`"
        lines.append(f"| {shown} | {frame.height} | {what} |")
    if skipped:
        lines += [
            "",
            f"Empty tables are not written as JSON Lines: an empty .jsonl file has no columns "
            f"and cannot be read back ({', '.join(skipped)}). Their columns are below.",
        ]
    body = datadict.markdown().split("\n", 1)[1]  # without its own title
    return "\n".join(lines) + "\n\n## Columns\n" + body.replace("\n## ", "\n### ")


#: The names of the files an export writes (of any format), and its README.md.
_EXPORT_FILE = re.compile(
    r"^(?:(?:stories|articles|rejects|history|failures|marks|mark_states|compare_\w+)"
    r"\.(?:csv|parquet|jsonl)|README\.md)$"
)


def earlier_export(out: Path) -> list[Path]:
    """The files in `out` that bear the name of an export file (an earlier export's, of
    any format, or a user's own file of such a name), sorted; [] when `out` is no folder."""
    if not out.is_dir():
        return []
    return sorted(p for p in out.iterdir() if p.is_file() and _EXPORT_FILE.match(p.name))


def export_corpus(corpus: Corpus, fmt: Format, out: Path, overwrite: bool = False) -> list[Path]:
    """Write every export table as `out/<table>.<fmt>` and a README.md describing them
    (the data dictionary); returns the paths written. An empty table is not written as
    JSONL (a 0-byte file no reader accepts): the README and a warning say so.

    A folder that already holds export files (`earlier_export`) is refused with
    `ExportExistsError` naming them, unless `overwrite`: then they are replaced, and
    those this export does not write again (another format's, a table now empty) are
    removed, so the folder holds one export that its README describes; a warning lists
    the removed ones. Other files in `out` are never touched."""
    _check_format(fmt)
    corpus.require()
    earlier = earlier_export(out)
    if earlier and not overwrite:
        names = ", ".join(p.name for p in earlier[:8]) + (", ..." if len(earlier) > 8 else "")
        raise ExportExistsError(
            f"{out} already holds {len(earlier)} export file(s) ({names}); give --overwrite "
            "to replace them (files of an earlier export that this one does not write are "
            "then removed), or choose another --out folder"
        )
    out.mkdir(parents=True, exist_ok=True)
    tables = export_tables(corpus)
    written, skipped = [], []
    for name, frame in tables.items():
        if fmt == "jsonl" and frame.height == 0:
            skipped.append(name)
            continue
        path = out / f"{name}.{fmt}"
        write_table(frame, path, fmt)
        written.append(path)
    if skipped:
        log.warning("empty tables not written as JSONL (see README.md there): %s", skipped)
    readme = out / "README.md"
    text = export_readme(tables, fmt, skipped).encode("utf-8")
    atomic_write(readme, lambda fh: fh.write(text))
    stale = [p for p in earlier if p not in {*written, readme}]
    for path in stale:  # only with overwrite: refused above otherwise
        path.unlink(missing_ok=True)
    if stale:
        log.warning(
            "removed %d file(s) of the earlier export in %s that this export does not write: %s",
            len(stale),
            out,
            ", ".join(p.name for p in stale),
        )
    return [*written, readme]
