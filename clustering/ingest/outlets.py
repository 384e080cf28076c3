"""Outlet identity: which outlet an article is from, the same one whatever its host or spelling.

A URL's host is not an outlet: africa.chinadaily.com.cn and usa.chinadaily.com.cn are one
newspaper, edition.cnn.com and money.cnn.com one network, and huffingtonpost .com / .ca /
.com.au one brand. Two steps give the identity:

1. the registered domain of the host (the part a company registers: chinadaily.com.cn,
   bbc.co.uk), from the Public Suffix List through tldextract, with the list it bundles
   (`suffix_list_urls=()`: never a download at run time, so results do not change with
   the network, and nothing is cached on disk);
2. an outlet table (outlet, domains, and any grouping columns such as group, lean,
   country) that names the outlet owning a domain and groups domains into one outlet. A
   small table ships with StoryLens (`outlets.csv`); a user's CSV of the same shape
   (`IngestConfig.outlets`, the same file as the outlet metadata of coverage and
   blindspots) adds rows or overrides them. The table lists a domain or a full host
   ("abcnews.go.com"): the most specific listed match wins.

An outlet given by name ("The Guardian") is matched to the table's names, case and
spacing ignored. What the table does not know stays the registered domain (or the name
as given): an outlet is never dropped.

A corpus keeps its users' table (schema.OUTLETS: outlet, domains, group, lean, country),
imported from CSV (`storylens outlets import FILE`, `import_outlets`): its rows override
the shipped ones, the corpus's articles are re-identified with it (an article's outlet as
given stays in its `extra`) and its stories' outlets recounted, so "n outlets", coverage
and blindspots count outlets, not hosts. `read_outlet_csv` is the one parser of such a
file (CLI, `IngestConfig.outlets`): a bad file is refused with its name, line and field.

A corpus also records the table its stored articles were identified with
(`applied_outlets`: the shipped table, the user's CSV and its own, merged, as `run`,
`add` and `import_outlets` last applied it). The table in force can change under a
corpus kept for months: StoryLens ships a changed `outlets.csv` (an upgrade), or an
`add` is given another `IngestConfig.outlets`. New articles would then get the new
identity and stored ones keep the old, and one story would show one outlet under two
names ("nytimes.com" and "The New York Times"), counted twice in "n outlets", coverage
and blindspots. So an `add` whose table differs from the recorded one identifies the
stored articles again with it and recounts the stories' outlets, in the add's own commit
(`refresh_outlets`), says so (`outlets_note`) and compares those stories again (their
comparisons name outlets). A corpus written before the table was recorded was
identified with the table of its own time, which is unknown: it is not guessed; the
table in force is recorded from then on, and nothing is changed.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from clustering import schema
from clustering.errors import IngestError
from clustering.ingest.normalise import outlet_from_url

if TYPE_CHECKING:
    from clustering.corpus import Corpus

TABLE_FILE = "outlets.csv"
_DOMAIN_SPLIT = re.compile(r"[;,\s]+")
_HOST = re.compile(r"^[\w-]+(\.[\w-]+)+$")
#: The columns of an outlet table file, as schema.OUTLETS stores them.
COLUMNS = tuple(schema.OUTLETS.names())
#: Header spellings read as a column ("domain" for domains, "owner" for group, ...).
_ALIASES = {
    "domain": "domains",
    "hosts": "domains",
    "owner": "group",
    "network": "group",
    "bias": "lean",
}


@cache
def _extractor():  # type: ignore[no-untyped-def]
    import tldextract

    # The bundled snapshot of the Public Suffix List only: no fetch, no disk cache.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@lru_cache(maxsize=65536)
def registered_domain(host: str) -> str:
    """The registered domain of a host or URL ("africa.chinadaily.com.cn" ->
    "chinadaily.com.cn", "www.bbc.co.uk" -> "bbc.co.uk"); a host under no public suffix
    ("courier.example", "localhost") comes back as given, without "www."."""
    host = outlet_from_url(host) or host.strip().lower()
    found = _extractor()(host)
    if found.suffix and found.domain:
        return f"{found.domain}.{found.suffix}".lower()
    return host.lower().removeprefix("www.")


@lru_cache(maxsize=65536)
def _has_public_suffix(host: str) -> bool:
    """Whether a host ends in a public suffix (cached: `identify` asks once per article)."""
    return bool(_extractor()(host).suffix)


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


@dataclass(frozen=True)
class OutletTable:
    """Outlets by domain (a registered domain or a full host) and by name (casefolded)."""

    by_domain: dict[str, str]
    by_name: dict[str, str]

    def identify(self, outlet: str, url: str | None = None) -> str:
        """The outlet's display name for an article whose outlet field says `outlet` (a
        name, a domain, or "") and whose URL is `url`.

        A domain-like outlet (or, with none, the URL's host) is looked up host first,
        then each parent domain down to the registered domain; a name is looked up as
        a name, then as given. Unknown domains give their registered domain.
        """
        outlet = outlet.strip()
        if outlet and not _HOST.match(outlet):
            return self.by_name.get(_name_key(outlet), outlet)
        host = (outlet or outlet_from_url(url)).lower().removeprefix("www.")
        if not host:
            return ""
        registered = registered_domain(host)
        labels = host.split(".")
        # Parents down to the registered domain; under no public suffix, down to two labels.
        under_suffix = registered != host or _has_public_suffix(host)
        last = len(labels) - (registered.count(".") + 1 if under_suffix else 2)
        for i in range(max(last, 0) + 1):
            candidate = ".".join(labels[i:])
            if candidate in self.by_domain:
                return self.by_domain[candidate]
        return self.by_name.get(_name_key(registered), registered)


class OutletTableError(IngestError):
    """An outlet table file that cannot be used; the message names file, line and field."""


def _problem(source: str, line: int, field: str | None, message: str) -> OutletTableError:
    where = f"{source}, line {line}" + (f", field {field!r}" if field else "")
    return OutletTableError(f"{where}: {message}")


def _domain(value: str) -> str | None:
    """A listed domain or host, lower-cased, without scheme, "www." or path; None when it
    is not one ("china daily")."""
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", value.strip().lower()).split("/")[0]
    host = host.removeprefix("www.").rstrip(".")
    return host if _HOST.match(host) else None


def _column(name: str) -> str:
    name = " ".join(name.split()).lower()
    return _ALIASES.get(name, name)


def read_outlet_csv(data: str | bytes, source: str = "outlet table") -> pl.DataFrame:
    """The outlet table in CSV text, as a frame of schema.OUTLETS (one row per outlet).

    Columns (a header row, any order, case and spacing ignored): `outlet` (required),
    `domains` (registered domains or hosts separated by ";", "," or spaces; a scheme,
    "www." and a path are dropped), `group`, `lean`, `country`; blanks are null. Raises
    `OutletTableError` naming `source`, the line and the field at fault: no `outlet`
    column, an unknown column, a row with more fields than the header, an empty or
    repeated outlet, something in `domains` that is no domain, a domain two outlets claim.
    """
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _problem(source, 1, None, f"the file should be UTF-8 text. Got {exc}.") from exc
    reader = csv.reader(io.StringIO(data.removeprefix("\ufeff"), newline=""))
    header: list[str] | None = None
    rows: list[dict[str, Any]] = []
    first_line: dict[str, int] = {}
    owner: dict[str, tuple[str, int]] = {}
    line = 0
    for record in reader:
        start, line = line + 1, reader.line_num  # a quoted value may span lines
        if not any(cell.strip() for cell in record):
            continue
        if header is None:
            header = [_column(c) for c in record]
            _check_header(header, source, start)
            continue
        if len(record) > len(header):
            raise _problem(
                source,
                start,
                None,
                f"a row should have at most {len(header)} fields, as the header has. "
                f"Got {len(record)} instead (a value holding a comma needs quotes).",
            )
        values = {c: cell.strip() for c, cell in zip(header, record, strict=False)}
        name = " ".join(values.get("outlet", "").split())
        if not name:
            raise _problem(
                source, start, "outlet", "each row should name its outlet. Got '' instead."
            )
        if _name_key(name) in first_line:
            raise _problem(
                source,
                start,
                "outlet",
                f"each outlet should be listed once. Got {name!r} again instead "
                f"(first on line {first_line[_name_key(name)]}).",
            )
        first_line[_name_key(name)] = start
        domains: list[str] = []
        for item in _DOMAIN_SPLIT.split(values.get("domains", "")):
            if not item:
                continue
            domain = _domain(item)
            if domain is None:
                raise _problem(
                    source,
                    start,
                    "domains",
                    "domains should be registered domains or hosts such as "
                    f"'chinadaily.com.cn', separated by ';'. Got {item!r} instead.",
                )
            if domain in owner and owner[domain][0] != name:
                other, at = owner[domain]
                raise _problem(
                    source,
                    start,
                    "domains",
                    f"a domain should belong to one outlet. Got {domain!r} for {name!r} "
                    f"and for {other!r} (line {at}) instead.",
                )
            owner[domain] = (name, start)
            if domain not in domains:
                domains.append(domain)
        rows.append(
            {
                "outlet": name,
                "domains": domains,
                **{c: values.get(c) or None for c in ("group", "lean", "country")},
            }
        )
    if header is None:
        raise _problem(
            source, 1, None, "an outlet table should start with a header row. Got no rows instead."
        )
    return pl.DataFrame(rows, schema=schema.OUTLETS)


def _check_header(header: list[str], source: str, line: int) -> None:
    if "outlet" not in header:
        raise _problem(
            source,
            line,
            None,
            "an outlet table should be a CSV with an 'outlet' column (and domains, group, "
            f"lean, country). Got columns {header} instead.",
        )
    for name in header:
        if name not in COLUMNS:
            raise _problem(
                source,
                line,
                name,
                f"an outlet table's columns should be among {list(COLUMNS)}. Got {name!r} instead.",
            )
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        raise _problem(
            source, line, repeated[0], "each column should appear once. Got it twice instead."
        )


def outlet_csv(frame: pl.DataFrame) -> str:
    """CSV text of an OUTLETS frame, domains joined with ";", nulls blank:
    `read_outlet_csv` reads it back to the same frame."""
    schema.validate(frame, schema.OUTLETS, "outlets")
    return frame.select(
        "outlet", pl.col("domains").list.join(";"), "group", "lean", "country"
    ).write_csv()


def merge_outlets(base: pl.DataFrame, override: pl.DataFrame) -> pl.DataFrame:
    """OUTLETS rows of `override` over those of `base`: an outlet both name is the
    override's row; a domain the override lists leaves its base outlet (a base outlet
    left with no domain stays: articles may name it). Base rows first, in order."""
    names = [_name_key(n) for n in override["outlet"]]
    claimed = override["domains"].explode().drop_nulls().to_list()
    kept = base.filter(
        ~pl.col("outlet").map_elements(_name_key, return_dtype=pl.String).is_in(names)
    ).with_columns(pl.col("domains").list.filter(~pl.element().is_in(claimed)))
    return pl.concat([kept, override.select(kept.columns)])


def table_from_frame(frame: pl.DataFrame) -> OutletTable:
    """The `OutletTable` (what `identify` reads) of an OUTLETS frame."""
    by_domain: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for name, domains in frame.select("outlet", "domains").iter_rows():
        by_name[_name_key(name)] = name
        for domain in domains or []:
            by_domain[domain] = name
            by_name[_name_key(domain)] = name
    return OutletTable(by_domain=by_domain, by_name=by_name)


def read_outlet_table(text: str, base: OutletTable | None = None) -> OutletTable:
    """An `OutletTable` from CSV text (see `read_outlet_csv`), its rows added to `base`
    and overriding it for the domains and names they list."""
    table = table_from_frame(read_outlet_csv(text))
    if base is None:
        return table
    return OutletTable(
        by_domain={**base.by_domain, **table.by_domain}, by_name={**base.by_name, **table.by_name}
    )


@cache
def builtin_frame() -> pl.DataFrame:
    """The table shipped with StoryLens (`outlets.csv`), an OUTLETS frame."""
    text = resources.files("clustering.ingest").joinpath(TABLE_FILE).read_text("utf-8")
    return read_outlet_csv(text, f"clustering/ingest/{TABLE_FILE}")


@cache
def builtin_table() -> OutletTable:
    """The table shipped with StoryLens (`outlets.csv`)."""
    return table_from_frame(builtin_frame())


@lru_cache(maxsize=8)
def outlet_frame(path: str | None = None) -> pl.DataFrame:
    """The built-in table, with the user's CSV at `path` (if any) over it: OUTLETS frame.
    Read once per process and path, as `outlet_table` (what ingest identifies with) is.
    Raises FileNotFoundError / ValueError for a missing or malformed file."""
    if path is None:
        return builtin_frame()
    user = read_outlet_csv(Path(path).read_bytes(), str(path))
    return merge_outlets(builtin_frame(), user)


@lru_cache(maxsize=8)
def outlet_table(path: str | None = None) -> OutletTable:
    """The built-in table, with the user's CSV at `path` (if any) added over it
    (`outlet_frame`). Raises FileNotFoundError / ValueError for a missing or malformed
    file."""
    if path is None:
        return builtin_table()
    return table_from_frame(outlet_frame(path))


# --- outlet metadata uploaded on the app's Outlets page ----------------------------------


def parse_outlet_meta(data: bytes | str) -> pl.DataFrame:
    """Outlet metadata from CSV text with a header: an `outlet` column (matched exactly
    against article outlets) and any grouping columns (lean, country, owner...), all read
    as strings, blanks as null. Raises ValueError when there is no `outlet` column or an
    outlet is listed twice."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        frame = pl.read_csv(io.BytesIO(raw), infer_schema=False)
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError) as exc:
        raise ValueError(
            f"outlet metadata should be a CSV file. Got an unreadable file instead: {exc}"
        ) from exc
    frame = frame.rename({c: c.strip().lower() for c in frame.columns})
    if "outlet" not in frame.columns:
        raise ValueError(
            f"outlet metadata should have an 'outlet' column. Got columns {frame.columns} instead."
        )
    frame = frame.with_columns(
        pl.col(c).str.strip_chars().replace("", None) for c in frame.columns
    ).filter(pl.col("outlet").is_not_null())
    repeated = frame.filter(pl.col("outlet").is_duplicated())["outlet"].unique().sort().to_list()
    if repeated:
        raise ValueError(
            f"outlet metadata should list each outlet once. Got {repeated} more than once instead."
        )
    return frame


