"""The framing grid's "named only here" and "(about X)" on hand-written stories (issue 16):
short forms of a longer name ("Xi" / "Xi Jinping"), page furniture in capitals ("MOST
READ IN NEWS"), tags, time zones, and loaded words aimed at a person their sentence does
not name. Defects read on the news-please crawl; the stories here are written for the
tests."""

from __future__ import annotations

import polars as pl

from clustering.compare.framing_comparison import (
    _aimed_at,
    _is_furniture,
    compare_framing,
    framing_marks,
)
from clustering.extract.framing import FRAMING
from clustering.text import split_sentences
from tests.framing_helpers import articles_frame, framing_row


def _framing(article_id: str, names: list[str], marks: list[dict] | None = None) -> dict:
    """A FRAMING row naming `names` (PERSON for two words, else ORG), each once."""
    entities = [(n, "PERSON" if " " in n else "ORG") for n in names]
    return framing_row(article_id, entities, marks=marks)


def _only_here(bodies: dict[str, str], names: dict[str, list[str]]) -> dict[str, list[str]]:
    articles = articles_frame(
        *({"article_id": o, "outlet": o, "body": body} for o, body in bodies.items())
    )
    framing = pl.DataFrame([_framing(o, names[o]) for o in bodies], schema=FRAMING)
    table = compare_framing(framing, articles)
    return dict(zip(table["outlet"], table["entities_only_here"].to_list(), strict=True))


def test_a_one_word_name_is_the_short_form_of_a_longer_name_of_the_story() -> None:
    only = _only_here(
        {"East": "Oil reached the North.", "West": "Oil reached the North."},
        {
            # East's own "Xi Jinping" and "Ren Guoqiang": the short forms are not repeated.
            "East": ["Xi", "Xi Jinping", "Ren", "Ren Guoqiang", "Kim", "Elon", "Hua"],
            # West's "Kim Jong Un" and "Elon Musk" name East's "Kim" and "Elon" (first word).
            "West": ["Kim Jong Un", "Elon Musk", "Moon Jae-in"],
        },
    )
    # "Hua" begins no longer name: a name of its own.
    assert only == {
        "East": ["Xi Jinping", "Ren Guoqiang", "Hua"],
        # East's "Kim" and "Elon" do not take the full names off West's row: a first word
        # alone does not say whom ("Kim Jong Un" or "Kim Dong-yup"), and only West gives it.
        "West": ["Kim Jong Un", "Elon Musk", "Moon Jae-in"],
    }


def test_a_sibling_article_of_the_same_outlet_is_not_another_outlet() -> None:
    articles = articles_frame(
        {"article_id": "a", "outlet": "North Post", "body": "One."},
        {"article_id": "b", "outlet": "North Post", "body": "Two."},
        {"article_id": "c", "outlet": "South Times", "body": "Three."},
    )
    framing = pl.DataFrame(
        [_framing("a", ["Ana Ruiz"]), _framing("b", ["Ana"]), _framing("c", ["Red Cross"])],
        schema=FRAMING,
    )
    table = compare_framing(framing, articles)
    # b names "Ana" and no other outlet does: its row lists her, though a names "Ana Ruiz".
    assert table["entities_only_here"].to_list() == [["Ana Ruiz"], ["Ana"], ["Red Cross"]]


def test_a_fuller_later_form_takes_a_one_word_forms_place() -> None:
    only = _only_here(
        {"East": "Plain.", "West": "Plain."},
        {
            "East": ["ESA", "European Space Agency", "White House", "NPR White House"],
            "West": ["Red Cross"],
        },
    )
    # "ESA" gives way to its full name; "White House" stays before a longer, junkier form.
    assert only["East"] == ["European Space Agency", "White House"]


