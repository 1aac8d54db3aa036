"""Starting the GUI: the application object, the window, the project (with a way out when
it cannot be opened), first-run samples, and a last-resort handler for unexpected errors.

The window shows first, then the project opens: the window's modules import nothing of the
storage stack (SQLAlchemy, the ORM, migrations: most of a cold start), so the analyst sees
the window in a fraction of the time and the project fills it a moment later
(``launch``; tests/gui/test_lazy_imports.py keeps the storage stack out of the window's
imports)."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from annotator.core import paths
from annotator.core.bulk import freeze_startup_objects, startup_finished
from annotator.core.errors import AnnotatorError
from annotator.core.logs import configure_logging
from annotator.gui.dialogs import run_modal, show_error
from annotator.gui.main_window import MainWindow

if TYPE_CHECKING:
    from annotator.core.project import Project

log = logging.getLogger(__name__)
BUNDLE_SUFFIX = ".annobundle"  # the file type packaging/linux associates with Annotator
FIRST_PAINT_WAIT_MS = 1000  # a window the desktop never exposes (e.g. started minimised)


def gui_settings() -> QSettings:
    """Window state lives beside the core settings, in the platformdirs config folder."""
    return QSettings(str(paths.config_dir() / "gui.ini"), QSettings.Format.IniFormat)


def application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Annotator")
    app.setOrganizationName("Annotator")
    app.setDesktopFileName("io.github.annotator.Annotator")  # matches packaging/linux
    icon = app_icon()
    if icon is not None:
        app.setWindowIcon(icon)
    return app


def app_icon() -> QIcon | None:
    from importlib import resources

    icon = resources.files("annotator.resources") / "icons" / "annotator.svg"
    return QIcon(str(icon)) if icon.is_file() else None


def open_project(
    db: str | None, parent: QWidget | None = None, found: AnnotatorError | None = None
) -> Project | None:
    """Open the project; on failure explain and offer the ways forward (see ``recovery``).
    ``found``: what is already known to be wrong with ``db`` (the deferred integrity check)."""
    from annotator.core.project import Project
    from annotator.gui.recovery import recover

    target: str | None = db
    while True:
        try:
            if found is not None:
                raise found
            return Project.open(target)
        except AnnotatorError as exc:
            found = None
            log.warning("cannot open project %s: %s", target, exc)
            try:
                outcome = recover(parent, target, exc)
            except AnnotatorError as failed:  # e.g. the backup turned out damaged too
                show_error(parent, failed)
                continue
            if outcome.project is not None:
                return outcome.project
            if outcome.retry is None:
                return None
            target = outcome.retry


def install_excepthook(window: QWidget) -> None:
    """Unexpected errors in slots: log them, show a report, keep the app running."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("uncaught exception", exc_info=(kind, exc, tb))
        if isinstance(exc, KeyboardInterrupt):
            QApplication.quit()
            return
        show_error(window, exc.with_traceback(tb))

    sys.excepthook = hook


def welcome(window: MainWindow) -> None:
    """First run only: who am I, and something to start with."""
    from annotator.core.samples import sample_paths
    from annotator.core.settings import load_settings, save_settings
    from annotator.gui.welcome import Start, WelcomeDialog

    settings = load_settings()
    if settings.welcomed:
        return
    dialog = WelcomeDialog(settings.analyst, window)
    accepted = run_modal(dialog)
    name = dialog.analyst() if accepted else settings.analyst
    if window.workspace.project.team is None:  # in a team project the login is the name
        try:
            window.workspace.set_analyst(name or settings.analyst)
        except AnnotatorError as exc:  # e.g. the reserved name "gold": say so, keep going
            show_error(window, exc)
    save_settings(replace(settings, analyst=window.workspace.project.analyst, welcomed=True))
    if not accepted:
        return
    if dialog.choice is Start.SAMPLES:
        window.import_paths(sample_paths())
    elif dialog.choice is Start.IMPORT:
        window.import_dialog()


def open_files(window: MainWindow, paths: list[Path]) -> None:
    """Files from the command line or the desktop: a colleague's bundle is previewed before
    it merges (as File ▸ Import colleague's work does); anything else is imported."""
    from annotator.gui import exchange

    bundles = [path for path in paths if path.suffix.lower() == BUNDLE_SUFFIX]
    for bundle in bundles:
        window.statusBar().showMessage(
            exchange.import_colleague_work(window.workspace, window, bundle), 8000
        )
    others = [path for path in paths if path not in bundles]
    if others:
        window.import_paths(others)


