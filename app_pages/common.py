"""What every page shares: the chosen corpus, the cached frames, small render helpers.

Frames are cached with st.cache_data keyed by (corpus path, corpus stamp): the stamp
changes whenever the pipeline rewrites the manifest, so a rebuilt corpus is reloaded and
an unchanged one is read once. Each cached function returns only what one page shows
(the stories page never unpickles article bodies).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import streamlit as st

from clustering import export, schema
from clustering.compare import TABLES, read_comparison
from clustering.corpus import Corpus
from clustering.export import export_tables
from clustering.pipeline import story_articles
from clustering.views import outlets_page, safe, stories_page, story_page

STORY_PAGE = "app_pages/story.py"


def current_corpus() -> Corpus:
    """The corpus chosen in the sidebar (it may not exist)."""
    return Corpus(Path(str(st.session_state.get("corpus") or "data/corpus")))


def require_corpus() -> Corpus:
    """The chosen corpus, or stop the page with what to do when it does not exist."""
    corpus = current_corpus()
    if not corpus.exists():
        st.error(f"No corpus at {safe.escape_markdown(str(corpus.path))}.")
        st.markdown(
            "Build one from the sample articles with `make demo`, or from your own files "
            "with the command below; or choose another directory in the sidebar, or upload "
            "files on the Import page."
        )
        st.code(f"storylens run data/sample --out {corpus.path}", language="bash")
        st.stop()
    return corpus


def stamp(corpus: Corpus) -> str:
    """Changes whenever the corpus changes: its commit number (every run, add and write
    is one) and the commit's time (a corpus deleted and rebuilt at the same path)."""
    commit = corpus.commit or {}
    return f"{commit.get('commit', 0)}|{commit.get('at', '')}"


@st.cache_data(max_entries=4, show_spinner=False)
def stories_table(path: str, stamp: str, as_of: int | None = None) -> pl.DataFrame:
    """`stories_page.story_table` of the corpus (at commit `as_of`; None: the newest),
    searchable by every article title."""
    corpus = Corpus(Path(path), as_of=as_of)
    articles = corpus.scan("articles").select("article_id", "title", "outlet").collect()
    search = stories_page.story_search_text(articles, corpus.read("assignments"))
    return stories_page.story_table(corpus.read("stories"), corpus.read_comparisons(), search)


def failures_of(corpus: Corpus) -> pl.DataFrame:
    """FAILURES of the commit `corpus` reads (what its last run, add or compare could not
    do); empty for a corpus written before the table existed."""
    return corpus.failures() if corpus.has("failures") else schema.empty(schema.FAILURES)


@st.cache_data(max_entries=4, show_spinner=False)
def failures_table(path: str, stamp: str) -> pl.DataFrame:
    """`failures_of` the newest commit of the corpus."""
    return failures_of(Corpus(Path(path)))


@st.cache_data(max_entries=4, show_spinner=False)
def outlet_frames(path: str, stamp: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(stories, `outlets_page.story_outlets`) of the corpus."""
    corpus = Corpus(Path(path))
    articles = corpus.scan("articles").select("article_id", "outlet", "duplicate_of").collect()
    outlets = outlets_page.story_outlets(articles, corpus.read("assignments"))
    return corpus.read("stories"), outlets


@st.cache_data(max_entries=64, show_spinner=False)
def story_bundle(path: str, stamp: str, story_id: str, as_of: int | None = None) -> dict[str, Any]:
    """Everything the story page shows about one story, as it stood at commit `as_of`
    (None: the newest): "articles" (ARTICLES, bodies included), one frame per comparison
    kind (all None when the corpus was built before comparisons existed), "changes"
    (`story_page.story_changes`) and "failures" (`story_page.story_failures`)."""
    corpus = Corpus(Path(path), as_of=as_of)
    comparison = read_comparison(corpus, story_id)
    tables = comparison.tables() if comparison is not None else dict.fromkeys(TABLES)
    # A corpus built before the history existed has none: its story shows no changes.
    history = corpus.read("history") if corpus.has("history") else None
    articles = story_articles(corpus, story_id)
    return {
        "articles": articles,
        **tables,
        "changes": story_page.story_changes(history, story_id),
        # The parts of this story that raised in the commit read (`failures_of`).
        "failures": story_page.story_failures(failures_of(corpus), story_id, articles),
    }


@st.cache_data(max_entries=32, show_spinner=False)
def export_index(path: str, stamp: str) -> list[tuple[str, int]]:
    """(table name, rows) of every export table."""
    return [(name, frame.height) for name, frame in export_tables(Corpus(Path(path))).items()]


@st.cache_data(max_entries=8, show_spinner=False)
def export_file(path: str, stamp: str, name: str, fmt: str) -> bytes:
    return export.table_bytes(export_tables(Corpus(Path(path)))[name], fmt)  # type: ignore[arg-type]


def story_link(column: str = "story_id") -> pl.Expr:
    """Relative links to the story pages of the ids in `column` (for st.column_config.LinkColumn)."""
    return pl.concat_str([pl.lit("story?story="), pl.col(column)]).alias("link")


def not_computed() -> None:
    st.info(story_page.NO_COMPARISON)
