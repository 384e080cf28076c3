"""The app as a journalist reads it on inputs as users have them (issue 16): bare text
files with no outlet and no date, dates without times, long tables; through Streamlit's
AppTest. Each test is a defect seen by eye on a real corpus (news-please, plain text),
rebuilt here from fictional articles."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from corpus_factory import article, write_comparisons, write_corpus
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")
PLAIN = "s-plain0000000"


def story_page(corpus_path: Path, story_id: str) -> AppTest:
    """The story page of `story_id`, run without an exception."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["corpus"] = str(corpus_path)
    at.run()
    at.switch_page("app_pages/story.py")
    at.query_params["story"] = story_id
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture(scope="module")
def plain_corpus(tmp_path_factory):
    """A story of three bare text files (`storylens run plain-text/`): no outlet, no date."""
    rows = [
        article(
            f"a-plain-{i}", "", f"Tariffs delayed {i}", "The White House delayed tariffs.", None
        )
        for i in range(3)
    ]
    path = tmp_path_factory.mktemp("plain") / "corpus"
    corpus = write_corpus(path, rows, {row["article_id"]: PLAIN for row in rows})
    write_comparisons(corpus)  # as `run` writes them: no rows for an uncompared story
    return corpus


def test_story_of_undated_articles_opens(plain_corpus):
    """No article of the story has a date: the page renders (it raised "- not allowed on
    datetime and null" in the coverage table), every outlet cell reads "undated"."""
    at = story_page(plain_corpus.path, PLAIN)
    coverage = at.dataframe[0].value
    assert coverage["first_published"].tolist() == ["undated"]
    assert coverage["hours_after_first"].tolist() == [""]
    assert "Compare two articles" in [h.value for h in at.header]


def test_story_of_unknown_outlets_says_so(plain_corpus):
    """Articles whose outlet is not known read "outlet not known", never "0 outlets"
    beside "3 articles", nor an empty outlet cell."""
    at = story_page(plain_corpus.path, PLAIN)
    caption = at.caption[0].value
    assert "0 outlets" not in caption
    assert caption.startswith("3 articles · outlet not known")
    assert at.dataframe[0].value["outlet"].tolist() == ["(unknown outlet)"]


def test_story_not_compared_says_why(plain_corpus, tmp_path):
    """A story of one outlet, or of articles naming none, is never compared: its page says
    so once, instead of "No numbers stated in this story." and "No direct quotes in this
    story." of articles full of both (the pasted Evening Standard page, the bare texts)."""
    for path, story, who in (
        (plain_corpus.path, PLAIN, "articles that name no outlet"),
        (_one_outlet_corpus(tmp_path), "s-one000000000", "one outlet"),
    ):
        at = story_page(path, story)
        assert [i.value for i in at.info] == [
            "Not compared: numbers, quotes, framing and facts are compared between outlets, "
            f"and this story has {who}. Its articles are shown above and can be compared "
            "side by side below."
        ]
        captions = [c.value for c in at.caption]
        assert "No numbers stated in this story." not in captions
        assert "No direct quotes in this story." not in captions
        headers = [h.value for h in at.header]
        assert "Numbers" not in headers and "Quotes" not in headers
        assert headers[-1] == "Compare two articles"


def _one_outlet_corpus(tmp_path: Path):
    """Two articles of one outlet, with their comparison tables written empty (the compare
    stage skips a story of one outlet)."""
    rows = [
        article(
            f"a-one-{i}",
            "Evening Standard",
            "Ukrainian officials arrive in Turkey",
            '"We want peace," the minister said. 12 delegates came.',
            datetime(2025, 5, 1, 9 + i, tzinfo=UTC),
        )
        for i in range(2)
    ]
    corpus = write_corpus(tmp_path / "one", rows, {r["article_id"]: "s-one000000000" for r in rows})
    write_comparisons(corpus)
    return corpus.path
