"""The `storylens` commands on malformed input and repeated commands, as a new researcher
meets them: every bad record named by file, line and field, told where it is kept; no
file passed over in silence; no export replaced without saying so; no false report."""

from __future__ import annotations

import json
import os

import pytest
from conftest import WordHashEmbedder, make_story_records
from typer.testing import CliRunner

from clustering.cli import app
from clustering.corpus import Corpus
from clustering.ingest.files import walk_inputs


@pytest.fixture
def fast(monkeypatch, tmp_path):
    """CLI runs with the word-hash embedder and no comparisons (a TOML file to pass)."""
    import clustering.pipeline

    monkeypatch.setattr(clustering.pipeline, "load_embedder", lambda config: WordHashEmbedder())
    config = tmp_path / "fast.toml"
    config.write_text("[compare]\nenabled = false\n", encoding="utf-8")
    return str(config)


def _records(topic: str, words: str, day: str) -> list[dict]:
    return make_story_records(topic, words, day, ["Daily", "Herald", "Courier"])


def _jsonl(path, records, bad_line: str | None = None):
    lines = [json.dumps(r) for r in records]
    if bad_line is not None:
        lines.insert(1, bad_line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _plain(output: str) -> str:
    return " ".join(output.split())


def test_run_names_each_reject_and_says_where_all_rejects_are_kept(tmp_path, fast):
    src = _jsonl(
        tmp_path / "in.jsonl",
        _records("fire", "Warehouse fire destroyed chemical storage.", "2022-04-02"),
        bad_line='{"id": "x", "title": "cut off',
    )
    out = tmp_path / "c"
    result = CliRunner().invoke(app, ["run", str(src), "--out", str(out), "-q", "--config", fast])
    assert result.exit_code == 0, result.output
    text = _plain(result.output)
    assert "read 4 records: 3 accepted, 0 duplicates, 1 rejected" in text
    # file and line; a whole line that is no JSON has no field, so no empty "[]"
    assert f"rejected {src}:2 line is not valid JSON" in text
    assert "[]" not in text
    # where the rejected record is kept, even with fewer than 10 rejects
    assert f"rejects table, {Corpus(out).location('rejects')}" in text
    kept = Corpus(out).read("rejects")
    assert kept.select("source_line", "raw").rows() == [(2, '{"id": "x", "title": "cut off')]


def test_add_that_adds_nothing_reports_no_story_changes(tmp_path, fast):
    runner = CliRunner()
    first = _jsonl(
        tmp_path / "a.jsonl",
        _records("fire", "Warehouse fire destroyed chemical storage.", "2022-04-02"),
    )
    more = _jsonl(
        tmp_path / "b.jsonl",
        _records("talks", "Delegations met in Istanbul for peace talks.", "2022-03-29"),
    )
    corpus = str(tmp_path / "c")
    assert (
        runner.invoke(app, ["run", str(first), "--out", corpus, "-q", "--config", fast]).exit_code
        == 0
    )
    added = runner.invoke(app, ["add", str(more), "-c", corpus, "-q", "--config", fast])
    assert added.exit_code == 0, added.output
    assert "  1 new" in added.output
    again = runner.invoke(app, ["add", str(more), "-c", corpus, "-q", "--config", fast])
    assert again.exit_code == 0, again.output
    assert "read 0 records" in again.output
    # the first add's "1 new" is no change of this one
    assert "  1 new" not in again.output


def test_inspect_of_a_missing_path_or_a_folder_is_an_error(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(app, ["inspect", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 2
    assert "nope.jsonl' does not exist" in _plain(missing.output)
    folder = runner.invoke(app, ["inspect", str(tmp_path)])
    assert folder.exit_code == 2
    assert "is a folder; inspect reads one file" in _plain(folder.output)


def test_inspect_shows_a_reject_with_its_file_line_and_field(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"title": "A", "body": "Text."}\n{"id": 1, "url": "u"}\n', encoding="utf-8")
    shown = CliRunner().invoke(app, ["inspect", str(src)])
    assert shown.exit_code == 0, shown.output
    assert f"rejected {src}:2 [body] no body column" in _plain(shown.output)


def _deny(monkeypatch, folder, file):
    """`folder` cannot be listed and `file` cannot be read, as for a user without the
    permission (chmod does not stop root, who runs some test machines)."""
    real_scandir, real_access = os.scandir, os.access

    def scandir(path="."):
        if os.fspath(path) == str(folder):
            raise PermissionError(13, "Permission denied", str(folder))
        return real_scandir(path)

    def access(path, mode, **kwargs):
        if os.fspath(path) == str(file) and mode == os.R_OK:
            return False
        return real_access(path, mode, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "access", access)


def test_a_folder_or_file_that_cannot_be_read_is_listed_with_why(tmp_path, monkeypatch):
    root = tmp_path / "in"
    (root / "locked").mkdir(parents=True)
    (root / "locked" / "x.jsonl").write_text('{"body": "hidden text"}\n', encoding="utf-8")
    (root / "ok.jsonl").write_text('{"body": "text"}\n', encoding="utf-8")
    (root / "secret.jsonl").write_text('{"body": "text"}\n', encoding="utf-8")
    _deny(monkeypatch, root / "locked", root / "secret.jsonl")
    found = dict(walk_inputs([root]))
    assert found[root / "ok.jsonl"] is None
    assert found[root / "locked"] == (
        "folder cannot be read (Permission denied): not read; fix its permissions"
    )
    assert found[root / "secret.jsonl"] == (
        "file cannot be read (Permission denied): not read; fix its permissions"
    )


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_run_over_a_folder_with_an_unreadable_file_keeps_the_rest(tmp_path, fast):
    root = tmp_path / "in"
    root.mkdir()
    _jsonl(root / "a.jsonl", _records("fire", "Warehouse fire destroyed storage.", "2022-04-02"))
    locked = _jsonl(root / "b.jsonl", _records("talks", "Peace talks in Istanbul.", "2022-03-29"))
    locked.chmod(0)
    try:
        result = CliRunner().invoke(
            app, ["run", str(root), "--out", str(tmp_path / "c"), "-q", "--config", fast]
        )
    finally:
        locked.chmod(0o644)
    assert result.exit_code == 0, result.output
    assert f"skipped {locked}: file cannot be read" in _plain(result.output)
    assert Corpus(tmp_path / "c").read("articles").height == 3


def test_watch_once_with_nothing_new_says_so(tmp_path, fast):
    folder = tmp_path / "inbox"
    folder.mkdir()
    _jsonl(folder / "a.jsonl", _records("fire", "Warehouse fire destroyed storage.", "2022-04-02"))
    corpus = str(tmp_path / "c")
    runner = CliRunner()
    first = runner.invoke(app, ["watch", str(folder), "-c", corpus, "--once", "--config", fast])
    assert first.exit_code == 0, first.output
    assert "read 3 records" in first.output
    again = runner.invoke(app, ["watch", str(folder), "-c", corpus, "--once", "--config", fast])
    assert again.exit_code == 0, again.output
    assert f"no new or changed files in {folder}" in _plain(again.output)


def test_export_refuses_to_replace_an_export_and_overwrite_says_what_it_did(tmp_path, fast):
    runner = CliRunner()
    src = _jsonl(
        tmp_path / "in.jsonl",
        _records("fire", "Warehouse fire destroyed chemical storage.", "2022-04-02"),
    )
    corpus = str(tmp_path / "c")
    assert (
        runner.invoke(app, ["run", str(src), "--out", corpus, "-q", "--config", fast]).exit_code
        == 0
    )
    out = tmp_path / "exports"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    first = runner.invoke(app, ["export", "-f", "jsonl", "-c", corpus, "--out", str(out)])
    assert first.exit_code == 0, first.output
    stories = (out / "stories.jsonl").read_bytes()
    (out / "stories.jsonl").write_bytes(b"edited by hand\n")
    refused = runner.invoke(app, ["export", "-f", "jsonl", "-c", corpus, "--out", str(out)])
    assert refused.exit_code == 2
    assert "already holds" in _plain(refused.output) and "--overwrite" in refused.output
    assert (out / "stories.jsonl").read_bytes() == b"edited by hand\n"  # untouched
    other = runner.invoke(
        app, ["export", "-f", "parquet", "-c", corpus, "--out", str(out), "--overwrite"]
    )
    assert other.exit_code == 0, other.output
    # the jsonl files would sit beside a README that describes the Parquet ones: removed
    assert not list(out.glob("*.jsonl"))
    assert (out / "stories.parquet").exists() and stories
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"  # not an export file
    assert "replaced the earlier export" in _plain(other.output)
    assert "removed (" in other.output and "stories.jsonl" in other.output


def test_json_summary_lists_the_files_skipped(tmp_path, fast):
    root = tmp_path / "in"
    root.mkdir()
    _jsonl(root / "a.jsonl", _records("fire", "Warehouse fire destroyed storage.", "2022-04-02"))
    (root / "README.md").write_text("# about these files\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["run", str(root), "--out", str(tmp_path / "c"), "--json", "--config", fast]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["skipped"] == [
        {
            "source_file": str(root / "README.md"),
            "note": "documentation file: not read as an article (give it as a file to read it)",
        }
    ]


def test_inspect_shows_the_warnings_a_record_was_read_with(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"title": "Fire", "body": ["One.", "Two."]}) + "\n", encoding="utf-8")
    shown = CliRunner().invoke(app, ["inspect", str(src), "--column", "body=story"])
    assert shown.exit_code == 0, shown.output
    assert "warning: column mapping body=story: the input has no field 'story'" in shown.output
    assert "warning: body: list converted to text" in shown.output


def test_outlet_table_replaced_or_written_over_is_said_or_refused(tmp_path, fast):
    runner = CliRunner()
    src = _jsonl(
        tmp_path / "in.jsonl",
        _records("fire", "Warehouse fire destroyed chemical storage.", "2022-04-02"),
    )
    corpus = str(tmp_path / "c")
    assert (
        runner.invoke(app, ["run", str(src), "--out", corpus, "-q", "--config", fast]).exit_code
        == 0
    )
    first, second = tmp_path / "o1.csv", tmp_path / "o2.csv"
    first.write_text("outlet,domains\nDaily Star,daily.example\nThe Herald,herald.example\n")
    second.write_text("outlet,domains\nCourier,courier.example\n")
    once = runner.invoke(app, ["outlets", "import", str(first), "-c", corpus])
    assert once.exit_code == 0 and "replaced" not in once.output
    twice = runner.invoke(app, ["outlets", "import", str(second), "-c", corpus])
    assert twice.exit_code == 0, twice.output
    assert "replaced the corpus's earlier outlet table of 2 outlets; commit 2 keeps it" in (
        _plain(twice.output)
    )
    back = tmp_path / "back.csv"
    kept = runner.invoke(app, ["outlets", "export", str(back), "-c", corpus, "--as-of", "2"])
    assert kept.exit_code == 0, kept.output
    assert "Daily Star,daily.example" in back.read_text()
    refused = runner.invoke(app, ["outlets", "export", str(back), "-c", corpus])
    assert refused.exit_code == 2 and "--overwrite" in refused.output
    assert "Daily Star" in back.read_text()  # not written over
    done = runner.invoke(app, ["outlets", "export", str(back), "-c", corpus, "--overwrite"])
    assert done.exit_code == 0 and "Courier,courier.example" in back.read_text()


def test_run_overwrite_says_what_it_replaced_and_where_it_is_kept(tmp_path, fast):
    runner = CliRunner()
    first = _jsonl(
        tmp_path / "a.jsonl",
        _records("fire", "Warehouse fire destroyed chemical storage.", "2022-04-02"),
    )
    small = tmp_path / "b.jsonl"
    small.write_text(json.dumps(_records("talks", "Peace talks.", "2022-03-29")[0]) + "\n")
    corpus = str(tmp_path / "c")
    assert (
        runner.invoke(app, ["run", str(first), "--out", corpus, "-q", "--config", fast]).exit_code
        == 0
    )
    args = ["run", str(small), "--out", corpus, "-q", "--config", fast, "--overwrite"]
    again = runner.invoke(app, args)
    assert again.exit_code == 0, again.output
    assert (
        f"replaced the corpus at {corpus}: 3 articles, 1 stories as of commit 1, which keeps "
        f"them (`storylens stories --corpus {corpus} --as-of 1`)" in _plain(again.output)
    )
    assert Corpus(corpus).at(1).read("articles").height == 3


def test_command_help_is_not_broken_mid_sentence():
    shown = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "200"}, terminal_width=200)
    assert shown.exit_code == 0
    line = next(ln for ln in shown.output.splitlines() if " log " in ln)
    assert "oldest first: what stories --as-of can go back to." in line


