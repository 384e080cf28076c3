"""Speaker rules of issue 16's round 20 (H6): someone who speaks for a person without being
named is no one, never that person. Found on the news-please crawl's story pages (a
spokesperson's statement given to Harvey Weinstein) and in dev's speaker errors ('A Pelosi
aide said ... “an outstanding job.”' given to Pelosi). Hand-written sentences, with the
rules alone (`speaker_ranker=None`) and with the shipped ranker."""

from __future__ import annotations

import pytest
from speaker_helpers import speakers


@pytest.mark.parametrize("role", ["the spokesperson", "the spokeswoman", "the spokesman"])
@pytest.mark.parametrize("ranker", [None, "default"])
def test_an_unnamed_spokesperson_after_the_quote_is_no_one(role: str, ranker: str | None) -> None:
    # The crawl: '“Mr. Weinstein acknowledges making an awkward pass ...,” the spokesperson
    # said.' went to Harvey Weinstein, the subject of the sentence before.
    body = (
        "Film producer Gordon Blake has denied the accusations.\n\n"
        f"“Mr. Blake regrets the misunderstanding and wishes her well,” {role} said."
    )
    assert speakers(body, ranker) == [None]


@pytest.mark.parametrize("ranker", [None, "default"])
def test_a_persons_aide_before_the_quote_is_no_one(ranker: str | None) -> None:
    # Dev: 'A Pelosi aide said Schiff was being attacked because he's done “an outstanding
    # job.”' went to Nancy Pelosi with the ranker.
    body = (
        "Senate leader Martha Quill said the calls to resign were “absurd.”\n\n"
        "A Quill aide said Dawson was being attacked because he has done “a remarkable job.”"
    )
    assert speakers(body, ranker) == ["Martha Quill", None]


@pytest.mark.parametrize(
    "subject", ["Blake's representative", "a spokesperson", "a Blake spokeswoman"]
)
def test_a_spokesperson_reporting_the_principal_is_no_one(subject: str) -> None:
    # The crawl: 'a spokesperson said Weinstein was “saddened and puzzled”' went to
    # Weinstein with the ranker, the subject of the reported clause.
    body = (
        "Gordon Blake denied it. When reached for comment, "
        f"{subject} said Blake was “saddened and puzzled” by the claim."
    )
    assert speakers(body, "default") == [None]


@pytest.mark.parametrize("ranker", [None, "default"])
def test_a_spokesman_named_in_the_role_keeps_the_words(ranker: str | None) -> None:
    # Guard (dev): "Park Soo-hyun, the spokesman for South Korean President Moon Jae-in,
    # said ... “...,” the spokesman said" is Park's.
    body = (
        "Lee Dong-ho, the spokesman for President Kang Min-jun, said the office welcomed "
        "the talks.\n\n"
        "“The office has been expressing its intent to talk anytime, anywhere,” the "
        "spokesman said."
    )
    assert speakers(body, ranker) == ["Lee Dong-ho"]


@pytest.mark.parametrize("ranker", [None, "default"])
def test_a_named_spokesperson_still_speaks(ranker: str | None) -> None:
    # Guard: a spokesperson the article names is who speaks.
    body = (
        "Film producer Gordon Blake has denied the accusations.\n\n"
        "“He regrets the misunderstanding,” said his spokeswoman, Holly Barnes."
    )
    assert speakers(body, ranker) == ["Holly Barnes"]
