"""The one entry point the CLI, the app and the benchmarks call: inputs in, corpus out.

    run(inputs, out, config) : ingest -> embed -> cluster -> stories -> compare -> corpus

Each stage is a function over polars frames (see ARCHITECTURE in the README), so a
stage can later run per batch or per block on a distributed engine.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
from numpy.typing import NDArray

from clustering import schema
from clustering.cluster import document_frequencies
from clustering.cluster.articles import (
    ArticleReading,
    cluster_articles,
    read_along,
    read_articles,
)
from clustering.cluster.incremental import attach, canonical_order
from clustering.compare import compare_corpus
from clustering.config import Config, load_config
from clustering.corpus import Corpus, CorpusExistsError, file_sha256
from clustering.embed import (
    Embedder,
    EmbeddingCache,
    embed_texts,
    embedder_for,
    embedding_texts,
    load_embedder,
)
from clustering.engine import Engine, compares_beside, comparing_beside, extraction_ahead
from clustering.ingest import (
    PER_FILE,
    SKIPPED,
    IngestError,
    IngestResult,
    iter_input_files,
    load_articles,
)
from clustering.ingest.dedupe import duplicate_keys
from clustering.ingest.outlets import (
    outlets_note,
    own_outlets,
    refresh_outlets,
    remember_outlets,
    with_own_outlets,
)
from clustering.limits import check_disk, check_memory
from clustering.stories import assignments_from_labels, build_stories, with_duplicates

log = logging.getLogger(__name__)

#: progress(stage, done, total): the CLI draws bars from it, the app a progress widget.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class RunResult:
    corpus: Corpus
    ingest: IngestResult
    n_stories: int
    n_singletons: int
    n_embedded: int  # texts embedded in this run (the rest came from the cache)
    seconds: dict[str, float]
    # Lines the command says about the corpus beside its counts (e.g. stored articles
    # whose outlet an `add` identified again: ingest.outlets.outlets_note).
    notes: tuple[str, ...] = ()


def embed_articles(
    articles: pl.DataFrame,
    embedder: Embedder,
    config: Config,
    cache_dir: Path | None,
    progress: Progress | None = None,
) -> tuple[NDArray[np.float32], int]:
    """Unit vectors for `articles` (rows aligned), via the on-disk cache."""
    texts = embedding_texts(articles, config.embed.text).to_list()
    cache = EmbeddingCache(cache_dir, embedder.name) if cache_dir is not None else None
    report = (lambda done, total: progress("embed", done, total)) if progress else None
    return embed_texts(texts, embedder, cache, report)  # shape (0, embedder.dim) when empty


def _vector_rows(articles: pl.DataFrame, vectors: NDArray[np.float32]) -> pl.DataFrame:
    """The embeddings table's rows for `articles` (rows aligned with `vectors`):
    article_id, published_at (the month partition `add` prunes by), vector
    (Array(Float32, dim))."""
    return articles.select("article_id", "published_at").with_columns(
        pl.Series("vector", vectors, dtype=pl.Array(pl.Float32, vectors.shape[1]))
    )


def _compare(
    corpus: Corpus,
    embedder: Embedder,
    config: Config,
    story_ids: list[str] | None,
    progress: Progress | None,
    seconds: dict[str, float],
    engine: Engine | None = None,
) -> None:
    """Store the outlet comparisons of the multi-outlet stories (all, or `story_ids`)."""
    import time

    if not config.compare.enabled:
        return
    t = time.perf_counter()
    compare_corpus(corpus, embedder, config.compare, story_ids, progress, engine)
    seconds["compare"] = time.perf_counter() - t


def _sha256(path: Path) -> str | None:
    """The file's sha256, or None where it cannot be read (its permissions changed, or it
    went away, after it was listed): ingest reports such a file as skipped, with why."""
    try:
        return file_sha256(path)
    except OSError:
        return None


def _inputs_read(ingested: IngestResult) -> list[dict[str, object]]:
    """The manifest's record of the input files read (skipped ones left out): path,
    sha256 and size (None and 0 for a file that vanished during the run), counts."""
    out: list[dict[str, object]] = []
    for row in ingested.per_file.filter(pl.col("format") != SKIPPED).iter_rows(named=True):
        path = Path(row["source_file"])
        exists = path.is_file()
        out.append(
            {
                "path": str(path),
                "sha256": _sha256(path) if exists else None,
                "bytes": path.stat().st_size if exists else 0,
                "format": row["format"],
                "read": row["read"],
                "rejected": row["rejected"],
            }
        )
    return out


def _finish(
    corpus: Corpus,
    manifest: dict[str, Any],
    ingested: IngestResult,
    n_stories: int,
    n_singletons: int,
    n_embedded: int,
    seconds: dict[str, float],
) -> RunResult:
    """Write the manifest (record counts add up over every run and add) and report;
    `n_stories`, `n_singletons`: the corpus's stories after the command."""
    previous = manifest.get("counts", {})
    counts = {
        key: previous.get(key, 0) + value
        for key, value in {
            "read": ingested.n_read,
            "accepted": ingested.n_accepted,
            "duplicates": ingested.n_duplicates,
            "rejected": ingested.n_rejected,
        }.items()
    }
    counts |= {"stories": n_stories, "singletons": n_singletons}
    corpus.write_manifest({**manifest, "counts": counts, "seconds": seconds})
    return RunResult(corpus, ingested, n_stories, n_singletons, n_embedded, seconds)


