"""The number pattern's pre-check (`numbers._NUMBER_NEEDS`, issue 14): `find_numbers` scans a
sentence with `_NUMBER` only where it holds a digit or one of the number words' literals, so
every match of `_NUMBER` must hold one (else skipping the scan would change what is found)."""

from __future__ import annotations

import re

import pytest

from clustering.extract import numbers as N
from tests.conftest import needs_shared
from tests.test_number_prechecks import OPENINGS, SAMPLES, labelled_sentences


def _holds_a_literal(matched: str) -> bool:
    folded = N.fold_case(matched)
    (group,) = N._NUMBER_NEEDS
    return any(
        N._DIGIT.search(folded) if lit == "digit" else lit in folded for lit in group.literals
    )


def _variants(text: str) -> list[str]:
    # as re.I reads them: upper and title case, a dotless i, a long s
    return [
        text,
        text.upper(),
        text.title(),
        text.replace("i", "\u0131"),
        text.replace("s", "\u017f"),
    ]


def test_every_opening_is_let_through_in_every_case() -> None:
    texts = [f"They counted {v} people." for o in OPENINGS for v in _variants(o)]
    for text in texts:
        found = list(N._NUMBER.finditer(text))
        assert found, text  # each opening is a number ...
        assert N._Held(text).allows(N._NUMBER_NEEDS), text  # ... and is scanned for
        assert all(_holds_a_literal(m.group()) for m in found), text


def test_words_without_a_stem_of_their_own_are_read() -> None:
    # "ninth" and "twelfth" hold no letters of "nine" or "twelve": listed on their own
    found = N.find_numbers("It was his ninth win.") + N.find_numbers("Her twelfth.")
    assert [(m.start, m.end, m.value, m.kind) for m in found] == [
        (11, 20, 9.0, "ordinal"),
        (4, 11, 12.0, "ordinal"),
    ]
    found = N.find_numbers("Scores of people and dozens of cars; half a million fled.")
    assert [(m.start, m.end, m.value) for m in found] == [
        (0, 16, 40.0),
        (21, 35, 24.0),
        (37, 56, 500000.0),
    ]


def test_a_sentence_without_a_number_skips_the_scan() -> None:
    held = N._Held("The mayor may speak later, officials told reporters.")
    assert not held.allows(N._NUMBER_NEEDS)
    # "someone" holds "one": a wider net than the words, never a narrower one
    assert N._Held("Someone spoke.").allows(N._NUMBER_NEEDS)
    assert N.find_numbers("Someone spoke.") == []


def test_skipping_changes_nothing_on_the_samples(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [*SAMPLES, *(f"They counted {o} people." for o in OPENINGS)]
    with_precheck = [N.find_numbers(text) for text in texts]
    assert sum(map(len, with_precheck)) > 100
    monkeypatch.setattr(N, "_NUMBER_NEEDS", ())  # no needs: every sentence is scanned
    assert [N.find_numbers(text) for text in texts] == with_precheck


@needs_shared
@pytest.mark.parametrize("dataset", ["basil", "newswcl50"])
def test_every_match_in_real_sentences_holds_a_literal(dataset: str) -> None:
    texts = labelled_sentences(dataset)
    matches = [m.group() for text in texts for m in N._NUMBER.finditer(text)]
    assert len(matches) > 500
    assert [m for m in matches if not _holds_a_literal(m)] == []
    # and the scan is skipped on many of them
    skipped = sum(not N._Held(text).allows(N._NUMBER_NEEDS) for text in texts)
    assert skipped > len(texts) // 4


def test_the_needs_are_one_group_of_literals() -> None:
    (group,) = N._NUMBER_NEEDS
    assert group.digit and not group.cased
    assert group.search is not None and group.search.search("the ninth") is not None
    assert re.escape("digit") not in group.search.pattern.split("|")
