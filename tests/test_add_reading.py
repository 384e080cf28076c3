"""What the cluster stage reads of each NEW article alone during `add` (hashed words and
`ArticleFacts`, `cluster.articles.read_articles`), read on the extraction thread while the
encoder embeds, as `run` reads it (issue 14), and hashed once: the stored articles it
re-clusters are read in the stage (`read_along`), and the corpus is the one the stage's
own reading writes."""

from __future__ import annotations

import json
import threading
from dataclasses import fields

import numpy as np
import polars as pl
import pytest

import clustering.cluster.articles as articles_module
import clustering.engine as engine_module
import clustering.pipeline as pipeline_module
from clustering.cluster.articles import read_along, read_articles
from clustering.cluster.features import ArticleFacts
from clustering.cluster.incremental import canonical_order
from clustering.config import Config, load_config
from clustering.ingest import load_articles
from tests.conftest import SAMPLE
from tests.test_extraction_ahead import HashedMiniLM, _records


@pytest.fixture(scope="module")
def originals() -> pl.DataFrame:
    ingested = load_articles([SAMPLE / "articles.jsonl"], Config().ingest)
    return canonical_order(ingested.articles.filter(pl.col("duplicate_of").is_null()))


def _assert_same_reading(got, expected) -> None:
    assert got.counts.shape == expected.counts.shape
    assert (got.counts != expected.counts).nnz == 0
    assert got.facts is not None and expected.facts is not None
    for field in fields(ArticleFacts):
        mine, theirs = getattr(got.facts, field.name), getattr(expected.facts, field.name)
        if isinstance(theirs, list):
            assert mine == theirs, field.name
        else:
            np.testing.assert_array_equal(mine, theirs, err_msg=field.name)


def test_a_reading_along_the_known_rows_is_the_reading_of_every_row(originals):
    config = Config()
    # The new articles as `add` reads them ahead (every third row), the subset re-clustered
    # in another order with the stored ones among them.
    fresh = originals.gather(list(range(0, originals.height, 3)))
    known = read_articles(fresh, config)
    subset = originals.sample(fraction=1.0, shuffle=True, seed=3)
    got = read_along(subset, fresh["article_id"], known, config)
    expected = read_articles(subset, config)
    _assert_same_reading(got, expected)
    assert expected.counts.nnz > 0 and any(expected.facts.names)
    # Every row known, and none.
    _assert_same_reading(
        read_along(fresh.reverse(), fresh["article_id"], known, config),
        read_articles(fresh.reverse(), config),
    )
    none_known = read_along(
        subset, pl.Series([], dtype=pl.String), read_articles(fresh[:0], config), config
    )
    _assert_same_reading(none_known, expected)


def test_no_facts_are_read_along_where_clustering_reads_none(originals):
    config = load_config(
        cluster={"name_weight": 0.0, "conflict_penalty": 0.0, "cannot_link_cues": 0}
    )
    fresh = originals[:4]
    got = read_along(originals, fresh["article_id"], read_articles(fresh, config), config)
    assert got.facts is None
    assert (got.counts != read_articles(originals, config).counts).nnz == 0


def _run_then_add(tmp_path, name: str, monkeypatch, ahead: bool):
    """`run` of part of the test records, then `add` of the rest; the threads
    `article_facts` ran on during the add, and the texts each hashing of it hashed."""
    records = _records()
    first = [r for r in records if r["id"] in {"flood-0", "flood-1", "vote-0"}]
    rest = [r for r in records if r not in first]
    (tmp_path / f"{name}-1.jsonl").write_text("\n".join(json.dumps(r) for r in first))
    (tmp_path / f"{name}-2.jsonl").write_text("\n".join(json.dumps(r) for r in rest))
    monkeypatch.setattr(engine_module, "_cores", lambda: 2)  # the test machine may have one
    if not ahead:
        monkeypatch.setattr(engine_module, "_runs_ahead", lambda *args: False)
    corpus = tmp_path / name
    pipeline_module.run([tmp_path / f"{name}-1.jsonl"], corpus, embedder=HashedMiniLM())
    threads: list[str] = []
    hashed: list[int] = []
    facts, counts = articles_module.article_facts, articles_module.term_counts

    def recorded_facts(texts, *args, **kwargs):
        threads.append(threading.current_thread().name)
        return facts(texts, *args, **kwargs)

    def recorded_counts(texts, *args, **kwargs):
        hashed.append(len(texts))
        return counts(texts, *args, **kwargs)

    monkeypatch.setattr(articles_module, "article_facts", recorded_facts)
    monkeypatch.setattr(articles_module, "term_counts", recorded_counts)
    result = pipeline_module.add([tmp_path / f"{name}-2.jsonl"], corpus, embedder=HashedMiniLM())
    monkeypatch.undo()
    return result, threads, hashed


def test_an_add_reads_its_new_articles_ahead_hashes_them_once_and_writes_the_same_corpus(
    tmp_path, monkeypatch
):
    ahead, ahead_threads, ahead_hashed = _run_then_add(tmp_path, "ahead", monkeypatch, True)
    plain, plain_threads, plain_hashed = _run_then_add(tmp_path, "plain", monkeypatch, False)
    # The three new articles ahead, the three stored ones the add re-clusters in the stage.
    assert ahead_threads == ["storylens-extract-ahead", "MainThread"]
    assert plain_threads == ["MainThread", "MainThread"]
    # Each article re-clustered is hashed once: the new ones (then their term statistics
    # and clustering share it), then the stored ones (before: the new ones twice).
    assert ahead_hashed == plain_hashed == [3, 3]
    assert ahead.n_stories == plain.n_stories == 3
    for name in ("assignments", "stories", "history", "term_df", "comparisons/facts"):
        clocks = ["updated_at", "at"]
        with_ahead = ahead.corpus.read(name).drop(clocks, strict=False)
        assert with_ahead.height > 0, name
        assert with_ahead.equals(plain.corpus.read(name).drop(clocks, strict=False)), name
