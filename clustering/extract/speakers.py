"""Who said a quote: a learned ranker over the people and organisations named near it.

`extract_quotes` finds each quote and a rule-based speaker (clustering/extract/quotes.py);
the rules were tuned on the real gold's dev split and overfit it (span+speaker F1 0.83 on
dev, 0.72 on test). This module re-decides the speaker: for each quote, the candidates are
the names the article resolves (full names, surnames, he/she and "the chief" resolved to
a name, organisations) in the sentences around it, plus the rules' own pick; each
candidate gets features that hold across sites and outlets (distance in sentences and
characters, same sentence or paragraph, before or after the quote, subject of an
attribution verb, gender agreement with a he/she near the quote, previous quote's speaker,
how often the article names it, person or organisation, and the rules' pick as one
feature among the others). A logistic regression (trained on the dev split only by
`benchmarks/compare_quotes.py --train-speakers`, seeded) scores each candidate; the best
one above the model's threshold is the speaker, else no one.

The weights ship as lexicons/speaker_ranker.json: feature names, scaling and coefficients,
no article text. `rank_speakers` only needs that file and the per-article context the
extractor builds (`SpeakerContext`).
"""

from __future__ import annotations

import bisect
import itertools
import json
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import Any, ClassVar, Protocol

import numpy as np

from clustering.extract.places import STATE_ABBREVIATIONS, place_names
from clustering.models import StandardisedLogistic
from clustering.text import Sentence

__all__ = [
    "FEATURES",
    "DocumentSource",
    "QuoteSite",
    "SpeakerContext",
    "SpeakerRanker",
    "candidate_features",
    "default_ranker",
    "document_source",
    "is_demonym",
    "joint_sources",
    "no_one_speakers",
    "person_names",
    "rank_speakers",
]

# Candidates come from this many sentences before the quote's first sentence and after
# its last: attributions in news prose sit in the quote's sentence, the one before ("He
# said the tram did not slow down. “...”") or the one after ("“...” That was Lee.").
SENTENCES_BEFORE = 3
SENTENCES_AFTER = 1
# Distances (characters) are read as log1p and capped: past a paragraph, farther is no
# less likely.
_FAR = 2000


# The common attribution verbs, for the adjacency features (the rules' full list is in
# quotes.py; these few cover most attributions on every site).
_SAID = r"(?:said|says|say|told|tells|added|adds|asked|asks|wrote|writes|explained|noted|tweeted|stated|continued|recalled|replied|insisted|warned|argued)"
_SAID_AFTER_MARK = re.compile(r"[\s,.;:!?—–-]{0,4}" + _SAID + r"\s+(?:[A-Za-z.]+\s+){0,4}$")
_SAID_AFTER_NAME = re.compile(
    r"(?:\s*,[^,;“”\"]{1,80},)?\s+(?:\w+ly\s+|also\s+|then\s+)?" + _SAID + r"\b"
)
# "tells Etheridge", "asked Mr. Kuleba", "accused Schiff of": the name after is spoken to.
_ADDRESS_BEFORE = re.compile(
    r"\b(?:tells?|told|telling|asks?|asked|asking|urged?|urging|accused|accusing|thanked|"
    r"warned|pressed|questioned|interrupted|called\s+on|begged|implored|"
    # "Amazon informed Newsweek that ...", "provided Newsweek a statement": the one told
    # or given the words (issue 16, item 3).
    r"informed|informing|provided|providing|gave|giving|sent|sending|emailed)\s+(?:the\s+)?"
    r"(?:[A-Z][\w.-]*\s+){0,3}$"
)
_INVERTED = re.compile(r"[\s,.;:!?—–-]{0,4}[a-z]+\s+(?:the\s+)?(?:[A-Z][\w.-]*\s+){0,3}")
_SAID_BEFORE_MARK = re.compile(
    r"(?:\s*,[^,;“”\"]{1,80},)?\s+(?:\w+ly\s+|also\s+)?" + _SAID + r"\b[^.;“”\"]{0,60}$"
)


# Issue 16, ninth pass: the attribution beside the marks names no one. The verbs are the
# common ones plus those of documents and crowds ("the statement read", "chanted").
_UNNAMED_VERB = (
    r"(?:" + _SAID[3:-1] + r"|read|reads|stated|states|concluded|concludes|chanted|"
    r"screamed|shouted|yelled|posted|cried|goes|went|described|called)"
)
# An indefinite or collective subject: "another neighbor said", "a police spokesperson
# said", "some in the crowd chanted", "one officer described as", "they said", "the
# chairmen said" (a plural), words of lower case only between the determiner and the verb,
# so no name is inside, and none that ends the phrase ("a national decline that he called",
# "an expletive and said").
_WORD = r"(?:(?!(?:he|she|it|we|i|that|who|which|and|but)\b)[a-z][\w'’-]*,?\s+)"
# An anonymous one too, though definite: "said the unidentified neighbor" (issue 16,
# twelfth pass; the definite subject in general, "the agency said", names the agency or
# sheriff in the gold as often as no one).
_ANONYMOUS = r"the\s+(?:unidentified|unnamed|anonymous)\s+"
_INDEFINITE = (
    r"(?:(?:another|a|an|one|some|several|many|other|two|three|four|few|"
    + _ANONYMOUS[:-3]
    + r")\s+"
    + _WORD
    + r"{0,4}?|they\s+|(?:the\s+)?"
    + _WORD
    + r"{0,2}?"
    r"(?:[a-z]+men|people|officials|lawmakers|neighbors|neighbours|residents|witnesses|"
    r"members|chairmen|aides|critics|protesters|authorities)\s+)"
)
_AFTER_PREFIX = r"[\s,.;:!?—–-]{0,4}"
_INDEFINITE_AFTER = re.compile(
    _AFTER_PREFIX
    + r"(?:"
    + _INDEFINITE
    + r"(?:\w+ly\s+)?"
    + _UNNAMED_VERB
    + r"\b|"
    + _UNNAMED_VERB
    + r"\s+(?:another|a|an|one|some|"
    + _ANONYMOUS[:-3]
    + r")\b)"
)
_INDEFINITE_BEFORE = re.compile(
    r"\b(?i:another|a|an|one|some|several|many|they|"
    + _ANONYMOUS[:-3]
    + r")\s+"
    + _WORD
    + r"{0,5}?"
    # (no comma before the verb: "Kuleba, a former minister, said: “" is an appositive)
    + r"(?<!,\s)"
    + _UNNAMED_VERB
    + r"(?:\s+as)?[\s,:]{0,3}$"
)


# Issue 16: one document rule. A document as the subject of the attribution beside the
# marks ("”, the press release stated", "the report continued", "the tweets read: “",
# "The letter goes on:", "the advertisement says", "According to the letter, “"): its
# words are its issuer's, the organisation the article names just before as issuing it
# ("KCNA released a report ...", "according to Forsyth Police Department"), else no one's
# (tenth pass: the ranker's document_issuer feature). A letter or an ad with "the" (a
# signed document) goes to its issuer or to no one whatever the ranker makes of the names
# around it (fifteenth pass: letters signed by three dozen House Democrats, by 42
# senators, by six executives had gone to a person named near them; a signer named as the
# subject, "Perry says in the ad", is still the speaker; its several signers named, "Pelosi
# and Schumer ... the letter said", `joint_sources`). Until the sixteenth pass the letter
# rule had its own expressions in quotes.py.
_SIGNED_NOUN = r"letter|advertisement|ad|commercial"
_DOCUMENT_NOUN = (
    r"(?:statement|release|report|tweet|post|resolution|memo|message|e-?mail|notice"
    r"|filing|complaint|document|announcement|" + _SIGNED_NOUN + r")s?"
)
_DOCUMENT = (
    r"(?P<det>(?i:the|a|its|their|his|her))\s+(?:[\w-]+\s+){0,2}?"
    r"(?P<noun>" + _DOCUMENT_NOUN + r")"
    r"\s+(?:\w+ly\s+|also\s+)?(?:" + _UNNAMED_VERB[3:-1] + r"|urges|urged)\b"
)
_DOCUMENT_AFTER = re.compile(_AFTER_PREFIX + _DOCUMENT)
_DOCUMENT_BEFORE = re.compile(
    r"(?:\b" + _DOCUMENT + r"|\b(?i:according\s+to)\s+(?P<det2>(?i:the))\s+"
    r"(?:[\w-]+\s+){0,2}?(?P<noun2>" + _DOCUMENT_NOUN + r")\b)[^;“”\"]{0,60}$"
)
# How far from the marks the document attribution is read, in characters.
_DOCUMENT_REACH = (100, 80)
# The organisation issues it: "KCNA released a report", "the company said in a statement",
# "its statement", "according to Forsyth Police Department", "a release from the FWS";
# not an organisation merely named there ("posted on Instagram", "his Senate candidacy",
# "an area staffed by the German Red Cross").
_ISSUED_AFTER = re.compile(
    r"(?:['’]s\s+(?:[\w-]+\s+){0,2}?" + _DOCUMENT_NOUN + r"|,?\s+(?:\w+ly\s+)?"
    r"(?:released|issued|published|posted|sent|put\s+out|tweeted|wrote|said|says|stated"
    r"|announced)\b)"
)
_ISSUED_BEFORE = re.compile(
    r"\b(?:according\s+to|" + _DOCUMENT_NOUN + r"\s+(?:from|by|of))\s+(?:the\s+)?$"
)


