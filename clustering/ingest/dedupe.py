"""Exact, same-URL and near duplicates (one wire story republished by several outlets).

A duplicate copy is kept in the corpus, flagged, and pointed at its canonical copy,
so that it is never counted as independent coverage.

Near duplicates are found with MinHash LSH written over numpy and polars rather
than with the `datasketch` package, which hashes every shingle of every text in a
Python loop: here a batch of texts is tokenised and its words hashed by polars (in
Rust), the word 5-gram shingle hashes of all texts are computed as one array, and
the MinHash values as one `np.minimum.reduceat` per permutation; the banded LSH
index is a `np.unique` per band. Every candidate pair is then checked with the exact
Jaccard similarity of the two shingle sets, so MinHash only decides which pairs are
compared and the threshold is applied exactly. The hashes depend on a text's content
only (fixed seeds), so the result does not depend on the input order or on which
other texts are in the batch.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import polars as pl
from numpy.typing import NDArray

from clustering.ingest.normalise import normalise_url
from clustering.schema import ARTICLES, DUPLICATE_KEYS, validate

#: Words per shingle (IngestConfig.near_duplicate_threshold is a Jaccard over these).
SHINGLE_WORDS = 5
#: MinHash values per text.
NUM_PERM = 128
#: Texts with fewer shingles than this are too short to call near copies (a headline,
#: a one-line teaser): only exact and same-URL duplicates are flagged for them.
MIN_SHINGLES = 10
#: Texts shingled at once: bounds memory (about 8 bytes x 3 per word of the batch).
BATCH_TEXTS = 5000

_RNG = np.random.default_rng(20_240_521)
_MIX = np.uint64(_RNG.integers(1, 2**63, dtype=np.uint64) | np.uint64(1))
_A = _RNG.integers(1, 2**63, NUM_PERM, dtype=np.uint64) | np.uint64(1)
_B = _RNG.integers(0, 2**63, NUM_PERM, dtype=np.uint64)
_WORD_SEED = 20_240_521


def shingle_sets(texts: Sequence[str]) -> tuple[NDArray[np.int64], NDArray[np.uint64]]:
    """The lowercase word 5-gram shingle hashes of each text, as one CSR pair.

    Returns (offsets, values): offsets int64, shape (n_texts + 1,); the shingle hashes
    (uint64) of text i are values[offsets[i]:offsets[i + 1]], one per 5-word window
    in text order, so a repeated phrase repeats its hash (MinHash does not care; use
    `shingle_hashes` for a set). A text of fewer than `SHINGLE_WORDS` words has none.
    """
    tokens = pl.Series(texts, dtype=pl.String).str.to_lowercase().str.extract_all(r"\w+")
    lengths = tokens.list.len().fill_null(0).to_numpy().astype(np.int64)
    words = tokens.explode().drop_nulls().hash(seed=_WORD_SEED).to_numpy()
    n, k = len(texts), SHINGLE_WORDS
    m = len(words) - k + 1
    if m <= 0:
        return np.zeros(n + 1, dtype=np.int64), np.empty(0, dtype=np.uint64)
    shingles = np.zeros(m, dtype=np.uint64)
    for i in range(k):  # a polynomial hash of each window of k words, mod 2**64
        shingles = shingles * _MIX + words[i : i + m]
    # Keep the windows that start and end inside one text.
    ends = np.cumsum(lengths)
    owner = np.repeat(np.arange(n), lengths)[:m]
    inside = np.arange(m) + k <= ends[owner]
    counts = np.maximum(lengths - k + 1, 0)
    return np.concatenate([[0], np.cumsum(counts)]).astype(np.int64), shingles[inside]


def shingle_hashes(text: str) -> NDArray[np.uint64]:
    """Sorted unique shingle hashes of one text (see `shingle_sets`)."""
    return np.unique(shingle_sets([text])[1])


def minhash_signatures(
    offsets: NDArray[np.int64], values: NDArray[np.uint64]
) -> NDArray[np.uint32]:
    """MinHash signatures of CSR shingle sets, uint32, shape (n_texts, NUM_PERM).

    Value p of text i is the minimum multiply-shift hash ((a_p * x + b_p) mod 2**64)
    >> 32 over its shingles x; a text without shingles gets all 0xFFFFFFFF.
    """
    n = len(offsets) - 1
    out = np.full((n, NUM_PERM), np.iinfo(np.uint32).max, dtype=np.uint32)
    nonempty = offsets[:-1] < offsets[1:]
    if not nonempty.any():
        return out
    heads = offsets[:-1][nonempty]
    for p in range(NUM_PERM):
        lowest = np.minimum.reduceat(values * _A[p] + _B[p], heads)
        out[nonempty, p] = lowest >> np.uint64(32)
    return out


def jaccard(a: NDArray[np.uint64], b: NDArray[np.uint64]) -> float:
    """Jaccard similarity of two sorted unique hash arrays."""
    if not len(a) or not len(b):
        return 0.0
    common = np.intersect1d(a, b, assume_unique=True).size
    return common / (len(a) + len(b) - common)


#: Share of pairs exactly at the threshold that the LSH index must propose for checking.
LSH_RECALL = 0.97


def lsh_bands(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows per band) for the LSH index at a Jaccard `threshold`.

    The longest bands (fewest chance candidates) under which a pair exactly at the
    threshold is still proposed with probability >= `LSH_RECALL`; pairs above it are
    proposed more often still. Every candidate is then verified exactly, so extra
    candidates cost one comparison each, while a missed pair is a missed copy.
    """
    for rows in range(num_perm, 0, -1):
        bands = num_perm // rows
        if 1.0 - (1.0 - threshold**rows) ** bands >= LSH_RECALL:
            return bands, rows
    return num_perm, 1


