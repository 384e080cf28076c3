"""Stories page: every story, searchable and filterable, sorted by coverage."""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl
import streamlit as st

from app_pages import common
from clustering.views import safe, stories_page, story_page

#: Rows of the stories table in view before it scrolls (a laptop screen under the filters).
STORY_ROWS = 15


def story_filters(table: pl.DataFrame) -> dict[str, Any]:
    """The filter widgets; returns `stories_page.filter_stories` keyword arguments."""
    # The date range needs ~270 px to show both dates whole at 1400 px.
    search, dates, outlets, size = st.columns([3, 2.6, 2.4, 1])
    text = search.text_input("Search", placeholder="words in any headline, keyword or outlet")
    date_from = date_to = None
    lo, hi = table.select(
        pl.col("first_published").min().dt.date(), pl.col("last_published").max().dt.date()
    ).row(0)
    if lo is not None and hi is not None:
        chosen = dates.date_input(
            "Published between (UTC)", value=(lo, hi), min_value=lo, max_value=hi
        )
        # A half-picked range (one date) filters from that date on; the full range keeps
        # the stories of unknown date too.
        picked = [
            d for d in (chosen if isinstance(chosen, tuple) else (chosen,)) if isinstance(d, date)
        ]
        if picked and (picked[0], picked[-1]) != (lo, hi):
            date_from = picked[0]
            date_to = picked[-1] if len(picked) > 1 else None
    all_outlets = sorted(set(table["outlets"].explode().drop_nulls().to_list()))
    chosen_outlets = outlets.multiselect("Covered by", all_outlets)
    min_size = size.number_input("Min. articles", min_value=1, value=1, step=1)
    return {
        "text": text,
        "date_from": date_from,
        "date_to": date_to,
        "outlets": chosen_outlets,
        "min_size": int(min_size),
    }


def _flag(column: str, yes: str) -> pl.Expr:
    return (
        pl.when(pl.col(column).is_null())
        .then(pl.lit("not computed"))
        .when(pl.col(column))
        .then(pl.lit(yes))
        .otherwise(pl.lit(""))
        .alias(column)
    )


st.title("Stories")
corpus = common.require_corpus()
table = common.stories_table(str(corpus.path), common.stamp(corpus))
failures = common.failures_table(str(corpus.path), common.stamp(corpus))
if (summary := stories_page.failure_summary(failures)) is not None:
    st.warning(safe.escape_markdown(summary))
    with st.expander(f"Failed parts ({failures.height})"):
        st.dataframe(
            stories_page.failure_table(failures).with_columns(common.story_link()),
            hide_index=True,
            column_config={
                "link": st.column_config.LinkColumn("story", display_text="open"),
                "article_id": "article",
                "source": st.column_config.TextColumn(
                    "file:line", help="Where the article was read"
                ),
                "error": st.column_config.TextColumn(width="large"),
            },
            column_order=["part", "link", "article_id", "source", "error", "story_id"],
        )
shown = stories_page.filter_stories(table, **story_filters(table))
st.caption(
    f"{shown.height} of {table.height} stories, most outlets first. Select a row to open the story."
)

display = shown.select(
    "story_id",
    "headline",
    "n_outlets",
    "size",
    pl.col("outlets").list.join(", ").alias("outlets"),
    # The date alone where the input gave no time ("00:00" would claim one).
    story_page.when_expr("first_published"),
    "span_days",
    # A conflict first; else a figure that changed as the story went on (a toll rising).
    pl.when(pl.col("has_number_conflict").is_null())
    .then(pl.lit("not computed"))
    .when(pl.col("has_number_conflict"))
    .then(pl.lit("conflict"))
    .when(pl.col("has_number_update"))
    .then(pl.lit("update"))
    .otherwise(pl.lit(""))
    .alias("has_number_conflict"),
    _flag("has_quote_difference", "reworded"),
    *(["updated_at"] if "updated_at" in shown.columns else []),
    common.story_link(),
)
event = st.dataframe(
    display,
    hide_index=True,
    # Up to STORY_ROWS rows in view, not Streamlit's ten above a half-empty page.
    height=stories_page.table_height(display.height, STORY_ROWS),
    on_select="rerun",
    selection_mode="single-row",
    key="stories_table",
    # What a journalist looks for first (is there a conflict? open it) stays visible
    # at laptop widths; the long outlet list goes last.
    column_order=[
        "link",
        "has_number_conflict",
        "has_quote_difference",
        "headline",
        "n_outlets",
        "size",
        "first_published",
        "span_days",
        *(["updated_at"] if "updated_at" in display.columns else []),
        "outlets",
    ],
    column_config={
        "headline": st.column_config.TextColumn("headline", width="large"),
        "n_outlets": st.column_config.NumberColumn("outlets #", help="Outlets that covered it"),
        "size": st.column_config.NumberColumn(
            "articles", help="Independent articles (copies not counted)"
        ),
        "first_published": st.column_config.TextColumn("first (UTC)"),
        # A number, so that sorting by it orders stories by how long they ran.
        "span_days": st.column_config.NumberColumn(
            # Wide enough for "span" beside the sort arrow (a number column was cut to "sp").
            "span",
            format="%.1f d",
            width=80,
            help="Days from the first article to the last",
        ),
        "has_number_conflict": st.column_config.TextColumn(
            "numbers",
            help="conflict: outlets state different numbers; update: a figure changed as "
            "the story went on",
        ),
        "has_quote_difference": st.column_config.TextColumn(
            "quotes", help="A quote's wording differs between outlets"
        ),
        "updated_at": st.column_config.DatetimeColumn("updated (UTC)", format="YYYY-MM-DD HH:mm"),
        "link": st.column_config.LinkColumn("story", display_text="open"),
    },
)
rows = event.selection.rows if event is not None else []
if rows:
    st.switch_page(common.STORY_PAGE, query_params={"story": display["story_id"][rows[0]]})
