"""Framing side by side: per article of one story, its headline, lead and framing cues,
its loaded-language marks, the sentences that slant the story by what they add, and the
people and organisations that only its outlet names.

The cues and loaded-language marks are extracted per article by
`clustering.extract.framing`; this module lines them up within a story, compares the
entities across outlets, and scores each sentence for informational bias
(`slanted_sentences`): tangential, speculative or background content that sways the
reader (BASIL's definition, Fan et al. 2019). That score is a logistic regression over the
sentence's embedding (the facts comparison's static distillation of MiniLM,
`clustering.compare.facts.facts_embedder`: a table lookup, so scoring runs no model),
how exclusive it is to its outlet (its best match among the other outlets' sentences, as
`compare_facts` measures it), its place in the article and a few
cues (quotes, hedges, figures, a loaded-language mark). Weights:
`clustering/extract/lexicons/slanted_information.json`, fitted on BASIL's dev events by
`python -m benchmarks.framing --train` (numbers only, no article text).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any, ClassVar

import numpy as np
import polars as pl
from numpy.typing import NDArray
from rapidfuzz import fuzz, process

from clustering.compare.facts import (
    _lexical_blocks,
    _rows_per_block,
    content_terms_of,
    independent_articles,
    split_fact_sentences,
)
from clustering.embed import Embedder, EmbeddingCache, embed_texts
from clustering.extract.framing import FRAMING, load_lexicon, loaded_marks
from clustering.models import SentenceModel
from clustering.schema import (
    ARTICLES,
    FRAMING_COMPARISON,
    FRAMING_MARKS,
    SLANTED,
    empty,
    frame_schema,
    validate,
)
from clustering.text import split_sentences, word_count

__all__ = [
    "FRAMING_COMPARISON",
    "FRAMING_MARKS",
    "MEASURED",
    "SLANTED",
    "SLANT_FEATURES",
    "SlantModel",
    "compare_framing",
    "framing_json",
    "framing_marks",
    "load_slant_model",
    "read_ahead",
    "same_entity",
    "slant_features",
    "slanted_sentences",
]


_CORPORATE = frozenset(["inc", "corp", "co", "ltd", "llc", "plc", "group", "company"])
_SMALL_WORDS = frozenset(["of", "the", "and", "for", "on", "in", "&"])


def _tokens(name: str) -> list[str]:
    return list(_name_tokens(name)[0])


@lru_cache(maxsize=65_536)
def _name_tokens(name: str) -> tuple[tuple[str, ...], str]:
    """A name's words, lower-cased, without "the" and edge punctuation, and them joined by
    spaces: remembered, as a story compares each name with every other outlet's names
    (on 100 BASIL articles the words were split 40,000 times for 2,000 names)."""
    tokens = tuple(
        t.strip(".,'\u2019") for t in name.lower().replace("\u2019s", "").split() if t != "the"
    )
    return tokens, " ".join(tokens)


def _initials(tokens: Sequence[str]) -> str:
    return "".join(t[0] for t in tokens if t and t not in _SMALL_WORDS)


def same_entity(a: str, b: str) -> bool:
    """Whether two entity names plausibly name the same person or organisation.

    Loose on purpose, because the question it answers is "does another outlet name them
    at all": equal words; one name ending the other ("Kuleba", "Dmytro Kuleba"); one name
    plus a corporate suffix ("Apple", "Apple Inc."); an acronym of the other ("RNC",
    "Republican National Committee"); or spelling variants (rapidfuzz ratio >= 90, or
    >= 80 with the same last word: "Dmitry Kuleba", "Dmytro Kuleba").
    """
    return _same_entity(a, b)


@lru_cache(maxsize=262_144)
def _same_entity(a: str, b: str) -> bool:
    """`same_entity`, remembered: a story compares every name of one outlet with every
    name of the others, and the same pairs come back across a corpus's stories."""
    (ta, joined_a), (tb, joined_b) = _name_tokens(a), _name_tokens(b)
    if not ta or not tb:
        return False
    short, long = sorted((ta, tb), key=len)
    if long[len(long) - len(short) :] == short:
        return True
    if long[: len(short)] == short and all(t in _CORPORATE for t in long[len(short) :]):
        return True
    if len(short) == 1 and len(long) >= 2 and short[0].replace(".", "") == _initials(long):
        return True
    # Below 80 neither test passes: rapidfuzz stops early and answers 0 there.
    ratio = fuzz.ratio(joined_a, joined_b, score_cutoff=80)
    return ratio >= 90 or (ratio >= 80 and ta[-1] == tb[-1])


