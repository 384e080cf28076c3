"""What a journalist sees of this session's reading fixes in a real browser (headless
Chromium, as test_browser.py): the timeline's outlet names whole and its ticks dated, and
a long framing-marks card scrolling inside its own box. The corpus is written in code
(no model): fictional outlets with long names, a story run over two weeks."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from corpus_factory import DEMO_FRAMING, article, write_comparisons, write_corpus
from test_browser import (  # noqa: F401  (fixtures: browser)
    LOAD_SECONDS,
    By,
    WebDriverWait,
    browser,
    pytestmark,  # the browser marks and the Chromium skip of test_browser.py
    serve,
)

from clustering.views import story_page

STORY = "s-longnames000"
NAMES = ["The Northern Harbour Chronicle", "Western Valley Evening Gazette"]


@pytest.fixture(scope="module")
def long_names_corpus(tmp_path_factory):
    """Two outlets with names Vega cut at 180 px, over two weeks; the first outlet's
    article has 26 slanted sentences, the second's one."""
    body = " ".join(f"Officials said the toll {i} was rising fast." for i in range(30))
    rows = [
        article("a-long-1", NAMES[0], "Toll rises", body, datetime(2024, 3, 1, 9, tzinfo=UTC)),
        article("a-long-2", NAMES[1], "Toll rises", "Officials said the toll was rising.",
                datetime(2024, 3, 14, 12, tzinfo=UTC)),
    ]  # fmt: skip
    corpus = write_corpus(
        tmp_path_factory.mktemp("longnames") / "corpus",
        rows,
        {r["article_id"]: STORY for r in rows},
    )
    slanted = [
        {"sentence_index": i, "start": None, "end": None, "score": 0.9, "exclusive": True}
        for i in range(26)
    ]
    write_comparisons(
        corpus,
        framing=[
            {**DEMO_FRAMING[0], "story_id": STORY, "outlet": NAMES[0], "article_id": "a-long-1",
             "slanted_sentences": slanted, "loaded_marks": []},
            {**DEMO_FRAMING[0], "story_id": STORY, "outlet": NAMES[1], "article_id": "a-long-2",
             "slanted_sentences": slanted[:1], "loaded_marks": []},
        ],
    )  # fmt: skip
    return corpus


def test_timeline_and_framing_cards_read_whole(browser, long_names_corpus, tmp_path):  # noqa: F811
    with serve(long_names_corpus.path) as url:
        browser.set_window_size(1400, 1800)
        browser.get(f"{url}/story?story={STORY}")
        labels = WebDriverWait(browser, LOAD_SECONDS).until(
            lambda d: (
                [
                    t.get_attribute("textContent")
                    for t in d.find_elements(
                        By.CSS_SELECTOR, '[data-testid="stVegaLiteChart"] text'
                    )
                ]
                or None
            )
        )
        # Each outlet named whole on the axis (Vega's default cut them with "…").
        assert set(NAMES) <= set(labels)
        assert not [label for label in labels if label.endswith("…")]
        # A story of two weeks: ticks are dates (YYYY-MM-DD), not "Sat 13" week ticks.
        ticks = [label for label in labels if label[:4] == "2024"]
        assert ticks and all(len(t) == 10 and t[4] == t[7] == "-" for t in ticks)
        WebDriverWait(browser, LOAD_SECONDS).until(
            lambda d: "Framing marks in context" in d.find_element(By.TAG_NAME, "body").text
        )
        boxes = browser.find_elements(By.CSS_SELECTOR, 'div[style*="overflow-y:auto"]')
        sizes = [
            browser.execute_script(
                "return [arguments[0].clientHeight, arguments[0].scrollHeight]", b
            )
            for b in boxes
        ]
        # The long card stops at FRAMING_CARD_HEIGHT and scrolls; the short one does not.
        assert len(sizes) == 2
        (long_client, long_scroll), (short_client, short_scroll) = sizes
        assert long_client == story_page.FRAMING_CARD_HEIGHT < long_scroll
        assert short_client == short_scroll < story_page.FRAMING_CARD_HEIGHT
        assert browser.save_screenshot(str(tmp_path / "long-names.png"))
