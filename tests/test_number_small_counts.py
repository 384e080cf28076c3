"""Issue 16 (numbers, agree groups on real crawled news): two small equal counts whose
counted nouns name different things ("two hospitals", "two women") are two quantities,
however alike their sentences (`number_claims.SMALL_COUNT_NOUNS_APART`; the nouns' static
MiniLM vectors are built once per machine on first use, as tests/test_number_synonyms.py
says)."""

from __future__ import annotations

import polars as pl
import pytest

from clustering.compare import number_claims
from clustering.compare.number_claims import align_numbers
from clustering.extract.numbers import extract_numbers
from tests.conftest import dated_articles, number_statuses

# One tram crash told in sentences alike but for what each "two" counts
HOSPITALS = (
    "a",
    "Two hospitals near the depot took in the injured after the tram overturned in Croydon "
    "on Wednesday morning.",
    (2016, 11, 9),
)
WOMEN = (
    "b",
    "Two women near the depot were injured after the tram overturned in Croydon on "
    "Wednesday morning.",
    (2016, 11, 9),
)
# One inning of one game: runs and hits are two tallies
RUNS = (
    "a",
    "The Cubs scored three runs in the seventh inning of the deciding game.",
    (2016, 11, 3),
)
HITS = ("b", "The Cubs had three hits in the seventh inning of the deciding game.", (2016, 11, 3))
# One group of people named by two words close in meaning, with no event to share
# (plural nouns this close are one noun already, `_synonym_entities`: "women" / "females")
JUVENILES = (
    "b",
    "Four juveniles were in the car with her mother when several shots were fired at it.",
    (2016, 11, 9),
)
CHILDREN = (
    "a",
    "Four children were in the car with her mother when several shots were fired at it.",
    (2016, 11, 9),
)


def test_two_hospitals_and_two_women_are_two_quantities() -> None:
    statuses = number_statuses(HOSPITALS, WOMEN)
    assert ("single", "a", "Two hospitals") in statuses
    assert ("single", "b", "Two women") in statuses
    assert ("agree", "a", "Wednesday") in statuses  # the sentences' shared day still agrees


def test_three_runs_and_three_hits_are_two_quantities() -> None:
    assert number_statuses(RUNS, HITS) == [
        ("single", "a", "three runs"),
        ("single", "b", "three hits"),
    ]


def test_without_the_rule_the_sentences_alone_join_them(monkeypatch: pytest.MonkeyPatch) -> None:
    # the failure the rule fixes: equal small values in alike sentences met the join
    monkeypatch.setattr(number_claims, "SMALL_COUNT_NOUNS_APART", None)
    assert ("agree", "a", "Two hospitals") in number_statuses(HOSPITALS, WOMEN)
    assert number_statuses(RUNS, HITS) == [
        ("agree", "a", "three runs"),
        ("agree", "b", "three hits"),
    ]


def test_nouns_close_in_meaning_still_agree() -> None:
    assert number_statuses(CHILDREN, JUVENILES) == [
        ("agree", "a", "Four children"),
        ("agree", "b", "Four juveniles"),
    ]


def test_without_the_nouns_vectors_close_nouns_would_split(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the cosine is what keeps "children" and "juveniles" together: with every noun pair
    # held apart, the same story splits them
    monkeypatch.setattr(number_claims, "SMALL_COUNT_NOUNS_APART", 2.0)
    assert number_statuses(CHILDREN, JUVENILES) == [
        ("single", "a", "Four children"),
        ("single", "b", "Four juveniles"),
    ]


def test_the_rule_reads_the_static_vectors_only_where_the_story_is_english(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the static vectors know English word pieces only: a story in another language is
    # compared without them (no synonyms, no days' gists), and without this rule too
    asked: list[str] = []

    def spy(a: object, b: object, apart: float) -> bool:
        asked.append("asked")
        return False

    monkeypatch.setattr(number_claims, "_small_counts_named_apart", spy)
    # every pair reaches the rule, whatever the stems of its counted words in either language
    monkeypatch.setattr(number_claims, "_counted_similarity", lambda a, b: 0.5)
    frame = dated_articles(HOSPITALS, WOMEN)
    align_numbers(extract_numbers(frame), frame)
    assert asked
    asked.clear()
    spanish = dated_articles(
        (
            "a",
            "Dos hospitales cerca del depósito atendieron a los heridos tras el vuelco del "
            "tranvía el miércoles.",
            (2016, 11, 9),
        ),
        (
            "b",
            "Dos mujeres cerca del depósito resultaron heridas tras el vuelco del tranvía el "
            "miércoles.",
            (2016, 11, 9),
        ),
    ).with_columns(lang=pl.lit("es"))
    numbers = extract_numbers(spanish)
    assert numbers["text"].to_list() == ["Dos", "Dos"]  # the pair is read and compared
    align_numbers(numbers, spanish)
    assert asked == []
