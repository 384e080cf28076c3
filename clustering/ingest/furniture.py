"""Article or page furniture, line by line: the cleaning of pasted pages and crawler bodies.

A page pasted from a browser (select all, copy) holds the article among menus, cookie
banners, share buttons, comment counts, related-story lists and footers; a crawler's body
can start with a newsletter prompt or an image credit and end with a gallery caption.
Every site words these its own way, so the decision is not a list of site strings but a
small model over features that hold across sites (`line_features`): a line's length and
sentence shape, its punctuation and capitals, how menu- or link-like it is, where it
stands in the page and in the page's mass of prose, whether it repeats, and the same
cues for its neighbourhood (including the marks of comment threads and teaser lists:
"name says:" lines, date stamps, cut-off "..." lines). The model is gradient-boosted
trees (scikit-learn's histogram boosting) in two stages (stacking): the second sees the
first one's verdicts on the lines around (a doubted prose line inside the article, a
comment thread after it), where the line stands relative to the page's main span of
likely article text (`main_span`), and how many of its words the likely article lines
share (`_core_overlap`: teasers of other stories share few). It is trained offline on the dev
pages of the extraction benchmark (labels from aligning each pasted line with the true
body) by `python -m benchmarks.pages --train` (seeded), and shipped as
`furniture_model.json`: feature names, thresholds and leaf values only, no page text.
Only numpy is needed to apply it. Around its verdicts two generic steps: media captions,
widget and promo labels are dropped (`is_inline_furniture`), and the article ends at a
comment section's, author box's or tag list's header below it (`end_of_article`), where
a long thread of prose comments would otherwise outweigh a short article.

`no_article_reason(title, lead, body, outlet, url)` says why a page holds no article of
its own (a site's search, tag or home page; a crawl that kept only the site's name,
description and footer), from its address, its title's words, its lead and its body.

`parse_page(text)` -> headline, byline, date, body and the removed lines of a pasted
page. `clean_body(body, title)` drops furniture at the ends of an already extracted body
(news-please, HTML) and standalone furniture paragraphs (captions, "Advertisement",
gallery counters) inside it: a body is all prose, so there generic patterns of a few
kinds of furniture decide, not the page model (its cues of position do not hold there).
"""

from __future__ import annotations

import json
import math
import re
import warnings
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import numpy as np
from numpy.typing import NDArray

from clustering.ingest.normalise import parse_date
from clustering.text import fold_case

MODEL_FILE = "furniture_model.json"

_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…:。！？][\"'”’)\]」』]*$")
_SENTENCE_MARK = re.compile(r"[.!?…][\"'”’)\]]*(\s|$)|[。！？]")
# Scripts written without spaces: a character there is about a word's worth of text.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
_SEPARATORS = re.compile(r"[|•»›·/]|\s[-–—]\s")
_URLISH = re.compile(r"https?://|www\.|\.com\b|@\w", re.IGNORECASE)
_COUNT_ONLY = re.compile(r"^[\W\d]*\d[\W\d]*$")
_COPYRIGHT = re.compile(r"©|\(c\)|copyright|all rights reserved", re.IGNORECASE)
_BYLINE = re.compile(r"^(by|von|por|par|door|di)\s+\S", re.IGNORECASE)
# "32M ago", "2 hours ago", "vor 3 Stunden": the age stamp of a teaser in a story list.
_RELATIVE_TIME = re.compile(
    r"\b\d+\s*(s|m|h|d|w|mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?)\s+ago\b|"
    r"^(vor|hace|il y a|há)\s+\d+",
    re.IGNORECASE,
)
# Where an article's page goes on after it: the header of a comment section ("34 responses
# to ...", "Comments (48)", "Leave a Reply", "Join the discussion") and of an author box
# ("About the author"). A line below one, with much of the page's prose above it, is a
# comment or a biography however sentence-like it is (`end_of_article`).
_COMMENT_HEADER = re.compile(
    r"^\d[\d,.]*\s*(comments?|responses?|replies|reactions|thoughts? on|kommentare?|comentarios?|"
    r"commentaires?|commenti|reacties)\b|"
    r"^(comments?|responses?|replies|kommentare?|comentarios?|commentaires?|commenti|"
    r"reacties|discussion)\s*[(:\[]?\s*\d*\s*[)\]]?$|"
    r"^(leave|post|add|write|submit) (a|your) (comment|reply|response)\b|"
    r"^(join|start) the (discussion|conversation)\b|"
    r"^(show|view|load|read|see) (all |more |the )?(\d+ )?(comments|replies|responses)\b|"
    r"^(what do you think|have your say|conversation)\b",
    re.IGNORECASE,
)
_ABOUT_HEADER = re.compile(
    r"^(about (the )?(authors?|writers?|me|us)|the authors?|authors?|written by|"
    r"(über|zum) (den|die) autor(in)?|sobre (el|la|o|a) autora?|à propos de l'auteur|"
    r"l'auteur|author bio(graphy)?|about)\W*$",
    re.IGNORECASE,
)
# Furniture words of any page, as a weak cue beside the shape features (the model weighs
# it; on its own it decides nothing): sharing, sign-up, comments, navigation, credits.
_CHROME = re.compile(
    r"\b(share|tweet|facebook|twitter|whatsapp|linkedin|pinterest|reddit|email|e-mail|print|"
    r"comments?|reply|subscribe|subscription|newsletter|sign (in|up)|log ?in|register|"
    r"cookies?|privacy|terms|advertisement|advertising|sponsored|related|recommended|"
    r"popular|trending|read more|more from|follow us|copyright|menu|search|home|skip to|"
    r"photo|image|picture|getty|reuters|afp|credit|caption|gallery|video|watch|listen|"
    r"playback|click|download|app|tags?|topics?|category|categories|posted|updated)\b",
    re.IGNORECASE,
)
_STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been
    it its this that these those he she they we you i his her their our not no has have had
    will would can could said says who which what when where than then there also after
    over about into more most some such only other de la le les des et en un une el los
    las y que del der die das und ein eine den zu ist il di che per""".split()
)
# A line of prose: long enough, and it ends like a sentence.
_PROSE_WORDS = 12
# Windows (lines either side) over which the neighbourhood is described, and what is
# averaged there: besides prose and chrome, the marks of a comment thread ("name says:",
# a date line after each) and of a story list (teasers cut with "...", "2H ago" stamps),
# whose lines can look like prose one by one.
_WINDOWS = (2, 6)
_WINDOWED = (
    "words",
    "prose",
    "chrome",
    "ends",
    "stamp",
    "last_word_repeats",
    "first_word_repeats",
    "ends_ellipsis",
    "ends_colon",
    "byline",
)

FEATURES = (
    "log_words",
    "log_chars",
    "ends_sentence",
    "sentences_per_word",
    "capitalised_share",
    "upper_share",
    "digit_share",
    "punct_share",
    "comma_per_word",
    "stopword_share",
    "mean_word_len",
    "separators",
    "urlish",
    "count_only",
    "copyright",
    "byline",
    "chrome_words",
    "is_date",
    "starts_lower",
    "quote_start",
    "ends_ellipsis",
    "ends_colon",
    "relative_time",
    "blank_before",
    "blank_after",
    "position",
    "repeats",
    "first_word_repeats",
    "last_word_repeats",
    "relative_length",
    "is_prose",
    "mass_before",
    "mass_after",
    "lines_to_prose",
    "prev_words",
    "prev_prose",
    "next_words",
    "next_prose",
    *(f"win{w}_{name}" for w in _WINDOWS for name in _WINDOWED),
)


def _split_lines(text: str) -> tuple[list[str], list[bool], list[bool]]:
    """Non-blank lines (stripped) with, for each, whether a blank line is before / after."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines: list[str] = []
    before: list[bool] = []
    blank = True
    for line in raw:
        stripped = line.strip()
        if not stripped:
            blank = True
            continue
        lines.append(stripped)
        before.append(blank)
        blank = False
    after = [*before[1:], True]
    return lines, before, after


_BARE_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _is_date(line: str) -> bool:
    if len(line) > 60 or not re.search(r"\d", line):
        return False
    # The shipped model learnt this feature when parse_date read any small number as a
    # moment of 1970 (a count line "45" was a stamp to it); parse_date now refuses such a
    # number, and the feature keeps its old value so the model's verdicts do not move.
    if _BARE_NUMBER.fullmatch(line) and abs(float(line)) < 1e5:
        return True
    with warnings.catch_warnings():  # "tzname ET identified but not understood"
        warnings.simplefilter("ignore")
        try:
            return parse_date(line) is not None
        except (ValueError, OverflowError):
            return False


def _n_words(line: str) -> int:
    """Words of a line; in Chinese, Japanese, Korean or Thai, characters count (by 2)."""
    return len(line.split()) + len(_UNSPACED.findall(line)) // 2


def _own_features(line: str) -> list[float]:
    words = line.split()
    tokens = _WORD.findall(line)
    letters = [c for c in line if c.isalpha()]
    n_letters = max(len(letters), 1)
    n_chars = max(len(line), 1)
    alpha_words = [w for w in words if w[:1].isalpha()]
    n_words = max(_n_words(line), 1)
    return [
        math.log1p(n_words),
        math.log1p(len(line)),
        float(bool(_SENTENCE_END.search(line))),
        len(_SENTENCE_MARK.findall(line)) / n_words,
        sum(w[0].isupper() for w in alpha_words) / max(len(alpha_words), 1),
        sum(c.isupper() for c in letters) / n_letters,
        sum(c.isdigit() for c in line) / n_chars,
        sum(not c.isalnum() and not c.isspace() for c in line) / n_chars,
        line.count(",") / n_words,
        sum(t.lower() in _STOPWORDS for t in tokens) / max(len(tokens), 1),
        sum(len(t) for t in tokens) / max(len(tokens), 1),
        float(len(_SEPARATORS.findall(line))),
        float(bool(_URLISH.search(line))),
        float(bool(_COUNT_ONLY.match(line))),
        float(bool(_COPYRIGHT.search(line))),
        float(bool(_BYLINE.match(line)) and len(words) <= 8),
        len(_CHROME.findall(line)) / n_words,
        float(_is_date(line)),
        float(line[:1].islower()),
        float(line[:1] in "\"“'‘«„"),
        float(line.endswith(("...", "…"))),
        float(line.endswith(":")),
        float(bool(_RELATIVE_TIME.search(line)) and len(words) <= 12),
    ]


