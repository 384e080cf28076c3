"""`add` re-clusters a bounded sample of each touched story (incremental.sample_members);
the members left out follow where the sample goes, and only stories that an article
joined or left are rebuilt."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import polars as pl
from conftest import WordHashEmbedder, make_story_records

from clustering import pipeline
from clustering.cluster import incremental
from clustering.cluster.incremental import _followed, sample_members
from clustering.config import load_config
from clustering.corpus import Corpus
from clustering.pipeline import add, run

NO_COMPARE = load_config(None, compare={"enabled": False})
OUTLETS = [f"Outlet {name}" for name in "ABCDEFGH"]


def _unit(rows: list[list[float]]) -> np.ndarray:
    vectors = np.asarray(rows, dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_a_small_story_is_kept_whole_and_a_big_one_sampled_near_the_batch_and_its_core():
    # Story "big": 6 members; "small": 2. The new article points along x.
    members = pl.DataFrame(
        {
            "article_id": ["b1", "b2", "b3", "b4", "b5", "b6", "s1", "s2"],
            "story_id": ["big"] * 6 + ["small"] * 2,
        }
    )
    vectors = _unit(
        [
            [1.0, 0.1, 0.0],  # b1: nearest the new article
            [0.8, 0.6, 0.0],  # b2: second nearest
            [0.0, 1.0, 0.0],  # b3..b5: along y, as the story's centroid mostly is
            [0.1, 1.0, 0.1],
            [0.0, 1.0, 0.2],
            [0.0, 0.0, 1.0],  # b6: an outlier, neither near the batch nor the core
            [1.0, 0.0, 0.0],
            [0.0, 1.0, 0.0],
        ]
    )
    new = _unit([[1.0, 0.0, 0.0]])
    chosen = sample_members(members, vectors, new, per_story=4)
    # 2 nearest the new article (b1, b2), then 2 nearest the centroid, which leans to
    # x and z too (b1, b2, b6): b4 and b5 before b3.
    assert members.filter(chosen)["article_id"].to_list() == ["b1", "b2", "b4", "b5", "s1", "s2"]
    # A sample as large as the story keeps every member.
    assert sample_members(members, vectors, new, per_story=6).all()


def test_members_left_out_follow_where_most_of_their_story_went():
    sampled = pl.DataFrame(
        {"article_id": ["a1", "a2", "a3", "c1", "c2"], "story_id": ["A", "A", "A", "C", "C"]}
    )
    relabelled = pl.DataFrame(
        {
            "article_id": ["a1", "a2", "a3", "c1", "c2", "new"],
            # A: two of three went to M (merged), C split evenly: the smaller id wins.
            "story_id": ["M", "M", "A", "C", "Z", "M"],
        }
    )
    rest = pl.DataFrame(
        {
            "article_id": ["a9", "c9", "d9"],
            "story_id": ["A", "C", "D"],  # D was not re-clustered at all: it stays
            "is_noise": [False, True, False],
        }
    )
    followed = _followed(rest, sampled, relabelled).sort("article_id")
    assert followed.rows() == [("a9", "M", False), ("c9", "C", True), ("d9", "D", False)]


def _write(path: Path, events: list[tuple[str, str, str, int]]) -> Path:
    records = []
    for topic, words, day, n_outlets in events:
        records += make_story_records(topic, words, day, OUTLETS[:n_outlets])
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def _add_with_sample(tmp_path: Path, name: str, per_story: int, monkeypatch) -> Corpus:
    monkeypatch.setattr(incremental, "MEMBERS_PER_STORY", per_story)
    base = _write(
        tmp_path / "base.jsonl",
        [
            (
                "talks",
                "Delegations met in Istanbul for peace talks on a ceasefire.",
                "2022-03-29",
                8,
            ),
            ("fire", "Warehouse fire destroyed chemical storage at the port.", "2022-04-02", 3),
        ],
    )
    more = _write(
        tmp_path / "more.jsonl",
        [
            # Two more articles on the talks, the day after.
            (
                "talks2",
                "Delegations met again in Istanbul for peace talks on a ceasefire.",
                "2022-03-30",
                2,
            ),
            (
                "quake",
                "Earthquake shook coastal towns and damaged the harbour bridge.",
                "2022-04-03",
                3,
            ),
        ],
    )
    path = tmp_path / name
    run([base], path, NO_COMPARE, embedder=WordHashEmbedder())
    add([more], path, NO_COMPARE, embedder=WordHashEmbedder())
    return Corpus(path)


def test_add_with_a_small_sample_gives_the_stories_of_add_with_every_member(tmp_path, monkeypatch):
    subsets: list[int] = []
    real = pipeline.cluster_articles

    def counting(subset, *args, **kwargs):
        subsets.append(subset.height)
        return real(subset, *args, **kwargs)

    monkeypatch.setattr(pipeline, "cluster_articles", counting)
    whole = _add_with_sample(tmp_path, "whole", 1000, monkeypatch)
    sampled = _add_with_sample(tmp_path, "sampled", 2, monkeypatch)
    # run, add (whole), run, add (sampled): the talks story (8) is re-clustered through
    # 2 of its members, with the 5 new articles.
    assert subsets[1] >= 8 + 5 and subsets[3] <= 2 + 3 + 5

    def stories(corpus: Corpus) -> list[tuple[str, ...]]:
        joined = corpus.read("articles").join(corpus.read("assignments"), on="article_id")
        groups = joined.group_by("story_id").agg(pl.col("source_id").sort())
        return sorted(tuple(g) for g in groups["source_id"].to_list())

    assert stories(sampled) == stories(whole)
    talks = [g for g in stories(sampled) if "talks-0" in g]
    assert talks == [tuple(sorted([*(f"talks-{i}" for i in range(8)), "talks2-0", "talks2-1"]))]
    # The talks story kept its id and its row counts all 10 members; the fire story,
    # which nothing joined, was not rewritten (its updated_at is the run's).
    table = sampled.read("stories")
    assignments = sampled.read("assignments")
    sizes = dict(assignments.group_by("story_id").len().iter_rows())
    assert dict(table.select("story_id", "size").iter_rows()) == sizes
    history = sampled.read("history")
    assert history.filter(pl.col("kind") == "grown")["story_id"].to_list() == [
        assignments.join(
            sampled.read("articles").filter(pl.col("source_id") == "talks-0"), on="article_id"
        )["story_id"][0]
    ]
    fire = sampled.read("articles").filter(pl.col("source_id") == "fire-0")
    fire_story = assignments.join(fire, on="article_id")["story_id"][0]
    built = history.filter(pl.col("kind") == "built")["at"].max()
    assert table.filter(pl.col("story_id") == fire_story)["updated_at"][0] == built


def test_members_vectors_come_from_the_window_read_and_only_older_ones_are_read_again(
    tmp_path, monkeypatch
):
    from datetime import UTC, datetime

    day = [datetime(2024, 3, d, tzinfo=UTC) for d in (1, 20, 21, 22)]
    vectors = _unit([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0]])
    stored = pl.DataFrame(
        {
            "article_id": ["old", "in1", "in2", "undated"],
            "published_at": [day[0], day[1], day[2], None],
            "vector": pl.Series(vectors, dtype=pl.Array(pl.Float32, 3)),
        }
    )
    corpus = Corpus(tmp_path / "c")
    with corpus.transaction("run", fresh=True) as tx:
        tx.write("embeddings", stored)
    window = incremental._Window(stored.slice(1), (day[1], day[3]))  # "old" is outside
    reads: list[list[str]] = []
    real = Corpus.read_rows

    def read_rows(self, name, ids, published_at=None, columns=None):
        reads.append(sorted(ids))
        return real(self, name, ids, published_at, columns)

    monkeypatch.setattr(Corpus, "read_rows", read_rows)
    members = pl.DataFrame(
        {  # a copy inside the window has no vector: never read
            "article_id": ["copy", "in1", "old", "undated", "undated-copy"],
            "published_at": [day[2], day[1], day[0], None, None],
        }
    )
    got = incremental._stored_vectors(corpus, members, None, window).sort("article_id")
    assert got["article_id"].to_list() == ["in1", "old", "undated"]
    expected = vectors[[1, 0, 3]]
    assert np.allclose(np.asarray(got["vector"].to_list(), dtype=np.float32), expected)
    assert reads == [["old"]]  # one read, of the member published before the window
    # A window of every stored original (an undated new article): no read at all.
    got = incremental._stored_vectors(corpus, members, None, incremental._Window(stored, None))
    assert sorted(got["article_id"]) == ["in1", "old", "undated"] and reads == [["old"]]
