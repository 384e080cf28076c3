"""Field normalisation shared by every input format: text, URLs, dates, ids.

A user's text is never altered beyond whitespace cleanup: Unicode NFC, zero-width
characters stripped at the ends, runs of spaces collapsed, paragraphs separated by
one blank line. HTML in a JSON title stays as it is: there it is text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import unicodedata
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from dateutil import parser as dateutil_parser
from dateutil import tz as dateutil_tz

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
# Horizontal whitespace only: newlines carry the paragraph structure.
_BLANK_LINES = re.compile(r"\n{2,}")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_HOST = re.compile(r"[\w-]+(\.[\w-]+)+")

#: Words in a lead cut from a one-paragraph body.
LEAD_WORDS = 60


def is_missing(value: Any) -> bool:
    """None, or a float NaN (what pandas-written files use for a missing value)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def _squash(text: str) -> str:
    """Every run of whitespace -> one space, ends stripped (str.split is ~10x a regex)."""
    return " ".join(text.split())


def _strip_ends(text: str) -> str:
    return text.strip().strip(_ZERO_WIDTH).strip()


def normalise_title(text: str) -> str:
    """One line: NFC, every run of whitespace (newlines too) -> one space, ends stripped."""
    return _strip_ends(_squash(unicodedata.normalize("NFC", text)))


def normalise_body(text: str) -> str:
    """Paragraphs separated by exactly one blank line; spaces collapsed within lines.

    A text with blank lines keeps its single line breaks inside paragraphs; a text with
    no blank line at all (news-please, many CSV exports) has one paragraph per line.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n\n")
    text = text.replace("\u2028", "\n")
    lines = [_squash(line) for line in text.split("\n")]
    text = _strip_ends("\n".join(lines))
    if "\n\n" not in text:
        text = text.replace("\n", "\n\n")
    return _BLANK_LINES.sub("\n\n", text)


def paragraphs(body: str) -> list[str]:
    """The paragraphs of a normalised body."""
    return [p for p in body.split("\n\n") if p]


def _same_text(a: str, b: str) -> bool:
    return len(a) < 2 * len(b) + 10 and _squash(a).casefold() == _squash(b).casefold()


def derive_lead(title: str, body: str) -> str:
    """The body's first paragraph, skipping one that only repeats the title.

    A body of one paragraph gives its first `LEAD_WORDS` words, cut after the last full
    sentence within them when there is one.
    """
    paras = paragraphs(body)
    if paras and title and _same_text(paras[0], title):
        paras = paras[1:]
    if not paras:
        return ""
    if len(paras) > 1:
        return paras[0]
    words = paras[0].split(" ")
    if len(words) <= LEAD_WORDS:
        return paras[0]
    cut = words[:LEAD_WORDS]
    for end in range(len(cut), LEAD_WORDS // 2, -1):
        if _SENTENCE_END.search(cut[end - 1]):
            return " ".join(cut[:end])
    return " ".join(cut)


def content_hash(title: str, body: str) -> str:
    """sha256 of the whitespace-normalised, lowercased title + newline + body; 16 hex chars."""
    text = _squash(title).lower() + "\n" + _squash(body).lower()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def article_id(outlet: str, url: str | None, title: str, body: str) -> str:
    """sha256 of outlet|normalised url|title|body (normalised values); 16 hex chars."""
    key = "|".join((outlet, normalise_url(url) or "", title, body))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


# Tracking parameters that never change which page a URL names.
_TRACKING = re.compile(r"^(utm_\w*|fbclid|gclid|dclid|mc_cid|mc_eid|ocid|cmpid)$", re.IGNORECASE)


def normalise_url(url: str | None) -> str | None:
    """The URL reduced to what names the page: host (no www., lowercase) + path + query.

    http and https, a fragment, a trailing slash, a default port and utm_*-style
    tracking parameters make no difference; the remaining query is sorted. A string
    that is not a URL is returned stripped and lowercased; None or "" gives None.
    """
    if url is None:
        return None
    url = url.strip()
    if not url:
        return None
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
        host = (parts.hostname or "").removeprefix("www.")
        port = parts.port
    except ValueError:
        return url.lower()
    if not host:
        return url.lower()
    if port is not None and port not in (80, 443):
        host = f"{host}:{port}"
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)
    )
    path = parts.path.rstrip("/")
    return host + path + ("?" + urlencode(query) if query else "")


def outlet_from_url(url: str | None) -> str:
    """The URL's host without "www.", or "" when there is none."""
    if not url:
        return ""
    try:
        host = urlsplit(url.strip() if "//" in url else "//" + url.strip()).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.") if _HOST.fullmatch(host) else ""


# Common zone abbreviations; dateutil leaves a date with an unknown one naive.
_TZINFOS = {
    name: dateutil_tz.tzoffset(name, hours * 3600)
    for name, hours in {
        "UTC": 0,
        "GMT": 0,
        "Z": 0,
        "BST": 1,
        "CET": 1,
        "CEST": 2,
        "EET": 2,
        "EEST": 3,
        "MSK": 3,
        "IST": 5.5,
        "JST": 9,
        "AEST": 10,
        "AEDT": 11,
        "EST": -5,
        "EDT": -4,
        "CST": -6,
        "CDT": -5,
        "MST": -7,
        "MDT": -6,
        "PST": -8,
        "PDT": -7,
        # US pages write the zone without its season ("8:03 am ET"): standard time is
        # taken, an hour off in summer, nearer than reading the time as UTC.
        "ET": -5,
        "CT": -6,
        "MT": -7,
        "PT": -8,
    }.items()
}
# 1e11 seconds is the year 5138: a larger epoch number is in milliseconds (or finer).
_EPOCH_MS = 1e11
_EPOCH_US = 1e14
_NO_YEAR = dt.datetime(1, 1, 1)


