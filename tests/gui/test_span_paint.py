"""Lazy span painting: only what is shown is measured, and an edit re-measures only its lines."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QColor, QTextBlock
from pytestqt.qtbot import QtBot

from annotator.gui import span_paint
from annotator.gui.article_view import ArticleView
from annotator.gui.offsets import OffsetMap
from annotator.gui.span_index import SpanStyle, ViewSpan
from tests.gui.fill_probe import blended, fill_under, near

CLAIM = SpanStyle("#4C72B0", "solid")
QUOTE = SpanStyle("#DD8452", "dash")
FACILITY = SpanStyle("#55A868", "dot")
TEXT = "\n".join(
    f"Paragraph {i} 😀 where the minister said the plant was idle." for i in range(2000)
)


def at(phrase: str, span_id: str, style: SpanStyle = CLAIM) -> ViewSpan:
    start = TEXT.index(phrase)
    return ViewSpan(span_id, start, start + len(phrase), "claim", style)


def filled(view: ArticleView, phrase: str, style: SpanStyle, *, current: bool = False) -> bool:
    """Whether the first letter of `phrase` shows on the fill of `style`."""
    return near(fill_under(view, TEXT.index(phrase)), blended(style.color, view, current=current))


def unfilled(view: ArticleView, phrase: str) -> bool:
    return fill_under(view, TEXT.index(phrase)) == view.palette().base().color().name()


@pytest.fixture
def measured(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Block numbers the view measured fills and lanes for, in order."""
    seen: list[int] = []
    measure = span_paint.SpanPaint._measure

    def counting(self: span_paint.SpanPaint, block: QTextBlock, *args: Any) -> span_paint.Chunk:
        seen.append(block.blockNumber())
        return measure(self, block, *args)

    monkeypatch.setattr(span_paint.SpanPaint, "_measure", counting)
    return seen


def test_opening_measures_only_the_paragraphs_on_screen(
    view: ArticleView, measured: list[int]
) -> None:
    spans = [at(f"Paragraph {i} ", f"s{i}") for i in range(0, 2000, 3)]
    view.set_article(TEXT, spans)
    view.grab()
    assert measured, "the paragraphs on screen are measured"
    assert len(set(measured)) < 100 < view.document().blockCount()
    assert filled(view, "Paragraph 0 ", CLAIM)
    assert unfilled(view, "Paragraph 1 ")


def test_scrolling_measures_the_paragraphs_it_shows(view: ArticleView) -> None:
    view.set_article(TEXT, [at("Paragraph 1990 ", "end")])
    view.grab()
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    assert filled(view, "Paragraph 1990 ", CLAIM)
    assert unfilled(view, "Paragraph 1991 ")


def test_a_span_added_after_opening_is_highlighted(view: ArticleView) -> None:
    view.set_article(TEXT, [])
    view.grab()
    view.add_span(at("Paragraph 2 ", "new", QUOTE))
    assert filled(view, "Paragraph 2 ", QUOTE)
    view.remove_span("new")
    assert unfilled(view, "Paragraph 2 ")


def test_a_span_added_off_screen_shows_when_scrolled_to(view: ArticleView) -> None:
    view.set_article(TEXT, [])
    view.grab()
    view.add_span(at("Paragraph 1500 ", "far", QUOTE))
    view.scroll_to(TEXT.index("Paragraph 1500 "))
    assert filled(view, "Paragraph 1500 ", QUOTE)


def test_an_edit_remeasures_only_the_blocks_it_touches(
    view: ArticleView, measured: list[int]
) -> None:
    view.set_article(TEXT, [at(f"Paragraph {i} ", f"s{i}") for i in range(20)])
    view.grab()
    measured.clear()
    start = TEXT.index("Paragraph 5 ")
    view.add_span(ViewSpan("a", start, TEXT.index("Paragraph 7 ") + 3, "claim", QUOTE))
    view.grab()
    assert sorted(set(measured)) == [5, 6, 7]
    measured.clear()
    view.remove_span("a")
    view.grab()
    assert sorted(set(measured)) == [5, 6, 7]


