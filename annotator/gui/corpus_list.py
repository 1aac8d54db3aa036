"""The corpus list: every document with its date, source and counts per tag.

The model holds ``DocumentSummary`` values; one document's row is replaced after an edit
(no reload of the corpus on the GUI thread). It sorts and filters them itself
(``corpus_order``): its rows are the table's.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
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
from annotator.gui.corpus_order import FIXED_COLUMNS, CorpusOrder
from annotator.gui.one_pass_table import OnePassTable

Index = QModelIndex | QPersistentModelIndex
DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
REVIEW_ROLE = Qt.ItemDataRole.UserRole + 3
REVIEW_MARKS = {"in review": "⚑", "reviewed": "✔"}
STATUS_MARKS = {"new": "○", "in progress": "◐", "done": "●"}


class CorpusModel(QAbstractTableModel):
    """The documents as the table shows them, filtered and sorted (``CorpusOrder``): row
    numbers are the table's own, so the view needs no proxy model."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._order = CorpusOrder()
        self._shown: list[int] = []  # positions in corpus order, one per row
        self._row_of: dict[str, int] = {}
        self._columns = len(FIXED_COLUMNS) + 1  # asked for on every paint: kept, not counted
        self._changed: set[str] | None = None  # documents changed while watched

    def watch_changes(self) -> None:
        """Note from now on which documents' rows change (a listing being read elsewhere
        will not have those changes: ``changes_seen`` tells which to read again)."""
        if self._changed is None:
            self._changed = set()

    def changes_seen(self) -> set[str]:
        """The documents changed since ``watch_changes``; watching stops."""
        changed, self._changed = self._changed or set(), None
        return changed

    def _note_change(self, document_id: str) -> None:
        if self._changed is not None:
            self._changed.add(document_id)

    def reset(
        self,
        summaries: Sequence[DocumentSummary],
        tags: Sequence[Tag],
        review: Mapping[str, str] | None = None,
    ) -> None:
        self.beginResetModel()
        self._order.reset(summaries, tags, review or {})
        self._columns = self._order.column_count()
        self._show(self._order.shown())
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The header was clicked (column -1: back to corpus order)."""
        self._order.sort_by(column, order == Qt.SortOrder.DescendingOrder)
        self._rearrange()

    def set_filter_text(self, text: str) -> None:
        self._order.needle = text.casefold()
        self._rearrange()

    def set_status(self, status: str | None) -> None:
        self._order.status = status
        self._rearrange()

    def update_document(self, summary: DocumentSummary) -> None:
        self.update_documents([summary])

    def update_documents(self, summaries: Iterable[DocumentSummary]) -> None:
        """New values for documents already listed (unknown ones are skipped); a sorted or
        filtered list is arranged once for all of them."""
        changed = False
        for summary in summaries:
            self._note_change(summary.id)
            position = self._order.position(summary.id)
            if position is None:
                continue
            self._order.replace(position, summary)
            changed = True
            row = self._row_of.get(summary.id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, self._columns - 1))
        if changed and self._order.arranged:
            self._rearrange()  # they may move, leave the list or join it

    def count_change(
        self,
        document_id: str,
        before: Annotation | AnnotationRef | None,
        after: Annotation | AnnotationRef | None,
    ) -> None:
        """One annotation of a document changed from ``before`` to ``after`` (None: not
        there): its row's counts move by one instead of being counted again in SQL, which
        scanned every annotation of the document on each edit."""
        self._note_change(document_id)
        position = self._order.position(document_id)
        if position is None or (
            before is not None and after is not None and before.tag == after.tag
        ):
            return
        summary = self._order.documents[position]
        counts = dict(summary.counts)
        if before is not None:
            counts[before.tag] = counts.get(before.tag, 0) - 1
            if counts[before.tag] <= 0:
                del counts[before.tag]
        if after is not None:
            counts[after.tag] = counts.get(after.tag, 0) + 1
        self._order.replace(position, replace(summary, counts=counts))
        tags = [a.tag for a in (before, after) if a is not None]
        self._redraw_counts(document_id, tags)
        if any(self._order.sorted_by(tag) for tag in tags):
            self._rearrange()

    def _redraw_counts(self, document_id: str, tags: list[str]) -> None:
        """Only the moved counts and the total repaint: a whole row of cells cost a key
        press that tags about 1.5 ms of painting, two cells a third of that."""
        row = self._row_of.get(document_id)
        if row is None:
            return
        changed = {self._order.column_of(tag) for tag in tags}
        for column in [*sorted(c for c in changed if c is not None), self._columns - 1]:
            self.dataChanged.emit(self.index(row, column), self.index(row, column))

    def set_review(self, document_id: str, state: str | None) -> None:
        """One document's review state changed (the row repaints with update_document)."""
        self._note_change(document_id)
        if state is None:
            self._order.review.pop(document_id, None)
        else:
            self._order.review[document_id] = state

    def document_id(self, row: int) -> str:
        return self.summary(row).id

    def summary(self, row: int) -> DocumentSummary:
        return self._order.documents[self._shown[row]]

    def row_of(self, document_id: str) -> int | None:
        """The document's row, None if the filters hide it or the corpus lacks it."""
        return self._row_of.get(document_id)

    def knows(self, document_id: str) -> bool:
        """Whether the corpus has the document, shown or not."""
        return self._order.position(document_id) is not None

    def listed_summary(self, document_id: str) -> DocumentSummary | None:
        """The document's values as the list holds them, shown or not (None if unknown)."""
        position = self._order.position(document_id)
        return None if position is None else self._order.documents[position]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._columns

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        tag = self._order.tag_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if section < len(FIXED_COLUMNS):
                return FIXED_COLUMNS[section]
            return _initial(tag.name) if tag else "Σ"
        if role == Qt.ItemDataRole.ForegroundRole and tag is not None:
            return QColor(tag.color)
        if role == Qt.ItemDataRole.ToolTipRole and section >= len(FIXED_COLUMNS):
            return self.column_name(section)
        return None

    def column_name(self, column: int) -> str:
        """A column's full name (a tag column's heading is only the tag's initial)."""
        if column < len(FIXED_COLUMNS):
            return FIXED_COLUMNS[column]
        tag = self._order.tag_at(column)
        return f"Number of {tag.name} annotations" if tag else "Number of annotations"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        summary = self.summary(index.row())
        column = index.column()
        if role == DOCUMENT_ID_ROLE:
            return summary.id
        if role == STATUS_ROLE:
            return summary.status
        if role == REVIEW_ROLE:
            return self._order.review.get(summary.id)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._value(summary, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return f"{summary.title}\n{summary.length:,} characters · {summary.status}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= len(FIXED_COLUMNS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def values(self, row: int) -> list[str | int]:
        """What each column of a row shows (its display role), in one call."""
        summary = self.summary(row)
        return [self._value(summary, column) for column in range(self._columns)]

    def _value(self, summary: DocumentSummary, column: int) -> str | int:
        if column == 0:
            review = REVIEW_MARKS.get(self._order.review.get(summary.id, ""), "")
            mark = STATUS_MARKS.get(summary.status, "○")
            return f"{mark}{review} {summary.title}"
        if column == 1:
            return summary.published or ""
        if column == 2:
            return summary.source or ""
        tag = self._order.tag_at(column)
        return summary.counts.get(tag.name, 0) if tag else summary.total

    def _show(self, shown: list[int]) -> None:
        documents = self._order.documents
        self._shown = shown
        self._row_of = {documents[position].id: row for row, position in enumerate(shown)}

    def _rearrange(self) -> None:
        """Show the rows in their new order; the selection and the current row follow
        their documents (or go, with a document the filters now hide)."""
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        documents = [self.document_id(index.row()) for index in before]
        self._show(self._order.shown())
        after = [self._moved(index, doc) for index, doc in zip(before, documents, strict=True)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _moved(self, index: QModelIndex, document_id: str) -> QModelIndex:
        row = self._row_of.get(document_id)
        return QModelIndex() if row is None else self.index(row, index.column())


class ShownRows:
    """The texts the table's one-pass painter draws for each row, formatted as Qt's item
    painting formats the display role."""

    def __init__(self, model: CorpusModel, locale: QLocale) -> None:
        self._model, self._locale = model, locale

    def cells(self, row: int) -> list[str]:
        return [self._text(value) for value in self._model.values(row)]

    def _text(self, value: str | int) -> str:
        return value if isinstance(value, str) else self._locale.toString(value)

    def swatch(self, row: int) -> QColor | None:
        return None

    def right_aligned(self, column: int) -> bool:
        return column >= len(FIXED_COLUMNS)


class CorpusPanel(QWidget):
    """The filter box and the table; emits the id of the document the analyst opens."""

    document_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._quiet = False
        self.model = CorpusModel(self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter documents…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.model.set_filter_text)
        self.status_box = QComboBox(self)
        self.status_box.addItem("All statuses", None)
        for status, mark in (*STATUS_MARKS.items(), *REVIEW_MARKS.items()):
            self.status_box.addItem(f"{mark} {status}", status)
        self.status_box.currentIndexChanged.connect(
            lambda _i: self.model.set_status(self.status_box.currentData())
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
        table = OnePassTable(self.model, ShownRows(self.model, self.locale()), self)
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
        index = self.model.index(row, 0)
        self._quiet = True
        try:
            self.table.setCurrentIndex(index)
        finally:
            self._quiet = False
        self.table.scrollTo(index)

    def step(self, delta: int) -> None:
        """Move to the next/previous visible document (as sorted and filtered)."""
        count = self.model.rowCount()
        if count == 0:
            return
        current = self.table.currentIndex()
        row = current.row() + delta if current.isValid() else 0
        row = max(0, min(count - 1, row))
        self.table.setCurrentIndex(self.model.index(row, 0))


def _initial(name: str) -> str:
    """A tag's column heading: its first visible character, capitalised (a name can open
    with an invisible format character, such as a byte order mark from a spreadsheet)."""
    return next((c.upper() for c in name if unicodedata.category(c) != "Cf"), "?")
