"""The value-blind pair model of issue 16 plus what two claims' contexts MEAN, their figure
masked (`python benchmarks/number_value_blind.py --model masked ...`; RESULTS.md, section
number-value-blind).

`BlindPairModel`'s 39 features (benchmarks/number_value_blind_model.py) are lexical: word
overlaps and IDF cosines. Two outlets that disagree on a figure mostly word it differently
('13 people were shot' / 'wounding 13': the words share nothing but the number), so its
blind gold conflict pairs were each claim's best partner but scored 0.03-0.47. Here each
claim's context is embedded by the packaged MiniLM (clustering.embed, the int8 ONNX default)
with the figure itself replaced by `PLACEHOLDER`, and the cosine of the two masked contexts
joins the features: `MASKED_FEATURES`. Still value-blind: two claims that differ only in
their value give one masked text (`masked_span`), so two such pairs get the same features.

Vectors are kept in a cache file (`VECTOR_CACHE`, under the temporary folder) keyed by the
masked text's hash. An older checkout scored in a git worktree (the blind batches) has no
int8 encoder; its masked texts are encoded by this tree's code in a subprocess
(`python benchmarks/number_masked_model.py encode IN OUT`), once per batch (`prime`).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from clustering.models import StandardisedLogistic

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from clustering.compare.number_claims import _Claim

MAIN = Path(__file__).resolve().parents[1]


def _blind() -> ModuleType:
    """benchmarks/number_value_blind_model.py of this tree, loaded by path (as
    benchmarks/number_value_blind.py loads it: an older checkout on the path has none)."""
    name = "value_blind_model"
    if name not in sys.modules:
        path = MAIN / "benchmarks" / "number_value_blind_model.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


_BLIND = _blind()
sentence_ranks = _BLIND.sentence_ranks

#: The masked-context features, after `BLIND_FEATURES`.
MASKED_FEATURES: tuple[str, ...] = (
    # MiniLM cosine of the ~12 words around the two figures, each figure masked
    "masked_window",
    # MiniLM cosine of the two counted phrases alone (0 where either names nothing)
    "masked_counted",
)
FEATURES: tuple[str, ...] = tuple(_BLIND.BLIND_FEATURES) + MASKED_FEATURES
#: What a figure becomes in its masked context: a word MiniLM reads as "some number of".
PLACEHOLDER = os.environ.get("VB_PLACEHOLDER", "several")
#: Words of the sentence kept either side of the figure's span.
WINDOW_WORDS = int(os.environ.get("VB_WINDOW", "6"))
#: "window" (`WINDOW_WORDS` either side) or "sentence" (the whole sentence), masked.
CONTEXT = os.environ.get("VB_CONTEXT", "window")
VECTOR_CACHE = Path(tempfile.gettempdir()) / "storylens_masked_vectors"

_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred hundreds thousand thousands million millions billion billions "
    "trillion dozen dozens half quarter mn bn tn"
)
_SCALES = "dozen|hundred|thousand|million|billion|trillion|half|quarter"
_DAY_WORDS = (
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december"
)
_MONTH_SHORT = "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
#: The parts of a figure's span that say its value: digits (with their separators, ending
#: on a digit, and a glued scale or ordinal suffix: "4m", "$47bn", "21st", "1990s"), number
#: and scale words ("a" only before a scale: "a dozen"), and the day or month names a
#: date's value is ("Oct."). Runs of them (joined by spaces, hyphens, commas, "and", "or",
#: "to") become one `PLACEHOLDER`.
_VALUE_TOKEN = (
    r"(?:\d(?:[\d,.:/]*\d)?(?:bn|mn|tn|st|nd|rd|th|s|m|k|b)?(?![a-z\d])"
    rf"|\b(?:{'|'.join((_NUMBER_WORDS + ' ' + _DAY_WORDS).split())})\b"
    rf"|\b(?:{_MONTH_SHORT})\b\.?"
    rf"|\ban?(?=[\s-]+(?:{_SCALES})\b))"
)
_VALUE_RUN = re.compile(
    rf"{_VALUE_TOKEN}(?:,?[\s-]+(?:(?:and|or|to)\s+)?{_VALUE_TOKEN})*", re.IGNORECASE
)
#: A clock time glued to its half of the day ("8:30am"): split first, so that the digits
#: are masked whole and "am" kept ("several am"), as "8:30 a.m." keeps "a.m.".
_GLUED_HALF_DAY = re.compile(r"(\d)(am|pm)\b", re.IGNORECASE)


def masked_span(text: str) -> str:
    """A figure's span ("at least 13 people", "$9 billion", "8:30am", "Monday") with the
    words that say its value replaced by one `PLACEHOLDER` each run ("at least several
    people", "$several", "several am", "several"): two spans that differ only in their
    value mask alike."""
    return _VALUE_RUN.sub(PLACEHOLDER, _GLUED_HALF_DAY.sub(r"\1 \2", text))


def masked_context(row: dict[str, Any]) -> str:
    """A claim row's context (`CONTEXT`: `WINDOW_WORDS` words of its sentence either side of
    its span, or the whole sentence) with the span masked (`masked_span`)."""
    sentence, at = row.get("sentence") or "", row.get("sentence_start") or 0
    start, end = row["start"] - at, row["end"] - at
    if not 0 <= start <= end <= len(sentence):
        return masked_span(row.get("text") or "")
    before, span, after = sentence[:start], sentence[start:end], sentence[end:]
    if CONTEXT == "window":  # the spaces next to the span kept as written ("wounding 13.")
        before = " ".join(before.split()[-WINDOW_WORDS:]) + (" " if before[-1:].isspace() else "")
        after = (" " if after[:1].isspace() else "") + " ".join(after.split()[:WINDOW_WORDS])
    return (before + masked_span(span) + after).strip()


def _texts(row: dict[str, Any]) -> tuple[str, str]:
    """(masked context, counted phrase) of a claim row: the texts its vectors are of."""
    return masked_context(row), (row.get("counted") or "").strip()


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class _Vectors:
    """MiniLM vectors of masked texts, by text hash, read from and added to `VECTOR_CACHE`
    (one .npy of rows and one .json of their keys per process that encoded)."""

    def __init__(self) -> None:
        self.rows: dict[str, NDArray[np.float32]] = {}
        self.loaded = False

    def load(self) -> None:
        if self.loaded:
            return
        self.loaded = True
        for keys in sorted(VECTOR_CACHE.glob("*.json")) if VECTOR_CACHE.exists() else []:
            matrix = np.load(keys.with_suffix(".npy"))
            for k, name in enumerate(json.loads(keys.read_text(encoding="utf-8"))):
                self.rows[name] = matrix[k]

    def prime(self, texts: list[str]) -> None:
        """Encode the texts not in the cache (once each) and keep them there."""
        self.load()
        missing = sorted({t for t in texts if t and _key(t) not in self.rows})
        if not missing:
            return
        matrix = _encode(missing)
        VECTOR_CACHE.mkdir(parents=True, exist_ok=True)
        stem = VECTOR_CACHE / f"{os.getpid()}-{_key(''.join(missing))[:12]}"
        np.save(stem.with_suffix(".npy"), matrix)
        keys = [_key(t) for t in missing]
        stem.with_suffix(".json").write_text(json.dumps(keys), encoding="utf-8")
        self.rows.update(zip(keys, matrix, strict=True))

    def cosine(self, first: str, second: str) -> float:
        if not first or not second:
            return 0.0
        self.prime([first, second])
        return float(np.dot(self.rows[_key(first)], self.rows[_key(second)]))


VECTORS = _Vectors()


def _encode(texts: list[str]) -> NDArray[np.float32]:
    """float32 (len(texts), 384), unit rows: the packaged MiniLM (int8 ONNX, the default
    runtime) of this tree, in this process when the `clustering` imported is this tree's,
    else in a subprocess that imports it (a git worktree of an older commit)."""
    import clustering

    if Path(clustering.__file__).resolve().parents[1] == MAIN:
        from clustering.config import EmbedConfig
        from clustering.embed import load_embedder

        return load_embedder(EmbedConfig(model="minilm")).encode(texts)
    with tempfile.TemporaryDirectory() as tmp:
        given, out = Path(tmp) / "texts.json", Path(tmp) / "vectors.npy"
        given.write_text(json.dumps(texts), encoding="utf-8")
        subprocess.run(
            [sys.executable, __file__, "encode", str(given), str(out)],
            cwd=MAIN, env={**os.environ, "PYTHONPATH": str(MAIN)}, check=True,
        )  # fmt: skip
        return np.load(out)


def prime(rows: list[dict[str, Any]]) -> None:
    """Have the vectors of every claim row's masked texts cached (one encoder run)."""
    VECTORS.prime([t for row in rows for t in _texts(row)])


