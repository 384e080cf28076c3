"""Inter-annotator agreement on the real-article quote gold's TEST split (issue 16).

A second reader annotated a seeded subset of the test events from scratch, blind to the
test gold's quotes and to StoryLens's output
(benchmarks/gold/real/second_reader_test_quotes.json: ids, offsets, speaker names only).
This module prints the articles to read, and scores the two readers against each other and
StoryLens against both, with the quote benchmark's own matching rules
(`benchmarks.compare_quotes`: spans of the same article match one-to-one when they overlap
by at least half of the shorter span, largest share first; speakers compare with
`same_speaker`, a surname alone standing for the full name when no one else in the article
bears it).

    .venv/bin/python -m benchmarks.quote_agreement show [EVENT ...]  # bodies to read
    .venv/bin/python -m benchmarks.quote_agreement score [--disagreements] [--write]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from benchmarks.compare_quotes import (  # noqa: E402
    _overlap_matches,
    _real_gold_quotes,
    same_speaker,
)
from benchmarks.gold_real import REAL_GOLD  # noqa: E402

SECOND_READER = REAL_GOLD / "second_reader_test_quotes.json"
# The events read: the test split's quote events sorted by id, shuffled with this seed,
# taken in that order (the file's "events" lists the ones read).
SEED = 2525
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
MARKER_START = "<!-- quote-agreement:start -->"
MARKER_END = "<!-- quote-agreement:end -->"

# Opening and closing marks of a double-quoted span (straight or curly) inside one
# paragraph: candidates for the reader to judge, not annotations.
_DOUBLE = re.compile(r"[\"“]([^\"“”\n]+)[\"”]")


# Every disagreement of the two readers, read in place and classed (issue 16), keyed by
# (the article id's first 12 characters, the start offset of reader 1's span, or of reader
# 2's where reader 1 has none). Classes: "name form" (the same person or body written two
# ways, which the scorer's name match counts as two), "convention" (the guideline leaves
# the case open or the readers follow different house rules), "ambiguous" (the text itself
# allows both readings), "gold error" (reader 1 plainly wrong by the guideline) and
# "reader 2 error". `score` says which disagreements this table lacks.
DISAGREEMENTS: dict[tuple[str, int], tuple[str, str]] = {
    ("68748e7f-cf6", 360): (
        "convention",
        "a report's words: its task force or the man who led it and released it",
    ),
    ("68748e7f-cf6", 1408): (
        "convention",
        "a report's words: its task force or the man who led it and released it",
    ),
    ("58f414e5-a12", 90): (
        "convention",
        "'Lawmakers ... described themselves as': the group (no one) or the one lawmaker quoted saying it later",
    ),
    ("58f414e5-a12", 146): (
        "convention",
        "'Lawmakers ... said': the group (no one) or the one lawmaker quoted saying it later",
    ),
    ("58f414e5-a12", 2082): (
        "convention",
        "an unnamed hospital spokeswoman confirmed a condition: no one (README, dev_politics) or the hospital",
    ),
    ("58f414e5-a12", 2096): (
        "convention",
        "an unnamed hospital spokeswoman confirmed a condition: no one (README, dev_politics) or the hospital",
    ),
    ("49f8d56e8741", 345): (
        "name form",
        "'National Weather Service in Gray' and 'National Weather Service'",
    ),
    ("ec06c6683484", 345): (
        "name form",
        "'National Weather Service in Gray' and 'National Weather Service'",
    ),
    ("60fdb760fa23", 2853): (
        "name form",
        "'Tan' and 'Hock Tan': this article names only Mr. Tan (reader 2 took the first name from another outlet)",
    ),
    ("60fdb760fa23", 2956): (
        "name form",
        "'Tan' and 'Hock Tan': this article names only Mr. Tan (reader 2 took the first name from another outlet)",
    ),
    ("60fdb760fa23", 3850): (
        "name form",
        "'Tan' and 'Hock Tan': this article names only Mr. Tan (reader 2 took the first name from another outlet)",
    ),
    ("22f6f31eea83", 13): (
        "convention",
        "a headline's quoted words in single marks (reader 2 in, reader 1 out)",
    ),
    ("22f6f31eea83", 2745): (
        "convention",
        "a subhead's quoted words in single marks (reader 2 in, reader 1 out)",
    ),
    ("36e5d8049672", 2727): (
        "convention",
        "a photo caption's quoted title, no one named (reader 2 in, reader 1 out)",
    ),
    ("38cf0e36c53b", 1158): (
        "convention",
        "a subhead quoting the man the section is about (reader 2 in, reader 1 out)",
    ),
    ("666122ed40ce", 333): (
        "convention",
        "a video headline quoting a state senator (reader 2 in, reader 1 out)",
    ),
    ("023a982717b7", 1462): (
        "convention",
        "a video headline quoting a cousin (reader 2 in, reader 1 out)",
    ),
    ("38cf0e36c53b", 3197): (
        "ambiguous",
        "'as she calls it, \"beedoop machine\"': a verb of naming (in) giving a nickname (out)",
    ),
    ("40d513a79bad", 93): (
        "convention",
        "a charge's name, 'for \"insulting the judiciary\"' (reader 1 in, reader 2 out as a term)",
    ),
    ("40d513a79bad", 320): (
        "convention",
        "a charge's name, '... for \"insulting the judiciary,\" his lawyer said' (reader 1 in)",
    ),
    ("eb8d1d017a3f", 46): (
        "ambiguous",
        "'Broadcom Ltd made a $121 billion \"best and final offer\"': the company's words, no verb of saying",
    ),
}


def event_order(events: list[str], seed: int = SEED) -> list[str]:
    """The events in the order a reader takes them: sorted, then shuffled with `seed`."""
    order = sorted(events)
    random.Random(seed).shuffle(order)
    return order


def candidate_spans(body: str) -> list[tuple[int, int]]:
    """[start, end) of the words between each pair of double marks in one paragraph:
    where to look, for the reader to judge (scare quotes, titles and quotes whose closing
    mark is missing are the reader's call)."""
    return [(m.start(1), m.end(1)) for m in _DOUBLE.finditer(body)]


def show(event_ids: list[str] | None = None) -> None:
    """Print each chosen test event's article bodies with numbered candidate spans."""
    articles, _gold, event_of = _real_gold_quotes("test", REAL_GOLD)
    bodies = dict(zip(articles["article_id"], articles["body"], strict=True))
    order = event_order(sorted(set(event_of.values())))
    for event in event_ids or order:
        print(f"==================== EVENT {event} (order {order.index(event)})")
        for article_id in sorted(a for a, e in event_of.items() if e == event):
            body = bodies[article_id]
            print(f"---------- ARTICLE {article_id} ({len(body)} chars)")
            print(body)
            print("---- candidates")
            for i, (start, end) in enumerate(candidate_spans(body)):
                print(f"  c{i} [{start}:{end}] {body[start:end]!r}")
            singles = body.count("‘") + body.count("’ ")
            if singles:
                print(f"  ({singles} single curly marks: check British-style quotes)")


def match_readers(
    first: list[dict[str, Any]], second: list[dict[str, Any]], body: str
) -> tuple[int, int]:
    """(span matches, span matches whose speakers are the same person) of two readers'
    quotes of ONE article, `first` in the gold's role. Matching as the quote benchmark
    does (`_overlap_matches`, `same_speaker(second's speaker, first's speaker, body)`)."""
    matches = _overlap_matches(second, first)
    same = sum(same_speaker(s.get("speaker"), f.get("speaker"), body) for s, f in matches)
    return len(matches), same


def prf(hits: int, n_predicted: int, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1 of `hits` matches, rounded to 4 places (0 when empty)."""
    p = hits / n_predicted if n_predicted else 0.0
    r = hits / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def agreement(
    first: dict[str, list[dict[str, Any]]],
    second: dict[str, list[dict[str, Any]]],
    bodies: dict[str, str],
) -> dict[str, Any]:
    """`second` scored against `first` over the articles of `bodies` (quotes by article
    id): {"n_first", "n_second", "span", "span_speaker" (P/R/F1 each), "speaker_agreement"
    (same speaker / span matches), "span_matches", "speaker_matches"}."""
    n_first = sum(len(first.get(a, [])) for a in bodies)
    n_second = sum(len(second.get(a, [])) for a in bodies)
    spans = same = 0
    for article_id, body in bodies.items():
        m, s = match_readers(first.get(article_id, []), second.get(article_id, []), body)
        spans += m
        same += s
    return {
        "n_first": n_first,
        "n_second": n_second,
        "span_matches": spans,
        "speaker_matches": same,
        "span": prf(spans, n_second, n_first),
        "span_speaker": prf(same, n_second, n_first),
        "speaker_agreement": round(same / spans, 4) if spans else 0.0,
    }


def agreed_subset(
    first: dict[str, list[dict[str, Any]]],
    second: dict[str, list[dict[str, Any]]],
    bodies: dict[str, str],
) -> dict[str, list[dict[str, Any]]]:
    """The quotes both readers mark with the same speaker (`first`'s entries), by article:
    the gold that two readers agree on."""
    agreed: dict[str, list[dict[str, Any]]] = {}
    for article_id, body in bodies.items():
        for s, f in _overlap_matches(second.get(article_id, []), first.get(article_id, [])):
            if same_speaker(s.get("speaker"), f.get("speaker"), body):
                agreed.setdefault(article_id, []).append(f)
    return agreed


def load_second_reader(path: Path = SECOND_READER) -> tuple[list[str], dict[str, list[dict]]]:
    """(events read, quotes by article id) of the second reader's file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    by_article: dict[str, list[dict]] = {}
    for quote in data["quotes"]:
        by_article.setdefault(quote["article"], []).append(quote)
    return list(data["events"]), by_article


def _system_quotes(articles: Any) -> dict[str, list[dict[str, Any]]]:
    """StoryLens's quotes of `articles` by article id, extracted as the quote benchmark
    does (`extract_quotes` with its default speaker ranker)."""
    from clustering.extract.quotes import extract_quotes

    by_article: dict[str, list[dict[str, Any]]] = {}
    for row in extract_quotes(articles).to_dicts():
        by_article.setdefault(row["article_id"], []).append(row)
    return by_article


def contested(
    first: dict[str, list[dict[str, Any]]],
    second: dict[str, list[dict[str, Any]]],
    agreed: dict[str, list[dict[str, Any]]],
) -> dict[str, list[dict[str, Any]]]:
    """Either reader's quotes that are not in the agreed subset (one reader only, or the
    two name different speakers), by article."""
    kept = {(a, q["start"], q["end"]) for a, qs in agreed.items() for q in qs}
    out: dict[str, list[dict[str, Any]]] = {}
    for reader in (first, second):
        for article_id, quotes in reader.items():
            for q in quotes:
                if (article_id, q["start"], q["end"]) not in kept:
                    out.setdefault(article_id, []).append(q)
    return out


def score_on_agreed(
    system: dict[str, list[dict[str, Any]]],
    agreed: dict[str, list[dict[str, Any]]],
    disputed: dict[str, list[dict[str, Any]]],
    bodies: dict[str, str],
) -> dict[str, Any]:
    """The system against the quotes both readers agree on (span and speaker). A system
    quote that matches no agreed quote but overlaps a contested one (`contested`) is left
    out of the count: what is right there is what the readers dispute."""
    kept: dict[str, list[dict[str, Any]]] = {}
    for article_id, body in bodies.items():
        predicted = system.get(article_id, [])
        matched = {id(p) for p, _ in _overlap_matches(predicted, agreed.get(article_id, []))}
        rest = [p for p in predicted if id(p) not in matched]
        disputed_hits = {id(p) for p, _ in _overlap_matches(rest, disputed.get(article_id, []))}
        kept[article_id] = [p for p in predicted if id(p) not in disputed_hits]
        del body
    return agreement(agreed, kept, bodies) | {
        "n_system_left_out": sum(len(system.get(a, [])) - len(kept[a]) for a in bodies)
    }


def score(show_disagreements: bool = False) -> dict[str, Any]:
    """Every figure of the study: reader 2 against reader 1 (the test gold) and the
    reverse, StoryLens against each reader and against their agreed subset, over the
    events the second reader read. With `show_disagreements`, prints each quote the
    readers disagree on (one reader only, or two speakers) with its context and
    StoryLens's speaker, to read and class by eye."""
    articles, gold, event_of = _real_gold_quotes("test", REAL_GOLD)
    events, second = load_second_reader()
    ids = [a for a in articles["article_id"] if event_of[a] in events]
    articles = articles.filter(articles["article_id"].is_in(ids))
    bodies = dict(zip(articles["article_id"], articles["body"], strict=True))
    system = _system_quotes(articles)
    agreed = agreed_subset(gold, second, bodies)
    disputed = contested(gold, second, agreed)
    result: dict[str, Any] = {
        "n_events": len(events),
        "n_articles": len(bodies),
        "reader2_vs_reader1": agreement(gold, second, bodies),
        "reader1_vs_reader2": agreement(second, gold, bodies),
        "system_vs_reader1": agreement(gold, system, bodies),
        "system_vs_reader2": agreement(second, system, bodies),
        "n_agreed": sum(len(v) for v in agreed.values()),
        "system_vs_agreed": score_on_agreed(system, agreed, disputed, bodies),
    }
    items = disagreements(gold, second, bodies)
    by_class: dict[str, int] = {}
    for item in items:
        by_class[class_of(item)] = by_class.get(class_of(item), 0) + 1
    result["disagreements"] = {
        "n": len(items),
        "by_kind": {k: sum(i["kind"] == k for i in items) for k in KINDS},
        "by_class": dict(sorted(by_class.items())),
    }
    # The readers' speakers once the same person written two ways counts as agreement.
    same_person = sum(i["kind"] == "speaker" and class_of(i) == "name form" for i in items)
    matched = result["reader2_vs_reader1"]
    hits = matched["speaker_matches"] + same_person
    result["reader2_vs_reader1_name_forms_reconciled"] = {
        "span_speaker": prf(hits, matched["n_second"], matched["n_first"]),
        "speaker_agreement": round(hits / matched["span_matches"], 4),
    }
    if show_disagreements:
        _print_disagreements(items, system, bodies, event_of)
    return result


KINDS = ("speaker", "only_first", "only_second")


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _disagreement(
    kind: str, article_id: str, span: dict[str, Any], first: Any, second: Any
) -> dict[str, Any]:
    """One `disagreements` row: its kind, the article, the span and each reader's speaker."""
    return {
        "kind": kind,
        "article": article_id,
        "start": span["start"],
        "end": span["end"],
        "first": first,
        "second": second,
    }


def disagreements(
    first: dict[str, list[dict[str, Any]]],
    second: dict[str, list[dict[str, Any]]],
    bodies: dict[str, str],
) -> list[dict[str, Any]]:
    """The quotes two readers disagree on, by article in `bodies`' order: {"kind"
    ("speaker": matched spans, different speakers; "only_first"; "only_second"),
    "article", "start", "end" (the first reader's span where there is one), "first",
    "second" (the speakers; None where that reader has no quote)}."""
    out: list[dict[str, Any]] = []
    for article_id, body in bodies.items():
        f, s = first.get(article_id, []), second.get(article_id, [])
        matches = _overlap_matches(s, f)
        for q2, q1 in matches:
            if not same_speaker(q2.get("speaker"), q1.get("speaker"), body):
                out.append(
                    _disagreement("speaker", article_id, q1, q1.get("speaker"), q2.get("speaker"))
                )
        in_first = {id(q1) for _, q1 in matches}
        in_second = {id(q2) for q2, _ in matches}
        out += [
            _disagreement("only_first", article_id, q, q.get("speaker"), None)
            for q in f
            if id(q) not in in_first
        ]
        out += [
            _disagreement("only_second", article_id, q, None, q.get("speaker"))
            for q in s
            if id(q) not in in_second
        ]
    return out


def class_of(item: dict[str, Any]) -> str:
    """A disagreement's class from DISAGREEMENTS ("unclassed" when it is not there)."""
    return DISAGREEMENTS.get((item["article"][:12], item["start"]), ("unclassed", ""))[0]


def _print_disagreements(
    items: list[dict[str, Any]],
    system: dict[str, list[dict[str, Any]]],
    bodies: dict[str, str],
    event_of: dict[str, str],
) -> None:
    for item in items:
        body = bodies[item["article"]]
        hit = _overlap_matches(system.get(item["article"], []), [item])
        said = repr(hit[0][0]["speaker"]) if hit else "-"
        start, end = item["start"], item["end"]
        print(
            f"{item['kind']:<11} {class_of(item):<10} {event_of[item['article']][:12]} "
            f"{item['article'][:12]} [{start}:{end}] r1={item['first']!r} "
            f"r2={item['second']!r} sys={said} :: "
            f"…{_clip(body[max(0, start - 120) : start], 120)} ⟦{_clip(body[start:end], 90)}⟧"
        )


def _row(name: str, figures: dict[str, Any]) -> str:
    def three(d: dict[str, float]) -> str:
        return f"{d['precision']:.3f} / {d['recall']:.3f} / {d['f1']:.3f}"

    return (
        f"| {name} | {figures['n_first']} | {figures['n_second']} | {three(figures['span'])} "
        f"| {three(figures['span_speaker'])} | {figures['speaker_agreement']:.3f} |"
    )


def results_section(result: dict[str, Any]) -> str:
    """The RESULTS.md section of `score`'s figures (markers quote-agreement)."""
    r = result
    d = r["disagreements"]
    c = d["by_class"]
    reconciled = r["reader2_vs_reader1_name_forms_reconciled"]
    agreed = r["system_vs_agreed"]
    return "\n".join(
        [
            MARKER_START,
            "## Quotes: a second reader on test (issue 16) "
            "(`python -m benchmarks.quote_agreement score --write`)",
            "",
            f"A second reader annotated every quote of the test split ({r['n_events']} events, "
            f"{r['n_articles']} articles) from scratch, following benchmarks/gold/real/README.md, "
            "blind to the test gold's quotes and speakers and to StoryLens's output, and committed "
            "the annotation (benchmarks/gold/real/second_reader_test_quotes.json, 1305d3a) before "
            "comparing. Scored with the quote benchmark's own rules: spans of one article match "
            "one-to-one when they overlap by half of the shorter span; speakers match by "
            "`same_speaker` (a bare surname stands for the full name when no one else in the "
            "article bears it, so the direction matters). 'ref' is the reference, 'other' is "
            "scored against it.",
            "",
            "| comparison | quotes ref | quotes other | span P / R / F1 | span+speaker P / R / F1 "
            "| speaker agreement (matched spans) |",
            "|---|---|---|---|---|---|",
            _row("reader 2 against reader 1 (the test gold)", r["reader2_vs_reader1"]),
            _row("reader 1 against reader 2", r["reader1_vs_reader2"]),
            f"| reader 2 against reader 1, the same person written two ways counted as agreement "
            f"| {r['reader2_vs_reader1']['n_first']} | {r['reader2_vs_reader1']['n_second']} | "
            f"| {reconciled['span_speaker']['precision']:.3f} / "
            f"{reconciled['span_speaker']['recall']:.3f} / {reconciled['span_speaker']['f1']:.3f} "
            f"| {reconciled['speaker_agreement']:.3f} |",
            _row(
                "StoryLens against reader 1 (the benchmark's test figure)", r["system_vs_reader1"]
            ),
            _row("StoryLens against reader 2", r["system_vs_reader2"]),
            _row(
                f"StoryLens against the quotes both readers mark with the same speaker "
                f"({agreed['n_system_left_out']} of its quotes on a contested span left out)",
                agreed,
            ),
            "",
            f"Disagreements: {d['n']} ({d['by_kind']['speaker']} speakers, "
            f"{d['by_kind']['only_first']} quotes only in the gold, {d['by_kind']['only_second']} "
            f"only in the second reading), each read in place and classed (`DISAGREEMENTS`): "
            f"{c.get('name form', 0)} the same speaker written two ways ('National Weather Service "
            "in Gray' / 'National Weather Service' twice; 'Tan' / 'Hock Tan' three times, where the "
            "article names only Mr. Tan and the second reader took the first name from another "
            f"outlet's article), {c.get('convention', 0)} conventions the guideline leaves open "
            "(quoted headlines, subheads and a caption in single marks, 6, all in the second reading "
            "only; a report's words given to its task force or to the man who led it, 2; 'Lawmakers "
            '... described themselves as "sitting ducks"\' given to the one lawmaker quoted later '
            "or to no one, 2; a condition an unnamed hospital spokeswoman confirmed, no one or the "
            "hospital, 2; a charge's name, 'for \"insulting the judiciary\"', 2), "
            f"{c.get('ambiguous', 0)} ambiguous ('as she calls it, \"beedoop machine\"': a verb of "
            "naming, but a nickname; 'made a $121 billion \"best and final offer\"': the company's "
            f"words, no verb of saying), {c.get('gold error', 0)} plain errors of the gold: the test "
            "gold is unchanged, and so is StoryLens's test figure.",
            "",
            "Verdict: two readers agree on quote span+speaker at F1 "
            f"{r['reader2_vs_reader1']['span_speaker']['f1']:.3f} "
            f"({r['reader1_vs_reader2']['span_speaker']['f1']:.3f} the other way, "
            f"{reconciled['span_speaker']['f1']:.3f} when the same person written two ways "
            "counts as agreement), and on the speaker of a quote both mark "
            f"{r['reader2_vs_reader1']['speaker_agreement']:.3f}-{reconciled['speaker_agreement']:.3f} "
            "of the time. The target of 0.90 lies below that ceiling: **it is within what two "
            "readers agree on**. StoryLens's shortfall is not the gold's ambiguity: against the "
            "quotes both readers agree on it scores span+speaker F1 "
            f"{agreed['span_speaker']['f1']:.3f} with the speaker right for "
            f"{agreed['speaker_agreement']:.3f} of matched quotes, against reader 2 "
            f"{r['system_vs_reader2']['span_speaker']['f1']:.3f}, against the gold "
            f"{r['system_vs_reader1']['span_speaker']['f1']:.3f}.",
            "",
            "Limits of the study: the second reader is another AI session, not a human, so two "
            "people may agree less. It followed the same guideline, some of whose worked examples "
            'come from these very test articles (\'a "model" state law\', \'"non-revenue" '
            "travellers', '\"grave\" condition, police said'), so agreement on those edge cases is "
            "not independent. Both readings found spans from the quote marks, so span agreement "
            "mostly measures which marked words count as a quote, not where a quote starts. "
            "StoryLens as of e27f63a (332173b gives the same figures): the benchmark's table above "
            "reads 0.811 on test, and those commits measure "
            f"{r['system_vs_reader1']['span_speaker']['f1']:.3f} (speaker accuracy "
            f"{r['system_vs_reader1']['speaker_agreement']:.3f}) on the same gold.",
            MARKER_END,
        ]
    )


def write_results(section: str, path: Path = RESULTS) -> None:
    """Put `section` in RESULTS.md: in place of its old version, else right after the
    quotes section's end marker (else at the end)."""
    text = path.read_text(encoding="utf-8")
    if MARKER_START in text and MARKER_END in text:
        head, rest = text.split(MARKER_START, 1)
        text = head + section + rest.split(MARKER_END, 1)[1]
    elif "<!-- quotes:end -->" in text:
        head, tail = text.split("<!-- quotes:end -->", 1)
        text = head + "<!-- quotes:end -->\n\n" + section + tail
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["show", "score"])
    parser.add_argument("events", nargs="*", help="show: the events to print (default all)")
    parser.add_argument("--disagreements", action="store_true")
    parser.add_argument("--write", action="store_true", help="score: write RESULTS.md's section")
    args = parser.parse_args()
    if args.command == "show":
        show(args.events or None)
    else:
        result = score(args.disagreements)
        print(json.dumps(result, indent=1))
        if args.write:
            write_results(results_section(result))
