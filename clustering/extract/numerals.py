"""Numbers as written outside English: locale separators, scale words and spelled numbers.

`find_numbers_localised(text, lang)` reads the quantities of one sentence written in Spanish,
Italian, Dutch, German, French or Portuguese, so that the same figure in four languages gets
the same value: "40.000 millones de dólares", "40 miliardi di dollari", "$40 miljard" and
"$40 billion" are all 4e10 USD; "20,1" is 20.1 (the decimal comma), "1.500" is 1500 (the
grouping point). The words of each language live in `lexicons/numerals.json`: separators,
scale words, spelled small numbers, currency and percent words, qualifiers and range words.

It returns the same fields as `clustering.extract.numbers.find_numbers` (start, end, value,
value_high, qualifier, unit, kind, counted) for kinds count, money, percent and year. Dates,
times, ages and ordinals are left to a later round. `counted` is the words after the number
as written in its language, lower-cased: what is counted cannot be compared across languages
from it (see clustering.compare.languages, which aligns across languages by value alone).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["LOCALISED_LANGUAGES", "Mention", "Spans", "find_numbers_localised", "locale"]

_LEXICON = Path(__file__).with_name("lexicons") / "numerals.json"
#: Languages whose numbers `find_numbers_localised` reads; others go to the English reader.
LOCALISED_LANGUAGES = frozenset({"es", "it", "nl", "de", "fr", "pt"})

_CURRENCY_SYMBOLS = {"us$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_CURRENCY = r"(?:US\$|\$|€|£|¥)"
# Thin and no-break spaces group thousands in every locale ("40 000", "40\u202f000").
_SPACES = "\u00a0\u202f"
_WORD = r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*"


@dataclass(frozen=True)
class Mention:
    """One quantity in a text: characters [start, end) of the text, normalised. Read by
    clustering.extract.numbers (English) and here (other languages) alike."""

    start: int
    end: int
    value: float
    value_high: float | None
    qualifier: str
    unit: str
    kind: str
    counted: str


class Spans:
    """Spans [start, end) already read in one sentence, kept sorted by start, for the two
    questions each new number asks: does it overlap one of them, and where does the next one
    start. A scan of every span per number made a sentence of n numbers cost n^2 (an
    election table pasted as one sentence: 10,000 numbers took 9 s); here each question
    looks only at the spans that start within the longest span's length before it.
    Shared by the English reader (clustering.extract.numbers) and this one."""

    __slots__ = ("_spans", "_starts", "_longest")

    def __init__(self, spans: object = ()) -> None:
        self._starts: list[int] = []
        self._spans: list[tuple[int, int]] = []
        self._longest = 0
        for span in spans:  # type: ignore[attr-defined]
            self.append(span)

    def append(self, span: tuple[int, int]) -> None:
        # after every span of the same start, so that ties keep their order of arrival
        i = bisect_right(self._starts, span[0])
        self._starts.insert(i, span[0])
        self._spans.insert(i, span)
        self._longest = max(self._longest, span[1] - span[0])

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span (a, b) has start < b and a < end (as a scan of all would say)."""
        i = bisect_left(self._starts, end)  # spans from i on start at or after `end`
        floor = start - self._longest  # a span starting at or before it ends by `start`
        while i > 0:
            i -= 1
            a, b = self._spans[i]
            if a <= floor:
                return False
            if b > start:
                return True
        return False

    def next_start(self, pos: int, default: int) -> int:
        """The least span start at or after `pos`, or `default` when none is."""
        i = bisect_left(self._starts, pos)
        return self._starts[i] if i < len(self._starts) else default

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._spans)

    def __len__(self) -> int:
        return len(self._spans)


