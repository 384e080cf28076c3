"""The Ray engine with k workers against 1 (issue 14): the clustering stage on a
synthetic corpus, `storylens run` end to end, and a simulated second node.

- cluster: `engine_ray.cluster_vectors_on_ray` on a local Ray of k CPUs (k = 0: the
  local engine, `cluster.cluster_vectors`, all threads) over a seeded synthetic corpus
  (`benchmarks.synthetic`, no model run); the labels' digest shows every k gives the
  same stories.
- run: `pipeline.run` on the synthetic corpus written as JSON Lines, with
  `RayEngine(encoders=k)` on a local Ray of k CPUs, the synthetic vectors as the
  embedder (`SyntheticEmbedder`: MiniLM would see pseudo-words as one topic) and the
  comparisons off (config `compare.enabled = false`: spaCy's NER for 20k articles is
  hours on a shared 2-core machine; tests/test_engine_ray.py checks the extraction
  and comparisons on Ray give the local corpus).
- node: a second node on this machine (`ray start --head`, then `ray start --address`,
  one CPU each, both stopped by their process ids, never `ray stop`), and the
  clustering and a small `run` driven through `RayEngine(address=...)`: which nodes
  ran tasks, and the local engine's stories and corpus.

Each leg runs in its own process (its memory and its Ray are its own) and appends one
JSON line to benchmarks/.cache/ray_scale/results.jsonl; `write` puts the latest of
each in RESULTS.md (section ray-scale) with speed-up = t(1) / t(k) and efficiency =
speed-up / k, ratios of legs run one after the other on the same machine.

    python -m benchmarks.ray_scale cluster 1000000 --max-gap-days 7 --workers 1,2
    python -m benchmarks.ray_scale run 20000 --workers 1,2
    python -m benchmarks.ray_scale node 20000
    python -m benchmarks.ray_scale write
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

CACHE = Path(__file__).resolve().parent / ".cache" / "ray_scale"
RESULTS = CACHE / "results.jsonl"
#: benchmarks.scale's JSON lines for the local engine, 7-day window (`write` reads
#: them when present): `python -m benchmarks.scale N --cluster '{"max_gap_days": 7}'
#: --json > benchmarks/.cache/ray_scale/scale-7d.jsonl`.
SCALE = CACHE / "scale-7d.jsonl"
#: Target of issue 14: 1M articles, 7-day window, one machine.
TARGET_1M_SECONDS = 240.0


def _digest(*arrays: NDArray[Any]) -> str:
    """Short hash of the labels: equal digests, equal stories."""
    sha = hashlib.sha1()
    for array in arrays:
        sha.update(np.ascontiguousarray(array).tobytes())
    return sha.hexdigest()[:12]


def _load() -> float:
    return os.getloadavg()[0]


def _start_local_ray(cpus: int) -> Any:
    import ray

    # "local": a fresh Ray of `cpus` CPUs, even when this machine has joined a cluster.
    ray.init(address="local", num_cpus=cpus, include_dashboard=False, log_to_driver=False)
    return ray


def _synthetic(n: int, seed: int) -> Any:
    from benchmarks.synthetic import SyntheticSpec, generate

    return generate(SyntheticSpec(n_articles=n, seed=seed))


def _warm_worker(_: int) -> None:
    """Ray task: import the clustering stage and run it once on 300 random vectors."""
    from clustering import cluster
    from clustering.config import load_config

    time.sleep(1.0)  # so that the tasks spread over the workers
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(300, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    days = np.sort(rng.uniform(0.0, 3.0, 300))
    cluster.cluster_vectors(vectors, days, load_config().cluster)


def _cluster_inputs(n: int, seed: int) -> tuple[NDArray[np.float32], NDArray[np.float64], Any]:
    """(vectors, days, sparse TF-IDF rows) of the synthetic corpus, cached on disk so
    that each leg does not generate it again (a minute of CPU per 200k articles)."""
    import scipy.sparse as sp

    from clustering import cluster
    from clustering.cluster.articles import sparse_texts

    arrays, matrix = CACHE / f"cluster-{n}-{seed}.npz", CACHE / f"sparse-{n}-{seed}.npz"
    if not (arrays.exists() and matrix.exists()):
        CACHE.mkdir(parents=True, exist_ok=True)
        corpus = _synthetic(n, seed)
        days = cluster.day_numbers(corpus.articles["published_at"])
        np.savez(arrays, vectors=corpus.vectors, days=days)
        sp.save_npz(matrix, cluster.sparse_features(sparse_texts(corpus.articles)), False)
    with np.load(arrays) as saved:
        vectors, days = saved["vectors"], saved["days"]
    return vectors, days, sp.load_npz(matrix).tocsr()


def measure_cluster(n: int, workers: int, max_gap_days: float, seed: int = 0) -> dict[str, Any]:
    """Seconds of the clustering stage (candidate graph + blocks) on `n` synthetic
    articles with `workers` Ray workers (0: the local engine), in this process."""
    from clustering import cluster
    from clustering.config import load_config
    from clustering.engine_ray import cluster_vectors_on_ray

    vectors, days, sparse = _cluster_inputs(n, seed)
    config = load_config(cluster={"max_gap_days": max_gap_days}).cluster
    marks: dict[str, float] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "link" and done == total:
            marks["graph"] = time.perf_counter()

    ray = _start_local_ray(workers) if workers else None
    if ray is not None:
        # Workers started and their imports and numba kernels loaded before the clock
        # starts, as on a long-lived cluster (cold, a worker takes 10-30 s here).
        warm = ray.remote(_warm_worker)
        ray.get([warm.remote(i) for i in range(2 * workers)])
    load_start = _load()
    try:
        start = time.perf_counter()
        if ray is None:
            labels, noise = cluster.cluster_vectors(vectors, days, config, sparse, progress)
        else:
            labels, noise = cluster_vectors_on_ray(
                vectors, days, config, sparse, progress, workers=workers
            )
        total = time.perf_counter() - start
    finally:
        if ray is not None:
            ray.shutdown()
    return {
        "leg": "cluster",
        "n_articles": n,
        "seed": seed,
        "max_gap_days": max_gap_days,
        "workers": workers,
        "seconds": total,
        "graph_seconds": marks.get("graph", start) - start,
        "blocks_seconds": total - (marks.get("graph", start) - start),
        "pairs_compared": cluster.compared_pairs(days, max_gap_days),
        "n_stories": int(labels.max()) + 1,
        "labels_digest": _digest(labels, noise),
        "load_start": load_start,
        "load_end": _load(),
        "cpus": os.cpu_count(),
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def synthetic_jsonl(n: int, seed: int = 0) -> Path:
    """`n` synthetic articles as JSON Lines (cached): id, outlet, url, title, body,
    published_at."""
    import polars as pl

    path = CACHE / f"synthetic-{n}-{seed}.jsonl"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        articles = _synthetic(n, seed).articles.select(
            pl.col("article_id").alias("id"),
            "outlet",
            "url",
            "title",
            "body",
            pl.col("published_at").dt.strftime("%Y-%m-%dT%H:%M:%SZ"),
        )
        articles.write_ndjson(path.with_suffix(".tmp"))
        path.with_suffix(".tmp").rename(path)
    return path


class SyntheticEmbedder:
    """The synthetic corpus's own vectors, looked up by the text `run` embeds
    (`embed.embedding_texts`): the stories the clustering should find exist (a real
    encoder sees pseudo-words as one topic). Picklable, so Ray's encoder actors load it.
    The encoder's own cost on Ray is `benchmarks.throughput --ray-workers`'s table."""

    dim = 384

    def __init__(self, n: int, seed: int = 0) -> None:
        from clustering.embed import embedding_texts

        corpus = _synthetic(n, seed)
        self.name = f"synthetic-{n}-{seed}"
        texts = embedding_texts(corpus.articles, "title_body").to_list()
        self.vectors = dict(zip(texts, corpus.vectors, strict=True))

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """float32 array, shape (len(texts), 384), unit rows (zeros for an unknown text)."""
        zero = np.zeros(self.dim, dtype=np.float32)
        rows = [self.vectors.get(t, zero) for t in texts]
        return np.array(rows, dtype=np.float32).reshape(len(texts), self.dim)


def _assignments_digest(corpus: Any) -> str:
    frame = corpus.read("assignments").sort("article_id")
    return _digest(
        np.array(frame["article_id"].to_list(), dtype=object).astype(str),
        np.array(frame["story_id"].to_list(), dtype=object).astype(str),
    )


def measure_run(n: int, workers: int, seed: int = 0, address: str | None = None) -> dict[str, Any]:
    """`pipeline.run` end to end on `n` synthetic articles with the Ray engine of
    `workers` encoders on a local Ray of `workers` CPUs (0: the local engine), or on the
    cluster at `address`; synthetic vectors, comparisons off (see the module doc)."""
    from clustering.config import load_config
    from clustering.engine import LocalEngine
    from clustering.engine_ray import RayEngine
    from clustering.pipeline import run

    source = synthetic_jsonl(n, seed)
    config = load_config(compare={"enabled": False})
    embedder = SyntheticEmbedder(n, seed)
    if workers and address is None:
        _start_local_ray(workers)
    engine: Any = LocalEngine() if not workers and address is None else None
    if engine is None:
        engine = RayEngine(address=address, encoders=max(workers, 1))
    load_start = _load()
    try:
        with tempfile.TemporaryDirectory(prefix="storylens-ray-scale-") as tmp:
            start = time.perf_counter()
            result = run([source], Path(tmp) / "corpus", config, embedder, engine=engine)
            total = time.perf_counter() - start
            digest = _assignments_digest(result.corpus)
    finally:
        import ray as connected

        if connected.is_initialized():  # a local Ray, or the engine's connection
            connected.shutdown()
    return {
        "leg": "run",
        "n_articles": n,
        "seed": seed,
        "workers": workers,
        "address": address,
        "seconds": total,
        "articles_per_s": n / total,
        "stages": result.seconds,
        "n_stories": result.n_stories,
        "assignments_digest": digest,
        "load_start": load_start,
        "load_end": _load(),
        "cpus": os.cpu_count(),
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _ray_start(arguments: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """`ray start --block ...` in a session of its own: stopped by its id (SIGTERM makes
    it stop the processes it started; the session's group is killed after that)."""
    ray_cli = Path(sys.executable).with_name("ray")
    with log.open("ab") as out:
        return subprocess.Popen(
            [str(ray_cli), "start", "--block", "--disable-usage-stats", *arguments],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=env,
        )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    # What it started and left behind: its own process group only.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def _cluster_cpus(address: str, env: dict[str, str]) -> float:
    """CPUs of the live nodes of the cluster at `address` (`ray status`; 0 when it does
    not answer yet)."""
    import re

    ray_cli = Path(sys.executable).with_name("ray")
    status = subprocess.run(
        [str(ray_cli), "status", f"--address={address}"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    found = re.search(r"/(\d+(?:\.\d+)?) CPU", status.stdout)
    return float(found.group(1)) if status.returncode == 0 and found else 0.0


@contextlib.contextmanager
def two_nodes(
    log: Path, cpus: int = 1, wait_s: float = 180.0
) -> Iterator[tuple[str, dict[str, str]]]:
    """A head and a second node on this machine (`ray start --head`, then `ray start
    --address`), `cpus` CPUs each: yields (address, the environment a driver joins it
    with); both are stopped by their process ids on exit (never `ray stop`, which would
    stop every Ray of this machine's users).

    `ray start --head` turns token authentication on (Ray >= 2.5x): the nodes and the
    drivers share this run's own token through the environment (no file is written).
    Raises TimeoutError when the two nodes are not up within `wait_s` seconds."""
    import secrets

    env = {**os.environ, "RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": secrets.token_hex(32)}
    address = f"127.0.0.1:{_free_port()}"
    log.parent.mkdir(parents=True, exist_ok=True)
    temp_dir = tempfile.mkdtemp(prefix="rayh14-")
    common = [f"--num-cpus={cpus}", "--include-dashboard=false"]
    port = address.rsplit(":", 1)[1]
    nodes = [_ray_start(["--head", f"--port={port}", f"--temp-dir={temp_dir}", *common], log, env)]
    try:
        deadline = time.time() + wait_s
        while _cluster_cpus(address, env) < cpus:
            if time.time() > deadline:
                raise TimeoutError(f"the head at {address} did not start (see {log})")
            time.sleep(2)
        nodes.append(_ray_start([f"--address={address}", f"--num-cpus={cpus}"], log, env))
        while _cluster_cpus(address, env) < 2 * cpus:
            if time.time() > deadline:
                raise TimeoutError(f"the second node did not join {address} (see {log})")
            time.sleep(2)
        yield address, env
    finally:
        for node in reversed(nodes):
            _stop(node)


def _node_of_task() -> str:
    import ray

    time.sleep(0.5)  # long enough that SPREAD places the probes on both nodes
    return str(ray.get_runtime_context().get_node_id())


def measure_node(n: int, seed: int = 0, run_articles: int = 2000) -> dict[str, Any]:
    """A head and a second node on this machine (one CPU each): nodes alive, nodes that
    ran tasks, the clustering of `n` synthetic articles on both against the local
    engine's labels, and `run` of `run_articles` through `RayEngine(address=)` against
    the local engine's assignments."""
    out: dict[str, Any] = {"leg": "node", "n_articles": n}
    with two_nodes(CACHE / "node.log") as (address, env):
        # This process is the driver: Ray reads the token when first imported.
        os.environ.update(env)
        import ray

        from clustering import cluster
        from clustering.cluster.articles import sparse_texts
        from clustering.config import load_config
        from clustering.engine_ray import RayEngine

        out["address"] = address
        try:
            ray.init(address=address, log_to_driver=False)
            out["nodes_alive"] = len([x for x in ray.nodes() if x["Alive"]])
            out["cluster_cpus"] = ray.cluster_resources().get("CPU", 0)
            probe_task = ray.remote(_node_of_task).options(scheduling_strategy="SPREAD")
            out["nodes_used"] = len(set(ray.get([probe_task.remote() for _ in range(8)])))

            corpus = _synthetic(n, seed)
            days = cluster.day_numbers(corpus.articles["published_at"])
            sparse = cluster.sparse_features(sparse_texts(corpus.articles))
            config = load_config(cluster={"max_gap_days": 7}).cluster
            start = time.perf_counter()
            labels, noise = RayEngine(address=address).cluster_vectors(
                corpus.vectors, days, config, sparse
            )
            out["cluster_seconds"] = time.perf_counter() - start
            local = cluster.cluster_vectors(corpus.vectors, days, config, sparse)
            out["same_labels_as_local"] = bool(
                (labels == local[0]).all() and (noise == local[1]).all()
            )
            out["n_stories"] = int(labels.max()) + 1
            ray.shutdown()  # measure_run connects again through the engine, as the CLI does
            on_nodes = measure_run(run_articles, 2, seed, address=address)
            local_run = measure_run(run_articles, 0, seed)
            out["run_articles"] = run_articles
            out["run_seconds"] = on_nodes["seconds"]
            out["same_corpus_as_local"] = (
                on_nodes["assignments_digest"] == local_run["assignments_digest"]
            )
            out["load_end"] = _load()
        finally:
            if ray.is_initialized():
                ray.shutdown()
    out["at"] = datetime.now(UTC).isoformat(timespec="seconds")
    return out


def _one(args: argparse.Namespace) -> dict[str, Any]:
    if args.leg == "cluster":
        return measure_cluster(args.n, args.workers[0], args.max_gap_days, args.seed)
    if args.leg == "run":
        return measure_run(args.n, args.workers[0], args.seed)
    return measure_node(args.n, args.seed)


def _in_subprocess(argv: list[str], max_seconds: float) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.ray_scale", *argv, "--one"]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=max_seconds, check=False
        )
    except subprocess.TimeoutExpired:
        return {"argv": argv, "timed_out": True, "max_seconds": max_seconds}
    if done.returncode:
        return {"argv": argv, "failed": done.stderr[-2000:]}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _rows(leg: str) -> list[dict[str, Any]]:
    """Every saved result of `leg`, oldest first."""
    if not RESULTS.exists():
        return []
    rows = [json.loads(line) for line in RESULTS.read_text(encoding="utf-8").splitlines()]
    return [row for row in rows if row.get("leg") == leg]


def _latest(leg: str, **match: Any) -> dict[str, dict[str, Any]]:
    """The latest result of `leg` per worker count (matching `match`)."""
    rows: dict[str, dict[str, Any]] = {}
    for row in _rows(leg):
        if all(row.get(k) == v for k, v in match.items()):
            rows[str(row.get("workers", "node"))] = row
    return rows


def _scaling_rows(rows: dict[str, dict[str, Any]], columns: str) -> list[str]:
    base = rows.get("1")
    out = []
    for key in sorted(rows, key=int):
        row = rows[key]
        k = int(key)
        speedup = base["seconds"] / row["seconds"] if base and k else None
        name = f"Ray, {k} worker{'s' if k > 1 else ''}" if k else "local engine (all threads)"
        cells = [
            name,
            f"{row['seconds']:.1f}",
            *(f"{row[c]:.1f}" if isinstance(row.get(c), float) else "" for c in columns.split()),
            f"{speedup:.2f}" if speedup else "",
            f"{speedup / k:.2f}" if speedup else "",
            f"{row['load_start']:.1f} / {row['load_end']:.1f}",
            row.get("labels_digest") or row.get("assignments_digest", ""),
        ]
        out.append("| " + " | ".join(cells) + " |")
    return out


def markdown(notes: Sequence[str] = ()) -> str:
    """The RESULTS.md section from the latest saved legs, then `notes` as bullets."""
    lines = [
        "<!-- ray-scale:start -->",
        "## Ray engine: k workers vs 1, and a second node (`python -m benchmarks.ray_scale`, "
        "issue 14)",
        "",
        "Each leg in its own process, one after the other, on the shared 2-core machine "
        "(load average at its start / end in the table: up to 8 helpers' jobs). Speed-up = "
        "t(1 worker) / t(k workers), efficiency = speed-up / k. A Ray worker is one CPU "
        "of a local Ray (`ray.init(num_cpus=k)`); each task keeps numba and BLAS to its "
        "CPU. Equal digests: the same stories.",
    ]
    # Every size measured (the latest legs of each), not only the latest size.
    sizes = {(r["n_articles"], r["max_gap_days"]) for r in _rows("cluster") if "seconds" in r}
    for n, gap in sorted(sizes):
        rows = _latest("cluster", n_articles=n, max_gap_days=gap)
        lines += [
            "",
            f"Clustering stage, {n:,} synthetic articles, {gap:g}-day window "
            f"({next(iter(rows.values()))['pairs_compared'] / 1e9:.1f} G pairs compared):",
            "",
            "| engine | wall s | graph s | blocks s | speed-up | efficiency | load | labels |",
            "|---|---|---|---|---|---|---|---|",
            *_scaling_rows(rows, "graph_seconds blocks_seconds"),
        ]
    for n in sorted({r["n_articles"] for r in _latest("run").values()}):
        rows = _latest("run", n_articles=n, address=None)
        lines += [
            "",
            f"`storylens run` end to end, {n:,} synthetic articles (JSON Lines; the "
            "synthetic vectors as the embedder; comparisons off: see benchmarks/ray_scale.py):",
            "",
            "| engine | wall s | ingest s | embed s | cluster s | speed-up | efficiency | load "
            "| assignments |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for row in rows.values():
            row.update({f"s_{k}": float(v) for k, v in row["stages"].items()})
        lines += _scaling_rows(rows, "s_ingest s_embed s_cluster")
    if SCALE.exists():
        lines += [
            "",
            "Local engine, 7-day window (`python -m benchmarks.scale N --cluster "
            "'{\"max_gap_days\": 7}'`; sparse features, graph, blocks and HDBSCAN); issue "
            f"14's target: 1M articles in {TARGET_1M_SECONDS:.0f} s on one machine:",
            "",
        ]
        for line in SCALE.read_text(encoding="utf-8").splitlines():
            scale = json.loads(line)
            if scale.get("timed_out"):
                lines.append(
                    f"- {scale['n_articles']:,}: did not finish in {scale['max_seconds']:.0f} s."
                )
                continue
            s = scale["seconds"]
            lines.append(
                f"- {scale['n_articles']:,}: {s['total']:.0f} s wall, {s['cpu']:.0f} s CPU "
                f"(sparse {s['sparse']:.0f}, graph {s['graph']:.0f}, blocks {s['blocks']:.0f}, "
                f"hdbscan {s['hdbscan']:.0f}), {scale['pairs_compared'] / 1e9:.1f} G pairs, "
                f"peak RSS {scale['peak_rss_mb']:,.0f} MB, B-cubed F1 "
                f"{scale['bcubed_f1']:.3f}, load {scale['load_average']:.1f} at its end."
            )
    node = _latest("node")
    if node:
        row = list(node.values())[-1]
        lines += [
            "",
            "Simulated second node (`ray start --head`, then `ray start --address` on "
            "the same machine, one CPU each; driver through `RayEngine(address=...)`):",
            "",
        ]
        if "nodes_alive" not in row:
            lines.append(f"- failed: {row.get('failed', row)}")
        else:
            lines.append(
                f"- nodes alive {row['nodes_alive']}, nodes that ran probe tasks "
                f"{row['nodes_used']}, cluster CPUs {row['cluster_cpus']:.0f}; clustering "
                f"{row['n_articles']:,} synthetic articles (7-day window) on both: "
                f"{row['cluster_seconds']:.1f} s, same labels as the local engine: "
                f"{'yes' if row['same_labels_as_local'] else '**no**'}; `run` of "
                f"{row['run_articles']:,} articles through the cluster: {row['run_seconds']:.1f}"
                f" s, same assignments as the local engine: "
                f"{'yes' if row['same_corpus_as_local'] else '**no**'}."
            )
    if notes:
        lines += ["", *(f"- {note}" for note in notes)]
    lines.append("<!-- ray-scale:end -->")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("leg", choices=("cluster", "run", "node", "write"))
    parser.add_argument("n", type=int, nargs="?", default=20_000, help="articles")
    parser.add_argument("--workers", default="1,2", help="e.g. 0,1,2 (0: local engine)")
    parser.add_argument("--max-gap-days", type=float, default=7.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-seconds", type=float, default=1500.0, help="per leg")
    parser.add_argument("--one", action="store_true", help="one leg, in this process")
    parser.add_argument("--note", action="append", default=[], help="write: a bullet")
    args = parser.parse_args(argv)
    args.workers = [int(k) for k in str(args.workers).split(",")]
    if args.leg == "write":
        from benchmarks.results_md import write_section

        write_section(markdown(args.note))
        print(markdown(args.note))
        return
    if args.one:
        print(json.dumps(_one(args), default=float))
        return
    CACHE.mkdir(parents=True, exist_ok=True)
    for k in args.workers if args.leg != "node" else [0]:
        argv_one = [args.leg, str(args.n), f"--workers={k}", f"--seed={args.seed}"]
        argv_one.append(f"--max-gap-days={args.max_gap_days}")
        result = _in_subprocess(argv_one, args.max_seconds)
        result.setdefault("leg", args.leg)
        with RESULTS.open("a", encoding="utf-8") as out:
            out.write(json.dumps(result, default=float) + "\n")
        print(json.dumps(result, default=float), flush=True)


if __name__ == "__main__":
    main()
