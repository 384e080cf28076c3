"""The static word-piece vectors distilled from MiniLM (clustering.embed.StaticEmbedder).

The table is built once per machine on first use (about a minute of MiniLM) into
$STORYLENS_CACHE or ~/.cache/storylens; these tests share it.
"""

from __future__ import annotations

import numpy as np
import pytest

from clustering.compare import facts_embedder_for
from clustering.compare.facts import facts_embedder
from clustering.embed import SentenceTransformerEmbedder, UniversalSentenceEncoder

pytestmark = pytest.mark.slow


def test_rows_are_unit_vectors_of_the_declared_size_and_empty_text_is_zero():
    static = facts_embedder()
    assert static.name == "static-all-MiniLM-L6-v2"  # the Embedder protocol's three parts
    vectors = static.encode(["The dam burst on Tuesday.", "", "Elena Park declared it."])
    assert vectors.shape == (3, static.dim) == (3, 256)
    assert vectors.dtype == np.float32
    assert np.linalg.norm(vectors, axis=1) == pytest.approx([1.0, 0.0, 1.0], abs=1e-5)


def test_a_reworded_fact_is_nearer_than_another_fact_of_the_story():
    dam, reworded, spillway = facts_embedder().encode(
        [
            "The Riverside dam burst at 3 a.m. on Tuesday and flooded 400 homes.",
            "Four hundred homes were flooded when the Riverside dam burst early on Tuesday.",
            "Engineers had warned in 2019 that the dam's spillway was cracked.",
        ]
    )
    assert dam @ reworded > 0.8
    assert dam @ reworded - dam @ spillway > 0.15


def test_encoding_is_deterministic_and_batch_independent():
    static = facts_embedder()
    texts = ["Insurance claims may top $20 million.", "A bakery handed out free bread."]
    together = static.encode(texts)
    alone = np.vstack([static.encode([t]) for t in texts])
    np.testing.assert_array_equal(together, alone)


def test_only_the_english_minilm_is_replaced_for_facts():
    assert facts_embedder_for(SentenceTransformerEmbedder(64)) is facts_embedder()
    use = UniversalSentenceEncoder()
    assert facts_embedder_for(use) is use  # static vectors know English word pieces only
