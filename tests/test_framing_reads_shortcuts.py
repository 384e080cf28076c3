"""The issue-14 shortcuts in what the framing cues and the comparisons read of a text
(per-word remembered terms, arrays filled by np.fromiter, one lower() per text)
give what the plain code gave: each is checked against a reference written the plain way,
on hand-written texts that repeat words in other contexts (the cached paths)."""

from __future__ import annotations

import re

import numpy as np
import pytest

_TEXTS = [
    "Officials said 1,100 people fled; $3m pledged. Later 3m more, and 3M again.",
    "The 3m figure: 3m, 12k and 7tn; the 12k were stop words? No: the words are.",
    "L'été à Paris: Ärzte warnten 2,500 Menschen, Ärzte again, ²m and ٣m.",
    "Senator O\u2019Brien\u2019s slam of the \u201cdisastrous\u201d plan, badly wrong, said Ms. Lee.",
    "",
    "   ",
    "RESIGN now! resign later. Resign? www.example.com said @handle read",
]


def test_a_scaled_figure_is_two_terms_wherever_it_was_read_first():
    from clustering.compare.facts import _content_terms

    assert _content_terms("pledged 3m") == ["pledg", "3", "million"]
    assert _content_terms("3m pledged") == ["3", "million", "pledg"]
    assert _content_terms("the") == []


def test_lower_words_leave_out_capitals_and_links():
    from clustering.compare.framing_comparison import _lower_words_of

    assert _lower_words_of("RESIGN now! resign later. Resign? www.example.com") == {
        "now",
        "resign",
        "later",
    }


@pytest.mark.parametrize("text", _TEXTS)
def test_word_features_equal_the_matrix_built_by_np_array(text):
    from clustering.extract import framing as F

    spans, matrix = F.word_features(text)
    assert spans == [m.span() for m in F._TOKEN.finditer(text)]
    assert matrix.shape == (len(spans), len(F.WORD_FEATURES))
    if not spans:
        return
    # The columns np.fromiter fills, built the plain way.
    bounds = np.array(spans, dtype=np.int64)
    lowers = [text[a:b].lower().replace("\u2019", "'") for a, b in spans]
    values = np.array([F._word_values(w) for w in lowers], dtype=np.float64)
    column = {name: i for i, name in enumerate(F.WORD_FEATURES)}
    assert np.array_equal(matrix[:, column["subjectivity"]], values[:, 0])
    assert np.array_equal(matrix[:, column["polarity"]], values[:, 1])
    assert np.array_equal(matrix[:, column["valence"]], np.abs(values[:, 2]) / 4.0)
    assert np.array_equal(matrix[:, column["stop_word"]], values[:, 3])
    assert np.array_equal(matrix[:, column["adverb_ly"]], values[:, 4])
    lengths = np.minimum(bounds[:, 1] - bounds[:, 0], 15) / 10.0
    assert np.array_equal(matrix[:, column["length"]], lengths)


def test_word_features_read_a_known_word():
    from clustering.extract import framing as F

    spans, matrix = F.word_features("They badly slammed the plan")
    column = {name: i for i, name in enumerate(F.WORD_FEATURES)}
    words = [m.group() for m in re.finditer(r"\w+", "They badly slammed the plan")]
    assert len(spans) == len(words) == 5
    assert matrix[words.index("badly"), column["adverb_ly"]] == 1.0
    assert matrix[words.index("the"), column["stop_word"]] == 1.0
    assert matrix[words.index("plan"), column["stop_word"]] == 0.0
    assert matrix[words.index("slammed"), column["length"]] == pytest.approx(0.7)


def _word_runs_plain(text: str) -> list[tuple[int, str | None]]:
    """`framing.word_runs` as written before the text was lower-cased once."""
    from clustering.extract.framing import _WORD_RUN

    return [
        (m.start(), run.lower() if (run := m.group(0)).isascii() else None)
        for m in _WORD_RUN.finditer(text)
    ]


