"""Outlets given as a bare domain or URL get their name where the shipped table knows it;
an unknown domain stays the domain (never a made-up, title-cased name)."""

from __future__ import annotations

import json
from pathlib import Path

from clustering.config import IngestConfig
from clustering.ingest import load_articles
from clustering.ingest.outlets import builtin_table


def test_local_stations_and_papers_are_named() -> None:
    table = builtin_table()
    assert table.identify("wral.com") == "WRAL"
    assert table.identify("www.khou.com") == "KHOU"
    assert table.identify("", "https://www.wfaa.com/news/local/story-1") == "WFAA"
    assert table.identify("chicago.suntimes.com") == "Chicago Sun-Times"
    # Two domains of one newspaper are one outlet.
    assert table.identify("chron.com") == table.identify("houstonchronicle.com")
    assert table.identify("chron.com") == "Houston Chronicle"


def test_an_unknown_domain_stays_the_domain() -> None:
    table = builtin_table()
    assert table.identify("harbourtimes-example.com") == "harbourtimes-example.com"
    assert table.identify("", "https://news.harbourtimes-example.com/a/1") == (
        "harbourtimes-example.com"
    )
    # A station-like domain the table does not list is not guessed into capitals.
    assert table.identify("wxyq.com") == "wxyq.com"


def test_ingest_shows_the_name_and_keeps_the_domain_as_given(tmp_path: Path) -> None:
    path = tmp_path / "local.jsonl"
    rows = [
        {"title": "Ferry adds crossings", "body": "The ferry adds crossings.", "outlet": d}
        for d in ("wral.com", "harbourtimes-example.com")
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    articles = load_articles([path], IngestConfig()).articles
    assert articles["outlet"].to_list() == ["WRAL", "harbourtimes-example.com"]
    extras = [json.loads(e) for e in articles["extra"].to_list()]
    assert extras[0]["outlet_as_given"] == "wral.com"
    assert "outlet_as_given" not in extras[1]
