"""A plain-text document layout that leaves a gap under every line for the span lanes.

`QPlainTextDocumentLayout` ignores `QTextBlockFormat` line heights and margins, so the only
way to open room under each visual line (not just under each paragraph) while keeping its
speed is to move the lines it has laid out. Qt asks `blockBoundingRect` before it paints,
hit-tests or scrolls a block, so that virtual is where the lines are moved down; the private
`layoutBlock` that resets them always runs before it.

`blockBoundingRect` runs many times per paint, so a block whose lines are already spaced is
recognised by two calls (its line count and the position of its last line, remembered per
block) instead of walking its lines again.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QTextBlock, QTextDocument, QTextLayout
from PySide6.QtWidgets import QPlainTextDocumentLayout


class SpacedLayout(QPlainTextDocumentLayout):
    """Lays text out like `QPlainTextDocumentLayout`, then opens gaps under lines and blocks."""

    def __init__(
        self, document: QTextDocument, line_gap: float = 0.0, paragraph_gap: float = 0.0
    ) -> None:
        super().__init__(document)
        self._gap = line_gap
        self._paragraph_gap = paragraph_gap
        self._spaced: dict[int, tuple[int, float, float]] = {}  # block -> lines, last y, height
        self._memo: dict[int, QRectF] | None = None  # see remembering()

    @property
    def line_gap(self) -> float:
        return self._gap

    def set_gaps(self, line_gap: float, paragraph_gap: float) -> None:
        """Change the gaps; lines move on their next query, the view must repaint."""
        self._gap = line_gap
        self._paragraph_gap = paragraph_gap
        self._spaced.clear()

    def forget_spacing(self) -> None:
        """A new text: the spacing remembered per block number is of other blocks now."""
        self._spaced.clear()

    def documentChanged(self, position: int, removed: int, added: int) -> None:
        if removed != added:
            self._spaced.clear()  # new text: block numbers mean other blocks now
        super().documentChanged(position, removed, added)

    @contextmanager
    def remembering(self) -> Iterator[None]:
        """Answer repeated geometry questions about a block from memory meanwhile: a paint
        asks for each shown block's size once for the text and once for the lanes, and
        nothing within one paint lays out a block that has been measured."""
        self._memo = {}
        try:
            yield
        finally:
            self._memo = None

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:
        number = block.blockNumber()
        memo = self._memo
        if memo is not None:
            known = memo.get(number)
            if known is not None:
                return known
        rect = self._block_rect(block, number)
        if memo is not None:
            memo[number] = rect
        return rect

    def _block_rect(self, block: QTextBlock, number: int) -> QRectF:
        rect = super().blockBoundingRect(block)
        layout = block.layout()
        if layout is None or not block.isVisible():
            return rect
        lines = layout.lineCount()
        if lines == 0:
            return rect
        if block.length() <= 1:  # an empty line between paragraphs carries no lanes
            height = layout.lineAt(0).height()
        else:
            height = self._space_lines(number, layout, lines) + self._paragraph_gap
        if not block.next().isValid():
            height += self.document().documentMargin()
        return QRectF(rect.x(), rect.y(), rect.width(), height)

    def _space_lines(self, number: int, layout: QTextLayout, lines: int) -> float:
        """Put each line `gap` below the previous one; return the block's new height.

        A relayout puts the lines back without gaps, so with a gap the last line sits
        higher than remembered, and the lines are spaced again.
        """
        if lines == 1:
            return layout.lineAt(0).height() + self._gap
        known = self._spaced.get(number)
        last_y = layout.lineAt(lines - 1).y()
        if known is not None and known[0] == lines and known[1] == last_y and self._gap > 0:
            return known[2]
        y = 0.0
        for i in range(lines):
            line = layout.lineAt(i)
            if line.y() != y:
                line.setPosition(QPointF(line.x(), y))
            last_y = y
            y += line.height() + self._gap
        self._spaced[number] = (lines, last_y, y)
        return y