def _utc(value: dt.datetime) -> dt.datetime:
    """A naive datetime is taken as UTC; an aware one is converted to UTC."""
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


#: Day numbers a spreadsheet gives dates from 1954-10-03 to 2119-01-08 (Excel, LibreOffice:
#: days since 1899-12-30). A number below 100,000 is no Unix time a news date has (it is
#: 1970-01-02 at most), so such a number is a day number or no date at all.
_SPREADSHEET_DAYS = (20_000, 80_000)
_SPREADSHEET_EPOCH = dt.datetime(1899, 12, 30, tzinfo=dt.UTC)
_SMALL_NUMBER = 1e5


def _number(value: Any) -> float | None:
    """`value` as a number when it is one (an int, a float, a string of digits), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value.strip()):
        return float(value.strip())
    return None


def spreadsheet_day(value: Any) -> bool:
    """Whether `parse_date` reads `value` as a spreadsheet's day number (45413 or
    "45413.5": 2024-05-01), so that a reader can say so."""
    number = _number(value)
    low, high = _SPREADSHEET_DAYS
    return number is not None and math.isfinite(number) and low <= number < high


def _from_number(value: float, given: Any) -> dt.datetime:
    if not math.isfinite(value):
        raise ValueError(f"{given!r} is not a date")
    if abs(value) < _SMALL_NUMBER:
        if spreadsheet_day(value):
            return _SPREADSHEET_EPOCH + dt.timedelta(days=value)
        if 1000 <= value <= 2999 and value.is_integer():
            raise ValueError(f"{given!r} is a year alone, not a date")
        raise ValueError(f"{given!r} is a number no date reads as (not a day number, not a time)")
    text = str(int(value)) if value == int(value) else ""
    # 20220329 reads better as a date than as a day in August 1970.
    if len(text) == 8 and text.startswith(("19", "20")):
        try:
            return dt.datetime.strptime(text, "%Y%m%d").replace(tzinfo=dt.UTC)
        except ValueError:
            pass
    seconds = (
        value / 1e6
        if abs(value) >= _EPOCH_US
        else value / 1e3
        if abs(value) >= _EPOCH_MS
        else value
    )
    return dt.datetime.fromtimestamp(seconds, dt.UTC)


#: A day in a URL's path as content systems write it when the page is first published:
#: /2016/11/13/, /2016-11-13/, /2016/nov/13/ (The Guardian).
_URL_DAY = re.compile(
    r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2]|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[/-](0[1-9]|[12]\d|3[01])(?=[/-])",
    re.IGNORECASE,
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def url_day(url: str | None) -> dt.date | None:
    """The day a URL's path gives (`/2016/11/13/`, `/2016/nov/13/`), None where it gives
    none or an impossible one (2017/02/30)."""
    match = _URL_DAY.search(url or "")
    if match is None:
        return None
    year, month, day = match.groups()
    number = int(month) if month.isdigit() else _MONTHS.index(month.lower()) + 1
    try:
        return dt.date(int(year), number, int(day))
    except ValueError:
        return None


def parse_date(value: Any) -> dt.datetime | None:
    """A publication date in any common shape -> an aware UTC datetime.

    Accepts datetime/date objects, epoch seconds or milliseconds (numbers or digit
    strings; 20220329 as that day), a spreadsheet's day number (20,000-80,000, days since
    1899-12-30: 45413 is 2024-05-01), ISO 8601, RFC 2822 ("Tue, 29 Mar 2022 10:00:00 +0300") and what
    dateutil reads ("29 March 2022"). Naive values are taken as UTC. Raises
    ValueError when the value is not a date, among them any other number below 100,000
    (a year alone such as 2024, a count): read as Unix seconds it would be a moment of
    1970-01-01, and articles so dated would cluster together by time.
    """
    if isinstance(value, dt.datetime):
        return _utc(value)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a date")
    number = _number(value)
    if number is not None and abs(number) < _SMALL_NUMBER:
        return _from_number(number, value)  # its own message: a year, a day number
    try:
        if number is not None:
            return _from_number(number, value)
        if not isinstance(value, str):
            raise ValueError(f"a {type(value).__name__} is not a date")
        text = value.strip()
        try:
            return _utc(dt.datetime.fromisoformat(text.replace("Z", "+00:00")))
        except ValueError:
            pass
        try:
            # Year 1 as the default exposes a date that gives no year ("29 March").
            parsed = dateutil_parser.parse(text, default=_NO_YEAR, tzinfos=_TZINFOS)
        except (ValueError, OverflowError) as error:
            # email's RFC 2822 parser reads some shapes dateutil refuses ("10.00 BST").
            try:
                return _utc(parsedate_to_datetime(text))
            except (TypeError, ValueError, IndexError):
                raise error from None
        if parsed.year == _NO_YEAR.year:
            raise ValueError("it has no year")
        return _utc(parsed)
    except (OverflowError, OSError, ValueError, TypeError) as error:
        raise ValueError(f"{value!r} is not a date I can read ({error})") from error
