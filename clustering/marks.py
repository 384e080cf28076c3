"""Marks: a user's verdict ("wrong" or "right") on a comparison flag, kept in the corpus.

A flag is a group of the compare tables: a group of number claims (a conflict, an update,
an agreement) or a group of quote versions. Story ids change when `storylens add`
re-clusters a story, and group ids change when a group gains or loses a claim, so a mark
names its flag by the figures it was given on: the members, one key per flagged figure,

    "<article_id>:<start>-<end>"        a figure or quote at body offsets [start, end)
    "<article_id>:title:<start>-<end>"  a figure in the article's title
    "<article_id>:#<8 hex>"             a quote whose place in the body was not found

Articles never change once in the corpus, so neither do these keys. The marks log
(the corpus's `marks` table, schema MARKS) is append-only: a later verdict on the same flag
is a new row, "cleared" withdraws the earlier ones, and nothing is ever dropped.
`mark_states` re-attaches each flag's latest verdict to the group that holds its figures
now; a flag whose figures no group holds together any more is kept as "orphaned".
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections import Counter
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Literal

import polars as pl

from clustering import schema
from clustering.corpus import Corpus, CorpusError
from clustering.text import split_sentences

__all__ = [
    "KINDS",
    "VERDICTS",
    "attach_marks",
    "flag_members",
    "latest_marks",
    "locate_quote",
    "mark_flag",
    "mark_states",
    "member_article",
    "needs_articles",
    "read_marks",
    "remark",
]

Kind = Literal["numbers", "quotes"]
Verdict = Literal["wrong", "right", "cleared"]
#: The compare tables whose groups can be marked.
KINDS: tuple[str, ...] = ("numbers", "quotes")
VERDICTS: tuple[str, ...] = ("wrong", "right", "cleared")

_MEMBER = re.compile(r"^(?P<article>.+?):(?:(?:title:)?\d+-\d+|#[0-9a-f]{8})$")
# What may stand between two words of a quote joined across paragraphs: space, quote marks.
_QUOTE_GAP = r"[\s\"'\u201c\u201d\u2018\u2019\u00ab\u00bb]+"


def _check(value: str, allowed: tuple[str, ...], name: str) -> None:
    if value not in allowed:
        raise ValueError(f"{name} should be one of {list(allowed)}. Got {value!r} instead.")


def member_article(member: str) -> str:
    """The article id of a member key ("a1b2:120-131" -> "a1b2")."""
    match = _MEMBER.match(member)
    if match is None:
        raise ValueError(f"member should be '<article_id>:<start>-<end>'. Got {member!r} instead.")
    return match["article"]


def flag_key(kind: str, members: list[str]) -> str:
    """ "k-" + 12 hex chars of sha256 over the kind and the sorted members: the same
    figures give the same key whatever story or group holds them."""
    payload = kind + "|" + "|".join(sorted(members))
    return "k-" + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]


def _text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:8]


def _number_member(row: Mapping[str, Any], article: Mapping[str, Any] | None) -> str:
    """The member key of one NUMBER_CLAIMS row: its stored offsets, else found again in
    the article (claims written before the offsets were stored)."""
    aid, text, index = row["article_id"], row["text"] or "", row["sentence_index"]
    prefix = f"{aid}:title:" if index == -1 else f"{aid}:"
    if row.get("start") is not None and row.get("end") is not None:
        return f"{prefix}{row['start']}-{row['end']}"
    if article is not None:
        if index == -1:
            at = (article["title"] or "").find(text)
        else:
            body = article["body"] or ""
            sentences = split_sentences(body)
            from_ = sentences[index].start if 0 <= index < len(sentences) else 0
            at = body.find(text, from_)
            at = body.find(text) if at < 0 else at
        if at >= 0 and text:
            return f"{prefix}{at}-{at + len(text)}"
    return f"{aid}:#{_text_hash(text)}"


def _quote_member(row: Mapping[str, Any], article: Mapping[str, Any] | None) -> str:
    """The member key of one QUOTE_GROUPS row: its stored offsets, else the quote's words
    found again in the body (across paragraph breaks and quote marks)."""
    aid, text = row["article_id"], row["text"] or ""
    if row.get("start") is not None and row.get("end") is not None:
        return f"{aid}:{row['start']}-{row['end']}"
    found = locate_quote(text, article["body"] or "") if article is not None else None
    if found is not None:
        return f"{aid}:{found[0]}-{found[1]}"
    return f"{aid}:#{_text_hash(text)}"


def locate_quote(text: str, body: str) -> tuple[int, int] | None:
    """Body offsets [start, end) of a quote's words (QUOTES' text: marks removed,
    paragraphs joined by a space), found again across line breaks and quote marks; the
    first occurrence; None when the words are not in `body`."""
    words = text.split()
    if not words:
        return None
    head = re.search(_QUOTE_GAP.join(map(re.escape, words[:12])), body)
    if head is None:
        return None
    tail = re.compile(_QUOTE_GAP.join(map(re.escape, words[-12:])))
    end = tail.search(body, head.start())
    return (head.start(), end.end()) if end is not None else None


def needs_articles(rows: pl.DataFrame) -> bool:
    """Whether some row of a compare table has no stored offsets, so that `flag_members`
    must find its figure in the article's text."""
    if not {"start", "end"} <= set(rows.columns):
        return rows.height > 0
    return rows["start"].null_count() + rows["end"].null_count() > 0


