from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest

from clustering.evaluate import bcubed, contingency, noise_as_singletons, pairwise, score


def _bcubed_slow(gold, pred):
    """B-cubed by its definition: per article, over all other articles (O(n^2))."""
    n = len(gold)
    p = r = 0.0
    for i in range(n):
        same_pred = [j for j in range(n) if pred[j] == pred[i]]
        same_gold = [j for j in range(n) if gold[j] == gold[i]]
        p += sum(gold[j] == gold[i] for j in same_pred) / len(same_pred)
        r += sum(pred[j] == pred[i] for j in same_gold) / len(same_gold)
    p, r = p / n, r / n
    return p, r, 2 * p * r / (p + r)


def _pairwise_slow(gold, pred):
    pairs = list(combinations(range(len(gold)), 2))
    in_pred = {(i, j) for i, j in pairs if pred[i] == pred[j]}
    in_gold = {(i, j) for i, j in pairs if gold[i] == gold[j]}
    p = len(in_pred & in_gold) / len(in_pred) if in_pred else 1.0
    r = len(in_pred & in_gold) / len(in_gold) if in_gold else 1.0
    return p, r, (2 * p * r / (p + r)) if p + r else 0.0


def test_bcubed_of_a_hand_computed_example():
    # gold {0,1} {2,3}; pred {0,1,2} {3}
    # precision per article: 2/3, 2/3, 1/3, 1 -> 2/3; recall: 1, 1, 1/2, 1/2 -> 3/4
    p, r, f = bcubed([0, 0, 1, 1], [0, 0, 0, 1])
    assert p == pytest.approx(2 / 3)
    assert r == pytest.approx(3 / 4)
    assert f == pytest.approx(12 / 17)


def test_pairwise_of_a_hand_computed_example():
    # gold pairs (0,1) (2,3); predicted pairs (0,1) (0,2) (1,2): one in common
    assert pairwise([0, 0, 1, 1], [0, 0, 0, 1]) == pytest.approx((1 / 3, 1 / 2, 0.4))


def test_perfect_clustering_scores_one_whatever_the_label_names():
    gold = ["a", "a", "b", "c", "c", "c"]
    pred = [7, 7, 3, 1, 1, 1]
    result = score(gold, pred)
    for key in ("bcubed_p", "bcubed_r", "bcubed_f1", "pairwise_f1", "ari", "nmi", "v_measure"):
        assert result[key] == pytest.approx(1.0), key
    assert result["n_pred"] == result["n_gold"] == 3
    assert result["singleton_share"] == pytest.approx(1 / 3)


def test_all_in_one_story_has_full_recall_and_precision_from_story_sizes():
    gold = [0, 0, 0, 1, 2, 2]  # sizes 3, 1, 2
    p, r, _ = bcubed(gold, [0] * 6)
    assert r == pytest.approx(1.0)
    assert p == pytest.approx((9 + 1 + 4) / 36)
    pp, pr, _ = pairwise(gold, [0] * 6)
    assert pr == pytest.approx(1.0)
    assert pp == pytest.approx(4 / 15)  # 3 + 0 + 1 gold pairs out of 15


def test_all_singletons_have_full_precision_and_recall_one_per_story():
    gold = [0, 0, 0, 1, 2, 2]
    p, r, _ = bcubed(gold, list(range(6)))
    assert p == pytest.approx(1.0)
    assert r == pytest.approx(3 / 6)  # (3 * 1/3 + 1 + 2 * 1/2) / 6
    assert pairwise(gold, list(range(6)))[:2] == pytest.approx((1.0, 0.0))


@pytest.mark.parametrize("seed", range(8))
def test_fast_metrics_equal_the_definitions_on_random_labels(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 60))
    gold = rng.integers(0, rng.integers(1, 12), n)
    pred = rng.integers(0, rng.integers(1, 12), n)
    assert bcubed(gold, pred) == pytest.approx(_bcubed_slow(gold, pred))
    assert pairwise(gold, pred) == pytest.approx(_pairwise_slow(gold, pred))


def test_contingency_counts_and_bad_input():
    table = contingency(["x", "x", "y"], [1, 2, 2]).toarray()
    assert table.tolist() == [[1, 1], [0, 1]]
    with pytest.raises(ValueError, match="same length"):
        contingency([0, 1], [0])
    with pytest.raises(ValueError, match="not be empty"):
        contingency([], [])


def test_noise_becomes_single_article_stories():
    labels = noise_as_singletons(np.array([-1, 0, 0, -1, 1]))
    assert labels.tolist() == [2, 0, 0, 3, 1]
    assert noise_as_singletons(np.array([-1, -1])).tolist() == [0, 1]
