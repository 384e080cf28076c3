"""Clustering articles into stories: time-aware blocking, HDBSCAN per block, then a merge.

Why this shape (measured on the labelled sets, see benchmarks/RESULTS.md):

1. **Blocking.** A sparse candidate graph links two articles when their embeddings
   have cosine similarity >= `link_similarity` and they were published at most
   `max_gap_days` apart. Its connected components are independent blocks: no story
   can span two of them. Each block is clustered on its own, so the work grows with
   the sizes of the blocks, not with the square of the corpus, and blocks could run
   on separate workers. A block larger than `max_block_size` is split by raising
   the link threshold inside it until every part fits. Finding the blocks still
   scores every pair inside the time window (n^2 / 2 with the default window), in
   tiles fed to union-finds that keep only a spanning forest of the links: bfloat16
   tiles where the CPU has them, every decision that depends on the rounding
   re-scored exactly (`candidate_graph`): 100,000 articles in about 20 s.
2. **Distance.** Inside a block, the distance of two articles is
   `1 - (w * cos(embeddings) + (1 - w) * cos(tf-idf))` plus a time penalty
   `time_penalty * (1 - exp(-days / time_scale_days))` that saturates: articles
   a day apart barely move, articles weeks apart are pushed apart by at most
   `time_penalty`. The sparse TF-IDF part (hashed words, corpus IDF) brings
   back the names and numbers that a 384-d sentence embedding blurs.
3. **HDBSCAN** (min_cluster_size 2: two outlets on one event is a story) on that
   precomputed distance. Noise articles are kept: each becomes its own story.
4. **Merge.** HDBSCAN with tiny clusters over-splits long stories; clusters (and
   noise singletons) whose average-linkage distance is <= `merge_distance` are
   merged, closest first (UPGMA on clusters).
5. **Split at silences.** A story whose coverage stops for more than
   `split_gap_days` and then resumes with at least `split_min_side` articles on each
   side is two events (see `split_at_gaps`).

Determinism: articles are ordered by (published day, article_id) before anything
else, so the same articles in any input order give the same labels.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields

import numba
import numpy as np
import polars as pl
import scipy.sparse as sp
from numpy.typing import NDArray
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import HashingVectorizer

from clustering.cluster.features import (
    ArticleFacts,
    age_conflicts,
    casualty_conflicts,
    day_conflicts,
    kind_conflicts,
    place_conflicts,
    place_matrix,
    token_matrices,
    town_words,
    unmentioned,
    weekday_conflicts,
)
from clustering.config import ClusterConfig

#: Rows and columns of the similarity matrix computed at once for the candidate graph.
_CHUNK = 2048
#: Columns of the hashed term space of the sparse (TF-IDF) features.
SPARSE_FEATURES = 2**18
#: Step by which the link threshold rises inside a block that is too large.
_THRESHOLD_STEP = 0.05


@dataclass(frozen=True)
class Evidence:
    """What tells look-alike events apart, beside the embeddings (see features.py), rows
    aligned with the vectors: `names` L2-normalised IDF-weighted rows of the names each
    article gives (zero row: none), shape (n, SPARSE_FEATURES); `ages` uint64 (n, 2)
    masks; `event_days` float64 (n,), NaN where the text dates nothing; `weekdays` uint8
    (n,) masks of the weekdays named; `casualties` int16 (n, 2) killed and injured, -1
    unknown; `towns`, `regions` binary rows of the places (features.place_matrix);
    `town_words`, `region_words` binary rows of the words of the towns
    (features.town_words) and of the states, `street_words` of the streets, and
    `mentions` of the words and states each text names (ArticleFacts.mentions), over one
    vocabulary (features.token_matrices): to tell a place the other text never names
    from one it names in passing; `people` the names without the places
    (ArticleFacts.people), weighted like `names`; `later_step` bool (n,): the lead reports
    a later step of a story (ArticleFacts.later_step); `towns_repeated` bool (n,) the text
    names its towns more than once (ArticleFacts.towns_repeated); `kinds` uint8 (n,) the
    kinds of incident its lead names (ArticleFacts.kinds); `lead_days` float64 (n,) the event
    day its title and first sentence give (ArticleFacts.lead_days)."""

    names: sp.csr_matrix
    towns: sp.csr_matrix
    regions: sp.csr_matrix
    ages: NDArray[np.uint64]
    event_days: NDArray[np.float64]
    weekdays: NDArray[np.uint8]
    casualties: NDArray[np.int16]
    town_words: sp.csr_matrix
    region_words: sp.csr_matrix
    street_words: sp.csr_matrix
    mentions: sp.csr_matrix
    people: sp.csr_matrix
    later_step: NDArray[np.bool_]
    towns_repeated: NDArray[np.bool_]
    kinds: NDArray[np.uint8]
    lead_days: NDArray[np.float64]

    def rows(self, index: NDArray[np.int64]) -> Evidence:
        """The evidence of the articles at `index`: every field's rows."""
        return Evidence(*(getattr(self, f.name)[index] for f in fields(self)))


def evidence_from_facts(
    facts: ArticleFacts, doc_freq: NDArray[np.int64] | None, n_docs: int | None
) -> Evidence:
    """`Evidence` of `facts`, names weighted by the corpus IDF (`doc_freq` over `n_docs`,
    the same statistics as the TF-IDF words: see `sparse_features`)."""
    names = sparse_features(facts.names, doc_freq, n_docs)
    people = sparse_features(facts.people, doc_freq, n_docs)
    towns = [" ".join(t for t in p.split() if t[0] == "t") for p in facts.places]
    regions = [" ".join(t for t in p.split() if t[0] == "r") for p in facts.places]
    words, region_rows, street_rows, mentions = token_matrices(
        [town_words(p) for p in facts.places], regions, facts.streets, facts.mentions
    )
    return Evidence(
        names,
        place_matrix(towns),
        place_matrix(regions),
        facts.ages,
        facts.event_days,
        facts.weekdays,
        facts.casualties,
        words,
        region_rows,
        street_rows,
        mentions,
        people,
        facts.later_step,
        facts.towns_repeated,
        facts.kinds,
        facts.lead_days,
    )


@dataclass(frozen=True)
class Blocks:
    """Connected components of the candidate graph: `labels[i]` is article i's block."""

    labels: NDArray[np.int64]
    n_blocks: int


def day_numbers(published: pl.Series) -> NDArray[np.float64]:
    """Days since the epoch (float) for a Datetime series; NaN where the date is unknown."""
    seconds = published.dt.epoch("s").cast(pl.Float64).to_numpy()
    return seconds / 86400.0


_HASHER = HashingVectorizer(
    n_features=SPARSE_FEATURES,
    stop_words="english",
    alternate_sign=False,
    norm=None,
    token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z0-9'-]+\b",
)


