"""The attribute editor: one field per definition, each committing a complete mapping."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit

from annotator.core.model import AttributeDefinition
from annotator.gui.attribute_editor import AttributeEditor

DEFINITIONS = (
    AttributeDefinition("likelihood", "choice", ("unlikely", "likely", "almost certain")),
    AttributeDefinition("source", "text"),
    AttributeDefinition("count", "number"),
    AttributeDefinition("verified", "bool"),
)


def test_fields_commit_typed_values(qtbot) -> None:
    editor = AttributeEditor()
    qtbot.addWidget(editor)
    edits: list[dict] = []
    editor.attributes_edited.connect(edits.append)
    editor.show_attributes(DEFINITIONS, {"source": "imagery"})
    editor.show()

    box = editor.field("likelihood")
    assert isinstance(box, QComboBox) and box.currentText() == "—"
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.keyClick(box, Qt.Key.Key_Down)
    box.activated.emit(box.currentIndex())
    assert edits[-1] == {"source": "imagery", "likelihood": "likely"}

    count = editor.field("count")
    assert isinstance(count, QLineEdit)
    count.setFocus()
    qtbot.keyClicks(count, "3")
    qtbot.keyClick(count, Qt.Key.Key_Return)
    assert edits[-1]["count"] == 3

    check = editor.field("verified")
    assert isinstance(check, QCheckBox)
    check.setFocus()
    qtbot.keyClick(check, Qt.Key.Key_Space)
    assert edits[-1]["verified"] is True

    source = editor.field("source")
    assert isinstance(source, QLineEdit)
    source.selectAll()
    source.setFocus()
    qtbot.keyClick(source, Qt.Key.Key_Delete)
    qtbot.keyClick(source, Qt.Key.Key_Return)
    assert "source" not in edits[-1]


def test_no_definitions_hides_the_editor(qtbot) -> None:
    editor = AttributeEditor()
    qtbot.addWidget(editor)
    editor.show_attributes((), {})
    assert editor.isHidden()


def test_same_tag_reuses_fields_and_shows_the_next_values_silently(qtbot) -> None:
    """Tagging span after span with one tag keeps the fields (no re-layout per key press);
    the values shown are the new annotation's, and showing them is not an edit."""
    editor = AttributeEditor()
    qtbot.addWidget(editor)
    edits: list[dict] = []
    editor.attributes_edited.connect(edits.append)
    editor.show_attributes(DEFINITIONS, {"likelihood": "likely", "verified": True, "count": 2})
    fields = {d.name: editor.field(d.name) for d in DEFINITIONS}

    editor.show_attributes(DEFINITIONS, {"source": "imagery"})

    assert {d.name: editor.field(d.name) for d in DEFINITIONS} == fields
    box, source, count, check = (fields[n] for n in ("likelihood", "source", "count", "verified"))
    assert isinstance(box, QComboBox) and box.currentText() == "—"
    assert isinstance(source, QLineEdit) and source.text() == "imagery"
    assert isinstance(count, QLineEdit) and count.text() == ""
    assert isinstance(check, QCheckBox) and not check.isChecked()
    assert edits == []

    check.setFocus()
    qtbot.keyClick(check, Qt.Key.Key_Space)  # an edit now starts from the shown values
    assert edits == [{"source": "imagery", "verified": True}]


def test_another_tag_rebuilds_the_fields(qtbot) -> None:
    editor = AttributeEditor()
    qtbot.addWidget(editor)
    editor.show_attributes(DEFINITIONS, {})
    editor.show_attributes(DEFINITIONS[:1], {"likelihood": "unlikely"})
    box = editor.field("likelihood")
    assert isinstance(box, QComboBox) and box.currentText() == "unlikely"
    with pytest.raises(KeyError):
        editor.field("source")  # the other tag's fields are gone
