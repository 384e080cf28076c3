from __future__ import annotations

import numpy as np
import pytest

from clustering.cluster import (
    block_distances,
    candidate_graph,
    cluster_vectors,
    merge_clusters,
    sparse_features,
    split_blocks,
)
from clustering.config import ClusterConfig


def _stories(n_stories: int, per_story: int, dim: int = 64, spread: float = 0.15, seed: int = 0):
    """Unit vectors around n_stories random centres, and the true labels."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(n_stories, dim))
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    labels = np.repeat(np.arange(n_stories), per_story)
    vectors = centres[labels] + rng.normal(scale=spread / np.sqrt(dim), size=(len(labels), dim))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors.astype(np.float32), labels


def _same_partition(a, b) -> bool:
    pairs_a = {(x, y) for x, y in zip(a, b, strict=True)}
    return len(pairs_a) == len(set(a)) == len(set(b))


def test_recovers_separated_stories_and_never_drops_an_article():
    vectors, truth = _stories(6, 4)
    days = np.zeros(len(vectors))
    labels, noise = cluster_vectors(vectors, days, ClusterConfig(sparse_weight=0))
    assert len(labels) == len(vectors)
    assert (labels >= 0).all()
    assert _same_partition(labels, truth)
    assert not noise.any()


def test_outlier_becomes_its_own_flagged_story():
    vectors, truth = _stories(3, 4)
    rng = np.random.default_rng(9)
    lone = rng.normal(size=(1, vectors.shape[1])).astype(np.float32)
    lone /= np.linalg.norm(lone)
    vectors = np.vstack([vectors, lone])
    labels, noise = cluster_vectors(vectors, np.zeros(len(vectors)), ClusterConfig(sparse_weight=0))
    assert labels[-1] not in set(labels[:-1])
    assert noise[-1] and not noise[:-1].any()
    assert len(set(labels)) == 4


def test_same_text_weeks_apart_is_two_stories():
    # Two tight groups of near-identical articles, 28 days apart: time splits them.
    vectors, _ = _stories(1, 6, spread=0.3)
    days = np.array([0, 0, 1, 28, 28, 29], dtype=float)
    split, _ = cluster_vectors(vectors, days, ClusterConfig(sparse_weight=0, time_penalty=0.6))
    assert _same_partition(split, [0, 0, 0, 1, 1, 1])
    together, _ = cluster_vectors(vectors, days, ClusterConfig(sparse_weight=0, time_penalty=0.0))
    assert len(set(together)) == 1


def test_unknown_dates_are_compared_with_everything():
    vectors, truth = _stories(2, 3)
    days = np.array([0, 0, 0, np.nan, np.nan, np.nan])
    # rows must be sorted with unknown days last: they are
    labels, _ = cluster_vectors(vectors, days, ClusterConfig(sparse_weight=0))
    assert _same_partition(labels, truth)


def test_candidate_graph_respects_max_gap_and_needs_sorted_days():
    vectors, _ = _stories(1, 4, spread=0.05)
    days = np.array([0.0, 1.0, 40.0, 41.0])
    graph = candidate_graph(vectors, days, ClusterConfig(max_gap_days=30))
    assert graph[0, 1] > 0.9 and graph[2, 3] > 0.9
    assert graph[0, 2] == 0 and graph[1, 3] == 0
    with pytest.raises(ValueError, match="sorted by day"):
        candidate_graph(vectors, np.array([np.nan, 0.0, 1.0, 2.0]), ClusterConfig())


def test_large_blocks_are_split_on_stronger_links():
    vectors, truth = _stories(4, 10, spread=0.6)
    cfg = ClusterConfig(link_similarity=-1.0, max_block_size=12)
    graph = candidate_graph(vectors, np.zeros(len(vectors)), cfg)
    blocks = split_blocks(graph, cfg)
    sizes = np.bincount(blocks.labels)
    assert sizes.max() <= 12
    assert sizes.sum() == len(vectors)


def test_merge_clusters_uses_average_linkage():
    # points 0,1 | 2 | 3 ; mean distance {0,1}-{2} = 0.3, {0,1,2}-{3} = 0.8
    d = np.array(
        [[0, 0.1, 0.3, 0.8], [0.1, 0, 0.3, 0.8], [0.3, 0.3, 0, 0.8], [0.8, 0.8, 0.8, 0]], float
    )
    merged = merge_clusters(np.array([0, 0, 1, 2]), d, threshold=0.5)
    assert merged[0] == merged[1] == merged[2] != merged[3]
    untouched = merge_clusters(np.array([0, 0, 1, 2]), d, threshold=0.2)
    assert len(set(untouched)) == 3


def test_time_penalty_saturates():
    vectors = np.tile(np.eye(1, 8, dtype=np.float32), (3, 1))
    days = np.array([0.0, 5.0, 500.0])
    d = block_distances(vectors, None, days, ClusterConfig(time_penalty=0.2, time_scale_days=5))
    assert d[0, 1] == pytest.approx(0.2 * (1 - np.exp(-1)), abs=1e-6)
    assert d[0, 2] == pytest.approx(0.2, abs=1e-6)


def test_sparse_features_are_unit_rows_and_match_shared_names():
    rows = sparse_features(
        ["Kuleba met Medinsky in Istanbul", "Medinsky and Kuleba in Istanbul", "Rates rise again"]
    )
    norms = np.sqrt(rows.multiply(rows).sum(axis=1)).A.ravel()
    assert np.allclose(norms, 1.0)
    sims = (rows @ rows.T).toarray()
    assert sims[0, 1] > 0.75
    assert sims[0, 2] == 0.0


def test_split_at_gaps_separates_two_bursts_but_keeps_stragglers():
    from clustering.cluster import split_at_gaps

    labels = np.zeros(10, dtype=np.int64)
    bursts = np.array([0, 0, 1, 1, 2, 36, 36, 37, 37, 38], dtype=float)
    split = split_at_gaps(labels, bursts, gap_days=21, min_side=4)
    assert _same_partition(split, [0] * 5 + [1] * 5)
    straggler = np.array([0, 0, 1, 1, 2, 2, 3, 3, 4, 60], dtype=float)
    assert len(set(split_at_gaps(labels, straggler, gap_days=21, min_side=4))) == 1
    unknown = bursts.copy()
    unknown[0] = np.nan
    assert len(set(split_at_gaps(labels, unknown, gap_days=21, min_side=4))) == 1


@pytest.mark.parametrize("bfloat16", [True, False])
@pytest.mark.parametrize(
    "overrides",
    [
        {"max_block_size": 10},
        {"max_gap_days": 5, "max_block_size": 6},
        {"link_similarity": 0.0, "max_block_size": 15},
    ],
)
def test_blocks_from_the_spanning_forests_equal_blocks_of_all_links(overrides, bfloat16):
    import scipy.sparse as sp

    vectors, _ = _stories(8, 12, spread=0.9, seed=5)
    days = np.sort(np.random.default_rng(5).uniform(0, 20, size=len(vectors)))
    cfg = ClusterConfig(**overrides)
    sims = vectors @ vectors.T
    gap = np.abs(days[:, None] - days[None, :])
    dense = np.where((sims >= cfg.link_similarity) & (gap <= cfg.max_gap_days), sims, 0.0)
    np.fill_diagonal(dense, 0.0)
    expected = split_blocks(sp.csr_matrix(dense), cfg).labels
    graph = candidate_graph(vectors, days, cfg, bfloat16=bfloat16)
    got = split_blocks(graph, cfg).labels
    assert _same_partition(got, expected)
    assert np.bincount(got).max() <= cfg.max_block_size
    # Every kept edge carries the exact similarity (float64 dot product, as float32).
    edges = graph.tocoo()
    pairs = vectors[edges.row].astype(np.float64) * vectors[edges.col].astype(np.float64)
    assert edges.nnz > 0
    assert np.array_equal(edges.data, pairs.sum(axis=1).astype(np.float32))


@pytest.mark.parametrize("bfloat16", [True, False])
def test_pairs_just_either_side_of_the_link_threshold_are_decided_exactly(bfloat16):
    # bfloat16 similarities are off by up to ~0.01: pairs 0.0005 above the threshold
    # must still link and pairs 0.0005 below must not.
    rng = np.random.default_rng(3)
    cfg = ClusterConfig()
    rows = []
    for cosine in [cfg.link_similarity + 0.0005, cfg.link_similarity - 0.0005] * 20:
        u, w = np.linalg.qr(rng.standard_normal((384, 2)))[0].T
        rows += [u, cosine * u + np.sqrt(1 - cosine**2) * w]
    vectors = np.asarray(rows, dtype=np.float32)
    graph = candidate_graph(vectors, np.zeros(len(vectors)), cfg, bfloat16=bfloat16)
    linked = [graph[k, k + 1] > 0 for k in range(0, len(vectors), 2)]
    assert linked == [True, False] * 20


def test_compared_pairs_is_the_cost_of_the_candidate_graph_and_shrinks_with_a_window():
    from clustering.cluster import compared_pairs

    days = np.repeat(np.arange(10.0), 500)  # 5,000 articles, 500 a day for 10 days
    # every row of 2,048 articles against all the articles from its first on
    assert compared_pairs(days, 3650) == 2048 * 5000 + 2048 * 2952 + 904 * 904
    # at most a day apart: rows 0-2047 (days 0-4) reach article 2999 (day 5), the next
    # row (days 4-8) reaches the end
    assert compared_pairs(days, 1) == 2048 * 3000 + 2048 * 2952 + 904 * 904
    unknown = np.r_[days, [np.nan] * 100]
    assert compared_pairs(unknown, 1) > compared_pairs(days, 1) + 5000 * 100 - 1


def test_cluster_vectors_reports_progress_per_stage():
    vectors, _ = _stories(6, 5)
    calls = []
    cluster_vectors(
        vectors, np.zeros(len(vectors)), ClusterConfig(), progress=lambda *c: calls.append(c)
    )
    stages = [stage for stage, _, _ in calls]
    assert stages[0] == "link" and stages[-1] == "cluster"
    assert calls[-1] == ("cluster", 30, 30)
    link = [c for c in calls if c[0] == "link"]
    assert link[-1][1] == link[-1][2]
