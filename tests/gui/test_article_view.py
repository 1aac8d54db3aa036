"""ArticleView driven like an analyst drives it: real key presses, drags and clicks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent, QTextCursor
from PySide6.QtWidgets import QToolTip
from pytestqt.qtbot import QtBot

from annotator.gui import span_paint
from annotator.gui.article_view import ArticleView
from annotator.gui.lanes import assign_lanes
from annotator.gui.offsets import OffsetMap
from annotator.gui.span_index import LazySpans, SpanStyle, ViewSpan
from tests.gui.fill_probe import blended, fill_under, near

CLAIM = SpanStyle("#4C72B0", "solid")
QUOTE = SpanStyle("#DD8452", "dash")
FACILITY = SpanStyle("#55A868", "dot")
ASSESSMENT = SpanStyle("#C44E52", "wave")

TEXT = (
    "Intro 😀 the 𝒳 plant 👩\u200d🔬 reopened on Monday, officials said.\n"
    "Second 😀 line with more words, and שלום inside, for Shift+Down.\n"
    "Third line."
)
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def find(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def span(span_id: str, phrase: str, style: SpanStyle = CLAIM, text: str = TEXT) -> ViewSpan:
    start, end = find(text, phrase)
    return ViewSpan(span_id, start, end, span_id.split("-")[0], style, f"tip {span_id}")


def put_caret(view: ArticleView, cp: int) -> None:
    cursor = QTextCursor(view.document())
    cursor.setPosition(OffsetMap(view.toPlainText()).to_qt(cp))
    view.setTextCursor(cursor)


def qt_selected_text(view: ArticleView) -> str:
    return view.textCursor().selectedText().replace("\u2029", "\n")


def point_before(view: ArticleView, cp: int) -> QPoint:
    """Viewport point on the caret position just before code point `cp`."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(OffsetMap(TEXT).to_qt(cp))
    rect = view.cursorRect(cursor)
    return QPoint(rect.left(), rect.center().y())


def point_inside(view: ArticleView, cp: int) -> QPoint:
    """Viewport point in the middle of the glyph of code point `cp`."""
    a, b = point_before(view, cp), point_before(view, cp + 1)
    return QPoint((a.x() + b.x()) // 2, a.y())


# -- keyboard ---------------------------------------------------------------------------------


def test_shift_right_selects_whole_astral_characters(view: ArticleView, qtbot: QtBot) -> None:
    view.set_article(TEXT, [])
    start = TEXT.index("😀")
    put_caret(view, start)
    qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)
    assert view.selected_range() == (start, start + 1)
    assert TEXT[start : start + 1] == "😀" == qt_selected_text(view)
    for _ in range(6):
        qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)
    assert view.selected_range() == (start, start + 7)
    assert TEXT[start : start + 7] == "😀 the 𝒳" == qt_selected_text(view)


def test_shift_ctrl_right_selects_words_after_emoji(view: ArticleView, qtbot: QtBot) -> None:
    view.set_article(TEXT, [])
    start = TEXT.index("the")
    put_caret(view, start)
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Right, CTRL_SHIFT)
    selected = view.selected_range()
    assert selected is not None and selected[0] == start
    assert TEXT[selected[0] : selected[1]] == qt_selected_text(view)
    assert TEXT[selected[0] : selected[1]].startswith("the 𝒳 plant")


def test_shift_down_selects_across_lines(view: ArticleView, qtbot: QtBot) -> None:
    view.set_article(TEXT, [])
    start = TEXT.index("plant")
    put_caret(view, start)
    qtbot.keyClick(view, Qt.Key.Key_Down, SHIFT)
    selected = view.selected_range()
    assert selected is not None and selected[0] == start
    assert "\n" in TEXT[selected[0] : selected[1]]
    assert TEXT[selected[0] : selected[1]] == qt_selected_text(view)


def test_read_only_with_keyboard_selection_and_a_caret(view: ArticleView) -> None:
    flags = view.textInteractionFlags()
    assert view.isReadOnly()
    assert flags & Qt.TextInteractionFlag.TextSelectableByKeyboard
    assert flags & Qt.TextInteractionFlag.TextSelectableByMouse
    assert not flags & Qt.TextInteractionFlag.TextEditable
    assert view.cursorWidth() >= 1


