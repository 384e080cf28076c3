"""Frames shaped for display: what the app shows, computed as plain functions over frames.

The Streamlit app (`app.py`, `app_pages/`) only renders what these functions return, so
every number a journalist sees is computed here and tested with exact values. Nothing here
imports streamlit.

Safe rendering lives here too. Article text is untrusted: a title may hold `<script>`, an
`<img onerror=...>` or markdown that would turn into a link. The app shows it through
text-only elements (st.text, st.dataframe), through `escape_markdown` where Streamlit
interprets markdown (headings, captions, labels), and through `diff_html` /
`article_diff_html`, which escape every span and add only their own `<span>` / `<div>`
tags, for the one place that needs colour (word-level differences).

Reading the comparison tables and the history of a corpus is here as well (`read_comparisons`,
`read_history`): both are optional files, and a corpus built before they existed is a state
the app must show plainly, not an error.
"""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import polars as pl

from clustering import schema
from clustering.corpus import Corpus
from clustering.export import FORMATS, Format, csv_safe
from clustering.marks import locate_quote
from clustering.text import split_sentences

__all__ = [
    "COMPARISON_KINDS",
    "FLAG_STATUSES",
    "alignment_reason",
    "NO_COMPARISON",
    "article_diff_html",
    "article_options",
    "blindspots",
    "covered_stories",
    "coverage",
    "diff_html",
    "escape_markdown",
    "exclusive_facts",
    "filter_stories",
    "format_span",
    "framing_table",
    "group_coverage",
    "headlines",
    "highlight_html",
    "mark_line",
    "number_flag_html",
    "number_flags",
    "other_marks_table",
    "quote_flag_html",
    "quote_flags",
    "side_by_side_html",
    "story_marks",
    "last_change",
    "numbers_matrix",
    "outlet_summary",
    "parse_outlet_meta",
    "quote_matrix",
    "quote_versions",
    "read_comparisons",
    "read_history",
    "rejects_table",
    "story_changes",
    "story_outlets",
    "story_search_text",
    "story_table",
    "table_bytes",
    "timeline",
]

#: The comparison tables a corpus may hold, as <corpus>/comparisons/<kind>.parquet (the
#: keys of clustering.compare.TABLES, named here so that views need not import the models).
COMPARISON_KINDS = ("numbers", "quotes", "framing", "facts")
#: What a panel says when its comparison table is not in the corpus (built before it existed).
NO_COMPARISON = "No comparison computed for this corpus."

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

_STORY_COLUMNS = [
    "story_id",
    "headline",
    "size",
    "n_copies",
    "n_outlets",
    "outlets",
    "keywords",
    "first_published",
    "last_published",
]
_STATUS_ORDER = {"conflict": 0, "compatible": 1, "agree": 2, "single": 3}


