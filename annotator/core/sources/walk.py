"""Expand the paths an analyst names (files and folders) into drafts, lazily.

Folders are walked in sorted order so that imports are repeatable, hidden entries are
skipped (``.git``, editor backups, ``.DS_Store``), and files of other types inside a
folder are passed over silently: a folder of articles usually holds images and notes too.
Symlinked folders are not followed, which rules out endless loops.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from annotator.core.errors import SourceError
from annotator.core.model import ReadFailure
from annotator.core.sources.failures import failure
from annotator.core.sources.files import (
    ARTICLE_SUFFIXES,
    DEFAULT_MAX_BYTES,
    Result,
    read_one_file,
    supported_list,
    unreadable,
)

MISSING = "no such file or folder; check the path."


def iter_drafts(paths: Iterable[Path], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Result]:
    """Drafts and failures for every article under ``paths``; a file named twice is read once."""
    seen: set[Path] = set()
    for path in paths:
        for item in _expand(Path(path)):
            if isinstance(item, Path):
                if _first_time(item, seen):
                    yield from read_one_file(item, max_bytes)
            else:
                yield item


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Result]:
    """Everything one path yields: one draft, a corpus's drafts, or a folder's."""
    return list(iter_drafts([path], max_bytes=max_bytes))


def _expand(path: Path) -> Iterator[Path | Result]:
    if path.is_dir():
        yield from _walk_folder(path)
    elif path.exists():
        yield path
    else:
        yield failure(SourceError(path, MISSING))


def _walk_folder(folder: Path) -> Iterator[Path | Result]:
    """Depth first, entries by name, so files come out in sorted path order."""
    reported = False
    stack = [_listing(folder)]
    while stack:
        top = stack[-1]
        entry = None if isinstance(top, ReadFailure) else next(top, None)
        if entry is None:
            stack.pop()
            if isinstance(top, ReadFailure):
                reported = True
                yield top
        elif entry.name.startswith("."):
            continue
        elif entry.is_dir(follow_symlinks=False):
            stack.append(_listing(Path(entry.path)))
        elif Path(entry.name).suffix.lower() in ARTICLE_SUFFIXES and entry.is_file():
            reported = True
            yield Path(entry.path)
    if not reported:
        message = f"the folder holds no articles ({supported_list()}); nothing to import."
        yield failure(SourceError(folder, message))


def _listing(folder: Path) -> Iterator[os.DirEntry[str]] | ReadFailure:
    try:
        with os.scandir(folder) as entries:
            return iter(sorted(entries, key=lambda entry: entry.name))
    except OSError as exc:
        return unreadable(folder, exc)


def _first_time(path: Path, seen: set[Path]) -> bool:
    try:
        key = path.resolve()
    except OSError:
        key = path
    if key in seen:
        return False
    seen.add(key)
    return True
