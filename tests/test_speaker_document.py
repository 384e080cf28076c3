"""A document's words belong to whoever issued it (issue 16, tenth pass): with "the report
read" or "the press release stated" beside the marks, the organisation named just before is
a candidate the ranker's `document_issuer` feature points at."""

from __future__ import annotations

import polars as pl
import pytest

from clustering.extract.quotes import extract_quotes, quote_contexts
from clustering.extract.speakers import FEATURES, candidate_features


def frame(*bodies: str) -> pl.DataFrame:
    return pl.DataFrame({"article_id": [f"a{i}" for i in range(len(bodies))], "body": bodies})


def issuers(body: str) -> list[list[str]]:
    """Per quote of `body`: the candidates whose document_issuer feature is set."""
    ((_, context),) = quote_contexts(frame(body))
    column = FEATURES.index("document_issuer")
    return [[name for name, v in quote if v[column]] for quote in candidate_features(context)]


KCNA = (
    "North Korea's state-run news agency KCNA released a report Saturday on the country's "
    "plans for the year.\n"
    "“Do not expect any change in its policy,” the report read."
)


@pytest.mark.parametrize(
    ("body", "want"),
    [
        (KCNA, [["KCNA"]]),
        (
            "The victim died at the scene, according to Forsyth Police Department.\n"
            "“The officer attempted CPR on the victim,” the press release stated.",
            [["Forsyth Police Department"]],
        ),
        # The attribution before the marks.
        (
            "The Secret Service posted two tweets within hours. The tweets read: “On it!”",
            [["Secret Service"]],
        ),
    ],
)
def test_the_organisation_named_before_a_document_issued_it(
    body: str, want: list[list[str]]
) -> None:
    assert issuers(body) == want


@pytest.mark.parametrize(
    "body",
    [
        # A person speaks, not a document.
        "KCNA released a report Saturday.\n“Do not expect any change,” Kim Jong Un said.",
        # A document, but no organisation named before it (a person is no issuer here).
        "Dmytro Kuleba spoke on Monday.\n“The talks failed,” the statement said.",
        # An organisation named there but issuing nothing: "posted on Instagram", "an
        # area staffed by the German Red Cross" (read on unlabelled gvc and BASIL text).
        "Ted Cruz posted the photo on Instagram.\n“Meet Melania Trump,” the post read.",
        "Police said women could seek help in an area staffed by the German Red Cross.\n"
        "“The organisers have set up a safety zone,” a police statement said.",
        # An organisation named three sentences before the quote is too far.
        "KCNA released a report. It was long. It was read aloud. It was aired.\n"
        "“Do not expect any change,” the report read.",
    ],
)
def test_no_issuer_without_a_document_or_an_organisation_near(body: str) -> None:
    assert issuers(body) == [[]]


def test_the_shipped_ranker_gives_the_report_to_its_agency() -> None:
    rows = extract_quotes(frame(KCNA)).to_dicts()
    assert [r["speaker"] for r in rows] == ["KCNA"]
