"""Tiny corpora for tests, written straight to Parquet with the library's schemas (no model).

    corpus = write_corpus(tmp_path / "corpus", ARTICLES_ROWS, STORY_OF)
    write_comparisons(corpus, numbers=[...], quotes=[...])

`demo_corpus(path)` builds the one most UI tests use: a flood story covered by three
fictional outlets (one of them through a wire copy), a budget story covered by two, a
single-article story, and every comparison table filled with known values.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl

from clustering import schema
from clustering.compare import TABLES
from clustering.corpus import Corpus
from clustering.stories import build_stories, with_duplicates

#: The comparison tables as the compare stage writes them: its schemas plus story_id.
COMPARISON_SCHEMAS = {
    name: pl.Schema({"story_id": pl.String(), **table}) for name, table in TABLES.items()
}

HOSTILE_TITLE = (
    "<img src=x onerror=\"document.title='pwned'\"> Bridge **closed** [x](javascript:alert(1)) "
    "www.evil.example :material/home:"
)
HOSTILE_BODY = (
    "<script>document.title='pwned'</script> The council closed the bridge on Monday.\n\n"
    "# Not a heading. `code` and <b>bold</b> stay literal."
)


def article(
    article_id: str,
    outlet: str,
    title: str,
    body: str,
    published_at: datetime | None,
    lead: str = "",
    duplicate_of: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """One ARTICLES row with defaults for everything a test does not care about."""
    return {
        "article_id": article_id,
        "source_id": None,
        "outlet": outlet,
        "url": f"https://{outlet.lower().replace(' ', '')}.example/{article_id}"
        if outlet
        else None,
        "title": title,
        "lead": lead,
        "body": body,
        "author": None,
        "section": None,
        "published_at": published_at,
        "lang": "en",
        "source_file": "fixture.jsonl",
        "source_line": 1,
        "source_format": "jsonl",
        "extra": "{}",
        "content_hash": article_id[::-1],
        "duplicate_of": duplicate_of,
        "duplicate_kind": "near" if duplicate_of else None,
        **extra,
    }


def write_corpus(
    path: Path,
    articles: list[dict[str, Any]],
    story_of: dict[str, str],
    rejects: list[dict[str, Any]] | None = None,
    stories_extra: dict[str, pl.Series] | None = None,
) -> Corpus:
    """A corpus directory at `path`: ARTICLES from `articles`, ASSIGNMENTS from `story_of`
    (article_id -> story_id, copies included), STORIES built by the library from them
    (without vectors: the earliest titled member gives the headline), REJECTS, manifest.
    `stories_extra` adds columns to the stories frame (e.g. updated_at)."""
    frame = pl.DataFrame(articles, schema=schema.ARTICLES).sort("article_id")
    copies = set(frame.filter(pl.col("duplicate_of").is_not_null())["article_id"])
    assignments = pl.DataFrame(
        {
            "article_id": list(story_of),
            "story_id": list(story_of.values()),
            "is_noise": [False] * len(story_of),
        },
        schema=schema.ASSIGNMENTS,
    ).sort("article_id")
    originals = assignments.filter(~pl.col("article_id").is_in(list(copies)))
    assignments = with_duplicates(originals, frame)
    stories = build_stories(frame, assignments).sort("story_id")
    if stories_extra:
        stories = stories.with_columns(**stories_extra)
    corpus = Corpus(Path(path))
    corpus.write("articles", frame)
    corpus.write("assignments", assignments)
    corpus.write("stories", stories)
    corpus.write("rejects", pl.DataFrame(rejects or [], schema=schema.REJECTS))
    corpus.write_manifest({"counts": {"read": frame.height, "stories": stories.height}})
    return corpus


def write_comparisons(corpus: Corpus, **tables: list[dict[str, Any]]) -> None:
    """The comparison tables of all four kinds (numbers, quotes, framing, facts), as the
    compare stage always writes them (one commit): the rows given per kind (none for a
    kind not given), typed with its schemas (columns a row lacks are null)."""
    unknown = set(tables) - set(COMPARISON_SCHEMAS)
    if unknown:
        raise ValueError(
            f"kinds should be in {sorted(COMPARISON_SCHEMAS)}. Got {sorted(unknown)} instead."
        )
    with corpus.transaction("compare") as store:
        for kind, table in COMPARISON_SCHEMAS.items():
            store.write_comparison(kind, pl.DataFrame(tables.get(kind, []), schema=table))


def write_history(corpus: Corpus, rows: list[dict[str, Any]]) -> None:
    corpus.write("history", pl.DataFrame(rows, schema=schema.HISTORY))


APP = str(Path(__file__).resolve().parents[1] / "app.py")


def open_story_page(corpus_path: Path, story_id: str) -> Any:
    """The app's story page of `story_id` in the corpus at `corpus_path` (a streamlit
    AppTest), run without an exception."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["corpus"] = str(corpus_path)
    at.run()
    at.switch_page("app_pages/story.py")
    at.query_params["story"] = story_id
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def touch_manifest(corpus: Corpus) -> None:
    """Mark the corpus as rebuilt (a new manifest updated_at), as the pipeline does."""
    corpus.write_manifest(corpus.manifest)


