"""The one pre-check mechanism of number extraction (`_Held.allows` over `_PRECHECKED`): a
pattern is skipped on a sentence that lacks one literal of a group of its needs, so every
match of it must hold one of each group (else skipping it would change what
`extract_numbers` finds); the sentence is folded once; the lookahead at the number pattern's
start (`_NUMBER_START`) lets every opening through."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import polars as pl
import pytest

from clustering.extract import numbers as N
from clustering.schema import ARTICLES
from clustering.text import split_sentences
from tests.conftest import SHARED, needs_shared

# The patterns every sentence is tried with under a pre-check, in the order `_PRECHECKED`
# lists them (dates, a month alone, times, shares, ages, age lists, phone numbers and
# gallery counters, addresses, "another", page furniture, relative days).
PRECHECKED_NAMES = [
    *(f"date{i}" for i in range(5)), "month_alone", *(f"time{i}" for i in range(5)),
    *(f"share{i}" for i in range(3)), *(f"age{i}" for i in range(9)), "age_list",
    "age_range", "age_year_role", "age_both", "not_quantities", "address", "another", "furniture", "relative",
]  # fmt: skip


SAMPLES = [
    "The attack on 29 March 2022 and the 3rd of Sept. killed people; on March 29, 2022 too.",
    "Since March 2021, and by Dec. 4, prices rose; in early May they fell, since December.",
    "The report of 2021-03-04 and the form of 3/4/21 were filed in August.",
    "At 10:30 a.m. and 9 pm, then 14:45, and at 5 o'clock the shops closed.",
    "At 10.30 P.M. it ended; at 7AM it began. At 6 O'CLOCK nobody came.",
    "One in three adults and 1-in-5 children; a third of voters; two-thirds of them.",
    "A quarter of the staff and one in a hundred patients; three-quarters agreed.",
    "A 15-year-old boy, a six-month-old girl and children 5 years of age; aged 34, he left.",
    "Javon Wilson, 15, U.S. Rep. Danny Davis' grandson, and Ann Lee (34) were shot.",
    "Calvin Williams, 24 was shot. Two years of age is young; a 3-week-old baby, 2 months of age.",
    "It killed Dana M. Whitfield, 20. A woman, 29, who was hurt; Ivo McLark, 50; and a dog.",
    "In April, since June and until July, by Sept. and in Feb. and in early January, he left.",
    "Three people were killed and another critically injured, killing one and wounding another.",
    "Another woman was hurt. And another was arrested.",
    "A fifth of them, an eighth of us, a tenth of it, three-sevenths and nine-tenths agreed.",
    "Only 2 in 100 and twenty in a hundred; forty-sixths is no share, a sixth of them is.",
    # re.I also matches dotless i, long s and dotted capital I with ASCII i and s
    "One \u0131n three adults; a third \u0131s fine; aged 3\u017f; \u0130N four.",
    "Image copyright Getty Images. Photos: the scene. Caption Close. 1 of 4 Back to Gallery.",
    "Copyright 2017 the Times. Updated at 9:50 p.m. (AP Photo/Jane Doe) by Jane Doe/AP.",
    "\u00a9 2017 Xinhua",
    "  PUBLISHED: 12:01, 3 May 2017 | UPDATED: 13:05",
    "Last Modified on Friday",
    "Shot Saturday, he died yesterday; last night, LAST YEAR, last month and this morning.",
    "This afternoon and this EVENING, police said Monday; Sunday and Wednesday too.",
    "ANOTHER WOMAN WAS HURT and AGED 40 and TWO-THIRDS OF them at 5 O\u2019CLOCK.",
    "Call (713) 555-0199 or 1-800-222-8477; Image 2 of 9; shot in the 5600 block of Main.",
    "The children, ages 4 and 7, and those as young as 13 or under the age of 18 were there.",
    "He lived at 1200 Main Street, the 6700 block of South Aberdeen; born in May, mayor Mar.",
    # round 14: a wire clock time, a video player's counter, a wire photo's caption
    "It flew at 0415 gmt and 2107 UTC; Clip 6 of 41 Skip in Skip, in this undated Picture.",
    # round 18: a list of full names with their ages
    "Police named Lena Marsh, 54, Colt McVey, 22, and a third man.",
    # issue 16, ages: a range of ages with a suspended hyphen
    "A 3- or 4-year-old boy and the 15- to 17-year-old suspects.",
    "He shot a 16-year girl; Ann Lee and Bo Li, both 65, were there.",
]


def test_every_pattern_under_a_precheck_is_listed_once() -> None:
    assert [name for name, *_ in N._PRECHECKED] == PRECHECKED_NAMES
    # a group written twice is one object, looked up once per sentence
    assert N._AGE_NEEDS[3][1] is N._AGE_NEEDS[5][1]
    assert N._DATE_NEEDS[0][0] is N._TIME_NEEDS[0][0] is N._DIGIT_NEEDS[0]
    # only the month names are looked for as written
    assert sorted({g.literals[2] for *_, needs in N._PRECHECKED for g in needs if g.cased}) == [
        "Mar",
        "March",
    ]


def test_the_precheck_never_skips_a_pattern_that_would_match() -> None:
    # the pre-check itself, on each sample: where a pattern matches, its needs are held
    matched = set()
    for text in SAMPLES:
        held = N._Held(text)
        for name, pattern, needs in N._PRECHECKED:
            if pattern.search(text):
                matched.add(name)
                assert held.allows(needs), (name, text)
    assert matched == set(PRECHECKED_NAMES)  # every pattern matched some sample
    # ... and it does skip: a sentence without a digit, a month name or a weekday; "told"
    # and "year" let the "-year-old" pattern through, "may" and "mayor" no month name
    held = N._Held("The mayor may speak this year, officials told reporters.")
    allowed = [name for name, _, needs in N._PRECHECKED if held.allows(needs)]
    assert allowed == ["age0", "age_range"]


def _check(texts: list[str]) -> dict[str, int]:
    """How many matches of each pattern in `texts`; asserts each holds its literals."""
    counts: dict[str, int] = {}
    for name, pattern, needs in N._PRECHECKED:
        counts[name] = 0
        for text in texts:
            for m in pattern.finditer(text):
                counts[name] += 1
                for group in needs:
                    held = m.group() if group.cased else N.fold_case(m.group())
                    assert any(
                        re.search(lit, held)
                        if group.pattern
                        else N._DIGIT.search(held)
                        if lit == "digit"
                        else lit in held
                        for lit in group.literals
                    ), (name, m.group(), group.literals)
    return counts


def test_every_match_holds_its_required_literal() -> None:
    counts = _check(SAMPLES)
    # every pattern matched somewhere, so the assertions above ran on each of them
    assert {name for name, n in counts.items() if n == 0} == set()


def test_skipping_changes_nothing_on_the_samples(monkeypatch: pytest.MonkeyPatch) -> None:
    with_prechecks = [N.find_numbers(text) for text in SAMPLES]
    # every pre-check passes: each pattern is tried on every text
    monkeypatch.setattr(N._Held, "allows", lambda self, needs: True)
    assert [N.find_numbers(text) for text in SAMPLES] == with_prechecks
    assert [(m.start, m.kind, m.value) for m in with_prechecks[3]] == [
        (3, "time", 10.5),
        (18, "time", 21.0),
        (29, "time", 14.75),
        (43, "time", 5.0),
    ]
    assert [
        (m.value, m.counted)
        for m in N._another(
            "Another woman was hurt. And another was arrested.",
            [],
            N._Held("Another woman was hurt. And another was arrested."),
        )
    ] == [
        (1.0, "woman hurt"),
        (1.0, "arrested"),
    ]


def labelled_sentences(dataset: str) -> list[str]:
    """The titles and body sentences of one labelled set of ../shared, in file order."""
    texts = []
    with (SHARED / "labelled" / f"{dataset}.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            body = record.get("body") or ""
            texts.append(record.get("title") or "")
            texts.extend(body[s.start : s.end] for s in split_sentences(body))
    return texts


@needs_shared
@pytest.mark.parametrize("dataset", ["basil", "newswcl50"])
def test_every_match_in_real_sentences_holds_its_required_literal(dataset: str) -> None:
    texts = labelled_sentences(dataset)
    counts = _check(texts)
    assert counts["date1"] > 0 and counts["age0"] > 0 and counts["month_alone"] > 0


# Every way a number can open: currency signs and codes, number words, ordinals, vague counts.
OPENINGS = [
    "US$5", "$US5", "A$5", "C$5", "HK$5", "NZ$5", "$5", "€5", "£5", "¥5", "₹5", "Rs. 5", "Rs5",
    "USD 5", "EUR5", "GBP 5", "JPY 5", "CNY 5", "( 5", "5", "dozens of", "scores of",
    "hundreds of", "thousands of", "tens of thousands of", "millions of", "billions of",
    "half a dozen", "a dozen", "a hundred", "a thousand", "a million", "a billion",
    *N._ONES, *N._TENS, "hundred", "thousand", "million", "billion", "trillion", "dozen",
    *N._ORDINALS, "twenty-first", "ninety-ninth",
]  # fmt: skip


def _number_spans(pattern: re.Pattern[str], texts: list[str]) -> list[list[tuple[int, int]]]:
    return [[m.span() for m in pattern.finditer(text)] for text in texts]


def test_number_start_lets_every_opening_through() -> None:
    # `_NUMBER` is the pattern without its `_NUMBER_START` lookahead, match for match
    without = re.compile(N._NUMBER_BEHIND + N._NUMBER_CORE, re.X | re.I)
    texts = [
        f"They counted {variant} people."
        for opening in OPENINGS
        for variant in (opening, opening.upper(), opening.title(), opening.replace("i", "\u0131"))
    ]
    found = _number_spans(N._NUMBER, texts)
    assert found == _number_spans(without, texts)
    # every opening is read, in every case ("thırd" with a dotless i too, as re.I does)
    assert [text for text, spans in zip(texts, found, strict=True) if not spans] == []
    # ... and words that are no number are not: the lookahead only skips what cannot match
    assert _number_spans(N._NUMBER, ["Officials in Kyiv will pay later."]) == [[]]


@needs_shared
def test_number_start_changes_no_match_in_real_sentences() -> None:
    without = re.compile(N._NUMBER_BEHIND + N._NUMBER_CORE, re.X | re.I)
    texts = []
    with (SHARED / "labelled" / "basil.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            body = json.loads(line).get("body") or ""
            texts.extend(body[s.start : s.end] for s in split_sentences(body))
    found = _number_spans(N._NUMBER, texts)
    assert found == _number_spans(without, texts)
    assert sum(map(len, found)) > 1000


def test_stems_cover_every_word_they_stand_for() -> None:
    assert [w for w in [*N._ONES, *N._TENS] if not any(t in w for t in N._SMALL_STEMS)] == []
    fractions = re.findall(r"[a-z]+ths|thirds|quarters|halves", N._SHARE_PATTERNS[1].pattern)
    assert len(fractions) == 8
    assert [w for w in fractions if not any(t in w for t in N._FRACTION_STEMS)] == []


def test_extract_numbers_folds_each_sentence_once(monkeypatch: pytest.MonkeyPatch) -> None:
    folded: list[str] = []
    fold = N.fold_case
    monkeypatch.setattr(N, "fold_case", lambda text: folded.append(text) or fold(text))
    body = (
        "Three people were shot Saturday and another was hurt. "
        "A 15-year-old boy died at 10:30 p.m. on March 29. Photos: the scene."
    )
    article = {c: None for c in ARTICLES} | {
        "article_id": "a",
        "title": "Two hurt",
        "body": body,
        "published_at": datetime(2017, 8, 28, tzinfo=UTC),
    }
    numbers = N.extract_numbers(pl.DataFrame([article], schema=ARTICLES))
    # the title and the three sentences, once each (it was up to four times a sentence)
    assert folded == ["Two hurt", *(s.text for s in split_sentences(body))]
    # "Photos: the scene." is page furniture; the rest is read through the pre-checks
    assert numbers.select("text", "kind", "value").rows() == [
        ("Two hurt", "count", 2.0), ("Three people", "count", 3.0),
        ("Saturday", "date", 20170826.0), ("another", "count", 1.0),
        ("15-year-old", "age", 15.0), ("10:30 p.m.", "time", 22.5), ("March 29", "date", 329.0),
    ]  # fmt: skip


def test_first_letter_lookahead_lets_every_share_and_age_opening_through() -> None:
    # `_FIRST` opens the share and age patterns: every number word, "a" and a digit starts
    # with one of its letters, in any case, so it only skips positions that cannot match
    words = [*N._ONES, *N._TENS, "hundred", "thousand", "million", "a", "7", "half"]
    first = re.compile(N._FIRST)
    assert [w for w in words for v in (w, w.upper(), w.title()) if not first.match(v)] == []
    without = [re.compile(p.pattern.replace(N._FIRST, ""), p.flags) for p in N._SHARE_PATTERNS]
    texts = [*SAMPLES, "ONE IN FIVE, Two-Thirds, a Third of them, Nine In Ten."]
    for with_first, plain in zip(N._SHARE_PATTERNS, without, strict=True):
        assert _number_spans(with_first, texts) == _number_spans(plain, texts)
    assert sum(len(s) for p in N._SHARE_PATTERNS for s in _number_spans(p, texts)) >= 10


def test_not_quantities_lookahead_lets_every_opening_through() -> None:
    # `_NOT_QUANTITIES` is the pattern without its opening lookahead, match for match, and
    # the lookahead's class takes every character an alternative may start with, as re.I does
    pattern = N._NOT_QUANTITIES.pattern
    lookahead = "(?=[\\d+(ipsvc\\u00a9])"
    assert pattern.startswith(lookahead + "(?:") and pattern.endswith(")")
    without = re.compile(pattern[len(lookahead) + 3 : -1], re.I)
    texts = [
        variant
        for text in [
            *SAMPLES,
            "Call +1 (713) 555-0199, 1-800-222-8477 or 713.555.0199.",
            "Image 1 of 4; Photos 2 of 9; picture 3 of / 5; Slide 4 of 6; VIDEO 5 of 7.",
            "1 / 4 Back to Gallery; 8 show all; 6 of 41 Skip in; (c) 2017; \u00a9 2016-2017.",
        ]
        for variant in (text, text.upper(), text.lower(), text.replace("i", "\u0131"))
    ]
    found = _number_spans(N._NOT_QUANTITIES, texts)
    assert found == _number_spans(without, texts)
    assert sum(map(len, found)) >= 40  # every alternative, in every case, was matched
    first = re.compile(r"\d|\+|\(|i|p|s|v|c|\u00a9", re.I)
    opens = re.compile(lookahead[3:-1], re.I)
    for code in range(0x110000):
        assert bool(first.match(chr(code))) == bool(opens.match(chr(code))), hex(code)


def test_a_share_denominator_opens_with_a_stem_the_precheck_looks_for() -> None:
    # `_IN_NUMBER` looks for a stem right after "in ": every number word a share's
    # denominator may be (`_SMALL`) opens with one
    words = N._SMALL.split("|")
    assert len(words) >= 28 and "seventeen" in words
    assert all(word.startswith(N._SMALL_STEMS) for word in words)
    held = N._Held("Nearly one in four, and one-in-5; within ten days, in one case.")
    assert held.allows(N._SHARE_NEEDS[0])
    assert not N._Held("Within ten days, in the one case, he joined in.").allows(N._SHARE_NEEDS[0])
