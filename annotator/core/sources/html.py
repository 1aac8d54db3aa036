"""Read saved web pages and HTML fragments as articles.

trafilatura separates the article from the page around it; when it finds nothing or very
little (short documents and fragments), the whole visible text is used instead.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from annotator.core.errors import SourceError
from annotator.core.model import ArticleDraft
from annotator.core.sources.boilerplate import main_content
from annotator.core.sources.dates import published_value
from annotator.core.sources.decoding import decode_bytes
from annotator.core.sources.drafts import build_draft
from annotator.core.sources.html_text import read_page, strip_embedded
from annotator.core.sources.normalise import normalise_text

ENOUGH_CHARS = 200
"""Shorter extracts are not trusted: on short pages trafilatura drops lists and merges
paragraphs, and such pages have little boilerplate to cut anyway."""

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SNIFF_BYTES = 4096
NO_TEXT = "the page has no visible text to import; save the article itself as .html or .txt."


def read_html(path: Path, data: bytes) -> ArticleDraft:
    """One article from the bytes of an ``.html``/``.htm`` file."""
    origin = str(path)
    markup = strip_embedded(decode_bytes(data, origin, declared=declared_charset(data)))
    page = read_page(markup)
    extract = main_content(markup)
    article = read_page(extract, newline_breaks=True) if extract else None
    chosen = article if article and len(article.text) >= ENOUGH_CHARS else page
    text = normalise_text(chosen.text)
    if not text:
        raise SourceError(origin, NO_TEXT)
    fields = {**page.fields, **(article.fields if article else {})}
    return build_draft(text, origin, _clean(fields), fallback_title=path.stem)


def declared_charset(data: bytes) -> str | None:
    """The encoding a page declares in a ``<meta>`` near its start, as browsers look for it."""
    match = _CHARSET.search(data[:_SNIFF_BYTES])
    return match.group(1).decode("ascii") if match else None


def _clean(fields: dict[str, str]) -> dict[str, str | None]:
    """Dates to ISO; only web URLs, since a ``javascript:`` one could end up clickable."""
    cleaned: dict[str, str | None] = dict(fields)
    if "published" in fields:
        cleaned["published"] = published_value(fields["published"])
    if urlsplit(fields.get("url", "")).scheme.lower() not in ("http", "https"):
        cleaned["url"] = None
    return cleaned
