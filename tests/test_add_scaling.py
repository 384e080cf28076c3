"""issue 13: what an `add` compares, re-clusters and reads follows the articles added
and the days they fall in, not how much history the corpus holds; and the store
benchmark's corpora differ only in that history (benchmarks.replay._cached_corpus).

Counts, never timings: the same batch is added to a corpus of the last 30 days and to
one of 5 months ending with the same 30 days (benchmarks.synthetic, written straight
through `Corpus` as the store benchmark writes its corpora), and the add's record in
its commit (incremental.attach) is compared."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from benchmarks import replay
from benchmarks.synthetic import SyntheticCorpus, SyntheticSpec, generate
from clustering.cluster.incremental import INDEX_DEPTH
from clustering.config import load_config
from clustering.corpus import Corpus
from clustering.embed import embedding_texts
from clustering.pipeline import add

#: 20 articles a day: 3,000 articles span 150 days. The batch is the last 60 (3 days),
#: the short corpus the 600 before it (30 days), the long one all 2,940 before it.
PER_DAY, N, BATCH, SHORT = 20.0, 3_000, 60, 600


@pytest.fixture(scope="module")
def stream() -> SyntheticCorpus:
    return generate(SyntheticSpec(n_articles=N, seed=3, articles_per_day=PER_DAY))


def _add_batch(
    stream: SyntheticCorpus, history: int, max_gap_days: float, folder: Path
) -> tuple[dict, pl.DataFrame]:
    """Write the `history` articles before the batch as a corpus, add the batch (its
    vectors given), and return the add's record and the batch's assignments."""
    start = N - BATCH - history
    part = SyntheticCorpus(stream.articles.slice(start), stream.vectors[start:])
    replay._written_corpus(folder / "c", part, history)
    batch = part.articles.tail(BATCH)
    batch.select("article_id", "outlet", "url", "title", "body", "published_at").write_ndjson(
        folder / "new.jsonl"
    )
    embedder = replay._GivenVectors(
        embedding_texts(batch, "title_body").to_list(), part.vectors[history:]
    )
    config = load_config(None, compare={"enabled": False}, cluster={"max_gap_days": max_gap_days})
    add([folder / "new.jsonl"], folder / "c", config, embedder)
    corpus = Corpus(folder / "c")
    assigned = (
        corpus.read("assignments")
        .filter(pl.col("article_id").is_in(batch["article_id"].implode()))
        .select("article_id", "story_id")
    )
    return corpus.manifest["attach"], assigned


def test_a_windowed_add_compares_reclusters_and_reads_the_same_whatever_the_history(
    stream: SyntheticCorpus, tmp_path: Path
) -> None:
    short, _ = _add_batch(stream, SHORT, 10.0, tmp_path / "short")
    long, _ = _add_batch(stream, N - BATCH, 10.0, tmp_path / "long")
    # The window (10 days either side of the batch's 3) holds about 13 days of the 30:
    # the 4.9x longer history adds no stored vector compared, no story touched, no row
    # re-clustered (read with its text). What the re-clustering then changes may differ
    # a little: the sparse features weigh words by the whole corpus's frequencies.
    assert 0 < short["compared_exactly"] < SHORT
    assert long["compared_exactly"] == short["compared_exactly"]
    for key in ("touched_stories", "reclustered", "stored_reclustered"):
        assert long[key] == short[key], key
    assert short["stored_reclustered"] > 0  # stored stories were re-clustered with the batch


def test_an_indexed_add_compares_a_fortnight_exactly_and_a_bounded_answer_of_the_index(
    stream: SyntheticCorpus, tmp_path: Path
) -> None:
    short, _ = _add_batch(stream, SHORT, 3650.0, tmp_path / "short")
    long, _ = _add_batch(stream, N - BATCH, 3650.0, tmp_path / "long")
    # Exactly: the stored articles within EXACT_RECENT_DAYS of a new one, the same
    # fortnight in both; the index (main and side) answers INDEX_DEPTH a new article at
    # most, whatever it holds.
    assert long["compared_exactly"] == short["compared_exactly"] > 0
    assert short["compared_exactly"] < SHORT
    assert long["compared_by_index"] <= 2 * INDEX_DEPTH * BATCH
    assert long["compared_by_index"] >= BATCH  # the index answered every new article


def test_the_benchmark_corpora_are_the_ends_of_one_stream_with_the_same_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(replay, "STORE_CACHE", tmp_path)
    monkeypatch.setattr(replay, "STREAM_ARTICLES", 1_500)
    replay._stream.cache_clear()
    try:
        small = replay._cached_corpus(500, 50, 2)
        large = replay._cached_corpus(1_500, 50, 2)
    finally:
        replay._stream.cache_clear()
    for name in ("new0.jsonl", "new1.jsonl"):
        assert (small / name).read_bytes() == (large / name).read_bytes()
    assert np.array_equal(np.load(small / "new.npy"), np.load(large / "new.npy"))
    assert json.loads((small / "new_texts.json").read_text()) == json.loads(
        (large / "new_texts.json").read_text()
    )
    small_ids = Corpus(small / "corpus").read("articles")["article_id"]
    large_ids = Corpus(large / "corpus").read("articles")["article_id"]
    assert small_ids.len() == 500 and large_ids.len() == 1_500
    # The small corpus is the large one's last 500 articles (ids follow the stream).
    stream_order = generate(SyntheticSpec(n_articles=1_600, seed=7)).articles["article_id"]
    assert small_ids.sort().to_list() == sorted(stream_order[1_000:1_500].to_list())
    assert set(small_ids.to_list()) <= set(large_ids.to_list())
