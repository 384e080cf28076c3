"""From one input record (a dict of fields, any format) to one ARTICLES row or one REJECTS row.

Column guessing lives here: every format hands its records over as plain dicts and
`build_article` maps their fields onto the schema columns (case-insensitive common
names, overridden by `IngestConfig.columns`), normalises the values and either
accepts the record or rejects it with the field at fault and a reason. Every field
that maps to no column is kept in `extra`, so nothing a user gave is lost.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from clustering.errors import IngestError  # re-exported: one hierarchy in clustering.errors
from clustering.ingest.furniture import (
    clean_body,
    is_end_furniture,
    no_article_reason,
    strip_site_suffix,
)
from clustering.ingest.normalise import (
    article_id,
    content_hash,
    derive_lead,
    is_missing,
    normalise_body,
    normalise_title,
    paragraphs,
    parse_date,
    spreadsheet_day,
    url_day,
)
from clustering.ingest.outlets import outlet_table

#: A publication date more than this many days after the day the article's URL gives is
#: the date of a later change (issue 19: on the news-please crawl, two Telegraph pages
#: whose URLs say 2016/11/03 and 2016/11/13 were dated 4-5 months later, in no story of
#: their own time): the URL's day, set when the page was first published, wins. Months,
#: not days: an aggregator's own date a few days or weeks after the URL's (neus_allsides:
#: AllSides' story day, 3-59 days later on 29 articles) groups its stories, and taking
#: the URL's day from 30 days on cost neus_allsides 0.876 -> 0.875 and the pooled set
#: 0.916 -> 0.915; from 90 days (3 of its articles, 119-190 days) neither moves.
URL_DAY_LAG_DAYS = 90

#: Fields in which crawlers record when they downloaded a page (news-please: date_download).
DOWNLOAD_KEYS = ("date_download", "downloaded_at", "crawled_at", "fetched_at")

#: Records per chunk handed downstream: memory stays bounded on large inputs.
CHUNK_RECORDS = 10_000


#: Formats whose bodies were cut out of a web page by a machine (crawler output, HTML,
#: pasted pages, text files): their furniture is taken out of the body (`clean_body`)
#: and kept in extra["furniture_removed"]. A user's own tables (JSON, CSV, Parquet) are
#: cleaned at the ends of the body only (`clean_body(inside=False)`): their bodies were
#: often scraped too (the labelled corpora open with "Site Mobile Navigation", a photo
#: credit, a player's "Please enable Javascript"), but what stands between the first and
#: the last paragraph of prose is left as given.
CLEANED_FORMATS = frozenset({"news-please", "html", "text", "aggregator"})
#: Formats with many records to a file: a warning names the record's line (or row, or
#: index), as the file alone does not say which record it is about.
LINED_FORMATS = frozenset({"jsonl", "json", "csv", "parquet", "feed"})

#: Input field names tried for each schema column, in order (compared case-insensitively).
COLUMN_CANDIDATES: dict[str, tuple[str, ...]] = {
    # source_id first: in a StoryLens export (articles.*) it is the user's own id, and
    # article_id StoryLens's, which is derived again from the text on re-import.
    "source_id": ("source_id", "article_id", "id", "uid", "guid", "_id", "did"),
    "title": ("title", "headline", "heading", "name"),
    "body": (
        "body",
        "maintext",
        "text",
        "content",
        "article_text",
        "full_text",
        "article",
        "story",
    ),
    "lead": ("lead", "description", "summary", "abstract", "dek", "standfirst"),
    "outlet": (
        "outlet",
        "source",
        "source_domain",
        "publisher",
        "site",
        "site_name",
        "domain",
        "media",
        "newspaper",
        "source_name",
    ),
    "url": ("url", "link", "href", "permalink", "canonical_url"),
    "published_at": (
        "published_at",
        "published",
        "date",
        "date_publish",
        "pubdate",
        "publish_date",
        "datetime",
        "timestamp",
        "time",
        "created_at",
    ),
    "author": ("author", "authors", "byline", "creator"),
    "section": ("section", "category", "categories"),
    "lang": ("lang", "language"),
}
#: Other names accepted as keys of `IngestConfig.columns` (`--column text=story`).
COLUMN_ALIASES = {
    "id": "source_id",
    "text": "body",
    "content": "body",
    "description": "lead",
    "summary": "lead",
    "source": "outlet",
    "source_domain": "outlet",
    "published": "published_at",
    "date": "published_at",
    "language": "lang",
    "byline": "author",
    "category": "section",
}
#: Words that name a column's content inside a longer field name ("Story Text", "Date
#: Published", "Publication"), tried when no name matches whole; the first column in this
#: order whose word a name holds wins ("Story ID" is an id, not a body).
NAME_WORDS: dict[str, frozenset[str]] = {
    "source_id": frozenset({"id", "uid", "guid", "uuid"}),
    "published_at": frozenset(
        {"date", "published", "publish", "pubdate", "datetime", "timestamp", "time", "created"}
    ),
    "url": frozenset({"url", "link", "href", "permalink", "uri"}),
    "author": frozenset({"author", "authors", "byline", "writer", "creator", "reporter"}),
    "lead": frozenset(
        {"lead", "summary", "description", "abstract", "dek", "standfirst", "excerpt"}
    ),
    "title": frozenset({"title", "headline", "heading", "hed"}),
    "section": frozenset({"section", "category", "categories", "desk", "topic"}),
    "lang": frozenset({"lang", "language"}),
    "outlet": frozenset(
        {"outlet", "source", "publisher", "publication", "site", "domain", "media", "newspaper"}
    ),
    "body": frozenset({"body", "text", "content", "story", "article", "maintext", "copy"}),
}
_NAME_SPLIT = re.compile(r"[^0-9A-Za-z]+|(?<=[a-z])(?=[A-Z])")


def name_words(name: str) -> list[str]:
    """A field name's words: "Story Text" / "story_text" / "storyText" -> ["story", "text"]."""
    return [w.lower() for w in _NAME_SPLIT.split(name.strip()) if w]


