"""Page furniture kept in a crawled body is not a fact (issue 16): captions, credits,
teasers of other stories, labels, browser notices and a writer's self-promotion stay out
of "what only one outlet reports"; a writer's sentences, stop or no stop, stay in.

Every text here is written for the test (no article text is copied)."""

from __future__ import annotations

import pytest

from clustering.compare.facts import (
    PAGE_PARAGRAPHS,
    is_fact_sentence,
    split_fact_sentences,
)

PROSE = [
    "The council voted on Tuesday to close the old bridge to heavy traffic.",
    "Engineers found cracks in two of its supports during an inspection last month.",
    "The mayor said repairs would take at least a year and cost about $4 million.",
    "Residents of the east side will have to drive an extra ten minutes to reach the centre.",
    "A temporary ferry service is planned for the summer, the transport office said.",
    "Local shops fear they will lose customers while the bridge is shut.",
    "The bridge was built in 1931 and last repaired in 1987.",
]


def _facts(paragraphs: list[str]) -> list[str]:
    sentences, facts = split_fact_sentences("\n\n".join(paragraphs))
    return [sentences[i].text for i in facts]


@pytest.mark.parametrize(
    "sentence",
    [
        "Your browser does not support iframes.",
        "Please enable JavaScript in your browser to see this map.",
        "(Jane Doe/Agency)",
        "(City police via AP) (Associated Press)",
        "(Courtesy of the Smith family)",
        "AGENCY/Jane Doe",
        "Credit Jane Doe/Agency",
        "Author: Jane Doe / jd",
        "[Another headline about the bridge and its long history]",
        "Advertisement - Continue Reading Below",
        "Read her other columns and follow her work at the paper and on Twitter @janedoe.",
        "Like The Paper World on Facebook and stay updated on foreign news.",
        "Got a story? Email tips@example.com or call us on 0100 000 000.",
        "Contact us at news@example.com.",
        "This March 3, 2017 photo released by the city shows the bridge from the river.",
        "See photos of the bridge before it was closed, which opened in 1931.",
        "Pictured is the old bridge seen from the east bank of the river.",
        "Related stories KICKER Ten bridges in need of repair Council fined over delays.",
        "MOST READ IN NEWS Ten bridges in need of repair across the region.",
    ],
)
def test_furniture_sentences_are_not_facts(sentence: str) -> None:
    assert not is_fact_sentence(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The car reached 100 km/h in the test, the company said.",
        "Credit card numbers of 200,000 customers were taken in the breach.",
        "“She has committed no crime except to follow me on the site,” he said.",
        "Police asked anyone who saw the crash to call them on the usual number.",
        "The 24/7 shop next to the bridge will stay open.",
        "This photo is not what it seems, the museum's curator said.",
        "(He later denied having seen the report.)",
        "Related stories show the council had been warned about the bridge in 2015.",
        "Most read newspapers in the region backed the mayor's decision on Tuesday.",
    ],
)
def test_sentences_that_look_like_furniture_stay_facts(sentence: str) -> None:
    assert is_fact_sentence(sentence)


def test_unfinished_lines_of_a_page_are_not_facts() -> None:
    # A caption, a credit and a teaser of another story stand as paragraphs of their own
    # between the prose paragraphs, and none ends with a stop.
    caption = "Residents watch as workers close the old bridge on Tuesday morning"
    credit = "Jane Doe for The Paper"
    teaser = "Ten bridges in the region that need repairs soon"
    page = [*PROSE[:3], caption, credit, *PROSE[3:], teaser]
    facts = _facts(page)
    assert facts == PROSE  # every prose sentence, nothing else


def test_a_writers_lines_without_a_stop_stay() -> None:
    # In a page, a paragraph of several sentences whose last lost its stop, a quotation in
    # double quotation marks and an embedded social post stay; so does the first paragraph.
    headline = "Council closes the old bridge to heavy traffic"
    lost_stop = "Repairs start in May. Crews will replace the steel frame at night"
    quoted = "“We had no choice,” the mayor told reporters"
    post = "The bridge is closed from today — City Council (@citycouncil) March 3, 2017"
    page = [headline, *PROSE[:3], lost_stop, quoted, post, *PROSE[3:]]
    facts = _facts(page)
    assert headline in facts
    assert "Crews will replace the steel frame at night" in facts
    assert quoted in facts
    assert post in facts


def test_a_short_text_or_one_written_in_lines_keeps_them() -> None:
    # Fewer than PAGE_PARAGRAPHS paragraphs: a summary, not a page.
    summary = [PROSE[0], "Repairs to the steel frame will take at least a year", PROSE[1]]
    assert len(summary) < PAGE_PARAGRAPHS
    assert "Repairs to the steel frame will take at least a year" in _facts(summary)
    # A text written in lines without stops (a bulleted summary of several points).
    points = [p.rstrip(".") for p in PROSE]
    assert _facts(points) == points


def test_a_sentence_closed_by_its_pictures_credit_stays() -> None:
    line = "The bridge was closed to traffic on Tuesday. | City photo"
    page = [*PROSE[:3], line, *PROSE[3:]]
    assert line in _facts(page)
