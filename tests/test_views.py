from __future__ import annotations

import io
import json
import re
from datetime import UTC, date, datetime

import polars as pl
import pytest
from corpus_factory import (
    BUDGET,
    FLOOD,
    HOSTILE_BODY,
    HOSTILE_TITLE,
    LONE,
    article,
    demo_corpus,
    write_corpus,
    write_history,
)

from clustering import export, schema
from clustering.compare import TABLES
from clustering.compare.diff import diff_articles
from clustering.corpus import COMPARISON_KINDS
from clustering.ingest.outlets import parse_outlet_meta
from clustering.pipeline import story_articles
from clustering.views import import_page, outlets_page, safe, stories_page, story_page


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return demo_corpus(tmp_path_factory.mktemp("views") / "corpus")


@pytest.fixture(scope="module")
def comparisons(corpus):
    return corpus.read_comparisons()


@pytest.fixture(scope="module")
def table(corpus, comparisons):
    search = stories_page.story_search_text(corpus.read("articles"), corpus.read("assignments"))
    return stories_page.story_table(corpus.read("stories"), comparisons, search)


@pytest.fixture(scope="module")
def flood(corpus):
    return story_articles(corpus, FLOOD)


@pytest.fixture(scope="module")
def outlets(corpus):
    return outlets_page.story_outlets(corpus.read("articles"), corpus.read("assignments"))


def _of(comparisons, kind, story_id):
    return comparisons[kind].filter(pl.col("story_id") == story_id)


# --- safe text -------------------------------------------------------------------------

J = "\u2060"  # the invisible WORD JOINER escape_markdown puts into links and icon codes


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<script>alert(1)</script>", r"\<script\>alert\(1\)\</script\>"),
        ("<img src=x onerror=alert(1)>", r"\<img src\=x onerror\=alert\(1\)\>"),
        ("[link](javascript:alert(1))", r"\[link\]\(javascript\:" + J + r"alert\(1\)\)"),
        ("**bold**", r"\*\*bold\*\*"),
        ("# heading", r"\# heading"),
        ("`code` and ```fence```", r"\`code\` and \`\`\`fence\`\`\`"),
        (":red[alarm] $x^2$", r"\:" + J + r"red\[alarm\] \$x^2\$"),
        # Rewritten after parsing, so escapes alone do not stop them: links and icons.
        ("www.evil.example", "www" + J + r"\.evil\.example"),
        ("see https://evil.example", "see https" + J + r"\:" + J + r"//evil\.example"),
        ("mail a@evil.example", "mail a" + J + r"@evil\.example"),
        (":material/home:", r"\:" + J + r"material/home\:" + J),
        ("a\\b & c_d", r"a\\b \& c\_d"),
        ("two\nlines", "two lines"),
        ("Plain words, it's fine", "Plain words, it's fine"),
        (None, ""),
    ],
)
def test_escape_markdown(text, escaped):
    # What the reader sees is the text itself: remove the escapes and the joiners.
    assert re.sub(r"\\(.)", r"\1", escaped).replace(J, "") == " ".join((text or "").splitlines())
    assert safe.escape_markdown(text) == escaped


def test_diff_html_escapes_every_span():
    spans = [
        {"kind": "equal", "text": "<script>document.title='pwned'</script> "},
        {"kind": "delete", "text": '<img src=x onerror="alert(1)">'},
        {"kind": "insert", "text": "a & b"},
        {"kind": "strange", "text": "<b>"},
    ]
    assert safe.diff_html(spans) == (
        "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt; "
        '<span style="background-color:#ffd7d5;text-decoration:line-through;">'
        "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</span>"
        '<span style="background-color:#ccf0d4;">a &amp; b</span>'
        "&lt;b&gt;"
    )


def test_article_diff_html_puts_each_side_in_its_column_escaped():
    rows = diff_articles(HOSTILE_BODY, "The council closed the bridge on Tuesday.")
    out = safe.article_diff_html(rows, left="<i>A</i>", right="B")
    assert "<script" not in out and "<b>" not in out and "<i>" not in out
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in out
    assert "&lt;i&gt;A&lt;/i&gt;" in out
    # Two header cells, then two cells per diff row; the only tags are our own.
    assert out.count('<div style="padding:4px 8px;border-bottom:1px') == 2 * len(rows)
    assert set(re.findall(r"<(\w+)", out)) == {"div", "span"}
    # "Monday" only on the left (deleted), "Tuesday" only on the right (inserted).
    assert 'line-through;">Monday</span>' in out
    assert 'background-color:#ccf0d4;">Tuesday</span>' in out


# --- reading optional tables -----------------------------------------------------------


def test_read_comparisons_and_history_absent(tmp_path):
    bare = demo_corpus(tmp_path / "bare", comparisons=False)
    assert bare.read_comparisons() == {}
    assert not bare.has("history")  # so the story page shows no changes


def test_comparison_kinds_are_the_compare_stage_tables():
    assert tuple(TABLES) == COMPARISON_KINDS


def test_read_comparisons_present(comparisons):
    assert sorted(comparisons) == ["facts", "framing", "numbers", "quotes"]
    assert comparisons["numbers"].height == 6


