"""The main window as the GUI tests drive it: loaded, shown and active.

Tag hotkeys and menu accelerators only reach the active window, so every test that
presses them starts from one; this is the one way they make it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator.core.project import Project
from annotator.gui.main_window import MainWindow
from annotator.gui.workspace import Workspace


def active_main_window(
    qtbot: QtBot, project: Project, settings_file: Path, *, open_first: bool
) -> MainWindow:
    """A window on ``project`` (its layout kept in ``settings_file``), shown and active;
    ``open_first``: with the corpus list's first document open."""
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    window = MainWindow(Workspace(project), settings)
    qtbot.addWidget(window)
    window.load()
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    if open_first:
        window.corpus.step(0)
        qtbot.waitUntil(lambda: window.workspace.document is not None)
    return window


def corpus_listed(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until the corpus list shows its latest re-read, which runs on the thread pool
    (``CorpusRefresh``) after an import, a new tag set or another project."""
    qtbot.waitUntil(lambda: not window.corpus_refresh.pending)


def window_on(qtbot: QtBot, project: Project, source: Path) -> MainWindow:
    """A shown, active window on ``project`` after importing ``source``, its first
    document open (the layout kept beside ``source``)."""
    project.import_paths([source])
    return active_main_window(qtbot, project, source.parent / "gui.ini", open_first=True)


def window_on_article(qtbot: QtBot, project: Project, folder: Path, text: str) -> MainWindow:
    """``window_on`` an article of ``text``, written to a file in ``folder``."""
    source = folder / "article.txt"
    source.write_text(text, encoding="utf-8")
    return window_on(qtbot, project, source)
