"""One `run` or `add` in a process of its own, for tests/test_store.py.

    python tests/store_worker.py run|add|watch CORPUS KILL_AT INPUT...  (watch: one folder)

KILL_AT n > 0: the process kills itself with SIGKILL (kill -9: no cleanup, no finally)
at the n-th point of its writes to the corpus: before and after every Delta table write,
MERGE, restore and the corpus commit. 0: never. The embedder is conftest's word hash
(fast, deterministic); comparisons are off (they are written like any other table).
Exit 0 on success, 3 when `run` finds a corpus already there.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import WordHashEmbedder  # noqa: E402

from clustering import pipeline  # noqa: E402
from clustering.config import load_config  # noqa: E402
from clustering.corpus import Corpus  # noqa: E402

CONFIG = load_config(None, compare={"enabled": False})


def _dying(method, kill_at: int, seen: list[int]):
    def wrapper(*args, **kwargs):
        for when in ("before", "after"):
            seen[0] += 1
            if seen[0] == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            if when == "before":
                result = method(*args, **kwargs)
        return result

    return wrapper


def main(argv: list[str]) -> int:
    command, corpus, kill_at, *inputs = argv
    seen = [0]
    for name in ("_store", "merge", "_commit", "_recover"):
        setattr(Corpus, name, _dying(getattr(Corpus, name), int(kill_at), seen))
    try:
        if command == "run":
            pipeline.run(inputs, Path(corpus), CONFIG, embedder=WordHashEmbedder())
        elif command == "watch":  # one pass of `storylens watch`
            pipeline.watch_once(Path(inputs[0]), Path(corpus), CONFIG, WordHashEmbedder())
        else:
            pipeline.add(inputs, Path(corpus), embedder=WordHashEmbedder())
    except FileExistsError:
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
