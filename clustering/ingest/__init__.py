"""Ingest: input files and folders -> ARTICLES (duplicates flagged) + REJECTS.

Formats are sniffed from content: JSON Lines, JSON (array, wrapper object, one
article), news-please records, CSV/TSV, Parquet, HTML pages (trafilatura), RSS/Atom
feeds (feedparser), text pasted from a news aggregator, and bare text files. Every
record read is accepted, flagged as a duplicate, or rejected with file, line, field
and reason; `IngestResult` checks that the counts add up. Documentation and hidden
files inside a folder are not read: they are listed as skipped, with the reason.
"""

from __future__ import annotations

from clustering.ingest.dedupe import flag_duplicates
from clustering.ingest.detect import FORMATS, detect_format
from clustering.ingest.files import (
    PER_FILE,
    SKIPPED,
    FileInspection,
    FileRead,
    FileReader,
    IngestResult,
    inspect_file,
    iter_batches,
    iter_input_files,
    load_articles,
    read_file,
    read_one,
    skip_reason,
    walk_inputs,
)
from clustering.ingest.records import IngestError

__all__ = [
    "FORMATS",
    "PER_FILE",
    "SKIPPED",
    "IngestError",
    "FileInspection",
    "FileRead",
    "FileReader",
    "IngestResult",
    "detect_format",
    "flag_duplicates",
    "inspect_file",
    "iter_batches",
    "iter_input_files",
    "load_articles",
    "read_file",
    "read_one",
    "skip_reason",
    "walk_inputs",
]
