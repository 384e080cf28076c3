"""One error hierarchy: every error StoryLens raises on purpose is a `StoryLensError`.

    StoryLensError
    ├── ConfigError        a parameter has a value StoryLens cannot use (also ValueError)
    ├── IngestError        the inputs cannot be read at all (also ValueError)
    ├── SchemaError        a frame lacks the columns or types a stage expects (also ValueError)
    ├── CorpusError        the corpus is missing or incomplete (also FileNotFoundError)
    ├── CorpusExistsError  a corpus is already there and would be replaced (also FileExistsError)
    ├── ExportExistsError  an export folder already holds files an export would replace
    │                      (also FileExistsError)
    └── ResourceError      the machine lacks the memory or disk a run needs (also RuntimeError)

Each also subclasses the built-in exception it was before the hierarchy, so that
`except ValueError` / `except FileNotFoundError` written against earlier releases still
catches it; `except StoryLensError` catches them all. The modules that raise them
(`config`, `ingest`, `schema`, `corpus`, `limits`) re-export their own, so
`from clustering.corpus import CorpusError` keeps working.

Messages follow scikit-learn's shape: what is wrong, what is expected, "Got X instead.",
and where there is one, what to do.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "CorpusError",
    "CorpusExistsError",
    "ExportExistsError",
    "IngestError",
    "ResourceError",
    "SchemaError",
    "StoryLensError",
]


class StoryLensError(Exception):
    """Base class of every error StoryLens raises on purpose."""


class ConfigError(StoryLensError, ValueError):
    """A parameter has a value StoryLens cannot use; the message names its TOML key."""


class IngestError(StoryLensError, ValueError):
    """The inputs cannot be read at all (no files, a bad column mapping)."""


class SchemaError(StoryLensError, ValueError):
    """A frame does not have the columns or types a stage expects."""


class CorpusError(StoryLensError, FileNotFoundError):
    """The corpus directory is missing or incomplete."""


class CorpusExistsError(StoryLensError, FileExistsError):
    """A corpus is already there and the command would replace it."""


class ExportExistsError(StoryLensError, FileExistsError):
    """An export folder already holds files (an earlier export's, or a user's own of the
    same names) that an export would replace."""


class ResourceError(StoryLensError, RuntimeError):
    """The machine does not have the memory or disk a run needs."""
