"""Issue 14, item 1: a story's comparison reads what its aspects share once (the
independent articles, the sentence split of each body) and builds its frames in one go;
each such path gives exactly what the path it replaced gave."""

from __future__ import annotations

import json
import math

import numpy as np
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from clustering.compare import compare_story
from clustering.compare.facts import (
    _classify,
    _sentence_rows,
    _sentences_of,
    compare_facts,
    independent_articles,
)
from clustering.compare.framing_comparison import compare_framing, slant_features
from clustering.extract.framing import extract_framing
from clustering.schema import ARTICLES, FACTS
from clustering.text import _split_sentences, split_sentences
from tests.conftest import SHARED, needs_shared


def _articles(*rows: dict) -> pl.DataFrame:
    base = {c: None for c in ARTICLES}
    return pl.DataFrame([{**base, **r} for r in rows], schema=ARTICLES)


# Outlets whose order differs between code points and a naive case-folded or
# locale-aware sort: upper before lower case, accented letters, a non-Latin script.
_STORY = _articles(
    {
        "article_id": "b2",
        "outlet": "Ärzte Zeitung",
        "body": "The council approved the harbour budget on Monday. "
        "The mayor might face a recall over his earlier scandal.",
    },
    {
        "article_id": "a1",
        "outlet": "zeit",
        "body": "On Monday the council approved the harbour budget. "
        "Fishermen welcomed extra berths near the lighthouse.",
    },
    {
        "article_id": "c3",
        "outlet": "Zeit",
        "body": "Fishermen welcomed the extra berths near the old lighthouse. "
        "The harbour budget passed the council on Monday night.",
    },
    {
        "article_id": "d4",
        "outlet": "Новости",
        "body": "The council approved the harbour budget on Monday after a long debate.",
    },
    {
        "article_id": "e5",
        "outlet": None,  # an article of unknown origin is its own source
        "body": "Critics said the harbour budget ignores the fishermen entirely.",
    },
)


def _classify_by_frame(
    sentences: pl.DataFrame, matches: np.ndarray, n_sources: int
) -> pl.DataFrame:
    """The frame-built `_classify` the list-built one replaced (the reference)."""
    import hashlib

    sources = sentences["source"].to_list()
    outlets = [
        sorted({sources[i], *(sources[j] for j in np.flatnonzero(row))})
        for i, row in enumerate(matches)
    ]
    counts = [len(o) for o in outlets]
    consensus_at = max(2, math.ceil(n_sources / 2))
    kinds = [
        "exclusive" if c == 1 else "consensus" if c >= consensus_at else "shared" for c in counts
    ]
    keys = list(zip(sentences["article_id"], sentences["sentence_index"], strict=True))
    names = sentences["outlet"].to_list()
    order = sorted(range(len(keys)), key=lambda i: (-counts[i], names[i], keys[i]))
    fact_ids: list[str | None] = [None] * len(keys)
    texts = sentences["sentence"].to_list()
    for i in order:
        if fact_ids[i] is not None:
            continue
        digest = hashlib.sha256(f"{keys[i][0]}|{texts[i]}".encode()).hexdigest()[:16]
        fact_ids[i] = f"f-{digest}"
        for j in np.flatnonzero(matches[i]):
            if fact_ids[j] is None:
                fact_ids[j] = fact_ids[i]
    return (
        sentences.with_columns(
            pl.Series("fact_id", fact_ids, dtype=pl.String),
            pl.Series("kind", kinds, dtype=pl.String),
            pl.Series("n_outlets", counts, dtype=pl.Int64),
            pl.Series("outlets", outlets, dtype=pl.List(pl.String)),
        )
        .select(list(FACTS))
        .sort("outlet", "article_id", "sentence_index")
    )


def _random_matches(n: int, sources: list[str], seed: int) -> np.ndarray:
    """A symmetric match matrix between sentences of different sources."""
    rng = np.random.default_rng(seed)
    upper = np.triu(rng.random((n, n)) < 0.3, 1)
    codes = np.unique(sources, return_inverse=True)[1]
    return (upper | upper.T) & (codes[:, None] != codes[None, :])


@pytest.mark.parametrize("seed", range(5))
def test_classify_from_lists_is_the_frame_built_classify(seed):
    story = independent_articles(_STORY)
    rows = _sentence_rows(story)
    matches = _random_matches(len(rows), [r[2] for r in rows], seed)
    n_sources = story["source"].n_unique()
    got = _classify(rows, matches, n_sources)
    assert_frame_equal(got, _classify_by_frame(_sentences_of(story), matches, n_sources))
    # The non-ASCII outlet sorts after the Latin ones, "Zeit" before "zeit" (code points).
    assert got["outlet"].unique(maintain_order=True).to_list() == [
        "",
        "Zeit",
        "zeit",
        "Ärzte Zeitung",
        "Новости",
    ]