# -- mouse ------------------------------------------------------------------------------------


def test_mouse_drag_selects_code_points(view: ArticleView, qtbot: QtBot) -> None:
    view.set_article(TEXT, [span("claim-1", "reopened on Monday")])
    a, b = find(TEXT, "𝒳 plant 👩\u200d🔬 reopened")
    left = Qt.MouseButton.LeftButton
    with qtbot.assertNotEmitted(view.span_clicked):
        qtbot.mousePress(view.viewport(), left, pos=point_before(view, a))
        qtbot.mouseMove(view.viewport(), point_before(view, (a + b) // 2))
        qtbot.mouseMove(view.viewport(), point_before(view, b))
        qtbot.mouseRelease(view.viewport(), left, pos=point_before(view, b))
    assert view.selected_range() == (a, b)
    assert qt_selected_text(view) == TEXT[a:b]


def test_click_in_nested_spans_reports_the_innermost(view: ArticleView, qtbot: QtBot) -> None:
    outer = span("claim-1", "the 𝒳 plant 👩\u200d🔬 reopened on Monday")
    inner = span("facility-1", "𝒳 plant", FACILITY)
    view.set_article(TEXT, [outer, inner])
    left = Qt.MouseButton.LeftButton
    with qtbot.waitSignal(view.span_clicked) as blocker:
        qtbot.mouseClick(view.viewport(), left, pos=point_inside(view, TEXT.index("plant") + 2))
    assert blocker.args == ["facility-1"]
    with qtbot.waitSignal(view.span_clicked) as blocker:
        qtbot.mouseClick(view.viewport(), left, pos=point_inside(view, TEXT.index("reopened")))
    assert blocker.args == ["claim-1"]
    assert view.selected_range() is None  # a click moves the caret, selects nothing
    with qtbot.assertNotEmitted(view.span_clicked):
        qtbot.mouseClick(view.viewport(), left, pos=point_inside(view, TEXT.index("Intro")))


def test_tooltip_shows_the_spans_under_the_pointer(view: ArticleView, qtbot: QtBot) -> None:
    view.set_article(TEXT, [span("claim-1", "reopened on Monday")])
    pos = point_inside(view, TEXT.index("Monday"))
    event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    view.viewportEvent(event)
    assert QToolTip.text() == "tip claim-1"
    QToolTip.hideText()


def test_a_tooltip_opening_with_u_fffe_is_not_byte_swapped(view: ArticleView) -> None:
    """PySide reads a string opening with U+FFFE as byte-swapped UTF-16 (see for_qt)."""
    claim = span("claim-1", "reopened on Monday")
    view.set_article(TEXT, [claim._replace(tooltip="\ufffeclaim: from the minister")])
    pos = point_inside(view, TEXT.index("Monday"))
    view.viewportEvent(QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos)))
    assert QToolTip.text() == "\ufffdclaim: from the minister"
    QToolTip.hideText()


# -- spans ------------------------------------------------------------------------------------


def test_add_remove_replace_update_spans_at(view: ArticleView) -> None:
    view.set_article(TEXT, [])
    monday = TEXT.index("Monday")
    claim = span("claim-1", "reopened on Monday")
    view.add_span(claim)
    assert [s.id for s in view.spans_at(monday)] == ["claim-1"]
    view.add_span(span("quote-1", "Monday", QUOTE))
    assert [s.id for s in view.spans_at(monday)] == ["quote-1", "claim-1"]
    moved = ViewSpan("claim-1", *find(TEXT, "Second"), "claim", CLAIM)
    view.replace_span(moved)
    assert [s.id for s in view.spans_at(monday)] == ["quote-1"]
    assert [s.id for s in view.spans_at(TEXT.index("Second"))] == ["claim-1"]
    view.remove_span("quote-1")
    view.remove_span("quote-1")  # twice is harmless
    assert view.spans_at(monday) == []