#: Odd multiplier of the band-key hash (any fixed odd 64-bit number).
_BAND_MIX = np.uint64(0x9E3779B97F4A7C15)


def band_keys(signatures: NDArray[np.uint32], threshold: float) -> NDArray[np.uint64]:
    """The LSH index keys of MinHash `signatures`: uint64, shape (n_texts, bands), key
    b of a text a hash of band b's `rows` values and of b itself (`lsh_bands`), so two
    texts share key b exactly when they agree on band b (up to a 2**-64 collision:
    every candidate is verified anyway). Stored per article (DUPLICATE_KEYS.lsh_keys),
    they let `add` find a new article's candidate copies with a lookup."""
    bands, rows = lsh_bands(threshold, signatures.shape[1])
    keys = np.empty((signatures.shape[0], bands), dtype=np.uint64)
    for band in range(bands):
        key = np.full(signatures.shape[0], band + 1, dtype=np.uint64)
        for value in signatures[:, band * rows : (band + 1) * rows].T:
            key = key * _BAND_MIX + value.astype(np.uint64)
        keys[:, band] = key ^ (key >> np.uint64(29))
    return keys


def _candidate_groups(signatures: NDArray[np.uint32], threshold: float) -> list[NDArray[np.int64]]:
    """Groups of row indices that share at least one LSH band (one group per bucket)."""
    keys = band_keys(signatures, threshold)
    groups = []
    for band in range(keys.shape[1]):
        _, inverse, counts = np.unique(keys[:, band], return_inverse=True, return_counts=True)
        shared = np.flatnonzero(counts[inverse] > 1)
        if not len(shared):
            continue
        shared = shared[np.argsort(inverse[shared], kind="stable")]
        bounds = np.flatnonzero(np.diff(inverse[shared])) + 1
        groups.extend(np.split(shared, bounds))
    return groups


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:  # path compression
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def _unique_ids(new: pl.DataFrame, taken: set[str]) -> list[str]:
    """article_id per new row, a taken id (the very same record read twice) replaced by
    sha256(id|source_file|source_line); the copy first by (file, line) keeps the plain id."""
    ids = new["article_id"].to_list()
    files = new["source_file"].fill_null("").to_list()
    lines = new["source_line"].fill_null(0).to_list()
    out = list(ids)
    for i in sorted(range(len(ids)), key=lambda i: (files[i], lines[i], ids[i])):
        candidate, n = ids[i], 0
        while candidate in taken:
            n += 1
            key = f"{ids[i]}|{files[i]}|{lines[i]}|{n}"
            candidate = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
        taken.add(candidate)
        out[i] = candidate
    return out


