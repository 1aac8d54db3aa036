"""Preferences: who the analyst is (recorded on every annotation they make)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from annotator.core import paths


class PreferencesDialog(QDialog):
    def __init__(self, analyst: str, database: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.name_edit = QLineEdit(analyst, self)
        self.name_edit.setPlaceholderText("Your name, as recorded on annotations")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._accept_if_named)
        buttons.rejected.connect(self.reject)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.name_edit.textChanged.connect(lambda text: self._ok.setEnabled(bool(text.strip())))
        form = QFormLayout(self)
        form.addRow("Analyst name:", self.name_edit)
        form.addRow("Project database:", _selectable(database, self))
        form.addRow("Log file:", _selectable(str(paths.log_file()), self))
        form.addRow(buttons)
        self.resize(520, self.sizeHint().height())

    def analyst(self) -> str:
        return self.name_edit.text().strip()

    def _accept_if_named(self) -> None:
        if self.analyst():
            self.accept()


def _selectable(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
