"""The app in a real browser: `streamlit run app.py` on localhost, driven by headless Chromium.

Checks what a journalist sees on a story page, that hostile article text is shown as text
and never runs, and saves the screenshot the README shows (docs/screenshot.png, from the
sample corpus when data/sample exists; otherwise into the test's temporary folder).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest
from corpus_factory import (
    BUDGET,
    DEMO_ARTICLES,
    DEMO_FACTS,
    DEMO_FRAMING,
    DEMO_NUMBERS,
    DEMO_QUOTES,
    DEMO_STORY_OF,
    FLOOD,
    HOSTILE_BODY,
    HOSTILE_TITLE,
    LONE,
    article,
    write_comparisons,
    write_corpus,
)

from clustering.corpus import Corpus
from clustering.pipeline import story_articles
from clustering.schema import FAILURES
from clustering.views import stories_page, story_page

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
SCREENSHOT = ROOT / "docs" / "screenshot.png"
CONFLICT_SHOT = ROOT / "docs" / "conflict.png"  # one flagged conflict, side by side
STORIES_SHOT = ROOT / "docs" / "stories.png"  # the stories page at 1400 px
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
        reason="headless Chromium is not installed (/usr/bin/chromium and /usr/bin/chromedriver): "
        "apt-get install chromium chromium-driver",
    ),
]
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

FAILED_COLUMNS = list(FAILURES)  # commit, part, article_id, story_id, file, line, type, error
LOAD_SECONDS = 90  # first page load: the server imports polars, altair, the pipeline


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve(corpus: Path) -> Iterator[str]:
    """`streamlit run app.py -- --corpus CORPUS` on a free localhost port; yields its URL."""
    port = _free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
        "--server.headless", "true", "--server.address", "127.0.0.1",
        "--server.port", str(port), "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false", "--client.toolbarMode", "minimal",
        "--", "--corpus", str(corpus),
    ]  # fmt: skip
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + LOAD_SECONDS
            while not _healthy(url):
                if server.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    output = log.read().decode(errors="replace")
                    raise RuntimeError(f"streamlit did not start:\n{output}")
                time.sleep(0.5)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
            return reply.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    options = Options()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-quic",
        "--disable-sync", "--window-size=1400,1800",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    yield driver
    driver.quit()


def open_story(driver, url: str, story_id: str) -> str:
    """Open the story page of a story of 2+ articles and wait until its last panel (the
    side-by-side diff) has rendered; returns the page's visible text."""
    driver.set_window_size(1400, 1800)
    driver.get(f"{url}/story?story={story_id}")
    WebDriverWait(driver, LOAD_SECONDS).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, 'div[style*="grid-template-columns"]')
    )
    # escape_markdown's invisible word joiners are not part of what a reader sees.
    return driver.find_element(By.TAG_NAME, "body").text.replace("\u2060", "")


def _in_code_articles(path: Path) -> Path:
    """JSON Lines of fictional articles: a ferry story told by three outlets, a school story
    by two, and one article alone."""
    rows = [
        ("Harbor Times", "2024-04-02T07:00:00Z", "Ferry runs aground off Gull Island, 40 rescued",
         'A passenger ferry ran aground off Gull Island on Tuesday and 40 people were rescued, '
         'the coastguard said. "Everyone is safe and accounted for," said coastguard chief Lena Ortiz. '
         "The ferry had left Port Avel at six in the morning."),
        ("Valley Gazette", "2024-04-02T09:30:00Z", "Dozens rescued as ferry hits rocks near Gull Island",
         'A ferry hit rocks near Gull Island on Tuesday and 45 passengers were rescued, officials said. '
         '"Everyone is safe," said coastguard chief Lena Ortiz. Divers inspected the damaged hull.'),
        ("Northern Wire", "2024-04-02T08:10:00Z", "Ferry aground off Gull Island; passengers rescued",
         'A passenger ferry ran aground off Gull Island on Tuesday and 40 people were rescued. '
         '"Everyone is safe and accounted for," said coastguard chief Lena Ortiz.'),
        ("Harbor Times", "2024-04-05T12:00:00Z", "Schools to stay open late for exams",
         "Secondary schools in the district will stay open until eight in the evening during the "
         "exam season, the education board said on Friday."),
        ("Valley Gazette", "2024-04-05T15:00:00Z", "Exam season: district schools open late",
         "District secondary schools will stay open until eight in the evening through the exam "
         "season, the education board announced on Friday."),
        ("Valley Gazette", "2024-04-09T10:00:00Z", "Botanic garden opens new glasshouse",
         "The botanic garden opened a new glasshouse for tropical plants on Tuesday."),
    ]  # fmt: skip
    file = path / "articles.jsonl"
    file.write_text(
        "".join(
            json.dumps({"outlet": o, "date": d, "title": t, "body": b}) + "\n"
            for o, d, t, b in rows
        ),
        encoding="utf-8",
    )
    return file


