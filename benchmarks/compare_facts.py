"""Exclusive facts scored against the hand-labelled gold set.

    .venv/bin/python benchmarks/compare_facts.py [--gold PATH] [--sample DIR] [--errors]
        [--sweep] [--similarity X] [--lexical | --minilm]

Each event of data/sample (the articles that report one event) is compared as one story
with `compare_facts`. A predicted exclusive sentence is correct when a gold exclusive fact
of the same article matches it: their texts, lower-cased with punctuation and extra
whitespace removed, have a rapidfuzz `ratio` >= 90, or one contains the other (the gold
may quote a clause of a sentence, or two sentences the splitter keeps apart). Precision is
the share of predicted exclusive sentences that match a gold one; recall the share of gold
exclusive facts that a predicted one matches. `--sweep` prints precision/recall for a
range of thresholds (the sentence vectors are cached, so the sweep embeds once);
`--lexical` scores the model-free comparison (`embedder=None`); the default embedder is
`facts_embedder()` (static MiniLM word pieces), `--minilm` scores MiniLM itself.
"""

from __future__ import annotations

import csv
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import polars as pl
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from benchmarks import scorecard  # noqa: E402
from benchmarks.gold_sample import GOLD, SAMPLE, load_sample  # noqa: E402
from clustering.compare.facts import (  # noqa: E402
    compare_facts,
    fact_threshold,
    facts_embedder,
)
from clustering.config import EmbedConfig  # noqa: E402
from clustering.embed import Embedder, EmbeddingCache, load_embedder  # noqa: E402

MATCH_RATIO = 90.0
#: Sentences are short: 64 tokens cover 97% of news sentences and embed ~4x faster than 128.
SENTENCE_MAX_SEQ_LENGTH = 64
SWEEP = (0.35, 0.375, 0.4, 0.425, 0.45, 0.475, 0.5, 0.55)
SWEEP_LEXICAL = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4)


def _same_text(a: str, b: str) -> bool:
    na, nb = scorecard.normalise(a), scorecard.normalise(b)
    if not na or not nb:
        return False
    return fuzz.ratio(na, nb) >= MATCH_RATIO or na in nb or nb in na


def _gold_articles(gold: Any) -> list[dict[str, Any]]:
    """The gold's per-article records as {"article_id", "event", "exclusive_facts"}.

    Accepts "articles" as a dict keyed by article id (the gold's shape) or a list of
    records with id/article_id; exclusive_facts are strings (or dicts with a "sentence").
    """
    records = gold["articles"] if isinstance(gold, dict) and "articles" in gold else gold
    if isinstance(records, dict):
        records = [{"article_id": k, **v} for k, v in records.items()]
    if not isinstance(records, list):
        raise ValueError(f"gold should hold per-article records. Got {type(records).__name__}.")
    return [
        {
            "article_id": str(r.get("article_id", r.get("id"))),
            "event": r.get("event"),
            "exclusive_facts": [
                f if isinstance(f, str) else f.get("sentence", f.get("text", ""))
                for f in r.get("exclusive_facts", [])
            ],
        }
        for r in records
    ]


def _events(gold_dir: Path, gold_articles: list[dict[str, Any]]) -> dict[str, str]:
    """article_id -> event, from the gold's "event" fields or gold/sample_events.csv."""
    events = {g["article_id"]: str(g["event"]) for g in gold_articles if g["event"] is not None}
    path = gold_dir / "sample_events.csv"
    if path.exists():
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                article_id = row.get("article_id", row.get("id"))
                event = row.get("event", row.get("event_id", row.get("story")))
                if article_id and event:
                    events.setdefault(str(article_id), str(event))
    return events


