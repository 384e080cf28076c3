"""Language detection at ingest: short sentences in many languages, what is kept,
and the accuracy on meantime's own `lang`."""

from __future__ import annotations

import json

import polars as pl
import pytest

from clustering.config import IngestConfig
from clustering.ingest import load_articles
from clustering.ingest.language import detect_language, detect_languages, with_languages
from clustering.schema import ARTICLES
from tests.conftest import SHARED, needs_shared

# One short news sentence per language, written for these tests.
SENTENCES = {
    "en": "The city council approved the new budget on Monday after a long debate.",
    "es": "El ayuntamiento aprobó el lunes el nuevo presupuesto tras un largo debate.",
    "it": "Il consiglio comunale ha approvato lunedì il nuovo bilancio dopo un lungo dibattito.",
    "nl": "De gemeenteraad keurde maandag na een lang debat de nieuwe begroting goed.",
    "de": "Der Stadtrat hat am Montag nach langer Debatte den neuen Haushalt beschlossen.",
    "fr": "Le conseil municipal a adopté lundi le nouveau budget après un long débat.",
    "pt": "A câmara municipal aprovou na segunda-feira o novo orçamento após um longo debate.",
    "ru": "Городской совет в понедельник после долгих дебатов утвердил новый бюджет.",
    "pl": "Rada miasta przyjęła w poniedziałek nowy budżet po długiej debacie.",
    "tr": "Belediye meclisi uzun bir tartışmanın ardından pazartesi günü yeni bütçeyi onayladı.",
}


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_detects_short_news_sentences(lang):
    assert detect_language(SENTENCES[lang]) == lang


def test_unknown_when_there_is_nothing_to_tell():
    assert detect_languages(["", "   ", "12 345 - 67", "Airbus"]) == ["", "", "", ""]


def _articles(rows: list[dict]) -> pl.DataFrame:
    full = [
        {column: None for column in ARTICLES} | {"article_id": f"a{i}", "title": ""} | row
        for i, row in enumerate(rows)
    ]
    return pl.DataFrame(full, schema=ARTICLES)


def test_fills_only_missing_languages_and_keeps_rows():
    articles = _articles(
        [
            {"title": SENTENCES["es"], "lang": ""},
            {"title": "Breve", "body": SENTENCES["nl"], "lang": None},
            # The input's own language is the publisher's statement: kept as given.
            {"title": SENTENCES["it"], "lang": "en"},
            {"title": "12:30", "lang": ""},
        ]
    )
    filled = with_languages(articles)
    assert filled.schema == articles.schema
    assert filled["article_id"].to_list() == ["a0", "a1", "a2", "a3"]
    assert filled["lang"].to_list() == ["es", "nl", "en", ""]
    assert filled.drop("lang").equals(articles.drop("lang"))


def test_load_articles_detects_the_language_of_each_record(tmp_path):
    path = tmp_path / "mixed.jsonl"
    records = [
        {"id": "1", "title": "Presupuesto aprobado", "body": SENTENCES["es"]},
        {"id": "2", "title": "Begroting goedgekeurd", "body": SENTENCES["nl"]},
        {"id": "3", "title": "Budget approved", "body": SENTENCES["en"], "lang": "en-GB"},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records))
    articles = load_articles([path], IngestConfig()).articles.sort("source_id")
    assert articles["lang"].to_list() == ["es", "nl", "en"]


@needs_shared
def test_meantime_languages_are_detected():
    rows = [
        json.loads(line)
        for line in (SHARED / "labelled" / "meantime_multilingual.jsonl").open(encoding="utf-8")
    ]
    articles = _articles(
        [{"title": r["title"], "lead": r["lead"], "body": r["body"], "lang": ""} for r in rows]
    )
    detected = with_languages(articles)["lang"].to_list()
    right = sum(d == r["lang"] for d, r in zip(detected, rows, strict=True))
    # 240 of 240 measured (benchmarks/languages.py).
    assert right / len(rows) >= 0.99  # heuristic to guard against regression


def test_story_views_show_each_article_language():
    """A story covered in several languages: coverage lists each outlet's languages and
    the headlines carry each article's, as detected at ingest."""
    from datetime import UTC, datetime

    from clustering.views import story_page

    articles = with_languages(
        _articles(
            [
                {"outlet": "El Diario", "title": "Presupuesto", "body": SENTENCES["es"]},
                {"outlet": "De Krant", "title": "Begroting", "body": SENTENCES["nl"]},
                {"outlet": "De Krant", "title": "Budget", "body": SENTENCES["en"]},
                {"outlet": "Gazzetta", "title": "Bilancio", "body": SENTENCES["it"]},
            ]
        ).with_columns(
            published_at=pl.Series(
                [datetime(2024, 5, d, tzinfo=UTC) for d in (1, 2, 3, 4)],
                dtype=ARTICLES["published_at"],
            )
        )
    )
    cover = story_page.coverage(articles)
    assert dict(zip(cover["outlet"], cover["languages"], strict=True)) == {
        "El Diario": "es",
        "De Krant": "en, nl",
        "Gazzetta": "it",
    }
    table = story_page.headlines(articles)
    assert table["lang"].to_list() == ["es", "nl", "en", "it"]
    assert table.columns[:3] == ["article_id", "outlet", "lang"]