@pytest.fixture(scope="module")
def pipeline_corpus(tmp_path_factory, embedder) -> Corpus:
    """A corpus built by the real pipeline: from data/sample when it exists, else from
    in-code articles."""
    from clustering.pipeline import run

    has_sample = SAMPLE.is_dir() and any(SAMPLE.iterdir())
    out = tmp_path_factory.mktemp("browser") / "corpus"
    inputs = [SAMPLE] if has_sample else [_in_code_articles(out.parent)]
    return run(inputs, out, embedder=embedder).corpus


def test_conflict_side_by_side_is_marked_in_browser(browser, pipeline_corpus, tmp_path):
    """A number conflict of the real pipeline: its outlets' sentences side by side with the
    figures highlighted and why they were aligned; clicking "Flag wrong" stores the mark.
    The flag's screenshot is saved for a person to look at (docs/conflict.png from the
    sample; the test's temporary folder otherwise)."""
    from clustering import marks

    numbers = pipeline_corpus.scan_comparison("numbers").collect()
    conflicts = numbers.filter(pl.col("status") == "conflict").sort("story_id", "group_id")
    assert conflicts.height >= 2  # the sample's stories disagree on some figures
    story_id = conflicts["story_id"][0]
    # The page shows the story's conflicts first, earliest group by quantity: the first card.
    flags = story_page.number_flags(
        numbers.filter(pl.col("story_id") == story_id), story_articles(pipeline_corpus, story_id)
    )
    first = flags.filter(pl.col("group_id") == flags["group_id"][0])
    with serve(pipeline_corpus.path) as url:
        open_story(browser, url, story_id)
        # The page renders piece by piece: wait for the first flag's highlighted figures.
        flag = WebDriverWait(browser, LOAD_SECONDS).until(
            lambda d: next(
                (
                    c
                    for c in d.find_elements(By.CSS_SELECTOR, "div.storylens-side-by-side")
                    if len(c.find_elements(By.TAG_NAME, "mark")) == first.height
                ),
                None,
            )
        )
        figures = [m.text for m in flag.find_elements(By.TAG_NAME, "mark")]
        assert figures == first["text"].to_list()
        for outlet in first["outlet"].to_list():
            assert outlet in flag.text
        box = flag.find_element(By.XPATH, "./ancestor::div[@data-testid='stVerticalBlock'][1]")
        assert "Why aligned: Same counted thing:" in box.text.replace("\u2060", "")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
        time.sleep(0.5)
        has_sample = SAMPLE.is_dir() and any(SAMPLE.iterdir())
        shot = CONFLICT_SHOT if has_sample else tmp_path / "conflict.png"
        assert box.screenshot(str(shot))
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        wrong = next(b for b in box.find_elements(By.TAG_NAME, "button") if b.text == "Flag wrong")
        browser.execute_script("arguments[0].click()", wrong)  # never covered by a toast
        WebDriverWait(browser, LOAD_SECONDS).until(
            lambda d: "Flag marked wrong" in d.find_element(By.TAG_NAME, "body").text
        )
    log = marks.read_marks(pipeline_corpus)
    assert log.select("verdict", "group_id", "story_id").rows() == [
        ("wrong", first["group_id"][0], story_id)
    ]


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory) -> Corpus:
    """The demo corpus plus a story of two articles whose titles and bodies attack; the
    flood story's quote comparison raised (it has no quote rows) and one hostile
    article's number extraction did: FAILURES rows written through Corpus."""
    second = HOSTILE_BODY.replace("Monday", "Tuesday")
    hostile = [
        article("a-hostile-1", "Harbor Times", HOSTILE_TITLE, HOSTILE_BODY, datetime(2024, 3, 9, 9, tzinfo=UTC)),
        article("a-hostile-2", "Valley Gazette", "<b>Bridge</b> closed", second, datetime(2024, 3, 9, 11, tzinfo=UTC)),
    ]  # fmt: skip
    story_of = {**DEMO_STORY_OF, "a-hostile-1": "s-hostile", "a-hostile-2": "s-hostile"}
    corpus = write_corpus(
        tmp_path_factory.mktemp("hostile") / "corpus", DEMO_ARTICLES + hostile, story_of
    )
    write_comparisons(
        corpus,
        numbers=DEMO_NUMBERS,
        quotes=[q for q in DEMO_QUOTES if q["story_id"] != FLOOD],
        framing=DEMO_FRAMING,
        facts=DEMO_FACTS,
    )
    failed = [
        ("compare:quotes", None, FLOOD, None, None, "ValueError", "injected story fault"),
        ("extract:numbers", "a-hostile-2", "s-hostile", "fixture.jsonl", 1, "RuntimeError", "boom"),
    ]
    corpus.record_failures(
        pl.DataFrame(
            [dict(zip(FAILED_COLUMNS, (None, *row), strict=True)) for row in failed],
            schema=FAILURES,
            orient="row",
        )
    )
    return Corpus(corpus.path)


