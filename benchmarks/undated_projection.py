"""Issue 19: can a learned map of the frozen MiniLM vectors tell apart the events of one
topic, so that the undated path reaches 0.85 B-cubed on the whole neus file? Measured
and left out (benchmarks/RESULTS.md, the undated section): it learns the stories it is
trained on and nothing that carries to others.

    python -m benchmarks.undated_projection [--json PATH]

Why it was tried: two thirds of the precision the undated path loses on the whole file
are merges of different steps of one long-running topic (`benchmarks.undated_audit`):
the embedding reads topic, not what happened. A map W of the 384-d unit vectors trained
so that same-story pairs are closer than the nearest other-story articles (the look-alike
events of the same topic) might weigh the directions that tell events apart.

Maps (each seeded, CPU):
- **contrastive**: x -> x (I + A B^T), rank RANK, trained with a supervised InfoNCE loss
  (Khosla et al. 2020) over every other article of the same training corpus at
  temperature TAU (the hardest negatives weigh most), L2 DECAY on A and B, Adam.
- **wccn**: x -> x C^(-1/2), C the covariance of the same-story differences (shrunk to
  the identity by 1 - SHRINK): within-class covariance normalisation, the closed form
  of a metric that shrinks what varies inside a story.
- **adapter**: x -> x + MLP(x) (one hidden layer of ADAPTER_HIDDEN, dropout), the same
  loss as contrastive; a residual adapter, nonlinear.

How a map enters the path without changing the library: each article's vector becomes
the unit concatenation [sqrt(m) x, sqrt(1 - m) z], z the unit mapped vector, whose cosine
is m cos(x) + (1 - m) cos(z): the path's embedding signal, hubness correction and all,
reads that mix (m = 1: the path as it is; 0: the map alone).

Training data (never a neus test-half article): neus_allsides' dev half
(`streams.story_half`), undated and cut to the lead, and gvc train+dev leads. Two
protocols:
- **held out**: the dev half's stories split in two by an MD5 of the story id (A, B);
  trained on A (+ gvc), the whole file scored over B's articles (`undated.half_bcubed`:
  dev at the whole file's scale, never trained on) and over A's (trained on). Also the
  share of articles whose nearest (CSLS, k 4, on the mixed cosine) is a story mate.
- **final**: trained on the whole dev half (+ gvc); neus_undated_lead_test (the half never
  trained on), the whole file over its test half's articles (the clean figure) and over
  its dev half's (in-sample), the whole file, and the other undated lead sets
  (giveme5w1h, basil, newswcl50: not trained on; the dev stress set holds the dev half:
  in-sample). The synthetic stream has hashed-word vectors, not MiniLM: not run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from benchmarks.streams import StressSet, cluster_set, story_half
from benchmarks.undated import SETS, half_bcubed
from clustering.config import load_config
from clustering.evaluate import score

SEED = 0
RANK = 64
TAU = 0.05
DECAY = 1e-3
EPOCHS = 200
LEARNING_RATE = 1e-2
SHRINK = 0.8
ADAPTER_HIDDEN = 128
ADAPTER_DROPOUT = 0.3
ADAPTER_EPOCHS = 300
#: m of the mix [sqrt(m) x, sqrt(1 - m) z]: half the map, the map alone.
MIXES = (0.5, 0.0)
#: The undated lead sets the final protocol scores besides the whole file.
OTHER_SETS = (
    "neus_undated_lead_test",
    "giveme5w1h_undated_lead",
    "basil_undated_lead",
    "newswcl50_undated_lead",
    "gvc_undated_lead_test",
    "neus_undated_lead_dev_stress",
)

Corpora = list[tuple[NDArray[np.float32], NDArray[np.str_]]]
Map = Callable[[NDArray[np.float32]], NDArray[np.float32]]


def inner_half(story: str) -> str:
    """Returns "A" or "B": a fixed half of the neus dev half's stories, by MD5 (CRC32, which
    `story_half` uses, is affine: its parity under a prefix follows the dev/test one)."""
    return "A" if hashlib.md5(story.encode()).digest()[0] % 2 == 0 else "B"


def unit(x: NDArray[np.floating[Any]]) -> NDArray[np.float32]:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (x / norms).astype(np.float32)


def _batches(corpora: Corpora) -> list[tuple[Any, Any, Any, Any]]:
    """Per corpus: vectors, positive mask (same story, not self), self mask, has-a-mate."""
    import torch

    out = []
    for vectors, gold in corpora:
        _, story = np.unique(gold, return_inverse=True)
        story_t = torch.tensor(story)
        eye = torch.eye(len(story), dtype=torch.bool)
        positive = (story_t[:, None] == story_t[None, :]) & ~eye
        out.append((torch.tensor(vectors), positive, eye, positive.any(1)))
    return out


def _info_nce(z: Any, positive: Any, eye: Any, has: Any) -> Any:
    """Supervised InfoNCE over one corpus: each article's same-story others against all
    its others, at TAU."""
    import torch

    sims = (z @ z.T / TAU).masked_fill(eye, -1e9)
    mates = sims.masked_fill(~positive, -1e9)
    return (torch.logsumexp(sims, 1) - torch.logsumexp(mates, 1))[has].mean()


def contrastive_map(corpora: Corpora) -> Map:
    """x -> unit(x (I + A B^T)), trained by `_info_nce` (see the module docstring)."""
    import torch

    torch.manual_seed(SEED)
    dim = corpora[0][0].shape[1]
    a = torch.nn.Parameter(torch.randn(dim, RANK) * 0.01)
    b = torch.nn.Parameter(torch.randn(dim, RANK) * 0.01)
    optimiser = torch.optim.Adam([a, b], lr=LEARNING_RATE)
    batches = _batches(corpora)
    for _ in range(EPOCHS):
        optimiser.zero_grad()
        w = torch.eye(dim) + a @ b.T
        loss = sum(
            _info_nce(torch.nn.functional.normalize(x @ w, dim=1), p, e, h)
            for x, p, e, h in batches
        )
        (loss + DECAY * (a.pow(2).sum() + b.pow(2).sum())).backward()
        optimiser.step()
    matrix = (torch.eye(dim) + a @ b.T).detach().numpy().astype(np.float32)
    return lambda x: unit(x @ matrix)


def wccn_map(corpora: Corpora) -> Map:
    """x -> unit(x C^(-1/2)), C = SHRINK Sw / mean variance + (1 - SHRINK) I, Sw the
    covariance of the same-story differences of every training corpus."""
    diffs = []
    for vectors, gold in corpora:
        i, j = np.where(np.triu(gold[:, None] == gold[None, :], 1))
        diffs.append(vectors[i] - vectors[j])
    d = np.concatenate(diffs).astype(np.float64)
    within = d.T @ d / len(d)
    dim = within.shape[0]
    cov = SHRINK * within / np.trace(within) * dim + (1 - SHRINK) * np.eye(dim)
    values, basis = np.linalg.eigh(cov)
    matrix = ((basis / np.sqrt(values)) @ basis.T).astype(np.float32)
    return lambda x: unit(x @ matrix)


def adapter_map(corpora: Corpora) -> Map:
    """x -> unit(x + MLP(x)), the MLP's output layer starting at zero (the identity),
    trained by `_info_nce` with dropout and AdamW's weight decay."""
    import torch

    torch.manual_seed(SEED)
    dim = corpora[0][0].shape[1]
    net = torch.nn.Sequential(
        torch.nn.Dropout(ADAPTER_DROPOUT),
        torch.nn.Linear(dim, ADAPTER_HIDDEN),
        torch.nn.GELU(),
        torch.nn.Linear(ADAPTER_HIDDEN, dim),
    )
    torch.nn.init.zeros_(net[3].weight)
    torch.nn.init.zeros_(net[3].bias)
    optimiser = torch.optim.AdamW(net.parameters(), lr=3e-3, weight_decay=1e-2)
    batches = _batches(corpora)
    for _ in range(ADAPTER_EPOCHS):
        optimiser.zero_grad()
        loss = sum(
            _info_nce(torch.nn.functional.normalize(x + net(x), dim=1), p, e, h)
            for x, p, e, h in batches
        )
        loss.backward()
        optimiser.step()
    net.eval()

    def apply(x: NDArray[np.float32]) -> NDArray[np.float32]:
        with torch.no_grad():
            t = torch.tensor(x)
            return unit((t + net(t)).numpy())

    return apply


