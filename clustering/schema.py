"""The frame schemas every stage reads and writes, and `validate` to check them.

Data flows one way through StoryLens as polars frames; each stage declares the
schema of what it returns here, so that the corpus files, the CLI, the app and
the exports agree on column names and types.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import polars as pl

from clustering.errors import SchemaError  # re-exported: one hierarchy in clustering.errors

UTC_DATETIME = pl.Datetime("us", "UTC")


def frame_schema(columns: Mapping[str, pl.DataType | type[pl.DataType]]) -> pl.Schema:
    """A frame schema from {column: dtype}: typed, so that mypy checks every dtype."""
    return pl.Schema(columns)


#: One row per accepted input record (duplicates included, flagged).
ARTICLES = frame_schema(
    {
        "article_id": pl.String,  # stable: sha256 of outlet|url|title|body, 16 hex chars
        "source_id": pl.String,  # the id the user gave, if any
        "outlet": pl.String,  # outlet name or domain; "" when unknown
        "url": pl.String,  # null when unknown
        "title": pl.String,  # "" when the input has none
        "lead": pl.String,  # first paragraph (or the description the input gave)
        "body": pl.String,  # full text, paragraphs separated by blank lines
        "author": pl.String,  # byline, null when unknown
        "section": pl.String,  # section / category, null when unknown
        "published_at": UTC_DATETIME,  # null when unknown
        "lang": pl.String,  # ISO 639-1, "" when unknown
        "source_file": pl.String,  # path as the user gave it
        "source_line": pl.Int64,  # 1-based line (JSONL/CSV row/record index)
        "source_format": pl.String,  # jsonl, json, csv, parquet, news-please, html, text, aggregator, feed
        "extra": pl.String,  # JSON object of input fields we have no column for (nothing is lost)
        "content_hash": pl.String,  # sha256 of the normalised title+body, 16 hex chars
        "duplicate_of": pl.String,  # article_id of the canonical copy; null for originals
        "duplicate_kind": pl.String,  # null, "exact", "near" (wire copy), "same_url"
        # null for an article; else why the page holds no article of its own: a site's
        # search, tag or home page, or a crawl that kept only the site's name, description
        # and footer (ingest.furniture.no_article_reason). Kept and clustered as read, and
        # left out of the comparisons (numbers, quotes, framing, facts)
        "no_article_reason": pl.String,
    }
)

#: One row per input record that could not become an article.
REJECTS = frame_schema(
    {
        "source_file": pl.String,
        "source_line": pl.Int64,
        "field": pl.String,  # the field at fault ("" for the whole record)
        "reason": pl.String,  # a sentence a user can act on
        "raw": pl.String,  # the record as read (kept whole: nothing a user gave is lost)
    }
)

#: One row per part of the work that raised on one article or one story: `run`, `add` and
#: `watch` go on without that part (the article or story keeps every other one), and this
#: row says which part it lacks and why. The corpus's `failures` table
#: (`Corpus.record_failures`).
FAILURES = frame_schema(
    {
        "commit": pl.Int64,  # the corpus commit that recorded it (null until stored)
        "part": pl.String,  # extract:numbers|quotes|framing|facts or compare:numbers|quotes|framing|facts
        "article_id": pl.String,  # the article whose part raised; null for a story's part
        "story_id": pl.String,  # the story compared; null when no story of it was compared
        "source_file": pl.String,  # the article's input file; null for a story's part
        "source_line": pl.Int64,  # its 1-based line or record there; null for a story's part
        "error_type": pl.String,  # the exception's class, e.g. ValueError
        "error": pl.String,  # the exception's message (its first 1,000 characters)
    }
)

#: One row per article (duplicates included): the story it belongs to.
ASSIGNMENTS = frame_schema(
    {
        "article_id": pl.String,
        "story_id": pl.String,
        "is_noise": pl.Boolean,  # HDBSCAN called it noise: it is a single-article story
    }
)

#: One row per story.
STORIES = frame_schema(
    {
        "story_id": pl.String,  # "s-" + 12 hex chars of sha256 over the sorted member ids
        "size": pl.Int64,  # independent articles (duplicates not counted)
        "n_copies": pl.Int64,  # duplicate copies folded into the story
        "n_outlets": pl.Int64,  # distinct outlets among the independent articles
        "outlets": pl.List(pl.String),  # those outlets, sorted
        "first_published": UTC_DATETIME,  # earliest publication time; null when none is known
        "last_published": UTC_DATETIME,  # latest publication time; null when none is known
        "headline": pl.String,  # title of the article closest to the story centroid
        "keywords": pl.List(pl.String),  # the story's most distinctive words (TF-IDF)
        "is_singleton": pl.Boolean,  # one independent article only
        "updated_at": UTC_DATETIME,  # when an `add` last changed the story (or it was built)
    }
)

#: One row per change to the stories by `storylens add` (and one "built" row per `run`).
HISTORY = frame_schema(
    {
        "at": UTC_DATETIME,  # when the change was made (UTC)
        "kind": pl.String,  # built, new, grown, merge, split
        "story_id": pl.String,  # the story as it is after the change
        "old_story_ids": pl.List(pl.String),  # ids before the change (merge: several)
        "new_story_ids": pl.List(pl.String),  # ids after the change (split: several)
        "n_added": pl.Int64,  # new articles that joined
    }
)


#: One row per stored article: what duplicate checks compare (ingest.dedupe.duplicate_keys),
#: kept so that `add` looks new articles up instead of re-hashing the corpus.
DUPLICATE_KEYS = frame_schema(
    {
        "article_id": pl.String,
        "published_at": UTC_DATETIME,  # lets the candidates' month partitions alone be read
        "url_key": pl.String,  # normalised URL; null when it names no page
        "content_hash": pl.String,  # the article's content_hash (ARTICLES): an exact copy shares it
        "lsh_keys": pl.List(pl.Int64),  # MinHash LSH band keys (bits of a uint64); null: short
    }
)

#: One row per outlet of an outlet table: the users' (`storylens outlets import`), over the shipped one; or the merged one a corpus's articles were identified with (`applied_outlets`).
OUTLETS = frame_schema(
    {
        "outlet": pl.String,  # the display name articles get ("China Daily"), unique
        "domains": pl.List(pl.String),  # registered domains or hosts it publishes on
        "group": pl.String,  # owner or network ("News Corp"); null when unknown
        "lean": pl.String,  # political lean as the user labels it ("left"); null when unknown
        "country": pl.String,  # where it is based (ISO 3166 code, e.g. "GB"); null when unknown
    }
)


def validate(frame: pl.DataFrame | pl.LazyFrame, schema: pl.Schema, name: str) -> None:
    """Raise `SchemaError` unless `frame` has every column of `schema` with its type.

    Extra columns are allowed; missing or mistyped ones are named in the message.
    """
    got = frame.collect_schema() if isinstance(frame, pl.LazyFrame) else frame.schema
    problems = []
    for column, dtype in schema.items():
        if column not in got:
            problems.append(f"missing column {column!r}")
        elif got[column] != dtype:
            problems.append(f"column {column!r} should be {dtype}, got {got[column]}")
    if problems:
        raise SchemaError(f"{name} frame does not match its schema: " + "; ".join(problems))


def empty(schema: pl.Schema) -> pl.DataFrame:
    """An empty frame with `schema`."""
    return pl.DataFrame(schema=schema)


def require_columns(frame: pl.DataFrame, columns: Iterable[str], name: str) -> None:
    """Raise `SchemaError` naming the columns of `columns` that `frame` lacks (types are
    not checked: for frames shaped on the way, which have no schema constant)."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise SchemaError(
            f"{name} frame should have columns {missing}. Got {frame.columns} instead."
        )


