"""The command's progress bars redraw only where someone sees them (issue 14): to a pipe or
a file they are drawn once, as they end, and the lines drawn are the same."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from clustering import cli


def _drawn(monkeypatch: pytest.MonkeyPatch, terminal: bool) -> tuple[bool, str]:
    """(whether the bars redrew on their own, what they drew) of a two-stage run."""
    out = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=out, force_terminal=terminal, width=80))
    with cli._progress("bars") as bars:
        assert bars is not None
        live = bars.progress.live  # type: ignore[attr-defined]
        bars("embed", 0, 4)
        bars("embed", 4, 4)
        bars("compare", 1, 3)
    return live.auto_refresh, out.getvalue()


def test_bars_to_a_pipe_are_drawn_once_as_they_end(monkeypatch):
    refreshed, drawn = _drawn(monkeypatch, terminal=False)
    assert refreshed is False
    lines = [line.split() for line in drawn.splitlines() if line.strip()]
    # each stage's bar once, completed (`_Bars.finish`), elapsed time last
    assert [(words[0], words[-2]) for words in lines] == [("embed", "4/4"), ("compare", "3/3")]


def test_bars_in_a_terminal_still_redraw_on_their_own(monkeypatch):
    refreshed, drawn = _drawn(monkeypatch, terminal=True)
    assert refreshed is True
    assert "embed" in drawn and "compare" in drawn and "3/3" in drawn