def test_span_edits_remeasure_only_their_blocks(
    view: ArticleView, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "\n".join(f"Paragraph {i} 😀 with some words in it." for i in range(200))
    view.set_article(text, [])
    touched: list[int] = []
    forget_span = span_paint.SpanPaint.forget_span
    monkeypatch.setattr(
        span_paint.SpanPaint,
        "forget_span",
        lambda self, block, s: touched.append(block.blockNumber()) or forget_span(self, block, s),
    )
    monkeypatch.setattr(span_paint.SpanPaint, "forget", lambda self: pytest.fail())
    start, end = text.index("Paragraph 10 "), text.index("Paragraph 12 ") + 5
    view.add_span(ViewSpan("a", start, end, "claim", CLAIM))
    assert sorted(touched) == [10, 11, 12]
    touched.clear()
    view.replace_span(ViewSpan("a", start, start + 3, "claim", CLAIM))
    assert sorted(set(touched)) == [10, 11, 12]
    touched.clear()
    view.remove_span("a")
    assert touched == [10]


def test_highlights_give_innermost_span_the_background(view: ArticleView) -> None:
    outer = span("claim-1", "the 𝒳 plant 👩\u200d🔬 reopened")
    inner = span("facility-1", "plant", FACILITY)
    view.set_article(TEXT, [outer, inner])
    image = view.viewport().grab().toImage()
    assert near(fill_under(view, TEXT.index("plant") + 1, image), blended(FACILITY.color, view))
    assert near(fill_under(view, TEXT.index("reopened") + 1, image), blended(CLAIM.color, view))
    assert fill_under(view, 1, image) == view.palette().base().color().name()


def test_a_fill_in_mixed_direction_text_covers_exactly_its_characters(
    view: ArticleView,
) -> None:
    """Hebrew runs right to left inside English: "c של" shows in two places on the line,
    and the rest of the Hebrew word ("ום"), between them on screen, stays unfilled."""
    text = "abc שלום efg"
    view.set_article(text, [ViewSpan("q", 2, 6, "quote", QUOTE)])
    image = view.viewport().grab().toImage()
    quote, base = blended(QUOTE.color, view), view.palette().base().color().name()
    # ("ש", at the edge of two runs, has no caret rect of its own to probe)
    assert [near(fill_under(view, cp, image), quote) for cp in (2, 5)] == [True, True]
    assert [fill_under(view, cp, image) for cp in (1, 6, 9)] == [base] * 3


def test_select_span_marks_current_and_clears_text_selection(
    view: ArticleView, qtbot: QtBot
) -> None:
    text = "\n".join(f"Line {i} of a long article 😀." for i in range(400))
    target = ViewSpan("far", *find(text, "Line 350 of"), "claim", CLAIM)
    view.set_article(text, [target, ViewSpan("near", 0, 4, "quote", QUOTE)])
    put_caret(view, 0)
    qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)
    with qtbot.waitSignal(view.selection_changed):
        view.select_span("far")
    assert view.current_span_id() == "far"
    assert view.selected_range() is None
    cursor_rect = view.cursorRect()
    assert view.viewport().rect().contains(cursor_rect.center())
    view.select_span("no-such-span")
    assert view.current_span_id() is None
    view.select_span("near")
    view.remove_span("near")
    assert view.current_span_id() is None


def test_scroll_to_shows_the_position_without_moving_the_caret(view: ArticleView) -> None:
    text = "\n".join(f"Row {i} 😀 " + "word " * 30 for i in range(300))
    view.set_article(text, [])
    target = text.index("Row 250 ")
    view.scroll_to(target)
    cursor = QTextCursor(view.document())
    cursor.setPosition(OffsetMap(text).to_qt(target))
    assert view.viewport().rect().contains(view.cursorRect(cursor).center())
    assert view.textCursor().position() == 0


def test_set_spans_replaces_all_and_keeps_the_text(view: ArticleView) -> None:
    view.set_article(TEXT, [span("claim-1", "Intro"), span("quote-1", "Third", QUOTE)])
    view.select_span("claim-1")
    view.set_spans([span("quote-1", "Second", QUOTE)])
    assert view.current_span_id() is None
    assert view.spans_at(TEXT.index("Intro")) == []
    assert [s.id for s in view.spans_at(TEXT.index("Second"))] == ["quote-1"]
    assert view.toPlainText() == TEXT


