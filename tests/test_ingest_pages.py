"""Pasted pages and extracted bodies: article lines kept, page furniture removed (and kept
in extra), the model file holds no page text; on real data when ../shared is present."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from conftest import SHARED, needs_shared

from clustering.config import IngestConfig
from clustering.ingest import load_articles, read_file
from clustering.ingest.furniture import (
    FEATURES,
    MODEL_FILE,
    SECOND_FEATURES,
    _core_overlap,
    clean_body,
    looks_like_page,
    main_span,
)
from clustering.ingest.textfile import parse_text

NEWS_PLEASE = SHARED / "raw" / "news-please"
BENCHMARK = SHARED / "raw" / "extraction-benchmark"

# A fictional news page as select-all + copy gives it: cookie banner, menu, headline with
# byline and date, share bar, the article, then share buttons, related and most-read
# lists and a footer.
PAGE = """We use cookies to improve your experience on our site. By continuing you agree to our use of cookies.
Accept
The Gull Point Gazette
Home
News
Politics
Business
Sport
Culture
Opinion
Subscribe
Sign in
Search
Politics
Island council backs new ferry contract after months of talks
By Ana Lima
29 March 2022, 14:05
Share
Tweet
Email
12 Comments

The island council approved a new ferry contract on Tuesday, ending months of uncertainty over the only link to the mainland.

Councillors voted nine to two in favour after the operator agreed to keep fares at last year's level until the end of 2024.

"This gives families and businesses the certainty they have been asking for," the council leader said after the vote, adding that the timetable would be published within a week.

The contract secures three daily crossings in winter and five in summer, and it obliges the operator to replace the older of its two vessels by 2027.

Opponents said the council had given away too much, and that the island should have run the ferry itself as it did until the late 1990s.

