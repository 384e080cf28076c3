"""The Streamlit app, page by page, through Streamlit's AppTest (no browser, no server)."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest
from corpus_factory import (
    BUDGET,
    DEMO_ARTICLES,
    DEMO_FACTS,
    DEMO_FRAMING,
    DEMO_NUMBERS,
    DEMO_QUOTES,
    DEMO_STORY_OF,
    FLOOD,
    HOSTILE_BODY,
    HOSTILE_TITLE,
    LONE,
    article,
    demo_corpus,
    touch_manifest,
    write_comparisons,
    write_corpus,
    write_history,
)
from streamlit.testing.v1 import AppTest

from clustering import marks, schema
from clustering.corpus import Corpus
from clustering.views import safe, story_page

APP = str(Path(__file__).resolve().parents[1] / "app.py")
NO_CORPUS = "No corpus at"


def app(corpus_path: Path | str, page: str | None = None, **query: str) -> AppTest:
    """The app on `corpus_path`, run once on the default page, then on `page` if given."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["corpus"] = str(corpus_path)
    at.run()
    if page is not None:
        at.switch_page(page)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    hostile = article(
        "a-hostile",
        "Harbor Times",
        HOSTILE_TITLE,
        HOSTILE_BODY,
        datetime(2024, 3, 9, 9, tzinfo=UTC),
    )
    return demo_corpus(tmp_path_factory.mktemp("app") / "corpus", extra_articles=[hostile])


# --- the corpus ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "page", [None, "app_pages/story.py", "app_pages/outlets.py", "app_pages/export.py"]
)
def test_missing_corpus_says_what_to_run(tmp_path, page):
    at = app(tmp_path / "nowhere", page)
    assert at.error[0].value.startswith(NO_CORPUS)
    assert at.code[0].value == f"storylens run data/sample --out {tmp_path / 'nowhere'}"
    assert "make demo" in at.markdown[0].value


def test_corpus_from_command_line(corpus, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["app.py", "--corpus", str(corpus.path), "--other"])
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert at.sidebar.text_input[0].value == str(corpus.path)
    assert at.caption[0].value.startswith("4 of 4 stories")


def test_corpus_default_and_sidebar_choice(corpus, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["app.py"])
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert at.sidebar.text_input[0].value == "data/corpus"
    at.sidebar.text_input[0].set_value(str(corpus.path)).run()
    assert at.caption[0].value.startswith("4 of 4 stories")


def test_rebuilt_corpus_is_reloaded(tmp_path):
    path = tmp_path / "corpus"
    demo_corpus(path)
    at = app(path)
    assert at.caption[0].value.startswith("3 of 3 stories")
    demo_corpus(path, extra_articles=[article("a-new", "X", "New thing", "Body.", None)])
    touch_manifest(Corpus(path))
    at.run()
    assert at.caption[0].value.startswith("4 of 4 stories")


# --- stories page ----------------------------------------------------------------------


def test_stories_page(corpus):
    at = app(corpus.path)
    assert at.title[0].value == "Stories"
    table = at.dataframe[0].value
    assert table["story_id"].tolist()[:2] == [FLOOD, BUDGET]
    assert table["has_number_conflict"].tolist()[:2] == ["conflict", ""]
    assert table["has_quote_difference"].tolist()[:2] == ["reworded", ""]
    assert table["link"].tolist()[0] == f"story?story={FLOOD}"
    # What a journalist looks for first leads (issue 18); the long outlet list goes last.
    order = list(at.dataframe[0].proto.column_order)
    assert order[:4] == ["link", "has_number_conflict", "has_quote_difference", "headline"]
    assert order[-1] == "outlets"
    # Article text stays text: the hostile headline is a cell value, unchanged.
    assert HOSTILE_TITLE in table["headline"].tolist()
    assert not at.warning  # no part failed: nothing said about failures


