"""The Ray engine writes the corpus the local engine writes: same stories and ids, same
assignments, same comparisons, on the bundled sample and a labelled set (issue 14)."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from conftest import SAMPLE, SHARED, WordHashEmbedder, needs_shared

from clustering.compare import TABLES
from clustering.config import Config
from clustering.corpus import Corpus
from clustering.engine import LocalEngine, load_engine
from clustering.pipeline import add, run

ray = pytest.importorskip("ray")

#: Columns stamped with the time of the run: the only ones two runs may differ in.
_CLOCK = ("updated_at", "at", "built_at")


@pytest.fixture(scope="module")
def ray_engine():
    """One local Ray of 2 CPUs for the whole module (starting one takes seconds)."""
    import conftest
    from ray import cloudpickle

    from clustering.engine_ray import RayEngine

    # The test embedder lives in conftest, which Ray's workers cannot import: ship it.
    cloudpickle.register_pickle_by_value(conftest)
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield RayEngine(encoders=1)
    ray.shutdown()


def _tables(corpus: Corpus) -> dict[str, pl.DataFrame]:
    names = ["articles", "stories", "assignments", "rejects", "embeddings"]
    names += [f"comparisons/{t}" for t in TABLES]
    out = {}
    for name in names:
        frame = corpus.read(name)
        out[name] = frame.drop([c for c in _CLOCK if c in frame.columns])
    history = corpus.read("history")
    out["history"] = history.drop("at").sort("story_id", "kind")
    return out


def _assert_same_corpus(local: Corpus, on_ray: Corpus) -> None:
    mine, theirs = _tables(local), _tables(on_ray)
    for name, frame in mine.items():
        assert frame.height == theirs[name].height, name
        assert frame.equals(theirs[name]), name


def test_ray_engine_writes_the_local_engines_corpus_on_the_sample(tmp_path, ray_engine):
    local = run([SAMPLE], tmp_path / "local", embedder=WordHashEmbedder())
    on_ray = run([SAMPLE], tmp_path / "ray", embedder=WordHashEmbedder(), engine=ray_engine)
    _assert_same_corpus(local.corpus, on_ray.corpus)
    # Not a vacuous match: the sample's stories and their comparisons are there.
    assert on_ray.n_stories == local.n_stories and on_ray.n_stories - on_ray.n_singletons >= 5
    facts = on_ray.corpus.read("comparisons/facts")
    assert facts["story_id"].n_unique() >= 5 and facts.height > 100
    assert on_ray.corpus.read("comparisons/numbers").height > 50


def test_ray_engine_adds_as_the_local_engine_does(tmp_path, ray_engine):
    articles = SAMPLE / "articles.jsonl"
    later = [SAMPLE / "web", SAMPLE / "pasted"]
    for name, engine in (("local", None), ("ray", ray_engine)):
        run([articles], tmp_path / name, embedder=WordHashEmbedder(), engine=engine)
        add(later, tmp_path / name, embedder=WordHashEmbedder(), engine=engine)
    _assert_same_corpus(Corpus(tmp_path / "local"), Corpus(tmp_path / "ray"))
    assert Corpus(tmp_path / "ray").read("articles").height == 48


def test_ray_embedder_gives_the_vectors_in_input_order(ray_engine):
    texts = [f"article {i} about harbour cranes and tariff number {i % 7}" for i in range(600)]
    inner = WordHashEmbedder()
    embedder = ray_engine.article_embedder(inner)
    assert embedder.name == inner.name and embedder.dim == inner.dim  # the same cache key
    vectors = embedder.encode(texts)
    assert vectors.shape == (600, 384) and vectors.dtype == np.float32
    np.testing.assert_array_equal(vectors, inner.encode(texts))


def test_load_engine_checks_its_arguments():
    assert isinstance(load_engine("local"), LocalEngine)
    assert load_engine("ray", address="auto").address == "auto"  # built, not started
    with pytest.raises(ValueError, match="engine must be one of .* Got 'spark' instead"):
        load_engine("spark")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="address is only for engine='ray'"):
        load_engine("local", address="auto")


@needs_shared
@pytest.mark.slow
@pytest.mark.parametrize(
    "name",
    ["basil", "giveme5w1h", "gvc", "meantime_multilingual", "neus_allsides", "newswcl50"],
)
def test_ray_engine_matches_local_on_every_labelled_set(tmp_path, ray_engine, name):
    # The first 60 articles of each set: enough for multi-outlet stories to compare
    # (and, for MEANTIME, other languages), small enough to run twice.
    lines = (SHARED / "labelled" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    source = tmp_path / f"{name}.jsonl"
    source.write_text("\n".join(lines[:60]) + "\n", encoding="utf-8")
    local = run([source], tmp_path / "local", Config(), embedder=WordHashEmbedder())
    on_ray = run([source], tmp_path / "ray", Config(), WordHashEmbedder(), engine=ray_engine)
    _assert_same_corpus(local.corpus, on_ray.corpus)
    # Every story of two or more outlets was compared (MEANTIME has one outlet, Wikinews).
    stories = on_ray.corpus.read("stories")
    compared = set(on_ray.corpus.read("comparisons/framing")["story_id"].to_list())
    assert compared == set(stories.filter(pl.col("n_outlets") >= 2)["story_id"].to_list())
    assert on_ray.n_stories >= 10 and (name == "meantime_multilingual" or len(compared) >= 3)


def test_cli_names_an_unknown_engine_before_reading_anything(tmp_path):
    from typer.testing import CliRunner

    from clustering.cli import app

    result = CliRunner().invoke(
        app, ["run", str(SAMPLE), "-o", str(tmp_path / "c"), "--engine", "spark"]
    )
    assert result.exit_code == 2
    assert "engine must be one of ('local', 'ray'). Got 'spark' instead." in result.output
    assert not (tmp_path / "c").exists()
