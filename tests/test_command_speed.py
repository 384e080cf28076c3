"""A run's comparisons shared with a second process (`engine.ComparisonProcess`, issue 14:
the command's compare stage ran on one core of two): the tables are those one process
writes, whatever happens to the second one (it raises, dies or stops answering), and it is
started only where it can pay for itself."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import time
from pathlib import Path

import polars as pl
import pytest
from conftest import SAMPLE, WordHashEmbedder

import clustering.engine as engine_module
from clustering.compare import TABLES, compare_corpus
from clustering.config import CompareConfig
from clustering.corpus import Corpus
from clustering.engine import ComparisonProcess, LocalEngine, comparing_beside
from clustering.pipeline import run

TESTS = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus of the sample articles, compared in this process alone."""
    out = tmp_path_factory.mktemp("command-speed") / "corpus"
    run([SAMPLE / "articles.jsonl"], out, embedder=WordHashEmbedder())
    return out


@pytest.fixture
def corpus(built: Path, tmp_path: Path) -> Corpus:
    """A copy of the built corpus, for a test to compare again."""
    shutil.copytree(built, tmp_path / "corpus")
    return Corpus(tmp_path / "corpus")


@pytest.fixture
def importable_test_embedder(monkeypatch: pytest.MonkeyPatch) -> None:
    """The second process can unpickle the tests' WordHashEmbedder (conftest)."""
    path = os.environ.get("PYTHONPATH")
    monkeypatch.setenv("PYTHONPATH", str(TESTS) + (os.pathsep + path if path else ""))


def _compared(corpus: Corpus, engine: LocalEngine) -> dict[str, pl.DataFrame]:
    with corpus.transaction("compare") as store:
        return compare_corpus(store, WordHashEmbedder(), CompareConfig(), None, None, engine)


def _assert_same(these: dict[str, pl.DataFrame], those: dict[str, pl.DataFrame]) -> None:
    assert set(these) == set(those) == set(TABLES)
    for name, frame in these.items():
        assert frame.equals(those[name]), name


@pytest.fixture
def alone(built: Path, tmp_path: Path) -> dict[str, pl.DataFrame]:
    """The comparison tables of the sample, compared in this process alone."""
    shutil.copytree(built, tmp_path / "alone")
    tables = _compared(Corpus(tmp_path / "alone"), LocalEngine())
    # Not a vacuous match: the sample's stories hold figures, quotes and facts.
    assert tables["numbers"]["story_id"].n_unique() >= 5
    assert tables["facts"].height > 100 and tables["quotes"].height > 0
    return tables


@pytest.fixture
def beside(importable_test_embedder: None) -> ComparisonProcess:
    process = ComparisonProcess(timeout=60.0)
    assert process.wait_ready(120.0)
    yield process
    process.close()


def test_the_stories_a_second_process_compares_give_the_tables_of_one_process(
    corpus, alone, beside, monkeypatch
):
    import clustering.compare

    compare_story = clustering.compare.compare_story

    def slowly(*args, **kwargs):  # this process only: the other answers meanwhile
        time.sleep(0.2)
        return compare_story(*args, **kwargs)

    monkeypatch.setattr(clustering.compare, "compare_story", slowly)
    shared = _compared(corpus, LocalEngine(beside))
    assert beside.compared > 0 and not beside.broken  # it did compare some
    _assert_same(shared, alone)


def test_the_second_process_runs_nicer_than_this_one(beside):
    # It takes an idle core's CPU, not the run's own process's, where cores are busy.
    assert os.getpriority(os.PRIO_PROCESS, beside.pid) == os.getpriority(os.PRIO_PROCESS, 0) + min(
        engine_module.BESIDE_NICENESS, 19 - os.getpriority(os.PRIO_PROCESS, 0)
    )


def test_a_second_process_that_dies_is_given_up_and_this_one_compares_its_stories(
    corpus, alone, beside, caplog
):
    os.kill(beside.pid, signal.SIGKILL)
    with caplog.at_level(logging.WARNING, logger="clustering.engine"):
        shared = _compared(corpus, LocalEngine(beside))
    assert beside.broken and beside.compared == 0
    assert "the second comparison process ended (exit code -9)" in caplog.text
    _assert_same(shared, alone)


def test_a_second_process_that_stops_answering_costs_no_wait_its_stories_are_compared_here(
    corpus, alone, beside
):
    os.kill(beside.pid, signal.SIGSTOP)  # alive, but it answers nothing
    try:
        shared = _compared(corpus, LocalEngine(beside))
    finally:
        os.kill(beside.pid, signal.SIGCONT)
    assert beside.compared == 0  # every story it was handed was compared here at the end
    _assert_same(shared, alone)


