"""One article whose extraction raises, or one story whose comparison raises, costs only
its own rows: `run`, `add` and the CLI go on, every other article and story gets the
rows a run without the fault gives, and the corpus's failures table names the file, the
line, the article (or story) and the part that raised (clustering.extract.per_article,
clustering.compare.compare_story, Corpus.record_failures)."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import SAMPLE, WordHashEmbedder

import clustering.compare
import clustering.compare.facts
from clustering.compare import TABLES, extract_articles
from clustering.corpus import Corpus
from clustering.extract import ExtractionCache, extraction_keys, per_article
from clustering.pipeline import add, run
from clustering.schema import FAILURES, QUOTES


class RaisingOn:
    """`function` of a frame of articles, but raising RuntimeError whenever the frame
    holds `article_id` (in a batch or alone), as a bug hit by one article's text would."""

    def __init__(self, function, article_id: str) -> None:
        self.function = function
        self.article_id = article_id

    def __call__(self, articles, *args, **kwargs):
        if self.article_id in articles["article_id"].to_list():
            raise RuntimeError(f"injected fault on {self.article_id}")
        return self.function(articles, *args, **kwargs)


class RaisingOnStory:
    """`function(framing, articles, ...)` (a comparison part), raising ValueError on the
    story holding `article_id`."""

    def __init__(self, function, article_id: str) -> None:
        self.function = function
        self.article_id = article_id

    def __call__(self, framing, articles, *args, **kwargs):
        if self.article_id in articles["article_id"].to_list():
            raise ValueError("injected story fault")
        return self.function(framing, articles, *args, **kwargs)


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> Corpus:
    """The sample's corpus without any fault."""
    out = tmp_path_factory.mktemp("baseline") / "corpus"
    return run([SAMPLE], out, embedder=WordHashEmbedder()).corpus


def _quoted_article(corpus: Corpus) -> dict:
    """An article of a compared story with quotes in the comparison: its ARTICLES row and
    story_id (the fault must cost something to be seen)."""
    quotes = corpus.read("comparisons/quotes")
    counts = quotes.group_by("story_id", "article_id").len().sort("len", "article_id")
    story_id, article_id, _ = counts.row(-1)
    row = corpus.read("articles").filter(pl.col("article_id") == article_id).row(0, named=True)
    return row | {"story_id": story_id}


def _without(frame: pl.DataFrame, column: str, value: str) -> pl.DataFrame:
    return frame.filter(pl.col(column) != value)


def test_an_extractor_raising_on_one_article_costs_only_that_articles_rows(
    tmp_path, baseline, monkeypatch
):
    chosen = _quoted_article(baseline)
    faulty = RaisingOn(clustering.compare.extract_quotes, chosen["article_id"])
    monkeypatch.setattr(clustering.compare, "extract_quotes", faulty)
    result = run([SAMPLE], tmp_path / "corpus", embedder=WordHashEmbedder())

    failures = result.corpus.failures()
    assert failures.select(pl.exclude("commit", "error")).rows(named=True) == [
        {
            "part": "extract:quotes",
            "article_id": chosen["article_id"],
            "story_id": chosen["story_id"],
            "source_file": chosen["source_file"],
            "source_line": chosen["source_line"],
            "error_type": "RuntimeError",
        }
    ]
    assert failures["error"].to_list() == [f"injected fault on {chosen['article_id']}"]
    assert failures["commit"].to_list() == [result.corpus.version]
    # Every article is in the corpus, and every story is compared as without the fault,
    # but for the quotes of the one article (its numbers, framing, facts are all there).
    assert result.corpus.read("articles").equals(baseline.read("articles"))
    for name in TABLES:
        mine = result.corpus.read(f"comparisons/{name}")
        theirs = baseline.read(f"comparisons/{name}")
        if name == "quotes":
            assert _without(mine, "story_id", chosen["story_id"]).equals(
                _without(theirs, "story_id", chosen["story_id"])
            )
            story = mine.filter(pl.col("story_id") == chosen["story_id"])
            assert chosen["article_id"] not in story["article_id"].to_list()
            assert story.height > 0  # the story's other articles' quotes are compared
        else:
            assert mine.equals(theirs), name
            assert mine.filter(pl.col("article_id") == chosen["article_id"]).height > 0 or (
                name == "facts"
            )


