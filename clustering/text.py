"""Small text utilities shared by the stages: sentence and paragraph splitting, word tokens.

Sentence splitting is rule-based on purpose: it runs over every article of a
corpus, must be fast and deterministic, and news prose is regular enough that
abbreviations, initials, decimals and closing quotes are the cases that matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations after which a period does not end a sentence (lower-cased, without the dot).
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt gen col lt sgt capt cmdr adm gov sen rep rev hon pres
    vs etc inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec no nos fig
    al approx dept est u.s u.k u.n e.g i.e a.m p.m ft""".split()
)

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets), then whitespace,
# then something that can start a sentence (capital, digit, opening quote or bracket).
_BOUNDARY = re.compile(
    r"""(?<=[.!?])(["'\u201d\u2019)\]]*)\s+(?=["'\u201c\u2018(\[]?[A-Z0-9\u00C0-\u024F])"""
)
_PARAGRAPH = re.compile(r"\n\s*\n")
_WORD = re.compile(r"\w+(?:['\u2019.-]\w+)*", re.UNICODE)


@dataclass(frozen=True)
class Sentence:
    """One sentence of a text: its characters [start, end) and its paragraph index."""

    start: int
    end: int
    paragraph: int
    text: str


def _ends_with_abbreviation(chunk: str) -> bool:
    match = re.search(r"(\S+)\.[\"'\u201d\u2019)\]]*$", chunk.rstrip())
    if match is None:
        return False
    token = match.group(1).lstrip("\"'\u201c\u2018([").lower()
    # Single capital initials ("J. K. Rowling") and known abbreviations do not end sentences.
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans [start, end) of the non-empty paragraphs of `text` (blank-line separated,
    or one paragraph per line when the text has no blank lines)."""
    separator = _PARAGRAPH if _PARAGRAPH.search(text) else re.compile(r"\n")
    spans = []
    start = 0
    for match in separator.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        chunk = text[a:b]
        stripped = chunk.strip()
        if stripped:
            offset = a + (len(chunk) - len(chunk.lstrip()))
            out.append((offset, offset + len(stripped)))
    return out


def split_sentences(text: str) -> list[Sentence]:
    """Split `text` into sentences, never across paragraphs; offsets index into `text`."""
    sentences: list[Sentence] = []
    for index, (p_start, p_end) in enumerate(split_paragraphs(text)):
        paragraph = text[p_start:p_end]
        start = 0
        for match in _BOUNDARY.finditer(paragraph):
            end = match.end(1)  # keep closing quotes and brackets with their sentence
            if _ends_with_abbreviation(paragraph[start:end]):
                continue
            chunk = paragraph[start:end]
            if chunk.strip():
                sentences.append(Sentence(p_start + start, p_start + end, index, chunk.strip()))
            start = match.end()
        tail = paragraph[start:]
        if tail.strip():
            sentences.append(Sentence(p_start + start, p_end, index, tail.strip()))
    return sentences


def words(text: str) -> list[str]:
    """Lower-cased word tokens of `text`."""
    return [w.lower() for w in _WORD.findall(text)]
