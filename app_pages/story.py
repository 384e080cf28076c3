"""Story page (?story=<id>): coverage, headlines, numbers, quotes, framing, facts, diff.

Flagged numbers (conflicts, updates) and shared quotes are shown side by side, each with
buttons to mark it wrong or right (`clustering.marks`); marks are read fresh on every run,
as they change without the corpus being rebuilt."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import altair as alt
import polars as pl
import streamlit as st

from app_pages import common
from clustering import marks
from clustering.compare.diff import diff_articles
from clustering.compare.languages import story_languages
from clustering.corpus import Corpus
from clustering.views import safe, stories_page, story_page

_STATUS_COLOURS = {"conflict": "#ffd7d5", "update": "#dbeafe", "compatible": "#fff3c4"}
_STATUS_BADGES = {"conflict": ":red-badge[conflict]", "update": ":blue-badge[update]"}
_WRONG_HELP = {
    "numbers": "A false flag: the figures do not measure the same thing at the same time",
    "quotes": "A false match: not the same quote by the same speaker",
}
_RIGHT_HELP = {
    "numbers": "The flag holds: the outlets' figures for this really differ",
    "quotes": "The match holds: the outlets carry the same quote",
}
#: Rows of a coverage or articles table in view before it scrolls.
TABLE_ROWS = 15
#: The framing grid's columns, in reading order: what it marks before how it hedges.
FRAMING_COLUMNS = [
    "outlet",
    "headline",
    "tone",
    "subjectivity",
    "loaded_terms",
    "entities_only_here",
    "attribution_verbs",
    "hedges",
    "intensifiers",
]
#: An outlet's facts listed in full before the list scrolls in a box FACT_LIST_HEIGHT high.
FACT_ROWS = 12
FACT_LIST_HEIGHT = 420
#: An article whose input named no outlet (a bare text file, a pasted page without one).
UNKNOWN_OUTLET = "(unknown outlet)"
_NOTE_EXAMPLES = {"numbers": "a subset counted against a total", "quotes": "two different speakers"}


def _datetime(label: str) -> Any:  # noqa: ANN401  (a Streamlit column config)
    return st.column_config.DatetimeColumn(label, format="YYYY-MM-DD HH:mm")


def _when(column: str) -> pl.Expr:
    """A datetime column as "YYYY-MM-DD HH:MM" text, the date alone where no time was
    given, "undated" where it is null (`story_page.when_expr`)."""
    return story_page.when_expr(column)


def _fit(
    frame: pl.DataFrame, columns: list[str], most: int = 280, per_char: int = 8
) -> dict[str, Any]:
    """Text columns as wide as their longest cell (up to `most` pixels, `per_char` pixels
    a character), so a figure such as "at least 1,119 civilians" is read whole, not cut
    at the grid's default width."""
    config: dict[str, Any] = {}
    for column in columns:
        longest = max([len(column), *(len(v) for v in frame[column].cast(pl.String).drop_nulls())])
        width = min(most, per_char * longest + 24)
        config[column] = st.column_config.TextColumn(column, width=width)
    return config


def choose_story(table: pl.DataFrame, limit: int = 500) -> str | None:
    """A select box of the best-covered stories; returns the chosen story_id."""
    top = table.head(limit)
    labels = dict(zip(top["story_id"], top["headline"], strict=True))
    return st.selectbox(
        "Story",
        list(labels),
        index=None,
        format_func=lambda sid: f"{labels[sid]} ({sid})",
        placeholder=f"Choose one of the {top.height} best-covered stories",
    )


def choose_moment(place: Any, corpus: Corpus) -> int | None:  # noqa: ANN401  (a container)
    """The "as of" selector: the corpus's commits, newest first; returns the commit chosen,
    None for now (the default: the newest commit)."""
    log = corpus.commits().sort("commit", descending=True)
    labels: dict[int | None, str] = {None: "now"}
    for row in log.iter_rows(named=True):
        when = f"{row['at']:%Y-%m-%d %H:%M} UTC · commit {row['commit']} ({row['command']})"
        labels[None if row["commit"] == corpus.version else row["commit"]] = (
            f"now: {when}" if row["commit"] == corpus.version else when
        )
    return place.selectbox(  # type: ignore[no-any-return]
        "As of",
        list(labels),
        format_func=lambda c: labels[c],
        key="as_of",
        help="The story as it stood after that commit (a run, add or compare): what was known when",
    )


