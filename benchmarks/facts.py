"""Fact alignment across outlets scored against a hand-read real gold set (issue 17).

    python -m benchmarks.facts [--real dev|test] [--errors] [--write]

The gold (benchmarks/gold/real/facts_<split>.json, guideline in that folder's README):
for a seeded sample of fact sentences of real multi-outlet events (BASIL triplets, a few
gvc and giveme5w1h stories), each given as article id + character offsets into the body,
the sentences of the event's other outlets that state the same fact (ids + offsets), or
none. The texts are read from ../shared/data/labelled/ at run time.

Each event's articles are compared as one story by `compare_facts` with the static
MiniLM vectors (`facts_embedder()`), as the pipeline compares English stories, and
scored per drawn sentence s:
- pairs "states the same fact": predicted pairs are (s, t) with t a sentence of another
  outlet in s's fact (same `fact_id`), gold pairs (s, t) with t an annotated sentence (a
  gold span is the sentence it overlaps most); precision, recall, F1 over all pairs;
- outlets "reports it": the other outlets in s's `outlets` against the outlets of its
  gold sentences (what a reader is told about agreement);
- exclusive ("only this outlet reports"): precision is the share of drawn sentences
  called exclusive that no other outlet states in the gold; recall the share of the
  gold's exclusive sentences called exclusive.
"Before" is the grouping before issue 17 (`BEFORE`: every pair over the threshold
matches, the leader grouping); "after" the current CompareConfig.
`--real` (default dev) prints both for one split; `--write` scores dev and test and the
cost, and writes RESULTS.md's facts-real section.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

import polars as pl

from benchmarks.gold_real import LABELLED, REAL_GOLD
from benchmarks.results_md import write_section
from clustering.compare.facts import compare_facts, facts_embedder, split_fact_sentences
from clustering.compare.quote_groups import align_quotes, quote_spans
from clustering.config import CompareConfig
from clustering.extract.quotes import extract_quotes
from clustering.schema import ARTICLES
from clustering.text import split_sentences

ROOT = Path(__file__).resolve().parents[1]
BASIL_SPLIT = ROOT / "benchmarks" / "gold" / "basil_framing_split.json"
#: The issue's number: events and sentences are drawn with it.
SEED = 17
#: Events drawn per split: BASIL from the framing split, gvc and giveme5w1h from
#: benchmarks/gold/real/events.json (its own dev/test alternation).
EVENTS_PER_SPLIT = {
    "dev": {"basil": 12, "gvc": 2, "giveme5w1h": 1},
    "test": {"basil": 8, "gvc": 1, "giveme5w1h": 1},
}
#: Fact sentences drawn per article.
SENTENCES_PER_ARTICLE = 3
#: The facts comparison before issue 17, scored beside the current one.
BEFORE = CompareConfig(fact_mutual_margin=None, fact_grouping="leader")


def draw_events(split: str) -> list[tuple[str, str]]:
    """(dataset, event id) of the split's gold events, drawn by the seeded rule."""
    basil = json.loads(BASIL_SPLIT.read_text(encoding="utf-8"))
    listed = json.loads((REAL_GOLD / "events.json").read_text(encoding="utf-8"))["events"]
    chosen = []
    for dataset, n in EVENTS_PER_SPLIT[split].items():
        if dataset == "basil":
            pool = sorted(basil[split])
        else:
            pool = sorted(
                e["event"]
                for e in listed
                if e["dataset"] == dataset and e["split"] == split and "file" not in e
            )
        chosen += [
            (dataset, e) for e in random.Random(f"facts-{dataset}-{split}-{SEED}").sample(pool, n)
        ]
    return chosen