@dataclass(frozen=True)
class DocumentSource:
    """A quote whose attribution is a document: `signed` when it is a letter or an ad
    ("the letter stated": its signers' words, decided by this rule), `issuer` the
    organisation named as issuing it (None when the article names none there)."""

    signed: bool
    issuer: str | None


def _document_attribution(
    body: str, open_mark: int, close_end: int, sentence_start: int
) -> re.Match[str] | None:
    """The document attribution beside the marks: right after the closing mark, or ending
    the text between the quote's sentence start and its opening mark."""
    found = _DOCUMENT_AFTER.match(body, close_end, close_end + _DOCUMENT_REACH[1])
    if found is None:
        lo = max(open_mark - _DOCUMENT_REACH[0], sentence_start, 0)
        found = _DOCUMENT_BEFORE.search(body, lo, open_mark)
    return found


def document_source(
    body: str,
    mentions: list[Any],
    starts: list[int],
    sentences: list[Sentence],
    first: int,
    open_mark: int,
    close_end: int,
    person: dict[str, bool],
) -> DocumentSource | None:
    """The document a quote is attributed to (None when its attribution is no document):
    whether it is signed (a letter or an ad the article calls "the ...") and the
    organisation that issued it: a name the article never uses for a person, named last
    before the opening mark, in the quote's sentence or the two before it, as issuing it
    (`_ISSUED_AFTER`/`_ISSUED_BEFORE`). `mentions`: the article's, sorted by start
    (`starts`); `first`: the index of the quote's first sentence in `sentences`. Used by
    the rules (`quotes._quote_rows`: a signed document decides the speaker) and by the
    ranker (the `document_issuer` feature) alike."""
    sentence_start = sentences[first].start
    found = _document_attribution(body, open_mark, close_end, sentence_start)
    if found is None:
        return None
    det = (found.group("det") or found.group("det2")).lower()
    noun = (found.group("noun") or found.group("noun2")).lower().rstrip("s")
    issuer = None
    lo = bisect.bisect_left(starts, sentences[max(first - 2, 0)].start)
    for i in range(bisect.bisect_left(starts, open_mark) - 1, lo - 1, -1):
        m = mentions[i]
        if (
            m.name
            and not m.is_pronoun
            and not person.get(m.name, True)
            # (A party's members sign a letter; they issue nothing as one body: "Democrats
            # wrote they expect ... “...” the letter urged".)
            and not _party_members(m.name.split(), place_names())
            and (
                _ISSUED_AFTER.match(body, m.end, open_mark) is not None
                or _ISSUED_BEFORE.search(body, max(m.start - 60, 0), m.start) is not None
            )
        ):
            issuer = str(m.name)
            break
    signed = det == "the" and re.fullmatch(_SIGNED_NOUN, noun) is not None
    return DocumentSource(signed=signed, issuer=issuer)


# Issue 16, fourteenth pass: words that several people gave together (a joint statement,
# a letter they signed) are no one's (the gold's rule; the ranker gave them to one of the
# signers). Two person names joined as one subject: "Rudy Giuliani and Jay Sekulow",
# "Bob Goodlatte, R-Va., Oversight Chairman Trey Gowdy", "Nancy Pelosi (D-Calif.) and
# Senate Minority Leader Chuck Schumer": between them a bracket or a party tag at most, a
# comma or "and", then up to four capitalised words of title.
_COORDINATED = re.compile(
    r"(?:\s*\([^()]{1,20}\))?(?:,\s*[RDI]-[A-Z][\w.]*)?"
    r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)"
    r"(?:[A-Z][\w.’'-]*\s+){0,4}"
)
_JOINT = re.compile(r"\bjoint(?:ly)?\b|\bsigned\s+by\b|\bco-?signed\b", re.IGNORECASE)
# ... as the attribution's subject: right after "said"/"from"/"by" ("said attorneys Rudy
# Giuliani and Jay Sekulow", "a statement from Chairman Bob Goodlatte, ...") or right
# before a verb of saying or issuing ("... and Chuck Schumer (D-N.Y.) released"), not
# objects ("urging Trump and Sen. Mitch McConnell to", "contact Trump and Zinke").
# (Up to six words between, none a preposition: "said of Trump and Clinton" names whom
# it was said of; commas for a list, "from Chairman Bob Goodlatte, R-Va., Chairman ...";
# the first a determiner, a possessive or a capitalised word, so no clause of its own
# begins there: "said he had alerted Schumer and Pelosi", "said numerous photographs show
# Thurman and Weinstein", nor a verb after it, "said the committee had alerted Schumer and
# Pelosi" (read on labelled articles no gold file holds).)
_JOINT_LEAD = re.compile(
    r"\b(?:" + _SAID + r"|from|by)\s+"
    r"(?:(?:the|a|an|his|her|their|its)\s+|[A-Z][\w.’'-]*[\s,]+|[\w’'-]+['’]s\s+)"
    r"(?:(?!(?:of|about|to|with|that|on|for|in|at|against|as|had|has|have|was|were|is|are"
    r"|will|would|could)\b)(?![a-z]+ed\b)[\w.,’'-]+\s+){0,5}$"
    r"|\b(?:" + _SAID + r"|from|by)\s+$"
)
_JOINT_VERB = re.compile(
    r"(?:\s*\([^()]{1,20}\))?(?:,\s*[RDI]-[A-Z][\w.]*,?)?\s+(?:\w+ly\s+)?"
    r"(?:" + _SAID + r"|released|issued|signed|sent)\b"
)
# How far from the marks the attribution beside them is read, in characters; names right
# after the closing mark ("”, Senators A and B said"): punctuation and titles between.
_BESIDE = 160
_NAMES_RIGHT_AFTER = re.compile(r"[\s,.;:!?—–-]{0,4}(?:[A-Z][\w.’'-]*\s+){0,4}")


