"""File ▸ Export: pick a format from the registry, a target and optional filters.

The dialog only gathers an ``ExportRequest``; the main window runs it in the background.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from annotator.core.formats import Format, formats
from annotator.core.model import DocumentId
from annotator.gui.checklist import checked_names, checklist


@dataclass(frozen=True)
class ExportRequest:
    format_name: str
    output: Path
    annotators: tuple[str, ...] | None  # None: everyone
    tags: tuple[str, ...] | None  # None: every tag
    document_ids: tuple[DocumentId, ...] | None  # None: the whole corpus
    statuses: tuple[str, ...] | None = None  # workflow status of the documents; None: any
    review_states: tuple[str, ...] | None = None  # "reviewed", "in review"; None: any


# What the "Documents" choice means (core.formats.document_filter has the rules).
DOCUMENT_CHOICES: tuple[tuple[str, tuple[str, ...] | None, tuple[str, ...] | None], ...] = (
    ("Every document", None, None),
    ("Done by the chosen annotators", ("done",), None),
    ("Done or in progress", ("done", "in progress"), None),
    ("Reviewed", None, ("reviewed",)),
    ("In review or reviewed", None, ("in review", "reviewed")),
)


def default_name(entry: Format) -> str:
    suffix = entry.suffixes[0] if entry.suffixes else ""
    return f"annotations-{entry.name}{suffix}"


class ExportDialog(QDialog):
    def __init__(
        self,
        annotators: Sequence[str],
        tags: Sequence[str],
        folder: Path,
        current_document: DocumentId | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export dataset")
        self._formats = formats()
        self._folder = folder
        self._current_document = current_document
        self.format_box = QComboBox(self)
        for entry in self._formats:
            self.format_box.addItem(f"{entry.description} — {entry.name}", entry.name)
        self.output_edit = QLineEdit(self)
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self._browse)
        target = QHBoxLayout()
        target.addWidget(self.output_edit, 1)
        target.addWidget(browse)
        self.annotator_list = checklist(annotators, self)
        self.tag_list = checklist(tags, self)
        self.gold_only = QCheckBox("Only the gold set (reviewed decisions)", self)
        self.gold_only.toggled.connect(lambda on: self.annotator_list.setEnabled(not on))
        self.documents_box = QComboBox(self)
        for label, _statuses, _states in DOCUMENT_CHOICES:
            self.documents_box.addItem(label)
        self.documents_box.setToolTip(
            "Keep only documents in this workflow state; with chosen annotators, each of "
            "them must have finished it."
        )
        self.current_only = QCheckBox("Only the open document", self)
        self.current_only.setEnabled(current_document is not None)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self._accept_if_complete)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Format:", self.format_box)
        form.addRow("Write to:", target)
        form.addRow("Annotators:", self.annotator_list)
        form.addRow("Tags:", self.tag_list)
        form.addRow("Documents:", self.documents_box)
        form.addRow("", self.gold_only)
        form.addRow("", self.current_only)
        form.addRow(buttons)
        self.format_box.currentIndexChanged.connect(self._suggest_output)
        self._suggest_output()
        self.resize(560, self.sizeHint().height())

    def selected_format(self) -> Format:
        return self._formats[self.format_box.currentIndex()]

    def _suggest_output(self) -> None:
        """Keep the chosen folder, but give the file the new format's name and suffix."""
        current = Path(self.output_edit.text()) if self.output_edit.text() else None
        folder = current.parent if current else self._folder
        self.output_edit.setText(str(folder / default_name(self.selected_format())))

    def _browse(self) -> None:
        entry = self.selected_format()
        if entry.suffixes:
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Export to", self.output_edit.text(), entry.dialog_filter()
            )
        else:
            chosen = QFileDialog.getExistingDirectory(self, "Export to folder", str(self._folder))
        if chosen:
            self.output_edit.setText(chosen)

    def _accept_if_complete(self) -> None:
        if self.output_edit.text().strip():
            self.accept()

    def request(self) -> ExportRequest:
        documents = (
            (self._current_document,)
            if self.current_only.isChecked() and self._current_document is not None
            else None
        )
        return ExportRequest(
            format_name=self.selected_format().name,
            output=Path(self.output_edit.text().strip()).expanduser(),
            annotators=("gold",)
            if self.gold_only.isChecked()
            else checked_names(self.annotator_list),
            tags=checked_names(self.tag_list),
            document_ids=documents,
            statuses=DOCUMENT_CHOICES[self.documents_box.currentIndex()][1],
            review_states=DOCUMENT_CHOICES[self.documents_box.currentIndex()][2],
        )
