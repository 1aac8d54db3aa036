"""The visible text and the metadata of an HTML page, read with selectolax (lexbor).

Nothing in the page is executed or fetched: scripts, styles, frames and other embedded
content are skipped whole, and only text nodes reach the output, never attribute values
(so ``href="javascript:..."`` targets cannot leak into an article).

Block elements become paragraphs separated by a blank line, the way a reader sees them;
inside a paragraph, HTML whitespace collapses to single spaces except in ``<pre>``. The
walk uses an explicit stack: saved pages can nest deeper than Python's recursion limit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # selectolax is imported on use: it slows every start-up
    from selectolax.lexbor import LexborHTMLParser, LexborNode

_EMBEDDED = (
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object",
    "embed", "applet", "svg", "math", "canvas", "audio", "video", "map",
)  # fmt: skip
"""Content that is code, or belongs to another document, never article text."""
_SKIP = frozenset({*_EMBEDDED, "head", "nav", "button", "select", "datalist", "input", "textarea"})
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
        "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "html",
        "legend", "li", "main", "menu", "ol", "p", "pre", "section", "summary", "table",
        "tbody", "tfoot", "thead", "tr", "ul",
    }
)  # fmt: skip
_BREAKS = frozenset({"br", "hr"})
_CELLS = frozenset({"td", "th"})
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_INVISIBLE_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

_META_FIELDS = {
    # trafilatura's output names first, then what news pages commonly carry
    "title": "title",
    "author": "author",
    "date": "published",
    "url": "url",
    "sitename": "source",
    "og:site_name": "source",
    "article:published_time": "published",
}


@dataclass(frozen=True)
class Page:
    """Paragraph text of a page (``\\n\\n`` between blocks) and metadata fields it names."""

    text: str
    fields: dict[str, str] = field(default_factory=dict)


def read_page(markup: str, *, newline_breaks: bool = False) -> Page:
    """Parse ``markup`` (a whole page or a fragment).

    ``newline_breaks`` makes a newline inside text end a paragraph: trafilatura's plainer
    extracts mark paragraphs that way instead of with elements.
    """
    from selectolax.lexbor import LexborHTMLParser

    parser = LexborHTMLParser(markup)
    start = parser.body or parser.root
    text = _Paragraphs(newline_breaks).collect(start) if start is not None else ""
    return Page(text, _page_fields(parser))


def strip_embedded(markup: str) -> str:
    """``markup`` without scripts, styles, frames and embedded objects (content included).

    Done before anything else sees the page, so no later step can mistake code or a
    frame's fallback content for article text.
    """
    from selectolax.lexbor import LexborHTMLParser

    parser = LexborHTMLParser(markup)
    parser.strip_tags(list(_EMBEDDED))
    return parser.html or ""


class _Paragraphs:
    """Accumulates inline text and closes a paragraph at every block boundary."""

    def __init__(self, newline_breaks: bool) -> None:
        self.newline_breaks = newline_breaks
        self.done: list[str] = []
        self.pieces: list[str] = []
        self.pre_depth = 0
        self.has_pre = False

    def collect(self, root: LexborNode) -> str:
        stack: list[tuple[LexborNode, bool]] = [(root, True)]
        while stack:
            node, entering = stack.pop()
            if not entering:
                self._leave(node.tag or "")
            elif node.is_text_node:
                self._text(node.text_content or "")
            elif node.is_element_node and not _hidden(node):
                self._enter(node.tag or "")
                stack.append((node, False))
                stack.extend((child, True) for child in _children_reversed(node))
        self._flush()
        return "\n\n".join(self.done)

    def _enter(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._flush()
        if tag == "pre":
            self.pre_depth += 1
        elif tag in _BREAKS and self.pre_depth:
            self._text("\n")
        elif tag in _BREAKS:
            self._flush()
        elif tag in _CELLS:
            self.pieces.append(" ")

    def _leave(self, tag: str) -> None:
        if tag == "pre":
            self.pre_depth -= 1
        if tag in _BLOCKS:
            self._flush()
        elif tag in _CELLS:
            self.pieces.append(" ")

    def _text(self, text: str) -> None:
        if self.pre_depth:
            self.pieces.append(text)
            self.has_pre = True
            return
        first, *lines = text.split("\n") if self.newline_breaks else [text]
        self.pieces.append(_HTML_SPACE.sub(" ", first))
        for line in lines:
            self._flush()
            self.pieces.append(_HTML_SPACE.sub(" ", line))

    def _flush(self) -> None:
        text = "".join(self.pieces)
        text = text.strip("\n").rstrip() if self.has_pre else _HTML_SPACE.sub(" ", text).strip()
        if text.strip():
            self.done.append(text)
        self.pieces = []
        self.has_pre = False


def _children_reversed(node: LexborNode) -> list[LexborNode]:
    children = []
    child = node.last_child
    while child is not None:
        children.append(child)
        child = child.prev
    return children


def _hidden(node: LexborNode) -> bool:
    if node.tag in _SKIP:
        return True
    attributes = node.attributes
    return (
        "hidden" in attributes
        or attributes.get("aria-hidden") == "true"
        or bool(_INVISIBLE_STYLE.search(attributes.get("style") or ""))
    )


def _page_fields(parser: LexborHTMLParser) -> dict[str, str]:
    fields: dict[str, str] = {}
    for meta in parser.css("meta[content]"):
        name = (meta.attributes.get("name") or meta.attributes.get("property") or "").lower()
        _put(fields, _META_FIELDS.get(name), meta.attributes.get("content"))
    canonical = parser.css_first("link[rel=canonical][href]")
    _put(fields, "url", canonical.attributes.get("href") if canonical else None)
    title = parser.css_first("title")
    _put(fields, "title", title.text() if title else None)
    root = parser.root
    _put(fields, "language", root.attributes.get("lang") if root else None)
    return fields


def _put(fields: dict[str, str], name: str | None, value: str | None) -> None:
    value = _HTML_SPACE.sub(" ", value or "").strip()
    if name and value:
        fields.setdefault(name, value)
