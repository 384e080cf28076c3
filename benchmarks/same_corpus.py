"""Whether two corpora hold the same tables (issue 14: a speed change must leave a run's
output as it was).

    python -m benchmarks.same_corpus OLD_CORPUS NEW_CORPUS

Every table either corpus holds (clustering.corpus.FILES, OTHER_TABLES and the
comparison kinds), read through `Corpus` and compared with polars' `equals`, the run's
clocks left out (CLOCKS: the time a run was made, which two runs never share). Prints a
line per table (its rows, and the columns that differ where it does) and exits 1 when any
table differs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from clustering.corpus import COMPARISON_KINDS, FILES, OTHER_TABLES, Corpus  # noqa: E402

#: Columns that hold when a run was made (table -> columns), dropped before comparing.
CLOCKS: dict[str, tuple[str, ...]] = {
    "stories": ("updated_at",),
    "history": ("at",),
    "failures": ("at",),
}


def table_names(*corpora: Corpus) -> list[str]:
    """The tables any of `corpora` holds, in FILES, OTHER_TABLES, comparisons order."""
    names = [*FILES, *OTHER_TABLES, *(f"comparisons/{kind}" for kind in COMPARISON_KINDS)]
    return [name for name in names if any(corpus.has(name) for corpus in corpora)]


def _read(corpus: Corpus, name: str) -> pl.DataFrame:
    frame = corpus.read(name) if corpus.has(name) else pl.DataFrame()
    return frame.drop([c for c in CLOCKS.get(name, ()) if c in frame.columns])


def differences(old: Path, new: Path) -> dict[str, list[str]]:
    """Table -> what differs between the corpora at `old` and `new` (empty where the
    table is equal): "columns" when the column names or order differ, "rows N != M" when
    the heights do, else the columns whose values differ."""
    a, b = Corpus(old), Corpus(new)
    out: dict[str, list[str]] = {}
    for name in table_names(a, b):
        x, y = _read(a, name), _read(b, name)
        if x.columns != y.columns or x.schema != y.schema:
            out[name] = ["columns"]
        elif x.height != y.height:
            out[name] = [f"rows {x.height} != {y.height}"]
        else:
            out[name] = [c for c in x.columns if not x[c].equals(y[c])]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    args = parser.parse_args(argv)
    found = differences(args.old, args.new)
    rows = {name: Corpus(args.new).count(name) for name in found if Corpus(args.new).has(name)}
    for name, differ in found.items():
        print(f"{name}: {rows.get(name, 0)} rows, " + (f"DIFFER {differ}" if differ else "equal"))
    print(f"{sum(not d for d in found.values())} of {len(found)} tables equal")
    return 1 if any(found.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
