"""Speaker rules of issue 16's fifteenth pass, found on a batch annotated blind to the output
(dev_quotes7) and checked over all dev and on unlabelled articles: hand-written sentences,
with the rules alone (`speaker_ranker=None`) and with the shipped ranker."""

from __future__ import annotations

import pytest
from speaker_helpers import speakers


@pytest.mark.parametrize(
    ("title", "role"),
    [("Gov.", "the governor"), ("Sen.", "the senator"), ("Det.", "the detective")],
)
@pytest.mark.parametrize("ranker", [None, "default"])
def test_an_abbreviated_title_holds_its_role(title: str, role: str, ranker: str | None) -> None:
    # "Gov. Mike Pence ... the governor said": the role was read as "gov", so "the
    # governor" had no holder and went to a first name read in "Christian vendors".
    body = (
        f"{title} Mike Pence said over the weekend that he would seek new legislation.\n\n"
        "Proponents say the law should allow Christian vendors to refuse service.\n\n"
        f"“I support religious liberty, and I support this law,” {role} said."
    )
    assert speakers(body, ranker) == ["Mike Pence"]


@pytest.mark.parametrize("group", ["Democrats", "House Democrats", "Senate Republicans"])
def test_a_partys_members_are_no_one(group: str) -> None:
    # A letter signed by three dozen House Democrats went to "Democrats".
    body = (
        f"Close to three dozen {group} have signed a letter calling the tax deal "
        "“fiscally irresponsible.” The letter says the president “should not back down.”"
    )
    assert speakers(body, "default") == [None, None]


def test_a_named_group_of_a_partys_members_still_speaks() -> None:
    body = (
        "The Log Cabin Republicans, a gay and lesbian group, said the ruling was "
        "“a victory for freedom.”"
    )
    assert speakers(body, "default") == ["Log Cabin Republicans"]


@pytest.mark.parametrize("ranker", [None, "default"])
def test_an_organisation_named_with_for_is_one_name(ranker: str | None) -> None:
    # "Democracy for America" was cut at "for": "Democracy" spoke.
    body = (
        "“Today’s cave was a display of political cowardice,” said Democracy for America. "
        "Democracy for America is one of several groups bashing the deal.\n\n"
        "“Most Senate Democrats voted to allow it,” the group added."
    )
    assert speakers(body, ranker)[0] == "Democracy for America"


def test_a_for_phrase_written_once_is_not_joined() -> None:
    # "Vote for Bernie" is no organisation: Bernie Sanders speaks.
    body = (
        "Bernie Sanders held a rally under a banner reading Vote for Bernie.\n\n"
        "“We are going to win,” said Sanders."
    )
    assert speakers(body) == ["Bernie Sanders"]


@pytest.mark.parametrize("ranker", [None, "default"])
def test_a_person_inside_an_organisations_appositive_is_not_its_voice(
    ranker: str | None,
) -> None:
    # "Democracy for America, the political action committee founded by ... Howard Dean,
    # also said:" gave the committee's statement to Dean.
    body = (
        "Democracy for America criticised the deal on Monday.\n\n"
        "Democracy for America, the political action committee founded by former "
        "presidential candidate Howard Dean, also said: “Look no further than this cave.”"
    )
    assert speakers(body, ranker) == ["Democracy for America"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The letter says the president “should not back down. Nor should we.”",
        "“We should not back down,” the letter stated.",
        "The letter goes on: “We should not back down.”",
        "According to the letter, however, “we should not back down.”",
        "“You paid into Medicare for years,” the advertisement says.",
    ],
)
@pytest.mark.parametrize("ranker", [None, "default"])
def test_a_letter_or_an_ad_speaking_is_no_ones(sentence: str, ranker: str | None) -> None:
    # A letter signed by dozens of lawmakers went to a person named beside it.
    body = (
        "Representative Peter Welch and three dozen colleagues sent a letter to Senator "
        f"John Smith on Monday.\n\n{sentence}"
    )
    assert speakers(body, ranker) == [None]


def test_a_signer_named_as_the_subject_still_speaks() -> None:
    body = "Rick Perry released an ad. “I’m not ashamed,” Mr. Perry says in the ad."
    assert speakers(body, "default") == ["Rick Perry"]


@pytest.mark.parametrize("place", ["N.Y.", "D.C.", "Calif."])
def test_an_abbreviated_place_is_no_one(place: str) -> None:
    # "tweeted the Brooklyn, N.Y., chapter of Indivisible Nation": "N.Y" had tweeted.
    body = (
        f"“Let the Senate know we stand with them,” tweeted the Brooklyn, {place}, chapter "
        "of the group."
    )
    assert speakers(body, "default") == [None]


@pytest.mark.parametrize("ranker", [None, "default"])
def test_a_city_named_like_a_person_before_a_noun_is_the_place(ranker: str | None) -> None:
    # "a packed Orlando nightclub": Orlando, a first name too, had been the person "the
    # presumptive Republican presidential nominee" stood for.
    body = (
        "The massacre at a packed Orlando nightclub reverberated across the campaign, and "
        "Donald Trump ripped President Obama.\n\n"
        "The presumptive Republican presidential nominee went so far as to say Obama should "
        "“step down” for not using the term."
    )
    assert speakers(body, ranker) == ["Donald Trump"]


def test_a_lone_first_name_that_is_a_city_still_speaks() -> None:
    body = "Friends of the victim mourned him. “He was active,” Mary said."
    assert speakers(body, "default") == ["Mary"]
