"""Relation arcs in a long article: drawn when both ends lie near the viewport, and only
those relations are placed at all (placing every relation's ends laid out paragraphs all
over the article on each paint)."""

from __future__ import annotations

from PySide6.QtCore import QRect

from annotator.gui.article_view import ARC_REACH, ArticleView
from annotator.gui.relation_arcs import ViewRelation
from annotator.gui.span_index import SpanStyle, ViewSpan

CLAIM = SpanStyle("#4C72B0", "solid")
LINE = "Paragraph {:03d} reports that the Veskar pad grew."
TEXT = "\n".join(LINE.format(n) for n in range(200))


def _span(paragraph: int) -> ViewSpan:
    start = TEXT.index(LINE.format(paragraph))
    return ViewSpan(f"p{paragraph}", start, start + 13, "claim", CLAIM, "")


def _link(source: int, target: int) -> ViewRelation:
    return ViewRelation(f"r{source}-{target}", f"p{source}", f"p{target}", "about")


def _paragraph_height(view: ArticleView) -> float:
    return view.blockBoundingRect(view.document().firstBlock()).height()


def _show_from(view: ArticleView, paragraph: int) -> None:
    view.verticalScrollBar().setValue(paragraph)  # a plain text edit scrolls by paragraph
    assert view.firstVisibleBlock().blockNumber() == paragraph


def test_only_relations_with_both_ends_near_the_view_are_placed(view: ArticleView) -> None:
    view.set_article(TEXT, [_span(n) for n in range(200)])
    reach = int(ARC_REACH / _paragraph_height(view))  # paragraphs within ARC_REACH
    _show_from(view, 100)
    shown = [
        _link(101, 103),  # both ends on screen
        _link(100 - reach + 1, 102),  # one end above the view, within reach
    ]
    hidden = [
        _link(2, 102),  # one end far above
        _link(101, 199),  # one end far below
        _link(3, 5),  # both far away
    ]
    view.set_relations([*hidden, *shown])
    assert view._relations_near() == shown


def test_a_near_arc_is_drawn_and_a_far_one_is_not(view: ArticleView) -> None:
    view.set_article(TEXT, [_span(n) for n in range(200)])
    _show_from(view, 100)
    band = QRect(0, 0, view.viewport().width(), int(3 * _paragraph_height(view)))

    def drawn_in_band() -> set[int]:
        image = view.viewport().grab().toImage()
        return {image.pixel(x, y) for x in range(band.width()) for y in range(band.height())}

    plain = drawn_in_band()
    view.set_relations([_link(2, 101)])  # far: not drawn
    assert drawn_in_band() == plain
    view.set_relations([_link(100, 102)])  # near: its bow rises over the first lines
    assert drawn_in_band() != plain


def test_a_paint_places_only_the_ends_of_near_relations(view: ArticleView, monkeypatch) -> None:
    view.set_article(TEXT, [_span(n) for n in range(200)])
    _show_from(view, 100)
    asked: list[str] = []
    anchor = view._span_anchor
    monkeypatch.setattr(
        view, "_span_anchor", lambda span_id: asked.append(span_id) or anchor(span_id)
    )
    view.set_relations([_link(2, 150), _link(100, 102), _link(5, 199)])
    view.viewport().grab()
    assert sorted(set(asked)) == ["p100", "p102"]