def _require_articles(ingested: IngestResult) -> None:
    """Raise IngestError, naming the first rejects, when no record became an article:
    an empty corpus would hide that nothing the user gave was read."""
    if ingested.articles.height:
        return
    shown = [
        f"{r['source_file']}:{r['source_line']} [{r['field']}] {r['reason']}"
        for r in ingested.rejects.head(5).iter_rows(named=True)
    ]
    more = f" (and {ingested.n_rejected - 5} more)" if ingested.n_rejected > 5 else ""
    raise IngestError(
        f"no article could be read: {ingested.n_read} records read, "
        f"{ingested.n_rejected} rejected{more}; nothing was written."
        + "".join(f"\n  rejected {line}" for line in shown)
    )


def run(
    inputs: Sequence[str | Path],
    out: Path,
    config: Config | None = None,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
    overwrite: bool = False,
    engine: Engine | None = None,
) -> RunResult:
    """Build the corpus directory `out` from `inputs` (files or folders of any
    supported format), as one commit. A corpus already at `out` is replaced only with
    `overwrite` (its marks, its outlet table and its earlier commits are kept), else
    CorpusExistsError;
    the embedding cache in `out/cache` (or config.embed.cache_dir) is reused. `engine`
    runs the encoder, extraction and comparisons (default: this process)."""
    import time

    config = config or Config()
    corpus = Corpus(Path(out), cache=config.embed.cache_dir)
    _refuse_existing(corpus, overwrite)  # before the work, and again under the lock
    seconds: dict[str, float] = {}
    # The outlet table the corpus's users imported survives a rebuild, as their marks
    # do: the new articles are identified with it and it is written again.
    own = own_outlets(corpus) if overwrite else None

    t = time.perf_counter()
    ingested = load_articles(
        inputs, config.ingest, read_files=engine.read_files if engine else None
    )
    ingested = replace(
        ingested, articles=with_own_outlets(ingested.articles, own, config.ingest.outlets)
    )
    seconds["ingest"] = time.perf_counter() - t
    _require_articles(ingested)

    originals = canonical_order(ingested.articles.filter(pl.col("duplicate_of").is_null()))
    check_memory(originals.height)
    inputs_read = _inputs_read(ingested)
    input_bytes = sum(int(i["bytes"]) for i in inputs_read)  # type: ignore[call-overload]
    check_disk(corpus.path, input_bytes, ingested.articles.height)
    t = time.perf_counter()
    # "auto" picks the model from the corpus's languages (embed.AutoEmbedder).
    embedder = embedder_for(embedder or load_embedder(config.embed), originals["lang"])
    on_engine = engine.article_embedder(embedder) if engine else embedder
    # The articles are extracted on a second thread while the encoder embeds them, and
    # what the cluster stage reads of each article alone is read there after them; what
    # the comparisons read of each text alone too, unless a second process will share
    # them (it would read its stories' texts again).
    read: list[ArticleReading] = []
    with extraction_ahead(
        engine,
        on_engine,
        ingested.articles,
        corpus.cache_dir(),
        config.compare,
        then=lambda: read.append(read_articles(originals, config)),
        read_ahead_texts=not compares_beside(engine, originals.height, config.compare),
    ) as encoder:
        vectors, n_new = embed_articles(originals, encoder, config, corpus.cache_dir(), progress)
    seconds["embed"] = time.perf_counter() - t
    reading = read[0] if read else None

    # A large run's comparisons are shared with a second process, started now: it loads
    # on the core the clustering leaves idle (`comparing_beside`).
    with comparing_beside(engine, originals.height, config.compare) as comparing:
        return _cluster_and_write(
            corpus,
            config,
            ingested,
            originals,
            vectors,
            embedder,
            n_new,
            inputs_read,
            own,
            overwrite,
            progress,
            seconds,
            engine,
            comparing,
            reading,
        )


