"""The value-blind "same quantity" pair model of issue 16, measured and left out
(`python -m benchmarks.number_value_blind`; RESULTS.md, section number-value-blind).

`clustering.compare.number_pairs.PairModel` learned mostly "equal values": of the dev pairs of
one gold quantity most state one value, so every conflicting pair the rules reject scored low.
`BlindPairModel` asks only "do these two numbers measure one quantity?" from what is counted
and the context, never from the values; the values then decide agree / conflict / update
(`value_blind_flags`). On the blind batches it added nothing at its declared threshold, so it
lives here, beside its benchmark, and not in the library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from clustering.compare.number_pairs import _jaccard
from clustering.models import StandardisedLogistic

if TYPE_CHECKING:
    from clustering.compare.number_claims import _Claim
#: The value-blind features of a claim pair, in the order of `blind_features`: nothing here
#: reads a value, a digit, an interval or a score of the rules that does.
BLIND_FEATURES: tuple[str, ...] = (
    "counted",  # the rules' counted-phrase similarity (0.5 where either names nothing)
    "counted_missing",  # either claim names nothing it counts
    "counted_overlap",  # Jaccard of the counted phrases' stems
    "events_overlap",  # Jaccard of the counted phrases' events ("killed", "wounded")
    "entities_overlap",  # Jaccard of the counted phrases' entities ("people", "homes")
    "generic_both",  # both count people in general
    "share_something",  # an event, an entity or people in general in common
    "context",  # IDF cosine of the two sentences
    "local",  # IDF cosine of the words next to the numbers
    "left_overlap",  # Jaccard of the three words before the numbers (letters only)
    "right_overlap",  # Jaccard of the three words after the numbers (letters only)
    "left_same",  # the word right before the numbers is the same
    "rank_same",  # the same place among its sentence's figures of the dimension, of as many
    "names_overlap",  # Jaccard of the sentences' proper names
    "names_clash",  # both sentences name people or places, none in common
    "same_person",  # an age's person: the rules' `_same_person`, 0 for other kinds
    "anchor_clash",  # two ages of named people or roles that are not one person
    "scope_differs",  # the rules' `_scopes_differ` (an average, a past year, ...)
    "part_xor",  # one is a part or a term of a sum, the other not
    "day_gap",  # days between the sentences' days (0 for dates: a date's day is its value)
    "when_clash",  # both sentences name a day, and not the same (0 for dates)
    "published_gap",  # days between the articles' publication days, capped at 7, over 7
    "position",  # the earlier sentence's index, capped at 20, over 20
    "named_both",  # both name what they count
    "relative_any",  # either is a day worked out from a weekday ("Monday")
    "elsewhere_xor",  # one sentence tells of another happening or time, the other not
    "spanned_xor",  # one counts over a span of time ("in five seasons"), the other not
    "accused_xor",  # one is an age of the one accused, the other not
    "role_clash",  # both counts name a role (shot / charged), and not the same
    "victim_xor",  # one is an age told of the one shot, killed or hurt, the other not
    "sex_clash",  # two ages whose words give two sexes
    "step_clash",  # two times of two steps (a call, an arrival, a death)
    "future_xor",  # one sentence tells something still to come, the other not
    "statement_any",  # either is a day that dates a statement ("police said Monday")
    "kind_count",
    "kind_money",
    "kind_percent",
    "kind_measure",
    "kind_anchored",  # an age, a date, a year or a time of day
)

_LETTERS = re.compile(r"[a-z]+")


def _window(row: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(up to three words before a figure, up to three after it), lower case, letters only:
    its neighbours without any number (a figure's own text is left out)."""
    sentence, at = row.get("sentence") or "", (row.get("sentence_start") or 0)
    start, end = row["start"] - at, row["end"] - at
    if not 0 <= start <= end <= len(sentence):
        return [], []
    before = _LETTERS.findall(sentence[:start].lower())[-3:]
    after = _LETTERS.findall(sentence[end:].lower())[:3]
    return before, after


def sentence_ranks(claims: list[_Claim]) -> dict[int, tuple[int, int]]:
    """{claim index: (its place among its sentence's claims of its dimension, how many)}."""
    by_sentence: dict[tuple[str, int, str], list[_Claim]] = {}
    for claim in claims:
        by_sentence.setdefault((claim.article, claim.sentence, claim.dimension), []).append(claim)
    out = {}
    for same in by_sentence.values():
        for k, claim in enumerate(sorted(same, key=lambda c: c.start)):
            out[claim.index] = (k, len(same))
    return out


