"""Text files: one article per file, an optional headline on the first line; a page pasted
from a browser is told apart and cleaned line by line (`furniture.parse_page`)."""

from __future__ import annotations

from typing import Any

from clustering.ingest.furniture import looks_like_page, parse_page

#: A first line longer than this is a paragraph, not a headline.
MAX_TITLE_CHARS = 200
# Share of a line's longer words (4+ letters) that start upper-case in a Title Case headline.
_TITLE_CASE_SHARE = 0.6


def _title_case(line: str) -> bool:
    long_words = [w for w in line.split() if len(w) >= 4 and w[0].isalpha()]
    capitals = sum(w[0].isupper() for w in long_words)
    return bool(long_words) and capitals >= _TITLE_CASE_SHARE * len(long_words)


def parse_text(text: str) -> dict[str, Any]:
    """Fields title and body of a plain-text article.

    The first line is the title when a blank line follows it, it is short
    (< `MAX_TITLE_CHARS`) and it does not end like a sentence or clause (".", ",",
    ";", ":"), unless it is in Title Case ("Trump Signals Openness to a New Deal."
    is a headline with a period); otherwise the title is "" and all is body. A pasted
    web page (`looks_like_page`: many short lines of menus and buttons) is split by
    the furniture model instead: headline, article lines, and the dropped lines in
    "page_removed".
    """
    if looks_like_page(text):
        return parse_page(text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")
    first = lines[0].strip()
    if (
        len(lines) > 2
        and first
        and len(first) < MAX_TITLE_CHARS
        and not lines[1].strip()
        and (not first.endswith((".", ",", ";", ":")) or _title_case(first))
    ):
        return {"title": first, "body": "\n".join(lines[2:])}
    return {"title": "", "body": "\n".join(lines)}