# --- the demo corpus -------------------------------------------------------------------

FLOOD = "s-flood0000000"
BUDGET = "s-budget000000"
LONE = "s-lone00000000"


def _t(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 3, day, hour, minute, tzinfo=UTC)


DEMO_ARTICLES = [
    article(
        "a-flood-harbor",
        "Harbor Times",
        "River floods force 1,200 from homes",
        "Floods forced 1,200 people from their homes on Monday, officials said.\n\n"
        '"We have never seen water this high," said Mayor Ana Ruiz. '
        "The dam at Elm Creek was opened at dawn.",
        _t(4, 6, 30),
        lead="Floods forced 1,200 people from their homes on Monday, officials said.",
    ),
    article(
        "a-flood-valley",
        "Valley Gazette",
        "Thousands flee as river bursts its banks",
        "Floods forced about 3,000 people from their homes on Monday, police said.\n\n"
        '"We have never seen water this high before," said Mayor Ana Ruiz. '
        "Volunteers filled sandbags through the night.",
        _t(4, 9, 0),
        lead="Floods forced about 3,000 people from their homes on Monday, police said.",
    ),
    article(
        "a-flood-wire",
        "Northern Wire",
        "River floods displace residents",
        "Floods forced 1,200 people from their homes on Monday.\n\n"
        '"We have never seen water this high," said Mayor Ana Ruiz.',
        _t(4, 7, 15),
    ),
    article(
        "a-flood-copy",
        "Coastal Daily",
        "River floods displace residents",
        "Floods forced 1,200 people from their homes on Monday.\n\n"
        '"We have never seen water this high," said Mayor Ana Ruiz.',
        _t(4, 8, 0),
        duplicate_of="a-flood-wire",
    ),
    article(
        "a-budget-harbor",
        "Harbor Times",
        "City budget adds 40 teachers",
        "The council approved a budget of $2.1 billion that pays for 40 new teachers.",
        _t(6, 12),
    ),
    article(
        "a-budget-valley",
        "Valley Gazette",
        "Council passes $2.1bn budget",
        "The council passed a $2.1 billion budget on Wednesday.",
        _t(6, 15),
    ),
    article(
        "a-lone",
        "Valley Gazette",
        "Library extends opening hours",
        "The central library will open on Sundays from April.",
        _t(8, 10),
    ),
]
DEMO_STORY_OF = {
    "a-flood-harbor": FLOOD,
    "a-flood-valley": FLOOD,
    "a-flood-wire": FLOOD,
    "a-flood-copy": FLOOD,
    "a-budget-harbor": BUDGET,
    "a-budget-valley": BUDGET,
    "a-lone": LONE,
}


def _number(story, group, status, quantity, article_id, outlet, value, text, index=0):
    return {
        "story_id": story,
        "group_id": group,
        "status": status,
        "quantity": quantity,
        "article_id": article_id,
        "outlet": outlet,
        "value": value,
        "value_high": None,
        "qualifier": "about" if text.startswith("about") else None,
        "unit": None,
        "text": text,
        "sentence": text,
        "sentence_index": index,
    }


DEMO_NUMBERS = [
    _number(
        FLOOD,
        "n-evacuated",
        "conflict",
        "people forced from homes",
        "a-flood-harbor",
        "Harbor Times",
        1200.0,
        "1,200 people",
    ),
    _number(
        FLOOD,
        "n-evacuated",
        "conflict",
        "people forced from homes",
        "a-flood-valley",
        "Valley Gazette",
        3000.0,
        "about 3,000 people",
    ),
    _number(
        FLOOD,
        "n-evacuated",
        "conflict",
        "people forced from homes",
        "a-flood-wire",
        "Northern Wire",
        1200.0,
        "1,200 people",
    ),
    _number(
        BUDGET,
        "n-budget",
        "agree",
        "budget",
        "a-budget-harbor",
        "Harbor Times",
        2.1e9,
        "$2.1 billion",
    ),
    _number(
        BUDGET,
        "n-budget",
        "agree",
        "budget",
        "a-budget-valley",
        "Valley Gazette",
        2.1e9,
        "$2.1 billion",
    ),
    _number(
        BUDGET,
        "n-teachers",
        "single",
        "teachers",
        "a-budget-harbor",
        "Harbor Times",
        40.0,
        "40 new teachers",
    ),
]

