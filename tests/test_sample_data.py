"""The bundled sample corpus (data/sample/) is well-formed and its gold set agrees with it.

The gold files in benchmarks/gold/ are what extraction and comparison are scored against, so
every span they name must be found verbatim in its article, every number and quote of an
annotated article must be annotated, and the group statuses must follow from the values.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
GOLD = ROOT / "benchmarks" / "gold"

KINDS = {"count", "money", "percent", "measure", "date", "time", "age", "year", "ordinal"}
COMPARED_KINDS = {"count", "money", "percent", "measure"}
QUALIFIERS = {
    "exact", "more_than", "at_least", "about", "nearly", "up_to", "less_than", "at_most", "range"
}  # fmt: skip
JSONL_KEYS = {"id", "outlet", "url", "title", "body", "published_at", "author", "section"}
QUOTE_MARKS = '"\u201c\u201d'
# Number words that must lie inside an annotated number wherever they occur in a body.
NUMBER_WORDS = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty"
    r"|fifty|hundred|thousand|million|billion|dozens?|first|second|third|fourth|fifth)\b",
    re.IGNORECASE,
)
# A photo caption inside a pasted page: no sentence punctuation, ends with a credit.
CAPTION = re.compile(r"^[^.!?\u201d\"]*\([^()]+\)$")


class _ArticleParagraphs(HTMLParser):
    """Text of the plain <p> elements (no attributes) inside <article>."""

    def __init__(self) -> None:
        super().__init__()
        self.paragraphs: list[str] = []
        self._in_article = False
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self._in_article = True
        elif tag == "p" and self._in_article and not attrs:
            self._current = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article = False
        elif tag == "p" and self._current is not None:
            self.paragraphs.append("".join(self._current))
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)


def _web_body(path: Path) -> str:
    parser = _ArticleParagraphs()
    parser.feed(path.read_text(encoding="utf-8"))
    return "\n\n".join(parser.paragraphs)


def _pasted_body(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("(Photo: ")) + 1
    end = lines.index("Sign up to read this article")
    kept = [line for line in lines[start:end] if line and not CAPTION.match(line)]
    return "\n\n".join(kept)


@pytest.fixture(scope="module")
def jsonl_records() -> list[dict]:
    with open(SAMPLE / "articles.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="module")
def bodies(jsonl_records: list[dict]) -> dict[str, str]:
    """Article id -> body, for the JSONL records and the pasted/web files (id = file name)."""
    out = {record["id"]: record["body"] for record in jsonl_records}
    for path in sorted((SAMPLE / "web").glob("*.html")):
        out[f"web/{path.name}"] = _web_body(path)
    for path in sorted((SAMPLE / "pasted").glob("*.txt")):
        out[f"pasted/{path.name}"] = _pasted_body(path)
    return out


@pytest.fixture(scope="module")
def events() -> dict[str, str]:
    with open(GOLD / "sample_events.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len({row["id"] for row in rows}), "an id is listed twice"
    return {row["id"]: row["event"] for row in rows}


@pytest.fixture(scope="module")
def outlets(jsonl_records: list[dict]) -> dict[str, str]:
    out = {record["id"]: record["outlet"] for record in jsonl_records}
    for path in (SAMPLE / "web").glob("*.html"):
        match = re.search(r'property="og:site_name" content="([^"]+)"', path.read_text("utf-8"))
        assert match, path
        out[f"web/{path.name}"] = match.group(1)
    for path in (SAMPLE / "pasted").glob("*.txt"):
        lines = path.read_text(encoding="utf-8").splitlines()
        out[f"pasted/{path.name}"] = lines[lines.index("Start reading") + 1]
    return out


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads((GOLD / "compare_gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def duplicates() -> dict[str, str]:
    with open(GOLD / "sample_duplicates.csv", encoding="utf-8", newline="") as f:
        return {row["id"]: row["duplicate_of"] for row in csv.DictReader(f)}


# --------------------------------------------------------------------------- the sample


def test_sample_folder_holds_only_inputs() -> None:
    files = sorted(str(p.relative_to(SAMPLE)) for p in SAMPLE.rglob("*") if p.is_file())
    assert "articles.jsonl" in files and "README.md" in files
    others = [f for f in files if f not in ("articles.jsonl", "README.md")]
    assert others and all(re.fullmatch(r"(web/[\w-]+\.html|pasted/[\w-]+\.txt)", f) for f in others)
    assert 2 <= sum(f.startswith("web/") for f in others) <= 3
    assert 2 <= sum(f.startswith("pasted/") for f in others) <= 3


def test_jsonl_records_are_complete(jsonl_records: list[dict]) -> None:
    ids = [record["id"] for record in jsonl_records]
    assert len(ids) == len(set(ids))
    for record in jsonl_records:
        assert set(record) == JSONL_KEYS, record["id"]  # no gold label leaks into the input
        assert all(isinstance(record[key], str) and record[key] for key in JSONL_KEYS)
        published = datetime.fromisoformat(record["published_at"])
        assert published.tzinfo is not None, record["id"]
        assert datetime(2022, 3, 1).date() <= published.date() <= datetime(2022, 4, 30).date()
        assert re.match(r"https://[\w.-]+\.(com|org|net)/", record["url"]), record["id"]


def test_articles_are_news_length_with_paragraphs(bodies: dict[str, str]) -> None:
    assert len(bodies) >= 45
    for article_id, body in bodies.items():
        words = len(re.findall(r"\w+(?:['\u2019-]\w+)*", body))
        assert 150 <= words <= 350, (article_id, words)
        assert body.count("\n\n") >= 3 and "\n\n\n" not in body, article_id


def test_web_pages_carry_article_metadata() -> None:
    for path in (SAMPLE / "web").glob("*.html"):
        page = path.read_text(encoding="utf-8")
        for needle in ("<title>", 'property="og:title"', 'property="article:published_time"',
                       "<nav", "<article", "<h1>", "<footer"):  # fmt: skip
            assert needle in page, (path.name, needle)


def test_pasted_pages_have_aggregator_boilerplate() -> None:
    for path in (SAMPLE / "pasted").glob("*.txt"):
        lines = path.read_text(encoding="utf-8").splitlines()
        for marker in ("Start reading", "Sign up to read this article", "Related Stories",
                       "Download the app"):  # fmt: skip
            assert marker in lines, (path.name, marker)
        assert any(line.startswith("(Photo: ") for line in lines), path.name


def test_every_article_has_a_gold_event(bodies: dict[str, str], events: dict[str, str]) -> None:
    assert set(events) == set(bodies)
    per_event = Counter(events.values())
    assert len(per_event) >= 9
    assert 1 in per_event.values()  # a lone story no other outlet covers


def test_most_events_have_four_to_six_outlets(
    events: dict[str, str], outlets: dict[str, str]
) -> None:
    by_event: dict[str, set[str]] = defaultdict(set)
    for article_id, event in events.items():
        by_event[event].add(outlets[article_id])
    sizes = [len(names) for names in by_event.values()]
    assert sum(4 <= n <= 6 for n in sizes) >= 9
    assert len(set(outlets.values())) >= 8


def test_wire_copies_are_near_verbatim(
    duplicates: dict[str, str], bodies: dict[str, str], events: dict[str, str],
    outlets: dict[str, str],
) -> None:  # fmt: skip
    assert len(duplicates) >= 2
    for copy, original in duplicates.items():
        assert events[copy] == events[original]
        assert outlets[copy] != outlets[original]
        assert bodies[copy].startswith(bodies[original])  # verbatim, at most a sentence added
        assert len(bodies[copy]) - len(bodies[original]) < 200


# --------------------------------------------------------------------------- the gold set


def test_gold_articles_exist_and_cover_the_sample(
    gold: dict, bodies: dict[str, str], events: dict[str, str], duplicates: dict[str, str]
) -> None:
    annotated = gold["articles"]
    assert len(annotated) >= 30
    assert set(annotated) <= set(bodies)
    for article_id, entry in annotated.items():
        assert entry["event"] == events[article_id], article_id
        assert entry.get("duplicate_of") == duplicates.get(article_id), article_id


def test_numbers_are_verbatim_well_formed_and_complete(gold: dict, bodies: dict[str, str]) -> None:
    for article_id, entry in gold["articles"].items():
        body = bodies[article_id]
        covered = [False] * len(body)
        for number in entry["numbers"]:
            text = number["text"]
            assert body.count(text) == 1, (article_id, text)  # unambiguous span
            start = body.index(text)
            assert not any(covered[start : start + len(text)]), (article_id, text)
            covered[start : start + len(text)] = [True] * len(text)
            assert number["kind"] in KINDS and number["qualifier"] in QUALIFIERS, text
            assert isinstance(number["value"], int | float), text
            assert (number["qualifier"] == "range") == (number["value_high"] is not None), text
            assert number["counted"], text
        # Every digit and number word of the body lies in an annotated number.
        for match in re.finditer(r"\d+", body):
            assert covered[match.start()], (article_id, match.group())
        for match in NUMBER_WORDS.finditer(body):
            assert covered[match.start()], (article_id, match.group())


def test_quotes_are_verbatim_and_complete(gold: dict, bodies: dict[str, str]) -> None:
    for article_id, entry in gold["articles"].items():
        body = bodies[article_id]
        marks = {i for i, char in enumerate(body) if char in QUOTE_MARKS}
        for quote in entry["quotes"]:
            assert quote["speaker"] and quote["verb"], (article_id, quote["text"])
            # A quote spanning paragraphs is stored with its parts joined by one space.
            parts = _quote_parts(body, quote["text"])
            assert parts, (article_id, quote["text"])
            for start, end in parts:
                assert body[start - 1] in QUOTE_MARKS, (article_id, quote["text"])
                marks.discard(start - 1)
                marks.discard(end)
        leftover = [body[max(0, i - 30) : i + 30] for i in sorted(marks)]
        assert not leftover, (article_id, leftover)


def _quote_parts(body: str, text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs' parts that make up `text`, or [] if they are not in `body`."""
    if body.count(text) == 1:
        start = body.index(text)
        return [(start, start + len(text))]
    # Try each split point at a sentence end: part 1 ends its paragraph unclosed.
    for split in (m.end() for m in re.finditer(r"[.!?] ", text)):
        head, tail = text[: split - 1], text[split:]
        if body.count(head + "\n\n") == 1 and body.count(tail) == 1:
            rest = _quote_parts(body, tail)
            if rest and body.index(head + "\n\n") < rest[0][0]:
                start = body.index(head + "\n\n")
                return [(start, start + len(head)), *rest]
    return []


