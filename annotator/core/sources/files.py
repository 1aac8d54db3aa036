"""Read one named file with the reader its suffix calls for.

Every problem comes back as a ``ReadFailure`` value: a batch import of a hundred files
must report the three bad ones and import the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from annotator.core.errors import SourceError
from annotator.core.model import ArticleDraft, ReadFailure
from annotator.core.sources.docx import read_docx
from annotator.core.sources.failures import failure
from annotator.core.sources.html import read_html
from annotator.core.sources.jsonl import read_jsonl
from annotator.core.sources.pdf import read_pdf
from annotator.core.sources.plain import read_plain
from annotator.core.sources.sizes import format_size

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
_READERS: dict[str, Callable[[Path, bytes], ArticleDraft]] = {
    ".txt": read_plain,
    ".md": read_plain,
    ".markdown": read_plain,
    ".html": read_html,
    ".htm": read_html,
    ".docx": read_docx,
    ".pdf": read_pdf,
}
ARTICLE_SUFFIXES = frozenset({*_READERS, ".jsonl"})

Result = ArticleDraft | ReadFailure


def read_one_file(path: Path, max_bytes: int) -> Iterator[Result]:
    """Drafts (several for a corpus, lazily) or failures for the regular file ``path``."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _read_corpus(path, max_bytes)
        return
    reader = _READERS.get(suffix)
    if reader is None:
        yield failure(SourceError(path, _unsupported(path)))
        return
    try:
        yield reader(path, _read_bytes(path, max_bytes))
    except SourceError as exc:
        yield failure(exc)


def supported_list() -> str:
    return ", ".join(sorted(ARTICLE_SUFFIXES))


def unreadable(path: Path, exc: OSError) -> ReadFailure:
    return failure(SourceError(path, _unreadable(exc)))


def _read_corpus(path: Path, max_bytes: int) -> Iterator[Result]:
    try:
        yield from read_jsonl(path, max_bytes)
    except OSError as exc:
        yield unreadable(path, exc)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """At most ``max_bytes``; reading one byte more tells a file that grew since stat()."""
    try:
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise SourceError(path, _unreadable(exc)) from None
    if len(data) > max_bytes:
        raise SourceError(
            path,
            f"the file is larger than the {format_size(max_bytes)} limit for one article; "
            "split it into smaller files (or import a .jsonl corpus).",
        )
    return data


def _unreadable(exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    return f"cannot be read ({reason}); check that it exists and that you may open it."


def _unsupported(path: Path) -> str:
    kind = f'"{path.suffix}" files' if path.suffix else "files without an extension"
    return f"{kind} cannot be imported; supported types are {supported_list()}."
