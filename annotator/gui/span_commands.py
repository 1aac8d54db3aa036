"""Keyboard commands on the current annotation: move to the next or previous one, and
nudge its start or end by one character (each nudge one undoable Resize)."""

from __future__ import annotations

from annotator.gui.annotation_panel import AnnotationModel
from annotator.gui.article_view import ArticleView
from annotator.gui.workspace import Workspace


class SpanCommands:
    def __init__(self, workspace: Workspace, view: ArticleView, model: AnnotationModel) -> None:
        self._workspace = workspace
        self._view = view
        self._model = model

    def step(self, delta: int) -> str | None:
        """The id of the annotation ``delta`` rows away in text order (wrapping round)."""
        count = self._model.rowCount()
        if count == 0:
            return None
        current = self._view.current_span_id()
        row = self._model.row_of(current) if current is not None else None
        if row is None:
            row = -1 if delta > 0 else 0
        return self._model.annotation((row + delta) % count).id

    def nudge(self, edge: str, delta: int) -> str:
        """Move the ``"start"`` or ``"end"`` of the current annotation by ``delta`` characters."""
        document = self._workspace.document
        current = self._view.current_span_id()
        annotation = self._model.find(current) if current is not None else None
        if document is None or annotation is None:
            return "Select an annotation first (click it, or Alt+Down to step through them)."
        start, end = annotation.start, annotation.end
        if edge == "start":
            start += delta
        else:
            end += delta
        if not 0 <= start < end <= len(document.text):
            return "The annotation cannot be made smaller or larger that way."
        edit = self._workspace.project.resize(annotation.id, start, end)
        self._workspace.do(edit)
        return ""
