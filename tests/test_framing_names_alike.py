"""`_named_alike` (issue 14) answers what `any(same_entity(name, other) for other in
names)` answers, running `same_entity`'s test only on the names it can hold for."""

from __future__ import annotations

import random

import pytest

from clustering.compare.framing_comparison import _named_alike, same_entity

POOL = {
    "Dmytro Kuleba",
    "Apple Inc.",
    "Republican National Committee",
    "Federal Bureau of Investigation",
    "Apples",
    "The",
    "",
    "Joe Biden",
}


@pytest.mark.parametrize(
    ("name", "alike"),
    [
        ("Kuleba", True),  # one name ends the other
        ("Apple", True),  # the other is it plus a corporate suffix; and spelt alike
        ("RNC", True),  # an acronym of the other
        ("FBI", True),  # "of" is no initial
        ("FBOI", False),
        ("Dmitry Kuleba", True),  # spelt alike, the same last word
        ("Biden", True),
        ("Hunter Bidens", False),
        ("Vladimir Putin", False),
        ("The", False),  # no words once "the" is dropped
        ("", False),
    ],
)
def test_named_alike_answers_as_same_entity(name: str, alike: bool) -> None:
    assert any(same_entity(name, other) for other in POOL) is alike
    assert _named_alike(POOL)(name) is alike


def test_named_alike_finds_a_name_spelt_alike_alone() -> None:
    # no word, first or last, shared, no acronym: the spelling alone (ratio >= 90)
    assert same_entity("Gazprom", "Gazpromm")
    assert _named_alike({"Gazpromm", "Rosneft"})("Gazprom")
    assert not _named_alike({"Rosneft"})("Gazprom")
    assert not _named_alike(set())("Gazprom")


def test_named_alike_equals_every_pair_compared_on_random_names() -> None:
    rng = random.Random(11)
    words = [
        *"John Jon Smith Smyth J. Inc Co Apple Apples The of & RNC Republican".split(),
        *"National Committee Kuleba Dmytro Dmitry F.B.I. FBI Federal Bureau Ltd".split(),
        "\u2019s",
        ".",
        "",
    ]

    def name() -> str:
        return " ".join(rng.choice(words) for _ in range(rng.randint(0, 4)))

    held = 0
    for _ in range(2000):
        pool = {name() for _ in range(rng.randint(0, 10))}
        named = _named_alike(pool)
        for _ in range(8):
            query = name()
            expected = any(same_entity(query, other) for other in pool)
            assert named(query) is expected, (query, pool)
            held += expected
    assert held > 1000  # both answers are asked about, many times