def _loose_keys(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Keys two names' tokens (`_name_tokens`) share whenever `_same_entity` pairs them
    other than by spelling: one name ending the other shares its last word, one plus a
    corporate suffix its first, an acronym and the name it stands for the acronym."""
    acronym = tokens[0].replace(".", "") if len(tokens) == 1 else _initials(tokens)
    return ("first " + tokens[0], "last " + tokens[-1], "acronym " + acronym)


def _named_alike(names: set[str]) -> Callable[[str], bool]:
    """`lambda name: any(same_entity(name, other) for other in names)`, for asking of many
    names: `_same_entity` runs only on the names it can hold for, those sharing a key of
    `_loose_keys` or spelt alike (rapidfuzz ratio >= 79 by one `process.extract`, in C;
    `_same_entity` asks for 80). Of ~54,000 pairs of names compared in the stories of 200
    basil and giveme5w1h articles 203 hold, and each cost a Python call (issue 14)."""
    listed = [n for n in names if _name_tokens(n)[0]]  # a name of no words is never alike
    joined = [_name_tokens(n)[1] for n in listed]
    by_key: dict[str, list[str]] = {}
    for n in listed:
        for key in _loose_keys(_name_tokens(n)[0]):
            by_key.setdefault(key, []).append(n)

    def named(name: str) -> bool:
        tokens, spelt = _name_tokens(name)
        if not tokens or not listed:
            return False
        maybe = {n for key in _loose_keys(tokens) for n in by_key.get(key, ())}
        maybe.update(
            listed[i]
            for _, _, i in process.extract(
                spelt, joined, scorer=fuzz.ratio, processor=None, score_cutoff=79, limit=None
            )
        )
        return any(_same_entity(name, other) for other in maybe)

    return named


def _names_outlet(name: str, outlet: str) -> bool:
    """Whether an entity is the outlet itself, or its leading words ("Pulse News" in
    "Pulse News Network", "(Northgate)" in a Northgate Wire dateline)."""
    tn, to = _tokens(name), _tokens(outlet)
    return bool(tn) and (to[: len(tn)] == tn or same_entity(name, outlet))


_WORD_RUN = re.compile(r"[^\W\d_]+")
# Links, handles and addresses are written in lower case whatever they name
# ("pic.twitter.com", "coindesk.com", "@durov"): their words are left out.
# Matched within each run of non-spaces (`_TOKEN`), never as \S*(...)\S* over the text:
# that pattern backtracks over the whole run at each of its characters, so a body of one
# long run ("1.2.3...", a 1 MB word) took minutes (quadratic); the runs replaced are the same.
_LINKISH = re.compile(r"https?://|www\.|\.(?:com|org|net|co|me)\b|@\w")
_TOKEN = re.compile(r"\S+")


def _without_links(text: str) -> str:
    """`text` with each run of non-spaces that holds a link or handle mark as one space."""
    # A mark found in a run is found in the text (a run ends at a space or the text's end,
    # both word boundaries), so a text without one is returned as is, unscanned.
    if not _LINKISH.search(text):
        return text
    return _TOKEN.sub(lambda m: " " if _LINKISH.search(m.group()) else m.group(), text)


def _lower_words(texts: Sequence[str]) -> frozenset[str]:
    """The words the texts write in lower case outside links and handles ("read",
    "group", "years")."""
    return frozenset().union(*(_lower_words_of(t) for t in texts))


#: Articles `read_ahead` reads at most: its memories (`_sentence_features`,
#: `_lower_words_of`, `facts.split_fact_sentences`) keep twice this many texts (a body and
#: a lead each), so a batch's reads are still there when its stories are compared. 4,096
#: (was 1,024, issue 14 at scale): a run of 1,025-4,096 articles read nothing ahead and
#: its stories' comparisons did these reads after the encoder, on one core (2,704 pooled
#: labelled articles: framing side by side 1.5 ms an article against 0.5 at 1,000). What
#: they hold: ~15 KB an article (sentence rows and their words).
READ_AHEAD_ARTICLES = 4096


@lru_cache(maxsize=2 * READ_AHEAD_ARTICLES)
def _lower_words_of(text: str) -> frozenset[str]:
    """`_lower_words` of one text, remembered: read ahead beside the encoder
    (`read_ahead`), then by its story's comparison."""
    return frozenset(w for w in _WORD_RUN.findall(_without_links(text)) if w.islower())


def _is_no_name(name: str, lower_words: frozenset[str]) -> bool:
    """Whether an extracted "entity" names no one: a fragment of a link or handle (a digit,
    "http": "PanamaPapershttps", "AkCPAh6EEI"), words set in capitals that the story
    writes in lower case elsewhere ("READ", "WATCHED", "RED HANDED", "YEARS": a promo
    label, a caption's shout), or one capitalised word it also writes in lower case
    ("Group", "People", "Web"). Read on the news-please crawl, where these made up a
    third of the names one outlet alone named in some stories."""
    if any(c.isdigit() for c in name) or "http" in name.lower():
        return True
    words = _WORD_RUN.findall(name)
    if not words:
        return True
    shouted = all(w.isupper() and len(w) > 1 for w in words)
    return (shouted or len(words) == 1) and all(w.lower() in lower_words for w in words)


def _word_of_longer_names(names: set[str]) -> frozenset[str]:
    """The first and last words (`_name_tokens`) of the names of two or more words: a
    one-word name among them is a short form ("Xi" of "Xi Jinping", "Ren" of "Ren
    Guoqiang", "Kim" of "Kim Jong Un", "Elon" of "Elon Musk"), matched on whole words.
    `same_entity` holds for a surname alone (a name ending the other) but not for a first
    word, on purpose ("Dmytro" is not "Dmytro Kuleba" when the question is whether two
    names are one person); whether another outlet NAMES someone is looser. Read on the
    news-please crawl, where one-word short forms were 85 of 1,484 names "only here"."""
    words: set[str] = set()
    for name in names:
        tokens = _name_tokens(name)[0]
        if len(tokens) >= 2:
            words.update((tokens[0], tokens[-1]))
    return frozenset(words)


def _extends(a: str, b: str) -> bool:
    """Whether one name of two words or more opens the other, longer one ("Virginia Tech",
    "Virginia Tech University"; "Sandy Hook", "Sandy Hook Elementary School"): in one
    story, one entity. Only between people and organisations (the caller's names): "New
    York" (a place) opens "New York Times" (a newspaper). Two words at least, as one word
    opening a longer name is a first name or a short form (`_word_of_longer_names`).
    `same_entity` stays strict (a name ending the other, a corporate suffix): it answers
    for quotes and facts too, where "Virginia Tech" and "Virginia Tech Police" differ.
    Read on the news-please crawl (`storylens run`), where the extractor types "Virginia
    Tech" a person by its first word and "Virginia Tech University" an organisation."""
    (ta, _), (tb, _) = _name_tokens(a), _name_tokens(b)
    short, long = sorted((ta, tb), key=len)
    return (
        2 <= len(short) < len(long)
        and long[: len(short)] == short
        and long[len(short)] not in _NAMED_AFTER
    )


#: A word that, first after a name, makes another entity of it: a son ("Donald Trump Jr"
#: beside "Donald Trump"), or a thing named after a person or body ("Melinda Gates
#: Foundation", "Tucker Carlson Tonight", "Scott Hamilton Drive", "Supreme Court
#: Commission"): read among the extensions on the six labelled sets.
_NAMED_AFTER = frozenset(
    """jr sr foundation tonight show drive street avenue road boulevard lane commission
    award awards prize""".split()
)


def _extended_by(names: set[str]) -> Callable[[str], bool]:
    """`lambda name: any(_extends(name, other) for other in names)` by set lookups of
    word tuples (a pair test per name and other name is quadratic in a story's names)."""
    whole = {_name_tokens(n)[0] for n in names}
    openings = {t[:k] for t in whole for k in range(2, len(t)) if t[k] not in _NAMED_AFTER}

    def extended(name: str) -> bool:
        tokens = _name_tokens(name)[0]
        return tokens in openings or any(
            tokens[:k] in whole and tokens[k] not in _NAMED_AFTER for k in range(2, len(tokens))
        )

    return extended


def _keep_fullest(kept: list[str], name: str) -> None:
    """Add `name` to an outlet's names only here unless it names one of them
    (`same_entity`, or one opens the other: `_extends`): later forms of a kept name
    ("Schumer") are not repeated, and a fuller later form takes a one-word form's place
    ("ESA", then "European Space Agency": the full name is shown, where the most mentioned
    form came first), as a longer name takes the place of the one it extends ("Virginia
    Tech", then "Virginia Tech University")."""
    for i, other in enumerate(kept):
        if _extends(name, other):
            if len(_name_tokens(name)[0]) > len(_name_tokens(other)[0]) and name not in kept:
                kept[i] = name
            return
        if same_entity(name, other):
            # (only a one-word form gives way: a longer kept name may be the cleaner one,
            # "White House" beside "NPR White House", "Conor McGregor" beside "CONOR BOAST
            # Conor McGregor")
            if len(_name_tokens(other)[0]) == 1 < len(_name_tokens(name)[0]) and name not in kept:
                kept[i] = name
            return
    kept.append(name)


def _is_short_form(name: str, longer_words: frozenset[str]) -> bool:
    """Whether `name` is one word that is the first or last word of a longer name
    (`_word_of_longer_names`)."""
    tokens = _name_tokens(name)[0]
    return len(tokens) == 1 and tokens[0] in longer_words


def _is_caps(word: str | None) -> bool:
    """A word of two letters or more, all capitals ("NFL", "READ")."""
    return word is not None and len(word) > 1 and word.isalpha() and word.isupper()


@lru_cache(maxsize=4096)
def _mentions(word: str) -> re.Pattern[str]:
    """Each mention of `word` as a whole word."""
    return re.compile(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])")


