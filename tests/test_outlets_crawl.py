"""Outlets and titles as a reader sees them on the crawl: the crawl's known outlets by
name (not their domains), and a site's name at a title's end taken off in ingest."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
from conftest import SHARED, needs_shared

from clustering.config import IngestConfig
from clustering.ingest import load_articles
from clustering.ingest.furniture import strip_site_suffix
from clustering.ingest.outlets import builtin_frame, builtin_table, reidentify

NEWS_PLEASE = SHARED / "raw" / "news-please"
_DOMAIN = r"^[\w-]+(\.[\w-]+)+$"


def test_the_crawls_outlets_are_named_with_their_country() -> None:
    table = builtin_table()
    named = {
        "popularmechanics.com": ("Popular Mechanics", "US"),
        "hawaiinewsnow.com": ("Hawaii News Now", "US"),
        "ibtimes.co.uk": ("International Business Times UK", "GB"),
        "indiewire.com": ("IndieWire", "US"),
        "ew.com": ("Entertainment Weekly", "US"),
    }
    countries = dict(builtin_frame().select("outlet", "country").iter_rows())
    for domain, (name, country) in named.items():
        assert table.identify("", f"https://www.{domain}/story/1/a-story") == name
        assert countries[name] == country
    # Known by name, country not sure: named, country left blank (never guessed).
    assert table.identify("phonearena.com") == "PhoneArena"
    assert countries["PhoneArena"] is None


def test_a_stored_domain_outlet_takes_the_new_name_on_reidentification() -> None:
    # Articles stored when the table did not know the domain: one whose outlet came from
    # its URL, one whose input gave the host (news-please's source_domain).
    stored = pl.DataFrame(
        {
            "outlet": ["hawaiinewsnow.com", "indiewire.com", "harbour-example.com"],
            "url": [
                "https://www.hawaiinewsnow.com/story/1/ferry",
                "https://www.indiewire.com/2018/01/a-film-1/",
                "https://harbour-example.com/a/1",
            ],
            "extra": [None, json.dumps({"outlet_as_given": "www.indiewire.com"}), None],
        }
    )
    outlets = reidentify(stored, builtin_table())
    assert outlets.to_list() == ["Hawaii News Now", "IndieWire", "harbour-example.com"]


def test_a_site_suffix_comes_off_a_title() -> None:
    url = "https://www.harbourcourier-example.com/story/1/ferry"
    title = "Ferry adds three crossings to the harbor - Harbour Courier - KXYZ and KABC"
    assert strip_site_suffix(title, "harbourcourier-example.com", url) == (
        "Ferry adds three crossings to the harbor",
        "Harbour Courier - KXYZ and KABC",
    )
    assert strip_site_suffix("Ferry adds crossings | Fox News", "Fox News", None) == (
        "Ferry adds crossings",
        "Fox News",
    )
    # Site and section words together: "RT World News".
    assert strip_site_suffix(
        "Ferry adds crossings - RT World News", "RT", "https://www.rt.com/news/1-ferry/"
    ) == ("Ferry adds crossings", "RT World News")


def test_a_title_that_is_no_site_suffix_stays_whole() -> None:
    rt = "https://www.rt.com/news/1-ferry/"
    kept = [
        # A title naming only the site: evidence that the page holds no article.
        ("World news - RT International", "RT", rt),
        # A speaker after the dash, not the site.
        ("Ferry plan put millions at risk - Mattis", "RT", rt),
        # A colon is no separator of a suffix.
        ("Fox News: ferry adds crossings", "Fox News", None),
        # "News" alone is a section word, no site's name.
        ("Ferry adds crossings - News", "ABC News", None),
        # What follows the site's name is more than a tagline: a headline of its own.
        ("Ferry adds crossings - Fox News - mayor says the harbor will close", "Fox News", None),
        ("Ferry adds crossings", "Fox News", None),
    ]
    for title, outlet, url in kept:
        assert strip_site_suffix(title, outlet, url) == (title, ""), title


def test_ingest_takes_the_suffix_off_and_keeps_it_in_extra(tmp_path: Path) -> None:
    path = tmp_path / "crawl.jsonl"
    rows = [
        {
            "title": "Ferry adds three crossings - Hawaii News Now - KGMB and KHNL",
            "body": "The ferry adds three morning crossings from next month.",
            "url": "https://www.hawaiinewsnow.com/story/1/ferry",
        },
        {
            "title": "Ferry adds three crossings - mayor",
            "body": "The ferry adds three morning crossings from next month, the mayor said.",
            "url": "https://www.hawaiinewsnow.com/story/2/ferry",
        },
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    articles = load_articles([path], IngestConfig()).articles
    assert articles["title"].to_list() == [
        "Ferry adds three crossings",
        "Ferry adds three crossings - mayor",
    ]
    assert articles["outlet"].to_list() == ["Hawaii News Now", "Hawaii News Now"]
    extras = [json.loads(e) for e in articles["extra"].to_list()]
    assert extras[0]["title_suffix_removed"] == "Hawaii News Now - KGMB and KHNL"
    assert "title_suffix_removed" not in extras[1]


@needs_shared
def test_the_crawl_reads_by_name() -> None:
    articles = load_articles([NEWS_PLEASE], IngestConfig()).articles
    assert articles.height == 383
    domains = sorted(
        articles.filter(pl.col("outlet").str.contains(_DOMAIN))["outlet"].unique().to_list()
    )
    # What stays a domain: sites whose name or country is not sure (read by eye).
    assert domains == [
        "blog.google",
        "cetusnews.com",
        "forexlive.com",
        "gadgetstouse.com",
        "insightsonindia.com",
        "jreasn.com",
        "psu.com",
        "sciexaminer.com",
        "tecake.in",
        "thedailytimes.com",
        "themerkle.com",
    ]
    hawaii = articles.filter(pl.col("outlet") == "Hawaii News Now")
    assert hawaii.height == 1
    assert not hawaii["title"][0].endswith("KGMB and KHNL")
    assert json.loads(hawaii["extra"][0])["title_suffix_removed"] == (
        "Hawaii News Now - KGMB and KHNL"
    )
    # One title of the crawl carried a site suffix; the others arrived without one.
    removed = [json.loads(e).get("title_suffix_removed") for e in articles["extra"]]
    assert sum(r is not None for r in removed) == 1
