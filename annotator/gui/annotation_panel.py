"""The annotation panel: this document's annotations (tag, quoted text, note, author) and
the note of the selected one. Clicking a row makes that annotation current in the view."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import (
    Annotation,
    AnnotationRef,
    AttributeDefinition,
    Tag,
    in_text_order,
)
from annotator.core.review.values import Comment
from annotator.gui.attribute_editor import AttributeEditor
from annotator.gui.comment_box import CommentBox
from annotator.gui.one_pass_table import OnePassTable
from annotator.gui.relation_list import RelationList, RelationRow

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Tag", "Text", "Note", "By")
ANNOTATION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NOTE_PLACEHOLDERS = {  # by "is an annotation current"
    True: "Write a note; Ctrl+Return or leaving the box saves it.",
    False: "Select an annotation to write a note (Ctrl+Shift+N).",
}


def flat(text: str, limit: int = 120) -> str:
    """One line of at most ``limit`` characters, for list cells."""
    single = " ".join(text.split())
    return single if len(single) <= limit else single[: limit - 1] + "…"


class AnnotationModel(QAbstractTableModel):
    """Annotations in text order, as lean ``AnnotationRef`` rows; single rows are inserted,
    replaced or removed per edit.

    Opening a document fills it from the same lean read as the view (no ``Annotation``
    values: the panel reads the full one when a row becomes current), and the quoted text
    of a row is cut from the document text only when the row is shown. The sort keys and the
    id -> row map that make finding a row a bisect are built on the first edit or look-up,
    not on opening, so an edit in a document with 10,000 annotations scans none of them.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AnnotationRef] = []
        self._keys: list[tuple[int, int, str]] | None = []
        self._by_id: dict[str, AnnotationRef] | None = {}
        self._quotes: dict[str, str] = {}  # of upserted annotations, when there is no text
        self._text = ""
        self._colors: dict[str, str] = {}
        self._swatches: dict[str, QColor] = {}

    def reset(
        self,
        annotations: Sequence[AnnotationRef],
        tags: Sequence[Tag],
        text: str = "",
        *,
        in_order: bool = False,
    ) -> None:
        """``annotations`` of the document whose text is ``text``, in any order; or, with
        ``in_order``, already in text order as ``annotation_refs`` returns them (sorting
        10,000 sorted rows again took 1.3 ms of an open)."""
        self.beginResetModel()
        rows = list(annotations)
        self._rows = rows if in_order else in_text_order(rows)
        self._keys = None
        self._by_id = None
        self._quotes = {}
        self._text = text
        self._colors = {tag.name: tag.color for tag in tags}
        self._swatches = {tag.name: QColor(tag.color) for tag in tags}
        self.endResetModel()

    def _index(self) -> tuple[list[tuple[int, int, str]], dict[str, AnnotationRef]]:
        if self._keys is None or self._by_id is None:
            self._keys = [(r.start, -r.end, r.id) for r in self._rows]
            self._by_id = {r.id: r for r in self._rows}
        return self._keys, self._by_id

    def upsert(self, annotation: Annotation | AnnotationRef) -> None:
        ref = annotation if isinstance(annotation, AnnotationRef) else AnnotationRef.of(annotation)
        self.remove(ref.id)
        if isinstance(annotation, Annotation):
            self._quotes[ref.id] = annotation.quote
        keys, by_id = self._index()
        key = _order(ref)
        row = bisect.bisect_left(keys, key)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, ref)
        keys.insert(row, key)
        by_id[ref.id] = ref
        self.endInsertRows()

    def remove(self, annotation_id: str) -> None:
        row = self.row_of(annotation_id)
        if row is None:
            return
        keys, by_id = self._index()
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        del keys[row]
        del by_id[annotation_id]
        self.endRemoveRows()

    def tag_names(self) -> list[str]:
        return list(self._colors)

    def all(self) -> list[AnnotationRef]:
        return list(self._rows)

    def find(self, annotation_id: str) -> AnnotationRef | None:
        return self._index()[1].get(annotation_id)

    def quote(self, annotation_id: str) -> str | None:
        """The text an annotation of the list covers (None: not in the list)."""
        ref = self.find(annotation_id)
        return None if ref is None else self._quote(ref)

    def _quote(self, ref: AnnotationRef) -> str:
        if self._text:
            return self._text[ref.start : ref.end]
        return self._quotes.get(ref.id, "")

    def row_of(self, annotation_id: str) -> int | None:
        keys, by_id = self._index()
        annotation = by_id.get(annotation_id)
        if annotation is None:
            return None
        return bisect.bisect_left(keys, _order(annotation))

    def annotation(self, row: int) -> AnnotationRef:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def cells(self, row: int) -> tuple[str, str, str, str]:
        """The texts a row shows, one per column (the table paints them without ``data``)."""
        annotation = self._rows[row]
        quote = flat(self._quote(annotation))
        return (annotation.tag, quote, flat(annotation.note, 60), annotation.annotator)

    def swatch(self, row: int) -> QColor:
        return self._swatches.get(self._rows[row].tag, _NO_COLOR)

    def right_aligned(self, column: int) -> bool:
        return False

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """For Qt's own uses (tooltips, accessibility, keyboard search); roles the list does
        not use are answered first and without looking at the row."""
        if role not in _ROLES_SHOWN or not index.isValid():
            return None
        annotation = self._rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            return self.cells(index.row())[column]
        if role == _DECORATION:
            return self.swatch(index.row()) if column == 0 else None
        if role == _TOOLTIP:
            return self._quote(annotation) if column == 1 else annotation.note or None
        return annotation.id  # ANNOTATION_ID_ROLE


