"""Team mode in the window (issue #8): a colleague's edits appear live without touching
the analyst's selection or undo stack; a conflicting edit asks keep mine / take theirs /
keep both by real clicks; the status bar tells when the server is gone and back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.project import Project
from annotator.gui.conflict_dialog import ConflictDialog
from annotator.gui.main_window import MainWindow
from bench.pg_cluster import Cluster
from tests.gui.windows import active_main_window

ARTICLE = (
    "title: Calder plant\n\n"
    "Officials 😀 said the Calder plant would reopen in May.\n\n"
    "Analysts believe the Orlan site is likely active.\n"
)


def open_window(qtbot, location: str, analyst: str, tmp_path: Path) -> MainWindow:
    project = Project.open(location, analyst=analyst)
    if not project.documents():
        source = tmp_path / "calder.txt"
        source.write_text(ARTICLE, encoding="utf-8")
        project.import_paths([source])
    window = active_main_window(qtbot, project, tmp_path / f"{analyst}.ini", open_first=True)
    window.view.setFocus()
    return window


def select_text(window: MainWindow, start: int, end: int) -> None:
    cursor = window.view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
    window.view.setTextCursor(cursor)


def test_colleagues_edits_appear_live_and_leave_my_work_alone(
    qtbot, pg_url: str, tmp_path: Path
) -> None:
    location = pg_url
    window = open_window(qtbot, location, "alice", tmp_path)
    qtbot.waitUntil(lambda: "Live" in window.live.indicator.text(), timeout=10_000)
    document = window.workspace.document
    assert document is not None
    text = document.text
    start = text.index("Calder")
    select_text(window, 0, 4)  # plain ASCII prefix: UTF-16 and code points agree
    qtbot.keyClick(window.view, Qt.Key.Key_1)  # my own tag, on the undo stack
    qtbot.waitUntil(lambda: window.panel.model.rowCount() == 1)
    select_text(window, 5, 9)
    undo_steps = window.workspace.undo_stack.count()
    with Project.open(location, analyst="bob") as bob:
        theirs = bob.tag_span(document.id, start, start + len("Calder plant"), "facility")
        qtbot.waitUntil(lambda: window.panel.model.find(theirs.id) is not None, timeout=3000)
        assert window.view.selected_range() == (5, 9)
        assert window.workspace.undo_stack.count() == undo_steps
        bob.apply(bob.relabel(theirs.id, "quote"))
        qtbot.waitUntil(
            lambda: (window.panel.model.find(theirs.id) or theirs).tag == "quote", timeout=3000
        )
        bob.apply(bob.delete(theirs.id))
        qtbot.waitUntil(lambda: window.panel.model.find(theirs.id) is None, timeout=3000)
    assert window.view.selected_range() == (5, 9)
    summary = window.corpus.model.index(0, 0)
    assert summary.isValid()
    window.close()
    window.workspace.project.close()


@pytest.mark.both_backends
@pytest.mark.parametrize("button", ["Keep &mine", "Take &theirs", "Keep &both"])
def test_a_conflicting_edit_asks_and_does_what_was_chosen(
    qtbot, backend: str, location: str, tmp_path: Path, button: str, monkeypatch
) -> None:
    window = open_window(qtbot, location, "alice", tmp_path)
    window.live.stop()  # so the colleague's change is not shown before I edit
    workspace = window.workspace
    document = workspace.document
    assert document is not None
    start = document.text.index("Calder")
    mine = workspace.project.tag_span(document.id, start, start + 6, "claim")
    workspace.open_document(document.id)
    with Project.open(location, analyst="alice") as other_window:
        other_window.apply(other_window.relabel(mine.id, "quote"))
    window.view.select_span(mine.id)

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ConflictDialog), dialog
        assert "changed in the meantime" in dialog.text() and "quote" in dialog.text()
        target = next(b for b in dialog.buttons() if b.text() == button)
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton)

    QTimer.singleShot(200, choose)
    qtbot.keyClick(window.view, Qt.Key.Key_3)  # relabel as facility: meets the conflict
    with Project.open(location, analyst="check") as check:
        tags = sorted(a.tag for a in check.annotations(document.id))
    expected = {"Keep &mine": ["facility"], "Take &theirs": ["quote"],
                "Keep &both": ["facility", "quote"]}[button]
    assert tags == expected
    shown = sorted(a.tag for a in window.panel.model.all())
    assert shown == expected  # the window shows what the database holds
    window.close()
    workspace.project.close()


def test_escape_in_the_conflict_dialog_takes_theirs(qtbot) -> None:
    from annotator.core.conflicts import Conflict, Resolution
    from annotator.core.edits import DeleteAnnotation
    from annotator.core.model import Annotation, AnnotationId, DocumentId

    theirs = Annotation(AnnotationId("a"), DocumentId("d"), "quote", 0, 4, "Cald", "bob")
    dialog = ConflictDialog(Conflict(DeleteAnnotation(theirs), theirs))
    qtbot.addWidget(dialog)
    QTimer.singleShot(100, lambda: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    dialog.exec()
    assert dialog.choice() is Resolution.TAKE_THEIRS
    assert isinstance(dialog, QMessageBox)



def test_the_status_bar_shows_offline_and_back(qtbot, own_cluster: Cluster, tmp_path: Path) -> None:
    window = open_window(qtbot, own_cluster.url(), "alice", tmp_path)
    indicator = window.live.indicator
    qtbot.waitUntil(lambda: "Live" in indicator.text(), timeout=10_000)
    own_cluster.stop("immediate")
    qtbot.waitUntil(lambda: "Offline" in indicator.text(), timeout=10_000)
    own_cluster.start()
    qtbot.waitUntil(lambda: "Live" in indicator.text(), timeout=15_000)
    window.close()
    window.workspace.project.close()


def test_preferences_test_the_connection_and_switch_to_a_server(
    qtbot, pg_url: str, tmp_path: Path, monkeypatch
) -> None:
    from annotator.gui.preferences import PreferencesDialog

    window = open_window(qtbot, str(tmp_path / "local.sqlite"), "alice", tmp_path)
    seen: list[PreferencesDialog] = []

    failures: list[str] = []

    def fill_in() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, PreferencesDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(100, fill_in)
            return
        dialog = dialogs[0]
        seen.append(dialog)
        try:
            type_and_test(dialog)
        except Exception as failure:
            failures.append(repr(failure))
            dialog.reject()

    def type_and_test(dialog: PreferencesDialog) -> None:
        dialog.database_edit.clear()
        qtbot.keyClicks(dialog.database_edit, pg_url.rsplit("/", 1)[0] + "/nope")
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
        assert "Check the database name" in dialog.test_result.text()
        dialog.database_edit.clear()
        qtbot.keyClicks(dialog.database_edit, pg_url)
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
        assert "set up a project there" in dialog.test_result.text()
        qtbot.mouseClick(dialog._ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(100, fill_in)
    window.preferences_dialog()
    assert not failures, failures
    assert seen and window.workspace.project.store.engine.dialect.name == "postgresql"
    qtbot.waitUntil(lambda: "Live" in window.live.indicator.text(), timeout=10_000)
    window.close()
    window.workspace.project.close()
