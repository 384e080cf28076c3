"""The app as a journalist reads it on inputs as users have them (issue 16): bare text
files with no outlet and no date, dates without times, long tables; through Streamlit's
AppTest. Each test is a defect seen by eye on a real corpus (news-please, plain text),
rebuilt here from fictional articles."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from pathlib import Path

import pytest
import streamlit as st
from corpus_factory import (
    BUDGET as BUDGET_STORY,
)
from corpus_factory import (
    DEMO_ARTICLES,
    DEMO_FRAMING,
    DEMO_NUMBERS,
    DEMO_QUOTES,
    DEMO_REJECTS,
    DEMO_STORY_OF,
    FLOOD,
    article,
    open_story_page,
    write_comparisons,
    write_corpus,
)
from streamlit.testing.v1 import AppTest

from clustering import views

APP = str(Path(__file__).resolve().parents[1] / "app.py")
PLAIN = "s-plain0000000"


@pytest.fixture(scope="module")
def plain_corpus(tmp_path_factory):
    """A story of three bare text files (`storylens run plain-text/`): no outlet, no date."""
    rows = [
        article(
            f"a-plain-{i}", "", f"Tariffs delayed {i}", "The White House delayed tariffs.", None
        )
        for i in range(3)
    ]
    path = tmp_path_factory.mktemp("plain") / "corpus"
    corpus = write_corpus(path, rows, {row["article_id"]: PLAIN for row in rows})
    write_comparisons(corpus)  # as `run` writes them: no rows for an uncompared story
    return corpus


def test_story_of_undated_articles_opens(plain_corpus):
    """No article of the story has a date: the page renders (it raised "- not allowed on
    datetime and null" in the coverage table), every outlet cell reads "undated"."""
    at = open_story_page(plain_corpus.path, PLAIN)
    coverage = at.dataframe[0].value
    assert coverage["first_published"].tolist() == ["undated"]
    assert coverage["hours_after_first"].tolist() == [""]
    assert "Compare two articles" in [h.value for h in at.header]


def test_story_of_unknown_outlets_says_so(plain_corpus):
    """Articles whose outlet is not known read "outlet not known", never "0 outlets"
    beside "3 articles", nor an empty outlet cell."""
    at = open_story_page(plain_corpus.path, PLAIN)
    caption = at.caption[0].value
    assert "0 outlets" not in caption
    assert caption.startswith("3 articles · outlet not known")
    assert at.dataframe[0].value["outlet"].tolist() == ["(unknown outlet)"]


def test_story_not_compared_says_why(plain_corpus, tmp_path):
    """A story of one outlet, or of articles naming none, is never compared: its page says
    so once, instead of "No numbers stated in this story." and "No direct quotes in this
    story." of articles full of both (the pasted Evening Standard page, the bare texts)."""
    for path, story, who in (
        (plain_corpus.path, PLAIN, "articles that name no outlet"),
        (_one_outlet_corpus(tmp_path), "s-one000000000", "one outlet"),
    ):
        at = open_story_page(path, story)
        assert [i.value for i in at.info] == [
            "Not compared: numbers, quotes, framing and facts are compared between outlets, "
            f"and this story has {who}. Its articles are shown above and can be compared "
            "side by side below."
        ]
        captions = [c.value for c in at.caption]
        assert "No numbers stated in this story." not in captions
        assert "No direct quotes in this story." not in captions
        headers = [h.value for h in at.header]
        assert "Numbers" not in headers and "Quotes" not in headers
        assert headers[-1] == "Compare two articles"


def _one_outlet_corpus(tmp_path: Path):
    """Two articles of one outlet, with their comparison tables written empty (the compare
    stage skips a story of one outlet)."""
    rows = [
        article(
            f"a-one-{i}",
            "Evening Standard",
            "Ukrainian officials arrive in Turkey",
            '"We want peace," the minister said. 12 delegates came.',
            datetime(2025, 5, 1, 9 + i, tzinfo=UTC),
        )
        for i in range(2)
    ]
    corpus = write_corpus(tmp_path / "one", rows, {r["article_id"]: "s-one000000000" for r in rows})
    write_comparisons(corpus)
    return corpus.path


def test_after_first_of_a_date_only_first_article(tmp_path):
    """The story's first article gives a date and no time (news-please's Washington Post in
    the Costa Rica crash story): an outlet at 19:27 that day reads "same day", not "19.5 h"
    after a midnight no one published at; two days on reads "2 d"."""
    rows = [
        article("a-day-1", "Daily Post", "Plane crash", "A plane crashed.", _at(4, 0)),
        article("a-day-2", "Radio One", "Plane crash", "A plane crashed.", _at(4, 19, 27)),
        article("a-day-3", "Far Times", "Plane crash", "A plane crashed.", _at(6, 10)),
    ]
    corpus = write_corpus(tmp_path / "c", rows, {r["article_id"]: "s-day000000000" for r in rows})
    at = open_story_page(corpus.path, "s-day000000000")
    cover = at.dataframe[0].value.set_index("outlet")["hours_after_first"].to_dict()
    assert cover == {"Daily Post": "same day", "Radio One": "same day", "Far Times": "2 d"}


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 3, day, hour, minute, tzinfo=UTC)