def choose_articles(
    options: dict[str, str], articles: pl.DataFrame, facts: pl.DataFrame | None = None
) -> tuple[str, str]:
    """Two select boxes; defaults: the two independent articles of different outlets that
    state the most facts together, else the first two of different outlets
    (`story_page.diff_pair`)."""
    ids = story_page.diff_pair(articles, facts)
    ids += [a for a in options if a not in ids]
    left, right = st.columns(2)
    a = left.selectbox(
        "Article A",
        list(options),
        index=list(options).index(ids[0]),
        format_func=lambda a: options[a],
    )
    b = right.selectbox(
        "Article B",
        list(options),
        index=list(options).index(ids[1]),
        format_func=lambda a: options[a],
    )
    return str(a), str(b)


@st.cache_data(max_entries=64, show_spinner=False)
def _diff(body_a: str, body_b: str) -> list[dict[str, Any]]:
    return diff_articles(body_a, body_b)


def _highlight_status(row: Any) -> list[str]:
    colour = _STATUS_COLOURS.get(row["status"])
    return [f"background-color: {colour}" if colour else ""] * len(row)


def render_header(story: dict[str, Any], changes: pl.DataFrame) -> None:
    st.title(safe.escape_markdown(story["headline"]) or "(untitled story)", anchor=False)
    copies = (
        f" (+{story_page.count_text(story['n_copies'], 'copy', 'copies')})"
        if story["n_copies"]
        else ""
    )
    facts = [
        story_page.count_text(story["size"], "article") + copies,
        # Bare text files name no outlet: "0 outlets" beside "3 articles" reads as a fault.
        story_page.count_text(story["n_outlets"], "outlet")
        if story["n_outlets"]
        else "outlet not known",
        story_page.span_text(story["time_span"]) if story["size"] > 1 else "",
        f"story {story['story_id']}",
    ]
    st.caption(safe.escape_markdown(" · ".join(f for f in facts if f)))
    last = story_page.last_change(changes)
    if last is not None:
        st.info(
            f"Last updated {last['at']:%Y-%m-%d %H:%M} UTC: {safe.escape_markdown(last['change'])}"
        )
    if changes.height:
        with st.expander(f"History ({story_page.count_text(changes.height, 'change')})"):
            st.dataframe(
                changes,
                hide_index=True,
                column_config={"at": _datetime("at (UTC)")},
            )


def render_failures(failures: pl.DataFrame) -> None:
    """Which parts of this story's extraction or comparison raised, and that the rest of
    the page is shown (nothing when none did)."""
    for notice in story_page.failure_notices(failures):
        st.warning(safe.escape_markdown(notice))


def _failed(panel: str) -> None:
    """What an empty panel says when its comparison raised for this story."""
    st.caption(
        f"Not available: the {panel} comparison failed for this story (see the notice at "
        "the top of the page)."
    )


def render_languages(articles: pl.DataFrame) -> None:
    """The story's languages under its title, when it has more than one: its numbers and
    quotes are then compared across them."""
    languages = story_languages(articles)
    if len(languages) > 1:
        st.markdown(
            f"**Languages: {', '.join(languages)}** · figures are compared across languages "
            "by value, quotes by meaning (marked *translated*)"
        )