def flag_members(kind: str, rows: pl.DataFrame, articles: pl.DataFrame | None) -> pl.Series:
    """The member key of each row of a compare table (NUMBER_CLAIMS or QUOTE_GROUPS rows,
    any extra columns), in row order: pl.Series "member" of str, one per row.

    `articles` (article_id, title, body of the rows' articles) is read for rows without
    stored offsets; it may be None only when every row has them (`needs_articles`), as the
    same figure must always get the same key."""
    _check(kind, KINDS, "kind")
    if articles is None and needs_articles(rows):
        raise ValueError(
            "articles should be given for compare rows without offsets. Got None instead."
        )
    by_id: dict[str, dict[str, Any]] = {}
    if articles is not None:
        by_id = {
            r["article_id"]: r
            for r in articles.select("article_id", "title", "body").iter_rows(named=True)
        }
    member = _number_member if kind == "numbers" else _quote_member
    keys = [member(row, by_id.get(row["article_id"])) for row in rows.iter_rows(named=True)]
    return pl.Series("member", keys, dtype=pl.String)


def read_marks(corpus: Corpus) -> pl.DataFrame:
    """The marks log of `corpus` (MARKS), in the order the marks were given; empty when
    nothing was marked."""
    return corpus.read("marks")


def _figure(row: Mapping[str, Any]) -> str:
    return f"{row['outlet'] or row['article_id']}: {row['text']}"


def _texts(corpus: Corpus, ids: list[str], needed: bool) -> pl.DataFrame | None:
    """article_id, title, body of the articles `ids` when `needed`, else None."""
    if not needed:
        return None
    return (
        corpus.scan("articles")
        .filter(pl.col("article_id").is_in(ids))
        .select("article_id", "title", "body")
        .collect()
    )