@pytest.mark.parametrize(
    "text",
    [
        *_TEXTS,
        "ΟΔΟΣ Σ and ΣΑΣ, Straße STRASSE, the 5\u212a run and \u0130stanbul's IST",
        "Caf\u00e9 CAF\u00c9 na\u00efve \u00c5ngstr\u00f6m \u212bngstrom ﬁne ǅemal Ǆ",
        "\u201cDisastrous,\u201d said O\u2019Brien \u2014 MOSCOW\u00a0Times 2\u00b2",
    ],
)
def test_word_runs_equal_the_runs_lower_cased_one_by_one(text):
    from clustering.extract.framing import word_runs

    assert word_runs(text) == _word_runs_plain(text)


def test_lower_case_keeps_length_word_class_and_ascii_but_for_two_characters():
    # What word_runs' one lower() of a whole text relies on, over every code point.
    word = re.compile(r"\w")
    changed = [
        i
        for i in range(0x110000)
        if len(low := chr(i).lower()) != 1
        or bool(word.match(chr(i))) != bool(word.match(low))
        or chr(i).isascii() != low.isascii()
    ]
    assert changed == [0x130, 0x212A]


def test_name_key_is_the_name_tokens_as_a_tuple():
    from clustering.extract.framing import _name_key, _name_tokens

    for name in ("Barack Obama", "OBAMA", "O\u2019Brien", "George W. Bush", "", "St. Louis"):
        assert _name_key(name) == tuple(_name_tokens(name))
        assert _name_key(name) == tuple(_name_tokens(name))  # remembered


def test_main_person_folds_a_surname_under_the_one_full_name():
    from clustering.extract.framing import _main_person

    mentions = [
        ("Obama", "PERSON"),
        ("Barack Obama", "PERSON"),
        ("Obama", "PERSON"),
        ("Hillary Clinton", "PERSON"),
        ("Clinton", "PERSON"),
        ("Bill Clinton", "PERSON"),
        ("Clinton", "PERSON"),
        ("Clinton", "PERSON"),
        ("Ohio", "GPE"),
    ]
    # "Obama" 2 + "Barack Obama" 1 = 3; "Clinton" 3 goes to the Clinton named more (a
    # tie: the first), 3 + 1 = 4.
    assert _main_person(mentions) == "Hillary Clinton"
    assert _main_person([("Ohio", "GPE")]) == ""


def test_ascii_upper_case_is_a_to_z():
    # What _word_features' capitalised column reads off an ASCII text's bytes.
    assert [c for c in map(chr, range(128)) if c.isupper()] == [chr(c) for c in range(65, 91)]


@pytest.mark.parametrize(
    "text",
    ["The Senate voted; NATO and de Blasio met. [Trump] said", "\u00c9cole Trump \u00e9t\u00e9"],
)
def test_capitalised_column_is_the_first_letter_upper_case_outside_sentence_starts(text):
    from clustering.extract import framing as F
    from clustering.text import split_sentences

    spans, matrix = F.word_features(text)
    column = F.WORD_FEATURES.index("capitalised")
    opens = {s.start for s in split_sentences(text)}
    expected = [
        float(text[a].isupper() and a not in opens and a - 1 not in opens) for a, _ in spans
    ]
    assert matrix[:, column].tolist() == expected
    assert sum(expected) >= 1


def test_no_character_lower_cases_to_whitespace():
    # What vader_compound's one lower() of a sentence's items relies on.
    assert [i for i in range(0x110000) if any(c.isspace() for c in chr(i).lower())] == [
        i for i in range(0x110000) if chr(i).isspace()
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The plan is NOT good, but it's a GREAT relief :) !!",
        "\u0130stanbul's mayor was happy; ΟΔΟΣ ΣΑΣ sad",
        "ΟΔΟΣ is sad and so is Ǆemal's ﬁne GOOD day",
        "No no no, never so bad without doubt",
        "   ",
    ],
)
def test_vader_compound_equals_the_package(text):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from clustering.extract.framing import vader_compound

    expected = SentimentIntensityAnalyzer().polarity_scores(text)["compound"]
    assert vader_compound(text) == expected
