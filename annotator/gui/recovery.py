"""When a project cannot be opened: explain, and offer the ways forward (issue 10).

Restore the latest backup (a damaged file, when a backup exists), open it read-only (a
damaged or read-only file that still opens that way), choose another file, or quit.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from annotator.core import backups, paths
from annotator.core.errors import AnnotatorError, DamagedDatabaseError, ReadOnlyDatabaseError
from annotator.core.project import Project
from annotator.core.storage.engine import resolve_url, sqlite_path
from annotator.gui.dialogs import run_modal

log = logging.getLogger(__name__)


class Choice(enum.Enum):
    RESTORE = "Restore latest backup"
    READ_ONLY = "Open read-only"
    OTHER = "Choose another file…"
    QUIT = "Quit"


@dataclass
class Outcome:
    """What to do next: a project to use, a location to try, or neither (quit)."""

    project: Project | None = None
    retry: str | None = None


def choose(parent: QWidget | None, text: str, choices: list[Choice]) -> Choice:
    """Ask with one button per choice; Escape or closing the box means Quit."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Cannot open the project")
    box.setText(text)
    roles = {
        Choice.RESTORE: QMessageBox.ButtonRole.AcceptRole,
        Choice.READ_ONLY: QMessageBox.ButtonRole.ActionRole,
        Choice.OTHER: QMessageBox.ButtonRole.ActionRole,
        Choice.QUIT: QMessageBox.ButtonRole.RejectRole,
    }
    buttons = {box.addButton(choice.value, roles[choice]): choice for choice in choices}
    first = next(iter(buttons))
    box.setDefaultButton(first)
    box.setEscapeButton(next(b for b, c in buttons.items() if c is Choice.QUIT))
    run_modal(box)
    clicked = box.clickedButton()
    return next((c for b, c in buttons.items() if b is clicked), Choice.QUIT)


def recover(parent: QWidget | None, target: str | None, exc: AnnotatorError) -> Outcome:
    """Offer the ways forward for ``exc`` (raised opening ``target``) and carry one out."""
    try:
        path = sqlite_path(resolve_url(target))
    except AnnotatorError:
        path = None
    latest = backups.latest_backup(path) if path is not None else None
    damaged = isinstance(exc, DamagedDatabaseError)
    choices: list[Choice] = []
    if damaged and latest is not None:
        choices.append(Choice.RESTORE)
    read_only: Project | None = None
    if (damaged or isinstance(exc, ReadOnlyDatabaseError)) and path is not None:
        try:
            read_only = Project.open(path, read_only=True)
            choices.append(Choice.READ_ONLY)
        except AnnotatorError as second:
            log.info("read-only opening of %s failed too: %s", path, second)
    choices += [Choice.OTHER, Choice.QUIT]
    text = str(exc)
    if Choice.RESTORE in choices and latest is not None:
        when = latest.created.astimezone().strftime("%Y-%m-%d %H:%M")
        text += (
            f"\n\nRestore latest backup: puts back the copy of {when} "
            f"({latest.documents if latest.documents is not None else '?'} documents); "
            "the current file is kept beside it."
        )
    if Choice.READ_ONLY in choices:
        text += "\n\nOpen read-only: read and export what can be read; nothing is changed."
    choice = choose(parent, text, choices)
    if read_only is not None and choice is not Choice.READ_ONLY:
        read_only.close()
    if choice is Choice.READ_ONLY:
        return Outcome(project=read_only)
    if choice is Choice.RESTORE and path is not None and latest is not None:
        done = backups.restore(latest.path, path)
        log.warning("restored %s from %s (previous file: %s)", path, latest.path, done.kept_as)
        return Outcome(retry=str(path))
    if choice is Choice.OTHER:
        chosen = choose_file(parent)
        return Outcome(retry=chosen) if chosen else Outcome()
    return Outcome()


def choose_file(parent: QWidget | None) -> str:
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        "Open or create a project",
        str(paths.data_dir()),
        "Annotator projects (*.sqlite);;All files (*)",
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    return chosen
