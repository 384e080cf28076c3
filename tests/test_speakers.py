from __future__ import annotations

import json
import math
from importlib import resources

import polars as pl
import pytest

from clustering.extract.quotes import extract_quotes, quote_contexts
from clustering.extract.speakers import (
    FEATURES,
    SpeakerRanker,
    candidate_features,
    default_ranker,
    rank_speakers,
)
from tests.conftest import needs_shared


def frame(*bodies: str) -> pl.DataFrame:
    return pl.DataFrame({"article_id": [f"a{i}" for i in range(len(bodies))], "body": bodies})


def features_of(body: str) -> list[dict[str, dict[str, float]]]:
    """Per quote: candidate name -> {feature: value}."""
    ((_, context),) = quote_contexts(frame(body))
    return [
        {name: dict(zip(FEATURES, vector, strict=True)) for name, vector in candidates}
        for candidates in candidate_features(context)
    ]


def test_shipped_weights_hold_features_and_numbers_only():
    path = resources.files("clustering.extract") / "lexicons" / "speaker_ranker.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == FEATURES
    assert set(data) == {
        "model",
        "features",
        "mean",
        "scale",
        "coef",
        "intercept",
        "threshold",
        "trained_on",
        "versions",
    }
    ranker = default_ranker()
    assert 0.0 < ranker.threshold < 1.0
    # Being named as the subject of the attribution verb, or right beside the marks with a
    # speech verb, is evidence for, distance is evidence against: the signs a reader
    # would expect. (possessive_nearest was asserted negative here; its weight has sat
    # within 0.02 of zero since the features that carry the evidence, in_sentence and the
    # said-adjacency ones, leave possessives out: -0.009 before issue 16's ninth pass,
    # +0.015 after, a sign that says nothing.)
    weights = dict(zip(ranker.features, ranker.coef, strict=True))
    assert weights["subject_in_sentence"] > 0
    assert weights["said_right_after"] > 0
    assert weights["paragraph_distance"] < 0
    assert abs(weights["possessive_nearest"]) < 0.1


def test_candidates_carry_attribution_features():
    body = (
        "Ann Lee met Tom Brandt on Monday.\n\n"
        "“We will rebuild the bridge,” said Lee, who chairs the county board."
    )
    (quote,) = features_of(body)
    assert set(quote) == {"Ann Lee", "Tom Brandt"}
    assert quote["Ann Lee"]["said_right_after"] == 1.0
    assert quote["Ann Lee"]["subject_in_sentence"] == 1.0
    assert quote["Tom Brandt"]["said_right_after"] == 0.0
    assert quote["Tom Brandt"]["paragraph_distance"] == 1.0
    assert quote["Ann Lee"]["gender_disagrees"] == 0.0


def test_gender_of_the_pronoun_near_the_quote_is_compared():
    body = (
        "Mary Stone and her neighbour John Pike watched the water rise.\n\n"
        "“It came up to the windows in minutes,” she said."
    )
    (quote,) = features_of(body)
    assert quote["Mary Stone"]["gender_agrees"] == 1.0
    assert quote["John Pike"]["gender_disagrees"] == 1.0


def test_ranker_picks_the_attributed_speaker():
    body = (
        "Governor Ann Lee visited the flooded town with Mayor Tom Brandt.\n\n"
        "“We will rebuild every house,” Brandt said.\n\n"
        "Lee promised federal aid. “Nobody will be left behind,” she said."
    )
    rows = extract_quotes(frame(body)).to_dicts()
    assert [r["speaker"] for r in rows] == ["Tom Brandt", "Ann Lee"]


def test_no_candidate_above_threshold_is_no_speaker():
    body = "Ann Lee spoke.\n\n“Keep calm,” said Lee."
    ((_, context),) = quote_contexts(frame(body))
    n = len(FEATURES)
    never = SpeakerRanker(FEATURES, (0.0,) * n, (1.0,) * n, (0.0,) * n, -10.0, 0.5)
    always = SpeakerRanker(FEATURES, (0.0,) * n, (1.0,) * n, (0.0,) * n, 10.0, 0.5)
    assert rank_speakers(context, never) == [None]
    assert rank_speakers(context, always) == ["Ann Lee"]