def blind_features(
    a: _Claim,
    b: _Claim,
    row_a: dict[str, Any],
    row_b: dict[str, Any],
    ranks: dict[int, tuple[int, int]],
) -> list[float]:
    """`BLIND_FEATURES` of two claims of different articles and one dimension, as floats.

    `row_a` and `row_b` are the claims' rows (sentence, sentence_start, start, end read),
    `ranks` is `sentence_ranks` of the story's claims. Read off what the claims count and
    their sentences only: two claims that differ only in their values get the same features.
    """
    from clustering.compare import number_claims as rules

    counted = rules._counted_similarity(a, b)
    dated = a.kind == "date"  # a date's day is its value: its sentence's day is no context
    moment_a, moment_b = rules._moment(a), rules._moment(b)
    gap = abs((moment_a - moment_b).days) if moment_a and moment_b and not dated else 0
    published = abs((a.published - b.published).days) if a.published and b.published else 0
    role_a, role_b = getattr(a, "role", ""), getattr(b, "role", "")
    sex_a, sex_b = getattr(a, "sex", ""), getattr(b, "sex", "")
    step_a, step_b = getattr(a, "step", ""), getattr(b, "step", "")
    left_a, right_a = _window(row_a)
    left_b, right_b = _window(row_b)
    person = rules._same_person(a.anchor, b.anchor) if a.kind == "age" else 0.0

    def elsewhere(c: _Claim) -> bool:
        return bool(getattr(c, "elsewhere", False) or getattr(c, "told_elsewhere", False))

    def xor(name: str) -> float:
        return float(bool(getattr(a, name, False)) != bool(getattr(b, name, False)))

    return [
        0.5 if counted is None else counted,
        float(counted is None),
        _jaccard(a.counted, b.counted),
        _jaccard(a.events, b.events),
        _jaccard(a.entities, b.entities),
        float(a.generic and b.generic),
        float(rules._share_something(a, b)),
        rules._cosine(a.context, b.context),
        rules._cosine(a.local, b.local),
        _jaccard(frozenset(left_a), frozenset(left_b)),
        _jaccard(frozenset(right_a), frozenset(right_b)),
        float(bool(left_a and left_b and left_a[-1] == left_b[-1])),
        float(ranks.get(a.index, (0, 1)) == ranks.get(b.index, (0, 1))),
        _jaccard(a.names, b.names),
        float(bool(a.names and b.names and not a.names & b.names)),
        person,
        float(a.kind == "age" and bool(a.anchor and b.anchor) and person == 0.0),
        float(rules._scopes_differ(a, b)),
        float(bool({"part", "subset", "term"} & (a.scope ^ b.scope))),
        min(gap, 7) / 7,
        float(bool(a.when and b.when and a.when != b.when and not dated)),
        min(published, 7) / 7,
        min(max(min(a.sentence, b.sentence), 0), 20) / 20,
        float(a.named and b.named),
        float(bool(getattr(a, "relative", False) or getattr(b, "relative", False))),
        float(elsewhere(a) != elsewhere(b)),
        xor("spanned"),
        xor("accused"),
        float(bool(role_a and role_b and role_a != role_b)),
        xor("victim"),
        float(bool(sex_a and sex_b and sex_a != sex_b)),
        float(bool(step_a and step_b and step_a != step_b)),
        xor("future"),
        float(bool(getattr(a, "statement", False) or getattr(b, "statement", False))),
        float(a.kind == "count"),
        float(a.kind == "money"),
        float(a.kind == "percent"),
        float(a.kind == "measure"),
        float(a.kind in ("age", "date", "year", "time")),
    ]


@dataclass(frozen=True)
class BlindPairModel(StandardisedLogistic):
    """A logistic regression over `BLIND_FEATURES`: the probability that two claims measure
    one quantity, whatever their values."""

    FEATURES: ClassVar[tuple[str, ...]] = BLIND_FEATURES
    RETRAIN: ClassVar[str] = "python benchmarks/number_value_blind.py train"
    ABOUT: ClassVar[str] = (
        "value-blind logistic regression over claim pairs (clustering/compare/number_pairs.py)"
    )


