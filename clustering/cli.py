"""The `storylens` command line: parses arguments, calls one library function, prints."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import polars as pl
import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from clustering.corpus import DEFAULT_CORPUS, Corpus, CorpusError

if TYPE_CHECKING:
    from clustering.config import Config
    from clustering.engine import Engine
    from clustering.pipeline import RunResult

app = typer.Typer(
    help="StoryLens: cluster news articles from many outlets into stories and compare coverage.",
    no_args_is_help=True,
    add_completion=False,
    # Markdown: a docstring's line breaks are joined (rich mode kept them, breaking the
    # command list mid-sentence: "oldest first: what" / "`stories --as-of` can ...").
    rich_markup_mode="markdown",
)
# soft_wrap: paths and messages are never broken mid-line (they stay copyable).
console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

CorpusOption = Annotated[
    Path, typer.Option("--corpus", "-c", help="Corpus directory.", show_default=True)
]


@app.callback()
def _main() -> None:
    """StoryLens: cluster news articles from many outlets into stories and compare coverage."""
    import logging

    from rich.logging import RichHandler

    # The library's warnings (e.g. a clustering run that will take minutes) go to stderr.
    logging.basicConfig(
        level=logging.WARNING,
        format="%(message)s",
        handlers=[RichHandler(console=err, show_time=False, show_path=False)],
    )


def _load_config(path: Path | None, **overrides: dict[str, Any]) -> Config:
    """`load_config`, or exit 2 with its message (which names the bad TOML key) before
    anything is read or written."""
    from rich.markup import escape

    from clustering.config import ConfigError, load_config

    try:
        return load_config(path, **overrides)
    except ConfigError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(2) from exc


def _parse_columns(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        if "=" not in pair:
            raise typer.BadParameter(f"--column must be FIELD=COLUMN. Got {pair!r} instead.")
        key, value = pair.split("=", 1)
        mapping[key.strip()] = value.strip()
    return mapping


class _Bars:
    """Rich progress bars driven by the pipeline's progress(stage, done, total) callback.

    Stages run one after another, so a stage has ended when the next one reports: its bar
    is then completed and its timer stopped (a stage's last report may fall short of its
    total, e.g. pairs counted in millions), and `finish` completes the last one."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.tasks: dict[str, TaskID] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage not in self.tasks:
            self.finish()
            self.tasks[stage] = self.progress.add_task(stage, total=max(total, 1))
        self.progress.update(self.tasks[stage], completed=done, total=max(total, 1))

    def finish(self) -> None:
        for task in self.tasks.values():
            total = self.progress.tasks[task].total or 1
            self.progress.update(task, completed=total)
            self.progress.stop_task(task)


def _json_progress(stage: str, done: int, total: int) -> None:
    """One JSON line per progress report on stderr, for scripts (`--json`)."""
    print(json.dumps({"stage": stage, "done": done, "total": total}), file=sys.stderr)


@contextlib.contextmanager
def _progress(mode: ProgressMode) -> Iterator[Callable[[str, int, int], None] | None]:
    """The progress callback for `mode`: rich bars on stderr, JSON lines, or none."""
    if mode == "json":
        yield _json_progress
        return
    if mode == "quiet":
        yield None
        return
    with Progress(
        TextColumn("{task.description:>8}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
        # Redrawn ten times a second only where someone sees it: to a pipe or file rich
        # draws the bars once, as they end, and each redraw before that built the table
        # and threw it away (~0.35 ms under the interpreter's lock; issue 14).
        auto_refresh=err.is_terminal,
    ) as progress:
        bars = _Bars(progress)
        yield bars
        bars.finish()


ProgressMode = Literal["bars", "quiet", "json"]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bars; print only the summary.")
]
JsonOption = Annotated[
    bool,
    typer.Option(
        "--json", help="Progress as JSON lines on stderr, the summary as one JSON object."
    ),
]


EngineOption = Annotated[
    str,
    typer.Option(
        "--engine",
        help="Where the encoder, extraction and comparisons run: local (this process) or "
        "ray (a Ray cluster; pip install 'storylens\\[ray]').",
    ),
]
AddressOption = Annotated[
    str | None,
    typer.Option(
        "--address",
        help="Ray cluster address for --engine ray (default: $RAY_ADDRESS, else a local Ray).",
    ),
]


