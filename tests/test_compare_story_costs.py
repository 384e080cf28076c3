"""Per-story costs of the compare and cluster stages cut with the same output (issue 14,
H11): each cut is checked against the code it replaced (written out here as the
reference) and for the work it no longer repeats."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import polars as pl
import pytest

import clustering.cluster as cluster_module
import clustering.compare.framing_comparison as framing_comparison
import clustering.compare.number_claims as number_claims
from clustering.cluster import Evidence, cluster_block, evidence_from_facts
from clustering.cluster.features import article_facts
from clustering.compare.facts import _string_lists, independent_articles
from clustering.compare.languages import story_languages
from clustering.config import ClusterConfig
from clustering.schema import ARTICLES


def _languages_as_before(articles: pl.DataFrame) -> list[str]:
    """`story_languages` as a polars filter and group_by (the code before the cut)."""
    counts = articles.filter(pl.col("lang").fill_null("") != "").group_by("lang").len().rows()
    return [lang for lang, _ in sorted(counts, key=lambda c: (c[0] != "en", -c[1], c[0]))]


@pytest.mark.parametrize(
    "langs",
    [
        ["en", None, "", "es", "es", "fr"],
        ["fr", "es", "es", None],
        ["de", "it", "it", "de", "en"],
        [None, ""],
        [],
    ],
)
def test_story_languages_are_the_frame_operations(langs: list[str | None]) -> None:
    articles = pl.DataFrame({"lang": langs}, schema={"lang": pl.String})
    assert story_languages(articles) == _languages_as_before(articles)


def test_story_languages_order() -> None:
    articles = pl.DataFrame({"lang": ["fr", "es", "es", None, "", "en"]})
    assert story_languages(articles) == ["en", "es", "fr"]


@pytest.mark.parametrize(
    "lists",
    [
        [["CNN", "Fox News"], ["NPR"]],
        [["a b", "c,d", "é", "日本"]],
        [["NPR"], []],  # an empty list: the plain way
        [["x\x00y"], ["z"]],  # a string holding the separator: the plain way
        [],
    ],
)
@pytest.mark.parametrize("times", [1, 16])  # 16: enough lists for the join and split
def test_string_lists_are_polars_lists(lists: list[list[str]], times: int) -> None:
    lists = lists * times
    made = _string_lists("outlets", lists)
    expected = pl.Series("outlets", lists, dtype=pl.List(pl.String))
    assert made.dtype == pl.List(pl.String) and made.name == "outlets"
    assert made.to_list() == lists
    assert made.equals(expected)


def _article(article_id: str, outlet: str | None, duplicate_of: str | None = None) -> dict:
    return {
        "article_id": article_id,
        "outlet": outlet,
        "title": f"Title {article_id}",
        "lead": None,
        "body": f"Body of {article_id}.",
        "duplicate_of": duplicate_of,
    }


def _articles(rows: list[dict]) -> pl.DataFrame:
    full = [{name: row.get(name) for name in ARTICLES} for row in rows]
    return pl.DataFrame(full, schema=ARTICLES)


@pytest.mark.parametrize("with_copy", [False, True])
def test_independent_articles_leave_out_wire_copies_only(with_copy: bool) -> None:
    rows = [_article("a1", "CNN"), _article("a2", None), _article("a3", " ")]
    if with_copy:
        rows.append(_article("a4", "AP", duplicate_of="a1"))
    articles = _articles(rows)
    got = independent_articles(articles)
    before = articles.filter(pl.col("duplicate_of").is_null()).select(
        "article_id",
        pl.col("outlet").fill_null(""),
        pl.col("title").fill_null(""),
        pl.col("lead").fill_null(""),
        pl.col("body").fill_null(""),
        source=pl.when(pl.col("outlet").fill_null("").str.strip_chars() != "")
        .then(pl.col("outlet"))
        .otherwise(pl.col("article_id")),
    )
    assert got.equals(before)
    assert got["article_id"].to_list() == ["a1", "a2", "a3"]
    assert got["source"].to_list() == ["CNN", "a2", "a3"]


ROW = {
    "counted": "people killed",
    "sentence": "Police said 12 people were killed in the attack on Tuesday.",
    "start": 12,
    "sentence_start": 0,
    "kind": "count",
    "unit": "",
}


def test_a_row_is_labelled_once(monkeypatch: pytest.MonkeyPatch) -> None:
    number_claims._label_of.cache_clear()
    calls: list[str] = []
    counted_words = number_claims.counted_words

    def counting(counted: str, *args: object, **kwargs: object) -> str:
        calls.append(counted)
        return counted_words(counted, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(number_claims, "counted_words", counting)
    first = number_claims._label(ROW)
    # A group's label and its reason read the same row: its words are read once.
    assert number_claims._label(dict(ROW)) == first == "people killed"
    assert calls == ["people killed"]


def test_a_label_read_with_the_other_setting_is_read_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    row = {
        "counted": "behind",
        "sentence": "The probe flew some 60,000km behind the comet on Monday.",
        "start": 20,
        "sentence_start": 0,
        "kind": "measure",
        "unit": "km",
    }
    assert number_claims._label(row) == "distance"
    monkeypatch.setattr(number_claims, "LABELS_AS_NOUNS", False)
    assert number_claims._label(row) == "behind"


def test_counted_words_reads_each_word_of_the_sentence_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    lemma = number_claims.lemma

    def counting(word: str) -> str:
        calls.append(word)
        return lemma(word)

    monkeypatch.setattr(number_claims, "lemma", counting)
    sentence = "At least 32 civilians were left dead by the strike, officials said."
    shown = number_claims.counted_words("civilian dead left", sentence, 9)
    assert shown == "civilians killed"
    words = number_claims._LABEL_WORD.findall(sentence)
    # Once per word of the sentence, not once per word and word of the phrase (2 x 11).
    assert sorted(calls) == sorted(words)


def _evidence_and_vectors(n: int) -> tuple[Evidence, np.ndarray, np.ndarray]:
    texts = [
        f"Gunman kills {k % 3 + 2} in Gary, Ind. shooting on Main Street on Monday. "
        f"Police named John Doe{k % 2}, 34."
        for k in range(n)
    ]
    days = np.full(
        n, float((datetime(2024, 5, 6, tzinfo=UTC) - datetime(1970, 1, 1, tzinfo=UTC)).days)
    )
    facts = article_facts(texts, days)
    evidence = evidence_from_facts(facts, None, None)
    rng = np.random.default_rng(14)
    vectors = rng.normal(size=(n, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return evidence, vectors, days


def test_a_block_takes_its_rows_of_the_evidence_once(monkeypatch: pytest.MonkeyPatch) -> None:
    evidence, vectors, days = _evidence_and_vectors(6)
    members = np.array([0, 2, 3, 5], dtype=np.int64)
    config = ClusterConfig()
    assert config.conflict_penalty > 0 and config.cannot_link_cues > 0  # both read it
    expected = cluster_block(members, vectors, days, config, None, evidence)
    taken: list[int] = []
    rows = Evidence.rows

    def counting(self: Evidence, index: np.ndarray) -> Evidence:
        taken.append(len(index))
        return rows(self, index)

    monkeypatch.setattr(cluster_module.Evidence, "rows", counting)
    labels, noise = cluster_block(members, vectors, days, config, None, evidence)
    assert taken == [4]
    assert np.array_equal(labels, expected[0]) and np.array_equal(noise, expected[1])
    assert len(labels) == 4 and labels.dtype == np.int64


def test_a_storys_framing_rows_are_joined_and_sorted_as_polars_did() -> None:
    story = pl.DataFrame(
        {
            "article_id": ["b2", "a1", "c3", "a0", "é5"],
            "outlet": ["NPR", "NPR", "", "Zeit", "Ärzte"],
            "source": ["NPR", "NPR", "c3", "Zeit", "Ärzte"],
            "body": ["x", "y", "z", "w", "v"],
        }
    )
    framing = pl.DataFrame(
        {
            "article_id": ["a0", "é5", "c3", "a1", "b2"],
            "tone": [0.1, 0.2, 0.3, 0.4, 0.5],
            "entities": [["A"], [], ["B", "C"], [], ["D"]],
            "body": ["framing's", "own", "body", "column", "here"],  # the story's is read
        }
    )
    joined = framing_comparison._joined_in_order(story, framing)
    before = story.join(framing, on="article_id").sort("outlet", "article_id")
    assert joined.equals(before.drop("body_right"))
    assert joined["article_id"].to_list() == ["c3", "a1", "b2", "a0", "é5"]
    assert joined["tone"].to_list() == [0.3, 0.4, 0.5, 0.1, 0.2]
