"""Stories from cluster labels: stable ids, coverage, representative headline, keywords."""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime

import numpy as np
import polars as pl
from numpy.typing import NDArray

from clustering import schema
from clustering.text import words

_STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my no nor not now of off on once only
    or other our ours out over own said same says she should so some such than that the
    their theirs them then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours
    new one two three year years also told people last first day week monday tuesday
    wednesday thursday friday saturday sunday mr ms mrs news after its it's""".split()
)


def story_id(member_ids: Iterable[str]) -> str:
    """Stable id of a story: the same member articles always give the same id."""
    digest = hashlib.sha256("\n".join(sorted(member_ids)).encode("utf-8")).hexdigest()
    return f"s-{digest[:12]}"


def assignments_from_labels(
    article_ids: list[str], labels: NDArray[np.int64], is_noise: NDArray[np.bool_]
) -> pl.DataFrame:
    """ASSIGNMENTS for the clustered (canonical) articles; story ids from their members."""
    frame = pl.DataFrame(
        {"article_id": article_ids, "label": labels, "is_noise": is_noise},
        schema={"article_id": pl.String, "label": pl.Int64, "is_noise": pl.Boolean},
    )
    ids = frame.group_by("label").agg(pl.col("article_id").sort().str.join("\n").alias("members"))
    ids = ids.with_columns(
        pl.col("members")
        .map_elements(lambda m: story_id(m.split("\n")), return_dtype=pl.String)
        .alias("story_id")
    )
    return (
        frame.join(ids.select("label", "story_id"), on="label")
        .select(schema.ASSIGNMENTS.names())
        .sort("article_id")
    )


def with_duplicates(assignments: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """Add every duplicate copy to the story of the article it copies."""
    copies = (
        articles.filter(pl.col("duplicate_of").is_not_null())
        .select("article_id", "duplicate_of")
        .join(
            assignments.select(pl.col("article_id").alias("duplicate_of"), "story_id"),
            on="duplicate_of",
            how="left",
        )
        .select("article_id", "story_id", pl.lit(False).alias("is_noise"))
    )
    missing = copies.filter(pl.col("story_id").is_null())
    if missing.height:
        raise ValueError(
            f"{missing.height} duplicate(s) point to articles that have no story, e.g. "
            f"{missing['article_id'][0]!r}"
        )
    return pl.concat([assignments, copies]).sort("article_id")


def _keywords(docs: list[str], doc_freq: Counter[str], n_docs: int, k: int = 6) -> list[str]:
    counts: Counter[str] = Counter()
    for doc in docs:
        counts.update(
            w for w in set(words(doc)) if w not in _STOPWORDS and len(w) > 2 and not w.isdigit()
        )
    scored = [
        (c * math.log((1 + n_docs) / (1 + doc_freq.get(w, 0))), w)
        for w, c in counts.items()
        if c >= min(2, len(docs))
    ]
    scored.sort(key=lambda x: (-x[0], x[1]))
    return [w for _, w in scored[:k]]


def build_stories(
    articles: pl.DataFrame,
    assignments: pl.DataFrame,
    vectors: NDArray[np.float32] | None = None,
    vector_ids: list[str] | None = None,
    updated_at: datetime | None = None,
) -> pl.DataFrame:
    """STORIES from ARTICLES and ASSIGNMENTS, sorted by size (descending) then story_id.

    The representative headline is the title of the member closest to the story's
    mean embedding (when `vectors`, rows aligned with `vector_ids`, are given), else
    of the earliest member. Keywords are the words of members' titles and leads that
    are most specific to the story (count in story x log inverse corpus frequency).
    """
    schema.validate(assignments, schema.ASSIGNMENTS, "assignments")
    joined = articles.join(assignments, on="article_id", how="inner")
    text = pl.concat_str(
        [pl.col("title").fill_null(""), pl.col("lead").fill_null("")], separator=" "
    )
    docs = joined.select("article_id", text.alias("doc"))
    doc_freq: Counter[str] = Counter()
    for doc in docs["doc"]:
        doc_freq.update(set(words(doc)))
    n_docs = max(docs.height, 1)
    row_of = {a: i for i, a in enumerate(vector_ids)} if vector_ids is not None else {}

    originals = joined.filter(pl.col("duplicate_of").is_null())
    grouped = (
        originals.sort("published_at", "article_id", nulls_last=True)
        .group_by("story_id")
        .agg(
            pl.len().cast(pl.Int64).alias("size"),
            pl.col("outlet").filter(pl.col("outlet") != "").unique().sort().alias("outlets"),
            pl.col("published_at").min().alias("first_published"),
            pl.col("published_at").max().alias("last_published"),
            pl.col("article_id"),
            pl.col("title"),
            (text).alias("docs"),
        )
    )
    copies = (
        joined.filter(pl.col("duplicate_of").is_not_null())
        .group_by("story_id")
        .agg(pl.len().cast(pl.Int64).alias("n_copies"))
    )
    headlines, keywords = [], []
    for ids, titles, story_docs in zip(
        grouped["article_id"], grouped["title"], grouped["docs"], strict=True
    ):
        ids, titles = ids.to_list(), titles.to_list()
        candidates = [i for i, t in enumerate(titles) if t] or list(range(len(ids)))
        best = candidates[0]
        if (
            vectors is not None
            and len(candidates) > 1
            and all(ids[i] in row_of for i in candidates)
        ):
            rows = vectors[[row_of[ids[i]] for i in candidates]]
            best = candidates[int(np.argmax(rows @ rows.mean(axis=0)))]
        headline = titles[best] or story_docs[best].strip()[:120]
        headlines.append(headline)
        keywords.append(_keywords(story_docs.to_list(), doc_freq, n_docs))
    return (
        grouped.with_columns(
            pl.Series("headline", headlines, dtype=pl.String),
            pl.Series("keywords", keywords, dtype=pl.List(pl.String)),
        )
        .join(copies, on="story_id", how="left")
        .with_columns(
            pl.col("n_copies").fill_null(0),
            pl.col("outlets").list.len().cast(pl.Int64).alias("n_outlets"),
            (pl.col("size") == 1).alias("is_singleton"),
            pl.lit(updated_at or datetime.now(UTC), dtype=schema.UTC_DATETIME).alias("updated_at"),
        )
        .select(schema.STORIES.names())
        .cast(dict(schema.STORIES))  # type: ignore[arg-type]
        .sort(["size", "n_outlets", "story_id"], descending=[True, True, False])
    )
