"""Find hits: painted on the lines a paint shows, over the span fills, under the text."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor

from annotator.gui.article_view import ArticleView
from annotator.gui.hit_paint import HIT_COLOR
from annotator.gui.span_index import SpanStyle, ViewSpan
from tests.gui.fill_probe import blended, fill_under, near

CLAIM = SpanStyle("#4C72B0", "solid")
TEXT = "The minister said the plant reopened on Monday, officials said."


def over(top: QColor, under: str) -> str:
    """`top`, translucent, painted over the colour `under`."""
    alpha, base = top.alpha() / 255, QColor(under)
    mix = [
        round(a * alpha + b * (1 - alpha))
        for a, b in zip(top.getRgb()[:3], base.getRgb()[:3], strict=True)
    ]
    return QColor(*mix).name()


def hits_of(text: str, word: str) -> list[tuple[int, int]]:
    return [match.span() for match in re.finditer(word, text)]


def test_hits_show_over_span_fills_and_go_when_cleared(view: ArticleView) -> None:
    plant = TEXT.index("plant")
    view.set_article(TEXT, [ViewSpan("c", plant, plant + 5, "claim", CLAIM)])
    view.set_search_hits([*hits_of(TEXT, "said"), (plant, plant + 5)])
    base = view.palette().base().color().name()
    said = TEXT.index("said")
    assert near(fill_under(view, said, end=said + 4), over(HIT_COLOR, base))
    assert near(fill_under(view, plant, end=plant + 5), over(HIT_COLOR, blended(CLAIM.color, view)))
    assert fill_under(view, TEXT.index("minister"), end=TEXT.index("minister") + 8) == base
    view.set_search_hits([])
    assert fill_under(view, said, end=said + 4) == base
    assert near(fill_under(view, plant, end=plant + 5), blended(CLAIM.color, view))


def test_thousands_of_hits_in_one_paragraph_paint_only_the_lines_on_screen(
    view: ArticleView, lines_measured: list[int]
) -> None:
    """Typing a common word in the find bar of a one-line article: thousands of hits."""
    text = "the minister said a new facility would open near the river " * 600
    view.set_article(text, [])
    view.set_search_hits(hits_of(text, "river"))
    scroll = view.verticalScrollBar()
    scroll.setValue(scroll.maximum() // 2)
    view.viewport().grab()
    lines = view.document().firstBlock().layout().lineCount()
    assert lines_measured and sum(lines_measured) < 40 < lines
    middle = view.cursorForPosition(view.viewport().rect().center()).position()
    river = text.index("river", middle)
    base = view.palette().base().color().name()
    assert near(fill_under(view, river, end=river + 5), over(HIT_COLOR, base))


def test_hits_out_of_order_or_overlapping_all_show(view: ArticleView) -> None:
    """The find bar gives hits in text order and apart; any other order still paints."""
    text = f"{TEXT}\nA second paragraph: the minister left."
    view.set_article(text, [])
    late, early = text.rindex("minister"), text.index("minister")
    said = text.index("said")
    view.set_search_hits([(late, late + 8), (said, said + 4), (early, early + 8)])
    hit = over(HIT_COLOR, view.palette().base().color().name())
    for start, end in ((late, late + 8), (said, said + 4), (early, early + 8)):
        assert near(fill_under(view, start, end=end), hit)
    view.set_search_hits([(early, early + 8), (early + 2, early + 5)])
    assert near(fill_under(view, early, end=early + 8), hit)