def test_stories_page_says_when_a_figure_was_updated(tmp_path):
    """A story whose figures changed as it went on (an update, no conflict) reads "update"
    in the numbers column, not "" as a story without flags."""
    corpus = write_corpus(tmp_path / "corpus", DEMO_ARTICLES, DEMO_STORY_OF)
    updated = [
        {**row, "status": "update"} if row["story_id"] == BUDGET else row for row in DEMO_NUMBERS
    ]
    write_comparisons(
        corpus, numbers=updated, quotes=DEMO_QUOTES, framing=DEMO_FRAMING, facts=DEMO_FACTS
    )
    table = app(corpus.path).dataframe[0].value
    assert table["has_number_conflict"].tolist() == ["conflict", "update", ""]
    assert table["story_id"].tolist() == [FLOOD, BUDGET, LONE]


def _failure(part: str, story_id: str, article_id: str | None = None, error: str = "boom"):
    """One FAILURES row as the pipeline records it (an article's part names its file)."""
    return {
        "commit": None,
        "part": part,
        "article_id": article_id,
        "story_id": story_id,
        "source_file": "fixture.jsonl" if article_id else None,
        "source_line": 1 if article_id else None,
        "error_type": "ValueError" if article_id is None else "RuntimeError",
        "error": error,
    }


@pytest.fixture(scope="module")
def failed_corpus(tmp_path_factory):
    """The demo corpus whose flood story's framing comparison raised (no framing rows of
    it), and whose budget story's Valley Gazette article's quote extraction raised; the
    failures written through Corpus.record_failures, as the pipeline writes them."""
    corpus = write_corpus(
        tmp_path_factory.mktemp("failed") / "corpus", DEMO_ARTICLES, DEMO_STORY_OF
    )
    write_comparisons(
        corpus,
        numbers=DEMO_NUMBERS,
        quotes=DEMO_QUOTES,
        framing=[r for r in DEMO_FRAMING if r["story_id"] != FLOOD],
        facts=DEMO_FACTS,
    )
    corpus.record_failures(
        pl.DataFrame(
            [
                _failure("compare:framing", FLOOD, error="injected story fault"),
                _failure("extract:quotes", BUDGET, "a-budget-valley", "injected fault"),
            ],
            schema=schema.FAILURES,
        )
    )
    return Corpus(corpus.path)


def test_stories_page_says_how_many_parts_failed(failed_corpus):
    at = app(failed_corpus.path)
    assert [w.value for w in at.warning] == [
        safe.escape_markdown(
            "1 article and 1 story had a part fail in the last update (framing comparison 1, "
            "quote extraction 1). Each keeps every other part: its story is shown with what "
            "could be read, and its page says which part is missing."
        )
    ]
    assert at.expander[0].label == "Failed parts (2)"
    failed = at.dataframe[0].value
    assert failed[["part", "story_id", "article_id", "source", "error"]].values.tolist() == [
        ["framing comparison", FLOOD, "", "", "ValueError: injected story fault"],
        ["quote extraction", BUDGET, "a-budget-valley", "fixture.jsonl:1", "RuntimeError: injected fault"],
    ]  # fmt: skip
    assert failed["link"].tolist() == [f"story?story={FLOOD}", f"story?story={BUDGET}"]
    assert at.dataframe[1].value["story_id"].tolist()[:2] == [FLOOD, BUDGET]  # all stories


def test_story_page_says_which_part_failed_and_shows_the_rest(failed_corpus):
    at = app(failed_corpus.path, "app_pages/story.py", story=FLOOD)
    assert [w.value for w in at.warning] == [
        safe.escape_markdown(
            "The framing comparison failed for this story (ValueError: injected story fault): "
            "the Framing panel is empty because of it; everything else on this page is shown."
        )
    ]
    captions = [c.value for c in at.caption]
    assert (
        "Not available: the framing comparison failed for this story (see the notice at the "
        "top of the page)."
    ) in captions
    assert "No framing cues for this story." not in captions
    # The rest is there: the numbers conflict, the quotes, the facts.
    numbers = at.dataframe[1].value
    assert numbers.iloc[0]["status"] == "conflict"
    assert [h.value for h in at.header][2:6] == ["Numbers", "Quotes", "Framing", "Facts"]

    budget = app(failed_corpus.path, "app_pages/story.py", story=BUDGET)
    assert [w.value for w in budget.warning] == [
        safe.escape_markdown(
            "The quote extraction failed on 1 article (Valley Gazette · Council passes "
            "$2.1bn budget; RuntimeError: injected fault): the quotes of that article "
            "are missing from the Quotes panel; all their other parts are shown."
        )
    ]
    # Another story of the corpus says nothing about failures.
    assert not app(failed_corpus.path, "app_pages/story.py", story=LONE).warning


