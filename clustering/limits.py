"""Checks made before work that cannot fit: a clear message that says what to do instead,
never a crash halfway or a silent truncation."""

from __future__ import annotations

import shutil
from pathlib import Path

import psutil

from clustering.errors import ResourceError  # re-exported: one hierarchy in clustering.errors

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
