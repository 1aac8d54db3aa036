"""Suggested spans ("ghosts") as dashed boxes: where they show, and what a paint measures."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage, QTextCursor

from annotator.gui.article_view import ArticleView
from annotator.gui.span_index import SpanStyle, ViewSpan
from tests.gui.fill_probe import fill_under

GHOST = SpanStyle("#C44E52", "solid")
TEXT = "The minister said the plant reopened on Monday, officials said."


def ghost(ghost_id: str, text: str, phrase: str, at: int = 0) -> ViewSpan:
    start = text.index(phrase, at)
    return ViewSpan(ghost_id, start, start + len(phrase), "claim", GHOST)


def ghost_pixels_around(view: ArticleView, image: QImage, start: int, end: int) -> int:
    """Pixels of the ghost colour in the box around [start, end) on its line."""
    rects = []
    for cp in (start, end):
        cursor = QTextCursor(view.document())
        cursor.setPosition(cp)
        rects.append(view.cursorRect(cursor))
    left, right = rects[0].left() - 3, rects[1].left() + 3
    top, bottom = rects[0].top() - 2, rects[0].bottom() + 2
    color = QColor(GHOST.color)
    return sum(
        1
        for x in range(left, right + 1)
        for y in range(top, bottom + 1)
        if _close(image.pixelColor(x, y), color)
    )


def _close(a: QColor, b: QColor) -> bool:
    return all(abs(x - y) <= 40 for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def test_ghosts_are_dashed_boxes_around_their_words_and_the_current_one_is_filled(
    view: ArticleView,
) -> None:
    plant, monday = ghost("g1", TEXT, "plant"), ghost("g2", TEXT, "Monday")
    view.set_article(TEXT, [])
    view.set_ghosts([plant, monday], current="g2")
    image = view.viewport().grab().toImage()
    assert ghost_pixels_around(view, image, plant.start, plant.end) > 20
    assert ghost_pixels_around(view, image, monday.start, monday.end) > 20
    said = TEXT.index("said")
    assert ghost_pixels_around(view, image, said, said + 4) == 0
    base = view.palette().base().color().name()
    assert fill_under(view, plant.start + 1, image) == base  # a box, not a fill
    assert fill_under(view, monday.start + 1, image) != base  # the current one is filled


def test_a_long_paragraph_measures_only_the_lines_on_screen(
    view: ArticleView, lines_measured: list[int]
) -> None:
    """One line of text can be a whole article, with hundreds of suggestions in it."""
    words = "the minister said a new facility would open near the river "
    text = words * 600  # one paragraph, ~36,000 characters
    ghosts = [ghost(f"g{n}", text, "facility", n * len(words)) for n in range(600)]
    view.set_article(text, [])
    view.set_ghosts(ghosts)
    scroll = view.verticalScrollBar()
    scroll.setValue(scroll.maximum() // 2)
    image = view.viewport().grab().toImage()
    lines = view.document().firstBlock().layout().lineCount()
    assert lines_measured and sum(lines_measured) < 40 < lines  # on screen, not all of them
    middle = view.cursorForPosition(view.viewport().rect().center()).position()
    shown = next(g for g in ghosts if g.start > middle)
    assert ghost_pixels_around(view, image, shown.start, shown.end) > 20
