"""The first-run welcome: who the analyst is, and something to start with.

Shown once (``Settings.welcomed``); afterwards File ▸ Preferences changes the name and
File ▸ Import sample articles brings the samples back.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class Start(Enum):
    SAMPLES = "samples"
    IMPORT = "import"
    EMPTY = "empty"


class WelcomeDialog(QDialog):
    def __init__(self, analyst: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to Annotator")
        self.choice = Start.EMPTY
        intro = QLabel(
            "<p><b>Tag claims, quotes, facilities and assessments in articles.</b></p>"
            "<p>Select text with the mouse or Shift+arrows, then press 1 claim, 2 quote, "
            "3 facility, 4 assessment. Every tag is saved the moment you make it.</p>",
            self,
        )
        intro.setWordWrap(True)
        self.name_edit = QLineEdit(analyst, self)
        self.name_edit.setPlaceholderText("Your name, recorded on every annotation")
        form = QFormLayout()
        form.addRow("Your name:", self.name_edit)
        buttons = QDialogButtonBox(self)
        self.samples_button = self._button(buttons, "Open the &samples", Start.SAMPLES)
        self._button(buttons, "&Import my articles…", Start.IMPORT)
        self._button(buttons, "Start &empty", Start.EMPTY)
        self.samples_button.setDefault(True)
        self.name_edit.textChanged.connect(self._enable)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def _button(self, box: QDialogButtonBox, text: str, choice: Start) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        button.clicked.connect(lambda: self._choose(choice))
        return button

    def _choose(self, choice: Start) -> None:
        if self.analyst():
            self.choice = choice
            self.accept()

    def _enable(self, text: str) -> None:
        for button in self.findChildren(QPushButton):
            button.setEnabled(bool(text.strip()))

    def analyst(self) -> str:
        return self.name_edit.text().strip()
