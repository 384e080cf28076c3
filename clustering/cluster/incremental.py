"""Incremental clustering: attach the articles of an `add` to a stored corpus.

Which stored articles a new one is compared with, which stories are re-clustered with
it, and what that changes (assignments, stories, history), reading from the corpus
only what those stories and the new articles' months need:

- **Pruning by time.** An article is linked only to articles at most
  `max_gap_days` apart (the rule of a full run), and the embeddings are stored in
  month partitions, so `attach` reads the vectors of the months within max_gap_days
  of the new articles and none other. A news corpus grows by adding days: with a
  window of weeks (`max_gap_days` = 30 on a corpus of years), the vectors compared
  stay the same whatever the corpus's size. With the default window (3650 days) every
  month is read, and this step grows with the corpus again (measured in
  benchmarks/RESULTS.md, section "Store").
- **A vector index for long windows.** Within a window of weeks a brute-force product
  of unit vectors (numpy, BLAS) gives exactly the neighbours a full run's candidate
  graph would, and costs what the window holds. A window of years (max_gap_days >=
  INDEX_MIN_GAP_DAYS, the default 3650) holds the whole corpus, so there `attach` asks
  an HNSW index (usearch) kept in the corpus for the INDEX_DEPTH nearest stored
  articles of each new one, filters them by time afterwards, and records the new
  vectors under new file names that the commit of the add names
  (`Corpus.record_vector_index`): a kill -9 or a writer without it leaves it stale, and
  a stale or missing index is rebuilt from the embeddings, never read. The large main
  index is memory-mapped and never rewritten by an add: the new vectors go to a small
  side index (searched too), merged into the main one once it holds SIDE_SHARE of it,
  so an add copies what the side holds, not the corpus.
  The index answers for the older articles only: those published within
  EXACT_RECENT_DAYS of a new article (where most of its nearest lie) are compared with
  it exactly, from the exact vectors kept beside the index (a fortnight's articles,
  whatever the corpus's size). The HNSW graph alone found 0.82 of the exact search's
  stories at 1M (recall@30 0.76) and sent the add to re-cluster larger stories; with
  the recent days exact, 0.968 (100k: 0.997; benchmarks/RESULTS.md, section "Store").
- **Members by id, a bounded sample of each.** The stories a new article may join are
  read back by id (their vectors, with the index, from the exact float32 copies kept
  beside it, row for key, memory-mapped: only those rows are read); at most
  MEMBERS_PER_STORY originals of each are re-clustered with the new articles (those
  nearest the new articles, then those nearest the story's centroid: `sample_members`)
  and read with their text, the others following where most of them go. Stories grow
  with the corpus (a long window keeps them open for months), the re-clustered set
  must not: it costs what the new articles touch. Only the stories that an article
  joined or left are rebuilt, from all their members (read without their bodies).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
from numpy.typing import NDArray

from clustering import schema
from clustering.cluster import SPARSE_FEATURES, day_numbers, small_pages
from clustering.config import ClusterConfig
from clustering.corpus import Corpus, VectorIndexFiles, months
from clustering.lineage import reconcile
from clustering.stories import build_stories, with_duplicates

#: Stories, per new article, that `add` re-clusters: its most similar ones.
NEIGHBOUR_STORIES = 3

#: Stored originals of each touched story that `add` re-clusters with the new articles,
#: at most (see `sample_members`); the others follow where most of those go. A story's
#: size follows the corpus's (a long window lets stories grow for months), the
#: re-clustered set must not: with every member, the 1,000 articles added to the 1M store
#: corpus were clustered with 16k stored ones, to the 100k corpus with 9k (64: 11.6k and
#: 8.0k). Not lower: replaying the labelled sets day by day, 16 lowered B-cubed
#: (giveme5w1h 0.945 -> 0.928, neus_allsides 0.858 -> 0.835): their day-by-day stories
#: reach 17-64 articles, and re-clustered whole they split where a sample cannot tell;
#: 64 gives the figures of every member.
MEMBERS_PER_STORY = 64

#: max_gap_days from which `attach` searches the vector index rather than reading the
#: window's vectors (a window of a year holds most of a news corpus).
INDEX_MIN_GAP_DAYS = 365.0

#: Stored articles asked of the index per new article, before the time filter.
INDEX_DEPTH = 64

#: Days around the new articles within which `attach` compares them with every stored
#: article exactly (BLAS), the index answering for the older ones only. A new article's
#: nearest stored articles are mostly days old (1M synthetic corpus: median age of the
#: exact top 30 above the threshold 6 days, 75% within 12; real news drifts faster), and
#: there the HNSW graph misses most at scale: with the index alone an add found 0.82 of
#: the exact search's stories at 1M (recall@30 0.76), re-clustering larger stories
#: instead (11.2k members against the exact 7.5k); with the last 14 days exact, 0.976
#: (100k: 0.97 -> 0.998). The days compared exactly hold what a fortnight of news holds,
#: whatever the corpus's size (7 days: 0.944 at 1M).
EXACT_RECENT_DAYS = 14.0

#: HNSW parameters (usearch): links per node, and the candidates kept while adding and
#: searching. Measured on the 100k synthetic corpus: connectivity 8 / expansion 32
#: recalls 0.73 of the exact top 30, 16 / 64 recalls 0.92 (build 3 times slower). The
#: search's expansion applies when searching only (an index built with another is read
#: as it is): since the last EXACT_RECENT_DAYS are compared exactly, the index answers
#: for older articles only, and 64 finds 0.968 of the exact search's stories at 1M
#: against 0.976 at 128, in half the search's CPU (0.74 s against 1.48 s a batch).
HNSW_CONNECTIVITY, HNSW_EXPANSION_ADD, HNSW_EXPANSION_SEARCH = 16, 64, 64

#: (articles, unit vectors, doc_freq, n_docs) -> (labels, noise): the clustering of a
#: full run (pipeline.cluster_articles), applied to the re-clustered subset.
Clusterer = Callable[
    [pl.DataFrame, NDArray[np.float32], NDArray[np.int64], int],
    tuple[NDArray[np.int64], NDArray[np.bool_]],
]

#: The ARTICLES columns clustering reads (features, facts, canonical order).
_CLUSTER_COLUMNS = ["article_id", "published_at", "title", "body", "lead", "duplicate_of"]

#: The ARTICLES columns `build_stories` reads: a story's stored members that are not
#: re-clustered are read without their bodies (most of an article's bytes).
_STORY_COLUMNS = ["article_id", "outlet", "title", "lead", "published_at", "duplicate_of"]


def canonical_order(articles: pl.DataFrame) -> pl.DataFrame:
    """Articles in the order clustering sees them: by publication day (unknown last),
    then article_id. Any input order gives the same order, hence the same stories."""
    return articles.sort([pl.col("published_at").dt.date(), "article_id"], nulls_last=True)


@dataclass(frozen=True)
class Attached:
    """What an `add` changes. assignments: ASSIGNMENTS rows that are new or changed
    (to MERGE on article_id); stories: STORIES rebuilt for `changed` (to MERGE on
    story_id, deleting the ids of `changed` that are gone); history: HISTORY rows;
    doc_freq: the corpus's term statistics with the new articles counted; n_stories
    and n_singletons: the corpus's stories after the add."""

    assignments: pl.DataFrame
    stories: pl.DataFrame
    changed: list[str]
    history: pl.DataFrame
    doc_freq: NDArray[np.int64]
    n_stories: int
    n_singletons: int


