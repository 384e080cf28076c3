from __future__ import annotations

import json
import random

import polars as pl
import pytest
from conftest import make_story_records

from clustering import schema
from clustering.config import Config, load_config
from clustering.corpus import Corpus
from clustering.pipeline import add, corpus_config, run, story_articles

OUTLETS = ["Harbor Daily", "The Meridian Post", "Northgate Wire"]
EVENTS = [
    (
        "talks",
        "Delegations met in Istanbul for peace talks on ceasefire and humanitarian corridors.",
        "2022-03-29",
    ),
    (
        "fire",
        "Warehouse fire in Riverside district destroyed chemical storage and forced evacuations.",
        "2022-04-02",
    ),
    (
        "rates",
        "Central bank raised interest rates by half point citing persistent inflation pressures.",
        "2022-04-06",
    ),
]


def _records():
    records = []
    for topic, words, day in EVENTS:
        records += make_story_records(topic, words, day, OUTLETS)
    wire = dict(records[0], id="talks-copy", outlet="Pulse News", url="https://pulse.example/x")
    lone = {
        "id": "lone",
        "outlet": "The Lantern",
        "title": "Local orchestra announces summer season",
        "body": "Violinists rehearse baroque programme; tickets on sale from Friday.",
        "published_at": "2022-04-01T10:00:00Z",
    }
    return records + [wire, lone]


def _write(path, records, bad_line: bool = True):
    lines = [json.dumps(r) for r in records]
    if bad_line:
        lines.insert(2, '{"title": "truncated", "body": "no end')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_run_builds_the_corpus_and_counts_add_up(tmp_path, word_embedder):
    src = _write(tmp_path / "in.jsonl", _records())
    result = run([src], tmp_path / "corpus", Config(), embedder=word_embedder)
    ing = result.ingest
    assert (ing.n_read, ing.n_accepted, ing.n_duplicates, ing.n_rejected) == (12, 10, 1, 1)
    corpus = Corpus(tmp_path / "corpus")
    for name, sch in [
        ("articles", schema.ARTICLES),
        ("stories", schema.STORIES),
        ("assignments", schema.ASSIGNMENTS),
        ("rejects", schema.REJECTS),
    ]:
        schema.validate(corpus.read(name), sch, name)
    reject = corpus.read("rejects").row(0, named=True)
    assert reject["source_line"] == 3 and reject["source_file"].endswith("in.jsonl")
    stories = corpus.read("stories")
    # three events of 3 outlets, the lone article as a flagged single-article story
    assert sorted(stories["size"].to_list()) == [1, 3, 3, 3]
    assert stories.filter(pl.col("is_singleton"))["headline"].to_list() == [
        "Local orchestra announces summer season"
    ]
    talks = stories.filter(pl.col("headline").str.contains("Istanbul")).row(0, named=True)
    assert talks["n_copies"] == 1 and talks["n_outlets"] == 3
    # every article, duplicates included, has exactly one story
    assignments = corpus.read("assignments")
    assert assignments.height == 11 and assignments["article_id"].n_unique() == 11
    members = story_articles(corpus, talks["story_id"])
    assert members.height == 4 and members["duplicate_of"].null_count() == 3
    manifest = corpus.manifest
    assert manifest["counts"]["read"] == 12 and manifest["inputs"][0]["sha256"]


def test_same_articles_in_any_order_give_the_same_stories(tmp_path, word_embedder):
    records = _records()
    first = run([_write(tmp_path / "a.jsonl", records)], tmp_path / "c1", embedder=word_embedder)
    random.Random(3).shuffle(records)
    second = run([_write(tmp_path / "b.jsonl", records)], tmp_path / "c2", embedder=word_embedder)
    a = first.corpus.read("assignments").drop("is_noise")
    b = second.corpus.read("assignments").drop("is_noise")
    # article ids are content hashes and story ids hashes of members: identical
    assert a.sort("article_id").equals(b.sort("article_id"))


def test_rerun_embeds_nothing_new(tmp_path, word_embedder):
    src = _write(tmp_path / "in.jsonl", _records())
    run([src], tmp_path / "c", embedder=word_embedder)
    again = run([src], tmp_path / "c", embedder=word_embedder, overwrite=True)
    assert again.n_embedded == 0


