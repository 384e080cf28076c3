"""A learned scorer of claim pairs: are two numbers of different outlets one quantity?

The hand-written rules of `clustering.compare.number_claims` (`_similarity`) align two claims
only when every one of their checks passes; tuned on the real gold's dev split, they were
too strict on unseen coverage. `PairModel` is a logistic regression over cheap, general
features of a claim pair (`FEATURES`, computed by `pair_features`): what the two claims
count, the words around their numbers, the proper names of their sentences, their values,
their publication days, where they sit in the article and what the rules make of them.
`CompareConfig.number_aligner` picks who decides: "rules", "learned" (the model alone) or
"both" (the rules, plus pairs they reject that the model scores `number_aligner_rescue` or
more). Hard limits hold in every mode: two claims of one article or of different
dimensions are never one quantity, nor a group one of whose articles contradicts itself.

The weights ship as number_pairs.json beside this module (feature names, scaling,
coefficients: plain JSON, never a pickle), trained on the real gold's dev split by
`python -m benchmarks.compare_numbers --train-aligner`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, ClassVar

from clustering.config import CompareConfig
from clustering.models import StandardisedLogistic

if TYPE_CHECKING:  # number_claims.py imports this module when it scores pairs
    from clustering.compare.number_claims import _Claim, _Witnesses

__all__ = ["FEATURES", "PairModel", "default_pair_model", "pair_features", "story_pairs"]

#: The features of a claim pair, in the order of `pair_features` and of the weights.
FEATURES: tuple[str, ...] = (
    "rule_score",  # the rules' score (0 where a hard rule keeps the two apart)
    "rule_edge",  # the rules would join the two (score at the threshold for the values)
    "counted",  # the rules' counted-phrase similarity (0.5 where either names nothing)
    "counted_missing",  # either claim names nothing it counts
    "counted_overlap",  # Jaccard of the counted phrases' stems
    "share_something",  # an event, an entity or people in general in common
    "context",  # IDF cosine of the two sentences
    "local",  # IDF cosine of the words next to the numbers
    "names_overlap",  # Jaccard of the sentences' proper names
    "names_clash",  # both sentences name people or places, none in common
    "same_person",  # an age's person: the rules' `_same_person`, 0 for other kinds
    "equal",  # the same value
    "overlap",  # the values' intervals overlap (both may hold)
    "log_ratio",  # log10 of the larger magnitude over the smaller, capped at 2
    "digits",  # significant digits of the less precise value, capped at 3, over 3
    "scope_differs",  # the rules' `_scopes_differ` (an average, a past year, ...)
    "part_xor",  # one is a part or a term of a sum, the other not
    "two_quantities",  # some article states both values as two numbers
    "day_gap",  # days between the claims' moments, capped at 7, over 7
    "when_clash",  # both sentences name a day, and not the same
    "rises",  # a count that rose between two days
    "position",  # the earlier sentence's index, capped at 20, over 20
    "named_both",  # both name what they count
    "kind_count",
    "kind_money",
    "kind_anchored",  # an age, a date, a year or a time of day
)


def pair_features(
    a: _Claim,
    b: _Claim,
    rule_score: float,
    rule_threshold: float,
    witnesses: _Witnesses,
    config: CompareConfig,
) -> list[float]:
    """`FEATURES` of two claims of different articles and one dimension, as floats.

    `rule_score` is the rules' `_similarity` of the pair and `rule_threshold` the score at
    which the rules would join it; `witnesses` is `_witnesses` of the story's claims.
    """
    from clustering.compare import number_claims as rules  # a cycle: it imports this module

    counted = rules._counted_similarity(a, b)
    low, high = sorted((abs(a.magnitude), abs(b.magnitude)))
    ratio = 2.0 if low == 0 and high else (math.log10(high / low) if low else 0.0)
    moment_a, moment_b = rules._moment(a), rules._moment(b)
    gap = abs((moment_a - moment_b).days) if moment_a and moment_b else 0
    return [
        rule_score,
        float(rule_score >= rule_threshold),
        0.5 if counted is None else counted,
        float(counted is None),
        _jaccard(a.counted, b.counted),
        float(rules._share_something(a, b)),
        rules._cosine(a.context, b.context),
        rules._cosine(a.local, b.local),
        _jaccard(a.names, b.names),
        float(bool(a.names and b.names and not a.names & b.names)),
        rules._same_person(a.anchor, b.anchor) if a.kind == "age" else 0.0,
        float((a.value, a.high) == (b.value, b.high)),
        float(rules._overlap(a.interval, b.interval)),
        min(ratio, 2.0),
        min(a.digits, b.digits, 3) / 3,
        float(rules._scopes_differ(a, b)),
        float(bool({"part", "subset", "term"} & (a.scope ^ b.scope))),
        float(rules._two_quantities(a, b, witnesses)),
        min(gap, 7) / 7,
        float(bool(a.when and b.when and a.when != b.when)),
        float(rules._rises(a, b)),
        min(max(min(a.sentence, b.sentence), 0), 20) / 20,
        float(a.named and b.named),
        float(a.kind == "count"),
        float(a.kind == "money"),
        float(a.kind in ("age", "date", "year", "time")),
    ]


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


@dataclass(frozen=True)
class PairModel(StandardisedLogistic):
    """A logistic regression over `FEATURES`: the probability that two claims are one
    quantity."""

    FEATURES: ClassVar[tuple[str, ...]] = FEATURES
    RETRAIN: ClassVar[str] = "python -m benchmarks.compare_numbers --train-aligner"
    ABOUT: ClassVar[str] = (
        "logistic regression over claim pairs (clustering/compare/number_pairs.py)"
    )


@cache
def default_pair_model() -> PairModel:
    """The shipped weights, number_pairs.json (trained on the real gold's dev split by
    `python -m benchmarks.compare_numbers --train-aligner`)."""
    path = resources.files("clustering.compare") / "number_pairs.json"
    return PairModel.from_json(json.loads(path.read_text(encoding="utf-8")))


def story_pairs(
    numbers: Any, articles: Any, config: CompareConfig | None = None
) -> list[tuple[dict[str, Any], dict[str, Any], list[float]]]:
    """(claim row, claim row, `FEATURES`) for every pair of one story's claims from different
    articles with one dimension, as `align_numbers` would score them: `numbers` a NUMBERS
    frame, `articles` the story's ARTICLES rows (polars frames). A row carries the NUMBERS
    columns (article_id, sentence_index, start, end, text, value, ...). For training."""
    from clustering.compare import number_claims as rules  # a cycle: it imports this module

    config = config or CompareConfig()
    rows = rules._story_rows(numbers, articles)
    claims = rules._claims(rows, config)
    witnesses = rules._witnesses(claims, config)
    out = []
    for i, a in enumerate(claims):
        for b in claims[i + 1 :]:
            if a.dimension != b.dimension or a.article == b.article:
                continue
            rule = rules._similarity(a, b, witnesses, config)
            threshold = rules._rule_threshold(a, b, config)
            features = pair_features(a, b, rule, threshold, witnesses, config)
            out.append((rows[a.index], rows[b.index], features))
    return out