Share this article
Facebook
Twitter
WhatsApp
Related stories
Mainland bridge plan shelved again
Fishing quotas cut for a third year
Harbour crane sold to Norwegian operator
Most read
1
Storm closes north pier
2
School roof repairs start in May
About us
Contact
Privacy policy
Terms of use
© 2022 The Gull Point Gazette. All rights reserved."""
ARTICLE = [line for line in PAGE.splitlines() if len(line.split()) > 15]


def test_a_pasted_page_keeps_the_article_and_drops_the_furniture() -> None:
    assert looks_like_page(PAGE)
    fields = parse_text(PAGE)  # a .txt file's path: told apart from a bare article
    assert fields["body"].split("\n\n") == ARTICLE[1:]  # the cookie banner is not article
    assert fields["title"] == "Island council backs new ferry contract after months of talks"
    assert fields["author"] == "Ana Lima"
    assert fields["published_at"] == "29 March 2022, 14:05"
    removed = fields["page_removed"]
    assert "Related stories" in removed and "Mainland bridge plan shelved again" in removed
    assert "© 2022 The Gull Point Gazette. All rights reserved." in removed
    # nothing is lost: every line is the title, the body or removed
    lines = [line.strip() for line in PAGE.splitlines() if line.strip()]
    assert len(lines) == 1 + len(ARTICLE[1:]) + len(removed)


def test_a_bare_article_is_not_taken_for_a_page() -> None:
    text = "Ferry deal agreed\n\n" + "\n\n".join(ARTICLE[1:])
    assert not looks_like_page(text)
    assert parse_text(text)["title"] == "Ferry deal agreed"


def test_the_model_file_holds_no_page_text() -> None:
    data = json.loads(resources.files("clustering.ingest").joinpath(MODEL_FILE).read_text("utf-8"))
    allowed = set(FEATURES) | set(SECOND_FEATURES) | {data["about"], data["sklearn"]}

    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [s for k, v in value.items() for s in [*strings(k), *strings(v)]]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return []

    keys = {"about", "sklearn", "params", "features", "second_features", "threshold"}
    keys |= {"first", "second", "init", "rate", "trees", "feature", "threshold", "left"}
    keys |= {"right", "value", "n_estimators", "max_depth", "learning_rate", "subsample"}
    keys |= {"random_state", "max_iter", "max_leaf_nodes", "min_samples_leaf"}
    keys |= {"l2_regularization", "early_stopping", "second_params"}
    assert set(strings(data)) <= allowed | keys
    assert data["features"] == list(FEATURES)


def test_clean_body_drops_furniture_at_the_ends_and_captions_anywhere() -> None:
    body = "\n\n".join(
        [
            "Harbour cranes sold",  # the title, repeated by the crawler
            "Image copyright EPA Image caption The cranes were built in 1961",
            "The port authority sold its four cranes on Monday.",
            "Advertisement",
            "Sign up for the new apprenticeship scheme opened the same morning, it said.",
            "2/34 29 November 2017 A ship leaves the harbour Getty Images",
            "Dock workers will keep their jobs, the union said.",
            "Copyright 2017 The Associated Press. All rights reserved.",
            "We pay for your stories! Email us at tips@example.com",
        ]
    )
    kept, removed = clean_body(body, "Harbour cranes sold")
    assert kept.split("\n\n") == [
        "The port authority sold its four cranes on Monday.",
        # a prompt-like sentence inside the article stays
        "Sign up for the new apprenticeship scheme opened the same morning, it said.",
        "Dock workers will keep their jobs, the union said.",
    ]
    assert len(removed) == 6
    # "By the end of May ..." is a sentence, "By Ana Lima" a byline
    kept, removed = clean_body("By Ana Lima\n\nBy the end of May the pier was shut.")
    assert (kept, removed) == ("By the end of May the pier was shut.", ["By Ana Lima"])


def test_an_html_page_loses_its_advertisement_line(tmp_path: Path) -> None:
    paragraphs = ARTICLE[1:]
    html = (
        "<html><head><title>Ferry deal</title></head><body><article><h1>Ferry deal</h1>"
        + f"<p>{paragraphs[0]}</p><p>Advertisement</p>"
        + "".join(f"<p>{p}</p>" for p in paragraphs[1:])
        + "</article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html)
    articles, _ = read_file(path, IngestConfig())
    body = articles["body"][0]
    assert "Advertisement" not in body
    assert body.split("\n\n")[0] == paragraphs[0]
    assert json.loads(articles["extra"][0])["furniture_removed"] == ["Advertisement"]


# Furniture of the kinds the crawler left at the ends of real bodies (the examples
# and what reading the 383 bodies showed): prompts, media slots, credits, notices.
FURNITURE = re.compile(
    r"^(?:photo|video|image|advertisement\b.*|read more|next|prev|savesave.*|[\W_]+"
    r"|image copyright\b.*|media playback is unsupported\b.*|enlarge this image\b.*"
    r"|.*\benter your email\b.*|sign up\b.*|subscribe\b.*|copyright\b.*|©.*"
    r"|.*all rights reserved\b.*|we pay for your stories\b.*|read or share this story\b.*"
    r"|photos: .*|by [A-Z]\w+ [A-Z]\w+|\d+/\d+ .*|reuters|pa|ap|afp"
    r"|https?://\S+|follow us\b.*|chat with us in facebook messenger\b.*"
    r"|.*\btranscripts? (?:are|is) created\b.*)$",
    re.IGNORECASE,
)


@needs_shared
def test_no_news_please_body_starts_or_ends_with_furniture() -> None:
    result = load_articles([NEWS_PLEASE], IngestConfig())
    assert result.n_read == 383
    assert result.n_rejected == 0
    ends = []
    n_removed = 0
    for body, extra in result.articles.select("body", "extra").iter_rows():
        removed = json.loads(extra).get("furniture_removed", [])
        n_removed += len(removed)
        paragraphs = body.split("\n\n") if body else []
        if paragraphs:
            ends += [paragraphs[0], paragraphs[-1]]
        # no gallery caption ("UK news in pictures 1/34 ...") is left anywhere
        counters = [
            re.match(r"^(?:\D{0,40}\s)?(\d{1,3})/(\d{1,3}) [A-Z0-9]", p) for p in paragraphs
        ]
        assert not [m for m in counters if m and int(m[1]) <= int(m[2]) and int(m[2]) >= 5]
    assert [end for end in ends if FURNITURE.match(end)] == []
    assert n_removed >= 400  # measured 549: kept in extra, never lost  # heuristic floor


@needs_shared
def test_pasted_benchmark_pages_with_the_shipped_model() -> None:
    # The shipped model saw these pages: this guards the wiring and the file, not the
    # cross-validated figure (python -m benchmarks.pages measures that).
    from benchmarks.pages import token_f1

    truth = [json.loads(line) for line in (BENCHMARK / "truth.jsonl").read_text().splitlines()]
    scores = []
    for row in truth[::6]:
        articles, _ = read_file(BENCHMARK / "pasted" / f"{row['id']}.txt", IngestConfig())
        scores.append(token_f1(articles["body"][0], row["truth_body"]))
    assert sum(scores) / len(scores) >= 0.9  # heuristic to guard against regression


def test_main_span_is_the_stretch_with_most_likely_article_text() -> None:
    # a teaser (one likely line) apart from the article by a share bar of unlikely lines
    proba = np.array([0.1, 0.9, 0.1, 0.1, 0.1, 0.8, 0.4, 0.95, 0.9, 0.2, 0.1])
    words = np.log1p([3, 10, 2, 2, 2, 40, 30, 35, 25, 3, 2])
    assert main_span(proba, words) == (5, 8)  # the doubtful 0.4 line inside is bridged
    assert main_span(np.array([0.1, 0.2]), np.log1p([5, 5])) == (1, 1)  # never empty


def test_core_overlap_is_the_share_of_a_lines_words_other_article_lines_use() -> None:
    lines = [
        "Island council backs ferry contract",
        "The island council approved the ferry contract on Tuesday.",
        "Councillors said the ferry contract keeps fares low.",
        "Storm closes north pier",
    ]
    overlap = _core_overlap(lines, np.array([0.2, 0.9, 0.9, 0.2]))
    # "island", "council", "ferry", "contract" of line 0 are in line 1 or 2; "backs" is not
    assert overlap.tolist() == pytest.approx([4 / 5, 2 / 6, 2 / 6, 0.0])


@needs_shared
def test_pasted_pages_are_told_from_bare_article_files() -> None:
    pasted = sorted((BENCHMARK / "pasted").glob("*.txt"))
    bare = sorted((SHARED / "raw" / "plain-text").glob("*.txt"))
    assert len(pasted) == 91 and len(bare) == 50
    as_pages = [looks_like_page(p.read_text("utf-8")) for p in pasted]
    # one page has only 8 lines (no menu at all): too little to tell; all others are pages
    assert sum(as_pages) == 90
    assert not any(looks_like_page(p.read_text("utf-8")) for p in bare)
