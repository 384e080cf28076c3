"""The rules OR'd with the learned claim-pair aligner, scored out of sample (issue 16).

Run against any checkout of StoryLens (the code it imports is the one on PYTHONPATH, so an
old commit's rules can be scored as they stood before a blind gold batch was written on):

    PYTHONPATH=<checkout> .venv/bin/python benchmarks/number_union_blind.py batch dev_numbers3
    PYTHONPATH=<checkout> .venv/bin/python benchmarks/number_union_blind.py loeo [--skip a,b]

`batch NAME`: the pair model is fitted on every dev event of that checkout except those of
benchmarks/gold/real/NAME.json, then the rules alone, the rules OR'd with the model
("both@r": a pair the rules reject joins when the model scores r or more) and the model alone
("learned@t") are scored on NAME's events. `loeo`: leave-one-event-out over the dev events
(less those of the `--skip` files): each event scored with a model fitted on all the others.
Prints one JSON object {aligner: counts and rates}. `benchmarks.compare_numbers --blind-union`
makes the worktrees and runs this for each blind batch.
"""

from __future__ import annotations

import argparse
import functools
import json
from collections import Counter
from pathlib import Path
from typing import Any

import benchmarks.compare_numbers as cn  # the checkout's, through PYTHONPATH
from clustering.config import CompareConfig

RESCUES = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
LEARNED = (0.3, 0.5)


def _aligners() -> list[tuple[str, CompareConfig]]:
    return (
        [("rules", CompareConfig(number_aligner="rules"))]
        + [(f"both@{r}", CompareConfig(number_aligner="both", number_aligner_rescue=r))
           for r in RESCUES]
        + [(f"learned@{t}", CompareConfig(number_aligner="learned", number_aligner_threshold=t))
           for t in LEARNED]
    )  # fmt: skip


def _cache_extraction(labelled: Path | None) -> None:
    """Load the gold and extract its numbers once per process, not once per scored fold
    (the checkout's functions re-read both on every call); read the articles from
    `labelled` (a checkout outside the repository has no ../shared beside it)."""
    load, extract = cn.load_real_gold, cn.extract_numbers

    @functools.cache
    def cached_load(split: str = "dev") -> Any:
        return load(split) if labelled is None else load(split, labelled)  # type: ignore[arg-type]

    cn.load_real_gold = cached_load
    done: dict[int, Any] = {}
    keep: list[Any] = []  # the frames keyed by id() stay alive, so no id is reused

    def cached(articles: Any) -> Any:
        if id(articles) not in done:
            keep.append(articles)
            done[id(articles)] = extract(articles)
        return done[id(articles)]

    cn.extract_numbers = cached


def _rates(n: Counter[str]) -> dict[str, Any]:
    return dict(n) | {
        "precision": round(n["right"] / n["flagged"], 3) if n["flagged"] else None,
        "recall": round(n["conflicts_found"] / n["conflicts"], 3) if n["conflicts"] else None,
        "updates_recall": round(n["updates_found"] / n["updates"], 3) if n["updates"] else None,
        "update_accuracy_all": round(n["labelled"] / n["changes"], 3) if n["changes"] else None,
    }


def _batch_events(name: str) -> set[str]:
    path = cn.REAL_GOLD / f"{name}.json"
    return set(json.loads(path.read_text(encoding="utf-8"))["events"])


def score(held_out: list[set[str]], skip: set[str]) -> dict[str, dict[str, Any]]:
    """Counts summed over folds: each fold's events scored by every aligner with a pair model
    fitted on the dev pairs of the events outside the fold and outside `skip`."""
    rows, labels, events = cn.aligner_pairs("dev")
    totals: dict[str, Counter[str]] = {name: Counter() for name, _ in _aligners()}
    for fold in held_out:
        train = [i for i, e in enumerate(events) if e not in fold and e not in skip]
        model = cn.fit_pair_model([rows[i] for i in train], [labels[i] for i in train])
        for name, config in _aligners():
            result = cn.score_real_numbers(
                "dev", config=config, pair_model=model, events=fold, quiet=True
            )
            totals[name].update(result["counts"])
    return {name: _rates(n) for name, n in totals.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("batch", "loeo"))
    parser.add_argument("name", nargs="?", help="batch: the gold file's stem")
    parser.add_argument("--skip", default="", help="loeo: gold file stems left out entirely")
    parser.add_argument("--labelled", type=Path, help="../shared/data/labelled elsewhere")
    args = parser.parse_args()
    _cache_extraction(args.labelled)
    _, gold = cn.load_real_gold("dev")
    if args.mode == "batch":
        batch = _batch_events(args.name) & set(gold)
        out = score([batch], set())
        out["_events"] = {"held_out": len(batch), "dev": len(gold)}  # type: ignore[assignment]
    else:
        skip = set().union(*(_batch_events(s) for s in args.skip.split(",") if s))
        out = score([{e} for e in sorted(gold) if e not in skip], skip)
        out["_events"] = {"scored": len(set(gold) - skip), "dev": len(gold)}  # type: ignore[assignment]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
