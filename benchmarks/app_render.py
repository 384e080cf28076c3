"""Render times of the Streamlit app on a 10,000-article corpus, once its frames are cached.

    .venv/bin/python benchmarks/app_render.py [--articles 10000] [--seed 0] [--corpus DIR]

Builds a synthetic corpus (no model: articles from `benchmarks.synthetic`, bodies padded to
news length, stories by `clustering.stories.build_stories` on the gold stories, comparison
tables and history written straight to Parquet with realistic row counts), then drives
the app with Streamlit's AppTest: the stories page and the story page of the best-covered
story are each rendered twice; the first render fills the caches, the second is what a
journalist waits for when moving around. AppTest times the script run and the building of
every element (dataframes serialised to Arrow included), not the browser's drawing.
Prints one JSON row: dataset, its hash, parameters, library versions, seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import SyntheticSpec, generate  # noqa: E402
from clustering import schema  # noqa: E402
from clustering.compare import TABLES  # noqa: E402
from clustering.corpus import Corpus  # noqa: E402
from clustering.pipeline import built_history  # noqa: E402
from clustering.stories import build_stories  # noqa: E402

APP = ROOT / "app.py"
#: Real articles run ~3,700 characters (median of the labelled sets); synthetic bodies
#: are ~500, so each is repeated to about this length.
BODY_CHARS = 3_700


def _comparisons(
    articles: pl.DataFrame, stories: pl.DataFrame, rng: np.random.Generator
) -> dict[str, pl.DataFrame]:
    """Comparison tables for the multi-outlet stories, shaped as the compare stage writes
    them: per story 3 number groups (one claim per article each), 2 quote groups (carried
    by half the articles), one framing row per article and 3 facts per article (one
    exclusive), over every article of the story, as the compare stage does."""
    multi = set(stories.filter(pl.col("n_outlets") > 1)["story_id"])
    members = articles.filter(pl.col("story_id").is_in(list(multi))).sort(
        "story_id", "published_at", "article_id"
    )
    numbers, quotes, framing, facts = [], [], [], []
    span = [
        {"kind": "equal", "text": "we will rebuild the harbour "},
        {"kind": "delete", "text": "together"},
    ]
    for (story_id,), group in members.group_by("story_id", maintain_order=True):
        rows = group.select("article_id", "outlet", "title", "body").rows()
        for g in range(3):
            status = ["conflict", "agree", "compatible"][int(rng.integers(3))]
            for i, (aid, outlet, _, _) in enumerate(rows):
                value = 1000.0 * (g + 1) * (1.5 if status == "conflict" and i % 2 else 1.0)
                numbers.append(
                    (
                        story_id,
                        f"n-{story_id}-{g}",
                        status,
                        f"quantity {g}",
                        aid,
                        outlet,
                        value,
                        None,
                        None,
                        None,
                        f"{value:,.0f} people",
                        f"Some {value:,.0f} people were affected.",
                        g,
                    )
                )
        for g in range(2):
            for i, (aid, outlet, _, _) in enumerate(rows[: 1 + len(rows) // 2]):
                diff = span[:1] if i == 0 else span
                quotes.append(
                    (
                        story_id,
                        f"q-{story_id}-{g}",
                        f"Speaker {g}",
                        "shared",
                        aid,
                        outlet,
                        "we will rebuild the harbour together",
                        False,
                        1.0 if i == 0 else 0.8,
                        diff,
                    )
                )
        for aid, outlet, title, body in rows:
            framing.append(
                (
                    story_id,
                    outlet,
                    aid,
                    title,
                    body[:160],
                    [{"verb": "said", "count": 3}],
                    ["about"],
                    ["very"],
                    [{"term": "slammed", "category": "verb", "neutral": "criticised"}],
                    float(rng.random()),
                    float(rng.uniform(-1, 1)),
                    ["Someone Only"],
                )
            )
            for k in range(3):
                kind = "exclusive" if k == 0 else "shared"
                facts.append(
                    (
                        story_id,
                        f"f-{aid}-{k}",
                        kind,
                        aid,
                        outlet,
                        body[k * 100 : k * 100 + 120],
                        k,
                        1 if k == 0 else 2,
                        [outlet],
                    )
                )
    span_type = pl.List(pl.Struct({"kind": pl.String, "text": pl.String}))
    return {
        "numbers": pl.DataFrame(numbers, orient="row", schema=["story_id", "group_id", "status", "quantity", "article_id", "outlet", "value", "value_high", "qualifier", "unit", "text", "sentence", "sentence_index"], schema_overrides={"value_high": pl.Float64, "qualifier": pl.String, "unit": pl.String}),
        "quotes": pl.DataFrame(quotes, orient="row", schema=["story_id", "group_id", "speaker", "status", "article_id", "outlet", "text", "is_truncated", "similarity", "diff"], schema_overrides={"diff": span_type}),
        "framing": pl.DataFrame(framing, orient="row", schema=["story_id", "outlet", "article_id", "headline", "lead_sentence", "attribution_verbs", "hedges", "intensifiers", "loaded_terms", "subjectivity", "tone", "entities_only_here"]),
        "facts": pl.DataFrame(facts, orient="row", schema=["story_id", "fact_id", "kind", "article_id", "outlet", "sentence", "sentence_index", "n_outlets", "outlets"]),
    }  # fmt: skip


def build_corpus(path: Path, n_articles: int, seed: int) -> Corpus:
    """The synthetic corpus in `path` (see the module docstring)."""
    rng = np.random.default_rng(seed)
    synthetic = generate(SyntheticSpec(n_articles=n_articles, seed=seed, n_outlets=80))
    mean_chars = synthetic.articles.select(pl.col("body").str.len_chars().mean()).item()
    repeat = max(1, round(BODY_CHARS / mean_chars))
    articles = synthetic.articles.with_columns(
        pl.concat_str([pl.col("body")] * repeat, separator="\n\n").alias("body"),
        pl.format("s-{}", pl.col("story").cast(pl.String).str.zfill(6)).alias("story_id"),
    )
    assignments = articles.select("article_id", "story_id", pl.lit(False).alias("is_noise"))
    corpus_articles = articles.select(schema.ARTICLES.names())
    stories = build_stories(corpus_articles, assignments)
    with Corpus(path).transaction("run", fresh=True) as corpus:
        _write_tables(corpus, articles, corpus_articles, assignments, stories, rng)
        corpus.write_manifest(
            {"counts": {"read": n_articles, "stories": stories.height}, "synthetic": {"seed": seed}}
        )
    return Corpus(path)


def _write_tables(
    corpus: Corpus,
    articles: pl.DataFrame,
    corpus_articles: pl.DataFrame,
    assignments: pl.DataFrame,
    stories: pl.DataFrame,
    rng: np.random.Generator,
) -> None:
    corpus.write("articles", corpus_articles.sort("article_id"))
    corpus.write("assignments", assignments.sort("article_id"))
    corpus.write("stories", stories)
    corpus.write("rejects", schema.empty(schema.REJECTS))
    corpus.write("history", built_history(stories, datetime.now(UTC)))
    for kind, frame in _comparisons(articles, stories, rng).items():
        # Typed as the compare stage writes them; columns the app never reads stay null.
        table = pl.Schema({"story_id": pl.String(), **TABLES[kind]})
        corpus.write_comparison(
            kind,
            frame.with_columns(
                pl.lit(None).alias(c) for c in table.names() if c not in frame.columns
            )
            .select(table.names())
            .cast(table),
        )


def _timed(at) -> float:  # noqa: ANN001
    start = time.perf_counter()
    at.run()
    seconds = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(at.exception[0].value)
    return seconds


def measure(corpus: Corpus) -> dict[str, float | str]:
    """Render the stories page and the best-covered story's page twice each."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=300)
    at.session_state["corpus"] = str(corpus.path)
    stories = [_timed(at), _timed(at)]
    story_id = str(at.dataframe[0].value["story_id"].iloc[0])
    at.switch_page("app_pages/story.py")
    at.query_params["story"] = story_id
    story = [_timed(at), _timed(at)]
    return {
        "story_id": story_id,
        "stories_page_first_s": round(stories[0], 3),
        "stories_page_cached_s": round(stories[1], 3),
        "story_page_first_s": round(story[0], 3),
        "story_page_cached_s": round(story[1], 3),
    }


