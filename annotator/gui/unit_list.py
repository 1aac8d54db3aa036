"""The review dialog's list of units, labelled as rows are shown.

A long report has thousands of units; a ``QListWidget`` item made and labelled for each
(its text cut from the article) took ~80 ms of opening the review. This list keeps the
units and the text and makes a label only when Qt asks for a row it is about to paint.
It offers the few ``QListWidget`` calls the dialog uses (``currentRow``,
``setCurrentRow``, ``currentRowChanged``), so the dialog reads the same either way.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QListView, QWidget

from annotator.core.review.units import ReviewUnit, UnitKind

KIND_MARKS = {
    UnitKind.TAG: "⚠ tag",
    UnitKind.BOUNDARY: "⚠ boundary",
    UnitKind.PARTIAL: "⚠ only some",
    UnitKind.AGREE: "✓ agree",
}
Index = QModelIndex | QPersistentModelIndex
LABEL_CHARS = 60
_LABEL_SOURCE = 4 * LABEL_CHARS  # enough text to fill a label after whitespace is folded


def unit_label(unit: ReviewUnit, text: str) -> str:
    """The unit's kind and the start of its text, whitespace folded."""
    words = " ".join(text[unit.start : min(unit.end, unit.start + _LABEL_SOURCE)].split())
    return f"{KIND_MARKS[unit.kind]}   “{words[:LABEL_CHARS]}”"


class UnitListModel(QAbstractListModel):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.units: Sequence[ReviewUnit] = ()
        self._text = ""

    def show_units(self, units: Sequence[ReviewUnit], text: str) -> None:
        self.beginResetModel()
        self.units, self._text = units, text
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.units)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and 0 <= index.row() < len(self.units):
            return unit_label(self.units[index.row()], self._text)
        return None


class UnitList(QListView):
    """Units in review order; the current row is the unit the article shows."""

    currentRowChanged = Signal(int)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setUniformItemSizes(True)
        self.units_model = UnitListModel(self)
        self.setModel(self.units_model)
        self.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.currentRowChanged.emit(current.row())
        )

    def show_units(self, units: Sequence[ReviewUnit], text: str) -> None:
        """A new list, with no current row until ``setCurrentRow``."""
        self.units_model.show_units(units, text)

    def currentRow(self) -> int:
        return self.currentIndex().row()

    def setCurrentRow(self, row: int) -> None:
        self.selectionModel().setCurrentIndex(
            self.units_model.index(row),
            QItemSelectionModel.SelectionFlag.ClearAndSelect,
        )

    def current_unit(self) -> ReviewUnit | None:
        row = self.currentRow()
        units = self.units_model.units
        return units[row] if 0 <= row < len(units) else None