# --- stories page ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (None, datetime(2024, 1, 1, tzinfo=UTC), ""),
        (datetime(2024, 1, 1, tzinfo=UTC), datetime(2024, 1, 1, tzinfo=UTC), "same day"),
        (datetime(2024, 1, 1, 9, tzinfo=UTC), datetime(2024, 1, 1, 9, tzinfo=UTC), ""),
        (datetime(2024, 1, 1, 9, tzinfo=UTC), datetime(2024, 1, 1, 9, 40, tzinfo=UTC), "<1 h"),
        (datetime(2024, 1, 1, 9, tzinfo=UTC), datetime(2024, 1, 1, 14, 59, tzinfo=UTC), "5 h"),
        (datetime(2024, 1, 1, 9, tzinfo=UTC), datetime(2024, 1, 3, 12, tzinfo=UTC), "2 d 3 h"),
        (datetime(2024, 1, 1, tzinfo=UTC), datetime(2024, 1, 4, tzinfo=UTC), "3 d"),
    ],
)
def test_format_span(start, end, text):
    assert stories_page.format_span(start, end) == text


def test_story_table_sorted_by_coverage_with_flags(table):
    assert table["story_id"].to_list() == [FLOOD, BUDGET, LONE]
    assert table["n_outlets"].to_list() == [3, 2, 1]
    assert table["has_number_conflict"].to_list() == [True, False, False]
    assert table["has_number_update"].to_list() == [False, False, False]
    assert table["has_quote_difference"].to_list() == [True, False, False]
    assert table["time_span"].to_list() == ["2 h", "3 h", ""]
    assert table.row(0, named=True)["headline"] == "River floods force 1,200 from homes"
    # The copy's outlet and every member title are searchable.
    assert "coastal daily" in table["search"][0] and "thousands flee" in table["search"][0]


def test_story_table_flags_unknown_without_comparisons(corpus):
    table = stories_page.story_table(corpus.read("stories"))
    assert table["has_number_conflict"].to_list() == [None, None, None]
    assert table["has_number_update"].to_list() == [None, None, None]
    assert table["has_quote_difference"].to_list() == [None, None, None]


def test_story_table_updated_column_only_when_stories_have_it(corpus):
    stories = corpus.read("stories")
    assert "updated_at" in stories_page.story_table(stories).columns
    assert "updated_at" not in stories_page.story_table(stories.drop("updated_at")).columns


def test_story_table_whitespace_only_quote_change_is_no_difference(corpus, comparisons):
    quotes = comparisons["quotes"].with_columns(
        pl.lit([{"kind": "equal", "text": "same"}, {"kind": "insert", "text": "  "}])
        .cast(pl.List(pl.Struct({"kind": pl.String, "text": pl.String})))
        .alias("diff")
    )
    table = stories_page.story_table(corpus.read("stories"), {"quotes": quotes})
    assert table["has_quote_difference"].to_list() == [False, False, False]


def test_filter_stories(table):
    def ids(**kw):
        return stories_page.filter_stories(table, **kw)["story_id"].to_list()

    assert ids() == [FLOOD, BUDGET, LONE]
    assert ids(text="RIVER banks") == [FLOOD]  # every word, case-insensitive, any title
    assert ids(text="river budget") == []
    assert ids(text="(") == []  # literal, not a regex
    assert ids(date_from=date(2024, 3, 5)) == [BUDGET, LONE]
    assert ids(date_to=date(2024, 3, 4)) == [FLOOD]
    assert ids(date_from=date(2024, 3, 6), date_to=date(2024, 3, 6)) == [BUDGET]
    assert ids(outlets=["Northern Wire"]) == [FLOOD]
    assert ids(outlets=["Harbor Times", "Nobody"]) == [FLOOD, BUDGET]
    assert ids(min_size=2) == [FLOOD, BUDGET]
    with pytest.raises(ValueError, match="date_from should be on or before date_to"):
        ids(date_from=date(2024, 3, 6), date_to=date(2024, 3, 5))


def test_filter_stories_undated_kept_only_without_dates(tmp_path):
    corpus = write_corpus(
        tmp_path / "c",
        [article("a-1", "X", "Undated thing", "Body one.", None)],
        {"a-1": "s-undated"},
    )
    table = stories_page.story_table(corpus.read("stories"))
    assert stories_page.filter_stories(table)["story_id"].to_list() == ["s-undated"]
    assert stories_page.filter_stories(table, date_from=date(2024, 1, 1)).height == 0


# --- story page ------------------------------------------------------------------------


def test_coverage(flood):
    cover = story_page.coverage(flood)
    assert cover["outlet"].to_list() == [
        "Harbor Times",
        "Northern Wire",
        "Coastal Daily",
        "Valley Gazette",
    ]
    assert cover["n_articles"].to_list() == [1, 1, 0, 1]
    assert cover["n_copies"].to_list() == [0, 0, 1, 0]
    assert cover["hours_after_first"].to_list() == [0.0, 0.75, 1.5, 2.5]
    assert cover["is_first"].to_list() == [True, False, False, False]


def test_timeline(flood):
    points = story_page.timeline(flood)
    assert points["kind"].to_list() == ["original", "original", "copy", "original"]
    assert points["outlet"][2] == "Coastal Daily"


def test_headlines_prefers_framing_lead(flood, comparisons):
    plain = story_page.headlines(flood)
    assert plain["lead_sentence"].to_list() == [
        "Floods forced 1,200 people from their homes on Monday, officials said.",
        "Floods forced 1,200 people from their homes on Monday.",
        "Floods forced 1,200 people from their homes on Monday.",
        "Floods forced about 3,000 people from their homes on Monday, police said.",
    ]
    assert plain["is_copy"].to_list() == [False, False, True, False]
    framing = _of(comparisons, "framing", FLOOD).with_columns(
        pl.when(pl.col("outlet") == "Harbor Times")
        .then(pl.lit("Framed lead."))
        .otherwise("lead_sentence")
        .alias("lead_sentence")
    )
    assert story_page.headlines(flood, framing)["lead_sentence"][0] == "Framed lead."


