"""Scoring a clustering against gold stories, and the bench runner behind `storylens bench`.

Metrics (all from one contingency table of gold story x predicted story, so every
metric is O(n) in the number of articles):

- B-cubed precision/recall/F1 (Bagga & Baldwin 1998; Amigó et al. 2009): per article,
  the share of its predicted story that shares its gold story (precision) and the
  share of its gold story that shares its predicted story (recall), averaged.
- Pairwise precision/recall/F1 over pairs of articles put in one story, as Miranda
  et al. (2018) score multilingual news stream clustering.
- ARI, NMI and V-measure from scikit-learn (NMI with the arithmetic mean, which is
  the V-measure with beta 1: both are reported because both are asked for).

`bench` runs the real pipeline (`pipeline.run`: ingest, embed, cluster, stories) on a
labelled JSON Lines file from which the gold columns were removed first: gold labels
never reach the clustering. They are joined back afterwards by a neutral record id.
"""

from __future__ import annotations

import json
import platform
import resource
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import scipy.sparse as sp
from numpy.typing import ArrayLike, NDArray

from clustering.config import Config
from clustering.corpus import file_sha256, library_versions
from clustering.embed import Embedder, load_embedder
from clustering.ingest import load_articles

#: Embedding cache of the benchmarks (gitignored): re-runs embed nothing.
DEFAULT_CACHE_DIR = Path(__file__).resolve().parents[1] / "benchmarks" / ".cache"

#: The only fields of a labelled record that reach the pipeline: what a user's crawl
#: would have. Everything else (cluster_id, cluster_label, dataset, and `extra`, which
#: holds per-dataset annotations such as the AllSides story link) stays out.
INPUT_FIELDS = ("title", "lead", "body", "outlet", "url", "date", "lang")
#: Field of a labelled record holding its gold story.
GOLD_FIELD = "cluster_id"

#: A baseline: (original articles in canonical order, their unit vectors, the true number
#: of stories) -> one label per article (-1 = noise, scored as single-article stories).
Baseline = Callable[[pl.DataFrame, NDArray[np.float32], int], NDArray[np.int64]]

#: Frame of gold labels: one row per article.
GOLD = pl.Schema({"article_id": pl.String, "gold_story": pl.String})


# --- metrics -------------------------------------------------------------------------


def _codes(labels: ArrayLike) -> NDArray[np.int64]:
    return np.unique(np.asarray(labels), return_inverse=True)[1].astype(np.int64).ravel()


def contingency(gold: ArrayLike, pred: ArrayLike) -> sp.csr_matrix:
    """Counts of articles per (gold story, predicted story): sparse int64, shape
    (n_gold_stories, n_pred_stories). Labels may be any hashable values of equal length."""
    g, p = _codes(gold), _codes(pred)
    if len(g) != len(p):
        raise ValueError(
            f"gold and pred must have the same length. Got {len(g)} and {len(p)} instead."
        )
    if len(g) == 0:
        raise ValueError("gold and pred must not be empty. Got 0 articles instead.")
    table = sp.coo_matrix((np.ones(len(g), dtype=np.int64), (g, p)))
    return table.tocsr()  # duplicates (same cell) are summed


def bcubed(gold: ArrayLike, pred: ArrayLike) -> tuple[float, float, float]:
    """B-cubed (precision, recall, F1) of `pred` against `gold`.

    With n_ij articles in gold story i and predicted story j, gold sizes a_i and
    predicted sizes b_j: P = sum n_ij^2 / b_j / n, R = sum n_ij^2 / a_i / n.
    """
    table = contingency(gold, pred).tocoo()
    n = table.sum()
    a = np.asarray(table.sum(axis=1)).ravel()[table.row]
    b = np.asarray(table.sum(axis=0)).ravel()[table.col]
    cells = table.data.astype(np.float64) ** 2
    precision = float((cells / b).sum() / n)
    recall = float((cells / a).sum() / n)
    return precision, recall, _f1(precision, recall)


