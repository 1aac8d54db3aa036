"""Keyboard commands on the current annotation: move to the next or previous one, and
nudge its start or end by one character (each nudge one undoable Resize)."""

from __future__ import annotations

import re
from collections.abc import Callable

from annotator.gui.annotation_panel import AnnotationModel
from annotator.gui.article_view import ArticleView
from annotator.gui.workspace import Workspace

PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")  # lines up to a blank line


def next_untagged_paragraph(
    text: str, touched: Callable[[int, int], bool], after: int
) -> tuple[int, int] | None:
    """The first paragraph starting after ``after`` that no span touches (code points);
    ``touched(start, end)`` says whether a span overlaps ``start:end``."""
    for match in PARAGRAPH.finditer(text, _scan_from(text, after)):
        start, end = match.span()
        if start > after and text[start:end].strip() and not touched(start, end):
            return start, end
    return None


def _scan_from(text: str, after: int) -> int:
    """Where to start looking. A paragraph other than the first follows a blank line, so
    one that starts after ``after`` has a "\n\n" at ``after - 1`` or later before it;
    scanning from that pair never starts inside a paragraph, and skips the text before
    (every paragraph and every span of a 10 MB report were gone through at each press)."""
    if after < 1:
        return 0
    found = text.find("\n\n", after - 1)
    return len(text) if found < 0 else found


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

    def next_untagged(self) -> str:
        """Put the caret at the next paragraph without any annotation."""
        document = self._workspace.document
        if document is None:
            return ""
        caret = self._view.selected_range() or (self._view.caret_position(),) * 2
        found = next_untagged_paragraph(document.text, self._view.has_span_in, caret[0])
        if found is None:
            return "No untagged paragraph after this point."
        self._view.select_span(None)
        self._view.select_range(found[0], found[0])
        return ""

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