# --- the corpus's outlet table --------------------------------------------------------------


def corpus_outlets(corpus: Corpus) -> pl.DataFrame:
    """The outlet table a corpus identifies outlets with: the shipped table with the
    corpus's own (its `outlets` table, imported by users) over it. OUTLETS frame."""
    own = corpus.read("outlets") if corpus.has("outlets") else schema.empty(schema.OUTLETS)
    return merge_outlets(builtin_frame(), own)


def reidentify(
    articles: pl.DataFrame, table: OutletTable, before: OutletTable | None = None
) -> pl.Series:
    """The `outlet` of each row of `articles` (columns outlet, url, extra) under `table`:
    String series, same length and order.

    The outlet as the input gave it is `extra`'s `outlet_as_given` when ingest stored one,
    else the stored outlet; an outlet that `before` (the table ingest used; the shipped
    one by default) derived from the URL is derived from the URL again, so that a host
    the new table names (edition.cnn.com) gets its own outlet.
    """
    schema.require_columns(articles, ["outlet", "url", "extra"], "articles")
    before = before or builtin_table()
    out = []
    for outlet, url, extra in articles.select("outlet", "url", "extra").iter_rows():
        out.append(table.identify(_given(outlet, url, extra, before), url))
    return pl.Series("outlet", out, dtype=pl.String)