def neighbour_stories(
    new_vectors: NDArray[np.float32],
    new_days: NDArray[np.float64],
    old_vectors: NDArray[np.float32],
    old_days: NDArray[np.float64],
    story_of: NDArray[np.object_],
    config: ClusterConfig,
) -> set[str]:
    """Stories of stored articles that some new article could join: for each new
    article (rows of `new_vectors`, unit, with `new_days`), the stories (`story_of`)
    of its most similar stored articles (rows of `old_vectors`, `old_days`; NaN days
    unknown), at most NEIGHBOUR_STORIES distinct stories, among those with cosine
    similarity at least max(attach_similarity, link_similarity) and at most
    max_gap_days apart. Ties are broken by row, so give the rows in a fixed order.

    A full run would re-cluster whole blocks (links >= link_similarity), but an
    article joins at most one story and bridges at most a few: re-clustering every
    loosely linked neighbour only churns ids and makes `add` cost grow with the corpus.
    Cost: new x given stored dot products (see `attach` for which are given).
    """
    touched: set[str] = set()
    if not len(old_vectors) or not len(new_vectors):
        return touched
    threshold = max(config.attach_similarity, config.link_similarity)
    depth = min(10 * NEIGHBOUR_STORIES, len(old_vectors))
    all_days = np.concatenate([new_days, old_days])
    known = all_days[~np.isnan(all_days)]
    # Most corpora span less than max_gap_days: then no pair is too far apart in time.
    check_gap = len(known) > 0 and known.max() - known.min() > config.max_gap_days
    for start in range(0, len(new_vectors), 1024):
        sims = new_vectors[start : start + 1024] @ old_vectors.T
        for day, row in zip(new_days[start : start + 1024], sims, strict=True):
            # Only the few articles above the threshold are ranked, not the whole corpus,
            # and only they are checked for time (NaN: unknown, never too far).
            candidates = np.flatnonzero(row >= threshold)
            if check_gap:
                candidates = candidates[~(np.abs(old_days[candidates] - day) > config.max_gap_days)]
            if len(candidates) > depth:
                candidates = candidates[np.argpartition(-row[candidates], depth - 1)[:depth]]
            ranked = candidates[np.lexsort((candidates, -row[candidates]))]
            stories: list[str] = []
            for index in ranked:
                if len(stories) == NEIGHBOUR_STORIES:
                    break
                if story_of[index] not in stories:
                    stories.append(story_of[index])
            touched.update(stories)
    return touched


def _vectors(frame: pl.DataFrame, dim: int) -> NDArray[np.float32]:
    """The `vector` column (no nulls) as float32, shape (rows, dim)."""
    column = frame["vector"].cast(pl.Array(pl.Float32, dim))
    return column.to_numpy().reshape(frame.height, dim).astype(np.float32, copy=False)


def _window_bounds(fresh: pl.DataFrame, max_gap_days: float) -> tuple[datetime, datetime] | None:
    """(start, end): the publication times within max_gap_days of some new article
    (`fresh`); None when one is undated (then every stored time is in the window)."""
    published = fresh["published_at"]
    if published.null_count() or not published.len():
        return None
    gap = timedelta(days=max_gap_days)
    return published.min() - gap, published.max() + gap  # type: ignore[operator,return-value]


def _window(corpus: Corpus, fresh: pl.DataFrame, max_gap_days: float) -> pl.DataFrame:
    """Stored originals that the new articles may link to (article_id, published_at,
    vector, story_id), sorted by article_id: those published within max_gap_days of
    them (`_window_bounds`) or undated, read from the month partitions that hold them
    ("unknown" included); every stored original when a new article is undated."""
    published = fresh["published_at"]
    stored = corpus.scan("embeddings", ordered=False)
    bounds = _window_bounds(fresh, max_gap_days)
    if bounds is not None:
        start, end = bounds
        stored = corpus.scan(
            "embeddings", months=months(published, max_gap_days), ordered=False
        ).filter(  # undated stored articles are never too far (NaN days)
            pl.col("published_at").is_between(start, end) | pl.col("published_at").is_null()
        )
    vectors = stored.select("article_id", "published_at", "vector").collect()
    stories = (
        corpus.scan("assignments", ordered=False)
        .filter(pl.col("article_id").is_in(vectors["article_id"].implode()))
        .select("article_id", "story_id")
        .collect()
    )
    return vectors.join(stories, on="article_id").sort("article_id")


def _hnsw(dim: int) -> Any:
    try:
        from usearch.index import Index
    except ImportError:  # a declared dependency: only a broken install lacks it
        raise ImportError("the vector index needs usearch: pip install usearch") from None
    return Index(
        ndim=dim,
        metric="ip",
        dtype="f16",
        connectivity=HNSW_CONNECTIVITY,
        expansion_add=HNSW_EXPANSION_ADD,
        expansion_search=HNSW_EXPANSION_SEARCH,
    )


#: Segment files of exact vectors (see `VectorIndexFiles`) after which an add writes
#: them as one: each add writes one small file, and reading many costs opens.
MAX_SEGMENTS = 32

#: Rows from which a segment of exact vectors is written in order of publication (with
#: a positions file: `VectorIndex.positions`) rather than in key order. An add compares
#: a new article exactly with the stored articles of the last EXACT_RECENT_DAYS; keys
#: are in article_id order, which says nothing of time, so in key order those rows lie
#: all over the segment that holds the corpus (1.5 GB at 1M), and with the kernel's
#: readahead a cold add read 1.29 GB of it for 49k rows. In time order they are one run
#: of the file (75 MB). An add's own segment (its batch) is small: written as it is.
TIME_ORDER_MIN_ROWS = 10_000

#: Share of the main index's keys that the side index (the adds since the main index
#: was written) may reach before an add merges it into the main one. The main index is
#: memory-mapped and never rewritten by an add below it, so an add's write costs what
#: the side holds; the merge copies the main index once per SIDE_SHARE of growth.
SIDE_SHARE = 0.1


