from __future__ import annotations

from datetime import UTC, datetime

import polars as pl

from clustering.lineage import reconcile
from clustering.stories import story_id

AT = datetime(2022, 3, 30, tzinfo=UTC)


def _old(pairs):
    return pl.DataFrame(pairs, schema=["article_id", "story_id"], orient="row")


def _new(pairs):
    return pl.DataFrame(pairs, schema={"article_id": pl.String, "label": pl.Int64}, orient="row")


def test_grown_story_keeps_its_id_and_new_cluster_gets_member_hash():
    old = _old([("a1", "s-A"), ("a2", "s-A")])
    new = _new([("a1", 0), ("a2", 0), ("n1", 0), ("n2", 1), ("n3", 1)])
    assigned, history = reconcile(old, new, AT)
    ids = dict(assigned.select("article_id", "story_id").iter_rows())
    assert ids["a1"] == ids["a2"] == ids["n1"] == "s-A"
    assert ids["n2"] == ids["n3"] == story_id(["n2", "n3"])
    kinds = dict(history.select("story_id", "kind").iter_rows())
    assert kinds == {"s-A": "grown", story_id(["n2", "n3"]): "new"}
    assert history.filter(pl.col("kind") == "grown")["n_added"].to_list() == [1]


def test_merge_keeps_the_larger_story_id_and_records_both():
    old = _old([("a1", "s-A"), ("a2", "s-A"), ("a3", "s-A"), ("b1", "s-B"), ("b2", "s-B")])
    new = _new([("a1", 0), ("a2", 0), ("a3", 0), ("b1", 0), ("b2", 0), ("n1", 0)])
    assigned, history = reconcile(old, new, AT)
    assert set(assigned["story_id"]) == {"s-A"}
    row = history.row(0, named=True)
    assert row["kind"] == "merge"
    assert row["old_story_ids"] == ["s-A", "s-B"]
    assert row["new_story_ids"] == ["s-A"]


def test_split_keeps_id_for_the_larger_part():
    old = _old([("a1", "s-A"), ("a2", "s-A"), ("a3", "s-A"), ("a4", "s-A")])
    new = _new([("a1", 0), ("a2", 0), ("a3", 0), ("a4", 1), ("n1", 1)])
    assigned, history = reconcile(old, new, AT)
    ids = dict(assigned.select("article_id", "story_id").iter_rows())
    assert ids["a1"] == "s-A"
    other = story_id(["a4", "n1"])
    assert ids["a4"] == ids["n1"] == other
    split = history.filter(pl.col("kind") == "split").row(0, named=True)
    assert split["old_story_ids"] == ["s-A"]
    assert split["new_story_ids"] == sorted(["s-A", other])


def test_row_order_does_not_change_ids():
    old = _old([("a1", "s-A"), ("a2", "s-A"), ("b1", "s-B")])
    new = _new([("a1", 0), ("a2", 1), ("b1", 1), ("n1", 2)])
    first, h1 = reconcile(old, new, AT)
    second, h2 = reconcile(old.reverse(), new.reverse(), AT)
    assert first.sort("article_id").equals(second.sort("article_id").select(first.columns))
    assert h1.sort("kind", "story_id").equals(h2.sort("kind", "story_id"))