def _is_prose(line: str) -> bool:
    return _n_words(line) >= _PROSE_WORDS and bool(_SENTENCE_END.search(line))


def line_features(text: str) -> tuple[list[str], NDArray[np.float64]]:
    """(non-blank lines of `text`, stripped; float array, shape (n_lines, len(FEATURES))).

    Every feature holds across sites: nothing names a site. The page's prose mass is
    the characters of its prose lines (12+ words ending like a sentence); `mass_before`
    is the share of it above a line, so a page's header and footer stand out wherever
    the article sits in the page.
    """
    lines, before, after = _split_lines(text)
    n = len(lines)
    if n == 0:
        return lines, np.zeros((0, len(FEATURES)))
    own = np.array([_own_features(line) for line in lines], dtype=np.float64)
    words = np.array([_n_words(line) for line in lines], dtype=np.float64)
    prose = np.array([_is_prose(line) for line in lines], dtype=np.float64)
    chrome = own[:, FEATURES.index("chrome_words")]
    ends = own[:, FEATURES.index("ends_sentence")]
    counts: dict[str, int] = {}
    for line in lines:
        key = line.casefold()
        counts[key] = counts.get(key, 0) + 1
    repeats = np.array([math.log(counts[line.casefold()]) for line in lines])
    # Comment threads and story lists repeat a shape ("joetoronto says:", "12 Comments"):
    # how many lines share this line's first or last word (digits made 0).
    firsts = [_shape(line.split()[0]) for line in lines]
    lasts = [_shape(line.split()[-1]) for line in lines]
    first_counts = Counter(firsts)
    last_counts = Counter(lasts)
    first_repeats = np.array([math.log(first_counts[w]) for w in firsts])
    last_repeats = np.array([math.log(last_counts[w]) for w in lasts])
    chars = np.log1p([len(line) for line in lines])
    prose_chars = chars[prose > 0]
    relative = chars - (np.median(prose_chars) if prose_chars.size else np.median(chars))
    mass = prose * np.array([len(line) for line in lines], dtype=np.float64)
    total = mass.sum() or 1.0
    cumulative = np.cumsum(mass)
    mass_before = (cumulative - mass) / total
    mass_after = (total - cumulative) / total
    prose_at = np.flatnonzero(prose)
    if prose_at.size:
        distance = np.abs(np.arange(n)[:, None] - prose_at[None, :]).min(axis=1)
    else:
        distance = np.full(n, n, dtype=np.int64)
    log_words = np.log1p(words)
    prev = np.r_[0.0, log_words[:-1]]
    nxt = np.r_[log_words[1:], 0.0]
    prev_prose = np.r_[0.0, prose[:-1]]
    next_prose = np.r_[prose[1:], 0.0]
    context = [
        np.array(before, dtype=np.float64),
        np.array(after, dtype=np.float64),
        np.arange(n) / max(n - 1, 1),
        repeats,
        first_repeats,
        last_repeats,
        relative,
        prose,
        mass_before,
        mass_after,
        np.log1p(distance),
        prev,
        prev_prose,
        nxt,
        next_prose,
    ]
    stamp = np.maximum(own[:, FEATURES.index("is_date")], own[:, FEATURES.index("relative_time")])
    windowed = {
        "words": log_words,
        "prose": prose,
        "chrome": chrome,
        "ends": ends,
        "stamp": stamp,
        "last_word_repeats": last_repeats,
        "first_word_repeats": first_repeats,
        **{
            name: own[:, FEATURES.index(name)] for name in ("ends_ellipsis", "ends_colon", "byline")
        },
    }
    for width in _WINDOWS:
        for name in _WINDOWED:
            context.append(_window_mean(windowed[name], width))
    return lines, np.column_stack([own, *context])


def _shape(word: str) -> str:
    return re.sub(r"\d", "0", word.casefold())


def _window_mean(values: NDArray[np.float64], width: int) -> NDArray[np.float64]:
    """Mean of `values` over the `width` lines either side, the line itself left out."""
    padded = np.r_[np.zeros(width), values, np.zeros(width)]
    cumulative = np.r_[0.0, np.cumsum(padded)]
    n = values.size
    idx = np.arange(n)
    sums = cumulative[idx + 2 * width + 1] - cumulative[idx] - values
    lo = np.maximum(idx - width, 0)
    hi = np.minimum(idx + width, n - 1)
    return sums / np.maximum(hi - lo, 1)


# First-stage features the second stage sees again, beside the verdicts around a line.
_PASSTHROUGH = (
    "log_words",
    "ends_sentence",
    "is_prose",
    "mass_before",
    "mass_after",
    "win2_stamp",
    "win6_stamp",
    "win2_ends_ellipsis",
    "win2_last_word_repeats",
    "win6_last_word_repeats",
)

#: Features of the second stage: the first stage's probability around each line, so that
#: a line is judged with its neighbours' verdicts (a prose line inside the article that
#: the first stage doubted; a comment thread after it).
SECOND_FEATURES = (
    "proba",
    "prev_proba",
    "next_proba",
    *(f"win{w}_proba" for w in (2, 6, 15)),
    "max_before",
    "max_after",
    "max_before_far",
    "max_after_far",
    "run_mass",
    "run_share",
    "in_largest_run",
    "proba_mass_before",
    "proba_mass_after",
    "core_overlap",
    "win2_core_overlap",
    "in_span",
    "before_span",
    "after_span",
    *_PASSTHROUGH,
)
# A line of the page's likely article (first-stage probability at least this) lends its
# words to the article's vocabulary (`_core_overlap`).
_CORE = 0.7


def _core_overlap(lines: list[str], proba: NDArray[np.float64]) -> NDArray[np.float64]:
    """Float array, shape (n_lines,): the share of a line's content words (3+ letters, not
    stopwords) that other likely article lines use too. An article's paragraphs share
    their subject's words; teasers of other stories and most page chrome do not."""
    words = [
        {t for t in _WORD.findall(line.casefold()) if len(t) >= 3 and t not in _STOPWORDS}
        for line in lines
    ]
    core = proba >= _CORE
    counts: Counter[str] = Counter()
    for bag, is_core in zip(words, core, strict=True):
        if is_core:
            counts.update(bag)
    out = np.zeros(len(lines))
    for i, bag in enumerate(words):
        if bag:
            own = 1 if core[i] else 0
            out[i] = sum(counts[t] - own >= 1 for t in bag) / len(bag)
    return out


def second_features(
    x: NDArray[np.float64], proba: NDArray[np.float64], lines: list[str]
) -> NDArray[np.float64]:
    """Float array, shape (n_lines, len(SECOND_FEATURES)), from `line_features`' lines and
    array and the first stage's probabilities (shape (n_lines,))."""
    n = proba.size
    weight = proba * np.expm1(x[:, FEATURES.index("log_chars")])
    cumulative = np.cumsum(weight)
    total = cumulative[-1] if n and cumulative[-1] > 0 else 1.0
    padded = np.r_[np.zeros(3), proba, np.zeros(3)]
    max_before = np.array([padded[i : i + 3].max() for i in range(n)])
    max_after = np.array([padded[i + 4 : i + 7].max() for i in range(n)])
    far = np.r_[np.zeros(15), proba, np.zeros(15)]
    max_before_far = np.array([far[i : i + 15].max() for i in range(n)])
    max_after_far = np.array([far[i + 16 : i + 31].max() for i in range(n)])
    run_mass, run_share, largest = _runs(proba, weight)
    overlap = _core_overlap(lines, proba)
    start, end = main_span(proba, x[:, FEATURES.index("log_words")])
    at = np.arange(n)
    return np.column_stack(
        [
            proba,
            np.r_[0.0, proba[:-1]],
            np.r_[proba[1:], 0.0],
            *(_window_mean(proba, w) for w in (2, 6, 15)),
            max_before,
            max_after,
            max_before_far,
            max_after_far,
            run_mass,
            run_share,
            largest,
            (cumulative - weight) / total,
            (total - cumulative) / total,
            overlap,
            _window_mean(overlap, 2),
            ((at >= start) & (at <= end)).astype(float),
            np.log1p(np.maximum(start - at, 0)),
            np.log1p(np.maximum(at - end, 0)),
            *(x[:, FEATURES.index(name)] for name in _PASSTHROUGH),
        ]
    )


# The probability above which a line counts for the main span, below which against it.
_SPAN_CENTRE = 0.5


def main_span(proba: NDArray[np.float64], log_words: NDArray[np.float64]) -> tuple[int, int]:
    """(first, last) line of the page's main span: the run of lines with the largest sum
    of (probability - 0.5) x sqrt(words), a maximum subarray (Kadane). An article is one
    stretch of the page: a list of teasers or a comment thread after it is another, set
    apart by the share bar, headers and counters between (lines that count against).
    The second stage sees where a line stands relative to it."""
    weight = (proba - _SPAN_CENTRE) * np.sqrt(np.expm1(log_words).clip(min=1.0))
    best, best_span = -np.inf, (0, -1)
    total, start = 0.0, 0
    for i, value in enumerate(weight.tolist()):
        if total <= 0:
            total, start = value, i
        else:
            total += value
        if total > best:
            best, best_span = total, (start, i)
    return best_span


# Lines of doubt (first-stage probability under one half) a run of article lines bridges.
_RUN_GAP = 3


