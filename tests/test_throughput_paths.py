"""The faster paths of issue 14 give what the slower ones gave: framing reads each text
once (`_lexicon_hits`, `_body_hits`, `_quoted`), the static vectors are kept per text
(`StaticEmbedder`'s memo), and the throughput benchmark clocks each part of a run
(`benchmarks.throughput.PartClock`) and puts every wrapped function back."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

import clustering.compare as compare
from clustering.extract import framing
from clustering.extract.framing import (
    CUE_LEXICONS,
    _body_hits,
    _lexicon_hits,
    _quoted,
    extract_framing,
    load_lexicon,
    loaded_marks,
)
from clustering.schema import ARTICLES
from tests.conftest import needs_shared


def _quoted_per_character(text: str) -> np.ndarray:
    """The per-character loop `_quoted` replaced (the reference)."""
    inside = np.zeros(len(text) + 1, dtype=bool)
    open_ = False
    for i, ch in enumerate(text):
        if ch in '"\u201c' and not open_:
            open_ = True
        elif ch in '"\u201d' and open_ or ch == "\n" and text[i - 1 : i] == "\n":
            open_ = False
        inside[i] = open_
    return inside


@pytest.mark.parametrize(
    "text",
    [
        "",
        '"',
        'She said "no" twice.',
        "\u201cOpen\n\nnever closed\u201d then \u201cagain\u201d.",
        'x\n\n\n"y"\u201d\u201c z',
        '"a \u201c b" c "d',
        "\u201d stray close, then \u201copen",
        '\n\n"',
    ],
)
def test_quoted_is_the_per_character_scan(text):
    np.testing.assert_array_equal(_quoted(text), _quoted_per_character(text))


def test_quoted_marks_the_opening_mark_and_not_the_closing_one():
    text = 'He said "no way" and left.'
    inside = _quoted(text)
    assert [text[i] for i in np.flatnonzero(inside)] == list('"no way')
    assert not inside[text.index("way") + 3]  # the closing mark
    # A blank line ends an unclosed quote: the second newline is outside.
    assert _quoted('"a\n\nb').tolist() == [True, True, True, False, False, False]


def test_body_hits_are_the_body_searched_alone():
    headline = "Officials allegedly lied, critics say"
    body = "The regime claimed it may have been a mistake. Critics slammed it."
    hits = _lexicon_hits(f"{headline}\n\n{body}")
    assert set(hits) == set(CUE_LEXICONS)
    alone = _lexicon_hits(body)
    assert _body_hits(hits, headline, body) == alone
    assert [key for key, _, _ in alone["hedges"]] == ["may"]
    assert [key for key, _, _ in alone["loaded_terms"]] == ["regime", "slammed"]
    # Without a headline the text is the body: the same hits.
    assert _body_hits(alone, "", body) is alone


def test_a_form_running_from_headline_into_body_makes_the_body_be_searched_again():
    headline, body = "Officials said it is", "understood that talks go on. It is understood now."
    combined = _lexicon_hits(f"{headline}\n\n{body}")
    crossing = [h for h in combined["hedges"] if h[1] < len(headline) < h[2]]
    assert [key for key, _, _ in crossing] == ["it is understood"]  # across the blank line
    body_hits = _body_hits(combined, headline, body)
    assert body_hits["hedges"] == load_lexicon("hedges").find(body)
    assert [body[a:b] for _, a, b in body_hits["hedges"]] == ["It is understood"]


def test_extract_framing_keeps_cues_and_marks_of_the_text_read_once():
    body = (
        'Critics slammed the "disastrous" plan. The regime allegedly hid the figures, '
        "officials conceded.\n\nThe embattled minister may resign."
    )
    articles = pl.DataFrame(
        [
            {c: None for c in ARTICLES}
            | {"article_id": "a", "title": "Regime slammed", "body": body}
        ],
        schema=ARTICLES,
    )
    row = extract_framing(articles).row(0, named=True)
    marks = [(m["start"], m["end"]) for m in row["loaded_marks"]]
    assert marks == [(a, b) for a, b, _ in loaded_marks(body)]
    assert "may" in row["hedges"]
    assert row["loaded_terms"][0]["term"] == "regime"
    assert row["lead_sentence"] == 'Critics slammed the "disastrous" plan.'


@pytest.mark.slow  # the static table is built once per machine (about a minute)
def test_static_vectors_are_the_same_from_the_memo_and_the_memo_is_bounded(monkeypatch):
    from clustering.compare.facts import facts_embedder
    from clustering.embed import StaticEmbedder

    static = facts_embedder()
    texts = [
        "The dam burst on Tuesday.",
        "",
        "Elena Park declared it.",
        "The dam burst on Tuesday.",
    ]
    StaticEmbedder._memo.clear()
    cold = static.encode(texts)
    np.testing.assert_array_equal(cold[0], cold[3])  # a repeated text, encoded once
    assert len(StaticEmbedder._memo[static.path]) == 3
    warm = StaticEmbedder().encode(texts[::-1])  # another instance shares the memo
    np.testing.assert_array_equal(warm, cold[::-1])
    assert np.linalg.norm(cold, axis=1) == pytest.approx([1.0, 0.0, 1.0, 1.0], abs=1e-5)
    # Past the bound the memo starts again; rows already asked for still come back right.
    monkeypatch.setattr("clustering.embed.STATIC_MEMO_SIZE", 4)
    more = static.encode(["A bakery handed out bread.", "Elena Park declared it.", "Rain."])
    np.testing.assert_array_equal(more[1], cold[2])
    assert len(StaticEmbedder._memo[static.path]) == 2  # cleared, then the two new texts


def test_part_clock_times_each_part_and_puts_the_functions_back():
    from benchmarks.throughput import PARTS, PartClock

    before = {name: getattr(compare, name) for _, name in PARTS}
    ner_before = framing._ner
    names_before = framing.name_entities
    articles = pl.DataFrame(
        [
            {c: None for c in ARTICLES}
            | {
                "article_id": "a",
                "title": "Storm",
                "body": 'Mayor Ann Lee said "we will rebuild" after 40 homes flooded in Leeds.',
                "lang": "en",
            }
        ],
        schema=ARTICLES,
    )
    clock = PartClock()
    with clock.installed():
        extracted = compare.extract_articles(articles)
    assert {"entities", "framing", "quotes", "numbers", "fact sentences"} <= set(clock.seconds)
    assert all(seconds >= 0 for seconds in clock.seconds.values())
    assert set(clock.cpu) == set(clock.seconds)  # process CPU beside each part's wall clock
    assert all(cpu >= 0 for cpu in clock.cpu.values())
    assert {name: getattr(compare, name) for _, name in PARTS} == before
    assert framing._ner is ner_before
    assert framing.name_entities is names_before
    # The run inside the clock is the run without it.
    assert (
        extracted.framing["entities"].to_list() == extract_framing(articles)["entities"].to_list()
    )
    assert extracted.quotes["text"].to_list() == ["we will rebuild"]
    assert extracted.framing["entities"].to_list() == [
        [
            {"name": "Ann Lee", "label": "PERSON", "count": 1},
            {"name": "Leeds", "label": "GPE", "count": 1},
        ]
    ]


def _two_articles() -> pl.DataFrame:
    rows = [
        {
            "article_id": "a",
            "title": "Storm hits Leeds",
            "body": 'Mayor Ann Lee said "we will rebuild" after 40 homes flooded in Leeds. '
            "The embattled council may resign.",
            "lang": "en",
            "source_file": "one.jsonl",
        },
        {
            "article_id": "b",
            "title": "Quiet day",
            "body": "Nothing happened on Tuesday, officials said.",
            "lang": "en",
            "source_file": "one.jsonl",
        },
    ]
    return pl.DataFrame([{c: None for c in ARTICLES} | r for r in rows], schema=ARTICLES)


def _frames(extracted) -> dict[str, pl.DataFrame]:
    return {name: getattr(extracted, name) for name in ("numbers", "quotes", "framing")}


def test_extraction_keys_read_the_text_not_where_the_row_came_from():
    from clustering.extract import extraction_keys

    articles = _two_articles()
    moved = articles.with_columns(
        pl.lit("zz").alias("article_id"), pl.lit("other.jsonl").alias("source_file")
    )
    edited = articles.with_columns(pl.col("body") + " More.")
    keys = extraction_keys(articles)
    assert len(keys) == 2 and keys[0] != keys[1] and len(keys[0]) == 24
    assert extraction_keys(moved) == keys
    assert extraction_keys(edited)[0] != keys[0]


def test_cached_extraction_is_the_extraction_and_reads_each_article_once(tmp_path, monkeypatch):
    from clustering.embed import EmbeddingCache
    from clustering.engine import LocalEngine

    articles = _two_articles()
    expected = _frames(compare.extract_articles(articles))
    assert expected["quotes"]["text"].to_list() == ["we will rebuild"]
    cache = EmbeddingCache(tmp_path, "any-sentence-model")
    calls: list[list[str]] = []
    extract = compare.extract_articles

    def counted(some, *args):
        calls.append(some["article_id"].to_list())
        return extract(some, *args)

    monkeypatch.setattr(compare, "extract_articles", counted)
    engine = LocalEngine()
    cold = _frames(engine.extract(articles, None, cache, None))
    # A copy of "a" under another id, and "b", come from the cache: nothing is extracted.
    again = pl.concat(
        [articles.tail(1), articles.head(1).with_columns(pl.lit("c").alias("article_id"))]
    )
    warm = _frames(engine.extract(again, None, cache, None))
    assert calls == [["a", "b"], []]
    for name, frame in expected.items():
        assert cold[name].equals(frame), name
        assert warm[name].schema == frame.schema
    assert warm["quotes"]["article_id"].to_list() == ["c"]
    assert warm["framing"]["article_id"].to_list() == ["b", "c"]
    assert (
        warm["numbers"]
        .drop("article_id")
        .equals(
            pl.concat(
                [expected["numbers"].filter(pl.col("article_id") == i) for i in ("b", "a")]
            ).drop("article_id")
        )
    )
    # Another extractor version reads none of it.
    from clustering.extract import ExtractionCache

    assert ExtractionCache(tmp_path, version="other").lookup(["x"]) == (set(), {})
    assert len(list(tmp_path.glob("extract-*/shard-*/keys.parquet"))) == 1


def test_extractor_version_follows_the_extractors_files(tmp_path):
    from clustering.extract import _version_of, extractor_version

    version = extractor_version()
    assert len(version) == 16 and int(version, 16) >= 0
    (tmp_path / "extract" / "lexicons").mkdir(parents=True)
    (tmp_path / "text.py").write_text("X = 1\n")
    lexicon = tmp_path / "extract" / "lexicons" / "hedges.toml"
    lexicon.write_text('[terms]\nmay = ["may"]\n')
    before = _version_of(tmp_path)
    assert _version_of(tmp_path) == before and before != version
    lexicon.write_text('[terms]\nmay = ["may", "might"]\n')  # a lexicon edited
    edited = _version_of(tmp_path)
    (tmp_path / "text.py").write_text("X = 2\n")  # a shared module edited
    shared = _version_of(tmp_path)
    assert len({before, edited, shared}) == 3
    (tmp_path / "extract" / "notes.md").write_text("not code")  # neither code nor data
    assert _version_of(tmp_path) == shared


def test_a_blend_aligns_facts_on_static_vectors_in_english_and_on_use_across_languages(
    tmp_path, monkeypatch
):
    """A multilingual corpus's blend (MiniLM + USE) never runs MiniLM over sentences:
    English stories align on the static vectors, others on USE alone, cached beside the
    blend's vectors under USE's name."""
    from clustering.compare.facts import facts_embedder
    from clustering.embed import (
        BlendEmbedder,
        EmbeddingCache,
        SentenceTransformerEmbedder,
        UniversalSentenceEncoder,
    )

    english, use = SentenceTransformerEmbedder(64), UniversalSentenceEncoder(64)
    blend = BlendEmbedder(english, use, 0.3)
    assert compare.facts_embedder_for(blend, ["en", "en", None]) is facts_embedder()
    assert compare.facts_embedder_for(blend, ["en", "es"]) is use
    assert compare.facts_embedder_for(blend) is use  # no story: its sentences wait for one
    assert compare.facts_embedder_for(use, ["en"]) is use  # USE chosen alone stays itself
    cache = EmbeddingCache(tmp_path, blend.name)
    assert compare._cache_for(use, blend, cache).directory == tmp_path / use.name
    assert compare._cache_for(facts_embedder(), blend, cache) is None
    assert compare._cache_for(blend, blend, cache) is cache

    def no_minilm(texts):
        raise AssertionError("MiniLM ran over sentences")

    monkeypatch.setattr(english, "encode", no_minilm)
    story = pl.DataFrame(
        [
            {c: None for c in ARTICLES}
            | {
                "article_id": "en",
                "outlet": "Wikinews",
                "lang": "en",
                "body": "Airbus delivered forty new aircraft to the airline on Monday. "
                "The chief executive praised the engineers in Toulouse.",
            },
            {c: None for c in ARTICLES}
            | {
                "article_id": "es",
                "outlet": "Wikinews (es)",
                "lang": "es",
                "body": "Airbus entregó cuarenta aviones nuevos a la aerolínea el lunes. "
                "El consejero delegado elogió a los ingenieros de Toulouse.",
            },
        ],
        schema=ARTICLES,
    )
    assert compare.embed_fact_sentences(story, blend, cache) is None  # nothing up front
    assert not cache.directory.exists()
    facts = compare.compare_story(story, blend, cache=cache).facts
    # Each sentence's translation states the same fact.
    assert facts["kind"].to_list() == ["consensus"] * 4
    assert len(list((tmp_path / use.name).glob("shard-*.parquet"))) == 1


def test_stories_are_compared_with_one_blas_thread(tmp_path, monkeypatch):
    """Per-story products are small: compare_corpus runs them on one BLAS thread (two
    threads made each 13 ms instead of 0.7 ms on the shared 2-core machine)."""
    import json

    from threadpoolctl import threadpool_info

    from clustering.pipeline import run
    from tests.conftest import WordHashEmbedder, make_story_records

    before = [p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"]
    seen: list[int] = []
    compare_facts = compare.compare_facts

    def facts_counting_threads(*args, **kwargs):
        seen.extend(p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas")
        return compare_facts(*args, **kwargs)

    monkeypatch.setattr(compare, "compare_facts", facts_counting_threads)
    records = make_story_records(
        "flood", "The river flooded the old town. Forty homes were evacuated.", "2024-05-01",
        ["Harbor Times", "Valley Gazette", "North Post"],
    )  # fmt: skip
    inbox = tmp_path / "in.jsonl"
    inbox.write_text("\n".join(json.dumps(r) for r in records))
    result = run([inbox], tmp_path / "corpus", embedder=WordHashEmbedder())
    assert result.n_stories == 1
    assert seen and set(seen) == {1}
    after = [p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"]
    assert after == before  # the limit ends with the comparisons


@pytest.mark.slow  # the static table is built once per machine (about a minute)
def test_framing_batches_of_articles_give_each_article_its_own_marks(monkeypatch):
    bodies = [
        'Critics slammed the "disastrous" plan. The regime allegedly hid the figures.',
        "The embattled minister may resign.\n\nHis infamous remark was a shameful blunder.",
        "Rain fell on Tuesday.",
        "",
    ]
    articles = pl.DataFrame(
        [
            {c: None for c in ARTICLES} | {"article_id": f"a{i}", "body": body}
            for i, body in enumerate(bodies)
        ],
        schema=ARTICLES,
    )
    together = extract_framing(articles)
    monkeypatch.setattr(framing, "FRAMING_BATCH", 1)  # each article's sentences alone
    assert extract_framing(articles).equals(together)
    for body, marks in zip(bodies, together["loaded_marks"].to_list(), strict=True):
        assert [(m["start"], m["end"]) for m in marks] == [(a, b) for a, b, _ in loaded_marks(body)]
    assert together["loaded_marks"].list.len().to_list()[2:] == [0, 0]


@needs_shared
def test_tone_check_finds_vader_scores_equal_on_basil_dev():
    from benchmarks.throughput import check_tone

    result = check_tone()
    assert result["sentences"] == 4150  # headlines and body sentences of the 150 dev articles
    assert result["max_difference"] == 0.0


def _en_es_story(suffix: str = "") -> pl.DataFrame:
    """Two outlets telling one event, in English and in Spanish (four fact sentences)."""
    rows = [
        ("en", "Wikinews", "Airbus delivered forty new aircraft to the airline on Monday. "
         "The chief executive praised the engineers in Toulouse."),
        ("es", "Wikinews (es)", "Airbus entregó cuarenta aviones nuevos a la aerolínea el "
         "lunes. El consejero delegado elogió a los ingenieros de Toulouse."),
    ]  # fmt: skip
    return pl.DataFrame(
        [
            {c: None for c in ARTICLES}
            | {"article_id": lang + suffix, "outlet": outlet, "lang": lang, "body": body}
            for lang, outlet, body in rows
        ],
        schema=ARTICLES,
    )


def test_sentences_of_multilingual_stories_are_embedded_ahead_in_one_call(tmp_path, monkeypatch):
    """embed_story_sentences: one USE call for the fact sentences of every story that
    aligns on USE (none for an English story, which reads the static vectors); comparing
    the stories afterwards runs no model, and the facts are those of a story compared
    alone with a fresh cache."""
    from clustering.embed import (
        BlendEmbedder,
        EmbeddingCache,
        SentenceTransformerEmbedder,
        UniversalSentenceEncoder,
    )

    english, use = SentenceTransformerEmbedder(64), UniversalSentenceEncoder(64)
    blend = BlendEmbedder(english, use, 0.3)
    alone = compare.compare_story(_en_es_story(), blend, cache=EmbeddingCache(tmp_path / "a", "x"))
    calls: list[int] = []
    encode = use.encode
    monkeypatch.setattr(use, "encode", lambda texts: calls.append(len(texts)) or encode(texts))
    english_story = _en_es_story("2").filter(pl.col("lang") == "en")
    english_story = pl.concat([english_story, english_story.with_columns(article_id=pl.lit("x"))])
    stories = [("s1", _en_es_story()), ("s2", english_story), ("s3", _en_es_story("3"))]
    cache = compare.RememberingCache.over(EmbeddingCache(tmp_path / "b", blend.name))
    # s1 and s3 hold the same sentences: 4 distinct texts, embedded once.
    assert compare.embed_story_sentences(stories, blend, cache) == 4
    assert calls == [4]
    for shard in (tmp_path / "b" / use.name).glob("shard-*.parquet"):
        shard.unlink()  # what was stored is read from memory
    facts = compare.compare_story(stories[0][1], blend, cache=cache).facts
    assert calls == [4]
    assert facts.equals(alone.facts)
    assert facts["kind"].to_list() == ["consensus"] * 4


def test_remembering_cache_shares_its_memory_beside_it_and_not_when_pickled(tmp_path):
    import pickle

    from clustering.embed import EmbeddingCache

    plain = EmbeddingCache(tmp_path, "model-a")
    cache = compare.RememberingCache.over(plain)
    assert cache.directory == plain.directory
    vectors = np.eye(2, dtype=np.float32)
    cache.store(["h1", "h2"], vectors)
    other = cache.beside("model-b")
    other.store(["h1"], vectors[1:])
    for shard in tmp_path.rglob("shard-*.parquet"):
        shard.unlink()
    assert sorted(cache.lookup(["h1", "h2", "h3"])) == ["h1", "h2"]
    np.testing.assert_array_equal(cache.lookup(["h2"])["h2"], [0.0, 1.0])
    np.testing.assert_array_equal(
        compare.RememberingCache.over(other).lookup(["h1"]).get("h1", np.zeros(2)), [0.0, 0.0]
    )  # a new memory: nothing on disk any more
    np.testing.assert_array_equal(cache.beside("model-b").lookup(["h1"])["h1"], [0.0, 1.0])
    copy = pickle.loads(pickle.dumps(cache))
    assert copy.directory == cache.directory and copy.lookup(["h1"]) == {}


def test_story_windows_cut_by_sentences_in_order():
    def story(name: str, chars: int) -> tuple[str, pl.DataFrame]:
        return name, pl.DataFrame({"body": ["x" * chars]})

    stories = [story("a", 1500), story("b", 1500), story("c", 300), story("d", 6000)]
    # Weights: 11, 11, 3, 41 sentences.
    windows = list(compare.story_windows(stories, sentences=25))
    assert [[name for name, _ in w] for w in windows] == [["a", "b", "c"], ["d"]]
    assert [[n for n, _ in w] for w in compare.story_windows(stories, 11)] == [
        ["a"], ["b"], ["c"], ["d"],
    ]  # fmt: skip
    assert list(compare.story_windows([], 10)) == []


@pytest.mark.parametrize(
    "text",
    ["", "It may rain.", "The regimen worked.", "Officials ALLEGEDLY lied, he claimed.", "no"],
)
def test_lexicon_holds_is_whether_find_finds(text):
    for name in CUE_LEXICONS:
        lexicon = load_lexicon(name)
        assert lexicon.holds(text) == bool(lexicon.find(text)), name
    assert load_lexicon("hedges").holds("It may rain.")
    assert not load_lexicon("loaded_terms").holds("The regimen worked.")


def test_throughput_table_has_one_column_per_part_and_the_run_cpu():
    from benchmarks.throughput import markdown

    row = {
        "set": "basil", "encoder": "m", "articles": 100, "encoder_texts_per_s": 40.0,
        "run_articles_per_s": 20.0, "ratio": 0.5, "wall_s": 5.0, "cpu_s": 7.3,
        "seconds": {"embed": 2.5, "extract": 1.0}, "parts": {"fact sentences": 0.4},
        "bars_unfinished": [], "encoder_default_threads_texts_per_s": 38.0,
        "encoder_one_thread_texts_per_s": 40.0, "load_average": 1.25, "encoder_cpu_s": 2.1,
    }  # fmt: skip
    older = {**row, "set": "gvc"}
    # Measured before the CPU seconds, both encoder threads, the load and the encoder's CPU
    # were recorded.
    for key in ("cpu_s", "encoder_default_threads_texts_per_s", "load_average", "encoder_cpu_s"):
        del older[key]
    result = {
        "engine": "local", "embedder": "m", "limit": 100, "versions": {"polars": "x"},
        "rows": [row, older],
        "overall": {"run_articles_per_s": 20.0, "encoder_texts_per_s": 40.0, "ratio": 0.5},
    }  # fmt: skip
    lines = markdown(result).splitlines()
    header = next(line for line in lines if line.startswith("| set | articles"))
    assert "| run CPU s | CPU besides the encoder s |" in header
    basil, gvc = (next(x for x in lines if x.startswith(f"| {s} (")) for s in ("basil", "gvc"))
    assert basil.count("|") == gvc.count("|") == header.count("|")
    # The run's CPU, less the encoder's alone (7.3 - 2.1), the load.
    assert "| 7.3 | 5.2 | 1.2 | yes |" in basil and "|  |  |  | yes |" in gvc
    assert "| 40.0 | 38.0 / 40.0 | 20.0 |" in basil and "| 40.0 |  | 20.0 |" in gvc
    parts = next(line for line in lines if line.startswith("| set | entities"))
    assert parts.count("fact sentences") == 1
    # entities, framing, quotes, numbers, then the fact sentences.
    assert any(line.startswith("| basil | 0.0 | 0.0 | 0.0 | 0.0 | 0.4 | ") for line in lines)


def test_a_cache_store_of_no_articles_writes_nothing_and_a_null_key_shard_still_reads(tmp_path):
    # Every article extracted had an extractor raise: no key to store. Such a store once
    # wrote a shard whose keys column was Null, and every later lookup (the comparisons
    # after the extraction run beside the encoder) failed joining it with the String keys.
    from clustering.corpus import write_parquet_atomic
    from clustering.extract import EXTRACTED_TABLES, ExtractionCache

    cache = ExtractionCache(tmp_path, version="v")
    cache.store([], {table: pl.DataFrame() for table in EXTRACTED_TABLES})
    assert list(tmp_path.glob("extract-v/shard-*")) == []
    legacy = cache.directory / "shard-legacy"
    legacy.mkdir(parents=True)
    for table in EXTRACTED_TABLES:
        write_parquet_atomic(pl.DataFrame({"extraction_key": []}), legacy / f"{table}.parquet")
    write_parquet_atomic(pl.DataFrame({"extraction_key": []}), legacy / "keys.parquet")
    assert pl.read_parquet(legacy / "keys.parquet").schema["extraction_key"] == pl.Null
    keyed = {
        table: pl.DataFrame({"extraction_key": ["k1"], "row": [0], "value": [table]})
        for table in EXTRACTED_TABLES
    }
    cache.store(["k1"], keyed)
    found, rows = cache.lookup(["k1", "k2"])
    assert found == {"k1"}
    assert rows["quotes"]["value"].to_list() == ["quotes"]