def pairwise(gold: ArrayLike, pred: ArrayLike) -> tuple[float, float, float]:
    """Pairwise (precision, recall, F1): over pairs of articles, a true positive is a pair
    in one predicted story and one gold story. With no predicted pair precision is 1
    (nothing wrong was claimed); with no gold pair recall is 1."""
    table = contingency(gold, pred)

    def pairs(counts: NDArray[np.int64]) -> float:
        counts = counts.astype(np.float64)
        return float((counts * (counts - 1) / 2).sum())

    together = pairs(table.data)
    pred_pairs = pairs(np.asarray(table.sum(axis=0)).ravel())
    gold_pairs = pairs(np.asarray(table.sum(axis=1)).ravel())
    precision = together / pred_pairs if pred_pairs else 1.0
    recall = together / gold_pairs if gold_pairs else 1.0
    return precision, recall, _f1(precision, recall)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(gold: ArrayLike, pred: ArrayLike) -> dict[str, float | int]:
    """Every clustering metric of `pred` against `gold` (one label per article each).

    Keys: bcubed_p, bcubed_r, bcubed_f1, pairwise_p, pairwise_r, pairwise_f1, ari, nmi,
    v_measure, homogeneity, completeness, n_articles, n_pred, n_gold, singleton_share
    (share of predicted stories with one article), gold_singleton_share.
    """
    from sklearn import metrics

    g, p = _codes(gold), _codes(pred)
    bp, br, bf = bcubed(g, p)
    pp, pr, pf = pairwise(g, p)
    homogeneity, completeness, v_measure = metrics.homogeneity_completeness_v_measure(g, p)
    pred_sizes, gold_sizes = np.bincount(p), np.bincount(g)
    return {
        "bcubed_p": bp,
        "bcubed_r": br,
        "bcubed_f1": bf,
        "pairwise_p": pp,
        "pairwise_r": pr,
        "pairwise_f1": pf,
        "ari": float(metrics.adjusted_rand_score(g, p)),
        "nmi": float(metrics.normalized_mutual_info_score(g, p)),
        "v_measure": float(v_measure),
        "homogeneity": float(homogeneity),
        "completeness": float(completeness),
        "n_articles": len(g),
        "n_pred": len(pred_sizes),
        "n_gold": len(gold_sizes),
        "singleton_share": float((pred_sizes == 1).mean()),
        "gold_singleton_share": float((gold_sizes == 1).mean()),
    }


def noise_as_singletons(labels: ArrayLike) -> NDArray[np.int64]:
    """Labels with every -1 (noise) replaced by a new label of its own, so that noise
    articles are scored as single-article stories (as the pipeline treats them)."""
    out = np.asarray(labels, dtype=np.int64).copy()
    noise = out < 0
    out[noise] = out.max(initial=-1) + 1 + np.arange(int(noise.sum()))
    return out


def checkout_baselines() -> dict[str, Baseline]:
    """The baselines of benchmarks/baselines.py in the StoryLens source checkout this
    package runs from (benchmarks/ is not installed). Raises ImportError outside one."""
    import importlib
    import sys

    root = Path(__file__).resolve().parents[1]
    if not (root / "benchmarks" / "baselines.py").is_file():
        raise ImportError(f"no benchmarks/baselines.py under {root}: not a source checkout")
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    return dict(importlib.import_module("benchmarks.baselines").BASELINES)


# --- peak memory ---------------------------------------------------------------------


