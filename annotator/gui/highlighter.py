"""Span backgrounds as syntax highlighting, so no span ever becomes a document edit.

`setCharFormat` per span is an undoable document edit (seconds for 10,000 spans, DESIGN 4b).
A `QSyntaxHighlighter` instead formats a block when Qt asks for it, and `rehighlightBlock`
re-formats just the blocks an edited span touches.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from annotator.gui.offsets import OffsetMap
from annotator.gui.span_index import SpanIndex, SpanStyle

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
        self._fills: dict[SpanStyle, QTextCharFormat] = {}

    def highlightBlock(self, text: str) -> None:
        """Runs for every block on load, so the per-span work is kept to a few operations."""
        block = self.currentBlock()
        qt_start = block.position()
        # `text` is a Python str, so its length is in code points; Qt's length is in units.
        qt_end = qt_start + block.length() - 1
        if qt_end <= qt_start:
            return
        offsets = self._offsets()
        start, end = offsets.to_cp(qt_start), offsets.to_cp(qt_end)
        spans = self._index().overlapping(start, end)
        if not spans:
            return
        current = self._current()
        if len(spans) > 1:  # longest first, so inner spans overwrite them; the current one last
            spans.sort(key=lambda s: (s.id == current, s.start - s.end))
        shift = offsets.shift_over(start, end)
        fills = self._fills
        for span in spans:
            a = span.start if span.start > start else start
            b = span.end if span.end < end else end
            if shift is None:
                a, b = offsets.to_qt(a), offsets.to_qt(b)
            else:
                a, b = a + shift, b + shift
            if span.id == current:
                fmt = self._fill(span.style, CURRENT_ALPHA)
            else:
                fmt = fills.get(span.style) or self._fill(span.style, FILL_ALPHA)
            self.setFormat(a - qt_start, b - a, fmt)

    def _fill(self, style: SpanStyle, alpha: int) -> QTextCharFormat:
        """A translucent background in the tag colour, made once per style and strength."""
        color = QColor(style.color)
        color.setAlpha(alpha)
        fmt = QTextCharFormat()
        fmt.setBackground(color)
        if alpha == FILL_ALPHA:
            self._fills[style] = fmt
        return fmt
