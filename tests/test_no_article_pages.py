"""Pages that hold no article of their own (a site's search, tag or home page; a crawl that
kept only the site's name, its description and its footer): flagged at ingest with the
reason (ARTICLES.no_article_reason), said in the warnings, kept, and left out of the
comparisons. The sites, titles and texts below are made up."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from clustering.compare import compare_story
from clustering.config import IngestConfig
from clustering.ingest import load_articles
from clustering.ingest.furniture import (
    is_site_description,
    listing_url,
    no_article_reason,
    site_only_title,
)
from tests.conftest import SHARED, WordHashEmbedder, needs_shared

# A made-up regional site and its pages.
SITE = "Valley Courier"
STORY_URL = (
    "https://www.valleycourier.example/news/2031/04/02/ferry-runs-aground-off-pike-island-8812345"
)
STORY_TITLE = "Ferry runs aground off Pike Island; 14 passengers taken ashore"
STORY_BODY = (
    "A passenger ferry ran aground off Pike Island on Tuesday morning, and 14 passengers "
    "were taken ashore by lifeboat crews, the harbour office said.\n\n"
    "The vessel struck a sandbank about 400 metres from the island's pier shortly after "
    "eight o'clock. Nobody was hurt, the office said, and the ferry was refloated at high "
    "tide in the afternoon.\n\n"
    '"The crew did everything right," said harbour master Ilse Brandt. "The channel moved '
    "after last week's storm, and the buoys had not yet been moved with it.\"\n\n"
    "The operator said crossings would resume on Thursday after divers inspect the hull."
)
DESCRIPTION = (
    "Valley Courier brings you the latest news from around the world, with breaking news, "
    "exclusive interviews and videos."
)
TEASER = (
    "Is the new bridge toll fair? Commuters have been arguing about it for 3 weeks. "
    "Our panel weighs in on what comes next..."
)
FOOTER = (
    "Links to other sites are given for reference only. Valley Courier is not responsible "
    "for their content."
)


def _record(**fields: object) -> dict[str, object]:
    return {"source_domain": "www.valleycourier.example", "date_publish": "2031-04-02", **fields}


def _pages() -> list[dict[str, object]]:
    """A search page, a section-titled page with the site's description, a site-titled
    page with the footer as body, and a real story: in that order."""
    return [
        _record(
            title="Courier Search : Valley Courier",
            url="https://www.valleycourier.example/search/index.php?searchinput=ferry+aground",
            text=(
                "... the ferry was late again on Friday ...\n"
                "... 52 ferries, 3 harbours and ... the council said ..."
            ),
            description=None,
        ),
        _record(
            title="World news - Valley Courier International",
            url="https://www.valleycourier.example/on-air/8812345-ferry-runs-aground/",
            text=TEASER,
            description=DESCRIPTION,
        ),
        _record(
            title="Valley Courier",
            url="https://www.valleycourier.example/wire/ferry-runs-aground-off-pike-island-8812346",
            text=FOOTER,
            description=None,
        ),
        _record(title=STORY_TITLE, url=STORY_URL, text=STORY_BODY, description=None),
    ]


def test_listing_urls_are_told_from_story_urls():
    assert listing_url("https://a.example/search?q=ferry").startswith("a site search")
    assert listing_url("https://a.example/templates/search/index.php?searchinput=ferry")
    assert listing_url("https://a.example/tag/ferries/") == "a tag page (/tag/ferries)"
    assert (
        listing_url("https://a.example/topics/pike-island") == "a topic page (/topics/pike-island)"
    )
    assert listing_url("https://a.example/?s=ferry") == "a site search (s=ferry)"
    assert listing_url("https://a.example/?utm_source=feed") == "the site's home page"
    # Stories: filed under a section or a tag, at the root under a post id, or slugged.
    assert listing_url(STORY_URL) is None
    assert (
        listing_url("https://a.example/sections/the-wire/2031/04/02/8812345/ferry-aground") is None
    )
    assert listing_url("https://a.example/tag/ferries/ferry-runs-aground-off-pike-island") is None
    assert listing_url("https://a.example/?p=1352777") is None
    assert listing_url("https://a.example/news/the-search-for-the-missing-divers") is None
    assert listing_url(None) is None


def test_a_title_naming_only_the_site():
    host = "https://www.valleycourier.example/x"
    assert site_only_title("Valley Courier", SITE, host)
    assert site_only_title("World news - Valley Courier International", SITE, host)
    assert site_only_title("Courier Search : Valley Courier", SITE, host)
    assert site_only_title("Home | ValleyCourier", "", host)  # named by the host alone
    assert not site_only_title(STORY_TITLE, SITE, host)
    assert not site_only_title("World news", "", None)  # names no site
    assert not site_only_title("", SITE, host)


def test_a_lead_that_is_the_sites_description_of_itself():
    host = "https://www.valleycourier.example/x"
    assert is_site_description(DESCRIPTION, SITE, host)
    # A story's lead that names the outlet and one phrase of the kind is a story's lead.
    assert not is_site_description(
        "Valley Courier obtained exclusive videos of the ferry striking the sandbank.", SITE, host
    )
    assert not is_site_description(DESCRIPTION, "Harbour Gazette", "https://gazette.example/x")


def test_no_article_reason_needs_more_than_a_site_title():
    # A page titled only with the site's name whose body is a whole article is an article
    # whose headline the crawler missed: it stays one.
    assert no_article_reason(SITE, "", STORY_BODY, SITE, STORY_URL) is None
    said = no_article_reason(SITE, "", FOOTER, SITE, STORY_URL)
    assert said == (
        "the title names only the site ('Valley Courier') and it has a body of 17 words "
        "once its furniture is out"
    )
    # The home page's address with a story's title and body: a record that gave the root
    # as the story's link.
    assert no_article_reason(STORY_TITLE, "", STORY_BODY, SITE, "https://a.example/") is None


def _write_crawl(folder: Path) -> list[Path]:
    folder.mkdir()
    paths = []
    for i, record in enumerate(_pages()):
        path = folder / f"page{i}.json"
        path.write_text(json.dumps(record), encoding="utf-8")
        paths.append(path)
    return paths


def test_crawled_pages_without_an_article_are_flagged_kept_and_said(tmp_path):
    paths = _write_crawl(tmp_path / "crawl")
    got = load_articles([tmp_path / "crawl"], IngestConfig())
    assert got.n_accepted == 4 and got.n_rejected == 0  # nothing is lost
    by_file = {Path(r["source_file"]).name: r for r in got.articles.iter_rows(named=True)}
    reasons = [by_file[p.name]["no_article_reason"] for p in paths]
    assert reasons[0] == "the URL is a site search (/search)"
    assert reasons[1] == (
        "the title names only the site ('World news - Valley Courier International') and the "
        "lead is the site's description of itself"
    )
    assert reasons[2].startswith("the title names only the site ('Valley Courier') and")
    assert reasons[3] is None
    # Said first among the page's warnings; a one-record file names no line.
    warnings = json.loads(by_file["page1.json"]["extra"])["_warnings"]
    assert (
        warnings[0]
        == f"no article of its own: {reasons[1]}; kept in the corpus and left out of the comparisons"
    )
    assert by_file["page1.json"]["body"] == TEASER  # kept as read
    assert "_warnings" not in json.loads(by_file["page3.json"]["extra"])


def test_a_jsonl_warning_names_the_line(tmp_path):
    path = tmp_path / "pages.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in _pages()) + "\n", encoding="utf-8")
    articles = load_articles([path], IngestConfig()).articles.sort("source_line")
    assert articles["no_article_reason"].is_not_null().to_list() == [True, True, True, False]
    first = json.loads(articles["extra"][2])["_warnings"][0]
    assert first.startswith("no article of its own (line 3): the title names only the site")


def test_a_page_without_an_article_is_left_out_of_the_comparisons(tmp_path):
    _write_crawl(tmp_path / "crawl")
    articles = load_articles([tmp_path / "crawl"], IngestConfig()).articles
    # A second outlet's story of the same event, and the site-titled teaser page with its
    # "3 weeks": one story, as if clustered together.
    other = articles.filter(pl.col("no_article_reason").is_null()).with_columns(
        article_id=pl.lit("other-outlet-story"),
        outlet=pl.lit("Harbour Gazette"),
        body=pl.col("body").str.replace("14 passengers", "15 passengers"),
        content_hash=pl.lit("0" * 16),
    )
    teaser = articles.filter(pl.col("title").str.starts_with("World news"))
    story = pl.concat([articles.filter(pl.col("no_article_reason").is_null()), other, teaser])
    compared = compare_story(story, WordHashEmbedder())
    flagged = teaser["article_id"][0]
    assert compared.numbers.height > 0
    for table in (compared.numbers, compared.quotes, compared.framing, compared.facts):
        assert flagged not in table["article_id"].to_list()
    # Without the flag the teaser's figures would be compared with the story's.
    unflagged = compare_story(
        story.with_columns(no_article_reason=pl.lit(None, pl.String)), WordHashEmbedder()
    )
    assert flagged in unflagged.numbers["article_id"].to_list()


# --- On the real crawl (skips without ../shared) ----------------------------------------

KNOWN_PAGES = {
    "6c1d5c7ca406903f13f9c0d4d58e5068754b8e8b7a7787961d84da20.json": "the URL is a site search",
    "a54fd49a5b440207f3bf275fbd60f26742f8c1f2493b3e0b435ae995.json": "the title names only the site",
    "f56d3ca80321bda65936fa8bf2ff3ba1c2c7a92d0681886ef1eb34d9.json": "the title names only the site",
}


@needs_shared
def test_the_known_crawl_pages_are_flagged_and_no_other():
    articles = load_articles([SHARED / "raw" / "news-please"], IngestConfig()).articles
    flagged = articles.filter(pl.col("no_article_reason").is_not_null())
    assert articles.height == 383
    got = {
        Path(f).name: r
        for f, r in zip(flagged["source_file"], flagged["no_article_reason"], strict=True)
    }
    assert sorted(got) == sorted(KNOWN_PAGES)
    for name, start in KNOWN_PAGES.items():
        assert got[name].startswith(start), got[name]


@needs_shared
@pytest.mark.parametrize("kind", ["html", "pasted"])
def test_no_extraction_benchmark_page_is_flagged(kind):
    # The benchmark's 91 pages are real articles.
    folder = SHARED / "raw" / "extraction-benchmark" / kind
    articles = load_articles([folder], IngestConfig()).articles
    assert articles.height == 91
    assert articles.filter(pl.col("no_article_reason").is_not_null()).height == 0


def test_the_story_page_says_which_page_holds_no_article(tmp_path):
    from corpus_factory import (
        DEMO_ARTICLES,
        DEMO_STORY_OF,
        FLOOD,
        article,
        open_story_page,
        write_corpus,
    )

    from clustering.views import safe

    page = article(
        "a-flood-search",
        "Ridge Post",
        "Ridge Post Search : Ridge Post",
        "",
        None,
        no_article_reason="the URL is a site search (q=flood)",
    )
    corpus = write_corpus(
        tmp_path / "c", [*DEMO_ARTICLES, page], {**DEMO_STORY_OF, "a-flood-search": FLOOD}
    )
    at = open_story_page(corpus.path, FLOOD)
    said = [c.value for c in at.caption if c.value.startswith("No article of its own")]
    shown = "No article of its own: the URL is a site search (q=flood). Not compared."
    assert said == [safe.escape_markdown(shown)]