def _require(frame: pl.DataFrame, columns: Iterable[str], name: str) -> None:
    """Raise `SchemaError` naming the columns of `columns` that `frame` lacks."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise schema.SchemaError(
            f"{name} frame should have columns {missing}. Got {frame.columns} instead."
        )


# --- safe text -------------------------------------------------------------------------


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


# --- corpus files the app reads beyond the core tables -----------------------------------


def read_comparisons(corpus: Corpus) -> dict[str, pl.DataFrame]:
    """The comparison tables present in `corpus`, kind -> frame with a story_id column;
    kinds not computed are absent from the dict."""
    return corpus.read_comparisons()


def read_history(corpus: Corpus) -> pl.DataFrame | None:
    """The history table (at, kind, story_id, old_story_ids, new_story_ids, n_added),
    or None for a corpus built before the history existed."""
    return corpus.read("history") if corpus.has("history") else None


# --- stories page ----------------------------------------------------------------------


def format_span(start: datetime | None, end: datetime | None) -> str:
    """How long a story ran, for people: "" when unknown or no time passed, "same day" when
    both are the same midnight (date-only inputs), otherwise "<1 h", "5 h", "2 d 3 h" (or
    "2 d" when both are midnights)."""
    if start is None or end is None:
        return ""
    delta = end - start
    if delta < timedelta(0):
        delta = -delta
    midnight = start.time() == time(0) and end.time() == time(0)
    if delta == timedelta(0):
        return "same day" if midnight else ""
    hours = int(delta.total_seconds() // 3600)
    if hours == 0:
        return "<1 h"
    days, hours = divmod(hours, 24)
    if days == 0:
        return f"{hours} h"
    return f"{days} d" if hours == 0 or midnight else f"{days} d {hours} h"


def _number_conflicts(numbers: pl.DataFrame) -> pl.DataFrame:
    _require(numbers, ["story_id", "status"], "numbers")
    return numbers.group_by("story_id").agg(
        (pl.col("status") == "conflict").any().alias("has_number_conflict")
    )


def _reworded() -> pl.Expr:
    """Whether a quote version's diff against its group's reference has a non-blank
    insertion or deletion (whitespace-only differences are layout, not wording)."""
    element = pl.element().struct
    changed = (element.field("kind") != "equal") & (element.field("text").str.strip_chars() != "")
    return pl.col("diff").list.eval(changed).list.any().fill_null(False)


def _wording(quotes: pl.DataFrame) -> pl.Expr:
    """A quote version against its group's reference: "translated" (another language,
    matched by meaning: QUOTE_GROUPS.translated; absent in older tables), "verbatim",
    "truncated" or "reworded"."""
    translated = (
        pl.col("translated").fill_null(False) if "translated" in quotes.columns else pl.lit(False)
    )
    return (
        pl.when(translated)
        .then(pl.lit("translated"))
        .when(~_reworded())
        .then(pl.lit("verbatim"))
        .when(pl.col("is_truncated").fill_null(False))
        .then(pl.lit("truncated"))
        .otherwise(pl.lit("reworded"))
    )


def _quote_differences(quotes: pl.DataFrame) -> pl.DataFrame:
    _require(quotes, ["story_id", "status", "diff"], "quotes")
    return quotes.group_by("story_id").agg(
        ((pl.col("status") == "shared") & _reworded()).any().alias("has_quote_difference")
    )


def story_search_text(articles: pl.DataFrame, assignments: pl.DataFrame) -> pl.DataFrame:
    """story_id, search: the lower-cased titles and outlets of all of a story's articles
    (copies included), so a search finds a story by any of its headlines."""
    schema.validate(assignments, schema.ASSIGNMENTS, "assignments")
    _require(articles, ["article_id", "title", "outlet"], "articles")
    return (
        articles.select("article_id", "title", "outlet")
        .join(assignments.select("article_id", "story_id"), on="article_id")
        .group_by("story_id")
        .agg(
            pl.concat_str(
                [pl.col("title").fill_null(""), pl.col("outlet").fill_null("")], separator=" "
            )
            .str.join(" ")
            .str.to_lowercase()
            .alias("search")
        )
    )


def story_table(
    stories: pl.DataFrame,
    comparisons: Mapping[str, pl.DataFrame] | None = None,
    search_text: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """One row per story, sorted by coverage: most outlets first, then most articles, then
    latest, then story_id (so the order never depends on file order).

    Columns: story_id, headline, n_outlets, size, n_copies, outlets, first_published,
    last_published, time_span (text, see `format_span`), has_number_conflict,
    has_quote_difference, keywords, search (lower-cased text for `filter_stories`), and
    updated_at when `stories` has it. The two has_ columns are null when the corpus has no
    numbers / quotes comparison (unknown, not "no"), False for a story without any.
    `search_text` is `story_search_text`'s frame; without it, search covers the headline,
    keywords and outlets only.
    """
    # Not schema.validate: a corpus built before updated_at existed must still open.
    _require(stories, _STORY_COLUMNS, "stories")
    comparisons = comparisons or {}
    frame = stories.with_columns(
        pl.struct("first_published", "last_published")
        .map_elements(
            lambda r: format_span(r["first_published"], r["last_published"]),
            return_dtype=pl.String,
        )
        .alias("time_span")
    )
    for kind, column, shape in (
        ("numbers", "has_number_conflict", _number_conflicts),
        ("quotes", "has_quote_difference", _quote_differences),
    ):
        if kind in comparisons:
            frame = frame.join(shape(comparisons[kind]), on="story_id", how="left").with_columns(
                pl.col(column).fill_null(False)
            )
        else:
            frame = frame.with_columns(pl.lit(None, pl.Boolean).alias(column))
    own = pl.concat_str(
        [
            pl.col("headline").fill_null(""),
            pl.col("keywords").list.join(" "),
            pl.col("outlets").list.join(" "),
        ],
        separator=" ",
    ).str.to_lowercase()
    if search_text is not None:
        frame = frame.join(search_text, on="story_id", how="left").with_columns(
            pl.concat_str([own, pl.col("search").fill_null("")], separator=" ").alias("search")
        )
    else:
        frame = frame.with_columns(own.alias("search"))
    columns = [
        "story_id",
        "headline",
        "n_outlets",
        "size",
        "n_copies",
        "outlets",
        "first_published",
        "last_published",
        "time_span",
        "has_number_conflict",
        "has_quote_difference",
        "keywords",
        "search",
    ]
    if "updated_at" in stories.columns:
        columns.append("updated_at")
    return frame.select(columns).sort(
        ["n_outlets", "size", "last_published", "story_id"],
        descending=[True, True, True, False],
        nulls_last=True,
    )


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


def filter_stories(
    frame: pl.DataFrame,
    text: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    outlets: Sequence[str] = (),
    min_size: int = 1,
) -> pl.DataFrame:
    """The rows of `story_table`'s `frame` that match every given filter, order kept.

    text: every whitespace-separated word occurs (case-insensitive, literal) in the
    story's search text. date_from/date_to (UTC days, inclusive): the story's
    [first_published, last_published] overlaps them; a story of unknown date is kept only
    when no date is given. outlets: at least one of them covered the story. min_size: at
    least this many independent articles.
    """
    _require(frame, ["search", "first_published", "last_published", "outlets", "size"], "stories")
    if date_from is not None and date_to is not None and date_from > date_to:
        raise ValueError(
            f"date_from should be on or before date_to. Got {date_from} > {date_to} instead."
        )
    conditions = [pl.col("size") >= min_size]
    for word in text.lower().split():
        conditions.append(pl.col("search").str.contains(word, literal=True))
    if date_from is not None:
        conditions.append(pl.col("last_published") >= _day_start(date_from))
    if date_to is not None:
        conditions.append(pl.col("first_published") < _day_start(date_to + timedelta(days=1)))
    if outlets:
        conditions.append(pl.col("outlets").list.eval(pl.element().is_in(list(outlets))).list.any())
    return frame.filter(pl.all_horizontal(conditions).fill_null(False))


# --- story page ------------------------------------------------------------------------


def coverage(articles: pl.DataFrame) -> pl.DataFrame:
    """Who covered one story, first reporter first: one row per outlet ("" for unknown).

    articles: ARTICLES of the story (`clustering.pipeline.story_articles`). Columns:
    outlet, n_articles (independent), n_copies (duplicates, e.g. wire copies),
    first_published, hours_after_first (f64, since the story's earliest article; null
    when unknown), is_first (the outlet(s) of the earliest independent article),
    languages (the outlet's article languages, ISO 639-1 codes as "en, es"; "" unknown).
    """
    schema.validate(articles, schema.ARTICLES, "articles")
    is_copy = pl.col("duplicate_of").is_not_null()
    lang = pl.col("lang").fill_null("")
    per_outlet = articles.group_by("outlet").agg(
        (~is_copy).sum().cast(pl.Int64).alias("n_articles"),
        is_copy.sum().cast(pl.Int64).alias("n_copies"),
        pl.col("published_at").min().alias("first_published"),
        lang.filter(lang != "").unique().sort().str.join(", ").alias("languages"),
    )
    earliest = articles.filter(~is_copy)["published_at"].min()
    if earliest is None:
        earliest = articles["published_at"].min()
    hours = (pl.col("first_published") - pl.lit(earliest)).dt.total_seconds() / 3600.0
    return (
        per_outlet.with_columns(
            hours.cast(pl.Float64).alias("hours_after_first"),
            ((pl.col("first_published") == pl.lit(earliest)) & (pl.col("n_articles") > 0))
            .fill_null(False)
            .alias("is_first"),
        )
        .select(pl.exclude("languages"), "languages")
        .sort(["first_published", "outlet"], nulls_last=True)
    )


def timeline(articles: pl.DataFrame) -> pl.DataFrame:
    """Points of the publication timeline chart: outlet, published_at, kind ("original" or
    "copy"), article_id; articles of unknown date left out; earliest first."""
    schema.validate(articles, schema.ARTICLES, "articles")
    return (
        articles.filter(pl.col("published_at").is_not_null())
        .select(
            pl.when(pl.col("outlet") == "")
            .then(pl.lit("(unknown)"))
            .otherwise("outlet")
            .alias("outlet"),
            "published_at",
            pl.when(pl.col("duplicate_of").is_null())
            .then(pl.lit("original"))
            .otherwise(pl.lit("copy"))
            .alias("kind"),
            "article_id",
        )
        .sort("published_at", "article_id")
    )


def _first_sentence(text: pl.Expr) -> pl.Expr:
    # Up to the first sentence end followed by a space, else the whole first line.
    return text.fill_null("").str.strip_chars().str.extract(r"^([^\n]*?[.!?])(?:\s|$)", 1)


def headlines(articles: pl.DataFrame, framing: pl.DataFrame | None = None) -> pl.DataFrame:
    """Headlines and leads side by side: one row per article of a story, earliest first.

    Columns: article_id, outlet, lang (ISO 639-1, "" unknown), published_at, title,
    lead_sentence, is_copy.
    lead_sentence comes from the framing comparison when it has the article, else it is
    the first sentence of the article's lead (or of its body when the lead is empty).
    """
    schema.validate(articles, schema.ARTICLES, "articles")
    lead_text = (
        pl.when(pl.col("lead").fill_null("").str.strip_chars() != "").then("lead").otherwise("body")
    )
    frame = articles.with_columns(
        pl.coalesce(_first_sentence(lead_text), lead_text.fill_null("").str.slice(0, 300)).alias(
            "lead_sentence"
        ),
        pl.col("duplicate_of").is_not_null().alias("is_copy"),
    )
    if framing is not None and framing.height:
        _require(framing, ["article_id", "lead_sentence"], "framing")
        frame = frame.join(
            framing.select("article_id", pl.col("lead_sentence").alias("framed")),
            on="article_id",
            how="left",
        ).with_columns(pl.coalesce("framed", "lead_sentence").alias("lead_sentence"))
    return frame.select(
        "article_id",
        "outlet",
        pl.col("lang").fill_null(""),
        "published_at",
        "title",
        "lead_sentence",
        "is_copy",
    ).sort("published_at", "outlet", "article_id", nulls_last=True)


def numbers_matrix(numbers: pl.DataFrame) -> pl.DataFrame:
    """The numbers of one story, quantity x outlet: one row per group of claims about one
    quantity, conflicts first (then compatible, agree, single), then by quantity.

    Columns: group_id, quantity, status, then one column per outlet (sorted) holding the
    number as that outlet wrote it (several claims joined with " / "; null when the outlet
    did not state it).
    """
    _require(numbers, ["group_id", "status", "quantity", "outlet", "text", "article_id"], "numbers")
    if numbers.height == 0:
        return pl.DataFrame(
            schema={"group_id": pl.String, "quantity": pl.String, "status": pl.String}
        )
    groups = numbers.group_by("group_id").agg(pl.col("quantity").first(), pl.col("status").first())
    cells = (
        numbers.sort("article_id")
        .group_by("group_id", "outlet")
        .agg(pl.col("text").unique(maintain_order=True).str.join(" / "))
        .pivot(on="outlet", index="group_id", values="text")
    )
    outlets = sorted(c for c in cells.columns if c != "group_id")
    return (
        groups.join(cells, on="group_id")
        .with_columns(
            pl.col("status")
            .replace_strict(_STATUS_ORDER, default=9, return_dtype=pl.Int64)
            .alias("_order")
        )
        .sort("_order", "quantity", "group_id")
        .select("group_id", "quantity", "status", *outlets)
    )


def quote_matrix(quotes: pl.DataFrame) -> pl.DataFrame:
    """The quotes of one story, quote x outlet: one row per quote group, shared quotes
    first, then by number of outlets (descending), speaker, group_id.

    Columns: group_id, speaker, status, n_outlets, quote (the group's reference: its
    longest version not translated), then one column per outlet (sorted): "verbatim" (same
    words as the reference), "truncated" (the comparison flagged it as cut short),
    "reworded" (other words inserted or deleted), "translated" (in another language,
    matched by meaning), or null when the outlet did not carry the quote. An outlet
    quoting a group twice shows its most changed version.
    """
    _require(
        quotes,
        ["group_id", "speaker", "status", "outlet", "text", "is_truncated", "diff", "article_id"],
        "quotes",
    )
    if quotes.height == 0:
        return pl.DataFrame(
            schema={
                "group_id": pl.String,
                "speaker": pl.String,
                "status": pl.String,
                "n_outlets": pl.Int64,
                "quote": pl.String,
            }
        )
    rank = {"verbatim": 0, "truncated": 1, "reworded": 2, "translated": 3}
    versions = quotes.with_columns(_wording(quotes).alias("wording"))
    groups = versions.group_by("group_id").agg(
        pl.col("speaker").drop_nulls().first(),
        pl.col("status").first(),
        pl.col("outlet").n_unique().cast(pl.Int64).alias("n_outlets"),
        pl.col("text")
        .sort_by(
            # A translation is never the quote shown: the reference's language is.
            pl.col("wording") == "translated",
            pl.col("text").str.len_chars(),
            "article_id",
            descending=[False, True, False],
        )
        .first()
        .alias("quote"),
    )
    cells = (
        versions.with_columns(
            pl.col("wording").replace_strict(rank, return_dtype=pl.Int64).alias("_rank")
        )
        .group_by("group_id", "outlet")
        .agg(pl.col("wording").sort_by("_rank", descending=True).first())
        .pivot(on="outlet", index="group_id", values="wording")
    )
    outlets = sorted(c for c in cells.columns if c != "group_id")
    return (
        groups.join(cells, on="group_id")
        .with_columns((pl.col("status") != "shared").alias("_single"))
        .sort(
            ["_single", "n_outlets", "speaker", "group_id"],
            descending=[False, True, False, False],
            nulls_last=True,
        )
        .select("group_id", "speaker", "status", "n_outlets", "quote", *outlets)
    )


def quote_versions(quotes: pl.DataFrame, group_id: str) -> pl.DataFrame:
    """Every outlet's version of one quote group, reference (fewest changes) first.

    Columns: outlet, article_id, text, is_truncated, similarity, diff (the word diff
    against the reference, render with `diff_html`).
    """
    _require(
        quotes,
        ["group_id", "outlet", "article_id", "text", "is_truncated", "similarity", "diff"],
        "quotes",
    )
    return (
        quotes.filter(pl.col("group_id") == group_id)
        .select("outlet", "article_id", "text", "is_truncated", "similarity", "diff")
        .sort(
            ["similarity", "outlet", "article_id"], descending=[True, False, False], nulls_last=True
        )
    )


# --- flags side by side, and their marks ------------------------------------------------

#: Number statuses shown as flags, side by side, for a user to mark: values that cannot
#: both hold, and values that changed as the story went on.
FLAG_STATUSES = ("conflict", "update")
_FLAG_ORDER = {status: i for i, status in enumerate(FLAG_STATUSES)}
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


def side_by_side_html(cards: Sequence[Mapping[str, str]]) -> str:
    """Cards in a row (up to three per line): each {"title", "subtitle"} (plain text,
    escaped here) and "html" (already safe: `highlight_html` or `diff_html` output)."""
    columns = max(1, min(len(cards), 3))
    card = (
        "border:1px solid #d9d9d9;border-radius:8px;padding:10px 12px;background:#fff;"
        "font-size:0.92rem;line-height:1.5;"
    )
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
            f"<div>{item.get('html') or ''}</div></div>"
        )
    parts.append("</div>")
    return "".join(parts)


def _reason_fields(reason: str | None) -> dict[str, Any]:
    if not reason:
        return {}
    try:
        fields = json.loads(reason)
    except ValueError:
        return {}
    return fields if isinstance(fields, dict) else {}


def alignment_reason(reason: str | None, quantity: str | None) -> str:
    """Why a group's claims were aligned, one line for people, from NUMBER_CLAIMS' reason
    (a JSON object: counted, events, scope, when, basis), e.g. "Same counted thing:
    people killed, killed · what happened: death · same time: published 2024-03-04 ·
    values differ". Without a reason: the group's quantity only."""
    fields = _reason_fields(reason)
    counted = [str(c) for c in fields.get("counted") or [] if c] or ([quantity] if quantity else [])
    parts = [f"Same counted thing: {', '.join(counted)}"] if counted else []
    if fields.get("events"):
        parts.append("what happened: " + ", ".join(map(str, fields["events"])))
    if fields.get("scope"):
        parts.append("scope: " + ", ".join(map(str, fields["scope"])))
    days = sorted({str(w)[:10] for w in fields.get("when") or []})
    if len(days) == 1:
        parts.append(f"same time: published {days[0]}")
    elif days:
        parts.append(f"published over {len(days)} days, {days[0]} to {days[-1]}")
    if fields.get("basis"):
        parts.append(str(fields["basis"]))
    return " · ".join(parts) or "Aligned as one quantity"


def _figure_offset(row: Mapping[str, Any]) -> int | None:
    """Where a claim's `text` starts within its `sentence`: from the stored offsets when
    they point at it, else its first occurrence; None when it is not in the sentence."""
    sentence, text = row.get("sentence") or "", row.get("text") or ""
    if row.get("start") is not None and row.get("sentence_start") is not None:
        offset = row["start"] - row["sentence_start"]
        if sentence[offset : offset + len(text)] == text:
            return offset
    found = sentence.find(text) if text else -1
    return found if found >= 0 else None


def number_flags(numbers: pl.DataFrame, articles: pl.DataFrame | None = None) -> pl.DataFrame:
    """The flagged number groups of one story (status in FLAG_STATUSES), one row per
    claim: conflicts first, then updates, by quantity; within a group by publication time,
    then outlet.

    Columns: group_id, status, quantity, why (`alignment_reason`), outlet, article_id,
    published_at (from the claims, else from `articles`; null when unknown), text,
    sentence, figure_start, figure_end (offsets of text in sentence; null when it is not
    in it). A corpus compared before claims carried reasons and offsets still works.
    """
    _require(numbers, ["group_id", "status", "quantity", "outlet", "text", "article_id"], "numbers")
    out_schema = schema.frame_schema({
        "group_id": pl.String, "status": pl.String, "quantity": pl.String, "why": pl.String,
        "outlet": pl.String, "article_id": pl.String, "published_at": schema.UTC_DATETIME,
        "text": pl.String, "sentence": pl.String, "figure_start": pl.Int64,
        "figure_end": pl.Int64,
    })  # fmt: skip
    flagged = numbers.filter(pl.col("status").is_in(FLAG_STATUSES))
    if "published_at" not in flagged.columns:
        flagged = flagged.with_columns(pl.lit(None, schema.UTC_DATETIME).alias("published_at"))
    if articles is not None:
        flagged = flagged.join(
            articles.select("article_id", pl.col("published_at").alias("_published")),
            on="article_id",
            how="left",
        ).with_columns(pl.coalesce("published_at", "_published").alias("published_at"))
    rows = []
    for row in flagged.iter_rows(named=True):
        text = row["text"] or ""
        if row.get("sentence"):
            sentence, offset = row["sentence"], _figure_offset(row)
        else:  # no sentence stored: the figure alone
            sentence, offset = text, 0
        rows.append(
            {
                **{k: row.get(k) for k in out_schema},
                "why": alignment_reason(row.get("reason"), row["quantity"]),
                "sentence": sentence,
                "figure_start": offset,
                "figure_end": None if offset is None else offset + len(text),
            }
        )
    frame = pl.DataFrame(rows, schema=out_schema)
    return frame.sort(
        pl.col("status").replace_strict(_FLAG_ORDER, default=9, return_dtype=pl.Int64),
        "quantity",
        "group_id",
        "published_at",
        "outlet",
        "article_id",
        nulls_last=True,
    )


def number_flag_html(claims: pl.DataFrame) -> str:
    """One flag's claims (the rows of one group of `number_flags`) side by side: per
    outlet its sentence, the figure highlighted, and when it was published."""
    cards = []
    for row in claims.iter_rows(named=True):
        when = f"{row['published_at']:%Y-%m-%d %H:%M} UTC" if row["published_at"] else "undated"
        spans = [(row["figure_start"], row["figure_end"])] if row["figure_end"] is not None else []
        cards.append(
            {
                "title": row["outlet"] or row["article_id"],
                "subtitle": f"{when} · {row['text']}",
                "html": highlight_html(row["sentence"], spans),
            }
        )
    return side_by_side_html(cards)


def _quote_context(text: str, body: str | None) -> tuple[str, int | None, int | None]:
    """The sentence(s) of `body` a quote sits in, and the quote's offsets within them;
    (text, 0, len(text)) when the quote is not found in the body."""
    found = locate_quote(text, body or "") if body else None
    if found is None:
        return text, 0, len(text)
    start, end = found
    inside = [s for s in split_sentences(body or "") if s.end > start and s.start < end]
    first = min([start, *(s.start for s in inside)])
    last = max([end, *(s.end for s in inside)])
    # Line breaks become spaces one for one: the offsets stay right.
    context = (body or "")[first:last].replace("\r", " ").replace("\n", " ")
    return context, start - first, end - first


def quote_flags(quotes: pl.DataFrame, articles: pl.DataFrame | None = None) -> pl.DataFrame:
    """The shared quotes of one story (quoted by two or more outlets), one row per version:
    groups whose wording differs first, then by outlets (most first), speaker, group_id;
    versions as in `quote_versions`.

    Columns: group_id, speaker, why ("Same speaker: X · words 84-100% alike"), changed
    (some version is reworded, truncated or translated), outlet, article_id, text, wording
    ("verbatim", "truncated", "reworded", "translated"), diff, sentence (the sentence(s) of the article's body the
    quote sits in, found with `articles`' bodies; the quote alone without them),
    quote_start, quote_end (the quote's offsets in sentence)."""
    _require(
        quotes,
        ["group_id", "speaker", "status", "outlet", "article_id", "text", "is_truncated",
         "similarity", "diff"],
        "quotes",
    )  # fmt: skip
    shared = quotes.filter(pl.col("status") == "shared").with_columns(
        _wording(quotes).alias("wording")
    )
    per_group = shared.group_by("group_id").agg(
        pl.col("speaker").drop_nulls().first().alias("_speaker"),
        (pl.col("wording") != "verbatim").any().alias("changed"),
        pl.col("outlet").n_unique().alias("_outlets"),
        pl.col("similarity").min().alias("_low"),
        pl.col("similarity").max().alias("_high"),
        (pl.col("wording") == "translated").any().alias("_translated"),
    )
    alike = pl.format(
        "words {}-{}% alike",
        pl.col("_low").round(0).cast(pl.Int64),
        pl.col("_high").round(0).cast(pl.Int64),
    )
    why = pl.concat_str(
        [
            pl.lit("Same speaker: "),
            pl.col("_speaker").fill_null("unknown"),
            pl.lit(" · "),
            # Translations are matched by meaning: their similarity is no word overlap.
            pl.when(pl.col("_translated"))
            .then(pl.lit("translated, matched by meaning across languages"))
            .when(pl.col("_low") == pl.col("_high"))
            .then(pl.format("words {}% alike", pl.col("_low").round(0).cast(pl.Int64)))
            .otherwise(alike),
        ]
    )
    flags = (
        shared.join(per_group.with_columns(why.alias("why")), on="group_id")
        .sort(
            ["changed", "_outlets", "_speaker", "group_id", "similarity", "outlet", "article_id"],
            descending=[True, True, False, False, True, False, False],
            nulls_last=True,
        )
        .select(
            "group_id",
            pl.col("_speaker").alias("speaker"),
            "why",
            "changed",
            "outlet",
            "article_id",
            "text",
            "wording",
            "diff",
        )
    )
    bodies = (
        dict(zip(articles["article_id"], articles["body"], strict=True))
        if articles is not None
        else {}
    )
    contexts = [
        _quote_context(text, bodies.get(article_id))
        for article_id, text in zip(flags["article_id"], flags["text"], strict=True)
    ]
    return flags.with_columns(
        pl.Series("sentence", [c[0] for c in contexts], dtype=pl.String),
        pl.Series("quote_start", [c[1] for c in contexts], dtype=pl.Int64),
        pl.Series("quote_end", [c[2] for c in contexts], dtype=pl.Int64),
    )


def quote_flag_html(versions: pl.DataFrame) -> str:
    """One shared quote's versions (rows of one group of `quote_flags`) side by side: per
    outlet the sentence it sits in with the quote highlighted, and, when its words differ,
    its word diff against the longest version."""
    cards = []
    for row in versions.iter_rows(named=True):
        spans = [(row["quote_start"], row["quote_end"])] if row["quote_end"] is not None else []
        changes = ""
        if row["wording"] not in ("verbatim", "translated"):  # no word diff across languages
            changes = (
                '<div style="margin-top:6px;font-size:0.82rem;color:#444;">'
                f"Against the longest version: {diff_html(row['diff'] or [])}</div>"
            )
        cards.append(
            {
                "title": row["outlet"] or row["article_id"],
                "subtitle": row["wording"],
                "html": highlight_html(row["sentence"], spans) + changes,
            }
        )
    return side_by_side_html(cards)


def story_marks(
    states: pl.DataFrame, story_id: str, article_ids: Iterable[str] = ()
) -> pl.DataFrame:
    """The marks one story page shows (MARK_STATES rows): those attached to a group of the
    story now, and the orphaned ones that were given in this story or on one of its
    articles (`article_ids`), so that a mark whose flag is gone stays in sight."""
    _require(states, ["state", "current_story_id", "story_id", "members"], "marks")
    ids = list(article_ids)
    on_articles = (
        pl.col("members").list.eval(pl.element().str.extract(r"^(.+?):", 1).is_in(ids)).list.any()
    )
    attached = (pl.col("state") == "attached") & (pl.col("current_story_id") == story_id)
    orphaned = (pl.col("state") == "orphaned") & ((pl.col("story_id") == story_id) | on_articles)
    return states.filter(attached | orphaned)


def mark_line(mark: Mapping[str, Any]) -> str:
    """One mark for people (plain text, escape it for markdown): "Flag marked wrong by Ana on
    2026-12-06 04:30 UTC: subset counted against a total", with "(2 marks)" when the flag
    was marked more than once, and what changed since when it did."""
    who = f" by {mark['who']}" if mark.get("who") else ""
    when = f" on {mark['at']:%Y-%m-%d %H:%M} UTC" if mark.get("at") else ""
    line = f"Flag marked {mark['verdict']}{who}{when}"
    if (mark.get("n_marks") or 1) > 1:
        line += f" ({mark['n_marks']} marks)"
    if mark.get("note"):
        line += f": {mark['note']}"
    if mark.get("state") == "orphaned":
        line += ". Its flag no longer exists: the figures are no longer grouped together."
    elif mark.get("current_status") and mark.get("current_status") != mark.get("status"):
        line += f". Marked as {mark['status']}, now {mark['current_status']}."
    return line


def other_marks_table(marks: pl.DataFrame, shown: Iterable[str] = ()) -> pl.DataFrame:
    """The marks among `story_marks`' rows that no flag on the page shows (`shown`: the
    group ids shown with their marks): orphaned ones, and those whose group is no longer
    flagged (a conflict that became compatible) or not shown; latest first.

    Columns: at, who, verdict, kind, now ("flag gone: its figures are no longer grouped
    together", "was conflict, now compatible", ...), label, figures (joined with "; "),
    note, flag_key."""
    _require(
        marks,
        ["state", "at", "who", "verdict", "kind", "status", "label", "figures", "note",
         "current_group_id", "current_status", "flag_key"],
        "marks",
    )  # fmt: skip
    now = (
        pl.when(pl.col("state") == "orphaned")
        .then(pl.lit("flag gone: its figures are no longer grouped together"))
        .when(pl.col("current_status") != pl.col("status"))
        .then(pl.format("was {}, now {}", "status", "current_status"))
        .otherwise(pl.format("{}, not shown above", "current_status"))
    )
    return (
        marks.filter(~pl.col("current_group_id").is_in(list(shown)).fill_null(False))
        .select(
            "at",
            "who",
            "verdict",
            "kind",
            now.alias("now"),
            "label",
            pl.col("figures").list.join("; "),
            "note",
            "flag_key",
        )
        .sort("at", descending=True)
    )


def _join_list(column: str, fmt: pl.Expr | None = None) -> pl.Expr:
    items = pl.col(column) if fmt is None else pl.col(column).list.eval(fmt)
    return items.list.join(", ").fill_null("").alias(column)


def framing_table(framing: pl.DataFrame) -> pl.DataFrame:
    """The framing panel: one row per article, by outlet, lists joined into text.

    Columns: outlet, article_id, headline, tone (-1..1), subjectivity (0..1),
    attribution_verbs ("said x4, claimed x1"), hedges, intensifiers, loaded_terms
    ("slammed (criticised)"), entities_only_here.
    """
    columns = [
        "outlet",
        "article_id",
        "headline",
        "tone",
        "subjectivity",
        "attribution_verbs",
        "hedges",
        "intensifiers",
        "loaded_terms",
        "entities_only_here",
    ]
    _require(framing, columns, "framing")
    element = pl.element().struct
    verb = pl.concat_str(
        [element.field("verb"), pl.lit(" x"), element.field("count").cast(pl.String)]
    )
    neutral = element.field("neutral").fill_null("")
    term = (
        pl.when(neutral != "")
        .then(pl.concat_str([element.field("term"), pl.lit(" ("), neutral, pl.lit(")")]))
        .otherwise(element.field("term"))
    )
    return framing.select(
        "outlet",
        "article_id",
        "headline",
        "tone",
        "subjectivity",
        _join_list("attribution_verbs", verb),
        _join_list("hedges"),
        _join_list("intensifiers"),
        _join_list("loaded_terms", term),
        _join_list("entities_only_here"),
    ).sort("outlet", "article_id")


def exclusive_facts(facts: pl.DataFrame) -> pl.DataFrame:
    """Facts only one outlet reports: outlet, sentence, sentence_index, article_id, in
    reading order per outlet."""
    _require(facts, ["kind", "outlet", "sentence", "sentence_index", "article_id"], "facts")
    return (
        facts.filter(pl.col("kind") == "exclusive")
        .select("outlet", "sentence", "sentence_index", "article_id")
        .sort("outlet", "article_id", "sentence_index")
    )


def article_options(articles: pl.DataFrame) -> dict[str, str]:
    """article_id -> label "outlet · YYYY-MM-DD · title" (plain text, for a select box) for
    one story's articles in `headlines` order; copies are marked "(copy)"."""
    schema.validate(articles, schema.ARTICLES, "articles")
    rows = articles.sort("published_at", "outlet", "article_id", nulls_last=True)
    out = {}
    for row in rows.iter_rows(named=True):
        when = row["published_at"].strftime("%Y-%m-%d") if row["published_at"] else "undated"
        copy = " (copy)" if row["duplicate_of"] else ""
        out[row["article_id"]] = f"{row['outlet'] or '(unknown)'} · {when} · {row['title']}{copy}"
    return out


def story_changes(history: pl.DataFrame | None, story_id: str) -> pl.DataFrame:
    """What happened to one story across corpus updates, latest first: at, kind, change
    (a sentence). A row concerns the story when it names it as story_id or among
    new_story_ids (a split or merge that produced it). Empty without history."""
    out_schema = pl.Schema({"at": schema.UTC_DATETIME, "kind": pl.String(), "change": pl.String()})
    if history is None:
        return pl.DataFrame(schema=out_schema)
    _require(
        history, ["at", "kind", "story_id", "old_story_ids", "new_story_ids", "n_added"], "history"
    )
    rows = history.filter(
        (pl.col("story_id") == story_id)
        | pl.col("new_story_ids").list.contains(story_id).fill_null(False)
    ).sort("at", descending=True)
    changes = []
    for row in rows.iter_rows(named=True):
        old, new, added = (
            row["old_story_ids"] or [],
            row["new_story_ids"] or [],
            row["n_added"] or 0,
        )
        plural = "s" if added != 1 else ""
        if row["kind"] == "built":
            text = f"In the corpus as built, with {added} article{plural}."
        elif row["kind"] == "new":
            text = f"New story with {added} article{plural}."
        elif row["kind"] == "grown":
            text = f"{added} article{plural} added."
        elif row["kind"] == "merge":
            text = (
                f"Merged from {len(old)} stories ({', '.join(old)}); {added} article{plural} added."
            )
        elif row["kind"] == "split":
            text = f"Split from {', '.join(old)} into {len(new)} stories."
        else:
            text = f"{row['kind']}: {added} article{plural} added."
        changes.append({"at": row["at"], "kind": row["kind"], "change": text})
    return pl.DataFrame(changes, schema=out_schema)


def last_change(changes: pl.DataFrame) -> dict[str, Any] | None:
    """The latest update in `story_changes`' frame as a dict (at, kind, change), or None
    when nothing changed the story since the corpus was built ("built" is no update)."""
    updates = changes.filter(pl.col("kind") != "built").sort("at", descending=True)
    return updates.row(0, named=True) if updates.height else None


# --- outlets page ----------------------------------------------------------------------


def story_outlets(articles: pl.DataFrame, assignments: pl.DataFrame) -> pl.DataFrame:
    """Who covered what, long form: story_id, outlet, n_articles (independent), n_copies.

    An outlet that only republished a copy (e.g. a wire story) did cover the story for its
    readers, so it appears here with n_articles 0; unknown outlets ("") are left out.
    """
    schema.validate(assignments, schema.ASSIGNMENTS, "assignments")
    _require(articles, ["article_id", "outlet", "duplicate_of"], "articles")
    is_copy = pl.col("duplicate_of").is_not_null()
    return (
        articles.select("article_id", "outlet", "duplicate_of")
        .filter(pl.col("outlet") != "")
        .join(assignments.select("article_id", "story_id"), on="article_id")
        .group_by("story_id", "outlet")
        .agg(
            (~is_copy).sum().cast(pl.Int64).alias("n_articles"),
            is_copy.sum().cast(pl.Int64).alias("n_copies"),
        )
        .sort("story_id", "outlet")
    )


def outlet_summary(
    stories: pl.DataFrame, outlets: pl.DataFrame, min_outlets: int = 2
) -> pl.DataFrame:
    """Per outlet: outlet, n_stories (covered), n_alone (stories no other outlet covered),
    n_blindspots (stories at least `min_outlets` other outlets covered and it did not);
    most stories first. `outlets` is `story_outlets`' frame."""
    _require(outlets, ["story_id", "outlet"], "story_outlets")
    _require(stories, ["story_id"], "stories")
    per_story = outlets.group_by("story_id").agg(pl.col("outlet").n_unique().alias("k"))
    joined = outlets.join(per_story, on="story_id")
    summary = joined.group_by("outlet").agg(
        pl.len().cast(pl.Int64).alias("n_stories"),
        (pl.col("k") == 1).sum().cast(pl.Int64).alias("n_alone"),
    )
    # A story that k >= min_outlets outlets covered is a blindspot for every outlet outside it.
    wide = joined.filter(pl.col("k") >= min_outlets)
    n_wide = wide["story_id"].n_unique()
    blind = wide.group_by("outlet").agg(pl.len().alias("in_wide"))
    summary = (
        summary.join(blind, on="outlet", how="left")
        .with_columns(
            (n_wide - pl.col("in_wide").fill_null(0)).cast(pl.Int64).alias("n_blindspots")
        )
        .drop("in_wide")
    )
    return summary.sort(["n_stories", "outlet"], descending=[True, False])


def _stories_view(stories: pl.DataFrame) -> pl.DataFrame:
    return stories.select("story_id", "headline", "n_outlets", "size", "first_published", "outlets")


def covered_stories(stories: pl.DataFrame, outlets: pl.DataFrame, outlet: str) -> pl.DataFrame:
    """Stories `outlet` covered (copies included), most outlets first: story_id, headline,
    n_outlets, size, first_published, outlets."""
    _require(outlets, ["story_id", "outlet"], "story_outlets")
    mine = outlets.filter(pl.col("outlet") == outlet).select("story_id")
    return _stories_view(stories.join(mine, on="story_id", how="semi")).sort(
        ["n_outlets", "size", "story_id"], descending=[True, True, False]
    )


def blindspots(
    stories: pl.DataFrame, outlets: pl.DataFrame, outlet: str, min_outlets: int = 2
) -> pl.DataFrame:
    """Stories at least `min_outlets` other outlets covered and `outlet` missed (not even a
    copy), most covered first: story_id, headline, n_outlets, size, first_published,
    outlets. A story one other outlet covered alone is not a blindspot by default: it is
    that outlet's exclusive."""
    if min_outlets < 1:
        raise ValueError(f"min_outlets should be an int >= 1. Got {min_outlets!r} instead.")
    _require(outlets, ["story_id", "outlet"], "story_outlets")
    mine = outlets.filter(pl.col("outlet") == outlet).select("story_id")
    wide = (
        outlets.group_by("story_id")
        .agg(pl.col("outlet").n_unique().alias("k"))
        .filter(pl.col("k") >= min_outlets)
    )
    return _stories_view(
        stories.join(wide, on="story_id", how="semi").join(mine, on="story_id", how="anti")
    ).sort(["n_outlets", "size", "story_id"], descending=[True, True, False])


def parse_outlet_meta(data: bytes | str) -> pl.DataFrame:
    """Outlet metadata from CSV text with a header: an `outlet` column (matched exactly
    against article outlets) and any grouping columns (lean, country, owner...), all read
    as strings, blanks as null. Raises ValueError when there is no `outlet` column or an
    outlet is listed twice."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        frame = pl.read_csv(io.BytesIO(raw), infer_schema=False)
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError) as exc:
        raise ValueError(
            f"outlet metadata should be a CSV file. Got an unreadable file instead: {exc}"
        ) from exc
    frame = frame.rename({c: c.strip().lower() for c in frame.columns})
    if "outlet" not in frame.columns:
        raise ValueError(
            f"outlet metadata should have an 'outlet' column. Got columns {frame.columns} instead."
        )
    frame = frame.with_columns(
        pl.col(c).str.strip_chars().replace("", None) for c in frame.columns
    ).filter(pl.col("outlet").is_not_null())
    repeated = frame.filter(pl.col("outlet").is_duplicated())["outlet"].unique().sort().to_list()
    if repeated:
        raise ValueError(
            f"outlet metadata should list each outlet once. Got {repeated} more than once instead."
        )
    return frame


def group_coverage(
    stories: pl.DataFrame,
    outlets: pl.DataFrame,
    outlet_meta: pl.DataFrame,
    group: str,
    one_sided_share: float = 0.8,
    min_outlets: int = 2,
) -> pl.DataFrame:
    """Coverage of each story by outlet group (e.g. lean), as Ground News shows it.

    For each story: how many of its outlets fall in each value of `group` (the column of
    `outlet_meta`), how many have no value ("unknown"), and whether it is one-sided: at
    least `min_outlets` outlets with a known group, and the largest group holds at least
    `one_sided_share` of them. Columns: story_id, headline, n_outlets, n_known, one column
    per group value (sorted, count of outlets), unknown, dominant (group value with most
    outlets; ties give null), dominant_share (f64), one_sided (the dominant value when
    one-sided, else null). Sorted one-sided first, then by n_known descending.
    """
    if group not in outlet_meta.columns or group == "outlet":
        raise ValueError(
            f"group should be one of {[c for c in outlet_meta.columns if c != 'outlet']}. Got {group!r} instead."
        )
    if not 0.5 < one_sided_share <= 1.0:
        raise ValueError(
            f"one_sided_share should be a float in (0.5, 1]. Got {one_sided_share!r} instead."
        )
    _require(outlets, ["story_id", "outlet"], "story_outlets")
    labelled = (
        outlets.select("story_id", "outlet")
        .unique()
        .join(outlet_meta.select("outlet", pl.col(group).alias("_group")), on="outlet", how="left")
    )
    values = sorted(v for v in labelled["_group"].unique().to_list() if v is not None)
    if {"unknown", "story_id", "headline"} & set(values):
        raise ValueError(
            f"{group} values should not be named like output columns. Got {values} instead."
        )
    counts = labelled.group_by("story_id").agg(
        *[(pl.col("_group") == v).sum().cast(pl.Int64).alias(v) for v in values],
        pl.col("_group").is_null().sum().cast(pl.Int64).alias("unknown"),
        pl.col("_group").is_not_null().sum().cast(pl.Int64).alias("n_known"),
    )
    if values:
        top = pl.max_horizontal(values)
        n_top = pl.sum_horizontal([(pl.col(v) == top).cast(pl.Int64) for v in values])
        dominant = (
            pl.when((n_top == 1) & (top > 0))
            .then(pl.coalesce([pl.when(pl.col(v) == top).then(pl.lit(v)) for v in values]))
            .otherwise(pl.lit(None, pl.String))
        )
        share = pl.when(pl.col("n_known") > 0).then(top / pl.col("n_known")).otherwise(None)
    else:
        dominant, share = pl.lit(None, pl.String), pl.lit(None, pl.Float64)
    counts = counts.with_columns(
        dominant.alias("dominant"), share.cast(pl.Float64).alias("dominant_share")
    ).with_columns(
        pl.when(
            (pl.col("n_known") >= min_outlets)
            & (pl.col("dominant_share") >= one_sided_share)
            & pl.col("dominant").is_not_null()
        )
        .then("dominant")
        .otherwise(pl.lit(None, pl.String))
        .alias("one_sided")
    )
    return (
        stories.select("story_id", "headline", "n_outlets")
        .join(counts, on="story_id")
        .select(
            "story_id",
            "headline",
            "n_outlets",
            "n_known",
            *values,
            "unknown",
            "dominant",
            "dominant_share",
            "one_sided",
        )
        .sort(
            [pl.col("one_sided").is_null(), "n_known", "story_id"],
            descending=[False, True, False],
        )
    )


# --- import and export -----------------------------------------------------------------


def rejects_table(rejects: pl.DataFrame) -> pl.DataFrame:
    """REJECTS for people: source_file, source_line, field, reason, in file order."""
    schema.validate(rejects, schema.REJECTS, "rejects")
    return rejects.select("source_file", "source_line", "field", "reason").sort(
        "source_file", "source_line", nulls_last=True
    )


def table_bytes(frame: pl.DataFrame, fmt: Format) -> bytes:
    """`frame` as a downloadable file: CSV (spreadsheet-safe, see `export.csv_safe`),
    Parquet, or JSON Lines (values exactly as stored)."""
    if fmt == "csv":
        return csv_safe(frame).write_csv().encode("utf-8")
    if fmt == "parquet":
        buffer = io.BytesIO()
        frame.write_parquet(buffer)
        return buffer.getvalue()
    if fmt == "jsonl":
        return frame.write_ndjson().encode("utf-8")
    raise ValueError(f"fmt should be one of {FORMATS}. Got {fmt!r} instead.")


def framing_marks_html(framing: pl.DataFrame, articles: pl.DataFrame) -> str:
    """The framing marks of one story in context, one card per outlet: each loaded word
    highlighted in its sentence with whom it is about (and "in a quote" when it is a
    speaker's word), then each slanted sentence ("only here" when no other outlet states
    it). `framing` is the story's FRAMING_COMPARISON table, `articles` its ARTICLES rows;
    every text is escaped. "" when the story has no marks."""
    from clustering.compare.framing import framing_marks

    if not {"loaded_marks", "slanted_sentences"} <= set(framing.columns):
        return ""  # compared before framing marks existed
    marks = framing_marks(framing, articles)
    if marks.height == 0:
        return ""
    note = "color:#555;font-size:0.8rem;"
    slant = "border-left:3px solid #c9a227;padding-left:6px;margin:4px 0;"
    cards = []
    for (outlet,), rows in marks.group_by("outlet", maintain_order=True):
        items = []
        loaded = rows.filter(pl.col("kind") == "loaded")
        slanted = rows.filter(pl.col("kind") == "slanted")
        # One line per sentence, all its marked words highlighted.
        for _, words_of in loaded.group_by("article_id", "sentence_index", maintain_order=True):
            first = words_of.row(0, named=True)
            spans = list(zip(words_of["mark_start"], words_of["mark_end"], strict=True))
            about = f"about {first['target']}" if first["target"] else "target unknown"
            quoted = " · in a quote" if words_of["quoted"].any() else ""
            items.append(
                f'<div style="margin:4px 0;">{highlight_html(first["sentence"], spans)}'
                f' <span style="{note}">({html.escape(about + quoted)})</span></div>'
            )
        for row in slanted.iter_rows(named=True):
            only = " · only this outlet" if row["exclusive"] else ""
            items.append(
                f'<div style="{slant}">{html.escape(row["sentence"])}'
                f' <span style="{note}">(slanted{html.escape(only)})</span></div>'
            )
        cards.append(
            {
                "title": outlet,
                "subtitle": f"{loaded.height} loaded words, {slanted.height} slanted sentences",
                "html": "".join(items),
            }
        )
    return side_by_side_html(cards)


def framing_trust_note() -> str:
    """How far to trust the framing marks, in words, from their measured agreement with
    BASIL's annotators on held-out articles (clustering.compare.framing.MEASURED)."""
    from clustering.compare.framing import MEASURED

    loaded, slanted = MEASURED["loaded"], MEASURED["slanted"]
    return (
        "Marks are prompts to read, not verdicts. Against BASIL's annotators on held-out "
        f"articles, {loaded['precision']:.0%} of sentences with a marked word held a word "
        f"they marked as loaded (they found {loaded['recall']:.0%} of theirs), and "
        f"{slanted['precision']:.0%} of slanted sentences held what they marked as slanted "
        f"information ({slanted['recall']:.0%} found)."
    )