def test_rules_alone_when_asked():
    body = "“The bridge is safe,” said Ann Lee."
    assert extract_quotes(frame(body), speaker_ranker=None)["speaker"].to_list() == ["Ann Lee"]
    with pytest.raises(ValueError, match="speaker_ranker should be"):
        extract_quotes(frame(body), speaker_ranker="spacy")


def test_bad_weights_raise_with_the_expected_shape():
    with pytest.raises(ValueError, match="one value per feature"):
        SpeakerRanker(FEATURES, (0.0,), (1.0,), (0.0,), 0.0, 0.5)
    n = len(FEATURES)
    with pytest.raises(ValueError, match="retrain"):
        SpeakerRanker(tuple(reversed(FEATURES)), (0.0,) * n, (1.0,) * n, (0.0,) * n, 0.0, 0.5)


@needs_shared
def test_dev_cross_validation_beats_the_rules():
    from benchmarks.compare_quotes import RANKER_THRESHOLD, cross_validate_speakers

    result = cross_validate_speakers("dev", thresholds=(RANKER_THRESHOLD,))
    ranker = result[f"ranker@{RANKER_THRESHOLD}"]["span_speaker"]["f1"]
    # Measured 0.842 (rules 0.831, in-sample) when trained; a floor against regression.
    assert ranker >= result["rules"]["span_speaker"]["f1"]
    assert ranker >= 0.83


def test_a_city_or_state_is_no_candidate_speaker_but_a_person_of_that_name_is():
    from clustering.extract.places import place_names

    places = place_names(("state", "city"))
    assert {"Tokyo", "Los Angeles", "Illinois", "Nebraska"} <= places
    assert "Obama" not in places  # a town of 30,000 in Japan: under the population floor
    body = (
        "Pacific Wings flights resumed on Monday.\n\n"
        "In Tokyo, the airline said: “All flights will leave on time.”"
    )
    frame = pl.DataFrame({"article_id": ["a"], "body": [body]})
    assert extract_quotes(frame)["speaker"].to_list() != ["Tokyo"]


def test_one_long_sentence_of_quotes_gives_each_its_speaker():
    # A 30 KB body of one sentence (no full stop), `Ann said "a b"` 2,000 times: every
    # mention is in every quote's window. The ranker's features are read through an index
    # of the mentions by position (issue 16), so the nearest mention and the adjacency
    # tests are the quote's own neighbours, not the first or last Ann of the body.
    body = 'Ann said "a b" ' * 2000
    quotes = extract_quotes(frame(body))
    assert quotes.height == 2000
    assert quotes["speaker"].to_list() == ["Ann"] * 2000
    assert quotes["start"][1000] == 1000 * 15 + 10
    middle = features_of(body)[1000]
    assert list(middle) == ["Ann"]
    ann = middle["Ann"]
    # 'Ann' ends 6 characters before the opening mark (' said '), the next starts 1 after
    # the closing one.
    assert ann["log_chars_before"] == pytest.approx(math.log1p(6))
    assert ann["log_chars_after"] == pytest.approx(math.log1p(1))
    assert ann["said_right_before"] == ann["said_right_after"] == 1.0
    assert ann["log_mentions"] == pytest.approx(math.log1p(2000))


def test_many_sentences_of_two_speakers_keep_theirs():
    # 600 quotes, two speakers taking turns, the second through "he said" after his
    # naming sentence: the indexed look-ups find each quote's own sentences.
    body = (
        "Ann Lee said: “We will rebuild the school.” Tom Ray, the mayor, said the town "
        "would help. “It is our duty,” he said. "
    ) * 300
    quotes = extract_quotes(frame(body))
    assert quotes["speaker"].to_list() == ["Ann Lee", "Tom Ray"] * 300
