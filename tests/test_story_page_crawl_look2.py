"""The story page read again on the real crawl (news-please, 383 pages; issue 16 item 4)
after the day's changes to numbers and quotes (18bb109..b56cc19). Each defect a reader
tripped over is rebuilt from fictional rows."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import polars as pl
from corpus_factory import (
    COMPARISON_SCHEMAS,
    DEMO_FRAMING,
    DEMO_NUMBERS,
    DEMO_QUOTES,
    FLOOD,
    _number,
    article,
    demo_corpus,
    open_story_page,
    touch_manifest,
    write_comparisons,
    write_corpus,
)
from streamlit.testing.v1 import AppTest

from clustering import marks, schema
from clustering.views import safe, story_page

STORY = "s-leak000000000"


def test_a_loaded_terms_advice_in_parentheses_is_not_wrapped_again():
    """Nice's framing grid read "radical ((describe the position))" and "so-called
    ((omit))": the lexicon's advice carries its own parentheses."""
    terms = [
        {"term": "radical", "category": "politics", "neutral": "(describe the position)"},
        {"term": "so-called", "category": "doubt", "neutral": "(omit)"},
        {"term": "flee", "category": "dramatic", "neutral": "leave"},
        {"term": "slammed", "category": "dramatic", "neutral": ""},
    ]
    framing = pl.DataFrame(
        [{**DEMO_FRAMING[1], "loaded_terms": terms}], schema=COMPARISON_SCHEMAS["framing"]
    )
    assert story_page.framing_table(framing)["loaded_terms"].to_list() == [
        "radical (describe the position), so-called (omit), flee (leave), slammed"
    ]


def _hurt(article_id: str, outlet: str, value: float, text: str, at: datetime) -> dict:
    reason = {
        "counted": ["people injured"], "events": ["injury"], "scope": [],
        "when": [f"{at:%Y-%m-%d}"], "basis": "values changed over time",
    }  # fmt: skip
    return {
        **_number("s-ship", "n-hurt", "update", "hurt", article_id, outlet, value, text),
        "reason": json.dumps(reason), "published_at": at,
    }  # fmt: skip


def test_an_update_published_on_one_day_is_not_called_same_time():
    """The ship story's "hurt" update (25 people at 06:57, 27 at 08:27 the same morning)
    read "same time: published 2017-12-27 · values changed over time": a time the same and
    changed at once. An update names the day it was published; a conflict keeps "same
    time"."""
    rows = [
        _hurt("a-1", "Harbor Times", 25.0, "25 people", datetime(2017, 12, 27, 6, 57, tzinfo=UTC)),
        _hurt("a-2", "Valley Gazette", 27.0, "27 people", datetime(2017, 12, 27, 8, 27, tzinfo=UTC)),
    ]  # fmt: skip
    why = story_page.number_flags(pl.DataFrame(rows))["why"].unique().to_list()
    assert why == [
        "Same counted thing: people injured · what happened: injury · published the same "
        "day: 2017-12-27 · values changed over time"
    ]
    conflict = json.dumps(
        {"counted": ["people injured"], "when": ["2017-12-27"], "basis": "values differ"}
    )
    assert story_page.alignment_reason(conflict, "hurt", ["2017-12-27"], "conflict") == (
        "Same counted thing: people injured · same time: published 2017-12-27 · values differ"
    )


def test_the_numbers_grid_shows_the_flagged_rows_outlets_first(tmp_path):
    """The Panama Papers grid opened on its one conflict ("sum in US dollars", given by
    NPR, the Daily Mail and RT) with the two columns in view empty: The Washington Post
    and CNN gave more figures, all in agreeing rows. The flagged rows' outlets come
    first; the rest fullest first as before."""
    rows = [
        article(f"a-{i}", o, f"Leak report {i}", "Files leaked. Banks named.",
                datetime(2016, 4, 4, 8 + i, tzinfo=UTC))
        for i, o in enumerate(["Post", "CNN", "NPR", "RT"])
    ]  # fmt: skip
    corpus = write_corpus(tmp_path / "c", rows, {r["article_id"]: STORY for r in rows})
    numbers = [
        _number(STORY, "n-1", "conflict", "sum", "a-2", "NPR", 2e9, "as much as $2 billion"),
        _number(STORY, "n-1", "conflict", "sum", "a-3", "RT", 3e9, "$3bn"),
        *(
            _number(STORY, f"n-{g}", "agree", "files", f"a-{i}", o, 11.5, "11.5 million")
            for g in (2, 3)
            for i, o in enumerate(["Post", "CNN"])
        ),
        _number(STORY, "n-3", "agree", "files", "a-3", "RT", 11.5, "11.5 million"),
    ]
    write_comparisons(corpus, numbers=numbers)
    at = open_story_page(corpus.path, STORY)
    grid = next(d for d in at.dataframe if "quantity" in d.value.columns)
    assert list(grid.value.columns) == [
        "quantity",
        "status",
        "n_outlets",
        "RT",
        "NPR",
        "CNN",
        "Post",
    ]
    # Without a flagged row: fullest first, then by name.
    cells = pl.DataFrame({"status": ["agree"], "CNN": ["1"], "NPR": [""], "Post": ["1"]})
    flagged = cells["status"].is_in(["conflict", "update"])
    assert story_page.fullest_first(cells, ["CNN", "NPR", "Post"], lead=flagged) == ["CNN", "Post"]


