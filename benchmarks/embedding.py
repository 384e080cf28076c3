"""Embedding rate: the pipeline's embed path against the model's raw encode rate, and
an int8 ONNX export of the model.

Both run in the same process on the same texts (the chosen inputs: title + body at
the configured max_seq_length), so their ratio says how much the pipeline adds on top
of the model (text building, hashing, the on-disk cache): the model's raw rate is the
limit. The pipeline path starts from a cold (empty) cache.

ONNX: the model's transformer is exported with torch.onnx.export, quantised to int8
weights with onnxruntime's dynamic quantisation, and run with plain onnxruntime
(mean pooling and L2 normalisation as sentence-transformers does). Its rate, its
cosine to the PyTorch fp32 vectors, and the B-cubed F1 it gives on one labelled set
say whether it could be the default (needs `pip install onnx` for the export).

    python -m benchmarks.embedding [--limit 400] [--onnx]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
from numpy.typing import NDArray

from benchmarks.bench import DEFAULT_CACHE_DIR, bench, load_labelled
from clustering.config import Config
from clustering.embed import (
    SentenceTransformerEmbedder,
    embedder_for,
    embedding_texts,
    load_embedder,
)
from clustering.pipeline import canonical_order, embed_articles

LABELLED = Path(__file__).resolve().parents[2] / "shared" / "data" / "labelled"


def sample_articles(paths: Sequence[Path], limit: int) -> pl.DataFrame:
    """Up to `limit` original articles, taken in turn from each labelled file."""
    frames = [
        canonical_order(load_labelled(p)[0].filter(pl.col("duplicate_of").is_null())) for p in paths
    ]
    per_file = max(limit // max(len(frames), 1), 1)
    return pl.concat([f.head(per_file) for f in frames]).head(limit)


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
    """all-MiniLM-L6-v2 as an ONNX file run with onnxruntime: same tokenizer, mean
    pooling over real tokens, unit rows (an `Embedder`)."""

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


def export_onnx(embedder: SentenceTransformerEmbedder, directory: Path) -> tuple[Path, Path]:
    """(fp32 ONNX file, int8 dynamically quantised ONNX file) of the embedder's transformer."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    directory.mkdir(parents=True, exist_ok=True)
    fp32, int8 = directory / "fp32.onnx", directory / "int8.onnx"

    class Hidden(torch.nn.Module):
        """The transformer's last hidden state, inputs by name (forward's order varies)."""

        def __init__(self, transformer: torch.nn.Module) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.transformer(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    transformer = Hidden(embedder.model[0].auto_model.eval())
    sample = embedder.model.tokenizer(["a sample sentence"], return_tensors="pt")
    axes = {0: "batch", 1: "tokens"}
    with torch.no_grad():
        torch.onnx.export(
            transformer,
            (sample["input_ids"], sample["attention_mask"], sample["token_type_ids"]),
            str(fp32),
            input_names=list(_ONNX_INPUTS),
            output_names=["last_hidden_state"],
            dynamic_axes={name: axes for name in (*_ONNX_INPUTS, "last_hidden_state")},
            opset_version=17,
            dynamo=False,
        )
    # Per-channel weight scales: cosine to fp32 ~0.994 (per-tensor scales: ~0.955).
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True)
    return fp32, int8


def measure_onnx(
    articles: pl.DataFrame,
    labelled: Path,
    config: Config | None = None,
    cache_dir: Path | None = None,
) -> dict[str, Any]:
    """texts/s of PyTorch fp32, ONNX fp32 and ONNX int8 on `articles`' chosen texts;
    cosine of the ONNX vectors to PyTorch's (mean, min); B-cubed F1 of `bench` on the
    labelled file `labelled` with PyTorch and with ONNX int8 embeddings."""
    config = config or Config()
    cache_dir = cache_dir or DEFAULT_CACHE_DIR
    torch_embedder = embedder_for(load_embedder(config.embed), ["en"])
    assert isinstance(torch_embedder, SentenceTransformerEmbedder)
    texts = embedding_texts(articles, config.embed.text).to_list()
    fp32, int8 = export_onnx(torch_embedder, cache_dir / "onnx")
    out: dict[str, Any] = {"n_texts": len(texts), "labelled": labelled.stem}
    reference = None
    for name, embedder in (
        ("torch_fp32", torch_embedder),
        (
            "onnx_fp32",
            OnnxEmbedder(fp32, torch_embedder.model.tokenizer, config.embed.max_seq_length),
        ),
        (
            "onnx_int8",
            OnnxEmbedder(int8, torch_embedder.model.tokenizer, config.embed.max_seq_length),
        ),
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
        out[f"{name}_bcubed_f1"] = bench(labelled, config, embedder, cache_dir)["bcubed_f1"]
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=400, help="articles to embed")
    parser.add_argument("--onnx", action="store_true", help="also measure int8 ONNX")
    args = parser.parse_args(argv)
    articles = sample_articles(sorted(LABELLED.glob("*.jsonl")), args.limit)
    print(json.dumps(measure(articles)))
    if args.onnx:
        print(json.dumps(measure_onnx(articles, LABELLED / "giveme5w1h.jsonl")))


if __name__ == "__main__":
    main()