def _runs(
    proba: NDArray[np.float64], weight: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Per line: log mass of its run of likely article lines (runs bridge `_RUN_GAP`
    doubtful lines), that run's share of the page's likely mass, 1.0 in the largest run.
    A comment thread or a list of teasers is a run apart from the article's."""
    n = proba.size
    run = np.full(n, -1)
    at = np.flatnonzero(proba >= 0.5)
    current, last = -1, -(10**9)
    for i in at.tolist():
        if i - last - 1 > _RUN_GAP:
            current += 1
        run[last + 1 if i - last - 1 <= _RUN_GAP else i : i + 1] = current
        last = i
    mass = np.zeros(max(current + 1, 1))
    for i in range(n):
        if run[i] >= 0:
            mass[run[i]] += weight[i]
    total = mass.sum() or 1.0
    line_mass = np.where(run >= 0, mass[run], 0.0)
    largest = np.where(run >= 0, (run == int(mass.argmax())).astype(float), 0.0)
    return np.log1p(line_mass), line_mass / total, largest


@dataclass(frozen=True)
class Trees:
    """Gradient-boosted trees as arrays: raw score = init + rate * sum of the leaves reached."""

    init: float
    rate: float
    feature: tuple[NDArray[np.int64], ...]
    threshold: tuple[NDArray[np.float64], ...]
    left: tuple[NDArray[np.int64], ...]
    right: tuple[NDArray[np.int64], ...]
    value: tuple[NDArray[np.float64], ...]

    def proba(self, x: NDArray[np.float64]) -> NDArray[np.float64]:
        """Float array, shape (n_rows,): sigmoid of the raw score of each row of `x`."""
        raw = np.full(x.shape[0], self.init)
        rows = np.arange(x.shape[0])
        for feature, threshold, left, right, value in zip(
            self.feature, self.threshold, self.left, self.right, self.value, strict=True
        ):
            node = np.zeros(x.shape[0], dtype=np.int64)
            while True:
                leaf = left[node] < 0
                if leaf.all():
                    break
                go_left = x[rows, feature[node]] <= threshold[node]
                node = np.where(leaf, node, np.where(go_left, left[node], right[node]))
            raw += self.rate * value[node]
        return 1.0 / (1.0 + np.exp(-raw))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Trees:
        trees = data["trees"]
        return cls(
            init=float(data["init"]),
            rate=float(data["rate"]),
            feature=tuple(np.asarray(t["feature"], dtype=np.int64) for t in trees),
            threshold=tuple(np.asarray(t["threshold"], dtype=np.float64) for t in trees),
            left=tuple(np.asarray(t["left"], dtype=np.int64) for t in trees),
            right=tuple(np.asarray(t["right"], dtype=np.int64) for t in trees),
            value=tuple(np.asarray(t["value"], dtype=np.float64) for t in trees),
        )


@dataclass(frozen=True)
class FurnitureModel:
    """Two stages of trees: P(article line) from the line's own and neighbourhood
    features (`first`), then again with the first stage's verdicts around it (`second`).

    Loaded from `furniture_model.json` (`load_model`); `threshold` is the probability
    at or above which a line is the article's.
    """

    first: Trees
    second: Trees | None
    threshold: float

    def keep(self, x: NDArray[np.float64], lines: list[str]) -> NDArray[np.bool_]:
        """Bool array, shape (n_lines,): the article's lines (probability >= threshold),
        less media captions and promo labels (`is_inline_furniture`), and none from a
        comment section's or author box's header on (`end_of_article`).
        The main span is a feature of the second stage, not a cut: cutting outside it
        dropped halves of articles broken by an embedded post or a list (dev CV)."""
        keep = self.predict_proba(x, lines) >= self.threshold
        keep &= ~np.array([is_inline_furniture(line) for line in lines], dtype=bool)
        return end_of_article(lines, keep)

    def predict_proba(self, x: NDArray[np.float64], lines: list[str]) -> NDArray[np.float64]:
        """Float array, shape (n_lines,): P(the line is the article's) per row of `x`
        (`line_features`' lines and array of one page: the second stage looks at
        neighbours and at the words the likely article lines share)."""
        proba = self.first.proba(x)
        if self.second is None or not proba.size:
            return proba
        return self.second.proba(second_features(x, proba, lines))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FurnitureModel:
        if (
            tuple(data["features"]) != FEATURES
            or tuple(data.get("second_features", SECOND_FEATURES)) != SECOND_FEATURES
        ):
            raise ValueError(
                f"{MODEL_FILE} was trained on other features; retrain it with "
                "`python -m benchmarks.pages --train`."
            )
        second = data.get("second")
        return cls(
            first=Trees.from_dict(data["first"]),
            second=Trees.from_dict(second) if second else None,
            threshold=float(data["threshold"]),
        )


# Words of article a page must give above a section header for the header to end it: a
# "Leave a comment" link or an "About" menu item by the headline has none above.
_END_MIN_WORDS = 50


# The tag list: under it no dev page's article goes on (20 pages). Not "About <name>": a
# press release's boilerplate under it is in some true bodies and not in others.
_SECTION_END = re.compile(r"^(tags?|topics?|filed under)\b", re.IGNORECASE)


# An author box's header: "About" and a person's name, two or three capitalised words
# ("Über Moritz Bachmann", "Sobre Carlos Nadalim"). A company's boilerplate header ("About
# my6sense"-like, one word) is not: some true bodies hold that boilerplate.
_AUTHOR_BOX = re.compile(
    r"^(?:[Aa]bout|[Üü]ber|[Ss]obre|[Àà] propos de|[Oo]ver)\s+"
    r"[A-ZÀ-Ý][\w'’.-]+(?:\s[A-ZÀ-Ý][\w'’.-]+){1,2}$"
)


def _ends_article(line: str) -> bool:
    if len(line.split()) > 20:
        return False
    return bool(
        _COMMENT_HEADER.search(line)
        or _ABOUT_HEADER.match(line)
        or _SECTION_END.match(line)
        or _AUTHOR_BOX.match(line)
    )


def end_of_article(lines: list[str], keep: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """`keep` (bool array, shape (n_lines,)) without the lines from the first comment
    section or author box header ("34 responses to ...", "Leave a Reply", "About the
    author") that has `_END_MIN_WORDS` kept words of article above it. On the dev pages
    no line of a true body stands below such a header, yet the comments under it are
    prose and, on a page of few paragraphs, outweigh the article (the model keeps them)."""
    words = np.where(keep, [_n_words(line) for line in lines], 0)
    above = np.cumsum(words) - words
    for i, line in enumerate(lines):
        if above[i] >= _END_MIN_WORDS and _ends_article(line):
            out = keep.copy()
            out[i:] = False
            return out
    return keep


# A promo label inside an article's column: "SEE MORE: <other story>", "DON'T MISS",
# "Continue Reading Below", "Explore further", a teaser's "[VIDEO]" tag; widget notices
# and credits (none in a dev page's true body). Only these
# openings: "More ..." or "Related ..." alone start sentences of true bodies too.
_PROMO = re.compile(
    r"^(see more|read more|also read|read also|don'?t miss|explore further|"
    r"continue reading( below)?|recommended( for you)?)\b\W*(:.{0,80})?$|"
    r"\[(insight|video|reaction|pics|poll|analysis|photos?)\]\W*$|"
    # a notice for a widget that did not run; a CMS shortcode left unrendered
    r"\b(requires|enable|turn on|activate)\s+javascript\b|^\[\w+\s[^\]]*=[^\]]*\]|"
    # a photo credit closing a caption: "(AP Photo/Name)"
    r"\((\w+ )?photo/[^()]*\)\W*$",
    re.IGNORECASE,
)


def is_inline_furniture(line: str) -> bool:
    """A line the page model may keep but no article has: a media caption with its credit
    or gallery counter, a widget label ("Advertisement", "Share"), a promo label. The
    same generic kinds `clean_body` drops from extracted bodies (`_ANYWHERE`,
    `_is_caption_line`). A line of punctuation alone stays: rules of underscores stand in
    true bodies. Of the dev pages' true lines, one (a long caption-like sentence) is hit."""
    if not re.search(r"[^\W_]", line):
        return False
    return bool(_ANYWHERE.match(line) or _PROMO.search(line)) or _is_caption_line(line)


@cache
def load_model() -> FurnitureModel:
    """The shipped model (read once per process)."""
    text = resources.files("clustering.ingest").joinpath(MODEL_FILE).read_text("utf-8")
    return FurnitureModel.from_dict(json.loads(text))


def article_lines(
    text: str, model: FurnitureModel | None = None
) -> tuple[list[str], NDArray[np.bool_], NDArray[np.float64]]:
    """(non-blank lines; bool array, shape (n_lines,), True for the article's lines;
    float array, shape (n_lines,), the model's probability) for a pasted page."""
    lines, x = line_features(text)
    if not lines:
        return lines, np.zeros(0, dtype=bool), np.zeros(0)
    model = model or load_model()
    return lines, model.keep(x, lines), model.predict_proba(x, lines)


# A time of day, or a year beside a day or month number: a dateline, not a headline.
_DATEISH = re.compile(
    r"\b\d{1,2}:\d\d\b|\b\d{1,2}(st|nd|rd|th)?,? (de )?\w+,? (de )?(19|20)\d\d\b|"
    r"\b\w+\.? \d{1,2},? (19|20)\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-](19|20)?\d\d\b"
)
#: A headline is searched this many lines above the article's first line.
_HEADLINE_REACH = 12
_HEADLINE_WORDS = (4, 30)


def _headline(lines: list[str], first: int, x: NDArray[np.float64]) -> int | None:
    """Index of the headline: the nearest title-like line above the article's first line
    (4-30 words, not a sentence ending in "." - a standfirst is skipped -, no date, no
    byline, no link or sharing words); a line the page repeats (the headline is often in
    the breadcrumb or the page title too) wins over a nearer one."""
    candidates = []
    for i in range(first - 1, max(first - _HEADLINE_REACH, 0) - 1, -1):
        line = lines[i]
        n = _n_words(line)
        if not _HEADLINE_WORDS[0] <= n <= _HEADLINE_WORDS[1]:
            continue
        if line.rstrip("\"'”’").endswith((".", ":", ",", ";", "!")) or _BYLINE.match(line):
            continue
        if _DATEISH.search(line):
            continue
        row = x[i]
        if row[FEATURES.index("is_date")] or row[FEATURES.index("urlish")]:
            continue
        if row[FEATURES.index("chrome_words")] > 0.2 or row[FEATURES.index("count_only")]:
            continue
        candidates.append(i)
    if not candidates:
        return None
    repeated = [i for i in candidates if x[i, FEATURES.index("repeats")] > 0]
    return (repeated or candidates)[0]


def _is_dateline(line: str) -> bool:
    """A date as a page writes it ("29 March 2022, 14:05", "Nov. 19, 2019 8:03 am ET"),
    not a bare number that would parse as a timestamp (a share count: "4553")."""
    return bool(_DATEISH.search(line) or re.search(r"[^\W\d_]{3}", line)) and _is_date(line)


# The share of short non-sentence lines from which a text is a page: the 50 bare article
# files of ../shared (plain-text/) have at most 2.5%, the pasted dev pages 17% and more
# (a third, the rule before, left three of them - 17%, 27%, 27% - unparsed as pages).
_PAGE_SHORT_SHARE = 0.15


def looks_like_page(text: str) -> bool:
    """True for a pasted web page: 20+ lines, 15% or more of them short non-sentences
    (menu items, buttons, counters) - a bare article file has almost none."""
    lines, _, _ = _split_lines(text)
    if len(lines) < 20:
        return False
    short = sum(_n_words(line) <= 4 and not _SENTENCE_END.search(line) for line in lines)
    return short >= _PAGE_SHORT_SHARE * len(lines)


def parse_page(text: str, model: FurnitureModel | None = None) -> dict[str, Any]:
    """Title and body of a page pasted from a browser; furniture kept apart.

    Returns a dict with keys title (the headline, "" when none is found), body (the
    article's lines, one paragraph each), author and published_at when a byline
    ("By X") or a date stands by the headline, and, when lines were dropped,
    page_removed (every dropped line, in page order: nothing is lost).
    """
    lines, x = line_features(text)
    model = model or load_model()
    keep = model.keep(x, lines)
    if not keep.any():
        return {"title": "", "body": "\n\n".join(lines)}
    first = int(np.flatnonzero(keep)[0])
    at = _headline(lines, first, x)
    title = lines[at] if at is not None else ""
    body = [line for line, k in zip(lines, keep, strict=True) if k]
    if title and body and body[0] == title:
        body = body[1:]
    removed = [
        line for i, (line, k) in enumerate(zip(lines, keep, strict=True)) if not k and i != at
    ]
    fields: dict[str, Any] = {"title": title, "body": "\n\n".join(body)}
    # The byline and the dateline stand around the headline, above the article.
    start = max((at if at is not None else first) - 3, 0)
    for line in lines[start:first]:
        byline = _BYLINE.match(line)
        if byline and "author" not in fields and _n_words(line) <= 8:
            fields["author"] = line[byline.end() - 1 :].strip()
        elif "published_at" not in fields and _is_dateline(line):
            fields["published_at"] = line
    if removed:
        fields["page_removed"] = removed
    return fields


# --- Bodies already extracted (crawler output, HTML): furniture at the ends and captions. ---
# A body is all prose, so the page model's cues of position and prose mass do not hold there
# (it doubts many first paragraphs); a body's furniture is of a few generic kinds instead:
# media and gallery captions, ad and widget labels anywhere; prompts, notices and bylines at
# its ends. Each pattern names a kind of furniture, never one site's sentence.
_ANYWHERE = re.compile(
    r"^(?:"
    # labels of a media slot or a widget standing alone
    r"(?:photos?|videos?|images?|pictures?|graphic|audio|gallery|close|next|previous|"
    r"advertisement|advert|sponsored|ad|(?:save)+|share|share this|comments?|prev|"
    r"now playing:?|[\W_]+)"
    r"|advertisement continue reading the main story"
    r"|(?:enlarge|expand) (?:this )?image\b.*|toggle caption\b.*"
    r"|image (?:copyright|caption)\b.*|media playback is unsupported on your device\b.*"
    r"|(?:photos?|gallery|video): .*"
    r")$",
    re.IGNORECASE,
)
# A gallery counter opening a caption: "UK news in pictures 1/34 ...", "2/34 29 November ...".
# No comma before it: "Kristen Breitweiser, a 9/11 widow and ..." opens a sentence.
_GALLERY = re.compile(r"^(?:[^\d\n,]{0,40}\s)?(\d{1,3})\s?/\s?(\d{1,3})\s+\S")
#: Written like a counter, but a date everyone names so ("9/11 families sued ...").
_NOT_COUNTERS = frozenset({("9", "11")})
# A caption's credit at its end: "... Getty Images", "(Photo: Telegram)", "Photograph: X/Y".
_CAPTION_CREDIT = re.compile(
    r"(?:\((?:photo|picture|image|credit)s?:[^()]*\)|\bphotograph: .*|"
    r"/?\b(?:getty images|afp/getty|rex features|shutterstock|ap photo)\b)\W*$",
    re.IGNORECASE,
)
#: An agency named in every `_CAPTION_CREDIT` match without a colon (case folded: `fold_case`).
_CAPTION_AGENCIES = ("getty images", "afp/getty", "rex features", "shutterstock", "ap photo")


def _may_hold_caption_credit(paragraph: str) -> bool:
    """A pre-check of `_CAPTION_CREDIT` (most paragraphs hold none of its literals): a
    credit in brackets or after "Photograph" holds a colon; the others, an agency."""
    return ":" in paragraph or any(map(fold_case(paragraph).__contains__, _CAPTION_AGENCIES))


# An agency credit closing a caption: "Offshore firms created by Mossack Fonseca (AFP)".
_AGENCY_TAIL = re.compile(
    r"\((?:[^()]*\b(?:afp|ap|reuters|getty|epa|pa|xinhua)\b[^()]*)\)$", re.IGNORECASE
)
_EDGE = re.compile(
    r"^(?:"
    r"read more\b.{0,80}|related (?:stories|articles|content|coverage)\b.{0,80}"
    r"|(?:copyright|©|\(c\)) .*|.*\ball rights reserved\b.*"
    r"|(?:sign up|subscribe|get (?:the|our) .{0,40}newsletter)\b.*|.{0,40}\benter your email\b.*"
    r"|read (?:or share )?(?:this|the original) (?:story|article)\b.*"
    r"|.{0,40}\bfollow\b.{0,60}\bon (?:twitter|facebook|instagram)\b.*"
    r"|(?:we pay for your stories|do you have a story)\b.*"
    r"|(?:most read|most popular|trending now|recommended for you|you may also like)\b.*"
    r"|(?:registration number|license for publishing)\b.*"
    r"|chat with us in facebook messenger\b.*"
    r"|.*\btranscripts? (?:are|is) created\b.*"
    r"|information from: .*|for more .{0,60}: https?://.*"
    # a print edition's note closing a body: "Order Reprints | Today's Paper | Subscribe A
    # version of this article appears in print on ..."
    r"|.{0,80}\ba version of this article appears in print\b.*"
    r"|about the author|(?:e-?mail|contact) the (?:authors?|writers?|reporters?)\b.*"
    # agency credits alone: "Reuters", "PA", "Reuters - Ap - Afp"
    r"|(?:reuters|ap|afp|pa|dpa|epa|xinhua|ians|pti|getty images)(?:\W+(?:reuters|ap|afp|pa|"
    r"dpa|epa|xinhua|ians|pti))*"
    r"|.{0,40}\|\s*updated:? .{0,40}|updated:? (?:at )?[\d:.apm ]+\b.{0,30}"
    r"|(?:source|related|see also|watch|listen): .{1,80}"
    r"|https?://\S+|archives\b.*"
    r"|.*\b(?:share it with a friend|have a suggestion|breaking news story, more follows)\b.*"
    # a print edition's page reference: "(China Daily 10/03/2017 page4)"
    r"|\(.{0,40}\d{1,2}/\d{1,2}/\d{2,4},? page ?\w+\)"
    r"|get (?:digital|full|unlimited) access\b.*|categories\b.*"
    r"|.{0,60}\bsign up for (?:digital access|\w+ newsletters?|our newsletters?)\b.*"
    r"|we pay for (?:your )?(?:stories|videos|pictures|photos)\b.*|.{0,40}\bclick here\b.*"
    r"|(?:today'?s|today’s|latest|more) coverage\b.*"
    r"|follow us\b.*|.{0,40}\b(?:like|follow) us on\b.*|.{0,60}\bcan be reached at\b.*"
    r"|[\w .-]{1,40}: https?://\S+"
    r"|[a-z]{1,3}(?:/[a-z]{1,3})+ \([^()]{1,30}\)"  # editors' initials: "jm/dm (AFP, dpa)"
    r")$",
    re.IGNORECASE,
)
# A short line about a subscription, not a sentence: "Sorry, this zipcode is not in our
# deliverable area for this subscription".
_SUBSCRIPTION = re.compile(r"\b(?:subscriptions?|subscribers?|paywall)\b", re.IGNORECASE)
# Case matters here: "By Malcolm Foster" is a byline, "By the end of May, ..." a sentence;
# "CLOSE Sheila E. says ..." is a video widget's label and caption.
_EDGE_CASED = re.compile(
    r"^(?:By [A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3}"
    r"(?:(?:,| and| &) [A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3})*"
    r"|(?:CLOSE|VIDEO|WATCH|PHOTOS?)\b:? .*"
    # a caption led by its credit: "GETTY Bitcoin mining is not as profitable"
    r"|(?:GETTY|REUTERS|AFP|EPA|PA|AP|AFP/GETTY)\b .*"
    # a credit alone, "Name Surname/Agency"; a byline with its outlet, "Name Surname, site.ca"
    r"|\(?[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,2} ?/ ?[A-Z][\w .&'’-]{1,30}\)?"
    r"|[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,2}, [\w.-]+\.[a-z]{2,3}"
    r")$"
)


def _is_capitals_line(line: str) -> bool:
    """A short line in capitals that is no sentence: a promo or section header ("WHAT YOU
    NEED TO KNOW", "2:30"). Every letter must be a capital: a line in a script without
    capitals (Japanese, Chinese, Arabic) or in lower case (Russian) is text, however short;
    it once emptied a one-line Japanese body."""
    return (
        3 <= len(line) <= 60
        and not re.search(r"[.!?。！？]", line)
        and all(c.isupper() for c in line if c.isalpha())
    )


# Furniture inside an extracted body that only bodies show (a crawler keeps the page's
# embeds and captions as paragraphs), read on the news-please crawl: a video widget
# ("JUST WATCHED ... MUST WATCH"), an AP caption ("FILE - In this Friday, Dec. 29, 2017,
# file photo, ..."), a contributor line ("Name contributed from Beijing."), a Facebook
# embed's signature ("... Posted by <page> on Sunday, 31 December 2017"; an embedded tweet
# stays: it is often the quote the story is about), a caption led by its credit ("Handout - Getty
# ...", "Name Surname / Reuters ...", not "WASHINGTON - AP - ...", a dateline) or closing on "Pictured ..." without a full stop, an
# agency's picture tag ("TPX IMAGES OF THE DAY"). Kept apart from `_ANYWHERE`, which the
# page model's `is_inline_furniture` shares, so the pasted-page figures do not move.
_BODY_FURNITURE = re.compile(
    r"^(?:"
    r"(?:just watched|must watch)\b.*"
    r"|file\s*[-–—]\s*in this\b.*"
    r"|in this\b.{0,50}\b(?:file )?photo(?:,| taken| provided| released| made)\b.*"
    r"|[\w'’. -]{1,60}\bcontributed (?:reporting )?"
    r"(?:to this (?:report|story|article|post)|from [\w ,.'’-]{1,40})\.?"
    r"|.*\bposted by [^.]{1,60} on [\w ,]{0,30}\d{4}"
    r"|[\w'’. ]{0,30}\s[-–—]\s(?:getty(?: images)?|rex(?: features)?|shutterstock)\b.*"
    r"|.*\btpx images of the day\b.*"
    r")$",
    re.IGNORECASE,
)
# Case matters: a credit "Name Surname / Agency" opening a caption. (A run of words in
# capitals, a graphic's labels flattened into text, is left: TV stations' transcripts are
# written in capitals.)
_BODY_FURNITURE_CASED = re.compile(
    r"^[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3} / (?:Reuters|REUTERS|Getty Images|AFP|AP|EPA)\b"
)


# A caption closing on "Pictured ..." with no full stop, in a short paragraph (a long one
# may hold the story's own sentences before it).
_PICTURED = re.compile(r"(?:^|[.!?]\s)pictured\b[^.!?]*$", re.IGNORECASE)
_PICTURED_MAX_WORDS = 40


def _is_body_furniture(paragraph: str) -> bool:
    return bool(
        _BODY_FURNITURE.match(paragraph)
        or _BODY_FURNITURE_CASED.match(paragraph)
        or (_PICTURED.search(paragraph) and _n_words(paragraph) <= _PICTURED_MAX_WORDS)
    )


def _is_caption_line(paragraph: str) -> bool:
    """A media caption: opens with a gallery counter, or ends in a credit without a
    sentence before it ("Rihanna had just spend ... Dimitrios Kambouris/Getty Images")."""
    gallery = _GALLERY.match(paragraph)
    if (
        gallery
        and (gallery.group(1), gallery.group(2)) not in _NOT_COUNTERS
        and 1 <= int(gallery.group(1)) <= int(gallery.group(2))
        and int(gallery.group(2)) >= 5
    ):
        return True
    if _may_hold_caption_credit(paragraph) and (
        _CAPTION_CREDIT.search(paragraph) and _n_words(paragraph) <= 60
    ):
        return True
    agency = _AGENCY_TAIL.search(paragraph)
    return (
        agency is not None
        and agency.start() > 0
        and not _SENTENCE_END.search(paragraph[: agency.start()].strip())
    )


# Furniture at a body's ends that the crawl and the labelled corpora still showed (measured
# over their 3,345 bodies: the most frequent short first and last paragraphs, read by eye):
# a site's navigation label ("Site Mobile Navigation"), a video player's notices ("Please
# enable Javascript to watch this video", "Hide Transcript Show Transcript"), sharing and
# following lines ("Share this story", "Follow CBSMIAMI.COM: Facebook | Twitter", a share
# bar's buttons one per paragraph), an image credit ("CREDIT: Rock Hill Police",
# "(File photo)", "(Photo/WLWT)", "Buy Photo ...", a caption glued to "CreditName/Agency"),
# a blog's "Like this: Like Loading...". Edge-only: the same words mid-article are left.
_NOTICE = re.compile(
    r"^(?:"
    r"(?:(?:site|mobile|main|primary|global) )*navigation(?: menu)?|(?:main|site) menu"
    r"|skip to (?:the )?(?:main )?(?:content|navigation|article)\b.{0,40}"
    r"|please enable javascript\b.{0,80}|.{0,40}\bjavascript (?:is )?(?:required|disabled)\b.{0,60}"
    r"|having trouble (?:viewing|watching|playing) (?:the|this) video\b.*"
    r"|(?:hide|show) transcript(?: (?:hide|show) transcript)?"
    r"|more (?:videos?|photos|media)\b.{0,40}|watch this (?:story|video)"
    r"|share this (?:story|article|post|page)\b.{0,40}"
    r"|(?:share this:? ?)?(?:facebook|twitter|pinterest|google\+?|linkedin|reddit|tumblr|"
    r"whatsapp|email|print|more)"
    r"|(?:follow|for live updates|connect with|stay up to date)\b.{0,40}?:? "
    r"(?:on )?(?:facebook|twitter|instagram)\b[\w |,&]{0,40}"
    r"|scroll down for (?:video|more)\b.{0,20}|like this: like loading\W*"
    r"|\d+ pending comments?|email newsletters? sign up\b.{0,80}"
    r"|\((?:file )?(?:photo|image|picture)\)|buy photo\b.{0,300}"
    r"|(?:[^.]{1,80}\s)?credit: [^.]{1,60}"
    r"|image via [\w ]{1,30}"
    r")$",
    re.IGNORECASE,
)
# Case matters: a caption that ends glued to its credit, "... at the Capitol.CreditJoshua
# Roberts/Reuters"; a picture credit closing a short caption, "Jaden Rahm, 16 (via 7NEWS)",
# "... (Photo/WLWT)".
_NOTICE_CASED = re.compile(
    r"^.{0,300}\S\.?Credit[A-Z][\w'’.-]+(?: [\w'’.-]+){0,3}\s?/\s?[\w .&'’-]{1,40}$"
    r"|^[^.!?]{1,100}\((?:via|photo ?/) ?[\w .&'’-]{1,30}\)$"
    r"|^.{0,200}\(Photo ?/ ?[\w .&'’-]{1,30}\)$"
)
# A time stamp standing alone: "Posted: Sunday, March 29th 2015 at 9:17pm", "Published:
# 8/19/2013 - Updated: 12 hours ago", "by: Dave Faherty Updated: Apr 12, 2016 - 9:35 AM",
# "Posted on", "November 28, 2016 02:23 PM". A stamp holds a year, a time of day or an
# age ("3 months ago"), or nothing after its word; "Updated: the suspect was arrested."
# (words after it and none of these) is a sentence and stays.
_STAMP = re.compile(
    r"^(?:by:? [^.:]{1,60}?\s)?(?:posted|published|updated|last updated|last modified|"
    r"modified)\b(?: on| at)?:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_STAMP_VALUE = re.compile(
    r"\b(?:19|20)\d\d\b|\b\d{1,2}:\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\bago\b",
    re.IGNORECASE,
)
_STAMP_WORDS = 16


def _is_notice(paragraph: str) -> bool:
    """Furniture of a body's ends not covered by `_EDGE`: navigation and player labels,
    share and follow lines, credits, time stamps (`_NOTICE`, `_NOTICE_CASED`, `_STAMP`)."""
    # Every `_NOTICE_CASED` match holds "Credit" or "(": most paragraphs are spared it.
    if _NOTICE.match(paragraph) or (
        ("(" in paragraph or "Credit" in paragraph) and _NOTICE_CASED.match(paragraph)
    ):
        return True
    if _n_words(paragraph) > _STAMP_WORDS:
        return False
    stamp = _STAMP.match(paragraph)
    if stamp:
        rest = stamp.group("rest").strip(" |-–—")
        return not rest or bool(_STAMP_VALUE.search(rest))
    # A date (and time) alone: "November 28, 2016 02:23 PM".
    return (
        _n_words(paragraph) <= 8 and not _SENTENCE_END.search(paragraph) and _is_dateline(paragraph)
    )


# Furniture of a page's widgets that a crawler or a scraped table flattens into a paragraph
# of its own, whatever the site, and that no article's prose is: a newsletter box's form
# ("Please verify you're not a robot ... Invalid email address. Please re-enter ... Thank
# you for subscribing"), a video player's or a gallery's controls ("Skip in Skip x Embed x
# Share ... 1 of 41", "Full Screen Autoplay Close Skip Ad"), a gallery's captions run
# together, each led or closed by its credit ("Name Surname/Agency Caption. Name
# Surname/Agency Caption. Previous Next"). Each is told by two or more marks of its kind
# in one paragraph: one mark alone stands in prose too ("players who sign up", "autoplay
# videos"). Removed anywhere, in a user's table too: they are never the story.
_FORM_MARKS = re.compile(
    r"\binvalid e-?mail\b|\bnot a robot\b|\bplease re-?enter\b|\bmust select a newsletter\b|"
    r"\bthank you for subscribing\b|\bcould not subscribe\b|\ban error has occurred\b|"
    r"\btry again later\b|\benter your e-?mail\b|\bsign up\b|\bsubscribe\b|\bnewsletters?\b|"
    r"\byour inbox\b",
    re.IGNORECASE,
)
_PLAYER_MARKS = re.compile(
    r"\bskip (?:in|ad)\b|\bx embed\b|\bx share\b|\bad loading\b|\bautoplay\b|\bfull screen\b|"
    r"\b(?:next|last|previous) video\b|\bview (?:photos|gallery)\b|\bplay slideshow\b|"
    r"\bprevious next\b|\b\d{1,3} of \d{1,3}\b",
    re.IGNORECASE,
)
#: A photo credit "Name Surname/Agency" (the agency one to five capitalised words).
_CREDIT = re.compile(
    r"\b[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,2} ?/ ?[A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,4}"
)
_WIDGET_MARKS = 2
#: A widget's paragraph is short; a longer one holding two marks is kept (the story may
#: be about newsletters), except a player's playlist, which runs to thousands of words.
_WIDGET_MAX_WORDS = 150


# Pre-checks, so that the marks' patterns run only on the few paragraphs that could hold
# enough marks (nearly every paragraph is prose holding none): each distinct mark, case
# folded, is one of these literals (every spelling the pattern allows), so a paragraph
# whose folded text holds fewer of them than the marks needed cannot be a widget. The
# patterns still decide. Kept in step with `_PLAYER_MARKS` and `_FORM_MARKS`
# (tests/test_furniture_widgets.py checks every literal is a mark and every mark a literal).
_PLAYER_LITERALS = (
    "skip in", "skip ad", "x embed", "x share", "ad loading", "autoplay", "full screen",
    "next video", "last video", "previous video", "view photos", "view gallery",
    "play slideshow", "previous next",
)  # fmt: skip
#: Every counter mark ("3 of 41", "3 OF 41") holds a digit, " of " and a digit.
_COUNTER = re.compile(r"\d of \d", re.IGNORECASE)
_FORM_LITERALS = (
    "invalid email", "invalid e-mail", "not a robot", "please reenter", "please re-enter",
    "must select a newsletter", "thank you for subscribing", "could not subscribe",
    "an error has occurred", "try again later", "enter your email", "enter your e-mail",
    "sign up", "subscribe", "newsletter", "newsletters", "your inbox",
)  # fmt: skip


def is_widget_furniture(paragraph: str) -> bool:
    """A newsletter form, a video player or gallery, or a gallery's run of credited
    captions flattened into one paragraph (`_FORM_MARKS`, `_PLAYER_MARKS`, `_CREDIT`)."""
    low = fold_case(paragraph)
    # map over a bound method: the count runs in C (a generator of `in` costs ~2x)
    player_literals = sum(map(low.__contains__, _PLAYER_LITERALS))
    # Counters are one mark however many: worth a search only beside another mark.
    if player_literals and " of " in low and _COUNTER.search(low):
        player_literals += 1
    if player_literals >= _WIDGET_MARKS:
        player = {m.group().casefold() for m in _PLAYER_MARKS.finditer(paragraph)}
        if len({re.sub(r"\d+", "0", m) for m in player}) >= _WIDGET_MARKS:
            return True
    # Each credit holds a "/" (`_CREDIT`), and matches do not overlap.
    may_be_gallery = paragraph.count("/") >= _WIDGET_MARKS
    may_be_form = sum(map(low.__contains__, _FORM_LITERALS)) >= _WIDGET_MARKS + 1
    if not (may_be_gallery or may_be_form) or _n_words(paragraph) > _WIDGET_MAX_WORDS:
        return False
    if may_be_gallery and len(_CREDIT.findall(paragraph)) >= _WIDGET_MARKS:
        return True
    form = {m.group().casefold() for m in _FORM_MARKS.finditer(paragraph)} if may_be_form else ()
    return len(form) >= _WIDGET_MARKS + 1


# A caption led by its picture agency's credit, as a crawler keeps it: "Getty Images The
# Brazilian is retiring ...", "SWNS • PA Name survived the crash ...". A caption has no
# full stop; a sentence that opens with an agency's name ("Reuters reported ...") has one.
_AGENCIES = r"(?:getty images|getty|swns|pa|pa wire|rex|rex features|shutterstock|ap|afp|reuters|epa|alamy|splash news|wireimage)"
_CREDIT_LED = re.compile(rf"^{_AGENCIES}(?:\s*[•/|,]\s*{_AGENCIES})*\s+\S", re.IGNORECASE)
_CREDIT_LED_WORDS = 40
# A picture credit in brackets closing a caption: "... on August 30, 2017. [Photo/Agencies]".
_BRACKET_CREDIT = re.compile(
    r"[\[(](?:photos?|pictures?|images?|video) ?/ ?[^\[\]()]{1,40}[\])]\W*$", re.IGNORECASE
)
_BRACKET_CREDIT_WORDS = 80
# A link to another story standing in the body: "READ MORE: <headline>", "Related: <headline>",
# "ALSO READ: ...", or the label alone ("Read more", "More from The New York Times:").
# A headline has no full stop; a sentence that starts so has one.
_RELATED_LINK = re.compile(
    r"^(?:read more|related(?: stories| articles| coverage| content)?|also read|read also|"
    r"see also|more|recommended|don'?t miss)\s*[:|]\s*\S.{0,250}$",
    re.IGNORECASE,
)
_RELATED_LABEL = re.compile(
    r"^(?:read more|related(?: stories| articles| coverage| content)?|also read|see also|"
    r"more from [\w .'’&-]{1,40})\W*$",
    re.IGNORECASE,
)
_RELATED_WORDS = 30
# A picture credit standing alone: "Name Surname/WireImage via Getty Images, FILE".
_CREDIT_ALONE = re.compile(
    rf"^{_CREDIT.pattern}(?: via [A-Z][\w .&'’-]{{1,30}}?)?(?:, (?:file|handout))?$", re.IGNORECASE
)


def _is_related_or_caption(paragraph: str) -> bool:
    """A credit-led caption, a caption closed by a bracketed credit, or a related-story link
    (`_CREDIT_LED`, `_BRACKET_CREDIT`, `_RELATED_LINK`) inside a crawled body."""
    words = _n_words(paragraph)
    ends = bool(re.search(r"[.!?…][\"'”’)\]]*$", paragraph))
    if _CREDIT_LED.match(paragraph) and words <= _CREDIT_LED_WORDS and not ends:
        return True
    if _BRACKET_CREDIT.search(paragraph) and words <= _BRACKET_CREDIT_WORDS:
        return True
    if _RELATED_LABEL.match(paragraph) or _CREDIT_ALONE.match(paragraph):
        return True
    return bool(_RELATED_LINK.match(paragraph)) and words <= _RELATED_WORDS and not ends


# A highlights box opening a body (CNN: "Story highlights <first point>", then a point a
# paragraph, none ending like a sentence, before the story's dateline).
_HIGHLIGHTS = re.compile(r"^(?:story highlights|highlights|key points)\b", re.IGNORECASE)
_HIGHLIGHT_WORDS = 40
# A list of other stories' headlines opening a body (a site's "most read" list above the
# story): three or more short paragraphs in a row, none ending like a sentence, that share
# almost none of their words with the title and the story below them. A story's own
# summary points look the same but share many (on the labelled sets, 0.12-1.0 of their
# words on average; a list of other stories, 0.04).
_HEADLINE_RUN = 3
_HEADLINE_WORDS = (3, 25)
_HEADLINE_SHARED = (0.1, 0.2)  # most a list's headlines share with the story: mean, max


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.casefold()) if len(w) > 3 and w not in _STOPWORDS}