def test_a_span_added_as_current_is_measured_once_like_add_then_select(
    view: ArticleView, measured: list[int], qtbot: QtBot
) -> None:
    """A key press that tags adds the span and makes it current: one measure of its
    paragraphs, with the same fills, caret and signal as adding it and then selecting it."""
    spans = [at(f"Paragraph {i} ", f"s{i}") for i in range(20)]
    view.set_article(TEXT, spans)
    view.select_span("s3")
    view.grab()
    measured.clear()
    start = TEXT.index("minister", TEXT.index("Paragraph 5 "))
    new = ViewSpan("a", start, start + len("minister"), "claim", QUOTE)
    with qtbot.waitSignal(view.selection_changed):
        view.add_span(new, current=True)
    together = view.viewport().grab().toImage()
    assert sorted(measured) == [3, 5]  # the old current span's block, the new span's block
    assert near(fill_under(view, start), blended(QUOTE.color, view, current=True))
    assert filled(view, "Paragraph 3 ", CLAIM)  # no longer the current span

    view.set_article(TEXT, spans)
    view.select_span("s3")
    view.grab()
    view.add_span(new)
    view.select_span("a")
    assert view.current_span_id() == "a"
    assert view.viewport().grab().toImage() == together


def test_bulk_replacement_remeasures_lazily(view: ArticleView, measured: list[int]) -> None:
    view.set_article(TEXT, [at(f"Paragraph {i} ", f"a{i}") for i in range(2000)])
    view.grab()
    measured.clear()
    view.set_spans([at(f"Paragraph {i} ", f"b{i}", QUOTE) for i in range(2000)])
    view.grab()
    assert 0 < len(set(measured)) < 100
    assert filled(view, "Paragraph 0 ", QUOTE)


def _lane_colors_under(view: ArticleView, cp: int) -> set[str]:
    from PySide6.QtGui import QTextCursor

    image = view.grab().toImage()
    cursor = QTextCursor(view.document())
    cursor.setPosition(OffsetMap(TEXT).to_qt(cp + 2))
    rect = view.cursorRect(cursor)
    return {
        image.pixelColor(x, y).name()
        for x in range(rect.left() - 4, rect.left() + 5)
        for y in range(rect.center().y(), rect.bottom() + 14)
        if 0 <= x < image.width() and 0 <= y < image.height()
    }


def test_lanes_follow_span_edits_and_rewrapping(view: ArticleView) -> None:
    view.set_article(TEXT, [])
    cp = TEXT.index("Paragraph 3 ")
    claim = QColor(CLAIM.color).name()
    assert claim not in _lane_colors_under(view, cp)
    view.add_span(at("Paragraph 3 ", "s"))
    assert claim in _lane_colors_under(view, cp)
    view.replace_span(at("Paragraph 3 ", "s", QUOTE))
    colors = _lane_colors_under(view, cp)
    assert QColor(QUOTE.color).name() in colors and claim not in colors
    view.resize(500, 600)  # the text wraps elsewhere: lanes are measured again
    assert QColor(QUOTE.color).name() in _lane_colors_under(view, cp)
    view.remove_span("s")
    assert QColor(QUOTE.color).name() not in _lane_colors_under(view, cp)


# -- one paragraph of thousands of lines --------------------------------------------------------

WORDS = "the minister said a new facility would open near the river "
LONG = WORDS * 600  # one paragraph, ~36,000 characters: hundreds of lines


@pytest.fixture
def chunks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The chunks (numbers within their block) measured, in order."""
    seen: list[int] = []
    measure = span_paint.SpanPaint._measure

    def counting(
        self: span_paint.SpanPaint, block: QTextBlock, number: int, *args: Any
    ) -> span_paint.Chunk:
        seen.append(number)
        return measure(self, block, number, *args)

    monkeypatch.setattr(span_paint.SpanPaint, "_measure", counting)
    return seen


def line_start(view: ArticleView, line: int) -> int:
    """Where a visual line of the article's one paragraph starts (code points = Qt here)."""
    return view.document().firstBlock().layout().lineAt(line).textStart()


