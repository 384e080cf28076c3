"""Speakers that are page furniture or a headline line (issue 16, read on gvc, BASIL and the
news-please crawl): a gallery's "Previous Next", a platform named only as where a post was
written, and the Title Case words of a headline inside the body are never a speaker, and
never the person a role ("the governor") stands for. Hand-written text."""

from __future__ import annotations

import polars as pl

from clustering.extract.quotes import extract_quotes


def speakers(body: str, title: str = "") -> list[str | None]:
    quotes = extract_quotes(pl.DataFrame({"article_id": ["a"], "body": [body], "title": [title]}))
    return quotes["speaker"].to_list()


def test_gallery_navigation_is_no_speaker():
    # (Before: both quotes went to "Previous Next".)
    body = (
        "Officers taped off Birch Lane shortly after 11 p.m. Ray Dunn/Daily Courier "
        "Neighbours say the boy found the gun in a closet. Lee Marks/LM Video The boy was "
        "rushed to a hospital and is expected to recover, police said. Previous Next\n\n"
        "Enlarge\n\n"
        "“(The boy) was sitting up, he was very calm, he was holding my hand,” said the "
        "neighbour, a family friend who declined to give her name.\n\n"
        "“He is a bright little boy,” she added."
    )
    assert speakers(body) == [None, None]


def test_a_platform_named_only_as_where_a_post_was_written_is_no_speaker():
    # (Before: "beloved members" went to "Facebook".)
    body = (
        "Ten passengers died when the small plane came down near the coast, officials "
        "said.\n\n"
        "The family's congregation in Rye posted a tribute on Sunday. \"Ben, Ida and their "
        'children have worshipped with us since 2003," the statement said.\n\n'
        "The Facebook post does not list the ages of the family. It says the family was "
        'busy in the community and "beloved members" of the Oak Hill club.'
    )
    assert speakers(body) == [None, None]


def test_a_platform_that_speaks_is_still_a_speaker():
    body = 'Facebook said the app "is a valued part of many people\'s lives".'
    assert speakers(body) == ["Facebook"]


def test_a_headline_line_in_the_body_names_no_one_for_a_role():
    # (Before: "the governor" stood for "Appoints Ex-Aide", the title-led run of the
    # headline line under the page's navigation.)
    body = (
        "Site Mobile Navigation\n\n"
        "Governor Appoints Ex-Aide to Fill Open Seat\n\n"
        "HARTFORD — Gov. Dana Whitfield on Wednesday appointed Leo Marsh, a Hartford "
        "lawyer and her former chief of staff, to the vacant seat.\n\n"
        "Mr. Marsh said he would lean on the office's staff. “Nothing will change for "
        "the people we serve,” he said.\n\n"
        "Ms. Whitfield, who has long advised Mr. Marsh, was asked whether he reminded "
        "her of herself.\n\n"
        "“I am nowhere near that smooth,” the governor replied."
    )
    assert speakers(body, "Leo Marsh Named Interim Senator") == ["Leo Marsh", "Dana Whitfield"]
