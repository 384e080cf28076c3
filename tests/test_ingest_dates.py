"""Which publication date ingest keeps (issue 19): the day a page's URL gives over a
crawler's later date, and no date where the "publication" is the crawler's own clock.
Records written here; the real crawl's figures are in benchmarks/RESULTS.md."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from clustering.config import IngestConfig
from clustering.ingest import load_articles
from clustering.ingest.normalise import url_day

UTC = dt.UTC


def crawled(tmp_path: Path, **fields: Any) -> dict[str, Any]:
    """One news-please record with `fields` over a made-up harbour story: the row ingest
    made of it."""
    record = {
        "date_download": None,
        "date_publish": "2021-03-04T10:15:30",
        "language": "en",
        "source_domain": "www.harbourtimes.example",
        "text": "Port closes for storm repairs\nThe port will close for a week.\nShips wait.",
        "title": "Port closes for storm repairs",
        "url": "https://www.harbourtimes.example/port",
        **fields,
    }
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record))
    articles = load_articles([path], IngestConfig()).articles
    assert articles.height == 1
    return articles.row(0, named=True)


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://www.telegraph.example/sport/2016/11/13/verstappen-third/", dt.date(2016, 11, 13)),
        ("https://www.guardian.example/world/2017/dec/31/moon-mission", dt.date(2017, 12, 31)),
        ("https://www.news.example/2018-01-02/ferry", dt.date(2018, 1, 2)),
        ("https://www.news.example/2017/02/30/never", None),  # no such day
        ("https://www.news.example/news/414714-plane-crash/", None),
        ("https://www.news.example/2017/11/06bank", None),  # no day of its own in the path
        (None, None),
    ],
)
def test_url_day(url: str | None, day: dt.date | None) -> None:
    assert url_day(url) == day


def test_a_date_months_after_the_urls_day_gives_way_to_it(tmp_path: Path) -> None:
    row = crawled(
        tmp_path,
        date_publish="2017-03-22T14:21:01",
        url="https://www.harbourtimes.example/sport/2016/11/13/port-closes/",
    )
    assert row["published_at"] == dt.datetime(2016, 11, 13, tzinfo=UTC)
    extra = json.loads(row["extra"])
    assert extra["date_publish"] == "2017-03-22T14:21:01"
    assert "published_at set to 2016-11-13" in extra["_warnings"][0]


@pytest.mark.parametrize(
    "date_publish",
    [
        "2016-11-15T23:00:00",  # two days after: the next morning's edition, time zones
        "2017-01-20T09:00:00",  # weeks after: an aggregator's own date (AllSides' story day)
        "2016-11-12T18:00:00",  # before the URL's day (a time zone ahead of UTC)
    ],
)
def test_a_date_near_the_urls_day_stays(tmp_path: Path, date_publish: str) -> None:
    url = "https://www.harbourtimes.example/2016/11/13/port-closes/"
    row = crawled(tmp_path, date_publish=date_publish, url=url)
    assert row["published_at"] == dt.datetime.fromisoformat(date_publish).replace(tzinfo=UTC)


def test_the_crawlers_clock_in_another_zone_is_no_publication_date(tmp_path: Path) -> None:
    # "Published" at a whole minute exactly one hour before the minute of the download.
    row = crawled(tmp_path, date_publish="2017-11-30T14:57:00", date_download="2017-11-30T15:57:53")
    assert row["published_at"] is None
    extra = json.loads(row["extra"])
    assert extra["date_publish"] == "2017-11-30T14:57:00"
    assert "the crawler's clock" in extra["_warnings"][0]


@pytest.mark.parametrize(
    ("date_publish", "date_download"),
    [
        ("2017-11-30T14:57:12", "2017-11-30T15:57:53"),  # seconds given: the page's own
        ("2017-11-30T14:56:00", "2017-11-30T15:57:53"),  # a minute off the hour
        ("2017-11-30T15:57:00", "2017-11-30T15:57:53"),  # the same hour: a fast crawler
        ("2017-11-29T00:57:00", "2017-11-30T15:57:53"),  # more than 14 hours
        ("2017-11-30T14:57:00", None),
    ],
)
def test_a_date_unlike_the_crawlers_clock_stays(
    tmp_path: Path, date_publish: str, date_download: str | None
) -> None:
    row = crawled(tmp_path, date_publish=date_publish, date_download=date_download)
    assert row["published_at"] == dt.datetime.fromisoformat(date_publish).replace(tzinfo=UTC)
