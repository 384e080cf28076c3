"""Speakers that are no one (issue 16, read on the news-please crawl and BASIL): a place,
a venue, a nationality, a holiday, page furniture or a capitalised common word opening a
sentence is never a quote's speaker; organisations and countries that speak still are.
Hand-written sentences."""

from __future__ import annotations

import polars as pl
import pytest

from clustering.extract.quotes import extract_quotes
from clustering.extract.speakers import is_demonym


def speakers(body: str) -> list[str | None]:
    quotes = extract_quotes(pl.DataFrame({"article_id": ["a"], "body": [body]}))
    return quotes["speaker"].to_list()


@pytest.mark.parametrize(
    "body",
    [
        # a nationality adjective
        "The kidnapped students were freed on Thursday after weeks in captivity.\n"
        'Nigerian officials said the release was "significant" and thanked the mediators.',
        # a venue (an announcer's words: a sign's text is no quote since issue 16's H2)
        "Fans stayed until dawn.\nFor the first time in decades, the stadium announcer "
        'above Lakeshore Field read: "League Champions"\nThe team will parade on Friday.',
        # a holiday cut at its possessive
        'New Year\'s Eve festivities in the capital will include a "safety area" for women.',
        # capitalised common words opening a sentence, named nowhere else
        'Moreover, the plan "was designed to fail from the start."',
        "Debate was mostly closed to the public.\n"
        'The final text "calls on all members to reject hatred," a spokesman said.',
    ],
)
def test_no_one_speaks(body):
    assert speakers(body) == [None]


def test_page_furniture_is_no_speaker():
    body = (
        "You must select a newsletter to subscribe to. Sign Up You agree to receive "
        "occasional updates.\nThe leader repeated his threat on Monday.\n"
        '"The whole country is within range of our missiles," he added.'
    )
    assert speakers(body) != ["Sign Up You"]
    assert speakers(body) == [None]


def test_holiday_gives_way_to_no_one_not_to_eve():
    body = (
        "The family had been celebrating New Year's Eve when a plane flew low overhead.\n"
        '"We all noticed it was too low," he said on Monday.'
    )
    assert speakers(body) == [None]


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        # an organisation named once, not bare, opening a sentence
        (
            "Police closed the line.\n"
            'A Met spokesman said: "Officers were called to an overturned tram at 6.10."',
            "Met",
        ),
        # a country speaks
        (
            "The launch drew condemnation.\n"
            'China today said tensions on the peninsula had reached a "tipping point".',
            "China",
        ),
        # named once, opening a sentence, but right before its speech verb
        (
            "The ad cost a million dollars.\n\nPolitico reports:\n\n"
            '"A Republican involved with the project said it is airing in three markets."',
            "Politico",
        ),
        # a town named mid-sentence too: its government declares (the real gold's
        # reading), though a capitalised word named once opening a sentence is no one
        (
            "The storm brought 30 inches of snow to Lakeville on Monday.\n"
            "Lakeville has declared a snow emergency, citing "
            '"dangerous and impassable" roads.',
            "Lakeville",
        ),
        # an aside between the name and its verb: "Mediaite, in a response ..., writes"
        (
            "The clip spread quickly.\n\nNewsline, in a response to the post, writes about "
            'the row:\n\n"Now, the senator\'s actions are only partly defensible."',
            "Newsline",
        ),
        # a first name that is the only name the article gives
        (
            "The victim, identified only by her first name, Michelle, said police ignored "
            'her.\n"We ran but we could not do anything," she said.',
            "Michelle",
        ),
    ],
)
def test_speakers_that_are_someone_stay(body, speaker):
    assert speakers(body) == [speaker]


def test_demonyms():
    assert [
        is_demonym(w)
        for w in ("Nigerian", "Germans", "Chinese", "Israeli", "European", "French", "Kenyan")
    ] == [True] * 7
    # countries, first names and names that only start like a country are not
    assert [is_demonym(w) for w in ("Nigeria", "Mali", "Christian", "Jordan", "Ian")] == [False] * 5
