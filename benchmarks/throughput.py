"""End-to-end throughput of `storylens run` against the article encoder alone (issue 14).

    python -m benchmarks.throughput [--sets basil,newswcl50] [--limit N] [--engine local|ray]
                                    [--minilm-runtime torch|onnx-int8] [--write]
    python -m benchmarks.throughput --pool [--sizes 100,300,1000,3000] [--with-command]

Per labelled set (../shared/data/labelled/<set>.jsonl, its first `--limit` articles):
1. the encoder alone: the article embedder (warm; the default, MiniLM run as
   `--minilm-runtime` says, torch fp32 or the int8 ONNX export) encodes the texts a run
   embeds (`embedding_texts` of the original articles), timed on its default threads and
   on one thread (as `embed.OnThreads`; a run encodes on one while it extracts beside it):
   texts/s, the faster of the two;
2. `clustering.pipeline.run` over the same file into a fresh corpus with a fresh cache,
   the same warm embedder: articles/s, wall clock, seconds per stage (the run's own
   `seconds`, with "compare" split into extraction and alignment by the progress reports).
The ratio (1) / (2) is the issue's target (>= 0.8). Models are loaded and warmed before
any timing (MiniLM, the static vectors, spaCy), so both figures are steady-state rates.
3. the command itself, as a user runs it: `storylens run FILE --out DIR` in a fresh
   process (a fresh corpus and cache; the machine's built model files as a user has
   them), wall clock from its start to its exit and its CPU (`command_rate`): the rate a
   user sees, with the interpreter's start, the imports and every model's load, which
   the warm run of (2) never pays. `--command-only` measures only this, `--tree` that of
   another checkout (the same interpreter and packages), e.g. to pair two commits:
   `--command-only --pool --tree OLD --tree NEW --pairs 3` alternates the two trees'
   commands over the pooled file and prints the medians and the paired ratios.

4. the same warm run with comparisons off (`compare.enabled = false`: no extraction and
   no alignment; ingest, embedding, clustering, stories and the corpus writes only), into
   a fresh corpus and cache: how near the encoder's rate a run gets before it compares
   anything, i.e. what the target's ratio leaves for the comparisons.

5. at scale (`--pool --sizes 100,300,1000,3000`): the labelled sets but meantime's pooled
   into one file, its lines in a seeded random order (POOL_SEED), and the warm run (1) +
   (2) of its first N articles for each N: so each size is a sample of the same events,
   and whatever a run spends per article that grows with its size shows (`scale_markdown`;
   `--skip-command` / `--skip-bare` leave out (3) and (4)).

Progress bars are checked as they would be drawn: every stage that reports must end on
done == total (the bar completes when the stage does).

Within extraction and comparison, each part's seconds are clocked in the same run
(`PartClock`: the functions `clustering.compare` calls, wrapped while the run lasts;
local engine only): the framing entities (`name_entities`, or spaCy's NER when chosen),
the rest of the framing cues, quotes, numbers, the fact sentences' embedding, and per
story the number, quote, framing and fact alignments.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from importlib.metadata import version
from pathlib import Path
from typing import Any

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from benchmarks.results_md import write_section  # noqa: E402

LABELLED = ROOT.parent / "shared" / "data" / "labelled"
#: The labelled sets (basil_bias.jsonl holds annotations, not articles).
SETS = ("basil", "giveme5w1h", "gvc", "meantime_multilingual", "neus_allsides", "newswcl50")
#: The issue's target: end-to-end articles/s over the encoder's texts/s.
TARGET_RATIO = 0.8
#: The sets `--pool` pools by default: every labelled set but the multilingual one (its
#: stories join four languages, with their own encoder).
POOL_SETS = tuple(s for s in SETS if s != "meantime_multilingual")
#: The seed of the pooled file's line order (`pooled`).
POOL_SEED = 14


class StageClock:
    """The pipeline's progress callback: per stage, when it first and last reported and
    its last (done, total)."""

    def __init__(self) -> None:
        self.first: dict[str, float] = {}
        self.last: dict[str, float] = {}
        self.final: dict[str, tuple[int, int]] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        self.first.setdefault(stage, now)
        self.last[stage] = now
        self.final[stage] = (done, total)

    def unfinished(self) -> list[str]:
        """Stages whose bar would stop short of its total."""
        return [s for s, (done, total) in self.final.items() if done < total]


#: The functions `clustering.compare` calls per part, as (part, name in that module).
PARTS = (
    ("framing", "extract_framing"),
    ("quotes", "extract_quotes"),
    ("numbers", "extract_numbers"),
    ("fact sentences", "embed_fact_sentences"),
    # The sentences of the stories that align on USE, embedded ahead per window of stories.
    ("fact sentences", "embed_story_sentences"),
    ("align numbers", "align_numbers_across_languages"),
    ("align quotes", "align_quotes"),
    ("translations", "match_translations"),
    ("framing side by side", "compare_framing"),
    ("facts", "compare_facts"),
)


class PartClock:
    """Seconds per part of extraction and comparison, clocked while a run lasts by
    wrapping the functions `clustering.compare` calls (PARTS), and `name_entities` and
    spaCy's `pipe` in `clustering.extract.framing` ("entities"); "framing" is the framing
    cues without the entities."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        #: Process CPU seconds per part (all threads): on a shared machine the steadier
        #: reading of what a part costs, as its wall clock stretches with the load.
        self.cpu: dict[str, float] = {}

    def _timed(self, part: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start, cpu = time.perf_counter(), time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self._add(part, time.perf_counter() - start, time.process_time() - cpu)

        return timed

    def _add(self, part: str, seconds: float, cpu: float = 0.0) -> None:
        self.seconds[part] = self.seconds.get(part, 0.0) + seconds
        self.cpu[part] = self.cpu.get(part, 0.0) + cpu

    @contextlib.contextmanager
    def installed(self) -> Iterator[PartClock]:
        import clustering.compare as compare
        import clustering.extract.framing as framing

        saved = {name: getattr(compare, name) for _, name in PARTS}
        ner = framing._ner
        names = framing.name_entities
        clock = self

        class TimedNer:
            """spaCy's pipeline whose `pipe` clocks each document it yields."""

            def __init__(self, nlp: Any) -> None:
                self.nlp = nlp

            def pipe(self, texts: Any, **kwargs: Any) -> Iterator[Any]:
                docs = iter(self.nlp.pipe(texts, **kwargs))
                while True:
                    start, cpu = time.perf_counter(), time.process_time()
                    doc = next(docs, None)
                    clock._add("entities", time.perf_counter() - start, time.process_time() - cpu)
                    if doc is None:
                        return
                    yield doc

        try:
            for part, name in PARTS:
                setattr(compare, name, self._timed(part, saved[name]))
            framing._ner = lambda: TimedNer(ner())  # type: ignore[assignment]
            framing.name_entities = self._timed("entities", names)  # type: ignore[assignment]
            yield self
        finally:
            for name, function in saved.items():
                setattr(compare, name, function)
            framing._ner = ner  # type: ignore[assignment]
            framing.name_entities = names  # type: ignore[assignment]
        if "entities" in self.seconds and "framing" in self.seconds:
            self.seconds["framing"] -= self.seconds["entities"]
            self.cpu["framing"] -= self.cpu["entities"]


def pooled(sets: list[str], folder: Path, seed: int = POOL_SEED) -> Path:
    """The lines of the labelled `sets` in one file, `folder`/pool.jsonl, in a seeded
    random order: its first N lines are a sample of all the sets' events for any N (in
    the order the files hold them, the first thousand would be BASIL's and GiveMe5W1H's
    alone)."""
    lines = [
        line
        for name in sets
        for line in (LABELLED / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    random.Random(seed).shuffle(lines)
    path = folder / "pool.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _subset(
    name: str, limit: int | None, folder: Path, source: Path | None = None
) -> tuple[Path, int]:
    """The set's file (`source`, default the labelled set `name`), or its first `limit`
    lines in `folder`; and its line count."""
    source = source or LABELLED / f"{name}.jsonl"
    lines = source.read_text(encoding="utf-8").splitlines()
    if limit is None or limit >= len(lines):
        return source, len(lines)
    path = folder / f"{name}-{limit}.jsonl"
    path.write_text("\n".join(lines[:limit]) + "\n", encoding="utf-8")
    return path, limit


#: The repository's sample articles: a warm-up run over them loads what a run loads.
SAMPLE = ROOT / "data" / "sample" / "articles.jsonl"


def _warm(embedder: Any, engine: Any = None) -> None:
    """Load every model a run uses and compile what compiles on first use (the
    clusterer's JIT), so no timing pays for a load: a whole run over the sample articles
    (English: the multilingual model of a blend loads in `measure_set`)."""
    from clustering.compare.facts import facts_embedder
    from clustering.config import Config, EmbedConfig
    from clustering.extract.framing import name_entities
    from clustering.pipeline import run

    embedder.encode(["A warm-up sentence about a harbour."] * 8)
    facts_embedder().encode(["A warm-up sentence."])
    name_entities("Joe Biden met Angela Merkel in Berlin.")  # reads the name lists
    if SAMPLE.is_file():
        with tempfile.TemporaryDirectory(prefix="storylens-warm-") as tmp:
            config = Config(embed=EmbedConfig(cache_dir=Path(tmp) / "warm-cache"))
            run([SAMPLE], Path(tmp) / "corpus", config, embedder, engine=engine)


def _encode_on_one_thread(encoder: Any, texts: list[str]) -> float | None:
    """Seconds `encoder` takes over `texts` on one torch thread (restored after), or for
    the int8 MiniLM one text at a time (`OnThreads`, which sets its threads); None for an
    encoder without either. Torch set here, not through `clustering.embed`, so the
    benchmark measures trees from before `OnThreads` the same way."""
    import clustering.embed as embed
    from clustering.embed import SentenceTransformerEmbedder

    english = getattr(encoder, "english", encoder)
    int8 = getattr(embed, "Int8MiniLMEmbedder", None)  # absent from older trees
    if int8 is not None and isinstance(english, int8):
        start = time.perf_counter()
        embed.OnThreads(encoder, 1).encode(texts)
        return time.perf_counter() - start
    if not isinstance(english, SentenceTransformerEmbedder):
        return None
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        start = time.perf_counter()
        encoder.encode(texts)
        return time.perf_counter() - start
    finally:
        torch.set_num_threads(before)


#: The command's summary line: "read N records: M accepted, ...".
_ACCEPTED = re.compile(r"read (\d+) records: (\d+) accepted")


def command_rate(
    source: Path, out: Path, tree: Path = ROOT, timeout: float = 1800.0
) -> dict[str, Any]:
    """`storylens run SOURCE --out OUT` of the checkout `tree` (default this one) in a
    fresh process, as a user runs it (progress bars and the stories table drawn to pipes,
    HF_HUB_OFFLINE=1): articles (accepted, from its summary), wall seconds from before its
    start to its exit, its CPU seconds (user + system, all threads), articles/s. OUT is
    replaced first. Raises RuntimeError with the command's output if it fails."""
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(tree)}
    # The console script's code (`clustering.cli:main`; `app` in checkouts before it),
    # run by this interpreter with `tree` first on the path: the process `storylens` starts.
    program = "import clustering.cli as cli; (getattr(cli, 'main', None) or cli.app)()"
    command = [sys.executable, "-c", program]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [*command, "run", str(source), "--out", str(out)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    found = _ACCEPTED.search(done.stdout)
    if done.returncode != 0 or found is None:
        raise RuntimeError(f"storylens run failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    articles = int(found.group(2))
    return {
        "articles": articles,
        "wall_s": wall,
        "cpu_s": cpu,
        "articles_per_s": articles / wall,
        "load_average": os.getloadavg()[0],
    }


def command_pairs(source: Path, trees: list[Path], pairs: int, work: Path) -> list[dict[str, Any]]:
    """`command_rate` of `source` for each of `trees` in turn, `pairs` rounds (alternated,
    so that the machine's load falls on every tree alike): a row per command, with its
    round, its tree and the load average before it. Printed as they come."""
    rows = []
    for round_ in range(pairs):
        for tree in trees:
            before = os.getloadavg()[0]
            row = command_rate(source, work / "corpus", tree)
            rows.append({"round": round_, "tree": str(tree), "load_before": before, **row})
            print(json.dumps(rows[-1], default=float), flush=True)
    return rows


def pairs_summary(rows: list[dict[str, Any]], trees: list[Path]) -> dict[str, Any]:
    """Per tree the median wall, CPU and articles/s of `command_pairs`' rows; per round
    each tree's wall and CPU over the first tree's (the paired ratios); the loads seen."""
    import statistics

    def of(tree: Path) -> list[dict[str, Any]]:
        return [r for r in rows if r["tree"] == str(tree)]

    medians = {
        str(t): {
            key: statistics.median(r[key] for r in of(t))
            for key in ("wall_s", "cpu_s", "articles_per_s")
        }
        for t in trees
    }
    first = of(trees[0])
    ratios = {
        str(t): {
            key: [round(r[key] / f[key], 3) for r, f in zip(of(t), first, strict=True)]
            for key in ("wall_s", "cpu_s")
        }
        for t in trees[1:]
    }
    loads = [r["load_before"] for r in rows] + [r["load_average"] for r in rows]
    return {"medians": medians, "ratios_to_first": ratios, "load": [min(loads), max(loads)]}


def measure_set(
    name: str,
    limit: int | None,
    embedder: Any,
    engine: Any,
    work: Path,
    embed_options: dict[str, Any] | None = None,
    source: Path | None = None,
    command: bool = True,
    bare: bool = True,
) -> dict[str, Any]:
    """One set: the encoder alone, then the run (module doc). `embed_options`: the
    EmbedConfig fields `embedder` was loaded with, recorded in the run's configuration.
    `source`: the set's file (default the labelled set `name`); `command`, `bare`: also
    time the command in a fresh process, and the run without comparisons."""
    from clustering.config import Config, EmbedConfig
    from clustering.embed import embedder_for, embedding_texts
    from clustering.ingest import load_articles
    from clustering.pipeline import canonical_order, run

    embed_options = embed_options or {}
    source, n_lines = _subset(name, limit, work, source)
    config = Config(embed=EmbedConfig(**embed_options))
    ingested = load_articles([source], config.ingest)
    originals = canonical_order(ingested.articles.filter(pl.col("duplicate_of").is_null()))
    texts = embedding_texts(originals, config.embed.text).to_list()

    # The model the run will pick for these languages (MiniLM, or the blend with USE).
    chosen = embedder_for(embedder, originals["lang"])
    chosen.encode(texts[:8])  # warm (a blend's USE half loads here the first time)
    start = time.perf_counter()
    chosen.encode(texts)
    encode_s = time.perf_counter() - start
    # Also on one torch thread, as a run encodes beside its extraction
    # (`engine.extraction_ahead`): the encoder's raw rate is the faster of the two, so a
    # run is never held against a slower encoder than the one it could have had.
    encode_one_cpu = time.process_time()
    encode_one_s = _encode_on_one_thread(chosen, texts)
    # The encoder's CPU on one thread, as a run spends it beside the extraction: a run's
    # CPU less this is what runs under the interpreter's one lock, whose seconds a run on
    # two cores cannot overlap with each other (its wall clock is at least about that).
    encode_one_cpu = time.process_time() - encode_one_cpu if encode_one_s else None

    cache = work / f"{name}-cache"
    shutil.rmtree(cache, ignore_errors=True)
    run_config = Config(embed=EmbedConfig(cache_dir=cache, **embed_options))
    clock = StageClock()
    parts = PartClock()
    with parts.installed():
        start, cpu = time.perf_counter(), time.process_time()
        result = run(
            [source],
            work / f"{name}-corpus",
            run_config,
            embedder,
            clock,
            overwrite=True,
            engine=engine,
        )
        wall = time.perf_counter() - start
        cpu = time.process_time() - cpu
    seconds = dict(result.seconds)
    if "extract" in clock.first and "compare" in seconds:
        # Extraction runs inside compare_corpus: split it off by its progress reports.
        extract = clock.first.get("compare", clock.last["extract"]) - clock.first["extract"]
        seconds["extract"] = extract
        seconds["compare"] -= extract
    seconds["other"] = wall - sum(seconds.values())  # writes, manifest, stories
    n = result.ingest.n_accepted
    without = (
        _run_without_comparisons(source, work / name, run_config, embedder, engine)
        if bare
        else None
    )
    encoder_rate = len(texts) / min(encode_s, encode_one_s or encode_s)
    run_rate = n / wall
    # The command as a user runs it (its default configuration: only where the warm run
    # used the defaults too, on this process's engine).
    default = not embed_options and getattr(engine, "name", "local") == "local"
    timed = command_rate(source, work / f"{name}-command") if default and command else None
    return {
        "set": name,
        "encoder": chosen.name,
        "lines": n_lines,
        "articles": n,
        "texts_encoded": len(texts),
        "encoder_texts_per_s": encoder_rate,
        "encoder_default_threads_texts_per_s": len(texts) / encode_s,
        "encoder_one_thread_texts_per_s": len(texts) / encode_one_s if encode_one_s else None,
        "load_average": os.getloadavg()[0],
        "run_articles_per_s": run_rate,
        "ratio": run_rate / encoder_rate,
        "wall_s": wall,
        "cpu_s": cpu,
        "encoder_cpu_s": encode_one_cpu,
        "seconds": seconds,
        "parts": parts.seconds,
        "parts_cpu": parts.cpu,
        "stories": result.n_stories,
        "bars_unfinished": clock.unfinished(),
        "bars": sorted(clock.final),
        "command": timed,
        "without_comparisons": without,
    }


def _run_without_comparisons(
    source: Path, work: Path, config: Any, embedder: Any, engine: Any = None
) -> dict[str, Any]:
    """The warm run of `measure_set` with `compare.enabled = false`, into a fresh corpus
    and cache: {"articles", "wall_s", "cpu_s", "articles_per_s"}."""
    import dataclasses

    from clustering.pipeline import run

    cache = work.with_name(f"{work.name}-bare-cache")
    shutil.rmtree(cache, ignore_errors=True)
    config = dataclasses.replace(
        config,
        embed=dataclasses.replace(config.embed, cache_dir=cache),
        compare=dataclasses.replace(config.compare, enabled=False),
    )
    start, cpu = time.perf_counter(), time.process_time()
    result = run(
        [source],
        work.with_name(f"{work.name}-bare-corpus"),
        config,
        embedder,
        overwrite=True,
        engine=engine,
    )
    wall = time.perf_counter() - start
    n = result.ingest.n_accepted
    return {
        "articles": n,
        "wall_s": wall,
        "cpu_s": time.process_time() - cpu,
        "articles_per_s": n / wall,
    }


def run_benchmark(
    sets: list[str], limit: int | None, engine_name: str, minilm_runtime: str | None = None
) -> dict[str, Any]:
    """Every set of `sets` (`measure_set`) with the default embedder, MiniLM run on
    `minilm_runtime` (None: the default's)."""
    from clustering.config import EmbedConfig
    from clustering.embed import load_embedder
    from clustering.engine import load_engine

    options: dict[str, Any] = {} if minilm_runtime is None else {"minilm_runtime": minilm_runtime}
    embedder = load_embedder(EmbedConfig(**options))
    engine = load_engine(engine_name)  # type: ignore[arg-type]
    _warm(embedder, engine)
    rows = []
    with tempfile.TemporaryDirectory(prefix="storylens-throughput-") as tmp:
        for name in sets:
            rows.append(measure_set(name, limit, embedder, engine, Path(tmp), options))
            print(json.dumps(rows[-1], default=float), flush=True)
    total_articles = sum(r["articles"] for r in rows)
    total_wall = sum(r["wall_s"] for r in rows)
    total_encode = sum(r["texts_encoded"] / r["encoder_texts_per_s"] for r in rows)
    total_texts = sum(r["texts_encoded"] for r in rows)
    return {
        "embedder": embedder.name,
        "engine": engine_name,
        "limit": limit,
        "versions": {
            p: version(p)
            for p in ("torch", "sentence-transformers", "onnxruntime", "spacy", "polars")
        },
        "rows": rows,
        "overall": {
            "run_articles_per_s": total_articles / total_wall,
            "encoder_texts_per_s": total_texts / total_encode,
            "ratio": (total_articles / total_wall) / (total_texts / total_encode),
        },
    }


def run_scale(
    sets: list[str],
    sizes: list[int],
    engine_name: str = "local",
    command: bool = False,
    bare: bool = False,
) -> dict[str, Any]:
    """The warm run (`measure_set`) of the first N articles of `sets` pooled (`pooled`),
    for each N of `sizes`, in one warm process: {"sets", "seed", "versions", "rows"}, a
    row per size as `measure_set`'s plus "size"."""
    from clustering.config import EmbedConfig
    from clustering.embed import load_embedder
    from clustering.engine import load_engine

    embedder = load_embedder(EmbedConfig())
    engine = load_engine(engine_name)  # type: ignore[arg-type]
    _warm(embedder, engine)
    rows = []
    with tempfile.TemporaryDirectory(prefix="storylens-scale-") as tmp:
        pool = pooled(sets, Path(tmp))
        for size in sizes:
            row = measure_set(
                "pool", size, embedder, engine, Path(tmp), source=pool, command=command, bare=bare
            )
            rows.append({"size": size, **row})
            print(json.dumps(rows[-1], default=float), flush=True)
    return {
        "sets": sets,
        "seed": POOL_SEED,
        "embedder": embedder.name,
        "engine": engine_name,
        "versions": {p: version(p) for p in ("onnxruntime", "polars", "numpy")},
        "rows": rows,
    }


#: The comparison parts of `scale_markdown`, per article: (column, PARTS name).
SCALE_PARTS = (
    ("align numbers", "align numbers"),
    ("align quotes", "align quotes"),
    ("framing side by side", "framing side by side"),
    ("facts", "facts"),
)


def scale_markdown(result: dict[str, Any]) -> str:
    """`run_scale`'s rows as a table: per size the articles/s and the stages' seconds, and
    the CPU of each comparison part per article (ms), whose growth with the size is what
    the scale run looks for (the encoder's and the extraction's cost per article do not
    depend on the run's size)."""
    stages = ("ingest", "embed", "cluster", "compare", "other")
    lines = [
        "| articles | stories | encoder texts/s | run articles/s | ratio | "
        + " | ".join(f"{s} s" for s in stages)
        + " | run CPU s | CPU besides the encoder, ms/article | "
        + " | ".join(f"{c}, CPU ms/article" for c, _ in SCALE_PARTS)
        + " | load |",
        "|---|---|---|---|---|"
        + "---|" * len(stages)
        + "---|---|"
        + "---|" * len(SCALE_PARTS)
        + "---|",
    ]
    for r in result["rows"]:
        n = r["articles"]
        besides = r["cpu_s"] - (r.get("encoder_cpu_s") or 0.0)
        lines.append(
            f"| {n} | {r['stories']} | {r['encoder_texts_per_s']:.1f} | "
            f"{r['run_articles_per_s']:.1f} | {r['ratio']:.2f} | "
            + " | ".join(
                f"{r['seconds'].get(s, 0.0) + (r['seconds'].get('extract', 0.0) if s == 'compare' else 0.0):.1f}"
                for s in stages
            )
            + f" | {r['cpu_s']:.1f} | {1000 * besides / n:.1f} | "
            + " | ".join(f"{1000 * r['parts_cpu'].get(p, 0.0) / n:.2f}" for _, p in SCALE_PARTS)
            + f" | {r['load_average']:.1f} |"
        )
    return "\n".join(lines)


def ray_scaling(name: str, limit: int | None, workers: list[int]) -> list[dict[str, Any]]:
    """`run` with the Ray engine on a fresh local Ray of k CPUs and k encoder actors, for
    each k in `workers`: articles/s, speed-up over the first k and efficiency (speed-up
    / (k / first k)). Each k starts its own Ray; the embedder is warm in the driver, and
    each actor loads its own copy (part of what a worker costs)."""
    import ray

    from clustering.config import EmbedConfig
    from clustering.embed import load_embedder
    from clustering.engine_ray import RayEngine

    embedder = load_embedder(EmbedConfig())
    _warm(embedder)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="storylens-ray-") as tmp:
        for k in workers:
            # "local": a fresh Ray of k CPUs, even when this machine has joined a cluster.
            ray.init(address="local", num_cpus=k, include_dashboard=False, log_to_driver=False)
            try:
                row = measure_set(name, limit, embedder, RayEngine(encoders=k), Path(tmp))
            finally:
                ray.shutdown()
            row["workers"] = k
            base = rows[0] if rows else row
            row["speedup"] = row["run_articles_per_s"] / base["run_articles_per_s"]
            row["efficiency"] = row["speedup"] / (k / base["workers"])
            rows.append(row)
            print(json.dumps(row, default=float), flush=True)
    return rows


def _embed_share(rows: list[dict[str, Any]]) -> float:
    """The runs' embed stage seconds over their wall clock seconds (0 without a wall)."""
    wall = sum(r["wall_s"] for r in rows)
    return sum(r["seconds"].get("embed", 0.0) for r in rows) / wall if wall else 0.0


def _cpu(row: dict[str, Any]) -> str:
    """The run's process CPU seconds (all threads), blank for a row measured before the
    benchmark recorded them."""
    return f"{row['cpu_s']:.1f}" if "cpu_s" in row else ""


def _cpu_beside_encoder(row: dict[str, Any]) -> str:
    """The run's CPU seconds less the encoder's alone on one thread: what the run does
    besides encoding; blank for a row measured before the benchmark timed the encoder's
    CPU (or an encoder without a one-thread timing)."""
    encoder = row.get("encoder_cpu_s")
    return f"{row['cpu_s'] - encoder:.1f}" if encoder is not None and "cpu_s" in row else ""


def _threads(row: dict[str, Any]) -> str:
    """The encoder's texts/s on torch's default threads / on one, blank for a row measured
    before the benchmark timed both (and the one-thread figure for an encoder without
    torch)."""
    default = row.get("encoder_default_threads_texts_per_s")
    if default is None:
        return ""
    one = row.get("encoder_one_thread_texts_per_s")
    return f"{default:.1f} / " + (f"{one:.1f}" if one else "-")


def _load(row: dict[str, Any]) -> str:
    """The 1-minute load average after the set, blank for a row measured before."""
    return f"{row['load_average']:.1f}" if "load_average" in row else ""


def _totals(rows: list[dict[str, Any]], key: str) -> dict[str, float]:
    """Over `rows`, the runs of `key` (each row's "command" or "without_comparisons"):
    their articles, wall and CPU seconds summed, articles/s over the summed wall, and
    beside them the warm run's articles/s and the encoder's texts/s over the same rows."""
    runs = [r[key] for r in rows]
    articles, wall = sum(x["articles"] for x in runs), sum(x["wall_s"] for x in runs)
    encode = sum(r["texts_encoded"] / r["encoder_texts_per_s"] for r in rows)
    return {
        "articles": articles,
        "wall_s": wall,
        "cpu_s": sum(x["cpu_s"] for x in runs),
        "articles_per_s": articles / wall,
        "warm": sum(r["articles"] for r in rows) / sum(r["wall_s"] for r in rows),
        "encoder": sum(r["texts_encoded"] for r in rows) / encode,
    }


def markdown(result: dict[str, Any], notes: list[str] | None = None) -> str:
    stages = ("ingest", "embed", "cluster", "extract", "compare", "other")
    lines = [
        "<!-- throughput:start -->",
        "## Throughput end to end (`python -m benchmarks.throughput --write`, issue 14)",
        "",
        f"`storylens run` ({result['engine']} engine) against the article encoder alone "
        f"({result['embedder']}, warm), measured in the same process one after the other; "
        "the encoder's rate is the faster of its default threads (torch's; the int8 "
        "encoder: one text per core at once) and one thread (a run "
        'encodes on one thread while it extracts beside it; both in the "encoder '
        'threads" column), "load" the 1-minute load average after the set; '
        "fresh corpus and cache per set"
        + (f", first {result['limit']} articles of each set" if result["limit"] else "")
        + ". Versions: "
        + ", ".join(f"{k} {v}" for k, v in result["versions"].items())
        + f'. Target: run rate >= {TARGET_RATIO} x encoder rate. "embed share": the run\'s '
        "own embed stage over its wall clock, both timed in the one run (on a loaded "
        "machine the steadier reading of the same target: the embed stage runs the encoder "
        "at its raw rate). \"CPU besides the encoder\": the run's CPU less the encoder's "
        "own CPU over the same texts on one thread (timed just before): the work besides "
        "encoding, most of it Python under the interpreter's one lock, which no second "
        "thread of the run overlaps (a run's wall clock stays near it on any core count).",
        "",
        "| set | articles | encoder texts/s | encoder threads: default / 1, texts/s | "
        "run articles/s | ratio | embed share | "
        + " | ".join(f"{s} s" for s in stages)
        + " | run CPU s | CPU besides the encoder s | load | bars end with their stage |",
        "|---|---|---|---|---|---|---|" + "---|" * len(stages) + "---|---|---|---|",
    ]
    for r in result["rows"]:
        cells = " | ".join(f"{r['seconds'].get(s, 0.0):.1f}" for s in stages)
        bars = "yes" if not r["bars_unfinished"] else "no: " + ", ".join(r["bars_unfinished"])
        lines.append(
            f"| {r['set']} ({r.get('encoder', result['embedder'])}) | {r['articles']} | "
            f"{r['encoder_texts_per_s']:.1f} | {_threads(r)} | "
            f"{r['run_articles_per_s']:.1f} | **{r['ratio']:.2f}** | {_embed_share([r]):.2f} | "
            f"{cells} | {_cpu(r)} | {_cpu_beside_encoder(r)} | {_load(r)} | {bars} |"
        )
    o = result["overall"]
    part_names = list(dict.fromkeys(["entities", *(part for part, _ in PARTS)]))
    part_lines = []
    if any(r.get("parts") for r in result["rows"]):
        part_lines = [
            "",
            "Extraction and comparison by part, seconds (the same runs; extraction: the "
            "framing entities, the other framing cues, quotes, numbers, fact sentences; "
            "comparison: the alignments per story):",
            "",
            "| set | " + " | ".join(part_names) + " |",
            "|---|" + "---|" * len(part_names),
            *(
                f"| {r['set']} | "
                + " | ".join(f"{r.get('parts', {}).get(p, 0.0):.1f}" for p in part_names)
                + " |"
                for r in result["rows"]
            ),
        ]
    commanded = [r for r in result["rows"] if r.get("command")]
    command_lines = []
    if commanded:
        command_lines = [
            "",
            "The command as a user runs it (`storylens run FILE --out DIR` in a fresh process, "
            "right after the warm run of the same set: wall clock from its start to its exit, "
            "the interpreter's start, imports and model loads included; its CPU, all threads; "
            '"command / warm run": its articles/s over the warm run\'s; "command / encoder": '
            "over the encoder's texts/s):",
            "",
            "| set | articles | command wall s | command CPU s | command articles/s | "
            "command / warm run | command / encoder | load |",
            "|---|---|---|---|---|---|---|---|",
            *(
                f"| {r['set']} | {r['command']['articles']} | {r['command']['wall_s']:.1f} | "
                f"{r['command']['cpu_s']:.1f} | {r['command']['articles_per_s']:.1f} | "
                f"{r['command']['articles_per_s'] / r['run_articles_per_s']:.2f} | "
                f"**{r['command']['articles_per_s'] / r['encoder_texts_per_s']:.2f}** | "
                f"{r['command']['load_average']:.1f} |"
                for r in commanded
            ),
        ]
        t = _totals(commanded, "command")
        command_lines.append(
            f"| all | {t['articles']} | {t['wall_s']:.1f} | {t['cpu_s']:.1f} | "
            f"{t['articles_per_s']:.1f} | {t['articles_per_s'] / t['warm']:.2f} | "
            f"**{t['articles_per_s'] / t['encoder']:.2f}** | |"
        )
    bare = [r for r in result["rows"] if r.get("without_comparisons")]
    bare_lines = []
    if bare:
        bare_lines = [
            "",
            "The same warm run with comparisons off (`compare.enabled = false`: ingest, "
            "embedding, clustering, stories and the corpus writes; no extraction, no "
            "alignment), right after it: how near the encoder's rate a run gets before it "
            "compares anything, and so what the target's ratio leaves for the comparisons:",
            "",
            "| set | run articles/s | without comparisons, articles/s | its CPU s | "
            "its ratio to the encoder |",
            "|---|---|---|---|---|",
            *(
                f"| {r['set']} | {r['run_articles_per_s']:.1f} | "
                f"{r['without_comparisons']['articles_per_s']:.1f} | "
                f"{r['without_comparisons']['cpu_s']:.1f} | "
                f"**{r['without_comparisons']['articles_per_s'] / r['encoder_texts_per_s']:.2f}** |"
                for r in bare
            ),
        ]
        t = _totals(bare, "without_comparisons")
        bare_lines.append(
            f"| all | {t['warm']:.1f} | {t['articles_per_s']:.1f} | {t['cpu_s']:.1f} | "
            f"**{t['articles_per_s'] / t['encoder']:.2f}** |"
        )
    scaling = result.get("ray_scaling") or []
    scaling_lines = []
    if scaling:
        scaling_lines = [
            "",
            f"Ray engine, {scaling[0]['set']} ({scaling[0]['articles']} articles), k local "
            "Ray CPUs and k encoder actors:",
            "",
            "| workers | run articles/s | wall s | speed-up | efficiency |",
            "|---|---|---|---|---|",
            *(
                f"| {r['workers']} | {r['run_articles_per_s']:.2f} | {r['wall_s']:.1f} | "
                f"{r['speedup']:.2f} | {r['efficiency']:.2f} |"
                for r in scaling
            ),
        ]
    lines += [
        f"| all | {sum(r['articles'] for r in result['rows'])} | "
        f"{o['encoder_texts_per_s']:.1f} | | {o['run_articles_per_s']:.1f} | "
        f"**{o['ratio']:.2f}** | {_embed_share(result['rows']):.2f} |"
        + " |" * len(stages)
        + " | | | |",
        *part_lines,
        *command_lines,
        *bare_lines,
        *scaling_lines,
        "",
        *(notes or []),
        "<!-- throughput:end -->",
    ]
    return "\n".join(lines)


def check_tone(tolerance: float = 1e-9) -> dict[str, Any]:
    """`clustering.extract.framing.vader_compound` against the package's own
    `polarity_scores(...)["compound"]` on every headline and body sentence of BASIL's dev
    events (the framing benchmark's split): the tone the framing cues report must not move
    with the faster reading. Raises AssertionError on a difference over `tolerance`."""
    from benchmarks.framing import event_split, load_basil
    from clustering.extract.framing import _sentiment, vader_compound

    articles = load_basil()
    dev = set(event_split(articles)["dev"])
    texts = [
        t
        for a in articles
        if a.event in dev
        for t in ([a.title] if a.title else []) + [s.text for s in a.sentences]
    ]
    analyser = _sentiment()
    vader_compound.cache_clear()
    worst = max(
        (abs(vader_compound(t) - analyser.polarity_scores(t)["compound"]) for t in texts),
        default=0.0,
    )
    assert worst <= tolerance, f"tone differs from VADER's by {worst} on BASIL dev"
    return {"sentences": len(texts), "max_difference": worst}


def _sizes(text: str) -> list[int] | None:
    """`--sizes` as integers, None unless every one is a positive integer."""
    try:
        sizes = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        return None
    return sizes if sizes and all(n > 0 for n in sizes) else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated labelled sets")
    parser.add_argument("--limit", type=int, default=None, help="first N articles of each set")
    parser.add_argument("--engine", choices=("local", "ray"), default="local")
    parser.add_argument(
        "--minilm-runtime",
        choices=("torch", "onnx-int8"),
        default=None,
        help="how MiniLM runs (embed.minilm_runtime; default: the configuration's default)",
    )
    parser.add_argument("--write", action="store_true", help="write the RESULTS.md section")
    parser.add_argument("--notes", default="", help="a file of notes put under the table")
    parser.add_argument(
        "--ray-workers",
        default="",
        help="e.g. 1,2: also run the Ray engine on the first set with 1, then 2 workers",
    )
    parser.add_argument(
        "--from-json", action="store_true", help="re-render benchmarks/out/throughput.json"
    )
    parser.add_argument(
        "--command-only",
        action="store_true",
        help="only time the command itself (`storylens run` in a fresh process) per set",
    )
    parser.add_argument(
        "--tree",
        type=Path,
        action="append",
        default=None,
        help="--command-only: the checkout whose command to run (default: this one); given "
        "twice or more, the trees' commands are alternated (`--pairs` rounds)",
    )
    parser.add_argument(
        "--pairs",
        type=int,
        default=1,
        help="--command-only: rounds of the trees' commands, alternated (default 1)",
    )
    parser.add_argument(
        "--pool",
        action="store_true",
        help="pool --sets (default: all but meantime_multilingual) into one file in a seeded "
        "random order and time the warm run of its first N articles for each N of --sizes",
    )
    parser.add_argument(
        "--sizes",
        default="100,300,1000,3000",
        help="--pool: comma-separated article counts (a size over the pool's is all of it)",
    )
    parser.add_argument(
        "--with-command",
        action="store_true",
        help="--pool: also time the command in a fresh process and the run without comparisons",
    )
    parser.add_argument(
        "--check-tone",
        action="store_true",
        help="only check the framing tone against VADER's own scores on BASIL dev",
    )
    args = parser.parse_args(argv)
    if args.check_tone:
        print(json.dumps(check_tone()))
        return 0
    out = ROOT / "benchmarks" / "out"
    notes = Path(args.notes).read_text(encoding="utf-8").splitlines() if args.notes else []
    if args.from_json:
        section = markdown(json.loads((out / "throughput.json").read_text()), notes)
        print(section)
        if args.write:
            write_section(section)
        return 0
    sets = [s for s in args.sets.split(",") if s]
    if args.pool and args.sets == parser.get_default("sets"):
        sets = list(POOL_SETS)
    unknown = [s for s in sets if s not in SETS]
    if unknown:
        parser.error(f"--sets must name sets among {', '.join(SETS)}. Got {unknown} instead.")
    trees = [t.resolve() for t in args.tree or [ROOT]]
    if args.command_only and args.pool:
        with tempfile.TemporaryDirectory(prefix="storylens-command-") as tmp:
            rows = command_pairs(pooled(sets, Path(tmp)), trees, args.pairs, Path(tmp))
        print(json.dumps(pairs_summary(rows, trees), default=float))
        return 0
    if args.pool:
        sizes = _sizes(args.sizes)
        if sizes is None:
            parser.error(f"--sizes must be positive integers. Got {args.sizes!r} instead.")
        scale = run_scale(sets, sizes, args.engine, args.with_command, args.with_command)
        out.mkdir(exist_ok=True)
        (out / "throughput-scale.json").write_text(
            json.dumps(scale, indent=1, default=float) + "\n", encoding="utf-8"
        )
        print(scale_markdown(scale))
        return 0
    if args.command_only:
        with tempfile.TemporaryDirectory(prefix="storylens-command-") as tmp:
            for name in sets:
                source, _ = _subset(name, args.limit, Path(tmp))
                for tree in trees:
                    row = command_rate(source, Path(tmp) / f"{name}-corpus", tree)
                    print(json.dumps({"set": name, "tree": str(tree), **row}), flush=True)
        return 0
    result = run_benchmark(sets, args.limit, args.engine, args.minilm_runtime)
    if args.ray_workers:
        workers = [int(k) for k in args.ray_workers.split(",")]
        result["ray_scaling"] = ray_scaling(sets[0], args.limit, workers)
    out.mkdir(exist_ok=True)
    (out / "throughput.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    section = markdown(result, notes)
    print(section)
    if args.write:
        write_section(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
