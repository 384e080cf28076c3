from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
SAMPLE = ROOT / "data" / "sample"

needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="../shared/data is absent")


@pytest.fixture(scope="session")
def embedder():
    """The real packaged MiniLM, loaded once per test session."""
    from clustering.config import EmbedConfig
    from clustering.embed import load_embedder

    return load_embedder(EmbedConfig())


class WordHashEmbedder:
    """A fast, deterministic stand-in for MiniLM in pipeline tests: a normalised bag of
    hashed lower-cased words (texts sharing words are close, as with a real model)."""

    name = "word-hash-test"
    dim = 384

    def encode(self, texts):
        import hashlib

        import numpy as np

        out = np.zeros((len(texts), 384), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                word = word.strip(".,:;!?\"'()")
                if len(word) > 3:
                    out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % 384] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms


@pytest.fixture
def word_embedder():
    return WordHashEmbedder()


def make_story_records(topic: str, words: str, day: str, outlets: list[str]) -> list[dict]:
    """One record per outlet about one event: shared topic words, a distinct sentence each."""
    return [
        {
            "id": f"{topic}-{i}",
            "outlet": outlet,
            "url": f"https://{outlet.lower().replace(' ', '')}.example/{topic}",
            "title": f"{words.split('.')[0]} ({outlet})",
            "body": f"{words} Reported by {outlet} on the day. Extra detail number {i} here.",
            "published_at": f"{day}T{8 + i:02d}:00:00+00:00",
        }
        for i, outlet in enumerate(outlets)
    ]


def dated_articles(
    *articles: tuple[str, str, tuple[int, ...] | None], titles: dict[str, str] | None = None
) -> pl.DataFrame:
    """ARTICLES of hand-written (article_id, body, publication (y, m, d[, h]) or None)
    rows, one outlet each ("Outlet <id>"); `titles`: article_id -> title (else none)."""
    from clustering.schema import ARTICLES

    return pl.DataFrame(
        [
            {c: None for c in ARTICLES}
            | {
                "article_id": a,
                "outlet": f"Outlet {a}",
                "title": (titles or {}).get(a, ""),
                "body": body,
                "published_at": datetime(*day, tzinfo=UTC) if day else None,
            }
            for a, body, day in articles
        ],
        schema=ARTICLES,
    )


def aligned_numbers(*articles: tuple[str, str, tuple[int, ...] | None]) -> pl.DataFrame:
    """The number claims (`align_numbers`) of one story of hand-written articles
    (`dated_articles` rows), extracted and aligned."""
    from clustering.compare.number_claims import align_numbers
    from clustering.extract.numbers import extract_numbers

    frame = dated_articles(*articles)
    return align_numbers(extract_numbers(frame), frame)


def read_ages(body: str) -> list[tuple[str, float, str]]:
    """(text, value, counted) of every age the number extraction reads in one undated body."""
    from clustering.extract.numbers import extract_numbers

    frame = pl.DataFrame(
        [{"article_id": "a", "title": None, "body": body}],
        schema={"article_id": pl.String, "title": pl.String, "body": pl.String},
    )
    ages = extract_numbers(frame).filter(pl.col("kind") == "age")
    return list(ages.select("text", "value", "counted").iter_rows())


def number_statuses(
    *articles: tuple[str, str, tuple[int, ...] | None],
) -> list[tuple[str, str, str]]:
    """(status, article_id, text) of every number claim of one story of hand-written
    articles (`dated_articles` rows), sorted."""
    claims = aligned_numbers(*articles)
    return sorted(zip(claims["status"], claims["article_id"], claims["text"], strict=True))


def quote_story(*bodies: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(QUOTE_GROUPS, articles) of one story of hand-written bodies, extracted and aligned;
    article s<i> of outlet "Outlet <i>"."""
    from clustering.compare.quote_groups import align_quotes
    from clustering.extract.quotes import extract_quotes

    articles = pl.DataFrame(
        {
            "article_id": [f"s{i}" for i in range(len(bodies))],
            "outlet": [f"Outlet {i}" for i in range(len(bodies))],
            "duplicate_of": [None] * len(bodies),
            "body": list(bodies),
        },
        schema_overrides={"duplicate_of": pl.String},
    )
    return align_quotes(extract_quotes(articles), articles), articles


def align_hand_quotes(rows: list[tuple[str, str, str | None]]) -> pl.DataFrame:
    """align_quotes over hand-made quotes: (article_id, text, speaker) rows, each article
    its own outlet."""
    from clustering.compare.quote_groups import align_quotes

    ids = sorted({a for a, _, _ in rows})
    articles = pl.DataFrame(
        {"article_id": ids, "outlet": [f"Outlet {a}" for a in ids], "duplicate_of": None},
        schema_overrides={"duplicate_of": pl.String},
    )
    quotes = pl.DataFrame(
        {
            "article_id": [a for a, _, _ in rows],
            "quote_index": list(range(len(rows))),
            "text": [t for _, t, _ in rows],
            "speaker": [s for _, _, s in rows],
        },
        schema_overrides={"speaker": pl.String},
    )
    return align_quotes(quotes, articles)