def value_blind_flags(
    aligned: Any,
    claims: list[_Claim],
    rows: list[dict[str, Any]],
    model: BlindPairModel,
    threshold: float,
    mutual: bool = True,
    bodies: bool = True,
    counterpart: bool = True,
    kinds: frozenset[str] | None = None,
    features: Any = None,
) -> list[dict[str, Any]]:
    """NUMBER_CLAIMS rows of the flags the value-blind model adds to one story's alignment.

    `aligned` is `align_numbers`'s NUMBER_CLAIMS frame of the story (its grouping is kept);
    `claims` and `rows` the story's `_Claim`s and their rows (`claims[i].index` into
    `rows`). Only claims shown in `aligned` take part (not a figure left out of it). A pair
    of two articles and one dimension becomes one flag group of the two when the model
    scores it `threshold` or more, its claims are shown in two different groups, the rules'
    `_status` of its values is a conflict or an update (values that cannot both hold, or a
    figure that moved), and, with `mutual`, each claim is the other's best-scored partner in
    the other's article (a figure has one counterpart in another report; two ages in one
    sentence are two people's). With `bodies`, headlines take no part (the model learned
    on body sentences: the gold annotates no headline). With `counterpart`, neither claim's
    group already holds a claim of the other's article (the rules found its counterpart
    there). `kinds` (None: all) are the NUMBERS kinds that may be flagged. Of the pairs
    joining one two groups the best scored is kept, and a claim is in one added flag at
    most (its best scored: one figure has one counterpart in another report). `features`
    (None: `blind_features`) reads a pair's features as `blind_features` does, for a model
    over more of them (benchmarks/number_masked_model.py).
    Returns the rows of the new groups (two per flag), best scored first."""
    from clustering.compare import number_claims as rules

    group_of: dict[tuple[str, int, int], str] = {}
    articles_of: dict[str, set[str]] = {}
    for row in aligned.iter_rows(named=True):
        if '"not compared"' not in (row["reason"] or ""):
            group_of[row["article_id"], row["sentence_index"], row["start"]] = row["group_id"]
            articles_of.setdefault(row["group_id"], set()).add(row["article_id"])
    shown = [
        c
        for c in claims
        if (c.article, c.sentence, c.start) in group_of
        and (c.sentence >= 0 or not bodies)
        and (kinds is None or c.kind in kinds)
    ]
    ranks = sentence_ranks(shown)
    pairs = [
        (a, b)
        for i, a in enumerate(shown)
        for b in shown[i + 1 :]
        if a.dimension == b.dimension and a.article != b.article
    ]
    if not pairs:
        return []
    read = blind_features if features is None else features
    matrix = np.asarray(
        [read(a, b, rows[a.index], rows[b.index], ranks) for a, b in pairs],
        dtype=np.float64,
    )
    scores = model.probabilities(matrix)
    # each claim's best score against each other article's claims of its dimension
    top: dict[tuple[int, str], float] = {}
    for (a, b), p in zip(pairs, scores, strict=True):
        top[a.index, b.article] = max(top.get((a.index, b.article), 0.0), p)
        top[b.index, a.article] = max(top.get((b.index, a.article), 0.0), p)
    best: dict[tuple[str, str], tuple[float, _Claim, _Claim]] = {}
    for (a, b), p in zip(pairs, scores, strict=True):
        if p < threshold:
            continue
        if mutual and (p < top[a.index, b.article] or p < top[b.index, a.article]):
            continue
        ga = group_of[a.article, a.sentence, a.start]
        gb = group_of[b.article, b.sentence, b.start]
        if ga == gb or rules._status([a, b]) not in ("conflict", "update"):
            continue
        if counterpart and (b.article in articles_of[ga] or a.article in articles_of[gb]):
            continue
        key = (min(ga, gb), max(ga, gb))
        if p > best.get(key, (-1.0, a, b))[0]:
            best[key] = (p, a, b)
    out: list[dict[str, Any]] = []
    used: set[int] = set()
    for _, a, b in sorted(best.values(), key=lambda t: (-t[0], t[1].key, t[2].key)):
        if a.index in used or b.index in used:
            continue
        used |= {a.index, b.index}
        out += rules._rows([a, b], [a, b], rows)
    return out
