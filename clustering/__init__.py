"""StoryLens: cluster news articles from many outlets into stories and compare their coverage.

The public API (see the README's "Python API"):

    run(inputs, out, config)     build a corpus from files or folders -> RunResult
    add(inputs, corpus_dir)      add new articles, story ids kept      -> RunResult
    Corpus(path)                 a corpus: .read("stories"), .read_comparisons(), ...
    Config, load_config(path)    the configuration (defaults, a TOML file, overrides)
    compare_story(articles, embedder, config.compare)  one story across its outlets
    StoryLensError               the base of every error StoryLens raises on purpose

The names are imported on first use (PEP 562), so `import clustering` stays as cheap as
before: the pipeline pulls in scikit-learn, HDBSCAN and polars' engines (seconds).
"""

from __future__ import annotations

import importlib

#: typing.TYPE_CHECKING without importing typing (mypy reads any TYPE_CHECKING as true).
TYPE_CHECKING = False

__version__ = "0.1.0"

__all__ = [
    "Config",
    "Corpus",
    "StoryLensError",
    "add",
    "compare_story",
    "load_config",
    "run",
]

#: Public name -> the module that owns it.
_OWNERS = {
    "Config": "clustering.config",
    "Corpus": "clustering.corpus",
    "StoryLensError": "clustering.errors",
    "add": "clustering.pipeline",
    "compare_story": "clustering.compare",
    "load_config": "clustering.config",
    "run": "clustering.pipeline",
}

if TYPE_CHECKING:
    from clustering.compare import compare_story
    from clustering.config import Config, load_config
    from clustering.corpus import Corpus
    from clustering.errors import StoryLensError
    from clustering.pipeline import add, run


def __getattr__(name: str) -> object:
    owner = _OWNERS.get(name)
    if owner is None:
        raise AttributeError(f"module 'clustering' has no attribute {name!r}")
    value = getattr(importlib.import_module(owner), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
