"""benchmarks/run.py regenerates its own sections of RESULTS.md and keeps the sections
other benchmarks wrote there."""

from __future__ import annotations

from benchmarks.run import other_sections


def test_sections_of_other_benchmarks_are_kept(tmp_path):
    results = tmp_path / "RESULTS.md"
    assert other_sections(results) == ""
    results.write_text(
        "# StoryLens benchmark results\n\n## 1. Quality\nold table\n\n"
        "<!-- quotes:start -->\n## Quotes\nkept\n<!-- quotes:end -->\n\n## Store\nalso kept\n",
        encoding="utf-8",
    )
    assert other_sections(results) == (
        "\n<!-- quotes:start -->\n## Quotes\nkept\n<!-- quotes:end -->\n\n## Store\nalso kept\n"
    )
