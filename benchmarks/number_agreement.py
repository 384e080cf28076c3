"""Issue 16: do two careful readers agree on which cross-outlet number differences are
conflicts, updates or different quantities? The test split's numbers gold against a second
reader's blind annotation, and StoryLens scored against each.

    .venv/bin/python -m benchmarks.number_agreement            # print the figures
    .venv/bin/python -m benchmarks.number_agreement --show     # and every disagreement's text
    .venv/bin/python -m benchmarks.number_agreement --write    # the RESULTS.md section

Reader 2's file is benchmarks/gold/real/second_reader_test_numbers.json (same shape as the
gold's `numbers` and `groups`, README of that folder), annotated from the articles alone and
committed before any comparison.

Rules:

- A *group* of either reader counts when its mentions lie in two or more articles (the
  scorer's rule for the gold's conflicts and updates). A *change* is a conflict or an update.
- Two groups, one per reader, of one event are *linked* when they name the same figure in
  two or more articles: per article, a mention of each whose spans overlap, or (for one of
  the two articles at most) mentions whose values are equal, since the guideline lets each
  reader mark any one mention of a quantity per article. Links are one-to-one, the pairs
  sharing most articles first (`link_groups`).
- Agreement is read off the linked pairs and the groups no link reaches (the other reader
  marked no such quantity: status `None`). Cohen's kappa over linked pairs on the four
  statuses, and over all groups on change / no change (`None` is no change).
- StoryLens (`extract_numbers`, `align_numbers`, shipped config) is scored against each
  reader exactly as `benchmarks.compare_numbers.score_real_numbers` scores the gold, using
  its matching helpers (`_read_mentions`, `_gold_of`, `_paired`); the *agreed* subset
  judges a flag only where both readers say the same of it (right for both or false for
  both) and counts as gold only the changes both readers mark with the same status.
- Intervals are exact (Clopper-Pearson) binomial 95% intervals.
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from benchmarks.gold_real import REAL_GOLD, load_real_gold  # noqa: E402
from benchmarks.results_md import RESULTS, write_section  # noqa: E402

READER2 = REAL_GOLD / "second_reader_test_numbers.json"
STATUSES = ("agree", "conflict", "update", "different")
CHANGES = ("conflict", "update")
#: relative tolerance of two equal values (the numbers scorer's VALUE_TOLERANCE)
VALUE_TOLERANCE = 0.005

Event = dict[str, Any]  # {"numbers": [mention], "groups": [{"group", "status", ...}]}


def load_reader(path: Path = READER2) -> dict[str, Event]:
    """{event id: {"numbers", "groups"}} of a reader's file (README's shape)."""
    return json.loads(path.read_text(encoding="utf-8"))["events"]


def group_articles(event: Event) -> dict[str, set[str]]:
    """{group: the articles its mentions lie in}, every group of `event["groups"]`."""
    out: dict[str, set[str]] = {g["group"]: set() for g in event.get("groups", [])}
    for mention in event.get("numbers", []):
        out.setdefault(mention["group"], set()).add(mention["article"])
    return out


def _overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a["article"] == b["article"] and a["start"] < b["end"] and b["start"] < a["end"]


def _same_value(a: dict[str, Any], b: dict[str, Any]) -> bool:
    x, y = float(a["value"]), float(b["value"])
    return a["article"] == b["article"] and abs(x - y) <= VALUE_TOLERANCE * max(
        abs(x), abs(y), 1e-9
    )


def link_groups(first: Event, second: Event) -> list[tuple[str | None, str | None]]:
    """One event's groups of two readers paired: [(first's group or None, second's group
    or None)], every group of either exactly once. Two groups link when, in two or more
    articles, a mention of each overlaps the other's (at most one of those articles may
    count on equal values alone, the mentions being two repeats of one figure); the pairs
    sharing most overlapping articles, then most articles, link first."""
    mine: dict[str, list[dict[str, Any]]] = {}
    theirs: dict[str, list[dict[str, Any]]] = {}
    for mention in first.get("numbers", []):
        mine.setdefault(mention["group"], []).append(mention)
    for mention in second.get("numbers", []):
        theirs.setdefault(mention["group"], []).append(mention)
    candidates = []
    for a, ma in mine.items():
        for b, mb in theirs.items():
            overlap = {x["article"] for x in ma for y in mb if _overlaps(x, y)}
            equal = {x["article"] for x in ma for y in mb if _same_value(x, y)} - overlap
            shared = len(overlap) + min(len(equal), 1)
            if overlap and shared >= 2:
                candidates.append((-len(overlap), -shared, a, b))
    linked: list[tuple[str | None, str | None]] = []
    used_a: set[str] = set()
    used_b: set[str] = set()
    for _, _, a, b in sorted(candidates):
        if a not in used_a and b not in used_b:
            linked.append((a, b))
            used_a.add(a)
            used_b.add(b)
    names_a = [g["group"] for g in first.get("groups", [])] + [g for g in mine if g not in
                                                                 {h["group"] for h in first.get("groups", [])}]  # fmt: skip
    names_b = [g["group"] for g in second.get("groups", [])] + [g for g in theirs if g not in
                                                                  {h["group"] for h in second.get("groups", [])}]  # fmt: skip
    linked += [(a, None) for a in names_a if a not in used_a]
    linked += [(None, b) for b in names_b if b not in used_b]
    return linked


def paired_statuses(first: dict[str, Event], second: dict[str, Event]) -> list[dict[str, Any]]:
    """Every group of two or more articles, of either reader, with the other reader's
    status: [{"event", "first", "second" (group names or None), "first_status",
    "second_status" (or None where that reader has no linked group), "first_articles",
    "second_articles" (counts)}]; events of `first` only, in its order. A linked pair
    counts when either side's group has two or more articles."""
    items = []
    for event, mine in first.items():
        theirs = second.get(event, {"numbers": [], "groups": []})
        status_a = {g["group"]: g["status"] for g in mine.get("groups", [])}
        status_b = {g["group"]: g["status"] for g in theirs.get("groups", [])}
        arts_a, arts_b = group_articles(mine), group_articles(theirs)
        for a, b in link_groups(mine, theirs):
            n_a = len(arts_a.get(a, ())) if a else 0
            n_b = len(arts_b.get(b, ())) if b else 0
            if max(n_a, n_b) < 2:
                continue
            items.append(
                {
                    "event": event,
                    "first": a,
                    "second": b,
                    "first_status": status_a.get(a) if a else None,
                    "second_status": status_b.get(b) if b else None,
                    "first_articles": n_a,
                    "second_articles": n_b,
                }
            )
    return items


