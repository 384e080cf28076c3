"""The framing cues' per-word table and pattern shortcuts (issue 14, extraction at scale):
`_WordTable.rows` gives what `_word_values` gives word by word, whatever was read before and
across the table starting again; the lower-case words pattern that opens on its letter finds
what its look-behind form found; the subjectivity's word count is `len(words(text))`."""

from __future__ import annotations

import re

import numpy as np
import pytest

from clustering.extract import framing as F
from clustering.text import word_count, words

_TEXTS = [
    "Officials badly slammed the plan; the plan was badly wrong, officials said.",
    "Senator O\u2019Brien\u2019s slam of the \u201cdisastrous\u201d plan, said Ms. Lee.",
    "L'\u00e9t\u00e9 \u00e0 Paris: \u00c4rzte warnten, \u00c4rzte again; \u03a3\u039f\u03a3 sos.",
    "RESIGN now! resign later. Resign? www.example.com said @handle read-only well-known",
    "",
    "x",
]


def _plain(lowers: list[str]) -> np.ndarray:
    return np.array([F._word_values(w) for w in lowers], dtype=np.float64).reshape(-1, 5)


def test_rows_equal_the_values_word_by_word() -> None:
    table = F._WordTable()
    batches = [["the", "plan", "badly"], ["badly", "new", "the", "slammed"], [], ["plan"]]
    for lowers in batches:
        got = table.rows(lowers)
        assert got.shape == (len(lowers), 5)
        assert np.array_equal(got, _plain(lowers))
    # the values themselves: a stop word, an -ly adverb, a scored word
    the, badly = table.rows(["the", "badly"])
    assert the[3] == 1.0 and the[4] == 0.0
    assert badly[4] == 1.0 and badly[2] < 0  # VADER scores "badly" negative


def test_rows_stay_right_when_the_table_starts_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(F, "WORD_TABLE_SIZE", 4)
    table = F._WordTable()
    seen = []
    for lowers in (["a", "b"], ["c", "d"], ["e", "badly", "a"], ["badly", "f", "g", "h", "i"]):
        got = table.rows(lowers)
        assert np.array_equal(got, _plain(lowers)), lowers
        seen.append(len(table._state[0]))
    # it started again (at most the bound, or one batch's words when a batch holds more)
    assert seen == [2, 4, 3, 5]


def test_rows_read_before_the_table_grew_stay_valid() -> None:
    table = F._WordTable()
    table.rows(["one"])
    index, array = table._state
    before = array[0]
    table.rows([f"w{i}" for i in range(100)])  # grows the array
    assert array[0] is not before  # the same holder, a larger array in it
    assert np.array_equal(array[0][index["one"]], _plain(["one"])[0])


@pytest.mark.parametrize("text", _TEXTS)
def test_word_features_match_the_plain_values(text: str) -> None:
    spans, matrix = F.word_features(text)
    if not spans:
        return
    lowers = [text[a:b].lower().replace("\u2019", "'") for a, b in spans]
    values = _plain(lowers)
    column = {name: i for i, name in enumerate(F.WORD_FEATURES)}
    assert np.array_equal(matrix[:, column["subjectivity"]], values[:, 0])
    assert np.array_equal(matrix[:, column["valence"]], np.abs(values[:, 2]) / 4.0)
    assert np.array_equal(matrix[:, column["stop_word"]], values[:, 3])


_LOOK_BEHIND_FIRST = re.compile(r"(?<![\w'\u2019-])[a-z][a-z'\u2019-]*")


@pytest.mark.parametrize(
    "text", [*_TEXTS, "a", "-ab 'cd x-y O\u2019neil o'neil _ab 9ab \u00e9ab ab"]
)
def test_lower_words_are_the_look_behind_forms(text: str) -> None:
    assert F._LOWER_WORD.findall(text) == _LOOK_BEHIND_FIRST.findall(text)


def test_lower_words_read_by_hand() -> None:
    found = F._LOWER_WORD.findall("a said Ms. lee's x-ray -cut 'quoted 9ab _ab \u00e9t\u00e9 done")
    assert found == ["a", "said", "lee's", "x-ray", "done"]


@pytest.mark.parametrize("text", [*_TEXTS, "\u03a3\u03a3 \u0130stanbul \u00df"])
def test_word_count_is_the_number_of_words(text: str) -> None:
    assert word_count(text) == len(words(text))
