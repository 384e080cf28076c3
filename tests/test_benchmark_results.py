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


def test_a_benchmark_section_is_replaced_in_place_or_appended(tmp_path):
    from benchmarks.results_md import write_section

    results = tmp_path / "RESULTS.md"
    results.write_text(
        "# R\n\n<!-- a:start -->\nold a\n<!-- a:end -->\n\n<!-- b:start -->\nb\n<!-- b:end -->\n",
        encoding="utf-8",
    )
    write_section("<!-- a:start -->\nnew a\n<!-- a:end -->\n", results)
    write_section("<!-- c:start -->\nc\n<!-- c:end -->", results)
    assert results.read_text(encoding="utf-8") == (
        "# R\n\n<!-- a:start -->\nnew a\n<!-- a:end -->\n\n<!-- b:start -->\nb\n<!-- b:end -->"
        "\n\n<!-- c:start -->\nc\n<!-- c:end -->\n"
    )