# --- What the comparison stages extract per article (clustering.extract) and write
# per story (clustering.compare).

#: One row per quantity found in an article's title or body.
NUMBERS = frame_schema(
    {
        "article_id": pl.String,
        "sentence_index": pl.Int64,  # index into clustering.text.split_sentences(body); -1: title
        # the whole sentence (the title for sentence_index -1); one over 3,000 characters (a
        # pasted table) as a window of ~300 either side of the figure, cut at words and
        # marked with an ellipsis (clustering.text.sentence_window)
        "sentence": pl.String,
        "text": pl.String,  # exact span: qualifier, number, unit, counted phrase after it
        "start": pl.Int64,  # offsets of `text` in the body (in the title when sentence_index -1)
        "end": pl.Int64,
        # offset of `sentence` in the body (0 for the title); of a window, where the window's
        # first character would stand: `text` is at sentence[start - sentence_start:] always
        "sentence_start": pl.Int64,
        "value": pl.Float64,  # normalised: "4m" -> 4e6; dates yyyymmdd (0 for unknown parts)
        "value_high": pl.Float64,  # upper end of a range; null otherwise
        "qualifier": pl.String,  # exact more_than at_least about nearly up_to less_than at_most range
        # "" for counts; "%", "pp", "USD", "EUR", "GBP", "km", "year", ...; for dates
        # "relative" (a weekday worked out) or "statement" (the day someone spoke: never
        # set against another day)
        "unit": pl.String,
        "kind": pl.String,  # count money percent measure date time age year ordinal address other
        "counted": pl.String,  # lower-case lemmatised head phrase; "" when none was found
    }
)