def event_articles(dataset: str, event: str, labelled: Path = LABELLED) -> list[dict[str, Any]]:
    """The labelled records of one event: BASIL's three articles, or the articles that
    events.json lists for a gvc / giveme5w1h event (distinct outlets), in id order."""
    listed = json.loads((REAL_GOLD / "events.json").read_text(encoding="utf-8"))["events"]
    ids = {a for e in listed if e["event"] == event for a in e["articles"]}
    out = []
    with (labelled / f"{dataset}.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if (dataset == "basil" and record["cluster_id"] == event) or record["id"] in ids:
                out.append(record)
    return sorted(out, key=lambda r: r["id"])


def draw_sentences(article_id: str, body: str) -> list[tuple[int, int]]:
    """(start, end) of the article's sampled fact sentences (`split_fact_sentences`), at
    most SENTENCES_PER_ARTICLE, drawn with a seed of the article id, in body order."""
    sentences, facts = split_fact_sentences(body)
    k = min(SENTENCES_PER_ARTICLE, len(facts))
    drawn = random.Random(f"facts-{article_id}-{SEED}").sample(list(facts), k)
    return [(sentences[i].start, sentences[i].end) for i in sorted(drawn)]


# --- Gold and articles ----------------------------------------------------------------


def load_gold(split: str, gold_dir: Path = REAL_GOLD) -> dict[str, dict[str, Any]]:
    """{event: {"dataset", "articles", "sentences"}} of facts_<split>.json."""
    if split not in ("dev", "test"):
        raise ValueError(f"split should be 'dev' or 'test'. Got {split!r} instead.")
    path = gold_dir / f"facts_{split}.json"
    return json.loads(path.read_text(encoding="utf-8"))["events"]


def articles_frame(records: list[dict[str, Any]]) -> pl.DataFrame:
    """Labelled records as an ARTICLES frame: article_id = the record's id, body as stored
    (the gold's offsets point into it), no duplicates (each record is its own outlet's)."""
    rows = [
        {column: None for column in ARTICLES}
        | {
            "article_id": r["id"],
            "outlet": r.get("outlet") or "",
            "title": r.get("title") or "",
            "lead": r.get("lead") or "",
            "body": r.get("body") or "",
            "lang": "en",
        }
        for r in records
    ]
    return pl.DataFrame(rows, schema=ARTICLES)


def load_events(
    gold: dict[str, dict[str, Any]], labelled: Path = LABELLED
) -> dict[str, pl.DataFrame]:
    """{event: ARTICLES frame of the gold's articles}, read from ../shared/data/labelled."""
    wanted: dict[str, set[str]] = {}
    for event in gold.values():
        wanted.setdefault(event["dataset"], set()).update(event["articles"])
    records: dict[str, dict[str, Any]] = {}
    for dataset, ids in sorted(wanted.items()):
        with (labelled / f"{dataset}.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                if record["id"] in ids:
                    records[record["id"]] = record
    return {
        name: articles_frame([records[a] for a in event["articles"]])
        for name, event in gold.items()
    }


# --- Scores -----------------------------------------------------------------------------


COUNTS = (
    "pairs_right",
    "pairs_predicted",
    "pairs_gold",
    "outlets_right",
    "outlets_predicted",
    "outlets_gold",
    "exclusive_right",
    "exclusive_predicted",
    "exclusive_gold",
)


def _sentence_at(spans: list[tuple[int, int]], start: int, end: int) -> int | None:
    """Index of the sentence span that overlaps [start, end) most (None: none does)."""
    best, best_overlap = None, 0
    for i, (a, b) in enumerate(spans):
        overlap = min(b, end) - max(a, start)
        if overlap > best_overlap:
            best, best_overlap = i, overlap
    return best


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 0.0


def score_event(
    gold: dict[str, Any], facts: pl.DataFrame, articles: pl.DataFrame
) -> tuple[dict[str, int], list[dict[str, Any]]]:
    """Counts of one event and one row per drawn sentence (for `--errors`).

    `facts`: `compare_facts`'s FACTS frame of the event's articles. A gold span is the
    sentence (`split_sentences` of the body) it overlaps most; a drawn sentence that is not
    among the facts' rows (or a gold partner that is not) simply cannot be paired.
    """
    spans = {
        a: [(s.start, s.end) for s in split_sentences(body)]
        for a, body in articles.select("article_id", "body").iter_rows()
    }
    source = {
        a: o if o.strip() else a for a, o in articles.select("article_id", "outlet").iter_rows()
    }
    fact_of = {
        (a, i): (f, k, set(o))
        for a, i, f, k, o in facts.select(
            "article_id", "sentence_index", "fact_id", "kind", "outlets"
        ).iter_rows()
    }
    members: dict[str, set[tuple[str, int]]] = {}
    for (a, i), (f, _, _) in fact_of.items():
        members.setdefault(f, set()).add((a, i))
    counts = dict.fromkeys(COUNTS, 0)
    rows = []
    for drawn in gold["sentences"]:
        me = (drawn["article"], _sentence_at(spans[drawn["article"]], drawn["start"], drawn["end"]))
        want = {
            (s["article"], _sentence_at(spans[s["article"]], s["start"], s["end"]))
            for s in drawn["same"]
        }
        fact, kind, outlets = fact_of.get(me, (None, None, set()))
        got = {m for m in members.get(fact, set()) if m[0] != me[0]} if fact else set()
        # The outlets the row says report it, against those whose sentences state it.
        told = outlets - {source[me[0]]}
        stated = {source[a] for a, _ in want}
        counts["outlets_right"] += len(told & stated)
        counts["outlets_predicted"] += len(told)
        counts["outlets_gold"] += len(stated)
        counts["pairs_right"] += len(got & want)
        counts["pairs_predicted"] += len(got)
        counts["pairs_gold"] += len(want)
        exclusive = kind == "exclusive"
        counts["exclusive_predicted"] += exclusive
        counts["exclusive_gold"] += not want
        counts["exclusive_right"] += exclusive and not want
        rows.append({"sentence": me, "kind": kind, "got": got, "want": want})
    return counts, rows


def summarise(counts: dict[str, int]) -> dict[str, Any]:
    """Pair and outlet precision/recall/F1, exclusive precision/recall from summed counts."""
    p = _ratio(counts["pairs_right"], counts["pairs_predicted"])
    r = _ratio(counts["pairs_right"], counts["pairs_gold"])
    op = _ratio(counts["outlets_right"], counts["outlets_predicted"])
    orr = _ratio(counts["outlets_right"], counts["outlets_gold"])
    return {
        "pair_precision": p,
        "pair_recall": r,
        "pair_f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "outlet_precision": op,
        "outlet_recall": orr,
        "exclusive_precision": _ratio(counts["exclusive_right"], counts["exclusive_predicted"]),
        "exclusive_recall": _ratio(counts["exclusive_right"], counts["exclusive_gold"]),
        **counts,
    }


def story_quotes(articles: pl.DataFrame) -> pl.DataFrame:
    """The quote groups of one event as `compare_story` hands them to `compare_facts`
    (`quote_spans` of `align_quotes` over the articles' extracted quotes)."""
    quotes = extract_quotes(articles)
    return quote_spans(align_quotes(quotes, articles), quotes)


def score_split(
    split: str, config: CompareConfig | None = None, errors: bool = False, quotes: bool = True
) -> dict[str, Any]:
    """Score `compare_facts` (static MiniLM vectors, `config`; with `quotes`, the event's
    quote groups as `compare_story` hands them) on a split's gold events: `summarise`'s
    figures plus "events" and "sentences". With `errors`, prints every drawn sentence
    whose predicted partners differ from the gold's."""
    gold = load_gold(split)
    frames = load_events(gold)
    total = dict.fromkeys(COUNTS, 0)
    for name, event in gold.items():
        facts = compare_facts(
            frames[name],
            facts_embedder(),
            config=config,
            quotes=story_quotes(frames[name]) if quotes else None,
        )
        counts, rows = score_event(event, facts, frames[name])
        for key, value in counts.items():
            total[key] += value
        if errors:
            _print_errors(name, rows, facts, frames[name])
    sentences = sum(len(e["sentences"]) for e in gold.values())
    return summarise(total) | {"events": len(gold), "sentences": sentences}


def _print_errors(
    name: str, rows: list[dict[str, Any]], facts: pl.DataFrame, articles: pl.DataFrame
) -> None:
    texts = {
        (a, i): s
        for a, i, s in facts.select("article_id", "sentence_index", "sentence").iter_rows()
    }
    bodies = dict(articles.select("article_id", "body").iter_rows())

    def text(key: tuple[str, int]) -> str:
        return texts.get(key) or split_sentences(bodies[key[0]])[key[1]].text

    for row in rows:
        if row["got"] == row["want"] and (row["kind"] == "exclusive") == (not row["want"]):
            continue
        me = row["sentence"]
        print(f"\n[{name[:12]}] {row['kind']}  {me[0][-8:]}#{me[1]}: {text(me)[:160]}")
        for key in sorted(row["got"] - row["want"]):
            print(f"   FALSE  {key[0][-8:]}#{key[1]}: {text(key)[:160]}")
        for key in sorted(row["want"] - row["got"]):
            print(f"   MISSED {key[0][-8:]}#{key[1]}: {text(key)[:160]}")


# --- Cost -------------------------------------------------------------------------------


def basil_stories(labelled: Path = LABELLED) -> list[pl.DataFrame]:
    """BASIL's 100 events (300 articles) as one ARTICLES frame each, in event order."""
    events: dict[str, list[dict[str, Any]]] = {}
    with (labelled / "basil.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            events.setdefault(record["cluster_id"], []).append(record)
    return [articles_frame(events[e]) for e in sorted(events)]


def cost_per_100(stories: list[pl.DataFrame], rounds: int = 3) -> dict[str, float]:
    """Process CPU seconds of `compare_facts` per 100 articles, before and after: each
    story compared with both, alternately, `rounds` times after one warm-up pass (the
    embedder's table, the sentence splits); each story's fastest time, summed (this
    machine is shared: a story's slower runs are other helpers' load). The TF-IDF matrix
    is remembered for 4 stories only, so every comparison recomputes it, as a run's
    first comparison of a story does."""
    n_articles = sum(s.height for s in stories)
    for story in stories:
        compare_facts(story, facts_embedder())
    total = {"before": 0.0, "after": 0.0}
    for story in stories:
        best = {"before": float("inf"), "after": float("inf")}
        for _ in range(rounds):
            for name, config in (("before", BEFORE), ("after", None)):
                start = time.process_time()
                compare_facts(story, facts_embedder(), config=config)
                best[name] = min(best[name], time.process_time() - start)
        for name, seconds in best.items():
            total[name] += seconds
    return {k: round(v * 100 / n_articles, 3) for k, v in total.items()}


# --- Runner and RESULTS.md --------------------------------------------------------------


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def run(splits: list[str], cost: bool = False) -> dict[str, Any]:
    """Before and after on each split (and the cost on BASIL with `cost`)."""
    result: dict[str, Any] = {
        "gold_sha256": {s: _sha(REAL_GOLD / f"facts_{s}.json") for s in splits},
        "versions": {p: version(p) for p in ("polars", "numpy", "scikit-learn")},
        "embedder": facts_embedder().name,
        "parameters": {
            k: getattr(CompareConfig(), k)
            for k in (
                "fact_similarity_static",
                "fact_mutual_margin",
                "fact_grouping",
                "fact_figures_agree",
            )
        },
    }
    for split in splits:
        result[split] = {
            "before": score_split(split, BEFORE, quotes=False),
            "after": score_split(split),
        }
    if cost:
        result["cost_per_100_articles_s"] = cost_per_100(basil_stories())
    return result


def _row(name: str, split: str, m: dict[str, Any]) -> str:
    return (
        f"| {name} | {split} | {m['pair_precision']:.3f} | {m['pair_recall']:.3f} | "
        f"**{m['pair_f1']:.3f}** | {m['outlet_precision']:.3f} | {m['outlet_recall']:.3f} | "
        f"**{m['exclusive_precision']:.3f}** | {m['exclusive_recall']:.3f} | "
        f"{m['pairs_right']}/{m['pairs_predicted']}/{m['pairs_gold']} | "
        f"{m['exclusive_right']}/{m['exclusive_predicted']}/{m['exclusive_gold']} |"
    )


#: What was tried on dev and what the figures mean (kept with the generated table).
NOTES = [
    "**The defect, measured (dev):** before, 30 of the 83 pairs the facts put in one fact "
    "were not the same fact (pair precision 0.64), and 14 of 77 outlets a row said report "
    "a sentence did not. The leader grouping gave the sentence most outlets state all its "
    "matches, so one sentence that resembles two claims of another outlet joined them "
    "(the elephant-trophy ban lifted for Zimbabwe now and Zambia two weeks ago; a "
    "spokesman's two quotes). **Kept:** a pair of sentences of two outlets matches only "
    "when each is, within 0.02 of its score, the other's best match in its outlet (mutual "
    "best), and facts form by average linkage (strongest match first; two groups join "
    "only while their cross-outlet pairs average the threshold). Kind and outlets are a "
    "sentence's own mutual matches. The similarity and its threshold (static MiniLM + "
    "story TF-IDF, 0.5) are unchanged.",
    "",
    "**Tried on dev and not kept:** a stricter threshold (0.55: pairs P 0.90 R 0.37, but "
    "exclusive precision 0.80 -> 0.74: more stated facts called exclusive); complete "
    "linkage (P 0.86, R 0.43) and one sentence per outlet in a fact (P 0.77, R 0.43); "
    "another weight of TF-IDF against the vectors (0.3-0.7: no point beyond 0.5's "
    "precision/recall curve); named actors that must agree (capitalised names shared: "
    "pairs P 0.83, no gain); figures in digits that must agree (no dev figure moved; on "
    "BASIL's 100 events it removes 31 matches, by eye about half real conflicts, 'since "
    "2002' / 'since 2003', and half one claim with rounded or other figures, '35.7 "
    "percent' / '35.72', '1 in 3' / 'two-in-three'; left as `fact_figures_agree`, off). "
    "Margin 0 instead of 0.02: outlets P 0.92 R 0.60, exclusive P 0.78 R 0.95.",
    "",
    "**Not reached: exclusive precision stays at 0.80.** The exclusive sentences that "
    "another outlet does state are paraphrases with few shared words ('Calderón expressed "
    "similar concerns' / 'has also dismissed Trump's idea'; 'pronounced dead at the scene "
    "at 7:32 p.m.' / 'died Friday night at the scene'), which the static vectors and the "
    "TF-IDF do not see; a lower threshold buys precision with much recall (0.45: P 0.84, "
    "R 0.55). Mutual best calls more of the real exclusive sentences exclusive (recall "
    "0.85 -> 0.94) at the same precision. **Test, scored once:** pairs P 0.66 -> 0.80 "
    "(R 0.43 -> 0.43), outlets P 0.90 -> 0.91 (R 0.63 -> 0.59), exclusive P 0.73 -> 0.72 "
    "(one more sentence called exclusive that another outlet states; R 0.88 both).",
    "",
    "**Elsewhere:** `python -m benchmarks.framing` is identical before and after (its "
    "exclusive-facts row reads the slant features, not `compare_facts`); `compare_facts`'s "
    "exclusive sentences against BASIL's informational-bias sentences, dev: F1 0.263 -> "
    "0.263 (P 0.165 -> 0.164, R 0.64 -> 0.67). The sample gold (`benchmarks/"
    "compare_facts.py`, exclusive facts of the 48 fictional articles): P 0.394 -> 0.385, "
    "R 0.980 -> 0.990 (251 -> 260 called exclusive; the sample lists only the facts its "
    "author planted).",
    "",
    "**Page furniture is no fact (issue 16, 5b63ae2).** On the news-please crawl (383 "
    "pages, 68 compared stories) captions, picture credits, teasers of other stories, "
    "video playlists, labels, browser notices and a writer's self-promotion reached the "
    'story page as facts ("Your browser does not support iframes.", "(Name/AP)", "Like '
    '<page> on Facebook ..."). `split_fact_sentences` now leaves out a paragraph of one '
    "sentence that does not end like prose, in a page only (6+ paragraphs, a third of "
    "them ending with a stop; never the first paragraph, a paragraph quoting in double "
    "marks or an embedded post's signature), and `is_fact_sentence` whole credits and "
    "labels and more generic furniture phrases. Crawl, corpus rebuilt: fact rows 8,902 -> "
    "8,356 (546 dropped in 51 stories; 'only this outlet' 5,701 -> 5,259; the Cubs "
    "story's Daily Mail exclusives 125 -> 94); a seeded sample of 60 of the dropped read: "
    "47 furniture, 4 section subheads, 6 summary bullets the body restates, 1 factbox "
    "line, 1 lyric, 1 real sentence without its stop; no row of a story without a drop "
    "changed, 150 kept rows changed kind or outlet count (53 had lost a furniture match, "
    "the rest follow from the story's IDF and best matches). A seeded sample of 60 of all "
    "fact sentences held 1 furniture sentence before (a caption) and 1 after (a caption "
    "ending with a stop): too few to measure the share; captions written as full "
    "sentences stay. Labelled sets: 1,011 of 36,003 fact sentences dropped (giveme5w1h "
    "759, gvc 244, BASIL 4, NewsWCL50 4, NEUS and MEANTIME 0); a seeded sample of 100 "
    "read: 85 furniture, 15 not (5 summary bullets, 4 list items, 2 lead-ins to an embed, "
    "a factbox, a subhead, a pull quote, 1 unclear). This benchmark: dev pairs F1 0.595 "
    "and outlets unchanged, exclusive P/R 0.795/0.939 -> 0.792/0.924 (one drawn gold "
    "sentence, editors' initials 'xx/yy (AFP, dpa)', is no fact any more); test "
    "unchanged; `python -m benchmarks.framing` test unchanged.",
    "",
    "**A quote is stated by the outlets that carry its words (issue 16, task H2).** The "
    "crawl's Cubs story listed Addison Russell's \"And for it to happen in the World "
    "Series...\" as 'stated by 6 of 9 outlets' (through Obama's tweet \"It happened: "
    '@Cubs win World Series.") while its quotes table gave the words to one outlet. '
    "`compare_facts` now reads the story's quote groups (`quote_groups.quote_spans`, "
    "handed over by `compare_story`): a sentence at least half quoted words is that quote, "
    "and two such sentences of different outlets match, and share a fact, only when they "
    "share a quote group, the quote groups' pair test calls their words one quote "
    "(`same_quote`, a speaker taken as no evidence against), or one known person speaks "
    "both. Pairs of such sentences in one fact holding two people's different quotes: "
    "crawl 87 -> 0, BASIL 52 -> 0, gvc 11 -> 0, NewsWCL50 29 -> 0 (the quotes section "
    "reads the rest). The StoryLens rows above are scored with the quote groups (the "
    "'before' rows without): dev pairs P 0.841 -> 0.853, R 0.460 -> 0.460, outlets P "
    "0.910 -> 0.924, exclusive P 0.792 -> 0.795, R 0.924 -> 0.939 (one dev pair changed: "
    "two people's remarks on the attorney general no longer one fact); test, read once, "
    "unchanged.",
    "",
    "**A quote another outlet carries is no exclusive fact, however it is cut into "
    "sentences (issue 16).** Read on the crawl: CNN's '\"Will have double thrust of next "
    "largest rocket,\" he said.' was 'only CNN' while the quotes table gave Musk's tweet "
    "to three outlets; the mutual-best test pairs a sentence with one sentence of each "
    "outlet, so where one outlet keeps a quote in one sentence and another cuts it into "
    "three, two of the three were left exclusive. Now (`_quote_sentences`, "
    "`_quote_matches`) a quote sentence (half of it quoted) that matches nothing of "
    "another outlet is matched to that outlet's sentence of the same quote group it "
    "scores highest with (scored at the threshold at least, so average linkage groups "
    "them); sentences already matched keep their matches, so a quote cut alike by both "
    "outlets stays a fact a sentence (tests/test_facts_quote_sentences.py, 4). Crawl "
    "(`storylens run`, 383 pages): 88 fact rows of 20 stories changed, every one read: "
    "30 quote sentences 'only this outlet' -> shared or consensus, 58 shared rows one "
    "or two outlets more (the same quote in another outlet), all right; exclusive quote "
    "sentences whose quote group spans two outlets 12 -> 4 (the 4: partial quotes under "
    "half the sentence, the outlet's own words). Dev: pairs unchanged (P 0.853, R 0.460), "
    "outlets P 0.924 -> 0.926, R 0.629 -> 0.649, exclusive unchanged (P 0.795, R 0.939). "
    "Test, read once for its figure (errors not read): pairs P 0.797 -> 0.773 (one pair "
    "more, wrong), outlets P 0.912 -> 0.881, exclusive P 0.717 -> 0.712, R 0.884 -> "
    "0.860: one of its sentences the gold calls exclusive is now shared. Kept on dev and "
    "the crawl read by eye; the test drop is one sentence of 96 and is stated here.",
]


def section(result: dict[str, Any]) -> str:
    """RESULTS.md's facts-real section from `run(["dev", "test"], cost=True)`."""
    splits = [s for s in ("dev", "test") if s in result]
    sizes = ", ".join(
        f"{s} {result[s]['after']['events']} events / {result[s]['after']['sentences']} "
        f"sentences (sha256 {result['gold_sha256'][s]})"
        for s in splits
    )
    lines = [
        "<!-- facts-real:start -->",
        "## Facts on real coverage: which sentences state the same fact "
        "(`python -m benchmarks.facts --write`)",
        "",
        f"Gold: benchmarks/gold/real/facts_<split>.json ({sizes}): fact sentences drawn by "
        "a seeded rule from BASIL triplets (the framing split), gvc and giveme5w1h events, "
        "each annotated by reading with every sentence of the other outlets that states "
        "the same fact (guideline in benchmarks/gold/real/README.md), blind to StoryLens "
        "and committed before the first score. Each event is compared as one story with "
        f"the static MiniLM vectors ({result['embedder']}); parameters "
        f"{result['parameters']}; versions {result['versions']}.",
        "",
        "| system | split | pair P | pair R | pair F1 | outlets P | outlets R | "
        "exclusive P | exclusive R | pairs right/predicted/gold | "
        "exclusive right/predicted/gold |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for split in splits:
        lines.append(_row("before (leader grouping)", split, result[split]["before"]))
        lines.append(
            _row("StoryLens (mutual best, average linkage)", split, result[split]["after"])
        )
    lines += [
        "",
        "Pairs: (drawn sentence, sentence of another outlet) in one fact (`fact_id`). "
        "Outlets: the other outlets a drawn sentence's row says report it, against those "
        "whose sentences state it. Exclusive: a sentence called exclusive that no other "
        "outlet states (precision), the gold's exclusive sentences called so (recall).",
    ]
    if "cost_per_100_articles_s" in result:
        c = result["cost_per_100_articles_s"]
        lines += [
            "",
            f"Cost: `compare_facts` over BASIL's 100 events, process CPU per 100 articles "
            f"(each story's best of 3 alternating runs, this shared 2-core machine): before "
            f"{c['before']:.3f} s, after {c['after']:.3f} s (TF-IDF and static vectors "
            "computed in both; in the pipeline the slant model shares the TF-IDF matrix "
            "and the vectors are cached, issue 14's ~0.1 s). The new steps alone (mutual "
            "best, average linkage, the rows) on precomputed scores: 0.04 -> 0.05 s per "
            "100 articles (three runs at load 7; noisy).",
        ]
    if NOTES:
        lines += ["", *NOTES]
    lines.append("<!-- facts-real:end -->")
    return "\n".join(lines) + "\n"


def _print(result: dict[str, Any]) -> None:
    for split in ("dev", "test"):
        if split in result:
            for name in ("before", "after"):
                m = result[split][name]
                print(
                    f"{split} {name:6s} pairs P {m['pair_precision']:.3f} R "
                    f"{m['pair_recall']:.3f} F1 {m['pair_f1']:.3f} | outlets P "
                    f"{m['outlet_precision']:.3f} R {m['outlet_recall']:.3f} | exclusive P "
                    f"{m['exclusive_precision']:.3f} R {m['exclusive_recall']:.3f}"
                )
    if "cost_per_100_articles_s" in result:
        print("cost per 100 BASIL articles (s CPU):", result["cost_per_100_articles_s"])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--real", choices=("dev", "test"), default="dev", help="split to score")
    parser.add_argument("--errors", action="store_true", help="print the sentences scored wrong")
    parser.add_argument("--write", action="store_true", help="dev + test + cost -> RESULTS.md")
    args = parser.parse_args(argv)
    if args.write:
        result = run(["dev", "test"], cost=True)
        write_section(section(result))
    else:
        result = run([args.real])
        if args.errors:
            score_split(args.real, errors=True)
    _print(result)


if __name__ == "__main__":
    main(sys.argv[1:])
