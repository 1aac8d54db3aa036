"""Lazy highlighting: only what is shown is formatted, and an edit re-formats only its blocks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QTextBlock
from pytestqt.qtbot import QtBot

from annotator.gui import highlighter
from annotator.gui.article_view import ArticleView
from annotator.gui.offsets import OffsetMap
from annotator.gui.span_index import SpanStyle, ViewSpan

CLAIM = SpanStyle("#4C72B0", "solid")
QUOTE = SpanStyle("#DD8452", "dash")
TEXT = "\n".join(
    f"Paragraph {i} 😀 where the minister said the plant was idle." for i in range(2000)
)


def at(phrase: str, span_id: str, style: SpanStyle = CLAIM) -> ViewSpan:
    start = TEXT.index(phrase)
    return ViewSpan(span_id, start, start + len(phrase), "claim", style)


def backgrounds(block: QTextBlock) -> list[str]:
    return [f.format.background().color().name() for f in block.layout().formats()]


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[ArticleView]:
    widget = ArticleView()
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


@pytest.fixture
def formatted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Block numbers the highlighter computed fills for, in order."""
    seen: list[int] = []
    runs = highlighter.SpanHighlighter._runs

    def counting(self: highlighter.SpanHighlighter, block: QTextBlock) -> list[highlighter.Run]:
        seen.append(block.blockNumber())
        return runs(self, block)

    monkeypatch.setattr(highlighter.SpanHighlighter, "_runs", counting)
    return seen


def test_opening_formats_only_the_paragraphs_on_screen(
    view: ArticleView, formatted: list[int]
) -> None:
    spans = [at(f"Paragraph {i} ", f"s{i}") for i in range(0, 2000, 3)]
    view.set_article(TEXT, spans)
    view.grab()
    assert formatted, "the paragraphs on screen are formatted"
    assert len(set(formatted)) < 100 < view.document().blockCount()
    first = view.document().firstBlock()
    assert backgrounds(first) == [QColor(CLAIM.color).name()]


def test_scrolling_formats_the_paragraphs_it_shows(view: ArticleView) -> None:
    view.set_article(TEXT, [at("Paragraph 1990 ", "end")])
    view.grab()
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    view.grab()
    block = view.document().findBlockByNumber(1990)
    assert backgrounds(block) == [QColor(CLAIM.color).name()]


def test_a_span_added_after_opening_is_highlighted(view: ArticleView) -> None:
    view.set_article(TEXT, [])
    view.grab()
    view.add_span(at("Paragraph 2 ", "new", QUOTE))
    view.grab()
    assert backgrounds(view.document().findBlockByNumber(2)) == [QColor(QUOTE.color).name()]
    view.remove_span("new")
    view.grab()
    assert backgrounds(view.document().findBlockByNumber(2)) == []


def test_a_span_added_off_screen_shows_when_scrolled_to(view: ArticleView) -> None:
    view.set_article(TEXT, [])
    view.grab()
    view.add_span(at("Paragraph 1500 ", "far", QUOTE))
    view.scroll_to(TEXT.index("Paragraph 1500 "))
    view.grab()
    assert backgrounds(view.document().findBlockByNumber(1500)) == [QColor(QUOTE.color).name()]


def test_an_edit_reformats_only_the_blocks_it_touches(
    view: ArticleView, formatted: list[int]
) -> None:
    view.set_article(TEXT, [at(f"Paragraph {i} ", f"s{i}") for i in range(20)])
    view.grab()
    formatted.clear()
    start = TEXT.index("Paragraph 5 ")
    view.add_span(ViewSpan("a", start, TEXT.index("Paragraph 7 ") + 3, "claim", QUOTE))
    view.grab()
    assert sorted(set(formatted)) == [5, 6, 7]
    formatted.clear()
    view.remove_span("a")
    view.grab()
    assert sorted(set(formatted)) == [5, 6, 7]


def test_a_span_added_as_current_is_formatted_once_like_add_then_select(
    view: ArticleView, formatted: list[int], qtbot: QtBot
) -> None:
    """A key press that tags adds the span and makes it current: one re-format of its
    paragraphs, with the same fills, caret and signal as adding it and then selecting it."""
    spans = [at(f"Paragraph {i} ", f"s{i}") for i in range(20)]
    view.set_article(TEXT, spans)
    view.select_span("s3")
    view.grab()
    formatted.clear()
    start = TEXT.index("minister", TEXT.index("Paragraph 5 "))
    new = ViewSpan("a", start, start + len("minister"), "claim", QUOTE)
    with qtbot.waitSignal(view.selection_changed):
        view.add_span(new, current=True)
    assert sorted(formatted) == [3, 5]  # the old current span's block, the new span's block
    together = (backgrounds(view.document().findBlockByNumber(5)), view.textCursor().position())

    view.set_article(TEXT, spans)
    view.select_span("s3")
    view.grab()
    view.add_span(new)
    view.select_span("a")
    assert view.current_span_id() == "a"
    apart = (backgrounds(view.document().findBlockByNumber(5)), view.textCursor().position())
    assert together == apart
    assert QColor(QUOTE.color).name() in together[0]


def test_bulk_replacement_reformats_lazily(view: ArticleView, formatted: list[int]) -> None:
    view.set_article(TEXT, [at(f"Paragraph {i} ", f"a{i}") for i in range(2000)])
    view.grab()
    formatted.clear()
    view.set_spans([at(f"Paragraph {i} ", f"b{i}", QUOTE) for i in range(2000)])
    view.grab()
    assert 0 < len(set(formatted)) < 100
    assert backgrounds(view.document().firstBlock()) == [QColor(QUOTE.color).name()]


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
