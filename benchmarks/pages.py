"""Pasted pages and HTML pages -> article body: the furniture model, trained and measured.

Data: ../shared/data/raw/extraction-benchmark/ (91 real pages: html/, pasted/, truth.jsonl;
README there). Scoring is the README's: token F1 of the body against `truth_body` (lower-cased
`\\w+` tokens, multiset overlap), the mean over pages and the share of pages at F1 >= 0.9.

    python -m benchmarks.pages            # cross-validated figures (+ HTML, inkl) -> RESULTS.md
    python -m benchmarks.pages --train    # re-train clustering/ingest/furniture_model.json

Labels: each pasted line is aligned with the true body (difflib over word tokens; a line
is the article's when half its tokens fall in matched runs of 3+ tokens). Cross-validation
folds are by site (registered domain), so no page is ever scored by a model that saw it or
another page of its site. Seeded: the same data give the same model file.
"""

from __future__ import annotations

import argparse
import collections
import difflib
import hashlib
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import GroupKFold

from benchmarks.results_md import write_section
from clustering.ingest import furniture
from clustering.ingest.furniture import FEATURES, FurnitureModel, line_features
from clustering.ingest.normalise import normalise_body
from clustering.ingest.textfile import parse_text

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[0].parent / "shared" / "data" / "raw" / "extraction-benchmark"
INKL = HERE.parents[0].parent / "shared" / "data" / "raw" / "inkl"
MODEL_PATH = HERE.parent / "clustering" / "ingest" / furniture.MODEL_FILE
SEED = 0
FOLDS = 5
INNER_FOLDS = 4
# Histogram gradient boosting: the same kind of model as GradientBoostingClassifier, an
# order of magnitude faster to fit (binned features), so cross-validation by site with a
# re-fitted second stage runs in a minute on two cores.
PARAMS: dict[str, Any] = {
    "max_iter": 200,
    "learning_rate": 0.1,
    "max_leaf_nodes": 15,
    "min_samples_leaf": 20,
    "l2_regularization": 1.0,
    "early_stopping": False,
    "random_state": SEED,
}
# The second stage is kept small and regularised: with the first one's size it leaned on
# its neighbours' verdicts and pulled share bars and teaser lists next to the article
# into it. Dev CV by site, threshold 0.35 (F1 / pages >= 0.9): 200 iterations x 15 leaves
# 0.926 / 71%; 100 x 7 (l2 5) 0.934 / 75%; 60 x 5 (l2 10) 0.937 / 77%; 40 x 3 0.924 / 70%.
SECOND_PARAMS: dict[str, Any] = {
    **PARAMS,
    "max_iter": 60,
    "max_leaf_nodes": 5,
    "l2_regularization": 10.0,
}
# Chosen on the cross-validated dev figures (0.35, 0.4, 0.5 tried; 0.35 best).
THRESHOLD = 0.35
_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def token_prf(predicted: str, truth: str) -> tuple[float, float, float]:
    """The README's score: (P, R, F1) of the lower-cased word-token multisets."""
    a, b = collections.Counter(tokens(predicted)), collections.Counter(tokens(truth))
    overlap = sum((a & b).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    p, r = overlap / sum(a.values()), overlap / sum(b.values())
    return p, r, 2 * p * r / (p + r)


def token_f1(predicted: str, truth: str) -> float:
    return token_prf(predicted, truth)[2]


def load_pages(data: Path = DATA) -> list[dict[str, Any]]:
    """The benchmark's pages: id, url, truth_body, pasted (text), html (path)."""
    pages = []
    for line in (data / "truth.jsonl").read_text("utf-8").splitlines():
        row = json.loads(line)
        row["pasted"] = (data / "pasted" / f"{row['id']}.txt").read_text("utf-8")
        row["html"] = data / "html" / f"{row['id']}.html"
        pages.append(row)
    return pages


def line_labels(lines: list[str], truth_body: str) -> np.ndarray:
    """Int array, shape (n_lines,): 1 where the line is part of the true body."""
    truth = tokens(truth_body)
    page: list[str] = []
    owner: list[int] = []
    for i, line in enumerate(lines):
        for token in tokens(line):
            page.append(token)
            owner.append(i)
    matcher = difflib.SequenceMatcher(None, page, truth, autojunk=False)
    hit = np.zeros(len(lines))
    for a, _, size in matcher.get_matching_blocks():
        if size >= 3 or (size and size == len(truth)):
            for k in range(a, a + size):
                hit[owner[k]] += 1
    count = np.array([max(len(tokens(line)), 1) for line in lines])
    return (hit / count >= 0.5).astype(int)


def site(url: str) -> str:
    import tldextract

    extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    return extract(url).top_domain_under_public_suffix or url


def export_trees(model: HistGradientBoostingClassifier) -> dict[str, Any]:
    """One fitted stage as plain arrays (no page text): what `furniture.Trees` reads.
    A histogram tree's leaf values already carry the learning rate (rate 1.0); a row goes
    left when its value is <= the threshold, as in `Trees` (no feature is ever NaN)."""
    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        leaf = nodes["is_leaf"].astype(bool)
        trees.append(
            {
                "feature": np.where(leaf, 0, nodes["feature_idx"]).tolist(),
                "threshold": [float(t) for t in np.where(leaf, 0.0, nodes["num_threshold"])],
                "left": np.where(leaf, -1, nodes["left"].astype(np.int64)).tolist(),
                "right": np.where(leaf, -1, nodes["right"].astype(np.int64)).tolist(),
                "value": [round(float(v), 6) for v in np.where(leaf, nodes["value"], 0.0)],
            }
        )
    init = float(np.ravel(model._baseline_prediction)[0])
    return {"init": init, "rate": 1.0, "trees": trees}


def _fit_stage(x: np.ndarray, y: np.ndarray, params: dict[str, Any] = PARAMS) -> dict[str, Any]:
    return export_trees(HistGradientBoostingClassifier(**params).fit(x, y))


def train(pages: list[dict[str, Any]], threshold: float = THRESHOLD) -> dict[str, Any]:
    """The model file's content, trained on `pages`: the first stage on all of them, the
    second on the first stage's out-of-fold probabilities (folds by site, so the second
    stage learns from verdicts as uncertain as those on an unseen site)."""
    x = np.vstack([p["x"] for p in pages])
    y = np.concatenate([p["y"] for p in pages])
    first = _fit_stage(x, y)
    oof: list[np.ndarray] = [np.zeros(0)] * len(pages)
    groups = [p["site"] for p in pages]
    for inner_train, inner_test in GroupKFold(n_splits=INNER_FOLDS).split(pages, groups=groups):
        inner = furniture.Trees.from_dict(
            _fit_stage(
                np.vstack([pages[i]["x"] for i in inner_train]),
                np.concatenate([pages[i]["y"] for i in inner_train]),
            )
        )
        for i in inner_test:
            oof[i] = inner.proba(pages[i]["x"])
    x2 = np.vstack(
        [furniture.second_features(p["x"], q, p["lines"]) for p, q in zip(pages, oof, strict=True)]
    )
    second = _fit_stage(x2, y, SECOND_PARAMS)
    return {
        "about": "furniture line model: gradient-boosted trees over clustering.ingest.furniture."
        "FEATURES, then SECOND_FEATURES; trained by `python -m benchmarks.pages --train`",
        "sklearn": sklearn.__version__,
        "params": PARAMS,
        "second_params": SECOND_PARAMS,
        "features": list(FEATURES),
        "second_features": list(furniture.SECOND_FEATURES),
        "threshold": threshold,
        "first": first,
        "second": second,
    }


def featurise(pages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for page in pages:
        lines, x = line_features(page["pasted"])
        page["lines"], page["x"] = lines, x
        page["y"] = line_labels(lines, page["truth_body"])
        page["site"] = site(page["url"])
    return pages


def fit(pages: list[dict[str, Any]], threshold: float = THRESHOLD) -> FurnitureModel:
    return FurnitureModel.from_dict(train(pages, threshold))


def body_of(page: dict[str, Any], model: FurnitureModel) -> str:
    """The body StoryLens gives the pasted page, with `model` in place of the shipped one
    (the routing of `text.parse_text`: a page, else a bare text file)."""
    text = page["pasted"]
    fields = (
        furniture.parse_page(text, model) if furniture.looks_like_page(text) else parse_text(text)
    )
    return normalise_body(fields["body"])


def cross_validate(pages: list[dict[str, Any]], folds: int = FOLDS) -> list[tuple[float, ...]]:
    """(P, R, F1) per page, each page scored by a model trained on the other sites only
    (GroupKFold by registered domain: no page is scored by a model that saw its site)."""
    groups = [p["site"] for p in pages]
    scores: list[tuple[float, ...]] = [(0.0, 0.0, 0.0)] * len(pages)
    for train_at, test_at in GroupKFold(n_splits=folds).split(pages, groups=groups):
        model = fit([pages[i] for i in train_at])
        for i in test_at:
            scores[i] = token_prf(body_of(pages[i], model), pages[i]["truth_body"])
    return scores


def summary(scores: list[tuple[float, ...]]) -> dict[str, float]:
    f1 = [s[2] for s in scores]
    return {
        "p": round(float(np.mean([s[0] for s in scores])), 3),
        "r": round(float(np.mean([s[1] for s in scores])), 3),
        "f1": round(float(np.mean(f1)), 3),
        "share_ge_0_9": round(float(np.mean([f >= 0.9 for f in f1])), 3),
        "pages": len(scores),
    }


def html_scores(pages: list[dict[str, Any]]) -> list[tuple[float, ...]]:
    """(P, R, F1) per page of StoryLens on the saved HTML (trafilatura, then clean_body)."""
    from clustering.config import IngestConfig
    from clustering.ingest import read_file

    config = IngestConfig()
    out: list[tuple[float, ...]] = []
    for page in pages:
        articles, _ = read_file(page["html"], config)
        body = "\n\n".join(articles["body"].to_list())
        out.append(token_prf(body, page["truth_body"]))
    return out


def dataset_sha256(data: Path = DATA) -> str:
    digest = hashlib.sha256()
    for path in sorted([data / "truth.jsonl", *(data / "pasted").glob("*.txt")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def markdown(results: dict[str, Any]) -> str:
    """The RESULTS.md section (between the pages markers)."""
    rows = results["rows"]
    lines = [
        "<!-- pages:start -->",
        "## Pasted and HTML pages (issue 12): `python -m benchmarks.pages`",
        "",
        f"Extraction benchmark dev split ({rows['pasted_cv']['pages']} real pages, "
        f"sha256 {results['sha256'][:12]}), token P/R/F1 of the body against the truth "
        "(README there). Pasted pages: cross-validated by site "
        f"({FOLDS} folds, GroupKFold on the registered domain; the model and its second "
        "stage are re-trained on the other folds only, so no page is scored by a model "
        "that saw its site). Targets: pasted F1 >= 0.92 and >= 85% of pages >= 0.9; "
        "HTML F1 >= 0.96.",
        "",
        "| what | P | R | F1 | pages F1 >= 0.9 |",
        "|---|---|---|---|---|",
    ]
    names = {
        "pasted_before": "pasted, before (issue 12's measurement: aggregator/text parsers)",
        "pasted_whole": "pasted, the whole paste as the body (floor)",
        "pasted_cv": "**pasted, furniture model, cross-validated by site**",
        "html": "HTML, trafilatura + clean_body (whole pipeline `read_file`)",
    }
    for key, name in names.items():
        row = rows.get(key)
        if row:
            p, r = row.get("p", "-"), row.get("r", "-")
            lines.append(f"| {name} | {p} | {r} | {row['f1']} | {row['share_ge_0_9']} |")
    lines += [
        "",
        f"Model: {results['model']}; a line is the article's at probability >= "
        f"{THRESHOLD}, less media captions and promo labels, and none from the first "
        "comment-section, author-box or tag-list header with 50+ kept words above it on "
        "(`furniture.end_of_article`: below such a header no dev page's body goes on). sklearn "
        f"{sklearn.__version__}, numpy {np.__version__}. Worst cross-validated pages: "
        + ", ".join(f"{site} {f1:.2f}" for site, f1 in results["worst"])
        + ".",
        "",
        "No held-out figure: the benchmark's other 90 pages (its evaluation half) are not in "
        "../shared, so the cross-validated dev figure is the only one this benchmark gives; "
        "the issue's own measurement on unseen pages is the check on it.",
        "<!-- pages:end -->",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", action="store_true", help="re-train the shipped model")
    parser.add_argument("--no-html", action="store_true", help="skip the HTML pages")
    parser.add_argument("--write", action="store_true", help="update benchmarks/RESULTS.md")
    args = parser.parse_args(argv)
    start = time.time()
    pages = featurise(load_pages())
    if args.train:
        MODEL_PATH.write_text(json.dumps(train(pages), separators=(",", ":")))
        print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size:,} bytes)")
        return 0
    scores = cross_validate(pages)
    rows: dict[str, dict[str, Any]] = {
        "pasted_before": {"p": "-", "r": "-", "f1": 0.704, "share_ge_0_9": 0.35},
        "pasted_whole": summary([token_prf(p["pasted"], p["truth_body"]) for p in pages]),
        "pasted_cv": summary(scores),
    }
    print("pasted, cross-validated by site:", rows["pasted_cv"], f"{time.time() - start:.0f}s")
    if not args.no_html:
        rows["html"] = summary(html_scores(pages))
        print("html:", rows["html"])
    worst = sorted(
        zip((p["site"] for p in pages), (s[2] for s in scores), strict=True), key=lambda t: t[1]
    )[:8]
    results = {
        "sha256": dataset_sha256(),
        "params": PARAMS,
        "second_params": SECOND_PARAMS,
        "threshold": THRESHOLD,
        "folds": FOLDS,
        "model": f"histogram gradient-boosted trees, two stages, {PARAMS}, "
        f"second stage {SECOND_PARAMS}",
        "rows": rows,
        "worst": worst,
        "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__},
    }
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "pages.json").write_text(json.dumps(results, indent=1))
    section = markdown(results)
    print(section)
    if args.write:
        write_section(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
