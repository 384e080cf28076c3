"""What tells look-alike events apart, read from each article's text with regular expressions.

Two reports of two different shootings are close in any sentence embedding: same words,
same shape. What differs is who, where and when: the names and places, the victims'
ages, the day the text says it happened. These features are cheap (regular expressions
over the title and the first `LEAD_CHARS` characters: 4,700 articles/s on neus_allsides,
10,000/s on the short synthetic reports, on the shared 2-core machine; a full spaCy
pass would cost about 0.3 s an article) and need no stored state: `add` rebuilds
them from the stored text, and the names use the corpus word statistics the sparse
TF-IDF features already keep (`term_df`).

- **names**: capitalised words that are not the first word of a sentence (or are part of
  a run of capitalised words), hashed into the same
  columns as the TF-IDF words so that `cluster.sparse_features` weights them by the
  corpus IDF. Rows are L2-normalised (an article with no name has a zero row).
- **places**: the "Town, Region" pairs a text gives ("Gary, Ind."). Two articles that
  both place their event and share no town (or no region) are about two places.
- **mentions**: every capitalised or upper-case word of the text and every US state it
  names anywhere, to check a place against: a report filed from the state capital
  that names the shooting's town only in passing, or a meteor seen "across Maine and New
  Hampshire", does not contradict a report placing it in "York, Maine" (`unmentioned`).
- **ages**: the ages a text gives ("a 34-year-old", "John Doe, 34,", "aged 34") as a
  128-bit mask (two uint64 per article). Two articles that both give ages and share none
  are about different people.
- **weekdays** named in the text (a 7-bit mask), for corpora without publication dates.
- **event day**: the day the text says the event happened: an explicit date ("March 3",
  "3 March 2021"), else the first weekday named in the lead counted back from the
  publication day, else "yesterday"/"today". NaN when the text says nothing dateable.
- **number claims**: the exact figures a lead states ("412,000", "$1.2 trillion", a vote of
  "50-49", "May 29") as tokens of what they count and of their value (`number_claims`),
  for corpora without publication dates: two leads that give different values for the
  same counted thing report two events (`number_conflicts`: two weekly jobless-claims
  reports, two monthly jobs reports).
- **later step**: whether the title and first sentence (`PLACE_CHARS`) report a later
  step of a story (an arrest, charges, a trial, a funeral) or point back to an earlier
  day ("last week", "weeks after"): a follow-up, whose event day is the step's, not the
  original event's (see `cluster.weighted_disagreements`).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from clustering.extract.numbers import find_numbers
from clustering.text import WEEKDAYS, days_before, split_sentences

#: Characters of the body read after the title: the lead is where reports say who,
#: where and when; the rest repeats it or drifts to background.
LEAD_CHARS = 700
#: Characters (title first) in which a "Town, State" pair places the event: the dateline
#: and the first sentence. Further on, places are background (a congressman "of
#: Bakersfield, Calif.", where a suspect once lived) and two reports of one event
#: differ there freely: read from all LEAD_CHARS, one such pair split a basil story
#: (0.998 -> 0.996) and the gorilla-zoo story of giveme5w1h (0.956 -> 0.952).
PLACE_CHARS = 300

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
#: Capitalised words that are not names: sentence furniture, days, months, titles.
_NOT_NAMES = (
    frozenset(
        "the a an and or but in on at of for to from by with as he she it they we i his her "
        "their its this that these those there here when where what who why how after before "
        "mr mrs ms dr sen rep gov pres st jr sr inc co corp ltd us u.s said says according "
        "police officers officials authorities sheriff county city state news report reports "
        "updated posted published photo video read more advertisement".split()
    )
    | frozenset(_MONTHS)
    | frozenset(WEEKDAYS)
)

_SENTENCE_END = re.compile(r"[.!?:;\"\n]\s*$")
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z'\-]*[a-z][A-Za-z'\-]*\b")
_AGE = re.compile(
    r"\b(\d{1,3})[- ](?:years?|yrs?)[- ]old\b"
    r"|\b(?:age|aged)\s+(\d{1,3})\b"
    # "John Doe, 34, of Gary" and, at the end of a sentence, "identified as John Doe, 34."
    r"|\b[A-Z][a-z]+,\s+(\d{1,2})(?:,|\.(?!\d))",
)
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_MD = re.compile(
    rf"\b({_MONTH_NAMES})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.IGNORECASE
)
_DATE_DM = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_NAMES})\b\.?(?:,?\s+(\d{{4}}))?", re.IGNORECASE
)
#: "Gary, Ind.", "TULSA, Okla.", "Leeds, West Yorkshire": a town and its region, the way
#: datelines and first sentences place an event.
_PLACE = re.compile(
    r"\b([A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+)?),\s+([A-Z][a-z]+\.?(?: [A-Z][a-z]+\.?)?)(?=[\s,.;:\-])"
)
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
_COUNT_WORDS = {
    w: i
    for i, w in enumerate(
        "no one two three four five six seven eight nine ten eleven twelve".split()
    )
} | {"no one": 0, "nobody": 0, "a": 1, "an": 1}
#: Longest first, so that "no one hurt" reads 0, not 1.
_COUNT = (
    r"(\d{1,3}|"
    + "|".join(sorted((w for w in _COUNT_WORDS if w not in ("a", "an")), key=len, reverse=True))
    + r")"
)
_DEAD = r"(?:killed|kills|dead|died)"
_HURT = r"(?:wounded|injured|hurt)"
#: "killed two and wounded three", "leaves one dead, two hurt", "killed two people and
#: injured four", "three people died": (count, what) in either order, people optional.
_CASUALTIES = re.compile(
    rf"\b{_COUNT}\s+(?:(?:people|persons?|others?|men|women|children)\s+)?(?:were\s+|was\s+)?"
    rf"({_DEAD}|{_HURT})\b"
    rf"|\b({_DEAD}|{_HURT})\s+{_COUNT}\b(?!\s*-?(?:year|yr|p\.m|a\.m|%|percent))",
    re.IGNORECASE,
)
#: US states by lower-cased name and AP abbreviation -> one token per state.
_STATES = {
    key: name.replace(" ", "_")
    for entry in (
        "alabama:ala|alaska|arizona:ariz|arkansas:ark|california:calif|colorado:colo|"
        "connecticut:conn|delaware:del|florida:fla|georgia:ga|hawaii|idaho|illinois:ill|"
        "indiana:ind|iowa|kansas:kan:kans|kentucky:ky|louisiana:la|maine|maryland:md|"
        "massachusetts:mass|michigan:mich|minnesota:minn|mississippi:miss|missouri:mo|"
        "montana:mont|nebraska:neb|nevada:nev|new hampshire|new jersey|new mexico|new york|"
        "north carolina|north dakota|ohio|oklahoma:okla|oregon:ore|pennsylvania:pa|"
        "rhode island|south carolina|south dakota|tennessee:tenn|texas:tex|utah|vermont:vt|"
        "virginia:va|washington:wash|west virginia|wisconsin:wis|wyoming:wyo"
    ).split("|")
    for name in entry.split(":")[:1]
    for key in entry.split(":")
}
#: Full state names as written in running text ("in Ohio", "southern New Hampshire").
_STATE_NAME = re.compile(
    r"\b("
    + "|".join(
        sorted(
            (k.title() for k, v in _STATES.items() if k.replace(" ", "_") == v),
            key=len,
            reverse=True,
        )
    )
    + r")\b"
)
#: "on Elm Street", "the 1200 block of W. Main St.": the street a report places its event on.
_STREET = re.compile(
    r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?) (?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|"
    r"Drive|Dr\.|Lane|Ln\.|Court|Ct\.|Parkway|Pkwy\.|Highway|Hwy\.)(?![A-Za-z])"
)
#: A town's police, fire or sheriff's department ("Millmont Police Department"): left out
#: of `people`, which are meant to tell who was involved. Not every "Department": the
#: "Justice Department" of political news is who acted.
_LOCAL_BODY = re.compile(r"\b(?:Police|Fire|Sheriff'?s?) (?:Department|Dept\.|Office)")
_WORD_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z'\-]+\b")
#: Words that many place names share: a match on them says nothing about the place.
_GENERIC_PLACE_WORDS = frozenset(
    "county township city town village new north south east west fort saint st lake "
    "beach park heights springs falls mount port san santa los las el la de".split()
)
#: What happened, for the kinds of incident local news reports one by one: a bit each.
#: Read from the title and first sentence, where a report says what happened; "fire"
#: alone is left out ("shots fired", "opened fire"), and so are missiles "shot down" and
#: "burning up"; a lead naming two kinds (a driver shot after a crash, a bomber who
#: crashed a truck) shares a bit with either.
_INCIDENT_KINDS = tuple(
    re.compile(rf"\b(?:{words})\b", re.IGNORECASE)
    for words in (
        r"(?:shot|shoot)(?! down)|shots|shoots|shooting|shootings|shotgun|gunfire|gunman|"
        r"gunmen|gunshot|gunshots",
        r"stabbed|stabbing|stabbings|knifed",
        r"house fire|blaze|firefighters|burning (?:house|home|building)|flames|fire swept",
        r"crash|crashed|crashes|collision|collided",
        r"drowned|drowns|drowning",
        r"explosions?|explosives?|exploded|blast|bombs?|bomber|bombing|bombings",
    )
)
_RELATIVE = re.compile(r"\b(yesterday|today|tonight|this morning)\b", re.IGNORECASE)
#: What a follow-up reports or how it points back: the later steps of a story (the law's,
#: the family's) and references to an earlier day. Read from gvc.jsonl's same-incident
#: pairs whose days disagree: "charged in the January shooting deaths", "pleaded guilty
#: in the 2013 fatal Key Club shooting", "died from his injuries Sunday", "indicted
#: Tuesday". Not "arrests" or "custody": first reports say "no arrests have been made".
_LATER_STEP = re.compile(
    r"\b(?:arrested|charged|charges|indicted|indictment|pleads?|pleaded|pled|sentenced|"
    r"sentencing|convicted|conviction|trial|hearing|court|judge|jury|funeral|vigil|memorial|"
    r"lawsuit|sues|sued|update|last (?:week|month|year)|earlier this (?:week|month|year)|"
    r"(?:days|weeks|months|years) (?:ago|after|later)|"
    r"died (?:of|from) (?:his|her|their) injuries|succumbed)\b",
    re.IGNORECASE,
)
_EPOCH = date(1970, 1, 1)


@dataclass(frozen=True)
class ArticleFacts:
    """Per-article facts, rows aligned with the texts they were read from.

    names: one string per article, the name tokens joined by spaces (to be
    hashed and IDF-weighted like any text). places: one string per article, "town_x"
    and "region_y" tokens of the "Town, Region" pairs in its first PLACE_CHARS
    characters. ages: uint64, shape (n, 2), bit k set when
    age k (< 128) is given. event_days: float64, shape (n,), days since the epoch or NaN.
    weekdays: uint8, shape (n,), bit d set when weekday d (Monday = 0) is named.
    casualties: int16, shape (n, 2): the numbers killed and injured the text gives
    first ("killed two and wounded three"), -1 where it gives none.
    mentions, streets, people: one string of tokens per article, as commented below.
    later_step: bool, shape (n,), as commented below.
    """

    names: list[str]
    places: list[str]
    ages: NDArray[np.uint64]
    event_days: NDArray[np.float64]
    weekdays: NDArray[np.uint8]
    casualties: NDArray[np.int16]
    #: One string per article: "w_<word>" for each capitalised or upper-case word and
    #: "region_<state>" for each US state the text names (see `unmentioned`).
    mentions: list[str]
    #: One string per article: "w_<word>" tokens of the streets it names (`_streets`).
    streets: list[str]
    #: `names` without the words of the places the text gives ("Town, State" pairs and
    #: states): what is left names people (and organisations). Two reports from one
    #: town share its name whoever the victims are.
    people: list[str]
    #: bool, shape (n,): the title or first sentence reports a later step or points back
    #: to an earlier day (`_LATER_STEP`): a follow-up.
    later_step: NDArray[np.bool_]
    #: bool, shape (n,): the text names each town of its `places` more than once: a report
    #: from the scene names its town in the lead too ("EASTBURG, Ohio - A fire in
    #: Eastburg"), where a dateline from the nearest city or a page's masthead ("KXLF.com |
    #: Butte, Montana") names a town once and the scene elsewhere.
    towns_repeated: NDArray[np.bool_]
    #: uint8, shape (n,): bit k set when the title or first sentence names incident kind k
    #: (`_INCIDENT_KINDS`: a shooting, a stabbing, a fire, a crash, a drowning).
    kinds: NDArray[np.uint8]
    #: float64, shape (n,): the event day read from the title and first sentence alone
    #: (`PLACE_CHARS`), NaN where they date nothing: the day of the lead's own event,
    #: not of a step named further on.
    lead_days: NDArray[np.float64]


def _names(text: str) -> list[str]:
    """Lower-cased capitalised words that are names (not a sentence's first word unless
    the next word is capitalised too, and not in _NOT_NAMES)."""
    out = []
    matches = list(_CAPITALISED.finditer(text))
    for k, match in enumerate(matches):
        word = match.group(0).lower().strip("'-")
        if word in _NOT_NAMES or len(word) < 2:
            continue
        start = match.start()
        sentence_start = start == 0 or bool(_SENTENCE_END.search(text[max(0, start - 3) : start]))
        if sentence_start:
            following = matches[k + 1] if k + 1 < len(matches) else None
            joined = following is not None and text[match.end() : following.start()] == " "
            if not joined:
                continue
        out.append(word)
    return out


def _places(text: str) -> list[str]:
    """ "town_x region_y" tokens of the "Town, Region" pairs whose region is a US state
    (name or AP abbreviation, one token per state). Any capitalised pair would do as
    well on tidy datelines, but on real reports most such pairs are lists of people
    ("Cedric Poore, James Poore") or furniture ("News, Weather"): on gvc.jsonl 10% of
    same-incident pairs then "disagreed" on place, as many as of different incidents."""
    out = []
    for match in _PLACE.finditer(text):
        town = match.group(1).lower()
        written = match.group(2).lower()
        # "York, Maine. Cape ...": the region is the first word when the two are no state.
        region = _STATES.get(written.rstrip(".")) or _STATES.get(written.split(".")[0])
        # "Maine, New Hampshire, Vermont": a list of states, not a town in one.
        if region is None or town in _NOT_NAMES or town in _STATES:
            continue
        out += ["town_" + town.replace(" ", "_"), "region_" + region]
    return out


def _mentions(text: str, places: list[str], states: list[str]) -> list[str]:
    """ "w_<word>" for every capitalised or upper-case word of `text` (datelines are in
    capitals: "GARY, Ind.") and "region_<state>" for every US state it names: in full
    (`states`, as _STATE_NAME finds them) or in a "Town, State" pair (`places`)."""
    words = {"w_" + w for w in map(str.lower, _WORD_CAPITALISED.findall(text))}
    regions = {"region_" + _STATES[m.lower()] for m in states}
    regions |= {t for t in places if t.startswith("region_")}
    return sorted((words - {"w_" + w for w in _NOT_NAMES}) | regions)


def _streets(text: str) -> list[str]:
    """ "w_<word>" tokens of the names of the streets `text` gives ("Elm Street",
    "Main St." -> "w_elm", "w_main"; the kind of road is left out: reports of one event
    write "St." and "Street" alike)."""
    return sorted(
        {
            "w_" + w
            for m in _STREET.finditer(text)
            for w in m.group(1).lower().split()
            if w not in _NOT_NAMES and w not in _GENERIC_PLACE_WORDS
        }
    )


def _towns_repeated(places: str, text: str) -> bool:
    """Whether `text` names every town of `places` (an `ArticleFacts.places` string, at
    least one town) twice or more."""
    towns = [t[len("town_") :].replace("_", " ") for t in places.split() if t[0] == "t"]
    return bool(towns) and all(
        len(re.findall(rf"\b{re.escape(town)}\b", text, re.IGNORECASE)) >= 2 for town in towns
    )


def town_words(places: str) -> str:
    """The "w_<word>" tokens of the towns in `places` (a `ArticleFacts.places` string),
    without the words many place names share ("county", "new", "north"): "town_cape_canaveral"
    -> "w_cape w_canaveral", to be looked up in the other article's `mentions`."""
    words = {
        "w_" + word
        for token in places.split()
        if token.startswith("town_")
        for word in token[len("town_") :].split("_")
        if word not in _GENERIC_PLACE_WORDS
    }
    return " ".join(sorted(words))


