"""Go ▸ Sort documents by: the corpus list sorted from the keyboard, through the real
menu bar (Alt+G, S, then the column's accelerator or the arrow keys and Return)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from annotator.core.project import Project
from annotator.gui.main_window import MainWindow
from tests.gui.windows import active_main_window

REPORTS = {
    "b-orlan.txt": "title: Orlan plant\nsource: Wire\n\nThe Orlan plant is active.\n",
    "a-veskar.txt": "title: Veskar range\nsource: Field note\n\nThe Veskar range grew.\n",
    "c-amber.txt": "title: Amber depot\nsource: Courier\n\nThe Amber depot is new.\n",
}


def _window(qtbot: QtBot, project: Project, tmp_path: Path) -> MainWindow:
    paths = []
    for name, text in REPORTS.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    project.import_paths(paths)
    document = next(s for s in project.documents() if s.title == "Veskar range")
    project.set_analyst("ana")
    for word in ("Veskar", "range"):
        start = project.document(document.id).text.index(word)
        project.tag_span(document.id, start, start + len(word), "claim")
    return active_main_window(qtbot, project, tmp_path / "gui.ini", open_first=False)


def _titles(window: MainWindow) -> list[str]:
    model = window.corpus.model
    return [model.summary(row).title for row in range(model.rowCount())]


def _open_sort_menu(qtbot: QtBot, window: MainWindow) -> QMenu:
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_S)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is window.sort_menu)
    return window.sort_menu


def _choose(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    menu = _open_sort_menu(qtbot, window)
    qtbot.keyClick(menu, key)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)


def _entries(qtbot: QtBot, window: MainWindow) -> list[tuple[str, bool]]:
    menu = _open_sort_menu(qtbot, window)
    entries = [(a.text(), a.isChecked()) for a in menu.actions() if not a.isSeparator()]
    qtbot.keyClick(menu, Qt.Key.Key_Escape)
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    return entries


def test_the_keyboard_sorts_the_corpus_list_by_any_column(
    qtbot: QtBot, project: Project, tmp_path: Path
) -> None:
    window = _window(qtbot, project, tmp_path)
    imported = _titles(window)
    entries = _entries(qtbot, window)
    assert entries[:4] == [
        ("&Corpus order", True),
        ("&Title", False),
        ("&Date", False),
        ("&Source", False),
    ]
    assert ("Number of claim annotations", False) in entries
    assert entries[-1] == ("Number of annotations", False)

    _choose(qtbot, window, Qt.Key.Key_T)  # &Title: A to Z
    assert _titles(window) == ["Amber depot", "Orlan plant", "Veskar range"]
    _choose(qtbot, window, Qt.Key.Key_T)  # the same column again: Z to A
    assert _titles(window) == ["Veskar range", "Orlan plant", "Amber depot"]
    assert ("&Title  ▼", True) in _entries(qtbot, window)

    _choose(qtbot, window, Qt.Key.Key_S)  # &Source
    assert _titles(window) == ["Amber depot", "Veskar range", "Orlan plant"]

    menu = _open_sort_menu(qtbot, window)  # the total count, by the arrow keys
    assert menu.activeAction() is menu.actions()[0]  # opened by the keyboard: on the first
    for _ in range(window.corpus.model.columnCount()):
        qtbot.keyClick(menu, Qt.Key.Key_Down)
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    assert _titles(window)[-1] == "Veskar range"  # 2 annotations, the others none
    assert window.corpus.table.horizontalHeader().sortIndicatorSection() == (
        window.corpus.model.columnCount() - 1
    )

    _choose(qtbot, window, Qt.Key.Key_C)  # &Corpus order
    assert _titles(window) == imported
    assert window.workspace.document is None  # sorting opened nothing


def test_a_tag_with_an_ampersand_is_named_not_an_accelerator(
    qtbot: QtBot, project: Project, tmp_path: Path
) -> None:
    project.apply(project.add_tag("R&D"))
    window = _window(qtbot, project, tmp_path)
    assert ("Number of R&&D annotations", False) in _entries(qtbot, window)