@dataclass
class VectorIndex:
    """The vector index of a corpus, as an add reads and extends it. main: usearch
    Index (f16, inner product) of keys 0 .. len(main) - 1, memory-mapped from
    `main_file` (read-only) or, when main_file is None, built or merged in memory;
    side: usearch Index of the keys after them; key i = row i of `keys` (article_id,
    published_at); segments: files of the exact float32 vectors of keys' rows, in order,
    then `pending`: rows not yet in a file (shape (rows, dim)), written as one new
    segment by `save_vector_index`; positions: for each segment, None when its rows are
    in key order, else the file row of each of its keys (int32, shape (rows,)): a large
    segment is written in order of publication (TIME_ORDER_MIN_ROWS), read from
    `position_files` (the same, as paths); empty: none is."""

    main: Any
    main_file: Path | None
    side: Any
    keys: pl.DataFrame
    segments: list[Path]
    pending: NDArray[np.float32]
    positions: list[NDArray[np.int32] | None] = field(default_factory=list)
    position_files: list[Path | None] = field(default_factory=list)

    def __len__(self) -> int:
        return int(len(self.main) + len(self.side))

    def arrays(self) -> list[NDArray[np.float32]]:
        """The exact vectors, one array per segment file (memory-mapped, rows as the
        file holds them: see `positions`), then pending."""
        return [np.load(p, mmap_mode="r") for p in self.segments] + [self.pending]

    def in_key_order(self) -> NDArray[np.float32]:
        """Every exact vector, row i for key i (float32, shape (len(self), dim)): reads
        every segment whole, in file order (a merge of the segments, never a step of a
        plain add): a segment in time order is scattered to its keys' rows, not gathered
        through its memory map in key order (random reads of a file of GBs)."""
        arrays = self.arrays()
        positions = [*(self.positions or [None] * len(self.segments)), None]
        out = np.empty((sum(len(a) for a in arrays), int(self.main.ndim)), dtype=np.float32)
        start = 0
        for array, position in zip(arrays, positions, strict=True):
            rows = out[start : start + len(array)]
            if position is None:
                rows[:] = array
            else:  # file row r holds key inverse[r]
                inverse = np.empty_like(position)
                inverse[position] = np.arange(len(position), dtype=position.dtype)
                for at in range(0, len(array), _COPY_ROWS):
                    rows[inverse[at : at + _COPY_ROWS]] = array[at : at + _COPY_ROWS]
            start += len(array)
        return out

    def rows(self, keys: NDArray[np.int64]) -> NDArray[np.float32]:
        """Exact vectors of `keys` (float32, shape (len(keys), dim)), reading those rows
        only: from the segment files by `_read_rows` (one read per run of consecutive
        file rows; a segment in order of publication holds a window's keys as one run),
        from `pending` in memory."""
        arrays = self.arrays()
        positions = self.positions or [None] * len(self.segments)
        starts = np.cumsum([0] + [len(a) for a in arrays])
        out = np.empty((len(keys), int(self.main.ndim)), dtype=np.float32)
        which = np.searchsorted(starts, keys, side="right") - 1
        for i, array in enumerate(arrays):
            picked = np.flatnonzero(which == i)
            if not len(picked):
                continue
            rows = keys[picked] - starts[i]
            if i < len(positions) and positions[i] is not None:
                rows = positions[i][rows].astype(np.int64)  # type: ignore[index]
            if isinstance(array, np.memmap):
                out[picked] = _read_rows(array, rows)
            else:
                out[picked] = array[rows]
        return out

    def vectors_of(self, article_ids: pl.Series) -> pl.DataFrame:
        """(article_id, vector) of those of `article_ids` the index holds, in key order,
        the vectors exact float32 copies of the stored embeddings; read from the rows
        asked for only, not from month partitions of the embeddings."""
        rows = (
            self.keys.select("article_id")
            .with_row_index("key")
            .join(article_ids.to_frame("article_id"), on="article_id", how="semi")
        )
        dim = int(self.main.ndim)
        vectors = self.rows(rows["key"].to_numpy().astype(np.int64))
        return pl.DataFrame(
            {
                "article_id": rows["article_id"],
                "vector": pl.Series(vectors, dtype=pl.Array(pl.Float32, dim)),
            }
        )

    def add(self, article_rows: pl.DataFrame, vectors: NDArray[np.float32]) -> None:
        """Append `article_rows` (article_id, published_at) with their unit `vectors` as
        the next keys: to the side index, merged into the main one (in memory, exact
        vectors) once the side holds more than SIDE_SHARE of it."""
        if not article_rows.height:
            return
        n = len(self)
        self.side.add(np.arange(n, n + article_rows.height, dtype=np.uint64), vectors)
        self.keys = pl.concat([self.keys, article_rows.select("article_id", "published_at")])
        self.pending = np.concatenate([self.pending, vectors.astype(np.float32)])
        if len(self.side) > SIDE_SHARE * len(self.main):
            main = _hnsw(int(self.main.ndim))
            if self.main_file is not None:  # a memory map cannot grow: load it
                main.load(str(self.main_file))
            else:
                main = self.main
            keys = np.arange(len(main), len(self), dtype=np.int64)
            main.add(keys.astype(np.uint64), self.rows(keys))
            self.main, self.main_file, self.side = main, None, _hnsw(int(main.ndim))


#: Rows copied at a time when a segment is written or read in another order (96 MB).
_COPY_ROWS = 65_536

#: `_read_rows` reads its runs with _READ_THREADS threads from _THREADED_RUNS runs on.
_READ_THREADS, _THREADED_RUNS = 8, 256


