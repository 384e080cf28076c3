from __future__ import annotations

import pytest

from clustering.config import ClusterConfig, ConfigError, load_config


def test_bad_parameter_message_names_expected_and_got():
    with pytest.raises(
        ConfigError, match=r"min_cluster_size must be an int >= 2\. Got 1 instead\."
    ):
        ClusterConfig(min_cluster_size=1)


def test_toml_and_overrides(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('[cluster]\ntime_penalty = 0.3\n[embed]\ntext = "title"\n')
    cfg = load_config(path, cluster={"merge_distance": 0.4})
    assert cfg.cluster.time_penalty == 0.3
    assert cfg.cluster.merge_distance == 0.4
    assert cfg.embed.text == "title"
    assert cfg.cluster.min_cluster_size == 2  # default kept


def test_unknown_section_and_key_are_named(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[clusterr]\nx = 1\n")
    with pytest.raises(ConfigError, match="clusterr"):
        load_config(path)
    with pytest.raises(ConfigError, match="'eps'"):
        load_config(None, cluster={"eps": 0.1})