def term_counts(texts: Sequence[str]) -> sp.csr_matrix:
    """Hashed word counts, shape (len(texts), SPARSE_FEATURES). Hashing keeps the
    vocabulary stateless: the same word has the same column in any batch or worker."""
    if len(texts) == 0:
        return sp.csr_matrix((0, SPARSE_FEATURES), dtype=np.float64)
    return _HASHER.transform(texts).tocsr()


def document_frequencies(counts: sp.csr_matrix) -> NDArray[np.int64]:
    """Documents containing each hashed term; frequencies of batches add up."""
    return np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.int64)


def sparse_features(
    texts: Sequence[str],
    doc_freq: NDArray[np.int64] | None = None,
    n_docs: int | None = None,
) -> sp.csr_matrix:
    """Hashed TF-IDF rows (sublinear tf), L2-normalised, shape (len(texts), SPARSE_FEATURES).

    The IDF comes from `doc_freq` over `n_docs` documents (the whole corpus, so that
    re-clustering a few stories during `add` sees the same weights as a full run),
    or from `texts` themselves when not given.
    """
    return weighted_counts(term_counts(texts), doc_freq, n_docs)


def weighted_counts(
    counts: sp.csr_matrix,
    doc_freq: NDArray[np.int64] | None = None,
    n_docs: int | None = None,
) -> sp.csr_matrix:
    """`sparse_features` of texts already hashed: `counts` are their `term_counts` (float64,
    shape (n, SPARSE_FEATURES), left unchanged); the rows as `sparse_features` returns them."""
    if doc_freq is None:
        doc_freq, n_docs = document_frequencies(counts), counts.shape[0]
    n = max(n_docs or 0, 1)
    counts = counts.copy()  # the caller's counts may be read again (`pipeline.run`)
    counts.data = 1.0 + np.log(counts.data)
    idf = np.log((1.0 + n) / (1.0 + doc_freq)) + 1.0
    # Words in more than half of a large corpus carry no story signal (max_df 0.5).
    if n >= 20:
        idf[doc_freq > n / 2] = 0.0
    weighted = counts @ sp.diags(idf.astype(np.float64))
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ weighted)


def link_levels(config: ClusterConfig) -> list[float]:
    """The link thresholds `split_blocks` can apply, in order: link_similarity, then up by
    _THRESHOLD_STEP (the same float additions) until one reaches 1.0."""
    levels = [config.link_similarity]
    while levels[-1] < 1.0:
        levels.append(levels[-1] + _THRESHOLD_STEP)
    return levels


@numba.njit(nogil=True, cache=True)
def _find(parent: NDArray[np.int32], level: int, x: int) -> int:
    """Root of x in the union-find of one level (path halving)."""
    while parent[level, x] != x:
        parent[level, x] = parent[level, parent[level, x]]
        x = parent[level, x]
    return x


@numba.njit(nogil=True, cache=True)
def _highest_level(levels: NDArray[np.float32], similarity: float) -> int:
    """Index of the highest level <= similarity (0 when none is)."""
    top = len(levels) - 1
    step = (levels[top] - levels[0]) / top if top > 0 else 1.0
    high = min(max(int((similarity - levels[0]) / step), 0), top)
    while high < top and levels[high + 1] <= similarity:
        high += 1
    while high > 0 and levels[high] > similarity:
        high -= 1
    return high


@numba.njit(parallel=True, nogil=True, cache=True)
def _tile_candidates(
    approx: NDArray[np.float32],
    row0: int,
    col0: int,
    days: NDArray[np.float64],
    max_gap_days: float,
    levels: NDArray[np.float32],
    error: float,
    roots: NDArray[np.int32],
    found: NDArray[np.int32],
    n_found: NDArray[np.int64],
) -> None:
    """The pairs of one tile of approximate similarities (rows row0.., columns col0..)
    that may join two components: for row r, columns found[r, :n_found[r]].

    `approx` is within `error` of the exact similarity, so a pair whose approximate
    value is below levels[0] - error cannot link, and a pair already joined at the
    highest level it could reach is joined at every lower one (levels are nested).
    `roots` are the roots as of the last `_flatten`: components only grow, so pairs
    with equal roots are joined already. Read-only, so rows run in parallel.
    """
    rows, cols = approx.shape
    floor = levels[0] - error
    for r in numba.prange(rows):
        i = row0 + r
        k = 0
        for c in range(max(0, i + 1 - col0), cols):
            s = approx[r, c]
            if s < floor:
                continue
            j = col0 + c
            if abs(days[i] - days[j]) > max_gap_days:  # False when a date is unknown
                continue
            high = _highest_level(levels, s + error)
            if roots[high, i] != roots[high, j]:
                found[r, k] = c
                k += 1
        n_found[r] = k


@numba.njit(nogil=True, cache=True)
def _join_candidates(
    approx: NDArray[np.float32],
    row0: int,
    col0: int,
    found: NDArray[np.int32],
    n_found: NDArray[np.int64],
    vectors: NDArray[np.float32],
    levels: NDArray[np.float32],
    error: float,
    parent: NDArray[np.int32],
    edges_i: NDArray[np.int32],
    edges_j: NDArray[np.int32],
    edges_s: NDArray[np.float32],
    n_edges: int,
) -> int:
    """Join the candidate pairs of one tile in the per-level union-finds `parent`;
    returns the new number of kept edges.

    A pair not yet joined at the highest level it could reach gets its exact
    similarity (float64 dot product, rounded to float32), which alone decides the
    levels at which it links. Each kept edge joined two components at one level at
    least: the kept edges hold a spanning forest of the links at every level.
    """
    for r in range(approx.shape[0]):
        i = row0 + r
        for k in range(n_found[r]):
            c = found[r, k]
            j = col0 + c
            high = _highest_level(levels, approx[r, c] + error)
            if _find(parent, high, i) == _find(parent, high, j):
                continue
            total = 0.0
            for d in range(vectors.shape[1]):
                total += np.float64(vectors[i, d]) * np.float64(vectors[j, d])
            exact = np.float32(total)
            joined = False
            for level in range(high, -1, -1):
                if levels[level] > exact:
                    continue
                a, b = _find(parent, level, i), _find(parent, level, j)
                if a == b:
                    break
                parent[level, max(a, b)] = min(a, b)
                joined = True
            if joined:
                edges_i[n_edges], edges_j[n_edges], edges_s[n_edges] = i, j, exact
                n_edges += 1
    return n_edges


@numba.njit(nogil=True, cache=True)
def _flatten(parent: NDArray[np.int32], roots: NDArray[np.int32], lo: int, hi: int) -> None:
    """roots[level, x] = the current root of x at every level, for x in lo..hi-1."""
    for level in range(parent.shape[0]):
        for x in range(lo, hi):
            roots[level, x] = _find(parent, level, x)