def test_set_article_with_no_spans_and_with_many(view: ArticleView, qtbot: QtBot) -> None:
    view.set_article(TEXT, [])
    assert view.spans_at(0) == [] and not view.grab().isNull()
    para = "The minister 😀 said the plant was repaired, שלום, and that is that. "
    text = "\n".join(para * 3 for _ in range(300))
    spans = [
        ViewSpan(f"s{i}", (i * 37) % len(text), (i * 37) % len(text) + 5 + i % 60, "claim", CLAIM)
        for i in range(3000)
    ]
    view.set_article(text, spans)
    assert not view.grab().isNull()
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    assert not view.grab().isNull()
    assert len(view.spans_at(spans[1234].start)) >= 1
    view.clear_article()
    assert view.toPlainText() == "" and view.spans_at(0) == []


def test_wrapped_lines_leave_room_for_lanes_and_hit_test_right(view: ArticleView) -> None:
    text = "word 😀 " * 400
    view.set_article(text, [])
    layout = view.document().firstBlock().layout()
    view.grab()
    assert layout.lineCount() > 3
    first, second = layout.lineAt(0), layout.lineAt(1)
    assert second.y() - first.y() >= first.height() * 1.4
    for cp in (0, 123, 777, 1500, 2700):
        put_caret(view, cp)
        view.ensureCursorVisible()
        rect = view.cursorRect()
        assert view.cursorForPosition(rect.center()).position() == view.textCursor().position()


def test_empty_lines_between_paragraphs_get_no_lane_gap(view: ArticleView) -> None:
    view.set_article("para one\n\npara two", [])
    empty = view.document().findBlockByNumber(1)
    assert view.blockBoundingRect(empty).height() == empty.layout().lineAt(0).height()
    first = view.document().firstBlock()
    assert view.blockBoundingRect(first).height() > first.layout().lineAt(0).height() * 1.4


def test_lanes_stack_overlapping_spans(view: ArticleView) -> None:
    outer = span("claim-1", "the 𝒳 plant 👩\u200d🔬 reopened on Monday")
    inner = span("facility-1", "plant", FACILITY)
    later = span("assessment-1", "Monday, officials", ASSESSMENT)
    apart = span("quote-1", "Third", QUOTE)
    lanes = assign_lanes([outer, inner, later, apart])
    assert lanes["claim-1"] == 0 and lanes["quote-1"] == 0
    assert lanes["facility-1"] != lanes["claim-1"]
    assert lanes["assessment-1"] != lanes["claim-1"]
    view.set_article(TEXT, [outer, inner, later, apart])
    image = view.grab().toImage()
    mid = point_inside(view, TEXT.index("plant") + 2)
    below = {  # the lanes under "plant" (a dotted lane needs a few columns to be hit)
        image.pixelColor(x, y).name()
        for x in range(mid.x() - 4, mid.x() + 5)
        for y in range(mid.y(), mid.y() + 40)
    }
    assert QColor(CLAIM.color).name() in below
    assert QColor(FACILITY.color).name() in below


def test_rtl_and_zoom_paint_without_errors(view: ArticleView) -> None:
    text = "שלום עולם, זה טקסט לבדיקה 😀 مرحبا بالعالم"
    view.set_article(text, [ViewSpan("q", 2, 12, "quote", QUOTE), ViewSpan("c", 0, 30, "c", CLAIM)])
    view.set_zoom(4)
    assert view.zoom() == 4
    assert not view.grab().isNull()
    view.set_zoom(-100)
    assert view.zoom() < 0
    view.select_span("q")
    assert not view.grab().isNull()


def test_demo_renders(qtbot: QtBot) -> None:
    from annotator.gui.article_view_demo import build_view

    demo = build_view()
    qtbot.addWidget(demo)
    demo.select_span("facility-1")
    assert not demo.grab().isNull()


