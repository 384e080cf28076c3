"""benchmarks/quote_agreement.py: the two-reader agreement study of the quote gold's test
split (issue 16), its scoring functions on hand-made quotes."""

from __future__ import annotations

import json

import pytest

from benchmarks import quote_agreement as qa
from benchmarks.gold_real import LABELLED

BODY = (
    'Ann Lee said "We will build it." Later "It is late," she said. '
    'Critics called it "a waste". Bob Ray said "Fine."'
)


def _span(words: str, speaker: str | None) -> dict:
    start = BODY.index(words)
    return {"start": start, "end": start + len(words), "speaker": speaker}


def test_candidate_spans_are_the_words_between_double_marks() -> None:
    spans = qa.candidate_spans(BODY)
    assert [BODY[s:e] for s, e in spans] == [
        "We will build it.",
        "It is late,",
        "a waste",
        "Fine.",
    ]
    # curly marks, and a pair never runs over a paragraph break
    assert qa.candidate_spans('“One,” she said.\n"Two') == [(1, 5)]


def test_event_order_is_seeded_and_independent_of_input_order() -> None:
    events = [f"e{i}" for i in range(10)]
    order = qa.event_order(events)
    assert order == qa.event_order(list(reversed(events)))
    assert sorted(order) == sorted(events)
    assert order != sorted(events)  # shuffled
    assert qa.event_order(events, seed=1) != order


def test_prf() -> None:
    assert qa.prf(3, 4, 6) == {"precision": 0.75, "recall": 0.5, "f1": 0.6}
    assert qa.prf(0, 0, 5) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_match_readers_uses_half_the_shorter_span_and_the_article_for_surnames() -> None:
    first = [_span("We will build it.", "Ann Lee"), _span("It is late,", "Ann Lee")]
    # a span cut short by more than half of the shorter one does not match
    second = [
        _span("We will build it.", "Lee"),
        {"start": first[1]["start"] + 9, "end": first[1]["end"] + 9, "speaker": None},
    ]
    assert qa.match_readers(first, second, BODY) == (1, 1)  # "Lee": no other Lee
    # the other way round a full name never matches a bare surname (the scorer's rule)
    assert qa.match_readers(second[:1], first[:1], BODY) == (1, 0)


def test_agreement_both_ways_and_the_agreed_subset() -> None:
    article = "a1"
    bodies = {article: BODY}
    first = {
        article: [
            _span("We will build it.", "Ann Lee"),
            _span("It is late,", "Ann Lee"),
            _span("a waste", None),
        ]
    }
    second = {
        article: [
            _span("We will build it.", "Ann Lee"),
            _span("It is late,", "Bob Ray"),
            _span("Fine.", "Bob Ray"),
        ]
    }
    got = qa.agreement(first, second, bodies)
    assert got["n_first"] == 3 and got["n_second"] == 3
    assert got["span_matches"] == 2
    assert got["span"] == {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667}
    assert got["span_speaker"] == {"precision": 0.3333, "recall": 0.3333, "f1": 0.3333}
    assert got["speaker_agreement"] == 0.5
    assert got["speaker_matches"] == 1

    agreed = qa.agreed_subset(first, second, bodies)
    assert agreed == {article: [first[article][0]]}
    disputed = qa.contested(first, second, agreed)
    assert [BODY[q["start"] : q["end"]] for q in disputed[article]] == [
        "It is late,",
        "a waste",
        "It is late,",
        "Fine.",
    ]

    items = qa.disagreements(first, second, bodies)
    assert [(i["kind"], i["first"], i["second"]) for i in items] == [
        ("speaker", "Ann Lee", "Bob Ray"),
        ("only_first", None, None),
        ("only_second", None, "Bob Ray"),
    ]
    assert qa.class_of(items[0]) == "unclassed"


def test_score_on_agreed_leaves_out_what_the_readers_dispute() -> None:
    article = "a1"
    bodies = {article: BODY}
    agreed = {article: [_span("We will build it.", "Ann Lee")]}
    disputed = {article: [_span("It is late,", "Ann Lee"), _span("Fine.", "Bob Ray")]}
    system = {
        article: [
            _span("We will build it.", "Ann Lee"),  # right
            _span("It is late,", "Bob Ray"),  # on a disputed quote: not counted
            _span("a waste", "Ann Lee"),  # neither reader's quote: spurious
        ]
    }
    got = qa.score_on_agreed(system, agreed, disputed, bodies)
    assert got["n_system_left_out"] == 1
    assert got["n_second"] == 2
    assert got["span_speaker"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667}


def test_class_of_reads_the_table_by_article_prefix_and_start() -> None:
    (prefix, start), (label, _why) = next(iter(qa.DISAGREEMENTS.items()))
    item = {"article": prefix + "-rest-of-id", "start": start}
    assert qa.class_of(item) == label
    assert qa.class_of({"article": prefix, "start": start + 1}) == "unclassed"


def test_write_results_places_the_section_after_the_quotes_section(tmp_path) -> None:
    path = tmp_path / "RESULTS.md"
    path.write_text("a\n<!-- quotes:start -->\nq\n<!-- quotes:end -->\n\n<!-- x:start -->\n")
    qa.write_results(f"{qa.MARKER_START}\none\n{qa.MARKER_END}", path)
    assert path.read_text() == (
        "a\n<!-- quotes:start -->\nq\n<!-- quotes:end -->\n\n"
        f"{qa.MARKER_START}\none\n{qa.MARKER_END}\n\n<!-- x:start -->\n"
    )
    # written again: replaced in place, not added twice
    qa.write_results(f"{qa.MARKER_START}\ntwo\n{qa.MARKER_END}", path)
    assert path.read_text().count(qa.MARKER_START) == 1
    assert "\ntwo\n" in path.read_text() and "\none\n" not in path.read_text()


@pytest.mark.skipif(not LABELLED.exists(), reason="needs ../shared/data/labelled")
def test_second_reader_file_is_ids_and_offsets_and_every_disagreement_is_classed() -> None:
    data = json.loads(qa.SECOND_READER.read_text(encoding="utf-8"))
    assert set(data) == {"note", "seed", "events", "articles", "quotes"}
    assert data["seed"] == qa.SEED
    for quote in data["quotes"]:
        assert set(quote) == {"article", "start", "end", "speaker", "partial", "truncated"}
        assert quote["article"] in data["articles"]
    articles, gold, event_of = qa._real_gold_quotes("test", qa.REAL_GOLD)
    assert sorted(data["events"]) == sorted(set(event_of.values()))
    bodies = dict(zip(articles["article_id"], articles["body"], strict=True))
    for quote in data["quotes"]:
        body = bodies[quote["article"]]
        assert 0 <= quote["start"] < quote["end"] <= len(body)
        assert body[quote["start"]] not in "\"“”' "  # marks excluded
    _events, second = qa.load_second_reader()
    items = qa.disagreements(gold, second, bodies)
    assert len(items) == len(qa.DISAGREEMENTS) == 21
    assert all(qa.class_of(i) != "unclassed" for i in items)