def _engine(name: str, address: str | None) -> Engine:
    """`load_engine`, or exit 2 with its message."""
    from rich.markup import escape

    from clustering.engine import load_engine

    try:
        return load_engine(name, address)  # type: ignore[arg-type]
    except (ValueError, ImportError) as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(2) from exc


#: Modules a corpus-building command imports the library without: scikit-learn tries
#: pandas at import (`sklearn.utils.fixes`, for its ARFF reader only) and does without
#: it; nothing a command runs reads it. ~0.2-0.25 CPU-s of every `run` and `add`.
_NOT_IMPORTED = frozenset({"pandas"})


@contextlib.contextmanager
def _importing_library() -> Iterator[None]:
    """Around a corpus-building command's imports of the library: pandas is not imported
    on the way (`_NOT_IMPORTED`); then the garbage is collected and every object still
    alive moved into the collector's permanent generation.

    Why (issue 14): a command is one short process, and what its imports made (~190k
    objects: polars, scikit-learn, numba, the extractors' word lists and patterns) lives
    to its end; each full collection during the run walked all of it again, 6-8 of them
    over BASIL's 300 articles, 0.3-0.6 s in all, against ~0.2 s once frozen. Only live
    objects are frozen (collected first), so nothing is kept that would have been freed.
    Only the command line does either: a process that imports the library for itself
    (the app, a notebook) keeps its own imports and collector."""
    import gc

    from clustering.imports import refused

    with refused(_NOT_IMPORTED):
        yield
    gc.collect()
    gc.freeze()


def _mode(quiet: bool, as_json: bool) -> ProgressMode:
    return "json" if as_json else "quiet" if quiet else "bars"


def _print_stories(stories: pl.DataFrame, limit: int) -> None:
    table = Table(title=f"{stories.height} stories", show_lines=False)
    for column in ("story", "articles", "outlets", "first", "headline"):
        table.add_column(column, overflow="fold")
    for row in stories.head(limit).iter_rows(named=True):
        first = row["first_published"]
        table.add_row(
            row["story_id"],
            str(row["size"]) + (f" (+{row['n_copies']} copies)" if row["n_copies"] else ""),
            str(row["n_outlets"]),
            first.strftime("%Y-%m-%d") if first else "",
            row["headline"],
        )
    console.print(table)


def _summary(result: RunResult, out: Path) -> dict[str, object]:
    """The run's outcome as plain values (the `--json` summary)."""
    ing = result.ingest
    return {
        "corpus": str(out),
        "read": ing.n_read,
        "accepted": ing.n_accepted,
        "duplicates": ing.n_duplicates,
        "rejected": ing.n_rejected,
        "rejects": ing.rejects.head(100).to_dicts(),
        # Files found in a folder but not read (documentation, hidden, unreadable), and why.
        "skipped": _skipped(ing.per_file).to_dicts(),
        "warnings": _input_warnings(ing.articles).to_dicts(),
        "stories": result.n_stories,
        "single_article_stories": result.n_singletons,
        "embedded": result.n_embedded,
        # What the command changed in the stored corpus beside the new articles (outlets
        # renamed after the outlet table changed).
        "notes": list(result.notes),
        # The parts that raised on one article or story (they keep every other part).
        "failed_parts": result.corpus.failures().head(100).to_dicts(),
    }


def _skipped(per_file: pl.DataFrame) -> pl.DataFrame:
    """source_file, note of the files found in a folder but not read."""
    return per_file.filter(pl.col("format") == "skipped").select("source_file", "note")


def _reject_line(row: dict[str, Any]) -> str:
    """`file:line [field] reason`; a reject of a whole line or file has no field."""
    field = f" [{row['field']}]" if row["field"] else ""
    return f"{row['source_file']}:{row['source_line']}{field} {row['reason']}"


def _input_warnings(articles: pl.DataFrame) -> pl.DataFrame:
    """Per input file, how many of its articles carry a reading warning (text that was not
    UTF-8, a field converted or moved to `extra`...) and the first such warning."""
    warned = articles.select(
        "source_file",
        pl.col("extra").str.json_path_match("$._warnings[0]").alias("warning"),
    ).filter(pl.col("warning").is_not_null())
    return (
        warned.group_by("source_file", maintain_order=True)
        .agg(pl.len().alias("articles"), pl.col("warning").first())
        .sort("source_file")
    )


