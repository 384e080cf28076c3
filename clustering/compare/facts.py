"""Exclusive and consensus facts of one story: which sentences only one outlet reports, and
which facts most outlets share.

Each article's body is split into sentences; trivial ones (bare attributions such as "He
said.", photo credits, sign-up prompts) are not facts and are left out. Two sentences of
different outlets state the same fact when the mean of two similarities reaches a
threshold: the cosine of their sentence embeddings (meaning, whatever the words) and the
cosine of their TF-IDF vectors over content words, with IDF taken within the story (the
specific words they share: names, numbers, rare terms, not the story's topic words,
which every sentence shares), each is, within CompareConfig.fact_mutual_margin, the
other's best match in its outlet (and, with fact_figures_agree, their figures agree). A
sentence no other outlet matches is exclusive to its outlet; one that at least half of
the outlets (and at least two) state is consensus; the rest are shared. Matched sentences
form one fact (`fact_id`) by average linkage: strongest match first, two groups joined
only while the mean score of their cross-outlet pairs stays at the threshold.

Measured on a real gold (benchmarks/gold/real/facts_*.json, `python -m benchmarks.facts`,
issue 17): every pair over the threshold matching and the leader grouping (the sentence
most outlets state takes all its matches) joined claims that share only topic words, and
told readers that outlets report what they do not (dev: 36% of the pairs in a fact, 18%
of the outlets told, were not the same fact); mutual best and average linkage cut both
by about half and call more of the real exclusive sentences exclusive.

Measured on the sample gold set (benchmarks/compare_facts.py) and on a hand-labelled
BASIL story: embeddings alone confuse "same topic" with "same fact" (sentences of one
story sit at cosine 0.5-0.7 whatever they state), and the story-level lexical cosine
alone misses paraphrases; their mean separates best.

Speed: embedding every sentence with MiniLM was most of a `storylens run` (~600 s of
879 s on BASIL's 300 articles, 7,770 sentences). The pipeline now aligns English
sentences with `facts_embedder()`: MiniLM distilled into static word-piece vectors
(`clustering.embed.StaticEmbedder`), a table lookup at thousands of sentences a second,
with the gold set's exclusive precision/recall kept (at its own threshold,
CompareConfig.fact_similarity_static). Any `Embedder` still works (sentences go through
`embed_texts`, so an `EmbeddingCache` spares the model on a second comparison). With
`embedder=None` the comparison is lexical only: no model, a little less precise. The
thresholds and what they scored are CompareConfig's `fact_similarity*` fields.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from functools import cache, lru_cache
from typing import Any

import numpy as np
import polars as pl
import scipy.sparse as sp
from numpy.typing import NDArray

from clustering.compare.quote_groups import same_quote, same_speaker
from clustering.config import CompareConfig
from clustering.embed import Embedder, EmbeddingCache, StaticEmbedder, embed_texts
from clustering.errors import ConfigError
from clustering.schema import ARTICLES, FACTS, empty, validate
from clustering.text import (
    ENGLISH_STOP_WORDS,
    Sentence,
    fold_case,
    holds_words,
    split_sentences,
    stem,
    words,
)

__all__ = [
    "FACTS",
    "compare_facts",
    "content_terms_of",
    "fact_sentences",
    "fact_threshold",
    "facts_embedder",
    "facts_json",
    "independent_articles",
    "is_fact_sentence",
    "split_fact_sentences",
]


#: Sentences with fewer content words than this are not facts ("He said.", "Watch:").
MIN_CONTENT_WORDS = 3

# Lines that are publishing furniture, not reporting.
_BOILERPLATE = re.compile(
    r"""\b(?:photo|image|picture|video|graphic)s?\s*(?::|by\b|credit)|getty\s+images|
    \bAP\s+photo\b|\(reuters\)|click\s+here|sign\s+up\b|subscribe\b|newsletter|
    read\s+more\b|follow\s+(?:us|him|her|them)\s+on\b|all\s+rights\s+reserved|copyright\b|
    contributed\s+to\s+this\s+report|reporting\s+by\b|editing\s+by\b|
    # a page's notices about the reader's browser or its scripts
    \byour\s+browser\b|\bjavascript\b|\biframes?\b|
    # a writer's or a page's promotion of itself: "follow her reports at ... @handle",
    # "Like <page> on Facebook", "Twitter: @handle", "Got a story? Email ... or call us"
    \bfollow\s+(?:us|him|her|them|[\w.]+\s+on)\b[^.!?]{0,60}@\w|
    ^like\s+[^.!?]{1,60}\bon\s+facebook\b|(?:twitter|instagram|facebook):\s*@\w|
    \b(?:got|have)\s+a\s+(?:story|tip|news\s+tip)\b[^.!?]{0,20}\?|
    ^(?:e-?mail|call|contact|message)\s+us\b|
    # an agency caption's formula and a gallery's teaser: "This Dec. 28 photo made
    # available by X shows ...", "See photos of the halftime show, ..."
    ^this\b.{0,40}?\b(?:photo|image|picture)\s+(?:provided|made\s+available|released|
    taken|obtained|posted)\b|^(?:see|view|watch)\s+(?:more\s+|the\s+)?(?:photos|pictures|
    images|videos?)\s+(?:of|from)\b|
    # a caption that says so, and a list of other stories run into one line
    ^pictured\s+(?:is|are|here|above|below|left|right)\b|^pictured:|
    # (a label is told by a colon or a bar after it, its capitals or a kicker in capitals
    # after it: "Related stories KICKER Headline ...", not "Related stories show that")
    ^(?:(?:related|more|recommended|top)\s+(?:stories|articles|coverage)|most\s+read(?:\s+in\s+\w+)?)
    (?:\s*[:|]|(?-i:\s+[A-Z]{2,}\b))|^(?-i:(?:RELATED|MORE|RECOMMENDED|TOP)\s+(?:STORIES|ARTICLES)|
    MOST\s+READ)\b""",
    re.IGNORECASE | re.VERBOSE,
)
_STOP = frozenset(ENGLISH_STOP_WORDS) | {
    "said", "says", "told", "according", "added", "mr", "mrs", "ms", "dr", "also",
    "per", "cent", "percent",
}  # fmt: skip


@cache
def facts_embedder() -> StaticEmbedder:
    """The embedder the facts align sentences with: MiniLM distilled into static
    word-piece vectors (`StaticEmbedder`), one per process (its table loads once)."""
    return StaticEmbedder()


def independent_articles(articles: pl.DataFrame) -> pl.DataFrame:
    """The articles of one story that count as independent coverage.

    `articles` has the ARTICLES schema. Wire copies (duplicate_of not null) are left out,
    as counting them would fake agreement. Returns article_id, outlet, title, lead, body
    (nulls as "") and `source`: the outlet, or the article_id when the outlet is unknown
    (an article of unknown origin is its own source).
    """
    validate(articles, ARTICLES, "articles")
    # (filtered only when the story holds a wire copy: most hold none, and a filter that
    # keeps every row costs ~0.1 ms a story; issue 14)
    if articles["duplicate_of"].null_count() < articles.height:
        articles = articles.filter(pl.col("duplicate_of").is_null())
    return articles.select(
        "article_id",
        pl.col("outlet").fill_null(""),
        pl.col("title").fill_null(""),
        pl.col("lead").fill_null(""),
        pl.col("body").fill_null(""),
        source=pl.when(pl.col("outlet").fill_null("").str.strip_chars() != "")
        .then(pl.col("outlet"))
        .otherwise(pl.col("article_id")),
    )


#: A word of each of _BOILERPLATE's alternatives, lower case: an ASCII sentence holding
#: none is not furniture, and is known so without the regular expression (which cost
#: half of `is_fact_sentence`; the answers are the same on 33k labelled sentences).
_BOILERPLATE_WORDS = (
    "photo", "image", "picture", "video", "graphic", "getty", "reuters", "click", "sign",
    "subscribe", "newsletter", "read", "follow", "rights", "copyright", "contributed",
    "reporting", "editing", "browser", "javascript", "iframe", "facebook", "twitter:",
    "instagram:", "a story", "a tip", "a news tip", "email us", "e-mail us", "call us",
    "contact us", "message us", "pictured", "stories", "articles", "coverage", "most read",
)  # fmt: skip


def _is_boilerplate(text: str) -> bool:
    # Every match holds one of the words, and the case-folded text holds each ASCII literal
    # a case-insensitive match reads (`fold_case`): no word means no match, so most
    # sentences skip the regular expression (issue 14).
    low = fold_case(text)
    if not any(word in low for word in _BOILERPLATE_WORDS):
        return False
    return _BOILERPLATE.search(text) is not None


# A sentence that is a whole credit or label, whatever its words: a picture credit in
# brackets ("(Name Surname/Agency)", "(Agency via AP) (Associated Press)", "(Courtesy of
# Name)"), an agency's credit ("AGENCY/Name Surname", "Credit Name/Agency", "Author: Name"),
# a link to another story in square brackets ("[Headline of another story]"), an
# advertisement's label ("Advertisement - Continue Reading Below").
_CREDIT_OR_LABEL = re.compile(
    r"""^(?:\((?:[^()]{1,80}/[^()]{1,60}|[^()]{1,80}\bvia\s+[^()]{1,40}|
    (?i:courtesy)\s+of\s+[^()]{1,60})\)(?:\s*\([^()]{1,60}\))?\W*
    |\[[^\[\]]{3,250}\]\W*
    # case matters: "REUTERS/Name Surname" is a credit, "km/h" is not
    |[A-Z]{2,}(?:\s+[A-Z]{2,})?\s*/\s*[A-Z][^\s/.!?]*(?:\s+[A-Z][^\s/.!?]*){0,3}
    |(?i:credit):?\s+[^.!?]{1,80}|(?i:author|photographer|written\s+by)\s*:\s*[^.!?]{1,80}
    |(?i:advertisement)\b[^.!?]{0,60})$""",
    re.VERBOSE,
)
#: The marks `_CREDIT_OR_LABEL` needs: a bracket first, a "/" or a label's first word.
_LABEL_STARTS = ("credit", "author", "photographer", "written by", "advertisement")


def _is_credit_or_label(text: str) -> bool:
    if not (text[:1] in "([" or "/" in text or fold_case(text[:20]).startswith(_LABEL_STARTS)):
        return False
    return _CREDIT_OR_LABEL.match(text) is not None


def is_fact_sentence(text: str) -> bool:
    """Whether a sentence can state a fact: not publishing furniture (`_BOILERPLATE`, a
    whole credit or label: `_CREDIT_OR_LABEL`), and with at least MIN_CONTENT_WORDS
    content words (so not a bare "He said." or "Watch:")."""
    if _is_boilerplate(text) or _is_credit_or_label(text):
        return False
    return holds_words(text, MIN_CONTENT_WORDS, _STOP)


#: Texts `split_fact_sentences` remembers: twice `framing_comparison.READ_AHEAD_ARTICLES`
#: (a body and a lead each), as the slant features read ahead split them there and the
#: facts read the same splits when the story is compared (issue 14 at scale: with 1,024,
#: a run of 2,704 articles split ~1,300 bodies twice).
SPLIT_FACT_MEMO_SIZE = 8192


# How a sentence of prose ends: a stop, "..." or a colon introducing what follows, then
# any closing quotes and brackets, or a short tail set off by a bar ("... on Friday. |
# Facebook photo": a sentence with its picture's credit, still a sentence).
_PROSE_END = re.compile(r"[.!?…:][\s\"'\u201d\u2019)\]]*(?:[|•]\s*[^.!?|•]{1,40})?$")
# Double quotation marks: a paragraph holding someone's words is reporting, stop or no stop
# ("“We will rebuild,” the mayor said"); captions quote with single marks if at all.
_SPEECH = re.compile(r"[\"\u201c\u201d\u201e«»]")
# An embedded social post closes on its signature, "— Name (@handle) December 2, 2017",
# not on a stop: it is the post's author's own words (often the quote the story is
# about), so it is kept.
_POST_SIGNATURE = re.compile(r"[—–-]\s*[^()]{1,60}\(@\w+\)\s+\w+\.?\s+\d{1,2},\s+\d{4}$")


#: A page holds at least this many paragraphs: a shorter text (a summary, a short report
#: in a user's table) is a writer's, where a paragraph without its stop just lost it (on
#: the labelled sets: NEUS-AllSides' summaries of 3-6 paragraphs, a BASIL report of 5).
PAGE_PARAGRAPHS = 6
#: ... and at least this share of its paragraphs end like prose: a text written in lines
#: without stops (a bulleted summary) is not a page whose odd lines are furniture (a
#: crawled page full of captions still ends 38% or more of its paragraphs with a stop).
PROSE_PARAGRAPH_SHARE = 1 / 3


def unfinished_blocks(sentences: Sequence[Sentence]) -> frozenset[int]:
    """Indices of `sentences` (`split_sentences` of one text) that are a paragraph of their
    own not ending like a sentence of prose (`_PROSE_END`): lines of page furniture kept
    in a body, not reporting. A crawler keeps pictures' captions ("Fans celebrate outside
    the stadium after the win"), credits, teasers of other stories and video playlists
    (headlines), labels and sign-up lines as paragraphs of their own, and none of them
    ends with a stop; a writer's paragraph does.

    Only in a page: a text of at least PAGE_PARAGRAPHS paragraphs, PROSE_PARAGRAPH_SHARE
    of them ending like prose. Kept: the first paragraph (a headline or a lead stands
    there), a paragraph of several sentences (a writer's, whose last stop was lost), one
    quoting someone in double quotation marks (`_SPEECH`: reporting), an embedded social
    post (`_POST_SIGNATURE`: its author's own words, often what the story is about).
    Credits and labels inside a paragraph are `is_fact_sentence`'s (`_CREDIT_OR_LABEL`).
    """
    if not sentences or sentences[-1].paragraph + 1 < PAGE_PARAGRAPHS:
        return frozenset()
    per_paragraph = Counter(s.paragraph for s in sentences)
    last_of = {s.paragraph: i for i, s in enumerate(sentences)}
    ends = [_PROSE_END.search(sentences[i].text) is not None for i in last_of.values()]
    if sum(ends) < PROSE_PARAGRAPH_SHARE * len(ends):
        return frozenset()
    return frozenset(
        i
        for (paragraph, i), ends_like_prose in zip(last_of.items(), ends, strict=True)
        if paragraph > 0
        and per_paragraph[paragraph] == 1
        and not ends_like_prose
        and not _SPEECH.search(sentences[i].text)
        and not _POST_SIGNATURE.search(sentences[i].text)
    )


@lru_cache(maxsize=SPLIT_FACT_MEMO_SIZE)
def split_fact_sentences(text: str) -> tuple[tuple[Sentence, ...], tuple[int, ...]]:
    """`split_sentences(text)` and the indices of those that can state a fact
    (`is_fact_sentence`, and not a line of furniture standing as a paragraph:
    `unfinished_blocks`), remembered per text: the facts and the slant model
    (`framing_comparison.slant_features`) read the same story's bodies one after the
    other, and splitting and sorting them was a fifth of both on BASIL."""
    sentences = tuple(split_sentences(text))
    furniture = unfinished_blocks(sentences)
    return sentences, tuple(
        i for i, s in enumerate(sentences) if i not in furniture and is_fact_sentence(s.text)
    )


def fact_sentences(articles: pl.DataFrame) -> pl.DataFrame:
    """The sentences of one story's independent articles that can state a fact.

    `articles` has the ARTICLES schema (wire copies are left out). Returns article_id,
    outlet, source (see `independent_articles`), sentence_index (the sentence's index in
    `split_sentences(body)`, trivial sentences included, so it points into the article)
    and sentence; the body is read, or the lead when the body is empty. The pipeline may
    embed these sentences ahead of time (`embed_texts` with the same cache) so that
    opening a story compares it without running the model.
    """
    return _sentences_of(independent_articles(articles))


#: A fact sentence of a story as `_sentence_rows` gives it: (article_id, outlet, source,
#: sentence_index, sentence), the columns of `fact_sentences`.
SentenceRow = tuple[str, str, str, int, str]


def _sentence_rows(story: pl.DataFrame) -> list[SentenceRow]:
    """The fact sentences of `story` (`independent_articles`' frame) as plain rows."""
    rows: list[SentenceRow] = []
    for article_id, outlet, source, lead, body in story.select(
        "article_id", "outlet", "source", "lead", "body"
    ).iter_rows():
        sentences, facts = split_fact_sentences(body if body.strip() else lead)
        rows += [(article_id, outlet, source, i, sentences[i].text) for i in facts]
    return rows


def _sentences_of(story: pl.DataFrame) -> pl.DataFrame:
    return pl.DataFrame(
        _sentence_rows(story),
        schema={
            "article_id": pl.String,
            "outlet": pl.String,
            "source": pl.String,
            "sentence_index": pl.Int64,
            "sentence": pl.String,
        },
        orient="row",
    )


_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_SCALED = re.compile(r"^(\d+(?:\.\d+)?)(k|m|bn|tn)$")
_SCALES = {"k": "thousand", "m": "million", "bn": "billion", "tn": "trillion"}


def _content_term(word: str) -> str | None:
    """A lower-cased word's stem (`stem`, remembered per word), None for a stop word."""
    return None if word in _STOP else stem(word)


def _content_terms(text: str) -> list[str]:
    """Stemmed content words of a sentence, figures written one way: "1,100" is "1100",
    "$3m" is "3 million", and "per cent"/"percent" are dropped like the "%" sign is."""
    # Without a comma there is no thousands separator to drop (issue 14: the pattern ran
    # on every sentence).
    return list(
        itertools.chain.from_iterable(
            map(_word_terms, words(_THOUSANDS.sub("", text) if "," in text else text))
        )
    )


@lru_cache(maxsize=200_000)
def _word_terms(word: str) -> tuple[str, ...]:
    """The terms of one word of `_content_terms` (it depends on the word alone, so it is
    remembered per word: issue 14): a scaled figure's number and scale word, else the
    word's `_content_term`, none for a stop word."""
    # A scaled figure opens with a decimal digit, which str.isdigit also calls a digit.
    scaled = _SCALED.match(word) if word[0].isdigit() else None
    if scaled:
        return (scaled.group(1), _SCALES[scaled.group(2)])
    term = _content_term(word)
    return () if term is None else (term,)


@lru_cache(maxsize=65_536)
def content_terms_of(text: str) -> tuple[str, ...]:
    """`_content_terms(text)`, remembered per sentence: a story's TF-IDF and its figures
    read each sentence's terms (twice a sentence), and a run may read them ahead, beside
    the encoder (`framing_comparison.read_ahead`; issue 14)."""
    return tuple(_content_terms(text))


def _lexical_similarity(texts: list[str]) -> NDArray[np.float32]:
    """Cosine of the sentences' TF-IDF vectors, shape (n, n), read-only.

    Terms are stemmed content words (numbers included), counted once per sentence; IDF
    is computed over these sentences only (smooth: ln((1+n)/(1+df)) + 1), so the words of
    the story's topic weigh little and the specific ones (names, figures) much.
    """
    return _lexical_similarity_of(tuple(texts))


# The slant model (framing_comparison.slant_features) and `compare_facts` score the same
# story's sentences one after the other: the second reads the first's matrix (this was
# half of both on BASIL).
@lru_cache(maxsize=4)
def _lexical_similarity_of(texts: tuple[str, ...]) -> NDArray[np.float32]:
    similarity = (matrix := _tfidf(texts)) @ matrix.T
    similarity = similarity.toarray().astype(np.float32)
    similarity.setflags(write=False)  # shared between callers
    return similarity


#: Elements (rows x sentences) of one block of a story's sentence-by-sentence scores. A
#: story of up to 2,048 fact sentences is one block, computed as a whole as before (the
#: labelled stories' first 100 articles reach 299); a larger one is scored a block of rows
#: at a time, so memory is O(n x block) instead of n x n float64s (23,000 sentences: 4 GB
#: a matrix; issue 14).
SCORE_BLOCK_ELEMENTS = 2**22


def _rows_per_block(n: int, elements: int | None = None) -> int:
    """How many rows of an (n, n) score matrix one block holds (at least 1, at most n)."""
    return max(1, min(n, (elements or SCORE_BLOCK_ELEMENTS) // max(n, 1)))


def _lexical_blocks(texts: list[str], rows: int) -> Iterator[tuple[int, NDArray[np.float32]]]:
    """`_lexical_similarity(texts)` by blocks of `rows` rows: (first row, block of shape
    (rows, n)). One block is the whole matrix (remembered as before); each row of a block
    is the same to the bit as that row of the whole (a row of a sparse product sums its
    own terms in its own order, whatever the other rows)."""
    if rows >= len(texts):
        yield 0, _lexical_similarity(texts)
        return
    matrix = _tfidf(texts)
    other = matrix.T.tocsr()  # as `matrix @ matrix.T` converts it, once for every block
    for start in range(0, len(texts), rows):
        yield start, (matrix[start : start + rows] @ other).toarray().astype(np.float32)


def _tfidf(texts: Sequence[str]) -> sp.csr_array:
    """The sentences' TF-IDF rows, float64, shape (n, terms): what scikit-learn's
    `TfidfVectorizer(analyzer=_content_terms, binary=True, norm="l2").fit_transform`
    gives, by the same arithmetic in the same order (each row's terms in the order first
    seen, columns numbered alphabetically, squares summed in that order), so the
    similarities are equal to the last bit (tests/test_compare_facts.py; 224 stories of
    the labelled sets). Why by hand: the vectorizer's checks and copies were half of
    its cost on a story's few dozen sentences (issue 14)."""
    vocabulary: dict[str, int] = {}
    columns: list[int] = []
    ends = [0]
    for text in texts:
        # Each term once per sentence (binary counts).
        columns += dict.fromkeys(
            vocabulary.setdefault(t, len(vocabulary)) for t in content_terms_of(text)
        )
        ends.append(len(columns))
    first_seen = np.asarray(columns, dtype=np.int64)
    document_frequency = np.bincount(first_seen, minlength=len(vocabulary)).astype(np.float64)
    idf = np.full_like(document_frequency, len(texts) + 1.0)  # smooth: ln((1+n)/(1+df)) + 1
    idf /= document_frequency + 1.0
    np.log(idf, out=idf)
    idf += 1.0
    data = idf[first_seen]
    squares = (data * data).tolist()
    for start, end in itertools.pairwise(ends):
        total = 0.0
        for square in squares[start:end]:  # in order, as scikit-learn's loop adds them
            total += square
        if total != 0.0:
            data[start:end] /= math.sqrt(total)
    alphabetical = np.empty(len(vocabulary), dtype=np.int64)
    for rank, term in enumerate(sorted(vocabulary)):
        alphabetical[vocabulary[term]] = rank
    return sp.csr_array(
        (data, alphabetical[first_seen].astype(np.int32), np.asarray(ends, dtype=np.int32)),
        shape=(len(texts), len(vocabulary)),
    )


def compare_facts(
    articles: pl.DataFrame,
    embedder: Embedder | None,
    cache: EmbeddingCache | None = None,
    similarity: float | None = None,
    config: CompareConfig | None = None,
    story: pl.DataFrame | None = None,
    quotes: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Exclusive, consensus and shared facts of ONE story.

    `articles` has the ARTICLES schema: the articles of one story (wire copies are left
    out). Two sentences of different outlets state the same fact when the mean of their
    embedding cosine and their story TF-IDF cosine is at least `similarity` (with
    `embedder=None`, their TF-IDF cosine alone), and, as `config` says, each is the
    other's best match in its outlet (fact_mutual_margin) and, if fact_figures_agree,
    their figures agree; such sentences form facts by fact_grouping. Without
    `similarity`, `config`'s fact_similarity when set, else its threshold for the
    embedder: fact_similarity_static for a `StaticEmbedder`, fact_similarity_lexical for
    None, fact_similarity_embedded for any other (default CompareConfig()). Returns the
    FACTS schema, one row per fact sentence, ordered by outlet, article_id and
    sentence_index. A story with fewer than two outlets has
    nothing to compare against: the frame is empty. `story`: `independent_articles(
    articles)` when the caller has it (`compare_story` reads it once for every aspect).

    `quotes`: the story's quote groups as `quote_groups.quote_spans` gives them
    (article_id, group_id, start, end: body offsets), or None. A sentence at least half
    of whose characters are quoted words is that quote: two such sentences of different
    outlets that share a quote group state one fact where one of them matches nothing
    else of the other's outlet (`_quote_matches`: one outlet may cut into three sentences
    a quote another keeps in one), two that do not only when their quoted words
    are one quote by the quote groups' words rule (`quote_groups.same_quote`), and a
    fact never holds two that are neither. Which words are one quote is the quote
    groups' call; the facts read it, so the story page's facts do not say that outlets
    state a quote whose words its quotes table keeps apart (issue 16: Addison Russell's
    "And for it to happen in the World Series..." was "stated by 6 of 9 outlets" through
    Obama's tweet "It happened: @Cubs win World Series").
    """
    if similarity is not None and not (
        isinstance(similarity, float | int) and 0.0 < similarity <= 1.0
    ):
        raise ConfigError(f"similarity must be a float in (0, 1]. Got {similarity!r} instead.")
    story = independent_articles(articles) if story is None else story
    n_sources = story["source"].n_unique()
    rows = _sentence_rows(story)
    if n_sources < 2 or not rows:
        return empty(FACTS)
    texts = [row[4] for row in rows]
    threshold = similarity if similarity is not None else fact_threshold(embedder, config)
    vectors = None if embedder is None else embed_texts(texts, embedder, cache)[0]
    apart, together = _quote_sentences(rows, story, quotes, config)
    if _rows_per_block(len(texts)) < len(texts):
        return _compare_by_blocks(
            rows, texts, vectors, threshold, n_sources, config, apart, together
        )
    score: NDArray[np.floating[Any]] = _lexical_similarity(texts)
    if vectors is not None:
        score = (score + vectors @ vectors.T) / 2
    # Compared as integer codes: an (n, n) comparison of strings was a third of this
    # function on BASIL's stories.
    _, sources = np.unique([row[2] for row in rows], return_inverse=True)
    matches = (score >= threshold) & (sources[:, None] != sources[None, :])
    config = config or CompareConfig()
    if config.fact_figures_agree:
        _drop_disagreeing_figures(matches, texts)
    if apart is not None:
        rows_i, columns = np.nonzero(np.triu(matches, 1))
        for i, j in zip(rows_i.tolist(), columns.tolist(), strict=True):
            if apart(i, j):
                matches[i, j] = matches[j, i] = False
    if config.fact_mutual_margin is not None:
        matches = _mutual_best(matches, score, sources, config.fact_mutual_margin)
    if together:  # (most stories quote no sentence another outlet carries)
        left, right = np.nonzero(matches)
        matched = set(zip(left.tolist(), sources[right].tolist(), strict=True))
        for i, j in _quote_matches(together, sources.tolist(), matched, lambda x, y: score[x, y]):
            matches[i, j] = matches[j, i] = True
            # scored at the threshold at the least, so that average linkage may group them
            score[i, j] = max(score[i, j], threshold)
            score[j, i] = max(score[j, i], threshold)
    if config.fact_grouping == "leader":
        return _classify(rows, matches, n_sources)
    pairs = list(zip(*np.nonzero(np.triu(matches, 1)), strict=True))
    groups = _average_groups(rows, pairs, lambda x, y: score[x, y], threshold, apart)
    return _classify(rows, matches, n_sources, groups)


#: A sentence at least this share of whose characters are inside quote marks is a quote
#: (the words around it an attribution: '“It's a sad day,” Maynard said.'), not a claim
#: of the outlet's own; below it, a partial quote in the outlet's sentence.
QUOTED_SHARE = 0.5


def _quote_sentences(
    rows: list[SentenceRow],
    story: pl.DataFrame,
    quotes: pl.DataFrame | None,
    config: CompareConfig | None = None,
) -> tuple[Callable[[int, int], bool] | None, list[tuple[int, int]]]:
    """What the quote groups say of the fact sentences (`rows` indices) that are quotes
    (QUOTED_SHARE of a sentence quoted): (apart, together).

    `together`: the pairs (i < j) of such sentences of two sources that share a quote
    group. They state one fact, the quote, however else each outlet words or cuts the
    sentence around it (CNN's '"Will have double thrust of next largest rocket," he said.'
    and the tweet two other outlets quote whole), so the story page does not call a quote
    'only this outlet' that its quotes table shows in three.

    `apart(x, y)`: whether two are two different quotes: they share no quote group,
    their speakers are not one known person, and their words are not one quote by the
    quote groups' own test of a pair (`same_quote`; another outlet may cut a long quote
    elsewhere, so that its sentence's version is in another group with the same words,
    and a wrong speaker counts for nothing). One person may state one fact in other words
    in two outlets (Anthony Weiner's "my account was hacked" and "a hacked account", a
    fact in the dev gold); two people's different words are two statements. None (and no
    pairs together) when no sentence is a quote. `quotes`: `compare_facts`'s."""
    if quotes is None or quotes.is_empty():
        return None, []
    spans: dict[str, list[tuple[int, int, str, str | None]]] = {}
    for article_id, group_id, start, end, speaker in zip(
        *(quotes[c].to_list() for c in ("article_id", "group_id", "start", "end", "speaker")),
        strict=True,
    ):
        spans.setdefault(article_id, []).append((start, end, group_id, speaker))
    for article_spans in spans.values():
        article_spans.sort(key=lambda q: q[:2])
    # Plain lists: a polars filter and select here cost ~3 ms a story (issue 14).
    bodies = dict(zip(story["article_id"].to_list(), story["body"].to_list(), strict=True))
    groups: list[frozenset[str] | None] = [None] * len(rows)
    quoted: list[tuple[str, str | None]] = [("", None)] * len(rows)
    for x, (article_id, _, _, index, _) in enumerate(rows):
        body = bodies.get(article_id)
        if article_id not in spans or not body or not body.strip():
            continue  # no quote; or the lead stands in (quotes are body offsets)
        sentence = split_fact_sentences(body)[0][index]
        inside = [
            (max(start, sentence.start), min(end, sentence.end), group, speaker)
            for start, end, group, speaker in spans[article_id]
            if start < sentence.end and end > sentence.start
        ]
        length = sentence.end - sentence.start
        if length > 0 and sum(q[1] - q[0] for q in inside) >= QUOTED_SHARE * length:
            groups[x] = frozenset(q[2] for q in inside)
            # The words and the speaker of the longest quote in it stand for the sentence.
            longest = max(inside, key=lambda q: q[1] - q[0])
            quoted[x] = (" ".join(body[q[0] : q[1]] for q in inside), longest[3])
    if not any(g is not None for g in groups):
        return None, []
    by_group: dict[str, list[int]] = {}
    for x, of_x in enumerate(groups):
        for group in of_x or ():
            by_group.setdefault(group, []).append(x)
    together = sorted(
        {
            (x, y)
            for members in by_group.values()
            for a, x in enumerate(members)
            for y in members[a + 1 :]
            if rows[x][2] != rows[y][2]
        }
    )
    known: dict[tuple[int, int], bool] = {}

    def apart(x: int, y: int) -> bool:
        a, b = groups[x], groups[y]
        if a is None or b is None or a & b:
            return False
        key = (min(x, y), max(x, y))
        if key not in known:
            known[key] = not same_speaker(quoted[x][1], quoted[y][1]) and not same_quote(
                quoted[x], quoted[y], config, other_people_apart=False
            )
        return known[key]

    return apart, together


def _quote_matches(
    together: Sequence[tuple[int, int]],
    sources: Sequence[int],
    matched: set[tuple[int, int]],
    score: Callable[[int, int], Any],
) -> list[tuple[int, int]]:
    """The pairs of one quote (`_quote_sentences`' `together`) that become matches: a
    sentence that matches nothing of another source (`matched`: (row, source) of the
    matches so far) is matched to that source's sentence of the same quote it scores
    highest with. One outlet may cut into three sentences a quote another keeps in one:
    each of the three states it. Sentences already matched keep their matches, so a quote
    of three sentences in both outlets stays three facts."""
    best: dict[tuple[int, int], tuple[float, int]] = {}
    for i, j in together:
        for x, y in ((i, j), (j, i)):
            key = (x, sources[y])
            if key not in matched:
                value = float(score(x, y))
                if key not in best or value > best[key][0]:
                    best[key] = (value, y)
    return sorted({(min(x, y), max(x, y)) for (x, _), (_, y) in best.items()})


#: A block's scores this far below the threshold are kept too: a pair's two scores (i, j)
#: and (j, i) differ by float rounding only (~1e-7), so each match's reverse is at hand.
_PAIR_SLACK = 1e-3


def _compare_by_blocks(
    rows: list[SentenceRow],
    texts: list[str],
    vectors: NDArray[np.float32] | None,
    threshold: float,
    n_sources: int,
    config: CompareConfig | None,
    apart: Callable[[int, int], bool] | None = None,
    together: Sequence[tuple[int, int]] = (),
) -> pl.DataFrame:
    """`compare_facts` of a story of more than one block of sentences (SCORE_BLOCK_ELEMENTS:
    over 2,048, beyond every labelled story), scored a block of rows at a time and kept
    as the pairs near or over the threshold (a dict), so memory is O(n x block + pairs),
    not several (n, n) matrices (23,000 sentences: 4 GB each). The same steps as the
    whole-matrix path (figures, mutual best, average linkage) on those pairs; a score
    outside them (a cross pair of two groups) is computed when asked. Scores may differ
    from the whole matrix's in the last bit of the embedding cosine (another BLAS path),
    so a pair within ~1e-7 of the threshold or of a tie may fall the other way.
    """
    config = config or CompareConfig()
    _, codes = np.unique([row[2] for row in rows], return_inverse=True)
    n = len(texts)
    scores: dict[tuple[int, int], np.float32] = {}
    for start, block in _lexical_blocks(texts, _rows_per_block(n)):
        stop = start + block.shape[0]
        score = block if vectors is None else (block + vectors[start:stop] @ vectors.T) / 2
        near = (score >= threshold - _PAIR_SLACK) & (codes[start:stop, None] != codes[None, :])
        first, second = np.nonzero(near)
        keys = zip((first + start).tolist(), second.tolist(), strict=True)
        scores.update(zip(keys, score[first, second], strict=True))
    source = codes.tolist()
    terms: dict[int, dict[int, float]] = {}  # a row's TF-IDF weights by column, when asked
    tfidf: list[sp.csr_array] = []

    def row_terms(x: int) -> dict[int, float]:
        if x not in terms:
            if not tfidf:
                tfidf.append(_tfidf(texts))
            start, stop = tfidf[0].indptr[x], tfidf[0].indptr[x + 1]
            indices, data = tfidf[0].indices[start:stop], tfidf[0].data[start:stop]
            terms[x] = dict(zip(indices.tolist(), data.tolist(), strict=True))
        return terms[x]

    def pair_score(x: int, y: int) -> np.float32:
        known = scores.get((x, y))
        if known is not None:
            return known
        # A pair below the kept ones (a cross pair of two groups): summed in row x's order,
        # as the sparse product sums it, by hand (indexing a sparse row cost ~0.3 ms).
        of_y = row_terms(y)
        lexical = np.float32(sum(w * of_y.get(c, 0.0) for c, w in row_terms(x).items()))
        if vectors is None:
            return lexical
        return (lexical + vectors[x] @ vectors[y]) / np.float32(2)

    matches = {
        pair
        for pair, value in scores.items()
        if value >= threshold and (apart is None or not apart(*pair))
    }
    if config.fact_figures_agree:
        figures: dict[int, frozenset[str]] = {}
        for i, j in sorted(pair for pair in matches if pair[0] < pair[1]):
            a = figures.setdefault(i, _figures(texts[i]))
            b = figures.setdefault(j, _figures(texts[j]))
            if a and b and not a & b:
                matches -= {(i, j), (j, i)}
    if config.fact_mutual_margin is not None:
        margin = config.fact_mutual_margin
        symmetric = {(i, j): (scores[i, j] + pair_score(j, i)) / 2 for i, j in matches}
        best: dict[tuple[int, int], float] = {}
        for (i, j), value in symmetric.items():
            best[i, source[j]] = max(best.get((i, source[j]), -np.inf), float(value))

        def close(i: int, j: int) -> bool:
            # As the matrix test: an unmatched pair is -inf, within margin of a -inf best.
            # Compared in float64, as the matrix's float32 scores with its float64 bests.
            value = float(symmetric.get((i, j), -np.inf))
            return value >= best.get((i, source[j]), -np.inf) - margin

        matches = {(i, j) for i, j in matches if close(i, j) and close(j, i)}
    if together:
        floor = np.float32(threshold)
        matched = {(i, source[j]) for i, j in matches}
        for i, j in _quote_matches(together, source, matched, pair_score):
            for pair in ((i, j), (j, i)):  # as in the whole-matrix path
                matches.add(pair)
                scores[pair] = max(scores.get(pair, floor), floor)
    neighbours: list[list[int]] = [[] for _ in range(n)]
    for i, j in sorted(matches):
        neighbours[i].append(j)
    if config.fact_grouping == "leader":
        return _classify(rows, neighbours, n_sources)
    pairs = sorted(pair for pair in matches if pair[0] < pair[1])
    groups = _average_groups(rows, pairs, pair_score, threshold, apart)
    return _classify(rows, neighbours, n_sources, groups)


_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def _figures(text: str) -> frozenset[str]:
    """The figures a sentence writes in digits, read from its TF-IDF terms ("1,100" is
    1100, "$3m" 3, "a 5-year-old" 5)."""
    return frozenset(
        figure
        for term in content_terms_of(text)
        if any(c.isdigit() for c in term)
        for figure in _DIGITS.findall(term)
    )


def _drop_disagreeing_figures(matches: NDArray[np.bool_], texts: list[str]) -> None:
    """Unset, in place, the matches of two sentences that both write figures in digits
    and share none: "27 people are injured" and "25 people were injured" share every
    other word and state different facts (CompareConfig.fact_figures_agree)."""
    rows, columns = np.nonzero(np.triu(matches, 1))
    figures: dict[int, frozenset[str]] = {}
    for i, j in zip(rows.tolist(), columns.tolist(), strict=True):
        a = figures.setdefault(i, _figures(texts[i]))
        b = figures.setdefault(j, _figures(texts[j]))
        if a and b and not a & b:
            matches[i, j] = matches[j, i] = False


def _mutual_best(
    matches: NDArray[np.bool_],
    score: NDArray[np.floating[Any]],
    sources: NDArray[np.intp],
    margin: float,
) -> NDArray[np.bool_]:
    """The matches in which each sentence is, within `margin`, the other's best match in
    its outlet, shape (n, n).

    Why: a sentence that resembles two claims of another outlet ("the rules apply
    wherever couples live" / "the Medicare standard is where they married") is over the
    threshold with both; it states at most the closer one. Scores are compared on one
    symmetric matrix (the mean of (i, j) and (j, i)), so the relation is symmetric.
    """
    symmetric = (score + score.T) / 2
    masked = np.where(matches, symmetric, -np.inf)
    # best[i, k]: sentence i's best match among source k's sentences (-inf: none).
    best = np.full((len(sources), int(sources.max()) + 1), -np.inf)
    for k in range(best.shape[1]):
        of_k = sources == k
        best[:, k] = masked[:, of_k].max(axis=1, initial=-np.inf)
    close = masked >= best[:, sources] - margin  # j is within margin of i's best in j's source
    return matches & close & close.T


def _average_groups(
    rows: list[SentenceRow],
    pairs: list[tuple[int, int]],
    score: Callable[[int, int], Any],
    threshold: float,
    apart: Callable[[int, int], bool] | None = None,
) -> list[int]:
    """Each sentence's group (a representative row index): matches joined strongest
    first, two groups only while the mean score of their cross-outlet pairs stays at
    `threshold` (average linkage), so a chain of matches cannot join sentences that state
    different things. The order of equal scores is the rows' keys, not their order.
    `pairs`: the matches (i, j), i < j, in row order; `score(x, y)`: the score of rows x
    and y (the matrix's element, or `_compare_by_blocks`' pair score); `apart(x, y)`:
    rows never in one group (two different quotes: `_quote_sentences`), whatever joins them."""
    group = list(range(len(rows)))
    members = {i: [i] for i in range(len(rows))}
    key = [(r[1], r[0], r[3]) for r in rows]
    pairs = sorted(
        pairs,
        key=lambda p: (-float(score(*p)), min(key[p[0]], key[p[1]]), max(key[p[0]], key[p[1]])),
    )
    sources = [r[2] for r in rows]
    for i, j in pairs:
        a, b = group[i], group[j]
        if a == b:
            continue
        if apart is not None and any(apart(x, y) for x in members[a] for y in members[b]):
            continue
        cross = [score(x, y) for x in members[a] for y in members[b] if sources[x] != sources[y]]
        if float(np.mean(cross)) < threshold:
            continue
        for x in members[b]:
            group[x] = a
        members[a] += members.pop(b)
    return group


def fact_threshold(embedder: Embedder | None, config: CompareConfig | None = None) -> float:
    """The score at which two sentences state one fact when aligned with `embedder` (None:
    TF-IDF alone): `config.fact_similarity` when set, else the threshold measured for that
    kind of embedder (CompareConfig's fact_similarity_static / _lexical / _embedded)."""
    config = config or CompareConfig()
    if config.fact_similarity is not None:
        return config.fact_similarity
    if embedder is None:
        return config.fact_similarity_lexical
    if isinstance(embedder, StaticEmbedder):
        return config.fact_similarity_static
    return config.fact_similarity_embedded


def _classify(
    rows: list[SentenceRow],
    matches: NDArray[np.bool_] | list[list[int]],
    n_sources: int,
    groups: list[int] | None = None,
) -> pl.DataFrame:
    """FACTS rows from the sentences (`_sentence_rows`) and their cross-outlet match
    matrix, ordered by outlet, article_id and sentence_index. A sentence's kind and
    outlets are its own matches'; its fact is its group in `groups` (`_average_groups`),
    or, without them, the leader grouping below.

    The frame is built once from Python lists in its final order (a frame of the
    sentences widened by four columns, selected and sorted cost 3-9 ms a story, most of
    this function: issue 14); those three keys are unique per row, and Python orders
    strings by code point as polars orders their UTF-8 bytes, so the order is the sort's.
    """
    sources = [row[2] for row in rows]
    # Each row's matches, in row order (`matches` is the (n, n) matrix or these lists).
    neighbours = (
        [np.flatnonzero(row).tolist() for row in matches]
        if isinstance(matches, np.ndarray)
        else matches
    )
    outlets = [
        sorted({sources[i], *(sources[j] for j in neighbour)})
        for i, neighbour in enumerate(neighbours)
    ]
    counts = [len(o) for o in outlets]
    consensus_at = max(2, math.ceil(n_sources / 2))
    kinds = [
        "exclusive" if c == 1 else "consensus" if c >= consensus_at else "shared" for c in counts
    ]
    # Leader grouping, in an order that does not depend on row order: the sentence stated
    # by most outlets leads its matches into one fact, then the next unassigned, ...
    order = sorted(range(len(rows)), key=lambda i: (-counts[i], rows[i][1], rows[i][0], rows[i][3]))
    fact_ids: list[str | None] = [None] * len(rows)
    members: dict[int, list[int]] = {}
    for i, g in enumerate(groups or ()):
        members.setdefault(g, []).append(i)
    for i in order:
        if fact_ids[i] is not None:
            continue
        digest = hashlib.sha256(f"{rows[i][0]}|{rows[i][4]}".encode()).hexdigest()[:16]
        fact_ids[i] = f"f-{digest}"
        # The group's first row in `order` names it; without groups, a leader its matches.
        joined = neighbours[i] if groups is None else members[groups[i]]
        for j in joined:
            if fact_ids[j] is None:
                fact_ids[j] = fact_ids[i]
    shown = sorted(range(len(rows)), key=lambda i: (rows[i][1], rows[i][0], rows[i][3]))
    return pl.DataFrame(
        {
            "fact_id": [fact_ids[i] for i in shown],
            "kind": [kinds[i] for i in shown],
            "article_id": [rows[i][0] for i in shown],
            "outlet": [rows[i][1] for i in shown],
            "sentence": [rows[i][4] for i in shown],
            "sentence_index": [rows[i][3] for i in shown],
            "n_outlets": [counts[i] for i in shown],
            "outlets": _string_lists("outlets", [outlets[i] for i in shown]),
        },
        schema=FACTS,
    )


#: What `_string_lists` joins a list's strings with: no outlet's name holds it.
_JOIN = "\x00"
#: Lists from which `_string_lists` joins and splits: under this, polars builds them from
#: Python's faster (5 lists: 35 us against 59; 38: 183 against 71).
_SPLIT_FROM = 16


def _string_lists(name: str, lists: list[list[str]]) -> pl.Series:
    """`pl.Series(name, lists, dtype=pl.List(pl.String))` for lists of one string or more:
    the strings joined and split again by polars, at a quarter of the cost of building the
    lists from Python's (~0.1 ms a story's facts; issue 14). The same series: fewer than
    `_SPLIT_FROM` lists, or lists with an empty one or an item that is no string or holds
    `_JOIN`, take the plain way."""
    if len(lists) < _SPLIT_FROM or any(
        not strings or any(not isinstance(s, str) or _JOIN in s for s in strings)
        for strings in lists
    ):
        return pl.Series(name, lists, dtype=pl.List(pl.String))
    return pl.Series(name, [_JOIN.join(strings) for strings in lists], dtype=pl.String).str.split(
        _JOIN
    )


def facts_json(facts: pl.DataFrame) -> dict[str, Any]:
    """`compare_facts`'s frame for the CLI: {"exclusive_facts": [{article_id, outlet,
    sentence}], "consensus_facts": [{sentence, outlets}]}, one consensus entry per fact
    (worded as the sentence that stands for it), most outlets first."""
    validate(facts, FACTS, "facts")
    exclusive = facts.filter(pl.col("kind") == "exclusive").select(
        "article_id", "outlet", "sentence"
    )
    consensus = (
        facts.filter(pl.col("kind") == "consensus")
        .sort(
            pl.col("n_outlets"),
            "outlet",
            "article_id",
            "sentence_index",
            descending=[True, False, False, False],
        )
        .unique("fact_id", keep="first", maintain_order=True)
        .select("sentence", "outlets")
    )
    return {"exclusive_facts": exclusive.to_dicts(), "consensus_facts": consensus.to_dicts()}