def _ages(text: str) -> list[int]:
    ages = []
    for match in _AGE.finditer(text):
        value = int(next(g for g in match.groups() if g is not None))
        if 0 < value < 128:
            ages.append(value)
    return ages


def _casualties(text: str) -> tuple[int, int]:
    """(killed, injured) the text gives first, -1 where it gives none."""
    found = [-1, -1]
    for match in _CASUALTIES.finditer(text):
        number, word = (
            (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        )
        value = int(number) if number.isdigit() else _COUNT_WORDS[" ".join(number.lower().split())]
        slot = 0 if re.fullmatch(_DEAD, word, re.IGNORECASE) else 1
        if found[slot] < 0:
            found[slot] = value
    return found[0], found[1]


def _day(year: int, month: int, day: int) -> float | None:
    try:
        return float((date(year, month, day) - _EPOCH).days)
    except ValueError:
        return None


def _event_day(text: str, published: float) -> float:
    """The day `text` says its event happened (see the module docstring), or NaN."""
    known = not np.isnan(published)
    pub = (
        datetime.fromtimestamp(published * 86400.0, tz=UTC).date() if known else None
    )  # the publication date, to complete dates without a year
    found: list[tuple[int, float]] = []
    for pattern, month_group, day_group in ((_DATE_MD, 1, 2), (_DATE_DM, 2, 1)):
        for match in pattern.finditer(text):
            month = _MONTHS[match.group(month_group).lower()]
            day_of_month = int(match.group(day_group))
            year = int(match.group(3)) if match.group(3) else (pub.year if pub else None)
            if year is None:
                continue
            value = _day(year, month, day_of_month)
            if value is None:
                continue
            if pub is not None and not match.group(3) and value > published + 2:
                value = _day(year - 1, month, day_of_month) or value  # "Dec. 30" read in January
            found.append((match.start(), value))
    if found:
        return min(found)[1]
    if not known:
        return float("nan")
    named = _WEEKDAY.search(text) or _RELATIVE.search(text)
    if named:
        assert pub is not None
        return float(np.floor(published)) - days_before(pub.weekday(), named.group(1))
    return float("nan")


def weekday_bits(text: str) -> int:
    """Bit d set for each weekday d (Monday = 0) that `text` names."""
    bits = 0
    for day in _WEEKDAY.findall(text):
        bits |= 1 << WEEKDAYS.index(day.lower())
    return bits


def article_facts(texts: Sequence[str], published: NDArray[np.float64]) -> ArticleFacts:
    """`ArticleFacts` of each text (title, then lead: see `fact_texts`); `published` are
    days since the epoch (NaN when unknown), aligned with `texts`."""
    n = len(texts)
    names: list[str] = []
    places: list[str] = []
    ages = np.zeros((n, 2), dtype=np.uint64)
    event_days = np.full(n, np.nan)
    weekdays = np.zeros(n, dtype=np.uint8)
    casualties = np.full((n, 2), -1, dtype=np.int16)
    mentions: list[str] = []
    streets: list[str] = []
    people: list[str] = []
    later_step = np.zeros(n, dtype=bool)
    lead_days = np.full(n, np.nan)
    towns_repeated = np.zeros(n, dtype=bool)
    kinds = np.zeros(n, dtype=np.uint8)
    for i, text in enumerate(texts):
        every_place, states = _places(text), _STATE_NAME.findall(text)
        mentions.append(" ".join(_mentions(text, every_place, states)))
        streets.append(" ".join(_streets(text)))
        casualties[i] = _casualties(text)
        weekdays[i] = weekday_bits(text)
        found_ages = _ages(text)
        for age in found_ages:
            ages[i, age // 64] |= np.uint64(1) << np.uint64(age % 64)
        # Ages stay out of the names: two victims of one age in two towns share no name,
        # which is what tells them apart (the age mask says when ages disagree).
        found = _names(text)
        names.append(" ".join(found))
        where = {w for t in every_place for w in t.split("_", 1)[1].split("_")}
        where |= {w for m in states for w in m.lower().split()}
        # Streets are places too ("Pine Street" and "Pine Boulevard" are the street cue's
        # to weigh), and a town's "Police Department" names no one once the town is left
        # out: two reports of two shootings in one town shared "pine" and "department".
        where |= {w for m in _STREET.finditer(text) for w in m.group(0).lower().split()}
        where |= {w for m in _LOCAL_BODY.finditer(text) for w in m.group(0).lower().split()}
        people.append(" ".join(w for w in found if w not in where))
        places.append(" ".join(_places(text[:PLACE_CHARS])))
        towns_repeated[i] = _towns_repeated(places[-1], text[:PLACE_CHARS])
        later_step[i] = _LATER_STEP.search(text[:PLACE_CHARS]) is not None
        kinds[i] = sum(
            1 << k for k, kind in enumerate(_INCIDENT_KINDS) if kind.search(text[:PLACE_CHARS])
        )
        lead_days[i] = _event_day(text[:PLACE_CHARS], published[i])
        event_days[i] = _event_day(text, published[i])
    return ArticleFacts(
        names,
        places,
        ages,
        event_days,
        weekdays,
        casualties,
        mentions,
        streets,
        people,
        later_step,
        towns_repeated,
        kinds,
        lead_days,
    )


#: `find_numbers` kinds whose exact figure tells one report of a counted thing from
#: another. Ages are the age cue's (`age_conflicts`); years, times and ordinals name
#: background ("since 2008", "the first time") as often as the event.
_CLAIM_KINDS = frozenset({"count", "money", "percent", "measure"})
#: Counts up to this are left out: "two senators", "three people" are in every story.
_CLAIM_MIN_COUNT = 3
#: Words of a counted phrase that make a figure a casualty count: the casualty cue's
#: (`_casualties`, weighed by the cannot-links), and a toll rises as a story goes on
#: ("84 killed", then "the death toll rose to 85").
_CASUALTY_WORDS = frozenset(
    "killed dead died death deaths toll injured wounded hurt victim victims".split()
)
#: Significant digits a figure is compared at, at most ("1,234,567" as "1.23 million").
_CLAIM_DIGITS = 3
#: A vote's tally ("50-49", "220-212"): the larger side first, neither over this.
_TALLY_MAX = 600
_DIGIT = re.compile(r"\d")


def _significant_digits(value: float) -> int:
    """Significant digits of `value` as written, at most _CLAIM_DIGITS: 412,000 -> 3,
    1.2 trillion -> 2, 1 trillion -> 1."""
    mantissa = f"{abs(value):.{_CLAIM_DIGITS}e}".split("e")[0].replace(".", "").rstrip("0")
    return max(1, min(len(mantissa), _CLAIM_DIGITS))


@dataclass(frozen=True)
class NumberClaims:
    """The exact figures each text states, as binary rows (n, vocabulary) of tokens over
    one vocabulary (`token_matrices`), rows aligned with the texts.

    slots: what a figure counts, "<kind>:<unit>:<word>" per word of its counted phrase
    ("count::claim"), and "date", "tally" for a month-day and a vote. bare_sizes: the
    order of magnitude ("<kind>:<unit>~<log2 bucket>", the bucket and the next) of the
    figures with no counted phrase; sizes: the same of the figures with one. Two figures
    are about the same thing when they share a slot, or an order of magnitude where one
    of them counts nothing named ("claims fell to 385,000" beside "412,000 claims").
    exact: "<kind>:<unit>=<value>@<digits>", the value at its own significant digits;
    rounded: the value at each precision up to those digits. Two figures agree when one's
    exact token is among the other's rounded ones ("$1.2 trillion" and "$1 trillion").
    """

    slots: sp.csr_matrix
    bare_sizes: sp.csr_matrix
    sizes: sp.csr_matrix
    exact: sp.csr_matrix
    rounded: sp.csr_matrix

    def rows(self, index: NDArray[np.int64]) -> NumberClaims:
        """The claims of the texts `index` (int64), in that order."""
        return NumberClaims(
            self.slots[index],
            self.bare_sizes[index],
            self.sizes[index],
            self.exact[index],
            self.rounded[index],
        )


def _claim_tokens(text: str) -> tuple[list[str], ...]:
    """(slots, bare_sizes, sizes, exact, rounded) tokens of one text (`NumberClaims`).
    Only exact figures are read: "more than 1,000 flights" and "nearly $1 trillion"
    state a bound, which agrees with many figures."""
    slots: list[str] = []
    bare: list[str] = []
    sizes: list[str] = []
    exact: list[str] = []
    rounded: list[str] = []
    for sentence in split_sentences(text):
        if not _DIGIT.search(sentence.text):
            continue
        for m in find_numbers(sentence.text):
            if m.kind == "date":
                # A month and a day (529 = May 29); a month alone or with a year is not
                # one day of one event.
                if m.unit != "calendar-month" and m.value < 1300 and m.value % 100:
                    token = f"date={m.value:g}"
                    slots.append("date")
                    exact.append(token)
                    rounded.append(token)
                continue
            if m.kind == "other":
                high = m.value_high
                if high is not None and high <= m.value <= _TALLY_MAX and m.value + high >= 3:
                    token = f"tally={m.value:g}-{high:g}"
                    slots.append("tally")
                    exact.append(token)
                    rounded.append(token)
                continue
            if (
                m.kind not in _CLAIM_KINDS
                or m.qualifier != "exact"
                or m.value_high is not None
                or m.value <= 0
                or (m.kind == "count" and m.value <= _CLAIM_MIN_COUNT)
            ):
                continue
            key = f"{m.kind}:{m.unit}"
            counted = m.counted.split()
            if _CASUALTY_WORDS.intersection(counted):
                continue
            slots += [f"{key}:{word}" for word in counted]
            bucket = int(np.floor(np.log2(m.value)))
            (sizes if counted else bare).extend((f"{key}~{bucket}", f"{key}~{bucket + 1}"))
            digits = _significant_digits(m.value)
            for precision in range(1, digits + 1):
                rounded.append(f"{key}={float(f'{m.value:.{precision}g}'):g}@{precision}")
            exact.append(rounded[-1])
    return slots, bare, sizes, exact, rounded


def number_claims(texts: Sequence[str]) -> NumberClaims:
    """`NumberClaims` of each text (title and lead: `articles.fact_texts`). Texts
    without a digit state no exact figure worth comparing and are not read: the counts
    written in words are small ("two senators") and left out anyway."""
    columns: tuple[list[str], ...] = ([], [], [], [], [])
    for text in texts:
        tokens = _claim_tokens(text) if _DIGIT.search(text) else ([], [], [], [], [])
        for column, found in zip(columns, tokens, strict=True):
            column.append(" ".join(found))
    return NumberClaims(*token_matrices(*columns))


def number_conflicts(claims: NumberClaims) -> NDArray[np.bool_]:
    """(n, n) bool: two texts state figures of one counted thing (a shared slot, or one
    order of magnitude where one counts nothing named: `NumberClaims`) and no figure of
    one kind and unit agrees: two jobless-claims reports (412,000 against 385,000), two
    jobs reports (194,000 against 943,000 jobs), two votes (50-49 against 51-50)."""
    slots, bare, sizes = claims.slots, claims.bare_sizes, claims.sizes
    exact, rounded = claims.exact, claims.rounded
    comparable = slots @ slots.T + bare @ bare.T + bare @ sizes.T + sizes @ bare.T
    agree = exact @ rounded.T
    agree = agree + agree.T
    return (comparable.toarray() > 0) & ~(agree.toarray() > 0)


def place_matrix(places: Sequence[str]) -> sp.csr_matrix:
    """Binary rows of hashed place tokens, shape (n, 2**16)."""
    rows, cols = [], []
    for i, text in enumerate(places):
        for token in set(text.split()):
            rows.append(i)
            cols.append(zlib.crc32(token.encode()) % 2**16)
    data = np.ones(len(rows), dtype=np.float32)
    return sp.csr_matrix((data, (rows, cols)), shape=(len(places), 2**16))


def token_matrices(*columns: Sequence[str]) -> list[sp.csr_matrix]:
    """Binary rows of the space-separated tokens of each of `columns` (each a sequence of
    n strings), shape (n, vocabulary), over one vocabulary shared by all of them: what
    `unmentioned` multiplies. Exact, not hashed: a town is looked up among every
    capitalised word of a text, and a hash collision there ("region_illinois" and "w_the"
    share a column of 2**16) hides a conflict."""
    vocabulary: dict[str, int] = {}
    parts = []
    for texts in columns:
        rows, cols = [], []
        for i, text in enumerate(texts):
            for token in set(text.split()):
                rows.append(i)
                cols.append(vocabulary.setdefault(token, len(vocabulary)))
        parts.append((rows, cols, len(texts)))
    width = max(len(vocabulary), 1)
    return [
        sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(n, width))
        for rows, cols, n in parts
    ]


def place_conflicts(towns: sp.csr_matrix, regions: sp.csr_matrix) -> NDArray[np.bool_]:
    """(n, n) bool: both give a town (or both a region) and they share none: "Eastton,
    Maine" and "Eastton, Texas" are two places, and so are "Gary, Ind." and "Tulsa, Okla."."""
    return disjoint(towns) | disjoint(regions)


def unmentioned(places: sp.csr_matrix, mentions: sp.csr_matrix) -> NDArray[np.bool_]:
    """(n, n) bool: both articles give places (binary rows of "w_<word>" or
    "region_<state>" tokens) and neither text mentions any of the other's (`mentions`:
    binary rows of `ArticleFacts.mentions`; one vocabulary: `token_matrices`). Stricter evidence than `disjoint`: on gvc.jsonl the same-incident
    pairs that "disagree" on the town are mostly a dateline from the state capital or a
    neighbouring town beside a report from the scene, and the one names the other's town
    in its text; two reports of two events do not."""
    has = np.asarray(places.getnnz(axis=1) > 0)
    out = np.zeros((len(has),) * 2, dtype=bool)
    rows = np.flatnonzero(has)  # only the articles that place their event: (k, k)
    if len(rows):
        named = (places[rows] @ mentions[rows].T).toarray() > 0
        out[np.ix_(rows, rows)] = ~named & ~named.T
    return out


def disjoint(matrix: sp.csr_matrix) -> NDArray[np.bool_]:
    """(n, n) bool: both rows of `matrix` (binary, see `place_matrix`) have a token and
    they share none."""
    has = np.asarray(matrix.getnnz(axis=1) > 0)
    shared = (matrix @ matrix.T).toarray() > 0
    return has[:, None] & has[None, :] & ~shared


def kind_conflicts(kinds: NDArray[np.uint8]) -> NDArray[np.bool_]:
    """(n, n) bool: both leads say what kind of incident happened and no kind is shared:
    a crash and a shooting in one town on one day are two events."""
    has = kinds != 0
    return has[:, None] & has[None, :] & ((kinds[:, None] & kinds[None, :]) == 0)


def age_conflicts(ages: NDArray[np.uint64]) -> NDArray[np.bool_]:
    """(n, n) bool: both articles give ages and share none."""
    has = (ages != 0).any(axis=1)
    out = has[:, None] & has[None, :]
    rows = np.flatnonzero(has)  # only the few articles that give ages: (k, k), not (n, n, 2)
    sub = ages[rows]
    shared = np.zeros((len(rows), len(rows)), dtype=bool)
    for word in range(sub.shape[1]):
        shared |= (sub[:, None, word] & sub[None, :, word]) != 0
    out[np.ix_(rows, rows)] &= ~shared
    return out


def weekday_conflicts(weekdays: NDArray[np.uint8]) -> NDArray[np.bool_]:
    """(n, n) bool: both texts name weekdays and none in common. Without publication
    dates this is what is left of time: the outlets covering one development write the
    same "on Tuesday" (6% of same-story pairs of undated neus_allsides conflict, 42% of
    the look-alike pairs of different stories)."""
    has = weekdays != 0
    return has[:, None] & has[None, :] & ((weekdays[:, None] & weekdays[None, :]) == 0)


def casualty_conflicts(casualties: NDArray[np.int16]) -> NDArray[np.bool_]:
    """(n, n) bool: both texts give the number killed (or both the number injured) and
    the numbers differ. Tolls rise as victims die, so this is one cue among several."""
    out = np.zeros((len(casualties),) * 2, dtype=bool)
    for column in casualties.T:
        known = column >= 0
        out |= known[:, None] & known[None, :] & (column[:, None] != column[None, :])
    return out


def day_conflicts(event_days: NDArray[np.float64], tolerance: float) -> NDArray[np.bool_]:
    """(n, n) bool: both texts date their event and the days are more than `tolerance`
    apart."""
    n = len(event_days)
    # A pair with an unknown day is a gap of 0 (not a conflict for tolerance >= 0): only
    # the rows that date their event are compared, a (k, k) product, not (n, n) (a block
    # of 3k re-clustered articles: 70 MB of float64 a pass).
    known = np.flatnonzero(~np.isnan(event_days))
    if len(known) == n or not tolerance >= 0.0:
        gap = np.abs(event_days[:, None] - event_days[None, :])
        with np.errstate(invalid="ignore"):
            return np.nan_to_num(gap, nan=0.0) > tolerance
    out = np.zeros((n, n), dtype=bool)
    if len(known):
        out[np.ix_(known, known)] = day_conflicts(event_days[known], tolerance)
    return out


__all__ = [
    "LEAD_CHARS",
    "ArticleFacts",
    "NumberClaims",
    "age_conflicts",
    "article_facts",
    "casualty_conflicts",
    "day_conflicts",
    "disjoint",
    "kind_conflicts",
    "number_claims",
    "number_conflicts",
    "place_conflicts",
    "place_matrix",
    "token_matrices",
    "town_words",
    "unmentioned",
    "weekday_conflicts",
]
