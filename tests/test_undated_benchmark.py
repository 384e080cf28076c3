"""benchmarks/undated.py: the whole neus file's scale figures (issue 19)."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import needs_shared

from benchmarks.streams import cluster_set
from benchmarks.undated import half_bcubed, nearest_is_mate
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


#: neus_allsides undated, cut to the lead, whole file (benchmarks/undated.py, 2026-12-06):
#: 0.825 (issue 19's target 0.85, not met); over the dev half's articles 0.816, the test
#: half's 0.833; plain HDBSCAN 0.778.
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