def _read_rows(array: np.memmap, rows: NDArray[np.int64]) -> NDArray[np.float32]:
    """Rows `rows` of the memory-mapped .npy `array` (2-d, C order), read from its file
    with one `os.preadv` per run of consecutive rows (in ascending row order), not
    through the map. Why: the rows an add asks for (a fortnight's articles, a story's
    members) are scattered over a file of up to GBs, and gathering them through the
    map page-faults each one into this process (measured on the 1M store corpus, 41k
    rows of 1.5 kB: 0.18-0.33 s CPU, mostly the kernel's, against 0.03 s read).
    The file is read without readahead (POSIX_FADV_RANDOM): rows ascending look
    sequential to the kernel, whose readahead (8 MB on the benchmark's disk) then read
    the whole 1.5 GB file of the 1M corpus, cold, for 57k rows. Many runs (a story's
    members) are read by a few threads at once: a cold 4 kB read waits on the disk
    (70 us there), not on the CPU, and preadv releases the GIL."""
    import os

    out = np.empty((len(rows), *array.shape[1:]), dtype=array.dtype)
    if not len(rows):
        return out
    order = np.argsort(rows, kind="stable")
    ordered = rows[order]
    row_bytes = int(array.strides[0])
    run_starts = np.flatnonzero(np.diff(ordered) != 1) + 1
    bounds = zip(
        np.concatenate([[0], run_starts]), np.concatenate([run_starts, [len(ordered)]]), strict=True
    )
    into = np.empty_like(out)  # rows in ascending order, then put back in the asked order
    view = into.reshape(-1).view(np.uint8).data
    fd = os.open(str(array.filename), os.O_RDONLY)

    def read(run: tuple[int, int]) -> None:
        first, last = run
        at = int(array.offset) + int(ordered[first]) * row_bytes
        want = (last - first) * row_bytes
        done = 0
        while done < want:  # a regular file returns all but at its end; loop anyway
            got = os.preadv(fd, [view[first * row_bytes + done : last * row_bytes]], at + done)
            if got <= 0:
                raise OSError(f"{array.filename}: short read at row {ordered[first]}")
            done += got

    try:
        if hasattr(os, "posix_fadvise"):  # not on macOS or Windows: read as before there
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_RANDOM)
        runs = [(int(first), int(last)) for first, last in bounds]
        if len(runs) < _THREADED_RUNS:
            for run in runs:
                read(run)
        else:
            from concurrent.futures import ThreadPoolExecutor

            def read_all(some: list[tuple[int, int]]) -> None:
                for run in some:
                    read(run)

            # One task per thread (a task per run costs more than a warm read).
            with ThreadPoolExecutor(_READ_THREADS) as pool:
                list(pool.map(read_all, [runs[i::_READ_THREADS] for i in range(_READ_THREADS)]))
    finally:
        os.close(fd)
    out[order] = into
    return out


def _stored_in_key_order(corpus: Corpus, keys: pl.DataFrame, dim: int) -> NDArray[np.float32]:
    """Every stored vector in the order of `keys` (article_id): the whole embeddings
    table, read once when an index has no exact vectors beside it."""
    stored = corpus.scan("embeddings", ordered=False).select("article_id", "vector").collect()
    ordered = keys.select("article_id").join(stored, on="article_id", maintain_order="left")
    return _vectors(ordered, dim)


def build_vector_index(corpus: Corpus, dim: int) -> VectorIndex:
    """The index of every stored vector (see `VectorIndex`), keys sorted by article_id,
    all in the main index (in memory), all exact vectors pending. Reads the whole
    embeddings table: run once, when the corpus has no current index (see
    `Corpus.vector_index`)."""
    stored = (
        corpus.scan("embeddings", ordered=False)
        .select("article_id", "published_at", "vector")
        .collect()
        .sort("article_id")
    )
    index = _hnsw(dim)
    vectors = _vectors(stored, dim) if stored.height else np.zeros((0, dim), np.float32)
    if stored.height:
        index.add(np.arange(stored.height, dtype=np.uint64), vectors)
    return VectorIndex(index, None, _hnsw(dim), stored.drop("vector"), [], vectors)


def _open_index(corpus: Corpus, dim: int) -> VectorIndex:
    """The corpus's current index (see `build_vector_index`), its main index
    memory-mapped; rebuilt when it has none, or when the files disagree with each other
    or with `dim`; its exact vectors read from the embeddings when its record names
    none."""
    files = corpus.vector_index()
    if files is not None:
        main, side = _hnsw(dim), _hnsw(dim)
        main.view(str(files.index))  # read-only, paged in as searched: no copy
        if files.side is not None:
            side.load(str(files.side))
        keys = pl.read_parquet(files.keys)
        if main.ndim == dim and len(main) + len(side) == keys.height:
            segments = list(files.segments)
            lengths = [np.load(p, mmap_mode="r").shape[0] for p in segments]
            # Read whole: 4 bytes a key (4 MB at 1M), against 1.5 kB a key of vectors.
            positions = [None if p is None else np.load(p) for p in files.positions]
            fits = all(
                p is None or p.shape == (n,) for p, n in zip(positions, lengths, strict=False)
            )
            if segments and sum(lengths) == keys.height and fits:
                empty = np.zeros((0, dim), np.float32)
                return VectorIndex(
                    main, files.index, side, keys, segments, empty, positions, list(files.positions)
                )
            exact = _stored_in_key_order(corpus, keys, dim)
            return VectorIndex(main, files.index, side, keys, [], exact)
    return build_vector_index(corpus, dim)


def save_vector_index(corpus: Corpus, found: VectorIndex) -> None:
    """Write `found` as the index of the commit `corpus` (a transaction) is making: its
    main index only when built or merged in memory (else the file it maps is kept),
    its side index, keys, and pending vectors as a new segment; more than
    MAX_SEGMENTS segments are written as one. A new segment of TIME_ORDER_MIN_ROWS
    rows or more is written in order of publication (undated last, then by key), with
    its positions file (see `VectorIndex`): the same vectors, laid out so that a
    window of days is one run of the file."""
    segments, pending = found.segments, found.pending
    positions = list(found.position_files) or [None] * len(segments)
    if len(segments) >= MAX_SEGMENTS:
        segments, pending, positions = [], found.in_key_order(), []
    main_file = found.main_file
    if main_file is None:
        main_file = corpus.new_index_file(".usearch")
        found.main.save(str(main_file))
    side_file = None
    if len(found.side):
        side_file = corpus.new_index_file(".side.usearch")
        found.side.save(str(side_file))
    keys_file = corpus.new_index_file(".keys.parquet")
    # Written whole by every add: uncompressed and without statistics (nothing filters
    # it), 1M keys in 0.02 s against 0.06 s (and read in 0.01 s against 0.02 s).
    found.keys.write_parquet(keys_file, compression="uncompressed", statistics=False)
    if len(pending):
        segment = corpus.new_index_file(".npy")
        order = None
        if len(pending) >= TIME_ORDER_MIN_ROWS:
            order = (  # row j of the file: pending row order[j]
                found.keys.tail(len(pending))
                .select("published_at")
                .with_row_index("row")
                .sort(["published_at", "row"], nulls_last=True)["row"]
                .to_numpy()
            )
        if order is None:
            with segment.open("wb") as fh:
                np.save(fh, np.ascontiguousarray(pending, dtype=np.float32))
        else:  # written a block at a time: no second copy of every vector in memory
            written = np.lib.format.open_memmap(
                segment, mode="w+", dtype=np.float32, shape=pending.shape
            )
            for at in range(0, len(order), _COPY_ROWS):
                written[at : at + _COPY_ROWS] = pending[order[at : at + _COPY_ROWS]]
            written.flush()
            del written
        position_file = None
        if order is not None:
            position_file = corpus.new_index_file(".pos.npy")
            inverse = np.empty(len(order), dtype=np.int32)
            inverse[order] = np.arange(len(order), dtype=np.int32)
            np.save(position_file, inverse)
        segments, positions = [*segments, segment], [*positions, position_file]
    corpus.record_vector_index(
        VectorIndexFiles(
            main_file, keys_file, side_file, tuple(segments), len(found), tuple(positions)
        )
    )


