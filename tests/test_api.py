"""The public API of `clustering` (its `__init__`), the error hierarchy, and the README's
"Python API" example run as written on the bundled sample."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys

import pytest
from conftest import ROOT, SAMPLE, WordHashEmbedder

import clustering
from clustering import errors

PUBLIC = {
    "Config": "clustering.config",
    "Corpus": "clustering.corpus",
    "StoryLensError": "clustering.errors",
    "add": "clustering.pipeline",
    "compare_story": "clustering.compare",
    "load_config": "clustering.config",
    "run": "clustering.pipeline",
}


def test_the_public_names_are_the_owners_objects():
    import importlib

    assert sorted(clustering.__all__) == sorted(PUBLIC)
    for name, owner in PUBLIC.items():
        assert getattr(clustering, name) is getattr(importlib.import_module(owner), name)
    assert set(PUBLIC) <= set(dir(clustering))
    with pytest.raises(AttributeError, match="has no attribute 'cluster_everything'"):
        clustering.cluster_everything  # noqa: B018


def test_importing_the_package_loads_no_stage():
    # The names are imported on first use: `import clustering` must not pay for the
    # pipeline (scikit-learn, HDBSCAN, the models), seconds on this machine.
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, clustering; print(sorted(m for m in sys.modules if m.startswith('clustering')))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert loaded.strip() == "['clustering']"


@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (errors.ConfigError, ValueError),
        (errors.IngestError, ValueError),
        (errors.SchemaError, ValueError),
        (errors.CorpusError, FileNotFoundError),
        (errors.CorpusExistsError, FileExistsError),
        (errors.ResourceError, RuntimeError),
    ],
)
def test_every_error_is_a_storylens_error_and_still_its_builtin(error, builtin):
    assert issubclass(error, errors.StoryLensError) and issubclass(error, builtin)
    with pytest.raises(errors.StoryLensError, match="what went wrong"):
        raise error("what went wrong")


def test_the_modules_raise_the_one_hierarchy():
    from clustering import config, corpus, limits, schema
    from clustering.ingest import IngestError

    assert config.ConfigError is errors.ConfigError
    assert (corpus.CorpusError, corpus.CorpusExistsError) == (
        errors.CorpusError,
        errors.CorpusExistsError,
    )
    assert schema.SchemaError is errors.SchemaError
    assert limits.ResourceError is errors.ResourceError
    assert IngestError is errors.IngestError
    with pytest.raises(errors.CorpusError, match="no-such-corpus"):
        corpus.Corpus(ROOT / "no-such-corpus").require()


def test_load_embedder_names_an_unknown_model_as_a_config_error():
    from types import SimpleNamespace

    from clustering.embed import load_embedder

    with pytest.raises(errors.ConfigError, match=r"embed.model must be one of .* Got 'bert'"):
        load_embedder(SimpleNamespace(model="bert"))  # type: ignore[arg-type]


def _readme_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1]
    block = re.search(r"```python\n(.*?)```", section, re.S)
    assert block is not None, "the README's Python API section has no python block"
    return block.group(1)


@pytest.mark.slow
def test_the_readme_example_runs_on_the_bundled_sample(tmp_path, monkeypatch):
    # Run as written, from a folder holding the sample, with the fast word-hash stand-in
    # for the model (the real one is exercised by test_sample_end_to_end).
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "sample").symlink_to(SAMPLE)
    monkeypatch.chdir(tmp_path)
    import clustering.embed
    import clustering.pipeline

    monkeypatch.setattr(clustering.embed, "load_embedder", lambda config: WordHashEmbedder())
    monkeypatch.setattr(clustering.pipeline, "load_embedder", lambda config: WordHashEmbedder())
    namespace: dict[str, object] = {}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(_readme_example(), "README.md", "exec"), namespace)  # noqa: S102
    printed = out.getvalue()
    result, more, corpus = namespace["result"], namespace["more"], namespace["corpus"]
    assert (result.ingest.n_read, more.ingest.n_read) == (44, 2)  # articles.jsonl, web/
    # The two syndicated copies of the wire story are kept, marked as duplicates.
    assert (result.ingest.n_accepted, result.ingest.n_duplicates, more.ingest.n_accepted) == (
        42,
        2,
        2,
    )
    articles = corpus.read("articles")
    assert articles.height == 46 and articles["duplicate_of"].is_not_null().sum() == 2
    assert corpus.read("assignments")["article_id"].n_unique() == articles.height
    assert f"{result.n_stories} stories from {result.ingest.n_accepted} articles" in printed
    assert corpus.version == 2  # one commit for run, one for add
    comparison = namespace["comparison"]
    assert set(comparison.quotes["article_id"]) <= set(namespace["articles"]["article_id"])
    assert "compare.quote_similarity must be a float in (0, 100]. Got 170 instead." in printed