def _given(outlet: str, url: str | None, extra: str | None, before: OutletTable) -> str:
    """The outlet an article's input gave ("" when its outlet came from its URL)."""
    given = json.loads(extra or "{}").get("outlet_as_given")
    if given is not None:
        return str(given)
    if url and before.identify("", url) == outlet:
        return ""
    return outlet


def import_outlets(
    corpus: Corpus,
    frame: pl.DataFrame,
    command: str = "outlets import",
    path: str | None = None,
) -> dict[str, int]:
    """Store `frame` (OUTLETS, e.g. from `read_outlet_csv`) as the corpus's outlet table,
    replacing the one it had, and apply it in the same commit: every article's outlet is
    identified again (`reidentify`; one whose outlet changes keeps what the input gave in
    `extra.outlet_as_given`) and every story's `outlets` / `n_outlets` recounted from its
    independent articles, and the table applied is recorded (`applied_outlets`). `path`:
    the user's CSV in force (`IngestConfig.outlets`), under the corpus's table. Article
    ids do not change. Returns counts: outlets (rows stored), articles_changed,
    stories_changed."""
    schema.validate(frame, schema.OUTLETS, "outlets")
    frame = frame.select(schema.OUTLETS.names())
    with corpus.transaction(command) as tx:
        # What identified the stored articles: the recorded table; for a corpus written
        # before it was recorded, its own table over the shipped one (as before).
        recorded = applied_outlets(tx)
        before = table_from_frame(recorded if recorded is not None else corpus_outlets(tx))
        after = effective_outlets(frame, path)
        tx.write("outlets", frame)
        tx.write(APPLIED, after)
        n_articles, stories = _apply_to_stored(tx, table_from_frame(after), before)
    return {
        "outlets": frame.height,
        "articles_changed": n_articles,
        "stories_changed": len(stories),
    }


