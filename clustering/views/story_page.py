"""Frames and HTML the Story page (app_pages/story.py) shows for one story: coverage,
timeline, headlines, the number and quote matrices, flags side by side with their marks,
framing, exclusive facts, and the story's changes over time.

Comparison tables may be absent (a corpus compared before they existed): a panel then says
`NO_COMPARISON` instead of failing.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime, time, timedelta
from difflib import SequenceMatcher
from typing import Any

import polars as pl

from clustering import schema
from clustering.compare.number_claims import left_out_reason
from clustering.compare.quote_groups import version_wording
from clustering.marks import locate_quote
from clustering.schema import require_columns
from clustering.text import split_sentences
from clustering.views.safe import (
    diff_html,
    escape_markdown,
    highlight_html,
    side_by_side_html,
)

#: What a panel says when its comparison table is not in the corpus (built before it existed).
NO_COMPARISON = "No comparison computed for this corpus."
# Flags first (conflicts, then updates: both are shown side by side below the matrix),
# then what overlaps, agrees, or one outlet alone states.
_STATUS_ORDER = {"conflict": 0, "update": 1, "compatible": 2, "agree": 3, "single": 4}
_WORD_RE = re.compile(r"\w+")


def _diff_texts(row: dict[str, Any]) -> tuple[str, str]:
    """(the group's reference, the version) of a quote version, rebuilt from its `diff`."""
    diff = row["diff"] or []
    reference = "".join(span["text"] for span in diff if span["kind"] != "insert")
    text = "".join(span["text"] for span in diff if span["kind"] != "delete")
    return reference, text


def _wording_of(row: dict[str, Any]) -> str:
    reference, text = _diff_texts(row)
    return version_wording(reference, text, bool(row["is_truncated"]), bool(row.get("translated")))


def _words_alike(row: dict[str, Any]) -> float:
    """Percent of the shorter text's words (case aside) found, in order, in the longer:
    the version against its group's reference, both rebuilt from its `diff`. A fragment
    quoted word for word is 100; "direct action" of "... taking direct actions ..." is 50,
    where the grouping's character similarity reads 100."""
    reference, text = _diff_texts(row)
    a, b = _WORD_RE.findall(reference.lower()), _WORD_RE.findall(text.lower())
    if not a or not b:
        return 100.0 if a == b else 0.0
    matched = sum(
        block.size for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    )
    return 100.0 * matched / min(len(a), len(b))


def quote_wording(quotes: pl.DataFrame) -> pl.Expr:
    """A quote version against its group's reference (rebuilt from its `diff`), by
    `clustering.compare.quote_groups.version_wording`: "translated" (another language,
    matched by meaning: QUOTE_GROUPS.translated; absent in older tables), "verbatim" (the
    reference's words, case and punctuation aside, or whole sentences of it word for word),
    "truncated" (QUOTE_GROUPS.is_truncated) or "reworded" (words changed)."""
    fields = [pl.col("diff"), pl.col("is_truncated").fill_null(False)]
    if "translated" in quotes.columns:
        fields.append(pl.col("translated").fill_null(False))
    return pl.struct(fields).map_elements(_wording_of, return_dtype=pl.String)


def is_reworded(quotes: pl.DataFrame) -> pl.Expr:
    """Whether a quote version's words differ from its group's reference other than by a
    cut or an excerpt of whole sentences (`quote_wording` is "reworded"): case, punctuation,
    quote marks and whitespace are layout, not wording."""
    return quote_wording(quotes) == "reworded"


def coverage(articles: pl.DataFrame) -> pl.DataFrame:
    """Who covered one story, first reporter first: one row per outlet ("" for unknown).

    articles: ARTICLES of the story (`clustering.pipeline.story_articles`). Columns:
    outlet, n_articles (independent), n_copies (duplicates, e.g. wire copies),
    first_published, hours_after_first (f64, since the story's earliest article; null
    when unknown), is_first (the outlet(s) of the earliest independent article),
    languages (the outlet's article languages, ISO 639-1 codes as "en, es"; "" unknown).
    """
    schema.validate(articles, schema.ARTICLES, "articles")
    is_copy = pl.col("duplicate_of").is_not_null()
    lang = pl.col("lang").fill_null("")
    per_outlet = articles.group_by("outlet").agg(
        (~is_copy).sum().cast(pl.Int64).alias("n_articles"),
        is_copy.sum().cast(pl.Int64).alias("n_copies"),
        pl.col("published_at").min().alias("first_published"),
        lang.filter(lang != "").unique().sort().str.join(", ").alias("languages"),
    )
    earliest = articles.filter(~is_copy)["published_at"].min()
    if earliest is None:
        earliest = articles["published_at"].min()
    # Typed: a story of undated articles has no earliest, and "datetime - null" raises.
    first = pl.lit(earliest, dtype=articles.schema["published_at"])
    hours = (pl.col("first_published") - first).dt.total_seconds() / 3600.0
    return (
        per_outlet.with_columns(
            hours.cast(pl.Float64).alias("hours_after_first"),
            ((pl.col("first_published") == first) & (pl.col("n_articles") > 0))
            .fill_null(False)
            .alias("is_first"),
        )
        .select(pl.exclude("languages"), "languages")
        .sort(["first_published", "outlet"], nulls_last=True)
    )


def timeline(articles: pl.DataFrame) -> pl.DataFrame:
    """Points of the publication timeline chart: outlet, published_at, kind ("original" or
    "copy"), article_id; articles of unknown date left out; earliest first."""
    schema.validate(articles, schema.ARTICLES, "articles")
    return (
        articles.filter(pl.col("published_at").is_not_null())
        .select(
            pl.when(pl.col("outlet") == "")
            .then(pl.lit("(unknown)"))
            .otherwise("outlet")
            .alias("outlet"),
            "published_at",
            pl.when(pl.col("duplicate_of").is_null())
            .then(pl.lit("original"))
            .otherwise(pl.lit("copy"))
            .alias("kind"),
            "article_id",
        )
        .sort("published_at", "article_id")
    )


def timeline_format(points: pl.DataFrame) -> str:
    """The d3 time format of the timeline's axis (`timeline`'s points): days and hours for
    a story of two days or less ("Nov 09 18:00"), dates beyond ("2016-11-09")."""
    require_columns(points, ["published_at"], "timeline")
    span = points.select(pl.col("published_at").max() - pl.col("published_at").min()).item()
    short = isinstance(span, timedelta) and span.total_seconds() <= 2 * 86400
    return "%b %d %H:%M" if short else "%Y-%m-%d"


def _first_sentence(text: pl.Expr) -> pl.Expr:
    # Up to the first sentence end followed by a space, else the whole first line.
    return text.fill_null("").str.strip_chars().str.extract(r"^([^\n]*?[.!?])(?:\s|$)", 1)


def headlines(articles: pl.DataFrame, framing: pl.DataFrame | None = None) -> pl.DataFrame:
    """Headlines and leads side by side: one row per article of a story, earliest first.

    Columns: article_id, outlet, lang (ISO 639-1, "" unknown), published_at, title,
    lead_sentence, is_copy, no_article (ARTICLES.no_article_reason: why a page holds no
    article of its own, null for an article).
    lead_sentence comes from the framing comparison when it has the article, else it is
    the first sentence of the article's lead (or of its body when the lead is empty).
    """
    schema.validate(articles, schema.ARTICLES, "articles")
    lead_text = (
        pl.when(pl.col("lead").fill_null("").str.strip_chars() != "").then("lead").otherwise("body")
    )
    frame = articles.with_columns(
        pl.coalesce(_first_sentence(lead_text), lead_text.fill_null("").str.slice(0, 300)).alias(
            "lead_sentence"
        ),
        pl.col("duplicate_of").is_not_null().alias("is_copy"),
    )
    if framing is not None and framing.height:
        require_columns(framing, ["article_id", "lead_sentence"], "framing")
        frame = frame.join(
            framing.select("article_id", pl.col("lead_sentence").alias("framed")),
            on="article_id",
            how="left",
        ).with_columns(pl.coalesce("framed", "lead_sentence").alias("lead_sentence"))
    return frame.select(
        "article_id",
        "outlet",
        pl.col("lang").fill_null(""),
        "published_at",
        "title",
        "lead_sentence",
        "is_copy",
        pl.col("no_article_reason").alias("no_article"),
    ).sort("published_at", "outlet", "article_id", nulls_last=True)


def numbers_matrix(numbers: pl.DataFrame) -> pl.DataFrame:
    """The numbers of one story, quantity x outlet: one row per group of claims about one
    quantity, conflicts first (then update, compatible, agree, single), then by quantity.

    Columns: group_id, quantity, status, then one column per outlet (sorted) holding the
    number as that outlet wrote it (several claims joined with " / "; null when the outlet
    did not state it).
    """
    require_columns(
        numbers, ["group_id", "status", "quantity", "outlet", "text", "article_id"], "numbers"
    )
    if numbers.height == 0:
        return pl.DataFrame(
            schema={"group_id": pl.String, "quantity": pl.String, "status": pl.String}
        )
    groups = numbers.group_by("group_id").agg(pl.col("quantity").first(), pl.col("status").first())
    cells = (
        numbers.sort("article_id")
        .group_by("group_id", "outlet")
        .agg(pl.col("text").unique(maintain_order=True).str.join(" / "))
        .pivot(on="outlet", index="group_id", values="text")
    )
    outlets = sorted(c for c in cells.columns if c != "group_id")
    return (
        groups.join(cells, on="group_id")
        .with_columns(
            pl.col("status")
            .replace_strict(_STATUS_ORDER, default=9, return_dtype=pl.Int64)
            .alias("_order")
        )
        .sort("_order", "quantity", "group_id")
        .select("group_id", "quantity", "status", *outlets)
    )


def fullest_first(
    cells: pl.DataFrame, columns: Iterable[str], lead: pl.Series | None = None
) -> list[str]:
    """`columns` of a matrix (outlets' columns of text, "" or null where empty) that hold
    a value, most filled first, then by name: with seven to nine outlets only three or
    four columns are in view at 1400 px, and alphabetical order left rows of the real
    crawl's stories empty-looking there ("date · agree · 2" and nothing else) while their
    figures sat in columns off screen.

    `lead`: a boolean mask of the rows read first (the flagged ones, at the top); the
    columns filled in those rows come first, most filled there first. The Panama Papers
    grid's first row, its one conflict, showed two empty cells: its three outlets gave
    fewer figures than the two columns in view."""
    filled = {c: int((cells[c].fill_null("") != "").sum()) for c in columns}
    first = {c: 0 for c in filled}
    if lead is not None:
        top = cells.filter(lead)
        first = {c: int((top[c].fill_null("") != "").sum()) for c in filled}
    return sorted((c for c in filled if filled[c]), key=lambda c: (-first[c], -filled[c], c))


def number_groups(numbers: pl.DataFrame) -> dict[str, str]:
    """group_id -> "quantity · status · figures" (plain text, for a select box) of every
    group two outlets or more give (`numbers_matrix` rows but single), in its order: the
    choice of a group whose outlets' sentences to read side by side. Labels that would be
    alike end with the outlets that give the figures ("year · agree · 2018 · BBC, RT")."""
    matrix = numbers_matrix(numbers).filter(pl.col("status") != "single")
    outlets = [c for c in matrix.columns if c not in ("group_id", "quantity", "status")]
    labels = {}
    givers: dict[str, str] = {}
    for row in matrix.iter_rows(named=True):
        # Each figure once: the crawl's Nice story offered "thousands of people / thousands
        # of people started / thousands of people / thousands of people / ..." (three
        # outlets' cells, one of them two figures).
        figures = " / ".join(
            dict.fromkeys(f for o in outlets if row[o] for f in row[o].split(" / "))
        )
        labels[row["group_id"]] = f"{row['quantity'] or 'quantity'} · {row['status']} · {figures}"
        givers[row["group_id"]] = ", ".join(o for o in outlets if row[o])
    # Two rows alike ("year · agree · 2018" twice, of other outlets, in the real crawl's
    # Hawaiian flight story) were two options no one could tell apart: name their outlets.
    seen = Counter(labels.values())
    return {
        group: f"{label} · {givers[group]}" if seen[label] > 1 else label
        for group, label in labels.items()
    }


def single_figures(numbers: pl.DataFrame, sentences: bool = False) -> pl.DataFrame:
    """The figures of one story that only one outlet gives (status "single"), one row per
    claim: outlet, quantity, text (and, with `sentences`, the sentence it stands in: a
    figure is checked against its words); by outlet, quantity, text. The matrix leaves
    them out: a row with one filled cell out of many outlets' columns compares nothing,
    and they are most of a story's rows (the Croydon tram story, news-please: 55 of 80)."""
    columns = ["outlet", "quantity", "text", *(["sentence"] if sentences else [])]
    require_columns(numbers, ["status", *columns], "numbers")
    return (
        numbers.filter(pl.col("status") == "single")
        .select(columns)
        .unique(maintain_order=True)
        .sort(columns, nulls_last=True)
    )


def numbers_left_out(numbers: pl.DataFrame) -> str | None:
    """A line telling how many of the story's figures were not compared across outlets
    because they sit in tables (`number_claims.left_out_reason`: a story whose figures
    would pass the pair cap), e.g. "3,980 figures in table rows (sentences of 5 figures or
    more) were not compared across outlets: ..."; None when every figure was compared."""
    require_columns(numbers, ["reason"], "numbers")
    left = left_out_reason(numbers)
    if left is None:
        return None
    return (
        f"{left['figures']:,} {'figure' if left['figures'] == 1 else 'figures'} in table rows"
        f" (sentences of {left['sentence_figures']} figures or more) were not compared across"
        f" outlets: this story has too many figures to compare every pair (over"
        f" {left['pair_cap']:,} pairs). They are listed as figures one outlet gives."
    )


def quote_matrix(quotes: pl.DataFrame) -> pl.DataFrame:
    """The quotes of one story, quote x outlet: one row per quote group, shared quotes
    first, then by number of outlets (descending), speaker, group_id.

    Columns: group_id, speaker, status, n_outlets, quote (the group's reference: its
    longest version not translated), then one column per outlet (sorted): "only here" (a
    quote no other outlet carries: status "single"), "verbatim" (the
    reference's words, case and punctuation aside, or whole sentences of it word for word),
    "truncated" (the comparison flagged it as cut short), "reworded" (words changed), "translated" (in another language,
    matched by meaning), or null when the outlet did not carry the quote. An outlet
    quoting a group twice shows its most changed version.
    """
    require_columns(
        quotes,
        ["group_id", "speaker", "status", "outlet", "text", "is_truncated", "diff", "article_id"],
        "quotes",
    )
    if quotes.height == 0:
        return pl.DataFrame(
            schema={
                "group_id": pl.String,
                "speaker": pl.String,
                "status": pl.String,
                "n_outlets": pl.Int64,
                "quote": pl.String,
            }
        )
    rank = {"only here": 0, "verbatim": 0, "truncated": 1, "reworded": 2, "translated": 3}
    # A quote one outlet alone carries has no other version to be verbatim against: its
    # cell said "verbatim", which reads as "the same words as the others".
    versions = quotes.with_columns(
        pl.when(pl.col("status") != "shared")
        .then(pl.lit("only here"))
        .otherwise(quote_wording(quotes))
        .alias("wording")
    )
    groups = versions.group_by("group_id").agg(
        pl.col("speaker").drop_nulls().first(),
        pl.col("status").first(),
        pl.col("outlet").n_unique().cast(pl.Int64).alias("n_outlets"),
        pl.col("text")
        .sort_by(
            # A translation is never the quote shown: the reference's language is.
            pl.col("wording") == "translated",
            pl.col("text").str.len_chars(),
            "article_id",
            descending=[False, True, False],
        )
        .first()
        .alias("quote"),
    )
    cells = (
        versions.with_columns(
            pl.col("wording").replace_strict(rank, return_dtype=pl.Int64).alias("_rank")
        )
        .group_by("group_id", "outlet")
        .agg(pl.col("wording").sort_by("_rank", descending=True).first())
        .pivot(on="outlet", index="group_id", values="wording")
    )
    outlets = sorted(c for c in cells.columns if c != "group_id")
    return (
        groups.join(cells, on="group_id")
        .with_columns((pl.col("status") != "shared").alias("_single"))
        .sort(
            ["_single", "n_outlets", "speaker", "group_id"],
            descending=[False, True, False, False],
            nulls_last=True,
        )
        .select("group_id", "speaker", "status", "n_outlets", "quote", *outlets)
    )


def quote_versions(quotes: pl.DataFrame, group_id: str) -> pl.DataFrame:
    """Every outlet's version of one quote group, reference (fewest changes) first.

    Columns: outlet, article_id, text, is_truncated, similarity, diff (the word diff
    against the reference, render with `diff_html`).
    """
    require_columns(
        quotes,
        ["group_id", "outlet", "article_id", "text", "is_truncated", "similarity", "diff"],
        "quotes",
    )
    return (
        quotes.filter(pl.col("group_id") == group_id)
        .select("outlet", "article_id", "text", "is_truncated", "similarity", "diff")
        .sort(
            ["similarity", "outlet", "article_id"], descending=[True, False, False], nulls_last=True
        )
    )


#: Number statuses shown as flags, side by side, for a user to mark: values that cannot
#: both hold, and values that changed as the story went on.
FLAG_STATUSES = ("conflict", "update")
_FLAG_ORDER = {status: i for i, status in enumerate(FLAG_STATUSES)}


def _reason_fields(reason: str | None) -> dict[str, Any]:
    if not reason:
        return {}
    try:
        fields = json.loads(reason)
    except ValueError:
        return {}
    return fields if isinstance(fields, dict) else {}


#: NUMBER_CLAIMS reason's scope codes (`clustering.compare.number_claims._scope`) in a
#: reader's words: "scope: term" and "scope: part" were jargon on the real coverage's flags.
_SCOPE_WORDS = {
    # (no example in the line: a made-up one beside real sentences read as quoted)
    "term": "one term of a sum",
    "part": "part of a larger count",
    "subset": "a subset of a total",
    "added": "on top of another figure",
    "total": "a total",
    "average": "an average",
    "per year": "per year",
    "per day": "per day",
    "each": "each, not in all",
    "period": "over several years",
    "earlier": "of an earlier event",
    "interval": "the time between two moments",
    "another": "of another happening",
    "where": "where it happened, not what",
}


def scope_words(code: str) -> str:
    """One scope code of a claim group's reason in words: `_SCOPE_WORDS`, "in 2015" ->
    "of 2015", "in oct" -> "of Oct", "place: kunduz" -> "in Kunduz"; others as written
    ("under 5", "inside")."""
    if code in _SCOPE_WORDS:
        return _SCOPE_WORDS[code]
    if code.startswith("place: "):
        return "in " + code.removeprefix("place: ").title()
    if code.startswith("in "):
        return "of " + code.removeprefix("in ").capitalize()
    return code


def alignment_reason(
    reason: str | None,
    quantity: str | None,
    published: Iterable[str] | None = None,
    status: str | None = None,
) -> str:
    """Why a group's claims were aligned, one line for people, from NUMBER_CLAIMS' reason
    (a JSON object: counted, events, scope, when, basis), e.g. "Same counted thing:
    people killed, killed · what happened: death · same time: published 2024-03-04 ·
    values differ"; scope codes in words (`scope_words`): "a figure read as part of a
    larger count". Without a reason: the group's quantity only.

    `published`: the claims' publication days ("YYYY-MM-DD"). The reason's "when" is the
    day each figure held: the day its sentence names ("Monday"), else its publication
    day; when a "when" day is not one of `published`, the line says so ("same day:
    2015-05-25, named in the text") instead of calling it a publication day that no card
    beside it shows; when one day is every figure's and the articles were published on
    several, it names them ("same day: 2017-12-31 (published 2017-12-31 and 2018-01-01)").
    `status` "update" published on one day reads "published the same day: D", not "same
    time", which its "values changed over time" contradicts."""
    published = None if published is None else list(published)
    fields = _reason_fields(reason)
    counted = [str(c) for c in fields.get("counted") or [] if c] or ([quantity] if quantity else [])
    parts = [f"Same counted thing: {', '.join(counted)}"] if counted else []
    if fields.get("events"):
        parts.append("what happened: " + ", ".join(map(str, fields["events"])))
    if fields.get("scope"):
        # The scope of any of the group's figures (their union), so "a figure": one of
        # "12 buses and 30 cars" is a term of a sum, not every figure.
        parts.append("a figure read as " + ", ".join(scope_words(str(c)) for c in fields["scope"]))
    days = sorted({str(w)[:10] for w in fields.get("when") or []})
    if published is not None and not set(days) <= set(published):
        if len(days) == 1:
            parts.append(f"same day: {days[0]}, named in the text")
        elif len(days) == 2:
            parts.append(f"days {days[0]} and {days[1]}, named in the text or published")
        else:
            parts.append(
                f"on {len(days)} days, {days[0]} to {days[-1]}, named in the text or published"
            )
    elif len(days) == 1 and published is not None and len(set(published)) > 1:
        # One day every figure held, its articles published on several: "same time:
        # published 2017-12-31" was said of a card beside it dated 2018-01-01 (its "New
        # Year's Eve" named the day).
        out = sorted(set(published))
        parts.append(
            f"same day: {days[0]} (published {out[0]} and {out[1]})"
            if len(out) == 2
            else f"same day: {days[0]} (published on {len(out)} days, {out[0]} to {out[-1]})"
        )
    elif len(days) == 1 and status == "update":
        # The crawl's ship story: 25 hurt at 06:57, 27 at 08:27 the same morning read
        # "same time: published 2017-12-27 · values changed over time".
        parts.append(f"published the same day: {days[0]}")
    elif len(days) == 1:
        parts.append(f"same time: published {days[0]}")
    elif days:
        # "over 2 days" read as two days apart when they were months apart: name them.
        parts.append(
            f"published {days[0]} and {days[1]}"
            if len(days) == 2
            else f"published on {len(days)} days, {days[0]} to {days[-1]}"
        )
    if fields.get("basis"):
        parts.append(str(fields["basis"]))
    return " · ".join(parts) or "Aligned as one quantity"


def _figure_offset(row: Mapping[str, Any]) -> int | None:
    """Where a claim's `text` starts within its `sentence`: from the stored offsets when
    they point at it, else its first occurrence; None when it is not in the sentence."""
    sentence, text = row.get("sentence") or "", row.get("text") or ""
    if row.get("start") is not None and row.get("sentence_start") is not None:
        offset = row["start"] - row["sentence_start"]
        if sentence[offset : offset + len(text)] == text:
            return offset
    found = sentence.find(text) if text else -1
    return found if found >= 0 else None


def number_flags(
    numbers: pl.DataFrame,
    articles: pl.DataFrame | None = None,
    statuses: Iterable[str] = FLAG_STATUSES,
) -> pl.DataFrame:
    """The flagged number groups of one story (status in `statuses`: FLAG_STATUSES, or
    any others to read an agreeing group's sentences too), one row per claim: conflicts
    first, then updates, then the rest, by quantity; within a group by publication time,
    then outlet.

    Columns: group_id, status, quantity, why (`alignment_reason`), outlet, article_id,
    published_at (from the claims, else from `articles`; null when unknown), text,
    sentence, figure_start, figure_end (offsets of text in sentence; null when it is not
    in it). A corpus compared before claims carried reasons and offsets still works.
    """
    require_columns(
        numbers, ["group_id", "status", "quantity", "outlet", "text", "article_id"], "numbers"
    )
    out_schema = schema.frame_schema({
        "group_id": pl.String, "status": pl.String, "quantity": pl.String, "why": pl.String,
        "outlet": pl.String, "article_id": pl.String, "published_at": schema.UTC_DATETIME,
        "text": pl.String, "sentence": pl.String, "figure_start": pl.Int64,
        "figure_end": pl.Int64,
    })  # fmt: skip
    flagged = numbers.filter(pl.col("status").is_in(list(statuses)))
    if "published_at" not in flagged.columns:
        flagged = flagged.with_columns(pl.lit(None, schema.UTC_DATETIME).alias("published_at"))
    if articles is not None:
        flagged = flagged.join(
            articles.select("article_id", pl.col("published_at").alias("_published")),
            on="article_id",
            how="left",
        ).with_columns(pl.coalesce("published_at", "_published").alias("published_at"))
    # Each group's publication days, against which its reason's days are read.
    published: dict[str, set[str]] = {}
    for group_id, when in zip(flagged["group_id"], flagged["published_at"], strict=True):
        published.setdefault(group_id, set()).update([f"{when:%Y-%m-%d}"] if when else [])
    rows = []
    for row in flagged.iter_rows(named=True):
        text = row["text"] or ""
        if row.get("sentence"):
            sentence, offset = row["sentence"], _figure_offset(row)
        else:  # no sentence stored: the figure alone
            sentence, offset = text, 0
        rows.append(
            {
                **{k: row.get(k) for k in out_schema},
                "why": alignment_reason(
                    row.get("reason"), row["quantity"], published[row["group_id"]], row["status"]
                ),
                "sentence": sentence,
                "figure_start": offset,
                "figure_end": None if offset is None else offset + len(text),
            }
        )
    frame = pl.DataFrame(rows, schema=out_schema)
    return frame.sort(
        pl.col("status").replace_strict(_FLAG_ORDER, default=9, return_dtype=pl.Int64),
        "quantity",
        "group_id",
        "published_at",
        "outlet",
        "article_id",
        nulls_last=True,
    )


def number_flag_html(claims: pl.DataFrame) -> str:
    """One flag's claims (the rows of one group of `number_flags`) side by side: per
    outlet its sentence, the figure highlighted, and when it was published."""
    cards = []
    for row in claims.iter_rows(named=True):
        when = when_text(row["published_at"])
        spans = [(row["figure_start"], row["figure_end"])] if row["figure_end"] is not None else []
        cards.append(
            {
                "title": row["outlet"] or row["article_id"],
                "subtitle": f"{when} · {row['text']}",
                "html": highlight_html(row["sentence"], spans),
            }
        )
    return side_by_side_html(cards)


def _quote_context(text: str, body: str | None) -> tuple[str, int | None, int | None]:
    """The sentence(s) of `body` a quote sits in, and the quote's offsets within them;
    (text, 0, len(text)) when the quote is not found in the body."""
    found = locate_quote(text, body or "") if body else None
    if found is None:
        return text, 0, len(text)
    start, end = found
    inside = [s for s in split_sentences(body or "") if s.end > start and s.start < end]
    first = min([start, *(s.start for s in inside)])
    last = max([end, *(s.end for s in inside)])
    # Line breaks become spaces one for one: the offsets stay right.
    context = (body or "")[first:last].replace("\r", " ").replace("\n", " ")
    return context, start - first, end - first


def quote_flags(quotes: pl.DataFrame, articles: pl.DataFrame | None = None) -> pl.DataFrame:
    """The shared quotes of one story (quoted by two or more outlets), one row per version:
    groups whose wording differs first, then by outlets (most first), speaker, group_id;
    versions as in `quote_versions`.

    Columns: group_id, speaker, why ("Same speaker: X · words 84-100% alike": the least
    and most of a version's words found in its reference, `_words_alike`; "Speaker not
    known: matched by the words alone · ..." when no version names one), changed
    (some version is reworded, truncated or translated), outlet, article_id, text, wording
    ("verbatim", "truncated", "reworded", "translated"), diff, sentence (the sentence(s) of the article's body the
    quote sits in, found with `articles`' bodies; the quote alone without them),
    quote_start, quote_end (the quote's offsets in sentence); words_alike (Int64: the
    percent of the version's words found in its reference, `_words_alike`) stands after
    diff."""
    require_columns(
        quotes,
        ["group_id", "speaker", "status", "outlet", "article_id", "text", "is_truncated",
         "similarity", "diff"],
        "quotes",
    )  # fmt: skip
    shared = quotes.filter(pl.col("status") == "shared").with_columns(
        quote_wording(quotes).alias("wording"),
        pl.struct("diff").map_elements(_words_alike, return_dtype=pl.Float64).alias("_alike"),
    )
    per_group = shared.group_by("group_id").agg(
        pl.col("speaker").drop_nulls().first().alias("_speaker"),
        (pl.col("wording") != "verbatim").any().alias("changed"),
        pl.col("outlet").n_unique().alias("_outlets"),
        pl.col("_alike").min().alias("_low"),
        pl.col("_alike").max().alias("_high"),
        (pl.col("wording") == "translated").any().alias("_translated"),
    )
    alike = pl.format(
        "words {}-{}% alike",
        pl.col("_low").round(0).cast(pl.Int64),
        pl.col("_high").round(0).cast(pl.Int64),
    )
    why = pl.concat_str(
        [
            # "Same speaker: unknown" claimed a match no one made: the words alone matched.
            pl.when(pl.col("_speaker").is_null())
            .then(pl.lit("Speaker not known: matched by the words alone · "))
            .otherwise(pl.format("Same speaker: {} · ", pl.col("_speaker"))),
            # Translations are matched by meaning: their similarity is no word overlap.
            pl.when(pl.col("_translated"))
            .then(pl.lit("translated, matched by meaning across languages"))
            .when(pl.col("_low") == pl.col("_high"))
            .then(pl.format("words {}% alike", pl.col("_low").round(0).cast(pl.Int64)))
            .otherwise(alike),
        ]
    )
    flags = (
        shared.join(per_group.with_columns(why.alias("why")), on="group_id")
        .sort(
            ["changed", "_outlets", "_speaker", "group_id", "similarity", "outlet", "article_id"],
            descending=[True, True, False, False, True, False, False],
            nulls_last=True,
        )
        .select(
            "group_id",
            pl.col("_speaker").alias("speaker"),
            "why",
            "changed",
            "outlet",
            "article_id",
            "text",
            "wording",
            "diff",
            pl.col("_alike").round(0).cast(pl.Int64).alias("words_alike"),
        )
    )
    bodies = (
        dict(zip(articles["article_id"], articles["body"], strict=True))
        if articles is not None
        else {}
    )
    contexts = [
        _quote_context(text, bodies.get(article_id))
        for article_id, text in zip(flags["article_id"], flags["text"], strict=True)
    ]
    return flags.with_columns(
        pl.Series("sentence", [c[0] for c in contexts], dtype=pl.String),
        pl.Series("quote_start", [c[1] for c in contexts], dtype=pl.Int64),
        pl.Series("quote_end", [c[2] for c in contexts], dtype=pl.Int64),
    )


#: Typographic variants of one mark: a curly apostrophe is a straight one to a reader.
_TYPOGRAPHY = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u201c": '"', "\u201d": '"'})


def _typography(text: str) -> str:
    # Case too: the wording labels call a change of case no change ("verbatim").
    return text.translate(_TYPOGRAPHY).replace("\u2026", "...").casefold()


def _typographic_end(old: str, new: str) -> list[dict[str, Any]] | None:
    """A deletion `old` and insertion `new` where the shorter is, typography and case
    aside, the whole start or end of the longer, at a word's edge: the longer's other
    part stays deleted or inserted, the shared part is one "equal" span of the version's
    text. "... and peace. I’" struck and "I'" inserted read "I’I'll" on the real crawl's
    Arians quote; it reads "... and peace." struck, then "I'll". None otherwise."""
    short, long_, kind = (new, old, "delete") if len(new) < len(old) else (old, new, "insert")
    if not short.strip() or len(short) == len(long_):
        return None
    folded, whole = _typography(short), _typography(long_)
    if len(folded) != len(short) or len(whole) != len(long_):
        return None  # "…" against "...": offsets would not line up
    cut = len(long_) - len(short)
    text = new  # the equal span carries the version's own text
    if whole.endswith(folded) and not long_[cut - 1].isalnum():
        return [{"kind": kind, "text": long_[:cut]}, {"kind": "equal", "text": text[-len(short) :]}]
    if whole.startswith(folded) and not long_[len(short)].isalnum():
        return [
            {"kind": "equal", "text": text[: len(short)]},
            {"kind": kind, "text": long_[len(short) :]},
        ]
    return None


def typography_folded(diff: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """A quote version's word diff with each deletion + insertion that differ only in
    typography (curly or straight quote marks and apostrophes, "…" or "...") or case made
    one "equal" span of the version's text: the version reads "don't", not "don'’t"
    struck through and re-inserted, and "The child", not "theThe child", which a reader
    takes for changed words. Words stay marked."""
    spans = [dict(span) for span in diff]
    out: list[dict[str, Any]] = []
    i = 0
    while i < len(spans):
        pair = spans[i : i + 2]
        kinds = {str(s.get("kind")) for s in pair}
        if len(pair) == 2 and kinds == {"delete", "insert"}:
            old, new = (s.get("text") or "" for s in sorted(pair, key=lambda s: s["kind"]))
            if _typography(old) == _typography(new):
                out.append({"kind": "equal", "text": new})
                i += 2
                continue
            if (split := _typographic_end(old, new)) is not None:
                out.extend(split)
                i += 2
                continue
        out.append(spans[i])
        i += 1
    return out


#: A version holding at most this share of its reference's words is a partial quote: shown
#: as the part of the reference it quotes, not as a diff striking out all the rest.
PARTIAL_QUOTE_SHARE = 0.5


def partial_quote_html(row: Mapping[str, Any]) -> str | None:
    """A short version of a long quote (at most PARTIAL_QUOTE_SHARE of its reference's
    words; CNN's "direct action" of Tillerson's 20-word statement) as the reference with
    the words it quotes marked, then any words of its own: "Part of the longest version:
    ... by taking <mark>direct action</mark>s of their own." Its diff struck out the whole
    statement and read as everything changed. None for a longer version (the diff says
    more) or one of which less than PARTIAL_QUOTE_SHARE of its words are in the
    reference (scattered words in common mark no part of it)."""
    reference, text = _diff_texts(dict(row))
    ref_words = list(_WORD_RE.finditer(reference))
    own = [w.lower() for w in _WORD_RE.findall(text)]
    if not ref_words or not own or len(own) > PARTIAL_QUOTE_SHARE * len(ref_words):
        return None
    blocks = SequenceMatcher(
        None, [w.group().lower() for w in ref_words], own, autojunk=False
    ).get_matching_blocks()
    spans = [(ref_words[b.a].start(), ref_words[b.a + b.size - 1].end()) for b in blocks if b.size]
    matched = {b.b + i for b in blocks for i in range(b.size)}
    # A few scattered words ("the", "I") in common mark no part: the diff says more.
    if len(matched) < PARTIAL_QUOTE_SHARE * len(own):
        return None
    extra = [w for i, w in enumerate(_WORD_RE.findall(text)) if i not in matched]
    # A middle dot, not "; ": after the reference's full stop that read "own.; its own".
    added = f" · its own words: {html.escape(' '.join(extra))}" if extra else ""
    return f"Part of the longest version: {highlight_html(reference, spans)}{added}"


#: Below this share of its words found in the longest version, a version's match is
#: worth a second look (basil's HuffPost "I reacted to an article..." at 5% of the
#: statement it was grouped with).
FEW_WORDS_ALIKE = 34


def _version_subtitle(row: Mapping[str, Any]) -> str:
    """A version card's subtitle: its wording, and for a changed one how many of its
    words the longest version holds, with a nudge to check a match of few words; a
    rewording that holds only the longest version's words left out says so ("reworded ·
    100% of its words alike" read as a contradiction)."""
    alike = row.get("words_alike")
    if row["wording"] in ("verbatim", "translated") or alike is None:
        return str(row["wording"])
    if alike >= 100:  # "joy, peace" of "joy and peace": nothing added, something left out
        return f"{row['wording']} · the longest version's words, some left out"
    check = " · few words in common: check the match" if alike < FEW_WORDS_ALIKE else ""
    return f"{row['wording']} · {alike}% of its words alike{check}"


def quote_flag_html(versions: pl.DataFrame) -> str:
    """One shared quote's versions (rows of one group of `quote_flags`) side by side: per
    outlet the sentence it sits in with the quote highlighted, and, when its words differ,
    its word diff against the longest version (`partial_quote_html` for a short part of
    it); an outlet's same sentence in several of its articles is one card that says so."""
    # One outlet's reports of a story repeat paragraphs: the Daily Mail's three Tesla
    # articles showed one sentence as three identical cards. One card, "in 3 of its articles".
    seen: dict[tuple[Any, ...], int] = {}
    rows: list[dict[str, Any]] = []
    for row in versions.iter_rows(named=True):
        key = (row["outlet"], row["sentence"], row["quote_start"], row["quote_end"], row["wording"])
        if key in seen:
            rows[seen[key]]["_copies"] += 1
            continue
        seen[key] = len(rows)
        rows.append({**row, "_copies": 1})
    cards = []
    for row in rows:
        spans = [(row["quote_start"], row["quote_end"])] if row["quote_end"] is not None else []
        against: str | None = None
        if row["wording"] == "verbatim":
            # One sentence of a long statement word for word is "verbatim": the Tarantino
            # story's CNN card "However, her claims ... are untrue." stood beside the whole
            # statement's cards with nothing saying it was its last sentence but one.
            against = partial_quote_html(row)
        elif row["wording"] != "translated":  # no word diff across languages
            against = partial_quote_html(row) or (
                f"Against the longest version: {diff_html(typography_folded(row['diff'] or []))}"
            )
        changes = (
            f'<div style="margin-top:6px;font-size:0.82rem;color:#444;">{against}</div>'
            if against
            else ""
        )
        cards.append(
            {
                "title": row["outlet"] or row["article_id"],
                "subtitle": _version_subtitle(row)
                + (f" · in {row['_copies']} of its articles" if row["_copies"] > 1 else ""),
                "html": highlight_html(row["sentence"], spans) + changes,
            }
        )
    return side_by_side_html(cards)


def story_marks(
    states: pl.DataFrame, story_id: str, article_ids: Iterable[str] = ()
) -> pl.DataFrame:
    """The marks one story page shows (MARK_STATES rows): those attached to a group of the
    story now, and the orphaned ones that were given in this story or on one of its
    articles (`article_ids`), so that a mark whose flag is gone stays in sight."""
    require_columns(states, ["state", "current_story_id", "story_id", "members"], "marks")
    ids = list(article_ids)
    on_articles = (
        pl.col("members").list.eval(pl.element().str.extract(r"^(.+?):", 1).is_in(ids)).list.any()
    )
    attached = (pl.col("state") == "attached") & (pl.col("current_story_id") == story_id)
    orphaned = (pl.col("state") == "orphaned") & ((pl.col("story_id") == story_id) | on_articles)
    return states.filter(attached | orphaned)


def mark_line(mark: Mapping[str, Any], members_now: int | None = None) -> str:
    """One mark for people (plain text, escape it for markdown): "Flag marked wrong by Ana on
    2026-12-06 04:30 UTC: subset counted against a total", with "(2 marks)" when the flag
    was marked more than once, and what changed since when it did.

    `members_now`: the figures (quote versions) the flag shows now. When the corpus grew
    and the flag gained some, or lost some it was marked on, the line says so: on the
    crawl, the Palmer "year" conflict marked right on two outlets' figures showed a third
    outlet's card under a mark that read as if given on all three."""
    who = f" by {mark['who']}" if mark.get("who") else ""
    when = f" on {mark['at']:%Y-%m-%d %H:%M} UTC" if mark.get("at") else ""
    line = f"Flag marked {mark['verdict']}{who}{when}"
    if (mark.get("n_marks") or 1) > 1:
        line += f" ({mark['n_marks']} marks)"
    if mark.get("note"):
        line += f": {mark['note']}"
    if mark.get("state") == "orphaned":
        line += ". Its flag no longer exists: the figures are no longer grouped together."
    elif mark.get("current_status") and mark.get("current_status") != mark.get("status"):
        line += f". Marked as {mark['status']}, now {mark['current_status']}."
    size, found = len(mark.get("members") or []), mark.get("n_found") or 0
    if members_now is not None and mark.get("state") == "attached" and size:
        noun = "version" if mark.get("kind") == "quotes" else "figure"
        if members_now > found:
            more = members_now - found
            line += f". Marked on {size} {noun}s; {more} more joined the flag since."
        if found < size:
            line += f". {size - found} of the {size} marked {noun}s left the flag."
    return line


def other_marks_table(marks: pl.DataFrame, shown: Iterable[str] = ()) -> pl.DataFrame:
    """The marks among `story_marks`' rows that no flag on the page shows (`shown`: the
    group ids shown with their marks): orphaned ones, and those whose group is no longer
    flagged (a conflict that became compatible) or not shown; latest first.

    Columns: at, who, verdict, kind, now ("flag gone: its figures are no longer grouped
    together", "was conflict, now compatible", ...), label, figures (joined with "; "),
    note, flag_key."""
    require_columns(
        marks,
        ["state", "at", "who", "verdict", "kind", "status", "label", "figures", "note",
         "current_group_id", "current_status", "flag_key"],
        "marks",
    )  # fmt: skip
    now = (
        pl.when(pl.col("state") == "orphaned")
        .then(pl.lit("flag gone: its figures are no longer grouped together"))
        .when(pl.col("current_status") != pl.col("status"))
        .then(pl.format("was {}, now {}", "status", "current_status"))
        .otherwise(pl.format("{}, not shown above", "current_status"))
    )
    return (
        marks.filter(~pl.col("current_group_id").is_in(list(shown)).fill_null(False))
        .select(
            "at",
            "who",
            "verdict",
            "kind",
            now.alias("now"),
            "label",
            pl.col("figures").list.join("; "),
            "note",
            "flag_key",
        )
        .sort("at", descending=True)
    )


def _join_list(column: str, fmt: pl.Expr | None = None) -> pl.Expr:
    items = pl.col(column) if fmt is None else pl.col(column).list.eval(fmt)
    return items.list.join(", ").fill_null("").alias(column)


def framing_table(framing: pl.DataFrame) -> pl.DataFrame:
    """The framing panel: one row per article, by outlet, lists joined into text.

    Columns: outlet, article_id, headline, tone (-1..1), subjectivity (0..1),
    attribution_verbs ("said x4, claimed x1"), hedges, intensifiers, loaded_terms
    ("slammed (criticised)"), entities_only_here.
    """
    columns = [
        "outlet",
        "article_id",
        "headline",
        "tone",
        "subjectivity",
        "attribution_verbs",
        "hedges",
        "intensifiers",
        "loaded_terms",
        "entities_only_here",
    ]
    require_columns(framing, columns, "framing")
    element = pl.element().struct
    verb = pl.concat_str(
        [element.field("verb"), pl.lit(" x"), element.field("count").cast(pl.String)]
    )
    neutral = element.field("neutral").fill_null("")
    # An advice rather than a word ("(describe the position)", "(omit)") comes in its own
    # parentheses: the crawl's grid read "radical ((describe the position))".
    term = (
        pl.when(neutral.str.starts_with("("))
        .then(pl.concat_str([element.field("term"), pl.lit(" "), neutral]))
        .when(neutral != "")
        .then(pl.concat_str([element.field("term"), pl.lit(" ("), neutral, pl.lit(")")]))
        .otherwise(element.field("term"))
    )
    return framing.select(
        "outlet",
        "article_id",
        "headline",
        "tone",
        "subjectivity",
        _join_list("attribution_verbs", verb),
        _join_list("hedges"),
        _join_list("intensifiers"),
        _join_list("loaded_terms", term),
        _join_list("entities_only_here"),
    ).sort("outlet", "article_id")


def diff_pair(articles: pl.DataFrame, facts: pl.DataFrame | None = None) -> list[str]:
    """The article ids to offer first for "Compare two articles", in order: the two
    independent articles of different outlets that state the most facts together (rows of
    one FACTS `fact_id` from both), then every other independent article, first of each
    outlet first, then the rest. Without facts (or none shared), the first article of each
    outlet in `articles`' order: the crawl's subway story opened ABC News against
    dailyprogress.com's page of site furniture ("Celebrating 125 years of Progress!"),
    whose every line read as deleted, beside the Daily Mail's report of seven shared
    facts."""
    originals = articles.filter(pl.col("duplicate_of").is_null())
    firsts = originals.unique("outlet", keep="first", maintain_order=True)["article_id"].to_list()
    order = firsts + [a for a in originals["article_id"] if a not in firsts]
    if facts is None or facts.height == 0 or not order:
        return order
    shared = facts.filter(
        (pl.col("kind") != "exclusive") & pl.col("article_id").is_in(order)
    ).select("fact_id", "article_id", "outlet")
    pairs = (
        shared.join(shared, on="fact_id", suffix="_b")
        .filter(pl.col("outlet") != pl.col("outlet_b"))
        .group_by("article_id", "article_id_b")
        .agg(pl.col("fact_id").n_unique().alias("n"))
    )
    if pairs.height == 0:
        return order
    rank = {a: i for i, a in enumerate(order)}
    best = min(
        pairs.iter_rows(named=True),
        key=lambda r: (-r["n"], rank[r["article_id"]], rank[r["article_id_b"]]),
    )
    first = sorted([best["article_id"], best["article_id_b"]], key=rank.__getitem__)
    return first + [a for a in order if a not in first]


def exclusive_facts(facts: pl.DataFrame) -> pl.DataFrame:
    """Facts only one outlet reports: outlet, sentence, sentence_index, article_id, in
    reading order per outlet; a sentence an outlet repeats in several of its articles
    once, where it first stands (an outlet's two reports of one rescue listed the
    sentences they share twice among its "57 facts")."""
    require_columns(facts, ["kind", "outlet", "sentence", "sentence_index", "article_id"], "facts")
    # Sentences alike but for spaces are one ("... local time." and "... local time. " of
    # a caption the crawl's Washington Post printed three times), and one this outlet
    # states in a shared fact (from another of its articles) is not its alone: its list
    # repeated "The launches, if made, ..." shown just above as "2 of 4 outlets".
    key = pl.col("sentence").str.replace_all(r"\s+", " ").str.strip_chars().alias("_key")
    stated = facts.filter(pl.col("kind") != "exclusive").select("outlet", key).unique()
    return (
        facts.filter(pl.col("kind") == "exclusive")
        .select("outlet", "sentence", "sentence_index", "article_id", key)
        .join(stated, on=["outlet", "_key"], how="anti")
        .sort("outlet", "article_id", "sentence_index")
        .unique(["outlet", "_key"], keep="first", maintain_order=True)
        .drop("_key")
    )


def fact_counts(facts: pl.DataFrame) -> pl.DataFrame:
    """How each outlet's reporting fared in the facts comparison: one row per outlet.

    Columns (Int64): outlet, only_here (its distinct sentences no other outlet states:
    `kind` "exclusive", as `exclusive_facts` lists them), shared (its other sentences that some other outlet states, outside the
    facts most outlets report), with_most (the facts of `consensus_facts` it states, so
    that it agrees with that list); most exclusive first, then by outlet."""
    require_columns(facts, ["fact_id", "kind", "outlet", "outlets"], "facts")
    most = consensus_facts(facts)
    only_here = (
        exclusive_facts(facts).group_by("outlet").agg(pl.len().cast(pl.Int64).alias("only_here"))
    )
    in_most = (
        most.select(pl.col("outlets").alias("outlet"))
        .explode("outlet")
        .group_by("outlet")
        .agg(pl.len().cast(pl.Int64).alias("with_most"))
    )
    per_outlet = facts.group_by("outlet").agg(
        ((pl.col("kind") != "exclusive") & ~pl.col("fact_id").is_in(most["fact_id"].implode()))
        .sum()
        .cast(pl.Int64)
        .alias("shared"),
    )
    # Distinct sentences, as `exclusive_facts` lists them: one repeated in an outlet's
    # two articles is one fact.
    return (
        per_outlet.join(only_here, on="outlet", how="left")
        .join(in_most, on="outlet", how="full", coalesce=True)
        .select("outlet", pl.col("only_here", "shared", "with_most").fill_null(0))
        .sort(["only_here", "outlet"], descending=[True, False])
    )


def consensus_facts(facts: pl.DataFrame) -> pl.DataFrame:
    """The facts most outlets report: one row per fact (`fact_id`) holding a "consensus"
    sentence, most outlets first, then by sentence.

    Columns: fact_id, sentence (the fact's sentence stated by the most outlets, the
    first outlet's on ties), outlets (sorted: every outlet that states one of the fact's
    sentences, FACTS.outlets of all its rows), n_outlets (Int64, their number). A fact
    groups sentences by average linkage, so its sentences' own `outlets` can differ (an
    outlet whose matching sentence went to another fact is in its partner's list): the
    fact's outlets are all of them."""
    require_columns(
        facts, ["fact_id", "kind", "outlet", "sentence", "n_outlets", "article_id"], "facts"
    )
    most = facts.filter(pl.col("kind") == "consensus")["fact_id"].unique()
    return (
        facts.filter(pl.col("fact_id").is_in(most.implode()))
        .group_by("fact_id")
        .agg(
            _shown_sentence_first(pl.col("sentence")),
            pl.concat_list("outlets", pl.concat_list("outlet"))
            .list.explode(keep_nulls=False, empty_as_null=False)
            .unique()
            .sort()
            .alias("outlets"),
        )
        .with_columns(pl.col("outlets").list.len().cast(pl.Int64).alias("n_outlets"))
        .sort(["n_outlets", "sentence", "fact_id"], descending=[True, False, False])
        .select("fact_id", "sentence", "outlets", "n_outlets")
    )


def _shown_sentence_first(column: pl.Expr) -> pl.Expr:
    """`column` of a fact's row whose sentence `consensus_facts` shows: the sentence
    stated by the most outlets, the first outlet's (then article's) on ties."""
    return column.sort_by(
        ["n_outlets", "outlet", "article_id"], descending=[True, False, False]
    ).first()


def consensus_wording(facts: pl.DataFrame) -> pl.DataFrame:
    """Whose words each of `consensus_facts`' sentences are: fact_id, worded_by (the
    outlet of the sentence shown). Seven outlets state a fact, one outlet wrote the
    sentence a reader sees; the page names it."""
    require_columns(facts, ["fact_id", "kind", "outlet", "n_outlets", "article_id"], "facts")
    most = facts.filter(pl.col("kind") == "consensus")["fact_id"].unique()
    return (
        facts.filter(pl.col("fact_id").is_in(most.implode()))
        .group_by("fact_id")
        .agg(_shown_sentence_first(pl.col("outlet")).alias("worded_by"))
    )


def count_text(n: int, one: str, many: str | None = None) -> str:
    """ "1 article", "3 articles", "2 copies" (`many`: the plural when not one + "s")."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def is_date_only(when: datetime | None) -> bool:
    """A publication time of exactly midnight UTC: an input that gave a date and no time
    (news-please, CSV exports); its hour says nothing about who was first that day."""
    return when is not None and when.time() == time(0)


def when_text(when: datetime | None) -> str:
    """A publication time for people: "2024-03-04 06:30 UTC", "2016-11-09" for a date
    without a time (`is_date_only`), "undated" when unknown."""
    if when is None:
        return "undated"
    return f"{when:%Y-%m-%d}" if is_date_only(when) else f"{when:%Y-%m-%d %H:%M} UTC"


def when_expr(column: str) -> pl.Expr:
    """`when_text` of a datetime column, without " UTC" (a table's header says it)."""
    col = pl.col(column)
    return (
        pl.when(col.is_null())
        .then(pl.lit("undated"))
        .when(col.dt.time() == time(0))
        .then(col.dt.strftime("%Y-%m-%d"))
        .otherwise(col.dt.strftime("%Y-%m-%d %H:%M"))
        .alias(column)
    )


def span_text(time_span: str | None) -> str:
    """A story's `stories_page.format_span` for its page's caption: "over 2 d 3 h",
    "published the same day" (date-only inputs), "" when unknown or no time passed."""
    if not time_span:
        return ""
    return "published the same day" if time_span == "same day" else f"over {time_span}"


def after_first_expr(
    column: str = "hours_after_first",
    published: str = "first_published",
    first_date_only: bool = False,
) -> pl.Expr:
    """`coverage`'s hours after the first article as text: "0.0 h", "8.8 h" up to two
    days, then calendar days ("891 d", a long-running story's "21384.0" hours read by no
    one; as a dated outlet's, so that two outlets of one day read alike); for an outlet
    whose first article has a date and no time (`is_date_only`, in column `published`),
    days only ("same day", "3 d"): its hours are not known; "" when
    unknown. `first_date_only`: the story's first article has a date and no time, so every
    outlet's hours after it are unknown too (an outlet at 19:27 that day was not "19.5 h"
    after it): days only for all. Those days are calendar days between the two dates:
    an outlet dated 2017-12-29 is "next day" after a first report at 2017-12-28 11:20,
    though 12.7 hours lie between them (it read "same day" on the real crawl)."""
    hours = pl.col(column)
    at = pl.col(published)
    first = at - pl.duration(milliseconds=(hours * 3_600_000).round(0).cast(pl.Int64))
    days = (at.dt.date() - first.dt.date()).dt.total_days()
    return (
        pl.when(hours.is_null())
        .then(pl.lit(""))
        .when((at.dt.time() == time(0)) | pl.lit(first_date_only))
        .then(
            pl.when(days <= 0)
            .then(pl.lit("same day"))
            .when(days == 1)
            .then(pl.lit("next day"))
            .otherwise(pl.format("{} d", days))
        )
        .when(hours < 48)
        .then(pl.format("{} h", hours.round(1)))
        # Calendar days here too: the gorilla story's NPR (dated 2016-05-29) read "72 d"
        # above the Daily Mail's 2016-05-29 01:05 at "71 d" (71 days 10 hours on).
        .otherwise(pl.format("{} d", days))
        .alias(column)
    )


def first_report_line(cover: pl.DataFrame) -> str | None:
    """Who reported first, as markdown (outlet names escaped), from `coverage`'s frame;
    None when no article is dated. A first article known by its date alone does not say
    it was first when other outlets published that day: "Earliest: ... (date only ...)"."""
    require_columns(cover, ["outlet", "first_published", "is_first"], "coverage")
    first = cover.filter("is_first")
    if first.height == 0:
        return None
    names = escape_markdown(", ".join(o or "(unknown outlet)" for o in first["outlet"]))
    when = first["first_published"][0]
    if not is_date_only(when):
        return f"First to report: **{names}** at {when:%Y-%m-%d %H:%M} UTC"
    same_day = cover.filter(
        ~pl.col("is_first") & (pl.col("first_published").dt.date() == when.date())
    ).height
    others = (
        f"; {count_text(same_day, 'other outlet')} also published that day, so which was first "
        "is not known"
        if same_day
        else ""
    )
    return f"Earliest: **{names}** on {when:%Y-%m-%d} (a date without a time{others})"


def quote_label(versions: pl.DataFrame, most: int = 80) -> str:
    """One shared quote's title (plain text): "speaker: words", the words those of its
    longest version not translated, cut at a word before `most` characters with "…"."""
    require_columns(versions, ["speaker", "text", "wording"], "quotes")
    ranked = versions.sort(
        pl.col("wording") == "translated", pl.col("text").str.len_chars(), descending=[False, True]
    )
    text = " ".join((ranked["text"][0] or "").split())
    if len(text) > most:
        text = text[:most].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    speaker = next((s for s in versions["speaker"] if s), None) or "unknown speaker"
    return f"{speaker}: {text}"


_PART_WORDS = {"numbers": "number", "quotes": "quote", "framing": "framing", "facts": "fact"}


def part_label(part: str) -> str:
    """A FAILURES `part` for people: "extract:quotes" -> "quote extraction",
    "compare:numbers" -> "number comparison"; an unknown part as it is."""
    stage, _, aspect = part.partition(":")
    word = _PART_WORDS.get(aspect, aspect)
    return {"extract": f"{word} extraction", "compare": f"{word} comparison"}.get(stage, part)


def story_failures(failures: pl.DataFrame, story_id: str, articles: pl.DataFrame) -> pl.DataFrame:
    """The FAILURES rows of one story: its comparison parts that raised (story_id, no
    article) and the extraction parts that raised on one of its `articles` (ARTICLES rows).

    Columns: part, stage ("extract" or "compare"), aspect ("numbers", "quotes", "framing",
    "facts"), article_id (null for a comparison part), outlet, title, error ("ValueError:
    message", cut at 200 characters); comparison parts first, then by part and article."""
    require_columns(failures, ["part", "article_id", "story_id", "error_type", "error"], "failures")
    ids = articles["article_id"].implode()
    mine = failures.filter(
        pl.when(pl.col("article_id").is_null())
        .then(pl.col("story_id") == story_id)
        .otherwise(pl.col("article_id").is_in(ids))
    )
    message = pl.concat_str(
        [pl.col("error_type").fill_null("Error"), pl.lit(": "), pl.col("error").fill_null("")]
    )
    return (
        mine.join(articles.select("article_id", "outlet", "title"), on="article_id", how="left")
        .select(
            "part",
            pl.col("part").str.split(":").list.first().alias("stage"),
            pl.col("part").str.split(":").list.last().alias("aspect"),
            "article_id",
            "outlet",
            "title",
            pl.when(message.str.len_chars() > 200)
            .then(message.str.slice(0, 199) + pl.lit("…"))
            .otherwise(message)
            .alias("error"),
        )
        .unique(["part", "article_id"], keep="first", maintain_order=True)
        .sort(pl.col("stage") != "compare", "part", "article_id", nulls_last=True)
    )


def failure_notices(rows: pl.DataFrame) -> list[str]:
    """One sentence per failed part of a story (plain text: escape it for markdown), from
    `story_failures`' frame: which part failed, what is missing because of it, and that
    the rest is shown. Extraction failures of one part are one sentence, articles named."""
    require_columns(
        rows, ["part", "stage", "aspect", "article_id", "outlet", "title", "error"], "failures"
    )
    panels = {"numbers": "Numbers", "quotes": "Quotes", "framing": "Framing", "facts": "Facts"}
    notices = []
    for row in rows.filter(pl.col("stage") == "compare").iter_rows(named=True):
        panel = panels.get(row["aspect"], row["aspect"])
        notices.append(
            f"The {part_label(row['part'])} failed for this story ({row['error']}): the "
            f"{panel} panel is empty because of it; everything else on this page is shown."
        )
    extracted = rows.filter(pl.col("stage") != "compare")
    for (part,), group in extracted.group_by("part", maintain_order=True):
        aspect = group["aspect"][0]
        named = "; ".join(
            f"{r['outlet'] or '(unknown outlet)'} · {r['title'] or r['article_id']}"
            for r in group.iter_rows(named=True)
        )
        missing = "fact sentences" if aspect == "facts" else aspect
        notices.append(
            f"The {part_label(str(part))} failed on {count_text(group.height, 'article')} "
            f"({named}; {group['error'][0]}): the {missing} of "
            f"{'that article are' if group.height == 1 else 'those articles are'} missing "
            f"from the {panels.get(aspect, aspect)} panel; all their other parts are shown."
        )
    return notices


def failed_comparisons(rows: pl.DataFrame) -> set[str]:
    """The aspects ("numbers", "quotes", ...) whose comparison failed for the story, from
    `story_failures`' frame: their panels are empty because of it, not for want of data."""
    require_columns(rows, ["stage", "aspect"], "failures")
    return set(rows.filter(pl.col("stage") == "compare")["aspect"].to_list())


def not_compared_note(
    n_outlets: int, tables: Mapping[str, pl.DataFrame | None], failed: Iterable[str] = ()
) -> str | None:
    """Why a story has no comparison at all, for its page, instead of four panels saying
    "No numbers stated" of articles full of figures: the compare stage compares a story
    only across outlets, so a story of one outlet (or of articles naming none: bare text
    files) has no row in any comparison table. None when the story was compared (some
    table has its rows), when a table is absent (`NO_COMPARISON` says so) or when a part
    failed (its notice says so).

    tables: the story's rows of each comparison kind ("numbers", "quotes", "framing",
    "facts"; None when the corpus has no such table)."""
    if n_outlets >= 2 or set(failed) or any(t is None or t.height for t in tables.values()):
        return None
    who = "one outlet" if n_outlets == 1 else "articles that name no outlet"
    return (
        "Not compared: numbers, quotes, framing and facts are compared between outlets, "
        f"and this story has {who}. Its articles are shown above and can be compared "
        "side by side below."
    )


def article_options(articles: pl.DataFrame) -> dict[str, str]:
    """article_id -> label "outlet · YYYY-MM-DD · title" (plain text, for a select box) for
    one story's articles in `headlines` order; copies are marked "(copy)"."""
    schema.validate(articles, schema.ARTICLES, "articles")
    rows = articles.sort("published_at", "outlet", "article_id", nulls_last=True)
    out = {}
    for row in rows.iter_rows(named=True):
        when = row["published_at"].strftime("%Y-%m-%d") if row["published_at"] else "undated"
        copy = " (copy)" if row["duplicate_of"] else ""
        out[row["article_id"]] = f"{row['outlet'] or '(unknown)'} · {when} · {row['title']}{copy}"
    return out


def story_changes(history: pl.DataFrame | None, story_id: str) -> pl.DataFrame:
    """What happened to one story across corpus updates, latest first: at, kind, change
    (a sentence). A row concerns the story when it names it as story_id or among
    new_story_ids (a split or merge that produced it). Empty without history."""
    out_schema = pl.Schema({"at": schema.UTC_DATETIME, "kind": pl.String(), "change": pl.String()})
    if history is None:
        return pl.DataFrame(schema=out_schema)
    require_columns(
        history, ["at", "kind", "story_id", "old_story_ids", "new_story_ids", "n_added"], "history"
    )
    rows = history.filter(
        (pl.col("story_id") == story_id)
        | pl.col("new_story_ids").list.contains(story_id).fill_null(False)
    ).sort("at", descending=True)
    changes = []
    for row in rows.iter_rows(named=True):
        old, new, added = (
            row["old_story_ids"] or [],
            row["new_story_ids"] or [],
            row["n_added"] or 0,
        )
        plural = "s" if added != 1 else ""
        if row["kind"] == "built":
            text = f"In the corpus as built, with {added} article{plural}."
        elif row["kind"] == "new":
            text = f"New story with {added} article{plural}."
        elif row["kind"] == "grown":
            text = f"{added} article{plural} added."
        elif row["kind"] == "merge":
            text = (
                f"Merged from {len(old)} stories ({', '.join(old)}); {added} article{plural} added."
            )
        elif row["kind"] == "split":
            text = f"Split from {', '.join(old)} into {len(new)} stories."
        else:
            text = f"{row['kind']}: {added} article{plural} added."
        changes.append({"at": row["at"], "kind": row["kind"], "change": text})
    return pl.DataFrame(changes, schema=out_schema)


def last_change(changes: pl.DataFrame) -> dict[str, Any] | None:
    """The latest update in `story_changes`' frame as a dict (at, kind, change), or None
    when nothing changed the story since the corpus was built ("built" is no update)."""
    updates = changes.filter(pl.col("kind") != "built").sort("at", descending=True)
    return updates.row(0, named=True) if updates.height else None


def _add_line(
    lines: dict[str, dict[str, Any]], sentence: str, line: dict[str, Any], article_id: str
) -> None:
    """Add a framing-marks line under its sentence's text (spaces and the quote marks
    around it aside), or count `article_id` among the articles of the line already there."""
    key = " ".join(sentence.split()).strip("\"“”'‘’ ")
    if key in lines:
        lines[key]["articles"].add(article_id)
    else:
        lines[key] = {**line, "articles": {article_id}}


def framing_marks_html(framing: pl.DataFrame, articles: pl.DataFrame) -> str:
    """The framing marks of one story in context, one card per outlet: each loaded word
    highlighted in its sentence with whom it is about (and "in a quote" when it is a
    speaker's word), then each slanted sentence ("only here" when no other outlet states
    it). `framing` is the story's FRAMING_COMPARISON table, `articles` its ARTICLES rows;
    every text is escaped. "" when the story has no marks."""
    from clustering.compare.framing_comparison import framing_marks

    if not {"loaded_marks", "slanted_sentences"} <= set(framing.columns):
        return ""  # compared before framing marks existed
    marks = framing_marks(framing, articles)
    if marks.height == 0:
        return ""
    note = "color:#555;font-size:0.8rem;"
    slant = "border-left:3px solid #c9a227;padding-left:6px;margin:4px 0;"
    cards = []
    for (outlet,), rows in marks.group_by("outlet", maintain_order=True):
        # One line per sentence text: an outlet's reports of a story repeat paragraphs (the
        # crawl's Washington Post gave "The trail of a flying object after it soared ..."
        # twice in one card); a repeated one says in how many of its articles it stands.
        lines: dict[str, dict[str, Any]] = {}
        loaded = rows.filter(pl.col("kind") == "loaded")
        slanted = rows.filter(pl.col("kind") == "slanted")
        # A sentence both slanted and holding loaded words is one line, not two alike.
        only_here = {
            (row["article_id"], row["sentence_index"]): bool(row["exclusive"])
            for row in slanted.iter_rows(named=True)
        }

        # One line per sentence, all its marked words highlighted.
        for key, words_of in loaded.group_by("article_id", "sentence_index", maintain_order=True):
            first = words_of.row(0, named=True)
            spans = list(zip(words_of["mark_start"], words_of["mark_end"], strict=True))
            about = f"about {first['target']}" if first["target"] else "target unknown"
            quoted = " · in a quote" if words_of["quoted"].any() else ""
            also = ""
            if key in only_here:
                also = " · slanted" + (" · only this outlet" if only_here[key] else "")
            _add_line(
                lines,
                first["sentence"],
                {"style": slant if also else "margin:4px 0;", "words": len(spans),
                 "slanted": bool(also), "body": highlight_html(first["sentence"], spans),
                 "note": about + quoted + also},
                first["article_id"],
            )  # fmt: skip
        shown = set(loaded.select("article_id", "sentence_index").iter_rows())
        for row in slanted.iter_rows(named=True):
            if (row["article_id"], row["sentence_index"]) in shown:
                continue
            only = " · only this outlet" if row["exclusive"] else ""
            _add_line(
                lines,
                row["sentence"],
                {"style": slant, "words": 0, "slanted": True,
                 "body": html.escape(row["sentence"]), "note": "slanted" + only},
                row["article_id"],
            )  # fmt: skip
        items = []
        for line in lines.values():
            copies = len(line["articles"])
            also = f" · in {copies} of its articles" if copies > 1 else ""
            items.append(
                f'<div style="{line["style"]}">{line["body"]}'
                f' <span style="{note}">({html.escape(line["note"] + also)})</span></div>'
            )
        n_words = sum(line["words"] for line in lines.values())
        n_slanted = sum(line["slanted"] for line in lines.values())
        cards.append(
            {
                "title": outlet,
                "subtitle": f"{count_text(n_words, 'loaded word')}, "
                f"{count_text(n_slanted, 'slanted sentence')}",
                "html": "".join(items),
            }
        )
    # A long article's card (CNN's 26 slanted sentences) scrolls, its row stays compact.
    return side_by_side_html(cards, max_height=FRAMING_CARD_HEIGHT)


#: Pixels of a framing-marks card before it scrolls: about a dozen marked sentences.
FRAMING_CARD_HEIGHT = 560


def framing_trust_note() -> str:
    """How far to trust the framing marks, in words, from their measured agreement with
    BASIL's annotators on held-out articles (clustering.compare.framing_comparison.MEASURED)."""
    from clustering.compare.framing_comparison import MEASURED

    loaded, slanted = MEASURED["loaded"], MEASURED["slanted"]
    return (
        "Marks are prompts to read, not verdicts. Against BASIL's annotators on held-out "
        f"articles, {loaded['precision']:.0%} of sentences with a marked word held a word "
        f"they marked as loaded (they found {loaded['recall']:.0%} of theirs), and "
        f"{slanted['precision']:.0%} of slanted sentences held what they marked as slanted "
        f"information ({slanted['recall']:.0%} found)."
    )


__all__ = [
    "FLAG_STATUSES",
    "NO_COMPARISON",
    "after_first_expr",
    "alignment_reason",
    "article_options",
    "span_text",
    "consensus_facts",
    "consensus_wording",
    "coverage",
    "diff_pair",
    "exclusive_facts",
    "fact_counts",
    "failed_comparisons",
    "failure_notices",
    "first_report_line",
    "is_date_only",
    "part_label",
    "quote_label",
    "story_failures",
    "when_expr",
    "when_text",
    "framing_marks_html",
    "framing_table",
    "framing_trust_note",
    "headlines",
    "is_reworded",
    "last_change",
    "mark_line",
    "number_flag_html",
    "number_flags",
    "number_groups",
    "numbers_left_out",
    "not_compared_note",
    "numbers_matrix",
    "other_marks_table",
    "partial_quote_html",
    "quote_flag_html",
    "quote_flags",
    "quote_matrix",
    "quote_versions",
    "quote_wording",
    "single_figures",
    "story_changes",
    "story_marks",
    "timeline",
    "timeline_format",
    "typography_folded",
]
