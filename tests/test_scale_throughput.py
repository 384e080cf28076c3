"""A run's cost per article does not grow with its size (issue 14, at scale): the
comparisons filter each window's extraction, not the whole run's, and the memories that
carry the reads done beside the encoder to the comparisons hold a run of thousands of
articles; and the benchmark's pooled scale runs (`benchmarks.throughput --pool`)."""

from __future__ import annotations

import json

import polars as pl
import pytest

from clustering import text
from clustering.compare import Extracted, _extracted_of, extract_articles, facts
from clustering.compare import framing_comparison as fc
from clustering.embed import STATIC_MEMO_SIZE
from tests.conftest import dated_articles

_BODIES = (
    'Mayor Ann Lee said "we will rebuild" after 40 homes flooded in Leeds on Monday.',
    "Floods forced 1,200 people from their homes in Leeds. The council promised $3m.",
    'The river rose 2 metres overnight, the agency said. "It was fast," a resident said.',
    "Rescuers pulled 12 people from cars in York. Roads stayed shut on Tuesday.",
    "York's council said 300 homes lost power. Crews expect to restore it by Friday.",
)


def _stories() -> list[tuple[str, pl.DataFrame]]:
    articles = dated_articles(*((f"a{i}", b, (2024, 5, 1)) for i, b in enumerate(_BODIES)))
    members = {"s1": ["a0", "a1", "a2"], "s2": ["a3"], "s3": ["a4"]}
    return [(s, articles.filter(pl.col("article_id").is_in(ids))) for s, ids in members.items()]


def test_a_windows_extraction_holds_its_articles_rows_in_the_runs_order():
    stories = _stories()
    run = pl.concat([members for _, members in stories])
    extracted = extract_articles(run)
    assert extracted.numbers.height >= 5 and extracted.quotes.height >= 2  # rows to filter
    window = [stories[0], stories[2]]  # s1 and s3, not s2
    some = _extracted_of(window, extracted)
    ids = ["a0", "a1", "a2", "a4"]
    for name in ("numbers", "quotes", "framing", "failures"):
        whole = getattr(extracted, name)
        assert getattr(some, name).equals(whole.filter(pl.col("article_id").is_in(ids)))
    assert set(some.framing["article_id"]) == set(ids)
    # What each story of the window reads from it is what it read from the run's frames.
    for _, members in window:
        own = members["article_id"].to_list()
        assert all(
            getattr(some.of(own), name).equals(getattr(extracted.of(own), name))
            for name in ("numbers", "quotes", "framing", "failures")
        )
    assert "a3" not in set(some.numbers["article_id"])


def test_an_empty_window_has_the_extractions_schemas():
    extracted = extract_articles(pl.concat([m for _, m in _stories()]))
    none = _extracted_of([], extracted)
    assert isinstance(none, Extracted)
    assert none.numbers.height == 0 and none.numbers.schema == extracted.numbers.schema


def test_the_memories_read_ahead_into_hold_a_run_of_thousands_of_articles():
    # A body and a lead per article: each memory holds twice the articles read ahead, and
    # the run's sentences (~13 distinct an article in the pooled labelled sets) fit the
    # static vectors' memo. At 1,024 / 32,768 a run of 2,704 articles read nothing ahead
    # and tokenised 62,639 sentences for 35,695 distinct ones.
    assert fc.READ_AHEAD_ARTICLES >= 4096
    texts = 2 * fc.READ_AHEAD_ARTICLES
    assert fc._sentence_features.cache_info().maxsize >= texts
    assert fc._lower_words_of.cache_info().maxsize >= texts
    assert facts.split_fact_sentences.cache_info().maxsize >= texts
    assert texts <= text.SPLIT_MEMO_SIZE
    assert STATIC_MEMO_SIZE >= 20 * fc.READ_AHEAD_ARTICLES


