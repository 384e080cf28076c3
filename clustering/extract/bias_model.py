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
) -> NDArray[np.float64]:
    """Features of each sentence for `LoadedSentenceModel`.

    `sentences`: `clustering.text.split_sentences` of the text (text, paragraph); per word
    of the text, `word_sentence` (index of its sentence), `word_scores` (the word model's
    P(loaded)) and `word_quoted` (inside quotation marks), each shape (n_words,).
    Returns float64, shape (n_sentences, len(LOADED_SENTENCE_FEATURES) + embedder dim).
    """
    embedder = embedder or sentence_embedder()
    n = len(sentences)
    matrix = np.zeros((n, len(LOADED_SENTENCE_FEATURES)), dtype=np.float64)
    last_paragraph = max((s.paragraph for s in sentences), default=0)
    for i, sentence in enumerate(sentences):
        mine = word_sentence == i
        top = np.concatenate([np.sort(word_scores[mine])[::-1], np.zeros(3)])
        matrix[i] = (
            top[0],
            top[1],
            top[:3].mean(),
            float((top >= 0.5).sum()),
            float((top >= 0.7).sum()),
            i / max(n - 1, 1),
            float(i == 0),
            sentence.paragraph / max(last_paragraph, 1),
            min(len(sentence.text.split()) / 30.0, 2.0),
            float(word_quoted[mine].mean()) if mine.any() else 0.0,
        )
    vectors = embedder.encode([s.text for s in sentences]) if n else np.zeros((0, embedder.dim))
    return np.hstack([matrix, np.asarray(vectors, dtype=np.float64)])


@dataclass(frozen=True)
class LoadedSentenceModel(SentenceModel):
    """A logistic regression over LOADED_SENTENCE_FEATURES followed by the sentence's
    vector from `embedder` (its name); a sentence holds loaded language at `threshold` or
    above."""

    FEATURES: ClassVar[tuple[str, ...]] = LOADED_SENTENCE_FEATURES