def _unrelated(points: list[str], story: str) -> bool:
    words = _content_words(story)
    shared = [len(w & words) / max(len(w), 1) for w in map(_content_words, points)]
    mean_most, max_most = _HEADLINE_SHARED
    return sum(shared) / len(shared) < mean_most and max(shared) < max_most


def _opening_lists(kept: list[tuple[int, str]], title: str) -> int:
    """How many of the first paragraphs of `kept` are a highlights box or a list of
    other stories' headlines (0 if none)."""

    def is_point(text: str) -> bool:
        low, high = _HEADLINE_WORDS
        return low <= _n_words(text) <= high and not _SENTENCE_END.search(text.strip())

    if kept and _HIGHLIGHTS.match(kept[0][1].strip()):
        n = 1
        while n < len(kept) - 1 and (
            _n_words(kept[n][1]) <= _HIGHLIGHT_WORDS
            and not _SENTENCE_END.search(kept[n][1].strip())
        ):
            n += 1
        return n
    n = 0
    while n < len(kept) - 1 and is_point(kept[n][1]):
        n += 1
    if n < _HEADLINE_RUN or not _is_prose(kept[n][1].strip()):
        return 0
    story = " ".join([title, *(p for _, p in kept[n:])])
    return n if _unrelated([p for _, p in kept[:n]], story) else 0