def time_order_vector_index(corpus: Corpus, dim: int) -> bool:
    """Rewrite the exact vectors of the current index of `corpus` (a transaction) as one
    segment in order of publication, as a merge of its segments (MAX_SEGMENTS) would,
    when one of TIME_ORDER_MIN_ROWS rows or more is in key order (an index written
    before positions); its HNSW files are kept. True when rewritten. Reads and writes
    every exact vector once (1.5 GB at 1M): a one-off, not a step of `add`."""
    files = corpus.vector_index()
    if files is None:
        return False
    positions = files.positions or (None,) * len(files.segments)
    if not any(
        position is None and np.load(segment, mmap_mode="r").shape[0] >= TIME_ORDER_MIN_ROWS
        for segment, position in zip(files.segments, positions, strict=True)
    ):
        return False
    found = _open_index(corpus, dim)
    found.pending = found.in_key_order()
    found.segments, found.positions, found.position_files = [], [], []
    save_vector_index(corpus, found)
    return True


def _search(
    index: Any, vectors: NDArray[np.float32], depth: int
) -> tuple[NDArray[np.uint64], NDArray[np.float64], NDArray[np.bool_]]:
    """(keys, distances, valid) of the `depth` nearest keys in `index` of each row of
    `vectors`, each of shape (rows, depth); valid False where the index had fewer."""
    shape = (len(vectors), depth)
    found_keys = np.zeros(shape, dtype=np.uint64)
    distances = np.ones(shape, dtype=np.float64)
    depth = min(depth, len(index))
    if not depth:
        return found_keys, distances, np.zeros(shape, dtype=np.bool_)
    found = index.search(vectors, depth)
    if hasattr(found, "counts"):  # BatchMatches: rows padded to depth, counts say how many
        counts = np.asarray(found.counts).reshape(-1, 1)
        found_keys[:, :depth], distances[:, :depth] = found.keys, found.distances
    else:  # one query: usearch answers with Matches, its count entries only
        counts = np.array([[len(found.keys)]])
        found_keys[0, : len(found.keys)] = found.keys
        distances[0, : len(found.keys)] = found.distances
    return found_keys, distances, np.arange(shape[1])[None, :] < counts


def recent_keys(
    key_days: NDArray[np.float64], new_days: NDArray[np.float64], days: float
) -> NDArray[np.int64]:
    """Rows of `key_days` (stored articles' days, NaN unknown) at most `days` from some
    of `new_days` (NaN unknown), ascending; none when every new day is unknown, and
    never an undated stored article (the index answers for those). A union of one
    interval per new day, not min - days .. max + days: a batch of articles spread over
    years compares exactly only what lies near each of them."""
    known = np.unique(new_days[~np.isnan(new_days)])
    if not len(known):
        return np.zeros(0, dtype=np.int64)
    # NaN key days sort after every known day and compare False below: never recent.
    after = np.searchsorted(known, key_days).clip(0, len(known) - 1)
    before = (after - 1).clip(0, len(known) - 1)
    near = (np.abs(key_days - known[after]) <= days) | (np.abs(key_days - known[before]) <= days)
    return np.flatnonzero(near).astype(np.int64)


def _exact_candidates(
    new_vectors: NDArray[np.float32],
    new_days: NDArray[np.float64],
    stored: VectorIndex,
    keys: NDArray[np.int64],
    threshold: float,
    max_gap_days: float,
) -> pl.DataFrame:
    """(query, key, similarity) rows: for each new article (row `query` of
    `new_vectors`, unit, published on `new_days`), its INDEX_DEPTH most similar of the
    stored `keys` (exact float32 vectors, `VectorIndex.rows`) with similarity at least
    `threshold` and at most `max_gap_days` apart (NaN days: never too far), ties broken
    by key. Cost: new x len(keys) dot products, in blocks of 256 new articles (bounded
    memory); only the pairs above the threshold are ranked."""
    frame_schema = {"query": pl.Int64, "key": pl.Int64, "similarity": pl.Float64}
    if not len(keys) or not len(new_vectors):
        return pl.DataFrame(schema=frame_schema)
    vectors = stored.rows(keys)
    key_days = day_numbers(stored.keys["published_at"].gather(keys))
    parts = []
    for start in range(0, len(new_vectors), 256):
        sims = new_vectors[start : start + 256] @ vectors.T
        rows, cols = np.nonzero(sims >= threshold)
        near = ~(np.abs(key_days[cols] - new_days[start + rows]) > max_gap_days)
        rows, cols = rows[near], cols[near]
        parts.append(
            pl.DataFrame(
                {
                    "query": (rows + start).astype(np.int64),
                    "key": keys[cols],
                    "similarity": sims[rows, cols].astype(np.float64),
                },
                schema=frame_schema,
            )
        )
    return (
        pl.concat(parts)
        .sort(["query", "similarity", "key"], descending=[False, True, False])
        .group_by("query", maintain_order=True)
        .head(INDEX_DEPTH)
    )


