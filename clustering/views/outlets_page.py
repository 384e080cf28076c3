"""Frames the Outlets page (app_pages/outlets.py) shows: who covered what, each outlet's
exclusives and blindspots, and coverage by outlet group (lean, country, owner...) as
Ground News shows it."""

from __future__ import annotations

import polars as pl

from clustering import schema
from clustering.corpus import Corpus
from clustering.ingest.outlets import corpus_outlets, outlet_groups
from clustering.schema import require_columns


def story_outlets(articles: pl.DataFrame, assignments: pl.DataFrame) -> pl.DataFrame:
    """Who covered what, long form: story_id, outlet, n_articles (independent), n_copies.

    An outlet that only republished a copy (e.g. a wire story) did cover the story for its
    readers, so it appears here with n_articles 0; unknown outlets ("") are left out.
    """
    schema.validate(assignments, schema.ASSIGNMENTS, "assignments")
    require_columns(articles, ["article_id", "outlet", "duplicate_of"], "articles")
    is_copy = pl.col("duplicate_of").is_not_null()
    return (
        articles.select("article_id", "outlet", "duplicate_of")
        .filter(pl.col("outlet") != "")
        .join(assignments.select("article_id", "story_id"), on="article_id")
        .group_by("story_id", "outlet")
        .agg(
            (~is_copy).sum().cast(pl.Int64).alias("n_articles"),
            is_copy.sum().cast(pl.Int64).alias("n_copies"),
        )
        .sort("story_id", "outlet")
    )


def outlet_summary(
    stories: pl.DataFrame, outlets: pl.DataFrame, min_outlets: int = 2
) -> pl.DataFrame:
    """Per outlet: outlet, n_stories (covered), n_alone (stories no other outlet covered),
    n_blindspots (stories at least `min_outlets` other outlets covered and it did not);
    most stories first. `outlets` is `story_outlets`' frame."""
    require_columns(outlets, ["story_id", "outlet"], "story_outlets")
    require_columns(stories, ["story_id"], "stories")
    per_story = outlets.group_by("story_id").agg(pl.col("outlet").n_unique().alias("k"))
    joined = outlets.join(per_story, on="story_id")
    summary = joined.group_by("outlet").agg(
        pl.len().cast(pl.Int64).alias("n_stories"),
        (pl.col("k") == 1).sum().cast(pl.Int64).alias("n_alone"),
    )
    # A story that k >= min_outlets outlets covered is a blindspot for every outlet outside it.
    wide = joined.filter(pl.col("k") >= min_outlets)
    n_wide = wide["story_id"].n_unique()
    blind = wide.group_by("outlet").agg(pl.len().alias("in_wide"))
    summary = (
        summary.join(blind, on="outlet", how="left")
        .with_columns(
            (n_wide - pl.col("in_wide").fill_null(0)).cast(pl.Int64).alias("n_blindspots")
        )
        .drop("in_wide")
    )
    return summary.sort(["n_stories", "outlet"], descending=[True, False])


def _stories_view(stories: pl.DataFrame) -> pl.DataFrame:
    return stories.select("story_id", "headline", "n_outlets", "size", "first_published", "outlets")


def covered_stories(stories: pl.DataFrame, outlets: pl.DataFrame, outlet: str) -> pl.DataFrame:
    """Stories `outlet` covered (copies included), most outlets first: story_id, headline,
    n_outlets, size, first_published, outlets."""
    require_columns(outlets, ["story_id", "outlet"], "story_outlets")
    mine = outlets.filter(pl.col("outlet") == outlet).select("story_id")
    return _stories_view(stories.join(mine, on="story_id", how="semi")).sort(
        ["n_outlets", "size", "story_id"], descending=[True, True, False]
    )


def blindspots(
    stories: pl.DataFrame, outlets: pl.DataFrame, outlet: str, min_outlets: int = 2
) -> pl.DataFrame:
    """Stories at least `min_outlets` other outlets covered and `outlet` missed (not even a
    copy), most covered first: story_id, headline, n_outlets, size, first_published,
    outlets. A story one other outlet covered alone is not a blindspot by default: it is
    that outlet's exclusive."""
    if min_outlets < 1:
        raise ValueError(f"min_outlets should be an int >= 1. Got {min_outlets!r} instead.")
    require_columns(outlets, ["story_id", "outlet"], "story_outlets")
    mine = outlets.filter(pl.col("outlet") == outlet).select("story_id")
    wide = (
        outlets.group_by("story_id")
        .agg(pl.col("outlet").n_unique().alias("k"))
        .filter(pl.col("k") >= min_outlets)
    )
    return _stories_view(
        stories.join(wide, on="story_id", how="semi").join(mine, on="story_id", how="anti")
    ).sort(["n_outlets", "size", "story_id"], descending=[True, True, False])


