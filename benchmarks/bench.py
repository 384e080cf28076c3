"""The bench runner: one labelled set through the real pipeline, scored against its gold.

    python -m benchmarks.bench DATASET.jsonl [--json] [--baselines] [--config TOML]
                               [--cache-dir DIR]

`bench` runs the real pipeline (`pipeline.run`: ingest, embed, cluster, stories) on a
labelled JSON Lines file from which the gold columns were removed first: gold labels
never reach the clustering. They are joined back afterwards by a neutral record id and
scored with `clustering.evaluate.score`. `benchmarks.run` calls it for every labelled set
to write RESULTS.md; the quality floors (tests/test_quality_floors.py) call it too.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from benchmarks.baselines import BASELINES, Baseline
from clustering.config import Config, IngestConfig, load_config
from clustering.corpus import file_sha256, library_versions
from clustering.embed import Embedder, load_embedder
from clustering.evaluate import noise_as_singletons, score
from clustering.ingest import load_articles
from clustering.pipeline import canonical_order
from clustering.pipeline import run as run_pipeline

#: Embedding cache of the benchmarks (gitignored): re-runs embed nothing.
DEFAULT_CACHE_DIR = Path(__file__).resolve().parent / ".cache"

#: The only fields of a labelled record that reach the pipeline: what a user's crawl
#: would have. Everything else (cluster_id, cluster_label, dataset, and `extra`, which
#: holds per-dataset annotations such as the AllSides story link) stays out.
INPUT_FIELDS = ("title", "lead", "body", "outlet", "url", "date", "lang")
#: Field of a labelled record holding its gold story.
GOLD_FIELD = "cluster_id"

#: Frame of gold labels: one row per article.
GOLD = pl.Schema({"article_id": pl.String, "gold_story": pl.String})


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


def main(argv: Sequence[str] | None = None) -> int:
    """Bench one labelled set and print its scores as a table (or one JSON object)."""
    from rich.console import Console
    from rich.table import Table

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "dataset", type=Path, help="labelled JSON Lines (id, cluster_id, title, ...)"
    )
    parser.add_argument("--json", action="store_true", dest="as_json", help="print one JSON object")
    parser.add_argument("--config", type=Path, default=None, help="TOML configuration file")
    parser.add_argument("--baselines", action="store_true", help="also run the baselines")
    parser.add_argument(
        "--cache-dir", type=Path, default=DEFAULT_CACHE_DIR, help="embedding cache (%(default)s)"
    )
    args = parser.parse_args(argv)
    if not args.dataset.is_file():
        parser.error(f"dataset {str(args.dataset)!r} is not a file")
    chosen = BASELINES if args.baselines else None
    result = bench(args.dataset, load_config(args.config), None, args.cache_dir, chosen)
    if args.as_json:
        print(json.dumps(result, default=str))
        return 0
    table = Table(
        title=f"{result['dataset']}: {result['n_articles']} articles, {result['n_gold']} gold stories"
    )
    table.add_column("method", no_wrap=True)
    for column in TABLE_LABELS:
        table.add_column(column, justify="right")
    table.add_row("storylens", *table_row(result))
    for name, scores in result.get("baselines", {}).items():
        table.add_row(name, *table_row(scores))
    console = Console(soft_wrap=True)
    console.print(table)
    rates = ", ".join(f"{k} {v:,.0f}/s" for k, v in result["stage_articles_per_s"].items())
    console.print(
        f"{result['articles_per_s']:,.1f} articles/s overall ({rates}); "
        f"{result['n_embedded']} texts embedded, the rest cached; peak {result['peak_rss_mb']:,.0f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
