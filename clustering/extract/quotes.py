"""Direct quotes in article bodies, with their speaker and attribution verb.

`extract_quotes` reads an ARTICLES frame and returns one QUOTES row per direct quote.

How it works, per article, in three passes over the body:

1. Quote marks. Curly “...” and straight "..." double marks are paired paragraph by
   paragraph; a straight mark is read as opening or closing from the characters around it.
   A quote left open at the end of a paragraph whose next paragraph starts with an opening
   mark continues there (the news convention for quotes spanning paragraphs), and so does
   one whose following paragraphs (up to four) close it with a curly mark and open none (a
   block quote with one opening and one closing mark). Single marks
   ‘...’ / '...' are the quote marks only in articles that use them as their main marks
   and quote no run of words in double marks (British style); elsewhere they are nested
   quotes, scare-quoted words or apostrophes and stay part of the text. A quote with an
   ellipsis inside (… or ...) is flagged `is_truncated`: the outlet cut it.
2. Names. A capitalised-word regex finds name mentions; titles ("Mr", "President",
   "Sen.", "White House Counsel", "Mayor of London") are stripped, and unknown title words
   before a known first name ("Asst Ch Con Robin Smith"); words that mark organisations or
   places ("Committee", "Ministry", a lower-case "police" after the name), a leading
   acronym ("CD Montemar"), a "the" before it, a preposition before it ("with the Center
   for Biological Diversity") or five words or more (a headline) make a mention a
   non-person, and a per-article index maps a surname (or a first name) to the full name
   used with it, so "Mr Kuleba" and "Kuleba" both become "Dmytro Kuleba". Someone speaking
   for an organisation is that organisation ("A Met spokesman", "a spokesperson for the
   U.S. Fish and Wildlife Service", "An RAIB spokesman" with the acronym as the article
   defines it). Each person's gender is read off the article (a title, "his aunt", the
   he/she used with the name) and, failing that, off the first name
   (lexicons/first_names.toml).
3. Attribution. Around each quote (the rest of its sentence before and after), an
   attribution verb ("said", "told", "added", "according to", ...) is looked for and its
   subject taken: the name just before it ("Kuleba said", "Kuleba, the foreign minister,
   said"; not a name inside "who ..." or an object before ", saying"), or just after it
   when the verb follows the quote ("..., said Kuleba"). A pronoun ("he said") or a
   definite role ("the chief said", "the Arizona Republican said") resolves to who the
   closest sentence is about (the person it has speak, else its first person named outside
   quotes), skipping people the article shows to be of the other gender; "they" after an
   organisation spoke is that organisation; "the company said" / "the committee said"
   resolves to the organisation named last before (preferring one with that noun in its
   name). A quote with no attribution of its own goes to the speaker reported in the
   sentence just before it ("He said the tram did not slow down. “Usually ...”") or, after a
   colon, to the subject of the sentence that introduces it, else
   keeps the speaker of the quote just before it when that one ends in the same sentence
   or, for a full quote, in the same or the previous paragraph; a fragment with no speech
   verb ("Strzok expressed “significant regret”") is its sentence subject's words.
4. Speaker ranking. The rules above overfit the dev split they were written on (span+speaker
   F1 0.83 on dev, 0.72 on test), so the speaker is re-decided by a learned ranker
   (clustering/extract/speakers.py): every name resolved near the quote is a candidate,
   scored by a logistic regression over features that hold across sites (distances,
   attribution-verb subject, "said X" adjacency, gender, the previous quote's speaker,
   the rules' pick among them), trained on dev only; `speaker_ranker=None` keeps the
   rules' speaker.

One-word quotes with no attribution verb are scare quotes and are skipped, and so are
short fragments that are names of shows or books ("on “Fox News Sunday”") or follow
"so-called". All of it is regular expressions and per-article indexes: 7-9 ms per article
on the real gold (112 articles, ~500 words), against 140-220 ms for spaCy's small English
NER alone and 360 ms for its full pipeline on the same articles and machine. spaCy is not
used because it does not pay on the dev split either: letting its NER labels decide which
names are people or organisations lowered span+speaker F1 from 0.82 to 0.78 (the small
model calls many surnames ORG).
"""

from __future__ import annotations

import bisect
import itertools
import re
import tomllib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources

import polars as pl

from clustering.extract.places import place_names
from clustering.extract.speakers import (
    QuoteSite,
    SpeakerContext,
    SpeakerRanker,
    default_ranker,
    document_source,
    person_names,
    rank_speakers,
)
from clustering.schema import ARTICLES, QUOTES, validate
from clustering.text import (
    LONG_SENTENCE_CHARS,
    Sentence,
    sentence_window,
    split_paragraphs,
    split_sentences,
)

__all__ = ["QUOTES", "extract_quotes", "first_names", "quote_contexts"]


# Quotes of at most this many words can be titles or nicknames; of one word, with no
# attribution verb, a scare quote.
SCARE_QUOTE_MAX_WORDS = 3
# A fragment inside a sentence with every word capitalised, up to this long, is a title:
# “Fox News Sunday”, the “Democrat Politician Protection Act”.
_TITLE_MAX_WORDS = 12
# A verb of saying or naming in the clause before a one-word quote gives the word to that
# clause's subject: 'claiming he and Clinton both “lied”', 'calling them an “epidemic”',
# 'accused officials of a “scheme”'. Without one, a quoted word is a scare quote.
_SOURCE_VERB_BEFORE = re.compile(
    r"\b(?:claim(?:s|ed|ing)?|vow(?:s|ed|ing)?|impl(?:y|ies|ied|ying)|accus(?:e|es|ed|ing)"
    r"|call(?:s|ed|ing)?|condemn(?:s|ed|ing)?|describ(?:e|es|ed|ing)|denounc(?:e|es|ed|ing)"
    r"|insist(?:s|ed|ing)?|warn(?:s|ed|ing)?|labell?(?:s|ed|ing)?|branded|branding"
    r"|lash(?:es|ed|ing)\s+out|pledg(?:e|es|ed|ing)|declar(?:e|es|ed|ing)|dismiss(?:es|ed|ing)?)"
    r"\b[^.;:!?”\"]*$",
    re.IGNORECASE,
)
_SCARE_LEAD = re.compile(
    # "what has been dubbed a ‘list of shame’", "Known as a ‘smoke ring’"
    r"(?:so-called|so called|dubbed|nicknamed|known as|titled|entitled|the term|the word)"
    r"(?:\s+(?:a|an|the))?\W*$",
    re.IGNORECASE,
)


def _wordset(words: str) -> frozenset[str]:
    """A lexicon written as whitespace-separated words."""
    return frozenset(words.split())


# --- attribution verbs -------------------------------------------------------------------
# Every written form, so that the verb is returned as the article wrote it. Base and "-s"
# forms only where they are rarely nouns ("says", but not "reports", "claims", "posts").
_SPEECH_VERBS = _wordset("""
say says said saying tell tells told telling add adds added adding ask asks asked asking
write writes wrote writing insist insists insisted insisting explain explains explained
explaining warn warns warned warning argue argues argued arguing admit admits admitted
claimed insisted stated noted noting replied responded continued continues declared
announced acknowledged acknowledging recalled recalls recalling observed remarked suggested
emphasized emphasised stressed urged complained conceded countered tweeted posted shouted
cautioned predicted promised vowed pledged joked concluded confirmed denied alleged
maintained contended testified reported reads reiterated exclaimed boasted lamented quipped
retorted asserted recounted whispered yelled screamed charged demanded agreed described
called dubbed termed labeled labelled read posited tells demands replies
questioned wondered texted emailed pleaded begged sighed mused commented assured
answered answers remembered sobbed reasoned reflected repeated explains notes recalls
yelling shouting screaming chanting chanted uttered whispering
summarized summarised
""")
# Attribution verbs of other languages (issue 19), past and present "said" forms of es, it,
# nl, de, fr, pt: a separate table so the English lexicon stays as tuned. Words that are
# also common English or Dutch words are left out ("dice", "so", "dit").
# A compound past is one verb with its auxiliary ("ha detto", "a déclaré"), so that a verb
# right after the quote's closing mark is found there.
_OTHER_LANGUAGE_SPEECH_VERBS = frozenset(
    w.replace("_", r"\s+")
    for w in """
    dijo afirmó declaró señaló explicó añadió aseguró comentó indicó agregó advirtió
    disse ha_detto ha_affermato ha_dichiarato ha_spiegato ha_aggiunto ha_sottolineato
    ha_commentato dichiara afferma
    zei zegt verklaarde aldus stelde benadrukte
    sagte sagt erklärte betonte
    a_déclaré a_affirmé a_expliqué a_ajouté déclare affirme explique
    afirmou declarou explicou acrescentou
    """.split()
)
_VERB = re.compile(
    r"(?<![-\w])(?:[Aa]ccording\s+to|"
    # Capitalised too, for the inverted form that opens a sentence: "Added Gibbs: ..."
    + "|".join(
        sorted(
            (verbs := _SPEECH_VERBS | _OTHER_LANGUAGE_SPEECH_VERBS)
            | {v.capitalize() for v in verbs},
            key=len,
            reverse=True,
        )
    )
    + r")\b"
)
# `_VERB` starts only at a word no "-" or word character precedes, and only at one of these
# words (the first word of each of its forms): `_Article.verbs_in` tries it there alone.
_VERB_FIRST_WORDS = frozenset(
    re.match(r"\w+", form).group()  # type: ignore[union-attr]
    for form in (verbs | {v.capitalize() for v in verbs} | {"according", "According"})
)
_WORD_START = re.compile(r"(?<![-\w])\w+")


def verb_matches(body: str, pos: int = 0, endpos: int | None = None) -> list[re.Match[str]]:
    """`list(_VERB.finditer(body, pos, endpos))`, several times as fast: the ~300
    alternatives of `_VERB` are tried only at the words that may open one instead of at
    every character (issue 14; `_Article.verbs_in`, which an article's quotes read)."""
    return _Article(body, [], []).verbs_in(pos, len(body) if endpos is None else endpos)


# Verbs that are as often no speech at all ("if this practice continues", "the report
# called for"): with no one named as their subject they do not end the search.
_WEAK_VERBS = _wordset(
    """continue continues continued read reads called charged described reported announced
    posted demands demanded agreed noted concluded"""
)
# What may stand between a subject and its verb: "Kuleba also said", "Kuleba on Monday
# said", "Kuleba, the foreign minister, said", "Kuleba, who met Lavrov, said".
_BETWEEN_SUBJECT_AND_VERB = re.compile(
    r"""(?:\s*\([^()]{1,40}\))?                     # "(D-Penn.)"
    (?:\s+(?:of|in|at|from|with)\s+(?:the\s+(?:[a-z][\w-]*\s+){0,3})?[A-Z][\w.&-]*  # "Issa of
                                                  # California", "Capt.
        (?:\s+(?:of\s+|and\s+|for\s+)?[A-Z][\w.&-]*)*  # Johnson of the State Highway
                                                  # Patrol", "Haberman in the New York Times"
        (?:\s+(?:party|group|campaign|union|movement|caucus|coalition|alliance))?  # "Ilan
    )?                                            # Gilon of the Meretz party said"
    (?:(?:\s*,[^,;“”"]{1,120}){1,2},)?            # appositives: ", R-TX, who heads it,"
    (?:\s*,)?                                     # "A spokesman, Brad Woodhouse, said"
    (?:\s+(?:also|later|then|has|have|had|previously|again|recently|once|reportedly|would
        |will|repeatedly|separately|further|simply|flatly|earlier|subsequently|just|only
        |long|himself|herself|themselves|\w+ly|today|yesterday|tonight|now
        |(?:on|last|this|late|early)\s+[A-Z]?[a-z]+
        |(?:over|during|at|in)\s+the\s+(?:weekend|morning|afternoon|evening|night|time
            |past|hearing|interview|meeting|briefing|statement)))*\s*""",
    re.VERBOSE,
)
# "Kroger executives say", "Equifax officials said": the people who speak for an
# organisation, named by their group in lower case, are its voice.
_ORG_VOICE = re.compile(
    r"\s+(?:officials|executives|spokespeople|representatives|authorities|lawyers"
    r"|attorneys|investigators|researchers|leaders|officers|staff)\b"
    + _BETWEEN_SUBJECT_AND_VERB.pattern,
    re.VERBOSE,
)
# One-word "names" that are common nouns capitalised at a sentence's start.
_GENERIC_ORG_WORDS = frozenset(
    "school schools city county state police hospital district court church college "
    "university company government federal town village army military prison jail".split()
)
_INFINITIVE_OR_PASSIVE = re.compile(r"\b(?:to|was|were|been|being|be|is|are)\s+$")
# "..., said the foreign minister, Dmytro Kuleba" and "..., said senior adviser David
# Axelrod": a description, then the name.
_DESCRIPTION_BEFORE_NAME = re.compile(
    # ("..., said Johnson's aunt, Sheila Kitchens" and "..., said Mark Weekly's brother,
    # Mike Weekly": someone's relation, then the name.)
    r"\s*(?:(?:the|a|an|his|her|their|its)\s+[^,.;“”\"]{1,60},|(?:[a-z][\w-]*\s+){1,4}"
    r"|(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*['’]s\s+[a-z][^,.;“”\"]{0,40},)\s*"
)
# Lower-case words between a name and the name of the role's holder ("Pence press
# secretary Alyssa Farah"), with no preposition that would make it another relation.
_ROLE_WORDS = re.compile(
    r"\s+(?:(?!(?:to|with|and|or|of|for|by|at|in|on|from|about|as|than)\b)[a-z][\w-]*\s+){1,3}"
)
_ONLY_PUNCTUATION = re.compile(r"[\s,.;:!?—–-]*")

