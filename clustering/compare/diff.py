"""Word-level diffs of two texts, and side-by-side diffs of two articles, as plain spans.

Everything here returns structured spans `(kind, text)` with kind "equal", "delete" (only in
the first text) or "insert" (only in the second), never HTML: the app renders them escaped.

Words are diffed with diff-match-patch's "line mode" trick applied to words: every distinct
token (a word, a run of whitespace, or one punctuation character) is mapped to one character,
the character strings are diffed, and `diff_cleanupSemantic` merges the confetti of tiny
equalities that a character-level diff leaves. Because the tokens cover every character,
the spans always rebuild both texts exactly.
"""

from __future__ import annotations

import re
from typing import Literal

import numpy as np
from diff_match_patch import diff_match_patch
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from clustering.text import split_sentences

__all__ = ["SpanKind", "diff_articles", "diff_words"]

SpanKind = Literal["equal", "delete", "insert"]

# Every character belongs to exactly one token, so joining the tokens gives the text back.
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
_KIND = {0: "equal", -1: "delete", 1: "insert"}
# Seconds diff-match-patch may spend before it settles for a valid but longer diff; on
# sentence-sized inputs it never gets near this, so results are deterministic in practice.
_DIFF_TIMEOUT = 2.0


def _token_chars(tokens: list[str], table: dict[str, str]) -> str:
    """Encode `tokens` as one character each, growing `table` (token -> character)."""
    out = []
    for token in tokens:
        char = table.get(token)
        if char is None:
            code = len(table) + 1
            if code >= 0xD800:  # skip the surrogate range: those are not valid characters
                code += 0x800
            char = chr(code)
            table[token] = char
        out.append(char)
    return "".join(out)


def diff_words(a: str, b: str) -> list[tuple[str, str]]:
    """Word-level diff of `a` against `b`: a list of `(kind, text)` spans in reading order.

    kind is "equal", "delete" (text only in `a`) or "insert" (text only in `b`); adjacent
    spans never share a kind. Joining the texts of the "equal" and "delete" spans gives `a`
    exactly; joining "equal" and "insert" gives `b` exactly. Empty texts give no span.
    """
    if not isinstance(a, str) or not isinstance(b, str):
        raise TypeError(
            f"a and b should be str. Got {type(a).__name__} and {type(b).__name__} instead."
        )
    if a == b:
        # What diff-match-patch answers for equal texts (its first check), without the
        # tokens: a quote group diffs its reference against itself, and every single
        # quote against itself (most of the calls on 100 BASIL articles; issue 14).
        return [("equal", a)] if a else []
    return _diff_tokens(a, b)


def _diff_tokens(a: str, b: str) -> list[tuple[str, str]]:
    """`diff_words` without its equal-text shortcut: diff-match-patch over the texts'
    tokens, each mapped to one character."""
    tokens_a, tokens_b = _TOKEN.findall(a), _TOKEN.findall(b)
    table: dict[str, str] = {}
    chars_a, chars_b = _token_chars(tokens_a, table), _token_chars(tokens_b, table)
    decode = {char: token for token, char in table.items()}
    dmp = diff_match_patch()
    dmp.Diff_Timeout = _DIFF_TIMEOUT
    diffs = dmp.diff_main(chars_a, chars_b, False)
    dmp.diff_cleanupSemantic(diffs)
    spans: list[tuple[str, str]] = []
    for op, chars in diffs:
        text = "".join(decode[char] for char in chars)
        if not text:
            continue
        kind = _KIND[op]
        if spans and spans[-1][0] == kind:
            spans[-1] = (kind, spans[-1][1] + text)
        else:
            spans.append((kind, text))
    return spans


def _segments(text: str) -> list[tuple[int, int]]:
    """Sentence segments covering all of `text`: each runs from its sentence's start to the
    next sentence's start, so the whitespace between sentences travels with the sentence
    before it (the first also takes any leading whitespace) and the segments rebuild `text`."""
    starts = [s.start for s in split_sentences(text)]
    if not starts:
        return [(0, len(text))] if text else []
    starts[0] = 0
    ends = starts[1:] + [len(text)]
    return list(zip(starts, ends, strict=True))