def _joint_source(
    body: str,
    site: QuoteSite,
    sentences: list[Sentence],
    window: list[Any],
    person: dict[str, bool],
) -> bool:
    """Whether the quote's attribution names several people as one source: two person
    names coordinated (`_COORDINATED`) in the attribution beside the marks (the quote's
    sentences, at most `_BESIDE` characters from either mark), or, when that attribution is
    a document ("the joint statement said", "the letter stated") or is called joint or
    signed, in the quote's sentence and the two before it (where the signers are named:
    "Pelosi and Schumer released a joint statement"). `window`: the mentions around the
    quote, in reading order."""
    # (After the marks, past the sentence's end too: the splitter ends sentences at party
    # tags, "Bob Goodlatte, R-Va., Oversight Chairman"; never past the paragraph.)
    newline = body.find("\n", site.close_end, site.close_end + _BESIDE)
    after_end = site.close_end + _BESIDE if newline < 0 else newline
    before_start = max(sentences[site.first].start, site.open_mark - _BESIDE)
    zones = [(before_start, site.open_mark), (site.close_end, after_end)]
    document = (
        _document_attribution(body, site.open_mark, site.close_end, before_start) is not None
        or _JOINT.search(body, before_start, site.open_mark) is not None
        or _JOINT.search(body, site.close_end, after_end) is not None
    )
    if document:
        zones[0] = (sentences[max(site.first - 2, 0)].start, site.open_mark)
    # (A possessive is an appositive's, not a second source: "Kim Taylor, Carlos Stokes'
    # neighbor".)
    people = [
        m
        for m in window
        if m.name and not m.is_pronoun and not m.possessive and person.get(m.name, False)
    ]
    # Runs of coordinated names; one joined by commas alone must reach an "and" ("A, B,
    # and C"): "by Mr. Stone, Rob Buschel, Mr. Stone's lawyer" is an appositive.
    runs: list[list[Any]] = []
    joined_by_and: list[bool] = []
    for m1, m2 in itertools.pairwise(people):
        gap = _COORDINATED.fullmatch(body, m1.end, m2.start)
        if (
            gap is None
            or m1.name == m2.name
            or body[m2.end : m2.end + 1] in ("'", "’")  # ("Carlos Stokes' neighbor")
        ):
            continue
        if runs and runs[-1][-1] is m1:
            runs[-1].append(m2)
        else:
            runs.append([m1, m2])
            joined_by_and.append(False)
        joined_by_and[-1] |= re.search(r"\band\b|&", gap.group()) is not None
    for run, has_and in zip(runs, joined_by_and, strict=True):
        first, last = run[0], run[-1]
        if not has_and or not any(lo <= first.start and last.end <= hi for lo, hi in zones):
            continue
        lead = _JOINT_LEAD.search(body, max(first.start - 60, 0), first.start) is not None
        verb = _JOINT_VERB.match(body, last.end) is not None
        if first.start < site.open_mark and (lead or verb):
            return True
        # After the marks, the attribution itself ("”, said attorneys A and B", "”, A and
        # B said"), not a clause further on ("... and Pelosi and Schumer released").
        if lead or (verb and _NAMES_RIGHT_AFTER.fullmatch(body, site.close_end, first.start)):
            return True
    return False


def joint_sources(context: SpeakerContext) -> list[bool]:
    """For each quote of `context.sites`: whether several people gave its words together
    (`_joint_source`; the gold gives such a quote to no one, and so does `rank_speakers`).
    A rule rather than a ranker feature: in dev cross-validation the feature fired on the
    same quotes and the weights refit with it moved borderline single-candidate quotes."""
    person = context.person
    out = []
    for site in context.sites:
        a, b = context.window(site)
        out.append(
            _joint_source(context.body, site, context.sentences, context.mentions[a:b], person)
        )
    return out


_SPOKES_WORD = re.compile(r"\bspokes|\bcompany\b|\bstatement\b")


def _unnamed_attribution(body: str, site: QuoteSite, sentences: list[Sentence]) -> bool:
    """Whether the attribution right after the closing mark or right before the opening one
    has an indefinite or collective subject ("another neighbor said", "they said", "the
    chairmen said", "some in the crowd chanted, “"). (A definite one, "the reporter asks",
    "the letter stated", was tried as a second feature: the gold names the sheriff, the
    agency or the issuer of a release as often as no one, and dev CV lost 3 quotes.)"""
    after_end = min(sentences[site.last].end, site.close_end + 80)
    before_start = max(sentences[site.first].start, site.open_mark - 100)
    found = _INDEFINITE_AFTER.match(body, site.close_end, after_end) or _INDEFINITE_BEFORE.search(
        body, before_start, site.open_mark
    )
    # "a company spokesman said", "a spokeswoman added": the rules give the quote to the
    # organisation spoken for (the gold does too), so that subject is named.
    return found is not None and _SPOKES_WORD.search(found.group()) is None


class _MentionLike(Protocol):
    start: int
    end: int
    name: str | None
    is_person: bool
    is_pronoun: bool
    possessive: bool


@dataclass(frozen=True)
class QuoteSite:
    """Where one quote sits and what the rules made of it.

    `open_mark`/`close_end`: [offset of the opening mark, one past the closing mark);
    `first`/`last`: indices (into `SpeakerContext.sentences`) of the sentences holding the
    opening and closing marks; `paragraph`/`last_paragraph`: paragraph indices of the same;
    `document`: the quote's `document_source` (read once, by the rules, for the rules and
    the ranker's document_issuer feature alike)."""

    open_mark: int
    close_end: int
    first: int
    last: int
    paragraph: int
    last_paragraph: int
    rule_speaker: str | None
    verb: str | None
    is_partial: bool
    decided: bool = False  # the rules' speaker stands (a case the ranker has no feature for)
    document: DocumentSource | None = None


def person_names(mentions: Iterable[Any]) -> dict[str, bool]:
    """Each name the mentions give, and whether some mention of it is a person's."""
    person: dict[str, bool] = {}
    for m in mentions:
        if m.name:
            person[m.name] = person.get(m.name, False) or bool(m.is_person)
    return person


@dataclass(frozen=True)
class SpeakerContext:
    """One article as the ranker reads it: its body, its resolved mentions outside quotes
    (sorted by start), sentences, the genders the article tells ("m"/"f" by name), the
    attribution verbs' subjects by sentence index ((verb offset, name or None) pairs, in
    reading order) and its quotes in reading order."""

    body: str
    mentions: list[Any]
    sentences: list[Sentence]
    genders: dict[str, str]
    subjects: dict[int, list[tuple[int, str | None]]]
    sites: list[QuoteSite]
    _starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._starts.extend(m.start for m in self.mentions)

    @cached_property
    def person(self) -> dict[str, bool]:
        """`person_names` of the article's mentions (read by several rules)."""
        return person_names(self.mentions)

    def window(self, site: QuoteSite) -> tuple[int, int]:
        """The mentions (an index range of `mentions`) in the quote's window: sentences
        [first - SENTENCES_BEFORE, last + SENTENCES_AFTER]."""
        lo = max(site.first - SENTENCES_BEFORE, 0)
        hi = min(site.last + SENTENCES_AFTER, len(self.sentences) - 1)
        return (
            bisect.bisect_left(self._starts, self.sentences[lo].start),
            bisect.bisect_left(self._starts, self.sentences[hi].end),
        )


# The features, in the order of the weights file's vectors.
FEATURES = (
    "rule_pick",  # the rules chose this candidate
    "rule_pick_with_verb",  # ... through an attribution verb of the quote's own sentence
    "rule_none",  # the rules chose no one (same for every candidate of the quote)
    "in_sentence",  # named (not as a pronoun) in the quote's sentence(s), outside the marks
    "pronoun_in_sentence",  # a he/she/role word resolved to it in the quote's sentence(s)
    "in_previous_sentence",
    "in_next_sentence",
    "sentence_distance",  # to the nearest mention, 0 inside the quote's sentences (capped 5)
    "paragraph_distance",  # (capped 3)
    "log_chars_before",  # from the nearest mention ending before the opening mark
    "log_chars_after",  # from the closing mark to the nearest mention after it
    "right_after_quote",  # a mention within 25 characters after the closing mark
    "subject_in_sentence",  # subject of an attribution verb in the quote's sentence(s)
    "subject_previous_sentence",
    "subject_next_sentence",
    "subject_of_nearest_verb",  # subject of the attribution verb closest to the marks
    "said_right_after",  # "”, Kuleba said" / "”, said Kuleba" with this candidate
    "said_right_before",  # "Kuleba said: “", "Kuleba, the minister, told reporters “"
    "previous_quote_speaker",  # the rules gave the quote before (same or last paragraph) to it
    "next_quote_speaker",  # ... the quote after, in the same paragraph
    "gender_agrees",  # a he/she near the quote and the candidate's known gender agree
    "gender_disagrees",
    "log_mentions",  # how often the article names it (not counting pronouns)
    "is_person",
    "several_words",  # a full name ("Dmytro Kuleba"), not a surname or a one-word org
    "possessive_nearest",  # its nearest mention is possessive ("Kuleba's")
    "first_named",  # the first person or organisation the article names
    "is_partial",  # the quote is a fragment inside the reporter's sentence (quote-level)
    "unnamed_subject",  # the verb nearest the marks has an unnamed subject: "one Democrat
    # who opposed her said", "another man tells Etheridge" (quote-level)
    "addressed",  # named right after a verb of address in the quote's sentences: "tells
    # Etheridge", "asked the senator", "accused Schiff": spoken to, not speaking
    # Article-level evidence of who speaks in it (issue 16, eighth pass): a person talked
    # about ("Obama", "the President" of a memo) is named near many quotes, one who speaks
    # is named right beside the marks of the article's other quotes.
    "log_attributed_elsewhere",  # other quotes of the article with "”, X said" / "X said:
    # “" beside their marks (log1p of the count; the quote's own attribution not counted)
    "rule_share_elsewhere",  # share of the article's other quotes the rules gave to it
    "main_person",  # the person the article names most often (a candidate for every quote)
    "continues_previous",  # no attribution verb in the quote's sentences and the quote
    # before (same or last paragraph) was the rules' for it: "“...” he said. ¶ “...”"
    "initial_word_only",  # a one-word name, or one whose first word is no first name,
    # met only at sentence starts ("Moreover", "Debate", "Sign Up You"): capitalised
    # common words more often than a name (organisations that open sentences too)
    "main_of_gender",  # a he/she is near the quote and this is the person of that gender
    # the article names most (a candidate then): "he said" over a chain of paragraphs
    # about one man, after another man was named in passing
    # Issue 16, ninth pass: quotes whose gold has no speaker (quote-level features, the
    # same for every candidate of the quote, that lower them all below the threshold).
    "indefinite_attribution",  # the attribution beside the marks has an indefinite or
    # collective subject: "another neighbor said", "they said", "the chairmen said"
    "pronoun_unresolved",  # a he/she in the quote's sentences that the rules left
    # unresolved (someone unnamed came between: "A woman who lives across the street
    # ... “...,” she said") (quote-level)
    # Issue 16, tenth pass: a document's words belong to whoever issued it.
    "document_issuer",  # the attribution beside the marks is a document ("the report
    # read", "the press release stated", "the tweets read") and this is the organisation
    # named last before the opening mark, in the quote's sentence or the two before it
    # ("KCNA released a report Saturday ... “...,” the report read")
)