def reset_peak_rss() -> bool:
    """Reset this process's peak resident memory (Linux: VmHWM) so that the next
    `peak_rss_mb` covers only what follows. False where the OS cannot reset it."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MiB (since the last `reset_peak_rss`)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if platform.system() == "Darwin" else peak / 1024


# --- labelled data -------------------------------------------------------------------


def _read_labelled(path: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """(records holding only INPUT_FIELDS plus a neutral id "r<line>", gold story per
    record). A line that is not a JSON object is passed on as it is (the ingest rejects
    it, and it is scored as a single-article story)."""
    records, gold = [], []
    with open(path, encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError:
                raw = None
            if not isinstance(raw, dict):
                records.append({"id": f"r{line_no}", "unparsed": line.rstrip("\n")})
                gold.append(f"unparsed:{line_no}")
                continue
            records.append({"id": f"r{line_no}"} | {k: raw[k] for k in INPUT_FIELDS if k in raw})
            gold.append(str(raw.get(GOLD_FIELD)))
    if not records:
        raise ValueError(
            f"labelled dataset must hold at least one record. Got {path} (empty) instead."
        )
    return records, gold


def _strip_gold(path: Path, directory: Path) -> tuple[Path, pl.DataFrame]:
    """Write `path`'s records without gold fields to `directory`; (that file, frame of
    source_id -> gold_story)."""
    records, gold = _read_labelled(Path(path))
    stripped = directory / Path(path).name
    with open(stripped, "w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    ids = [r["id"] for r in records]
    return stripped, pl.DataFrame({"source_id": ids, "gold_story": gold})


def _gold_for(articles: pl.DataFrame, by_source: pl.DataFrame) -> pl.DataFrame:
    """GOLD rows for `articles` (their source_id is the neutral record id)."""
    gold = articles.select("article_id", "source_id").join(by_source, on="source_id", how="left")
    missing = gold.filter(pl.col("gold_story").is_null())
    if missing.height:
        raise ValueError(f"{missing.height} article(s) lost their record id during ingest")
    return gold.select(GOLD.names())


def load_labelled(path: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(ARTICLES as the real ingest reads the labelled file without its gold fields,
    GOLD frame: article_id, gold_story, rows aligned with the articles).

    Duplicates flagged by ingest are included (each keeps its own gold story).
    Records the ingest rejects are not in either frame.
    """
    from clustering.config import IngestConfig

    with tempfile.TemporaryDirectory(prefix="storylens-bench-") as tmp:
        stripped, by_source = _strip_gold(path, Path(tmp))
        articles = load_articles([stripped], IngestConfig()).articles
    return articles, _gold_for(articles, by_source)


# --- bench ---------------------------------------------------------------------------


def _rate(n: int, seconds: float) -> float:
    return n / seconds if seconds > 0 else float("inf")


