"""The Agreement view's two pictures: bars per tag for one measure, and a tag confusion
heat map between two analysts. Painted with QPainter: no chart library needed."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from annotator.core.agreement.confusion import ConfusionMatrix
from annotator.core.agreement.render import label_text

BAR_COLOR = QColor("#4C72B0")


class BarChart(QWidget):
    """Horizontal bars from 0 to 1 (negative values drawn from 0 to the left in red)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, float | None]] = []
        self.setMinimumHeight(120)

    def set_values(self, rows: Sequence[tuple[str, float | None]]) -> None:
        self._rows = list(rows)
        self.setMinimumHeight(24 * len(self._rows) + 16)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, 24 * len(self._rows) + 16)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().text().color()
        label_width = 120.0
        zero = label_width + 40.0
        scale = max(self.width() - zero - 50.0, 40.0)
        for row, (label, value) in enumerate(self._rows):
            top = 8 + row * 24
            painter.setPen(text)
            painter.drawText(QRectF(4, top, label_width, 20), Qt.AlignmentFlag.AlignVCenter, label)
            if value is None:
                painter.drawText(QRectF(zero, top, 80, 20), Qt.AlignmentFlag.AlignVCenter, "n/a")
                continue
            width = abs(value) * scale
            left = zero if value >= 0 else zero - min(width, 38.0)
            painter.fillRect(
                QRectF(left, top + 3, min(width, scale), 14),
                BAR_COLOR if value >= 0 else QColor("#C44E52"),
            )
            painter.setPen(text)
            painter.drawText(
                QRectF(zero + min(max(width, 0), scale) + 6, top, 60, 20),
                Qt.AlignmentFlag.AlignVCenter,
                f"{value:.2f}",
            )
        painter.end()


class HeatMap(QWidget):
    """Rows: the first analyst's labels; columns: the second's. The (none, none) cell is
    left pale so that untagged text does not swamp the picture."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matrix: ConfusionMatrix | None = None
        self._names = ("", "")
        self.setMinimumSize(320, 220)

    def set_matrix(self, matrix: ConfusionMatrix | None, names: tuple[str, str]) -> None:
        self._matrix = matrix
        self._names = names
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        text = self.palette().text().color()
        matrix = self._matrix
        if matrix is None or not matrix.labels:
            painter.setPen(text)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Pick a pair of analysts")
            painter.end()
            return
        labels = [label_text(label) for label in matrix.labels]
        size = len(labels)
        margin = 96.0
        cell = max(min((self.width() - margin - 8) / size, (self.height() - margin) / size), 12)
        largest = max(matrix.largest, 1)
        painter.setPen(text)
        painter.drawText(
            QRectF(0, 0, self.width(), 18),
            Qt.AlignmentFlag.AlignCenter,
            f"rows: {self._names[0]}   ·   columns: {self._names[1]}",
        )
        for i, label in enumerate(labels):
            painter.drawText(
                QRectF(margin + i * cell, 20, cell, margin - 24),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                label[:8],
            )
            painter.drawText(
                QRectF(0, margin + i * cell, margin - 6, cell),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label[:12],
            )
        for r, row in enumerate(matrix.counts):
            for c, count in enumerate(row):
                swamped = r == size - 1 and c == size - 1
                share = 0.08 if swamped else min(count / largest, 1.0)
                color = QColor(BAR_COLOR)
                color.setAlphaF(0.08 + 0.85 * share)
                box = QRectF(margin + c * cell, margin + r * cell, cell - 2, cell - 2)
                painter.fillRect(box, color)
                painter.setPen(Qt.GlobalColor.white if share > 0.55 else text)
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(count))
        painter.end()
