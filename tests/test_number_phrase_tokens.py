"""The words before a number (`numbers._phrase_before`, issue 14) are read by `_TOKEN.findall`:
the same words, in order, as the tokens `_tokens` gives with their offsets."""

from __future__ import annotations

import pytest

from clustering.extract import numbers as N

_WINDOWS = [
    "the death toll from the attack rose to ",
    "The number of U.S. troops killed rose to ",
    "L'\u00e9t\u00e9, \u00c4rzte warnten: ",
    "O\u2019Brien's well-known 3-to-1 (about) ",
    "",
    "   ",
]


@pytest.mark.parametrize("window", _WINDOWS)
def test_findall_gives_the_tokens_words(window: str) -> None:
    assert N._TOKEN.findall(window) == [t[0] for t in N._tokens(window)]


def test_the_phrase_before_reads_the_same_words() -> None:
    assert N._phrase_before(_WINDOWS[0], len(_WINDOWS[0])) == (["death", "toll"], "")
    assert N._phrase_before(_WINDOWS[1], len(_WINDOWS[1])) == (["troop", "killed"], "")
    # only the 160 characters before the number are read
    long = "the death toll " + "x" * 200 + " rose to "
    assert N._phrase_before(long, len(long)) == N._phrase_before(long[-160:], 160)
