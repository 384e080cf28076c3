"""RSS and Atom feeds (feedparser): one article per entry."""

from __future__ import annotations

import calendar
import datetime as dt
import html
import re
from typing import Any

import feedparser

_BLOCK_END = re.compile(r"<\s*(br\s*/?|/p|/div|/li|/h[1-6]|/blockquote|/tr)\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def html_to_text(markup: str) -> str:
    """Text of an HTML fragment: block ends become paragraph breaks, tags go, entities decode."""
    return html.unescape(_TAG.sub("", _BLOCK_END.sub("\n\n", markup)))


def _text(detail: dict[str, Any] | None) -> str:
    if not detail:
        return ""
    value = detail.get("value") or ""
    return html_to_text(value) if "html" in (detail.get("type") or "") else value


def parse_feed(data: bytes) -> tuple[list[dict[str, Any]], str | None]:
    """The entries of an RSS/Atom feed as article field dicts, and a problem if there is one.

    Each dict has title, body (the entry's content, else its summary), lead (the
    summary when there is content too), url, published_at, author, section (tags), id
    (the entry id), outlet (the entry's <source> title, when given) and
    feed_title. The problem is feedparser's complaint when the feed is malformed.
    """
    parsed = feedparser.parse(data)
    problem = str(parsed.get("bozo_exception")) if parsed.get("bozo") else None
    feed_title = parsed.feed.get("title")
    entries = []
    for entry in parsed.entries:
        content = "\n\n".join(_text(part) for part in entry.get("content", []))
        summary = _text(entry.get("summary_detail"))
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        entries.append(
            {
                "title": _text(entry.get("title_detail")) or entry.get("title", ""),
                "body": content or summary,
                "lead": summary if content else None,
                "url": entry.get("link"),
                # feedparser has already read the date and moved it to UTC.
                "published_at": dt.datetime.fromtimestamp(calendar.timegm(published), dt.UTC)
                if published
                else entry.get("published") or entry.get("updated"),
                "author": entry.get("author"),
                "section": [tag.get("term") for tag in entry.get("tags", []) if tag.get("term")],
                "id": entry.get("id"),
                "outlet": (entry.get("source") or {}).get("title"),
                "feed_title": feed_title,
            }
        )
    return entries, problem