def test_story_page_in_browser_and_screenshot(browser, pipeline_corpus, tmp_path):
    stories = stories_page.story_table(
        pipeline_corpus.read("stories"), pipeline_corpus.read_comparisons()
    )
    richest = stories.row(0, named=True)
    assert richest["n_outlets"] >= 2  # the richest story compares at least two outlets
    cards = story_page.headlines(story_articles(pipeline_corpus, richest["story_id"])).head(9)
    with serve(pipeline_corpus.path) as url:
        text = open_story(browser, url, richest["story_id"])
        assert richest["headline"] in text
        for heading in ("Coverage", "Headlines and leads", "Numbers", "Quotes", "Framing"):
            assert heading in text
        assert "First to report:" in text
        for outlet in richest["outlets"]:
            assert outlet in text
        for title in cards["title"].to_list():  # the headline cards (the table is a canvas)
            assert title in text
        # The side-by-side diff rendered its highlighted spans.
        assert browser.find_elements(By.CSS_SELECTOR, 'span[style*="background-color"]')
        _collapse_sidebar(browser)
        # The README shows the top of the page: title, "as of", coverage, headlines, the
        # numbers and the first flag (the whole page, ~6,000 px tall, is unreadable there).
        browser.set_window_size(1400, 2700)
        time.sleep(1)  # let the charts re-layout to the taller window before the shot
        has_sample = SAMPLE.is_dir() and any(SAMPLE.iterdir())
        target = SCREENSHOT if has_sample else tmp_path / "screenshot.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        assert browser.save_screenshot(str(target))
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert target.stat().st_size > 20_000  # a rendered page, not a blank one


def _collapse_sidebar(driver) -> None:
    """The README shows the page, not the temporary corpus path in the sidebar."""
    collapse = driver.find_element(
        By.CSS_SELECTOR, '[data-testid="stSidebarCollapseButton"] button'
    )
    driver.execute_script("arguments[0].click()", collapse)
    sidebar = driver.find_element(By.CSS_SELECTOR, '[data-testid="stSidebar"]')
    WebDriverWait(driver, 10).until(lambda d: sidebar.get_attribute("data-collapsed") == "true")


