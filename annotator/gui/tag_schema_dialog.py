"""Edit ▸ Tags: the project's tag schema. Every change is one undoable edit, saved at once.

Retiring a tag that annotations use asks first and never deletes them: they keep showing
and exporting; the tag only leaves the tag bar. Inputs go through the small ``ask_*``
functions so tests (and keyboard users) drive the same paths.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.edits import Edit
from annotator.core.errors import AnnotatorError
from annotator.core.model import ATTRIBUTE_KINDS, UNDERLINES, AttributeDefinition, Tag
from annotator.gui.dialogs import show_error
from annotator.gui.tag_bar import tag_icon
from annotator.gui.workspace import Workspace

COLUMNS = ("Tag", "Hotkey", "Underline", "Attributes", "Description", "Status")


def ask_text(parent: QWidget, title: str, label: str, value: str = "") -> str | None:
    text, ok = QInputDialog.getText(parent, title, label, text=value)
    return text if ok else None


def ask_multiline(parent: QWidget, title: str, label: str, value: str) -> str | None:
    text, ok = QInputDialog.getMultiLineText(parent, title, label, value)
    return text if ok else None


def ask_color(parent: QWidget, initial: str) -> str | None:
    color = QColorDialog.getColor(QColor(initial), parent, "Tag colour")
    return color.name() if color.isValid() else None


def confirm(parent: QWidget, text: str) -> bool:
    answer = QMessageBox.question(parent, "Retire tag", text)
    return answer == QMessageBox.StandardButton.Yes


def definitions_text(definitions: tuple[AttributeDefinition, ...]) -> str:
    """One line per attribute: ``name: kind`` or ``name: choice: a, b, c``."""
    lines = []
    for definition in definitions:
        line = f"{definition.name}: {definition.kind}"
        if definition.choices:
            line += ": " + ", ".join(definition.choices)
        lines.append(line)
    return "\n".join(lines)


def parse_definitions(text: str) -> list[AttributeDefinition]:
    definitions = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split(":", 2)]
        kind = parts[1] if len(parts) > 1 and parts[1] else "text"
        if kind not in ATTRIBUTE_KINDS:
            raise AnnotatorError(
                f"Line {number}: '{kind}' is not a kind; use one of {', '.join(ATTRIBUTE_KINDS)}."
            )
        choices = (
            tuple(c.strip() for c in parts[2].split(",") if c.strip()) if len(parts) > 2 else ()
        )
        definitions.append(AttributeDefinition(parts[0], kind, choices))
    return definitions


class TagSchemaDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tags")
        self.workspace = workspace
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(
            4, self.table.horizontalHeader().ResizeMode.Stretch
        )
        buttons = QHBoxLayout()
        for text, handler in (
            ("&Add…", self.add_tag),
            ("Re&name…", self.rename_tag),
            ("&Colour…", self.recolor_tag),
            ("&Hotkey…", self.set_hotkey),
            ("&Description…", self.set_description),
            ("A&ttributes…", self.set_attributes),
            ("&Retire / restore", self.toggle_retired),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(handler)
            buttons.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(900, 360)
        self.refresh()

    # --- table -------------------------------------------------------------------

    def refresh(self) -> None:
        selected = self.selected_name()
        tags = self.workspace.project.tags()
        self.table.setRowCount(len(tags))
        for row, tag in enumerate(tags):
            self._fill_row(row, tag)
        self.table.resizeColumnsToContents()
        self.select(selected or (tags[0].name if tags else None))

    def _fill_row(self, row: int, tag: Tag) -> None:
        name = QTableWidgetItem(tag_icon(tag), tag.name)
        self.table.setItem(row, 0, name)
        self.table.setItem(row, 1, QTableWidgetItem(tag.hotkey or ""))
        underline = QComboBox(self.table)
        underline.addItems(list(UNDERLINES))
        underline.setCurrentText(tag.underline)
        underline.activated.connect(
            lambda _i, box=underline, n=tag.name: self._apply(
                lambda: self.workspace.project.set_tag_style(n, underline=box.currentText())
            )
        )
        self.table.setCellWidget(row, 2, underline)
        attributes = ", ".join(d.name for d in tag.attributes)
        self.table.setItem(row, 3, QTableWidgetItem(attributes))
        self.table.setItem(row, 4, QTableWidgetItem(tag.description))
        self.table.setItem(row, 5, QTableWidgetItem("retired" if tag.retired else "active"))

    def selected_name(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.text() if item else None

    def select(self, name: str | None) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.text() == name:
                self.table.setCurrentCell(row, 0)
                return

    # --- commands ----------------------------------------------------------------

    def _apply(self, make_edit: Callable[[], Edit], then_select: str | None = None) -> bool:
        try:
            edit = make_edit()
        except AnnotatorError as exc:
            show_error(self, exc)
            return False
        done = self.workspace.do(edit)
        self.refresh()
        if then_select:
            self.select(then_select)
        return done

    def add_tag(self) -> None:
        name = ask_text(self, "Add tag", "Name of the new tag:")
        if name:
            self._apply(lambda: self.workspace.project.add_tag(name), name.strip())

    def rename_tag(self) -> None:
        old = self.selected_name()
        new = ask_text(self, "Rename tag", "New name:", old or "") if old else None
        if old and new:
            self._apply(lambda: self.workspace.project.rename_tag(old, new), new.strip())

    def recolor_tag(self) -> None:
        name = self.selected_name()
        if name:
            color = ask_color(self, self.workspace.project.tag(name).color)
            if color:
                self._apply(lambda: self.workspace.project.recolor_tag(name, color))

    def set_hotkey(self) -> None:
        name = self.selected_name()
        if not name:
            return
        current = self.workspace.project.tag(name).hotkey or ""
        key = ask_text(self, "Hotkey", f"Key for {name} (empty: none):", current)
        if key is not None:
            self._apply(
                lambda: self.workspace.project.set_tag_style(name, hotkey=key.strip() or None)
            )

    def set_description(self) -> None:
        name = self.selected_name()
        if not name:
            return
        current = self.workspace.project.tag(name).description
        text = ask_text(self, "Description", f"What {name} means:", current)
        if text is not None:
            self._apply(lambda: self.workspace.project.set_tag_style(name, description=text))

    def set_attributes(self) -> None:
        name = self.selected_name()
        if not name:
            return
        current = definitions_text(self.workspace.project.tag(name).attributes)
        text = ask_multiline(
            self,
            f"Attributes of {name}",
            "One per line — name: kind (choice, text, number, bool)[: choices, …]",
            current,
        )
        if text is not None:
            self._apply(
                lambda: self.workspace.project.set_attribute_definitions(
                    name, parse_definitions(text)
                )
            )

    def toggle_retired(self) -> None:
        name = self.selected_name()
        if not name:
            return
        project = self.workspace.project
        if project.tag(name).retired:
            self._apply(lambda: project.retire_tag(name, retired=False))
            return
        used = project.tag_usage(name)
        if used and not confirm(
            self,
            f"{used} annotations use '{name}'. Retiring keeps them (they stay visible and "
            "exportable) but removes the tag from the tag bar. Retire it?",
        ):
            return
        self._apply(lambda: project.retire_tag(name))
