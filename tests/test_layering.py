"""The library does not reach out of itself: no module under clustering/ imports the
benchmarks, the Streamlit pages or the app (read from the source, not by running it)."""

from __future__ import annotations

import ast

from conftest import ROOT

#: Top-level packages/modules of the checkout that the library must never import.
OUTSIDE = ("benchmarks", "app_pages", "app", "tests")


def imported_modules(tree: ast.AST) -> set[str]:
    """Absolute names every `import` / `from ... import` of `tree` names, and the literal
    names given to `importlib.import_module` / `__import__` (relative imports stay inside
    their package and are skipped)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if called in ("import_module", "__import__") and isinstance(first, ast.Constant):
                names.add(str(first.value))
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_imported_modules_sees_nested_and_lazy_imports():
    tree = ast.parse(
        "import os, benchmarks.bench\n"
        "def f():\n"
        "    from app_pages import common\n"
        "    from . import sibling\n"
        "    importlib.import_module('benchmarks.baselines')\n"
    )
    assert imported_modules(tree) == {
        "os",
        "benchmarks.bench",
        "app_pages",
        "benchmarks.baselines",
    }


def test_no_library_module_imports_benchmarks_pages_or_the_app():
    files = sorted((ROOT / "clustering").rglob("*.py"))
    assert len(files) > 40  # the whole package was read, not an empty glob
    offending = []
    for path in files:
        for name in imported_modules(ast.parse(path.read_text(encoding="utf-8"))):
            if name.split(".")[0] in OUTSIDE:
                offending.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offending == []


def _named_in(lines: list[str], path: str) -> bool:
    """Whether a layout line names module `path` ("clustering/ingest/csvfile.py"): in full,
    or by its file name (or, for a package listed as a folder, its stem) on a line that
    names its folder."""
    folder, _, name = path.rpartition("/")
    return any(
        f"`{path}`" in line
        or (f"`{folder}/" in line and (f"`{name}`" in line or f"`{name[:-3]}`" in line))
        for line in lines
    )


def test_the_readme_layout_names_every_module_of_the_library():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme.split("## Development", 1)[1].splitlines()
    layout = [line for line in layout if line.startswith("| `")]
    modules = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "clustering").rglob("*.py"))
    assert len(modules) > 50
    missing = [m for m in modules if not _named_in(layout, m) and not m.endswith("/__init__.py")]
    assert missing == [], f"README Development layout lacks {missing}"
    assert _named_in(layout, "clustering/cluster/__init__.py")
    assert not _named_in(layout, "clustering/ingest/nowhere.py")