def show_line(view: ArticleView, line: int) -> None:
    """Scroll so that `line` of the paragraph is in the middle of the view."""
    view.verticalScrollBar().setValue(line - 8)


def test_an_edit_in_a_long_paragraph_measures_only_the_lines_it_covers(
    view: ArticleView, chunks: list[int]
) -> None:
    spans = [ViewSpan(f"s{n}", n * 60 + 4, n * 60 + 12, "claim", CLAIM) for n in range(600)]
    view.set_article(LONG, spans)
    lines = view.document().firstBlock().layout().lineCount()
    assert lines > 5 * span_paint.CHUNK_LINES
    show_line(view, lines // 2)
    view.grab()
    assert len(chunks) <= 3  # the chunks on screen, not the whole paragraph
    chunks.clear()
    start = line_start(view, lines // 2) + 2
    view.add_span(ViewSpan("new", start, start + 5, "claim", QUOTE))
    view.grab()
    assert chunks == [lines // 2 // span_paint.CHUNK_LINES]
    assert near(fill_under(view, start, end=start + 5), blended(QUOTE.color, view))


def test_lanes_restacked_by_an_edit_move_in_the_paragraph_s_other_chunks(
    view: ArticleView,
) -> None:
    """A new span can push down the lanes of spans on lines it does not reach (lanes are
    stacked per paragraph): the chunk showing those lines is measured again too."""
    view.set_article(LONG, [])
    boundary = span_paint.CHUNK_LINES
    before, after = line_start(view, boundary - 1), line_start(view, boundary + 1)
    across = ViewSpan("across", before + 5, after + 30, "claim", CLAIM)  # both chunks
    inside = ViewSpan("inside", after + 2, after + 12, "claim", FACILITY)  # the second
    earlier = ViewSpan("earlier", before, before + 10, "claim", QUOTE)  # the first only
    view.set_article(LONG, [across, inside])
    show_line(view, boundary)
    untouched = view.viewport().grab().toImage()
    view.add_span(earlier)  # takes lane 0; "across" and "inside" move down a lane
    edited = view.viewport().grab().toImage()

    view.set_article(LONG, [across, inside, earlier])
    show_line(view, boundary)
    assert edited == view.viewport().grab().toImage()
    assert edited != untouched


def test_a_right_to_left_paragraph_fills_its_displaced_punctuation(view: ArticleView) -> None:
    """A paragraph that opens in Hebrew runs right to left: the full stop after its last
    English word shows at the far left of the last line. Its chunk holds no Hebrew, yet its
    fill must follow the full stop there."""
    text = "שלום " + LONG + "end."
    dot = len(text) - 1
    view.set_article(text, [ViewSpan("q", dot - 3, dot + 1, "quote", QUOTE)])
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    block = view.document().firstBlock()
    layout = block.layout()
    line = layout.lineForTextPosition(dot)
    assert line.lineNumber() >= span_paint.CHUNK_LINES  # a chunk of its own, no Hebrew in it
    (run,) = line.glyphRuns(dot, 1)
    origin = view.blockBoundingGeometry(block).translated(view.contentOffset()).topLeft()
    left, right = (origin.x() + x for x in (run.boundingRect().left(), run.boundingRect().right()))
    top = origin.y() + line.y()
    image = view.viewport().grab().toImage()
    seen = {
        image.pixelColor(x, y).name()
        for x in range(round(left) + 1, round(right) - 1)
        for y in range(round(top) + 2, round(top) + 6)
    }
    assert any(near(color, blended(QUOTE.color, view)) for color in seen)
    assert right < view.viewport().width() / 2  # where a left-to-right paragraph ends
