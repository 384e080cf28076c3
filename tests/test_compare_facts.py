from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from clustering.compare.facts import (
    FACTS,
    compare_facts,
    fact_sentences,
    facts_embedder,
    facts_json,
    is_fact_sentence,
)
from clustering.embed import EmbeddingCache
from clustering.schema import ARTICLES
from clustering.text import split_sentences

# A fictional story told by three outlets. The dam fact is in all three, worded three
# ways; the emergency in two; the bakery, the spillway warning and the insurance estimate
# each in one. Pairs stating one fact embed at cosine >= 0.75 with MiniLM, the others
# below 0.4, so the result holds for any threshold in between.
NORTH = (
    "The Riverside dam burst at 3 a.m. on Tuesday and flooded 400 homes.\n\n"
    "Mayor Elena Park declared a state of emergency for the whole county.\n\n"
    "A bakery on Mill Street handed out free bread to families sleeping in the school gym.\n\n"
    "He said."
)
SOUTH = (
    "Four hundred homes were flooded when the Riverside dam burst early on Tuesday.\n\n"
    "Elena Park, the mayor, declared a state of emergency across the county.\n\n"
    "Engineers had warned in 2019 that the dam's spillway was cracked."
)
EAST = (
    "The Riverside dam burst early on Tuesday, flooding about 400 homes.\n\n"
    "Photo: Getty Images.\n\n"
    "Insurance claims are expected to top $20 million, according to the state insurance board."
)


def _articles(*rows: dict) -> pl.DataFrame:
    return pl.DataFrame([{c: None for c in ARTICLES} | r for r in rows], schema=ARTICLES)


def _story() -> pl.DataFrame:
    return _articles(
        {"article_id": "n1", "outlet": "North Post", "title": "Dam bursts", "body": NORTH},
        {"article_id": "s1", "outlet": "South Times", "title": "Homes flooded", "body": SOUTH},
        {"article_id": "e1", "outlet": "East Wire", "title": "Dam failure", "body": EAST},
    )


