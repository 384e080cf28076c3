"""The value-blind "same quantity" pair model (benchmarks/number_value_blind_model.py: BLIND_FEATURES,
BlindPairModel, value_blind_flags) and its benchmark (benchmarks/number_value_blind.py), on
claim pairs written here (issue 16)."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest

import benchmarks.number_value_blind as vb
from benchmarks.number_value_blind_model import (
    BLIND_FEATURES,
    BlindPairModel,
    blind_features,
    sentence_ranks,
    value_blind_flags,
)
from clustering.compare.number_claims import align_numbers
from clustering.compare.number_pairs import FEATURES
from clustering.config import CompareConfig
from clustering.extract.numbers import extract_numbers
from clustering.schema import ARTICLES

SHOT = "Police said 13 people were shot outside the club on Saturday night."
WOUNDING = "A gunman opened fire outside the club on Saturday night, wounding {}."
STATIONS = "The city has {} fire stations."


def _articles(*bodies: tuple[str, str]) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {c: None for c in ARTICLES} | {"article_id": a, "outlet": f"Outlet {a}", "body": b}
            for a, b in bodies
        ],
        schema=ARTICLES,
    )


def _story(*bodies: str) -> tuple[pl.DataFrame, pl.DataFrame, list[dict[str, Any]], list[Any]]:
    """(articles, NUMBERS, rows, claims) of a story whose article i is chr(97 + i)."""
    articles = _articles(*((chr(97 + i), body) for i, body in enumerate(bodies)))
    numbers = extract_numbers(articles)
    rows, claims = vb.story_claims(numbers, articles, CompareConfig())
    return articles, numbers, rows, claims


def _pair_features(first: str, second: str) -> list[list[float]]:
    """`blind_features` of every cross-article pair of one dimension, in claim order."""
    _, _, rows, claims = _story(first, second)
    ranks = sentence_ranks(claims)
    return [
        blind_features(a, b, rows[a.index], rows[b.index], ranks)
        for i, a in enumerate(claims)
        for b in claims[i + 1 :]
        if a.article != b.article and a.dimension == b.dimension
    ]


@pytest.fixture(scope="module")
def shipped() -> BlindPairModel:
    model, _ = vb.load_model(vb.WEIGHTS)
    return model


#: A model that vouches for every pair (p ~ 1): what is flagged is then the gates' doing.
VOUCHES = BlindPairModel(
    BLIND_FEATURES,
    (0.0,) * len(BLIND_FEATURES),
    (1.0,) * len(BLIND_FEATURES),
    (0.0,) * len(BLIND_FEATURES),
    10.0,
)


def test_no_feature_reads_a_value() -> None:
    value_features = {"rule_score", "rule_edge", "equal", "overlap", "log_ratio", "digits"}
    assert value_features <= set(FEATURES)  # the learned aligner's, for contrast
    assert not value_features & set(BLIND_FEATURES)
    assert len(BLIND_FEATURES) == 39
    # two pairs that differ only in a value have the same features
    assert _pair_features(SHOT, WOUNDING.format(13)) == _pair_features(SHOT, WOUNDING.format(15))
    assert _pair_features(SHOT, STATIONS.format(13)) == _pair_features(SHOT, STATIONS.format(15))


def test_shipped_weights_rank_wounding_above_fire_stations_but_call_neither_one_quantity(
    shipped: BlindPairModel,
) -> None:
    """What the shipped weights (dev less the blind batches) make of the issue's example:
    '13 people were shot' / 'wounding 13' scores above '13 fire stations', whatever the
    values, but far under 0.5: the model learned "one quantity" mostly from sentences two
    outlets word alike (the same sentence scores 0.76), so it does not meet the target
    that it call the wounding pair one quantity (recorded in RESULTS.md)."""

    def p(first: str, second: str) -> float:
        (features,) = _pair_features(first, second)  # one pair of one dimension
        return shipped.probability(features)

    wounding, wounding_15 = p(SHOT, WOUNDING.format(13)), p(SHOT, WOUNDING.format(15))
    stations = p(SHOT, STATIONS.format(13))
    same = "Police said 13 people were shot."
    alike = p(same, same.replace("Police", "Officials"))
    assert wounding == wounding_15  # blind to the value
    assert wounding == pytest.approx(0.132, abs=0.02)
    assert stations == pytest.approx(0.100, abs=0.02)
    assert wounding > stations
    assert alike == pytest.approx(0.759, abs=0.02)
    assert max(wounding, stations) < 0.5 < alike


def test_flags_are_values_that_cannot_both_hold_in_two_groups(shipped: BlindPairModel) -> None:
    for value, flagged in ((15, ["conflict", "conflict"]), (13, [])):
        articles, numbers, rows, claims = _story(SHOT, WOUNDING.format(value))
        aligned = align_numbers(numbers, articles)
        # the rules keep 13 shot / 15 wounded apart; 13 / 13 agree, so nothing to flag
        assert sorted(aligned["status"]) == (
            ["single", "single"] if value == 15 else ["agree", "agree"]
        )
        flags = value_blind_flags(aligned, claims, rows, shipped, 0.12)
        assert [r["status"] for r in flags] == flagged
        # at the declared threshold the shipped model adds nothing
        assert value_blind_flags(aligned, claims, rows, shipped, 0.95) == []
    assert vb.load_model(vb.WEIGHTS)[1]["threshold"] == 0.95
    # the look-alike scores under 0.12: no flag, whatever its value
    articles, numbers, rows, claims = _story(SHOT, STATIONS.format(15))
    assert value_blind_flags(align_numbers(numbers, articles), claims, rows, shipped, 0.12) == []


def test_a_claim_whose_counterpart_the_rules_found_is_not_flagged_again() -> None:
    """Article b states 13 shot (agreeing with a) and 15 hurt: a's 13 has its counterpart in
    b already, so the vouching model's 13 / 15 pair is no flag unless that gate is off."""
    articles, numbers, rows, claims = _story(
        "Police said 13 people were shot on Saturday.",
        "Officials said 13 people were shot on Saturday. A hospital later treated 15 people.",
    )
    aligned = align_numbers(numbers, articles)
    assert sorted(aligned["status"]) == ["agree", "agree", "single"]
    assert value_blind_flags(aligned, claims, rows, VOUCHES, 0.5) == []
    flags = value_blind_flags(aligned, claims, rows, VOUCHES, 0.5, counterpart=False)
    assert sorted((r["article_id"], r["text"]) for r in flags) == [
        ("a", "13 people"),
        ("b", "15 people"),
    ]


