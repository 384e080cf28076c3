"""Text pasted from a news aggregator: headline, outlet, byline, section recovered; boilerplate,
captions and related-story lists removed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SAMPLE, SHARED

from clustering.config import IngestConfig
from clustering.ingest import detect_format, read_file
from clustering.ingest.aggregator import looks_like_aggregator, parse_aggregator

INKL = SHARED / "raw" / "inkl" / "evening-standard-istanbul-talks.txt"
SAMPLE_PASTED = SAMPLE / "pasted"

# A fictional aggregator page: another layout than inkl's (date and "By" byline in the
# header, a standfirst, a caption with its credit on the same line, an ad marker, and a
# related-stories list after the article).
PASTE = """Get all your news in one place.
Start reading
The Gull Point Gazette
Politics
By Ana Lima
29 March 2022

Island council backs new ferry contract

The deal secures three daily crossings until 2030

Passengers queue for the morning ferry at the north pier (Photo: Gazette staff)

The island council approved a new ferry contract on Tuesday, ending months of uncertainty over the only link to the mainland.

Advertisement

Councillors voted nine to two in favour after the operator agreed to keep fares at last year's level.

The old harbour crane is lifted onto a barge (AFP)

"This gives families and businesses certainty," the council leader said after the vote.

Sign up to read this article
Related Stories
Mainland bridge plan shelved again
Fishing quotas cut for a third year
Download the app
"""


def test_fictional_aggregator_page() -> None:
    assert looks_like_aggregator(PASTE)
    fields = parse_aggregator(PASTE)
    assert fields["title"] == "Island council backs new ferry contract"
    assert fields["outlet"] == "The Gull Point Gazette"
    assert fields["section"] == "Politics"
    assert fields["author"] == "Ana Lima"
    assert fields["published_at"] == "29 March 2022"
    assert fields["lead"] == "The deal secures three daily crossings until 2030"
    assert fields["body"].split("\n\n") == [
        "The island council approved a new ferry contract on Tuesday, ending months of "
        "uncertainty over the only link to the mainland.",
        "Councillors voted nine to two in favour after the operator agreed to keep fares at "
        "last year's level.",
        '"This gives families and businesses certainty," the council leader said after the vote.',
    ]
    removed = fields["aggregator_removed"]
    assert "Mainland bridge plan shelved again" in removed  # nothing is lost
    assert "The old harbour crane is lifted onto a barge (AFP)" in removed


def test_aggregator_file_becomes_one_article(tmp_path: Path) -> None:
    path = tmp_path / "paste.txt"
    path.write_text(PASTE, encoding="utf-8")
    assert detect_format(path) == "aggregator"
    articles, rejects = read_file(path, IngestConfig())
    assert rejects.height == 0
    row = articles.row(0, named=True)
    assert row["source_format"] == "aggregator"
    assert row["published_at"].isoformat() == "2022-03-29T00:00:00+00:00"
    assert row["lead"] == "The deal secures three daily crossings until 2030"
    assert "Fishing quotas cut for a third year" in json.loads(row["extra"])["aggregator_removed"]


def test_ordinary_text_is_not_an_aggregator_page() -> None:
    text = "Sign up to read this article? No: a story that says sign up once.\n\nMore text."
    assert not looks_like_aggregator(text)


@pytest.mark.skipif(not INKL.exists(), reason="../shared/data is absent")
def test_inkl_evening_standard_page() -> None:
    articles, rejects = read_file(INKL, IngestConfig())
    assert rejects.height == 0
    row = articles.row(0, named=True)
    assert row["source_format"] == "aggregator"
    assert (
        row["title"]
        == "Ukrainian officials arrive in Turkey for peace talks with Russian delegates"
    )
    assert row["outlet"] == "Evening Standard"
    assert row["author"] == "Daniel Keane"
    assert row["section"] == "World"
    body = row["body"]
    assert body.startswith("Ukraine and Russia will hold fresh peace talks")
    assert body.endswith("since Russia began its attack on February 24.")
    for junk in ("Picture:", "REUTERS", "Sign up", "Related Stories", "Getty", "inkl"):
        assert junk not in body
    assert row["lead"].startswith("Ukraine and Russia will hold fresh peace talks")


# A third wording (neither inkl's nor the sample's): trial and membership pitch, a one-line
# "Sign in", no repeated logo, a section that is not in SECTIONS, a byline without "By", an
# article sentence that starts like a prompt, and a footer that starts with "Subscribe".
PASTE_OTHER_WORDING = """Try 30 days free
Thousands of sources. One membership.
Sign in
Your morning briefing
Coastline Herald
Ports & Shipping
Tomas Reyes

Harbour cranes sold to Norwegian operator

(Photo: Herald archive)

The port authority sold its four container cranes to a Norwegian operator on Monday, ending sixty years of public ownership.

Sign up for the new apprenticeship scheme opened the same morning, the authority said.

Dock workers will keep their jobs under the new owner, according to the union.

Subscribe to keep reading
Our Picks
Lighthouse keeper retires after 40 years
Get the app
"""


def test_another_aggregator_wording_is_recognised_by_its_cues() -> None:
    assert looks_like_aggregator(PASTE_OTHER_WORDING)
    fields = parse_aggregator(PASTE_OTHER_WORDING)
    assert fields["title"] == "Harbour cranes sold to Norwegian operator"
    assert fields["outlet"] == "Coastline Herald"
    assert fields["section"] == "Ports & Shipping"
    assert fields["author"] == "Tomas Reyes"
    assert "published_at" not in fields
    paragraphs = fields["body"].split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[1].startswith("Sign up for the new apprenticeship scheme")  # article text
    assert paragraphs[2].endswith("according to the union.")
    removed = fields["aggregator_removed"]
    for line in (
        "Try 30 days free",
        "Thousands of sources. One membership.",
        "Sign in",
        "Your morning briefing",  # above the outlet's name: the aggregator's header
        "Subscribe to keep reading",
        "Lighthouse keeper retires after 40 years",
    ):
        assert line in removed


@pytest.mark.parametrize(
    ("name", "outlet", "section", "author", "title"),
    [
        (
            "lantern-istanbul.txt",
            "The Lantern",
            "World",
            "Naomi Okafor",
            "Hope and scepticism in equal measure as Istanbul talks leave civilians waiting",
        ),
        (
            "sentinel-rates.txt",
            "Market Sentinel",
            "Markets",
            "Marcus Feld",
            "Gilts rally as Bank of England tempers hawkish message",
        ),
    ],
)
def test_sample_pastes(name: str, outlet: str, section: str, author: str, title: str) -> None:
    """data/sample/pasted: a fictional aggregator worded unlike inkl ("Get all your stories in
    one place.", "A single subscription.")."""
    path = SAMPLE_PASTED / name
    assert detect_format(path) == "aggregator"
    fields = parse_aggregator(path.read_text(encoding="utf-8"))
    assert (fields["outlet"], fields["section"], fields["author"], fields["title"]) == (
        outlet,
        section,
        author,
        title,
    )
    assert "header_lines" not in fields
    for line in ("Get all your stories in one place.", "A single subscription.", "Related Stories"):
        assert line in fields["aggregator_removed"]
    assert "Sign up" not in fields["body"] and "(Photo:" not in fields["body"]