def test_numbers_matrix(comparisons):
    flood = story_page.numbers_matrix(_of(comparisons, "numbers", FLOOD))
    assert flood.columns == [
        "group_id",
        "quantity",
        "status",
        "Harbor Times",
        "Northern Wire",
        "Valley Gazette",
    ]
    assert flood.row(0) == (
        "n-evacuated",
        "people forced from homes",
        "conflict",
        "1,200 people",
        "1,200 people",
        "about 3,000 people",
    )
    budget = story_page.numbers_matrix(_of(comparisons, "numbers", BUDGET))
    assert budget["status"].to_list() == ["agree", "single"]
    assert budget["Valley Gazette"].to_list() == ["$2.1 billion", None]
    assert story_page.numbers_matrix(_of(comparisons, "numbers", LONE)).height == 0


def test_quote_matrix_and_versions(comparisons):
    quotes = _of(comparisons, "quotes", FLOOD)
    truncated = quotes.with_columns(
        pl.when(pl.col("outlet") == "Northern Wire")
        .then(True)
        .otherwise("is_truncated")
        .alias("is_truncated")
    )
    matrix = story_page.quote_matrix(truncated)
    assert matrix.row(0, named=True) == {
        "group_id": "q-water",
        "speaker": "Ana Ruiz",
        "status": "shared",
        "n_outlets": 3,
        "quote": "We have never seen water this high before",
        "Harbor Times": "reworded",
        "Northern Wire": "truncated",
        "Valley Gazette": "verbatim",
    }
    versions = story_page.quote_versions(quotes, "q-water")
    assert versions["outlet"].to_list() == ["Valley Gazette", "Harbor Times", "Northern Wire"]
    assert versions["diff"][1].to_list()[1] == {"kind": "delete", "text": " before"}


def test_framing_table(comparisons):
    table = story_page.framing_table(_of(comparisons, "framing", FLOOD))
    assert table.row(1, named=True) == {
        "outlet": "Valley Gazette",
        "article_id": "a-flood-valley",
        "headline": "Thousands flee as river bursts its banks",
        "tone": -0.4,
        "subjectivity": 0.3,
        "attribution_verbs": "said x2",
        "hedges": "about",
        "intensifiers": "never",
        "loaded_terms": "flee (leave)",
        "entities_only_here": "",
    }


def test_exclusive_facts(comparisons):
    facts = story_page.exclusive_facts(_of(comparisons, "facts", FLOOD))
    assert facts.select("outlet", "sentence").rows() == [
        ("Harbor Times", "The dam at Elm Creek was opened at dawn."),
        ("Valley Gazette", "Volunteers filled sandbags through the night."),
    ]


def test_article_options(flood):
    options = story_page.article_options(flood)
    assert list(options) == ["a-flood-harbor", "a-flood-wire", "a-flood-copy", "a-flood-valley"]
    assert (
        options["a-flood-copy"]
        == "Coastal Daily · 2024-03-04 · River floods displace residents (copy)"
    )


def test_story_changes(tmp_path):
    corpus = demo_corpus(tmp_path / "c", comparisons=False)
    assert story_page.story_changes(None, FLOOD).height == 0
    at = [datetime(2024, 3, d, tzinfo=UTC) for d in (4, 5, 6, 7)]
    write_history(
        corpus,
        [
            {
                "at": at[0],
                "kind": "new",
                "story_id": "s-old",
                "old_story_ids": [],
                "new_story_ids": ["s-old"],
                "n_added": 2,
            },
            {
                "at": at[1],
                "kind": "merge",
                "story_id": FLOOD,
                "old_story_ids": ["s-old", "s-other"],
                "new_story_ids": [FLOOD],
                "n_added": 1,
            },
            {
                "at": at[2],
                "kind": "grown",
                "story_id": FLOOD,
                "old_story_ids": [FLOOD],
                "new_story_ids": [FLOOD],
                "n_added": 3,
            },
            {
                "at": at[3],
                "kind": "split",
                "story_id": "s-old2",
                "old_story_ids": [BUDGET],
                "new_story_ids": [BUDGET, "s-part"],
                "n_added": 0,
            },
            {
                "at": at[0],
                "kind": "built",
                "story_id": LONE,
                "old_story_ids": [],
                "new_story_ids": [LONE],
                "n_added": 1,
            },
        ],
    )
    history = corpus.read("history")
    changes = story_page.story_changes(history, FLOOD)
    assert changes["change"].to_list() == [
        "3 articles added.",
        "Merged from 2 stories (s-old, s-other); 1 article added.",
    ]
    assert story_page.last_change(changes) == {
        "at": at[2],
        "kind": "grown",
        "change": "3 articles added.",
    }
    assert story_page.story_changes(history, BUDGET)["change"].to_list() == [
        f"Split from {BUDGET} into 2 stories."
    ]
    built = story_page.story_changes(history, LONE)
    assert built["change"].to_list() == ["In the corpus as built, with 1 article."]
    assert story_page.last_change(built) is None  # being built is not an update


# --- outlets page ----------------------------------------------------------------------


