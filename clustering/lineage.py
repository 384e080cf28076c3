"""Story id continuity across `storylens add`: which new cluster keeps which old id,
and the merges and splits that new articles reveal.

Rules (deterministic, independent of row order):

* Old story S and new cluster C are matched greedily by the number of S's articles in
  C (largest overlap first; ties by story id, then by C's smallest article id). A
  matched cluster keeps S's id: a user's bookmarked story id keeps working.
* A cluster with articles from two or more old stories is a **merge**; the ids that
  did not survive are recorded with the id that absorbed them.
* An old story whose articles end up in two or more clusters is a **split**; the
  part with most of its articles keeps the id, the others get new ids.
* A cluster with no old articles is a **new** story; a matched cluster that gained
  articles has **grown**.
"""

from __future__ import annotations

from datetime import datetime

import polars as pl

from clustering import schema
from clustering.stories import story_id


def reconcile(
    old: pl.DataFrame, new: pl.DataFrame, at: datetime
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Give the re-clustered articles their story ids.

    old: article_id, story_id — the affected articles' stories before the add.
    new: article_id, label (int) — the re-clustering of old affected articles plus
        the new ones (new articles are those absent from `old`).
    Returns (new with a story_id column, HISTORY rows describing the changes).
    """
    if new.height == 0:
        return new.with_columns(pl.lit(None, dtype=pl.String).alias("story_id")), pl.DataFrame(
            schema=schema.HISTORY
        )
    joined = new.join(old.rename({"story_id": "old_story"}), on="article_id", how="left")
    overlap = (
        joined.filter(pl.col("old_story").is_not_null())
        .group_by("old_story", "label")
        .agg(pl.len().alias("n"))
    )
    first_member = joined.group_by("label").agg(pl.col("article_id").min().alias("first"))
    overlap = overlap.join(first_member, on="label").sort(
        ["n", "old_story", "first"], descending=[True, False, False]
    )
    id_of: dict[int, str] = {}
    used: set[str] = set()
    for old_story, label, _, _ in overlap.iter_rows():
        if label not in id_of and old_story not in used:
            id_of[label] = old_story
            used.add(old_story)
    members = joined.group_by("label").agg(
        pl.col("article_id").sort(),
        pl.col("old_story").drop_nulls().unique().sort().alias("olds"),
        pl.col("old_story").is_null().sum().alias("n_added"),
    )
    history = []
    for label, ids, olds, n_added in members.sort("label").iter_rows():
        if label not in id_of:
            id_of[label] = story_id(ids)
        sid = id_of[label]
        if len(olds) >= 2:
            history.append((at, "merge", sid, olds, [sid], n_added))
        elif not olds:
            history.append((at, "new", sid, [], [sid], n_added))
        elif n_added:
            history.append((at, "grown", sid, olds, [sid], n_added))
    splits = (
        overlap.with_columns(
            pl.col("label").replace_strict(id_of, return_dtype=pl.String).alias("sid")
        )
        .group_by("old_story")
        .agg(pl.col("sid").unique().sort())
        .filter(pl.col("sid").list.len() >= 2)
        .sort("old_story")
    )
    for old_story, sids in splits.iter_rows():
        keeper = old_story if old_story in sids else sids[0]
        history.append((at, "split", keeper, [old_story], sids, 0))
    assigned = new.with_columns(
        pl.col("label").replace_strict(id_of, return_dtype=pl.String).alias("story_id")
    )
    return assigned, pl.DataFrame(history, schema=schema.HISTORY, orient="row")
