"""A project that cannot be opened offers the ways forward (issue 10): restore the latest
backup, open read-only, another file, quit; unexpected errors offer "Copy report"."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core import backups
from annotator.core.project import Project
from annotator.gui import app as app_module
from annotator.gui import dialogs, recovery
from tests.gui.windows import corpus_listed


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    """A project of 40 articles and a backup of it, then pages in the middle overwritten
    (the schema pages at the start still read: read-only opening works)."""
    db = tmp_path / "p.sqlite"
    with Project.open(db, analyst="a") as project:
        for i in range(40):
            article = tmp_path / f"a{i}.txt"
            article.write_text(f"title: Depot {i}\n\n" + f"The depot {i} grew. " * 400)
            project.import_paths([article])
    backups.make_backup(db)
    data = db.read_bytes()
    db.write_bytes(data[:200_000] + b"\xff" * 8192 + data[208_192:])
    return db


def _click(monkeypatch: pytest.MonkeyPatch, label: str, seen: list[list[str]]) -> None:
    """Answer the next message boxes by clicking the button with this label."""

    def exec_(box: QMessageBox) -> int:
        labels = [button.text() for button in box.buttons()]
        seen.append(labels)
        (button,) = [b for b in box.buttons() if b.text() == label]
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)


def test_damaged_project_offers_restore_and_read_only_and_restore_works(
    qtbot, damaged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[list[str]] = []
    _click(monkeypatch, recovery.Choice.RESTORE.value, seen)
    project = app_module.open_project(str(damaged))
    assert project is not None
    with project:
        assert not project.read_only
        assert len(project.documents()) == 40
    assert sorted(seen[0]) == sorted(c.value for c in recovery.Choice)
    assert list(damaged.parent.glob("p.sqlite.damaged-*"))  # the damaged file is kept


def test_damaged_project_can_be_opened_read_only(
    qtbot, damaged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[list[str]] = []
    _click(monkeypatch, recovery.Choice.READ_ONLY.value, seen)
    before = damaged.read_bytes()
    project = app_module.open_project(str(damaged))
    assert project is not None and project.read_only
    project.close()
    assert damaged.read_bytes() == before


def test_without_a_backup_restore_is_not_offered_and_quit_quits(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "junk.sqlite"
    db.write_bytes(b"not a database at all" * 200)
    seen: list[list[str]] = []
    _click(monkeypatch, recovery.Choice.QUIT.value, seen)
    assert app_module.open_project(str(db)) is None
    assert sorted(seen[0]) == sorted([recovery.Choice.OTHER.value, recovery.Choice.QUIT.value])


def test_choose_another_file(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []
    _click(monkeypatch, recovery.Choice.OTHER.value, seen)
    other = tmp_path / "other.sqlite"
    monkeypatch.setattr(recovery, "choose_file", lambda parent: str(other))
    project = app_module.open_project(str(tmp_path))  # a folder
    assert project is not None
    with project:
        assert project.location.endswith("other.sqlite")


def test_unexpected_error_offers_copy_report(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    boxes: list[QMessageBox] = []

    def exec_(box: QMessageBox) -> int:
        boxes.append(box)
        (copy,) = [b for b in box.buttons() if b.text() == "Copy report"]
        copy.click()
        assert box.clickedButton() is None  # copying does not close the box
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        dialogs.show_error(None, exc)
    copied = QApplication.clipboard().text()
    assert "Annotator" in copied and "Python" in copied
    assert "RuntimeError: boom" in copied and "Traceback" in copied
    assert boxes[0].detailedText() == copied


def test_damage_found_after_the_window_shows_offers_restore(
    qtbot, damaged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At start the quick_check runs after the window shows (``launch``): a damaged file
    still gets the same choices, and restoring reopens the project in the same window."""
    seen: list[list[str]] = []
    _click(monkeypatch, recovery.Choice.RESTORE.value, seen)
    window = app_module.launch(str(damaged))
    assert window is not None
    qtbot.addWidget(window)
    assert window.isVisible()
    qtbot.waitUntil(lambda: bool(seen), timeout=20000)
    assert sorted(seen[0]) == sorted(c.value for c in recovery.Choice)
    project = window.workspace.project
    assert not project.read_only
    assert len(project.documents()) == 40
    corpus_listed(qtbot, window)  # the restored project's corpus, read on the thread pool
    assert window.corpus.model.rowCount() == 40
    assert list(damaged.parent.glob("p.sqlite.damaged-*"))
    window.close()
    project.close()


def test_a_sound_file_is_checked_after_the_window_shows_and_left_open(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[list[str]] = []
    _click(monkeypatch, recovery.Choice.QUIT.value, seen)
    window = app_module.launch(str(tmp_path / "fine.sqlite"))
    assert window is not None
    qtbot.addWidget(window)
    check = window.integrity_check
    assert isinstance(check, app_module.IntegrityCheck)
    qtbot.waitUntil(check.finished.is_set, timeout=20000)
    QApplication.processEvents()
    assert seen == [] and window.isVisible()
    window.close()
    window.workspace.project.close()


def test_damage_met_while_the_window_loads_is_checked_and_offered_at_once(
    qtbot, damaged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When reading the project fails before the deferred check ran (the damaged page
    holds documents), the file is checked there and then and the ways forward offered."""
    from annotator.core.errors import DatabaseError
    from annotator.gui.main_window import MainWindow

    seen: list[list[str]] = []
    _click(monkeypatch, recovery.Choice.RESTORE.value, seen)
    real_load = MainWindow.load
    loads: list[int] = []

    def load_failing_once(self: MainWindow) -> None:
        loads.append(1)
        if len(loads) == 1:
            raise DatabaseError("database disk image is malformed")
        real_load(self)

    monkeypatch.setattr(MainWindow, "load", load_failing_once)
    window = app_module.launch(str(damaged))
    assert window is not None
    qtbot.addWidget(window)
    assert seen and window.isVisible() and window.integrity_check is None
    assert not window.workspace.project.read_only
    assert window.corpus.model.rowCount() == 40
    window.close()
    window.workspace.project.close()
