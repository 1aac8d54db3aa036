"""The corpus list's counts after one span edit: moved in place, only their cells redrawn,
and a list sorted by a count re-sorted."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from annotator.core.model import AnnotationRef, DocumentId, DocumentSummary, Tag
from annotator.gui.corpus_list import CorpusPanel

TAGS = [Tag(name="claim", color="#4C72B0"), Tag(name="quote", color="#DD8452")]
CLAIM_COLUMN, QUOTE_COLUMN, TOTAL_COLUMN = 3, 4, 5


def summary(doc_id: str, claims: int) -> DocumentSummary:
    counts = {"claim": claims} if claims else {}
    return DocumentSummary(DocumentId(doc_id), doc_id.title(), None, None, 100, counts)


def ref(tag: str) -> AnnotationRef:
    return AnnotationRef("a1", 0, 5, tag, "alice", 1, "")


def test_a_count_change_redraws_its_cells_and_resorts(qtbot: QtBot) -> None:
    panel = CorpusPanel()
    qtbot.addWidget(panel)
    panel.model.reset([summary("alpha", 1), summary("beta", 2)], TAGS)
    panel.model.sort(CLAIM_COLUMN, Qt.SortOrder.AscendingOrder)
    changed: list[tuple[int, int, int, int]] = []

    def record(first: QModelIndex, last: QModelIndex) -> None:
        changed.append((first.row(), first.column(), last.row(), last.column()))

    panel.model.dataChanged.connect(record)
    panel.model.count_change("alpha", None, ref("claim"))
    panel.model.count_change("alpha", None, ref("claim"))
    assert changed == [(0, CLAIM_COLUMN, 0, CLAIM_COLUMN), (0, TOTAL_COLUMN, 0, TOTAL_COLUMN)] * 2
    shown = [
        (panel.model.index(row, 0).data(), panel.model.index(row, CLAIM_COLUMN).data())
        for row in range(2)
    ]
    assert shown == [("○ Beta", 2), ("○ Alpha", 3)]  # alpha moved below beta

    changed.clear()
    panel.model.count_change("alpha", ref("claim"), ref("quote"))  # a relabel
    assert [c[1] for c in changed] == [CLAIM_COLUMN, QUOTE_COLUMN, TOTAL_COLUMN]
    row = panel.model.row_of("alpha")
    assert row is not None
    values = [panel.model.index(row, c).data() for c in (CLAIM_COLUMN, QUOTE_COLUMN, TOTAL_COLUMN)]
    assert values == [2, 1, 3]


def test_a_tag_column_is_headed_by_the_first_visible_letter(qtbot: QtBot) -> None:
    """A tag name from a spreadsheet can open with a byte order mark: the heading is still
    the name's first letter, not an invisible character."""
    panel = CorpusPanel()
    qtbot.addWidget(panel)
    panel.model.reset([summary("alpha", 1)], [*TAGS, Tag(name="\ufeffsource", color="#55A868")])
    headings = [
        panel.model.headerData(column, Qt.Orientation.Horizontal)
        for column in (CLAIM_COLUMN, QUOTE_COLUMN, TOTAL_COLUMN)
    ]
    assert headings == ["C", "Q", "S"]
