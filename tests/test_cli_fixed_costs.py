"""What a `storylens` process loads before and besides its work (issue 14: the fixed costs
a user pays on every command, which a benchmark in a warm process never sees).

Each import check runs in a fresh interpreter, as a command does; no timings here, only
which modules a path imports."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

#: Modules the command line's own import (and `storylens --help`) must not load: each is a
#: tenth of a second to a second of a command's start (scikit-learn ~0.7 s with the
#: scipy.stats and pandas it imports, torch ~1 s), needed only once a corpus is built.
HEAVY = (
    "sklearn",
    "scipy.stats",
    "pandas",
    "numba",
    "hdbscan",
    "torch",
    "spacy",
    "onnxruntime",
    "tokenizers",
    "sentence_transformers",
    "trafilatura",
    "deltalake",
)


def _loaded_after(code: str) -> dict[str, bool]:
    """Which of HEAVY a fresh interpreter has imported after running `code`."""
    probe = (
        f"{code}\nimport json, sys\nprint(json.dumps({{m: m in sys.modules for m in {HEAVY!r}}}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    loaded: dict[str, bool] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def test_importing_the_command_line_loads_none_of_the_heavy_libraries():
    loaded = _loaded_after("import clustering.cli")
    assert [m for m, yes in loaded.items() if yes] == []


def test_the_help_of_the_command_line_loads_none_of_the_heavy_libraries():
    code = (
        "import sys\nfrom clustering.cli import app\nsys.argv = ['storylens', '--help']\n"
        "try:\n    app()\nexcept SystemExit:\n    pass"
    )
    loaded = _loaded_after(code)
    assert [m for m, yes in loaded.items() if yes] == []


def test_the_probe_sees_a_heavy_import():
    # The check above would pass vacuously if the probe could not see an import at all.
    loaded = _loaded_after("import sklearn.feature_extraction.text")
    assert loaded["sklearn"] and loaded["scipy.stats"]


@pytest.mark.slow
def test_the_weekday_parser_loads_spacy_without_torch_and_only_the_pipes_it_reads():
    pytest.importorskip("spacy")
    code = (
        "from clustering.compare.number_claims import _parser\n"
        "nlp = _parser()\n"
        "assert nlp.pipe_names == "
        "['tok2vec', 'tagger', 'parser', 'attribute_ruler', 'lemmatizer'], nlp.pipe_names\n"
        "assert nlp.disabled == [], nlp.disabled\n"
        "doc = nlp('Police arrested the man on Friday.')\n"
        "friday = [t for t in doc if t.text == 'Friday'][0]\n"
        "assert (friday.dep_, friday.head.head.lemma_) == ('pobj', 'arrest'), "
        "(friday.dep_, friday.head.head.lemma_)"
    )
    loaded = _loaded_after(code)
    assert loaded["spacy"] is True
    assert loaded["torch"] is False


def _probe_package(tmp_path: Path, name: str) -> None:
    """A module `name` on sys.path that no test has imported yet."""
    (tmp_path / f"{name}.py").write_text("VALUE = 41 + 1\n", encoding="utf-8")
    sys.path.insert(0, str(tmp_path))


def test_a_module_kept_out_is_refused_only_to_the_thread_that_keeps_it_out(tmp_path, monkeypatch):
    from clustering.imports import refused

    name = "storylens_kept_out_probe"
    monkeypatch.setattr(sys, "path", list(sys.path))
    _probe_package(tmp_path, name)
    monkeypatch.delitem(sys.modules, name, raising=False)
    other: dict[str, object] = {}

    def import_elsewhere() -> None:
        other["value"] = __import__(name).VALUE

    with refused(frozenset({name})):
        with pytest.raises(ModuleNotFoundError):
            __import__(name)
        with pytest.raises(ModuleNotFoundError):
            __import__(f"{name}.sub")
        thread = threading.Thread(target=import_elsewhere)
        thread.start()
        thread.join()
    assert other["value"] == 42  # another thread imported it meanwhile
    assert __import__(name).VALUE == 42  # and after the block, this one too
    assert not any(type(f).__name__ == "_Unimportable" for f in sys.meta_path)


def test_a_module_kept_out_is_found_when_already_imported(tmp_path, monkeypatch):
    from clustering.imports import refused

    name = "storylens_already_imported_probe"
    monkeypatch.setattr(sys, "path", list(sys.path))
    _probe_package(tmp_path, name)
    monkeypatch.delitem(sys.modules, name, raising=False)
    module = __import__(name)
    with refused(frozenset({name})):
        assert __import__(name) is module


@pytest.mark.slow
def test_the_static_vectors_are_read_once_for_every_instance():
    from clustering.compare.facts import facts_embedder
    from clustering.embed import StaticEmbedder
    from clustering.extract.bias_model import sentence_embedder

    facts, loaded_sentences = facts_embedder(), sentence_embedder()
    assert facts is not loaded_sentences  # two holders, as the facts and the slant model have
    tokenizer, table = facts._load()
    assert loaded_sentences._load()[1] is table
    assert loaded_sentences._load()[0] is tokenizer
    assert StaticEmbedder()._load()[1] is table
    assert table.shape == (30522, 256)


def _storylens(program: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`program` (Python code ending in the CLI's entry point) run with `args` as the
    command line, in a fresh interpreter."""
    code = f"import sys\nsys.argv = ['storylens', *{list(args)!r}]\n{program}"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