def _at(mentions: list[Any], indices: list[int]) -> Iterator[Any]:
    """The mentions at `indices`, in their order."""
    return (mentions[i] for i in indices)


@dataclass(frozen=True)
class _Mentions:
    """`context.mentions` indexed by position, so that what a quote asks of its
    neighbourhood costs a few bisections, not a pass over every mention of its window
    (a body of one long sentence, `Ann said "a b"` repeated, has every mention in every
    quote's window: quotes x mentions). Issue 16: the features read from these are
    identical to a pass over the window.

    `sentence[i]`: the sentence index of mention i (nondecreasing in i, as mentions are
    sorted by start); `by_name[name]`: the indices of its mentions, ascending; `he_she`: the
    indices of the plain "he"/"she" mentions (not possessive); `unresolved`: those of them
    the rules left without a name; `addressable`: mentions (not pronouns) that a verb of
    address precedes within 60 characters, the widest window `_ADDRESS_BEFORE` is searched
    in (a narrower one matches a subset); `longest`: the longest mention, in characters."""

    sentence: list[int]
    by_name: dict[str | None, list[int]]
    he_she: list[int]
    unresolved: list[int]
    addressable: list[int]
    longest: int

    @classmethod
    def of(cls, context: SpeakerContext) -> _Mentions:
        starts = [s.start for s in context.sentences]
        body = context.body
        sentence, he_she, unresolved, addressable = [], [], [], []
        by_name: dict[str | None, list[int]] = {}
        for i, m in enumerate(context.mentions):
            sentence.append(max(bisect.bisect_right(starts, m.start) - 1, 0))
            by_name.setdefault(m.name, []).append(i)
            if m.is_pronoun and not m.possessive and body[m.start : m.end].lower() in ("he", "she"):
                he_she.append(i)
                if m.name is None:
                    unresolved.append(i)
            if (
                not m.is_pronoun
                and _ADDRESS_BEFORE.search(body, max(m.start - 60, 0), m.start) is not None
            ):
                addressable.append(i)
        longest = max((m.end - m.start for m in context.mentions), default=0)
        return cls(sentence, by_name, he_she, unresolved, addressable, longest)

    def in_sentences(self, indices: list[int], lo: int, hi: int, first: int, last: int) -> range:
        """Positions k in [lo, hi) of `indices` whose mention lies in sentences
        [first, last] (a run, as sentence indices do not decrease)."""
        key = self.sentence.__getitem__
        return range(
            bisect.bisect_left(indices, first, lo, hi, key=key),
            bisect.bisect_right(indices, last, lo, hi, key=key),
        )


def _gendered_near(context: SpeakerContext, index: _Mentions, site: QuoteSite) -> str | None:
    """The gender of the he/she the quote's sentences use outside the marks, if one (the
    first plain he/she starting in them)."""
    a = bisect.bisect_left(context._starts, context.sentences[site.first].start)
    b = bisect.bisect_left(context._starts, context.sentences[site.last].end)
    k = bisect.bisect_left(index.he_she, a)
    if k == len(index.he_she) or index.he_she[k] >= b:
        return None
    m = context.mentions[index.he_she[k]]
    return "m" if context.body[m.start : m.end].lower() == "he" else "f"