def _warning_kinds(articles: pl.DataFrame) -> dict[str, list[str]]:
    """Per input file, its articles' distinct reading warnings, in the order met (the
    first is `_input_warnings`'s)."""
    kinds: dict[str, dict[str, None]] = {}
    warned = articles.filter(pl.col("extra").str.contains('"_warnings"', literal=True))
    for file, extra in warned.select("source_file", "extra").iter_rows():
        for warning in json.loads(extra).get("_warnings", []):
            kinds.setdefault(file, {})[warning] = None
    return {file: list(found) for file, found in kinds.items()}


def _report(result: RunResult, out: Path, show: int, mode: ProgressMode = "bars") -> None:
    if mode == "json":
        print(json.dumps(_summary(result, out), ensure_ascii=False, default=str))
        return
    ing = result.ingest
    kinds = _warning_kinds(ing.articles)
    for row in _input_warnings(ing.articles).iter_rows(named=True):
        others = [w for w in kinds.get(row["source_file"], []) if w != row["warning"]]
        also = (
            f"; also: {'; '.join(others[:3])}"
            + (f"; and {len(others) - 3} other kind(s)" if len(others) > 3 else "")
            if others
            else ""
        )
        err.print(
            f"warning: {row['source_file']}: {row['articles']} article(s) read with a warning: "
            f"{row['warning']}{also} (all warnings are kept in each article's extra._warnings)",
            markup=False,
            highlight=False,
        )
    console.print(
        f"read {ing.n_read} records: {ing.n_accepted} accepted, {ing.n_duplicates} duplicates, "
        f"{ing.n_rejected} rejected"
    )
    for note in result.notes:
        console.print(note, markup=False, highlight=False)
    for row in ing.rejects.head(10).iter_rows(named=True):
        console.print(f"  rejected {_reject_line(row)}", markup=False, highlight=False)
    if ing.n_rejected:
        more = f"... and {ing.n_rejected - 10} more; " if ing.n_rejected > 10 else ""
        console.print(
            f"  {more}every reject is kept (file, line, field, reason, the raw record) in "
            f"the corpus's rejects table, {result.corpus.location('rejects')}: "
            f"`storylens export --corpus {out}` writes it as a file",
            markup=False,
            highlight=False,
        )
    for row in _skipped(ing.per_file).iter_rows(named=True):
        console.print(
            f"  skipped {row['source_file']}: {row['note']}", markup=False, highlight=False
        )
    console.print(
        f"{result.n_stories} stories ({result.n_singletons} single-article); "
        f"embedded {result.n_embedded} new texts; corpus written to {out}"
    )
    _report_failures(result.corpus)
    if show:
        _print_stories(result.corpus.read("stories"), show)


def _report_failures(corpus: Corpus) -> None:
    """The parts that raised on one article or story in the command's commit: how many,
    the first few, and where all of them are."""
    from clustering.views.stories_page import failure_counts

    failed = corpus.failures()
    if failed.is_empty():
        return
    n_articles, n_stories = failure_counts(failed)
    parts = failed.group_by("part", maintain_order=True).len()
    counted = ", ".join(f"{part} {n}" for part, n in parts.iter_rows())
    console.print(
        f"{n_articles} article(s) and {n_stories} story comparison(s) had a part "
        f"fail ({counted}); each keeps every other part. All of them: the failures table, "
        f"{corpus.location('failures')} (Corpus.failures())",
        markup=False,
        highlight=False,
    )
    for row in failed.head(10).iter_rows(named=True):
        where = (
            f"{row['source_file']}:{row['source_line']} article {row['article_id']}"
            if row["article_id"] is not None
            else f"story {row['story_id']}"
        )
        console.print(
            f"  failed {where} [{row['part']}] {row['error_type']}: {row['error'][:200]}",
            markup=False,
            highlight=False,
        )


