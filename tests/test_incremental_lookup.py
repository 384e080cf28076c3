"""What `add` reads of the stored corpus by id, whatever the corpus's size: a touched
story's members' article rows from the article-rows lookup (Corpus.article_rows, a
SQLite cache named by each commit), exact vectors by row (incremental._read_rows), and
row counts from the Delta log (Corpus.count). Each must give what the table gives."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from conftest import WordHashEmbedder, make_story_records

from clustering.cluster import incremental
from clustering.cluster.incremental import _read_rows
from clustering.config import load_config
from clustering.corpus import LOOKUP_COLUMNS, Corpus
from clustering.ingest import load_articles
from clustering.pipeline import add, run

NO_COMPARE = load_config(None, compare={"enabled": False})
OUTLETS = ["Harbor Daily", "Meridian Post", "Civic Ledger", "Valley Times"]
EVENTS = [
    ("talks", "Delegations met in Istanbul for peace talks on a ceasefire.", "2022-03-29"),
    ("fire", "Warehouse fire destroyed chemical storage and forced evacuations.", "2022-04-02"),
    ("quake", "Earthquake shook coastal towns and damaged the old harbour bridge.", "2022-04-03"),
]
MORE = [
    [("talks", "Delegations met again in Istanbul, the ceasefire talks went on.", "2022-03-30")],
    [("strike", "Rail workers began a national strike over pensions and wages.", "2022-04-04")],
    [
        (
            "fire",
            "The warehouse fire smouldered as evacuations of the district went on.",
            "2022-04-03",
        )
    ],
]


def _write(path: Path, events) -> Path:
    records = [r for event in events for r in make_story_records(*event, OUTLETS)]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def corpus_path(tmp_path) -> Path:
    path = tmp_path / "c"
    run([_write(tmp_path / "base.jsonl", EVENTS)], path, NO_COMPARE, embedder=WordHashEmbedder())
    return path


def _stored(corpus: Corpus) -> pl.DataFrame:
    return corpus.read("articles").select(LOOKUP_COLUMNS).sort("article_id")


def test_run_and_add_keep_a_current_lookup_that_reads_what_the_table_holds(corpus_path, tmp_path):
    corpus = Corpus(corpus_path)
    first = corpus.article_rows()
    assert first is not None  # run wrote it, and its manifest names it
    add([_write(tmp_path / "more.jsonl", MORE[0])], corpus_path, NO_COMPARE, WordHashEmbedder())
    corpus = Corpus(corpus_path)
    # The add extended the same file (no rewrite of what it held) and named it again.
    assert corpus.article_rows() == first
    assert corpus.manifest["article_rows"]["n"] == corpus.count("articles") == 16
    stored = _stored(corpus)
    ids = stored["article_id"].to_list()
    asked = [ids[5], ids[0], ids[11], "absent-id"]  # any order, one id nobody holds
    for columns in (["title", "body", "outlet", "published_at"], ["lead", "duplicate_of"]):
        got = corpus.read_articles(asked, None, columns)
        want = stored.filter(pl.col("article_id").is_in(asked)).select("article_id", *columns)
        assert got.equals(want)  # rows, order (by id) and dtypes (UTC times) alike
    # Columns the lookup does not hold are read from the table.
    assert corpus.read_articles(asked[:2], None, ["url"])["url"].null_count() == 0


def test_ids_the_lookup_lacks_are_read_from_the_table(corpus_path):
    corpus = Corpus(corpus_path)
    stored = _stored(corpus)
    ids = stored["article_id"].to_list()
    path = corpus.article_rows()
    with sqlite3.connect(path) as con:  # a lookup that lost rows (it is only a cache)
        con.execute("DELETE FROM articles WHERE article_id IN (?, ?)", (ids[1], ids[7]))
    con.close()
    asked = ids[:9]
    got = corpus.read_articles(asked, stored["published_at"][:9], ["title", "published_at"])
    assert got.equals(stored.head(9).select("article_id", "title", "published_at"))


def test_a_stale_or_unreadable_lookup_is_never_read(corpus_path, monkeypatch):
    corpus = Corpus(corpus_path)
    stored = _stored(corpus)
    path = corpus.article_rows()
    with sqlite3.connect(path) as con:  # rows a reader must never see
        con.execute("UPDATE articles SET title = 'WRONG'")
    con.close()
    ids = stored["article_id"].to_list()
    # A record whose count is not the table's (a writer that added articles without
    # it) is stale: the table is read.
    record = {"file": path.name, "n": corpus.count("articles") - 1}
    monkeypatch.setattr(Corpus, "manifest", property(lambda self: {"article_rows": record}))
    assert Corpus(corpus_path).article_rows() is None
    assert Corpus(corpus_path).read_articles(ids, None, ["title"])["title"].equals(stored["title"])
    # A damaged file: the table is read.
    record["n"] = corpus.count("articles")
    path.write_bytes(b"not a database" * 100)
    assert Corpus(corpus_path).article_rows() == path
    assert Corpus(corpus_path).read_articles(ids, None, ["title"])["title"].equals(stored["title"])


def test_a_killed_add_leaves_the_committed_lookup_and_the_next_add_reads_right(
    corpus_path, tmp_path
):
    batch = _write(tmp_path / "more.jsonl", MORE[1])
    before = Corpus(corpus_path).manifest["article_rows"]
    # Dies after its articles (and their lookup rows) are written, before its commit.
    with pytest.raises(RuntimeError), Corpus(corpus_path).transaction("add") as writer:
        writer.extend("articles", load_articles([batch], NO_COMPARE.ingest).articles)
        raise RuntimeError("killed")
    corpus = Corpus(corpus_path)
    assert corpus.manifest["article_rows"] == before
    assert corpus.article_rows() is not None and corpus.count("articles") == before["n"]
    add([batch], corpus_path, NO_COMPARE, WordHashEmbedder())
    corpus = Corpus(corpus_path)
    assert corpus.article_rows() is not None
    assert corpus.manifest["article_rows"]["n"] == corpus.count("articles") == before["n"] + 4
    stored = _stored(corpus)
    got = corpus.read_articles(stored["article_id"].to_list(), None, list(LOOKUP_COLUMNS[1:]))
    assert got.equals(stored)


def test_run_overwrite_writes_a_new_lookup_and_the_next_add_removes_the_old(corpus_path, tmp_path):
    old = Corpus(corpus_path).article_rows()
    other = _write(tmp_path / "other.jsonl", MORE[2])
    run([other], corpus_path, NO_COMPARE, embedder=WordHashEmbedder(), overwrite=True)
    corpus = Corpus(corpus_path)
    new = corpus.article_rows()
    assert new is not None and new != old
    ids = _stored(corpus)["article_id"].to_list()
    assert corpus.read_articles(ids, None, ["title"])["title"].equals(_stored(corpus)["title"])
    # The file of the commit before stays for its readers until the next commit.
    assert {p.name for p in new.parent.iterdir()} == {new.name, old.name}
    add([_write(tmp_path / "more.jsonl", MORE[1])], corpus_path, NO_COMPARE, WordHashEmbedder())
    assert {p.name for p in new.parent.iterdir()} == {new.name}


def test_an_add_reading_the_lookup_gives_the_stories_of_one_reading_the_table(
    tmp_path, monkeypatch
):
    """The same adds with and without the lookup: the same assignments, stories (less
    their time) and history."""
    base = _write(tmp_path / "base.jsonl", EVENTS)
    batches = [_write(tmp_path / f"b{i}.jsonl", events) for i, events in enumerate(MORE)]
    results = {}
    for name in ("lookup", "table"):
        if name == "table":
            monkeypatch.setattr(Corpus, "article_rows", lambda self: None)
        path = tmp_path / name
        run([base], path, NO_COMPARE, embedder=WordHashEmbedder())
        for batch in batches:
            add([batch], path, NO_COMPARE, WordHashEmbedder())
        corpus = Corpus(path)
        results[name] = (
            corpus.read("assignments").sort("article_id"),
            corpus.read("stories").drop("updated_at").sort("story_id"),
            corpus.read("history").drop("at"),
        )
    for lookup, table in zip(results["lookup"], results["table"], strict=True):
        assert lookup.equals(table)
    assert results["lookup"][1].height >= 4  # talks, fire, quake, strike at least


def test_rows_read_by_run_equal_those_of_the_map(tmp_path):
    vectors = np.random.default_rng(3).standard_normal((1200, 7)).astype(np.float32)
    np.save(tmp_path / "v.npy", vectors)
    mapped = np.load(tmp_path / "v.npy", mmap_mode="r")
    # The last: 600 runs of one row, in reverse, read by threads (_THREADED_RUNS).
    for rows in (
        [9, 3, 4, 5, 499, 0, 3],
        list(range(500)),
        [],
        [1199],
        [7, 8, 9, 100, 101],
        list(range(1198, -1, -2)),
    ):
        asked = np.asarray(rows, dtype=np.int64)
        assert np.array_equal(_read_rows(mapped, asked), vectors[asked])


def test_index_rows_from_files_and_pending_equal_the_stored_vectors(corpus_path, tmp_path):
    add([_write(tmp_path / "more.jsonl", MORE[1])], corpus_path, NO_COMPARE, WordHashEmbedder())
    corpus = Corpus(corpus_path)
    index = incremental._open_index(corpus, 384)
    assert index.segments and len(index) == 16  # the exact vectors come from files
    keys = np.array([15, 0, 7, 8, 3, 14], dtype=np.int64)
    index.pending = np.ones((2, 384), dtype=np.float32)  # two keys after the files' 16
    got = index.rows(np.concatenate([keys, [16, 17]]))
    stored = corpus.read("embeddings").sort("article_id")
    by_key = index.keys.select("article_id").join(stored, on="article_id", maintain_order="left")
    assert np.array_equal(got[:6], by_key["vector"].to_numpy()[keys])
    assert np.array_equal(got[6:], np.ones((2, 384), dtype=np.float32))


def test_counts_from_the_log_equal_the_rows_read(corpus_path, tmp_path):
    add([_write(tmp_path / "more.jsonl", MORE[1])], corpus_path, NO_COMPARE, WordHashEmbedder())
    corpus = Corpus(corpus_path)
    for name in ("articles", "embeddings", "duplicate_keys", "assignments", "stories", "history"):
        assert corpus.count(name) == corpus.read(name).height, name
    assert corpus.count("marks") == 0  # a table the corpus does not hold: none


def test_a_corpus_named_by_a_relative_path_reads_its_lookup(corpus_path, monkeypatch):
    # `storylens add` is run on "data/corpus" as often as on an absolute path; the lookup's
    # read-only URI must be built from an absolute one (a relative path raised).
    from clustering.corpus import _lookup_rows

    monkeypatch.chdir(corpus_path.parent)
    corpus = Corpus(Path(corpus_path.name))
    path = corpus.article_rows()
    assert not path.is_absolute()
    stored = _stored(corpus)
    ids = stored["article_id"].to_list()[:5]
    rows = _lookup_rows(path, ids, ["article_id", "title"])
    assert rows is not None
    assert rows.sort("article_id").equals(stored.head(5).select("article_id", "title"))