_APP = "from clustering.cli import app\napp()"
_MAIN = "from clustering.cli import main\nmain()"


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("run", "--help"),
        ("no-such-command",),
        ("stories", "--corpus", "/nonexistent/storylens-corpus"),
        ("inspect", str(Path(__file__).resolve().parents[1] / "data/sample/articles.jsonl")),
    ],
)
def test_the_program_exits_as_the_app_does_same_code_same_output(args):
    by_app, by_main = _storylens(_APP, *args), _storylens(_MAIN, *args)
    assert by_main.returncode == by_app.returncode
    assert by_main.stdout == by_app.stdout
    assert by_main.stderr == by_app.stderr
    assert by_main.stdout or by_main.stderr  # each command says something


def test_the_program_runs_the_exit_handlers_and_flushes_what_they_write():
    program = (
        "import atexit\natexit.register(lambda: print('handler ran', end=''))\n"
        "print('before', end='')\n" + _MAIN
    )
    done = _storylens(program, "--help")
    assert done.returncode == 0
    assert done.stdout.startswith("before") and done.stdout.endswith("handler ran")


def test_the_program_waits_for_a_thread_still_running():
    # A thread alive at the end (it waits for the main thread's end): the interpreter's
    # own exit, which waits for it; the fast exit would end the process without its line.
    program = (
        "import threading\n"
        "main = threading.main_thread()\n"
        "threading.Thread(target=lambda: (main.join(), print('thread done'))).start()\n" + _MAIN
    )
    done = _storylens(program, "--help")
    assert done.returncode == 0
    assert done.stdout.rstrip().endswith("thread done")


@pytest.mark.slow
def test_a_run_of_the_program_imports_neither_pandas_nor_torch_nor_page_parsers(tmp_path):
    # What the exit handler sees once `storylens run` is done: the library imported without
    # pandas (scikit-learn tries it and does without), spaCy (if a story needed it) without
    # torch, no HTML or feed parser for a JSON Lines input, and the imports' objects frozen
    # out of the collector's reach.
    sample = Path(__file__).resolve().parents[1] / "data" / "sample" / "articles.jsonl"
    program = (
        "import atexit, gc, json\n"
        "modules = ('pandas', 'torch', 'sklearn', 'numba', 'trafilatura', 'feedparser')\n"
        "atexit.register(lambda: print(json.dumps({m: m in sys.modules for m in modules}"
        " | {'frozen': gc.get_freeze_count()})))\n" + _MAIN
    )
    done = _storylens(program, "run", str(sample), "--out", str(tmp_path / "corpus"), "-q")
    assert done.returncode == 0, done.stderr
    assert "42 accepted" in done.stdout
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["sklearn"] and seen["numba"]  # the run clustered
    assert not seen["pandas"] and not seen["torch"]
    assert not seen["trafilatura"] and not seen["feedparser"]
    assert seen["frozen"] > 50_000