def test_stories_page_filters(corpus):
    at = app(corpus.path)
    search = at.main.text_input[0]
    search.set_value("river").run()
    assert at.dataframe[0].value["story_id"].tolist() == [FLOOD]
    assert at.caption[0].value.startswith("1 of 4 stories")
    search.set_value("").run()
    at.main.number_input[0].set_value(2).run()
    assert at.dataframe[0].value["story_id"].tolist() == [FLOOD, BUDGET]
    at.main.number_input[0].set_value(1).run()
    at.main.multiselect[0].set_value(["Northern Wire"]).run()
    assert at.dataframe[0].value["story_id"].tolist() == [FLOOD]
    at.main.multiselect[0].set_value([]).run()
    at.main.date_input[0].set_value(
        (datetime(2024, 3, 6).date(), datetime(2024, 3, 8).date())
    ).run()
    assert at.dataframe[0].value["story_id"].tolist() == [BUDGET, LONE]


# --- story page ------------------------------------------------------------------------


def test_story_page(corpus):
    at = app(corpus.path, "app_pages/story.py", story=FLOOD)
    assert at.title[0].value == safe.escape_markdown("River floods force 1,200 from homes")
    assert at.caption[0].value == safe.escape_markdown(
        f"3 articles (+1 copy) · 3 outlets · over 2 h · story {FLOOD}"
    )
    assert [h.value for h in at.header] == [
        "Coverage",
        "Headlines and leads",
        "Numbers",
        "Quotes",
        "Framing",
        "Facts",
        "Compare two articles",
    ]
    assert not at.info  # every comparison is there
    assert not at.warning  # and no part of it failed
    assert "First to report: **Harbor Times** at 2024-03-04 06:30 UTC" in [
        m.value for m in at.markdown
    ]
    coverage, numbers, quotes, framing, facts = (at.dataframe[i].value for i in range(5))
    assert coverage["outlet"].tolist() == [
        "Harbor Times",
        "Northern Wire",
        "Coastal Daily",
        "Valley Gazette",
    ]
    # (3: the outlets that give the row's figures)
    assert numbers.iloc[0].tolist() == [
        "people forced from homes", "conflict", 3, "1,200 people", "1,200 people",
        "about 3,000 people",
    ]  # fmt: skip
    assert quotes.iloc[0][["Harbor Times", "Valley Gazette"]].tolist() == ["reworded", "verbatim"]
    assert framing["loaded_terms"].tolist() == ["", "flee (leave)"]
    # Per outlet, how its sentences fared; then the facts most outlets state, with who
    # states them (3 of the story's 3 outlets), then what only one outlet reports, each
    # outlet's sentences whole in its own expander.
    assert facts.to_dict("list") == {
        "outlet": ["Harbor Times", "Valley Gazette", "Northern Wire"],
        "only_here": [1, 1, 0],
        "shared": [0, 0, 0],
        "with_most": [1, 1, 1],  # the one fact all three state
    }
    assert [h.value for h in at.subheader][-2:] == [
        "Reported by most outlets",
        "Only this outlet reports",
    ]
    most = safe.escape_markdown(
        "Floods forced 1,200 people from their homes on Monday, officials said."
    )
    # The sentence shown is one outlet's words: the line says whose.
    outlets = safe.escape_markdown(
        "Harbor Times, Northern Wire, Valley Gazette · as worded by Harbor Times"
    )
    assert f"- {most}  \n  :gray[3 of 3 outlets: {outlets}]" in [m.value for m in at.markdown]
    assert [e.label for e in at.expander][-2:] == [
        safe.escape_markdown("Harbor Times: 1 fact"),
        safe.escape_markdown("Valley Gazette: 1 fact"),
    ]
    assert "- " + safe.escape_markdown("The dam at Elm Creek was opened at dawn.") in [
        m.value for m in at.markdown
    ]
    # Leads are shown as text; the quote's word diff and the article diff as escaped HTML.
    assert "Floods forced about 3,000 people from their homes on Monday, police said." in [
        t.value for t in at.text
    ]
    htmls = [h.value for h in at.html]
    assert any('line-through;"> before</span>' in h for h in htmls)
    assert "Harbor Times · 2024-03-04 · River floods force 1,200 from homes" in htmls[-1]


