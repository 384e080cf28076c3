"""Extraction beside the article encoder (`clustering.engine.extraction_ahead`, issue 14):
a run gives the same corpus with it as without, the comparisons extract nothing again,
and the thread, the switch interval and the thread limits end with the block."""

from __future__ import annotations

import json
import sys
import threading

import numpy as np
import polars as pl
import pytest

import clustering.compare as compare
import clustering.engine as engine_module
from clustering.config import CompareConfig
from clustering.embed import (
    OnThreads,
    SentenceTransformerEmbedder,
    UniversalSentenceEncoder,
    runs_minilm,
)
from clustering.engine import LocalEngine, extraction_ahead
from tests.conftest import WordHashEmbedder, make_story_records


class HashedMiniLM(SentenceTransformerEmbedder):
    """MiniLM as far as the run can tell (its facts and slant model read the static
    vectors, and it encodes on torch threads), encoding by hashed words: no model."""

    def resized(self, max_seq_length: int) -> HashedMiniLM:
        return HashedMiniLM(max_seq_length)

    def encode(self, texts):
        return WordHashEmbedder().encode(texts)


def _records() -> list[dict]:
    flood = make_story_records(
        "flood",
        "The river flooded the old town on Monday. Forty homes were evacuated, "
        'said Mayor Anna Berg. "We will rebuild," she said.',
        "2024-05-01",
        ["Harbor Times", "Valley Gazette", "North Post"],
    )
    vote = make_story_records(
        "vote",
        "The council voted 7 to 2 to close the bridge for repairs. Senator Tom Reed "
        "called the decision reckless.",
        "2024-05-03",
        ["Harbor Times", "Valley Gazette"],
    )
    alone = {
        "id": "alone",
        "outlet": "North Post",
        "url": "https://northpost.example/bakery",
        "title": "A bakery opens on Elm Street",
        "body": "A bakery opened on Elm Street. It sells 12 kinds of bread.",
        "published_at": "2024-05-09T09:00:00+00:00",
    }
    return [*flood, *vote, alone]


def run_watching(tmp_path, name: str, monkeypatch, ahead: bool, module, attribute: str):
    """`run` of the six test records, with or without extracting ahead, and each call of
    `module.attribute` as (the thread it ran on, its positional arguments)."""
    from clustering.pipeline import run

    inbox = tmp_path / f"{name}.jsonl"
    inbox.write_text("\n".join(json.dumps(r) for r in _records()))
    calls: list[tuple[str, tuple]] = []
    watched = getattr(module, attribute)

    def recorded(*args, **kwargs):
        calls.append((threading.current_thread().name, args))
        return watched(*args, **kwargs)

    monkeypatch.setattr(module, attribute, recorded)
    if not ahead:
        monkeypatch.setattr(engine_module, "_runs_ahead", lambda *args: False)
    monkeypatch.setattr(engine_module, "_cores", lambda: 2)  # the test machine may have one
    result = run([inbox], tmp_path / name, embedder=HashedMiniLM())
    monkeypatch.undo()
    return result, calls


def _run(tmp_path, name: str, monkeypatch, ahead: bool):
    """The run and each `extract_articles` call as (thread, the ids it extracted)."""
    result, calls = run_watching(tmp_path, name, monkeypatch, ahead, compare, "extract_articles")
    return result, [(thread, sorted(args[0]["article_id"].to_list())) for thread, args in calls]


def test_a_run_extracting_ahead_writes_the_same_corpus_and_extracts_each_article_once(
    tmp_path, monkeypatch
):
    ahead, ahead_calls = _run(tmp_path, "ahead", monkeypatch, ahead=True)
    plain, plain_calls = _run(tmp_path, "plain", monkeypatch, ahead=False)
    ids = sorted(ahead.corpus.read("articles")["article_id"].to_list())
    plain_ids = sorted(plain.corpus.read("articles")["article_id"].to_list())
    assert len(ids) == 6 and ahead.n_stories == plain.n_stories == 3
    # Without: the comparisons extract the five articles of the two stories. With: every
    # article on the extraction thread, and the comparisons find all five in the cache.
    assert plain_calls == [("MainThread", [i for i in plain_ids if i != ids_alone(plain)])]
    assert ahead_calls == [("storylens-extract-ahead", ids), ("MainThread", [])]
    for name in ("numbers", "quotes", "framing", "facts"):
        with_ahead = ahead.corpus.read(f"comparisons/{name}")
        without = plain.corpus.read(f"comparisons/{name}")
        assert with_ahead.height > 0, name
        assert with_ahead.equals(without), name
    quotes = ahead.corpus.read("comparisons/quotes")
    assert "We will rebuild" in " ".join(quotes["text"].to_list())
    for name in ("assignments", "stories", "embeddings"):
        assert (
            ahead.corpus.read(name)
            .drop("updated_at", strict=False)
            .equals(plain.corpus.read(name).drop("updated_at", strict=False))
        ), name


