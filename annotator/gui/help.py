"""The keyboard-shortcut overview, generated from the actions table and the tag set."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Tag
from annotator.gui.actions import ACTIONS, key_sequences

MEDIA_KEYS = frozenset({"Open", "Close", "Find", "Copy", "Paste", "Cut", "Undo", "Redo", "Save"})
"""Dedicated keys some keyboards have; listing them beside Ctrl+O only confuses."""

EDITING_KEYS: tuple[tuple[str, str], ...] = (
    ("Shift+Arrows", "Extend the selection by characters / lines"),
    ("Shift+Ctrl+Arrows", "Extend the selection by words"),
    ("Click a highlight", "Make that annotation current"),
    ("Alt+G, S", "Sort the corpus list by a column (again: the other way)"),
)


def shortcut_rows(tags: Sequence[Tag]) -> list[tuple[str, str]]:
    rows = [
        (f"{tag.hotkey}", f"Tag selection as {tag.name} (or relabel the current annotation)")
        for tag in tags
        if tag.hotkey
    ]
    rows.extend(EDITING_KEYS)
    for spec in ACTIONS:
        names = (
            seq.toString(QKeySequence.SequenceFormat.NativeText) for seq in key_sequences(spec)
        )
        keys = ", ".join(name for name in names if name not in MEDIA_KEYS)
        if keys:
            rows.append((keys, spec.text.replace("&", "").rstrip("…")))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, tags: Sequence[Tag], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        rows = shortcut_rows(tags)
        table = QTableWidget(len(rows), 2, self)
        table.setHorizontalHeaderLabels(["Keys", "Does"])
        table.verticalHeader().hide()
        for row, (keys, does) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(does))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        table.setWordWrap(True)
        table.resizeRowsToContents()
        self.resize(760, 620)
