"""Numbers outside English (clustering.extract.numerals) and their alignment across the
languages of one story (clustering.compare.languages). Fixture sentences are written here."""

from __future__ import annotations

import json

import polars as pl
import pytest

from clustering.compare.languages import (
    align_numbers_across_languages,
    story_languages,
)
from clustering.extract.numbers import extract_numbers, find_numbers
from clustering.extract.numerals import find_numbers_localised
from clustering.schema import ARTICLES, NUMBER_CLAIMS


def _one(text: str, lang: str) -> tuple[float, float | None, str, str, str]:
    found = find_numbers_localised(text, lang)
    assert len(found) == 1, found
    m = found[0]
    return m.value, m.value_high, m.qualifier, m.unit, m.kind


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "un contrato de 40.000 millones de dólares"),
        ("it", "un appalto da 40 miliardi di dollari"),
        ("nl", "een contract van $40 miljard"),
        ("de", "ein Auftrag in Höhe von 40 Milliarden Dollar"),
        ("fr", "un contrat de 40 milliards de dollars"),
        ("pt", "um contrato de 40 mil milhões de dólares"),
    ],
)
def test_the_same_sum_gets_the_same_value_in_every_language(lang: str, text: str) -> None:
    english = find_numbers("a contract worth $40 billion")[0]
    assert (english.value, english.unit, english.kind) == (4e10, "USD", "money")
    assert _one(text, lang) == (4e10, None, "exact", "USD", "money")


def test_separators_follow_the_locale() -> None:
    assert _one("20,1 miliardi di sterline", "it")[:2] == (20.1e9, None)  # decimal comma
    assert _one("44.000 nuevos puestos", "es")[0] == 44000.0  # grouping point
    assert _one("40 000 personnes", "fr")[0] == 40000.0  # grouping space
    assert _one("1.234.567 kiezers", "nl")[0] == 1234567.0
    assert _one("2.5 millones", "es")[0] == 2.5e6  # a point before 1 digit is a decimal
    assert _one("60%", "es")[3:] == ("%", "percent")
    assert _one("12 Prozent", "de")[3:] == ("%", "percent")


def test_spelled_numbers_scales_qualifiers_and_ranges() -> None:
    assert _one("más de dos millones de personas", "es") == (2e6, None, "more_than", "", "count")
    assert _one("circa tre milioni", "it")[:3] == (3e6, None, "about")
    assert _one("tussen 12 en 20 miljoen dollar", "nl") == (12e6, 20e6, "range", "USD", "money")
    assert _one("dai 1.500 ai 2.000 posti", "it")[:3] == (1500.0, 2000.0, "range")
    assert _one("el 15-20%", "es")[:2] == (15.0, 20.0)
    assert _one("miles de trabajadores", "es")[:3] == (1000.0, 10000.0, "range")
    # "un" alone is an article; "un millón" is a number.
    assert find_numbers_localised("un avión", "es") == []
    assert _one("un millón de euros", "es")[:4] == (1e6, None, "exact", "EUR")


def test_dates_periods_and_names_are_not_counts() -> None:
    assert _one("el 18 de junio de 2008", "es")[::4] == (20080618.0, "date")
    assert _one("op 29 februari", "nl")[::4] == (229.0, "date")
    assert _one("hace 25 años", "es")[3:] == ("year", "measure")
    assert _one("la compagnia Boeing 787 vola", "it")[4] == "other"
    assert _one("En 2010 se firmó", "es")[4] == "year"


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="lang should be one of"):
        find_numbers_localised("40", "en")


def _articles(*rows: tuple[str, str, str, str]) -> pl.DataFrame:
    """ARTICLES rows from (article_id, outlet, lang, body)."""
    return pl.DataFrame(
        [
            {c: None for c in ARTICLES}
            | {"article_id": a, "outlet": o, "title": "", "body": b, "lang": lang}
            for a, o, lang, b in rows
        ],
        schema=ARTICLES,
    )


