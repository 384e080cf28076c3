"""What the comparisons read of each article's text alone, read ahead beside the encoder
(`framing_comparison.read_ahead`, issue 14): the same slant features, lower-case words and
TF-IDF terms as reading them when the story is compared."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from clustering.compare import facts
from clustering.compare import framing_comparison as fc
from tests.conftest import WordHashEmbedder, dated_articles

_BODIES = (
    "The river flooded the old town on Monday, officials said. Forty homes were "
    'evacuated and 1,100 people fled. "We will rebuild," Mayor Anna Berg said.\n\n'
    "Crews may reopen the bridge by Friday. Read more at harbortimes.com today.",
    "Floods forced 1,200 people from their homes in the old town. The mayor promised "
    "$3m in aid. Critics called the response slow and chaotic.",
    "Residents of the old town returned on Tuesday. Some homes were destroyed. READ the "
    "report, follow @valleygazette for updates.",
)


def _story() -> pl.DataFrame:
    return dated_articles(*((f"a{i}", body, (2024, 5, 1)) for i, body in enumerate(_BODIES)))


def _forget() -> None:
    for memory in (
        fc._sentence_features,
        fc._lower_words_of,
        facts.content_terms_of,
        facts.split_fact_sentences,
        facts._lexical_similarity_of,
    ):
        memory.cache_clear()


def _read(story: pl.DataFrame) -> tuple[pl.DataFrame, np.ndarray, frozenset[str], np.ndarray]:
    sentences, matrix = fc.slant_features(story, WordHashEmbedder())
    words = fc._lower_words(story["body"].to_list() + story["lead"].fill_null("").to_list())
    tfidf = facts._tfidf(sentences["sentence"].to_list()).toarray()
    return sentences, matrix, words, tfidf


def test_reading_ahead_gives_what_the_comparison_reads_and_it_is_looked_up():
    story = _story()
    _forget()
    cold = _read(story)
    _forget()
    assert fc.read_ahead(story) is True
    assert fc._sentence_features.cache_info().currsize == 3
    assert fc._lower_words_of.cache_info().currsize == 4  # three bodies and the empty lead
    n_terms = facts.content_terms_of.cache_info().currsize
    assert n_terms == cold[0].height  # one per fact sentence
    hits = fc._sentence_features.cache_info().hits
    warm = _read(story)
    assert fc._sentence_features.cache_info().hits == hits + 3  # nothing read again
    assert facts.content_terms_of.cache_info().currsize == n_terms
    assert warm[0].equals(cold[0])
    assert np.array_equal(warm[1], cold[1])
    assert warm[2] == cold[2]
    assert np.array_equal(warm[3], cold[3])
    # Real values: the quote's sentence, the figures' terms, the link's words left out.
    assert any("We will rebuild" in s for s in warm[0]["sentence"].to_list())
    assert facts.content_terms_of("The mayor promised $3m in aid.") == (
        "mayor",
        "promis",
        "3",
        "million",
        "aid",
    )
    assert "harbortimes" not in warm[2] and "flooded" in warm[2] and "read" not in warm[2]


def test_content_terms_of_is_content_terms():
    text = "Officials said 1,100 people fled; $3m pledged"
    assert facts.content_terms_of(text) == tuple(facts._content_terms(text))
    assert facts._content_terms(text)[:2] == ["official", "1100"]


def test_a_larger_batch_and_wire_copies_are_not_read(monkeypatch):
    story = _story()
    _forget()
    monkeypatch.setattr(fc, "READ_AHEAD_ARTICLES", 2)
    assert fc.read_ahead(story) is False
    assert fc._sentence_features.cache_info().currsize == 0
    copies = story.with_columns(pl.lit("a0").alias("duplicate_of"))
    monkeypatch.setattr(fc, "READ_AHEAD_ARTICLES", 3)
    assert fc.read_ahead(copies) is True
    assert fc._sentence_features.cache_info().currsize == 0


@pytest.mark.parametrize(
    "text",
    [
        "No link here, only words.",
        "Read more at harbortimes.com today.",
        "See https://example.org/a?b=1 and www.example.net, or mail @durov",
        "PanamaPapershttps://t.co/AkCPAh6EEI leak",
        "",
    ],
)
def test_text_without_a_link_mark_is_itself_and_with_one_is_scanned_by_runs(text):
    by_runs = fc._TOKEN.sub(lambda m: " " if fc._LINKISH.search(m.group()) else m.group(), text)
    assert fc._without_links(text) == by_runs
    if not fc._LINKISH.search(text):
        assert fc._without_links(text) is text
