"""The nearest-story search of `add` at a long window (incremental._index_stories): the
stored articles of the last EXACT_RECENT_DAYS around the new ones are compared exactly,
the HNSW index answers for the older ones only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import polars as pl

from clustering.cluster import incremental
from clustering.cluster.incremental import (
    EXACT_RECENT_DAYS,
    INDEX_DEPTH,
    VectorIndex,
    _exact_candidates,
    _hnsw,
    _index_stories,
    recent_keys,
)
from clustering.config import load_config

CONFIG = load_config(None, compare={"enabled": False}).cluster
DAY0 = datetime(2024, 1, 1, tzinfo=UTC)


def test_recent_keys_are_near_some_new_day_not_between_the_first_and_last():
    key_days = np.array([0.0, 5.0, 10.0, 20.0, np.nan, 100.0, 103.0])
    # Near 12 (10) and near 99 (100, 103); 20 lies between them but near neither, and an
    # undated stored article is never recent (the index answers for it).
    got = recent_keys(key_days, np.array([12.0, np.nan, 99.0]), 4.0)
    assert got.tolist() == [2, 5, 6]
    assert recent_keys(key_days, np.array([np.nan]), 4.0).tolist() == []
    assert recent_keys(key_days, np.array([20.0]), 0.0).tolist() == [3]


def _index(vectors: np.ndarray, days: list[float], build: bool) -> VectorIndex:
    """A VectorIndex of `vectors` (keys in row order, published on `days`), its HNSW
    graph holding them when `build`, else empty (an index that finds nothing)."""
    dim = vectors.shape[1]
    keys = pl.DataFrame(
        {
            "article_id": [f"a{i:03d}" for i in range(len(vectors))],
            "published_at": [DAY0 + timedelta(days=d) for d in days],
        }
    )
    main = _hnsw(dim)
    if build:
        main.add(np.arange(len(vectors), dtype=np.uint64), vectors)
    return VectorIndex(main, None, _hnsw(dim), keys, [], vectors.astype(np.float32))


def test_exact_candidates_are_the_most_similar_above_the_threshold_within_the_gap():
    rng = np.random.default_rng(3)
    stored = rng.standard_normal((300, 8)).astype(np.float32)
    stored /= np.linalg.norm(stored, axis=1, keepdims=True)
    new = stored[:5] + 0.3 * rng.standard_normal((5, 8)).astype(np.float32)
    new /= np.linalg.norm(new, axis=1, keepdims=True)
    days = rng.uniform(0, 40, 300)
    index = _index(stored, days.tolist(), build=False)
    keys = np.arange(0, 300, 2, dtype=np.int64)  # every other stored article
    new_days = np.array([20.0, 20.0, np.nan, 5.0, 39.0])
    epoch = DAY0.timestamp() / 86400  # _exact_candidates compares days since 1970
    got = _exact_candidates(new, epoch + new_days, index, keys, 0.1, 10.0)
    sims = new @ stored[keys].T
    for query in range(5):
        far = np.abs(days[keys] - new_days[query]) > 10.0  # NaN: never too far
        ok = np.flatnonzero((sims[query] >= 0.1) & ~far)
        ranked = ok[np.lexsort((keys[ok], -sims[query, ok]))][:INDEX_DEPTH]
        rows = got.filter(pl.col("query") == query)
        assert rows["key"].to_list() == keys[ranked].tolist()
        assert np.allclose(rows["similarity"].to_numpy(), sims[query, ranked], atol=1e-6)
    # Some pairs were dropped for the gap and the threshold, so the test means something.
    assert got.height < 5 * len(keys)


class _Assignments:
    """What _index_stories reads of a corpus: the stored articles' stories."""

    def __init__(self, frame: pl.DataFrame) -> None:
        self.frame = frame

    def scan(self, name: str, ordered: bool = True) -> pl.LazyFrame:
        assert name == "assignments"
        return self.frame.lazy()


def test_recent_stored_articles_are_found_exactly_and_old_ones_by_the_index(monkeypatch):
    rng = np.random.default_rng(5)
    dim = 32
    # Four stored articles along their own axes: two recent (day 100), two old (day 0);
    # 100 unrelated ones elsewhere. The new article (day 101) is near all four.
    axes = np.eye(dim, dtype=np.float32)[:4]
    noise = rng.standard_normal((100, dim)).astype(np.float32)
    noise[:, :4] = 0.0
    stored = np.vstack([axes, noise / np.linalg.norm(noise, axis=1, keepdims=True)])
    days = [100.0, 100.0, 0.0, 0.0] + rng.uniform(0, 100, 100).tolist()
    new = np.full((1, dim), 0.0, dtype=np.float32)
    new[0, :4] = 0.5
    fresh = pl.DataFrame({"published_at": [DAY0 + timedelta(days=101)]})
    stories = pl.DataFrame(
        {
            "article_id": [f"a{i:03d}" for i in range(len(stored))],
            "story_id": ["recent1", "recent2", "old1", "old2"] + [f"other{i}" for i in range(100)],
        }
    )
    corpus = _Assignments(stories)
    assert 101 - 100 <= EXACT_RECENT_DAYS < 101 - 0
    # An index that finds nothing: the recent stories are still found (exactly), and
    # the old ones are not (only the index answers for them).
    index = _index(stored, days, build=True)
    real = incremental._search

    def finds_nothing(graph, vectors, depth):  # type: ignore[no-untyped-def]
        keys, distances, valid = real(graph, vectors, depth)
        return keys, distances, np.zeros_like(valid)

    monkeypatch.setattr(incremental, "_search", finds_nothing)
    touched = _index_stories(index, corpus, fresh, new, CONFIG)  # type: ignore[arg-type]
    assert touched == {"recent1", "recent2"}
    # With the graph, the old ones too: three stories, ties broken by article_id.
    monkeypatch.setattr(incremental, "_search", real)
    touched = _index_stories(index, corpus, fresh, new, CONFIG)  # type: ignore[arg-type]
    assert touched == {"recent1", "recent2", "old1"}
    assert incremental.NEIGHBOUR_STORIES == 3
