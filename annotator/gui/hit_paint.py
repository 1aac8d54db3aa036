"""Find hits, painted under the text on the lines a paint shows.

As extra selections, every hit was a `QTextCursor`, and Qt drew the hits of a paragraph as
painter paths on every paint of it: typing a word in the find bar of a 1 MB article (11,000
hits) froze the window for 6 s, and a scroll frame in a 200 KB paragraph with 2,000 hits
took 360 ms. A paint now asks for the hits on its lines alone and fills their boxes; the
find bar's ``Occurrences`` finds only those, so a key press no longer finds all 86,000
hits of "t" in a 1 MB article first.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate, islice
from operator import itemgetter, le
from typing import Protocol

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QTextBlock

from annotator.gui.offsets import OffsetMap
from annotator.gui.span_paint import fill_whole_pixels, on_screen

HIT_COLOR = QColor(255, 214, 0, 150)  # a highlighter pen's yellow; spans stay legible under it


class HitSource(Protocol):
    """Where the hits are: ``Occurrences`` (the find bar's, found as far as a paint asks)."""

    def between(self, start: int, end: int) -> list[tuple[int, int]]: ...


class HitPaint:
    """The find hits shown, in code points, and their painting."""

    def __init__(self, offsets: Callable[[], OffsetMap]) -> None:
        self._offsets = offsets
        self._source: HitSource | None = None

    def set(self, hits: HitSource | Sequence[tuple[int, int]]) -> None:
        """A source asked for the hits of each paint's lines, or hits as a list."""
        if isinstance(hits, Sequence):
            self._source = _Listed(hits) if hits else None
        else:
            self._source = hits

    @property
    def active(self) -> bool:
        return self._source is not None

    def paint(
        self, painter: QPainter, blocks: Iterable[tuple[QTextBlock, QRectF]], clip: QRectF
    ) -> None:
        """The hits over these blocks (with their viewport geometry) inside ``clip``."""
        if self._source is None:
            return
        offsets = self._offsets()
        for shown in on_screen(blocks, clip, offsets):
            lines, x0, y0 = shown.lines, shown.origin.x(), shown.origin.y()
            qt0 = shown.block.position()
            for start, end in self._source.between(shown.start, shown.end):
                a = offsets.to_qt(max(start, shown.start)) - qt0
                b = offsets.to_qt(min(end, shown.end)) - qt0
                for line, x1, x2 in lines.pieces(a, b):
                    top = y0 + lines.tops[line]
                    bottom = top + lines.heights[line]
                    fill_whole_pixels(painter, x0 + x1, top, x0 + x2, bottom, HIT_COLOR)


class _Listed:
    """Hits given as a list, looked up by a bisect. Hits in text order that do not overlap
    (as ``find_in_text`` gives them) are taken as they are; others are sorted first."""

    def __init__(self, hits: Sequence[tuple[int, int]]) -> None:
        starts, ends = list(map(itemgetter(0), hits)), list(map(itemgetter(1), hits))
        if not all(map(le, ends, islice(starts, 1, None))):
            ordered = sorted(hits)
            starts, ends = list(map(itemgetter(0), ordered)), list(map(itemgetter(1), ordered))
        self._starts, self._ends = starts, ends
        # in order and apart, the ends ascend already: no need for the running maximum
        ascending = all(map(le, ends, islice(ends, 1, None)))
        self._reach = ends if ascending else list(accumulate(ends, max))

    def between(self, start: int, end: int) -> list[tuple[int, int]]:
        starts, ends = self._starts, self._ends
        found = []
        i = bisect_right(self._reach, start)  # the first hit that can end after start
        while i < len(starts) and starts[i] < end:
            if ends[i] > start:
                found.append((starts[i], ends[i]))
            i += 1
        return found
