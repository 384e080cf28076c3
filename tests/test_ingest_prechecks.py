"""Ingest's shortcuts give the same answers as the work they skip (issue 14): the widget
pre-checks of `is_widget_furniture` (literals before patterns) against the check without
them, the case fold they read, and the one suffix-list extractor a process builds, asked
about hosts of different registered domains in turn. All texts here are written for the
tests."""

from __future__ import annotations

import re

import pytest

from clustering.ingest.furniture import (
    _CAPTION_CREDIT,
    _CREDIT,
    _FORM_LITERALS,
    _FORM_MARKS,
    _NOTICE_CASED,
    _PLAYER_LITERALS,
    _PLAYER_MARKS,
    _is_notice,
    _may_hold_caption_credit,
    is_widget_furniture,
)
from clustering.ingest.outlets import _extractor, registered_domain


def _reference(paragraph: str) -> bool:
    """`is_widget_furniture` as it was before its pre-checks (commit 00404f8)."""
    player = {m.group().casefold() for m in _PLAYER_MARKS.finditer(paragraph)}
    if len({re.sub(r"\d+", "0", m) for m in player}) >= 2:
        return True
    if len(paragraph.split()) > 150:  # no CJK text below: _n_words is the word count
        return False
    form = {m.group().casefold() for m in _FORM_MARKS.finditer(paragraph)}
    return len(form) >= 3 or len(_CREDIT.findall(paragraph)) >= 2


PARAGRAPHS = [
    "The council voted on Monday to close the old river bridge for six weeks of repairs.",
    "SKIP AD FULL SCREEN",  # capitals: the marks are case-insensitive
    "Skip in Skip x Embed x Share CLOSE Next Video",
    "Photo 3 OF 41 Play Slideshow",  # a counter in capitals and one more mark
    "3 of 41 and 7 of 12",  # counters alone are one mark: kept
    "Watch the autoplay video: autoplay is on.",  # one mark, twice: kept
    "ſkip ad and full ſcreen",  # long s: re.I reads it as s
    "SKİP AD AUTOPLAY",  # dotted capital I
    "Thank You For Subscribing. Invalid E-mail. Please Re-enter.",
    "Sign up for our newsletter to get newsletters in your inbox.",
    "Sign up for our newsletter.",  # two marks: kept
    "Jane Doe/Reuters A crowd gathers. John Roe/AP Police stand by.",
    "Jane Doe/Reuters A crowd gathers at the gate.",  # one credit: kept
    "Prices rose 3/4 of a point and/or fell.",
    " ".join(["word"] * 160) + " skip ad autoplay",  # long, but a player: removed
    " ".join(["word"] * 160) + " sign up subscribe your inbox",  # long form-like text: kept
]


@pytest.mark.parametrize("paragraph", PARAGRAPHS)
def test_widget_pre_checks_answer_as_the_patterns_do(paragraph: str) -> None:
    assert is_widget_furniture(paragraph) == _reference(paragraph)


def test_widget_pre_checks_still_find_widgets() -> None:
    found = [is_widget_furniture(p) for p in PARAGRAPHS]
    assert found == [
        False, True, True, True, False, False, True, True,
        True, True, False, True, False, False, True, False,
    ]  # fmt: skip


def test_each_literal_is_a_mark_of_its_pattern() -> None:
    for literal in _PLAYER_LITERALS:
        assert _PLAYER_MARKS.fullmatch(literal), literal
    for literal in _FORM_LITERALS:
        assert _FORM_MARKS.fullmatch(literal), literal
    # Every spelling a pattern allows is listed (the counter aside, checked by _COUNTER).
    assert len(_PLAYER_LITERALS) == 14
    assert len(_FORM_LITERALS) == 17


def test_one_extractor_answers_for_different_registered_domains() -> None:
    assert _extractor() is _extractor()  # built once per process
    # Hosts of different registered domains in turn, each uncached, from one extractor.
    hosts = {
        "news.gullpoint-herald.co.uk": "gullpoint-herald.co.uk",
        "world.harbor-daily.com.au": "harbor-daily.com.au",
        "www.gullpoint-herald.com": "gullpoint-herald.com",
        "a.b.city-times.org": "city-times.org",
    }
    registered_domain.cache_clear()
    for _ in range(2):
        assert {h: registered_domain(h) for h in hosts} == hosts
        assert {h: registered_domain(f"https://{h}/x") for h in hosts} == hosts


CAPTIONS = [
    "Crowds at the gate on Monday. GETTY IMAGES",
    "Crowds at the gate. Jane Doe/AFP/Getty",
    "Crowds at the gate (Photo: Harbor Police)",
    "Crowds at the gate. Photograph: Jane Doe/Harbor Daily",
    "Crowds at the gate. ſhutterstock",  # long s: re.I reads it as s
    "Crowds at the gate. Jane Doe/AP Photo",
    "Crowds at the gate. Rex Features",
    "The council voted on Monday.",
]


@pytest.mark.parametrize("paragraph", CAPTIONS)
def test_caption_credit_pre_check_passes_every_credit(paragraph: str) -> None:
    found = bool(_CAPTION_CREDIT.search(paragraph))
    assert found == (paragraph != CAPTIONS[-1])
    assert _may_hold_caption_credit(paragraph) or not found


NOTICES = [
    "Senators leave the chamber on Tuesday.CreditJane Doe/Harbor Daily",
    "Jaden Rahm, 16 (via 7NEWS)",
    "The crowd at the gate (Photo/WLWT)",
]


@pytest.mark.parametrize("paragraph", NOTICES)
def test_cased_notices_hold_the_pre_checked_literals(paragraph: str) -> None:
    assert _NOTICE_CASED.match(paragraph)
    assert _is_notice(paragraph)
