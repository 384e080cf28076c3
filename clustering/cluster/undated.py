"""Clustering a corpus whose articles mostly have no publication date (issue 19).

With dates, the time penalty and the time window keep apart the many stories of one
topic (a jobs report every month, a dozen rulings on one abortion law): on
neus_allsides cut to its leads, every pair of one story was published the same day.
Without dates every pair looks "the same day", and the embedding alone joins look-alike
events of one topic. What an undated lead still has, used here:

1. **Similarity corrected for hubness** (CSLS, Lample et al. 2018, "Word translation
   without parallel data"): an article on a crowded topic (COVID, Biden) is close to
   hundreds of others; its similarity to each is lowered by the mean similarity of its
   own `undated_neighbours` nearest, so that a pair counts as close when each is close
   to the other *for its neighbourhood*. `2 cos(i, j) - r_i - r_j`, per signal; r_i is
   at most i's background (its 10th-20th neighbours) plus `undated_story_margin`
   (`undated_large_story_margin` where its 3rd-6th neighbours are
   `undated_story_shoulder` above that background), so that the members of a large
   story are not taken for hubs.
2. **Three text signals, each corrected so**: the sentence embedding, the corpus TF-IDF
   words (`cluster.sparse_features`) and character 3-5-grams of the title and lead
   (names and numbers spelled alike: "Milley", "266,000"; IDF from the articles
   clustered), mixed by `undated_*_weight`.
3. **The calendar the text gives**: the weekdays and months a lead names ("on Tuesday",
   "the April jobs report"). The outlets covering one development name the same day
   (on neus_allsides the weekday named is the publication day for 69% of leads, the day
   before for 21%), look-alike events of other weeks another: +weight where both name
   one and share one, -weight where both name some and share none, 0 otherwise.
4. **The cues that name one event** (`shared_cues`): a town both texts place it in, an
   age both give, the same number killed or injured. Rare in national politics, decisive
   in look-alike local reports (a synthetic stream of undated shootings and fires: B-cubed
   0.92 without them, 0.98 with them; neus_allsides unchanged).
5. **The figures that disagree** (`features.number_conflicts`): two leads that give
   different exact figures for one counted thing, and none that agree, report two
   events (two weekly jobless-claims reports: 412,000 against 385,000; two jobs reports;
   two votes, 50-49 against 51-50): `undated_number_weight` is taken off. Shared figures
   are no evidence of one event: a topic's figures recur in all its events (a bill's
   "$1.2 trillion"); in the whole neus file's predicted stories that hold two events,
   the pairs of two events share a figure, a rare name or a quoted phrase as often as
   the pairs of one (26% against 34%).
6. **Average linkage** (UPGMA) on that similarity, cut where the mean similarity of two
   groups falls under `undated_similarity`: two groups join only when their articles
   agree on average, so look-alike reports do not chain. Then the pipeline's
   cannot-links (`cluster.cannot_links`: names, ages, places, counts that disagree)
   re-form any story that holds one (`cluster.split_conflicting`).

Only corpora where more than `undated_share` of the articles are undated, and whose
bodies are leads or excerpts, take this path (`uses_undated_path`); dated corpora keep
`cluster.cluster_vectors` exactly.
The blocks are the same candidate-graph components as a dated run (every pair is a
candidate when no dates are known), so the dense work grows with the block sizes
(`max_block_size`), not with the square of the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import HashingVectorizer

from clustering.cluster import (
    Evidence,
    candidate_blocks,
    cannot_links,
    join_blocks,
    split_conflicting,
)
from clustering.cluster.features import (
    NumberClaims,
    number_claims,
    number_conflicts,
    weekday_bits,
)
from clustering.config import ClusterConfig

#: Hashed columns of the character n-grams.
CHAR_FEATURES = 2**18
#: Neighbour ranks (0 = nearest; from, to) whose mean similarity is an article's
#: background in `hubness_corrected`: past the largest stories of the labelled files'
#: leads but for a few (giveme5w1h's long-running ones).
BACKGROUND_RANKS = (10, 20)
#: Neighbour ranks (from, to) whose mean similarity, less the background, tells a member
#: of a large story (its 3rd-6th neighbours are still story mates) in `hubness_corrected`.
SHOULDER_RANKS = (2, 6)

#: Rows a block is corrected against at the least (`context_rows`): twice the
#: background's last rank, so that an isolated story of up to about 20 texts still
#: has a background of articles outside it.
CONTEXT_ROWS = 2 * BACKGROUND_RANKS[1] + 1

#: Share of the pairs of a node's articles (`merge_by_silhouette`) that may be
#: cannot-links: a long-running story's counts change as it goes on (the Nice attack's
#: dead: 84, then 85), while look-alike events conflict on most of their pairs (the
#: synthetic stream: 0.992 B-cubed with 0.02-0.1, 0.987 with no check; giveme5w1h leads
#: 0.921 with 0.02-0.1, 0.909 with none allowed).
MERGE_CANNOT_SHARE = 0.05

#: Month names a text dates by. "May" is left out: it is mostly the verb.
_MONTH = re.compile(
    r"\b(jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?",
    re.I,
)
_MONTH_INDEX = {
    "jan": 0, "feb": 1, "mar": 2, "apr": 3, "jun": 5, "jul": 6,
    "aug": 7, "sep": 8, "oct": 9, "nov": 10, "dec": 11,
}  # fmt: skip

_CHARS = HashingVectorizer(
    analyzer="char_wb",
    ngram_range=(3, 5),
    n_features=CHAR_FEATURES,
    alternate_sign=False,
    norm=None,
    lowercase=True,
)


def undated_share(days: NDArray[np.float64]) -> float:
    """Share of articles without a publication day (NaN in `days`); 0.0 when empty."""
    return float(np.isnan(days).mean()) if len(days) else 0.0


def uses_undated_path(
    days: NDArray[np.float64], body_chars: NDArray[np.int64], config: ClusterConfig
) -> bool:
    """Whether `cluster_undated` clusters these articles: more than `undated_share` of
    them have no publication day (`days` float (n,), NaN where unknown) and their median
    body (`body_chars` int (n,), characters) is at most `undated_max_body_chars`.

    The path is for headlines with leads or excerpts, where it was built and measured;
    on full texts the hubness correction hurts stories told by many outlets (each
    article's nearest neighbours are then its own story's: newswcl50, five outlets per
    event and 5,000-character bodies, fell from 1.000 to 0.967), and the TF-IDF of the
    dated path has the whole text to read."""
    if len(days) < 2 or undated_share(days) <= config.undated_share:
        return False
    return float(np.median(body_chars)) <= config.undated_max_body_chars


def calendar_masks(texts: Sequence[str]) -> tuple[NDArray[np.uint8], NDArray[np.uint16]]:
    """(weekdays uint8 (n,), bit d set when weekday d (Monday = 0) is named; months
    uint16 (n,), bit m set when month m (January = 0) is named) of each text."""
    weekdays = np.zeros(len(texts), dtype=np.uint8)
    months = np.zeros(len(texts), dtype=np.uint16)
    for i, text in enumerate(texts):
        weekdays[i] = weekday_bits(text)
        for name in _MONTH.findall(text):
            months[i] |= np.uint16(1 << _MONTH_INDEX[name.lower()[:3]])
    return weekdays, months


def mask_agreement(masks: NDArray[np.unsignedinteger]) -> NDArray[np.float64]:
    """(n, n) float: +1 where both masks are set and share a bit, -1 where both are set
    and share none, 0 where either is empty."""
    has = masks != 0
    both = has[:, None] & has[None, :]
    shared = (masks[:, None] & masks[None, :]) != 0
    return np.where(both, np.where(shared, 1.0, -1.0), 0.0)


def char_features(texts: Sequence[str]) -> sp.csr_matrix:
    """L2-normalised TF-IDF rows of the character 3-5-grams of `texts` (sublinear tf,
    IDF over `texts` themselves), shape (len(texts), CHAR_FEATURES)."""
    if len(texts) == 0:
        return sp.csr_matrix((0, CHAR_FEATURES), dtype=np.float64)
    counts = _CHARS.transform(texts).tocsr().astype(np.float64)
    counts.data = 1.0 + np.log(counts.data)
    doc_freq = np.bincount(counts.indices, minlength=CHAR_FEATURES)
    idf = np.log((1.0 + len(texts)) / (1.0 + doc_freq)) + 1.0
    weighted = sp.csr_matrix(counts @ sp.diags(idf))
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ weighted)


def hubness_corrected(
    sims: NDArray[np.float64],
    k: int,
    story_margin: float | None = None,
    story_shoulder: float | None = None,
    large_story_margin: float = 0.0,
) -> NDArray[np.float64]:
    """CSLS of a square similarity matrix: `2 sims[i, j] - r_i - r_j`, r_i the mean of
    the k largest similarities of i to the others (fewer when there are fewer).

    With `story_margin`, r_i is at most the mean similarity of i's BACKGROUND_RANKS
    neighbours plus the margin (only where there are more than BACKGROUND_RANKS[0]
    others). Why: a hub and a member of a large story both have k close neighbours,
    but a hub's similarities fall off slowly (it is close to the whole topic), a story
    member's drop once its story ends. Uncapped, the members of a story of five or more
    texts in a sparse corpus lower each other's similarities as if they were hubs, and
    the story falls apart (giveme5w1h undated and cut to its leads: recall 0.585, 0.738
    B-cubed against plain HDBSCAN's 0.910; newswcl50 leads 0.814 against 0.877). On
    neus_allsides the top-k of an article are its two story mates and look-alikes, whose
    similarities fall off slowly: the cap seldom binds there.

    With `story_shoulder`, the articles that look like members of a large story (the
    mean similarity of their SHOULDER_RANKS neighbours is at least `story_shoulder`
    above their background: their 3rd-6th nearest are still story mates) are capped
    at `large_story_margin` instead. Why: a margin loose enough for neus_allsides' hubs
    (0.3) still splits giveme5w1h's stories of six to nineteen texts (0.850 B-cubed on
    its leads, plain HDBSCAN 0.910), a tighter one everywhere costs neus (0.2: dev 0.876
    -> 0.852); only the large-story members tightened, giveme5w1h gains (0.876) and neus
    dev holds (0.876). Measured and not kept: tightening more of them (a lower
    shoulder) costs neus dev 0.002-0.01 for every 0.01-0.02 it gives giveme5w1h."""
    n = len(sims)
    if n < 2:
        return 2.0 * sims
    k = min(k, n - 1)
    others = sims.copy()
    np.fill_diagonal(others, -np.inf)
    r = np.partition(others, n - k, axis=1)[:, n - k :].mean(axis=1)
    lo, hi = min(BACKGROUND_RANKS[0], n - 1), min(BACKGROUND_RANKS[1], n - 1)
    if story_margin is not None and lo < hi:
        # The hi largest of each row (the diagonal's -inf is never among them), sorted
        # in descending order: ranks 0..hi-1.
        ranked = -np.sort(-np.partition(others, n - hi, axis=1)[:, n - hi :], axis=1)
        background = ranked[:, lo:hi].mean(axis=1)
        margin = np.full(n, story_margin)
        if story_shoulder is not None:
            a, b = SHOULDER_RANKS
            large = ranked[:, a:b].mean(axis=1) - background >= story_shoulder
            margin[large] = large_story_margin
        r = np.minimum(r, background + margin)
    return 2.0 * sims - r[:, None] - r[None, :]


def shared_cues(evidence: Evidence) -> NDArray[np.float64]:
    """(n, n) float: on how many cues two texts agree: they place the event in a common
    town, give a common age, give the same number killed, the same number injured."""
    towns = evidence.towns
    out = ((towns @ towns.T).toarray() > 0).astype(np.float64)
    ages = evidence.ages
    for word in range(ages.shape[1]):
        # Bits of different words are different ages: a pair shares at most one per word.
        out += (ages[:, None, word] & ages[None, :, word]) != 0
    for column in evidence.casualties.T:
        known = column >= 0
        out += known[:, None] & known[None, :] & (column[:, None] == column[None, :])
    return out


def undated_similarity(
    vectors: NDArray[np.float32],
    sparse: sp.csr_matrix | None,
    chars: sp.csr_matrix,
    weekdays: NDArray[np.uint8],
    months: NDArray[np.uint16],
    config: ClusterConfig,
    evidence: Evidence | None = None,
    claims: NumberClaims | None = None,
) -> NDArray[np.float64]:
    """(n, n) similarity of one block's articles (see the module docstring): the
    hubness-corrected embedding, word and character cosines mixed by their weights
    (renormalised over the signals present), plus the weekday and month agreement and
    the cues both texts agree on (`shared_cues`, when `evidence` is given), less
    `undated_number_weight` where their figures disagree (`number_conflicts`, when
    `claims` are given).
    vectors: float32 (n, dim) unit rows; sparse, chars: L2-normalised rows (n, f)."""
    k = config.undated_neighbours
    parts = [(config.undated_embedding_weight, (vectors @ vectors.T).astype(np.float64))]
    if sparse is not None:
        parts.append((config.undated_word_weight, (sparse @ sparse.T).toarray()))
    parts.append((config.undated_char_weight, (chars @ chars.T).toarray()))
    total = sum(w for w, _ in parts) or 1.0
    margin, shoulder = config.undated_story_margin, config.undated_story_shoulder
    large = config.undated_large_story_margin
    sims = sum(
        (w / total) * hubness_corrected(s, k, margin, shoulder, large) for w, s in parts if w > 0
    )
    sims = np.asarray(sims, dtype=np.float64)
    if config.undated_weekday_weight > 0:
        sims += config.undated_weekday_weight * mask_agreement(weekdays)
    if config.undated_month_weight > 0:
        sims += config.undated_month_weight * mask_agreement(months)
    if evidence is not None and config.undated_cue_weight > 0:
        sims += config.undated_cue_weight * shared_cues(evidence)
    if claims is not None and config.undated_number_weight > 0:
        sims -= config.undated_number_weight * number_conflicts(claims)
    return sims


def context_rows(
    members: NDArray[np.int64], vectors: NDArray[np.float32], size: int
) -> NDArray[np.int64]:
    """Rows (int64, sorted) of the corpus outside `members` that a block of fewer than
    `size` articles is corrected against: the articles nearest to any member (cosine
    of `vectors`, float32 (n, dim) unit rows), enough to make `size` in all; none for a
    block of `size` or more, or when the corpus has no other article.

    Why: the hubness terms are a property of the corpus, not of a block. A small block
    is a group the candidate graph found far from everything else (an isolated story);
    corrected within itself, each member's nearest neighbours are all its own story
    mates, there is no background to cap the term at (`hubness_corrected` needs more
    than BACKGROUND_RANKS[0] others), and the story is split as if its members were
    hubs (giveme5w1h undated leads: its blocks of 35, 8, 6 and 5 articles)."""
    need = size - len(members)
    if need <= 0 or len(vectors) <= len(members):
        return np.zeros(0, dtype=np.int64)
    nearest = (vectors[members] @ vectors.T).max(axis=0)
    nearest[members] = -np.inf
    need = min(need, len(vectors) - len(members))
    return np.sort(np.argpartition(-nearest, need - 1)[:need]).astype(np.int64)


def mean_silhouette(
    distances: NDArray[np.float64],
    labels: NDArray[np.int64],
    rows: NDArray[np.int64],
    merged: NDArray[np.int64] | None = None,
) -> float:
    """Mean silhouette (Rousseeuw 1987: (b - a) / max(a, b), 0 for an article alone) of
    the articles `rows` under `labels` (int64 (n,) 0..k-1), or with the stories
    `merged` (labels) taken as one; distances (n, n)."""
    k = int(labels.max()) + 1
    onehot = sp.csr_matrix(
        (np.ones(len(labels)), (np.arange(len(labels)), labels)), shape=(len(labels), k)
    )
    sums = np.asarray(distances[rows] @ onehot)  # (len(rows), k) summed distances
    sizes = np.bincount(labels, minlength=k).astype(np.float64)
    own = labels[rows]
    if merged is not None:
        keep = np.setdiff1d(np.arange(k), merged)
        sums = np.column_stack([sums[:, keep], sums[:, merged].sum(axis=1)])
        sizes = np.append(sizes[keep], sizes[merged].sum())
        own = np.full(len(rows), len(keep))
    at = np.arange(len(rows))
    alone = sizes[own] == 1
    a = sums[at, own] / np.maximum(sizes[own] - 1, 1)
    means = sums / sizes
    means[at, own] = np.inf
    b = means.min(axis=1) if means.shape[1] > 1 else np.full(len(rows), np.inf)
    with np.errstate(invalid="ignore", divide="ignore"):
        silhouette = np.where(alone | ~np.isfinite(b), 0.0, (b - a) / np.maximum(a, b))
    return float(silhouette.mean())


def merge_by_silhouette(
    tree: NDArray[np.float64],
    distances: NDArray[np.float64],
    labels: NDArray[np.int64],
    threshold: float,
    loosest: float,
    gain: float,
    cannot_link: NDArray[np.bool_] | None = None,
) -> NDArray[np.int64]:
    """Labels (int64 (n,) 0..k-1) after joining the stories under each node of the
    average-linkage `tree` (scipy linkage rows) formed between `threshold` and
    `loosest` (distances) whose articles' mean silhouette on `distances` (n, n) rises
    by more than `gain` when they are one story. Nodes are taken from the lowest; one
    is taken only where it holds whole stories (at least two) and at most
    MERGE_CANNOT_SHARE of its pairs are `cannot_link` (n, n).

    Why: the cut at `undated_similarity` splits the long-running stories of
    giveme5w1h (six to nineteen texts, told over days) into pure parts, while a looser
    cut joins neus_allsides' look-alike events of one topic; no one threshold, margin
    or gap read per pair told them apart. The silhouette weighs both sides at once: the
    parts of an isolated story are far from everything else, so joining them raises
    each member's distance to its nearest other story (b) more than the distance
    within (a); two events of a crowded topic have the topic's other events as near
    after the join as before, and only a rises. Chosen on neus dev, the dev stress
    set, gvc train+dev, giveme5w1h and basil leads (benchmarks/undated.py)."""
    n = len(labels)
    _, labels = np.unique(labels, return_inverse=True)
    labels = labels.astype(np.int64)
    members: dict[int, NDArray[np.int64]] = {i: np.array([i]) for i in range(n)}
    for step, (left, right, height, _) in enumerate(tree):
        node = np.concatenate([members.pop(int(left)), members.pop(int(right))])
        members[n + step] = node
        if height <= threshold or height > loosest:
            continue
        parts = np.unique(labels[node])
        sizes = np.bincount(labels)
        if len(parts) < 2 or sizes[parts].sum() != len(node):
            continue
        if cannot_link is not None and cannot_link[np.ix_(node, node)].mean() > MERGE_CANNOT_SHARE:
            continue
        before = mean_silhouette(distances, labels, node)
        after = mean_silhouette(distances, labels, node, parts)
        if after > before + gain:
            labels[node] = parts[0]
            _, labels = np.unique(labels, return_inverse=True)
            labels = labels.astype(np.int64)
    return labels


def cluster_undated_block(
    members: NDArray[np.int64],
    vectors: NDArray[np.float32],
    days: NDArray[np.float64],
    config: ClusterConfig,
    sparse: sp.csr_matrix | None,
    chars: sp.csr_matrix,
    weekdays: NDArray[np.uint8],
    months: NDArray[np.uint16],
    evidence: Evidence | None = None,
    claims: NumberClaims | None = None,
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """(labels int64 0..k-1, single-article flags bool), shape (len(members),), of one
    block of the candidate graph: average linkage on `undated_similarity`, cut at
    `undated_similarity`, then the cannot-links, then the joins `merge_by_silhouette`
    takes."""
    n = len(members)
    if n == 1:
        return np.zeros(1, dtype=np.int64), np.ones(1, dtype=bool)
    block_evidence = evidence.rows(members) if evidence is not None else None
    rows = np.concatenate([members, context_rows(members, vectors, CONTEXT_ROWS)])
    sims = undated_similarity(
        vectors[rows],
        sparse[rows] if sparse is not None else None,
        chars[rows],
        weekdays[rows],
        months[rows],
        config,
        evidence.rows(rows) if evidence is not None else None,
        claims.rows(rows) if claims is not None else None,
    )[:n, :n]
    # Average linkage is unchanged by a shift of every distance: the distances are the
    # similarities measured down from their maximum, so that none is negative.
    top = float(sims.max())
    distances = top - sims
    np.fill_diagonal(distances, 0.0)
    threshold = top - config.undated_similarity
    tree = linkage(squareform(distances, checks=False), method="average")
    labels = fcluster(tree, t=threshold, criterion="distance").astype(np.int64)
    cannot = None
    if block_evidence is not None and config.cannot_link_cues > 0:
        cannot = cannot_links(block_evidence, days[members], config)
        labels = split_conflicting(labels, distances, cannot, threshold)
    if config.undated_merge_gain < 2:
        loosest = top - config.undated_merge_similarity
        labels = merge_by_silhouette(
            tree, distances, labels, threshold, loosest, config.undated_merge_gain, cannot
        )
    _, labels = np.unique(labels, return_inverse=True)
    labels = labels.astype(np.int64)
    return labels, np.bincount(labels)[labels] == 1


def cluster_undated(
    vectors: NDArray[np.float32],
    days: NDArray[np.float64],
    config: ClusterConfig,
    sparse: sp.csr_matrix | None,
    texts: Sequence[str],
    evidence: Evidence | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Story labels for a mostly undated corpus, in canonical order like
    `cluster.cluster_vectors` (which a dated corpus uses instead).

    vectors: float32 (n, dim) unit rows; days: float (n,) days since the epoch, NaN
    where unknown; sparse: the corpus TF-IDF rows (`cluster.sparse_features`) or None;
    texts: the title and lead of each article (`articles.fact_texts`), for the character
    n-grams and the weekdays and months named; evidence: the cannot-link cues or None.
    Returns (labels int64 (n,) 0..k-1, single-article flags bool (n,)).
    """
    n = len(vectors)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
    groups = candidate_blocks(vectors, days, config, progress)
    chars = char_features(texts)
    weekdays, months = calendar_masks(texts)
    claims = number_claims(texts) if config.undated_number_weight > 0 else None
    results = (
        cluster_undated_block(
            m, vectors, days, config, sparse, chars, weekdays, months, evidence, claims
        )
        for m in groups
    )
    return join_blocks(groups, results, n, progress)


__all__ = [
    "BACKGROUND_RANKS",
    "CHAR_FEATURES",
    "CONTEXT_ROWS",
    "MERGE_CANNOT_SHARE",
    "SHOULDER_RANKS",
    "calendar_masks",
    "char_features",
    "cluster_undated",
    "cluster_undated_block",
    "context_rows",
    "hubness_corrected",
    "mask_agreement",
    "mean_silhouette",
    "merge_by_silhouette",
    "shared_cues",
    "undated_share",
    "undated_similarity",
    "uses_undated_path",
]
