"""The fine-tune measurement's plumbing (benchmarks/framing_finetune.py): its sentence rows,
its length-bucketed batches and its block inside RESULTS.md's framing section. The
fine-tune itself is an hour of CPU and is not run here; its figures are in RESULTS.md."""

from __future__ import annotations

import random

import numpy as np
import pytest

from benchmarks.framing import FINETUNE_BLOCK, Article, keep_finetune_block
from benchmarks.framing_finetune import (
    BATCH,
    Rows,
    _batches,
    markdown,
    sentence_rows,
    write_block,
)
from clustering.text import split_sentences

_BODY = (
    "The senator spoke on Tuesday. Critics called the plan a reckless giveaway. "
    "It had failed twice before. The vote is next week."
)


def _article() -> Article:
    loaded = _BODY.index("reckless")
    background = _BODY.index("It had failed")
    article = Article(
        "a1",
        "e1",
        "Fox News",
        "Title",
        _BODY,
        [
            {"type": "lexical", "start": loaded, "end": loaded + len("reckless")},
            {"type": "informational", "start": background, "end": background + 10},
        ],
    )
    article.sentences = split_sentences(_BODY)
    return article


def test_sentence_rows_label_each_sentence_and_carry_its_neighbours():
    rows = sentence_rows([_article()])
    assert rows.text == [
        "The senator spoke on Tuesday.",
        "Critics called the plan a reckless giveaway.",
        "It had failed twice before.",
        "The vote is next week.",
    ]
    assert rows.gold.tolist() == [[False, False], [True, False], [False, True], [False, False]]
    # The neighbours: the previous and the next sentence, none past the article's ends.
    assert rows.context[0] == "Critics called the plan a reckless giveaway."
    assert rows.context[2] == (
        "Critics called the plan a reckless giveaway. The vote is next week."
    )
    assert rows.context[3] == "It had failed twice before."
    assert rows.events == ["e1"] * 4 and rows.article_ids == ["a1"] * 4


def test_batches_hold_every_sentence_once_in_similar_lengths():
    rng = random.Random(0)
    texts = ["x" * rng.randint(5, 300) for _ in range(1000)]
    rows = Rows(texts, [""] * 1000, np.zeros((1000, 2), dtype=bool), ["e"] * 1000, ["a"] * 1000)
    batches = _batches(rows, random.Random(1))
    flat = [i for b in batches for i in b]
    assert sorted(flat) == list(range(1000))
    assert max(len(b) for b in batches) == BATCH
    # Each batch is a run of one length-sorted pool: its lengths never go down ...
    for batch in batches:
        lengths = [len(texts[i]) for i in batch]
        assert lengths == sorted(lengths)
    # ... so a batch pads to far less than random batches of the same sizes would.
    padded = sum(len(b) * max(len(texts[i]) for i in b) for b in batches)
    shuffled = list(range(1000))
    random.Random(2).shuffle(shuffled)
    chunks = [shuffled[i : i + BATCH] for i in range(0, 1000, BATCH)]
    random_padded = sum(len(b) * max(len(texts[i]) for i in b) for b in chunks)
    assert padded < 0.6 * random_padded
    # The batches are shuffled, not served shortest first.
    firsts = [len(texts[b[0]]) for b in batches]
    assert firsts != sorted(firsts)


def _result() -> dict:
    def scores(p: float, r: float, f1: float, pred: int, gold: int) -> dict:
        return {"p": p, "r": r, "f1": f1, "n_pred": pred, "n_gold": gold}

    oof = {
        "n_folds": 5,
        "n_sentences": 4000,
        "minutes_per_fold": [4.0, 5.0, 4.5, 4.2, 4.8],
        "n_train_per_fold": [3190, 3210, 3200, 3205, 3195],
    }
    for kind, f1 in (("lexical", 0.321), ("informational", 0.402)):
        oof[kind] = scores(0.3, 0.35, f1, 250, 244) | {
            "epochs": 2,
            "t": 0.5,
            "per_epoch": [{"f1": 0.25}, {"f1": f1}, {"f1": 0.3}],
            "f1_per_fold": [0.3, 0.31, 0.32, 0.33, 0.34],
        }
    test = {"minutes": 6.0, "epochs": 2}
    test["lexical"] = scores(0.2, 0.3, 0.24, 300, 207) | {"base_rate_f1": 0.104}
    test["informational"] = scores(0.3, 0.4, 0.343, 800, 612) | {"base_rate_f1": 0.253}
    return {
        "bf16": True,
        "train_layers": 3,
        "epochs": 3,
        "n_dev": 4000,
        "oof": oof,
        "test": test,
        "cost": {"finetuned_s": 0.5, "shipped_s": 0.025},
    }


def test_markdown_reports_out_of_fold_test_cost_and_the_published_figures():
    top3 = _result()
    whole = _result() | {"train_layers": 6}
    whole["test"] = whole["test"] | {
        "informational": whole["test"]["informational"] | {"f1": 0.388}
    }
    block = markdown([top3, whole])
    start, end = FINETUNE_BLOCK
    assert block.startswith(start) and block.rstrip().endswith(end)
    assert "--train-layers 3 6 --test --write" in block
    assert (
        "| fine-tuned MiniLM, top 3 of 6 layers: lexical | dev out of fold (epoch 2) "
        "| 0.300 | 0.350 | **0.321** |"
    ) in block
    assert (
        "| fine-tuned MiniLM, all 6 layers: informational | test (once) | 0.300 | 0.400 "
        "| **0.388** |"
    ) in block
    assert "4.0-5.0 min per fold" in block
    assert "500 ms per article against 25 ms" in block and "(20x)" in block
    # van den Berg & Markert's RoBERTa and EvCIM, as their repository lists them.
    assert "0.422 (5 seeds: 42.38, 42.08, 42.14, 41.71, 42.49)" in block
    assert "0.441 (44.28, 43.92, 44.17, 44.15, 43.97)" in block
    assert (
        "top 3 of 6 layers (measured above) | lexical / informational, test | 0.240 / 0.343"
        in block
    )
    assert "all 6 layers (measured above) | lexical / informational, test | 0.240 / 0.388" in block


