"""Quotes across languages (clustering.compare.quote_groups.match_translations). The quotes are
written here: a spokesman's words in English, and their Spanish and Italian translations."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from clustering.compare.quote_groups import (
    QUOTE_GROUPS,
    align_quotes,
    match_translations,
    multilingual_encoder,
    quotes_json,
)
from clustering.config import CompareConfig
from clustering.embed import UniversalSentenceEncoder
from clustering.schema import ARTICLES, QUOTES

QUOTED = [
    # article_id, outlet, lang, quote_index, speaker, text
    ("en1", "Daily", "en", 0, "Maria Lopez", "The new bridge will open to traffic next spring."),
    ("en1", "Daily", "en", 1, "Maria Lopez", "We are deeply grateful to the volunteers."),
    ("es1", "El Diario", "es", 0, "Maria Lopez", "El nuevo puente se abrirá al tráfico la próxima primavera."),
    ("es1", "El Diario", "es", 1, "Maria Lopez", "Estamos profundamente agradecidos a los voluntarios."),
    ("it1", "Il Foglio", "it", 0, "Maria Lopez", "Il nuovo ponte sarà aperto al traffico la prossima primavera."),
    ("it1", "Il Foglio", "it", 1, None, "Le tasse sul carburante aumenteranno a gennaio."),
]  # fmt: skip


def _frames() -> tuple[pl.DataFrame, pl.DataFrame]:
    articles = pl.DataFrame(
        [
            {c: None for c in ARTICLES} | {"article_id": a, "outlet": o, "lang": lang}
            for a, o, lang in dict.fromkeys((q[0], q[1], q[2]) for q in QUOTED)
        ],
        schema=ARTICLES,
    )
    quotes = pl.DataFrame(
        [
            {c: None for c in QUOTES}
            | {"article_id": a, "quote_index": i, "speaker": s, "text": t, "is_partial": False}
            | {"is_truncated": False}
            for a, _, _, i, s, t in QUOTED
        ],
        schema=QUOTES,
    )
    return quotes, articles


class _Topics:
    """A stand-in multilingual encoder: a text's vector is its topic (bridge, volunteers,
    fuel), found by a keyword of any of the three languages."""

    words = (("bridge", "puente", "ponte"), ("volunteers", "voluntarios"), ("carburante",))

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(self.words)), dtype=np.float32)
        for i, text in enumerate(texts):
            for j, keys in enumerate(self.words):
                out[i, j] = any(k in text.lower() for k in keys)
        return out


def test_translations_join_one_group_marked_translated() -> None:
    quotes, articles = _frames()
    words_only = align_quotes(quotes, articles)
    assert words_only["group_id"].n_unique() == 6  # no two quotes share their words
    groups = match_translations(words_only, articles, _Topics(), threshold=90.0)
    assert groups.schema == QUOTE_GROUPS
    bridge = groups.filter(pl.col("text").str.contains("(?i)bridge|puente|ponte"))
    assert bridge["group_id"].n_unique() == 1
    # The English version is the reference; the others are translations, never rewordings.
    assert bridge["article_id"].to_list() == ["en1", "es1", "it1"]
    assert bridge["translated"].to_list() == [False, True, True]
    assert bridge["similarity"].to_list()[1:] == pytest.approx([100.0, 100.0])
    assert bridge["diff"].to_list()[1:] == [[], []]
    assert set(bridge["status"]) == {"shared"} and set(bridge["speaker"]) == {"Maria Lopez"}
    volunteers = groups.filter(pl.col("text").str.contains("(?i)volunt"))
    assert volunteers["group_id"].n_unique() == 1 and volunteers.height == 2
    fuel = groups.filter(pl.col("article_id") == "it1", pl.col("quote_index") == 1)
    assert fuel["status"].to_list() == ["single"] and fuel["translated"].to_list() == [False]
    # Shared groups first: the three-outlet quote leads.
    assert groups["group_id"][0] == bridge["group_id"][0]
    versions = quotes_json(groups)[0]["versions"]
    assert [v["translated"] for v in versions] == [False, True, True]


def test_one_version_per_language_and_one_language_is_left_alone() -> None:
    quotes, articles = _frames()
    # Spanish has two quotes of Maria Lopez: each group holds at most one per language.
    groups = match_translations(align_quotes(quotes, articles), articles, _Topics(), 90.0)
    per_group = groups.join(articles.select("article_id", "lang"), on="article_id")
    counts = per_group.group_by("group_id", "lang").len()
    assert counts["len"].max() == 1
    english = articles.filter(pl.col("lang") == "en")
    only_english = align_quotes(quotes, english)
    assert match_translations(only_english, english, _Topics()).equals(only_english)
    assert match_translations(only_english, articles, None).equals(only_english)


def test_groups_stored_before_the_column_read_as_not_translated() -> None:
    quotes, articles = _frames()
    old = align_quotes(quotes, articles).drop("translated")
    assert all(not v["translated"] for g in quotes_json(old) for v in g["versions"])


def test_the_multilingual_encoder_matches_real_translations() -> None:
    """The packaged Universal Sentence Encoder at the shipped threshold."""
    quotes, articles = _frames()
    encoder = multilingual_encoder(UniversalSentenceEncoder())
    assert encoder is not None
    groups = match_translations(align_quotes(quotes, articles), articles, encoder)
    bridge = groups.filter(pl.col("text").str.contains("(?i)bridge|puente|ponte"))
    assert bridge["group_id"].n_unique() == 1 and bridge.height == 3
    assert min(bridge["similarity"]) >= CompareConfig().quote_translation_similarity
    volunteers = groups.filter(pl.col("text").str.contains("(?i)volunt"))
    assert volunteers["group_id"].n_unique() == 1
    # The fuel-tax quote is about something else: it stays alone.
    fuel = groups.filter(pl.col("text").str.contains("carburante"))
    assert groups.filter(pl.col("group_id") == fuel["group_id"][0]).height == 1


def test_an_english_only_embedder_has_no_multilingual_part() -> None:
    assert multilingual_encoder(_Topics()) is None  # type: ignore[arg-type]


def test_views_show_translations_as_such() -> None:
    from clustering.views import story_page

    quotes, articles = _frames()
    groups = match_translations(align_quotes(quotes, articles), articles, _Topics(), 90.0)
    matrix = story_page.quote_matrix(groups)
    bridge = matrix.filter(pl.col("n_outlets") == 3).row(0, named=True)
    # The quote shown is the English reference, not the longer Italian translation.
    assert bridge["quote"] == "The new bridge will open to traffic next spring."
    assert (bridge["Daily"], bridge["El Diario"], bridge["Il Foglio"]) == (
        "verbatim",
        "translated",
        "translated",
    )
    flags = story_page.quote_flags(groups, articles.with_columns(body=pl.lit("")))
    shown = flags.filter(pl.col("group_id") == bridge["group_id"])
    assert shown["wording"].to_list() == ["verbatim", "translated", "translated"]
    assert shown["why"][0].endswith("translated, matched by meaning across languages")
    assert "Against the longest version" not in story_page.quote_flag_html(shown)


@pytest.mark.parametrize(
    ("body", "verb"),
    [
        ("“El nuevo puente se abrirá al tráfico la próxima primavera”, dijo la alcaldesa "
         "Maria Lopez.", "dijo"),
        ("“Il nuovo ponte sarà aperto al traffico la prossima primavera”, ha detto la sindaca "
         "Maria Lopez.", "ha detto"),
    ],
)  # fmt: skip
def test_attribution_verbs_of_other_languages(body: str, verb: str) -> None:
    from clustering.extract.quotes import extract_quotes

    articles = pl.DataFrame(
        [{c: None for c in ARTICLES} | {"article_id": "x", "title": "", "body": body}],
        schema=ARTICLES,
    )
    quotes = extract_quotes(articles)
    assert quotes.select("speaker", "verb").rows() == [("Maria Lopez", verb)]


@pytest.mark.parametrize(
    "body",
    [
        "«El nuevo puente se abrirá al tráfico la próxima primavera», dijo la alcaldesa Maria Lopez.",
        "« Le nouveau pont ouvrira à la circulation au printemps prochain », a déclaré la maire "
        "Maria Lopez.",
        # (German nouns are capitalised: "sagte Bürgermeisterin Maria Lopez" still gives
        # the title as part of the name - the speaker step's, left as it is.)
        "„Die neue Brücke wird im nächsten Frühjahr für den Verkehr geöffnet“, sagte Maria Lopez.",
    ],
)
def test_guillemets_and_low_high_marks_are_quotes(body: str) -> None:
    from clustering.extract.quotes import extract_quotes

    articles = pl.DataFrame(
        [{c: None for c in ARTICLES} | {"article_id": "x", "title": "", "body": body}],
        schema=ARTICLES,
    )
    quotes = extract_quotes(articles)
    assert quotes.height == 1
    row = quotes.row(0, named=True)
    # Offsets are the original body's: the marks were read in place, nothing moved.
    assert body[row["start"] : row["end"]] == row["text"]
    assert row["text"].split()[0] in ("El", "Le", "Die") and row["text"][-1] != " "
    assert row["speaker"] == "Maria Lopez"