def _flood_page(corpus) -> AppTest:
    touch_manifest(corpus)
    return open_story_page(corpus.path, FLOOD)


def test_a_mark_says_when_its_flag_gained_or_lost_figures_since(tmp_path):
    """On the crawl the Palmer "year" conflict (2002 against 2003) was marked right on two
    outlets' figures; `storylens add` brought a third outlet's 2003 into the flag, whose
    card then stood under "Flag marked right by ... (2 marks)" as if the mark were given
    on it too. The mark says how its flag changed since."""
    corpus = demo_corpus(tmp_path / "c", comparisons=False)
    evacuated = [n for n in DEMO_NUMBERS if n["group_id"] == "n-evacuated"]
    write_comparisons(corpus, numbers=evacuated[:2])  # Harbor Times and Valley Gazette
    marks.mark_flag(corpus, "numbers", FLOOD, "n-evacuated", "right", who="Ana", note="real")
    write_comparisons(corpus, numbers=evacuated)  # the corpus grew: Northern Wire joined
    shown = [s.value for s in _flood_page(corpus).success]
    assert len(shown) == 1 and shown[0].startswith("Flag marked right by Ana")
    assert shown[0].endswith(
        safe.escape_markdown(": real. Marked on 2 figures; 1 more joined the flag since.")
    )
    # Marked again on all three, then one of them gone (the Valley Gazette's): the other
    # two still make the flag.
    marks.mark_flag(corpus, "numbers", FLOOD, "n-evacuated", "right", who="Ben", note="all")
    write_comparisons(corpus, numbers=[evacuated[0], evacuated[2]])
    shown = [s.value for s in _flood_page(corpus).success]
    assert len(shown) == 1 and shown[0].startswith("Flag marked right by Ben")
    assert shown[0].endswith(
        safe.escape_markdown(": all. 1 of the 3 marked figures left the flag.")
    )


def _card(outlet: str, said: str, wording: str, diff: list[dict]) -> dict:
    start = said.index("“") + 1
    return {
        "group_id": "q-1", "speaker": "Mara Voss", "why": "Same speaker: Mara Voss",
        "changed": True, "outlet": outlet, "article_id": f"a-{outlet}", "text": "",
        "wording": wording, "words_alike": 100, "sentence": said,
        "quote_start": start, "quote_end": said.index("”"), "diff": diff,
    }  # fmt: skip


def test_a_verbatim_sentence_of_a_long_statement_says_it_is_a_part():
    """The Tarantino story: CNN's "However, her claims about being physically assaulted
    are untrue." is one sentence of a spokesman's three word for word, so "verbatim", and
    stood beside the whole statement's cards with nothing to say it was a part of it. It
    now shows the longest version with its words marked, as a truncated part does."""
    whole = (
        "Mara Voss regrets the pass she made at the gala years ago in Paris. However, "
        "her claims about the night are untrue. This is the first we heard of them."
    )
    part = "However, her claims about the night are untrue."
    before, after = whole.split(part)
    versions = pl.DataFrame(
        [
            _card("BBC", f"A spokesman said: “{whole}”", "verbatim", [{"kind": "equal", "text": whole}]),
            _card("CNN", f"“{part}”", "verbatim", [
                {"kind": "delete", "text": before}, {"kind": "equal", "text": part},
                {"kind": "delete", "text": after},
            ]),
        ]
    )  # fmt: skip
    html = story_page.quote_flag_html(versions)
    bbc, cnn = html.split("CNN")
    assert "Part of the longest version" not in bbc  # the whole statement says nothing more
    assert "Part of the longest version: Mara Voss regrets" in cnn
    marked = cnn.split("Part of the longest version")[1]
    assert ">However, her claims about the night are untrue</mark>. This is the first" in marked


