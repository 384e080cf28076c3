"""Loaded sentences: which sentences of an article hold loaded language (BASIL's lexical
bias), read from the loaded-language word scores and the sentence around them.

The word model (`clustering.extract.framing.LoadedLanguageModel`) scores each word alone;
a sentence holding one high-scoring word is not always a loaded sentence, and a loaded
sentence is often a plain sentence with one open-ended word no lexicon holds. This second,
sentence-level logistic regression reads the sentence's best word scores, where it stands
in the article (Fan et al. 2019 found lexical bias concentrated at the start of articles),
how much of it is quoted, and its static MiniLM vector (`StaticEmbedder`: a table lookup,
no transformer pass). Weights ship inside `lexicons/loaded_language.json` ("sentence"),
fitted on BASIL's dev events by `python -m benchmarks.framing --train` on out-of-fold word
scores (numbers only, no article text).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from clustering.models import SentenceModel

__all__ = [
    "LOADED_SENTENCE_FEATURES",
    "LoadedSentenceModel",
    "loaded_sentence_features",
    "sentence_embedder",
]

#: The per-sentence features the loaded-sentence model reads before the sentence vector.
LOADED_SENTENCE_FEATURES = (
    "best_word",  # the highest word score in the sentence (0 for a sentence of no words)
    "second_word",  # the second highest
    "top3_mean",  # the mean of the three highest (missing ones count 0)
    "words_over_half",  # words scored >= 0.5
    "words_over_07",  # words scored >= 0.7
    "position",  # sentence index / (sentences - 1)
    "lead",  # the first sentence
    "paragraph_position",  # paragraph index / (paragraphs - 1)
    "length",  # whitespace words / 30, at most 2
    "quoted_share",  # share of its words inside quotation marks
)


@cache
def sentence_embedder() -> Any:
    """The static distillation of MiniLM (one per process: its table loads once)."""
    from clustering.embed import StaticEmbedder

    return StaticEmbedder()


def loaded_sentence_features(
    sentences: Sequence[Any],
    word_sentence: NDArray[np.int64],
    word_scores: NDArray[np.float64],
    word_quoted: NDArray[np.bool_],
    embedder: Any | None = None,
    vectors: NDArray[np.float32] | None = None,
) -> NDArray[np.float64]:
    """Features of each sentence for `LoadedSentenceModel`.

    `sentences`: `clustering.text.split_sentences` of the text (text, paragraph); per word
    of the text, `word_sentence` (index of its sentence), `word_scores` (the word model's P(loaded)) and `word_quoted` (inside
    quotation marks), each shape (n_words,). `vectors`: the sentences' rows of `embedder`
    when the caller has them (`extract_framing` embeds many articles' sentences in one
    batch), shape (n_sentences, dim); else they are embedded here.
    Returns float64, shape (n_sentences, len(LOADED_SENTENCE_FEATURES) + embedder dim).
    """
    n = len(sentences)
    matrix = np.zeros((n, len(LOADED_SENTENCE_FEATURES)), dtype=np.float64)
    if n:
        # Each sentence's three best word scores, by column over all words at once (a
        # loop over sentences masked every word per sentence: quadratic in the article).
        order = np.lexsort((-word_scores, word_sentence))
        ordered = word_sentence[order]
        counts = np.bincount(word_sentence, minlength=n)
        first = np.concatenate([[0], np.cumsum(counts)[:-1]])
        rank = np.arange(len(order)) - first[ordered]
        top = np.zeros((n, 3), dtype=np.float64)
        best = rank < 3
        top[ordered[best], rank[best]] = word_scores[order][best]
        matrix[:, 0] = top[:, 0]
        matrix[:, 1] = top[:, 1]
        matrix[:, 2] = top.mean(axis=1)
        matrix[:, 3] = np.bincount(word_sentence, weights=word_scores >= 0.5, minlength=n)
        matrix[:, 4] = np.bincount(word_sentence, weights=word_scores >= 0.7, minlength=n)
        matrix[:, 5] = np.arange(n) / max(n - 1, 1)
        matrix[0, 6] = 1.0
        paragraphs = np.array([s.paragraph for s in sentences], dtype=np.float64)
        matrix[:, 7] = paragraphs / max(int(paragraphs.max()), 1)
        lengths = np.array([len(s.text.split()) for s in sentences], dtype=np.float64)
        matrix[:, 8] = np.minimum(lengths / 30.0, 2.0)
        quoted = np.bincount(word_sentence, weights=word_quoted, minlength=n)
        matrix[:, 9] = np.divide(quoted, counts, out=np.zeros(n), where=counts > 0)
    if vectors is None:
        embedder = embedder or sentence_embedder()
        vectors = embedder.encode([s.text for s in sentences]) if n else np.zeros((0, embedder.dim))
    return np.hstack([matrix, np.asarray(vectors, dtype=np.float64)])


@dataclass(frozen=True)
class LoadedSentenceModel(SentenceModel):
    """A logistic regression over LOADED_SENTENCE_FEATURES followed by the sentence's
    vector from `embedder` (its name); a sentence holds loaded language at `threshold` or
    above."""

    FEATURES: ClassVar[tuple[str, ...]] = LOADED_SENTENCE_FEATURES