def _apply_to_stored(tx: Corpus, after: OutletTable, before: OutletTable) -> tuple[int, list[str]]:
    """Identify a writer's stored articles again under `after` (`apply_outlets`; `before`
    identified them) and recount its stories' outlets, rewriting articles and stories
    only when an outlet changed. Returns (articles changed, ids of the stories whose
    outlets changed)."""
    articles = tx.read("articles")
    if articles.is_empty():
        return 0, []
    articles, changed = apply_outlets(articles, after, before)
    n_articles = int(changed.sum())
    if not n_articles:
        return 0, []
    tx.write("articles", articles)
    stories = tx.read("stories")
    if not stories.height:
        return n_articles, []
    recounted = story_outlets(articles, tx.read("assignments"))
    updated = (
        stories.drop("outlets", "n_outlets")
        .join(recounted, on="story_id", how="left")
        .with_columns(pl.col("outlets").fill_null(pl.lit([], dtype=pl.List(pl.String))))
        .with_columns(pl.col("outlets").list.len().cast(pl.Int64).alias("n_outlets"))
        .select(stories.columns)
    )
    updated, stories = updated.sort("story_id"), stories.sort("story_id")
    moved = updated.filter(updated["outlets"] != stories["outlets"])["story_id"].to_list()
    tx.write("stories", updated)
    return n_articles, moved