def test_run_report_names_every_kind_of_warning_a_file_was_read_with(tmp_path, fast):
    records = _records("fire", "Warehouse fire destroyed chemical storage.", "2022-04-02")
    records[0]["body"] = [records[0]["body"], "Second paragraph."]
    records[1]["title"] = {"main": "Fire"}
    src = _jsonl(tmp_path / "in.jsonl", records)
    result = CliRunner().invoke(
        app, ["run", str(src), "--out", str(tmp_path / "c"), "-q", "--config", fast]
    )
    assert result.exit_code == 0, result.output
    assert (
        f"warning: {src}: 2 article(s) read with a warning: body: list converted to text; "
        "also: title: a dict cannot be the title; kept here" in _plain(result.output)
    )


def test_migrate_of_a_current_corpus_is_nothing_to_do_not_an_error(tmp_path, fast):
    runner = CliRunner()
    src = _jsonl(tmp_path / "in.jsonl", _records("fire", "Warehouse fire.", "2022-04-02"))
    corpus = str(tmp_path / "c")
    assert (
        runner.invoke(app, ["run", str(src), "--out", corpus, "-q", "--config", fast]).exit_code
        == 0
    )
    done = runner.invoke(app, ["migrate", "-c", corpus])
    assert done.exit_code == 0, done.output
    assert f"nothing to migrate: {corpus} is a corpus of this release" in _plain(done.output)
    assert Corpus(corpus).version == 1  # no commit made
    missing = runner.invoke(app, ["migrate", "-c", str(tmp_path / "none")])
    assert missing.exit_code == 2 and "holds no corpus of Parquet files" in missing.output


