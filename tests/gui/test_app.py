"""Starting the app: the window opens, first-run samples, a project that cannot be opened,
unexpected errors, preferences and export from the window."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.core.logs import configure_logging
from annotator.core.project import Project
from annotator.core.settings import load_settings
from annotator.gui import app as app_module
from annotator.gui.main_window import MainWindow
from annotator.gui.welcome import WelcomeDialog
from annotator.gui.workspace import Workspace
from tests.gui.windows import active_main_window


@pytest.fixture
def no_event_loop(monkeypatch: pytest.MonkeyPatch) -> list[MainWindow]:
    """Let ``run_app`` build everything, but return instead of entering the event loop."""
    shown: list[MainWindow] = []

    def fake_exec(self: QApplication) -> int:
        windows = QApplication.topLevelWidgets()
        shown.extend(w for w in windows if isinstance(w, MainWindow) and w.isVisible())
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    return shown


def test_annotator_opens_the_main_window_and_welcomes_once(
    qtbot, tmp_path: Path, no_event_loop: list[MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[WelcomeDialog] = []

    def answer(dialog: WelcomeDialog) -> int:
        """The analyst types their name and presses Enter (the samples are the default)."""
        seen.append(dialog)
        dialog.name_edit.selectAll()
        QTest.keyClicks(dialog.name_edit, "Fatima")
        dialog.samples_button.click()
        return 1

    monkeypatch.setattr(WelcomeDialog, "exec", answer)
    assert app_module.run_app(db=str(tmp_path / "p.sqlite"), files=[]) == 0
    (window,) = no_event_loop
    qtbot.addWidget(window)
    assert window.isVisible()
    qtbot.waitUntil(lambda: window.corpus.model.rowCount() == 3, timeout=10000)
    assert load_settings().welcomed
    assert load_settings().analyst == "Fatima"
    assert window.workspace.project.analyst == "Fatima"
    window.close()
    no_event_loop.clear()
    app_module.run_app(db=str(tmp_path / "p.sqlite"), files=[])
    assert len(seen) == 1  # not shown again
    for again in no_event_loop:
        qtbot.addWidget(again)
        again.close()


def test_open_another_project_and_recent_list(
    qtbot, project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.gui import main_window as main_window_module

    errors: list[BaseException] = []
    monkeypatch.setattr(main_window_module, "show_error", lambda parent, exc: errors.append(exc))
    settings = QSettings(str(tmp_path / "g.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Workspace(project), settings)
    qtbot.addWidget(window)
    window.load()
    other = tmp_path / "other.sqlite"
    window.switch_project(str(other))
    assert window.workspace.project.location.endswith("other.sqlite")
    assert window.workspace.project.analyst == "alice"
    assert window.recent.paths()[0].endswith("other.sqlite")
    assert len(window.recent.paths()) == 2
    window.switch_project(str(tmp_path))  # a folder: refused, the current project stays
    assert window.workspace.project.location.endswith("other.sqlite")
    assert "is a folder" in str(errors[0])


def test_about_lists_versions_and_paths() -> None:
    from annotator.gui.about import about_rows

    rows = dict(about_rows("/tmp/p.sqlite"))
    assert {"Version", "Licence", "Qt", "PySide6", "SQLAlchemy", "Database schema"} <= set(rows)
    assert rows["Log file"].endswith("annotator.log")


def test_files_on_the_command_line_are_imported_and_opened(
    qtbot, tmp_path: Path, no_event_loop: list[MainWindow]
) -> None:
    article = tmp_path / "note.txt"
    article.write_text("title: Field note\n\nThe depot at Calder is new.\n")
    app_module.run_app(db=str(tmp_path / "p.sqlite"), files=[str(article)])
    (window,) = no_event_loop
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.workspace.document is not None, timeout=10000)
    assert window.workspace.document.title == "Field note"
    window.close()


def test_unopenable_project_explains_and_lets_the_user_quit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.gui import recovery

    messages: list[str] = []

    def choose(parent, text, choices):
        messages.append(text)
        return recovery.Choice.QUIT

    monkeypatch.setattr(recovery, "choose", choose)
    assert app_module.run_app(db=str(tmp_path), files=[]) == 1
    assert "is a folder" in messages[0]


def test_a_project_that_never_opened_keeps_the_last_document_remembered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Quitting from the recovery choices closes a window that never had a project: the
    document to reopen next time must survive it."""
    from annotator.gui import recovery

    settings = app_module.gui_settings()
    settings.setValue("window/last_document", "doc-from-yesterday")
    settings.sync()
    monkeypatch.setattr(recovery, "choose", lambda parent, text, choices: recovery.Choice.QUIT)
    assert app_module.run_app(db=str(tmp_path), files=[]) == 1
    after = app_module.gui_settings().value("window/last_document")
    assert after == "doc-from-yesterday"