#: One row per direct quote.
QUOTES = frame_schema(
    {
        "article_id": pl.String,
        "quote_index": pl.Int64,  # 0-based, in reading order within the article
        "text": pl.String,  # the quoted words without the marks; paragraphs joined by a space
        "start": pl.Int64,  # body offset of the first character inside the marks
        "end": pl.Int64,  # body offset just past the last character inside the marks
        "speaker": pl.String,  # full name as first introduced in the article; null if unknown
        "verb": pl.String,  # attribution verb as written, lower-cased; null if none
        "is_partial": pl.Boolean,  # a fragment embedded in a sentence: called it "a war"
        "is_truncated": pl.Boolean,  # cut by the outlet with an ellipsis (… or ...) inside
        "sentence": pl.String,  # the sentence(s) the quote sits in; over 3,000 characters (a pasted page), a window of ~300 either side of the quote (clustering.text.sentence_window)
    }
)

#: One row per article: the framing cues of its headline and body.
FRAMING = frame_schema(
    {
        "article_id": pl.String,
        "headline": pl.String,  # the title ("" when none)
        "lead_sentence": pl.String,  # first sentence of the body (or of the lead)
        # Attribution verbs by the form shown to users ("said" counts said/says), text order.
        "attribution_verbs": pl.List(pl.Struct({"verb": pl.String, "count": pl.Int64})),
        "loaded_verb_share": pl.Float64,  # loaded / all attribution verbs; null when none
        "hedges": pl.List(pl.String),  # distinct, in order of first use
        "intensifiers": pl.List(pl.String),  # distinct, in order of first use
        # Loaded words from the lexicons: the term, its category and a neutral alternative.
        "loaded_terms": pl.List(
            pl.Struct({"term": pl.String, "category": pl.String, "neutral": pl.String})
        ),
        "subjectivity": pl.Float64,  # [0, 1], see SUBJECTIVITY_HALF
        "tone": pl.Float64,  # [-1, 1], mean VADER compound over sentences
        # PERSON / ORG / GPE, surname-only mentions folded into the full name; by count.
        "entities": pl.List(pl.Struct({"name": pl.String, "label": pl.String, "count": pl.Int64})),
        # Loaded-language marks in the body (clustering.extract.framing.loaded_marks), text
        # order: the words, their body offsets, their sentence (index into split_sentences),
        # the model's score, whom they are about ("" when the article names nobody) and
        # whether they stand inside quotation marks (a speaker's words, not the writer's).
        "loaded_marks": pl.List(
            pl.Struct(
                {
                    "text": pl.String,
                    "start": pl.Int64,
                    "end": pl.Int64,
                    "sentence_index": pl.Int64,
                    "score": pl.Float64,
                    "target": pl.String,
                    "quoted": pl.Boolean,
                }
            )
        ),
    }
)

#: One row per claim (one article's statement of one quantity), grouped across outlets.
#: NUMBER_CLAIMS.reason "left_out" of a figure not aligned with the others: its sentence
#: is a row of a table (many figures) in a story whose figures would pass the pair cap
#: (clustering.compare.number_claims.NUMBER_PAIR_CAP); it is shown as a single figure.
NUMBERS_LEFT_OUT_TABLE = "table"

