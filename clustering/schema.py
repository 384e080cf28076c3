"""The frame schemas every stage reads and writes, and `validate` to check them.

Data flows one way through StoryLens as polars frames; each stage declares the
schema of what it returns here, so that the corpus files, the CLI, the app and
the exports agree on column names and types.
"""

from __future__ import annotations

import polars as pl

UTC_DATETIME = pl.Datetime("us", "UTC")

#: One row per accepted input record (duplicates included, flagged).
ARTICLES = pl.Schema(
    {
        "article_id": pl.String,  # stable: sha256 of outlet|url|title|body, 16 hex chars
        "source_id": pl.String,  # the id the user gave, if any
        "outlet": pl.String,  # outlet name or domain; "" when unknown
        "url": pl.String,  # null when unknown
        "title": pl.String,  # "" when the input has none
        "lead": pl.String,  # first paragraph (or the description the input gave)
        "body": pl.String,  # full text, paragraphs separated by blank lines
        "author": pl.String,  # byline, null when unknown
        "section": pl.String,  # section / category, null when unknown
        "published_at": UTC_DATETIME,  # null when unknown
        "lang": pl.String,  # ISO 639-1, "" when unknown
        "source_file": pl.String,  # path as the user gave it
        "source_line": pl.Int64,  # 1-based line (JSONL/CSV row/record index)
        "source_format": pl.String,  # jsonl, json, csv, parquet, news-please, html, text, aggregator, feed
        "extra": pl.String,  # JSON object of input fields we have no column for (nothing is lost)
        "content_hash": pl.String,  # sha256 of the normalised title+body, 16 hex chars
        "duplicate_of": pl.String,  # article_id of the canonical copy; null for originals
        "duplicate_kind": pl.String,  # null, "exact", "near" (wire copy), "same_url"
    }
)

#: One row per input record that could not become an article.
REJECTS = pl.Schema(
    {
        "source_file": pl.String,
        "source_line": pl.Int64,
        "field": pl.String,  # the field at fault ("" for the whole record)
        "reason": pl.String,  # a sentence a user can act on
        "raw": pl.String,  # the record as read (kept whole: nothing a user gave is lost)
    }
)

#: One row per article (duplicates included): the story it belongs to.
ASSIGNMENTS = pl.Schema(
    {
        "article_id": pl.String,
        "story_id": pl.String,
        "is_noise": pl.Boolean,  # HDBSCAN called it noise: it is a single-article story
    }
)

#: One row per story.
STORIES = pl.Schema(
    {
        "story_id": pl.String,  # "s-" + 12 hex chars of sha256 over the sorted member ids
        "size": pl.Int64,  # independent articles (duplicates not counted)
        "n_copies": pl.Int64,  # duplicate copies folded into the story
        "n_outlets": pl.Int64,
        "outlets": pl.List(pl.String),
        "first_published": UTC_DATETIME,
        "last_published": UTC_DATETIME,
        "headline": pl.String,  # title of the article closest to the story centroid
        "keywords": pl.List(pl.String),
        "is_singleton": pl.Boolean,
        "updated_at": UTC_DATETIME,  # when an `add` last changed the story (or it was built)
    }
)

#: One row per change to the stories by `storylens add` (and one "built" row per `run`).
HISTORY = pl.Schema(
    {
        "at": UTC_DATETIME,
        "kind": pl.String,  # built, new, grown, merge, split
        "story_id": pl.String,  # the story as it is after the change
        "old_story_ids": pl.List(pl.String),  # ids before the change (merge: several)
        "new_story_ids": pl.List(pl.String),  # ids after the change (split: several)
        "n_added": pl.Int64,  # new articles that joined
    }
)


class SchemaError(ValueError):
    """A frame does not have the columns or types a stage expects."""


def validate(frame: pl.DataFrame | pl.LazyFrame, schema: pl.Schema, name: str) -> None:
    """Raise `SchemaError` unless `frame` has every column of `schema` with its type.

    Extra columns are allowed; missing or mistyped ones are named in the message.
    """
    got = frame.collect_schema() if isinstance(frame, pl.LazyFrame) else frame.schema
    problems = []
    for column, dtype in schema.items():
        if column not in got:
            problems.append(f"missing column {column!r}")
        elif got[column] != dtype:
            problems.append(f"column {column!r} should be {dtype}, got {got[column]}")
    if problems:
        raise SchemaError(f"{name} frame does not match its schema: " + "; ".join(problems))


def empty(schema: pl.Schema) -> pl.DataFrame:
    """An empty frame with `schema`."""
    return pl.DataFrame(schema=schema)