@dataclass(frozen=True)
class _Locale:
    decimal: str
    group: str
    scales: dict[str, float]
    small: dict[str, float]
    units: dict[str, str]
    qualifiers: dict[str, str]
    range: tuple[str, ...]
    between: dict[str, tuple[str, ...]]
    number: re.Pattern[str]
    after: re.Pattern[str]  # scale word, then currency or percent word, after a number
    qualifier_before: re.Pattern[str]
    between_before: re.Pattern[str] | None
    months: dict[str, int]
    date: re.Pattern[str]  # "18 de junio de 2008", "29 februari", "1. März 2010"
    time_unit: re.Pattern[str]
    time_units: dict[str, str]
    number_next: re.Pattern[str]  # a range's second end: may be glued to a hyphen ("15-20%")
    vague: re.Pattern[str]
    vague_values: dict[str, tuple[float, float]]
    measure: re.Pattern[str]
    measures: dict[str, str]


def _alternatives(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


@cache
def locale(lang: str) -> _Locale | None:
    """The number words of `lang` (ISO 639-1), or None when it has none (English, unknown)."""
    if lang not in LOCALISED_LANGUAGES:
        return None
    entry: dict[str, Any] = json.loads(_LEXICON.read_text(encoding="utf-8"))[lang]
    group = re.escape(entry["group"]) if entry["group"] != " " else " "
    decimal = re.escape(entry["decimal"])
    # Grouped digits ("40.000", "1.500.000", "40 000"), or plain digits, then a decimal part.
    digits = rf"\d{{1,3}}(?:[{group}{_SPACES}]\d{{3}})+(?:{decimal}\d+)?|\d+(?:[{decimal}.]\d+)?"
    small = _alternatives(entry["small"])
    core = (
        rf"(?:(?P<cur>{_CURRENCY})\s?)?(?:(?P<digits>{digits})|(?P<small>{small})\b)"
        r"(?![\w/]|[.,]\d)"
    )
    number = re.compile(rf"(?<![\w.,/:-]){core}", re.I)
    scales, units = _alternatives(entry["scales"]), _alternatives(entry["units"])
    after = re.compile(
        rf"(?:\s(?P<scale>{scales})(?!\w))?"
        rf"(?:\s?(?:(?:de|di|van)\s)?(?P<sym>%|{_CURRENCY})|\s(?:(?:de|di|van|des)\s|d['\u2019])?(?P<unit>{units})(?!\w))?",
        re.I,
    )
    qualifier_before = re.compile(rf"(?<!\w)(?P<q>{_alternatives(entry['qualifiers'])})\s*$", re.I)
    between = {k: tuple(v) for k, v in entry["between"].items()}
    months = {name.lower(): i + 1 for i, name in enumerate(entry["months"])}
    date = re.compile(
        rf"(?<![\w.,/:-])(?P<d>\d{{1,2}})\.?\s+(?:de\s+)?(?P<m>{_alternatives(months)})(?!\w)"
        r"(?:,?\s+(?:de\s+|del\s+)?(?P<y>\d{4})(?!\d))?",
        re.I,
    )
    time_units = {k.lower(): v for k, v in entry["time_units"].items()}
    return _Locale(
        decimal=entry["decimal"],
        group=entry["group"],
        scales={k.lower(): float(v) for k, v in entry["scales"].items()},
        small={k.lower(): float(v) for k, v in entry["small"].items()},
        units={k.lower(): v for k, v in entry["units"].items()},
        qualifiers={k.lower(): v for k, v in entry["qualifiers"].items()},
        range=tuple(entry["range"]),
        between=between,
        number=number,
        after=after,
        qualifier_before=qualifier_before,
        between_before=re.compile(rf"(?<!\w)(?P<b>{_alternatives(between)})\s*$", re.I)
        if between
        else None,
        months=months,
        date=date,
        time_unit=re.compile(rf"\s+(?P<u>{_alternatives(time_units)})(?!\w)", re.I),
        time_units=time_units,
        number_next=re.compile(core, re.I),
        vague=re.compile(rf"(?<!\w)(?P<v>{_alternatives(entry['vague'])})(?!\w)", re.I),
        vague_values={k.lower(): (float(a), float(b)) for k, (a, b) in entry["vague"].items()},
        measure=re.compile(rf"\s?(?P<u>{_alternatives(entry['measures'])})(?!\w)", re.I),
        measures={k.lower(): v for k, v in entry["measures"].items()},
    )


def _digits_value(raw: str, loc: _Locale) -> float:
    """'40.000' -> 40000 and '20,1' -> 20.1 in a decimal-comma locale; '1,234.5' (English
    written inside a local text) -> 1234.5; a point before other than three digits ('2.5')
    is a decimal point in every locale."""
    raw = raw.replace(_SPACES[0], " ").replace(_SPACES[1], " ")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+\.\d+", raw):
        return float(raw.replace(",", ""))
    if loc.group == " ":
        raw = raw.replace(" ", "")
    elif loc.group in raw and re.fullmatch(
        rf"\d{{1,3}}(?:{re.escape(loc.group)}\d{{3}})+(?:{re.escape(loc.decimal)}\d+)?", raw
    ):
        raw = raw.replace(loc.group, "")
    return float(raw.replace(loc.decimal, "."))


@dataclass
class _Read:
    start: int
    end: int
    value: float
    unit: str
    scale: float  # 1e6 for "40 millones"; 1 when no scale word follows
    source: str  # digits | small


def _read(match: re.Match[str], text: str, loc: _Locale) -> _Read | None:
    """The value of one number match with its scale word and currency/percent after it."""
    if match.group("digits"):
        value, source = _digits_value(match.group("digits"), loc), "digits"
    else:
        value, source = loc.small[match.group("small").lower()], "small"
    unit = _CURRENCY_SYMBOLS[match.group("cur").lower()] if match.group("cur") else ""
    end = match.end()
    after = loc.after.match(text, end)
    scale = 1.0
    if after and after.group():
        if after.group("scale"):
            scale = loc.scales[after.group("scale").lower()]
            value *= scale
        sym, word = after.group("sym"), after.group("unit")
        unit = unit or ("%" if sym == "%" else _CURRENCY_SYMBOLS.get((sym or "").lower(), ""))
        unit = unit or (loc.units[word.lower()] if word else "")
        end = after.end()
    if source == "small" and value == 1.0 and scale == 1.0:
        return None  # "un", "una", "um": an article, not a count, unless "un millón"
    return _Read(match.start(), end, value, unit, scale, source)


_COUNTED = re.compile(rf"\s+(?P<w>{_WORD}(?:\s+{_WORD}){{0,2}})", re.I)
# Function words that end what is counted ("179 aviones en 2010": "aviones").
_FUNCTION_WORDS = frozenset(
    """de del di della delle dei degli van der des du la le les el los las il lo gli i a al ai
    en in op y e en und et o of and que che dat die per por para pour pro con met mit avec
    com da dal dalle su sur sul zu te ter het een ein eine un une uno una um uma""".split()
)


def find_numbers_localised(text: str, lang: str) -> list[Mention]:
    """Every count, sum of money, percentage and year in one sentence written in `lang`.

    Offsets index into `text`; mentions in order of position. Raises ValueError when `lang`
    is not one of `LOCALISED_LANGUAGES` (use clustering.extract.numbers.find_numbers).
    """
    loc = locale(lang)
    if loc is None:
        raise ValueError(
            f"lang should be one of {sorted(LOCALISED_LANGUAGES)}. Got {lang!r} instead."
        )
    out: list[Mention] = []
    dates: list[tuple[int, int]] = []
    for m in loc.date.finditer(text):
        day, month, year = int(m.group("d")), loc.months[m.group("m").lower()], m.group("y")
        if 1 <= day <= 31:
            # yyyymmdd with 0 for an unknown year, as clustering.extract.numbers writes dates.
            value = float(int(year or 0) * 10000 + month * 100 + day)
            out.append(Mention(m.start(), m.end(), value, None, "exact", "", "date", ""))
            dates.append(m.span())
    taken_until = -1
    # dates come from one finditer: sorted and apart, so the last one starting at or before
    # a number is the only one that can hold it (a look through all was quadratic)
    date_starts = [a for a, _ in dates]
    for match in loc.number.finditer(text):
        at = bisect_right(date_starts, match.start()) - 1
        if match.start() < taken_until or (at >= 0 and match.start() < dates[at][1]):
            continue  # the second end of a range already read, or a date's day or year
        first = _read(match, text, loc)
        if first is None:
            continue
        start, end, value, high, unit = first.start, first.end, first.value, None, first.unit
        before = text[max(0, start - 30) : start]
        qualifier = "exact"
        opened = loc.between_before.search(before) if loc.between_before else None
        joins = loc.between[opened.group("b").lower()] if opened else loc.range
        join = _join(joins).match(text, end)  # matched in place: a slice copied the rest
        second_match = loc.number_next.match(text, join.end()) if join else None
        second = _read(second_match, text, loc) if second_match else None
        if second is not None and first.source == "digits" == second.source:
            # "2-3 millones": the scale of the second end is the first's too.
            low = value if first.scale != 1.0 else value * second.scale
            if low < second.value:
                value, high, end, qualifier = low, second.value, second.end, "range"
                unit = unit or second.unit
                if opened:
                    start = start - len(before) + opened.start()
        if qualifier == "exact" and (q := loc.qualifier_before.search(before)):
            qualifier = loc.qualifiers[q.group("q").lower()]
            start = start - len(before) + q.start()
        raw = text[first.start : first.end]
        if unit == "%":
            kind = "percent"
        elif unit:
            kind = "money"
        elif re.fullmatch(r"\d{4}", raw) and 1800 <= value <= 2100 and high is None:
            kind = "year"
        elif high is not None and re.fullmatch(r"\d{4}", raw) and 1800 <= value <= 2100:
            kind = "year"  # "2010-2011", "2010-11"
        elif (period := loc.time_unit.match(text, end)) is not None:
            unit, kind, end = loc.time_units[period.group("u").lower()], "measure", period.end()
        elif (measure := loc.measure.match(text, end)) is not None:
            unit, kind, end = loc.measures[measure.group("u").lower()], "measure", measure.end()
        elif _is_label(text, first):
            kind = "other"  # "Boeing 787", "Airbus A330" (a name, not a quantity)
        else:
            kind = "count"
        counted = ""
        if kind in ("count", "money", "percent"):
            words = _COUNTED.match(text, end)
            kept: list[str] = []
            for i, word in enumerate(words.group("w").lower().split() if words else []):
                if i == 0 and word in ("de", "di", "van", "des", "du"):
                    continue  # "dos millones de personas", "20 miljoen van de kiezers"
                if word in _FUNCTION_WORDS:
                    break
                kept.append(word)
            counted = " ".join(kept)
        taken_until = end
        out.append(Mention(start, end, value, high, qualifier, unit, kind, counted))
    read = Spans([*dates, *((x.start, x.end) for x in out)])
    for m in loc.vague.finditer(text):
        # "miles de trabajadores": thousands, a count between 1,000 and 10,000 (not the
        # scale of a number before it: "10.000 millones de").
        if read.overlaps(m.start(), m.end()):
            continue
        low, high = loc.vague_values[" ".join(m.group("v").lower().split())]
        words = _COUNTED.match(text, m.end())
        counted = words.group("w").split()[0].lower() if words else ""
        out.append(Mention(m.start(), m.end(), low, high, "range", "", "count", counted))
    return sorted(out, key=lambda m: m.start)


def _is_label(text: str, read: _Read) -> bool:
    """Digits right after a capitalised word inside a sentence name something ("Boeing
    787", "Flug 370"), unless grouped or scaled; at a sentence's start the word is only
    capitalised because it starts the sentence."""
    if read.source != "digits" or read.scale != 1.0 or not text[read.start : read.end].isdigit():
        return False
    before = re.search(r"(\w+)\s$", text[max(0, read.start - 30) : read.start])
    if before is None or not before.group(1)[:1].isupper():
        return False
    # something other than blanks before the word, found without copying the text before it
    return _NOT_BLANK.search(text, 0, read.start - len(before.group())) is not None


_NOT_BLANK = re.compile(r"\S")  # what str.strip() keeps


@cache
def _join(joins: tuple[str, ...]) -> re.Pattern[str]:
    """The words joining a range's two ends ("a", "y", "-"), matched right after the first."""
    return re.compile(rf"\s*(?:{_alternatives(joins)})(?![^\W\d_])\s*", re.I)