def apply_outlets(
    articles: pl.DataFrame, table: OutletTable, before: OutletTable
) -> tuple[pl.DataFrame, pl.Series]:
    """`articles` (ARTICLES) with every outlet identified again under `table`
    (`reidentify`; `before`: the table that identified them), an outlet the input named
    and that changes kept in `extra.outlet_as_given`; and which rows changed outlet
    (Boolean series, same order). Article ids do not change."""
    outlets = reidentify(articles, table, before)
    changed = articles["outlet"] != outlets
    # An outlet the input named is kept in extra when it changes (one from the URL
    # needs no keeping: the URL is there).
    extras = [
        _keep_given(extra, old) if moved and _given(old, url, extra, before) else extra
        for extra, old, url, moved in zip(
            articles["extra"], articles["outlet"], articles["url"], changed, strict=True
        )
    ]
    articles = articles.with_columns(outlets, pl.Series("extra", extras, dtype=pl.String))
    return articles, changed


def own_outlets(corpus: Corpus) -> pl.DataFrame | None:
    """The outlet table a corpus's users imported (OUTLETS), None when it holds none or
    an empty one (the shipped table alone then)."""
    if not corpus.exists() or not corpus.has("outlets"):
        return None
    own = corpus.read("outlets")
    return own if own.height else None


def with_own_outlets(
    articles: pl.DataFrame, own: pl.DataFrame | None, path: str | None = None
) -> pl.DataFrame:
    """ARTICLES from ingest (identified with the shipped table and the user's CSV at
    `path`, `IngestConfig.outlets`) identified again with a corpus's own table `own`
    (`own_outlets`) over those: what `add` (and `run --overwrite`, which keeps the
    table) stores, so that a domain the corpus's table gives an outlet is counted as
    that outlet, as `import_outlets` counts the stored articles. Unchanged without `own`."""
    if own is None or articles.is_empty():
        return articles
    after = table_from_frame(effective_outlets(own, path))
    return apply_outlets(articles, after, outlet_table(path))[0]


# --- the table that identified a corpus's articles ------------------------------------------

#: The corpus table recording the outlet table its stored articles were identified with.
APPLIED = "applied_outlets"


