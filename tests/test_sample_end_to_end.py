"""The bundled sample through the real pipeline and the real model: the stories the team
planted come out, the wire copies are grouped, the comparisons are stored."""

from __future__ import annotations

import json

import polars as pl
import pytest
from conftest import ROOT, SAMPLE
from typer.testing import CliRunner

from clustering.cli import app
from clustering.pipeline import run

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample_corpus(tmp_path_factory, embedder):
    out = tmp_path_factory.mktemp("sample") / "corpus"
    return run([SAMPLE], out, embedder=embedder)


def _gold_events(articles: pl.DataFrame) -> pl.DataFrame:
    gold = pl.read_csv(ROOT / "benchmarks" / "gold" / "sample_events.csv")
    key = (
        pl.when(pl.col("source_id").is_null())
        .then(pl.col("source_file").str.replace(r".*data/sample/", ""))
        .otherwise(pl.col("source_id"))
    )
    return articles.with_columns(key.alias("gold_id")).join(
        gold, left_on="gold_id", right_on="id", how="left"
    )


def test_every_record_is_accounted_for(sample_corpus):
    ing = sample_corpus.ingest
    assert ing.n_read == 48
    assert (ing.n_accepted, ing.n_duplicates, ing.n_rejected) == (46, 2, 0)


def test_stories_are_exactly_the_planted_events(sample_corpus):
    corpus = sample_corpus.corpus
    articles = _gold_events(
        corpus.read("articles").join(corpus.read("assignments"), on="article_id")
    )
    assert articles["event"].null_count() == 0
    # one story per event and one event per story: a perfect clustering
    pairs = articles.select("event", "story_id").unique()
    assert pairs.height == articles["event"].n_unique() == articles["story_id"].n_unique() == 10
    stories = corpus.read("stories")
    lone = stories.filter(pl.col("is_singleton"))
    assert lone["headline"].to_list()[0].startswith("Ashby Falls")
    breach = stories.filter(pl.col("headline").str.contains("Brightline")).row(0, named=True)
    assert breach["n_copies"] == 2  # the two syndicated wire copies are not independent


def test_comparisons_find_the_planted_conflicts(sample_corpus):
    corpus = sample_corpus.corpus
    numbers = corpus.read("comparisons/numbers")
    conflicts = numbers.filter(pl.col("status") == "conflict")
    assert conflicts["group_id"].n_unique() >= 6
    talks = corpus.read("stories").filter(pl.col("headline").str.contains("Istanbul|Russia"))
    story = talks["story_id"][0]
    result = CliRunner().invoke(app, ["compare", story, "--corpus", str(corpus.path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"numbers", "quotes", "exclusive_facts"} <= set(data)
    values = {c["value"] for g in data["numbers"] for c in g["claims"]}
    assert 1119 in values
    kuleba = [q for q in data["quotes"] if q["speaker"] and "Kuleba" in q["speaker"]]
    assert kuleba and len(kuleba[0]["article_ids"]) >= 2
    assert data["exclusive_facts"] and all(f["sentence"] for f in data["exclusive_facts"])


def test_cli_stories_and_export(sample_corpus, tmp_path):
    runner = CliRunner()
    corpus = str(sample_corpus.corpus.path)
    listed = runner.invoke(app, ["stories", "--corpus", corpus, "--json"])
    assert listed.exit_code == 0
    rows = [json.loads(line) for line in listed.output.splitlines()]
    assert len(rows) == 10 and rows[0]["size"] >= rows[-1]["size"]
    for fmt in ("csv", "parquet", "jsonl"):
        done = runner.invoke(
            app, ["export", "--format", fmt, "--corpus", corpus, "--out", str(tmp_path / fmt)]
        )
        assert done.exit_code == 0, done.output
        assert (tmp_path / fmt / f"stories.{fmt}").exists()
        assert (tmp_path / fmt / f"compare_numbers.{fmt}").exists()
    stories = pl.read_parquet(tmp_path / "parquet" / "stories.parquet")
    assert stories.height == 10
    bad = runner.invoke(app, ["export", "--format", "xlsx", "--corpus", corpus])
    assert bad.exit_code == 2 and "csv, parquet, jsonl" in bad.output
