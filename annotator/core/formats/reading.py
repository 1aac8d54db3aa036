"""Which reader an import path goes to.

With a format named (``annotator import --format brat``) every path goes to that format's
reader. Without one, each path is offered to the dataset formats' ``sniff`` checks (a folder
of ``.ann`` files, a W3C JSON-LD file ...) and everything else goes to the article readers of
``core.sources`` exactly as before, consecutive paths together so a file named twice is
still read once.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.formats import Format, formats, get_format
from annotator.core.model import ArticleDraft, ReadFailure
from annotator.core.sources import iter_drafts

Result = ArticleDraft | ReadFailure
log = logging.getLogger(__name__)


def read_paths(paths: Iterable[Path], format_name: str | None = None) -> Iterator[Result]:
    if format_name is not None:
        forced = get_format(format_name)
        if forced.read is None:
            raise AnnotatorError(f"The {forced.name} format can be exported but not imported.")
        for path in paths:
            yield from _guarded(forced.read(Path(path)), str(path))
        return
    articles: list[Path] = []
    for path in map(Path, paths):
        entry = detect(path)
        if entry is None or entry.read is None:
            articles.append(path)
            continue
        if articles:
            yield from _guarded(iter_drafts(articles), _named(articles))
            articles = []
        yield from _guarded(entry.read(path), str(path))
    if articles:
        yield from _guarded(iter_drafts(articles), _named(articles))


def _guarded(results: Iterator[Result], origin: str) -> Iterator[Result]:
    """A reader's results; if it breaks on a value nobody foresaw (a bug: readers report
    what they refuse as ``ReadFailure``), that file ends in one failure and the other files
    of the import still go on. What it read before stays imported."""
    try:
        yield from results
    except AnnotatorError as exc:  # a refusal the reader raised instead of yielding
        message = str(exc)
        yield ReadFailure(origin, message if origin in message else f"{origin}: {message}")
    except Exception as exc:
        log.exception("reading %s stopped on an unexpected error", origin)
        message = (
            f"{origin}: could not be read to the end: a value in it broke the reader "
            f"({type(exc).__name__}: {exc}). Anything before that point was imported; "
            "the details are in the log file. Check the file against its format."
        )
        yield ReadFailure(origin, message)


def _named(paths: list[Path]) -> str:
    return str(paths[0]) if len(paths) == 1 else f"{paths[0]} (and {len(paths) - 1} more)"


def detect(path: Path) -> Format | None:
    """The dataset format ``path`` looks like, or None for articles and our JSONL."""
    for entry in formats():
        if entry.name != "jsonl" and entry.sniff is not None and entry.sniff(path):
            return entry
    return None