def _url_key(url: str | None) -> str | None:
    """The normalised URL, or None when it names no page (a bare domain, a home page)."""
    key = normalise_url(url)
    return key if key is not None and "/" in key.split("?")[0] else None


def _link_near_copies(
    texts: list[str], candidates: list[int], n_old: int, threshold: float, groups: _UnionFind
) -> None:
    """Union the texts (by index; the first `n_old` existing) whose shingle Jaccard is at
    least `threshold`. One MinHash per candidate; LSH proposes pairs, exact Jaccard decides."""
    rows: list[int] = []
    signatures = []
    for start in range(0, len(candidates), BATCH_TEXTS):
        batch = candidates[start : start + BATCH_TEXTS]
        offsets, values = shingle_sets([texts[i] for i in batch])
        long_enough = np.diff(offsets) >= MIN_SHINGLES
        signatures.append(minhash_signatures(offsets, values)[long_enough])
        rows.extend(i for i, ok in zip(batch, long_enough, strict=True) if ok)
    if len(rows) < 2:
        return
    pairs: set[tuple[int, int]] = set()
    for group in _candidate_groups(np.concatenate(signatures), threshold):
        members = sorted(rows[k] for k in group)
        for at, a in enumerate(members):
            # Pairs of existing articles were decided when they were added.
            pairs.update((a, b) for b in members[at + 1 :] if b >= n_old)
    involved = sorted({i for pair in pairs for i in pair})
    shingle_of: dict[int, NDArray[np.uint64]] = {}
    for start in range(0, len(involved), BATCH_TEXTS):
        batch = involved[start : start + BATCH_TEXTS]
        offsets, values = shingle_sets([texts[i] for i in batch])
        for i, lo, hi in zip(batch, offsets[:-1], offsets[1:], strict=True):
            shingle_of[i] = np.unique(values[lo:hi])
    for a, b in sorted(pairs):
        if groups.find(a) != groups.find(b) and jaccard(shingle_of[a], shingle_of[b]) >= threshold:
            groups.union(a, b)


def _texts(articles: pl.DataFrame) -> list[str]:
    # Title + body: a long body dominates, while two short texts that share a boilerplate
    # body ("Chat with us in Facebook Messenger.") are told apart by their titles.
    return [
        f"{title}\n{body}" for title, body in zip(articles["title"], articles["body"], strict=True)
    ]


def duplicate_keys(articles: pl.DataFrame, threshold: float = 0.8) -> pl.DataFrame:
    """DUPLICATE_KEYS of `articles` (ARTICLES), one row each, same order: the normalised
    URL (null when it names no page), the content hash and the LSH keys (`band_keys`)
    of the title + body at Jaccard `threshold` (null for a text too short to be a near
    copy). What `flag_duplicates` compares, stored so that `add` looks a batch up in
    the corpus instead of re-normalising and re-hashing every stored article."""
    validate(articles, ARTICLES, "articles")
    texts = _texts(articles)
    keys: list[list[int] | None] = []
    for start in range(0, len(texts), BATCH_TEXTS):
        offsets, values = shingle_sets(texts[start : start + BATCH_TEXTS])
        long_enough = np.diff(offsets) >= MIN_SHINGLES
        # As int64 (the same bits): Delta tables have no unsigned integers.
        bands = band_keys(minhash_signatures(offsets, values), threshold).view(np.int64)
        keys.extend(
            row.tolist() if ok else None for row, ok in zip(bands, long_enough, strict=True)
        )
    return pl.DataFrame(
        {
            "article_id": articles["article_id"],
            "published_at": articles["published_at"],
            "url_key": pl.Series([_url_key(u) for u in articles["url"]], dtype=pl.String),
            "content_hash": articles["content_hash"],
            "lsh_keys": pl.Series(keys, dtype=pl.List(pl.Int64)),
        },
        schema=DUPLICATE_KEYS,
    )