def _index_stories(
    stored: VectorIndex,
    corpus: Corpus,
    fresh: pl.DataFrame,
    fresh_vectors: NDArray[np.float32],
    config: ClusterConfig,
    compared: dict[str, int] | None = None,
) -> set[str]:
    """`neighbour_stories` over the index: for each new article, its INDEX_DEPTH
    nearest stored articles among those published within EXACT_RECENT_DAYS of some new
    article (exact, `_exact_candidates`) and its INDEX_DEPTH nearest among the others
    (approximate, the HNSW index), kept when similar enough and within max_gap_days,
    ranked by similarity then article_id; the stories of the first 10 *
    NEIGHBOUR_STORIES, at most NEIGHBOUR_STORIES distinct ones per article.
    `compared`, when given, gets how many stored vectors were compared: "exactly" (the
    recent ones) and "by_index" (the index's answers, before any filter)."""
    keys = stored.keys
    if not len(stored) or not len(fresh_vectors):
        return set()
    # Both indexes are asked for INDEX_DEPTH: the side's keys are as near as the main's.
    main, side = (_search(i, fresh_vectors, INDEX_DEPTH) for i in (stored.main, stored.side))
    found_keys, distances, valid = (np.hstack(pair) for pair in zip(main, side, strict=True))
    similarity = 1.0 - distances
    query = np.broadcast_to(np.arange(len(fresh_vectors))[:, None], found_keys.shape)
    threshold = max(config.attach_similarity, config.link_similarity)
    new_days = day_numbers(fresh["published_at"])
    recent = recent_keys(day_numbers(keys["published_at"]), new_days, EXACT_RECENT_DAYS)
    in_recent = np.zeros(len(stored), dtype=np.bool_)
    in_recent[recent] = True
    # The recent keys the index found are compared exactly below (all of them).
    keep = valid & (similarity >= threshold) & ~in_recent[found_keys.astype(np.int64)]
    if compared is not None:
        compared.update(exactly=len(recent), by_index=int(valid.sum()))
    candidates = pl.concat(
        [
            pl.DataFrame(
                {
                    "query": query[keep].astype(np.int64),
                    "key": found_keys[keep].astype(np.int64),
                    "similarity": similarity[keep].astype(np.float64),
                }
            ),
            _exact_candidates(
                fresh_vectors, new_days, stored, recent, threshold, config.max_gap_days
            ),
        ]
    )
    # Only the candidates' rows of `keys` (a few per new article, not every stored one).
    found = keys.select(pl.col("article_id", "published_at").gather(candidates["key"]))
    candidates = candidates.with_columns(
        found["article_id"], pl.Series("day", day_numbers(found["published_at"]))
    )
    candidates = candidates.join(
        pl.Series("new_day", new_days)
        .to_frame()
        .with_row_index("query")
        .with_columns(pl.col("query").cast(pl.Int64)),
        on="query",
    ).filter(  # NaN: unknown, never too far
        ~((pl.col("day") - pl.col("new_day")).abs() > config.max_gap_days)
    )
    stories = (
        corpus.scan("assignments", ordered=False)
        .filter(pl.col("article_id").is_in(candidates["article_id"].unique().implode()))
        .select("article_id", "story_id")
        .collect()
    )
    ranked = (
        candidates.join(stories, on="article_id")
        .sort(["query", "similarity", "article_id"], descending=[False, True, False])
        .group_by("query", maintain_order=True)
        .head(10 * NEIGHBOUR_STORIES)
        .unique(["query", "story_id"], keep="first", maintain_order=True)
        .group_by("query", maintain_order=True)
        .head(NEIGHBOUR_STORIES)
    )
    return set(ranked["story_id"].to_list())


@dataclass(frozen=True)
class _Window:
    """The stored originals `_window` read (`near`) and the times it covered (`bounds`,
    see `_window_bounds`; undated ones always)."""

    near: pl.DataFrame
    bounds: tuple[datetime, datetime] | None


def _stored_vectors(
    corpus: Corpus, rows: pl.DataFrame, found: VectorIndex | None, window: _Window | None
) -> pl.DataFrame:
    """(article_id, vector) of the originals among `rows` (article_id, published_at; a
    copy has no vector): from the exact vectors of the index `found` when given (its
    rows only); else those in the window's vectors already read (`window`: no second
    read), the rest from the embeddings' month partitions of those rows alone: the rows
    published outside the window (a row inside it that the window lacks is a copy)."""
    if found is not None:
        return found.vectors_of(rows["article_id"])
    known = pl.DataFrame(schema={"article_id": pl.String, "vector": pl.List(pl.Float32)})
    rest = rows
    if window is not None:
        known = (  # the rows asked for first: casting the whole window copies its vectors
            window.near.select("article_id", "vector")
            .join(rows.select("article_id"), on="article_id", how="semi")
            .with_columns(pl.col("vector").cast(pl.List(pl.Float32)))
        )
        rest = rows.join(known.select("article_id"), on="article_id", how="anti")
        if window.bounds is None:  # the window held every stored original
            return known
        start, end = window.bounds
        rest = rest.filter(~pl.col("published_at").is_between(start, end))  # nulls: inside
    if not rest.height:
        return known
    read = corpus.read_rows("embeddings", rest["article_id"].to_list(), rest["published_at"])
    return pl.concat([known, read.select("article_id", pl.col("vector").cast(pl.List(pl.Float32)))])


