"""Cross-outlet comparison within one story: numbers, quotes, framing, exclusive facts,
and side-by-side article diffs.

`compare_story` runs the four comparisons over one story's articles; `compare_corpus`
runs it for every story with two or more outlets and stores the tables in
`<corpus>/comparisons/{numbers,quotes,framing,facts}.parquet`, each with a `story_id`
column, for the CLI, the exports and the app.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl
from numpy.typing import NDArray
from threadpoolctl import threadpool_limits

from clustering.compare.diff import diff_articles, diff_words
from clustering.compare.facts import (
    FACTS,
    compare_facts,
    fact_sentences,
    facts_embedder,
    facts_json,
    independent_articles,
)
from clustering.compare.framing_comparison import FRAMING_COMPARISON, compare_framing, framing_json
from clustering.compare.languages import align_numbers_across_languages
from clustering.compare.number_claims import NUMBER_CLAIMS, numbers_json
from clustering.compare.quote_groups import (
    QUOTE_GROUPS,
    align_quotes,
    match_translations,
    multilingual_encoder,
    quote_spans,
    quotes_json,
)
from clustering.config import CompareConfig
from clustering.corpus import Corpus
from clustering.embed import (
    Embedder,
    EmbeddingCache,
    SentenceTransformerEmbedder,
    StaticEmbedder,
    embed_texts,
)
from clustering.extract import failure_rows, per_article
from clustering.extract.framing import extract_framing
from clustering.extract.numbers import extract_numbers
from clustering.extract.quotes import extract_quotes
from clustering.schema import FAILURES, FRAMING, NUMBERS, QUOTES, empty, frame_schema

if TYPE_CHECKING:
    from clustering.engine import Engine

log = logging.getLogger(__name__)

TABLES: dict[str, pl.Schema] = {
    "numbers": NUMBER_CLAIMS,
    "quotes": QUOTE_GROUPS,
    "framing": FRAMING_COMPARISON,
    "facts": FACTS,
}


@dataclass(frozen=True)
class Comparison:
    """The comparison of one story's outlets; one frame per aspect, and the FAILURES
    rows of the parts that raised (that aspect's frame is then empty, the others are
    there): story_id null (the caller knows the story)."""

    numbers: pl.DataFrame  # NUMBER_CLAIMS
    quotes: pl.DataFrame  # QUOTE_GROUPS
    framing: pl.DataFrame  # FRAMING_COMPARISON
    facts: pl.DataFrame  # FACTS
    failures: pl.DataFrame = field(default_factory=lambda: empty(FAILURES))

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


def facts_embedder_for(
    embedder: Embedder, languages: Iterable[str | None] | None = None
) -> Embedder:
    """The embedder the facts (and the slant model) align a story's sentences with.

    For the English MiniLM, its static distillation `facts_embedder()` (a table lookup,
    the gold set's exclusive precision and recall kept: clustering.compare.facts). For
    an embedder with a multilingual part (a blend of MiniLM and USE, an AutoEmbedder):
    the static vectors for a story whose `languages` (ARTICLES.lang of its articles) are
    all English, else the multilingual USE alone (issue 14: the blend's MiniLM half ran a
    transformer over every sentence, 30x USE's cost, and on meantime's en/es dev stories
    USE alone finds each sentence's translation as often, 0.732 of 742 sentences). Any
    other embedder (USE itself): itself.
    """
    if isinstance(embedder, SentenceTransformerEmbedder):
        return facts_embedder()
    multilingual = multilingual_encoder(embedder)
    if multilingual is None or multilingual is embedder:
        return embedder
    english = isinstance(getattr(embedder, "english", None), SentenceTransformerEmbedder)
    known = None if languages is None else [lang for lang in languages if lang]
    if english and known is not None and all(lang == "en" for lang in known):
        return facts_embedder()
    return multilingual


def _cache_for(
    facts_with: Embedder, embedder: Embedder, cache: EmbeddingCache | None
) -> EmbeddingCache | None:
    """The cache of `facts_with`'s vectors beside `cache` (which holds `embedder`'s);
    none for the static vectors, which cost nothing to recompute. Beside a
    `RememberingCache`, one that shares its memory."""
    if cache is None or isinstance(facts_with, StaticEmbedder):
        return None
    if facts_with is embedder:
        return cache
    if isinstance(cache, RememberingCache):
        return cache.beside(facts_with.name)
    return EmbeddingCache(cache.directory.parent, facts_with.name)


class RememberingCache(EmbeddingCache):
    """An `EmbeddingCache` that also keeps in memory the vectors it stored or read, for
    the stories of one window of `compare_corpus` (a few thousand sentences).

    Why: each story's facts look their sentences up in the cache, and every lookup
    reads all of the cache's shards, of which each story's new sentences added one: on
    meantime (39 multilingual stories, USE vectors) the lookups and stores were a
    fifth of the facts' time. The sentences are now embedded ahead, one call per window
    (`embed_story_sentences`), and the stories read them from here. The memory is not
    pickled: on another process (a Ray task) this is the plain disk cache.
    """

    def __init__(
        self,
        directory: Path,
        embedder_name: str,
        memory: dict[Path, dict[str, NDArray[np.float32]]] | None = None,
    ) -> None:
        super().__init__(directory, embedder_name)
        #: Vectors per text hash, per cache folder (shared with the caches `beside` it).
        self._memory: dict[Path, dict[str, NDArray[np.float32]]] = {} if memory is None else memory

    @classmethod
    def over(cls, cache: EmbeddingCache) -> RememberingCache:
        """`cache`'s folder, remembered from now on."""
        out = cls(cache.directory.parent, "")
        out.directory = cache.directory
        return out

    def beside(self, embedder_name: str) -> RememberingCache:
        """The cache of another embedder in the same parent folder, sharing the memory."""
        return RememberingCache(self.directory.parent, embedder_name, self._memory)

    def _remembered(self) -> dict[str, NDArray[np.float32]]:
        return self._memory.setdefault(self.directory, {})

    def lookup(self, hashes: Sequence[str]) -> dict[str, NDArray[np.float32]]:
        memory = self._remembered()
        found = {h: memory[h] for h in hashes if h in memory}
        unknown = [h for h in hashes if h not in found]
        if unknown:
            read = super().lookup(unknown)
            memory.update(read)
            found.update(read)
        return found

    def store(self, hashes: Sequence[str], vectors: NDArray[np.float32]) -> None:
        super().store(hashes, vectors)
        self._remembered().update(zip(hashes, vectors, strict=True))

    def __getstate__(self) -> dict[str, Any]:
        return {"directory": self.directory, "_memory": {}}


def embed_story_sentences(
    stories: Sequence[tuple[str, pl.DataFrame]],
    embedder: Embedder,
    cache: EmbeddingCache | None,
    engine: Engine | None = None,
) -> int:
    """Embed into `cache` (beside it, for another model) the fact sentences of every
    story in `stories` (story_id, ARTICLES rows) whose facts read a model rather than
    the static vectors (`facts_embedder_for`: USE for a story with an article not in
    English), one `embed_texts` call per model, run by `engine`'s article encoder.
    Comparing those stories then runs no model. Returns the sentences embedded.

    Why: one call per story ran USE on a batch too small for its two workers and paid
    a cache lookup and a shard per story (issue 14: meantime's facts were 3.6 s of a
    10 s run)."""
    if cache is None:
        return 0
    todo: dict[str, tuple[Embedder, EmbeddingCache, list[str]]] = {}
    for _, members in stories:
        facts_with = facts_embedder_for(embedder, members["lang"])
        facts_cache = _cache_for(facts_with, embedder, cache)
        if facts_cache is None:
            continue
        entry = todo.setdefault(facts_with.name, (facts_with, facts_cache, []))
        entry[2].extend(_fact_texts(members))
    done = 0
    for facts_with, facts_cache, texts in todo.values():
        encoder = engine.article_embedder(facts_with) if engine else facts_with
        done += embed_texts(texts, encoder, facts_cache)[1]
    return done


@dataclass(frozen=True)
class Extracted:
    """What is read off each article once, before any story is compared: its numbers
    (NUMBERS), quotes (QUOTES) and framing cues (FRAMING), one frame each, for any set
    of articles, and FAILURES rows for the articles an extractor raised on (which have
    no rows of that extractor; see `clustering.extract.per_article`). Sentence vectors
    for the facts live in the embedding cache."""

    numbers: pl.DataFrame
    quotes: pl.DataFrame
    framing: pl.DataFrame
    failures: pl.DataFrame = field(default_factory=lambda: empty(FAILURES))

    @property
    def frames(self) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.DataFrame]:
        """The four frames in the order of the fields: numbers, quotes, framing, failures."""
        return self.numbers, self.quotes, self.framing, self.failures

    def of(self, article_ids: list[str]) -> Extracted:
        keep = pl.col("article_id").is_in(article_ids)
        return Extracted(*(frame.filter(keep) for frame in self.frames))

    @staticmethod
    def concat(parts: list[Extracted]) -> Extracted:
        """The extraction of several batches of articles (at least one part), in order."""
        return Extracted(
            *(pl.concat(frames) for frames in zip(*(p.frames for p in parts), strict=True))
        )


