"""Interruption, atomic writes, hostile text in exports, and resource limits."""

from __future__ import annotations

import json

import polars as pl
import pytest
from conftest import WordHashEmbedder, make_story_records

from clustering import embed
from clustering.config import load_config
from clustering.corpus import Corpus, write_parquet_atomic
from clustering.export import csv_safe, export_corpus
from clustering.limits import ResourceError, check_disk, check_memory
from clustering.pipeline import run

HOSTILE_TITLE = '<img src=x onerror="alert(1)"> =HYPERLINK("http://evil") **bold** \u202e\u200b'
HOSTILE_BODY = (
    "<script>alert('x')</script> " + "A" * 100_000 + " [link](javascript:alert(1)) \U0001f600"
)
NO_COMPARE = load_config(None, compare={"enabled": False})


def _records():
    out = []
    for topic, words, day in [
        ("talks", "Delegations met in Istanbul for peace talks on a ceasefire.", "2022-03-29"),
        ("fire", "Warehouse fire destroyed chemical storage and forced evacuations.", "2022-04-02"),
    ]:
        out += make_story_records(
            topic, words, day, ["Harbor Daily", "Meridian Post", "Civic Ledger"]
        )
    out.append(
        {
            "id": "evil",
            "outlet": "=cmd|' /C calc'!A0",
            "title": HOSTILE_TITLE,
            "body": HOSTILE_BODY,
            "published_at": "2022-04-02T10:00:00Z",
        }
    )
    return out


def _write(path, records):
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


class _Crash(Exception):
    pass


class _DyingEmbedder(WordHashEmbedder):
    """Embeds `alive` batches, then dies as a killed process would."""

    def __init__(self, alive: int) -> None:
        self.alive = alive

    def encode(self, texts):
        if self.alive == 0:
            raise _Crash("killed")
        self.alive -= 1
        return super().encode(texts)


def test_killed_during_embedding_resumes_from_cache_with_identical_output(tmp_path, monkeypatch):
    monkeypatch.setattr(embed, "SHARD_SIZE", 2)  # 7 articles -> 4 shards
    src = _write(tmp_path / "in.jsonl", _records())
    with pytest.raises(_Crash):
        run([src], tmp_path / "c", NO_COMPARE, embedder=_DyingEmbedder(alive=2))
    assert not Corpus(tmp_path / "c").exists()  # nothing half-built is left to read
    resumed = run([src], tmp_path / "c", NO_COMPARE, embedder=WordHashEmbedder())
    assert resumed.n_embedded == 3  # the 4 texts of the 2 finished shards came from the cache
    clean = run([src], tmp_path / "clean", NO_COMPARE, embedder=WordHashEmbedder())
    for name in ("assignments", "stories"):
        a = resumed.corpus.read(name).drop("updated_at", strict=False)
        b = clean.corpus.read(name).drop("updated_at", strict=False)
        assert a.equals(b)


def test_a_write_that_fails_leaves_the_old_file_whole(tmp_path):
    path = tmp_path / "t.parquet"
    write_parquet_atomic(pl.DataFrame({"a": [1, 2]}), path)

    class Boom(pl.DataFrame):
        def write_parquet(self, fh, *args, **kwargs):
            fh.write(b"PAR1 half")
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_parquet_atomic(Boom({"a": [3]}), path)
    assert pl.read_parquet(path)["a"].to_list() == [1, 2]
    assert [p.name for p in tmp_path.iterdir()] == ["t.parquet"]  # no temp file left behind


def test_hostile_text_survives_exports_intact_and_csv_is_neutralised(tmp_path):
    src = _write(tmp_path / "in.jsonl", _records())
    corpus = run([src], tmp_path / "c", NO_COMPARE, embedder=WordHashEmbedder()).corpus
    stored = corpus.read("articles").filter(pl.col("source_id") == "evil").row(0, named=True)
    # markup and the right-to-left override are kept as text; a trailing zero-width space is trimmed
    assert stored["title"] == HOSTILE_TITLE.removesuffix("\u200b")
    assert stored["body"].count("A") >= 100_000
    for fmt in ("parquet", "jsonl"):
        export_corpus(corpus, fmt, tmp_path / fmt)
    parquet = pl.read_parquet(tmp_path / "parquet" / "articles.parquet")
    assert parquet.filter(pl.col("title") == stored["title"])["body"][0] == stored["body"]
    lines = (tmp_path / "jsonl" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    evil = [json.loads(line) for line in lines if "onerror" in line][0]
    assert evil["body"] == stored["body"] and evil["title"] == stored["title"]
    export_corpus(corpus, "csv", tmp_path / "csv")
    table = pl.read_csv(tmp_path / "csv" / "articles.csv", infer_schema_length=0)
    row = table.filter(pl.col("title").str.contains("onerror")).row(0, named=True)
    assert row["outlet"] == "'=cmd|' /C calc'!A0"
    assert row["body"] == stored["body"]


def test_csv_safe_prefixes_every_formula_start():
    frame = pl.DataFrame({"t": ["=1+1", "+1", "-1", "@SUM(A1)", "plain", "a=b"], "n": [1] * 6})
    assert csv_safe(frame)["t"].to_list() == ["'=1+1", "'+1", "'-1", "'@SUM(A1)", "plain", "a=b"]
    assert csv_safe(frame)["n"].to_list() == [1] * 6


def test_limits_say_what_to_do_instead(tmp_path):
    with pytest.raises(ResourceError, match="storylens add"):
        check_memory(1_000_000, available=1024**3)
    check_memory(1_000, available=1024**3)
    with pytest.raises(ResourceError, match="--out on another disk"):
        check_disk(tmp_path / "corpus", input_bytes=10**18, n_articles=1)
    check_disk(tmp_path / "corpus", input_bytes=1000, n_articles=10)


def test_export_of_a_missing_corpus_is_a_clear_error(tmp_path):
    from clustering.corpus import CorpusError

    with pytest.raises(CorpusError, match="storylens run"):
        export_corpus(Corpus(tmp_path / "nothing"), "csv", tmp_path / "out")


def test_csv_safe_writes_nested_values_as_json():
    frame = pl.DataFrame(
        {"diff": [[{"kind": "delete", "text": "=a"}], []], "tags": [["x", "y"], []]}
    )
    out = csv_safe(frame)
    assert out["diff"].to_list() == ['[{"kind": "delete", "text": "=a"}]', "[]"]
    assert out["tags"].to_list() == ["x; y", ""]


def test_corpus_files_are_readable_by_others_as_plain_files_are(tmp_path):
    import os
    import stat

    from clustering.schema import REJECTS

    old = os.umask(0o022)
    try:
        corpus = Corpus(tmp_path / "c")
        corpus.write("rejects", pl.DataFrame(schema=REJECTS))
        modes = {
            path.relative_to(corpus.path).parts[0]: stat.S_IMODE(path.stat().st_mode)
            for path in corpus.path.rglob("*")
            if path.is_file() and not path.name.endswith(".lock")
        }
    finally:
        os.umask(old)
    # mkstemp alone gives 0600: a shared corpus unreadable to others. Every file: the
    # table's data and log, and the corpus log.
    assert modes == {"rejects": 0o644, "_commits": 0o644}
