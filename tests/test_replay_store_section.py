"""benchmarks.replay.store_section: the RESULTS.md store table and its 1M/100k ratios."""

from __future__ import annotations

from benchmarks.replay import store_section


def _row(base: int, i: int, seconds: float, cpu: float) -> dict:
    return {
        "base": base,
        "corpus": base + i * 1_000,
        "added": 1_000,
        "max_gap_days": 3650.0,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "seconds_by_stage": {"ingest": 1.0, "cluster": seconds - 2.0, "write": 1.0},
        "disk_mb": 12.0,
        "attach": {"reclustered": 900 + i, "rebuilt_articles": 700},
        "compacted": ["assignments"] if i else [],
    }


def test_the_ratio_is_of_the_medians_in_wall_and_cpu_seconds_against_the_target():
    rows = [
        _row(100_000, 0, 10.0, 5.0),
        _row(100_000, 1, 12.0, 7.0),
        _row(1_000_000, 0, 14.0, 7.0),
        _row(1_000_000, 1, 16.0, 8.0),
    ]
    text = store_section(rows, "notes here")
    assert (
        "| 3650 | 101,000 | 12.0 | 7.0 | 1.0 | 10.0 | 1.0 | 12 | 901 | 700 | assignments |" in text
    )
    assert "| 3650 | 100,000 | 10.0 | 5.0 | 1.0 | 8.0 | 1.0 | 12 | 900 | 700 | - |" in text
    # wall: 15 / 11 = 1.36 (not met); CPU: 7.5 / 6 = 1.25 (met)
    assert "3650, wall: 1M / 100k = 15.0 s / 11.0 s (medians of 2 and 2 adds) = **1.36x**" in text
    assert "(target <= 1.3x: **not met**)" in text
    assert "3650, CPU: 1M / 100k = 7.5 s / 6.0 s (medians of 2 and 2 adds) = **1.25x**" in text
    assert "(target <= 1.3x: met)" in text
    assert text.startswith("<!-- store:start -->") and text.rstrip().endswith("<!-- store:end -->")
    assert "notes here" in text
