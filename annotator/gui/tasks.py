"""Long work off the GUI thread, with a progress dialog and Cancel (picard's thread helper).

The work is a core function taking ``progress(done, total)`` and ``cancelled()``; its
result or exception is handed back on the GUI thread. The store serializes writes, and each
call opens its own session, so a worker thread never shares one with the GUI.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)

Work = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]


class _Relay(QObject):
    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, work: Work, relay: _Relay, stop: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._relay = relay
        self._stop = stop

    def run(self) -> None:
        try:
            result = self._work(self._relay.progressed.emit, self._stop.is_set)
        except Exception as exc:
            log.warning("background task failed", exc_info=True)
            self._relay.failed.emit(exc)
        else:
            self._relay.finished.emit(result)


class _ProgressDialog(QProgressDialog):
    """Without ``cancellable``, no Cancel button, and neither Esc nor closing the dialog
    lets the window be used before the work is done."""

    def __init__(self, label: str, parent: QWidget, *, cancellable: bool) -> None:
        super().__init__(label, "Cancel", 0, 0, parent)
        self._cancellable = cancellable
        if not cancellable:
            self.setCancelButton(None)  # no button

    def reject(self) -> None:
        if self._cancellable:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._cancellable:
            super().closeEvent(event)
        else:
            event.ignore()


class BackgroundTask(QObject):
    """One piece of long work; keep a reference until ``done`` or ``error`` fires."""

    done = Signal(object)
    error = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        label: str,
        work: Work,
        *,
        show_at_once: bool = False,
        cancellable: bool = True,
        quiet: bool = False,
    ) -> None:
        """``show_at_once``: the dialog shows (and blocks the window) from the start, for
        work the window must not be edited during; else only work that lasts shows it.
        ``cancellable``: False for work that is one transaction, all or nothing.
        ``quiet``: no dialog at all, for reads the window goes on being used during (its
        result replaces what a view shows)."""
        super().__init__(parent)
        self._stop = threading.Event()
        self._relay = _Relay()
        self._dialog: _ProgressDialog | None = None
        if not quiet:
            self._dialog = _ProgressDialog(label, parent, cancellable=cancellable)
            self._dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self._dialog.setMinimumDuration(0 if show_at_once else 400)
            if show_at_once:
                self._dialog.show()
            self._dialog.canceled.connect(self._stop.set)
            self._relay.progressed.connect(self._on_progress)
        self._relay.finished.connect(self._on_finished)
        self._relay.failed.connect(self._on_failed)
        self._runnable = _Runnable(work, self._relay, self._stop)

    def start(self) -> None:
        QThreadPool.globalInstance().start(self._runnable)

    def cancel(self) -> None:
        """As the Cancel button: the work stops where it next asks (if it ever does)."""
        self._stop.set()

    def _on_progress(self, done: int, total: int) -> None:
        assert self._dialog is not None  # connected only with a dialog
        self._dialog.setMaximum(max(total, 0))
        self._dialog.setValue(done if total else 0)

    def _close(self) -> None:
        if self._dialog is None:
            return
        self._dialog.canceled.disconnect(self._stop.set)
        self._dialog.reset()
        self._dialog.deleteLater()

    def _on_finished(self, result: object) -> None:
        self._close()
        self.done.emit(result)

    def _on_failed(self, exc: object) -> None:
        self._close()
        self.error.emit(exc)


def wait_for_pool(timeout_ms: int = 30000) -> bool:
    """For shutdown and tests: let running work finish (it commits per document)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
