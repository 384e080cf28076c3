"""Frames the Stories page (app_pages/stories.py) shows: one row per story, searchable
and filtered by date, outlet and size."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

import polars as pl

from clustering import schema
from clustering.schema import require_columns
from clustering.views.story_page import count_text, is_reworded, part_label

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


#: Pixels of a Streamlit grid's row and of its header row (its defaults; a border each side).
ROW_PIXELS = 35
GRID_EXTRA_PIXELS = ROW_PIXELS + 3


def table_height(n_rows: int, most: int) -> int | Literal["auto"]:
    """The height of a grid of `n_rows` that shows up to `most` rows before it scrolls:
    "auto" (Streamlit's own, for up to ten rows) for a short table, else pixels."""
    if n_rows <= 10:
        return "auto"
    return min(n_rows, most) * ROW_PIXELS + GRID_EXTRA_PIXELS


def _number_conflicts(numbers: pl.DataFrame) -> pl.DataFrame:
    require_columns(numbers, ["story_id", "status"], "numbers")
    return numbers.group_by("story_id").agg(
        (pl.col("status") == "conflict").any().alias("has_number_conflict"),
        (pl.col("status") == "update").any().alias("has_number_update"),
    )


def _quote_differences(quotes: pl.DataFrame) -> pl.DataFrame:
    require_columns(quotes, ["story_id", "status", "diff", "is_truncated"], "quotes")
    # Only shared quotes are compared, and the wording is read row by row: filter first
    # (a story without shared quotes is joined back as False by the caller).
    shared = quotes.filter(pl.col("status") == "shared")
    return shared.group_by("story_id").agg(is_reworded(shared).any().alias("has_quote_difference"))


def story_search_text(articles: pl.DataFrame, assignments: pl.DataFrame) -> pl.DataFrame:
    """story_id, search: the lower-cased titles and outlets of all of a story's articles
    (copies included), so a search finds a story by any of its headlines."""
    schema.validate(assignments, schema.ASSIGNMENTS, "assignments")
    require_columns(articles, ["article_id", "title", "outlet"], "articles")
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
    last_published, time_span (text, see `format_span`), span_days (Float64: the days
    from first_published to last_published, null when either is unknown; what the grid
    sorts by), has_number_conflict,
    has_number_update (a figure changed as the story went on: "update"),
    has_quote_difference, keywords, search (lower-cased text for `filter_stories`), and
    updated_at when `stories` has it. The has_ columns are null when the corpus has no
    numbers / quotes comparison (unknown, not "no"), False for a story without any.
    `search_text` is `story_search_text`'s frame; without it, search covers the headline,
    keywords and outlets only.
    """
    # Not schema.validate: a corpus built before updated_at existed must still open.
    require_columns(stories, _STORY_COLUMNS, "stories")
    comparisons = comparisons or {}
    frame = stories.with_columns(
        pl.struct("first_published", "last_published")
        .map_elements(
            lambda r: format_span(r["first_published"], r["last_published"]),
            return_dtype=pl.String,
        )
        .alias("time_span"),
        # The same span as a number, for the grid to sort by: the text sorted "1 d 21 h",
        # "12 d 6 h", "129 d 14 h", "13 d" (character by character).
        (
            (pl.col("last_published") - pl.col("first_published")).abs().dt.total_seconds() / 86400
        ).alias("span_days"),
    )
    for kind, columns, shape in (
        ("numbers", ["has_number_conflict", "has_number_update"], _number_conflicts),
        ("quotes", ["has_quote_difference"], _quote_differences),
    ):
        if kind in comparisons:
            frame = frame.join(shape(comparisons[kind]), on="story_id", how="left").with_columns(
                pl.col(columns).fill_null(False)
            )
        else:
            frame = frame.with_columns(pl.lit(None, pl.Boolean).alias(c) for c in columns)
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
        "span_days",
        "has_number_conflict",
        "has_number_update",
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


def failure_counts(failures: pl.DataFrame) -> tuple[int, int]:
    """(articles, story comparisons) that had a part fail, of FAILURES rows: an
    extraction row names its article, a comparison row only its story."""
    require_columns(failures, ["article_id", "story_id"], "failures")
    n_articles = failures["article_id"].drop_nulls().n_unique()
    n_stories = failures.filter(pl.col("article_id").is_null())["story_id"].n_unique()
    return n_articles, n_stories


def failure_summary(failures: pl.DataFrame) -> str | None:
    """What the overview says when parts of the work failed (FAILURES rows of the
    corpus's last commit): how many articles and story comparisons had a part fail, and
    which parts, e.g. "2 articles and 1 story had a part fail in the last update (quote
    extraction 2, framing comparison 1). Each keeps every other part: ..."; None when
    none did (plain text: escape it for markdown)."""
    require_columns(failures, ["part", "article_id", "story_id"], "failures")
    if failures.is_empty():
        return None
    n_articles, n_stories = failure_counts(failures)
    who = [
        count_text(n_articles, "article") if n_articles else "",
        count_text(n_stories, "story", "stories") if n_stories else "",
    ]
    parts = (
        failures.group_by("part", maintain_order=True)
        .len()
        .sort("len", "part", descending=[True, False])
    )
    counted = ", ".join(f"{part_label(part)} {n}" for part, n in parts.iter_rows())
    return (
        f"{' and '.join(w for w in who if w)} had a part fail in the last update ({counted}). "
        "Each keeps every other part: its story is shown with what could be read, and its "
        "page says which part is missing."
    )


def failure_table(failures: pl.DataFrame) -> pl.DataFrame:
    """The overview's list of failed parts, one row per FAILURES row: part (for people,
    `part_label`), story_id, article_id and source ("file:line"), both "" for a story's
    part, error
    ("ValueError: message"); by part, story, article."""
    require_columns(
        failures,
        ["part", "article_id", "story_id", "source_file", "source_line", "error_type", "error"],
        "failures",
    )
    source = pl.concat_str(
        [pl.col("source_file"), pl.lit(":"), pl.col("source_line").cast(pl.String)]
    )
    return failures.sort("part", "story_id", "article_id", nulls_last=True).select(
        pl.col("part").map_elements(part_label, return_dtype=pl.String),
        "story_id",
        pl.col("article_id").fill_null(""),
        pl.coalesce(source, pl.col("source_file"), pl.lit("")).alias("source"),
        pl.concat_str(
            [pl.col("error_type").fill_null("Error"), pl.lit(": "), pl.col("error").fill_null("")]
        ).alias("error"),
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
    require_columns(
        frame, ["search", "first_published", "last_published", "outlets", "size"], "stories"
    )
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


__all__ = [
    "failure_summary",
    "failure_table",
    "filter_stories",
    "format_span",
    "story_search_text",
    "story_table",
    "table_height",
]
