"""Language of each article, detected from its text by py3langid.

py3langid (BSD-3-Clause, kept up by the author of trafilatura) is langid.py's naive
Bayes over byte n-grams, 97 languages, with its model inside the package: nothing is
downloaded. Measured in benchmarks/languages.py on meantime_multilingual (240
articles in en, es, it, nl): every article right from its title and first 1,000
characters, at about 1,000 articles/s on this machine. lingua-language-detector
scored the same there but needed ~1.2 GB of memory for all its languages and ran
~8x slower, so it was not chosen.

A language the input gives (a `lang` field, `<html lang>`) is kept: it is the
publisher's own statement. Only articles without one are detected, and an article
whose text is too short or too mixed to tell keeps lang "" (unknown) rather than a
guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import polars as pl

#: Characters of title + lead + body read: enough for every meantime article, and the
#: cost grows with the text.
DETECT_CHARS = 1000
#: Normalised probability under which the detector's answer is not trusted ("" instead).
MIN_CONFIDENCE = 0.5
#: py3langid's labels that are no language ("zxx": no linguistic content).
_NOT_A_LANGUAGE = {"zxx", "und"}


@cache
def _identifier() -> Any:
    """py3langid's identifier with probabilities, loaded once (about 1 s)."""
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError as exc:  # pragma: no cover - install problem
        raise ImportError("Language detection needs: pip install py3langid") from exc
    return LanguageIdentifier.from_model_file(
        MODEL_FILE, norm_probs=True, min_confidence=MIN_CONFIDENCE
    )


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language `text` is written in (e.g. "es"), or "" when
    it cannot be told (too short, no letters, below MIN_CONFIDENCE)."""
    text = text[:DETECT_CHARS].strip()
    if not any(ch.isalpha() for ch in text):
        return ""
    code, _ = _identifier().classify(text)
    return "" if code in _NOT_A_LANGUAGE else str(code)


def detect_languages(texts: Sequence[str]) -> list[str]:
    """`detect_language` of each text, in order."""
    return [detect_language(text) for text in texts]


def with_languages(articles: pl.DataFrame) -> pl.DataFrame:
    """ARTICLES with `lang` filled in where the input gave none ("" or null), detected
    from the title, lead and body (their first DETECT_CHARS characters); the other
    columns and the rows are unchanged."""
    langs = articles["lang"].fill_null("").to_list()
    todo = [row for row, lang in enumerate(langs) if not lang]
    if not todo:
        return articles
    texts = (
        articles[todo]
        .select(
            pl.concat_str(
                [
                    pl.col(c).fill_null("").str.slice(0, DETECT_CHARS)
                    for c in ("title", "lead", "body")
                ],
                separator="\n",
            )
        )
        .to_series()
        .to_list()
    )
    for row, lang in zip(todo, detect_languages(texts), strict=True):
        langs[row] = lang
    return articles.with_columns(pl.Series("lang", langs, dtype=pl.String))