def render_coverage(articles: pl.DataFrame) -> None:
    st.header("Coverage")
    cover = story_page.coverage(articles)
    if (first := story_page.first_report_line(cover)) is not None:
        st.markdown(first)
    firsts = cover.filter("is_first")["first_published"]
    first_date_only = firsts.len() > 0 and story_page.is_date_only(firsts[0])
    left, right = st.columns([3, 2])
    # An outlet of undated articles reads "undated" and an empty hours cell, never a
    # grid's literal "None".
    shown = cover.drop("is_first").with_columns(
        pl.col("outlet").replace("", UNKNOWN_OUTLET),
        _when("first_published"),
        story_page.after_first_expr(first_date_only=first_date_only),
    )
    left.dataframe(
        shown,
        hide_index=True,
        # Every outlet of a story of 11 to 15 in view, not ten and a scroll bar.
        height=stories_page.table_height(cover.height, TABLE_ROWS),
        column_config={
            # "The New York Times" read "The New York T" at the grid's default width; at
            # 7 px a character (the grid's font) the table still fits beside the timeline.
            **_fit(shown, ["outlet"], per_char=7),
            "n_articles": "articles",
            "n_copies": st.column_config.NumberColumn(
                "copies", help="Duplicates, e.g. wire copies"
            ),
            "first_published": st.column_config.TextColumn("first (UTC)"),
            "hours_after_first": st.column_config.TextColumn("after first"),
        },
    )
    points = story_page.timeline(articles)
    if points.height:
        chart = (
            alt.Chart(points.to_pandas())
            .mark_circle(size=120)
            .encode(
                # Dates as dates ("Sat 13" was a week tick); names whole, not "The New York Ti…".
                x=alt.X(
                    "published_at:T",
                    title="published (UTC)",
                    axis=alt.Axis(format=story_page.timeline_format(points), labelAngle=0),
                ),
                y=alt.Y("outlet:N", title=None, sort=None, axis=alt.Axis(labelLimit=240)),
                color=alt.Color("kind:N", title=None),
                tooltip=["outlet", alt.Tooltip("published_at:T", format="%Y-%m-%d %H:%M"), "kind"],
            )
            # Room for every outlet's label: Vega hides the labels that would overlap.
            .properties(height=max(150, 40 * points["outlet"].n_unique()))
        )
        right.altair_chart(chart, width="stretch")
    else:
        right.caption("No publication times known: no timeline.")


def render_headlines(articles: pl.DataFrame, framing: pl.DataFrame | None, cards: int = 9) -> None:
    """The first `cards` articles as cards side by side, then all of them in a table."""
    st.header("Headlines and leads")
    # A page with no article of its own (a site's search page...) is listed, and says so.
    table = story_page.headlines(articles, framing)
    multilingual = len(story_languages(articles)) > 1  # each card then says its language
    rows = list(table.head(cards).iter_rows(named=True))
    per_row = 3
    for start in range(0, len(rows), per_row):
        for column, row in zip(st.columns(per_row), rows[start : start + per_row], strict=False):
            with column.container(border=True):
                when = story_page.when_text(row["published_at"])
                copy = " · copy" if row["is_copy"] else ""
                lang = f" · {row['lang']}" if multilingual and row["lang"] else ""
                st.caption(
                    safe.escape_markdown(
                        f"{row['outlet'] or '(unknown outlet)'}{lang} · {when}{copy}"
                    )
                )
                st.markdown(f"**{safe.escape_markdown(row['title'])}**")
                st.text(row["lead_sentence"] or "")
                if row["no_article"]:
                    st.caption(
                        safe.escape_markdown(
                            f"No article of its own: {row['no_article']}. Not compared."
                        )
                    )
    if table.height > cards:
        st.caption(f"All {table.height} articles:")
        every = table.drop("article_id", "is_copy").with_columns(
            _when("published_at"),
            # The cards say "copy"; the grid said "true"/"false" under a raw column name.
            pl.when(table["is_copy"]).then(pl.lit("copy")).otherwise(pl.lit("")).alias("copy"),
        )
        st.dataframe(
            every,
            hide_index=True,
            height=stories_page.table_height(table.height, TABLE_ROWS),
            # A language column of one language and a copy column of none pushed the
            # lead off screen at 1400 px (the Costa Rica crash story's eleven rows): each
            # is shown where it tells the rows apart, as the cards do.
            column_order=[
                "outlet",
                *(["lang"] if multilingual else []),
                "published_at",
                *(["copy"] if table["is_copy"].any() else []),
                "title",
                "lead_sentence",
                *(["no_article"] if every["no_article"].is_not_null().any() else []),
            ],
            column_config={
                **_fit(every, ["outlet"]),
                "lang": st.column_config.TextColumn("language"),
                "published_at": st.column_config.TextColumn("published (UTC)"),
                # A raw column name ("lead_sentence") is no heading for a reader.
                "lead_sentence": st.column_config.TextColumn("lead", width="large"),
                "no_article": st.column_config.TextColumn(
                    "no article of its own", help="Why the page holds no article: not compared"
                ),
            },
        )


