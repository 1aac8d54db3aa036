"""A plain-text document layout that leaves a gap under every line for the span lanes.

`QPlainTextDocumentLayout` ignores `QTextBlockFormat` line heights and margins, so the only
way to open room under each visual line (not just under each paragraph) while keeping its
speed is to move the lines it has laid out. Qt asks `blockBoundingRect` before it paints,
hit-tests or scrolls a block, so that virtual is where the lines are moved down; the private
`layoutBlock` that resets them always runs before it.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QTextBlock, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout


class SpacedLayout(QPlainTextDocumentLayout):
    """Lays text out like `QPlainTextDocumentLayout`, then opens gaps under lines and blocks."""

    def __init__(
        self, document: QTextDocument, line_gap: float = 0.0, paragraph_gap: float = 0.0
    ) -> None:
        super().__init__(document)
        self._gap = line_gap
        self._paragraph_gap = paragraph_gap

    @property
    def line_gap(self) -> float:
        return self._gap

    def set_gaps(self, line_gap: float, paragraph_gap: float) -> None:
        """Change the gaps; lines move on their next query, the view must repaint."""
        self._gap = line_gap
        self._paragraph_gap = paragraph_gap

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:
        rect = super().blockBoundingRect(block)
        layout = block.layout()
        if not block.isVisible() or layout is None or layout.lineCount() == 0:
            return rect
        if block.length() <= 1:  # an empty line between paragraphs carries no lanes
            height = layout.lineAt(0).height()
        else:
            height = self._space_lines(block) + self._paragraph_gap
        if not block.next().isValid():
            height += self.document().documentMargin()
        return QRectF(rect.x(), rect.y(), rect.width(), height)

    def _space_lines(self, block: QTextBlock) -> float:
        """Put each line `gap` below the previous one; return the block's new height."""
        layout = block.layout()
        y = 0.0
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            if line.y() != y:
                line.setPosition(QPointF(line.x(), y))
            y += line.height() + self._gap
        return y
