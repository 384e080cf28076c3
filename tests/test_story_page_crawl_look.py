"""The story page as a journalist read it on the real crawl (news-please, 383 pages;
issue 16), each defect rebuilt from fictional articles: an outlet dated the day after the
first report called "same day", a conflict's "same time: published" day that one of its
cards contradicts, one outlet's sentence shown as three identical quote cards, a word diff
reading "I’I'll", a 122-sentence list of one outlet's facts opened above the article diff,
and the framing grid's cues pushed off screen by its headline column."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
from corpus_factory import (
    COMPARISON_SCHEMAS,
    DEMO_FRAMING,
    _number,
    article,
    open_story_page,
    write_comparisons,
    write_corpus,
)
from streamlit.testing.v1 import AppTest

from clustering import schema
from clustering.views import story_page

STORY = "s-ferry0000000"


def test_an_outlet_dated_the_next_day_is_not_same_day():
    """The Sun reported at 2017-12-28 11:20; China Daily's page gave the date 2017-12-29
    and no time: 12.7 hours after, it read "same day". Calendar days between the dates."""
    first = datetime(2017, 12, 28, 11, 20, tzinfo=UTC)
    dated = [
        datetime(2017, 12, 29, tzinfo=UTC),  # next day, 12.7 h on
        datetime(2017, 12, 28, tzinfo=UTC),  # a date-only first report itself
        datetime(2017, 12, 30, tzinfo=UTC),  # 36.7 h on: two calendar days
        datetime(2017, 12, 28, 19, 28, tzinfo=UTC),  # a time of its own: hours
    ]
    frame = pl.DataFrame(
        {
            "h": [(d - first).total_seconds() / 3600 for d in dated[:1]] + [0.0]
            + [(d - first).total_seconds() / 3600 for d in dated[2:]],
            "at": dated,
        },
        schema={"h": pl.Float64, "at": schema.UTC_DATETIME},
    )  # fmt: skip
    assert frame.select(story_page.after_first_expr("h", "at"))["h"].to_list() == [
        "next day", "same day", "2 d", "8.1 h",
    ]  # fmt: skip
    # A story whose first report has a date only: an outlet at 04:47 that day is the
    # same day, one at 01:00 the day after is the next.
    day = datetime(2016, 11, 3, tzinfo=UTC)
    later = pl.DataFrame(
        {"h": [4.78, 25.0], "at": [day.replace(hour=4, minute=47), datetime(2016, 11, 4, 1, tzinfo=UTC)]},
        schema={"h": pl.Float64, "at": schema.UTC_DATETIME},
    )  # fmt: skip
    shown = later.select(story_page.after_first_expr("h", "at", first_date_only=True))["h"]
    assert shown.to_list() == ["same day", "next day"]


def test_why_aligned_names_the_publication_days_beside_one_day_of_the_figures():
    """A landing time (9:45 am, a schedule published 2017-12-31; 10:15 a.m. "on New
    Year's Eve", published 2018-01-01) read "same time: published 2017-12-31", which the
    second card's date contradicted."""
    reason = json.dumps({"counted": ["time"], "when": ["2017-12-31"], "basis": "values differ"})
    published = iter(["2017-12-31", "2018-01-01"])  # any iterable, read once
    assert story_page.alignment_reason(reason, "time", published) == (
        "Same counted thing: time · same day: 2017-12-31 (published 2017-12-31 and "
        "2018-01-01) · values differ"
    )
    three = ["2017-12-31", "2018-01-02", "2018-01-01"]
    assert "same day: 2017-12-31 (published on 3 days, 2017-12-31 to 2018-01-02)" in (
        story_page.alignment_reason(reason, "time", three)
    )
    # Published that one day: as before.
    assert "same time: published 2017-12-31" in story_page.alignment_reason(
        reason, "time", ["2017-12-31"]
    )


def test_a_curly_apostrophe_cut_with_a_deletion_reads_as_one_word():
    """The Daily Mail's "I'll miss the players" against the longest version's "... joy
    and peace. I’ll miss ...": the diff deleted "... peace. I’" and inserted "I'", which
    read "I’I'll". The shared "I'" is one equal span of the version's own text."""
    diff = [
        {"kind": "delete", "text": "Tears of joy and peace. I’"},
        {"kind": "insert", "text": "I'"},
        {"kind": "equal", "text": "ll miss the players."},
    ]
    assert story_page.typography_folded(diff) == [
        {"kind": "delete", "text": "Tears of joy and peace. "},
        {"kind": "equal", "text": "I'"},
        {"kind": "equal", "text": "ll miss the players."},
    ]
    # The start of an insertion the same way; its own words stay inserted.
    start = [{"kind": "delete", "text": "’"}, {"kind": "insert", "text": "' and more"}]
    assert story_page.typography_folded(start) == [
        {"kind": "equal", "text": "'"},
        {"kind": "insert", "text": " and more"},
    ]
    # Inside a word it is no typography: "cats’" against "s'" stays as it was.
    inside = [{"kind": "delete", "text": "cats’"}, {"kind": "insert", "text": "s'"}]
    assert story_page.typography_folded(inside) == inside


def _version(article_id: str, outlet: str, sentence: str, start: int, end: int) -> dict:
    text = sentence[start:end]
    return {
        "group_id": "q-1", "speaker": "Mara Voss", "why": "Same speaker: Mara Voss",
        "changed": True, "outlet": outlet, "article_id": article_id, "text": text,
        "wording": "truncated", "words_alike": 100, "sentence": sentence,
        "quote_start": start, "quote_end": end,
        "diff": [{"kind": "equal", "text": text}, {"kind": "delete", "text": " for a year"}],
    }  # fmt: skip


def test_one_outlets_same_sentence_is_one_quote_card():
    """The Daily Mail's three Tesla reports carried one sentence: the shared quote showed
    it as three identical cards. One card says in how many of its articles it stands."""
    said = "The ferry will sail, the mayor said, 'at dawn'."
    start = said.index("at dawn")
    versions = pl.DataFrame(
        [
            _version("a-mail-1", "Daily Mail", said, start, start + 7),
            _version("a-bbc-1", "BBC", "'At dawn,' she said.", 1, 8),
            _version("a-mail-2", "Daily Mail", said, start, start + 7),
            _version("a-mail-3", "Daily Mail", said, start, start + 7),
        ]
    )
    html = story_page.quote_flag_html(versions)
    assert html.count("The ferry will sail") == 1
    assert html.count("Daily Mail") == 1 and html.count("BBC") == 1
    assert "in 3 of its articles" in html
    assert "of its articles" not in html.split("BBC")[1]  # the BBC's one card says nothing


def _ferry_corpus(tmp_path: Path):
    outlets = ["Daily Mail", "BBC", "RT"]
    rows = [
        article(f"a-{i}", o, f"Ferry aground, report {i}", "Crews came. Pumps ran.",
                datetime(2024, 5, 1, 8 + i, tzinfo=UTC))
        for i, o in enumerate(outlets)
    ]  # fmt: skip
    return write_corpus(tmp_path / "c", rows, {r["article_id"]: STORY for r in rows})


def _fact(article_id: str, outlet: str, sentence: str, index: int) -> dict:
    return {
        "story_id": STORY, "fact_id": f"f-{article_id}-{index}", "kind": "exclusive",
        "article_id": article_id, "outlet": outlet, "sentence": sentence,
        "sentence_index": index, "n_outlets": 1, "outlets": [outlet],
    }  # fmt: skip


def _page(corpus_path: Path) -> AppTest:
    return open_story_page(corpus_path, STORY)


def test_a_long_list_of_one_outlets_facts_scrolls_in_a_box(tmp_path):
    """The Cubs story opened the Daily Mail's 122 facts as a 5,000 px list between the
    facts and the article diff: a list longer than FACT_ROWS scrolls in a box; a short
    one is shown as it is."""
    corpus = _ferry_corpus(tmp_path)
    facts = [_fact("a-0", "Daily Mail", f"Crew {i} pumped the hold dry.", i) for i in range(20)]
    facts.append(_fact("a-1", "BBC", "Rain slowed the crews.", 0))
    write_comparisons(corpus, facts=facts)
    at = _page(corpus.path)
    lists = {e.label.replace("\u2060", "").replace("\\", ""): e for e in at.expander}
    mail = next(iter(lists["Daily Mail: 20 facts"].children.values()))
    assert mail.type == "flex_container"
    assert mail.proto.height_config.pixel_height == 420
    assert "Crew 19 pumped" in mail.markdown[0].value
    bbc = next(iter(lists["BBC: 1 fact"].children.values()))
    assert bbc.type == "markdown" and "Rain slowed" in bbc.value


def test_the_framing_grid_shows_its_cues_before_its_hedges(tmp_path):
    """At 1400 px the framing grid's headline column took the width and its loaded terms
    and names only one outlet gives lay off screen. The cues come right after a
    medium-width headline (the cards above show it whole)."""
    corpus = _ferry_corpus(tmp_path)
    framing = [
        {**DEMO_FRAMING[0], "story_id": STORY, "article_id": f"a-{i % 3}",
         "outlet": ["Daily Mail", "BBC", "RT"][i % 3], "headline": f"Ferry report {i}"}
        for i in range(11)
    ]  # fmt: skip
    write_comparisons(corpus, framing=framing)
    at = _page(corpus.path)
    grid = next(d for d in at.dataframe if "tone" in d.value.columns)
    assert list(grid.proto.column_order) == [
        "outlet", "headline", "tone", "subjectivity", "loaded_terms", "entities_only_here",
        "attribution_verbs", "hedges", "intensifiers",
    ]  # fmt: skip
    assert json.loads(grid.proto.columns)["headline"]["width"] == "medium"


def test_fact_counts_say_shared_with_some_beside_shared_with_most(tmp_path):
    """In a story of three outlets every shared fact is one most outlets state, so the
    grid read "shared 0" beside "with most outlets 5": the first column names the fewer."""
    corpus = _ferry_corpus(tmp_path)
    write_comparisons(corpus, facts=[_fact("a-0", "Daily Mail", "Crews came at dawn.", 0)])
    at = _page(corpus.path)
    grid = next(d for d in at.dataframe if "with_most" in d.value.columns)
    labels = {k: c.get("label") for k, c in json.loads(grid.proto.columns).items()}
    assert labels["shared"] == "with some outlets"
    assert labels["with_most"] == "with most outlets"


def test_fact_rows_written_here_are_the_facts_tables_rows():
    assert set(_fact("a-0", "X", "s", 0)) == set(COMPARISON_SCHEMAS["facts"])


def _claim(group: str, outlet: str, text: str) -> dict:
    return {
        "group_id": group, "status": "agree", "quantity": "year", "outlet": outlet,
        "text": text, "article_id": f"a-{outlet}-{group}",
    }  # fmt: skip


def test_two_alike_number_rows_are_told_apart_in_the_chooser():
    """The Hawaiian flight story had "year · agree · 2018" twice (other outlets in each):
    two options alike in "Read a row's sentences". Alike labels name their outlets; a
    label of its own stays as it was."""
    numbers = pl.DataFrame(
        [
            _claim("g-1", "NPR", "2018"), _claim("g-1", "Popular Mechanics", "2018"),
            _claim("g-2", "Hawaii News Now", "2018"), _claim("g-2", "Popular Mechanics", "2018"),
            _claim("g-3", "NPR", "2017"), _claim("g-3", "Hawaii News Now", "2017"),
        ]
    )  # fmt: skip
    assert story_page.number_groups(numbers) == {
        "g-3": "year · agree · 2017",
        "g-1": "year · agree · 2018 · NPR, Popular Mechanics",
        "g-2": "year · agree · 2018 · Hawaii News Now, Popular Mechanics",
    }


def test_the_articles_table_leaves_out_columns_that_tell_no_row_apart(tmp_path):
    """Eleven articles of one language and no copy: the grid under the cards gave a
    column each to "en" and to nothing, and its lead lay off screen at 1400 px."""
    outlets = ["Daily Mail", "BBC", "RT", "CNN"]
    rows = [
        article(f"a-{i}", outlets[i % 4], f"Ferry report {i}", "Crews came. Pumps ran.",
                datetime(2024, 5, 1, 8 + i, tzinfo=UTC))
        for i in range(11)
    ]  # fmt: skip
    corpus = write_corpus(tmp_path / "c", rows, {r["article_id"]: STORY for r in rows})
    at = _page(corpus.path)
    grid = next(d for d in at.dataframe if "lead_sentence" in d.value.columns)
    assert list(grid.proto.column_order) == ["outlet", "published_at", "title", "lead_sentence"]
    # A copy among them: its column is back.
    rows[3] = {**rows[3], "duplicate_of": "a-0"}
    copied = write_corpus(tmp_path / "d", rows, {r["article_id"]: STORY for r in rows})
    grid = next(d for d in _page(copied.path).dataframe if "lead_sentence" in d.value.columns)
    assert list(grid.proto.column_order) == [
        "outlet", "published_at", "copy", "title", "lead_sentence",
    ]  # fmt: skip


def test_outlet_columns_fullest_first():
    """Seven outlets' columns, three or four in view: "date · agree · 2" showed nothing
    but its label while its figures sat off screen. The fullest columns come first, empty
    ones not at all."""
    cells = pl.DataFrame(
        {"A Post": ["", "", "1"], "BBC": ["2", "2", ""], "CNN": [None, "3", "3"], "Daily": ["", "", ""]}
    )  # fmt: skip
    assert story_page.fullest_first(cells, ["A Post", "BBC", "CNN", "Daily"]) == [
        "BBC", "CNN", "A Post",
    ]  # fmt: skip


def test_the_numbers_grid_puts_the_outlets_that_give_most_figures_first(tmp_path):
    corpus = _ferry_corpus(tmp_path)
    numbers = [
        _number(STORY, "n-1", "agree", "passengers", "a-2", "RT", 40.0, "40 passengers"),
        _number(STORY, "n-1", "agree", "passengers", "a-1", "BBC", 40.0, "40 people"),
        _number(STORY, "n-2", "conflict", "crew", "a-2", "RT", 6.0, "six crew"),
        _number(STORY, "n-2", "conflict", "crew", "a-0", "Daily Mail", 7.0, "seven crew"),
    ]
    write_comparisons(corpus, numbers=numbers)
    at = _page(corpus.path)
    grid = next(d for d in at.dataframe if "quantity" in d.value.columns)
    # The conflict's outlets first (test_story_page_crawl_look2: the Panama Papers grid),
    # then the fullest: RT gives two figures, the Daily Mail the conflict's other one.
    assert list(grid.value.columns) == [
        "quantity",
        "status",
        "n_outlets",
        "RT",
        "Daily Mail",
        "BBC",
    ]


def test_a_rewording_that_only_leaves_words_out_says_so():
    """The crawl's "joy, peace" of "joy and peace" read "reworded · 100% of its words
    alike": a rewording and full agreement at once. All of a version's words in the longest
    version (nothing added) now reads as words left out; other shares keep their percent."""
    subtitle = story_page._version_subtitle
    assert subtitle({"wording": "reworded", "words_alike": 100}) == (
        "reworded · the longest version's words, some left out"
    )
    assert subtitle({"wording": "reworded", "words_alike": 84}) == (
        "reworded · 84% of its words alike"
    )
    assert subtitle({"wording": "reworded", "words_alike": 11}) == (
        "reworded · 11% of its words alike · few words in common: check the match"
    )
    assert subtitle({"wording": "verbatim", "words_alike": 100}) == "verbatim"
    assert subtitle({"wording": "truncated", "words_alike": 100}) == (
        "truncated · the longest version's words, some left out"
    )