def test_story_page_diff_follows_chosen_articles(corpus):
    at = app(corpus.path, "app_pages/story.py", story=FLOOD)
    # As of, the numbers row to read (none chosen), then the two articles of the diff.
    assert [s.value for s in at.selectbox][1:] == [None, "a-flood-harbor", "a-flood-wire"]
    at.selectbox[3].set_value("a-flood-valley").run()
    diff = at.html[-1].value
    assert 'background-color:#ccf0d4;">about 3,000</span>' in diff
    assert 'line-through;">1,200</span>' in diff


def test_story_page_coverage_of_an_undated_article(tmp_path):
    """An outlet whose only article has no date: "undated" and an empty hours cell, never
    the grid's literal "None"; the numbers matrix gives a long figure a width to be read."""
    undated = article("a-flood-undated", "Ridge Post", "Floods", "Floods again.", None)
    corpus = write_corpus(
        tmp_path / "undated", [*DEMO_ARTICLES, undated], {**DEMO_STORY_OF, "a-flood-undated": FLOOD}
    )
    write_comparisons(corpus, numbers=DEMO_NUMBERS)
    at = app(corpus.path, "app_pages/story.py", story=FLOOD)
    coverage = at.dataframe[0].value
    row = coverage[coverage["outlet"] == "Ridge Post"].iloc[0]
    assert (row["first_published"], row["hours_after_first"]) == ("undated", "")
    assert coverage["first_published"].tolist()[0] == "2024-03-04 06:30"
    widths = {k: c.get("width") for k, c in _column_config(at.dataframe[1]).items()}
    assert widths["Valley Gazette"] == 8 * len("about 3,000 people") + 24


def _column_config(frame) -> dict:
    return json.loads(frame.proto.columns)


def test_story_page_as_of_an_earlier_commit(tmp_path):
    """What was known when: a corpus of two commits (the flood story, then a fourth outlet
    added to it); the story page's "as of" selector lists the commits newest first and shows
    the story as it stood at the first."""
    path = tmp_path / "corpus"
    first = demo_corpus(path).version
    later = article(
        "a-flood-ridge",
        "Ridge Post",
        "Flood waters recede",
        "Waters fell.",
        datetime(2024, 3, 5, 9, tzinfo=UTC),
    )
    write_corpus(path, [*DEMO_ARTICLES, later], {**DEMO_STORY_OF, "a-flood-ridge": FLOOD})
    now = Corpus(path).version
    assert now > first
    at = app(path, "app_pages/story.py", story=FLOOD)
    moment = at.selectbox(key="as_of")
    assert moment.value is None and moment.options[0].startswith("now: ")
    assert not at.button(key="wrong-numbers-n-evacuated").disabled
    assert f"commit {now} " in moment.options[0]
    assert at.caption[0].value.startswith(safe.escape_markdown("4 articles (+1 copy) · 4 outlets"))
    assert [c for c in moment.options if f"commit {first} (" in c]
    moment.set_value(first).run()
    assert not at.exception
    assert at.caption[0].value == safe.escape_markdown(
        f"3 articles (+1 copy) · 3 outlets · over 2 h · story {FLOOD}"
    )
    assert at.info[0].value.startswith(f"As of commit {first} (")
    assert "Ridge Post" not in at.dataframe[0].value["outlet"].tolist()
    # Verdicts are given on the newest comparison only.
    assert at.button(key="wrong-numbers-n-evacuated").disabled
    # The comparison of the first commit is read too: its numbers matrix is there.
    assert at.dataframe[1].value.iloc[0].tolist()[:2] == ["people forced from homes", "conflict"]
    # Before the story existed: said plainly, nothing else shown.
    at.selectbox(key="as_of").set_value(1).run()  # articles written, no stories yet
    assert at.warning[0].value.startswith(f"Story {safe.escape_markdown(FLOOD)} did not exist yet")
    assert not at.header


