"""Numbers stated in articles: every quantity with what it counts, normalised.

`extract_numbers` turns an ARTICLES frame into a NUMBERS frame: one row per quantity in each
body (and title), with its value (words to digits, "4m" and "four million" to 4,000,000), a
range's upper end, its qualifier ("more than", "about", ...) kept as meaning, its unit, its kind
(count, money, percent, measure, date, time, age, year, ordinal, other) and `counted`, a
normalised head phrase for what is counted ("civilian killed", "death toll", "refugee").

It is rule-based on purpose: regular expressions over sentences plus a small lemmatiser read 20
articles of ~550 words in ~0.07 s on this 2-core machine, where spaCy's small model alone takes
2-3.6 s (measured, with and without NER: over the whole comparison budget), and the phrases news
prose uses around numbers are few and regular. `counted` is taken from the words after the number
("1,119 civilians killed", "40% of voters", "$2.5bn in aid") or, when nothing is counted there,
from the subject before the verb ("the death toll rose to 1,119" -> "death toll").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

import polars as pl

from clustering.extract.numerals import (
    LOCALISED_LANGUAGES,
    Mention,
    Spans,
    find_numbers_localised,
)
from clustering.schema import ARTICLES, NUMBERS, validate
from clustering.text import (  # lemma and the sentence window re-exported here
    LONG_SENTENCE_CHARS,
    days_before,
    fold_case,
    lemma,
    sentence_window,
    split_sentences,
)

__all__ = [
    "AGE_ROLES",
    "LONG_SENTENCE_CHARS",
    "NUMBERS",
    "STOPWORDS",
    "WORD_VALUES",
    "Mention",
    "extract_numbers",
    "month_number",
    "find_numbers",
    "sentence_window",
    "find_relative_days",
    "falls",
    "lemma",
    "is_person_noun",
]


# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
#: Number words and their values, zero to ninety ("seven": 7, "forty": 40).
WORD_VALUES = {**_ONES, **_TENS}
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "mn": 1e6, "mln": 1e6, "bn": 1e9, "tn": 1e12, "k": 1e3, "m": 1e6, "b": 1e9,
}  # fmt: skip
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "hundredth": 100,
}  # fmt: skip
# "hundreds of people" is a quantity too: an interval, kept as qualifier "range".
_VAGUE = {
    "dozens": (24.0, 100.0), "scores": (40.0, 100.0), "hundreds": (100.0, 1e3),
    "thousands": (1e3, 1e4), "tens of thousands": (1e4, 1e5),
    "hundreds of thousands": (1e5, 1e6), "millions": (1e6, 1e7),
    "tens of millions": (1e7, 1e8), "hundreds of millions": (1e8, 1e9),
    "billions": (1e9, 1e10),
}  # fmt: skip
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_CURRENCY_SYMBOLS = {
    "us$": "USD", "$us": "USD", "$": "USD", "a$": "AUD", "c$": "CAD", "hk$": "HKD", "nz$": "NZD",
    "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "rs": "INR", "rs.": "INR",
    "usd": "USD", "eur": "EUR", "gbp": "GBP", "jpy": "JPY", "cny": "CNY",
}  # fmt: skip
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "rupee": "INR", "rupees": "INR", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB",
    "rubles": "RUB", "franc": "CHF", "francs": "CHF", "usd": "USD", "eur": "EUR",
    "gbp": "GBP",
}  # fmt: skip
# Surface form -> canonical unit. Durations are measures too: "sentenced to 10 years".
_UNITS = {
    "km": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
    "mile": "mi", "miles": "mi", "m": "m", "metre": "m", "metres": "m", "meter": "m",
    "meters": "m", "cm": "cm", "centimetres": "cm", "centimeters": "cm", "mm": "mm",
    "millimetres": "mm", "millimeters": "mm", "ft": "ft", "feet": "ft", "foot": "ft",
    "inch": "in", "inches": "in", "kg": "kg", "kilogram": "kg", "kilograms": "kg",
    "kilo": "kg", "kilos": "kg", "tonne": "t", "tonnes": "t", "ton": "t", "tons": "t",
    "metric ton": "t", "metric tons": "t", "metric tonne": "t", "metric tonnes": "t",
    "lb": "lb", "lbs": "lb", "acre": "acre", "acres": "acre", "hectare": "ha",
    "hectares": "ha", "ha": "ha", "square miles": "sq mi", "square mile": "sq mi",
    "square kilometres": "sq km", "square kilometers": "sq km", "sq km": "sq km",
    "km2": "sq km", "mph": "mph", "km/h": "km/h", "kph": "km/h", "litre": "l", "litres": "l",
    "liter": "l", "liters": "l", "gallon": "gal", "gallons": "gal", "barrel": "bbl",
    "barrels": "bbl", "mw": "MW", "megawatts": "MW", "gw": "GW", "gigawatts": "GW",
    "kw": "kW", "kilowatts": "kW", "degrees": "deg", "degree": "deg", "°c": "degC",
    "°f": "degF", "year": "year", "years": "year", "month": "month", "months": "month",
    "week": "week", "weeks": "week", "day": "day", "days": "day", "hour": "hour",
    "hours": "hour", "minute": "minute", "minutes": "minute", "second": "second",
    "seconds": "second", "decade": "decade", "decades": "decade", "basis points": "bp",
    "basis point": "bp", "bps": "bp", "bp": "bp", "points": "point", "point": "point",
}  # fmt: skip
_TIME_UNITS = frozenset({"year", "month", "week", "day", "hour", "minute", "second", "decade"})

# Qualifiers before a number, longest first so "just over" wins over "over".
_QUALIFIERS = {
    "more_than": "more than|just over|well over|over|in excess of|upwards of|above|greater than"
    "|exceeding|north of|more then",
    "at_least": "at least|no fewer than|no less than|a minimum of|not less than",
    "about": "about|around|roughly|approximately|approx\\.|some|an estimated|estimated"
    "|circa|in the region of|or so|an approximate|on the order of|an average of",
    "nearly": "nearly|almost|close to|just under|just shy of|not quite|approaching",
    "up_to": "up to|as many as|as much as",
    "less_than": "less than|fewer than|under|below|short of",
    "at_most": "at most|no more than|a maximum of|not more than",
}

# --------------------------------------------------------------------------------------------
# Patterns
# --------------------------------------------------------------------------------------------

_NUMWORD = "|".join(sorted([*_ONES, *_TENS, "hundred", "thousand", "million", "billion",
                            "trillion", "dozen"], key=len, reverse=True))  # fmt: skip
_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?"
    r"|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_CUR = r"(?:US\$|\$US|A\$|C\$|HK\$|NZ\$|\$|€|£|¥|₹|Rs\.?\s?|(?:USD|EUR|GBP|JPY|CNY)\s?)"
_SMALL = "|".join(sorted([*_ONES, *_TENS], key=len, reverse=True))
_WORDS = (
    # half a scale: "half a million", "a half million", "one and a half billion" (`HALF_SCALES`)
    rf"(?:(?:(?:{_SMALL})(?:-(?:{_SMALL}))?\s+and\s+)?(?:a\s+)?half[\s-](?:a\s+)?"
    rf"(?:dozen|million|billion|trillion)"
    rf"|a\s+(?:dozen|hundred|thousand|million|billion)"
    rf"|(?:{_NUMWORD})(?:(?:\s+|-|(?:(?<=hundred)|(?<=thousand)|(?<=million))\s+and\s+)"
    rf"(?:{_NUMWORD}))*)"
)
_VAGUE_RE = "|".join(sorted(_VAGUE, key=len, reverse=True)).replace(" ", r"\s+")

_DATE_PATTERNS = [
    # 29 March 2022, 29th of March
    # ("19 Sept. 11 hijackers" is "Sept. 11": a day-month followed by a day is not a date)
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH})(?![a-z])"
               rf"(?!\.?\s\d{{1,2}}\b)(?:,?\s+(?P<y>\d{{4}})\b)?"),
    # March 29, 2022
    re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}})\b)?"),
    # March 2022
    re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<y>\d{{4}})\b"),
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    re.compile(r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])"),
]  # fmt: skip
# A month named alone after a preposition ("since March", "in December", "in early May"):
# kind "date", unit "calendar-month", day 0 and year 0 (compare.number_claims dates it against the
# publication day).
# Capitalised month names only, and "May" only after a preposition, as all of them here.
_MONTH_ALONE = re.compile(
    r"\b(?i:in|since|by|until|through|during|from|before|after|(?:early|late|mid)[- ]|in\s+(?:early|late|mid)[- ]?)\s*"
    r"(?P<t>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)(?![\w-])(?!,?\s*\d)"
)
_TIME_PATTERNS = [
    re.compile(r"\b(?P<h>\d{1,2})[:.](?P<min>\d{2})\s?(?P<ap>[ap])(?:\.m\.|m\b)", re.I),
    re.compile(r"\b(?P<h>\d{1,2})\s?(?P<ap>[ap])(?:\.m\.|m\b)", re.I),
    re.compile(r"(?<![\d:])\b(?P<h>\d{1,2}):(?P<min>\d{2})(?![\d:])"),
    re.compile(r"\b(?P<h>\d{1,2})\s+o'clock\b", re.I),
    # "(2107 GMT)", "0300 UTC": a wire service's clock time, not a count of GMTs (round 14)
    re.compile(r"(?<![\d,.])\b(?P<h>[01]\d|2[0-3])(?P<min>[0-5]\d)\s?(?:GMT|UTC)\b"),
]
_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6,
                 "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}  # fmt: skip
# Shares are percentages: "one in three adults" and "a third of adults" are both ~33.3%.
# Number words start with one of these letters: a cheap lookahead spares the regex engine
# trying every alternative at every word (it halves extraction time). Derived from every
# word that can open a share or an age (`_SMALL`, `_WORDS`: the number words, the scales,
# "a", "half"), so that it skips no position a pattern could match at ("hundred-year-old").
_OPENING_LETTERS = sorted({w[0] for w in (*_NUMWORD.split("|"), "a", "half")})
_FIRST = rf"(?=[\d{''.join(_OPENING_LETTERS)}{''.join(_OPENING_LETTERS).upper()}])"
_SHARE_PATTERNS = [
    # (not "Game 7 in 2016": a year after "in" is no denominator)
    re.compile(rf"\b{_FIRST}(?P<a>\d+|{_SMALL}|a)[\s-]in[\s-](?P<b>(?!(?:19|20)\d\d\b)\d+|{_SMALL}"
               rf"|a hundred)\b", re.I),
    re.compile(rf"\b{_FIRST}(?P<a>{_SMALL}|a)[\s-](?P<b>thirds?|quarters?|fifths?|sixths?"
               rf"|sevenths?|eighths?|ninths?|tenths?)\b(?=\s+of\b)", re.I),
    re.compile(rf"\b{_FIRST}(?P<a>{_SMALL})-(?P<b>thirds|quarters|fifths|sixths|sevenths"
               rf"|eighths|ninths|tenths)\b", re.I),
]  # fmt: skip
# Words after a first capitalised word that are no surname: a day or a month.
_NOT_A_SURNAME = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March"
    r"|April|May|June|July|August|September|October|November|December)"
)
# A full name in a list of people with their ages: a first name, an initial maybe, a surname
# (an inner capital kept: "McKay"), not a day or a month.
_LISTED_NAME = (
    r"[A-Z][a-z]*[A-Z]?[a-z]+\s+(?:[A-Z]\.\s+)?"
    rf"(?!{_NOT_A_SURNAME}\b)[A-Z][a-z]*[A-Z]?[a-z'\u2019-]+"
)
# ... and a list of full names with their ages (round 18): "Linda Hutton, 54, McKay Hutton,
# 22, Emily McDonald, 22, and ...", "Travonte L. Berry, 20, Dontavious Byrd, 18, and ...":
# an age whose next item is another full name with its age. Not where the sentence before
# the list tells of votes, points or seats ("'yea' votes ...: Stephen Breyer, 87; John
# Roberts, 78"): `_LIST_OF_OTHER_FIGURES`.
_LISTED_AGE = re.compile(
    rf"\b{_LISTED_NAME}\s?,\s(?P<t>(?P<n>\d{{1,3}}))[,;](?=\s{_LISTED_NAME}\s?,\s\d{{1,3}}[,;])"
)
_LIST_OF_OTHER_FIGURES = re.compile(
    r"\b(?:votes?|voted|yeas?|nays?|points?|scored|goals?|seats?|delegates?|rebounds?)\b", re.I
)
# A range of ages with a suspended hyphen: "a 3- or 4-year-old boy", "the 15- to
# 17-year-old suspects", "Their 1- or 2 -year-old baby": one age from its first number to its
# second (read before `_AGE_PATTERNS`, whose first would take "4-year-old" alone and leave
# "3" a count).
_AGE_RANGE = re.compile(
    rf"\b{_FIRST}(?P<n>\d{{1,3}}|{_WORDS})\s*-\s*(?:or|to)\s+(?P<h>\d{{1,3}}|{_WORDS})"
    r"\s*-\s*(?P<u>year|month|week)s?\s*-\s*old\b",
    re.I,
)
# An age without "old" before a young person's role: "a 16-year girl", "the 31-year
# delivery man" (one lower-case word between at most; roles a tenure never has: not "a
# 20-year officer" or "a 10-year sentence").
_AGE_YEAR_ROLE = re.compile(
    r"\b(?P<n>\d{1,3})-year(?![\s-]+old\b)(?=\s+(?:[a-z]+\s+)?(?:boy|girl|man|woman|teen|teenager|child|kid"
    r"|son|daughter|baby|toddler|infant)\b)"
)
# ... and two people's one age after their names: "Frederick Davis and Patricia McNeal,
# both 65 and of Detroit"
_AGE_BOTH = re.compile(
    r"(?<=[a-z]),\s+both\s+(?P<t>(?P<n>\d{1,3}))(?=\s*(?:,|\.|\band\b|\bof\b|\bwere\b|\bare\b))"
)
_AGE_PATTERNS = [
    re.compile(
        rf"\b{_FIRST}(?P<n>\d{{1,3}}|{_WORDS})[-\s](?P<u>year|month|week)s?[-\s]old\b", re.I
    ),
    re.compile(rf"\b{_FIRST}(?P<n>\d{{1,3}}|{_WORDS})\s+(?P<u>year|month)s\s+of\s+age\b", re.I),
    re.compile(r"\baged?\s+(?P<n>\d{1,3})\b(?!\s*(?:-|to|and)\s*\d)", re.I),
    # "John Smith, 34, said" and "John Smith (34)": a name then a bare small number.
    # ("Javon Wilson, 15, U.S. Rep. Danny Davis' grandson": an abbreviation may follow)
    # (round 12: a surname with an inner capital, "Emily McDonald, 22, and", and an age
    # closed by a list's semicolon, "Paula Nino, 20; and a 3-year-old boy")
    # (issue 16: a blank before the comma, "Jeremy Mushrush , 41, is")
    re.compile(
        r"\b[A-Z][a-z]*[A-Z]?[a-z]+\s?,\s(?P<t>(?P<n>\d{1,3}))[,;](?=\s(?:[a-z]|[A-Z][a-z]?\.))"
    ),
    re.compile(r"\b[A-Z][a-z]+\s(?P<t>\((?P<n>\d{1,3})\))"),
    # ... and a full name whose age has lost its closing comma: "Calvin Williams, 24 was shot"
    re.compile(
        r"\b[A-Z][a-z]+\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
        r"|January|February|March|April|May|June|July|August|September|October|November"
        r"|December)\b)[A-Z][a-z'\u2019-]+,\s(?P<t>(?P<n>\d{1,3}))(?=\s(?:was|is|has|had)\b)"
    ),
    # ... and a full name whose age ends the sentence: "a gun accident that killed Blake
    # Shurling, 20." (round 12; a list's last name: "and Michael C. Melon, 18."), or a
    # headline without its stop ("... fatal shooting of Justin Burns, 14": issue 16)
    re.compile(
        rf"\b[A-Z][a-z]+\s+(?:[A-Z]\.\s+)?(?!{_NOT_A_SURNAME}\b)[A-Z][a-z]*[A-Z]?[a-z'\u2019-]+,"
        r"\s(?P<t>(?P<n>\d{1,3}))(?=\.(?:\s|$)|\s*$)"
    ),
    # ... and a person told by a role, the age between commas: "a woman, 29, who was shot"
    # (issue 16: a word before the role, the sentence's stop after the age, "an older boy,
    # 11.")
    re.compile(
        r"\b(?:[Aa]n?|[Tt]he)\s+(?:[a-z]+\s+)?(?:man|woman|boy|girl|teen|teenager|mother|father"
        r"|driver|victim|suspect),\s(?P<t>(?P<n>\d{1,3}))(?:,(?=\s[a-z])|(?=\.(?:\s|$)))"
    ),
    _LISTED_AGE,
]
# Ages told by the word "age" or a bound, not by "-year-old": "two children, ages 4 and 7",
# "aged 12 to 17", "between the ages of 24 and 30", "ranging in age from 17 to 49", "at the
# age of 16", "as young as 13". Each number of the list is an age; read as counts, they
# would be set against the story's counts ("ages 8 and 14" / "three siblings").
# The month names `_MONTH` and `_MONTH_ALONE` match are case-sensitive and each holds one of
# `_MONTH_STEMS`; `_MONTH_ALONE`'s hold one of `_MONTH_ALONE_STEMS` (no "Mar." or "Apr.":
# "Mark" and "Marine" need no scan).
_MONTH_STEMS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                "Dec")  # fmt: skip
_MONTH_ALONE_STEMS = ("Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sep",
                      "Oct", "Nov", "Dec")  # fmt: skip


@dataclass(frozen=True, eq=False)  # eq=False: hashed by identity, a cheap key per sentence
class _Group:
    """Literals one of which every match of a pattern holds: "digit" is any digit; looked
    for in the folded sentence, or as written where `cased` (the month names: "May", not
    every "may"; "Mar", not "market"). `search` is their alternation less "digit". Where
    `pattern`, `literals` is one regular expression every match holds a match of
    (`_pattern_needs`: " in " between blanks or hyphens, not every "in" of a word)."""

    literals: tuple[str, ...]
    cased: bool
    digit: bool
    search: re.Pattern[str] | None
    pattern: bool = False


_GROUPS: dict[tuple[str, ...], _Group] = {}


def _needs(*groups: tuple[str, ...]) -> _Needs:
    """A pre-check's needs (`_Held.allows`): one literal of each group. A group written
    twice is one `_Group`, so a sentence looks it up once for every pattern that needs it."""
    out = []
    for literals in groups:
        if literals not in _GROUPS:
            words = [word for word in literals if word != "digit"]
            _GROUPS[literals] = _Group(
                literals,
                literals in (_MONTH_STEMS, _MONTH_ALONE_STEMS),
                "digit" in literals,
                re.compile(_trie_source(words)) if words else None,
            )
        out.append(_GROUPS[literals])
    return tuple(out)


def _trie_source(words: list[str]) -> str:
    """A regular expression that finds where any of `words` occurs (as written), as a trie
    of their characters: at a text position only the words opening with its character are
    tried, one character at a time (an alternation of the words tried each in turn; issue
    14: the pre-checks' searches 0.78 -> 0.64 CPU-s over the six labelled sets' sentences).
    A word that ends where another goes on ends the search there: whether one occurs is all
    `_Held` asks, and where the longer one occurs, so does the shorter."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}

    def source(node: dict[str, Any]) -> str:
        if "" in node:
            return ""
        branches = [re.escape(c) + source(child) for c, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return source(trie)


def _pattern_needs(source: str) -> _Group:
    """A group of one regular expression (`_Group.pattern`), looked for in the folded
    sentence: written only of characters that folding does not change but for case."""
    return _Group((source,), False, False, re.compile(source), pattern=True)


_Needs = tuple[_Group, ...]
DIGIT = ("digit",)
_AGE_NUMBER = rf"(?:\d{{1,3}}|{_SMALL})"
_AGE_LIST = re.compile(
    r"\b(?:ages?|aged|between\s+the\s+ages\s+of|ranging\s+in\s+age\s+from"
    r"|(?:at|under|over|from)\s+the\s+age\s+of|age\s+of|as\s+(?:young|old)\s+as)\s+"
    rf"(?P<list>{_AGE_NUMBER}(?:\s*(?:,|and|to|through|or|-|\u2013)\s*{_AGE_NUMBER})*)\b"
    r"(?!\s*(?:%|percent|per\s?cent|million|billion|thousand|hundred|years?\s+ago))",
    re.I,
)
_AGE_LIST_ITEM = re.compile(rf"\b{_AGE_NUMBER}\b", re.I)
_AGE_BOUNDS = {"under": "less_than", "over": "more_than"}
# Every match of `_AGE_LIST` holds one of these (the pre-checks: `_Held`).
_AGE_LIST_NEEDS = _needs(("age", "as young", "as old"))
# Numbers that are no quantity: phone numbers ("(713) 555-0199", "1-800-222-8477"), photo
# gallery counters ("Image 1 of 4", "1 / 4", "8 show all", "6 of 41 Skip"), copyright years.
# (The lookahead holds every character a match can start with: the alternatives are not
# tried at the other positions, a third of the extraction's time in this pattern before.)
_NOT_QUANTITIES = re.compile(
    r"(?=[\d+(ipsvc\u00a9])"
    r"(?:(?:\+?1[\s.-])?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b"
    r"|\b(?:Image|Photo|Picture|Slide|Video)s?\s+\d+\s+of\s+(?:/\s*)?\d+"
    r"|\b\d+\s*/\s*\d+\s+Back to Gallery|\b\d+\s+show all\b"
    # a video player's counter: "6 of 41 Skip in Skip x Embed x Share" (round 14)
    r"|\b\d+\s+of\s+\d+\s+(?=Skip\b)"
    r"|(?:Copyright|\u00a9|\(c\))\s*\d{4}(?:\s*[-\u2013]\s*\d{4})?)",
    re.I,
)
_DIGIT = re.compile(r"\d")
# What every match of a pattern holds, for `_Held.allows` (one mechanism for all the
# patterns tried per sentence): one literal of each group.
_DATE_NEEDS = (
    _needs(DIGIT, _MONTH_STEMS), _needs(DIGIT, _MONTH_STEMS), _needs(DIGIT, _MONTH_STEMS),
    _needs(DIGIT, ("-",)), _needs(DIGIT, ("/",)),
)  # fmt: skip
_TIME_NEEDS = (_needs(DIGIT, ("m",)), _needs(DIGIT, ("m",)), _needs(DIGIT, (":",)),
               _needs(DIGIT, ("o'clock",)), _needs(DIGIT, ("gmt", "utc")))  # fmt: skip
_DIGIT_NEEDS = _needs(DIGIT)  # addresses, phone numbers, gallery counters
# Shares: one literal of each group ("digit": a digit anywhere in the text). `_SMALL_STEMS`:
# every word of `_SMALL` holds one; `_FRACTION_STEMS`: every denominator of the patterns does.
_SMALL_STEMS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten", "eleven", "twelve", "thirt", "fift", "twent", "fort")  # fmt: skip
_FRACTION_STEMS = ("third", "quarter", "fth", "xth", "nth", "hth")
# " in " between blanks or hyphens before a number ("one in three", "1-in-5"), not each "in"
# of a word (most sentences hold one: "during", "think"); an age after a comma and a blank
# ("Ann Lee, 34,"): most sentences with a digit and a comma hold none
# (the denominator right after "in": a digit, "a hundred" or a number word, each of which
# opens with one of `_SMALL_STEMS`)
_IN_NUMBER = _pattern_needs(rf"[\s-]in[\s-](?:\d|a hundred|{'|'.join(_SMALL_STEMS)})")
_COMMA_DIGIT = _pattern_needs(r",\s\d")
_SHARE_NEEDS = (
    (_IN_NUMBER,),  # "one in three", "1 in a hundred"
    _needs(_FRACTION_STEMS),  # "a third of"
    _needs(_FRACTION_STEMS, _SMALL_STEMS),  # "two-thirds"
)
# Ages: one literal of each group, as for shares ("15-year-old", "5 years of age", "aged 34").
_AGE_NEEDS = (
    _needs(("old",), ("year", "month", "week")),
    _needs(("age",), ("year", "month")),
    _needs(DIGIT, ("age",)),
    (*_needs(DIGIT), _COMMA_DIGIT),
    _needs(DIGIT, ("(",)),
    (*_needs(DIGIT), _COMMA_DIGIT),
    (*_needs(DIGIT), _COMMA_DIGIT),
    (*_needs(DIGIT), _COMMA_DIGIT),
    (*_needs(DIGIT), _COMMA_DIGIT),
)
_MONTH_ALONE_NEEDS = _needs(_MONTH_ALONE_STEMS)
_AGE_RANGE_NEEDS = _AGE_NEEDS[0]
_AGE_YEAR_ROLE_NEEDS = _needs(DIGIT, ("-year",))
_AGE_BOTH_NEEDS = _needs(DIGIT, ("both",))


class _Held:
    """Which groups of literals one sentence holds (`allows`), for the pre-checks.

    Most sentences hold no date, time, share, age, address, "another", page furniture or
    weekday: each pattern tried per sentence is tried only where the sentence holds one
    literal of each group of its needs (`_DATE_NEEDS`, ..., `_RELATIVE_NEEDS`), a literal
    every match of the pattern holds, so a pattern skipped would have matched nothing
    (tests/test_number_prechecks.py checks every pattern's matches on written samples). The
    sentence is folded once (`fold_case`: the patterns are case-insensitive) and each group is
    looked up once: groups are shared ("digit", the number words of the shares). "digit" is
    any digit; the month names are looked for as written.
    """

    __slots__ = ("_held", "digit", "low", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = fold_case(text)
        self.digit = _DIGIT.search(text) is not None
        self._held: dict[_Group, bool] = {}

    def allows(self, needs: _Needs) -> bool:
        """Whether the sentence holds one literal of each group of `needs`."""
        for group in needs:
            held = self._held.get(group)
            if held is None:
                search = group.search
                held = self._held[group] = (self.digit and group.digit) or (
                    search is not None
                    and search.search(self.text if group.cased else self.low) is not None
                )
            if not held:
                return False
        return True


# A street address is a place, not a count: "the 5600 block of South Princeton", "at 1200
# Main Street".
_ADDRESS = re.compile(
    r"\b(?P<n>\d{1,3}(?:,\d{3})?|\d{4,5})\s+(?:block\s+of\b|(?:(?:[NSEW]\.?|North|South|"
    r"East|West)\s+)?(?:[A-Z][a-z]+(?:['\u2019]s)?\s+){1,2}(?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr"
    r"|Lane|Ln|Boulevard|Blvd|Way|Court|Ct|Place|Pl|Parkway|Pkwy|Terrace)\b)"
)
# The street after "the 6700 block of": "South Aberdeen Street", "S. Aberdeen", "Rio Vista Drive".
_BLOCK_STREET = re.compile(
    r"\s+(?:the\s+)?((?:(?:[NSEW]\.?|North|South|East|West)\s+)?[A-Z][a-z'\u2019]+"
    r"(?:\s+[A-Z][a-z'\u2019]+\.?)?)"
)
_STREET_SUFFIX = {"st": "street", "ave": "avenue", "rd": "road", "dr": "drive", "ln": "lane",
                  "blvd": "boulevard", "ct": "court", "pl": "place", "pkwy": "parkway"}  # fmt: skip


def _street(address: str) -> str:
    """The street an address names, normalised: "1249 Bell's Ferry Road" -> "bells ferry
    road", "the 6700 block of South Aberdeen" -> "aberdeen" (a block's street may be written
    without its suffix; directions dropped)."""
    words = re.sub(r"['\u2019]", "", address).split()[1:]
    if words[:2] == ["block", "of"]:
        words = words[2:]
    words = [w.lower().rstrip(".") for w in words]
    words = [w for w in words if w not in ("n", "s", "e", "w", "north", "south", "east", "west")]
    words = [_STREET_SUFFIX.get(w, w) for w in words]
    if words and words[-1] in (*_STREET_SUFFIX.values(), "way", "terrace"):
        words = words[:-1]
    return " ".join(words)


# Sentences that are page furniture, not reporting: photo captions and credits, datelines,
# copyright lines. Their numbers are no claims ("Image caption The boy was found after the
# search that took over 100 hours" restates a figure under a picture).
_FURNITURE = re.compile(
    r"\bImage (?:copyright|caption)\b|\bPhoto(?:graph)?s?:|\bCaption Close\b|\bBack to Gallery\b"
    # a wire photo's caption: "... in this undated photo released by KCNA on August 30"
    # (round 14)
    # ("the two subjects in this photo who police say ..." is reporting, not a caption)
    r"|\bin this (?:\w+ ){0,2}(?:photo(?:graph)?|picture|image)\b(?!\s+(?:who|whom|that|which)\b)"
    r"|^\s*(?:Copyright|\u00a9|PUBLISHED:|UPDATED:|Last (?:modified|updated))"
    # "Xinhua | Updated: 2017-09-15 21:45", "Updated at 9:50 p.m. ET Thursday"
    r"|(?-i:\bUpdated)(?::|\s+at\b)"
    # a photo credit ("Jane Doe/AP"), not a dateline's wire credit ("(KMOX/AP) — A girl ...")
    r"|\((?:AP|AFP|Reuters|Getty) Photo|/(?:AP|AFP|PA|Getty Images|Reuters|EPA)\b"
    r"(?!\)\s*[-\u2013\u2014])",
    re.I,
)
# Every match of `_FURNITURE` holds one of these (`_Held`): most sentences hold none.
_FURNITURE_NEEDS = _needs(("/", "image", "photo", "picture", "caption", "gallery", "copyright",
                           "\u00a9", "published", "updated", "modified"))  # fmt: skip
# A date or time alone in a sentence, or opening a caption ("Nov. 2, 2016 The Cubs
# celebrate"), is a timestamp, not a report of when something happened.
_TIMESTAMP = re.compile(
    rf"^\W*(?:\d{{1,2}}[:.]\d{{2}}\s*[ap]\.?m\.?\s*)?{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}"
    r"(?:\W*$|\)?\s*[-\u2013\u2014]?\s*[A-Z])",
    re.I,
)

#: Whose age an age states, when no name is given: "a 16-year-old boy", "his 9-year-old
#: brother". An age's `counted` is its person: a name ("javon wilson") or one of these roles,
#: with the possessor when there is one ("son of powell").
AGE_ROLES = frozenset(
    """boy girl son daughter child kid baby toddler infant teen teenager man woman brother
    sister grandson granddaughter grandmother grandfather mother father husband wife uncle
    aunt cousin nephew niece student suspect victim gunman shooter driver officer deputy
    friend neighbor neighbour resident""".split()
)
# What most words for people end in ("worker", "sailor", "activist", "civilian",
# "participant", "fisherman", "employee"). Not "-ent": on the labelled stories it read
# mostly things ("incident", "accident", "continent", "component", "event", "patent") and
# words of no noun ("recent", "different", "current"); the words for people that end so
# ("student", "resident", "recipient") are listed in lexicons/people.txt (round 20).
_PERSON_ENDING = re.compile(r"(?:er|or|ist|ian|ant|man|men|ee)$")


@lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    """The nouns of lexicons/people.txt (lower case, singular)."""
    path = resources.files("clustering.extract").joinpath("lexicons", "people.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def is_person_noun(word: str) -> bool:
    """Whether a counted word (lower case, singular, as NUMBERS.counted holds it) may name
    people: a noun of lexicons/people.txt, a role of `AGE_ROLES`, or a word ending as most
    words for people do ("-er", "-ist", "-ian", ...; not "-ent"). A word it does not know
    is read as no person's."""
    last = word.rsplit("-", 1)[-1]
    return last in AGE_ROLES or last in _person_nouns() or bool(_PERSON_ENDING.search(last))


# A middle initial is part of a name: "Herbert N. Lattin" (`_person` drops it).
# A name's word may hold an inner capital ("McMillian", "DeShawn", "O'Neal"): round 12
_NAME_WORD = r"[A-Z](?:[a-z\u2019']*[A-Z])?[a-z\u2019']+"
_NAME = rf"(?:{_NAME_WORD}\s+(?:[A-Z]\.\s+)?){{0,2}}{_NAME_WORD}(?![\w-])"
_NAME_BEFORE = re.compile(rf"({_NAME})\s*[,(]?\s*$")
_ROLE_BEFORE = re.compile(
    r"\b(?:[Aa]n?|[Tt]he)\s+(?:[a-z]+\s+)?(man|woman|boy|girl|teen|teenager|mother|father"
    r"|driver|victim|suspect),\s*$"
)
_NAME_AFTER = re.compile(rf"\s+({_NAME})")
_WORDS_AFTER = re.compile(r"(?:\s+([A-Za-z\u2019'-]+)){1,4}")
_POSSESSOR = re.compile(r"([A-Z][a-z]+)(?:['\u2019]s?)\s+$")
_APPOSITION = re.compile(rf",?\s+({_NAME})")
_NUMBER_CORE = rf"""
    (?:
        (?P<cur>{_CUR})? \s? (?P<digits>{_DIGITS})
        (?P<att>bn|mn|mln|tn|m|b|k|st|nd|rd|th|s|%|pc\b|km/h|km|kg|cm|mm|ft|mph|mw|gw)?
      | (?P<vague>{_VAGUE_RE})\s+of\b
      | (?P<words>{_WORDS})
      | (?P<ordinal>(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-)?
            (?:{"|".join(_ORDINALS)}))
    )
    (?![\w/])
"""
# A number starts a quantity unless it is glued to a word ("F-16", "Covid-19", "G7") or to
# another number ("1/2", "10:30"); the second number of a range is matched without that check.
_NUMBER_BEHIND = r"(?<![\w.,/:$€£¥-]) (?<![A-Za-z]-)"
# The first two characters any match of `_NUMBER_CORE` can open with: a blank, a digit or a
# currency sign, else a currency code's or number word's first two letters ("a " for "a
# dozen"). Checked before the alternatives, it spares trying them all at every word (under
# re.I the regex engine cannot skip a branch by its first letter): it halves `_NUMBER`'s scan.
_NUMBER_START = (
    r"(?=[\s\d$€£¥₹]|a[$\s]|c\$|hk|nz|rs|us|eu|gb|jp|cn|do|sc|hu|th|te|mi|bi|ha|ze|on|tw|fo|fi"
    r"|si|se|ei|ni|el|tr)"
)
_NUMBER = re.compile(_NUMBER_BEHIND + _NUMBER_START + _NUMBER_CORE, re.X | re.I)
_NUMBER_NEXT = re.compile(_NUMBER_CORE, re.X | re.I)
_SCALE_AFTER = re.compile(r"\s?-?(million|billion|trillion|thousand|mn|mln|bn|tn)\b", re.I)
_PERCENT_AFTER = re.compile(
    r"\s?(?:(?P<pp>percentage[\s-]points?)|%|per\s?cent\b|percent\b|pc\b)", re.I
)
_UNIT_AFTER = re.compile(
    r"\s?-?(?P<unit>"
    + "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))
    + r")(?![\w])",
    re.I,
)
_CURRENCY_AFTER = re.compile(
    r"\s(?:US\s)?(?P<cur>" + "|".join(sorted(_CURRENCY_WORDS, key=len, reverse=True)) + r")\b",
    re.I,
)
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|or)\s*")
_AND_JOIN = re.compile(r"\s+(?:and|to)\s+")  # "between 200 and 300", "between $1bn to $3bn"
_SUFFIX_QUALIFIER = re.compile(r"(?:\s+or\s+(?P<more>more|so)\b|-?(?P<plus>\+|plus\b|odd\b))", re.I)
_QUALIFIER_BEFORE = {
    name: re.compile(rf"(?<!\w)(?:{alternatives})\s*$", re.I)
    for name, alternatives in _QUALIFIERS.items()
}
# "between 200 and 300" and "estimates range from 500,000 to 1.6 million" are ranges;
# "the toll rose from 200 to 300" is a change, read as two numbers.
_RANGE_LEAD = re.compile(
    r"(?<!\w)(?P<ranging>(?:rang\w*|runs?|ran|var\w*)\s+)?(?P<word>between|from)\s*$", re.I
)
# A change told by its verb, just before the figure ("rose 0.9%", "dropped 20,000 to
# 385,000", "decreased by 20,000", "down 22 percent"): a figure after it joined by "to" is the
# level reached, not a range's end. (A fall, "fell", "down", ..., is a negative change:
# compare.number_claims reads a percentage after one with its sign, `falls`.)
CHANGE_BEFORE = re.compile(
    r"\b(?:(?P<fall>fell|falls?|fallen|falling|dropped|drops?|dropping|decreased|decreases?"
    r"|declined|declines?|declining|slipped|slips?|slid|slides?|lost|loses?|losing|down|sank"
    r"|sinks?|plunged|plunges?|plummeted|plummets?|tumbled|tumbles?|slumped|slumps?|dipped"
    r"|dips?|shed|sheds|shrank|shrinks?|retreated|edged\s+(?:down|lower))"
    r"|rose|rises?|risen|rising|increased|increases?|climbed|climbs?|jumped|jumps?|gained"
    r"|gains?|up|soared|soars?|surged|surges?|spiked|grew|grows?|advanced"
    r"|edged\s+(?:up|higher))\s+(?:by\s+)?(?:(?:about|around|nearly|almost|some|roughly"
    r"|more\s+than|over)\s+)?$",
    re.I,
)
# "handed over 21 schoolgirls": "over" belongs to the verb, it qualifies nothing.
_PHRASAL_OVER = frozenset(
    "hand hands handed handing turn turns turned turning take takes took taken taking pass "
    "passes passed passing sign signs signed signing".split()
)
_INITIALISM = re.compile(r"(?:[A-Z]\.){2,}")
_TOKEN = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:['\u2019-][A-Za-z]+)*|[^\sA-Za-z]")
# After a number, an initialism with its dots is one word that names no counted thing: "10
# U.S. citizens" counts citizens, where the phrase stopped at "U" (round 14).
_TOKEN_AFTER = re.compile(rf"{_INITIALISM.pattern}|{_TOKEN.pattern}")

# --------------------------------------------------------------------------------------------
# Words around a number: what is counted
# --------------------------------------------------------------------------------------------

_DETERMINERS = frozenset(
    "the a an its their his her our your my this that these those such another some all each "
    "every both which whose".split()
)
# Words that end a noun phrase (function words, pronouns, time words, reporting verbs).
STOPWORDS = frozenset(
    """of in on at to for from by with without into onto over under about after before during
    since until than as via per among between against across through toward towards near and
    or but nor yet so if because while when where who whom whose which that what this these
    those there here then now also only just still even already again ago later earlier
    yesterday today tonight tomorrow last next this week month year is are was were be been
    being am has have had do does did will would shall should can could may might must it
    its they them their he him his she her we us our you your i me my one ones not no more
    most less least than the a an said say says told tells according reported reportedly
    including included include includes like said per cent percent each all both either neither other
    others such very too much many few several almost nearly about around some out up down
    off back away monday tuesday wednesday thursday friday saturday sunday s""".split()
)
#: Verbs whose object is what the number counts: "killing 12 people" -> "people killed"
#: (the comparison reads them too, `compare.number_claims`).
EVENT_VERBS = {
    "kill": "killed", "kills": "killed", "killed": "killed", "killing": "killed",
    "wound": "wounded", "wounded": "wounded", "wounding": "wounded", "injure": "injured",
    "injured": "injured", "injuring": "injured", "displace": "displaced",
    "displaced": "displaced", "displacing": "displaced", "arrest": "arrested",
    "arrested": "arrested", "arresting": "arrested", "detained": "detained",
    "detaining": "detained", "evacuated": "evacuated", "evacuating": "evacuated",
    "rescued": "rescued", "rescuing": "rescued", "claimed": "killed", "claiming": "killed",
    "left": "left", "leaving": "left", "infected": "infected", "infecting": "infected",
    "hospitalised": "hospitalized", "hospitalized": "hospitalized", "fired": "fired",
    "firing": "fired", "launched": "launched", "launching": "launched", "hired": "hired",
    "cut": "cut", "cutting": "cut", "lost": "lost", "losing": "lost", "shot": "shot",
    "shooting": "shot", "executed": "executed", "executing": "executed",
    "abducted": "abducted", "kidnapped": "kidnapped", "evacuate": "evacuated",
    "destroyed": "destroyed", "destroying": "destroyed", "torched": "destroyed",
    "torching": "destroyed", "razed": "destroyed", "gutted": "destroyed",
    "damaged": "damaged", "damaging": "damaged",
}  # fmt: skip
#: Participles and adjectives that may follow the counted noun: "1,119 civilians killed".
PARTICIPLES = frozenset(
    """killed dead died wounded injured hurt displaced fled missing arrested detained
    evacuated rescued infected hospitalised hospitalized jailed imprisoned charged convicted
    sentenced deported executed abducted kidnapped stranded trapped affected homeless
    unemployed employed registered vaccinated tested confirmed recovered destroyed damaged
    sold lost cut shot stabbed drowned freed released held taken captured sacked fired
    laid""".split()
)
_NOT_EVENTS = frozenset("said added noted stated claimed reported needed seemed used".split())
_AUXILIARIES = frozenset(
    "have has had been were was are is be being who that which reportedly already also all "
    "now so far".split()
)
# Verbs linking a subject to the number that follows: "the toll rose to 1,119".
_LINK_VERBS = frozenset(
    """is are was were be been has have had rose risen rise rises climbed climb climbs
    reached reach reaches hit hits stood stands stand totalled totaled totals
    numbered numbers jumped jump jumps fell fall falls fallen dropped drop drops increased
    increase increases decreased declined decline grew grow grows topped tops exceeded
    exceeds passed passes surpassed soared surged plunged plummeted doubled tripled
    edged slipped now currently put puts estimated estimates estimate reported reportedly
    at hovered sits sat""".split()
)
# Nouns a number names rather than counts: "Route 91", "lap 14", "Article 5".
_LABEL_NOUNS = frozenset(
    """route flight article no number section chapter page room gate terminal platform lap
    level category stage phase amendment highway interstate exit ward district precinct
    apartment suite floor channel episode season round hole paragraph clause resolution
    proposition covid game""".split()
)


def _is_participle(word: str, after_noun: bool) -> bool:
    """Whether `word` says what happened to what is counted ("killed", "fled", "voted").

    Any "-ed" word counts after a noun ("12 Republicans voted"), so that two numbers with
    the same noun but different verbs stay apart; before a noun it is an adjective ("3 armed
    men").
    """
    return word in PARTICIPLES or (
        after_noun and len(word) > 4 and word.endswith("ed") and word not in _NOT_EVENTS
    )


def _is_plural(word: str) -> bool:
    return lemma(word) != word or word in ("people", "police")


# --------------------------------------------------------------------------------------------
# Mentions
# --------------------------------------------------------------------------------------------


#: "a half million", "another half billion", "a half-dozen" are half the scale, as "half a
#: million" was (the scale word alone was read before: "a half million barrels" as a
#: million); False reads the scale alone.
HALF_SCALES = True


def _words_value(text: str) -> float | None:
    """Value of a run of number words ("twenty-five", "two hundred and fifty thousand")."""
    tokens = re.split(r"[\s-]+", text.lower())
    if "half" in tokens:
        # "half a million", "a half million", "another half billion", "a half-dozen", "one
        # and a half million"
        at = tokens.index("half")
        head = [token for token in tokens[:at] if token not in ("a", "and")]
        whole = _words_value(" ".join(head)) if head else 0.0
        scale = 12.0 if tokens[-1] == "dozen" else _SCALES[tokens[-1]]
        if not HALF_SCALES and tokens[:2] != ["half", "a"]:
            return scale  # the scale word alone, as read before the rule
        return ((whole or 0.0) + 0.5) * scale
    total = current = 0.0
    seen = False
    for token in tokens:
        if token in ("a", "and"):
            current = max(current, 1.0) if token == "a" else current
            continue
        if token in _ONES:
            current += _ONES[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token == "dozen":
            current = max(current, 1.0) * 12
        elif token == "hundred":
            current = max(current, 1.0) * 100
        elif token in _SCALES:
            total += max(current, 1.0) * _SCALES[token]
            current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def month_number(name: str) -> int:
    """1-12 for a month's name or abbreviation ("June", "Sept.", "dec"), by its first three
    letters (the caller's pattern has matched a month)."""
    return _MONTHS[name.lower()[:3]]


def _tokens(text: str, token: re.Pattern[str] = _TOKEN) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in token.finditer(text)]


def _is_word(token: str) -> bool:
    return token[0].isalpha()


def _phrase_after(text: str, pos: int, limit: int, kind: str) -> tuple[list[str], int]:
    """The counted noun phrase right after a number: lemmas and where the phrase ends.

    "civilians killed", "of the vote", "in aid" (money), "Ukrainian refugees have fled".
    Returns ([], pos) when the number is not followed by a noun.
    """
    tokens = _tokens(text[pos : min(limit, pos + 120)], _TOKEN_AFTER)
    i = 0
    extends = True  # whether the phrase becomes part of the mention's span
    if (
        tokens
        and tokens[0][0].lower() == "of"
        or (kind == "money" and tokens and tokens[0][0].lower() in ("in", "worth", "for"))
    ):
        i = 1
        if i < len(tokens) and tokens[i][0].lower() == "of":  # "worth of"
            i += 1
        while i < len(tokens) and tokens[i][0].lower() in _DETERMINERS:
            i += 1
        # "Eight of the nine members": eight members are counted, but "nine members" is a
        # quantity of its own and stays out of the span.
        while i < len(tokens) and _is_number_token(tokens[i][0]):
            i += 1
            extends = False
    elif len(tokens) > 1 and tokens[0][0].lower() == "other" and _is_word(tokens[1][0]):
        # "three other people", "4 other adults": what is counted is the noun after "other";
        # the span stays on the number so that "other" still marks it a part of a total.
        i, extends = 1, False
    phrase: list[str] = []
    end = pos
    while i < len(tokens) and len(phrase) < 3:
        word, _, b = tokens[i]
        low = word.lower()
        if (
            not _is_word(word)
            or low in STOPWORDS
            or _is_participle(low, bool(phrase))
            or _is_number_token(word)
        ):
            break
        if phrase and word[0].isupper() and not phrase[-1][0].isupper():
            break  # "3 people Monday": a proper noun after a common noun starts a new phrase
        if word[0].isupper() and i + 1 < len(tokens) and tokens[i + 1][0] == ":":
            break  # "Cores: 3 Engines: 27": a fact box's next label, not what 3 counts
        phrase.append(word)
        end = pos + b if extends else pos
        i += 1
        if _is_plural(low):
            break  # the head noun: "3 million people lack water" counts people
    if phrase and not _is_plural(phrase[-1].lower()) and (joined := _joined_head(tokens, i)):
        # "four fire and rescue crews": "fire" is the first of two words before the head
        # noun, not what is counted (round 14: the label read "four fire")
        words, i = joined
        phrase += words
        end = pos + tokens[i - 1][2] if extends else pos
    lemmas = [lemma(w) for w in phrase if not _INITIALISM.fullmatch(w)]
    # A participle after the noun, possibly after auxiliaries ("civilians have been killed")
    # or after the rest of a list ("2,400 drivers, operators and mechanics walked out").
    j = i
    if lemmas and j < len(tokens) and tokens[j][0] in (",", "and"):
        j = _end_of_list(tokens, j)
    while j < len(tokens) and j - i < 4 and tokens[j][0].lower() in _AUXILIARIES:
        j += 1
    # "$2bn has laid a trail": a sum that did something names no counted thing by it; "$2bn
    # was raised" still does (round 14)
    acted = kind == "money" and not lemmas and j > i and tokens[j - 1][0].lower() in _HAVE
    if not acted and j < len(tokens) and _is_participle(tokens[j][0].lower(), bool(lemmas)):
        lemmas.append(tokens[j][0].lower())
        if j == i and extends:  # the span takes an adjacent participle: "1,119 civilians killed"
            end = pos + tokens[j][2]
    return lemmas, end


_HAVE = frozenset(("has", "have", "had"))


def _joined_head(tokens: list[tuple[str, int, int]], i: int) -> tuple[list[str], int] | None:
    """(the words after "and" up to a plural head noun, the index past it) where `tokens[i]`
    is "and" joining two modifiers of one noun ("fire and rescue crews"), else None."""
    if i + 2 >= len(tokens) or tokens[i][0] != "and":
        return None
    words: list[str] = []
    for k in range(i + 1, min(len(tokens), i + 3)):
        word = tokens[k][0]
        low = word.lower()
        if not _is_word(word) or low in STOPWORDS or _is_number_token(word):
            return None
        words.append(word)
        if _is_plural(low) and len(words) >= 2:
            return words, k + 1
    return None


def _end_of_list(tokens: list[tuple[str, int, int]], j: int) -> int:
    """Index of the participle ending a list of nouns that starts at `j` (", operators and
    mechanics walked"), or `j` when there is none within ten tokens."""
    for k in range(j + 1, min(len(tokens), j + 10)):
        word = tokens[k][0]
        if not (word in (",", "or") or (_is_word(word) and word.lower() not in STOPWORDS)):
            if word != "and":
                return j
            continue
        if tokens[k - 1][0] not in (",", "and", "or") and _is_participle(word.lower(), True):
            return k
    return j


def _is_number_token(token: str) -> bool:
    return token[0].isdigit() or token.lower() in _ONES or token.lower() in _TENS


def _phrase_before(text: str, pos: int) -> tuple[list[str], str]:
    """What a number refers to from the words before it: (subject lemmas, event participle).

    "the death toll from the attack rose to 1,119" -> (["death", "toll"], "");
    "an attack killing at least 12" -> ([], "killed").
    """
    # The words alone, by findall in C (the tokens' offsets are not read here; issue 14).
    tokens: list[str] = _TOKEN.findall(text[max(0, pos - 160) : pos])

    def noun_phrase(k: int) -> tuple[list[str], int]:
        words: list[str] = []
        while (
            k >= 0 and len(words) < 3 and _is_word(tokens[k]) and tokens[k].lower() not in STOPWORDS
        ):
            words.insert(0, tokens[k])
            k -= 1
        return words, k

    i = len(tokens) - 1
    if i >= 1 and tokens[i].lower() == "of":
        # "a fee of €40 million", "a death toll of 1,119", "an efficacy of 82.6%"
        phrase, _ = noun_phrase(i - 1)
        if phrase:
            return [lemma(w) for w in phrase], ""
    while i >= 0 and tokens[i].lower() in ("to", "at", "by", "of", "from", "around", "about"):
        i -= 1
    if i >= 0 and tokens[i].lower() in EVENT_VERBS:
        return [], EVENT_VERBS[tokens[i].lower()]
    verbs = 0
    while i >= 0 and verbs < 3 and tokens[i].lower() in _LINK_VERBS:
        i -= 1
        verbs += 1
    if verbs == 0:
        return [], ""
    if CLAUSE_BEFORE_VERB and i >= 0 and tokens[i] == ",":
        verb = tokens[i + 1].lower()
        i = _clause_start(tokens, i)
        # "Robinson, who lived in West Haven, was 26": a person's clause before "was" and a
        # bare figure tells an age, not a count of the person (round 24)
        opener = tokens[i + 2].lower() if i + 2 < len(tokens) else ""
        if PERSON_CLAUSE_AGE and verb in _BE and opener in _PERSON_OPENERS:
            return [], ""

    phrase, i = noun_phrase(i)
    # "the death toll from the attack": the head is the phrase before the preposition.
    k = i
    while k >= 0 and tokens[k].lower() in _DETERMINERS:
        k -= 1
    if phrase and k >= 0 and tokens[k].lower() in ("from", "in", "of", "on", "among", "for"):
        k -= 1
        while k >= 0 and tokens[k].lower() in _DETERMINERS:
            k -= 1
        head, _ = noun_phrase(k)
        if head:
            phrase = head
    return [lemma(w) for w in phrase], ""


#: A subject set apart from its verb by a relative clause ("The death toll of the attack,
#: in which a man drove a truck into crowds on July 14, rose to 85") is what the number
#: after the verb counts, as it is without the clause (round 23: Nice's toll read as
#: counting nothing, so "rose to 85" met no outlet's "at least 84 people killed"); False
#: reads nothing before such a clause.
CLAUSE_BEFORE_VERB = True
#: Words that open a relative clause after a comma (after a preposition too: "in which").
_CLAUSE_OPENERS = frozenset("which who whom whose where".split())
#: Tokens a clause set off by commas may span before its verb.
_CLAUSE_TOKENS = 30
#: A person's relative clause ("who", "whom", "whose") before a form of "be" and the
#: figure ("Robinson, who lived in West Haven, was 26") tells the person's age, not a
#: count of the person: nothing is read before it (round 24: `CLAUSE_BEFORE_VERB` read
#: that 26 as a count of "robinson"); a thing's clause ("which", "in which") and other
#: verbs ("The protesters, who marched on Friday, numbered 5,000") still are read.
#: False reads the person as what the figure counts.
PERSON_CLAUSE_AGE = True
_PERSON_OPENERS = frozenset(("who", "whom", "whose"))
_BE = frozenset(("is", "are", "was", "were"))


def _clause_start(tokens: list[str], comma: int) -> int:
    """The index of the last word before a relative clause that ends at the comma
    `tokens[comma]` (", in which ... ,": the word before its opening comma), or `comma`
    when no such clause opens within `_CLAUSE_TOKENS` tokens before it."""
    for j in range(comma - 1, max(-1, comma - _CLAUSE_TOKENS), -1):
        if tokens[j] in (",", ";", ".", ":", "(", ")"):
            if tokens[j] != ",":
                return comma
            k = j + 1
            if k < len(tokens) and tokens[k].lower() in ("in", "of", "at", "on", "during", "from"):
                k += 1
            if k < len(tokens) and tokens[k].lower() in _CLAUSE_OPENERS and j >= 1:
                return j - 1
            return comma
    return comma


# A price of one unit: "$70 a share", "$60 per barrel". The unit is what the sum counts.
_PER_UNIT = re.compile(
    r"\s+(?:a|an|per)\s+(share|barrel|ton|tonne|ounce|gallon|litre|liter|hour|day|week|month"
    r"|year|person|head|vote)\b",
    re.I,
)


def _counted(text: str, start: int, end: int, limit: int, kind: str) -> tuple[str, int]:
    """(normalised counted phrase, new end of the mention's span)."""
    if kind == "money" and (per := _PER_UNIT.match(text, end)):
        return f"per {per.group(1).lower()}", end  # "$70 a share" counts "per share"
    after, new_end = _phrase_after(text, end, limit, kind)
    subject, event = _phrase_before(text, start)
    if after:
        if event and event not in after:
            after.append(event)
        return " ".join(after), new_end
    if event:
        return event, end
    if (
        not subject
        and kind == "count"
        and (label := _LABEL_BEFORE.search(text[max(0, start - 40) : start]))
    ):
        # a fact box's field: "Cores: 3" counts cores (round 14)
        return lemma(label.group(1).lower()), end
    if (
        not subject
        and kind == "count"
        and (of := _NUMBER_OF.search(text[max(0, start - 160) : start]))
    ):
        # "its estimate on the number of Americans whose information was exposed to 145.5
        # million": the figure is of what "the number of" names, when no other figure and no
        # sentence end comes between
        return lemma(of.group(1)), end
    return " ".join(subject), end


#: A fact box's field label right before its figure: "Boosters: 2 Cores: 3".
_LABEL_BEFORE = re.compile(r"(?<![\w:])([A-Z][a-z]{2,}):\s*$")
#: "the number of Americans ... [to 145.5 million]": the noun the figure counts, with no
#: digit or sentence end between it and the figure.
_NUMBER_OF = re.compile(
    r"\b(?:the|a|its|their)\s+(?:total\s+)?number\s+of\s+([A-Za-z]+)\b[^\d.;]*$", re.I
)


def _qualifier_before(text: str, start: int) -> tuple[str, int]:
    """(qualifier, where its words start) for the words just before `start`."""
    before = text[max(0, start - 40) : start]
    found = [
        (match.start(), name)
        for name, pattern in _QUALIFIER_BEFORE.items()
        if (match := pattern.search(before))
        and not (
            match.group().strip().lower() == "over"
            and before[: match.start()].split()[-1:] in [[v] for v in _PHRASAL_OVER]
        )
    ]
    if not found:
        return "exact", start
    # The longest qualifier wins: "no more than" (at_most) over "more than".
    offset, name = min(found)
    return name, start - len(before) + offset


@dataclass
class _Atom:
    start: int
    end: int
    value: float
    high: float | None
    currency: str
    scale: float  # 1e6 for "4 million" and "4m"; 1 when no scale word was used
    attached: str  # suffix glued to digits that is not a scale: "%", "km", "th", "s", ...
    source: str  # digits, words, vague, ordinal


def _atom(match: re.Match[str], text: str) -> _Atom | None:
    """The number of one `_NUMBER` match with any scale word after it ("4 million")."""
    end = match.end()
    currency = ""
    scale = 1.0
    attached = (match.group("att") or "").lower() if match.group("digits") else ""
    if match.group("vague"):
        low, high = _VAGUE[" ".join(match.group("vague").lower().split())]
        return _Atom(match.start(), end, low, high, "", 1.0, "", "vague")
    if match.group("ordinal"):
        parts = match.group("ordinal").lower().split("-")
        value = float(sum(_TENS.get(p, 0) + _ORDINALS.get(p, 0) for p in parts))
        return _Atom(match.start(), end, value, None, "", 1.0, "", "ordinal")
    if match.group("digits"):
        value = float(match.group("digits").replace(",", ""))
        source = "digits"
        if match.group("cur"):
            currency = _CURRENCY_SYMBOLS[match.group("cur").strip().lower()]
    else:
        words = match.group("words").lower()
        parsed = _words_value(words)
        if parsed is None:
            return None
        value, source = parsed, "words"
        scale = max((_SCALES[w] for w in ("thousand", "million", "billion", "trillion")
                     if w in words), default=1.0)  # fmt: skip
    # "4m" is four million after a currency or before what is counted, else four metres.
    if attached in ("bn", "mn", "mln", "tn", "k", "b") or (
        attached == "m" and (currency or _next_is_counted(text, end))
    ):
        scale, attached = _SCALES[attached], ""
        value *= scale
    elif not attached and (word := _SCALE_AFTER.match(text, end)):
        scale = _SCALES[word.group(1).lower()]
        value *= scale
        end = word.end()
    return _Atom(match.start(), end, value, None, currency, scale, attached, source)


def _next_is_counted(text: str, pos: int) -> bool:
    """Whether a plural noun or a participle follows: "4m refugees", "4.2m displaced"."""
    match = re.match(r"\s+(?:of\s+)?([a-z]+)", text[pos : pos + 40])
    word = match.group(1) if match else ""
    return word in PARTICIPLES or word == "people" or (word.endswith("s") and word not in STOPWORDS)


#: "one" as a pronoun counts nothing (`_pronoun_one`): the generic subject of a modal verb
#: ("the best telescope one can imagine", "the standards one would expect") and a thing
#: named before, after a determiner and one modifier ("Family's a big one.", "the second
#: one, and", "a loved one"); False turns the rule off.
PRONOUN_ONE = True
_ONE_MODAL_AFTER = re.compile(
    r"\s+(?:can|cannot|can't|could|would|should|must|might|may|shall)\b", re.I
)
# "the second one", "a big one", "their loved one": a determiner and one word before it ...
_ONE_MODIFIED_BEFORE = re.compile(
    r"(?:^|[^\w-])(?:(?:a|an|the|such\s+a|his|her|their|its|our|my|your)\s+[a-z]+|loved)\s+$",
    re.I,
)
# ... and no noun it counts after it: a mark, the end, or a word that opens no noun phrase
# ("a big one." / "the first one since" / "the other one has"; not "a mere one percent")
_ONE_ENDS_PHRASE = re.compile(
    r"\s*(?:[^\w\s]|$)|\s+(?:is|was|are|were|will|would|has|had|in|on|at|for|from|as|to|and|"
    r"but|or|that|which|who|she|he|they|it|i|we|you|since|if|although|because|when|with)\b",
    re.I,
)


def _pronoun_one(text: str, start: int, end: int) -> bool:
    """Whether the "one" at text[start:end] is a pronoun (`PRONOUN_ONE`)."""
    if not PRONOUN_ONE:
        return False
    if _ONE_MODAL_AFTER.match(text, end):
        return True
    before = text[max(0, start - 30) : start]
    modified = _ONE_MODIFIED_BEFORE.search(before)
    if not modified or re.search(r"\d", modified.group()):
        return False
    word = before.split()[-1].lower() if before.split() else ""
    # a spelled number before it ("the twenty one") makes one number of the two
    return word not in WORD_VALUES and bool(_ONE_ENDS_PHRASE.match(text, end))


_ONE_IDIOM_BEFORE = frozenset(
    ("no", "the", "this", "that", "every", "any", "each", "which", "only", "last", "another")
)


def _skip_one(text: str, atom: _Atom) -> bool:
    """ "one" that is a pronoun or idiom rather than a count ("one of the", "no one", "a big
    one": `_pronoun_one`)."""
    word = text[atom.start : atom.end].lower()
    if word != "one":
        return False
    before = text[max(0, atom.start - 8) : atom.start].lower().split()
    after = text[atom.end : atom.end + 12].lower()
    return (
        (bool(before) and before[-1] in _ONE_IDIOM_BEFORE)
        or bool(
            re.match(r"(?:\s+(?:of|another|by|day|thing|way|side|hand|point|time)\b|'s|-)", after)
        )
        or _pronoun_one(text, atom.start, atom.end)
    )


def _generic(text: str, match: re.Match[str], limit: int) -> Mention | None:
    """A count, money, percent, measure, year, ordinal or other quantity at `match`."""
    first = _atom(match, text)
    if first is None or _skip_one(text, first):
        return None
    start, end = first.start, first.end
    value, high, currency = first.value, first.high, first.currency
    qualifier, q_start = _qualifier_before(text, start)
    qualifier = "range" if first.source == "vague" else qualifier
    # Ranges: "between 200 and 300", "200-300", "200 to 300", "two or three".
    joined = None
    if first.source in ("digits", "words") and first.attached not in ("%", "st", "nd", "rd", "th"):
        lead = _RANGE_LEAD.search(text[max(0, start - 30) : start])
        word = lead.group("word").lower() if lead else ""
        if word == "between":
            join = _AND_JOIN.match(text, end)
        elif word == "from" and lead and not lead.group("ranging"):
            join = None
        else:
            join = _RANGE_JOIN.match(text, end)
            if (
                join
                and join.group().strip() == "to"
                and CHANGE_BEFORE.search(text[max(0, start - 40) : start])
            ):
                join = None  # "dropped 20,000 to 385,000": a change, then the level reached
        if join:
            second_match = _NUMBER_NEXT.match(text, join.end())
            second = _atom(second_match, text) if second_match else None
            if second is not None and second.source in ("digits", "words"):
                # "2-3 million": the scale of the second number is the first's too.
                low = value
                if first.scale == 1.0 and value * second.scale <= second.value:
                    low = value * second.scale
                if low < second.value:
                    joined = second
                    value, high = low, second.value
                    end = second.end
                    currency = currency or second.currency
                    qualifier = "range"
                    if lead:
                        q_start = max(0, start - 30) + lead.start("word")
                elif (
                    join.group().strip() in ("-", "–") and first.source == second.source == "digits"
                ):
                    # "won 3-1": a score, not a range.
                    return Mention(start, second.end, value, second.value, "exact", "", "other", "")
    attached = (joined or first).attached
    unit, kind = "", "count"
    percent = _PERCENT_AFTER.match(text, end) if attached != "%" else None
    if attached in ("%", "pc") or percent:
        unit, kind = ("pp" if percent and percent.group("pp") else "%"), "percent"
        end = percent.end() if percent else end
    elif currency:
        unit, kind = currency, "money"
    elif (cur_word := _CURRENCY_AFTER.match(text, end)) and not re.match(
        r"\s+of\b", text[cur_word.end() : cur_word.end() + 5]
    ):
        unit, kind = _CURRENCY_WORDS[cur_word.group("cur").lower()], "money"
        end = cur_word.end()
    elif attached in ("st", "nd", "rd", "th") or first.source == "ordinal":
        kind = "ordinal"
    elif attached == "s" and first.source == "digits":
        kind = "year" if 1000 <= value <= 2100 else "other"  # "the 1990s", "in their 20s"
    elif attached in _UNITS:
        unit, kind = _UNITS[attached], "measure"
    elif (unit_match := _UNIT_AFTER.match(text, end)) and first.source != "vague":
        unit, kind = _UNITS[unit_match.group("unit").lower()], "measure"
        end = unit_match.end()
    if kind == "count" and first.source == "digits" and _looks_like_year(text, first, qualifier):
        kind = "year"
    elif kind == "count" and _looks_like_label(text, first):
        kind = "other"  # "Article 5", "Flight 370"
    suffix = _SUFFIX_QUALIFIER.match(text, end)
    if suffix and kind not in ("year", "ordinal", "other"):
        if qualifier == "exact":
            qualifier = (
                "at_least"
                if suffix.group("more") == "more" or suffix.group("plus") in ("+", "plus")
                else "about"
            )
        end = suffix.end()
    if (
        kind == "measure"
        and unit in _TIME_UNITS
        and re.search(r"(?i)\bover\s*$", text[q_start:start])
    ):
        qualifier, q_start = "exact", start  # "paid back over five years": a period
    if kind in ("ordinal", "other") or (kind == "year" and qualifier != "range"):
        qualifier, q_start = "exact", start  # "over 2019" or "some 21st" qualify nothing
    counted, end = (
        ("", end)
        if kind in ("year", "other")
        else _counted(text, min(q_start, start), end, limit, kind)
    )
    if (
        kind == "measure"
        and unit in _TIME_UNITS
        and re.match(r"\s*(?:ago|later|earlier|before|after|on|since)\b", text[end : end + 10])
    ):
        kind = "other"  # "two days later": a time reference, not a quantity to compare
    if not math.isfinite(value):
        return None
    return Mention(min(q_start, start), end, value, high, qualifier, unit, kind, counted)


def falls(sentence: str, at: int) -> bool:
    """Whether the figure at offset `at` of `sentence` is a fall told without its sign: the
    words just before it are a falling verb ("shares fell 3.2%", "down around 22 percent").
    A bound of one ("fell as much as 14%") is no figure of the fall itself: False."""
    change = CHANGE_BEFORE.search(sentence[max(0, at - 40) : at])
    return bool(change and change.group("fall"))


def _looks_like_year(text: str, atom: _Atom, qualifier: str) -> bool:
    raw = text[atom.start : atom.end]
    if not re.fullmatch(r"\d{4}", raw) or not 1800 <= atom.value <= 2100:
        return False
    if qualifier not in ("exact", "range"):  # "more than 2000" counts something
        return False
    following = re.match(r"\s+([a-z]+)", text[atom.end : atom.end + 30])
    # "2000 people" is a count; "the 2016 election" and "in 2019" are years.
    return not (
        following
        and following.group(1)
        in (
            "people",
            "persons",
            "civilians",
            "troops",
            "soldiers",
            "refugees",
            "migrants",
            "jobs",
            "homes",
            "houses",
            "cases",
            "deaths",
        )
    )


def _looks_like_label(text: str, atom: _Atom) -> bool:
    """A number naming something ("Article 5", "Flight 370", "No. 10", "lap 14"; spelled
    out, only after a label noun: "game one", "number one")."""
    if atom.source == "words" and not atom.currency and atom.scale == 1.0:
        # "won game one 6-0" / "allowed one run", "game five" / "five innings": a game's
        # number is no count (a capitalised word before a spelled number is no label:
        # "Fifteen of the 19 hijackers", "the Cubs' three runs")
        before = re.search(r"([A-Za-z]+)\s$", text[max(0, atom.start - 20) : atom.start])
        return before is not None and before.group(1).lower() in _LABEL_NOUNS
    if (
        atom.source != "digits"
        or atom.currency
        or atom.scale != 1.0
        or "," in text[atom.start : atom.end]
    ):
        return False
    before = re.search(r"([A-Za-z]+)\.?\s$", text[max(0, atom.start - 20) : atom.start])
    if before is None:
        return False
    word = before.group(1)
    if word.lower() in _LABEL_NOUNS:
        return True
    # only blanks before the word (looked for in place: a copy of the text before each
    # number made a long sentence quadratic)
    sentence_start = _NOT_BLANK.search(text, 0, atom.start - len(before.group())) is None
    return (
        word[0].isupper()
        and not sentence_start
        and not _is_headline(text)
        and word.lower()[:3] not in _MONTHS
    )


_NOT_BLANK = re.compile(r"\S")  # what str.strip() keeps


@lru_cache(maxsize=4)
def _is_headline(text: str) -> bool:
    """In a headline every word is capitalised ("Obama Signs 23 Executive Actions"): read
    once per sentence, not once per number in it."""
    words = re.findall(r"[A-Za-z]+", text)
    return sum(w[0].isupper() for w in words) > 0.6 * len(words)


def _share_part(word: str) -> float | None:
    """A share's numerator or denominator: "3", "three", "a", "thirds"."""
    word = word.lower()
    if word.isdigit():
        return float(word)
    if word == "a":
        return 1.0
    singular = word[:-1] if word.endswith("s") and word[:-1] in _DENOMINATORS else word
    if singular in _DENOMINATORS:
        return float(_DENOMINATORS[singular])
    return _words_value(word)


def _special(text: str, held: _Held) -> tuple[list[Mention], Spans]:
    """Dates, times, ages and addresses: recognised first so their digits are not read as
    counts. Phone numbers and gallery counters are taken too, and give no mention. Each
    pattern is tried only where `held` (`text`'s literals) allows its needs."""
    mentions: list[Mention] = []
    allows = held.allows
    taken = (
        Spans(m.span() for m in _NOT_QUANTITIES.finditer(text)) if allows(_DIGIT_NEEDS) else Spans()
    )

    def add(
        m: re.Match[str],
        value: float,
        kind: str,
        unit: str = "",
        counted: str = "",
        qualifier: str = "exact",
        high: float | None = None,
    ) -> None:
        # Group "t", where a pattern has it, is the span to report ("34" in "Smith, 34,").
        start, end = m.span("t") if "t" in m.re.groupindex else m.span()
        if taken.overlaps(start, end):
            return
        if kind == "percent":  # a share ("one in three adults") is approximate and counts
            qualifier = "about"
            counted, end = _counted(text, start, end, len(text), kind)
        elif kind == "age":
            counted = _age_anchor(text, start, end)
        taken.append((start, end))
        mentions.append(Mention(start, end, value, high, qualifier, unit, kind, counted))

    # every date and time pattern needs a digit, which most sentences lack: one look for them
    digit = allows(_DIGIT_NEEDS)
    for pattern, needs in zip(_DATE_PATTERNS, _DATE_NEEDS, strict=True) if digit else ():
        if not allows(needs):
            continue
        for m in pattern.finditer(text):
            groups = m.groupdict()
            month = groups["m"]
            month_n = int(month) if month.isdigit() else month_number(month)
            day = int(groups.get("d") or 0)
            year = int(groups.get("y") or 0)
            year += 2000 if 0 < year < 100 else 0
            if 1 <= month_n <= 12 and day <= 31:
                add(m, float(year * 10000 + month_n * 100 + day), "date")
    for m in _MONTH_ALONE.finditer(text) if allows(_MONTH_ALONE_NEEDS) else ():
        # "since March", "in December": a month without a day, yearless unless one follows
        add(m, float(month_number(m.group("t")) * 100), "date", "calendar-month")
    for pattern, needs in zip(_TIME_PATTERNS, _TIME_NEEDS, strict=True) if digit else ():
        if not allows(needs):
            continue
        for m in pattern.finditer(text):
            hour, minute = int(m.group("h")), int(m.groupdict().get("min") or 0)
            ap = (m.groupdict().get("ap") or "").lower()
            hour = hour % 12 + (12 if ap == "p" else 0) if ap else hour
            if hour < 24 and minute < 60:
                add(m, hour + minute / 60, "time")
    for pattern, needs in zip(_SHARE_PATTERNS, _SHARE_NEEDS, strict=True):
        if not allows(needs):
            continue
        for m in pattern.finditer(text):
            numerator, denominator = (_share_part(m.group(g)) for g in ("a", "b"))
            if numerator and denominator and numerator < denominator:
                add(m, round(100 * numerator / denominator, 2), "percent", "%")
    for m in _ADDRESS.finditer(text) if digit else ():
        # what an address "counts" is its street ("bells ferry road"); a block is a range
        block = "block" if re.search(r"\bblock\s+of\b", m.group()) else ""
        street = _street(m.group())
        if block and (after := _BLOCK_STREET.match(text, m.end())):
            street = _street(f"{m.group('n')} {after.group(1)}")  # "6700 block of S. Aberdeen"
        add(m, float(m.group("n").replace(",", "")), "address", block, street)
    for m in _AGE_RANGE.finditer(text) if allows(_AGE_RANGE_NEEDS) else ():
        low, high = _age_value(m.group("n")), _age_value(m.group("h"))
        if low is not None and high is not None and 0 < low < high <= 120:
            add(m, low, "age", m.group("u").lower(), qualifier="range", high=high)
    for pattern, needs in ((_AGE_YEAR_ROLE, _AGE_YEAR_ROLE_NEEDS), (_AGE_BOTH, _AGE_BOTH_NEEDS)):
        for m in pattern.finditer(text) if allows(needs) else ():
            if 0 < (years := float(m.group("n"))) <= 120:
                add(m, years, "age", "year")
    for pattern, needs in zip(_AGE_PATTERNS, _AGE_NEEDS, strict=True):
        if not allows(needs):
            continue
        for m in pattern.finditer(text):
            if pattern is _LISTED_AGE and _LIST_OF_OTHER_FIGURES.search(text, 0, m.start()):
                continue  # a list of votes, points or seats by name: no ages
            raw = m.group("n")
            value = float(raw) if raw.isdigit() else _words_value(raw)
            unit = (m.groupdict().get("u") or _age_unit_after(text, m.end("n"))).lower()
            if value is not None and 0 < value <= 120:
                add(m, value, "age", unit)
    for m in _AGE_LIST.finditer(text) if allows(_AGE_LIST_NEEDS) else ():
        # "under the age of 18" bounds an age it does not give ("the victim is under the
        # age of 18"): a bound, never one person's age set against another outlet's
        bound = _AGE_BOUNDS.get(m.group().split()[0].lower(), "exact")
        for item in _AGE_LIST_ITEM.finditer(text, m.start("list"), m.end("list")):
            raw = item.group()
            value = float(raw) if raw.isdigit() else _words_value(raw)
            if value is not None and 0 <= value <= 120:
                add(item, value, "age", _age_unit_after(text, item.end()), qualifier=bound)
    return mentions, taken


# The unit an age told by "age"/"aged" or in a list of ages names right after its number:
# "age 17 months", "aged 6 months", "aged 5 and 18 months" (the 18), "ranging in age from
# seven months to 13-years-old" (the seven). Without it, years.
_AGE_UNIT_AFTER = re.compile(r"\s*-?\s*(month|week)s?\b", re.I)


def _age_value(raw: str) -> float | None:
    """An age's number, in digits or words ("4", "four")."""
    return float(raw) if raw.isdigit() else _words_value(raw)


def _age_unit_after(text: str, end: int) -> str:
    """The unit an age's number at `end` is told in: "month" or "week" where that word
    follows it, else "year"."""
    after = _AGE_UNIT_AFTER.match(text, end)
    return after.group(1).lower() if after else "year"


def _person(name: str) -> str:
    """A name as an age's anchor: lower case, possessive and initials dropped."""
    words = [w for w in re.split(r"\s+", name) if not re.fullmatch(r"[A-Z]\.", w)]
    # "But Black, 47," : a sentence's first word is capitalised without being a name.
    while len(words) > 1 and words[0].lower() in STOPWORDS:
        words = words[1:]
    return " ".join(re.sub(r"['\u2019]s?$", "", w).lower() for w in words)


#: An age after "as young as" or "the youngest (being)" is the youngest's (the oldest's
#: likewise), `_age_anchor`; False turns the rule off.
YOUNGEST_OLDEST = True
_EXTREME_BEFORE = re.compile(
    r"\b(?:as\s+(young|old)\s+as|the\s+(?:(young)est|(old)est)(?:\s+(?:being|was|is))?"
    r"(?:\s+(?:just|only))?)\s+$",
    re.I,
)


def _age_anchor(text: str, start: int, end: int) -> str:
    """Whose age the age at [start, end) is: a name ("javon wilson" for "Javon Wilson, 15,"
    or "15-year-old Javon Wilson"), else a role from `AGE_ROLES` with its possessor ("son of
    powell" for "Powell's 3-year-old son"), else ""."""
    before = text[max(0, start - 60) : start]
    if YOUNGEST_OLDEST and (extreme := _EXTREME_BEFORE.search(before)):
        # "as young as 13", "the youngest being just 12-years-old" (round 18): the age of
        # the youngest (or oldest) of the people told of, one person in a story
        word = next(g for g in extreme.groups() if g).lower()
        return "youngest" if word == "young" else "oldest"
    if (
        # (a list's "Martinez, 20; Erica ...", a sentence's last "Melon, 18.": round 12)
        (
            text[end : end + 1] in (",", ")", ";", ".")
            or re.match(r"\s(?:was|is|has|had)\b", text[end:])
            # a headline's last words: "... of Justin Burns, 14"
            or (text[start:end].isdigit() and not text[end:].strip())
        )
        and (m := _NAME_BEFORE.search(before))
        # "The six-year-old, whose condition ...": a capitalised determiner is no name
        and _person(m.group(1)) not in STOPWORDS
    ):
        return _person(m.group(1))  # "Javon Wilson, 15," / "Wilson (15)"
    if told := _ROLE_BEFORE.search(before):  # "a woman, 29, who was shot"
        return told.group(1).lower()
    words = text[end : end + 60].split()
    role_at = next(
        (i for i, w in enumerate(words[:4]) if lemma(w.strip(",.;:").lower()) in AGE_ROLES),
        None,
    )
    if role_at is not None and all(w[:1].isupper() or w.islower() for w in words[:role_at]):
        role = lemma(words[role_at].strip(",.;:").lower())
        # "her 10-year-old sister, Betzida Castillo": the apposition names her.
        tail = text[end:].split(words[role_at], 1)[1] if words[role_at] in text[end:] else ""
        named = _APPOSITION.match(tail) if words[role_at][-1:] not in ".;:" else None
        if named and named.group(1).split()[0].lower() not in STOPWORDS:
            return _person(named.group(1))
        owner = _POSSESSOR.search(before)
        return f"{role} of {owner.group(1).lower()}" if owner else role
    m = _NAME_AFTER.match(text, end)  # "15-year-old Javon Wilson"
    if m and m.group(1).split()[0].lower() not in STOPWORDS:
        return _person(m.group(1))
    return ""


# "Three people were killed and another critically injured", "killing one and wounding
# another": "another" alone (no number, no noun after it) is one more of what happened.
_ANOTHER_PERSON = (
    r"person|man|woman|child|boy|girl|teen|teenager|juvenile|victim|officer|student|adult"
    r"|passenger|resident|worker|suspect|bystander"
)
_ANOTHER = re.compile(
    r"\band\s+(?P<t>another)\s+(?:(?:was|were|is|has\s+been|had\s+been)\s+)?(?:[a-z]+ly\s+)?"
    r"(?P<p>killed|wounded|injured|hurt|shot|hospitali[sz]ed|arrested|detained)\b"
    r"|\b(?P<v>killing|wounding|injuring|killed|wounded|injured|shot)\s+(?:one\s+and\s+\w+\s+)?"
    r"(?P<t2>another)(?=\s*(?:[.,;:]|$|\s+(?:person|victim)\b))"
    # "Another woman was hurt", "Another child was taken to a local hospital": one more
    # person of a kind, the subject of what happened to them
    rf"|\b(?P<t3>another)\s+(?P<n>{_ANOTHER_PERSON})\s+(?:was|were|is|has\s+been|had\s+been)\s+"
    r"(?:also\s+)?(?:[a-z]+ly\s+)?(?P<p3>killed|wounded|injured|hurt|shot|hospitali[sz]ed|arrested"
    r"|detained|charged|taken\s+to\s+(?:a\s+|the\s+)?(?:\w+\s+)?hospital)\b",
    re.I,
)
_ANOTHER_EVENT = {"killing": "killed", "wounding": "wounded", "injuring": "injured"}


_ANOTHER_NEEDS = _needs(("another",))  # every match holds it; most sentences do not


def _another(text: str, taken: Spans | list[tuple[int, int]], held: _Held) -> list[Mention]:
    """Counts of one written "another" (`_ANOTHER`), counting what happened to it."""
    out: list[Mention] = []
    if not held.allows(_ANOTHER_NEEDS):
        return out
    taken = taken if isinstance(taken, Spans) else Spans(taken)
    for m in _ANOTHER.finditer(text):
        group = next(g for g in ("t", "t2", "t3") if m.group(g))
        start, end = m.span(group)
        if taken.overlaps(start, end):
            continue
        verb = (m.group("p") or m.group("v") or m.group("p3")).lower()
        verb = "hospitalized" if verb.startswith("taken") else _ANOTHER_EVENT.get(verb, verb)
        counted = f"{lemma(m.group('n').lower())} {verb}" if group == "t3" else verb
        out.append(Mention(start, end, 1.0, None, "exact", "", "count", counted))
    return out


# Every match of `_NUMBER` holds a digit (a figure, its currency sign or code before it)
# or a word of its vague counts, number words or ordinals (`_NUMBER_CORE`): each holds one
# of these, folded (the ones and tens by `_SMALL_STEMS`; "ninth" and "twelfth" spell no
# stem's letters). Most sentences hold none and skip the scan, which tries the pattern at
# every word (issue 14: 0.69 -> 0.51 CPU-s over the six labelled sets' 42,021 sentences;
# tests/test_number_scan_precheck.py).
_NUMBER_NEEDS = _needs(
    (
        *DIGIT,
        *("dozen", "score", "hundred", "thousand", "million", "billion", "trillion", "half"),
        *_SMALL_STEMS,
        *("first", "second", "third", "ninth", "twelfth"),
    )
)


def find_numbers(text: str, held: _Held | None = None) -> list[Mention]:
    """Every quantity in one sentence (or short text), in order of position.

    Offsets index into `text`. Dates, times and ages are recognised first, then counts,
    money, percentages, measures, years, ordinals and other numbers. `held` is `text`'s
    pre-check literals when the caller has them (`_Held(text)`, built here otherwise).
    """
    held = held or _Held(text)
    mentions, taken = _special(text, held)
    for one in _another(text, taken, held):
        taken.append((one.start, one.end))
        mentions.append(one)
    for match in _NUMBER.finditer(text) if held.allows(_NUMBER_NEEDS) else ():
        # Numbers already read (a range's second end, a date's day) are skipped.
        if taken.overlaps(match.start(), match.end()) or _in_a_name(text, match):
            continue
        # The counted phrase stops where a date, time or age begins.
        limit = taken.next_start(match.end(), len(text))
        mention = _generic(text, match, limit)
        if mention is not None:
            taken.append((mention.start, mention.end))
            mentions.append(mention)
    return sorted(mentions, key=lambda m: m.start)


#: What a vote's tally counts (`_tally`): its first figure the votes for, its second those
#: against. The comparison reads such counts as exact (a tally is never rounded).
TALLY_FOR, TALLY_AGAINST = "vote", "vote against"
TALLY_COUNTED = frozenset({TALLY_FOR, TALLY_AGAINST})

# A vote told beside a score-like pair of figures: "The 285-120 vote", "voted 60-48", "the
# measure passed 220-212", "ruled 6-3", "by a tally of 50-50".
_VOTE_BEFORE = re.compile(
    r"(?i)\b(?:vot(?:e|es|ed|ing)|ballots?|tally|ruled|passed|approved)\b[^.;]{0,40}$"
)
_VOTE_AFTER = re.compile(
    r"(?i)^\s*(?:-|\u2013)?\s*(?:(?:party[- ]line|secret[- ]ballot)\s+)?vote\b"
)
_TALLY_DASH = re.compile(r"\s*[-\u2013]\s*")


def vote_tallies(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` (`find_numbers(text)`, in order) with each vote's tally as its two counts,
    the votes for and the votes against (`TALLY_FOR`, `TALLY_AGAINST`), however it is
    written: "285-120" (which `find_numbers` reads as one score-like "other" figure, as the
    clustering's features want it: `_tally`), "285 to 120" (two counts) or "220-to-212"
    (whose second figure `find_numbers` does not read). The NUMBERS frame holds the counts:
    outlets writing one tally three ways are then compared like any other counts."""
    out: list[Mention] = []
    for split in mentions:
        for mention in _tally(text, split) or (split,):
            out.extend(_tally_hyphenated(text, mention))
    for i in range(len(out) - 1):
        first, second = out[i], out[i + 1]
        if (
            first.kind == second.kind == "count"
            and first.value_high is None
            and second.value_high is None
            and first.value >= second.value
            and _TALLY_TO.fullmatch(text, first.end, second.start)
            and _in_digits(text, first)
            and _in_digits(text, second)
            and _vote_beside(text, first.start, second.end)
        ):
            out[i] = replace(first, counted=TALLY_FOR)
            out[i + 1] = replace(second, counted=TALLY_AGAINST)
    return out


def _tally_hyphenated(text: str, mention: Mention) -> tuple[Mention, ...]:
    """("220" as the votes for, "212" as those against) for the "220" of "The 220-to-212
    party-line vote", whose second figure `find_numbers` never reads; else (mention,)."""
    joined = _TALLY_HYPHENATED.match(text, mention.end)
    if joined is None:
        return (mention,)
    against = float(joined.group(1).replace(",", ""))
    if not (
        mention.kind == "count"
        and mention.value_high is None
        and _in_digits(text, mention)
        and against <= mention.value
        and _vote_beside(text, mention.start, joined.end())
    ):
        return (mention,)
    return (
        replace(mention, counted=TALLY_FOR),
        Mention(joined.start(1), joined.end(1), against, None, "exact", "", "count", TALLY_AGAINST),
    )


def _in_digits(text: str, mention: Mention) -> bool:
    """Whether `mention` is written in digits alone ("285", "1,204"; not "five", "3m")."""
    return text[mention.start : mention.end].replace(",", "").isdigit()


_TALLY_TO = re.compile(r"\s+to\s+")
_TALLY_HYPHENATED = re.compile(r"-to-(\d{1,3}(?:,\d{3})*)\b")


def _vote_beside(text: str, start: int, end: int) -> bool:
    """Whether a vote is told just before `start` or right after `end` of `text`."""
    return bool(
        _VOTE_BEFORE.search(text[max(0, start - 60) : start])
        or _VOTE_AFTER.match(text[end : end + 30])
    )


def _tally(text: str, mention: Mention) -> tuple[Mention, Mention] | None:
    """A vote's tally ("285-120", read as a score) as its two counts: the votes for ("285",
    counted "vote") and against ("120", counted "vote against"), each over its own figure;
    None for any other mention (a game's score stays one "other" figure). Outlets write one
    tally "285-120" and "285 to 120": as counts they are compared like any other."""
    if mention.kind != "other" or mention.value_high is None:
        return None
    if not _vote_beside(text, mention.start, mention.end):
        return None
    dash = _TALLY_DASH.search(text, mention.start, mention.end)
    if dash is None:
        return None
    return (
        Mention(mention.start, dash.start(), mention.value, None, "exact", "", "count", TALLY_FOR),
        Mention(
            dash.end(), mention.end, mention.value_high, None, "exact", "", "count", TALLY_AGAINST
        ),
    )


_CAPITALISED_BEFORE = re.compile(r"(?<![\w'\u2019-])[A-Z][a-z]+ $")
_LOWER_WORD = re.compile(r"(?<![\w'\u2019-])[a-z]{4,}\b")
_WORDISH = re.compile(r"[\w'\u2019-]")  # what `_CAPITALISED_BEFORE`'s lookbehind refuses


def _in_a_name(text: str, match: re.Match[str]) -> bool:
    """Whether a spelled-out number is a word of a name: written with a capital right after
    another capitalised word, in a sentence that is not a Title Case line ("Ground Zero",
    "the Big Three automakers"; a headline "Police Say Three Killed" keeps its count)."""
    word = match.group()
    if not word[:1].isupper() or not word.isalpha():
        return False
    if not _capitalised_before(text, match.start()):
        return False
    return _has_lower_word(text)


def _capitalised_before(text: str, pos: int) -> bool:
    """Whether `text[:pos]` ends as `_CAPITALISED_BEFORE` matches (a capitalised word and a
    space), read back from `pos`: a search of the whole text before each number word made a
    sentence of n of them cost n^2."""
    # `$` also matches before a newline that ends the text searched: "Big \n" + "Three"
    ends = (pos, pos - 1) if pos and text[pos - 1] == "\n" else (pos,)
    for end in ends:
        if end < 3 or text[end - 1] != " ":
            continue
        i = end - 2
        while i >= 0 and "a" <= text[i] <= "z":
            i -= 1
        # [a-z]+ with [A-Z] before it, and no word character, apostrophe or hyphen before that
        if (
            i < end - 2
            and i >= 0
            and "A" <= text[i] <= "Z"
            and (i == 0 or not _WORDISH.match(text, i - 1))
        ):
            return True
    return False


@lru_cache(maxsize=4)
def _has_lower_word(text: str) -> bool:
    """Whether `text` holds a lower-case word of four letters or more (not a Title Case line):
    once per sentence, not once per number word in it."""
    return _LOWER_WORD.search(text) is not None


#: Days named against the publication day: a capitalised weekday ("shot Saturday"),
#: "yesterday", "last night", "this morning"; and "last year". ("today" and "tonight" are
#: left out: news prose uses them loosely, "today's Republican party".)
_RELATIVE = re.compile(
    r"\b(?:(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?!\w)"
    r"|(?P<rel>(?i:yesterday|last\s+night|this\s+morning|this\s+afternoon|this\s+evening))\b"
    r"|(?P<ly>(?i:last\s+year))\b|(?P<lm>(?i:last\s+month))\b)"
)
# Every `_RELATIVE` match holds one of these (`_Held`; weekdays end in "day").
_RELATIVE_NEEDS = _needs(("day", "last", "morning", "afternoon", "evening"))
# A weekday that dates a statement, not an event: "police said Monday", "told reporters on
# Sunday", "Police on Monday said", "On Friday, Prosecutor Joe Bergacs confirmed": read as
# the statement's day (unit "statement"), a claim of when someone spoke, which the
# comparison never sets against another day (an outlet often reports a later statement).
# Left out: a day still to come ("until Thursday", "will appear in court Monday"), and
# one written out in full ("Sunday, Dec. 31, 2017": the date says it).
_STATEMENT_BEFORE = re.compile(
    r"\b(?:said|says|told|announced|reported|confirmed|added|stated|tweeted|wrote|released"
    r"|issued|posted|published|updated)(?:\s+[\w'\u2019]+){0,3}\s+(?:on\s+)?$",
    re.I,
)
_TO_COME_BEFORE = re.compile(
    r"\b(?:until|till|by|next|through|before|this\s+coming)\s+$|\b(?:will|scheduled|expected|due|set\s+to|plans?\s+to)\b[^.;:]{0,40}$",
    re.I,
)
_STATEMENT_AFTER = re.compile(
    r"^(?:\s+(?:morning|afternoon|evening|night))?,?\s+(?:said|says|announced|confirmed|"
    r"reported|told|released|issued)\b",
    re.I,
)
_WRITTEN_OUT_AFTER = re.compile(rf"^,?\s+(?:the\s+)?(?:\d|{_MONTH}\b)", re.I)
# ... and one opening a sentence whose subject then reports something: "On Friday, Henry
# County Prosecutor Joe Bergacs confirmed the two children died" (not "On Saturday, the boy
# was shot, police said", whose attribution closes the sentence).
_OPENING = re.compile(r"^\W*(?:(?:late|early)\s+)?(?:on\s+)?$", re.I)
_OPENING_STATEMENT = re.compile(
    r"^,?(?:\s+(?!(?:and|but|or|while|when|after|before|as|who|which|that|because|then)\b)"
    r"[\w.'\u2019-]+){0,6}?\s+(?:said|says|announced|confirmed|reported|told|released"
    r"|issued)\s+\w",
    re.I,
)


# A weekday in a name ("Black Friday", "Super Tuesday", "The Sunday Times", "Sunday school")
# or in page furniture ("Read Friday's Arkansas Democrat-Gazette for full details").
_WEEKDAY_NAME_BEFORE = re.compile(
    r"\b(?:Black|Good|Super|Cyber|Ash|Holy|Easter|Palm|Bloody|Giving|Maundy|Shrove"
    r"|Read|Published|Posted)\s+$"  # page furniture: "Read Friday's Democrat-Gazette"
    # a day that recurs is no date: "in the pew every Sunday", "each Friday at its observatory"
    r"|\b(?i:every|each)\s+$"
)
_WEEKDAY_NAME_AFTER = re.compile(
    r"^\s+(?:Times|Telegraph|Mirror|Express|Post|Herald|Independent|Mail|People|Star|Sport"
    r"|Night\s+Football|Morning\s+Futures|Tribune|Journal|[Ss]chool|[Ss]ervice|[Mm]ass)\b"
)


# A weekday told right after these names a day still to come, the first such day on or
# after the paper's ("a vigil is planned for Thursday", "as soon as Friday", "ahead of
# Thursday's debate"); "will" and "scheduled" are left out before (`_TO_COME_BEFORE`).
# Not "ahead of the rally on Saturday" with words between: "Fencing installed ahead of the
# rally on Saturday started coming down on Sunday" tells a day past.
_COMING_BEFORE = re.compile(
    r"\b(?:(?:planned|set|slated)\s+for|as\s+(?:soon|early)\s+as)\s+(?:(?:on|at)\s+)?$"
    r"|\b(?:ahead|in\s+advance)\s+of\s+$",
    re.I,
)
# "last Friday", "since Friday": a day already past, at least one day before the paper's.
_PAST_BEFORE = re.compile(r"\b(?:last|since)\s+$", re.I)


def weekday_days_back(weekday: str, before: str, published: date) -> int:
    """Days from `weekday` ("Tuesday"), written after the text `before` in its sentence, back
    to `published` (negative: after it).

    A weekday is the last such day on or before the paper's, except: the day after the
    paper's weekday is that next day, not six days back ("Tuesday" in a Monday paper: a date
    field a day behind the report, a time zone ahead, "Monday ... Tuesday in Japan", or
    tomorrow's event), unless "last" or "since" is written before it; "last Friday" in a
    Friday paper is a week back; after `_COMING_BEFORE` the day is the first such day on or
    after the paper's ("a vigil planned for Thursday" in a Monday paper: 3 days on).
    """
    back = days_before(published.weekday(), weekday)
    before = before[-80:]
    if _PAST_BEFORE.search(before):
        return back or 7
    if _COMING_BEFORE.search(before):
        return back - 7 if back else 0
    return -1 if back == 6 else back


def find_relative_days(
    text: str,
    published: date,
    taken: list[tuple[int, int]] | None = None,
    held: _Held | None = None,
) -> list[Mention]:
    """Days one sentence names relative to its article's publication day, as dates.

    A weekday is the last such day on or before `published` ("Saturday" in a Monday paper is
    two days before; in a Saturday paper, the day itself) but for the day after it and days
    to come (`weekday_days_back`), "yesterday" and "last night" the
    day before, "this morning" the day itself: kind "date", value yyyymmdd, unit "relative"
    (the day was worked out, not written). "last year" is the year before `published`'s
    (kind "year"). A weekday that dates a statement ("police said Monday": `_STATEMENT_BEFORE`,
    `_STATEMENT_AFTER`, `_OPENING_STATEMENT`) is a date of unit "statement": when someone
    spoke, not when the story's happening was. Days to come (`_TO_COME_BEFORE`) and weekdays
    of a date written out are left out; so is anything overlapping `taken` (spans already
    read).
    `held`: `text`'s pre-check literals, as for `find_numbers`.
    """
    out: list[Mention] = []
    if not (held or _Held(text)).allows(_RELATIVE_NEEDS):  # most sentences name no day
        return out
    read = Spans(taken or ())
    for m in _RELATIVE.finditer(text):
        start, end = m.span()
        if read.overlaps(start, end):
            continue
        if m.group("ly"):
            out.append(Mention(start, end, float(published.year - 1), None, "exact", "relative",
                               "year", ""))  # fmt: skip
            continue
        if m.group("lm"):  # "filmed last month": the month before publication's (day 0)
            year, month = (
                (published.year, published.month - 1)
                if published.month > 1
                else (published.year - 1, 12)
            )
            out.append(Mention(start, end, float(year * 10000 + month * 100), None, "exact",
                               "relative", "date", ""))  # fmt: skip
            continue
        if m.group("wd") and (
            _WEEKDAY_NAME_BEFORE.search(text[max(0, start - 12) : start])
            or _WEEKDAY_NAME_AFTER.match(text[end : end + 20])
            or _TO_COME_BEFORE.search(text[max(0, start - 60) : start])
            or _WRITTEN_OUT_AFTER.match(text[end : end + 40])
        ):
            continue
        statement = bool(m.group("wd")) and bool(
            _STATEMENT_BEFORE.search(text[max(0, start - 60) : start])
            or _STATEMENT_AFTER.match(text[end : end + 40])
            or (_OPENING.match(text, 0, start) and _OPENING_STATEMENT.match(text[end : end + 80]))
        )
        back = (
            # the 80 characters before it are all it reads
            weekday_days_back(m.group("wd"), text[max(0, start - 80) : start], published)
            if m.group("wd")
            else days_before(published.weekday(), m.group("rel"))
        )
        day = published - timedelta(days=back)
        value = float(day.year * 10000 + day.month * 100 + day.day)
        unit = "statement" if statement else "relative"
        out.append(Mention(start, end, value, None, "exact", unit, "date", ""))
    return out


def extract_numbers(articles: pl.DataFrame) -> pl.DataFrame:
    """Every quantity in every article's title and body, as a NUMBERS frame.

    `articles` is an ARTICLES frame (article_id, title and body are read; lang and
    published_at when present: an English body's weekdays, "yesterday" and "last year" are
    read as days and years against published_at, see `find_relative_days`). One row per
    quantity, in article order then position; title quantities have sentence_index -1 and
    offsets into the title, body quantities offsets into the body. An article with a null
    body or title contributes what the other field holds; nothing raises per article.
    """
    validate(articles, _INPUT, "articles")
    rows: dict[str, list[object]] = {name: [] for name in NUMBERS}
    # Spanish, Italian, Dutch, German, French and Portuguese numbers are read with their own
    # separators and number words ("40.000 millones" is 4e10, not 40.0); see numerals.
    lang = pl.col("lang").fill_null("") if "lang" in articles.columns else pl.lit("")
    # Weekdays and "yesterday" are days only against the publication day (English only).
    published_at = pl.col("published_at") if "published_at" in articles.columns else pl.lit(None)
    for article_id, title, body, language, published in articles.select(
        "article_id", "title", "body", lang.alias("lang"), published_at.alias("published_at")
    ).iter_rows():
        day = published.date() if hasattr(published, "date") else None
        localised = language in LOCALISED_LANGUAGES
        parts: list[tuple[int, int, str, str]] = []  # (sentence_index, offset, text, sentence)
        if title:
            parts.append((-1, 0, title, title))
        for index, sentence in enumerate(split_sentences(body or "")):
            parts.append(
                (index, sentence.start, body[sentence.start : sentence.end], sentence.text)
            )
        for index, offset, text, sentence_text in parts:
            # The sentence's own offset: `text` may start with the blank it was split after.
            offset += len(text) - len(text.lstrip())
            text = text.lstrip()
            held = _Held(text)  # the one fold of the sentence, for every pre-check
            if (
                held.allows(_FURNITURE_NEEDS) and _FURNITURE.search(sentence_text)
            ) or _TIMESTAMP.match(sentence_text):
                continue
            found = (
                find_numbers_localised(text, language) if localised else find_numbers(text, held)
            )
            if not localised:
                found = vote_tallies(text, found)
            if day is not None and not localised and index >= 0:
                spans = [(m.start, m.end) for m in found]
                relative = find_relative_days(text, day, spans, held)
                found = sorted(found + relative, key=lambda m: m.start)
            for m in found:
                # a long sentence (a pasted table) is stored around each figure only
                stored, shift = sentence_window(sentence_text, m.start, m.end)
                for name, value in (
                    ("article_id", article_id), ("sentence_index", index),
                    ("sentence", stored), ("text", text[m.start : m.end]),
                    ("start", offset + m.start), ("end", offset + m.end),
                    ("sentence_start", offset + shift), ("value", m.value),
                    ("value_high", m.value_high), ("qualifier", m.qualifier), ("unit", m.unit),
                    ("kind", m.kind), ("counted", m.counted),
                ):  # fmt: skip
                    rows[name].append(value)
    return pl.DataFrame(rows, schema=NUMBERS)


_INPUT = pl.Schema({name: ARTICLES[name] for name in ("article_id", "title", "body")})

#: Every pattern tried under a pre-check, with its needs (`_Held`): (name, pattern, needs).
#: Every match of a pattern holds one literal of each group of its needs (tested).
_PRECHECKED: tuple[tuple[str, re.Pattern[str], _Needs], ...] = (
    *((f"date{i}", p, n) for i, (p, n) in enumerate(zip(_DATE_PATTERNS, _DATE_NEEDS, strict=True))),
    ("month_alone", _MONTH_ALONE, _MONTH_ALONE_NEEDS),
    *((f"time{i}", p, n) for i, (p, n) in enumerate(zip(_TIME_PATTERNS, _TIME_NEEDS, strict=True))),
    *(
        (f"share{i}", p, n)
        for i, (p, n) in enumerate(zip(_SHARE_PATTERNS, _SHARE_NEEDS, strict=True))
    ),
    *((f"age{i}", p, n) for i, (p, n) in enumerate(zip(_AGE_PATTERNS, _AGE_NEEDS, strict=True))),
    ("age_list", _AGE_LIST, _AGE_LIST_NEEDS),
    ("age_range", _AGE_RANGE, _AGE_RANGE_NEEDS),
    ("age_year_role", _AGE_YEAR_ROLE, _AGE_YEAR_ROLE_NEEDS),
    ("age_both", _AGE_BOTH, _AGE_BOTH_NEEDS),
    ("not_quantities", _NOT_QUANTITIES, _DIGIT_NEEDS),
    ("address", _ADDRESS, _DIGIT_NEEDS),
    ("another", _ANOTHER, _ANOTHER_NEEDS),
    ("furniture", _FURNITURE, _FURNITURE_NEEDS),
    ("relative", _RELATIVE, _RELATIVE_NEEDS),
)