def test_block_goes_inside_the_framing_section_and_survives_its_rewrite(tmp_path):
    path = tmp_path / "RESULTS.md"
    path.write_text(
        "# Results\n\n<!-- framing:start -->\n## Framing\nold\n<!-- framing:end -->\n\n"
        "<!-- other:start -->\nx\n<!-- other:end -->\n",
        encoding="utf-8",
    )
    start, end = FINETUNE_BLOCK
    write_block(f"{start}\nfirst\n{end}\n", path)
    write_block(f"{start}\nsecond\n{end}\n", path)
    text = path.read_text(encoding="utf-8")
    assert text.count(start) == 1 and "first" not in text
    assert text.index("<!-- framing:start -->") < text.index("second")
    assert text.index("second") < text.index("<!-- framing:end -->")
    assert text.endswith("<!-- other:start -->\nx\n<!-- other:end -->\n")
    # The framing benchmark rewrites its section and keeps the block where it was.
    section = "<!-- framing:start -->\n## Framing\nnew\n<!-- framing:end -->\n"
    kept = keep_finetune_block(section, path)
    assert kept == (
        f"<!-- framing:start -->\n## Framing\nnew\n{start}\nsecond\n{end}\n<!-- framing:end -->\n"
    )
    assert keep_finetune_block(kept, path) == kept  # already there: not added twice
    assert keep_finetune_block(section, tmp_path / "none.md") == section


def test_block_needs_the_framing_section(tmp_path):
    path = tmp_path / "RESULTS.md"
    path.write_text("# Results\n", encoding="utf-8")
    with pytest.raises(ValueError, match="framing:end"):
        write_block("<!-- framing-finetune:start -->\n<!-- framing-finetune:end -->\n", path)


def test_trained_top_layers_over_cached_lower_layers_equal_the_whole_encoder():
    """The fine-tune trains MiniLM's top layers from the lower layers' output computed
    once; before any training that path must give what the whole encoder gives."""
    import torch

    from benchmarks.framing_finetune import Classifier

    torch.manual_seed(0)
    model = Classifier(context=False, train_layers=3)
    model.train(False)
    rows = sentence_rows([_article()])
    states = model.lower(rows)
    assert [len(s) for s in states] == [8, 11, 8, 8]  # word pieces with [CLS] and [SEP]
    index = [1, 0, 3, 2]  # padded to the longest, in another order than `lower` batched
    with torch.inference_mode():
        ours = model.logits(states, index)
        encoded = model._encode(rows, index)
        hidden = model.encoder(**encoded).last_hidden_state
        weights = encoded["attention_mask"].unsqueeze(-1).float()
        whole = model.head((hidden * weights).sum(1) / weights.sum(1))
    assert torch.allclose(ours, whole, atol=1e-5)
    # Only the top 3 layers and the head learn.
    trained = sum(w.numel() for w in model.parameters())
    assert trained == 3 * sum(w.numel() for w in model.top[0].parameters()) + 384 * 2 + 2


def test_out_of_fold_reads_the_folds_run_and_chooses_the_epoch_on_them(tmp_path, monkeypatch):
    import benchmarks.framing_finetune as ft
    from benchmarks.framing import _grouped_folds

    monkeypatch.setattr(ft, "CACHE", tmp_path)
    rng = np.random.default_rng(0)
    events = [f"e{i // 10}" for i in range(500)]  # 50 events of 10 sentences
    gold = rng.random((500, 2)) < np.array([0.1, 0.2])
    dev = Rows(["s"] * 500, [""] * 500, gold, events, ["a"] * 500)
    folds = _grouped_folds(events)
    setup = {"context": False, "bf16": True, "train_layers": 3}
    # Fake fine-tunes of folds 0-2 (scores cached as a run writes them): epoch 1 is noise,
    # epoch 2 ranks every gold sentence first.
    runs = {}
    for k in range(3):
        held = gold[folds[k]]
        runs[str(k)] = {
            "scores": [rng.random(held.shape).tolist(), (0.2 + 0.6 * held).tolist()],
            "seconds": 60.0 * (k + 1),
            "n_train": int((~folds[k]).sum()),
        }
    ft._save_cache(setup, {"oof_e2": runs})
    result = ft.out_of_fold(dev, [None] * 500, 2, setup, n_folds=3)
    assert result["n_folds"] == 3
    assert result["n_sentences"] == int(np.any(folds[:3], axis=0).sum()) == 300
    assert result["minutes_per_fold"] == [1.0, 2.0, 3.0]
    for kind in ("lexical", "informational"):
        assert result[kind]["epochs"] == 2 and result[kind]["f1"] == 1.0
        assert result[kind]["per_epoch"][0]["f1"] < 0.6
        assert result[kind]["f1_per_fold"] == [1.0, 1.0, 1.0]
    j = 1
    assert result["informational"]["n_gold"] == int(gold[np.any(folds[:3], axis=0), j].sum())
