"""Creating relations by keyboard or mouse.

Ctrl+L on an annotation starts a link from it; then either click the target span, or step
to it (Alt+Down/Alt+Up) and press Ctrl+L again; the analyst picks the type and the
relation is one undoable edit. Ctrl+L on the source itself cancels.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QWidget

from annotator.gui.article_view import ArticleView
from annotator.gui.workspace import Workspace


def ask_relation_type(parent: QWidget) -> str | None:
    """The type of the new relation (editable: teams may use their own types)."""
    from annotator.core.relation_service import RELATION_TYPES  # the store: loaded by now

    chosen, ok = QInputDialog.getItem(
        parent, "New relation", "Type of relation:", list(RELATION_TYPES), 0, True
    )
    return chosen.strip() if ok and chosen.strip() else None


class LinkController:
    def __init__(self, workspace: Workspace, view: ArticleView, parent: QWidget) -> None:
        self._workspace = workspace
        self._view = view
        self._parent = parent
        self.source: str | None = None

    def toggle(self) -> str:
        current = self._view.current_span_id()
        if self.source is None:
            if current is None:
                return "Select the annotation to link from first."
            self.source = current
            return "Linking: click the target annotation, or go to it and press Ctrl+L."
        if current is None or current == self.source:
            self.source = None
            return "Linking cancelled."
        return self.link_to(current)

    def clicked(self, annotation_id: str) -> str:
        """A click on a span while linking picks the target."""
        if self.source is None or annotation_id == self.source:
            return ""
        return self.link_to(annotation_id)

    def link_to(self, target: str) -> str:
        source, self.source = self.source, None
        if source is None:
            return ""
        kind = ask_relation_type(self._parent)
        if kind is None:
            return "Linking cancelled."
        project = self._workspace.project
        if self._workspace.do(project.new_relation(source, target, kind)):
            return f"Linked: {kind.replace('_', ' ')}."
        return ""
