"""Turn a ``SourceError`` into the ``ReadFailure`` value readers hand back.

Readers report bad input as values so one bad file or line never stops a batch import.
"""

from __future__ import annotations

from annotator.core.errors import SourceError
from annotator.core.model import ReadFailure


def failure(error: SourceError) -> ReadFailure:
    """``origin`` is the file (and line); ``message`` reads on its own, naming both."""
    where = error.origin if error.line is None else f"{error.origin}, line {error.line}"
    return ReadFailure(origin=where, message=str(error))
