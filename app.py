"""StoryLens's Streamlit app: browse stories, compare coverage side by side, export.

    streamlit run app.py                          # the corpus in data/corpus
    streamlit run app.py -- --corpus DIR          # another corpus directory

The app reads a corpus directory through the library and renders it; every frame it shows
is shaped by `clustering.views`, and it never builds a model or a clusterer itself (the
Import page calls `clustering.pipeline.run`). Pages live in app_pages/.
"""

from __future__ import annotations

import argparse
import sys

import streamlit as st

from clustering.corpus import DEFAULT_CORPUS


def corpus_argument(argv: list[str]) -> str:
    """The --corpus DIR given after `--` on the `streamlit run` line (default data/corpus);
    other arguments are ignored."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    known, _ = parser.parse_known_args(argv)
    return str(known.corpus)


st.set_page_config(page_title="StoryLens", layout="wide")
# The corpus is a UI selection: set once from the command line, then by the sidebar box.
if "corpus" not in st.session_state:
    st.session_state["corpus"] = corpus_argument(sys.argv[1:])
st.sidebar.text_input(
    "Corpus directory",
    key="corpus",
    help="A directory written by `storylens run` (or by the Import page).",
)

pages = [
    st.Page("app_pages/stories.py", title="Stories", default=True),
    st.Page("app_pages/story.py", title="Story", url_path="story"),
    st.Page("app_pages/outlets.py", title="Outlets", url_path="outlets"),
    st.Page("app_pages/import_files.py", title="Import", url_path="import"),
    st.Page("app_pages/export.py", title="Export", url_path="export"),
]
st.navigation(pages).run()