def mark_flag(
    corpus: Corpus,
    kind: str,
    story_id: str,
    group_id: str,
    verdict: str,
    who: str = "",
    note: str = "",
    at: datetime | None = None,
) -> dict[str, Any]:
    """Record a verdict on the group `group_id` of story `story_id`'s `kind` comparison
    ("numbers" or "quotes"), as the corpus holds it now: one MARKS row appended to the log.
    Returns that row. Raises ValueError for an unknown kind/verdict or group, CorpusError
    when the corpus has no such comparison table."""
    _check(kind, KINDS, "kind")
    _check(verdict, VERDICTS, "verdict")
    corpus.require()
    table = corpus.scan_comparison(kind)
    if table is None:
        raise CorpusError(
            f"{corpus.path} has no {kind} comparison: rebuild it with "
            f"`storylens run INPUT... --out {corpus.path} --overwrite`"
        )
    rows = (
        table.filter((pl.col("story_id") == story_id) & (pl.col("group_id") == group_id))
        .collect()
        .sort("article_id")
    )
    if rows.height == 0:
        raise ValueError(
            f"group_id should be a {kind} group of story {story_id}. Got {group_id!r} instead: "
            f"list them with `storylens compare {story_id} --json`"
        )
    articles = _texts(corpus, rows["article_id"].unique().to_list(), needs_articles(rows))
    members = sorted(set(flag_members(kind, rows, articles).to_list()))
    first = rows.row(0, named=True)
    mark = {
        "mark_id": "m-" + uuid.uuid4().hex[:12],
        "at": at or datetime.now(UTC),
        "who": who.strip(),
        "kind": kind,
        "flag_key": flag_key(kind, members),
        "members": members,
        "verdict": verdict,
        "note": note.strip(),
        "story_id": story_id,
        "group_id": group_id,
        "status": first["status"],
        "label": first["quantity"] if kind == "numbers" else first["speaker"],
        "figures": [_figure(r) for r in rows.iter_rows(named=True)],
    }
    corpus.append("marks", pl.DataFrame([mark], schema=schema.MARKS))
    return mark


def remark(
    corpus: Corpus,
    flag: str,
    verdict: str,
    who: str = "",
    note: str = "",
    at: datetime | None = None,
) -> dict[str, Any]:
    """A new verdict on a flag already marked, named by its flag_key: for a flag no group
    shows any more (orphaned), whose verdict can still be changed or withdrawn
    ("cleared"). One MARKS row appended, its figures, story and group those of the flag's
    latest mark; returns it. Raises ValueError for an unknown flag_key or verdict."""
    _check(verdict, VERDICTS, "verdict")
    earlier = read_marks(corpus).filter(pl.col("flag_key") == flag)
    if earlier.height == 0:
        raise ValueError(f"flag should be the flag_key of a marked flag. Got {flag!r} instead.")
    mark = {
        **earlier.row(earlier.height - 1, named=True),
        "mark_id": "m-" + uuid.uuid4().hex[:12],
        "at": at or datetime.now(UTC),
        "who": who.strip(),
        "verdict": verdict,
        "note": note.strip(),
    }
    corpus.append("marks", pl.DataFrame([mark], schema=schema.MARKS))
    return mark


def latest_marks(log: pl.DataFrame) -> pl.DataFrame:
    """One row per marked flag: its latest verdict (MARKS columns) and n_marks (verdicts
    given on it, that one included), oldest latest verdict first. Flags whose
    latest verdict is "cleared" are left out (the log keeps them)."""
    schema.validate(log, schema.MARKS, "marks")
    numbered = log.select(list(schema.MARKS)).with_row_index("_seq")
    latest = (
        numbered.group_by("flag_key", maintain_order=True)
        .agg(pl.all().sort_by("_seq").last(), pl.len().cast(pl.Int64).alias("n_marks"))
        .sort("_seq")
    )
    return latest.filter(pl.col("verdict") != "cleared").select(*schema.MARKS, "n_marks")


_Place = tuple[str, str, str]  # story_id, group_id, status
_SPAN = re.compile(r"^(?P<article>.+?):(?P<part>title:)?(?P<start>\d+)-(?P<end>\d+)$")
#: A marked figure is the current one at the same place when their spans overlap by at
#: least this share of the shorter: an extractor that later reads "12 workers killed"
#: instead of "12 workers" (or a quote with its comma) must not orphan the marks on it.
SPAN_OVERLAP = 0.5


def _span(member: str) -> tuple[str, str, int, int] | None:
    match = _SPAN.match(member)
    if match is None:
        return None
    return match["article"], match["part"] or "", int(match["start"]), int(match["end"])


