"""Quality gate: our defaults on the labelled sets must stay at or above benchmarks/floors.toml.

Runs the real pipeline with the real model (embeddings cached in benchmarks/.cache, so only
the first run embeds the ~2,200 articles, about a minute or two on 2 cores).
"""

from __future__ import annotations

import tomllib

import pytest
from conftest import ROOT, SHARED, needs_shared

from benchmarks.bench import DEFAULT_CACHE_DIR, bench

FLOORS = tomllib.loads((ROOT / "benchmarks" / "floors.toml").read_text(encoding="utf-8"))


@pytest.mark.slow
@pytest.mark.shared
@needs_shared
@pytest.mark.parametrize("dataset", sorted(FLOORS["bcubed_f1"]))
def test_defaults_stay_above_the_quality_floor(dataset, embedder):
    path = SHARED / "labelled" / f"{dataset}.jsonl"
    result = bench(path, embedder=embedder, cache_dir=DEFAULT_CACHE_DIR)
    assert result["dataset_sha256"] == FLOORS["sha256"][dataset], (
        f"{path} changed since the floors were measured: re-measure them (python -m benchmarks.run)"
    )
    assert result["bcubed_f1"] >= FLOORS["bcubed_f1"][dataset], (
        f"{dataset}: B-cubed F1 {result['bcubed_f1']:.3f} fell under the floor "
        f"{FLOORS['bcubed_f1'][dataset]} (P {result['bcubed_p']:.3f}, R {result['bcubed_r']:.3f}, "
        f"{result['n_pred']} stories for {result['n_gold']} gold)"
    )


def test_every_floor_has_a_dataset_hash_and_a_sane_value():
    assert (
        set(FLOORS["bcubed_f1"])
        == set(FLOORS["sha256"])
        == {"newswcl50", "basil", "giveme5w1h", "neus_allsides"}
    )
    for dataset, floor in FLOORS["bcubed_f1"].items():
        assert 0.5 <= floor <= 1.0, dataset
        assert len(FLOORS["sha256"][dataset]) == 64
