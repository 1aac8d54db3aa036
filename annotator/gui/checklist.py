"""A list of names with a tick box each (analysts, tags), all ticked at first."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget


def checklist(names: Sequence[str], parent: QWidget) -> QListWidget:
    widget = QListWidget(parent)
    for name in names:
        item = QListWidgetItem(name, widget)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
    widget.setMaximumHeight(min(24 * max(len(names), 1) + 8, 130))
    return widget


def checked_names(widget: QListWidget) -> tuple[str, ...] | None:
    """The checked names, or None when all are checked (no filter at all)."""
    items = [widget.item(row) for row in range(widget.count())]
    checked = tuple(item.text() for item in items if item.checkState() == Qt.CheckState.Checked)
    return None if len(checked) == len(items) else checked