def cohen_kappa(pairs: list[tuple[str, str]]) -> float:
    """Cohen's kappa of two raters' labels [(first, second)]; nan when there is nothing to
    judge or chance agreement is total (every label one class)."""
    n = len(pairs)
    if not n:
        return math.nan
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in first) / (n * n)
    return math.nan if expected == 1 else (observed - expected) / (1 - expected)


def clopper_pearson(k: int, n: int, level: float = 0.95) -> tuple[float, float]:
    """The exact binomial interval of a share k/n; (0.0, 1.0) when n is 0."""
    if n == 0:
        return (0.0, 1.0)
    from scipy.stats import beta  # scipy ships with scikit-learn, already a dependency

    alpha = 1 - level
    low = 0.0 if k == 0 else float(beta.ppf(alpha / 2, k, n - k + 1))
    high = 1.0 if k == n else float(beta.ppf(1 - alpha / 2, k + 1, n - k))
    return (low, high)


def agreement(items: list[dict[str, Any]]) -> dict[str, Any]:
    """The agreement figures of `paired_statuses` items: {"first_changes": Counter of the
    second reader's status (None: unmarked) over the first's changes, "second_changes"
    likewise, "confusion": Counter[(first_status, second_status)] over every item,
    "kappa_status" (linked items, four statuses), "kappa_change" (every item, change or
    not), "linked", "items"}."""
    first_changes: Counter[str | None] = Counter()
    second_changes: Counter[str | None] = Counter()
    confusion: Counter[tuple[str | None, str | None]] = Counter()
    for item in items:
        a, b = item["first_status"], item["second_status"]
        confusion[(a, b)] += 1
        if a in CHANGES and item["first_articles"] >= 2:
            first_changes[b] += 1
        if b in CHANGES and item["second_articles"] >= 2:
            second_changes[a] += 1
    linked = [(i["first_status"], i["second_status"]) for i in items if i["first"] and i["second"]]
    change = [(i["first_status"] in CHANGES, i["second_status"] in CHANGES) for i in items]
    return {
        "first_changes": first_changes,
        "second_changes": second_changes,
        "confusion": confusion,
        "kappa_status": cohen_kappa(linked),  # type: ignore[arg-type]
        "kappa_change": cohen_kappa([(str(a), str(b)) for a, b in change]),
        "linked": len(linked),
        "items": len(items),
    }