@dataclass(frozen=True)
class _WindowExtraction(Extracted):
    """`Extracted` of a window of stories, with each frame's row positions per article_id
    (`rows`, in the order numbers, quotes, framing, failures), so that a story's `of`
    gathers its rows instead of filtering each frame: the same rows in the same order
    (the frame's), at a quarter of a filter's cost (issue 14: four filters a story, ~0.1
    ms each, 3,000 at 2,704 articles)."""

    rows: tuple[dict[str, list[int]], ...] = ()

    @classmethod
    def over(cls, extracted: Extracted) -> _WindowExtraction:
        rows: list[dict[str, list[int]]] = []
        for frame in extracted.frames:
            by_article: dict[str, list[int]] = {}
            for position, article_id in enumerate(frame["article_id"].to_list()):
                by_article.setdefault(article_id, []).append(position)
            rows.append(by_article)
        return cls(*extracted.frames, rows=tuple(rows))

    def of(self, article_ids: list[str]) -> Extracted:
        wanted = set(article_ids)
        return Extracted(
            *(
                frame[sorted(p for a in wanted for p in by_article.get(a, ()))]
                for frame, by_article in zip(self.frames, self.rows, strict=True)
            )
        )


#: Articles extracted between two progress reports.
EXTRACT_CHUNK = 64


