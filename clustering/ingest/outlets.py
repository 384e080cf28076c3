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
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import polars as pl

from clustering.ingest.normalise import outlet_from_url

TABLE_FILE = "outlets.csv"
_DOMAIN_SPLIT = re.compile(r"[;,\s]+")
_HOST = re.compile(r"^[\w-]+(\.[\w-]+)+$")


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
        under_suffix = registered != host or bool(_extractor()(host).suffix)
        last = len(labels) - (registered.count(".") + 1 if under_suffix else 2)
        for i in range(max(last, 0) + 1):
            candidate = ".".join(labels[i:])
            if candidate in self.by_domain:
                return self.by_domain[candidate]
        return self.by_name.get(_name_key(registered), registered)


def _rows(text: str) -> Iterable[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or "outlet" not in [f.strip().lower() for f in reader.fieldnames]:
        raise ValueError(
            "an outlet table should be a CSV with an 'outlet' column (and 'domains', and any "
            f"grouping columns). Got columns {reader.fieldnames} instead."
        )
    for row in reader:
        yield {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}


def read_outlet_table(text: str, base: OutletTable | None = None) -> OutletTable:
    """An `OutletTable` from CSV text (columns outlet, domains; others ignored here),
    its rows added to `base` and overriding it for the domains and names they list.

    `domains` holds registered domains or hosts separated by ";" (or spaces, commas).
    Raises ValueError without an `outlet` column.
    """
    by_domain = dict(base.by_domain) if base else {}
    by_name = dict(base.by_name) if base else {}
    for row in _rows(text):
        name = row.get("outlet", "")
        if not name:
            continue
        by_name[_name_key(name)] = name
        for domain in _DOMAIN_SPLIT.split(row.get("domains", "")):
            domain = domain.lower().removeprefix("www.")
            if domain:
                by_domain[domain] = name
                by_name[_name_key(domain)] = name
    return OutletTable(by_domain=by_domain, by_name=by_name)


@cache
def builtin_table() -> OutletTable:
    """The table shipped with StoryLens (`outlets.csv`)."""
    text = resources.files("clustering.ingest").joinpath(TABLE_FILE).read_text("utf-8")
    return read_outlet_table(text)


@lru_cache(maxsize=8)
def outlet_table(path: str | None = None) -> OutletTable:
    """The built-in table, with the user's CSV at `path` (if any) added over it.
    Raises FileNotFoundError / ValueError for a missing or malformed file."""
    if path is None:
        return builtin_table()
    return read_outlet_table(Path(path).read_text("utf-8"), builtin_table())


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
