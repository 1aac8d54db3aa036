"""Read ``.txt`` and ``.md`` articles: decode, normalise newlines, lift the header.

Markdown is kept as written (markup included): analysts annotate the raw file, and
rendering it would make offsets point at text that is not in the file.
"""

from __future__ import annotations

from pathlib import Path

from annotator.core.errors import SourceError
from annotator.core.model import ArticleDraft
from annotator.core.sources.decoding import decode_bytes
from annotator.core.sources.drafts import build_draft
from annotator.core.sources.header import split_header
from annotator.core.sources.normalise import normalise_text

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HEADER_ONLY = "the file has header lines (title, date ...) but no article text below them."


def read_plain(path: Path, data: bytes) -> ArticleDraft:
    """One article from the bytes of a text or Markdown file."""
    origin = str(path)
    markdown = path.suffix.lower() in MARKDOWN_SUFFIXES
    text = normalise_text(decode_bytes(data, origin))
    header = split_header(text, front_matter=markdown)
    if not header.body:
        raise SourceError(origin, HEADER_ONLY + " Add the text and import it again.")
    return build_draft(
        header.body,
        origin,
        header.fields,
        meta=header.meta,
        fallback_title=path.stem,
        markdown=markdown,
    )
