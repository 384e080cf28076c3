from __future__ import annotations

import math

import polars as pl
import pytest

from clustering.compare.framing_comparison import (
    FRAMING_COMPARISON,
    FRAMING_MARKS,
    SLANT_FEATURES,
    SLANTED,
    SlantModel,
    _has_digit,
    compare_framing,
    framing_json,
    framing_marks,
    load_slant_model,
    same_entity,
    slant_features,
    slanted_sentences,
)
from clustering.extract.framing import FRAMING
from tests.framing_helpers import articles_frame, framing_row


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Kuleba", "Dmytro Kuleba", True),
        ("Dmitry Kuleba", "Dmytro Kuleba", True),
        ("RNC", "Republican National Committee", True),
        ("U.N.", "United Nations", True),
        ("Apple", "Apple Inc.", True),
        ("the Pentagon", "Pentagon", True),
        ("Joe Biden", "Jill Biden", False),
        ("New York", "New York Times", False),
        ("Dmytro", "Dmytro Kuleba", False),
        ("", "Kuleba", False),
    ],
)
def test_same_entity_is_loose_about_forms_not_about_people(a, b, same):
    assert same_entity(a, b) is same
    assert same_entity(b, a) is same


def test_entities_only_here_per_outlet_with_wire_copies_left_out():
    articles = articles_frame(
        {"article_id": "n1", "outlet": "North Post"},
        {"article_id": "s1", "outlet": "South Times"},
        {"article_id": "e1", "outlet": "East Wire"},
        # A wire copy of East Wire's story republished by West Daily: not coverage of its own.
        {"article_id": "w1", "outlet": "West Daily", "duplicate_of": "e1"},
    )
    framing = pl.DataFrame(
        [
            framing_row("n1", [("Dmytro Kuleba", "PERSON"), ("Red Cross", "ORG"), ("Kyiv", "GPE")]),
            framing_row("s1", [("Kuleba", "PERSON"), ("Ana Ruiz", "PERSON"), ("Kyiv", "GPE")]),
            framing_row("e1", [("Dmitry Kuleba", "PERSON"), ("NATO", "ORG"), ("Lviv", "GPE")]),
            framing_row("w1", [("Red Cross", "ORG"), ("Ana Ruiz", "PERSON")]),
        ],
        schema=FRAMING,
    )
    table = compare_framing(framing, articles)
    assert table.schema == FRAMING_COMPARISON
    assert table["outlet"].to_list() == ["East Wire", "North Post", "South Times"]
    only = dict(zip(table["outlet"], table["entities_only_here"].to_list(), strict=True))
    # Kuleba is named by all three; places are not people or organisations; the wire copy
    # naming Red Cross and Ana Ruiz does not take them away from North Post and South Times.
    assert only == {"East Wire": ["NATO"], "North Post": ["Red Cross"], "South Times": ["Ana Ruiz"]}


def test_two_articles_of_one_outlet_do_not_count_as_another_outlet():
    articles = articles_frame(
        {"article_id": "a", "outlet": "North Post"},
        {"article_id": "b", "outlet": "North Post"},
        {"article_id": "c", "outlet": "South Times"},
    )
    framing = pl.DataFrame(
        [
            framing_row("a", [("Ana Ruiz", "PERSON")]),
            framing_row("b", [("Ruiz", "PERSON")]),
            framing_row("c", [("Red Cross", "ORG")]),
        ],
        schema=FRAMING,
    )
    table = compare_framing(framing, articles)
    assert table["entities_only_here"].to_list() == [["Ana Ruiz"], ["Ruiz"], ["Red Cross"]]


def test_only_here_lists_each_entity_once_and_never_an_outlet_of_the_story():
    articles = articles_frame(
        {"article_id": "a", "outlet": "North Post"}, {"article_id": "b", "outlet": "South Times"}
    )
    framing = pl.DataFrame(
        [
            framing_row(
                "a",
                [
                    ("Charles Schumer", "PERSON"),
                    ("Schumer", "PERSON"),
                    ("South Times", "ORG"),  # "told the South Times"
                    ("North Post", "ORG"),
                    ("North", "ORG"),  # a "(North)" dateline
                ],
            ),
            framing_row("b", [("Red Cross", "ORG")]),
        ],
        schema=FRAMING,
    )
    table = compare_framing(framing, articles)
    assert table["entities_only_here"].to_list() == [["Charles Schumer"], ["Red Cross"]]


