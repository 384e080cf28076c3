"""Stress sets for the clustering stage, built in code, and the runner that scores them.

    python -m benchmarks.streams [--sets gvc_test,neus_undated_lead,...]
                                 [--cluster '{"cannot_link_cues": 2}'] [--json out.json] [--write]

Stress sets (gold labels never reach the clustering; `evaluate.score` against them):

- **labelled/<name>**: every labelled file as it is (../shared/data/labelled).
- **pooled**: the five English labelled files in one corpus (gold story ids prefixed by
  the file), so stories of one file meet look-alikes of the others.
- **gvc_tune / gvc_test**: gvc.jsonl by its `split` (incidents are split, not articles):
  train+dev is where parameters are chosen, test is reported.
- **neus_undated_lead**: neus_allsides.jsonl with every date removed and the body cut to
  the lead (what a CSV export of headlines and standfirsts gives); also
  **neus_undated** (dates removed, body kept) and **gvc_undated_lead**.
- **synthetic_events_<n>**: a stream of n short reports of look-alike events (shootings,
  fires, crashes, ...) from templates with varying towns, names, ages, counts and days
  (`similar_event_stream`): many events of one kind on the same days, each covered by
  one to a dozen outlets with different wording. No real text is used.

Embeddings are real MiniLM vectors (title + body as the pipeline embeds them), cached in
benchmarks/.cache by text hash, so each text is embedded once across runs.

Each set is scored for our clustering and for plain HDBSCAN on the same vectors
(`baselines.hdbscan_raw`), with the seconds each took.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import tempfile
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
from numpy.typing import NDArray

from benchmarks.bench import DEFAULT_CACHE_DIR, INPUT_FIELDS
from clustering.config import Config, IngestConfig, load_config
from clustering.evaluate import noise_as_singletons, score
from clustering.ingest import load_articles

HERE = Path(__file__).resolve().parent
LABELLED = HERE.parents[1] / "shared" / "data" / "labelled"
#: The English labelled files (meantime_multilingual is the languages work's set).
ENGLISH = ("newswcl50", "basil", "giveme5w1h", "neus_allsides", "gvc")


@dataclass(frozen=True)
class StressSet:
    """One corpus to cluster: `articles` are the originals (duplicates left out) in the
    pipeline's canonical order, `vectors` float32 (n, 384) unit rows aligned with them,
    `gold` the gold story of each row (str array, shape (n,)). `duplicates` counts the
    near-duplicates ingest set aside (each is scored with its original's story, so they
    are left out of the scores here: they cannot change B-cubed by more than their share)."""

    name: str
    articles: pl.DataFrame
    vectors: NDArray[np.float32]
    gold: NDArray[np.str_]
    duplicates: int


def story_half(story: str) -> str:
    """ "dev" or "test": a fixed half of a file's gold stories, by a hash of the story id,
    for files without a split of their own (neus_allsides): tune on dev, report test."""
    return "dev" if zlib.crc32(story.encode()) % 2 == 0 else "test"


def _records(
    name: str, *, undated: bool = False, lead_only: bool = False, splits: Sequence[str] = ()
) -> tuple[list[dict[str, Any]], list[str]]:
    """(input records holding only INPUT_FIELDS plus an id, gold story per record) of one
    labelled file, changed as asked: dates removed, body cut to the lead, only some splits
    (the file's `split`, or "dev"/"test" halves by `story_half` where it has none)."""
    records, gold = [], []
    with open(LABELLED / f"{name}.jsonl", encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            raw = json.loads(line)
            split = raw.get("split") or story_half(str(raw["cluster_id"]))
            if splits and split not in splits:
                continue
            record = {"id": f"{name}:{line_no}"} | {k: raw[k] for k in INPUT_FIELDS if k in raw}
            if undated:
                record["date"] = ""
            if lead_only:
                record["body"] = record.get("lead") or ""
            records.append(record)
            gold.append(f"{name}:{raw['cluster_id']}")
    return records, gold


def build_set(
    name: str,
    records: list[dict[str, Any]],
    gold: list[str],
    embedder: Any = None,
    cache_dir: Path = DEFAULT_CACHE_DIR,
) -> StressSet:
    """Ingest `records` as the pipeline does (via a JSON Lines file), embed the originals
    (cached) and align their gold stories."""
    from clustering.pipeline import canonical_order, embed_articles

    with tempfile.TemporaryDirectory(prefix="storylens-streams-") as tmp:
        path = Path(tmp) / f"{name}.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            for record in records:
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        ingested = load_articles([path], IngestConfig())
    articles = ingested.articles
    originals = canonical_order(articles.filter(pl.col("duplicate_of").is_null()))
    gold_of = dict(zip((r["id"] for r in records), gold, strict=True))
    config = Config()
    if embedder is None:
        from clustering.embed import load_embedder

        embedder = load_embedder(config.embed)
    vectors, _ = embed_articles(originals, embedder, config, cache_dir)
    labels = np.array([gold_of[s] for s in originals["source_id"].to_list()])
    return StressSet(name, originals, vectors, labels, articles.height - originals.height)


def labelled_set(
    name: str,
    *,
    undated: bool = False,
    lead_only: bool = False,
    splits: Sequence[str] = (),
    embedder: Any = None,
) -> StressSet:
    """One labelled file as a stress set (see `_records` for the variants)."""
    records, gold = _records(name, undated=undated, lead_only=lead_only, splits=splits)
    label = name + ("_undated" if undated else "") + ("_lead" if lead_only else "")
    label += ("_" + "+".join(splits)) if splits else ""
    return build_set(label, records, gold, embedder)


def pooled_set(names: Sequence[str] = ENGLISH, embedder: Any = None) -> StressSet:
    """Every file of `names` in one corpus (gold ids are prefixed by the file)."""
    records: list[dict[str, Any]] = []
    gold: list[str] = []
    for name in names:
        r, g = _records(name)
        records += r
        gold += g
    return build_set("pooled", records, gold, embedder)


def cluster_set(stress: StressSet, config: Config) -> tuple[NDArray[np.int64], float]:
    """(story label per row of `stress.articles`, seconds) from the pipeline's
    clustering stage (`cluster.articles.cluster_articles`, corpus word statistics of the set)."""
    from clustering.cluster import document_frequencies, term_counts
    from clustering.cluster.articles import cluster_articles, sparse_texts

    start = time.perf_counter()
    doc_freq = document_frequencies(term_counts(sparse_texts(stress.articles)))
    labels, _ = cluster_articles(
        stress.articles, stress.vectors, config, doc_freq, stress.articles.height
    )
    return labels, time.perf_counter() - start


def hdbscan_set(stress: StressSet) -> tuple[NDArray[np.int64], float]:
    """Plain HDBSCAN on the same vectors (benchmarks.baselines.hdbscan_raw), noise as
    single-article stories, and its seconds."""
    from benchmarks.baselines import hdbscan_raw

    start = time.perf_counter()
    labels = hdbscan_raw(stress.articles, stress.vectors, 0)
    return noise_as_singletons(labels), time.perf_counter() - start


def spanning_stories(gold: NDArray[Any], labels: NDArray[np.int64]) -> int:
    """Predicted stories holding articles of more than one gold event."""
    frame = pl.DataFrame({"gold": gold, "label": labels})
    per_story = frame.group_by("label").agg(pl.col("gold").n_unique().alias("events"))
    return int((per_story["events"] > 1).sum())


def score_set(stress: StressSet, config: Config, baseline: bool = True) -> dict[str, Any]:
    """B-cubed and the other `evaluate.score` keys of our clustering on `stress`, its
    seconds, the stories spanning several gold events, and the same for plain HDBSCAN."""
    labels, seconds = cluster_set(stress, config)
    out: dict[str, Any] = {
        "set": stress.name,
        "n_articles": stress.articles.height,
        "n_gold": int(len(set(stress.gold.tolist()))),
        **score(stress.gold, labels),
        "spanning": spanning_stories(stress.gold, labels),
        "largest": int(np.bincount(labels).max()),
        "seconds": seconds,
    }
    if baseline:
        raw, raw_seconds = hdbscan_set(stress)
        out["hdbscan_raw"] = {
            **score(stress.gold, raw),
            "spanning": spanning_stories(stress.gold, raw),
            "seconds": raw_seconds,
        }
    return out


# --- synthetic stream of look-alike events ---------------------------------------------

_TOWN_HEADS = (
    "Ash Bel Brook Cedar Clear Deer Elm Fair Glen Green Hill Lake Maple Mill Oak Pine "
    "River Rock Spring Stone Sun West North East Wood Fox Red White Black Silver Bridge "
    "Clay Copper Eagle Frank Hart Iron King Lin"
).split()
_TOWN_TAILS = (
    "field ford ton ville wood dale port burg view haven ridge mont land brook side".split()
)
_STATES = (
    "Ohio Texas Georgia Indiana Illinois Missouri Kentucky Tennessee Alabama Florida Virginia "
    "Michigan Iowa Kansas Oregon Nevada Arizona Colorado Utah Maine"
).split()
_FIRST = (
    "James John Robert Michael William David Richard Joseph Thomas Charles Daniel Matthew "
    "Anthony Mark Donald Steven Paul Andrew Joshua Kevin Brian George Timothy Ronald Jason "
    "Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy "
    "Betty Sandra Ashley Emily Donna Michelle Carol Amanda Melissa Deborah Laura Rebecca "
    "Tyrone Marcus Andre Jamal Luis Carlos Jose Miguel Diego"
).split()
_LAST = (
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez "
    "Lopez Gonzalez Wilson Anderson Taylor Moore Jackson Martin Lee Perez Thompson White "
    "Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen Wright Scott Torres "
    "Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter "
    "Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart "
    "Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed "
    "Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett"
).split()
_STREETS = "Main Oak Maple Elm Washington Lincoln Park Lake Cedar Pine Walnut Church Market".split()
_STREET_KINDS = ("Street", "Avenue", "Road", "Boulevard", "Drive")
_NUMBER_WORDS = ("no one", "one", "two", "three", "four", "five", "six")
#: The same counts as a noun phrase ("one person", "two people").
_PEOPLE = ("no one", "one person", *(f"{w} people" for w in _NUMBER_WORDS[2:]))

#: Event kinds: (title templates, lead templates, more sentences). Slots: town, state,
#: name, age, weekday, street, killed_w, injured_w (number words), killed_p, injured_p
#: (the same counts as noun phrases), hour.
_KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "shooting": (
        (
            "{age}-year-old man shot dead in {town}",
            "Police identify {name}, {age}, as victim of {town} shooting",
            "{town} shooting leaves {killed_w} dead, {injured_w} hurt",
            "Man killed in {weekday} shooting on {street}",
            "{town} police investigate deadly shooting",
        ),
        (
            "A {age}-year-old man was shot and killed {weekday} night in {town}, {state}, police said.",
            "{name}, {age}, died after being shot on {street} in {town} early {weekday}.",
            "Police in {town} are investigating a shooting that killed {killed_w} and wounded {injured_w} on {weekday}.",
            "Officers responded to reports of shots fired near {street} in {town}, {state}, around {hour} p.m. {weekday}.",
        ),
        (
            "The victim was identified as {name}, {age}, of {town}.",
            "No arrests have been made, police said.",
            "Anyone with information is asked to call the {town} Police Department.",
            "Witnesses told officers they heard several shots before a car drove away.",
            "Police said {killed_p} died at the scene and {injured_p} went to a hospital.",
            "Investigators believe the shooting was not random.",
        ),
    ),
    "fire": (
        (
            "{town} house fire kills {killed_w}",
            "{name}, {age}, dies in {town} house fire",
            "Fatal fire on {street} in {town}",
            "Woman, {age}, killed in {weekday} blaze",
        ),
        (
            "A {age}-year-old woman died when fire swept through a home on {street} in {town}, {state}, on {weekday}.",
            "Firefighters in {town} found {name}, {age}, inside a burning house early {weekday}.",
            "A house fire in {town} on {weekday} killed {killed_p} and injured {injured_p}.",
        ),
        (
            "The cause of the fire is under investigation, the {town} fire chief said.",
            "Crews arrived at about {hour} a.m. and found heavy smoke.",
            "The victim was identified as {name}, {age}.",
            "Neighbours said they tried to get inside before firefighters arrived.",
            "The house had no working smoke alarms, officials said.",
        ),
    ),
    "crash": (
        (
            "{age}-year-old killed in {town} crash",
            "{name}, {age}, dies in crash on {street}",
            "Deadly crash in {town} kills {killed_w}",
            "Driver killed in {weekday} crash near {town}",
        ),
        (
            "A {age}-year-old driver was killed in a two-car crash on {street} in {town}, {state}, on {weekday}.",
            "{name}, {age}, of {town} died after a crash on {street} {weekday} evening.",
            "A crash in {town} on {weekday} killed {killed_p} and injured {injured_p}.",
        ),
        (
            "Police said speed may have been a factor.",
            "The road was closed for several hours, the {town} police said.",
            "The driver was identified as {name}, {age}.",
            "The other driver was taken to a hospital with minor injuries.",
            "The crash happened at about {hour} p.m.",
        ),
    ),
    "stabbing": (
        (
            "Man, {age}, stabbed to death in {town}",
            "{town} stabbing: police name victim {name}",
            "Fatal stabbing on {street} in {town}",
        ),
        (
            "A {age}-year-old man died after he was stabbed on {street} in {town}, {state}, on {weekday}.",
            "{name}, {age}, was stabbed during a fight in {town} late {weekday}, police said.",
        ),
        (
            "A suspect was taken into custody, {town} police said.",
            "The victim was identified as {name}, {age}.",
            "Police did not say what led to the fight.",
            "Officers found the victim at about {hour} p.m.",
        ),
    ),
    "drowning": (
        (
            "{age}-year-old drowns in {town} lake",
            "{name}, {age}, drowns near {town}",
            "Swimmer drowns at {town} beach",
        ),
        (
            "A {age}-year-old swimmer drowned in a lake near {town}, {state}, on {weekday}.",
            "{name}, {age}, of {town} drowned while swimming on {weekday} afternoon.",
        ),
        (
            "Divers recovered the body at about {hour} p.m.",
            "The victim was identified as {name}, {age}.",
            "There was no lifeguard on duty, officials in {town} said.",
        ),
    ),
}
#: How often each kind happens (shootings dominate, as in the gun-violence corpus).
_KIND_SHARE = {"shooting": 0.5, "fire": 0.15, "crash": 0.2, "stabbing": 0.1, "drowning": 0.05}
_EPOCH = datetime(2024, 3, 4, tzinfo=UTC)
#: "A 81-year-old" -> "An 81-year-old".
_AN_AGE = re.compile(r"\b([Aa]) ((?:8\d|11|18)-year-old)")


def similar_event_stream(
    n_articles: int, seed: int = 0, events_per_day: float = 300.0, undated: bool = False
) -> tuple[list[dict[str, Any]], list[str]]:
    """(input records, gold event per record): `n_articles` short reports (title + 2-4
    sentences) of look-alike events.

    Events: shootings, fires, crashes, stabbings, drownings, `events_per_day` of them a
    day; each in a town (600 made-up names in 20 states, so town names repeat across
    states and events), with one named victim of an age, counts killed and injured, a
    street and a weekday. Coverage per event ~ k^-2.2 (k = 1..12 outlets): most events
    are reported once, as on the real gun-violence corpus. Each report is published 0-2
    days after its event and names the town; it gives the age 85% of the time and the
    name 70%, in templates that vary by outlet. Two events of one kind are never in the
    same town (and state) less than 8 days apart: such pairs could be told apart only by
    the victim, which a reader of a report without the name or age could not do either.
    """
    rng = np.random.default_rng(seed)
    towns = [h + t for h in _TOWN_HEADS for t in _TOWN_TAILS]
    kinds = list(_KIND_SHARE)
    shares = np.array([_KIND_SHARE[k] for k in kinds])
    sizes_p = np.arange(1, 13, dtype=float) ** -2.2
    sizes_p /= sizes_p.sum()
    records: list[dict[str, Any]] = []
    gold: list[str] = []
    seen_days: dict[tuple[str, str, str], list[int]] = {}
    event = 0
    n_days = max(
        1, int(round(n_articles / (events_per_day * float(np.dot(sizes_p, np.arange(1, 13))))))
    )
    while len(records) < n_articles:
        day = int(rng.integers(0, n_days))
        kind = kinds[int(rng.choice(len(kinds), p=shares))]
        # A town free of this kind of event within 8 days of every other one there (events
        # come in random day order, so every earlier day counts, not only the last one).
        for _ in range(1000):
            town, state = towns[int(rng.integers(len(towns)))], _STATES[int(rng.integers(20))]
            if all(abs(seen - day) >= 8 for seen in seen_days.get((kind, town, state), ())):
                break
        else:
            raise ValueError(f"no free town left for {n_articles} articles; use fewer.")
        seen_days.setdefault((kind, town, state), []).append(day)
        when = _EPOCH + timedelta(days=day)
        facts: dict[str, Any] = {
            "town": town,
            "state": state,
            "name": f"{_FIRST[int(rng.integers(len(_FIRST)))]} {_LAST[int(rng.integers(len(_LAST)))]}",
            "age": int(rng.integers(15, 86)),
            "weekday": when.strftime("%A"),
            "street": f"{_STREETS[int(rng.integers(len(_STREETS)))]} "
            f"{_STREET_KINDS[int(rng.integers(len(_STREET_KINDS)))]}",
            "killed": int(rng.integers(1, 4)),
            "injured": int(rng.integers(0, 5)),
            "hour": int(rng.integers(1, 12)),
        }
        facts |= {
            "killed_w": _NUMBER_WORDS[facts["killed"]],
            "injured_w": _NUMBER_WORDS[facts["injured"]],
            "killed_p": _PEOPLE[facts["killed"]],
            "injured_p": _PEOPLE[facts["injured"]],
        }
        titles, leads, more = _KINDS[kind]
        size = int(rng.choice(12, p=sizes_p)) + 1
        for copy in range(size):
            if len(records) >= n_articles:
                break
            gives_age, gives_name = rng.random() < 0.85, rng.random() < 0.7
            usable_titles = [
                t
                for t in titles
                if ("{age}" not in t or gives_age) and ("{name}" not in t or gives_name)
            ] or [titles[-1]]
            usable_leads = [
                t
                for t in leads
                if ("{age}" not in t or gives_age) and ("{name}" not in t or gives_name)
            ] or [leads[-1]]
            usable_more = [
                t
                for t in more
                if ("{age}" not in t or gives_age) and ("{name}" not in t or gives_name)
            ]
            title = usable_titles[int(rng.integers(len(usable_titles)))]
            lead = usable_leads[int(rng.integers(len(usable_leads)))]
            picked = rng.choice(len(usable_more), size=min(3, len(usable_more)), replace=False)
            sentences = [lead] + [usable_more[int(k)] for k in picked[: int(rng.integers(1, 4))]]
            text = _AN_AGE.sub(r"\1n \2", " ".join(sentences).format(**facts))
            # The lead names the place; a title without it gets it as a dateline.
            published = when + timedelta(days=int(rng.choice(3, p=[0.6, 0.3, 0.1])))
            records.append(
                {
                    "id": f"e{event}-{copy}",
                    "title": title.format(**facts),
                    "body": f"{town.upper()}, {state} - {text}",
                    "outlet": f"outlet-{int(rng.zipf(1.3)) % 400:03d}",
                    "url": f"https://news.example/{event}/{copy}",
                    "date": "" if undated else published.strftime("%Y-%m-%d"),
                }
            )
            gold.append(f"event{event}")
        event += 1
    return records, gold


class HashedWordsEmbedder:
    """A fast stand-in for MiniLM on the synthetic streams: each word (lower-cased, 3+
    letters) adds 1 to one of 384 hashed dimensions; rows of unit length.

    Reports of look-alike events share most of their words, so their vectors are as
    close as MiniLM's (cosine 0.5-0.8 between two shootings in different towns): the
    embedding alone cannot tell the events apart, which is the point of the stress set.
    MiniLM embeds about 4 texts/s on this machine when it is shared (50/s alone), too
    slow for 20k-50k texts per run; the `synthetic_events_3000_minilm` set uses it."""

    name = "hashed-words-384"
    dim = 384

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        import zlib

        out = np.zeros((len(texts), 384), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _WORD.findall(text.lower()):
                out[row, zlib.crc32(word.encode()) % 384] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms


_WORD = re.compile(r"[a-z][a-z'-]{2,}")


def _minilm() -> Any:
    from clustering.embed import load_embedder

    return load_embedder(Config().embed)


def synthetic_set(
    n_articles: int, seed: int = 0, embedder: Any = None, undated: bool = False
) -> StressSet:
    """`similar_event_stream` ingested and embedded (cached) as a `StressSet`; embedded
    with `HashedWordsEmbedder` unless another `embedder` is given."""
    records, gold = similar_event_stream(n_articles, seed, undated=undated)
    name = f"synthetic_events_{n_articles}" + ("_undated" if undated else "")
    name += "_minilm" if embedder is not None else ""
    return build_set(name, records, gold, embedder or HashedWordsEmbedder())


#: The stress sets `main` runs by default, in order: name -> builder.
SETS: dict[str, Any] = {
    **{name: (lambda name=name: labelled_set(name)) for name in ENGLISH},
    "pooled": pooled_set,
    "gvc_tune": lambda: labelled_set("gvc", splits=("train", "dev")),
    "gvc_test": lambda: labelled_set("gvc", splits=("test",)),
    "neus_undated_lead": lambda: labelled_set("neus_allsides", undated=True, lead_only=True),
    # What the undated lead-only set lacks, one thing at a time: its dates, its bodies.
    "neus_lead": lambda: labelled_set("neus_allsides", lead_only=True),
    "neus_undated": lambda: labelled_set("neus_allsides", undated=True),
    "neus_undated_lead_dev": lambda: labelled_set(
        "neus_allsides", undated=True, lead_only=True, splits=("dev",)
    ),
    "neus_undated_lead_test": lambda: labelled_set(
        "neus_allsides", undated=True, lead_only=True, splits=("test",)
    ),
    "gvc_undated_lead": lambda: labelled_set("gvc", undated=True, lead_only=True),
    "synthetic_events_20000": lambda: synthetic_set(20_000),
    # The same generator with real MiniLM vectors, at the size this machine embeds in a
    # few minutes (20k texts take over an hour when it is shared).
    "synthetic_events_3000_minilm": lambda: synthetic_set(3_000, embedder=_minilm()),
}
#: The configuration before the cannot-links (issue 19, second round), to report figures
#: before and after side by side.
BEFORE = {"cannot_link_cues": 0}
#: A further setting reported beside them: cannot-links on a single disagreeing cue.
STRICT = {"cannot_link_cues": 1}
#: Plain HDBSCAN on 20k x 384 takes ~10 minutes here: skipped on the synthetic streams
#: unless asked for (--raw-synthetic).
_SLOW_BASELINE = ("synthetic",)


def _row(label: str, result: dict[str, Any]) -> str:
    return (
        f"| {label} | {result['bcubed_p']:.3f} | {result['bcubed_r']:.3f} | "
        f"{result['bcubed_f1']:.3f} | {result['n_pred']} | {result.get('spanning', '')} | "
        f"{result['seconds']:.1f} |"
    )


def _cell(result: dict[str, Any] | None) -> str:
    if result is None:
        return ""
    spanning = f", {result['spanning']:,} spanning" if "spanning" in result else ""
    return (
        f"{result['bcubed_f1']:.3f} ({result['bcubed_p']:.3f}/{result['bcubed_r']:.3f}, "
        f"{result['n_pred']:,} stories{spanning})"
    )


def results_section(results: list[dict[str, Any]], notes: str) -> str:
    """The streams section of RESULTS.md: one row per set, before / after / plain
    HDBSCAN / the strict setting."""
    lines = [
        "<!-- streams:start -->",
        "## Issue 19: stress sets for the clustering stage (`python -m benchmarks.streams --write`)",
        "",
        notes.strip(),
        "",
        "| set | articles / gold | before F1 (P/R, stories, spanning) "
        "| after F1 (P/R, stories, spanning) | plain HDBSCAN F1 | strict F1 | s after |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in results:
        after = row["after"]
        lines.append(
            f"| {row['set']} | {after['n_articles']:,} / {after['n_gold']:,} | "
            f"{_cell(row['before'])} | **{_cell(after)}** | "
            f"{_cell(after.get('hdbscan_raw'))} | {_cell(row.get('strict'))} | "
            f"{after['seconds']:.1f} |"
        )
    lines += ["", *_targets(results), "<!-- streams:end -->"]
    return "\n".join(lines) + "\n"


def _targets(results: list[dict[str, Any]]) -> list[str]:
    """Issue 19's targets, each with what this run measured on it (sets not run are
    left out)."""
    by_set = {row["set"]: row for row in results}
    out = ["Targets (issue 19):"]
    labelled = [n for n in (*ENGLISH, "pooled") if n in by_set]
    if labelled:
        lower = [
            n
            for n in labelled
            if by_set[n]["after"]["bcubed_f1"] < by_set[n]["before"]["bcubed_f1"] - 5e-4
        ]
        out.append(
            "- every labelled file and the pooled set no lower than before: "
            + ("met" if not lower else "**not met** (" + ", ".join(lower) + ")")
        )
    if "gvc_test" in by_set:
        f1 = by_set["gvc_test"]["after"]["bcubed_f1"]
        out.append(f"- gvc test >= 0.95: {'met' if f1 >= 0.95 else '**not met**'} ({f1:.3f})")
    for name in ("neus_undated_lead", "neus_undated_lead_test"):
        if name in by_set:
            f1 = by_set[name]["after"]["bcubed_f1"]
            raw = by_set[name]["after"].get("hdbscan_raw", {}).get("bcubed_f1", float("nan"))
            out.append(
                f"- {name} >= 0.85: {'met' if f1 >= 0.85 else '**not met**'} ({f1:.3f}); "
                f"never below plain HDBSCAN: {'met' if f1 >= raw else '**not met**'} ({raw:.3f})"
            )
    for name, row in by_set.items():
        if name.startswith("synthetic_events_"):
            out.append(
                f"- {name}, no story spanning events: defaults "
                f"{'met' if row['after']['spanning'] == 0 else '**not met**'} "
                f"({row['after']['spanning']:,} spanning), strict "
                f"{'met' if row['strict']['spanning'] == 0 else '**not met**'} "
                f"({row['strict']['spanning']:,})"
            )
    return out


_NOTES = """
Run {date} on the shared 2-core machine{overrides}. Vectors: MiniLM as the pipeline runs it
(int8 ONNX by default since dcfc2ac; title + body as it embeds them), cached in benchmarks/.cache; the 20k synthetic stream with
`HashedWordsEmbedder` (a 3k one with MiniLM). "before": the defaults before the cannot-links
({before}); "after": the defaults now (cannot-links on cues weighted by how rarely they
mislead: `cluster.weighted_disagreements`); "strict": {strict}, any one cue. Plain HDBSCAN:
`baselines.hdbscan_raw` on the same vectors (skipped on the synthetic stream: ~10
minutes). Spanning: predicted stories holding two or more gold events. neus_allsides
dev/test: its gold stories halved by a hash of the story id (`story_half`); gvc by its own
split (tune on train+dev, report test). With the unweighted count of cues (the rule
before, `cannot_link_weights = "count"`, run 2026-12-06 07:34) "after" was: 20k stream
0.822, 1,173 spanning; 3k MiniLM stream 0.854, 411 spanning; gvc 0.952, gvc_tune 0.954,
pooled 0.910, the other labelled files as now.

What held the 1,173 together (read from the stories): pairs, not chains, disagreeing on
the place and one more cue ("EASTBURG, Michigan" and "EASTBURG, Ohio"); weighing the
place by how rarely it misleads left 117 (run 2026-12-06 10:46): two events of one kind
in one town 8-32 days apart disagreeing on the day and at most one of age, count or
street, and two towns of one state with nothing else said. A day weighed 2 everywhere
cost giveme5w1h 0.956 -> 0.944 (real follow-ups weeks later date their own step:
"charged Tuesday"). What tells them apart now (`cluster.weighted_disagreements`): the
day of two FIRST reports (`_fresh_day_conflicts`: the day read from the title and first
sentence alone, within 2 days of publication, the lead reporting no later step such as
an arrest, charges, a trial or "last week"), weight 2, 3 where the two share no name of
people (basil's and giveme5w1h's stories hold developments days or months apart that
share names: Obama and Boehner meeting again); a town the other never names when each
report names its own twice in its lead (a report from the scene, not a dateline from the
nearest city: the 3 same-event pairs of the labelled files with such a town name it
once), 3; and the kind of incident each lead names (shooting, stabbing, fire, crash,
drowning, explosion), 3. `people` leave out streets and a town's police department
("Pine Street" and "Millmont Police Department" were shared "names"). Same-event pairs
of the labelled files each new cue fires on: kind 0 of 3,436; first-report day 40
(giveme5w1h 34, gvc 4, basil 2), with no shared name 2 (gvc: one gold incident holding
a Kentucky shooting and a Flint one 923 days apart; its F1 is unchanged). The 20k
stream went 117 -> 37 (first-report day 2) -> 15 (scene towns) -> 7 (no shared name) ->
0 (streets out of the names); the 3k MiniLM stream 44 -> 42 -> 18 -> 17 -> 0 (kind:
a crash and a shooting in one town a day apart).

The generator (`similar_event_stream`) writes first reports only: no follow-ups, arrests
or later steps, so it does not test whether a follow-up stays with its event (the labelled files do: gvc's follow-ups 6-381
days later). Its pairs that spanned events were ones a reader tells apart from the text
(another day named in the lead, another town, a crash beside a shooting); it lets
events of different kinds share a town on one day, and two of one kind in one town only
8 or more days apart. It was not changed. neus_undated*: lower than the 10:46 run
(0.827 -> 0.824) from the undated path's own change (commit 04ebe2c), not from these
rules: with them and without, the undated sets score the same. The undated path was
not changed since (issue 19's last round on the whole neus file, 0.830 against 0.85:
scale-free cuts, local scaling, the outlet and a pair model trained on the dev half
were measured and none kept; see the undated section), so its rows here are as before.
"""


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated set names")
    parser.add_argument("--cluster", type=json.loads, default={}, help="ClusterConfig overrides")
    parser.add_argument("--raw-synthetic", action="store_true", help="plain HDBSCAN there too")
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    parser.add_argument("--write", action="store_true", help="write the RESULTS.md section")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    after = load_config(cluster=args.cluster)
    before = load_config(cluster=BEFORE | args.cluster)
    strict = load_config(cluster=args.cluster | STRICT)
    results = []
    print("| set | B3 P | B3 R | B3 F1 | stories | spanning | seconds |")
    print("|---|---|---|---|---|---|---|")
    for name in args.sets.split(","):
        stress = SETS[name]()
        slow = any(s in name for s in _SLOW_BASELINE) and not args.raw_synthetic
        now = score_set(stress, after, baseline=not slow)
        old = score_set(stress, before, baseline=False)
        tight = score_set(stress, strict, baseline=False)
        gold = f"{now['n_gold']} gold, {stress.articles.height} articles"
        print(_row(f"{name} before ({gold})", old))
        print(_row(f"{name} after", now))
        print(_row(f"{name} strict", tight))
        if "hdbscan_raw" in now:
            print(_row(f"{name} plain HDBSCAN", now["hdbscan_raw"]))
        results.append({"set": name, "before": old, "after": now, "strict": tight})
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=float))
    if args.write:
        from benchmarks.results_md import write_section

        notes = _NOTES.format(
            date=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            overrides=f" with {json.dumps(args.cluster)}" if args.cluster else "",
            before=json.dumps(BEFORE | args.cluster),
            strict=json.dumps(args.cluster | STRICT),
        )
        write_section(results_section(results, notes))


if __name__ == "__main__":
    main()
