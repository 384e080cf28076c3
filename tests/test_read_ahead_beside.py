"""A run that shares its comparisons with a second process reads nothing ahead for them
(issue 14): `framing_comparison.read_ahead` fills this process's memories only, so the
second process read its stories' texts again and the articles of no compared story were
read for nothing. The corpus is the same either way."""

from __future__ import annotations

import pytest

import clustering.compare.framing_comparison as framing_comparison
import clustering.engine as engine_module
from clustering.config import CompareConfig
from clustering.engine import LocalEngine, compares_beside
from tests.test_extraction_ahead import run_watching

TABLES = ("numbers", "quotes", "framing", "facts")


def test_compares_beside_answers_as_comparing_beside_decides(monkeypatch):
    monkeypatch.setattr(engine_module, "_cores", lambda: 2)
    config = CompareConfig()
    threshold = engine_module.COMPARE_BESIDE_ARTICLES
    assert compares_beside(None, threshold, config) is True
    assert compares_beside(None, threshold - 1, config) is False
    assert compares_beside(LocalEngine(), 10, config, at_least=1) is True
    assert compares_beside(None, threshold, CompareConfig(enabled=False)) is False
    assert compares_beside(object(), threshold, config) is False  # type: ignore[arg-type]
    monkeypatch.setattr(engine_module, "_cores", lambda: 1)
    assert compares_beside(None, threshold, config) is False


@pytest.fixture
def second_process_can_load_the_test_embedder(monkeypatch):
    """The second process unpickles the run's embedder (tests.test_extraction_ahead's
    HashedMiniLM): the repository root on its path."""
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[1])
    monkeypatch.setenv("PYTHONPATH", root)


def test_a_run_compared_beside_reads_nothing_ahead_and_writes_the_same_corpus(
    tmp_path, monkeypatch, second_process_can_load_the_test_embedder
):
    alone, alone_calls = run_watching(
        tmp_path, "alone", monkeypatch, True, framing_comparison, "read_ahead"
    )
    # six articles read ahead on the extraction thread, as before
    assert [thread for thread, _ in alone_calls] == ["storylens-extract-ahead"]
    assert alone_calls[0][1][0].height == 6

    monkeypatch.setattr(engine_module, "COMPARE_BESIDE_ARTICLES", 1)
    beside, beside_calls = run_watching(
        tmp_path, "beside", monkeypatch, True, framing_comparison, "read_ahead"
    )
    assert beside_calls == []
    assert beside.n_stories == alone.n_stories == 3
    for name in ["assignments"] + [f"comparisons/{t}" for t in TABLES]:
        assert beside.corpus.read(name).equals(alone.corpus.read(name)), name
    assert alone.corpus.read("comparisons/numbers").height > 0