def test_stories_page_shows_flags_first_at_1400px(browser, pipeline_corpus, tmp_path):
    """At 1400 px, sidebar open, the stories table shows its "open", "numbers" and "quotes"
    columns in the viewport, with the flags of the rows shown. The grid is a canvas: its
    accessible table holds only the columns and rows drawn in view, so a column scrolled
    off is not in it."""
    stories = stories_page.story_table(
        pipeline_corpus.read("stories"), pipeline_corpus.read_comparisons()
    )
    assert stories["has_number_conflict"].any()  # the sample has conflicts to show
    with serve(pipeline_corpus.path) as url:
        browser.set_window_size(1400, 1000)
        browser.get(url)
        grid = WebDriverWait(browser, LOAD_SECONDS).until(
            lambda d: d.find_element(By.CSS_SELECTOR, '[data-testid="stDataFrame"]')
        )
        cells = WebDriverWait(browser, LOAD_SECONDS).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, '[data-testid="stDataFrame"] td')
        )
        assert cells
        headers = [
            th.get_attribute("textContent")
            for th in grid.find_elements(By.CSS_SELECTOR, "th[role=columnheader]")
        ]
        assert headers[:4] == ["story", "numbers", "quotes", "headline"]
        width = browser.execute_script("return window.innerWidth")
        assert grid.rect["x"] >= 0 and grid.rect["x"] + grid.rect["width"] <= width
        # Each drawn row's flags read as the story table says.
        rows = grid.find_elements(By.CSS_SELECTOR, "tbody tr[role=row]")
        seen = {"conflict": 0, "reworded": 0}
        for row in rows:
            index = int(row.get_attribute("aria-rowindex")) - 2  # 1 is the header row
            expected = stories.row(index, named=True)
            texts = {
                td.get_attribute("aria-colindex"): td.get_attribute("textContent")
                for td in row.find_elements(By.TAG_NAME, "td")
            }
            assert texts["1"] == f"story?story={expected['story_id']}"
            conflict = (
                "conflict"
                if expected["has_number_conflict"]
                else "update"
                if expected["has_number_update"]
                else ""
            )
            reworded = "reworded" if expected["has_quote_difference"] else ""
            assert (texts["2"], texts["3"]) == (conflict, reworded)
            seen["conflict"] += conflict != ""
            seen["reworded"] += reworded != ""
        assert len(rows) >= 5 and seen["conflict"] and seen["reworded"]
        _collapse_sidebar(browser)
        time.sleep(1)
        has_sample = SAMPLE.is_dir() and any(SAMPLE.iterdir())
        target = STORIES_SHOT if has_sample else tmp_path / "stories.png"
        assert browser.save_screenshot(str(target))
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def hostile_app(hostile_corpus) -> Iterator[str]:
    with serve(hostile_corpus.path) as url:
        yield url


def test_hostile_text_is_shown_literally_and_never_runs(browser, hostile_app):
    text = open_story(browser, hostile_app, "s-hostile")
    assert browser.title != "pwned"
    assert browser.execute_script("return document.title") != "pwned"
    scripts = browser.find_elements(By.TAG_NAME, "script")
    assert not [s for s in scripts if "pwned" in (s.get_attribute("innerHTML") or "")]
    assert not browser.find_elements(By.CSS_SELECTOR, "img[onerror], img[src='x']")
    # No link made of the text (a heading's own "#anchor" link is not one).
    links = browser.find_elements(
        By.CSS_SELECTOR, "a[href^='javascript'], a[href*='evil']:not([href^='#'])"
    )
    assert not links
    # The literal text is visible (":material/home:" too, not an icon): in the title, the
    # headline card, the lead, the diff.
    assert text.count(HOSTILE_TITLE) >= 2
    assert (
        "<script>document.title='pwned'</script> The council closed the bridge on Monday." in text
    )
    assert "# Not a heading. `code` and <b>bold</b> stay literal." in text
    assert "<b>Bridge</b> closed" in text
    deleted = browser.find_elements(By.CSS_SELECTOR, 'span[style*="line-through"]')
    assert "Monday" in [span.text for span in deleted]


