"""Span backgrounds as per-block layout formats, so no span ever becomes a document edit.

`setCharFormat` per span is an undoable document edit (seconds for 10,000 spans, DESIGN 4b).
Instead a block's fills are set on its `QTextLayout` (what `QSyntaxHighlighter` does under
the hood), and an edit re-formats just the blocks the edited span touches.

Formatting is lazy: a block is formatted only when Qt first asks for its geometry
(`format_if_needed`, called by the layout before it lays the block out: the paint of a
screen formats that screen). Opening a long article therefore formats a screenful of
paragraphs, not all of them, and an edit re-formats only the blocks that have been
formatted; the others pick up the change when they are shown.

This is not a `QSyntaxHighlighter`: one would run `highlightBlock` for every paragraph of a
new text inside `setPlainText` (a Python call per block, ~4,000 for a 1 MB article, only to
leave each block unformatted), and again after any re-attach. The text never changes after
it is set, which is all a syntax highlighter's bookkeeping is for.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from PySide6.QtGui import (
    QColor,
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


class SpanHighlighter:
    """Fills each character with the colour of the innermost span over it."""

    def __init__(
        self,
        document: QTextDocument,
        offsets: Callable[[], OffsetMap],
        index: Callable[[], SpanIndex],
        current: Callable[[], str | None],
    ) -> None:
        self._document = document
        self._offsets, self._index, self._current = offsets, index, current
        self._fills: dict[SpanStyle, QTextCharFormat] = {}
        self._formatted = bytearray()  # per block number: 1 once formatted with the spans

    def document(self) -> QTextDocument:
        return self._document

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
        self._set_formats(block, quiet=True)
        return True

    def rehighlightBlock(self, block: QTextBlock) -> None:
        """Re-format one block now (after an edit of a span over it); Qt re-lays it out."""
        number = block.blockNumber()
        if 0 <= number < len(self._formatted):
            self._formatted[number] = 1
        self._set_formats(block, quiet=False, merge=True)

    def rehighlight(self) -> None:
        """Re-format every block formatted so far (the others are formatted when shown)."""
        block = self._document.firstBlock()
        while block.isValid():
            if self.is_formatted(block):
                self.rehighlightBlock(block)
            block = block.next()

    # -- formatting --------------------------------------------------------------------------

    def _set_formats(self, block: QTextBlock, quiet: bool, merge: bool = False) -> None:
        """Put the block's fills on its layout and tell the document layout.

        ``quiet``: the block is about to be laid out by the caller (`format_if_needed`), so
        telling the layout would only lay it out twice and queue a needless repaint; the
        document forgets the change quietly instead. ``merge``: one range per stretch of
        equal fill, as `QSyntaxHighlighter.setFormat` leaves them (an edited block looks
        exactly as it did when a syntax highlighter re-formatted it; in right-to-left text
        the ranges' edges decide where Qt splits its runs).
        """
        layout = block.layout()
        runs = self._runs(block)
        if not runs and not layout.formats():
            return
        if merge and len(runs) > 1:
            runs = _merged(runs, block.length() - 1)
        ranges = []
        for start, length, fmt in runs:
            piece = QTextLayout.FormatRange()
            piece.start, piece.length, piece.format = start, length, fmt
            ranges.append(piece)
        layout.setFormats(ranges)
        document = self._document
        quietly = getattr(document.documentLayout(), "quietly", None) if quiet else None
        if quietly is not None:
            with quietly():
                document.markContentsDirty(block.position(), block.length())
        else:
            document.markContentsDirty(block.position(), block.length())

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


def _merged(runs: list[Run], length: int) -> list[Run]:
    """Overlapping runs as disjoint ones: each character takes the last run over it, and
    neighbouring characters with equal formats share one run (`QSyntaxHighlighter`'s
    ``setFormat`` and ``applyFormatChanges``). The fill can change only where a run starts
    or stops, so only those places are looked at."""
    fills: list[QTextCharFormat | None] = [None] * length
    edges = {0, length}
    for start, size, fmt in runs:
        start, stop = max(0, start), min(length, start + size)
        if stop > start:
            fills[start:stop] = [fmt] * (stop - start)
            edges.update((start, stop))
    merged: list[Run] = []
    for a, b in pairwise(sorted(edges)):
        here = fills[a]
        if here is None:
            continue
        if merged:
            start, size, fmt = merged[-1]
            if start + size == a and (fmt is here or fmt == here):
                merged[-1] = (start, b - start, fmt)
                continue
        merged.append((a, b - a, here))
    return merged
