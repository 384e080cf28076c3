"""Names after a preposition or a verb of giving: who the words are given to, or who said them.

Issue 16, item 3 (organisations named as speakers on the crawled news-please corpus). A
rule that let a two-word name after a preposition be who "he"/"she" means only when its
first word is a known first name or a title marks it (it took a magazine, "an interview
to Guitar World in which he ... he said", out of the candidates) was reverted: it dropped
untitled names the first-name list does not hold ("talked to Olusegun Obasanjo", "a call
with Xi Jinping"), and its one corpus change gave the words to another wrong person.
Fixtures written by hand.
"""

from __future__ import annotations

import polars as pl

from clustering.extract.quotes import extract_quotes


def _speakers(body: str, speaker_ranker: str | None = "default") -> list[str | None]:
    frame = pl.DataFrame({"article_id": ["a"], "body": [body]})
    return extract_quotes(frame, speaker_ranker=speaker_ranker)["speaker"].to_list()


def test_a_name_the_first_name_list_does_not_hold_after_a_preposition_is_who_he_is() -> None:
    # the reverted rule gave these to no one
    body = (
        "The paper talked to Olusegun Obasanjo about the election. "
        "“It was stolen from the people,” he said."
    )
    assert _speakers(body, None) == ["Olusegun Obasanjo"]
    assert _speakers(body) == ["Olusegun Obasanjo"]


def test_person_after_a_preposition_is_still_who_he_is() -> None:
    # "a response from Maria Keller": a first name, so still a person "she" can mean.
    body = (
        "The council asked for comment. A sharp response came from Maria Keller, who "
        "chairs the board: “We will not accept these cuts,” she said."
    )
    assert _speakers(body, None) == ["Maria Keller"]
    assert _speakers(body) == ["Maria Keller"]


def test_organisation_given_the_statement_is_not_its_issuer() -> None:
    # "Amazon provided Newsweek a statement ..., which read": the name after a verb of
    # giving or informing is who received the words (the ranker's `addressed` feature).
    # The issuer, Fabrikam, would be right; no one is the ranker's answer now, and either
    # is better than the newspaper that received it.
    body = (
        "Workers at Fabrikam were named in the files. Daily Ledger emailed the company on "
        "Monday. Fabrikam provided Daily Ledger a statement by email, which read in part: "
        "“Our handbook clearly states that no worker may do this at any time.”"
    )
    assert _speakers(body) in ([None], ["Fabrikam"])
