"""The framing cues' scans that skip work (issue 14) read what the plain scans read: the
capitalised runs skip lower-case words in C where a text's letters are ASCII, and the
word features take their words' spans from one split."""

from __future__ import annotations

import random

import pytest

from clustering.extract import framing as F


def _plain_runs(text: str) -> list[list[tuple[int, int, str]]]:
    """`_capitalised_runs` as it read every word of `_RUN_WORD.finditer` (before issue 14)."""
    runs: list[list[tuple[int, int, str]]] = []
    run: list[tuple[int, int, str]] = []
    ended = True
    for match in F._RUN_WORD.finditer(text):
        token = match.group()
        if not run and not token[0].isupper():
            continue
        start = match.start()
        word, sentence_end = F._run_word(token)
        possessive = word.endswith(("'s", "\u2019s")) and len(word) > 2
        if possessive:
            word = word[:-2]
        capital = word[0].isupper()
        joins = bool(run) and not ended and text[run[-1][1] : start] == " "
        if capital or (joins and word in F._NAME_PARTICLES):
            if not joins and run:
                runs.append(run)
                run = []
            run.append((start, start + len(word), word))
        elif run:
            runs.append(run)
            run = []
        ended = sentence_end or possessive
    if run:
        runs.append(run)
    return [r[: max(i for i, t in enumerate(r) if t[2] not in F._NAME_PARTICLES) + 1] for r in runs]


TEXTS = [
    "",
    "no capitals at all, none.",
    "House Speaker Paul Ryan met the Department of Justice on Monday.",
    "Chuck Schumer of New York and Ludwig van Beethoven of",
    "Trump's aides met Obama. Then the U.S. Army said a.5B is iPhone-made.",
    "Mr. Smith went to Washington, D.C. with the F.B.I. and McDonald\u2019s CEO",
    "It said: \u201cThe Senate will vote.\u201d Sen. Mitch McConnell of Kentucky agreed",
    "\u00c9mile Zola and \u00dcber Co. met \u00e9tienne in S\u00e3o Paulo",  # not ASCII letters
    "Bank of the West of",
    "Tom  Hanks\nand Rita\tWilson of of The Office's staff",
    "x\u00b2 Y and \u2167 Z",  # a non-ASCII "letter" of the word pattern: the plain scan
]


@pytest.mark.parametrize("text", TEXTS)
def test_capitalised_runs_equal_the_plain_scan(text: str) -> None:
    assert F._capitalised_runs(text) == _plain_runs(text)


def test_capitalised_runs_find_the_names() -> None:
    runs = F._capitalised_runs("House Speaker Paul Ryan met the Department of Justice of")
    assert [[w for _, _, w in run] for run in runs] == [
        ["House", "Speaker", "Paul", "Ryan"],
        ["Department", "of", "Justice"],  # the trailing "of" left out
    ]


def test_capitalised_runs_equal_the_plain_scan_on_random_text() -> None:
    rng = random.Random(7)
    pieces = [*"aZbY .,'\u2019&-_5.\n\"\u00e9\u00b2", "of", " of ", "U.S.", "Mr.", "'s", "..", ".5"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert F._capitalised_runs(text) == _plain_runs(text), repr(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "They badly slammed the plan.",
        "\u201cDon\u2019t,\u201d said \u00c9mile \u2014 \u00dcBER-fast; x\u00b2 \u2167 well-known",
        "\u0130stanbul K\u212aELVIN \u03a3\u039f\u03a3 \u1e9e test",  # lower case longer / by context
    ],
)
def test_word_features_spans_and_capitals_are_the_plain_reads(text: str) -> None:
    spans, matrix = F.word_features(text)
    assert spans == [m.span() for m in F._TOKEN.finditer(text)]
    assert all(type(a) is int and type(b) is int for a, b in spans)
    capitalised = matrix[:, F.WORD_FEATURES.index("capitalised")]
    firsts = {s.start for s in F.split_sentences(text)}
    expected = [
        float(text[a].isupper() and a not in firsts and a - 1 not in firsts) for a, _ in spans
    ]
    assert capitalised.tolist() == expected