def candidate_features(context: SpeakerContext) -> list[list[tuple[str, list[float]]]]:
    """For each quote of `context.sites`, its candidates as (name, feature vector in
    FEATURES order), in first-seen order. Candidates: every resolved name mentioned in the
    sentences [first - SENTENCES_BEFORE, last + SENTENCES_AFTER] of the quote, the rules'
    pick and the rules' speaker of the quote before."""
    sentences = context.sentences
    starts = [s.start for s in sentences]
    counts: dict[str, int] = {}
    first_named: str | None = None
    for m in context.mentions:
        if m.name and not m.is_pronoun:
            counts[m.name] = counts.get(m.name, 0) + 1
            first_named = first_named or m.name
    person = context.person
    places = place_names(("state", "city"))
    main_person = max(
        (n for n in counts if person.get(n, False)),
        key=lambda n: (counts[n], n == first_named),
        default=None,
    )
    main_by_gender = {
        g: max(
            (n for n in counts if person.get(n, False) and context.genders.get(n) == g),
            key=lambda n: (counts[n], n == first_named),
            default=None,
        )
        for g in ("m", "f")
    }
    from clustering.extract.quotes import first_names  # (quotes imports this module)

    known_first = first_names()
    sentence_starts = set(starts)
    initial_only = {
        name: all(_opens_sentence(context.body, m.start, sentence_starts) for m in group)
        for name, group in _named_mentions(context.mentions).items()
        # (one word, or a run whose first word is no first name: "Sign Up You")
        if len(name.split()) == 1 or name.split()[0].lower() not in known_first
    }
    rule_counts: dict[str, int] = {}
    for site in context.sites:
        if site.rule_speaker:
            rule_counts[site.rule_speaker] = rule_counts.get(site.rule_speaker, 0) + 1
    others = max(len(context.sites) - 1, 1)
    index = _Mentions.of(context)
    mentions = context.mentions
    body = context.body
    start_of = context._starts.__getitem__  # (a key: mention index -> its start)
    sentence_of = index.sentence.__getitem__
    paragraph_of = [sentences[s].paragraph for s in index.sentence].__getitem__
    # Per name, over its mentions in order: how many so far are plain (no pronoun, not
    # possessive) and how many pronouns, so a run of them is counted by two look-ups.
    plain_upto: dict[str | None, list[int]] = {}
    pronoun_upto: dict[str | None, list[int]] = {}
    addressable: dict[str | None, list[int]] = {}
    for name, indices in index.by_name.items():
        plain, pronoun = [0], [0]
        for i in indices:
            m = mentions[i]
            plain.append(plain[-1] + int(not m.is_pronoun and not m.possessive))
            pronoun.append(pronoun[-1] + int(bool(m.is_pronoun)))
        plain_upto[name], pronoun_upto[name] = plain, pronoun
    for i in index.addressable:
        addressable.setdefault(mentions[i].name, []).append(i)
    # The attribution verbs in reading order (sentence by sentence, by offset within one),
    # with their sentence, and the named subjects of each sentence.
    verb_at: list[tuple[int, str | None]] = []
    verb_sentence: list[int] = []
    subject_names: dict[int, set[str]] = {}
    for t in sorted(context.subjects):
        for v, n in context.subjects[t]:
            verb_at.append((v, n))
            verb_sentence.append(t)
        subject_names[t] = {n for _, n in context.subjects[t] if n}
    verb_offset = [v for v, _ in verb_at]
    no_names: set[str] = set()
    explicit_by_site: list[set[str]] = []  # names said-adjacent (not as a pronoun) per quote
    out: list[list[tuple[str, list[float]]]] = []
    for k, site in enumerate(context.sites):
        a, b = context.window(site)
        # The names mentioned in the window, in first-seen order: read off the window when
        # it holds fewer mentions than the article has names, else found name by name.
        if b - a <= len(index.by_name):
            seen: set[str] = set()
            names: list[str] = []
            for i in range(a, b):
                name_i = mentions[i].name
                if name_i and name_i not in seen:
                    seen.add(name_i)
                    names.append(name_i)
        else:
            firsts = []
            for name_i, indices in index.by_name.items():
                j = bisect.bisect_left(indices, a)
                if name_i and j < len(indices) and indices[j] < b:
                    firsts.append((indices[j], name_i))
            names = [name_i for _, name_i in sorted(firsts)]
        previous = context.sites[k - 1] if k > 0 else None
        following = context.sites[k + 1] if k + 1 < len(context.sites) else None
        gender = _gendered_near(context, index, site)
        main_same = main_by_gender[gender] if gender else None
        for extra in (
            site.rule_speaker,
            previous.rule_speaker if previous else None,
            main_person,
            main_same,
        ):
            if extra and extra not in names:
                names.append(extra)
        # A city or a US state that names no person of the article speaks for no one
        # ("Tokyo" for an airline, "Nebraska" for a lawsuit): its people or its
        # government are named as such when they speak.
        names = [n for n in names if n not in places or person.get(n, True)]
        subjects_in: set[str] = set()
        for s in range(site.first, site.last + 1):
            subjects_in |= subject_names.get(s, no_names)
        subjects_previous = subject_names.get(site.first - 1, no_names)
        subjects_next = subject_names.get(site.last + 1, no_names)
        # The verbs of the quote's sentences; the nearest to the marks (the first in
        # reading order on a tie) is one of the nearest on either side of each mark.
        v_lo = bisect.bisect_left(verb_sentence, site.first)
        v_hi = bisect.bisect_right(verb_sentence, site.last)
        nearest_verb = None
        for offset in (site.open_mark, site.close_end):
            right = bisect.bisect_left(verb_offset, offset, v_lo, v_hi)
            left = bisect.bisect_right(verb_offset, offset, v_lo, v_hi) - 1
            for near_j in (left, right):
                if v_lo <= near_j < v_hi:
                    v = verb_offset[near_j]
                    key = (
                        min(abs(v - site.open_mark), abs(v - site.close_end)),
                        bisect.bisect_left(verb_offset, v, v_lo, v_hi),  # (its first)
                    )
                    nearest_verb = min(nearest_verb or key, key)
        has_verbs = v_hi > v_lo
        nearest_subject = verb_at[nearest_verb[1]][1] if nearest_verb else None
        unnamed_subject = has_verbs and nearest_subject is None
        sentences_start = sentences[site.first].start
        continues = (
            not has_verbs
            and site.verb is None
            and previous is not None
            and previous.last_paragraph >= site.paragraph - 1
        )
        indefinite = _unnamed_attribution(body, site, sentences)
        u_lo = bisect.bisect_left(index.unresolved, a)
        u_hi = bisect.bisect_left(index.unresolved, b)
        pronoun_unresolved = bool(
            index.in_sentences(index.unresolved, u_lo, u_hi, site.first, site.last)
        )
        issuer = site.document.issuer if site.document is not None else None
        explicit: set[str] = set()
        candidates = []
        for name in names:
            # Its mentions in the window: positions [ia, ib) of its index list.
            indices = index.by_name.get(name, [])
            ia, ib = bisect.bisect_left(indices, a), bisect.bisect_left(indices, b)
            plain = plain_upto.get(name, [0])
            pronoun = pronoun_upto.get(name, [0])
            inside = index.in_sentences(indices, ia, ib, site.first, site.last)
            in_sentence = plain[inside.stop] > plain[inside.start]
            pronoun_in = pronoun[inside.stop] > pronoun[inside.start]
            in_previous = bool(index.in_sentences(indices, ia, ib, site.first - 1, site.first - 1))
            in_next = bool(index.in_sentences(indices, ia, ib, site.last + 1, site.last + 1))
            # The last mention ending before the opening mark, the first starting after the
            # closing one.
            j = bisect.bisect_left(indices, site.open_mark, ia, ib, key=start_of) - 1
            while j >= ia and mentions[indices[j]].end > site.open_mark:
                j -= 1
            chars_before = site.open_mark - mentions[indices[j]].end if j >= ia else _FAR
            j_after = bisect.bisect_left(indices, site.close_end, ia, ib, key=start_of)
            chars_after = (
                mentions[indices[j_after]].start - site.close_end if j_after < ib else _FAR
            )
            if ib > ia:
                # Sentence and paragraph indices do not decrease along the mentions, so the
                # nearest lie on either side of the quote's own.
                sentence_distance = min(
                    0
                    if site.first <= (s := sentence_of(indices[j])) <= site.last
                    else min(abs(s - site.first), abs(s - site.last))
                    for j in (inside.start - 1, inside.start)
                    if ia <= j < ib
                )
                p_at = bisect.bisect_left(indices, site.paragraph, ia, ib, key=paragraph_of)
                paragraph_distance = min(
                    0
                    if site.paragraph <= (p := paragraph_of(indices[j])) <= site.last_paragraph
                    else min(abs(p - site.paragraph), abs(p - site.last_paragraph))
                    for j in (p_at - 1, p_at)
                    if ia <= j < ib
                )
                # The nearest mention (the first in reading order on a tie): the first after
                # the quote, or one before it, read back until none can be nearer.
                best: tuple[int, int] | None = None
                if j_after < ib:
                    best = (mentions[indices[j_after]].start - site.close_end, j_after)
                for j in range(j_after - 1, ia - 1, -1):
                    m = mentions[indices[j]]
                    if best is not None and site.open_mark - m.start - index.longest > best[0]:
                        break
                    key = min(abs(m.end - site.open_mark), abs(m.start - site.close_end))
                    if best is None or key <= best[0]:
                        best = (key, j)
                assert best is not None
                possessive_nearest = bool(mentions[indices[best[1]]].possessive)
            else:
                sentence_distance, paragraph_distance, possessive_nearest = 5, 3, False
            known = context.genders.get(name)
            said_after = any(
                not m.possessive
                and (
                    _SAID_AFTER_MARK.fullmatch(body, site.close_end, m.start) is not None
                    or (
                        not body[site.close_end : m.start].strip(" ,.;:!?—–-\n")
                        and _SAID_AFTER_NAME.match(body, m.end) is not None
                    )
                )
                for m in _at(
                    mentions,
                    indices[
                        j_after : bisect.bisect_right(
                            indices, site.close_end + 40, ia, ib, key=start_of
                        )
                    ],
                )
            )
            said_before = any(
                m.end <= site.open_mark
                and site.open_mark - m.end <= 140
                and not m.possessive
                and _SAID_BEFORE_MARK.fullmatch(body, m.end, site.open_mark) is not None
                for m in _at(
                    mentions,
                    indices[
                        bisect.bisect_left(
                            indices, site.open_mark - 140 - index.longest, ia, ib, key=start_of
                        ) : bisect.bisect_right(indices, site.open_mark, ia, ib, key=start_of)
                    ],
                )
            )
            not_only_pronouns = (ib - ia) > pronoun[ib] - pronoun[ia]
            if (said_after or said_before) and not_only_pronouns:
                explicit.add(name)
            # Addressed: a verb of address before one of its mentions in the quote's
            # sentences (only mentions with one in their widest window can match).
            own_addressable = addressable.get(name, [])
            addressed = (
                inside
                and any(
                    _ADDRESS_BEFORE.search(body, max(sentences_start, m.start - 60), m.start)
                    is not None
                    # "“...,” warned Tom Brennan": a verb right after the closing mark, then the
                    # name, is the inverted attribution, not an address.
                    and _INVERTED.fullmatch(body, site.close_end, m.start) is None
                    for m in _at(
                        mentions,
                        own_addressable[
                            bisect.bisect_left(
                                own_addressable, indices[inside.start]
                            ) : bisect.bisect_right(own_addressable, indices[inside.stop - 1])
                        ],
                    )
                )
            )
            vector = [
                float(name == site.rule_speaker),
                float(name == site.rule_speaker and site.verb is not None),
                float(site.rule_speaker is None),
                float(in_sentence),
                float(pronoun_in),
                float(in_previous),
                float(in_next),
                float(min(sentence_distance, 5)),
                float(min(paragraph_distance, 3)),
                math.log1p(min(chars_before, _FAR)),
                math.log1p(min(chars_after, _FAR)),
                float(chars_after <= 25),
                float(name in subjects_in),
                float(name in subjects_previous),
                float(name in subjects_next),
                float(name == nearest_subject),
                float(said_after),
                float(said_before),
                float(
                    previous is not None
                    and previous.rule_speaker == name
                    and previous.last_paragraph >= site.paragraph - 1
                ),
                float(
                    following is not None
                    and following.rule_speaker == name
                    and following.paragraph == site.last_paragraph
                ),
                float(gender is not None and known == gender),
                float(gender is not None and known is not None and known != gender),
                math.log1p(counts.get(name, 0)),
                float(person.get(name, True)),
                float(len(name.split()) >= 2),
                float(possessive_nearest),
                float(name == first_named),
                float(site.is_partial),
                float(unnamed_subject),
                float(bool(addressed)),
                0.0,  # log_attributed_elsewhere, set below once every quote is read
                (rule_counts.get(name, 0) - float(name == site.rule_speaker)) / others,
                float(name == main_person),
                float(continues and previous is not None and previous.rule_speaker == name),
                float(initial_only.get(name, False)),
                float(name == main_same),
                float(indefinite),
                float(pronoun_unresolved),
                float(name == issuer),
            ]
            candidates.append((name, vector))
        out.append(candidates)
        explicit_by_site.append(explicit)
    attributed: dict[str, int] = {}
    for names_said in explicit_by_site:
        for name in names_said:
            attributed[name] = attributed.get(name, 0) + 1
    slot = FEATURES.index("log_attributed_elsewhere")
    for candidates, names_said in zip(out, explicit_by_site, strict=True):
        for name, vector in candidates:
            vector[slot] = math.log1p(attributed.get(name, 0) - (name in names_said))
    return out


