"""The undoable edit of a document's status, so "mark done" sits on the undo stack with the
tagging it concludes and Ctrl+Z takes it back like any other step."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.core.edits import NO_ANNOTATION, Change, Scope
from annotator.core.model import DocumentId, DocumentStatus
from annotator.core.storage import document_status

if TYPE_CHECKING:
    from annotator.core.project import Project


@dataclass(frozen=True)
class SetStatus:
    """Holds the analyst it was made for: undoing after switching analyst in the
    preferences still restores that analyst's status, not the new one's."""

    document_id: DocumentId
    annotator: str
    before: DocumentStatus
    after: DocumentStatus

    @property
    def label(self) -> str:
        return f"Mark document {self.after}"

    def apply(self, project: Project) -> Change:
        return self._put(project, self.after)

    def revert(self, project: Project) -> Change:
        return self._put(project, self.before)

    def _put(self, project: Project, value: DocumentStatus) -> Change:
        document_status.put(project.store, self.document_id, self.annotator, value)
        return Change(self.document_id, NO_ANNOTATION, None, Scope.STATUS)
