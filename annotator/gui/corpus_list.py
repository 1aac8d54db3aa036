"""The corpus list: every document with its date, source and counts per tag.

The model holds ``DocumentSummary`` values; one document's row is replaced after an edit
(no reload of the corpus on the GUI thread). Sorting and text filtering go through a
``QSortFilterProxyModel``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Annotation, AnnotationRef, DocumentSummary, Tag
from annotator.gui.one_pass_table import OnePassTable

Index = QModelIndex | QPersistentModelIndex
FIXED_COLUMNS = ("Title", "Date", "Source")
DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
REVIEW_ROLE = Qt.ItemDataRole.UserRole + 3
REVIEW_MARKS = {"in review": "⚑", "reviewed": "✔"}
STATUS_MARKS = {"new": "○", "in progress": "◐", "done": "●"}


class CorpusModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DocumentSummary] = []
        self._tags: list[Tag] = []
        self._review: dict[str, str] = {}
        self._row_of: dict[str, int] = {}
        self._columns = len(FIXED_COLUMNS) + 1  # asked for on every paint: kept, not counted

    def reset(
        self,
        summaries: Sequence[DocumentSummary],
        tags: Sequence[Tag],
        review: Mapping[str, str] | None = None,
    ) -> None:
        self.beginResetModel()
        self._review = dict(review or {})
        self._rows = list(summaries)
        self._tags = list(tags)
        self._row_of = {summary.id: row for row, summary in enumerate(self._rows)}
        self._columns = len(FIXED_COLUMNS) + len(self._tags) + 1
        self.endResetModel()

    def update_document(self, summary: DocumentSummary) -> None:
        row = self._row_of.get(summary.id)
        if row is None:
            return
        self._rows[row] = summary
        self.dataChanged.emit(self.index(row, 0), self.index(row, self._columns - 1))

    def count_change(
        self,
        document_id: str,
        before: Annotation | AnnotationRef | None,
        after: Annotation | AnnotationRef | None,
    ) -> None:
        """One annotation of a document changed from ``before`` to ``after`` (None: not
        there): its row's counts move by one instead of being counted again in SQL, which
        scanned every annotation of the document on each edit."""
        row = self._row_of.get(document_id)
        if row is None or (before is not None and after is not None and before.tag == after.tag):
            return
        summary = self._rows[row]
        counts = dict(summary.counts)
        if before is not None:
            counts[before.tag] = counts.get(before.tag, 0) - 1
            if counts[before.tag] <= 0:
                del counts[before.tag]
        if after is not None:
            counts[after.tag] = counts.get(after.tag, 0) + 1
        self._rows[row] = replace(summary, counts=counts)
        # Only the moved counts and the total repaint: a whole row of cells cost a key
        # press that tags about 1.5 ms of painting, two cells a third of that.
        last = self._columns - 1
        changed = {self._column_of(a.tag) for a in (before, after) if a is not None}
        for column in [*sorted(c for c in changed if c is not None), last]:
            self.dataChanged.emit(self.index(row, column), self.index(row, column))

    def set_review(self, document_id: str, state: str | None) -> None:
        """One document's review state changed (the row repaints with update_document)."""
        if state is None:
            self._review.pop(document_id, None)
        else:
            self._review[document_id] = state

    def document_id(self, row: int) -> str:
        return self._rows[row].id

    def row_of(self, document_id: str) -> int | None:
        return self._row_of.get(document_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._columns

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        tag = self._tag_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if section < len(FIXED_COLUMNS):
                return FIXED_COLUMNS[section]
            return _initial(tag.name) if tag else "Σ"
        if role == Qt.ItemDataRole.ForegroundRole and tag is not None:
            return QColor(tag.color)
        if role == Qt.ItemDataRole.ToolTipRole and tag is not None:
            return f"Number of {tag.name} annotations"
        if role == Qt.ItemDataRole.ToolTipRole and section == self.columnCount() - 1:
            return "Number of annotations"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        summary = self._rows[index.row()]
        column = index.column()
        if role == DOCUMENT_ID_ROLE:
            return summary.id
        if role == STATUS_ROLE:
            return summary.status
        if role == REVIEW_ROLE:
            return self._review.get(summary.id)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._value(summary, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return f"{summary.title}\n{summary.length:,} characters · {summary.status}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= len(FIXED_COLUMNS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def values(self, row: int) -> list[str | int]:
        """What each column of a row shows (its display role), in one call."""
        summary = self._rows[row]
        return [self._value(summary, column) for column in range(self._columns)]

    def _value(self, summary: DocumentSummary, column: int) -> str | int:
        if column == 0:
            review = REVIEW_MARKS.get(self._review.get(summary.id, ""), "")
            mark = STATUS_MARKS.get(summary.status, "○")
            return f"{mark}{review} {summary.title}"
        if column == 1:
            return summary.published or ""
        if column == 2:
            return summary.source or ""
        tag = self._tag_at(column)
        return summary.counts.get(tag.name, 0) if tag else summary.total

    def _column_of(self, tag_name: str) -> int | None:
        for offset, tag in enumerate(self._tags):
            if tag.name == tag_name:
                return len(FIXED_COLUMNS) + offset
        return None

    def _tag_at(self, column: int) -> Tag | None:
        offset = column - len(FIXED_COLUMNS)
        return self._tags[offset] if 0 <= offset < len(self._tags) else None


class ShownRows:
    """The corpus rows in the order the table shows them (sorted and filtered): the texts
    its one-pass painter draws, formatted as Qt's item painting formats the display role."""

    def __init__(self, proxy: QSortFilterProxyModel, model: CorpusModel, locale: QLocale) -> None:
        self._proxy, self._model, self._locale = proxy, model, locale

    def cells(self, row: int) -> list[str]:
        source = self._proxy.mapToSource(self._proxy.index(row, 0)).row()
        return [self._text(value) for value in self._model.values(source)]

    def _text(self, value: str | int) -> str:
        return value if isinstance(value, str) else self._locale.toString(value)

    def swatch(self, row: int) -> QColor | None:
        return None

    def right_aligned(self, column: int) -> bool:
        return column >= len(FIXED_COLUMNS)


class CorpusFilter(QSortFilterProxyModel):
    """Case-insensitive filter over title, date and source; numeric sort for counts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.setSortRole(Qt.ItemDataRole.EditRole)
        self.status: str | None = None  # None: every status

    def set_status(self, status: str | None) -> None:
        if hasattr(self, "endFilterChange"):  # Qt 6.10+; invalidateFilter is deprecated
            self.beginFilterChange()
            self.status = status
            self.endFilterChange()
        else:
            self.status = status
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        if self.status is not None:
            index = self.sourceModel().index(row, 0, parent)
            role = REVIEW_ROLE if self.status in REVIEW_MARKS else STATUS_ROLE
            if index.data(role) != self.status:
                return False
        return super().filterAcceptsRow(row, parent)


class CorpusPanel(QWidget):
    """The filter box and the table; emits the id of the document the analyst opens."""

    document_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._quiet = False
        self.model = CorpusModel(self)
        self.proxy = CorpusFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter documents…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.status_box = QComboBox(self)
        self.status_box.addItem("All statuses", None)
        for status, mark in (*STATUS_MARKS.items(), *REVIEW_MARKS.items()):
            self.status_box.addItem(f"{mark} {status}", status)
        self.status_box.currentIndexChanged.connect(
            lambda _i: self.proxy.set_status(self.status_box.currentData())
        )
        self.table = self._make_table()
        self.placeholder = self._make_placeholder()
        self._size_columns()
        filters = QHBoxLayout()
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(self.status_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table)

    def _make_table(self) -> OnePassTable:
        table = OnePassTable(self.proxy, ShownRows(self.proxy, self.model, self.locale()), self)
        table.setSortingEnabled(True)
        table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setDefaultSectionSize(24)
        table.horizontalHeader().setMinimumSectionSize(26)
        table.selectionModel().currentRowChanged.connect(self._on_current_row)
        return table

    def _make_placeholder(self) -> QLabel:
        """A line centred in the empty table, e.g. while the project opens."""
        label = QLabel(self.table.viewport())
        label.setObjectName("corpus_placeholder")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        centred = QVBoxLayout(self.table.viewport())
        centred.addWidget(label)
        label.hide()
        return label

    def set_placeholder(self, text: str) -> None:
        """Show ``text`` over the table ("" hides it)."""
        self.placeholder.setText(text)
        self.placeholder.setVisible(bool(text))

    def reset(
        self,
        summaries: Sequence[DocumentSummary],
        tags: Sequence[Tag],
        review: Mapping[str, str] | None = None,
    ) -> None:
        self.model.reset(summaries, tags, review)
        self._size_columns()

    def _size_columns(self) -> None:
        """The title takes the room left; the rest get fixed widths."""
        header = self.table.horizontalHeader()
        fixed = QHeaderView.ResizeMode.Fixed
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Fixed widths: ResizeToContents would ask data() for every row (0.8 s at 1,000).
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(1, self.table.fontMetrics().horizontalAdvance("2026-12-31") + 14)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(2, 72)
        for column in range(len(FIXED_COLUMNS), self.model.columnCount()):
            header.setSectionResizeMode(column, fixed)
            self.table.setColumnWidth(column, 26)

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._quiet:
            self.document_activated.emit(current.data(DOCUMENT_ID_ROLE))

    def select_document(self, document_id: str) -> None:
        """Make a document current without emitting (the window already opened it)."""
        row = self.model.row_of(document_id)
        if row is None:
            return
        proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        if proxy_index.isValid():
            self._quiet = True
            try:
                self.table.setCurrentIndex(proxy_index)
            finally:
                self._quiet = False
            self.table.scrollTo(proxy_index)

    def step(self, delta: int) -> None:
        """Move to the next/previous visible document (as sorted and filtered)."""
        count = self.proxy.rowCount()
        if count == 0:
            return
        current = self.table.currentIndex()
        row = current.row() + delta if current.isValid() else 0
        row = max(0, min(count - 1, row))
        self.table.setCurrentIndex(self.proxy.index(row, 0))


def _initial(name: str) -> str:
    """A tag's column heading: its first visible character, capitalised (a name can open
    with an invisible format character, such as a byte order mark from a spreadsheet)."""
    return next((c.upper() for c in name if unicodedata.category(c) != "Cf"), "?")