@app.command()
def run(
    inputs: Annotated[list[Path], typer.Argument(help="Files or folders of articles.")],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Corpus directory to write.")
    ] = DEFAULT_CORPUS,
    config: Annotated[Path | None, typer.Option(help="TOML configuration file.")] = None,
    column: Annotated[
        list[str] | None,
        typer.Option(help="Map a field to an input column, e.g. --column body=story_text."),
    ] = None,
    show: Annotated[int, typer.Option(help="Stories to print at the end.")] = 15,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
    overwrite: Annotated[
        bool,
        typer.Option(
            "--overwrite",
            help="Replace the corpus already at --out (its marks and earlier commits are kept).",
        ),
    ] = False,
    engine: EngineOption = "local",
    address: AddressOption = None,
) -> None:
    """Ingest INPUT files and folders, cluster them into stories, write the corpus
    (a new one: `add` adds to an existing corpus, `--overwrite` replaces it)."""
    with _importing_library():
        from clustering.ingest import IngestError
        from clustering.limits import ResourceError
        from clustering.pipeline import run as run_pipeline

    overrides = {"ingest": {"columns": _parse_columns(column or [])}} if column else {}
    cfg = _load_config(config, **overrides)
    runner = _engine(engine, address)
    problem = _foreign_out(out, inputs)
    if problem:
        err.print(f"error: {problem}", markup=False, highlight=False)
        raise typer.Exit(2)
    replaced = _last_commit(Corpus(out)) if overwrite else None
    try:
        with _progress(_mode(quiet, as_json)) as progress:
            result = run_pipeline(
                inputs, out, cfg, progress=progress, overwrite=overwrite, engine=runner
            )
    except (FileNotFoundError, FileExistsError, IngestError, ResourceError) as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    _report(result, out, show, _mode(quiet, as_json))
    if replaced is not None and not as_json:
        console.print(
            f"replaced the corpus at {out}: {replaced['n_articles']} articles, "
            f"{replaced['n_stories']} stories as of commit {replaced['commit']}, which keeps "
            f"them (`storylens stories --corpus {out} --as-of {replaced['commit']}`)",
            markup=False,
            highlight=False,
        )


def _foreign_out(out: Path, inputs: list[Path]) -> str | None:
    """Why `out` cannot take a new corpus, or None: it is a folder that is no corpus and
    holds files of its own (a corpus's top level holds only its tables' folders and a
    hidden lock file), or it holds or lies inside one of the inputs. Writing there would
    mix the corpus's tables with the user's files (and `--overwrite` would replace them),
    or put the corpus among the articles that a later `watch` of that folder reads."""
    target = out.resolve()
    for item in inputs:
        source = Path(item).resolve()
        if source == target or target in source.parents or source in target.parents:
            return (
                f"--out {out} and the input {item} hold one another: write the corpus to a "
                "folder outside the inputs"
            )
    if not out.is_dir() or Corpus(out).exists():
        return None
    if Corpus(out).is_legacy():
        return (
            f"--out {out} holds a corpus of the release before (Parquet files): convert it "
            f"with `storylens migrate --corpus {out}`, or write to a new folder"
        )
    own = sorted(p.name for p in out.iterdir() if p.is_file() and not p.name.startswith("."))
    if own:
        shown = ", ".join(own[:5]) + (", ..." if len(own) > 5 else "")
        return (
            f"--out {out} is a folder of other files ({shown}), not a corpus: write the "
            "corpus to a new or empty folder"
        )
    return None


def _last_commit(corpus: Corpus) -> dict[str, Any] | None:
    """The newest row of `corpus.commits()` (commit, at, command, n_articles, n_stories),
    or None when there is no corpus there."""
    if not corpus.exists():
        return None
    commits = corpus.commits()
    return commits.row(-1, named=True) if commits.height else None


def _this_commit_changes(corpus: Corpus) -> pl.DataFrame:
    """HISTORY rows written by the corpus's latest commit (the command just run): those
    after the commit before it. An `add` that added nothing has none (the newest rows
    then are an earlier command's, not this one's)."""
    commits = corpus.commits()
    history = corpus.read("history").filter(pl.col("kind") != "built")
    if commits.height < 2:
        return history
    return history.filter(pl.col("at") > commits["at"][-2])


