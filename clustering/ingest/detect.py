"""Which format a file holds, from its first bytes; and how its bytes decode to text.

The extension only breaks ties: a CSV named .json is read as CSV, an HTML page
saved as .txt as HTML.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Literal

from clustering.ingest.aggregator import looks_like_aggregator
from clustering.ingest.records import known_column_name

Format = Literal[
    "jsonl", "json", "news-please", "csv", "parquet", "html", "feed", "aggregator", "text", "binary"
]
#: Every format `detect_format` can return; "binary" is read as one reject.
FORMATS: tuple[Format, ...] = (
    "jsonl",
    "json",
    "news-please",
    "csv",
    "parquet",
    "html",
    "feed",
    "aggregator",
    "text",
    "binary",
)

#: Bytes read to decide the format.
SNIFF_BYTES = 64 * 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Keys that make a lone JSON object a news-please record.
NEWS_PLEASE_KEYS = frozenset(
    {
        "maintext",
        "date_publish",
        "source_domain",
        "date_download",
        "title_page",
        "title_rss",
        "localpath",
    }
)

#: Keys of a wrapper object whose list holds the articles (NewsAPI's "articles", ...).
LIST_KEYS = ("articles", "items", "data", "results", "records", "entries", "documents", "posts")
#: Where such a list opens in the text.
LIST_START = re.compile(r'"(?:' + "|".join(LIST_KEYS) + r')"\s*:\s*\[')

_NEWS_PLEASE_KEY = re.compile(r'"(' + "|".join(sorted(NEWS_PLEASE_KEYS)) + r')"\s*:')
_FEED = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML = re.compile(
    rb"<(!doctype html|html|head|body|article|div|p|meta|title)[\s>/]", re.IGNORECASE
)
# "[" then what a JSON array of records holds: "[Updated] Storm hits" is text.
_JSON_ARRAY = re.compile(r'\[\s*[{\["\]]')
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark announces, or None."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 as a BOM announces it, or UTF-16 without a BOM (Windows tools
    write it: ASCII text then has a NUL in every other byte); None otherwise."""
    bom = bom_encoding(data)
    if bom in ("utf-16", "utf-32"):
        return bom
    sample = data[:4096]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    # NULs on one side only (the high byte of ASCII characters), and the decoded text
    # free of control characters: binary data has NULs on both sides.
    if odd >= 0.2 * half and even <= 0.02 * half:
        encoding = "utf-16-le"
    elif even >= 0.2 * half and odd <= 0.02 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = sample.decode(encoding)
    except UnicodeDecodeError:  # a surrogate pair cut at the end of the sample
        text = sample[:-2].decode(encoding, errors="replace")
    controls = sum(c < " " and c not in "\t\n\r" for c in text)
    return encoding if controls <= 0.01 * len(text) else None


#: Share of a single-byte decoding's letters that are not ASCII (with C1 control
#: characters counted as such) above which it is taken for another script's text read
#: in the wrong code page (Cyrillic as cp1252: "Ïîæàð"); Western European text stays
#: well under it ("Grüße aus München": 0.11; Portuguese at its densest about 0.35).
_FOREIGN_SHARE = 0.5


def _foreign_share(text: str) -> float:
    letters = [c for c in text if c.isalpha() or "\x80" <= c <= "\x9f"]
    if not letters:
        return 0.0
    return sum(ord(c) > 127 for c in letters) / len(letters)


