"""The GUI's state: the open project, the undo stack and the current document.

Views listen to its past-tense signals and never talk to each other; the main window only
wires them. Every edit goes through ``do`` so it is committed, undoable and announced.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.core.conflicts import Conflict, Resolution, resolved_edit
from annotator.core.edits import Change, CompositeEdit, Edit
from annotator.core.errors import ConflictError, OfflineError, StaleEditError
from annotator.core.model import Document

if TYPE_CHECKING:
    from annotator.core.project import Project

log = logging.getLogger(__name__)


class EditCommand(QUndoCommand):
    """The one undo command: it wraps any core edit. The first redo is skipped because
    ``Workspace.do`` has already applied the edit (so a failure never reaches the stack)."""

    def __init__(self, workspace: Workspace, edit: Edit) -> None:
        super().__init__(edit.label)
        self._workspace = workspace
        self._edit = edit
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        project = self._workspace.project
        self._workspace.run_guarded(lambda: project.apply(self._edit), self._step("Redoing"))

    def undo(self) -> None:
        project = self._workspace.project
        self._workspace.run_guarded(lambda: project.revert(self._edit), self._step("Undoing"))

    def _step(self, doing: str) -> str | None:
        """For an edit too big for the GUI thread, what its progress dialog says."""
        parts = len(self._edit.edits) if isinstance(self._edit, CompositeEdit) else 1
        return f"{doing} “{self._edit.label}”…" if parts >= LONG_EDIT else None


LONG_EDIT = 2000
"""Parts from which an edit's undo and redo run off the GUI thread (2,000 annotations of a
"tag all" take ~0.1 s; 84,000 across a corpus took 3.5 s)."""

RunLong = Callable[
    [str, Callable[[], Change], Callable[[Change], None], Callable[[Exception], None]], None
]
"""``run(label, step, done, failed)``: ``step`` on a worker thread behind a progress dialog,
then ``done(change)`` or ``failed(exc)`` on the GUI thread (set by the window)."""


class Workspace(QObject):
    project_opened = Signal()
    document_opened = Signal(object)  # Document | None
    annotation_changed = Signal(object)  # Change
    documents_changed = Signal()  # the corpus itself changed (import)
    error_raised = Signal(object)  # an exception for the window to show
    analyst_changed = Signal(str)
    conflict_raised = Signal(object)  # Conflict: a colleague changed it first (team mode)
    remote_changed = Signal(object)  # set[str]: documents colleagues changed (live updates)
    online_changed = Signal(bool)  # the shared server became (un)reachable

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.undo_stack = QUndoStack(self)
        self.document: Document | None = None
        # While ``do`` applies an edit that creates an annotation under a new id: nothing
        # can refer to it yet (comments, relations), so views need not read them.
        self.creating: str | None = None
        self.run_long: RunLong | None = None  # the window's worker threads, once it has them

    def replace_project(self, project: Project) -> None:
        """Switch to another project file: a fresh undo stack, no document open."""
        old = self.project
        self.undo_stack.clear()
        self.project = project
        self.document = None
        self.project_opened.emit()
        self.document_opened.emit(None)
        if old is not project:
            old.close()

    def open_document(self, document_id: str | None) -> None:
        if document_id is None:
            self.document = None
        else:
            try:
                self.document = self.project.document(document_id)
            except Exception as exc:
                self.error_raised.emit(exc)
                return
        self.document_opened.emit(self.document)

    def create(self, edit: Edit, annotation_id: str) -> bool:
        """``do`` for an edit that creates ``annotation_id``, a new id (``creating``)."""
        self.creating = annotation_id
        try:
            return self.do(edit)
        finally:
            self.creating = None

    def do(self, edit: Edit) -> bool:
        """Apply and commit an edit, then put it on the undo stack. False if it failed."""
        try:
            change = self.project.apply(edit)
        except Exception as exc:
            self.failed(edit, exc)
            return False
        self.adopt(edit, change)
        return True

    def adopt(self, edit: Edit, change: Change) -> None:
        """An edit already applied (on a worker thread) joins the undo stack as ``do``'s."""
        self.undo_stack.push(EditCommand(self, edit))
        self.annotation_changed.emit(change)

    def failed(self, edit: Edit, exc: Exception) -> None:
        """Tell the window why ``edit`` could not be applied: a colleague's change first."""
        if isinstance(exc, StaleEditError):
            self.conflict_raised.emit(Conflict.of(edit, exc))
            return
        if isinstance(exc, OfflineError):
            self.online_changed.emit(False)
        self.error_raised.emit(exc)

    def resolve(self, conflict: Conflict, choice: Resolution) -> bool:
        """Carry out the analyst's choice; the view is brought up to date either way."""
        try:
            edit = resolved_edit(self.project, conflict, choice)
        except Exception as exc:
            self.error_raised.emit(exc)
            return False
        if self.document is not None:
            self.remote_changed.emit({self.document.id})  # show their version first
        return True if edit is None else self.do(edit)

    def run_guarded(self, step: Callable[[], Change], long_label: str | None = None) -> None:
        """Run an undo/redo step; a failure is shown to the analyst, never swallowed.
        A long one (``long_label``) runs on a worker thread if the window gave ``run_long``."""
        if long_label is not None and self.run_long is not None:
            self.run_long(long_label, step, self.annotation_changed.emit, self._step_failed)
            return
        try:
            change = step()
        except Exception as exc:
            self._step_failed(exc)
            return
        self.annotation_changed.emit(change)

    def _step_failed(self, exc: Exception) -> None:
        if isinstance(exc, StaleEditError):  # undo/redo after a colleague's change: show theirs
            self.error_raised.emit(
                ConflictError(
                    "Someone else changed this annotation after your edit, so this step "
                    "would overwrite their change; nothing was done. The view now shows "
                    "their version."
                )
            )
            if self.document is not None:
                self.remote_changed.emit({self.document.id})
            return
        log.warning("undo/redo failed", exc_info=exc)
        self.error_raised.emit(exc)

    def set_analyst(self, name: str) -> None:
        self.project.set_analyst(name)
        self.analyst_changed.emit(self.project.analyst)

    def corpus_changed(self) -> None:
        self.documents_changed.emit()
