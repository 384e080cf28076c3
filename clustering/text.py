"""Small text utilities shared by the stages: sentence and paragraph splitting, word
tokens, and the one lemmatiser and stemmer (`lemma`, `stem`).

Sentence splitting is rule-based on purpose: it runs over every article of a
corpus, must be fast and deterministic, and news prose is regular enough that
abbreviations, initials, decimals and closing quotes are the cases that matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# scikit-learn's English stop words (`sklearn.feature_extraction.text.ENGLISH_STOP_WORDS`,
# 318 words, the Glasgow list), spelled out so that the comparisons read them without
# importing scikit-learn: that import (sklearn.base, its utils and scipy.stats) was about a
# fifth of the second comparison process's start (issue 14), a process that clusters
# nothing. tests/test_stop_words.py checks the copy against scikit-learn's own.
ENGLISH_STOP_WORDS = frozenset(
    """
    a about above across after afterwards again against all almost alone along already
    also although always am among amongst amoungst amount an and another any anyhow
    anyone anything anyway anywhere are around as at back be became because become
    becomes becoming been before beforehand behind being below beside besides between
    beyond bill both bottom but by call can cannot cant co con could couldnt cry de
    describe detail do done down due during each eg eight either eleven else elsewhere
    empty enough etc even ever every everyone everything everywhere except few fifteen
    fifty fill find fire first five for former formerly forty found four from front full
    further get give go had has hasnt have he hence her here hereafter hereby herein
    hereupon hers herself him himself his how however hundred i ie if in inc indeed
    interest into is it its itself keep last latter latterly least less ltd made many
    may me meanwhile might mill mine more moreover most mostly move much must my myself
    name namely neither never nevertheless next nine no nobody none noone nor not
    nothing now nowhere of off often on once one only onto or other others otherwise our
    ours ourselves out over own part per perhaps please put rather re same see seem
    seemed seeming seems serious several she should show side since sincere six sixty so
    some somehow someone something sometime sometimes somewhere still such system take
    ten than that the their them themselves then thence there thereafter thereby
    therefore therein thereupon these they thick thin third this those though three
    through throughout thru thus to together too top toward towards twelve twenty two un
    under until up upon us very via was we well were what whatever when whence whenever
    where whereafter whereas whereby wherein whereupon wherever whether which while
    whither who whoever whole whom whose why will with within without would yet you your
    yours yourself yourselves""".split()
)

# Abbreviations after which a period does not end a sentence (lower-cased, without the dot).
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt gen col lt sgt capt cmdr adm gov sen rep rev hon pres
    vs etc inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec no nos fig
    al approx dept est u.s u.k u.n e.g i.e a.m p.m ft""".split()
)
# A capitalised weekday abbreviated before a month and a day ("it was Sun. Dec. 31, 2017")
# does not end a sentence; alone these would also read as words that do ("under the sun.
# Then", "He sat. December came", "The Sun. Then").
_WEEKDAY_ABBREVIATIONS = frozenset("mon tue tues wed thu thur thurs fri sat sun".split())
_DATE_AFTER_WEEKDAY = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+\d"
)
# Other initialisms written with dots ("D.C.", "J.C.", "L.A.", "F.B.I.") end a sentence
# only when a word that opens sentences follows: "Interim D.C. Police Chief Peter Newsham"
# and "J.C. Penney" are one sentence, "... in Washington, D.C. The mayor said" two.
_INITIALISM = re.compile(r"(?:[a-z]\.)+[a-z]")
_SENTENCE_OPENERS = frozenset(
    """the a an he she it it's it’s i you we they this that these those there his her their
    its our my but and so yet or in on at for from with after before when while as if then
    now also however still many some most no not nothing one two three four five six seven
    eight nine ten""".split()
)

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets), then whitespace,
# then something that can start a sentence (capital, digit, opening quote or bracket).
_BOUNDARY = re.compile(
    r"""(?<=[.!?])(["'\u201d\u2019)\]]*)\s+(?=["'\u201c\u2018(\[]?[A-Z0-9\u00C0-\u024F])"""
)
_PARAGRAPH = re.compile(r"\n\s*\n")

#: Weekday names, Monday first (`date.weekday()` numbering).
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WORD = re.compile(r"\w+(?:['\u2019.-]\w+)*", re.UNICODE)


@dataclass(frozen=True)
class Sentence:
    """One sentence of a text: its characters [start, end) and its paragraph index."""

    start: int
    end: int
    paragraph: int
    text: str


# The word a full stop ends (group 1), matched from the start of a sentence's last word.
_DOTTED_WORD = re.compile(r"(\S+)\.[\"'\u201d\u2019)\]]*$")


def _last_word_start(text: str, start: int, end: int) -> int:
    """Where the last word of text[start:end] starts: past its last blank, never before
    `start`. Reads the word only, so the sentence splitter stays linear in the paragraph:
    searching the whole growing chunk at each full stop that does not end a sentence made
    a long run of initials ('Ann said "a b." ' x 6,000: 9 s) quadratic (issue 14)."""
    while end > start and not text[end - 1].isspace():
        end -= 1
    return end