def test_add_keeps_story_ids_and_joins_or_starts_stories(tmp_path, word_embedder):
    records = _records()
    day1 = [r for r in records if not r["id"].startswith("rates")]
    day2 = [r for r in records if r["id"].startswith("rates")]
    day2.append(dict(make_story_records(*EVENTS[1], ["Eastbridge Times"])[0], id="fire-late"))
    day2.append(dict(records[0]))  # the same article again: recognised, not counted twice
    base = run(
        [_write(tmp_path / "d1.jsonl", day1, bad_line=False)],
        tmp_path / "c",
        embedder=word_embedder,
    )
    before = base.corpus.read("stories")
    result = add(
        [_write(tmp_path / "d2.jsonl", day2, bad_line=False)],
        tmp_path / "c",
        embedder=word_embedder,
    )
    assert result.ingest.n_duplicates == 1
    counts = result.corpus.manifest["counts"]  # the manifest counts every record ever read
    assert counts["read"] == len(day1) + len(day2)
    assert counts["read"] == counts["accepted"] + counts["duplicates"] + counts["rejected"]
    after = result.corpus.read("stories")
    fire_before = before.filter(pl.col("headline").str.contains("Warehouse"))["story_id"][0]
    fire_after = after.filter(pl.col("story_id") == fire_before).row(0, named=True)
    assert fire_after["size"] == 4  # grew, same id
    # other stories keep their ids, members and headlines
    stable = ["story_id", "size", "outlets", "headline", "first_published", "last_published"]
    talks = before.filter(pl.col("headline").str.contains("Istanbul")).select(stable)
    assert after.join(talks.select("story_id"), on="story_id").select(stable).equals(talks)
    history = result.corpus.read("history").filter(pl.col("kind") != "built")
    assert sorted(history["kind"].to_list()) == ["grown", "new"]
    assert history.filter(pl.col("kind") == "grown")["story_id"].to_list() == [fire_before]
    # the incremental result equals a from-scratch run on everything
    scratch = run(
        [tmp_path / "d1.jsonl", tmp_path / "d2.jsonl"], tmp_path / "s", embedder=word_embedder
    )
    assert sorted(after["size"].to_list()) == sorted(
        scratch.corpus.read("stories")["size"].to_list()
    )


def test_missing_input_is_a_clear_error(tmp_path, word_embedder):
    with pytest.raises(FileNotFoundError, match="nope"):
        run([tmp_path / "nope.jsonl"], tmp_path / "c", embedder=word_embedder)


def test_watch_builds_then_adds_only_new_or_changed_files(tmp_path, word_embedder):
    from clustering.pipeline import watch_once

    folder = tmp_path / "inbox"
    folder.mkdir()
    corpus_dir = tmp_path / "c"
    assert watch_once(folder, corpus_dir, embedder=word_embedder) is None  # empty: nothing yet
    records = _records()
    _write(folder / "day1.jsonl", records[:6], bad_line=False)
    first = watch_once(folder, corpus_dir, embedder=word_embedder)
    assert first is not None and first.ingest.n_read == 6
    assert watch_once(folder, corpus_dir, embedder=word_embedder) is None  # nothing new
    feed = folder / "feed.xml"
    feed.write_text(
        """<?xml version="1.0"?><rss version="2.0"><channel><title>Lantern</title>
        <item><title>Orchestra season announced</title><link>https://lantern.example/o</link>
        <description>Violinists rehearse a baroque programme for the summer season.</description>
        <pubDate>Fri, 01 Apr 2022 10:00:00 GMT</pubDate></item></channel></rss>""",
        encoding="utf-8",
    )
    second = watch_once(folder, corpus_dir, embedder=word_embedder)
    assert second is not None and second.ingest.n_read == 1 and second.ingest.n_accepted == 1
    stories = Corpus(corpus_dir).read("stories")
    assert "Orchestra season announced" in stories["headline"].to_list()
    # the same item again under another file name: recognised as a duplicate
    (folder / "feed-copy.xml").write_text(feed.read_text(encoding="utf-8"), encoding="utf-8")
    third = watch_once(folder, corpus_dir, embedder=word_embedder)
    assert third is not None and third.ingest.n_duplicates == 1