def reader_as_system(items: list[dict[str, Any]]) -> dict[str, Any]:
    """The second reader's changes scored against the first's as the numbers scorer scores
    StoryLens's flags (`_figures`' keys): a change of the second reader is a flag, right
    when its linked group is a change of the first; a change of the first is found when
    its linked group is a change of the second, labelled when the status is the same."""
    wanted = {
        f"{i['event']}|{i['first']}": i["first_status"]
        for i in items
        if i["first_status"] in CHANGES and i["first_articles"] >= 2
    }
    found = {
        f"{i['event']}|{i['first']}": i["second_status"]
        for i in items
        if i["first"] and i["first_status"] in CHANGES and i["second_status"] in CHANGES
    }
    flags = [i for i in items if i["second_status"] in CHANGES and i["second_articles"] >= 2]
    right = sum(i["first_status"] in CHANGES for i in flags)
    return _figures(wanted, found, len(flags), right)


def score_against(
    flags: list[dict[str, Any]], readers: dict[str, dict[str, Event]], agreed: bool = True
) -> dict[str, dict[str, Any]]:
    """Conflict precision/recall, updates found and told apart of `flags` (`system_flags`)
    against each reader in `readers` ({name: annotations}) and, with `agreed` and two
    readers, against what both say ("agreed"). Returns {name: {"flagged", "right",
    "conflicts_found", "conflicts", "updates_found", "updates", "labelled", "found",
    "changes"}}; `changes` counts the reader's conflict and update groups of two or more
    articles, `labelled` those found by a flag of the same status (`score_real_numbers`'s
    update accuracy: labelled / found, and labelled / changes)."""
    out: dict[str, dict[str, Any]] = {}
    wanted: dict[str, dict[str, str]] = {}
    for name, marked in readers.items():
        wanted[name] = {}
        for event, label in marked.items():
            arts = group_articles(label)
            for g in label.get("groups", []):
                if g["status"] in CHANGES and len(arts.get(g["group"], ())) >= 2:
                    wanted[name][f"{event}|{g['group']}"] = g["status"]
        found: dict[str, str] = {}
        right = 0
        for flag in flags:
            hits = flag["hits"][name]
            right += bool(hits)
            for key in hits:
                found.setdefault(key, flag["status"])
        out[name] = _figures(wanted[name], found, len(flags), right)
    if agreed and len(readers) == 2:
        first, second = readers
        linked = {}
        for event in readers[first]:
            for a, b in link_groups(
                readers[first][event], readers[second].get(event, {"numbers": [], "groups": []})
            ):
                if a and b:
                    linked[f"{event}|{a}"] = f"{event}|{b}"
        both = {
            key: status
            for key, status in wanted[first].items()
            if wanted[second].get(linked.get(key, "")) == status
        }
        judged = [f for f in flags if bool(f["hits"][first]) == bool(f["hits"][second])]
        found = {}
        for flag in judged:
            for key in flag["hits"][first]:
                found.setdefault(key, flag["status"])
        out["agreed"] = _figures(
            both, found, len(judged), sum(bool(f["hits"][first]) for f in judged)
        )
    return out


def _figures(
    wanted: dict[str, str], found: dict[str, str], flagged: int, right: int
) -> dict[str, Any]:
    conflicts = [k for k, s in wanted.items() if s == "conflict"]
    updates = [k for k, s in wanted.items() if s == "update"]
    hit = {k: s for k, s in found.items() if k in wanted}
    return {
        "flagged": flagged,
        "right": right,
        "conflicts_found": sum(k in hit for k in conflicts),
        "conflicts": len(conflicts),
        "updates_found": sum(k in hit for k in updates),
        "updates": len(updates),
        "labelled": sum(s == wanted[k] for k, s in hit.items()),
        "found": len(hit),
        "changes": len(wanted),
    }