def test_unexpected_error_is_reported_and_logged(
    qtbot, project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure_logging()
    shown: list[BaseException] = []
    monkeypatch.setattr(app_module, "show_error", lambda parent, exc: shown.append(exc))
    window = MainWindow(
        Workspace(project), QSettings(str(tmp_path / "g.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    old_hook = sys.excepthook
    try:
        app_module.install_excepthook(window)
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old_hook
    assert isinstance(shown[0], RuntimeError)
    from annotator.core import paths

    assert "boom" in paths.log_file().read_text()


def test_preferences_change_who_is_recorded(
    qtbot, project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.gui import preferences  # main_window imports it when the dialog opens

    class Accepting:
        def __init__(self, *args, **kwargs) -> None: ...

        def exec(self) -> bool:
            return True

        def analyst(self) -> str:
            return "dana"

        def database(self) -> str:
            return ""

        def deleteLater(self) -> None: ...

    monkeypatch.setattr(preferences, "PreferencesDialog", Accepting)
    window = MainWindow(
        Workspace(project), QSettings(str(tmp_path / "g.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    window.preferences_dialog()
    assert project.analyst == "dana"
    assert load_settings().analyst == "dana"
    assert "dana" in window.analyst_label.text()


def test_preferences_dialog_refuses_an_empty_name(qtbot) -> None:
    from annotator.gui.preferences import PreferencesDialog

    dialog = PreferencesDialog("alice", "/tmp/p.sqlite")
    qtbot.addWidget(dialog)
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "  ")
    assert not dialog._ok.isEnabled()
    qtbot.keyClicks(dialog.name_edit, "erin")
    assert dialog._ok.isEnabled()
    assert dialog.analyst() == "erin"


def test_export_from_the_window_keeps_offsets_with_emoji(
    qtbot, project: Project, tmp_path: Path
) -> None:
    source = tmp_path / "e.txt"
    source.write_text("Posts 🛰️📡 said 𝛼 the Orlan 🚀 plant is active.\n", encoding="utf-8")
    project.import_paths([source])
    window = active_main_window(qtbot, project, tmp_path / "g.ini", open_first=True)
    view = window.view
    view.setFocus()
    text = window.workspace.document.text
    start = text.index("the Orlan")
    end = start + len("the Orlan 🚀 plant")
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    # Right moves by grapheme (🛰️ is two code points), so steer by the caret, not a count.
    while len(text[:start].encode("utf-16-le")) // 2 > view.textCursor().position():
        qtbot.keyClick(view, Qt.Key.Key_Right)
    while (view.selected_range() or (0, 0))[1] < end:
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_range() == (start, end)
    qtbot.keyClick(view, Qt.Key.Key_1)
    out = tmp_path / "out.jsonl"
    window.export_to(out)
    qtbot.waitUntil(out.exists, timeout=10000)
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    (annotation,) = record["annotations"]
    assert record["text"][annotation["start"] : annotation["end"]] == annotation["quote"]
    assert annotation["quote"] == "the Orlan 🚀 plant"


def test_the_window_is_painted_before_the_project_opens(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``launch`` shows the window first: painted, saying the project is opening, every
    command but Quit disabled; then it opens the project into it and enables them."""
    from annotator.gui.actions import ActionId
    from annotator.gui.main_window import OPENING_TEXT

    seen: list[tuple[bool, bool, str, list[ActionId]]] = []
    real_open = app_module.open_project

    def open_project(db: str | None, parent: MainWindow | None = None) -> Project | None:
        assert isinstance(parent, MainWindow)
        enabled = [key for key, action in parent.actions_by_id.items() if action.isEnabled()]
        placeholder = parent.corpus.placeholder
        text = placeholder.text() if placeholder.isVisible() else ""
        seen.append((parent.isVisible(), parent.opening, text, enabled))
        return real_open(db, parent)

    monkeypatch.setattr(app_module, "open_project", open_project)
    window = app_module.launch(str(tmp_path / "p.sqlite"))
    assert window is not None
    qtbot.addWidget(window)
    assert seen == [(True, True, OPENING_TEXT, [ActionId.QUIT])]
    assert not window.opening and not window.corpus.placeholder.isVisible()
    assert window.actions_by_id[ActionId.IMPORT].isEnabled()
    assert not window.actions_by_id[ActionId.UNDO].isEnabled()  # nothing to undo yet
    assert "Analyst:" in window.analyst_label.text()
    window.close()
    window.workspace.project.close()


def test_the_first_paint_comes_before_sqlalchemy_is_imported(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from annotator.gui.app import show_window\n"
        "window = show_window()\n"
        "print(window.isVisible(), window.opening, 'sqlalchemy' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "ANNOTATOR_HOME": str(tmp_path)},
    )
    assert result.stdout.split() == ["True", "True", "False"], result.stderr


def test_start_up_runs_without_the_collector_and_turns_it_back_on(
    qtbot, tmp_path: Path, no_event_loop: list[MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``annotator`` pauses the collector for start-up, freezes what was loaded before the
    project opened (not the project: it can be replaced), and has it on again by the time
    the event loop runs; also when no project could be opened."""
    import gc

    from annotator.cli.main import main
    from annotator.gui import recovery

    states: list[bool] = []
    monkeypatch.setattr(app_module, "welcome", lambda window: states.append(gc.isenabled()))
    try:
        assert main(["--db", str(tmp_path / "p.sqlite")]) == 0
        (window,) = no_event_loop
        qtbot.addWidget(window)
        assert states == [True]  # on again before anything after launch runs
        assert gc.get_freeze_count() > 0
        live = gc.get_objects()
        assert not any(o is MainWindow for o in live)  # loaded code: frozen
        assert any(o is window.workspace.project for o in live)  # the project: collectable
        window.close()
        monkeypatch.setattr(recovery, "choose", lambda parent, text, choices: recovery.Choice.QUIT)
        assert main(["--db", str(tmp_path)]) == 1  # a folder: cannot be opened
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()
