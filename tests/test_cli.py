"""The `storylens` commands as a script or a new user meets them: progress that ends,
warnings that reach the terminal, no empty corpus when nothing could be read."""

from __future__ import annotations

import json

import pytest
from conftest import WordHashEmbedder, make_story_records
from rich.console import Console
from rich.progress import Progress
from typer.testing import CliRunner

from clustering.cli import _Bars, app


def test_a_stage_bar_is_completed_when_the_next_stage_starts():
    progress = Progress(console=Console(file=open("/dev/null", "w")))  # noqa: SIM115
    bars = _Bars(progress)
    bars("link", 0, 1)  # pairs in millions: a small run never reports 1 of 1
    bars("cluster", 5, 10)
    link, cluster = progress.tasks
    assert (link.completed, link.total, link.finished) == (1, 1, True)
    assert link.stop_time is not None  # its timer no longer runs
    assert (cluster.completed, cluster.finished) == (5, False)
    bars.finish()
    assert cluster.completed == 10 and cluster.stop_time is not None


def test_run_with_every_record_rejected_writes_nothing_and_fails(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "only a title"}\n{"foo": 1}\n', encoding="utf-8")
    out = tmp_path / "corpus"
    result = CliRunner().invoke(app, ["run", str(bad), "--out", str(out), "--quiet"])
    assert result.exit_code == 2
    assert "no article could be read: 2 records read, 2 rejected" in result.output
    assert "bad.jsonl:1" in result.output and "bad.jsonl:2" in result.output
    assert not out.exists()


@pytest.mark.slow
def test_text_that_is_not_utf8_is_reported_and_json_mode_is_parseable(tmp_path):
    csv = tmp_path / "export.csv"
    csv.write_bytes(
        b"id,title,body,outlet\n"
        b"1,Caf\xe9 fire,A fire hit the caf\xe9 on Main Street on Monday; two were hurt.,Daily\n"
        b"2,Cafe blaze,Two people were hurt when a fire hit a cafe on Main Street.,Herald\n"
    )
    runner = CliRunner()
    plain = runner.invoke(app, ["run", str(csv), "--out", str(tmp_path / "a"), "--quiet"])
    assert plain.exit_code == 0, plain.output
    assert "export.csv: 1 article(s) read with a warning: text is not valid UTF-8" in (
        " ".join(plain.output.split())
    )
    scripted = runner.invoke(app, ["run", str(csv), "--out", str(tmp_path / "b"), "--json"])
    assert scripted.exit_code == 0, scripted.output
    summary = json.loads(scripted.stdout.strip().splitlines()[-1])
    assert (summary["read"], summary["accepted"], summary["rejected"]) == (2, 2, 0)
    assert summary["warnings"] == [
        {
            "source_file": str(csv),
            "articles": 1,
            "warning": "text is not valid UTF-8; decoded as cp1252",
        }
    ]
    reports = [json.loads(ln) for ln in scripted.stderr.splitlines() if ln.startswith('{"stage')]
    assert {"embed", "cluster"} <= {report["stage"] for report in reports}
    assert {"stage": "embed", "done": 2, "total": 2} in reports


def _two_story_file(path):
    records = make_story_records(
        "fire", "Warehouse fire destroyed chemical storage.", "2022-04-02", ["Daily", "Herald"]
    ) + make_story_records(
        "talks", "Delegations met in Istanbul for peace talks.", "2022-03-29", ["Daily", "Herald"]
    )
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_compare_uses_the_corpus_own_configuration_not_the_defaults(tmp_path, monkeypatch):
    import clustering.compare
    import clustering.embed
    from clustering.config import load_config
    from clustering.pipeline import run

    built = load_config(
        None,
        embed={"model": "minilm", "max_seq_length": 64},
        compare={"enabled": False, "quote_similarity": 95.0, "number_magnitude": 4.0},
    )
    corpus = run(
        [_two_story_file(tmp_path / "in.jsonl")], tmp_path / "c", built, embedder=WordHashEmbedder()
    ).corpus
    story = corpus.read("stories").sort("story_id")["story_id"][0]
    seen = {}

    def fake_load_embedder(config):
        seen["embed"] = config
        return WordHashEmbedder()

    real_compare = clustering.compare.compare_story

    def spy_compare(articles, embedder, config=None, cache=None, extracted=None):
        seen["compare"] = config
        return real_compare(articles, embedder, config, cache, extracted)

    monkeypatch.setattr(clustering.embed, "load_embedder", fake_load_embedder)
    monkeypatch.setattr(clustering.compare, "compare_story", spy_compare)
    result = CliRunner().invoke(app, ["compare", story, "-c", str(corpus.path), "--json"])
    assert result.exit_code == 0, result.output
    assert seen["embed"] == built.embed  # not EmbedConfig(): model minilm, 64 tokens
    assert seen["compare"] == built.compare
    assert seen["compare"].quote_similarity == 95.0
    assert json.loads(result.stdout)["story_id"] == story


@pytest.mark.parametrize("command", ["run", "add"])
def test_a_bad_config_file_exits_2_naming_the_key_and_writes_nothing(tmp_path, command):
    src = _two_story_file(tmp_path / "in.jsonl")
    bad = tmp_path / "bad.toml"
    bad.write_text("[compare]\nquote_similarity = 170.0\n", encoding="utf-8")
    out = tmp_path / "corpus"
    if command == "run":
        args = ["run", str(src), "--out", str(out), "--config", str(bad), "--quiet"]
    else:
        args = ["add", str(src), "-c", str(out), "--config", str(bad), "--quiet"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "compare.quote_similarity must be a float in (0, 100]. Got 170.0 instead." in " ".join(
        result.output.split()
    )
    assert not out.exists()


def test_add_with_a_bad_config_leaves_an_existing_corpus_as_it_was(tmp_path):
    from clustering.config import load_config
    from clustering.pipeline import run

    src = _two_story_file(tmp_path / "in.jsonl")
    quiet = load_config(None, compare={"enabled": False})
    corpus = run([src], tmp_path / "c", quiet, embedder=WordHashEmbedder()).corpus
    before = sorted(p.relative_to(corpus.path) for p in corpus.path.rglob("*"))
    more = tmp_path / "more.jsonl"
    more.write_text(
        json.dumps({"title": "Rail strike", "body": "Rail workers struck.", "outlet": "Daily"})
        + "\n",
        encoding="utf-8",
    )
    bad = tmp_path / "bad.toml"
    bad.write_text("[cluster]\nattach_similarity = 1.5\n", encoding="utf-8")
    args = ["add", str(more), "-c", str(corpus.path), "--config", str(bad), "--quiet"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "cluster.attach_similarity must be a float in [-1, 1]. Got 1.5 instead." in " ".join(
        result.output.split()
    )
    assert corpus.version == 1 and corpus.read("articles").height == 4
    assert sorted(p.relative_to(corpus.path) for p in corpus.path.rglob("*")) == before
