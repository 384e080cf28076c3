"""JSON Lines, JSON (an array, a wrapper object with an article list, or one article) and
news-please records (one JSON object per file, as the news-please crawler writes them)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from clustering.ingest.detect import (  # LIST_KEYS: re-exported, it was defined here
    LIST_KEYS,
    LIST_START,
    NEWS_PLEASE_KEYS,
    iter_decoded_lines,
)
from clustering.ingest.records import CHUNK_RECORDS, Chunk, Source, record_raw, whole_file_raw


def _type_name(value: Any) -> str:
    return {dict: "object", list: "array", str: "string", type(None): "null"}.get(
        type(value), type(value).__name__
    )


#: One record as a reader found it: (source_line, the record or None, why it is rejected
#: or None, its raw text (or a callable building it), its warnings).
Found = tuple[int, dict[str, Any] | None, str | None, str | Callable[[], str], Sequence[str]]


def _chunks(found: Iterable[Found], source: Source) -> Iterator[Chunk]:
    """`found` added to (or, with a reason, rejected from) chunks of CHUNK_RECORDS."""
    chunk = Chunk()
    for line, record, reason, raw, warnings in found:
        if reason is None and record is not None:
            chunk.add(record, source, line, raw, warnings)
        else:
            chunk.reject(source, line, "", reason or "", raw)
        if len(chunk) >= CHUNK_RECORDS:
            yield chunk
            chunk = Chunk()
    if chunk:
        yield chunk


def _not_an_object(record: Any, index: int) -> str | None:
    """Why array element `index` is no article (None: it is an object)."""
    if isinstance(record, dict):
        return None
    return f"record {index} is a JSON {_type_name(record)}; expected an article object"


def read_jsonl(path: Path, source: Source) -> Iterator[Chunk]:
    """One record per non-blank line; source_line is the physical line number."""
    with open(path, "rb") as fh:
        yield from _chunks(_jsonl_records(fh), source)


def _jsonl_records(fh: BinaryIO) -> Iterator[Found]:
    for number, (line, warning) in enumerate(iter_decoded_lines(fh), 1):
        text = line.strip()
        if not text:
            continue
        try:
            record = json.loads(text)
        except (ValueError, RecursionError) as error:
            yield number, None, f"line is not valid JSON: {error}", text, ()
            continue
        if isinstance(record, dict):
            yield number, record, None, text, [warning] if warning else []
        else:
            why = f"line holds a JSON {_type_name(record)}; expected one object per line"
            yield number, None, why, text, ()


def is_news_please(record: dict[str, Any]) -> bool:
    """A lone JSON object with keys only news-please writes (maintext, date_publish, ...)."""
    return bool(NEWS_PLEASE_KEYS & {k.lower() for k in record})


def _close(text: str, i: int) -> int:
    """The index just past the JSON value that starts at `text[i]` ("{", "[" or a
    string; strings and escapes respected), or len(text) when it never closes."""
    depth, in_string, escaped = 0, False, False
    for j in range(i, len(text)):
        char = text[j]
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
                if depth == 0:  # the value was a string
                    return j + 1
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return j + 1
    return len(text)


def _broken_list_start(text: str) -> int | None:
    """Where the article list of a JSON document that does not parse opens: the array
    itself, or the list under one of `LIST_KEYS` of a wrapper object; None otherwise."""
    body = text.lstrip("\ufeff \t\r\n")
    if body.startswith("["):
        return text.index("[")
    if body.startswith("{"):
        found = LIST_START.search(text)
        return found.end() - 1 if found else None
    return None


def _array_elements(text: str, start: int) -> Iterator[tuple[int, str]]:
    """(line, text) of each top-level element of a JSON array that does not parse whole:
    elements are cut at their brackets (strings and escapes respected), so one broken
    element (a trailing comma, an unescaped quote, a missing comma between two) costs
    only itself. An element still open at the end (a cut-off file) runs to the end.
    `start` is the index of the array's "["."""
    i = start + 1
    line, counted = 1, 0  # newlines counted up to `counted`
    while i < len(text):
        char = text[i]
        if char in " \t\r\n,":
            i += 1
            continue
        if char == "]":
            return
        begin = i
        if char in '{["':
            i = _close(text, i)
        else:  # a bare number, true, null, ...: up to the next comma, bracket or line end
            while i < len(text) and text[i] not in ",]\n":
                i += 1
        line += text.count("\n", counted, begin)
        counted = begin
        yield line, text[begin:i].rstrip()


def _read_broken_array(
    text: str, start: int, error: ValueError, source: Source, warnings: Sequence[str]
) -> Iterator[Chunk]:
    """The records of a JSON array that does not parse: each element on its own (see
    `_array_elements`); the broken ones rejected with their line and the parser's error.
    source_line is the record's index, as for an array that parses."""

    def found() -> Iterator[Found]:
        for index, (line, element) in enumerate(_array_elements(text, start), 1):
            try:
                record = json.loads(element)
            except (ValueError, RecursionError) as problem:
                why = (
                    f"record {index} (line {line}) is not valid JSON ({problem}); the array's "
                    f"other records were read (the file as a whole: {error})"
                )
                yield index, None, why, element, warnings
                continue
            yield index, record, _not_an_object(record, index), element, warnings

    yield from _chunks(found(), source)


def read_json(text: str, size: int, source: Source, warnings: Sequence[str]) -> Iterator[Chunk]:
    """The records of a whole JSON document; source_line is the 1-based record index.

    An array holds records; an object with a list under one of `LIST_KEYS` holds
    them there; any other object is one article ("news-please" when its keys say so).
    """
    chunk = Chunk()
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as error:
        start = _broken_list_start(text)
        if start is not None and isinstance(error, ValueError):
            yield from _read_broken_array(text, start, error, source, warnings)
            return
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
    yield from _chunks(
        (
            (index, record, _not_an_object(record, index), partial(record_raw, record), warnings)
            for index, record in enumerate(document, 1)
        ),
        source,
    )
