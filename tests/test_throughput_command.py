"""The throughput benchmark's measure of the command itself (`benchmarks.throughput.
command_rate`): `storylens run` in a fresh process, start and exit included, and its
table beside the warm run's."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample" / "articles.jsonl"


def _row(name: str, command: dict[str, float] | None) -> dict[str, object]:
    return {
        "set": name, "encoder": "m", "articles": 100, "texts_encoded": 100,
        "encoder_texts_per_s": 200.0, "run_articles_per_s": 50.0, "ratio": 0.25,
        "wall_s": 2.0, "seconds": {}, "bars_unfinished": [], "command": command,
    }  # fmt: skip


def test_the_command_table_holds_its_rate_against_the_warm_run_and_the_encoder():
    from benchmarks.throughput import markdown

    command = {"articles": 100, "wall_s": 4.0, "cpu_s": 5.0, "articles_per_s": 25.0}
    result = {
        "engine": "local", "embedder": "m", "limit": 100, "versions": {"polars": "x"},
        "rows": [_row("basil", command | {"load_average": 1.5}), _row("gvc", None)],
        "overall": {"run_articles_per_s": 50.0, "encoder_texts_per_s": 200.0, "ratio": 0.25},
    }  # fmt: skip
    lines = markdown(result).splitlines()
    header = next(line for line in lines if line.startswith("| set | articles | command wall"))
    basil = next(line for line in lines if line.startswith("| basil | 100 | 4.0 |"))
    # 25 articles/s: half the warm run's 50, an eighth of the encoder's 200.
    assert basil == "| basil | 100 | 4.0 | 5.0 | 25.0 | 0.50 | **0.12** | 1.5 |"
    assert basil.count("|") == header.count("|")
    assert not any(line.startswith("| gvc | 100 | ") for line in lines)  # not measured
    total = next(line for line in lines[lines.index(basil) :] if line.startswith("| all |"))
    assert total.startswith("| all | 100 | 4.0 | 5.0 | 25.0 | 0.50 | **0.12** |")


def test_no_command_table_without_a_command_measured():
    from benchmarks.throughput import markdown

    result = {
        "engine": "local", "embedder": "m", "limit": 100, "versions": {"polars": "x"},
        "rows": [_row("gvc", None)],
        "overall": {"run_articles_per_s": 50.0, "encoder_texts_per_s": 200.0, "ratio": 0.25},
    }  # fmt: skip
    assert "command wall s" not in markdown(result)


@pytest.mark.slow
def test_the_command_is_timed_from_its_start_to_its_exit(tmp_path):
    from benchmarks.throughput import command_rate

    out = tmp_path / "corpus"
    out.mkdir()
    (out / "stale").write_text("x", encoding="utf-8")  # replaced, as a fresh corpus
    row = command_rate(SAMPLE, out)
    assert row["articles"] == 42  # the sample's 44 records less its 2 duplicates
    assert row["wall_s"] > 0 and row["cpu_s"] > 0
    assert row["articles_per_s"] == pytest.approx(42 / row["wall_s"])
    assert (out / "articles").is_dir() and not (out / "stale").exists()


def test_a_failed_command_raises_with_its_output(tmp_path):
    from benchmarks.throughput import command_rate

    with pytest.raises(RuntimeError, match="storylens run failed"):
        command_rate(tmp_path / "missing.jsonl", tmp_path / "corpus")


def test_the_table_without_comparisons_holds_its_rate_against_the_encoder():
    from benchmarks.throughput import markdown

    bare = {"articles": 100, "wall_s": 0.8, "cpu_s": 1.5, "articles_per_s": 125.0}
    result = {
        "engine": "local", "embedder": "m", "limit": 100, "versions": {"polars": "x"},
        "rows": [_row("basil", None) | {"without_comparisons": bare}, _row("gvc", None)],
        "overall": {"run_articles_per_s": 50.0, "encoder_texts_per_s": 200.0, "ratio": 0.25},
    }  # fmt: skip
    lines = markdown(result).splitlines()
    header = next(line for line in lines if "without comparisons, articles/s" in line)
    basil = next(line for line in lines if line.startswith("| basil | 50.0 | 125.0 |"))
    # 125 articles/s without comparisons: 0.62 of the encoder's 200 texts/s.
    assert basil == "| basil | 50.0 | 125.0 | 1.5 | **0.62** |"
    assert basil.count("|") == header.count("|")
    assert not any(line.startswith("| gvc | 50.0 | ") for line in lines)  # not measured
    assert lines[lines.index(basil) + 1] == "| all | 50.0 | 125.0 | 1.5 | **0.62** |"
    assert "without comparisons" not in markdown(result | {"rows": [_row("gvc", None)]})


@pytest.mark.slow
def test_the_run_without_comparisons_writes_stories_and_no_comparison(tmp_path):
    from benchmarks.throughput import _run_without_comparisons
    from clustering.config import Config, EmbedConfig
    from clustering.corpus import Corpus
    from clustering.embed import load_embedder

    config = Config(embed=EmbedConfig(cache_dir=tmp_path / "cache"))
    row = _run_without_comparisons(SAMPLE, tmp_path / "sample", config, load_embedder(config.embed))
    assert row["articles"] == 42 and row["articles_per_s"] == 42 / row["wall_s"]
    corpus = Corpus(tmp_path / "sample-bare-corpus")
    assert corpus.read("stories").height == 10
    assert corpus.read_comparisons() == {}  # nothing extracted, nothing aligned
