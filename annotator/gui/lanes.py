"""Span lanes: coloured underlines stacked under the text, one lane per overlapping span.

A character format has one background, so nested or overlapping spans need a second channel
(DESIGN 4b). As in brat and INCEpTION each span gets a lane under its lines; the pattern of
the line (solid, dash, dot, wave, double) repeats the tag, so colour is never the only cue.
"""

from __future__ import annotations

import heapq
import math
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QTextLayout,
    QTextLine,
)

from annotator.gui.span_index import SpanStyle, ViewSpan

LANE_COUNT = 3  # lanes that fit under a line; deeper nesting shares the last one


@dataclass(frozen=True)
class LaneMetrics:
    """Where lanes go under a line, derived from the font so zooming keeps proportions."""

    gap: float  # extra space the layout leaves under every line
    first: float  # centre of lane 0, below the bottom of the line box
    pitch: float  # distance between lane centres
    pen: float  # line thickness

    @classmethod
    def for_font(cls, metrics: QFontMetricsF) -> LaneMetrics:
        height = metrics.height()
        pitch = float(max(3, round(height * 0.22)))
        pen = float(max(1, round(pitch / 2)))  # whole pixels keep straight lanes crisp
        first = pen + 0.0
        gap = math.ceil(first + pitch * (LANE_COUNT - 1) + pen / 2 + 1)
        return cls(gap=gap, first=first, pitch=pitch, pen=pen)

    def lane_y(self, line_bottom: float, lane: int) -> float:
        return line_bottom + self.first + self.pitch * min(lane, LANE_COUNT - 1)


def assign_lanes(spans: Iterable[ViewSpan]) -> dict[str, int]:
    """Give every span the lowest lane free at its start (a sweep, O(n log n)).

    Spans starting together go longest first, so an enclosing span keeps lane 0 right under
    the text and what is nested in it stacks below, like nested brackets.
    """
    lanes: dict[str, int] = {}
    active: list[tuple[int, int]] = []  # (end, lane) of spans still open
    free: list[int] = []
    next_lane = 0
    for span in sorted(spans, key=lambda s: (s.start, -s.end, s.id)):
        while active and active[0][0] <= span.start:
            heapq.heappush(free, heapq.heappop(active)[1])
        if free:
            lane = heapq.heappop(free)
        else:
            lane, next_lane = next_lane, next_lane + 1
        lanes[span.id] = lane
        heapq.heappush(active, (span.end, lane))
    return lanes


