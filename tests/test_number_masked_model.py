"""The value-blind pair model plus masked-context MiniLM cosines
(benchmarks/number_masked_model.py: masked_span, masked_context, MASKED_FEATURES,
MaskedPairModel), on claims written here (issue 16). Runs the packaged MiniLM (int8 ONNX)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import benchmarks.number_masked_model as mm
import benchmarks.number_value_blind as vb
from benchmarks.number_value_blind_model import BLIND_FEATURES, BlindPairModel
from clustering.compare.number_claims import align_numbers
from clustering.config import CompareConfig
from clustering.extract.numbers import extract_numbers
from clustering.schema import ARTICLES

SHOT = "Police said 13 people were shot outside the club on Saturday night."
WOUNDING = "A gunman opened fire outside the club on Saturday night, wounding {}."
STATIONS = "The city has {} fire stations."


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Vectors cached in the test's folder, not the benchmark's."""
    monkeypatch.setattr(mm, "VECTOR_CACHE", tmp_path)
    monkeypatch.setattr(mm, "VECTORS", mm._Vectors())
    yield


def _story(*bodies: str) -> tuple[pl.DataFrame, pl.DataFrame, list[dict[str, Any]], list[Any]]:
    """(articles, NUMBERS, rows, claims) of a story whose article i is chr(97 + i)."""
    articles = pl.DataFrame(
        [
            {c: None for c in ARTICLES} | {"article_id": chr(97 + i), "outlet": f"O{i}", "body": b}
            for i, b in enumerate(bodies)
        ],
        schema=ARTICLES,
    )
    numbers = extract_numbers(articles)
    rows, claims = vb.story_claims(numbers, articles, CompareConfig())
    return articles, numbers, rows, claims


def _pair_features(first: str, second: str) -> list[list[float]]:
    """`mm.blind_features` of every cross-article pair of one dimension, in claim order."""
    _, _, rows, claims = _story(first, second)
    ranks = mm.sentence_ranks(claims)
    return [
        mm.blind_features(a, b, rows[a.index], rows[b.index], ranks)
        for i, a in enumerate(claims)
        for b in claims[i + 1 :]
        if a.article != b.article and a.dimension == b.dimension
    ]


@pytest.mark.parametrize(
    ("span", "masked"),
    [
        ("13 people", "several people"),
        ("at least 13 people", "at least several people"),
        ("thirteen people", "several people"),
        ("a dozen people", "several people"),
        ("twenty-five injured", "several injured"),
        ("$9 billion oil pipeline", "$several oil pipeline"),
        ("$47bn", "$several"),
        ("10:30 p.m.", "several p.m."),
        ("8 a.m.", "several a.m."),  # the "a" of "a.m." is no value
        ("8:30am", "several am"),
        ("Oct. 4, 2021", "several"),
        ("between 10 and 12 people", "between several people"),
        ("13,000 homes", "several homes"),
        ("4400 block of", "several block of"),
        ("Monday", "several"),
        ("a man", "a man"),  # an article alone is no value
    ],
)
def test_masked_span_hides_the_value_and_keeps_the_rest(span: str, masked: str) -> None:
    assert mm.masked_span(span) == masked


@pytest.mark.parametrize(
    "span",
    ["13 people", "$9.5 billion", "8:30am", "10:30 p.m.", "Oct. 4, 2021", "21st", "4m", "2.5%"],
)
def test_spans_that_differ_only_in_their_digits_mask_alike(span: str) -> None:
    masked = mm.masked_span(span)
    assert not any(ch.isdigit() for ch in masked)
    for digit in "079":
        assert mm.masked_span(re.sub(r"\d", digit, span)) == masked


def test_masked_context_is_a_window_around_the_masked_figure() -> None:
    """Six words either side of the span (`WINDOW_WORDS`), the span's value masked."""
    sentence = (
        "Officials on Sunday said the gunman, wounding 13 of the people inside, fled on foot."
    )
    at = sentence.index("13")
    row = {"sentence": sentence, "sentence_start": 100, "start": 100 + at, "end": 102 + at}
    assert (
        mm.masked_context(row)
        == "on Sunday said the gunman, wounding several of the people inside, fled on"
    )
    row_15 = row | {"sentence": sentence.replace("13", "15")}
    assert mm.masked_context(row_15) == mm.masked_context(row)


def test_features_are_blind_to_the_value() -> None:
    assert mm.FEATURES == BLIND_FEATURES + ("masked_window", "masked_counted")
    wounding = _pair_features(SHOT, WOUNDING.format(13))
    assert wounding == _pair_features(SHOT, WOUNDING.format(15))
    assert _pair_features(SHOT, STATIONS.format(13)) == _pair_features(SHOT, STATIONS.format(15))
    assert [len(f) for f in wounding] == [len(mm.FEATURES)]


def test_masked_window_tells_the_wounding_pair_from_the_look_alike() -> None:
    """The issue's pair: '13 people were shot' / 'wounding 13' share no word but the club and
    the night, yet their masked windows mean more alike than '13 fire stations' does
    (int8 MiniLM; the lexical `local` cosine gives the two 0 and 0)."""
    (wounding,) = _pair_features(SHOT, WOUNDING.format(13))
    (stations,) = _pair_features(SHOT, STATIONS.format(13))
    (alike,) = _pair_features(SHOT, SHOT.replace("Police", "Officials"))
    window = mm.FEATURES.index("masked_window")
    assert wounding[window] == pytest.approx(0.578, abs=0.03)
    assert stations[window] == pytest.approx(0.247, abs=0.03)
    assert alike[window] == pytest.approx(0.934, abs=0.03)
    counted = mm.FEATURES.index("masked_counted")
    assert alike[counted] == pytest.approx(1.0, abs=1e-5)  # 'people shot' both
    assert stations[counted] < wounding[counted] < alike[counted]


def test_flags_score_the_pairs_with_the_masked_features() -> None:
    """A model that reads the masked window alone (+8 per unit, from -4): the wounding
    pair (0.58) is flagged, the look-alike (0.25) is not, whatever its value."""
    weights = [0.0] * len(mm.FEATURES)
    weights[mm.FEATURES.index("masked_window")] = 8.0
    model = mm.MaskedPairModel(
        mm.FEATURES, (0.0,) * len(weights), (1.0,) * len(weights), tuple(weights), -4.0
    )
    articles, numbers, rows, claims = _story(SHOT, WOUNDING.format(15))
    flags = mm.value_blind_flags(align_numbers(numbers, articles), claims, rows, model, 0.5)
    assert sorted((r["article_id"], r["status"]) for r in flags) == [
        ("a", "conflict"),
        ("b", "conflict"),
    ]
    articles, numbers, rows, claims = _story(SHOT, STATIONS.format(15))
    assert mm.value_blind_flags(align_numbers(numbers, articles), claims, rows, model, 0.5) == []


def test_weights_of_the_other_model_are_refused() -> None:
    n = len(BLIND_FEATURES)
    with pytest.raises(ValueError, match="--model masked train"):
        mm.MaskedPairModel(BLIND_FEATURES, (0.0,) * n, (1.0,) * n, (0.0,) * n, 0.0)
    with pytest.raises(ValueError, match="number_value_blind.py train"):
        BlindPairModel(mm.FEATURES, (0.0,) * (n + 2), (1.0,) * (n + 2), (0.0,) * (n + 2), 0.0)