def _mark(corpus_path: str, kind: str, story_id: str, group_id: str, verdict: str) -> None:
    """Button callback: record the verdict with the note typed beside the buttons."""
    note = st.session_state.get(f"note-{kind}-{group_id}") or ""
    try:
        marks.mark_flag(
            Corpus(Path(corpus_path)),
            kind,
            story_id,
            group_id,
            verdict,
            who=st.session_state.get("mark_who") or "",
            note=note,
        )
    except (ValueError, FileNotFoundError) as exc:
        st.session_state["mark_error"] = str(exc)
    else:
        st.session_state[f"note-{kind}-{group_id}"] = ""
        st.toast(f"Flag marked {verdict}." if verdict != "cleared" else "Mark withdrawn.")


def render_mark(
    corpus_path: str,
    kind: str,
    story_id: str,
    group_id: str,
    marked: pl.DataFrame,
    members_now: int | None = None,
) -> None:
    """The flag's current mark (if any) and the buttons to mark it wrong or right;
    `members_now`: the flag's figures (quote versions) shown, against those marked."""
    mine = marked.filter((pl.col("kind") == kind) & (pl.col("current_group_id") == group_id))
    for row in mine.iter_rows(named=True):
        line = safe.escape_markdown(story_page.mark_line(row, members_now))
        (st.error if row["verdict"] == "wrong" else st.success)(line)
    # Verdicts are given on the newest comparison: a past view ("as of") only shows them.
    past = st.session_state.get("as_of") is not None
    note, wrong, right, clear = st.columns([5, 1.3, 1.3, 1], vertical_alignment="bottom")
    note.text_input(
        "Note (why)",
        key=f"note-{kind}-{group_id}",
        placeholder=f"e.g. {_NOTE_EXAMPLES[kind]}",
        disabled=past,
    )
    # (column, label, key prefix, verdict, help, disabled): one button each, in this order.
    buttons = (
        (wrong, "Flag wrong", "wrong", "wrong", _WRONG_HELP[kind], past),
        (right, "Flag right", "right", "right", _RIGHT_HELP[kind], past),
        (clear, "Clear", "clear", "cleared", "Withdraw the verdict (the log keeps it)",
         past or mine.height == 0),
    )  # fmt: skip
    for column, label, prefix, verdict, help_text, disabled in buttons:
        column.button(
            label,
            key=f"{prefix}-{kind}-{group_id}",
            on_click=_mark,
            args=(corpus_path, kind, story_id, group_id, verdict),
            help=help_text,
            disabled=disabled,
        )


def render_number_group(numbers: pl.DataFrame, articles: pl.DataFrame) -> None:
    """Any row of the numbers matrix, chosen, with its outlets' sentences side by side (the
    figures highlighted) and why they were aligned: an "agree" or "compatible" row is a
    claim to check too, and the matrix shows figures without their words."""
    groups = story_page.number_groups(numbers)
    chosen = st.selectbox(
        "Read a row's sentences, side by side",
        list(groups),
        index=None,
        format_func=lambda group: groups[group],
        placeholder="Choose a quantity of the table",
        key="number_group",
    )
    if chosen is None:
        return
    group = numbers.filter(pl.col("group_id") == chosen)
    claims = story_page.number_flags(group, articles, statuses=group["status"].unique())
    st.caption(safe.escape_markdown(f"Why aligned: {claims['why'][0]}"))
    st.html(story_page.number_flag_html(claims))