def masked_features(row_a: dict[str, Any], row_b: dict[str, Any]) -> list[float]:
    """`MASKED_FEATURES` of two claim rows."""
    (context_a, counted_a), (context_b, counted_b) = _texts(row_a), _texts(row_b)
    return [VECTORS.cosine(context_a, context_b), VECTORS.cosine(counted_a, counted_b)]


def blind_features(
    a: _Claim,
    b: _Claim,
    row_a: dict[str, Any],
    row_b: dict[str, Any],
    ranks: dict[int, tuple[int, int]],
) -> list[float]:
    """`FEATURES` of two claims: the value-blind model's 39, then `MASKED_FEATURES`."""
    return _BLIND.blind_features(a, b, row_a, row_b, ranks) + masked_features(row_a, row_b)


@dataclass(frozen=True)
class MaskedPairModel(StandardisedLogistic):
    """A logistic regression over `FEATURES`: the probability that two claims measure one
    quantity, whatever their values, from their words and their masked contexts' meaning."""

    FEATURES: ClassVar[tuple[str, ...]] = FEATURES
    RETRAIN: ClassVar[str] = "python benchmarks/number_value_blind.py --model masked train"
    ABOUT: ClassVar[str] = (
        "value-blind logistic regression over claim pairs with masked-context MiniLM cosines "
        "(benchmarks/number_masked_model.py)"
    )


#: The names benchmarks/number_value_blind.py reads a model module by.
BlindPairModel = MaskedPairModel
BLIND_FEATURES = FEATURES


def value_blind_flags(
    aligned: Any,
    claims: list[_Claim],
    rows: list[dict[str, Any]],
    model: MaskedPairModel,
    threshold: float,
    **gates: Any,
) -> list[dict[str, Any]]:
    """`number_value_blind_model.value_blind_flags` (the same gates) scored with `FEATURES`."""
    prime([rows[c.index] for c in claims])
    return list(
        _BLIND.value_blind_flags(
            aligned, claims, rows, model, threshold, features=blind_features, **gates
        )
    )


if __name__ == "__main__" and sys.argv[1:2] == ["encode"]:
    given, out = Path(sys.argv[2]), Path(sys.argv[3])
    np.save(out, _encode(json.loads(given.read_text(encoding="utf-8"))))
