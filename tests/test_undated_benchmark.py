"""benchmarks/undated.py: the whole neus file's scale figures (issue 19)."""

from __future__ import annotations

import numpy as np
import pytest

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
