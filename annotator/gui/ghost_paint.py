"""Suggested spans ("ghosts"), drawn as dashed boxes: not annotations until accepted.

A paint measures only the lines it shows and looks only at the ghosts over them (through a
`SpanIndex`, as for spans): a paragraph can be a whole article and suggestions can number
hundreds. Walking every line for every ghost took half a second a frame in a 200 KB
paragraph with 500 suggestions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QTextBlock

from annotator.gui.offsets import OffsetMap
from annotator.gui.span_index import SpanIndex, ViewSpan
from annotator.gui.span_paint import OnScreen, on_screen


class GhostPaint:
    """The ghosts shown, the current one, and their painting."""

    def __init__(self, offsets: Callable[[], OffsetMap]) -> None:
        self._offsets = offsets
        self._index = SpanIndex()
        self.current: str | None = None

    def set(self, ghosts: Sequence[ViewSpan]) -> None:
        self._index = SpanIndex(ghosts)

    def remove(self, ghost_id: str) -> None:
        self._index.remove(ghost_id)

    def get(self, ghost_id: str) -> ViewSpan | None:
        return self._index.get(ghost_id)

    def __len__(self) -> int:
        return len(self._index)

    def paint(
        self, painter: QPainter, blocks: Iterable[tuple[QTextBlock, QRectF]], clip: QRectF
    ) -> None:
        """The ghosts over these blocks (with their viewport geometry) inside ``clip``."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        offsets = self._offsets()
        for shown in on_screen(blocks, clip, offsets):
            ghosts = self._index.overlapping(shown.start, shown.end)
            ghosts.sort(key=lambda ghost: ghost.id == self.current)  # the current one on top
            for ghost in ghosts:
                self._paint_ghost(painter, ghost, shown, offsets)

    def _paint_ghost(
        self, painter: QPainter, ghost: ViewSpan, shown: OnScreen, offsets: OffsetMap
    ) -> None:
        current = ghost.id == self.current
        color = QColor(ghost.style.color)
        painter.setPen(QPen(color, 2.0 if current else 1.2, Qt.PenStyle.DashLine))
        fill = QColor(color)
        fill.setAlpha(45 if current else 0)
        painter.setBrush(fill)
        lines, origin, qt0 = shown.lines, shown.origin, shown.block.position()
        a = offsets.to_qt(max(ghost.start, shown.start)) - qt0
        b = offsets.to_qt(min(ghost.end, shown.end)) - qt0
        for i, x1, x2 in lines.pieces(a, b):
            rect = QRectF(origin.x() + x1, origin.y() + lines.tops[i], x2 - x1, lines.heights[i])
            painter.drawRoundedRect(rect.adjusted(-1, 0, 1, 0), 3, 3)