def render_numbers(
    numbers: pl.DataFrame | None,
    articles: pl.DataFrame,
    corpus_path: str,
    story_id: str,
    marked: pl.DataFrame,
    max_flags: int = 20,
    failed: bool = False,
) -> list[str]:
    """The numbers matrix, then each flagged group (conflict, update) with the outlets'
    sentences side by side, why they were aligned, and its mark; returns the group ids
    shown with their marks."""
    st.header("Numbers")
    if numbers is None:
        common.not_computed()
        return []
    matrix = story_page.numbers_matrix(numbers)
    if matrix.height == 0:
        if failed:
            _failed("number")
        else:
            st.caption("No numbers stated in this story.")
        return []
    # Figures only one outlet gives compare nothing: listed apart, under the matrix.
    compared = matrix.filter(pl.col("status") != "single")
    if compared.height:
        st.caption(
            # Every colour named: a reader told red from yellow, not blue from white.
            # A row can hold one outlet's articles only (two figures of one depth in one
            # outlet's two reports): "two outlets or more" was untrue of it.
            "One row per quantity two articles or more give (of several outlets, or one "
            "outlet's articles over time), as each outlet wrote it. "
            "Conflicts (red) cannot both be right; updates (blue) changed as the story went "
            "on; compatible values (yellow) overlap once rounding and 'about' are allowed; "
            "agreeing ones (white) are the same value. Choose a row below to read its "
            "sentences."
        )
        # How many outlets give each row's figures, beside its status: with seven outlets
        # most columns lie to the right, and a row whose figures all sat there read as
        # empty ("date · compatible" and nothing else, in the Costa Rica crash story).
        outlets_of = numbers.group_by("group_id").agg(
            pl.col("outlet").n_unique().cast(pl.Int64).alias("n_outlets")
        )
        cells = (
            compared.join(outlets_of, on="group_id", how="left", maintain_order="left")
            .drop("group_id")
            .with_columns(pl.col(pl.String).fill_null(""))
        )
        cells = cells.select(
            "quantity",
            "status",
            "n_outlets",
            *story_page.fullest_first(
                cells,
                [c for c in cells.columns if c not in ("quantity", "status", "n_outlets")],
                lead=cells["status"].is_in(list(story_page.FLAG_STATUSES)),
            ),
        )
        fitted = _fit(cells, [c for c in cells.columns if c not in ("status", "n_outlets")])
        # The row's label stays in view while the outlets' columns scroll under it.
        fitted["quantity"]["pinned"] = True
        st.dataframe(
            cells.to_pandas().style.apply(_highlight_status, axis=1),
            hide_index=True,
            column_config={
                **fitted,
                "status": st.column_config.TextColumn("status", pinned=True),
                "n_outlets": st.column_config.NumberColumn(
                    "outlets",
                    pinned=True,
                    help="Outlets that give this quantity (scroll right for all of them)",
                ),
            },
        )
        render_number_group(numbers, articles)
    else:
        st.caption("No quantity is given by two outlets or more: nothing to compare.")
    if left_out := story_page.numbers_left_out(numbers):  # a story of pasted tables
        st.caption(left_out)
    singles = story_page.single_figures(numbers, sentences="sentence" in numbers.columns)
    if singles.height:
        with st.expander(f"Figures only one outlet gives ({singles.height})"):
            st.dataframe(
                singles,
                hide_index=True,
                column_config={
                    **_fit(singles, ["quantity", "text"]),
                    "sentence": st.column_config.TextColumn(width="large"),
                },
            )
    flags = story_page.number_flags(numbers, articles)
    groups = flags["group_id"].unique(maintain_order=True).to_list()
    if not groups:
        return []
    st.subheader("Flagged numbers, side by side")
    st.caption(
        "Each flag with the outlets' sentences, the figures highlighted, and why they were "
        "aligned. Mark a flag wrong or right: marks are kept in the corpus and exported."
    )
    if len(groups) > max_flags:
        st.caption(f"The first {max_flags} of {len(groups)} flags:")
    for group_id in groups[:max_flags]:
        claims = flags.filter(pl.col("group_id") == group_id)
        first = claims.row(0, named=True)
        with st.container(border=True):
            badge = _STATUS_BADGES.get(first["status"], safe.escape_markdown(first["status"]))
            st.markdown(f"**{safe.escape_markdown(first['quantity'] or 'quantity')}** {badge}")
            st.caption(safe.escape_markdown(f"Why aligned: {first['why']}"))
            st.html(story_page.number_flag_html(claims))
            render_mark(corpus_path, "numbers", story_id, group_id, marked, claims.height)
    return groups[:max_flags]


