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
