"""Read ``.jsonl`` corpora: one article per line, each line failing on its own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.core.errors import SourceError
from annotator.core.model import ArticleDraft, ReadFailure
from annotator.core.sources.decoding import EMPTY
from annotator.core.sources.failures import failure
from annotator.core.sources.jsonvalues import load_object
from annotator.core.sources.lines import iter_lines
from annotator.core.sources.records import draft_from_record


def read_jsonl(path: Path, max_bytes: int) -> Iterator[ArticleDraft | ReadFailure]:
    """Drafts and failures in line order; blank lines are skipped."""
    origin = str(path)
    seen = False
    for number, line in iter_lines(path, max_bytes):
        if isinstance(line, str) and not line.strip():
            continue
        seen = True
        yield _read_line(line, origin, number)
    if not seen:
        yield failure(SourceError(origin, EMPTY))


def _read_line(line: str | SourceError, origin: str, number: int) -> ArticleDraft | ReadFailure:
    try:
        if isinstance(line, SourceError):
            raise line
        return draft_from_record(load_object(line, origin, number), origin, number)
    except SourceError as exc:
        return failure(exc)