def system_flags(
    articles: Any, readers: dict[str, dict[str, Event]], events: list[str]
) -> list[dict[str, Any]]:
    """StoryLens's flags (conflict and update groups of `align_numbers`, shipped config) on
    each of `events` (its articles one story, as `score_real_numbers` runs them), each with
    the change groups of every reader it is right for: [{"event", "status", "group_id",
    "claims": [(article, start, end, value)], "hits": {reader: ["event|group", ...]}}]. A
    flag is right for a reader when two of its claims, from two articles, stand for
    mentions of one of that reader's conflict or update groups (`_gold_of`, `_paired`)."""
    import polars as pl

    from benchmarks.compare_numbers import _FLAGS, _gold_of, _paired, _read_mentions
    from clustering.compare.number_claims import align_numbers
    from clustering.extract.numbers import extract_numbers

    numbers = extract_numbers(articles)
    rows = numbers.to_dicts()
    kind_of = {
        (r["article_id"], r["sentence_index"], r["start"], r["end"]): r["kind"] for r in rows
    }
    rows_of: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        rows_of.setdefault(r["article_id"], []).append(r)
    members = _event_articles()
    flags = []
    for event in events:
        mentions: dict[str, dict[str, list[dict[str, Any]]]] = {}
        status_of: dict[str, dict[str, str]] = {}
        for name, marked in readers.items():
            label = marked.get(event, {"numbers": [], "groups": []})
            status_of[name] = {g["group"]: g["status"] for g in label.get("groups", [])}
            by_article: dict[str, list[dict[str, Any]]] = {}
            for m in label.get("numbers", []):
                by_article.setdefault(m["article"], []).append(m)
            mentions[name] = {
                a: _read_mentions(ms, rows_of.get(a, [])) for a, ms in by_article.items()
            }
        story = articles.filter(pl.col("article_id").is_in(members[event]))
        claims = align_numbers(numbers, story)
        for part in claims.partition_by("group_id", maintain_order=True):
            group_rows = [
                r
                | {
                    "kind": kind_of.get(
                        (r["article_id"], r["sentence_index"], r["start"], r["end"])
                    )
                }
                for r in part.to_dicts()
            ]
            status = group_rows[0]["status"]
            if status not in _FLAGS:
                continue
            hits = {}
            for name in readers:
                matched = [
                    (c, g) for c in group_rows if (g := _gold_of(c, mentions[name])) is not None
                ]
                spread = _paired(matched)
                hits[name] = sorted(
                    f"{event}|{g}"
                    for g, n in spread.items()
                    if n >= 2 and status_of[name].get(g) in _FLAGS
                )
            flags.append(
                {
                    "event": event,
                    "status": status,
                    "group_id": group_rows[0]["group_id"],
                    "claims": [
                        (c["article_id"], c["start"], c["end"], c["value"]) for c in group_rows
                    ],
                    "hits": hits,
                }
            )
    return flags


def _event_articles() -> dict[str, list[str]]:
    events = json.loads((REAL_GOLD / "events.json").read_text(encoding="utf-8"))["events"]
    return {e["event"]: list(e["articles"]) for e in events}


def measure(split: str = "test") -> dict[str, Any]:
    """Everything the section reports: agreement of the gold with reader 2 and StoryLens
    scored against the gold, reader 2 and the agreed subset."""
    articles, gold = load_real_gold(split)  # type: ignore[arg-type]
    reader = load_reader()
    gold_events = {e: {"numbers": g["numbers"], "groups": g["groups"]} for e, g in gold.items()}
    items = paired_statuses(gold_events, reader)
    readers = {"gold": gold_events, "reader2": reader}
    flags = system_flags(articles, readers, sorted(gold_events))
    return {
        "events": len(gold_events),
        "items": items,
        "agreement": agreement(items),
        "scores": score_against(flags, readers),
        "flags": flags,
    }


def _share(k: int, n: int) -> str:
    if not n:
        return "n/a (0 of 0)"
    low, high = clopper_pearson(k, n)
    return f"{k / n:.2f} ({k} of {n}; 95% CI {low:.2f}-{high:.2f})"


