"""benchmarks/undated_token_align.py: token alignment of two leads measured for the
undated path (issue 19; measured and left out, so only the benchmark's own parts are
tested, on word-piece vectors made up here)."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.undated_token_align import (
    held_out_aucs,
    near_pairs,
    pair_signals,
    piece_idf,
    side_scores,
)


def _e(k: int) -> np.ndarray:
    """The k-th unit vector of 4 dimensions, float32."""
    out = np.zeros(4, dtype=np.float32)
    out[k] = 1.0
    return out


def test_piece_idf_reads_document_frequency_over_the_texts() -> None:
    idf = piece_idf([np.array([1, 2, 2]), np.array([1, 3]), np.array([1])])
    # piece 1 in all three texts: log(4 / 4) = 0; piece 2 in one (counted once): log(4 / 2)
    assert idf[0] == pytest.approx([0.0, np.log(2.0), np.log(2.0)])
    assert idf[1] == pytest.approx([0.0, np.log(2.0)])
    assert idf[2] == pytest.approx([0.0])


def test_side_scores_read_the_worst_content_piece() -> None:
    best = np.array([1.0, 0.2, 0.9])
    idf = np.array([0.1, 2.0, 1.0])
    got = side_scores(best, idf, content=0.5)
    assert got["mean"] == pytest.approx(0.7)
    assert got["idf_mean"] == pytest.approx((0.1 + 0.4 + 0.9) / 3.1)
    assert got["min"] == pytest.approx(0.2)  # the first piece is no content piece
    assert got["mismatch"] == pytest.approx((2.0 * 0.8 + 1.0 * 0.1) / 3.0)
    # no content piece: every piece counts
    assert side_scores(best, idf, content=5.0)["min"] == pytest.approx(0.2)
    assert side_scores(np.array([0.9, 0.5]), np.array([0.1, 0.1]), 5.0)["min"] == pytest.approx(0.5)


def test_pair_signals_tell_a_copy_from_a_lead_with_another_word() -> None:
    # A and C hold the same two pieces; B shares the first and has another second.
    vectors = [np.stack([_e(0), _e(1)]), np.stack([_e(0), _e(2)]), np.stack([_e(0), _e(1)])]
    idf = [np.ones(2), np.ones(2), np.ones(2)]
    pairs = np.array([[0, 1], [0, 2]])
    got = pair_signals(vectors, idf, pairs, content=0.0)
    assert got["bertscore"] == pytest.approx([0.5, 1.0])
    assert got["bertscore_idf"] == pytest.approx([0.5, 1.0])
    assert got["worst_piece"] == pytest.approx([0.0, 1.0])
    assert got["mismatch_idf"] == pytest.approx([-0.5, 0.0])
    # A's background: its first piece matched in both partners (1), its second in C only
    # (0.5); B and C have A alone as partner, so their side is 0.
    assert got["token_csls"] == pytest.approx([(-0.25 + 0.0) / 2, (0.25 + 0.0) / 2])


def test_near_pairs_are_each_pair_once() -> None:
    sims = np.array(
        [
            [1.0, 0.9, 0.1, 0.0],
            [0.9, 1.0, 0.2, 0.1],
            [0.1, 0.2, 1.0, 0.8],
            [0.0, 0.1, 0.8, 1.0],
        ]
    )
    assert near_pairs(sims, 1).tolist() == [[0, 1], [2, 3]]
    # 3's second nearest is 1 (0.1 against 0.0)
    assert near_pairs(sims, 2).tolist() == [[0, 1], [0, 2], [1, 2], [1, 3], [2, 3]]


def test_held_out_aucs_score_only_the_test_pairs() -> None:
    rng = np.random.default_rng(0)
    same = np.array([True, False] * 50)
    path = rng.normal(size=100) + same  # separates, not perfectly
    signals = {"perfect": same.astype(float), "noise": rng.normal(size=100)}
    train = np.arange(100) < 50
    got = held_out_aucs(path, signals, same, train, ~train)
    assert got["pairs"] == 50 and got["same_story"] == 25
    assert 0.6 < got["path"] < 1.0
    assert got["alone"]["perfect"] == 1.0
    assert got["with_path"]["perfect"] == 1.0
    assert got["with_path"]["noise"] < got["with_path"]["perfect"]
