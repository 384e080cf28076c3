"""benchmarks/undated_cross_encoder.py: a cross-encoder of two leads probed for the
undated path (issue 19; a benchmark, so only its pair building, split and similarity
term are tested, on data made up here: no model is loaded)."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.undated_cross_encoder import (
    added_term,
    close_pairs,
    held_out_keys,
    pair_rows,
    similarity_term,
    training_pairs,
)


def _sims() -> np.ndarray:
    """Five articles: 0-1 one story, 2-3 one story, 4 alone; 1 and 2 look alike."""
    s = np.array(
        [
            [1.0, 0.5, 0.1, -0.4, -0.6],
            [0.5, 1.0, 0.3, -0.3, -0.5],
            [0.1, 0.3, 1.0, 0.4, -0.2],
            [-0.4, -0.3, 0.4, 1.0, -0.1],
            [-0.6, -0.5, -0.2, -0.1, 1.0],
        ]
    )
    return s


GOLD = np.array(["f:a", "f:a", "f:b", "f:b", "f:c"])


def test_training_pairs_keep_the_nearest_and_every_story_mate_inside_the_rows() -> None:
    rows = np.array([True, True, True, False, True])
    pairs, same = training_pairs(_sims(), GOLD, rows, k=1)
    # nearest inside the rows: 0->1, 1->0, 2->1, 4->2; mates inside: (0, 1); 3 is out
    assert pairs.tolist() == [[0, 1], [1, 2], [2, 4]]
    assert same.tolist() == [True, False, False]


def test_training_pairs_with_a_floor_keep_only_close_pairs() -> None:
    rows = np.ones(5, dtype=bool)
    pairs, same = training_pairs(_sims(), GOLD, rows, k=2, floor=0.2)
    assert pairs.tolist() == [[0, 1], [1, 2], [2, 3]]
    assert same.tolist() == [True, False, True]


def test_training_pairs_of_fewer_than_two_rows_are_none() -> None:
    pairs, same = training_pairs(_sims(), GOLD, np.eye(5, dtype=bool)[0], k=3)
    assert pairs.shape == (0, 2)
    assert same.shape == (0,)


def test_close_pairs_drop_the_nearest_under_the_floor() -> None:
    # 0-1 and 2-3 are mutual nearest; 4's nearest is 3 at -0.1: under the floor 0.0
    assert close_pairs(_sims(), 1, 0.0).tolist() == [[0, 1], [2, 3]]


def test_held_out_keys_split_the_dev_half_by_md5_and_keep_test_apart() -> None:
    from benchmarks.streams import story_half
    from benchmarks.undated_projection import inner_half

    stories = [f"neus:s{i}" for i in range(40)]
    keys = held_out_keys(np.array(stories))
    for story, key in zip(stories, keys.tolist(), strict=True):
        if story_half(story.split(":", 1)[1]) == "test":
            assert key == "test"
        else:
            assert key == "dev" + inner_half(story)
    assert {"devA", "devB", "test"} == set(keys.tolist())


def test_pair_rows_need_one_inside_and_none_outside() -> None:
    keys = np.array(["devA", "devB", "test", "devB"])
    pairs = np.array([[0, 1], [1, 2], [1, 3], [0, 2], [2, 2]])
    assert pair_rows(keys, pairs, "devB", "devA").tolist() == [False, True, True, False, False]


def test_added_term_is_symmetric_and_zero_elsewhere() -> None:
    extra = added_term(3, np.array([[0, 2]]), np.array([0.25]))
    assert extra[0, 2] == extra[2, 0] == pytest.approx(0.25)
    assert np.count_nonzero(extra) == 2


def test_similarity_term_adds_the_term_by_vector_and_restores_the_library() -> None:
    import clustering.cluster.undated as undated

    original = undated.undated_similarity
    vectors = np.eye(3, dtype=np.float32)
    extra = added_term(3, np.array([[0, 2]]), np.array([0.5]))
    calls = []

    def fake(block: np.ndarray, *args: object, **kwargs: object) -> np.ndarray:
        calls.append(len(block))
        return np.zeros((len(block), len(block)))

    undated.undated_similarity = fake  # type: ignore[assignment]
    try:
        with similarity_term(vectors, extra):
            # a block of rows 2 and 0, in that order
            got = undated.undated_similarity(vectors[[2, 0]])
        assert got.tolist() == [[0.0, 0.5], [0.5, 0.0]]
        assert undated.undated_similarity is fake
    finally:
        undated.undated_similarity = original
    assert calls == [2]
