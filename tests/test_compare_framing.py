from __future__ import annotations

import polars as pl
import pytest

from clustering.compare.framing import (
    FRAMING_COMPARISON,
    compare_framing,
    framing_json,
    same_entity,
)
from clustering.extract.framing import FRAMING
from clustering.schema import ARTICLES


def _articles(*rows: dict) -> pl.DataFrame:
    return pl.DataFrame([{c: None for c in ARTICLES} | r for r in rows], schema=ARTICLES)


def _framing(article_id: str, entities: list[tuple[str, str]], tone: float = 0.0) -> dict:
    """A FRAMING row with the given entities (name, label), each mentioned once."""
    return {
        "article_id": article_id,
        "headline": f"Headline {article_id}",
        "lead_sentence": f"Lead {article_id}.",
        "attribution_verbs": [{"verb": "said", "count": 1}],
        "loaded_verb_share": 0.0,
        "hedges": [],
        "intensifiers": [],
        "loaded_terms": [],
        "subjectivity": 0.25,
        "tone": tone,
        "entities": [{"name": n, "label": lab, "count": 1} for n, lab in entities],
    }


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
    articles = _articles(
        {"article_id": "n1", "outlet": "North Post"},
        {"article_id": "s1", "outlet": "South Times"},
        {"article_id": "e1", "outlet": "East Wire"},
        # A wire copy of East Wire's story republished by West Daily: not coverage of its own.
        {"article_id": "w1", "outlet": "West Daily", "duplicate_of": "e1"},
    )
    framing = pl.DataFrame(
        [
            _framing("n1", [("Dmytro Kuleba", "PERSON"), ("Red Cross", "ORG"), ("Kyiv", "GPE")]),
            _framing("s1", [("Kuleba", "PERSON"), ("Ana Ruiz", "PERSON"), ("Kyiv", "GPE")]),
            _framing("e1", [("Dmitry Kuleba", "PERSON"), ("NATO", "ORG"), ("Lviv", "GPE")]),
            _framing("w1", [("Red Cross", "ORG"), ("Ana Ruiz", "PERSON")]),
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
    articles = _articles(
        {"article_id": "a", "outlet": "North Post"},
        {"article_id": "b", "outlet": "North Post"},
        {"article_id": "c", "outlet": "South Times"},
    )
    framing = pl.DataFrame(
        [
            _framing("a", [("Ana Ruiz", "PERSON")]),
            _framing("b", [("Ruiz", "PERSON")]),
            _framing("c", [("Red Cross", "ORG")]),
        ],
        schema=FRAMING,
    )
    table = compare_framing(framing, articles)
    assert table["entities_only_here"].to_list() == [["Ana Ruiz"], ["Ruiz"], ["Red Cross"]]


def test_only_here_lists_each_entity_once_and_never_an_outlet_of_the_story():
    articles = _articles(
        {"article_id": "a", "outlet": "North Post"}, {"article_id": "b", "outlet": "South Times"}
    )
    framing = pl.DataFrame(
        [
            _framing(
                "a",
                [
                    ("Charles Schumer", "PERSON"),
                    ("Schumer", "PERSON"),
                    ("South Times", "ORG"),  # "told the South Times"
                    ("North Post", "ORG"),
                    ("North", "ORG"),  # a "(North)" dateline
                ],
            ),
            _framing("b", [("Red Cross", "ORG")]),
        ],
        schema=FRAMING,
    )
    table = compare_framing(framing, articles)
    assert table["entities_only_here"].to_list() == [["Charles Schumer"], ["Red Cross"]]


def test_missing_framing_rows_are_named():
    articles = _articles({"article_id": "a", "outlet": "X"}, {"article_id": "b", "outlet": "Y"})
    framing = pl.DataFrame([_framing("a", [])], schema=FRAMING)
    with pytest.raises(ValueError, match=r"Got none for \['b'\]"):
        compare_framing(framing, articles)


def test_framing_json_rounds_scores():
    articles = _articles({"article_id": "a", "outlet": "X"})
    framing = pl.DataFrame(
        [_framing("a", [("Ana Ruiz", "PERSON")], tone=-0.123456)], schema=FRAMING
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
        }
    ]