# What stands beside a mention on its line (read in a slice around it, not by one pattern
# over the text: a pattern with the optional word before it tried every word of the text,
# 1.2 s over the six labelled sets' 820 stories against ~0.1 s this way):
_WORD_BEFORE = re.compile(r"(?<![^\W_])([^\W\d_]+)[ \t]+$")  # only spaces between
_WORD_AFTER = re.compile(r"[ \t]+([^\W\d_]+)")
_CLOCK_BEFORE = re.compile(r"(?:\d[:.]?\d\d|\d[ \t]*[ap]\.?m\.?|\(\d{4})[ \t]*$")  # 10pm, (0030
_LABEL_AFTER = re.compile(r"[ \t]*:[ \t]*(?:\n|$)")


def _is_furniture(name: str, text: str) -> bool:
    """Whether a one-word "name" is page furniture or a tag, not a name, by how the
    article's text writes it, every time: a hashtag or handle ("#PrayForNice",
    "@AmericanAir": the name it stands for, when written, is listed as itself); or, in
    capitals, a word in a run of capitals ("MOST READ IN NEWS", "OH NO, MO", a tabloid's
    "HATS OFF" kicker), a label ending its line ("ARI SHAPIRO, HOST:", "ROCKET STATS:")
    or a time zone after a clock time ("10pm BST", "(0030 GMT)"). An initialism in
    running text ("told AFP", "the NFL's", "BERLIN (AP)") is a name: on the news-please
    crawl 87 one-word all-caps names "only here" were real organisations beside 80 that
    were furniture or common nouns ("TV", "VR"), and the rule "not an initialism of a
    longer name in the story" would have dropped 87 of the 87 with the 80
    (benchmarks/RESULTS.md, framing). A word the text never writes is kept."""
    word = name.strip()
    if not word or " " in word or word not in text:
        return False
    caps = _is_caps(word)
    found = False
    for mention in _mentions(word).finditer(text):
        found = True
        start, end = mention.span()
        if start and text[start - 1] in "#@":
            continue
        if not caps:
            return False
        before = text[max(0, start - 60) : start].rpartition("\n")[2]
        after = text[end : end + 60]
        word_before, word_after = _WORD_BEFORE.search(before), _WORD_AFTER.match(after)
        if not (
            _LABEL_AFTER.match(after)
            or _CLOCK_BEFORE.search(before)
            or (word_before is not None and _is_caps(word_before[1]))
            or (word_after is not None and _is_caps(word_after[1]))
        ):
            return False
    return found