@app.command()
def add(
    inputs: Annotated[list[Path], typer.Argument(help="Files or folders of new articles.")],
    corpus: CorpusOption = DEFAULT_CORPUS,
    config: Annotated[
        Path | None, typer.Option(help="TOML configuration file (default: the corpus's own).")
    ] = None,
    show: Annotated[int, typer.Option(help="Stories to print at the end.")] = 0,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
    engine: EngineOption = "local",
    address: AddressOption = None,
) -> None:
    """Add new articles to an existing corpus; stories keep their ids."""
    with _importing_library():
        from clustering.ingest import IngestError
        from clustering.pipeline import add as add_articles

    cfg = _load_config(config) if config else None  # None: the corpus's own configuration
    runner = _engine(engine, address)
    try:
        with _progress(_mode(quiet, as_json)) as progress:
            result = add_articles(inputs, corpus, cfg, progress=progress, engine=runner)
    except (FileNotFoundError, IngestError) as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    _report(result, corpus, show, _mode(quiet, as_json))
    if as_json:
        return
    changes = _this_commit_changes(result.corpus)
    for kind in ("new", "grown", "merge", "split"):
        n = changes.filter(pl.col("kind") == kind).height
        if n:
            console.print(f"  {n} {kind}")


@app.command()
def watch(
    folder: Annotated[Path, typer.Argument(help="Folder to watch for new article files.")],
    corpus: CorpusOption = DEFAULT_CORPUS,
    config: Annotated[
        Path | None, typer.Option(help="TOML configuration file (default: the corpus's own).")
    ] = None,
    interval: Annotated[float, typer.Option(help="Seconds between scans.")] = 30.0,
    once: Annotated[bool, typer.Option("--once", help="Scan once and exit.")] = False,
) -> None:
    """Watch FOLDER: files that appear or change are added to the corpus (feeds too)."""
    import time

    from clustering.ingest import IngestError
    from clustering.pipeline import watch_once

    if not folder.is_dir():
        err.print(f"[red]error:[/red] {folder} is not a folder")
        raise typer.Exit(2)
    cfg = _load_config(config) if config else None  # None: the corpus's own configuration
    console.print(f"watching {folder} -> {corpus} (Ctrl+C to stop)")
    while True:
        try:
            result = watch_once(folder, corpus, cfg)
        except IngestError as exc:  # e.g. every record of the first files was rejected
            err.print(f"[red]error:[/red] {exc}", highlight=False)
            if once:
                raise typer.Exit(2) from exc
            result = None
        if result is not None:
            _report(result, corpus, 0)
        elif once:
            console.print(f"no new or changed files in {folder}", markup=False, highlight=False)
        if once:
            return
        time.sleep(interval)