def test_story_page_without_comparisons(tmp_path):
    corpus = demo_corpus(tmp_path / "bare", comparisons=False)
    at = app(corpus.path, "app_pages/story.py", story=FLOOD)
    assert [i.value for i in at.info] == [story_page.NO_COMPARISON] * 4
    assert [h.value for h in at.header][-1] == "Compare two articles"


def test_story_page_shows_last_update(tmp_path):
    corpus = demo_corpus(tmp_path / "living", comparisons=False)
    write_history(
        corpus,
        [
            {"at": datetime(2024, 3, 5, 8, tzinfo=UTC), "kind": "grown", "story_id": FLOOD,
             "old_story_ids": [FLOOD], "new_story_ids": [FLOOD], "n_added": 2},
        ],
    )  # fmt: skip
    touch_manifest(corpus)
    at = app(corpus.path, "app_pages/story.py", story=FLOOD)
    assert at.info[0].value == "Last updated 2024-03-05 08:00 UTC: 2 articles added\\."
    assert at.dataframe[0].value["change"].tolist() == ["2 articles added."]


def test_story_page_chooser_when_no_story_given(corpus):
    at = app(corpus.path, "app_pages/story.py", story="s-missing")
    assert at.warning[0].value == "No story s\\-missing in this corpus."
    assert not at.header
    at.selectbox[0].set_value(BUDGET).run()
    assert at.query_params["story"] == BUDGET
    assert at.title[0].value == safe.escape_markdown("City budget adds 40 teachers")


def test_story_page_shows_hostile_text_literally(corpus):
    at = app(corpus.path, "app_pages/story.py", story="s-a-hostile")
    assert at.title[0].value == safe.escape_markdown(HOSTILE_TITLE)
    assert f"**{safe.escape_markdown(HOSTILE_TITLE)}**" in [m.value for m in at.markdown]
    lead = "<script>document.title='pwned'</script> The council closed the bridge on Monday."
    assert lead in [t.value for t in at.text]
    assert all("<script" not in h.value and "<img" not in h.value for h in at.html)


def test_story_page_shows_flags_side_by_side_with_why(corpus):
    at = app(corpus.path, "app_pages/story.py", story=FLOOD)
    assert [h.value for h in at.subheader][:2] == [
        "Flagged numbers, side by side",
        "Shared quotes, side by side",
    ]
    flag = next(
        h.value for h in at.html if "storylens-side-by-side" in h.value and "<mark" in h.value
    )
    # One card per outlet, earliest first, the figure highlighted in its sentence.
    assert flag.index("Harbor Times") < flag.index("Northern Wire") < flag.index("Valley Gazette")
    assert ">about 3,000 people</mark>" in flag
    captions = [c.value for c in at.caption]
    assert (
        safe.escape_markdown("Why aligned: Same counted thing: people forced from homes")
        in captions
    )
    assert at.button(key="wrong-numbers-n-evacuated").label == "Flag wrong"
    assert at.button(key="clear-numbers-n-evacuated").disabled  # nothing to withdraw yet


def test_story_page_marks_a_flag_wrong(tmp_path):
    corpus = demo_corpus(tmp_path / "marked")
    before = app(corpus.path, "app_pages/export.py")  # caches the export tables unmarked
    assert "marks.csv" not in [b.label for b in before.download_button]
    at = app(corpus.path, "app_pages/story.py", story=FLOOD)
    at.sidebar.text_input(key="mark_who").set_value("Ana")
    at.text_input(key="note-numbers-n-evacuated").set_value("a subset against a total")
    at.button(key="wrong-numbers-n-evacuated").click().run()
    assert not at.exception
    log = marks.read_marks(corpus)
    assert log.select("who", "verdict", "note", "kind", "group_id").rows() == [
        ("Ana", "wrong", "a subset against a total", "numbers", "n-evacuated")
    ]
    shown = [e.value for e in at.error]
    assert any(v.startswith("Flag marked wrong by Ana on ") for v in shown), shown
    assert any(v.endswith(safe.escape_markdown(": a subset against a total")) for v in shown)
    assert at.text_input(key="note-numbers-n-evacuated").value == ""  # ready for the next
    # The quote marked right: both marks are in the log, the new one shown green.
    at.button(key="right-quotes-q-water").click().run()
    assert marks.read_marks(corpus)["verdict"].to_list() == ["wrong", "right"]
    assert [s.value.startswith("Flag marked right by Ana") for s in at.success] == [True]
    # The export page offers the marks at once, though its tables were cached before.
    at.switch_page("app_pages/export.py").run()
    labels = [b.label for b in at.download_button]
    assert labels[-2:] == ["marks.csv", "mark_states.csv"]
    assert at.caption[-1].value.startswith("2 rows · each marked flag's latest verdict")