def test_only_here_leaves_out_shouted_words_link_fragments_and_common_words():
    # What a crawl's bodies hand the entity finder, written anew: a promo label and a
    # caption's shout in capitals, a tweet's link and handle, a capitalised common word.
    articles = articles_frame(
        {
            "article_id": "a",
            "outlet": "North Post",
            "body": "READ MORE The ferry group said it was caught red handed. People said the people who read "
            "the report wept. pic.twitter.com/Ab3dE9xYz0 — Ana Ruiz (@anaruiz77) May 2, 2022",
        },
        {"article_id": "b", "outlet": "South Times", "body": "The Red Cross arrived."},
    )
    framing = pl.DataFrame(
        [
            framing_row(
                "a",
                [
                    ("READ", "ORG"),
                    ("RED HANDED", "ORG"),
                    ("Ab3dE9xYz0", "ORG"),
                    ("anaruiz77", "PERSON"),
                    ("People", "ORG"),
                    ("Group", "ORG"),  # "group" is written in lower case too
                    ("Ana Ruiz", "PERSON"),
                    ("UEFA", "ORG"),  # capitals the story never writes in lower case
                ],
            ),
            framing_row("b", [("Red Cross", "ORG")]),
        ],
        schema=FRAMING,
    )
    table = compare_framing(framing, articles)
    assert table["entities_only_here"].to_list() == [["Ana Ruiz", "UEFA"], ["Red Cross"]]


def test_missing_framing_rows_are_named():
    articles = articles_frame(
        {"article_id": "a", "outlet": "X"}, {"article_id": "b", "outlet": "Y"}
    )
    framing = pl.DataFrame([framing_row("a", [])], schema=FRAMING)
    with pytest.raises(ValueError, match=r"Got none for \['b'\]"):
        compare_framing(framing, articles)


def test_framing_json_rounds_scores():
    articles = articles_frame({"article_id": "a", "outlet": "X"})
    framing = pl.DataFrame(
        [framing_row("a", [("Ana Ruiz", "PERSON")], tone=-0.123456)], schema=FRAMING
    )
    rows = framing_json(compare_framing(framing, articles))
    assert rows == [
        {
            "outlet": "X",
            "article_id": "a",
            "headline": "Headline a",
            "lead_sentence": "Lead a.",
            "attribution_verbs": [{"verb": "said", "count": 1}],
            "loaded_verb_share": 0.0,
            "hedges": [],
            "intensifiers": [],
            "loaded_terms": [],
            "subjectivity": 0.25,
            "tone": -0.123,
            "entities_only_here": ["Ana Ruiz"],
            "loaded_marks": [],
            "slanted_sentences": [],  # no embedder: not scored
        }
    ]


# --- Slanted sentences (informational bias) ----------------------------------------------

_STORY = articles_frame(
    {
        "article_id": "a",
        "outlet": "Harbor Times",
        "body": (
            "The council approved the harbour budget on Monday. "
            "The mayor might face a recall over his earlier scandal."
        ),
    },
    {
        "article_id": "b",
        "outlet": "Valley Gazette",
        "body": (
            "On Monday the council approved the harbour budget. "
            "Fishermen welcomed extra berths near the lighthouse."
        ),
    },
    # A wire copy of "a": left out, or it would make a's sentences look shared.
    {
        "article_id": "a-copy",
        "outlet": "Wire",
        "body": "The mayor might face a recall over his earlier scandal.",
        "duplicate_of": "a",
    },
)


def _model(embedder: str = "word-hash-test") -> SlantModel:
    """Slanted when exclusive (z = 1) and more so with a hedge; the embedding is ignored."""
    coef = [0.0] * (len(SLANT_FEATURES) + 384)
    coef[SLANT_FEATURES.index("exclusive")] = 4.0
    coef[SLANT_FEATURES.index("hedge")] = 2.0
    return SlantModel(tuple(coef), -3.0, 0.5, embedder)


def test_slant_features_measure_exclusivity_against_other_outlets(word_embedder):
    sentences, matrix = slant_features(_STORY, word_embedder)
    assert sentences.select("article_id", "sentence_index").rows() == [
        ("a", 0),
        ("a", 1),
        ("b", 0),
        ("b", 1),
    ]
    assert matrix.shape == (4, len(SLANT_FEATURES) + 384)
    column = {name: matrix[:, i].tolist() for i, name in enumerate(SLANT_FEATURES)}
    # The budget sentence is in both outlets; the recall and the berths are not.
    assert column["exclusive"] == [0.0, 1.0, 0.0, 1.0]
    assert column["exclusivity"][0] < 0.2 < 0.6 < column["exclusivity"][1]
    assert column["hedge"] == [0.0, 1.0, 0.0, 0.0]  # "might"
    assert column["position"] == [0.0, 1.0, 0.0, 1.0]
    assert column["lead"] == [1.0, 0.0, 1.0, 0.0]