def _status(s: str | None) -> str:
    return s or "unmarked"


def summary(result: dict[str, Any]) -> str:
    """The figures as plain lines (printed; the RESULTS section is written by hand from
    them and the disagreements read)."""
    a = result["agreement"]
    lines = [
        f"events {result['events']}; groups of 2+ articles (either reader) {a['items']}, linked {a['linked']}"
    ]
    lines.append(
        "gold changes -> reader 2: "
        + ", ".join(f"{_status(k)} {v}" for k, v in a["first_changes"].most_common())
    )
    lines.append(
        "reader 2 changes -> gold: "
        + ", ".join(f"{_status(k)} {v}" for k, v in a["second_changes"].most_common())
    )
    lines.append(
        f"kappa (linked, 4 statuses) {a['kappa_status']:.3f}; kappa (all, change or not) {a['kappa_change']:.3f}"
    )
    order = (*STATUSES, None)
    lines.append("confusion gold (rows) x reader 2 (columns): " + " | ".join(map(_status, order)))
    for row in order:
        lines.append(
            f"  {_status(row):9s} "
            + " ".join(f"{a['confusion'].get((row, col), 0):4d}" for col in order)
        )
    scores = {"reader 2 as a system vs gold": reader_as_system(result["items"]), **result["scores"]}
    for name, s in scores.items():
        lines.append(
            f"{name}: precision {_share(s['right'], s['flagged'])}; conflict recall "
            f"{_share(s['conflicts_found'], s['conflicts'])}; updates found {s['updates_found']} of "
            f"{s['updates']}; told apart {_share(s['labelled'], s['changes'])} of all changes, "
            f"{_share(s['labelled'], s['found'])} of found"
        )
    return "\n".join(lines)


def show(result: dict[str, Any]) -> None:
    """Print every disagreement on changes with its sentences (read, never stored)."""
    articles, _ = load_real_gold("test")
    bodies = dict(zip(articles["article_id"], articles["body"], strict=True))
    _, gold = load_real_gold("test")
    reader = load_reader()
    for item in result["items"]:
        a, b = item["first_status"], item["second_status"]
        if a == b or (a not in CHANGES and b not in CHANGES):
            continue
        print(
            f"\n== {item['event']}  gold {item['first']}={_status(a)}  reader2 {item['second']}={_status(b)}"
        )
        for who, label, group in (("gold", gold.get(item["event"], {}), item["first"]),
                                  ("r2", reader.get(item["event"], {}), item["second"])):  # fmt: skip
            for m in label.get("numbers", []):
                if m["group"] == group:
                    body = bodies[m["article"]]
                    print(
                        f"  {who} {m['article'][-10:]} [{m['start']}] {body[max(0, m['start'] - 80) : m['end'] + 60]!r} = {m['value']}"
                    )
            note = [g.get("note") for g in label.get("groups", []) if g["group"] == group]
            print(f"  {who} note: {note}")


#: StoryLens's test figures against the gold before commit d521c77 corrected its two plain
#: errors (compare_numbers --real test at d7d44e1); the old gold is in git history.
BEFORE_CORRECTION = {"flagged": 5, "right": 4, "conflicts_found": 2, "conflicts": 11,
                     "updates_found": 2, "updates": 4, "labelled": 3, "found": 4, "changes": 15}  # fmt: skip

