"""The int8 ONNX MiniLM encoder (clustering.embed.Int8MiniLMEmbedder, embed.minilm_runtime =
"onnx-int8"): its file built once per machine from the packaged model, its vectors against
torch's fp32 ones, and vectors that depend on their text alone (not on the batch, the order
or the threads).

The file is built on first use (a few seconds of torch) into $STORYLENS_CACHE or
~/.cache/storylens, as the static vectors are; these tests share it.
"""

from __future__ import annotations

import json
import pickle

import numpy as np
import pytest

import clustering.embed as embed_module
from clustering.compare import facts_embedder_for
from clustering.compare.facts import facts_embedder
from clustering.config import ConfigError, EmbedConfig, load_config
from clustering.corpus import Corpus
from clustering.embed import (
    AutoEmbedder,
    EmbeddingCache,
    Int8MiniLMEmbedder,
    OnThreads,
    SentenceTransformerEmbedder,
    embedder_for,
    load_embedder,
    runs_minilm,
)

pytestmark = pytest.mark.slow

TEXTS = [
    "A magnitude 7.1 earthquake struck northern Chile on Tuesday, damaging houses and "
    "cutting power to the port city of Iquique.",
    "Chile was hit by a strong quake on Tuesday; homes in Iquique were damaged and the "
    "port city lost electricity.",
    "The European Central Bank raised its main interest rate by half a point to fight "
    "inflation, its first increase in eleven years.",
    "Eurozone borrowing costs rise as the ECB lifts rates by 50 basis points, the first "
    "hike in more than a decade.",
    "The football club won the national cup final on penalties after a goalless match.",
    "   Thousands of fans celebrated the cup win on penalties in the streets overnight.  ",
    "A bakery opened on Elm Street and sells 12 kinds of bread. " * 30,  # over 128 pieces
    "",
]


@pytest.fixture(scope="module")
def int8() -> Int8MiniLMEmbedder:
    return Int8MiniLMEmbedder(128)


