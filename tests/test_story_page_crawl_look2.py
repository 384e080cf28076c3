"""The story page read again on the real crawl (news-please, 383 pages; issue 16 item 4)
after the day's changes to numbers and quotes (18bb109..b56cc19). Each defect a reader
tripped over is rebuilt from fictional rows."""

from __future__ import annotations

import polars as pl
from corpus_factory import COMPARISON_SCHEMAS, DEMO_FRAMING

from clustering.views import story_page


def test_a_loaded_terms_advice_in_parentheses_is_not_wrapped_again():
    """Nice's framing grid read "radical ((describe the position))" and "so-called
    ((omit))": the lexicon's advice carries its own parentheses."""
    terms = [
        {"term": "radical", "category": "politics", "neutral": "(describe the position)"},
        {"term": "so-called", "category": "doubt", "neutral": "(omit)"},
        {"term": "flee", "category": "dramatic", "neutral": "leave"},
        {"term": "slammed", "category": "dramatic", "neutral": ""},
    ]
    framing = pl.DataFrame(
        [{**DEMO_FRAMING[1], "loaded_terms": terms}], schema=COMPARISON_SCHEMAS["framing"]
    )
    assert story_page.framing_table(framing)["loaded_terms"].to_list() == [
        "radical (describe the position), so-called (omit), flee (leave), slammed"
    ]
