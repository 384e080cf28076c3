"""The clustering stage on Ray (issue 14): the candidate graph's runs of tile rows and
the blocks as Ray tasks give the local engine's stories, on a local Ray of 2 CPUs."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from conftest import SAMPLE, WordHashEmbedder
from scipy.sparse.csgraph import connected_components

from benchmarks.synthetic import SyntheticSpec, generate
from clustering import cluster
from clustering.cluster.articles import cluster_articles, sparse_texts
from clustering.config import load_config
from clustering.pipeline import run

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def ray_engine():
    """One local Ray of 2 CPUs for the module (starting one takes seconds)."""
    import conftest
    from ray import cloudpickle

    from clustering.engine_ray import RayEngine

    # The test embedder lives in conftest, which Ray's workers cannot import: ship it.
    cloudpickle.register_pickle_by_value(conftest)
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield RayEngine()
    ray.shutdown()


@pytest.fixture(scope="module")
def corpus():
    """5,000 synthetic articles (about 1.4 days: three rows of 2,048-row tiles)."""
    return generate(SyntheticSpec(n_articles=5000, seed=3))


def _components(graph, level: float) -> np.ndarray:
    kept = graph.copy().tocsr()
    kept.data[kept.data < level] = 0
    kept.eliminate_zeros()
    return connected_components(kept, directed=False)[1]


@pytest.mark.parametrize("max_gap_days", [3650, 0.5])
def test_the_parts_of_the_candidate_graph_have_its_components_at_every_level(corpus, max_gap_days):
    config = load_config(cluster={"max_gap_days": max_gap_days}).cluster
    days = cluster.day_numbers(corpus.articles["published_at"])
    whole = cluster.candidate_graph(corpus.vectors, days, config)
    parts = [cluster.candidate_graph(corpus.vectors, days, config, part=(k, 2)) for k in range(2)]
    assert parts[0].nnz > 0 and parts[1].nnz > 0  # both parts found links
    summed = parts[0] + parts[1]
    for level in cluster.link_levels(config):
        assert (_components(whole, level) == _components(summed, level)).all(), level
    assert (
        cluster.split_blocks(whole, config).labels == cluster.split_blocks(summed, config).labels
    ).all()


def test_tile_row_parts_cut_the_rows_in_order_into_runs_of_about_equal_pairs():
    days = np.repeat(np.arange(10.0), 2048)  # ten days, one row of tiles each
    rows = list(cluster._tile_rows(days, 1.0))
    parts = cluster.tile_row_parts(rows, 3)
    assert [r for part in parts for r in part] == rows
    pairs = [sum(cluster._row_pairs(*r) for r in part) for part in parts]
    assert [len(part) for part in parts] == [3, 3, 4]
    assert max(pairs) <= 1.2 * min(pairs)  # 25.2M, 25.2M, 29.4M
    # Fewer rows than parts: the row is in one part (the one its middle falls in).
    assert cluster.tile_row_parts(rows[:1], 3) == [[], rows[:1], []]
    with pytest.raises(ValueError, match="parts must be at least 1. Got 0 instead"):
        cluster.tile_row_parts(rows, 0)


@pytest.mark.parametrize(("max_gap_days", "workers"), [(3650, 2), (0.5, 3)])
def test_clustering_on_ray_gives_the_local_stories(ray_engine, corpus, max_gap_days, workers):
    from clustering.engine_ray import cluster_vectors_on_ray

    config = load_config(cluster={"max_gap_days": max_gap_days}).cluster
    days = cluster.day_numbers(corpus.articles["published_at"])
    sparse = cluster.sparse_features(sparse_texts(corpus.articles))
    local_labels, local_noise = cluster.cluster_vectors(corpus.vectors, days, config, sparse)
    seen = []
    labels, noise = cluster_vectors_on_ray(
        corpus.vectors,
        days,
        config,
        sparse,
        lambda stage, done, total: seen.append((stage, done, total)),
        workers=workers,
    )
    assert (labels == local_labels).all() and (noise == local_noise).all()
    # Not a trivial match: many stories of several articles, and some noise.
    sizes = np.bincount(labels)
    assert (sizes >= 2).sum() > 200 and noise.sum() > 100
    assert seen[-1] == ("cluster", 5000, 5000)
    # "link" in millions of pairs, as the local engine reports it.
    links = [s for s in seen if s[0] == "link"]
    pairs = cluster.compared_pairs(days, max_gap_days) // 10**6
    assert len(links) == workers and links[-1] == ("link", pairs, pairs) and pairs >= 1


def test_cluster_articles_on_ray_with_the_texts_evidence_gives_the_local_stories(
    ray_engine, corpus
):
    # Name similarity, conflict penalties and cannot-links on: the evidence rows travel
    # with each block's task.
    config = load_config(
        cluster={"max_gap_days": 2, "conflict_penalty": 0.3, "cannot_link_cues": 1}
    )
    articles = corpus.articles.head(3000)
    vectors = corpus.vectors[:3000]
    local = cluster_articles(articles, vectors, config)
    on_ray = cluster_articles(articles, vectors, config, engine=ray_engine)
    assert (on_ray[0] == local[0]).all() and (on_ray[1] == local[1]).all()
    assert (np.bincount(local[0]) >= 2).sum() > 100


def test_an_empty_corpus_clusters_to_nothing_on_ray(ray_engine):
    from clustering.engine_ray import cluster_vectors_on_ray

    config = load_config().cluster
    labels, noise = cluster_vectors_on_ray(np.zeros((0, 8), dtype=np.float32), np.zeros(0), config)
    assert labels.shape == (0,) and noise.shape == (0,)
    with pytest.raises(ValueError, match="workers must be at least 1. Got 0 instead"):
        cluster_vectors_on_ray(np.ones((2, 8), dtype=np.float32), np.zeros(2), config, workers=0)


def test_run_and_add_send_the_clustering_stage_to_the_engine(tmp_path):
    """`storylens run|add --engine ray` cluster on Ray: the pipeline hands the stage to
    the engine (a counting local engine here; the Ray engine's stories are the local
    ones: tests above, and tests/test_engine_ray.py table by table)."""
    from clustering.engine import LocalEngine
    from clustering.pipeline import add

    calls = []

    class Counting(LocalEngine):
        def cluster_vectors(self, vectors, *args, **kwargs):
            calls.append(len(vectors))
            return super().cluster_vectors(vectors, *args, **kwargs)

    engine = Counting()
    result = run(
        [SAMPLE / "articles.jsonl"], tmp_path / "c", embedder=WordHashEmbedder(), engine=engine
    )
    articles = result.corpus.read("articles")
    assert calls == [articles.filter(articles["duplicate_of"].is_null()).height]
    add([SAMPLE / "web"], tmp_path / "c", embedder=WordHashEmbedder(), engine=engine)
    assert len(calls) >= 2 and 0 < calls[1] <= calls[0] + 10


#: A driver that joins the cluster at argv[1]: its live nodes, and the nodes that ran
#: eight SPREAD tasks.
_PROBE = """
import json, sys, time
import ray