def _score(
    articles: pl.DataFrame,
    events: dict[str, str],
    gold: dict[str, list[str]],
    embedder: Embedder | None,
    cache: EmbeddingCache | None,
    similarity: float,
    problems: list[str] | None = None,
) -> dict[str, Any]:
    event_of = pl.Series([events.get(a, f"?{a}") for a in articles["article_id"]])
    n_pred = right = found = 0
    for _, story in articles.with_columns(event=event_of).group_by("event", maintain_order=True):
        facts = compare_facts(story.drop("event"), embedder, cache, similarity)
        exclusive = facts.filter(pl.col("kind") == "exclusive")
        for article_id in story["article_id"]:
            predicted = exclusive.filter(pl.col("article_id") == article_id)["sentence"].to_list()
            want = gold.get(article_id, [])
            n_pred += len(predicted)
            for p in predicted:
                ok = any(_same_text(p, g) for g in want)
                right += ok
                if problems is not None and not ok:
                    problems.append(f"EXTRA  {article_id}: {p[:110]}")
            for g in want:
                ok = any(_same_text(p, g) for p in predicted)
                found += ok
                if problems is not None and not ok:
                    problems.append(f"MISSED {article_id}: {g[:110]}")
    n_gold = sum(len(v) for v in gold.values())
    return {**scorecard.prf(right, n_pred, found, n_gold), "n_predicted": n_pred, "n_gold": n_gold}


def score_facts(
    gold_path: Path | str = GOLD,
    sample_dir: Path | str = SAMPLE,
    errors: bool = False,
    sweep: bool = False,
    similarity: float | None = None,
    lexical: bool = False,
    minilm: bool = False,
) -> dict[str, Any]:
    """Score the exclusive facts of `compare_facts` on the gold set; print and return them.

    Returns {"exclusive": {precision, recall, f1, n_predicted, n_gold}, "dataset",
    "dataset_sha256", "parameters", "versions"} and, with `sweep`, "sweep": one row per
    similarity threshold. With `errors`, prints every missed and spurious sentence.
    """
    gold_path, sample_dir = Path(gold_path), Path(sample_dir)
    gold_articles = _gold_articles(json.loads(gold_path.read_text(encoding="utf-8")))
    gold = {g["article_id"]: g["exclusive_facts"] for g in gold_articles}
    events = _events(gold_path.parent, gold_articles)
    articles = load_sample(sample_dir, gold_path.parent)
    embedder: Embedder | None = None
    if minilm:
        embedder = load_embedder(EmbedConfig(max_seq_length=SENTENCE_MAX_SEQ_LENGTH))
    elif not lexical:
        embedder = facts_embedder()
    if similarity is None:  # the library's own threshold for this embedder (CompareConfig)
        similarity = fact_threshold(embedder)
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        cache = EmbeddingCache(Path(tmp), embedder.name) if embedder is not None else None
        result: dict[str, Any] = {
            "exclusive": _score(articles, events, gold, embedder, cache, similarity, problems)
        }
        if sweep:
            result["sweep"] = [
                {"similarity": s, **_score(articles, events, gold, embedder, cache, s)}
                for s in (SWEEP_LEXICAL if lexical else SWEEP)
            ]
    parameters = {
        "similarity": similarity,
        "lexical_only": lexical,
        "embedder": embedder.name if embedder is not None else None,
        "match_ratio": MATCH_RATIO,
        "max_seq_length": SENTENCE_MAX_SEQ_LENGTH,
    }
    result |= scorecard.sample_provenance(
        gold_path, sample_dir, parameters, ("sentence-transformers", "rapidfuzz")
    )
    return scorecard.report(result, problems if errors else None)


if __name__ == "__main__":
    parser = scorecard.gold_parser(__doc__)
    parser.add_argument("--similarity", type=float, default=None)
    parser.add_argument("--sweep", action="store_true", help="precision/recall per threshold")
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument("--lexical", action="store_true", help="no embedder: TF-IDF only")
    kind.add_argument("--minilm", action="store_true", help="MiniLM, not the static vectors")
    args = parser.parse_args()
    score_facts(
        args.gold,
        args.sample,
        errors=args.errors,
        sweep=args.sweep,
        similarity=args.similarity,
        lexical=args.lexical,
        minilm=args.minilm,
    )
