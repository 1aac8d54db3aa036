"""Edit ▸ Tags: add, rename, recolour, hotkey, attributes, retire (asking, never deleting)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from annotator.core.model import ArticleDraft, AttributeDefinition
from annotator.core.project import Project
from annotator.core.tags import color_for_new_tag
from annotator.gui import tag_schema_dialog as module
from annotator.gui.main_window import MainWindow
from annotator.gui.tag_schema_dialog import TagSchemaDialog, definitions_text, parse_definitions
from annotator.gui.workspace import Workspace


@pytest.fixture
def window(qtbot, project: Project, tmp_path: Path) -> MainWindow:
    stored = project.store.store_article(
        ArticleDraft(text="The Veskar base grew.", origin="t"),
        annotator="alice",
        new_tag_color=color_for_new_tag,
    )
    project.tag_span(stored.document_id, 4, 10, "facility")
    win = MainWindow(
        Workspace(project), QSettings(str(tmp_path / "g.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(win)
    win.load()
    return win


def test_add_rename_recolour_hotkey_and_undo(qtbot, window: MainWindow, monkeypatch) -> None:
    answers = iter(["source", "origin", "5"])
    monkeypatch.setattr(module, "ask_text", lambda *args, **kwargs: next(answers))
    monkeypatch.setattr(module, "ask_color", lambda parent, initial: "#123456")
    dialog = TagSchemaDialog(window.workspace, window)
    qtbot.addWidget(dialog)
    dialog.add_tag()
    assert dialog.selected_name() == "source"
    dialog.rename_tag()
    dialog.recolor_tag()
    dialog.set_hotkey()
    tag = window.workspace.project.tag("origin")
    assert (tag.color, tag.hotkey) == ("#123456", "5")
    assert "origin" in window.tag_bar.tag_actions  # the window follows the schema
    window.workspace.undo_stack.undo()
    assert window.workspace.project.tag("origin").hotkey is None


def test_retiring_a_used_tag_asks_and_keeps_annotations(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    questions: list[str] = []
    monkeypatch.setattr(module, "confirm", lambda parent, text: questions.append(text) or True)
    dialog = TagSchemaDialog(window.workspace, window)
    qtbot.addWidget(dialog)
    dialog.select("facility")
    dialog.toggle_retired()
    assert "1 annotations use 'facility'" in questions[0]
    project = window.workspace.project
    assert project.tag("facility").retired
    assert sum(summary.total for summary in project.documents()) == 1
    assert "facility" not in window.tag_bar.tag_actions
    dialog.toggle_retired()  # restore
    assert not project.tag("facility").retired


def test_attribute_definitions_round_trip_through_text() -> None:
    definitions = [
        AttributeDefinition("likelihood", "choice", ("unlikely", "likely")),
        AttributeDefinition("source", "text"),
    ]
    assert parse_definitions(definitions_text(tuple(definitions))) == definitions
    with pytest.raises(Exception, match="not a kind"):
        parse_definitions("x: colour")