def test_story_outlets_counts_copies_as_coverage(outlets):
    assert outlets.filter(pl.col("story_id") == FLOOD).select(
        "outlet", "n_articles", "n_copies"
    ).rows() == [
        ("Coastal Daily", 0, 1),
        ("Harbor Times", 1, 0),
        ("Northern Wire", 1, 0),
        ("Valley Gazette", 1, 0),
    ]


def test_outlet_summary(corpus, outlets):
    summary = outlets_page.outlet_summary(corpus.read("stories"), outlets)
    assert summary.rows() == [
        ("Valley Gazette", 3, 1, 0),
        ("Harbor Times", 2, 0, 0),
        ("Coastal Daily", 1, 0, 1),
        ("Northern Wire", 1, 0, 1),
    ]


def test_covered_and_blindspots(corpus, outlets):
    stories = corpus.read("stories")
    assert outlets_page.covered_stories(stories, outlets, "Northern Wire")[
        "story_id"
    ].to_list() == [FLOOD]
    assert outlets_page.blindspots(stories, outlets, "Northern Wire")["story_id"].to_list() == [
        BUDGET
    ]
    # The lone story is a blindspot only when one other outlet is enough.
    assert outlets_page.blindspots(stories, outlets, "Northern Wire", min_outlets=1)[
        "story_id"
    ].to_list() == [BUDGET, LONE]
    assert outlets_page.blindspots(stories, outlets, "Valley Gazette").height == 0
    with pytest.raises(ValueError, match="min_outlets should be an int >= 1. Got 0 instead."):
        outlets_page.blindspots(stories, outlets, "X", min_outlets=0)


def test_parse_outlet_meta():
    meta = parse_outlet_meta(
        " Outlet ,Lean,country\nHarbor Times, left ,US\nValley Gazette,,UK\n\n"
    )
    assert meta.columns == ["outlet", "lean", "country"]
    assert meta.rows() == [("Harbor Times", "left", "US"), ("Valley Gazette", None, "UK")]
    with pytest.raises(ValueError, match="should have an 'outlet' column"):
        parse_outlet_meta("name,lean\nX,left\n")
    with pytest.raises(ValueError, match=r"each outlet once. Got \['X'\]"):
        parse_outlet_meta("outlet,lean\nX,left\nX,right\n")


def test_group_coverage(corpus, outlets):
    meta = parse_outlet_meta(
        "outlet,lean\nHarbor Times,left\nValley Gazette,left\nNorthern Wire,right\n"
    )
    table = outlets_page.group_coverage(corpus.read("stories"), outlets, meta, "lean")
    assert table.columns == [
        "story_id", "headline", "n_outlets", "n_known", "left", "right", "unknown",
        "dominant", "dominant_share", "one_sided",
    ]  # fmt: skip
    rows = {r["story_id"]: r for r in table.iter_rows(named=True)}
    assert table["story_id"][0] == BUDGET  # one-sided first
    assert (rows[BUDGET]["left"], rows[BUDGET]["right"], rows[BUDGET]["one_sided"]) == (
        2,
        0,
        "left",
    )
    # Flood: 2 left, 1 right, Coastal Daily unknown: 2/3 < 0.8, not one-sided.
    assert (rows[FLOOD]["left"], rows[FLOOD]["right"], rows[FLOOD]["unknown"]) == (2, 1, 1)
    assert rows[FLOOD]["dominant"] == "left" and rows[FLOOD]["one_sided"] is None
    assert rows[FLOOD]["dominant_share"] == pytest.approx(2 / 3)
    # One outlet is not enough to call a story one-sided.
    assert rows[LONE]["one_sided"] is None
    lower = outlets_page.group_coverage(
        corpus.read("stories"), outlets, meta, "lean", one_sided_share=0.6
    )
    assert lower.filter(pl.col("one_sided").is_not_null())["story_id"].sort().to_list() == [
        BUDGET,
        FLOOD,
    ]
    with pytest.raises(
        ValueError, match=r"group should be one of \['lean'\]. Got 'country' instead."
    ):
        outlets_page.group_coverage(corpus.read("stories"), outlets, meta, "country")


# --- import and export -----------------------------------------------------------------


def test_rejects_table(corpus):
    assert import_page.rejects_table(corpus.read("rejects")).rows() == [
        ("feed.jsonl", 7, "body", "The record has no text: give it a body, lead or title.")
    ]


def test_table_bytes_formats():
    frame = pl.DataFrame(
        {"name": ["=HYPERLINK(1)", "plain"], "tags": [["a", "b"], []], "n": [1, 2]}
    )
    csv = export.table_bytes(frame, "csv").decode()
    assert csv.splitlines() == ["name,tags,n", "'=HYPERLINK(1),a; b,1", 'plain,"",2']
    assert pl.read_parquet(io.BytesIO(export.table_bytes(frame, "parquet"))).equals(frame)
    lines = export.table_bytes(frame, "jsonl").decode().splitlines()
    assert json.loads(lines[0]) == {"name": "=HYPERLINK(1)", "tags": ["a", "b"], "n": 1}
    with pytest.raises(ValueError, match="fmt should be one of"):
        export.table_bytes(frame, "xlsx")  # type: ignore[arg-type]


