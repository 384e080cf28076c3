"""One document rule (issue 16, sixteenth pass): `speakers.document_source` reads a document
as the attribution's subject for the rules (a signed letter or ad decides the speaker: its
issuing organisation, else no one) and for the ranker (the `document_issuer` feature) alike.
Until then quotes.py had a letter/ad rule of its own beside speakers.py's document feature.
Hand-written texts."""

from __future__ import annotations

import polars as pl
import pytest

from clustering.extract.quotes import extract_quotes, quote_contexts
from clustering.extract.speakers import FEATURES, candidate_features, document_source


def frame(body: str) -> pl.DataFrame:
    return pl.DataFrame({"article_id": ["a0"], "body": [body]})


def sources(body: str) -> list[tuple[bool, str | None] | None]:
    """Per quote of `body`: (signed, issuer) of its document attribution, else None."""
    ((_, context),) = quote_contexts(frame(body))
    person: dict[str, bool] = {}
    for m in context.mentions:
        if m.name:
            person[m.name] = person.get(m.name, False) or bool(m.is_person)
    out: list[tuple[bool, str | None] | None] = []
    for site in context.sites:
        found = document_source(
            context.body,
            context.mentions,
            context._starts,
            context.sentences,
            site.first,
            site.open_mark,
            site.close_end,
            person,
        )
        out.append(None if found is None else (found.signed, found.issuer))
    return out


@pytest.mark.parametrize("ranker", ["default", None])
def test_a_signed_letter_goes_to_the_organisation_that_issued_it(ranker: str | None) -> None:
    # The letter's words are the union's, which sent it; the mayor it was sent to and the
    # official named in it are no source (the fifteenth pass's rule gave it to no one).
    body = (
        "Mayor Ann Dobbs met the strikers on Monday. The Harbour Workers Union sent a letter "
        "to Dobbs on Tuesday.\n"
        "“The port cannot open without a contract,” the letter stated."
    )
    assert sources(body) == [(True, "Harbour Workers Union")]
    assert extract_quotes(frame(body), speaker_ranker=ranker)["speaker"].to_list() == [
        "Harbour Workers Union"
    ]


@pytest.mark.parametrize("ranker", ["default", None])
def test_a_signed_letter_with_no_issuer_named_is_no_ones(ranker: str | None) -> None:
    body = (
        "Dozens of teachers signed a letter to Principal Tom Reyes this week.\n"
        "“We have been ignored for too long,” the letter stated. Reyes said he would reply."
    )
    assert sources(body) == [(True, None)]
    assert extract_quotes(frame(body), speaker_ranker=ranker)["speaker"].to_list() == [None]


def test_a_party_s_members_issue_no_letter() -> None:
    # "Democrats wrote": many people signed it, no body issued it (dev: a letter of six
    # committee chairs); the words are no one's.
    body = (
        "In a letter from six committee chairs, House Democrats wrote that they expect the "
        "report to be public.\n"
        "“The public deserves to see it,” the letter urged."
    )
    assert sources(body) == [(True, None)]
    assert extract_quotes(frame(body))["speaker"].to_list() == [None]


def test_the_letter_before_the_marks_reads_past_a_full_stop_in_the_sentence() -> None:
    # "The letter says Mr. Obama “...”": the honorific's full stop is inside the sentence.
    body = (
        "Three dozen lawmakers signed a letter on the deal. The letter says Mr. Obama "
        "“should not back down.”"
    )
    assert sources(body) == [(True, None)]


def test_an_unsigned_document_is_the_ranker_s_to_decide() -> None:
    # A statement is not signed: the rules do not decide it, the ranker's feature names
    # its issuer.
    body = (
        "The Port Authority released a statement on Friday.\n"
        "“Ferries will run on Sunday,” the statement said."
    )
    assert sources(body) == [(False, "Port Authority")]
    ((_, context),) = quote_contexts(frame(body))
    column = FEATURES.index("document_issuer")
    assert [[n for n, v in q if v[column]] for q in candidate_features(context)] == [
        ["Port Authority"]
    ]
    assert not context.sites[0].decided


def test_a_person_s_letter_and_a_signer_as_subject_are_no_document_rule() -> None:
    # "his letter" (a determiner other than "the") and "Perry says in the ad" (the signer
    # as the subject) leave the speaker to the person.
    body = (
        "Governor Rick Perry wrote to the board on Monday. “We will not wait,” his letter "
        "said.\n“Texas is open for business,” Mr. Perry says in the ad."
    )
    assert [s is not None and s[0] for s in sources(body)] == [False, False]
    assert extract_quotes(frame(body))["speaker"].to_list() == ["Rick Perry", "Rick Perry"]