ray.init(address=sys.argv[1], log_to_driver=False)

@ray.remote(scheduling_strategy="SPREAD")
def node():
    time.sleep(0.5)
    return ray.get_runtime_context().get_node_id()

alive = [n for n in ray.nodes() if n["Alive"]]
used = set(ray.get([node.remote() for _ in range(8)]))
print(json.dumps({"alive": len(alive), "used": len(used)}))
"""


@pytest.mark.slow
def test_storylens_runs_on_a_simulated_second_node(tmp_path):
    """`ray start --head`, then a second `ray start --address` on this machine (one CPU
    each): both nodes run tasks, and `storylens run --engine ray --address ADDR` through
    them writes the corpus `storylens run` writes on the local engine (the real encoder,
    extraction and comparisons; the driver is the CLI, as a user runs it)."""
    import json
    import subprocess
    import sys

    from test_engine_ray import _assert_same_corpus

    from benchmarks.ray_scale import two_nodes
    from clustering.corpus import Corpus

    storylens = str(Path(sys.executable).with_name("storylens"))
    # One thread for the local encoder as for Ray's one-CPU actors: the same float sums.
    quiet = {"HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false", "OMP_NUM_THREADS": "1"}
    # The CLI imports StoryLens from this checkout (and ships it to the nodes).
    quiet["PYTHONPATH"] = str(Path(__file__).resolve().parents[1])
    with two_nodes(tmp_path / "nodes.log") as (address, env):
        env = {**env, **quiet}
        probe = subprocess.run(
            [sys.executable, "-c", _PROBE, address],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            check=True,
        )
        nodes = json.loads(probe.stdout.strip().splitlines()[-1])
        assert nodes == {"alive": 2, "used": 2}
        on_nodes = subprocess.run(
            [storylens, "run", str(SAMPLE), "-o", str(tmp_path / "ray"), "--quiet"]
            + ["--engine", "ray", "--address", address],
            capture_output=True,
            text=True,
            env=env,
            timeout=900,
            check=False,
        )
        assert on_nodes.returncode == 0, on_nodes.stderr[-3000:]
    local = subprocess.run(
        [storylens, "run", str(SAMPLE), "-o", str(tmp_path / "local"), "--quiet"],
        capture_output=True,
        text=True,
        env={**os.environ, **quiet},
        timeout=900,
        check=False,
    )
    assert local.returncode == 0, local.stderr[-3000:]
    _assert_same_corpus(Corpus(tmp_path / "local"), Corpus(tmp_path / "ray"))
    stories = Corpus(tmp_path / "ray").read("stories")
    assert stories.height >= 10 and Corpus(tmp_path / "ray").read("articles").height == 48
    assert Corpus(tmp_path / "ray").read("comparisons/facts")["story_id"].n_unique() >= 5