_MAYBE_RTL = re.compile(
    "[\u0590-\u08ff\u200f\u202b\u202e\u2067\ufb1d-\ufdff\ufe70-\ufeff"
    "\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
"""Hebrew, Arabic and the other right-to-left scripts, and the marks and overrides that
make any text run right to left."""


class BlockLines:
    """The visual lines ``first`` to ``last`` (exclusive) of one laid-out block, read from Qt
    once: `pieces` then answers for each span by a bisect instead of walking every line from
    the first (a paint asks for dozens of spans per paragraph). Indexes into `tops` and
    `heights`, and the ones `pieces` gives, count from ``first``.

    Answers are kept: a span's lane and its fill ask for the same range, and neighbouring
    ranges for the same edges (``cursorToX`` was most of the time spent measuring a block).
    """

    __slots__ = (
        "_ends",
        "_lefts",
        "_lines",
        "_ltr",
        "_pieces",
        "_rights",
        "_starts",
        "_xs",
        "heights",
        "text_end",
        "text_start",
        "tops",
    )

    def __init__(
        self,
        layout: QTextLayout,
        text: str = "",
        first: int = 0,
        last: int | None = None,
        *,
        right_to_left: bool = False,
    ) -> None:
        count = layout.lineCount() if last is None else min(last, layout.lineCount())
        lines = [layout.lineAt(i) for i in range(first, count)]
        self._lines = lines
        self._starts = [line.textStart() for line in lines]
        self._ends = [s + line.textLength() for s, line in zip(self._starts, lines, strict=True)]
        rects = [line.naturalTextRect() for line in lines]
        self._lefts = [r.left() for r in rects]
        self._rights = [r.right() for r in rects]
        self.tops = [line.y() for line in lines]
        self.heights = [line.height() for line in lines]
        # the in-block text range these lines show
        self.text_start = self._starts[0] if lines else 0
        self.text_end = self._ends[-1] if lines else 0
        # Only in a left-to-right line do the ends of a fully covered line lie at or beyond
        # its natural text rect (a right-to-left run, or a right-to-left paragraph's
        # punctuation, can put its end anywhere). Only these lines' text is searched: a block
        # can be a whole article.
        rtl = right_to_left or _MAYBE_RTL.search(text, self.text_start, self.text_end)
        self._ltr = bool(text) and not rtl
        self._pieces: dict[tuple[int, int], list[tuple[int, float, float]]] = {}
        self._xs: dict[tuple[int, int], float] = {}

    def pieces(self, start: int, end: int) -> list[tuple[int, float, float]]:
        """(line index, x1, x2) for each stretch of these lines that shows the in-block range
        [start, end): one per line in left-to-right text, one per visual run in a line that
        mixes directions (so a fill covers exactly the characters of its range)."""
        known = self._pieces.get((start, end))
        if known is None:
            known = self._pieces[(start, end)] = list(self._measure(start, end))
        return known

    def _measure(self, start: int, end: int) -> Iterator[tuple[int, float, float]]:
        starts, ends, lines = self._starts, self._ends, self._lines
        for i in range(max(0, bisect_right(starts, start) - 1), len(lines)):
            first, last = starts[i], ends[i]
            if first >= end:
                break
            if last <= start:
                continue
            left, right = self._lefts[i], self._rights[i]
            if not self._ltr:
                for x1, x2 in _visual_runs(lines[i], max(start, first), min(end, last)):
                    x1, x2 = max(x1, left), min(x2, right)
                    if x2 > x1:
                        yield i, x1, x2
                continue
            if start > first or end < last:
                left = max(self._x(i, max(start, first)), left)
                right = min(self._x(i, min(end, last)), right)
            # else a whole left-to-right line: the piece is its natural text rect (two
            # cursorToX calls fewer)
            if right > left:
                yield i, left, right

    def _x(self, line: int, position: int) -> float:
        x = self._xs.get((line, position))
        if x is None:
            x = self._xs[(line, position)] = _x_of(self._lines[line], position)
        return x


def _visual_runs(line: QTextLine, start: int, end: int) -> list[tuple[float, float]]:
    """The x ranges where the characters [start, end) of a line show, left to right, touching
    ones joined. Bidirectional text shows a logical range in several places; Qt's glyph runs
    of the range know where (their bounding rects span the characters' advances)."""
    ranges = sorted(
        (rect.left(), rect.right())
        for rect in (run.boundingRect() for run in line.glyphRuns(start, end - start))
    )
    joined: list[tuple[float, float]] = []
    for x1, x2 in ranges:
        if joined and x1 <= joined[-1][1] + 0.5:
            joined[-1] = (joined[-1][0], max(joined[-1][1], x2))
        else:
            joined.append((x1, x2))
    return joined


def _x_of(line: QTextLine, position: int) -> float:
    """`cursorToX`, whose PySide6 binding returns (x, position) for the int overload."""
    value = line.cursorToX(position)
    x = value[0] if isinstance(value, tuple) else value
    assert isinstance(x, float | int)
    return float(x)


def draw_underline(
    painter: QPainter, x1: float, x2: float, y: float, style: SpanStyle, metrics: LaneMetrics
) -> None:
    """One lane segment in the span's colour and pattern, centred on `y`."""
    draw_underlines(painter, style, [(x1, x2, y)], metrics)


def draw_underlines(
    painter: QPainter,
    style: SpanStyle,
    segments: Sequence[tuple[float, float, float]],
    metrics: LaneMetrics,
) -> None:
    """Many lane segments ``(x1, x2, y)`` of one style, the pen or tile looked up once.

    Each segment is drawn by an int overload of ``drawLine`` or ``drawTiledPixmap``: a
    QLineF, or a QRectF and a QPointF, made per segment only to be handed to Qt cost more
    than the drawing (~1 us each, a few hundred segments a frame while scrolling). Whole
    pixels lose nothing: lanes are aliased, and Qt rounds to whole pixels anyway (half up,
    as here); an aliased pen covers the same rows centred on a whole y as on y + 0.5.

    Dashes and dots are tiles too: a dashed pen costs 5 times a solid one, a dotted pen 10
    times (Qt strokes each dash), and a tile costs what a solid line does.
    """
    floor, pen = math.floor, metrics.pen
    odd = pen % 2 != 0
    if style.underline in _TILED:
        tiled, ratio = painter.drawTiledPixmap, painter.device().devicePixelRatioF()
        if style.underline == "wave":
            tile = _wave_tile(style.color, metrics, ratio)
        else:
            tile = _dash_tile(style.color, style.underline, pen, ratio)
        ratio = tile.devicePixelRatioF()
        height, period = tile.height() / ratio, round(tile.width() / ratio)
        for x1, x2, y in segments:
            if style.underline == "wave":  # waves line up from lane to lane
                left, top, width, tall = _whole_pixels(x1, y - height / 2, x2 - x1, height)
                tiled(left, top, width, tall, tile, left % period)
            else:  # from a dash, over the rows a solid lane covers (an aliased pen's)
                left, tall = floor(x1 + 0.5), round(height)
                top, width = (floor(y) if odd else round(y)) - int(pen) // 2, floor(x2 + 0.5) - left
                tiled(left, top, width, tall, tile, 0)
        return
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(_pen(style, metrics.pen))
    draw = painter.drawLine
    if style.underline == "double":  # a thin line pen / 2 each side of the lane's centre
        for x1, x2, y in segments:
            centre = floor(y) + 0.5 if odd else round(y)  # either way centre +- pen / 2 is whole
            left, right = floor(x1 + 0.5), floor(x2 + 0.5)
            draw(left, int(centre - pen / 2), right, int(centre - pen / 2))
            draw(left, int(centre + pen / 2), right, int(centre + pen / 2))
        return
    for x1, x2, y in segments:
        row = floor(y) if odd else round(y)
        draw(floor(x1 + 0.5), row, floor(x2 + 0.5), row)  # x rounded half up, as Qt does


def _whole_pixels(x: float, y: float, w: float, h: float) -> tuple[int, int, int, int]:
    """The rectangle Qt paints for a float one (``QRectF.toRect``: the corner rounded half
    up, the size rounded after taking half the corner's rounding into account)."""
    left, top = math.floor(x + 0.5), math.floor(y + 0.5)
    return left, top, math.floor(w + (x - left) / 2 + 0.5), math.floor(h + (y - top) / 2 + 0.5)


@lru_cache(maxsize=256)
def _pen(style: SpanStyle, width: float) -> QPen:
    """The pen of a lane, made once per style and width (a paint draws hundreds of lanes)."""
    pen = QPen(QColor(style.color), width)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    if style.underline == "double":
        pen.setWidthF(max(1.0, width / 2))
    elif style.underline == "dash":
        pen.setDashPattern([3.0, 1.5])
    elif style.underline == "dot":
        pen.setDashPattern([1.0, 1.0])
    return pen


_TILED = ("wave", "dash", "dot")


@lru_cache(maxsize=64)
def _dash_tile(color: str, pattern: str, pen: float, ratio: float) -> QPixmap:
    """One period of a dashed or dotted lane, `pen` high: a dash three pens long and a gap
    of one and a half, or a dot and a gap one pen long each, as `_pen`'s dash patterns."""
    on, off = (round(3 * pen), max(1, round(1.5 * pen))) if pattern == "dash" else (pen, pen)
    tile = QPixmap(math.ceil((on + off) * ratio), math.ceil(pen * ratio))
    tile.setDevicePixelRatio(ratio)
    tile.fill(Qt.GlobalColor.transparent)
    painter = QPainter(tile)
    painter.fillRect(QRectF(0, 0, on, pen), QColor(color))
    painter.end()
    return tile


@lru_cache(maxsize=64)
def _wave_tile(color: str, metrics: LaneMetrics, ratio: float) -> QPixmap:
    """One period of a zigzag, drawn once and tiled: stroking long antialiased paths per
    paint costs milliseconds, blitting a tile costs nothing."""
    amplitude = metrics.pitch * 0.4
    period = max(5.0, amplitude * 5)
    height = math.ceil(2 * amplitude + metrics.pen + 1)
    tile = QPixmap(math.ceil(period * ratio), math.ceil(height * ratio))
    tile.setDevicePixelRatio(ratio)
    tile.fill(Qt.GlobalColor.transparent)
    mid = height / 2
    path = QPainterPath(QPointF(-period / 2, mid - amplitude))
    for i in range(5):  # overshoot both edges so the seams between tiles stay clean
        x = -period / 2 + (i + 1) * period / 2
        path.lineTo(QPointF(x, mid + amplitude if i % 2 == 0 else mid - amplitude))
    painter = QPainter(tile)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(color), max(1.0, metrics.pen * 0.7)))
    painter.drawPath(path)
    painter.end()
    return tile
