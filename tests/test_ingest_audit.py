"""Input a new researcher really has: wrong-typed Parquet columns, a number where the
text should be, and a StoryLens export read back in (each format)."""

from __future__ import annotations

import json

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import WordHashEmbedder

from clustering.config import IngestConfig, load_config
from clustering.export import export_corpus
from clustering.ingest.files import read_file
from clustering.pipeline import run


def test_parquet_binary_text_columns_are_read_as_text(tmp_path):
    # Older Hive/Impala writers store strings as BINARY without the UTF8 annotation.
    path = tmp_path / "binary.parquet"
    table = pa.table(
        {
            "title": pa.array([b"Fire at the plant", b"\xff\xfe not utf-8"], pa.binary()),
            "body": pa.array([b"A fire broke out on Monday.", b"A second text."], pa.binary()),
        }
    )
    pq.write_table(table, path)
    articles, rejects = read_file(path, IngestConfig())
    assert rejects.height == 0
    assert articles["title"].to_list() == ["Fire at the plant", ""]
    assert articles["body"].to_list() == ["A fire broke out on Monday.", "A second text."]
    second = json.loads(articles["extra"][1])
    assert "title: a bytes cannot be the title; kept here" in second["_warnings"]
    assert "title" in second  # what could not be read is kept


@pytest.mark.parametrize("value", [3.5, 20240501])
def test_a_number_where_the_body_should_be_is_rejected_naming_the_field(tmp_path, value):
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps({"title": "Fire", "text": value})
        + "\n"
        + json.dumps({"title": "Fire", "text": "A fire broke out."})
        + "\n",
        encoding="utf-8",
    )
    articles, rejects = read_file(path, IngestConfig())
    assert articles["source_line"].to_list() == [2]
    row = rejects.row(0, named=True)
    assert (row["source_line"], row["field"]) == (1, "body")
    assert row["reason"].startswith(f"field 'text' must be text; got {type(value).__name__}")
    assert json.loads(row["raw"]) == {"title": "Fire", "text": value}


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_an_exported_articles_table_reads_back_as_the_articles_it_holds(tmp_path, fmt):
    records = [
        {
            "id": f"gold-{i}",
            "title": f"Warehouse fire in Springfield ({outlet})",
            # a body that opens like a formula: the CSV export guards it with a "'"
            "body": f"- SPRINGFIELD - A warehouse fire destroyed chemical storage, {outlet} "
            f"reported on Monday. Detail {i}.",
            "outlet": outlet,
            "url": f"https://{outlet.lower()}.example/fire",
            "date": "2022-04-02",
            "cluster_id": "gold:7",
            "annotator": {"name": "A. B.", "round": i},
        }
        for i, outlet in enumerate(["Daily", "Herald", "Courier"])
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    config = load_config(None, compare={"enabled": False})
    corpus = run([src], tmp_path / "c", config, embedder=WordHashEmbedder()).corpus
    export_corpus(corpus, fmt, tmp_path / "out")
    stored = corpus.read("articles").sort("article_id")
    again, rejects = read_file(tmp_path / "out" / f"articles.{fmt}", IngestConfig())
    again = again.sort("article_id")
    assert rejects.height == 0
    columns = ["article_id", "source_id", "title", "body", "outlet", "url", "published_at"]
    assert again.select(columns).rows() == stored.select(columns).rows()
    # the user's own ids, not StoryLens's article_id, are the source ids again
    assert sorted(again["source_id"].to_list()) == ["gold-0", "gold-1", "gold-2"]
    for extra in again["extra"]:
        fields = json.loads(extra)
        # the input's own fields are back at the top of extra, not inside a JSON string
        assert fields["cluster_id"] == "gold:7"
        assert fields["annotator"]["name"] == "A. B."
        # with where the export found them
        assert fields["source_file"] == str(src) and fields["story_id"].startswith("s-")
    assert pl.Series(again["body"]).str.starts_with("- SPRINGFIELD").all()


def test_integer_ids_raise_no_warning_so_real_warnings_are_seen(tmp_path):
    path = tmp_path / "ids.parquet"
    pq.write_table(
        pa.table({"id": [1, 2], "title": ["Fire", "Flood"], "body": ["Text one.", "Text two."]}),
        path,
    )
    articles, _ = read_file(path, IngestConfig())
    assert articles["source_id"].to_list() == ["1", "2"]
    assert [json.loads(e) for e in articles["extra"]] == [{}, {}]


RUSSIAN = {
    "title": "Пожар на заводе",
    "body": "Пожар на химическом заводе унёс жизни трёх рабочих во вторник.",
    "outlet": "Вести",
}


def test_a_file_in_another_script_code_page_is_decoded_as_that_code_page(tmp_path):
    path = tmp_path / "ru.jsonl"
    path.write_bytes((json.dumps(RUSSIAN, ensure_ascii=False) + "\n").encode("cp1251"))
    articles, rejects = read_file(path, IngestConfig())
    assert rejects.height == 0
    row = articles.row(0, named=True)
    assert (row["title"], row["body"]) == (RUSSIAN["title"], RUSSIAN["body"])  # not "Ïîæàð"
    assert json.loads(row["extra"])["_warnings"] == ["text is not valid UTF-8; decoded as cp1251"]


def test_western_text_not_in_utf8_is_still_read_as_cp1252(tmp_path):
    path = tmp_path / "de.jsonl"
    record = {"title": "Grüße aus München", "body": "Der Bürgermeister sagte „nein“."}
    path.write_bytes((json.dumps(record, ensure_ascii=False) + "\n").encode("cp1252"))
    articles, _ = read_file(path, IngestConfig())
    assert (articles["title"][0], articles["body"][0]) == (record["title"], record["body"])


def test_utf16_without_a_byte_order_mark_is_text_not_binary(tmp_path):
    path = tmp_path / "windows.jsonl"
    path.write_bytes((json.dumps(RUSSIAN, ensure_ascii=False) + "\n").encode("utf-16-le"))
    articles, rejects = read_file(path, IngestConfig())
    assert rejects.height == 0 and articles["title"].to_list() == [RUSSIAN["title"]]


def test_a_stray_nul_byte_costs_its_line_not_the_file(tmp_path):
    path = tmp_path / "nul.jsonl"
    path.write_bytes(
        b'{"title": "A", "body": "First."}\n'
        b'{"title": "B", "body": "with a \x00 in it"}\n'
        b'{"title": "C", "body": "Third."}\n'
    )
    articles, rejects = read_file(path, IngestConfig())
    assert articles["title"].to_list() == ["A", "C"]
    assert rejects["source_line"].to_list() == [2]
    assert rejects["reason"][0].startswith("line is not valid JSON: Invalid control character")


@pytest.mark.parametrize(
    ("head", "what"),
    [(b"%PDF-1.7\n%text-like header\n", "binary data"), (b"\x1f\x8b\x08\x00", "gzip")],
)
def test_binary_files_are_still_told_apart_by_their_opening_bytes(tmp_path, head, what):
    path = tmp_path / "file.txt"
    path.write_bytes(head + b"plain enough text " * 50)
    articles, rejects = read_file(path, IngestConfig())
    assert articles.height == 0 and what in rejects["reason"][0]


def test_one_broken_record_of_a_json_array_costs_only_itself(tmp_path):
    path = tmp_path / "dump.json"
    path.write_text(
        "[\n"
        '  {"title": "A", "body": "First, with } and ] and \\" inside."},\n'
        '  {"title": "B", "body": "Second.",},\n'  # trailing comma: not JSON
        '  {"title": "C", "body": "Third."}\n'  # missing comma after it
        '  {"title": "D", "body": "Fourth."},\n'
        '  {"title": "E", "body": "cut off\n',
        encoding="utf-8",
    )
    articles, rejects = read_file(path, IngestConfig())
    assert articles["title"].to_list() == ["A", "C", "D"]
    assert articles["source_line"].to_list() == [1, 3, 4]  # the record's index, as before
    assert articles["body"][0] == 'First, with } and ] and " inside.'
    assert rejects["source_line"].to_list() == [2, 5]
    assert rejects["reason"][0].startswith("record 2 (line 3) is not valid JSON")
    assert rejects["raw"].to_list() == [
        '{"title": "B", "body": "Second.",}',
        '{"title": "E", "body": "cut off',
    ]


@pytest.mark.parametrize(
    ("value", "published", "warning"),
    [
        # a spreadsheet's day number (Excel, LibreOffice), not 12:36 on 1970-01-01
        (45413, "2024-05-01 00:00", "date: 45413 read as a spreadsheet day number"),
        ("45413.5", "2024-05-01 12:00", "date: '45413.5' read as a spreadsheet day number"),
        # a year alone is no date, not 00:33:44 on 1970-01-01
        ("2024", None, "date: '2024' is a year alone, not a date; published_at left empty"),
        (2024, None, "date: 2024 is a year alone, not a date; published_at left empty"),
        (1714521600, "2024-05-01 00:00", None),  # Unix seconds stay Unix seconds
    ],
)
def test_a_date_given_as_a_small_number_is_read_or_refused_not_put_in_1970(
    tmp_path, value, published, warning
):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"title": "A", "body": "B.", "date": value}) + "\n")
    articles, _ = read_file(path, IngestConfig())
    row = articles.row(0, named=True)
    got = row["published_at"].strftime("%Y-%m-%d %H:%M") if row["published_at"] else None
    assert got == published
    extra = json.loads(row["extra"])
    warnings = extra.get("_warnings", [])
    if warning is None:
        assert warnings == []
    else:
        assert warnings[0].startswith(warning)
        assert extra["date"] == value  # the value as given is kept


def test_one_broken_record_in_a_wrapper_object_costs_only_itself(tmp_path):
    path = tmp_path / "newsapi.json"
    path.write_text(
        '{\n  "status": "ok",\n  "tags": ["x"],\n  "articles": [\n'
        '    {"title": "A", "content": "First."},\n'
        "    {'title': 'B', 'content': 'single quotes'},\n"
        '    {"title": "C", "content": "Third."}\n'
        "  ]\n}\n"
        "trailing words make the document invalid\n",
        encoding="utf-8",
    )
    articles, rejects = read_file(path, IngestConfig())
    assert articles["title"].to_list() == ["A", "C"]
    assert rejects.select("source_line", "raw").rows() == [
        (2, "{'title': 'B', 'content': 'single quotes'}")
    ]