def test_hostile_article_stays_text_in_views(tmp_path):
    corpus = write_corpus(
        tmp_path / "c",
        [
            article(
                "a-x",
                "Evil <b>Outlet</b>",
                HOSTILE_TITLE,
                HOSTILE_BODY,
                datetime(2024, 1, 1, tzinfo=UTC),
            )
        ],
        {"a-x": "s-x"},
    )
    articles = story_articles(corpus, "s-x")
    # Views never transform text: the app decides how to show it (as text).
    assert story_page.headlines(articles)["title"][0] == HOSTILE_TITLE
    assert story_page.headlines(articles)["lead_sentence"][0].startswith(
        "<script>document.title='pwned'</script>"
    )
    assert stories_page.story_table(corpus.read("stories"))["headline"][0] == HOSTILE_TITLE
    schema.validate(articles, schema.ARTICLES, "articles")


# --- flags side by side, and their marks ------------------------------------------------


def test_highlight_html_escapes_everything_and_marks_the_figures():
    text = "<b>12</b> dead & 3 <script>x</script> hurt"
    out = safe.highlight_html(text, [(3, 5), (17, 18), (40, 99), (4, 6)])
    assert out.startswith("&lt;b&gt;<mark ")
    assert ">12</mark>&lt;/b&gt; dead &amp; <mark " in out
    assert ">3</mark> &lt;script&gt;x&lt;/script&gt; hurt" in out
    assert out.count("<mark") == 2  # (40, 99) is out of range, (4, 6) overlaps (3, 5)
    assert "<script" not in out and "<b>" not in out


def test_side_by_side_html_escapes_titles():
    out = safe.side_by_side_html(
        [{"title": "<i>Evil</i>", "subtitle": "a & b", "html": "<mark>1</mark>"}]
    )
    assert "&lt;i&gt;Evil&lt;/i&gt;" in out and "a &amp; b" in out
    assert "repeat(1,minmax(0,1fr))" in out and "<mark>1</mark>" in out


def test_alignment_reason():
    reason = json.dumps(
        {
            "counted": ["people killed", "death toll"],
            "events": ["death"],
            "scope": ["total"],
            "when": ["2024-03-04T06:30:00+00:00", "2024-03-04T09:00:00+00:00"],
            "basis": "values differ",
        }
    )
    assert story_page.alignment_reason(reason, "people killed") == (
        "Same counted thing: people killed, death toll · what happened: death · a figure read "
        "as a total"
        " · same time: published 2024-03-04 · values differ"
    )
    later = json.dumps({"counted": [], "when": ["2024-03-04", "2024-03-06"], "basis": "x"})
    assert story_page.alignment_reason(later, "dead") == (
        "Same counted thing: dead · published 2024-03-04 and 2024-03-06 · x"
    )
    three = json.dumps({"when": ["2024-03-04", "2024-05-06", "2024-03-05"]})
    assert story_page.alignment_reason(three, "dead") == (
        "Same counted thing: dead · published on 3 days, 2024-03-04 to 2024-05-06"
    )
    assert story_page.alignment_reason(None, "homes") == "Same counted thing: homes"
    assert story_page.alignment_reason("not json", None) == "Aligned as one quantity"


def _claim(group, status, outlet, text, sentence, start=None, sentence_start=None, day=4):
    return {
        "group_id": group, "status": status, "quantity": "people killed", "reason": None,
        "article_id": f"a-{outlet}", "outlet": outlet, "text": text, "sentence": sentence,
        "start": start, "sentence_start": sentence_start,
        "published_at": datetime(2024, 3, day, 9, tzinfo=UTC),
    }  # fmt: skip


def test_number_flags_conflicts_then_updates_figures_located():
    numbers = pl.DataFrame(
        [
            _claim("n-b", "update", "Beta", "3 dead", "Now 3 dead and 3 hurt.", day=5),
            _claim("n-b", "update", "Alpha", "2 dead", "Two... 2 dead.", day=4),
            # Stored offsets win over the first occurrence ("12 people" twice).
            _claim(
                "n-a",
                "conflict",
                "Alpha",
                "12 people",
                "Not 12 people: 12 people died.",
                start=115,
                sentence_start=100,
            ),  # fmt: skip
            _claim("n-a", "conflict", "Beta", "15 people", "It said 15 people died."),
            _claim("n-c", "agree", "Beta", "4 cars", "4 cars."),
            _claim("n-a", "conflict", "Gamma", "13 people", "No such figure here."),
        ]
    )
    flags = story_page.number_flags(numbers)
    assert flags.select("group_id", "status", "outlet", "figure_start", "figure_end").rows() == [
        ("n-a", "conflict", "Alpha", 15, 24),
        ("n-a", "conflict", "Beta", 8, 17),
        ("n-a", "conflict", "Gamma", None, None),
        ("n-b", "update", "Alpha", 7, 13),
        ("n-b", "update", "Beta", 4, 10),
    ]
    assert flags["why"][0] == "Same counted thing: people killed"
    html = story_page.number_flag_html(flags.filter(pl.col("group_id") == "n-a"))
    assert "Not 12 people: <mark " in html and ">12 people</mark> died." in html
    assert "No such figure here." in html and html.count("<mark") == 2
    assert "2024-03-04 09:00 UTC · 15 people" in html


def test_number_flags_of_an_older_corpus_take_dates_from_articles(comparisons, flood):
    flags = story_page.number_flags(_of(comparisons, "numbers", FLOOD), flood)
    assert flags.select("outlet", "published_at", "figure_start").rows() == [
        ("Harbor Times", datetime(2024, 3, 4, 6, 30, tzinfo=UTC), 0),
        ("Northern Wire", datetime(2024, 3, 4, 7, 15, tzinfo=UTC), 0),
        ("Valley Gazette", datetime(2024, 3, 4, 9, tzinfo=UTC), 0),
    ]
    assert story_page.number_flags(_of(comparisons, "numbers", BUDGET)).height == 0  # no flags