def test_timeline_names_outlets_whole_and_dates_as_dates(tmp_path):
    """The timeline's outlet labels are not cut at Vega's 180 px ("The Washington Po…"),
    and a story of weeks reads its axis as dates, not week ticks such as "Sat 13"."""
    rows = [
        article("a-tl-1", "The Washington Post", "Crash", "A crash.", _at(1, 9)),
        article("a-tl-2", "The New York Times", "Crash", "A crash.", _at(14, 12)),
    ]
    corpus = write_corpus(tmp_path / "c", rows, {r["article_id"]: "s-tl0000000000" for r in rows})
    spec = json.loads(
        open_story_page(corpus.path, "s-tl0000000000").get("vega_lite_chart")[0].proto.spec
    )
    encoding = spec["encoding"]
    assert encoding["y"]["axis"]["labelLimit"] == 240
    assert encoding["x"]["axis"]["format"] == "%Y-%m-%d"


def test_quote_diff_ignores_curly_apostrophes(tmp_path):
    """A version that writes "can’t" where the longest writes "can't" (or "The" for "the")
    shows "can’t" as plain text in its word diff (a struck "'" beside an inserted "’"
    reads as a changed word: the Croydon tram story's "don'’t"); the dropped word " home"
    stays struck."""
    corpus = write_corpus(tmp_path / "c", DEMO_ARTICLES, DEMO_STORY_OF)
    reference = "We can't go back home, the mayor"
    quotes = [
        {**DEMO_QUOTES[0], "text": reference, "diff": [{"kind": "equal", "text": reference}]},
        {
            **DEMO_QUOTES[1],
            "text": "We can’t go back, The mayor",
            "similarity": 80.0,
            "diff": [
                {"kind": "equal", "text": "We can"},
                {"kind": "delete", "text": "'"},
                {"kind": "insert", "text": "’"},
                {"kind": "equal", "text": "t go back"},
                {"kind": "delete", "text": " home"},
                {"kind": "equal", "text": ", "},
                {"kind": "delete", "text": "the"},
                {"kind": "insert", "text": "The"},
                {"kind": "equal", "text": " mayor"},
            ],
        },
    ]
    write_comparisons(corpus, quotes=quotes)
    flags = [
        h.value
        for h in open_story_page(corpus.path, FLOOD).html
        if "Against the longest" in h.value
    ]
    assert len(flags) == 1
    assert "Against the longest version: We can’t go back<span" in flags[0]
    assert 'line-through;"> home</span>' in flags[0]
    assert "line-through;\">'</span>" not in flags[0]
    # A change of case is none either (the Gorilla story's "So no, theThe child").
    assert "</span>, The mayor</div>" in flags[0]


def test_export_counts_rows_with_thousands(tmp_path):
    """The export page reads "1,200 rows", as the story page counts, not "1200 rows"."""
    corpus = write_corpus(
        tmp_path / "c", DEMO_ARTICLES, DEMO_STORY_OF, rejects=[DEMO_REJECTS[0]] * 1200
    )
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["corpus"] = str(corpus.path)
    at.run()
    at.switch_page("app_pages/export.py").run()
    captions = {c.value.split(" · ")[0] for c in at.caption}
    assert "1,200 rows" in captions
    assert "1200 rows" not in captions


