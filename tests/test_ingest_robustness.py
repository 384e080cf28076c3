"""Property tests: whatever the bytes, ingest never crashes and its counts add up."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import hypothesis.strategies as st
from hypothesis import HealthCheck, given, settings

from clustering.config import IngestConfig
from clustering.ingest import load_articles

CONFIG = IngestConfig(max_body_chars=5_000)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NAMES = st.sampled_from(["x.jsonl", "x.json", "x.csv", "x.txt", "x.html", "x.xml", "x"])
FIELDS = st.sampled_from(["title", "body", "text", "date", "url", "source", "id", "author", "x"])
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)
RECORDS = st.dictionaries(FIELDS, JSON_VALUES, max_size=6)


def check(path: Path) -> None:
    result = load_articles([path], CONFIG)
    assert result.n_read == result.n_accepted + result.n_duplicates + result.n_rejected
    assert result.n_read >= 1  # a file with nothing readable is still one reject
    assert result.per_file["read"].sum() == result.n_read
    assert not result.rejects["reason"].str.contains("StoryLens bug").any()
    assert result.rejects["source_line"].null_count() == 0
    assert result.articles["article_id"].n_unique() == result.articles.height


@SETTINGS
@given(data=st.binary(max_size=2_000), name=NAMES)
def test_random_bytes_never_crash(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        check(path)


@SETTINGS
@given(
    lines=st.lists(
        RECORDS.map(json.dumps) | st.text(max_size=60) | JSON_VALUES.map(json.dumps),
        min_size=1,
        max_size=12,
    ),
    cut=st.integers(min_value=0, max_value=30),
    name=NAMES,
)
def test_random_json_lines_never_crash(lines: list[str], cut: int, name: str) -> None:
    text = "\n".join(lines)
    text = text[: len(text) - cut] if cut < len(text) else text  # a truncated last line
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        check(path)


@SETTINGS
@given(
    rows=st.lists(st.lists(st.text(max_size=30), min_size=1, max_size=5), min_size=1, max_size=8)
)
def test_random_csv_never_crashes(rows: list[list[str]]) -> None:
    header = "title,body,date\n"
    text = header + "\n".join(
        ",".join(f'"{c}"' if i % 2 else c for i, c in enumerate(r)) for r in rows
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.csv"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        check(path)