def _stable_hashes(kind: str, values: pl.Series) -> tuple[NDArray[np.uint64], NDArray[np.int64]]:
    """(hash, row) of each non-null string of `values`: 8 bytes of blake2b over the key's
    kind and text, the same in every release and process (polars' hash is not), so a
    stored index is probed with the hashes it was built with."""
    rows = [i for i, value in enumerate(values.to_list()) if value is not None]
    hashes = [
        int.from_bytes(
            hashlib.blake2b(f"{kind}\0{values[i]}".encode(), digest_size=8).digest(), "little"
        )
        for i in rows
    ]
    return np.array(hashes, dtype=np.uint64), np.array(rows, dtype=np.int64)


def key_hashes(keys: pl.DataFrame) -> tuple[NDArray[np.uint64], NDArray[np.int64]]:
    """Every lookup key of DUPLICATE_KEYS rows (`keys`) as one uint64, with the row it
    came from: (hashes, rows), both shape (n_keys,). article_id, url_key and content_hash
    are hashed with their kind (`_stable_hashes`); the LSH keys, already band-salted
    hashes, are taken as they are. Two rows share a hash when they share a key (a
    different pair shares one with probability ~2**-64: one more candidate, verified)."""
    parts = [
        _stable_hashes(kind, keys[column])
        for kind, column in (("id", "article_id"), ("url", "url_key"), ("hash", "content_hash"))
    ]
    lsh = (
        keys.select(pl.int_range(pl.len(), dtype=pl.Int64).alias("row"), "lsh_keys")
        .explode("lsh_keys")
        .drop_nulls()
    )
    parts.append((lsh["lsh_keys"].to_numpy().view(np.uint64), lsh["row"].to_numpy()))
    return np.concatenate([h for h, _ in parts]), np.concatenate([r for _, r in parts])


#: Later segments of the key index (one per `add`) may hold this share of the first's
#: articles before an add merges them all into one (a sort of every key: at 1M stored
#: articles ~21M keys, once per 10% of growth).
KEY_SEGMENT_SHARE = 0.1
#: ... or this many segments (each costs a probe per lookup).
MAX_KEY_SEGMENTS = 32
#: published_at of an undated article in the index's article rows.
_NO_TIME = np.iinfo(np.int64).min


@dataclass
class KeyIndex:
    """The duplicate keys of a corpus as sorted hash arrays, looked up by binary search:
    the cost of a lookup grows with the keys asked for (and log of the stored ones), not
    with the corpus, where a scan of the DUPLICATE_KEYS table decodes every stored key
    (at 1M articles ~21M: 0.7 CPU s an add). segments: (keys uint64 sorted, rows int64:
    the article of each key, articles: structured rows (id bytes, at int64 epoch us)),
    memory-mapped from the corpus's index folder (only the probed pages are read)."""

    segments: list[tuple[NDArray[np.uint64], NDArray[np.int64], NDArray[np.void]]]

    @property
    def n(self) -> int:
        """The articles indexed."""
        return sum(len(articles) for _, _, articles in self.segments)

    def lookup(self, hashes: NDArray[np.uint64]) -> pl.DataFrame:
        """(article_id, published_at) of the stored articles with a key among `hashes`
        (see `key_hashes`), each once, sorted by article_id."""
        wanted = np.unique(hashes)
        ids: list[bytes] = []
        times: list[NDArray[np.int64]] = []
        for keys, rows, articles in self.segments:
            lo = np.searchsorted(keys, wanted, "left")
            hi = np.searchsorted(keys, wanted, "right")
            counts = hi - lo
            if not counts.any():
                continue
            starts, counts = lo[counts > 0], counts[counts > 0]
            at = np.repeat(starts - (np.cumsum(counts) - counts), counts) + np.arange(counts.sum())
            found = articles[np.unique(np.asarray(rows[at]))]
            ids.extend(found["id"].tolist())
            times.append(np.asarray(found["at"], dtype=np.int64))
        at_us = np.concatenate(times) if times else np.zeros(0, dtype=np.int64)
        return (
            pl.DataFrame(
                {
                    "article_id": pl.Series([i.decode("utf-8") for i in ids], dtype=pl.String),
                    "published_at": pl.Series(at_us, dtype=pl.Int64),
                }
            )
            .with_columns(
                pl.when(pl.col("published_at") != _NO_TIME)
                .then(pl.col("published_at"))
                .cast(pl.Datetime("us"))
                .dt.replace_time_zone("UTC")
            )
            .unique("article_id")
            .sort("article_id")
        )


