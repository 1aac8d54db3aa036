"""Span fills, lanes and the current span's outline: measured per stretch of lines, painted.

Fills are painted under the text from line geometry, as the lanes are, and not set as layout
formats. A layout format makes Qt lay its whole paragraph out again on every edit of a span
in it (60-90 ms a key press in a paragraph that is a whole 200 KB article) and split its text
into more runs on every paint, while geometry measured once is only offset per paint.

A paragraph is measured in chunks of `CHUNK_LINES` visual lines, so an edit or a scroll in a
paragraph thousands of lines long measures the lines it shows, not all of them. Lanes are
stacked per paragraph (stable while scrolling; an edit re-stacks only its paragraph), and a
chunk measured with lanes that have changed since is measured again.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple, TypeVar

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QTextBlock, QTextLayout

from annotator.gui.lanes import BlockLines, LaneMetrics, assign_lanes, draw_underlines
from annotator.gui.offsets import OffsetMap
from annotator.gui.span_index import SpanIndex, SpanStyle, ViewSpan

FILL_ALPHA = 72  # light enough for black text to stay legible on every default tag colour
CURRENT_ALPHA = 130  # the current span reads as "picked" even under its outline
CHUNK_LINES = 40  # visual lines measured together; a usual paragraph is one chunk

Box = tuple[float, float, float, float]
"""x1, y1, x2, y2 (left, top, right, bottom) from the block's origin."""
LanePiece = tuple[float, float, float]
"""x1, x2 and the lane's y, from the block's origin."""
Value = TypeVar("Value")


@dataclass(slots=True)
class Chunk:
    """What a paint draws for the spans over some lines of one block."""

    fills: list[tuple[QColor, list[Box]]]  # one colour per character: the innermost span's
    lanes: list[tuple[SpanStyle, list[LanePiece]]]  # in the order the styles first appear
    outline: list[tuple[Box, ViewSpan]]  # the pieces of the current span
    lane_of: dict[str, int]  # the lanes it was measured with
    stacking: int  # which stacking of its block those lanes came from


EMPTY = Chunk([], [], [], {}, -1)


class Shown(NamedTuple):
    """A chunk to paint, and where its block's origin is in the viewport."""

    x: float
    y: float
    chunk: Chunk


