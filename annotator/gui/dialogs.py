"""Messages to the analyst: their own errors plainly, our bugs with details and the log."""

from __future__ import annotations

import logging
import traceback
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton, QWidget

from annotator.core import paths
from annotator.core.errors import AnnotatorError

if TYPE_CHECKING:
    from annotator.core.importing import ImportReport

log = logging.getLogger(__name__)


def run_modal(dialog: QDialog) -> int:
    """``exec()`` the dialog, then have Qt delete it once control is back in the event loop
    (what it holds stays readable until then). A dialog parented to the main window lived
    as long as the window: every search, agreement report or message box of a day's
    session stayed in memory, hidden."""
    try:
        return dialog.exec()
    finally:
        dialog.deleteLater()


def show_error(parent: QWidget | None, exc: BaseException, title: str = "Annotator") -> None:
    """An ``AnnotatorError`` shows its message; anything else is logged with a report."""
    box = QMessageBox(parent)
    box.setWindowTitle(title)
    box.setIcon(QMessageBox.Icon.Warning)
    if isinstance(exc, AnnotatorError):
        box.setText(str(exc))
    else:
        log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
        box.setText(
            "Something went wrong that Annotator did not expect. Your saved work is safe.\n"
            f"Details are in the log: {paths.log_file()}"
        )
        report = crash_report(exc)
        box.setDetailedText(report)
        add_copy_report_button(box, report)
    run_modal(box)


def add_copy_report_button(box: QMessageBox, report: str) -> QPushButton:
    """A "Copy report" button that puts the report on the clipboard, keeping the box open
    (an ActionRole button would close it, so the click is handled before that)."""
    box.addButton(QMessageBox.StandardButton.Ok)
    button = QPushButton("Copy report")
    box.addButton(button, QMessageBox.ButtonRole.ActionRole)
    button.clicked.disconnect()  # QMessageBox's own handler would close the box

    def copy() -> None:
        QGuiApplication.clipboard().setText(report)
        button.setText("Copied")

    button.clicked.connect(copy)
    return button


def crash_report(exc: BaseException) -> str:
    import platform

    from annotator import __version__

    lines = traceback.format_exception(type(exc), exc, exc.__traceback__)
    return (
        f"Annotator {__version__}, Python {platform.python_version()}, {platform.platform()}\n\n"
        + "".join(lines)
    )


def import_report_text(report: ImportReport, limit: int = 12) -> str:
    from annotator.core.importing import Outcome  # loaded by the import that reported

    lines = [report.summary()]
    failures = report.failures
    for item in failures[:limit]:
        lines.append(f"• {item.message}")
    if len(failures) > limit:
        lines.append(f"… and {len(failures) - limit} more failures")
    warnings = [warning for item in report.items for warning in item.warnings]
    lines.extend(f"• {warning}" for warning in warnings[:limit])
    if len(warnings) > limit:
        lines.append(f"… and {len(warnings) - limit} more warnings")
    duplicates = [i for i in report.items if i.outcome is Outcome.DUPLICATE]
    if duplicates:
        names = ", ".join(i.origin.rsplit("/", 1)[-1] for i in duplicates[:5])
        more = "…" if len(duplicates) > 5 else ""
        lines.append(f"Already in the project (skipped): {names}{more}")
    return "\n".join(lines)


def show_import_report(parent: QWidget | None, report: ImportReport) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle("Import")
    box.setIcon(QMessageBox.Icon.Warning if report.failures else QMessageBox.Icon.Information)
    box.setText(import_report_text(report))
    run_modal(box)
