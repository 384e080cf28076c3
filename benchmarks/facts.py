"""Fact alignment across outlets scored against a hand-read real gold set.

    python -m benchmarks.facts [--real dev|test] [--write] [--errors]

The gold (benchmarks/gold/real/facts_<split>.json, guideline in that folder's README):
for a seeded sample of fact sentences of real multi-outlet events (BASIL triplets, a few
gvc and giveme5w1h stories), each given as article id + character offsets into the body,
the sentences of the event's other outlets that state the same fact (ids + offsets), or
none. The texts are read from ../shared/data/labelled/ at run time.

Scored per sampled sentence s against `compare_facts`'s output for its event:
- pair precision / recall of "states the same fact": predicted pairs are (s, t) with t
  a sentence of another outlet in s's fact group (same `fact_id`), gold pairs (s, t) with
  t one of the annotated sentences (a gold span is the fact sentence it overlaps);
- exclusive precision: of the sampled sentences StoryLens calls exclusive ("only this
  outlet reports"), the share that no other outlet states in the gold; exclusive recall:
  of the gold's exclusive sentences, the share StoryLens calls exclusive.
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
from clustering.compare.facts import compare_facts, facts_embedder, split_fact_sentences
from clustering.schema import ARTICLES

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
        chosen += [(dataset, e) for e in random.Random(f"facts-{dataset}-{split}-{SEED}").sample(pool, n)]
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
