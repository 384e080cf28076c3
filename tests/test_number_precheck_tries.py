"""The pre-checks' literal searches compiled as tries (`numbers._trie_source`, issue 14):
a text holds a match exactly where it holds one of the literals, as the plain alternation
found, case as written (the month names' group is cased)."""

from __future__ import annotations

import re

import pytest

from clustering.extract import numbers as N

_TEXTS = [
    "",
    "The mayor may speak this year, officials told reporters.",
    "Thirty-three of the fifty-five, a third of them; one in four; 9:30 GMT",
    "Since March, in Sept. and in early May; mayo, MARCH, mar",
    "aged 34, as young as 13, as old as 90; agenda, assault",
    "Image 1 of 4 / Photo: o'clock - the 15-year-old",
    "\u00e9t\u00e9 \u0131n \u017fix",
]


def _plain(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in words))


@pytest.mark.parametrize("literals", [g.literals for g in N._GROUPS.values() if not g.pattern])
def test_each_group_finds_what_its_alternation_found(literals: tuple[str, ...]) -> None:
    words = [w for w in literals if w != "digit"]
    if not words:
        return
    group = N._GROUPS[literals]
    assert group.search is not None
    plain = _plain(words)
    for text in [*_TEXTS, *words, *(w.upper() for w in words), *(f"x{w}y" for w in words)]:
        assert (group.search.search(text) is None) == (plain.search(text) is None), text


def test_a_trie_by_hand() -> None:
    source = N._trie_source(["third", "thirt", "three", "ten", "m", "mn", "a b"])
    assert source == r"(?:a\ b|m|t(?:en|h(?:ir(?:d|t)|ree)))"
    pattern = re.compile(source)
    assert pattern.search("thirteen") and pattern.search("mn") and pattern.search("a b")
    assert not pattern.search("thr ee the a  b")
    # cased as written: the month names are looked for as they are written
    (months,) = N._needs(N._MONTH_STEMS)
    assert months.cased and months.search is not None
    assert months.search.search("in May") and not months.search.search("they may")
