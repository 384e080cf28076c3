"""CSV and TSV files: a header row, then one record per row (fields may span lines)."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Iterator
from pathlib import Path

from clustering.ingest.detect import SNIFF_BYTES, decode_bytes, iter_decoded_lines
from clustering.ingest.records import CHUNK_RECORDS, Chunk, Source, describe_guess, guess_columns

_DELIMITERS = ",\t;|"
# csv refuses fields over 128 KiB by default; bodies are limited by max_body_chars instead.
_FIELD_LIMIT = 2**31 - 1


def _delimiter(path: Path) -> str:
    with open(path, "rb") as fh:
        head, _ = decode_bytes(fh.read(SNIFF_BYTES))
    # Sniff whole lines only: a cut-off last line confuses the sniffer.
    sample = "\n".join(head.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        return "\t" if path.suffix.lower() == ".tsv" else ","


def _header(row: list[str]) -> list[str]:
    """Field names made unique and non-empty: a second "title" becomes "title_2"."""
    names: list[str] = []
    for i, name in enumerate(row, 1):
        name = name.strip().lstrip("\ufeff") or f"column_{i}"
        base, n = name, 1
        while name in names:
            n += 1
            name = f"{base}_{n}"
        names.append(name)
    return names


#: Columns only a StoryLens export of articles has (`clustering.export`): such a file's
#: formula guard (a "'" before a cell that starts with =, +, -, @, tab or CR) is undone
#: on reading, so that a re-imported export has the texts and ids it was exported with.
EXPORT_COLUMNS = frozenset({"article_id", "source_format", "content_hash", "duplicate_of"})
_GUARDED = re.compile(r"^'[=+\-@\t\r]")


def _unguard(cell: str) -> str:
    return cell[1:] if _GUARDED.match(cell) else cell


#: Rows read ahead to guess the columns by their content.
SAMPLE_ROWS = 200


def _sample(path: Path, delimiter: str) -> tuple[tuple[str, ...], list[dict[str, str]]]:
    """(header, up to `SAMPLE_ROWS` rows as dicts) from the file's head; a row cut off at
    the end of the head is left out."""
    with open(path, "rb") as fh:
        head, _ = decode_bytes(fh.read(SNIFF_BYTES))
    try:
        rows = list(csv.reader(io.StringIO(head), delimiter=delimiter))
    except csv.Error:
        return (), []
    if not rows:
        return (), []
    header = _header(rows[0])
    body = rows[1:-1] if len(head.encode()) >= SNIFF_BYTES else rows[1:]
    return tuple(header), [dict(zip(header, r, strict=False)) for r in body[:SAMPLE_ROWS] if r]


def guess_file_columns(path: Path, source: Source) -> tuple[dict[str, str], dict[str, str]]:
    """(schema column -> CSV column, how each was found) for `path`: see `guess_columns`."""
    header, sample = _sample(path, _delimiter(path))
    return guess_columns(header, sample, source.columns)


def read_csv(path: Path, source: Source) -> Iterator[Chunk]:
    """Records of a CSV file, `CHUNK_RECORDS` at a time; source_line is where a row starts.

    The delimiter is sniffed (",", tab, ";" or "|"). A row with more fields than the
    header, or with a quote the csv module cannot close, is rejected with the
    physical lines it spans as `raw`; a row with fewer fields is accepted, the
    missing fields empty, with a warning.
    """
    delimiter = _delimiter(path)
    csv.field_size_limit(max(csv.field_size_limit(), _FIELD_LIMIT))
    # Columns that names leave unmapped are guessed from the first rows' content, once
    # per file (the same mapping for every row), and said in the file's note.
    mapping, how = guess_columns(*_sample(path, delimiter), source.columns)
    guessed = {c: k for c, k in mapping.items() if how[c].startswith("content")}
    if guessed:
        source = dataclasses.replace(
            source, columns=tuple(sorted({**guessed, **dict(source.columns)}.items()))
        )
    consumed: list[str] = []  # physical lines of the record being read
    warnings: list[str] = []

    def lines(fh: io.BufferedReader) -> Iterator[str]:
        for line, warning in iter_decoded_lines(fh):
            consumed.append(line)
            if warning and warning not in warnings:
                warnings.append(warning)
            yield line

    def raw_lines() -> str:
        return "".join(consumed).rstrip("\r\n")

    with open(path, "rb") as fh:
        reader = csv.reader(lines(fh), delimiter=delimiter, strict=True)
        header: list[str] | None = None
        exported = False  # a StoryLens export: its formula guard is undone
        chunk = Chunk(notes=[describe_guess(mapping, how)] if mapping else [])
        line_end = 0
        while True:
            start = line_end + 1
            consumed.clear()
            warnings.clear()
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                line_end = reader.line_num
                chunk.reject(
                    source,
                    start,
                    "",
                    f"CSV row (lines {start}-{line_end}) cannot be read: {error}; check its quotes",
                    raw_lines(),
                )
                continue
            line_end = reader.line_num
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # blank line: no record
            if header is None:
                header = _header(row)
                exported = set(header) >= EXPORT_COLUMNS
                continue
            if exported:
                row = [_unguard(cell) for cell in row]
            if len(row) > len(header):
                chunk.reject(
                    source,
                    start,
                    "",
                    f"row has {len(row)} fields but the header has {len(header)}: "
                    "a quote or delimiter in it is probably wrong",
                    raw_lines(),
                )
                continue
            notes = list(warnings)
            if len(row) < len(header):
                notes.append(f"row has {len(row)} fields, the header {len(header)}: rest empty")
            fields = dict(zip(header, row + [""] * (len(header) - len(row)), strict=True))
            chunk.add(fields, source, start, raw_lines(), notes)
            if len(chunk) >= CHUNK_RECORDS:
                yield chunk
                chunk = Chunk()
        if chunk:
            yield chunk