def test_quote_flags_show_the_sentence_around_the_quote(comparisons, flood):
    flags = story_page.quote_flags(_of(comparisons, "quotes", FLOOD), flood)
    assert flags.select("outlet", "wording").rows() == [
        ("Valley Gazette", "verbatim"),
        ("Harbor Times", "reworded"),
        ("Northern Wire", "reworded"),
    ]
    # Harbor Times dropped the last word: all its words are the reference's, in order.
    assert flags["why"][0] == "Same speaker: Ana Ruiz · words 100% alike"
    row = flags.row(1, named=True)
    assert row["sentence"] == '"We have never seen water this high," said Mayor Ana Ruiz.'
    assert row["sentence"][row["quote_start"] : row["quote_end"]] == (
        "We have never seen water this high"
    )
    html = story_page.quote_flag_html(flags)
    assert "&quot;<mark " in html and "line-through" in html  # the change shown too
    # Without the articles: the quote's own words.
    bare = story_page.quote_flags(_of(comparisons, "quotes", FLOOD))
    assert bare["sentence"][0] == "We have never seen water this high before"


def test_quote_flags_count_words_alike_not_characters():
    """A two-word fragment whose second word is another form ("direct action" of "...
    taking direct actions ...") has half its words in the reference, though its characters
    are all there (the grouping's similarity 100): the reason says 50-100%, not 100%."""
    from clustering.compare import diff_words

    reference = "China must show it by taking direct actions of its own."
    rows = [
        ("The Sun", "a1", reference),
        ("CNN", "a2", "direct action"),
    ]
    quotes = pl.DataFrame(
        {
            "group_id": ["q-1", "q-1"],
            "speaker": ["Rex Tillerson", "Rex Tillerson"],
            "status": ["shared", "shared"],
            "outlet": [r[0] for r in rows],
            "article_id": [r[1] for r in rows],
            "text": [r[2] for r in rows],
            "is_truncated": [False, False],
            "similarity": [100.0, 100.0],
            "diff": [
                [{"kind": k, "text": t} for k, t in diff_words(reference, r[2])] for r in rows
            ],
        }
    )
    flags = story_page.quote_flags(quotes)
    assert flags["why"].unique().to_list() == ["Same speaker: Rex Tillerson · words 50-100% alike"]
    assert dict(zip(flags["outlet"], flags["wording"], strict=True)) == {
        "CNN": "reworded",
        "The Sun": "verbatim",
    }


def _state(story_id, state, current, members, **extra):
    return {
        "story_id": story_id, "state": state, "current_story_id": current,
        "members": members, **extra,
    }  # fmt: skip


def test_story_marks_and_mark_line():
    states = pl.DataFrame(
        [
            _state("s-old", "attached", "s-now", ["a-1:0-4", "a-2:5-9"]),
            _state("s-now", "orphaned", None, ["a-8:0-4", "a-9:0-4"]),
            _state("s-gone", "orphaned", None, ["a-2:10-14", "a-7:0-4"]),
            _state("s-gone", "orphaned", None, ["a-7:0-4"]),
            _state("s-else", "attached", "s-else", ["a-2:0-1"]),
        ]
    )
    shown = story_page.story_marks(states, "s-now", ["a-1", "a-2"])
    assert shown["members"].to_list() == [
        ["a-1:0-4", "a-2:5-9"],  # attached here now, though marked in another story
        ["a-8:0-4", "a-9:0-4"],  # orphaned, marked here
        ["a-2:10-14", "a-7:0-4"],  # orphaned, on an article of this story
    ]
    at = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
    mark = {"verdict": "wrong", "who": "Ana", "at": at, "n_marks": 2, "note": "subset",
            "state": "attached", "status": "conflict", "current_status": "update"}  # fmt: skip
    assert story_page.mark_line(mark) == (
        "Flag marked wrong by Ana on 2026-01-05 09:30 UTC (2 marks): subset. "
        "Marked as conflict, now update."
    )
    orphan = {**mark, "who": "", "n_marks": 1, "note": "", "state": "orphaned"}
    assert story_page.mark_line(orphan) == (
        "Flag marked wrong on 2026-01-05 09:30 UTC. Its flag no longer exists: "
        "the figures are no longer grouped together."
    )


def test_other_marks_table_lists_what_no_flag_shows():
    at = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)

    def mark(group, state, status, current, minute):
        return {
            "at": at.replace(minute=minute), "who": "Ana", "verdict": "wrong",
            "kind": "numbers", "status": status, "label": "dead", "figures": ["A: 3", "B: 4"],
            "note": "", "state": state, "current_group_id": group, "current_status": current,
            "flag_key": f"k-{minute}",
        }  # fmt: skip

    marks = pl.DataFrame(
        [
            mark("n-shown", "attached", "conflict", "conflict", 1),
            mark(None, "orphaned", "conflict", None, 2),
            mark("n-calm", "attached", "conflict", "compatible", 3),
            mark("n-far", "attached", "conflict", "conflict", 4),
        ]
    )
    table = story_page.other_marks_table(marks, ["n-shown"])
    assert table["now"].to_list() == [
        "conflict, not shown above",
        "was conflict, now compatible",
        "flag gone: its figures are no longer grouped together",
    ]
    assert table["figures"][0] == "A: 3; B: 4"
    assert table["flag_key"].to_list() == ["k-4", "k-3", "k-2"]  # latest first