def test_capitals_in_furniture_are_no_names_but_initialisms_in_running_text_are() -> None:
    east = (
        "MOST READ IN NEWS\n"
        "BERLIN (AP) - A ship struck a bridge, a source told AFP at 10pm (0030 GMT).\n"
        "ARI SHAPIRO, HOST:\n"
        "The NFL's owners met. OH NO, MO the kicker said. #PrayForNice trended.\n"
        "Viewers watched on TV at 6 p.m. EST and the BBC reported it."
    )
    only = _only_here(
        {"East": east, "West": "Nothing to see."},
        {
            "East": ["READ", "AP", "AFP", "GMT", "HOST", "NFL", "OH", "PrayForNice", "TV"]
            + ["EST", "BBC", "KOTI"],
            "West": ["Red Cross"],
        },
    )
    # "TV" in running text is kept (not told from an initialism by how it is written);
    # "KOTI", never written in the text, is kept.
    assert only["East"] == ["AP", "AFP", "NFL", "TV", "BBC", "KOTI"]


def test_furniture_is_decided_by_every_mention() -> None:
    assert _is_furniture("READ", "MOST READ IN NEWS")
    # once in running text: a name, wherever else it is shouted
    assert not _is_furniture("READ", "MOST READ IN NEWS. Then READ said no.")
    assert not _is_furniture("Read", "MOST Read IN NEWS")  # not in capitals
    assert _is_furniture("AmericanAir", "Thanks @AmericanAir for nothing")
    assert not _is_furniture("Apple", "Apple fell 2%.")
    assert not _is_furniture("AFP", "")


def _sentences(text: str) -> list:
    return split_sentences(text)


def test_a_mark_is_about_the_person_only_where_its_sentence_names_them() -> None:
    text = (
        "Theo Epstein built the team. He was hailed as a genius. The curse was painful.\n\n"
        "His rivals were furious.\n\n"
        "Fans mocked the Cleveland Indians. Mr. Epstein’s plan paid off."
    )
    s = _sentences(text)
    assert [x.text for x in s][:3] == [
        "Theo Epstein built the team.",
        "He was hailed as a genius.",
        "The curse was painful.",
    ]
    aimed = [_aimed_at(s, i, "Theo Epstein") for i in range(len(s))]
    # named; a pronoun right after the naming sentence; neither; a pronoun in a new
    # paragraph; another name; his surname with a title and a possessive.
    assert aimed == ["Theo Epstein", "Theo Epstein", "", "", "", "Theo Epstein"]
    assert _aimed_at(s, 4, "Cleveland") == ""  # "the Cleveland Indians" is not Cleveland
    assert _aimed_at(_sentences("Xi spoke."), 0, "Xi Jinping") == "Xi Jinping"
    assert _aimed_at(s, 0, "") == ""
    assert _aimed_at(s, 99, "Theo Epstein") == ""  # the text changed since extraction


def test_compare_framing_and_framing_marks_check_the_targets() -> None:
    body = "The curse was painful. Theo Epstein broke it."
    start, second = body.index("painful"), body.index("broke")
    marks = [
        {"text": "painful", "start": start, "end": start + 7, "sentence_index": 0,
         "score": 0.9, "target": "Theo Epstein", "quoted": False},
        {"text": "broke", "start": second, "end": second + 5, "sentence_index": 1,
         "score": 0.9, "target": "Theo Epstein", "quoted": False},
    ]  # fmt: skip
    articles = articles_frame({"article_id": "a", "outlet": "BBC", "body": body})
    framing = pl.DataFrame([_framing("a", [], marks)], schema=FRAMING)
    table = compare_framing(framing, articles)
    assert [m["target"] for m in table["loaded_marks"][0]] == ["", "Theo Epstein"]
    # A table stored before the check (the article-wide target) is shown checked.
    stored = table.with_columns(
        pl.Series("loaded_marks", [marks], dtype=table["loaded_marks"].dtype)
    )
    shown = framing_marks(stored, articles)
    assert shown["target"].to_list() == ["", "Theo Epstein"]
