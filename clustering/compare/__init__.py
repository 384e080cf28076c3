"""Cross-outlet comparison within one story: numbers, quotes, framing, exclusive facts,
and side-by-side article diffs.

`compare_story` runs the four comparisons over one story's articles; `compare_corpus`
runs it for every story with two or more outlets and stores the tables in
`<corpus>/comparisons/{numbers,quotes,framing,facts}.parquet`, each with a `story_id`
column, for the CLI, the exports and the app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import polars as pl

from clustering.compare.diff import diff_articles, diff_words
from clustering.compare.facts import FACTS, compare_facts, facts_json
from clustering.compare.framing import FRAMING_COMPARISON, compare_framing, framing_json
from clustering.compare.numbers import NUMBER_CLAIMS, align_numbers, numbers_json
from clustering.compare.quotes import QUOTE_GROUPS, align_quotes, quotes_json
from clustering.config import CompareConfig
from clustering.corpus import Corpus, write_parquet_atomic
from clustering.embed import Embedder, EmbeddingCache
from clustering.extract.framing import extract_framing
from clustering.extract.numbers import extract_numbers
from clustering.extract.quotes import extract_quotes
from clustering.schema import empty

TABLES: dict[str, pl.Schema] = {
    "numbers": NUMBER_CLAIMS,
    "quotes": QUOTE_GROUPS,
    "framing": FRAMING_COMPARISON,
    "facts": FACTS,
}


@dataclass(frozen=True)
class Comparison:
    """The comparison of one story's outlets; one frame per aspect."""

    numbers: pl.DataFrame  # NUMBER_CLAIMS
    quotes: pl.DataFrame  # QUOTE_GROUPS
    framing: pl.DataFrame  # FRAMING_COMPARISON
    facts: pl.DataFrame  # FACTS

    def tables(self) -> dict[str, pl.DataFrame]:
        return {name: getattr(self, name) for name in TABLES}

    def to_json(self) -> dict[str, Any]:
        """The shape `storylens compare --json` prints (names other tools rely on)."""
        facts = facts_json(self.facts)
        return {
            "numbers": numbers_json(self.numbers),
            "quotes": quotes_json(self.quotes),
            "framing": framing_json(self.framing),
            "exclusive_facts": facts["exclusive_facts"],
            "consensus_facts": facts["consensus_facts"],
        }


def sentence_embedder(embedder: Embedder, config: CompareConfig) -> Embedder:
    """The embedder for sentences: the article model reading sentence_max_seq_length
    tokens when it can be resized (~2x faster on short text), else `embedder` itself."""
    resized = getattr(embedder, "resized", None)
    return resized(config.sentence_max_seq_length) if resized else embedder


def compare_story(
    articles: pl.DataFrame,
    embedder: Embedder,
    config: CompareConfig | None = None,
    cache: EmbeddingCache | None = None,
) -> Comparison:
    """Compare the outlets of ONE story. `articles`: ARTICLES rows of the story
    (duplicates included: each aspect leaves wire copies out of the counts).
    `embedder` embeds sentences for the facts (see `sentence_embedder`)."""
    config = config or CompareConfig()
    return Comparison(
        numbers=align_numbers(extract_numbers(articles), articles),
        quotes=align_quotes(extract_quotes(articles), articles, config.quote_similarity),
        framing=compare_framing(extract_framing(articles), articles),
        facts=compare_facts(articles, embedder, cache, config.fact_similarity),
    )


def compare_corpus(
    corpus: Corpus,
    embedder: Embedder,
    config: CompareConfig | None = None,
    story_ids: list[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, pl.DataFrame]:
    """Compare every story with two or more outlets (or only `story_ids`, replacing
    their rows in the stored tables) and write `<corpus>/comparisons/*.parquet`."""
    stories = corpus.read("stories").filter(pl.col("n_outlets") >= 2)
    if story_ids is not None:
        stories = stories.filter(pl.col("story_id").is_in(story_ids))
    articles = corpus.read("articles").join(
        corpus.read("assignments").select("article_id", "story_id"), on="article_id"
    )
    wanted = articles.filter(pl.col("story_id").is_in(stories["story_id"].to_list()))
    sentences = sentence_embedder(embedder, config or CompareConfig())
    cache = EmbeddingCache(corpus.path / "cache", sentences.name)
    parts: dict[str, list[pl.DataFrame]] = {name: [] for name in TABLES}
    total = wanted["story_id"].n_unique()
    for done, (key, members) in enumerate(wanted.group_by("story_id", maintain_order=True)):
        story_id = key[0]
        result = compare_story(members.drop("story_id"), sentences, config, cache)
        for name, frame in result.tables().items():
            parts[name].append(frame.select(pl.lit(story_id).alias("story_id"), pl.all()))
        if progress:
            progress(done + 1, total)
    out: dict[str, pl.DataFrame] = {}
    directory = corpus.path / "comparisons"
    for name, schema in TABLES.items():
        fresh = (
            pl.concat(parts[name])
            if parts[name]
            else empty(pl.Schema({"story_id": pl.String, **schema}))
        )
        path = directory / f"{name}.parquet"
        if story_ids is not None and path.exists():
            kept = pl.read_parquet(path).filter(~pl.col("story_id").is_in(story_ids))
            fresh = pl.concat([kept, fresh], how="vertical_relaxed")
        write_parquet_atomic(fresh.sort("story_id", maintain_order=True), path)
        out[name] = fresh
    return out


def read_comparison(corpus: Corpus, story_id: str) -> Comparison | None:
    """The stored comparison of one story; None when the corpus has none stored."""
    directory = corpus.path / "comparisons"
    if not (directory / "numbers.parquet").exists():
        return None
    frames = {
        name: pl.scan_parquet(directory / f"{name}.parquet")
        .filter(pl.col("story_id") == story_id)
        .drop("story_id")
        .collect()
        for name in TABLES
    }
    return Comparison(**frames)


__all__ = [
    "Comparison",
    "TABLES",
    "compare_corpus",
    "compare_story",
    "diff_articles",
    "diff_words",
    "read_comparison",
    "sentence_embedder",
]
