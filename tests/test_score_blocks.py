"""A story's sentence-by-sentence scores computed a block of rows at a time (issue 14: one
pathological story of 23,000 sentences must not need (n, n) matrices of 4 GB each), and a
huge text's static embedding gathered a chunk of pieces at a time. Stories are generated
here (no real article text)."""

from __future__ import annotations

import random

import numpy as np
import polars as pl
import pytest
from polars.testing import assert_frame_equal

import clustering.compare.facts as facts
from clustering.compare.facts import (
    _lexical_blocks,
    _lexical_similarity,
    _rows_per_block,
    _sentence_rows,
    independent_articles,
)
from clustering.compare.framing_comparison import (
    SLANT_FEATURES,
    _best_other_outlet,
    slant_features,
)
from clustering.config import CompareConfig
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


@pytest.mark.parametrize(("seed", "n_articles", "size"), [(0, 3, 8_000), (2, 5, 4_000)])
@pytest.mark.parametrize("lexical_only", [False, True])
@pytest.mark.parametrize(
    ("grouping", "figures_agree"), [("average", False), ("leader", False), ("average", True)]
)
def test_facts_by_blocks_equal_the_whole_matrix(
    monkeypatch, seed, n_articles, size, lexical_only, grouping, figures_agree
) -> None:
    """A story over one block (here made small) is compared on the pairs near the
    threshold; on these stories every fact, kind and outlet list is the whole matrix's."""
    articles = _story(n_articles, size, seed)
    embedder = None if lexical_only else facts.facts_embedder()
    config = CompareConfig(fact_grouping=grouping, fact_figures_agree=figures_agree)
    whole = facts.compare_facts(articles, embedder, config=config)
    called: list[int] = []
    real = facts._compare_by_blocks

    def spy(*args, **kwargs):
        called.append(len(args[1]))
        return real(*args, **kwargs)

    monkeypatch.setattr(facts, "_compare_by_blocks", spy)
    monkeypatch.setattr(facts, "SCORE_BLOCK_ELEMENTS", 5_000)
    facts._lexical_similarity_of.cache_clear()
    blocks = facts.compare_facts(articles, embedder, config=config)
    assert called == [whole.height] and whole.height > 300
    assert_frame_equal(blocks, whole, check_exact=True)
    kinds = dict(whole["kind"].value_counts().rows())
    assert kinds.get("exclusive", 0) > 0 and kinds["consensus"] > 0  # a real mix
    assert whole["fact_id"].n_unique() < whole.height  # facts of several sentences


def test_facts_by_blocks_keep_the_matrix_rules() -> None:
    """Hand-made sentences through `_compare_by_blocks` itself: a fact two outlets state,
    one whose figures disagree (not the same fact), and an exclusive one."""
    texts = [
        "The harbour bridge reopened after storm repairs costing 40 million dollars.",
        "Flood barriers along the coast failed twice during the night storm surge.",
        "Ferry crews counted 27 injured passengers after the harbour crash.",
        "Storm repairs to the harbour bridge cost 40 million dollars before it reopened.",
        "Ferry crews counted 25 injured passengers after the harbour crash.",
        "The museum festival drew record crowds of schoolchildren and teachers.",
    ]
    sources = ["A", "A", "A", "B", "B", "B"]
    rows = [(f"a-{s}", s, s, i, t) for i, (s, t) in enumerate(zip(sources, texts, strict=True))]
    agree = CompareConfig(fact_figures_agree=True)
    table = facts._compare_by_blocks(rows, texts, None, 0.3, 2, agree)
    kind = dict(zip(table["sentence"], table["kind"], strict=True))
    assert kind[texts[0]] == kind[texts[3]] == "consensus"
    assert kind[texts[2]] == kind[texts[4]] == "exclusive"  # 27 vs 25 injured
    assert kind[texts[1]] == kind[texts[5]] == "exclusive"
    fact = dict(zip(table["sentence"], table["fact_id"], strict=True))
    assert fact[texts[0]] == fact[texts[3]] and fact[texts[2]] != fact[texts[4]]
    # By default (figures may disagree) the ferry sentences are one fact too.
    loose = facts._compare_by_blocks(rows, texts, None, 0.3, 2, CompareConfig())
    fact = dict(zip(loose["sentence"], loose["fact_id"], strict=True))
    assert dict(zip(loose["sentence"], loose["kind"], strict=True))[texts[2]] == "consensus"
    assert fact[texts[2]] == fact[texts[4]] != fact[texts[0]]


def test_a_story_over_one_block_by_default_equals_the_whole(monkeypatch) -> None:
    """A generated story of over 2,048 fact sentences (beyond every labelled story) goes
    by blocks at the default SCORE_BLOCK_ELEMENTS, in facts and in the slant features,
    and gives what the whole matrices give."""
    articles = _story(2, 62_000, seed=3)
    embedder = facts.facts_embedder()
    n = len(_sentence_rows(independent_articles(articles)))
    assert n > 2048 and _rows_per_block(n) < n
    blocks = facts.compare_facts(articles, embedder)
    _, features = slant_features(articles, embedder)
    monkeypatch.setattr(facts, "SCORE_BLOCK_ELEMENTS", n * n)
    facts._lexical_similarity_of.cache_clear()
    assert_frame_equal(blocks, facts.compare_facts(articles, embedder), check_exact=True)
    _, whole = slant_features(articles, embedder)
    assert features.shape == whole.shape == (n, len(SLANT_FEATURES) + embedder.dim)
    np.testing.assert_allclose(features, whole, rtol=0, atol=1e-6)
    exclusive = SLANT_FEATURES.index("exclusive")
    assert np.array_equal(features[:, exclusive], whole[:, exclusive])
    assert blocks.height == n and set(blocks["kind"]) == {"consensus", "exclusive"}
