"""JSON Lines, JSON (an array, a wrapper object with an article list, or one article) and
news-please records (one JSON object per file, as the news-please crawler writes them)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from clustering.ingest.detect import NEWS_PLEASE_KEYS, iter_decoded_lines
from clustering.ingest.records import CHUNK_RECORDS, Chunk, Source, record_raw, whole_file_raw

#: Keys of a wrapper object whose list holds the articles (NewsAPI's "articles", ...).
LIST_KEYS = ("articles", "items", "data", "results", "records", "entries", "documents", "posts")


def _type_name(value: Any) -> str:
    return {dict: "object", list: "array", str: "string", type(None): "null"}.get(
        type(value), type(value).__name__
    )


def read_jsonl(path: Path, source: Source) -> Iterator[Chunk]:
    """One record per non-blank line; source_line is the physical line number."""
    chunk = Chunk()
    with open(path, "rb") as fh:
        for number, (line, warning) in enumerate(iter_decoded_lines(fh), 1):
            text = line.strip()
            if not text:
                continue
            try:
                record = json.loads(text)
            except (ValueError, RecursionError) as error:
                chunk.reject(source, number, "", f"line is not valid JSON: {error}", text)
            else:
                if isinstance(record, dict):
                    chunk.add(record, source, number, text, [warning] if warning else [])
                else:
                    chunk.reject(
                        source,
                        number,
                        "",
                        f"line holds a JSON {_type_name(record)}; expected one object per line",
                        text,
                    )
            if len(chunk) >= CHUNK_RECORDS:
                yield chunk
                chunk = Chunk()
    if chunk:
        yield chunk


def is_news_please(record: dict[str, Any]) -> bool:
    """A lone JSON object with keys only news-please writes (maintext, date_publish, ...)."""
    return bool(NEWS_PLEASE_KEYS & {k.lower() for k in record})


def read_json(text: str, size: int, source: Source, warnings: Sequence[str]) -> Iterator[Chunk]:
    """The records of a whole JSON document; source_line is the 1-based record index.

    An array holds records; an object with a list under one of `LIST_KEYS` holds
    them there; any other object is one article ("news-please" when its keys say so).
    """
    chunk = Chunk()
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as error:
        line = getattr(error, "lineno", 1)
        chunk.reject(
            source,
            line,
            "",
            f"file is not valid JSON ({error}); no record could be read from it",
            whole_file_raw(text, size),
        )
        yield chunk
        return
    if isinstance(document, dict):
        inner = next((document[k] for k in LIST_KEYS if isinstance(document.get(k), list)), None)
        if inner is None:
            if is_news_please(document):
                source = dataclasses.replace(source, format="news-please")
            chunk.add(document, source, 1, text, warnings)  # the file is the record
            yield chunk
            return
        document = inner
    if not isinstance(document, list):
        chunk.reject(
            source,
            1,
            "",
            f"file holds a JSON {_type_name(document)}; expected an array of article objects "
            "or one article object",
            whole_file_raw(text, size),
        )
        yield chunk
        return
    for index, record in enumerate(document, 1):
        if isinstance(record, dict):
            chunk.add(record, source, index, partial(record_raw, record), warnings)
        else:
            chunk.reject(
                source,
                index,
                "",
                f"record {index} is a JSON {_type_name(record)}; expected an article object",
                record_raw(record),
            )
        if len(chunk) >= CHUNK_RECORDS:
            yield chunk
            chunk = Chunk()
    if chunk:
        yield chunk