# Words that make a name about something else: "image_url" is no article URL,
# "date_modified" no publication date.
_OTHER_THAN = frozenset(
    "image img thumbnail thumb photo video audio modified modify updated download downloaded "
    "crawled crawl fetched scraped".split()
)


def column_by_name(name: str) -> str | None:
    """The schema column a field name points to by its words (`NAME_WORDS`), or None."""
    words = set(name_words(name))
    if words & _OTHER_THAN:
        return None
    return next((column for column, vocab in NAME_WORDS.items() if words & vocab), None)


_JOINERS = {"body": "\n\n", "lead": "\n\n", "author": "; ", "section": "; "}
# Columns where a list is a natural value (several authors, several categories).
_LIST_COLUMNS = frozenset({"author", "section"})
_KNOWN = frozenset(name for names in COLUMN_CANDIDATES.values() for name in names)


def known_column_name(name: str) -> bool:
    """True when `name` is one of the guessed input column names (any case)."""
    return name.strip().lower() in _KNOWN


def check_column_mapping(columns: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """Validate `IngestConfig.columns` (schema column or alias -> input column).

    Returns the mapping as sorted (schema column, input column) pairs; raises
    `IngestError` naming a key that is no mappable column or an empty value.
    """
    pairs = {}
    for key, value in columns.items():
        column = COLUMN_ALIASES.get(key, key)
        if column not in COLUMN_CANDIDATES:
            raise IngestError(
                f"columns key must be one of {sorted(COLUMN_CANDIDATES)} "
                f"(or an alias: {sorted(COLUMN_ALIASES)}). Got {key!r} instead."
            )
        if not isinstance(value, str) or not value.strip():
            raise IngestError(
                f"columns[{key!r}] must be the name of an input column. Got {value!r} instead."
            )
        pairs[column] = value.strip()
    return tuple(sorted(pairs.items()))


@lru_cache(maxsize=4096)
def resolve_columns(
    keys: tuple[str, ...], explicit: tuple[tuple[str, str], ...]
) -> tuple[dict[str, str], tuple[str, ...]]:
    """Map schema columns to the input keys that fill them.

    Returns ({schema column: input key}, warnings). An explicit mapping wins; a
    mapped name absent from `keys` is reported and the column guessed instead.
    Each input key fills at most one column.
    """
    by_lower: dict[str, str] = {}
    for key in keys:
        by_lower.setdefault(key.strip().lower(), key)
    mapping: dict[str, str] = {}
    warnings: list[str] = []
    for column, name in explicit:
        found = by_lower.get(name.lower())
        if found is None:
            warnings.append(f"column mapping {column}={name}: the input has no field {name!r}")
        else:
            mapping[column] = found
    used = set(mapping.values())
    for column, candidates in COLUMN_CANDIDATES.items():
        if column in mapping:
            continue
        for candidate in candidates:
            match = by_lower.get(candidate)
            if match is not None and match not in used:
                mapping[column] = match
                used.add(match)
                break
    # Then by the words of a name ("Story Text" -> body), in the order of the keys.
    for key in keys:
        if key in used:
            continue
        named = column_by_name(key)
        if named is not None and named not in mapping:
            mapping[named] = key
            used.add(key)
    return mapping, tuple(warnings)


def _number_text(value: int | float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def as_text(value: Any, joiner: str = " ") -> tuple[str | None, bool]:
    """Coerce an input value to text: (text or None, usable).

    A string is itself; bytes in UTF-8 (a Parquet BINARY column some writers give
    strings) their text; a number its digits; a date its ISO form; a list of such values
    is joined with `joiner`; a dict with a "name" (an outlet or author object) gives that
    name. Anything else (a bool, other bytes, other objects) is not usable as text.
    """
    if is_missing(value):
        return None, True
    if isinstance(value, str):
        return value, True
    if isinstance(value, bytes | bytearray | memoryview):
        try:
            return bytes(value).decode("utf-8"), True
        except UnicodeDecodeError:
            return None, False
    if isinstance(value, bool):
        return None, False
    if isinstance(value, int | float):
        return _number_text(value), True
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat(), True
    if isinstance(value, Mapping):
        name = value.get("name")
        return (name, True) if isinstance(name, str) else (None, False)
    if isinstance(value, list | tuple):
        parts = []
        for item in value:
            text, ok = as_text(item, joiner)
            if not ok:
                return None, False
            if text and text.strip():
                parts.append(text)
        return joiner.join(parts), True
    return None, False


def _first_published(
    published_at: dt.datetime | None,
    url: str | None,
    date_key: str | None,
    fields: Mapping[str, Any],
    extra: dict[str, Any],
    warns: list[str],
) -> dt.datetime | None:
    """`published_at`, or the day `url` gives (00:00 UTC) where `published_at` is more
    than URL_DAY_LAG_DAYS after it; the date given is then kept in `extra` under its
    field's name and a warning says so."""
    day = url_day(url)
    if published_at is None or day is None or date_key is None:
        return published_at
    if (published_at.date() - day).days <= URL_DAY_LAG_DAYS:
        return published_at
    extra[date_key] = fields[date_key]
    warns.append(
        f"{date_key}: {published_at:%Y-%m-%d} is more than {URL_DAY_LAG_DAYS} days after "
        f"the day the URL gives; published_at set to {day:%Y-%m-%d}"
    )
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _not_crawl_clock(
    published_at: dt.datetime | None,
    date_key: str | None,
    fields: Mapping[str, Any],
    extra: dict[str, Any],
    warns: list[str],
) -> dt.datetime | None:
    """`published_at`, or None where it is the crawler's own clock read in another time
    zone: a whole minute (seconds 0) exactly 1-14 whole hours before the minute the
    record says the page was downloaded (DOWNLOAD_KEYS). The date given is then kept in
    `extra` under its field's name and a warning says so.

    Issue 19: 17 of the 25 RT pages of the news-please crawl were "published" one hour
    and under a minute before their download, pages of May 2016 among them (the page's
    own tweets and image paths say so): dated 2017-11-30 they sat in 2016 stories, whose
    span grew to 605-622 days. No other outlet's page matches. Unknown, such a page joins
    its story by its text (`cluster.undated_gap_days`)."""
    if published_at is None or date_key is None or published_at.second or published_at.microsecond:
        return published_at
    for key in DOWNLOAD_KEYS:
        if key == date_key or is_missing(fields.get(key)) or fields.get(key) == "":
            continue
        try:
            downloaded = parse_date(fields[key])
        except ValueError:
            continue
        if downloaded is None:
            continue
        lag = (downloaded.replace(second=0, microsecond=0) - published_at).total_seconds()
        if 3600 <= lag <= 14 * 3600 and lag % 3600 == 0:
            extra[date_key] = fields[date_key]
            warns.append(
                f"{date_key}: {published_at:%Y-%m-%d %H:%M} is the minute of {key} "
                f"{int(lag // 3600)} h earlier (the crawler's clock, not the page's); "
                "published_at left empty"
            )
            return None
    return published_at


def _lang(value: str) -> str | None:
    """The ISO 639 code of "en", "EN-gb", "en_US" ("en"); None when it is not one."""
    code = value.strip().replace("_", "-").split("-")[0].lower()
    if not code:
        return ""
    return code if code.isascii() and code.isalpha() and len(code) in (2, 3) else None


def _outlet(value: str) -> str:
    """The outlet as given; a domain loses its "www." so that it matches URL-derived ones."""
    outlet = normalise_title(value)
    if " " not in outlet and outlet.lower().startswith("www.") and outlet.count(".") >= 2:
        return outlet[4:]
    return outlet


def _finite(value: Any) -> Any:
    """`value` with NaN and infinite floats written as strings (JSON has no such numbers)."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def _json(value: Any) -> str:
    """Strict JSON (no NaN/Infinity), so that any JSON reader can parse `extra` and `raw`."""
    try:
        return json.dumps(value, ensure_ascii=False, default=str, allow_nan=False)
    except ValueError:
        return json.dumps(_finite(value), ensure_ascii=False, default=str)


@dataclass(frozen=True)
class Source:
    """Where records come from, and how to read their fields."""

    file: str  # path as the user gave it
    format: str
    max_body_chars: int
    columns: tuple[tuple[str, str], ...] = ()  # explicit mapping (tabular formats only)
    outlets: str | None = None  # the user's outlet table (IngestConfig.outlets)


@dataclass
class Chunk:
    """ARTICLES rows and REJECTS rows (as dicts) built from a run of input records."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    rejects: list[dict[str, Any]] = field(default_factory=list)
    #: Notes about the whole file for the user (the columns guessed), in IngestResult.per_file.
    notes: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.articles) + len(self.rejects)

    def reject(
        self, source: Source, line: int, field_name: str, reason: str, raw: str | Callable[[], str]
    ) -> None:
        """Add a REJECTS row; `raw` may be a callable so it is only built when needed."""
        self.rejects.append(
            {
                "source_file": source.file,
                "source_line": line,
                "field": field_name,
                "reason": reason,
                "raw": raw() if callable(raw) else raw,
            }
        )

    def add(
        self,
        fields: Mapping[str, Any],
        source: Source,
        line: int,
        raw: str | Callable[[], str],
        warnings: Iterable[str] = (),
    ) -> None:
        """Map, normalise and check one record; add it as an article or as a reject."""
        outcome = build_article(fields, source, line, warnings)
        if isinstance(outcome, Rejection):
            self.reject(source, line, outcome.field, outcome.reason, raw)
        else:
            self.articles.append(outcome)


@dataclass(frozen=True)
class Rejection:
    """Why a record cannot become an article."""

    field: str
    reason: str


def _no_body_column(keys: tuple[str, ...], source: Source) -> Rejection:
    named = dict(source.columns).get("body")
    found = ", ".join(repr(k) for k in keys[:30]) or "none"
    what = (
        f"mapped body={named} but the record has no such field"
        if named
        else "no body column (tried " + ", ".join(COLUMN_CANDIDATES["body"]) + ")"
    )
    return Rejection(
        "body",
        f"{what}; fields found: {found}. Name the one that holds the article text "
        "with --column body=COLNAME.",
    )


def _text_values(
    fields: Mapping[str, Any],
    mapping: dict[str, str],
    extra: dict[str, Any],
    warnings: list[str],
) -> dict[str, str | None] | Rejection:
    """The mapped fields as text (published_at aside); originals of converted values go
    to `extra` with a note in `warnings`. A body that is not text rejects the record."""
    values: dict[str, str | None] = {}
    for column, key in mapping.items():
        if column == "published_at":
            continue
        value = fields[key]
        text, ok = as_text(value, _JOINERS.get(column, " "))
        if column == "body" and isinstance(value, int | float | dt.date) and text is not None:
            # A number or a date is no article text: the field is a count or an id, or
            # the columns are shifted; accepting "3.5" as a body would make an article.
            ok = False
        if not ok:
            if column == "body":
                return Rejection(
                    "body",
                    f"field {key!r} must be text; got {type(value).__name__}: "
                    f"{_json(value)[:80]}. Name the field that holds the article text with "
                    "--column body=COLNAME.",
                )
            warnings.append(f"{key}: a {type(value).__name__} cannot be the {column}; kept here")
            extra[key] = value
        elif (
            not isinstance(value, str)
            and text is not None
            and not (isinstance(value, list | tuple) and column in _LIST_COLUMNS)
            # An integer id is an id: its digits lose nothing, and a warning on every row
            # of a table with numeric ids would bury the warnings that matter.
            and not (column == "source_id" and isinstance(value, int))
        ):
            warnings.append(f"{key}: {type(value).__name__} converted to text")
            extra[key] = value
        values[column] = text
    return values


def _unpack_extra(extra: dict[str, Any], warns: list[str]) -> tuple[dict[str, Any], list[str]]:
    """`extra` with a field named "extra" that holds a JSON object (the `extra` column of
    a StoryLens export, re-imported) opened into it, and its "_warnings" put before
    `warns`: the input's own fields are back at the top of `extra`, not nested in a
    string. Left as it is when a key would clash with another field (nothing is lost)."""
    key = next((k for k in extra if isinstance(k, str) and k.lower() == "extra"), None)
    if key is None:
        return extra, warns
    inner = extra[key]
    if isinstance(inner, str) and inner.lstrip().startswith("{"):
        try:
            inner = json.loads(inner)
        except ValueError:
            return extra, warns
    if not isinstance(inner, dict):
        return extra, warns
    earlier = inner.get("_warnings", [])
    opened = {k: v for k, v in inner.items() if k != "_warnings"}
    rest = {k: v for k, v in extra.items() if k != key}
    if set(opened) & set(rest) or not isinstance(earlier, list):
        return extra, warns
    return {**opened, **rest}, [str(w) for w in earlier] + warns


def build_article(
    fields: Mapping[str, Any], source: Source, line: int, warnings: Iterable[str] = ()
) -> dict[str, Any] | Rejection:
    """One record (input field name -> value) -> one ARTICLES row (a dict) or a `Rejection`.

    Columns are mapped by `resolve_columns`; fields that fill no column, and the
    original of any value that had to be converted, are kept in `extra` (with notes
    under "_warnings"). Rejected: no body column at all, a body that is not text,
    a body or title longer than `max_body_chars`, neither body nor title.
    """
    keys = tuple(k for k in fields if isinstance(k, str))
    mapping, notes = resolve_columns(keys, source.columns)
    if "body" not in mapping:
        return _no_body_column(keys, source)
    warns = list(notes) + list(warnings)
    mapped = set(mapping.values())
    extra = {k: v for k, v in fields.items() if k not in mapped and not is_missing(v)}
    extra, warns = _unpack_extra(extra, warns)
    values = _text_values(fields, mapping, extra, warns)
    if isinstance(values, Rejection):
        return values

    url = (values.get("url") or "").strip() or None
    given = _outlet(values.get("outlet") or "")
    # One outlet whatever the host or spelling (africa.chinadaily.com.cn -> China Daily);
    # what the record said is kept when it differs.
    outlet = outlet_table(source.outlets).identify(given, url)
    title = normalise_title(values.get("title") or "")
    # The site's name at the title's end ("... - Hawaii News Now - KGMB and KHNL") is
    # the page's, not the headline's: taken off, kept in extra.
    title, suffix = strip_site_suffix(title, f"{given} {outlet}", url)
    if suffix:
        extra["title_suffix_removed"] = suffix
    body = normalise_body(values.get("body") or "")
    inside = source.format in CLEANED_FORMATS or "maintext" in mapping.values()
    body, furniture = clean_body(body, title, inside=inside)
    if furniture:
        extra["furniture_removed"] = furniture
        if not body:
            warns.append("the body was only page furniture; kept in extra.furniture_removed")
    # A given lead that opens or is furniture (gvc: "GENERIC STOCK IMAGE (Photo: ...)", a
    # crawler's description taken from the page's first paragraph) loses it; a lead that
    # was only furniture gives way to the cleaned body's first paragraph. (No title here:
    # a lead that repeats the title is a lead, not furniture.)
    lead_paragraphs = paragraphs(normalise_body(values.get("lead") or ""))
    lead_furniture: list[str] = []
    while lead_paragraphs and is_end_furniture(lead_paragraphs[0], inside=False):
        lead_furniture.append(lead_paragraphs.pop(0))
    lead = "\n\n".join(lead_paragraphs)
    if lead_furniture:
        extra["lead_removed"] = lead_furniture
    for name, text in (("body", body), ("title", title)):
        if len(text) > source.max_body_chars:
            return Rejection(
                name,
                f"{name} has {len(text):,} characters, more than max_body_chars="
                f"{source.max_body_chars:,}; raise [ingest] max_body_chars to accept it",
            )
    if not title and not body:
        return Rejection("body", "no body and no title: an article needs at least one of them")

    published_at = None
    date_key = mapping.get("published_at")
    if date_key is not None and not is_missing(fields[date_key]) and fields[date_key] != "":
        try:
            published_at = parse_date(fields[date_key])
            if spreadsheet_day(fields[date_key]):  # said, so that a misreading shows
                warns.append(
                    f"{date_key}: {fields[date_key]!r} read as a spreadsheet day number "
                    f"(days since 1899-12-30): {published_at:%Y-%m-%d}"
                )
                extra[date_key] = fields[date_key]
        except ValueError as error:
            warns.append(f"{date_key}: {error}; published_at left empty")
            extra[date_key] = fields[date_key]
    lang = _lang(values.get("lang") or "")
    if lang is None:
        warns.append(f"{mapping['lang']}: not an ISO 639 language code; lang left empty")
        extra[mapping["lang"]] = fields[mapping["lang"]]
        lang = ""
    published_at = _first_published(published_at, url, date_key, fields, extra, warns)
    published_at = _not_crawl_clock(published_at, date_key, fields, extra, warns)
    lead = lead or derive_lead(title, body)
    # A search, tag or home page, or a crawl that kept only the site's name, description
    # and footer: kept, flagged, said first among the warnings (clustering.ingest.furniture).
    no_article = no_article_reason(title, lead, body, f"{given} {outlet}", url, furniture)
    if no_article is not None:
        where = f" (line {line})" if source.format in LINED_FORMATS else ""
        warns.insert(
            0,
            f"no article of its own{where}: {no_article}; kept in the corpus and left out "
            "of the comparisons",
        )
    if warns:
        extra["_warnings"] = warns
    if given and outlet != given:
        extra["outlet_as_given"] = given
    return {
        "article_id": article_id(outlet, url, title, body),
        "source_id": normalise_title(values.get("source_id") or "") or None,
        "outlet": outlet,
        "url": url,
        "title": title,
        "lead": lead,
        "body": body,
        "author": normalise_title(values.get("author") or "") or None,
        "section": normalise_title(values.get("section") or "") or None,
        "published_at": published_at,
        "lang": lang,
        "source_file": source.file,
        "source_line": line,
        "source_format": source.format,
        "extra": _json(extra),
        "content_hash": content_hash(title, body),
        "duplicate_of": None,
        "duplicate_kind": None,
        "no_article_reason": no_article,
    }


def record_raw(record: Any) -> str:
    """A record re-serialised as JSON, for REJECTS.raw."""
    return _json(record)


def whole_file_raw(text: str, size: int) -> str:
    """The first 1,000 characters of a file that could not be read, and its size."""
    note = f"[file of {size:,} bytes; first 1,000 characters shown]"
    return text[:1000] + ("\n" + note if len(text) > 1000 else "")


# --- Guessing columns from a sample of records (tabular files) ----------------------------
#: Share of a sample's non-empty values that must fit for a content guess.
_CONTENT_SHARE = 0.8
#: Mean characters of a free-text column that can be the body when no name says so.
_BODY_MIN_CHARS = 80
_URL = re.compile(r"^https?://\S+$")


def _share(values: list[str], test: Callable[[str], bool]) -> float:
    return sum(map(test, values)) / len(values) if values else 0.0


def _parses_as_date(value: str) -> bool:
    if not any(c.isdigit() for c in value) or value.strip().isdigit() and len(value) < 8:
        return False
    try:
        return parse_date(value) is not None
    except (ValueError, OverflowError):
        return False


def guess_columns(
    keys: tuple[str, ...],
    sample: Sequence[Mapping[str, Any]],
    explicit: tuple[tuple[str, str], ...] = (),
) -> tuple[dict[str, str], dict[str, str]]:
    """Schema column -> input key for a table, and how each was found.

    By name first (`resolve_columns`: given with --column, a common name, then the
    words of a name: "Story Text" -> body); where names fail, by the content of
    `sample` (the first records): the longest free-text column is the body, a column
    of URLs the url, a column of parseable dates the publication time. Returns
    (mapping, how) with how[column] one of "given", "name", "content: ...".
    """
    mapping, _ = resolve_columns(keys, explicit)
    given = {column for column, _ in explicit if column in mapping}
    how = {column: "given" if column in given else "name" for column in mapping}
    used = set(mapping.values())
    values = {
        key: [str(row.get(key) or "").strip() for row in sample if str(row.get(key) or "").strip()]
        for key in keys
        if key not in used
    }
    if "url" not in mapping:
        for key, vals in values.items():
            if key not in used and _share(vals, lambda v: bool(_URL.match(v))) >= _CONTENT_SHARE:
                mapping["url"], how["url"] = key, "content: its values are URLs"
                used.add(key)
                break
    if "published_at" not in mapping:
        for key, vals in values.items():
            if key not in used and _share(vals, _parses_as_date) >= _CONTENT_SHARE:
                mapping["published_at"] = key
                how["published_at"] = "content: its values are dates"
                used.add(key)
                break
    if "body" not in mapping:
        lengths = {
            key: sum(map(len, vals)) / len(vals)
            for key, vals in values.items()
            if key not in used and vals and _share(vals, lambda v: " " in v) >= _CONTENT_SHARE
        }
        if lengths:
            key = max(lengths, key=lambda k: lengths[k])
            if lengths[key] >= _BODY_MIN_CHARS:
                mapping["body"] = key
                how["body"] = f"content: the longest free text ({lengths[key]:.0f} characters)"
    return mapping, how


def describe_guess(mapping: dict[str, str], how: dict[str, str]) -> str:
    """One line for the user: "columns: body=Story Text (name), url=Link (name), ..."."""
    return "columns: " + ", ".join(
        f"{column}={mapping[column]} ({how[column]})"
        for column in COLUMN_CANDIDATES
        if column in mapping
    )
