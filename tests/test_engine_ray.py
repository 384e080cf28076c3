"""The Ray engine writes the corpus the local engine writes: same stories and ids, same
assignments, same comparisons, on the bundled sample and a labelled set (issue 14)."""

from __future__ import annotations

import json

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


class _CountingBatches:
    """Ray Data batch function: the worker's own `_extract_batch`, each batch's number of
    articles appended to a file (the workers' counts reach the test that way)."""

    def __init__(self, path):
        self.path = str(path)

    def __call__(self, batch):
        from clustering.engine_ray import _extract_batch

        with open(self.path, "a", encoding="utf-8") as out:
            out.write(f"{batch.num_rows}\n")
        return _extract_batch(batch)


def test_an_add_on_ray_extracts_only_the_articles_it_has_not_read(
    tmp_path, ray_engine, monkeypatch
):
    """The extraction cache on Ray: each `add` extracts the new members of the stories
    it compares again, the stored ones come from the cache, as on the local engine."""
    import sys

    from ray import cloudpickle

    import clustering.compare
    import clustering.engine_ray
    import clustering.extract

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # _CountingBatches
    on_workers = tmp_path / "ray-batches.txt"
    monkeypatch.setattr(clustering.engine_ray, "_extract_batch", _CountingBatches(on_workers))
    in_process: list[int] = []
    extract_articles = clustering.compare.extract_articles

    def counting(articles, *args, **kwargs):
        in_process.append(articles.height)
        return extract_articles(articles, *args, **kwargs)

    monkeypatch.setattr(clustering.compare, "extract_articles", counting)
    asked: list[list[str]] = []  # article ids whose extraction a step needed
    cached_extraction = clustering.extract.cached_extraction

    def asking(articles, *args, **kwargs):
        asked.append(articles["article_id"].to_list())
        return cached_extraction(articles, *args, **kwargs)

    monkeypatch.setattr(clustering.extract, "cached_extraction", asking)

    # The sample in three parts: each add brings articles of stories already stored.
    lines = (SAMPLE / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    parts = [lines[0::3] + lines[1::3], lines[2::3][:8], lines[2::3][8:]]
    for i, part in enumerate(parts):
        (tmp_path / f"part{i}.jsonl").write_text("\n".join(part) + "\n", encoding="utf-8")
    steps = [[tmp_path / "part0.jsonl"], [tmp_path / "part1.jsonl"]]
    steps.append([tmp_path / "part2.jsonl", SAMPLE / "web", SAMPLE / "pasted"])
    extracted: dict[str, list[int]] = {}
    stored_before: list[set[str]] = []
    for name, engine in (("local", None), ("ray", ray_engine)):
        extracted[name], asked[:] = [], []
        for step, inputs in enumerate(steps):
            out = tmp_path / name
            if name == "ray":
                stored_before.append(
                    set(Corpus(out).read("articles")["article_id"]) if step else set()
                )
            in_process.clear()
            on_workers.write_text("", encoding="utf-8")
            if step == 0:
                run(inputs, out, embedder=WordHashEmbedder(), engine=engine)
            else:
                add(inputs, out, embedder=WordHashEmbedder(), engine=engine)
            counted = on_workers.read_text(encoding="utf-8").split()
            extracted[name].append(sum(map(int, counted)) if name == "ray" else sum(in_process))
        if name == "ray":
            asked_on_ray = list(asked)
    assert extracted["ray"] == extracted["local"]
    # Every step compared stories, and each add extracted only the members it had not
    # stored: the stored members of the stories it touched came from the cache.
    # (28 articles extracted by the run; 27 compared by the first add, 8 of them new;
    # 26 by the second, 9 new.)
    assert len(asked_on_ray) == 3 and extracted["ray"][0] == len(asked_on_ray[0]) >= 20
    for step in (1, 2):
        new = [a for a in asked_on_ray[step] if a not in stored_before[step]]
        assert len(asked_on_ray[step]) >= len(new) + 10, step  # stored members compared
        assert extracted["ray"][step] == len(new) >= 5, step
    _assert_same_corpus(Corpus(tmp_path / "local"), Corpus(tmp_path / "ray"))


def test_ray_reads_the_input_files_as_the_local_engine_does(tmp_path, ray_engine):
    from clustering.ingest import load_articles

    folder = tmp_path / "inputs"
    folder.mkdir()
    # More files than one Ray Data batch (READ_BATCH), a bad one among them, and a
    # copy of one article in a later file: order, rejects, notes and duplicates kept.
    for i in range(11):
        rows = [
            {"title": f"Harbour crane {i}-{j} toppled", "body": f"Crane {i} fell on pier {j}.",
             "source": f"Outlet {j}", "published": f"2026-11-0{1 + j}"}
            for j in range(3)
        ]  # fmt: skip
        (folder / f"f{i:02d}.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    (folder / "f11.jsonl").write_text('{"title": "no body"}\nnot json\n')
    (folder / "f12.jsonl").write_text(json.dumps(rows[0]) + "\n")
    config = Config().ingest
    local = load_articles([folder], config)
    on_ray = load_articles([folder], config, read_files=ray_engine.read_files)
    assert on_ray.per_file.equals(local.per_file)
    assert on_ray.articles.equals(local.articles) and on_ray.rejects.equals(local.rejects)
    assert (local.n_read, local.n_accepted, local.n_duplicates) == (36, 33, 1)
    assert local.n_rejected == 2 and local.per_file["source_file"].to_list()[-2].endswith(
        "f11.jsonl"
    )


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
