"""benchmarks/undated.py: the whole neus file's scale figures (issue 19)."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import needs_shared

from benchmarks.streams import cluster_set
from benchmarks.undated import (
    cut_scores,
    half_bcubed,
    log_ranks,
    nearest_is_mate,
    neighbour_pairs,
)
from clustering.evaluate import bcubed


def test_half_bcubed_counts_the_other_half_as_other_stories():
    gold = np.array(["a", "a", "b", "b", "x", "y"])
    halves = np.array(["dev", "dev", "dev", "dev", "test", "test"])
    # Story 0 holds dev story a whole and a test article; b is split in two.
    labels = np.array([0, 0, 1, 2, 0, 3])
    precision, recall, f1 = half_bcubed(gold, labels, halves, "dev")
    # a's two articles: 2 of 3 in their predicted story are a; b's: each alone (1 of 1).
    assert precision == pytest.approx((2 / 3 + 2 / 3 + 1 + 1) / 4)
    # a whole (1, 1); b's articles each hold half of b.
    assert recall == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)
    assert f1 == pytest.approx(2 * precision * recall / (precision + recall))
    # The test half: x shares its story with a's two articles, y is alone.
    assert half_bcubed(gold, labels, halves, "test") == pytest.approx((2 / 3, 1.0, 0.8))


def test_half_bcubed_is_bcubed_when_every_article_is_of_the_half():
    rng = np.random.default_rng(0)
    gold = rng.integers(0, 8, 40).astype(str)
    labels = rng.integers(0, 10, 40)
    halves = np.full(40, "dev")
    assert half_bcubed(gold, labels, halves, "dev") == pytest.approx(bcubed(gold, labels))


def test_nearest_is_mate_reads_each_articles_most_similar_other():
    gold = np.array(["a", "a", "b", "b", "c"])
    sims = np.array(
        [
            [9.0, 0.8, 0.1, 0.9, 0.0],  # nearest is 3 (story b): wrong
            [0.8, 9.0, 0.2, 0.1, 0.0],  # 0: right
            [0.1, 0.2, 9.0, 0.7, 0.0],  # 3: right
            [0.9, 0.1, 0.7, 9.0, 0.0],  # 0: wrong
            [0.0, 0.0, 0.0, 0.0, 9.0],  # no mate: not counted
        ]
    )
    assert nearest_is_mate(gold, sims) == pytest.approx(0.5)


def test_neighbour_pairs_lists_each_articles_nearest_others_first():
    sims = np.array(
        [
            [9.0, 0.1, 0.7, 0.3],
            [0.1, 9.0, 0.2, 0.8],
            [0.7, 0.2, 9.0, 0.1],
            [0.3, 0.8, 0.1, 9.0],
        ]
    )
    rows, cols = neighbour_pairs(sims, 2)
    assert rows.tolist() == [0, 0, 1, 1, 2, 2, 3, 3]
    assert cols.tolist() == [2, 3, 3, 2, 0, 1, 1, 0]
    # More neighbours than others: every other article, once.
    rows, cols = neighbour_pairs(sims[:2, :2], 5)
    assert (rows.tolist(), cols.tolist()) == ([0, 1], [1, 0])


def test_log_ranks_read_each_rows_order_of_the_others():
    sims = np.array([[9.0, 0.1, 0.7], [0.1, 9.0, 0.2], [0.7, 0.2, 9.0]])
    ranks = log_ranks(sims)
    # Row 0: 2 nearest (rank 0), then 1 (rank 1); the diagonal comes last.
    assert ranks[0].tolist() == pytest.approx([np.log1p(2), np.log1p(1), 0.0])
    assert ranks[1].tolist() == pytest.approx([np.log1p(1), np.log1p(2), 0.0])


def test_cut_scores_score_each_half_at_each_threshold():
    gold = np.array(["a", "a", "b", "b"])
    halves = np.array(["dev", "dev", "test", "test"])
    sims = np.full((4, 4), -0.5)
    np.fill_diagonal(sims, 1.0)
    sims[0, 1] = sims[1, 0] = 0.5
    sims[2, 3] = sims[3, 2] = 0.4
    rows = cut_scores(sims, [0.45, 0.0, -1.0], gold, halves)
    assert [r[0] for r in rows] == [0.45, 0.0, -1.0]
    # 0.45: a joins (0.5), b's pair (0.4) stays apart: precision 1, recall 1/2.
    assert rows[0][1:] == pytest.approx((1.0, 2 / 3))
    assert rows[1][1:] == pytest.approx((1.0, 1.0))
    # -1: one story of four, half of it each article's own.
    assert rows[2][1:] == pytest.approx((2 / 3, 2 / 3))


#: neus_allsides undated, cut to the lead, whole file (benchmarks/undated.py, 2026-12-07):
#: 0.830 (issue 19's target 0.85, not met); over the dev half's articles 0.824, the test
#: half's 0.836; plain HDBSCAN 0.778.
NEUS_UNDATED_LEAD_WHOLE_FLOOR = 0.81
NEUS_UNDATED_LEAD_WHOLE_DEV_FLOOR = 0.80


@needs_shared
def test_neus_undated_lead_whole_file_holds_its_floor_above_plain_hdbscan():
    """The whole file: both halves' look-alike events of one topic in one corpus."""
    from benchmarks.streams import hdbscan_set, labelled_set, story_half
    from clustering.config import Config

    stress = labelled_set("neus_allsides", undated=True, lead_only=True)
    labels, _ = cluster_set(stress, Config())
    _, _, f1 = bcubed(stress.gold, labels)
    assert f1 >= NEUS_UNDATED_LEAD_WHOLE_FLOOR  # heuristic against regression
    assert f1 >= bcubed(stress.gold, hdbscan_set(stress)[0])[2]
    halves = np.array([story_half(g.split(":", 1)[1]) for g in stress.gold])
    _, _, dev_f1 = half_bcubed(stress.gold, labels, halves, "dev")
    assert dev_f1 >= NEUS_UNDATED_LEAD_WHOLE_DEV_FLOOR  # heuristic against regression
