"""Scoring a clustering against gold stories: metrics only (no runner, no dataset).

All metrics come from one contingency table of gold story x predicted story, so every
metric is O(n) in the number of articles:

- B-cubed precision/recall/F1 (Bagga & Baldwin 1998; Amigó et al. 2009): per article,
  the share of its predicted story that shares its gold story (precision) and the
  share of its gold story that shares its predicted story (recall), averaged.
- Pairwise precision/recall/F1 over pairs of articles put in one story, as Miranda
  et al. (2018) score multilingual news stream clustering.
- ARI, NMI and V-measure from scikit-learn (NMI with the arithmetic mean, which is
  the V-measure with beta 1: both are reported because both are asked for).

The bench runner that feeds these a labelled set through the pipeline lives in
benchmarks/bench.py (datasets and runners are not part of the library).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike, NDArray


def _codes(labels: ArrayLike) -> NDArray[np.int64]:
    return np.unique(np.asarray(labels), return_inverse=True)[1].astype(np.int64).ravel()


def contingency(gold: ArrayLike, pred: ArrayLike) -> sp.csr_matrix:
    """Counts of articles per (gold story, predicted story): sparse int64, shape
    (n_gold_stories, n_pred_stories). Labels may be any hashable values of equal length."""
    g, p = _codes(gold), _codes(pred)
    if len(g) != len(p):
        raise ValueError(
            f"gold and pred must have the same length. Got {len(g)} and {len(p)} instead."
        )
    if len(g) == 0:
        raise ValueError("gold and pred must not be empty. Got 0 articles instead.")
    table = sp.coo_matrix((np.ones(len(g), dtype=np.int64), (g, p)))
    return table.tocsr()  # duplicates (same cell) are summed


def bcubed(gold: ArrayLike, pred: ArrayLike) -> tuple[float, float, float]:
    """B-cubed (precision, recall, F1) of `pred` against `gold`.

    With n_ij articles in gold story i and predicted story j, gold sizes a_i and
    predicted sizes b_j: P = sum n_ij^2 / b_j / n, R = sum n_ij^2 / a_i / n.
    """
    table = contingency(gold, pred).tocoo()
    n = table.sum()
    a = np.asarray(table.sum(axis=1)).ravel()[table.row]
    b = np.asarray(table.sum(axis=0)).ravel()[table.col]
    cells = table.data.astype(np.float64) ** 2
    precision = float((cells / b).sum() / n)
    recall = float((cells / a).sum() / n)
    return precision, recall, _f1(precision, recall)


def pairwise(gold: ArrayLike, pred: ArrayLike) -> tuple[float, float, float]:
    """Pairwise (precision, recall, F1): over pairs of articles, a true positive is a pair
    in one predicted story and one gold story. With no predicted pair precision is 1
    (nothing wrong was claimed); with no gold pair recall is 1."""
    table = contingency(gold, pred)

    def pairs(counts: NDArray[np.int64]) -> float:
        counts = counts.astype(np.float64)
        return float((counts * (counts - 1) / 2).sum())

    together = pairs(table.data)
    pred_pairs = pairs(np.asarray(table.sum(axis=0)).ravel())
    gold_pairs = pairs(np.asarray(table.sum(axis=1)).ravel())
    precision = together / pred_pairs if pred_pairs else 1.0
    recall = together / gold_pairs if gold_pairs else 1.0
    return precision, recall, _f1(precision, recall)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(gold: ArrayLike, pred: ArrayLike) -> dict[str, float | int]:
    """Every clustering metric of `pred` against `gold` (one label per article each).

    Keys: bcubed_p, bcubed_r, bcubed_f1, pairwise_p, pairwise_r, pairwise_f1, ari, nmi,
    v_measure, homogeneity, completeness, n_articles, n_pred, n_gold, singleton_share
    (share of predicted stories with one article), gold_singleton_share.
    """
    from sklearn import metrics

    g, p = _codes(gold), _codes(pred)
    bp, br, bf = bcubed(g, p)
    pp, pr, pf = pairwise(g, p)
    homogeneity, completeness, v_measure = metrics.homogeneity_completeness_v_measure(g, p)
    pred_sizes, gold_sizes = np.bincount(p), np.bincount(g)
    return {
        "bcubed_p": bp,
        "bcubed_r": br,
        "bcubed_f1": bf,
        "pairwise_p": pp,
        "pairwise_r": pr,
        "pairwise_f1": pf,
        "ari": float(metrics.adjusted_rand_score(g, p)),
        "nmi": float(metrics.normalized_mutual_info_score(g, p)),
        "v_measure": float(v_measure),
        "homogeneity": float(homogeneity),
        "completeness": float(completeness),
        "n_articles": len(g),
        "n_pred": len(pred_sizes),
        "n_gold": len(gold_sizes),
        "singleton_share": float((pred_sizes == 1).mean()),
        "gold_singleton_share": float((gold_sizes == 1).mean()),
    }


def noise_as_singletons(labels: ArrayLike) -> NDArray[np.int64]:
    """Labels with every -1 (noise) replaced by a new label of its own, so that noise
    articles are scored as single-article stories (as the pipeline treats them)."""
    out = np.asarray(labels, dtype=np.int64).copy()
    noise = out < 0
    out[noise] = out.max(initial=-1) + 1 + np.arange(int(noise.sum()))
    return out


__all__ = [
    "bcubed",
    "contingency",
    "noise_as_singletons",
    "pairwise",
    "score",
]