# A page that is only the site's chrome, not an article: a search-results page (titled
# "<site> Search" beside at most the site's name: "NPR Search : NPR", its body snippets of
# other stories cut with "...") or an error page. Its body is removed whole (kept in the
# removed paragraphs, and the reader warns that the body was only furniture) so no story
# is told from it.
_SEARCH_SEGMENT = re.compile(r"^(?!the\b)(?:[\w.&'’]+ ){0,2}search(?: results?)?$", re.IGNORECASE)
_ERROR_TITLE = re.compile(r"\bpage not found\b|^(?:error )?404\b|\baccess denied\b", re.IGNORECASE)
_TITLE_PARTS = re.compile(r"\s*[:|–—]\s*|\s+-\s+")
_SITE_NAME_WORDS = 4
_SNIPPET = re.compile(r"^\.\.\.|…$|\.\.\.$| \.\.\. ")


def is_chrome_page(title: str, paragraphs: list[str]) -> bool:
    """Whether an extracted page is site chrome, not an article: its title names a search
    or error page (`_SEARCH_SEGMENT`, `_ERROR_TITLE`) and its body holds a snippet cut
    with "..."."""
    parts = [p for p in _TITLE_PARTS.split(title.strip()) if p]
    search_page = any(
        _SEARCH_SEGMENT.match(part)
        and all(len(other.split()) <= _SITE_NAME_WORDS for other in parts if other is not part)
        for part in parts
    )
    return (search_page or bool(_ERROR_TITLE.search(title))) and any(
        _SNIPPET.search(p.strip()) for p in paragraphs
    )