MAPS: dict[str, Callable[[Corpora], Map]] = {
    "contrastive": contrastive_map,
    "wccn": wccn_map,
    "adapter": adapter_map,
}


def mixed(stress: StressSet, fn: Map | None, mix: float) -> StressSet:
    """`stress` with each vector the unit concatenation [sqrt(mix) x, sqrt(1 - mix) z]
    (z = fn(x)): its cosine is mix cos(x) + (1 - mix) cos(z). fn None: unchanged."""
    if fn is None or mix >= 1.0:
        return stress
    x = stress.vectors
    vectors = np.hstack([np.sqrt(mix) * x, np.sqrt(1.0 - mix) * fn(x)]).astype(np.float32)
    return replace(stress, vectors=vectors)


def nearest_is_mate(vectors: NDArray[np.float32], gold: NDArray[np.str_], rows: Any) -> float:
    """Share of the `rows` articles with a story mate whose nearest other article
    (CSLS, k 4, on the cosine of `vectors`) is one."""
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -np.inf)
    r = np.sort(sims, axis=1)[:, -4:].mean(axis=1)
    corrected = 2 * sims - r[:, None] - r[None, :]
    same = gold[:, None] == gold[None, :]
    np.fill_diagonal(same, False)
    ok = same[np.arange(len(gold)), corrected.argmax(axis=1)]
    return float(ok[rows & same.any(axis=1)].mean())


