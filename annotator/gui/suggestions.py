"""Suggestion mode (Ctrl+J): rule-based suggestions shown as dashed ghost boxes.

Return accepts the current one (it becomes an annotation by the analyst), Backspace rejects
it, Ctrl+Shift+Return accepts all that are left as one undoable step; Ctrl+J or Esc ends the
mode. Suggestions are never stored: rejecting one only hides it for this session.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from annotator.core.edits import CompositeEdit, Edit
from annotator.gui.article_view import ArticleView
from annotator.gui.span_index import SpanStyle, ViewSpan
from annotator.gui.tag_style import FALLBACK
from annotator.gui.workspace import Workspace

if TYPE_CHECKING:  # the rules (core.suggest) load with the project's first suggestions
    from annotator.core.model import Document
    from annotator.core.suggest.base import Suggestion


class SuggestionController:
    def __init__(
        self,
        workspace: Workspace,
        view: ArticleView,
        styles: Callable[[], dict[str, SpanStyle]],
        on_mode: Callable[[bool], None],
    ) -> None:
        self._workspace = workspace
        self._view = view
        self._styles = styles
        self._on_mode = on_mode
        self.items: list[Suggestion] = []  # in text order, the first one current
        self._ids: list[str] = []  # each item's ghost, kept while the item is

    @property
    def active(self) -> bool:
        return bool(self.items)

    def toggle(self) -> str:
        if self.active:
            self.stop()
            return "Suggestions hidden."
        document = self._workspace.document
        if document is None:
            return "Open a document first."
        found = self._workspace.project.suggestions(document.id)
        self.items = sorted(found, key=lambda s: (s.start, s.end))
        self._ids = [f"suggestion-{i}" for i in range(len(self.items))]
        if not self.items:
            return "No suggestions for this document."
        self._show_all()
        self._on_mode(True)
        return f"{len(self.items)} suggestions: Return accepts, Backspace rejects, Esc ends."

    def stop(self) -> None:
        self.items = []
        self._view.set_ghosts([])
        self._on_mode(False)

    def accept(self) -> str:
        document = self._workspace.document
        if not self.active or document is None:
            return ""
        suggestion = self.items[0]
        edit = self._edit(document, suggestion)
        if self._workspace.do(edit):
            return self._drop_current(f"Accepted: {suggestion.tag}.")
        return ""

    def reject(self) -> str:
        return self._drop_current("Rejected.") if self.active else ""

    def accept_all(self) -> str:
        document = self._workspace.document
        if not self.active or document is None:
            return ""
        edits: tuple[Edit, ...] = tuple(self._edit(document, s) for s in self.items)
        count = len(edits)
        if self._workspace.do(CompositeEdit(edits, f"Accept {count} suggestions")):
            self.stop()
            return f"Accepted {count} suggestions (one Ctrl+Z takes them back)."
        return ""

    def _edit(self, document: Document, suggestion: Suggestion) -> Edit:
        project = self._workspace.project
        return project.new_annotation(document, suggestion.start, suggestion.end, suggestion.tag)

    def _drop_current(self, message: str) -> str:
        """One suggestion goes (accepted or rejected) and the next becomes current; only
        its ghost leaves the view: making all 2,700 of a long article again took 40-60 ms
        of every key press."""
        del self.items[0]
        dropped = self._ids.pop(0)
        if not self.items:
            self.stop()
            return message + " No suggestions left."
        self._view.remove_ghost(dropped, self._ids[0])
        return message

    def _show_all(self) -> None:
        styles = self._styles()
        ghosts = [
            ViewSpan(
                id=ghost_id,
                start=s.start,
                end=s.end,
                tag=s.tag,
                style=styles.get(s.tag, FALLBACK),
                tooltip=f"Suggested {s.tag} ({s.rule}): {s.explanation}",
            )
            for ghost_id, s in zip(self._ids, self.items, strict=True)
        ]
        self._view.set_ghosts(ghosts, ghosts[0].id)
