from __future__ import annotations

import re

from clustering.text import (
    fold_case,
    lemma,
    split_paragraphs,
    split_sentences,
    stem,
    word_count,
    words,
)


def test_sentences_keep_abbreviations_initials_and_closing_quotes():
    text = (
        "Mr. Kuleba said: \u201cWe are not trading people.\u201d The U.N. said at least "
        "1,119 civilians were killed. J. K. Rowling wrote 3.5 books! Is it?\n\n(It ends.) Next."
    )
    got = [s.text for s in split_sentences(text)]
    assert got == [
        "Mr. Kuleba said: \u201cWe are not trading people.\u201d",
        "The U.N. said at least 1,119 civilians were killed.",
        "J. K. Rowling wrote 3.5 books!",
        "Is it?",
        "(It ends.)",
        "Next.",
    ]
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
    assert [s.paragraph for s in split_sentences(text)] == [0, 0, 0, 0, 1, 1]


def test_a_weekday_abbreviated_before_a_date_ends_no_sentence():
    """A lead on the real crawl was cut at "it was Sun." (of "Sun. Dec. 31, 2017"); the same
    words in lower case, or before no date, still end their sentences."""
    cases = {
        "Flight 446 landed; it was Sun. Dec. 31, 2017. Then it rained.": [
            "Flight 446 landed; it was Sun. Dec. 31, 2017.",
            "Then it rained.",
        ],
        "Doors open Tues. Jan 3. Read more.": ["Doors open Tues. Jan 3.", "Read more."],
        '"It was Wed. March 4," she said.': ['"It was Wed. March 4," she said.'],
        "It was hot under the sun. Then it rained.": [
            "It was hot under the sun.",
            "Then it rained.",
        ],
        "He sat. December came.": ["He sat.", "December came."],
        "Read the Sun. December is cold.": ["Read the Sun.", "December is cold."],
        "They met on Fri. 5 p.m. was late.": ["They met on Fri.", "5 p.m. was late."],
    }
    for text, sentences in cases.items():
        assert [s.text for s in split_sentences(text)] == sentences, text


def test_paragraphs_fall_back_to_lines_without_blank_lines():
    assert split_paragraphs("a\nb") == [(0, 1), (2, 3)]
    assert split_paragraphs("a\nb\n\nc") == [(0, 3), (5, 6)]
    assert split_paragraphs("  a  \n\n b") == [(2, 3), (8, 9)]


def test_words_lowercase_and_keep_inner_punctuation():
    assert words("Ukraine's U.N.-backed talks, 4.5m") == [
        "ukraine's",
        "u.n",
        "backed",
        "talks",
        "4.5m",
    ]
    assert word_count("Ukraine's U.N.-backed talks, 4.5m") == 5
    assert word_count("İstanbul ſtill — ÉTÉ") == len(words("İstanbul ſtill — ÉTÉ")) == 3


def test_words_of_text_lower_cased_at_once_are_each_word_lower_cased():
    # Lower-cased whole where that keeps every offset, else word by word: a dotted capital
    # I becomes two characters, a capital sigma's lower case depends on what follows it.
    for text in ("Ukraine\u2019s ÉTÉ \u216b", "\u0130stanbul \u0130Z", "ΟΔΟΣ\u00adΑ ΣΑΣ"):
        assert words(text) == [
            w.lower() for w in __import__("re").findall(r"\w+(?:['\u2019.-]\w+)*", text)
        ]
    assert words("\u0130stanbul") == ["i\u0307stanbul"]
    # Lower-cased whole, the sigma before a soft hyphen and a letter would be a medial one.
    assert words("ΟΔΟΣ\u00adΑ") == ["οδος", "α"]


def test_lemma_singularises_nouns_and_leaves_verbs():
    assert [lemma(w) for w in ("Casualties", "churches", "crises", "children", "virus")] == [
        "casualty",
        "church",
        "crisis",
        "child",
        "virus",
    ]
    assert lemma("killed") == "killed"  # a verb: part of what is counted


def test_stem_meets_the_forms_of_one_word():
    forms = ("flooding", "flooded", "floods", "flood", "Flood’s", "flood's")
    assert {stem(w) for w in forms} == {"flood"}
    assert stem("resumes") == stem("resume") == "resume"
    assert stem("cities") == stem("city") == "city"
    # Short words keep their ending: "ring" and "bed" are not "r" and "b".
    assert [stem(w) for w in ("ring", "bed", "sing")] == ["ring", "bed", "sing"]


def test_dotted_initialisms_end_a_sentence_only_before_a_sentence_opener():
    text = (
        "Interim D.C. Police Chief Ann Lee said the road was shut. "
        "The firm moved to Washington, D.C. The mayor was pleased. "
        "She shops at J.C. Penney on Fridays."
    )
    got = [s.text for s in split_sentences(text)]
    assert got == [
        "Interim D.C. Police Chief Ann Lee said the road was shut.",
        "The firm moved to Washington, D.C.",
        "The mayor was pleased.",
        "She shops at J.C. Penney on Fridays.",
    ]


def test_fold_case_keeps_every_ascii_letter_case_insensitive_matching_finds() -> None:
    # Every character re.I matches with an ASCII letter lies among the letters the folded text
    # holds: the pre-check on `fold_case(text)` never misses what a re.I pattern matches.
    every = (
        "".join(map(chr, range(0x110000)))
        .encode("utf-8", "surrogatepass")
        .decode("utf-8", "replace")
    )
    letters = re.compile("[a-z]", re.I)
    found = {m.group() for m in letters.finditer(every)}
    assert {"\u0131", "\u0130", "\u017f", "\u212a"} <= found  # dotless i, İ, long s, Kelvin
    for ch in found:
        for letter in "abcdefghijklmnopqrstuvwxyz":
            if re.fullmatch(letter, ch, re.I):
                assert letter in fold_case(ch), (ch, letter)
    assert fold_case("SKİP ſ ı") == "skip s i"
