"""The data dictionary: every column of every table StoryLens writes, with its type and
meaning, read from clustering/schema.py itself (each column's trailing comment, each
schema's `#:` line), so the documentation cannot drift from the code.

    python -m clustering.datadict > docs/data-dictionary.md
"""

from __future__ import annotations

import ast
import inspect
import io
import tokenize
from dataclasses import dataclass

from clustering import schema


@dataclass(frozen=True)
class Table:
    name: str  # the schema constant, e.g. ARTICLES
    about: str  # its `#:` comment
    columns: list[tuple[str, str, str]]  # (column, dtype, meaning)


def _comments(source: str) -> dict[int, str]:
    """Line number -> the comment on that line (without '#', '#:' or spaces)."""
    out = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            out[token.start[0]] = token.string.lstrip("#:").strip()
    return out


def tables() -> list[Table]:
    """Every `NAME = frame_schema({...})` of clustering.schema, in file order."""
    source = inspect.getsource(schema)
    comments = _comments(source)
    found = []
    for node in ast.parse(source).body:
        if not (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and getattr(node.value.func, "id", "") == "frame_schema"
            and isinstance(node.value.args[0], ast.Dict)
        ):
            continue
        name = node.targets[0].id  # type: ignore[attr-defined]
        dtypes = getattr(schema, name)
        columns = []
        body = node.value.args[0]
        for key, value in zip(body.keys, body.values, strict=True):
            if key is None:  # **OTHER: that table's columns, as documented there
                columns += next(t.columns for t in found if t.name == value.id)  # type: ignore[attr-defined]
                continue
            column = key.value  # type: ignore[attr-defined]
            columns.append((column, str(dtypes[column]), comments.get(key.lineno, "")))
        found.append(Table(name, comments.get(node.lineno - 1, ""), columns))
    return found


def markdown() -> str:
    """The dictionary as Markdown: one section per table, one row per column."""
    lines = [
        "# Data dictionary",
        "",
        "Every table a corpus holds and an export writes, column by column. Generated from",
        "`clustering/schema.py` by `python -m clustering.datadict` (a test checks that this",
        "file is current). Exports: `stories` is STORIES; `articles` is ARTICLES with",
        "ASSIGNMENTS' `story_id` and `is_noise`; `rejects` is REJECTS; `history` is HISTORY;",
        "`compare_<kind>` are the comparison tables; `marks` and `mark_states` are MARKS and",
        "MARK_STATES.",
    ]
    for table in tables():
        lines += ["", f"## {table.name}", ""]
        if table.about:
            lines += [table.about, ""]
        lines += ["| column | type | meaning |", "|---|---|---|"]
        for column, dtype, meaning in table.columns:
            cell = meaning.replace("|", "\\|")
            lines.append(f"| `{column}` | {dtype} | {cell} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(markdown(), end="")
