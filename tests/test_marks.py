"""Marks on comparison flags (clustering.marks): stored in the corpus, append-only, keyed
by the flagged figures so that they outlive `add`, re-runs and re-comparisons, orphaned
(never dropped) when their flag is gone, exported, and given from the CLI."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest
from conftest import WordHashEmbedder
from corpus_factory import BUDGET, DEMO_NUMBERS, FLOOD, demo_corpus, write_comparisons
from typer.testing import CliRunner

from clustering import marks, schema
from clustering.cli import app as cli
from clustering.corpus import Corpus
from clustering.export import export_corpus, export_tables

T0 = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)


@pytest.fixture
def corpus(tmp_path) -> Corpus:
    return demo_corpus(tmp_path / "corpus")


# --- marking and the log ---------------------------------------------------------------


def test_mark_is_keyed_by_the_flagged_figures(corpus):
    row = marks.mark_flag(
        corpus, "numbers", FLOOD, "n-evacuated", "wrong", who=" Ana ", note="two counts", at=T0
    )
    # The demo claims store no offsets: each figure is found again in its article's first
    # sentence ("Floods forced 1,200 people ..." -> body[14:26]).
    assert row["members"] == [
        "a-flood-harbor:14-26",
        "a-flood-valley:14-32",
        "a-flood-wire:14-26",
    ]
    body = corpus.read("articles").filter(pl.col("article_id") == "a-flood-valley")["body"][0]
    assert body[14:32] == "about 3,000 people"
    assert (row["who"], row["verdict"], row["note"], row["status"]) == (
        "Ana",
        "wrong",
        "two counts",
        "conflict",
    )
    assert row["label"] == "people forced from homes"
    assert row["figures"] == [
        "Harbor Times: 1,200 people",
        "Valley Gazette: about 3,000 people",
        "Northern Wire: 1,200 people",
    ]
    log = marks.read_marks(corpus)
    schema.validate(log, schema.MARKS, "marks")
    assert log.height == 1
    assert log["flag_key"][0] == marks.flag_key("numbers", row["members"])


def test_quote_mark_finds_the_quote_in_each_body(corpus):
    row = marks.mark_flag(corpus, "quotes", FLOOD, "q-water", "right")
    bodies = dict(corpus.read("articles").select("article_id", "body").iter_rows())
    spans = {m.split(":")[0]: m.split(":")[1] for m in row["members"]}
    start, end = map(int, spans["a-flood-valley"].split("-"))
    assert bodies["a-flood-valley"][start:end] == "We have never seen water this high before"
    assert row["label"] == "Ana Ruiz"


def test_log_is_append_only_and_the_latest_verdict_wins(corpus):
    marks.mark_flag(corpus, "numbers", FLOOD, "n-evacuated", "wrong", who="ana", at=T0)
    marks.mark_flag(corpus, "numbers", FLOOD, "n-evacuated", "right", who="ben")
    marks.mark_flag(corpus, "numbers", BUDGET, "n-budget", "right", who="ana")
    log = marks.read_marks(corpus)
    assert log["verdict"].to_list() == ["wrong", "right", "right"]
    latest = marks.latest_marks(log)
    assert latest.select("group_id", "verdict", "who", "n_marks").rows() == [
        ("n-evacuated", "right", "ben", 2),
        ("n-budget", "right", "ana", 1),
    ]
    # Clearing withdraws the verdict from the states, not from the log.
    marks.mark_flag(corpus, "numbers", BUDGET, "n-budget", "cleared")
    assert marks.read_marks(corpus).height == 4
    assert marks.mark_states(corpus)["group_id"].to_list() == ["n-evacuated"]
    with pytest.raises(ValueError, match="append-only"):
        corpus.write("marks", log)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("numbers", FLOOD, "n-nowhere", "wrong"), "group_id should be a numbers group"),
        (("numbers", FLOOD, "n-evacuated", "maybe"), "verdict should be one of"),
        (("facts", FLOOD, "f-dam", "wrong"), "kind should be one of"),
    ],
)
def test_bad_marks_are_refused(corpus, args, message):
    with pytest.raises(ValueError, match=message):
        marks.mark_flag(corpus, *args)
    assert marks.read_marks(corpus).height == 0


# --- marks and a changing corpus -------------------------------------------------------


def test_orphaned_mark_is_kept_shown_and_exported(corpus, tmp_path):
    marks.mark_flag(corpus, "numbers", FLOOD, "n-evacuated", "wrong", note="subset", at=T0)
    # A new comparison splits the conflict: every claim alone in its own group.
    split = [
        {**row, "group_id": f"n-alone-{i}", "status": "single"}
        for i, row in enumerate(DEMO_NUMBERS)
    ]
    write_comparisons(corpus, numbers=split)
    states = marks.mark_states(corpus)
    assert states.select("state", "current_group_id", "n_found", "note").rows() == [
        ("orphaned", None, 0, "subset")
    ]
    assert marks.read_marks(corpus).height == 1  # never dropped
    tables = export_tables(corpus)
    assert tables["marks"]["note"].to_list() == ["subset"]
    assert tables["mark_states"]["state"].to_list() == ["orphaned"]
    written = export_corpus(corpus, "csv", tmp_path / "out")
    assert tmp_path / "out" / "marks.csv" in written
    exported = pl.read_csv(tmp_path / "out" / "marks.csv")
    assert (
        exported["members"][0] == "a-flood-harbor:14-26; a-flood-valley:14-32; a-flood-wire:14-26"
    )
    # Once the figures are grouped again (even under another group id), it re-attaches.
    regrouped = [{**row, "group_id": "n-again"} for row in DEMO_NUMBERS if row["story_id"] == FLOOD]
    write_comparisons(corpus, numbers=regrouped)
    assert marks.mark_states(corpus).select("state", "current_group_id").rows() == [
        ("attached", "n-again")
    ]


def test_remark_changes_or_withdraws_an_orphaned_flag(corpus):
    first = marks.mark_flag(corpus, "numbers", FLOOD, "n-evacuated", "wrong", who="ana", at=T0)
    write_comparisons(corpus, numbers=[])  # the flag is gone
    again = marks.remark(corpus, first["flag_key"], "right", who="ben", note="checked")
    assert (again["members"], again["group_id"], again["verdict"]) == (
        first["members"],
        "n-evacuated",
        "right",
    )
    assert marks.mark_states(corpus).select("state", "verdict", "who", "n_marks").rows() == [
        ("orphaned", "right", "ben", 2)
    ]
    marks.remark(corpus, first["flag_key"], "cleared")
    assert marks.mark_states(corpus).height == 0
    assert marks.read_marks(corpus)["verdict"].to_list() == ["wrong", "right", "cleared"]
    with pytest.raises(ValueError, match="flag should be the flag_key of a marked flag"):
        marks.remark(corpus, "k-000000000000", "wrong")


def test_no_marks_no_export_tables(corpus):
    assert "marks" not in export_tables(corpus)
    assert marks.mark_states(corpus).height == 0


def _record(i: int, outlet: str, body: str, hour: int) -> dict[str, str]:
    return {
        "id": f"fire-{i}",
        "outlet": outlet,
        "url": f"https://{outlet.lower().replace(' ', '')}.example/fire-{i}",
        "title": f"Riverside warehouse fire kills workers ({outlet})",
        "body": body,
        "published_at": f"2024-05-02T{hour:02d}:00:00+00:00",
    }


FIRE = [
    _record(0, "Harbor Times", "A warehouse fire in the Riverside district killed 12 workers on "
            "Thursday, the fire department said. Firefighters battled the warehouse blaze for six "
            "hours before the roof collapsed. The warehouse stored paint and solvents.", 9),
    _record(1, "Valley Gazette", "A warehouse fire in the Riverside district killed 15 workers on "
            "Thursday, police said. Firefighters battled the warehouse blaze through the night "
            "before the roof collapsed. Paint and solvents fed the fire.", 8),
]  # fmt: skip
# The larger toll is published first: a contradiction. (Published an hour after the
# smaller one, it would read as the count still going on, an update.)
LATER = [
    _record(2, "Northern Wire", "A warehouse fire in the Riverside district killed 12 workers on "
            "Thursday, the fire department said. The warehouse blaze burned for six hours and the "
            "roof collapsed. Owners of the warehouse said paint was stored there.", 11),
    _record(3, "Coastal Daily", "Fire in a Riverside district warehouse killed 14 workers on "
            "Thursday, officials said. Firefighters battled the warehouse blaze and the roof "
            "collapsed. The warehouse stored paint.", 12),
]  # fmt: skip


def _write(folder: Path, records: list[dict[str, str]]) -> Path:
    folder.mkdir(parents=True)
    (folder / "articles.jsonl").write_text("\n".join(json.dumps(r) for r in records))
    return folder


def test_marks_survive_watch_recompare_and_rebuild(tmp_path):
    from clustering.compare import compare_corpus
    from clustering.pipeline import run, watch_once

    inbox = _write(tmp_path / "inbox", FIRE)
    corpus = run([inbox], tmp_path / "corpus", embedder=WordHashEmbedder()).corpus
    numbers = corpus.scan_comparison("numbers").collect()
    conflict = numbers.filter(pl.col("status") == "conflict")
    assert sorted(conflict["text"].to_list()) == ["12 workers", "15 workers"]
    story, group = conflict["story_id"][0], conflict["group_id"][0]
    mark = marks.mark_flag(corpus, "numbers", story, group, "wrong", who="ana", note="shifts")
    assert len(mark["members"]) == 2

    # Two more outlets arrive in the watched folder (`watch` runs `add`): they join the
    # story and the conflict group gains claims and a new id.
    (inbox / "later.jsonl").write_text("\n".join(json.dumps(r) for r in LATER))
    assert watch_once(inbox, corpus.path, embedder=WordHashEmbedder()) is not None
    states = marks.mark_states(corpus)
    assert states.height == 1
    row = states.row(0, named=True)
    assert row["state"] == "attached"
    assert row["current_group_id"] != group  # re-grouped, yet found by its figures
    assert row["n_found"] == 2 and row["note"] == "shifts"
    now = corpus.scan_comparison("numbers").collect()
    members = now.filter(pl.col("group_id") == row["current_group_id"])
    assert sorted(members["text"].to_list()) == [
        "12 workers", "12 workers", "14 workers", "15 workers",
    ]  # fmt: skip

    # Comparing again rewrites every comparison table: the mark stays where it was.
    compare_corpus(corpus, WordHashEmbedder())
    assert marks.mark_states(corpus).select("state", "current_group_id").rows() == [
        ("attached", row["current_group_id"])
    ]

    # A full rebuild into the same directory gives the story a new id (a hash of its four
    # articles); the log is untouched and the mark follows its figures there.
    run([inbox], corpus.path, embedder=WordHashEmbedder(), overwrite=True)
    states = marks.mark_states(corpus)
    assert states["current_story_id"][0] != story
    assert states["current_story_id"][0] in corpus.read("stories")["story_id"].to_list()
    assert states["state"].to_list() == ["attached"]
    assert marks.read_marks(corpus).select("mark_id", "verdict").rows() == [
        (mark["mark_id"], "wrong")
    ]


def test_marks_given_at_once_are_all_kept(corpus):
    from concurrent.futures import ThreadPoolExecutor

    def give(i: int) -> None:
        marks.mark_flag(corpus, "numbers", FLOOD, "n-evacuated", "wrong", who=f"user-{i}")

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(give, range(24)))
    log = marks.read_marks(corpus)
    assert sorted(log["who"].to_list()) == sorted(f"user-{i}" for i in range(24))
    assert log["mark_id"].n_unique() == 24


# --- the command line ------------------------------------------------------------------


def test_cli_mark(corpus):
    runner = CliRunner()
    args = ["mark", FLOOD, "n-evacuated", "wrong", "--who", "ana", "--note", "subset"]
    result = runner.invoke(cli, [*args, "--corpus", str(corpus.path)])
    assert result.exit_code == 0, result.output
    assert "marked wrong (3 figures)" in result.output
    log = marks.read_marks(corpus)
    assert log.select("who", "verdict", "note", "group_id").rows() == [
        ("ana", "wrong", "subset", "n-evacuated")
    ]
    bad = runner.invoke(cli, ["mark", FLOOD, "n-nowhere", "wrong", "-c", str(corpus.path)])
    assert bad.exit_code == 2
    assert marks.read_marks(corpus).height == 1


def test_mark_follows_a_figure_an_extractor_reads_wider(corpus):
    marks.mark_flag(corpus, "numbers", FLOOD, "n-evacuated", "wrong")  # spans 14-26, 14-32
    # A later extractor stores offsets, and reads the figures with what follows them
    # ("1,200 people from their homes"): the spans overlap the marked ones.
    wider = [
        {**row, "start": 14, "end": 14 + len(row["text"]) + 16, "group_id": "n-wider"}
        for row in DEMO_NUMBERS
        if row["group_id"] == "n-evacuated"
    ]
    write_comparisons(corpus, numbers=wider)
    assert marks.mark_states(corpus).select("state", "current_group_id", "n_found").rows() == [
        ("attached", "n-wider", 3)
    ]
    # Spans elsewhere in the same sentences are other figures: the flag is gone.
    elsewhere = [{**row, "start": 40, "end": 50} for row in wider]
    write_comparisons(corpus, numbers=elsewhere)
    assert marks.mark_states(corpus)["state"].to_list() == ["orphaned"]
