"""The quote cross-encoder measurement's plumbing (benchmarks/quote_speaker_cross.py): its
folds of whole gold files, its marked windows, its per-quote softmax and loss, the stacked
features and picks, and its RESULTS.md block. The fine-tune itself is CPU time and is not
run here; its figures are in RESULTS.md. Data made up here."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from benchmarks.quote_speaker_cross import (
    AFTER,
    BLOCK_END,
    BLOCK_START,
    Row,
    cross_pick,
    file_folds,
    listwise_loss,
    markdown,
    marked_window,
    quote_softmax,
    rows_fingerprint,
    stacked_vectors,
    top_candidates,
    write_block,
)


def _offsets(text: str) -> list[tuple[int, int]]:
    """Word pieces as whitespace words (the cut only reads their offsets)."""
    out, i = [], 0
    for word in text.split():
        i = text.index(word, i)
        out.append((i, i + len(word)))
        i += len(word)
    return out


def test_file_folds_keep_each_file_whole_and_balance_the_quotes() -> None:
    files = ["a"] * 5 + ["b"] * 4 + ["c"] * 3 + ["d"] * 2 + ["e"]
    fold = file_folds(files, 2)
    # largest first onto the lighter fold: a->0, b->1, c->1, d->0, e->0 (or 1 on a tie)
    assert fold == {"a": 0, "b": 1, "c": 1, "d": 0, "e": 0}
    loads = [sum(1 for f in files if fold[f] == k) for k in range(2)]
    assert loads == [8, 7]


def test_marked_window_marks_the_quote_and_the_candidate_only() -> None:
    body = 'Ann Lee met Bob. "We will win," Lee said. Bob left.'
    q0, q1 = body.index('"'), body.index("Lee said") - 1
    spans = [(0, 7), (body.index("Lee said"), body.index("Lee said") + 3)]
    text = marked_window(body, 0, len(body), (q0, q1), spans, _offsets(body))
    assert text == '[ Ann Lee ] met Bob. { "We will win," } [ Lee ] said. Bob left.'


def test_marked_window_cuts_around_the_quote_and_keeps_a_long_quotes_ends(monkeypatch) -> None:
    import benchmarks.quote_speaker_cross as module

    monkeypatch.setattr(module, "BEFORE_TOKENS", 2)
    monkeypatch.setattr(module, "AFTER_TOKENS", 2)
    monkeypatch.setattr(module, "QUOTE_TOKENS", 4)
    body = 'one two three four "a b c d e f g" x said five six'
    q0, q1 = body.index('"'), body.index(" x") + 0
    text = marked_window(body, 0, len(body), (q0, q1), [], _offsets(body))
    # two words before, the quote's first two and last two words, two words after
    assert text == 'three four { "a b ... f g" } x said'


def test_quote_softmax_normalises_within_each_quote() -> None:
    logits = np.array([0.0, 0.0, 2.0, 1.0, 1.0])
    p = quote_softmax(logits, {0: [0, 1], 1: [2, 3, 4]})
    assert p[:2].tolist() == [0.5, 0.5]
    assert p[2:].sum() == pytest.approx(1.0)
    assert p[2] > p[3] == pytest.approx(p[4])


def test_listwise_loss_shares_the_target_over_right_rows() -> None:
    torch = pytest.importorskip("torch")
    logits = torch.tensor([0.0, 0.0, 0.0, 5.0])
    # quote 1: rows 0-1, row 0 right: -log(1/2); quote 2: rows 2-3, both right
    loss = listwise_loss(logits, [[0, 1], [2, 3]], [True, False, True, True])
    e = float(np.log1p(np.exp(-5.0)))  # -log softmax of the 5.0 row
    want = (np.log(2) + 0.5 * (5.0 + e) + 0.5 * e) / 2
    assert float(loss) == pytest.approx(want, rel=1e-5)


def _record(decided: bool = False, joint: bool = False) -> dict:
    return {
        "site": SimpleNamespace(decided=decided),
        "rule": "Ann Lee",
        "no_one": {"Tokyo"},
        "joint": joint,
        "gold": "Ann Lee",
        "body": "",
        "candidates": [("Ann Lee", [1.0, 0.0]), ("Tokyo", [0.0, 1.0]), ("Bob", [0.5, 0.5])],
        "labels": [True, False, False],
    }


def _rows() -> list[Row]:
    return [
        Row("t", "Ann Lee", 0, 0, True),
        Row("t", "Bob", 0, 2, False),
        Row("t", "no one", 0, -1, False),
    ]


def test_stacked_vectors_add_the_candidates_and_no_ones_probability() -> None:
    p = np.array([0.6, 0.3, 0.1])
    (record,) = stacked_vectors([_record()], _rows(), p)
    assert record["candidates"] == [
        ("Ann Lee", [1.0, 0.0, 0.6, 0.1]),
        ("Tokyo", [0.0, 1.0, 0.0, 0.1]),  # outside the cross-encoder's rows: 0
        ("Bob", [0.5, 0.5, 0.3, 0.1]),
    ]
    assert _record()["candidates"][0] == ("Ann Lee", [1.0, 0.0])  # the input is untouched


def test_cross_pick_takes_the_best_row_after_the_pipelines_own_rules() -> None:
    rows = _rows()
    assert cross_pick(_record(), rows, [0, 1, 2], np.array([0.2, 0.7, 0.1])) == "Bob"
    assert cross_pick(_record(), rows, [0, 1, 2], np.array([0.2, 0.1, 0.7])) is None
    # a decided quote keeps the rules' speaker; a joint one is no one's
    decided = _record(decided=True)
    assert cross_pick(decided, rows, [0, 1, 2], np.array([0.0, 1.0, 0.0])) == "Ann Lee"
    assert cross_pick(_record(joint=True), rows, [0, 1, 2], np.array([1.0, 0, 0])) is None


def test_top_candidates_rank_by_the_ranker_and_skip_no_one_names() -> None:
    ranker = SimpleNamespace(probability=lambda v: v[1] * 2 + v[0])
    # Ann Lee 1.0, Tokyo 2.0 (never chosen), Bob 1.5
    assert top_candidates(_record(), ranker, 2) == [2, 0]
    assert top_candidates(_record(), ranker, 1) == [2]


def _result(gain: float, adopt: bool) -> dict:
    return {
        "n_quotes": 10,
        "n_predicted": 11,
        "n_gold": 10,
        "k": 3,
        "epochs": 1,
        "folds": 2,
        "covered": 0.9,
        "ceiling": 1.0,
        "fold_files": {"0": ["a"], "1": ["b", "c"]},
        "fold_quotes": [5, 5],
        "rules": 7,
        "shipped_ranker": 8,
        "per_epoch": [
            {"cross_alone": 6, "stacked": 9, "by_fold_shipped_stacked_n": [[4, 5, 5], [4, 4, 5]]}
        ],
        "gain": gain,
        "adopt": adopt,
        "lower_minutes": 1.0,
        "n_rows": 40,
        "minutes_per_fold": [2.0, 3.0],
    }


def test_markdown_reports_each_system_and_the_declared_verdict() -> None:
    block = markdown(_result(0.1, True))
    assert block.startswith(BLOCK_START) and block.rstrip().endswith(BLOCK_END)
    assert "| (c) shipped ranker, refitted per fold | held out | 8 | 0.8000 |" in block
    assert "| (b) ranker + cross-encoder scores, epoch 1 | held out | 9 | 0.9000 |" in block
    assert "fold 1: 4 -> 5 of 5; fold 2: 4 -> 4 of 5" in block
    assert "Verdict: adopted" in block
    assert "**not adopted** ((b) - (c) = +0.0040" in markdown(_result(0.004, False))


def test_block_goes_right_after_the_quote_agreement_section_and_is_replaced(tmp_path) -> None:
    path = tmp_path / "RESULTS.md"
    path.write_text(f"x\n{AFTER}\n\n<!-- framing:start -->\ny\n", encoding="utf-8")
    write_block(markdown(_result(0.004, False)), path)
    write_block(markdown(_result(0.02, True)), path)
    text = path.read_text(encoding="utf-8")
    assert text.count(BLOCK_START) == 1
    assert text.index(AFTER) < text.index(BLOCK_START) < text.index("<!-- framing:start")
    assert "Verdict: adopted" in text and "not adopted" not in text


def test_block_needs_the_quote_agreement_section(tmp_path) -> None:
    path = tmp_path / "RESULTS.md"
    path.write_text("nothing here\n", encoding="utf-8")
    with pytest.raises(ValueError, match="quote-agreement"):
        write_block(markdown(_result(0.0, False)), path)


def test_rows_fingerprint_changes_with_any_row() -> None:
    rows = _rows()
    same = rows_fingerprint(_rows())
    assert rows_fingerprint(rows) == same
    assert rows_fingerprint([*rows[:2], Row("t", "no one", 0, -1, True)]) != same
    assert rows_fingerprint([Row("u", "Ann Lee", 0, 0, True), *rows[1:]]) != same
