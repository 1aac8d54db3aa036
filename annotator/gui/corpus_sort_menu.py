"""Go ▸ Sort documents by: the corpus list's sort from the keyboard.

A header click is the only other way to sort the list, and a header cannot take the
keyboard focus. The menu lists every column by its full name (a tag column's heading is
only the tag's initial), marks the one the list is sorted by with its direction, and sorts
as a header click does: a new column ascending, the same column again the other way;
"Corpus order" goes back to the order the documents were added in.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QTableView

from annotator.gui.corpus_list import CorpusModel
from annotator.gui.corpus_order import FIXED_COLUMNS, UNSORTED

ASCENDING_MARK = "▲"
DESCENDING_MARK = "▼"


@dataclass(frozen=True)
class SortChoice:
    column: int
    label: str


def sort_choices(model: CorpusModel) -> list[SortChoice]:
    """Every column of the list by its full name, after "Corpus order"; the fixed columns
    take their initial as the menu's accelerator, a tag's name is shown as it is."""
    choices = [SortChoice(UNSORTED, "&Corpus order")]
    for column in range(model.columnCount()):
        name = model.column_name(column)
        label = "&" + name if column < len(FIXED_COLUMNS) else name.replace("&", "&&")
        choices.append(SortChoice(column, label))
    return choices


def current_sort(table: QTableView) -> tuple[int, Qt.SortOrder]:
    header = table.horizontalHeader()
    return header.sortIndicatorSection(), header.sortIndicatorOrder()


def sort_by(table: QTableView, column: int) -> None:
    """Sort as a header click does: a new column ascending, the same one reversed."""
    current, order = current_sort(table)
    if column == UNSORTED or column != current:
        order = Qt.SortOrder.AscendingOrder
    elif order == Qt.SortOrder.AscendingOrder:
        order = Qt.SortOrder.DescendingOrder
    else:
        order = Qt.SortOrder.AscendingOrder
    table.sortByColumn(column, order)


def fill_sort_menu(menu: QMenu, table: QTableView, model: CorpusModel) -> None:
    """Rebuild ``menu`` (on ``aboutToShow``): the columns change with the tag set."""
    menu.clear()
    group = QActionGroup(menu)
    current, order = current_sort(table)
    mark = DESCENDING_MARK if order == Qt.SortOrder.DescendingOrder else ASCENDING_MARK
    for choice in sort_choices(model):
        chosen = choice.column == current if current >= 0 else choice.column == UNSORTED
        label = f"{choice.label}  {mark}" if chosen and choice.column != UNSORTED else choice.label
        action = QAction(label, menu)
        action.setCheckable(True)
        action.setChecked(chosen)
        action.setActionGroup(group)
        action.triggered.connect(lambda _on=False, column=choice.column: sort_by(table, column))
        menu.addAction(action)
        if choice.column == UNSORTED:
            menu.addSeparator()