# --- facts, dates, quote titles, failures ------------------------------------------------


def _fact(fact_id, kind, outlet, sentence, outlets, index=0):
    return {
        "fact_id": fact_id, "kind": kind, "article_id": f"a-{outlet}", "outlet": outlet,
        "sentence": sentence, "sentence_index": index, "n_outlets": len(outlets),
        "outlets": outlets,
    }  # fmt: skip


# One fact as average linkage groups it: A's and B's sentences are consensus (each matched
# by two others), C's is shared, and D's matching sentence went to another fact (it is in
# A's list only). Then an exclusive sentence of A's and a shared pair.
FACTS_OF_A_STORY = pl.DataFrame(
    [
        _fact("f-1", "consensus", "A", "Seven people were killed.", ["A", "B", "D"]),
        _fact("f-1", "consensus", "B", "At least seven people were killed, police said.", ["A", "B", "C", "D"]),
        _fact("f-1", "shared", "C", "Seven died.", ["B", "C"]),
        _fact("f-2", "exclusive", "A", "The driver was 42.", ["A"], index=3),
        _fact("f-3", "shared", "C", "The line was closed.", ["C", "D"], index=1),
        _fact("f-3", "shared", "D", "The line is closed.", ["C", "D"], index=2),
    ],
    schema=schema.FACTS,
)  # fmt: skip


def test_consensus_facts_take_every_outlet_of_the_facts_sentences():
    most = story_page.consensus_facts(FACTS_OF_A_STORY)
    assert most.rows() == [
        (
            "f-1",
            "At least seven people were killed, police said.",  # the one most outlets state
            ["A", "B", "C", "D"],  # D only through A's and B's lists, C through its row
            4,
        )
    ]
    assert (
        story_page.consensus_facts(FACTS_OF_A_STORY.filter(pl.col("kind") != "consensus")).height
        == 0
    )


def test_fact_counts_per_outlet_most_exclusive_first():
    assert story_page.fact_counts(FACTS_OF_A_STORY).rows() == [
        ("A", 1, 0, 1),
        ("B", 0, 0, 1),
        ("C", 0, 1, 1),  # its f-1 sentence counts in the fact most outlets report
        ("D", 0, 1, 1),  # in f-1 through A's and B's matches, as consensus_facts says
    ]


def test_dates_without_a_time_read_as_dates():
    timed, date_only = datetime(2016, 11, 9, 8, 46, tzinfo=UTC), datetime(2016, 11, 9, tzinfo=UTC)
    assert story_page.when_text(timed) == "2016-11-09 08:46 UTC"
    assert story_page.when_text(date_only) == "2016-11-09"
    assert story_page.when_text(None) == "undated"
    frame = pl.DataFrame({"at": [timed, date_only, None]}, schema={"at": schema.UTC_DATETIME})
    assert frame.select(story_page.when_expr("at"))["at"].to_list() == [
        "2016-11-09 08:46",
        "2016-11-09",
        "undated",
    ]
    hours = pl.DataFrame(
        {
            "h": [0.0, 8.84, 47.9, 48.0, 21384.0, None, 0.0, 72.0],
            "at": [timed] * 6 + [date_only] * 2,
        }
    )
    assert hours.select(story_page.after_first_expr("h", "at"))["h"].to_list() == [
        "0.0 h", "8.8 h", "47.9 h", "2 d", "891 d", "", "same day", "3 d",
    ]  # fmt: skip
    assert [story_page.span_text(s) for s in ("2 d 3 h", "same day", "")] == [
        "over 2 d 3 h", "published the same day", "",
    ]  # fmt: skip


def _cover(rows):
    return pl.DataFrame(
        rows,
        schema={
            "outlet": pl.String,
            "first_published": schema.UTC_DATETIME,
            "is_first": pl.Boolean,
        },
        orient="row",
    )


def test_first_report_line_claims_no_first_among_a_days_outlets():
    day = datetime(2016, 11, 9, tzinfo=UTC)
    timed = _cover(
        [("Times", day.replace(hour=6, minute=30), True), ("Post", day.replace(hour=9), False)]
    )
    assert (
        story_page.first_report_line(timed) == "First to report: **Times** at 2016-11-09 06:30 UTC"
    )
    # Two outlets known by the date alone; a third published at 08:46 that day.
    dated = _cover(
        [
            ("Standard", day, True),
            ("Independent", day, True),
            ("NYT", day.replace(hour=8, minute=46), False),
        ]
    )
    assert story_page.first_report_line(dated) == (
        "Earliest: **Standard, Independent** on 2016-11-09 (a date without a time; 1 other "
        "outlet also published that day, so which was first is not known)"
    )
    alone = _cover([("Standard", day, True), ("NYT", datetime(2016, 11, 10, 9, tzinfo=UTC), False)])
    assert story_page.first_report_line(alone) == (
        "Earliest: **Standard** on 2016-11-09 (a date without a time)"
    )
    assert story_page.first_report_line(_cover([("Standard", None, False)])) is None
    hostile = _cover([("**Bold** [x](javascript:1)", day.replace(hour=1), True)])
    assert story_page.first_report_line(hostile) == (
        f"First to report: **{safe.escape_markdown('**Bold** [x](javascript:1)')}** at "
        "2016-11-09 01:00 UTC"
    )


