"""Clustering articles into stories: time-aware blocking, HDBSCAN per block, then a merge.

Why this shape (measured on the labelled sets, see benchmarks/RESULTS.md):

1. **Blocking.** A sparse candidate graph links two articles when their embeddings
   have cosine similarity >= `link_similarity` and they were published at most
   `max_gap_days` apart. Its connected components are independent blocks: no story
   can span two of them. Each block is clustered on its own, so the work grows with
   the sizes of the blocks, not with the square of the corpus, and blocks could run
   on separate workers. A block larger than `max_block_size` is split by raising
   the link threshold inside it until every part fits.
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

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl
import scipy.sparse as sp
from numpy.typing import NDArray
from scipy.sparse.csgraph import breadth_first_order, connected_components
from sklearn.feature_extraction.text import HashingVectorizer

from clustering.config import ClusterConfig

#: Rows and columns of the similarity matrix computed at once for the candidate graph.
_CHUNK = 2048
_TILE = 2048
#: Columns of the hashed term space of the sparse (TF-IDF) features.
SPARSE_FEATURES = 2**18
#: Step by which the link threshold rises inside a block that is too large.
_THRESHOLD_STEP = 0.05


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
    counts = term_counts(texts)
    if doc_freq is None:
        doc_freq, n_docs = document_frequencies(counts), len(texts)
    n = max(n_docs or 0, 1)
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


_Edges = tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float32]]


class _LevelForests:
    """Union-find of the articles at every link level, fed edges chunk by chunk.

    For each level it keeps the edges that joined two of its components: a spanning
    forest of the level's links. The union of the forests has the same connected
    components as the full link graph at every level, with at most
    n_levels * (n - 1) edges instead of a share of all n^2 pairs.
    """

    #: Links held per level before they are joined (bounds memory; joins cost per call).
    PENDING = 4_000_000

    def __init__(self, n: int, levels: list[float]) -> None:
        self.n = n
        # float32 like the similarities: `sims >= level` compares in float32 too.
        self.levels = np.asarray(levels, dtype=np.float32)
        self.labels = np.tile(np.arange(n, dtype=np.int64), (len(levels), 1))
        self.edges: list[_Edges] = []
        self.pending: list[list[_Edges]] = [[] for _ in levels]
        self.n_pending = np.zeros(len(levels), dtype=np.int64)

    def add(self, i: NDArray[np.int64], j: NDArray[np.int64], s: NDArray[np.float32]) -> None:
        """Links (i, j) with similarity s >= levels[0]; links inside one component (as
        of the last `flush`) are dropped at once."""
        for k, level in enumerate(self.levels):
            if k:  # levels are nested: a link at level k is one at every level below
                keep = s >= level
                i, j, s = i[keep], j[keep], s[keep]
            if len(i) == 0:
                return
            cross = self.labels[k][i] != self.labels[k][j]
            if cross.any():
                self.pending[k].append((i[cross], j[cross], s[cross]))
                self.n_pending[k] += int(cross.sum())
                if self.n_pending[k] > self.PENDING:
                    self._join(k)

    def flush(self) -> None:
        """Join every pending link."""
        for k in range(len(self.levels)):
            if self.pending[k]:
                self._join(k)

    def _join(self, k: int) -> None:
        """Merge the level-k components that the pending links of level k join; keep a
        spanning forest of them.

        Linear in the number of links (no global sort): components of the graph over
        the labels involved, then a breadth-first tree from a virtual root tied to one
        node of each component gives the forest.
        """
        i, j, s = (np.concatenate(parts) for parts in zip(*self.pending[k], strict=True))
        self.pending[k], self.n_pending[k] = [], 0
        a, b = self.labels[k][i], self.labels[k][j]
        mark = np.zeros(self.n, dtype=bool)
        mark[a] = mark[b] = True
        nodes = np.flatnonzero(mark)  # sorted labels involved
        m = len(nodes)
        local = np.empty(self.n, dtype=np.int64)
        local[nodes] = np.arange(m)
        u, v = local[a], local[b]
        graph = sp.csr_matrix((np.ones(len(u), dtype=np.float32), (u, v)), shape=(m, m))
        n_parts, part = connected_components(graph, directed=False)
        first = np.empty(n_parts, dtype=np.int64)  # smallest node of each component
        first[part[::-1]] = np.arange(m)[::-1]
        rooted = sp.csr_matrix(
            (
                np.ones(len(u) + n_parts, dtype=np.float32),
                (np.concatenate([u, np.full(n_parts, m)]), np.concatenate([v, first])),
            ),
            shape=(m + 1, m + 1),
        )
        _, parent = breadth_first_order(rooted, m, directed=False, return_predecessors=True)
        child = np.flatnonzero((parent[:m] >= 0) & (parent[:m] != m))
        tree = np.sort(np.minimum(child, parent[child]) * m + np.maximum(child, parent[child]))
        keys = np.minimum(u, v) * m + np.maximum(u, v)
        at = np.minimum(np.searchsorted(tree, keys), max(len(tree) - 1, 0))
        hit = np.flatnonzero(tree[at] == keys) if len(tree) else np.zeros(0, dtype=np.int64)
        edge = np.empty(len(tree), dtype=np.int64)  # one link per tree edge
        edge[at[hit][::-1]] = hit[::-1]
        self.edges.append((i[edge], j[edge], s[edge]))
        relabel = np.arange(self.n, dtype=np.int64)
        relabel[nodes] = nodes[first[part]]
        self.labels[k] = relabel[self.labels[k]]

    def graph(self) -> sp.csr_matrix:
        self.flush()
        if self.edges:
            r, c, v = (np.concatenate(parts) for parts in zip(*self.edges, strict=True))
        else:
            r = c = np.zeros(0, dtype=np.int64)
            v = np.zeros(0, dtype=np.float32)
        # A link can join components at several levels: keep it once.
        _, once = np.unique(r * self.n + c, return_index=True)
        upper = sp.coo_matrix((v[once], (r[once], c[once])), shape=(self.n, self.n))
        return (upper + upper.T).tocsr()


def candidate_graph(
    vectors: NDArray[np.float32], days: NDArray[np.float64], config: ClusterConfig
) -> sp.csr_matrix:
    """Sparse symmetric graph of cosine similarities between articles, whose connected
    components at every threshold of `link_levels` are those of the full link graph:
    all pairs with similarity >= link_similarity at most max_gap_days apart (articles
    with an unknown date are compared with all).

    The full graph is never held: on real news about 8% of all pairs link at 0.35
    (4e8 edges at 100k articles), so each level keeps only a spanning forest of its
    links (`_LevelForests`), which is all `split_blocks` needs.

    Rows must be sorted by day (NaN last) so that each chunk's candidates are one
    contiguous range: the cost is n * (articles inside the window), not n^2.
    """
    n = len(vectors)
    known = ~np.isnan(days)
    n_known = int(known.sum())
    if n_known and not known[:n_known].all():
        raise ValueError("candidate_graph needs rows sorted by day with unknown days last")
    forests = _LevelForests(n, link_levels(config))
    for start in range(0, n, _CHUNK):
        stop = min(start + _CHUNK, n)
        # Only pairs (i, j) with j >= i are computed; the graph is symmetrised at the end.
        if stop <= n_known:
            hi = int(np.searchsorted(days[:n_known], days[stop - 1] + config.max_gap_days, "right"))
            ranges = [(start, hi), (n_known, n)]
        else:
            ranges = [(start, n)]
        for lo, hi in ranges:
            # Column tiles keep the similarity block in cache for the threshold pass.
            for tile in range(lo, hi, _TILE):
                tile_hi = min(tile + _TILE, hi)
                sims = vectors[start:stop] @ vectors[tile:tile_hi].T
                flat = np.flatnonzero(sims >= config.link_similarity)
                s = sims.ravel()[flat]
                i, j = flat // sims.shape[1] + start, flat % sims.shape[1] + tile
                keep = j > i
                if stop <= n_known and tile < n_known:
                    keep &= np.abs(days[j] - days[i]) <= config.max_gap_days
                forests.add(i[keep], j[keep], s[keep])
        forests.flush()
    return forests.graph()


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


def block_distances(
    vectors: NDArray[np.float32],
    sparse: sp.csr_matrix | None,
    days: NDArray[np.float64],
    config: ClusterConfig,
) -> NDArray[np.float64]:
    """Dense distance matrix of one block (see the module docstring), shape (n, n)."""
    sims = (vectors @ vectors.T).astype(np.float64)
    if sparse is not None and config.sparse_weight > 0:
        sims = (1 - config.sparse_weight) * sims + config.sparse_weight * (
            sparse @ sparse.T
        ).toarray()
    distances = np.clip(1.0 - sims, 0.0, 2.0)
    if config.time_penalty > 0:
        gap = np.abs(days[:, None] - days[None, :])
        gap = np.nan_to_num(gap, nan=0.0)  # an unknown date is not evidence either way
        distances += config.time_penalty * (1.0 - np.exp(-gap / config.time_scale_days))
    np.fill_diagonal(distances, 0.0)
    return distances


def merge_clusters(
    labels: NDArray[np.int64], distances: NDArray[np.float64], threshold: float
) -> NDArray[np.int64]:
    """Average-linkage (UPGMA) merge of clusters whose mean pairwise distance is
    <= threshold, closest pair first. `labels` has no noise (-1) left."""
    ids, inverse = np.unique(labels, return_inverse=True)
    k = len(ids)
    if k < 2:
        return labels
    indicator = sp.csr_matrix(
        (np.ones(len(labels)), (np.arange(len(labels)), inverse)), (len(labels), k)
    )
    sums = (indicator.T @ sp.csr_matrix(distances) @ indicator).toarray()
    sizes = np.asarray(indicator.sum(axis=0)).ravel()
    mean = sums / np.outer(sizes, sizes)
    np.fill_diagonal(mean, np.inf)
    alive = np.ones(k, dtype=bool)
    parent = np.arange(k)
    while True:
        flat = int(np.argmin(mean))
        a, b = divmod(flat, k)
        if mean[a, b] > threshold:
            break
        a, b = min(a, b), max(a, b)
        # Lance-Williams update for average linkage, exact on the member means.
        mean[a] = (sizes[a] * mean[a] + sizes[b] * mean[b]) / (sizes[a] + sizes[b])
        mean[:, a] = mean[a]
        mean[a, a] = np.inf
        mean[b, :] = np.inf
        mean[:, b] = np.inf
        sizes[a] += sizes[b]
        alive[b] = False
        parent[parent == b] = a
    return parent[inverse].astype(np.int64)


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


def _cluster_block(
    distances: NDArray[np.float64], days: NDArray[np.float64], config: ClusterConfig
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Labels (0..k-1, every article labelled) and HDBSCAN's noise flags for one block."""
    n = len(distances)
    if n < config.min_cluster_size:
        return np.arange(n, dtype=np.int64), np.ones(n, dtype=bool)
    try:
        import hdbscan
    except ImportError as exc:  # pragma: no cover - install problem
        raise ImportError("clustering needs: pip install hdbscan") from exc
    # A block is clustered as if the rest of the corpus were there: `min_cluster_size`
    # decoy articles far from everything stand in for the other blocks, so the block's
    # root competes for selection exactly as it would in one global HDBSCAN tree
    # (alone, HDBSCAN could never call a whole block one story).
    far = max(float(distances.max()), 1.0) + 0.5
    m = config.min_cluster_size
    padded = np.full((n + m, n + m), far)
    padded[:n, :n] = distances
    padded[n:, n:] = 0.0
    labels = (
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
    noise = labels < 0
    # Noise articles become single-article stories, never dropped.
    labels[noise] = labels.max() + 1 + np.arange(int(noise.sum()))
    if config.merge_distance > 0:
        labels = merge_clusters(labels, distances, config.merge_distance)
    if config.split_gap_days > 0:
        labels = split_at_gaps(labels, days, config.split_gap_days, config.split_min_side)
    _, labels = np.unique(labels, return_inverse=True)
    # An article HDBSCAN called noise that the merge put with others is no longer alone.
    sizes = np.bincount(labels)
    return labels.astype(np.int64), noise & (sizes[labels] == 1)


def cluster_vectors(
    vectors: NDArray[np.float32],
    days: NDArray[np.float64],
    config: ClusterConfig,
    sparse: sp.csr_matrix | None = None,
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Story labels for articles already in canonical order (sorted by day, unknown last).

    vectors: float32, shape (n, dim), unit rows. days: float days since epoch or NaN.
    sparse: optional L2-normalised sparse rows (see `sparse_features`), shape (n, f).
    Returns (labels: int64 shape (n,), 0..k-1; is_noise: bool shape (n,)).
    """
    n = len(vectors)
    labels = np.full(n, -1, dtype=np.int64)
    noise = np.zeros(n, dtype=bool)
    if n == 0:
        return labels, noise
    blocks = split_blocks(candidate_graph(vectors, days, config), config)
    order = np.argsort(blocks.labels, kind="stable")
    bounds = np.flatnonzero(np.diff(blocks.labels[order])) + 1
    next_label = 0
    for members in np.split(order, bounds):
        members = np.sort(members)
        if len(members) == 1:
            block_labels, block_noise = np.zeros(1, dtype=np.int64), np.ones(1, dtype=bool)
        else:
            distances = block_distances(
                vectors[members],
                sparse[members] if sparse is not None else None,
                days[members],
                config,
            )
            block_labels, block_noise = _cluster_block(distances, days[members], config)
        labels[members] = block_labels + next_label
        noise[members] = block_noise
        next_label += int(block_labels.max()) + 1
    return labels, noise