def test_sentence_rows_are_the_fact_sentences_frame():
    story = independent_articles(_STORY)
    frame = _sentences_of(story)
    assert frame.rows() == _sentence_rows(story)
    assert frame.height == 8  # every sentence here has three content words


def test_story_given_once_is_the_story_read_by_each_aspect(word_embedder):
    story = independent_articles(_STORY)
    framing = extract_framing(_STORY)
    assert_frame_equal(
        compare_facts(_STORY, word_embedder, story=story), compare_facts(_STORY, word_embedder)
    )
    assert_frame_equal(
        compare_framing(framing, _STORY, word_embedder, story=story),
        compare_framing(framing, _STORY, word_embedder),
    )
    with_story, _ = slant_features(_STORY, word_embedder, story=story)
    alone, matrix = slant_features(_STORY, word_embedder)
    assert_frame_equal(with_story, alone)
    assert matrix.shape == (8, 12 + word_embedder.dim)
    assert alone.schema["sentence_index"] == pl.Int64 and alone.columns[:3] == [
        "article_id",
        "outlet",
        "source",
    ]


def test_split_sentences_shares_one_split_and_gives_each_caller_its_own_list():
    text = "Dr. Smith arrived at 5 p.m. on Monday. He left.\n\nA new paragraph here."
    first = split_sentences(text)
    assert [s.text for s in first] == [
        "Dr. Smith arrived at 5 p.m. on Monday.",
        "He left.",
        "A new paragraph here.",
    ]
    first.pop()  # a caller changing its list changes no one else's
    again = split_sentences(text)
    assert len(again) == 3 and again is not first
    assert again == list(_split_sentences.__wrapped__(text))  # the uncached split


@needs_shared
def test_classify_from_lists_is_the_frame_built_classify_on_basil_stories():
    """Real stories (the first six BASIL events, three outlets each), lexical matches."""
    from clustering.compare.facts import _lexical_similarity

    records = [
        json.loads(line)
        for line in (SHARED / "labelled" / "basil.jsonl").read_text().splitlines()[:18]
    ]
    articles = _articles(
        *(
            {"article_id": str(r["id"]), "outlet": r.get("outlet"), "body": r.get("body", "")}
            for r in records
        )
    )
    checked = 0
    for start in range(0, articles.height, 3):
        story = independent_articles(articles.slice(start, 3))
        rows = _sentence_rows(story)
        texts = [r[4] for r in rows]
        codes = np.unique([r[2] for r in rows], return_inverse=True)[1]
        matches = (_lexical_similarity(texts) >= 0.3) & (codes[:, None] != codes[None, :])
        n_sources = story["source"].n_unique()
        assert_frame_equal(
            _classify(rows, matches, n_sources),
            _classify_by_frame(_sentences_of(story), matches, n_sources),
        )
        checked += len(rows)
    assert checked > 100


def test_compare_story_reads_the_independent_articles_once(word_embedder, monkeypatch):
    import clustering.compare as compare
    import clustering.compare.facts as facts
    import clustering.compare.framing_comparison as framing_comparison

    calls = []
    real = facts.independent_articles

    def counted(articles):
        calls.append(articles.height)
        return real(articles)

    # Wherever the framing, the slant model and the facts would read it again.
    for module in (compare, facts, framing_comparison):
        monkeypatch.setattr(module, "independent_articles", counted)
    result = compare_story(_STORY, word_embedder)
    assert calls == [5]
    assert result.facts.height == 8 and result.framing.height == 5


# --- Words read once: holds_words, the facts' content terms ------------------------------

_TEXTS = [
    "",
    "He said.",
    "Watch: the video.",
    "The council approved the harbour budget on Monday.",
    "It is what it is, and so on.",
    "Officials said 1,100 people fled; $3m and 3.5bn were pledged, 12k more, 7 tn.",
    "L'été à Paris: Ärzte warnten 2,500 Menschen in ٣m Tagen, ²m",
    "\u017fign up: İstanbul's mayor, o'clock, re-elected 4m\u2019s",
    "The 3m figure: 3m, 12k and 7tn; the 12k were stop words? No: the words are.",
    "RESIGN now! resign later. Resign? www.example.com said @handle read",
]


