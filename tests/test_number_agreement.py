"""benchmarks/number_agreement.py on hand-made annotations (no article text, no model)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from benchmarks.number_agreement import (
    agreement,
    clopper_pearson,
    cohen_kappa,
    link_groups,
    paired_statuses,
    reader_as_system,
    score_against,
    write_results,
)


def _m(group: str, article: str, start: int, end: int, value: float) -> dict:
    return {"group": group, "article": article, "start": start, "end": end, "value": value}


def _event(numbers: list[dict], statuses: dict[str, str]) -> dict:
    return {"numbers": numbers, "groups": [{"group": g, "status": s} for g, s in statuses.items()]}


# Reader one: a toll in three articles (conflict), an age in two (agree), a look-alike in one.
FIRST = _event(
    [
        _m("toll", "a", 10, 12, 3),
        _m("toll", "b", 40, 44, 4),
        _m("toll", "c", 5, 9, 4),
        _m("age", "a", 100, 102, 17),
        _m("age", "b", 200, 210, 17),
        _m("alike", "c", 300, 302, 17),
    ],
    {"toll": "conflict", "age": "agree", "alike": "different"},
)
# Reader two: the toll as an update (one mention a repeat elsewhere in article c, same
# value), the age too, and a time only this reader gives.
SECOND = _event(
    [
        _m("shot", "a", 9, 12, 3),
        _m("shot", "b", 40, 44, 4),
        _m("shot", "c", 500, 504, 4),
        _m("age", "a", 100, 110, 17),
        _m("age", "b", 205, 207, 17),
        _m("time", "a", 600, 607, 19.5),
        _m("time", "b", 700, 707, 19.25),
    ],
    {"shot": "update", "age": "agree", "time": "conflict"},
)


def test_link_groups_pairs_one_figure_by_overlap_and_a_repeat_of_equal_value() -> None:
    links = link_groups(FIRST, SECOND)
    assert ("toll", "shot") in links
    assert ("age", "age") in links
    assert ("alike", None) in links
    assert (None, "time") in links
    assert len(links) == 4  # every group exactly once


def test_link_groups_needs_two_articles_and_one_overlap() -> None:
    one = _event([_m("x", "a", 0, 2, 5), _m("x", "b", 0, 2, 5)], {"x": "agree"})
    # overlaps in article a only, nothing in b: one article is not a shared quantity
    only_a = _event([_m("y", "a", 1, 3, 5), _m("y", "c", 0, 2, 5)], {"y": "agree"})
    assert link_groups(one, only_a) == [("x", None), (None, "y")]
    # equal values in both articles but no overlapping span: not linked either
    apart = _event([_m("z", "a", 50, 52, 5), _m("z", "b", 50, 52, 5)], {"z": "agree"})
    assert link_groups(one, apart) == [("x", None), (None, "z")]


def test_link_groups_is_one_to_one_most_overlap_first() -> None:
    first = _event(
        [_m("g", "a", 0, 5, 1), _m("g", "b", 0, 5, 1), _m("g", "c", 0, 5, 1)], {"g": "agree"}
    )
    second = _event(
        [
            _m("two", "a", 0, 5, 1),
            _m("two", "b", 0, 5, 1),
            _m("three", "a", 1, 4, 1),
            _m("three", "b", 1, 4, 1),
            _m("three", "c", 1, 4, 1),
        ],
        {"two": "agree", "three": "agree"},
    )
    assert link_groups(first, second) == [("g", "three"), (None, "two")]


def test_paired_statuses_keeps_groups_of_two_articles_with_the_other_status() -> None:
    items = paired_statuses({"e": FIRST}, {"e": SECOND})
    got = {(i["first"], i["second"]): (i["first_status"], i["second_status"]) for i in items}
    assert got == {
        ("toll", "shot"): ("conflict", "update"),
        ("age", "age"): ("agree", "agree"),
        (None, "time"): (None, "conflict"),
    }  # the one-article look-alike is left out


def test_paired_statuses_reads_an_event_the_other_reader_lacks_as_unmarked() -> None:
    items = paired_statuses({"e": FIRST}, {})
    assert {(i["first"], i["second_status"]) for i in items} == {("toll", None), ("age", None)}


def test_cohen_kappa_known_values() -> None:
    assert cohen_kappa([("a", "a"), ("b", "b")]) == pytest.approx(1.0)
    # observed 0.5, expected 0.5 (each rater half a, half b): kappa 0
    assert cohen_kappa([("a", "a"), ("a", "b"), ("b", "a"), ("b", "b")]) == pytest.approx(0.0)
    # 2x2 table [[20, 5], [10, 15]]: po 0.7, pe 0.5, kappa 0.4
    pairs = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    assert cohen_kappa(pairs) == pytest.approx(0.4)
    assert math.isnan(cohen_kappa([]))
    assert math.isnan(cohen_kappa([("a", "a"), ("a", "a")]))  # one class: chance is total


def test_clopper_pearson_matches_the_exact_binomial_interval() -> None:
    low, high = clopper_pearson(2, 11)  # R: binom.test(2, 11)$conf.int
    assert low == pytest.approx(0.02283, abs=1e-4)
    assert high == pytest.approx(0.51776, abs=1e-4)
    assert clopper_pearson(0, 10) == (0.0, pytest.approx(1 - 0.025 ** (1 / 10)))
    assert clopper_pearson(10, 10) == (pytest.approx(0.025 ** (1 / 10)), 1.0)
    assert clopper_pearson(0, 0) == (0.0, 1.0)


def test_agreement_counts_changes_confusion_and_kappa() -> None:
    result = agreement(paired_statuses({"e": FIRST}, {"e": SECOND}))
    assert result["first_changes"] == {"update": 1}
    assert result["second_changes"] == {"conflict": 1, None: 1}
    assert result["confusion"][("conflict", "update")] == 1
    assert result["linked"] == 2
    assert result["items"] == 3
    # linked: (conflict, update), (agree, agree): po 0.5, pe 0.25 -> kappa 1/3
    assert result["kappa_status"] == pytest.approx(1 / 3)


def test_reader_as_system_scores_the_second_reader_like_flags() -> None:
    got = reader_as_system(paired_statuses({"e": FIRST}, {"e": SECOND}))
    # flags: shot (right: the toll is a change) and time (no change of the first): 1 of 2
    assert (got["flagged"], got["right"]) == (2, 1)
    assert (got["conflicts_found"], got["conflicts"]) == (1, 1)
    assert (got["labelled"], got["changes"]) == (0, 1)  # found as an update, gold conflict


def test_score_against_each_reader_and_the_agreed_subset() -> None:
    readers = {"one": {"e": FIRST}, "two": {"e": SECOND}}
    flags = [
        {"status": "conflict", "hits": {"one": ["e|toll"], "two": ["e|shot"]}},
        {"status": "conflict", "hits": {"one": [], "two": ["e|time"]}},
        {"status": "update", "hits": {"one": [], "two": []}},
    ]
    got = score_against(flags, readers)
    assert (got["one"]["flagged"], got["one"]["right"]) == (3, 1)
    assert (got["two"]["flagged"], got["two"]["right"]) == (3, 2)
    assert (got["one"]["conflicts_found"], got["one"]["labelled"]) == (1, 1)
    assert (got["two"]["updates_found"], got["two"]["labelled"]) == (1, 1)
    # agreed: the time flag is judged by one reader only; the toll is a conflict for one
    # reader and an update for the other, so no change is agreed
    assert (got["agreed"]["flagged"], got["agreed"]["right"]) == (2, 1)
    assert got["agreed"]["changes"] == 0


def test_write_results_puts_the_section_after_the_numbers_end_then_replaces_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "RESULTS.md"
    path.write_text("a\n<!-- numbers:start -->\nn\n<!-- numbers:end -->\n\nz\n", encoding="utf-8")
    write_results("<!-- number-agreement:start -->\nold\n<!-- number-agreement:end -->\n", path)
    text = path.read_text(encoding="utf-8")
    assert text.index("<!-- numbers:end -->") < text.index("old") < text.index("z")
    write_results("<!-- number-agreement:start -->\nnew\n<!-- number-agreement:end -->\n", path)
    text = path.read_text(encoding="utf-8")
    assert "new" in text and "old" not in text and text.count("number-agreement:start") == 1
