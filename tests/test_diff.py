from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clustering.compare.diff import diff_articles, diff_words
from clustering.text import split_sentences


def side(spans: list[tuple[str, str]], keep: str) -> str:
    return "".join(text for kind, text in spans if kind in ("equal", keep))


def row_side(rows: list[dict], keep: str) -> str:
    return "".join(s["text"] for r in rows for s in r["spans"] if s["kind"] in ("equal", keep))


# Text made of words, punctuation, spaces and blank lines: news-like enough to produce
# sentences and paragraphs, random enough to find edge cases.
WORDS = st.sampled_from(
    ["The", "war", "began", "in", "2022", "Kuleba", "said", ".", ",", "“", "”", "Mr.", "é", "?"]
)
SEPARATORS = st.sampled_from([" ", " ", " ", "\n\n", "  ", "\n"])
news_text = st.lists(st.tuples(WORDS, SEPARATORS), max_size=40).map(
    lambda pairs: "".join(w + s for w, s in pairs)
)


def test_diff_words_marks_a_replaced_and_an_inserted_word():
    spans = diff_words("The war began in 2022.", "The war started in February 2022.")
    assert spans == [
        ("equal", "The war "),
        ("delete", "began"),
        ("insert", "started"),
        ("equal", " in "),
        ("insert", "February "),
        ("equal", "2022."),
    ]


def test_diff_words_works_on_whole_words_not_characters():
    # A character diff would keep "s" and "d" of "said"/"stated" as equal.
    spans = diff_words("he said", "he stated")
    assert spans == [("equal", "he "), ("delete", "said"), ("insert", "stated")]


def test_diff_words_of_identical_and_empty_texts():
    assert diff_words("Same text.", "Same text.") == [("equal", "Same text.")]
    assert diff_words("", "New.") == [("insert", "New.")]
    assert diff_words("Old.", "") == [("delete", "Old.")]
    assert diff_words("", "") == []


def test_diff_words_rejects_non_strings():
    with pytest.raises(TypeError, match="Got NoneType"):
        diff_words(None, "x")  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80))
def test_diff_words_rebuilds_both_texts_from_any_text(a, b):
    spans = diff_words(a, b)
    assert side(spans, "delete") == a
    assert side(spans, "insert") == b
    assert all(kind in ("equal", "delete", "insert") and text for kind, text in spans)


@settings(max_examples=100, deadline=None)
@given(news_text, news_text)
def test_diff_words_rebuilds_news_like_text(a, b):
    spans = diff_words(a, b)
    assert side(spans, "delete") == a
    assert side(spans, "insert") == b
    # Adjacent spans of one kind are merged.
    assert all(x[0] != y[0] for x, y in zip(spans, spans[1:], strict=False))


A = "Kuleba met Lavrov on Monday. The talks failed.\n\nHe said Ukraine will not give up."
B = "A new opening line. Kuleba met Lavrov on Monday.\n\nHe said Ukraine would not give up."


def test_diff_articles_aligns_sentences_then_diffs_words():
    rows = diff_articles(A, B)
    assert [(r["a_index"], r["b_index"]) for r in rows] == [(None, 0), (0, 1), (1, None), (2, 2)]
    assert rows[0]["spans"] == [{"kind": "insert", "text": "A new opening line. "}]
    assert rows[2]["spans"] == [{"kind": "delete", "text": "The talks failed.\n\n"}]
    assert rows[1]["similarity"] == 100.0
    assert 80.0 < rows[3]["similarity"] < 100.0
    words = [(s["kind"], s["text"]) for s in rows[3]["spans"]]
    assert ("delete", "will") in words and ("insert", "would") in words
    # One-sided rows have similarity 0.
    assert rows[0]["similarity"] == rows[2]["similarity"] == 0.0


def test_diff_articles_keeps_order_when_sentences_move():
    # A monotonic alignment cannot follow a moved sentence: it is deleted and re-inserted.
    a = "First sentence here. Second sentence there. Third one follows."
    b = "Third one follows. First sentence here. Second sentence there."
    rows = diff_articles(a, b)
    matched = [(r["a_index"], r["b_index"]) for r in rows if r["a_index"] is not None]
    assert (0, 1) in matched and (1, 2) in matched and (2, None) in matched
    assert row_side(rows, "delete") == a and row_side(rows, "insert") == b


def test_diff_articles_threshold_makes_dissimilar_pairs_one_sided():
    rows = diff_articles("Completely different words.", "Nothing alike at all here.")
    assert [(r["a_index"], r["b_index"]) for r in rows] == [(0, None), (None, 0)]
    rows = diff_articles("Completely different words.", "Nothing alike at all here.", threshold=0.0)
    assert [(r["a_index"], r["b_index"]) for r in rows] == [(0, 0)]


def test_diff_articles_never_returns_markup():
    rows = diff_articles("<b>Bold</b> claim & more.", "<i>Bold</i> claim & more.")
    # Raw text, for the app to escape: no markup added, none escaped.
    assert row_side(rows, "delete") == "<b>Bold</b> claim & more."
    assert row_side(rows, "insert") == "<i>Bold</i> claim & more."
    assert {tuple(sorted(s)) for r in rows for s in r["spans"]} == {("kind", "text")}


def test_diff_articles_rejects_bad_parameters():
    with pytest.raises(ValueError, match=r"threshold should be .* Got 150"):
        diff_articles("a", "b", threshold=150)
    with pytest.raises(TypeError, match="Got int"):
        diff_articles(1, "b")  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(news_text, news_text)
def test_diff_articles_rebuilds_both_bodies(a, b):
    rows = diff_articles(a, b)
    assert row_side(rows, "delete") == a
    assert row_side(rows, "insert") == b
    n_a, n_b = len(split_sentences(a)), len(split_sentences(b))
    a_indexes = [r["a_index"] for r in rows if r["a_index"] is not None]
    b_indexes = [r["b_index"] for r in rows if r["b_index"] is not None]
    # Every sentence appears once, in order (whitespace-only text is one segment).
    assert a_indexes == list(range(max(n_a, 1 if a else 0)))
    assert b_indexes == list(range(max(n_b, 1 if b else 0)))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_diff_articles_rebuilds_any_text(a, b):
    rows = diff_articles(a, b)
    assert row_side(rows, "delete") == a
    assert row_side(rows, "insert") == b
