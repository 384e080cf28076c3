"""Export page: download stories, articles with their story, rejects and comparisons."""

from __future__ import annotations

from functools import partial

import streamlit as st

from app_pages import common
from clustering.export import DATA_DICTIONARY, FORMATS
from clustering.views import story_page

_MIME = {
    "csv": "text/csv",
    "parquet": "application/vnd.apache.parquet",
    "jsonl": "application/jsonl",
}
# What each comparison table holds, in the words of its page's panel (the data
# dictionary in the export's README.md gives every column).
_ABOUT = {
    **DATA_DICTIONARY,
    "compare_numbers": "one row per number claim: the outlet's figure, its sentence, the "
    "group of claims about one quantity and its status (agree, compatible, conflict, update, "
    "single)",
    "compare_quotes": "one row per quote version: speaker, text, its group across outlets, "
    "and how its words differ from the longest version",
    "compare_framing": "one row per article: headline, lead, tone, attribution verbs, hedges, "
    "loaded terms, names only this outlet uses",
    "compare_facts": "one row per sentence: the fact it states, and whether only this outlet "
    "(exclusive), some outlets (shared) or most outlets (consensus) state it",
}


def choose_format() -> str:
    """The format radio; returns "csv", "parquet" or "jsonl"."""
    return str(
        st.radio(
            "Format",
            FORMATS,
            horizontal=True,
            help="CSV for spreadsheets (lists joined with '; ', formula-like cells quoted); "
            "Parquet and JSON Lines keep values exactly.",
        )
    )


st.title("Export")
corpus = common.require_corpus()
# Marks change without a rebuild: their file's time is part of the cache key.
path, key = str(corpus.path), f"{common.stamp(corpus)}|{corpus.modified('marks')}"
fmt = choose_format()
for name, rows in common.export_index(path, key):
    about = _ABOUT.get(name, "")
    left, right = st.columns([1, 3])
    # The file is built only when the button is pressed (deferred data), then cached.
    left.download_button(
        f"{name}.{fmt}",
        data=partial(common.export_file, path, key, name, fmt),
        file_name=f"{name}.{fmt}",
        mime=_MIME[fmt],
        key=f"download_{name}",
    )
    right.caption(f"{story_page.count_text(rows, 'row')} · {about}")
if not any(name.startswith("compare_") for name, _ in common.export_index(path, key)):
    common.not_computed()