def _named_mentions(mentions: list[Any]) -> dict[str, list[Any]]:
    """The mentions of each name, pronouns left out."""
    out: dict[str, list[Any]] = {}
    for m in mentions:
        if m.name and not m.is_pronoun:
            out.setdefault(m.name, []).append(m)
    return out


def _opens_sentence(body: str, start: int, sentence_starts: set[int]) -> bool:
    """Whether the text before `start` back to a sentence start is only marks and blanks."""
    k = start
    while k > 0 and body[k - 1] in " \t\n\"“‘'(":
        k -= 1
    # (A sentence may start at its first character or at the blanks before it.)
    return k == 0 or any(j in sentence_starts for j in range(k, start + 1))


# Words of the page around an article, never of a speaker's name: "Story highlights",
# "Original Story:", "Last VideoNext Video SpaceX", "Sign Up You agree to receive ...".
_FURNITURE_WORDS = frozenset(
    "story highlights video videos gallery photos newsletter newsletters subscribe you".split()
    # A gallery's navigation: "... police said. Previous Next ¶ Enlarge ¶ “(The girl) ...”".
    + "previous next prev enlarge slideshow advertisement".split()
)
# A platform or outlet named only as the medium of a post: "The Facebook post says the
# family ...", "a Twitter account" (the post's author speaks, not the platform).
_MEDIUM_AFTER = re.compile(
    r"[’']?s?\s+(?:post|posts|posting|page|pages|account|accounts|feed|video|videos|"
    r"photo|photos|message|messages|livestream|profile)\b"
)
# Nationalities no country name gives by a regular ending ("Nigeria" -> "Nigerian" does).
_IRREGULAR_DEMONYMS = frozenset(
    """french british english irish scottish welsh dutch swiss greek thai spanish danish
    swedish finnish polish turkish filipino afghan arab""".split()
)
_DEMONYM_SUFFIXES = ("n", "ns", "an", "ans", "ian", "ians", "ese", "ish", "i", "is")
_CONTINENTS = ("Europe", "Africa", "Asia", "America", "Australia")
# The last word of a venue or a place: "Wrigley Field", "Progressive Field" (not
# "Downing Street" or "Pew Research Center", which speak).
_VENUE_WORDS = frozenset(
    """field stadium arena park square avenue bridge airport station gardens beach""".split()
)
_WORDS_BETWEEN = re.compile(r"(?:,[^,.;:“”\"]{1,80},)?(?:\s+[\w'’-]+){0,4}\s+")
# (Verbs the attribution rules leave out as mostly nouns: "Politico reports:".)
_REPORTS_AFTER = re.compile(r"\s+(?:reports|reported)\b")
_OPENING_MARKS = frozenset('"“‘')
# A character that continues a word: a name's word written next to one is part of a
# longer word ("Debate" in "Debates", "Erie" in "Erie's" is not).
_WORDISH = re.compile(r"[\w'’-]")


def _standalone(body: str, word: str) -> Iterator[int]:
    r"""Start offsets of `word` in `body` with no word character, apostrophe or hyphen
    either side: re.finditer's matches of (?<![\w'’-])WORD(?![\w'’-]), in the same order
    and non-overlapping, without compiling a pattern per word (one per name and article
    cost ~5% of the quote extraction)."""
    n = len(word)
    i = body.find(word)
    while i >= 0:
        if (i == 0 or _WORDISH.match(body, i - 1) is None) and _WORDISH.match(body, i + n) is None:
            yield i
            i = body.find(word, i + n)
        else:
            i = body.find(word, i + 1)


# "New Year's Eve" (the run of capitals is cut at the possessive).
_HOLIDAY_BEFORE = re.compile(r"\bYear['’]s\s$")
# ... or every mention right before "Day": "Martin Luther King Jr. Day" (issue 16,
# sixteenth pass: with "King" read as a surname, the holiday named a person).
_HOLIDAY_AFTER = re.compile(r"(?:,?\s+(?:Jr|Sr)\.?)?\s+Day\b")


@cache
def _demonym_stems() -> frozenset[str]:
    """Country and continent names as a nationality adjective starts: "Nigeria", "German"
    (of "Germany"), "Chin" (of "China")."""
    stems = set()
    for country in (*place_names(("country",)), *_CONTINENTS):
        if " " not in country:
            stems.add(country)
            if country[-1] in "aeiouy":
                stems.add(country[:-1])
    return frozenset(stems)


def is_demonym(word: str) -> bool:
    """Whether a one-word name is a nationality or its people ("Nigerian", "Germans",
    "Chinese", "French"), not a speaker: the statements are a government's or officials'."""
    if word.lower() in _IRREGULAR_DEMONYMS:
        return True
    stems = _demonym_stems()
    if word in place_names(("country",)) or word in _CONTINENTS:
        return False
    # ("German", "Germans" of "Germany"; "Nigerian", "Chinese" of "Nigeria", "China")
    word = word.removesuffix("s") if word.removesuffix("s") in stems else word
    return word in stems or any(
        word.endswith(suffix) and word[: -len(suffix)] in stems for suffix in _DEMONYM_SUFFIXES
    )


def _next_two(offsets: list[int], start: int) -> list[int]:
    """The first two of the sorted `offsets` at or after `start` (no copy of the rest)."""
    k = bisect.bisect_left(offsets, start)
    return offsets[k : k + 2]


# A party's members and the words that place them, for `no_one_speakers`.
_PARTY_MEMBERS = frozenset(
    "Democrats Republicans Conservatives Liberals Tories Libertarians Socialists".split()
)
_MEMBER_MODIFIERS = frozenset(
    "House Senate Congressional Hill Capitol State Assembly GOP Democratic Republican".split()
)


