"""The annotation list paints its rows itself: what it paints must be what the rows hold
(swatch, texts, selection), change when a row changes, and stay Qt's in right-to-left."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette

from annotator.core.model import AnnotationId, AnnotationRef, Tag
from annotator.gui.annotation_panel import AnnotationPanel

TEXT = "Ilse Marrow said the Orlan plant was idle for most of the winter, analysts wrote."
TAGS = [Tag(name="claim", color="#c0392b"), Tag(name="quote", color="#27ae60")]


def _ref(number: int, start: int, end: int, tag: str = "claim", note: str = "") -> AnnotationRef:
    return AnnotationRef(AnnotationId(f"r{number}"), start, end, tag, "alice", 1, note)


def _panel(qtbot, refs: list[AnnotationRef]) -> AnnotationPanel:
    panel = AnnotationPanel()
    qtbot.addWidget(panel)
    panel.resize(420, 400)
    panel.reset(refs, TAGS, TEXT)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _shot(panel: AnnotationPanel) -> QImage:
    return panel.table.viewport().grab().toImage()


def _cell(panel: AnnotationPanel, row: int, column: int) -> QRect:
    return panel.table.visualRect(panel.model.index(row, column))


def _colors_in(image: QImage, rect: QRect) -> set[str]:
    return {
        image.pixelColor(x, y).name()
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    }


def _swatch_center(panel: AnnotationPanel, row: int) -> QPoint:
    cell = _cell(panel, row, 0)
    return QPoint(cell.left() + 3 + 7, cell.center().y())


def test_each_row_shows_its_tag_colour_and_texts(qtbot) -> None:
    panel = _panel(qtbot, [_ref(1, 0, 11), _ref(2, 17, 32, "quote", "seen from orbit")])
    image = _shot(panel)
    assert image.pixelColor(_swatch_center(panel, 0)) == QColor("#c0392b")
    assert image.pixelColor(_swatch_center(panel, 1)) == QColor("#27ae60")
    base = panel.table.palette().color(QPalette.ColorRole.Base).name()
    for row, column in [(0, 0), (0, 1), (0, 3), (1, 1), (1, 2)]:
        assert _colors_in(image, _cell(panel, row, column)) - {base}, (row, column)
    assert _colors_in(image, _cell(panel, 0, 2).adjusted(0, 0, -1, -1)) == {base}  # no note


def test_the_selected_row_is_filled_with_the_highlight(qtbot) -> None:
    panel = _panel(qtbot, [_ref(1, 0, 11), _ref(2, 17, 32)])
    panel.table.selectRow(1)
    image = _shot(panel)
    highlight = panel.table.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    inactive = panel.table.palette().color(
        QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight
    )
    note_cell = _cell(panel, 1, 2)
    corner = QPoint(note_cell.left() + 4, note_cell.top() + 2)
    assert image.pixelColor(corner) in (highlight, inactive)
    assert image.pixelColor(QPoint(note_cell.left() + 4, _cell(panel, 0, 2).top() + 2)) not in (
        highlight,
        inactive,
    )


def test_a_changed_row_is_painted_anew(qtbot) -> None:
    panel = _panel(qtbot, [_ref(1, 0, 11)])
    before = _shot(panel).copy(_cell(panel, 0, 2))
    panel.model.upsert(_ref(1, 0, 11, note="checked"))
    qtbot.waitUntil(lambda: _shot(panel).copy(_cell(panel, 0, 2)) != before)
    panel.model.upsert(_ref(1, 0, 11, tag="quote", note="checked"))
    qtbot.waitUntil(lambda: _shot(panel).pixelColor(_swatch_center(panel, 0)) == QColor("#27ae60"))


def test_a_text_wider_than_its_column_is_cut_with_an_ellipsis(qtbot) -> None:
    panel = _panel(qtbot, [_ref(1, 0, len(TEXT))])
    _shot(panel)
    shown = [laid_out.text() for laid_out in panel.table._texts.values()]
    assert any(text.endswith("…") and TEXT.startswith(text[:-1]) for text in shown), shown


def test_right_to_left_keeps_qts_own_painting(qtbot) -> None:
    """The one-pass painter lays rows out left to right only; mirrored rows are Qt's."""
    panel = _panel(qtbot, [_ref(1, 0, 11)])
    panel.table.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    cell = _cell(panel, 0, 0)
    image = _shot(panel)
    assert QColor("#c0392b").name() in _colors_in(image, cell)
    assert panel.table._texts == {}  # nothing was laid out by the one-pass painter
