"""Which reader an import path goes to.

With a format named (``annotator import --format brat``) every path goes to that format's
reader. Without one, each path is offered to the dataset formats' ``sniff`` checks (a folder
of ``.ann`` files, a W3C JSON-LD file ...) and everything else goes to the article readers of
``core.sources`` exactly as before, consecutive paths together so a file named twice is
still read once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.formats import Format, formats, get_format
from annotator.core.model import ArticleDraft, ReadFailure
from annotator.core.sources import iter_drafts

Result = ArticleDraft | ReadFailure


def read_paths(paths: Iterable[Path], format_name: str | None = None) -> Iterator[Result]:
    if format_name is not None:
        forced = get_format(format_name)
        if forced.read is None:
            raise AnnotatorError(f"The {forced.name} format can be exported but not imported.")
        for path in paths:
            yield from forced.read(Path(path))
        return
    articles: list[Path] = []
    for path in map(Path, paths):
        entry = detect(path)
        if entry is None or entry.read is None:
            articles.append(path)
            continue
        if articles:
            yield from iter_drafts(articles)
            articles = []
        yield from entry.read(path)
    if articles:
        yield from iter_drafts(articles)


def detect(path: Path) -> Format | None:
    """The dataset format ``path`` looks like, or None for articles and our JSONL."""
    for entry in formats():
        if entry.name != "jsonl" and entry.sniff is not None and entry.sniff(path):
            return entry
    return None
