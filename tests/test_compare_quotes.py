from __future__ import annotations

import json

import polars as pl
import pytest

from clustering.compare.diff import diff_words
from clustering.compare.quote_groups import QUOTE_GROUPS, align_quotes, quotes_json, version_wording
from clustering.extract.quotes import QUOTES, extract_quotes
from clustering.schema import SchemaError
from tests.conftest import align_hand_quotes, needs_shared, quote_story

# One story as four fictional outlets tell it; a4 is a wire copy of a1.
ARTICLES = pl.DataFrame(
    {
        "article_id": ["a1", "a2", "a3", "a4", "a5"],
        "outlet": ["Kyiv Ledger", "Baltic Post", "Alpine Times", "Wire Daily", "Lake Herald"],
        "duplicate_of": [None, None, None, "a1", None],
        "body": [
            "Foreign minister Dmytro Kuleba spoke in Kyiv on Monday.\n\n"
            "“We will never surrender, and we will win this war,” Mr Kuleba said.\n\n"
            "“The sanctions on the central bank must be tightened now,” he added.",
            'Dmytro Kuleba said: "We will never surrender."\n\n'
            'He said the West "must tighten the sanctions on the central bank immediately".',
            "Sergei Lavrov, Russia’s foreign minister, said: “The talks are over for now.”\n\n"
            "Dmytro Kuleba told reporters that “we will never surrender, and we shall win "
            "this war”.",
            "Foreign minister Dmytro Kuleba spoke in Kyiv on Monday.\n\n"
            "“We will never surrender, and we will win this war,” Mr Kuleba said.",
            "Sergei Lavrov, the foreign minister, said: “We will never surrender to pressure "
            "from the West.”",
        ],
    },
    schema_overrides={"duplicate_of": pl.String},
)


@pytest.fixture(scope="module")
def groups() -> pl.DataFrame:
    return align_quotes(extract_quotes(ARTICLES), ARTICLES)


def group_with(groups: pl.DataFrame, text: str) -> pl.DataFrame:
    group_id = groups.filter(pl.col("text") == text)["group_id"].item()
    return groups.filter(pl.col("group_id") == group_id)


def test_schema_and_every_original_quote_is_in_one_group(groups):
    assert groups.schema == QUOTE_GROUPS
    # 7 quotes in the originals; the wire copy's quote is left out.
    assert groups.height == 7
    assert "a4" not in groups["article_id"].to_list()
    assert groups.select("article_id", "quote_index").is_unique().all()


def test_truncated_and_reworded_versions_join_the_longest(groups):
    g = group_with(groups, "We will never surrender, and we will win this war,")
    assert g["article_id"].to_list() == ["a1", "a3", "a2"]  # reference first, then by outlet
    assert g["status"].unique().to_list() == ["shared"]
    assert g["speaker"].unique().to_list() == ["Dmytro Kuleba"]
    by_article = {r["article_id"]: r for r in g.iter_rows(named=True)}
    assert by_article["a1"]["similarity"] == 100.0 and not by_article["a1"]["is_truncated"]
    # a2 drops a clause: a strict sub-span of the reference.
    assert by_article["a2"]["is_truncated"] is True
    # a3 rewords ("shall"): similar, not truncated; the word diff says how.
    assert by_article["a3"]["is_truncated"] is False
    assert 70.0 <= by_article["a3"]["similarity"] < 100.0
    diff = [(d["kind"], d["text"]) for d in by_article["a3"]["diff"]]
    assert ("delete", "will") in diff and ("insert", "shall") in diff
    assert ("delete", "We") in diff and ("insert", "we") in diff


def test_diff_rebuilds_reference_and_version(groups):
    for group_id in groups["group_id"].unique():
        g = groups.filter(pl.col("group_id") == group_id)
        reference = g["text"][0]
        for row in g.iter_rows(named=True):
            kinds = [(d["kind"], d["text"]) for d in row["diff"]]
            assert "".join(t for k, t in kinds if k != "insert") == reference
            assert "".join(t for k, t in kinds if k != "delete") == row["text"]


