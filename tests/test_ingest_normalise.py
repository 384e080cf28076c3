"""Field normalisation: text, dates, URLs, ids."""

from __future__ import annotations

import datetime as dt

import pytest

from clustering.ingest.normalise import (
    article_id,
    content_hash,
    derive_lead,
    normalise_body,
    normalise_title,
    normalise_url,
    outlet_from_url,
    parse_date,
)

UTC = dt.UTC


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-03-29T10:00:00Z", dt.datetime(2022, 3, 29, 10, tzinfo=UTC)),
        ("2022-03-29T10:00:00+02:00", dt.datetime(2022, 3, 29, 8, tzinfo=UTC)),
        ("2022-03-29 10:00:00", dt.datetime(2022, 3, 29, 10, tzinfo=UTC)),  # naive: UTC
        ("Tue, 29 Mar 2022 10:00:00 +0300", dt.datetime(2022, 3, 29, 7, tzinfo=UTC)),
        ("29 March 2022", dt.datetime(2022, 3, 29, tzinfo=UTC)),
        ("March 29, 2022 10:00 AM EDT", dt.datetime(2022, 3, 29, 14, tzinfo=UTC)),
        ("1648548000", dt.datetime(2022, 3, 29, 10, tzinfo=UTC)),
        (1648548000, dt.datetime(2022, 3, 29, 10, tzinfo=UTC)),
        (1648548000000, dt.datetime(2022, 3, 29, 10, tzinfo=UTC)),  # milliseconds
        (20220329, dt.datetime(2022, 3, 29, tzinfo=UTC)),
        (dt.date(2022, 3, 29), dt.datetime(2022, 3, 29, tzinfo=UTC)),
    ],
)
def test_parse_date(value: object, expected: dt.datetime) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["soon", "29 March", "", True, [2022], "99999999999999999999999"])
def test_parse_date_refuses_what_is_not_a_date(value: object) -> None:
    with pytest.raises(ValueError, match="not a date"):
        parse_date(value)


def test_normalise_url_ignores_what_does_not_name_another_page() -> None:
    variants = [
        "https://www.Example.com/news/story-1/",
        "http://example.com/news/story-1?utm_source=tw&utm_medium=social",
        "https://example.com/news/story-1#comments",
        "example.com/news/story-1?fbclid=abc",
    ]
    assert {normalise_url(v) for v in variants} == {"example.com/news/story-1"}
    assert normalise_url("https://example.com/a?b=2&a=1") == "example.com/a?a=1&b=2"
    assert normalise_url("https://example.com/A") != normalise_url("https://example.com/a")
    assert normalise_url("  ") is None
    assert outlet_from_url("https://www.bbc.co.uk/news/x") == "bbc.co.uk"
    assert outlet_from_url("not a url at all") == ""


def test_text_is_only_cleaned_of_whitespace() -> None:
    assert normalise_title("\u200b  <b>Bold</b>\n  claim \u200b") == "<b>Bold</b> claim"
    assert (
        normalise_body("One  line\r\nsame para\n\n\n\nTwo\u00a0 end ")
        == "One line\nsame para\n\nTwo end"
    )
    assert (
        normalise_body("Line one\nLine two") == "Line one\n\nLine two"
    )  # no blank line: one per line
    assert normalise_body("Cafe\u0301") == "Café"  # NFC


def test_derive_lead() -> None:
    assert derive_lead("Title", "Title\n\nFirst para.\n\nSecond.") == "First para."
    one = " ".join(f"w{i}" for i in range(40)) + ". " + " ".join(f"x{i}" for i in range(40))
    assert derive_lead("", one) == " ".join(f"w{i}" for i in range(40)) + "."
    assert derive_lead("", "") == ""


def test_ids_are_stable_and_content_hash_ignores_case_and_spacing() -> None:
    a = article_id("Outlet", "https://www.x.example/a/", "T", "B")
    assert a == article_id("Outlet", "http://x.example/a?utm_source=1", "T", "B")
    assert len(a) == 16 and a != article_id("Other", "https://x.example/a", "T", "B")
    assert content_hash("Big  News", "Body\n\ntext") == content_hash("big news", "BODY text")


def test_us_zone_without_its_season_is_read_as_standard_time() -> None:
    # "8:03 am ET" on a pasted page: 13:03 UTC (EST), not 08:03 read as UTC.
    from clustering.ingest.normalise import parse_date

    assert parse_date("Nov. 19, 2019 8:03 am ET") == dt.datetime(2019, 11, 19, 13, 3, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (45413, dt.datetime(2024, 5, 1, tzinfo=UTC)),  # a spreadsheet's day number
        ("45413.5", dt.datetime(2024, 5, 1, 12, tzinfo=UTC)),
        (100_000, dt.datetime(1970, 1, 2, 3, 46, 40, tzinfo=UTC)),  # seconds stay seconds
    ],
)
def test_parse_date_reads_a_spreadsheet_day_number_as_its_day(
    value: object, expected: dt.datetime
) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2024", "'2024' is a year alone, not a date"),
        (2024, "2024 is a year alone, not a date"),
        (41, "41 is a number no date reads as"),
        ("-5", "'-5' is a number no date reads as"),
    ],
)
def test_parse_date_refuses_a_small_number_instead_of_a_moment_of_1970(
    value: object, message: str
) -> None:
    with pytest.raises(ValueError) as error:
        parse_date(value)
    assert str(error.value).startswith(message)
