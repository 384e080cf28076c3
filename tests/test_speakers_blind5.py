"""Speaker rules of issue 16's twelfth pass, found on a batch annotated blind to the output
(dev_quotes5): hand-written sentences, the rules' speakers (`speaker_ranker=None`) unless a
test says otherwise."""

from __future__ import annotations

import pytest
from speaker_helpers import speakers


@pytest.mark.parametrize("ranker", [None, "default"])
def test_summarized_is_an_attribution_verb(ranker: str | None) -> None:
    # "”, summarized Senor.": the verb was missing, and the quote went to the man named
    # in the paragraph before.
    body = (
        "Michael Steele said in December that it was a war “we have to win.”\n\n"
        "Dan Senor called the remarks reckless.\n\n"
        "“It’s completely inconsistent with this latest statement,” summarized Senor."
    )
    assert speakers(body, ranker) == ["Michael Steele", "Dan Senor"]


@pytest.mark.parametrize(
    "attribution",
    [
        "said the unidentified neighbor",
        "the unnamed official said",
        "said the anonymous witness",
    ],
)
@pytest.mark.parametrize("ranker", [None, "default"])
def test_an_anonymous_subject_stands_for_no_one(attribution: str, ranker: str | None) -> None:
    # "said the unidentified neighbor" had been read like "the neighbor", a role standing
    # for the last person named, here the victim the quote is about.
    body = (
        "Walter Meisenheimer was described as an all-around good guy.\n"
        f"“Wally is a great guy, he’s always laughing,” {attribution}."
    )
    assert speakers(body, ranker) == [None]


def test_the_neighbor_still_stands_for_a_neighbor_named_before() -> None:
    # (The role reading is kept where no anonymity is said.)
    body = "Neighbor Joel Lopez knew him.\n“He would do anything for anyone,” said the neighbor."
    assert speakers(body) == ["Joel Lopez"]


@pytest.mark.parametrize("ranker", [None, "default"])
def test_a_surname_of_two_words_is_the_full_name_ending_with_it(ranker: str | None) -> None:
    body = (
        "One demand is the removal of Democratic boss Debbie Wasserman Schultz.\n\n"
        "Asked about it, Wasserman Schultz said she is not worried about her job.\n\n"
        "“I'm going to be remaining as the chair,” she said. "
        "“I appreciate the president’s support,” Wasserman Schultz added."
    )
    assert speakers(body, ranker) == ["Debbie Wasserman Schultz"] * 2


def test_a_surname_of_two_words_that_two_people_bear_stays_as_written() -> None:
    # Which of the two "Wasserman Schultz" means is not told by the name: it is not folded.
    body = (
        "Debbie Wasserman Schultz and her husband Steve Wasserman Schultz arrived.\n"
        "“We are ready,” Wasserman Schultz said."
    )
    assert speakers(body) == ["Wasserman Schultz"]


@pytest.mark.parametrize("ranker", [None, "default"])
def test_they_is_not_one_man_or_one_woman(ranker: str | None) -> None:
    # The letter's signers are "they"; the man it was sent to, whose gender the article
    # tells ("warning him"), had been read as who "they" wrote.
    body = (
        "All 42 members of the caucus are sending the letter to Senate Majority Leader Harry "
        "Reid, warning him that they will bring matters to a standstill.\n\n"
        "“We cannot agree to prioritize any matters above the critical issues,” they wrote."
    )
    assert speakers(body, ranker) == [None]


def test_they_still_stands_for_an_organisation_that_spoke() -> None:
    body = (
        "A London Fire Brigade spokesman said crews were called at noon.\n"
        "“Crews worked through the night,” they added."
    )
    assert speakers(body) == ["London Fire Brigade"]
