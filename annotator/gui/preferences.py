"""Preferences: who the analyst is (recorded on every annotation they make) and which
project database the window works on, with a connection test for a shared server."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from annotator.core import paths
from annotator.core.connection_check import check_connection
from annotator.core.errors import AnnotatorError


class PreferencesDialog(QDialog):
    def __init__(
        self,
        analyst: str,
        database: str,
        parent: QWidget | None = None,
        *,
        team_login: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self._original_database = database
        self.name_edit = QLineEdit(analyst, self)
        self.name_edit.setPlaceholderText("Your name, as recorded on annotations")
        if team_login is not None:  # the server knows us by our login; see core.team
            self.name_edit.setText(team_login)
            self.name_edit.setReadOnly(True)
            self.name_edit.setToolTip("In a team project your name is your database login.")
        self.database_edit = QLineEdit(database, self)
        self.database_edit.setPlaceholderText(
            "a file (~/work/project.sqlite) or postgresql+psycopg://USER@HOST/DATABASE"
        )
        self.test_button = QPushButton("&Test connection", self)
        self.test_button.clicked.connect(self.test_connection)
        self.test_result = QLabel("", self)
        self.test_result.setWordWrap(True)
        self.test_result.setObjectName("connection_result")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._accept_if_named)
        buttons.rejected.connect(self.reject)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.name_edit.textChanged.connect(lambda text: self._ok.setEnabled(bool(text.strip())))
        database_row = QHBoxLayout()
        database_row.addWidget(self.database_edit, 1)
        database_row.addWidget(self.test_button)
        form = QFormLayout(self)
        form.addRow("Analyst name:", self.name_edit)
        form.addRow("Project database:", database_row)
        form.addRow("", self.test_result)
        form.addRow("Log file:", _selectable(str(paths.log_file()), self))
        form.addRow(buttons)
        self.resize(620, self.sizeHint().height())

    def analyst(self) -> str:
        return self.name_edit.text().strip()

    def database(self) -> str:
        """The location to switch to, or "" when it was left as it was."""
        chosen = self.database_edit.text().strip()
        return "" if chosen in ("", self._original_database) else chosen

    def test_connection(self) -> None:
        """Connect and describe what is there; it never creates or changes anything."""
        location = self.database_edit.text().strip() or self._original_database
        try:
            self.test_result.setText("✓ " + check_connection(location))
        except AnnotatorError as exc:
            self.test_result.setText("✗ " + str(exc))

    def _accept_if_named(self) -> None:
        if self.analyst():
            self.accept()


def _selectable(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
