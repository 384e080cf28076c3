"""The small fitted models StoryLens ships as JSON weights (no pickle): logistic regressions
over named features, fitted by the benchmarks on dev splits and read here.

- `StandardisedLogistic`: p = sigmoid(intercept + coef . (x - mean) / scale) over one
  feature vector (the speaker ranker, the claim-pair aligner).
- `LinearModel`: p = sigmoid(X @ coef + intercept) over a feature matrix, positive at
  `threshold` (the loaded-word model); `SentenceModel` adds the sentence vector of a named
  embedder after the named features (the loaded-sentence and slanted-sentence models).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Any, ClassVar, Self

import numpy as np
from numpy.typing import NDArray

__all__ = ["LinearModel", "SentenceModel", "StandardisedLogistic"]


def _sigmoid(z: NDArray[np.float64]) -> NDArray[np.float64]:
    return 1.0 / (1.0 + np.exp(-z))


@dataclass(frozen=True)
class StandardisedLogistic:
    """A logistic regression over `FEATURES` with the training set's mean and scale.

    A subclass names its `FEATURES`, the command that refits it (`RETRAIN`) and what it is
    (`ABOUT`, written into its JSON); weights fitted on other features are refused."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    FEATURES: ClassVar[tuple[str, ...]] = ()
    RETRAIN: ClassVar[str] = ""
    ABOUT: ClassVar[str] = ""

    def __post_init__(self) -> None:
        n = len(self.features)
        if not (len(self.mean) == len(self.scale) == len(self.coef) == n):
            raise ValueError(
                f"mean, scale and coef should have one value per feature ({n}). Got "
                f"{len(self.mean)}, {len(self.scale)} and {len(self.coef)} instead."
            )
        if tuple(self.features) != self.FEATURES:
            module = type(self).__module__.rsplit(".", 1)[-1]
            raise ValueError(
                f"features should be {module}.FEATURES (retrain with "
                f"`{self.RETRAIN}`). Got {list(self.features)} instead."
            )

    def probability(self, vector: list[float]) -> float:
        """The probability of one feature vector (`probabilities` of one row)."""
        return self.probabilities(np.asarray([vector], dtype=np.float64))[0]

    def probabilities(self, matrix: NDArray[np.float64]) -> list[float]:
        """The probability of each row of `matrix` (n_rows, n_features): the standardised
        terms in one array operation, summed feature by feature in order (as the
        candidates were scored one by one before, with Python's sum; numpy's pairwise sum
        would round differently and could flip a near tie), and `math.exp`."""
        if matrix.shape[0] == 0:
            return []
        if matrix.shape[1] != len(self.coef):
            raise ValueError(
                f"rows should have one value per feature ({len(self.coef)}). Got "
                f"{matrix.shape[1]} instead."
            )
        terms = np.asarray(self.coef) * (matrix - np.asarray(self.mean)) / np.asarray(self.scale)
        z = np.zeros(matrix.shape[0])  # sum() starts from 0 too
        for column in terms.T:
            z += column
        z = np.clip(self.intercept + z, -60.0, 60.0)
        return [1.0 / (1.0 + math.exp(-v)) for v in z.tolist()]

    def to_json(self) -> dict[str, Any]:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        return {"model": self.ABOUT} | {
            name: list(value) if isinstance(value, tuple) else value
            for name, value in values.items()
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Self:
        values: dict[str, Any] = {
            f.name: tuple(data[f.name]) if isinstance(data[f.name], list) else float(data[f.name])
            for f in fields(cls)
        }
        return cls(**values)


@dataclass(frozen=True)
class LinearModel:
    """P(positive) = sigmoid(X @ coef + intercept) per row of a feature matrix; a row is
    positive at `threshold` or above."""

    coef: tuple[float, ...]
    intercept: float
    threshold: float

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold < 1.0:
            raise ValueError(f"threshold must be in (0, 1). Got {self.threshold!r} instead.")

    def scores(self, matrix: NDArray[np.float64]) -> NDArray[np.float64]:
        """P(positive) per row of `matrix`, shape (n_rows,)."""
        if matrix.shape[1] != len(self.coef):
            raise ValueError(
                f"the feature matrix must have {len(self.coef)} columns (the model's). "
                f"Got {matrix.shape[1]} instead: was it built with another embedder?"
            )
        return _sigmoid(matrix @ np.asarray(self.coef) + self.intercept)


@dataclass(frozen=True)
class SentenceModel(LinearModel):
    """A `LinearModel` over `FEATURES` followed by the sentence vector of `embedder` (its
    name before "@", e.g. "static-all-MiniLM-L6-v2"). `about` says how it was fitted."""

    embedder: str
    about: str = ""

    FEATURES: ClassVar[tuple[str, ...]] = ()
    #: What the JSON calls the trailing vector columns ("embedding", "vector").
    VECTOR: ClassVar[str] = "vector"
    #: The command that refits it.
    RETRAIN: ClassVar[str] = "python -m benchmarks.framing --train"

    def to_json(self) -> dict[str, Any]:
        return {
            "features": [*self.FEATURES, f"{self.embedder} {self.VECTOR} (dimensions in order)"],
            "coef": [round(c, 6) for c in self.coef],
            "intercept": round(self.intercept, 6),
            "threshold": round(self.threshold, 6),
            "embedder": self.embedder,
            "about": self.about,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], source: str = "") -> Self:
        """The model `to_json` wrote; `source` (a file name) names it in the error raised
        when it was fitted on other features."""
        if list(data["features"][: len(cls.FEATURES)]) != list(cls.FEATURES):
            raise ValueError(
                f"{source or cls.__name__} was fitted on other features: refit it with "
                f"{cls.RETRAIN}"
            )
        return cls(
            tuple(data["coef"]),
            data["intercept"],
            data["threshold"],
            data["embedder"],
            data.get("about", ""),
        )
