"""Suggestion mode (Ctrl+J): rule-based suggestions shown as dashed ghost boxes.

Return accepts the current one (it becomes an annotation by the analyst), Backspace rejects
it, Ctrl+Shift+Return accepts all that are left as one undoable step; Ctrl+J or Esc ends the
mode. Suggestions are never stored: rejecting one only hides it for this session.

The rules run on the window's thread pool: they read the whole text, ~0.25 s for a 1 MB
article and ~3 s for 10 MB, which froze the window when they ran on its thread. Meanwhile
the status bar says they are being found and the article can be read; Ctrl+J again, or
opening another document, drops what they find. Past 4 s the pool's progress dialog
comes up (Qt's own delay without progress reports), and its Cancel drops it too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from annotator.core.bulk import gc_paused
from annotator.core.edits import CompositeEdit, Edit
from annotator.gui.article_view import ArticleView
from annotator.gui.span_index import SpanStyle, ViewSpan
from annotator.gui.tag_style import FALLBACK
from annotator.gui.tasks import Work
from annotator.gui.workspace import Workspace

if TYPE_CHECKING:  # the rules (core.suggest) load with the project's first suggestions
    from annotator.core.model import Document
    from annotator.core.suggest.base import Suggestion

RunInBackground = Callable[[str, Work, Callable[[Any], None], Callable[[Exception], None]], None]
"""``run(label, work, done, failed)``: ``work`` on the window's thread pool, then
``done(result)`` or ``failed(exc)`` on the GUI thread (``MainWindow._in_background``, which
then shows the error)."""
FINDING = "Finding suggestions…"


class SuggestionController:
    def __init__(
        self,
        workspace: Workspace,
        view: ArticleView,
        styles: Callable[[], dict[str, SpanStyle]],
        on_mode: Callable[[bool], None],
        run_in_background: RunInBackground,
        status: Callable[[str], None],
    ) -> None:
        self._workspace = workspace
        self._view = view
        self._styles = styles
        self._on_mode = on_mode
        self._run = run_in_background
        self._status = status
        self.items: list[Suggestion] = []  # in text order, the first one current
        self._ids: list[str] = []  # each item's ghost, kept while the item is
        self._finding: str | None = None  # the document whose suggestions are on their way

    @property
    def active(self) -> bool:
        return bool(self.items)

    @property
    def finding(self) -> bool:
        return self._finding is not None

    def toggle(self) -> str:
        if self.active or self.finding:
            self.stop()
            return "Suggestions hidden."
        document = self._workspace.document
        if document is None:
            return "Open a document first."
        project, document_id = self._workspace.project, document.id
        self._finding = document_id

        def find(_progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
            found = project.suggestions(document_id)
            return None if cancelled() else found

        self._run(
            FINDING,
            find,
            lambda found: self._found(document_id, found),
            lambda _exc: self._found(document_id, None, failed=True),
        )
        return FINDING

    def _found(
        self, document_id: str, found: Sequence[Suggestion] | None, *, failed: bool = False
    ) -> None:
        """Show what the rules found, unless the mode ended or another document opened
        while they ran (a Cancel in the progress dialog gives None)."""
        if self._finding != document_id:
            return
        self._finding = None
        if found is None:
            if not failed:  # a failure is shown by the window
                self._status("Suggestions cancelled.")
            return
        self.items = sorted(found, key=lambda s: (s.start, s.end))
        self._ids = [f"suggestion-{i}" for i in range(len(self.items))]
        if not self.items:
            self._status("No suggestions for this document.")
            return
        with gc_paused():  # 27,000 ghosts of a 10 MB report set off 200 ms of collections
            self._show_all()
        self._on_mode(True)
        self._status(f"{len(self.items)} suggestions: Return accepts, Backspace rejects, Esc ends.")

    def stop(self) -> None:
        self._finding = None
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
