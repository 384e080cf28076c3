"""Ingest: every format from in-code fixtures, detection, column mapping, rejects, counts."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from conftest import SHARED, needs_shared

from clustering.config import IngestConfig
from clustering.ingest import (
    PER_FILE,
    IngestError,
    detect_format,
    files,
    iter_batches,
    iter_input_files,
    load_articles,
    read_file,
    skip_reason,
)
from clustering.ingest.records import Chunk, Source
from clustering.schema import ARTICLES, REJECTS, validate

CONFIG = IngestConfig()
UTC = dt.UTC

BODY = (
    "The harbour council of Port Meridian voted on Tuesday to build a second breakwater.\n\n"
    "Work will start in May and cost 41 million crowns, the council said."
)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def read(path: Path, config: IngestConfig = CONFIG) -> tuple[pl.DataFrame, pl.DataFrame]:
    articles, rejects = read_file(path, config)
    validate(articles, ARTICLES, "articles")
    validate(rejects, REJECTS, "rejects")
    return articles, rejects


def extra(articles: pl.DataFrame, row: int = 0) -> dict:
    return json.loads(articles["extra"][row])


# --- JSON Lines / JSON / news-please -------------------------------------------------------


def test_jsonl_guesses_columns_and_keeps_unmapped_fields(tmp_path: Path) -> None:
    lines = [
        {
            "uid": 7,
            "Headline": "Breakwater approved",
            "story": BODY,
            "source": "The Meridian Courier",
            "permalink": "https://www.courier.example/news/breakwater?utm_source=feed",
            "pubdate": "Tue, 29 Mar 2022 10:00:00 +0300",
            "Language": "en-GB",
            "mood": "calm",
        },
        {"title": "Only a headline", "text": "", "link": "https://www.courier.example/h"},
    ]
    text = json.dumps(lines[0]) + "\n\n" + json.dumps(lines[1]) + "\n"
    articles, rejects = read(write(tmp_path, "feed.jsonl", text))
    assert rejects.height == 0
    first = articles.row(0, named=True)
    assert first["title"] == "Breakwater approved"
    assert first["body"] == BODY
    assert first["lead"] == BODY.split("\n\n")[0]
    assert first["outlet"] == "The Meridian Courier"
    assert first["url"] == "https://www.courier.example/news/breakwater?utm_source=feed"
    assert first["published_at"] == dt.datetime(2022, 3, 29, 7, 0, tzinfo=UTC)
    assert first["lang"] == "en"
    assert first["source_id"] == "7"
    assert first["source_format"] == "jsonl"
    assert first["source_line"] == 1
    # an integer id is its digits: no warning on every row of a table of numeric ids
    assert extra(articles) == {"mood": "calm"}
    assert len(first["article_id"]) == 16 and len(first["content_hash"]) == 16
    second = articles.row(1, named=True)
    assert second["source_line"] == 3  # the physical line: the blank line counts
    assert second["body"] == "" and second["lead"] == ""
    assert second["outlet"] == "courier.example"  # from the URL, without www.


def test_jsonl_bad_lines_are_rejected_with_line_and_raw(tmp_path: Path) -> None:
    good = json.dumps({"title": "Fine", "body": "A fine body."})
    text = "\n".join([good, '{"title": "cut off", "bo', "[1, 2]", good.replace("Fine", "Also")])
    articles, rejects = read(write(tmp_path, "x.jsonl", text))
    assert articles["source_line"].to_list() == [1, 4]
    assert rejects["source_line"].to_list() == [2, 3]
    assert rejects["raw"].to_list() == ['{"title": "cut off", "bo', "[1, 2]"]
    assert "not valid JSON" in rejects["reason"][0]
    assert "expected one object per line" in rejects["reason"][1]


def test_json_array_wrapper_and_single_object(tmp_path: Path) -> None:
    record = {"title": "Ferry strike ends", "content": "Crews return on Monday."}
    array, _ = read(write(tmp_path, "a.json", json.dumps([record, {**record, "title": "Two"}])))
    assert array["title"].to_list() == ["Ferry strike ends", "Two"]
    assert array["source_line"].to_list() == [1, 2]  # record index
    wrapper, _ = read(write(tmp_path, "w.json", json.dumps({"status": "ok", "articles": [record]})))
    assert wrapper["body"].to_list() == ["Crews return on Monday."]
    single, _ = read(write(tmp_path, "s.json", json.dumps(record, indent=2)))
    assert single.height == 1 and single["source_format"][0] == "json"


def test_json_array_items_that_are_not_objects_are_rejected(tmp_path: Path) -> None:
    articles, rejects = read(write(tmp_path, "a.json", '[{"title": "Ok", "body": "B."}, 5, null]'))
    assert articles.height == 1
    assert rejects["source_line"].to_list() == [2, 3]
    assert rejects["raw"].to_list() == ["5", "null"]


def test_broken_json_file_is_one_reject(tmp_path: Path) -> None:
    articles, rejects = read(write(tmp_path, "b.json", '[{"title": "Ok",\n "body": '))
    assert articles.height == 0
    assert rejects.height == 1
    # an array is read record by record when it does not parse whole: record 1, cut off
    assert rejects["source_line"][0] == 1
    assert rejects["reason"][0].startswith("record 1 (line 1) is not valid JSON")
    assert "line 2 column" in rejects["reason"][0]  # where the parser stopped in the file
    assert rejects["raw"][0].startswith('{"title"')


def test_news_please_record(tmp_path: Path) -> None:
    record = {
        "authors": ["Ana Lima", "Tom Berg"],
        "date_download": None,
        "date_publish": "2018-02-06 05:13:15",
        "description": "The port will close for a week.",
        "language": "en",
        "source_domain": "www.harbourtimes.example",
        "text": "Port closes for storm repairs\nThe port will close.\nShips wait offshore.",
        "title": "Port closes for storm repairs",
        "title_page": None,
        "url": "https://www.harbourtimes.example/port",
        "dId": "abc123",
    }
    articles, rejects = read(write(tmp_path, "np.json", json.dumps(record, indent=4)))
    assert rejects.height == 0
    row = articles.row(0, named=True)
    assert row["source_format"] == "news-please"
    assert row["outlet"] == "harbourtimes.example"
    assert row["author"] == "Ana Lima; Tom Berg"
    assert row["lead"] == "The port will close for a week."
    # The crawler's text opens with the headline: page furniture, kept in extra.
    assert row["body"] == "The port will close.\n\nShips wait offshore."
    assert row["published_at"] == dt.datetime(2018, 2, 6, 5, 13, 15, tzinfo=UTC)
    assert row["source_id"] == "abc123"
    # nulls are not kept; only the removed furniture is
    assert extra(articles) == {"furniture_removed": ["Port closes for storm repairs"]}


def test_lead_skips_a_first_paragraph_that_repeats_the_title(tmp_path: Path) -> None:
    record = {"title": "Dam repaired", "body": "Dam repaired\nEngineers finished on Sunday.\nMore."}
    articles, _ = read(write(tmp_path, "d.jsonl", json.dumps(record)))
    assert articles["lead"][0] == "Engineers finished on Sunday."


# --- CSV ------------------------------------------------------------------------------------


def test_csv_with_embedded_newlines_and_quotes(tmp_path: Path) -> None:
    text = (
        "title,text,source,link,date\n"
        '"Bridge opens","The new bridge opened.\n\nIt has ""two"" lanes.",Daily Fiction,'
        "https://dailyfiction.example/a,2022-03-29\n"
        "River floods,Water rose overnight.,The Fictional Post,,29 March 2022\n"
        "\n"
        '"Quote, with comma","She said: ""We will rebuild.""",Daily Fiction,,1648540800\n'
    )
    articles, rejects = read(write(tmp_path, "a.csv", text))
    assert rejects.height == 0
    assert articles["source_line"].to_list() == [2, 5, 7]
    assert articles["body"].to_list() == [
        'The new bridge opened.\n\nIt has "two" lanes.',
        "Water rose overnight.",
        'She said: "We will rebuild."',
    ]
    assert articles["title"][2] == "Quote, with comma"
    assert articles["url"].to_list() == ["https://dailyfiction.example/a", None, None]
    assert articles["published_at"].to_list() == [
        dt.datetime(2022, 3, 29, tzinfo=UTC),
        dt.datetime(2022, 3, 29, tzinfo=UTC),
        dt.datetime(2022, 3, 29, 8, 0, tzinfo=UTC),  # epoch seconds
    ]