def _word_is_abbreviation(
    text: str, word_start: int, following: str, end: int | None = None
) -> bool:
    """Whether the word at text[word_start:end] (to the end of `text` when None), a full
    stop and closing marks, is an abbreviation or an initial whose stop does not end the
    sentence (`following`: the text after it)."""
    match = _DOTTED_WORD.match(text, word_start, len(text) if end is None else end)
    if match is None:
        return False
    word = match.group(1).lstrip("\"'\u201c\u2018([")
    token = word.lower()
    # Single capital initials ("J. K. Rowling") and known abbreviations do not end sentences.
    if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
        return True
    if token in _WEEKDAY_ABBREVIATIONS and word[:1].isupper():
        return _DATE_AFTER_WEEKDAY.match(following.lstrip()) is not None
    if _INITIALISM.fullmatch(token):
        next_word = (
            following.split(maxsplit=1)[0].strip('"\u201c\u2018([,').lower()
            if following.strip()
            else ""
        )
        return next_word not in _SENTENCE_OPENERS
    return False


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans [start, end) of the non-empty paragraphs of `text` (blank-line separated,
    or one paragraph per line when the text has no blank lines)."""
    separator = _PARAGRAPH if _PARAGRAPH.search(text) else re.compile(r"\n")
    spans = []
    start = 0
    for match in separator.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        chunk = text[a:b]
        stripped = chunk.strip()
        if stripped:
            offset = a + (len(chunk) - len(chunk.lstrip()))
            out.append((offset, offset + len(stripped)))
    return out


#: Texts whose sentences `split_sentences` remembers: the bodies and leads of a run of up
#: to `framing_comparison.READ_AHEAD_ARTICLES` (4,096) articles, whose read-ahead splits
#: them again after the extraction (issue 14 at scale: at 2,048, 2,704 articles were split
#: ~5,400 times; the `Sentence` objects are shared with `facts.split_fact_sentences`'s).
SPLIT_MEMO_SIZE = 8192


def split_sentences(text: str) -> list[Sentence]:
    """Split `text` into sentences, never across paragraphs; offsets index into `text`.

    A new list each call, of the sentences remembered for the last SPLIT_MEMO_SIZE
    texts: the numbers, the quotes, the framing cues and the facts each split the same
    article bodies (issue 14), and a `Sentence` is immutable, so they share one split."""
    return list(_split_sentences(text))


@lru_cache(maxsize=SPLIT_MEMO_SIZE)
def _split_sentences(text: str) -> tuple[Sentence, ...]:
    """`split_sentences(text)`, as a tuple (shared by every caller)."""
    sentences: list[Sentence] = []
    for index, (p_start, p_end) in enumerate(split_paragraphs(text)):
        paragraph = text[p_start:p_end]
        start = 0
        for match in _BOUNDARY.finditer(paragraph):
            end = match.end(1)  # keep closing quotes and brackets with their sentence
            # (paragraph[start:end] ends in a stop or a closing mark, never a blank)
            if _word_is_abbreviation(
                paragraph,
                _last_word_start(paragraph, start, end),
                paragraph[match.end() : match.end() + 40],
                end,
            ):
                continue
            chunk = paragraph[start:end]
            if chunk.strip():
                sentences.append(Sentence(p_start + start, p_start + end, index, chunk.strip()))
            start = match.end()
        tail = paragraph[start:]
        if tail.strip():
            sentences.append(Sentence(p_start + start, p_end, index, tail.strip()))
    return tuple(sentences)


# Characters whose lower case is not the one an ASCII case-insensitive pattern matches:
# dotless i and long s match "i" and "s" under re.I, and "İ".lower() adds a combining dot.
_FOLD = str.maketrans({"\u0131": "i", "\u017f": "s", "\u0307": None})


def fold_case(text: str) -> str:
    """`text` lower-cased so that an ASCII literal a case-insensitive pattern matches in it is
    a substring: the pre-checks that skip a pattern on text holding none of its literals
    (numbers, number claims, page furniture); the patterns still run on `text`."""
    low = text.lower()
    # translate is slow on non-ASCII text (curly quotes): only run where it changes something
    if low.isascii() or not ("\u0131" in low or "\u017f" in low or "\u0307" in low):
        return low
    return low.translate(_FOLD)


def words(text: str) -> list[str]:
    """Lower-cased word tokens of `text`."""
    lowered = text.lower()
    if len(lowered) == len(text) and "\u03a3" not in text:
        # The same words, lower-cased once (issue 14): every character but U+0130 lower-cases
        # to one character that is a word character exactly when it was one, so the tokens
        # fall at the same offsets; only a capital sigma lower-cases by its neighbours.
        return _WORD.findall(lowered)
    return [w.lower() for w in _WORD.findall(text)]


def word_count(text: str) -> int:
    """`len(words(text))`, without lower-casing each word."""
    return len(_WORD.findall(text))


def holds_words(text: str, at_least: int, skip: frozenset[str] = frozenset()) -> bool:
    """Whether `words(text)` holds `at_least` words outside `skip`: the same answer as
    `sum(w not in skip for w in words(text)) >= at_least`, reading words only until
    it is known (most sentences answer within their first few words)."""
    if at_least <= 0:
        return True
    found = 0
    for match in _WORD.finditer(text):
        if match.group().lower() not in skip:
            found += 1
            if found >= at_least:
                return True
    return False


# Plurals the suffix rules below would get wrong, and nouns that are their own plural.
_IRREGULAR_PLURALS = {
    "people": "people", "children": "child", "men": "man", "women": "woman",
    "police": "police", "data": "data", "media": "media", "feet": "foot", "teeth": "tooth",
    "mice": "mouse", "geese": "goose", "lives": "life", "wives": "wife", "knives": "knife",
    "thieves": "thief", "halves": "half", "news": "news", "series": "series",
    "species": "species", "aircraft": "aircraft", "crises": "crisis", "analyses": "analysis",
    "bases": "base", "statuses": "status", "votes": "vote", "sales": "sale",
}  # fmt: skip
# Endings of singular words that end in "s" ("glass", "virus", "crisis", "politics").
_KEEP_S = ("ss", "us", "is", "ics", "ous", "sis")


def lemma(word: str) -> str:
    """Lower-case singular of a noun (a small rule-based lemmatiser: plurals only).

    Verbs are left alone on purpose: "killed" and "displaced" are part of what is counted.
    """
    w = word.lower().replace("\u2019", "'")
    if w in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[w]
    if len(w) <= 3 or not w.endswith("s") or w.endswith(_KEEP_S) or "'" in w:
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "sses", "zes")):
        return w[:-2]
    return w[:-1]


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude stem for comparing wordings: `lemma` without a possessive "'s", then "-ing"
    and "-ed" cut where four letters stay ("flooding" ~ "flooded" ~ "floods" -> "flood",
    "council's" -> "council").

    The one stemmer of the comparisons (facts and numbers). Measured against the two it
    replaced: benchmarks/compare_numbers.py scores the same to the last digit (dev, test
    and synthetic), and benchmarks/compare_facts.py's exclusive-fact F1 rises 0.557 ->
    0.563 (precision 0.388 -> 0.394, recall 100 -> 99 of 101 gold facts: "resumes" now
    meets "resume" in another outlet).

    Remembered per word: a story's words recur across its sentences, outlets and stories
    (31k calls on a few thousand words per 200 articles in the number alignment; issue 14).
    """
    w = lemma(word.lower().replace("\u2019", "'").removesuffix("'s"))
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


