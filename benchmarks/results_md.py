"""RESULTS.md is shared: benchmarks/run.py writes the opening sections, and each other
benchmark writes its own section between `<!-- name:start -->` and `<!-- name:end -->`."""

from __future__ import annotations

import re
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
_START = re.compile(r"<!-- ([\w-]+):start -->")


def write_section(section: str, path: Path = RESULTS) -> None:
    """Put `section` (it opens with `<!-- name:start -->` and closes with `<!-- name:end
    -->`) in place of that section of `path`, or at the end when it is not there yet."""
    found = _START.match(section.lstrip())
    if not found:
        raise ValueError(
            f"section should open with '<!-- name:start -->'. Got {section[:40]!r} instead."
        )
    start, end = found.group(0), f"<!-- {found.group(1)}:end -->"
    section = section.strip("\n")
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if start in text and end in text:
        head, rest = text.split(start, 1)
        tail = rest.split(end, 1)[1]
        text = head + section + tail
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")
