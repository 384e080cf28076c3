"""Duplicate flagging: same URL, exact and near (wire) copies, canonical choice, existing corpus."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import polars as pl
import pytest

from clustering.ingest import flag_duplicates
from clustering.ingest.dedupe import (
    KeyIndex,
    StoredKeys,
    _merged,
    duplicate_keys,
    jaccard,
    key_hashes,
    key_segment,
    lsh_bands,
    minhash_signatures,
    shingle_hashes,
    shingle_sets,
)
from clustering.ingest.normalise import article_id, content_hash
from clustering.schema import ARTICLES

VOCABULARY = (
    "harbour council ferry bridge storm minister vote budget river port tram school museum "
    "market farmers festival police court strike union mayor election flood repair crew "
    "island coast tunnel grant museum library doctors hospital rail station airport wind"
).split()


def story(seed: int, n_words: int = 300) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(VOCABULARY) for _ in range(n_words)) + "."


def edit(text: str, n_changes: int, seed: int) -> str:
    """A wire copy: the same text with `n_changes` words replaced."""
    rng = random.Random(seed)
    tokens = text.split(" ")
    for i in rng.sample(range(len(tokens)), n_changes):
        tokens[i] = "changed"
    return " ".join(tokens)


def article(
    outlet: str,
    body: str,
    title: str = "",
    url: str | None = None,
    day: int | None = 1,
    line: int = 1,
) -> dict:
    return {
        "article_id": article_id(outlet, url, title, body),
        "source_id": None,
        "outlet": outlet,
        "url": url,
        "title": title,
        "lead": "",
        "body": body,
        "author": None,
        "section": None,
        "published_at": dt.datetime(2022, 3, day, tzinfo=dt.UTC) if day else None,
        "lang": "en",
        "source_file": "test.jsonl",
        "source_line": line,
        "source_format": "jsonl",
        "extra": "{}",
        "content_hash": content_hash(title, body),
        "duplicate_of": None,
        "duplicate_kind": None,
    }


def frame(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=ARTICLES)


def flags(result: pl.DataFrame) -> dict[str, tuple[str | None, str | None]]:
    """outlet -> (outlet of the canonical copy, kind)."""
    outlet_of = dict(zip(result["article_id"], result["outlet"], strict=True))
    return {
        row["outlet"]: (outlet_of.get(row["duplicate_of"]), row["duplicate_kind"])
        for row in result.iter_rows(named=True)
    }


def test_exact_near_and_same_url_copies() -> None:
    wire = story(1)
    rows = [
        article("alpha", wire, "Storm hits coast", "https://alpha.example/storm", day=2),
        article("beta", wire, "Storm hits coast", "https://beta.example/s", day=3),
        article("gamma", edit(wire, 3, seed=5), "Storm batters the coast", day=4),
        article("delta", story(2), "Budget vote", "https://alpha.example/budget", day=1),
        # The same page again, with tracking parameters and another scheme: a re-crawl.
        article("alpha2", story(3), "Storm", "http://www.alpha.example/storm/?utm_source=x#top", 5),
        article("epsilon", story(4), "Unrelated", day=1),
    ]
    result = flag_duplicates(frame(rows))
    assert flags(result) == {
        "alpha": (None, None),
        "beta": ("alpha", "exact"),
        "gamma": ("alpha", "near"),
        "delta": (None, None),
        "alpha2": ("alpha", "same_url"),
        "epsilon": (None, None),
    }


def test_canonical_choice_does_not_depend_on_input_order() -> None:
    wire = story(7)
    rows = [
        article("late", wire, day=9),
        article("early_b", edit(wire, 2, 1), day=2),
        article("early_a", edit(wire, 2, 2), day=2),
        article("undated", wire + " Extra.", day=None),
        article("other", story(8), day=1),
    ]
    # Same date: the smaller article_id wins.
    first = min(
        ("early_a", "early_b"),
        key=lambda o: next(r["article_id"] for r in rows if r["outlet"] == o),
    )
    expected = None
    for seed in range(6):
        shuffled = rows[:]
        random.Random(seed).shuffle(shuffled)
        result = flags(flag_duplicates(frame(shuffled)))
        assert result[first] == (None, None)
        assert result["other"] == (None, None)
        assert {k: v[0] for k, v in result.items() if v[1]} == {
            o: first for o in ("late", "early_a", "early_b", "undated") if o != first
        }
        expected = expected or result
        assert result == expected


def test_existing_articles_are_canonical_and_ids_stay_unique() -> None:
    wire = story(11)
    old = flag_duplicates(frame([article("old", wire, "Old copy", day=20)]))
    new_rows = [
        article("new", edit(wire, 2, 3), "New copy", day=1),  # earlier, but new
        article("old", wire, "Old copy", day=20, line=7),  # the very same record again
    ]
    result = flag_duplicates(frame(new_rows), existing=old)
    old_id = old["article_id"][0]
    assert result["duplicate_of"].to_list() == [old_id, old_id]
    assert result["duplicate_kind"].to_list() == ["near", "exact"]
    ids = old["article_id"].to_list() + result["article_id"].to_list()
    assert len(set(ids)) == 3  # the repeated record got a derived id
    assert result["article_id"][0] == new_rows[0]["article_id"]


def test_short_texts_and_home_page_urls_are_not_copies() -> None:
    rows = [
        article("a", "Chat with us in Messenger. Find out what is new.", "Oil tanker seized"),
        article("b", "Chat with us in Messenger. Find out what is new.", "Shots fired downtown"),
        article("c", story(20), "One", url="https://site.example/"),
        article("d", story(21), "Two", url="https://www.site.example"),
    ]
    result = flag_duplicates(frame(rows))
    assert result["duplicate_of"].null_count() == 4


def test_threshold_is_checked() -> None:
    with pytest.raises(ValueError, match=r"threshold must be a float in \(0, 1\]. Got 1.5"):
        flag_duplicates(frame([]), threshold=1.5)


def test_minhash_estimates_jaccard() -> None:
    texts = [story(30, 400), edit(story(30, 400), 12, 4), "too short", story(31, 400)]
    offsets, values = shingle_sets(texts)
    assert np.diff(offsets).tolist()[2] == 0
    assert np.unique(values[offsets[1] : offsets[2]]).tolist() == shingle_hashes(texts[1]).tolist()
    a, b = shingle_hashes(texts[0]), shingle_hashes(texts[1])
    exact = jaccard(a, b)
    signatures = minhash_signatures(offsets, values)
    assert signatures.shape == (4, 128)
    estimate = float(np.mean(signatures[0] == signatures[1]))
    assert float(np.mean(signatures[0] == signatures[3])) < 0.1
    assert 0.7 < exact < 0.95
    assert abs(estimate - exact) < 0.12  # 128 permutations: standard error ~0.04


def test_lsh_bands_favour_recall_at_the_threshold() -> None:
    bands, rows = lsh_bands(0.8)
    assert bands * rows <= 128
    assert 1 - (1 - 0.8**rows) ** bands >= 0.97  # a pair at the threshold is almost always compared
    assert 1 - (1 - 0.3**rows) ** bands < 0.01  # a pair at 0.3 rarely is


def _stored(existing: pl.DataFrame, reads: list[list[str]], indexed: bool) -> StoredKeys:
    """StoredKeys over `existing` as a corpus holds it; `reads` records the ids read.
    `indexed`: looked up in a KeyIndex of two segments (as after an add), else scanned."""

    def read_articles(ids: list[str], published_at: pl.Series) -> pl.DataFrame:
        assert published_at.len() == len(ids)  # what prunes a corpus's month partitions
        found = existing.filter(pl.col("article_id").is_in(ids))
        # Each id's own publication time (the index keeps it, undated included).
        when = dict(zip(ids, published_at.to_list(), strict=True))
        assert [when[i] for i in found["article_id"]] == found["published_at"].to_list()
        reads.append(sorted(ids))
        return found

    keys = duplicate_keys(existing)
    if not indexed:
        return StoredKeys(keys.lazy(), read_articles)
    half = keys.height // 2
    index = KeyIndex([key_segment(keys.head(half)), key_segment(keys.slice(half))])
    return StoredKeys(keys.lazy(), read_articles, index.lookup)


@pytest.mark.parametrize("indexed", [False, True], ids=["scan", "key-index"])
def test_stored_keys_find_a_re_added_url_and_a_near_copy_reading_only_those(indexed) -> None:
    wire = story(40)
    stored = [
        article(f"o{i}", story(100 + i), f"Other {i}", f"https://o{i}.example/a") for i in range(30)
    ]
    stored.append(article("wire", wire, "Storm hits coast", "https://wire.example/storm", day=2))
    stored.append(article("echo", edit(wire, 1, 9), "Storm hits coast", day=3))
    existing = flag_duplicates(frame(stored))
    assert existing.filter(pl.col("outlet") == "echo")["duplicate_kind"].to_list() == ["near"]
    new = frame(
        [
            # The same page crawled again (tracking parameter, http): same_url.
            article("recrawl", story(41), "Storm", "http://wire.example/storm?utm_source=x", day=4),
            article("copy", edit(wire, 3, seed=2), "Storm batters coast", day=5),  # near
            article("fresh", story(42), "Budget vote", day=5),
        ]
    )
    reads: list[list[str]] = []
    looked_up = flag_duplicates(new, existing=_stored(existing, reads, indexed))
    # The same flags as against every stored article ...
    assert looked_up.equals(flag_duplicates(new, existing=existing))
    wire_id = existing.filter(pl.col("outlet") == "wire")["article_id"][0]
    echo_id = existing.filter(pl.col("outlet") == "echo")["article_id"][0]
    assert looked_up["duplicate_of"].to_list() == [wire_id, wire_id, None]
    assert looked_up["duplicate_kind"].to_list() == ["same_url", "near", None]
    # ... reading 2 of the 32 stored articles: the page and its LSH neighbours only.
    assert reads == [sorted([wire_id, echo_id])]


@pytest.mark.parametrize("indexed", [False, True], ids=["scan", "key-index"])
def test_a_copy_of_a_stored_copy_points_to_its_canonical_article(indexed) -> None:
    wire = story(50)
    existing = flag_duplicates(
        frame(
            [
                article("first", wire, "Flood", "https://first.example/flood", day=1),
                article("second", story(51), "Flood", "https://second.example/f", day=2),
            ]
        )
    )
    # A stored same-URL copy whose text has nothing of the original's.
    copy = article("second", story(51), "Flood", "https://first.example/flood/", day=3)
    existing = pl.concat([existing, flag_duplicates(frame([copy]), existing=existing)])
    assert existing["duplicate_kind"].to_list()[-1] == "same_url"
    # New: the stored copy's text again (exact match with the copy, not the original).
    new = frame([article("third", story(51), "Flood", day=4)])
    reads: list[list[str]] = []
    looked_up = flag_duplicates(new, existing=_stored(existing, reads, indexed))
    assert looked_up.equals(flag_duplicates(new, existing=existing))
    assert looked_up["duplicate_of"].to_list() == [existing["article_id"][0]]  # "first"
    assert len(reads) == 2  # the matched copies, then the canonical copy they point to


def test_duplicate_keys_are_those_flag_duplicates_compares() -> None:
    wire = story(60)
    rows = [
        article("a", wire, "Storm", "https://www.a.example/storm/?utm_medium=x", day=1),
        article("b", edit(wire, 2, 1), "Storm", "https://a.example/", day=None),
        article("c", "Too short to be a copy.", "Brief"),
    ]
    keys = duplicate_keys(frame(rows))
    assert keys["url_key"].to_list() == ["a.example/storm", None, None]  # a home page names no page
    assert keys["content_hash"].to_list() == [r["content_hash"] for r in rows]
    assert keys["lsh_keys"].list.len().to_list()[:2] == [lsh_bands(0.8)[0]] * 2
    assert keys["lsh_keys"][2] is None
    shared = set(keys["lsh_keys"][0]) & set(keys["lsh_keys"][1])
    assert len(shared) >= 1  # near copies share a band: the lookup finds them


def test_the_key_index_finds_what_shares_a_key_in_one_segment_or_merged() -> None:
    wire = story(70)
    rows = [
        article("a", wire, "Storm", "https://a.example/storm", day=1),
        article("b", edit(wire, 2, 1), "Storm", day=None),  # undated near copy
        article("c", story(71), "Vote", "https://c.example/vote", day=2),
        article("d", story(72), "Rail", day=3),
    ]
    keys = duplicate_keys(frame(rows))
    whole = KeyIndex([key_segment(keys)])
    merged = KeyIndex([_merged([key_segment(keys.head(1)), key_segment(keys.slice(1))])])
    assert whole.n == merged.n == 4
    ids = keys["article_id"].to_list()
    probe = duplicate_keys(frame([article("e", edit(wire, 3, 2), "Storm", day=5)]))
    for index in (whole, merged):
        # Every article by its own keys, with its publication time (undated: null).
        found = index.lookup(key_hashes(keys)[0])
        assert found["article_id"].to_list() == sorted(ids)
        times = dict(zip(keys["article_id"], keys["published_at"], strict=True))
        assert found["published_at"].to_list() == [times[i] for i in sorted(ids)]
        # A new near copy of the wire story: the stored copies sharing a band, no other.
        assert sorted(index.lookup(key_hashes(probe)[0])["article_id"]) == sorted(ids[:2])
        # A key nobody has: nothing.
        assert index.lookup(np.array([12345], dtype=np.uint64)).is_empty()