def _same(a: str, b: str) -> bool:
    return bool(b) and " ".join(a.split()).casefold().rstrip(".") == " ".join(
        b.split()
    ).casefold().rstrip(".")


# In a user's table, a caption at the body's ends goes only when it is short: a longer one
# tells what the story is about ("Williams' Felipe Massa of Brazil cries after ...") and
# the clustering reads it (on giveme5w1h, taking such captions away split stories).
_TABLE_CAPTION_WORDS = 12


def is_end_furniture(paragraph: str, *, inside: bool = True) -> bool:
    """Whether a paragraph at a body's start or end is furniture: a prompt, notice, byline
    or list header (`_EDGE`, `_EDGE_CASED`), a navigation or player label, share line,
    credit or stamp (`_is_notice`), a short subscription line; with `inside=False` (a
    user's table, where nothing is removed inside the body) also a media label and a
    short caption (`_ANYWHERE`, `_is_caption_line`)."""
    line = paragraph.strip()
    if _EDGE.match(line) or _EDGE_CASED.match(line) or _is_capitals_line(line):
        return True
    if _is_notice(line):
        return True
    if not inside and (
        _ANYWHERE.match(line) or (_n_words(line) <= _TABLE_CAPTION_WORDS and _is_caption_line(line))
    ):
        return True
    return (
        bool(_SUBSCRIPTION.search(line)) and _n_words(line) <= 15 and not _SENTENCE_END.search(line)
    )