def key_segment(
    keys: pl.DataFrame,
) -> tuple[NDArray[np.uint64], NDArray[np.int64], NDArray[np.void]]:
    """One KeyIndex segment of DUPLICATE_KEYS rows `keys` (row i: article i)."""
    hashes, rows = key_hashes(keys)
    order = np.argsort(hashes, kind="stable")
    encoded = [i.encode("utf-8") for i in keys["article_id"].to_list()]
    width = max((len(i) for i in encoded), default=1) or 1
    articles = np.empty(keys.height, dtype=[("id", f"S{width}"), ("at", "<i8")])
    articles["id"] = encoded
    articles["at"] = keys["published_at"].dt.epoch("us").fill_null(_NO_TIME).to_numpy()
    return hashes[order], rows[order], articles


def _merged(
    segments: list[tuple[NDArray[np.uint64], NDArray[np.int64], NDArray[np.void]]],
) -> tuple[NDArray[np.uint64], NDArray[np.int64], NDArray[np.void]]:
    """The segments as one (their articles in order, rows renumbered)."""
    offsets = np.cumsum([0] + [len(a) for _, _, a in segments])
    width = max(a.dtype["id"].itemsize for _, _, a in segments)
    articles = np.concatenate(
        [a.astype([("id", f"S{width}"), ("at", "<i8")]) for _, _, a in segments]
    )
    hashes = np.concatenate([np.asarray(k) for k, _, _ in segments])
    rows = np.concatenate(
        [np.asarray(r) + o for (_, r, _), o in zip(segments, offsets, strict=False)]
    )
    order = np.argsort(hashes, kind="stable")
    return hashes[order], rows[order], articles


def _save_segments(corpus: Any, segments: list[Any], n: int, kept: tuple[Any, ...] = ()) -> None:
    """Write the in-memory `segments` (after the files `kept`) and name them all as the
    key index of the commit `corpus` (a transaction) is making."""
    from clustering.corpus import KeyIndexFiles

    written = []
    for segment in segments:
        paths = tuple(
            corpus.new_index_file(suffix) for suffix in (".dkeys.npy", ".drows.npy", ".dids.npy")
        )
        for path, array in zip(paths, segment, strict=True):
            with path.open("wb") as fh:
                np.save(fh, np.ascontiguousarray(array))
        written.append(paths)
    corpus.record_key_index(KeyIndexFiles((*kept, *written), n))


def open_key_index(corpus: Any) -> KeyIndex:
    """The key index of `corpus` (a clustering.corpus.Corpus), memory-mapped; built from
    its DUPLICATE_KEYS table when it has none current (once: at 1M articles a few
    seconds), and then, inside a transaction, written and recorded with its commit."""
    files = corpus.key_index()
    if files is not None:
        return KeyIndex(
            [tuple(np.load(path, mmap_mode="r") for path in segment) for segment in files.segments]  # type: ignore[misc]
        )
    stored = corpus.scan("duplicate_keys", ordered=False).collect()
    segment = key_segment(stored)
    if corpus.in_transaction:
        _save_segments(corpus, [segment], stored.height)
    return KeyIndex([segment])


def extend_key_index(corpus: Any, files: Any, keys: pl.DataFrame) -> None:
    """Add the DUPLICATE_KEYS rows `keys`, just appended to the table of `corpus` (a
    transaction) whose key index was `files` (current before them), as one more segment;
    all merged into one when the later ones pass KEY_SEGMENT_SHARE of the first or
    MAX_KEY_SEGMENTS."""
    segment = key_segment(keys)
    n = files.n + keys.height
    first = np.load(files.segments[0][2], mmap_mode="r")
    later = n - len(first)
    if later > KEY_SEGMENT_SHARE * len(first) or len(files.segments) + 1 > MAX_KEY_SEGMENTS:
        loaded = [tuple(np.load(path) for path in paths) for paths in files.segments]
        _save_segments(corpus, [_merged([*loaded, segment])], n)
    else:
        _save_segments(corpus, [segment], n, kept=files.segments)