def test_selecting_a_row_opens_its_story_page(browser, hostile_app):
    browser.set_window_size(1400, 1800)
    browser.get(hostile_app)
    grid = WebDriverWait(browser, LOAD_SECONDS).until(
        lambda d: d.find_element(By.CSS_SELECTOR, '[data-testid="stDataFrame"] canvas')
    )
    # The grid is drawn on a canvas: click the selection box of the first row (the flood
    # story, covered by most outlets), just below the 35-pixel header row.
    ActionChains(browser).move_to_element_with_offset(
        grid, -grid.size["width"] // 2 + 18, -grid.size["height"] // 2 + 35 + 17
    ).click().perform()
    WebDriverWait(browser, LOAD_SECONDS).until(lambda d: d.current_url.endswith(f"?story={FLOOD}"))
    # the click itself navigated: wait for this page's own content, no reload
    first = "First to report: Harbor Times at 2024-03-04 06:30 UTC"
    WebDriverWait(browser, LOAD_SECONDS).until(
        lambda d: first in d.find_element(By.TAG_NAME, "body").text.replace("\u2060", "")
    )
    text = browser.find_element(By.TAG_NAME, "body").text.replace("\u2060", "")
    assert "River floods force 1,200 from homes" in text


def test_export_downloads_a_csv(browser, hostile_app, tmp_path):
    browser.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)}
    )
    browser.get(f"{hostile_app}/export")
    buttons = WebDriverWait(browser, LOAD_SECONDS).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, '[data-testid="stDownloadButton"] button')
    )
    assert [b.text for b in buttons][:3] == ["stories.csv", "articles.csv", "rejects.csv"]
    buttons[0].click()  # the file is built on the click (deferred), then downloaded
    done = tmp_path / "stories.csv"
    WebDriverWait(browser, LOAD_SECONDS).until(lambda d: done.exists() and done.stat().st_size)
    stories = pl.read_csv(done)
    assert stories.height == 4
    assert set(stories["story_id"]) == {FLOOD, BUDGET, LONE, "s-hostile"}


def _body_text(driver) -> str:
    return driver.find_element(By.TAG_NAME, "body").text.replace("\u2060", "")


def test_failed_parts_are_said_on_the_overview_and_the_story_page(browser, hostile_app, tmp_path):
    """A corpus whose last update recorded failures: the overview says how many articles
    and stories had a part fail, and the story page whose quote comparison raised says so
    at the top, says why its Quotes panel is empty, and shows the rest of the story."""
    browser.set_window_size(1400, 1400)
    browser.get(hostile_app)
    summary = (
        "1 article and 1 story had a part fail in the last update (quote comparison 1, "
        "number extraction 1). Each keeps every other part"
    )
    WebDriverWait(browser, LOAD_SECONDS).until(lambda d: summary in _body_text(d))
    alert = browser.find_element(By.CSS_SELECTOR, '[data-testid="stAlert"]')
    assert summary in alert.text.replace("\u2060", "")
    assert "Failed parts (2)" in _body_text(browser)
    # The stories are listed below it, all of them.
    WebDriverWait(browser, LOAD_SECONDS).until(
        lambda d: (
            "4 of 4 stories, most outlets first." in _body_text(d)
            and d.find_elements(By.CSS_SELECTOR, '[data-testid="stDataFrame"]')
        )
    )

    text = open_story(browser, hostile_app, FLOOD)
    notice = (
        "The quote comparison failed for this story (ValueError: injected story fault): the "
        "Quotes panel is empty because of it; everything else on this page is shown."
    )
    assert notice in text
    assert "Not available: the quote comparison failed for this story" in text
    assert "No direct quotes in this story." not in text
    # The rest of the story: its coverage, headlines, numbers flag, facts and diff.
    for shown in ("First to report: Harbor Times at 2024-03-04 06:30 UTC", "Flagged numbers, side by side",
                  "Reported by most outlets", "Only this outlet reports", "Compare two articles"):  # fmt: skip
        assert shown in text
    assert text.index(notice) < text.index("Coverage")  # said at the top, before the panels
    browser.execute_script("window.scrollTo(0, 0)")
    assert browser.save_screenshot(str(tmp_path / "failed-story.png"))
    assert (tmp_path / "failed-story.png").stat().st_size > 20_000
