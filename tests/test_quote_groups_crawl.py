"""One statement shown as two quotes on the crawl (issue 16, task H13): the same words in
two outlets of one story sat in two quote groups because one outlet's speaker differed,
either one speaker written two ways ('Nippon Airways' beside 'All Nippon Airways') or a
wrong speaker in one outlet (Carson Palmer's letter under Bruce Arians). The issue's rule
still holds: two different people's identical short words stay apart. Hand-written text
only."""

from __future__ import annotations

import polars as pl
import pytest

from clustering.compare.quote_groups import same_quote, same_speaker
from tests.conftest import align_hand_quotes


def _groups_of(groups: pl.DataFrame) -> list[list[str]]:
    return sorted(
        sorted(g["article_id"].to_list())
        for _, g in groups.group_by("group_id", maintain_order=True)
    )


def _speakers(groups: pl.DataFrame) -> list[str | None]:
    return groups.unique("group_id", maintain_order=True)["speaker"].to_list()


# A short statement: three content words, eight words. Only a speaker can vouch for it.
SHORT = "the delay was entirely our own fault today"
# A sentence-long statement: five content words (abundance, caution, safety, passengers,
# crew) in thirteen words.
SENTENCE = "out of an abundance of caution and safety for the passengers and crew"


@pytest.mark.parametrize(
    ("short_name", "full_name"),
    [
        ("Nippon Airways", "All Nippon Airways"),  # an organisation's leading word dropped
        ("Luis Garcia", "Jose Luis Garcia"),  # a person's first given name dropped
        ("Nippon Airways", "All-Nippon Airways"),  # hyphenated in the other outlet
    ],
)
def test_a_speaker_name_that_is_the_others_trailing_words_is_one_speaker(short_name, full_name):
    # Before: two people, so the short words (too short to be one statement whoever
    # speaks) sat in two groups.
    assert same_speaker(short_name, full_name)
    groups = align_hand_quotes([("a", SHORT, full_name), ("b", SHORT, short_name)])
    assert _groups_of(groups) == [["a", "b"]]
    # The group is named by the fuller form of the one speaker.
    assert _speakers(groups) == [full_name]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Nippon Airways", "Japan Airlines"),  # shares only a generic last word
        ("Joe Biden", "Hunter Biden"),  # one surname, two people
        ("Nippon Airways", "All Nippon Airways Cargo"),  # not the other's trailing words
        ("Airways", "All Nippon Airways"),  # a one-word name: the surname rule, as before
    ],
)
def test_names_that_are_not_the_others_trailing_words_keep_short_words_apart(one, other):
    groups = align_hand_quotes([("a", SHORT, one), ("b", SHORT, other)])
    if one == "Airways":  # a lone last word stays the other's surname (the older rule)
        assert _groups_of(groups) == [["a", "b"]]
        return
    assert not same_speaker(one, other)
    assert _groups_of(groups) == [["a"], ["b"]]


def test_a_sentence_long_statement_is_one_whoever_the_extractor_named():
    # Five content words in thirteen, word for word in two outlets under two names that
    # do not name each other: one outlet's speaker is wrong (the crawl's 'United Airlines'
    # for ANA's words). Before, eight content words were needed.
    groups = align_hand_quotes(
        [("a", SENTENCE + " onboard.", "Ida Moss"), ("b", SENTENCE + ".", "Tom Vance")]
    )
    assert _groups_of(groups) == [["a", "b"]]
    assert same_quote((SENTENCE, "Ida Moss"), (SENTENCE + " onboard", "Tom Vance"))


@pytest.mark.parametrize(
    "words",
    [
        "Thank you",
        "no comment",
        "an unprecedented, serious and grave threat",  # Abe's words, repeated by Suga
        "Harvey assaulted me but that didn't kill me",  # four content words in eight
        # five content words in nine words: one short of a sentence-long statement
        "out of abundance of caution for passengers, crew, safety",
    ],
)
def test_two_peoples_identical_short_words_stay_apart(words):
    groups = align_hand_quotes([("a", words, "Ida Moss"), ("b", words, "Tom Vance")])
    assert _groups_of(groups) == [["a"], ["b"]]
    assert not same_quote((words, "Ida Moss"), (words, "Tom Vance"))
    # The same words under one speaker are one quote: only the speakers kept them apart.
    assert _groups_of(align_hand_quotes([("a", words, "Ida Moss"), ("b", words, "Ida Moss")])) == [
        ["a", "b"]
    ]


