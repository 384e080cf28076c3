"""benchmarks/scorecard.py: what the three gold scorers share."""

from __future__ import annotations

import hashlib

import pytest
from conftest import ROOT

from benchmarks.scorecard import gold_parser, normalise, prf, provenance, sample_provenance


def test_prf_counts_right_predictions_and_found_gold_apart():
    # 3 of 4 predictions right, 2 of 5 gold items found (matching is not one-to-one)
    assert prf(3, 4, 2, 5) == {"precision": 0.75, "recall": 0.4, "f1": 0.5217}
    assert prf(0, 0, 0, 0) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_normalise_folds_case_punctuation_and_space():
    assert normalise("  “Hello,”  she SAID -- twice. ") == "hello she said twice"


def test_provenance_names_the_dataset_inside_the_checkout(tmp_path):
    record = provenance(ROOT / "benchmarks" / "gold" / "x.json", "ab" * 32, {"k": 1}, ["numpy"])
    assert record["dataset"] == "benchmarks/gold/x.json"
    assert record["dataset_sha256"] == "ab" * 8
    assert record["parameters"] == {"k": 1}
    assert list(record["versions"]) == ["python", "polars", "numpy"]
    assert provenance(tmp_path / "x.json", "0" * 64)["dataset"] == str(tmp_path / "x.json")
    assert "parameters" not in provenance("benchmarks/gold/real", "0" * 64)
    assert (
        provenance("x", "0" * 64, packages=["no-such-package-x"])["versions"]["no-such-package-x"]
        is None
    )


def test_sample_provenance_hashes_the_gold_with_the_sample_it_annotates(tmp_path):
    (tmp_path / "gold.json").write_bytes(b"{}")
    (tmp_path / "articles.jsonl").write_bytes(b'{"id": 1}\n')
    record = sample_provenance(tmp_path / "gold.json", tmp_path)
    assert record["dataset_sha256"] == hashlib.sha256(b'{}{"id": 1}\n').hexdigest()[:16]


def test_gold_parser_adds_real_and_write_only_when_asked():
    args = gold_parser("Scores.\nMore.", real=True, write=True).parse_args(["--real", "dev"])
    assert (args.real, args.write, args.errors) == ("dev", False, False)
    with pytest.raises(SystemExit):
        gold_parser("Scores.").parse_args(["--real", "dev"])
