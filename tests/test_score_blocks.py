"""A story's sentence-by-sentence scores computed a block of rows at a time (issue 14: one
pathological story of 23,000 sentences must not need (n, n) matrices of 4 GB each), and a
huge text's static embedding gathered a chunk of pieces at a time. Stories are generated
here (no real article text)."""

from __future__ import annotations

import random

import numpy as np
import polars as pl
import pytest

import clustering.compare.facts as facts
from clustering.compare.facts import (
    _lexical_blocks,
    _lexical_similarity,
    _rows_per_block,
    _sentence_rows,
    independent_articles,
)
from clustering.compare.framing_comparison import _best_other_outlet
from clustering.embed import _mean_rows
from clustering.schema import ARTICLES

_WORDS = (
    "council budget river station harbour minister school bridge storm vote court police "
    "hospital market farmers energy price railway airport museum festival union strike tax "
    "election mayor governor senate bill water power contract village district coast forest"
).split()


def _story(n_articles: int, size: int, seed: int = 0) -> pl.DataFrame:
    """ARTICLES rows of one generated story: bodies of about `size` characters of varied
    sentences of a small vocabulary (so outlets share many words), one outlet each."""
    rng = random.Random(seed)
    rows = []
    for a in range(n_articles):
        sentences, total = [], 0
        while total < size:
            words = [rng.choice(_WORDS) for _ in range(rng.randint(5, 9))]
            if rng.random() < 0.3:
                words.append(str(rng.randint(2, 9999)))
            sentences.append(" ".join(words).capitalize() + ".")
            total += len(sentences[-1]) + 1
        body = "\n\n".join(" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4))
        rows.append(
            {c: None for c in ARTICLES}
            | {
                "article_id": f"a{a}",
                "outlet": f"Outlet {a}",
                "title": "",
                "lead": "",
                "body": body,
            }
        )
    return pl.DataFrame(rows, schema=ARTICLES)


@pytest.fixture(scope="module")
def sentences() -> tuple[list[str], list[str]]:
    rows = _sentence_rows(independent_articles(_story(3, 12_000)))
    return [r[4] for r in rows], [r[2] for r in rows]


def test_rows_per_block() -> None:
    assert _rows_per_block(299) == 299  # every labelled story: one block, as before
    assert _rows_per_block(2048) == 2048
    assert _rows_per_block(23_000) == 2**22 // 23_000 == 182
    assert _rows_per_block(10, 35) == 3
    assert _rows_per_block(10, 1) == 1  # never 0 rows
    assert _rows_per_block(0) == 1


def test_lexical_blocks_are_the_whole_matrix_to_the_bit(sentences) -> None:
    texts, _ = sentences
    assert len(texts) > 500
    whole = _lexical_similarity(texts)
    blocks = list(_lexical_blocks(texts, 97))
    assert [start for start, _ in blocks] == list(range(0, len(texts), 97))
    assert all(b.shape[1] == len(texts) and b.dtype == np.float32 for _, b in blocks)
    assert np.array_equal(np.vstack([b for _, b in blocks]), whole)
    # One block is the remembered whole matrix itself.
    ((start, only),) = list(_lexical_blocks(texts, len(texts)))
    assert start == 0 and only is whole


def test_best_match_by_blocks_equals_the_whole(sentences) -> None:
    texts, sources = sentences
    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((len(texts), 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    best, lexical = _best_other_outlet(texts, vectors, sources)
    assert best.shape == lexical.shape == (len(texts),)
    assert lexical.min() > 0.0 and lexical.max() <= 1.0 + 1e-6
    for elements in (len(texts) * 50, len(texts) * 3 + 1):
        b, lex = _best_other_outlet(texts, vectors, sources, elements)
        assert np.array_equal(lex, lexical)  # TF-IDF rows: exact
        # The embedding cosine of a block may differ in its last bit (another BLAS path).
        np.testing.assert_allclose(b, best, rtol=0, atol=1e-6)
    # Written out for a few sentences: the best other-outlet mean of the two cosines.
    whole = _lexical_similarity(texts).astype(np.float64)
    codes = np.array(sources)
    for i in (0, len(texts) // 2, len(texts) - 1):
        other = codes != codes[i]
        expected = ((whole[i] + vectors @ vectors[i]) / 2)[other].max()
        assert best[i] == pytest.approx(expected, abs=1e-6)
        assert lexical[i] == whole[i][other].max()


def test_one_outlet_story_has_no_best_match(sentences) -> None:
    texts, _ = sentences
    vectors = np.ones((len(texts), 4), dtype=np.float32) / 2
    for elements in (None, 200):
        best, lexical = _best_other_outlet(texts, vectors, ["x"] * len(texts), elements)
        assert not best.any() and not lexical.any()


def test_a_large_story_is_scored_by_blocks(monkeypatch, sentences) -> None:
    texts, sources = sentences
    seen: list[int] = []
    real = facts._lexical_blocks

    def spy(texts_, rows):
        seen.append(rows)
        return real(texts_, rows)

    monkeypatch.setattr("clustering.compare.framing_comparison._lexical_blocks", spy)
    monkeypatch.setattr(facts, "SCORE_BLOCK_ELEMENTS", len(texts) * 10)
    vectors = np.eye(len(texts), 8, dtype=np.float32)
    best, _ = _best_other_outlet(texts, vectors, sources)
    assert seen == [10]
    assert best.shape == (len(texts),)


def test_mean_rows_by_chunks_equals_the_whole_to_the_bit() -> None:
    rng = np.random.default_rng(1)
    table = rng.standard_normal((500, 32)).astype(np.float32)
    for n in (1, 7, 8, 100, 20_001):
        ids = rng.integers(0, 500, n).tolist()
        whole = table[ids].mean(axis=0)
        for chunk in (1, 7, 8192):
            mean = _mean_rows(table, ids, chunk)
            assert mean.dtype == np.float32 and mean.shape == (32,)
            assert np.array_equal(mean, whole)
