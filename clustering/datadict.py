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


#: Columns that mean the same in every table where they have no comment of their own.
SHARED_COLUMNS = {
    "article_id": "the article (ARTICLES.article_id)",
    "story_id": "the story (STORIES.story_id)",
    "outlet": "the article's outlet (ARTICLES.outlet)",
    "end": "end offset, just past the last character (with `start`)",
    "source_file": "the input file, as the user gave it",
    "source_line": "1-based line or record number in that file",
}


def _comments(source: str) -> tuple[dict[int, str], set[int]]:
    """(line number -> the comment on that line, without '#', '#:' or spaces; the lines
    that hold nothing but a comment)."""
    out, alone = {}, set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            out[token.start[0]] = token.string.lstrip("#:").strip()
            if token.line.strip().startswith("#"):
                alone.add(token.start[0])
    return out, alone


def _meaning(line: int, column: str, comments: dict[int, str], alone: set[int]) -> str:
    """A column's trailing comment, else the comment block right above it, else the
    shared meaning of its name."""
    if line in comments and line not in alone:
        return comments[line]
    above: list[str] = []
    while line - 1 in alone:
        line -= 1
        above.insert(0, comments[line])
    return " ".join(above) or SHARED_COLUMNS.get(column, "")


def tables() -> list[Table]:
    """Every `NAME = frame_schema({...})` of clustering.schema, in file order."""
    source = inspect.getsource(schema)
    comments, alone = _comments(source)
    found: list[Table] = []
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
            meaning = _meaning(key.lineno, column, comments, alone)
            if not meaning and isinstance(value, ast.Subscript):  # "x": OTHER["x"]
                other = next(t for t in found if t.name == value.value.id)  # type: ignore[attr-defined]
                meaning = dict((c, m) for c, _, m in other.columns)[value.slice.value]  # type: ignore[attr-defined]
            columns.append((column, str(dtypes[column]), meaning))
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