def bench(
    path: Path,
    config: Config | None = None,
    embedder: Embedder | None = None,
    cache_dir: Path | None = DEFAULT_CACHE_DIR,
    baselines: Mapping[str, Baseline] | None = None,
) -> dict[str, Any]:
    """Run the pipeline on the labelled JSON Lines file `path` without its gold labels
    and score the stories it finds.

    `embedder` defaults to the one `config.embed` names; `cache_dir` is the embedding
    cache (config.embed.cache_dir is ignored here so that every bench shares one
    cache). `baselines` (name -> `Baseline`) are run on the same articles and vectors.

    Returns one JSON-ready dict: the `score` keys (bcubed_f1, bcubed_p, bcubed_r,
    pairwise_f1, ari, nmi, n_pred, n_gold, ...), dataset, dataset_sha256, n_read,
    n_rejected, n_duplicates, n_embedded (texts embedded in this run, the rest came
    from the cache), seconds (per stage: ingest, embed, cluster),
    articles_per_s (all stages), stage_articles_per_s, peak_rss_mb, embedder, config,
    versions, date, and `baselines` (name -> score dict plus seconds) when asked for.
    """
    from clustering.pipeline import run as run_pipeline

    path = Path(path)
    # Outlet comparison is not part of clustering and costs more than all of it: off here.
    config = config or Config()
    config = replace(config, compare=replace(config.compare, enabled=False))
    reported = config.to_dict() | {"embed": config.to_dict()["embed"] | {"cache_dir": None}}
    # The embedder loads its model on first use, so a cold run's embed stage includes it.
    embedder = embedder or load_embedder(config.embed)
    reset_peak_rss()

    with tempfile.TemporaryDirectory(prefix="storylens-bench-") as tmp:
        stripped, by_source = _strip_gold(path, Path(tmp))
        cache = cache_dir or Path(tmp) / "embedding-cache"  # beside the corpus, not in it
        config = replace(config, embed=replace(config.embed, cache_dir=cache))
        result = run_pipeline([stripped], Path(tmp) / "corpus", config, embedder)
        articles = result.corpus.read("articles")
        assignments = result.corpus.read("assignments")
        embeddings = result.corpus.read("embeddings") if baselines else None
        used = result.corpus.manifest.get("embedder", embedder.name)  # "auto" resolved
    peak = peak_rss_mb()

    gold = _gold_for(articles, by_source)
    scored = gold.join(assignments.select("article_id", "story_id"), on="article_id", how="left")
    # Rejected records have no story: each counts as a single-article story.
    rejected = by_source.join(articles, on="source_id", how="anti")
    gold_labels = scored["gold_story"].to_list() + rejected["gold_story"].to_list()
    pred_labels = scored["story_id"].to_list() + [f"rejected:{s}" for s in rejected["source_id"]]

    n = len(gold_labels)
    seconds = dict(result.seconds)
    total = sum(seconds.values())
    out: dict[str, Any] = {
        "dataset": path.stem,
        "dataset_sha256": file_sha256(path),
        **score(gold_labels, pred_labels),
        "n_read": result.ingest.n_read,
        "n_rejected": result.ingest.n_rejected,
        "n_duplicates": result.ingest.n_duplicates,
        "n_embedded": result.n_embedded,
        "seconds": seconds,
        "articles_per_s": _rate(n, total),
        "stage_articles_per_s": {stage: _rate(n, s) for stage, s in seconds.items()},
        "peak_rss_mb": peak,
        "embedder": used,
        "config": reported,
        "versions": library_versions() | {"python": platform.python_version()},
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    if baselines:
        assert embeddings is not None
        out["baselines"] = {
            name: run_baseline(baseline, articles, embeddings, gold)
            for name, baseline in baselines.items()
        }
    return out


def run_baseline(
    baseline: Baseline, articles: pl.DataFrame, embeddings: pl.DataFrame, gold: pl.DataFrame
) -> dict[str, Any]:
    """Score one baseline: it labels the original articles (rows of `embeddings`:
    article_id, vector), each duplicate takes its canonical's label, and every article
    of `gold` is scored (records the ingest rejected, none in the labelled sets, are
    not). Returns the `score` dict plus seconds."""
    from clustering.pipeline import canonical_order

    originals = canonical_order(
        articles.filter(pl.col("duplicate_of").is_null()).join(
            embeddings, on="article_id", how="inner"
        )
    )
    vectors = originals["vector"].to_numpy().astype(np.float32, copy=False)
    n_gold = gold["gold_story"].n_unique()
    t = time.perf_counter()
    labels = noise_as_singletons(baseline(originals.drop("vector"), vectors, n_gold))
    seconds = time.perf_counter() - t
    label_of = pl.DataFrame({"article_id": originals["article_id"], "label": labels})
    canonical = articles.select(
        "article_id", pl.coalesce("duplicate_of", "article_id").alias("canonical")
    )
    pred = gold.join(canonical, on="article_id", how="left").join(
        label_of.rename({"article_id": "canonical"}), on="canonical", how="left"
    )
    if pred["label"].null_count():
        raise ValueError(f"baseline left {pred['label'].null_count()} article(s) unlabelled")
    return score(pred["gold_story"], pred["label"]) | {"seconds": seconds}


#: Columns of a results table (CLI, RESULTS.md), in order.
TABLE_KEYS = (
    "bcubed_p",
    "bcubed_r",
    "bcubed_f1",
    "pairwise_f1",
    "ari",
    "nmi",
    "n_pred",
    "singleton_share",
)


#: Short headers of TABLE_KEYS, in the same order.
TABLE_LABELS = ("B3 P", "B3 R", "B3 F1", "pair F1", "ARI", "NMI", "stories", "single")


def table_row(result: Mapping[str, Any], keys: Sequence[str] = TABLE_KEYS) -> list[str]:
    """Values of `keys` in `result` as table cells (floats to 3 decimals)."""
    cells = []
    for key in keys:
        value = result.get(key, "")
        cells.append(f"{value:.3f}" if isinstance(value, float) else str(value))
    return cells


__all__ = [
    "DEFAULT_CACHE_DIR",
    "GOLD",
    "INPUT_FIELDS",
    "Baseline",
    "bcubed",
    "bench",
    "checkout_baselines",
    "contingency",
    "load_labelled",
    "noise_as_singletons",
    "pairwise",
    "peak_rss_mb",
    "reset_peak_rss",
    "run_baseline",
    "score",
    "table_row",
    "TABLE_KEYS",
    "TABLE_LABELS",
]
