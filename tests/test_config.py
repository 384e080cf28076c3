"""The configuration: defaults, TOML loading, and a check of every field that names its
TOML key, fails before anything is read or written, and never lets a wrong type through."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from conftest import WordHashEmbedder
from typer.testing import CliRunner

from clustering.cli import app
from clustering.config import (
    ClusterConfig,
    CompareConfig,
    ConfigError,
    EmbedConfig,
    IngestConfig,
    load_config,
)

SECTIONS = {
    "ingest": IngestConfig,
    "embed": EmbedConfig,
    "cluster": ClusterConfig,
    "compare": CompareConfig,
}

#: One value out of range (or of the wrong kind) for EVERY field of every section: a new
#: field without an entry here fails `test_every_field_has_a_bad_value_here`, so no
#: tunable goes unchecked.
BAD = {
    "ingest": {
        "columns": {"body": 3},
        "near_duplicate_threshold": 0,
        "max_body_chars": 0,
        "outlets": "  ",
    },
    "embed": {
        "model": "bert",
        "minilm_runtime": "onnx-fp16",
        "text": "body",
        "max_seq_length": 8,
        "batch_size": 0,
        "cache_dir": "",
        "multilingual_max_tokens": 4,
        "multilingual_min_share": 1.5,
        "multilingual_english_weight": 1.0,
    },
    "cluster": {
        "min_cluster_size": 1,
        "min_samples": 0,
        "cluster_selection_epsilon": -0.1,
        "sparse_weight": 1.5,
        "time_penalty": -1,
        "time_scale_days": 0,
        "split_gap_days": -1,
        "split_min_side": 0,
        "merge_distance": -0.5,
        "link_similarity": 2,
        "max_gap_days": 0,
        "attach_similarity": 1.5,
        "max_block_size": 1,
        "block_method": "kmeans",
        "name_weight": 2,
        "conflict_penalty": -1,
        "event_day_tolerance": -1,
        "place_conflicts": "yes",
        "undated_gap_days": -1,
        "story_max_distance": 0.2,  # under merge_distance (0.5)
        "cannot_link_cues": 6,
        "cannot_link_weights": "max",
        # corpora without dates (cluster/undated.py)
        "undated_share": 1.5,
        "undated_max_body_chars": -1,
        "undated_similarity": 3.0,
        "undated_neighbours": 0,
        "undated_story_margin": 2.5,
        "undated_story_shoulder": -0.1,
        "undated_large_story_margin": 2.5,
        "undated_merge_similarity": -2.5,
        "undated_merge_gain": -0.1,
        "undated_embedding_weight": -0.1,
        "undated_word_weight": 1.5,
        "undated_char_weight": -1,
        "undated_weekday_weight": 2,
        "undated_month_weight": -0.5,
        "undated_cue_weight": 1.5,
        "undated_number_weight": -0.5,
    },
    "compare": {
        "enabled": "yes",
        "fact_similarity": 1.5,
        "fact_similarity_embedded": 0,
        "fact_similarity_static": 1.5,
        "fact_similarity_lexical": -0.1,
        "fact_mutual_margin": 1.5,
        "fact_grouping": "single",
        "fact_figures_agree": "yes",
        "quote_similarity": 170.0,
        "quote_content_share": 1.5,
        "quote_unvouched_content_share": -0.2,
        "quote_unvouched_similarity": 0,
        "quote_translation_similarity": 0,
        "sentence_max_seq_length": 4,
        "number_similarity": 0,
        "number_conflict_similarity": 1.2,
        "number_conflict_counted": -0.5,
        "number_context_weight": 1.5,
        "number_witness_counted": 0,
        "number_synonym_cosine": 1.5,
        "number_stale_days": -1,
        "number_anchor_days": 1.5,
        "number_anchor_years": -1,
        "number_anchor_context": 0,
        "number_time_window_hours": -1,
        "number_about": 1.0,
        "number_nearly": -0.1,
        "number_rounding_cap": 1.0,
        "number_measure_slack": -0.01,
        "number_magnitude": 1.0,
        "number_cohesion": 0,
        "number_conflict_cohesion": 1.2,
        "number_context_saturation": 0,
        "number_nothing_counted": 1.1,
        "number_coverage": -0.1,
        "number_equal_bonus": 2,
        "number_near": 1.0,
        "number_cross_language_min_count": -1,
        "number_aligner": "neural",
        "number_aligner_threshold": 0,
        "number_aligner_rescue": 1.5,
    },
}

#: (section, field, bad value) for every field the config has (an entry for a field that
#: is not there yet, or any more, is ignored: the check above is that none is missing).
CASES = [
    (section, f.name, BAD[section][f.name])
    for section, cls in SECTIONS.items()
    for f in dataclasses.fields(cls)
    if f.name in BAD[section]
]
#: Fields a string is a valid value of (a path); every other field must refuse "nonsense".
STRING_FIELDS = {("ingest", "outlets"), ("embed", "cache_dir")}


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, str):
        return json.dumps(value)
    return repr(value)


def _message(section: str, name: str) -> str:
    """The scikit-learn shape with the TOML key: 'compare.x must be .... Got ... instead.'"""
    return rf"^{section}\.{name} must be .+\. Got .+ instead\.$"


def test_every_field_has_a_bad_value_here():
    for section, cls in SECTIONS.items():
        missing = {f.name for f in dataclasses.fields(cls)} - set(BAD[section])
        assert not missing, f"give [{section}] {sorted(missing)} a bad value in BAD"


def test_the_defaults_are_valid_and_survive_a_round_trip_through_a_corpus_manifest():
    from clustering.config import Config

    config = Config()
    assert load_config(None, **config.to_dict()) == config


@pytest.mark.parametrize(("section", "name", "value"), CASES)
def test_a_bad_value_in_a_toml_file_fails_naming_its_key_and_writes_nothing(
    tmp_path, section, name, value
):
    bad = tmp_path / "bad.toml"
    bad.write_text(f"[{section}]\n{name} = {_toml(value)}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=_message(section, name)):
        load_config(bad)
    # Through the command line: exit 2 with the key named, and no corpus directory.
    src = tmp_path / "in.jsonl"
    src.write_text('{"title": "A fire", "body": "A fire hit the plant.", "outlet": "Daily"}\n')
    out = tmp_path / "corpus"
    result = CliRunner().invoke(
        app, ["run", str(src), "--out", str(out), "--config", str(bad), "--quiet"]
    )
    assert result.exit_code == 2, result.output
    assert f"{section}.{name} must be" in " ".join(result.output.split())
    assert not out.exists()


@pytest.mark.parametrize(
    ("section", "name"),
    [(s, n) for s, n, _ in CASES if (s, n) not in STRING_FIELDS],
)
def test_a_value_of_the_wrong_kind_is_a_config_error_not_a_type_error(section, name):
    with pytest.raises(ConfigError, match=_message(section, name)):
        load_config(None, **{section: {name: "nonsense"}})


def test_nan_and_booleans_are_not_numbers():
    with pytest.raises(ConfigError, match=r"compare\.number_near must be .* Got nan instead"):
        CompareConfig(number_near=float("nan"))
    with pytest.raises(ConfigError, match=r"cluster\.min_cluster_size .* Got True instead"):
        ClusterConfig(min_cluster_size=True)


def test_bad_parameter_message_names_expected_and_got():
    with pytest.raises(
        ConfigError,
        match=r"^cluster\.min_cluster_size must be an int >= 2\. Got 1 instead\.$",
    ):
        ClusterConfig(min_cluster_size=1)
    with pytest.raises(
        ConfigError,
        match=re.escape("compare.quote_similarity must be a float in (0, 100]. Got 170.0 instead."),
    ):
        CompareConfig(quote_similarity=170.0)


def test_toml_and_overrides(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(
        '[cluster]\ntime_penalty = 0.3\n[embed]\ntext = "title"\ncache_dir = "vectors"\n'
        "[compare]\nnumber_magnitude = 4\n"
    )
    cfg = load_config(path, cluster={"merge_distance": 0.4})
    assert cfg.cluster.time_penalty == 0.3
    assert cfg.cluster.merge_distance == 0.4
    assert cfg.embed.text == "title"
    assert str(cfg.embed.cache_dir) == "vectors" and cfg.embed.cache_dir.is_absolute() is False
    assert cfg.compare.number_magnitude == 4
    assert cfg.cluster.min_cluster_size == 2  # default kept


def test_unknown_section_and_key_are_named(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[clusterr]\nx = 1\n")
    with pytest.raises(ConfigError, match="clusterr"):
        load_config(path)
    with pytest.raises(ConfigError, match="'eps'"):
        load_config(None, cluster={"eps": 0.1})


def test_an_unreadable_file_is_a_config_error_naming_it(tmp_path):
    with pytest.raises(ConfigError, match="missing.toml"):
        load_config(tmp_path / "missing.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[compare\nquote_similarity = 80\n")
    with pytest.raises(ConfigError, match="broken.toml.* is not valid TOML"):
        load_config(broken)
    flat = tmp_path / "flat.toml"
    flat.write_text("compare = 3\n")
    with pytest.raises(ConfigError, match=r"\[compare\] must be a table of key = value"):
        load_config(flat)


def test_the_compare_thresholds_reach_their_stage():
    from clustering.compare.facts import fact_threshold
    from clustering.compare.number_claims import claim_interval
    from clustering.embed import StaticEmbedder

    config = CompareConfig(
        fact_similarity_static=0.6, fact_similarity_lexical=0.3, fact_similarity_embedded=0.4
    )
    assert fact_threshold(StaticEmbedder(), config) == 0.6
    assert fact_threshold(None, config) == 0.3
    assert fact_threshold(WordHashEmbedder(), config) == 0.4
    assert fact_threshold(None, CompareConfig(fact_similarity=0.7)) == 0.7  # one for all
    assert fact_threshold(None) == 0.25  # the default's
    about = claim_interval(1000.0, None, "about", "about 1,000", CompareConfig(number_about=0.2))
    assert about == pytest.approx((800.0, 1200.0))
    assert claim_interval(1000.0, None, "about", "about 1,000") == pytest.approx((900.0, 1100.0))


def test_a_section_must_be_its_checked_dataclass_and_a_folder_is_no_config(tmp_path):
    from clustering.config import Config

    with pytest.raises(ConfigError, match=r"^compare must be a CompareConfig .* Got \{"):
        Config(compare={"quote_similarity": 170.0})  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="cannot be read"):
        load_config(tmp_path)
