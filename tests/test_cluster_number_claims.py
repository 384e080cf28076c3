"""cluster/features.py: the exact figures a lead states, and two leads whose figures for
one counted thing disagree (issue 19, corpora without dates)."""

from __future__ import annotations

import numpy as np

from clustering.cluster.features import number_claims, number_conflicts

#: Leads written for these tests (the shapes of neus_allsides' look-alike reports).
CLAIMS_412K = (
    "New jobless claims at 412,000. The number of new applications for unemployment "
    "benefits rose 37,000 last week to 412,000, the Labor Department said."
)
CLAIMS_385K = (
    "Jobless claims drop to 385,000. New jobless claims dropped 20,000 to 385,000 for "
    "the week ended May 29."
)
CLAIMS_385K_AGAIN = "Weekly jobless claims fell to 385,000, a pandemic low, the government said."
BILL_1_2T = "Senate passes $1.2 trillion bipartisan infrastructure bill after months of talks."
BILL_1T = "Senate passes $1 trillion infrastructure bill in strong bipartisan vote."
BILL_NEARLY = "The Senate begins work on a nearly $1 trillion national infrastructure plan."
VOTE_50_49 = "The Senate voted 50-49 to confirm the nominee."
VOTE_51_50 = "Harris broke the tie in a 51-50 vote on the nominee."
JOBS_194K = "US economy adds 194,000 jobs in September, missing estimates."
JOBS_943K = "US economy adds 943,000 jobs in July, blowing past expectations."
NO_FIGURES = "Senators reach a deal on infrastructure after weeks of talks."


def _conflicts(*texts: str) -> np.ndarray:
    return number_conflicts(number_claims(list(texts)))


def test_different_figures_for_one_counted_thing_conflict():
    # Two weekly reports (412,000 and 385,000 claims; the first names nothing counted
    # after its figure, the second "jobless claims": one order of magnitude), two
    # monthly jobs reports, two votes.
    assert _conflicts(CLAIMS_412K, CLAIMS_385K)[0, 1]
    assert _conflicts(JOBS_194K, JOBS_943K)[0, 1]
    assert _conflicts(VOTE_50_49, VOTE_51_50)[0, 1]


def test_figures_that_agree_at_the_precision_given_do_not_conflict():
    # "$1.2 trillion" is "$1 trillion" rounded; the same 385,000 written twice.
    assert not _conflicts(BILL_1_2T, BILL_1T)[0, 1]
    assert not _conflicts(CLAIMS_385K, CLAIMS_385K_AGAIN)[0, 1]
    # One agreeing figure outweighs another that differs (385,000 in both; only one
    # gives the week's change of 20,000).
    conflicts = _conflicts(CLAIMS_412K, CLAIMS_385K, CLAIMS_385K_AGAIN)
    assert conflicts.tolist() == [
        [False, True, True],
        [True, False, False],
        [True, False, False],
    ]


def test_bounds_and_texts_without_figures_conflict_with_nothing():
    # "nearly $1 trillion" is a bound, not a figure; a lead without a figure says nothing.
    conflicts = _conflicts(BILL_NEARLY, BILL_1_2T, NO_FIGURES, VOTE_50_49)
    assert not conflicts.any()


def test_casualty_counts_are_left_to_the_casualty_cue():
    # A toll rises as a story goes on: the cannot-links weigh casualty counts
    # (features._casualties), the figures here leave them out.
    first = "A truck driver killed 84 people on Bastille Day in Nice, officials said."
    later = "The truck attack in Nice has now killed 85 people, officials said."
    claims = number_claims([first, later])
    assert claims.exact.nnz == 0
    assert not number_conflicts(claims).any()


def test_claims_rows_follow_the_index_given():
    claims = number_claims([CLAIMS_412K, NO_FIGURES, CLAIMS_385K])
    sub = number_conflicts(claims.rows(np.array([2, 0])))
    assert sub.tolist() == [[False, True], [True, False]]
    assert claims.slots.shape[0] == 3
    # The lead without a digit has no token at all.
    assert claims.exact[1].nnz == 0 and claims.slots[1].nnz == 0