class CountingEmbedder:
    """Wraps an embedder and counts the texts it is asked to embed."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.name = inner.name
        self.embedded = 0

    def encode(self, texts):
        self.embedded += len(texts)
        return self.inner.encode(texts)


@pytest.fixture(params=["minilm", "static"])
def any_embedder(request, embedder):
    """MiniLM, and the static vectors the pipeline aligns facts with (each at its own
    default threshold)."""
    return embedder if request.param == "minilm" else facts_embedder()


@pytest.mark.slow
def test_exclusive_consensus_and_reworded_facts(any_embedder):
    facts = compare_facts(_story(), any_embedder)
    assert facts.schema == FACTS
    kinds = {(r["article_id"], r["sentence_index"]): r["kind"] for r in facts.to_dicts()}
    assert kinds == {
        ("e1", 0): "consensus",  # the dam, in all three outlets
        ("e1", 2): "exclusive",  # the insurance estimate
        ("n1", 0): "consensus",
        ("n1", 1): "consensus",  # the emergency, in two of three outlets (>= half)
        ("n1", 2): "exclusive",  # the bakery
        ("s1", 0): "consensus",
        ("s1", 1): "consensus",
        ("s1", 2): "exclusive",  # the spillway warning
    }  # "He said." and the photo credit are not facts
    dam = facts.filter(pl.col("sentence_index") == 0)
    assert dam["n_outlets"].to_list() == [3, 3, 3]
    assert dam["outlets"].to_list()[0] == ["East Wire", "North Post", "South Times"]
    assert dam["fact_id"].n_unique() == 1  # one fact, worded three ways
    assert facts.filter(pl.col("kind") == "exclusive")["n_outlets"].to_list() == [1, 1, 1]

    report = facts_json(facts)
    assert report["exclusive_facts"] == [
        {
            "article_id": "e1",
            "outlet": "East Wire",
            "sentence": "Insurance claims are expected to top $20 million, according to the "
            "state insurance board.",
        },
        {
            "article_id": "n1",
            "outlet": "North Post",
            "sentence": "A bakery on Mill Street handed out free bread to families sleeping "
            "in the school gym.",
        },
        {
            "article_id": "s1",
            "outlet": "South Times",
            "sentence": "Engineers had warned in 2019 that the dam's spillway was cracked.",
        },
    ]
    assert [f["outlets"] for f in report["consensus_facts"]] == [
        ["East Wire", "North Post", "South Times"],
        ["North Post", "South Times"],
    ]


@pytest.mark.slow
def test_row_order_changes_neither_ids_nor_kinds(embedder):
    forward = compare_facts(_story(), embedder)
    backward = compare_facts(_story().reverse(), embedder)
    assert forward.equals(backward)
    assert forward["fact_id"].str.starts_with("f-").all()


@pytest.mark.slow
def test_wire_copies_do_not_turn_an_exclusive_into_a_shared_fact(embedder):
    copy = {"article_id": "w1", "outlet": "West Daily", "body": NORTH, "duplicate_of": "n1"}
    facts = compare_facts(pl.concat([_story(), _articles(copy)]), embedder)
    assert "w1" not in facts["article_id"].to_list()
    bakery = facts.filter((pl.col("article_id") == "n1") & (pl.col("sentence_index") == 2))
    assert bakery["kind"].to_list() == ["exclusive"]


@pytest.mark.slow
def test_a_second_comparison_embeds_nothing_with_a_cache(embedder, tmp_path):
    counting = CountingEmbedder(embedder)
    cache = EmbeddingCache(tmp_path, counting.name)
    first = compare_facts(_story(), counting, cache)
    assert counting.embedded == first.height == 8
    second = compare_facts(_story(), counting, cache)
    assert counting.embedded == 8
    assert second.equals(first)


class FailingEmbedder:
    name = "never"

    def encode(self, texts):
        raise AssertionError("a story with one outlet needs no embedding")


def test_one_outlet_has_nothing_to_compare_against():
    two_articles = _articles(
        {"article_id": "a", "outlet": "North Post", "body": NORTH},
        {"article_id": "b", "outlet": "North Post", "body": SOUTH},
    )
    facts = compare_facts(two_articles, FailingEmbedder())
    assert facts.height == 0
    assert facts.schema == FACTS
    assert facts_json(facts) == {"exclusive_facts": [], "consensus_facts": []}


def test_articles_of_unknown_outlet_are_each_their_own_source():
    class Orthogonal:
        name = "orthogonal"

        def encode(self, texts):
            return np.eye(len(texts), 8, dtype=np.float32)

    story = _articles(
        {"article_id": "a", "outlet": "", "body": "Rain closed the airport on Friday."},
        {"article_id": "b", "outlet": None, "body": "The mayor opened a new bridge."},
    )
    facts = compare_facts(story, Orthogonal())
    assert facts["kind"].to_list() == ["exclusive", "exclusive"]
    assert facts["outlets"].to_list() == [["a"], ["b"]]


def test_lexical_only_comparison_needs_no_model():
    facts = compare_facts(_story(), None)
    kinds = facts.select("article_id", "sentence_index", "kind").rows()
    assert kinds == [
        ("e1", 0, "consensus"),
        ("e1", 2, "exclusive"),
        ("n1", 0, "consensus"),
        ("n1", 1, "consensus"),
        ("n1", 2, "exclusive"),
        ("s1", 0, "consensus"),
        ("s1", 1, "consensus"),
        ("s1", 2, "exclusive"),
    ]


def test_copied_sentences_match_even_when_the_embedder_disagrees():
    class Orthogonal:
        name = "orthogonal"

        def encode(self, texts):
            return np.eye(len(texts), 8, dtype=np.float32)

    sentence = "The central bank raised its main interest rate to 4.5 percent on Thursday."
    story = _articles(
        {"article_id": "a", "outlet": "X", "body": sentence},
        {
            "article_id": "b",
            "outlet": "Y",
            "body": "Officials said " + sentence[0].lower() + sentence[1:],
        },
        {"article_id": "c", "outlet": "Z", "body": "Snow closed the mountain pass on Thursday."},
    )
    facts = compare_facts(story, Orthogonal())
    assert facts["kind"].to_list() == ["consensus", "consensus", "exclusive"]


def test_figures_written_differently_are_the_same_terms():
    story = _articles(
        {
            "article_id": "a",
            "outlet": "X",
            "body": "The strike costs shops $3m a day, or 1,100 jobs.",
        },
        {
            "article_id": "b",
            "outlet": "Y",
            "body": "Shops lose $3 million a day and 1100 jobs to the strike.",
        },
    )
    assert compare_facts(story, None)["kind"].to_list() == ["consensus", "consensus"]


@pytest.mark.parametrize(
    ("sentence", "is_fact"),
    [
        ("He said.", False),
        ("Photo: Getty Images.", False),
        ("Sign up for our newsletter to get the news first.", False),
        ("The Associated Press contributed to this report.", False),
        ("Watch:", False),
        ("Police closed the bridge on Monday.", True),
        ("Officials said 12 people were hurt.", True),
    ],
)
def test_trivial_sentences_are_not_facts(sentence, is_fact):
    assert is_fact_sentence(sentence) is is_fact


def test_fact_sentences_keep_their_index_in_the_body():
    sentences = fact_sentences(_story())
    north = sentences.filter(pl.col("article_id") == "n1")
    assert north["sentence_index"].to_list() == [0, 1, 2]  # "He said." (3) is dropped
    east = sentences.filter(pl.col("article_id") == "e1")
    assert east["sentence_index"].to_list() == [0, 2]  # the photo credit (1) is dropped


def test_bad_similarity_is_rejected_with_the_parameter_message():
    with pytest.raises(ValueError, match=r"similarity must be a float in \(0, 1\]. Got 1.5"):
        compare_facts(_story(), FailingEmbedder(), similarity=1.5)


@pytest.mark.parametrize(
    "text",
    [
        "Photo: Getty Images.",
        "PHOTOGRAPHS BY the agency were shown.",
        "Sign up for our newsletter to read more.",
        "Reporting by Jane Doe; editing by John Roe.",
        "The council voted on the plan after a long debate.",
        "\u017fign up for the ſtory\u2019s updates today please.",  # long s: not ASCII
        "Click here, he said, to see the whole record of the vote.",
        "All rights reserved by the publishers of the city paper.",
        "The (Reuters) desk reported forty homes flooded.",
        "Café owners said the photos by the river were stunning.",
        # Not ASCII, shortcut taken: a curly quote or a dash, furniture or not.
        "\u201cSign up\u201d \u2014 the newsletter of the town council, weekly.",
        "The council\u2019s vote \u2014 forty to two \u2014 passed the plan today.",
        # Not ASCII, folded first (`fold_case`): a Kelvin sign, a dotless or dotted i match
        # "k" or "i".
        "Clic\u212a here \u2014 to see the whole record of the vote.",
        "Cl\u0131ck here \u2014 to see the whole record of the vote.",
        "CL\u0130CK HERE \u2014 to see the whole record of the vote.",
    ],
)
def test_fact_sentences_are_those_the_furniture_pattern_and_word_count_give(text):
    """is_fact_sentence's ASCII shortcut (no furniture word, no regular expression)
    answers as the pattern does, and split_fact_sentences as split + is_fact_sentence."""
    from clustering.compare.facts import (
        _BOILERPLATE,
        _STOP,
        MIN_CONTENT_WORDS,
        split_fact_sentences,
    )
    from clustering.text import split_sentences, words

    expected = _BOILERPLATE.search(text) is None and (
        sum(1 for w in words(text) if w not in _STOP) >= MIN_CONTENT_WORDS
    )
    assert is_fact_sentence(text) == expected
    body = f"{text}\n\nHe said.\n\nThe dam burst at dawn and flooded the town."
    sentences, facts = split_fact_sentences(body)
    assert list(sentences) == split_sentences(body)
    assert list(facts) == [i for i, s in enumerate(sentences) if is_fact_sentence(s.text)]
    assert facts[-1] == len(sentences) - 1 and 1 not in facts


def test_furniture_shortcut_leaves_out_the_sentences_the_pattern_does():
    assert not is_fact_sentence("Photo: Getty Images shows the flooded town centre.")
    assert not is_fact_sentence("\u017fign up for the daily briefing of the town.")  # ſ ~ s
    assert is_fact_sentence("The river rose two metres overnight in the town.")


def test_lexical_similarity_is_scikit_learns_tfidf_to_the_last_bit():
    """The hand-built TF-IDF rows give the similarities scikit-learn's vectorizer gives,
    bit for bit (the same arithmetic in the same order), so no threshold moves."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from clustering.compare.facts import _content_terms, _lexical_similarity_of

    texts = [
        *(s.text for body in (NORTH, SOUTH, EAST) for s in split_sentences(body)),
        "The dam, the dam and the dam again: 1,100 homes, $3m, 40 per cent.",
        "Zebra crossings near the dam were flooded; aardvarks were not.",
        "The Riverside dam burst at 3 a.m. on Tuesday and flooded 400 homes.",  # a repeat
    ]
    vectorizer = TfidfVectorizer(analyzer=_content_terms, binary=True, norm="l2")
    matrix = vectorizer.fit_transform(texts)
    expected = (matrix @ matrix.T).toarray().astype(np.float32)
    _lexical_similarity_of.cache_clear()
    got = _lexical_similarity_of(tuple(texts))
    assert got.dtype == np.float32 and got.shape == (len(texts), len(texts))
    np.testing.assert_array_equal(got, expected)
    assert got[0, -1] == pytest.approx(1.0)  # the repeated sentence
    assert 0.0 < got[0, len(split_sentences(NORTH))] < 0.9  # the dam, reworded