# --- names -------------------------------------------------------------------------------
_TITLES = _wordset(
    """mr mrs ms miss mx dr prof professor sir dame lord lady president vice prime minister
    secretary senator sen rep representative gov governor mayor judge justice attorney general
    gen col lt sgt capt adm cmdr maj commissioner chairman chairwoman chair director speaker
    leader majority minority counsel chief staff spokesman spokeswoman spokesperson ambassador
    pope king queen prince princess sheikh coach officer detective sheriff deputy assistant
    executive ceo chancellor former then rev father pastor rabbi imam cardinal bishop evangelist deacon
    foreign defence defense interior finance health home state treasury trade energy justice
    white house press democratic republican democrat gop tory labour conservative u.s us uk un eu nato
    commander captain colonel lieutenant sergeant admiral major private corporal inspector
    superintendent constable premier emir crown provost founder congressman
    congresswoman councilman councilwoman alderman assemblyman assemblywoman trooper
    patrolman investigator agent whip neighbor neighbour witness resident pitcher shortstop
    quarterback catcher striker goalkeeper midfielder defender outfielder infielder
    secretary-general mk mvp alhaji mallam
    envoy principal administrator prosecutor treasurer comptroller auditor columnist correspondent
    economist strategist pollster"""
)
# The titles above that are common surnames too: after a first name, the surname ("Steve
# King", "John Major"; not "Lance Corporal").
_SURNAME_TITLES = _wordset("king major bishop judge pope deacon prince chancellor pastor cardinal")
# The titles above that are initialisms: only a title when written in capitals.
_INITIALISM_TITLES = _wordset("u.s us uk un eu nato gop ceo mk mvp")
# Words that describe a person before the name without being a title that "the ..." later
# stands for: "Billionaire Elon Musk", "Comedian Sarah Silverman".
_DESCRIBING_WORDS = _wordset(
    """actor actress comedian singer rapper physicist scientist billionaire lawyer eyewitness
    musician novelist filmmaker astronaut economist analyst researcher entrepreneur
    businessman businesswoman tycoon journalist activist prosecutor model"""
)
# A word in a name that marks an organisation, a place or an event, not a person.
_NON_PERSON_WORDS = _wordset(
    """committee party ministry department university college school institute foundation
    association union council congress senate parliament assembly government administration
    agency bureau office commission board court house church museum hospital airport airlines
    airline company corporation corp inc ltd llc group bank fund network news times post
    journal herald tribune telegraph guardian gazette review magazine press radio television
    tv channel media reuters street avenue road square bridge park river sea ocean island
    islands mountain mountains valley lake city county state states republic kingdom nations
    federation union army navy force forces guard police service services corps command
    brigade battalion division alliance coalition movement front organization organisation
    center centre club league cup games olympics championship festival award prize act
    law treaty agreement accord plan day week war revolution crisis summit conference
    kremlin pentagon capitol palace hotel tower project program programme initiative
    getty images contributor photo photos drive lane boulevard blvd way place circle terrace
    parkway highway route trail
    watch international global national federal royal united north south east west northern
    southern eastern western central new los las san santa fort port saudi hong sri costa
    puerto el middle far gulf strait bay coast peninsula region province district"""
)
# A name ending in one of these names a work, a document or a product, which says nothing
# itself: "an Inaugural Address", "the Panama Papers", "the App Store". It is no
# candidate speaker, and no "he" stands for it.
_WORK_WORDS = _wordset(
    """address speech papers files leaks documents store app film movie album song book
    novel series episode documentary podcast"""
)
# A name starting with one of these is a date or a holiday ("Theresa May" is a person).
_CALENDAR = _wordset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december christmas easter"""
)
# "Speaking Friday, ...", "Asked about it, ...": participles opening a sentence.
_PARTICIPLES = _wordset(
    """speaking writing answering responding commenting addressing testifying appearing
    explaining talking asked reached contacted interviewed pressed
    following including regarding concerning considering excluding"""
)
# A name of two words or more between "the" and a product noun: "the Falcon Heavy rocket".
# (One-word names are left alone: "the Boeing jet" does not stop Boeing speaking.)
# (Full scans of the body whose matches open on a word's first letter read that letter
# first and then look behind it for a word character, `[Tt](?<!\w[Tt])he` for `\b[Tt]he`:
# the same matches, but a pattern that opens on a character set lets the engine skip to
# the next such character in C, which a leading `\b` or lookahead does not; 30-90% less
# time per scan than the lookahead they opened with before, issue 14.)
_PRODUCT = re.compile(
    r"[Tt](?<!\w[Tt])he\s+((?:[A-Z][\w-]*\s+){1,3}[A-Z][\w-]*)\s+(?:rocket|aircraft|spacecraft"
    r"|car|cars|phone|smartphone|vehicle|jet|plane|missile|truck|device|console|satellite"
    r"|drone|tablet|laptop|capsule|launcher|booster|handset|sedan|SUV|airliner|helicopter)\b"
)
# Capitalised words that start sentences or stand alone without being names.
_NOT_NAMES = _wordset(
    """the a an and but or so yet for nor if when while as at by in on of to from with without
    after before during since until about against among between into through over under
    this that these those there here then now it its he she they we i you his her their our
    my your him them us me who what where why how which whose all some any no not many
    most more much other another each every both either neither such one two three four
    five six seven eight nine ten first last next also still even just only
    however meanwhile instead yes no ok oh well asked read according despite although though
    because unless whether like unlike including earlier later separately yesterday today
    tonight tomorrow advertisement continue getty contributor photo image video watch click
    related epa afp beyond amid amidst across around behind below above near toward towards
    within upon along besides throughout via except"""
)
# Page furniture in a capitalised run: "Newsletter Sign Up Continue", "Subscribe Now".
# ("Sign Up Now" alone stays a name, which the ranker's initial_word_only flags.)
_FURNITURE_RUN = re.compile(r"\b(?:Newsletters?|Subscribe|Unsubscribe)\b")
# First- and second-person words: no part of a name ("Sign Up You", boilerplate).
_PERSON_WORDS = _wordset("you your we our us me my")
_PARTICLES = _wordset("de da di du van von der den la le al bin ibn el dos das del y")
# "the company said" stands for the organisation named before.
_ORG_DESCRIPTION = re.compile(
    r"[Tt](?<!\w[Tt])he\s+(?:[a-z][\w-]*\s+){0,2}?(company|firm|club|group|committee|bank|union|agency"
    r"|ministry|council|government|department|authority|board|commission|team|airline"
    r"|hospital|university|school|network|organi[sz]ation|campaign|court|regulator|utility"
    r"|retailer|carrier|insurer|manufacturer|operator|charity|foundation|institute|plant"
    r"|police|service|brigade|force|office|administration|ministry|embassy|zoo|museum"
    r"|church|store|restaurant|shop|station|newspaper|magazine|website|site|paper|outlet"
    r"|bureau|giant|platform)\b"
)
# An organisation's name as news prose writes it: capitalised words, with "of", "for",
# "and" or "&" between them ("Transport for London", "U.S. Fish and Wildlife Service").
_ORG = r"((?:[A-Z][\w.&'’-]*)(?:\s+(?:(?:of|for|and|&)\s+(?:the\s+)?)?[A-Z][\w.&'’-]*){0,6})"
_ORG_RE = re.compile(_ORG)
# A party and a state after a lawmaker's name: "(D-N.C.)", "R-Iowa", "D-Calif.".
_PARTY_STATE = re.compile(r"[RDI]-[A-Z][\w.]*")
_SPOKES = (
    r"(?:spokesman|spokeswoman|spokesperson|spokespeople|press\s+officer|statement"
    # "The Washington Post’s editorial board said", "The event organiser for the NYE
    # Terrigal Fireworks Festival said": the paper, the festival.
    r"|editorial\s+board|organi[sz]ers?)"
)
# A full stop and a break inside a run of capitalised words: a sentence ends there
# ("Alliance.\n\nHalvorsen"), not an initial ("U.S. Fish") nor a title ("Sen. Ed").
_SENTENCE_STOP = re.compile(r"\b([A-Za-z]*[a-z]{2})\.\s+")
# Someone speaking for an organisation: the organisation is the speaker. "A Met
# spokesman", "An RAIB spokesman", "a spokesperson for the U.S. Fish and Wildlife Service".
# (These three open with a lookahead of their first letters, as _PRONOUN does.)
_SPOKES_BEFORE = re.compile(
    r"(?=[AaTtOo])\b(?:[Aa]n?|[Tt]he|[Oo]ne)\s+(?:[a-z]+\s+)?" + _ORG + r"\s+" + _SPOKES + r"\b"
)
_SPOKES_FOR = re.compile(
    r"(?=[AaTtOo])\b(?:[Aa]n?|[Tt]he|[Oo]ne)\s+(?:[a-z]+\s+)?"
    + _SPOKES
    + r"\s+(?:for|from|of|at|with)\s+(?:the\s+)?"
    + _ORG
)
# ... and with no organisation named: the one named just before ("British Transport Police
# confirmed ... A spokesman added").
_SPOKES_BARE = re.compile(
    r"(?=[AaTt])\b(?:[Aa]n?|[Tt]he)\s+(?:[a-z]+\s+)?(?:spokesman|spokeswoman|spokesperson)\b"
    r"(?!\s+(?:for|from|of|at|with)\b)"
)
# "Rail Accident Investigation Branch (RAIB)": the acronym stands for the full name.
_ACRONYM = re.compile(_ORG + r"\s+\(([A-Z][A-Za-z&.]{1,8})\)")
_ACRONYM_TAIL = re.compile(r"\([A-Z][A-Za-z&.]{1,8}\)")
# Words that make a name a place or a date, which no "the company" stands for.
_PLACES_AND_DATES = _CALENDAR | _wordset(
    """street avenue road square bridge park river sea ocean island islands mountain mountains
    valley lake city county state states republic kingdom north south east west northern
    southern eastern western central new gulf strait bay coast peninsula region province
    district high school airport hospital church"""
)
# Single capitalised words ending so are nationalities, not organisations: "Spanish".
_DEMONYM_ENDINGS = ("ish", "ese", "ian", "ean", "can", "ch", "ic")
_WEEKDAYS = _wordset("monday tuesday wednesday thursday friday saturday sunday")
_ADVERB = re.compile(r"[a-z](?:ally|ently|antly|ately|ously|ively|edly)$")
_OPENING_PARTICIPLE = re.compile(r"[A-Z][a-z]{3,}ed")
# The end of the text before a sentence's first word: its start, a blank line or a stop.
_SENTENCE_OPENS = re.compile(r"(?:^|\n|[.!?][\"”’']?\s)\s*\Z")
# News agencies whose credit lines run into the next capitalised words.
_AGENCIES = frozenset({"Reuters", "AFP", "AP", "Xinhua", "Yonhap"})
_AFTER_THE = re.compile(r"\bthe\s+$")
_ORG_WORD_AFTER = re.compile(
    r"\s+(?:police|officials|department|office|authorities|council|government|ministry"
    r"|agency|spokesman|spokeswoman|spokesperson|officers|troopers|deputies)\b"
)
# "according to" introduces a speaker, every other "to" an object.
_AFTER_PREPOSITION = re.compile(
    r"\b(?:in|at|of|from|near|into|on|for|with|against|about|(?<![Aa]ccording\s)to)\s+(?:the\s+)?$"
)
# A participle of speech right after a name: "with Gowdy saying", "with Lee adding".
_WITH_SAYING = re.compile(
    r"(?:,[^,;“”\"]{1,60},)?\s+(?:\w+ly\s+)?(?:saying|adding|noting|telling|writing|arguing"
    r"|warning|calling|insisting|explaining)\b"
)
_WORD_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
# Pronouns, and definite descriptions of a role that news prose uses like pronouns ("the
# Arizona Republican said", "the former governor added"): both stand for someone named before.
# Not an anonymous one ("said the unidentified neighbor": issue 16, twelfth pass).
# _PRONOUN (full scan of every body) opens with a lookahead of the letters a match starts
# with: the engine passes other characters at once instead of trying the word boundary and
# every alternative there (the same matches; 20-30% less time per scan, issue 14). (Read
# first, as _PRODUCT does, they made it slower: under IGNORECASE the engine has no fast
# skip.) _POSSESSIVE_ROLE and _IT_SAID read their first letter first, as _PRODUCT does.
_PRONOUN = re.compile(
    r"(?=[hst])\b(?:he|she|they|[Tt]he\s+(?!(?:unidentified|unnamed|anonymous)\b)"
    r"(?:[\w-]+\s+){0,3}?(?:congressman|congresswoman|senator|governor"
    r"|president|minister|lawmaker|chairman|chairwoman|leader|candidate|mayor|secretary"
    r"|Republican|Democrat|ambassador|chancellor|premier|prosecutor|judge|coach|actor|singer"
    r"|billionaire|businessman|businesswoman|executive|commander|general|diplomat|chief"
    r"|sheriff|officer|detective|lieutenant|captain|sergeant|trooper|attorney|lawyer"
    r"|professor|spokesman|spokeswoman|spokesperson|councilman|councilwoman|superintendent"
    r"|commissioner|director|representative|official|statement|letter|investigator"
    r"|actress|star|comedian|host|rapper|author|researcher|scientist|doctor|physician|surgeon"
    r"|pastor|teacher|principal|owner|manager|coroner|expert|analyst|economist|witness"
    r"|neighbor|neighbour|resident))\b"
    # "the Republican side", "the president's plan": an adjective or a possessive, no one.
    r"(?!['’]|\s+(?:side|party|caucus|members?|lawmakers|senators|leaders?|leadership|majority"
    r"|minority|base|establishment|administration|campaign|nominee|primary|candidates|voters"
    r"|officials|seat|seats|bill|plan|proposal|position|agenda|policy|policies|field|race"
    r"|debate|convention|ticket|platform|side's|office|offices|report|reports)\b)",
    re.IGNORECASE,
)
# The gender a pronoun or a role word asks of the person it stands for.
_FEMININE = _wordset(
    """she her hers herself ms mrs miss madam congresswoman chairwoman businesswoman spokeswoman
    councilwoman assemblywoman actress aunt mother grandmother daughter wife sister woman girl
    niece queen princess dame lady granddaughter stepmother mom widow girlfriend"""
)
_MASCULINE = _wordset(
    """he him his himself mr sir congressman chairman businessman spokesman councilman
    assemblyman actor uncle father grandfather son husband brother man boy nephew king prince
    lord grandson stepfather dad widower boyfriend"""
)
# Words around a name that tell its gender: a title before it ("Mrs", "spokeswoman Ann
# Lee") or a family or role noun in an appositive after it ("Marisa Melendez, the boy's
# aunt,").
_GENDER_BEFORE = re.compile(r"\b([A-Za-z]+)\.?\s+$")
# (For the gender alone, also a role noun and a comma: "the first lady, Melania Trump";
# never a pronoun: "told her, Tom Brandt".)
_GENDER_BEFORE_COMMA = re.compile(r"\b([A-Za-z]+)(?<!\bhe)(?<!\bhim)(?<!\bhis)(?<!\bher),\s+$")
_GENDER_APPOSITIVE = re.compile(r",\s+(?:[\w’'-]+\s+){0,4}?([a-z]+)\b")
# ", the county sheriff," / ", a spokeswoman for the city," after a name: its role.
_ROLE_APPOSITIVE = re.compile(
    r",\s+(?:the|a|an|his|her|(?:[A-Z][\w.]*\s+){0,2}[A-Z][\w.]*['’]s)\s+(?:[\w’'-]+\s+){0,3}?"
    r"([a-z]+)\s*[,.]"
)
# "Mr. Strzok’s lawyer wrote": someone's lawyer (or aide, or spokesman) is the person the
# article names in that role, else no one; never the possessor.
_POSSESSIVE_ROLE = re.compile(
    # (Words on one line, no full stop between them: "Fox News. Strzok’s attorney" is two.)
    r"[A-Z](?<!\w[A-Z])\w*(?:[ ]+[A-Z]\w*)*['’]s\s+(?:[a-z]+\s+)?"
    r"(lawyer|attorney|spokesman|spokeswoman"
    r"|spokesperson|aide|adviser|advisor|wife|husband|mother|father|son|daughter|sister"
    r"|brother|friend|coach|agent|manager|representative"
    # "Costa Rica's president said": the president the article names, not the country.
    r"|president|chairman|chairwoman|governor|mayor|premier|chancellor|ceo)\b"
)
# Words for one role: "Goelman, Strzok’s attorney" is who "Strzok’s lawyer" means.
_ROLE_SYNONYMS = {
    "lawyer": "attorney",
    "spokeswoman": "spokesman",
    "spokesperson": "spokesman",
    "advisor": "adviser",
    # Issue 16, fifteenth pass: an abbreviated title holds the role its word names ("Gov.
    # Mike Pence ... the governor said" was given to a first name read in "Christian
    # vendors"): the role is the title's last word, and "the ..." is written out.
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "atty": "attorney",
    "supt": "superintendent",
    "det": "detective",
    "insp": "inspector",
    "sgt": "sergeant",
    "lt": "lieutenant",
    "capt": "captain",
    "cmdr": "commander",
    "adm": "admiral",
    "col": "colonel",
    "gen": "general",
    "prof": "professor",
}
_GENDERED_PRONOUN = re.compile(r"\b(?:he|his|himself|she|herself)\b", re.IGNORECASE)
# A he/she that says who spoke: "..., he said" after a quote, or opening a sentence.
_SUBJECT_PRONOUN = re.compile(r",”\s+(he|she)\s+(?:said|added|told)\b")
_ANY_PRONOUN = re.compile(r"\b(?:he|his|him|she|her|they|their|we|our|i)\b", re.IGNORECASE)
_GENDERED_PRONOUNS = frozenset(("he", "him", "his", "himself", "she", "her", "hers", "herself"))


def _gender_of_word(word: str) -> str | None:
    word = word.lower()
    return "f" if word in _FEMININE else "m" if word in _MASCULINE else None


@cache
def first_names() -> dict[str, str]:
    """First name (lower case) -> "f", "m" or "" (either), from lexicons/first_names.toml."""
    path = resources.files("clustering.extract").joinpath("lexicons", "first_names.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return (
        {name: "" for name in data["either"].split()}
        | {name: "f" for name in data["feminine"].split()}
        | {name: "m" for name in data["masculine"].split()}
    )


@dataclass(frozen=True)
class _Mention:
    """A name or pronoun in the body: [start, end), the name it stands for, and whether it is
    known to be a person (pronouns resolve only to persons)."""

    start: int
    end: int
    name: str | None  # resolved full name; None for an unresolvable pronoun
    is_person: bool
    is_pronoun: bool = False
    possessive: bool = False  # "Kuleba’s": rarely the one who speaks
    oblique: bool = False  # after a preposition ("a response from Fox"): never a subject


@dataclass
class _Quote:
    parts: list[tuple[int, int]]  # [start, end) inside the marks, one per paragraph
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark; None when the quote is left open
    paragraph: int  # paragraph index of the opening mark


# --- pass 1: quote marks -----------------------------------------------------------------
_OPENER_BEFORE = frozenset(" \t\n([{—–-/\u00a0")
_CLOSER_AFTER = frozenset(" \t\n.,;:!?)]}—–-/\u00a0")
# What follows the apostrophe of an English contraction or possessive.
_CONTRACTION = re.compile(r"(?:s|t|d|ll|re|ve|m|n)\b", re.IGNORECASE)


def _marks_style(body: str) -> str:
    """ "double" unless the article opens quotes with single marks more often than double
    ones and quotes no sentence in double marks (British style), where single marks are
    the main quote marks."""
    # A mark after a sentence's full stop opens too: bodies often lose the space there
    # ('place."My thinking is ...').
    opened = _OPENING_MARK.findall(body)
    doubles = sum(1 for m in opened if m in '"“')
    singles = sum(1 for m in opened if m in "‘'")
    # Double-style copy often puts single words in single marks ("could ‘suck-up’ small
    # creatures", "a ‘smoke ring’"), outnumbering its double marks; but it quotes speech,
    # sentences of several words, in double marks.
    speech = len(_DOUBLE_SPEECH.findall(body))
    if singles <= doubles:
        return "double"
    # British copy quotes what its speakers quoted in double marks inside single ones
    # ('I said, "God, please don't take my husband now."'): its double-mark speech is
    # outnumbered by single-mark speech several times over.
    return "single" if speech < 2 or len(_SINGLE_SPEECH.findall(body)) >= 2 * speech else "double"


# A mark that may open a quote: after a blank, a bracket, a dash or a sentence's mark (or
# opening a line), before a letter. (It opens with a lookahead of the mark: 3x faster.)
_OPENING_MARK = re.compile(
    r"(?=[\"“‘'])(?:^|(?<=[\s(\[—–.,;:!?-]))([\"“‘'])(?=[^\W\d_])", re.MULTILINE
)
# A double mark opening four words or more (closed or not: a quote that runs on over
# paragraphs closes only at its end); a single mark doing so where a quote may open.
_DOUBLE_SPEECH = re.compile(r"[\"“](?:[^\"“”\n\s]+[^\S\n]+){4}")
_SINGLE_SPEECH = re.compile(
    r"(?=[‘'])(?:^|(?<=[\s(\[—–:]))[‘'](?=[^\W\d_])(?:\S*[^\s'’][^\S\n]+){4}", re.MULTILINE
)


def _classify(body: str, i: int, mark: str, inside: bool, style: str) -> str | None:
    """Read the mark at body[i] as "open", "close", or None (not a quote mark here)."""
    before = body[i - 1] if i > 0 else "\n"
    after = body[i + 1] if i + 1 < len(body) else "\n"
    opener_like = before in _OPENER_BEFORE and not after.isspace()
    closer_like = not before.isspace() and (after in _CLOSER_AFTER or after in "\"”’'")
    if style == "single" and mark in "’'":
        if before.isalpha() and after.isalpha():
            # An apostrophe (don't, Ukraine’s, O'Brien), unless a quote is open and what
            # follows is no contraction: "the 'smoke-rings'were spotted" lost a space.
            if inside and i > 1 and body[i - 2].isalpha() and not _CONTRACTION.match(body, i + 1):
                return "close"
            return None
        if mark == "'" and opener_like and not inside:
            return "open"
        if mark == "'" and inside and before in _OPENER_BEFORE and after.isalpha():
            return "nested"  # 'My thinking is these eddies could 'suck-up' creatures ...'
        # "players’ union" would close a quote early; only a closer-looking mark closes.
        return "close" if inside and closer_like else None
    if mark in "“‘":
        if inside and closer_like and not opener_like:
            return "close"  # a mis-curled closing mark
        if style == "single" and inside and opener_like:
            return "nested"
        return None if inside else "open"
    if mark in "”":
        if not inside and opener_like and not closer_like:
            return "open"  # a mis-curled opening mark
        return "close" if inside else None
    # A straight double mark: inside a quote it closes; outside it opens unless it only
    # looks like a closing mark (an inch mark after a digit, a stray).
    if inside:
        if before.isspace() and after.isalnum():
            # "comments that Mueller could not verify, Graham said. "He's getting ...": the
            # outlet dropped a closing mark; this one opens the next quote.
            return "reopen"
        return "close"
    return "open" if opener_like or not closer_like else None


# "..., Graham said. " at the end of a quote whose closing mark the outlet dropped.
_LOST_CLOSE = re.compile(
    r",\s+(?:[A-Z][\w.'’-]*\s+){1,4}(?:said|says|added|adds|told\s+\w+|wrote|continued)"
    r"\.\s*$"
)


def _find_quotes(body: str, paragraphs: list[tuple[int, int]], style: str) -> list[_Quote]:
    """The quotes of `body` in reading order, with their parts trimmed of whitespace."""
    marks = re.compile(r"[\"“”]" if style == "double" else r"[‘’']")
    quotes: list[_Quote] = []
    current: _Quote | None = None
    part_start = 0
    continuing = False  # `current` was left open and this paragraph opens with a mark
    nested = 0  # quotes opened inside `current` and not closed yet (single style)
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        if current is not None and not continuing:
            part_start = p_start  # a block quote going on with no mark of its own
        for match in marks.finditer(body, p_start, p_end):
            i = match.start()
            if continuing and i == p_start:
                part_start = i + 1
                continue
            kind = _classify(body, i, match.group(), current is not None, style)
            if kind == "nested":
                nested += 1  # a quote inside the quote: its closing mark closes only it
            elif kind == "reopen" and current is not None:
                # The attribution the lost mark should have closed off ("..., Graham
                # said. ") is the reporter's, not part of the quote.
                said = _LOST_CLOSE.search(body, part_start, i)
                if said:
                    current.parts.append((part_start, said.start() + 1))
                    current.close_mark = said.start() + 1
                else:
                    current.parts.append((part_start, i))
                quotes.append(current)
                current = _Quote([], i, None, p_index)
                part_start = i + 1
                nested = 0
            elif kind == "open" and current is None:
                current = _Quote([], i, None, p_index)
                part_start = i + 1
                nested = 0
            elif kind == "close" and nested and current is not None:
                nested -= 1
            elif kind == "close" and current is not None and i > part_start:
                current.parts.append((part_start, i))
                current.close_mark = i
                quotes.append(current)
                current = None
            elif kind == "close" and current is not None:
                # A close right after the opening mark is a doubled mark (""We said ..."):
                # the quote's words start after it, so no mark is taken for its text.
                part_start = i + 1
        continuing = False
        if current is not None:
            # Left open at the paragraph's end: it continues when the next paragraph opens
            # with a quote mark (the convention for quotes spanning paragraphs); otherwise
            # it ends here, unclosed.
            current.parts.append((part_start, p_end))
            next_start = paragraphs[p_index + 1][0] if p_index + 1 < len(paragraphs) else None
            if next_start is not None and marks.match(body, next_start):
                continuing = True
            elif not _closed_later(body, paragraphs, p_index + 1):
                quotes.append(current)
                current = None
    return [q for q in quotes if _strip_parts(body, q)]


# A block quote runs over paragraphs with one curly opening mark and one closing mark at its
# end; it is taken as one only when a paragraph within this many closes it.
_BLOCK_QUOTE_PARAGRAPHS = 4


def _closed_later(body: str, paragraphs: list[tuple[int, int]], start: int) -> bool:
    """Whether the paragraphs from `start` on close a quote left open: the first curly
    mark met within _BLOCK_QUOTE_PARAGRAPHS paragraphs is a closing ” (straight marks say
    nothing about their direction, so they never extend a quote)."""
    for p_start, p_end in paragraphs[start : start + _BLOCK_QUOTE_PARAGRAPHS]:
        first = re.search(r"[“”\"]", body[p_start:p_end])
        if first:
            return first.group() == "”"
    return False


def _strip_parts(body: str, quote: _Quote) -> bool:
    """Trim whitespace inside each part; False when the quote has no text at all."""
    parts = []
    for start, end in quote.parts:
        chunk = body[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if end - trail > start + lead:
            parts.append((start + lead, end - trail))
    quote.parts = parts
    return bool(parts)


# --- pass 2: names -----------------------------------------------------------------------
# Words after which ". " does not end a run: "Mr. Smith", "St. Louis", "Ft. Worth".
_ABBREVIATION_WORDS = _TITLES | {"st", "ft"}
_NUMBER_AFTER = re.compile(r" \d")
# A handle written with underscores: "S_AND_YY", "Big_Red_99".
_HANDLE_WORD = re.compile(r"(?<![\w@#/.])[A-Za-z0-9]+(?:_+[A-Za-z0-9]+)+")
_STOP_IN_RUN = re.compile(r"[a-z]{2}\.\s")
# The head word of a body that a person's name may follow in one run ("Foreign Affairs
# Committee Leonid Slutsky"), and the endings of words that name no person ("Hoover
# Institution", "Global Ministries").
_HEADS_BEFORE_NAME = _wordset(
    "committee council ministry commission agency department party union bureau office"
)
_NOT_A_PERSONS_WORD = re.compile(r"(?:tion|sion|ence|ance|ity|ment|ism|ics|ing|ship|ies|ery|ory)$")


def _name_tokens(
    body: str, lower_words: set[str] | None = None
) -> list[list[tuple[int, int, str]]]:
    """Runs of capitalised word tokens (with particles like "de", "van", "bin" inside and
    "Mr." / "W." abbreviations), each token as (start, end, word); possessive "’s" cut off.

    `lower_words`, when given, gets every all-lower-case word token of `body` as written
    ("company's" too): `_mentions` reads them from this one pass over the words instead of
    a second `_WORD_TOKEN` scan of the body."""
    runs: list[list[tuple[int, int, str]]] = []
    run: list[tuple[int, int, str]] = []
    for match in _WORD_TOKEN.finditer(body):
        word = match.group()
        if word.islower():  # (so word[0] is no capital)
            if (
                lower_words is not None
                and word not in lower_words  # (gathered already: most are, no second look)
                # "@wikileaks", "#metoo", "putintrump.org": a handle, tag or address in
                # lower case does not make "WikiLeaks" a common word.
                and body[match.start() - 1 : match.start()] not in ("@", "#", "/", ".")
            ):
                lower_words.add(word)
            if not run:
                continue  # most words: lower case, no run to end or to join (a particle leads none)
        elif not run and not word[0].isupper():
            continue
        if "_" in (body[match.start() - 1 : match.start()], body[match.end() : match.end() + 1]):
            # "user S_AND_YY wrote": a handle is one name, never its parts (issue 16,
            # seventeenth pass: "YY" spoke on the news-please crawl); one that opens on a
            # capital is a run of its own.
            if run:
                runs.append(run)
                run = []
            handle = _HANDLE_WORD.search(body, max(0, match.start() - 40), match.end() + 40)
            while handle is not None and handle.end() < match.end():
                handle = _HANDLE_WORD.search(body, handle.end(), match.end() + 40)
            if (
                handle is not None
                and handle.start() == match.start()
                and word[0].isupper()
                and body[handle.start() - 1 : handle.start()] not in ("@", "#", "/", ".")
            ):
                runs.append([(handle.start(), handle.end(), handle.group())])
            continue
        start = match.start()
        possessive = word[-2:] in ("’s", "'s")
        if possessive:
            word = word[:-2]
        end = start + len(word)
        # Acronyms join too ("CD Montemar", "NAACP President Benjamin Jealous"); a run of
        # acronyms alone is an organisation.
        capital = word[0].isupper()
        particle = word in _PARTICLES
        if run and (capital or particle):
            gap = body[run[-1][1] : start]
            previous = run[-1][2]
            abbreviation = len(previous) == 1 or previous.lower() in _ABBREVIATION_WORDS
            # "D.C.", "U.S.": an initialism's letters stay in the run ("Interim D.C. Police
            # Chief Peter Newsham" is one run, whose name is Peter Newsham).
            initialism = gap == "." and len(previous) == 1 and len(word) == 1
            if not (gap == " " or (gap == ". " and abbreviation) or initialism):
                runs.append(run)
                run = []
        if capital or (particle and run):
            run.append((start, end, word))
        elif run:
            runs.append(run)
            run = []
        if possessive and run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    # A run never ends with a particle ("Ministry of" is not a name). (Its first word is a
    # capital's, never a particle: the loop stops there.)
    for run in runs:
        while run[-1][2] in _PARTICLES:
            run.pop()
    return runs


@dataclass(frozen=True)
class _RawName:
    start: int  # where the mention starts, titles included ("Mr Kuleba")
    end: int
    core: tuple[str, ...]  # the name's words, titles stripped; empty for a bare role
    full_name: str  # the core as written: "Michael E. Horowitz"
    text: str  # the mention as written
    titled: bool  # a title came first: "Mr Kuleba" is a person even if never named in full
    is_org: bool
    possessive: bool


def _trailing_name(run: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The person's name that ends a run: its last word with the particles and initials
    before it and one first name ("London Sadiq Khan" -> "Sadiq Khan", "State John F.
    Kerry" -> "John F. Kerry")."""
    k = len(run) - 1
    while k > 0 and (run[k - 1][2] in _PARTICLES or len(run[k - 1][2]) == 1):
        k -= 1
    return run[max(k - 1, 0) :]


_DEMONYM_OR_BRIT = _DEMONYM_ENDINGS + ("Brit",)
# A romanised Korean given name: "Soo-hyun", "Jae-in", "Geun-hye".
_GIVEN_HYPHENATED = re.compile(r"[A-Z][a-z]+-[a-z]+")