def test_the_other_articles_extraction_is_that_of_a_run_without_the_fault(baseline, monkeypatch):
    articles = baseline.read("articles")
    chosen = _quoted_article(baseline)["article_id"]
    clean = extract_articles(articles)
    monkeypatch.setattr(
        clustering.compare, "extract_quotes", RaisingOn(clustering.compare.extract_quotes, chosen)
    )
    hit = extract_articles(articles)
    assert hit.numbers.equals(clean.numbers) and hit.framing.equals(clean.framing)
    assert hit.quotes.equals(_without(clean.quotes, "article_id", chosen))
    assert clean.quotes.filter(pl.col("article_id") == chosen).height > 0
    assert hit.failures["article_id"].to_list() == [chosen]
    assert clean.failures.is_empty()


def test_a_failed_article_is_not_cached_and_each_copy_says_so(tmp_path, baseline, monkeypatch):
    """The extraction cache never holds a failed article as one without quotes: the next
    run reads it again; a copy of it (same text, another id and line) gets its own row."""
    from clustering.embed import EmbeddingCache
    from clustering.engine import LocalEngine

    articles = baseline.read("articles").filter(pl.col("duplicate_of").is_null()).head(6)
    chosen = articles["article_id"][2]
    copy = articles.slice(2, 1).with_columns(
        pl.lit("copy-of-chosen").alias("article_id"),
        pl.lit(999, dtype=pl.Int64).alias("source_line"),
    )
    both = pl.concat([articles, copy])
    monkeypatch.setattr(
        clustering.compare, "extract_quotes", RaisingOn(clustering.compare.extract_quotes, chosen)
    )
    cache = EmbeddingCache(tmp_path / "cache", "any")
    hit = LocalEngine().extract(both, None, cache, None)
    assert hit.failures.select("article_id", "source_line").rows() == [
        (chosen, articles["source_line"][2]),
        ("copy-of-chosen", 999),
    ]
    found, _ = ExtractionCache(cache.directory.parent).lookup(extraction_keys(both))
    keys = extraction_keys(both)
    assert keys[2] not in found and set(keys[:2] + keys[3:6]) <= found


def test_a_comparison_part_raising_on_one_story_costs_only_that_part(
    tmp_path, baseline, monkeypatch
):
    chosen = _quoted_article(baseline)
    faulty = RaisingOnStory(clustering.compare.compare_framing, chosen["article_id"])
    monkeypatch.setattr(clustering.compare, "compare_framing", faulty)
    result = run([SAMPLE], tmp_path / "corpus", embedder=WordHashEmbedder())
    failures = result.corpus.failures()
    assert failures.select("part", "article_id", "story_id", "source_file").rows() == [
        ("compare:framing", None, chosen["story_id"], None)
    ]
    assert failures["error"].to_list() == ["injected story fault"]
    for name in TABLES:
        mine = result.corpus.read(f"comparisons/{name}")
        theirs = baseline.read(f"comparisons/{name}")
        if name == "framing":
            assert mine.equals(_without(theirs, "story_id", chosen["story_id"]))
            assert theirs.filter(pl.col("story_id") == chosen["story_id"]).height > 0
        else:  # the story's numbers, quotes and facts, and every other story: as before
            assert mine.equals(theirs), name


def test_a_failed_part_is_exported_and_told_by_compare(tmp_path, baseline, monkeypatch):
    import json

    from typer.testing import CliRunner

    import clustering.embed
    from clustering.cli import app
    from clustering.export import export_tables

    chosen = _quoted_article(baseline)
    faulty = RaisingOnStory(clustering.compare.compare_framing, chosen["article_id"])
    monkeypatch.setattr(clustering.compare, "compare_framing", faulty)
    out = tmp_path / "corpus"
    run([SAMPLE], out, embedder=WordHashEmbedder())
    assert "failures" not in export_tables(baseline)
    exported = export_tables(Corpus(out))["failures"]
    assert exported.select("part", "story_id", "error").rows() == [
        ("compare:framing", chosen["story_id"], "injected story fault")
    ]

    monkeypatch.setattr(clustering.embed, "load_embedder", lambda config: WordHashEmbedder())
    args = ["compare", chosen["story_id"], "--corpus", str(out)]
    scripted = CliRunner().invoke(app, [*args, "--json"])
    assert scripted.exit_code == 0, scripted.output
    data = json.loads(scripted.stdout.strip().splitlines()[-1])
    assert data["failed_parts"] == [
        {"part": "compare:framing", "article_id": None, "error": "ValueError: injected story fault"}
    ]
    assert data["quotes"]  # the other parts are there
    shown = CliRunner().invoke(app, args)
    assert shown.exit_code == 0, shown.output
    assert "The framing comparison failed for this story" in " ".join(shown.output.split())