def _party_members(words: list[str], places: frozenset[str] | set[str]) -> bool:
    """Whether a name's words name a party's members ("Democrats", "House Democrats",
    "Senate Republicans"; not "Log Cabin Republicans"): many people, never one source."""
    return words[-1] in _PARTY_MEMBERS and all(
        w in _MEMBER_MODIFIERS or w in places for w in words[:-1]
    )


# An initialism ("U.S", "N.Y"), a name's suffix or a state's abbreviation
# (places.STATE_ABBREVIATIONS), its full stop optional.
_ABBREVIATED_PLACE = re.compile(
    r"(?:[A-Z]\.)+[A-Z]\.?|(?:Jr|Sr|" + "|".join(STATE_ABBREVIATIONS) + r")\.?"
)


# Issue 16, seventeenth pass (speaker names read on the news-please crawl): name shapes
# that are never a person's or an organisation's.
# A count in words: "Twitter Hundreds of people ..." (a photo credit run into the
# sentence's first word).
_COUNT_WORDS = frozenset("hundreds thousands dozens millions billions scores".split())
# A hyphened participle or "-based" closing a run: "a Communist Party-controlled paper",
# "a Hong Kong-flagged tanker" describe the thing after them.
_HYPHENED_PARTICIPLE = re.compile(r"\w+-(?:[a-z]+ed|[a-z]+ing|based)")
# The last word of a landform's name ("Terrigal Beach", "Moreton Bay", "Grand Canyon"),
# or the first ("Cape Canaveral", "Lake Erie"): a place that never speaks itself.
_LANDFORM_LAST = frozenset(
    """beach beaches bay island islands peninsula canyon river valley desert glacier reef
    strait lagoon""".split()
)
_LANDFORM_FIRST = frozenset("cape lake isle".split())
# A thing's noun written in lower case right after its name: "the Hyatt Regency Nice
# hotel", "a Tesla Roadster sports car", "the Google Play store", "the Saturn V Apollo 11
# moon rocket" (a number or a word may come between).
_THING_AFTER = re.compile(
    r"(?:\s+\d+)?(?:\s+(?:sports|moon|space|electric|cargo|cruise|passenger|luxury|mobile))?"
    r"\s+(?:rocket|rockets|car|cars|truck|phone|phones|smartphone|store|app|apps|hotel|plane"
    r"|jet|ship|satellite|console|device|devices|tanker|vessel|missile|browser|software"
    r"|handset|sedan|spacecraft)\b"
)


# A photo gallery's counter before a caption's title: "24/30 Nasa Celebrates 50 Years".
_GALLERY_COUNTER_BEFORE = re.compile(r"(?<![\w/])\d{1,3}/\d{1,3}\s+$")
# A possessive determiner right before a name: "her Hattori Hanzo" (a sword), "his Tesla".
_POSSESSED_BEFORE = re.compile(r"\b(?:his|her|their|its|my|our|your)\s+$")
_QUOTE_OPENERS = frozenset("\"“‘'")
_QUOTE_CLOSE_AFTER = re.compile(r"[,.!?]?[\"”’'](?![a-z])")  # (not "Neil Portnow’s")


_WORD_GOES_ON = re.compile(r"[\w-]")


def _written_at(body: str, name: str) -> list[int]:
    """Where `body` writes `name` as words of its own: no word character, apostrophe or
    hyphen before it, no word character or hyphen after it (a closing ’ may follow:
    "‘Kill Bill’", "Erie’s", which `_standalone` leaves out)."""
    out = []
    i = body.find(name)
    while i >= 0:
        if (i == 0 or _WORDISH.match(body, i - 1) is None) and _WORD_GOES_ON.match(
            body, i + len(name)
        ) is None:
            out.append(i)
        i = body.find(name, i + 1)
    return out


def _titled_thing(body: str, name: str) -> bool:
    """Whether every place `body` writes `name` (a word of its own) is a title in quote
    marks ('the set of “Kill Bill.”'), a possessed thing ("her Hattori Hanzo") or a
    gallery caption's title after its counter ("24/30 Nasa Celebrates"): a work or a
    thing, never who spoke. (Read in the body, not the mentions: the name finder skips
    names inside quotes, and a he/she may still resolve to them.)"""
    starts = _written_at(body, name)
    if not starts:
        return False
    end = len(name)
    return (
        all(
            body[i - 1 : i] in _QUOTE_OPENERS
            and _QUOTE_CLOSE_AFTER.match(body, i + end) is not None
            for i in starts
        )
        or all(_POSSESSED_BEFORE.search(body, max(0, i - 8), i) is not None for i in starts)
        or all(_GALLERY_COUNTER_BEFORE.search(body, max(0, i - 10), i) is not None for i in starts)
    )


# A model's number after its name: "Tiangong-1", "Falcon-9".
_MODEL_NUMBER_AFTER = re.compile(r"-\d")
# A model year before a name: "the 2017 Tesla Roadster", "a 2008 Vesta Comet".
_MODEL_YEAR_BEFORE = re.compile(r"\b(?:the|a|an|his|her|their|its)\s+(?:19|20)\d\d\s+$")
# The last word of an event's name: "the Brazilian Grand Prix", "the Boston Marathon".
_EVENT_WORDS = frozenset("prix marathon olympics championship championships tournament".split())


def _named_thing(body: str, words: list[str], name: str, known_first: dict[str, str]) -> bool:
    """Whether the article writes `name` as a thing's or an event's (issue 16, seventeenth
    pass, read on the news-please crawl): a name of two words or more, no first name
    leading it, before a thing's noun in lower case ("the Hyatt Regency Nice hotel", "a
    Tesla Roadster sports car", "the Google Play store") or after a model year ("the 2017
    Tesla Roadster"); a name with a model's number ("Tiangong-1"); an event ("Grand
    Prix"). (The caller keeps names the article writes before an attribution verb.)"""
    hyphened = body.find(name + "-")
    while hyphened >= 0:
        if _MODEL_NUMBER_AFTER.match(body, hyphened + len(name)) is not None and (
            hyphened == 0 or _WORDISH.match(body, hyphened - 1) is None
        ):
            return True
        hyphened = body.find(name + "-", hyphened + 1)
    starts = list(_standalone(body, name))
    if len(words) < 2 or words[0].lower() in known_first:
        return False
    return words[-1].lower() in _EVENT_WORDS or any(
        _THING_AFTER.match(body, i + len(name)) is not None
        or _MODEL_YEAR_BEFORE.search(body, max(0, i - 12), i) is not None
        for i in starts
    )


def _ends_as_demonym(word: str) -> bool:
    """Whether `word` is a nationality by its ending or an irregular one ("Chinese",
    "Japanese", "Thai", "Germans"); stricter than `is_demonym`, which reads "Cubs" as of
    "Cuba" (a plural only of a stem of five letters or more here)."""
    if word.lower() in _IRREGULAR_DEMONYMS:
        return True
    stems = _demonym_stems()
    if word.endswith("s") and len(word) >= 6 and word[:-1] in stems:
        return True  # "Germans"
    return any(
        word.endswith(suffix) and word[: -len(suffix)] in stems
        for suffix in ("ese", "ian", "ians", "an", "ans", "ish", "n", "ns", "i", "is")
    )


def _name_shape_is_no_one(words: list[str], known_first: dict[str, str]) -> bool:
    """Whether a name's words alone say it is no speaker (issue 16, seventeenth pass):
    a nationality after a word that is no first name ("Corrupt Chinese", "Panicked
    Japanese": an adjective opening the sentence before a people); a hyphened participle
    ending it ("Communist Party-controlled"); a count in words ("Twitter Hundreds"); a
    landform ("Terrigal Beach", "Cape Canaveral")."""
    if _HYPHENED_PARTICIPLE.fullmatch(words[-1]) is not None:
        return True
    if len(words) < 2:
        return False
    lowered = [w.lower() for w in words]
    return (
        (_ends_as_demonym(words[-1]) and lowered[0] not in known_first)
        or any(w in _COUNT_WORDS for w in lowered)
        or lowered[-1] in _LANDFORM_LAST
        or (lowered[0] in _LANDFORM_FIRST and lowered[1] not in known_first)
    )


