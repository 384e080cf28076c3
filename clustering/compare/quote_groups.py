"""The same quote across the outlets of one story: who carries it, who trims it, how the
wording differs.

`align_quotes` groups the QUOTES rows of one story's articles into QUOTE_GROUPS (one row per
version of a quote, grouped), and `quotes_json` shapes those groups for the CLI and exports.

Grouping is greedy and deterministic: versions are taken longest first, and each joins the
group holding its most similar version (rapidfuzz `token_set_ratio` for rewordings,
`partial_ratio` for truncations, both on lower-cased words without punctuation) when that
similarity reaches the threshold and both the speaker and the words agree; otherwise it
starts a group. Speakers agree when they are the same person (same full name, or a surname
alone or a name of two words or more that ends the other's name); a version whose speaker
is unknown, or a group with no known speaker, needs the words to agree closely instead
(see `_words_agree`), because short quotes share a word or two by chance ("a private
matter", "a worldwide matter") and the speaker is then the only thing left to tell them
apart. The longest version of a group is its reference: similarities and word diffs are
against it. A version is truncated when the outlet cut it with an ellipsis
(QUOTES.is_truncated) or it is a contiguous piece of a longer version that cuts into a
sentence. Wire copies (articles with `duplicate_of` set) are left out, because a
syndicated copy carrying a quote is not a second outlet confirming it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from typing import Any

import numpy as np
import polars as pl
from rapidfuzz import fuzz

from clustering.compare.diff import diff_words
from clustering.config import CompareConfig
from clustering.embed import Embedder, UniversalSentenceEncoder
from clustering.errors import ConfigError
from clustering.extract.quotes import QUOTES
from clustering.schema import ARTICLES, QUOTE_GROUPS, validate
from clustering.text import ENGLISH_STOP_WORDS

__all__ = [
    "QUOTE_GROUPS",
    "align_quotes",
    "match_translations",
    "multilingual_encoder",
    "quote_spans",
    "quotes_json",
    "same_quote",
    "same_speaker",
    "story_full_names",
    "version_wording",
]


# Below this many words a version is compared whole (`ratio`): subset-based scores would
# match a two-word fragment to any quote containing those words.
_MIN_WORDS_FOR_SUBSET = 2
_MIN_SHARED_WORDS = 0.5
# When no speaker vouches for a match, at least this many content words must be shared
# (the shares and similarities are CompareConfig.quote_* settings).
_MIN_SHARED_CONTENT = 2
# A known speaker vouches for whose words they are, not for which of their words: one person
# says many things in one story, and two of their quotes share a word or two by chance ("not
# going to talk about this anymore" / "not going to allow this thing to dominate what I talk
# about"; "come to the table" / "all options are on the table"). So even a vouched pair
# needs the shorter found nearly verbatim in the longer (`partial_ratio` at least this: a
# truncation, or a word changed; a shorter of fewer than two content words, whose letters
# match by chance, "who are you" in "how are you", needs its words in the longer as they
# stand, or the two alike as wholes) ...
_VOUCHED_VERBATIM = 85.0
# ... or, for a rewording or another translation of the same statement, at least this many
# content words shared, making this share of the shorter's, with the wording still
# recognisable (`partial_ratio` at least _VOUCHED_REWORDED_SIMILARITY). Read on 80 stories
# of news-please and BASIL: the pairs below these were two different quotes of one speaker
# in all but a handful of two-word fragments.
_VOUCHED_REWORDED_WORDS = 3
_VOUCHED_REWORDED_SHARE = 0.6
_VOUCHED_REWORDED_SIMILARITY = 60.0
_STOP_WORDS = frozenset(ENGLISH_STOP_WORDS)
_HONORIFICS = frozenset("mr mrs ms dr jr sr".split())
# Two versions whose speakers are two different people are still one statement when one
# speaks for the other (a sentence of one version names the other's speaker) and the
# shorter is long and found nearly verbatim in the longer: a spokesperson reads out the
# statement of whom they speak for ("Mr. Weinstein acknowledges ...", said his
# representative Holly Baird / said Harvey Weinstein in a statement), and two people do
# not say the same dozen words by chance. At least this many content words, this share of
# the shorter's, this `partial_ratio`.
_SAME_STATEMENT_WORDS = 8
_SAME_STATEMENT_SHARE = 0.9
# A sentence-long statement is one too with fewer content words: at least this many, in
# this many words or more (the crawl's 'out of the abundance of caution and safety for
# the passengers and crew' under ANA and, in one outlet, United Airlines; Carson Palmer's
# letter under Bruce Arians; Tarantino's 'was deeply regretful and remains remorseful about
# this sorry event' under 'Chiaki Kuryama' in one outlet). Shorter words stay apart: "Thank
# you", "no comment", or Abe's "unprecedented, serious and grave threat" that Yoshihide
# Suga repeated.
_SAME_STATEMENT_SENTENCE_CONTENT = 5
_SAME_STATEMENT_SENTENCE_WORDS = 10
_SAME_STATEMENT_SIMILARITY = 90.0
_NON_WORD = re.compile(r"[^\w\s]+")
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?]")
_NEEDED_ARTICLES = pl.Schema({c: ARTICLES[c] for c in ("article_id", "outlet", "duplicate_of")})
_NEEDED_QUOTES = pl.Schema({c: QUOTES[c] for c in ("article_id", "quote_index", "text", "speaker")})


def _normalise(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


# An outlet's insertion into a quote, in square brackets between words ("with the [National
# Academy of Recording Arts and Sciences] organization", "[…]"): the outlet's words, not
# the speaker's. A bracket inside a word ("[T]he") is a letter changed and keeps it.
_INSERTION = re.compile(r"(?<!\w)\[[^\[\]]*\](?!\w)")


def _compared(text: str) -> str:
    """`text` as versions are compared: normalised (`_normalise`) without the outlet's
    bracketed insertions (`_INSERTION`), unless nothing else is left. The crawl's Rolling
    Stone wrote '[National Academy of Recording Arts and Sciences]' where The New York
    Times kept the letter's 'Naras', and the one letter stood as two quotes. A bracket
    inside a word is dropped ("[T]he" is "the")."""
    kept = _INSERTION.sub(" ", text).replace("[", "").replace("]", "")
    return _normalise(kept) or _normalise(text)


def _similarities(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Pairwise similarities 0-100 of normalised texts, two arrays of shape (n, n).

    The first decides grouping: the best of `token_set_ratio` (100 when one text's words
    are a subset of the other's: a clause dropped anywhere) and `partial_ratio` (a
    truncation at either end). The second is the one reported: the best of `partial_ratio`
    and `token_sort_ratio`, which is 100 only for the same words in the same order, so a
    changed word always shows.

    Only pairs sharing at least `_MIN_SHARED_WORDS` of the shorter text's distinct words
    are scored (the others get 0): `partial_ratio` is quadratic in the text lengths, and a
    truncation or a rewording above the threshold shares most of its words anyway.
    """
    vocabulary: dict[str, int] = {}
    bags = [[vocabulary.setdefault(w, len(vocabulary)) for w in set(t.split())] for t in texts]
    presence = np.zeros((len(texts), max(len(vocabulary), 1)), dtype=np.float32)
    for i, bag in enumerate(bags):
        presence[i, bag] = 1.0
    sizes = presence.sum(axis=1)
    shared = (presence @ presence.T) / np.maximum(np.minimum.outer(sizes, sizes), 1.0)
    similarity = np.zeros((len(texts), len(texts)))
    np.fill_diagonal(similarity, 100.0)
    wording = similarity.copy()
    for i, j in zip(*np.nonzero(np.triu(shared >= _MIN_SHARED_WORDS, k=1)), strict=True):
        a, b = texts[i], texts[j]
        if min(len(bags[i]), len(bags[j])) < _MIN_WORDS_FOR_SUBSET:
            score = same_order = fuzz.ratio(a, b)
        else:
            partial = fuzz.partial_ratio(a, b)
            score = max(fuzz.token_set_ratio(a, b), partial)
            same_order = max(fuzz.token_sort_ratio(a, b), partial)
        similarity[i, j] = similarity[j, i] = score
        wording[i, j] = wording[j, i] = same_order
    return similarity, wording


