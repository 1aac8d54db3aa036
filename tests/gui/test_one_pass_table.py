"""The annotation and corpus lists paint their rows themselves (``OnePassTable``): what they
paint must be what the rows hold (swatch, texts, selection, alignment), in the order the
table shows them (sorted, filtered), change when a row changes, and stay Qt's in
right-to-left."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette

from annotator.core.model import AnnotationId, AnnotationRef, DocumentId, DocumentSummary, Tag
from annotator.gui.annotation_panel import AnnotationPanel
from annotator.gui.corpus_list import CorpusPanel

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
    highlight = panel.table.palette().color(
        QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight
    )
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
    shown = [laid_out.text() for laid_out in panel.table._laid_out_texts.values()]
    assert any(text.endswith("…") and TEXT.startswith(text[:-1]) for text in shown), shown


def test_right_to_left_keeps_qts_own_painting(qtbot) -> None:
    """The one-pass painter lays rows out left to right only; mirrored rows are Qt's."""
    panel = _panel(qtbot, [_ref(1, 0, 11)])
    panel.table.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    cell = _cell(panel, 0, 0)
    image = _shot(panel)
    assert QColor("#c0392b").name() in _colors_in(image, cell)
    assert panel.table._laid_out_texts == {}  # nothing was laid out by the one-pass painter


def _corpus(qtbot) -> CorpusPanel:
    panel = CorpusPanel()
    qtbot.addWidget(panel)
    panel.resize(420, 300)
    summaries = [
        DocumentSummary(DocumentId(f"d{n}"), title, "Wire", "2026-03-0" + str(n), 100, counts)
        for n, (title, counts) in enumerate(
            [
                ("Orlan plant", {"claim": 3}),
                ("Veskar range", {"claim": 12, "quote": 1}),
                ("Calder port", {}),
            ],
            start=1,
        )
    ]
    panel.reset(summaries, TAGS)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _corpus_cell(panel: CorpusPanel, row: int, column: int) -> QRect:
    return panel.table.visualRect(panel.model.index(row, column))


def _ink(image: QImage, rect: QRect, background: str) -> list[int]:
    """The x of every pixel in ``rect`` that is not the background (the text's ink)."""
    return [
        x
        for x in range(rect.left(), rect.right())
        for y in range(rect.top(), rect.bottom())
        if image.pixelColor(x, y).name() != background
    ]


def test_corpus_counts_are_right_aligned_and_titles_left(qtbot) -> None:
    panel = _corpus(qtbot)
    image = panel.table.viewport().grab().toImage()
    base = panel.table.palette().color(QPalette.ColorRole.Base).name()
    total = _corpus_cell(panel, 0, 5)  # Σ of the first row: "3"
    ink = _ink(image, total.adjusted(0, 0, -1, -1), base)
    assert ink and min(ink) > total.center().x(), "a count hugs its cell's right edge"
    title = _corpus_cell(panel, 0, 0)
    ink = _ink(image, title.adjusted(0, 0, -1, -1), base)
    assert ink and min(ink) < title.left() + 10


def test_every_other_corpus_row_has_the_alternate_background(qtbot) -> None:
    panel = _corpus(qtbot)
    image = panel.table.viewport().grab().toImage()
    palette = panel.table.palette()
    for row, role in [(0, QPalette.ColorRole.Base), (1, QPalette.ColorRole.AlternateBase)]:
        source = _corpus_cell(panel, row, 2)
        empty = QPoint(source.right() - 3, source.top() + 2)  # right of the short source
        assert image.pixelColor(empty) == palette.color(role), row


def test_the_corpus_paints_its_rows_as_sorted_and_filtered(qtbot) -> None:
    panel = _corpus(qtbot)
    panel.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    panel.table._laid_out_texts.clear()
    panel.table.viewport().grab()
    painted = [text for text, _width in panel.table._laid_out_texts]
    titles = [t for t in painted if t.startswith("○")]
    assert titles == ["○ Veskar range", "○ Orlan plant", "○ Calder port"]

    panel.filter_edit.setText("orlan")
    panel.table._laid_out_texts.clear()
    panel.table.viewport().grab()
    painted = [text for text, _width in panel.table._laid_out_texts]
    assert [t for t in painted if t.startswith("○")] == ["○ Orlan plant"]
    assert "12" not in painted  # Veskar's count is filtered out with its row


def test_a_cell_that_opens_with_a_byte_order_mark_is_shown_as_it_reads(qtbot) -> None:
    """A quote from the very start of a text that opens with U+FFFE: PySide would byte-swap
    it into CJK characters (see ``offsets.for_qt``)."""
    text = "\ufffeOrlan plant"
    panel = AnnotationPanel()
    qtbot.addWidget(panel)
    panel.resize(420, 300)
    panel.reset([_ref(1, 0, len(text))], TAGS, text)
    panel.show()
    qtbot.waitExposed(panel)
    panel.table.viewport().grab()
    shown = [laid_out.text() for laid_out in panel.table._laid_out_texts.values()]
    assert "\ufffdOrlan plant" in shown, shown
