"""Read a span fill off the screen: the colour painted behind one character.

Fills are painted, not stored in the document, so tests look at pixels. The probe samples
the character's line box inside its edges (where the current span's outline runs) and takes
the colour most pixels show: a glyph's antialiased ink spreads over many colours.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtGui import QColor, QImage, QTextCursor

from annotator.gui.article_view import ArticleView
from annotator.gui.offsets import OffsetMap
from annotator.gui.span_paint import CURRENT_ALPHA, FILL_ALPHA


def fill_under(
    view: ArticleView,
    cp: int,
    image: QImage | None = None,
    text: str | None = None,
    *,
    end: int | None = None,
) -> str:
    """The colour (``#rrggbb``) painted behind the character at code point `cp` of `text`
    (the article shown; Qt's copy of it has lost any carriage returns), or behind the
    characters up to `end` on its line (a narrow letter leaves few pixels to sample)."""
    offsets = OffsetMap(view.toPlainText() if text is None else text)
    image = image if image is not None else view.viewport().grab().toImage()
    edges = []
    for qt in (offsets.to_qt(cp), offsets.to_qt(cp + 1 if end is None else end)):
        cursor = QTextCursor(view.document())
        cursor.setPosition(qt)
        edges.append(view.cursorRect(cursor))
    left = min(edges[0].center().x(), edges[1].center().x())
    right = max(edges[0].center().x(), edges[1].center().x())
    top, bottom = edges[0].top(), edges[0].bottom()
    seen = Counter(
        image.pixelColor(x, y).name()
        for x in range(left + 1, right - 1)
        for y in range(top + 2, bottom - 1)
    )
    return seen.most_common(1)[0][0]


def blended(color: str, view: ArticleView, *, current: bool = False) -> str:
    """What a fill of `color` looks like over the view's background."""
    alpha = (CURRENT_ALPHA if current else FILL_ALPHA) / 255
    top, base = QColor(color), view.palette().base().color()
    mix = [
        round(a * alpha + b * (1 - alpha))
        for a, b in zip(top.getRgb()[:3], base.getRgb()[:3], strict=True)
    ]
    return QColor(*mix).name()


def near(seen: str, expected: str, tolerance: int = 3) -> bool:
    a, b = QColor(seen), QColor(expected)
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))
