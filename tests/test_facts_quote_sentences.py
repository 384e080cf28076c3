"""A quote another outlet carries is no outlet's exclusive fact, however each outlet cuts
it into sentences (issue 16: on the news-please crawl CNN's '"Will have double thrust of
next largest rocket," he said.' was listed as only CNN's while the quotes table gave
Musk's tweet to three outlets). Every fixture is hand-written."""

from __future__ import annotations

import polars as pl
import pytest

import clustering.compare.facts as facts_module
from clustering.compare.facts import compare_facts, facts_embedder
from clustering.compare.quote_groups import align_quotes, quote_spans
from tests.framing_helpers import articles_frame

_LEAD_NORTH = "The council closed the river bridge on Monday after cracks were found.\n\n"
_LEAD_SOUTH = "Cracks closed the river bridge on Monday, the council said.\n\n"
_WHOLE = (
    "“The bridge will stay closed until Friday at the earliest, and the ferry will run "
    "every hour from the harbour,” Mayor Ana Ruiz said."
)
_CUT = (
    "“The bridge will stay closed until Friday at the earliest. The ferry will run "
    "every hour from the harbour,” Mayor Ana Ruiz said."
)


def _story(north: str, south: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The two outlets' articles and their quote spans (quote_groups.quote_spans)."""
    from clustering.extract.quotes import extract_quotes

    articles = articles_frame(
        {"article_id": "n1", "outlet": "North Post", "title": "Bridge", "body": north},
        {"article_id": "s1", "outlet": "South Times", "title": "Bridge", "body": south},
    )
    quotes = extract_quotes(articles)
    return articles, quote_spans(align_quotes(quotes, articles), quotes)


def _quoted(facts: pl.DataFrame) -> pl.DataFrame:
    return facts.filter(pl.col("sentence").str.contains("harbour|Friday")).sort(
        "outlet", "sentence_index"
    )


def test_a_quote_cut_into_two_sentences_is_stated_by_both_outlets() -> None:
    articles, spans = _story(_LEAD_NORTH + _WHOLE, _LEAD_SOUTH + _CUT)
    assert spans.height == 2 and spans["group_id"].n_unique() == 1  # one quote, both outlets
    without = _quoted(compare_facts(articles, facts_embedder()))
    # The similarity alone matches North's sentence with one of South's two: the other
    # was "only South Times".
    assert without["kind"].to_list() == ["consensus", "exclusive", "consensus"]
    facts = _quoted(compare_facts(articles, facts_embedder(), quotes=spans))
    assert facts["outlet"].to_list() == ["North Post", "South Times", "South Times"]
    assert facts["kind"].to_list() == ["consensus"] * 3
    assert facts["n_outlets"].to_list() == [2, 2, 2]
    assert facts["fact_id"].n_unique() == 1


def test_a_quote_cut_alike_by_both_outlets_stays_a_fact_a_sentence() -> None:
    articles, spans = _story(_LEAD_NORTH + _CUT, _LEAD_SOUTH + _CUT)
    assert spans["group_id"].n_unique() == 1
    facts = _quoted(compare_facts(articles, facts_embedder(), quotes=spans))
    # Each sentence matches its own counterpart: two facts, not one of four sentences.
    assert facts["kind"].to_list() == ["consensus"] * 4
    assert facts["fact_id"].n_unique() == 2
    by_fact = facts.group_by("fact_id").agg(pl.col("sentence").str.contains("ferry").all())
    assert sorted(by_fact["sentence"].to_list()) == [False, True]


@pytest.mark.parametrize("whole", [True, False])
def test_a_large_story_scored_by_blocks_reads_the_quotes_alike(monkeypatch, whole) -> None:
    articles, spans = _story(_LEAD_NORTH + _WHOLE, _LEAD_SOUTH + _CUT)
    expected = compare_facts(articles, facts_embedder(), quotes=spans)
    if not whole:  # 4 scores a block: one row at a time, `_compare_by_blocks`
        monkeypatch.setattr(facts_module, "SCORE_BLOCK_ELEMENTS", 4)
    assert facts_module._rows_per_block(5) == (5 if whole else 1)
    assert compare_facts(articles, facts_embedder(), quotes=spans).equals(expected)
    assert _quoted(expected)["kind"].to_list() == ["consensus"] * 3