def test_an_article_whose_fact_sentences_raise_is_left_out_of_its_storys_facts(
    tmp_path, baseline, monkeypatch
):
    chosen = _quoted_article(baseline)
    marker = chosen["body"][:60]
    split = clustering.compare.facts.split_fact_sentences

    def raising(text):
        if marker in text:
            raise IndexError("injected sentence fault")
        return split(text)

    monkeypatch.setattr(clustering.compare.facts, "split_fact_sentences", raising)
    result = run([SAMPLE], tmp_path / "corpus", embedder=WordHashEmbedder())
    failures = result.corpus.failures()
    assert failures.select(
        "part", "article_id", "story_id", "source_line", "error_type"
    ).rows() == [
        (
            "extract:facts",
            chosen["article_id"],
            chosen["story_id"],
            chosen["source_line"],
            "IndexError",
        )
    ]
    facts = result.corpus.read("comparisons/facts")
    theirs = baseline.read("comparisons/facts")
    assert _without(facts, "story_id", chosen["story_id"]).equals(
        _without(theirs, "story_id", chosen["story_id"])
    )
    story = facts.filter(pl.col("story_id") == chosen["story_id"])
    assert story.height > 0 and chosen["article_id"] not in story["article_id"].to_list()


def test_an_add_records_its_own_failures_under_its_commit(tmp_path, baseline, monkeypatch):
    compared = baseline.read("comparisons/numbers")["article_id"].unique()
    later_files = pl.col("source_file").str.contains("/web/|/pasted/")
    victim = (
        baseline.read("articles")
        .filter(later_files, pl.col("article_id").is_in(compared.implode()))
        .sort("article_id")
        .row(0, named=True)
    )
    first = run([SAMPLE / "articles.jsonl"], tmp_path / "c", embedder=WordHashEmbedder())
    assert first.corpus.failures().is_empty()
    monkeypatch.setattr(
        clustering.compare,
        "extract_numbers",
        RaisingOn(clustering.compare.extract_numbers, victim["article_id"]),
    )
    later = add([SAMPLE / "web", SAMPLE / "pasted"], tmp_path / "c", embedder=WordHashEmbedder())
    failures = later.corpus.failures()
    assert failures.select("commit", "part", "article_id", "source_file").rows() == [
        (later.corpus.version, "extract:numbers", victim["article_id"], victim["source_file"])
    ]
    assert later.corpus.failures(latest=False).equals(failures)  # the run recorded none
    assert later.corpus.read("articles").height == baseline.read("articles").height


def test_per_article_calls_the_extractor_once_when_the_batch_succeeds():
    calls: list[int] = []

    def extract(articles):
        calls.append(articles.height)
        return pl.DataFrame(schema=QUOTES)

    articles = pl.DataFrame({"article_id": ["a", "b", "c"]})
    rows, failures = per_article("extract:quotes", extract, articles, QUOTES)
    assert calls == [3] and rows.is_empty() and failures.schema == FAILURES
    assert failures.is_empty()
    # Raising on "b": the batch, then each article alone; "a" and "c" keep their rows.

    def raising(articles):
        calls.append(articles.height)
        if "b" in articles["article_id"].to_list():
            raise KeyError("b")
        return articles.select("article_id")

    calls.clear()
    rows, failures = per_article(
        "extract:x", raising, articles, pl.Schema({"article_id": pl.String})
    )
    assert calls == [3, 1, 1, 1]
    assert rows["article_id"].to_list() == ["a", "c"]
    assert failures.select("part", "article_id", "error_type", "error").rows() == [
        ("extract:x", "b", "KeyError", "'b'")
    ]


