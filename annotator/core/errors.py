"""Errors a user can act on.

Every error that reaches a person is an ``AnnotatorError`` whose message names the file,
line or record involved and says what to do. Anything else is a bug: the front ends log it
with its traceback and show a short apology instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.core.model import Annotation


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


class StaleEditError(ConflictError):
    """Someone else changed (or deleted) the annotation since this client last read it.

    Optimistic concurrency: the edit was not made. ``theirs`` is the annotation as it now
    is (None when they deleted it), so the analyst can keep theirs, keep mine or keep both
    (see ``core.conflicts``).
    """

    def __init__(self, annotation_id: str, theirs: Annotation | None) -> None:
        self.annotation_id = annotation_id
        self.theirs = theirs
        what = "deleted" if theirs is None else "changed"
        super().__init__(
            f"Someone else {what} this annotation after you last saw it; your edit was not "
            "made. Choose whether to keep yours, take theirs or keep both."
        )


class OfflineError(DatabaseError):
    """The shared database server cannot be reached: the edit was not made, nothing lost."""


class NotAllowedError(DatabaseError):
    """The shared server's rules (team mode roles and row-level security) refused it."""

    ADVICE = (
        "In a team project analysts change only their own annotations, reviewers also "
        "decisions and gold, and only admins the tag schema; ask an admin if you need more."
    )
