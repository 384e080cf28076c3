"""Quote extraction scored against the hand-labelled gold set.

    .venv/bin/python benchmarks/compare_quotes.py [--gold PATH] [--sample DIR] [--errors]

A predicted quote matches a gold quote of the same article when their texts, lower-cased
with punctuation and extra whitespace removed, have a rapidfuzz `ratio` >= 90; pairs are
matched one-to-one, best first. Span precision/recall/F1 count those matches;
span+speaker counts only matches whose speakers are the same full name (case-insensitive;
a surname where the gold has the full name is wrong; both unknown counts as the same).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import re
import sys
from importlib.metadata import version
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from benchmarks.gold_sample import GOLD, SAMPLE, load_sample  # noqa: E402
from clustering.extract.quotes import extract_quotes  # noqa: E402

MATCH_RATIO = 90.0
_NON_WORD = re.compile(r"[^\w\s]+")


def _normalise(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def _gold_quotes(gold: object) -> list[dict]:
    """The gold quotes as {"article_id", "text", "speaker"} dicts.

    The gold (benchmarks/gold/compare_gold.json) is {"articles": {article_id: {"quotes":
    [{"text", "speaker", "verb"}, ...], ...}}, ...}; per-article records as a list, or a
    "quotes" list of rows carrying article_id, are read too.
    """
    if isinstance(gold, dict) and "quotes" in gold:
        rows = gold["quotes"]
    elif isinstance(gold, dict | list):
        records = gold.get("articles", gold) if isinstance(gold, dict) else gold
        if isinstance(records, dict):
            records = [{"article_id": k, **v} for k, v in records.items() if isinstance(v, dict)]
        rows = [
            {"article_id": a.get("article_id", a.get("id")), **q}
            for a in records
            for q in a.get("quotes", [])
        ] or [r for r in records if "text" in r]
    else:
        raise ValueError(f"gold should hold a list of quotes. Got {type(gold).__name__} instead.")
    return [
        {"article_id": r["article_id"], "text": r["text"], "speaker": r.get("speaker")}
        for r in rows
    ]


def _match(predicted: list[dict], gold: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one matches of predicted to gold quotes of one article, best ratio first."""
    pairs = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            score = fuzz.ratio(_normalise(p["text"]), _normalise(g["text"]))
            if score >= MATCH_RATIO:
                pairs.append((-score, i, j))
    used_p, used_g, matches = set(), set(), []
    for _, i, j in sorted(pairs):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            matches.append((predicted[i], gold[j]))
    return matches


def _same_speaker(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def _prf(hits: int, n_pred: int, n_gold: int) -> dict[str, float]:
    precision = hits / n_pred if n_pred else 0.0
    recall = hits / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def score_quotes(
    gold_path: Path | str = GOLD, sample_dir: Path | str = SAMPLE, errors: bool = False
) -> dict:
    """Score `extract_quotes` on the gold set; print and return the numbers.

    Returns {"span": {precision, recall, f1}, "span_speaker": {...}, "n_gold", "n_predicted",
    "dataset", "dataset_sha256", "parameters", "versions"}. With `errors`, also prints
    every missed, spurious and mis-attributed quote.
    """
    gold_path, sample_dir = Path(gold_path), Path(sample_dir)
    articles_path = sample_dir / "articles.jsonl"
    articles = load_sample(sample_dir, gold_path.parent).select("article_id", "body")
    all_gold = _gold_quotes(json.loads(gold_path.read_text(encoding="utf-8")))
    ids = set(articles["article_id"])
    gold = [g for g in all_gold if str(g["article_id"]) in ids]
    predicted = extract_quotes(articles).to_dicts()

    span_hits = speaker_hits = 0
    problems: list[str] = []
    for article_id in articles["article_id"]:
        pred = [p for p in predicted if p["article_id"] == article_id]
        want = [g for g in gold if str(g["article_id"]) == article_id]
        matches = _match(pred, want)
        span_hits += len(matches)
        for p, g in matches:
            if _same_speaker(p["speaker"], g["speaker"]):
                speaker_hits += 1
            else:
                problems.append(
                    f"SPEAKER {article_id}: {p['speaker']!r} != {g['speaker']!r}: {g['text'][:60]}"
                )
        matched_p = {id(p) for p, _ in matches}
        matched_g = {id(g) for _, g in matches}
        problems += [
            f"MISSED  {article_id}: {g['text'][:80]}" for g in want if id(g) not in matched_g
        ]
        problems += [
            f"EXTRA   {article_id}: {p['text'][:80]}" for p in pred if id(p) not in matched_p
        ]
    result = {
        "span": _prf(span_hits, len(predicted), len(gold)),
        "span_speaker": _prf(speaker_hits, len(predicted), len(gold)),
        "n_gold": len(gold),
        "n_gold_not_scored": len(all_gold) - len(gold),
        "n_predicted": len(predicted),
        "dataset": str(
            gold_path.relative_to(ROOT) if gold_path.is_relative_to(ROOT) else gold_path
        ),
        "dataset_sha256": hashlib.sha256(
            gold_path.read_bytes() + articles_path.read_bytes()
        ).hexdigest()[:16],
        "parameters": {"match_ratio": MATCH_RATIO},
        "versions": {
            "python": platform.python_version(),
            "polars": version("polars"),
            "rapidfuzz": version("rapidfuzz"),
        },
    }
    if errors:
        print("\n".join(problems))
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    parser.add_argument("--errors", action="store_true", help="list every error")
    args = parser.parse_args()
    score_quotes(args.gold, args.sample, errors=args.errors)
