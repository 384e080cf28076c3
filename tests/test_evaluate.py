from __future__ import annotations

import json
from itertools import combinations

import numpy as np
import pytest
from conftest import make_story_records

from clustering.evaluate import (
    INPUT_FIELDS,
    bcubed,
    bench,
    contingency,
    load_labelled,
    noise_as_singletons,
    pairwise,
    score,
)


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


def _labelled_file(path):
    """A small labelled JSONL in the shared schema (fictional outlets and events)."""
    stories = [
        (
            "harbor",
            "Harbor bridge closes for repairs after cracks found in steel beams.",
            "2024-03-04",
        ),
        ("vote", "City council votes to expand night bus service across the river.", "2024-03-05"),
        (
            "flood",
            "Heavy rain floods the valley villages and closes the mountain pass.",
            "2024-03-20",
        ),
    ]
    lines = []
    for topic, words, day in stories:
        for record in make_story_records(topic, words, day, ["Lantern", "Sentinel", "Meridian"]):
            lines.append(
                {
                    "id": record["id"],
                    "dataset": "toy",
                    "cluster_id": f"gold-{topic}",
                    "cluster_label": words,
                    "title": record["title"],
                    "lead": "",
                    "body": record["body"],
                    "outlet": record["outlet"],
                    "url": record["url"],
                    "date": day,
                    "lang": "en",
                    "extra": {"story_link": f"/story/{topic}"},
                }
            )
    path.write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    return lines


def test_load_labelled_keeps_gold_out_of_the_articles(tmp_path):
    records = _labelled_file(tmp_path / "toy.jsonl")
    articles, gold = load_labelled(tmp_path / "toy.jsonl")
    assert articles.height == gold.height == len(records)
    assert gold["article_id"].to_list() == articles["article_id"].to_list()
    assert sorted(gold["gold_story"].unique()) == ["gold-flood", "gold-harbor", "gold-vote"]
    # No gold field, no annotation from `extra`, not even the original ids reach ingest.
    flat = articles.select("source_id", "extra", "title", "body").write_csv()
    for leak in ("gold-", "cluster", "story_link", "harbor-0"):
        assert leak not in flat
    assert set(articles["source_id"]) == {f"r{i}" for i in range(1, len(records) + 1)}
    assert "title" in INPUT_FIELDS and "cluster_id" not in INPUT_FIELDS


def test_bench_runs_the_pipeline_and_reports_the_promised_keys(tmp_path, word_embedder):
    _labelled_file(tmp_path / "toy.jsonl")
    toy_baseline_calls = []

    def one_story(articles, vectors, n_stories):
        toy_baseline_calls.append((articles.height, vectors.shape, n_stories))
        return np.zeros(articles.height, dtype=np.int64)

    result = bench(
        tmp_path / "toy.jsonl",
        embedder=word_embedder,
        cache_dir=tmp_path / "cache",
        baselines={"one_story": one_story},
    )
    for key in (
        "bcubed_f1",
        "bcubed_p",
        "bcubed_r",
        "pairwise_f1",
        "ari",
        "nmi",
        "n_pred",
        "n_gold",
        "articles_per_s",
        "peak_rss_mb",
        "dataset_sha256",
        "seconds",
    ):
        assert key in result, key
    assert result["n_gold"] == 3 and result["n_articles"] == 9
    assert result["bcubed_f1"] == pytest.approx(1.0)
    assert result["n_embedded"] == 9
    assert result["peak_rss_mb"] > 0 and result["articles_per_s"] > 0
    assert set(result["seconds"]) >= {"ingest", "embed", "cluster"}
    json.dumps(result)  # JSON-ready
    # The baseline saw the same 9 articles and vectors, and was told 3 stories.
    assert toy_baseline_calls == [(9, (9, 384), 3)]
    told = result["baselines"]["one_story"]
    assert told["n_pred"] == 1 and told["bcubed_r"] == pytest.approx(1.0)
    assert told["bcubed_p"] == pytest.approx(1 / 3)
    # A second run embeds nothing: the cache is on disk.
    again = bench(tmp_path / "toy.jsonl", embedder=word_embedder, cache_dir=tmp_path / "cache")
    assert again["n_embedded"] == 0 and again["bcubed_f1"] == result["bcubed_f1"]


def test_duplicates_are_scored_with_their_canonical_story(tmp_path, word_embedder):
    lines = _labelled_file(tmp_path / "toy.jsonl")
    copy = dict(lines[0], id="copy-1", outlet="Echo")  # same URL and text: a flagged copy
    with open(tmp_path / "toy.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(copy) + "\n")
    result = bench(tmp_path / "toy.jsonl", embedder=word_embedder, cache_dir=tmp_path / "cache")
    assert result["n_duplicates"] == 1
    assert result["n_articles"] == 10
    assert result["bcubed_f1"] == pytest.approx(1.0)