def _cluster_and_write(
    corpus: Corpus,
    config: Config,
    ingested: IngestResult,
    originals: pl.DataFrame,
    vectors: NDArray[np.float32],
    embedder: Embedder,
    n_new: int,
    inputs_read: list[dict[str, object]],
    own: pl.DataFrame | None,
    overwrite: bool,
    progress: Progress | None,
    seconds: dict[str, float],
    engine: Engine | None,
    comparing: Engine | None,
    reading: ArticleReading | None = None,
) -> RunResult:
    """`run` once its articles are embedded: cluster them, build the stories and write
    the corpus in one commit, the comparisons (run by `comparing`) included. `reading`:
    `read_articles(originals, config)` read ahead (None: read here)."""
    import time

    t = time.perf_counter()
    reading = reading or read_articles(originals, config)
    doc_freq = document_frequencies(reading.counts)
    labels, noise = cluster_articles(
        originals, vectors, config, doc_freq, originals.height, progress, engine, reading
    )
    ids = originals["article_id"].to_list()
    now = datetime.now(UTC)
    assignments = with_duplicates(assignments_from_labels(ids, labels, noise), ingested.articles)
    stories = build_stories(ingested.articles, assignments, vectors, ids, now)
    seconds["cluster"] = time.perf_counter() - t

    history = built_history(stories, now)
    # One commit: readers see the corpus before or after this run, never half of it.
    with corpus.transaction("run", fresh=True) as store:
        _refuse_existing(corpus, overwrite)
        store.write("articles", ingested.articles.sort("article_id"))
        store.write("rejects", ingested.rejects)
        store.write("assignments", assignments)
        store.write("stories", stories)
        store.write("history", history)
        store.write("embeddings", _vector_rows(originals, vectors))
        threshold = config.ingest.near_duplicate_threshold
        store.write("duplicate_keys", duplicate_keys(ingested.articles, threshold))
        store.write_term_stats(doc_freq)
        if own is not None:
            store.write("outlets", own)
        remember_outlets(store, own, config.ingest.outlets)  # what `add` checks its table by
        _compare(store, embedder, config, None, progress, seconds, comparing)
        manifest = {"inputs": inputs_read, "config": config.to_dict(), "embedder": embedder.name}
        n_singletons = int(stories["is_singleton"].sum())
        result = _finish(store, manifest, ingested, stories.height, n_singletons, n_new, seconds)
    return replace(result, corpus=corpus)


def built_history(stories: pl.DataFrame, at: datetime) -> pl.DataFrame:
    """HISTORY of a corpus built at `at`: one "built" row per story of STORIES."""
    return stories.select(
        pl.lit(at, dtype=schema.UTC_DATETIME).alias("at"),
        pl.lit("built").alias("kind"),
        "story_id",
        pl.lit([], dtype=pl.List(pl.String)).alias("old_story_ids"),
        pl.concat_list("story_id").alias("new_story_ids"),
        pl.col("size").alias("n_added"),
    )


def _refuse_existing(corpus: Corpus, overwrite: bool) -> None:
    """Raise CorpusExistsError when `run` would replace a corpus it was not told to."""
    if overwrite:
        return
    if corpus.exists() or corpus.is_legacy():
        raise CorpusExistsError(
            f"a corpus already exists at {corpus.path}: add articles to it with "
            f"`storylens add INPUT... --corpus {corpus.path}`, or replace it with "
            "`storylens run ... --overwrite`"
            + (" (convert it first with `storylens migrate`)" if corpus.is_legacy() else "")
        )


def corpus_config(corpus: Corpus) -> Config:
    """The configuration the corpus was built (or last added to) with; the defaults for
    a corpus written before configurations were recorded."""
    recorded = corpus.manifest.get("config", {})
    # A corpus recorded before embed.minilm_runtime holds torch's MiniLM vectors: its new
    # articles are embedded the same way (the int8 default came later).
    embed = recorded.get("embed", {})
    if "minilm_runtime" not in embed:
        recorded = recorded | {"embed": embed | {"minilm_runtime": "torch"}}
    return load_config(None, **recorded)