# A run of capitalised words ("President Barack Obama", "Epstein’s", "Xi"): a name as a
# sentence writes it (a sentence's first word is one too: "The Cubs").
_CAPITALISED_RUN = re.compile(
    r"[A-Z\u00c0-\u00de][\w'\u2019.\-]*(?:[ \t]+[A-Z\u00c0-\u00de][\w'\u2019.\-]*)*"
)
_PRONOUN = re.compile(r"\b(?:he|she|him|his|her|hers)\b", re.IGNORECASE)


def _names_person(sentence: str, person: tuple[str, ...]) -> bool:
    """Whether `sentence` names `person` (`_name_tokens`): a run of capitalised words
    ending in the person's last word ("Theo Epstein", "Mr. Epstein’s", "President
    Obama") or made of the name's first words ("Xi" of "Xi Jinping"). A longer name that
    only begins with it is someone else ("the Cleveland Indians" is not "Cleveland")."""
    for run in _CAPITALISED_RUN.findall(sentence):
        words = _name_tokens(run)[0]
        if words and (words[-1] == person[-1] or words == person[: len(words)]):
            return True
    return False


def _aimed_at(sentences: Sequence[Any], index: int, target: str) -> str:
    """A loaded mark's target as the story page shows it ("about X"): the article's main
    person (`clustering.extract.framing`'s target, one per article) only where the mark's
    sentence names that person, or holds a pronoun (he, she, his, her...) right after a
    sentence of the same paragraph that does; else "" (target unknown). `sentences`:
    `split_sentences` of the article's text, `index` the mark's sentence.

    Why: the article-level target put "(about Theo Epstein)" on every loaded word of a
    Cubs report that names him once (news-please crawl); on BASIL's annotated spans the
    main person beats the nearest name (benchmarks/RESULTS.md, framing), so it is kept
    where the sentence bears it out, not replaced."""
    person = _name_tokens(target)[0] if target else ()
    if not person or not 0 <= index < len(sentences):
        return ""
    sentence = sentences[index]
    if _names_person(sentence.text, person):
        return target
    if index > 0 and _PRONOUN.search(sentence.text):
        previous = sentences[index - 1]
        if previous.paragraph == sentence.paragraph and _names_person(previous.text, person):
            return target
    return ""