def test_extract_numbers_reads_each_article_in_its_language() -> None:
    articles = _articles(
        ("es1", "El Diario", "es", "Firmaron un contrato de 40.000 millones de dólares."),
        ("en1", "Daily", "en", "They signed a contract worth 40.000 dollars."),
    )
    numbers = extract_numbers(articles)
    by_article = {r["article_id"]: r for r in numbers.iter_rows(named=True)}
    assert by_article["es1"]["value"] == 4e10 and by_article["es1"]["unit"] == "USD"
    assert by_article["es1"]["text"] == "40.000 millones de dólares"
    assert by_article["en1"]["value"] == 40.0  # English: the point is a decimal point
    # Without a lang column every article is read as English, as before.
    assert extract_numbers(articles.drop("lang")).filter(pl.col("article_id") == "es1")[
        "value"
    ].to_list() == [40.0]


STORY = _articles(
    ("en1", "Daily", "en", "The plant will create 44,000 jobs. Three people were hurt."),
    ("en2", "Courier", "en", "About 44,000 jobs are expected, officials said."),
    ("es1", "El Diario", "es", "La planta creará 44.000 empleos. Tres empresas protestaron."),
    ("it1", "Il Foglio", "it", "Lo stabilimento creerà 44.000 posti di lavoro."),
    ("nl1", "De Krant", "nl", "De fabriek levert 45.000 banen op."),
)


def test_the_same_figure_is_one_group_across_languages() -> None:
    claims = align_numbers_across_languages(extract_numbers(STORY), STORY)
    assert claims.schema == NUMBER_CLAIMS
    jobs = claims.filter(pl.col("value") == 44000.0)
    assert sorted(jobs["article_id"]) == ["en1", "en2", "es1", "it1"]
    # English "about 44,000" and "44,000" are compatible: the joined group keeps that.
    assert jobs["group_id"].n_unique() == 1 and set(jobs["status"]) == {"compatible"}
    reason = json.loads(jobs["reason"][0])
    assert reason["basis"] == "same value across languages"
    assert reason["languages"] == ["en", "es", "it"]
    assert reason["note"] == "counted not compared across languages"
    assert jobs["quantity"][0] == "jobs"  # the English group's label
    # A different figure in another language is never set against it (no conflict): what
    # it counts cannot be compared; small counts ("three") are not joined on value alone.
    assert "conflict" not in set(claims["status"])
    dutch = claims.filter(pl.col("article_id") == "nl1")
    assert dutch["group_id"].n_unique() == 1 and dutch["status"].to_list() == ["single"]
    three = claims.filter(pl.col("value") == 3.0)
    assert three["group_id"].n_unique() == 2


def test_a_figure_two_groups_of_one_language_state_joins_nothing() -> None:
    story = _articles(
        ("en1", "Daily", "en", "The firm has 300 suppliers in 40 states."),
        ("es1", "El Diario", "es", "Tiene 300 proveedores. Compró 300 camiones en 2010."),
    )
    claims = align_numbers_across_languages(extract_numbers(story), story)
    # Spanish states 300 twice ("proveedores", "camiones"): which is the English 300 is
    # unknown, so no cross-language group is made for it.
    english_300 = claims.filter((pl.col("article_id") == "en1") & (pl.col("value") == 300.0))
    group = claims.filter(pl.col("group_id") == english_300["group_id"][0])
    assert group["article_id"].to_list() == ["en1"]


def test_one_language_is_plain_alignment() -> None:
    story = STORY.filter(pl.col("lang") == "en")
    assert story_languages(STORY) == ["en", "es", "it", "nl"]
    claims = align_numbers_across_languages(extract_numbers(story), story)
    assert "same value across languages" not in "".join(claims["reason"])
    assert claims.filter(pl.col("value") == 44000.0)["article_id"].to_list() == ["en1", "en2"]


def test_a_headline_restating_its_body_goes_along() -> None:
    story = _articles(
        ("en1", "Daily", "en", "The bridge will cost 1.2 billion euros, the city said."),
        ("es1", "El Diario", "es", "El puente costará 1.200 millones de euros, dijo la ciudad."),
    ).with_columns(
        title=pl.Series(
            ["Bridge to cost 1.2 billion euros", "El puente costará 1.200 millones de euros"]
        )
    )
    claims = align_numbers_across_languages(extract_numbers(story), story)
    cost = claims.filter(pl.col("value") == 1.2e9)
    # Two articles, each with its headline and body: one group across both languages, one
    # claim per article (the body's).
    assert cost.height == 2 and cost["group_id"].n_unique() == 1
    assert cost["sentence_index"].to_list() == [0, 0]