def test_bulk_set_spans_keeps_caret_and_scroll(view: ArticleView) -> None:
    text = "\n".join(f"Item {i} 😀 says the plant is idle." for i in range(1500))
    first = [ViewSpan(f"a{i}", *find(text, f"Item {i} "), "claim", CLAIM) for i in range(1500)]
    view.set_article(text, first)
    view.scroll_to(text.index("Item 700 "))
    put_caret(view, text.index("Item 701 "))
    caret, top = view.textCursor().position(), view.firstVisibleBlock().blockNumber()
    second = [ViewSpan(f"b{i}", *find(text, f"Item {i} "), "quote", QUOTE) for i in range(1500)]
    view.set_spans(second)  # reaches every paragraph: all is forgotten, measured lazily
    assert view.textCursor().position() == caret
    assert view.firstVisibleBlock().blockNumber() == top
    assert [s.id for s in view.spans_at(text.index("Item 3 "))] == ["b3"]
    assert near(fill_under(view, text.index("Item 701 ")), blended(QUOTE.color, view))


def test_crlf_text_keeps_offsets_aligned(view: ArticleView, qtbot: QtBot) -> None:
    """Stored text is normalised to \\n, but a CRLF that slips through must not shift spans."""
    text = "Line one\r\nLine 😀 two\r\nthree 𝒳 four"
    offsets = OffsetMap(text)
    view.set_article(text, [ViewSpan("q", *find(text, "three 𝒳"), "quote", QUOTE)])
    cursor = QTextCursor(view.document())
    cursor.setPosition(offsets.to_qt(text.index("two")))
    view.setTextCursor(cursor)
    for _ in range(len("two\r\nthree 𝒳") - 1):  # CRLF is one step
        qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)
    assert view.selected_range() == find(text, "two\r\nthree 𝒳")
    put_caret(view, 0)  # the selection would hide the fill
    image = view.viewport().grab().toImage()
    three = text.index("three")
    fills = [fill_under(view, three + i, image, text) for i in (3, 4, 6, 9)]  # e e 𝒳 o
    quote, base = blended(QUOTE.color, view), view.palette().base().color().name()
    assert [near(fill, quote) for fill in fills[:3]] == [True, True, True]
    assert fills[3] == base


def test_a_paragraph_taller_than_the_view_draws_only_the_lanes_near_it(
    view: ArticleView, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One line of text can be a whole article: scrolled into its middle, a paint draws the
    lanes on screen (and a line's worth around), not the thousands above and below."""
    words = "the minister said a new facility would open near the river "
    text = words * 600  # one paragraph, ~36,000 characters
    spans = [ViewSpan(f"s{n}", n * 60 + 4, n * 60 + 12, "claim", CLAIM) for n in range(600)]
    view.set_article(text, spans)
    scroll = view.verticalScrollBar()
    scroll.setValue(scroll.maximum() // 2)
    drawn: list[tuple[float, float, float]] = []

    def record(painter: object, style: object, pieces: list, metrics: object) -> None:
        drawn.extend(pieces)

    monkeypatch.setattr(span_paint, "draw_underlines", record)
    view.viewport().repaint()
    height = view.viewport().height()
    assert drawn, "the lanes on screen are drawn"
    assert len(drawn) < 200  # of 600 spans, all in the one paragraph
    assert all(-60 <= y <= height + 60 for _x1, _x2, y in drawn)


def test_restyle_all_repaints_every_span_in_its_new_colour(view: ArticleView) -> None:
    """The review colours every span by analyst at once (``restyle_all``): what was
    painted in tag colours must not linger."""
    view.set_article(TEXT, [span("claim-1", "plant"), span("claim-2", "Third")])
    view.viewport().grab()  # painted, and measured, in the claim colour
    rows = [(s.id, s.start, s.end) for s in (span("claim-1", "plant"), span("claim-2", "Third"))]
    view.restyle_all(LazySpans(rows, lambda row: ViewSpan(*row, "quote", QUOTE, "")))
    image = view.viewport().grab().toImage()
    for phrase in ("plant", "Third"):
        assert near(fill_under(view, TEXT.index(phrase) + 1, image), blended(QUOTE.color, view))