def test_same_words_from_another_speaker_are_another_quote(groups):
    g = group_with(groups, "We will never surrender to pressure from the West.")
    assert g.height == 1 and g["speaker"].item() == "Sergei Lavrov"
    assert g["status"].item() == "single"


def test_single_outlet_quote_is_flagged(groups):
    g = group_with(groups, "The talks are over for now.")
    assert (g.height, g["status"].item(), g["outlet"].item()) == (1, "single", "Alpine Times")


def test_wire_copy_does_not_make_a_quote_shared(groups):
    g = group_with(groups, "The sanctions on the central bank must be tightened now,")
    # Carried by a1 and (reworded) a2; the wire copy a4 adds nothing.
    assert sorted(g["article_id"].to_list()) == ["a1", "a2"]
    only_a1 = ARTICLES.filter(pl.col("article_id").is_in(["a1", "a4"]))
    alone = align_quotes(extract_quotes(only_a1), only_a1)
    assert set(alone["status"].to_list()) == {"single"}


def test_group_ids_and_rows_do_not_depend_on_row_order(groups):
    quotes = extract_quotes(ARTICLES)
    shuffled = align_quotes(
        quotes.sample(fraction=1.0, shuffle=True, seed=7),
        ARTICLES.sample(fraction=1.0, shuffle=True, seed=3),
    )
    assert shuffled.equals(groups)
    assert all(g.startswith("q-") and len(g) == 14 for g in groups["group_id"])


def test_unknown_speaker_joins_a_known_one():
    articles = pl.DataFrame(
        {
            "article_id": ["x", "y"],
            "outlet": ["One", "Two"],
            "duplicate_of": [None, None],
            "body": [
                "Ann Lee said: “Our port will reopen in the spring.”",
                "“Our port will reopen in spring,” a spokesman said.",
            ],
        },
        schema_overrides={"duplicate_of": pl.String},
    )
    g = align_quotes(extract_quotes(articles), articles)
    assert g["group_id"].n_unique() == 1
    assert g["speaker"].unique().to_list() == ["Ann Lee"]


def test_threshold_controls_rewording_tolerance(groups):
    reworded = "must tighten the sanctions on the central bank immediately"
    assert group_with(groups, reworded)["status"].unique().to_list() == ["shared"]
    strict = align_quotes(extract_quotes(ARTICLES), ARTICLES, threshold=90.0)
    assert group_with(strict, reworded)["status"].item() == "single"


def test_empty_inputs_give_an_empty_frame():
    empty = align_quotes(pl.DataFrame(schema=QUOTES), ARTICLES)
    assert empty.height == 0 and empty.schema == QUOTE_GROUPS
    assert quotes_json(empty) == []


def test_bad_parameters_raise():
    quotes = extract_quotes(ARTICLES)
    with pytest.raises(ValueError, match=r"threshold should be .* Got 120"):
        align_quotes(quotes, ARTICLES, threshold=120)
    with pytest.raises(SchemaError, match="duplicate_of"):
        align_quotes(quotes, ARTICLES.drop("duplicate_of"))
    with pytest.raises(TypeError, match="Got dict instead"):
        align_quotes({}, ARTICLES)  # type: ignore[arg-type]


def test_quotes_json_shape(groups):
    out = quotes_json(groups)
    assert len(out) == groups["group_id"].n_unique()
    first = out[0]
    assert set(first) == {
        "group_id", "speaker", "text", "status", "article_ids", "outlets", "versions"
    }  # fmt: skip
    assert first["text"] == "We will never surrender, and we will win this war,"
    assert first["article_ids"] == ["a1", "a3", "a2"]
    assert first["outlets"] == ["Kyiv Ledger", "Alpine Times", "Baltic Post"]
    assert [v["is_truncated"] for v in first["versions"]] == [False, False, True]
    assert set(first["versions"][0]) == {
        *("article_id", "outlet", "text", "is_truncated", "diff"),
        "translated",  # a version in another language than the reference (match_translations)
    }
    assert not any(v["translated"] for v in first["versions"])
    assert first["versions"][0]["diff"] == [
        {"kind": "equal", "text": "We will never surrender, and we will win this war,"}
    ]