def no_one_speakers(context: SpeakerContext) -> set[str]:
    """The names `context`'s mentions resolve to that are no speaker: a place, a thing,
    a nationality, page furniture or a capitalised common word. (Issue 16: the name finder
    takes every capitalised run; which of them speaks is the ranker's to decide, but these
    never do.)

    - page furniture: a word of _FURNITURE_WORDS in the name ("Story", "Sign Up You",
      a gallery's "Previous Next");
    - a nationality: "Nigerian", "Germans" (`is_demonym`);
    - a venue: a name of several words, the first no first name, that ends in a venue
      word ("Wrigley Field");
    - a holiday: every mention right after "Year's" ("New Year's Eve") or right before
      "Day" ("Martin Luther King Jr. Day");
    - a medium: every mention followed by a post, page, account, video ... ("The
      Facebook post says");
    - a capitalised common word: one word, no first name, not an acronym nor a place of
      the gazetteer ("China said"), that the article names once, bare, opening a sentence,
      and writes capitalised nowhere else but at sentence starts, nor right before an
      attribution verb ("Initial findings ...", "Debate was ...", but not "A Met
      spokesman said", "Politico reports:");
    - a party's members: "Democrats", "House Democrats", "Senate Republicans" (not "Log
      Cabin Republicans");
    - an abbreviated place or suffix cut at its full stop: "U.S", "N.Y", "Calif", "Jr";
    - a name whose shape is no one's (`_name_shape_is_no_one`), including names only a
      he/she/they resolves to ("they said" given to "Terrigal Beach");
    - a thing: a name of two words or more, no first name leading it, that the article
      writes before a thing's noun in lower case ("the Hyatt Regency Nice hotel", "a Tesla
      Roadster sports car") and never before an attribution verb."""
    from clustering.extract.quotes import first_names  # (quotes imports this module)

    known_first = first_names()
    person = context.person
    body = context.body
    places = place_names()
    # Names written before an attribution verb, a few words or an aside between commas
    # between: "Politico reports:", "Rourke also demanded", "Twitter at the time said",
    # "Mediaite, in a response to the post, writes" (not "Debate was mostly closed to the
    # public, but ... said Hilary Shelton").
    verbs = sorted(v for subjects in context.subjects.values() for v, _ in subjects)
    speaking = {
        m.name
        for m in context.mentions
        if m.name
        # (Not "It said" nor "a spokesman said" resolved to "Debate" named before.)
        and m.name in body[m.start : m.end]
        and (
            any(_WORDS_BETWEEN.fullmatch(body, m.end, v) for v in _next_two(verbs, m.end))
            or _REPORTS_AFTER.match(body, m.end) is not None
        )
    }
    sentence_starts = {s.start for s in context.sentences}
    out: set[str] = set()
    for name, group in _named_mentions(context.mentions).items():
        words = name.split()
        first = words[0]
        furniture = any(w.lower() in _FURNITURE_WORDS for w in words)
        nationality = len(words) == 1 and is_demonym(first)
        # "Wrigley Field": no first name leads, a venue's word ends it.
        venue = (
            len(words) >= 2
            and first.lower() not in known_first
            and words[-1].lower() in _VENUE_WORDS
            and words[-1][:1].isupper()
        )
        holiday = all(
            _HOLIDAY_BEFORE.search(body, max(0, m.start - 8), m.start) for m in group
        ) or all(_HOLIDAY_AFTER.match(body, m.end) for m in group)
        # Every mention written as it stands and followed by a medium's noun: the
        # platform is where the words were posted, not who wrote them. (A role or "it"
        # resolved to the name is no evidence either way: "The official United Twitter
        # account responded ... the airline said" read "the airline" as the account;
        # issue 16, seventeenth pass.)
        as_written = [m for m in group if body[m.start : m.end] == name]
        medium = len(as_written) > 0 and all(
            _MEDIUM_AFTER.match(body, m.end) is not None for m in as_written
        )
        common_word = (
            len(words) == 1
            and first.lower() not in known_first
            and first not in places  # ("China said")
            # Named once (a "spokesman said" the rules gave it does not name it), and
            # bare: "A Met spokesman said" is the Met speaking.
            and len(written := [m for m in group if first in body[m.start : m.end]]) == 1
            and body[written[0].start : written[0].end] == first
            and not (first.isupper() and len(first) > 1)
            and not person.get(name, False)
            and name not in speaking  # "Politico reports:", "Rourke demanded"
            # Written capitalised nowhere but at sentence starts: "Erie has issued a snow
            # emergency" after "a record for Erie" is a name, "Initial findings" is not.
            and all(
                _opens_sentence(body, w, sentence_starts)
                or body[w - 1 : w] in _OPENING_MARKS  # ': "Initial checks'
                for w in _standalone(body, first)
            )
        )
        # "Democrats", "House Democrats", "Senate Republicans": a party's members, many
        # people, never one source (issue 16, fifteenth pass: 'Close to three dozen House
        # Democrats have signed a letter ... The letter says' gave the letter to
        # "Democrats"); "Log Cabin Republicans" names a group and speaks.
        members = _party_members(words, places)
        # "U.S", "D.C", "N.Y", "Calif", "Jr": an initialism or abbreviation of a place, or
        # a name's suffix, cut from the name finder's run at its full stop ("the
        # Brooklyn, N.Y., chapter of Indivisible Nation" had tweeted as "N.Y").
        abbreviation = len(words) == 1 and _ABBREVIATED_PLACE.fullmatch(first) is not None
        if (
            furniture
            or nationality
            or venue
            or holiday
            or common_word
            or medium
            or members
            or abbreviation
        ):
            out.add(name)
    # Read in the body, not the mentions, for every name the mentions resolve to: the
    # name finder leaves out names inside quotes and before a work's noun ("the Google
    # Play store"), and a he/she/they or "the firm" may still resolve to them ("they
    # said" after "at Terrigal Beach").
    for name in {m.name for m in context.mentions if m.name} - out:
        words = name.split()
        if (
            _name_shape_is_no_one(words, known_first)
            or _titled_thing(body, name)
            or (name not in speaking and _named_thing(body, words, name, known_first))
        ):
            out.add(name)
    return out


@dataclass(frozen=True)
class SpeakerRanker(StandardisedLogistic):
    """A logistic regression over FEATURES. The best candidate with p >= threshold is the
    speaker."""

    threshold: float

    FEATURES: ClassVar[tuple[str, ...]] = FEATURES
    RETRAIN: ClassVar[str] = "python benchmarks/compare_quotes.py --train-speakers"
    ABOUT: ClassVar[str] = (
        "logistic regression over speaker candidates (clustering/extract/speakers.py)"
    )


@cache
def default_ranker() -> SpeakerRanker:
    """The shipped weights, lexicons/speaker_ranker.json (trained on the real gold's dev
    split by `benchmarks/compare_quotes.py --train-speakers`)."""
    path = resources.files("clustering.extract") / "lexicons" / "speaker_ranker.json"
    return SpeakerRanker.from_json(json.loads(path.read_text(encoding="utf-8")))


def rank_speakers(context: SpeakerContext, ranker: SpeakerRanker) -> list[str | None]:
    """The ranker's speaker for each quote of `context.sites` (None: no candidate scores
    `ranker.threshold` or more). A name `no_one_speakers` lists is never chosen, nor the
    rules' pick of a decided quote when it is one; an undecided quote whose words several
    people gave together (`joint_sources`) is no one's."""
    features = candidate_features(context)
    no_one = no_one_speakers(context)
    joint = joint_sources(context)
    # Every undecided quote's candidates scored in one matrix (one row per candidate).
    vectors = [
        vector
        for site, candidates in zip(context.sites, features, strict=True)
        if not site.decided
        for _, vector in candidates
    ]
    scores = iter(
        ranker.probabilities(
            np.array(vectors, dtype=np.float64).reshape(len(vectors), len(ranker.features))
        )
    )
    chosen: list[str | None] = []
    for site, candidates, together in zip(context.sites, features, joint, strict=True):
        if site.decided:
            chosen.append(None if site.rule_speaker in no_one else site.rule_speaker)
            continue
        best, best_p = None, ranker.threshold
        for name, _ in candidates:
            p = next(scores)
            # (Scored as the ranker was trained, on every candidate; never chosen.)
            if p >= best_p and name not in no_one:
                best, best_p = name, p
        chosen.append(None if together else best)
    return chosen
