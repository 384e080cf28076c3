"""Issue 16, eighteenth pass: names that are no one's never enter speaker resolution.

`no_one_speakers` (clustering/extract/speakers.py) lists names that never speak ("Hong
Kong-flagged", "the Google Play store"); the ranker never picks one. Before this pass the
rules could still reach one through a role or "the company", and the ranker's `rule_pick`
on it left the quote with no one though a named source spoke. Now such an article is read
again with those names left out of resolution (`_mentions`' `excluded`), and the
pronouns and roles that had resolved to one stay unresolved (`astray`). Every article
here is written for these tests.
"""

from __future__ import annotations

import polars as pl

from clustering.extract.quotes import _mentions, extract_quotes, quote_contexts
from clustering.extract.speakers import default_ranker, rank_speakers
from clustering.text import split_sentences


def _speakers(body: str, ranker: bool = True) -> list[str | None]:
    frame = pl.DataFrame({"article_id": ["a"], "body": [body]})
    quotes = extract_quotes(frame) if ranker else extract_quotes(frame, speaker_ranker=None)
    return quotes["speaker"].to_list()


# "the spokeswoman" had resolved to the tanker's "Hong Kong-flagged", the rules' pick: the
# ranker dropped it and left the quote with no one, though she is named beside the marks.
SPOKESWOMAN = (
    "Officials seized a Hong Kong-flagged tanker that had moved oil to a North Korean ship."
    "\n\nAt a briefing in Beijing, a spokeswoman for the Foreign Ministry rejected the report."
    "\n\n“China has always kept to the resolutions in full,” said the spokeswoman, Mei Lanfang."
    "\n\nThe ministry gave no further details."
)

# "the company" had resolved to "Google Play", a store (named before "store").
COMPANY = (
    "Vantor Technologies Inc said on Monday that it had pulled its messaging app from the "
    "Google Play store after a dispute over fees.\n\n“We are ready to move again if the rules "
    "change,” the company said."
)
COMPANY_LATER = (
    "Regulators in Moscow blocked Vantor Technologies Inc last week.\n\nThe ban also removed "
    "the app from the Google Play store.\n\n“We are ready to move again if the rules change,” "
    "the company said."
)


def test_a_named_source_beside_the_marks_speaks_when_the_role_had_gone_to_no_one() -> None:
    assert _speakers(SPOKESWOMAN) == ["Mei Lanfang"]


def test_the_company_is_the_organisation_named_before_the_no_one_name() -> None:
    assert _speakers(COMPANY) == ["Vantor Technologies Inc"]


def test_the_rules_alone_never_give_a_quote_to_a_no_one_name_through_the_company() -> None:
    # (The rules alone, no ranker: before, their speaker was "Google Play".)
    assert _speakers(COMPANY_LATER, ranker=False) == ["Vantor Technologies Inc"]
    assert _speakers(COMPANY, ranker=False) == ["Vantor Technologies Inc"]


def test_a_no_one_name_written_as_the_attributions_subject_still_leaves_no_one() -> None:
    # Guard: "furious Americans vowed": a people, no one named, speaks; no second reading
    # hands the words to "Japan" named before.
    body = (
        "Japan warned its residents to take cover as furious Americans vowed an “ironclad” "
        "response to the launch.\n\nThe missile fell into the sea."
    )
    assert _speakers(body) == [None]


def test_they_resolved_to_a_beach_stays_unresolved() -> None:
    # Guard: the pronoun that had gone to the beach is not handed to the person or
    # organisation named before it (read on the crawl: as often wrong as right).
    body = (
        "The organisers, Lights Over Harbour, said a canister had exploded.\n\nPolice cleared "
        "the crowd from Terrigal Beach.\n\nWhat should have been a long display was “cut "
        "short,” they said."
    )
    assert _speakers(body) == [None]


def test_an_article_with_no_no_one_name_reads_as_before() -> None:
    body = "The storm hit the coast on Monday.\n\n“We lost everything,” Jane Porter said."
    assert _speakers(body) == ["Jane Porter"]
    [(_, context)] = quote_contexts(pl.DataFrame({"article_id": ["a"], "body": [body]}))
    assert context.no_one == frozenset()


def test_excluded_names_are_never_resolved_to() -> None:
    body = COMPANY
    quoted = [(body.index("“"), body.index("”") + 1)]
    starts = [s.start for s in split_sentences(body)]
    before, _ = _mentions(body, quoted, starts)
    after, _ = _mentions(body, quoted, starts, excluded=frozenset({"Google Play"}))
    company = body.index("the company")
    assert {m.start: m.name for m in before}[company] == "Google Play"
    assert {m.start: m.name for m in after}[company] == "Vantor Technologies Inc"
    assert "Google Play" not in {m.name for m in after}


def test_astray_pronouns_stay_unresolved() -> None:
    body = "Sara Holt met the press.\n\n“We are fine,” she said."
    quoted = [(body.index("“"), body.index("”") + 1)]
    starts = [s.start for s in split_sentences(body)]
    she = body.index("she said")
    resolved = {m.start: m.name for m in _mentions(body, quoted, starts)[0]}
    astray = {m.start: m.name for m in _mentions(body, quoted, starts, astray=frozenset({she}))[0]}
    assert resolved[she] == "Sara Holt"
    assert astray[she] is None


def test_the_context_carries_the_first_readings_no_one_names_to_the_ranker() -> None:
    [(rows, context)] = quote_contexts(pl.DataFrame({"article_id": ["a"], "body": [SPOKESWOMAN]}))
    assert context.no_one is not None and "Hong Kong-flagged" in context.no_one
    assert rank_speakers(context, default_ranker()) == ["Mei Lanfang"]
    assert [r["speaker"] for r in rows] == [None]  # the rules: 'the spokeswoman' unresolved