@app.command()
def stories(
    corpus: CorpusOption = DEFAULT_CORPUS,
    limit: Annotated[int, typer.Option(help="Stories to show.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines.")] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Show the stories as they stood at a commit number or a date/time "
            "(ISO; a date alone means its end, UTC). `storylens log` lists the commits.",
        ),
    ] = None,
) -> None:
    """List the stories of a corpus, largest first."""
    try:
        store = Corpus(corpus).require()
        frame = (store.at(as_of) if as_of else store).read("stories")
    except (CorpusError, ValueError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    if as_json:
        for row in frame.head(limit).iter_rows(named=True):
            print(json.dumps(row, default=str, ensure_ascii=False))
    else:
        _print_stories(frame, limit)


@app.command()
def log(
    corpus: CorpusOption = DEFAULT_CORPUS,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines.")] = False,
) -> None:
    """List the commits of a corpus (each run, add, watch pass), oldest first: what
    `stories --as-of` can go back to."""
    try:
        frame = Corpus(corpus).require().commits()
    except CorpusError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    if as_json:
        for row in frame.iter_rows(named=True):
            print(json.dumps(row, default=str, ensure_ascii=False))
        return
    table = Table()
    for column in frame.columns:
        table.add_column(column)
    for values in frame.iter_rows():
        table.add_row(*("" if v is None else str(v) for v in values))
    console.print(table)


@app.command()
def migrate(corpus: CorpusOption = DEFAULT_CORPUS) -> None:
    """Convert a corpus written by the release before the Delta tables (Parquet files)
    in place; row counts and ids are checked, the old files kept aside."""
    store = Corpus(corpus)
    if store.exists() and not store.needs_upgrade():
        # Nothing to do is no error: a script may run migrate after every upgrade.
        console.print(f"nothing to migrate: {corpus} is a corpus of this release", markup=False)
        return
    try:
        counts = store.migrate()
    except CorpusError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    for name, n in counts.items():
        console.print(f"  {name}: {n} rows", markup=False, highlight=False)
    console.print(f"migrated {corpus}: every table kept its rows and ids")


@app.command()
def compare(
    story_id: Annotated[str, typer.Argument(help="Story id (see `storylens stories`).")],
    corpus: CorpusOption = DEFAULT_CORPUS,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="The story as it stood at a commit number or date."),
    ] = None,
) -> None:
    """Compare how the outlets of one story cover it: numbers, quotes, framing, facts."""
    from rich.markup import escape

    from clustering.compare import compare_story, read_comparison, sentence_embedder
    from clustering.embed import EmbeddingCache, embedder_for, load_embedder
    from clustering.pipeline import corpus_config, story_articles
    from clustering.views.story_page import failure_notices, story_failures

    try:
        store = Corpus(corpus).require()
        store = store.at(as_of) if as_of else store
    except (CorpusError, ValueError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    articles = story_articles(store, story_id)
    if articles.height == 0:
        err.print(
            f"[red]error:[/red] no story {story_id!r} in {corpus}; list them with `storylens stories`"
        )
        raise typer.Exit(2)
    result = read_comparison(store, story_id)
    if result is None or (result.framing.height == 0 and articles["outlet"].n_unique() > 1):
        # The corpus's own configuration and model (as its stored articles' languages chose
        # it): what `run`/`add` would have compared the story with.
        settings = corpus_config(store)
        built_with = store.read("articles").filter(pl.col("duplicate_of").is_null())["lang"]
        chosen = embedder_for(load_embedder(settings.embed), built_with)
        embedder = sentence_embedder(chosen, settings.compare)
        cache = EmbeddingCache(store.cache_dir(), embedder.name)
        result = compare_story(articles, embedder, settings.compare, cache)
        failures = result.failures.with_columns(pl.lit(story_id).alias("story_id"))
    else:  # stored: what the last command recorded for this story's parts
        failures = store.failures()
    failed = story_failures(failures, story_id, articles)
    data = {
        "story_id": story_id,
        **result.to_json(),
        "failed_parts": failed.select("part", "article_id", "error").to_dicts(),
    }
    if as_json:
        print(json.dumps(data, ensure_ascii=False, default=str))
        return
    stories = store.read("stories").filter(pl.col("story_id") == story_id)
    console.print(
        f"[bold]{stories['headline'][0] if stories.height else story_id}[/bold]", highlight=False
    )
    for notice in failure_notices(failed):
        err.print(f"[yellow]warning:[/yellow] {escape(notice)}", highlight=False)
    table = Table(title="Numbers")
    for column in ("status", "quantity", "outlet", "text"):
        table.add_column(column, overflow="fold")
    for group in data["numbers"]:
        for claim in group["claims"]:
            table.add_row(group["status"], group["quantity"], claim["outlet"], claim["text"])
    console.print(table)
    table = Table(title="Quotes")
    for column in ("speaker", "status", "outlets", "quote"):
        table.add_column(column, overflow="fold")
    for quote in data["quotes"]:
        table.add_row(
            quote["speaker"] or "", quote["status"], ", ".join(quote["outlets"]), quote["text"]
        )
    console.print(table)
    table = Table(title="Exclusive facts")
    for column in ("outlet", "sentence"):
        table.add_column(column, overflow="fold")
    for fact in data["exclusive_facts"]:
        table.add_row(fact["outlet"], fact["sentence"])
    console.print(table)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv, parquet or jsonl.")] = "csv",
    corpus: CorpusOption = DEFAULT_CORPUS,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Directory to write (default: the corpus's export/)."),
    ] = None,
    overwrite: Annotated[
        bool,
        typer.Option(
            "--overwrite",
            help="Replace the export files already in the directory (and remove those of "
            "an earlier export that this one does not write).",
        ),
    ] = False,
) -> None:
    """Export stories, articles with their story, rejects and comparisons (a folder that
    already holds an export is refused unless --overwrite)."""
    from clustering.errors import ExportExistsError
    from clustering.export import FORMATS, earlier_export, export_corpus

    if fmt not in FORMATS:
        err.print(
            f"[red]error:[/red] --format must be one of {', '.join(FORMATS)}. Got {fmt!r} instead."
        )
        raise typer.Exit(2)
    target = out or Corpus(corpus).exports
    earlier = earlier_export(target)
    try:
        written = export_corpus(Corpus(corpus), fmt, target, overwrite)  # type: ignore[arg-type]
    except (CorpusError, ExportExistsError) as exc:
        err.print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(2) from exc
    for path in written:
        console.print(str(path), markup=False, highlight=False)
    replaced = [p for p in earlier if p in written]
    removed = [p for p in earlier if p not in written]
    if earlier:
        console.print(
            f"replaced the earlier export in {target}: {len(replaced)} file(s) overwritten"
            + (
                f", {len(removed)} removed ({', '.join(p.name for p in removed)})"
                if removed
                else ""
            ),
            markup=False,
            highlight=False,
        )


