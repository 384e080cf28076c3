"""benchmarks/undated_projection.py: the learned maps measured for the undated path
(issue 19; measured and left out, so only the benchmark's own parts are tested)."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.streams import StressSet, story_half
from benchmarks.undated_projection import (
    contrastive_map,
    inner_half,
    mixed,
    unit,
    wccn_map,
)


def _corpus(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """12 stories of 3 articles in 16 dimensions: each story a centre, its articles
    spread along dimensions 8-15 (what varies inside a story) far more than the
    centres differ there."""
    rng = np.random.default_rng(seed)
    centres = np.zeros((12, 16))
    centres[:, :8] = rng.normal(size=(12, 8))
    rows, gold = [], []
    for story, centre in enumerate(centres):
        for _ in range(3):
            noise = np.zeros(16)
            noise[8:] = rng.normal(scale=1.5, size=8)
            rows.append(centre + noise)
            gold.append(f"s{story}")
    return unit(np.array(rows)), np.array(gold)


def _mate_margin(vectors: np.ndarray, gold: np.ndarray) -> float:
    """Mean cosine of same-story pairs less that of other-story pairs."""
    sims = vectors @ vectors.T
    same = gold[:, None] == gold[None, :]
    off = ~np.eye(len(gold), dtype=bool)
    return float(sims[same & off].mean() - sims[~same].mean())


def test_mixed_cosine_is_the_weighted_mix_of_both_cosines():
    x, gold = _corpus()
    flip = np.diag(np.where(np.arange(16) < 8, 1.0, -1.0)).astype(np.float32)
    stress = StressSet("t", None, x, gold, 0)  # type: ignore[arg-type]
    out = mixed(stress, lambda v: unit(v @ flip + 0.3), 0.25).vectors
    z = unit(x @ flip + 0.3)
    assert np.linalg.norm(out, axis=1) == pytest.approx(np.ones(len(x)), abs=1e-5)
    expected = 0.25 * (x @ x.T) + 0.75 * (z @ z.T)
    assert out @ out.T == pytest.approx(expected, abs=1e-5)
    # m = 1 or no map: the vectors as they are.
    assert mixed(stress, None, 0.5) is stress
    assert mixed(stress, lambda v: v, 1.0) is stress


def test_wccn_map_shrinks_what_varies_inside_a_story():
    x, gold = _corpus()
    mapped = wccn_map([(x, gold)])(x)
    assert np.linalg.norm(mapped, axis=1) == pytest.approx(np.ones(len(x)), abs=1e-5)
    # Trained on these stories: their mates are closer, relative to the others.
    assert _mate_margin(mapped, gold) > _mate_margin(x, gold) + 0.1


def test_contrastive_map_pulls_the_trained_stories_together():
    x, gold = _corpus()
    mapped = contrastive_map([(x, gold)])(x)
    assert _mate_margin(mapped, gold) > _mate_margin(x, gold) + 0.1


def test_inner_half_splits_the_dev_stories():
    # story_half's CRC32 is affine: a prefixed CRC32 put every dev story in one half.
    dev = [f"{k}" for k in range(400) if story_half(str(k)) == "dev"]
    share = np.mean([inner_half(f"neus_allsides:{k}") == "A" for k in dev])
    assert 0.4 < share < 0.6
