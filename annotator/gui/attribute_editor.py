"""Editing an annotation's attributes, one field per definition of its tag.

Each field commits when the analyst finishes with it (choice picked, box ticked, text or
number confirmed), so every change is one undoable edit and is saved at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit, QWidget

from annotator.core.model import AttributeDefinition, JsonValue

NONE_CHOICE = "—"


class AttributeEditor(QWidget):
    attributes_edited = Signal(object)  # the complete new attribute mapping

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._form = QFormLayout(self)
        self._form.setContentsMargins(0, 0, 0, 0)
        self._values: dict[str, JsonValue] = {}
        self._fields: dict[str, QWidget] = {}
        self._definitions: tuple[AttributeDefinition, ...] = ()

    def show_attributes(
        self, definitions: Sequence[AttributeDefinition], values: Mapping[str, JsonValue]
    ) -> None:
        """Show one annotation's values. The fields are rebuilt only when the tag's
        definitions differ from those on show: tagging span after span with one tag then
        changes no layout (a rebuild re-laid out and repainted the whole panel per key)."""
        self._values = dict(values)
        wanted = tuple(definitions)
        if wanted != self._definitions:
            self._rebuild(wanted)
        else:
            for definition in wanted:
                _show_value(self._fields[definition.name], values.get(definition.name))
        self.setVisible(bool(wanted))

    def _rebuild(self, definitions: tuple[AttributeDefinition, ...]) -> None:
        while self._form.rowCount():
            self._form.removeRow(0)
        self._fields.clear()
        self._definitions = definitions
        for definition in definitions:
            field = self._make_field(definition)
            _show_value(field, self._values.get(definition.name))
            self._fields[definition.name] = field
            self._form.addRow(f"{definition.name}:", field)

    def field(self, name: str) -> QWidget:
        return self._fields[name]

    def _make_field(self, definition: AttributeDefinition) -> QWidget:
        name = definition.name
        if definition.kind == "choice":
            box = QComboBox(self)
            box.addItem(NONE_CHOICE, None)
            for choice in definition.choices:
                box.addItem(choice, choice)
            box.activated.connect(lambda _i, b=box: self._set(name, b.currentData()))
            return box
        if definition.kind == "bool":
            check = QCheckBox(self)
            check.toggled.connect(lambda on: self._set(name, on))
            return check
        edit = QLineEdit(self)
        if definition.kind == "number":
            edit.setValidator(QDoubleValidator(edit))
            edit.editingFinished.connect(lambda e=edit: self._set(name, _number(e.text())))
        else:
            edit.editingFinished.connect(lambda e=edit: self._set(name, e.text() or None))
        return edit

    def _set(self, name: str, value: JsonValue) -> None:
        if self._values.get(name) == value:
            return
        updated = dict(self._values)
        if value is None:
            updated.pop(name, None)
        else:
            updated[name] = value
        self._values = updated
        self.attributes_edited.emit(updated)


def _show_value(field: QWidget, value: Any) -> None:
    """Put a stored value into an existing field without it reporting an edit."""
    blocked = field.blockSignals(True)
    try:
        if isinstance(field, QComboBox):
            field.setCurrentIndex(max(field.findData(value), 0))
        elif isinstance(field, QCheckBox):
            field.setChecked(bool(value))
        elif isinstance(field, QLineEdit):
            field.setText("" if value is None else str(value))
    finally:
        field.blockSignals(blocked)


def _number(text: str) -> float | int | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    number = float(text)
    return int(number) if number.is_integer() else number