def test_a_second_process_that_leaves_what_it_is_sent_unread_is_given_up(beside, caplog):
    beside.timeout = 0.5
    os.kill(beside.pid, signal.SIGSTOP)
    try:
        big = "x" * (2 * engine_module.PIPE_BYTES)  # more than the pipe holds
        with caplog.at_level(logging.WARNING, logger="clustering.engine"):
            beside._write(big)
            with pytest.raises(RuntimeError, match="read nothing sent in 0.5 s"):
                deadline = time.monotonic() + 10
                while time.monotonic() < deadline:
                    beside._flush()
                    time.sleep(0.05)
    finally:
        os.kill(beside.pid, signal.SIGCONT)


def test_a_second_process_that_raises_on_what_it_is_sent_is_given_up(corpus, alone, caplog):
    # Without the tests' folder on its path it cannot unpickle the tests' embedder.
    process = ComparisonProcess(timeout=60.0)
    try:
        assert process.wait_ready(120.0)
        with caplog.at_level(logging.WARNING, logger="clustering.engine"):
            shared = _compared(corpus, LocalEngine(process))
    finally:
        process.close()
    assert process.broken and process.compared == 0
    assert "raised ModuleNotFoundError" in caplog.text and "conftest" in caplog.text
    _assert_same(shared, alone)


def test_a_second_process_that_cannot_start_leaves_the_run_to_this_one(monkeypatch, caplog):
    monkeypatch.setattr(engine_module.sys, "executable", "/nonexistent/python")
    with (
        caplog.at_level(logging.WARNING, logger="clustering.engine"),
        comparing_beside(None, 5000, CompareConfig()) as engine,
    ):
        assert engine is None
    assert "no second comparison process" in caplog.text


def test_the_second_process_is_started_only_where_it_can_pay_for_itself(monkeypatch):
    config = CompareConfig()
    monkeypatch.setattr(engine_module, "_cores", lambda: 2)
    small = engine_module.COMPARE_BESIDE_ARTICLES - 1
    with comparing_beside(None, small, config) as engine:
        assert engine is None
    with comparing_beside(None, 10, CompareConfig(enabled=False), at_least=1) as engine:
        assert engine is None
    other = object()
    with comparing_beside(other, 10, config, at_least=1) as engine:  # type: ignore[arg-type]
        assert engine is other  # another engine (Ray) compares its own way
    monkeypatch.setattr(engine_module, "_cores", lambda: 1)
    with comparing_beside(None, 10, config, at_least=1) as engine:
        assert engine is None
    monkeypatch.setattr(engine_module, "_cores", lambda: 2)
    with comparing_beside(LocalEngine(), 10, config, at_least=1) as engine:
        assert isinstance(engine, LocalEngine) and engine.beside is not None
        process = engine.beside
    assert process._process.poll() is not None  # ended with the block


def test_a_run_over_the_threshold_writes_the_corpus_one_process_writes(
    tmp_path, built, monkeypatch, importable_test_embedder
):
    monkeypatch.setattr(engine_module, "COMPARE_BESIDE_ARTICLES", 1)
    monkeypatch.setattr(engine_module, "_cores", lambda: 2)
    shared = run([SAMPLE / "articles.jsonl"], tmp_path / "shared", embedder=WordHashEmbedder())
    alone = Corpus(built)
    for name in ["articles", "assignments", "embeddings"] + [f"comparisons/{t}" for t in TABLES]:
        assert shared.corpus.read(name).equals(alone.read(name)), name
    stories = [c for c in alone.read("stories").columns if c != "updated_at"]
    assert shared.corpus.read("stories").select(stories).equals(alone.read("stories")[stories])
    assert shared.corpus.failures().equals(alone.failures())


def test_the_pairs_summary_gives_medians_and_each_rounds_ratio_to_the_first_tree():
    from benchmarks.throughput import pairs_summary

    old, new = Path("/trees/old"), Path("/trees/new")

    def row(tree: Path, wall: float, cpu: float, load: float) -> dict[str, object]:
        return {
            "tree": str(tree),
            "wall_s": wall,
            "cpu_s": cpu,
            "articles_per_s": 2700 / wall,
            "load_before": load,
            "load_average": load + 0.5,
        }

    rows = [
        row(old, 36.0, 57.0, 1.5),
        row(new, 32.0, 59.0, 1.6),
        row(old, 40.0, 58.0, 2.0),
        row(new, 34.0, 60.0, 1.4),
        row(old, 35.0, 56.0, 1.7),
        row(new, 31.5, 58.0, 1.8),
    ]
    summary = pairs_summary(rows, [old, new])
    assert summary["medians"][str(old)]["wall_s"] == 36.0
    assert summary["medians"][str(new)]["cpu_s"] == 59.0
    assert summary["ratios_to_first"][str(new)]["wall_s"] == [0.889, 0.85, 0.9]
    assert summary["ratios_to_first"][str(new)]["cpu_s"] == [1.035, 1.034, 1.036]
    assert summary["load"] == [1.4, 2.5]
