"""Framing as a journalist reads it on the news-please crawl (task H9): a word's other
sense ("shooting" of a camera is no gunfire) and one name extending another in the same
story ("Virginia Tech", "Virginia Tech University") as one entity. Defects read on the
crawl; the texts and stories here are written for the tests."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import polars as pl
import pytest
from numpy.typing import NDArray

from clustering.compare import framing_comparison
from clustering.compare.framing_comparison import _extends, compare_framing
from clustering.extract import framing
from clustering.extract.framing import (
    FRAMING,
    WORD_FEATURES,
    load_loaded_language_model,
    loaded_marks,
    word_features,
)
from tests.framing_helpers import articles_frame, framing_row

SPECS = (
    "Phone specs: - Fingerprint reader - Dual-lens camera - Rear camera capable of "
    "shooting at 960 frames/second - Modular case"
)


def _word_score(text: str, word: str) -> tuple[NDArray[np.float64], float]:
    """The word's row of `word_features` and its word-model score."""
    spans, matrix = word_features(text)
    i = next(k for k, (a, b) in enumerate(spans) if text[a:b] == word)
    model = load_loaded_language_model()
    return matrix[i], float(model.scores(matrix[i : i + 1])[0])


def test_shooting_beside_a_camera_reads_as_no_lexicon_word(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    column = {name: i for i, name in enumerate(WORD_FEATURES)}
    row, score = _word_score(SPECS, "shooting")
    assert row[column["valence"]] == 0.0 and row[column["negative"]] == 0.0
    # Without the sense table the gun sense's VADER valence (-1.4) scores it as loaded
    # as the crawl's sentence model read it (its best word, so marked).
    monkeypatch.setattr(framing, "_senses", lambda: ())
    row_before, score_before = _word_score(SPECS, "shooting")
    assert row_before[column["valence"]] == pytest.approx(1.4 / 4)
    assert score_before > 0.8 and score < 0.6  # (0.85 and 0.55 when written)


def test_the_camera_sense_takes_the_mark_off(monkeypatch: pytest.MonkeyPatch) -> None:
    # The word model alone at 0.8 (the shipped sentence model decides which sentences a
    # mark may stand in; on the crawl it flagged the specs line and marked its best word).
    model = replace(load_loaded_language_model(), threshold=0.8, sentence=None)
    assert [SPECS[a:b] for a, b, _ in loaded_marks(SPECS, model)] == []
    monkeypatch.setattr(framing, "_senses", lambda: ())
    assert [SPECS[a:b] for a, b, _ in loaded_marks(SPECS, model)] == ["shooting"]


@pytest.mark.parametrize(
    "text",
    [
        # No camera, photo or film word in the sentence: the gun sense.
        "The gunman kept shooting at the crowd from the window.",
        # A camera word, yet the sentence tells of gunfire.
        "A body camera recorded the officer shooting at the car.",
        # The event after an article: "the shooting", "a mass shooting".
        "Photos: a mass shooting at a music festival in the city.",
        "A camera filmed the shooting of the mayor.",
    ],
)
def test_shooting_keeps_its_gun_sense_elsewhere(text: str) -> None:
    row, _ = _word_score(text, "shooting")
    assert row[WORD_FEATURES.index("valence")] == pytest.approx(1.4 / 4)
    assert row[WORD_FEATURES.index("negative")] == 1.0


def test_the_sense_is_read_per_sentence() -> None:
    text = "Police said one man was shot. The film crew spent a week shooting in Rome."
    row, _ = _word_score(text, "shooting")
    # "Police" stands in the sentence before: the film's sentence reads its own sense.
    assert row[WORD_FEATURES.index("valence")] == 0.0


def _only_here(entities: dict[str, list[tuple[str, str]]]) -> dict[str, list[str]]:
    articles = articles_frame(
        *({"article_id": o, "outlet": o, "body": "A report."} for o in entities)
    )
    table = compare_framing(
        pl.DataFrame([framing_row(o, e) for o, e in entities.items()], schema=FRAMING), articles
    )
    return dict(zip(table["outlet"], table["entities_only_here"].to_list(), strict=True))


def test_a_name_extending_another_in_one_article_is_one_entity() -> None:
    only = _only_here(
        {
            # The extractor types the short form a person by its first word (as on the crawl).
            "East": [
                ("Virginia Tech", "PERSON"),
                ("Virginia Tech University", "ORG"),
                ("Sandy Hook", "PERSON"),
                ("Sandy Hook Elementary School", "ORG"),
                ("Mary Jones", "PERSON"),
            ],
            "West": [("Paul Smith", "PERSON")],
        }
    )
    assert only == {
        "East": ["Virginia Tech University", "Sandy Hook Elementary School", "Mary Jones"],
        "West": ["Paul Smith"],
    }


def test_a_name_another_outlet_extends_or_shortens_is_named_there() -> None:
    only = _only_here(
        {
            "East": [
                ("Mandalay Bay", "ORG"),
                ("Laura Chinchilla Miranda", "PERSON"),
                ("Tom Ray", "PERSON"),
            ],
            "West": [
                ("Mandalay Bay Resort", "ORG"),
                ("Laura Chinchilla", "PERSON"),
                ("Ann Lee", "PERSON"),
                ("Tom Ray Jr", "PERSON"),
            ],
            # A place opening a newspaper's name is not the newspaper; one word opening a
            # longer name is a first name or a short form (another rule's), not this one.
            "North": [("New York Times", "ORG"), ("Apple Watch", "ORG")],
            "South": [("New York", "GPE"), ("Apple", "ORG")],
        }
    )
    # "Tom Ray Jr" is Tom Ray's son: both listed.
    assert only["East"] == ["Tom Ray"] and only["West"] == ["Ann Lee", "Tom Ray Jr"]
    assert only["North"] == ["New York Times", "Apple Watch"]


def test_extends_needs_two_words_and_a_longer_name() -> None:
    assert _extends("Virginia Tech", "Virginia Tech University")
    assert _extends("Virginia Tech University", "Virginia Tech")
    assert not _extends("Virginia", "Virginia Tech")
    assert not _extends("Virginia Tech", "Virginia Tech")
    assert not _extends("Tech University", "Virginia Tech University")
    # A son, a thing named after someone: other entities.
    assert not _extends("Donald Trump", "Donald Trump Jr")
    assert not _extends("Melinda Gates", "Melinda Gates Foundation")
    assert _extends("Joe Manchin", "Joe Manchin III")


def test_without_the_rule_both_names_were_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The crawl's defect, restored by switching the rule off: the test above guards it."""
    monkeypatch.setattr(framing_comparison, "_extends", lambda a, b: False)
    monkeypatch.setattr(framing_comparison, "_extended_by", lambda names: lambda n: False)
    only = _only_here(
        {
            "East": [("Virginia Tech", "PERSON"), ("Virginia Tech University", "ORG")],
            "West": [("Paul Smith", "PERSON")],
        }
    )
    assert only["East"] == ["Virginia Tech", "Virginia Tech University"]
