"""The blind-batch check of the rules OR'd with the learned claim-pair aligner
(benchmarks/number_union_blind.py, `compare_numbers --blind-union`, issue 16), and the union
("both") on small stories built in code."""

from __future__ import annotations

from collections import Counter
from typing import Any

import polars as pl
import pytest

import benchmarks.number_union_blind as blind
from clustering.compare.number_claims import align_numbers
from clustering.compare.number_pairs import FEATURES, PairModel, default_pair_model, story_pairs
from clustering.config import CompareConfig
from clustering.extract.numbers import extract_numbers
from clustering.schema import ARTICLES

HOMES = "The storm knocked out power to 40,000 homes on Monday."
CUSTOMERS = "About 55,000 customers lost electricity during the storm on Monday."


def _articles(*bodies: tuple[str, str]) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {c: None for c in ARTICLES} | {"article_id": a, "outlet": f"Outlet {a}", "body": b}
            for a, b in bodies
        ],
        schema=ARTICLES,
    )


#: A model that vouches for every pair (p ~ 1): what the union adds is then the model's.
VOUCHES = PairModel(FEATURES, (0.0,) * len(FEATURES), (1.0,) * len(FEATURES), (0.0,) * len(FEATURES), 10.0)  # fmt: skip


def test_union_adds_the_pairs_its_model_vouches_for_and_the_shipped_model_adds_none_here() -> None:
    articles = _articles(("a", HOMES), ("b", CUSTOMERS))
    numbers = extract_numbers(articles)

    def statuses(aligner: str, model: PairModel | None) -> list[str]:
        config = CompareConfig(number_aligner=aligner)  # type: ignore[arg-type]
        return sorted(align_numbers(numbers, articles, config, model)["status"])

    # the rules miss this conflict (homes vs customers: what is counted differs in words)
    assert statuses("rules", None) == ["single", "single"]
    # the union finds it when its model vouches for the pair ...
    assert statuses("both", VOUCHES) == ["conflict", "conflict"]
    # ... and the shipped model does not: the pair scores far under every rescue tried (0.3)
    ((_, _, features),) = story_pairs(numbers, articles)
    assert default_pair_model().probability(features) < 0.1
    assert statuses("both", None) == ["single", "single"]


def test_rates_are_the_counts_ratios_and_none_without_a_denominator() -> None:
    counts = Counter(
        flagged=4, right=3, conflicts_found=2, conflicts=8, updates_found=0, updates=0
    ) + Counter(labelled=2, changes=8)
    rates = blind._rates(counts)
    assert (rates["precision"], rates["recall"]) == (0.75, 0.25)
    assert rates["updates_recall"] is None  # no gold update: no rate, not 0
    assert rates["update_accuracy_all"] == 0.25
    assert blind._rates(Counter(conflicts=3))["precision"] is None  # nothing flagged


def test_each_fold_is_scored_by_a_model_that_never_saw_it_nor_the_skipped_events(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`score` fits one model per fold on the pairs of the other events, less `skip`, and
    sums the folds' counts."""
    events = ["e1", "e1", "e2", "e3", "e4", "e4"]
    fitted: list[set[str]] = []

    def fit(rows: list[list[float]], labels: list[int]) -> str:
        fitted.append({events[int(r[0])] for r in rows})
        return f"model{len(fitted)}"

    def score_real(split: str, **kw: Any) -> dict[str, Any]:
        (event,) = kw["events"]
        assert kw["pair_model"] == f"model{len(fitted)}"  # this fold's model
        return {"counts": {"flagged": 1, "right": event != "e3", "conflicts": 1}}

    monkeypatch.setattr(
        blind.cn, "aligner_pairs", lambda split: ([[float(i)] for i in range(6)], [0] * 6, events)
    )
    monkeypatch.setattr(blind.cn, "fit_pair_model", fit)
    monkeypatch.setattr(blind.cn, "score_real_numbers", score_real)
    out = blind.score([{"e1"}, {"e3"}], skip={"e2"})
    assert fitted == [{"e3", "e4"}, {"e1", "e4"}]
    rules = out["rules"]
    assert (rules["flagged"], rules["right"], rules["precision"]) == (2, 1, 0.5)
    assert set(out) == {name for name, _ in blind._aligners()}
