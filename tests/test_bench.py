"""The bench runner of benchmarks/bench.py: a labelled set through the pipeline, scored."""

from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import make_story_records

from benchmarks.bench import INPUT_FIELDS, bench, load_labelled, main


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


def test_the_command_line_refuses_a_dataset_that_is_not_a_file(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([str(tmp_path / "missing.jsonl")])
    assert exit_info.value.code == 2
    assert "missing.jsonl' is not a file" in capsys.readouterr().err