def render_quotes(
    quotes: pl.DataFrame | None,
    articles: pl.DataFrame,
    corpus_path: str,
    story_id: str,
    marked: pl.DataFrame,
    max_groups: int = 10,
    failed: bool = False,
) -> list[str]:
    """The quote x outlet matrix, then the first `max_groups` shared quotes (changed ones
    first; a big story can have hundreds) side by side, each with its mark; returns the
    group ids shown with their marks."""
    st.header("Quotes")
    if quotes is None:
        common.not_computed()
        return []
    matrix = story_page.quote_matrix(quotes)
    if matrix.height == 0:
        if failed:
            _failed("quote")
        else:
            st.caption("No direct quotes in this story.")
        return []
    st.caption(
        "Each quote by outlet: verbatim, reworded or truncated against its longest version; "
        "translated when in another language (matched by meaning); only here when no other "
        "outlet carries it."
    )
    # A quote whose speaker was not found: its cell was blank beside "unknown speaker"
    # in the shared quote's heading below (the crawl's Samsung and Broadcom stories).
    cells = matrix.drop("group_id").with_columns(
        pl.when(pl.col("speaker").fill_null("") == "")
        .then(pl.lit("unknown speaker"))
        .otherwise(pl.col("speaker"))
        .alias("speaker")
    )
    cells = cells.with_columns(pl.col(pl.String).fill_null(""))
    outlets = story_page.fullest_first(
        cells, [c for c in cells.columns if c not in ("speaker", "status", "n_outlets", "quote")]
    )
    cells = cells.select("speaker", "status", "n_outlets", "quote", *outlets)
    st.dataframe(
        cells,
        hide_index=True,
        column_config={
            # An outlet's column as wide as "verbatim", not its name ("NPR" showed "verbati").
            **_fit(cells, outlets),
            "quote": st.column_config.TextColumn(width="large"),
            "n_outlets": st.column_config.NumberColumn(
                "outlets", help="Outlets that carry the quote"
            ),
        },
    )
    flags = story_page.quote_flags(quotes, articles)
    groups = flags["group_id"].unique(maintain_order=True).to_list()
    if not groups:
        return []
    st.subheader("Shared quotes, side by side")
    if len(groups) > max_groups:
        st.caption(f"The first {max_groups} of {len(groups)} shared quotes, changed ones first:")
    for i, group_id in enumerate(groups[:max_groups]):
        versions = flags.filter(pl.col("group_id") == group_id)
        first = versions.row(0, named=True)
        label = story_page.quote_label(versions)
        if (versions["wording"] == "translated").any():
            label += " · translated"
        with st.expander(safe.escape_markdown(label), expanded=i == 0):
            st.caption(safe.escape_markdown(f"Why aligned: {first['why']}"))
            st.html(story_page.quote_flag_html(versions))
            render_mark(corpus_path, "quotes", story_id, group_id, marked, versions.height)
    return groups[:max_groups]


def _withdraw(corpus_path: str, flag: str | None) -> None:
    """Button callback: withdraw the latest verdict on a flag no group shows."""
    if flag is None:
        return
    who = st.session_state.get("mark_who") or ""
    try:
        marks.remark(Corpus(Path(corpus_path)), flag, "cleared", who=who)
    except (ValueError, FileNotFoundError) as exc:
        st.session_state["mark_error"] = str(exc)


def render_other_marks(marked: pl.DataFrame, shown: list[str], corpus_path: str) -> None:
    """Marks of this story that no flag above shows: kept, listed here, and each can be
    withdrawn."""
    others = story_page.other_marks_table(marked, shown)
    if others.height == 0:
        return
    st.subheader("Other marks")
    st.caption(
        "Marks whose flag no longer exists (new articles or a new comparison changed the "
        "groups) or is no longer flagged. They are kept and exported."
    )
    st.dataframe(
        others.drop("flag_key"), hide_index=True, column_config={"at": _datetime("at (UTC)")}
    )
    labels = {
        row["flag_key"]: f"{row['verdict']} · {row['label'] or row['kind']} · {row['figures']}"
        for row in others.iter_rows(named=True)
    }
    chosen, withdraw = st.columns([5, 1], vertical_alignment="bottom")
    flag = chosen.selectbox(
        "Withdraw a mark", list(labels), format_func=lambda k: labels[k], key="withdraw-flag"
    )
    withdraw.button(
        "Withdraw",
        key="withdraw",
        on_click=_withdraw,
        args=(corpus_path, flag),
        help="A 'cleared' verdict is added: the log keeps the mark",
    )


