"""Assemble an ``ArticleDraft`` from whatever a reader found, with a usable title.

Every document needs a title for the corpus list; when the file names none, the first line
of the article is what an analyst would recognise it by.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from annotator.core.model import AnnotationDraft, ArticleDraft, JsonValue

MAX_TITLE = 120
_MARKDOWN_HEADING = re.compile(r"#{1,6}[ \t]+(?P<title>.*?)(?:[ \t]+#+)?[ \t]*")


def build_draft(
    text: str,
    origin: str,
    fields: Mapping[str, str | None],
    *,
    meta: Mapping[str, JsonValue] | None = None,
    id: str | None = None,
    annotations: tuple[AnnotationDraft, ...] = (),
    fallback_title: str | None = None,
    markdown: bool = False,
) -> ArticleDraft:
    """``fields`` holds title/source/author/url/published/language; missing ones are None."""
    title = fields.get("title") or title_from_text(text, markdown=markdown) or fallback_title
    return ArticleDraft(
        text=text,
        origin=origin,
        title=title,
        source=fields.get("source"),
        author=fields.get("author"),
        url=fields.get("url"),
        published=fields.get("published"),
        language=fields.get("language"),
        meta=dict(meta or {}),
        id=id,
        annotations=annotations,
    )


def title_from_text(text: str, *, markdown: bool = False) -> str | None:
    """The first non-empty line, without a Markdown ``#`` marker, cut at a word boundary."""
    line = next((line.strip() for line in text.split("\n") if line.strip()), "")
    if markdown:
        heading = _MARKDOWN_HEADING.fullmatch(line)
        line = heading["title"] if heading else line
    return _shorten(line) or None


def _shorten(line: str) -> str:
    if len(line) <= MAX_TITLE:
        return line
    cut = line[: MAX_TITLE - 1]
    space = cut.rfind(" ")
    if space > MAX_TITLE // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"