def effective_outlets(own: pl.DataFrame | None, path: str | None = None) -> pl.DataFrame:
    """The outlet table an article stored now is identified with: the shipped table, the
    user's CSV at `path` (`IngestConfig.outlets`) over it, and a corpus's own table `own`
    (`own_outlets`; None: none) over both, as ingest and `with_own_outlets` apply them.
    OUTLETS frame."""
    base = outlet_frame(path)
    return base if own is None or own.is_empty() else merge_outlets(base, own)


def applied_outlets(corpus: Corpus) -> pl.DataFrame | None:
    """The outlet table the corpus's stored articles were identified with (OUTLETS, as
    `run`, `add` or `import_outlets` last applied it); None for a corpus written before
    it was recorded: which table identified them is unknown then."""
    return corpus.read(APPLIED) if corpus.has(APPLIED) else None


def remember_outlets(tx: Corpus, own: pl.DataFrame | None, path: str | None = None) -> None:
    """Record, in a writer's transaction that identified every stored article anew
    (`run`), the table it identified them with (`effective_outlets(own, path)`)."""
    tx.write(APPLIED, effective_outlets(own, path))


def refresh_outlets(
    tx: Corpus, own: pl.DataFrame | None, path: str | None = None
) -> tuple[int, list[str]]:
    """In a writer's transaction (`add`): when the table in force (`effective_outlets(own,
    path)`, the one the added articles get) differs from the one recorded
    (`applied_outlets`: a StoryLens upgrade shipped another `outlets.csv`, or the add was
    given another `IngestConfig.outlets`), identify the stored articles again with it
    (`apply_outlets`), recount the stories' outlets and record the table, all in that
    transaction's commit. A corpus with no table recorded gets this one recorded and
    nothing else: what identified its articles is unknown, and a guess could rename
    outlets on no evidence. Returns how many stored articles changed outlet and the ids of
    the stories whose outlets changed (their comparisons name outlets: `add` compares
    them again); 0 and none when the table is the one recorded, or none was."""
    after = effective_outlets(own, path)
    recorded = applied_outlets(tx)
    if recorded is not None and _same_table(recorded, after):
        return 0, []
    tx.write(APPLIED, after)
    if recorded is None:
        return 0, []
    return _apply_to_stored(tx, table_from_frame(after), table_from_frame(recorded))


def _same_table(left: pl.DataFrame, right: pl.DataFrame) -> bool:
    """Whether two OUTLETS frames hold the same rows, in any order (a stored table need
    not come back in the order written)."""
    return left.height == right.height and left.sort("outlet").equals(right.sort("outlet"))


def outlets_note(n_articles: int, n_stories: int) -> str | None:
    """The line a command says when `refresh_outlets` changed the outlet of `n_articles`
    stored articles in `n_stories` stories; None when it changed none."""
    if not n_articles:
        return None
    articles = f"{n_articles} stored article{'' if n_articles == 1 else 's'}"
    stories = f"{n_stories} stor{'y' if n_stories == 1 else 'ies'}"
    return (
        f"outlets: {articles} and {stories} changed outlet: the outlet table changed since "
        "the last commit (a StoryLens upgrade or another ingest.outlets CSV)"
    )


def _keep_given(extra: str | None, outlet: str) -> str:
    data = json.loads(extra or "{}")
    data.setdefault("outlet_as_given", outlet)
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def story_outlets(articles: pl.DataFrame, assignments: pl.DataFrame) -> pl.DataFrame:
    """story_id, outlets (sorted distinct non-empty outlets of the story's independent
    articles, as STORIES counts them)."""
    return (
        articles.filter(pl.col("duplicate_of").is_null())
        .join(assignments.select("article_id", "story_id"), on="article_id")
        .group_by("story_id")
        .agg(pl.col("outlet").filter(pl.col("outlet") != "").unique().sort().alias("outlets"))
    )


def outlet_groups(frame: pl.DataFrame) -> pl.DataFrame:
    """The grouping columns of an OUTLETS frame (e.g. `corpus_outlets(corpus)`) in the
    shape `parse_outlet_meta` gives an uploaded file: outlet, then those of group, lean,
    country that have a value somewhere (strings, null when unknown). What the Outlets
    page's coverage by group reads without an upload."""
    schema.validate(frame, schema.OUTLETS, "outlets")
    columns = [c for c in ("group", "lean", "country") if frame[c].drop_nulls().len()]
    return frame.select("outlet", *columns)