def test_quote_matrix_outlet_columns_show_their_word(tmp_path):
    """An outlet's column of the quote matrix is as wide as the word it holds: "NPR" and
    "RT" columns cut "verbatim" to "verbati" in the North Korea missile story."""
    rows = [
        article("a-q-npr", "NPR", "Launch", '"It is a threat," Abe said.', _at(1, 9)),
        article("a-q-rt", "RT", "Launch", '"It is a threat," Abe said.', _at(1, 10)),
    ]
    corpus = write_corpus(tmp_path / "c", rows, {r["article_id"]: "s-q00000000000" for r in rows})
    version = {**DEMO_QUOTES[0], "story_id": "s-q00000000000", "text": "It is a threat"}
    version["diff"] = [{"kind": "equal", "text": "It is a threat"}]
    write_comparisons(
        corpus,
        quotes=[
            {**version, "article_id": "a-q-npr", "outlet": "NPR"},
            {**version, "article_id": "a-q-rt", "outlet": "RT"},
        ],
    )
    at = open_story_page(corpus.path, "s-q00000000000")
    matrix = next(d for d in at.dataframe if "quote" in d.value.columns)
    assert matrix.value[["NPR", "RT"]].values.tolist() == [["verbatim", "verbatim"]]
    widths = {k: c.get("width") for k, c in json.loads(matrix.proto.columns).items()}
    assert widths["NPR"] == widths["RT"] == 8 * len("verbatim") + 24


def test_framing_tone_never_reads_minus_zero(tmp_path):
    """A tone of -0.001 shows as 0.00 (the grid printed "-0.00" for CNN's article)."""
    corpus = write_corpus(tmp_path / "c", DEMO_ARTICLES, DEMO_STORY_OF)
    write_comparisons(corpus, framing=[{**DEMO_FRAMING[0], "tone": -0.001}, DEMO_FRAMING[1]])
    at = open_story_page(corpus.path, FLOOD)
    framing = next(d for d in at.dataframe if "tone" in d.value.columns).value
    tones = dict(zip(framing["outlet"], framing["tone"], strict=True))
    assert tones == {"Harbor Times": 0.0, "Valley Gazette": -0.4}
    assert math.copysign(1.0, tones["Harbor Times"]) == 1.0


def test_framing_mark_cards_scroll_instead_of_stretching_the_row(tmp_path):
    """An outlet's card of framing marks scrolls past FRAMING_CARD_HEIGHT pixels: CNN's 26
    slanted sentences left the cards beside it above a screen of blank space."""
    body = " ".join(f"Officials said the toll {i} was rising fast." for i in range(30))
    rows = [
        article("a-f-long", "CNN", "Toll rises", body, _at(1, 9)),
        article("a-f-short", "RT", "Toll rises", "Officials said the toll was rising.", _at(1, 10)),
    ]
    corpus = write_corpus(tmp_path / "c", rows, {r["article_id"]: "s-f00000000000" for r in rows})
    slanted = [
        {"sentence_index": i, "start": None, "end": None, "score": 0.9, "exclusive": True}
        for i in range(26)
    ]
    framing = [
        {**DEMO_FRAMING[0], "story_id": "s-f00000000000", "outlet": "CNN",
         "article_id": "a-f-long", "slanted_sentences": slanted, "loaded_marks": []},
        {**DEMO_FRAMING[0], "story_id": "s-f00000000000", "outlet": "RT",
         "article_id": "a-f-short", "slanted_sentences": slanted[:1], "loaded_marks": []},
    ]  # fmt: skip
    write_comparisons(corpus, framing=framing)
    at = open_story_page(corpus.path, "s-f00000000000")
    marks = [h.value for h in at.html if "slanted sentence" in h.value]
    assert len(marks) == 1
    scroll = f'<div style="max-height:{views.story_page.FRAMING_CARD_HEIGHT}px;overflow-y:auto;">'
    assert marks[0].count(scroll) == 2  # both cards, each scrolling past the height
    assert "26 slanted sentences" in marks[0]