@app.command()
def mark(
    story_id: Annotated[str, typer.Argument(help="Story id (see `storylens stories`).")],
    group_id: Annotated[str, typer.Argument(help="Group id (see `storylens compare --json`).")],
    verdict: Annotated[str, typer.Argument(help="wrong, right or cleared (withdraws).")],
    kind: Annotated[str, typer.Option(help="numbers or quotes.")] = "numbers",
    who: Annotated[str, typer.Option(help="Who marks it (kept with the mark).")] = "",
    note: Annotated[str, typer.Option(help="Why.")] = "",
    corpus: CorpusOption = DEFAULT_CORPUS,
) -> None:
    """Mark a comparison flag (a number or quote group) wrong or right; the mark is kept
    in the corpus across `add`, `watch` and re-comparisons, and exported."""
    from clustering.marks import mark_flag

    try:
        row = mark_flag(Corpus(corpus), kind, story_id, group_id, verdict, who, note)
    except (CorpusError, ValueError) as exc:
        err.print(f"[red]error:[/red] {exc}", markup=True, highlight=False)
        raise typer.Exit(2) from exc
    console.print(
        f"{row['mark_id']}: {row['kind']} flag {row['flag_key']} marked {row['verdict']} "
        f"({len(row['members'])} figures)",
        markup=False,
        highlight=False,
    )


@app.command()
def inspect(
    file: Annotated[Path, typer.Argument(help="One input file.")],
    column: Annotated[
        list[str] | None,
        typer.Option(help="Map a field to an input column, e.g. --column body=story_text."),
    ] = None,
    rows: Annotated[int, typer.Option(help="Records to show.")] = 5,
) -> None:
    """Show how FILE would be read: its format, the columns guessed (and how), and its
    first records. Writes nothing."""
    from clustering.config import IngestConfig
    from clustering.ingest import IngestError, inspect_file

    if not file.exists() or file.is_dir():
        what = "does not exist" if not file.exists() else "is a folder; inspect reads one file"
        err.print(f"error: input path {str(file)!r} {what}", markup=False, highlight=False)
        raise typer.Exit(2)
    try:
        seen = inspect_file(file, IngestConfig(columns=_parse_columns(column or [])), rows)
    except (FileNotFoundError, IngestError) as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    console.print(f"{seen.path}: {seen.format}", markup=False, highlight=False)
    for name, source in seen.columns.items():
        console.print(f"  {name} <- {source!r} ({seen.how[name]})", markup=False, highlight=False)
    for row in seen.articles.iter_rows(named=True):
        console.print(
            f"line {row['source_line']}: {row['title'][:80]!r} | {row['outlet']} | "
            f"{row['published_at']} | {row['url']}\n  {row['body'][:160]!r}",
            markup=False,
            highlight=False,
        )
        for warning in json.loads(row["extra"]).get("_warnings", []):
            console.print(f"  warning: {warning}", markup=False, highlight=False)
    for row in seen.rejects.iter_rows(named=True):
        console.print(f"rejected {_reject_line(row)}", markup=False, highlight=False)


