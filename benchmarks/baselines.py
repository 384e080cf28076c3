"""The baselines `python -m benchmarks.bench --baselines` runs next to ours, on the same
articles and the same cached embeddings (each is a `Baseline`: original articles in
canonical order, their unit vectors, the true number of stories -> one label per
article, -1 for noise, which is scored as single-article stories).

- "tfidf+agglo (told k)": TF-IDF of title + lead + body, average-linkage
  agglomerative clustering on cosine distance, TOLD the true number of stories (the
  reference baseline of ../shared/data/README.md; it reproduces its numbers within
  0.013).
- "bertopic-style": BERTopic's default clustering: UMAP to 5 dimensions (15
  neighbours, min_dist 0, cosine) then HDBSCAN with min_cluster_size 10 (seeded here;
  BERTopic is not).
- "hdbscan-raw": HDBSCAN on the raw embeddings with our min_cluster_size 2 and
  min_samples 1: what blocking, time, TF-IDF and the merge add.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import polars as pl
from numpy.typing import NDArray

#: A baseline: (original articles in canonical order, their unit vectors, the true number
#: of stories) -> one label per article (-1 = noise, scored as single-article stories).
Baseline = Callable[[pl.DataFrame, NDArray[np.float32], int], NDArray[np.int64]]


def tfidf_agglomerative(
    articles: pl.DataFrame, vectors: NDArray[np.float32], n_stories: int
) -> NDArray[np.int64]:
    """Average-linkage clusters of TF-IDF rows, exactly `n_stories` of them."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    n = articles.height
    if n_stories >= n:
        return np.arange(n, dtype=np.int64)
    texts = articles.select(
        pl.concat_str(["title", "lead", "body"], separator=". ", ignore_nulls=True)
    ).to_series()
    rows = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts.to_list())
    distances = np.clip(1.0 - (rows @ rows.T).toarray(), 0.0, None)
    model = AgglomerativeClustering(n_clusters=n_stories, metric="precomputed", linkage="average")
    return model.fit_predict(distances).astype(np.int64)


def bertopic_style(
    articles: pl.DataFrame, vectors: NDArray[np.float32], n_stories: int
) -> NDArray[np.int64]:
    """UMAP (5-d, 15 neighbours, min_dist 0, cosine, seed 42) then HDBSCAN (min_cluster_size 10)."""
    import hdbscan
    import umap

    n = len(vectors)
    if n <= 6:  # UMAP needs more points than its spectral layout's dimensions
        return np.full(n, -1, dtype=np.int64)
    reduced = umap.UMAP(
        n_neighbors=min(15, n - 1),
        n_components=5,
        min_dist=0.0,
        metric="cosine",
        random_state=42,
        n_jobs=1,  # a seed makes UMAP single-threaded anyway; saying so silences its warning
    ).fit_transform(vectors)
    model = hdbscan.HDBSCAN(min_cluster_size=10, metric="euclidean", cluster_selection_method="eom")
    return model.fit_predict(reduced).astype(np.int64)


def hdbscan_raw(
    articles: pl.DataFrame, vectors: NDArray[np.float32], n_stories: int
) -> NDArray[np.int64]:
    """HDBSCAN (min_cluster_size 2, min_samples 1) on the unit embeddings (euclidean on
    unit vectors orders pairs as cosine does; hdbscan has no cosine metric)."""
    import hdbscan

    if len(vectors) < 2:
        return np.full(len(vectors), -1, dtype=np.int64)
    model = hdbscan.HDBSCAN(min_cluster_size=2, min_samples=1, metric="euclidean")
    return model.fit_predict(vectors.astype(np.float64)).astype(np.int64)


#: The baselines in the order the tables show them.
BASELINES: dict[str, Baseline] = {
    "tfidf+agglo (told k)": tfidf_agglomerative,
    "bertopic-style": bertopic_style,
    "hdbscan-raw": hdbscan_raw,
}