def test_vectors_are_unit_rows_close_to_torchs_fp32_ones(int8):
    vectors = int8.encode(TEXTS)
    assert vectors.shape == (len(TEXTS), 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    fp32 = SentenceTransformerEmbedder(128).encode(TEXTS)
    cosine = np.einsum("ij,ij->i", vectors, fp32)
    # Measured 0.994 mean, 0.978 least over 400 labelled articles (benchmarks/embedding.py).
    assert cosine.min() > 0.97, cosine
    # The same neighbours: each event's two reports are each other's nearest text.
    for a, b in ((0, 1), (2, 3), (4, 5)):
        sims = vectors[a] @ vectors[:6].T
        sims[a] = -1
        assert int(np.argmax(sims)) == b


def test_a_vector_depends_on_its_text_alone(int8):
    """One text per run: no batch, order or thread count moves a vector by a bit."""
    together = int8.encode(TEXTS)
    alone = np.vstack([int8.encode([t]) for t in TEXTS])
    np.testing.assert_array_equal(together, alone)
    np.testing.assert_array_equal(int8.encode(TEXTS[::-1])[::-1], together)
    np.testing.assert_array_equal(OnThreads(int8, 1).encode(TEXTS), together)
    small = Int8MiniLMEmbedder(128, batch_size=3)
    np.testing.assert_array_equal(small.encode(TEXTS), together)
    assert int8.encode([]).shape == (0, 384)


def test_long_texts_are_cut_as_sentence_transformers_cuts_them(int8):
    """max_seq_length counts [CLS] and [SEP]; the 64-token copy reads the text's head."""
    long = TEXTS[6]
    head = int8.resized(64)
    assert head.name == "all-MiniLM-L6-v2-int8@64" and head.path == int8.path
    assert not np.array_equal(head.encode([long]), int8.encode([long]))
    ids = head._tokenizer().encode(long).ids
    assert len(ids) == 64 and ids[0] == 101 and ids[-1] == 102  # [CLS] ... [SEP]
    # Whitespace around a text is stripped first (as sentence-transformers does).
    np.testing.assert_array_equal(int8.encode([TEXTS[5]]), int8.encode([TEXTS[5].strip()]))


def test_on_threads_asks_before_each_batch_and_puts_the_threads_back(int8):
    small = Int8MiniLMEmbedder(128, batch_size=2)
    asked: list[int] = []

    def until() -> bool:
        asked.append(1)
        return len(asked) > 2  # the extraction ends after the call's first batch

    vectors = OnThreads(small, 1, until).encode(TEXTS[:6])
    # Once before the call, then once per batch of two: three batches.
    assert len(asked) == 4
    assert small.threads is None
    np.testing.assert_array_equal(vectors, int8.encode(TEXTS[:6]))


def test_the_file_is_built_once_from_the_packaged_model(tmp_path, monkeypatch):
    built = Int8MiniLMEmbedder(128, directory=tmp_path)
    assert built.path.name == f"all-MiniLM-L6-v2-int8-r{embed_module.INT8_RECIPE}.onnx"
    vectors = built.encode(TEXTS[:2])
    assert built.path.is_file() and 15e6 < built.path.stat().st_size < 40e6
    assert [p.name for p in tmp_path.iterdir()] == [built.path.name]  # no half-built leftovers

    def no_second_build(directory):
        raise AssertionError("the file was built again")

    monkeypatch.setattr(embed_module, "export_int8", no_second_build)
    again = Int8MiniLMEmbedder(128, directory=tmp_path)
    np.testing.assert_array_equal(again.encode(TEXTS[:2]), vectors)


def test_the_config_chooses_the_runtime_and_the_cache_keeps_them_apart(tmp_path):
    torch_auto = load_embedder(EmbedConfig(minilm_runtime="torch"))
    int8_auto = load_embedder(EmbedConfig())  # the default
    assert isinstance(int8_auto, AutoEmbedder) and isinstance(int8_auto.english, Int8MiniLMEmbedder)
    assert type(torch_auto.english) is SentenceTransformerEmbedder  # type: ignore[attr-defined]
    assert embedder_for(int8_auto, ["en"]).name == "all-MiniLM-L6-v2-int8@128"
    assert embedder_for(torch_auto, ["en"]).name == "all-MiniLM-L6-v2@128"
    assert (
        embedder_for(int8_auto, ["es"]).name
        == "all-MiniLM-L6-v2-int8@128*0.3+use-multilingual-v3@64"
    )
    minilm = load_embedder(EmbedConfig(model="minilm"))
    assert isinstance(minilm, Int8MiniLMEmbedder)
    assert (
        EmbeddingCache(tmp_path, minilm.name).directory
        != EmbeddingCache(tmp_path, embedder_for(torch_auto, ["en"]).name).directory
    )
    # Still MiniLM to the rest: the facts read its static distillation, OnThreads runs it.
    assert facts_embedder_for(minilm) is facts_embedder() and runs_minilm(minilm)
    with pytest.raises(
        ConfigError, match="minilm_runtime must be one of 'torch', 'onnx-int8'. Got 'onnx'"
    ):
        EmbedConfig(minilm_runtime="onnx")  # type: ignore[arg-type]


def test_a_pickled_copy_loads_its_own_session_and_gives_the_same_vectors(int8):
    """As a Ray actor gets it (engine_ray.RayEmbedder): no session, tokenizer or thread
    policy travels, only where the file is."""
    vectors = int8.encode(TEXTS[:3])
    int8.threads = lambda: 1
    try:
        copy = pickle.loads(pickle.dumps(int8))
    finally:
        int8.threads = None
    assert copy.threads is None and copy._runtime == {"tokenizers": {}}
    assert (copy.name, copy.path) == (int8.name, int8.path)
    np.testing.assert_array_equal(copy.encode(TEXTS[:3]), vectors)


def test_a_corpus_recorded_before_the_runtime_keeps_torch(tmp_path):
    """Its vectors are torch's: `add` must not mix int8 ones in (pipeline.corpus_config)."""
    from clustering.pipeline import corpus_config, run
    from tests.conftest import WordHashEmbedder

    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"title": "Dam bursts", "body": "The dam burst.", "outlet": "A"}) + "\n"
    )
    built = load_config(None, compare={"enabled": False})
    run([source], tmp_path / "c", built, WordHashEmbedder())
    assert corpus_config(Corpus(tmp_path / "c")).embed.minilm_runtime == "onnx-int8"
    corpus = Corpus(tmp_path / "c")
    manifest = corpus.manifest
    del manifest["config"]["embed"]["minilm_runtime"]  # as every corpus before it
    corpus.write_manifest(manifest)
    old = corpus_config(Corpus(tmp_path / "c"))
    assert old.embed.minilm_runtime == "torch"
    assert old.cluster == built.cluster  # the rest as recorded
