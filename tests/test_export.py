"""Exports as a researcher uses them: every article column, files any reader opens, and a
data dictionary that says what each column means."""

from __future__ import annotations

import json

import polars as pl
from conftest import ROOT, WordHashEmbedder, make_story_records

from clustering import datadict
from clustering.config import load_config
from clustering.export import export_corpus
from clustering.pipeline import run
from clustering.schema import ARTICLES

NO_COMPARE = load_config(None, compare={"enabled": False})


def _corpus(tmp_path):
    records = make_story_records("port", "storm closes the port of Easthaven", "2024-05-03", ["Harbor Times", "Valley Gazette"])  # fmt: skip
    records[0]["gold_event"] = "E7"  # a field StoryLens has no column for: kept in extra
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return run([src], tmp_path / "c", NO_COMPARE, embedder=WordHashEmbedder()).corpus


def test_articles_export_keeps_every_column_and_jsonl_reads_back(tmp_path):
    corpus = _corpus(tmp_path)
    written = export_corpus(corpus, "jsonl", tmp_path / "out")
    names = sorted(p.name for p in written)
    # rejects is empty: not written as a 0-byte JSONL that no reader accepts
    assert "rejects.jsonl" not in names and "README.md" in names
    for path in written:
        if path.suffix == ".jsonl":
            assert pl.read_ndjson(path).height > 0
    articles = pl.read_ndjson(tmp_path / "out" / "articles.jsonl")
    assert articles.columns == ["story_id", *ARTICLES.names(), "is_noise"]
    extra = [json.loads(e) for e in articles["extra"].to_list()]
    assert [e.get("gold_event") for e in extra].count("E7") == 1
    assert set(articles["lang"].to_list()) == {"en"}
    assert articles["content_hash"].str.len_chars().to_list() == [16, 16]
    readme = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    assert "| not written (empty) | 0 |" in readme
    assert "| `content_hash` | String | sha256 of the normalised title+body" in readme


def test_every_column_is_documented_and_the_dictionary_is_current():
    undocumented = [
        f"{table.name}.{column}"
        for table in datadict.tables()
        for column, _, meaning in table.columns
        if not meaning
    ]
    assert undocumented == []
    current = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert current == datadict.markdown(), (
        "run: python -m clustering.datadict > docs/data-dictionary.md"
    )
