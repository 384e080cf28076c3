"""cluster/undated.py: clustering corpora without publication dates (issue 19)."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from conftest import needs_shared

from clustering.cluster import day_numbers
from clustering.cluster.articles import cluster_articles
from clustering.cluster.undated import (
    calendar_masks,
    char_features,
    cluster_undated,
    context_rows,
    hubness_corrected,
    mask_agreement,
    mean_silhouette,
    merge_by_silhouette,
    uses_undated_path,
)
from clustering.config import ClusterConfig, Config, ConfigError
from clustering.evaluate import score

#: B-cubed F1 on neus_allsides undated lead-only (benchmarks/undated.py, 2026-12-06):
#: dev 0.881 (0.827 with the dated path), test 0.891 (0.842); plain HDBSCAN 0.825 / 0.828.
NEUS_UNDATED_LEAD_DEV_FLOOR = 0.86
NEUS_UNDATED_LEAD_TEST_FLOOR = 0.87
#: The whole file (both halves' look-alike events in one corpus): 0.830 with the figures
#: that disagree taken off (features.number_conflicts), 0.825 without; issue 19's
#: target 0.85 is not met. Plain HDBSCAN 0.778.
NEUS_UNDATED_LEAD_WHOLE_FLOOR = 0.827
#: newswcl50 cut to its leads (50 texts, 10 stories of five): 0.958 with the story cap,
#: 0.814 without it; plain HDBSCAN 0.877.
NEWSWCL50_UNDATED_LEAD_FLOOR = 0.93
#: giveme5w1h cut to its leads (377 texts, 69 stories of up to 19): 0.918 (0.921 before
#: the figures that disagree were taken off: a death toll that rises splits) with the joins
#: the silhouette takes (merge_by_silhouette), 0.887 without, 0.876 also without its
#: small blocks corrected against their nearest articles (context_rows); plain HDBSCAN 0.910.
GIVEME5W1H_UNDATED_LEAD_FLOOR = 0.91


def test_only_mostly_undated_corpora_of_leads_take_the_undated_path():
    config = ClusterConfig()
    nan = float("nan")
    leads = np.full(5, 300)
    assert not uses_undated_path(np.array([1.0, 2.0, 3.0, nan]), leads[:4], config)  # 25%
    assert not uses_undated_path(np.array([1.0, nan]), leads[:2], config)  # half: not "most"
    assert uses_undated_path(np.array([1.0, nan, nan]), leads[:3], config)
    assert not uses_undated_path(np.array([nan]), leads[:1], config)  # nothing to cluster
    assert not uses_undated_path(np.full(5, nan), leads, ClusterConfig(undated_share=1.0))
    # Full texts (median body over undated_max_body_chars) keep the dated path.
    assert not uses_undated_path(np.full(3, nan), np.array([300, 5000, 6000]), config)


def test_context_rows_pad_a_small_block_with_its_nearest_outside_articles():
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(30, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    members = np.array([0, 1, 2])
    context = context_rows(members, vectors, 8)
    assert len(context) == 5 and not set(context.tolist()) & {0, 1, 2}
    # They are the five outside articles nearest to any member.
    nearest = (vectors[members] @ vectors.T).max(axis=0)
    outside = np.setdiff1d(np.arange(30), members)
    expected = np.sort(outside[np.argsort(-nearest[outside])[:5]])
    assert context.tolist() == expected.tolist()
    # A block of the size or more, or a corpus with nothing outside: no context.
    assert len(context_rows(np.arange(10), vectors, 8)) == 0
    assert len(context_rows(np.arange(30), vectors, 40)) == 0
    assert len(context_rows(np.arange(25), vectors, 40)) == 5  # all there is


def _points(centres: list[tuple[float, float]], spread: float, seed: int = 0) -> np.ndarray:
    """Euclidean distances (n, n) of five points scattered around each centre."""
    rng = np.random.default_rng(seed)
    points = np.concatenate([np.array(c) + spread * rng.normal(size=(5, 2)) for c in centres])
    return np.linalg.norm(points[:, None] - points[None, :], axis=-1)


def test_mean_silhouette_is_sklearns_and_reads_a_join_without_making_it():
    from sklearn.metrics import silhouette_samples

    distances = _points([(0, 0), (1, 0), (5, 5)], 0.3)
    labels = np.repeat([0, 1, 2], 5)
    labels[14] = 3  # an article alone: silhouette 0
    rows = np.arange(15)
    expected = silhouette_samples(distances, labels, metric="precomputed").mean()
    assert mean_silhouette(distances, labels, rows) == pytest.approx(expected)
    joined = labels.copy()
    joined[joined == 1] = 0
    expected = silhouette_samples(distances, joined, metric="precomputed")[:10].mean()
    got = mean_silhouette(distances, labels, np.arange(10), np.array([0, 1]))
    assert got == pytest.approx(expected)


def test_merge_by_silhouette_joins_an_isolated_story_not_two_events_in_a_crowd():
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    # Two halves of one story far from everything (5, 5) and (5.6, 5), then a crowd of
    # look-alike events one unit apart: the cut at 0.3 keeps every group of five apart,
    # the tree joins the halves at about 0.5 and the crowd's events at 0.9-1.2.
    distances = _points([(5, 5), (5.6, 5), (0, 0), (1, 0), (0, 1), (1, 1)], 0.1)
    tree = linkage(squareform(distances, checks=False), method="average")
    cut = np.repeat(np.arange(6), 5)
    joined = merge_by_silhouette(tree, distances, cut, 0.3, 1.5, gain=0.06)
    assert len(set(joined[:10].tolist())) == 1  # the isolated story is one
    assert len(set(joined[10:].tolist())) == 4  # the crowd's events stay apart
    # Nothing joins where most pairs are cannot-links, or when the gain asked is 2.
    cannot = np.zeros((30, 30), dtype=bool)
    cannot[:5, 5:10] = cannot[5:10, :5] = True
    kept = merge_by_silhouette(tree, distances, cut, 0.3, 1.5, 0.06, cannot)
    assert len(set(kept[:10].tolist())) == 2
    assert len(set(merge_by_silhouette(tree, distances, cut, 0.3, 1.5, 2.0).tolist())) == 6


def test_calendar_masks_read_weekdays_and_months_but_not_the_verb_may():
    weekdays, months = calendar_masks(
        [
            "The Senate voted on Tuesday; the House follows Thursday.",
            "The April jobs report, out Sept. 3, may disappoint.",
            "Nothing dated here.",
        ]
    )
    assert weekdays.tolist() == [0b0001010, 0, 0]  # Tuesday = bit 1, Thursday = bit 3
    assert months.tolist() == [0, (1 << 3) | (1 << 8), 0]  # April, September; not "may"


def test_mask_agreement_is_zero_unless_both_texts_name_one():
    agree = mask_agreement(np.array([0b01, 0b11, 0b10, 0], dtype=np.uint8))
    assert agree[0, 1] == 1.0 and agree[1, 2] == 1.0  # a day in common
    assert agree[0, 2] == -1.0  # both name days, none in common
    assert (agree[3] == 0).all() and (agree[:, 3] == 0).all()


def test_hubness_correction_lowers_a_hub_below_a_mutual_pair():
    # 0 and 1 are each other's only close article (0.6); 2 is a hub at 0.7 to 3, 4, 5,
    # which are 0.65 apart among themselves. Raw, the hub's pairs look closest.
    sims = np.full((6, 6), 0.1)
    sims[0, 1] = sims[1, 0] = 0.6
    for i in (3, 4, 5):
        sims[2, i] = sims[i, 2] = 0.7
        for j in (3, 4, 5):
            if i != j:
                sims[i, j] = 0.65
    np.fill_diagonal(sims, 1.0)
    corrected = hubness_corrected(sims, k=2)
    # r_0 = (0.6 + 0.1) / 2 = 0.35 = r_1; r_2 = 0.7; r_3 = (0.7 + 0.65) / 2 = 0.675.
    assert corrected[0, 1] == pytest.approx(2 * 0.6 - 0.35 - 0.35)
    assert corrected[2, 3] == pytest.approx(2 * 0.7 - 0.7 - 0.675)
    assert corrected[0, 1] > corrected[2, 3]


def _story_in_sparse_corpus() -> np.ndarray:
    """Similarities of 26 texts: 0-5 one story (0.6 apart), 6-25 unrelated to everything
    (0.1), and 25 a hub: 0.5 to 6-24, whose ranks 10-20 are as close as its top 4."""
    sims = np.full((26, 26), 0.1)
    sims[:6, :6] = 0.6
    sims[25, 6:25] = sims[6:25, 25] = 0.5
    np.fill_diagonal(sims, 1.0)
    return sims


def test_the_story_cap_keeps_a_large_story_from_counting_as_hubs():
    sims = _story_in_sparse_corpus()
    plain = hubness_corrected(sims, k=4)
    capped = hubness_corrected(sims, k=4, story_margin=0.3)
    # Story member: top 4 at 0.6 (r = 0.6), background ranks 10-20 at 0.1: r <= 0.4.
    assert plain[0, 1] == pytest.approx(2 * 0.6 - 0.6 - 0.6)
    assert capped[0, 1] == pytest.approx(2 * 0.6 - 0.4 - 0.4)
    # The hub is as close to its 10th-20th neighbours as to its top 4: r stays 0.5.
    assert capped[25, 6] == pytest.approx(plain[25, 6])
    assert capped[25, 6] == pytest.approx(2 * 0.5 - 0.5 - (0.5 + 3 * 0.1) / 4)
    # Fewer than 11 others: no background to read, nothing capped.
    small = sims[:8, :8]
    assert hubness_corrected(small, 4, 0.3) == pytest.approx(hubness_corrected(small, 4))


def test_large_story_members_get_the_tighter_margin_and_hubs_keep_theirs():
    sims = _story_in_sparse_corpus()
    plain = hubness_corrected(sims, k=4)
    capped = hubness_corrected(sims, k=4, story_margin=0.3)
    # Story member 0: ranks 2-6 are three mates (0.6) and one other (0.1): 0.475, 0.375
    # above its background 0.1, so a large-story member: r <= 0.1 + 0.05.
    large = hubness_corrected(
        sims, k=4, story_margin=0.3, story_shoulder=0.35, large_story_margin=0.05
    )
    assert large[0, 1] == pytest.approx(2 * 0.6 - 0.15 - 0.15)
    # The hub's ranks 2-6 are as close as its background (shoulder 0): r stays 0.5.
    assert large[25, 6] == pytest.approx(plain[25, 6])
    # Shoulder asked above 0.375: nobody is a large-story member, the one margin holds.
    looser = hubness_corrected(
        sims, k=4, story_margin=0.3, story_shoulder=0.4, large_story_margin=0.05
    )
    assert looser == pytest.approx(capped)
    assert looser[0, 1] == pytest.approx(2 * 0.6 - 0.4 - 0.4)


def test_char_features_are_unit_rows_that_match_spellings():
    chars = char_features(["Gen. Mark Milley", "Milley under fire", "Jobless claims fall"])
    norms = np.sqrt(np.asarray(chars.multiply(chars).sum(axis=1)).ravel())
    assert norms == pytest.approx([1.0, 1.0, 1.0])
    cos = (chars @ chars.T).toarray()
    assert cos[0, 1] > 0.2 > cos[0, 2]


def _frame(titles: list[str], dated: bool) -> pl.DataFrame:
    n = len(titles)
    published = [f"2021-05-{1 + i % 20:02d}" if dated else None for i in range(n)]
    return pl.DataFrame(
        {
            "published_at": pl.Series(published, dtype=pl.String).str.to_datetime("%Y-%m-%d"),
            "title": titles,
            "body": [""] * n,
            "lead": [""] * n,
        }
    )


def _near_one_vector(n: int, seed: int) -> np.ndarray:
    """n unit vectors (float32, 32 dims) scattered closely around one random centre: texts
    the embedding cannot tell apart."""
    rng = np.random.default_rng(seed)
    centre = rng.normal(size=32)
    vectors = centre + rng.normal(scale=0.02, size=(n, 32))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors.astype(np.float32)


def _look_alike_events() -> tuple[list[str], np.ndarray, np.ndarray]:
    """Three votes on one bill, three outlets each: the same words (and the same
    vector) but for the weekday each event happened on. Returns (texts, vectors, gold)."""
    days = ("Monday", "Wednesday", "Friday")
    texts, gold = [], []
    for event, day in enumerate(days):
        for outlet in ("Senate advances the bill", "Senators vote on the bill", "Bill moves"):
            texts.append(f"{outlet} in a {day} vote on the infrastructure package.")
            gold.append(event)
    return texts, _near_one_vector(len(texts), seed=0), np.array(gold)


def test_weekdays_named_keep_look_alike_undated_events_apart():
    texts, vectors, gold = _look_alike_events()
    days = np.full(len(texts), np.nan)
    labels, singles = cluster_undated(vectors, days, ClusterConfig(), None, texts)
    assert score(gold, labels)["bcubed_f1"] == 1.0
    assert not singles.any()
    # Without the weekdays nothing tells the events apart: the reports group by wording.
    blind = ClusterConfig(undated_weekday_weight=0.0)
    labels, _ = cluster_undated(vectors, days, blind, None, texts)
    assert score(gold, labels)["bcubed_f1"] < 0.6  # 0.56: three stories, one per wording


def _look_alike_reports() -> tuple[list[str], np.ndarray, np.ndarray]:
    """Three weekly jobless-claims reports, three outlets each, naming no weekday: the
    same words (and nearly the same vector) but for the figures each week gave."""
    texts, gold = [], []
    weeks = ((412_000, 37_000), (385_000, 20_000), (444_000, 34_000))
    for event, (claims, change) in enumerate(weeks):
        for outlet in ("Jobless claims rose", "New claims for benefits rose", "Claims rose"):
            texts.append(f"{outlet} {change:,} to {claims:,}, the Labor Department said.")
            gold.append(event)
    return texts, _near_one_vector(len(texts), seed=1), np.array(gold)


def test_figures_that_disagree_keep_look_alike_undated_reports_apart():
    texts, vectors, gold = _look_alike_reports()
    days = np.full(len(texts), np.nan)
    labels, _ = cluster_undated(vectors, days, ClusterConfig(), None, texts)
    assert score(gold, labels)["bcubed_f1"] == 1.0
    # Without the figures two weeks' reports mix: one story joins a report of 412,000
    # with one of 385,000 (the characters of their figures alone keep the third apart).
    blind = ClusterConfig(undated_number_weight=0.0)
    labels, _ = cluster_undated(vectors, days, blind, None, texts)
    assert score(gold, labels)["bcubed_f1"] < 0.8  # 0.786: four stories, two mixed


def test_cluster_articles_routes_undated_corpora_and_leaves_dated_ones_alone(monkeypatch):
    texts, vectors, gold = _look_alike_events()
    config = Config()
    undated = _frame(texts, dated=False)
    labels, _ = cluster_articles(undated, vectors, config)
    expected, _ = cluster_undated(
        vectors, day_numbers(undated["published_at"]), config.cluster, None, texts
    )
    assert labels.tolist() == expected.tolist()
    assert score(gold, labels)["bcubed_f1"] == 1.0
    # A dated corpus never reaches cluster_undated, and its labels are those of the
    # configuration without the undated path.
    dated = _frame(texts, dated=True)
    off = Config(cluster=ClusterConfig(undated_share=1.0))
    routed = []
    monkeypatch.setattr(
        "clustering.cluster.articles.cluster_undated", lambda *a, **k: routed.append(a)
    )
    assert cluster_articles(dated, vectors, config)[0].tolist() == (
        cluster_articles(dated, vectors, off)[0].tolist()
    )
    assert routed == []


def test_bad_undated_settings_fail_with_the_key_named():
    with pytest.raises(ConfigError, match=r"cluster\.undated_share must be a float in \[0, 1\]"):
        ClusterConfig(undated_share=1.5)
    with pytest.raises(ConfigError, match=r"cluster\.undated_neighbours must be an int >= 1"):
        ClusterConfig(undated_neighbours=0)
    with pytest.raises(ConfigError, match=r"cluster\.undated_story_margin must be a float in"):
        ClusterConfig(undated_story_margin=-0.1)
    with pytest.raises(ConfigError, match=r"cluster\.undated_story_shoulder must be a float in"):
        ClusterConfig(undated_story_shoulder=2.5)
    with pytest.raises(ConfigError, match=r"cluster\.undated_large_story_margin must be a float"):
        ClusterConfig(undated_large_story_margin=-0.05)
    with pytest.raises(ConfigError, match=r"cluster\.undated_merge_gain must be a float in"):
        ClusterConfig(undated_merge_gain=-0.1)
    with pytest.raises(ConfigError, match=r"cluster\.undated_merge_similarity must be a float"):
        ClusterConfig(undated_merge_similarity=-3)
    with pytest.raises(ConfigError, match=r"cluster\.undated_number_weight must be a float in"):
        ClusterConfig(undated_number_weight=1.5)
    with pytest.raises(ConfigError, match=r"cluster\.undated_embedding_weight"):
        ClusterConfig(undated_embedding_weight=0, undated_word_weight=0, undated_char_weight=0)


@needs_shared
@pytest.mark.parametrize(
    ("split", "floor"),
    [("dev", NEUS_UNDATED_LEAD_DEV_FLOOR), ("test", NEUS_UNDATED_LEAD_TEST_FLOOR)],
)
def test_neus_undated_lead_only_halves_hold_their_floor_above_plain_hdbscan(split, floor):
    """neus_allsides without dates, bodies cut to the lead, one half of its stories
    (benchmarks.streams.story_half); parameters chosen on dev."""
    from benchmarks.streams import labelled_set, score_set

    stress = labelled_set("neus_allsides", undated=True, lead_only=True, splits=(split,))
    result = score_set(stress, Config())
    assert result["bcubed_f1"] >= floor  # heuristic to guard against regression
    assert result["bcubed_f1"] >= result["hdbscan_raw"]["bcubed_f1"]


@needs_shared
def test_neus_undated_lead_only_whole_file_holds_its_floor():
    """The whole neus file without dates, cut to the lead: twice the look-alike events
    of one topic of either half (two weekly jobless-claims reports, two votes)."""
    from benchmarks.streams import labelled_set, score_set

    stress = labelled_set("neus_allsides", undated=True, lead_only=True)
    result = score_set(stress, Config())
    assert result["bcubed_f1"] >= NEUS_UNDATED_LEAD_WHOLE_FLOOR  # heuristic against regression
    assert result["bcubed_f1"] >= result["hdbscan_raw"]["bcubed_f1"]


@needs_shared
def test_newswcl50_leads_keep_their_five_outlet_stories_above_plain_hdbscan():
    """newswcl50 undated (as it is) and cut to the lead: ten stories of five texts each,
    which the uncapped hubness correction split (the story cap, hubness_corrected)."""
    from benchmarks.streams import labelled_set, score_set

    stress = labelled_set("newswcl50", undated=True, lead_only=True)
    result = score_set(stress, Config())
    assert result["bcubed_f1"] >= NEWSWCL50_UNDATED_LEAD_FLOOR  # heuristic against regression
    assert result["bcubed_f1"] >= result["hdbscan_raw"]["bcubed_f1"]


@needs_shared
def test_giveme5w1h_leads_keep_their_isolated_stories_together():
    """giveme5w1h undated and cut to the lead: stories of up to 19 texts, several of them
    blocks of their own, which their own hubness correction split (context_rows)."""
    from benchmarks.streams import labelled_set, score_set

    stress = labelled_set("giveme5w1h", undated=True, lead_only=True)
    result = score_set(stress, Config())
    assert result["bcubed_f1"] >= GIVEME5W1H_UNDATED_LEAD_FLOOR  # heuristic against regression
    # Issue 19: undated runs never below plain HDBSCAN on the same vectors.
    assert result["bcubed_f1"] >= result["hdbscan_raw"]["bcubed_f1"]
