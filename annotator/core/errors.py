"""Errors a user can act on.

Every error that reaches a person is an ``AnnotatorError`` whose message names the file,
line or record involved and says what to do. Anything else is a bug: the front ends log it
with its traceback and show a short apology instead.
"""

from __future__ import annotations

from pathlib import Path


class AnnotatorError(Exception):
    """An error with a message written for the analyst, not the developer."""


class SourceError(AnnotatorError):
    """An input file (or one line/record of it) cannot be read as an article or dataset."""

    def __init__(self, origin: str | Path, message: str, line: int | None = None) -> None:
        self.origin = str(origin)
        self.line = line
        self.reason = message
        where = f"{self.origin}, line {line}" if line is not None else self.origin
        super().__init__(f"{where}: {message}")


class DatabaseError(AnnotatorError):
    """The project database cannot be opened, migrated or written."""


class DamagedDatabaseError(DatabaseError):
    """The SQLite file is corrupted or truncated: restore a backup or open it read-only."""


class ReadOnlyDatabaseError(DatabaseError):
    """The project cannot be written: the file is read-only, or it was opened read-only."""


class NotFoundError(AnnotatorError):
    """A document, annotation or tag named by the user does not exist."""


class ConflictError(AnnotatorError):
    """An edit no longer applies because the record changed underneath it."""