class IntegrityCheck(QObject):
    """``PRAGMA quick_check`` of the opened file on a thread, after the window shows (it
    costs 65-110 ms on a 30 MB file on the GUI thread). A damaged file is then handled as
    on open: the project is closed and the ways forward offered (``recovery``)."""

    damaged = Signal(object)  # the DamagedDatabaseError, delivered on the GUI thread

    def __init__(self, window: MainWindow, path: Path) -> None:
        super().__init__(window)
        self._window = window
        self._path = path
        self.finished = threading.Event()
        self.damaged.connect(self._offer_recovery)

    def start(self) -> None:
        threading.Thread(target=self._run, name="quick_check", daemon=True).start()

    def _run(self) -> None:
        from annotator.core.storage.engine import verify_sqlite_file

        try:
            verify_sqlite_file(self._path)
        except AnnotatorError as exc:
            self.damaged.emit(exc)
        except Exception:  # pragma: no cover - a check that cannot run is not a finding
            log.warning("integrity check of %s failed to run", self._path, exc_info=True)
        finally:
            self.finished.set()

    def _offer_recovery(self, exc: AnnotatorError) -> None:
        from annotator.core.storage.engine import sqlite_path

        workspace = self._window.workspace
        if sqlite_path(workspace.project.store.engine.url) != self._path:
            return  # another project was opened meanwhile
        log.warning("the integrity check found %s damaged: %s", self._path, exc)
        workspace.project.close()  # restoring moves the file aside
        project = open_project(str(self._path), self._window, found=exc)
        if project is None:
            self._window.close()
            return
        workspace.replace_project(project)


class _FirstPaint(QObject):
    """Calls ``done`` once the watched window has been painted: on the next turn of the
    event loop, when the paint has been flushed to the screen. Deleting it stops both."""

    def __init__(self, window: QWidget, done: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._done = done
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._done)
        return False


def show_window() -> MainWindow:
    """The main window shown and painted, before the project is opened
    (``MainWindow.before_project``: its commands are disabled until ``load_project``)."""
    application()
    window = MainWindow.before_project(gui_settings())
    painted = QEventLoop()
    _FirstPaint(window, painted.quit, painted)
    give_up = QTimer(painted)
    give_up.setSingleShot(True)
    give_up.timeout.connect(painted.quit)
    give_up.start(FIRST_PAINT_WAIT_MS)
    window.show()
    # Input waits until the project is open (the window could not act on it anyway).
    painted.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    return window


def load_project(window: MainWindow, db: str | None) -> bool:
    """Open the project into the shown window and fill it; the file's integrity check runs
    after that (``IntegrityCheck``). False if no project could be opened."""
    import annotator.core.project  # noqa: F401  (the storage stack: loaded, then frozen)
    from annotator.core.storage.engine import integrity_check_deferred, sqlite_path

    freeze_startup_objects()
    with integrity_check_deferred() as unchecked:
        project = open_project(db, window)
    if project is None:
        return False
    install_excepthook(window)
    path = sqlite_path(project.store.engine.url)
    unchecked_path = path if path is not None and path in unchecked else None
    try:
        window.attach_project(project)
    except AnnotatorError as exc:
        if unchecked_path is None:
            raise
        replacement = _reopen_after_failed_load(window, unchecked_path, exc)
        if replacement is None:
            return False
        unchecked_path = None  # checked now: the file was restored or is open read-only
    if unchecked_path is not None:
        window.integrity_check = IntegrityCheck(window, unchecked_path)
        window.integrity_check.start()
    return True


def launch(db: str | None) -> MainWindow | None:
    """The application and the window, shown and painted first; then the project opened
    into it (``load_project``). None if no project could be opened (the window closes)."""
    window = show_window()
    if not load_project(window, db):
        window.close()
        window.deleteLater()
        return None
    return window


def _reopen_after_failed_load(
    window: MainWindow, path: Path, failed: AnnotatorError
) -> Project | None:
    """Reading the project failed before its deferred check ran: check now, and if the file
    is damaged offer the ways forward as opening would have; else the error stands."""
    from annotator.core.storage.engine import verify_sqlite_file

    try:
        verify_sqlite_file(path)
    except AnnotatorError as damaged:
        log.warning("the project %s failed to load and is damaged: %s", path, damaged)
        window.workspace.project.close()
        project = open_project(str(path), window, found=damaged)
        if project is not None:
            window.workspace.replace_project(project)
            window.load()
        return project
    raise failed


def run_app(db: str | None, files: list[str]) -> int:
    configure_logging()
    app = application()
    try:
        window = launch(db)
    finally:
        startup_finished()  # the collector, paused by the entry point
    if window is None:
        return 1
    if files:
        open_files(window, [Path(name) for name in files])
    else:
        welcome(window)
    code = app.exec()
    window.workspace.project.close()
    return int(code)
