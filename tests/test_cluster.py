from __future__ import annotations

import numpy as np
import pytest
from conftest import needs_shared

from clustering.cluster import (
    block_distances,
    candidate_graph,
    cluster_vectors,
    merge_clusters,
    sparse_features,
    split_blocks,
)
from clustering.cluster.articles import cluster_articles
from clustering.config import ClusterConfig

#: B-cubed F1 floors on real data (measured with benchmarks/streams.py, 2026-12-06:
#: gvc test 0.973, neus_allsides undated lead-only 0.785 against plain HDBSCAN 0.778).
GVC_TEST_FLOOR = 0.95
NEUS_UNDATED_LEAD_FLOOR = 0.77


def _stories(n_stories: int, per_story: int, dim: int = 64, spread: float = 0.15, seed: int = 0):
    """Unit vectors around n_stories random centres, and the true labels."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(n_stories, dim))
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    labels = np.repeat(np.arange(n_stories), per_story)
    vectors = centres[labels] + rng.normal(scale=spread / np.sqrt(dim), size=(len(labels), dim))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors.astype(np.float32), labels


def _same_partition(a, b) -> bool:
    pairs_a = {(x, y) for x, y in zip(a, b, strict=True)}
    return len(pairs_a) == len(set(a)) == len(set(b))


def test_recovers_separated_stories_and_never_drops_an_article():
    vectors, truth = _stories(6, 4)
    days = np.zeros(len(vectors))
    labels, noise = cluster_vectors(vectors, days, ClusterConfig(sparse_weight=0))
    assert len(labels) == len(vectors)
    assert (labels >= 0).all()
    assert _same_partition(labels, truth)
    assert not noise.any()


def test_outlier_becomes_its_own_flagged_story():
    vectors, truth = _stories(3, 4)
    rng = np.random.default_rng(9)
    lone = rng.normal(size=(1, vectors.shape[1])).astype(np.float32)
    lone /= np.linalg.norm(lone)
    vectors = np.vstack([vectors, lone])
    labels, noise = cluster_vectors(vectors, np.zeros(len(vectors)), ClusterConfig(sparse_weight=0))
    assert labels[-1] not in set(labels[:-1])
    assert noise[-1] and not noise[:-1].any()
    assert len(set(labels)) == 4


def test_same_text_weeks_apart_is_two_stories():
    # Two tight groups of near-identical articles, 28 days apart: time splits them.
    vectors, _ = _stories(1, 6, spread=0.3)
    days = np.array([0, 0, 1, 28, 28, 29], dtype=float)
    split, _ = cluster_vectors(vectors, days, ClusterConfig(sparse_weight=0, time_penalty=0.6))
    assert _same_partition(split, [0, 0, 0, 1, 1, 1])
    together, _ = cluster_vectors(vectors, days, ClusterConfig(sparse_weight=0, time_penalty=0.0))
    assert len(set(together)) == 1


def test_unknown_dates_are_compared_with_everything():
    vectors, truth = _stories(2, 3)
    days = np.array([0, 0, 0, np.nan, np.nan, np.nan])
    # rows must be sorted with unknown days last: they are
    labels, _ = cluster_vectors(vectors, days, ClusterConfig(sparse_weight=0))
    assert _same_partition(labels, truth)


def test_candidate_graph_respects_max_gap_and_needs_sorted_days():
    vectors, _ = _stories(1, 4, spread=0.05)
    days = np.array([0.0, 1.0, 40.0, 41.0])
    graph = candidate_graph(vectors, days, ClusterConfig(max_gap_days=30))
    assert graph[0, 1] > 0.9 and graph[2, 3] > 0.9
    assert graph[0, 2] == 0 and graph[1, 3] == 0
    with pytest.raises(ValueError, match="sorted by day"):
        candidate_graph(vectors, np.array([np.nan, 0.0, 1.0, 2.0]), ClusterConfig())


def test_large_blocks_are_split_on_stronger_links():
    vectors, truth = _stories(4, 10, spread=0.6)
    cfg = ClusterConfig(link_similarity=-1.0, max_block_size=12)
    graph = candidate_graph(vectors, np.zeros(len(vectors)), cfg)
    blocks = split_blocks(graph, cfg)
    sizes = np.bincount(blocks.labels)
    assert sizes.max() <= 12
    assert sizes.sum() == len(vectors)


def test_merge_clusters_uses_average_linkage():
    # points 0,1 | 2 | 3 ; mean distance {0,1}-{2} = 0.3, {0,1,2}-{3} = 0.8
    d = np.array(
        [[0, 0.1, 0.3, 0.8], [0.1, 0, 0.3, 0.8], [0.3, 0.3, 0, 0.8], [0.8, 0.8, 0.8, 0]], float
    )
    merged = merge_clusters(np.array([0, 0, 1, 2]), d, threshold=0.5)
    assert merged[0] == merged[1] == merged[2] != merged[3]
    untouched = merge_clusters(np.array([0, 0, 1, 2]), d, threshold=0.2)
    assert len(set(untouched)) == 3


def test_time_penalty_saturates():
    vectors = np.tile(np.eye(1, 8, dtype=np.float32), (3, 1))
    days = np.array([0.0, 5.0, 500.0])
    d = block_distances(vectors, None, days, ClusterConfig(time_penalty=0.2, time_scale_days=5))
    assert d[0, 1] == pytest.approx(0.2 * (1 - np.exp(-1)), abs=1e-6)
    assert d[0, 2] == pytest.approx(0.2, abs=1e-6)


def _block_distances_as_expressions(vectors, sparse, days, config, names=None):
    """block_distances as plain numpy expressions (what it computed before it was built
    in place, issue 13): the in-place version must give these values bit for bit, or
    the stories of an add would change."""
    sims = (vectors @ vectors.T).astype(np.float64)
    if sparse is not None and config.sparse_weight > 0:
        sims = (1 - config.sparse_weight) * sims + config.sparse_weight * (
            sparse @ sparse.T
        ).toarray()
    if names is not None and config.name_weight > 0:
        has = np.asarray(names.getnnz(axis=1) > 0)
        both = has[:, None] & has[None, :]
        product = (names @ names.T).toarray()
        sims = np.where(both, (1 - config.name_weight) * sims + config.name_weight * product, sims)
    distances = np.clip(1.0 - sims, 0.0, 2.0)
    if config.time_penalty > 0:
        gap = np.nan_to_num(np.abs(days[:, None] - days[None, :]), nan=config.undated_gap_days)
        distances += config.time_penalty * (1.0 - np.exp(-gap / config.time_scale_days))
    np.fill_diagonal(distances, 0.0)
    return distances


@pytest.mark.parametrize(
    "overrides",
    [
        {},
        {"sparse_weight": 0.0},
        {"time_penalty": 0.0},
        {"name_weight": 0.4, "time_penalty": 0.3, "time_scale_days": 3.0},
    ],
)
def test_block_distances_equal_the_plain_expressions_bit_for_bit(overrides):
    from types import SimpleNamespace

    import scipy.sparse as sp

    from clustering.cluster import small_pages

    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(60, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors[1] = vectors[0]  # identical rows: similarity 1, distance 0 before the penalty
    sparse = sp.random(60, 50, density=0.2, random_state=4, format="csr")
    sparse = sp.csr_matrix(sparse.multiply(1 / np.sqrt(sparse.multiply(sparse).sum(axis=1) + 1e-9)))
    names = sp.random(60, 30, density=0.05, random_state=5, format="csr")  # some rows empty
    days = rng.uniform(0, 40, size=60)
    days[[3, 7]] = np.nan  # undated: a gap of undated_gap_days
    config = ClusterConfig(**overrides)
    expected = _block_distances_as_expressions(vectors, sparse, days, config, names)
    evidence = SimpleNamespace(names=names)  # block_distances reads only the names
    got = block_distances(vectors, sparse, days, config, evidence)  # type: ignore[arg-type]
    assert got.dtype == np.float64 and got.shape == (60, 60)
    assert np.array_equal(got, expected)
    with small_pages():  # how pages are mapped changes no value
        assert np.array_equal(block_distances(vectors, sparse, days, config, evidence), expected)  # type: ignore[arg-type]
    assert np.array_equal(got, got.T) and (np.diag(got) == 0).all() and got.min() >= 0.0


def test_small_pages_is_a_no_op_on_a_numpy_without_the_switch(monkeypatch):
    import importlib

    from clustering.cluster import small_pages

    multiarray = importlib.import_module("numpy._core.multiarray")
    monkeypatch.delattr(multiarray, "_set_madvise_hugepage")
    ran = []
    with small_pages():
        ran.append(True)
    assert ran == [True]


def test_small_pages_restores_numpys_setting():
    import importlib

    multiarray = importlib.import_module("numpy._core.multiarray")  # not in numpy's stubs
    _get_madvise_hugepage = multiarray._get_madvise_hugepage
    _set_madvise_hugepage = multiarray._set_madvise_hugepage

    from clustering.cluster import small_pages

    before = _get_madvise_hugepage()
    try:
        for setting in (True, False):
            _set_madvise_hugepage(setting)
            with small_pages():
                assert _get_madvise_hugepage() is False
                with small_pages():  # nested: the outer one's setting stays
                    pass
                assert _get_madvise_hugepage() is False
            assert _get_madvise_hugepage() is setting
        _set_madvise_hugepage(True)
        with pytest.raises(RuntimeError), small_pages():
            raise RuntimeError("restored on an error too")
        assert _get_madvise_hugepage() is True
    finally:
        _set_madvise_hugepage(before)


def test_sparse_features_are_unit_rows_and_match_shared_names():
    rows = sparse_features(
        ["Kuleba met Medinsky in Istanbul", "Medinsky and Kuleba in Istanbul", "Rates rise again"]
    )
    norms = np.sqrt(rows.multiply(rows).sum(axis=1)).A.ravel()
    assert np.allclose(norms, 1.0)
    sims = (rows @ rows.T).toarray()
    assert sims[0, 1] > 0.75
    assert sims[0, 2] == 0.0


def test_split_at_gaps_separates_two_bursts_but_keeps_stragglers():
    from clustering.cluster import split_at_gaps

    labels = np.zeros(10, dtype=np.int64)
    bursts = np.array([0, 0, 1, 1, 2, 36, 36, 37, 37, 38], dtype=float)
    split = split_at_gaps(labels, bursts, gap_days=21, min_side=4)
    assert _same_partition(split, [0] * 5 + [1] * 5)
    straggler = np.array([0, 0, 1, 1, 2, 2, 3, 3, 4, 60], dtype=float)
    assert len(set(split_at_gaps(labels, straggler, gap_days=21, min_side=4))) == 1
    unknown = bursts.copy()
    unknown[0] = np.nan
    assert len(set(split_at_gaps(labels, unknown, gap_days=21, min_side=4))) == 1


@pytest.mark.parametrize("bfloat16", [True, False])
@pytest.mark.parametrize(
    "overrides",
    [
        {"max_block_size": 10},
        {"max_gap_days": 5, "max_block_size": 6},
        {"link_similarity": 0.0, "max_block_size": 15},
    ],
)
def test_blocks_from_the_spanning_forests_equal_blocks_of_all_links(overrides, bfloat16):
    import scipy.sparse as sp

    vectors, _ = _stories(8, 12, spread=0.9, seed=5)
    days = np.sort(np.random.default_rng(5).uniform(0, 20, size=len(vectors)))
    cfg = ClusterConfig(**overrides)
    sims = vectors @ vectors.T
    gap = np.abs(days[:, None] - days[None, :])
    dense = np.where((sims >= cfg.link_similarity) & (gap <= cfg.max_gap_days), sims, 0.0)
    np.fill_diagonal(dense, 0.0)
    expected = split_blocks(sp.csr_matrix(dense), cfg).labels
    graph = candidate_graph(vectors, days, cfg, bfloat16=bfloat16)
    got = split_blocks(graph, cfg).labels
    assert _same_partition(got, expected)
    assert np.bincount(got).max() <= cfg.max_block_size
    # Every kept edge carries the exact similarity (float64 dot product, as float32).
    edges = graph.tocoo()
    pairs = vectors[edges.row].astype(np.float64) * vectors[edges.col].astype(np.float64)
    assert edges.nnz > 0
    assert np.array_equal(edges.data, pairs.sum(axis=1).astype(np.float32))


@pytest.mark.parametrize("bfloat16", [True, False])
def test_pairs_just_either_side_of_the_link_threshold_are_decided_exactly(bfloat16):
    # bfloat16 similarities are off by up to ~0.01: pairs 0.0005 above the threshold
    # must still link and pairs 0.0005 below must not.
    rng = np.random.default_rng(3)
    cfg = ClusterConfig()
    rows = []
    for cosine in [cfg.link_similarity + 0.0005, cfg.link_similarity - 0.0005] * 20:
        u, w = np.linalg.qr(rng.standard_normal((384, 2)))[0].T
        rows += [u, cosine * u + np.sqrt(1 - cosine**2) * w]
    vectors = np.asarray(rows, dtype=np.float32)
    graph = candidate_graph(vectors, np.zeros(len(vectors)), cfg, bfloat16=bfloat16)
    linked = [graph[k, k + 1] > 0 for k in range(0, len(vectors), 2)]
    assert linked == [True, False] * 20


def test_compared_pairs_is_the_cost_of_the_candidate_graph_and_shrinks_with_a_window():
    from clustering.cluster import compared_pairs

    days = np.repeat(np.arange(10.0), 500)  # 5,000 articles, 500 a day for 10 days
    # every row of 2,048 articles against all the articles from its first on
    assert compared_pairs(days, 3650) == 2048 * 5000 + 2048 * 2952 + 904 * 904
    # at most a day apart: rows 0-2047 (days 0-4) reach article 2999 (day 5), the next
    # row (days 4-8) reaches the end
    assert compared_pairs(days, 1) == 2048 * 3000 + 2048 * 2952 + 904 * 904
    unknown = np.r_[days, [np.nan] * 100]
    assert compared_pairs(unknown, 1) > compared_pairs(days, 1) + 5000 * 100 - 1


def test_cluster_vectors_reports_progress_per_stage():
    vectors, _ = _stories(6, 5)
    calls = []
    cluster_vectors(
        vectors, np.zeros(len(vectors)), ClusterConfig(), progress=lambda *c: calls.append(c)
    )
    stages = [stage for stage, _, _ in calls]
    assert stages[0] == "link" and stages[-1] == "cluster"
    assert calls[-1] == ("cluster", 30, 30)
    link = [c for c in calls if c[0] == "link"]
    assert link[-1][1] == link[-1][2]


# --- issue 19: look-alike events, undated corpora -------------------------------------


def test_article_facts_read_names_places_ages_weekdays_and_event_days():
    from clustering.cluster.features import article_facts

    texts = [
        "Man, 34, shot dead in Gary. GARY, Ind. - John Smith, 34, was shot on Oak Street "
        "on Saturday, police said.",
        "Fire kills two. The blaze on March 3 destroyed a home in Tulsa, Okla., and in Leeds, "
        "West Yorkshire.",
        "The Supreme Court ruled on Monday.",
    ]
    # 19783 = Saturday 2024-03-02 + 5 days (published the next Thursday); NaN: undated
    facts = article_facts(texts, np.array([19789.0, np.nan, np.nan]))
    assert facts.names[0].split() == ["gary", "ind", "john", "smith", "oak", "street"]
    # One token per US state whatever the spelling; a region that is not one is not read
    # (on real reports most "Capitalised, Capitalised" pairs are lists of people).
    assert facts.places[0].split() == ["town_gary", "region_indiana"]
    assert facts.places[1].split() == ["town_tulsa", "region_oklahoma"]
    assert facts.ages[0, 0] == np.uint64(1) << np.uint64(34) and not facts.ages[1:].any()
    assert facts.event_days[0] == 19789.0 - 5  # the Saturday before publication
    assert np.isnan(facts.event_days[1])  # "March 3" but no year and no publication date
    assert facts.weekdays.tolist() == [1 << 5, 0, 1 << 0]
    assert facts.names[2] == "supreme court"
    assert facts.casualties.tolist() == [[-1, -1], [2, -1], [-1, -1]]  # "kills two"


def test_article_facts_read_casualty_counts_and_ages_closing_a_sentence():
    from clustering.cluster.features import article_facts

    texts = [
        "A shooting killed three and wounded one on Tuesday. He was identified as Jo Li, 19.",
        "Tulsa shooting leaves one dead, no one hurt.",
        "2 killed, 4 injured in crash; police said 3 people died in 2019.",
        "A 34-year-old was killed. Police killed 5-year-old claims.",
    ]
    facts = article_facts(texts, np.full(4, np.nan))
    assert facts.casualties.tolist() == [[3, 1], [1, 0], [2, 4], [-1, -1]]
    assert facts.ages[0, 0] == np.uint64(1) << np.uint64(19)  # "Jo Li, 19." ends a sentence


def test_conflicts_need_both_sides_to_say_something():
    from clustering.cluster.features import age_conflicts, weekday_conflicts

    ages = np.zeros((3, 2), dtype=np.uint64)
    ages[0, 0] = np.uint64(1) << np.uint64(34)
    ages[1, 0] = np.uint64(1) << np.uint64(35)
    conflict = age_conflicts(ages)
    assert conflict[0, 1] and conflict[1, 0]
    assert not conflict[0, 2] and not conflict[2, 1]  # article 2 gives no age
    weekdays = np.array([1, 2, 3, 0], dtype=np.uint8)  # Mon | Tue | Mon+Tue | none
    found = weekday_conflicts(weekdays)
    assert found[0, 1] and not found[0, 2] and not found[1, 2] and not found[3].any()


def test_split_incoherent_breaks_a_chain_and_keeps_a_coherent_story():
    from clustering.cluster import split_incoherent

    # A chain 0-1-2-3-4-5: neighbours 0.3 apart, everything else 1.2 apart (mean 0.9),
    # as single linkage builds from look-alike reports; then a story 6-9, all 0.4 apart.
    d = np.full((10, 10), 1.2)
    for i in range(5):
        d[i, i + 1] = d[i + 1, i] = 0.3
    d[6:, 6:] = 0.4
    np.fill_diagonal(d, 0.0)
    labels = np.array([0] * 6 + [1] * 4)
    split = split_incoherent(labels, d, ClusterConfig(story_max_distance=0.8))
    assert len(set(split[:6])) >= 2  # the chain is cut
    assert len(set(split[6:])) == 1 and split[6] not in set(split[:6])  # the story stays


def _look_alike_reports(n_events: int = 12, per_event: int = 3, seed: int = 0):
    """Short reports of `n_events` shootings on one day in different towns, each told by
    `per_event` outlets in different words, with embeddings that cannot tell the events
    apart (every report near one "shooting" direction): (articles, vectors, truth)."""
    import polars as pl

    from clustering.embed import text_hash

    rng = np.random.default_rng(seed)
    towns = [
        "Ashford",
        "Belmont",
        "Carver",
        "Dunmore",
        "Elkton",
        "Fairview",
        "Glendale",
        "Hanover",
        "Irvine",
        "Jasper",
        "Kenton",
        "Lawton",
    ]
    people = [
        "John Miller",
        "Maria Lopez",
        "Paul Evans",
        "Linda Scott",
        "Mark Reed",
        "Susan Clark",
        "Tony Baker",
        "Rita Cruz",
        "Dean Wood",
        "Ann Hall",
        "Joe Kim",
        "Eva Diaz",
    ]
    forms = [
        "{name}, {age}, was shot dead in {town} on Saturday, police in {town} said.",
        "A {age}-year-old was killed in a shooting in {town}. Police named {name}.",
        "Police in {town} are investigating the killing of {name}, {age}, on Saturday.",
    ]
    rows, truth = [], []
    for e in range(n_events):
        for k in range(per_event):
            body = forms[k % 3].format(name=people[e], age=20 + 3 * e, town=towns[e])
            rows.append({"title": f"Deadly shooting in {towns[e]}", "body": body, "lead": body})
            truth.append(e)
    articles = pl.DataFrame(rows).with_columns(
        pl.lit(None, dtype=pl.Datetime("us", "UTC")).alias("published_at"),
        pl.Series("article_id", [text_hash(r["body"] + str(i)) for i, r in enumerate(rows)]),
    )
    common = rng.normal(size=64)
    own = rng.normal(size=(n_events, 64))
    vectors = 2.0 * common + 0.6 * own[truth] + 0.3 * rng.normal(size=(len(truth), 64))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return articles, vectors.astype(np.float32), np.array(truth)


def test_look_alike_events_are_not_chained_into_one_story():
    from clustering.config import Config
    from clustering.evaluate import score

    articles, vectors, truth = _look_alike_reports()
    # The reports are undated and short, which would route them to cluster/undated.py;
    # undated_share=1.0 keeps them on the vector path whose chaining this test is about.
    before = Config(
        cluster=ClusterConfig(story_max_distance=0.0, conflict_penalty=0.0, undated_share=1.0)
    )
    chained, _ = cluster_articles(articles, vectors, before)
    # The defaults (conflict_penalty 0.3) keep labelled files at their figures but are
    # too weak for embeddings this alike; 1.0 is what the synthetic streams want.
    strong = Config(cluster=ClusterConfig(conflict_penalty=1.0, undated_share=1.0))
    labels, _ = cluster_articles(articles, vectors, strong)
    # Before: the block of look-alikes came back as one story (the mechanism).
    assert len(set(chained)) == 1
    # Now names and ages that disagree split it: no story spans two events.
    for label in set(labels):
        assert len(set(truth[labels == label])) == 1
    assert score(truth, labels)["bcubed_f1"] >= 0.8  # heuristic floor; 12 events of 3


def test_cannot_links_work_without_the_conflict_penalty():
    """cluster_articles reads the texts' names and ages for the cannot-links alone: with
    conflict_penalty 0 (and no name weight) they used to be silently off."""
    from clustering.config import Config
    from clustering.evaluate import score

    articles, vectors, truth = _look_alike_reports()

    def stories(cues: int) -> np.ndarray:
        config = ClusterConfig(  # undated_share=1.0: the vector path (see the test above)
            story_max_distance=0.0, conflict_penalty=0.0, cannot_link_cues=cues, undated_share=1.0
        )
        labels, _ = cluster_articles(articles, vectors, Config(cluster=config))
        return labels

    # Off: the embeddings chain the 12 look-alike events into one story.
    assert len(set(stories(0))) == 1
    # Two cues (names and ages differ between any two events, never within one): every
    # event is its own story, exactly.
    labels = stories(2)
    assert len(set(labels)) == 12
    assert score(truth, labels)["bcubed_f1"] == 1.0


@needs_shared
def test_gvc_test_split_holds_its_floor():
    """gvc.jsonl's test incidents, clustered alone (parameters chosen on train+dev)."""
    from benchmarks.streams import labelled_set, score_set
    from clustering.config import Config

    result = score_set(labelled_set("gvc", splits=("test",)), Config())
    # 0.927 before issue 19, 0.973 after; the target is 0.95.
    assert result["bcubed_f1"] >= GVC_TEST_FLOOR  # heuristic to guard against regression
    assert result["bcubed_f1"] >= result["hdbscan_raw"]["bcubed_f1"]