def test_flag_names_a_day_the_text_names_as_such(tmp_path):
    """A conflict whose figures held on a day the sentences name ("11 p.m. Monday",
    2015-05-25) in articles published on 05-26 and 05-29 (gvc's Yonkers shooting): the
    line says "same day: 2015-05-25, named in the text", not "published 2015-05-25",
    which no card beside it shows."""
    corpus = write_corpus(tmp_path / "c", DEMO_ARTICLES, DEMO_STORY_OF)
    reason = json.dumps(
        {"basis": "values differ", "counted": [], "events": [], "scope": [], "when": ["2024-03-03"]}
    )
    numbers = [
        {**row, "reason": reason, "quantity": "time"}
        for row in DEMO_NUMBERS
        if row["story_id"] == FLOOD and row["status"] == "conflict"
    ]
    assert len(numbers) >= 2  # the demo's flood conflict
    write_comparisons(corpus, numbers=numbers)
    why = [c.value for c in open_story_page(corpus.path, FLOOD).caption if "Why aligned" in c.value]
    assert why == [
        views.safe.escape_markdown(
            "Why aligned: Same counted thing: time · same day: 2024-03-03, named in the text"
            " · values differ"
        )
    ]


def test_a_slanted_sentence_with_loaded_words_is_one_line(tmp_path):
    """A sentence both slanted and holding a loaded word is shown once, marked both ways
    (the Yonkers shooting's photo-credit sentence stood twice in one card)."""
    body = "The mayor slammed the plan. Rain fell on the town all day."
    rows = [
        article("a-s-1", "Daily Post", "Plan", body, _at(1, 9)),
        article("a-s-2", "Radio One", "Plan", "Rain fell.", _at(1, 10)),
    ]
    corpus = write_corpus(tmp_path / "c", rows, {r["article_id"]: "s-s00000000000" for r in rows})
    loaded = [
        {"text": "slammed", "start": 10, "end": 17, "sentence_index": 0, "score": 0.9,
         "target": "mayor", "quoted": False}
    ]  # fmt: skip
    slanted = [{"sentence_index": 0, "start": 0, "end": 27, "score": 0.8, "exclusive": True}]
    base = {**DEMO_FRAMING[0], "story_id": "s-s00000000000"}
    write_comparisons(
        corpus,
        framing=[
            {**base, "outlet": "Daily Post", "article_id": "a-s-1",
             "loaded_marks": loaded, "slanted_sentences": slanted},
            {**base, "outlet": "Radio One", "article_id": "a-s-2",
             "loaded_marks": [], "slanted_sentences": []},
        ],
    )  # fmt: skip
    marks = [
        h.value for h in open_story_page(corpus.path, "s-s00000000000").html if "slanted" in h.value
    ]
    assert len(marks) == 1
    assert marks[0].count("The mayor ") == 1
    # ("mayor" names no one the sentence names: no target, framing_comparison._aimed_at)
    assert "(target unknown · slanted · only this outlet)" in marks[0]
    assert "1 loaded word, 1 slanted sentence" in marks[0]


def test_stories_table_shows_fifteen_rows(tmp_path, monkeypatch):
    """The stories table of a corpus of 86 stories (news-please) shows 15 rows before it
    scrolls, not Streamlit's ten above half a page of nothing; a short one stays "auto".
    (AppTest keeps no element height: the height given to st.dataframe is recorded.)"""
    heights = []
    dataframe = st.dataframe

    def recording(*args, **kwargs):
        heights.append(kwargs.get("height", "auto"))
        return dataframe(*args, **kwargs)

    monkeypatch.setattr(st, "dataframe", recording)
    for n in (30, 4):
        rows = [
            article(f"a-many-{i:02d}", "Daily Post", f"Story {i}", "Text.", _at(1 + i % 20, 9))
            for i in range(n)
        ]
        story_of = {r["article_id"]: f"s-many{i:08d}" for i, r in enumerate(rows)}
        corpus = write_corpus(tmp_path / f"c{n}", rows, story_of)
        at = AppTest.from_file(APP, default_timeout=30)
        at.session_state["corpus"] = str(corpus.path)
        at.run()
        assert at.dataframe[0].value.shape[0] == n
    assert heights == [15 * 35 + 38, "auto"]


