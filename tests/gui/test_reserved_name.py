"""The preferences path refuses the analyst name reserved for gold annotations: the core
raises an ``AnnotatorError`` (shown as it is by the app's error dialog), and neither the
project nor the settings file takes the name."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from annotator.core.analysts import ReservedNameError
from annotator.core.project import Project
from annotator.core.settings import load_settings
from annotator.gui import dialogs
from annotator.gui.main_window import MainWindow
from annotator.gui.workspace import Workspace


def test_preferences_cannot_take_the_gold_name(
    qtbot, project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.gui import preferences  # main_window imports it when the dialog opens

    class AcceptingGold:
        def __init__(self, *args, **kwargs) -> None: ...

        def exec(self) -> bool:
            return True

        def analyst(self) -> str:
            return "gold"

        def database(self) -> str:
            return ""

        def deleteLater(self) -> None: ...

    monkeypatch.setattr(preferences, "PreferencesDialog", AcceptingGold)
    window = MainWindow(
        Workspace(project), QSettings(str(tmp_path / "g.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    before = load_settings().analyst
    with pytest.raises(ReservedNameError) as raised:
        window.preferences_dialog()
    assert project.analyst == "alice"
    assert load_settings().analyst == before
    assert "alice" in window.analyst_label.text()

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    dialogs.show_error(window, raised.value)  # what the app's excepthook does with it
    assert shown == [str(raised.value)]
    assert "reserved" in shown[0]


def test_welcome_dialog_with_the_gold_name_shows_why_and_keeps_going(
    qtbot, project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtTest import QTest

    from annotator.gui import app as app_module
    from annotator.gui.welcome import WelcomeDialog

    def answer(dialog: WelcomeDialog) -> int:
        dialog.name_edit.selectAll()
        QTest.keyClicks(dialog.name_edit, "Gold")
        return 1

    shown: list[str] = []
    monkeypatch.setattr(WelcomeDialog, "exec", answer)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    window = MainWindow(
        Workspace(project), QSettings(str(tmp_path / "g.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    app_module.welcome(window)
    assert shown and "reserved" in shown[0]
    assert project.analyst == "alice" and load_settings().welcomed
