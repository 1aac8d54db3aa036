"""Search ▸ Search the corpus (Ctrl+Shift+F): full-text search over every document, with
snippets; Enter (or a double click) opens the document with the phrase found in it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.project import Project

DOCUMENT_ROLE = Qt.ItemDataRole.UserRole + 1


class CorpusSearchDialog(QDialog):
    document_chosen = Signal(str, str)  # document id, query

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Search the corpus")
        self._project = project
        self.query = QLineEdit(self)
        self.query.setPlaceholderText("Words to find in titles and texts…")
        self.query.returnPressed.connect(self.run_search)
        self.summary = QLabel(self)
        self.results = QListWidget(self)
        self.results.setWordWrap(True)
        self.results.itemActivated.connect(self._choose)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        self.resize(640, 460)

    def run_search(self) -> None:
        query = self.query.text().strip()
        self.results.clear()
        if not query:
            self.summary.setText("")
            return
        hits = self._project.search(query)
        self.summary.setText(f"{len(hits)} documents" if hits else "No document matches.")
        for hit in hits:
            snippet = " ".join(hit.snippet.split())
            item = QListWidgetItem(f"{hit.title}\n    {snippet}", self.results)
            item.setData(DOCUMENT_ROLE, hit.document_id)
        if hits:
            self.results.setCurrentRow(0)
            self.results.setFocus()

    def _choose(self, item: QListWidgetItem) -> None:
        self.document_chosen.emit(item.data(DOCUMENT_ROLE), self.query.text().strip())
        self.accept()