def test_exclusive_facts_are_sentences_of_their_article(
    gold: dict, bodies: dict[str, str], events: dict[str, str]
) -> None:
    with_facts: set[str] = set()
    for article_id, entry in gold["articles"].items():
        body = bodies[article_id]
        for fact in entry["exclusive_facts"]:
            assert body.count(fact) == 1, (article_id, fact)
            before = body[: body.index(fact)].rstrip(" ")
            assert before == "" or before[-1] in '.!?\n\u201d"', (article_id, fact)
            assert fact[-1] in '.!?\u201d"', (article_id, fact)
            with_facts.add(entry["event"])
        if entry.get("duplicate_of"):
            assert not entry["exclusive_facts"], article_id  # copies add no independent facts
    multi_outlet = {e for e, n in Counter(events.values()).items() if n > 1}
    assert multi_outlet <= with_facts


def test_number_groups_refer_to_annotated_independent_numbers(gold: dict) -> None:
    annotated = gold["articles"]
    grouped: Counter[tuple[str, str]] = Counter()
    for group in gold["number_groups"]:
        numbers = []
        for claim in group["claims"]:
            entry = annotated[claim["id"]]
            assert entry["event"] == group["event"]
            assert "duplicate_of" not in entry, claim  # wire copies are not independent
            matches = [n for n in entry["numbers"] if n["text"] == claim["text"]]
            assert len(matches) == 1, claim
            numbers.append(matches[0])
            grouped[(claim["id"], claim["text"])] += 1
        assert len({n["unit"] for n in numbers}) == 1, group["quantity"]
        assert {n["kind"] for n in numbers} <= COMPARED_KINDS, group["quantity"]
        assert group["status"] == _status(numbers), group["quantity"]
    # Every quantity to compare in an independent article is in exactly one group.
    for article_id, entry in annotated.items():
        for number in entry["numbers"]:
            expected = 0 if "duplicate_of" in entry or number["kind"] not in COMPARED_KINDS else 1
            assert grouped[(article_id, number["text"])] == expected, (article_id, number["text"])
    statuses = Counter(group["status"] for group in gold["number_groups"])
    assert statuses["conflict"] >= 6 and statuses["compatible"] >= 4 and statuses["agree"] >= 4


