"""A story told in three languages, in a real browser: the languages at the top, each
headline card with its language, the same figures aligned across languages and a quote's
translations grouped and marked translated. The articles are fictional, written here; the
comparison is the library's own (compare_corpus with the packaged models). The Spanish
quote is in « », the Italian one in curly marks."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import polars as pl
import pytest
from corpus_factory import article, write_corpus
from selenium.webdriver.common.by import By
from test_browser import browser, open_story, pytestmark, serve  # noqa: F401

from clustering.compare import compare_corpus
from clustering.corpus import Corpus
from clustering.embed import embedder_for

BRIDGE = [
    ("a-en", "Harbor Times", "en", "New harbour bridge to cost 1.2 billion euros",
     "The new harbour bridge will cost 1.2 billion euros and create 3,500 jobs, the city said "
     'on Monday. "The new bridge will open to traffic next spring," said mayor Maria Lopez.'),
    ("a-es", "El Diario", "es", "El nuevo puente del puerto costará 1.200 millones de euros",
     "El nuevo puente del puerto costará 1.200 millones de euros y creará 3.500 empleos, "
     "informó el lunes la ciudad. «El nuevo puente se abrirá al tráfico la próxima "
     "primavera», dijo la alcaldesa Maria Lopez."),
    ("a-it", "Il Foglio", "it", "Il nuovo ponte del porto costerà 1,2 miliardi di euro",
     "Il nuovo ponte del porto costerà 1,2 miliardi di euro e creerà 3.500 posti di lavoro, "
     "ha annunciato lunedì la città. “Il nuovo ponte sarà aperto al traffico la prossima "
     "primavera”, ha detto la sindaca Maria Lopez."),
]  # fmt: skip


@pytest.fixture(scope="module")
def languages_corpus(tmp_path_factory, embedder) -> Corpus:
    rows = [
        article(a, outlet, title, body, datetime(2024, 5, 6, 9 + i, tzinfo=UTC), lang=lang)
        for i, (a, outlet, lang, title, body) in enumerate(BRIDGE)
    ]
    corpus = write_corpus(
        tmp_path_factory.mktemp("languages") / "corpus", rows, {r[0]: "s-bridge" for r in BRIDGE}
    )
    # As the pipeline does: the embedder resolved for the corpus's languages (a blend of
    # MiniLM and the multilingual USE here).
    compare_corpus(corpus, embedder_for(embedder, [r[2] for r in BRIDGE]))
    return corpus


def test_the_comparison_aligns_figures_and_quotes_across_languages(languages_corpus):
    numbers = languages_corpus.scan_comparison("numbers").collect()
    cost = numbers.filter(pl.col("value") == 1.2e9)
    assert sorted(cost["article_id"]) == ["a-en", "a-es", "a-it"]
    assert cost["group_id"].n_unique() == 1 and set(cost["status"]) == {"agree"}
    assert json.loads(cost["reason"][0])["languages"] == ["en", "es", "it"]
    jobs = numbers.filter(pl.col("value") == 3500.0)
    assert jobs["group_id"].n_unique() == 1 and jobs.height == 3
    quotes = languages_corpus.scan_comparison("quotes").collect()
    bridge = quotes.filter(pl.col("text").str.contains("(?i)bridge|puente|ponte"))
    assert bridge["group_id"].n_unique() == 1 and set(bridge["status"]) == {"shared"}
    assert dict(zip(bridge["article_id"], bridge["translated"], strict=True)) == {
        "a-en": False,
        "a-es": True,
        "a-it": True,
    }


def test_story_page_shows_languages_and_translations(browser, languages_corpus, tmp_path):  # noqa: F811
    with serve(languages_corpus.path) as url:
        text = open_story(browser, url, "s-bridge")
        assert "Languages: en, es, it" in text
        for _, outlet, lang, title, _ in BRIDGE:
            assert f"{outlet} · {lang} ·" in text  # the headline card's caption
            assert title in text
        # The quote's versions in three languages: one group, marked translated.
        assert "Maria Lopez: The new bridge will open to traffic next spring, · translated" in text
        assert "translated, matched by meaning across languages" in text
        cards = browser.find_elements(By.CSS_SELECTOR, "div.storylens-side-by-side")
        quote_card = next(c for c in cards if "Il Foglio" in c.text and "primavera" in c.text)
        assert quote_card.text.count("translated") == 2  # the es and it versions' subtitles
        shot = tmp_path / "languages.png"
        height = browser.execute_script(
            "return document.querySelector('[data-testid=\"stMain\"]').scrollHeight"
        )
        browser.set_window_size(1400, min(max(1800, height + 120), 6000))
        assert browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000