def clean_body(body: str, title: str = "", *, inside: bool = True) -> tuple[str, list[str]]:
    """(body without furniture, the removed paragraphs in order) for an extracted body.

    `body` is a normalised body (paragraphs separated by blank lines). Removed anywhere:
    media and widget labels, image credits and captions, gallery counters
    (`_ANYWHERE`, `_GALLERY`, `_CAPTION_CREDIT`), and the embeds, credits-first captions and
    contributor lines only bodies show (`_BODY_FURNITURE`), captions led or closed by a
    credit, lone credits and related-story links (`_is_related_or_caption`). Removed at
    either end, as long as they run: sign-up prompts, copyright notices, bylines, "read
    more" and list headers (`_EDGE`), navigation and player labels, share and follow lines,
    credits and time stamps (`_is_notice`), and a first paragraph repeating the title; then
    a highlights box or a list of other stories' headlines opening the body
    (`_opening_lists`). Paragraphs of the article in between are never touched, so a
    prompt-like sentence mid-article stays.

    In any body, a table's too: a widget's paragraph (`is_widget_furniture`: newsletter
    form, video player or gallery) anywhere, and the whole body of a search or error page
    (`is_chrome_page`), which returns an empty body.

    `inside=False` (a user's own table, whose body was not cut out of a page by a machine)
    removes only widgets inside; otherwise only at the ends: the runs of furniture of any
    of these kinds that open or close the body; nothing else between its first and last
    paragraph of prose is touched, and a body that would be left empty is returned as given.
    """
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    removed: list[tuple[int, str]] = []
    kept: list[tuple[int, str]] = []
    for i, paragraph in enumerate(paragraphs):
        line = paragraph.strip()
        if is_widget_furniture(line) or (
            inside
            and (
                _ANYWHERE.match(line)
                or _is_caption_line(line)
                or _is_body_furniture(line)
                or _is_related_or_caption(line)
            )
        ):
            removed.append((i, paragraph))
        else:
            kept.append((i, paragraph))

    while kept and (
        is_end_furniture(kept[0][1], inside=inside) or (inside and _same(kept[0][1], title))
    ):
        removed.append(kept.pop(0))
    while kept and is_end_furniture(kept[-1][1], inside=inside):
        removed.append(kept.pop())
    for _ in range(_opening_lists(kept, title)):
        removed.append(kept.pop(0))
    if is_chrome_page(title, [p for _, p in kept]):
        # Not an article in a crawl or in a table: nothing of it tells a story.
        return "", [p for _, p in sorted([*removed, *kept])]
    if not inside and not kept:
        # A table's body that is furniture through and through (giveme5w1h's CNN galleries:
        # sixty "Photos: ..." captions) still tells what the story is about; left as given.
        return body, []
    return "\n\n".join(p for _, p in kept), [p for _, p in sorted(removed)]


# --- Pages that hold no article of their own ------------------------------------------
#
# A site's search, tag, topic or home page, or a page whose crawl kept only the site's
# name, its self-description and its footer (`no_article_reason`).
#
# A crawler follows links, and some lead to a listing instead of a story (a search for
# "plane crash" on a radio site, its results about other events), or to a story page whose
# text it failed to get, so that it kept the site's generic title ("World news - <site>"),
# the site's description from its meta tags ("<site> delivers the latest news from around
# the world ...") and a teaser or the copyright footer as the body. Such a page is no
# coverage of any event: its numbers and quotes are other stories' or none. It is kept in
# the corpus (nothing a user gave is lost), flagged with the reason in
# ARTICLES.no_article_reason and a reading warning, and left out of the comparisons.
#
# The evidence is what holds across sites, never a list of sites:
#
# - the URL is a listing (`listing_url`): a site search (a query such as ``?q=``,
#   ``?searchinput=``, a ``/search`` path), a tag or topic page (``/tag/<name>``,
#   ``/topics/<name>`` with no story after it), or the site's home page (``/``, no query
#   but trackers: a story may live at "/?p=1352777");
# - the title names only the site (`site_only_title`): every part of it (split at
#   " - ", " | ", ":") is the outlet's name or its host's, or section or search words
#   ("World news", "Search", "Home");
# - the lead is the site's self-description (`is_site_description`): it names the site
#   and speaks of the news it offers ("latest news", "breaking news", "your trusted
#   source", "current events", "exclusive interviews");
# - the body is no story (`is_no_story_body`): empty once its furniture is taken out,
#   or a few lines only (under `SHORT_BODY_WORDS` words).
#
# A search, tag or topic URL decides alone (no story lives at a search's address); the home
# page's with a title naming only the site or a body that is no story (a record may give
# the site's root as a story's link). A title that names only the site decides together
# with a site description or with a body that is no story: a page titled only "<site>"
# whose body is a whole article is an article whose headline the crawler missed, and
# stays one.


_PAGE_WORD = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*", re.UNICODE)
_SITE_TITLE_PARTS = re.compile(r"\s*[:|–—•»]\s*|\s+-\s+")

#: Words a site's name, a section front or a search page's title is made of beside the
#: site's own name: "World news - <site> International", "<site> Search", "Home".
SECTION_WORDS = frozenset(
    """news newsroom international online world global home homepage front page pages
    search searches results result latest breaking top headlines stories story section
    sections topics topic tags tag index archive archives edition editions live video
    videos photos pictures gallery galleries politics business money markets economy sport
    sports technology tech science health entertainment culture arts lifestyle travel
    opinion opinions comment analysis weather local national regional daily today us u.s
    uk europe asia africa americas america middle east australia china india world's
    official site website web network tv television radio channel media group digital
    press news.com com the and of in on at for &""".split()
)

#: Query keys of a site search ("?q=", "?searchinput=", "?keywords="): a page at such an
#: address lists results. "s" is WordPress's search key, a search only at the site's root
#: (elsewhere it is often a share-tracking key).
_SEARCH_KEYS = frozenset(
    {"q", "query", "search", "searchinput", "searchterm", "search_term", "keyword", "keywords"}
)
#: Path segments of a search page ("/search", "/search.php", "/searchresults").
_SEARCH_PATH = re.compile(r"^(?:site)?search(?:[-_]?results?)?(?:\.\w{2,5})?$", re.IGNORECASE)
#: Path segments that open a listing of stories by tag or topic; a listing's address
#: ends at most one segment (the tag's name) after it.
_LISTING_SEGMENT = re.compile(r"^(?:tags?|topics?|keywords?|subjects?)$", re.IGNORECASE)
#: A home page's last segment ("index.html", "default.aspx", "home").
_HOME_SEGMENT = re.compile(r"^(?:index|default|home)(?:\.\w{2,5})?$", re.IGNORECASE)
#: A segment that names a story: a slug of several words or an id of digits. A listing
#: address followed by such a segment is a story filed under the tag.
_STORY_SEGMENT = re.compile(r"\d{4,}|(?:[^\W_]+[-_]){3,}", re.UNICODE)

#: What `listing_url` says of a home page's address.
HOME_PAGE = "the site's home page"

#: Query keys that track a visit and address no page (utm_source, fbclid, ref).
_TRACKER = re.compile(r"^(?:utm_\w+|fbclid|gclid|ref|src|cmp|ito|ocid|sr_share|s_cid)$", re.I)

#: Phrases of a site's description of itself (its meta description on every page); each
#: speaks of the news a site offers, not of an event.
_SELF_DESCRIPTION = re.compile(
    r"\b(?:latest|breaking|top|daily) news\b|\bnews (?:and|&) (?:analysis|videos?|views|"
    r"opinion|information)\b|\byour (?:trusted |number one |no\. ?1 |#1 )?(?:source|destination|"
    r"home) (?:for|of)\b|\bcurrent events\b|\bexclusive (?:interviews|videos|reports)\b|"
    r"\bfrom around the (?:world|globe)\b|\bofficial (?:web)?site\b|\bspecial reports\b|"
    r"\bheadlines,? (?:and )?(?:videos?|analysis)\b",
    re.IGNORECASE,
)
#: How many of the description's phrases a lead holds at least.
_DESCRIPTION_PHRASES = 2

