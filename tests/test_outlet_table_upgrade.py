"""A corpus kept across a change of the outlet table (issue 13): StoryLens ships another
outlets.csv, or an add is given another ingest.outlets CSV. The stored articles are
identified again with the table the new ones get, in the add's commit, so one story never
shows one outlet under two names. Hand-written articles, the word-hash stand-in embedder
(no model)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from conftest import make_story_records

from clustering import pipeline
from clustering.config import Config, load_config
from clustering.corpus import Corpus
from clustering.ingest import outlets
from clustering.ingest.outlets import (
    APPLIED,
    applied_outlets,
    builtin_frame,
    effective_outlets,
    import_outlets,
    merge_outlets,
    outlets_note,
    read_outlet_csv,
    table_from_frame,
)
from clustering.pipeline import add, run

FIRE = "Warehouse fire in Riverside district destroyed chemical storage and forced evacuations."
TALKS = "Delegations met in Istanbul for peace talks on ceasefire and humanitarian corridors."
#: What an upgrade ships: the Gull Gazette's domain now names the outlet.
GAZETTE = "outlet,domains,country\nThe Gull Gazette,gullgazette.example,GB\n"
CHANGED_OUTLET = "The Gull Gazette"


def _config(**ingest: object) -> Config:
    return load_config(None, compare={"enabled": False}, ingest=ingest)  # type: ignore[arg-type]


def _records() -> list[dict]:
    """Two stories of three outlets each; the Gull Gazette's articles give no outlet, only
    a URL on its domain, except one that names its domain and has no URL."""
    fire = make_story_records("fire", FIRE, "2022-04-02", ["Harbor Daily", "Meridian Post", "x"])
    talks = make_story_records("talks", TALKS, "2022-03-29", ["Harbor Daily", "Meridian Post", "x"])
    del fire[2]["outlet"]
    fire[2]["url"] = "https://gullgazette.example/fire"
    talks[2]["outlet"] = "gullgazette.example"  # named by its domain, no URL
    del talks[2]["url"]
    return fire + talks


def _late_fire() -> dict:
    """One more Gull Gazette article on the fire, from its URL."""
    late = make_story_records("fire", FIRE, "2022-04-02", ["Gull Gazette update"])[0]
    del late["outlet"]
    late["id"] = "fire-late"
    late["url"] = "https://gullgazette.example/fire-update"
    late["body"] = late["body"].replace("Extra detail number 0", "A later update number 9")
    return late


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def _stories(corpus: Corpus) -> dict[str, list[str]]:
    """Headline word ("Warehouse", "Delegations") -> the story's outlets."""
    stories = corpus.read("stories").filter(pl.col("size") > 1)
    return {h.split()[0]: list(o) for h, o in stories.select("headline", "outlets").iter_rows()}


def _ship(monkeypatch: pytest.MonkeyPatch, extra_rows: str) -> None:
    """Make the shipped table the current one with `extra_rows` (CSV) over it, as an
    upgrade of StoryLens would ship it."""
    shipped = merge_outlets(builtin_frame(), read_outlet_csv(extra_rows))
    monkeypatch.setattr(outlets, "builtin_frame", lambda: shipped)
    monkeypatch.setattr(outlets, "builtin_table", lambda: table_from_frame(shipped))
    outlets.outlet_table.cache_clear()
    outlets.outlet_frame.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_tables() -> Iterator[None]:
    """The tables read per process are read again after a test changed the shipped one."""
    yield
    outlets.outlet_table.cache_clear()
    outlets.outlet_frame.cache_clear()


@pytest.fixture
def built(tmp_path: Path, word_embedder) -> Corpus:  # type: ignore[no-untyped-def]
    run([_write(tmp_path / "in.jsonl", _records())], tmp_path / "c", _config(), word_embedder)
    corpus = Corpus(tmp_path / "c")
    assert _stories(corpus) == {
        "Warehouse": ["Harbor Daily", "Meridian Post", "gullgazette.example"],
        "Delegations": ["Harbor Daily", "Meridian Post", "gullgazette.example"],
    }
    return corpus


def test_run_records_the_table_it_identified_the_articles_with(built: Corpus) -> None:
    recorded = applied_outlets(built)
    assert recorded is not None
    assert recorded.sort("outlet").equals(builtin_frame().sort("outlet"))