# "Mayor of London Sadiq Khan", "Secretary of the Interior Ryan Zinke": a title "of" a
# place or a department, then the holder's name, in one capitalised run.
# ("Special Envoy for Haiti Daniel Foote" too, issue 16's tenth pass.)
_TITLE_OF = re.compile(r"\b([A-Z][a-z]+)\.?\s+(?:of|for)\s+(?:the\s+)?$")


# Issue 16, tenth pass: an organisation named with "of" or "for" ("Department of Justice",
# "Bank of America", "Joint Chiefs of Staff", "Union of Concerned Scientists") is one name;
# the capitalised runs cut it at the small word, so "the Department of Justice said" was
# "Department" (read on unlabelled gvc, BASIL and giveme5w1h articles). Only after these
# heads, which name bodies and never people: "Secretary of State John Kerry" stays a title
# and a person.
_OF_HEADS = frozenset(
    """department ministry bank university union association office chiefs institute
    council board church bureau court academy college school league federation society
    center centre commission committee agency service chamber coalition alliance
    foundation fund museum organisation organization corps""".split()
)
_OF_GAP = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?")
_AND_GAP = re.compile(r"\s+(?:and|&)\s+")
_FOR_GAP = re.compile(r" for ")
_AND_HEADS = frozenset(
    """administration service commission agency department bureau institute association
    council board foundation center centre committee""".split()
)


def _join_of_names(
    body: str, runs: list[list[tuple[int, int, str]]]
) -> tuple[list[list[tuple[int, int, str]]], set[int]]:
    """`runs` with each run that ends on an organisation head (`_OF_HEADS`) joined to the
    run right after " of " / " for the " ("Department" + "Justice"), and the end offsets
    of the joined runs."""
    out: list[list[tuple[int, int, str]]] = []
    joined: set[int] = set()
    for run in runs:
        if (
            out
            and run
            and (
                (
                    out[-1][-1][2].lower() in _OF_HEADS
                    and _OF_GAP.fullmatch(body, out[-1][-1][1], run[0][0])
                )
                or (
                    # "Democracy for America", "Americans for Prosperity" (issue 16,
                    # fifteenth pass): a body named "<words> for <Name>" whose head is no
                    # title nor first name, written so at least twice (a fixed name, not
                    # "Vote for Bernie"); "Democracy for America ... said" was "Democracy".
                    len(out[-1]) <= 2
                    and not any(t[2].lower() in _TITLES for t in out[-1])
                    and out[-1][0][2].lower() not in first_names()
                    and _FOR_GAP.fullmatch(body, out[-1][-1][1], run[0][0])
                    and body.count(body[out[-1][0][0] : run[-1][1]]) >= 2
                )
                or (
                    # "Food and Drug Administration", "U.S. Fish and Wildlife Service": a
                    # few words that name no body themselves, "and", then a body.
                    sum(t[2] != "The" for t in out[-1]) <= 3
                    and len(run) >= 2
                    and run[-1][2].lower() in _AND_HEADS
                    and not any(t[2].lower() in _NON_PERSON_WORDS for t in out[-1])
                    and out[-1][0][2].lower() not in first_names()
                    and _AND_GAP.fullmatch(body, out[-1][-1][1], run[0][0])
                )
            )
        ):
            joined.discard(out[-1][-1][1])
            out[-1] = out[-1] + run
            joined.add(run[-1][1])
        else:
            out.append(run)
    return out, joined


def _raw_names(body: str, lower_words: set[str] | None = None) -> list[_RawName]:
    """The names and bare roles of `body`'s capitalised runs, in reading order;
    `lower_words` as for `_name_tokens`."""
    names = []
    runs, joined = _join_of_names(body, _name_tokens(body, lower_words))
    # "the Falcon Heavy rocket", "the Tesla Roadster car": a product, never a speaker.
    products = {m.group(1) for m in _PRODUCT.finditer(body)} if "the " in body else set()
    # Surnames the body writes after a first name ("Nick Sweeting", "Megyn Kelly"): alone,
    # they are that person, not a capitalised verb or adverb opening a sentence.
    surnames = {run[-1][2] for run in runs if len(run) >= 2}
    for run in runs:
        # (Every match holds "of" or "for": most runs have neither before them, and skip
        # the search.)
        title_of = (
            _TITLE_OF.search(body, max(0, run[0][0] - 30), run[0][0])
            if body.find("of", max(0, run[0][0] - 30), run[0][0]) >= 0
            or body.find("for", max(0, run[0][0] - 30), run[0][0]) >= 0
            else None
        )
        if title_of and title_of.group(1).lower() in _TITLES and len(run) >= 3:
            core_run = _trailing_name(run)
            core = tuple(t[2] for t in core_run)
            start, end = core_run[0][0], core_run[-1][1]
            if not any(w.lower() in _NON_PERSON_WORDS for w in core):
                possessive = body[end : end + 2] in ("’s", "'s")
                full_name = body[start:end]
                names.append(
                    _RawName(start, end, core, full_name, full_name, True, False, possessive)
                )
                continue
        # "the Halvorsen Plastics plant": nobody calls a person "the Jane Smith".
        after_the = _AFTER_THE.search(body, max(0, run[0][0] - 4), run[0][0]) is not None
        while run and (
            run[0][2].lower() in _NOT_NAMES
            or run[0][2].lower() in _SPEECH_VERBS
            or run[0][2].lower() in _PARTICIPLES
        ):
            after_the = after_the or run[0][2].lower() == "the"
            run = run[1:]
        if not run:
            continue
        # A first- or second-person word inside a capitalised run is boilerplate or a title
        # ("Sign Up You agree to receive ...", "Thank You Notes"), never someone's name.
        if any(t[2].lower() in _PERSON_WORDS for t in run[1:]) or _FURNITURE_RUN.search(
            body, run[0][0], run[-1][1]
        ):
            continue  # ("Newsletter Sign Up Continue reading the main story": furniture)
        # Words that are no part of the name: a news agency's credit running into it
        # ("Reuters Equifax"), a shouted headline ("SET UP FRAUD ALERTS Equifax"), a day or
        # a speech verb of a headline after it ("Pyongyang Monday", "Kim Says").
        while len(run) > 1 and run[0][2] in _AGENCIES:
            run = run[1:]
        # "Equifax Equifax holds data ...": a caption or credit of one word run into the
        # sentence that opens with the same word (issue 16, seventeenth pass, read on the
        # news-please crawl); the name is written once.
        while len(run) > 1 and run[0][2] == run[1][2]:
            run = run[1:]
        shouted = 0
        while shouted < len(run) - 1 and run[shouted][2].isupper() and len(run[shouted][2]) > 1:
            shouted += 1
        if shouted >= 2:
            run = run[shouted:]
        if len(run) > 2 and (run[0][2], run[1][2]) == ("Associated", "Press"):
            run = run[2:]
        while len(run) > 1 and (
            run[-1][2].lower() in _WEEKDAYS
            or run[-1][2].lower() in _SPEECH_VERBS
            or run[-1][2] in ("The", "THE")
            # "All Nippon Airways Flight 175": the flight is a thing, its airline speaks
            # (issue 16, seventeenth pass, read on the news-please crawl).
            or (run[-1][2] == "Flight" and _NUMBER_AFTER.match(body, run[-1][1]) is not None)
        ):
            run = run[:-1]
        words = [t[2] for t in run]
        if sum(1 for w in words if w.isupper() and len(w) > 1) >= 3 or (
            len(words) >= 2 and all(w.isupper() for w in words) and max(map(len, words)) >= 5
        ):
            continue  # "STONED TO DEATH ISIS", "TERROR DEAL": a shouted headline, not a name
        # Everything up to the last title word is the title: "White House Counsel Robert
        # Bauer", "Weekly Standard Editor Bill Kristol"; "the Arizona Republican" is a role.
        # So is a word that only describes the person before a first name: "Billionaire
        # Elon Musk", "American Dominique Molina", "San Diego-headquartered Qualcomm",
        # "Apparently Putin".
        lowered = [w.lower() for w in words]
        titles = [
            i
            for i, (w, low) in enumerate(zip(words, lowered, strict=True))
            if (
                low.rstrip(".") in _TITLES
                # "UN Secretary-General", but "Kim Jong Un": an initialism among the
                # titles counts only in capitals.
                and (low.rstrip(".") not in _INITIALISM_TITLES or w.isupper())
            )
            or (low in _DESCRIBING_WORDS and i + 1 < len(words))
            or low.endswith(("-based", "-headquartered"))
            or (i == 0 and len(words) > 1 and _ADVERB.search(w) is not None)
            # "Devastated Hayley added", "Panicked Japanese residents": a participle in
            # -ed opening the run, no first name, describes who follows (issue 16,
            # seventeenth pass, read on the news-please crawl).
            or (
                i == 0
                and len(words) > 1
                and _OPENING_PARTICIPLE.fullmatch(w) is not None
                and low not in first_names()
                and low not in _NON_PERSON_WORDS  # ("United Nations", "United Airlines")
                and _SENTENCE_OPENS.search(body, max(0, run[0][0] - 3), run[0][0]) is not None
            )
            or (
                i + 1 < len(words)
                and w.endswith(_DEMONYM_OR_BRIT)
                and low not in first_names()
                and lowered[i + 1] in first_names()
            )
        ]
        # A title word that ends the name right after a first name is the surname: "Rep.
        # Steve King", "Carole King", "Martin Luther King Jr.", "John Major" (issue 16,
        # sixteenth pass: 'Rep. Steve King (R-Iowa), tweeted' named no one).
        end = len(words)
        while end > 1 and words[end - 1].rstrip(".") in ("Jr", "Sr", "II", "III", "IV"):
            end -= 1
        if (
            titles
            and titles[-1] == end - 1
            and end >= 2
            and lowered[end - 1] in _SURNAME_TITLES
            and lowered[end - 2] in first_names()
            and lowered[end - 2].rstrip(".") not in _TITLES
        ):
            titles = titles[:-1]
        # "Brit Kartik Bhanot, from Essex": the tabloids' noun for a Briton before a name
        # of two words or more (issue 16, seventeenth pass).
        if not titles and len(words) >= 3 and words[0] == "Brit":
            titles = [0]
        core_tokens = run[titles[-1] + 1 :] if titles else run
        while len(core_tokens) > 1 and core_tokens[-1][2] in ("Jr", "Sr", "II", "III", "IV"):
            core_tokens = core_tokens[:-1]  # "Eric H. Holder Jr." is indexed as Holder
        if len(core_tokens) >= 4:
            # "Asst Ch Con Robin Smith": titles the list lacks, then a first name it knows.
            trailing = _trailing_name(core_tokens)
            if len(trailing) >= 2 and trailing[0][2].lower() in first_names():
                titles, core_tokens = [0], trailing
        if (
            len(core_tokens) >= 3
            and core_tokens[-3][2].lower() in _HEADS_BEFORE_NAME
            and not any(
                t[2].lower() in _NON_PERSON_WORDS or t[2].isupper() for t in core_tokens[-2:]
            )
            and _NOT_A_PERSONS_WORD.search(core_tokens[-1][2].lower()) is None
        ):
            # "Foreign Affairs Committee Leonid Slutsky": the body the person belongs to,
            # then the person's first name and surname (issue 16, seventeenth pass: the
            # whole run spoke on the news-please crawl).
            titles, core_tokens = [0], core_tokens[-2:]
        if not core_tokens and len(run) >= 2 and words[-1].lower() in _NON_PERSON_WORDS:
            # "the White House said": title words that together name an organisation.
            core_tokens, titles = run, []
        # "Joint Chiefs of Staff", "Department of Justice": an organisation, whose last
        # words are no title ("Justice" and "Staff" are, before a name); but "National
        # Organization for Women President Terry O'Neill" still ends on a person.
        of_name = run[-1][1] in joined and (not titles or titles[-1] == len(run) - 1)
        if of_name:
            core_tokens, titles = run, []
        core = tuple(t[2] for t in core_tokens)
        full_name = body[core_tokens[0][0] : core_tokens[-1][1]] if core_tokens else ""
        is_org = bool(core) and (
            of_name
            or core[0].lower() in _CALENDAR
            or (
                any(w.lower() in _NON_PERSON_WORDS for w in core)
                # "Park Soo-hyun", "Park Geun-hye": a family name first, then a
                # hyphenated given name, is a person whatever the family name means.
                and not (2 <= len(core) <= 3 and _GIVEN_HYPHENATED.fullmatch(core[-1]))
            )
            # "NATO", "CD Montemar", "FC Porto": led by an acronym.
            or (len(core[0]) > 1 and core[0].isupper())
            or (after_the and not titles)
            # "British Transport police", "Tulsa police officials": an organisation word
            # written in lower case right after the run.
            or _ORG_WORD_AFTER.match(body, run[-1][1]) is not None
            # "Eve Assaults Renew German Tensions Over Migrants": a headline, not a name.
            or sum(1 for w in core if w not in _PARTICLES and len(w) > 1) > 4
        )
        if len(words) >= 2 and words[-1].lower() in _WORK_WORDS:
            continue  # "Inaugural Address", "Panama Papers": a work, not a speaker
        if products and any(
            (" " + body[run[0][0] : run[-1][1]]).endswith(" " + p) for p in products
        ):
            continue  # "(SpaceX) Falcon Heavy should be ready for launch": the rocket
        if (
            len(core) == 1
            and not titles
            and core[0].endswith(("ing", "ed", "ly"))
            and core[0] not in surnames
        ):
            continue  # a capitalised verb or adverb opening a sentence: "Speaking", "Asked"
        if "/" in (body[run[0][0] - 1 : run[0][0]], body[run[-1][1] : run[-1][1] + 1]):
            continue  # a photo credit: "(Jordan Strauss/Invision/AP)"
        if _PARTY_STATE.match(body, run[0][0]) or (len(run) == 1 and len(run[0][2]) == 1):
            continue  # "(D-N.C.)", "R-Iowa": a party and a state; a lone letter
        end = run[-1][1]
        if run[-1][2] in ("Jr", "Sr") and body[end : end + 1] == ".":
            end += 1  # "Trump Jr. replied": the suffix's full stop is the name's, not a stop
        text = body[run[0][0] : end]
        possessive = body[end : end + 2] in ("’s", "'s")
        names.append(
            _RawName(run[0][0], end, core, full_name, text, bool(titles), is_org, possessive)
        )
    return names


def _could_be_organisation(
    name: _RawName, people: dict[str, list[tuple[int, str]]], after_preposition: bool
) -> bool:
    """Whether "the company" could stand for `name`: a name with an organisation word, or a
    lone capitalised word naming no known person ("Brightline", "ShadowTide"); never a
    place, a date or a nationality."""
    if not name.core:
        return False
    if len(name.core) > 1 and _ORG_DESCRIPTION.fullmatch("the " + name.core[-1].lower()):
        # "Central Coast Council", "Mercy Hospital", "Hong Kong Police": its last word is
        # what "the council" / "the hospital" says, whatever place the name holds.
        return True
    if any(w.lower() in _PLACES_AND_DATES for w in name.core):
        return False
    if len(name.core) > 1:
        return name.is_org
    word = name.core[0]
    return not (
        name.titled or after_preposition or word in people or word.endswith(_DEMONYM_ENDINGS)
    )


_TOLD_BEFORE = re.compile(r"\b(?:told|tells|telling)\s+(?:the\s+)?$")
# "the Marion County Sheriff's Office", "Steve Scalise's office": an office named by its
# holder, in one possessive phrase that the capitalised runs cut in two.
# (It opens with a lookahead of its capital; every match ends in _POSSESSIVE_OFFICE_TAIL,
# which most bodies lack: "office" and "officer" are common, "’s Office" is not.)
_POSSESSIVE_OFFICE = re.compile(
    r"(?=[A-Z])((?:[A-Z][\w.&-]*\s+){0,4}[A-Z][\w.&-]*['’]s\s+(?:[Oo]ffice|Department|Bureau))\b"
)
_POSSESSIVE_OFFICE_TAIL = re.compile(r"['’]s\s+(?:[Oo]ffice|Department|Bureau)")
# Police and the like named in lower case, as news prose names them when it has named
# them once: "police said", "Tulsa police said", "the sheriff's office said".
# (It opens with a lookahead of the letters a match starts with: a capital or a noun's.)
_LOWER_CASE_FORCE = re.compile(
    r"(?=[A-Zpsfcmdihej])\b((?:[A-Z][\w.-]*\s+){0,2})?"
    r"(police(?:\s+department)?|sheriff['’]s\s+(?:office|department)"
    r"|fire\s+department|coroner['’]s\s+office|medical\s+examiner['’]s\s+office"
    r"|(?:foreign|defen[cs]e|interior|health|finance|justice|education)\s+ministry)\b"
    r"(?!\s+(?:chief|officers?|commissioner|captain|sergeant|spokes\w+|station|cars?|tape"
    r"|report|records|sources?|investigators?|detectives?|dogs?|union|custody|presence))"
)


# (The "@" first, then the look-behind past it: the engine finds each "@" at C speed.)
_HANDLE = re.compile(r"@(?<![\w@.]@)([A-Za-z]\w{2,})\b")


# Words that every match of these patterns contains (the patterns are case-sensitive): a
# body with none of them is not scanned. Each pattern tries a match at every word or
# capital, and most bodies have no spokesman, office or police in them.
_NEEDED_WORDS: dict[re.Pattern[str], tuple[str, ...]] = {
    _SPOKES_BEFORE: ("spokes", "officer", "statement", "editorial", "organi"),
    _SPOKES_FOR: ("spokes", "officer", "statement", "editorial", "organi"),
    _SPOKES_BARE: ("spokes",),
    _LOWER_CASE_FORCE: ("police", "sheriff", "fire", "coroner", "medical", "ministry"),
}


class _NamedBefore:
    """The names of `names` (in reading order) that end in a span of the body: what
    `[n for n in names if low < n.end <= high]` gives, by bisection where their ends
    come in order (names do not overlap), so that each "the company said" or "a
    spokesman said" of a long body does not read every organisation (issue 14)."""

    def __init__(self, names: list[_RawName]) -> None:
        self.names = names
        self.ends = [n.end for n in names]
        self.ordered = all(a <= b for a, b in zip(self.ends, self.ends[1:], strict=False))

    def ending_in(self, low: int, high: int) -> list[_RawName]:
        """The names ending after `low` and at or before `high`, in reading order."""
        if not self.ordered:
            return [n for n in self.names if low < n.end <= high]
        return self.names[
            bisect.bisect_right(self.ends, low) : bisect.bisect_right(self.ends, high)
        ]


def _starting_by(matches: Iterator[re.Match[str]], offset: int) -> Iterator[re.Match[str]]:
    """`matches` (in order) up to the first that starts past `offset`."""
    for match in matches:
        if match.start() > offset:
            return
        yield match


class _Spans:
    """Spans of the body (mentions), to ask whether one of them holds another mention:
    `any(d.start <= m.start and m.end <= d.end for d in spans)` by bisection over the
    spans by start, with the furthest end reached so far (a long body's "a spokesman
    for ..." spans read once, not once per mention; issue 14)."""

    def __init__(self, spans: list[_Mention]) -> None:
        ordered = sorted(spans, key=lambda d: d.start)
        self.starts = [d.start for d in ordered]
        self.reach = list(itertools.accumulate((d.end for d in ordered), max))

    def hold(self, mention: _Mention) -> bool:
        at = bisect.bisect_right(self.starts, mention.start)
        return at > 0 and self.reach[at - 1] >= mention.end