def _bfloat16_is_fast() -> bool:
    """Whether this CPU multiplies bfloat16 natively (AVX512-BF16 or AMX): then the
    candidate similarities are computed in bfloat16, about twice as fast as float32."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as info:
            flags = next((line for line in info if line.startswith("flags")), "")
    except OSError:
        return False
    return " avx512_bf16" in flags or " amx_bf16" in flags


#: Bound on |bfloat16 product - exact| for unit vectors: inputs rounded to 8 significant
#: bits (2 * 2^-8), the result rounded to bfloat16 (2^-8), float32 accumulation.
_BFLOAT16_ERROR = 0.0125
#: Similarities from which bfloat16 tiles pay for loading torch.
_BFLOAT16_MIN_PAIRS = 5e7


def _similarity_tiles(
    vectors: NDArray[np.float32], bfloat16: bool
) -> tuple[Callable[[slice, slice], NDArray[np.float32]], float]:
    """(function(rows, cols) -> float32 approximate similarities, its error bound)."""
    if not bfloat16:
        # float32 accumulation: at most dim * 2^-24 off; four times that for margin.
        error = vectors.shape[1] * 2.0**-22
        return (lambda rows, cols: vectors[rows] @ vectors[cols].T), error
    import torch

    half = torch.from_numpy(vectors).to(torch.bfloat16)
    return (lambda rows, cols: (half[rows] @ half[cols].T).float().numpy()), _BFLOAT16_ERROR


def _tile_rows(
    days: NDArray[np.float64], max_gap_days: float
) -> Iterator[tuple[int, int, list[tuple[int, int]]]]:
    """(start, stop, column ranges) of each row of tiles: rows start..stop-1 are compared
    with the articles of the column ranges from the row itself on, in time order
    (j >= i; the graph is symmetrised at the end). Rows must be sorted by day, NaN last."""
    n = len(days)
    known = ~np.isnan(days)
    n_known = int(known.sum())
    if n_known and not known[:n_known].all():
        raise ValueError("candidate_graph needs rows sorted by day with unknown days last")
    for start in range(0, n, _CHUNK):
        stop = min(start + _CHUNK, n)
        if stop <= n_known:
            hi = int(np.searchsorted(days[:n_known], days[stop - 1] + max_gap_days, "right"))
            yield start, stop, [(start, hi), (n_known, n)]
        else:
            yield start, stop, [(start, n)]


def _row_pairs(start: int, stop: int, ranges: list[tuple[int, int]]) -> int:
    """Similarities one row of tiles computes (see `_tile_rows`)."""
    return (stop - start) * sum(hi - lo for lo, hi in ranges)


def compared_pairs(days: NDArray[np.float64], max_gap_days: float) -> int:
    """Similarities `candidate_graph` computes for articles on `days` (sorted, NaN last):
    its cost, about n^2 / 2 when the corpus spans less than max_gap_days."""
    return sum(_row_pairs(*row) for row in _tile_rows(days, max_gap_days))


def tile_row_parts(
    rows: list[tuple[int, int, list[tuple[int, int]]]], parts: int
) -> list[list[tuple[int, int, list[tuple[int, int]]]]]:
    """`rows` (of `_tile_rows`) cut into `parts` runs of consecutive rows of about equal
    pairs to compare (a run may be empty when there are fewer rows than parts)."""
    if parts < 1:
        raise ValueError(f"parts must be at least 1. Got {parts!r} instead.")
    cost = np.array([_row_pairs(*row) for row in rows], dtype=np.float64)
    # A row goes to the part its middle falls in: pairs up to the middle of each row.
    middle = np.cumsum(cost) - cost / 2
    cuts = np.searchsorted(middle, cost.sum() * np.arange(1, parts) / parts, side="left")
    bounds = [0, *(int(c) for c in cuts), len(rows)]
    return [rows[bounds[k] : bounds[k + 1]] for k in range(parts)]


def candidate_graph(
    vectors: NDArray[np.float32],
    days: NDArray[np.float64],
    config: ClusterConfig,
    bfloat16: bool | None = None,
    progress: Callable[[int, int], None] | None = None,
    part: tuple[int, int] | None = None,
) -> sp.csr_matrix:
    """Sparse symmetric graph of cosine similarities between articles, whose connected
    components at every threshold of `link_levels` are those of the full link graph:
    all pairs with similarity >= link_similarity at most max_gap_days apart (articles
    with an unknown date are compared with all).

    The full graph is never held: on real news about 8% of all pairs link at 0.35
    (4e8 edges at 100k articles). Tiles of similarities are fed to one union-find per
    level (`_tile_candidates`, `_join_candidates`), which keeps only the edges that join two components: a
    spanning forest of every level, at most n_levels * (n - 1) edges, which is all
    `split_blocks` needs. The tiles are computed in bfloat16 where the CPU has it and
    the corpus is large enough to gain (`bfloat16=None`), and every decision the
    rounding could change is re-scored exactly, so the graph is the same either way.

    Rows must be sorted by day (NaN last) so that each chunk's candidates are one
    contiguous range: the cost is n * (articles inside the window), not n^2.
    progress(pairs compared, pairs to compare) is called after each row of tiles.

    part=(k, parts): only the k-th of `parts` runs of rows of tiles, of about equal
    pairs (`tile_row_parts`), each run with union-finds of its own: a spanning forest
    of that run's links. The sum of the graphs of all parts has the components of the
    whole graph at every level, so the parts can run on separate workers
    (`clustering.engine_ray`).
    """
    n = len(vectors)
    levels = np.asarray(link_levels(config), dtype=np.float32)
    parent = np.tile(np.arange(n, dtype=np.int32), (len(levels), 1))
    roots = parent.copy()
    found = np.empty((_CHUNK, _CHUNK), dtype=np.int32)
    n_found = np.empty(_CHUNK, dtype=np.int64)
    capacity = len(levels) * max(n - 1, 0)
    edges_i = np.empty(capacity, dtype=np.int32)
    edges_j = np.empty(capacity, dtype=np.int32)
    edges_s = np.empty(capacity, dtype=np.float32)
    n_edges = 0
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    rows = list(_tile_rows(days, config.max_gap_days))
    if part is not None:
        rows = tile_row_parts(rows, part[1])[part[0]]
    done, total = 0, sum(_row_pairs(*row) for row in rows)
    if bfloat16 is None:  # worth importing torch for (~1 s) from about 10k articles on
        bfloat16 = total > _BFLOAT16_MIN_PAIRS and _bfloat16_is_fast()
    similarities, error = _similarity_tiles(vectors, bfloat16)
    for start, stop, ranges in rows:
        for lo, hi in ranges:
            # Roots of the articles this row of tiles reads, as of now (see _tile_candidates).
            _flatten(parent, roots, lo, hi)
            for tile in range(lo, hi, _CHUNK):
                tile_hi = min(tile + _CHUNK, hi)
                approx = similarities(slice(start, stop), slice(tile, tile_hi))
                _tile_candidates(
                    approx,
                    start,
                    tile,
                    days,
                    float(config.max_gap_days),
                    levels,
                    error,
                    roots,
                    found,
                    n_found,
                )
                n_edges = _join_candidates(
                    approx,
                    start,
                    tile,
                    found,
                    n_found,
                    vectors,
                    levels,
                    error,
                    parent,
                    edges_i,
                    edges_j,
                    edges_s,
                    n_edges,
                )
        done += _row_pairs(start, stop, ranges)
        if progress:
            progress(done, total)
    upper = sp.coo_matrix((edges_s[:n_edges], (edges_i[:n_edges], edges_j[:n_edges])), shape=(n, n))
    return (upper + upper.T).tocsr()


def split_blocks(graph: sp.csr_matrix, config: ClusterConfig) -> Blocks:
    """Connected components of `graph`, each at most max_block_size articles.

    A component that is too large is split by keeping only its stronger edges
    (threshold raised by 0.05 at a time) and taking components again.
    """
    n = graph.shape[0]
    labels = np.full(n, -1, dtype=np.int64)
    next_label = 0
    pending = [(np.arange(n), config.link_similarity)]
    while pending:
        members, threshold = pending.pop()
        sub = graph[members][:, members].tocsr()
        if threshold > config.link_similarity:
            sub.data[sub.data < threshold] = 0
            sub.eliminate_zeros()
        _, parts = connected_components(sub, directed=False)
        for part in np.unique(parts):
            idx = members[parts == part]
            if len(idx) > config.max_block_size and threshold < 1.0:
                pending.append((idx, threshold + _THRESHOLD_STEP))
            else:
                labels[idx] = next_label
                next_label += 1
    return Blocks(labels, next_label)


#: Names two articles must each give before sharing none of them is a conflict.
_MIN_NAMES = 2
#: Cosine of the names under which two articles share (next to) none of them.
_DISJOINT_NAMES = 0.05
#: Weights of the cues in `weighted_disagreements`, against `cannot_link_cues` (3): how
#: rarely each misleads on real reports of one event (same-event pairs of the labelled
#: files it fires on) against how often it tells look-alike events apart. A US state
#: that the other report never names: 0 of 1,263 same-event pairs of giveme5w1h, 0 of
#: 282 of gvc train+dev once the lead alone places the event; alone enough.
REGION_WEIGHT = 3
#: A town the other report never names (same or unnamed state): on gvc a dateline from
#: a neighbouring town names the scene in its text, so this is rarely wrong, but two
#: towns of one state are also where one wire report and a local one meet (weight 3
#: cost gvc train+dev 0.954 -> 0.952).
TOWN_WEIGHT = 2
#: ... where both reports name their towns more than once in the title and first
#: sentence (`Evidence.towns_repeated`): each reports from its scene, so two towns are two
#: scenes. Alone enough. The same-event pairs of the labelled files with a town the other
#: never names (3: a dateline "ADRIAN, Mich." beside "in Franklin Township", a masthead
#: "Butte, Montana", a county) all name theirs once there; on the 20k stream this took
#: the spanning stories 37 -> 15 (two towns of one state, nothing else said).
SCENE_TOWN_WEIGHT = 3
#: Names of people (places left out), ages, the event day, casualty counts and the
#: street: each alone is often wrong on one event (a suspect's age beside a victim's,
#: a toll that rises, a follow-up weeks later); two of them with a place, or three.
OTHER_WEIGHT = 1
#: The event days of two first reports (`_fresh_day_conflicts`) more than
#: event_day_tolerance apart, where the two share a name of people (`people` cosine at
#: least _DISJOINT_NAMES): the developments of one story (fiscal-cliff meetings days
#: apart, one country's launches months apart) are stories in basil and giveme5w1h.
FRESH_DAY_WEIGHT = 2
#: ... and where they share none: alone enough. Two local reports of two shootings in
#: one town weeks apart share no one (20k stream: 15 -> 0 stories spanning events).
STRANGER_DAY_WEIGHT = 3
#: Two leads that name kinds of incident and share none (features.kind_conflicts): a
#: crash and a shooting in one town a day apart (3k MiniLM stream: 17 -> 0 stories
#: spanning events). Alone enough once the lexicon read what misled on giveme5w1h and
#: gvc train+dev (a family "killed by a house fire" died of "shotgun wounds"; "explosion
#: and gunfire" beside "a bomber crashed a truck"; missiles "shot down", "burning up"):
#: no same-event pair of the labelled files conflicts now (before those words, weight 3
#: cost giveme5w1h 0.956 -> 0.953 and gvc train+dev 0.957 -> 0.954).
KIND_WEIGHT = 3


def conflicts(
    evidence: Evidence, days: NDArray[np.float64], config: ClusterConfig
) -> NDArray[np.bool_]:
    """(n, n) bool: pairs whose texts say they are different events: both give at least
    _MIN_NAMES names (people, places) and share none (IDF-weighted cosine under
    _DISJOINT_NAMES: on gvc 2% of same-incident pairs, 85% of look-alike pairs of
    different incidents), ages given and none shared, or, where a publication day is
    unknown, event dates further apart than
    event_day_tolerance or weekdays named and none shared. (Where both are dated the
    time penalty says when; the dates a text mentions are noisier: follow-ups months
    later name the trial's day.)"""
    has = np.asarray(evidence.names.getnnz(axis=1) >= _MIN_NAMES)
    names = (evidence.names @ evidence.names.T).toarray()
    out = has[:, None] & has[None, :] & (names < _DISJOINT_NAMES)
    out |= age_conflicts(evidence.ages)
    if config.place_conflicts:
        out |= place_conflicts(evidence.towns, evidence.regions)
    undated = np.isnan(days)
    if undated.any():
        either = undated[:, None] | undated[None, :]
        out |= either & day_conflicts(evidence.event_days, config.event_day_tolerance)
        out |= either & weekday_conflicts(evidence.weekdays)
    return out


def disagreements(
    evidence: Evidence, days: NDArray[np.float64], config: ClusterConfig
) -> NDArray[np.int8]:
    """(n, n) int8: on how many independent cues two articles' texts say they are two
    events: names (both give _MIN_NAMES and share none), ages (both give some, none
    shared), the event days their texts give (further apart than event_day_tolerance,
    dated or not), the weekdays they name (none shared) and their "Town, State" pairs
    (none shared). Each cue counts 1 (`cannot_link_weights = "count"`; the default
    weighs them: `weighted_disagreements`).

    One cue alone is often wrong on real reports of one event (on gvc.jsonl 4-19% of
    same-incident pairs disagree on each: the suspect's age beside the victim's, the
    day of an arrest named in a follow-up); that several agree is rare (3 cues: 5% of
    same-incident pairs, 76% of look-alike pairs of different incidents at cosine > 0.6;
    on the five English labelled files pooled 2% and 33%)."""
    has = np.asarray(evidence.names.getnnz(axis=1) >= _MIN_NAMES)
    names = (evidence.names @ evidence.names.T).toarray()
    count = (has[:, None] & has[None, :] & (names < _DISJOINT_NAMES)).astype(np.int8)
    count += age_conflicts(evidence.ages)
    count += _when_conflicts(evidence, days, config)
    count += place_conflicts(evidence.towns, evidence.regions)
    count += casualty_conflicts(evidence.casualties)
    return count


def _when_conflicts(
    evidence: Evidence, days: NDArray[np.float64], config: ClusterConfig
) -> NDArray[np.bool_]:
    """(n, n) bool: the cue for when (the event day is often read from the weekday
    named). Where both are dated, only when they were also published more than the
    tolerance apart: the outlets covering one development on one day name the days of
    its steps in passing ("Tuesday's vote"), and the time penalty already sees the
    publication days."""
    tolerance = config.event_day_tolerance
    n = len(days)
    # Event days conflict only between texts that both give one (features.day_conflicts):
    # those rows alone are compared, (k, k) rather than (n, n).
    rows = np.flatnonzero(~np.isnan(evidence.event_days))
    if not tolerance >= 0.0:
        rows = np.arange(n)
    out = np.zeros((n, n), dtype=bool)
    if len(rows):
        with np.errstate(invalid="ignore"):
            apart = ~(np.abs(days[rows, None] - days[None, rows]) <= tolerance)  # True if unknown
        out[np.ix_(rows, rows)] = day_conflicts(evidence.event_days[rows], tolerance) & apart
    undated = np.isnan(days)
    if undated.any():
        either = undated[:, None] | undated[None, :]
        out |= either & weekday_conflicts(evidence.weekdays)
    return out


def _fresh_day_conflicts(
    evidence: Evidence, days: NDArray[np.float64], tolerance: float
) -> NDArray[np.bool_]:
    """(n, n) bool: two first reports of events on days more than `tolerance` apart.

    A first report dates its event within `tolerance` days before it was published and
    its lead reports no later step (`Evidence.later_step`). Two such reports published
    more than `tolerance` days apart that date their events apart are about two events:
    each dates its own, where a follow-up weeks later dates its own step ("charged
    Tuesday") and so disagrees with the first report about any event."""
    with np.errstate(invalid="ignore"):
        lag = np.floor(days) - evidence.lead_days
        fresh = ~evidence.later_step & (lag >= 0) & (lag <= tolerance)
    # Only pairs of first reports can conflict: those rows alone, (k, k) not (n, n).
    rows = np.flatnonzero(fresh)
    out = np.zeros((len(days),) * 2, dtype=bool)
    if len(rows):
        with np.errstate(invalid="ignore"):
            apart = np.abs(days[rows, None] - days[None, rows]) > tolerance
        out[np.ix_(rows, rows)] = apart & day_conflicts(evidence.lead_days[rows], tolerance)
    return out


def weighted_disagreements(
    evidence: Evidence, days: NDArray[np.float64], config: ClusterConfig
) -> NDArray[np.int8]:
    """(n, n) int8: the weight of the evidence that two articles' texts are about two
    events: REGION_WEIGHT where each places its event (dateline or first sentence,
    features.PLACE_CHARS) in a US state the other never names, else TOWN_WEIGHT where in
    a town the other never names (`features.unmentioned`), plus OTHER_WEIGHT for each of:
    people (names without the places: both give _MIN_NAMES and share none), ages, when
    (`_when_conflicts`), casualty counts, and streets (each names one the other never
    does); when is FRESH_DAY_WEIGHT where both are first reports whose leads date their
    events apart (`_fresh_day_conflicts`), STRANGER_DAY_WEIGHT where these share no name;
    KIND_WEIGHT where their leads name kinds of incident and share none.

    Why weighted (issue 19): on a 20k stream of look-alike local reports the stories that
    spanned two events were held together by pairs disagreeing on place and one more cue
    ("Eastburg, Michigan" and "Eastburg, Ohio"; two fires 1 day apart in two towns of one
    state): two cues of five, under the count of 3 the labelled files need, because a day
    or a name disagrees on real reports of one event too. A place seldom does once it is
    read from the lead and checked against every word of the other text: a meteor "over
    Maine and New Hampshire" beside "York, Maine", a dateline from the state capital
    beside the town it names. Names counted the town as a name, so two victims' reports
    from one town "shared" one: `people` leaves places out.

    Why first reports' days weigh 2: what was left of the 20k stream (117 stories) were
    two events in one town 8-32 days apart whose reports disagree on the day and one of
    age, count or street. A day weighed 2 everywhere cost giveme5w1h 0.956 -> 0.944: real
    follow-ups weeks later date their own step ("charged Tuesday"), and reports name
    other days further down. Read only from the title and first sentence, and only
    between reports that date their event within event_day_tolerance of publication
    and report no later step, the same-event pairs of every labelled file it fires on
    with a second cue: none (117 -> 37 spanning, labelled files unchanged). Alone it
    fires on same-story pairs of giveme5w1h and basil (weight 3 everywhere: giveme5w1h
    0.956 -> 0.929), all of which share a name (Obama and Boehner meeting again)."""
    n = len(days)
    has = np.asarray(evidence.people.getnnz(axis=1) >= _MIN_NAMES)
    # people < _DISJOINT_NAMES, the cosine of the people two texts name: a text naming
    # no one has a zero row (cosine 0), so only the rows naming someone are multiplied,
    # (k, k) rather than (n, n). Weights below are added where their cue holds, in
    # place: int8 sums, no (n, n) int64 temporaries (a block of 3k re-clustered articles
    # costs 70 MB a temporary).
    named = np.flatnonzero(np.asarray(evidence.people.getnnz(axis=1) > 0))
    strangers = np.full((n, n), _DISJOINT_NAMES > 0.0)
    if len(named):
        people = evidence.people[named]
        strangers[np.ix_(named, named)] = (people @ people.T).toarray() < _DISJOINT_NAMES
    weight = np.zeros((n, n), dtype=np.int8)
    fresh = _fresh_day_conflicts(evidence, days, config.event_day_tolerance)
    np.add(weight, FRESH_DAY_WEIGHT, out=weight, where=fresh & ~strangers)
    np.add(weight, STRANGER_DAY_WEIGHT, out=weight, where=fresh & strangers)
    for cue in (
        has[:, None] & has[None, :] & strangers,
        age_conflicts(evidence.ages),
        _when_conflicts(evidence, days, config) & ~fresh,
        casualty_conflicts(evidence.casualties),
        unmentioned(evidence.street_words, evidence.mentions),
    ):
        np.add(weight, OTHER_WEIGHT, out=weight, where=cue)
    region = unmentioned(evidence.region_words, evidence.mentions)
    town = unmentioned(evidence.town_words, evidence.mentions) & ~region
    scenes = evidence.towns_repeated[:, None] & evidence.towns_repeated[None, :]
    np.add(weight, REGION_WEIGHT, out=weight, where=region)
    np.add(weight, TOWN_WEIGHT, out=weight, where=town & ~scenes)
    np.add(weight, SCENE_TOWN_WEIGHT, out=weight, where=town & scenes)
    np.add(weight, KIND_WEIGHT, out=weight, where=kind_conflicts(evidence.kinds))
    return weight


def cannot_links(
    evidence: Evidence, days: NDArray[np.float64], config: ClusterConfig
) -> NDArray[np.bool_]:
    """(n, n) bool: pairs that no story may hold: the evidence that their texts are
    about two events weighs at least `cannot_link_cues` (`weighted_disagreements`, or
    `disagreements` with `cannot_link_weights = "count"`)."""
    if config.cannot_link_weights == "count":
        return disagreements(evidence, days, config) >= config.cannot_link_cues
    return weighted_disagreements(evidence, days, config) >= config.cannot_link_cues


def block_distances(
    vectors: NDArray[np.float32],
    sparse: sp.csr_matrix | None,
    days: NDArray[np.float64],
    config: ClusterConfig,
    evidence: Evidence | None = None,
) -> NDArray[np.float64]:
    """Dense distance matrix of one block (see the module docstring), shape (n, n).

    Built in place in one float64 matrix and one scratch matrix: a block of 3k
    articles is 70 MB a matrix, and each temporary of the plain expressions (about a
    dozen) was a fresh allocation the kernel had to zero and map, which made this step
    grow with the square of the largest block (issue 13: 1.3 -> 2.2 s CPU an add, 100k
    -> 1M store corpus). The same operations in the same order: the same values, bit
    for bit (tests/test_cluster.py checks them against the expressions)."""
    n = len(vectors)
    distances = np.empty((n, n), dtype=np.float64)
    np.copyto(distances, vectors @ vectors.T)  # float32 products, widened as before
    scratch: NDArray[np.float64] | None = None
    if sparse is not None and config.sparse_weight > 0:
        distances *= 1 - config.sparse_weight
        scratch = (sparse @ sparse.T).toarray()
        scratch *= config.sparse_weight
        distances += scratch
    if evidence is not None and config.name_weight > 0:
        # Only where both articles give names: a text without any says nothing either way.
        has = np.asarray(evidence.names.getnnz(axis=1) > 0)
        both = has[:, None] & has[None, :]
        names = (evidence.names @ evidence.names.T).toarray()
        distances = np.where(
            both, (1 - config.name_weight) * distances + config.name_weight * names, distances
        )
    np.subtract(1.0, distances, out=distances)
    np.clip(distances, 0.0, 2.0, out=distances)
    if config.time_penalty > 0:
        # An unknown date is not "the same day": without it two look-alike reports would
        # be closer than dated ones ever are (neus_allsides undated fell below plain
        # HDBSCAN). It counts as a gap of undated_gap_days.
        gap = scratch if scratch is not None else np.empty((n, n), dtype=np.float64)
        np.subtract(days[:, None], days[None, :], out=gap)
        np.abs(gap, out=gap)
        np.nan_to_num(gap, copy=False, nan=config.undated_gap_days)
        # time_penalty * (1 - exp(-gap / time_scale_days)), step by step in place.
        np.negative(gap, out=gap)
        gap /= config.time_scale_days
        np.exp(gap, out=gap)
        np.subtract(1.0, gap, out=gap)
        gap *= config.time_penalty
        distances += gap
    np.fill_diagonal(distances, 0.0)
    return distances


def _cluster_sums(
    matrix: NDArray[np.float64], inverse: NDArray[np.int64], k: int
) -> NDArray[np.float64]:
    """(k, k) sums of `matrix` over the members of each pair of clusters."""
    order = np.argsort(inverse, kind="stable")
    starts = np.flatnonzero(np.r_[True, np.diff(inverse[order]) != 0])
    sorted_rows = np.add.reduceat(matrix[order], starts, axis=0)
    return np.add.reduceat(sorted_rows[:, order], starts, axis=1)


def merge_clusters(
    labels: NDArray[np.int64],
    distances: NDArray[np.float64],
    threshold: float,
    cannot_link: NDArray[np.bool_] | None = None,
) -> NDArray[np.int64]:
    """Average-linkage (UPGMA) merge of clusters whose mean pairwise distance is
    <= threshold, closest pair first. `labels` has no noise (-1) left.

    cannot_link: optional (n, n) bool of article pairs that must not end in one cluster;
    two clusters holding such a pair between them are never merged (the clusters given
    in `labels` are taken as they are)."""
    ids, inverse = np.unique(labels, return_inverse=True)
    k = len(ids)
    if k < 2:
        return labels
    sums = _cluster_sums(distances, inverse, k)
    sizes = np.bincount(inverse).astype(np.float64)
    mean = sums / np.outer(sizes, sizes)
    np.fill_diagonal(mean, np.inf)
    blocked = None
    if cannot_link is not None and cannot_link.any():
        blocked = _cluster_sums(cannot_link.astype(np.float64), inverse, k) > 0
        mean[blocked] = np.inf
    parent = np.arange(k)
    while True:
        flat = int(np.argmin(mean))
        a, b = divmod(flat, k)
        if mean[a, b] > threshold:
            break
        a, b = min(a, b), max(a, b)
        # Lance-Williams update for average linkage, exact on the member means.
        mean[a] = (sizes[a] * mean[a] + sizes[b] * mean[b]) / (sizes[a] + sizes[b])
        if blocked is not None:
            # inf * size stays inf above; a blocked pair stays blocked after merges too.
            blocked[a] |= blocked[b]
            blocked[:, a] = blocked[a]
            mean[a, blocked[a]] = np.inf
        mean[:, a] = mean[a]
        mean[a, a] = np.inf
        mean[b, :] = np.inf
        mean[:, b] = np.inf
        sizes[a] += sizes[b]
        parent[parent == b] = a
    return parent[inverse].astype(np.int64)


def split_conflicting(
    labels: NDArray[np.int64],
    distances: NDArray[np.float64],
    cannot_link: NDArray[np.bool_],
    threshold: float,
) -> NDArray[np.int64]:
    """Re-form every story that holds a cannot-link pair so that none is left inside.

    The per-story consistency check that an average cannot give: a story of one
    shooting that took in one report of another (same words, another town, day and
    victim) is on average still coherent, but the two reports say they are two events.
    Such a story is rebuilt from its single articles by average linkage on `distances`
    up to `threshold`, never joining two groups that hold a cannot-link pair between
    them (`merge_clusters`); a story without one is left as it is.
    labels: (n,) int64; distances, cannot_link: (n, n). Returns new labels (n,).
    """
    out = labels.copy()
    next_label = int(out.max()) + 1 if len(out) else 0
    for label in np.unique(labels):
        members = np.flatnonzero(labels == label)
        if len(members) < 2:
            continue
        inside = cannot_link[np.ix_(members, members)]
        if not inside.any():
            continue
        parts = merge_clusters(
            np.arange(len(members), dtype=np.int64),
            distances[np.ix_(members, members)],
            threshold,
            inside,
        )
        for part in np.unique(parts):
            out[members[parts == part]] = next_label
            next_label += 1
    return out


def split_at_gaps(
    labels: NDArray[np.int64], days: NDArray[np.float64], gap_days: float, min_side: int
) -> NDArray[np.int64]:
    """Split every story at silences longer than `gap_days` between consecutive articles,
    when every part has at least `min_side` articles.

    A burst of coverage, weeks of nothing, then another burst from several outlets is
    two events on one topic (a second strike, another round of talks), however alike
    their texts. Stragglers (fewer than `min_side` articles on one side) stay: one
    follow-up piece weeks later belongs to the story it follows up.
    """
    out = labels.copy()
    next_label = int(labels.max()) + 1 if len(labels) else 0
    for label in np.unique(labels):
        members = np.flatnonzero(labels == label)
        member_days = days[members]
        if len(members) < 2 * min_side or np.isnan(member_days).any():
            continue
        order = members[np.argsort(member_days, kind="stable")]
        cuts = np.flatnonzero(np.diff(np.sort(member_days)) > gap_days) + 1
        parts = np.split(order, cuts)
        if len(parts) > 1 and min(len(p) for p in parts) >= min_side:
            for part in parts[1:]:
                out[part] = next_label
                next_label += 1
    return out


def average_linkage(distances: NDArray[np.float64], threshold: float) -> NDArray[np.int64]:
    """Average-linkage (UPGMA) clusters of single articles whose mean pairwise distance is
    at most `threshold`: labels 0..k-1, shape (n,).

    Two groups join only when their articles are close on average, so a chain of
    look-alike reports (A near B near C ...) never joins the ends: what single linkage
    (HDBSCAN with min_samples 1) does on thousands of similar events. The distances may
    carry conflict penalties: one conflicting pair among few raises the mean past the
    threshold, as a cannot-link would. scipy's nearest-neighbour chain, O(n^2).
    """
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    n = len(distances)
    if n < 2:
        return np.zeros(n, dtype=np.int64)
    condensed = squareform(distances, checks=False)
    tree = linkage(condensed, method="average")
    labels = fcluster(tree, t=threshold, criterion="distance")
    return (np.unique(labels, return_inverse=True)[1]).astype(np.int64)


def _hdbscan_labels(
    distances: NDArray[np.float64], config: ClusterConfig, decoys: bool
) -> NDArray[np.int64]:
    """HDBSCAN labels (-1 = noise) of one block on its precomputed distances."""
    try:
        import hdbscan
    except ImportError as exc:  # pragma: no cover - install problem
        raise ImportError("clustering needs: pip install hdbscan") from exc
    n = len(distances)
    padded = distances
    if decoys:
        # The block is clustered as if the rest of the corpus were there: `min_cluster_size`
        # decoy articles far from everything stand in for the other blocks, so the block's
        # root competes for selection as it would in one global tree. On thousands of
        # look-alike events the root then wins and the whole block is one story (issue 19).
        far = max(float(distances.max()), 1.0) + 0.5
        m = config.min_cluster_size
        padded = np.full((n + m, n + m), far)
        padded[:n, :n] = distances
        padded[n:, n:] = 0.0
    return (
        hdbscan.HDBSCAN(
            min_cluster_size=config.min_cluster_size,
            min_samples=config.min_samples,
            metric="precomputed",
            cluster_selection_epsilon=config.cluster_selection_epsilon,
        )
        .fit(padded)
        .labels_[:n]
        .astype(np.int64)
    )


def split_incoherent(
    labels: NDArray[np.int64], distances: NDArray[np.float64], config: ClusterConfig
) -> NDArray[np.int64]:
    """Split every story whose articles are, on average, further apart than
    `story_max_distance`: the per-story check that stops chaining.

    HDBSCAN with min_samples 1 is single linkage: on thousands of look-alike reports
    each is close to a few others, and a chain of them becomes one "story" whose ends
    have nothing in common (issue 19: 3,052 shootings of 2,015 incidents). Such a story
    is re-clustered alone, with HDBSCAN not allowed to keep it whole, then merged again
    (`merge_clusters`), and each part checked in turn. A real long-running story,
    whose articles drift but stay on average closer than the threshold, is kept.
    Terminates: a part whose mean distance exceeds story_max_distance (>= merge_distance)
    cannot be merged back whole.
    """
    out = labels.copy()
    next_label = int(out.max()) + 1 if len(out) else 0
    pending = [np.flatnonzero(out == label) for label in np.unique(out)]
    while pending:
        members = pending.pop()
        if len(members) < 2:
            continue
        sub = distances[np.ix_(members, members)]
        n = len(members)
        if sub.sum() / (n * (n - 1)) <= config.story_max_distance:
            continue
        parts = _hdbscan_labels(sub, config, decoys=False)
        noise = parts < 0
        parts[noise] = parts.max() + 1 + np.arange(int(noise.sum()))
        if config.merge_distance > 0:
            parts = merge_clusters(parts, sub, config.merge_distance)
        ids = np.unique(parts)
        if len(ids) == 1:  # cannot happen when story_max_distance >= merge_distance
            continue
        for part in ids:
            idx = members[parts == part]
            out[idx] = next_label
            next_label += 1
            pending.append(idx)
    return out


def _cluster_block(
    distances: NDArray[np.float64],
    days: NDArray[np.float64],
    config: ClusterConfig,
    penalties: NDArray[np.float64] | float = 0.0,
    cannot_link: NDArray[np.bool_] | None = None,
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Labels (0..k-1, every article labelled) and HDBSCAN's noise flags for one block;
    `cannot_link` (n, n) bool: pairs no story may hold (see `split_conflicting`)."""
    n = len(distances)
    if n < config.min_cluster_size:
        return np.arange(n, dtype=np.int64), np.ones(n, dtype=bool)
    # distances + penalties, added once for every step below that reads it (an (n, n)
    # float64 matrix: 70 MB for a block of 3k articles).
    penalised = (
        distances + penalties
        if config.block_method == "average"
        or config.story_max_distance > 0
        or cannot_link is not None
        else distances
    )
    if config.block_method == "average":
        labels = average_linkage(penalised, config.merge_distance)
        noise = np.bincount(labels)[labels] == 1
    else:
        labels = _hdbscan_labels(distances, config, decoys=config.block_method == "hdbscan_decoys")
        noise = labels < 0
        # Noise articles become single-article stories, never dropped.
        labels[noise] = labels.max() + 1 + np.arange(int(noise.sum()))
        if config.merge_distance > 0:
            labels = merge_clusters(labels, distances, config.merge_distance)
        if config.story_max_distance > 0:
            labels = split_incoherent(labels, penalised, config)
    if cannot_link is not None:
        labels = split_conflicting(
            labels,
            penalised,
            cannot_link,
            max(config.story_max_distance, config.merge_distance),
        )
    if config.split_gap_days > 0:
        labels = split_at_gaps(labels, days, config.split_gap_days, config.split_min_side)
    _, labels = np.unique(labels, return_inverse=True)
    # An article HDBSCAN called noise that the merge put with others is no longer alone.
    sizes = np.bincount(labels)
    return labels.astype(np.int64), noise & (sizes[labels] == 1)


@contextmanager
def small_pages() -> Iterator[None]:
    """Within it, numpy does not advise the kernel to back its large arrays (4 MB and
    more) with transparent huge pages; its setting before is restored on leaving.

    Why: where /sys/kernel/mm/transparent_hugepage/defrag is "madvise" (a common
    default), the first touch of memory so advised may stall on a synchronous
    compaction instead of taking small pages (numpy issues 15545 and 31590). The
    re-clustering of an add allocates and frees a dozen (n, n) matrices per block (70 MB
    at 3k articles), so that kernel time grew with the square of the largest block:
    clustering the same re-clustered set of the 1M store corpus took 2.5-2.9 s of
    system CPU with the advice and 1.0-1.1 s without it (100k: 1.1-1.4 and 0.5-0.6 s;
    user time within the noise). Values are the same either way: only how pages are
    mapped changes. Nested uses are fine; not thread-safe against other threads that
    change the setting."""
    import importlib

    # numpy's switch (what NUMPY_MADVISE_HUGEPAGE sets at import), not in its stubs.
    try:
        multiarray = importlib.import_module("numpy._core.multiarray")
    except ImportError:  # numpy 1.x
        multiarray = importlib.import_module("numpy.core.multiarray")
    if not hasattr(multiarray, "_set_madvise_hugepage"):  # a numpy without the switch
        yield
        return
    before = multiarray._set_madvise_hugepage(False)
    try:
        yield
    finally:
        multiarray._set_madvise_hugepage(before)


def cluster_vectors(
    vectors: NDArray[np.float32],
    days: NDArray[np.float64],
    config: ClusterConfig,
    sparse: sp.csr_matrix | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    evidence: Evidence | None = None,
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Story labels for articles already in canonical order (sorted by day, unknown last).

    vectors: float32, shape (n, dim), unit rows. days: float days since epoch or NaN.
    sparse: optional L2-normalised sparse rows (see `sparse_features`), shape (n, f).
    evidence: optional names, ages and event days of the articles (see `Evidence`).
    progress(stage, done, total): "link" in millions of pairs compared, then "cluster"
    in articles clustered.
    Returns (labels: int64 shape (n,), 0..k-1; is_noise: bool shape (n,)).
    """
    n = len(vectors)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
    groups = candidate_blocks(vectors, days, config, progress)
    results = (cluster_block(m, vectors, days, config, sparse, evidence) for m in groups)
    return join_blocks(groups, results, n, progress)


def candidate_blocks(
    vectors: NDArray[np.float32],
    days: NDArray[np.float64],
    config: ClusterConfig,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[NDArray[np.int64]]:
    """The row indices of each block of the candidate graph (`block_members` of
    `split_blocks`), reporting "link" to `progress` in millions of pairs compared."""
    link = (
        (lambda done, total: progress("link", done // 10**6, total // 10**6)) if progress else None
    )
    return block_members(
        split_blocks(candidate_graph(vectors, days, config, progress=link), config)
    )


def block_members(blocks: Blocks) -> list[NDArray[np.int64]]:
    """Rows of each block (int64, sorted), blocks in the order of their labels: the
    order in which `join_blocks` numbers their stories."""
    order = np.argsort(blocks.labels, kind="stable")
    bounds = np.flatnonzero(np.diff(blocks.labels[order])) + 1
    return [np.sort(members) for members in np.split(order, bounds)]


def cluster_block(
    members: NDArray[np.int64],
    vectors: NDArray[np.float32],
    days: NDArray[np.float64],
    config: ClusterConfig,
    sparse: sp.csr_matrix | None = None,
    evidence: Evidence | None = None,
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Labels (int64 0..k-1, shape (len(members),)) and HDBSCAN noise flags of the
    articles `members` (rows of `vectors`, `days`, `sparse`, `evidence`), one block:
    the work of one block, on whichever worker runs it."""
    if len(members) == 1:
        return np.zeros(1, dtype=np.int64), np.ones(1, dtype=bool)
    # The block's rows of each array, taken once for every step below (the evidence's
    # sixteen fields were taken three times, its days four).
    block_days = days[members]
    block_evidence = evidence.rows(members) if evidence is not None else None
    distances = block_distances(
        vectors[members],
        sparse[members] if sparse is not None else None,
        block_days,
        config,
        block_evidence,
    )
    penalties: NDArray[np.float64] | float = 0.0
    if block_evidence is not None and config.conflict_penalty > 0:
        found = conflicts(block_evidence, block_days, config)
        penalties = (config.conflict_penalty * found).astype(np.float64, copy=False)
    cannot_link = None
    if block_evidence is not None and config.cannot_link_cues > 0:
        cannot_link = cannot_links(block_evidence, block_days, config)
    return _cluster_block(distances, block_days, config, penalties, cannot_link)


def join_blocks(
    groups: Sequence[NDArray[np.int64]],
    results: Iterable[tuple[NDArray[np.int64], NDArray[np.bool_]]],
    n: int,
    progress: Callable[[str, int, int], None] | None = None,
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """The corpus's (labels int64 (n,) 0..k-1, noise bool (n,)) from each block's
    `cluster_block` result, given in the order of `groups` (`block_members`): stories
    numbered block after block. progress("cluster", articles done, n)."""
    labels = np.full(n, -1, dtype=np.int64)
    noise = np.zeros(n, dtype=bool)
    next_label = done = reported = 0
    for members, (block_labels, block_noise) in zip(groups, results, strict=True):
        labels[members] = block_labels + next_label
        noise[members] = block_noise
        next_label += int(block_labels.max()) + 1
        done += len(members)
        if progress and (done == n or done - reported >= n // 100):
            progress("cluster", done, n)
            reported = done
    return labels, noise