def test_a_quote_without_a_speaker_says_so_in_the_grid(tmp_path):
    """The Samsung story's quote grid showed blank speaker cells ("folded or unfolded semi
    automatically.") while a shared quote's heading below said "unknown speaker"."""
    corpus = demo_corpus(tmp_path / "c", comparisons=False)
    alone = {
        **DEMO_QUOTES[0], "group_id": "q-alone", "speaker": None, "status": "single",
        "text": "folded semi automatically", "diff": [{"kind": "equal", "text": "x"}],
    }  # fmt: skip
    write_comparisons(corpus, quotes=[*DEMO_QUOTES, alone])
    grid = next(d for d in _flood_page(corpus).dataframe if "quote" in d.value.columns)
    assert grid.value.set_index("quote")["speaker"].to_dict() == {
        DEMO_QUOTES[0]["text"]: "Ana Ruiz",
        "folded semi automatically": "unknown speaker",
    }


def _framing_mark(
    article_id: str, kind: str, sentence: str, words: str = "", index: int = 3
) -> dict:
    start = sentence.index(words) if words else 0
    end = start + len(words) if words else len(sentence)
    return {
        "outlet": "Post", "article_id": article_id, "kind": kind, "sentence_index": index,
        "sentence": sentence, "mark_start": start, "mark_end": end,
        "text": sentence[start:end], "target": "", "score": 0.9,
        "exclusive": None if kind == "loaded" else False, "quoted": False,
    }  # fmt: skip


def test_an_outlets_sentence_repeated_in_its_reports_is_one_framing_line(monkeypatch):
    """The North Korea satellite story's Washington Post card listed "The trail of a
    flying object after it soared ..." twice (a caption of two of its reports), and Nice's
    CNN card one witness's sentence twice, once with its closing quote mark. One line,
    which says in how many of its articles it stands; the counts count it once."""
    import clustering.compare.framing_comparison as module

    trail = "The trail of a flying object after it soared is seen from Dandong."
    sad = "“It's really sad when you've been marked safe twice on Facebook.”"
    marks = pl.DataFrame(
        [
            _framing_mark("a-1", "loaded", trail, "soared"),
            _framing_mark("a-2", "loaded", trail, "soared"),
            _framing_mark("a-1", "slanted", sad, index=5),
            _framing_mark("a-2", "slanted", sad[1:-1], index=6),
            _framing_mark("a-2", "slanted", "Crews came at dawn.", index=7),
        ],
        schema=schema.FRAMING_MARKS,
    )
    monkeypatch.setattr(module, "framing_marks", lambda framing, articles: marks)
    framing = pl.DataFrame({"loaded_marks": [[]], "slanted_sentences": [[]]})
    page = story_page.framing_marks_html(framing, pl.DataFrame())
    assert page.count("The trail of a flying object") == 1
    assert page.count("marked safe twice") == 1
    assert "(target unknown · in 2 of its articles)" in page
    assert "(slanted · in 2 of its articles)" in page
    assert "Crews came at dawn. <span" in page and "(slanted)" in page
    assert "1 loaded word, 2 slanted sentences" in page


def test_two_outlets_of_one_day_are_as_many_days_after_the_first():
    """The gorilla story (first report 2016-03-18 14:58): NPR, dated 2016-05-29, read
    "72 d" and the Daily Mail, 2016-05-29 01:05, "71 d" below it (71 days 10 hours on).
    Past two days both count calendar days; under two, hours as before."""
    first = datetime(2016, 3, 18, 14, 58, tzinfo=UTC)
    dated = [
        datetime(2016, 5, 29, tzinfo=UTC),
        datetime(2016, 5, 29, 1, 5, tzinfo=UTC),
        datetime(2016, 3, 19, 9, 0, tzinfo=UTC),
    ]
    frame = pl.DataFrame(
        {"h": [(d - first).total_seconds() / 3600 for d in dated], "at": dated},
        schema={"h": pl.Float64, "at": schema.UTC_DATETIME},
    )
    shown = frame.select(story_page.after_first_expr("h", "at"))["h"].to_list()
    assert shown == ["72 d", "72 d", "18.0 h"]


