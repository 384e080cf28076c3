"""Furniture at the ends of a body (navigation, player notices, credits, stamps, share bars),
in crawled bodies and in a user's own table; leads that are furniture. Inputs written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clustering.config import IngestConfig
from clustering.ingest import load_articles
from clustering.ingest.furniture import clean_body

ARTICLE = [
    "HARBOURTON — The ferry company said on Tuesday that it would add two crossings a day "
    "from March, after months of complaints about queues at the pier.",
    "The council approved the timetable by seven votes to two, the port authority said.",
]

OPENING = [
    "Site Mobile Navigation",
    "Please enable Javascript to watch this video",
    "STOCK PHOTO (Photo: Jane Roe, Getty Images)",
    "Posted: Monday, October 17, 2016 10:26 am |",
    "November 28, 2016 02:23 PM",
    "by: Ana Lima Updated: Apr 4, 2016 - 12:09 PM",
    "Hide Transcript Show Transcript",
    "Follow HARBOURTV.COM: Facebook | Twitter",
    "(File photo)",
    "Pier 4 at dawn.CreditJohn Doe/Harbour Agency",
]
CLOSING = [
    "Share this: Facebook",
    "Twitter",
    "Email",
    "Like this: Like Loading...",
    "0 Pending Comments",
    "CREDIT: Harbourton Police",
]


@pytest.mark.parametrize("inside", [True, False])
def test_furniture_opening_and_closing_a_body_is_removed(inside: bool) -> None:
    body = "\n\n".join([*OPENING, *ARTICLE, *CLOSING])
    kept, removed = clean_body(body, "Ferry adds crossings", inside=inside)
    assert kept == "\n\n".join(ARTICLE)
    assert removed == [*OPENING, *CLOSING]


# Sentences that open like furniture but report: each stays, first, last or in between.
LOOKALIKES = [
    "Posted on Facebook late Monday, the video shows the mayor leaving the hall in a hurry.",
    "Updated: the council said the vote was delayed until the spring.",
    "Navigation on the river was suspended after the storm, the port authority said.",
    "Maria Lopez, a 9/11 widow and advocate, criticised the plan on Tuesday.",
    "Share prices fell 4% after the announcement, analysts said.",
    "Follow-up inspections found the pier safe, the engineers said in their report.",
    "Email records show the contract was signed in March 2016 at 10:30 a.m.",
    "More than 200 people attended the meeting, which ran past midnight.",
]


@pytest.mark.parametrize("inside", [True, False])
@pytest.mark.parametrize("sentence", LOOKALIKES)
def test_a_sentence_that_starts_like_furniture_is_kept(sentence: str, inside: bool) -> None:
    for body in (
        "\n\n".join([sentence, *ARTICLE]),
        "\n\n".join([*ARTICLE, sentence]),
        "\n\n".join([ARTICLE[0], sentence, ARTICLE[1]]),
    ):
        kept, removed = clean_body(body, "Ferry adds crossings", inside=inside)
        assert removed == []
        assert sentence in kept.split("\n\n")


def test_a_users_table_keeps_what_stands_between_its_paragraphs_of_prose() -> None:
    # A caption in the middle of a crawled body goes; in a user's table it stays.
    caption = "Passengers queue at the pier (Photo: Jane Roe, Getty Images)"
    body = "\n\n".join([ARTICLE[0], caption, ARTICLE[1]])
    assert clean_body(body, inside=True) == ("\n\n".join(ARTICLE), [caption])
    assert clean_body(body, inside=False) == (body, [])


def _load(tmp_path: Path, record: dict[str, str]) -> dict[str, object]:
    path = tmp_path / "table.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    articles = load_articles([path], IngestConfig()).articles
    assert articles.height == 1
    return articles.row(0, named=True)


def test_a_table_whose_lead_is_furniture_gets_the_bodys_first_paragraph(tmp_path: Path) -> None:
    row = _load(
        tmp_path,
        {
            "title": "Ferry adds crossings",
            "lead": "Please enable Javascript to watch this video",
            "body": "\n\n".join(["Please enable Javascript to watch this video", *ARTICLE]),
            "outlet": "harbourtimes.example",
        },
    )
    assert row["lead"] == ARTICLE[0]
    assert row["body"] == "\n\n".join(ARTICLE)
    extra = json.loads(str(row["extra"]))
    assert extra["lead_removed"] == ["Please enable Javascript to watch this video"]
    assert extra["furniture_removed"] == ["Please enable Javascript to watch this video"]


def test_a_table_whose_lead_is_a_sentence_keeps_it(tmp_path: Path) -> None:
    lead = "Updated: the council said the vote was delayed until the spring."
    row = _load(
        tmp_path, {"title": "Ferry adds crossings", "lead": lead, "body": "\n\n".join(ARTICLE)}
    )
    assert row["lead"] == lead
    assert row["body"] == "\n\n".join(ARTICLE)
    assert "lead_removed" not in json.loads(str(row["extra"]) or "{}")


def test_a_users_table_keeps_a_long_caption_and_the_title_repeated() -> None:
    # Both tell what the story is about, and the clustering reads them; a crawled body
    # loses them.
    caption = (
        "Passengers queue at the pier on Monday morning as the ferry company prepares to "
        "add two crossings a day from March (Photo: Jane Roe, Getty Images)"
    )
    body = "\n\n".join(["Ferry adds crossings", caption, *ARTICLE])
    assert clean_body(body, "Ferry adds crossings", inside=False) == (body, [])
    kept, removed = clean_body(body, "Ferry adds crossings", inside=True)
    assert (kept, removed) == ("\n\n".join(ARTICLE), ["Ferry adds crossings", caption])


def test_a_users_table_whose_body_is_all_furniture_is_left_as_given() -> None:
    body = "Photos: Harbour storm\n\nVideo\n\nShare this story"
    assert clean_body(body, inside=False) == (body, [])
    assert clean_body(body, inside=True) == ("", body.split("\n\n"))