def _finditer(pattern: re.Pattern[str], body: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(body)`, skipped when `body` lacks every one of its needed words."""
    if any(word in body for word in _NEEDED_WORDS[pattern]):
        return pattern.finditer(body)
    return iter(())


class _Uses:
    """One list of a surname's uses, (start, full name) in reading order, read at a bare
    mention of the surname: its starts bisected where they come in order (else scanned,
    as before), its distinct names counted once."""

    def __init__(self, owner: _SurnameUses, uses: list[tuple[int, str]]) -> None:
        self.owner, self.uses = owner, uses
        self.starts = [start for start, _ in uses]
        self.ordered = all(a <= b for a, b in zip(self.starts, self.starts[1:], strict=False))
        self.distinct = len({name for _, name in uses})
        self._distinct_so_far: list[int] | None = None
        self._headline: _Uses | None = None

    def in_headline_first(self) -> _Uses:
        """The uses of names the headline gives, or all when none: `[u for u in uses if
        u[1] in in_headline] or uses`."""
        if self._headline is None:
            kept = [u for u in self.uses if u[1] in self.owner.in_headline]
            self._headline = self.owner.read(kept, self) if kept else self
        return self._headline

    def last_before(self, offset: int) -> str | None:
        """The full name of the last use starting before `offset`; None when none does."""
        if self.ordered:
            at = bisect.bisect_left(self.starts, offset)
            return self.uses[at - 1][1] if at else None
        earlier = [name for start, name in self.uses if start < offset]
        return earlier[-1] if earlier else None

    def distinct_before(self, offset: int) -> int:
        """How many different full names the uses starting before `offset` give."""
        if not self.ordered:
            return len({name for start, name in self.uses if start < offset})
        if self._distinct_so_far is None:
            seen: set[str] = set()
            self._distinct_so_far = [0]
            for _, name in self.uses:
                seen.add(name)
                self._distinct_so_far.append(len(seen))
        return self._distinct_so_far[bisect.bisect_left(self.starts, offset)]

    def any_between(self, low: int, high: int) -> bool:
        """Whether a use starts strictly between `low` and `high`."""
        if not self.ordered:
            return any(low < start < high for start in self.starts)
        at = bisect.bisect_right(self.starts, low)
        return at < len(self.starts) and self.starts[at] < high


class _SurnameUses:
    """The uses of each surname (`full`: word -> (start, full name), fixed once built),
    read at each bare mention ("Trump said") of a long body without listing them again:
    each surname's bare mentions read all its uses, five times over (3.3 s for a 300 KB
    body of "President Trump said"; issue 14). A list of `full`, of `_apostrophe_uses`
    (remembered per word) or kept from one of those is read once; any other list (the
    uses filtered by gender for one mention) is read afresh, as before."""

    def __init__(self, full: dict[str, list[tuple[int, str]]], in_headline: set[str]) -> None:
        self.full, self.in_headline = full, in_headline
        self._read: dict[int, _Uses] = {id(uses): _Uses(self, uses) for uses in full.values()}
        self._apostrophe: dict[str, list[tuple[int, str]]] = {}

    def apostrophe(self, word: str) -> list[tuple[int, str]]:
        """`_apostrophe_uses(full, word)`, remembered."""
        if word not in self._apostrophe:
            uses = self._apostrophe[word] = _apostrophe_uses(self.full, word)
            self._read[id(uses)] = _Uses(self, uses)
        return self._apostrophe[word]

    def read(self, uses: list[tuple[int, str]], kept_from: _Uses | None = None) -> _Uses:
        """`uses` read; remembered when it is one of the lists above (the reading holds
        the list, so its id stays its own) or `kept_from` such a one."""
        known = self._read.get(id(uses))
        if known is not None and known.uses is uses:
            return known
        found = _Uses(self, uses)
        if kept_from is not None and self._read.get(id(kept_from.uses)) is kept_from:
            self._read[id(uses)] = found
        return found


class _LatestForce:
    """The force "police" (or a sheriff's office ...) stands for: of the organisations
    and the offices found so far (`found`, which grows) whose words hold the noun's head,
    the one ending last at or before a place (the greatest (end, name)). Each head's are
    listed once, sorted, and bisected: every "police said" of a long body read every
    organisation and office (9.6 s for 300 KB; issue 14)."""

    def __init__(self, organisations: list[_RawName], found: list[_Mention]) -> None:
        self.organisations, self.found = organisations, found
        self._named: dict[str, list[tuple[int, str]]] = {}
        self._found: dict[str, tuple[list[tuple[int, str]], int]] = {}

    def before(self, head: str, offset: int) -> str | None:
        """The name of the greatest (end, name) with end <= `offset`, None when none."""
        named = self._named.get(head)
        if named is None:
            named = self._named[head] = sorted(
                (n.end, n.text)
                for n in self.organisations
                if head in (w.lower().rstrip("'’s") for w in n.core)
            )
        offices, read = self._found.get(head, ([], 0))
        for m in self.found[read:]:
            if m.name and head in m.name.lower():
                bisect.insort(offices, (m.end, m.name))
        self._found[head] = (offices, len(self.found))
        best = None
        for entries in (named, offices):
            at = bisect.bisect_right(entries, offset, key=lambda entry: entry[0])
            if at and (best is None or entries[at - 1] > best):
                best = entries[at - 1]
        return best[1] if best is not None else None


def _office_mentions(body: str, organisations: list[_RawName]) -> list[_Mention]:
    """Organisations the capitalised runs miss: offices named in the possessive, social
    media handles, and police or a sheriff's office named in lower case. "police" is the police force the article
    named last before ("Tulsa Police Department"), else the place written before it
    ("Tulsa police"), else "police"."""
    found = []
    offices = _POSSESSIVE_OFFICE.finditer(body) if _POSSESSIVE_OFFICE_TAIL.search(body) else ()
    for match in offices:
        start = match.start(1)
        while (lead := re.match(r"([A-Za-z]+)\s+", body[start : match.end(1)])) and lead.group(
            1
        ).lower() in _NOT_NAMES:
            start += lead.end()  # "The Marion County Sheriff's Office"
        found.append(_Mention(start, match.end(), body[start : match.end(1)], is_person=False))
    # "Twitter account @Flightradar24 noted": a handle names whoever posts under it.
    found += [
        _Mention(m.start(), m.end(), m.group(1), is_person=False) for m in _HANDLE.finditer(body)
    ]
    forces = _LatestForce(organisations, found)
    for match in _finditer(_LOWER_CASE_FORCE, body):
        place, noun = (match.group(1) or "").strip(), match.group(2)
        if place and place.split()[-1].lower() in _NOT_NAMES:
            place = ""  # "But police said", "The police"
        head = noun.split()[0].replace("’", "'").lower()
        head = head[:-2] if head.endswith("'s") else head
        named = None if place else forces.before(head, match.start())
        name = named if named is not None else f"{place} {noun}".strip()
        start = match.start(1) if place else match.start(2)
        found.append(_Mention(start, match.end(), name, is_person=False))
    return found


_CREDIT_LINE = re.compile(
    r"\b(?:Reporting|Editing|Writing|Edited|Compiled|[Aa]dditional\s+reporting)\s+by\s[^\n.;()]*$"
)


# A lower-case word right after a name, perhaps past an adverb: its verb.
_SUBJECT_VERB = re.compile(r"\s+(?:[a-z]+ly\s+|also\s+)?[a-z]+(?:ed|s)\b")
# "his" / "himself" / "herself" after a subject is that subject's far more often than
# "he" / "she" / "her", which open clauses about someone else.
_OWN_PRONOUN = re.compile(r"\b(?:his|himself|herself)\b")


# A kinship word introducing a name: "Her father, Robert Thurman", "his brother Mike".
_KIN_BEFORE = re.compile(
    r"\b(?:[Hh]is|[Hh]er|[Tt]heir|['’]s)\s+(?:father|mother|brother|sister|son|daughter|husband"
    r"|wife|uncle|aunt|cousin|grandfather|grandmother|nephew|niece)\s*,?\s*$"
)


def _apostrophe_uses(full: dict[str, list[tuple[int, str]]], word: str) -> list[tuple[int, str]]:
    """The uses of a full name whose surname is `word` written with another apostrophe
    ("O'Rourke" beside "Beto O’Rourke") or with its "O’"/"D’" prefix lost ("Rourke
    demanded" in an article that names Beto O’Rourke); [] when none or several do."""
    plain = word.replace("’", "'")
    found = {
        key
        for key in full
        if key != word
        and (
            key.replace("’", "'") == plain
            or (len(key) > len(plain) + 1 and key.replace("’", "'").endswith("'" + plain))
        )
    }
    return full[found.pop()] if len(found) == 1 else []


def _gendered_alone(
    body: str,
    raw: list[_RawName],
    sentence_starts: list[int],
    inside_quote: Callable[[int], bool],
    lower_words: set[str],
) -> set[str]:
    """One-word names (no title, no organisation, not possessive) that open their clause
    with a verb and that a "his", "himself" or "herself" outside quotes follows in a
    sentence where that name is the only one: "Kim declared his nuclear force complete".
    Places and organisations take "its"; a lone surname the article never writes in full is
    still a person's."""
    by_sentence: dict[int, list[_RawName]] = {}
    for name in raw:
        if (
            name.core
            and name.core[0].lower() not in _CALENDAR  # "In November, Kim ..."
            # "Beyond listing ..., Kim ...": a common word, capitalised, names no one.
            and not (len(name.core) == 1 and name.core[0].lower() in lower_words)
        ):
            sentence = bisect.bisect_right(sentence_starts, name.start) - 1
            by_sentence.setdefault(sentence, []).append(name)
    ends = sentence_starts[1:] + [len(body)]
    alone = set()
    for sentence, names in by_sentence.items():
        if len(names) != 1 or sentence < 0:
            continue
        (name,) = names
        if (
            len(name.core) != 1
            or name.is_org
            or name.titled
            or name.possessive
            or inside_quote(name.start)
            # The sentence's subject, a verb right after it ("Kim declared", "Kim seems"),
            # not a word after a preposition ("On Twitter on Friday night, he said").
            or _SUBJECT_VERB.match(body, name.end) is None
            or _AFTER_PREPOSITION.search(body, max(0, name.start - 16), name.start)
        ):
            continue
        for pronoun in _OWN_PRONOUN.finditer(body, name.end, ends[sentence]):
            if not inside_quote(pronoun.start()):
                alone.add(name.core[0])
                break
    return alone


# A line of the body is a headline when it holds at least this many words, every word of
# four letters or more capitalised, and ends without punctuation (fewer, it is as often a
# listicle's subheading naming its person: "Dana Reyes for Acme").
_HEADLINE_LINE_WORDS = 5
_LINE = re.compile(r"[^\n]+")
_LINE_WORD = re.compile(r"[\w'’-]+")


def _headline_lines(body: str) -> list[tuple[int, int]]:
    """The (start, end) of each line of `body` that reads as a headline: `_HEADLINE_LINE_WORDS`
    words or more, every word of four letters or more capitalised, at least one short word
    in lower case ("to", "of": a title's case, not a list of names), and no punctuation
    ending it (a sentence, a caption ending in a full stop, a dateline's dash)."""
    out = []
    for line in _LINE.finditer(body):
        text = line.group().strip()
        if not text or text[-1] in '.!?:;,"”’)—–-':
            continue
        words = _LINE_WORD.findall(text)
        if (
            len(words) >= _HEADLINE_LINE_WORDS
            and all(w[0].isupper() or w[0].isdigit() for w in words if len(w) >= 4)
            and any(w.islower() and len(w) <= 3 for w in words)
        ):
            out.append((line.start(), line.end()))
    return out


# Words after a lone name that make it a sentence's subject, not a modifier: auxiliaries
# and common verbs that end in neither -ed nor -s ("Mary said", "Mary wrote").
_AFTER_SUBJECT = _wordset(
    """said told wrote went came made took gave spoke saw knew thought felt got left began ran
    is was has had will would could can did does may might must should shall who and or but
    also later then never still just"""
)
_NEXT_WORD = re.compile(r" ([a-z][a-z’'-]*)\b")


def _attributive(body: str, end: int) -> bool:
    """Whether the word right after a name ending at `end` is a lower-case noun it
    modifies ("a packed Orlando nightclub", "Boston police"): a lower-case word that is no
    auxiliary or common verb and ends in neither -ed nor -s."""
    after = _NEXT_WORD.match(body, end)
    if after is None:
        return False
    word = after.group(1)
    return word not in _AFTER_SUBJECT and not word.endswith(("ed", "s"))


def _mentions(
    body: str, quoted: list[tuple[int, int]], sentence_starts: list[int], headline: str = ""
) -> tuple[list[_Mention], dict[str, str]]:
    """Every name and he/she/they pronoun of `body` outside the quoted spans `quoted`,
    resolved, sorted by start; and the gender ("m"/"f") of the people the article tells.

    Full names (two words or more) index their surname and first name; a one-word mention
    resolves to the full name with that word used most recently before it (else the first
    after it), or stays a one-word person name when the article gives it a title somewhere
    ("President Obama"). A bare role ("the Arizona Republican", "the White House") names no
    one. A pronoun resolves to the first person named (not in the possessive) in its
    sentence before it, else in the closest sentence before it that names one: in news
    prose the subject of the last sentence is who "he" is far more often than the last
    name read ("DeMint would not go that far but said Steele must apologize. 'Steele needs
    to apologize,' he said"). Mentions inside quotes are left out: the people a quote
    talks about are not who is speaking.
    """
    # The body's lower-case words come from the same pass over its words as its names.
    lower_words: set[str] = set()
    raw = _raw_names(body, lower_words)
    # The wire's credit line ("(Reporting by Soyoung Kim; Editing by Kim Coghill)") names
    # journalists, never a speaker; left in, "Kim" of the story resolves to the editor.
    # (Every credit line holds "by": a name with none in the 160 characters before it
    # skips the search, 7x faster over BASIL's names; issue 14.)
    raw = [
        n
        for n in raw
        if body.find("by", max(0, n.start - 160), n.start) < 0
        or _CREDIT_LINE.search(body, max(0, n.start - 160), n.start) is None
    ]
    # A body that opens with its headline ("Trump Lashes Out at Kathy Griffin and
    # Democrats"): the headline's capitalised words are no names ("Trump Lashes Out"); the
    # people it names are read from it as from the headline below.
    if headline.strip() and body.startswith(headline.strip() + "\n"):
        raw = [n for n in raw if n.start > len(headline.strip())]
    # So are the capitalised words of any other headline line in the body (a page's own
    # headline under its navigation, a related story's): "Governor Appoints Ex-Aide to
    # Fill Kerry's Seat" names no "Appoints Ex-Aide" for "the governor" to stand for.
    headline_lines = _headline_lines(body)
    if headline_lines:
        raw = [n for n in raw if not any(a <= n.start < b for a, b in headline_lines)]
    full: dict[str, list[tuple[int, str]]] = {}
    titled = set()
    # The people the headline names in full are the story's: "This Is Why Uma Thurman Is
    # Angry" over a body that only ever says "Thurman" (and names her father Robert).
    in_headline = set()
    # Words the body writes as part of a name (capitalised, not lower case anywhere).
    body_name_words = {w for n in raw for w in n.core}
    # Words the body writes alone as a name ("who thinks Uma is a reincarnated goddess")
    # and never in lower case.
    body_lone_names = {
        n.core[0]
        for n in raw
        if len(n.core) == 1 and not n.is_org and n.core[0].lower() not in lower_words
    }
    body_full_name_words = {
        w for n in raw if len(n.core) >= 2 and not n.is_org for w in (n.core[0], n.core[-1])
    }
    for name in _raw_names(headline):
        # Headlines capitalise every word ("Criticized Trump"): a first name must lead,
        # and the body must name the surname ("Perry Ad Focuses on Gays", "Perry TV Ad:"
        # over bodies that say "Gov. Rick Perry" and "a new TV ad" name no one).
        if (
            2 <= len(name.core) <= 3
            and name.core[0].lower() in first_names()
            and name.core[-1] in body_name_words
        ):
            found = [(name.core, name.full_name)]
        else:
            # Two words of a headline's capitalised run that the body writes each alone
            # as a name, the first no place: "This Is Why Uma Thurman Is Angry" over a
            # body that says "Uma" once and "Thurman" throughout, a first name the
            # lexicon lacks (issue 16, twenty-first pass: her words had gone to her
            # father, the one Thurman named in full, and to her daughter through "she").
            # The first word is never in a full name the body writes: "Donald Trump" of
            # a headline is not another person beside the body's "Donald John Trump",
            # nor "Clinton Benghazi" one beside its "Hillary Clinton".
            found = [
                ((first, last), f"{first} {last}")
                for first, last in itertools.pairwise(name.core)
                if first in body_lone_names
                and last in body_lone_names
                and first not in body_full_name_words
                and not {first, last} & place_names()
                and last.lower() not in _WORK_WORDS | _NON_PERSON_WORDS
            ]
        for core, full_name in found:
            in_headline.add(full_name)
            for key in {core[-1], core[0]}:
                full.setdefault(key, []).append((-1, full_name))
    # Who holds which role, in reading order: "Sheriff Bob Gualtieri", "Bob Gualtieri, the
    # county sheriff,", "neighbor Sharon Williams": "the sheriff said" is Gualtieri.
    holders: dict[str, list[tuple[int, str]]] = {}
    for name in raw:
        if len(name.core) >= 2 and not name.is_org:
            for key in {name.core[-1], name.core[0]}:
                full.setdefault(key, []).append((name.start, name.full_name))
            # The title's head, its last word, is the role: "Attorney General Jeff
            # Sessions" is no one's attorney, "Deputy Director David Bowdich" is "the
            # director"; "Comedian Amy Schumer" is not who "the 87-year-old comedian" is
            # later.
            roles = [
                w.lower().rstrip(".")
                for w in name.text[: -len(name.full_name)].split()[-1:]
                if w.lower() not in _DESCRIBING_WORDS
            ]
            role_before = _GENDER_BEFORE.search(body, max(0, name.start - 20), name.start)
            role_after = _ROLE_APPOSITIVE.match(body, name.end, min(len(body), name.end + 80))
            roles += [m.group(1).lower() for m in (role_before, role_after) if m]
            for role in roles:
                role = _ROLE_SYNONYMS.get(role, role)
                holders.setdefault(role, []).append((name.start, name.full_name))
        elif len(name.core) == 1 and name.titled:
            titled.add(name.core[0])
    surname_uses = _SurnameUses(full, in_headline)  # `full` is built: read from here on
    for name in raw:
        if len(name.core) == 1 and name.titled and not name.is_org:
            # "President Trump delayed ...", later "French President Emmanuel Macron", then
            # "the president has also justified": a surname under a title holds that role
            # too (as the full name it stands for), else the last full holder answers.
            title = name.text[: -len(name.full_name)].split()[-1:]
            role = title[0].lower().rstrip(".") if title else ""
            if role and role not in _DESCRIBING_WORDS and not _gender_of_word(role):
                holder = surname_uses.read(full.get(name.core[0], [])).last_before(name.start)
                holder = holder if holder is not None else name.full_name
                role = _ROLE_SYNONYMS.get(role, role)
                bisect.insort(holders.setdefault(role, []), (name.start, holder))
    quoted_starts = [s for s, _ in quoted]

    def inside_quote(offset: int) -> bool:
        k = bisect.bisect_right(quoted_starts, offset) - 1
        return k >= 0 and offset < quoted[k][1]

    # Organisations named in several words, by their last word: "Montemar" is "CD Montemar".
    org_names = {
        n.core[-1]: _LEADING_HYPHENED.sub("", n.text) for n in raw if n.is_org and len(n.core) >= 2
    }
    # ... and those whose name has "of", "for" or "and" in it, which the capitalised runs
    # cut: "the service" is the "U.S. Fish and Wildlife Service".
    # (One scan of the body for such names: `_initialisms` reads the same list.)
    org_runs = _ORG_RE.findall(body)
    for org_run in org_runs:
        words = org_run.split()
        if (
            len(words) >= 3
            # Not over a sentence's stop: "a probe to Jupiter. ¶ Vice Director of China's
            # National Space Administration" (issue 16, seventeenth pass: "the paper
            # said" resolved to that whole run on the news-please crawl).
            and _STOP_IN_RUN.search(org_run) is None
            and words[-1].lower() in _NON_PERSON_WORDS
            and ({"of", "for", "and", "&"} & set(words))
        ):
            org_names[words[-1]] = _org_name(org_run)
    acronyms = _initialisms(body, org_runs) | {
        m.group(2): _org_name(m.group(1))
        # (Every match ends in its tail: 3% of bodies hold one, and the others skip the
        # scan, which tries a name at every capital letter.)
        for m in (_ACRONYM.finditer(body) if _ACRONYM_TAIL.search(body) else ())
    }
    sentence_start_set = set(sentence_starts)
    gendered_alone = _gendered_alone(body, raw, sentence_starts, inside_quote, lower_words)
    # The surnames of several words the people of three words or more bear, by their words:
    # ("Wasserman", "Schultz") -> {"Debbie Wasserman Schultz"}.
    surname_of: dict[tuple[str, ...], set[str]] = {}
    for name in raw:
        if len(name.core) >= 3 and not name.is_org and name.core[0].lower() in first_names():
            for k in range(2, len(name.core)):
                surname_of.setdefault(tuple(name.core[-k:]), set()).add(name.full_name)
    mentions: list[_Mention] = []
    organisations: list[_RawName] = []  # what "the company" may stand for, in reading order
    # A bare surname that several people bear -> (where it was last read, whom it meant).
    bare_surname: dict[str, tuple[int, str]] = {}
    for name in raw:
        if len(name.core) == 1 and not name.titled and name.core[0] not in full:
            word = name.core[0]
            if word.lower() in lower_words or (
                name.start in sentence_start_set and word.endswith("s")
            ):
                continue  # a common word, capitalised: "Officials said", "Critics say"
        after_preposition = _AFTER_PREPOSITION.search(body, max(0, name.start - 16), name.start)
        if (
            not inside_quote(name.start)
            and _could_be_organisation(name, full, bool(after_preposition))
            # "Fonseca told the Associated Press": spoken to, so not whom "a company
            # spokesman" or "the company" stands for later.
            and not _TOLD_BEFORE.search(body, max(0, name.start - 16), name.start)
        ):
            organisations.append(name)
        if (
            after_preposition
            and after_preposition.group().startswith("with")
            and _WITH_SAYING.match(body, name.end)
        ):
            # "with Chairman Trey Gowdy saying he exhibited": the absolute construction
            # has the name speak.
            after_preposition = None
        if after_preposition:
            # "in Kent", "of the Union of Concerned Scientists": a place or an organisation,
            # never the subject of a verb (it still fed the name index above). A person
            # named there ("a fiery response from Fox") may still be who "he" is next.
            person = name.full_name if len(name.core) >= 2 and not name.is_org else None
            if len(name.core) == 1 and name.core[0] in full:
                person = full[name.core[0]][-1][1]
            if person:
                mentions.append(_Mention(name.start, name.end, person, True, oblique=True))
            continue
        resolved: str | None
        if len(name.core) == 1 and name.core[0].lower() in _CALENDAR:
            continue  # a day ("a statement late Tuesday saying"): no one to speak
        if not name.core:
            resolved, is_person = None, False
        elif name.is_org and not (
            # "Park said" after "Park Soo-hyun": a bare organisation word that a person's
            # full name of the article holds is that person.
            len(name.core) == 1
            and name.core[0] in full
            and name.core[0].lower() in _NON_PERSON_WORDS
            and not name.titled
        ):
            # "FWS" is the "U.S. Fish and Wildlife Service" the article names.
            # ("the California-based Aerospace Corporation" is the Aerospace Corporation.)
            org_text = _LEADING_HYPHENED.sub("", name.text)
            resolved, is_person = acronyms.get(org_text, org_text), False
        elif len(name.core) >= 2:
            # "Wasserman Schultz said" after "Debbie Wasserman Schultz": a surname of
            # several words (no first name leads it) is the one person whose full name
            # ends with it (issue 16, twelfth pass).
            longer = (
                surname_of.get(tuple(name.core), set())
                if name.core[0].lower() not in first_names()
                else set()
            )
            resolved = next(iter(longer)) if len(longer) == 1 else name.full_name
            is_person = True
        else:
            name_uses = full.get(name.core[0], []) or surname_uses.apostrophe(name.core[0])
            title_gender = _gender_of_word(name.text.split()[0].rstrip("."))
            if not title_gender and surname_uses.read(name_uses).distinct > 1:
                # "Trump said ... he added" with Donald and Melania Trump named: the first
                # he/she after a bare surname shared by several people tells which one.
                k = bisect.bisect_right(sentence_starts, name.start)
                stop = sentence_starts[k + 1] if k + 1 < len(sentence_starts) else len(body)
                cue = _GENDERED_PRONOUN.search(body, name.end, stop)
                title_gender = _gender_of_word(cue.group()) if cue else None
            if (
                title_gender
                and surname_uses.read(name_uses).distinct == 1
                and name_uses[0][1].split()[0].lower() not in first_names()
                and any(n.titled and n.core == name.core and n.start < name_uses[0][0] for n in raw)
            ):
                # "President Trump assailed ..." long before "the first lady, Melania
                # Trump": a titled surname the article wrote on its own before the one full
                # name with it is another person ("Mr. Trump wrote" is not Melania), unless
                # her first name is known to fit.
                name_uses = []
            if title_gender and surname_uses.read(name_uses).distinct > 1:
                # "Mr. Cruz" with Ted and Heidi Cruz named: the one whose first name fits.
                gendered = [
                    (start, full_name)
                    for start, full_name in name_uses
                    if first_names().get(full_name.split()[0].lower(), title_gender) == title_gender
                ]
                # (A first name known to fit before one of unknown gender.)
                known = [
                    u
                    for u in gendered
                    if first_names().get(u[1].split()[0].lower()) == title_gender
                ]
                name_uses = known or gendered or name_uses
            uses = surname_uses.read(name_uses).in_headline_first()
            name_uses = uses.uses
            # whom the surname's last use before it named (None: no use before it)
            resolved = uses.last_before(name.start)
            if uses.distinct_before(name.start) > 1 and not title_gender:
                earlier = [full_name for start, full_name in name_uses if start < name.start]
                # "Uma Thurman ... Her father, Robert Thurman, is a professor. ... Thurman
                # told the Times": a relative introduced by the kinship word before him is
                # not whom the bare surname means next; the one named before him is.
                kin = {
                    full_name
                    for start, full_name in name_uses
                    if start < name.start and _KIN_BEFORE.search(body, max(0, start - 24), start)
                }
                others = [n for n in earlier if n not in kin]
                if others and earlier[-1] in kin:
                    earlier = others
                resolved = earlier[-1]
            if resolved is None:
                resolved = name_uses[0][1] if name_uses else None
            last = bare_surname.get(name.core[0])
            if (
                not title_gender
                and last is not None
                and last[1] != resolved
                and not uses.any_between(last[0], name.start)
            ):
                # A bare surname shared by several people keeps the one it stood for last
                # until the article writes another full name with it.
                resolved = last[1]
            if resolved is not None and surname_uses.read(full.get(name.core[0], [])).distinct > 1:
                bare_surname[name.core[0]] = (name.start, resolved)
            # "Michelle said": a lone first name that tells a gender is a person's; not a
            # city or state of the gazetteer that is a first name too ("a packed Orlando
            # nightclub" was whom "the presumptive Republican nominee" stood for; issue
            # 16, fifteenth pass).
            is_person = (
                resolved is not None
                or name.core[0] in titled
                or (
                    bool(first_names().get(name.core[0].lower()))
                    and not (
                        name.core[0] in place_names(("state", "city"))
                        and _attributive(body, name.end)
                    )
                )
                # "Kim declared his nuclear force complete": an article that only ever
                # writes "Kim" still tells he is a person.
                or name.core[0] in gendered_alone
            )
            resolved = resolved or org_names.get(name.core[0], name.core[0])
        mentions.append(
            _Mention(name.start, name.end, resolved, is_person, possessive=name.possessive)
        )
    before = _NamedBefore(organisations)
    for match in _ORG_DESCRIPTION.finditer(body):
        # "the club said": the organisation named last before, preferring one whose name
        # has the noun ("the committee" -> "Monetary Policy Committee"), then one named in
        # several words ("the agency": "Fish and Wildlife Service", not "Obama").
        named = before.ending_in(-1, match.start())[-30:]
        head = match.group(1).lower()
        # (Also one the article calls so in an appositive: "according to the American
        # Trucking Associations, an industry group. ... the group says" is not the SITE
        # Intelligence Group named before it; issue 16, twenty-first pass.)
        fitting = [
            n
            for n in named
            if head in (w.lower() for w in n.core)
            or (
                (described := _ROLE_APPOSITIVE.match(body, n.end, n.end + 80)) is not None
                and described.group(1) == head
            )
        ]
        long_names = [n for n in named if len(n.core) >= 2]
        if fitting or named:
            chosen = (fitting or long_names or named)[-1]
            org = org_names.get(chosen.core[-1], chosen.text)
            org = acronyms.get(org, org)
            mentions.append(_Mention(match.start(), match.end(), org, is_person=False))
    spokes: list[_Mention] = []  # someone speaking for an organisation: the organisation
    people_named = {person for uses in full.values() for _, person in uses}
    for pattern in (_SPOKES_BEFORE, _SPOKES_FOR):
        for match in _finditer(pattern, body):
            said: str = match.group(1)
            said_end: int = match.end()
            cut = next(
                (
                    m
                    for m in _SENTENCE_STOP.finditer(said)
                    if m.group(1).lower() not in _ABBREVIATION_WORDS  # "Sen. Ed Markey"
                ),
                None,
            )
            if cut and pattern is _SPOKES_FOR:
                # "an organiser with the Industrial Workers Alliance.\n\nHalvorsen Plastics
                # said": the name ends with its sentence; the next one's subject is its own.
                said, said_end = said[: cut.end(1)], match.start(1) + cut.end(1)
            org = _org_name(said)
            words = org.split()
            if (
                (len(words) == 1 and org in full)
                or org in people_named
                or words[0].lower() in _NOT_NAMES
            ):
                continue  # "a spokesman for Davis" speaks for a person, not an organisation
            spokes.append(
                _Mention(match.start(), said_end, acronyms.get(org, org), is_person=False)
            )
    spokes += _office_mentions(body, organisations)
    # The names inside "a spokesperson for the U.S. Fish and Wildlife Service" are part of
    # it, not subjects of their own ("Wildlife Service said"), and so are those inside
    # "the Marion County Sheriff's Office".
    inside_spokes = _Spans(spokes)
    mentions = [m for m in mentions if not inside_spokes.hold(m)] + spokes
    for match in _finditer(_SPOKES_BARE, body):
        named = before.ending_in(match.start() - 400 - 1, match.start())
        if named and len(named[-1].core) >= 1:
            org = org_names.get(named[-1].core[-1], _org_name(named[-1].text))
            # "The National Institutes of Health ... a spokesman said": the whole name the
            # capitalised run was cut from at "of".
            # (Matches starting past the name cannot hold it: the search stops there.)
            whole = [
                _org_name(m.group(1))
                for m in _starting_by(
                    _ORG_RE.finditer(body, max(0, named[-1].start - 80)), named[-1].start
                )
                if m.start(1) <= named[-1].start
                and named[-1].end <= m.end(1)
                and m.start(1) < named[-1].end + 80
            ]
            # (Not past a full stop: "Suburban Hospital. The National Institutes".)
            whole = [w.split(". ")[-1] for w in whole]
            whole = [_org_name(w) for w in whole]
            if whole and len(whole[0]) > len(org) and org in whole[0]:
                org = whole[0]
            mentions.append(
                _Mention(match.start(), match.end(), acronyms.get(org, org), is_person=False)
            )
    pronouns = (
        [
            _Mention(m.start(), m.end(), None, is_person=True, is_pronoun=True)
            for m in _PRONOUN.finditer(body)
        ]
        + [  # marked possessive: resolved only through the role's named holder
            _Mention(m.start(), m.end(), None, is_person=True, is_pronoun=True, possessive=True)
            for m in _POSSESSIVE_ROLE.finditer(body)
        ]
        + [  # "it said": an organisation, resolved below
            _Mention(m.start(), m.start() + 2, None, is_person=False, is_pronoun=True)
            for m in _IT_SAID.finditer(body)
        ]
    )
    mentions = sorted(
        (m for m in mentions + pronouns if not inside_quote(m.start)), key=lambda m: m.start
    )
    genders = _genders(body, mentions, sentence_starts, inside_quote)
    # The people each sentence names so far: its subject first, those named in the
    # possessive last ("Then there was Sen. Bob Menendez's response. He accused ...").
    people: dict[int, list[str]] = {}
    possessives: dict[int, list[str]] = {}
    speaking: dict[int, str] = {}  # sentence -> the person or organisation it has speak
    subordinate: dict[int, set[str]] = {}  # sentence -> names in its leading "as ..." clause
    orgs: dict[int, list[str]] = {}  # sentence -> organisations it names, not after "in"/"of"
    resolved_mentions = []
    oblique_mentions: list[_Mention] = []  # ("a spokesperson for Kestrel Airways told")
    named_count = Counter(m.name for m in mentions if m.name and not m.is_pronoun)
    sentence_ends = sentence_starts[1:] + [len(body)]
    mention_starts = [m.start for m in mentions]
    so_far = _NamedSoFar(people, possessives, genders)
    role_holders = _RoleHolders(holders, named_count, body)
    unnamed_openings = _UnnamedOpenings(body, sentence_starts)
    for mention in mentions:
        sentence = bisect.bisect_right(sentence_starts, mention.start) - 1
        word = body[mention.start : mention.end].split()[-1].lower()
        if (
            not mention.is_pronoun
            and sentence >= 0
            and _SHORT_QUESTION.fullmatch(body, sentence_starts[sentence], sentence_ends[sentence])
        ):
            # "Governor Christie? “Strong,” he said.": a name asked about in an interview's
            # question list is never its answer's subject, nor whom "he" stands for.
            continue
        if mention.is_pronoun and word == "it":
            # "The European Commission said ... “...,” it said in a statement": the
            # organisation that spoke, or was the first named, in this sentence or the
            # one before.
            spoke = speaking.get(sentence, speaking.get(sentence - 1))
            if spoke is None or spoke in genders:
                # (Back past the sentences of a quote, which name no one outside its
                # marks: "The State Department confirmed ... “We express ... tragedy. We
                # are in contact ...,” it said.")
                spoken_for = next(
                    (orgs[k] for k in range(sentence, sentence - 4, -1) if orgs.get(k)), None
                )
                spoke = spoken_for[0] if spoken_for else None
            if spoke is not None:
                resolved_mentions.append(
                    _Mention(mention.start, mention.end, spoke, False, is_pronoun=True)
                )
            continue
        if (
            not mention.is_person
            and not mention.is_pronoun
            and mention.name
            and not mention.possessive
            and not mention.oblique
        ):
            orgs.setdefault(sentence, []).append(mention.name)
        if mention.is_pronoun and word == "they":
            # "A London Fire Brigade spokesman said ... “...,” they added": an organisation
            # that spoke in this sentence or the one before.
            spoke = speaking.get(sentence, speaking.get(sentence - 1))
            if spoke is not None and spoke not in genders:
                mention = _Mention(mention.start, mention.end, spoke, False, is_pronoun=True)
                resolved_mentions.append(mention)
                continue
        role = _ROLE_SYNONYMS.get(word, word)
        held = role_holders.before(role, mention.start)  # who held the role before
        if mention.is_pronoun and mention.possessive:
            # "Paulding County Sheriff's spokesperson Ashley Hensen": the name right after
            # the role holds it, though the article names it there first.
            after = role_holders.right_after(role, mention.end)
            role_holder = after[-1] if after else held.last()
            resolved_mentions.append(
                _Mention(mention.start, mention.end, role_holder, True, is_pronoun=True)
            )
            continue
        if mention.is_pronoun and held and word not in ("he", "she", "they"):
            # "the sheriff said": the last person named with that role; of several, the
            # one the article names most ("the president" of a story about President Trump
            # that names French President Emmanuel Macron once is still Trump).
            mention = _Mention(mention.start, mention.end, held.main(), True, is_pronoun=True)
        elif mention.is_pronoun:
            want = _gender_of_word(word)
            # The names of this sentence so far (None: it names no one); those of the
            # sentences before are read through `so_far`.
            current = so_far.names(sentence)
            participle = _PARTICIPLE_LEAD.match(body, sentence_starts[max(sentence, 0)])
            if participle and mention.start >= participle.end() and current:
                # "Asked about Obama, he said", "Saying President Obama, he said, was ...":
                # the opening participle's subject is the pronoun's, so no one it names is
                # who the pronoun is.
                # (Up to the pronoun when a comma sets it off: "Citing the agreement with
                # Iran, which Mr. Netanyahu opposed, and the military, he said".)
                lead_end = (
                    mention.start
                    if body[max(0, mention.start - 4) : mention.start].rstrip().endswith(",")
                    else participle.end()
                )
                in_lead = {
                    m.name
                    for m in mentions[
                        bisect.bisect_left(mention_starts, sentence_starts[sentence]) : (
                            bisect.bisect_left(mention_starts, lead_end)
                        )
                    ]
                    if m.name
                }
                kept = [n for n in current if n not in in_lead]
                current = kept or None
            named_before = so_far.earlier(sentence, current)
            last_named = next(iter(named_before), (sentence, []))[0]
            unnamed = word in ("he", "she", "they") and unnamed_openings.any_in(
                last_named + 1, sentence + 1
            )
            antecedent = None if unnamed else _antecedent(named_before, sentence, want, genders)
            if (
                role in _PROXY_ROLES
                and antecedent is not None
                and not _named_in_role(body, antecedent, role)
            ):
                # "the spokesperson said" with no one named in that role: someone speaking
                # for another, never the person the last sentence was about (the crawl's
                # Weinstein statement; issue 16, round 20). "Park Soo-hyun, the spokesman
                # for ...": he is named in the role, and stays who it means.
                antecedent = None
            maker: _Mention | None = None
            if role == "statement":
                # "the statement said": whoever the sentences before name beside the word
                # "statement" ("said Rabbi Jonathan Blake in a statement", "In a statement,
                # Backroads spokeswoman Liz Einbinder said"), else no one; never the last
                # sentence's subject ("Model Chrissy Teigen said in a tweet ... “...,” the
                # statement said" was the airline's; issue 16, twenty-first pass).
                maker = _statement_maker(
                    body,
                    resolved_mentions + oblique_mentions,
                    sentence,
                    mention.start,
                    sentence_starts,
                    inside_quote,
                )
                antecedent = maker.name if maker is not None else None
            if word == "they" and antecedent in genders:
                # "sending the letter to Harry Reid warning him ... “...,” they wrote": a
                # plural is not one man or one woman (issue 16, twelfth pass).
                antecedent = None
            mention = _Mention(
                mention.start,
                mention.end,
                # "A woman who lives across the street ... described the family as ...
                # “...,” she said": someone the article does not name came in between.
                antecedent,
                # (An organisation's statement stands for no person.)
                maker.is_person if maker is not None else True,
                is_pronoun=True,
            )
        speaks = (
            mention.name is not None
            and not mention.possessive
            and not mention.oblique
            and (
                _SPEAKS_NEXT.match(body, mention.end) is not None
                # "Kim seems likely to ..., said Nam Sung-wook, a North Korea expert.
                # “...,” he said": the inverted attribution's name is who speaks.
                or (
                    not mention.is_pronoun
                    and _SAID_BEFORE_NAME.search(body, max(0, mention.start - 40), mention.start)
                    is not None
                    # (The sentence ends there, perhaps past an appositive: "..., said
                    # Trump “put forth ...”" has Trump as the subject of what was said.)
                    and _ENDS_AFTER_NAME.match(body, mention.end) is not None
                )
            )
        )
        if speaks:
            speaking.setdefault(sentence, mention.name)  # type: ignore[arg-type]
        if mention.is_person and mention.name and not mention.possessive and not mention.oblique:
            # The one the sentence has speak is who it is about: "Taiye Ajibola ... was
            # “very anxious”, Ms Okesola said" is about Ms Okesola.
            in_sentence = people.setdefault(sentence, [])
            so_far.note(sentence)
            first_speaks = bool(in_sentence) and in_sentence[0] == speaking.get(sentence)
            in_sentence.insert(0 if speaks and not first_speaks else len(in_sentence), mention.name)
            lead = _LEADING_CLAUSE.match(body, sentence_starts[max(sentence, 0)])
            if lead and mention.start < lead.end() and len(in_sentence) == 1:
                # "As police sought Walker, Doreen Walker woke up ... She turned on the
                # TV": who a leading "as"/"when" clause names is not the sentence's
                # subject, which comes after it.
                subordinate.setdefault(sentence, set()).add(mention.name)
            elif subordinate.get(sentence) and in_sentence[0] in subordinate[sentence]:
                in_sentence.remove(mention.name)
                in_sentence.insert(0, mention.name)
        elif (
            mention.is_person
            and mention.name
            and (mention.oblique or _POSSESSED_WORDS.match(body, mention.end))
        ):
            # "Menendez's response": the sentence is about him; "Strzok's lawyer" is not.
            possessives.setdefault(sentence, []).append(mention.name)
            so_far.note(sentence)
        if not mention.oblique:
            resolved_mentions.append(mention)
        else:
            oblique_mentions.append(mention)
    return resolved_mentions, genders


# How many sentences (opening outside quotes) before "the statement said" the statement
# is looked for.
_STATEMENT_REACH = 4
_STATEMENT_WORD = re.compile(r"\bstatement\b")
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
# "the statement said" beside a quote (before it in its clause, or right after it): with
# no issuer named, the words are no one's, whoever the ranker finds named near them.
_STATEMENT_SAID = (
    r"\b[Tt]he\s+statement\s+(?:also\s+|later\s+)?(?:said|says|added|adds|read|reads"
    r"|stated|continued|concluded|explained|noted|stressed)\b"
)
_STATEMENT_BEFORE = re.compile(_STATEMENT_SAID + r"[^.;“”\"]*$")
_STATEMENT_AFTER = re.compile(r"[\s,]*" + _STATEMENT_SAID)


def _statement_maker(
    body: str,
    mentions: list[_Mention],
    sentence: int,
    end: int,
    sentence_starts: list[int],
    inside_quote: Callable[[int], bool],
) -> _Mention | None:
    """Who issued the statement that "the statement" at `end` (in sentence `sentence`)
    stands for: of the names of `mentions` (resolved) in the sentence of the last
    "statement" written outside quotes before `end`, back to the `_STATEMENT_REACH`-th
    sentence before that opens outside quotes (the sentences of the statement's own quote
    do not count), the one nearest that word; not one in the possessive ("Isiah's family
    released a statement" names no one who made it) nor one it was told to. None when
    the text names no statement there, or no one beside it."""
    k, outside = sentence, 0
    while k > 0 and outside < _STATEMENT_REACH:
        k -= 1
        outside += not inside_quote(sentence_starts[k])
    start = sentence_starts[max(k, 0)]
    # (Not another "the statement said": it names no one beside the word.)
    words = [
        m.start()
        for m in _STATEMENT_WORD.finditer(body, start, end)
        if not inside_quote(m.start())
        and not _THE_BEFORE.search(body, max(0, m.start() - 4), m.start())
    ]
    if not words:
        return None
    word = words[-1]
    k = bisect.bisect_right(sentence_starts, word) - 1
    lo = sentence_starts[k] if k >= 0 else 0
    hi = sentence_starts[k + 1] if k + 1 < len(sentence_starts) else len(body)
    near = [
        m
        for m in mentions
        if lo <= m.start < hi
        and m.name
        and not m.possessive
        and not m.start <= word < m.end
        # ("told HuffPost in a statement": whom it was given to.)
        and not _TOLD_BEFORE.search(body, max(0, m.start - 16), m.start)
    ]
    if not near:
        return None
    return min(near, key=lambda m: min(abs(m.start - word), abs(m.end - word)))


# "it said", "It also told reporters": an organisation speaking.
_IT_SAID = re.compile(
    r"[Ii](?<!\w[Ii])t\s+(?:also\s+|later\s+)?(?:said|says|added|stated|wrote|told|announced|noted"
    r"|warned|tweeted|insisted)\b"
)
# A sentence opening with a participle clause up to its comma: "Asked about Obama,",
# "Saying President Obama,", "Citing the report,".
_PARTICIPLE_LEAD = re.compile(
    r"\s*(?:Saying|Speaking|Talking|Citing|Calling|Noting|Referring|Responding|Replying"
    r"|Reacting|Addressing|Describing|Pointing|Arguing|Explaining|Commenting|Praising"
    r"|Critici[sz]ing|Defending|Blaming|Urging|Warning|Insisting|Acknowledging|Recalling"
    r"|Echoing|Quoting|Thanking|Asked|Pressed|Told|Questioned|Challenged|Interviewed)"
    r"\s[^,;:“”\"\n]{1,120},"
)
# A sentence opening with a subordinate clause up to its comma: "As police sought Walker,".
_LEADING_CLAUSE = re.compile(
    r"\s*(?:As|When|While|After|Before|Since|If|Although|Though|Because|Once|Until)\s"
    r"[^,;:“”\"\n]{1,120},"
)


class _Held:
    """The first `n` holders of a role (`entries`: (start, name) in reading order), read
    as a list would be, without copying it per mention."""

    def __init__(self, holders: _RoleHolders, role: str, entries: list[tuple[int, str]], n: int):
        self.holders, self.role, self.entries, self.n = holders, role, entries, n

    def __bool__(self) -> bool:
        return self.n > 0

    def last(self) -> str | None:
        return self.entries[self.n - 1][1] if self.n else None

    def main(self) -> str:
        """`_main_holder` of these holders' names (there is one at least)."""
        named_count = self.holders.named_count
        if self.entries is not self.holders.holders.get(self.role):  # a filtered copy
            return _main_holder([n for _, n in self.entries[: self.n]], named_count)
        last = self.entries[self.n - 1][1]
        best = self.holders.best(self.role)[self.n]
        return best if named_count[best] >= 2 * max(named_count[last], 1) else last


class _RoleHolders:
    """Who holds which role (`holders`: role -> (start, full name), in reading order),
    read at each role word: those named before it, or right after it. The starts are
    bisected (each "the sheriff said" of a long body read every holder of the role, and
    `_main_holder` searched the list for each of them: 2.8 s for 300 KB; issue 14)."""

    def __init__(
        self, holders: dict[str, list[tuple[int, str]]], named_count: Counter[str], body: str
    ) -> None:
        self.holders, self.named_count, self.body = holders, named_count, body
        self.starts = {role: [start for start, _ in found] for role, found in holders.items()}
        # (in reading order as built; were one not, it is read by the scan it replaces)
        self._ordered = {
            role: all(a <= b for a, b in zip(starts, starts[1:], strict=False))
            for role, starts in self.starts.items()
        }
        self._best: dict[str, list[str]] = {}

    def before(self, role: str, offset: int) -> _Held:
        """The holders named before `offset`: `[n for start, n in holders[role] if start <
        offset]`."""
        found = self.holders.get(role)
        if not found:
            return _Held(self, role, [], 0)
        if not self._ordered[role]:
            kept = [(start, n) for start, n in found if start < offset]
            return _Held(self, role, kept, len(kept))
        return _Held(self, role, found, bisect.bisect_left(self.starts[role], offset))

    def right_after(self, role: str, offset: int) -> list[str]:
        """The holders named at `offset` or past blanks only: `[n for start, n in
        holders[role] if start >= offset and not body[offset:start].strip()]`."""
        found = self.holders.get(role, [])
        if not found:
            return []
        if not self._ordered[role]:
            return [
                n for start, n in found if start >= offset and not self.body[offset:start].strip()
            ]
        reach = offset
        while reach < len(self.body) and self.body[reach].isspace():
            reach += 1
        starts = self.starts[role]
        return [
            n
            for _, n in found[
                bisect.bisect_left(starts, offset) : bisect.bisect_right(starts, reach)
            ]
        ]

    def best(self, role: str) -> list[str]:
        """Per n, the name `max(held, key=(named_count, held.index))` picks of the first n
        holders of `role` (a name first held at a later place wins a tie)."""
        if role not in self._best:
            best: list[str] = [""]
            key = (-1, -1)
            seen: set[str] = set()
            for i, (_, name) in enumerate(self.holders[role]):
                if name not in seen:
                    seen.add(name)
                    if (self.named_count[name], i) > key:
                        key = (self.named_count[name], i)
                        best.append(name)
                        continue
                best.append(best[-1])
            self._best[role] = best
        return self._best[role]


def _main_holder(held: list[str], named_count: Counter[str]) -> str:
    """Of the people who held a role before ("the president"), in reading order: the one
    named at least twice as often as the last holder, else the last holder."""
    last = held[-1]
    best = max(held, key=lambda n: (named_count[n], held.index(n)))
    return best if named_count[best] >= 2 * max(named_count[last], 1) else last


class _Earlier:
    """The sentences up to a pronoun's that name someone, closest first, with their names
    (subject first): `current` (the pronoun's own sentence, None when it names no one)
    then the `before` sentences of `named` back to the start; `unknown_subject`: the
    subject of the closest of them whose gender the article does not tell."""

    def __init__(
        self, named: _NamedSoFar, sentence: int, before: int, current: list[str] | None
    ) -> None:
        self.named, self.sentence, self.before, self.current = named, sentence, before, current

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        if self.current is not None:
            yield self.sentence, self.current
        for i in range(self.before - 1, -1, -1):
            k = self.named.sentences[i]
            yield k, self.named.names_before(k)

    def unknown_subject(self) -> str | None:
        if self.current is not None and self.current[0] not in self.named.genders:
            return self.current[0]
        return self.named.unknown_subject()


class _NamedSoFar:
    """The people each sentence names so far (`people`: subject first; then `possessives`)
    as the pronouns read them, in reading order. What a map {sentence: people + possessives}
    built afresh at each pronoun gave, read back only as far as each pronoun looks: a body
    of 6,000 sentences each naming someone with a "he" took 6.7 s, quadratic (issue 14).

    A sentence before the pronoun's no longer changes (mentions come in reading order), so
    the subjects of unknown gender are listed once per sentence (`unknown_subject`)."""

    def __init__(
        self,
        people: dict[int, list[str]],
        possessives: dict[int, list[str]],
        genders: dict[str, str],
    ) -> None:
        self.people, self.possessives, self.genders = people, possessives, genders
        self.sentences: list[int] = []  # the keys of people | possessives, ascending
        self._unknown: list[int] = []  # settled sentences whose subject's gender is unknown
        self._settled = 0  # self.sentences[: self._settled] are read into self._unknown

    def note(self, sentence: int) -> None:
        """`sentence` (that of the mention being read) has a key in people or possessives."""
        if not self.sentences or self.sentences[-1] != sentence:
            self.sentences.append(sentence)

    def names_before(self, k: int) -> list[str]:
        return self.people.get(k, []) + self.possessives.get(k, [])

    def names(self, sentence: int) -> list[str] | None:
        """The names of `sentence` so far, None when it has none."""
        if sentence in self.people or sentence in self.possessives:
            return self.names_before(sentence)
        return None

    def earlier(self, sentence: int, current: list[str] | None) -> _Earlier:
        """The sentences up to `sentence` naming someone, `current` standing for its own."""
        before = bisect.bisect_left(self.sentences, sentence)
        while self._settled < before:
            k = self.sentences[self._settled]
            if self.names_before(k)[0] not in self.genders:
                self._unknown.append(k)
            self._settled += 1
        return _Earlier(self, sentence, before, current)

    def unknown_subject(self) -> str | None:
        """The subject of unknown gender of the closest sentence before the one last passed
        to `earlier`."""
        return self.names_before(self._unknown[-1])[0] if self._unknown else None


class _UnnamedOpenings:
    """Which sentences open on someone the article does not name (`_UNNAMED_OPENING`),
    each sentence matched once, as far as asked."""

    def __init__(self, body: str, sentence_starts: list[int]) -> None:
        self.body, self.sentence_starts = body, sentence_starts
        self.found: list[int] = []
        self.read = 0  # sentences [0, read) are matched

    def any_in(self, first: int, stop: int) -> bool:
        """Whether one of the sentences [first, stop) opens on someone unnamed."""
        while self.read < stop:
            if _UNNAMED_OPENING.match(self.body, self.sentence_starts[self.read]):
                self.found.append(self.read)
            self.read += 1
        at = bisect.bisect_left(self.found, first)
        return at < len(self.found) and self.found[at] < stop


def _antecedent(
    people: _Earlier, sentence: int, want: str | None, genders: dict[str, str]
) -> str | None:
    """Who a pronoun or role word in `sentence` stands for, given the people named before
    it (`people`: sentence -> names in reading order, subject first) and the gender it asks
    for (`want`: "m", "f" or None).

    In news prose the subject of the last sentence is who "he" is far more often than the
    last name read, so: the closest sentence's subject unless the article tells it is of
    the other gender; else, within _PRONOUN_REACH sentences, the first person of that
    gender met going back (subjects before the others of their sentence): "Tom Brandt
    said ... she said" goes back to Ann Lee; else the closest subject of unknown gender,
    else the closest subject.
    """
    earlier = iter(people)
    first = next(earlier, None)
    if first is None:
        return None
    closest = first[1][0]
    if want is None:
        return closest
    # "Chicago Cubs shortstop Addison Russell smiled. ... he said": not the team, whose
    # name has no first name, but the one named like a person (of no known gender either).
    if closest not in genders and closest.split()[0].lower() not in first_names():
        for name in first[1][1:]:
            if name not in genders and name.split()[0].lower() in first_names():
                return name
    if genders.get(closest, want) == want:
        return closest
    for k, names in itertools.chain([first], earlier):
        if k < sentence - _PRONOUN_REACH:
            break
        for name in names:
            if genders.get(name) == want:
                return name
    unknown = people.unknown_subject()
    return unknown if unknown is not None else closest


# A sentence that opens on someone the article does not name ("A woman who lives across
# the street", "One neighbor", after at most a short introductory phrase; "An Aptos woman",
# a place's word before the noun, since issue 16's tenth pass).
_UNNAMED_OPENING = re.compile(
    r"\s*(?:[A-Z][^,;:.“”\"]{0,40},\s*)?(?:A|An|One|Another)\s+(?:[A-Za-z][\w-]*\s+){0,3}?"
    r"(?:woman|man|neighbou?r|resident|witness|friend|relative|student|teacher|mother|father"
    r"|girl|boy|source|employee|worker|customer|cousin|aunt|uncle|person|motorist|driver"
    r"|passenger|bystander|user|reader|parent)\b"
)


# A speech verb right after a name, perhaps past an adverb or a short appositive.
_SPEAKS_NEXT = re.compile(
    r"(?:\s*,[^,;“”\"]{1,80},)?\s+(?:\w+ly\s+|also\s+|then\s+|later\s+)?(?:"
    + "|".join(sorted(_SPEECH_VERBS, key=len, reverse=True))
    + r")\b"
)
_POSSESSED_WORDS = re.compile(
    r"['’]s\s+(?:[a-z]+\s+)?(?:response|statement|remarks|comments?|tweets?|message|letter"
    r"|speech|post|reply|interview|testimony|answer|announcement|words|account|view|reaction)\b"
)
# An inverted attribution ending a sentence: ", said analyst" right before a name (not
# past a preposition: ", said the mother of Jane Doe" is the mother).
_SAID_BEFORE_NAME = re.compile(
    r"[,”\"]\s*(?:said|says|added|adds|wrote|writes|explained|noted|continued)\s+"
    r"(?:(?!(?:of|for|to|by|at|in|on|with|about|that|from)\s)[a-z0-9-]+\s+){0,3}$"
)
# A verbless question of a few capitalised words ("Governor Christie?", "And Mr.
# Gingrich?"), a sentence of its own.
_SHORT_QUESTION = re.compile(r"\s*(?:And\s+|Or\s+)?(?:[A-Z][\w.'’-]*\s+){0,5}[A-Z][\w.'’-]*\?\s*")
_ENDS_AFTER_NAME = re.compile(r"\s*(?:\.|,\s+(?:a|an|the|who|his|her|its)\b)")
# How many sentences back a pronoun looks for a subject of its gender.
_PRONOUN_REACH = 6


def _genders(
    body: str,
    mentions: list[_Mention],
    sentence_starts: list[int],
    inside_quote: Callable[[int], bool],
) -> dict[str, str]:
    """The gender ("m" or "f") of the people named in `body`, as the article tells it: a
    title or role word before a mention ("Mrs", "spokeswoman Ann Lee"), a family or role
    noun in an appositive after it ("Marisa Melendez, the boy's aunt"), the first name
    (lexicons/first_names.toml, US baby names given 95% to one sex), and the he/she
    pronouns (outside quotes) after the name in a sentence where that person is the only
    one named. A title or role word written with the first name beats the first name;
    so does the "he said" after a quote for the subject before it, where the first name is
    all else that tells. People the article does not tell are left out."""
    votes: dict[str, list[int]] = {}  # name -> [masculine, feminine]
    # Issue 16 (H16): the same from a title or role word the article writes (not a
    # pronoun that happens to follow the name), which beats the first-name lexicon.
    told: dict[str, list[int]] = {}
    said: dict[str, list[int]] = {}  # the he/she that says who spoke (see below)
    evidenced: set[str] = set()  # names the article tells of besides their first name

    def vote(name: str | None, word: str, weight: int, outright: bool = False) -> None:
        """`word`: a word that tells a gender, or (weight 2) the first-name lexicon's
        gender; `outright`: said outright (a title or role word, or the pronoun that says
        who spoke; not a pronoun that happens to follow: "Griffin, he said") of a mention
        that writes the first name, or of a name without one ("Mr. Biden" resolved to
        Joseph R. Biden may be Jill)."""
        gender = word or None if weight == 2 else _gender_of_word(word)
        if gender and name:
            votes.setdefault(name, [0, 0])[gender == "f"] += weight
            if outright:
                told.setdefault(name, [0, 0])[gender == "f"] += weight
            if weight != 2:
                evidenced.add(name)

    genders = first_names()
    people = [m for m in mentions if m.is_person and m.name and not m.is_pronoun]
    # Issue 16 (H16): "Mr. Trump" resolved to the one full name with that surname
    # ("Melania Trump") while a bare "Trump" or "the Trumps" names someone else: a mention
    # that does not write the first name tells its full name's gender only when no one
    # else in the article bears the surname.
    bearers: dict[str, set[str]] = {}
    for m in people:
        surname = m.name.split()[-1].removesuffix("s")  # type: ignore[union-attr]
        bearers.setdefault(surname, set()).add(m.name)  # type: ignore[arg-type]
    by_sentence: dict[int, set[str]] = {}
    for m in people:
        words = m.name.split()  # type: ignore[union-attr]
        if len(words) >= 2:
            vote(m.name, genders.get(words[0].lower(), ""), 2)
        sentence = bisect.bisect_right(sentence_starts, m.start) - 1
        by_sentence.setdefault(sentence, set()).add(m.name)  # type: ignore[arg-type]
        writes_first = len(words) < 2 or words[0] in body[m.start : m.end]
        if not writes_first and len(bearers[words[-1].removesuffix("s")]) > 1:
            continue
        before = _GENDER_BEFORE.search(
            body, max(0, m.start - 20), m.start
        ) or _GENDER_BEFORE_COMMA.search(body, max(0, m.start - 20), m.start)
        if before:
            vote(
                m.name,
                before.group(1),
                3,
                writes_first and before.group(1).lower() not in _GENDERED_PRONOUNS,
            )
        title = _WORD_TOKEN.match(body, m.start)  # the mention's own title: "Mrs Lee"
        if title:
            vote(m.name, title.group(), 3, writes_first)
        appositive = _GENDER_APPOSITIVE.match(body, m.end, min(len(body), m.end + 60))
        if appositive:
            vote(
                m.name,
                appositive.group(1),
                3,
                writes_first and appositive.group(1).lower() not in _GENDERED_PRONOUNS,
            )
    ends = sentence_starts[1:] + [len(body)]
    first_named: dict[int, int] = {}
    for m in people:
        first_named.setdefault(bisect.bisect_right(sentence_starts, m.start) - 1, m.end)
    for sentence, names in by_sentence.items():
        if len(names) != 1:
            continue
        (name,) = names
        for pronoun in _GENDERED_PRONOUN.finditer(body, first_named[sentence], ends[sentence]):
            if not inside_quote(pronoun.start()):
                vote(name, pronoun.group(), 1)
    # "Sen. Lindsey Graham suggested ... “You tweet ... at your own peril,” he said": the
    # he/she that says who spoke a quote, with no one named before it in its sentence,
    # is the subject of the closest sentence (at most 3 back) that names someone outside
    # quotes; it beats a first name that is all that tells that subject's gender (never
    # what the article says of it: "Adebayo Eze said his ribs ... “...,” she said").
    subjects: dict[int, _Mention | None] = {}  # sentence -> its first person named outside quotes
    for m in people:
        k = bisect.bisect_right(sentence_starts, m.start) - 1
        if not inside_quote(m.start) and k not in subjects:
            # ("He later praised his opponent, Hillary Clinton": a pronoun is the subject.)
            subjects[k] = None if _ANY_PRONOUN.search(body, sentence_starts[k], m.start) else m
    for pronoun in _SUBJECT_PRONOUN.finditer(body):
        at = pronoun.start(1)
        sentence = bisect.bisect_right(sentence_starts, at) - 1
        if inside_quote(at) or first_named.get(sentence, len(body)) < at:
            continue
        earlier = [k for k in subjects if k < sentence]
        if earlier and sentence - max(earlier) <= 3:
            subject = subjects[max(earlier)]
            if subject is None:
                continue
            name = subject.name or ""
            writes_first = name.split()[0] in body[subject.start : subject.end]
            gender = _gender_of_word(pronoun.group(1))
            if writes_first and gender and name in votes and name not in evidenced:
                said.setdefault(name, [0, 0])[gender == "f"] += 1
    # What the article says beats the first-name lexicon.
    return (
        {
            name: ("m" if male > female else "f")
            for name, (male, female) in votes.items()
            if male != female
        }
        | {
            name: ("m" if male > female else "f")
            for name, (male, female) in said.items()
            if male != female
        }
        | {
            name: ("m" if male > female else "f")
            for name, (male, female) in told.items()
            if male != female
        }
    )


# (`\b[A-Z]{2,6}\b` with its first capital read first, as _PRODUCT does.)
_CAPITALS_WORD = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]{1,5}\b")


def _initialisms(body: str, org_runs: list[str]) -> dict[str, str]:
    """Acronyms `body` uses, by the organisation whose initials they are: "FWS" and "USFWS"
    for the "U.S. Fish and Wildlife Service", "DOJ" for the "Department of Justice" (its
    small words' initials in or out); the longest name wins. `org_runs`: the names `_ORG`
    finds in `body`, in order (`_ORG_RE.findall(body)`, which `_mentions` reads too)."""
    words_used = set(_CAPITALS_WORD.findall(body))
    found: dict[str, str] = {}
    if not words_used:
        return found  # no acronym to expand (a third of BASIL's articles)
    for org_run in org_runs:
        name = _org_name(org_run)
        words = name.split()
        if len(words) < 2:
            continue
        big = [w for w in words if w[0].isupper()]
        variants = {
            "".join(w[0] for w in big),
            "".join(w[0].upper() for w in words),
            "".join(w[0] for w in big if w not in ("U.S.", "US", "UK", "U.K.")),
        }
        for acronym in variants & words_used:
            if len(acronym) >= 2 and len(name) > len(found.get(acronym, "")):
                found[acronym] = name
    return found


# (Compiled once: `_org_name` runs ~120 times per article.)
_LEADING_THE = re.compile(r"^(?:[Tt]he)\s+")
_TRAILING_POSSESSIVE = re.compile(r"['’]s$")


# A hyphened participle or "-based" before an organisation's name describes it: "the
# California-based Aerospace Corporation" is the Aerospace Corporation (issue 16,
# seventeenth pass: read on the news-please crawl as the speaker's whole name).
_LEADING_HYPHENED = re.compile(r"^(?:\S+-(?:[a-z]+ed|[a-z]+ing|based)\s+)+(?=[A-Z])")


# A place's possessive before an organisation's name: "Germany’s Süddeutsche Zeitung".
_LEADING_POSSESSOR = re.compile(r"^([A-Z][\w.-]*(?: [A-Z][\w.-]*)?)['’]s (?=[A-Z])")


def _org_name(text: str) -> str:
    """An organisation as named: whitespace collapsed, a leading "the", a leading hyphened
    participle ("California-based"), a leading place's possessive ("Germany’s") and a
    trailing possessive dropped."""
    name = " ".join(text.split())
    name = _LEADING_HYPHENED.sub("", _LEADING_THE.sub("", name))
    possessor = _LEADING_POSSESSOR.match(name)
    if possessor is not None and possessor.group(1) in place_names():
        name = name[possessor.end() :]
    return _TRAILING_POSSESSIVE.sub("", name)


# --- pass 3: attribution -----------------------------------------------------------------
_WORD_CHAR = re.compile(r"\w")


def _cut_word(body: str, start: int, end: int) -> int:
    """The start of the word (as `_WORD_START` reads one) that starts in [start, end) and
    runs on past `end`; -1 when there is none. `start < end <= len(body)`."""
    if end == len(body) or not _WORD_CHAR.match(body, end) or not _WORD_CHAR.match(body, end - 1):
        return -1
    at = end - 1
    while at > 0 and _WORD_CHAR.match(body, at - 1):
        at -= 1
    # (Begun before the span, or after a hyphen, it is no word the span reads.)
    return -1 if at < start or body[at - 1 : at] == "-" else at


@dataclass
class _Article:
    """A body with its mentions outside quotes (what a quote says names no speaker)."""

    body: str
    mentions: list[_Mention]
    starts: list[int]  # mention starts, for bisect
    _verbs_read: dict[tuple[int, int], list[re.Match[str]]] = field(
        default_factory=dict, repr=False
    )

    @cached_property
    def _verb_words(self) -> list[int]:
        """The starts of the body's words that may open an attribution verb (the words of
        `_VERB_FIRST_WORDS`), in order: read once per article."""
        return [
            w.start() for w in _WORD_START.finditer(self.body) if w.group() in _VERB_FIRST_WORDS
        ]

    def verbs_in(self, start: int, end: int) -> list[re.Match[str]]:
        """`list(_VERB.finditer(body, start, end))`, tried only
        at the body's verb words (`_verb_words`) in the span, and read once per span: the
        text right after a quote is read by `_attribute`, `_reports_someone_else` and
        `_said_by_someone_unnamed` alike. (Do not change the list returned.)"""
        found = self._verbs_read.get((start, end))
        if found is not None:
            return found
        found = self._verbs_read[start, end] = []
        body = self.body
        lo, hi = max(start, 0), min(end, len(body))
        if lo >= hi:
            return found
        # The span reads the word that runs on past its end only up to there ("saying" as
        # "say", a verb): that word is tried on its own, as the span cuts it.
        cut = _cut_word(body, lo, hi)
        words = self._verb_words
        last = lo
        for at in words[bisect.bisect_left(words, lo) : bisect.bisect_left(words, hi)]:
            if at != cut and at >= last and (verb := _VERB.match(body, at, hi)):
                found.append(verb)
                last = verb.end()
        if (
            cut >= last
            and body[cut:hi] in _VERB_FIRST_WORDS
            and (verb := _VERB.match(body, cut, hi))
        ):
            found.append(verb)
        return found

    def mentions_in(self, start: int, end: int) -> list[_Mention]:
        """The mentions lying within [start, end), in reading order."""
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return [m for m in self.mentions[lo:hi] if m.end <= end]


# A description subject ("a spokesman said"): there is an attribution, but no name.
_DESCRIPTION = _Mention(-1, -1, None, is_person=False)
_BY = re.compile(r"\s+by\b")
_WHICH_BEFORE = re.compile(r",\s*(?:which|who)\s+(?:also\s+|later\s+|then\s+)?$")
_APPOSITIVE_TO = re.compile(r"(?:\s*\([^()]{1,40}\))?(?:\s*,[^,;“”\"]{1,80})?\s*")
_IN_RELATIVE_CLAUSE = re.compile(r",\s*(?:who|which|whose|whom|where|when)\b[^,;:.“”\"]*$")
# ", the director of federal advocacy at the group ": the text before a name that sits in
# an appositive (a comma, then a lower-case description, no clause break).
_INSIDE_APPOSITIVE = re.compile(r",\s+(?:the|a|an|his|her|its|their)\s+[^,;:.“”\"]*$")
_COORDINATED = re.compile(r"\b(?:and|but)\s+(?:also\s+|later\s+|then\s+)?$")


# A question put to someone: "asked if", "asked whether", "asked about".
_ASKED_OF = re.compile(r"\s+(?:if|whether|about)\b")
# ... in the passive, its asker unnamed: ", asked if", "When asked whether", "was asked".
_PASSIVE_ASKED = re.compile(
    r"(?:^|[,;—–]\s*|\b(?:[Ww]hen|[Aa]fter|[Bb]efore|[Oo]nce|being|was|were|is|are|been)\s+)$"
)


# Someone unnamed asking ("the reporter asks", "a young man asked"), or a question put in
# the passive (", asked if", "When asked whether").
_ASKER = (
    r"\b(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[a-z-]+\s+){0,2}(?:reporter|interviewer"
    r"|journalist|questioner|student|host|moderator|anchor|caller|man|woman|boy|girl|child"
    r"|teen|teenager|\d+-year-old)\s*,?\s+(?:[^,.;:“”\"]{0,60}?\s+and\s+)?"
    r"(?:asks|asked|asking)\b"
)
_UNNAMED_ASKER = re.compile(
    _ASKER + r"|(?:^|[,;]\s*|\b[Ww]hen\s+|\bwas\s+|\bwere\s+)asked\s+(?:if|whether|about)\b",
    re.MULTILINE,
)
# ... right after the quote: "“Can I wash your car?” the 11-year-old asked."
_UNNAMED_ASKER_AFTER = re.compile(r"[\s,]*" + _ASKER)


# Issue 16, round 20 (H6): someone speaking for a person whom the article does not name:
# "A Pelosi aide said", "a rep for Weinstein said", "Weinstein's representative said", "”,
# the spokesperson said". The words are the unnamed aide's (the gold guideline: null),
# never the principal's, whom the ranker would otherwise find named beside them (the
# crawl's Weinstein statement, dev's Pelosi aide). Only where the rules found no speaker:
# a spokesman the rules resolve to an organisation or a name keeps it.
_PROXY_ROLE = r"(?:aide|spokesman|spokeswoman|spokesperson|representative|rep|publicist)"
# The role words (as _ROLE_SYNONYMS writes them) of someone who speaks for another; not
# "representative", which is also a lawmaker's title ("the representative said").
_PROXY_ROLES = frozenset({"aide", "spokesman", "publicist"})


def _named_in_role(body: str, name: str, role: str) -> bool:
    """Whether `body` sets `name` beside a word of `role` (one of _PROXY_ROLES): "Park
    Soo-hyun, the spokesman for ...", "spokeswoman Ann Lee", "Ann Lee, an aide to ..."."""
    word = r"spokes(?:man|woman|person)" if role == "spokesman" else role
    name_re = re.escape(name)
    return (
        re.search(
            name_re + r",\s+(?:the|a|an|his|her|its|their)\s+(?:[\w’'.-]+\s+){0,3}?" + word + r"\b",
            body,
        )
        is not None
        or re.search(r"\b" + word + r"\s+" + name_re, body, re.IGNORECASE) is not None
    )


_PROXY = (
    r"(?:(?:\b[Aa]n?|\b[Tt]he|\b[Oo]ne)\s+(?:[A-Z][\w’'-]+\s+){0,2}"
    r"|\b[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?['’]s\s+)"
    + _PROXY_ROLE
    + r"(?:\s+(?:for|to)\s+(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)?"
    r"(?:\s+(?:also|later|then|previously))?\s+(?:said|says|added|adds|told|wrote|stated"
    r"|explained|noted|insisted|responded|replied|confirmed|argued)\b"
)
# ... as the clause's subject before the quote ("A Pelosi aide said Schiff ... “...”"),
# or right after it ("”, the spokesperson said").
_PROXY_BEFORE = re.compile(_PROXY + r"[^.;“”\"]*$")
_PROXY_AFTER = re.compile(r"[\s,]*" + _PROXY)


def _asked_in_passive(art: _Article, verb: re.Match[str], clause_start: int) -> bool:
    """Whether `verb` is "asked if/whether/about" in the passive, its asker unnamed: ",
    asked if", "When asked whether", "was asked about" (not "Allyson Y. Schwartz, Democrat
    of Pennsylvania, asked whether": a comma after a person named in the clause closes an
    appositive)."""
    body = art.body
    v_start, v_end = verb.span()
    if verb.group().lower() != "asked" or not _ASKED_OF.match(body, v_end):
        return False
    lead = _PASSIVE_ASKED.search(body, max(clause_start, v_start - 20), v_start)
    if lead is None and v_start > clause_start + 2:
        return False
    return not (
        lead is not None
        and lead.group().lstrip().startswith((",", ";", "—", "–"))
        and any(m.is_person for m in art.mentions_in(clause_start, v_start))
    )


def _subject(
    art: _Article, verb: re.Match[str], window: tuple[int, int], clause_start: int
) -> _Mention | None:
    """Who `verb` attributes the quote to: a mention, `_DESCRIPTION`, or None when the verb
    is no attribution here ("was told", "to say", "according to a video")."""
    body = art.body
    w_start, w_end = window
    v_start, v_end = verb.span()
    if verb.group().lower().startswith("according"):
        after = art.mentions_in(v_end, w_end)
        if after and not body[v_end : after[0].start].strip():
            return after[0]
        return None
    if _INFINITIVE_OR_PASSIVE.search(body, w_start, v_start) or _BY.match(body, v_end):
        return None  # "was told", "to say", "described by the White House"
    # The subject before the verb, perhaps with an appositive or adverbs in between; a
    # person wins over a place ("Lavrov, speaking in Moscow, said").
    nearest = art.mentions_in(max(w_start, v_start - 250), v_start)[::-1]
    subjects = [
        m
        for m in nearest
        if (
            _BETWEEN_SUBJECT_AND_VERB.fullmatch(body, m.end, v_start)
            or (
                not m.is_person
                and _ORG_VOICE.fullmatch(body, m.end, v_start)
                # "School officials say", "City officials said": a common noun that opens
                # the sentence names no organisation.
                and (m.name or "").lower() not in _GENERIC_ORG_WORDS
            )
        )
        # "A spokesman, Brad Woodhouse, said": a lone comma follows a person, not a place.
        and (m.is_person or body[m.end : v_start].strip() != ",")
        # "Schrader, who backed Mr. Ryan, said": a name inside a relative clause is not
        # who speaks.
        and not _IN_RELATIVE_CLAUSE.search(body, max(w_start, m.start - 80), m.start)
        # "approached the congressman, saying": a participle after a comma belongs to the
        # sentence's subject ("with Chairman Trey Gowdy saying" has its own).
        and not (verb.group().endswith("ing") and "," in body[m.end : v_start])
    ]
    if subjects:
        # "Kerri Talbot, the director of advocacy at the group Immigration Hub, said": a
        # name inside an appositive describes the subject before it, so the subject outside
        # one goes first.
        outside = [
            m
            for m in subjects
            if not _INSIDE_APPOSITIVE.search(body, max(w_start, m.start - 100), m.start)
        ]
        # (A person first, but not one inside an appositive of an organisation:
        # "Democracy for America, the political action committee founded by ... Howard
        # Dean, also said" is the committee speaking; issue 16, fifteenth pass.)
        pool = outside if outside else subjects
        return next((m for m in pool if m.is_person), pool[0])
    which = _WHICH_BEFORE.search(body, max(w_start, v_start - 30), v_start)
    if which:
        # "the Log Cabin Republicans, a gay and lesbian group, which said": the name the
        # relative clause hangs on, past at most one appositive.
        for m in nearest:
            if m.end <= which.start() and _APPOSITIVE_TO.fullmatch(body, m.end, which.start()):
                return m
    if _ONLY_PUNCTUATION.fullmatch(body, w_start, v_start) and not verb.group().endswith("ing"):
        # The verb opens the window: "..., said Kuleba" or "..., said the minister, Kuleba"
        # (not "a “political trial” saying Israel dug up ...": that name starts a clause).
        lead = _DESCRIPTION_BEFORE_NAME.match(body, v_end)
        for name_start in (v_end, lead.end() if lead else v_end):
            after = art.mentions_in(name_start, w_end)
            if after and after[0].is_person and not body[name_start : after[0].start].strip():
                # "said Pence press secretary Alyssa Farah", "said Pruner’s friend Zachary
                # Rees": the role's holder speaks.
                later = art.mentions_in(after[0].end, min(w_end, after[0].end + 50))
                role_start = after[0].end + (2 if after[0].possessive else 0)
                if (
                    later
                    and later[0].is_person
                    and _ROLE_WORDS.fullmatch(body, role_start, later[0].start)
                ):
                    return later[0]
                if after[0].possessive:
                    continue  # "said Johnson's aunt, Sheila Kitchens": past the relation
                return after[0]
        # "said PART general manager Lorraine Whitaker": a person a few words on, else an
        # organisation right after the verb ("said the Kremlin").
        near = art.mentions_in(v_end, min(w_end, v_end + 60))
        people = [m for m in near if m.is_person]
        if people and not re.search(r"[,.;:“”\"]", body[v_end : people[0].start]):
            return people[0]
        if near and not body[v_end : near[0].start].strip():
            return near[0]
        if not verb.group().endswith("ing"):
            return _DESCRIPTION
        # "Pat Rooke described it as “pandemonium”, adding: ...": the sentence's subject.
    if verb.group().endswith("ing") or _COORDINATED.search(body, w_start, v_start):
        # "Kuleba, clarifying his remarks, issued a statement, saying, ..." and "He called
        # it a farce and added: ...": the subject of the sentence speaks.
        # "Strzok’s attorney" (a role standing for its holder) before "Strzok" in it.
        people = sorted(
            (m for m in art.mentions_in(clause_start, v_start) if m.is_person),
            key=lambda m: (m.start, m.possessive),
        )
        # "and added" needs the person to open the clause: in "A man approached the
        # congressman and asked", the congressman is not the one asking.
        opens = people and (
            len(body[clause_start : people[0].start].split()) <= 1
            or _INTRO_THEN_TITLES.fullmatch(body, clause_start, people[0].start) is not None
        )
        # "..., saying" has the sentence's subject speak: a person opening the sentence
        # behind at most a few title words ("Interior Secretary Ryan Zinke ..., saying"),
        # not an object ("A young man, dressed ..., approached the congressman, saying").
        lead_in = (
            body[max(clause_start, min(w_start, people[0].start)) : people[0].start]
            if people
            else ""
        )
        subject_first = (
            len(lead_in.split()) <= 4 and not re.search(r"[;:]", lead_in)
        ) or _INTRO_THEN_TITLES.fullmatch(lead_in) is not None
        if (
            people
            and not people[0].possessive
            and (opens or (verb.group().endswith("ing") and subject_first))
        ):
            return people[0]
        opener = _organisation_opening(art, clause_start, v_start)
        if opener is not None:
            return opener
    return _DESCRIPTION


# Issue 16, twenty-first pass (H12): what may stand before an organisation that opens the
# sentence of a participle or a coordinated verb: "The", a sentence adverb ("Previously
# the NAACP issued ..., claiming"), with or without its comma.
_BEFORE_ORGANISATION = re.compile(r"\s*(?:[A-Z][a-z]+ly,?\s+)?(?:[Tt]he\s+)?")


def _organisation_opening(art: _Article, clause_start: int, end: int) -> _Mention | None:
    """The organisation (or place) that opens the clause [clause_start, end) as its
    subject, before any person is named in it, or None: "Previously the NAACP issued a
    national travel advisory in October, claiming American Airlines “...”" (the crawl's
    words of the NAACP went to the airline, the name beside them), "Harbor Council
    rejected any claims that ... had to do with Lee's meeting, saying “...”" (a person
    named in the possessive in between is no subject; dev's "The Prime Minister's Bureau
    rejected ..., stating" has this shape, but "stating" is no verb of saying to the
    rules). A person opening the clause is `_subject`'s answer before."""
    named = [m for m in art.mentions_in(clause_start, end) if m.name]
    if (
        named
        and not named[0].is_person
        and not named[0].is_pronoun
        and not named[0].possessive
        # A name as written, not "the firm" (what `_ORG_DESCRIPTION` resolved it to).
        and art.body[named[0].start].isupper()
        and not _DESCRIBED_ORG.match(art.body, named[0].start)
        and _BEFORE_ORGANISATION.fullmatch(art.body, clause_start, named[0].start) is not None
        # "The SpaceX frontman revealed ..., saying", "The Williams driver ... admitted",
        # "Word of the seizure emerged after ..., warning": a name modifying the noun
        # after it, or a capitalised common word, is no subject.
        and _SUBJECT_NEXT.match(art.body, named[0].end) is not None
        # No one named between it and the verb but in the possessive: in "Legend has it
        # ... by bar owner William Sianis after ... he smelled and denied it", someone
        # else is the verb's subject.
        and not any(m.is_person and not m.possessive for m in named[1:])
    ):
        return named[0]
    return None


_DESCRIBED_ORG = re.compile(r"[Tt]he\s+[a-z]")
# The word after an organisation that is the sentence's subject: a verb in -ed or -s, an
# auxiliary or common verb (_AFTER_SUBJECT), a negated auxiliary ("didn't"), an adverb,
# or an appositive's comma.
_SUBJECT_NEXT = re.compile(
    r"\s*,|\s+(?:[a-z]+(?:ed|s|ly)|(?:" + "|".join(sorted(_AFTER_SUBJECT)) + r")|[a-z]+n['’]t)\b"
)


# What may open a sentence before its subject: an introductory phrase closed by a comma,
# then title words ("Prior to the declaration, House Speaker Nancy Pelosi ...").
_INTRO_THEN_TITLES = re.compile(r"\s*(?:[^,;:“”\"]{1,40},\s*)?(?:[A-Z][\w.'’-]*\s+){0,4}")


# "recalled one of the brothers saying", "heard him say": a speech verb reporting someone
# else speaking, whose words the quote then is.
_REPORTED_SPEECH = re.compile(
    r"\s+((?:[\w'’.-]+\s+){1,5}?)(?:saying|say|tell|telling|asking|shouting|yelling|scream"
    r"|screaming)\b"
)
_ANCHORED_SUBJECT = re.compile(r"[\s,.;:!?—–-]{0,4}(?:[A-Z][\w.'’-]*\s+){1,4}")


def _reports_someone_else(art: _Article, after: tuple[int, int]) -> bool:
    """Whether the text right after a quote has its subject report another's words:
    "”, Jones recalled one of the brothers saying"."""
    body = art.body
    verbs = art.verbs_in(*after)
    verb = verbs[0] if verbs else None
    return (
        verb is not None
        and _ANCHORED_SUBJECT.fullmatch(body, after[0], verb.start()) is not None
        and _REPORTED_SPEECH.match(body, verb.end(), after[1]) is not None
    )


# "”, said one Democrat", "”, a Democrat who opposed her said": a description, no name.
_UNNAMED_LEAD = re.compile(
    r"[\s,.;:!?—–-]*(?:(?:a|an|one|another|two|some)\s+[\w’'-]+(?:\s+[\w’'-]+){0,6}\s+)?"
)


_UNNAMED_WHAT = re.compile(
    r"\bwhat\s+(?:a|an|one|another|some|many|several|two|three)\s+[\w’'-]+(?:\s+[\w’'-]+){0,3}?"
    r"\s+(?:(?:is|are|was|were|has|have|had)\s+(?:been\s+)?)?(?:calling|called|described"
    r"|describing|dubbed|dubbing|termed|terming|labell?ed|labell?ing)(?:\s+as)?\s*$"
)


def _said_by_someone_unnamed(art: _Article, after: tuple[int, int], clause_start: int) -> bool:
    """Whether the text right after a quote gives it to someone it does not name: "”, said
    one Democrat who opposed her", "”, a witness said"."""
    verbs = art.verbs_in(*after)
    verb = verbs[0] if verbs else None
    if verb is None or not _UNNAMED_LEAD.fullmatch(art.body, after[0], verb.start()):
        return False
    if re.search(_SPOKES, art.body[after[0] : verb.start()]):
        return False  # "a company spokesman": the company, which the ranker may find
    return _subject(art, verb, after, clause_start) is _DESCRIPTION


# News outlets that report what others said: "Reuters reported", "the Times said".
_OUTLET = re.compile(
    r"(?:Reuters|AFP|AP|Associated Press|Agence France-Presse|Xinhua|Yonhap|Bloomberg|BBC|CNN"
    r"|.*\b(?:News|Times|Post|Journal|Herald|Tribune|Telegraph|Guardian|Gazette|Press|Radio"
    r"|Television|TV|Agency|Newspaper))$"
)


def _is_outlet(name: str | None) -> bool:
    return name is not None and _OUTLET.match(name) is not None


_INTRO_PHRASE = re.compile(
    r"\s*(?:After|Before|While|When|Since|Despite|Following|Upon|During|Speaking|Asked"
    r"|Responding|Addressing|Looking)\b[^,;:“”\"]{1,80},\s*"
)
# What may stand before an organisation or place that opens a clause: "The", or a sentence
# adverb and its comma ("Separately, Erie has issued ..., citing “...”", "Meanwhile, the
# ministry said"; issue 16, sixteenth pass).
_BEFORE_OPENER = re.compile(
    r"\s*(?:(?:[Tt]he\s*)?|(?:Separately|Meanwhile|Instead|Also|However|Later|Earlier|Still"
    r"|Elsewhere|Similarly|Likewise|Additionally|Moreover|Nonetheless|Nevertheless),\s*"
    r"(?:the\s*)?)"
)
_CLAUSE_BREAK = re.compile(r"(?:,|;)\s+(?:and|but|while|whereas)\s+|;\s+")


# A verb in the past tense (or a speech verb) before the first name of a clause makes that
# name its object: "invited Trump", "declared the nominee".
_VERB_BEFORE_NAME = re.compile(r"\b[a-z]+ed\b|\b(?:" + "|".join(sorted(_SPEECH_VERBS)) + r")\b")


# "... Vicente Fox – who went on a tear declaring the nominee “not welcome”": the quote sits
# in a relative clause on the name right before "who".
_WHO_CLAUSE = re.compile(r"\s*(?:,|–|—|-|--)\s*who\s+[^,;:“”\"]*$")


# "Axelrod's comment on Sunday that House Republicans are under a “reign of terror”",
# "Mr. Braley's apology noted ... his own stint “doing farm jobs”": a possessive on a noun
# for something said gives the words to the possessor.
_SAID_NOUN_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:[a-z-]+\s+){0,2}?(?:comments?|remarks?|claims?|statements?|words"
    r"|assertions?|warnings?|tweets?|posts?|accusations?|complaints?|suggestions?|promises?"
    r"|pledges?|vows?|apology|apologies|description|letter|message|speech)\b[^“”\"]*$"
)


def _words_of(art: _Article, start: int, end: int) -> str | None:
    """The person whose remark ("X's comment that ...") a fragment ending the text [start,
    end) quotes, or None."""
    for m in art.mentions_in(start, end)[::-1]:
        if m.is_person and m.name and m.possessive and _SAID_NOUN_AFTER.match(art.body, m.end, end):
            return m.name
    return None


def _relative_subject(art: _Article, start: int, end: int) -> str | None:
    """The person a "who" clause running up to `end` (the quote's opening mark) is about,
    or None when the text before the quote is no such clause."""
    named = [m for m in art.mentions_in(start, end) if m.name and not m.possessive]
    if named and _WHO_CLAUSE.match(art.body, named[-1].end, end):
        return named[-1].name
    return None


def _sentence_subject(art: _Article, clause_start: int, end: int) -> str | None:
    """The person who opens the clause [clause_start, end) behind at most a few words with
    no comma ("But Mr. Strzok expressed", "He bluntly accused"), or None."""
    intro = _INTRO_PHRASE.match(art.body, clause_start, end)
    if intro:
        # "After thanking Clifford and the prosecution team, Fulcher also thanked “...”":
        # the subject follows the introductory phrase.
        clause_start = intro.end()
    people = [m for m in art.mentions_in(clause_start, end) if m.is_person and m.name]
    if not people:
        # "Tunisia “forcefully” condemned", "Erie has issued a snow emergency, citing
        # “...”": an organisation or place that opens the clause itself speaks for it.
        named = [m for m in art.mentions_in(clause_start, end) if m.name]
        if (
            named
            and not named[0].possessive
            and not named[0].oblique
            and (
                _BEFORE_OPENER.fullmatch(art.body, clause_start, named[0].start) is not None
                # "Previously the NAACP issued a national travel advisory in October,
                # claiming American Airlines “...”" (issue 16, twenty-first pass).
                or _organisation_opening(art, clause_start, end) is named[0]
            )
        ):
            return named[0].name
        return None
    if people[0].possessive:
        return None
    lead_in = art.body[clause_start : people[0].start]
    if _INTRO_THEN_TITLES.fullmatch(lead_in):
        return people[0].name  # "Prior to the vote, House Speaker Nancy Pelosi called"
    if len(lead_in.split()) > 4 or re.search(r"[,;:“”\"]", lead_in):
        return None
    if _VERB_BEFORE_NAME.search(lead_in):
        return None  # "and even invited Trump “to come ...”": the name is the object
    return people[0].name


def _attribute(
    art: _Article,
    before: tuple[int, int],
    after: tuple[int, int],
    clause_start: int,
    anchored_only: bool = False,
) -> tuple[str | None, str | None]:
    """(speaker, verb) from the text `before` and `after` a quote in its sentence (which
    starts at `clause_start`), or (None, None) when no attribution verb applies there."""
    body = art.body
    after_verbs = art.verbs_in(*after)
    # (Only after a quote whose words end on a comma, "!" or "?", the marks of an
    # attribution to come: 'take “full advantage of an ill-prepared” Trump.' names the
    # object.)
    if (
        not after_verbs
        and not anchored_only
        and body[after[0] - 2 : after[0] - 1] in (",", "!", "?")
    ):
        # "“We have a horrendous problem ...,” Evangelist Reginald Benjamin.": the outlet
        # dropped the verb; a person's name (past its titles) ending the sentence right
        # after the quote is still who spoke.
        named = art.mentions_in(*after)
        if (
            len(named) == 1
            and named[0].is_person
            and named[0].name
            and not named[0].is_pronoun
            and _BARE_NAME_BEFORE.fullmatch(body, after[0], named[0].start)
            and not body[named[0].end : after[1]].strip(" .\n")
        ):
            return named[0].name, None
    before_verbs = art.verbs_in(*before)[::-1]  # nearest to the quote first
    # The usual place first: right after the quote ("”, Kuleba said", "”, said Kuleba"),
    # then before it, nearest first, then anywhere later in the sentence.
    anchored = []
    if after_verbs:
        verb = after_verbs[0]
        first = art.mentions_in(after[0], verb.start())
        head = first[0].start if first else verb.start()
        if _ONLY_PUNCTUATION.fullmatch(body, after[0], head):
            anchored.append(verb)
    candidates = [(v, after) for v in anchored]
    if not anchored_only:
        candidates += [(v, before) for v in before_verbs]
        candidates += [(v, after) for v in after_verbs if v not in anchored]
    weak: tuple[str | None, str | None] | None = None
    for verb, window in candidates:
        if window is before and _asked_in_passive(art, verb, clause_start):
            # "Weeks before the election, asked if the campaign was “in cahoots” with
            # WikiLeaks, Pence denied it": the words are the unnamed asker's, not Pence's.
            return None, "asked"
        subject = _subject(art, verb, window, clause_start)
        reported = _REPORTED_SPEECH.match(body, verb.end(), window[1]) if verb in anchored else None
        if reported:
            # "“You ready?” Jones recalled one of the brothers saying": the words are those
            # of whoever the verb reports speaking, named or not.
            heard = [m for m in art.mentions_in(*reported.span(1)) if m.name and not m.possessive]
            return (heard[0].name if heard else None), " ".join(verb.group().lower().split())
        if verb in anchored and subject is not None and _is_outlet(subject.name):
            # "Mujahid said that the fighters were sent “...,” Reuters reported": the
            # outlet passes on what the person before the quote said.
            for earlier in before_verbs:
                told = _subject(art, earlier, before, clause_start)
                if told is not None and told.name and told.is_person:
                    return told.name, " ".join(earlier.group().lower().split())
        if verb in anchored and subject is not None:
            # "”, Elliott Maynard, a Republican trying to unseat Nick Rahall, a Democrat,
            # said" and "”, Kerri Talbot, the director at the group Immigration Hub, said":
            # a person opening the text after the quote is its speaker, however long the
            # appositive that follows and whatever organisation it names.
            first = art.mentions_in(after[0], verb.start())
            if (
                first
                and first[0].is_person
                and first[0].name
                # ("”, the Ashford manager, Graham Holt, said": a role is no name.)
                and not first[0].is_pronoun
                and body.startswith(",", first[0].end)
                and _ONLY_PUNCTUATION.fullmatch(body, after[0], first[0].start)
                and (subject.name is None or subject.start > first[0].start)
            ):
                subject = first[0]
        if (
            subject is not None
            and subject.name is None
            and verb not in anchored
            and verb.group().lower() in _WEAK_VERBS
        ):
            # "Trump said that if this practice continues, there will “never be ...”": a
            # verb that is mostly no speech, with no one named, leaves the search open.
            weak = weak or (subject.name, " ".join(verb.group().lower().split()))
            continue
        if subject is not None:
            return subject.name, " ".join(verb.group().lower().split())
    return weak or (None, None)


# What may stand between a quote's closing mark and a name that ends its sentence with no
# verb: a comma and title words ("”, Evangelist Reginald Benjamin.").
_BARE_NAME_BEFORE = re.compile(r"[\s,]*(?:[A-Z][\w.'’-]*\s+){0,3}")

_TITLE_SMALL_WORDS = _wordset("a an and at for in of on the to with from by into over vs")


def _stored_sentence(
    sentences: list[Sentence],
    first: int,
    last: int,
    start: int,
    end: int,
    joined: dict[tuple[int, int], str],
) -> str:
    """QUOTES.sentence of the quote at body[start:end] (marks included), which sits in
    sentences[first..last]: their texts joined by a space; or where that is longer than
    LONG_SENTENCE_CHARS (a pasted page read as one sentence), the window of it around the
    quote that NUMBERS stores of a long sentence (`sentence_window`: ~300 characters
    either side, cut at words, with "…"). 2,000 quotes in one 30 KB sentence stored it
    whole on every row: 60 MB, and the frame took seconds to build (issue 14). The longest
    of the labelled sets' 9,007 quotes is 2,690 characters: none is cut.

    `joined` remembers each (first, last)'s text for the article, so the quotes of one
    long sentence join it once."""
    text = joined.get((first, last))
    if text is None:
        text = joined[first, last] = " ".join(s.text for s in sentences[first : last + 1])
    if len(text) <= LONG_SENTENCE_CHARS:
        return text

    def place(offset: int) -> int:  # a body offset's place in `text`
        at = 0
        for sentence in sentences[first:last]:
            if offset < sentence.end:
                break
            at += len(sentence.text) + 1
        else:
            sentence = sentences[last]
        return at + min(max(offset - sentence.start, 0), len(sentence.text))

    return sentence_window(text, place(start), place(end))[0]


# An outlet's cut inside a quote: "…", "...", ". . .", bracketed or not.
_ELLIPSIS = re.compile(r"…|\.\s?\.\s?\.")


# A work named right before a title-case quote: "the Lynyrd Skynyrd song, “Simple Man,”",
# "the film “Gran Torino”": the quote is its title, not someone's words.
_WORK_BEFORE = re.compile(
    r"\b(?:song|book|film|movie|show|album|novel|play|series|episode|documentary|poem"
    r"|podcast|program|programme|musical|opera|painting|exhibition|game)\s*,?$"
)


# A sign's or a shirt's text: "the Wrigley Field marquee reads: “World Series Champions.”",
# "the sign above Wrigley Field read: ‘World Series Champions’", "fans held signs reading
# “...”", "interns hauled signs: “Scalise Strong,”". The gold guideline leaves signs out
# (benchmarks/gold/real/README.md): words written on a thing, no one's statement. The
# noun must be one (after a determiner or a verb of holding), so that "Trump signs an
# order saying" keeps its quote.
_SIGN_BEFORE = re.compile(
    r"\b(?:(?i:the|a|an|one|its|their|his|her|some|two|three|several|many)"
    r"|held|holding|carried|carrying|waved|waving|raised|raising|wore|wearing|with"
    r"|hauled|hauling|displayed|displaying|bore|bearing)"
    r"\s+(?:[\w’'.-]+\s+){0,3}?"
    r"(?:signs?|marquees?|banners?|placards?|billboards?|scoreboards?|posters?|plaques?"
    r"|t-shirts?|shirts?|stickers?|graffiti|murals?|signboards?|jumbotron)"
    r"(?:\s+(?:above|on|outside|over|at|in|near|of|behind)\s+(?:[\w’'.-]+\s+){0,4}?)?"
    r"\s*(?::|,?\s*(?:that\s+|which\s+)?(?:read|reads|reading|said|says|saying|declared"
    r"|declares|declaring|proclaimed|proclaims|proclaiming)\s*[:,]?)\s*$"
)


# A one-word quote is someone's word only when a verb of saying, writing, thinking or
# naming gives it to a source (the gold guideline): in its sentence before it ('he said he
# was “grateful”', 'calling them an “epidemic”') or as the attribution right after it
# ('“grave” condition, police said'). The extractor's verb may come from the next clause
# ('were labelled “creepy” and wearers dubbed “glassholes”' found 'dubbed'; 'have
# messages “self-destruct” after a designated time' a 'read' further on), which gives the
# word to no one. A tag ('#metoo') is no one's word either.
_ATTRIBUTION_AFTER = re.compile(r"[\s,.;:!?”’\"')\]]*(?:[^\s“\"]+\s+){0,5}?$")


_COORDINATED_WORD = re.compile(r"\s*,?\s*(?:and|or|nor)\s*")
_SIGN_LIST_GAP = re.compile(r"\s*[,;]?\s*(?:and\s+|or\s+)?")


def _scare_word(
    art: _Article, text: str, sentence: tuple[int, int], quote: tuple[int, int]
) -> bool:
    """Whether a one-word partial quote (body offsets `quote`, inside the marks) in
    `sentence` (its body offsets) is a scare quote or a tag (see above): no verb of saying
    in its sentence before it, none after it in the sentence but one that is as often no
    speech ('read', 'called': `_WEAK_VERBS`), and that one not right after it."""
    if text.lstrip().startswith("#"):
        return True
    if art.verbs_in(sentence[0], quote[0]) or _SOURCE_VERB_BEFORE.search(
        art.body, sentence[0], quote[0]
    ):
        return False
    return not any(
        m.group().lower() not in _WEAK_VERBS
        or _ATTRIBUTION_AFTER.fullmatch(art.body, quote[1], m.start())
        for m in art.verbs_in(quote[1], sentence[1])
    )


# A word glued to digits ("2nd", "1990s") is read whole, so its letters are no lower-case
# word: "The 2nd Amendment" is written in title case.
_TITLE_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)


def _looks_like_title(text: str) -> bool:
    """ "Fox News Sunday", "Fox and Friends", "The 2nd Amendment": the name of a show, a
    book, a film. It needs one capitalised word: "1 in 3" (a figure) is none."""
    words = [w for w in _TITLE_WORD.findall(text) if not w[0].isdigit()]
    return any(w[0].isupper() for w in words) and all(
        w[0].isupper() or w in _TITLE_SMALL_WORDS for w in words
    )


# A headline or a title written out as a sentence: every word capitalised, small words too
# ("Why Did Equifax Use A Domain That’s So Easily Impersonated By Phishing Sites?"). Speech
# is never written so; four words at least, and not in capitals only ("LOCK HER UP").
_HEADLINE_MIN_WORDS = 4


def _looks_like_headline(text: str) -> bool:
    words = [w for w in _TITLE_WORD.findall(text) if not w[0].isdigit()]
    return (
        len(words) >= _HEADLINE_MIN_WORDS
        and all(w[0].isupper() for w in words)
        and not all(w.isupper() for w in words)
    )


# A short quote used as a modifier between a determiner and a noun: “the ‘don’t ask, don’t
# tell’ policy”, “a ‘bring-your-own-alcohol’ policy”, “The ‘off center’ placement”: a
# label the reporter quotes, not words someone said (with a speech verb it stays a quote).
_DETERMINER_BEFORE = re.compile(
    r"(?:(?:^|\s)(?i:a|an|the|its|their|his|her|our|this|that|these|those|former|new)"
    # ... or a possessive, and up to two lower-case modifiers after either: "Portnow's
    # controversial “step up” remarks", "his “step up” remark"
    r"|[^\W\d_]['’]s)(?:\s+[a-z][\w-]*){0,2}\s*$"
)
_NOUN_AFTER = re.compile(r"[”’\"']\s+([a-z][a-z-]+)\b")
_NOT_NOUNS = _wordset("""
    and or but nor that which who whom whose to of in on at by for from with as than
    is was are were be been being has have had will would could should may might can
    it he she they we you i not also even only just if when while because after before
    about into over under between against during without since until so yet then there
    started began says said say told called
    brought made led held known given taken seen done built set put run won shown written
""")


def _modifies_noun(body: str, lead_in: str, text: str, close_end: int) -> bool:
    """The quote sits as a label between a determiner and a lower-case noun."""
    if not text or text[-1] in ".,;:!?" or not _DETERMINER_BEFORE.search(lead_in):
        return False
    after = _NOUN_AFTER.match(body, close_end - 1)
    if after is None:
        return False
    word = after.group(1)
    return word not in _NOT_NOUNS and not word.endswith(("ly", "ing", "ed"))


# --- the frame ---------------------------------------------------------------------------
_NEEDED = pl.Schema({"article_id": ARTICLES["article_id"], "body": ARTICLES["body"]})


def _speech_subjects(
    art: _Article, sentences: list[Sentence], quoted: list[tuple[int, int]]
) -> dict[int, list[tuple[int, str | None]]]:
    """Sentence index -> (verb offset, subject name) of each attribution verb outside quotes,
    the subject as `_subject` reads it (None for a description: "a spokesman said"): what
    the speaker ranker asks "is this candidate the subject of a speech verb near the quote"."""
    quoted_starts = [s for s, _ in quoted]
    sentence_starts = [s.start for s in sentences]
    found: dict[int, list[tuple[int, str | None]]] = {}
    for verb in art.verbs_in(0, len(art.body)):
        k = bisect.bisect_right(quoted_starts, verb.start()) - 1
        if k >= 0 and verb.start() < quoted[k][1]:
            continue
        index = max(bisect.bisect_right(sentence_starts, verb.start()) - 1, 0)
        sentence = sentences[index]
        # The window is the text between the quotes around the verb, as for a quote's own
        # attribution: "”, said Lee" has the verb open it.
        w_start = max(sentence.start, quoted[k][1] if k >= 0 else 0)
        w_end = min(sentence.end, quoted[k + 1][0] if k + 1 < len(quoted) else len(art.body))
        subject = _subject(art, verb, (w_start, w_end), sentence.start)
        if subject is not None:
            found.setdefault(index, []).append((verb.start(), subject.name))
    return found


def _quote_rows(
    article_id: str, body: str, headline: str = ""
) -> tuple[list[dict], SpeakerContext | None]:
    """The article's quote rows (QUOTES columns) with the rules' speakers, and what the
    speaker ranker reads to re-rank them (None when the article has no quote)."""
    paragraphs = split_paragraphs(body)
    quotes = _find_quotes(body, paragraphs, _marks_style(body))
    if not quotes:
        return [], None
    rows: list[dict] = []
    sites: list[QuoteSite] = []
    quoted = [
        (q.open_mark, (q.close_mark if q.close_mark is not None else q.parts[-1][1]) + 1)
        for q in quotes
    ]
    sentences = split_sentences(body)
    sentence_starts = [s.start for s in sentences]
    mentions, genders = _mentions(body, quoted, sentence_starts, headline)
    art = _Article(body, mentions, [m.start for m in mentions])
    person = person_names(mentions)  # name -> some mention of it is a person's
    paragraph_starts = [p[0] for p in paragraphs]

    def sentence_of(offset: int) -> int:
        return max(bisect.bisect_right(sentence_starts, offset) - 1, 0)

    joined: dict[tuple[int, int], str] = {}  # (first, last) -> the sentences' text
    # (last paragraph, last sentence, speaker, end) of the last quote kept
    previous: tuple[int, int, str | None, int] | None = None
    previous_decided = False  # the last quote kept has its speaker decided by the rules
    sign_end = -1  # just past the last quote left out as a sign's text
    index = 0
    for k, quote in enumerate(quotes):
        q_start, q_end = quote.open_mark, quoted[k][1] - 1
        first, last = sentence_of(q_start), sentence_of(q_end)
        # Text before the quote belongs to it back to the last quote kept: a title or scare
        # quote in between ("said on CNN’s “American Morning” that") hides no attribution.
        floor = previous[3] if previous is not None else 0
        before = (max(sentences[first].start, floor), q_start)
        ceiling = quotes[k + 1].open_mark if k + 1 < len(quotes) else len(body)
        after = (q_end + 1, min(sentences[last].end, ceiling))
        clause_start = sentences[first].start
        speaker, verb = _attribute(art, before, after, clause_start)
        reported = _reports_someone_else(art, after) or _said_by_someone_unnamed(
            art, after, clause_start
        )
        if verb is None and last + 1 < len(sentences) and _ONLY_PUNCTUATION.fullmatch(body, *after):
            # The quote ends its sentence ("“... ?” Kuleba asked."): the next sentence may
            # still open with the attribution; only that anchored form counts there.
            following = sentences[last + 1]
            if following.paragraph == sentences[last].paragraph and following.start < ceiling:
                window = (after[0], min(following.end, ceiling))
                speaker, verb = _attribute(art, window, window, following.start, anchored_only=True)
                reported = _reports_someone_else(art, window)
        if (
            speaker is None
            and verb is not None
            and (
                # someone's unnamed aide or spokesperson: no one's (_PROXY)
                _PROXY_BEFORE.search(body, clause_start, q_start)
                or _PROXY_AFTER.match(body, after[0], after[1])
                # "the statement said" with no issuer named (_statement_maker)
                or _STATEMENT_BEFORE.search(body, clause_start, q_start)
                or _STATEMENT_AFTER.match(body, after[0], after[1])
            )
        ):
            reported = True
        asker = (
            _UNNAMED_ASKER.search(body, clause_start, q_start)
            or _UNNAMED_ASKER_AFTER.match(body, after[0], after[1])
            if verb in ("asked", "asks", "asking")
            else None
        )
        if asker and not (
            # ("Representative Allyson Y. Schwartz, Democrat of Pennsylvania, asked
            # whether ...": the comma closes an appositive; she asked.)
            asker.group().startswith(",")
            and any(m.is_person for m in art.mentions_in(clause_start, asker.start()))
        ):
            # "the reporter asks, “Do you fully support the Obama agenda?”", "asked if the
            # campaign was “in cahoots”, Pence denied it": an unnamed asker's words, never
            # those of the person asked, whom the ranker would find named beside them.
            speaker, reported = None, True
        text = " ".join(body[s:e] for s, e in quote.parts)
        lead_in = body[before[0] : before[1]].rstrip()
        if _UNNAMED_WHAT.search(lead_in):
            # "in what one officer described as “neighborhood wars”", "what some neighbors
            # are calling “retaliation shootings”": words of someone the article does not
            # name, whoever speaks around them.
            speaker, reported = None, True
        is_partial = bool(lead_in) and not (lead_in[-1] in ":," and not text[0].islower())
        n_words = len(text.split())
        # A sign's text, and the next signs of a list ('hauled signs: “Scalise Strong,”
        # “Capitol Police MVP” and “Unvidvided”').
        if _SIGN_BEFORE.search(lead_in) or (
            sign_end > 0 and _SIGN_LIST_GAP.fullmatch(body, sign_end, q_start)
        ):
            sign_end = q_end + 1
            continue
        # The second of two quoted words joined by "and"/"or" right after the first kept
        # ('called his comments “unacceptable” and “inaccurate.”', 'a matter for “judges”
        # or “legislators.”'): the verb that gave the first gives it too, whose search
        # stops at the first's marks. Three dev misses of issue 16's H2 round.
        coordinated = (
            previous is not None
            and previous[1] == first
            and floor > clause_start
            and _COORDINATED_WORD.fullmatch(lead_in) is not None
        )
        if not coordinated and (
            (n_words <= 1 and verb is None and not _SOURCE_VERB_BEFORE.search(lead_in))
            or (
                n_words <= 1
                and is_partial
                and _scare_word(art, text, (clause_start, sentences[last].end), (q_start, q_end))
            )
            or (n_words <= _TITLE_MAX_WORDS and is_partial and _looks_like_title(text))
            or (
                n_words <= _TITLE_MAX_WORDS
                and _WORK_BEFORE.search(lead_in) is not None
                and _looks_like_title(text)
            )
            or (n_words <= SCARE_QUOTE_MAX_WORDS and _SCARE_LEAD.search(lead_in))
            or _looks_like_headline(text)
            or (
                n_words <= SCARE_QUOTE_MAX_WORDS
                and verb is None
                and is_partial
                and _modifies_noun(body, lead_in, text, q_end + 1)
            )
        ):
            # A scare quote (one word attributed to nobody, or "so-called"), a title or a
            # nickname: “Fox News Sunday”. Two or three words with no speech verb are kept:
            # in news prose they are mostly someone's words ("an illegitimate “witch hunt”").
            continue
        last_paragraph = bisect.bisect_right(paragraph_starts, q_end) - 1
        # A name ending the sentence right after the quote with no verb ("”, Evangelist
        # Reginald Benjamin."): _attribute's one answer with a speaker and no verb.
        narrated = speaker is not None and verb is None
        if verb is None and is_partial and not narrated:
            # "Mr. Strzok expressed “significant regret”", "Conaway attacked Schiff for
            # driving a “false narrative”": a fragment with no speech verb is the words of
            # the sentence's subject.
            # "Pelosi rejected it, and Senator Chuck Schumer, the Democratic leader,
            # denounced the offer as “...”": the subject of the last clause, if one opens it.
            clauses = list(_CLAUSE_BREAK.finditer(body, sentences[first].start, q_start))
            subject = (
                _relative_subject(art, sentences[first].start, q_start)
                or _words_of(art, sentences[first].start, q_start)
                or (_sentence_subject(art, clauses[-1].end(), q_start) if clauses else None)
                or _sentence_subject(art, sentences[first].start, q_start)
            )
            if subject is not None:
                speaker, narrated = subject, True
        if verb is None and not is_partial and first > 0:
            # "Kevin Snow was injured. He said the tram failed to slow down. “Usually ...”":
            # a quote with no attribution of its own, right after a sentence (of its own or
            # the previous paragraph, with no quote since) that reports someone speaking,
            # is theirs.
            lead = sentences[first - 1]
            if lead.start >= floor and lead.paragraph >= sentences[first].paragraph - 1:
                window = (lead.start, min(lead.end, q_start))
                narrator, _ = _attribute(art, window, (q_start, q_start), lead.start)
                if narrator is not None:
                    speaker, narrated = narrator, True
        if verb is None and not narrated and not is_partial:
            # "Over at Big Government, a post provides the following commentary:" and the
            # quote: with no speech verb, the one the introducing sentence names first.
            intro = body[max(floor, q_start - 300) : q_start].rstrip()
            if intro.endswith(":"):
                clause = sentence_of(max(floor, q_start - 2))
                clause_start = max(floor, sentences[clause].start)
                named = [
                    m for m in art.mentions_in(clause_start, q_start) if m.name and not m.possessive
                ]
                opener = named[0] if named else None
                if opener and len(body[clause_start : opener.start].split()) > 3:
                    opener = None  # an organisation counts only as the sentence's subject
                people = [m for m in named if m.is_person]
                chosen = opener or (people[0] if people else None)
                if chosen:
                    speaker, narrated = chosen.name, True
        if (
            not narrated
            and verb is None
            and previous is not None
            and (previous[1] == first or (not is_partial and previous[0] >= quote.paragraph - 1))
        ):
            # The speaker of the quote just before goes on talking: a quote split around
            # its attribution ("“A,” he said, “b.”"), or a full quote just after.
            speaker = previous[2]
            reported = reported or previous_decided
        document = document_source(
            body, art.mentions, art.starts, sentences, first, q_start, q_end + 1, person
        )
        if document is not None and document.signed:
            # "“...,” the letter stated", "The letter goes on: “", "the advertisement says",
            # "According to the letter, “": a letter or an ad as the subject is its
            # issuer's, else no one's (speakers.document_source, the one document rule).
            speaker, reported = document.issuer, True
        rows.append(
            {
                "article_id": article_id,
                "quote_index": index,
                "text": text,
                "start": quote.parts[0][0],
                "end": quote.parts[-1][1],
                "speaker": speaker,
                "verb": verb,
                "is_partial": is_partial,
                "is_truncated": _ELLIPSIS.search(text) is not None,
                "sentence": _stored_sentence(sentences, first, last, q_start, q_end + 1, joined),
            }
        )
        sites.append(
            QuoteSite(
                open_mark=q_start,
                close_end=q_end + 1,
                first=first,
                last=last,
                paragraph=quote.paragraph,
                last_paragraph=last_paragraph,
                rule_speaker=speaker,
                verb=verb,
                is_partial=is_partial,
                # The ranker has no feature for reported speech: the rules decide it.
                decided=reported,
                document=document,
            )
        )
        previous = (last_paragraph, last, speaker, q_end + 1)
        previous_decided = reported
        index += 1
    context = SpeakerContext(
        body=body,
        mentions=art.mentions,
        sentences=sentences,
        genders=genders,
        subjects=_speech_subjects(art, sentences, quoted),
        sites=sites,
    )
    return rows, context


# Quote marks of other languages (issue 19) read as curly double marks, offsets unchanged:
# «...» (es, it, pt), « ... » (fr: the space inside moves outside) and „...“ (de, nl).
_GUILLEMET = re.compile("«[ \u00a0\u202f]?|[ \u00a0\u202f]?»")
_LOW_HIGH = re.compile("„([^“”„\n]{1,2000})“")


def _as_double_marks(body: str) -> str:
    """`body` with « », „ “ as “ ”, every character at its offset (so quote offsets hold)."""
    if "«" not in body and "„" not in body:
        return body
    body = _GUILLEMET.sub(
        lambda m: (
            ("“" if m.group() == "«" else " “")
            if m.group().startswith("«")
            else ("”" if m.group() == "»" else "” ")
        ),
        body,
    )
    return _LOW_HIGH.sub(lambda m: f"“{m.group(1)}”", body)


def quote_contexts(articles: pl.DataFrame) -> list[tuple[list[dict], SpeakerContext]]:
    """Per article with quotes: its QUOTES rows with the rules' speakers and the
    `SpeakerContext` the speaker ranker reads (what benchmarks/compare_quotes.py trains
    on). `articles` as for `extract_quotes`."""
    validate(articles, _NEEDED, "articles")
    headlines = (
        articles["title"].fill_null("")
        if "title" in articles.columns
        else pl.Series([""] * articles.height)
    )
    out = []
    for (article_id, body), headline in zip(
        articles.select("article_id", "body").iter_rows(), headlines, strict=True
    ):
        if body:
            rows, context = _quote_rows(article_id, _as_double_marks(body), headline)
            if context is not None and rows:
                out.append((rows, context))
    return out


def extract_quotes(
    articles: pl.DataFrame, speaker_ranker: SpeakerRanker | None | str = "default"
) -> pl.DataFrame:
    """Direct quotes of every article, with speaker and attribution verb.

    `articles` needs the ARTICLES columns article_id and body (str); a null or empty body
    simply has no quotes. A `title` column, when there, tells who the story is about (a
    surname in the body goes to the full name the headline gives). `speaker_ranker`
    decides each quote's speaker among the names around it (clustering/extract/speakers.py;
    "default": the shipped weights); None keeps the hand rules' speaker. Returns a QUOTES
    frame: one row per quote, ordered by the articles' order then `quote_index` (reading
    order). `start`/`end` are offsets into the body: body[start:end] is the quote's text
    for a one-paragraph quote; a quote spanning paragraphs runs from the first character of
    its first part to the last of its last.
    """
    if not isinstance(articles, pl.DataFrame):
        raise TypeError(
            f"articles should be a polars DataFrame. Got {type(articles).__name__} instead."
        )
    if isinstance(speaker_ranker, str):
        if speaker_ranker != "default":
            raise ValueError(
                "speaker_ranker should be 'default', a SpeakerRanker or None. "
                f"Got {speaker_ranker!r} instead."
            )
        speaker_ranker = default_ranker()
    rows: list[dict] = []
    for article_rows, context in quote_contexts(articles):
        if speaker_ranker is not None:
            for row, speaker in zip(
                article_rows, rank_speakers(context, speaker_ranker), strict=True
            ):
                row["speaker"] = speaker
        rows.extend(article_rows)
    return pl.DataFrame(rows, schema=QUOTES, orient="row") if rows else pl.DataFrame(schema=QUOTES)
