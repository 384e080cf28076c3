"""Quote groups a journalist can trust (issue 16, news-please and BASIL read by eye): every
version agrees with its group's reference, names shared by two statements are no rewording,
a spokesperson's reading of a statement joins its principal's, and a fragment with a plural
dropped is a cut, not a rewording. Hand-written text only."""

from __future__ import annotations

import polars as pl

from clustering.compare.quote_groups import version_wording
from tests.conftest import align_hand_quotes, quote_story


def _story(*bodies: str) -> pl.DataFrame:
    return quote_story(*bodies)[0]


def _groups_of(groups: pl.DataFrame) -> list[list[str]]:
    return sorted(
        sorted(g["article_id"].to_list())
        for _, g in groups.group_by("group_id", maintain_order=True)
    )


def test_a_version_must_agree_with_the_reference_not_only_with_another_version():
    # Two sentences of one post: b carries the end of the first and the start of the
    # second; c and d quote only the first. c and d agree with b, never with a (the
    # reference): before, all four were one group, c and d shown as "reworded" versions of
    # a sentence they do not contain.
    groups = align_hand_quotes(
        [
            (
                "a",
                "After a long talk with my family I can see how unkind the post was, "
                "and I am truly sorry to both girls and to their parents.",
                "Ann Reed",
            ),
            (
                "b",
                "I judged both girls far too quickly. After a long talk with my family I "
                "can see how unkind the post was,",
                "Ann Reed",
            ),
            ("c", "I judged both girls far too quickly,", "Ann Reed"),
            ("d", "judged both girls far too quickly", "Ann Reed"),
        ]
    )
    assert _groups_of(groups) == [["a", "b"], ["c", "d"]]


def test_names_two_statements_share_are_no_rewording():
    # One speaker, two statements about the same two people: they share "Mr. Vance",
    # "Ms. Orr" and "friend" and nothing else (before: one group, the second "reworded").
    groups = align_hand_quotes(
        [
            (
                "a",
                "There was no contact during Mr. Vance's clumsy visit, and Mr. Vance is "
                "puzzled why Ms. Orr, a friend of many years, waited to make these claims "
                "about a working relationship that gave them several fine films together",
                "Tom Vance",
            ),
            (
                "b",
                "Mr. Vance is grateful that Ms. Orr remains a friend",
                "Tom Vance",
            ),
        ]
    )
    assert _groups_of(groups) == [["a"], ["b"]]
    assert set(groups["status"]) == {"single"}


STATEMENT = (
    "Mr. Vance regrets the clumsy remark he made at the spring gala and has since "
    "apologised to every guest who was offended by it"
)


def test_a_spokesperson_reading_a_statement_joins_its_principal():
    # The same long statement, read out by his representative in one outlet and given to
    # him in another: one statement, not two quotes (before: split by speaker).
    groups = _story(
        f"“{STATEMENT},” his representative Jo Bell said on Tuesday.",
        f"“{STATEMENT},” Tom Vance said in a statement on Tuesday.",
    )
    assert _groups_of(groups) == [["s0", "s1"]]
    assert groups["status"].unique().to_list() == ["shared"]


def test_the_same_words_from_two_people_who_do_not_speak_for_each_other_stay_apart():
    # Neither sentence names the other speaker: the words alone do not make them one.
    # (Short words: a sentence-long statement is one whoever speaks, H13's
    # tests/test_quote_groups_crawl.py.)
    said = "we will rebuild every school the flood took"
    groups = _story(
        f"“{said.capitalize()},” Mayor Ida Moss said.",
        f"“{said.capitalize()},” Governor Raul Pena said.",
    )
    assert _groups_of(groups) == [["s0"], ["s1"]]


def test_a_fragment_with_a_plural_dropped_is_a_cut_not_a_rewording():
    long = (
        "Both countries must show they will not accept these launches by taking direct "
        "actions of their own."
    )
    groups = align_hand_quotes([("a", long, "Rex Hale"), ("b", "direct action", "Rex Hale")])
    assert _groups_of(groups) == [["a", "b"]]
    cut = groups.filter(pl.col("article_id") == "b").row(0, named=True)
    assert cut["is_truncated"] is True
    assert version_wording(long, cut["text"], cut["is_truncated"]) == "truncated"