def test_run_refuses_an_out_folder_of_other_files_or_among_its_inputs(tmp_path, fast):
    runner = CliRunner()
    src = _jsonl(tmp_path / "in.jsonl", _records("fire", "Warehouse fire.", "2022-04-02"))
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("my notes", encoding="utf-8")
    for args in (["--out", str(mine)], ["--out", str(mine), "--overwrite"]):
        refused = runner.invoke(app, ["run", str(src), *args, "-q", "--config", fast])
        assert refused.exit_code == 2
        assert "is a folder of other files (notes.txt), not a corpus" in _plain(refused.output)
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt"]  # nothing written there
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _jsonl(inbox / "a.jsonl", _records("fire", "Warehouse fire.", "2022-04-02"))
    inside = runner.invoke(
        app, ["run", str(inbox), "--out", str(inbox / "corpus"), "-q", "--config", fast]
    )
    assert inside.exit_code == 2 and "hold one another" in _plain(inside.output)
    assert not (inbox / "corpus").exists()
    # an empty folder, or one a killed first run left with its tables only, is fine
    empty = tmp_path / "empty"
    empty.mkdir()
    ok = runner.invoke(app, ["run", str(src), "--out", str(empty), "-q", "--config", fast])
    assert ok.exit_code == 0, ok.output
