"""The app as a journalist saw it on real crawled coverage (news-please, 383 articles;
issue 16), each defect rebuilt from fictional articles: outlet names cut in the story's
tables, a raw column name as a heading, an outlet's sentence repeated among its own facts,
a quote no other outlet carries called "verbatim", a numbers legend untrue of a row of
one outlet's articles."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import polars as pl
import pytest
from corpus_factory import (
    BUDGET,
    COMPARISON_SCHEMAS,
    DEMO_ARTICLES,
    DEMO_FRAMING,
    DEMO_NUMBERS,
    DEMO_QUOTES,
    DEMO_STORY_OF,
    article,
    open_story_page,
    write_comparisons,
    write_corpus,
)
from streamlit.testing.v1 import AppTest

from clustering.views import story_page

APP = str(Path(__file__).resolve().parents[1] / "app.py")
STORY = "s-mine00000000"
LONG = "The Washington Post"  # cut to "The Washingto" in the coverage grid


def _at(day: int, hour: int) -> datetime:
    return datetime(2024, 5, day, hour, tzinfo=UTC)


def _widths(frame) -> dict[str, object]:
    return {k: c.get("width") for k, c in json.loads(frame.proto.columns).items()}


def _story_of_ten(tmp_path: Path):
    """Ten articles of one story (more than the nine cards), two outlets with long names
    and one short; one article is a copy."""
    outlets = [LONG, "The New York Times", "BBC"]
    rows = [
        article(
            f"a-mine-{i:02d}",
            outlets[i % 3],
            f"Miners trapped, day {i}",
            f"Crews dug at the mine on day {i}. Pumps ran until dusk.",
            _at(1 + i // 3, 8 + i),
            duplicate_of="a-mine-00" if i == 9 else None,
        )
        for i in range(10)
    ]
    return write_corpus(tmp_path / "c", rows, {r["article_id"]: STORY for r in rows})


def test_outlet_names_are_read_whole_in_the_story_tables(tmp_path):
    """The coverage, framing and all-articles grids cut "The New York Times" to "The New
    York T" and "The Washington Post" to "The Washing": the outlet column is as wide as
    its longest name."""
    corpus = _story_of_ten(tmp_path)
    framing = [
        {**DEMO_FRAMING[0], "story_id": STORY, "article_id": "a-mine-00", "outlet": LONG},
        {**DEMO_FRAMING[1], "story_id": STORY, "article_id": "a-mine-01", "outlet": "BBC"},
    ]
    write_comparisons(corpus, framing=framing)
    at = open_story_page(corpus.path, STORY)
    want = 8 * len(LONG) + 24
    coverage = next(d for d in at.dataframe if "n_copies" in d.value.columns)
    # 7 px a character: at 8 the coverage grid overflowed its column beside the timeline
    assert _widths(coverage)["outlet"] == 7 * len(LONG) + 24
    tone = next(d for d in at.dataframe if "tone" in d.value.columns)
    assert _widths(tone)["outlet"] == want
    every = next(d for d in at.dataframe if "lead_sentence" in d.value.columns)
    assert _widths(every)["outlet"] == want


def test_all_articles_table_has_reader_headings(tmp_path):
    """The table of a story's articles under the cards was headed "lead_sentence" (a
    raw column name) and showed "is_copy" as true/false: it reads "lead" and "copy"."""
    corpus = _story_of_ten(tmp_path)
    at = open_story_page(corpus.path, STORY)
    every = next(d for d in at.dataframe if "lead_sentence" in d.value.columns)
    columns = json.loads(every.proto.columns)
    assert columns["lead_sentence"]["label"] == "lead"
    assert "is_copy" not in every.value.columns
    copies = dict(zip(every.value["title"], every.value["copy"], strict=True))
    assert copies["Miners trapped, day 9"] == "copy"
    assert copies["Miners trapped, day 0"] == ""


def _fact(kind, article_id, outlet, sentence, index):
    return {
        "story_id": STORY, "fact_id": f"f-{article_id}-{index}", "kind": kind,
        "article_id": article_id, "outlet": outlet, "sentence": sentence,
        "sentence_index": index, "n_outlets": 1, "outlets": [outlet],
    }  # fmt: skip


# One outlet's two articles repeat a sentence; another outlet has one of its own.
REPEATED = pl.DataFrame(
    [
        _fact("exclusive", "a-mail-1", "Daily Mail", "The shaft was 9 metres wide.", 1),
        _fact("exclusive", "a-mail-1", "Daily Mail", "Pumps ran until dusk.", 2),
        _fact("exclusive", "a-mail-2", "Daily Mail", "The shaft was 9 metres wide.", 0),
        _fact("exclusive", "a-mail-2", "Daily Mail", "Two cranes arrived at noon.", 3),
        _fact("exclusive", "a-bbc-1", "BBC", "Rain slowed the crews.", 4),
    ],
    schema=COMPARISON_SCHEMAS["facts"],
)


def test_an_outlets_repeated_sentence_is_one_fact():
    """The Daily Mail's two reports of a well rescue listed the same sentences twice
    among its "57 facts": each sentence once, where it first stands, and counted once."""
    facts = story_page.exclusive_facts(REPEATED)
    assert facts.select("outlet", "sentence", "article_id").rows() == [
        ("BBC", "Rain slowed the crews.", "a-bbc-1"),
        ("Daily Mail", "The shaft was 9 metres wide.", "a-mail-1"),
        ("Daily Mail", "Pumps ran until dusk.", "a-mail-1"),
        ("Daily Mail", "Two cranes arrived at noon.", "a-mail-2"),
    ]
    assert story_page.fact_counts(REPEATED).rows() == [
        ("Daily Mail", 3, 0, 0),
        ("BBC", 1, 0, 0),
    ]


def test_a_quote_only_one_outlet_carries_is_not_called_verbatim():
    """A quote one outlet alone carries read "verbatim" in the quote matrix, as if other
    outlets carried the same words: it reads "only here"; shared quotes keep their word."""
    version = {**DEMO_QUOTES[0], "story_id": STORY, "diff": [{"kind": "equal", "text": "x"}]}
    rows = [
        {**version, "group_id": "q-shared", "status": "shared", "article_id": "a-1",
         "outlet": "BBC", "text": "We will dig", "diff": [{"kind": "equal", "text": "We will dig"}]},
        {**version, "group_id": "q-shared", "status": "shared", "article_id": "a-2",
         "outlet": "RT", "text": "We will dig", "diff": [{"kind": "equal", "text": "We will dig"}]},
        {**version, "group_id": "q-alone", "status": "single", "article_id": "a-1",
         "outlet": "BBC", "text": "It is saddening", "speaker": "A user",
         "diff": [{"kind": "equal", "text": "It is saddening"}]},
    ]  # fmt: skip
    matrix = story_page.quote_matrix(pl.DataFrame(rows, schema=COMPARISON_SCHEMAS["quotes"]))
    cells = {r["group_id"]: (r["BBC"], r["RT"]) for r in matrix.iter_rows(named=True)}
    assert cells == {"q-shared": ("verbatim", "verbatim"), "q-alone": ("only here", None)}


def test_stories_sort_by_how_long_they_ran(tmp_path):
    """The stories grid's span was text: sorting it put "1 d 21 h" before "12 d 6 h",
    "129 d 14 h" and "13 d". It is a number of days (shown "1.9 d"), which sorts."""
    spans = {"s-short0000000": 2, "s-mid00000000": 45, "s-long0000000": 3109}  # hours
    rows, story_of = [], {}
    for story_id, hours in spans.items():
        for i, at in enumerate((_at(1, 0), _at(1, 0) + timedelta(hours=hours))):
            article_id = f"a-{story_id}-{i}"
            rows.append(article(article_id, f"Outlet {i}", story_id, "Text.", at))
            story_of[article_id] = story_id
    corpus = write_corpus(tmp_path / "c", rows, story_of)
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["corpus"] = str(corpus.path)
    at.run()
    assert not at.exception
    grid = at.dataframe[0]
    days = dict(zip(grid.value["story_id"], grid.value["span_days"], strict=True))
    assert days == pytest.approx({s: h / 24 for s, h in spans.items()})
    column = json.loads(grid.proto.columns)["span_days"]
    assert (column["label"], column["width"]) == ("span", 80)  # "sp" at its auto width
    ordered = grid.value.sort_values("span_days")["story_id"].tolist()
    assert ordered == ["s-short0000000", "s-mid00000000", "s-long0000000"]


def test_why_aligned_says_a_figures_scope_in_words():
    """The digger conflict of a well rescue read "Why aligned: ... · scope: term · ...":
    the comparison's codes, which no reader can decode. They read in words."""
    reason = json.dumps(
        {
            "counted": ["digger", "excavator"],
            "scope": ["term", "part", "in 2015", "in oct", "place: kunduz", "under 5"],
            "when": ["2016-11-08"],
            "basis": "values differ",
        }
    )
    assert story_page.alignment_reason(reason, "digger", ["2016-11-08"]) == (
        "Same counted thing: digger, excavator · a figure read as one term of a sum, part of "
        "a larger count, of 2015, of Oct, in Kunduz, under 5 · same time: published "
        "2016-11-08 · values differ"
    )