def test_a_run_of_1500_articles_is_read_ahead_and_its_first_article_is_still_remembered():
    n = 1500  # over the 1,024 read ahead before
    articles = dated_articles(
        *(
            (f"a{i}", f"Site {i} held {i} tonnes of water on Monday, engineers said.", (2024, 5, 1))
            for i in range(n)
        )
    )
    fc._sentence_features.cache_clear()
    assert fc.read_ahead(articles) is True
    assert fc._sentence_features.cache_info().currsize == n
    hits = fc._sentence_features.cache_info().hits
    fc._sentence_features(articles["body"][0])  # the first read, after 1,499 others
    assert fc._sentence_features.cache_info().hits == hits + 1


def _fixture_sets(folder, monkeypatch):
    import benchmarks.throughput as throughput

    for name, n in (("basil", 3), ("gvc", 4)):
        rows = [json.dumps({"id": f"{name}-{i}", "body": f"Body {i}."}) for i in range(n)]
        (folder / f"{name}.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setattr(throughput, "LABELLED", folder)
    return throughput


def test_the_pool_holds_every_line_once_in_a_seeded_order(tmp_path, monkeypatch):
    throughput = _fixture_sets(tmp_path, monkeypatch)
    out = tmp_path / "out"
    out.mkdir()
    path = throughput.pooled(["basil", "gvc"], out)
    ids = [json.loads(line)["id"] for line in path.read_text().splitlines()]
    assert sorted(ids) == sorted([f"basil-{i}" for i in range(3)] + [f"gvc-{i}" for i in range(4)])
    assert ids != [f"basil-{i}" for i in range(3)] + [f"gvc-{i}" for i in range(4)]  # shuffled
    again = throughput.pooled(["basil", "gvc"], out).read_text().splitlines()
    assert [json.loads(line)["id"] for line in again] == ids  # the same order each time
    first, lines = throughput._subset("pool", 5, out, path)
    assert lines == 5
    assert [json.loads(x)["id"] for x in first.read_text().splitlines()] == ids[:5]
    other = throughput.pooled(["basil", "gvc"], out, seed=15).read_text().splitlines()
    assert [json.loads(line)["id"] for line in other] != ids


def test_pool_sets_leave_out_the_multilingual_set_and_sizes_are_checked():
    from benchmarks.throughput import POOL_SETS, SETS, _sizes

    assert "meantime_multilingual" not in POOL_SETS
    assert set(POOL_SETS) == set(SETS) - {"meantime_multilingual"}
    assert _sizes("100,300,1000") == [100, 300, 1000]
    assert _sizes("100,x") is None
    assert _sizes("0,100") is None
    assert _sizes("") is None


def test_the_scale_table_gives_each_parts_cpu_per_article():
    from benchmarks.throughput import scale_markdown

    row = {
        "size": 1000,
        "articles": 998,
        "stories": 578,
        "encoder_texts_per_s": 200.0,
        "run_articles_per_s": 50.0,
        "ratio": 0.25,
        "seconds": {"ingest": 0.5, "embed": 12.0, "cluster": 1.5, "extract": 0.1, "compare": 2.4},
        "cpu_s": 30.0,
        "encoder_cpu_s": 10.0,
        "parts_cpu": {"align numbers": 0.998, "facts": 0.2495},
        "load_average": 1.25,
    }
    table = scale_markdown({"rows": [row]}).splitlines()
    assert len(table) == 3
    cells = [c.strip() for c in table[2].strip("|").split("|")]
    # articles, stories, encoder, run, ratio; the stages (compare holds the extraction's
    # tail), run CPU, CPU besides the encoder per article (20 s / 998); the parts per
    # article (a part not clocked is 0); load.
    assert cells == [
        *("998", "578", "200.0", "50.0", "0.25"),
        *("0.5", "12.0", "1.5", "2.5", "0.0"),
        *("30.0", "20.0"),
        *("1.00", "0.00", "0.00", "0.25"),
        "1.2",
    ]


@pytest.mark.parametrize("bad", ["-5", "1.5"])
def test_the_benchmark_refuses_bad_sizes(bad, capsys):
    from benchmarks.throughput import main

    with pytest.raises(SystemExit):
        main(["--pool", "--sizes", bad])
    assert "--sizes must be positive integers" in capsys.readouterr().err
