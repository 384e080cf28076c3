"""HTML pages: one article per page, extracted with trafilatura."""

from __future__ import annotations

import json
import re
from typing import Any

import lxml.etree
import lxml.html
import trafilatura

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# Page metadata read when trafilatura finds none: <meta> key (its property, name or
# itemprop, any case) -> field; the first key listed for a field wins. The publication
# time is read apart (`_PUBLISHED_META`).
_META = {
    "og:title": "title",
    "og:site_name": "outlet",
    "og:url": "url",
    "og:description": "lead",
    "description": "lead",
    "author": "author",
    "article:author": "author",
    "article:section": "section",
}
# <meta> keys of the publication time, most trusted first. The page's own timestamps keep
# the time of day and the zone, which trafilatura's date (a day) loses.
_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "dcterms.issued",
    "dc.date.issued",
    "date",
)
_TIME_OF_DAY = re.compile(r"\d:\d\d")
# <time> elements that state the publication: marked as such, else the first in <article>.
_PUBLISHED_TIME = (
    ".//time[@itemprop='datePublished'][@datetime]",
    ".//time[@pubdate][@datetime]",
    ".//article//time[@datetime]",
)


def _json_ld_published(tree: lxml.html.HtmlElement) -> str | None:
    """datePublished of the first JSON-LD object (in a list or an @graph too) that has one."""
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                value = item.get("datePublished")
                if isinstance(value, str) and value.strip():
                    return value.strip()
                stack.extend(v for k, v in item.items() if k == "@graph")
    return None


def _page_metadata(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """Fallback fields from <title>, <html lang>, <link rel=canonical>, og:/meta tags,
    JSON-LD and <time datetime>."""
    by_key: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = (meta.get("content") or "").strip()
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        if content:
            by_key.setdefault(key.strip().lower(), content)
    found: dict[str, str] = {}
    for key, field in _META.items():
        if key in by_key:
            found.setdefault(field, by_key[key])
    stamps = [by_key[key] for key in _PUBLISHED_META if key in by_key]
    stamps += [_json_ld_published(tree) or ""] + [
        element.get("datetime", "").strip()
        for path in _PUBLISHED_TIME
        for element in tree.iterfind(path)
    ]
    stamps = [stamp for stamp in stamps if stamp]
    # A stamp with a time of day beats a bare date from a more trusted source.
    published = next((s for s in stamps if _TIME_OF_DAY.search(s)), stamps[0] if stamps else "")
    if published:
        found["published_at"] = published
    title = tree.findtext(".//title")
    if title and title.strip():
        found.setdefault("title", title.strip())
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            found.setdefault("url", link.get("href", ""))
    if tree.get("lang"):
        found.setdefault("lang", tree.get("lang", ""))
    return found


def parse_html(text: str) -> dict[str, Any]:
    """Fields of the article in an HTML page.

    trafilatura extracts the text (body, paragraphs on their own lines) and metadata
    (title, author, date, sitename, url, categories); the page's <title> and og:
    tags fill what it misses. The page's own timestamp (article:published_time and
    the like, JSON-LD datePublished, <time datetime>) is preferred to trafilatura's
    date, which has no time of day ("2022-03-14T11:20:00-04:00" stays 15:20 UTC). A
    first body line repeating the title is dropped: it is the page's headline, which
    trafilatura keeps in the text. A page with no article text gives body "".
    """
    text = _XML_DECLARATION.sub("", text, count=1)
    try:
        meta = _page_metadata(lxml.html.fromstring(text))
    except (lxml.etree.ParserError, ValueError):
        meta = {}
    document = trafilatura.bare_extraction(
        text,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    found: dict[str, Any] = {}
    if isinstance(document, dict):
        found = document
    elif document is not None:
        found = document.as_dict()
    title = found.get("title") or meta.get("title") or ""
    body = found.get("text") or ""
    first, _, rest = body.partition("\n")
    if title and first.strip() == title.strip():
        body = rest
    return {
        "title": title,
        "body": body,
        "lead": found.get("description") or meta.get("lead"),
        "outlet": found.get("sitename") or meta.get("outlet"),
        "url": found.get("url") or meta.get("url"),
        # The page's own timestamp keeps the time of day; trafilatura's date is a day.
        "published_at": meta.get("published_at") or found.get("date"),
        "author": found.get("author") or meta.get("author"),
        "section": found.get("categories") or meta.get("section"),
        "lang": found.get("language") or meta.get("lang"),
    }
