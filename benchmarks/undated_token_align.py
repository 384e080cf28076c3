"""Issue 19: does token-level alignment of two leads (BERTScore-style) tell apart the
look-alike events of one topic that the undated path merges on the whole neus file?
Measured as a pair signal and left out (benchmarks/RESULTS.md, the undated section):
it adds no separation to the path's similarity on the pairs the path confuses.

    python -m benchmarks.undated_token_align [--json PATH]

Why it was tried: the audit of the whole file's errors (`benchmarks.undated_audit`)
finds most of the precision lost in merges whose leads say what differs (the EU easing
travel against recommending a stop; a district judge against the Supreme Court), while
pooled sentence vectors, word overlaps, entities and learned maps read the topic. Token
alignment (Zhang et al. 2020, "BERTScore") keeps each word piece's contextual vector and
asks, for each piece of one lead, how well the other lead has a counterpart; the worst
matched content pieces ("Supreme" against "district", "stop" against "ease") might be
what a reader uses.

What is measured (the same all-MiniLM-L6-v2 the path uses, its int8 ONNX file, one text
per run; title + lead as `articles.fact_texts`, at most 128 pieces):
- **pieces**: the transformer's last hidden state of each word piece ([CLS] and [SEP]
  left out), unit rows; IDF of each piece id over the corpus itself (`piece_idf`).
- **pairs**: each article's PAIR_NEIGHBOURS nearest under the path's similarity
  (`undated.corpus_similarity`), both ways, once each; gold from the neus file.
- **signals per pair** (`pair_signals`): BERTScore F (harmonic mean of both sides'
  mean best-match cosine), unweighted and IDF-weighted; the worst matched content
  piece (document frequency under CONTENT_DF of the corpus): the minimum and the 10th
  percentile of its best match, the smaller of both sides; the IDF-weighted mismatch
  mass (mean of 1 - best match over the content pieces, the larger side); and a token
  CSLS: each piece's best match less the mean of its best matches in its article's
  four best-matching neighbours (the topic's other reports), IDF-weighted mean, both
  sides averaged.
- **AUC** of same-story against other-story pairs, for the path's similarity, each
  signal alone and each with the path's similarity (logistic regression trained on the
  pairs of two dev-half articles, `streams.story_half`, scored on the pairs with a
  test-half article only): over every near pair and over the close ones (similarity
  over HARD_SIMILARITY, where the path's errors are).
- **plain cut**: the best combination added to the path's similarity on the near
  pairs, average linkage cut at `undated.CUT_GRID`, the whole file scored over its dev
  half's articles (`undated.half_bcubed`).
- **audit**: the signals on the audit's wrong merges against the path's right merges.
- **cost**: the path's clustering, the piece vectors and the alignment timed in one run.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

#: Each article's nearest others (path similarity) whose pairs are measured.
PAIR_NEIGHBOURS = 20
#: Pairs at least this similar under the path are "close" (where its errors are; the
#: undated section's earlier pair measurements used the same cut).
HARD_SIMILARITY = -0.15
#: A content piece: in under this share of the corpus's texts.
CONTENT_DF = 0.05
#: Neighbours whose best matches are a piece's background in the token CSLS.
CSLS_NEIGHBOURS = 4

SIGNALS = (
    "bertscore",
    "bertscore_idf",
    "worst_piece",
    "worst_piece_q10",
    "mismatch_idf",
    "token_csls",
)


def piece_vectors(
    texts: Sequence[str],
) -> tuple[list[NDArray[np.float32]], list[NDArray[np.int64]]]:
    """(vectors, ids) per text: float32 (pieces, 384) unit rows of MiniLM's last hidden
    state (int8 ONNX, the path's embedder) and int64 (pieces,) word-piece ids, [CLS] and
    [SEP] left out, at most 126 pieces."""
    from clustering.embed import Int8MiniLMEmbedder

    embedder = Int8MiniLMEmbedder()
    tokenizer, session = embedder._tokenizer(), embedder.session
    vectors, ids = [], []
    for text in texts:
        encoded = tokenizer.encode(text.strip())
        row = np.asarray([encoded.ids], dtype=np.int64)
        feeds = {
            "input_ids": row,
            "attention_mask": np.ones_like(row),
            "token_type_ids": np.zeros_like(row),
        }
        hidden = session.run(None, feeds)[0][0][1:-1]
        vectors.append(unit_rows(hidden))
        ids.append(np.asarray(encoded.ids[1:-1], dtype=np.int64))
    return vectors, ids


def unit_rows(x: NDArray[np.floating]) -> NDArray[np.float32]:
    """float32 rows of unit length (zero rows stay zero)."""
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.where(norms == 0, 1.0, norms)).astype(np.float32)


def piece_idf(ids: Sequence[NDArray[np.int64]]) -> list[NDArray[np.float64]]:
    """Per text, float64 (pieces,): log((n + 1) / (df + 1)) of each piece id, df the
    number of the n texts holding it."""
    n = len(ids)
    vocab, counts = np.unique(np.concatenate([np.unique(a) for a in ids]), return_counts=True)
    idf = np.log((n + 1) / (counts + 1.0))
    return [idf[np.searchsorted(vocab, a)] for a in ids]


def side_scores(
    best: NDArray[np.float64], idf: NDArray[np.float64], content: float
) -> dict[str, float]:
    """One side's statistics of `best` (pieces,), each piece's best-match cosine in the
    other text: mean, IDF-weighted mean, minimum and 10th percentile over the content
    pieces (idf at least `content`; every piece when none is), IDF-weighted mismatch
    (mean of 1 - best over the content pieces)."""
    keep = idf >= content
    if not keep.any():
        keep = np.ones(len(best), dtype=bool)
    c, w = best[keep], idf[keep]
    weight = w.sum() or 1.0
    return {
        "mean": float(best.mean()),
        "idf_mean": float((best * idf).sum() / (idf.sum() or 1.0)),
        "min": float(c.min()),
        "q10": float(np.quantile(c, 0.1)),
        "mismatch": float((w * (1.0 - c)).sum() / weight),
    }


def _harmonic(a: float, b: float) -> float:
    return 2 * a * b / (a + b) if a + b > 0 else 0.0


def pair_signals(
    vectors: Sequence[NDArray[np.float32]],
    idf: Sequence[NDArray[np.float64]],
    pairs: NDArray[np.int64],
    content: float,
) -> dict[str, NDArray[np.float64]]:
    """SIGNALS per pair of `pairs` (int64 (m, 2)), float64 (m,) each (module docstring).
    The token CSLS's background of a piece of i is the mean of its CSLS_NEIGHBOURS best
    matches over the articles i is paired with."""
    n = len(vectors)
    partners: list[list[int]] = [[] for _ in range(n)]
    for i, j in pairs.tolist():
        partners[i].append(j)
        partners[j].append(i)
    best: dict[tuple[int, int], NDArray[np.float64]] = {}
    background: list[NDArray[np.float64]] = []
    for i in range(n):
        if not partners[i]:
            background.append(np.zeros(len(vectors[i])))
            continue
        others = partners[i]
        sims = vectors[i] @ np.concatenate([vectors[j] for j in others]).T
        edges = np.cumsum([0] + [len(vectors[j]) for j in others])
        columns = np.stack(
            [sims[:, a:b].max(axis=1) for a, b in zip(edges[:-1], edges[1:], strict=True)], axis=1
        ).astype(np.float64)
        for k, j in enumerate(others):
            best[(i, j)] = columns[:, k]
        top = -np.sort(-columns, axis=1)[:, :CSLS_NEIGHBOURS]
        background.append(top.mean(axis=1))
    out = {name: np.zeros(len(pairs)) for name in SIGNALS}
    for p, (i, j) in enumerate(pairs.tolist()):
        a = side_scores(best[(i, j)], idf[i], content)
        b = side_scores(best[(j, i)], idf[j], content)
        out["bertscore"][p] = _harmonic(a["mean"], b["mean"])
        out["bertscore_idf"][p] = _harmonic(a["idf_mean"], b["idf_mean"])
        out["worst_piece"][p] = min(a["min"], b["min"])
        out["worst_piece_q10"][p] = min(a["q10"], b["q10"])
        out["mismatch_idf"][p] = -max(a["mismatch"], b["mismatch"])
        csls = [
            float(((best[(x, y)] - background[x]) * idf[x]).sum() / (idf[x].sum() or 1.0))
            for x, y in ((i, j), (j, i))
        ]
        out["token_csls"][p] = sum(csls) / 2
    return out


def near_pairs(sims: NDArray[np.float64], k: int) -> NDArray[np.int64]:
    """int64 (m, 2), rows i < j, sorted: each article with each of its k most similar
    others under `sims` (n, n), once per pair."""
    from benchmarks.undated import neighbour_pairs

    rows, cols = neighbour_pairs(sims, k)
    pairs = np.stack([np.minimum(rows, cols), np.maximum(rows, cols)], axis=1)
    return np.unique(pairs, axis=0).astype(np.int64)


def held_out_aucs(
    path: NDArray[np.float64],
    signals: dict[str, NDArray[np.float64]],
    same: NDArray[np.bool_],
    train: NDArray[np.bool_],
    test: NDArray[np.bool_],
) -> dict[str, Any]:
    """AUC on the `test` pairs of the path's similarity `path` (m,), each signal alone,
    each with the path (logistic regression on the `train` pairs, standardised), and
    all of them with the path; `same` (m,) bool: one gold story."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.preprocessing import StandardScaler

    def combined(columns: list[NDArray[np.float64]]) -> float:
        x = np.column_stack([path, *columns])
        scaler = StandardScaler().fit(x[train])
        model = LogisticRegression(max_iter=5000).fit(scaler.transform(x[train]), same[train])
        return float(roc_auc_score(same[test], model.decision_function(scaler.transform(x[test]))))

    out: dict[str, Any] = {
        "pairs": int(test.sum()),
        "same_story": int(same[test].sum()),
        "path": float(roc_auc_score(same[test], path[test])),
        "alone": {k: float(roc_auc_score(same[test], v[test])) for k, v in signals.items()},
        "with_path": {k: combined([v]) for k, v in signals.items()},
    }
    out["all_with_path"] = combined(list(signals.values()))
    return out


def measure() -> dict[str, Any]:
    """Every figure of the module docstring on the whole neus file's undated leads."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    from benchmarks.streams import cluster_set, story_half
    from benchmarks.undated import CUT_GRID, SETS, corpus_similarity, cut_scores
    from benchmarks.undated_audit import neus_records
    from clustering.cluster.articles import fact_texts
    from clustering.config import load_config

    config = load_config()
    stress = SETS["neus_undated_lead"]()
    cluster_set(stress, config)  # warm (imports, caches) before the timed run
    start = time.perf_counter()
    labels, _ = cluster_set(stress, config)
    path_seconds = time.perf_counter() - start
    sims = corpus_similarity(stress, config)
    texts = fact_texts(stress.articles)
    start = time.perf_counter()
    vectors, ids = piece_vectors(texts)
    piece_seconds = time.perf_counter() - start
    idf = piece_idf(ids)
    n = len(texts)
    content = float(np.log((n + 1) / (CONTENT_DF * n + 1)))
    pairs = near_pairs(sims, PAIR_NEIGHBOURS)
    start = time.perf_counter()
    signals = pair_signals(vectors, idf, pairs, content)
    align_seconds = time.perf_counter() - start
    gold = stress.gold
    halves = np.array([story_half(g.split(":", 1)[1]) for g in gold])
    same = gold[pairs[:, 0]] == gold[pairs[:, 1]]
    path = sims[pairs[:, 0], pairs[:, 1]]
    both_dev = (halves[pairs[:, 0]] == "dev") & (halves[pairs[:, 1]] == "dev")
    out: dict[str, Any] = {"articles": n, "near_pairs": len(pairs)}
    for label, keep in (
        ("near", np.ones(len(pairs), dtype=bool)),
        ("close", path > HARD_SIMILARITY),
    ):
        out[label] = held_out_aucs(path, signals, same, both_dev & keep, ~both_dev & keep)

    # The plain cut with the best pair of signals added (trained on the close dev pairs:
    # a logistic model's weights over the path's, so the term is in similarity units).
    train = both_dev & (path > HARD_SIMILARITY)
    base = max(cut_scores(sims, CUT_GRID, gold, halves), key=lambda row: row[1])
    cuts = {"none": base}
    for name in SIGNALS:
        x = np.column_stack([path, signals[name]])
        model = LogisticRegression(max_iter=5000).fit(x[train], same[train])
        term = signals[name] * model.coef_[0, 1] / model.coef_[0, 0]
        term -= term[train].mean()
        changed = sims.copy()
        changed[pairs[:, 0], pairs[:, 1]] += term
        changed[pairs[:, 1], pairs[:, 0]] += term
        cuts[name] = max(cut_scores(changed, CUT_GRID, gold, halves), key=lambda row: row[1])
    out["plain_cut_dev_half"] = cuts

    # The audit's wrong merges (pairs drawn from these labels) against the right ones.
    audit_path = "benchmarks/gold/neus_undated_audit.json"
    with open(audit_path, encoding="utf-8") as fh:
        audit = json.load(fh)
    records = neus_records()
    at = {records[s]["id"]: i for i, s in enumerate(stress.articles["source_id"].to_list())}
    right = np.argwhere(
        np.triu((labels[:, None] == labels[None, :]) & (gold[:, None] == gold[None, :]), 1)
    )
    readable = [
        (at[m["a"]], at[m["b"]]) for m in audit["merges"] if m["class"] == "distinguishable"
    ]
    both = np.array([*right.tolist(), *readable], dtype=np.int64)
    audit_signals = pair_signals(vectors, idf, both, content)
    is_right = np.r_[np.ones(len(right), dtype=bool), np.zeros(len(readable), dtype=bool)]
    out["audit"] = {
        "right_merges": len(right),
        "readable_wrong_merges": len(readable),
        "path": float(roc_auc_score(is_right, sims[both[:, 0], both[:, 1]])),
        **{k: float(roc_auc_score(is_right, v)) for k, v in audit_signals.items()},
    }
    pieces = float(np.mean([len(v) for v in vectors]))
    out["cost"] = {
        "path_s_per_1000": 1000 * path_seconds / n,
        "pieces_s_per_1000": 1000 * piece_seconds / n,
        "align_s_per_1000": 1000 * align_seconds / n,
        "mean_pieces": pieces,
        "float16_mb_per_1000": pieces * 384 * 2 * 1000 / 1e6,
    }
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", help="write the figures here as JSON")
    args = parser.parse_args(argv)
    out = measure()
    print(json.dumps(out, indent=1))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(out, fh, indent=1)


if __name__ == "__main__":
    main()