@needs_shared
def test_neus_undated_lead_only_is_never_below_plain_hdbscan():
    """neus_allsides.jsonl with its dates removed and bodies cut to the lead."""
    from benchmarks.streams import labelled_set, score_set
    from clustering.config import Config

    stress = labelled_set("neus_allsides", undated=True, lead_only=True)
    result = score_set(stress, Config())
    # 0.751 before issue 19, 0.785 after; the target is 0.85, not reached.
    assert result["bcubed_f1"] >= NEUS_UNDATED_LEAD_FLOOR  # heuristic against regression
    assert result["bcubed_f1"] >= result["hdbscan_raw"]["bcubed_f1"]


def test_merge_clusters_never_joins_a_cannot_link_pair():
    # Four singletons all 0.1 apart: without constraints one cluster; 0 and 3 cannot link,
    # so 3 stays out of whatever 0 joins (1 and 2 go with 0: the closest pair first).
    d = np.full((4, 4), 0.1)
    np.fill_diagonal(d, 0.0)
    d[1, 2] = d[2, 1] = 0.05
    labels = np.arange(4, dtype=np.int64)
    assert len(set(merge_clusters(labels, d, 0.5))) == 1
    cannot = np.zeros((4, 4), dtype=bool)
    cannot[0, 3] = cannot[3, 0] = True
    merged = merge_clusters(labels, d, 0.5, cannot)
    assert merged[1] == merged[2] and merged[0] != merged[3]
    assert len(set(merged)) == 2


