"""Where the heavy stages run: the `Engine` protocol and the in-process `LocalEngine`.

An engine runs five things for `clustering.pipeline` and `clustering.compare`:
the reading of the input files (`read_files`; duplicates are flagged and counted by
`load_articles` over all of them), the article encoder (`article_embedder` wraps it),
the clustering of the vectors
(`cluster_vectors`: candidate graph and blocks), the per-article extraction
(`extract`) and the per-story comparisons (`compare_stories`). The stages themselves
are the same functions whichever engine runs them, so an engine changes where the work
is done and never what it gives: `clustering.engine_ray.RayEngine` runs them on a Ray
cluster and writes the same corpus.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import struct
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

import numpy as np
import polars as pl
from numpy.typing import NDArray

from clustering.config import ClusterConfig, CompareConfig, IngestConfig
from clustering.embed import Embedder, EmbeddingCache, OnThreads, runs_minilm
from clustering.embed import usable_cores as _cores  # a name the tests replace

if TYPE_CHECKING:
    import scipy.sparse as sp

    from clustering.cluster import Evidence
    from clustering.compare import Comparison, Extracted
    from clustering.ingest import FileRead

__all__ = [
    "ENGINES",
    "Engine",
    "ComparisonProcess",
    "LocalEngine",
    "compares_beside",
    "comparing_beside",
    "extract_cached",
    "extraction_ahead",
    "load_engine",
]

log = logging.getLogger(__name__)

#: The engines `storylens run|add --engine` accepts.
ENGINES = ("local", "ray")


class Engine(Protocol):
    """Runs the article encoder, the extraction and the story comparisons."""

    name: str

    def read_files(self, paths: Sequence[Path], config: IngestConfig) -> Sequence[FileRead]:
        """`clustering.ingest.read_one` of each path, in the order given."""
        ...

    def article_embedder(self, embedder: Embedder) -> Embedder:
        """The embedder the articles are encoded with: `embedder`, or one that runs it
        elsewhere and gives the same vectors under the same name (the cache key)."""
        ...

    def cluster_vectors(
        self,
        vectors: NDArray[np.float32],
        days: NDArray[np.float64],
        config: ClusterConfig,
        sparse: sp.csr_matrix | None = None,
        progress: Callable[[str, int, int], None] | None = None,
        evidence: Evidence | None = None,
    ) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
        """`clustering.cluster.cluster_vectors`: same arguments, same labels."""
        ...

    def extract(
        self,
        articles: pl.DataFrame,
        embedder: Embedder | None,
        cache: EmbeddingCache | None,
        progress: Callable[[int, int], None] | None,
    ) -> Extracted:
        """`clustering.compare.extract_articles` over ARTICLES rows."""
        ...

    def compare_stories(
        self,
        stories: Sequence[tuple[str, pl.DataFrame]],
        embedder: Embedder,
        config: CompareConfig,
        cache: EmbeddingCache | None,
        extracted: Extracted,
    ) -> Iterator[tuple[str, Comparison]]:
        """`clustering.compare.compare_story` of each (story_id, ARTICLES of the story),
        yielded in the order given."""
        ...


class LocalEngine:
    """Every stage in this process, one after another (the default). With `beside` (a
    `ComparisonProcess`, see `comparing_beside`), the stories' comparisons are shared
    with that second process."""

    name = "local"

    def __init__(self, beside: ComparisonProcess | None = None) -> None:
        self.beside = beside

    def read_files(self, paths: Sequence[Path], config: IngestConfig) -> Sequence[FileRead]:
        from clustering.ingest import read_one

        return [read_one(path, config) for path in paths]

    def article_embedder(self, embedder: Embedder) -> Embedder:
        return embedder

    def cluster_vectors(
        self,
        vectors: NDArray[np.float32],
        days: NDArray[np.float64],
        config: ClusterConfig,
        sparse: sp.csr_matrix | None = None,
        progress: Callable[[str, int, int], None] | None = None,
        evidence: Evidence | None = None,
    ) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
        from clustering.cluster import cluster_vectors

        return cluster_vectors(vectors, days, config, sparse, progress, evidence)

    def extract(
        self,
        articles: pl.DataFrame,
        embedder: Embedder | None,
        cache: EmbeddingCache | None,
        progress: Callable[[int, int], None] | None,
    ) -> Extracted:
        """`extract_articles` over the articles not read before: with a cache, each
        article's extraction is kept in the same cache folder (`ExtractionCache`), so
        an `add` re-reads none of the stored articles of the stories it compares again."""
        from clustering.compare import extract_articles

        return extract_cached(
            articles, cache, lambda some: extract_articles(some, embedder, cache, progress)
        )

    def compare_stories(
        self,
        stories: Sequence[tuple[str, pl.DataFrame]],
        embedder: Embedder,
        config: CompareConfig,
        cache: EmbeddingCache | None,
        extracted: Extracted,
    ) -> Iterator[tuple[str, Comparison]]:
        from clustering.compare import compare_story

        def here(members: pl.DataFrame) -> Comparison:
            return compare_story(members, embedder, config, cache, extracted)

        if self.beside is None:
            for story_id, members in stories:
                yield story_id, here(members)
            return

        def there(some: Sequence[tuple[str, pl.DataFrame]]) -> _Chunk:
            # Each story with its own articles' extraction, as the Ray engine sends it.
            told = [(m, extracted.of(m["article_id"].to_list())) for _, m in some]
            return embedder, config, cache, told

        yield from self.beside.share(stories, here, there)


def extract_cached(
    articles: pl.DataFrame,
    cache: EmbeddingCache | None,
    extract: Callable[[pl.DataFrame], Extracted],
) -> Extracted:
    """`extract(articles)` through the corpus's extraction cache, for every engine: the
    keys are looked up here (in the driver), only the articles not read before go to
    `extract`, and what it gives is stored beside `cache` (`ExtractionCache` in the
    cache folder's parent, the corpus's cache/), but for the articles an extractor raised
    on (`Extracted.failures`: read again next time). No cache: `extract(articles)`."""
    return _extract_into(cache.directory.parent if cache is not None else None, articles, extract)


def _extract_into(
    cache_dir: Path | None,
    articles: pl.DataFrame,
    extract: Callable[[pl.DataFrame], Extracted],
) -> Extracted:
    """`extract_cached` with the cache folder itself (`ExtractionCache(cache_dir)`)."""
    from clustering.compare import Extracted
    from clustering.extract import ExtractionCache, cached_extraction
    from clustering.schema import FRAMING, NUMBERS, QUOTES

    def frames(some: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.DataFrame]:
        done = extract(some)
        return done.numbers, done.quotes, done.framing, done.failures

    store = ExtractionCache(cache_dir) if cache_dir is not None else None
    return Extracted(*cached_extraction(articles, frames, store, (NUMBERS, QUOTES, FRAMING)))


#: Articles the ahead extraction reads between two looks at whether to stop (each batch
#: is one shard of the extraction cache).
AHEAD_BATCH = 512
#: The interpreter's thread switch interval while extraction runs beside the encoder
#: (seconds; Python's default is 0.005): the encoder's thread takes the GIL back after
#: each torch operation, and waited up to the whole interval for the extraction's thread
#: to let it go (~150 operations per batch of 32 texts).
AHEAD_SWITCH_INTERVAL = 0.0002


@contextmanager
def extraction_ahead(
    engine: Engine | None,
    embedder: Embedder,
    articles: pl.DataFrame,
    cache_dir: Path,
    config: CompareConfig,
    then: Callable[[], None] | None = None,
    read_ahead_texts: bool = True,
) -> Iterator[Embedder]:
    """While the block embeds the articles, extract `articles` (ARTICLES) on a second
    thread into the corpus's extraction cache (`ExtractionCache(cache_dir)`); yields the
    embedder to encode them with: `embedder`, on one thread fewer than the cores
    (`OnThreads`: one on two cores) where it runs MiniLM (torch's intra-op threads, or the
    int8 encoder's texts at once). The thread is joined when the block ends;
    `compare_corpus` then reads every article it compares from the cache, the path a second run takes, so the frames
    are the ones it would have extracted itself (same rows, same order). Then, for a run of
    up to `framing_comparison.READ_AHEAD_ARTICLES` articles, what the comparisons read of
    each text alone is read into their memories (`framing_comparison.read_ahead`; not with
    `read_ahead_texts=False`, below). `then` is called on the thread between the two
    (`pipeline.run`: what the cluster stage reads of each article,
    `cluster.articles.read_articles`); its caller reads what it left once the block ends,
    and does the work itself where it left nothing.

    `read_ahead_texts=False` is for a run that will share its comparisons with a second
    process (`compares_beside`): the memories read ahead are this process's, so the
    second process read again every text of the stories it compared (about two fifths of
    them on the pooled labelled sets), and the articles of no compared story (a tenth
    there) were read for nothing; this process reads its own stories' texts as it
    compares them (issue 14).

    Why (issue 14): per-article extraction is a third of a run's time and the article
    encoder most of the rest, one after the other; on two cores the encoder on one thread
    embeds about as fast as on two, so side by side the extraction costs little wall time.
    Extracted ahead are all `articles`, as the stories that will be compared are not known
    yet (a singleton's extraction is kept in the cache for a later `add`).

    Nothing is run ahead (`embedder` yielded as is) for another engine than the local
    one, comparisons off, one core, or where the comparison embeds its fact sentences
    with the article model during extraction (`embed_fact_sentences`: USE alone), whose
    work would otherwise move. A failure ahead is logged and the comparison extracts what
    is missing itself."""
    cores = _cores()
    if cores < 2 or not _runs_ahead(engine, embedder, articles, config):
        yield embedder
        return
    from threadpoolctl import threadpool_limits

    from clustering.compare import extract_articles
    from clustering.compare.framing_comparison import read_ahead

    stop = threading.Event()

    def extract_all() -> None:
        try:
            for start in range(0, articles.height, AHEAD_BATCH):
                if stop.is_set():
                    return
                batch = articles.slice(start, AHEAD_BATCH)
                _extract_into(cache_dir, batch, extract_articles)
            if then is not None and not stop.is_set():
                then()  # the cluster stage's per-article reading, needed first
            if read_ahead_texts and not stop.is_set():
                read_ahead(articles)  # what the comparisons read of each text alone
        except Exception as error:  # the comparison extracts what is missing
            log.warning("extraction ahead of the comparisons raised: %r", error)

    worker = threading.Thread(target=extract_all, name="storylens-extract-ahead", daemon=True)
    switch = sys.getswitchinterval()
    # One BLAS thread, as `compare_corpus` extracts: set here, in this thread, because
    # threadpoolctl's limits are process-wide and restored in the order they were set.
    with threadpool_limits(limits=1, user_api="blas"):
        sys.setswitchinterval(AHEAD_SWITCH_INTERVAL)
        worker.start()
        try:
            # The encoder keeps every core but the one the extraction takes, and gets it
            # back for the shards it encodes once the extraction is done.
            def done() -> bool:
                return not worker.is_alive()

            yield OnThreads(embedder, cores - 1, done) if runs_minilm(embedder) else embedder
        except BaseException:
            stop.set()  # an interrupted run waits for one batch at most
            raise
        finally:
            worker.join()
            sys.setswitchinterval(switch)


def _runs_ahead(
    engine: Engine | None, embedder: Embedder, articles: pl.DataFrame, config: CompareConfig
) -> bool:
    """Whether `extraction_ahead` extracts beside the encoder (its doc says when not)."""
    from clustering.compare import facts_embedder_for, sentence_embedder

    if engine is not None and not isinstance(engine, LocalEngine):
        return False
    if not config.enabled or articles.height == 0:
        return False
    sentences = sentence_embedder(embedder, config)
    return facts_embedder_for(sentences) is not sentences


#: A run compares its stories in two processes from this many articles on: below it the
#: second process's start (~2.5 CPU-s: its imports and models) is more than it takes over.
COMPARE_BESIDE_ARTICLES = 1000
#: Stories handed to the second process at once: at most this many, and at most a quarter
#: of those left, so that neither process waits long for the other at the end.
BESIDE_CHUNK = 8
#: Bytes each pipe to and from the second process holds (Linux; 64 KiB by default, less
#: than a chunk's answer, whose writer then waited for the reader).
PIPE_BYTES = 1 << 20
#: The second process's niceness: on an idle core it runs as fast as at 0, and where the
#: machine's cores are busy with other work it takes its CPU from them, not from the run's
#: own process (at 0, its start slowed a run's clustering at load 3-5: 3.3 -> 3.5-5.3 s).
BESIDE_NICENESS = 10
#: Seconds the second process may leave what it is sent unread before this one gives it
#: up (this one never waits for an answer: it compares the stories not answered itself).
BESIDE_TIMEOUT = 300.0

#: What the second process is sent per chunk: the sentence embedder, the configuration,
#: the sentence cache and each story's ARTICLES rows with their own extraction.
_Chunk = tuple[
    Embedder, CompareConfig, EmbeddingCache | None, list[tuple[pl.DataFrame, "Extracted"]]
]


class ComparisonProcess:
    """A second Python process that compares stories (`compare_story`) for this one.

    Why (issue 14): a run's comparisons are per-story Python on one core (~10 s of
    2,704 articles, a quarter of the command), with the machine's second core idle, and
    threads cannot share them (the GIL). The process is started when the encoder is done
    (`comparing_beside`), so its interpreter, imports and models (~2.5 CPU-s) load on
    that idle core while this one clusters; `share` then hands it chunks of stories from
    the end of each window while this process compares from the front; at the front's
    end, this one compares the stories not answered yet itself, from the last one back,
    while the other answers from the first: neither waits for the other. Every story's
    comparison is yielded in the order given: the same tables as one process writes (the
    Ray engine's path: each story with its own articles' extraction, pickled).

    Anything wrong on that side (it raises, dies, or leaves what it is sent unread for
    `BESIDE_TIMEOUT` seconds) is logged, and this process compares the stories it had
    handed over itself and hands over no more: the run's output does not depend on it;
    one that stalls costs at most the stories it holds, compared here at the end."""

    def __init__(self, timeout: float = BESIDE_TIMEOUT) -> None:
        from multiprocessing.connection import Connection

        self.timeout = timeout
        self.broken = False
        self.ready = False
        #: Stories the process has compared (answered) so far.
        self.compared = 0
        to_parent = os.pipe()
        to_child = os.pipe()
        for pipe in (to_parent, to_child):
            _widen(pipe[1])
        fds = (to_child[0], to_parent[1])
        root = str(Path(__file__).resolve().parents[1])
        path = os.environ.get("PYTHONPATH")
        env = {**os.environ, "PYTHONPATH": root + (os.pathsep + path if path else "")}
        code = f"from clustering.engine import serve_comparisons; serve_comparisons{fds}"
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-c", code],
                pass_fds=fds,
                # Its answers and errors come through the pipe: the command's output is
                # this process's alone.
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
            )
        except BaseException:
            for fd in (*to_parent, *to_child):
                os.close(fd)
            raise
        os.close(to_child[0])
        os.close(to_parent[1])
        self._receive = Connection(to_parent[0], writable=False)
        # Written without blocking (`_write`): a process that stops reading must not
        # hold this one at a full pipe.
        self._send_fd: int | None = to_child[1]
        os.set_blocking(to_child[1], False)
        self._unsent: deque[memoryview] = deque()  # the messages' bytes not written yet
        #: The stories handed over whose answers are still to come, in the order they
        #: come (a story's place in `share`'s stories; None: its answer is not needed).
        self._pending: deque[int | None] = deque()
        self._moved = time.monotonic()  # when the pipe last took some of them

    def _give_up(self, why: str) -> None:
        if not self.broken:
            log.warning("the second comparison process %s; this one compares the rest", why)
        self.broken = True
        self.close()

    def _write(self, message: object) -> None:
        """Queue `message` (pickled, after its length: `_read`) and send what the pipe
        takes of it now; the rest goes with later `_flush`es, so that this process never
        waits for the other to read (a chunk is bigger than the pipe: a blocking write
        waited for a whole chunk of the other's)."""
        if self._send_fd is None:
            raise RuntimeError("was closed")
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        if not self._unsent:
            self._moved = time.monotonic()
        self._unsent.append(memoryview(struct.pack("!Q", len(data)) + data))
        self._flush()

    def _flush(self) -> None:
        """Write what the pipe takes now of the queued messages; raises RuntimeError when
        the process has ended or has read nothing of them for `timeout` seconds."""
        while self._unsent and self._send_fd is not None:
            try:
                written = os.write(self._send_fd, self._unsent[0])
            except BlockingIOError:
                written = 0
            except OSError as error:  # a broken pipe: the process is gone
                raise RuntimeError(f"ended (exit code {self._process.poll()})") from error
            if not written:
                if time.monotonic() - self._moved > self.timeout:
                    raise RuntimeError(f"read nothing sent in {self.timeout:g} s")
                return
            self._moved = time.monotonic()
            rest = self._unsent[0][written:]
            if rest:
                self._unsent[0] = rest
            else:
                self._unsent.popleft()

    @property
    def pid(self) -> int:
        return self._process.pid

    def wait_ready(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for the process to be ready; whether it is."""
        deadline = time.monotonic() + timeout
        while not self._usable() and not self.broken and time.monotonic() < deadline:
            time.sleep(0.05)
        return self._usable()

    def _usable(self) -> bool:
        """Whether a chunk may be handed over now: the process has said it is ready (its
        imports and models loaded) and has not failed."""
        if self.broken:
            return False
        if not self.ready:
            try:
                if self._receive.poll():
                    kind, _ = self._receive.recv()
                    self.ready = kind == "ready"
                    if not self.ready:
                        self._give_up(f"did not start ({kind})")
            except (EOFError, OSError):
                self._give_up(f"ended (exit code {self._process.poll()})")
        return self.ready and not self.broken

    def _answer(self) -> Comparison | None:
        """The comparison of the next story handed over, if it is there (None: not yet;
        this process never waits for one); raises RuntimeError when the process ended or
        failed on it."""
        self._flush()
        if not self._receive.poll():
            return None
        try:
            kind, value = self._receive.recv()
        except (EOFError, OSError) as error:
            raise RuntimeError(f"ended (exit code {self._process.poll()})") from error
        if kind != "done":
            raise RuntimeError(f"raised {value}")
        done: Comparison = value
        return done

    def share(
        self,
        stories: Sequence[tuple[str, pl.DataFrame]],
        here: Callable[[pl.DataFrame], Comparison],
        there: Callable[[Sequence[tuple[str, pl.DataFrame]]], _Chunk],
    ) -> Iterator[tuple[str, Comparison]]:
        """(story_id, comparison) of each of `stories`, in their order: `here(members)`
        compares a story in this process, `there(some)` is what the second process is
        sent to compare `some` (its stories from the end, a chunk at a time, a second
        chunk sent before the first is answered, so that it has the next one)."""
        n = len(stories)
        front, back = 0, n
        theirs: dict[int, Comparison] = {}

        def collect() -> bool:
            """One answer read, if one is there: whether one was. Given up, every story
            handed over and not answered yet is compared here."""
            try:
                done = None if self.broken else self._answer()
            except RuntimeError as error:
                self._give_up(str(error))
            if self.broken:
                for i in self._pending:
                    if i is not None and i not in theirs:
                        theirs[i] = here(stories[i][1])
                self._pending.clear()
                return False
            if done is None:
                return False
            i = self._pending.popleft()
            if i is not None and i not in theirs:  # not compared here meanwhile
                theirs[i] = done
                self.compared += 1
            return True

        while front < back:
            while self._pending and collect():
                pass
            live = sum(i is not None for i in self._pending)
            if live <= BESIDE_CHUNK and self._usable():
                k = min(BESIDE_CHUNK, (back - front) // 4)
                if k > 0:
                    chunk = range(back - k, back)
                    try:
                        self._write(there([stories[i] for i in chunk]))
                        self._pending.extend(chunk)
                        back -= k
                    except RuntimeError as error:
                        self._give_up(str(error))
                    except Exception as error:  # a pipe closed, a frame that does not pickle
                        self._give_up(f"could not be sent stories ({error!r})")
            story_id, members = stories[front]
            yield story_id, here(members)
            front += 1
        # The stories handed over and not answered yet are compared here from the last
        # one back, while the other process answers from the first: neither waits.
        taken = 0
        for i in reversed(range(back, n)):
            while self._pending and collect():
                pass
            if i not in theirs:
                theirs[i] = here(stories[i][1])
                taken += 1
        # Their answers, when they come, are not needed (a later window's come after).
        self._pending = deque(None for _ in self._pending)
        log.debug(
            "%d stories: %d compared beside (%d so far), %d taken back",
            n,
            n - back - taken,
            self.compared,
            taken,
        )
        for i in range(back, n):
            yield stories[i][0], theirs[i]

    def close(self) -> None:
        """End the process (it exits when its pipe closes) and wait for it briefly."""
        self._receive.close()
        if self._send_fd is not None:
            os.close(self._send_fd)
            self._send_fd = None
        try:
            self._process.wait(timeout=5.0)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()


def _widen(fd: int) -> None:
    """Let the pipe of `fd` hold `PIPE_BYTES` (at most the system's limit; where the
    system cannot, it keeps its size: only the waits are longer)."""
    import fcntl

    setting = getattr(fcntl, "F_SETPIPE_SZ", None)
    if setting is None:  # pragma: no cover - not Linux
        return
    try:
        limit = int(Path("/proc/sys/fs/pipe-max-size").read_text())
        fcntl.fcntl(fd, setting, min(PIPE_BYTES, limit))
    except (OSError, ValueError):  # pragma: no cover - the pipe keeps its size
        pass


def serve_comparisons(receive_fd: int, send_fd: int) -> None:
    """The second comparison process's loop (`ComparisonProcess`): load what comparing
    loads, say "ready", then compare each chunk of stories it receives and send back
    their `Comparison`s, until its pipe closes. A chunk that raises is answered with the
    error (the sender then compares it itself)."""
    from multiprocessing.connection import Connection

    send = Connection(send_fd, readable=False)
    with contextlib.suppress(OSError):
        os.nice(BESIDE_NICENESS)
    try:
        from threadpoolctl import threadpool_limits

        from clustering.imports import refused

        # As the command line imports the library: without the pandas scikit-learn tries.
        with refused(frozenset({"pandas"})):
            from clustering.compare import compare_story
            from clustering.compare.facts import facts_embedder
            from clustering.compare.number_claims import _parser

        facts_embedder().encode(["A warm-up sentence."])  # the static vectors
        _parser()  # spaCy's day parser, ~0.6 CPU-s: read by any story with a weekday pair
        # One BLAS thread, as `compare_corpus` compares.
        with threadpool_limits(limits=1, user_api="blas"):
            send.send(("ready", None))
            while True:
                message = _read(receive_fd)
                if message is None:  # the pipe closed: the run is done
                    break
                embedder, config, cache, told = message
                for members, extracted in told:  # one answer a story, in order
                    try:
                        done = compare_story(members, embedder, config, cache, extracted)
                    except Exception as error:
                        send.send(("raised", repr(error)))
                    else:
                        send.send(("done", done))
    except BaseException as error:  # the sender compares what it handed over itself
        with contextlib.suppress(OSError):
            send.send(("raised", repr(error)))
    finally:
        # Nothing of this process's teardown is needed: its answers are sent.
        os._exit(0)


def _read(fd: int) -> Any:
    """The next message `ComparisonProcess._write` sent down `fd` (None at its end)."""
    header = _read_exactly(fd, 8)
    if header is None:
        return None
    data = _read_exactly(fd, struct.unpack("!Q", header)[0])
    return None if data is None else pickle.loads(data)


def _read_exactly(fd: int, n: int) -> bytes | None:
    """`n` bytes from `fd`, or None where it ends first."""
    parts: list[bytes] = []
    while n:
        part = os.read(fd, min(n, 1 << 20))
        if not part:
            return None
        parts.append(part)
        n -= len(part)
    return b"".join(parts)


def compares_beside(
    engine: Engine | None,
    articles: int,
    config: CompareConfig,
    at_least: int | None = None,
) -> bool:
    """Whether `comparing_beside` shares a run's comparisons with a second process (its
    doc says when); the same arguments."""
    return not (
        (engine is not None and not isinstance(engine, LocalEngine))
        or (engine is not None and engine.beside is not None)
        or not config.enabled
        or articles < (COMPARE_BESIDE_ARTICLES if at_least is None else at_least)
        or _cores() < 2
    )


@contextmanager
def comparing_beside(
    engine: Engine | None,
    articles: int,
    config: CompareConfig,
    at_least: int | None = None,
) -> Iterator[Engine | None]:
    """Within the block, the engine a run's comparisons are run by: for the local engine
    (or none) with comparisons on, two cores or more and `articles` (the run's original
    articles) at least `at_least` (default `COMPARE_BESIDE_ARTICLES`), a `LocalEngine`
    that shares them with a `ComparisonProcess` started here; else `engine` itself. The
    process ends with the block; one that cannot be started is logged and the run
    compares alone."""
    if not compares_beside(engine, articles, config, at_least):
        yield engine
        return
    try:
        beside = ComparisonProcess()
    except OSError as error:
        log.warning("no second comparison process (%r); comparing in this one", error)
        yield engine
        return
    try:
        yield LocalEngine(beside)
    finally:
        beside.close()


def load_engine(name: Literal["local", "ray"] = "local", address: str | None = None) -> Engine:
    """The engine called `name`; `address` is the Ray cluster's (None: $RAY_ADDRESS, else
    a local Ray started in this process). Ray is an optional extra: pip install
    'storylens[ray]'."""
    if name == "local":
        if address is not None:
            raise ValueError(f"address is only for engine='ray'. Got {address!r} instead.")
        return LocalEngine()
    if name == "ray":
        from clustering.engine_ray import RayEngine

        return RayEngine(address=address)
    raise ValueError(f"engine must be one of {ENGINES}. Got {name!r} instead.")