def test_any_row_of_the_numbers_matrix_reads_its_sentences(tmp_path):
    """An "agree" row is a claim a journalist checks too: choosing it under the matrix
    shows each outlet's sentence with the figure highlighted and why they were aligned
    (the matrix alone shows "$2.1 billion" twice and no words)."""
    corpus = write_corpus(tmp_path / "c", DEMO_ARTICLES, DEMO_STORY_OF)
    budget = BUDGET_STORY
    numbers = [
        {**row, "sentence": f"The council approved a {row['text']} budget on Tuesday."}
        for row in DEMO_NUMBERS
        if row["story_id"] == budget
    ]
    write_comparisons(corpus, numbers=numbers)
    at = open_story_page(corpus.path, budget)
    # The legend names every colour of the matrix, and where to read a row's words.
    assert (
        "One row per quantity two articles or more give (of several outlets, or one "
        "outlet's articles over time), as each outlet wrote it. Conflicts "
        "(red) cannot both be right; updates (blue) changed as the story went on; compatible "
        "values (yellow) overlap once rounding and 'about' are allowed; agreeing ones (white) "
        "are the same value. Choose a row below to read its sentences."
    ) in [c.value for c in at.caption]
    chooser = at.selectbox(key="number_group")
    assert chooser.options == ["budget · agree · $2.1 billion"]
    assert not [h for h in at.html if "The council approved" in h.value]  # none chosen yet
    chooser.set_value("n-budget").run()
    (cards,) = [h.value for h in at.html if "The council approved" in h.value]
    assert cards.count("The council approved a <mark") == 2  # both outlets' sentences
    assert "Harbor Times" in cards and "Valley Gazette" in cards
    assert views.safe.escape_markdown("Why aligned: Same counted thing: budget") in [
        c.value for c in at.caption
    ]
    # A figure only one outlet gives is listed with the sentence it stands in.
    singles = next(d for d in at.dataframe if "sentence" in d.value.columns).value
    assert singles.values.tolist() == [
        [
            "Harbor Times",
            "teachers",
            "40 new teachers",
            "The council approved a 40 new teachers budget on Tuesday.",
        ]
    ]


def test_shared_quote_of_no_known_speaker_does_not_claim_one(tmp_path):
    """A quote two outlets carry with no speaker found (14 groups of news-please's
    corpus) reads "Speaker not known: matched by the words alone", not "Same speaker:
    unknown", which claims a match of speakers no one made."""
    corpus = write_corpus(tmp_path / "c", DEMO_ARTICLES, DEMO_STORY_OF)
    write_comparisons(corpus, quotes=[{**q, "speaker": None} for q in DEMO_QUOTES])
    why = [c.value for c in open_story_page(corpus.path, FLOOD).caption if "aligned" in c.value]
    quote_why = [w for w in why if "alike" in w]
    assert quote_why == [
        views.safe.escape_markdown(
            "Why aligned: Speaker not known: matched by the words alone · words 100% alike"
        )
    ]


def test_outlets_page_of_one_undated_story_reads_cleanly(tmp_path):
    """The pasted inkl page alone (one undated Evening Standard article): its story's
    first date reads "undated", not the grid's "None", and the group line reads "0 of 1
    story is one-sided.", not "0 of 1 stories are one-sided ." with a stray space."""
    rows = [article("a-inkl", "Evening Standard", "Peace talks", "Talks began.", None)]
    corpus = write_corpus(tmp_path / "c", rows, {"a-inkl": "s-inkl00000000"})
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["corpus"] = str(corpus.path)
    at.run()
    at.switch_page("app_pages/outlets.py").run()
    covered = at.dataframe[1].value
    assert covered["first_published"].tolist() == ["undated"]
    meta = b"outlet,lean\nEvening Standard,centre\n"
    at.file_uploader[0].set_value(("outlets.csv", meta, "text/csv")).run()
    assert at.markdown[-1].value == "**0** of 1 story is one-sided."


