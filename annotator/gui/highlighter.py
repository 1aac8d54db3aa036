"""Span backgrounds as syntax highlighting, so no span ever becomes a document edit.

`setCharFormat` per span is an undoable document edit (seconds for 10,000 spans, DESIGN 4b).
A `QSyntaxHighlighter` instead formats a block when asked, and `rehighlightBlock` re-formats
just the blocks an edited span touches.

Formatting is lazy: Qt's own passes over the document (``setPlainText`` runs
`highlightBlock` for every paragraph) leave blocks unformatted, and a block is formatted
only when Qt first asks for its geometry (`format_if_needed`, called by the layout before
it lays the block out: the paint of a screen formats that screen). Opening a long article
therefore formats a screenful of paragraphs, not all of them, and an edit re-formats only
the blocks that have been formatted; the others pick up the change when they are shown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import (
    QColor,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextDocument,
    QTextLayout,
)

from annotator.gui.offsets import OffsetMap
from annotator.gui.span_index import SpanIndex, SpanStyle

FILL_ALPHA = 72  # light enough for black text to stay legible on every default tag colour
CURRENT_ALPHA = 130  # the current span reads as "picked" even under its outline

Run = tuple[int, int, QTextCharFormat]  # in-block Qt start, length, format


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
        self._formatted = bytearray()  # per block number: 1 once formatted with the spans
        self._asked = False  # True while our own rehighlightBlock runs

    # -- which blocks are formatted ---------------------------------------------------------

    def forget_formats(self, blocks: int) -> None:
        """A new text of `blocks` paragraphs: none is formatted yet."""
        self._formatted = bytearray(blocks)

    def is_formatted(self, block: QTextBlock) -> bool:
        number = block.blockNumber()
        return 0 <= number < len(self._formatted) and bool(self._formatted[number])

    def format_if_needed(self, block: QTextBlock, number: int | None = None) -> bool:
        """Format a block not formatted yet; True if it was formatted now.

        Sets the formats on the block's layout directly, then lets the document forget the
        change quietly (``quiet``): the block is about to be laid out by the caller, so
        telling the layout would only lay it out twice and queue a needless repaint.
        """
        flags = self._formatted
        if number is None:
            number = block.blockNumber()
        if not 0 <= number < len(flags) or flags[number]:
            return False
        flags[number] = 1
        layout = block.layout()
        runs = self._runs(block)
        if not runs and not layout.formats():
            return True
        ranges = []
        for start, length, fmt in runs:
            piece = QTextLayout.FormatRange()
            piece.start, piece.length, piece.format = start, length, fmt
            ranges.append(piece)
        layout.setFormats(ranges)
        document = self.document()
        quiet = getattr(document.documentLayout(), "quietly", None)
        if quiet is not None:
            with quiet():
                document.markContentsDirty(block.position(), block.length())
        else:
            document.markContentsDirty(block.position(), block.length())
        return True

    def rehighlightBlock(self, block: QTextBlock) -> None:
        """Re-format one block now (after an edit of a span over it)."""
        self._asked = True
        try:
            super().rehighlightBlock(block)
        finally:
            self._asked = False
        number = block.blockNumber()
        if 0 <= number < len(self._formatted):
            self._formatted[number] = 1

    # -- formatting --------------------------------------------------------------------------

    def highlightBlock(self, text: str) -> None:
        """Qt's own passes (a new text, a re-attached document) leave the block unformatted
        for `format_if_needed`; only `rehighlightBlock` formats here."""
        if not self._asked:
            number = self.currentBlock().blockNumber()
            if 0 <= number < len(self._formatted):
                self._formatted[number] = 0
            return
        for start, length, fmt in self._runs(self.currentBlock()):
            self.setFormat(start, length, fmt)

    def _runs(self, block: QTextBlock) -> list[Run]:
        """The fills of one block, longest span first so inner spans paint over them; the
        current span last. Later runs win where they overlap."""
        qt_start = block.position()
        # Qt's length is in UTF-16 units and counts the block separator.
        qt_end = qt_start + block.length() - 1
        if qt_end <= qt_start:
            return []
        offsets = self._offsets()
        start, end = offsets.to_cp(qt_start), offsets.to_cp(qt_end)
        spans = self._index().overlapping(start, end)
        if not spans:
            return []
        current = self._current()
        if len(spans) > 1:
            spans.sort(key=lambda s: (s.id == current, s.start - s.end))
        shift = offsets.shift_over(start, end)
        fills = self._fills
        runs: list[Run] = []
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
            runs.append((a - qt_start, b - a, fmt))
        return runs

    def _fill(self, style: SpanStyle, alpha: int) -> QTextCharFormat:
        """A translucent background in the tag colour, made once per style and strength."""
        color = QColor(style.color)
        color.setAlpha(alpha)
        fmt = QTextCharFormat()
        fmt.setBackground(color)
        if alpha == FILL_ALPHA:
            self._fills[style] = fmt
        return fmt
