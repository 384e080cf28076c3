"""Safe rendering of untrusted text: every page shows article text through here.

Article text is untrusted: a title may hold `<script>`, an `<img onerror=...>` or markdown
that would turn into a link. The app shows it through text-only elements (st.text,
st.dataframe), through `escape_markdown` where Streamlit interprets markdown (headings,
captions, labels), and through the HTML builders below (`diff_html`, `article_diff_html`,
`highlight_html`, `side_by_side_html`), which escape every text and add only their own
`<span>` / `<mark>` / `<div>` tags, for the places that need colour.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

# CommonMark lets any ASCII punctuation be backslash-escaped, and an escaped character is
# always literal text; escaping every character markdown or Streamlit's extensions give a
# meaning to ($math$, :color[text]) is simpler and safer than guessing by position.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~=:$&])")
# Some rewrites run on the text *after* parsing, where escapes are gone: GFM's literal
# autolinks (www.x, http://x, a@b.c) and Streamlit's :material/icon: shortcodes. A WORD
# JOINER (U+2060, invisible, never a line break) after "www", "http(s)" and every ":", and
# before every "@", breaks their patterns without changing what the reader sees.
_WORD_JOINER = "\u2060"
_AUTOLINK_START = re.compile(r"(?i)\b(www|https?)(?=\\[.:])")


def escape_markdown(text: str | None) -> str:
    """`text` for Streamlit's markdown (headings, captions, labels), shown literally: every
    markdown/HTML-significant character backslash-escaped, and invisible word joiners that
    stop links and icons from being made of it (see `_WORD_JOINER`); "" for None. Line
    breaks become spaces: the result is meant for one-line places."""
    if text is None:
        return ""
    escaped = _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).splitlines()))
    escaped = _AUTOLINK_START.sub(r"\1" + _WORD_JOINER, escaped)
    return escaped.replace("\\:", "\\:" + _WORD_JOINER).replace("@", _WORD_JOINER + "@")


_SPAN_STYLE = {
    "equal": "",
    "delete": "background-color:#ffd7d5;text-decoration:line-through;",
    "insert": "background-color:#ccf0d4;",
}


def diff_html(spans: Iterable[Mapping[str, Any]]) -> str:
    """HTML of word-diff spans (`{"kind": "equal"|"insert"|"delete", "text": str}`): every
    text escaped with `html.escape`; insertions green, deletions red and struck through.
    An unknown kind renders as plain (escaped) text."""
    out = []
    for span in spans:
        text = html.escape(str(span.get("text") or ""))
        style = _SPAN_STYLE.get(str(span.get("kind")), "")
        out.append(f'<span style="{style}">{text}</span>' if style else text)
    return "".join(out)


def article_diff_html(rows: Sequence[Mapping[str, Any]], left: str = "", right: str = "") -> str:
    """Side-by-side HTML of `clustering.compare.diff.diff_articles` rows: a two-column grid,
    one line per aligned sentence pair; the left cell shows the first article's sentence
    (deletions highlighted), the right cell the second's (insertions highlighted).
    `left`/`right` are column titles (escaped). All text is escaped."""
    cell = "padding:4px 8px;border-bottom:1px solid #e6e6e6;white-space:pre-wrap;"
    head = "padding:4px 8px;font-weight:600;border-bottom:2px solid #bbb;"
    parts = [
        '<div style="display:grid;grid-template-columns:1fr 1fr;'
        'font-size:0.9rem;line-height:1.45;">',
        f'<div style="{head}">{html.escape(left)}</div>',
        f'<div style="{head}">{html.escape(right)}</div>',
    ]
    for row in rows:
        spans = row.get("spans") or []
        a_side = [s for s in spans if s.get("kind") in ("equal", "delete")]
        b_side = [s for s in spans if s.get("kind") in ("equal", "insert")]
        a_html = diff_html(a_side) if row.get("a_index") is not None else ""
        b_html = diff_html(b_side) if row.get("b_index") is not None else ""
        parts.append(f'<div style="{cell}">{a_html}</div>')
        parts.append(f'<div style="{cell}">{b_html}</div>')
    parts.append("</div>")
    return "".join(parts)


_MARK_STYLE = "background-color:#ffe08a;font-weight:600;padding:0 2px;border-radius:3px;"


def highlight_html(text: str | None, spans: Iterable[tuple[int, int]]) -> str:
    """`text` as HTML, every character escaped, the [start, end) `spans` wrapped in
    `<mark>` (the figures of a sentence); spans out of range or overlapping an earlier
    one are ignored."""
    text = text or ""
    out, at = [], 0
    for start, end in sorted(spans):
        if start < at or end <= start or end > len(text):
            continue
        out.append(html.escape(text[at:start]))
        out.append(f'<mark style="{_MARK_STYLE}">{html.escape(text[start:end])}</mark>')
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


def side_by_side_html(cards: Sequence[Mapping[str, str]], max_height: int | None = None) -> str:
    """Cards in a row (up to three per line): each {"title", "subtitle"} (plain text,
    escaped here) and "html" (already safe: `highlight_html` or `diff_html` output).
    `max_height` (pixels): each card's content scrolls beyond it, so one long card does
    not leave its row's other cards above a screenful of blank space."""
    columns = max(1, min(len(cards), 3))
    card = (
        "border:1px solid #d9d9d9;border-radius:8px;padding:10px 12px;background:#fff;"
        "font-size:0.92rem;line-height:1.5;"
    )
    scroll = f' style="max-height:{max_height}px;overflow-y:auto;"' if max_height else ""
    parts = [
        f'<div class="storylens-side-by-side" style="display:grid;gap:10px;'
        f'grid-template-columns:repeat({columns},minmax(0,1fr));">'
    ]
    for item in cards:
        parts.append(
            f'<div style="{card}">'
            f'<div style="font-weight:600;">{html.escape(item.get("title") or "")}</div>'
            f'<div style="color:#666;font-size:0.8rem;margin-bottom:6px;">'
            f"{html.escape(item.get('subtitle') or '')}</div>"
            f"<div{scroll}>{item.get('html') or ''}</div></div>"
        )
    parts.append("</div>")
    return "".join(parts)


__all__ = [
    "article_diff_html",
    "diff_html",
    "escape_markdown",
    "highlight_html",
    "side_by_side_html",
]