def test_headlines_take_no_part_unless_asked() -> None:
    articles = _articles(("a", SHOT), ("b", "Nobody was hurt."))
    articles = articles.with_columns(pl.Series("title", [None, "15 people shot outside club"]))
    numbers = extract_numbers(articles)
    rows, claims = vb.story_claims(numbers, articles, CompareConfig())
    aligned = align_numbers(numbers, articles)
    assert value_blind_flags(aligned, claims, rows, VOUCHES, 0.5) == []
    flags = value_blind_flags(aligned, claims, rows, VOUCHES, 0.5, bodies=False)
    assert [(r["article_id"], r["sentence_index"], r["status"]) for r in flags] == [
        ("a", 0, "conflict"),
        ("b", -1, "conflict"),
    ]


def test_sentence_ranks_and_windows() -> None:
    _, _, rows, claims = _story("Alice Smith, 21, and Paula Nino, 20, were hurt.", "None.")
    ranks = sentence_ranks(claims)
    ages = sorted((c for c in claims if c.kind == "age"), key=lambda c: c.start)
    assert [ranks[c.index] for c in ages] == [(0, 2), (1, 2)]
    from benchmarks.number_value_blind_model import _window

    assert _window(rows[ages[1].index]) == (["and", "paula", "nino"], ["were", "hurt"])


def test_the_declared_threshold_rule() -> None:
    def cv(added: int, right: int) -> dict[str, Any]:
        return {"added": added, "added_right": right}

    def batch(flagged: int, right: int) -> dict[str, Any]:
        return {"flagged": flagged, "right": right}

    none = {f"blind@{t}": cv(10, 1) for t in vb.THRESHOLDS}
    base = {"rules": batch(1, 1)} | {f"blind@{t}": batch(1, 1) for t in vb.THRESHOLDS}
    assert vb.choose_threshold(none, base) == vb.THRESHOLDS[-1] == 0.95
    # 0.7: 3 + 2 added flags (5), all right: the lowest t that qualifies
    good = none | {"blind@0.7": cv(3, 3), "blind@0.8": cv(2, 2)}
    assert vb.choose_threshold(good, base | {"blind@0.7": batch(3, 3)}) == 0.7
    # too few added flags (4) never qualify, however right
    assert (
        vb.choose_threshold(none | {"blind@0.8": cv(2, 2)}, base | {"blind@0.8": batch(3, 3)})
        == 0.95
    )


def test_features_of_other_models_are_refused() -> None:
    with pytest.raises(ValueError, match="number_value_blind.py train"):
        BlindPairModel(FEATURES, (0.0,) * 26, (1.0,) * 26, (0.0,) * 26, 0.0)
