"""FRAMING.entities on the three defects the news-please crawl showed (issue 16): names
glued to a shouted kicker or a graphic's label, a holiday's "Eve" and a team's city taken
for people, and a surname left beside two full names of one person. Texts written here."""

from __future__ import annotations

import polars as pl
import pytest

from clustering.extract.framing import extract_framing, name_entities
from clustering.schema import ARTICLES


def _entities(body: str) -> list[tuple[str, str, int]]:
    """(name, label, count) of FRAMING.entities for one article with this body."""
    articles = pl.DataFrame(
        [{c: None for c in ARTICLES} | {"article_id": "a", "body": body}], schema=ARTICLES
    )
    row = extract_framing(articles)["entities"][0]
    return [(e["name"], e["label"], e["count"]) for e in row]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a tabloid's kicker in capitals run on into the next headline
        (
            "Celtic news and kick-off times CONOR BOAST Conor McGregor brags to a judge "
            "about his fee.",
            [("Conor McGregor", "PERSON", 1)],
        ),
        # a map graphic's labels: no name at all
        ("A map of the venue: 200 FEET LAS VEGAS BOULEVARD CROWD STAGE Site of the show.", []),
        # a kicker's last word repeating the name it runs into
        (
            "Read more NO SHOW KATIE Katie Price pulls out of a talk show.",
            [("Katie Price", "PERSON", 1)],
        ),
        # a tabloid's first word in capitals
        (
            "MICHAEL Sheen and Sarah Silverman joked on stage.",
            [("Michael Sheen", "PERSON", 1), ("Sarah Silverman", "PERSON", 1)],
        ),
        # a heading run on into its text: the name written twice is two mentions
        (
            "Justin Timberlake Justin Timberlake sang at halftime.",
            [("Justin Timberlake", "PERSON", 2)],
        ),
    ],
)
def test_shouted_words_glued_to_a_name_are_cut_off(body, expected):
    assert _entities(body) == expected


def test_initialisms_titles_and_datelines_in_capitals_stay():
    assert _entities(
        "He told CBS News that the NBA G League team of Carl Edwards JR will play. "
        "AARP CEO Jo Ann Jenkins agreed. Queen Elizabeth II PA stayed."
    ) == [
        ("CBS News", "ORG", 1),
        ("NBA G League", "ORG", 1),
        ("Carl Edwards JR", "PERSON", 1),
        ("AARP", "ORG", 1),
        ("Jo Ann Jenkins", "PERSON", 1),
        ("Elizabeth II PA", "PERSON", 1),
    ]
    # two words in capitals that are a place stay, as a place (a dateline)
    assert name_entities("He met NEW YORK Mayor Eric Adams.") == [
        ("NEW YORK", "GPE"),
        ("Eric Adams", "PERSON"),
    ]


def test_a_holiday_eve_is_no_person_but_a_woman_named_eve_is():
    assert _entities(
        "Crowds gathered in Paris on New Year's Eve. On Christmas Eve the square was calm."
    ) == [("Paris", "GPE", 1)]
    assert _entities(
        "Weinstein and his first wife, Eve, moved to New York. Harvey Weinstein denied it."
    ) == [("Harvey Weinstein", "PERSON", 2), ("Eve", "PERSON", 1), ("New York", "GPE", 1)]


def test_a_city_opening_a_teams_name_stays_a_place():
    # "the Cleveland Indians" is a team (no person is "the <first name> <surname>"): no
    # person, and "Cleveland" beside it is the city although "Cleveland Cavaliers",
    # written without "the", is still typed a person by its first word (a limit).
    assert _entities(
        "The Cubs beat the Cleveland Indians in the final game. Cleveland had led the "
        "series. Cleveland Cavaliers star LeBron James watched."
    ) == [("Cleveland", "GPE", 1), ("Cleveland Cavaliers", "PERSON", 1)]
    # a city the text writes as a place ("to Cleveland") is no person's first name ...
    assert _entities(
        "Houston Nutt coached the team. The fans flew back to Houston. Houston wept."
    ) == [("Houston", "GPE", 2), ("Houston Nutt", "PERSON", 1)]
    # ... and a surname stays the person's ("Jackson" of "Jesse Jackson")
    assert _entities("Jesse Jackson spoke. Jackson said no.") == [("Jesse Jackson", "PERSON", 2)]
    # a first name that is also a city, never written as a place, is the person
    assert _entities("Speaker Nancy Pelosi met the president. He said Nancy was wrong.") == [
        ("Nancy Pelosi", "PERSON", 1),
        ("Nancy", "PERSON", 1),
    ]


def test_continents_are_places():
    assert _entities("The adviser's post in Asia is new. Asia Argento did not come.") == [
        ("Asia", "GPE", 1),
        ("Asia Argento", "PERSON", 1),
    ]


def test_a_surname_beside_two_full_names_of_one_person_is_folded():
    # with and without a middle initial: one person, counted under the first written
    assert _entities(
        "Donald J. Trump spoke on Monday. Trump said the plan would pass. Donald Trump later left."
    ) == [("Donald J. Trump", "PERSON", 3)]
    assert _entities("Paul Ryan met Paul D. Ryan's staff. Ryan said yes.") == [
        ("Paul Ryan", "PERSON", 3)
    ]


@pytest.mark.parametrize(
    "body",
    [
        # two people: a father and his son with different middle names
        "John Agyekum Kufuor and his son John Addo Kufuor arrived. Kufuor spoke.",
        # "George Bush" could be either of the two Bushes the text names
        "George Bush and George W. Bush and George H.W. Bush were named. Bush spoke.",
        # two people of one family
        "Joe Biden and Hunter Biden arrived. Biden spoke.",
    ],
)
def test_a_surname_of_two_people_stays_as_written(body):
    entities = _entities(body)
    surname = body.split(". ")[1].split()[0]
    assert (surname, "PERSON", 1) in entities
    assert all(count == 1 for _, _, count in entities)


def test_a_nationality_opens_no_persons_name():
    # "German" is in the first-name list (Germán); in English copy it is the adjective
    assert _entities(
        "The German Red Cross said the German Red Cross tents were full. Christian Horner agreed."
    ) == [("Christian Horner", "PERSON", 1)]