def _align(similarity: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """Monotonic alignment maximising the summed similarity of the matched pairs.

    `similarity` has shape (n_a, n_b); a pair below `threshold` is never matched, and an
    unmatched sentence costs nothing, so insertions, deletions and moves (which a monotonic
    alignment cannot follow) end up one-sided. Returns the matched (i, j) pairs in order.
    """
    n_a, n_b = similarity.shape
    score = np.zeros((n_a + 1, n_b + 1))
    for i in range(1, n_a + 1):
        row, prev, sim = score[i], score[i - 1], similarity[i - 1]
        for j in range(1, n_b + 1):
            best = max(prev[j], row[j - 1])
            if sim[j - 1] >= threshold:
                best = max(best, prev[j - 1] + sim[j - 1])
            row[j] = best
    pairs = []
    i, j = n_a, n_b
    while i > 0 and j > 0:
        if (
            similarity[i - 1, j - 1] >= threshold
            and score[i, j] == score[i - 1, j - 1] + (similarity[i - 1, j - 1])
        ):
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif score[i, j] == score[i - 1, j]:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


def diff_articles(body_a: str, body_b: str, threshold: float = 50.0) -> list[dict]:
    """Side-by-side diff of two article bodies: sentences aligned first, then words diffed.

    Sentences are compared with rapidfuzz's `ratio` (0-100) and aligned monotonically
    (dynamic programming); pairs scoring below `threshold` are not matched. Returns one row
    per aligned pair or unmatched sentence, in reading order (an unmatched sentence of a
    comes before the unmatched sentences of b at the same place):
    `{"a_index": int | None, "b_index": int | None, "similarity": float,
    "spans": [{"kind": "equal" | "delete" | "insert", "text": str}, ...]}`.
    Indexes count sentences (`clustering.text.split_sentences`) of each body. A pair's spans
    are `diff_words` of the two sentences; an unmatched sentence is one "delete" (a only) or
    "insert" (b only) span with similarity 0.0. Each sentence carries the whitespace that
    follows it, so the "equal"+"delete" texts of all rows rebuild `body_a` exactly and the
    "equal"+"insert" texts rebuild `body_b` (a whitespace-only span is layout, not wording).
    """
    if not isinstance(body_a, str) or not isinstance(body_b, str):
        raise TypeError(
            "body_a and body_b should be str. "
            f"Got {type(body_a).__name__} and {type(body_b).__name__} instead."
        )
    if not 0.0 <= threshold <= 100.0:
        raise ValueError(f"threshold should be a float in [0, 100]. Got {threshold!r} instead.")
    seg_a, seg_b = _segments(body_a), _segments(body_b)
    texts_a = [body_a[s:e] for s, e in seg_a]
    texts_b = [body_b[s:e] for s, e in seg_b]
    if texts_a and texts_b:
        similarity = cdist(
            [t.strip() for t in texts_a], [t.strip() for t in texts_b], scorer=fuzz.ratio
        )
        pairs = _align(similarity, threshold)
    else:
        similarity, pairs = np.zeros((len(texts_a), len(texts_b))), []
    rows: list[dict] = []

    def one_sided(index: int, side: Literal["a", "b"]) -> dict:
        text = texts_a[index] if side == "a" else texts_b[index]
        return {
            "a_index": index if side == "a" else None,
            "b_index": index if side == "b" else None,
            "similarity": 0.0,
            "spans": [{"kind": "delete" if side == "a" else "insert", "text": text}],
        }

    i = j = 0
    for pi, pj in [*pairs, (len(texts_a), len(texts_b))]:
        rows.extend(one_sided(k, "a") for k in range(i, pi))
        rows.extend(one_sided(k, "b") for k in range(j, pj))
        if pi < len(texts_a) and pj < len(texts_b):
            # Diff the wording only; the whitespace after the sentences (layout) follows.
            core_a, core_b = texts_a[pi].rstrip(), texts_b[pj].rstrip()
            spans = diff_words(core_a, core_b)
            gap_a, gap_b = texts_a[pi][len(core_a) :], texts_b[pj][len(core_b) :]
            if gap_a == gap_b:
                spans.append(("equal", gap_a))
            else:
                spans.extend([("delete", gap_a), ("insert", gap_b)])
            rows.append(
                {
                    "a_index": pi,
                    "b_index": pj,
                    "similarity": float(similarity[pi, pj]),
                    "spans": [{"kind": kind, "text": text} for kind, text in spans if text],
                }
            )
        i, j = pi + 1, pj + 1
    return rows