def test_a_partial_quotes_own_words_follow_the_full_stop_cleanly():
    """CNN's two words of a longer statement read "... of their own.; its own words:
    action" under its card: a semicolon after the reference's full stop."""
    reference = "We will open the bridge to traffic in the spring of next year."
    row = {
        "diff": [
            {"kind": "delete", "text": "We will open the "},
            {"kind": "equal", "text": "bridge"},
            {"kind": "insert", "text": " works"},
            {"kind": "delete", "text": reference[len("We will open the bridge") :]},
        ]
    }
    out = story_page.partial_quote_html(row)
    assert out is not None
    assert out.endswith("spring of next year. · its own words: works")
    assert ".;" not in out


def test_numbers_matrix_says_how_many_outlets_give_a_row(tmp_path):
    """With seven outlets most of the matrix's columns lie to the right: a row whose
    figures all sat there read "date · compatible" and nothing else. Each row says how
    many outlets give it, and its label stays pinned while the outlets scroll."""
    corpus = write_corpus(tmp_path / "c", DEMO_ARTICLES, DEMO_STORY_OF)
    numbers = [row for row in DEMO_NUMBERS if row["story_id"] == BUDGET]
    write_comparisons(corpus, numbers=numbers)
    at = open_story_page(corpus.path, BUDGET)
    matrix = next(d for d in at.dataframe if "n_outlets" in d.value.columns)
    assert list(matrix.value.columns[:3]) == ["quantity", "status", "n_outlets"]
    rows = matrix.value[["quantity", "status", "n_outlets"]].values.tolist()
    assert rows == [["budget", "agree", 2]]
    columns = json.loads(matrix.proto.columns)
    assert columns["n_outlets"]["label"] == "outlets"
    assert all(columns[c]["pinned"] for c in ("quantity", "status", "n_outlets"))
