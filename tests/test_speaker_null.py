"""Quotes with no speaker (issue 16, ninth pass): attributions that name no one, and names
whose family name comes first ("Park Soo-hyun" ... "Park said")."""

from __future__ import annotations

import polars as pl
import pytest

from clustering.extract.quotes import extract_quotes, quote_contexts
from clustering.extract.speakers import FEATURES, _unnamed_attribution, candidate_features


def frame(*bodies: str) -> pl.DataFrame:
    return pl.DataFrame({"article_id": [f"a{i}" for i in range(len(bodies))], "body": bodies})


def unnamed(body: str) -> list[bool]:
    """Per quote of `body`: whether its attribution has an indefinite subject."""
    ((_, context),) = quote_contexts(frame(body))
    return [_unnamed_attribution(body, site, context.sentences) for site in context.sites]


@pytest.mark.parametrize(
    "body",
    [
        "“It was a 9-month-old baby,” another neighbor said.",
        "“We were glad to see them,” they said.",
        "“The memos show it,” the chairmen said.",
        "“Sweet girl, may you rest,” wrote one person.",
        "When she arrived, some in the crowd chanted, “Lock her up.”",
        "In the video, an unseen announcer concludes: “The time is now.”",
        "“It is a dark day,” a family friend posted on Facebook.",
    ],
)
def test_an_attribution_naming_no_one_is_read_as_such(body: str) -> None:
    assert unnamed(body) == [True]


@pytest.mark.parametrize(
    "body",
    [
        "“The talks failed,” Kuleba said.",
        "Dmytro Kuleba, a former minister, said: “The talks failed.”",
        # The rules give a spokesman's words to the organisation spoken for.
        "Acme denied it. “We did nothing wrong,” a company spokesman said.",
        # A pronoun or a conjunction ends the phrase: not an indefinite subject.
        "He blamed a national decline that he called “American carnage.”",
        "Carr uttered an expletive and said “Get out of here.”",
        "“The talks failed,” he said.",
    ],
)
def test_a_named_or_pronoun_attribution_is_not_unnamed(body: str) -> None:
    assert unnamed(body) == [False]


def test_the_feature_is_the_same_for_every_candidate_of_the_quote() -> None:
    body = (
        "Tiffany Sanders lives next door. “I’m just praying that the child is OK,” "
        "neighbor Tiffany Sanders said.\n"
        "“It was a 9-month-old baby, and it’s sad,” another neighbor said."
    )
    ((_, context),) = quote_contexts(frame(body))
    column = FEATURES.index("indefinite_attribution")
    first, second = candidate_features(context)
    assert [v[column] for _, v in first] == [0.0] * len(first)
    assert second and [v[column] for _, v in second] == [1.0] * len(second)


def test_another_neighbour_is_not_the_neighbour_named_before() -> None:
    body = (
        "“I’m just praying that the child is OK,” neighbor Tiffany Sanders said.\n"
        "“It was a 9-month-old baby, and it’s sad,” another neighbor said."
    )
    rows = extract_quotes(frame(body)).to_dicts()
    assert [r["speaker"] for r in rows] == ["Tiffany Sanders", None]


def test_a_family_name_first_is_the_person_named_in_full() -> None:
    body = (
        "Park Soo-hyun, the spokesman for South Korean President Moon Jae-in, said the "
        "office welcomed the comments.\n"
        "The presidential spokesman agreed.\n"
        "“We hope the South and the North will work together,” Park said."
    )
    rows = extract_quotes(frame(body)).to_dicts()
    # "park" is an organisation word ("Central Park"); before this pass both "Park
    # Soo-hyun" and the bare "Park" were read as organisations and the quote went to "Park".
    assert [r["speaker"] for r in rows] == ["Park Soo-hyun"]