def ids_alone(result) -> str:
    """The article id of the record "alone" (its story has one outlet)."""
    articles = result.corpus.read("articles")
    return articles.filter(pl.col("source_id") == "alone")["article_id"].item()


class _Ray:
    name = "ray"


@pytest.mark.parametrize(
    ("engine", "config", "embedder", "articles"),
    [
        (_Ray(), CompareConfig(), HashedMiniLM(), 2),  # another engine
        (None, CompareConfig(enabled=False), HashedMiniLM(), 2),  # no comparisons
        (None, CompareConfig(), HashedMiniLM(), 0),  # nothing to read
        # USE alone, or any embedder of its own for the facts: extraction embeds the fact
        # sentences with the article model.
        (None, CompareConfig(), UniversalSentenceEncoder(), 2),
        (None, CompareConfig(), WordHashEmbedder(), 2),
    ],
)
def test_nothing_runs_ahead_where_it_would_change_the_work(
    tmp_path, monkeypatch, engine, config, embedder, articles
):
    monkeypatch.setattr(engine_module, "_cores", lambda: 2)
    frame = pl.DataFrame({"article_id": ["a", "b"][:articles]})
    before = threading.active_count()
    with extraction_ahead(engine, embedder, frame, tmp_path, config) as encoder:
        assert encoder is embedder
        assert threading.active_count() == before
    assert not list(tmp_path.iterdir())


def test_one_core_runs_nothing_ahead(tmp_path, monkeypatch):
    monkeypatch.setattr(engine_module, "_cores", lambda: 1)
    frame = pl.DataFrame({"article_id": ["a"]})
    embedder = HashedMiniLM()
    with extraction_ahead(LocalEngine(), embedder, frame, tmp_path, CompareConfig()) as encoder:
        assert encoder is embedder


