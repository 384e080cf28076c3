"""Outlets page: what each outlet covered, what it missed, and coverage by outlet group."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import streamlit as st

from app_pages import common
from clustering.corpus import Corpus
from clustering.ingest.outlets import (
    OutletTableError,
    import_outlets,
    outlet_groups,
    parse_outlet_meta,
    read_outlet_csv,
)
from clustering.views import outlets_page, safe

_STORY_COLUMNS: dict[str, Any] = {
    "headline": st.column_config.TextColumn("headline", width="large"),
    "n_outlets": "outlets #",
    "size": "articles",
    "first_published": st.column_config.TextColumn("first (UTC)"),
    "link": st.column_config.LinkColumn("story", display_text="open"),
}


def choose_outlet(summary: pl.DataFrame) -> tuple[str, int]:
    """The outlet select box and the blindspot threshold; returns (outlet, min_outlets)."""
    left, right = st.columns([3, 1])
    outlet = left.selectbox("Outlet", summary["outlet"].to_list())
    min_outlets = right.number_input(
        "Blindspot: covered by at least",
        min_value=1,
        value=2,
        step=1,
        help="Other outlets that must have covered a story for its absence to count",
    )
    return str(outlet), int(min_outlets)


def stories_list(frame: pl.DataFrame) -> None:
    st.dataframe(
        frame.with_columns(
            pl.col("outlets").list.join(", "),
            # "undated" as on the other pages, not the grid's grey "None".
            pl.col("first_published").dt.strftime("%Y-%m-%d").fill_null("undated"),
            common.story_link(),
        ),
        hide_index=True,
        # The link first: after the long outlet list it is off-screen at laptop widths.
        column_order=["link", "headline", "n_outlets", "size", "first_published", "outlets"],
        column_config=_STORY_COLUMNS,
    )


def choose_grouping(meta: pl.DataFrame) -> tuple[str, float]:
    """The grouping column and the one-sided share; returns (group, share)."""
    left, right = st.columns([2, 2])
    groups = [c for c in meta.columns if c != "outlet"]
    group = left.selectbox("Group outlets by", groups)
    share = right.slider(
        "One-sided when one group has at least",
        min_value=0.55,
        max_value=1.0,
        value=0.8,
        step=0.05,
        help="Share of a story's outlets (with a known group) that fall in one group",
    )
    return str(group), float(share)


@st.cache_data(max_entries=4, show_spinner=False)
def stored_groups(path: str, stamp: str, outlets: tuple[str, ...]) -> pl.DataFrame:
    """`outlets_page.corpus_groups` of the corpus at `path` (cached by its stamp)."""
    return outlets_page.corpus_groups(Corpus(Path(path)), pl.Series(outlets, dtype=pl.String))


def uploaded_groups(corpus: Corpus, data: bytes, name: str) -> pl.DataFrame | None:
    """The groups of an uploaded CSV (None, with the error shown, when it cannot be read).
    An outlet table (outlet, domains, group, lean, country) can be stored as the corpus's
    own; any other CSV with an `outlet` column is shown only."""
    try:
        table = read_outlet_csv(data, name)
    except OutletTableError:
        try:  # other grouping columns (owner, region...): shown, not stored
            return parse_outlet_meta(data)
        except ValueError as exc:
            st.error(safe.escape_markdown(str(exc)))
            return None
    own = corpus.read("outlets") if corpus.has("outlets") else None
    if own is not None and own.equals(table):
        st.caption("This table is the corpus's outlet table.")
    elif st.button(
        "Store as this corpus's outlet table",
        help="Articles and stories are counted by it from now on (storylens outlets import)",
    ):
        counts = import_outlets(corpus, table, "app: outlets import")
        st.toast(
            f"{counts['outlets']} outlets stored; {counts['articles_changed']} articles and "
            f"{counts['stories_changed']} stories changed outlet."
        )
        st.rerun()  # the stories and outlets above are read again, counted by the table
    return outlet_groups(table)


def render_groups(corpus: Corpus, stories: pl.DataFrame, outlets: pl.DataFrame) -> None:
    st.header("Coverage by outlet group")
    upload = st.file_uploader(
        "Another outlet table (CSV: outlet, domains, group, lean, country)",
        type=["csv"],
        key="outlet_meta",
    )
    if upload is None:
        names = tuple(sorted(set(outlets["outlet"])))
        meta = stored_groups(str(corpus.path), common.stamp(corpus), names)
        if meta.width < 2:
            st.caption(
                "The corpus's outlet table gives its outlets no group, lean or country: "
                "upload a CSV such as `outlet,domains,lean,country` to see coverage by group "
                "(and store it with `storylens outlets import` or the button that appears)."
            )
            return
        st.caption("Groups from the corpus's outlet table; upload a CSV to use another.")
    else:
        found = uploaded_groups(corpus, upload.getvalue(), upload.name)
        if found is None:
            return
        meta = found
    if meta.width < 2:
        st.error("The CSV has an outlet column but no column to group by.")
        return
    group, share = choose_grouping(meta)
    table = outlets_page.group_coverage(stories, outlets, meta, group, one_sided_share=share)
    unmatched = sorted(set(outlets["outlet"]) - set(meta["outlet"]))
    if unmatched:
        st.caption(safe.escape_markdown(f"Outlets without a {group}: {', '.join(unmatched)}"))
    sided = table.filter(pl.col("one_sided").is_not_null())
    counts = sided.group_by("one_sided").len().sort("len", "one_sided", descending=[True, False])
    mostly = ", ".join(
        f"{n} covered mostly by {safe.escape_markdown(v)}" for v, n in counts.iter_rows()
    )
    stories_word = "story is" if table.height == 1 else "stories are"
    st.markdown(
        f"**{sided.height}** of {table.height} {stories_word} one-sided"
        + (f" ({mostly})." if mostly else ".")
    )
    st.dataframe(
        table.with_columns(common.story_link()),
        hide_index=True,
        column_order=["link", *(c for c in table.columns if c != "story_id")],
        column_config={
            **_STORY_COLUMNS,
            "n_known": "with a group",
            "dominant_share": st.column_config.ProgressColumn(
                "largest share", min_value=0.0, max_value=1.0, format="percent"
            ),
            "one_sided": "one-sided",
        },
    )


st.title("Outlets")
corpus = common.require_corpus()
stories, outlets = common.outlet_frames(str(corpus.path), common.stamp(corpus))
if outlets.height == 0:
    st.info("No outlet names in this corpus.")
    st.stop()
summary = outlets_page.outlet_summary(stories, outlets)
outlet, min_outlets = choose_outlet(summary)
covered = outlets_page.covered_stories(stories, outlets, outlet)
missed = outlets_page.blindspots(stories, outlets, outlet, min_outlets)
st.subheader(f"Blindspots ({missed.height})")
st.caption(f"Stories at least {min_outlets} other outlets covered and this one did not.")
stories_list(missed)
st.subheader(f"Covered ({covered.height})")
stories_list(covered)
with st.expander(f"All outlets ({summary.height})"):
    st.dataframe(
        summary,
        hide_index=True,
        column_config={
            "n_stories": "stories",
            "n_alone": "only outlet",
            "n_blindspots": "blindspots (2+ others)",
        },
    )
render_groups(corpus, stories, outlets)