#: A body under this many words, beside a title that names only the site, is a teaser,
#: a footer or a line of the page's furniture, not the story the page was meant to hold.
SHORT_BODY_WORDS = 60


def _page_words(text: str) -> list[str]:
    return [w.casefold() for w in _PAGE_WORD.findall(text)]


def _host_labels(url: str | None) -> set[str]:
    """The labels of the URL's host but the top-level one and "www" (abcnews.go.com:
    abcnews, go): what a title may name the site by."""
    if not url:
        return set()
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return set()
    labels = [label for label in host.casefold().split(".") if label]
    return {label for label in labels[:-1] if label not in {"www", "m", "mobile", "amp"}}


def site_words(outlet: str, url: str | None) -> set[str]:
    """The words that name the site: the outlet's and its host's labels, and each of those
    labels split at hyphens ("ABC News", abcnews.go.com: abc, news, abcnews, go)."""
    words = set(_page_words(outlet)) | _host_labels(url)
    words |= {part for word in list(words) for part in word.split("-") if part}
    words.add("".join(_page_words(outlet)))  # "ABC News" written "ABCNews"
    words.discard("")
    return words


#: Most words a site's name squashes into its host's label ("Valley Courier":
#: valleycourier.example).
_SQUASHED_WORDS = 4


def _site_named(words: list[str], names: set[str]) -> list[bool]:
    """For each of `words`, whether it names the site: it is one of `names`, or one of a
    run of up to `_SQUASHED_WORDS` words that written together are one ("valley courier":
    valleycourier), or a domain whose name is one ("abcnews.com")."""
    named = [w in names or w.split(".")[0] in names for w in words]  # "abcnews.com"
    for start in range(len(words)):
        for end in range(start + 2, min(start + _SQUASHED_WORDS, len(words)) + 1):
            if "".join(words[start:end]) in names:
                named[start:end] = [True] * (end - start)
    return named


def _beyond_site(words: list[str], site: list[bool]) -> bool:
    """Whether some of `words` is neither the site's name (`site`: `_site_named`'s flags)
    nor a section or search word (`SECTION_WORDS`)."""
    return any(
        not by_site and w not in SECTION_WORDS for w, by_site in zip(words, site, strict=True)
    )


def site_only_title(title: str, outlet: str, url: str | None) -> bool:
    """Whether `title` names only the site: each of its parts (split at " - ", " | ",
    ":") is the site's name (`site_words`), section or search words (`SECTION_WORDS`), or
    the two together ("World news - RT International", "NPR Search : NPR", "ABC News");
    and at least one part names the site. An empty title is not one."""
    parts = [p for p in _SITE_TITLE_PARTS.split(title.strip()) if p.strip()]
    if not parts:
        return False
    names = site_words(outlet, url)
    named = False
    for part in parts:
        words = _page_words(part)
        if not words:
            continue
        site = _site_named(words, names)
        if _beyond_site(words, site):
            return False
        named = named or any(site)
    return named


def is_site_description(lead: str, outlet: str, url: str | None) -> bool:
    """Whether `lead` is the site's description of itself: it names the site
    (`site_words`, "ABCNews.com" included) and holds at least `_DESCRIPTION_PHRASES`
    phrases of a site's offer of news (`_SELF_DESCRIPTION`)."""
    if not lead.strip():
        return False
    names = site_words(outlet, url) - SECTION_WORDS
    if not any(_site_named(_page_words(lead), names)):
        return False
    return len(_SELF_DESCRIPTION.findall(lead)) >= _DESCRIPTION_PHRASES


def is_no_story_body(body: str) -> bool:
    """Whether `body` (cleaned of its furniture) tells no story: empty, or under
    `SHORT_BODY_WORDS` words."""
    return len(_page_words(body)) < SHORT_BODY_WORDS


def listing_url(url: str | None) -> str | None:
    """What listing the URL addresses ("a site search (searchinput=...)", "a tag page
    (/tag/...)", "the site's home page"), or None for a story's address."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        query = parse_qsl(parts.query, keep_blank_values=False)
    except ValueError:
        return None
    segments = [s for s in parts.path.split("/") if s]
    for i, segment in enumerate(segments):
        rest = segments[i + 1 :]
        if _SEARCH_PATH.match(segment) and not any(_STORY_SEGMENT.search(s) for s in rest):
            return f"a site search (/{'/'.join(segments[: i + 1])})"
        if (
            _LISTING_SEGMENT.match(segment)
            and len(rest) <= 1
            and not any(_STORY_SEGMENT.search(s) for s in rest)
        ):
            return f"a {segment.casefold().rstrip('s')} page (/{'/'.join(segments)})"
    for key, value in query:
        key = key.casefold()
        if value.strip() and (key in _SEARCH_KEYS or (key == "s" and not segments)):
            return f"a site search ({key}={value.strip()[:60]})"
    # A story can live at the root under a query (WordPress's "/?p=1352777", "/?sid=...");
    # the home page has no query but its trackers'.
    if (not segments or (len(segments) == 1 and _HOME_SEGMENT.match(segments[0]))) and all(
        _TRACKER.match(key) for key, _ in query
    ):
        return HOME_PAGE
    return None


def no_article_reason(
    title: str,
    lead: str,
    body: str,
    outlet: str,
    url: str | None,
    removed: list[str] | None = None,
) -> str | None:
    """Why the page of this record holds no article of its own, or None for an article.

    `title`, `lead`, `body`: as ARTICLES holds them (the body cleaned of its furniture);
    `removed`: the paragraphs the cleaning took out of the body (extra.furniture_removed),
    which tell a search or error page whose body went whole (`is_chrome_page`).
    Decides on a listing URL alone, on a title naming only the site together with a site
    description as lead or a body that is no story, and on a search or error page's
    title with its result snippets (the comment above `SECTION_WORDS` says why).
    """
    listing = listing_url(url)
    site_title = site_only_title(title, outlet, url)
    if listing == HOME_PAGE:
        if site_title or is_no_story_body(body):
            return f"the URL is {listing} and {'its title names only the site' if site_title else 'it tells no story'}"
    elif listing:
        return f"the URL is {listing}"
    if not body.strip() and removed and is_chrome_page(title, removed):
        return f"a search or error page ({title.strip()[:80]!r}): its body was only snippets"
    if not site_title:
        return None
    said = f"the title names only the site ({title.strip()[:80]!r})"
    if is_site_description(lead, outlet, url):
        return f"{said} and the lead is the site's description of itself"
    if is_no_story_body(body):
        n = len(_page_words(body))
        what = "no body" if not n else f"a body of {n} words"
        return f"{said} and it has {what} once its furniture is out"
    return None


# --- the site's name at the end of a title -----------------------------------------------
#
# A page's <title> often ends with the site's name ("... - Hawaii News Now - KGMB and
# KHNL", "... | Daily Mail Online"). Crawlers and extractors take it off by their own
# heuristics (news-please's and trafilatura's title choice), so most titles arrive
# without it, but not all: a title whose headline the site truncated, or with two
# parts after it, keeps the whole <title>. StoryLens takes it off itself for every
# input, on the same evidence as `site_only_title`: a part after a separator that is the
# site's name (`site_words`) with at most section words beside it, and what follows it
# a tagline of a few words (station call signs, "Breaking News"). A colon is no
# separator here ("Bitcoin Price LIVE: As BTC falls ..."), and a title left with only
# the site's and section words ("World news - RT International") is kept whole: it is
# evidence that the page holds no article (`no_article_reason`).

_SUFFIX_SEPARATOR = re.compile(r"\s+(?:-|\||–|—|»|•|::)\s+")
#: Most words in a part after the site's name that still goes with it ("KGMB and KHNL").
_TAGLINE_WORDS = 4


def site_suffix(title: str, outlet: str, url: str | None) -> int | None:
    """Where the site's name at the end of `title` starts (the index of its separator),
    or None when the title does not end with one.

    A suffix is a part after " - ", " | ", " – ", " — ", " » ", " • " or " :: " whose
    words all name the site (`site_words` of `outlet` and `url`) or are section words,
    one of them the site's, followed only by parts of at most `_TAGLINE_WORDS` words.
    What stays must hold a word that is neither: a title naming only the site is kept.
    """
    cuts = list(_SUFFIX_SEPARATOR.finditer(title))
    if not cuts:
        return None
    names = site_words(outlet, url)
    bounds = [m.start() for m in cuts] + [len(title)]
    starts = [m.end() for m in cuts]
    parts = [title[start:end] for start, end in zip(starts, bounds[1:], strict=True)]
    for i, part in enumerate(parts):
        words = _page_words(part)
        site = _site_named(words, names)
        # A site word that is no section word: "News" alone is no site's name.
        if not any(s and w not in SECTION_WORDS for w, s in zip(words, site, strict=True)):
            continue
        if _beyond_site(words, site):
            continue
        if any(len(_page_words(rest)) > _TAGLINE_WORDS for rest in parts[i + 1 :]):
            continue
        head = _page_words(title[: bounds[i]])
        return bounds[i] if _beyond_site(head, _site_named(head, names)) else None
    return None


def strip_site_suffix(title: str, outlet: str, url: str | None) -> tuple[str, str]:
    """`title` without the site's name at its end (`site_suffix`), and what was taken off
    ("Hawaii News Now - KGMB and KHNL"; "" when nothing was)."""
    at = site_suffix(title, outlet, url)
    if at is None:
        return title, ""
    match = _SUFFIX_SEPARATOR.match(title, at)
    rest = title[match.end() :] if match else title[at:]
    return title[:at].rstrip(), rest.strip()