def whole_file(stress: StressSet, keys: NDArray[np.str_]) -> dict[str, float]:
    """The path on `stress` (the whole neus file): B-cubed F1 of the whole file and over
    each group of `keys` (str (n,), `half_bcubed`)."""
    labels, _ = cluster_set(stress, load_config())
    out = {"whole": score(stress.gold, labels)["bcubed_f1"]}
    for key in sorted(set(keys.tolist())):
        out[key] = half_bcubed(stress.gold, labels, keys, key)[2]
    return out


def held_out(whole: StressSet, gvc: StressSet) -> list[dict[str, Any]]:
    """The held-out protocol (module docstring): per map and mix, the whole file's F1
    over dev-A (trained on) and dev-B (held out) articles and the nearest-mate shares."""
    halves = np.array([story_half(g.split(":", 1)[1]) for g in whole.gold])
    keys = np.array(
        [
            "dev" + inner_half(g) if h == "dev" else "test"
            for g, h in zip(whole.gold.tolist(), halves.tolist(), strict=True)
        ]
    )
    train = keys == "devA"
    corpora: Corpora = [(whole.vectors[train], whole.gold[train]), (gvc.vectors, gvc.gold)]
    rows = []
    base = whole_file(whole, keys)
    mates = {k: nearest_is_mate(whole.vectors, whole.gold, keys == k) for k in ("devA", "devB")}
    rows.append({"map": "none", "mix": 1.0, **base, **{f"mate_{k}": v for k, v in mates.items()}})
    print(rows[-1], flush=True)
    for name, train_map in MAPS.items():
        fn = train_map(corpora)
        for mix in MIXES:
            stress = mixed(whole, fn, mix)
            row = {"map": name, "mix": mix, **whole_file(stress, keys)}
            for k in ("devA", "devB"):
                row[f"mate_{k}"] = nearest_is_mate(stress.vectors, whole.gold, keys == k)
            rows.append(row)
            print(row, flush=True)
    return rows


def final(whole: StressSet, gvc: StressSet) -> list[dict[str, Any]]:
    """The final protocol (module docstring): trained on the whole dev half + gvc
    train+dev; per map and mix, the whole file (over each half's articles too) and the
    other undated lead sets."""
    halves = np.array([story_half(g.split(":", 1)[1]) for g in whole.gold])
    train = halves == "dev"
    corpora: Corpora = [(whole.vectors[train], whole.gold[train]), (gvc.vectors, gvc.gold)]
    others = {name: SETS[name]() for name in OTHER_SETS}
    rows = []
    for name, fn in [("none", None), *((n, m(corpora)) for n, m in MAPS.items())]:
        for mix in (1.0,) if fn is None else MIXES:
            row: dict[str, Any] = {"map": name, "mix": mix}
            row |= whole_file(mixed(whole, fn, mix), halves)
            for other, stress in others.items():
                labels, _ = cluster_set(mixed(stress, fn, mix), load_config())
                row[other] = score(stress.gold, labels)["bcubed_f1"]
            rows.append(row)
            print(row, flush=True)
    return rows


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", help="write the figures here as JSON")
    args = parser.parse_args(argv)
    whole, gvc = SETS["neus_undated_lead"](), SETS["gvc_undated_lead_tune"]()
    print("held out: trained on dev-A (+ gvc train+dev), scored over dev-B")
    out = {"held_out": held_out(whole, gvc)}
    print("final: trained on the dev half (+ gvc train+dev), scored over the test half")
    out["final"] = final(whole, gvc)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(out, fh, indent=1)


if __name__ == "__main__":
    main()