def test_numbers_matrix_puts_updates_right_after_conflicts():
    rows = [
        ("n-a", "agree", "A", "3 dead"), ("n-u", "update", "A", "5 dead"),
        ("n-u", "update", "B", "7 dead"), ("n-c", "conflict", "A", "10 hurt"),
        ("n-c", "conflict", "B", "12 hurt"), ("n-p", "compatible", "B", "about 40"),
    ]  # fmt: skip
    numbers = pl.DataFrame(
        [
            {"group_id": g, "status": st, "quantity": g, "outlet": o, "text": t, "article_id": o}
            for g, st, o, t in rows
        ]
    )
    assert story_page.numbers_matrix(numbers)["status"].to_list() == [
        "conflict", "update", "compatible", "agree",
    ]  # fmt: skip


def test_quote_label_from_the_longest_version_cut_at_a_word():
    versions = pl.DataFrame(
        {
            "speaker": [None, "Martin Bamford"],
            "text": ["blood everywhere", "It was just terrifying. There was a woman that was on top of me and there was blood everywhere"],
            "wording": ["truncated", "verbatim"],
        }
    )  # fmt: skip
    assert story_page.quote_label(versions) == (
        "Martin Bamford: It was just terrifying. There was a woman that was on top of me and there was…"
    )
    short = versions.with_columns(pl.Series("speaker", [None, None], dtype=pl.String)).head(1)
    assert story_page.quote_label(short) == "unknown speaker: blood everywhere"


def _failures(*rows):
    return pl.DataFrame(
        [
            {
                "commit": 2,
                "part": part,
                "article_id": article,
                "story_id": story,
                "source_file": "in.jsonl" if article else None,
                "source_line": 7 if article else None,
                "error_type": kind,
                "error": error,
            }  # fmt: skip
            for part, story, article, kind, error in rows
        ],
        schema=schema.FAILURES,
    )


FAILED = _failures(
    ("compare:framing", FLOOD, None, "ValueError", "no frame"),
    ("extract:quotes", FLOOD, "a-flood-valley", "RuntimeError", "bad " + "x" * 300),
    ("extract:quotes", BUDGET, "a-budget-harbor", "RuntimeError", "bad"),
)


def test_part_label_in_words():
    assert [story_page.part_label(p) for p in ("extract:quotes", "compare:numbers", "extract:facts", "other")] == [
        "quote extraction", "number comparison", "fact extraction", "other",
    ]  # fmt: skip


def test_failure_summary_counts_articles_and_stories():
    assert stories_page.failure_summary(_failures()) is None
    assert stories_page.failure_summary(FAILED) == (
        "2 articles and 1 story had a part fail in the last update (quote extraction 2, "
        "framing comparison 1). Each keeps every other part: its story is shown with what "
        "could be read, and its page says which part is missing."
    )
    table = stories_page.failure_table(FAILED)
    assert table.select("part", "story_id", "article_id", "source").rows() == [
        ("framing comparison", FLOOD, "", ""),
        ("quote extraction", BUDGET, "a-budget-harbor", "in.jsonl:7"),
        ("quote extraction", FLOOD, "a-flood-valley", "in.jsonl:7"),
    ]
    assert table["error"][0] == "ValueError: no frame"


def test_story_failures_and_their_notices(flood):
    mine = story_page.story_failures(FAILED, FLOOD, flood)
    # The story's comparison part first; the budget story's article is not this story's.
    assert mine.select("part", "stage", "aspect", "article_id", "outlet").rows() == [
        ("compare:framing", "compare", "framing", None, None),
        ("extract:quotes", "extract", "quotes", "a-flood-valley", "Valley Gazette"),
    ]
    assert len(mine["error"][1]) == 200 and mine["error"][1].endswith("…")
    assert story_page.failed_comparisons(mine) == {"framing"}
    notices = story_page.failure_notices(mine)
    assert notices[0] == (
        "The framing comparison failed for this story (ValueError: no frame): the Framing "
        "panel is empty because of it; everything else on this page is shown."
    )
    assert notices[1].startswith(
        "The quote extraction failed on 1 article (Valley Gazette · Thousands flee as river "
        "bursts its banks; RuntimeError: bad xxx"
    )
    assert notices[1].endswith(
        "): the quotes of that article are missing from the Quotes panel; all their other "
        "parts are shown."
    )
    assert story_page.story_failures(FAILED, LONE, flood.head(0)).height == 0


def test_single_figures_are_listed_apart_from_the_matrix(comparisons):
    budget = story_page.single_figures(_of(comparisons, "numbers", BUDGET))
    matrix = story_page.numbers_matrix(_of(comparisons, "numbers", BUDGET))
    single = matrix.filter(pl.col("status") == "single")
    assert budget.columns == ["outlet", "quantity", "text"]
    assert budget.height == single.height == 1
    outlet = next(c for c in single.columns[3:] if single[c][0] is not None)
    assert budget.row(0) == (outlet, single["quantity"][0], single[outlet][0])
    assert story_page.single_figures(_of(comparisons, "numbers", FLOOD)).height == 0


def test_story_table_flags_updates(corpus):
    numbers = pl.DataFrame(
        {
            "story_id": [FLOOD, FLOOD, BUDGET, BUDGET],
            "status": ["conflict", "update", "update", "agree"],
        }
    )
    table = stories_page.story_table(corpus.read("stories"), {"numbers": numbers})
    assert table.select("story_id", "has_number_conflict", "has_number_update").rows() == [
        (FLOOD, True, True),
        (BUDGET, False, True),
        (LONE, False, False),
    ]