#: Every disagreement on a change, read in the articles and classed (section text).
DISAGREEMENTS = (
    (
        "event_62 eu_month",
        "unannotated / conflict",
        "gold error, corrected: 'this month' (Japan "
        "Times, Feb 6) vs 'last month' (Reuters, Feb 6) for the EU's approval of the NXP deal",
    ),
    (
        "event_62 avago_year",
        "conflict / unmarked",
        "reader 2's miss: 2015 vs 'last year' for the Avago-Broadcom merger; the gold is right",
    ),
    (
        "event_64 killed",
        "update / agree",
        "convention: an early 'more than 50' beside a later "
        "59, a floor the figure meets (update, or compatible?)",
    ),
    (
        "neus_allsides:6053 north_carolina",
        "agree / update",
        "convention, the same floor question "
        "the other way: 'more than 6 percent' (Tuesday afternoon) beside 8.5% (4 pm); each reader "
        "decided the two floor cases differently",
    ),
    (
        "gvc:571922 time",
        "agree / conflict",
        "convention (rounding): 'around 7:30 p.m.' vs 'around 7:15pm'",
    ),
    (
        "event_62 nxp_bid",
        "different / conflict",
        "convention (scope): $47 billion vs $38 billion "
        "for Qualcomm's NXP bid, the deal value with debt vs its equity value, which neither "
        "article says",
    ),
    (
        "gvc:571922 brothers",
        "conflict / agree",
        "genuinely ambiguous: 'three other brothers' vs "
        "'two older brothers, and his younger half-sister' (brothers 3 vs 2, or older brothers a "
        "subset)",
    ),
    (
        "576116e5 trustees_report",
        "unannotated / conflict",
        "genuinely ambiguous: trustees' "
        "projections 'issued last month' (NYT) vs trustees who 'last week warned' (Fox News): one "
        "report misdated, or a later statement",
    ),
)


def _row(name: str, f: dict[str, Any]) -> str:
    return (
        f"| {name} | {_share(f['right'], f['flagged'])} | "
        f"{_share(f['conflicts_found'], f['conflicts'])} | {f['updates_found']} of {f['updates']} | "
        f"{_share(f['labelled'], f['changes'])} |"
    )