def test_split_conflicting_reforms_only_the_story_holding_a_cannot_link():
    from clustering.cluster import split_conflicting

    # Story 0: articles 0-3, where 0-1 and 2-3 are close pairs (0.1) and the pairs across
    # 0.4 apart; 1 and 3 cannot link. Story 1: articles 4-5, also holding nothing wrong.
    d = np.full((6, 6), 0.4)
    d[0, 1] = d[1, 0] = d[2, 3] = d[3, 2] = d[4, 5] = d[5, 4] = 0.1
    np.fill_diagonal(d, 0.0)
    labels = np.array([0, 0, 0, 0, 1, 1])
    cannot = np.zeros((6, 6), dtype=bool)
    cannot[1, 3] = cannot[3, 1] = True
    split = split_conflicting(labels, d, cannot, 0.8)
    assert split[0] == split[1] and split[2] == split[3] and split[0] != split[2]
    assert split[4] == split[5] and split[4] not in (split[0], split[2])
    # Without a cannot-link nothing changes.
    same = split_conflicting(labels, d, np.zeros((6, 6), dtype=bool), 0.8)
    assert _same_partition(same, labels)


def test_disagreements_count_independent_cues():
    from clustering.cluster import disagreements, evidence_from_facts
    from clustering.cluster.features import article_facts

    texts = [
        "GARY, Ind. - John Smith, 34, was killed on Saturday, police said.",
        "GARY, Ind. - Police named John Smith, 34, killed on Saturday.",
        "TULSA, Okla. - Mary Jones, 61, was killed on Monday, police said.",
        "TULSA, Okla. - A shooting killed two on Saturday.",
    ]
    days = np.array([19789.0, 19789.0, 19789.0, 19789.0])  # all published the same day
    config = ClusterConfig()
    found = disagreements(evidence_from_facts(article_facts(texts, days), None, None), days, config)
    assert found[0, 1] == 0  # same town, name, age, day
    # names, age, town (and state) disagree; the weekday too, but both were published
    # the same day, so "when" is left to the publication days.
    assert found[0, 2] == 3
    assert found[0, 3] == 1  # only the town: "two" killed is not "one" given by nobody
    assert found[2, 3] == 0  # same town; ages, names, counts: one side gives none
    undated = np.full(4, np.nan)
    found = disagreements(
        evidence_from_facts(article_facts(texts, undated), None, None), undated, config
    )
    assert found[0, 2] == 4  # undated: the weekdays named now say when


@pytest.mark.slow
def test_cannot_links_leave_no_story_spanning_look_alike_events(tmp_path):
    """A synthetic stream of look-alike local reports (benchmarks.streams): shootings,
    fires, crashes in towns that differ by name, state, victim, counts and day."""
    from benchmarks.streams import HashedWordsEmbedder, build_set, score_set, similar_event_stream
    from clustering.config import Config

    records, gold = similar_event_stream(3000, seed=1)
    stress = build_set("stream", records, gold, HashedWordsEmbedder(), cache_dir=tmp_path)
    without = score_set(stress, Config(cluster=ClusterConfig(cannot_link_cues=0)), False)
    strict = score_set(stress, Config(cluster=ClusterConfig(cannot_link_cues=1)), False)
    assert without["spanning"] >= 50  # the embedding alone cannot tell these apart
    assert strict["spanning"] == 0
    # measured 0.980 against 0.758 (442 spanning stories without cannot-links)
    assert strict["bcubed_f1"] >= without["bcubed_f1"] + 0.15
