"""The corpus store (clustering.corpus): every `run`/`add` one commit, kill -9 at random
points then the same command again, concurrent adds, time travel, refusing to replace a
corpus, migrating a corpus of Parquet files, and Corpus as the only owner of paths."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from conftest import ROOT, WordHashEmbedder, make_story_records

from clustering.config import load_config
from clustering.corpus import Corpus, CorpusError, CorpusExistsError
from clustering.export import export_tables
from clustering.pipeline import add, run

WORKER = Path(__file__).with_name("store_worker.py")
#: Comparisons are written like any other table; off, the tests stay fast.
NO_COMPARE = load_config(None, compare={"enabled": False})
OUTLETS = ["Harbor Daily", "Meridian Post", "Civic Ledger"]
#: (topic, words, day): the base corpus's events, then those of 4 batches to add.
BASE = [
    ("talks", "Delegations met in Istanbul for peace talks on a ceasefire.", "2022-03-29"),
    ("fire", "Warehouse fire destroyed chemical storage and forced evacuations.", "2022-04-02"),
]
BATCHES = [
    [("quake", "Earthquake shook coastal towns and damaged the old harbour bridge.", "2022-04-03")],
    [("strike", "Rail workers began a national strike over pensions and wages.", "2022-04-04")],
    [("flood", "River flooding cut roads and closed schools across the valley.", "2022-04-05")],
    [("vote", "Parliament passed the budget vote after a long overnight debate.", "2022-04-06")],
]


def _write(path: Path, events) -> Path:
    records = [r for event in events for r in make_story_records(*event, OUTLETS)]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _worker(command: str, corpus: Path, kill_at: int, *inputs: Path) -> int:
    done = subprocess.run(
        [sys.executable, str(WORKER), command, str(corpus), str(kill_at), *map(str, inputs)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode in (0, 3, -9), done.stderr[-3000:]
    return done.returncode


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the kill points (see store_worker) the commands of this process pass."""
    import store_worker

    seen = [0]
    for name in ("_store", "merge", "_commit", "_recover"):
        monkeypatch.setattr(
            Corpus, name, store_worker._dying(getattr(Corpus, name), -1, seen), raising=True
        )
    return seen