def test_story_page_shows_orphaned_marks(tmp_path):
    corpus = demo_corpus(tmp_path / "orphans")
    marks.mark_flag(corpus, "numbers", FLOOD, "n-evacuated", "wrong", who="Ana", note="subset")
    split = [
        {**row, "group_id": f"n-alone-{i}", "status": "single"}
        for i, row in enumerate(DEMO_NUMBERS)
    ]
    write_comparisons(corpus, numbers=split)
    touch_manifest(corpus)
    at = app(corpus.path, "app_pages/story.py", story=FLOOD)
    assert "Other marks" in [h.value for h in at.subheader]
    orphans = at.dataframe[-1].value
    assert orphans[["who", "verdict", "now", "note"]].values.tolist() == [
        ["Ana", "wrong", "flag gone: its figures are no longer grouped together", "subset"]
    ]
    assert orphans["figures"][0].startswith("Harbor Times: 1,200 people")
    # It can be withdrawn: a "cleared" verdict joins the log, and the list empties.
    at.button(key="withdraw").click().run()
    assert marks.read_marks(corpus)["verdict"].to_list() == ["wrong", "cleared"]
    assert "Other marks" not in [h.value for h in at.subheader]


# --- outlets page ----------------------------------------------------------------------


def test_outlets_page(corpus):
    at = app(corpus.path, "app_pages/outlets.py")
    assert at.selectbox[0].options[:2] == ["Harbor Times", "Valley Gazette"]
    at.selectbox[0].set_value("Northern Wire").run()
    assert [s.value for s in at.subheader] == ["Blindspots (1)", "Covered (1)"]
    blind, covered = at.dataframe[0].value, at.dataframe[1].value
    assert blind["story_id"].tolist() == [BUDGET]
    assert covered["story_id"].tolist() == [FLOOD]
    # Each story opens from its first column (the outlet list is off-screen at 1400 px).
    assert list(at.dataframe[0].proto.column_order)[0] == "link"
    assert blind["link"].tolist() == [f"story?story={BUDGET}"]
    at.number_input[0].set_value(1).run()
    assert at.subheader[0].value == "Blindspots (3)"


def test_outlets_page_groups_from_uploaded_metadata(corpus):
    at = app(corpus.path, "app_pages/outlets.py")
    meta = b"outlet,lean\nHarbor Times,left\nValley Gazette,left\nNorthern Wire,right\n"
    at.file_uploader[0].set_value(("outlets.csv", meta, "text/csv")).run()
    assert not at.error
    assert at.selectbox[1].value == "lean"
    assert at.markdown[-1].value == "**1** of 4 stories are one-sided (1 covered mostly by left)."
    assert at.caption[-1].value == safe.escape_markdown("Outlets without a lean: Coastal Daily")
    groups = at.dataframe[-1].value
    assert groups["story_id"].tolist()[0] == BUDGET
    assert groups.iloc[0][["left", "right", "one_sided"]].tolist() == [2, 0, "left"]


