"""Honest progress (issue 14): every stage of `run` that reports ends its bar on its total
when it ends, in pipeline order, and the encoder, extraction and comparison bars start
at 0 when their stage starts."""

from __future__ import annotations

from conftest import SAMPLE, WordHashEmbedder

from clustering.pipeline import run


def test_each_stage_reports_from_zero_to_its_total_in_order(tmp_path):
    reports: list[tuple[str, int, int]] = []
    run(
        [SAMPLE], tmp_path / "c", embedder=WordHashEmbedder(), progress=lambda *r: reports.append(r)
    )
    stages = list(dict.fromkeys(stage for stage, _, _ in reports))
    assert stages == ["embed", "link", "cluster", "extract", "compare"]
    for stage in stages:
        mine = [(done, total) for s, done, total in reports if s == stage]
        if stage != "cluster":  # its first report is its first block clustered
            assert mine[0][0] == 0, stage  # the bar (and its clock) starts with the stage
        assert mine[-1][0] == mine[-1][1], stage  # ... and completes when it ends
    # "link" counts millions of pairs: 0 of 0 for 46 articles (the CLI draws it as 1 of 1).
    assert all(total > 0 for stage, _, total in reports if stage != "link")
    # The sample's 46 original articles are extracted for its 9 multi-outlet stories.
    assert [r for r in reports if r[0] == "compare"][-1] == ("compare", 9, 9)