def test_whole_sentences_are_not_truncation_but_fragments_are():
    articles = pl.DataFrame(
        {
            "article_id": ["x", "y", "z"],
            "outlet": ["One", "Two", "Three"],
            "duplicate_of": [None, None, None],
            "body": [
                "Fire Chief Marcus Bell said: “The building was full of resin. My crews did "
                "everything they could.”",
                "“The building was full of resin,” Fire Chief Marcus Bell said.",
                "Marcus Bell said his crews were “deeply sorry” about the damage.",
            ],
        },
        schema_overrides={"duplicate_of": pl.String},
    )
    quotes = extract_quotes(articles)
    assert quotes.height == 3
    g = align_quotes(quotes, articles)
    assert g["group_id"].n_unique() == 2  # the fragment quotes something else
    whole = g.filter(pl.col("article_id") == "y")
    assert whole["is_truncated"].item() is False and whole["status"].item() == "shared"
    articles = articles.with_columns(
        pl.when(pl.col("article_id") == "z")
        .then(pl.lit("Marcus Bell said the building was “full of resin” when it caught."))
        .otherwise(pl.col("body"))
        .alias("body")
    )
    g = align_quotes(extract_quotes(articles), articles)
    fragment = g.filter(pl.col("article_id") == "z")
    assert fragment["is_truncated"].item() is True and fragment["status"].item() == "shared"


def test_same_words_from_a_spokesman_and_a_lawyer_are_two_quotes():
    g, _ = quote_story(
        "Kremlin spokesman Dmitry Volkov said the report was “a matter for the courts”.",
        "Panamanian lawyer Ana Ruiz said the leak was “a matter for the courts”.",
    )
    assert g["group_id"].n_unique() == 2
    assert sorted(g["speaker"].to_list()) == ["Ana Ruiz", "Dmitry Volkov"]


def test_unknown_speaker_needs_the_words_to_agree_not_one_shared_word():
    g, _ = quote_story(
        "Juan Ortega said: “This will be a worldwide matter.”",
        "The minister called it a “private matter” on Monday.",
    )
    assert g["status"].unique().to_list() == ["single"]
    g, _ = quote_story(
        "Juan Ortega said: “This will be a worldwide matter for every bank.”",
        "“This will be a worldwide matter for every bank,” an official said.",
    )
    assert g["status"].unique().to_list() == ["shared"]


def test_two_people_with_one_surname_are_not_one_speaker():
    g, _ = quote_story(
        "Joe Biden said: “We will rebuild the bridge this year.”",
        "Hunter Biden said: “We will rebuild the bridge this year.”",
    )
    assert g["group_id"].n_unique() == 2
    g, _ = quote_story(
        "Joe Biden said: “We will rebuild the bridge this year.”",
        "“We will rebuild the bridge this year,” Biden said.",
    )
    assert g["group_id"].n_unique() == 1


def test_a_quote_cut_with_an_ellipsis_is_truncated_not_reworded():
    g, _ = quote_story(
        "Ann Lee said: “We are deeply sorry for what happened to the families last night.”",
        "Ann Lee said: “We are deeply sorry … to the families last night.”",
    )
    assert g["group_id"].n_unique() == 1
    cut = g.filter(pl.col("text").str.contains("…"))
    assert cut["is_truncated"].item() is True
    assert g.filter(~pl.col("text").str.contains("…"))["is_truncated"].item() is False


def test_unknown_speaker_fragment_must_appear_in_the_other_nearly_verbatim():
    # Both content words of the fragment are in the long quote, but apart.
    g, _ = quote_story(
        "Juan Ortega said: “The agenda was set in Washington, and Obama never hid it.”",
        "The man asked whether he backed the “Obama agenda” on Friday.",
    )
    assert g["status"].unique().to_list() == ["single"]


