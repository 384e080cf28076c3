"""Page furniture that crawled and scraped bodies keep as paragraphs of their own (issue 16):
newsletter forms, video players and galleries, credit-led captions, related-story links,
highlights boxes and headline lists, search pages; and text in scripts without capitals,
which is never furniture for being short. All texts here are written for the tests."""

from __future__ import annotations

import json

import pytest

from clustering.config import IngestConfig
from clustering.ingest.files import read_file
from clustering.ingest.furniture import (
    FEATURES,
    clean_body,
    is_chrome_page,
    is_widget_furniture,
    line_features,
)

FIRST = "The town council voted on Monday to close the old river bridge for six weeks of repairs."
SECOND = "Drivers will be sent over the northern crossing, which adds ten minutes, the mayor said."
THIRD = "Work on the bridge begins in March and should end before the summer fair opens."


def body(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


FORM = (
    "Newsletter Sign Up Continue reading the main story Get the Evening Digest by email. "
    "Please verify you're not a robot by clicking the box. Invalid email address. Please "
    "re-enter. You must select a newsletter to subscribe to. Thank you for subscribing."
)
PLAYER = (
    "Skip in Skip x Embed x Share CLOSE Bridge repairs explained | 1:12 The council shows "
    "the plan. 1 of 12 Skip in Skip x Embed x Share CLOSE Next Video"
)
GALLERY = (
    "Ann Lee/River Video Services Crews close the bridge on Monday. Ann Lee/River Video "
    "Services The bridge seen from the east bank. Previous Next"
)


@pytest.mark.parametrize("inside", [True, False])
@pytest.mark.parametrize("widget", [FORM, PLAYER, GALLERY])
def test_a_widget_paragraph_is_removed_from_any_body_crawled_or_a_table(widget, inside):
    cleaned, removed = clean_body(body(FIRST, widget, SECOND, THIRD), "Bridge", inside=inside)
    assert cleaned == body(FIRST, SECOND, THIRD)
    assert removed == [widget]


@pytest.mark.parametrize(
    "prose",
    [
        # one mark of a form or a player is a sentence's word, not a widget
        "Readers who sign up for the trial will get the paper for a month, the editor said.",
        "Features like autoplay videos keep people watching longer, the researchers found.",
        "The photo was taken by Ann Lee/River Video Services on the day the bridge closed.",
    ],
)
def test_one_mark_of_a_widget_in_a_sentence_is_kept(prose):
    assert not is_widget_furniture(prose)
    assert clean_body(body(FIRST, prose, SECOND), "Bridge")[0] == body(FIRST, prose, SECOND)


@pytest.mark.parametrize(
    "caption",
    [
        "Getty Images Crews lift the first steel beam onto the bridge",
        "SWNS • PA A driver waits at the closed bridge on Monday morning",
        "Reuters The mayor walks across the bridge before the closure",
        "Crews lift the first beam onto the bridge on March 3, 2024. [Photo/Agencies]",
        "Jane Roe/WireImage via Getty Images, FILE",
        "READ MORE: Town fair moves to the park after flood damage",
        "Related: Council approves new cycle lanes",
        "Read more",
        "More from The Valley Times:",
    ],
)
def test_captions_credits_and_related_links_inside_a_crawled_body_are_removed(caption):
    cleaned, removed = clean_body(body(FIRST, caption, SECOND, THIRD), "Bridge")
    assert cleaned == body(FIRST, SECOND, THIRD)
    assert removed == [caption]


@pytest.mark.parametrize(
    "sentence",
    [
        "Reuters reported that the bridge had been closed twice before in the last decade.",
        "Related: the council also agreed to repaint the railings this year.",
        "AP Photo editors chose the picture of the bridge for the front page, she said.",
    ],
)
def test_a_sentence_that_opens_like_a_credit_or_a_link_stays_beside_a_caption(sentence):
    caption = "Getty Images Crews lift the first steel beam onto the bridge"
    cleaned, removed = clean_body(body(FIRST, sentence, caption, SECOND), "Bridge")
    assert (cleaned, removed) == (body(FIRST, sentence, SECOND), [caption])


def test_a_table_keeps_a_caption_in_its_middle_but_loses_a_widget():
    caption = "Getty Images Crews lift the first steel beam onto the bridge"
    cleaned, removed = clean_body(body(FIRST, caption, FORM, SECOND), "Bridge", inside=False)
    assert cleaned == body(FIRST, caption, SECOND)
    assert removed == [FORM]


@pytest.mark.parametrize("inside", [True, False])
def test_a_highlights_box_opening_a_body_is_removed(inside):
    points = [
        "Story highlights The bridge closes for six weeks from Monday",
        "Drivers are sent over the northern crossing",
    ]
    cleaned, removed = clean_body(body(*points, FIRST, SECOND), "Bridge", inside=inside)
    assert cleaned == body(FIRST, SECOND)
    assert removed == points


UNRELATED = [
    "Singer cancels autumn tour after losing her voice on stage",
    "Zoo welcomes twin panda cubs: ‘We are overjoyed’",
    "Local bakery wins national award for its sourdough loaf",
]


@pytest.mark.parametrize("inside", [True, False])
def test_a_list_of_other_stories_headlines_opening_a_body_is_removed(inside):
    cleaned, removed = clean_body(body(*UNRELATED, FIRST, SECOND), "Bridge", inside=inside)
    assert cleaned == body(FIRST, SECOND)
    assert removed == UNRELATED


def test_a_storys_own_summary_points_opening_its_body_stay():
    points = [
        "The town council voted to close the old river bridge",
        "Drivers will be sent over the northern crossing for six weeks",
        "Repairs to the bridge begin in March",
    ]
    cleaned, removed = clean_body(body(*points, FIRST, SECOND, FORM), "Bridge", inside=False)
    assert (cleaned, removed) == (body(*points, FIRST, SECOND), [FORM])


SNIPPETS = [
    "Hockey teams hope to medal as the games near their end. Is doping a thing of the past?",
    "... we saw today that the network plans to bid for ... or even when we might be",
]


@pytest.mark.parametrize("inside", [True, False])
def test_a_search_results_page_is_site_chrome_and_loses_its_body(inside):
    assert is_chrome_page("Daily Radio Search : Daily Radio", SNIPPETS)
    title = "Daily Radio Search : Daily Radio"
    cleaned, removed = clean_body(body(*SNIPPETS), title, inside=inside)
    assert cleaned == ""
    assert removed == SNIPPETS


@pytest.mark.parametrize(
    "title",
    [
        "Search for missing hikers resumes at dawn",  # a news story about a search
        "The search: how divers found the wreck",
    ],
)
def test_a_story_about_a_search_is_no_search_page(title):
    assert not is_chrome_page(title, [FIRST, "... and the divers went down again at noon ..."])
    assert is_chrome_page("Search results | The Valley Times", SNIPPETS)


@pytest.mark.parametrize("inside", [True, False])
@pytest.mark.parametrize(
    "line",
    [
        "東京の古い橋が三月から六週間閉鎖される。",  # Japanese, no capitals in its script
        "Старый мост закроют на шесть недель",  # Russian, lower case, no full stop
        "المجلس يغلق الجسر القديم",  # Arabic
    ],
)
def test_a_short_body_in_a_script_without_latin_capitals_is_kept(line, inside):
    assert clean_body(line, "", inside=inside) == (line, [])


def test_a_line_in_capitals_closing_a_body_is_still_furniture():
    cleaned, removed = clean_body(body(FIRST, SECOND, "WHAT YOU NEED TO KNOW"), "Bridge")
    assert (cleaned, removed) == (body(FIRST, SECOND), ["WHAT YOU NEED TO KNOW"])


def test_a_print_edition_note_closing_a_body_is_removed():
    note = (
        "Order Reprints | Today's Paper | Subscribe A version of this article appears in "
        "print on , on Page A 4 of the edition with the headline: Bridge to Close."
    )
    cleaned, removed = clean_body(body(FIRST, SECOND, note), "Bridge")
    assert (cleaned, removed) == (body(FIRST, SECOND), [note])


def test_the_page_models_date_feature_still_reads_a_bare_count_as_a_stamp():
    # parse_date now refuses 45 (no Unix time a news date has); the shipped model learnt
    # the feature when it read 45 as a moment of 1970, so the feature keeps that value.
    lines, x = line_features("45\n\nThe council voted on Monday to close the bridge.")
    assert lines[0] == "45"
    assert x[0, FEATURES.index("is_date")] == 1.0
    assert x[1, FEATURES.index("is_date")] == 0.0


def test_a_crawled_search_page_is_read_with_an_empty_body_and_a_warning(tmp_path):
    record = {
        "title": "Daily Radio Search : Daily Radio",
        "maintext": "\n".join(SNIPPETS),
        "url": "https://www.dailyradio.example/search?q=bridge",
        "source_domain": "www.dailyradio.example",
        "date_publish": "2024-05-01 10:00:00",
        "language": "en",
    }
    path = tmp_path / "page.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    articles, _ = read_file(path, IngestConfig())
    row = articles.row(0, named=True)
    extra = json.loads(row["extra"])
    assert row["body"] == ""
    assert extra["furniture_removed"] == SNIPPETS
    assert "the body was only page furniture" in extra["_warnings"][-1]