def _find(
    member: str,
    spans: Mapping[tuple[str, str], list[tuple[int, int, _Place]]],
    hashed: Mapping[str, _Place],
) -> _Place | None:
    """The place (story, group, status) of the current figure that is `member`: the same
    key, else the most overlapping span of the same article and part (`SPAN_OVERLAP`)."""
    span = _span(member)
    if span is None:
        return hashed.get(member)
    article, part, start, end = span
    best: tuple[float, _Place] | None = None
    for other_start, other_end, place in spans.get((article, part), []):
        overlap = min(end, other_end) - max(start, other_start)
        shorter = max(1, min(end - start, other_end - other_start))
        share = overlap / shorter
        if share >= SPAN_OVERLAP and (best is None or share > best[0]):
            best = (share, place)
    return best[1] if best is not None else None


def attach_marks(
    latest: pl.DataFrame,
    comparisons: Mapping[str, pl.DataFrame],
    articles: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Where each marked flag is now (MARK_STATES), in `latest`'s order.

    latest: `latest_marks`' frame. comparisons: kind -> the current compare table (with
    story_id; only the rows of the marks' articles are needed). articles: article_id,
    title, body of those articles, for tables without stored offsets.

    Each member is found again as the current figure with the same key or, as extractors
    change, the one whose span overlaps it most (`SPAN_OVERLAP`). A flag is attached to
    the current group holding the most of its members, when that group holds all of them
    or at least two (the pair of figures that was compared; a group that gained a third
    outlet still is the flag). Otherwise it is orphaned: kept, with null current_*
    columns and n_found 0.
    """
    missing = [c for c in [*schema.MARKS, "n_marks"] if c not in latest.columns]
    if missing:
        raise schema.SchemaError(f"latest marks frame should have columns {missing}.")
    # kind -> (article, part) -> [(start, end, place)]; kind -> hash key -> place
    spans: dict[str, dict[tuple[str, str], list[tuple[int, int, _Place]]]] = {}
    hashed: dict[str, dict[str, _Place]] = {}
    for kind, table in comparisons.items():
        if kind not in KINDS or table.height == 0:
            continue
        members = flag_members(kind, table, articles)
        rows_of = table.select("story_id", "group_id", "status").iter_rows()
        for member, (story, group, status) in zip(members, rows_of, strict=True):
            place: _Place = (story, group, status)
            span = _span(member)
            if span is None:
                hashed.setdefault(kind, {})[member] = place
            else:
                article, part, start, end = span
                spans.setdefault(kind, {}).setdefault((article, part), []).append(
                    (start, end, place)
                )
    rows = []
    for mark in latest.iter_rows(named=True):
        found: Counter[_Place] = Counter()
        for member in mark["members"]:
            now = _find(member, spans.get(mark["kind"], {}), hashed.get(mark["kind"], {}))
            if now is not None:
                found[now] += 1
        best = min(found.items(), key=lambda kv: (-kv[1], kv[0]), default=None)
        size = len(mark["members"])
        if best is not None and (best[1] == size or best[1] >= 2):
            (story, group, status), n = best
            place_columns = {"state": "attached", "current_story_id": story,
                             "current_group_id": group, "current_status": status,
                             "n_found": n}  # fmt: skip
        else:
            place_columns = {"state": "orphaned", "current_story_id": None,
                             "current_group_id": None, "current_status": None,
                             "n_found": 0}  # fmt: skip
        rows.append({**mark, **place_columns})
    return pl.DataFrame(rows, schema=schema.MARK_STATES)


def mark_states(corpus: Corpus) -> pl.DataFrame:
    """MARK_STATES of `corpus`: every flag's latest verdict and where its figures are now
    (see `attach_marks`). Reads only the compare rows and articles the marks name."""
    latest = latest_marks(read_marks(corpus))
    if latest.height == 0:
        return schema.empty(schema.MARK_STATES)
    ids = sorted({member_article(m) for ms in latest["members"].to_list() for m in ms})
    comparisons: dict[str, pl.DataFrame] = {}
    for kind in sorted(set(latest["kind"].to_list()) & set(KINDS)):
        table = corpus.scan_comparison(kind)
        if table is not None:
            comparisons[kind] = table.filter(pl.col("article_id").is_in(ids)).collect()
    needed = any(needs_articles(table) for table in comparisons.values())
    return attach_marks(latest, comparisons, _texts(corpus, ids, needed))