def test_an_add_after_an_upgrade_re_identifies_the_stored_articles(
    built: Corpus, tmp_path: Path, word_embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = built.read("articles")["article_id"].sort().to_list()
    version = built.version
    _ship(monkeypatch, GAZETTE)
    result = add(
        [_write(tmp_path / "late.jsonl", [_late_fire()])], built.path, _config(), word_embedder
    )
    corpus = Corpus(built.path)
    # One outlet under one name in both stories, the one it grew included: 3 outlets, not 4.
    assert _stories(corpus) == {
        "Warehouse": ["Harbor Daily", "Meridian Post", CHANGED_OUTLET],
        "Delegations": ["Harbor Daily", "Meridian Post", CHANGED_OUTLET],
    }
    assert sorted(corpus.read("stories").filter(pl.col("size") > 1)["n_outlets"]) == [3, 3]
    articles = corpus.read("articles")
    gazette = articles.filter(pl.col("outlet") == CHANGED_OUTLET).sort("title", nulls_last=True)
    assert gazette.height == 3  # two stored, one added
    assert articles.filter(pl.col("outlet") == "gullgazette.example").height == 0
    # Nothing the input gave is lost: the name it gave is kept; one from a URL needs none.
    given = {
        url: json.loads(extra).get("outlet_as_given")
        for url, extra in gazette.select("url", "extra").iter_rows()
    }
    assert given == {
        None: "gullgazette.example",
        "https://gullgazette.example/fire": None,
        "https://gullgazette.example/fire-update": None,
    }
    # Stored ids do not change; the table applied is recorded, in the add's one commit.
    assert set(ids) <= set(articles["article_id"])
    assert applied_outlets(corpus).sort("outlet").equals(outlets.builtin_frame().sort("outlet"))  # type: ignore[union-attr]
    assert corpus.commit["command"] == "add"  # type: ignore[index]
    assert corpus.version == version + 1
    assert result.notes == (
        "outlets: 2 stored articles and 2 stories changed outlet: the outlet table changed "
        "since the last commit (a StoryLens upgrade or another ingest.outlets CSV)",
    )
    # Outlets counted from then on are the table's: the next add with it changes nothing.
    talks = make_story_records("talks", TALKS, "2022-03-29", ["Eastbridge Times"])[0]
    again = add([_write(tmp_path / "t.jsonl", [talks])], corpus.path, _config(), word_embedder)
    assert again.notes == ()


def test_an_add_with_the_same_table_changes_nothing(
    built: Corpus, tmp_path: Path, word_embedder
) -> None:
    before = built.read("articles")
    recorded_at = built.commit["tables"][APPLIED]  # type: ignore[index]
    result = add(
        [_write(tmp_path / "late.jsonl", [_late_fire()])], built.path, _config(), word_embedder
    )
    corpus = Corpus(built.path)
    assert result.notes == ()
    stored = corpus.read("articles").join(before.select("article_id"), on="article_id")
    assert stored.sort("article_id").equals(before.sort("article_id"))  # not rewritten
    assert corpus.commit["tables"][APPLIED] == recorded_at  # type: ignore[index]
    # The late article joins as the domain it has always been: still 3 outlets.
    assert _stories(corpus)["Warehouse"] == ["Harbor Daily", "Meridian Post", "gullgazette.example"]


def test_an_add_with_another_outlets_csv_re_identifies_the_stored_articles(
    built: Corpus, tmp_path: Path, word_embedder
) -> None:
    csv = tmp_path / "mine.csv"
    csv.write_text(GAZETTE, encoding="utf-8")
    result = add(
        [_write(tmp_path / "late.jsonl", [_late_fire()])],
        built.path,
        _config(outlets=str(csv)),
        word_embedder,
    )
    corpus = Corpus(built.path)
    assert _stories(corpus)["Warehouse"] == ["Harbor Daily", "Meridian Post", CHANGED_OUTLET]
    assert result.notes[0].startswith("outlets: 2 stored articles and 2 stories changed outlet")
    recorded = applied_outlets(corpus)
    assert recorded is not None
    assert recorded.sort("outlet").equals(effective_outlets(None, str(csv)).sort("outlet"))


def test_a_corpus_written_before_the_table_was_recorded_is_not_guessed(
    tmp_path: Path, word_embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A corpus of the release before: its run recorded no table.
    with monkeypatch.context() as old_release:
        old_release.setattr(pipeline, "remember_outlets", lambda *args, **kwargs: None)
        run([_write(tmp_path / "in.jsonl", _records())], tmp_path / "c", _config(), word_embedder)
    corpus = Corpus(tmp_path / "c")
    assert applied_outlets(corpus) is None
    before = corpus.read("articles")
    _ship(monkeypatch, GAZETTE)
    result = add(
        [_write(tmp_path / "late.jsonl", [_late_fire()])], corpus.path, _config(), word_embedder
    )
    corpus = Corpus(corpus.path)
    # Which table identified the stored articles is unknown: they are left as they are,
    # nothing is said to have changed, and the current table is recorded from then on.
    assert result.notes == ()
    stored = corpus.read("articles").join(before.select("article_id"), on="article_id")
    assert stored.sort("article_id").equals(before.sort("article_id"))
    assert applied_outlets(corpus).sort("outlet").equals(outlets.builtin_frame().sort("outlet"))  # type: ignore[union-attr]
    assert "gullgazette.example" in _stories(corpus)["Delegations"]
    # What the user runs on such a corpus (README): an import, even of an empty table,
    # identifies every stored article with the table in force.
    counts = import_outlets(corpus, read_outlet_csv("outlet,domains\n"))
    assert counts["articles_changed"] == 2
    assert _stories(Corpus(corpus.path))["Delegations"] == [
        "Harbor Daily",
        "Meridian Post",
        CHANGED_OUTLET,
    ]


def test_an_import_records_the_table_it_applied(
    built: Corpus, tmp_path: Path, word_embedder
) -> None:
    counts = import_outlets(built, read_outlet_csv(GAZETTE))
    assert counts == {"outlets": 1, "articles_changed": 2, "stories_changed": 2}
    recorded = applied_outlets(Corpus(built.path))
    assert recorded is not None
    assert recorded.sort("outlet").equals(
        effective_outlets(read_outlet_csv(GAZETTE)).sort("outlet")
    )
    result = add(
        [_write(tmp_path / "late.jsonl", [_late_fire()])], built.path, _config(), word_embedder
    )
    assert result.notes == ()  # the add's table is the one imported: nothing to redo
    assert _stories(Corpus(built.path))["Warehouse"] == [
        "Harbor Daily",
        "Meridian Post",
        CHANGED_OUTLET,
    ]


def test_the_note_says_how_many_changed_and_why() -> None:
    assert outlets_note(0, 0) is None
    assert outlets_note(1, 1) == (
        "outlets: 1 stored article and 1 story changed outlet: the outlet table changed "
        "since the last commit (a StoryLens upgrade or another ingest.outlets CSV)"
    )
    assert outlets_note(12, 0).startswith(  # type: ignore[union-attr]
        "outlets: 12 stored articles and 0 stories changed outlet"
    )


def test_the_cli_says_what_the_add_changed(
    built: Corpus, tmp_path: Path, word_embedder, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    from clustering.cli import _report, _summary

    _ship(monkeypatch, GAZETTE)
    result = add(
        [_write(tmp_path / "late.jsonl", [_late_fire()])], built.path, _config(), word_embedder
    )
    note = (
        "outlets: 2 stored articles and 2 stories changed outlet: the outlet table changed "
        "since the last commit (a StoryLens upgrade or another ingest.outlets CSV)"
    )
    assert _summary(result, built.path)["notes"] == [note]
    _report(result, built.path, show=0, mode="quiet")
    printed = " ".join(capsys.readouterr().out.split())
    assert note in printed
    assert printed.index("read 1 records") < printed.index(note)


def test_the_cli_import_applies_the_corpus_csv_under_the_table(
    tmp_path: Path, word_embedder
) -> None:
    from typer.testing import CliRunner

    from clustering.cli import app

    csv = tmp_path / "mine.csv"
    csv.write_text(GAZETTE, encoding="utf-8")
    inbox = _write(tmp_path / "in.jsonl", _records())
    run([inbox], tmp_path / "c", _config(outlets=str(csv)), word_embedder)
    table = tmp_path / "table.csv"
    table.write_text("outlet,domains\nEastbridge Times,eastbridge.example\n", encoding="utf-8")
    done = CliRunner().invoke(app, ["outlets", "import", str(table), "-c", str(tmp_path / "c")])
    assert done.exit_code == 0, done.output
    # The table recorded is the one the corpus's adds apply: its own CSV's rows under the
    # imported ones, so the next add has nothing to redo.
    recorded = applied_outlets(Corpus(tmp_path / "c"))
    assert recorded is not None
    assert {CHANGED_OUTLET, "Eastbridge Times"} <= set(recorded["outlet"])
    late = _write(tmp_path / "late.jsonl", [_late_fire()])
    result = add([late], tmp_path / "c", _config(outlets=str(csv)), word_embedder)
    assert result.notes == ()


def test_an_add_after_an_upgrade_compares_the_renamed_stories_again(
    tmp_path: Path, word_embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Comparisons on: their rows name outlets, so a renamed story the add does not touch
    # (the talks) is compared again, not left under the old name.
    config = load_config(None, ingest={})
    run([_write(tmp_path / "in.jsonl", _records())], tmp_path / "c", config, word_embedder)

    def fact_outlets(corpus: Corpus) -> dict[str, set[str]]:
        """Headline word -> the outlets its facts table names."""
        facts = corpus.read("comparisons/facts")
        stories = corpus.read("stories").select("story_id", "headline")
        named = facts.join(stories, on="story_id").select("headline", "outlet")
        return {
            h.split()[0]: set(named.filter(pl.col("headline") == h)["outlet"])
            for h in named["headline"].unique()
        }

    before = fact_outlets(Corpus(tmp_path / "c"))
    assert "gullgazette.example" in before["Delegations"]
    _ship(monkeypatch, GAZETTE)
    late = _write(tmp_path / "late.jsonl", [_late_fire()])
    result = add([late], tmp_path / "c", config, word_embedder)
    assert result.notes[0].startswith("outlets: 2 stored articles and 2 stories changed outlet")
    after = fact_outlets(Corpus(tmp_path / "c"))
    for story in ("Warehouse", "Delegations"):
        assert after[story] == {"Harbor Daily", "Meridian Post", CHANGED_OUTLET}, story