def test_a_partial_quote_shows_where_it_sits_in_the_longest_version(tmp_path):
    """CNN's "direct action" of Tillerson's 20-word statement (news-please's North Korea
    story) reads as the statement with the quoted words marked, not as the whole statement
    struck out before a green "direct action", which said every word had changed."""
    corpus = write_corpus(tmp_path / "c", DEMO_ARTICLES, DEMO_STORY_OF)
    statement = (
        "China and Russia must indicate their intolerance for these reckless missile "
        "launches by taking direct actions of their own."
    )
    quotes = [
        {**DEMO_QUOTES[0], "text": statement, "diff": [{"kind": "equal", "text": statement}]},
        {
            **DEMO_QUOTES[1],
            "text": "direct action",
            "similarity": 90.0,
            "diff": [
                {"kind": "delete", "text": statement[: statement.index("direct")]},
                {"kind": "equal", "text": "direct action"},
                {"kind": "delete", "text": "s of their own."},
            ],
        },
    ]
    write_comparisons(corpus, quotes=quotes)
    (cards,) = [h.value for h in open_story_page(corpus.path, FLOOD).html if "longest" in h.value]
    assert (
        "Part of the longest version: China and Russia must indicate their intolerance for "
        "these reckless missile launches by taking <mark"
    ) in cards
    assert ">direct</mark> actions of their own. · its own words: action</div>" in cards
    assert "line-through" not in cards


def test_story_tables_show_up_to_fifteen_rows(tmp_path, monkeypatch):
    """A story of 12 articles (news-please's Costa Rica crash) lists them all in view, not
    ten and a scroll bar: its articles table is 12 rows high; its coverage table of 12
    outlets too. (The height given to each grid is recorded: AppTest keeps none.)"""
    from streamlit.delta_generator import DeltaGenerator

    heights = []
    in_columns, on_page = DeltaGenerator.dataframe, st.dataframe

    def recording(show):
        def dataframe(*args, **kwargs):
            data = kwargs.get("data", args[1] if show is in_columns else args[0])
            heights.append((len(data), kwargs.get("height", "auto")))
            return show(*args, **kwargs)

        return dataframe

    # st.dataframe is bound to the page's container at import: both are recorded.
    monkeypatch.setattr(DeltaGenerator, "dataframe", recording(in_columns))
    monkeypatch.setattr(st, "dataframe", recording(on_page))
    rows = [
        article(f"a-big-{i:02d}", f"Outlet {i:02d}", "Crash", "A plane crashed.", _at(1, i + 1))
        for i in range(12)
    ]
    corpus = write_corpus(tmp_path / "c", rows, {r["article_id"]: "s-big000000000" for r in rows})
    at = open_story_page(corpus.path, "s-big000000000")
    assert at.caption[-1].value != ""  # rendered to the end
    twelve = [h for n, h in heights if n == 12]
    assert twelve[-2:] == [12 * 35 + 38, 12 * 35 + 38]  # coverage, then all articles


def test_a_version_of_few_words_alike_says_to_check_the_match(tmp_path):
    """Each changed version's card says how many of its words the longest version holds,
    and one of few (basil's HuffPost "I reacted to an article and quickly judged..."
    grouped at 5% with Elizabeth Lauten's "After many hours of prayer...") says to check
    the match; a verbatim one says only "verbatim"."""
    corpus = write_corpus(tmp_path / "c", DEMO_ARTICLES, DEMO_STORY_OF)
    reference = (
        "After many hours of prayer and talking to my parents and re-reading my words online "
        "I can see more clearly how hurtful my words were"
    )
    other = "I reacted to an article and quickly judged them"
    quotes = [
        {**DEMO_QUOTES[0], "text": reference, "diff": [{"kind": "equal", "text": reference}]},
        {
            **DEMO_QUOTES[1],
            "text": other,
            "similarity": 60.0,
            "diff": [{"kind": "delete", "text": reference}, {"kind": "insert", "text": other}],
        },
    ]
    write_comparisons(corpus, quotes=quotes)
    (cards,) = [h.value for h in open_story_page(corpus.path, FLOOD).html if "longest" in h.value]
    assert "reworded · 11% of its words alike · few words in common: check the match" in cards
    assert ">verbatim</div>" in cards
    # Short, but of other words: its diff, not the statement with a stray "I" marked.
    assert "Part of the longest version" not in cards
    assert "Against the longest version" in cards
