"""Checks made before work that cannot fit: a clear message that says what to do instead,
never a crash halfway or a silent truncation."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import numpy as np
import psutil
from numpy.typing import NDArray

from clustering.cluster import compared_pairs
from clustering.errors import ResourceError  # re-exported: one hierarchy in clustering.errors

log = logging.getLogger(__name__)

#: Bytes per article the pipeline holds at its peak: vector, text, frames, graph edges.
BYTES_PER_ARTICLE = 64 * 1024


def _mb(n: float) -> str:
    return f"{n / 2**20:,.0f} MB"


def check_disk(out: Path, input_bytes: int, n_articles: int) -> None:
    """Raise ResourceError when the disk holding `out` lacks room for the corpus
    (about the inputs' size again plus 2 kB per article for vectors and tables)."""
    needed = input_bytes + n_articles * 2048
    target = Path(out)
    probe = next((p for p in [target, *target.parents] if p.exists()), Path("."))
    free = shutil.disk_usage(probe).free
    if needed > free:
        raise ResourceError(
            f"writing the corpus to {out} needs about {_mb(needed)} of disk, only {_mb(free)} "
            "is free: free some space or pass --out on another disk."
        )


def check_memory(n_articles: int, available: int | None = None) -> None:
    """Raise ResourceError when `n_articles` cannot be clustered in the memory available."""
    available = psutil.virtual_memory().available if available is None else available
    needed = n_articles * BYTES_PER_ARTICLE
    if needed > available:
        raise ResourceError(
            f"clustering {n_articles:,} articles needs about {_mb(needed)} of memory, only "
            f"{_mb(available)} is available: build the corpus from part of the inputs with "
            "`storylens run`, then add the rest day by day with `storylens add`."
        )


#: Similarities computed per second by the candidate graph on 2 cores (benchmarks.scale).
PAIRS_PER_SECOND = 2.5e8


def warn_if_slow(days: NDArray[np.float64], max_gap_days: float) -> None:
    """Log a warning when the candidate graph will take minutes: every pair of articles
    at most max_gap_days apart is compared, about n^2 / 2 for a corpus that spans less.
    `days`: float days since the epoch (NaN: unknown), one per article."""
    pairs = compared_pairs(days, max_gap_days)
    if pairs < 60 * PAIRS_PER_SECOND:
        return
    faster = [(gap, compared_pairs(days, gap)) for gap in (30.0, 7.0) if gap < max_gap_days]
    log.warning(
        "comparing %.2g pairs of articles (every pair at most %g days apart) takes about "
        "%.1f minutes on 2 cores.%s",
        pairs,
        max_gap_days,
        pairs / PAIRS_PER_SECOND / 60,
        " A smaller max_gap_days in the [cluster] section of --config compares fewer ("
        + ", ".join(f"{gap:g} days: {n / pairs:.0%}" for gap, n in faster)
        + "); articles further apart are then linked only through articles in between "
        "(benchmarks/RESULTS.md, section 2)."
        if faster
        else "",
    )
