"""The English stop words the comparisons and the framing cues read (`text.ENGLISH_STOP_WORDS`),
a copy of scikit-learn's so that the second comparison process starts without importing
scikit-learn (issue 14). No timings here: the copy's words, and what a fresh process that
compares imports."""

from __future__ import annotations

import subprocess
import sys

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as SKLEARN_STOP_WORDS

from clustering.compare import facts, quote_groups
from clustering.extract import framing
from clustering.text import ENGLISH_STOP_WORDS


def test_the_copy_holds_scikit_learns_words_exactly():
    copy = ENGLISH_STOP_WORDS
    assert copy == frozenset(SKLEARN_STOP_WORDS)
    assert len(copy) == 318


def test_the_readers_read_the_same_words_as_before():
    # The sets each module builds from it, as they built them from scikit-learn's.
    sklearn_words = frozenset(SKLEARN_STOP_WORDS)
    grouped, facts_stop = quote_groups._STOP_WORDS, facts._STOP
    assert grouped == sklearn_words
    assert facts_stop == sklearn_words | {
        "said", "says", "told", "according", "added", "mr", "mrs", "ms", "dr", "also",
        "per", "cent", "percent",
    }  # fmt: skip
    assert framing._stop_words() == sklearn_words - framing._NAME_PARTICLES
    assert framing._word_values("the")[3] == 1.0
    assert framing._word_values("senator")[3] == 0.0


def test_what_the_second_comparison_process_loads_imports_no_scikit_learn():
    # serve_comparisons' own imports and warm-ups, in a fresh interpreter.
    code = (
        "from clustering.imports import refused\n"
        "with refused(frozenset({'pandas'})):\n"
        "    from clustering.compare import compare_story\n"
        "    from clustering.compare.facts import facts_embedder\n"
        "import sys\n"
        "print(sorted(m for m in ('sklearn', 'scipy.stats') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"