def test_the_cli_says_how_many_articles_had_a_part_fail(tmp_path, baseline, monkeypatch):
    import json

    from typer.testing import CliRunner

    import clustering.pipeline
    from clustering.cli import app

    chosen = _quoted_article(baseline)
    monkeypatch.setattr(clustering.pipeline, "load_embedder", lambda config: WordHashEmbedder())
    monkeypatch.setattr(
        clustering.compare,
        "extract_quotes",
        RaisingOn(clustering.compare.extract_quotes, chosen["article_id"]),
    )
    out = tmp_path / "corpus"
    result = CliRunner().invoke(app, ["run", str(SAMPLE), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "1 article(s) and 0 story comparison(s) had a part fail (extract:quotes 1)" in text
    assert str(Corpus(out).location("failures")) in text
    assert (
        f"failed {chosen['source_file']}:{chosen['source_line']} article {chosen['article_id']} "
        f"[extract:quotes] RuntimeError: injected fault on {chosen['article_id']}"
    ) in text
    scripted = CliRunner().invoke(
        app, ["run", str(SAMPLE), "--out", str(out), "--json", "--overwrite"]
    )
    assert scripted.exit_code == 0, scripted.output
    summary = json.loads(scripted.stdout.strip().splitlines()[-1])
    assert [(f["part"], f["article_id"]) for f in summary["failed_parts"]] == [
        ("extract:quotes", chosen["article_id"])
    ]


def _faulty_on_worker(name: str, part: str, faulty: type, article_id: str):
    """What a Ray worker runs in place of `clustering.engine_ray.<name>` (a function: Ray
    makes a task of `_compare_one`): the worker's own function, with
    `clustering.compare.<part>` raising on `article_id` while it runs (a monkeypatch in
    the test's process does not reach Ray's worker processes)."""

    def on_worker(*args, **kwargs):
        import clustering.compare as compare
        import clustering.engine_ray as engine_ray

        real = getattr(compare, part)
        setattr(compare, part, faulty(real, article_id))
        try:
            return getattr(engine_ray, name)(*args, **kwargs)
        finally:
            setattr(compare, part, real)

    return on_worker


def test_the_ray_engine_writes_the_local_engines_corpus_when_an_article_fails(
    tmp_path, baseline, monkeypatch
):
    import sys

    ray = pytest.importorskip("ray")
    import conftest
    from ray import cloudpickle

    import clustering.engine_ray
    from clustering.engine_ray import RayEngine

    chosen = _quoted_article(baseline)["article_id"]
    # The quotes of one article and the framing of its story raise, here and on Ray.
    monkeypatch.setattr(
        clustering.compare, "extract_quotes", RaisingOn(clustering.compare.extract_quotes, chosen)
    )
    monkeypatch.setattr(
        clustering.compare,
        "compare_framing",
        RaisingOnStory(clustering.compare.compare_framing, chosen),
    )
    local = run([SAMPLE], tmp_path / "local", embedder=WordHashEmbedder()).corpus

    for name, part, faulty in (
        ("_extract_batch", "extract_quotes", RaisingOn),
        ("_compare_one", "compare_framing", RaisingOnStory),
    ):
        monkeypatch.setattr(
            clustering.engine_ray, name, _faulty_on_worker(name, part, faulty, chosen)
        )
    cloudpickle.register_pickle_by_value(conftest)  # the test embedder
    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the faults
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        engine = RayEngine(encoders=1)
        on_ray = run([SAMPLE], tmp_path / "ray", embedder=WordHashEmbedder(), engine=engine).corpus
    finally:
        ray.shutdown()

    assert local.failures().select("part", "article_id").rows() == [
        ("extract:quotes", chosen),
        ("compare:framing", None),
    ]
    assert on_ray.failures().equals(local.failures())
    for name in ["articles", "assignments", "stories", *(f"comparisons/{t}" for t in TABLES)]:
        assert (
            on_ray.read(name)
            .drop("updated_at", strict=False)
            .equals(local.read(name).drop("updated_at", strict=False))
        ), name