def test_slanted_sentences_score_and_flag_with_offsets(word_embedder):
    table = slanted_sentences(_STORY, word_embedder, model=_model())
    assert table.schema == SLANTED
    assert table.select("article_id", "sentence_index", "exclusive", "slanted").rows() == [
        ("a", 0, False, False),
        ("a", 1, True, True),
        ("b", 0, False, False),
        ("b", 1, True, True),
    ]
    sigmoid = lambda z: 1 / (1 + math.exp(-z))  # noqa: E731
    assert table["score"].to_list() == pytest.approx(
        [sigmoid(-3), sigmoid(3), sigmoid(-3), sigmoid(1)]
    )
    body = _STORY.row(0, named=True)["body"]
    row = table.row(1, named=True)
    assert body[row["start"] : row["end"]] == row["sentence"]


def test_slanted_sentences_need_the_embedder_the_model_was_fitted_with(word_embedder):
    assert slanted_sentences(_STORY, word_embedder, model=_model("all-MiniLM-L6-v2")).is_empty()
    short = SlantModel((0.0,) * 3, 0.0, 0.5, "word-hash-test")
    with pytest.raises(ValueError, match="must have 3 columns"):
        slanted_sentences(_STORY, word_embedder, model=short)
    with pytest.raises(ValueError, match=r"threshold must be in \(0, 1\). Got 0.0 instead."):
        SlantModel((0.0,), 0.0, 0.0, "x")


def test_compare_framing_lists_each_articles_slanted_sentences(word_embedder, monkeypatch):
    import clustering.compare.framing_comparison as module

    monkeypatch.setattr(module, "load_slant_model", lambda: _model())
    framing = pl.DataFrame([framing_row("a", []), framing_row("b", [])], schema=FRAMING)
    table = compare_framing(framing, _STORY, word_embedder)
    slanted = dict(zip(table["article_id"], table["slanted_sentences"].to_list(), strict=True))
    assert [s["sentence_index"] for s in slanted["a"]] == [1]
    assert [s["sentence_index"] for s in slanted["b"]] == [1]
    assert slanted["a"][0]["exclusive"] is True


def test_shipped_slant_model_reads_the_static_minilm_vectors():
    from clustering.compare.facts import facts_embedder

    model = load_slant_model()
    # The facts' static vectors (issue 14): scoring a story's sentences runs no model.
    assert model.embedder == "static-all-MiniLM-L6-v2" and model.fits(facts_embedder())
    assert len(model.coef) == len(SLANT_FEATURES) + facts_embedder().dim
    assert 0.0 < model.threshold < 1.0
    assert "dev" in model.about


def test_framing_marks_put_each_mark_in_its_sentence(word_embedder, monkeypatch):
    import clustering.compare.framing_comparison as module

    monkeypatch.setattr(module, "load_slant_model", lambda: _model())
    body_a = _STORY.row(0, named=True)["body"]
    start = body_a.index("scandal")
    row_a = framing_row("a", []) | {
        "loaded_marks": [
            {
                "text": "scandal",
                "start": start,
                "end": start + 7,
                "sentence_index": 1,
                "score": 0.97,
                "target": "Ana Ruiz",
                "quoted": False,
            },
            # Offsets that no longer point at the word (the body changed): left out.
            {"text": "budget", "start": 0, "end": 6, "sentence_index": 0, "score": 0.9,
             "target": "", "quoted": False},
        ]
    }  # fmt: skip
    framing = pl.DataFrame([row_a, framing_row("b", [])], schema=FRAMING)
    table = compare_framing(framing, _STORY, word_embedder)
    marks = framing_marks(table, _STORY)
    assert marks.schema == FRAMING_MARKS
    assert marks.select("article_id", "kind", "sentence_index", "text", "target").rows() == [
        # (its sentence names no Ana Ruiz: no target, tests/test_framing_names_only_here.py)
        ("a", "loaded", 1, "scandal", ""),
        (
            "a",
            "slanted",
            1,
            "The mayor might face a recall over his earlier scandal.",
            "",
        ),
        ("b", "slanted", 1, "Fishermen welcomed extra berths near the lighthouse.", ""),
    ]
    loaded = marks.row(0, named=True)
    assert loaded["sentence"][loaded["mark_start"] : loaded["mark_end"]] == "scandal"
    assert loaded["exclusive"] is None
    assert loaded["quoted"] is False
    assert marks["exclusive"].to_list()[1:] == [True, True]