def days_before(published_weekday: int, word: str) -> int:
    """Days from the day `word` names back to the publication day whose weekday is
    `published_weekday` (Monday = 0): a weekday is the last such day on or before it
    ("Monday" in a Tuesday paper: 1); "yesterday" and "last night": 1; "today",
    "tonight", "this morning": 0."""
    word = word.lower()
    if word in WEEKDAYS:
        return (published_weekday - WEEKDAYS.index(word)) % 7
    return 1 if word.startswith(("yesterday", "last")) else 0


#: A sentence longer than this is stored (NUMBERS.sentence, QUOTES.sentence) and read by
#: the comparisons as a window around each figure or quote (`sentence_window`), not whole:
#: a pasted table of 10,000 figures in one 49 KB "sentence" made a 490 MB column, and each
#: reading of a claim's sentence costs its length. The longest sentence holding a number in
#: the 2,722 labelled articles has 2,658 characters, holding a quote 2,690: none is cut.
LONG_SENTENCE_CHARS = 3000
#: ... and how far either side of its figure such a window reaches (then back to a blank).
WINDOW_CHARS = 300
#: The mark standing for the words cut off either side of a window.
ELLIPSIS = "\u2026"
_BLANKS = re.compile(r"\s+")


def sentence_window(sentence: str, start: int, end: int) -> tuple[str, int]:
    """(`sentence` itself, 0), or where it is longer than LONG_SENTENCE_CHARS, (a window of
    it around the figure at sentence[start:end], the shift): at most WINDOW_CHARS either
    side of the figure, cut back to whole words, with "\u2026 " before and " \u2026" after
    where words were cut off (at most 2 * WINDOW_CHARS + the figure + 4 characters). The
    figure is at window[start - shift : end - shift]: NUMBERS.sentence_start plus the
    shift keeps `start - sentence_start` pointing at it."""
    if len(sentence) <= LONG_SENTENCE_CHARS:
        return sentence, 0
    first = max(0, start - WINDOW_CHARS)
    if first > 0:  # from the first word that starts inside the window
        blank = _BLANKS.search(sentence, first - 1, start)
        first = blank.end() if blank else first
    last = min(len(sentence), end + WINDOW_CHARS)
    if last < len(sentence):  # up to the last word that ends inside it
        blanks = [m.start() for m in _BLANKS.finditer(sentence, end, last + 1)]
        last = blanks[-1] if blanks else last
    head = ELLIPSIS + " " if first > 0 else ""
    tail = " " + ELLIPSIS if last < len(sentence) else ""
    return head + sentence[first:last] + tail, first - len(head)
