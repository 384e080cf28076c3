"""What the gold-set scorers (benchmarks/compare_facts.py, compare_numbers.py,
compare_quotes.py) share: precision/recall/F1, the text normalisation their matching
uses, the provenance their results record (dataset, its hash, parameters, library
versions), how they print a result, and their command-line tail."""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import re
from collections.abc import Iterable, Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from benchmarks.gold_sample import GOLD, SAMPLE

ROOT = Path(__file__).resolve().parents[1]
_NON_WORD = re.compile(r"[^\w\s]+")


def normalise(text: str) -> str:
    """`text` lower-cased, punctuation out, white space folded: what a gold text and a
    predicted one are compared as."""
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def prf(right: int, n_pred: int, found: int, n_gold: int) -> dict[str, float]:
    """{precision, recall, f1}, rounded to 4 places: `right` of `n_pred` predictions are
    right, `found` of `n_gold` gold items are found (the two differ where matching is not
    one-to-one); 0.0 where a denominator is 0."""
    precision = right / n_pred if n_pred else 0.0
    recall = found / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def versions(*packages: str) -> dict[str, str | None]:
    """python, polars and each of `packages` -> its installed version (None if missing)."""
    out: dict[str, str | None] = {"python": platform.python_version()}
    for package in ("polars", *packages):
        try:
            out[package] = version(package)
        except PackageNotFoundError:
            out[package] = None
    return out


def provenance(
    dataset: str | Path,
    sha256: str,
    parameters: Mapping[str, Any] | None = None,
    packages: Iterable[str] = (),
) -> dict[str, Any]:
    """The end of every result record: dataset (a path inside the checkout relative to
    it), dataset_sha256 (its first 16 hex digits), parameters (left out when None) and
    versions (`versions(*packages)`)."""
    path = Path(dataset)
    name = str(
        path.relative_to(ROOT) if path.is_absolute() and path.is_relative_to(ROOT) else dataset
    )
    out: dict[str, Any] = {"dataset": name, "dataset_sha256": sha256[:16]}
    if parameters is not None:
        out["parameters"] = dict(parameters)
    return out | {"versions": versions(*packages)}


def sample_provenance(
    gold_path: Path,
    sample_dir: Path,
    parameters: Mapping[str, Any] | None = None,
    packages: Iterable[str] = (),
) -> dict[str, Any]:
    """`provenance` of the synthetic gold set: the gold file, hashed with the sample's
    articles.jsonl that it annotates."""
    digest = hashlib.sha256(
        Path(gold_path).read_bytes() + (Path(sample_dir) / "articles.jsonl").read_bytes()
    )
    return provenance(gold_path, digest.hexdigest(), parameters, packages)


def report(result: dict[str, Any], problems: Iterable[str] | None = None) -> dict[str, Any]:
    """Print `problems` one a line (when given: the scorers' --errors), then `result` as
    indented JSON; return `result`."""
    if problems is not None:
        print("\n".join(problems))
    print(json.dumps(result, indent=2))
    return result


def gold_parser(doc: str, real: bool = False, write: bool = False) -> argparse.ArgumentParser:
    """The scorers' command line: --gold, --sample (the synthetic gold and its sample),
    --errors; with `real`, --real dev|test|all (the real-article gold set's split); with
    `write`, --write (score dev, test and synthetic into RESULTS.md). The description is
    `doc`'s first line."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    parser.add_argument("--errors", action="store_true", help="list every error")
    if real:
        parser.add_argument(
            "--real",
            choices=("dev", "test", "all"),
            help="score the real-article gold set's split (benchmarks/gold/real/) instead",
        )
    if write:
        parser.add_argument(
            "--write", action="store_true", help="score dev, test and synthetic; write RESULTS.md"
        )
    return parser


def fit_standardised(x: Any, labels: Any, **options: Any) -> dict[str, Any]:
    """A scikit-learn logistic regression (`options` passed to it) fitted on `x` (rows of
    features) standardised by their mean and scale: the fields of a
    `clustering.models.StandardisedLogistic` but its features, rounded to 6 places."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.asarray(x, dtype=float)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(**options).fit((x - mean) / scale, labels)
    return {
        "mean": tuple(round(float(v), 6) for v in mean),
        "scale": tuple(round(float(v), 6) for v in scale),
        "coef": tuple(round(float(v), 6) for v in model.coef_[0]),
        "intercept": round(float(model.intercept_[0]), 6),
    }
