"""Issue 16 (numbers, round 16): in the NUMBERS frame a vote's tally is two counts, the votes
for and the votes against (`clustering.extract.numbers.vote_tallies`), compared exactly
(`number_claims.TALLY_COUNTED`: a tally is never rounded). Outlets write one tally
"285-120", "285 to 120" and "285-to-120"; before, the hyphenated forms were one score-like
figure ("other", never compared) and the written-out one two unrelated counts.
`find_numbers` itself still reads "285-120" as one figure: the clustering's features
(cluster/features.py, "tally" tokens) read it so."""

from __future__ import annotations

import pytest

from clustering.extract.numbers import TALLY_AGAINST, TALLY_FOR, find_numbers, vote_tallies
from tests.conftest import number_statuses


def _read(text: str) -> list[tuple[str, float, str, str]]:
    return [
        (text[m.start : m.end], m.value, m.kind, m.counted)
        for m in vote_tallies(text, find_numbers(text))
    ]


@pytest.mark.parametrize(
    ("text", "votes"),
    [
        ("The 285-120 vote was bipartisan, but it split Republicans.", ("285", "120")),
        ("Senators voted to advance the framework 50-49 along party lines.", ("50", "49")),
        ("The measure passed 220-212, after moderates led a revolt.", ("220", "212")),
        ("The Supreme Court ruled 6-3 this morning in a closely watched case.", ("6", "3")),
        ("The bill was defeated by a tally of 50-50 in the evenly divided Senate.", ("50", "50")),
        ("Stefanik won in a 134-46 secret-ballot vote, defeating her challenger.", ("134", "46")),
        ("The vote was 285 to 120.", ("285", "120")),
        ("The 220-to-212 party-line vote came after days of talks.", ("220", "212")),
        ("The committee voted 19–0 that the booster should be authorised.", ("19", "0")),
    ],
)
def test_a_tally_is_the_votes_for_and_the_votes_against(text: str, votes: tuple[str, str]) -> None:
    found = [(span, counted) for span, _, kind, counted in _read(text) if kind == "count"]
    assert (votes[0], TALLY_FOR) in found
    assert (votes[1], TALLY_AGAINST) in found


@pytest.mark.parametrize(
    "text",
    [
        "The Cubs won 3-1 on Sunday night at Wrigley Field.",  # a game's score
        "It grew from 20-to-30 people over the summer.",  # no vote
        "Prices rose from 5 to 3 dollars.",
    ],
)
def test_a_score_or_a_range_without_a_vote_is_no_tally(text: str) -> None:
    assert all(counted not in (TALLY_FOR, TALLY_AGAINST) for *_, counted in _read(text))


def test_find_numbers_still_reads_a_tally_as_one_figure_for_the_clustering() -> None:
    [tally] = find_numbers("The Senate voted 52-48.")
    assert (tally.value, tally.value_high, tally.kind) == (52, 48, "other")


def test_one_tally_written_three_ways_agrees() -> None:
    statuses = number_statuses(
        ("a", "The House passed the resolution in a 285-120 vote on Tuesday.", (2021, 6, 29)),
        (
            "b",
            "The House passed the resolution on Tuesday. The vote was 285 to 120.",
            (2021, 6, 29),
        ),
        ("c", "The House passed the resolution on Tuesday in a 285-to-120 vote.", (2021, 6, 29)),
    )
    tallies = [
        (status, article, text) for status, article, text in statuses if "Tuesday" not in text
    ]
    assert tallies == [
        ("agree", "a", "120"),
        ("agree", "a", "285"),
        ("agree", "b", "120"),
        ("agree", "b", "285"),
        ("agree", "c", "120"),
        ("agree", "c", "285"),
    ]


def test_tallies_that_cannot_both_hold_conflict() -> None:
    # "220" is counted, not rounded to the ten: it is not "222" (before, 215-229 overlapped
    # 222 and the pair was shown as compatible)
    statuses = number_statuses(
        (
            "a",
            "The 220-to-190 party-line vote to create the select committee came on Wednesday.",
            (2021, 6, 30),
        ),
        (
            "b",
            "The House voted to create the select committee on Wednesday. The vote was 222-190.",
            (2021, 6, 30),
        ),
    )
    assert ("conflict", "a", "220") in statuses
    assert ("conflict", "b", "222") in statuses
    assert ("agree", "a", "190") in statuses
    assert ("agree", "b", "190") in statuses
