"""The tag bar: one button per tag, with its colour, underline style and hotkey.

Tag hotkeys come from the project's tags, not from the actions table, because teams define
their own tags. Clicking a button or pressing its key asks the window to apply that tag.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QToolBar, QToolButton, QWidget

from annotator.core.model import Tag
from annotator.gui.offsets import for_qt
from annotator.gui.tag_style import span_style

UNDERLINE_PEN = {
    "solid": Qt.PenStyle.SolidLine,
    "dash": Qt.PenStyle.DashLine,
    "dot": Qt.PenStyle.DotLine,
    "wave": Qt.PenStyle.DashDotLine,
    "double": Qt.PenStyle.SolidLine,
}


def tag_icon(tag: Tag, size: int = 18) -> QIcon:
    """A swatch with the tag's underline pattern, so colour is never the only cue."""
    style = span_style(tag)
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = QColor(style.color)
    fill.setAlpha(90)
    painter.fillRect(1, 1, size - 2, size - 7, fill)
    pen = QPen(QColor(style.color), 2.5, UNDERLINE_PEN.get(style.underline, Qt.PenStyle.SolidLine))
    painter.setPen(pen)
    painter.drawLine(1, size - 3, size - 1, size - 3)
    painter.end()
    return QIcon(pixmap)


class TagBar(QToolBar):
    tag_triggered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Tags", parent)
        self.setObjectName("tag_bar")
        self.setMovable(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.tag_actions: dict[str, QAction] = {}
        self._keep_height()

    def _keep_height(self) -> None:
        """The height of the bar with a tag in it, also when it has none (while the project
        opens): the window below does not jump when the tags arrive."""
        probe = QAction(QIcon(QPixmap(1, 1)), "tag", self)
        self.addAction(probe)
        self.setMinimumHeight(self.sizeHint().height())
        self.removeAction(probe)
        probe.deleteLater()

    def set_tags(self, tags: Sequence[Tag]) -> None:
        for action in self.tag_actions.values():
            self.removeAction(action)
            action.deleteLater()
        self.tag_actions.clear()
        for tag in tags:
            self.tag_actions[tag.name] = self._make_action(tag)

    def _make_action(self, tag: Tag) -> QAction:
        label = f"{tag.name}  {tag.hotkey}" if tag.hotkey else tag.name
        action = QAction(tag_icon(tag), for_qt(label), self)
        action.setToolTip(
            f"Tag the selection as {tag.name}"
            + (f" ({tag.hotkey})" if tag.hotkey else "")
            + (f"\n{tag.description}" if tag.description else "")
        )
        if tag.hotkey:
            action.setShortcut(QKeySequence(tag.hotkey))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(
            lambda _checked=False, name=tag.name: self.tag_triggered.emit(name)
        )
        self.addAction(action)
        button = self.widgetForAction(action)
        if isinstance(button, QToolButton):
            button.setAutoRaise(True)
        return action
