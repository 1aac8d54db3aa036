"""Find in the article (Ctrl+F): every hit highlighted, Enter/F3 to the next, Shift+Enter /
Shift+F3 to the previous, Esc closes; "Tag all" tags every occurrence in this document or
in the whole corpus as one undoable step (skipping occurrences already tagged)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from annotator.core.find import Occurrences

_GAP = 12  # between the search and "Tag all" when they share a row
COUNT_AT_ONCE = 100_000
"""Code points up to which every key press counts the hits at once (~2 ms); longer texts
count them once typing pauses (all "t"s of a 1 MB article: ~17 ms)."""
COUNT_DELAY_MS = 250


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    return row


class FindLine(QLineEdit):
    """Enter, Shift+Enter and Esc belong to the find bar while typing."""

    step = Signal(int)
    closed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            self.step.emit(-1 if shift else 1)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.closed.emit()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    hits_changed = Signal(object)  # Occurrences (or an empty list), in code points
    hit_chosen = Signal(int, int)  # the hit to select and show
    tag_all_requested = Signal(str, str, bool)  # phrase, tag, whole corpus?
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._found = Occurrences("", "")
        self._current: tuple[int, int] | None = None  # the hit last stepped to
        self._counting = QTimer(self)  # counts the hits once typing pauses
        self._counting.setSingleShot(True)
        self._counting.setInterval(COUNT_DELAY_MS)
        self._counting.timeout.connect(self._show_count)
        self.edit = FindLine(self)
        self.edit.setPlaceholderText("Find in article…")
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self._search)
        self.edit.step.connect(self.step)
        self.edit.closed.connect(self.close_bar)
        self.case = QCheckBox("Match case", self)
        self.case.toggled.connect(lambda _on: self._search(self.edit.text()))
        self.count = QLabel(self)
        self.edit.setMinimumWidth(180)
        previous, following = QPushButton("↑", self), QPushButton("↓", self)
        for arrow in (previous, following):
            arrow.setFixedWidth(32)
        previous.setToolTip("Previous (Shift+Enter, Shift+F3)")
        following.setToolTip("Next (Enter, F3)")
        previous.clicked.connect(lambda: self.step(-1))
        following.clicked.connect(lambda: self.step(1))
        self.tag_box = QComboBox(self)
        self.scope = QComboBox(self)
        self.scope.addItems(["in this document", "in the whole corpus"])
        self.scope.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        tag_all = QPushButton("Tag all", self)
        tag_all.clicked.connect(self._tag_all)
        self._finding = _row(self.edit, self.case, self.count, previous, following)
        self._finding.setStretch(0, 1)
        self._tagging = _row(tag_all, self.tag_box, self.scope)
        self._tagging.addStretch(1)
        self._rows = QGridLayout(self)
        self._rows.setContentsMargins(4, 2, 4, 2)
        self._rows.setVerticalSpacing(2)
        self._rows.addLayout(self._finding, 0, 0)
        self._rows.setColumnStretch(0, 1)  # the search field takes what room is left
        self._stacked: bool | None = None
        self._place_tagging(stacked=False)
        self.hide()

    def _place_tagging(self, *, stacked: bool) -> None:
        """Put "Tag all" and its choices beside the search, or on a row below it when one
        row would squeeze the widgets below their size (a narrow article pane clipped
        "Match case" and the scope's text)."""
        if stacked == self._stacked:
            return
        self._stacked = stacked
        self._rows.removeItem(self._tagging)
        self._rows.addLayout(self._tagging, 1 if stacked else 0, 0 if stacked else 1)
        self._rows.setHorizontalSpacing(0 if stacked else _GAP)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        margins = self._rows.contentsMargins()
        room = event.size().width() - margins.left() - margins.right()
        one_row = self._finding.sizeHint().width() + _GAP + self._tagging.sizeHint().width()
        self._place_tagging(stacked=one_row > room)

    @property
    def stacked(self) -> bool:
        """Whether "Tag all" sits on a row of its own, below the search."""
        return bool(self._stacked)

    def set_tags(self, names: Sequence[str]) -> None:
        self.tag_box.clear()
        self.tag_box.addItems(list(names))

    def set_text(self, text: str) -> None:
        """A new document: search it again for what is typed."""
        self._text = text
        if self.isVisible():
            self._search(self.edit.text())

    def open_bar(self, phrase: str = "") -> None:
        self.show()
        if phrase:
            self.edit.setText(phrase)
        self.edit.setFocus()
        self.edit.selectAll()
        self._search(self.edit.text())

    def close_bar(self) -> None:
        self.hide()
        self._counting.stop()
        self.hits_changed.emit([])
        self.closed.emit()

    def step(self, delta: int) -> None:
        """To the next hit (``delta`` > 0) or the previous one, round the end."""
        found, current = self._found, self._current
        if delta > 0:
            start = 0 if current is None else current[1]
            hit = found.first_from(start) or found.first_from(0)
        else:
            end = len(self._text) if current is None else current[0]
            hit = found.last_before(end) or found.last_before(len(self._text))
        if hit is None:
            return
        self._current = hit
        self._counting.stop()
        self._show_count()
        self.hit_chosen.emit(*hit)

    def _search(self, phrase: str) -> None:
        """At every key press: the hits on screen are found as they are painted; counting
        them all waits until typing pauses in a long text (``COUNT_AT_ONCE``)."""
        self._found = Occurrences(self._text, phrase, case_sensitive=self.case.isChecked())
        self._current = None
        if not phrase or len(self._text) <= COUNT_AT_ONCE:
            self._show_count()
        else:
            self.count.setText("…")
            self._counting.start()
        self.hits_changed.emit(self._found if phrase else [])

    def _show_count(self) -> None:
        if not self.edit.text():
            self.count.setText("")
        elif not self._found.count():
            self.count.setText("no matches")
        else:
            current = self._current
            position = "" if current is None else f"{self._found.rank(current[0]) + 1:,} of "
            self.count.setText(f"{position}{self._found.count():,}")

    def _tag_all(self) -> None:
        phrase = self.edit.text()
        if phrase and self.tag_box.currentText():
            corpus = self.scope.currentIndex() == 1
            self.tag_all_requested.emit(phrase, self.tag_box.currentText(), corpus)