def add(
    inputs: Sequence[str | Path],
    corpus_dir: Path,
    config: Config | None = None,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
    engine: Engine | None = None,
) -> RunResult:
    """Add new articles to an existing corpus, keeping story ids (`engine` as in `run`).

    Only the new articles are embedded. They are linked to existing articles with the
    same candidate rule as a full run; the stories they touch are re-clustered
    together with them (so the work grows with the new articles and the stories they
    join, not with the corpus), and `lineage.reconcile` keeps old ids, recording
    merges and splits in the history table. Everything else is left exactly as it was:
    new rows are appended, changed stories and assignments MERGEd, in one commit.
    Without `config`, the corpus's own (the one it was built or last added with) is used.
    """
    corpus = Corpus(Path(corpus_dir)).require()
    # Under the corpus's writer lock: concurrent adds run one after another, each on
    # what the one before committed, so no article is lost; a dead add commits nothing.
    with corpus.transaction("add") as store:
        result = _add(inputs, store, config, embedder, progress, engine)
    return replace(result, corpus=corpus)


def _add(
    inputs: Sequence[str | Path],
    corpus: Corpus,
    config: Config | None,
    embedder: Embedder | None,
    progress: Progress | None,
    engine: Engine | None = None,
) -> RunResult:
    """`add` inside its transaction (`corpus` reads and writes it)."""
    import time

    config = config or corpus_config(corpus)
    corpus = replace(corpus, cache=config.embed.cache_dir)
    seconds: dict[str, float] = {}
    now = datetime.now(UTC)

    t = time.perf_counter()
    inputs = _not_added_yet(inputs, corpus)
    if not inputs:  # every file was added by an earlier commit: nothing to do
        return _nothing_added(corpus)
    threshold = config.ingest.near_duplicate_threshold
    if corpus.needs_upgrade(threshold):  # a corpus written before the lookup tables
        log.warning("%s: writing its lookup tables (once)", corpus.path)
        corpus.upgrade(threshold)
    # Duplicates are looked up by the stored keys (their index), never by re-reading
    # every article.
    stored = corpus.stored_keys()
    ingested = load_articles(
        inputs, config.ingest, existing=stored, read_files=engine.read_files if engine else None
    )
    # Outlets as the corpus's own table names them (storylens outlets import), as its
    # stored articles are.
    own = own_outlets(corpus)
    ingested = replace(
        ingested, articles=with_own_outlets(ingested.articles, own, config.ingest.outlets)
    )
    # Stored articles identified with another table than the new ones (a StoryLens
    # upgrade, another ingest.outlets CSV) are identified again, in this commit; the
    # stories whose outlets that changed are compared again below.
    n_renamed, renamed = refresh_outlets(corpus, own, config.ingest.outlets)
    seconds["ingest"] = time.perf_counter() - t

    new_copies = ingested.articles.filter(pl.col("duplicate_of").is_not_null())
    fresh = canonical_order(ingested.articles.filter(pl.col("duplicate_of").is_null()))
    t = time.perf_counter()
    # The model the corpus was built with (its stored articles' languages chose it):
    # new vectors must be comparable with the stored ones.
    built_with = (
        corpus.scan("articles", ordered=False)
        .filter(pl.col("duplicate_of").is_null())
        .select("lang")
        .collect()
    )
    embedder = embedder_for(embedder or load_embedder(config.embed), built_with["lang"])
    on_engine = engine.article_embedder(embedder) if engine else embedder
    # As in `run`: the new articles are extracted on a second thread while the encoder
    # embeds them, and what the cluster stage reads of each new article alone is read
    # there after them (the stored articles it re-clusters are read in the stage).
    read: list[ArticleReading] = []
    with extraction_ahead(
        engine,
        on_engine,
        ingested.articles,
        corpus.cache_dir(),
        config.compare,
        then=lambda: read.append(read_articles(fresh, config)),
    ) as encoder:
        fresh_vectors, n_new = embed_articles(fresh, encoder, config, corpus.cache_dir(), progress)
    seconds["embed"] = time.perf_counter() - t

    t = time.perf_counter()
    # Nothing read ahead (one core, comparisons off, Ray, a failure there): read here.
    fresh_reading = read[0] if read else read_articles(fresh, config)

    def cluster(
        subset: pl.DataFrame, vectors: NDArray[np.float32], doc_freq: NDArray[np.int64], n: int
    ) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
        reading = read_along(subset, fresh["article_id"], fresh_reading, config)
        return cluster_articles(
            subset, vectors, config, doc_freq, n, engine=engine, reading=reading
        )

    # The new articles' words are hashed once, for the term statistics and the clustering.
    fresh_doc_freq = document_frequencies(fresh_reading.counts)
    attached = attach(
        corpus, fresh, fresh_vectors, new_copies, fresh_doc_freq, config.cluster, cluster, now
    )
    seconds["cluster"] = time.perf_counter() - t

    # Only what changed is written: new rows appended, changed rows MERGEd.
    t = time.perf_counter()
    corpus.extend("articles", ingested.articles.sort("article_id"))
    corpus.extend("duplicate_keys", duplicate_keys(ingested.articles, threshold))
    corpus.extend("rejects", ingested.rejects)
    corpus.merge("assignments", attached.assignments, "article_id")
    corpus.merge("stories", attached.stories, "story_id", delete=attached.changed)
    corpus.extend("history", attached.history)
    corpus.extend("embeddings", _vector_rows(fresh, fresh_vectors))
    corpus.write_term_stats(attached.doc_freq)
    seconds["write"] = time.perf_counter() - t
    to_compare = sorted({*attached.changed, *renamed})
    _compare(corpus, embedder, config, to_compare, progress, seconds, engine)
    manifest = corpus.manifest
    manifest["inputs"] = manifest.get("inputs", []) + _inputs_read(ingested)
    manifest["config"] = config.to_dict()
    result = _finish(
        corpus, manifest, ingested, attached.n_stories, attached.n_singletons, n_new, seconds
    )
    note = outlets_note(n_renamed, len(renamed))
    return replace(result, notes=(note,)) if note else result