def _content_terms_reference(text: str) -> list[str]:
    """The facts' content terms as written before the pre-checks (the reference)."""
    from clustering.compare.facts import _SCALED, _SCALES, _STOP, _THOUSANDS
    from clustering.text import stem, words

    terms = []
    for word in words(_THOUSANDS.sub("", text)):
        scaled = _SCALED.match(word)
        if scaled:
            terms += [scaled.group(1), _SCALES[scaled.group(2)]]
        elif word not in _STOP:
            terms.append(stem(word))
    return terms


@pytest.mark.parametrize("text", _TEXTS)
def test_holds_words_is_the_count_of_words_outside_skip(text):
    from clustering.compare.facts import _STOP
    from clustering.text import holds_words, words

    for skip in (frozenset(), _STOP):
        count = sum(1 for w in words(text) if w not in skip)
        for at_least in range(0, 8):
            assert holds_words(text, at_least, skip) is (count >= at_least)


@pytest.mark.parametrize("text", _TEXTS)
def test_content_terms_are_the_terms_without_pre_checks(text):
    from clustering.compare.facts import _content_terms

    assert _content_terms(text) == _content_terms_reference(text)
    # again: the second reading comes from the per-word memory
    assert _content_terms(text) == _content_terms_reference(text)


def test_content_terms_keep_figures_and_drop_stop_words():
    from clustering.compare.facts import _content_terms

    assert _content_terms("Officials said 1,100 people fled; $3m pledged") == [
        "official",
        "1100",
        "people",
        "fled",
        "3",
        "million",
        "pledg",
    ]


@needs_shared
def test_content_terms_and_fact_sentences_unchanged_on_basil_sentences():
    from clustering.compare.facts import (
        _STOP,
        MIN_CONTENT_WORDS,
        _content_terms,
        _is_boilerplate,
        is_fact_sentence,
    )
    from clustering.text import words

    bodies = [
        json.loads(line)["body"]
        for line in (SHARED / "labelled" / "basil.jsonl").read_text().splitlines()[:40]
    ]
    sentences = [s.text for body in bodies for s in split_sentences(body)]
    assert len(sentences) > 1000
    for text in sentences:
        assert _content_terms(text) == _content_terms_reference(text)
        by_count = sum(1 for w in words(text) if w not in _STOP) >= MIN_CONTENT_WORDS
        assert is_fact_sentence(text) is (by_count and not _is_boilerplate(text))


def test_story_ids_column_is_each_frames_rows_under_its_story():
    from clustering.compare import _with_story_ids

    frames = [
        pl.DataFrame({"x": [1, 2]}, schema={"x": pl.Int64}),
        pl.DataFrame(schema={"x": pl.Int64}),
        pl.DataFrame({"x": [3]}, schema={"x": pl.Int64}),
    ]
    expected = pl.concat(
        [
            f.select(pl.lit(s).alias("story_id"), pl.all())
            for s, f in zip("abc", frames, strict=True)
        ]
    )
    got = _with_story_ids(frames, ["a", "b", "c"])
    assert_frame_equal(got, expected)
    assert got.rows() == [("a", 1), ("a", 2), ("c", 3)]


# --- Quote diffs: a text against itself ---------------------------------------------------


@pytest.mark.parametrize(
    "a, b",
    [
        ("", ""),
        (" ", " "),
        (
            "We will rebuild, \u201cstone by stone.\u201d",
            "We will rebuild, \u201cstone by stone.\u201d",
        ),
        ("We will rebuild the town.", "We will rebuild the whole town."),
        ("Never.", ""),
    ],
)
def test_diff_words_of_equal_texts_is_the_full_diff(a, b):
    from clustering.compare.diff import _diff_tokens, diff_words

    assert diff_words(a, b) == _diff_tokens(a, b)
    if a == b and a:
        assert diff_words(a, b) == [("equal", a)]


# --- Tone: sentences without a scored word -----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The council met on Monday at the town hall.",
        "THE COUNCIL MET ON MONDAY!!!",
        "Where is the town hall?? Which one???",
        "The council met, but the mayor left early!",
        "The council met but the mayor was not happy!!",
        "",
        "   ",
        ":) the council met",
    ],
)
def test_tone_without_scored_words_is_vaders_own(text):
    from clustering.extract.framing import _sentiment, vader_compound

    vader_compound.cache_clear()
    assert vader_compound(text) == _sentiment().polarity_scores(text)["compound"]