def test_framing_marks_of_a_story_without_marks_are_empty():
    framing = pl.DataFrame([framing_row("a", [])], schema=FRAMING)
    articles = articles_frame({"article_id": "a", "outlet": "X", "body": "Plain words."})
    marks = framing_marks(compare_framing(framing, articles), articles)
    assert marks.is_empty()
    assert marks.schema == FRAMING_MARKS


def test_framing_json_reads_a_table_stored_before_marks_existed():
    articles = articles_frame({"article_id": "a", "outlet": "X"})
    table = compare_framing(pl.DataFrame([framing_row("a", [])], schema=FRAMING), articles)
    old = table.drop("loaded_marks", "slanted_sentences")
    rows = framing_json(old)
    assert rows[0]["loaded_marks"] == [] and rows[0]["slanted_sentences"] == []


def test_story_page_html_highlights_marks_and_escapes_text(word_embedder, monkeypatch):
    import clustering.compare.framing_comparison as module
    from clustering.views import story_page

    monkeypatch.setattr(module, "load_slant_model", lambda: _model())
    body = "<b>Ana</b> called it a witch hunt and a sham. Plain words follow here today."
    articles = articles_frame({"article_id": "a", "outlet": "X", "body": body})
    marks = [
        {"text": t, "start": body.index(t), "end": body.index(t) + len(t), "sentence_index": 0,
         "score": 0.99, "target": "Ana Ruiz", "quoted": False}
        for t in ("witch hunt", "sham")
    ]  # fmt: skip
    framing = pl.DataFrame([framing_row("a", []) | {"loaded_marks": marks}], schema=FRAMING)
    page = story_page.framing_marks_html(compare_framing(framing, articles), articles)
    # One line for the sentence, both words highlighted, the text escaped.
    assert page.count("&lt;b&gt;Ana&lt;/b&gt;") == 1
    assert "<b>" not in page
    assert page.count("<mark") == 2 and ">witch hunt</mark>" in page and ">sham</mark>" in page
    assert "(about Ana Ruiz)" in page
    assert "2 loaded words, 0 slanted sentences" in page
    # A table compared before marks existed shows no panel.
    old = compare_framing(framing, articles).drop("loaded_marks", "slanted_sentences")
    assert story_page.framing_marks_html(old, articles) == ""
    # The measured precision of loaded sentences on BASIL's test events (MEASURED): 0.193.
    assert "19%" in story_page.framing_trust_note()


def test_facts_read_the_slant_features_tf_idf_of_the_same_story(word_embedder, monkeypatch):
    """compare_story scores a story's sentences for slant, then aligns its facts: the
    TF-IDF similarities of the same sentences are computed once, and shared read-only."""
    from clustering.compare import facts

    facts._lexical_similarity_of.cache_clear()
    fits = []
    tfidf = facts._tfidf

    def counted(texts):
        fits.append(len(texts))
        return tfidf(texts)

    monkeypatch.setattr(facts, "_tfidf", counted)
    _, matrix = slant_features(_STORY, word_embedder)
    table = facts.compare_facts(_STORY, word_embedder, similarity=0.6)
    assert fits == [4]  # the four fact sentences of a and b, once
    assert table.filter(pl.col("kind") != "exclusive")["sentence_index"].to_list() == [0, 0]
    shared = facts._lexical_similarity(table["sentence"].to_list())
    assert not shared.flags.writeable
    assert shared[0, 2] == pytest.approx(1.0 - matrix[0, 1], abs=1e-6)  # lexical_exclusivity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Costs rose 4 percent.", True),
        ("An area of 5 km\u00b2.", True),  # ASCII digit
        ("The km\u00b2 figure.", True),  # a superscript: str.isdigit, not \d
        ("Chapter \u0663 of the report.", True),  # an Arabic-Indic digit: \d
        ("\u201cNo figures here\u201d \u2014 he said.", False),  # non-ASCII, no digit
        ("No figures here at all.", False),
    ],
)
def test_has_digit_is_str_isdigit_of_any_character(text: str, expected: bool) -> None:
    assert _has_digit(text) is expected
    assert _has_digit(text) is any(c.isdigit() for c in text)