class StoredCopies(Protocol):
    """The articles of a corpus as `flag_duplicates` needs them: only those a batch
    could copy, found by lookup (see `StoredKeys`)."""

    def candidates(self, keys: pl.DataFrame) -> pl.DataFrame:
        """ARTICLES rows of the stored articles that share an article_id, url_key,
        content_hash or one LSH key with `keys` (DUPLICATE_KEYS of the new articles),
        with the canonical copy of every such article that is itself a copy."""
        ...


@dataclass(frozen=True)
class StoredKeys:
    """`StoredCopies` over a corpus's DUPLICATE_KEYS table (`keys`, lazily: a filter on
    it reads a few columns, no text) and a reader of stored ARTICLES rows by id
    (`read_articles(ids, published_at)`: the publication times let it read only their
    month partitions). Cost: one scan of the keys, then the candidates' rows only."""

    keys: pl.LazyFrame
    read_articles: Callable[[list[str], pl.Series], pl.DataFrame]
    #: The key index's lookup (`KeyIndex.lookup`): when given, the keys are found by
    #: binary search in it instead of a scan of `keys`.
    lookup: Callable[[NDArray[np.uint64]], pl.DataFrame] | None = None

    def candidates(self, keys: pl.DataFrame) -> pl.DataFrame:
        if self.lookup is not None:
            rows = self._rows(self.lookup(key_hashes(keys)[0]))
            targets = rows["duplicate_of"].drop_nulls().unique()
            targets = targets.filter(~targets.is_in(rows["article_id"].implode()))
            if targets.len():
                wanted = self.lookup(_stable_hashes("id", targets)[0])
                wanted = wanted.filter(pl.col("article_id").is_in(targets.implode()))
                rows = pl.concat([rows, self._rows(wanted)])
            return rows.sort("article_id")
        lsh = keys["lsh_keys"].explode().drop_nulls().unique()
        direct = self.keys.filter(
            pl.col("article_id").is_in(keys["article_id"].implode())
            | pl.col("url_key").is_in(keys["url_key"].drop_nulls().implode())
            | pl.col("content_hash").is_in(keys["content_hash"].implode())
        ).select("article_id", "published_at")
        banded = (
            self.keys.select("article_id", "published_at", "lsh_keys")
            .explode("lsh_keys")
            .filter(pl.col("lsh_keys").is_in(lsh.implode()))
            .select("article_id", "published_at")
        )
        found = pl.concat(pl.collect_all([direct, banded])).unique("article_id")
        rows = self._rows(found)
        # A copy's canonical copy: the group it joins is decided against that one.
        targets = rows["duplicate_of"].drop_nulls().unique()
        targets = targets.filter(~targets.is_in(rows["article_id"].implode()))
        if targets.len():
            stored = self.keys.filter(pl.col("article_id").is_in(targets.implode()))
            rows = pl.concat(
                [rows, self._rows(stored.select("article_id", "published_at").collect())]
            )
        return rows.sort("article_id")

    def _rows(self, found: pl.DataFrame) -> pl.DataFrame:
        if found.is_empty():
            return pl.DataFrame(schema=ARTICLES)
        return self.read_articles(found["article_id"].to_list(), found["published_at"])