def test_csv_bad_rows_are_rejected_with_their_lines(tmp_path: Path) -> None:
    text = 'title,body\nGood,Fine body.\nToo,many,fields\nShort\nLast,"open quote\nnever closed\n'
    articles, rejects = read(write(tmp_path, "b.csv", text))
    assert articles["title"].to_list() == ["Good", "Short"]
    assert "rest empty" in extra(articles, 1)["_warnings"][0]
    assert rejects["source_line"].to_list() == [3, 5]
    assert "3 fields but the header has 2" in rejects["reason"][0]
    assert rejects["raw"][0] == "Too,many,fields"
    assert "lines 5-6" in rejects["reason"][1]
    assert rejects["raw"][1] == 'Last,"open quote\nnever closed'


def test_semicolon_and_tab_delimiters(tmp_path: Path) -> None:
    semi, _ = read(write(tmp_path, "s.csv", "headline;body\nA;One, two.\nB;Three.\n"))
    assert semi["body"].to_list() == ["One, two.", "Three."]
    tab, _ = read(write(tmp_path, "t.tsv", "headline\tbody\nA\tOne, two.\nB\tThree.\n"))
    assert tab["title"].to_list() == ["A", "B"]


def test_explicit_mapping_overrides_guessing(tmp_path: Path) -> None:
    text = "title,hed,copy,paper\nignored,Real title,The text.,Fiction Daily\n"
    path = write(tmp_path, "m.csv", text)
    config = IngestConfig(columns={"title": "hed", "body": "COPY", "source": "paper"})
    articles, rejects = read(path, config)
    assert rejects.height == 0
    row = articles.row(0, named=True)
    assert (row["title"], row["body"], row["outlet"]) == (
        "Real title",
        "The text.",
        "Fiction Daily",
    )
    assert extra(articles) == {"title": "ignored"}