def extract_articles(
    articles: pl.DataFrame,
    embedder: Embedder | None = None,
    cache: EmbeddingCache | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Extracted:
    """Per-article extraction for `articles` (ARTICLES), in one batch; with an embedder
    and a cache, the fact sentences are embedded into the cache too, so that comparing
    a story afterwards runs no model. Cost grows with the articles, once each.

    An extractor that raises on an article gives that article no rows and a FAILURES
    row ("extract:numbers", "extract:quotes", "extract:framing"); the other extractors
    and the other articles go on (`clustering.extract.per_article`: the batch first,
    one article at a time only when it raises)."""
    parts: list[Extracted] = []
    if progress:
        progress(0, articles.height)  # the bar (and its clock) starts with the stage
    # In chunks, so that the "extract" bar moves with the articles and ends with them.
    for start in range(0, max(articles.height, 1), EXTRACT_CHUNK):
        chunk = articles.slice(start, EXTRACT_CHUNK)
        numbers, failed_numbers = per_article("extract:numbers", extract_numbers, chunk, NUMBERS)
        quotes, failed_quotes = per_article("extract:quotes", extract_quotes, chunk, QUOTES)
        framing, failed_framing = per_article("extract:framing", extract_framing, chunk, FRAMING)
        failed = pl.concat([failed_numbers, failed_quotes, failed_framing])
        parts.append(Extracted(numbers, quotes, framing, failed))
        if progress:
            progress(min(start + EXTRACT_CHUNK, articles.height), articles.height)
    embed_fact_sentences(articles, embedder, cache, progress)
    return Extracted.concat(parts)


def embed_fact_sentences(
    articles: pl.DataFrame,
    embedder: Embedder | None,
    cache: EmbeddingCache | None,
    progress: Callable[[int, int], None] | None = None,
    encoder: Embedder | None = None,
) -> None:
    """Embed the fact sentences of `articles` into `cache`, when the facts read
    `embedder`'s own vectors whatever the story (USE alone); for MiniLM they read the
    static vectors and nothing is run (issue 14: this pass was 56% of a run), and for a
    blend the story decides (`facts_embedder_for`), so its sentences are embedded when
    it is compared. `encoder` runs the model in its place (same name and vectors, e.g.
    on Ray)."""
    if embedder is None or cache is None or facts_embedder_for(embedder) is not embedder:
        return
    embed_texts(_fact_texts(articles), encoder or embedder, cache, progress)


def _readable_fact_sentences(articles: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(the fact sentences of `articles`, a "sentence" column; FAILURES rows
    "extract:facts" of the articles whose sentences cannot be read: `per_article`)."""
    return per_article(
        "extract:facts",
        lambda some: fact_sentences(some).select("sentence"),
        articles,
        frame_schema({"sentence": pl.String}),
    )


def _fact_texts(articles: pl.DataFrame) -> list[str]:
    """The fact sentences (`fact_sentences`) of `articles`, to embed ahead: an article
    whose sentences cannot be read is left out here, without a record, as its story's
    facts say so when it is compared (`compare_story`: "extract:facts")."""
    return _readable_fact_sentences(articles)[0]["sentence"].to_list()


def compare_story(
    articles: pl.DataFrame,
    embedder: Embedder,
    config: CompareConfig | None = None,
    cache: EmbeddingCache | None = None,
    extracted: Extracted | None = None,
) -> Comparison:
    """Compare the outlets of ONE story. `articles`: ARTICLES rows of the story
    (duplicates included: each aspect leaves wire copies out of the counts).
    `embedder` embeds sentences for the facts (see `sentence_embedder`); `extracted`
    holds the articles' extraction when it was done ahead (`extract_articles`).

    A part that raises gives its aspect no rows and a FAILURES row in
    `Comparison.failures` ("compare:numbers", ...; story_id null), and the other parts
    go on; an article whose fact sentences cannot be read is left out of the facts with
    a row of its own ("extract:facts"). Without `extracted`, the extraction's FAILURES
    rows are there too."""
    config = config or CompareConfig()
    # A page with no article of its own (a site's search page: ARTICLES.no_article_reason)
    # stays listed in its story but is compared with nothing: its figures and quotes are
    # not the story's. A frame without the column (built by hand) holds no such page.
    # (filtered only when the story holds one: a filter a story for none; issue 14)
    if (
        "no_article_reason" in articles.columns
        and articles["no_article_reason"].null_count() < articles.height
    ):
        articles = articles.filter(pl.col("no_article_reason").is_null())
    failures: list[pl.DataFrame] = []
    if extracted is None:
        extracted = extract_articles(articles)
        failures.append(extracted.failures)
    else:
        extracted = extracted.of(articles["article_id"].to_list())
    facts_with = facts_embedder_for(embedder, articles["lang"])
    facts_cache = _cache_for(facts_with, embedder, cache)
    # The independent articles, read once for the framing, the slant model and the facts
    # (each read them again: ~1 ms of polars a call, three calls a story; issue 14).
    story = independent_articles(articles)

    def part(name: str, compare: Callable[[], pl.DataFrame]) -> pl.DataFrame:
        # The try costs nothing on the normal path; a part that raises loses its own rows.
        try:
            return compare()
        except Exception as error:  # kept to this part of this story
            failures.append(_story_failure(f"compare:{name}", error))
            return empty(TABLES[name])

    numbers = part(
        # Across languages: the same figure joined on its value, translations of a quote
        # matched by meaning with the multilingual encoder (clustering.compare.languages).
        "numbers",
        lambda: align_numbers_across_languages(extracted.numbers, articles, config),
    )
    quotes = part(
        "quotes",
        lambda: match_translations(
            align_quotes(extracted.quotes, articles, config=config),
            articles,
            multilingual_encoder(embedder),
            config.quote_translation_similarity,
        ),
    )
    # The slant model reads the same sentence vectors as the facts (static for MiniLM).
    framing = part(
        "framing",
        lambda: compare_framing(extracted.framing, articles, facts_with, facts_cache, story),
    )
    # The facts read the quote groups: a sentence that is a quote states the same fact as
    # another outlet's quote only when the quote groups' test calls them one (issue 16).
    facts = part(
        "facts",
        lambda: _facts_of(
            articles,
            story,
            facts_with,
            facts_cache,
            config,
            failures,
            quote_spans(quotes, extracted.quotes),
        ),
    )
    return Comparison(
        numbers,
        quotes,
        framing,
        facts,
        pl.concat(failures) if failures else _no_failures(),
    )


@functools.cache
def _no_failures() -> pl.DataFrame:
    """An empty FAILURES frame, one per process for every story compared without one
    (frames are immutable: building one a story cost ~0.1 ms; issue 14)."""
    return empty(FAILURES)


def _story_failure(part: str, error: Exception) -> pl.DataFrame:
    """One FAILURES row: `part` of a story's comparison raised `error`."""
    log.warning("%s raised: %r", part, error)
    return failure_rows(
        part, pl.DataFrame({"article_id": [None]}, schema={"article_id": pl.String}), error
    )


def _facts_of(
    articles: pl.DataFrame,
    story: pl.DataFrame,
    facts_with: Embedder,
    facts_cache: EmbeddingCache | None,
    config: CompareConfig,
    failures: list[pl.DataFrame],
    quotes: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """`compare_facts` of the story (`quotes`: its `quote_spans`); when it raises, the
    articles whose fact sentences raise on their own are left out (a FAILURES row each,
    appended to `failures`) and the others compared. Raises when none does (the story's
    facts part then says so)."""
    try:
        return compare_facts(
            articles, facts_with, facts_cache, config=config, story=story, quotes=quotes
        )
    except Exception:
        _, failed = _readable_fact_sentences(articles)
        if failed.is_empty():
            raise
        failures.append(failed)
    rest = articles.filter(~pl.col("article_id").is_in(failed["article_id"].implode()))
    return compare_facts(rest, facts_with, facts_cache, config=config, quotes=quotes)


def compare_corpus(
    corpus: Corpus,
    embedder: Embedder,
    config: CompareConfig | None = None,
    story_ids: list[str] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    engine: Engine | None = None,
) -> dict[str, pl.DataFrame]:
    """Compare every story with two or more outlets (or only `story_ids`, replacing
    their rows in the stored tables) and write `<corpus>/comparisons/*.parquet`.

    Extraction and sentence embedding run once over all the articles concerned
    ("extract" progress), then each story is aligned ("compare" progress), both by
    `engine` (default: this process, `clustering.engine.LocalEngine`)."""
    from clustering.engine import LocalEngine

    engine = engine or LocalEngine()
    config = config or CompareConfig()
    stories = corpus.read("stories").filter(pl.col("n_outlets") >= 2)
    if story_ids is not None:
        stories = stories.filter(pl.col("story_id").is_in(story_ids))
    articles = corpus.read("articles").join(
        corpus.read("assignments").select("article_id", "story_id"), on="article_id"
    )
    wanted = articles.filter(pl.col("story_id").is_in(stories["story_id"].to_list()))
    sentences = sentence_embedder(embedder, config)
    cache = EmbeddingCache(corpus.cache_dir(), sentences.name)
    report = (lambda done, total: progress("extract", done, total)) if progress else None
    # One BLAS thread for the many small products here ((sentences x sentences) per
    # story): on a busy 2-core machine two threads made each 13 ms instead of 0.7 ms
    # (issue 14); nothing here multiplies matrices big enough to gain from a second one.
    with threadpool_limits(limits=1, user_api="blas"):
        return _compare_stories(
            corpus, engine, config, stories, story_ids, wanted, sentences, cache, report, progress
        )


def _compare_stories(
    corpus: Corpus,
    engine: Engine,
    config: CompareConfig,
    stories: pl.DataFrame,
    story_ids: list[str] | None,
    wanted: pl.DataFrame,
    sentences: Embedder,
    cache: EmbeddingCache,
    report: Callable[[int, int], None] | None,
    progress: Callable[[str, int, int], None] | None,
) -> dict[str, pl.DataFrame]:
    """`compare_corpus` once its stories, articles and embedders are known."""
    extracted = engine.extract(wanted.drop("story_id"), sentences, cache, report)
    parts: dict[str, list[pl.DataFrame]] = {name: [] for name in TABLES}
    groups = [
        (key[0], members.drop("story_id"))
        for key, members in wanted.sort("story_id").group_by("story_id", maintain_order=True)
    ]
    total = len(groups)
    if progress:
        progress("compare", 0, total)  # the bar starts with the first story, not after it
    results = (
        result
        for window in story_windows(groups)
        for result in engine.compare_stories(
            window,
            sentences,
            config,
            _embedded_ahead(window, sentences, cache, engine),
            _extracted_of(window, extracted),
        )
    )
    compared: list[str] = []
    story_of = wanted.select("article_id", "story_id")
    # Each failed article once, under its story (the FAILURES rows of the extraction).
    failures = [
        extracted.failures.drop("story_id")
        .join(story_of, on="article_id", how="left", maintain_order="left")
        .select(list(FAILURES))
    ]
    for done, (story_id, result) in enumerate(results):
        for name, frame in result.tables().items():
            parts[name].append(frame)
        compared.append(story_id)
        if result.failures.height:  # (a story without one adds no rows: no frame op)
            failures.append(result.failures.with_columns(pl.lit(story_id).alias("story_id")))
        if progress:
            progress("compare", done + 1, total)
    # Nothing is dropped without saying so: the parts that raised, in the corpus.
    corpus.record_failures(pl.concat(failures))
    out: dict[str, pl.DataFrame] = {}
    for name, schema in TABLES.items():
        fresh = (
            _with_story_ids(parts[name], compared)
            if parts[name]
            else empty(frame_schema({"story_id": pl.String, **schema}))
        )
        # Corpus replaces the rows of `story_ids` only (all rows when None).
        corpus.write_comparison(name, fresh.sort("story_id", maintain_order=True), story_ids)
        out[name] = fresh
    return out


def _with_story_ids(frames: list[pl.DataFrame], story_ids: list[str]) -> pl.DataFrame:
    """`frames` (one per story, the same schema) stacked, with a first column story_id:
    each frame's rows under its story's id. One column for all (a select per story and
    table cost four polars calls a story: issue 14)."""
    column = [s for s, frame in zip(story_ids, frames, strict=True) for _ in range(frame.height)]
    stacked = pl.concat(frames)
    return stacked.select(pl.Series("story_id", column, dtype=pl.String), pl.all())


#: Stories whose sentences are embedded ahead in one call (`embed_story_sentences`) hold
#: at most about this many sentences (USE's vectors of a window: 2 KB each).
WINDOW_SENTENCES = 8192


def story_windows(
    stories: Sequence[tuple[str, pl.DataFrame]], sentences: int = WINDOW_SENTENCES
) -> Iterator[list[tuple[str, pl.DataFrame]]]:
    """Consecutive runs of `stories` (story_id, ARTICLES rows) whose bodies hold about
    `sentences` sentences at most (a body's length / 150 characters as its count; a
    larger story alone), in order."""
    window: list[tuple[str, pl.DataFrame]] = []
    size = 0
    for story in stories:
        weight = int(story[1]["body"].str.len_chars().sum() or 0) // 150 + 1
        if window and size + weight > sentences:
            yield window
            window, size = [], 0
        window.append(story)
        size += weight
    if window:
        yield window


def _extracted_of(window: list[tuple[str, pl.DataFrame]], extracted: Extracted) -> Extracted:
    """`extracted` of the articles of `window`'s stories (rows in the same order), which
    each story's comparison filters again for its own articles (`compare_story`).

    Why (issue 14, scale): a story's four filters read the whole run's frames, so their
    cost grew with the run for every story, with the square of its size in all; a window
    of ~8k sentences is filtered once, and its stories then gather their rows from it
    (`_WindowExtraction`)."""
    ids = [i for _, members in window for i in members["article_id"].to_list()]
    return _WindowExtraction.over(extracted.of(ids))


def _embedded_ahead(
    window: list[tuple[str, pl.DataFrame]],
    embedder: Embedder,
    cache: EmbeddingCache,
    engine: Engine,
) -> RememberingCache:
    """`cache`, remembering the sentences of `window`'s stories, embedded into it ahead."""
    remembering = RememberingCache.over(cache)
    embed_story_sentences(window, embedder, remembering, engine)
    return remembering


def read_comparison(corpus: Corpus, story_id: str) -> Comparison | None:
    """The stored comparison of one story; None when the corpus has none stored."""
    if not corpus.has("comparisons/numbers"):
        return None
    frames = {
        name: corpus.scan(f"comparisons/{name}")
        .filter(pl.col("story_id") == story_id)
        .drop("story_id")
        .collect()
        for name in TABLES
    }
    return Comparison(**frames)


__all__ = [
    "Comparison",
    "Extracted",
    "extract_articles",
    "TABLES",
    "compare_corpus",
    "compare_story",
    "diff_articles",
    "diff_words",
    "embed_fact_sentences",
    "embed_story_sentences",
    "RememberingCache",
    "story_windows",
    "read_comparison",
    "facts_embedder_for",
    "sentence_embedder",
]
