"""The story page's framing marks in a real browser (headless Chromium, as test_browser.py).

The corpus is built by the real pipeline from the bundled sample, so the marks are the
shipped models' own; the screenshot of the panel goes to the test's temporary folder for a
person to look at.
"""

from __future__ import annotations

import polars as pl
import pytest
from test_browser import (  # noqa: F401  (fixtures: browser, pipeline_corpus)
    LOAD_SECONDS,
    By,
    WebDriverWait,
    browser,
    pipeline_corpus,
    pytestmark,  # the browser marks and the Chromium skip of test_browser.py
    serve,
)


def test_framing_marks_are_highlighted_in_their_sentences(browser, pipeline_corpus, tmp_path):  # noqa: F811
    framing = pipeline_corpus.read_comparisons()["framing"]
    marked = framing.filter(pl.col("loaded_marks").list.len() > 0)
    if marked.height == 0:
        pytest.skip("no story of this corpus has a loaded-language mark")
    story_id = marked["story_id"][0]
    words = [m["text"] for m in marked["loaded_marks"][0]]
    with serve(pipeline_corpus.path) as url:
        browser.set_window_size(1400, 1800)
        browser.get(f"{url}/story?story={story_id}")
        WebDriverWait(browser, LOAD_SECONDS).until(
            lambda d: "Framing marks in context" in d.find_element(By.TAG_NAME, "body").text
        )
        heading = next(
            h
            for h in browser.find_elements(By.TAG_NAME, "h3")
            if "Framing marks in context" in h.text
        )
        browser.execute_script("arguments[0].scrollIntoView();", heading)
        highlighted = [m.text for m in browser.find_elements(By.TAG_NAME, "mark")]
        assert set(words) <= set(highlighted)
        body = browser.find_element(By.TAG_NAME, "body").text
        assert "Against BASIL's annotators on held-out articles" in body
        assert "(about " in body or "(target unknown" in body
        assert browser.save_screenshot(str(tmp_path / "framing.png"))