_QUOTE = "We have never seen water this high"


def _quote(article_id, outlet, text, similarity, diff, truncated=False):
    return {
        "story_id": FLOOD,
        "group_id": "q-water",
        "speaker": "Ana Ruiz",
        "status": "shared",
        "article_id": article_id,
        "outlet": outlet,
        "text": text,
        "is_truncated": truncated,
        "similarity": similarity,
        "diff": diff,
    }


DEMO_QUOTES = [
    _quote(
        "a-flood-valley",
        "Valley Gazette",
        _QUOTE + " before",
        100.0,
        [{"kind": "equal", "text": _QUOTE + " before"}],
    ),
    _quote(
        "a-flood-harbor",
        "Harbor Times",
        _QUOTE,
        84.0,
        [{"kind": "equal", "text": _QUOTE}, {"kind": "delete", "text": " before"}],
    ),
    _quote(
        "a-flood-wire",
        "Northern Wire",
        _QUOTE,
        84.0,
        [{"kind": "equal", "text": _QUOTE}, {"kind": "delete", "text": " before"}],
    ),
]

DEMO_FRAMING = [
    {
        "story_id": FLOOD,
        "outlet": "Harbor Times",
        "article_id": "a-flood-harbor",
        "headline": "River floods force 1,200 from homes",
        "lead_sentence": "Floods forced 1,200 people from their homes on Monday, officials said.",
        "attribution_verbs": [{"verb": "said", "count": 2}],
        "hedges": [],
        "intensifiers": [],
        "loaded_terms": [],
        "subjectivity": 0.1,
        "tone": -0.2,
        "entities_only_here": ["Elm Creek"],
    },
    {
        "story_id": FLOOD,
        "outlet": "Valley Gazette",
        "article_id": "a-flood-valley",
        "headline": "Thousands flee as river bursts its banks",
        "lead_sentence": "Floods forced about 3,000 people from their homes on Monday, police said.",
        "attribution_verbs": [{"verb": "said", "count": 2}],
        "hedges": ["about"],
        "intensifiers": ["never"],
        "loaded_terms": [{"term": "flee", "category": "dramatic", "neutral": "leave"}],
        "subjectivity": 0.3,
        "tone": -0.4,
        "entities_only_here": [],
    },
]

DEMO_FACTS = [
    {
        "story_id": FLOOD,
        "fact_id": "f-dam",
        "kind": "exclusive",
        "article_id": "a-flood-harbor",
        "outlet": "Harbor Times",
        "sentence": "The dam at Elm Creek was opened at dawn.",
        "sentence_index": 2,
        "n_outlets": 1,
        "outlets": ["Harbor Times"],
    },
    {
        "story_id": FLOOD,
        "fact_id": "f-sandbags",
        "kind": "exclusive",
        "article_id": "a-flood-valley",
        "outlet": "Valley Gazette",
        "sentence": "Volunteers filled sandbags through the night.",
        "sentence_index": 2,
        "n_outlets": 1,
        "outlets": ["Valley Gazette"],
    },
    {
        "story_id": FLOOD,
        "fact_id": "f-floods",
        "kind": "consensus",
        "article_id": "a-flood-harbor",
        "outlet": "Harbor Times",
        "sentence": "Floods forced 1,200 people from their homes on Monday, officials said.",
        "sentence_index": 0,
        "n_outlets": 3,
        "outlets": ["Harbor Times", "Northern Wire", "Valley Gazette"],
    },
]

DEMO_REJECTS = [
    {
        "source_file": "feed.jsonl",
        "source_line": 7,
        "field": "body",
        "reason": "The record has no text: give it a body, lead or title.",
        "raw": "{}",
    }
]


def demo_corpus(
    path: Path, comparisons: bool = True, extra_articles: list[dict] | None = None
) -> Corpus:
    """The demo corpus (see the module docstring); without `comparisons`, a corpus built
    before the compare stage existed. `extra_articles` become single-article stories."""
    rows = DEMO_ARTICLES + (extra_articles or [])
    story_of = dict(DEMO_STORY_OF)
    for row in extra_articles or []:
        story_of[row["article_id"]] = "s-" + row["article_id"]
    corpus = write_corpus(path, rows, story_of, rejects=DEMO_REJECTS)
    if comparisons:
        write_comparisons(
            corpus, numbers=DEMO_NUMBERS, quotes=DEMO_QUOTES, framing=DEMO_FRAMING, facts=DEMO_FACTS
        )
    return corpus