def _stored_members(
    corpus: Corpus, story_ids: list[str], found: VectorIndex | None, window: _Window | None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(ASSIGNMENTS rows of every member of `story_ids` with their `published_at`, sorted
    by article_id; (article_id, vector) of the originals among them, the copies having
    no vector), without reading an article row: the vectors by `_stored_vectors` (the
    duplicate keys say when each member was published)."""
    rows = _assignments_of(corpus, "story_id", pl.Series(story_ids, dtype=pl.String))
    when = _published(corpus, rows["article_id"], found)
    rows = rows.join(when, on="article_id", how="left").sort("article_id")
    return rows, _stored_vectors(corpus, rows, found, window)


def _assignments_of(corpus: Corpus, column: str, values: pl.Series) -> pl.DataFrame:
    """The stored ASSIGNMENTS rows whose `column` (article_id or story_id) is one of
    `values`; none read when there are none to look for (the lookup filters the whole
    table, whatever it finds)."""
    if not values.len():
        return corpus.scan("assignments", ordered=False).head(0).collect()
    return (
        corpus.scan("assignments", ordered=False)
        .filter(pl.col(column).is_in(values.implode()))
        .collect()
    )


def _published(corpus: Corpus, article_ids: pl.Series, found: VectorIndex | None) -> pl.DataFrame:
    """(article_id, published_at) of the stored `article_ids`: from the index's keys
    (in memory, every stored original) for those it holds when `found` is given, the
    rest (copies, or all without an index) from the duplicate keys, which hold every
    stored article: that lookup filters the whole table, so it is skipped when nothing
    is left to look up."""
    out = pl.DataFrame(schema={"article_id": pl.String, "published_at": schema.UTC_DATETIME})
    rest = article_ids.unique()
    if found is not None and rest.len():
        known = (
            found.keys.select("article_id", "published_at")
            .join(rest.to_frame("article_id"), on="article_id", how="semi")
            .cast({"published_at": schema.UTC_DATETIME})
        )
        out = pl.concat([out, known])
        rest = rest.filter(~rest.is_in(known["article_id"].implode()))
    if not rest.len():
        return out
    stored = (
        corpus.scan("duplicate_keys", ordered=False)
        .filter(pl.col("article_id").is_in(rest.implode()))
        .select("article_id", "published_at")
        .collect()
    )
    return pl.concat([out, stored])


def sample_members(
    members: pl.DataFrame,
    vectors: NDArray[np.float32],
    new_vectors: NDArray[np.float32],
    per_story: int,
) -> NDArray[np.bool_]:
    """Which stored originals `add` re-clusters (bool, shape (rows,)): every member of a
    story of at most `per_story` of them; of a larger one, the per_story // 2 most
    similar to some new article (rows of `new_vectors`, unit), then the most similar to
    the story's centroid up to per_story. members: article_id, story_id rows aligned
    with `vectors` (unit, shape (rows, dim)). Ties are broken by article_id.

    A new article links to a big story through its nearest members, and the core
    members hold the story together in the clustering; the others would only repeat
    them, and reading and clustering them made `add` grow with the stories it touched
    (which grow with the corpus), not with the articles added."""
    frame = members.select("article_id", "story_id").with_row_index("row")
    size = pl.len().over("story_id")
    big = frame.filter(size > per_story)
    chosen = np.ones(frame.height, dtype=np.bool_)
    if not big.height:
        return chosen
    rows = big["row"].to_numpy()
    big_vectors = vectors[rows]
    near = np.full(len(rows), -np.inf, dtype=np.float32)
    for start in range(0, len(new_vectors), 1024):  # bounded memory: rows x 1024 floats
        sims = big_vectors @ new_vectors[start : start + 1024].T
        near = np.maximum(near, sims.max(axis=1))
    codes = big["story_id"].cast(pl.Categorical).to_physical().to_numpy().astype(np.int64)
    centroids = np.zeros((int(codes.max()) + 1, vectors.shape[1]), dtype=np.float64)
    np.add.at(centroids, codes, big_vectors)
    core = np.einsum("ij,ij->i", big_vectors, centroids[codes]).astype(np.float32)
    scored = big.with_columns(pl.Series("near", near), pl.Series("core", core))
    by_near = (
        scored.sort(["story_id", "near", "article_id"], descending=[False, True, False])
        .group_by("story_id", maintain_order=True)
        .head(per_story // 2)
    )
    by_core = (
        scored.join(by_near.select("row"), on="row", how="anti")
        .sort(["story_id", "core", "article_id"], descending=[False, True, False])
        .group_by("story_id", maintain_order=True)
        .head(per_story - per_story // 2)
    )
    chosen[rows] = False
    chosen[np.concatenate([by_near["row"].to_numpy(), by_core["row"].to_numpy()])] = True
    return chosen


def _followed(rest: pl.DataFrame, sampled: pl.DataFrame, relabelled: pl.DataFrame) -> pl.DataFrame:
    """ASSIGNMENTS rows of the members left out of the re-clustering (`rest`: article_id,
    story_id, is_noise): each goes where most of its story's re-clustered members went
    (`sampled`: article_id, story_id before; `relabelled`: article_id, story_id after;
    ties to the smaller id), keeping its noise flag."""
    went = (
        sampled.select("article_id", pl.col("story_id").alias("old"))
        .join(relabelled.select("article_id", "story_id"), on="article_id")
        .group_by("old", "story_id")
        .len()
        .sort(["old", "len", "story_id"], descending=[False, True, False])
        .unique("old", keep="first", maintain_order=True)
        .select("old", pl.col("story_id").alias("new"))
    )
    return (
        rest.select("article_id", pl.col("story_id").alias("old"), "is_noise")
        .join(went, on="old", how="left")
        .select("article_id", pl.coalesce("new", "old").alias("story_id"), "is_noise")
    )


def attach(
    corpus: Corpus,
    fresh: pl.DataFrame,
    fresh_vectors: NDArray[np.float32],
    copies: pl.DataFrame,
    fresh_doc_freq: NDArray[np.int64],
    config: ClusterConfig,
    cluster: Clusterer,
    now: datetime,
) -> Attached:
    """Attach new articles to the stored corpus (read through `corpus`, a transaction;
    only the vector index is written, for a window of max_gap_days >= INDEX_MIN_GAP_DAYS).

    fresh: ARTICLES of the new originals, in canonical order, rows aligned with
    `fresh_vectors` (unit, shape (n, dim)); copies: ARTICLES of the new duplicates
    (duplicate_of set); fresh_doc_freq: the term counts of the new originals.

    The stories of the stored articles most similar to a new one (`neighbour_stories`,
    in the new articles' time window) are re-clustered together with the new articles
    by `cluster`, as a full run would cluster them, each story through at most
    MEMBERS_PER_STORY of its originals (`sample_members`: the others go where most of
    those go); `lineage.reconcile` keeps their ids and records merges and splits.
    Copies join the story of their canonical copy. Only the stories an article joined
    or left are rebuilt (from all their members) and returned in `changed`.

    numpy's arrays are mapped with small pages throughout (`cluster.small_pages`: the
    huge-page advice made the kernel's share of the re-clustering grow with its blocks).
    """
    with small_pages():
        return _attach(corpus, fresh, fresh_vectors, copies, fresh_doc_freq, config, cluster, now)


def _attach(
    corpus: Corpus,
    fresh: pl.DataFrame,
    fresh_vectors: NDArray[np.float32],
    copies: pl.DataFrame,
    fresh_doc_freq: NDArray[np.int64],
    config: ClusterConfig,
    cluster: Clusterer,
    now: datetime,
) -> Attached:
    """`attach`'s work (same arguments and result)."""
    dim = fresh_vectors.shape[1]
    indexed: VectorIndex | None = None
    window: _Window | None = None
    compared = {"exactly": 0, "by_index": 0}  # stored vectors compared with the new ones
    if config.max_gap_days >= INDEX_MIN_GAP_DAYS:
        indexed = _open_index(corpus, dim)
        touched = _index_stories(indexed, corpus, fresh, fresh_vectors, config, compared)
        indexed.add(fresh, fresh_vectors)  # current with this commit
        save_vector_index(corpus, indexed)
    else:
        near = _window(corpus, fresh, config.max_gap_days)
        window = _Window(near, _window_bounds(fresh, config.max_gap_days))
        compared["exactly"] = near.height
        touched = neighbour_stories(
            fresh_vectors,
            day_numbers(fresh["published_at"]),
            _vectors(near, dim),
            day_numbers(near["published_at"]),
            near["story_id"].to_numpy(),
            config,
        )
    doc_freq = corpus.read_term_stats(SPARSE_FEATURES) + fresh_doc_freq
    # The index holds every stored vector and now the new ones: no footer of the
    # embeddings' files to read (one per partition and add).
    n_docs = len(indexed) if indexed is not None else corpus.count("embeddings") + fresh.height

    # The touched stories' members (ids and vectors only), a bounded sample of each
    # story's originals to re-cluster, and one read of their article rows (and of the
    # stored copies, which follow their canonical copy).
    rows, stored_vectors = _stored_members(corpus, sorted(touched), indexed, window)
    originals = rows.join(stored_vectors, on="article_id", maintain_order="left")
    chosen = sample_members(originals, _vectors(originals, dim), fresh_vectors, MEMBERS_PER_STORY)
    sampled, rest = originals.filter(chosen), originals.filter(~chosen)
    stored_copies = rows.join(stored_vectors, on="article_id", how="anti")
    wanted = pl.concat([sampled, stored_copies], how="diagonal_relaxed")
    read = corpus.read_articles(
        wanted["article_id"].to_list(), wanted["published_at"], [*_CLUSTER_COLUMNS, "outlet"]
    )
    old = read.filter(pl.col("duplicate_of").is_null()).join(
        sampled.select("article_id", "vector"), on="article_id"
    )
    subset = pl.concat([old.select(_CLUSTER_COLUMNS), fresh.select(_CLUSTER_COLUMNS)])
    subset_vectors = np.vstack([_vectors(old, dim), fresh_vectors])
    order = canonical_order(subset.with_row_index("row"))
    subset, subset_vectors = order.drop("row"), subset_vectors[order["row"].to_numpy()]
    labels, noise = cluster(subset, subset_vectors, doc_freq, n_docs)
    before = sampled.join(old.select("article_id"), on="article_id").select(
        "article_id", "story_id"
    )
    relabelled, history = reconcile(
        before, pl.DataFrame({"article_id": subset["article_id"], "label": labels}), now
    )
    clustered = relabelled.select("article_id", "story_id").join(
        pl.DataFrame(
            {"article_id": subset["article_id"], "is_noise": pl.Series(noise, dtype=pl.Boolean)}
        ),
        on="article_id",
    )
    # The members left out go where most of their story's re-clustered members went.
    in_stories = pl.concat([clustered, _followed(rest, before, relabelled)])

    # Copies follow their canonical copy: stored copies in the touched stories, new ones.
    all_copies = pl.concat(
        [read.filter(pl.col("duplicate_of").is_not_null()), copies], how="diagonal_relaxed"
    )
    elsewhere = all_copies.filter(~pl.col("duplicate_of").is_in(in_stories["article_id"].implode()))
    canonicals = _assignments_of(corpus, "article_id", elsewhere["duplicate_of"].unique())
    assigned = with_duplicates(pl.concat([in_stories, canonicals]), all_copies)
    stored = pl.concat([rows.select(canonicals.columns), canonicals]).unique("article_id")
    changes = assigned.join(stored, on=assigned.columns, how="anti", nulls_equal=True)

    # A story changed when an article joined or left it (a noise flag alone changes no
    # story row): only those are rebuilt, from all their members.
    moved = changes.join(
        stored.select("article_id", pl.col("story_id").alias("was")), on="article_id", how="left"
    ).filter(pl.col("was").is_null() | (pl.col("was") != pl.col("story_id")))
    changed = set(moved["story_id"].to_list()) | set(moved["was"].drop_nulls().to_list())
    # The noise flags of a story's members change with the story: a flag the sample's
    # re-clustering flips in a story that kept its members is left as stored.
    changes = changes.filter(pl.col("story_id").is_in(sorted(changed)))
    # Members of changed stories that were not touched: ones that gained a copy (ids
    # the re-clustering made up are stored nowhere: not looked up).
    stored_ids = set(rows["story_id"].to_list()) | set(canonicals["story_id"].to_list())
    extra = _assignments_of(
        corpus, "story_id", pl.Series(sorted((changed - touched) & stored_ids), dtype=pl.String)
    ).join(assigned.select("article_id"), on="article_id", how="anti")
    final = pl.concat([assigned, extra]).filter(pl.col("story_id").is_in(sorted(changed)))
    # The article rows of the changed stories' members not read yet: the members left
    # out of the re-clustering, those of stories that were not touched, and canonical
    # copies from elsewhere (when each was published: from the members' keys, else
    # from the duplicate keys).
    have = pl.concat([read["article_id"], fresh["article_id"], copies["article_id"]])
    unread = final.select("article_id").filter(~pl.col("article_id").is_in(have.implode()))
    outside = unread.join(rows, on="article_id", how="anti")
    outside_when = _published(corpus, outside["article_id"], indexed)
    unread = pl.concat(
        [unread.join(rows.select("article_id", "published_at"), on="article_id"), outside_when]
    )
    more = corpus.read_articles(
        unread["article_id"].to_list(), unread["published_at"], _STORY_COLUMNS
    )
    articles = (
        pl.concat([read, more, fresh, copies], how="diagonal_relaxed")
        .unique("article_id", keep="first", maintain_order=True)
        .join(final.select("article_id"), on="article_id", how="semi")
    )
    extra_vectors = _stored_vectors(corpus, outside_when, indexed, window)
    as_array = pl.col("vector").cast(pl.Array(pl.Float32, dim))
    with_vector = pl.concat(
        [
            stored_vectors.with_columns(as_array),
            extra_vectors.with_columns(as_array),
            pl.DataFrame(
                {
                    "article_id": fresh["article_id"],
                    "vector": pl.Series(fresh_vectors, dtype=pl.Array(pl.Float32, dim)),
                }
            ),
        ]
    ).join(final.select("article_id"), on="article_id", how="semi")
    rebuilt = build_stories(
        articles,
        final.sort("article_id"),
        _vectors(with_vector, dim),
        with_vector["article_id"].to_list(),
        now,
    )
    corpus.record(  # what this add cost, in the commit (benchmarks.replay reports it)
        "attach",
        {
            # Stored vectors compared with the new ones: exactly (the window's, or the
            # index's last EXACT_RECENT_DAYS) and the index's answers (INDEX_DEPTH each).
            **{f"compared_{k}": v for k, v in compared.items()},
            "touched_stories": len(touched),
            # Stored article rows read: the touched and rebuilt stories' members.
            "read_articles": read.height + more.height,
            "reclustered": subset.height,
            "stored_reclustered": old.height,
            "rebuilt_stories": len(changed),
            "rebuilt_articles": final.height,
        },
    )
    kept = (
        corpus.scan("stories", ordered=False)
        .filter(~pl.col("story_id").is_in(list(changed)))
        .select(pl.len(), pl.col("is_singleton").sum())
        .collect()
    )
    return Attached(
        assignments=changes.sort("article_id"),
        stories=rebuilt,
        changed=sorted(changed),
        history=history,
        doc_freq=doc_freq,
        n_stories=int(kept[0, 0]) + rebuilt.height,
        n_singletons=int(kept[0, 1] or 0) + int(rebuilt["is_singleton"].sum()),
    )


__all__ = [
    "NEIGHBOUR_STORIES",
    "Attached",
    "Clusterer",
    "INDEX_DEPTH",
    "INDEX_MIN_GAP_DAYS",
    "EXACT_RECENT_DAYS",
    "MAX_SEGMENTS",
    "MEMBERS_PER_STORY",
    "SIDE_SHARE",
    "TIME_ORDER_MIN_ROWS",
    "VectorIndex",
    "attach",
    "build_vector_index",
    "canonical_order",
    "save_vector_index",
    "time_order_vector_index",
    "neighbour_stories",
    "recent_keys",
    "sample_members",
]
