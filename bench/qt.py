"""The Qt side of the benchmarks: one application, windows shown the way an analyst sees them.

``QT_QPA_PLATFORM`` defaults to ``offscreen`` so the benchmarks run on machines without a
display; painting still happens for real (into the offscreen backing store).
"""

from __future__ import annotations

import itertools
import os
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from typing import cast

from PySide6.QtCore import (
    QEvent,
    QMessageLogContext,
    QObject,
    QPoint,
    QRect,
    QSettings,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QPaintEvent, QRegion
from PySide6.QtWidgets import QApplication, QWidget

from annotator.core.project import Project

PLATFORM_NOISE = "This plugin does not support"
WINDOW_SIZE = (1280, 800)
_settings_files = itertools.count(1)


def application() -> QApplication:
    """The one QApplication, built like the app builds it (name, organisation, icon)."""
    from annotator.gui.app import application as app_application

    qInstallMessageHandler(_quiet_platform_noise)
    return app_application()


def _quiet_platform_noise(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """The offscreen platform complains about window features it lacks; nothing else is hidden."""
    if PLATFORM_NOISE not in message:
        print(f"Qt {kind.name}: {message}", flush=True)


def process_events() -> None:
    QApplication.processEvents()


def settings(home: Path) -> QSettings:
    """Window state in the benchmark's home, never the analyst's ``gui.ini``.

    A new file per window: a closed window saves its last document, and the next window
    must not reopen it behind the benchmark's back.
    """
    name = f"bench-gui-{next(_settings_files)}.ini"
    return QSettings(str(home / name), QSettings.Format.IniFormat)


def main_window(project: Project, home: Path) -> Any:
    """A shown and active ``MainWindow`` on ``project`` (tag hotkeys need an active window)."""
    from annotator.gui.main_window import MainWindow
    from annotator.gui.workspace import Workspace

    window = MainWindow(Workspace(project), settings(home))
    window.resize(*WINDOW_SIZE)
    window.load()
    show_active(window)
    return window


def show_active(widget: QWidget, timeout: float = 5.0) -> None:
    widget.show()
    widget.activateWindow()
    process_events()  # shows, paints and (offscreen) activates it: no sleep in the timing
    deadline = time.monotonic() + timeout
    while QApplication.activeWindow() is not widget and time.monotonic() < deadline:
        time.sleep(0.005)
        process_events()


def close(widget: QWidget) -> None:
    """Close and really delete: ``processEvents`` never runs deferred deletes, so without
    the explicit send every window of a run (each with its 1 MB document laid out) stayed
    alive behind the benchmarks that followed."""
    widget.close()
    widget.deleteLater()
    process_events()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


class Painted(QObject):
    """The region a widget has painted since ``clear``. A benchmark that times an action
    up to the paints the event loop makes for it (rather than forcing a repaint of its
    own) checks with ``covers`` that what it claims was painted was."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.region = QRegion()
        widget.installEventFilter(self)

    def clear(self) -> None:
        self.region = QRegion()

    def covers(self, area: QRect | QPoint) -> bool:
        return self.region.contains(area)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.region += cast(QPaintEvent, event).region()
        return False
