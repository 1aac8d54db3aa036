"""Span backgrounds as syntax highlighting, so no span ever becomes a document edit.

`setCharFormat` per span is an undoable document edit (seconds for 10,000 spans, DESIGN 4b).
A `QSyntaxHighlighter` instead formats a block when Qt asks for it, and `rehighlightBlock`
re-formats just the blocks an edited span touches.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from annotator.gui.offsets import OffsetMap
from annotator.gui.span_index import SpanIndex, ViewSpan

FILL_ALPHA = 72  # light enough for black text to stay legible on every default tag colour
CURRENT_ALPHA = 130  # the current span reads as "picked" even under its outline


class SpanHighlighter(QSyntaxHighlighter):
    """Fills each character with the colour of the innermost span over it."""

    def __init__(
        self,
        document: QTextDocument,
        offsets: Callable[[], OffsetMap],
        index: Callable[[], SpanIndex],
        current: Callable[[], str | None],
    ) -> None:
        super().__init__(document)
        self._offsets, self._index, self._current = offsets, index, current
        self._formats: dict[tuple[str, int], QTextCharFormat] = {}

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        offsets = self._offsets()
        qt_start = block.position()
        # `text` is a Python str, so its length is in code points; Qt's length is in units.
        qt_end = qt_start + block.length() - 1
        start, end = offsets.to_cp(qt_start), offsets.to_cp(qt_end)
        spans = self._index().overlapping(start, end) if end > start else []
        if not spans:
            return
        current = self._current()
        # Longest first, so shorter (inner) spans overwrite them; the current span last.
        spans.sort(key=lambda s: (s.id == current, -s.length))
        for span in spans:
            a = offsets.to_qt(max(span.start, start)) - qt_start
            b = offsets.to_qt(min(span.end, end)) - qt_start
            self.setFormat(a, b - a, self._format(span, span.id == current))

    def _format(self, span: ViewSpan, is_current: bool) -> QTextCharFormat:
        key = (span.style.color, CURRENT_ALPHA if is_current else FILL_ALPHA)
        fmt = self._formats.get(key)
        if fmt is None:
            color = QColor(span.style.color)
            color.setAlpha(key[1])
            fmt = QTextCharFormat()
            fmt.setBackground(color)
            self._formats[key] = fmt
        return fmt