def _hash(corpus: Corpus) -> str:
    digest = hashlib.sha256()
    for name in ("articles", "stories", "assignments"):
        frame = corpus.read(name).drop("updated_at", strict=False)
        digest.update(frame.hash_rows().sort().to_numpy().tobytes())
    return digest.hexdigest()[:16]


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--corpus",
        type=Path,
        default=None,
        help="Where to write the corpus (default: a temporary folder).",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="storylens-app-bench-") as tmp:
        path = args.corpus or Path(tmp) / "corpus"
        start = time.perf_counter()
        corpus = build_corpus(path, args.articles, args.seed)
        built = time.perf_counter() - start
        stories = corpus.read("stories")
        row = {
            "benchmark": "app_render",
            "dataset": "synthetic",
            "dataset_hash": _hash(corpus),
            "params": {"n_articles": args.articles, "seed": args.seed, "body_chars": BODY_CHARS},
            "n_stories": stories.height,
            "n_multi_outlet_stories": int((stories["n_outlets"] > 1).sum()),
            "corpus_mb": round(corpus.disk_bytes() / 1e6, 1),
            "build_s": round(built, 1),
            **measure(corpus),
            "versions": {p: version(p) for p in ("streamlit", "polars", "pyarrow", "altair")},
            "python": platform.python_version(),
            "machine": platform.machine(),
        }  # fmt: skip
    print(json.dumps(row))
    return row


if __name__ == "__main__":
    main()