def _detected(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) as charset-normalizer detects it, or None. It is asked only when
    cp1252 / latin-1 give the text of another script (`_FOREIGN_SHARE`): on short
    Western text it guesses cp1250 or mac_iceland where cp1252 is right."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return None
    return str(best), best.encoding


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode with the first encoding that works: a BOM's (or BOM-less UTF-16's), utf-8,
    cp1252, latin-1; when cp1252 or latin-1 give text that reads as another script's
    (Cyrillic in cp1251, Shift-JIS, GB18030, Greek), the encoding charset-normalizer
    detects instead.

    Returns (text, encoding). latin-1 decodes any bytes, so this never fails; a caller
    that gets an encoding other than utf-8 / utf-8-sig should tell the user.
    """
    first = wide_encoding(data) or bom_encoding(data)
    candidates = ([first] if first else []) + ["utf-8", "cp1252", "latin-1"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding in ("cp1252", "latin-1") and _foreign_share(text) > _FOREIGN_SHARE:
            return _detected(data) or (text, encoding)
        return text, encoding
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover


def encoding_warning(encoding: str) -> str | None:
    """The note for `extra["_warnings"]` when text was not valid UTF-8."""
    if encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-32", "utf-16-le", "utf-16-be"):
        return None
    return f"text is not valid UTF-8; decoded as {encoding}"


#: Opening bytes of common binary files (gzip, zip, PDF, PNG, JPEG, GIF, bzip2, xz, 7z).
_MAGIC: tuple[bytes, ...] = (
    b"\x1f\x8b",
    b"PK\x03\x04",
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"BZh",
    b"\xfd7zXZ",
    b"7z\xbc\xaf",
)


def _is_binary(head: bytes) -> bool:
    """Binary: a known binary file's opening bytes, or more than 5% control bytes. A
    stray NUL in a text file does not make it binary (its line is rejected, not the
    file); UTF-16 without a BOM is text."""
    if wide_encoding(head) is not None:
        return False
    if head.startswith(_MAGIC):
        return True
    sample = head[:4096]
    return bool(sample) and len(_CONTROL.findall(sample)) > 0.05 * len(sample)


def _sniff_json_object(text: str, whole: bool, suffix: str) -> Format:
    """A file that starts with "{": JSON Lines, one JSON object, or a news-please record."""
    lines_named = suffix in (".jsonl", ".ndjson")
    first, newline, rest = text.partition("\n")
    obj: object = None
    with contextlib.suppress(ValueError, RecursionError):
        obj = json.loads(first)
    if obj is not None:  # the first line is a whole JSON value
        if rest.strip() or lines_named or not isinstance(obj, dict):
            return "jsonl"
    else:
        try:
            obj = json.loads(text) if whole else None
        except (ValueError, RecursionError):
            obj = None
        if obj is None:
            if first.strip() == "{" and LIST_START.search(text):
                # A pretty-printed wrapper object ({ alone on its first line, then
                # "articles": [ ...) that does not parse: JSON, read record by record.
                return "json"
            starts = sum(line.lstrip().startswith("{") for line in text.splitlines()[:50])
            # Several lines starting with "{" (one broken), or one line too long to sniff.
            if starts > 1 or (not newline and suffix != ".json") or lines_named:
                return "jsonl"
            # A pretty-printed object longer than the sniffed head.
            return "news-please" if _NEWS_PLEASE_KEY.search(text) else "json"
    if isinstance(obj, dict) and NEWS_PLEASE_KEYS & {k.lower() for k in obj}:
        return "news-please"
    return "json"


_CSV_DELIMITERS = ",\t;|"


def _looks_like_csv(text: str, suffix: str) -> bool:
    """A header row of short field names, then rows with the same number of fields."""
    lines = text.splitlines()
    if len(lines) < 2 and suffix not in (".csv", ".tsv"):
        return False
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=_CSV_DELIMITERS)
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = "\t" if suffix == ".tsv" else ","
    rows = list(csv.reader(text[:16384].splitlines()[:20], delimiter=delimiter))
    header = rows[0] if rows else []
    if len(header) < 2 or any(len(h) > 40 or not h.strip() for h in header):
        return False
    if suffix in (".csv", ".tsv") or any(known_column_name(h) for h in header):
        return True
    # Prose has commas too, but not the same number of them on every line.
    widths = {len(r) for r in rows[1:-1] if r}
    return widths == {len(header)}


def detect_format(path: Path, head: bytes | None = None) -> Format:
    """Sniff the format of `path` from its first `SNIFF_BYTES` bytes (pass `head` to reuse them).

    Returns one of `FORMATS`. "news-please" is a lone JSON object with news-please
    keys; "aggregator" is a page pasted from a news aggregator (see `aggregator`);
    "binary" is a file that is none of these (compressed, an image, random bytes).
    Raises OSError when the file cannot be read.
    """
    if head is None:
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
    suffix = path.suffix.lower()
    if head.startswith(b"PAR1"):
        return "parquet"
    if _is_binary(head):
        return "binary"
    text, _ = decode_bytes(head)
    text = text.lstrip("\ufeff \t\r\n")
    if not text:
        return _BY_SUFFIX.get(suffix, "text")
    if text.startswith("[") and (_JSON_ARRAY.match(text) or suffix == ".json"):
        return "json"
    if text.startswith("{"):
        return _sniff_json_object(text, len(head) < SNIFF_BYTES, suffix)
    if text.startswith("<"):
        ascii_head = text[:4096].encode("utf-8", "replace")
        if _FEED.search(ascii_head):
            return "feed"
        if _HTML.search(ascii_head) or suffix in (".html", ".htm"):
            return "html"
    if looks_like_aggregator(text):
        return "aggregator"
    if _looks_like_csv(text, suffix):
        return "csv"
    return "text"


_BY_SUFFIX: dict[str, Format] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "csv",
    ".parquet": "parquet",
    ".html": "html",
    ".htm": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".txt": "text",
}


def iter_decoded_lines(fh: BinaryIO) -> Iterator[tuple[str, str | None]]:
    """The lines of a binary file (line endings kept), each decoded on its own.

    Yields (line, warning): one line of cp1252 in a UTF-8 file costs that line a
    warning, not the whole file its encoding. UTF-16/32 files (announced by a BOM)
    are decoded whole, undecodable bytes replaced, with a warning on every line then.
    """
    head = fh.read(4096)
    fh.seek(0)
    wide = wide_encoding(head)
    if wide is not None:
        data = fh.read()
        warning = None
        try:
            text = data.decode(wide)
        except UnicodeDecodeError:
            text = data.decode(wide, errors="replace")
            warning = f"text has bytes that are not valid {wide}; replaced with U+FFFD"
        # StringIO splits at line ends only, not at U+2028 & co. as str.splitlines does.
        for line in io.StringIO(text, newline=""):
            yield line, warning
        return
    for number, raw in enumerate(fh):
        if number == 0 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        try:
            yield raw.decode("utf-8"), None
        except UnicodeDecodeError:
            decoded, encoding = decode_bytes(raw)
            yield decoded, encoding_warning(encoding)
