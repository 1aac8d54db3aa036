"""The current annotation's relations, listed under its note: Enter jumps to the other
end, Delete removes the relation (undoably)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

RELATION_ROLE = Qt.ItemDataRole.UserRole + 1
OTHER_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class RelationRow:
    relation_id: str
    other_annotation_id: str
    text: str  # e.g. "→ attributed to “Ilse Marrow”"


class RelationList(QListWidget):
    relation_deleted = Signal(str)  # relation id
    other_activated = Signal(str)  # annotation id at the other end

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaximumHeight(96)
        self.itemActivated.connect(lambda item: self.other_activated.emit(item.data(OTHER_ROLE)))

    def show_rows(self, rows: Sequence[RelationRow]) -> None:
        self.clear()
        for row in rows:
            item = QListWidgetItem(row.text, self)
            item.setData(RELATION_ROLE, row.relation_id)
            item.setData(OTHER_ROLE, row.other_annotation_id)
        if not rows:
            placeholder = QListWidgetItem("No relations — Ctrl+L links this annotation", self)
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.key() == Qt.Key.Key_Delete and item is not None and item.data(RELATION_ROLE):
            self.relation_deleted.emit(item.data(RELATION_ROLE))
            return
        super().keyPressEvent(event)
