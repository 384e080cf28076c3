"""Text pasted from a news aggregator's page (inkl and the like): recover the article.

Such a paste wraps the article in the aggregator's boilerplate: a sign-up header,
the outlet's name (often twice: logo and name), section and byline, the headline,
photo captions with their credits, and a footer of sign-up prompts and related
stories. Every aggregator words these its own way ("Get all your news in one place",
"Get all your stories in one place"), so the parser works from generic cues, not
from one site's sentences:

1. prompt lines (`BOILERPLATE`: sign-up, app, membership and trial prompts, headers
   of story lists) are dropped wherever they are, unless they are a full sentence of
   the article's text; the first one after the text began (`FOOTER`) ends the
   article (related-story lists are headlines that no pattern could recognise);
2. the header is everything before the first body paragraph (a line of 8+ words that
   ends a sentence); in it the headline is the first line standing alone between
   blank lines, and the lines before it are metadata or pitch (`_assign_meta`):
   sentences and short lines about apps, memberships, titles or sources are the
   aggregator's, the outlet is the name given twice (logo, then name) or the first
   capitalised one, then come the section and the byline. The lines after the
   headline are photo captions (dropped) or a standfirst (the lead);
3. photo captions are dropped everywhere: a line that is only a credit
   ("(Picture: AFP via Getty Images)") together with the unpunctuated caption above
   it, and an unpunctuated line ending in a credit ("... Kharkiv (REUTERS)").

Everything dropped is kept in `extra["aggregator_removed"]`: nothing is lost.
"""

from __future__ import annotations

import re
from typing import Any

from clustering.ingest.normalise import parse_date


def _patterns(*lines: str) -> re.Pattern[str]:
    return re.compile(r"^(?:" + "|".join(lines) + r")$", re.IGNORECASE)


# Every aggregator words its chrome its own way ("Get all your news in one place", "Get all
# your stories in one place"), so the patterns are cues, not one site's sentences: imperative
# sign-up, app and membership prompts, and the headers of related-story lists. They match
# whole lines of a few words; a full sentence of the article's text is never dropped
# (`parse_aggregator`), so "Sign up for the scheme closed in May, he said." stays.
_PROMPTS = (
    r"get all (of )?(your|the) [\w' ]{1,30} in one place\.?",
    r"(start|keep|continue) reading( now)?\.?",
    r"(start|try|begin) (your |a |the )?(\w+[- ]day )?free trial.{0,40}",
    r"sign (up|in)\b[^.!?]{0,50}[.!?]?",
    r"(log|sign) ?in( here)?\.?",
    r"subscribe\b[^.!?]{0,50}[.!?]?",
    r"(download|get|install) (the|our) [\w ]{0,20}apps?\b[^.!?]{0,40}[.!?]?",
    r"already (a member|a subscriber|subscribed|have an account)\b[^.!?]{0,40}[.!?]?"
    r"( (sign|log) ?in( here)?\.?)?",
    r"read news from .{0,80}",
    r"one app\b.{0,40}",
    r".{0,40}\bfree trial\b.{0,40}",
    r".{0,40}\b(\d+|one|two|three|seven|fourteen|thirty) days? free\b.{0,40}",
)
# Headers of the lists of other stories an aggregator shows after the article.
_LISTS = (
    r"related (stories|articles|content|news|reading|coverage)",
    r"top stories\b.{0,40}",
    r"(our|editor'?s|editors'?) picks?",
    r"(most read|most popular|trending now|recommended for you)",
)
# Chrome of any web page: dropped wherever it stands, but no sign of an aggregator.
_PAGE_CHROME = (
    r"advertisement",
    r"share (this )?(article|story)",
    r"read more:? .*",
    r"(copyright|©) .*",
)

#: Whole lines an aggregator adds around an article (matched after trimming, any case).
BOILERPLATE = _patterns(*_PROMPTS, *_LISTS, *_PAGE_CHROME)
#: Lines that end the article when they come after its text: a prompt (the free preview
#: ends there) or a list of other stories (headlines that no pattern could recognise).
FOOTER = _patterns(*_PROMPTS, *_LISTS, r"more (from|on) .*")
#: Markers of a page with prompts; two distinct ones, one of them `_AGGREGATOR_ONLY`, make
#: a file "aggregator".
_MARKERS = _patterns(*_PROMPTS, *_LISTS)
#: What only an aggregator's reader shows (one app for many outlets, a free preview that
#: stops): any news site has "Subscribe", "Sign in" and "Most popular" (35 of the 91 real
#: pages of the extraction benchmark have two of those, and the line model reads them
#: better than this parser), so those alone no longer make a file "aggregator".
_AGGREGATOR_ONLY = _patterns(
    r"get all (of )?(your|the) [\w' ]{1,30} in one place\.?",
    r"(start|keep|continue) reading( now)?\.?",
    r"sign up to read this article\.?",
    r"read news from .{0,80}",
    r"one app\b.{0,40}",
    r"(subscribe|sign up) to (keep|continue) reading\.?",
    r".{0,40}\b(\d+|one|two|three|seven|fourteen|thirty) days? free\b.{0,40}",
)
#: Words of the aggregator's own pitch ("One app. One membership.", "100+ trusted global
#: sources", "Hundreds of titles"): a short header line holding one is not metadata.
_PITCH = re.compile(
    r"\b(apps?|membership|subscriptions?|subscribers?|titles|sources|publications|newspapers|"
    r"magazines)\b",
    re.IGNORECASE,
)

