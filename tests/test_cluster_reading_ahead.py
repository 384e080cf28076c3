"""What the cluster stage reads of each article alone (`cluster.articles.read_articles`:
hashed words and `ArticleFacts`), read on the extraction thread while the encoder embeds
(issue 14: ~1.7 s of per-article Python was on the cluster stage's critical path): the
same labels and corpus as reading it in the cluster stage, and read once."""

from __future__ import annotations

import logging

import numpy as np
import polars as pl
import pytest

import clustering.cluster.articles as articles_module
import clustering.engine as engine_module
from clustering.cluster import document_frequencies, sparse_features, term_counts, weighted_counts
from clustering.cluster.articles import (
    cluster_articles,
    needs_evidence,
    read_articles,
    sparse_texts,
)
from clustering.cluster.incremental import canonical_order
from clustering.config import CompareConfig, Config, load_config
from clustering.engine import extraction_ahead
from clustering.ingest import load_articles
from clustering.schema import ARTICLES
from tests.conftest import SAMPLE, WordHashEmbedder
from tests.test_extraction_ahead import HashedMiniLM, run_watching


@pytest.fixture(scope="module")
def originals() -> pl.DataFrame:
    ingested = load_articles([SAMPLE / "articles.jsonl"], Config().ingest)
    return canonical_order(ingested.articles.filter(pl.col("duplicate_of").is_null()))


def test_weighted_counts_are_the_sparse_features_and_leave_the_counts_as_they_were(originals):
    texts = sparse_texts(originals)
    counts = term_counts(texts)
    before = counts.copy()
    doc_freq = document_frequencies(counts)
    weighted = weighted_counts(counts, doc_freq, len(texts))
    assert weighted.nnz > 0
    assert (weighted != sparse_features(texts, doc_freq, len(texts))).nnz == 0
    assert (weighted != sparse_features(texts)).nnz == 0  # the IDF of the texts themselves
    assert (counts != before).nnz == 0  # `pipeline.run` reads them again


def test_labels_from_the_articles_read_ahead_are_the_labels_read_in_the_stage(originals):
    config = Config()
    assert needs_evidence(config) and config.cluster.sparse_weight > 0
    vectors = WordHashEmbedder().encode(sparse_texts(originals))
    reading = read_articles(originals, config)
    assert reading.facts is not None and len(reading.facts.names) == originals.height
    doc_freq = document_frequencies(reading.counts)
    n = originals.height
    ahead = cluster_articles(originals, vectors, config, doc_freq, n, reading=reading)
    here = cluster_articles(originals, vectors, config, doc_freq, n)
    np.testing.assert_array_equal(ahead[0], here[0])
    np.testing.assert_array_equal(ahead[1], here[1])
    assert 1 < ahead[0].max() + 1 < n  # stories of several articles, not one of all


def test_no_facts_are_read_where_clustering_reads_none(originals):
    config = load_config(
        cluster={"name_weight": 0.0, "conflict_penalty": 0.0, "cannot_link_cues": 0}
    )
    reading = read_articles(originals, config)
    assert reading.facts is None
    assert reading.counts.shape[0] == originals.height


def _run(tmp_path, name: str, monkeypatch, ahead: bool):
    """`run` of the six test records, with the threads `article_facts` ran on."""
    result, calls = run_watching(
        tmp_path, name, monkeypatch, ahead, articles_module, "article_facts"
    )
    return result, [thread for thread, _ in calls]


def test_a_run_reads_the_facts_once_on_the_extraction_thread_and_writes_the_same_corpus(
    tmp_path, monkeypatch
):
    ahead, ahead_threads = _run(tmp_path, "ahead", monkeypatch, ahead=True)
    plain, plain_threads = _run(tmp_path, "plain", monkeypatch, ahead=False)
    assert ahead_threads == ["storylens-extract-ahead"]
    assert plain_threads == ["MainThread"]
    assert ahead.n_stories == plain.n_stories == 3
    for name in ("assignments", "stories", "term_df", "comparisons/facts"):
        with_ahead = ahead.corpus.read(name).drop("updated_at", strict=False)
        assert with_ahead.height > 0, name
        assert with_ahead.equals(plain.corpus.read(name).drop("updated_at", strict=False)), name


def test_a_reading_that_raises_ahead_is_logged_and_left_to_the_caller(
    tmp_path, monkeypatch, caplog
):
    monkeypatch.setattr(engine_module, "_cores", lambda: 2)
    articles = pl.DataFrame(
        [
            {c: None for c in ARTICLES}
            | {"article_id": "a", "body": "The river flooded 40 homes on Monday.", "lead": ""}
        ],
        schema=ARTICLES,
    )
    read: list[int] = []

    def fails() -> None:
        raise ValueError("no reading")

    with caplog.at_level(logging.WARNING, logger="clustering.engine"):
        with extraction_ahead(None, HashedMiniLM(), articles, tmp_path, CompareConfig(), fails):
            pass
        with extraction_ahead(
            None, HashedMiniLM(), articles, tmp_path, CompareConfig(), lambda: read.append(1)
        ):
            pass
    assert "no reading" in caplog.text
    assert read == [1]
