"""The article view: read-only text with span highlights, lanes, and code-point selections.

It knows nothing about the database: it shows plain `ViewSpan` values and reports clicks and
selections through signals, in code points (DESIGN 4b). Speed comes from never storing a
highlight in the document: fills and lanes are painted from geometry measured once
(`span_paint`), so an edit of a span never makes Qt lay text out again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QToolTip, QWidget

from annotator.gui.ghost_paint import GhostPaint
from annotator.gui.hit_paint import HitPaint, HitSource
from annotator.gui.lanes import LaneMetrics
from annotator.gui.offsets import OffsetMap, for_qt
from annotator.gui.relation_arcs import ViewRelation, paint_arcs
from annotator.gui.spaced_layout import SpacedLayout
from annotator.gui.span_index import SpanIndex, ViewSpan, innermost
from annotator.gui.span_paint import Shown, SpanPaint

READING_FAMILIES = ["Charter", "Georgia", "Source Serif 4", "Noto Serif", "DejaVu Serif"]
READING_POINT_SIZE = 11.5
DOCUMENT_MARGIN = 18
ZOOM_RANGE = (-5, 14)
# Past this many paragraphs, forgetting what was measured of every block (what shows is
# measured again as it is painted) is cheaper than finding each one.
REMEASURE_LIMIT = 300


def reading_font(point_size: float = READING_POINT_SIZE) -> QFont:
    """A serif text face: long articles are read, not scanned like code."""
    font = QFont()
    font.setFamilies(READING_FAMILIES)
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSizeF(point_size)
    return font


EDGE_GRAB_PX = 4
ARC_REACH = 400  # px: a relation's arc is drawn when both ends lie this near the viewport


class ArticleView(QPlainTextEdit):
    """Shows one article and its spans; all offsets in and out are code points."""

    span_clicked = Signal(str)
    selection_changed = Signal()
    span_resized = Signal(str, int, int)  # id, new start, new end (code points)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._offsets = OffsetMap("")
        self._index = SpanIndex()
        self._current: str | None = None
        self._press: QPointF | None = None
        self._edge_drag: tuple[str, ViewSpan] | None = None  # ("start" | "end", span)
        self._relations: list[ViewRelation] = []
        self._ghosts = GhostPaint(lambda: self._offsets)
        self._hits = HitPaint(lambda: self._offsets)
        self.viewport().setMouseTracking(True)
        self._quiet = False  # True while the view moves the cursor itself
        # Fills and lanes, measured for the text width they were measured at.
        self._spans = SpanPaint(lambda: self._offsets, lambda: self._index, lambda: self._current)
        self._measured_width = -1.0
        self._zoom = 0
        document = QTextDocument(self)
        self._layout = SpacedLayout(document)
        document.setDocumentLayout(self._layout)
        document.setUndoRedoEnabled(False)  # the text never changes; no undo memory
        document.setDocumentMargin(DOCUMENT_MARGIN)
        self.setDocument(document)
        self._configure()
        self.selectionChanged.connect(self._reemit_selection)

    def _configure(self) -> None:
        self.setReadOnly(True)
        # After setReadOnly: it resets the flags to mouse-only selection.
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.setCursorWidth(2)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFont(reading_font())
        self._apply_font_metrics()

    # -- content ---------------------------------------------------------------------------

    def set_article(self, text: str, spans: Sequence[ViewSpan]) -> None:
        """Show a new article; one `setPlainText`, highlights come lazily from the index.

        Only the paragraphs on screen are measured, when they are painted; the others are
        measured when they are shown, so the cost does not grow with the text.
        """
        self._text = text
        self._offsets = OffsetMap(text)
        self._index = SpanIndex(spans)
        self._current = None
        self._spans.forget()
        self._layout.forget_spacing()
        self.setPlainText(for_qt(text))
        # A long text needs the scroll bar a short one did not (or the other way round):
        # Qt posts the scroll bar update (a queued call) and the re-layout it causes, so the
        # first paint would wrap every line on screen at the old width and the next one
        # again at the new width. Settle the width first.
        QApplication.sendPostedEvents(self, QEvent.Type.MetaCall)
        QApplication.sendPostedEvents(self, QEvent.Type.LayoutRequest)

    def clear_article(self) -> None:
        self.set_article("", [])

    def add_span(self, span: ViewSpan, *, current: bool = False) -> None:
        """Show a span (or update it, if its id is already shown).

        ``current``: make it the current span too, as `select_span` would. Its paragraphs
        are then measured once, with the current fill, instead of once to add it and again
        to mark it current (a key press that tags paid for both).
        """
        old = self._index.add(span)
        if current:
            self._make_current(span, old)
        else:
            self._spans_changed(old, span)

    def replace_span(self, span: ViewSpan) -> None:
        """Same id, new range, tag or style; an unknown id is simply added."""
        self.add_span(span)

    def remove_span(self, span_id: str) -> None:
        old = self._index.remove(span_id)
        if old is None:
            return
        if self._current == span_id:
            self._current = None
        self._spans_changed(old)

    def set_spans(self, spans: Sequence[ViewSpan]) -> None:
        """Replace all spans at once (e.g. after undoing a bulk edit); caret and scroll stay.

        Only spans that differ are redrawn; when they reach across many paragraphs, what was
        measured of every block is forgotten and measured again as blocks are shown.
        """
        old = self._index
        self._replace_index(spans)
        changed = [s for s in old if self._index.get(s.id) != s]
        changed += [s for s in self._index if old.get(s.id) != s]
        if self._block_count(changed, REMEASURE_LIMIT) <= REMEASURE_LIMIT:
            self._update_blocks(self._forget_spans(changed))
        else:
            self._remeasure_all()

    def restyle_all(self, spans: Sequence[ViewSpan]) -> None:
        """Replace all spans when most of them look different (the review colours them by
        analyst): `set_spans` would make and compare every one of them to find that out."""
        self._replace_index(spans)
        self._remeasure_all()

    def _replace_index(self, spans: Sequence[ViewSpan]) -> None:
        self._index = SpanIndex(spans)
        if self._current not in self._index:
            self._current = None

    def _remeasure_all(self) -> None:
        """Forget what was measured of every block: what shows is measured afresh as it is
        painted."""
        self._spans.forget()
        self.viewport().update()

    def has_span_in(self, start: int, end: int) -> bool:
        """Whether a span overlaps ``start:end`` (code points)."""
        return bool(self._index.overlapping(start, end))

    def spans_at(self, cp: int) -> list[ViewSpan]:
        """Spans over the character at `cp`, innermost (shortest) first."""
        return sorted(self._index.at(cp), key=lambda s: (s.length, -s.start, s.id))

    # -- selection and current span --------------------------------------------------------

    def selected_range(self) -> tuple[int, int] | None:
        """The text selection in code points, or None when nothing is selected."""
        cursor = self.textCursor()
        start = self._offsets.to_cp(cursor.selectionStart())
        end = self._offsets.to_cp(cursor.selectionEnd())
        return (start, end) if end > start else None

    def select_span(self, span_id: str | None) -> None:
        """Make a span current: stronger fill and outline, caret at its start, in view.

        An unknown id (or None) clears the current span. The text selection is dropped, so
        a following tag command cannot act on a stale selection.
        """
        self._make_current(self._index.get(span_id) if span_id is not None else None)

    def _make_current(self, span: ViewSpan | None, replaced: ViewSpan | None = None) -> None:
        """`select_span` of a shown span (None: none); ``replaced`` is an earlier version of
        it whose paragraphs need measuring again too."""
        old = self._index.get(self._current) if self._current is not None else None
        self._current = span.id if span is not None else None
        changed = (old, replaced, span)
        touched = self._forget_spans(s for s in changed if s is not None)
        scrolled = (self.verticalScrollBar().value(), self.horizontalScrollBar().value())
        if span is not None:
            self._quiet = True
            try:
                # shows the end, then the start wins if both fit; an end already in view
                # needs no scrolling to show (a caret move costs a walk over the shown blocks)
                if not self._shown(span.end):
                    self._place_caret(span.end)
                self._place_caret(span.start)
            finally:
                self._quiet = False
        if scrolled != (self.verticalScrollBar().value(), self.horizontalScrollBar().value()):
            self.viewport().update()  # the caret scrolled the view: repaint what shows
        else:
            self._update_blocks(touched)  # only the outline moved
        self.selection_changed.emit()

    def current_span_id(self) -> str | None:
        return self._current

    def scroll_to(self, cp: int) -> None:
        """Bring the line holding `cp` into view, a third from the top; the caret stays."""
        qt = self._offsets.to_qt(cp)
        block = self.document().findBlock(qt)
        if not block.isValid():
            return
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        line = block.layout().lineForTextPosition(qt - block.position())
        if not line.isValid():
            return
        y = top + line.y()
        if y >= 0 and y + line.height() <= self.viewport().height():
            return
        pitch = line.height() + self._layout.line_gap
        lead = int(self.viewport().height() / 3 / max(pitch, 1.0))
        scrollbar = self.verticalScrollBar()
        scrollbar.setValue(max(0, block.firstLineNumber() + line.lineNumber() - lead))

    def set_zoom(self, steps: int) -> None:
        """Reading size in point steps around the default (Ctrl+wheel keeps working too)."""
        self._zoom = max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], steps))
        self.setFont(reading_font(READING_POINT_SIZE + self._zoom))

    def zoom(self) -> int:
        return self._zoom

    # -- Qt overrides ----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # A parent's font can arrive while the base constructor still runs, before _layout.
        if event.type() == QEvent.Type.FontChange and hasattr(self, "_layout"):
            self._apply_font_metrics()

    def paintEvent(self, event: QPaintEvent) -> None:
        with self._layout.remembering():
            self._paint(event)

    def _paint(self, event: QPaintEvent) -> None:
        clip = QRectF(event.rect())
        shown = self._shown_spans(clip) if len(self._index) else []
        if shown or self._hits.active:
            painter = QPainter(self.viewport())
            try:  # under the text: Qt draws the glyphs over the fills
                self._spans.paint_fills(painter, shown)
                if self._hits.active:
                    self._hits.paint(painter, self._shown_blocks(clip.bottom()), clip)
            finally:
                painter.end()
        super().paintEvent(event)
        if not shown and not len(self._ghosts) and not self._relations:
            return
        painter = QPainter(self.viewport())
        try:
            if shown:
                self._spans.paint_lanes(painter, shown, clip)
                for rect, span in self._spans.outlines(shown):
                    self._paint_outline(painter, rect, span)
            if len(self._ghosts):
                self._ghosts.paint(painter, self._shown_blocks(clip.bottom()), clip)
            if self._relations:
                paint_arcs(
                    painter,
                    self._relations_near(),
                    self._span_anchor,
                    self._current,
                    clip,
                    self.palette().text().color(),
                )
        finally:
            painter.end()

    def set_ghosts(self, ghosts: Sequence[ViewSpan], current: str | None = None) -> None:
        """Suggested spans, drawn as dashed boxes: not annotations until accepted."""
        self._ghosts.set(ghosts)
        self.set_current_ghost(current)

    def set_current_ghost(self, current: str | None) -> None:
        """The ghost drawn bold and scrolled to."""
        self._ghosts.current = current
        ghost = self._ghosts.get(current) if current is not None else None
        if ghost is not None:
            self.scroll_to(ghost.start)
        self.viewport().update()

    def remove_ghost(self, ghost_id: str, current: str | None) -> None:
        """One ghost goes (its suggestion was accepted or rejected); ``current`` is next."""
        self._ghosts.remove(ghost_id)
        self.set_current_ghost(current)

    def set_search_hits(self, hits: HitSource | Sequence[tuple[int, int]]) -> None:
        """Mark every find hit (code points) on top of the highlights."""
        self._hits.set(hits)
        self.viewport().update()

    def caret_position(self) -> int:
        """Where the text cursor is, in code points."""
        return self._offsets.to_cp(self.textCursor().position())

    def select_range(self, start: int, end: int) -> None:
        """Select text (code points) and bring it into view, as a find hit does."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_qt(start))
        cursor.setPosition(self._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def set_relations(self, relations: Sequence[ViewRelation]) -> None:
        """Typed links between spans, drawn as arcs (ends that are not shown are skipped)."""
        self._relations = list(relations)
        self.viewport().update()

    def _relations_near(self) -> list[ViewRelation]:
        """The relations whose two ends start within ``ARC_REACH`` of the viewport: the
        only ones `_span_anchor` can place. Placing the ends of every relation laid out
        paragraphs all over the article: with 2,000 relations in the 1 MB article a
        scroll frame took 88 ms and opening it 0.4 s."""
        first, last = self._arc_reach()
        start_of = self._index.start_of
        near = []
        for relation in self._relations:
            source, target = start_of(relation.source), start_of(relation.target)
            if source is None or target is None:
                continue
            if first <= source < last and first <= target < last:
                near.append(relation)
        return near

    def _arc_reach(self) -> tuple[int, int]:
        """Code points of the paragraphs from ``ARC_REACH`` pixels above the viewport to
        ``ARC_REACH`` below it, walked a paragraph at a time from the first one shown."""
        offset = self.contentOffset()
        first = last = self.firstVisibleBlock()
        top = bottom = offset.y()
        while top > -ARC_REACH and first.previous().isValid():
            first = first.previous()
            top -= self.blockBoundingRect(first).height()
        limit = self.viewport().height() + ARC_REACH
        while True:
            bottom += self.blockBoundingRect(last).height()
            if bottom > limit or not last.next().isValid():
                break
            last = last.next()
        to_cp = self._offsets.to_cp
        return to_cp(first.position()), to_cp(last.position() + last.length())

    def _span_anchor(self, span_id: str) -> QPointF | None:
        span = self._index.get(span_id)
        if span is None:
            return None
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_qt(span.start))
        rect = self.cursorRect(cursor)
        if rect.bottom() < -ARC_REACH or rect.top() > self.viewport().height() + ARC_REACH:
            return None
        width = QFontMetricsF(self.font()).horizontalAdvance("M") / 2
        return QPointF(rect.left() + width, rect.top() + 2)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        left = event.button() == Qt.MouseButton.LeftButton
        edge = self._edge_near(event.position()) if left else None
        if edge is not None:
            self._edge_drag = edge  # dragging an edge of the current span resizes it
            return
        self._press = event.position() if left else None
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._edge_drag is None:
            hovering = self._edge_near(event.position()) is not None
            shape = Qt.CursorShape.SizeHorCursor if hovering else Qt.CursorShape.IBeamCursor
            self.viewport().setCursor(shape)
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._edge_drag is not None:
            edge, dragged = self._edge_drag
            self._edge_drag = None
            self._finish_edge_drag(edge, dragged, event.position())
            return
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        if press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        if (event.position() - press).manhattanLength() >= QApplication.startDragDistance():
            return  # a drag selects text; it is not a click on a span
        span = self._span_under(event.position())
        if span is not None:
            self.span_clicked.emit(span.id)

    def _edge_near(self, point: QPointF) -> tuple[str, ViewSpan] | None:
        """Which edge of the current span is under the pointer (within a few pixels)."""
        span = self._index.get(self._current) if self._current is not None else None
        if span is None:
            return None
        for edge, cp in (("start", span.start), ("end", span.end)):
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._offsets.to_qt(cp))
            rect = self.cursorRect(cursor)
            near_x = abs(rect.center().x() - point.x()) <= EDGE_GRAB_PX
            if near_x and rect.top() <= point.y() <= rect.bottom() + EDGE_GRAB_PX:
                return edge, span
        return None

    def _finish_edge_drag(self, edge: str, span: ViewSpan, point: QPointF) -> None:
        cp = self._offsets.to_cp(self.cursorForPosition(point.toPoint()).position())
        start, end = (cp, span.end) if edge == "start" else (span.start, cp)
        if start > end:
            start, end = end, start
        if start < end and (start, end) != (span.start, span.end):
            self.span_resized.emit(span.id, start, end)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self._show_tooltip(event)
            return True
        return super().viewportEvent(event)

    # -- internals -------------------------------------------------------------------------

    def _reemit_selection(self) -> None:
        if not self._quiet:
            self.selection_changed.emit()

    def _apply_font_metrics(self) -> None:
        """Lane geometry follows the font, and the layout opens the matching line gap."""
        metrics = LaneMetrics.for_font(QFontMetricsF(self.font()))
        paragraph_gap = round(QFontMetricsF(self.font()).height() * 0.45)
        self._layout.set_gaps(metrics.gap, paragraph_gap)
        self._spans.metrics = metrics
        self._spans.forget()
        self.viewport().update()

    def _shown(self, cp: int) -> bool:
        """Whether a caret at `cp` would be wholly in view (so placing it scrolls nothing)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_qt(cp))
        return self.viewport().rect().contains(self.cursorRect(cursor))

    def _place_caret(self, cp: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_qt(cp))
        self.setTextCursor(cursor)

    def _spans_changed(self, *spans: ViewSpan | None) -> None:
        touched = self._forget_spans(s for s in spans if s is not None)
        self._update_blocks(touched)

    def _forget_spans(self, spans: Iterable[ViewSpan]) -> set[int]:
        """Forget what was measured of the lines the spans cover; return their blocks'
        numbers. Nothing is measured now: what shows is measured when it is painted."""
        touched: set[int] = set()
        forget = self._spans.forget_span
        for span in spans:
            for block in self._blocks_of(span):
                forget(block, span)
                touched.add(block.blockNumber())
        return touched

    def _shown_blocks(self, bottom: float) -> Iterator[tuple[QTextBlock, QRectF]]:
        """The visible blocks from the top of the view down to ``bottom``, with their
        viewport geometry, walked as `QPlainTextEdit.paintEvent` walks them: one layout
        query per block. (``blockBoundingGeometry`` walks from the top block to the one
        asked for, so asking it for each block in turn costs a quadratic number.)"""
        offset = self.contentOffset()
        block = self.firstVisibleBlock()
        while block.isValid():
            rect = self.blockBoundingRect(block).translated(offset)
            if rect.top() > bottom:
                break
            if block.isVisible():
                yield block, rect
            offset.setY(offset.y() + rect.height())
            block = block.next()

    def _update_blocks(self, numbers: set[int]) -> None:
        """Repaint the visible ones of these blocks: lanes are stacked per block, so a span
        edit cannot move the lanes of any other block."""
        if not numbers:
            return
        region, last = QRect(), max(numbers)
        for block, rect in self._shown_blocks(self.viewport().height()):
            number = block.blockNumber()
            if number in numbers:
                region = region.united(rect.toAlignedRect())
            if number >= last:
                break  # the blocks below are not touched
        if not region.isEmpty():
            self.viewport().update(region)

    def _block_count(self, spans: Iterable[ViewSpan], limit: int) -> int:
        """Paragraphs the spans reach (with repeats), counting no further than `limit` + 1."""
        document, total = self.document(), 0
        for span in spans:
            first = document.findBlock(self._offsets.to_qt(span.start)).blockNumber()
            last = document.findBlock(self._offsets.to_qt(max(span.start, span.end - 1)))
            total += last.blockNumber() - first + 1
            if total > limit:
                break
        return total

    def _blocks_of(self, span: ViewSpan) -> Iterable[QTextBlock]:
        document = self.document()
        block = document.findBlock(self._offsets.to_qt(span.start))
        last = document.findBlock(self._offsets.to_qt(max(span.start, span.end - 1)))
        while block.isValid():
            yield block
            if block == last:
                break
            block = block.next()

    def _shown_spans(self, clip: QRectF) -> list[Shown]:
        """What the spans look like in the blocks that reach into ``clip``."""
        width = float(self.viewport().width())  # lines wrap at the viewport width
        if width != self._measured_width:  # lines wrap elsewhere now
            self._spans.forget()
            self._measured_width = width
        return self._spans.shown(self._shown_blocks(clip.bottom()), clip)

    def _paint_outline(self, painter: QPainter, rect: QRectF, span: ViewSpan) -> None:
        pen = QPen(QColor(span.style.color).darker(140), 1.5)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect.adjusted(-1.5, 0.5, 1.5, -0.5), 3, 3)

    def _char_at(self, point: QPointF) -> int | None:
        """Code point of the character drawn under `point`, None between lines or past text."""
        block = self.cursorForPosition(point.toPoint()).block()
        origin = self.blockBoundingGeometry(block).translated(self.contentOffset()).topLeft()
        local = point - origin
        layout = block.layout()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            if not line.y() <= local.y() < line.y() + line.height():
                continue
            rect = line.naturalTextRect()
            if not rect.left() <= local.x() < rect.right():
                return None
            pos = line.xToCursor(local.x(), QTextLine.CursorPosition.CursorOnCharacter)
            return self._offsets.to_cp(block.position() + pos)
        return None

    def _span_under(self, point: QPointF) -> ViewSpan | None:
        cp = self._char_at(point)
        return innermost(self._index.at(cp)) if cp is not None else None

    def _show_tooltip(self, event: QHelpEvent) -> None:
        cp = self._char_at(QPointF(event.pos()))
        spans = self.spans_at(cp) if cp is not None else []
        if not spans:
            QToolTip.hideText()
            event.ignore()
            return
        text = "\n".join(s.tooltip or s.tag for s in spans)
        QToolTip.showText(event.globalPos(), for_qt(text), self.viewport())
