"""Relations drawn in the article view as arcs from one span to another.

An arc leaves the top of the source span's first character, bows up into the line gap and
lands on the target with an arrowhead; its type is written at the top of the bow. Arcs of
the current annotation are drawn strong, the others faint, so a dense paragraph stays calm.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF

ARROW = 5.0


@dataclass(frozen=True)
class ViewRelation:
    id: str
    source: str  # span ids
    target: str
    type: str


def paint_arcs(
    painter: QPainter,
    relations: Sequence[ViewRelation],
    anchor: Callable[[str], QPointF | None],
    current: str | None,
    clip: QRectF,
    text_color: QColor,
) -> None:
    """``anchor(span_id)`` gives the top-centre of a span's first character in viewport
    coordinates, or None when that span is not laid out near the visible area."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    font = QFont(painter.font())
    font.setPointSizeF(max(font.pointSizeF() * 0.75, 7.0))
    painter.setFont(font)
    for relation in relations:
        a, b = anchor(relation.source), anchor(relation.target)
        if a is None or b is None:
            continue
        if max(a.y(), b.y()) < clip.top() - 200 or min(a.y(), b.y()) > clip.bottom() + 200:
            continue
        strong = current in (relation.source, relation.target)
        color = QColor(text_color)
        color.setAlpha(220 if strong else 70)
        _paint_arc(painter, a, b, relation.type, color, strong)


def _paint_arc(
    painter: QPainter, a: QPointF, b: QPointF, label: str, color: QColor, strong: bool
) -> None:
    lift = 14.0 + min(abs(b.x() - a.x()) / 12.0, 22.0)
    top = min(a.y(), b.y()) - lift
    path = QPainterPath(a)
    path.cubicTo(QPointF(a.x(), top), QPointF(b.x(), top), b)
    pen = QPen(color, 1.6 if strong else 1.0)
    pen.setStyle(Qt.PenStyle.SolidLine if strong else Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    painter.setBrush(color)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawPolygon(
        QPolygonF(
            [
                b,
                QPointF(b.x() - ARROW, b.y() - ARROW * 1.6),
                QPointF(b.x() + ARROW, b.y() - ARROW * 1.6),
            ]
        )
    )
    if strong:
        painter.setPen(color)
        middle = path.pointAtPercent(0.5)
        painter.drawText(QPointF(middle.x() + 4, middle.y() - 2), label.replace("_", " "))
