"""Same-output shortcuts of the quote extraction (issue 14) against the plain readings they
replace, on hand-written text: a windowed verb scan equals `_VERB.finditer` over the same
window, and the patterns given a leading lookahead (or a tail pre-check) find what the
plain patterns find."""

from __future__ import annotations

import re

from clustering.extract import quotes

_TEXTS = [
    "“We will rebuild,” said Mayor Ann Lee, adding that crews had begun. Lee told reporters "
    "the city, according to officials, was safe; unsaid things were resaid. Added Gibbs: no.",
    "The Marion County Sheriff's Office said police and Tulsa police arrived. FBI’s "
    "Department rejected it; the sheriff’s office and the fire department, officers said. "
    "A Met spokesman, the spokeswoman for the U.S. Fish and Wildlife Service and one "
    "spokesperson said; An RAIB statement. Another spokesman. The spokesman said it.",
    "'Quoted' and “this” (\"that\") —‘dash’ start.\"No space\n'line' x'y 9\"",
]


def _plain(pattern: re.Pattern[str], lookahead: str) -> re.Pattern[str]:
    assert pattern.pattern.startswith(lookahead)
    return re.compile(pattern.pattern[len(lookahead) :], pattern.flags)


def test_windowed_verbs_equal_the_verb_pattern_over_every_window():
    for text in [_TEXTS[0], "well-said, Said: sayings according to-day; added"]:
        for pos in range(0, len(text), 3):
            for endpos in range(pos, len(text) + 1):
                expected = [(m.span(), m.group()) for m in quotes._VERB.finditer(text, pos, endpos)]
                got = [(m.span(), m.group()) for m in quotes.verb_matches(text, pos, endpos)]
                assert got == expected, (pos, endpos)
                # ... and the article's reading, which tries only its verb words.
                article = quotes._Article(text, [], [])
                got = [(m.span(), m.group()) for m in article.verbs_in(pos, endpos)]
                assert got == expected, (pos, endpos)
    # The windows cut words: "said" read to its "sa" is no verb, "adding" cut to "add" is.
    assert [m.group() for m in quotes.verb_matches(_TEXTS[0])][:3] == ["said", "adding", "told"]
    assert quotes.verb_matches(_TEXTS[0], 13, 15) == []


def test_lookahead_patterns_find_what_the_plain_patterns_find():
    plain = {
        quotes._OPENING_MARK: _plain(quotes._OPENING_MARK, "(?=[\\\"“‘'])"),
        quotes._POSSESSIVE_OFFICE: _plain(quotes._POSSESSIVE_OFFICE, "(?=[A-Z])"),
        quotes._LOWER_CASE_FORCE: _plain(quotes._LOWER_CASE_FORCE, "(?=[A-Zpsfcmdihej])"),
        quotes._SPOKES_BEFORE: _plain(quotes._SPOKES_BEFORE, "(?=[AaTtOo])"),
        quotes._SPOKES_FOR: _plain(quotes._SPOKES_FOR, "(?=[AaTtOo])"),
        quotes._SPOKES_BARE: _plain(quotes._SPOKES_BARE, "(?=[AaTt])"),
    }
    for pattern, reference in plain.items():
        for text in _TEXTS:
            got = [(m.span(), m.groups()) for m in pattern.finditer(text)]
            assert got == [(m.span(), m.groups()) for m in reference.finditer(text)]
    assert quotes._OPENING_MARK.findall(_TEXTS[2]) == ["'", "“", '"', "‘", '"', "'"]
    offices = [m.group(1) for m in quotes._POSSESSIVE_OFFICE.finditer(_TEXTS[1])]
    assert offices == ["The Marion County Sheriff's Office", "FBI’s Department"]
    forces = [m.group(2) for m in quotes._LOWER_CASE_FORCE.finditer(_TEXTS[1])]
    assert forces == ["police", "police", "sheriff’s office", "fire department"]
    spokes = [
        [m.group() for m in p.finditer(_TEXTS[1])]
        for p in (quotes._SPOKES_BEFORE, quotes._SPOKES_FOR, quotes._SPOKES_BARE)
    ]
    assert spokes == [
        ["A Met spokesman", "An RAIB statement"],
        ["the spokeswoman for the U.S. Fish and Wildlife Service"],
        ["The spokesman"],  # (a bare one: no name, and not "one" nor "Another")
    ]


def _head(pattern: re.Pattern[str], head: str, reference_head: str) -> re.Pattern[str]:
    assert pattern.pattern.startswith(head)
    return re.compile(reference_head + pattern.pattern[len(head) :], pattern.flags)


def test_patterns_reading_their_first_letter_first_find_what_a_word_boundary_finds():
    # `[X](?<!\w[X])` is `\b[X]` (the look-behind past the letter asks what the word
    # boundary asked of the character before it), at a body's start too.
    texts = [
        *_TEXTS,
        "The Falcon Heavy rocket flew; the company said. It said so, it also told us; "
        "Strzok’s attorney and Costa Rica's president. USA, FBI and NAACP; @wikileaks and "
        "a@b.c; Ithe, unit said, it said. bit said",
        "It said it. The Tesla Roadster car. @handle The company",
    ]
    plain = {
        quotes._PRODUCT: _head(quotes._PRODUCT, r"[Tt](?<!\w[Tt])he", r"\b[Tt]he"),
        quotes._ORG_DESCRIPTION: _head(quotes._ORG_DESCRIPTION, r"[Tt](?<!\w[Tt])he", r"\b[Tt]he"),
        quotes._POSSESSIVE_ROLE: _head(quotes._POSSESSIVE_ROLE, r"[A-Z](?<!\w[A-Z])", r"\b[A-Z]"),
        quotes._IT_SAID: _head(quotes._IT_SAID, r"[Ii](?<!\w[Ii])t", r"\b[Ii]t"),
        quotes._HANDLE: _head(quotes._HANDLE, r"@(?<![\w@.]@)", r"(?<![\w@.])@"),
        quotes._CAPITALS_WORD: re.compile(r"\b[A-Z]{2,6}\b"),
    }
    found = {}
    for pattern, reference in plain.items():
        for text in texts:
            got = [(m.span(), m.groups()) for m in pattern.finditer(text)]
            assert got == [(m.span(), m.groups()) for m in reference.finditer(text)]
        found[pattern] = [m.group() for m in pattern.finditer(texts[-1])]
    assert found[quotes._IT_SAID] == ["It said"]
    assert found[quotes._PRODUCT] == ["The Tesla Roadster car"]
    assert found[quotes._HANDLE] == ["@handle"]
    assert [m.group() for m in quotes._IT_SAID.finditer(texts[-2])] == [
        "It said",
        "it also told",
        "it said",
    ]
    assert quotes._CAPITALS_WORD.findall(texts[-2]) == ["USA", "FBI", "NAACP"]
    assert quotes._ORG_DESCRIPTION.fullmatch("the company") is not None


def test_possessive_offices_need_their_tail():
    # Every match holds the tail, so a body without it is skipped whole.
    for text in _TEXTS:
        for m in quotes._POSSESSIVE_OFFICE.finditer(text):
            assert quotes._POSSESSIVE_OFFICE_TAIL.search(m.group())
    assert quotes._POSSESSIVE_OFFICE_TAIL.search("the officer said the Office was shut") is None