def _fact(article_id: str, kind: str, sentence: str, index: int) -> dict:
    outlets = ["Post"] if kind == "exclusive" else ["NPR", "Post"]
    return {
        "story_id": STORY, "fact_id": f"f-{article_id}-{index}", "kind": kind,
        "article_id": article_id, "outlet": "Post", "sentence": sentence,
        "sentence_index": index, "n_outlets": len(outlets), "outlets": outlets,
    }  # fmt: skip


def test_only_this_outlet_lists_a_sentence_once_and_not_one_it_shares():
    """The North Korea satellite story's "The Washington Post: 28 facts" listed a photo
    caption three times ("... local time." and twice "... local time. ") and "The
    launches, if made, ..." that the list above gave as "2 of 4 outlets: NPR, The
    Washington Post" (stated in another of the Post's articles)."""
    caption = "The trail of a flying object is seen from Dandong."
    launches = "The launches, if made, are certain to trigger a standoff."
    facts = pl.DataFrame(
        [
            _fact("a-1", "exclusive", caption, 0),
            _fact("a-1", "shared", launches, 4),
            _fact("a-2", "exclusive", caption + " ", 0),
            _fact("a-2", "exclusive", launches, 3),
            _fact("a-3", "exclusive", caption + " ", 7),
            _fact("a-3", "exclusive", "Crews came.", 8),
        ],
        schema=COMPARISON_SCHEMAS["facts"],
    )
    only = story_page.exclusive_facts(facts)
    assert only.select("sentence", "article_id").rows() == [
        (caption, "a-1"),
        ("Crews came.", "a-3"),
    ]
    assert story_page.fact_counts(facts)["only_here"].to_list() == [2]


def test_a_number_rows_label_in_the_chooser_names_each_figure_once():
    """Nice's "Read a row's sentences" offered "people · compatible · thousands of people /
    thousands of people started / thousands of people / thousands of people / tens of
    thousands of people gathered": each outlet's cell, one of them two figures."""
    claims = [
        ("CNN", "thousands of people"), ("CNN", "thousands of people started"),
        ("NPR", "thousands of people"), ("The New York Times", "thousands of people"),
        ("The New York Times", "tens of thousands of people gathered"),
    ]  # fmt: skip
    numbers = pl.DataFrame(
        [
            {"group_id": "g-1", "status": "compatible", "quantity": "people", "outlet": o,
             "text": t, "article_id": f"a-{i}"}
            for i, (o, t) in enumerate(claims)
        ]
    )  # fmt: skip
    assert story_page.number_groups(numbers) == {
        "g-1": "people · compatible · thousands of people / thousands of people started / "
        "tens of thousands of people gathered"
    }


def test_compare_two_articles_opens_on_the_two_that_share_most_facts(tmp_path):
    """The subway story's "Compare two articles" opened ABC News against dailyprogress.com,
    whose page was site furniture ("Celebrating 125 years of Progress!"): every line of
    ABC's read as deleted, while the Daily Mail shared seven facts with it."""
    outlets = ["ABC News", "Daily Progress", "Daily Mail"]
    rows = [
        article(f"a-{i}", o, f"Trains collide, report {i}", "Crews came. Pumps ran.",
                datetime(2017, 12, 27, 6 + i, tzinfo=UTC))
        for i, o in enumerate(outlets)
    ]  # fmt: skip
    corpus = write_corpus(tmp_path / "c", rows, {r["article_id"]: STORY for r in rows})
    facts = [
        {**_fact(a, "shared", s, i), "fact_id": f"f-{i}", "outlet": o, "outlets": outlets[::2]}
        for i, s in enumerate(["Crews came.", "Pumps ran."])
        for a, o in (("a-0", "ABC News"), ("a-2", "Daily Mail"))
    ]  # fmt: skip
    facts.append(
        {**_fact("a-1", "exclusive", "Celebrating 125 years!", 0), "outlet": "Daily Progress"}
    )
    write_comparisons(corpus, facts=facts)
    at = open_story_page(corpus.path, STORY)
    chosen = {s.label: s.value for s in at.selectbox if s.label.startswith("Article")}
    assert chosen == {"Article A": "a-0", "Article B": "a-2"}
    # Without shared facts: the first article of each outlet, as before.
    articles = pl.DataFrame({"article_id": ["a-0", "a-1", "a-2"], "outlet": outlets,
                             "duplicate_of": [None, None, None]})  # fmt: skip
    assert story_page.diff_pair(articles) == ["a-0", "a-1", "a-2"]