def test_scorer_counts_a_surname_only_when_no_one_else_bears_it():
    from benchmarks.compare_quotes import same_speaker

    body = "Beverly Collins, the county clerk, spoke first. Ms. Collins said the count was done."
    assert same_speaker("Collins", "Beverly Collins", body)
    assert same_speaker("Ms. Collins", "Beverly Collins", body)
    assert same_speaker("Beverly Collins", "Beverly Collins", "")
    # Another Collins in the article: the surname alone could be either of them.
    both = body + " Her son Mark Collins disagreed."
    assert not same_speaker("Collins", "Beverly Collins", both)
    # Another person, a first name alone, a name where the gold has no one: all wrong.
    assert not same_speaker("Mark Collins", "Beverly Collins", both)
    assert not same_speaker("Beverly", "Beverly Collins", body)
    assert not same_speaker("Collins", None, body)
    assert same_speaker(None, None, body)
    # The last word of an organisation is not the organisation.
    rail = "The Rail Accident Investigation Branch said the tram was too fast."
    assert not same_speaker("Branch", "Rail Accident Investigation Branch", rail)
    # A curly and a straight apostrophe are one name ("Sheriff’s Office" was read as
    # "sheriffs office" beside "sheriff office"), and so are O’Neill and O'Neill.
    assert same_speaker("Sheriff’s Office", "Sheriff's Office", "")
    assert same_speaker("Ted O’Neill", "Ted O'Neill", "")
    assert not same_speaker("Sheriffs Office", "Sheriff's Office", "")


@needs_shared
def test_numbers_only_gold_files_are_not_scored_for_quotes():
    from benchmarks.compare_quotes import _real_gold_quotes
    from benchmarks.gold_real import REAL_GOLD

    listed = json.loads((REAL_GOLD / "events.json").read_text(encoding="utf-8"))["events"]
    numbers_only = {
        a for e in listed if (e.get("file") or "").startswith("dev_numbers") for a in e["articles"]
    }
    _, gold, _ = _real_gold_quotes("dev", REAL_GOLD)
    # dev_numbers.json and dev_numbers2.json leave their quotes out by design: none of
    # their articles is read as an article without quotes.
    assert len(numbers_only) > 100
    assert not numbers_only & set(gold)


@needs_shared
def test_real_gold_quote_spans_sit_inside_their_marks():
    from benchmarks.compare_quotes import _real_gold_quotes
    from benchmarks.gold_real import REAL_GOLD

    articles, gold, _ = _real_gold_quotes("all", REAL_GOLD)
    bodies = dict(articles.select("article_id", "body").iter_rows())
    n = 0
    for article_id, quotes in gold.items():
        body = bodies[article_id]
        for q in quotes:
            n += 1
            assert 0 < q["start"] < q["end"] <= len(body), q
            text = body[q["start"] : q["end"]]
            assert text == text.strip(), q
            # The words start right after an opening mark (double, single in British copy,
            # a mis-curled ”, or a stray ’ after one: “’a war we have to win”), and the
            # speaker is a short label or None.
            mark = body[max(q["start"] - 2, 0) : q["start"]]
            assert mark[-1] in "\"“”‘'«„" or mark == "“’", (
                q,
                body[q["start"] - 5 : q["start"] + 5],
            )
            assert q["speaker"] is None or 0 < len(q["speaker"]) <= 60, q
    assert n >= 700  # the real gold held 767 quotes when written


def _groups_of(groups: pl.DataFrame) -> list[list[str]]:
    return sorted(
        sorted(g["text"].to_list()) for _, g in groups.group_by("group_id", maintain_order=True)
    )


def test_two_different_quotes_of_one_speaker_stay_apart():
    # One mayor says two things that share two of four content words; the speaker vouches
    # for who said them, not that they are one quote (before: one "shared" group).
    groups = align_hand_quotes(
        [
            (
                "a",
                "This was plainly a flooded tunnel that had a stalled train left in it,",
                "Ida Moss",
            ),
            ("b", "I know for a fact that the tunnel was flooded,", "Ida Moss"),
            ("a", "But I am not going to let this thing decide what I talk about.", "Ida Moss"),
            ("b", "I'm not going to talk about the budget anymore,", "Ida Moss"),
        ]
    )
    assert groups["group_id"].n_unique() == 4
    assert set(groups["status"]) == {"single"}