def _name_words(speaker: str | None) -> tuple[str, ...]:
    """A speaker's name as compared: lower-case words without accents, initials and
    punctuation dropped ("François Hollande" is "Francois Hollande": two outlets of one
    story spell him both ways)."""
    if not speaker:
        return ()
    plain = unicodedata.normalize("NFKD", speaker.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    words = _NON_WORD.sub(" ", plain).split()
    return tuple(w for w in words if len(w) > 1 and w not in ("jr", "sr", "mr", "ms", "mrs"))


def _same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same full name, a one-word name that is the other's surname ("Kuleba" and "Dmytro
    Kuleba"), or a name of two words or more that is the other's trailing words: one
    outlet's extractor dropped a leading word of an organisation's or a person's name
    ("Nippon Airways" and "All Nippon Airways", the crawl's ANA statement in two groups).
    "Joe Biden" and "Hunter Biden" are two people."""
    if not a or not b:
        return False
    if len(a) == 1 or len(b) == 1:
        return a[-1] == b[-1]
    short, long = sorted((a, b), key=len)
    return long[len(long) - len(short) :] == short


def _content_words(normalised: str) -> frozenset[str]:
    # Honorifics are no evidence of the same words: "Mr. Weinstein and Ms. Thurman" share
    # "mr" and "ms" with any statement about the two.
    return frozenset(
        w
        for w in normalised.split()
        if w not in _STOP_WORDS and len(w) > 1 and w not in _HONORIFICS
    )


def _words_agree(
    texts: tuple[str, str],
    words: tuple[frozenset[str], frozenset[str]],
    vouched: bool,
    similarity: float,
    config: CompareConfig,
    names: frozenset[str] = frozenset(),
) -> bool:
    """Whether two versions (normalised `texts`, their content `words`) agree enough to be
    one quote.

    When both speakers are known and the same person (`vouched`): `quote_content_share`
    (half) of the shorter's content words, and either the shorter found nearly verbatim in
    the longer (`partial_ratio` >= 85; with fewer than two content words, its words as they
    stand in the longer, or `ratio` >= 85 of the two when it has one) or a rewording
    sharing at least 3 content words that are not `names` (words either writes capitalised
    inside a sentence), 60% of the shorter's content words, with `partial_ratio` >= 60.
    Else `quote_unvouched_content_share` (80%) of them and at least two, a similarity of
    at least `quote_unvouched_similarity` (85), and the shorter found nearly verbatim in
    the longer (`partial_ratio` as high), since "Obama agenda" is not a piece of a long
    quote that uses both words apart."""
    a, b = words
    shorter = min(len(a), len(b))
    shared = len(a & b)
    short_text, long_text = sorted(texts, key=len)
    if vouched:
        if shared < config.quote_content_share * shorter:
            return False
        if shorter < _MIN_SHARED_CONTENT:
            # Its words as they stand in the longer, or the two alike whole ("there is so
            # much that can go wrong" / "there's so much that can go wrong here").
            # With no content word at all, letters are all there is to compare, and they
            # match by chance: "who are you" is 91 to "how are you".
            return f" {short_text} " in f" {long_text} " or (
                shorter == 1 and fuzz.ratio(short_text, long_text) >= _VOUCHED_VERBATIM
            )
        verbatim = fuzz.partial_ratio(short_text, long_text)
        # A rewording is told by its common words: names (`names`, the words either
        # writes capitalised inside a sentence) are what every statement about the same
        # people shares ("demonstrate the strong relationship Mr. Weinstein and Ms.
        # Thurman had" is not "There was no physical contact during Mr. Weinstein's ...").
        common = len(a & b - names)
        return verbatim >= _VOUCHED_VERBATIM or (
            common >= _VOUCHED_REWORDED_WORDS
            and shared >= _VOUCHED_REWORDED_SHARE * shorter
            and verbatim >= _VOUCHED_REWORDED_SIMILARITY
        )
    return (
        shared >= min(_MIN_SHARED_CONTENT, shorter) > 0
        and shared >= config.quote_unvouched_content_share * shorter
        and similarity >= config.quote_unvouched_similarity
        and fuzz.partial_ratio(short_text, long_text) >= config.quote_unvouched_similarity
    )


def _versions_agree(
    texts: tuple[list[str], list[frozenset[str]], list[frozenset[str]]],
    pair: tuple[int, int],
    similarity: float,
    threshold: float,
    other_person: bool,
    vouched: bool,
    config: CompareConfig,
) -> bool:
    """Whether versions `pair` (indices into `texts`: normalised texts, content words) are
    one quote: by two different people only as one long statement (`_same_statement`),
    else at `threshold` similarity with the words agreeing (`_words_agree`, the names
    either writes capitalised left out of a rewording's shared words)."""
    normalised, content, names = texts
    i, k = pair
    both, words = (normalised[i], normalised[k]), (content[i], content[k])
    if other_person:
        return _same_statement(both, words)
    return similarity >= threshold and _words_agree(
        both, words, vouched, similarity, config, names[i] | names[k]
    )


_TOKEN = re.compile(r"\S+")
_OPENS = re.compile(r"""^["“‘'(\[]*[A-Z]""")


def _names(text: str) -> frozenset[str]:
    """The lower-cased words `text` writes capitalised inside a sentence (names, mostly:
    "Mr. Weinstein and Ms. Thurman"), as `_normalise` spells them. A sentence opens the
    text and after a token ending in . ! or ?, unless that token is an abbreviation of
    three letters or fewer ("Mr.", "Ms.", "U.S.")."""
    out: set[str] = set()
    previous = ""
    for m in _TOKEN.finditer(text):
        token = m.group()
        bare = previous.rstrip("\"”’')]")
        opens = not previous or (
            bare.endswith(("!", "?")) or (bare.endswith(".") and len(bare.replace(".", "")) > 3)
        )
        if not opens and _OPENS.match(token):
            out.update(_normalise(token).split())
        previous = token
    return frozenset(out)


def _same_statement(texts: tuple[str, str], words: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Whether two versions (normalised `texts`, their content `words`) are one long
    statement word for word: at least `_SAME_STATEMENT_WORDS` content words in the
    shorter (or `_SAME_STATEMENT_SENTENCE_CONTENT` in `_SAME_STATEMENT_SENTENCE_WORDS`
    words or more), `_SAME_STATEMENT_SHARE` of them in the longer, and the shorter found
    nearly verbatim in the longer (`partial_ratio` >= `_SAME_STATEMENT_SIMILARITY`)."""
    a, b = words
    shorter = min(len(a), len(b))
    short_text, long_text = sorted(texts, key=len)
    long_enough = shorter >= _SAME_STATEMENT_WORDS or (
        shorter >= _SAME_STATEMENT_SENTENCE_CONTENT
        and len(short_text.split()) >= _SAME_STATEMENT_SENTENCE_WORDS
    )
    return (
        long_enough
        and len(a & b) >= _SAME_STATEMENT_SHARE * shorter
        and fuzz.partial_ratio(short_text, long_text) >= _SAME_STATEMENT_SIMILARITY
    )


def _words_and_sentence_ends(text: str) -> tuple[list[str], set[int]]:
    """Lower-cased words of `text`, and the word counts at which a sentence of it ends."""
    words: list[tuple[str, int]] = []
    ends: set[int] = set()
    for match in _WORD.finditer(text.lower()):
        if words and _SENTENCE_END.search(text, words[-1][1], match.start()):
            ends.add(len(words))
        words.append((match.group(), match.end()))
    ends.add(len(words))
    return [w for w, _ in words], ends


def _truncates(short: list[str], long: tuple[list[str], set[int]]) -> bool:
    """Whether `short` is a strict contiguous sub-span of `long` that cuts into a sentence
    of it: "deeply sorry" of "we are deeply sorry this happened" is truncated, its first
    sentence quoted whole is not."""
    words, ends = long
    n = len(short)
    if not 0 < n < len(words):
        return False
    # Compared as stems: "direct action" of "by taking direct actions of their own" is a
    # piece of it with one plural dropped, a fragment, not a rewording.
    short = [_stem(w) for w in short]
    words = [_stem(w) for w in words]
    for i in range(len(words) - n + 1):
        if words[i : i + n] == short and not ((i == 0 or i in ends) and i + n in ends):
            return True
    return False


def _stem(word: str) -> str:
    """A lower-case word without a plural or third-person -s ("actions" -> "action")."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _whole_sentences(short: list[str], long: tuple[list[str], set[int]]) -> bool:
    """Whether `short` is a run of `long`'s words starting and ending at its sentence ends
    (a sentence or more of it quoted word for word)."""
    words, ends = long
    n = len(short)
    return any(
        words[i : i + n] == short and (i == 0 or i in ends) and i + n in ends
        for i in range(len(words) - n + 1)
    )


def version_wording(
    reference: str, text: str, is_truncated: bool = False, translated: bool = False
) -> str:
    """How one version of a quote says its group's `reference` (QUOTE_GROUPS rows):
    "translated" (another language, matched by meaning), "verbatim" (the reference's words,
    case, punctuation, quote marks and spacing aside: "very hard," is "very hard."; or one or
    more of its sentences word for word), "truncated" (`is_truncated`: the outlet's "…" or a
    cut into a sentence) or "reworded" (words changed, added or dropped)."""
    if translated:
        return "translated"
    words = _words_and_sentence_ends(text)[0]
    long = _words_and_sentence_ends(reference)
    if words == long[0]:
        return "verbatim"
    if is_truncated:
        return "truncated"
    return "verbatim" if words and _whole_sentences(words, long) else "reworded"


def story_full_names(speakers: list[str | None]) -> dict[str, str]:
    """The full name each bare surname among one story's quote `speakers` stands for: a
    one-word name ("Trump", "Mr. Tan") whose surname ends exactly one person's full name
    among them ("Donald Trump" and "Donald J. Trump" are one person: `_name_words`) maps
    to that name as the story writes it most often (ties: the longer, then A-Z); a name
    in lower case is a common word ("police"), not a surname. A surname
    two full names end ("Melania Trump" beside "Donald Trump") or none maps to nothing.
    Within an article the extractor already resolves a bare surname to the full name the
    article gives; one outlet that writes only "Trump" leaves it bare, and the story's
    quote groups then showed one person as two speakers (issue 16, the crawl's pages)."""
    forms: dict[tuple[str, ...], Counter[str]] = {}
    for speaker in speakers:
        words = _name_words(speaker)
        if speaker is not None and len(words) >= 2:
            forms.setdefault(words, Counter())[speaker] += 1
    out: dict[str, str] = {}
    for speaker in set(speakers):
        words = _name_words(speaker)
        if speaker is None or len(words) != 1 or not speaker[:1].isupper():
            continue  # ("police" is no surname of "Slidell police")
        bearers = [full for full in forms if full[-1] == words[0]]
        if len(bearers) == 1:
            counts = forms[bearers[0]]
            out[speaker] = min(counts, key=lambda s: (-counts[s], -len(s), s))
    return out


def _group_speaker(speakers: list[str | None]) -> str | None:
    """The most common known speaker of a group's `speakers` (its reference's first); ties
    go to a name of the reference's speaker's person when one ties (two people tie only
    when a long statement joined them, and one outlet's speaker is then wrong: the
    reference, the fullest version, names the one its article quotes at length, 'Uma
    Thurman' over the 'Beau Willimon' of a shorter cut), then to the longer (fuller) name,
    then A-Z."""
    counts = Counter(s for s in speakers if s is not None)
    if not counts:
        return None
    most = max(counts.values())
    tied = [s for s in counts if counts[s] == most]
    first = speakers[0]
    if first is not None and len(tied) > 1:
        mine = [s for s in tied if same_speaker(s, first)]
        tied = mine or tied
    return min(tied, key=lambda s: (-len(s), s))


def align_quotes(
    quotes: pl.DataFrame,
    articles: pl.DataFrame,
    threshold: float | None = None,
    *,
    config: CompareConfig | None = None,
) -> pl.DataFrame:
    """Group the quotes of ONE story's articles into versions of the same quote.

    `quotes` is a QUOTES frame (article_id, quote_index, text, speaker are used);
    `articles` holds the story's articles with article_id, outlet and duplicate_of.
    Quotes of wire copies (duplicate_of not null) and of articles not in `articles` are
    left out. `threshold` (0-100) is the similarity a version needs to join a group
    (default `config.quote_similarity`); `config` (default CompareConfig()) also holds how
    many content words two versions must share.

    Returns a QUOTE_GROUPS frame, one row per version: groups ordered by the number of
    outlets carrying them, then by their reference's length (longest first), then group_id;
    within a group, the reference first, then by outlet, article_id, quote_index. The
    result does not depend on the order of the input rows.
    """
    for name, frame in (("quotes", quotes), ("articles", articles)):
        if not isinstance(frame, pl.DataFrame):
            raise TypeError(
                f"{name} should be a polars DataFrame. Got {type(frame).__name__} instead."
            )
    validate(quotes, _NEEDED_QUOTES, "quotes")
    validate(articles, _NEEDED_ARTICLES, "articles")
    config = config or CompareConfig()
    if threshold is None:
        threshold = config.quote_similarity
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, int | float)
        or not (0.0 <= threshold <= 100.0)
    ):
        raise ConfigError(f"threshold should be a number in [0, 100]. Got {threshold!r} instead.")
    originals = articles.filter(pl.col("duplicate_of").is_null()).select(
        "article_id",
        # An unknown outlet counts as its own outlet: it must not merge with other unknowns.
        pl.when(pl.col("outlet").fill_null("") == "")
        .then(pl.col("article_id"))
        .otherwise(pl.col("outlet"))
        .alias("outlet_key"),
        pl.col("outlet").fill_null(""),
    )
    versions = (
        quotes.select(
            "article_id",
            "quote_index",
            "text",
            "speaker",
            # The outlet's own cut ("…"), when the extraction says so.
            pl.col("is_truncated")
            if "is_truncated" in quotes.columns
            else pl.lit(False).alias("is_truncated"),
            # Whom the sentence around it names ("his representative Holly Baird said").
            pl.col("sentence")
            if "sentence" in quotes.columns
            else pl.lit(None, dtype=pl.String).alias("sentence"),
        )
        .join(originals.unique("article_id", keep="first"), on="article_id", how="inner")
        .filter(pl.col("text").is_not_null() & (pl.col("text").str.strip_chars() != ""))
        .sort(
            [pl.col("text").str.len_chars(), "article_id", "quote_index"],
            descending=[True, False, False],
        )
    )
    if versions.is_empty():
        return pl.DataFrame(schema=QUOTE_GROUPS)
    rows = versions.to_dicts()
    normalised = [_compared(r["text"]) for r in rows]
    content = [_content_words(t) for t in normalised]
    similarity, wording = _similarities(normalised)
    # The words of each version's sentence (the quote's own words when none is given).
    told = [frozenset(_normalise(r["sentence"] or r["text"]).split()) for r in rows]
    names = [_names(r["text"]) for r in rows]
    speaker_of = [_name_words(r["speaker"]) for r in rows]

    groups: list[list[int]] = []
    group_speakers: list[list[tuple[str, ...]]] = []  # the known speakers of each group
    group_told: list[set[str]] = []  # the words of its versions' sentences
    group_of = np.zeros(len(rows), dtype=np.int64)
    for i, row in enumerate(rows):  # longest first: a group's first member is its reference
        speaker_words = _name_words(row["speaker"])
        best, best_score = None, threshold
        for j in np.flatnonzero(similarity[i, :i] >= threshold):
            g, score = group_of[j], similarity[i, j]
            known = group_speakers[g]
            # Known speakers must be the same person, unless the words are one long
            # statement read out by its spokesperson; an unknown one (or a group of
            # unknowns) leaves the words alone to vouch for the match.
            others = [o for o in known if not _same_person(speaker_words, o)]
            # One speaks for the other: a sentence of one names the other.
            speaks_for = not speaker_words or all(
                o[-1] in told[i] or speaker_words[-1] in group_told[g] for o in others
            )
            # A group that already holds this speaker's own version vouches for the words
            # as usual; a spokesperson joining only their principal's words (or the
            # reverse) needs the one statement word for word. So do two speakers neither of
            # whom names the other (issue 16, the crawl's story pages): two people do not
            # say the same dozen words by chance, so one outlet's speaker is wrong ('Chrissy
            # Teigen' for All Nippon Airways' statement, 'Bruce Arians' for Carson Palmer's
            # letter), and the facts, which read these groups, told the two outlets apart
            # as stating the same words while this table showed two quotes of one outlet.
            other_person = (
                bool(speaker_words)
                and bool(others)
                and (len(others) == len(known) or not speaks_for)
            )
            vouched = bool(speaker_words) and bool(known)
            # Every version is shown against its group's reference (the longest), so it
            # must agree with the reference too, not only with another version: a piece
            # of a fragment, or the other half of an overlapping cut, is another remark
            # ("I reacted to an article ..." and "After many hours of prayer ...", two
            # sentences of one post, joined only through a version carrying both).
            reference = groups[g][0]
            if not all(
                _versions_agree(
                    (normalised, content, names),
                    (i, k),
                    similarity[i, k],
                    threshold,
                    # A version of this speaker's own vouches for the words it is
                    # compared with: Pelosi's cut joins Pelosi's statement even when
                    # another outlet's wrong speaker joined it as one statement.
                    other_person and not _same_person(speaker_words, speaker_of[k]),
                    vouched,
                    config,
                )
                for k in {j, reference}
            ):
                continue
            if best is None or score > best_score or (score == best_score and g < best):
                best, best_score = g, score
        if best is None:
            groups.append([i])
            group_speakers.append([])
            group_told.append(set())
            best = len(groups) - 1
        else:
            groups[best].append(i)
        group_of[i] = best
        group_told[best] |= told[i]
        if speaker_words:
            group_speakers[best].append(speaker_words)

    out = []
    # A bare surname is named as the story's one full name it ends, so that one person is
    # not two speakers in the table ("Trump" / "Donald Trump").
    full_names = story_full_names([r["speaker"] for r in rows])
    for members in groups:
        reference = rows[members[0]]
        keys = sorted(f"{rows[m]['article_id']}:{rows[m]['quote_index']}" for m in members)
        group_id = "q-" + hashlib.sha256("|".join(keys).encode()).hexdigest()[:12]
        n_outlets = len({rows[m]["outlet_key"] for m in members})
        speaker = _group_speaker(
            [full_names.get(rows[m]["speaker"], rows[m]["speaker"]) for m in members]
        )
        spans = [_words_and_sentence_ends(rows[m]["text"]) for m in members]
        ordered = [members[0]] + sorted(
            members[1:],
            key=lambda m: (rows[m]["outlet"], rows[m]["article_id"], rows[m]["quote_index"]),
        )
        group_rows = []
        for m in ordered:
            mine = spans[members.index(m)][0]
            truncated = bool(rows[m].get("is_truncated")) or any(
                _truncates(mine, other) for other in spans
            )
            group_rows.append(
                {
                    "group_id": group_id,
                    "speaker": speaker,
                    "status": "shared" if n_outlets >= 2 else "single",
                    "article_id": rows[m]["article_id"],
                    "quote_index": rows[m]["quote_index"],
                    "outlet": rows[m]["outlet"],
                    "text": rows[m]["text"],
                    "is_truncated": truncated,
                    "similarity": float(wording[m, members[0]]),
                    "diff": [
                        {"kind": kind, "text": text}
                        for kind, text in diff_words(reference["text"], rows[m]["text"])
                    ],
                    "translated": False,  # words matched: one language (match_translations)
                }
            )
        out.append(((-n_outlets, -len(reference["text"]), group_id), group_rows))
    out.sort(key=lambda item: item[0])
    return pl.DataFrame(
        [row for _, group_rows in out for row in group_rows], schema=QUOTE_GROUPS, orient="row"
    )


def same_speaker(a: str | None, b: str | None) -> bool:
    """Whether two quotes' speakers are known and one person, as `align_quotes` tells
    them: the same full name (case, accents, punctuation and initials aside), a surname
    alone that ends the other's name ("Kuleba" and "Dmytro Kuleba") or a name of two
    words or more that ends it ("Nippon Airways" and "All Nippon Airways")."""
    return _same_person(_name_words(a), _name_words(b))


def same_quote(
    a: tuple[str, str | None],
    b: tuple[str, str | None],
    config: CompareConfig | None = None,
    *,
    other_people_apart: bool = True,
) -> bool:
    """Whether two versions, each (quoted words, speaker or None), are one quote by the
    test `align_quotes` puts to a pair: speakers of two different people only as one long
    statement word for word (`_same_statement`); the same person's versions when their
    words agree as a truncation or a rewording; unknown speakers when the words agree
    closely (`_words_agree`), all at `config.quote_similarity`. Obama's "It happened:
    @Cubs win World Series." and Addison Russell's "And for it to happen in the World
    Series..." are not; "It wasn't like we didn't talk." in two outlets' different cuts of
    one interview is. `compare_facts` reads it, so that the facts and the quotes agree on
    which words are one quote. With `other_people_apart` False, two different speakers
    are taken as unknown (the words alone decide): a speaker can be wrong, and one
    outlet's 'Rose McGowan' for Uma Thurman's "Harvey assaulted me but that didn't kill
    me" does not make another outlet's same words another statement."""
    config = config or CompareConfig()
    texts = (_compared(a[0]), _compared(b[0]))
    if not texts[0] or not texts[1]:
        return False
    words = (_content_words(texts[0]), _content_words(texts[1]))
    speakers = (_name_words(a[1]), _name_words(b[1]))
    other_people = bool(speakers[0]) and bool(speakers[1]) and not _same_person(*speakers)
    if other_people and _same_statement(texts, words):
        return True
    if other_people and other_people_apart:
        return False
    similarity = float(_similarities(list(texts))[0][0, 1])
    vouched = bool(speakers[0]) and bool(speakers[1]) and not other_people
    return similarity >= config.quote_similarity and _words_agree(
        texts, words, vouched, similarity, config, _names(a[0]) | _names(b[0])
    )


def quote_spans(groups: pl.DataFrame, quotes: pl.DataFrame) -> pl.DataFrame:
    """Where each grouped version stands in its article: article_id, group_id, start, end
    (QUOTES' body offsets of the words inside the marks), speaker (QUOTES'), one row per
    QUOTE_GROUPS row that `quotes` (a QUOTES frame) holds. What `compare_facts` reads to
    keep a sentence that is one quote from stating the same fact as another outlet's
    sentence that is another quote."""
    validate(groups, pl.Schema({c: QUOTE_GROUPS[c] for c in _SPAN_KEYS}), "quote groups")
    validate(quotes, pl.Schema({c: QUOTES[c] for c in _SPAN_OFFSETS}), "quotes")
    return (
        groups.select(_SPAN_KEYS)
        .join(quotes.select(_SPAN_OFFSETS), on=["article_id", "quote_index"], how="inner")
        .select("article_id", "group_id", "start", "end", "speaker")
    )


_SPAN_KEYS = ("article_id", "quote_index", "group_id")
_SPAN_OFFSETS = ("article_id", "quote_index", "start", "end", "speaker")


def quotes_json(groups: pl.DataFrame) -> list[dict]:
    """QUOTE_GROUPS rows as the CLI prints them: one dict per group, in the frame's order.

    Each is `{"group_id", "speaker", "text" (the reference: the longest version), "status",
    "article_ids": [...], "outlets": [...], "versions": [{"article_id", "outlet", "text",
    "is_truncated", "diff": [{"kind", "text"}, ...], "translated"}, ...]}`; lists keep the
    frame's order without repeats.
    """
    if not isinstance(groups, pl.DataFrame):
        raise TypeError(
            f"groups should be a polars DataFrame. Got {type(groups).__name__} instead."
        )
    groups = _with_translated(groups)
    validate(groups, QUOTE_GROUPS, "quote groups")
    out: dict[str, dict] = {}
    for row in groups.iter_rows(named=True):
        group = out.setdefault(
            row["group_id"],
            {
                "group_id": row["group_id"],
                "speaker": row["speaker"],
                "text": row["text"],
                "status": row["status"],
                "article_ids": [],
                "outlets": [],
                "versions": [],
            },
        )
        if len(row["text"]) > len(group["text"]):
            group["text"] = row["text"]
        for key, value in (("article_ids", row["article_id"]), ("outlets", row["outlet"])):
            if value not in group[key]:
                group[key].append(value)
        group["versions"].append(
            {
                "article_id": row["article_id"],
                "outlet": row["outlet"],
                "text": row["text"],
                "is_truncated": row["is_truncated"],
                "diff": [dict(span) for span in row["diff"]],
                "translated": bool(row["translated"]),
            }
        )
    return list(out.values())


def match_translations(
    groups: pl.DataFrame,
    articles: pl.DataFrame,
    encoder: Embedder | None,
    threshold: float | None = None,
) -> pl.DataFrame:
    """Join the quote groups of ONE story that are one quote in different languages.

    `groups` is `align_quotes`'s QUOTE_GROUPS frame; `articles` the story's articles with
    article_id and lang (ARTICLES.lang; without it, or with one language, `groups` is
    returned as it is); `encoder` a multilingual sentence embedder (the Universal Sentence
    Encoder: `multilingual_encoder`), None to match nothing. Each group is one language's
    (its reference's article's). Greedily, most similar pair first, two groups join when
    their references' cosine x 100 reaches `threshold` (default
    CompareConfig.quote_translation_similarity) and the joined group would hold at
    most one group per language (a quote is translated once into each language). A joined
    group's reference is its English group's when it has one (else its longest
    reference); versions in another language than the reference have translated True,
    their cosine to the reference as similarity and no word diff. Group order and ids
    follow `align_quotes` (ids over the joined members).
    """
    groups = _with_translated(groups)
    validate(groups, QUOTE_GROUPS, "quote groups")
    if threshold is None:
        threshold = CompareConfig().quote_translation_similarity
    if encoder is None or groups.is_empty() or "lang" not in articles.columns:
        return groups
    lang_of = dict(articles.select("article_id", pl.col("lang").fill_null("")).iter_rows())
    rows = groups.with_columns(pl.col("translated").fill_null(False)).to_dicts()
    by_group: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_group.setdefault(row["group_id"], []).append(row)
    ids = list(by_group)
    languages = [lang_of.get(by_group[g][0]["article_id"], "") for g in ids]
    if len({lang for lang in languages if lang}) < 2:
        return groups
    vectors = encoder.encode([by_group[g][0]["text"] for g in ids])
    vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    cosine = 100.0 * (vectors @ vectors.T)
    parent = list(range(len(ids)))
    held = [{lang} if lang else set() for lang in languages]  # languages of each joined set

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    pairs = sorted(
        (
            (-float(cosine[i, j]), i, j)
            for i in range(len(ids))
            for j in range(i + 1, len(ids))
            if languages[i]
            and languages[j]
            and languages[i] != languages[j]
            and cosine[i, j] >= threshold
        ),
    )
    for _, i, j in pairs:
        a, b = root(i), root(j)
        if a != b and not held[a] & held[b]:
            parent[b] = a
            held[a] |= held[b]
    members: dict[int, list[int]] = {}
    for i in range(len(ids)):
        members.setdefault(root(i), []).append(i)
    out = []
    for joined in members.values():
        if len(joined) == 1:
            out.append(by_group[ids[joined[0]]])
            continue
        # The reference: the English group's, else the longest reference.
        ref = min(
            joined,
            key=lambda i: (languages[i] != "en", -len(by_group[ids[i]][0]["text"]), ids[i]),
        )
        keys = sorted(
            f"{r['article_id']}:{r['quote_index']}" for i in joined for r in by_group[ids[i]]
        )
        group_id = "q-" + hashlib.sha256("|".join(keys).encode()).hexdigest()[:12]
        outlets = {r["outlet"] or r["article_id"] for i in joined for r in by_group[ids[i]]}
        speaker = _group_speaker(
            [by_group[ids[ref]][0]["speaker"]]
            + [by_group[ids[i]][0]["speaker"] for i in joined if i != ref]
        )
        joined_rows = []
        for i in [ref] + sorted((i for i in joined if i != ref), key=lambda i: languages[i]):
            for row in by_group[ids[i]]:
                translated = i != ref
                joined_rows.append(
                    row
                    | {
                        "group_id": group_id,
                        "speaker": speaker,
                        "status": "shared" if len(outlets) >= 2 else "single",
                    }
                    | (
                        {"translated": True, "similarity": float(cosine[i, ref]), "diff": []}
                        if translated
                        else {}
                    )
                )
        out.append(joined_rows)
    out.sort(
        key=lambda g: (
            -len({r["outlet"] or r["article_id"] for r in g}),
            -len(g[0]["text"]),
            g[0]["group_id"],
        )
    )
    return pl.DataFrame([r for g in out for r in g], schema=QUOTE_GROUPS, orient="row")


def multilingual_encoder(embedder: Embedder) -> Embedder | None:
    """The multilingual part of `embedder` (the USE of an AutoEmbedder or BlendEmbedder, or
    a UniversalSentenceEncoder itself), None when it has none: translations are matched
    with it, never with an English-only model."""
    if isinstance(embedder, UniversalSentenceEncoder):
        return embedder
    part = getattr(embedder, "multilingual", None)
    return part if isinstance(part, UniversalSentenceEncoder) else None


def _with_translated(groups: pl.DataFrame) -> pl.DataFrame:
    """`groups` with `translated` (False) when stored before the column existed."""
    if "translated" in groups.columns:
        if not groups["translated"].has_nulls():
            return groups  # (a fresh frame's: nothing to fill, and no polars call a story)
        return groups.with_columns(pl.col("translated").fill_null(False))
    return groups.with_columns(pl.lit(False).alias("translated"))