def test_outlets_page_groups_by_the_corpus_own_table_and_stores_an_upload(tmp_path):
    from clustering.ingest.outlets import import_outlets, read_outlet_csv

    path = tmp_path / "corpus"
    demo_corpus(path)
    at = app(path, "app_pages/outlets.py")
    # The shipped table knows none of these outlets: nothing to group by, no upload needed
    # to learn it.
    assert len(at.selectbox) == 1
    assert "gives its outlets no group, lean or country" in at.caption[-1].value
    table = "outlet,domains,lean\nHarbor Times,,left\nValley Gazette,,left\nNorthern Wire,,right\n"
    import_outlets(Corpus(path), read_outlet_csv(table))
    at = app(path, "app_pages/outlets.py")
    assert not at.file_uploader[0].value
    assert at.selectbox[1].value == "lean"
    assert at.markdown[-1].value == "**1** of 3 stories are one-sided (1 covered mostly by left)."
    groups = at.dataframe[-1].value
    assert groups["story_id"].tolist()[0] == BUDGET
    assert groups.iloc[0][["left", "right", "one_sided"]].tolist() == [2, 0, "left"]
    # An uploaded table is offered for storing; stored, it is the corpus's table.
    other = b"outlet,domains,lean\nHarbor Times,,right\nNorthern Wire,,right\n"
    at.file_uploader[0].set_value(("outlets.csv", other, "text/csv")).run()
    assert at.button[0].label == "Store as this corpus's outlet table"
    at.button[0].click().run()
    assert not at.exception
    assert Corpus(path).read("outlets")["lean"].to_list() == ["right", "right"]
    assert "This table is the corpus's outlet table." in [c.value for c in at.caption]


def test_outlets_page_rejects_bad_metadata(corpus):
    at = app(corpus.path, "app_pages/outlets.py")
    at.file_uploader[0].set_value(("o.csv", b"name,lean\nX,left\n", "text/csv")).run()
    assert "should have an 'outlet' column" in at.error[0].value.replace("\\", "")


# --- export page -----------------------------------------------------------------------


def test_export_page(corpus):
    at = app(corpus.path, "app_pages/export.py")
    labels = [b.label for b in at.download_button]
    assert labels == [
        "stories.csv", "articles.csv", "rejects.csv",
        "compare_facts.csv", "compare_framing.csv", "compare_numbers.csv", "compare_quotes.csv",
    ]  # fmt: skip
    # Each comparison table says what one of its rows is (CSV rows of the demo: 3 facts).
    assert at.caption[3].value == (
        "3 rows · one row per sentence: the fact it states, and whether only this outlet "
        "(exclusive), some outlets (shared) or most outlets (consensus) state it"
    )
    at.radio[0].set_value("jsonl").run()
    assert at.download_button[0].label == "stories.jsonl"
    assert at.caption[0].value.startswith("4 rows")


def test_export_page_without_comparisons(tmp_path):
    at = app(demo_corpus(tmp_path / "bare", comparisons=False).path, "app_pages/export.py")
    assert [b.label for b in at.download_button] == ["stories.csv", "articles.csv", "rejects.csv"]
    assert at.info[0].value == story_page.NO_COMPARISON


# --- import page -----------------------------------------------------------------------

_RECORDS = [
    {"title": "Storm closes port", "body": "A storm closed the port of Easthaven on Friday. Ships waited offshore.", "outlet": "Harbor Times", "date": "2024-05-03"},
    {"title": "Port shut by storm", "body": "The port of Easthaven was shut by a storm on Friday, and ships waited offshore.", "outlet": "Valley Gazette", "date": "2024-05-03"},
    {"title": "", "body": "", "outlet": "Nobody"},
    {"title": "Storm closes port", "body": "A storm closed the port of Easthaven on Friday. Ships waited offshore.", "outlet": "Harbor Times", "date": "2024-05-03"},
]  # fmt: skip
_RECORDS_JSONL = "".join(json.dumps(r) + "\n" for r in _RECORDS).encode()


def test_import_offers_add_and_asks_before_replacing(corpus):
    at = app(corpus.path, "app_pages/import_files.py")
    upload = ("a.jsonl", b'{"title": "x", "body": "y"}\n', "application/json")
    at.file_uploader[0].set_value(upload).run()
    assert at.warning[0].value.startswith("A corpus already exists at")
    assert at.radio[0].value == "add"
    assert (at.button[0].label, at.button[0].disabled) == ("Add to corpus", False)
    at.radio[0].set_value("replace").run()
    assert (at.button[0].label, at.button[0].disabled) == ("Build corpus", True)
    at.checkbox[0].check().run()
    assert not at.button[0].disabled


def _import_records(tmp_path, target, name):
    """The Import page after uploading _RECORDS as file `name` and building `target`."""
    at = app(tmp_path / "none", "app_pages/import_files.py")
    at.file_uploader[0].set_value((name, _RECORDS_JSONL, "application/json"))
    at.main.text_input[0].set_value(str(target))
    at.run()
    at.button[0].click().run(timeout=120)
    return at


