"""Outlet identity: registered domains (bundled public suffix list), the outlet table, a
user's CSV over it, and the news-please corpus counting China Daily once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clustering.config import IngestConfig
from clustering.ingest import IngestError, load_articles
from clustering.ingest.outlets import (
    _extractor,
    builtin_table,
    read_outlet_table,
    registered_domain,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="../shared/data is absent")


def test_registered_domain_from_the_bundled_suffix_list() -> None:
    assert _extractor().suffix_list_urls == ()  # never a download at run time
    assert registered_domain("africa.chinadaily.com.cn") == "chinadaily.com.cn"
    assert registered_domain("https://www.bbc.co.uk/news/x") == "bbc.co.uk"
    assert registered_domain("money.cnn.com") == "cnn.com"
    assert registered_domain("www.huffingtonpost.com.au") == "huffingtonpost.com.au"
    assert registered_domain("courier.example") == "courier.example"  # no public suffix


def test_the_builtin_table_groups_hosts_into_outlets() -> None:
    table = builtin_table()
    for host in ("africa.chinadaily.com.cn", "usa.chinadaily.com.cn", "www.chinadaily.com.cn"):
        assert table.identify(host) == "China Daily"
    assert table.identify("edition.cnn.com") == table.identify("money.cnn.com") == "CNN"
    assert {table.identify(h) for h in ("huffingtonpost.com", "huffingtonpost.ca")} == {"HuffPost"}
    # A listed host wins over its registered domain, which other sites share.
    assert table.identify("abcnews.go.com") == "ABC News"
    assert table.identify("espn.go.com") == "go.com"
    assert table.identify("", "https://www.theguardian.com/world/x") == "The Guardian"
    assert table.identify("the  guardian") == "The Guardian"  # a name, spacing and case aside
    assert table.identify("The Gull Point Gazette") == "The Gull Point Gazette"  # unknown: kept


def test_a_users_table_adds_and_overrides(tmp_path: Path) -> None:
    table = read_outlet_table(
        "outlet,domains,lean,country\n"
        "Gull Point Gazette,gazette.example;gpg.example,centre,XX\n"
        "CNN International,edition.cnn.com,,US\n",
        builtin_table(),
    )
    assert table.identify("news.gpg.example") == "Gull Point Gazette"
    assert table.identify("edition.cnn.com") == "CNN International"
    assert table.identify("money.cnn.com") == "CNN"
    with pytest.raises(ValueError, match="'outlet' column"):
        read_outlet_table("name,domains\nX,x.example\n")


def test_load_articles_uses_the_table_and_keeps_what_was_given(tmp_path: Path) -> None:
    table = tmp_path / "outlets.csv"
    table.write_text("outlet,domains\nGull Point Gazette,gazette.example\n")
    data = tmp_path / "a.jsonl"
    rows = [
        {"title": "Ferry deal", "body": "The council agreed.", "url": "https://gazette.example/a"},
        {
            "title": "Quotas cut",
            "body": "Quotas were cut.",
            "source_domain": "europe.chinadaily.com.cn",
        },
    ]
    data.write_text("\n".join(json.dumps(r) for r in rows))
    result = load_articles([data], IngestConfig(outlets=str(table)))
    assert result.articles["outlet"].to_list() == ["Gull Point Gazette", "China Daily"]
    extras = [json.loads(e) for e in result.articles["extra"]]
    assert "outlet_as_given" not in extras[0]  # from the URL: nothing was given
    assert extras[1]["outlet_as_given"] == "europe.chinadaily.com.cn"
    with pytest.raises(IngestError, match="outlet table"):
        load_articles([data], IngestConfig(outlets=str(tmp_path / "missing.csv")))


@needs_shared
def test_news_please_corpus_counts_china_daily_once() -> None:
    result = load_articles([SHARED / "raw" / "news-please"], IngestConfig())
    given = [json.loads(e).get("outlet_as_given", "") for e in result.articles["extra"]]
    china_daily = {
        o for o, g in zip(result.articles["outlet"], given, strict=True) if "chinadaily" in g
    }
    assert china_daily == {"China Daily"}
    hosts = {g for g in given if "chinadaily" in g}
    assert len(hosts) == 4  # www., usa., africa., europe.: four hosts, one outlet
    cnn = {o for o, g in zip(result.articles["outlet"], given, strict=True) if "cnn.com" in g}
    assert cnn == {"CNN"}