@pytest.fixture(scope="module")
def batches(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batches")
    return _write(folder / "base.jsonl", BASE), [
        _write(folder / f"batch{i}.jsonl", events) for i, events in enumerate(BATCHES)
    ]


def _assert_every_article_in_one_story(corpus: Corpus, files: list[Path]) -> None:
    """Every record of `files` is an article of `corpus`, once, in exactly one story
    that exists; every story has members and its size counts them."""
    articles = corpus.read("articles")
    for path in files:
        n_records = len(path.read_text().splitlines())
        assert articles.filter(pl.col("source_file") == str(path)).height == n_records, path
    assert articles["article_id"].is_unique().all()
    assignments = corpus.read("assignments")
    assert sorted(assignments["article_id"]) == sorted(articles["article_id"])
    stories = corpus.read("stories")
    assert set(assignments["story_id"]) == set(stories["story_id"])
    sizes = (
        assignments.join(articles.select("article_id", "duplicate_of"), on="article_id")
        .filter(pl.col("duplicate_of").is_null())
        .group_by("story_id")
        .len()
    )
    joined = stories.join(sizes, on="story_id", how="left")
    assert joined["size"].to_list() == joined["len"].fill_null(0).to_list()


def _export(corpus: Corpus) -> dict[str, pl.DataFrame]:
    """The export tables without wall-clock times (when a story was updated)."""
    out = {}
    for name, frame in export_tables(corpus).items():
        frame = frame.drop("updated_at", "at", "source_file", strict=False)
        out[name] = frame.sort(frame.columns[:2]) if frame.height else frame
    return out


def _assert_same_export(a: Corpus, b: Corpus) -> None:
    left, right = _export(a), _export(b)
    assert sorted(left) == sorted(right)
    for name in left:
        assert left[name].equals(right[name]), name


def _serial(path: Path, base: Path, *more: Path) -> tuple[Corpus, list[int]]:
    """`base` run, then `more` added one after another, in this process (no kill), as
    store_worker does them; and the kill points each command passed."""
    from store_worker import CONFIG

    points = []
    with pytest.MonkeyPatch.context() as monkeypatch:
        seen = _counting(monkeypatch)
        run([base], path, CONFIG, embedder=WordHashEmbedder())
        points.append(seen[0])
        for batch in more:
            seen[0] = 0
            add([batch], path, embedder=WordHashEmbedder())
            points.append(seen[0])
    return Corpus(path), points


@pytest.fixture(scope="module")
def serial(batches, tmp_path_factory):
    """base run, then batch 0 added (no kill), and the
    number of kill points of a clean run and of a clean add."""
    base, more = batches
    corpus, points = _serial(tmp_path_factory.mktemp("serial") / "c", base, more[0])
    return corpus, points[0], points[1]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_kill_9_at_random_points_then_the_same_command_again_loses_nothing(
    seed, batches, serial, tmp_path
):
    base, more = batches
    reference, n_run, n_add = serial
    rng = random.Random(seed)
    path = tmp_path / "c"
    kill_run, kill_add = rng.randint(1, n_run), rng.randint(1, n_add)
    assert _worker("run", path, kill_run, base) == -9
    # The same command again: it finishes the corpus, or (killed after its commit)
    # finds the corpus complete and refuses to replace it.
    assert _worker("run", path, 0, base) in (0, 3)
    assert _worker("add", path, kill_add, more[0]) == -9
    assert _worker("add", path, 0, more[0]) == 0
    corpus = Corpus(path)
    _assert_every_article_in_one_story(corpus, [base, more[0]])
    _assert_same_export(corpus, reference)


def test_kill_9_during_watch_then_watch_again_loses_nothing(batches, tmp_path):
    import shutil

    from store_worker import CONFIG

    from clustering.pipeline import watch_once

    base, more = batches
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(base, inbox / base.name)
    corpus = Corpus(tmp_path / "c")
    assert watch_once(inbox, corpus.path, CONFIG, WordHashEmbedder()) is not None
    shutil.copy(more[0], inbox / more[0].name)
    with pytest.MonkeyPatch.context() as monkeypatch:  # the kill points of a clean pass
        seen = _counting(monkeypatch)
        probe = tmp_path / "probe"
        shutil.copytree(corpus.path, probe)
        watch_once(inbox, probe, CONFIG, WordHashEmbedder())
    kill_at = random.Random(7).randint(1, seen[0])
    assert _worker("watch", corpus.path, kill_at, inbox) == -9
    assert _worker("watch", corpus.path, 0, inbox) == 0
    _assert_every_article_in_one_story(corpus, [inbox / base.name, inbox / more[0].name])
    assert watch_once(inbox, corpus.path, CONFIG, WordHashEmbedder()) is None  # all in


def test_a_full_disk_in_the_middle_of_add_commits_nothing(batches, tmp_path, monkeypatch):
    import errno

    base, more = batches
    corpus = run([base], tmp_path / "c", NO_COMPARE, embedder=WordHashEmbedder()).corpus
    before = export_tables(corpus)
    store, calls = Corpus._store, []

    def full(self, name, frame, mode):
        calls.append(name)
        if len(calls) == 3:  # articles and rejects written, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        return store(self, name, frame, mode)

    monkeypatch.setattr(Corpus, "_store", full)
    with pytest.raises(OSError, match="No space"):
        add([more[0]], corpus.path, embedder=WordHashEmbedder())
    monkeypatch.setattr(Corpus, "_store", store)
    assert corpus.version == 1
    after = export_tables(corpus)
    assert all(after[name].equals(before[name]) for name in before)
    add([more[0]], corpus.path, embedder=WordHashEmbedder())  # space again: it lands
    _assert_every_article_in_one_story(corpus, [base, more[0]])


def test_four_concurrent_adds_all_land(batches, tmp_path):
    base, more = batches
    path = tmp_path / "c"
    _serial(path, base)
    procs = [
        subprocess.Popen(
            [sys.executable, str(WORKER), "add", str(path), "0", str(batch)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for batch in more
    ]
    assert [p.wait(timeout=300) for p in procs] == [0, 0, 0, 0]
    corpus = Corpus(path)
    _assert_every_article_in_one_story(corpus, [base, *more])
    # The same batches added one after another, in the order the adds committed.
    order = [
        Path(c["manifest"]["inputs"][-1]["path"])
        for c in map(json.loads, map(Path.read_text, sorted((path / "_commits").glob("*.json"))))
        if c["command"] == "add"
    ]
    assert sorted(order) == sorted(more)
    one_by_one, _ = _serial(tmp_path / "serial", base, *order)
    _assert_same_export(corpus, one_by_one)


def test_run_refuses_an_existing_corpus_unless_overwrite(batches, tmp_path):
    base, more = batches
    embedder = WordHashEmbedder()
    first = run([base, more[0]], tmp_path / "c", NO_COMPARE, embedder=embedder)
    with pytest.raises(CorpusExistsError, match="storylens add"):
        run([more[1]], tmp_path / "c", NO_COMPARE, embedder=embedder)
    assert first.corpus.read("articles").height == 9  # untouched
    again = run([more[1]], tmp_path / "c", NO_COMPARE, embedder=embedder, overwrite=True)
    assert again.corpus.read("articles").height == 3
    assert again.corpus.at(1).read("articles").height == 9  # the old corpus is a commit


def test_stories_as_of_a_commit_or_a_date(batches, tmp_path):
    from typer.testing import CliRunner

    from clustering.cli import app

    base, more = batches
    corpus = run([base], tmp_path / "c", NO_COMPARE, embedder=WordHashEmbedder()).corpus
    add([more[0]], corpus.path, embedder=WordHashEmbedder())
    assert corpus.version == 2
    assert corpus.at(1).read("articles").height == 6 and corpus.read("articles").height == 9
    assert corpus.at("2999-01-01").version == 2
    with pytest.raises(CorpusError, match="no commit by"):
        corpus.at("2000-01-01")
    runner = CliRunner()
    then = runner.invoke(app, ["stories", "-c", str(corpus.path), "--as-of", "1", "--json"])
    now = runner.invoke(app, ["stories", "-c", str(corpus.path), "--json"])
    assert then.exit_code == 0 and now.exit_code == 0
    headlines = [json.loads(line)["headline"] for line in then.stdout.splitlines()]
    assert len(headlines) == 2 and not any("Earthquake" in h for h in headlines)
    assert any("Earthquake" in json.loads(line)["headline"] for line in now.stdout.splitlines())
    log = runner.invoke(app, ["log", "-c", str(corpus.path), "--json"])
    rows = [json.loads(line) for line in log.stdout.splitlines()]
    assert [(r["commit"], r["command"], r["n_stories"]) for r in rows] == [
        (1, "run", 2),
        (2, "add", 3),
    ]
    quake = corpus.read("stories").filter(pl.col("headline").str.contains("Earthquake"))
    story = quake["story_id"][0]
    then = runner.invoke(app, ["compare", story, "-c", str(corpus.path), "--as-of", "1"])
    assert then.exit_code == 2 and f"no story {story!r}" in then.output  # not known then


def test_a_corpus_under_a_folder_named_with_a_space_reads_as_any_other(batches, serial, tmp_path):
    """delta-rs lists a table's files percent-encoded ('my%20news'), which polars opened
    as written: `run` wrote the corpus and then failed reading it back."""
    base, more = batches
    path = tmp_path / "my news #2 é" / "c"
    _serial(path, base, more[0])
    corpus = Corpus(path)
    _assert_every_article_in_one_story(corpus, [base, more[0]])
    _assert_same_export(corpus, serial[0])
    moved = tmp_path / "plain"
    shutil.copytree(path, moved)  # the same files read through polars' own Delta scan
    for as_of in (None, 1):  # the newest commit, and the run's as it stood
        here, there = Corpus(path, as_of=as_of), Corpus(moved, as_of=as_of)
        for name in ("articles", "stories", "assignments", "embeddings", "history"):
            assert here.read(name).equals(there.read(name)), (as_of, name)
    assert Corpus(path, as_of=1).read("articles").height == 6


def test_a_failed_add_commits_nothing_and_the_next_add_works(batches, tmp_path):
    base, more = batches

    class Dying(WordHashEmbedder):
        def encode(self, texts):
            raise RuntimeError("disk full")

    corpus = run([base], tmp_path / "c", NO_COMPARE, embedder=WordHashEmbedder()).corpus
    with pytest.raises(RuntimeError):
        add([more[0]], corpus.path, embedder=Dying())
    assert corpus.version == 1 and corpus.read("articles").height == 6
    add([more[0]], corpus.path, embedder=WordHashEmbedder())
    _assert_every_article_in_one_story(corpus, [base, more[0]])


def test_add_appends_only_changed_stories_and_reads_what_a_rewrite_gives(
    batches, tmp_path, monkeypatch
):
    from deltalake import DeltaTable

    from clustering import corpus as store

    base, more = batches
    built = {}
    for share in (0.0, 100.0):  # compacted by every add / never compacted
        monkeypatch.setattr(store, "VERSIONED_SHARE", share)
        corpus = run([base], tmp_path / f"c{share}", NO_COMPARE, embedder=WordHashEmbedder()).corpus
        for batch in more[:2]:
            add([batch], corpus.path, embedder=WordHashEmbedder())
        built[share] = corpus
    appended = built[100.0]
    last = DeltaTable(str(appended.path / "stories")).history(1)[0]
    # One new story of 3 articles per add: its row appended, the 2 stored ones not rewritten.
    assert (last["operation"], last["operationParameters"]["mode"]) == ("WRITE", "Append")
    assert last["operationMetrics"]["num_added_rows"] == 1
    assert appended.appended_rows("stories") == (2, 4)
    assert appended.appended_rows("assignments") == (6, 12)
    assert appended.commit.get("compacted") is None
    assert built[0.0].commit["compacted"] == ["assignments", "stories"]
    assert built[0.0].appended_rows("stories") == (0, 4)
    for name in ("stories", "assignments", "articles"):
        ours, rewritten = appended.read(name), built[0.0].read(name)
        if name == "stories":  # when each was built: not part of what it holds
            ours, rewritten = ours.drop("updated_at"), rewritten.drop("updated_at")
        assert ours.equals(rewritten), name
    assert appended.read("stories")["size"].to_list() == [3, 3, 3, 3]


def _story_row(story_id: str, size: int) -> dict:
    return {
        "story_id": story_id,
        "size": size,
        "n_copies": 0,
        "n_outlets": 1,
        "outlets": ["o"],
        "first_published": None,
        "last_published": None,
        "headline": f"{story_id} with {size}",
        "keywords": [],
        "is_singleton": size == 1,
        "updated_at": None,
    }


def test_the_newest_appended_row_of_a_key_wins_and_as_of_reads_it_as_it_stood(
    tmp_path, monkeypatch
):
    from clustering import corpus as store
    from clustering import schema

    monkeypatch.setattr(store, "VERSIONED_SHARE", 100.0)  # keep the appended rows
    corpus = Corpus(tmp_path / "c")
    members = {"a1": "s-a", "a2": "s-a", "b1": "s-b", "c1": "s-c"}

    def assignments(rows: dict[str, str]) -> pl.DataFrame:
        return pl.DataFrame(
            {"article_id": list(rows), "story_id": list(rows.values()), "is_noise": False},
            schema=schema.ASSIGNMENTS,
        )

    with corpus.transaction("run", fresh=True) as tx:  # written whole: no version column
        tx.write("assignments", assignments(members))
        rows = [_story_row("s-a", 2), _story_row("s-b", 1), _story_row("s-c", 1)]
        tx.write("stories", pl.DataFrame(rows, schema=schema.STORIES))
    # Commit 2: b1 joins s-a, s-b is gone; commit 3: c1 joins s-a too, s-c is gone, d1 new.
    with corpus.transaction("add") as tx:
        tx.merge("assignments", assignments({"b1": "s-a"}), "article_id")
        stories = pl.DataFrame([_story_row("s-a", 3)], schema=schema.STORIES)
        tx.merge("stories", stories, "story_id", delete=["s-a", "s-b"])
    with corpus.transaction("add") as tx:
        tx.merge("assignments", assignments({"c1": "s-a", "d1": "s-d"}), "article_id")
        stories = pl.DataFrame([_story_row("s-a", 4), _story_row("s-d", 1)], schema=schema.STORIES)
        tx.merge("stories", stories, "story_id", delete=["s-a", "s-c", "s-d"])
    assert corpus.appended_rows("stories") == (5, 8)  # 3 versions, 2 tombstones

    def state(at: Corpus) -> tuple[dict[str, int], dict[str, str]]:
        sizes = dict(at.read("stories").select("story_id", "size").iter_rows())
        return sizes, dict(at.read("assignments").select("article_id", "story_id").iter_rows())

    assert state(corpus) == (
        {"s-a": 4, "s-d": 1},
        {"a1": "s-a", "a2": "s-a", "b1": "s-a", "c1": "s-a", "d1": "s-d"},
    )
    assert state(corpus.at(2)) == (
        {"s-a": 3, "s-c": 1},
        {"a1": "s-a", "a2": "s-a", "b1": "s-a", "c1": "s-c"},
    )
    assert state(corpus.at(1)) == ({"s-a": 2, "s-b": 1, "s-c": 1}, members)
    # A filter on the newest rows never sees a row that a newer one replaced.
    left = corpus.scan("assignments").filter(pl.col("story_id") == "s-c").collect()
    assert left.height == 0 and corpus.count("assignments") == 5
    was = corpus.at(2).scan("assignments").filter(pl.col("story_id") == "s-c").collect()
    assert was["article_id"].to_list() == ["c1"]
    assert corpus.scan("stories").collect_schema().names() == list(schema.STORIES)

    # Compaction (appended rows past VERSIONED_SHARE): the newest rows, written whole.
    monkeypatch.setattr(store, "VERSIONED_SHARE", 0.1)
    with corpus.transaction("add") as tx:
        tx.merge("assignments", assignments({"e1": "s-d"}), "article_id")
    assert corpus.commit["compacted"] == ["assignments"]
    assert corpus.appended_rows("assignments") == (0, 6)
    assert state(corpus)[1] == {**state(corpus.at(3))[1], "e1": "s-d"}
    assert state(corpus.at(2))[1]["c1"] == "s-c"  # time travel keeps the older versions


def test_migrate_a_parquet_corpus_keeps_every_row_and_id(batches, tmp_path):
    from typer.testing import CliRunner

    from clustering.cli import app

    base, _ = batches
    built = run([base], tmp_path / "delta", NO_COMPARE, embedder=WordHashEmbedder()).corpus
    legacy = tmp_path / "legacy"
    legacy.mkdir()
    tables = ["articles", "rejects", "stories", "assignments", "history", "embeddings"]
    for name in tables:  # the layout of the release before the Delta tables
        frame = built.read(name)
        if name == "embeddings":  # article_id, vector: no publication times then
            frame = frame.drop("published_at")
        frame.write_parquet(legacy / f"{name}.parquet")
    (legacy / "manifest.json").write_text(json.dumps(built.manifest), encoding="utf-8")
    assert Corpus(legacy).is_legacy()
    with pytest.raises(CorpusError, match="storylens migrate"):
        Corpus(legacy).require()
    result = CliRunner().invoke(app, ["migrate", "-c", str(legacy)])
    assert result.exit_code == 0, result.output
    migrated = Corpus(legacy)
    # migrate also fills the lookup tables `add` reads instead of the whole corpus
    for name in tables:
        assert migrated.read(name).equals(built.read(name)), name
    keys = migrated.read("duplicate_keys").sort("article_id")
    assert keys.equals(built.read("duplicate_keys").sort("article_id"))
    assert migrated.read("duplicate_keys")["lsh_keys"].null_count() == 0
    assert migrated.partitioned_by_month("embeddings")
    assert migrated.manifest["counts"] == built.manifest["counts"]
    assert (legacy / "parquet-before-migrate" / "articles.parquet").exists()


def test_add_to_a_delta_corpus_without_lookup_tables_fills_them_then_finds_copies(
    batches, tmp_path
):
    """A Delta corpus of the release before the duplicate keys and month-partitioned
    embeddings: `add` writes them once (same rows as `run` writes), and its duplicate
    check then finds a re-added page through them."""
    base, more = batches
    built = run([base], tmp_path / "new", NO_COMPARE, embedder=WordHashEmbedder()).corpus
    old = Corpus(tmp_path / "old")
    with old.transaction("run", fresh=True) as tx:
        for name in ("articles", "rejects", "stories", "assignments", "history", "term_df"):
            tx.write(name, built.read(name))
        tx.write("embeddings", built.read("embeddings").drop("published_at"))  # one partition
        tx.write_manifest(built.manifest)
    assert Corpus(old.path).needs_upgrade() == ["duplicate_keys", "embeddings"]
    again = tmp_path / "again.jsonl"  # a stored page re-crawled, and a new batch
    record = json.loads(base.read_text(encoding="utf-8").splitlines()[0])
    record["url"] += "?utm_source=feed"
    record["body"] += " Updated."
    again.write_text(json.dumps(record) + "\n" + more[0].read_text(encoding="utf-8"))
    result = add([again], old.path, NO_COMPARE, embedder=WordHashEmbedder())
    assert result.ingest.n_duplicates == 1
    copy = result.corpus.read("articles").filter(pl.col("duplicate_kind") == "same_url")
    assert copy["source_id"].to_list() == [record["id"]]
    stored = Corpus(old.path)
    assert stored.needs_upgrade() == []
    keys = stored.read("duplicate_keys").filter(
        pl.col("article_id").is_in(built.read("articles")["article_id"].implode())
    )
    assert keys.sort("article_id").equals(built.read("duplicate_keys").sort("article_id"))
    assert stored.read("embeddings").height == built.read("embeddings").height + 3


def test_no_corpus_path_is_built_outside_corpus():
    pattern = re.compile(r'"comparisons"|/ "cache"|history\.parquet|manifest\.json|/ "export"')
    offenders = []
    for folder in ("clustering", "app_pages", "benchmarks"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path.name == "corpus.py":
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if pattern.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == []


def test_tables_written_in_many_small_files_are_compacted_keeping_their_rows(tmp_path):
    from deltalake import DeltaTable

    from clustering import schema
    from clustering.corpus import COMPACT_FILES

    corpus = Corpus(tmp_path / "c")
    row = {"at": None, "kind": "new", "story_id": "s", "old_story_ids": [], "new_story_ids": []}
    with corpus.transaction("add") as store:
        for i in range(COMPACT_FILES + 8):  # one small file per append, as many adds leave
            store.extend("history", pl.DataFrame([row | {"n_added": i}], schema=schema.HISTORY))
    assert len(DeltaTable(str(corpus.path / "history")).file_uris()) == 1
    assert sorted(corpus.read("history")["n_added"]) == list(range(COMPACT_FILES + 8))


def test_the_key_index_stays_current_through_adds_and_finds_every_stored_key(
    batches, tmp_path, monkeypatch
):
    from clustering.ingest import dedupe

    base, more = batches
    corpus = run([base], tmp_path / "c", NO_COMPARE, embedder=WordHashEmbedder()).corpus
    assert corpus.key_index() is None  # built by the first lookup, not by run
    monkeypatch.setattr(dedupe, "KEY_SEGMENT_SHARE", 10.0)  # one segment per add
    for batch in more[:2]:
        add([batch], corpus.path, embedder=WordHashEmbedder())
    files = corpus.key_index()
    # Built from the 6 stored rows by the first add, then one segment per add's 3 rows.
    assert files is not None and files.n == 12 and len(files.segments) == 3
    keys = corpus.read("duplicate_keys")
    found = dedupe.open_key_index(corpus).lookup(dedupe.key_hashes(keys)[0])
    assert found["article_id"].to_list() == sorted(keys["article_id"])
    monkeypatch.setattr(dedupe, "KEY_SEGMENT_SHARE", 0.1)  # merged into one
    add([more[2]], corpus.path, embedder=WordHashEmbedder())
    files = corpus.key_index()
    assert files is not None and (files.n, len(files.segments)) == (15, 1)
    assert len(list((corpus.path / "index").glob("*.d*.npy"))) == 3 + 9  # last commit's kept
    with corpus.transaction("rewrite keys") as tx:  # other keys: the index is stale
        tx.write("duplicate_keys", keys)
    assert corpus.key_index() is None


# --- the vector index of a long window (incremental.INDEX_MIN_GAP_DAYS) ------------------


def test_add_through_the_vector_index_joins_the_stories_of_the_exact_search(batches, tmp_path):
    from clustering.cluster.incremental import INDEX_MIN_GAP_DAYS

    base, more = batches
    # Every event of the fixture lies within 60 days: a 364-day window holds the whole
    # corpus, as the default 3650 does, and is searched exactly (numpy), not by the index.
    exact_config = load_config(
        None, compare={"enabled": False}, cluster={"max_gap_days": INDEX_MIN_GAP_DAYS - 1}
    )
    results = {}
    for name, config in (("index", NO_COMPARE), ("exact", exact_config)):
        path = tmp_path / name
        run([base], path, config, embedder=WordHashEmbedder())
        for batch in more[:2]:
            add([batch], path, config, embedder=WordHashEmbedder())
        corpus = Corpus(path)
        results[name] = corpus.read("assignments").sort("article_id")
        if name == "index":
            # The commit names an index covering every stored vector.
            assert corpus.vector_index() is not None
            assert corpus.manifest["vector_index"]["n"] == corpus.count("embeddings")
        else:
            assert corpus.vector_index() is None
    assert results["index"].height == sum(
        len(p.read_text().splitlines()) for p in [base, *more[:2]]
    )
    assert results["index"].equals(results["exact"])


def test_a_stale_vector_index_is_never_read_and_is_rebuilt(batches, tmp_path, monkeypatch):
    from clustering.cluster import incremental

    base, more = batches
    path = tmp_path / "c"
    run([base], path, NO_COMPARE, embedder=WordHashEmbedder())
    add([more[0]], path, NO_COMPARE, embedder=WordHashEmbedder())
    corpus = Corpus(path)
    current = corpus.vector_index()
    assert current is not None
    # A writer that adds vectors without the index (here: by hand) leaves it stale.
    extra = corpus.read("embeddings").head(1).with_columns(pl.lit("extra-1").alias("article_id"))
    with corpus.transaction("by hand") as writer:
        writer.extend("embeddings", extra)
    assert corpus.vector_index() is None
    # A writer killed after saving its index leaves files no commit names.
    with pytest.raises(RuntimeError), corpus.transaction("killed") as writer:
        incremental.save_vector_index(writer, incremental._open_index(writer, 384))
        raise RuntimeError("killed")
    assert Corpus(path).vector_index() is None
    # The next add rebuilds it from the embeddings, counting every stored vector.
    built = []
    real = incremental.build_vector_index
    monkeypatch.setattr(
        incremental, "build_vector_index", lambda *a: built.append(1) or real(*a), raising=True
    )
    add([more[1]], path, NO_COMPARE, embedder=WordHashEmbedder())
    assert built == [1]
    corpus = Corpus(path)
    assert corpus.manifest["vector_index"]["n"] == corpus.count("embeddings")
    # ... and the add after it reads it (no rebuild), and removes files of old commits.
    add([more[2]], path, NO_COMPARE, embedder=WordHashEmbedder())
    assert built == [1]
    # The index folder holds the files of the last commit's indexes and the one before
    # (the vector index, and the duplicate keys' index beside it).
    named = set()
    for commit in (Corpus(path), Corpus(path).at(Corpus(path).version - 1)):
        record = commit.manifest["vector_index"]
        named |= {record["file"], record["keys"], *record["vectors"]} | {record["side"]} - {None}
        named |= {name for segment in commit.manifest["key_index"]["segments"] for name in segment}
    assert {p.name for p in (path / "index").iterdir()} == named
    assert len(named) >= 5  # two keys files, a main index, a segment per add at least


def test_members_vectors_from_the_index_equal_the_stored_embeddings(batches, tmp_path):
    from clustering.cluster import incremental

    base, more = batches
    path = tmp_path / "c"
    run([base], path, NO_COMPARE, embedder=WordHashEmbedder())
    for batch in more[:2]:  # the first add writes every vector as one segment, the next its own
        add([batch], path, NO_COMPARE, embedder=WordHashEmbedder())
    corpus = Corpus(path)
    files = corpus.vector_index()
    assert files is not None and len(files.segments) == 2
    segments = list(files.segments)
    stored = corpus.read("embeddings").select("article_id", "vector").sort("article_id")
    indexed = incremental._open_index(corpus, 384)
    assert indexed.segments == segments and len(indexed.pending) == 0
    got = indexed.vectors_of(stored["article_id"]).sort("article_id")
    assert got["article_id"].equals(stored["article_id"])
    # Exact float32 copies (the HNSW index itself holds float16), bit for bit.
    assert np.array_equal(got["vector"].to_numpy(), stored["vector"].to_numpy())
    # Asked for a few, in any order, with an id it does not hold: those it holds.
    some = pl.Series(["absent", *stored["article_id"][[5, 0, 3]]])
    assert indexed.vectors_of(some)["article_id"].to_list() == sorted(
        stored["article_id"][[0, 3, 5]]
    )


def test_adds_below_the_side_share_keep_the_main_index_file_and_find_the_same_stories(
    batches, tmp_path, monkeypatch
):
    from clustering.cluster import incremental

    base, more = batches
    monkeypatch.setattr(incremental, "SIDE_SHARE", 10.0)  # never merge
    path = tmp_path / "c"
    run([base], path, NO_COMPARE, embedder=WordHashEmbedder())
    add([more[0]], path, NO_COMPARE, embedder=WordHashEmbedder())
    # The first add builds the index of the stored vectors and puts its own in the side.
    n_run = Corpus(path).at(1).count("embeddings")
    first = Corpus(path).manifest["vector_index"]
    assert first["side"] is not None
    add([more[1]], path, NO_COMPARE, embedder=WordHashEmbedder())
    corpus = Corpus(path)
    record = corpus.manifest["vector_index"]
    # The main index file is the first add's, unchanged; the new keys join the side.
    assert record["file"] == first["file"]
    assert record["side"] not in (None, first["side"])
    indexed = incremental._open_index(corpus, 384)
    assert len(indexed.main) == n_run
    assert len(indexed.side) == record["n"] - n_run > first["n"] - n_run > 0
    # Merging at every add (the share at 0) gives the same stories.
    monkeypatch.setattr(incremental, "SIDE_SHARE", 0.0)
    merged = tmp_path / "m"
    run([base], merged, NO_COMPARE, embedder=WordHashEmbedder())
    for batch in more[:2]:
        add([batch], merged, NO_COMPARE, embedder=WordHashEmbedder())
    assert Corpus(merged).manifest["vector_index"]["side"] is None
    assert (
        Corpus(merged)
        .read("assignments")
        .sort("article_id")
        .equals(corpus.read("assignments").sort("article_id"))
    )


def test_more_than_max_segments_of_exact_vectors_are_written_as_one(batches, tmp_path, monkeypatch):
    from clustering.cluster import incremental

    base, more = batches
    monkeypatch.setattr(incremental, "MAX_SEGMENTS", 1)
    path = tmp_path / "c"
    run([base], path, NO_COMPARE, embedder=WordHashEmbedder())
    for batch in more[:2]:
        add([batch], path, NO_COMPARE, embedder=WordHashEmbedder())
    corpus = Corpus(path)
    files = corpus.vector_index()
    assert files is not None and len(files.segments) == 1  # two would be kept otherwise
    assert np.load(files.segments[0]).shape == (corpus.count("embeddings"), 384)
    stored = corpus.read("embeddings").select("article_id", "vector").sort("article_id")
    got = incremental._open_index(corpus, 384).vectors_of(stored["article_id"])
    assert np.array_equal(got.sort("article_id")["vector"].to_numpy(), stored["vector"].to_numpy())


#: Events weeks apart whose ids (topic-i) sort otherwise than their days: in key order
#: (article_id) a window of days is not one run of the exact vectors' file.
SPREAD = [
    ("zinc", "Zinc mine collapse trapped miners underground for two days.", "2022-01-05"),
    ("harbor", "Harbor cranes stopped as dock workers walked out over pay.", "2022-02-10"),
    ("budget", "The city council cut the transport budget after a long debate.", "2022-03-01"),
    ("alpine", "Alpine avalanche closed mountain passes and stranded skiers.", "2022-03-25"),
]


def test_a_large_segment_is_in_time_order_and_a_window_is_read_as_one_run(
    batches, tmp_path, monkeypatch
):
    """A cold add must read the exact vectors of the last EXACT_RECENT_DAYS only, not
    the file of the whole corpus: in time order they are one run, read with one preadv
    of exactly their bytes and no readahead (POSIX_FADV_RANDOM). In key order the same
    window is two runs here (ids sort otherwise than days); same stories either way."""
    import os

    from clustering.cluster import day_numbers, incremental

    _, more = batches
    base = _write(tmp_path / "spread.jsonl", SPREAD)
    assignments = {}
    for name, min_rows in (("key_order", 10**9), ("time_order", 1)):
        monkeypatch.setattr(incremental, "TIME_ORDER_MIN_ROWS", min_rows)
        path = tmp_path / name
        run([base], path, NO_COMPARE, embedder=WordHashEmbedder())
        for batch in more[:2]:  # quake 2022-04-03 (builds the index), strike 04-04
            add([batch], path, NO_COMPARE, embedder=WordHashEmbedder())
        assignments[name] = Corpus(path).read("assignments").sort("article_id")
    assert assignments["time_order"].equals(assignments["key_order"])
    assert assignments["time_order"].height == 6 * 3

    corpus = Corpus(tmp_path / "time_order")
    files = corpus.vector_index()
    assert files is not None and len(files.segments) == len(files.positions) == 2
    # Named apart from key-order segments: a release before positions reads no segment.
    assert "vectors" not in corpus.manifest["vector_index"]
    keys = pl.read_parquet(files.keys)
    first = np.load(files.positions[0])  # the 15 keys of the index's build, then 3 of an add
    assert not keys["published_at"].head(15).is_sorted()  # else the test shows nothing
    in_file = keys["published_at"].head(15).gather(np.argsort(first)).to_list()
    assert in_file == sorted(in_file)
    indexed = incremental._open_index(corpus, 384)
    stored = corpus.read("embeddings").select("article_id", "vector").sort("article_id")
    got = indexed.vectors_of(stored["article_id"]).sort("article_id")
    assert np.array_equal(got["vector"].to_numpy(), stored["vector"].to_numpy())

    reads, advice = [], []
    preadv, fadvise = os.preadv, os.posix_fadvise
    monkeypatch.setattr(
        os, "preadv", lambda fd, b, at: reads.append(preadv(fd, b, at)) or reads[-1]
    )
    monkeypatch.setattr(os, "posix_fadvise", lambda *a: advice.append(a[-1]) or fadvise(*a))
    new_day = day_numbers(pl.Series([datetime(2022, 4, 5, tzinfo=UTC)]))
    recent = incremental.recent_keys(
        day_numbers(keys["published_at"]), new_day, incremental.EXACT_RECENT_DAYS
    )
    # alpine (03-25) and quake (04-03) in the first segment, strike (04-04) in the second.
    assert len(recent) == 9
    by_id = dict(zip(stored["article_id"], stored["vector"].to_list(), strict=True))
    expected = np.array([by_id[a] for a in keys["article_id"].gather(recent)], dtype=np.float32)
    assert np.array_equal(indexed.rows(recent), expected)
    assert reads == [6 * 384 * 4, 3 * 384 * 4]  # one run a segment, their bytes only
    assert advice == [os.POSIX_FADV_RANDOM] * 2

    # Merged into one segment (MAX_SEGMENTS), in time order again: the same vectors.
    monkeypatch.undo()
    monkeypatch.setattr(incremental, "TIME_ORDER_MIN_ROWS", 1)
    monkeypatch.setattr(incremental, "MAX_SEGMENTS", 1)
    add([more[2]], corpus.path, NO_COMPARE, embedder=WordHashEmbedder())
    files = Corpus(corpus.path).vector_index()
    assert files is not None and len(files.segments) == len(files.positions) == 1
    stored = Corpus(corpus.path).read("embeddings").select("article_id", "vector")
    got = incremental._open_index(Corpus(corpus.path), 384).vectors_of(stored["article_id"])
    stored, got = stored.sort("article_id"), got.sort("article_id")
    assert got.height == 21 and np.array_equal(
        got["vector"].to_numpy(), stored["vector"].to_numpy()
    )