def test_no_body_column_rejects_every_row_and_says_how_to_map(tmp_path: Path) -> None:
    path = write(tmp_path, "n.csv", "headline,words,when\nA,Some text.,2022-01-01\nB,More.,\n")
    articles, rejects = read(path)
    assert articles.height == 0
    assert rejects["source_line"].to_list() == [2, 3]
    assert set(rejects["field"]) == {"body"}
    reason = rejects["reason"][0]
    assert "'headline', 'words', 'when'" in reason and "--column body=COLNAME" in reason


def test_bad_column_mapping_raises(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", "title,body\nA,B.\n")
    with pytest.raises(IngestError, match="columns key must be one of .* Got 'bodyy' instead"):
        read_file(path, IngestConfig(columns={"bodyy": "text"}))


# --- Parquet ----------------------------------------------------------------------------------


def test_parquet(tmp_path: Path) -> None:
    frame = pl.DataFrame(
        {
            "heading": ["Tram line extended", "Market reopens"],
            "article_text": ["The tram reaches the port.", None],
            "site_name": ["Fiction Daily", "Fiction Daily"],
            "created_at": [dt.datetime(2022, 3, 29, 10), None],
            "tags": [["transport"], []],
        }
    )
    path = tmp_path / "p.parquet"
    frame.write_parquet(path)
    articles, rejects = read(path)
    assert rejects.height == 0
    assert articles["source_format"].to_list() == ["parquet", "parquet"]
    assert articles["source_line"].to_list() == [1, 2]
    assert articles["published_at"].to_list() == [dt.datetime(2022, 3, 29, 10, tzinfo=UTC), None]
    assert articles["body"].to_list() == ["The tram reaches the port.", ""]
    assert extra(articles) == {"tags": ["transport"]}


# --- HTML, feeds, text ---------------------------------------------------------------------


HTML = """<!DOCTYPE html><html lang="en"><head>
<title>Lighthouse restored | Fiction Daily</title>
<meta property="og:site_name" content="Fiction Daily">
<meta property="og:title" content="Lighthouse restored">
<meta property="article:published_time" content="2022-03-29T10:00:00+02:00">
<meta name="author" content="Mira Holt">
<link rel="canonical" href="https://www.fictiondaily.example/lighthouse">
</head><body><nav>Home | World | Sport</nav><article><h1>Lighthouse restored</h1>
<p>The old lighthouse on Gull Point shines again after a two-year restoration paid for by
the fishing cooperative and a grant from the province.</p>
<p>Volunteers replaced the lamp, repainted the tower and rebuilt the keeper's cottage,
which will open as a small museum in the summer.</p>
<p>The cooperative said the light would guide boats into the harbour from next week.</p>
</article><footer>Copyright Fiction Daily</footer></body></html>"""


def test_html_page(tmp_path: Path) -> None:
    articles, rejects = read(write(tmp_path, "page.html", HTML))
    assert rejects.height == 0
    row = articles.row(0, named=True)
    assert row["title"] == "Lighthouse restored"
    assert row["outlet"] == "Fiction Daily"
    assert row["author"] == "Mira Holt"
    assert row["url"] == "https://www.fictiondaily.example/lighthouse"
    assert row["published_at"] == dt.datetime(2022, 3, 29, 8, tzinfo=UTC)
    assert row["body"].startswith("The old lighthouse on Gull Point")
    assert row["body"].endswith("from next week.")
    assert "Home | World" not in row["body"]
    assert row["source_format"] == "html"


TIME_TAG = '<time datetime="2022-03-14T11:20:00-04:00">March 14, 2022, 11:20 a.m. EDT</time>'


@pytest.mark.parametrize(
    ("in_head", "in_article"),
    [
        ('<meta property="article:published_time" content="2022-03-14T11:20:00-04:00">', ""),
        ('<meta name="article:published_time" content="2022-03-14T11:20:00-04:00">', ""),
        ('<meta itemprop="datePublished" content="2022-03-14T11:20:00-04:00">', ""),
        (
            '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": '
            '[{"@type": "WebPage"}, {"@type": "NewsArticle", '
            '"datePublished": "2022-03-14T11:20:00-04:00"}]}</script>',
            "",
        ),
        ("", TIME_TAG),
        ('<meta name="date" content="2022-03-14">', TIME_TAG),  # a bare date loses to a time
    ],
)
def test_html_keeps_the_time_of_day_and_the_zone(
    tmp_path: Path, in_head: str, in_article: str
) -> None:
    # trafilatura's own date is a day (2022-03-14 00:00): the page's timestamp must win.
    page = HTML.replace(
        '<meta property="article:published_time" content="2022-03-29T10:00:00+02:00">', in_head
    ).replace("<h1>Lighthouse restored</h1>", "<h1>Lighthouse restored</h1>" + in_article)
    articles, _ = read(write(tmp_path, "page.html", page))
    assert articles["published_at"][0] == dt.datetime(2022, 3, 14, 15, 20, tzinfo=UTC)


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Fiction Daily - World</title>
<link>https://fictiondaily.example/</link>
<item><title>Bridge opens</title><link>https://www.fictiondaily.example/a/1?utm_source=rss</link>
<description>&lt;p&gt;The bridge opened.&lt;/p&gt;&lt;p&gt;Traffic flows.&lt;/p&gt;</description>
<pubDate>Tue, 29 Mar 2022 10:00:00 +0300</pubDate><guid>fd-1</guid><category>World</category>
</item>
<item><title>Second item</title><link>https://fictiondaily.example/a/2</link>
<description>Plain summary.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Fiction Wire</title>
<entry><title>Atom entry</title><link href="https://wire.example/e/1"/><id>urn:1</id>
<updated>2022-03-29T10:00:00Z</updated><author><name>Ana Lima</name></author>
<summary>Short summary.</summary>
<content type="html">&lt;p&gt;Full text one.&lt;/p&gt;&lt;p&gt;Full text two.&lt;/p&gt;</content>
</entry></feed>"""


def test_rss_feed(tmp_path: Path) -> None:
    articles, rejects = read(write(tmp_path, "world.xml", RSS))
    assert rejects.height == 0
    assert articles["source_format"].to_list() == ["feed", "feed"]
    assert articles["source_line"].to_list() == [1, 2]
    first = articles.row(0, named=True)
    assert first["body"] == "The bridge opened.\n\nTraffic flows."
    assert first["published_at"] == dt.datetime(2022, 3, 29, 7, tzinfo=UTC)
    assert (first["section"], first["source_id"]) == ("World", "fd-1")
    assert first["outlet"] == "fictiondaily.example"
    assert extra(articles)["feed_title"] == "Fiction Daily - World"


def test_atom_feed(tmp_path: Path) -> None:
    articles, _ = read(write(tmp_path, "wire.atom", ATOM))
    row = articles.row(0, named=True)
    assert row["body"] == "Full text one.\n\nFull text two."
    assert row["lead"] == "Short summary."
    assert row["author"] == "Ana Lima"
    assert row["published_at"] == dt.datetime(2022, 3, 29, 10, tzinfo=UTC)


def test_plain_text_title_rule(tmp_path: Path) -> None:
    titled, _ = read(write(tmp_path, "a.txt", "Ferry Service Resumes\n\nBoats sail again.\nMore."))
    assert titled["title"][0] == "Ferry Service Resumes"
    assert titled["body"][0] == "Boats sail again.\n\nMore."
    untitled, _ = read(write(tmp_path, "b.txt", "Boats sail again today.\n\nThey had stopped."))
    assert untitled["title"][0] == ""
    assert untitled["body"][0] == "Boats sail again today.\n\nThey had stopped."
    assert untitled["source_line"][0] == 1


# --- detection --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("data.json", "title,body\nA,B.\nC,D.\n", "csv"),
        ("page.txt", HTML, "html"),
        ("feed.html", RSS, "feed"),
        ("lines.csv", '{"title": "A"}\n{"title": "B"}\n', "jsonl"),
        ("one.jsonl", '{\n  "title": "A",\n  "body": "B"\n}\n', "json"),
        (
            "np.txt",
            json.dumps({"title": "A", "maintext": "B", "date_publish": None}),
            "news-please",
        ),
        ("arr.txt", '[{"title": "A"}]', "json"),
        ("note.json", "[Updated] Storm hits the coast\n\nMore text.", "json"),
        ("note.txt", "[Updated] Storm hits the coast\n\nMore text.", "text"),
        ("story.csv", "A headline\n\nA story, with commas, in prose. It goes on.\n", "text"),
        ("blob.json", bytes(range(256)) * 4, "binary"),
    ],
)
def test_detect_format_from_content_not_extension(
    tmp_path: Path, name: str, content: str | bytes, expected: str
) -> None:
    assert detect_format(write(tmp_path, name, content)) == expected


def test_parquet_detected_under_any_name(tmp_path: Path) -> None:
    path = tmp_path / "table.txt"
    pl.DataFrame({"title": ["A"], "body": ["B."]}).write_parquet(path)
    assert detect_format(path) == "parquet"
    assert read(path)[0]["body"].to_list() == ["B."]


# --- rejects: types, sizes, encodings, files ------------------------------------------------


def test_wrong_types_and_empty_records(tmp_path: Path) -> None:
    records = [
        {"title": 2022, "body": "A number as title."},
        {"title": "List body", "body": ["Para one.", "Para two."]},
        {"title": "Dict body", "body": {"p": 1}},
        {"title": "", "body": "   "},
        {"title": True, "body": "Bool title."},
    ]
    path = write(tmp_path, "t.jsonl", "\n".join(json.dumps(r) for r in records))
    articles, rejects = read(path)
    assert articles["title"].to_list() == ["2022", "List body", ""]
    assert articles["body"].to_list() == [
        "A number as title.",
        "Para one.\n\nPara two.",
        "Bool title.",
    ]
    assert extra(articles, 0)["_warnings"] == ["title: int converted to text"]
    assert extra(articles, 2)["title"] is True
    assert rejects["source_line"].to_list() == [3, 4]
    assert rejects["field"].to_list() == ["body", "body"]
    assert "must be text; got dict" in rejects["reason"][0]
    assert "no body and no title" in rejects["reason"][1]


def test_body_over_the_limit_is_rejected_not_truncated(tmp_path: Path) -> None:
    config = IngestConfig(max_body_chars=100)
    path = write(tmp_path, "big.jsonl", json.dumps({"title": "Big", "body": "word " * 50}))
    articles, rejects = read(path, config)
    assert articles.height == 0
    assert rejects["field"].to_list() == ["body"]
    assert "249 characters, more than max_body_chars=100" in rejects["reason"][0]


def test_ten_megabyte_body_with_the_default_limit(tmp_path: Path) -> None:
    body = ("Sentence number one of a very long body. " * 250_000)[:10_000_000]
    path = write(tmp_path, "huge.jsonl", json.dumps({"title": "Huge", "body": body}))
    articles, rejects = read(path)
    assert articles.height == 0
    assert "more than max_body_chars=2,000,000" in rejects["reason"][0]
    assert len(rejects["raw"][0]) > 10_000_000  # the record is kept whole


def test_unparseable_date_is_a_warning_not_a_reject(tmp_path: Path) -> None:
    path = write(tmp_path, "d.jsonl", json.dumps({"title": "T", "body": "B.", "date": "soon-ish"}))
    articles, rejects = read(path)
    assert rejects.height == 0
    assert articles["published_at"][0] is None
    notes = extra(articles)
    assert notes["date"] == "soon-ish"
    assert "published_at left empty" in notes["_warnings"][0]


def test_invalid_utf8_is_decoded_as_cp1252_with_a_warning(tmp_path: Path) -> None:
    good = json.dumps({"title": "Café", "body": "Plain."}, ensure_ascii=False).encode("utf-8")
    bad = '{"title": "Caf\xe9 \x93quoted\x94", "body": "B."}'.encode("latin-1")
    articles, rejects = read(write(tmp_path, "e.jsonl", good + b"\n" + bad + b"\n"))
    assert rejects.height == 0
    assert articles["title"].to_list() == ["Café", "Café “quoted”"]
    assert "_warnings" not in extra(articles, 0)
    assert extra(articles, 1)["_warnings"] == ["text is not valid UTF-8; decoded as cp1252"]


def test_utf16_jsonl_keeps_unicode_line_separators_inside_strings(tmp_path: Path) -> None:
    text = json.dumps({"title": "A\u2028B", "body": "One.\u2029Two."}, ensure_ascii=False)
    articles, rejects = read(write(tmp_path, "u.jsonl", (text + "\n" + text).encode("utf-16")))
    assert rejects.height == 0
    assert articles["title"].to_list() == ["A B", "A B"]
    assert articles["body"][0] == "One.\n\nTwo."


def test_utf16_csv_with_bom(tmp_path: Path) -> None:
    text = "title,body\nÉté,Chaleur record.\n"
    articles, rejects = read(write(tmp_path, "u.csv", text.encode("utf-16")))
    assert rejects.height == 0
    assert articles["title"].to_list() == ["Été"]


def test_binary_empty_and_missing_files_are_rejects(tmp_path: Path) -> None:
    gz = write(tmp_path, "a.jsonl.gz", b"\x1f\x8b\x08\x00" + bytes(200))
    assert "gzip-compressed" in read(gz)[1]["reason"][0]
    empty = write(tmp_path, "empty.jsonl", "")
    assert read(empty)[1]["reason"].to_list() == ["file is empty"]
    blank = write(tmp_path, "blank.jsonl", "\n\n")
    assert read(blank)[1]["reason"].to_list() == ["file holds no records (read as jsonl)"]
    _, rejects = read(tmp_path / "gone.jsonl")
    assert rejects["source_line"].to_list() == [1]
    assert rejects["reason"][0].startswith("could not read the file")


def test_duplicate_user_ids_are_kept_and_noted(tmp_path: Path) -> None:
    records = [
        {"id": "a1", "title": "One", "body": "First."},
        {"id": "a1", "title": "Two", "body": "Second."},
    ]
    path = write(tmp_path, "ids.jsonl", "\n".join(json.dumps(r) for r in records))
    result = load_articles([path], CONFIG)
    assert result.n_accepted == 2
    assert result.articles["article_id"].n_unique() == 2
    assert "used by 2 records" in extra(result.articles, 1)["_warnings"][0]


# --- files, folders, counts -------------------------------------------------------------------


def test_iter_input_files(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", "x")
    write(tmp_path, "sub/a.txt", "x")
    write(tmp_path, ".hidden.txt", "x")
    write(tmp_path, ".git/config", "x")
    files = list(iter_input_files([tmp_path, tmp_path / "b.txt"]))
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["b.txt", "sub/a.txt"]
    (tmp_path / "empty").mkdir()
    with pytest.raises(IngestError, match="no input files found in"):
        list(iter_input_files([tmp_path / "empty"]))
    with pytest.raises(FileNotFoundError, match="does not exist"):
        list(iter_input_files([tmp_path / "nope"]))


@pytest.mark.parametrize(
    ("name", "skipped"),
    [
        ("README.md", True),
        ("readme.txt", True),
        ("README", True),
        ("README_fr.md", True),
        ("LICENSE", True),
        ("LICENSE-MIT", True),
        ("Licence.txt", True),
        ("CHANGELOG.rst", True),
        ("changelog.md", True),
        ("CONTRIBUTING.md", True),
        ("AUTHORS", True),
        ("NOTES.md", True),
        (".gitkeep", True),
        (".DS_Store", True),
        ("licence-fee-frozen.txt", False),  # an article's slug
        ("readme-for-voters.txt", False),
        ("BBC-istanbul.txt", False),
        ("istanbul-talks.md", False),
        ("articles.jsonl", False),
        ("NYT.csv", False),
    ],
)
def test_skip_reason(name: str, skipped: bool) -> None:
    assert (skip_reason(name) is not None) == skipped


def test_documentation_in_a_folder_is_listed_as_skipped_not_read(tmp_path: Path) -> None:
    write(tmp_path, "a.jsonl", json.dumps({"title": "A", "body": BODY}))
    write(tmp_path, "README.md", "# My corpus\n\nArticles I collected in March.\n")
    write(tmp_path, "LICENSE", "Do what you like with these files.\n")
    write(tmp_path, "sub/.gitkeep", "")
    write(tmp_path, ".git/config", "[core]\n")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    result = load_articles([tmp_path], CONFIG)
    assert (result.n_read, result.n_accepted, result.n_duplicates, result.n_rejected) == (
        1,
        1,
        0,
        0,
    )
    rows = {
        Path(row["source_file"]).relative_to(tmp_path).as_posix(): row
        for row in result.per_file.iter_rows(named=True)
    }
    assert sorted(rows) == [".git", "LICENSE", "README.md", "a.jsonl", "gone.txt", "sub/.gitkeep"]
    assert rows["a.jsonl"]["format"] == "jsonl" and rows["a.jsonl"]["note"] is None
    for skipped in (".git", "LICENSE", "README.md", "gone.txt", "sub/.gitkeep"):
        row = rows[skipped]
        assert (row["format"], row["read"], row["accepted"], row["rejected"]) == (
            "skipped",
            0,
            0,
            0,
        )
    assert rows["README.md"]["note"].startswith("documentation file: not read as an article")
    assert rows["sub/.gitkeep"]["note"].startswith("hidden file")
    assert rows[".git"]["note"] == "hidden folder: not read"
    assert rows["gone.txt"]["note"] == "not a regular file: not read"  # a broken link
    assert [p.name for p in iter_input_files([tmp_path])] == ["a.jsonl"]


def test_a_readme_given_as_a_file_is_read(tmp_path: Path) -> None:
    readme = write(tmp_path, "README.md", "Harbour council approves breakwater\n\n" + BODY)
    other = write(tmp_path, "b.jsonl", json.dumps({"title": "Ferry deal", "body": "Signed."}))
    result = load_articles([tmp_path, readme], CONFIG)  # reached twice: read once
    assert result.per_file.rows() == [
        (str(other), "jsonl", 1, 1, 0, 0, None),
        (str(readme), "text", 1, 1, 0, 0, None),  # where it was given, not skipped
    ]
    assert result.articles["title"].to_list() == [
        "Ferry deal",
        "Harbour council approves breakwater",
    ]


def test_a_folder_holding_only_documentation_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "README.md", "# Nothing here yet\n")
    with pytest.raises(IngestError, match=r"no input files found in .*skipped: README\.md"):
        load_articles([tmp_path], CONFIG)


def test_load_articles_counts_add_up(tmp_path: Path) -> None:
    write(tmp_path, "a.jsonl", json.dumps({"title": "A", "body": BODY}) + "\nnot json\n")
    write(tmp_path, "b.csv", f'title,body\nB,"{BODY}"\n')  # another title, the same body: a copy
    write(tmp_path, "c.txt", "")
    result = load_articles([tmp_path], CONFIG)
    assert (result.n_read, result.n_accepted, result.n_duplicates, result.n_rejected) == (
        4,
        1,
        1,
        2,
    )
    assert result.per_file.schema == PER_FILE
    assert result.per_file.rows() == [
        (str(tmp_path / "a.jsonl"), "jsonl", 2, 1, 0, 1, None),
        # a table's note says how its columns were found
        (
            str(tmp_path / "b.csv"),
            "csv",
            1,
            0,
            1,
            0,
            "columns: title=title (name), body=body (name)",
        ),
        (str(tmp_path / "c.txt"), "empty", 1, 0, 0, 1, None),
    ]
    assert result.articles.filter(pl.col("duplicate_of").is_not_null())[
        "duplicate_kind"
    ].to_list() == ["near"]


def test_a_file_that_vanishes_mid_run_is_a_reject(tmp_path: Path) -> None:
    write(tmp_path, "1.jsonl", json.dumps({"title": "A", "body": "B."}))
    second = write(tmp_path, "2.jsonl", json.dumps({"title": "C", "body": "D."}))
    batches = iter_batches([tmp_path], CONFIG)
    path, articles, rejects = next(batches)
    assert (path.name, articles.height, rejects.height) == ("1.jsonl", 1, 0)
    second.unlink()
    path, articles, rejects = next(batches)
    assert (path.name, articles.height) == ("2.jsonl", 0)
    assert "could not read the file" in rejects["reason"][0]


def test_a_read_error_mid_file_keeps_what_was_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "x.jsonl", json.dumps({"title": "A", "body": "B."}))
    real = files.read_jsonl

    def failing(path: Path, source: Source) -> Iterator[Chunk]:
        yield from real(path, source)
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(files, "read_jsonl", failing)
    result = load_articles([path], CONFIG)
    assert (result.n_read, result.n_accepted, result.n_rejected) == (2, 1, 1)
    assert result.rejects["reason"][0] == (
        "file became unreadable after 1 records: [Errno 5] Input/output error"
    )


def test_iter_batches_chunks_large_files(tmp_path: Path) -> None:
    lines = "\n".join(json.dumps({"title": f"T{i}", "body": f"Body {i}."}) for i in range(10_050))
    batches = list(iter_batches([write(tmp_path, "big.jsonl", lines)], CONFIG))
    assert [b[1].height for b in batches] == [10_000, 50]


# --- the real data in ../shared ---------------------------------------------------------------


@needs_shared
def test_news_please_folder() -> None:
    result = load_articles([SHARED / "raw" / "news-please"], CONFIG)
    assert result.n_read == 383
    assert result.n_rejected == 0
    assert result.n_accepted + result.n_duplicates == 383
    # 17 RT pages "published" on the crawler's clock (records._not_crawl_clock): unknown
    assert result.articles["published_at"].null_count() == 17
    assert set(result.per_file["format"]) == {"news-please"}
    assert result.articles["outlet"].str.starts_with("www.").sum() == 0
    # AP stories carried by several outlets: flagged, never independent coverage.
    assert 3 <= result.n_duplicates <= 15  # heuristic: 7 wire copies at threshold 0.8


@needs_shared
def test_plain_text_folder() -> None:
    result = load_articles([SHARED / "raw" / "plain-text"], CONFIG)
    assert (result.n_read, result.n_rejected) == (50, 0)
    assert set(result.per_file["format"]) == {"text"}
    titled = result.articles.filter(pl.col("title") != "")
    assert titled.height >= 30  # most NewsWCL50 files start with a headline line
    assert (result.articles["body"].str.len_chars() > 200).all()
