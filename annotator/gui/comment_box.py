"""The comment thread of the current annotation, under its relations: read it, and type a
comment + Return to add one (undoable, recorded with your name and the time)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QVBoxLayout, QWidget

from annotator.core.review.values import Comment


class CommentBox(QWidget):
    comment_added = Signal(str)  # the text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.messages = QListWidget(self)
        self.messages.setMaximumHeight(90)
        self.messages.setWordWrap(True)
        self.entry = QLineEdit(self)
        self.entry.setPlaceholderText("Add a comment and press Return")
        self.entry.returnPressed.connect(self._add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.messages)
        layout.addWidget(self.entry)

    def show_comments(self, comments: Sequence[Comment], enabled: bool) -> None:
        self.messages.clear()
        for comment in comments:
            when = comment.created.strftime("%Y-%m-%d %H:%M") if comment.created else ""
            self.messages.addItem(f"{comment.author} ({when}): {comment.text}")
        self.entry.setEnabled(enabled)

    def _add(self) -> None:
        text = self.entry.text().strip()
        if text:
            self.entry.clear()
            self.comment_added.emit(text)
