"""The cluster stage over ARTICLES frames: the texts its features are read from, and
`cluster_articles`, which `pipeline.run`, `add` (through `incremental.attach`) and the
benchmarks call. The algorithm itself (`cluster_vectors`) is in `clustering.cluster`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

import numpy as np
import polars as pl
import scipy.sparse as sp
from numpy.typing import NDArray

from clustering.cluster import (
    cluster_vectors,
    day_numbers,
    evidence_from_facts,
    term_counts,
    weighted_counts,
)
from clustering.cluster.features import LEAD_CHARS, ArticleFacts, article_facts
from clustering.cluster.undated import cluster_undated, uses_undated_path
from clustering.config import Config
from clustering.limits import warn_if_slow

if TYPE_CHECKING:
    from clustering.engine import Engine


def sparse_texts(articles: pl.DataFrame) -> list[str]:
    """The text of each article (columns title, body) that the sparse (TF-IDF)
    features are built from: the title and the first 3,000 characters of the body."""
    return (
        articles.select(
            pl.concat_str([pl.col("title"), pl.col("body").str.slice(0, 3000)], separator=". ")
        )
        .to_series()
        .to_list()
    )


def fact_texts(articles: pl.DataFrame) -> list[str]:
    """The text each article's names, ages and event day are read from: the title and
    the first LEAD_CHARS characters of the body (the lead when there is no body)."""
    body = pl.when(pl.col("body").fill_null("").str.len_chars() > 0)
    return (
        articles.select(
            pl.concat_str(
                [
                    pl.col("title").fill_null(""),
                    body.then(pl.col("body"))
                    .otherwise(pl.col("lead"))
                    .fill_null("")
                    .str.slice(0, LEAD_CHARS),
                ],
                separator=". ",
            )
        )
        .to_series()
        .to_list()
    )


def needs_evidence(config: Config) -> bool:
    """Whether clustering reads the names, ages and event days of the texts: for the
    name similarity, the conflict penalty or the cannot-links (any of them on)."""
    cluster = config.cluster
    return cluster.name_weight > 0 or cluster.conflict_penalty > 0 or cluster.cannot_link_cues > 0


@dataclass(frozen=True)
class ArticleReading:
    """What the cluster stage reads of each article's own text and date alone, nothing of
    the corpus: `counts`, the hashed words of its `sparse_texts` (`term_counts`, float64,
    shape (n, SPARSE_FEATURES)); `facts`, the `ArticleFacts` of its `fact_texts` (None
    where the configuration reads none: `needs_evidence`). Rows aligned with the articles.

    Why (issue 14): this is per-article Python (~1.7 s of 2,704 articles), so `pipeline.run`
    reads it on the extraction thread while the encoder embeds (`read_articles`), off the
    cluster stage's critical path; `cluster_articles` reads it itself when not given."""

    counts: sp.csr_matrix
    facts: ArticleFacts | None


def read_articles(articles: pl.DataFrame, config: Config) -> ArticleReading:
    """The `ArticleReading` of `articles` (ARTICLES rows in the order they are clustered)."""
    facts = None
    if needs_evidence(config):
        facts = article_facts(fact_texts(articles), day_numbers(articles["published_at"]))
    return ArticleReading(term_counts(sparse_texts(articles)), facts)


def _facts_rows(parts: list[ArticleFacts], rows: NDArray[np.int64]) -> ArticleFacts:
    """The `rows` (int64 positions into the parts one after another) of `parts`' facts."""
    taken: dict[str, object] = {}
    for field in fields(ArticleFacts):
        values = [getattr(part, field.name) for part in parts]
        if isinstance(values[0], list):
            joined = [value for part in values for value in part]
            taken[field.name] = [joined[row] for row in rows]
        else:
            taken[field.name] = np.concatenate(values)[rows]
    return ArticleFacts(**taken)  # type: ignore[arg-type]


def read_along(
    articles: pl.DataFrame, known_ids: pl.Series, known: ArticleReading, config: Config
) -> ArticleReading:
    """`read_articles(articles, config)`, the rows of the articles whose article_id is in
    `known_ids` taken from `known` (rows aligned with `known_ids`, read with the same
    `config`) and the others read here: the rows are the same, as each is read of its own
    article alone.

    Why (issue 14): `add` re-clusters its new articles with some stored ones; the new
    ones' reading is read on the extraction thread while the encoder embeds them
    (`pipeline.add`), the stored ones' here, in the cluster stage."""
    found = (
        articles.select("article_id")
        .with_row_index("row")
        .join(
            pl.DataFrame({"article_id": known_ids}).with_row_index("known"),
            on="article_id",
            how="left",
            maintain_order="left",
        )
        .sort("row")["known"]
    )
    unknown = found.is_null().to_numpy()
    here = read_articles(articles.filter(pl.Series(unknown)), config)
    # Positions into `known`'s rows followed by `here`'s.
    rows = found.to_numpy().astype(np.float64)
    rows[unknown] = known.counts.shape[0] + np.arange(int(unknown.sum()))
    positions = rows.astype(np.int64)
    counts = sp.vstack([known.counts, here.counts], format="csr")[positions]
    # (`known` and `here` are read with one config: both hold facts or neither does.)
    facts = (
        _facts_rows([known.facts, here.facts], positions)
        if known.facts is not None and here.facts is not None
        else None
    )
    return ArticleReading(counts, facts)


def cluster_articles(
    articles: pl.DataFrame,
    vectors: NDArray[np.float32],
    config: Config,
    doc_freq: NDArray[np.int64] | None = None,
    n_docs: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    engine: Engine | None = None,
    reading: ArticleReading | None = None,
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Story labels for the original (non-duplicate) `articles` (columns published_at,
    title, body, lead), whose rows are aligned with `vectors` (float32, shape (n, dim),
    unit rows) and in `canonical_order`: (labels int64 (n,) 0..k-1, HDBSCAN noise
    flags bool (n,)). `doc_freq`/`n_docs` are the corpus term statistics (see
    cluster.sparse_features). `engine` runs `cluster_vectors` (None: in this process;
    the Ray engine gives the same labels). `reading`: `read_articles(articles, config)`
    read ahead (None: read here)."""
    days = day_numbers(articles["published_at"])
    warn_if_slow(days, config.cluster.max_gap_days)
    sparse = None
    if config.cluster.sparse_weight > 0:
        counts = reading.counts if reading else term_counts(sparse_texts(articles))
        sparse = weighted_counts(counts, doc_freq, n_docs)
    evidence = None
    if needs_evidence(config):
        # Rebuilt from the text on every call (run and add alike): nothing to store but
        # the word statistics the sparse features keep already.
        facts = reading.facts if reading else None
        if facts is None:
            facts = article_facts(fact_texts(articles), days)
        evidence = evidence_from_facts(facts, doc_freq, n_docs)
    # Issue 19: a corpus mostly without publication dates is clustered by cluster.undated
    # (hubness-corrected text similarity and the weekdays the texts name, in this process
    # whatever the engine); dated corpora take the path below unchanged.
    body_chars = articles["body"].fill_null("").str.len_chars().to_numpy()
    if uses_undated_path(days, body_chars, config.cluster):
        texts = fact_texts(articles)
        return cluster_undated(vectors, days, config.cluster, sparse, texts, evidence, progress)
    run = engine.cluster_vectors if engine is not None else cluster_vectors
    return run(vectors, days, config.cluster, sparse, progress, evidence)


__all__ = [
    "ArticleReading",
    "cluster_articles",
    "fact_texts",
    "needs_evidence",
    "read_along",
    "read_articles",
    "sparse_texts",
]
