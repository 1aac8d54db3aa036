"""Sorting and filtering the corpus list as an analyst does: clicking a column's header,
typing in the filter box. The document being read stays the current row wherever it
moves, and neither a sort nor a filter opens another document."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from annotator.core.model import DocumentId, DocumentSummary, Tag
from annotator.gui.corpus_list import CorpusPanel

TAGS = [Tag(name="claim", color="#4C72B0"), Tag(name="quote", color="#DD8452")]
TITLE, TOTAL = 0, 5
DOCUMENTS = [
    ("Orlan plant", "Wire", {"claim": 3}),
    ("Veskar range", "Field note", {"claim": 12, "quote": 1}),
    ("Calder port", "Wire", {}),
    ("Amber depot", "Courier", {"quote": 3}),
]


def _panel(qtbot: QtBot) -> tuple[CorpusPanel, list[str]]:
    panel = CorpusPanel()
    qtbot.addWidget(panel)
    panel.resize(480, 300)
    summaries = [
        DocumentSummary(DocumentId(f"d{n}"), title, source, f"2026-03-0{n}", 100, counts)
        for n, (title, source, counts) in enumerate(DOCUMENTS, start=1)
    ]
    panel.reset(summaries, TAGS)
    panel.show()
    qtbot.waitExposed(panel)
    opened: list[str] = []
    panel.document_activated.connect(opened.append)
    return panel, opened


def _titles(panel: CorpusPanel) -> list[str]:
    return [panel.model.summary(row).title for row in range(panel.model.rowCount())]


def _click_header(qtbot: QtBot, panel: CorpusPanel, column: int) -> None:
    header = panel.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def _current_title(panel: CorpusPanel) -> str:
    return panel.model.summary(panel.table.currentIndex().row()).title


def test_clicking_a_header_sorts_and_the_open_document_stays_current(qtbot: QtBot) -> None:
    panel, opened = _panel(qtbot)
    panel.select_document("d2")  # Veskar range is open
    _click_header(qtbot, panel, TOTAL)
    assert _titles(panel) == ["Calder port", "Orlan plant", "Amber depot", "Veskar range"]
    assert _current_title(panel) == "Veskar range"
    _click_header(qtbot, panel, TOTAL)  # again: the other way
    assert _titles(panel) == ["Veskar range", "Orlan plant", "Amber depot", "Calder port"]
    assert panel.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    _click_header(qtbot, panel, TITLE)
    assert _titles(panel) == ["Amber depot", "Calder port", "Orlan plant", "Veskar range"]
    assert _current_title(panel) == "Veskar range"
    assert opened == []  # sorting opened nothing


def test_typing_a_filter_narrows_the_sorted_list_and_opens_nothing(qtbot: QtBot) -> None:
    panel, opened = _panel(qtbot)
    panel.select_document("d2")
    _click_header(qtbot, panel, TITLE)
    panel.filter_edit.setFocus()
    qtbot.keyClicks(panel.filter_edit, "WIRE")  # the source, in any case
    assert _titles(panel) == ["Calder port", "Orlan plant"]
    assert not panel.table.currentIndex().isValid()  # the open document is filtered out
    qtbot.keyClick(panel.filter_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(panel.filter_edit, "2026-03-04")  # a date
    assert _titles(panel) == ["Amber depot"]
    panel.filter_edit.clear()
    assert _titles(panel) == ["Amber depot", "Calder port", "Orlan plant", "Veskar range"]
    assert opened == []


def test_a_changed_document_moves_to_its_sorted_place_and_keeps_the_selection(
    qtbot: QtBot,
) -> None:
    panel, _opened = _panel(qtbot)
    _click_header(qtbot, panel, TITLE)
    panel.select_document("d3")  # Calder port
    renamed = DocumentSummary(DocumentId("d3"), "Zenith port", "Wire", "2026-03-03", 100, {})
    panel.model.update_document(renamed)
    assert _titles(panel) == ["Amber depot", "Orlan plant", "Veskar range", "Zenith port"]
    assert _current_title(panel) == "Zenith port"
    assert panel.model.row_of("d3") == 3 and panel.model.knows("d3")


def test_documents_changed_together_are_arranged_once(qtbot: QtBot) -> None:
    """A colleague's step can change many documents at once: a sorted list moves them all
    in one re-arrangement, not one per document."""
    panel, _opened = _panel(qtbot)
    _click_header(qtbot, panel, TOTAL)
    layouts: list[int] = []
    panel.model.layoutChanged.connect(lambda *args: layouts.append(1))
    more = [
        DocumentSummary(DocumentId("d3"), "Calder port", "Wire", "2026-03-03", 100, {"claim": 40}),
        DocumentSummary(DocumentId("d1"), "Orlan plant", "Wire", "2026-03-01", 100, {"claim": 30}),
        DocumentSummary(DocumentId("nope"), "Unknown", None, None, 1, {}),
    ]
    panel.model.update_documents(more)
    assert layouts == [1]
    assert _titles(panel) == ["Amber depot", "Veskar range", "Orlan plant", "Calder port"]
