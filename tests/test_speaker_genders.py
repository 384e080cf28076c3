"""Issue 16 (H16): he/she sent to the wrong person because a name's gender was read wrong.
Dev showed 'Sen. Lindsey Graham ... “...,” he said' given to someone else (Lindsey read as a
woman from the first-name lexicon) and the first lady's 'she said' given to another woman
(Melania Trump read as a man from "Mr. Trump", the surname's other bearer). Hand-written
sentences, with the rules alone (`speaker_ranker=None`) and with the shipped ranker."""

from __future__ import annotations

import pytest
from speaker_helpers import speakers


@pytest.mark.parametrize("ranker", [None, "default"])
def test_he_said_after_a_named_subject_beats_the_first_name_lexicon(ranker: str | None) -> None:
    # "Lindsey" is given to girls in the lexicon; the article's "he said" after the quote
    # that follows Graham's sentence says otherwise.
    body = (
        "Governor Tom Brandt defended the new tax on Monday.\n\n"
        "On Sunday, Sen. Lindsey Graham, R-S.C., suggested Brandt might want to think twice "
        "before commenting on the audit.\n\n"
        "“You comment regarding ongoing audits at your own peril,” he said on CBS."
    )
    assert speakers(body, ranker) == ["Lindsey Graham"]


@pytest.mark.parametrize("ranker", [None, "default"])
def test_a_surname_shared_with_a_man_does_not_make_a_woman_a_man(ranker: str | None) -> None:
    # "Mr. Trump" (another man) was counted for "Melania Trump", the one full name with
    # that surname, so her "she said" went to the singer.
    body = (
        "President Trump attacked the singer Kathy Moran on Tuesday in his newest round of "
        "posts.\n\n"
        "Ms. Moran had posted a picture holding what looked like a mask of Mr. Trump. "
        "The picture set off a wave of complaints.\n\n"
        "Later that evening, the first lady, Melania Trump, questioned Ms. Moran’s judgment. "
        "“As a parent, I find that picture deeply upsetting,” she said.\n\n"
        "The Trumps had the backing of many. Mr. Trump also attacked the network."
    )
    assert speakers(body, ranker) == ["Melania Trump"]


@pytest.mark.parametrize("ranker", [None, "default"])
def test_a_pronoun_subject_does_not_lend_its_gender_to_the_name_after_it(
    ranker: str | None,
) -> None:
    # Guard: "He later praised his opponent, Hillary Clinton ... “...,” he said" is his
    # quote, not hers: the sentence's subject is "He", so she stays a woman.
    body = (
        "Senator Mark Dolan was sworn in on Friday.\n\n"
        "He later praised his defeated opponent, Hillary Clinton, at a luncheon. "
        "“I have a lot of respect for her,” he said."
    )
    assert speakers(body, ranker) != ["Hillary Clinton"]