def render_framing(
    framing: pl.DataFrame | None, articles: pl.DataFrame, failed: bool = False
) -> None:
    st.header("Framing")
    if framing is None:
        common.not_computed()
        return
    table = story_page.framing_table(framing)
    if table.height == 0:
        if failed:
            _failed("framing")
        else:
            st.caption("No framing cues for this story.")
        return
    # A tone of -0.001 read "-0.00", a sign with no meaning: what rounds to 0 is 0.
    shown = table.drop("article_id").with_columns(
        pl.when(pl.col("tone").abs() < 0.005)
        .then(0.0)
        .otherwise(pl.col("tone").round(2))
        .alias("tone")
    )
    st.dataframe(
        shown,
        hide_index=True,
        # Every article in view (eleven rows showed ten and a scroll bar), and the cues
        # before the hedges: behind a full-width headline the loaded terms and the names
        # only one outlet gives lay off screen at 1400 px.
        height=stories_page.table_height(shown.height, TABLE_ROWS),
        column_order=FRAMING_COLUMNS,
        column_config={
            # "The Washington Post" read "The Washing" at the grid's default width.
            **_fit(shown, ["outlet", "loaded_terms"]),
            # The headline names the article (an outlet's two rows); the cards above
            # show it whole.
            "headline": st.column_config.TextColumn("headline", width="medium"),
            "tone": st.column_config.NumberColumn(format="%.2f", help="-1 negative to +1 positive"),
            "subjectivity": st.column_config.NumberColumn(
                format="%.2f", help="0 factual to 1 opinionated"
            ),
            "attribution_verbs": st.column_config.TextColumn(
                "attribution verbs", help="How it reports speech: said x4, claimed x1"
            ),
            "loaded_terms": st.column_config.TextColumn(
                "loaded terms", help="Loaded words, with a neutral word in brackets"
            ),
            "entities_only_here": st.column_config.TextColumn(
                "named only here", help="People and organisations no other outlet names"
            ),
        },
    )
    marks_html = story_page.framing_marks_html(framing, articles)
    if marks_html:
        st.subheader("Framing marks in context")
        st.caption(story_page.framing_trust_note())
        st.html(marks_html)


def render_facts(facts: pl.DataFrame | None, n_outlets: int, failed: bool = False) -> None:
    """What most outlets report, then what only one does, per outlet (sentences wrap:
    a grid cuts them at its width)."""
    st.header("Facts")
    if facts is None:
        common.not_computed()
        return
    if facts.height == 0:
        if failed:
            _failed("fact")
        else:
            st.caption("No fact sentences to compare (a story of one outlet, or too short).")
        return
    st.caption(
        "Each article's sentences, matched across outlets by meaning and by the specific "
        "words they share (names, figures, places): two sentences state one fact when each "
        "is the other's best match in its outlet. A sentence no other outlet matches is "
        "only this outlet's; it may still be said in other words elsewhere: read it as a "
        "lead to check."
    )
    counts = story_page.fact_counts(facts)
    st.dataframe(
        counts,
        hide_index=True,
        column_config={
            "only_here": st.column_config.NumberColumn(
                "only this outlet", help="Its sentences no other outlet states"
            ),
            # "shared 0" beside "with most outlets 5" read as a contradiction: both
            # are shared, the first with fewer outlets than most.
            "shared": st.column_config.NumberColumn(
                "with some outlets",
                help="Its other sentences that some other outlet states too, outside the "
                "facts most outlets report",
            ),
            "with_most": st.column_config.NumberColumn(
                "with most outlets",
                help="How many of the facts listed under 'Reported by most outlets' it states",
            ),
        },
    )
    most = story_page.consensus_facts(facts).join(
        story_page.consensus_wording(facts), on="fact_id", how="left", maintain_order="left"
    )
    st.subheader("Reported by most outlets")
    if most.height == 0:
        st.caption("No fact is stated by at least half of the outlets.")
    for row in most.iter_rows(named=True):
        outlets = ", ".join(row["outlets"])
        # One outlet's sentence stands for the fact: say whose, as a quote names its source.
        worded = f" · as worded by {row['worded_by']}" if row["worded_by"] else ""
        st.markdown(
            f"- {safe.escape_markdown(row['sentence'])}  \n"
            f"  :gray[{row['n_outlets']} of {n_outlets} outlets: {safe.escape_markdown(outlets)}"
            f"{safe.escape_markdown(worded)}]"
        )
    exclusive = story_page.exclusive_facts(facts)
    st.subheader("Only this outlet reports")
    if exclusive.height == 0:
        st.caption("No outlet reports a fact the others do not.")
        return
    per_outlet = exclusive.group_by("outlet", maintain_order=True).agg("sentence")
    per_outlet = per_outlet.sort(pl.col("sentence").list.len(), "outlet", descending=[True, False])
    for i, (outlet, sentences) in enumerate(per_outlet.iter_rows()):
        label = f"{outlet or '(unknown outlet)'}: {len(sentences)} " + (
            "fact" if len(sentences) == 1 else "facts"
        )
        with st.expander(safe.escape_markdown(label), expanded=i == 0):
            # The Daily Mail's 122 facts (the real crawl's Cubs story) opened as a 5,000 px
            # list above the diff: a long list scrolls in a box of its own.
            box = st.container(height=FACT_LIST_HEIGHT) if len(sentences) > FACT_ROWS else st
            box.markdown("\n".join(f"- {safe.escape_markdown(t)}" for t in sentences))