def test_a_sentence_long_statement_with_words_changed_stays_apart_from_another_speaker():
    # Thirteen words, but two of the five content words differ: not the same statement.
    other = "out of an abundance of care and safety for the visitors and crew"
    groups = align_hand_quotes([("a", SENTENCE, "Ida Moss"), ("b", other, "Tom Vance")])
    assert _groups_of(groups) == [["a"], ["b"]]


def test_a_tie_of_two_people_goes_to_the_reference_speaker():
    # One long statement under two names, one version each: the reference (the fullest
    # version, the one its article quotes at length) names the group. Before: the longer
    # name ('Beau Willimson' for the crawl's Uma Thurman).
    long = (
        "I used the word anger but I was more worried about crying, to tell you the "
        "truth, when the premiere finally came around"
    )
    cut = "I used the word anger but I was more worried about crying, to tell you the truth"
    groups = align_hand_quotes([("a", long, "Uma Reed"), ("b", cut, "Beau Willimson")])
    assert _groups_of(groups) == [["a", "b"]]
    assert _speakers(groups) == ["Uma Reed"]
    # The other way round, the other name.
    groups = align_hand_quotes([("a", cut, "Uma Reed"), ("b", long, "Beau Willimson")])
    assert _speakers(groups) == ["Beau Willimson"]


def test_a_tie_within_one_person_still_goes_to_the_fuller_name():
    groups = align_hand_quotes(
        [("a", SHORT + " again", "Nippon Airways"), ("b", SHORT, "All Nippon Airways")]
    )
    assert _groups_of(groups) == [["a", "b"]]
    assert _speakers(groups) == ["All Nippon Airways"]


def test_an_outlets_bracketed_insertion_is_not_the_speakers_words():
    # An unnamed letter: one outlet wrote out the name in brackets where the other kept
    # the letter's initialism (the crawl's Rolling Stone beside The New York Times on the
    # Naras letter). Before: the insertion's seven words kept them apart.
    letter = (
        "His comments are not a slip in a single interview. They are, sadly, a sign of a "
        "much larger issue with the {} board as a whole on the wider set of hiring issues"
    )
    groups = align_hand_quotes(
        [
            ("a", letter.format("[National Academy of Recording Arts and Sciences]"), None),
            ("b", letter.format("Naras"), None),
        ]
    )
    assert _groups_of(groups) == [["a", "b"]]
    assert same_quote(
        (letter.format("[National Academy of Recording Arts]"), None),
        (letter.format("Naras"), None),
    )


def test_a_quote_that_is_all_insertion_keeps_its_words():
    # Nothing is left without the brackets: the words inside them are compared, so the
    # same words in two outlets are one quote (with nothing left, no two would match) and
    # other words are another.
    plan, budget = "[the governor's new housing plan]", "[the mayor's budget]"
    groups = align_hand_quotes(
        [("a", plan, "Ida Moss"), ("b", plan, "Ida Moss"), ("c", budget, "Ida Moss")]
    )
    assert _groups_of(groups) == [["a", "b"], ["c"]]


def test_a_speakers_own_cut_joins_their_statement_after_a_wrong_speaker_joined_it():
    # BASIL's Pelosi story: her statement (Fox), its middle under a wrong name (HuffPost's
    # 'Rashida Tlaib', joined as one sentence-long statement), and her own short cut (The
    # New York Times). Before, the group holding two people asked the cut to be a long
    # statement itself, and it stood alone; another person's same cut still does.
    statement = (
        "I am not in the censorship business. I dislike that crude language, I would never "
        "use such crude language in public, but it is no worse than what the president said."
    )
    middle = "I dislike that crude language, I would never use such crude language in public"
    cut = "I am not in the censorship business,"
    groups = align_hand_quotes(
        [
            ("a", statement, "Nan Pell"),
            ("b", middle, "Rita Tell"),
            ("c", cut, "Nan Pell"),
            ("d", cut, "Joe Park"),
        ]
    )
    assert _groups_of(groups) == [["a", "b", "c"], ["d"]]
    assert _speakers(groups) == ["Nan Pell", "Joe Park"]