def test_a_file_that_cannot_be_read_when_hashed_is_pending_not_a_crash(
    tmp_path, word_embedder, monkeypatch
):
    """A file whose permissions change (or that goes away) between listing and hashing:
    `watch` and `add` treat it as not added yet, and ingest says why it is skipped."""
    import clustering.pipeline as pipeline

    folder = tmp_path / "inbox"
    folder.mkdir()
    records = _records()
    _write(folder / "day1.jsonl", records[:6], bad_line=False)
    assert pipeline.watch_once(folder, tmp_path / "c", embedder=word_embedder) is not None
    _write(folder / "day2.jsonl", records[6:9], bad_line=False)
    real = pipeline.file_sha256

    def locked(path):
        if path.name == "day2.jsonl":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(pipeline, "file_sha256", locked)
    corpus = Corpus(tmp_path / "c")
    assert [p.name for p in pipeline.pending_files(folder, corpus)] == ["day2.jsonl"]
    assert pipeline._not_added_yet([folder], corpus) == [folder / "day2.jsonl"]


def test_a_run_that_will_take_minutes_says_so_and_how_to_shorten_it(
    tmp_path, word_embedder, monkeypatch, caplog
):
    from clustering import limits

    src = _write(tmp_path / "in.jsonl", _records())
    run([src], tmp_path / "quick", Config(), embedder=word_embedder)
    assert not [r for r in caplog.records if r.name == "clustering.limits"]
    # as if this machine compared one pair a second: 11 articles -> minutes
    monkeypatch.setattr(limits, "PAIRS_PER_SECOND", 1.0)
    run([src], tmp_path / "slow", Config(), embedder=word_embedder)
    (record,) = [r for r in caplog.records if r.name == "clustering.limits"]
    assert record.levelname == "WARNING"
    message = record.getMessage()
    assert "every pair at most 3650 days apart" in message
    assert "max_gap_days in the [cluster] section" in message and "7 days: " in message


def test_add_and_rebuild_identify_outlets_with_the_corpus_own_table(tmp_path, word_embedder):
    from clustering.ingest.outlets import import_outlets, read_outlet_csv

    config = load_config(None, compare={"enabled": False})
    run([_write(tmp_path / "in.jsonl", _records())], tmp_path / "c", config, word_embedder)
    table = read_outlet_csv("outlet,domains,lean\nHarbor Daily,harbor-news.example,left\n")
    import_outlets(Corpus(tmp_path / "c"), table)
    # A new host of Harbor Daily, given by its URL only, on the fire story.
    fire = make_story_records("fire", EVENTS[1][1], EVENTS[1][2], ["Harbor Daily"])[0]
    del fire["outlet"]
    new = dict(fire, id="fire-new", url="https://harbor-news.example/fire-update")
    new["body"] = new["body"].replace("Extra detail number 0", "Update number 9")
    add(
        [_write(tmp_path / "new.jsonl", [new], bad_line=False)],
        tmp_path / "c",
        config,
        word_embedder,
    )

    def fire_story(corpus: Corpus) -> tuple[str, list[str]]:
        articles = corpus.read("articles").filter(pl.col("url") == new["url"])
        (outlet,) = articles["outlet"].to_list()
        story_id = (
            corpus.read("assignments")
            .filter(pl.col("article_id") == articles["article_id"][0])["story_id"]
            .item()
        )
        stories = corpus.read("stories").filter(pl.col("story_id") == story_id)
        return outlet, stories["outlets"].item().to_list()

    # Counted as Harbor Daily (not as a fourth outlet "harbor-news.example").
    assert fire_story(Corpus(tmp_path / "c")) == (
        "Harbor Daily",
        ["Harbor Daily", "Northgate Wire", "The Meridian Post"],
    )
    # A rebuild over the corpus keeps its users' table, as it keeps their marks.
    inputs = [tmp_path / "in.jsonl", tmp_path / "new.jsonl"]
    run(inputs, tmp_path / "c", config, word_embedder, overwrite=True)
    rebuilt = Corpus(tmp_path / "c")
    assert rebuilt.read("outlets").equals(table)
    assert fire_story(rebuilt)[0] == "Harbor Daily"


