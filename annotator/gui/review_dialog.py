"""Review ▸ Review this document (Ctrl+Shift+V): compare analysts unit by unit and decide.

Units come disagreements first; Up/Down move between them and the article shows the unit.
Return accepts the selected version into the gold set, Ctrl+Return makes gold from the text
selected in the article (with the chosen tag), Delete rejects the unit; an optional comment
goes with the decision. While the dialog is open, the article colours spans by analyst (the
tag keeps its underline pattern), so the versions can be told apart at a glance.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.edits import Change, Edit, Scope
from annotator.core.model import Annotation, AnnotationRef
from annotator.core.review.units import GOLD, ReviewUnit
from annotator.gui.article_view import ArticleView
from annotator.gui.span_index import LazySpans, SpanStyle, ViewSpan
from annotator.gui.unit_list import UnitList
from annotator.gui.workspace import Workspace

ANALYST_COLORS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
"""Okabe-Ito colours: distinguishable for the common colour-blindnesses."""
VERSION_ROLE = Qt.ItemDataRole.UserRole + 2


class VersionList(QListWidget):
    """Return accepts the selected version; Delete rejects the whole unit."""

    def __init__(self, dialog: ReviewDialog) -> None:
        super().__init__(dialog)
        self._dialog = dialog

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self._dialog.edit_gold()
            else:
                self._dialog.accept_version()
            return
        if event.key() == Qt.Key.Key_Delete:
            self._dialog.reject_unit()
            return
        super().keyPressEvent(event)


class ReviewDialog(QDialog):
    def __init__(self, workspace: Workspace, view: ArticleView, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Review")
        self.setModal(False)
        self.workspace = workspace
        self.view = view
        self.units: list[ReviewUnit] = []
        self._analysts: Sequence[str] | None = None  # None: all but gold
        self._compared_ids: set[str] = set()  # the annotations the units group
        self._colours: dict[str, str] = {}
        self._underlines: dict[str, str] = {}
        self._looks: dict[tuple[str, str], tuple[SpanStyle, str]] = {}  # by analyst, tag
        self.summary = QLabel(self)
        self.unit_list = UnitList(self)
        self.unit_list.currentRowChanged.connect(self._show_unit)
        self.versions = VersionList(self)
        self.gold = QLabel(self)
        self.gold.setWordWrap(True)
        self.tag_box = QComboBox(self)
        self.comment = QLineEdit(self)
        self.comment.setPlaceholderText("Optional comment recorded with the decision")
        self._layout()
        self.resize(560, 640)
        workspace.annotation_changed.connect(self._annotation_changed)

    def _layout(self) -> None:
        accept = QPushButton("&Accept version (Return)", self)
        accept.clicked.connect(self.accept_version)
        gold = QPushButton("&Gold from selection (Ctrl+Return)", self)
        gold.clicked.connect(self.edit_gold)
        reject = QPushButton("&Reject all (Delete)", self)
        reject.clicked.connect(self.reject_unit)
        reviewed = QPushButton("Mark document re&viewed", self)
        reviewed.clicked.connect(self.mark_reviewed)
        decisions = QHBoxLayout()
        for button in (accept, gold, reject):
            decisions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel("Units (disagreements first):", self))
        layout.addWidget(self.unit_list, 2)
        layout.addWidget(QLabel("Versions:", self))
        layout.addWidget(self.versions, 1)
        layout.addWidget(self.gold)
        tag_row = QHBoxLayout()
        tag_row.addWidget(QLabel("Tag for gold from selection:", self))
        tag_row.addWidget(self.tag_box, 1)
        layout.addLayout(tag_row)
        layout.addWidget(self.comment)
        layout.addLayout(decisions)
        layout.addWidget(reviewed)

    # --- loading -----------------------------------------------------------------

    def start(self, analysts: Sequence[str] | None = None) -> bool:
        """Load the open document's units; False when there is nothing to compare."""
        document = self.workspace.document
        if document is None:
            return False
        project = self.workspace.project
        self.tag_box.clear()
        self.tag_box.addItems([tag.name for tag in project.active_tags()])
        if project.review_state(document.id) is None:
            self.workspace.do(project.set_review_state(document.id, "in review"))
        self._analysts = analysts
        self.reload()
        return bool(self.units)

    def reload(self) -> None:
        """Group the document's annotations into units again, list them and colour them."""
        document = self.workspace.document
        if document is None:
            return
        row = max(self.unit_list.currentRow(), 0)
        project = self.workspace.project
        refs = project.annotation_refs(document.id)  # grouped and coloured: read once
        self.units = project.review_units(document.id, self._analysts, refs=refs)
        self._compared_ids = {i for unit in self.units for i in unit.annotation_ids}
        open_units = sum(1 for unit in self.units if unit.kind.disagreement)
        names = sorted({name for unit in self.units for name in unit.analysts})
        self.summary.setText(
            f"{len(self.units)} units, {open_units} with disagreements — {', '.join(names)}"
        )
        self.unit_list.show_units(self.units, document.text)
        self._colour_by_analyst(names, refs)
        if self.units:
            self.unit_list.setCurrentRow(min(row, len(self.units) - 1))
            self._show_unit(self.unit_list.currentRow())

    def _colour_by_analyst(self, names: Sequence[str], refs: Sequence[AnnotationRef]) -> None:
        self._colours = {n: ANALYST_COLORS[i % len(ANALYST_COLORS)] for i, n in enumerate(names)}
        self._underlines = {tag.name: tag.underline for tag in self.workspace.project.tags()}
        self._looks = {}
        # Made as the view shows them: 18,000 spans of a long report took 0.2 s to make.
        self.view.restyle_all(LazySpans(refs, self._coloured))

    def _coloured(self, annotation: Annotation | AnnotationRef) -> ViewSpan:
        """An annotation as the article shows it while reviewing: coloured by analyst (gold
        and analysts not compared in grey), the tag's underline kept."""
        a = annotation
        look = self._looks.get((a.annotator, a.tag))
        if look is None:
            colour = self._colours.get(a.annotator, "#888888")
            style = SpanStyle(colour, self._underlines.get(a.tag, "solid"))
            look = self._looks[a.annotator, a.tag] = (style, f"{a.annotator}: {a.tag}")
        return ViewSpan(a.id, a.start, a.end, a.tag, *look)

    def _annotation_changed(self, change: Change) -> None:
        """Keep the article and the units in step with an edit made while reviewing. A
        decision adds or drops one gold annotation, which regroups nothing when gold is not
        compared: only its span is coloured again. Grouping all 18,000 annotations of a
        long report again took 0.8 s of every decision. Other edits regroup the units."""
        document = self.workspace.document
        if not self.isVisible() or document is None or change.document_id != document.id:
            return
        if change.scope is Scope.ANNOTATION and self._leaves_units_alone(change):
            if change.annotation is not None:
                self.view.replace_span(self._coloured(change.annotation))
        elif change.scope in (Scope.ANNOTATION, Scope.BATCH, Scope.TAGS):
            self.reload()

    def _leaves_units_alone(self, change: Change) -> bool:
        after = change.annotation
        if after is None:  # gone: the units only held it if it was compared
            return change.annotation_id not in self._compared_ids
        compared = self.units[0].analysts if self.units else ()
        return after.annotator == GOLD and GOLD not in compared

    # --- showing -----------------------------------------------------------------

    def current_unit(self) -> ReviewUnit | None:
        return self.unit_list.current_unit()

    def _show_unit(self, _row: int) -> None:
        unit = self.current_unit()
        self.versions.clear()
        if unit is None:
            return
        for version in unit.versions:
            item = QListWidgetItem(
                f"{version.analyst}: {version.tag}  [{version.start}–{version.end}]  "
                f"“{' '.join(version.quote.split())[:50]}”",
                self.versions,
            )
            item.setData(VERSION_ROLE, version.annotation_id)
        for name in unit.missing:
            QListWidgetItem(f"{name}: (nothing here)", self.versions).setFlags(
                Qt.ItemFlag.NoItemFlags
            )
        self.versions.setCurrentRow(0)
        gold = self.workspace.project.gold_for(unit)
        self.gold.setText(
            f"Gold: {gold.tag} “{' '.join(gold.quote.split())[:60]}”"
            if gold
            else "Gold: no decision yet."
        )
        self.view.select_range(unit.start, unit.end)

    # --- deciding ----------------------------------------------------------------

    def accept_version(self) -> None:
        unit, item = self.current_unit(), self.versions.currentItem()
        if unit is None or item is None or item.data(VERSION_ROLE) is None:
            return
        project = self.workspace.project
        self._decide(project.accept(unit, item.data(VERSION_ROLE), self.comment.text()))

    def edit_gold(self, selection: tuple[int, int] | None = None) -> None:
        unit = self.current_unit()
        chosen = selection or self.view.selected_range()
        if unit is None or chosen is None or not self.tag_box.currentText():
            return
        project = self.workspace.project
        edit = project.edit_gold(
            unit, chosen[0], chosen[1], self.tag_box.currentText(), self.comment.text()
        )
        self._decide(edit)

    def reject_unit(self) -> None:
        unit = self.current_unit()
        if unit is not None:
            self._decide(self.workspace.project.reject(unit, self.comment.text()))

    def _decide(self, edit: Edit) -> None:
        """Record a decision (the article follows through ``_annotation_changed``), then go
        on to the next unit, or show the last one again with its new gold."""
        if self.workspace.do(edit):
            self.comment.clear()
            row = self.unit_list.currentRow()
            following = min(row + 1, len(self.units) - 1)
            if following == row:
                self._show_unit(row)
            else:
                self.unit_list.setCurrentRow(following)

    def mark_reviewed(self) -> None:
        document = self.workspace.document
        if document is not None:
            self.workspace.do(self.workspace.project.set_review_state(document.id, "reviewed"))
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Back to tag colours."""
        document = self.workspace.document
        self.workspace.open_document(document.id if document else None)
        super().closeEvent(event)