# --- storylens outlets import / export: the corpus's outlet table ---------------------------

outlets_app = typer.Typer(
    help="The corpus's outlet table (outlet, domains, group, lean, country).",
    no_args_is_help=True,
)
app.add_typer(outlets_app, name="outlets")


@outlets_app.command("import")
def outlets_import(
    file: Annotated[Path, typer.Argument(help="CSV: outlet, domains, group, lean, country.")],
    corpus: CorpusOption = DEFAULT_CORPUS,
) -> None:
    """Store FILE as the corpus's outlet table (over the shipped one) and re-count outlets."""
    from clustering.ingest.outlets import import_outlets, read_outlet_csv
    from clustering.pipeline import corpus_config

    try:
        store = Corpus(corpus).require()
        frame = read_outlet_csv(file.read_bytes(), str(file))
        # The table this one replaces: said, with the commit that keeps it.
        earlier = (store.read("outlets").height, store.version) if store.has("outlets") else None
        # Under the corpus's own ingest.outlets CSV, as its adds apply it.
        counts = import_outlets(store, frame, path=corpus_config(store).ingest.outlets)
    except (OSError, ValueError) as exc:  # CorpusError is an OSError; a bad CSV a ValueError
        err.print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(2) from exc
    console.print(
        f"{counts['outlets']} outlets stored; {counts['articles_changed']} articles and "
        f"{counts['stories_changed']} stories changed outlet",
        markup=False,
        highlight=False,
    )
    if earlier is not None:
        console.print(
            f"replaced the corpus's earlier outlet table of {earlier[0]} outlets; commit "
            f"{earlier[1]} keeps it: `storylens outlets export FILE --as-of {earlier[1]}`",
            markup=False,
            highlight=False,
        )


@outlets_app.command("export")
def outlets_export(
    file: Annotated[Path, typer.Argument(help="CSV file to write.")],
    corpus: CorpusOption = DEFAULT_CORPUS,
    merged: Annotated[
        bool, typer.Option("--merged", help="The shipped table with the corpus's over it.")
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="The table as it stood at a commit number or date."),
    ] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace FILE if it exists.")
    ] = False,
) -> None:
    """Write the corpus's outlet table as CSV (the shipped one when it has none)."""
    from clustering.ingest.outlets import builtin_frame, corpus_outlets, outlet_csv

    if file.exists() and not overwrite:
        err.print(
            f"error: {file} exists; give --overwrite to replace it, or another FILE",
            markup=False,
            highlight=False,
        )
        raise typer.Exit(2)
    try:
        store = Corpus(corpus).require()
        store = store.at(as_of) if as_of else store
        if merged:
            frame = corpus_outlets(store)
        else:
            frame = store.read("outlets") if store.has("outlets") else builtin_frame()
        file.write_text(outlet_csv(frame), encoding="utf-8")
    except (OSError, ValueError) as exc:
        err.print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(2) from exc
    console.print(f"{file}: {frame.height} outlets", markup=False, highlight=False)


def main() -> None:
    """The `storylens` program: `app`, then the process ends without tearing the
    interpreter down.

    Why (issue 14): once a command has returned, its work is written (a corpus's commit is
    durable when `run` returns), and the interpreter's own exit only frees memory the
    operating system frees anyway: a last full garbage collection and every module's
    teardown, 0.15-0.3 s after a `run` (basil, 100 articles) against ~0.02 s. What an exit
    must still do is done first: the exit handlers (`atexit`: logging's flush, a Ray
    driver's shutdown, temporary folders), then stdout and stderr flushed. Where that is
    not plain (another thread still alive, an exit code that is not a number, a closed
    pipe), the interpreter exits as usual."""
    import atexit
    import os
    import threading

    try:
        app()
        code: object = 0
    except SystemExit as done:
        code = done.code
    if code is None:
        code = 0
    if not isinstance(code, int) or threading.active_count() > 1:
        raise SystemExit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe or stream: Python's own exit reports it
        raise SystemExit(code) from None
    atexit._run_exitfuncs()
    with contextlib.suppress(OSError, ValueError):  # what the handlers wrote
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