@pytest.mark.slow
def test_import_builds_a_corpus(tmp_path, monkeypatch, embedder):
    # The real model, loaded once per test session, instead of a second copy.
    monkeypatch.setattr("clustering.embed.load_embedder", lambda config: embedder)
    target = tmp_path / "imported"
    at = _import_records(tmp_path, target, "../../escape.jsonl")
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "read": "4",
        "accepted": "2",
        "duplicates": "1",
        "rejected": "1",
        "stories": "1",
    }
    rejects = at.dataframe[0].value
    assert rejects[["source_line", "field"]].values.tolist() == [[3, "body"]]
    # The upload is kept in the corpus, and rejects name it there (not a deleted temp dir).
    assert rejects["source_file"].iloc[0] == str(target / "uploads" / "escape.jsonl")
    assert (target / "uploads" / "escape.jsonl").read_bytes() == _RECORDS_JSONL
    assert Corpus(target).exists()
    assert Corpus(target).read("stories")["n_outlets"].to_list() == [2]
    at.button[1].click().run()
    assert at.session_state["corpus"] == str(target)
    # A second upload goes into the same corpus with `add`.
    more = {"title": "Port reopens after storm", "body": "The port of Easthaven reopened on Saturday after the storm.", "outlet": "Northern Wire", "date": "2024-05-04"}  # fmt: skip
    at.file_uploader[0].set_value(
        ("more.jsonl", (json.dumps(more) + "\n").encode(), "application/json")
    )
    at.run()
    assert at.radio[0].value == "add"
    # As if the outlet table had changed since the build: the add says what it renamed.
    monkeypatch.setattr(
        "clustering.pipeline.refresh_outlets",
        lambda *args: (2, ["s-renamed"]),
    )
    at.button[0].click().run(timeout=120)
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["read"], metrics["accepted"], metrics["rejected"]) == ("1", "1", "0")
    assert Corpus(target).read("articles").height == 4
    assert [i.value for i in at.info] == [
        safe.escape_markdown(
            "outlets: 2 stored articles and 1 story changed outlet: the outlet table changed "
            "since the last commit (a StoryLens upgrade or another ingest.outlets CSV)"
        )
    ]


def test_story_page_lists_single_outlet_figures_under_the_matrix(corpus):
    at = app(corpus.path, "app_pages/story.py", story=BUDGET)
    matrix = at.dataframe[1].value
    assert matrix["status"].tolist() == ["agree"]  # the single figure is not a matrix row
    assert "Figures only one outlet gives (1)" in [e.label for e in at.expander]
    singles = at.dataframe[2].value
    # Each with the sentence it stands in, to be checked against its words.
    assert singles.columns.tolist() == ["outlet", "quantity", "text", "sentence"]
    assert len(singles) == 1


def test_import_says_which_parts_failed(tmp_path, monkeypatch, embedder):
    """An extractor that raises on every article: the run goes on, and the Import page
    says how many articles had a part fail and lists them (the corpus's failures)."""
    import clustering.compare

    def raising(articles, *args, **kwargs):
        raise RuntimeError("injected quote fault")

    monkeypatch.setattr("clustering.embed.load_embedder", lambda config: embedder)
    monkeypatch.setattr(clustering.compare, "extract_quotes", raising)
    target = tmp_path / "imported"
    at = _import_records(tmp_path, target, "in.jsonl")
    assert not at.exception
    failures = Corpus(target).failures()
    assert set(failures["part"]) == {"extract:quotes"} and failures.height >= 2
    n = failures["article_id"].n_unique()
    assert [w.value for w in at.warning] == [
        safe.escape_markdown(
            f"{n} articles had a part fail in the last update (quote extraction "
            f"{failures.height}). Each keeps every other part: its story is shown with what "
            "could be read, and its page says which part is missing."
        )
    ]
    listed = at.dataframe[-1].value
    assert set(listed["part"]) == {"quote extraction"}
    assert set(listed["error"]) == {"RuntimeError: injected quote fault"}
    assert Corpus(target).read("stories").height == 1  # the story is built all the same
