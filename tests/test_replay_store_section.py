"""benchmarks.replay.store_section: the RESULTS.md store table and its 1M/100k ratios."""

from __future__ import annotations

from benchmarks.replay import store_section


def _row(base: int, i: int, seconds: float, cpu: float) -> dict:
    return {
        "base": base,
        "corpus": base + i * 1_000,
        "added": 1_000,
        "max_gap_days": 3650.0,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "seconds_by_stage": {"ingest": 1.0, "cluster": seconds - 2.0, "write": 1.0},
        "disk_mb": 12.0,
        "attach": {"reclustered": 900 + i, "rebuilt_articles": 700},
        "compacted": ["assignments"] if i else [],
    }


def test_the_ratio_is_of_the_medians_in_wall_and_cpu_seconds_against_the_target():
    rows = [
        _row(100_000, 0, 10.0, 5.0),
        _row(100_000, 1, 12.0, 7.0),
        _row(1_000_000, 0, 14.0, 7.0),
        _row(1_000_000, 1, 16.0, 8.0),
    ]
    text = store_section(rows, "notes here")
    assert (
        "| 3650 | 101,000 | 12.0 | 7.0 | 1.0 | 10.0 | 1.0 | 12 | 901 | 700 | assignments "
        "| warm | - | - |" in text
    )
    assert (
        "| 3650 | 100,000 | 10.0 | 5.0 | 1.0 | 8.0 | 1.0 | 12 | 900 | 700 | - | warm | - | - |"
        in text
    )
    # wall: 15 / 11 = 1.36 (not met); CPU: 7.5 / 6 = 1.25 (met)
    assert "3650, wall: 1M / 100k = 15.0 s / 11.0 s (medians of 2 and 2 adds) = **1.36x**" in text
    assert "(target <= 1.3x: **not met**)" in text
    assert "3650, CPU: 1M / 100k = 7.5 s / 6.0 s (medians of 2 and 2 adds) = **1.25x**" in text
    assert "(target <= 1.3x: met)" in text
    assert text.startswith("<!-- store:start -->") and text.rstrip().endswith("<!-- store:end -->")
    assert "notes here" in text
    assert "cold" not in text.split("| load |")[1]  # no cold add, no cold lines


def test_cold_first_adds_and_warm_adds_get_their_own_ratios_and_bytes_read():
    rows = [
        _row(100_000, 0, 10.0, 6.0) | {"cold": True, "read_mb": 340.0, "load": 1.5},
        _row(100_000, 1, 8.0, 5.0) | {"cold": False, "read_mb": 17.0, "load": 1.2},
        _row(1_000_000, 0, 14.0, 7.5) | {"cold": True, "read_mb": 1377.0, "load": 2.0},
        _row(1_000_000, 1, 10.0, 6.0) | {"cold": False, "read_mb": 28.0, "load": 2.1},
    ]
    text = store_section(rows)
    assert "| 12 | 900 | 700 | - | cold | 340 | 1.5 |" in text
    assert "| 12 | 901 | 700 | assignments | warm | 28 | 2.1 |" in text
    # cold: wall 14 / 10 = 1.40 (not met), CPU 7.5 / 6 = 1.25 (met); warm 10 / 8 = 1.25
    assert (
        "cold first adds, wall: 1M / 100k = 14.0 s / 10.0 s (medians of 1 and 1 adds) = **1.40x** (target <= 1.3x: **not met**)."
        in text
    )
    assert (
        "cold first adds, CPU: 1M / 100k = 7.5 s / 6.0 s (medians of 1 and 1 adds) = **1.25x** (target <= 1.3x: met)."
        in text
    )
    assert (
        "cold first adds, read: 1M / 100k = 1377.0 MB / 340.0 MB (medians of 1 and 1 adds) = **4.05x**."
        in text
    )
    assert (
        "warm adds, wall: 1M / 100k = 10.0 s / 8.0 s (medians of 1 and 1 adds) = **1.25x**" in text
    )
    assert "warm adds, read: 1M / 100k = 28.0 MB / 17.0 MB" in text


def test_story_recall_of_a_small_index_finds_the_stories_of_the_exact_search(tmp_path):
    """On a corpus of a few dozen articles the HNSW search is exact: the index touches
    the stories the exact search touches, and their members are counted from the
    stored originals (three outlets a story, capped by MEMBERS_PER_STORY)."""
    import json

    import numpy as np
    from conftest import WordHashEmbedder, make_story_records

    from benchmarks.replay import story_recall
    from clustering.cluster.incremental import _open_index, save_vector_index
    from clustering.config import load_config
    from clustering.corpus import Corpus
    from clustering.pipeline import run

    events = [
        ("talks", "Delegations met in Istanbul for peace talks on a ceasefire.", "2022-03-29"),
        ("fire", "Warehouse fire destroyed chemical storage and forced evacuations.", "2022-04-02"),
        (
            "quake",
            "Earthquake shook coastal towns and damaged the old harbour bridge.",
            "2022-04-03",
        ),
        ("strike", "Rail workers began a national strike over pensions and wages.", "2022-04-04"),
        ("flood", "River flooding cut roads and closed schools across the valley.", "2022-04-05"),
        ("vote", "Parliament passed the budget vote after a long overnight debate.", "2022-04-06"),
    ]
    records = [r for e in events for r in make_story_records(*e, ["Alpha", "Beta", "Gamma"])]
    path = tmp_path / "base.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    config = load_config(None, compare={"enabled": False})
    corpus = run([path], tmp_path / "c", config, embedder=WordHashEmbedder()).corpus
    with corpus.transaction("index") as writer:
        save_vector_index(writer, _open_index(writer, WordHashEmbedder().dim))
    corpus = Corpus(corpus.path)
    stored = corpus.read("embeddings").sort("article_id").head(6)
    vectors = np.stack(stored["vector"].to_list()).astype(np.float32)
    found = story_recall(
        corpus, stored.select("article_id", "published_at"), vectors, config.cluster
    )
    assignments = corpus.read("assignments")
    # Each query is a stored article: its own story is among those touched.
    own = assignments.join(stored.select("article_id"), on="article_id")["story_id"].n_unique()
    assert found["story_recall"] == 1.0
    assert found["touched_index"] == found["touched_exact"] >= own
    assert found["members_exact"] == found["members_index"] == 3 * found["touched_exact"]