def results_section(result: dict[str, Any]) -> str:
    """The RESULTS.md section "Numbers: a second reader on test (issue 16)"."""
    a = result["agreement"]
    scores = result["scores"]
    human = reader_as_system(result["items"])
    gold_changes = sum(a["first_changes"].values())
    second_changes = sum(a["second_changes"].values())
    same = sum(a["confusion"][(s, s)] for s in CHANGES)
    conf = a["confusion"]
    order = (*STATUSES, None)
    matrix = ["| gold \\ reader 2 | " + " | ".join(map(_status, order)) + " |",
              "|---|" + "---|" * len(order)]  # fmt: skip
    matrix += [
        f"| {_status(r)} | " + " | ".join(str(conf.get((r, c), 0)) for c in order) + " |"
        for r in order
    ]
    low9, high9 = clopper_pearson(9, 12)
    lines = [
        "<!-- number-agreement:start -->",
        "## Numbers: a second reader on test (issue 16)",
        "",
        "Do two careful readers agree on which cross-outlet number differences are conflicts, "
        "updates or different quantities? A second reader annotated the numbers of all "
        f"{result['events']} test events from the articles alone, following "
        "benchmarks/gold/real/README.md, blind to the test gold's groups and statuses and to "
        "StoryLens's output (benchmarks/gold/real/second_reader_test_numbers.json, committed "
        "before any comparison): 574 mentions in 244 groups. Figures by "
        "`python -m benchmarks.number_agreement` (rules in its docstring: groups of two "
        "readers linked when they name the same figure in two or more articles).",
        "",
        f"**Agreement** (the gold as corrected below). Of the gold's {gold_changes} changes "
        f"(conflicts and updates of 2+ articles), reader 2 marks {same} with the same status, "
        + ", ".join(f"{v} {_status(k)}" for k, v in a["first_changes"].items() if k not in CHANGES)
        + f"; of reader 2's {second_changes}, the gold marks {same} the same, "
        + ", ".join(f"{v} {_status(k)}" for k, v in a["second_changes"].items() if k not in CHANGES)
        + ". No change is called a conflict by one reader and an update by the other: "
        "conflict against update is the easy part; the readers part on change against no "
        f"change. Cohen's kappa: {a['kappa_status']:.2f} on the four statuses over the "
        f"{a['linked']} linked groups, {a['kappa_change']:.2f} on change / no change over all "
        f"{a['items']} groups either reader gives (a group only one reader gives counts as no "
        "change for the other). Linked groups and groups only one reader gives:",
        "",
        *matrix,
        "",
        "The 71 agree groups only reader 2 gives are coverage (weekdays and dates that "
        "all outlets report alike, about 40, which the guideline asks for only when outlets "
        "differ; ages, sports figures, counts of wire copies), not disagreement on a status; the "
        "look-alikes one reader lists and the other does not (8) likewise. Every disagreement "
        "on a change, read in the articles (gold / reader 2):",
        "",
        *[f"- {name} ({pair}): {why}." for name, pair, why in DISAGREEMENTS],
        "",
        "Of the 8: 1 gold error (corrected), 1 reader-2 miss, 4 conventions (a floor beside "
        "an exact figure, rounding of 'around', scope with or without debt), 2 genuinely "
        "ambiguous. Outside changes, one more gold error was corrected: be026bd1 "
        "'other_accusers' ('three other women' in both) was `different`, now `agree`. "
        "The corrections are one commit (d521c77) listing each; no system code changed.",
        "",
        "**StoryLens against each reader** (shipped config, scored as `compare_numbers` scores "
        "the gold; agreed: a flag judged only where both readers say the same of it, and only "
        "the changes both mark with one status; 95% Clopper-Pearson intervals):",
        "",
        "| scored against | conflict precision | conflict recall | updates found | updates "
        "told apart (of all changes) |",
        "|---|---|---|---|---|",
        _row("gold before correction", BEFORE_CORRECTION),
        _row("gold (corrected)", scores["gold"]),
        _row("reader 2", scores["reader2"]),
        _row("agreed subset", scores["agreed"]),
        _row("*reader 2 itself, as a system, vs gold*", human),
        "",
        "**Verdict.** The labels move StoryLens's figures by a flag or two (precision 3-4 of "
        "4-5, conflict recall 2 of 10-13) and no verdict: against either reader and the agreed "
        "subset, conflict recall (0.15-0.20) and updates told apart (0.12-0.19) are far below "
        "their targets, and precision is below 0.90 on every count. The targets themselves, "
        f"measured by scoring reader 2 against the gold: a careful human reaches precision "
        f"{human['right'] / human['flagged']:.2f}, conflict recall "
        f"{human['conflicts_found'] / human['conflicts']:.2f} and updates told apart "
        f"{human['labelled'] / human['changes']:.2f}. So recall >= 0.75 and updates >= 0.80 "
        "are within what two readers agree on (at its edge for updates), while precision >= "
        "0.90 is above it (the interval reaches 0.90 only at its top): against one reader's "
        "labels, a second reader's own changes are right 3 times in 4, the 4 others all "
        "conventions (floors, rounding, scope) or ambiguity. A 0.90 precision on this split is reachable only by flagging the "
        "unambiguous cases and no convention case, and the figure cannot show it: with "
        f"{scores['gold']['flagged']} flags, the measured {_share(scores['gold']['right'], scores['gold']['flagged'])} "
        "is consistent with anything from a coin toss to perfect. The recall figure over "
        f"{scores['gold']['conflicts']} conflicts is {_share(scores['gold']['conflicts_found'], scores['gold']['conflicts'])}: "
        "even its upper bound is under 0.75, so the recall target is plainly not met; a "
        f"system at the target (9 of 12) would read 0.75 with interval {low9:.2f}-{high9:.2f}. "
        "Until the conventions are written into the guideline (is a floor that a later "
        "figure meets an update? how far apart may two 'around' times be? a deal value with "
        "or without debt?) and the test split holds more changes, a test figure over ~12 "
        "conflicts cannot separate 0.75 from 0.5 or 0.90 from 0.6.",
        "<!-- number-agreement:end -->",
    ]
    return "\n".join(lines) + "\n"


def write_results(section: str, path: Path = RESULTS) -> None:
    """Put the number-agreement section in place, the first time right after the numbers
    section's end marker."""
    text = path.read_text(encoding="utf-8")
    if "<!-- number-agreement:start -->" in text:
        write_section(section, path)
        return
    marker = "<!-- numbers:end -->"
    head, tail = text.split(marker, 1)
    path.write_text(head + marker + "\n\n" + section.strip("\n") + "\n" + tail, encoding="utf-8")


if __name__ == "__main__":
    result = measure()
    print(summary(result))
    if "--show" in sys.argv:
        show(result)
    if "--write" in sys.argv:
        write_results(results_section(result))
    if "--flags" in sys.argv:
        for flag in result["flags"]:
            print(flag["event"], flag["status"], flag["hits"], flag["claims"])