def render_diff(articles: pl.DataFrame, facts: pl.DataFrame | None = None) -> None:
    st.header("Compare two articles")
    if articles.height < 2:
        st.caption("One article only: nothing to compare.")
        return
    options = story_page.article_options(articles)
    a, b = choose_articles(options, articles, facts)
    bodies = dict(zip(articles["article_id"], articles["body"], strict=True))
    rows = _diff(bodies[a], bodies[b])
    st.caption(
        "Sentences aligned, then words: deletions (only in A) red, insertions (only in B) green."
    )
    st.html(safe.article_diff_html(rows, left=options[a], right=options[b]))


corpus = common.require_corpus()
key = common.stamp(corpus)
table = common.stories_table(str(corpus.path), key)
requested = st.query_params.get("story")
story_id = requested if requested in set(table["story_id"]) else None
if story_id is None:
    if requested:
        st.warning(f"No story {safe.escape_markdown(requested)} in this corpus.")
    story_id = choose_story(table)
    if story_id is None:
        st.stop()
    st.query_params["story"] = story_id

story = table.filter(pl.col("story_id") == story_id).row(0, named=True)
link, moment = st.columns([3, 2], vertical_alignment="bottom")
link.page_link("app_pages/stories.py", label="All stories")
as_of = choose_moment(moment, corpus)
if as_of is not None:
    # A past commit never changes: the newest stamp keys its frames too.
    then = common.stories_table(str(corpus.path), key, as_of).filter(pl.col("story_id") == story_id)
    made = corpus.commits().filter(pl.col("commit") == as_of)["at"][0]
    when = f"{made:%Y-%m-%d %H:%M} UTC"
    if then.is_empty():
        st.warning(
            f"Story {safe.escape_markdown(story_id)} did not exist yet at commit {as_of} "
            f"({when}): its articles came later or were then part of another story."
        )
        st.stop()
    story = then.row(0, named=True)
    st.info(
        f"As of commit {as_of} ({when}): the story as it stood then, what was known when. "
        "Marks shown are today's; choose 'now' to mark a flag."
    )
bundle = common.story_bundle(str(corpus.path), key, story_id, as_of)
render_header(story, bundle["changes"])
render_failures(bundle["failures"])
failed = story_page.failed_comparisons(bundle["failures"])
render_languages(bundle["articles"])
render_coverage(bundle["articles"])
render_headlines(bundle["articles"], bundle["framing"])
if error := st.session_state.pop("mark_error", None):
    st.error(safe.escape_markdown(error))
with st.sidebar:
    st.text_input("Your name, kept with your marks", key="mark_who")
marked = story_page.story_marks(
    marks.mark_states(corpus), story_id, bundle["articles"]["article_id"].to_list()
)
tables = {kind: bundle[kind] for kind in ("numbers", "quotes", "framing", "facts")}
if (note := story_page.not_compared_note(story["n_outlets"], tables, failed)) is not None:
    # One line instead of four panels that would each say "none" of uncompared articles.
    st.header("Comparison")
    st.info(note)
    render_diff(bundle["articles"])
    st.stop()
shown = render_numbers(
    bundle["numbers"],
    bundle["articles"],
    str(corpus.path),
    story_id,
    marked,
    failed="numbers" in failed,
)
shown += render_quotes(
    bundle["quotes"],
    bundle["articles"],
    str(corpus.path),
    story_id,
    marked,
    failed="quotes" in failed,
)
render_other_marks(marked, shown, str(corpus.path))
render_framing(bundle["framing"], bundle["articles"], failed="framing" in failed)
render_facts(bundle["facts"], story["n_outlets"], failed="facts" in failed)
render_diff(bundle["articles"], bundle["facts"])