def test_add_without_a_config_uses_the_corpus_own(tmp_path, word_embedder):
    records = _records()
    built = load_config(None, cluster={"max_gap_days": 30.0}, compare={"enabled": False})
    run([_write(tmp_path / "d1.jsonl", records[:6])], tmp_path / "c", built, word_embedder)
    assert corpus_config(Corpus(tmp_path / "c")) == built
    add(
        [_write(tmp_path / "d2.jsonl", records[6:], bad_line=False)],
        tmp_path / "c",
        embedder=word_embedder,
    )
    assert corpus_config(Corpus(tmp_path / "c")) == built
    # an explicit config wins, and is recorded as the corpus's from then on
    other = load_config(None, cluster={"max_gap_days": 7.0}, compare={"enabled": False})
    add(
        [_write(tmp_path / "d3.jsonl", records[:2], bad_line=False)],
        tmp_path / "c",
        other,
        word_embedder,
    )
    assert corpus_config(Corpus(tmp_path / "c")).cluster.max_gap_days == 7.0


#: Three events months apart (one per month partition), and a late one near the third.
SPREAD = [
    ("bridge", "Engineers closed the old harbour bridge after cracks were found.", "2022-01-10"),
    ("strike", "Rail workers began a national strike over pensions and wages.", "2022-03-14"),
    ("flood", "River flooding cut roads and closed schools across the valley.", "2022-05-20"),
]


def test_add_joins_the_nearest_story_reading_only_the_months_near_it(tmp_path, word_embedder):
    from clustering.cluster import day_numbers
    from clustering.cluster.incremental import _window, neighbour_stories

    config = load_config(None, cluster={"max_gap_days": 20.0}, compare={"enabled": False})
    records = [r for event in SPREAD for r in make_story_records(*event, OUTLETS)]
    base = run(
        [_write(tmp_path / "d1.jsonl", records, bad_line=False)],
        tmp_path / "c",
        config,
        word_embedder,
    )
    flood = base.corpus.read("stories").filter(pl.col("headline").str.contains("flooding"))
    late = dict(make_story_records(*SPREAD[2], ["Eastbridge Times"])[0], id="flood-late")
    late["published_at"] = "2022-05-23T09:00:00+00:00"
    lone = {
        "id": "lone",
        "outlet": "The Lantern",
        "title": "Local orchestra announces summer season",
        "body": "Violinists rehearse baroque programme; tickets on sale from Friday.",
        "published_at": "2022-05-24T10:00:00Z",
    }
    new = _write(tmp_path / "d2.jsonl", [late, lone], bad_line=False)

    # The stored articles the new ones are compared with: May's (20 days either side);
    # the same stories a search over every stored vector finds.
    corpus = Corpus(tmp_path / "c")
    fresh = pl.DataFrame(
        {"published_at": [dt for dt in ("2022-05-23T09:00:00", "2022-05-24T10:00:00")]}
    ).select(pl.col("published_at").str.to_datetime(time_zone="UTC"))
    window = _window(corpus, fresh, config.cluster.max_gap_days)
    assert window.height == len(OUTLETS)  # of 9 stored articles, May's 3
    vectors = word_embedder.encode([f"{late['title']}. {late['body']}", lone["title"]])
    days = day_numbers(fresh["published_at"])
    everything = corpus.read("embeddings").join(corpus.read("assignments"), on="article_id")

    def touched(rows: pl.DataFrame) -> set[str]:
        stored = rows["vector"].to_numpy().astype("float32")
        return neighbour_stories(
            vectors,
            days,
            stored,
            day_numbers(rows["published_at"]),
            rows["story_id"].to_numpy(),
            config.cluster,
        )

    assert touched(window) == touched(everything) == {flood["story_id"][0]}

    result = add([new], tmp_path / "c", config, word_embedder)
    after = result.corpus.read("stories")
    grown = after.filter(pl.col("story_id") == flood["story_id"][0]).row(0, named=True)
    assert (grown["size"], grown["n_outlets"]) == (4, 4)  # joined the nearest story, same id
    history = result.corpus.read("history").filter(pl.col("kind") != "built")
    assert sorted(history["kind"].to_list()) == ["grown", "new"]
    # the other stories are as they were
    untouched = base.corpus.read("stories").filter(pl.col("story_id") != flood["story_id"][0])
    assert after.join(untouched.select("story_id"), on="story_id").equals(untouched)
