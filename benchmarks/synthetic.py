"""Seeded synthetic news corpora for timing the clustering stage at 10k-1M articles.

What a corpus looks like (all drawn from one `numpy.random.Generator(seed)`):

- **Stories** with a power-law size distribution, P(size = s) ~ s^-size_exponent for
  s in [1, max_story_size]: most stories are one article, a few have hundreds.
- **Threads** of related stories (an ongoing event, day after day: power-law number
  of stories per thread), each thread on one **topic** (politics, sport, ...) with
  Zipf popularity.
- **Time**: articles arrive at `articles_per_day`, so the corpus spans about
  n_articles / articles_per_day days; a thread starts on a uniform day, its later
  stories follow within days, and a story's articles follow its first over an
  exponential delay that grows with its size.
- **Outlets** with Zipf volume ("outlet-0001" publishes most).
- **Wire copies**: `wire_share` of the articles of multi-article stories are
  rewrites of the story's first article by another outlet (10% of the words
  changed, so ingest's near-duplicate check, Jaccard of 5-word shingles >= 0.8,
  keeps them and they reach the clustering), with embeddings at cosine ~0.98.
- **Embeddings** mimic what all-MiniLM-L6-v2 gives on real news (measured on the
  labelled sets, see `cosine_profile` and benchmarks/RESULTS.md): a unit vector is
  global + topic + thread + story + article noise, so that articles of one story
  are close (median cosine ~0.76), stories of one thread or topic are fairly close
  (~7.5% of different-story pairs at >= 0.35, as on neus_allsides), and unrelated
  articles are not (median ~0.1); topic centres share a low-dimensional subspace
  and the article noise varies per article and per story, so that some members of
  a story are far from the rest, as in real data. Not modelled: topic drift (on
  neus_allsides different-story pairs at >= 0.5 are ~2.7x as frequent 0-3 days
  apart as 30+ days apart), so look-alike stories weeks apart are commoner here
  than in real news.
- **Text**: title and body of pseudo-words (story words, topic words, Zipf background
  words), so the sparse TF-IDF part of the clustering works as on real text.

No real article text is used. Rows come in the pipeline's canonical order
(by publication day, then article_id).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import polars as pl
from numpy.typing import NDArray

from clustering import schema
from clustering.config import check

#: Day 0 of every synthetic corpus.
EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
_LETTERS = 26
_WORD_LETTERS = 6  # 26^6 distinct pseudo-words
_TITLE_WORDS = (3, 2, 3)  # story, topic, background words in a title
_BODY_WORDS = (10, 14, 46)  # ... in a body
_WORDS_PER_STORY = 12
_WORDS_PER_TOPIC = 60
_BACKGROUND_WORDS = 30_000


@dataclass(frozen=True)
class SyntheticSpec:
    """Parameters of `generate`; defaults are calibrated on the labelled sets."""

    n_articles: int
    seed: int = 0
    articles_per_day: float = 3500.0
    n_topics: int = 24
    #: Topic popularity ~ rank^-topic_exponent.
    topic_exponent: float = 1.0
    #: P(story size = s) ~ s^-size_exponent.
    size_exponent: float = 2.2
    max_story_size: int = 400
    n_outlets: int = 500
    outlet_exponent: float = 1.1
    #: Share of the articles of multi-article stories that are rewritten wire copies.
    wire_share: float = 0.05
    dim: int = 384
    #: P(a thread of related stories has k stories) ~ k^-thread_exponent.
    thread_exponent: float = 1.4
    max_thread_stories: int = 40
    #: Mean days between the start of a thread and each of its later stories.
    thread_days: float = 3.0
    #: Squared weights of the embedding parts (before each vector is normalised).
    global_weight: float = 0.15
    topic_weight: float = 0.45
    thread_weight: float = 0.30
    story_weight: float = 0.30
    #: Topic centres lie in a subspace of this many dimensions: topics are not orthogonal.
    topic_dims: int = 64
    #: Article noise (squared weight) is exponential with this mean, per article: most
    #: articles are close to their story, a few are far (an opinion piece, a side angle).
    noise_mean: float = 0.30
    #: ... times a log-normal factor per story (sigma): some stories are tight, some loose.
    story_spread: float = 0.7
    #: ... plus this floor: no two articles of a story say exactly the same (real ones top
    #: out near cosine 0.9 unless they are copies).
    noise_floor: float = 0.1

    def __post_init__(self) -> None:
        check("n_articles", self.n_articles >= 1, "an int >= 1", self.n_articles)
        check("articles_per_day", self.articles_per_day > 0, "a float > 0", self.articles_per_day)
        check("n_topics", self.n_topics >= 1, "an int >= 1", self.n_topics)
        check("max_story_size", self.max_story_size >= 1, "an int >= 1", self.max_story_size)
        check("n_outlets", self.n_outlets >= 2, "an int >= 2", self.n_outlets)
        check("wire_share", 0 <= self.wire_share < 1, "a float in [0, 1)", self.wire_share)
        check("dim", self.dim >= 8, "an int >= 8", self.dim)
        check("noise_mean", self.noise_mean >= 0, "a float >= 0", self.noise_mean)


@dataclass(frozen=True)
class SyntheticCorpus:
    """A generated corpus, rows in canonical order.

    articles: ARTICLES columns plus `story` (int64 gold story), `topic` (int64) and
    `wire_of` (article_id of the original a wire copy rewrites, else null).
    vectors: float32, shape (n_articles, dim), unit rows aligned with `articles`.
    """

    articles: pl.DataFrame
    vectors: NDArray[np.float32]

    @property
    def gold(self) -> NDArray[np.int64]:
        return self.articles["story"].to_numpy()


def _power_law(rng: np.random.Generator, n: int, k: int, exponent: float) -> NDArray[np.int64]:
    """n draws of ranks 0..k-1 with P(rank r) ~ (r + 1)^-exponent."""
    p = np.arange(1, k + 1, dtype=np.float64) ** -exponent
    return rng.choice(k, size=n, p=p / p.sum())


def _sizes(
    rng: np.random.Generator, total: int, largest: int, exponent: float
) -> NDArray[np.int64]:
    """Group sizes in [1, largest] with P(size = s) ~ s^-exponent, summing to `total`."""
    sizes = np.zeros(0, dtype=np.int64)
    while sizes.sum() < total:
        more = 1 + _power_law(rng, max(total // 2, 16), largest, exponent)
        sizes = np.concatenate([sizes, more])
    cumulative = np.cumsum(sizes)
    last = int(np.searchsorted(cumulative, total))
    sizes = sizes[: last + 1].copy()
    sizes[-1] -= int(cumulative[last]) - total
    return sizes[sizes > 0]


def _words(ids: NDArray[np.int64]) -> NDArray[np.uint8]:
    """Pseudo-words for word ids: uint8 letters, shape ids.shape + (_WORD_LETTERS + 1,),
    each word followed by a space. Distinct ids give distinct words."""
    letters = np.empty((*ids.shape, _WORD_LETTERS + 1), dtype=np.uint8)
    rest = ids.copy()
    for position in range(_WORD_LETTERS - 1, -1, -1):
        letters[..., position] = ord("a") + rest % _LETTERS
        rest //= _LETTERS
    letters[..., _WORD_LETTERS] = ord(" ")
    return letters


def _texts(
    rng: np.random.Generator,
    story: NDArray[np.int64],
    topic: NDArray[np.int64],
    counts: tuple[int, int, int],
    n_topics: int,
) -> list[str]:
    """One pseudo-text per article: story, topic and background words in random order."""
    n = len(story)
    if n == 0:
        return []
    n_story, n_topic, n_background = counts
    topic_base = _BACKGROUND_WORDS
    story_base = topic_base + _WORDS_PER_TOPIC * n_topics
    ids = np.concatenate(
        [
            story_base
            + story[:, None] * _WORDS_PER_STORY
            + rng.integers(0, _WORDS_PER_STORY, (n, n_story)),
            topic_base
            + topic[:, None] * _WORDS_PER_TOPIC
            + rng.integers(0, _WORDS_PER_TOPIC, (n, n_topic)),
            # Zipf background vocabulary: a few words everywhere, most rarely.
            _power_law(rng, n * n_background, _BACKGROUND_WORDS, 1.0).reshape(n, n_background),
        ],
        axis=1,
    )
    ids = rng.permuted(ids, axis=1)
    width = ids.shape[1] * (_WORD_LETTERS + 1)
    raw = np.ascontiguousarray(_words(ids).reshape(n, width)).view(f"S{width}").ravel()
    return [t.decode("ascii").rstrip() for t in raw]


def _unit(rng: np.random.Generator, n: int, dim: int) -> NDArray[np.float32]:
    v = rng.standard_normal((n, dim), dtype=np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    return v


def _vectors(
    rng: np.random.Generator,
    spec: SyntheticSpec,
    story: NDArray[np.int64],
    thread_of_story: NDArray[np.int64],
    topic_of_thread: NDArray[np.int64],
    wire_of: NDArray[np.int64],
) -> NDArray[np.float32]:
    """Unit embeddings: global + topic + thread + story + per-article noise."""
    n, dim = len(story), spec.dim
    shared = _unit(rng, 1, dim)[0]
    # Topic centres share a low-dimensional subspace, so unrelated articles are not all
    # orthogonal: real between-story cosines spread from about -0.05 to 0.4.
    basis = np.linalg.qr(rng.standard_normal((dim, min(spec.topic_dims, dim))))[0]
    topics = (_unit(rng, spec.n_topics, basis.shape[1]) @ basis.T).astype(np.float32)
    threads = _unit(rng, len(topic_of_thread), dim)
    stories = _unit(rng, len(thread_of_story), dim)
    looseness = rng.lognormal(0.0, spec.story_spread, len(thread_of_story))
    noise_weight = spec.noise_floor + rng.exponential(spec.noise_mean * looseness[story])
    noise_weight = noise_weight.astype(np.float32)
    vectors = np.empty((n, dim), dtype=np.float32)
    step = 65_536  # rows at a time: bounded temporaries at 1M articles
    for start in range(0, n, step):
        rows = slice(start, min(start + step, n))
        s = story[rows]
        t = thread_of_story[s]
        v = (
            np.sqrt(spec.global_weight) * shared
            + np.sqrt(spec.topic_weight) * topics[topic_of_thread[t]]
            + np.sqrt(spec.thread_weight) * threads[t]
            + np.sqrt(spec.story_weight) * stories[s]
            + np.sqrt(noise_weight[rows])[:, None] * _unit(rng, len(s), dim)
        )
        vectors[rows] = v / np.linalg.norm(v, axis=1, keepdims=True)
    copies = np.flatnonzero(wire_of >= 0)
    if len(copies):
        v = vectors[wire_of[copies]] + 0.2 * _unit(rng, len(copies), dim)
        vectors[copies] = v / np.linalg.norm(v, axis=1, keepdims=True)
    return vectors


def generate(spec: SyntheticSpec) -> SyntheticCorpus:
    """A corpus of `spec.n_articles` articles (see the module docstring); the same spec
    always gives the same corpus."""
    rng = np.random.default_rng(spec.seed)
    sizes = _sizes(rng, spec.n_articles, spec.max_story_size, spec.size_exponent)
    n_stories, n = len(sizes), spec.n_articles
    # Stories come in threads of related stories (one ongoing event, day after day).
    thread_sizes = _sizes(rng, n_stories, spec.max_thread_stories, spec.thread_exponent)
    thread_of_story = np.repeat(np.arange(len(thread_sizes)), thread_sizes)
    topic_of_thread = _power_law(rng, len(thread_sizes), spec.n_topics, spec.topic_exponent)
    n_days = max(n / spec.articles_per_day, 1.0)
    thread_start = rng.uniform(0, n_days, len(thread_sizes))
    first_of_thread = np.concatenate([[0], np.cumsum(thread_sizes)[:-1]])
    story_delay = rng.exponential(spec.thread_days, n_stories)
    story_delay[first_of_thread] = 0.0
    story_start = thread_start[thread_of_story] + story_delay

    story = np.repeat(np.arange(n_stories), sizes)
    first = np.concatenate([[0], np.cumsum(sizes)[:-1]])  # row of each story's first article
    # Bigger stories run longer: mean delay 0.5 days for a single article, ~2 days at 100.
    delay = rng.exponential((0.5 + 0.35 * np.log1p(sizes - 1))[story])
    delay[first] = 0.0
    day = story_start[story] + delay

    is_copy = (rng.random(n) < spec.wire_share) & (sizes[story] > 1)
    is_copy[first] = False
    wire_of = np.where(is_copy, first[story], -1)

    vectors = _vectors(rng, spec, story, thread_of_story, topic_of_thread, wire_of)
    topic = topic_of_thread[thread_of_story[story]]
    titles = _texts(rng, story, topic, _TITLE_WORDS, spec.n_topics)
    bodies = _texts(rng, story, topic, _BODY_WORDS, spec.n_topics)
    copies = np.flatnonzero(is_copy)
    # A wire copy is its original with about 10% of the words replaced.
    rewritten = _texts(rng, story[copies], topic[copies], _BODY_WORDS, spec.n_topics)
    for row, source, other in zip(copies, wire_of[copies], rewritten, strict=True):
        words, fresh = bodies[source].split(), other.split()
        swap = rng.random(len(words)) < 0.1
        bodies[row] = " ".join(f if s else w for w, f, s in zip(words, fresh, swap, strict=True))
        titles[row] = titles[source]

    ids = [f"syn-{i:09d}" for i in range(n)]
    outlets = _power_law(rng, n, spec.n_outlets, spec.outlet_exponent)
    microseconds = int(EPOCH.timestamp() * 1e6) + (day * 86_400e6).astype(np.int64)
    frame = (
        pl.DataFrame(
            {
                "article_id": ids,
                "source_id": ids,
                "outlet": [f"outlet-{k + 1:04d}" for k in outlets],
                "url": [
                    f"https://outlet-{k + 1:04d}.example/{a}"
                    for k, a in zip(outlets, ids, strict=True)
                ],
                "title": titles,
                "lead": [b[:200] for b in bodies],
                "body": bodies,
                "published_at": pl.from_epoch(pl.Series(microseconds), "us").dt.replace_time_zone(
                    "UTC"
                ),
                "story": story,
                "topic": topic,
                "wire_of": [ids[w] if w >= 0 else None for w in wire_of],
            },
            schema_overrides={"wire_of": pl.String},
        )
        .with_columns(
            pl.lit(None, dtype=pl.String).alias(c)
            for c in ("author", "section", "duplicate_of", "duplicate_kind", "no_article_reason")
        )
        .with_columns(
            pl.lit("en").alias("lang"),
            pl.lit("synthetic").alias("source_file"),
            pl.Series("source_line", np.arange(1, n + 1)),
            pl.lit("synthetic").alias("source_format"),
            pl.lit("{}").alias("extra"),
            pl.col("article_id").alias("content_hash"),
            pl.int_range(n).alias("row"),
        )
    )
    frame = frame.sort([pl.col("published_at").dt.date(), "article_id"])
    order = frame["row"].to_numpy()
    frame = frame.select(*schema.ARTICLES.names(), "story", "topic", "wire_of")
    schema.validate(frame, schema.ARTICLES, "synthetic articles")
    return SyntheticCorpus(articles=frame, vectors=vectors[order])


def cosine_profile(
    vectors: NDArray[np.float32], gold: NDArray[np.int64], n_pairs: int = 200_000, seed: int = 0
) -> dict[str, float]:
    """Percentiles of the cosine of article pairs in one gold story ("within_p5" ...
    "within_p95") and in different stories ("between_p5" ... "between_p95"), and the
    share of between-story pairs at cosine >= 0.35 and >= 0.5, over `n_pairs` random
    pairs of each kind (all pairs when there are fewer). Used to compare synthetic
    embeddings with real ones."""
    rng = np.random.default_rng(seed)
    gold = np.asarray(gold)
    order = np.argsort(gold, kind="stable")
    _, starts, sizes = np.unique(gold[order], return_index=True, return_counts=True)
    # Within: pick a story with probability ~ its number of pairs, then two members.
    pairs = sizes * (sizes - 1) / 2.0
    out: dict[str, float] = {}
    if pairs.sum() > 0:
        k = rng.choice(len(sizes), n_pairs, p=pairs / pairs.sum())
        a = rng.integers(0, sizes[k])
        b = (a + 1 + rng.integers(0, sizes[k] - 1)) % sizes[k]
        i, j = order[starts[k] + a], order[starts[k] + b]
        within = np.einsum("ij,ij->i", vectors[i], vectors[j])
        out |= {f"within_p{q}": float(np.percentile(within, q)) for q in (5, 25, 50, 75, 95)}
    i, j = rng.integers(0, len(gold), (2, n_pairs))
    keep = gold[i] != gold[j]
    between = np.einsum("ij,ij->i", vectors[i[keep]], vectors[j[keep]])
    out |= {f"between_p{q}": float(np.percentile(between, q)) for q in (5, 25, 50, 75, 95)}
    out["between_ge_0.35"] = float((between >= 0.35).mean())
    out["between_ge_0.5"] = float((between >= 0.5).mean())
    return out