NUMBER_CLAIMS = frame_schema(
    {
        "group_id": pl.String,  # "n-" + 12 hex chars of sha256 over the group's claim keys
        "status": pl.String,  # agree | compatible | update | conflict | single
        "quantity": pl.String,  # label: its most common counted phrase, else its kind in words
        # why the claims were aligned, a JSON object: {"counted", "events", "scope", "when",
        # "basis"} (see clustering.compare.number_claims.align_numbers); for a figure left
        # out of the alignment, {"basis": "not compared", "left_out": NUMBERS_LEFT_OUT_TABLE,
        # "figures", "sentence_figures", "pair_cap"} (number_claims.left_out_reason)
        "reason": pl.String,
        "article_id": pl.String,
        "outlet": pl.String,  # the article's outlet; its article_id when the outlet is unknown
        "value": pl.Float64,  # as NUMBERS.value
        "value_high": pl.Float64,  # upper end of a range; null otherwise
        "qualifier": pl.String,  # as NUMBERS.qualifier
        "unit": pl.String,  # as NUMBERS.unit
        "text": pl.String,  # the figure as written
        "sentence": pl.String,  # the sentence that states it
        "sentence_index": pl.Int64,  # index into split_sentences(body); -1: the title
        "start": pl.Int64,  # offsets of `text` in the body (the title when sentence_index -1)
        "end": pl.Int64,
        "sentence_start": pl.Int64,  # offset of `sentence` in the body: text is at start - this
        "counted": pl.String,  # this claim's own counted phrase
        "published_at": UTC_DATETIME,  # the article's; an update is ordered by it
    }
)

DIFF_SPAN = pl.Struct({"kind": pl.String, "text": pl.String})

#: One row per version of a quote in one story.
QUOTE_GROUPS = frame_schema(
    {
        "group_id": pl.String,  # "q-" + 12 hex chars of sha256 over the sorted member keys
        "speaker": pl.String,  # the most common speaker among the versions; null if none
        "status": pl.String,  # "shared" (carried by >= 2 outlets) or "single"
        "article_id": pl.String,
        "quote_index": pl.Int64,  # with article_id, the key of the QUOTES row
        "outlet": pl.String,
        "text": pl.String,  # this version's words
        "is_truncated": pl.Boolean,  # a strict sub-span of a longer version, cut mid-sentence
        "similarity": pl.Float64,  # 0-100, to the group's reference (the longest version)
        "diff": pl.List(DIFF_SPAN),  # diff_words(reference, this version)
        # In another language than the reference: a translation matched by meaning (the
        # multilingual encoder; clustering.compare.quote_groups.match_translations), never a
        # rewording. `similarity` is then the encoders' cosine x 100 and `diff` is empty.
        # Null in comparisons stored before it existed (read as False).
        "translated": pl.Boolean,
    }
)

#: One row per independent article of a story (wire copies excluded), by outlet.
FRAMING_COMPARISON = frame_schema(
    {
        "outlet": pl.String,
        "article_id": pl.String,
        "headline": FRAMING["headline"],
        "lead_sentence": FRAMING["lead_sentence"],
        "attribution_verbs": FRAMING["attribution_verbs"],
        "loaded_verb_share": FRAMING["loaded_verb_share"],
        "hedges": FRAMING["hedges"],
        "intensifiers": FRAMING["intensifiers"],
        "loaded_terms": FRAMING["loaded_terms"],
        "subjectivity": FRAMING["subjectivity"],
        "tone": FRAMING["tone"],
        # People and organisations this article names and no other outlet of the story does,
        # most mentioned first; one entry per entity, outlets of the story left out.
        "entities_only_here": pl.List(pl.String),
        # FRAMING's marks, each target kept only where the mark's sentence names that person
        # (or holds a pronoun right after a sentence of its paragraph that does), else "".
        "loaded_marks": FRAMING["loaded_marks"],
        # The article's sentences flagged as informational bias (SLANTED rows with slanted
        # true), in text order; empty when the story was compared without an embedder.
        "slanted_sentences": pl.List(
            pl.Struct(
                {
                    "sentence_index": pl.Int64,
                    "start": pl.Int64,
                    "end": pl.Int64,
                    "score": pl.Float64,
                    "exclusive": pl.Boolean,
                }
            )
        ),
    }
)

