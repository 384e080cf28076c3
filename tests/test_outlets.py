"""Outlet identity: registered domains (bundled public suffix list), the outlet table, a
user's CSV over it, and the news-please corpus counting China Daily once."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from conftest import SHARED, needs_shared

from clustering import schema
from clustering.config import IngestConfig
from clustering.corpus import Corpus
from clustering.ingest import IngestError, load_articles
from clustering.ingest.outlets import (
    OutletTableError,
    _extractor,
    builtin_frame,
    builtin_table,
    corpus_outlets,
    import_outlets,
    merge_outlets,
    outlet_csv,
    outlet_groups,
    read_outlet_csv,
    read_outlet_table,
    registered_domain,
    table_from_frame,
)
from clustering.stories import build_stories


def test_registered_domain_from_the_bundled_suffix_list() -> None:
    assert _extractor().suffix_list_urls == ()  # never a download at run time
    assert registered_domain("africa.chinadaily.com.cn") == "chinadaily.com.cn"
    assert registered_domain("https://www.bbc.co.uk/news/x") == "bbc.co.uk"
    assert registered_domain("money.cnn.com") == "cnn.com"
    assert registered_domain("www.huffingtonpost.com.au") == "huffingtonpost.com.au"
    assert registered_domain("courier.example") == "courier.example"  # no public suffix


def test_the_builtin_table_groups_hosts_into_outlets() -> None:
    table = builtin_table()
    for host in ("africa.chinadaily.com.cn", "usa.chinadaily.com.cn", "www.chinadaily.com.cn"):
        assert table.identify(host) == "China Daily"
    assert table.identify("edition.cnn.com") == table.identify("money.cnn.com") == "CNN"
    assert {table.identify(h) for h in ("huffingtonpost.com", "huffingtonpost.ca")} == {"HuffPost"}
    # A listed host wins over its registered domain, which other sites share.
    assert table.identify("abcnews.go.com") == "ABC News"
    assert table.identify("espn.go.com") == "go.com"
    assert table.identify("", "https://www.theguardian.com/world/x") == "The Guardian"
    assert table.identify("the  guardian") == "The Guardian"  # a name, spacing and case aside
    assert table.identify("The Gull Point Gazette") == "The Gull Point Gazette"  # unknown: kept


def test_a_users_table_adds_and_overrides(tmp_path: Path) -> None:
    table = read_outlet_table(
        "outlet,domains,lean,country\n"
        "Gull Point Gazette,gazette.example;gpg.example,centre,XX\n"
        "CNN International,edition.cnn.com,,US\n",
        builtin_table(),
    )
    assert table.identify("news.gpg.example") == "Gull Point Gazette"
    assert table.identify("edition.cnn.com") == "CNN International"
    assert table.identify("money.cnn.com") == "CNN"
    with pytest.raises(ValueError, match="'outlet' column"):
        read_outlet_table("name,domains\nX,x.example\n")


def test_load_articles_uses_the_table_and_keeps_what_was_given(tmp_path: Path) -> None:
    table = tmp_path / "outlets.csv"
    table.write_text("outlet,domains\nGull Point Gazette,gazette.example\n")
    data = tmp_path / "a.jsonl"
    rows = [
        {"title": "Ferry deal", "body": "The council agreed.", "url": "https://gazette.example/a"},
        {
            "title": "Quotas cut",
            "body": "Quotas were cut.",
            "source_domain": "europe.chinadaily.com.cn",
        },
    ]
    data.write_text("\n".join(json.dumps(r) for r in rows))
    result = load_articles([data], IngestConfig(outlets=str(table)))
    assert result.articles["outlet"].to_list() == ["Gull Point Gazette", "China Daily"]
    extras = [json.loads(e) for e in result.articles["extra"]]
    assert "outlet_as_given" not in extras[0]  # from the URL: nothing was given
    assert extras[1]["outlet_as_given"] == "europe.chinadaily.com.cn"
    with pytest.raises(IngestError, match="outlet table"):
        load_articles([data], IngestConfig(outlets=str(tmp_path / "missing.csv")))


@needs_shared
def test_news_please_corpus_counts_china_daily_once() -> None:
    result = load_articles([SHARED / "raw" / "news-please"], IngestConfig())
    given = [json.loads(e).get("outlet_as_given", "") for e in result.articles["extra"]]
    china_daily = {
        o for o, g in zip(result.articles["outlet"], given, strict=True) if "chinadaily" in g
    }
    assert china_daily == {"China Daily"}
    hosts = {g for g in given if "chinadaily" in g}
    assert len(hosts) == 4  # www., usa., africa., europe.: four hosts, one outlet
    cnn = {o for o, g in zip(result.articles["outlet"], given, strict=True) if "cnn.com" in g}
    assert cnn == {"CNN"}


# --- the corpus's outlet table: CSV in, identity applied, CSV out ---------------------------


def test_a_bad_outlet_csv_names_file_line_and_field(tmp_path: Path) -> None:
    cases = {
        # a domain that is no domain, on the third line
        "outlet,domains\nA,a.example\nB,b example;b.example\n": (
            "line 3, field 'domains'",
            "Got 'b' instead",
        ),
        "outlet,domains\nA,a.example\n,b.example\n": ("line 3, field 'outlet'", "Got '' instead"),
        "outlet,domains\nA,a.example\nB,b.example\na,c.example\n": (
            "line 4, field 'outlet'",
            "first on line 2",
        ),
        "outlet,domains\nA,shared.example\nB,www.shared.example\n": (
            "line 3, field 'domains'",
            "for 'A' (line 2)",
        ),
        "outlet,domains,owner_since\nA,a.example,1990\n": ("line 1, field 'owner_since'", "among"),
        "name,domains\nX,x.example\n": ("line 1:", "'outlet' column"),
        "outlet,domains\nA,a.example,extra\n": ("line 2:", "at most 2 fields"),
        # a quoted value over two lines: the next row is still counted right
        'outlet,domains\n"A\nNews",a.example\nB,?\n': ("line 4, field 'domains'", "'?'"),
    }
    path = tmp_path / "mine.csv"
    for text, (where, what) in cases.items():
        path.write_text(text)
        with pytest.raises(OutletTableError) as info:
            read_outlet_csv(path.read_bytes(), str(path))
        message = str(info.value)
        assert message.startswith(f"{path}, {where}"), message
        assert what in message, message
    with pytest.raises(OutletTableError, match=r"mine\.csv, line 1: .*UTF-8"):
        read_outlet_csv(b"outlet\n\xff\xfe\n", "mine.csv")


def test_the_csv_round_trips_and_a_users_rows_override_the_shipped_ones() -> None:
    user = read_outlet_csv(
        " Outlet ,Domain,Owner,Lean,Country\n"
        "CNN International,https://edition.cnn.com/world,Warner Bros. Discovery,centre,US\n"
        "China Daily,chinadaily.com.cn;www.chinadailyhk.com,State,,CN\n"
    )
    assert user.schema == schema.OUTLETS
    assert user.row(1) == (
        "China Daily",
        ["chinadaily.com.cn", "chinadailyhk.com"],
        "State",
        None,
        "CN",
    )
    assert read_outlet_csv(outlet_csv(user)).equals(user)
    merged = merge_outlets(builtin_frame(), user)
    assert merged.filter(pl.col("outlet") == "China Daily")["group"].to_list() == ["State"]
    assert merged["outlet"].is_duplicated().sum() == 0
    table = table_from_frame(merged)
    assert table.identify("edition.cnn.com") == "CNN International"
    assert table.identify("money.cnn.com") == "CNN"
    assert table.identify("chinadailyhk.com") == "China Daily"
    # the grouping columns the Outlets page counts coverage by: those with a value
    groups = outlet_groups(merged)
    assert groups.columns == ["outlet", "group", "lean", "country"]
    assert outlet_groups(builtin_frame()).columns == ["outlet", "country"]
    # the shipped table is read by the same parser: every row has a domain and a country
    shipped = builtin_frame()
    assert shipped.height >= 30
    assert shipped.filter(pl.col("domains").list.len() == 0).height == 0


def _small_corpus(path: Path, tmp_path: Path) -> Corpus:
    """A corpus of four articles in two stories, written without the pipeline (ingest only:
    outlets identified by the shipped table)."""
    rows = [
        ("Ferry deal", "https://edition.cnn.com/a", None),
        ("Ferry deal agreed", "https://money.cnn.com/b", None),
        ("Ferry deal signed", "https://gazette.example/c", "Gull Gazette"),
        ("Quotas cut", "https://africa.chinadaily.com.cn/d", None),
    ]
    data = tmp_path / "in.jsonl"
    data.write_text(
        "\n".join(
            json.dumps(
                {"title": t, "body": f"{t}. The council met on Tuesday about {t}.", "url": u}
                | ({"outlet": o} if o else {})
            )
            for t, u, o in rows
        )
    )
    articles = load_articles([data], IngestConfig()).articles
    assignments = pl.DataFrame(
        {
            "article_id": articles["article_id"],
            "story_id": ["s-1", "s-1", "s-1", "s-2"],
            "is_noise": [False] * 4,
        },
        schema=schema.ASSIGNMENTS,
    )
    corpus = Corpus(path)
    with corpus.transaction("run", fresh=True) as tx:
        tx.write("articles", articles)
        tx.write("assignments", assignments)
        tx.write("stories", build_stories(articles, assignments))
    return corpus


def test_importing_a_table_re_identifies_the_corpus_and_recounts_its_stories(
    tmp_path: Path,
) -> None:
    corpus = _small_corpus(tmp_path / "corpus", tmp_path)
    stories = corpus.read("stories").sort("story_id")
    assert stories["outlets"].to_list() == [["CNN", "Gull Gazette"], ["China Daily"]]
    assert stories["n_outlets"].to_list() == [2, 1]  # two CNN hosts are one outlet
    ids = corpus.read("articles").sort("article_id")["article_id"].to_list()

    user = read_outlet_csv(
        "outlet,domains,lean\nCNN International,edition.cnn.com,centre\n"
        "The Gull Point Gazette,gazette.example,\n"
    )
    counts = import_outlets(corpus, user)
    assert counts == {"outlets": 2, "articles_changed": 1, "stories_changed": 1}
    assert corpus.read("outlets").equals(user)
    articles = corpus.read("articles").sort("url")
    assert articles["outlet"].to_list() == [
        "China Daily",
        "CNN International",
        "Gull Gazette",  # the input named it: a name the table does not know is kept
        "CNN",
    ]
    assert articles.sort("article_id")["article_id"].to_list() == ids  # ids never change
    # from its URL: the new outlet, nothing "given" to keep
    assert "outlet_as_given" not in json.loads(articles["extra"][1])
    stories = corpus.read("stories").sort("story_id")
    assert stories["outlets"].to_list() == [
        ["CNN", "CNN International", "Gull Gazette"],
        ["China Daily"],
    ]
    assert stories["n_outlets"].to_list() == [3, 1]
    # the corpus's table over the shipped one; an empty import restores the shipped identity
    assert corpus_outlets(corpus).filter(pl.col("outlet") == "CNN International").height == 1
    import_outlets(corpus, schema.empty(schema.OUTLETS))
    assert corpus.read("stories").sort("story_id")["n_outlets"].to_list() == [2, 1]


def test_storylens_outlets_import_and_export(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from clustering.cli import app

    corpus = _small_corpus(tmp_path / "corpus", tmp_path)
    good = tmp_path / "outlets.csv"
    good.write_text("outlet,domains,country\nCNN International,edition.cnn.com,US\n")
    runner = CliRunner()
    result = runner.invoke(app, ["outlets", "import", str(good), "--corpus", str(corpus.path)])
    assert result.exit_code == 0, result.output
    assert "1 outlets stored; 1 articles and 1 stories changed outlet" in result.output
    out = tmp_path / "back.csv"
    result = runner.invoke(app, ["outlets", "export", str(out), "--corpus", str(corpus.path)])
    assert result.exit_code == 0, result.output
    assert (
        out.read_text()
        == "outlet,domains,group,lean,country\nCNN International,edition.cnn.com,,,US\n"
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("outlet,domains\nCNN,cnn dot com\n")
    result = runner.invoke(app, ["outlets", "import", str(bad), "--corpus", str(corpus.path)])
    assert result.exit_code == 2
    assert f"{bad}, line 2, field 'domains'" in result.output
    assert corpus.read("outlets").height == 1  # the bad file changed nothing


@needs_shared
def test_news_please_corpus_counts_china_daily_once_in_a_story(tmp_path: Path) -> None:
    articles = load_articles([SHARED / "raw" / "news-please"], IngestConfig()).articles
    china = articles.filter(pl.col("url").str.contains("chinadaily"))
    assert china.height >= 4
    # every China Daily article in one story: one outlet, whichever host it came from
    assignments = pl.DataFrame(
        {
            "article_id": china["article_id"],
            "story_id": ["s-cd"] * china.height,
            "is_noise": [False] * china.height,
        },
        schema=schema.ASSIGNMENTS,
    )
    story = build_stories(china, assignments)
    assert story["outlets"].to_list() == [["China Daily"]]
    assert story["n_outlets"].to_list() == [1]
    hosts = {u.split("/")[2] for u in china["url"]}
    assert len(hosts) >= 3