def flag_duplicates(
    articles: pl.DataFrame,
    existing: pl.DataFrame | StoredCopies | None = None,
    threshold: float = 0.8,
) -> pl.DataFrame:
    """Fill duplicate_of / duplicate_kind of `articles` (ARTICLES), checked against
    each other and against `existing` (ARTICLES of a corpus, left unchanged).

    Two articles are copies when their normalised URLs are equal ("same_url": http
    and https, www., utm_* parameters, fragment and trailing slash make no
    difference), their content_hash is equal ("exact"), or the Jaccard similarity of
    the word 5-gram shingles of their title + body is at least `threshold` ("near":
    a wire story carried by several outlets; texts too short to have `MIN_SHINGLES`
    shingles are never near copies). Copies are grouped transitively; each group's
    canonical copy is an existing article when there is one, else the earliest
    published (unknown dates last), ties broken by the smallest article_id, so the
    choice does not depend on input order. Every other new member gets
    duplicate_of = the canonical article_id and the kind of its match with it.

    `existing` may be a `StoredCopies` (a corpus's stored keys): then only the stored
    articles that share a key with the new ones are read, and the result is the same
    as with every stored article, at a cost that does not grow with the corpus.

    Returns the new articles, same rows in the same order. An article_id already
    taken (the same record read twice) is replaced by a derived id, so article_id
    stays unique across `existing` and the result.
    """
    if not (isinstance(threshold, float | int) and 0.0 < threshold <= 1.0):
        raise ValueError(f"threshold must be a float in (0, 1]. Got {threshold!r} instead.")
    validate(articles, ARTICLES, "articles")
    if existing is None:
        existing = pl.DataFrame(schema=ARTICLES)
    elif not isinstance(existing, pl.DataFrame):
        existing = existing.candidates(duplicate_keys(articles, threshold))
    validate(existing, ARTICLES, "existing")
    n_old, n_new = existing.height, articles.height
    if n_new == 0:
        return articles
    new_ids = _unique_ids(articles, set(existing["article_id"].to_list()))
    columns = ["article_id", "url", "content_hash", "published_at", "title", "body"]
    both = pl.concat(
        [
            existing.select(columns),
            articles.select(columns).with_columns(article_id=pl.Series(new_ids, dtype=pl.String)),
        ]
    )
    ids = both["article_id"].to_list()
    hashes = both["content_hash"].to_list()
    urls = [_url_key(u) for u in both["url"].to_list()]
    published = both["published_at"].dt.epoch("us").to_list()
    old_dup_of = existing["duplicate_of"].to_list()

    groups = _UnionFind(n_old + n_new)
    position = {article: i for i, article in enumerate(ids[:n_old])}
    for i, target in enumerate(old_dup_of):  # an existing copy stays with its canonical
        if target is not None and target in position:
            groups.union(i, position[target])
    first_url: dict[str, int] = {}
    first_text: dict[str, int] = {}
    for i in range(n_old + n_new):
        groups.union(i, first_text.setdefault(hashes[i], i))
        url = urls[i]
        if url is not None:
            groups.union(i, first_url.setdefault(url, i))

    texts = _texts(both)
    distinct = [i for i in range(n_old + n_new) if first_text[hashes[i]] == i]
    _link_near_copies(texts, distinct, n_old, threshold, groups)

    members_of: dict[int, list[int]] = defaultdict(list)
    for i in range(n_old + n_new):
        members_of[groups.find(i)].append(i)

    def rank(i: int) -> tuple[int, bool, int, str]:
        # Existing originals first, new articles next, existing copies never by choice.
        tier = (0 if old_dup_of[i] is None else 2) if i < n_old else 1
        return (tier, published[i] is None, published[i] or 0, ids[i])

    duplicate_of: list[str | None] = [None] * n_new
    kind: list[str | None] = [None] * n_new
    for members in members_of.values():
        if len(members) < 2 or members[-1] < n_old:
            continue
        canonical = min(members, key=rank)
        target = ids[canonical] if canonical >= n_old else old_dup_of[canonical] or ids[canonical]
        for i in members:
            if i < n_old or i == canonical:
                continue
            duplicate_of[i - n_old] = target
            if urls[i] is not None and urls[i] == urls[canonical]:
                kind[i - n_old] = "same_url"
            elif hashes[i] == hashes[canonical]:
                kind[i - n_old] = "exact"
            else:
                kind[i - n_old] = "near"
    return articles.with_columns(
        article_id=pl.Series(new_ids, dtype=pl.String),
        duplicate_of=pl.Series(duplicate_of, dtype=pl.String),
        duplicate_kind=pl.Series(kind, dtype=pl.String),
    )
