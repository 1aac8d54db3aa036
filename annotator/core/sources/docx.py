"""Read Word ``.docx`` articles: body paragraphs and headings in document order.

Paragraphs are separated by a blank line, as in the plain-text articles, so a paragraph is
one block in the article view and offsets are stable across re-imports. Tables, headers
and footers are left out: they are page furniture far more often than article text.
Title, author and creation date come from the file's core properties when it has them.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from annotator.core.errors import SourceError
from annotator.core.model import ArticleDraft
from annotator.core.sources.drafts import build_draft
from annotator.core.sources.normalise import normalise_text

NO_TEXT = "the Word document has no paragraphs of text to import."
DAMAGED = "is not a readable Word .docx file ({reason}); open and save it again in Word."


def read_docx(path: Path, data: bytes) -> ArticleDraft:
    """One article from the bytes of a ``.docx`` file."""
    from docx import Document as open_docx  # imported on use: keeps start-up light

    origin = str(path)
    try:
        document = open_docx(io.BytesIO(data))
    except Exception as exc:  # zipfile, lxml and python-docx's own errors on broken files
        raise SourceError(origin, DAMAGED.format(reason=exc)) from None
    paragraphs = [_paragraph_text(p) for p in document.paragraphs]
    text = normalise_text("\n\n".join(p for p in paragraphs if p.strip()))
    if not text:
        raise SourceError(origin, NO_TEXT + " (Is it only images or tables?)")
    return build_draft(text, origin, _fields(document.core_properties), fallback_title=path.stem)


def _paragraph_text(paragraph: Any) -> str:
    """A paragraph's text; soft line breaks inside it stay newlines, tabs stay tabs."""
    return str(paragraph.text).strip()


def _fields(properties: Any) -> dict[str, str | None]:
    created = getattr(properties, "created", None)
    return {
        "title": (properties.title or "").strip() or None,
        "author": (properties.author or "").strip() or None,
        "published": created.date().isoformat() if created is not None else None,
        "language": (properties.language or "").strip() or None,
    }
