"""Read ``.pdf`` articles that have a text layer (born-digital PDFs).

The reading order is the one pypdf extracts. A PDF breaks lines where the page did, so the
lines of one paragraph are joined with spaces, and a word hyphenated across a line end
("inter-" / "national") is rejoined without its hyphen only when the next line starts in
lower case; "Jean-" / "Paul" keeps its hyphen (joined without a space), and a free-standing
dash ending a line is an ordinary word break. Paragraphs (blank lines, or a line that
ends a sentence and is clearly shorter than the page's lines) are separated by a blank line.
Page numbers survive in ``meta["pages"]`` as ``[page_no, start, end]`` code-point ranges
of the final text, so a citation can name its page. A scanned PDF has no text layer: it is
refused with a message that says to OCR it first, instead of importing an empty document.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from annotator.core.errors import SourceError
from annotator.core.model import ArticleDraft
from annotator.core.sources.drafts import build_draft

NO_TEXT_LAYER = "has no text layer (a scanned image?); run OCR first and import the result."
DAMAGED = "is not a readable PDF ({reason}); save or download it again."
ENCRYPTED = "is encrypted; save an unprotected copy and import that."
_HYPHENATED = re.compile(r"[^\W\d_]-$")
_COMPOUND = re.compile(r"\w-$")
_SHORT_LINE = 0.6
"""A line shorter than this share of the page's longest line, ending a sentence, ends its
paragraph (PDF text extraction gives no paragraph marks, only lines)."""


def read_pdf(path: Path, data: bytes) -> ArticleDraft:
    """One article from the bytes of a ``.pdf`` file; meta ``pages`` maps text to pages."""
    origin = str(path)
    reader = _open(origin, data)
    parts: list[str] = []
    pages: list[list[int]] = []
    length = 0
    for number, page in enumerate(reader.pages, start=1):
        body = page_text(_extract(origin, page))
        if not body:
            continue
        if parts:
            parts.append("\n\n")
            length += 2
        pages.append([number, length, length + len(body)])
        parts.append(body)
        length += len(body)
    text = "".join(parts)
    if not text.strip():
        raise SourceError(origin, "the PDF " + NO_TEXT_LAYER)
    return build_draft(
        text, origin, _fields(reader), meta={"pages": pages}, fallback_title=path.stem
    )


def page_text(raw: str) -> str:
    """One page's extracted lines as paragraphs: joined, de-hyphenated, blank-line separated."""
    lines = [line.strip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    widest = max((len(line) for line in lines), default=0)
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            current = _flush(current, paragraphs)
            continue
        current = _join(current, line)
        if line[-1] in ".!?:\"'”’" and len(line) < _SHORT_LINE * widest:
            current = _flush(current, paragraphs)
    _flush(current, paragraphs)
    return "\n\n".join(paragraphs)


def _join(current: str, line: str) -> str:
    if not current:
        return line
    if _HYPHENATED.search(current) and line[0].islower():
        return current[:-1] + line  # "inter-" + "national": a word split by the layout
    if _COMPOUND.search(current):
        return current + line  # "Jean-" + "Paul", "1990-" + "1995": the hyphen is real
    return f"{current} {line}"


def _flush(current: str, paragraphs: list[str]) -> str:
    if current:
        paragraphs.append(current)
    return ""


def _open(origin: str, data: bytes) -> Any:
    from pypdf import PdfReader  # imported on use: keeps start-up light
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise SourceError(origin, "the PDF " + ENCRYPTED)
        _ = len(reader.pages)
    except SourceError:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files, not only these
        reason = exc if isinstance(exc, PdfReadError) else f"{type(exc).__name__}: {exc}"
        raise SourceError(origin, DAMAGED.format(reason=reason)) from None
    return reader


def _extract(origin: str, page: Any) -> str:
    try:
        return str(page.extract_text() or "")
    except Exception as exc:  # a damaged content stream on one page
        raise SourceError(origin, DAMAGED.format(reason=exc)) from None


def _fields(reader: Any) -> dict[str, str | None]:
    try:
        info = reader.metadata
    except Exception:
        info = None
    if info is None:
        return {}
    try:
        created = info.creation_date
    except Exception:  # a malformed date string in the info dictionary
        created = None
    return {
        "title": _clean(info.get("/Title")),
        "author": _clean(info.get("/Author")),
        "published": created.date().isoformat() if created is not None else None,
    }


def _clean(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None