#: One row per framing mark of a story, in its sentence, for the story page
#: (clustering.compare.framing_comparison.framing_marks): loaded words and slanted sentences.
FRAMING_MARKS = frame_schema(
    {
        "outlet": pl.String,
        "article_id": pl.String,
        "kind": pl.String,  # "loaded" (words) or "slanted" (the whole sentence)
        "sentence_index": pl.Int64,  # index into split_sentences(body)
        "sentence": pl.String,  # the sentence the mark is in
        "mark_start": pl.Int64,  # offsets of the mark in `sentence` (slanted: 0, len)
        "mark_end": pl.Int64,  # end of the mark in `sentence`
        "text": pl.String,  # the marked words (slanted: the sentence)
        "target": pl.String,  # whom loaded words are about ("" when unknown or slanted)
        "score": pl.Float64,  # the model's probability, [0, 1]
        "exclusive": pl.Boolean,  # slanted: no other outlet states it; loaded: null
        "quoted": pl.Boolean,  # loaded: inside quotation marks (a speaker's words)
    }
)

#: One row per fact-bearing sentence of a story's independent articles, scored for
#: informational bias (clustering.compare.framing_comparison.slanted_sentences).
SLANTED = frame_schema(
    {
        "article_id": pl.String,
        "outlet": pl.String,
        "sentence_index": pl.Int64,  # index into split_sentences(body), trivial ones included
        "start": pl.Int64,  # body offsets of the sentence
        "end": pl.Int64,
        "sentence": pl.String,  # the sentence
        "score": pl.Float64,  # P(informational bias), [0, 1]
        "exclusive": pl.Boolean,  # no other outlet states it (CompareConfig.fact_similarity*)
        "slanted": pl.Boolean,  # score >= the model's threshold
    }
)

#: One row per fact-bearing sentence of a story's independent articles.
FACTS = frame_schema(
    {
        # "f-" + 16 hex chars: the same for all sentences stating one fact (the id of the
        # sentence that stands for them); independent of row order.
        "fact_id": pl.String,
        "kind": pl.String,  # "exclusive", "consensus" or "shared"
        "article_id": pl.String,
        "outlet": pl.String,
        "sentence": pl.String,  # the sentence
        "sentence_index": pl.Int64,  # index among split_sentences(body), trivial ones included
        "n_outlets": pl.Int64,  # outlets stating this sentence's content, its own included
        "outlets": pl.List(pl.String),  # those outlets, sorted (article_id if outlet unknown)
    }
)

#: The marks log (clustering.marks): one row per verdict a user gave on a comparison flag
#: (a number group or a quote group); rows are only ever appended. A flag is named by its
#: figures (article ids + offsets), never by a story or group id, so that a mark outlives
#: re-clustering and re-comparison.
MARKS = frame_schema(
    {
        "mark_id": pl.String,  # "m-" + 12 hex chars, unique per row
        "at": UTC_DATETIME,  # when the mark was given
        "who": pl.String,  # who gave it ("" when unknown)
        "kind": pl.String,  # numbers | quotes
        "flag_key": pl.String,  # "k-" + 12 hex chars of sha256 over kind and sorted members
        "members": pl.List(pl.String),  # sorted "<article_id>:<start>-<end>" of the figures
        "verdict": pl.String,  # wrong | right | cleared (withdraws the earlier verdicts)
        "note": pl.String,  # the user's reason ("" when none)
        "story_id": pl.String,  # where the flag was when marked (story ids change on add)
        "group_id": pl.String,  # the flag's group when marked
        "status": pl.String,  # the flag's status when marked: conflict, update, shared, ...
        "label": pl.String,  # its quantity (numbers) or speaker (quotes) as shown then
        "figures": pl.List(pl.String),  # "outlet: text" of each member as shown then
    }
)

#: One row per marked flag (clustering.marks.mark_states): the latest verdict of the MARKS
#: log (MARKS columns) and where the flag's figures are now.
MARK_STATES = frame_schema(
    {
        **MARKS,
        "n_marks": pl.Int64,  # verdicts given on this flag so far, this one included
        "state": pl.String,  # attached (a current group holds its figures) | orphaned
        "current_story_id": pl.String,  # null when orphaned
        "current_group_id": pl.String,  # the group holding its figures now; null when orphaned
        "current_status": pl.String,  # may differ from `status`: the flag changed since
        "n_found": pl.Int64,  # members found in the current group
    }
)