def group_coverage(
    stories: pl.DataFrame,
    outlets: pl.DataFrame,
    outlet_meta: pl.DataFrame,
    group: str,
    one_sided_share: float = 0.8,
    min_outlets: int = 2,
) -> pl.DataFrame:
    """Coverage of each story by outlet group (e.g. lean), as Ground News shows it.

    For each story: how many of its outlets fall in each value of `group` (the column of
    `outlet_meta`), how many have no value ("unknown"), and whether it is one-sided: at
    least `min_outlets` outlets with a known group, and the largest group holds at least
    `one_sided_share` of them. Columns: story_id, headline, n_outlets, n_known, one column
    per group value (sorted, count of outlets), unknown, dominant (group value with most
    outlets; ties give null), dominant_share (f64), one_sided (the dominant value when
    one-sided, else null). Sorted one-sided first, then by n_known descending.
    """
    if group not in outlet_meta.columns or group == "outlet":
        raise ValueError(
            f"group should be one of {[c for c in outlet_meta.columns if c != 'outlet']}. Got {group!r} instead."
        )
    if not 0.5 < one_sided_share <= 1.0:
        raise ValueError(
            f"one_sided_share should be a float in (0.5, 1]. Got {one_sided_share!r} instead."
        )
    require_columns(outlets, ["story_id", "outlet"], "story_outlets")
    labelled = (
        outlets.select("story_id", "outlet")
        .unique()
        .join(outlet_meta.select("outlet", pl.col(group).alias("_group")), on="outlet", how="left")
    )
    values = sorted(v for v in labelled["_group"].unique().to_list() if v is not None)
    if {"unknown", "story_id", "headline"} & set(values):
        raise ValueError(
            f"{group} values should not be named like output columns. Got {values} instead."
        )
    counts = labelled.group_by("story_id").agg(
        *[(pl.col("_group") == v).sum().cast(pl.Int64).alias(v) for v in values],
        pl.col("_group").is_null().sum().cast(pl.Int64).alias("unknown"),
        pl.col("_group").is_not_null().sum().cast(pl.Int64).alias("n_known"),
    )
    if values:
        top = pl.max_horizontal(values)
        n_top = pl.sum_horizontal([(pl.col(v) == top).cast(pl.Int64) for v in values])
        dominant = (
            pl.when((n_top == 1) & (top > 0))
            .then(pl.coalesce([pl.when(pl.col(v) == top).then(pl.lit(v)) for v in values]))
            .otherwise(pl.lit(None, pl.String))
        )
        share = pl.when(pl.col("n_known") > 0).then(top / pl.col("n_known")).otherwise(None)
    else:
        dominant, share = pl.lit(None, pl.String), pl.lit(None, pl.Float64)
    counts = counts.with_columns(
        dominant.alias("dominant"), share.cast(pl.Float64).alias("dominant_share")
    ).with_columns(
        pl.when(
            (pl.col("n_known") >= min_outlets)
            & (pl.col("dominant_share") >= one_sided_share)
            & pl.col("dominant").is_not_null()
        )
        .then("dominant")
        .otherwise(pl.lit(None, pl.String))
        .alias("one_sided")
    )
    return (
        stories.select("story_id", "headline", "n_outlets")
        .join(counts, on="story_id")
        .select(
            "story_id",
            "headline",
            "n_outlets",
            "n_known",
            *values,
            "unknown",
            "dominant",
            "dominant_share",
            "one_sided",
        )
        .sort(
            [pl.col("one_sided").is_null(), "n_known", "story_id"],
            descending=[False, True, False],
        )
    )


__all__ = [
    "blindspots",
    "covered_stories",
    "group_coverage",
    "outlet_summary",
    "story_outlets",
]


def corpus_groups(corpus: Corpus, outlets: pl.Series) -> pl.DataFrame:
    """The groups of the corpus's outlet table (`corpus_outlets`: the shipped table with
    the one its users imported over it) for the outlets named in `outlets`, in the shape
    `group_coverage` reads as `outlet_meta`: outlet, then those of group, lean, country
    that have a value for one of them (strings, null when unknown)."""
    table = corpus_outlets(corpus).filter(pl.col("outlet").is_in(outlets.unique().implode()))
    return outlet_groups(table)