_CREDIT_WORDS = (
    r"reuters|afp|getty|ap|pa|epa|shutterstock|alamy|bloomberg|xinhua|anadolu|"
    r"picture|photo|photograph|image|credit|via|handout|file"
)
#: A line that is only a photo credit.
_CREDIT_LINE = re.compile(
    r"^\(?\s*(pictures?|photos?|photograph|images?|credit|pic|illustration)\s*(credit)?\s*:"
    r".*\)?$|^\((?=[^()]*\b(" + _CREDIT_WORDS + r")\b)[^()]*\)$",
    re.IGNORECASE,
)
#: A credit at the end of a caption: "(REUTERS)", "(AFP via Getty Images)", "(Photo: X)".
_CREDIT_TAIL = re.compile(
    r"\((?:[^()]*\b(?:" + _CREDIT_WORDS + r")\b[^()]*|[A-Z][A-Z0-9 .&/-]+)\)$", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_BYLINE = re.compile(r"^by\s+(.+)$", re.IGNORECASE)
_NAME = re.compile(
    r"^[A-Z][\w'’.-]+(?: (?:van|von|de|der|da|di|al|bin|[A-Z][\w'’.-]+)){1,3}"
    r"(?:(?:,| and) [A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3})*$"
)
#: Common section names: a short header line that is one of these is the section.
_SECTION_NAMES = (
    "world|uk|us|uk news|us news|world news|news|politics|business|economy|money|markets|"
    "sport|sports|football|tech|technology|science|health|environment|climate|culture|arts|"
    "entertainment|music|film|books|opinion|comment|analysis|life|lifestyle|travel|food|"
    "education|media|crime|society|europe|asia|africa|americas|middle east|australia|london|"
    "local|national|international|fashion|style|property|motoring|weather"
)
SECTIONS = frozenset(_SECTION_NAMES.split("|"))
# A body paragraph: a full sentence of this many words or more.
_BODY_WORDS = 8
_META_WORDS = 6
# Small words a name may hold in lower case ("Bank of England", "Le Monde").
_JOINING = frozenset("a an and at de del der di du for in la le of on the to van von y".split())


def _key(line: str) -> str:
    """A line as the patterns see it: trimmed, curly apostrophes made straight."""
    return line.strip().replace("’", "'").replace("‘", "'")


def looks_like_aggregator(text: str) -> bool:
    """True when the text has two distinct aggregator markers in its first 300 lines, one of
    them a marker only an aggregator shows (`_AGGREGATOR_ONLY`)."""
    found = {_key(line).lower() for line in text.splitlines()[:300] if _MARKERS.match(_key(line))}
    return len(found) >= 2 and any(_AGGREGATOR_ONLY.match(line) for line in found)


def _ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


def _is_body_paragraph(line: str) -> bool:
    return len(line.split()) >= _BODY_WORDS and _ends_sentence(line) and not _is_caption(line)


def _is_caption(line: str) -> bool:
    """An unpunctuated line ending in a photo credit."""
    match = _CREDIT_TAIL.search(line)
    if match is None or match.start() == 0:
        return False
    return not _ends_sentence(line[: match.start()].strip())


def _is_date(line: str) -> bool:
    if not re.search(r"\d{4}", line):
        return False
    try:
        parse_date(line)
    except ValueError:
        return False
    return True


def _is_title_case(line: str) -> bool:
    """Every word capitalised but small joining words: a name ("The Gull Point Gazette",
    "Naomi Okafor", "World"), not a prompt ("Your daily briefing")."""
    words = line.split()
    return (
        bool(words)
        and words[0][:1].isupper()
        and all(not w[:1].isalpha() or w[:1].isupper() or w.lower() in _JOINING for w in words)
    )


def _is_meta_line(line: str) -> bool:
    """A header line that can be metadata: a byline, a date, or a short name that is
    neither a sentence nor the aggregator's pitch ("Hundreds of trusted newspapers.")."""
    if _BYLINE.match(line) or _is_date(line):
        return True
    return len(line.split()) <= _META_WORDS and not _ends_sentence(line) and not _PITCH.search(line)


def _assign_meta(
    lines: list[str], fields: dict[str, Any], removed: list[str], unassigned: list[str]
) -> None:
    """Outlet, section, byline and date from the header lines above the headline.

    Sentences and pitch lines among them are the aggregator's and go to `removed`. Of
    the rest, "By X" is the author and a date the date, wherever they stand; the outlet
    is the name given twice in a row (logo, then name), else the first capitalised one
    (lines above it are the aggregator's header: `removed`). After it come the section
    (a known section name, else a line of one to three words) and the byline (a
    person's name: two to four capitalised words, the last such line).
    """
    rest: list[str] = []
    repeated: str | None = None
    for line in lines:
        if not _is_meta_line(line):
            removed.append(line)
        elif rest and line == rest[-1]:
            repeated = repeated or line
        elif (byline := _BYLINE.match(line)) and "author" not in fields:
            fields["author"] = byline.group(1)
        elif _is_date(line) and "published_at" not in fields:
            fields["published_at"] = line
        else:
            rest.append(line)
    if not rest:
        return
    outlet_at = (
        rest.index(repeated)
        if repeated is not None
        else next((i for i, line in enumerate(rest) if _is_title_case(line)), 0)
    )
    removed.extend(rest[:outlet_at])
    fields["outlet"] = rest[outlet_at]
    rest = rest[outlet_at + 1 :]
    section = next((line for line in rest if line.lower() in SECTIONS), None)
    if "author" not in fields:
        names = [line for line in rest if line != section and _NAME.match(line)]
        if names:
            fields["author"] = names[-1]
    if section is None:
        section = next(
            (line for line in rest if line != fields.get("author") and len(line.split()) <= 3),
            None,
        )
    if section is not None:
        fields["section"] = section
    unassigned.extend(line for line in rest if line not in (section, fields.get("author")))


def _drop_captions(lines: list[str | None], removed: list[str]) -> list[str]:
    """Remove credit lines with the unpunctuated caption above them, and captioned lines."""
    kept: list[str] = []
    for line in lines:
        if line is None:  # a blank line
            continue
        if _CREDIT_LINE.match(line):
            removed.append(line)
            if kept and not _ends_sentence(kept[-1]):
                removed.append(kept.pop())
        elif _is_caption(line):
            removed.append(line)
        else:
            kept.append(line)
    return kept


def parse_aggregator(text: str) -> dict[str, Any]:
    """Split an aggregator paste into article fields.

    Returns a dict with keys title, body (paragraphs separated by blank lines) and,
    when found, outlet, section, author, published_at (the date as written), lead
    (a standfirst), aggregator_removed (the dropped lines) and header_lines (header
    lines that could not be assigned).
    """
    removed: list[str] = []
    lines: list[str | None] = []  # None marks a blank line
    started = False
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for at, raw in enumerate(raw_lines):
        line = raw.strip()
        if not line:
            lines.append(None)
            continue
        paragraph = _is_body_paragraph(line)
        # Once the text began, a full sentence is the article's even when it starts like a
        # prompt ("Sign up for the trial closed in May, the company said.").
        if started and not paragraph and FOOTER.match(_key(line)):
            removed.extend(x.strip() for x in raw_lines[at:] if x.strip())
            break
        if not (started and paragraph) and BOILERPLATE.match(_key(line)):
            removed.append(line)
            continue
        started = started or paragraph
        lines.append(line)

    first_body = next(
        (i for i, line in enumerate(lines) if line is not None and _is_body_paragraph(line)),
        len(lines),
    )
    header, body_lines = lines[:first_body], lines[first_body:]
    # The headline stands alone between blank lines (or the header's edges).
    headline_at = None
    for i, candidate in enumerate(header):
        alone = (i == 0 or header[i - 1] is None) and (
            i + 1 >= len(header) or header[i + 1] is None
        )
        if (
            candidate is not None
            and alone
            and not _CREDIT_LINE.match(candidate)
            and len(candidate.split()) >= 3
        ):
            headline_at = i
            break
    fields: dict[str, Any] = {}
    unassigned: list[str] = []
    if headline_at is None:
        meta = [x for x in header if x is not None and len(x.split()) <= _META_WORDS]
        after = [x for x in header if x is not None and len(x.split()) > _META_WORDS]
        fields["title"] = after.pop(0) if after else ""
    else:
        meta = [x for x in header[:headline_at] if x is not None]
        after = [x for x in header[headline_at + 1 :] if x is not None]
        fields["title"] = header[headline_at] or ""
    _assign_meta(meta, fields, removed, unassigned)
    standfirst = _drop_captions(list(after), removed)
    if standfirst:
        fields["lead"] = "\n\n".join(standfirst)
    fields["body"] = "\n\n".join(_drop_captions(body_lines, removed))
    if removed:
        fields["aggregator_removed"] = removed
    if unassigned:
        fields["header_lines"] = unassigned
    return fields
