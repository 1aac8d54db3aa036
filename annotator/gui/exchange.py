"""File ▸ Import colleague's work (a bundle: preview first, Cancel changes nothing) and
File ▸ Import new revision (carry the annotations over; place the unplaced by hand)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.bundle import BundlePreview
from annotator.core.errors import AnnotatorError
from annotator.core.revisions import RevisionReport, UnplacedAnnotation
from annotator.gui.dialogs import show_error
from annotator.gui.workspace import Workspace

UNPLACED_ROLE = Qt.ItemDataRole.UserRole + 1


def confirm_merge(parent: QWidget, preview: BundlePreview) -> bool:
    """Show what the bundle would add, update and flag; True to merge."""
    lines = [preview.summary()]
    lines += [f"• conflict: {c.tag} “{c.quote[:60]}”" for c in preview.conflicts[:10]]
    if preview.changes_nothing:
        QMessageBox.information(parent, "Colleague's work", "This bundle adds nothing new.")
        return False
    answer = QMessageBox.question(
        parent,
        "Merge colleague's work?",
        "\n".join(lines) + "\n\nMerge it into this project? (Cancel leaves the project as is.)",
        QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Ok


def import_colleague_work(workspace: Workspace, parent: QWidget, path: Path) -> str:
    project = workspace.project
    try:
        preview = project.preview_bundle(path)
        if not confirm_merge(parent, preview):
            return "Nothing merged."
        done = project.merge_bundle(path)
    except AnnotatorError as exc:
        show_error(parent, exc)
        return ""
    # Merged updates can change annotations the undo stack remembers: start it afresh.
    workspace.undo_stack.clear()
    workspace.corpus_changed()
    workspace.open_document(workspace.document.id if workspace.document else None)
    return done.summary()


def choose_bundle(parent: QWidget) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(
        parent, "Import colleague's work", "", "Annotator bundles (*.annobundle)"
    )
    return Path(chosen) if chosen else None


def choose_revision(parent: QWidget) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(
        parent,
        "New revision of this article",
        "",
        "Articles (*.txt *.md *.html *.htm *.docx *.pdf)",
    )
    return Path(chosen) if chosen else None


def import_revision(workspace: Workspace, parent: QWidget, path: Path) -> RevisionReport | None:
    document = workspace.document
    if document is None:
        return None
    try:
        report = workspace.project.import_revision(document.id, path)
    except AnnotatorError as exc:
        show_error(parent, exc)
        return None
    workspace.corpus_changed()
    workspace.open_document(report.document_id)
    return report


class UnplacedDialog(QDialog):
    """Annotations the revision no longer supports: pick one, select its new text in the
    article, press Place. Non-modal, so the article stays usable."""

    def __init__(
        self, workspace: Workspace, unplaced: tuple[UnplacedAnnotation, ...], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Place annotations by hand")
        self.setModal(False)
        self.workspace = workspace
        self.items = QListWidget(self)
        for entry in unplaced:
            item = QListWidgetItem(
                f"{entry.tag}: “{' '.join(entry.quote.split())[:80]}”", self.items
            )
            item.setData(UNPLACED_ROLE, entry)
        self.items.setCurrentRow(0)
        place = QPushButton("&Place on the selected text", self)
        place.clicked.connect(self.place_current)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Select the new text in the article, then Place.", self))
        layout.addWidget(self.items)
        layout.addWidget(place)
        layout.addWidget(close)
        self.resize(460, 320)

    def place_current(self, selection: tuple[int, int] | None = None) -> bool:
        item = self.items.currentItem()
        window = self.parent()
        view = getattr(window, "view", None)
        chosen = selection or (view.selected_range() if view is not None else None)
        document = self.workspace.document
        if item is None or chosen is None or document is None:
            return False
        entry: UnplacedAnnotation = item.data(UNPLACED_ROLE)
        edit = self.workspace.project.new_annotation(document, chosen[0], chosen[1], entry.tag)
        if not self.workspace.do(edit):
            return False
        self.items.takeItem(self.items.row(item))
        return True
