"""Embedding rate: the pipeline's embed path against the model's raw encode rate, and
the int8 ONNX encoder against torch's fp32 one.

Both run in the same process on the same texts (the chosen inputs: title + body at
the configured max_seq_length), so their ratio says how much the pipeline adds on top
of the model (text building, hashing, the on-disk cache): the model's raw rate is the
limit. The pipeline path starts from a cold (empty) cache.

int8 (`--int8`): the library's `embed.Int8MiniLMEmbedder` (MiniLM's transformer exported
with torch.onnx.export, weights quantised to int8 by onnxruntime's dynamic quantisation,
one text per run) against torch fp32, each on 1 and 2 threads, in alternated rounds
(the machine is shared: each figure is a median, and their ratios are read within a
round): texts/s and the cosine of the int8 vectors to torch's. `--quality`: B-cubed F1
of `benchmarks.bench` on every labelled set with each encoder (the defaults otherwise),
against benchmarks/floors.toml.

`--onnx` (as `benchmarks.run --onnx`): torch fp32, a batched ONNX fp32 and the int8
encoder, with the B-cubed F1 on giveme5w1h.

    python -m benchmarks.embedding [--limit 400] [--int8 [--rounds 3]] [--quality] [--onnx]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
from numpy.typing import NDArray

from benchmarks.bench import DEFAULT_CACHE_DIR, bench, load_labelled
from clustering.config import Config, EmbedConfig
from clustering.embed import (
    Int8MiniLMEmbedder,
    OnThreads,
    SentenceTransformerEmbedder,
    embedder_for,
    embedding_texts,
    export_int8,
    load_embedder,
)
from clustering.pipeline import canonical_order, embed_articles

LABELLED = Path(__file__).resolve().parents[2] / "shared" / "data" / "labelled"
FLOORS = Path(__file__).resolve().parent / "floors.toml"
#: Every labelled set of articles (basil_bias.jsonl holds annotations, not articles).
SETS = ("basil", "giveme5w1h", "gvc", "meantime_multilingual", "neus_allsides", "newswcl50")


def sample_articles(paths: Sequence[Path], limit: int) -> pl.DataFrame:
    """Up to `limit` original articles, taken in turn from each labelled file (the first
    of each, then the second of each, ...), so a short file leaves its turns to the rest."""
    frames = [
        canonical_order(load_labelled(p)[0].filter(pl.col("duplicate_of").is_null()))
        .head(limit)
        .with_row_index("turn")
        .with_columns(pl.lit(i, dtype=pl.UInt32).alias("file"))
        for i, p in enumerate(paths)
    ]
    return pl.concat(frames).sort("turn", "file").head(limit).drop("turn", "file")


def measure(articles: pl.DataFrame, config: Config | None = None) -> dict[str, Any]:
    """Texts/s of `embed_articles` (cold cache) and of the raw `model.encode` on the same
    texts, after one warm-up batch. Returns n_texts, text, max_seq_length,
    pipeline_texts_per_s, raw_texts_per_s, pipeline_over_raw, mean_chars."""
    config = config or Config()
    # The English labelled sets: "auto" resolves to MiniLM there.
    embedder = embedder_for(load_embedder(config.embed), ["en"])
    assert isinstance(embedder, SentenceTransformerEmbedder)
    texts = embedding_texts(articles, config.embed.text).to_list()
    embedder.encode(texts[:8])  # loads the model and warms up its kernels
    start = time.perf_counter()
    if isinstance(embedder, Int8MiniLMEmbedder):  # its encode is the raw path
        embedder.encode(texts)
    else:
        embedder.model.encode(
            texts,
            batch_size=config.embed.batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
    raw = time.perf_counter() - start
    with tempfile.TemporaryDirectory(prefix="storylens-embed-") as cold:
        start = time.perf_counter()
        embed_articles(articles, embedder, config, Path(cold))
        pipeline = time.perf_counter() - start
    n = len(texts)
    return {
        "n_texts": n,
        "text": config.embed.text,
        "max_seq_length": config.embed.max_seq_length,
        "pipeline_texts_per_s": n / pipeline,
        "raw_texts_per_s": n / raw,
        "pipeline_over_raw": raw / pipeline,
        "mean_chars": sum(map(len, texts)) / max(n, 1),
    }


class OnnxEmbedder:
    """all-MiniLM-L6-v2 as an ONNX file run with onnxruntime in padded batches: same
    tokenizer, mean pooling over real tokens, unit rows (an `Embedder`). The fp32 export
    only: the library's int8 encoder is `embed.Int8MiniLMEmbedder`."""

    def __init__(
        self, path: Path, tokenizer: Any, max_seq_length: int, batch_size: int = 32
    ) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = os.cpu_count() or 1
        self.session = onnxruntime.InferenceSession(
            str(path), options, providers=["CPUExecutionProvider"]
        )
        self.tokenizer = tokenizer
        self.max_seq_length = max_seq_length
        self.batch_size = batch_size
        self.name = f"all-MiniLM-L6-v2-onnx-{Path(path).stem}@{max_seq_length}"
        self.dim = 384  # all-MiniLM-L6-v2's hidden size

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        out = []
        for start in range(0, len(texts), self.batch_size):
            batch = self.tokenizer(
                list(texts[start : start + self.batch_size]),
                padding=True,
                truncation=True,
                max_length=self.max_seq_length,
                return_tensors="np",
            )
            feeds = {k: batch[k].astype(np.int64) for k in _ONNX_INPUTS}
            hidden = self.session.run(None, feeds)[0]
            mask = feeds["attention_mask"][:, :, None].astype(np.float32)
            pooled = (hidden * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
            out.append(pooled / np.linalg.norm(pooled, axis=1, keepdims=True))
        return np.concatenate(out).astype(np.float32) if out else np.zeros((0, 384), np.float32)


_ONNX_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def export_onnx(directory: Path) -> tuple[Path, Path]:
    """(fp32 ONNX file, int8 file) of the packaged MiniLM's transformer, exported and
    quantised as the library builds its int8 encoder (`embed.export_int8`)."""
    directory.mkdir(parents=True, exist_ok=True)
    int8 = export_int8(directory)
    return directory / "fp32.onnx", int8


def measure_onnx(
    articles: pl.DataFrame,
    labelled: Path,
    config: Config | None = None,
    cache_dir: Path | None = None,
) -> dict[str, Any]:
    """texts/s of PyTorch fp32 (whatever `config.embed.minilm_runtime` says), ONNX fp32
    and ONNX int8 on `articles`' chosen texts; cosine of the ONNX vectors to PyTorch's
    (mean, min); B-cubed F1 of `bench` on the labelled file `labelled` with each."""
    config = config or Config()
    cache_dir = cache_dir or DEFAULT_CACHE_DIR
    config = replace(config, embed=replace(config.embed, minilm_runtime="torch"))
    torch_embedder = embedder_for(load_embedder(config.embed), ["en"])
    assert type(torch_embedder) is SentenceTransformerEmbedder
    texts = embedding_texts(articles, config.embed.text).to_list()
    fp32, _ = export_onnx(cache_dir / "onnx")
    int8_config = replace(config, embed=replace(config.embed, minilm_runtime="onnx-int8"))
    out: dict[str, Any] = {"n_texts": len(texts), "labelled": labelled.stem}
    reference = None
    for name, embedder, run_config in (
        ("torch_fp32", torch_embedder, config),
        (
            "onnx_fp32",
            OnnxEmbedder(fp32, torch_embedder.model.tokenizer, config.embed.max_seq_length),
            config,
        ),
        ("onnx_int8", embedder_for(load_embedder(int8_config.embed), ["en"]), int8_config),
    ):
        embedder.encode(texts[:8])  # warm-up
        start = time.perf_counter()
        vectors = embedder.encode(texts)
        out[f"{name}_texts_per_s"] = len(texts) / (time.perf_counter() - start)
        if reference is None:
            reference = vectors
        else:
            cosine = np.einsum("ij,ij->i", vectors, reference)
            out[f"{name}_cosine_mean"] = float(cosine.mean())
            out[f"{name}_cosine_min"] = float(cosine.min())
        out[f"{name}_bcubed_f1"] = bench(labelled, run_config, embedder, cache_dir)["bcubed_f1"]
    return out


def _timed(encode: Callable[[], Any]) -> float:
    start = time.perf_counter()
    encode()
    return time.perf_counter() - start


def compare_int8(articles: pl.DataFrame, rounds: int = 3) -> dict[str, Any]:
    """torch fp32 against the int8 encoder on `articles`' chosen texts, each on 1 and 2
    threads (torch's intra-op threads; int8: texts at once, as `OnThreads` sets them),
    the four timed one after the other in each of `rounds` rounds, after a warm-up.
    Returns per encoder and threads the texts/s of each round and their median, the
    ratios int8 / torch (medians of the per-round ratios), the cosine of the int8
    vectors to torch's (mean, min), and the load average after each round."""
    import torch

    config = Config()
    texts = embedding_texts(articles, config.embed.text).to_list()
    fp32 = SentenceTransformerEmbedder(config.embed.max_seq_length, config.embed.batch_size)
    int8 = Int8MiniLMEmbedder(config.embed.max_seq_length, config.embed.batch_size)
    reference, vectors = fp32.encode(texts), int8.encode(texts)  # warm-up, and the cosine
    cosine = np.einsum("ij,ij->i", vectors, reference)
    own = torch.get_num_threads()

    def on_torch(threads: int) -> Callable[[], Any]:
        def encode() -> Any:
            torch.set_num_threads(threads)
            try:
                return fp32.encode(texts)
            finally:
                torch.set_num_threads(own)

        return encode

    timed = {
        "torch_fp32_1": on_torch(1),
        "torch_fp32_2": on_torch(2),
        "onnx_int8_1": lambda: OnThreads(int8, 1).encode(texts),
        "onnx_int8_2": lambda: OnThreads(int8, 2).encode(texts),
    }
    rates: dict[str, list[float]] = {name: [] for name in timed}
    loads = []
    for _ in range(rounds):
        for name, encode in timed.items():
            rates[name].append(len(texts) / _timed(encode))
        loads.append(os.getloadavg()[0])

    def ratio(a: str, b: str) -> float:
        return statistics.median(x / y for x, y in zip(rates[a], rates[b], strict=True))

    best = [
        max(rates["onnx_int8_1"][i], rates["onnx_int8_2"][i])
        / max(rates["torch_fp32_1"][i], rates["torch_fp32_2"][i])
        for i in range(rounds)
    ]
    return {
        "n_texts": len(texts),
        "mean_chars": sum(map(len, texts)) / max(len(texts), 1),
        "texts_per_s": rates,
        "median_texts_per_s": {name: statistics.median(r) for name, r in rates.items()},
        "int8_over_torch_1_thread": ratio("onnx_int8_1", "torch_fp32_1"),
        "int8_over_torch_2_threads": ratio("onnx_int8_2", "torch_fp32_2"),
        "int8_over_torch_best": statistics.median(best),
        "cosine_mean": float(cosine.mean()),
        "cosine_min": float(cosine.min()),
        "load_average": loads,
    }


def quality(sets: Sequence[str] = SETS, cache_dir: Path | None = None) -> list[dict[str, Any]]:
    """B-cubed F1 of `bench` on each labelled set with torch fp32 and with the int8
    encoder (the defaults otherwise; the vectors cached per encoder in `cache_dir`), with
    the set's floor (None where floors.toml has none) and the difference int8 - torch."""
    floors = tomllib.loads(FLOORS.read_text(encoding="utf-8"))["bcubed_f1"]
    rows = []
    for name in sets:
        row: dict[str, Any] = {"set": name, "floor": floors.get(name)}
        for runtime in ("torch", "onnx-int8"):
            config = Config(embed=EmbedConfig(minilm_runtime=runtime))  # type: ignore[arg-type]
            result = bench(
                LABELLED / f"{name}.jsonl", config, cache_dir=cache_dir or DEFAULT_CACHE_DIR
            )
            key = runtime.replace("-", "_")
            row[f"{key}_bcubed_f1"] = result["bcubed_f1"]
            row[f"{key}_stories"] = result["n_pred"]
            row[f"{key}_embedder"] = result["embedder"]
        row["difference"] = row["onnx_int8_bcubed_f1"] - row["torch_bcubed_f1"]
        rows.append(row)
        print(json.dumps(row), flush=True)
    return rows


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=400, help="articles to embed")
    parser.add_argument("--onnx", action="store_true", help="also measure ONNX fp32 and int8")
    parser.add_argument(
        "--int8", action="store_true", help="only torch fp32 against int8, 1 and 2 threads"
    )
    parser.add_argument("--rounds", type=int, default=3, help="alternated rounds of --int8")
    parser.add_argument(
        "--quality", action="store_true", help="only B-cubed F1 per labelled set, torch and int8"
    )
    args = parser.parse_args(argv)
    if args.quality:
        quality()
        return
    articles = sample_articles([LABELLED / f"{name}.jsonl" for name in SETS], args.limit)
    if args.int8:
        print(json.dumps(compare_int8(articles, args.rounds)))
        return
    print(json.dumps(measure(articles)))
    if args.onnx:
        print(json.dumps(measure_onnx(articles, LABELLED / "giveme5w1h.jsonl")))


if __name__ == "__main__":
    main()