def _nothing_added(corpus: Corpus) -> RunResult:
    """The result of an `add` whose every input an earlier commit added."""
    stories = corpus.scan("stories", ordered=False).select(pl.len(), pl.col("is_singleton").sum())
    n_stories, n_singletons = stories.collect().row(0)
    nothing = IngestResult(
        schema.empty(schema.ARTICLES),
        schema.empty(schema.REJECTS),
        pl.DataFrame(schema=PER_FILE),
        0,
        0,
        0,
        0,
    )
    return RunResult(corpus, nothing, int(n_stories), int(n_singletons or 0), 0, {})


def _not_added_yet(inputs: Sequence[str | Path], corpus: Corpus) -> list[str | Path]:
    """`inputs` less the files an earlier commit added (same path and sha256): the same
    `add` run again (after it was killed, or its exit went unseen) adds nothing twice.
    Folders are expanded only when they hold such a file."""
    seen = {(i["path"], i["sha256"]) for i in corpus.manifest.get("inputs", [])}
    if not seen:
        return list(inputs)
    try:
        files = list(iter_input_files(inputs))
    except IngestError:
        return list(inputs)  # load_articles says what is wrong with them
    pending = [p for p in files if (str(p), _sha256(p)) not in seen]
    if len(pending) == len(files):
        return list(inputs)
    log.warning("%d input files were added before; they are skipped", len(files) - len(pending))
    return list(pending)


def pending_files(folder: Path, corpus: Corpus) -> list[Path]:
    """Files under `folder` that the corpus has not ingested yet (new, or changed since:
    compared by path and sha256 with the manifest's inputs)."""
    seen = {(i["path"], i["sha256"]) for i in corpus.manifest.get("inputs", [])}
    try:
        files = list(iter_input_files([folder]))
    except IngestError:  # an empty folder: nothing to do yet
        return []
    return [p for p in files if (str(p), _sha256(p)) not in seen]


def watch_once(
    folder: Path,
    corpus_dir: Path,
    config: Config | None = None,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
) -> RunResult | None:
    """One pass of `storylens watch`: build the corpus from `folder` if it does not
    exist, else `add` the files that arrived or changed since. None when nothing did."""
    corpus = Corpus(Path(corpus_dir))
    if not corpus.exists():
        if not pending_files(folder, corpus):
            return None
        return run([folder], corpus.path, config, embedder, progress)
    files = pending_files(folder, corpus)
    if not files:
        return None
    return add(files, corpus.path, config, embedder, progress)


def story_articles(corpus: Corpus, story_id: str) -> pl.DataFrame:
    """ARTICLES of one story (the query is `Corpus.story_articles`; kept here for the
    callers that import it from the pipeline)."""
    return corpus.story_articles(story_id)


__all__ = [
    "RunResult",
    "add",
    "built_history",
    "run",
    "watch_once",
    "pending_files",
    "canonical_order",
    "embed_articles",
    "story_articles",
    "schema",
]
