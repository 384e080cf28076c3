"""Column guessing for tables: by the words of a name, then by content; `storylens inspect`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from typer.testing import CliRunner

from clustering.cli import app
from clustering.config import IngestConfig
from clustering.ingest import inspect_file, load_articles
from clustering.ingest.records import column_by_name, guess_columns, resolve_columns

# A newsroom system's export: no header is one of the common names as a whole.
NEWSROOM = (
    '"Headline","Story Text","Publication","Link","Date Published"\n'
    '"Island council backs ferry deal","The island council approved a new ferry contract on '
    'Tuesday, ending months of uncertainty.","Gull Point Gazette",'
    '"https://gazette.example/ferry","29 March 2022"\n'
    '"Fishing quotas cut","Quotas were cut for a third year, the ministry said on Monday.",'
    '"Coastline Herald","https://herald.example/quotas","2022-03-28"\n'
)
# Names that say nothing: only the content tells the body, the URL and the date apart.
OPAQUE = (
    "f1,f2,f3,f4\n"
    'Ferry deal,https://gazette.example/ferry,2022-03-29,"The island council approved a new '
    "ferry contract on Tuesday and the operator agreed to keep fares at last year's level.\"\n"
    'Quotas cut,https://herald.example/quotas,2022-03-28,"Quotas were cut for a third year in '
    'a row, the ministry said on Monday, and fishermen said they would protest in May."\n'
)


def test_names_are_read_by_their_words() -> None:
    assert column_by_name("Story Text") == "body"
    assert column_by_name("Date Published") == "published_at"
    assert column_by_name("Publication") == "outlet"
    assert column_by_name("storyId") == "source_id"  # an id, not a body
    assert column_by_name("image_url") is None  # a picture's address is no article URL
    mapping, _ = resolve_columns(("Headline", "Story Text", "Publication", "Link"), ())
    assert mapping == {
        "title": "Headline",
        "url": "Link",
        "body": "Story Text",
        "outlet": "Publication",
    }


def test_newsroom_csv_loads_with_no_column_given(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(NEWSROOM)
    result = load_articles([path], IngestConfig())
    assert result.n_rejected == 0
    assert result.n_accepted == 2
    row = result.articles.row(0, named=True)
    assert row["title"] == "Island council backs ferry deal"
    assert row["body"].startswith("The island council approved")
    assert row["outlet"] == "Gull Point Gazette"
    assert row["url"] == "https://gazette.example/ferry"
    assert row["published_at"] == dt.datetime(2022, 3, 29, tzinfo=dt.UTC)
    note = result.per_file["note"][0]
    assert "body=Story Text (name)" in note
    assert "published_at=Date Published (name)" in note


def test_columns_guessed_by_content_when_names_fail(tmp_path: Path) -> None:
    path = tmp_path / "opaque.csv"
    path.write_text(OPAQUE)
    seen = inspect_file(path, IngestConfig())
    assert seen.columns == {"url": "f2", "published_at": "f3", "body": "f4"}
    assert seen.how["body"].startswith("content: the longest free text")
    result = load_articles([path], IngestConfig())
    assert result.n_rejected == 0
    assert result.articles["url"].to_list() == [
        "https://gazette.example/ferry",
        "https://herald.example/quotas",
    ]
    assert result.articles["body"][1].startswith("Quotas were cut")


def test_a_given_column_wins_over_a_guess() -> None:
    mapping, how = guess_columns(
        ("a", "b"), [{"a": "x y " * 60, "b": "short text"}], (("body", "b"),)
    )
    assert mapping == {"body": "b"}
    assert how == {"body": "given"}


def test_inspect_shows_the_mapping_and_records_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(NEWSROOM)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = CliRunner().invoke(app, ["inspect", str(path)])
    assert result.exit_code == 0, result.output
    assert "body <- 'Story Text' (name)" in result.output
    assert "published_at <- 'Date Published' (name)" in result.output
    assert "Island council backs ferry deal" in result.output
    assert "Fishing quotas cut" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == before