def _marks_aimed(marks: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """An article's loaded marks (FRAMING rows) with each target `_aimed_at` its
    sentence; `text`: the article's text the marks index (body, or lead when it is empty)."""
    if not any(m["target"] for m in marks):
        return marks
    sentences = split_sentences(text)
    targets = [_aimed_at(sentences, m["sentence_index"], m["target"]) for m in marks]
    if all(t == m["target"] for t, m in zip(targets, marks, strict=True)):
        return marks
    return [m | {"target": t} for m, t in zip(marks, targets, strict=True)]


def compare_framing(
    framing: pl.DataFrame,
    articles: pl.DataFrame,
    embedder: Embedder | None = None,
    cache: EmbeddingCache | None = None,
    story: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """The framing of one story's articles side by side.

    `framing` has the FRAMING schema (from `extract_framing`) and must cover every
    independent article of `articles`, the ARTICLES rows of ONE story; wire copies
    (duplicate_of not null) are left out, as they would fake agreement. Returns the
    FRAMING_COMPARISON schema, one row per independent article, ordered by outlet and
    article_id. An article with no outlet counts as an outlet of its own. With an
    `embedder` (the facts' sentence embedder, and its cache), each article's slanted
    sentences are scored (`slanted_sentences`); without one, that list is empty.
    `story`: `independent_articles(articles)` when the caller has it (`compare_story`
    reads it once for every aspect of the story).
    """
    validate(framing, FRAMING, "framing")
    story = independent_articles(articles) if story is None else story
    # Sets, not an anti join: a story has a handful of articles (a join cost ~0.5 ms).
    have = set(framing["article_id"].to_list())
    missing = [a for a in story["article_id"].to_list() if a not in have]
    if missing:
        raise ValueError(
            f"framing must have a row for every article of the story. Got none for {missing}."
        )
    # (a framing frame of one row per article, the usual one, needs no unique: the sort
    # below orders the joined rows whichever way they come)
    once = framing if framing.height == len(have) else framing.unique("article_id", keep="first")
    table = _joined_in_order(story, once)
    # (columns read as lists, not a select per story: issue 14)
    entity_rows = list(zip(table["source"].to_list(), table["entities"].to_list(), strict=True))
    names_by_source: dict[str, set[str]] = {}
    actors_by_source: dict[str, set[str]] = {}  # people and organisations (`_extends`)
    for source, entities in entity_rows:
        names_by_source.setdefault(source, set()).update(e["name"] for e in entities)
        actors_by_source.setdefault(source, set()).update(
            e["name"] for e in entities if e["label"] in ("PERSON", "ORG")
        )
    # An outlet naming itself ("told Pulse News", a "(Northgate)" dateline) names no actor.
    outlets = [o for o in dict.fromkeys(table["outlet"].to_list()) if o]
    lower_words = _lower_words(table["body"].to_list() + table["lead"].to_list())
    texts = [
        body if (body or "").strip() else (lead or "")
        for body, lead in zip(table["body"].to_list(), table["lead"].to_list(), strict=True)
    ]
    only_here = []
    for (source, entities), text in zip(entity_rows, texts, strict=True):
        others = set().union(*(names for s, names in names_by_source.items() if s != source))
        extended_by_others = _extended_by(
            set().union(*(names for s, names in actors_by_source.items() if s != source))
        )
        named_alike = _named_alike(others)
        # A one-word name that begins or ends a longer name another outlet or this article
        # gives is that name's short form: named by the other outlet, or listed as the
        # longer name ("Xi" beside "Xi Jinping", "Ren" beside "Ren Guoqiang"). (Another
        # article of the same outlet is not this article: its row lists its own names.)
        longer_words = _word_of_longer_names(others | {e["name"] for e in entities})
        kept: list[str] = []
        for entity in entities:
            name = entity["name"]
            if (
                entity["label"] in ("PERSON", "ORG")
                and name not in others  # the common case, before the loose comparisons
                and not _is_short_form(name, longer_words)
                and not named_alike(name)  # any(same_entity(name, other) for other in others)
                and not extended_by_others(name)  # any(_extends(name, o) for o in the actors)
                and not any(_names_outlet(name, outlet) for outlet in outlets)
                and not _is_no_name(name, lower_words)
                and not _is_furniture(name, text)
            ):
                _keep_fullest(kept, name)
        only_here.append(kept)
    slanted: dict[str, list[dict[str, Any]]] = {}
    model = load_slant_model() if embedder is not None else None
    if embedder is not None and model is not None and model.fits(embedder):
        # `slanted_sentences`' slanted rows, read off its rows and scores without its frame
        # (built, sorted, filtered and read back: ~0.7 ms a story; issue 14): the rows come
        # per article in sentence order, the order of its sort within an article.
        rows, matrix = _slant_rows(articles, embedder, cache, framing, story)
        if rows:
            scores, exclusive, is_slanted = _slant_scores(model, matrix)
            for row, score, alone, kept in zip(
                rows, scores.tolist(), exclusive.tolist(), is_slanted.tolist(), strict=True
            ):
                if kept:
                    slanted.setdefault(row["article_id"], []).append(
                        {key: row[key] for key in ("sentence_index", "start", "end")}
                        | {"score": score, "exclusive": alone}
                    )
    stored = table["loaded_marks"].to_list()
    aimed = [_marks_aimed(marks, text) for marks, text in zip(stored, texts, strict=True)]
    # (the column is rebuilt only when a target changed: most stories' marks name no one
    # or stand in sentences that name their person)
    changed = any(new is not old for new, old in zip(aimed, stored, strict=True))
    made = {
        "entities_only_here": pl.Series("entities_only_here", only_here, dtype=pl.List(pl.String)),
        "slanted_sentences": pl.Series(
            "slanted_sentences",
            [slanted.get(a, []) for a in table["article_id"].to_list()],
            dtype=FRAMING_COMPARISON["slanted_sentences"],
        ),
    }
    if changed:
        made["loaded_marks"] = pl.Series(
            "loaded_marks", aimed, dtype=FRAMING_COMPARISON["loaded_marks"]
        )
    # The frame built from its columns, the new ones and the table's: a with_columns and a
    # select ran the query engine twice a story (~0.3 ms; issue 14).
    return pl.DataFrame(
        [made[name] if name in made else table[name] for name in FRAMING_COMPARISON]
    )


def _joined_in_order(story: pl.DataFrame, framing: pl.DataFrame) -> pl.DataFrame:
    """`story.join(framing, on="article_id").sort("outlet", "article_id")` for a story's
    `independent_articles` and FRAMING rows of one row per article (every article of the
    story among them), by row positions: the join and the sort ran the query engine twice
    a story (~0.2 ms; issue 14). The same frame but for the columns of `framing` that the
    story has too (the join named them "<name>_right"), which are left out: only the
    story's are read. Article ids are unique in a story, so (outlet, article_id) orders its
    rows as the sort did (Python orders strings by code point as polars orders UTF-8)."""
    ids, outlets = story["article_id"].to_list(), story["outlet"].to_list()
    order = sorted(range(len(ids)), key=lambda i: (outlets[i], ids[i]))
    position = {a: i for i, a in enumerate(framing["article_id"].to_list())}
    own = framing.drop([c for c in framing.columns if c in story.columns])
    return pl.concat([story[order], own[[position[ids[i]] for i in order]]], how="horizontal")


def framing_json(table: pl.DataFrame) -> list[dict[str, Any]]:
    """`compare_framing`'s table as JSON-ready rows (scores rounded to 3 decimals). A
    table stored before framing marks existed reads as having none."""
    for column in ("loaded_marks", "slanted_sentences"):
        if column not in table.columns:
            empty_lists = pl.Series(column, [[]] * table.height, dtype=FRAMING_COMPARISON[column])
            table = table.with_columns(empty_lists)
    validate(table, FRAMING_COMPARISON, "framing comparison")
    return table.with_columns(
        pl.col("loaded_verb_share", "subjectivity", "tone").round(3)
    ).to_dicts()


# --- Informational bias: sentences that slant the story by what they add --------------

#: The sentence features the slant model reads before the embedding's dimensions.
SLANT_FEATURES = (
    "exclusivity",  # 1 - best (embedding + TF-IDF cosine) / 2 against another outlet's sentence
    "lexical_exclusivity",  # 1 - best TF-IDF cosine against another outlet's sentence
    "exclusive",  # best match below SLANT_EXCLUSIVE_BELOW (compare_facts' MiniLM threshold)
    "position",  # sentence index / (sentences - 1)
    "paragraph_position",  # paragraph index / (paragraphs - 1)
    "lead",  # the first sentence
    "length",  # words / 30, at most 2
    "quoted",  # holds a quotation mark
    "hedge",  # holds a hedge (lexicons/hedges.toml): speculation
    "attribution",  # holds an attribution verb
    "digits",  # holds a figure
    "loaded_mark",  # holds a loaded-language mark
)
_QUOTE_MARK = re.compile('["\u201c\u201d]')


_DIGIT = re.compile(r"\d")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _has_digit(text: str) -> bool:
    """Whether a character of `text` is a digit (str.isdigit: "2", also "²"): `\\d` finds
    the decimal ones, and the others are not ASCII, so only the text's non-ASCII
    characters (curly quotes, dashes: a few) are asked, not every character (3x the cost)."""
    if _DIGIT.search(text):
        return True
    return not text.isascii() and any(c.isdigit() for c in _NON_ASCII.findall(text))


SLANT_MODEL_FILE = "slanted_information.json"
#: The "exclusive" feature of the slant model: a sentence whose best match among the other
#: outlets scores below this. Part of the model's definition, not a tunable: the shipped
#: weights were fitted with 0.425 (CompareConfig's default fact_similarity_embedded), so a
#: change here needs a refit (benchmarks/framing.py), whatever the [compare] config says.
SLANT_EXCLUSIVE_BELOW = 0.425


@dataclass(frozen=True)
class SlantModel(SentenceModel):
    """A logistic regression over SLANT_FEATURES followed by the sentence embedding of
    `embedder`; a sentence is slanted at `threshold` or above."""

    FEATURES: ClassVar[tuple[str, ...]] = SLANT_FEATURES
    VECTOR: ClassVar[str] = "embedding"

    def fits(self, embedder: Embedder) -> bool:
        # The model's own embedder at any length ("all-MiniLM-L6-v2@128"), never a blend
        # that starts with it ("all-MiniLM-L6-v2@128*0.3+use-multilingual-v3@64": 896 dims).
        return re.fullmatch(rf"{re.escape(self.embedder)}(?:@\d+)?", embedder.name) is not None


@cache
def load_slant_model() -> SlantModel:
    """The fitted model shipped as lexicons/slanted_information.json (module doc)."""
    path = resources.files("clustering.extract").joinpath("lexicons", SLANT_MODEL_FILE)
    return SlantModel.from_json(json.loads(path.read_text(encoding="utf-8")), SLANT_MODEL_FILE)


def _story_sentences(story: pl.DataFrame, framing: pl.DataFrame | None) -> list[dict[str, Any]]:
    """The fact sentences of a story's independent articles with what the features need."""
    marked: dict[str, set[int]] = {}
    if framing is not None:
        for article_id, marks in zip(
            framing["article_id"].to_list(), framing["loaded_marks"].to_list(), strict=True
        ):
            marked[article_id] = {m["sentence_index"] for m in marks}
    rows = []
    columns = ("article_id", "outlet", "source", "lead", "body")
    for article_id, outlet, source, lead, body in zip(
        *(story[name].to_list() for name in columns), strict=True
    ):
        text = body if body.strip() else lead
        if article_id not in marked:  # no extraction given: find the marks here
            ends = [s.end for s in split_fact_sentences(text)[0]]
            marked[article_id] = {
                int(np.searchsorted(ends, a, side="right")) for a, _, _ in loaded_marks(text)
            }
        marks = marked[article_id]
        for features in _sentence_features(text):
            row: dict[str, Any] = {"article_id": article_id, "outlet": outlet, "source": source}
            row.update(features)
            row["loaded_mark"] = float(features["sentence_index"] in marks)
            rows.append(row)
    return rows


@lru_cache(maxsize=2 * READ_AHEAD_ARTICLES)
def _sentence_features(text: str) -> tuple[dict[str, Any], ...]:
    """The fact sentences of one article's text (body, or lead when the body is empty)
    with the slant features its text alone decides (all but "loaded_mark" and those of
    the story), remembered per text: read ahead beside the encoder (`read_ahead`), then by
    its story's comparison. Callers copy the rows (they are shared)."""
    hedges, attribution = load_lexicon("hedges"), load_lexicon("attribution")
    sentences, facts = split_fact_sentences(text)
    last_paragraph = max((s.paragraph for s in sentences), default=0)
    out = []
    for index in facts:
        sentence = sentences[index]
        out.append(
            {
                "sentence_index": index,
                "start": sentence.start,
                "end": sentence.end,
                "sentence": sentence.text,
                "position": index / max(len(sentences) - 1, 1),
                "paragraph_position": sentence.paragraph / max(last_paragraph, 1),
                "lead": float(index == 0),
                "length": min(word_count(sentence.text) / 30.0, 2.0),
                "quoted": float(bool(_QUOTE_MARK.search(sentence.text))),
                "hedge": float(hedges.holds(sentence.text)),
                "attribution": float(attribution.holds(sentence.text)),
                "digits": float(_has_digit(sentence.text)),
            }
        )
    return tuple(out)


def read_ahead(articles: pl.DataFrame) -> bool:
    """Read what the comparisons will read of each article's text alone, into the
    memories they look it up in: its sentences and which state facts, their slant features
    and TF-IDF terms (`facts.content_terms_of`), its lower-case words. `articles`:
    ARTICLES rows (wire copies are skipped). Nothing is read for more than
    READ_AHEAD_ARTICLES articles (False).

    Why (issue 14): `clustering.engine.extraction_ahead` runs this beside the encoder,
    after the extraction, so comparing a story then finds these reads done; what they
    return is the same either way (each depends on the text alone)."""
    if articles.height > READ_AHEAD_ARTICLES:
        return False
    # Wire copies are left out of every comparison (`independent_articles`).
    for lead, body in (
        articles.filter(pl.col("duplicate_of").is_null())
        .select(pl.col("lead").fill_null(""), pl.col("body").fill_null(""))
        .iter_rows()
    ):
        text = body if body.strip() else lead
        for features in _sentence_features(text):
            content_terms_of(features["sentence"])
        _lower_words_of(body)
        _lower_words_of(lead)
    return True


def slant_features(
    articles: pl.DataFrame,
    embedder: Embedder,
    cache: EmbeddingCache | None = None,
    framing: pl.DataFrame | None = None,
    story: pl.DataFrame | None = None,
) -> tuple[pl.DataFrame, NDArray[np.float64]]:
    """The fact sentences of ONE story and their slant features.

    `articles`: ARTICLES rows of the story (wire copies are left out); `framing`, when
    given, the FRAMING rows of its articles (their loaded marks are used, else they are
    found here). Returns (sentences, matrix): sentences has SLANTED's columns but score,
    exclusive and slanted, plus source; matrix is float64, shape (n_sentences,
    len(SLANT_FEATURES) + embedder dim). A story of one source has no other outlet to
    compare with: its sentences are all exclusive. `story`: `independent_articles(
    articles)` when the caller has it.
    """
    rows, matrix = _slant_rows(articles, embedder, cache, framing, story)
    if not rows:
        return pl.DataFrame(schema={**SLANTED, "source": pl.String}).drop(
            "score", "exclusive", "slanted"
        ), matrix
    # Built by column with its schema (from a list of row dicts, then cast, it cost ~2 ms
    # a story: issue 14).
    sentences = pl.DataFrame(
        {name: [r[name] for r in rows] for name in _SENTENCE_COLUMNS}, schema=_SENTENCE_COLUMNS
    )
    return sentences, matrix


def _slant_rows(
    articles: pl.DataFrame,
    embedder: Embedder,
    cache: EmbeddingCache | None,
    framing: pl.DataFrame | None,
    story: pl.DataFrame | None,
) -> tuple[list[dict[str, Any]], NDArray[np.float64]]:
    """`slant_features` as the sentences' row dicts (`_story_sentences`: per independent
    article, its fact sentences in order) and the matrix."""
    story = independent_articles(articles) if story is None else story
    rows = _story_sentences(story, framing)
    if not rows:
        return rows, np.zeros((0, len(SLANT_FEATURES)))
    texts = [r["sentence"] for r in rows]
    vectors, _ = embed_texts(texts, embedder, cache)
    best, best_lexical = _best_other_outlet(texts, vectors, [r["source"] for r in rows])
    columns = {
        "exclusivity": 1.0 - best,
        "lexical_exclusivity": 1.0 - best_lexical,
        "exclusive": (best < SLANT_EXCLUSIVE_BELOW).astype(np.float64),
    }
    for name in SLANT_FEATURES[3:]:
        columns[name] = np.array([r[name] for r in rows], dtype=np.float64)
    matrix = np.hstack(
        [np.column_stack([columns[n] for n in SLANT_FEATURES]), vectors.astype(np.float64)]
    )
    return rows, matrix


def _best_other_outlet(
    texts: list[str],
    vectors: NDArray[np.float32],
    sources: list[str],
    block_elements: int | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Each sentence's best match among the other outlets' sentences: (mean of embedding
    and TF-IDF cosine, TF-IDF cosine), shape (n,) each; 0 where there is no other outlet.

    Scored a block of rows at a time (`facts._lexical_blocks`, SCORE_BLOCK_ELEMENTS), so
    a story of 23,000 sentences holds a few (block, n) arrays, not (n, n) ones of 4 GB
    each. A story of one block (every labelled story) is computed as a whole, as before;
    a row of a larger one may differ from the whole matrix's in the last bit of its
    embedding cosine (a block of a matrix product is not bound to the whole's summation
    order)."""
    n = len(texts)
    rows = _rows_per_block(n, block_elements)
    # Integer codes: an (n, n) comparison of strings cost more than the features.
    _, codes = np.unique(sources, return_inverse=True)
    best = np.empty(n)
    best_lexical = np.empty(n)
    for start, block in _lexical_blocks(texts, rows):
        stop = start + block.shape[0]
        lexical = block.astype(np.float64)
        cosine = vectors @ vectors.T if rows >= n else vectors[start:stop] @ vectors.T
        combined = (lexical + cosine) / 2
        other = codes[start:stop, None] != codes[None, :]
        best[start:stop] = np.where(other, combined, -np.inf).max(axis=1, initial=-np.inf)
        best_lexical[start:stop] = np.where(other, lexical, -np.inf).max(axis=1, initial=-np.inf)
    # Best match among the other outlets' sentences; none (a one-outlet story): 0.
    best = np.where(np.isfinite(best), best, 0.0)
    best_lexical = np.where(np.isfinite(best_lexical), best_lexical, 0.0)
    return best, best_lexical


#: `slant_features`' sentence frame: SLANTED's columns but score, exclusive and slanted,
#: plus source.
_SENTENCE_COLUMNS = pl.Schema(
    {
        "article_id": pl.String,
        "outlet": pl.String,
        "source": pl.String,
        "sentence_index": pl.Int64,
        "start": pl.Int64,
        "end": pl.Int64,
        "sentence": pl.String,
    }
)


def _slant_scores(
    model: SlantModel, matrix: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.bool_], NDArray[np.bool_]]:
    """Each row of a `slant_features` matrix: its score, whether its sentence is exclusive
    (no other outlet's sentence close), and whether it is slanted (score >= threshold)."""
    scores = model.scores(matrix)
    return scores, matrix[:, SLANT_FEATURES.index("exclusive")] > 0.5, scores >= model.threshold


def slanted_sentences(
    articles: pl.DataFrame,
    embedder: Embedder,
    cache: EmbeddingCache | None = None,
    framing: pl.DataFrame | None = None,
    model: SlantModel | None = None,
    story: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Every fact sentence of ONE story scored for informational bias.

    Arguments as `slant_features`; `model` defaults to the shipped one, which reads the
    embeddings of the model it was fitted with (the static MiniLM vectors,
    `facts_embedder`): with another embedder (the multilingual one) no sentence can be
    scored and the frame is empty. Returns the
    SLANTED schema ordered by outlet, article_id and sentence_index.
    """
    model = model or load_slant_model()
    if not model.fits(embedder):
        return empty(SLANTED)
    sentences, matrix = slant_features(articles, embedder, cache, framing, story)
    if sentences.height == 0:
        return empty(SLANTED)
    scores, exclusive, slanted = _slant_scores(model, matrix)
    return (
        sentences.with_columns(
            pl.Series("score", scores, dtype=pl.Float64),
            pl.Series("exclusive", exclusive, dtype=pl.Boolean),
            pl.Series("slanted", slanted, dtype=pl.Boolean),
        )
        .select(list(SLANTED))
        .sort("outlet", "article_id", "sentence_index")
    )


# --- Marks in context, for the story page ------------------------------------------------

#: How far to trust the marks: sentence-level precision and recall against BASIL's
#: annotators on the held-out test events (benchmarks/RESULTS.md, "Framing"; checked
#: against a fresh run by tests/test_framing_benchmark.py). Show them beside the panel.
MEASURED = {
    "loaded": {"precision": 0.192, "recall": 0.203, "f1": 0.197},
    "slanted": {"precision": 0.236, "recall": 0.417, "f1": 0.301},
}


def framing_marks(table: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """Every framing mark of one story in its sentence, for display.

    `table` has the FRAMING_COMPARISON schema (`compare_framing`), `articles` the story's
    articles (article_id, lead, body as in ARTICLES: the bodies give the sentences, the
    lead when the body is empty).
    Returns FRAMING_MARKS: one row per loaded-word mark and per slanted sentence, ordered
    by outlet, article_id, sentence_index, then loaded words before their sentence's slant
    and in text order. Text is returned as is: escape it before rendering it as HTML.
    """
    validate(table, FRAMING_COMPARISON, "framing comparison")
    # Only the texts are read: a page's article frame (ARTICLES plus its own columns) will do.
    validate(
        articles, frame_schema({c: ARTICLES[c] for c in ("article_id", "lead", "body")}), "articles"
    )
    bodies = {
        article_id: body if (body or "").strip() else (lead or "")
        for article_id, lead, body in articles.select("article_id", "lead", "body").iter_rows()
    }
    rows = []
    for outlet, article_id, marks, slanted in table.select(
        "outlet", "article_id", "loaded_marks", "slanted_sentences"
    ).iter_rows():
        sentences = split_sentences(bodies.get(article_id, ""))
        for mark in marks or []:
            if not 0 <= mark["sentence_index"] < len(sentences):
                continue  # the body changed since extraction: its offsets no longer hold
            sentence = sentences[mark["sentence_index"]]
            start, end = mark["start"] - sentence.start, mark["end"] - sentence.start
            if sentence.text[start:end] != mark["text"]:
                continue  # the same: offsets that no longer point at the marked words
            rows.append(
                {
                    "outlet": outlet,
                    "article_id": article_id,
                    "kind": "loaded",
                    "sentence_index": mark["sentence_index"],
                    "sentence": sentence.text,
                    "mark_start": start,
                    "mark_end": end,
                    "text": mark["text"],
                    # (a table compared before targets were checked per sentence reads
                    # as one compared now)
                    "target": _aimed_at(sentences, mark["sentence_index"], mark["target"]),
                    "score": mark["score"],
                    "exclusive": None,
                    "quoted": mark["quoted"],
                }
            )
        for slant in slanted or []:
            if not 0 <= slant["sentence_index"] < len(sentences):
                continue
            sentence = sentences[slant["sentence_index"]]
            rows.append(
                {
                    "outlet": outlet,
                    "article_id": article_id,
                    "kind": "slanted",
                    "sentence_index": slant["sentence_index"],
                    "sentence": sentence.text,
                    "mark_start": 0,
                    "mark_end": len(sentence.text),
                    "text": sentence.text,
                    "target": "",
                    "score": slant["score"],
                    "exclusive": slant["exclusive"],
                    "quoted": None,
                }
            )
    if not rows:
        return empty(FRAMING_MARKS)
    return pl.DataFrame(rows, schema=FRAMING_MARKS).sort(
        "outlet", "article_id", "sentence_index", pl.col("kind") == "slanted", "mark_start"
    )