def _interval(number: dict) -> tuple[float, float]:
    """The values a number allows; "about" is read as within 10% (see benchmarks/gold/README)."""
    value, high = number["value"], number["value_high"]
    return {
        "exact": (value, value),
        "more_than": (value + 1e-9, float("inf")),
        "at_least": (value, float("inf")),
        "about": (value * 0.9, value * 1.1),
        "nearly": (value * 0.9, value),
        "up_to": (0.0, value),
        "at_most": (0.0, value),
        "less_than": (0.0, value - 1e-9),
        "range": (value, high),
    }[number["qualifier"]]


def _status(numbers: list[dict]) -> str:
    """single: one claim; agree: the same reading; conflict: two claims cannot both hold."""
    if len(numbers) == 1:
        return "single"
    if len({(n["value"], n["value_high"], n["qualifier"]) for n in numbers}) == 1:
        return "agree"
    intervals = [_interval(n) for n in numbers]
    disjoint = any(
        max(a[0], b[0]) > min(a[1], b[1])
        for i, a in enumerate(intervals)
        for b in intervals[i + 1 :]
    )
    return "conflict" if disjoint else "compatible"


def test_quote_groups_refer_to_annotated_quotes(gold: dict, outlets: dict[str, str]) -> None:
    annotated = gold["articles"]
    grouped: Counter[tuple[str, str]] = Counter()
    for group in gold["quote_groups"]:
        ids = [claim["id"] for claim in group["claims"]]
        for claim in group["claims"]:
            entry = annotated[claim["id"]]
            assert entry["event"] == group["event"] and "duplicate_of" not in entry
            matches = [q for q in entry["quotes"] if q["text"] == claim["text"]]
            assert len(matches) == 1 and matches[0]["speaker"] == group["speaker"], claim
            grouped[(claim["id"], claim["text"])] += 1
        shared = len({outlets[i] for i in ids}) > 1
        assert group["status"] == ("shared" if shared else "single"), group
        assert shared or not any(claim["truncated"] for claim in group["claims"])
    for article_id, entry in annotated.items():
        for quote in entry["quotes"]:
            expected = 0 if "duplicate_of" in entry else 1
            assert grouped[(article_id, quote["text"])] == expected, (article_id, quote["text"])
    statuses = Counter(group["status"] for group in gold["quote_groups"])
    assert statuses["shared"] >= 4 and statuses["single"] >= 4
