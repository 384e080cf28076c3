"""The bundled sample as the comparison benchmarks score it: one ARTICLES frame whose
article_id is the id the gold set uses (the jsonl id, or the path of a saved web page or
pasted page under data/sample/), with the gold's wire copies in duplicate_of."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import polars as pl

from clustering.config import IngestConfig
from clustering.ingest import read_file
from clustering.schema import ARTICLES

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "gold" / "compare_gold.json"
SAMPLE = ROOT / "data" / "sample"


def load_sample(sample_dir: Path, gold_dir: Path) -> pl.DataFrame:
    """The sample as an ARTICLES frame whose article_id is the gold's id.

    articles.jsonl gives the jsonl id; the saved web pages and pasted pages (web/*.html,
    pasted/*.txt) are read with the ingest readers and keyed by their path under the
    sample folder, as the gold keys them. duplicate_of comes from gold/sample_duplicates.csv
    (wire copies are the pipeline's call, made upstream of the comparison).
    """
    path = sample_dir / "articles.jsonl"
    records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    rows = [
        {c: None for c in ARTICLES}
        | {
            "article_id": str(r["id"]),
            "outlet": r.get("outlet") or "",
            "url": r.get("url"),
            "title": r.get("title") or "",
            "lead": "",
            "body": r.get("body") or "",
        }
        for r in records
    ]
    frames = [pl.DataFrame(rows, schema=ARTICLES)]
    for extra in sorted([*sample_dir.glob("web/*.html"), *sample_dir.glob("pasted/*.txt")]):
        read, _ = read_file(extra, IngestConfig())
        frames.append(
            read.with_columns(article_id=pl.lit(extra.relative_to(sample_dir).as_posix()))
        )
    articles = pl.concat(frames)
    duplicates = gold_dir / "sample_duplicates.csv"
    if duplicates.exists():
        with duplicates.open(encoding="utf-8", newline="") as fh:
            copy_of = {row["id"]: row["duplicate_of"] for row in csv.DictReader(fh)}
        articles = articles.with_columns(
            duplicate_of=pl.col("article_id").replace_strict(copy_of, default=None)
        )
    return articles