def test_a_short_fragment_sharing_one_word_is_not_a_piece_of_a_long_quote():
    long = (
        "Crews are working to free two people still trapped. A number of people have been "
        "taken to hospital, and all options are on the table."
    )
    groups = align_hand_quotes(
        [
            ("a", long, "Ida Moss"),
            ("b", "a number of factors", "Ida Moss"),
            ("c", "come to the table", "Ida Moss"),
            ("d", "We were on the inside,", "Ida Moss"),
            ("e", "how are you", "Ida Moss"),
            ("f", "Who are you?", "Ida Moss"),
            ("g", "who are you!", "Ida Moss"),
        ]
    )
    # Only the two "who are you" join: a question with no content word is compared by its
    # words as they stand, not by letters ("how are you" is 91 to it by letters).
    assert ["Who are you?", "who are you!"] in _groups_of(groups)
    assert groups["group_id"].n_unique() == 6


def test_truncations_and_rewordings_of_one_speaker_still_join():
    groups = align_hand_quotes(
        [
            ("a", "There is so much that can go wrong.", "Ida Moss"),
            ("b", "There's so much that can go wrong here,", "Ida Moss"),
            ("c", "We will reopen the harbour bridge to traffic by the end of May,", "Ida Moss"),
            ("d", "reopen the harbour bridge", "Ida Moss"),
            # Another translation of one statement: four of five content words shared.
            (
                "e",
                "The reckless firing of the missile is a grave and serious threat to our nation,",
                "Ida Moss",
            ),
            (
                "f",
                "firing the missile was a reckless act and a serious threat to the nation.",
                "Ida Moss",
            ),
        ]
    )
    assert _groups_of(groups) == [
        [
            "The reckless firing of the missile is a grave and serious threat to our nation,",
            "firing the missile was a reckless act and a serious threat to the nation.",
        ],
        ["There is so much that can go wrong.", "There's so much that can go wrong here,"],
        [
            "We will reopen the harbour bridge to traffic by the end of May,",
            "reopen the harbour bridge",
        ],
    ]
    assert set(groups["status"]) == {"shared"}


def test_version_wording_tells_layout_excerpts_cuts_and_rewordings_apart():
    reference = "The water rose fast. We have never seen it this high, never."
    # Case, punctuation and quote marks are layout: the same words are verbatim.
    assert (
        version_wording(reference, "the water rose fast, we have never seen it this high never")
        == "verbatim"
    )
    assert version_wording("don’t ask, don’t tell", "don't ask, don't tell") == "verbatim"
    # A sentence of the reference word for word is an excerpt, quoted verbatim ...
    assert version_wording(reference, "We have never seen it this high, never.") == "verbatim"
    # ... a cut into a sentence is truncated (align_quotes flags it), a changed word reworded.
    assert version_wording(reference, "never seen it this high", is_truncated=True) == "truncated"
    assert version_wording(reference, "We have never seen it this high") == "reworded"
    assert (
        version_wording(reference, "We have never seen the water this high, never.") == "reworded"
    )
    assert version_wording(reference, "Nunca la vimos tan alta.", translated=True) == "translated"


def test_quote_wording_of_stored_groups_reads_the_diff():
    from clustering.views.story_page import is_reworded, quote_wording

    reference = "The water rose fast. We have never seen it this high."
    groups = pl.DataFrame(
        [
            (reference, False),
            ("the water rose fast, we have never seen it this high", False),
            ("We have never seen it this high.", False),
            ("seen it this high", True),
            ("We never saw it this high.", False),
        ],
        schema={"text": pl.String, "is_truncated": pl.Boolean},
        orient="row",
    ).with_columns(
        pl.col("text")
        .map_elements(
            lambda t: [{"kind": k, "text": x} for k, x in diff_words(reference, t)],
            return_dtype=QUOTE_GROUPS["diff"],
        )
        .alias("diff")
    )
    shown = groups.select(
        quote_wording(groups).alias("wording"), is_reworded(groups).alias("reworded")
    )
    assert shown["wording"].to_list() == [
        "verbatim", "verbatim", "verbatim", "truncated", "reworded"
    ]  # fmt: skip
    assert shown["reworded"].to_list() == [False, False, False, False, True]
