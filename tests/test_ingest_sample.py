"""The bundled sample corpus (data/sample/) ingests whole and right: counts, skipped README,
wire copies, and the metadata of the saved web pages and aggregator pastes (checked against
data/sample/README.md and benchmarks/gold/)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest

from clustering.config import IngestConfig
from clustering.ingest import IngestResult, load_articles

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
GOLD = ROOT / "benchmarks" / "gold"


@pytest.fixture(scope="module")
def sample() -> IngestResult:
    return load_articles([SAMPLE], IngestConfig())


def by_gold_id(result: IngestResult) -> dict[str, dict]:
    """Articles keyed as benchmarks/gold names them: the JSONL id, else the path in the sample."""
    return {
        row["source_id"]
        if row["source_format"] == "jsonl"
        else Path(row["source_file"]).relative_to(SAMPLE).as_posix(): row
        for row in result.articles.iter_rows(named=True)
    }


def test_counts(sample: IngestResult) -> None:
    assert (sample.n_read, sample.n_accepted, sample.n_duplicates, sample.n_rejected) == (
        48,
        46,
        2,
        0,
    )
    assert sample.per_file.select("format", "read", "duplicates").rows() == [
        ("skipped", 0, 0),  # README.md
        ("jsonl", 44, 2),
        ("aggregator", 1, 0),
        ("aggregator", 1, 0),
        ("html", 1, 0),
        ("html", 1, 0),
    ]


def test_the_readme_is_skipped_with_a_note(sample: IngestResult) -> None:
    readme = sample.per_file.filter(pl.col("source_file") == str(SAMPLE / "README.md"))
    assert readme.select("format", "read").rows() == [("skipped", 0)]
    assert readme["note"][0].startswith("documentation file")
    assert not sample.articles["source_file"].str.ends_with("README.md").any()


def test_wire_copies_are_flagged_as_the_gold_says(sample: IngestResult) -> None:
    articles = by_gold_id(sample)
    with open(GOLD / "sample_duplicates.csv", encoding="utf-8") as fh:
        gold = [(r["id"], r["duplicate_of"], r["kind"]) for r in csv.DictReader(fh)]
    flagged = [
        (row["source_id"], row["duplicate_of"], row["duplicate_kind"])
        for row in sample.articles.filter(pl.col("duplicate_of").is_not_null()).iter_rows(
            named=True
        )
    ]
    assert sorted(flagged) == sorted(
        (copy, articles[original]["article_id"], kind) for copy, original, kind in gold
    )
    assert len(gold) == 2


def test_every_article_has_outlet_title_and_date(sample: IngestResult) -> None:
    articles = sample.articles
    assert (articles["outlet"] != "").all()
    assert (articles["title"] != "").all()
    assert (articles["body"].str.len_chars() > 300).all()
    undated = articles.filter(pl.col("published_at").is_null())
    # The aggregator pastes carry no date (data/sample/README.md); everything else does.
    assert sorted(Path(f).name for f in undated["source_file"]) == [
        "lantern-istanbul.txt",
        "sentinel-rates.txt",
    ]
    assert articles["outlet"].n_unique() == 9  # the nine outlets of data/sample/README.md


@pytest.mark.parametrize(
    ("gold_id", "outlet", "section", "author", "title", "published_at"),
    [
        (
            "pasted/lantern-istanbul.txt",
            "The Lantern",
            "World",
            "Naomi Okafor",
            "Hope and scepticism in equal measure as Istanbul talks leave civilians waiting",
            None,
        ),
        (
            "pasted/sentinel-rates.txt",
            "Market Sentinel",
            "Markets",
            "Marcus Feld",
            "Gilts rally as Bank of England tempers hawkish message",
            None,
        ),
        (
            "web/harbor-transit.html",
            "Harbor Daily",
            "Local",
            "Dana Whitlock",
            "Port Alden transit workers walk off the job, stranding commuters across the city",
            dt.datetime(2022, 3, 14, 15, 20, tzinfo=dt.UTC),  # 11:20 EDT (-04:00)
        ),
        (
            "web/meridian-transfer.html",
            "The Meridian Post",
            "Football",
            "Owen Pryce",
            "Ashford Rovers agree €40m deal for Montemar striker Tiago Mendes",
            dt.datetime(2022, 4, 5, 20, 45, tzinfo=dt.UTC),  # 21:45 BST (+01:00)
        ),
    ],
)
def test_metadata_of_pages_and_pastes(
    sample: IngestResult,
    gold_id: str,
    outlet: str,
    section: str,
    author: str,
    title: str,
    published_at: dt.datetime | None,
) -> None:
    row = by_gold_id(sample)[gold_id]
    assert (row["outlet"], row["section"], row["author"], row["title"]) == (
        outlet,
        section,
        author,
        title,
    )
    assert row["published_at"] == published_at


def test_bodies_hold_every_gold_span(sample: IngestResult) -> None:
    """Gold numbers and exclusive facts occur verbatim in the body: nothing of the article
    was cut with the boilerplate, and no caption or prompt was left in."""
    articles = by_gold_id(sample)
    gold = json.loads((GOLD / "compare_gold.json").read_text(encoding="utf-8"))["articles"]
    for gold_id in (
        "pasted/lantern-istanbul.txt",
        "pasted/sentinel-rates.txt",
        "web/harbor-transit.html",
        "web/meridian-transfer.html",
    ):
        body = articles[gold_id]["body"]
        spans = [n["text"] for n in gold[gold_id]["numbers"]] + gold[gold_id]["exclusive_facts"]
        assert len(spans) >= 5
        assert [s for s in spans if s not in body] == [], gold_id
        for junk in ("Sign up", "Related Stories", "(Photo:", "Start reading", "More from"):
            assert junk not in body, gold_id
