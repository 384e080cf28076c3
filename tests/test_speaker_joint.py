"""Words several people gave together are no one's (issue 16, fourteenth pass): a joint
statement of two lawyers, a statement from three chairmen, "the joint statement said" after
the two who released it are named. `joint_sources` marks them and `rank_speakers` gives
them to no one; a coordination that is no source (objects, an appositive) is not marked."""

from __future__ import annotations

import polars as pl
import pytest

from clustering.extract.quotes import extract_quotes, quote_contexts
from clustering.extract.speakers import joint_sources


def frame(*bodies: str) -> pl.DataFrame:
    return pl.DataFrame({"article_id": [f"a{i}" for i in range(len(bodies))], "body": bodies})


def joint(body: str) -> list[bool]:
    """Per quote of `body`: whether several people gave its words together."""
    ((_, context),) = quote_contexts(frame(body))
    return joint_sources(context)


LAWYERS = (
    "The mayor's office did not comment on Friday.\n"
    "“We are pleased that the review has ended,” said the mayor's lawyers Anna Berg and "
    "Tomas Lind in a joint statement."
)
CHAIRMEN = (
    "The committees asked for the files last month.\n"
    "“These files matter for what they leave out,” said a statement from Finance Chairman "
    "Paul Ostrow, R-Ohio, Budget Chairman Maria Kell, R-Utah, and Trade Chairman Dan Roe."
)
RELEASED = (
    "Speaker Nora Hale (D-Ore.) and Senate Leader Victor Brandt (D-Vt.) released a joint "
    "statement in agreement. They wanted the report out quickly.\n"
    "“The minister must not give anyone an early look,” the joint statement said."
)


@pytest.mark.parametrize("body", [LAWYERS, CHAIRMEN, RELEASED])
def test_several_people_as_one_source(body: str) -> None:
    assert joint(body) == [True]


@pytest.mark.parametrize(
    "body",
    [
        # One speaker, then an appositive naming another person's relative.
        "The house was quiet.\n“She loved that garden,” said Kim Ortega, Luis Mena's neighbor.",
        "The house was quiet.\n“She loved that garden,” said Kim Ortega, Luis Mena’s neighbor.",
        # Two people named as objects of the reporter's sentence, not as a source.
        "Senator Ruth Ames urged Paul Ostrow and Maria Kell to act. “Do it now,” Ames said.",
        "“It is over,” Ruth Ames said of Paul Ostrow and Maria Kell.",
        # Two people further on in the sentence, after the attribution.
        "Senator Ruth Ames said the report should come out “without delay,” and Speaker Nora "
        "Hale and Senate Leader Victor Brandt released a statement.",
        # One speaker.
        "The vote was close.\n“We will try again,” said Senator Ruth Ames.",
    ],
)
def test_no_joint_source(body: str) -> None:
    assert joint(body) == [False]


@pytest.mark.parametrize("body", [LAWYERS, CHAIRMEN, RELEASED])
def test_the_shipped_ranker_gives_a_joint_statement_to_no_one(body: str) -> None:
    rows = extract_quotes(frame(body)).to_dicts()
    assert [r["speaker"] for r in rows] == [None]


def test_the_rules_alone_keep_naming_one_of_them() -> None:
    # The rules' speaker is unchanged (one name, not "Joe Biden and Kamala Harris" joined):
    # only the shipped path (`rank_speakers`) gives the joint words to no one.
    body = "Joe Biden and Kamala Harris said: “We will appeal.”"
    assert [r["speaker"] for r in extract_quotes(frame(body), speaker_ranker=None).to_dicts()] == [
        "Kamala Harris"
    ]
    assert [r["speaker"] for r in extract_quotes(frame(body)).to_dicts()] == [None]