def test_an_interrupted_block_stops_the_thread_and_restores_what_it_set(tmp_path, monkeypatch):
    from threadpoolctl import threadpool_info

    from clustering.schema import ARTICLES

    monkeypatch.setattr(engine_module, "_cores", lambda: 2)
    started = threading.Event()
    extract = compare.extract_articles

    def slow(some, *args, **kwargs):
        started.set()
        return extract(some, *args, **kwargs)

    monkeypatch.setattr(compare, "extract_articles", slow)
    monkeypatch.setattr(engine_module, "AHEAD_BATCH", 1)
    articles = pl.DataFrame(
        [
            {c: None for c in ARTICLES}
            | {"article_id": f"a{i}", "body": f"Article {i} says 3 things.", "lead": ""}
            for i in range(50)
        ],
        schema=ARTICLES,
    )
    blas = [p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"]
    switch = sys.getswitchinterval()
    ahead = extraction_ahead(None, HashedMiniLM(), articles, tmp_path, CompareConfig())
    with pytest.raises(KeyboardInterrupt), ahead as encoder:
        assert isinstance(encoder, OnThreads) and encoder.threads == 1
        assert sys.getswitchinterval() == pytest.approx(engine_module.AHEAD_SWITCH_INTERVAL)
        assert {p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"} <= {1}
        started.wait(10)
        raise KeyboardInterrupt
    assert not [t for t in threading.enumerate() if t.name == "storylens-extract-ahead"]
    assert sys.getswitchinterval() == switch
    assert [p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"] == blas
    # Stopped between batches: one shard a batch, far fewer than the 50 articles.
    shards = list(tmp_path.glob("extract-*/shard-*/keys.parquet"))
    assert 1 <= len(shards) < 50


class _TorchCounting:
    """An embedder that records torch's intra-op threads while it encodes."""

    name = "counting"
    dim = 2

    def __init__(self) -> None:
        self.threads: list[int] = []

    def encode(self, texts):
        import torch

        self.threads.append(torch.get_num_threads())
        return np.ones((len(texts), 2), dtype=np.float32) / np.sqrt(2)


def test_on_threads_encodes_on_its_threads_and_restores_torchs():
    import torch

    inner = _TorchCounting()
    wrapped = OnThreads(inner, 1)
    before = torch.get_num_threads()
    assert (wrapped.name, wrapped.dim) == ("counting", 2)
    assert wrapped.encode(["a", "b"]).shape == (2, 2)
    assert inner.threads == [1]
    assert torch.get_num_threads() == before
    with pytest.raises(ValueError, match="threads must be at least 1. Got 0 instead."):
        OnThreads(inner, 0)


def test_on_threads_gives_torch_its_threads_back_once_told():
    import torch

    inner = _TorchCounting()
    answers = iter([False, True, True])
    wrapped = OnThreads(inner, 1, until=lambda: next(answers))
    before = torch.get_num_threads()
    for _ in range(3):
        wrapped.encode(["a"])
    assert inner.threads == [1, before, before]
    assert torch.get_num_threads() == before


@pytest.fixture(scope="module")
def torch_minilm() -> SentenceTransformerEmbedder:
    """MiniLM on torch, whose threads these tests watch (the default runs its int8 export
    on onnxruntime: tests/test_embed_int8.py)."""
    return SentenceTransformerEmbedder(128)


def test_minilm_vectors_are_the_same_on_one_thread_as_on_two(torch_minilm):
    embedder = torch_minilm
    import torch

    texts = [
        "The river flooded the old town; forty homes were evacuated.",
        "Senator Tom Reed called the council's 7 to 2 vote reckless.",
        "A bakery opened on Elm Street and sells 12 kinds of bread. " * 20,
    ]
    assert runs_minilm(embedder) and runs_minilm(HashedMiniLM())
    assert not runs_minilm(WordHashEmbedder()) and not runs_minilm(UniversalSentenceEncoder())
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        two = embedder.encode(texts)
    finally:
        torch.set_num_threads(before)
    one = OnThreads(embedder, 1).encode(texts)
    assert np.array_equal(one, two)


def test_the_encoder_keeps_every_core_but_the_one_extracting(tmp_path, monkeypatch):
    from clustering.schema import ARTICLES

    monkeypatch.setattr(engine_module, "_cores", lambda: 8)
    articles = pl.DataFrame(
        [{c: None for c in ARTICLES} | {"article_id": "a", "body": "It rained 3 days."}],
        schema=ARTICLES,
    )
    with extraction_ahead(None, HashedMiniLM(), articles, tmp_path, CompareConfig()) as encoder:
        assert isinstance(encoder, OnThreads) and encoder.threads == 7
    # The article was extracted into the cache before the block ended.
    assert len(list(tmp_path.glob("extract-*/shard-*/keys.parquet"))) == 1


def _built_then_added(tmp_path, name: str, monkeypatch, ahead: bool):
    from clustering.pipeline import add, run

    records = _records()
    first, then = tmp_path / f"{name}-1.jsonl", tmp_path / f"{name}-2.jsonl"
    first.write_text("\n".join(json.dumps(r) for r in records[:3]))
    then.write_text("\n".join(json.dumps(r) for r in records[3:]))
    monkeypatch.setattr(engine_module, "_cores", lambda: 2)
    if not ahead:
        monkeypatch.setattr(engine_module, "_runs_ahead", lambda *args: False)
    run([first], tmp_path / name, embedder=HashedMiniLM())
    calls: list[str] = []
    extract = compare.extract_articles

    def counted(some, *args, **kwargs):
        calls.append(threading.current_thread().name)
        return extract(some, *args, **kwargs)

    monkeypatch.setattr(compare, "extract_articles", counted)
    result = add([then], tmp_path / name, embedder=HashedMiniLM())
    monkeypatch.undo()
    return result, calls


def test_an_add_extracting_ahead_writes_the_same_comparisons(tmp_path, monkeypatch):
    ahead, ahead_calls = _built_then_added(tmp_path, "ahead", monkeypatch, ahead=True)
    plain, plain_calls = _built_then_added(tmp_path, "plain", monkeypatch, ahead=False)
    assert ahead_calls[0] == "storylens-extract-ahead" and "storylens-extract-ahead" not in (
        plain_calls
    )
    assert ahead.n_stories == plain.n_stories == 3
    for name in ("numbers", "quotes", "framing", "facts"):
        with_ahead = ahead.corpus.read(f"comparisons/{name}")
        assert with_ahead.height > 0, name
        assert with_ahead.equals(plain.corpus.read(f"comparisons/{name}")), name


def test_minilm_gets_its_threads_back_between_batches_with_the_same_vectors(torch_minilm):
    embedder = torch_minilm
    import torch

    texts = [
        f"Report {i}: the river rose {i} centimetres overnight in the old town." for i in range(70)
    ]
    minilm = getattr(embedder, "english", embedder)  # the default is "auto"
    plain = embedder.encode(texts)
    seen: list[int] = []
    asked = iter([False] + [True] * 10)
    hook = minilm.model.register_forward_pre_hook(lambda *_: seen.append(torch.get_num_threads()))
    before = torch.get_num_threads()
    try:
        wrapped = OnThreads(embedder, 1, until=lambda: next(asked))
        vectors = wrapped.encode(texts)
    finally:
        hook.remove()
    # 70 texts: three batches of 32; the first on one thread, the next on torch's own.
    assert seen == [1, before, before] or (before == 1 and seen == [1, 1, 1])
    assert np.array_equal(vectors, plain)
    assert torch.get_num_threads() == before
    assert len(minilm.model._forward_pre_hooks) == 0