_NO_COLOR = QColor("#888888")
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_DECORATION = int(Qt.ItemDataRole.DecorationRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ROLES_SHOWN = frozenset({_DISPLAY, _DECORATION, _TOOLTIP, int(ANNOTATION_ID_ROLE)})


def _order(annotation: AnnotationRef) -> tuple[int, int, str]:
    return (annotation.start, -annotation.end, annotation.id)


class NoteEditor(QPlainTextEdit):
    """A note box that commits when focus leaves it (or on Ctrl+Return)."""

    committed = Signal(str)

    def focusOutEvent(self, event: Any) -> None:
        self.committed.emit(self.toPlainText())
        super().focusOutEvent(event)

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.committed.emit(self.toPlainText())
            return
        if event.key() == Qt.Key.Key_Escape:
            self.committed.emit(self.toPlainText())
            self.clearFocus()
            return
        super().keyPressEvent(event)


class AnnotationPanel(QWidget):
    annotation_activated = Signal(str)
    note_committed = Signal(str, str)  # annotation id, note
    attributes_committed = Signal(str, object)  # annotation id, new attribute mapping

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AnnotationModel(self)
        self.table = self._make_table()
        self.note_label = QLabel("Note", self)
        self.note_edit = NoteEditor(self)
        self.note_edit.setPlaceholderText(NOTE_PLACEHOLDERS[False])
        self.note_edit.setMaximumHeight(110)
        self.note_edit.setEnabled(False)
        self.note_edit.committed.connect(self._commit_note)
        self._current: Annotation | None = None
        self.attributes = AttributeEditor(self)
        self.attributes.attributes_edited.connect(self._commit_attributes)
        self.attributes.hide()
        self.relations = RelationList(self)
        self.comments = CommentBox(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.attributes)
        layout.addWidget(self.note_label)
        layout.addWidget(self.note_edit)
        layout.addWidget(QLabel("Relations", self))
        layout.addWidget(self.relations)
        layout.addWidget(QLabel("Comments", self))
        layout.addWidget(self.comments)

    def _make_table(self) -> OnePassTable:
        table = OnePassTable(self.model, self.model, self)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.verticalHeader().setDefaultSectionSize(24)
        table.selectionModel().currentRowChanged.connect(self._on_current_row)
        return table

    def reset(
        self,
        annotations: Sequence[AnnotationRef],
        tags: Sequence[Tag],
        text: str = "",
        *,
        in_order: bool = False,
    ) -> None:
        """See ``AnnotationModel.reset``."""
        self.model.reset(annotations, tags, text, in_order=in_order)
        self._fit_columns()
        self.show_current(None)

    def _fit_columns(self) -> None:
        """The quoted text gets the room; a model reset forgets modes, so set them here."""
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        metrics = self.table.fontMetrics()
        longest = max(
            (metrics.horizontalAdvance(name) for name in self.model.tag_names()), default=40
        )
        self.table.setColumnWidth(0, longest + 30)  # room for the colour swatch
        self.table.setColumnWidth(2, 60)
        self.table.setColumnWidth(3, 56)

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.annotation_activated.emit(current.data(ANNOTATION_ID_ROLE))

    def show_current(
        self,
        annotation: Annotation | None,
        definitions: Sequence[AttributeDefinition] = (),
        relations: Sequence[RelationRow] = (),
        comments: Sequence[Comment] = (),
    ) -> None:
        """Reflect the current annotation: its row, attributes, note and relations."""
        self._current = annotation
        self.attributes.show_attributes(definitions, annotation.attributes if annotation else {})
        self.relations.show_rows(relations if annotation else ())
        self.comments.show_comments(comments if annotation else (), annotation is not None)
        self._show_note(annotation)
        if annotation is None:
            self.table.clearSelection()
            return
        row = self.model.row_of(annotation.id)
        if row is not None and self.table.currentIndex().row() != row:
            self.table.selectionModel().blockSignals(True)
            self.table.selectRow(row)
            self.table.selectionModel().blockSignals(False)
            self.table.viewport().update()
        if row is not None:
            self.table.scrollTo(self.model.index(row, 0))

    def _show_note(self, annotation: Annotation | None) -> None:
        """Only what differs is set: each setter repaints the box, and tagging one span
        after another leaves the (empty) note box as it was."""
        note = self.note_edit
        note.setEnabled(annotation is not None)
        placeholder = NOTE_PLACEHOLDERS[annotation is not None]
        if note.placeholderText() != placeholder:
            note.setPlaceholderText(placeholder)
        text = annotation.note if annotation else ""
        if note.toPlainText() != text:
            note.setPlainText(text)

    def _commit_attributes(self, attributes: object) -> None:
        if self._current is not None:
            self.attributes_committed.emit(self._current.id, attributes)

    def _commit_note(self, text: str) -> None:
        if self._current is not None and text != self._current.note:
            self.note_committed.emit(self._current.id, text)
