"""What pressing a tag key or Delete means, given the selection and the current span.

Kept out of the main window so that window only wires widgets together.
"""

from __future__ import annotations

from annotator.core.edits import Change, Scope
from annotator.core.spans import snap_to_words
from annotator.gui.article_view import ArticleView
from annotator.gui.workspace import Workspace


class TaggingController:
    def __init__(self, workspace: Workspace, view: ArticleView) -> None:
        self._workspace = workspace
        self._view = view
        self.snap_to_words = False  # View ▸ Snap selections to words
        # Documents known not to be "new" for this analyst: no status read per key press.
        self._started: set[str] = set()
        workspace.annotation_changed.connect(self._forget_status)
        workspace.project_opened.connect(self._started.clear)
        workspace.documents_changed.connect(self._started.clear)  # an import may set them
        workspace.remote_changed.connect(self._started.difference_update)

    def apply_tag(self, tag: str) -> str:
        """Tag the selected text, or relabel the current annotation; returns a status line."""
        document = self._workspace.document
        if document is None:
            return "Open a document first."
        project = self._workspace.project
        selected = self._view.selected_range()
        if selected is not None:
            start, end = selected
            if self.snap_to_words:
                start, end = snap_to_words(document.text, start, end)
            edit = project.new_annotation(document, start, end, tag)
            if self._workspace.create(edit, edit.annotation.id):  # the window makes it current
                self._start_progress(document.id)
                return f"Tagged {end - start} characters as {tag}."
            return ""
        current = self._view.current_span_id()
        if current is not None:
            annotation = project.annotation(current)
            if annotation.tag == tag:
                return f"Already tagged as {tag}."
            if self._workspace.do(project.relabel(current, tag)):
                return f"Relabelled as {tag}."
            return ""
        return "Select text first (Shift+arrows or the mouse), or click an annotation."

    def _start_progress(self, document_id: str) -> None:
        """The first tag in a "new" document means work has started on it. Not an undo
        step of its own: Ctrl+Z after tagging should take back the tag, not this."""
        if document_id in self._started:
            return
        project = self._workspace.project
        if project.status(document_id) == "new":
            change = project.apply(project.set_status(document_id, "in progress"))
            self._workspace.annotation_changed.emit(change)
        self._started.add(document_id)

    def _forget_status(self, change: Change) -> None:
        """A status edit (or its undo) may make the document "new" again."""
        if change.scope is Scope.BATCH:
            self._started.clear()
        elif change.scope is Scope.STATUS:
            self._started.discard(change.document_id)

    def delete_current(self) -> str:
        current = self._view.current_span_id()
        if current is None:
            return "Click an annotation (or pick one in the list) to delete it."
        project = self._workspace.project
        if self._workspace.do(project.delete(current)):
            return "Annotation deleted (Ctrl+Z brings it back)."
        return ""