class SpanPaint:
    """Measures what the spans look like, chunk by chunk, keeps it, and paints it."""

    def __init__(
        self,
        offsets: Callable[[], OffsetMap],
        index: Callable[[], SpanIndex],
        current: Callable[[], str | None],
    ) -> None:
        self._offsets, self._index, self._current = offsets, index, current
        self.metrics = LaneMetrics(gap=0.0, first=0.0, pitch=3.0, pen=1.0)  # the view's font
        self._chunks: dict[int, dict[int, Chunk]] = {}  # block number -> chunk number -> chunk
        # block number -> (stacking, lanes, the block's spans); a stacking is a serial number
        self._stacks: dict[int, tuple[int, dict[str, int], list[ViewSpan]]] = {}
        self._stackings = 0
        self._colors: dict[tuple[str, int], QColor] = {}

    # -- what is kept ------------------------------------------------------------------------

    def forget(self) -> None:
        """A new text, width or font: everything is measured again when next shown."""
        self._chunks.clear()
        self._stacks.clear()

    def forget_span(self, block: QTextBlock, span: ViewSpan) -> None:
        """A span over `block` changed (this is its old or its new range): its lines are
        measured again, and the block's lanes stacked again."""
        number = block.blockNumber()
        self._stacks.pop(number, None)
        chunks = self._chunks.get(number)
        if not chunks:
            return
        layout = block.layout()
        lines = _lines_of(layout, block, span, self._offsets())
        if lines is None:
            del self._chunks[number]
            return
        for chunk in range(lines[0] // CHUNK_LINES, lines[1] // CHUNK_LINES + 1):
            chunks.pop(chunk, None)

    # -- measuring ---------------------------------------------------------------------------

    def shown(self, blocks: Iterable[tuple[QTextBlock, QRectF]], clip: QRectF) -> list[Shown]:
        """The chunks of these blocks (with their viewport geometry) that reach into
        ``clip``, measured now if they are not kept."""
        shown: list[Shown] = []
        slack = self.metrics.gap  # a lane sits up to a line gap below its line
        for block, geometry in blocks:
            if geometry.bottom() < clip.top() or block.length() <= 1:
                continue
            layout = block.layout()
            count = layout.lineCount()
            x, y = geometry.left(), geometry.top()
            if count <= CHUNK_LINES:
                numbers = range(1 if count else 0)
            else:
                first, last = lines_in(layout, y, clip, slack)
                numbers = range(first // CHUNK_LINES, last // CHUNK_LINES + 1)
            for number in numbers:
                chunk = self._chunk(block, number)
                if chunk is not EMPTY:
                    shown.append(Shown(x, y, chunk))
        return shown

    def _chunk(self, block: QTextBlock, number: int) -> Chunk:
        block_number = block.blockNumber()
        stack = self._stacks.get(block_number)
        if stack is None:
            stack = self._stacks[block_number] = self._stack(block)
        stacking, lanes, spans = stack
        if not spans:
            return EMPTY
        chunks = self._chunks.get(block_number)
        if chunks is None:
            chunks = self._chunks[block_number] = {}
        chunk = chunks.get(number)
        if chunk is not None and chunk.stacking != stacking:
            if all(lanes.get(span_id) == lane for span_id, lane in chunk.lane_of.items()):
                chunk.stacking = stacking  # the new stacking left its lanes as they were
            else:
                chunk = None
        if chunk is None:
            chunk = chunks[number] = self._measure(block, number, stack)
        return chunk

    def _stack(self, block: QTextBlock) -> tuple[int, dict[str, int], list[ViewSpan]]:
        """The block's spans and their lanes."""
        offsets, qt = self._offsets(), block.position()
        start, end = offsets.to_cp(qt), offsets.to_cp(qt + block.length() - 1)
        spans = self._index().overlapping(start, end) if end > start else []
        self._stackings += 1
        return self._stackings, assign_lanes(spans), spans

    def _measure(
        self, block: QTextBlock, number: int, stack: tuple[int, dict[str, int], list[ViewSpan]]
    ) -> Chunk:
        stacking, lanes, spans = stack
        first = number * CHUNK_LINES
        lines = block_lines(block, first, first + CHUNK_LINES)
        offsets, qt0 = self._offsets(), block.position()
        start = offsets.to_cp(qt0 + lines.text_start)
        end = offsets.to_cp(qt0 + lines.text_end)
        here = [s for s in spans if s.start < end and s.end > start]
        if not here:
            return Chunk([], [], [], {}, stacking)

        def in_block(cp: int) -> int:
            return offsets.to_qt(min(max(cp, start), end)) - qt0

        current = self._current()
        chunk = Chunk([], [], [], {s.id: lanes[s.id] for s in here}, stacking)
        chunk.fills = self._fills(lines, here, current, in_block)
        tops, heights, lane_y = lines.tops, lines.heights, self.metrics.lane_y
        by_style: dict[SpanStyle, list[LanePiece]] = {}
        for span in here:
            pieces = by_style.setdefault(span.style, [])
            lane = lanes[span.id]
            for i, x1, x2 in lines.pieces(in_block(span.start), in_block(span.end)):
                pieces.append((x1, x2, lane_y(tops[i] + heights[i], lane)))
                if span.id == current:
                    chunk.outline.append(((x1, tops[i], x2, tops[i] + heights[i]), span))
        chunk.lanes = list(by_style.items())
        return chunk

    def _fills(
        self,
        lines: BlockLines,
        spans: list[ViewSpan],
        current: str | None,
        in_block: Callable[[int], int],
    ) -> list[tuple[QColor, list[Box]]]:
        """Each character takes the fill of the innermost span over it (the current span's,
        stronger, wins), as boxes grouped by colour."""
        if len(spans) > 1:  # longest first, so inner spans fill over them; the current last
            spans = sorted(spans, key=lambda s: (s.id == current, s.start - s.end))
        origin = lines.text_start
        runs = [
            (a - origin, b - a, (s.style.color, CURRENT_ALPHA if s.id == current else FILL_ALPHA))
            for s in spans
            for a, b in [(in_block(s.start), in_block(s.end))]
        ]
        boxes: dict[tuple[str, int], list[Box]] = {}
        tops, heights = lines.tops, lines.heights
        for a, size, fill in disjoint(runs, lines.text_end - origin):
            kept = boxes.setdefault(fill, [])
            for i, x1, x2 in lines.pieces(origin + a, origin + a + size):
                kept.append((x1, tops[i], x2, tops[i] + heights[i]))
        return [(self._color(*fill), kept) for fill, kept in boxes.items() if kept]

    def _color(self, color: str, alpha: int) -> QColor:
        """A tag colour at a fill strength, made once."""
        made = self._colors.get((color, alpha))
        if made is None:
            made = self._colors[(color, alpha)] = QColor(color)
            made.setAlpha(alpha)
        return made

    # -- painting ----------------------------------------------------------------------------

    @staticmethod
    def paint_fills(painter: QPainter, shown: list[Shown]) -> None:
        """The fills, to be painted before the text so the glyphs stay on top."""
        for x0, y0, chunk in shown:
            for color, boxes in chunk.fills:
                for x1, y1, x2, y2 in boxes:
                    fill_whole_pixels(painter, x0 + x1, y0 + y1, x0 + x2, y0 + y2, color)

    def paint_lanes(self, painter: QPainter, shown: list[Shown], clip: QRectF) -> None:
        """Every style's lanes in one call; only lanes that can show inside ``clip``."""
        by_style: dict[SpanStyle, list[LanePiece]] = {}
        slack = self.metrics.gap
        high, low = clip.top() - slack, clip.bottom() + slack
        for x0, y0, chunk in shown:
            for style, pieces in chunk.lanes:
                kept = by_style.setdefault(style, [])
                kept += [(x0 + a, x0 + b, y0 + y) for a, b, y in pieces if high <= y0 + y <= low]
        for style, pieces in by_style.items():
            draw_underlines(painter, style, pieces, self.metrics)

    @staticmethod
    def outlines(shown: list[Shown]) -> list[tuple[QRectF, ViewSpan]]:
        """The current span's pieces in viewport coordinates."""
        return [
            (QRectF(x0 + x1, y0 + y1, x2 - x1, y2 - y1), span)
            for x0, y0, chunk in shown
            for (x1, y1, x2, y2), span in chunk.outline
        ]


def disjoint(runs: Sequence[tuple[int, int, Value]], length: int) -> list[tuple[int, int, Value]]:
    """Overlapping runs ``(start, size, value)`` as disjoint ones over [0, length): each
    position takes the last run over it, and neighbours with equal values share one run.
    The value can change only where a run starts or stops, so only those places are looked
    at."""
    values: list[Value | None] = [None] * length
    edges = {0, length}
    for start, size, value in runs:
        start, stop = max(0, start), min(length, start + size)
        if stop > start:
            values[start:stop] = [value] * (stop - start)
            edges.update((start, stop))
    merged: list[tuple[int, int, Value]] = []
    for a, b in pairwise(sorted(edges)):
        here = values[a]
        if here is None:
            continue
        if merged and merged[-1][0] + merged[-1][1] == a and merged[-1][2] == here:
            merged[-1] = (merged[-1][0], b - merged[-1][0], here)
        else:
            merged.append((a, b - a, here))
    return merged


def _lines_of(
    layout: QTextLayout, block: QTextBlock, span: ViewSpan, offsets: OffsetMap
) -> tuple[int, int] | None:
    """The first and last visual line of `block` that show part of `span` (None if the
    block is not laid out)."""
    qt0, length = block.position(), block.length() - 1
    a = min(max(offsets.to_qt(span.start) - qt0, 0), length)
    b = min(max(offsets.to_qt(span.end) - qt0, 0), length)
    first = layout.lineForTextPosition(a).lineNumber()
    last = layout.lineForTextPosition(max(a, b - 1)).lineNumber()
    return (first, last) if first >= 0 and last >= 0 else None


def fill_whole_pixels(
    painter: QPainter, left: float, top: float, right: float, bottom: float, color: QColor
) -> None:
    """Fill a box rounded to whole pixels, each edge half up as Qt rounds a float rectangle:
    it fills in half the time, and two boxes that meet share their edge exactly."""
    x, y = math.floor(left + 0.5), math.floor(top + 0.5)
    painter.fillRect(x, y, math.floor(right + 0.5) - x, math.floor(bottom + 0.5) - y, color)


class OnScreen(NamedTuple):
    """The lines of one block that a paint shows."""

    block: QTextBlock
    origin: QPointF  # the block's top left in the viewport
    lines: BlockLines
    start: int  # the code points they show
    end: int


def on_screen(
    blocks: Iterable[tuple[QTextBlock, QRectF]], clip: QRectF, offsets: OffsetMap
) -> Iterator[OnScreen]:
    """For each of these blocks (with their viewport geometry) that reaches into ``clip``,
    the lines that do, for what is painted over the text without being kept (find hits,
    suggestions)."""
    for block, geometry in blocks:
        if geometry.bottom() < clip.top() or block.length() <= 1:
            continue
        first, last = lines_in(block.layout(), geometry.top(), clip, 0.0)
        lines = block_lines(block, first, last + 1)
        qt0 = block.position()
        start, end = offsets.to_cp(qt0 + lines.text_start), offsets.to_cp(qt0 + lines.text_end)
        yield OnScreen(block, geometry.topLeft(), lines, start, end)


def block_lines(block: QTextBlock, first: int, last: int) -> BlockLines:
    """The lines ``first`` to ``last`` (exclusive) of a laid-out block."""
    right_to_left = block.textDirection() == Qt.LayoutDirection.RightToLeft
    return BlockLines(block.layout(), block.text(), first, last, right_to_left=right_to_left)


def lines_in(layout: QTextLayout, top: float, clip: QRectF, slack: float) -> tuple[int, int]:
    """The first and last line of a block whose top is at `top` that reach into ``clip``,
    give or take ``slack`` (a paragraph can be a whole article: these are found by a
    bisect, not by walking its lines)."""
    count = layout.lineCount()
    return (
        _line_at(layout, clip.top() - top - slack, count),
        _line_at(layout, clip.bottom() - top + slack, count),
    )


def _line_at(layout: QTextLayout, y: float, count: int) -> int:
    """The last of a block's ``count`` lines whose top is at or above `y` (0 if none):
    a bisect, as a block's lines go down the page in order."""
    low, high = 0, count - 1
    while low < high:
        middle = (low + high + 1) // 2
        if layout.lineAt(middle).y() <= y:
            low = middle
        else:
            high = middle - 1
    return low
