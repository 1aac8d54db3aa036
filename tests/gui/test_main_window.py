"""The main window driven like an analyst drives it: real key presses and mouse events on
the article view, then a look in the database."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from annotator.core.find import find_in_text
from annotator.core.project import Project
from annotator.gui import workspace as workspace_module
from annotator.gui.actions import ACTIONS, ActionId, key_sequences
from annotator.gui.main_window import ARTICLE_MIN_WIDTH, MainWindow
from annotator.gui.tasks import wait_for_pool
from annotator.gui.workspace import Workspace
from tests.gui.windows import corpus_listed, window_on

ARTICLE = (
    "title: Veskar imagery\ndate: 2026-02-11\nsource: Wire\n\n"
    "Officials 😀 said the Veskar missile base grew.\n\n"
    "Analysts believe 𝒳 the Orlan enrichment plant is likely active.\n"
)


@pytest.fixture
def window(qtbot, project: Project, tmp_path: Path) -> MainWindow:
    source = tmp_path / "veskar.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    win = window_on(qtbot, project, source)
    win.view.setFocus()
    return win


def qt_position(text: str, cp: int) -> int:
    """Qt counts UTF-16 units; written out here independently of the module under test."""
    return len(text[:cp].encode("utf-16-le")) // 2


def move_caret_to(qtbot, window: MainWindow, needle: str) -> None:
    """Put the caret before ``needle`` with real key presses: Ctrl+Home, then Right."""
    text = window.workspace.document.text
    target = qt_position(text, text.index(needle))
    view = window.view
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    while view.textCursor().position() < target:
        qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.textCursor().position() == target


def test_keyboard_selection_and_hotkey_create_an_annotation(qtbot, window: MainWindow) -> None:
    move_caret_to(qtbot, window, "Veskar")
    shift_ctrl = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
    for _ in range(3):  # "Veskar missile base"
        qtbot.keyClick(window.view, Qt.Key.Key_Right, shift_ctrl)
    # Ctrl+Shift+Right stops at the next word's start: one Shift+Left drops the space.
    qtbot.keyClick(window.view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    text = window.workspace.document.text
    start = text.index("Veskar")
    assert window.view.selected_range() == (start, start + len("Veskar missile base"))
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    project = window.workspace.project
    (annotation,) = project.annotations(window.workspace.document.id)
    assert annotation.tag == "facility"
    assert annotation.quote == "Veskar missile base"
    text = project.document(annotation.document_id).text
    assert text[annotation.start : annotation.end] == annotation.quote
    assert window.panel.model.rowCount() == 1


def test_mouse_selection_and_tag_button(qtbot, window: MainWindow) -> None:
    view = window.view
    text = window.workspace.document.text
    start = text.index("Orlan")
    end = start + len("Orlan enrichment plant")
    cursor = view.textCursor()
    cursor.setPosition(qt_position(text, start))
    a = view.cursorRect(cursor).center()
    cursor.setPosition(qt_position(text, end))
    b = view.cursorRect(cursor).center()
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(viewport, pos=QPoint((a.x() + b.x()) // 2, a.y()))
    qtbot.mouseMove(viewport, pos=b)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=b)
    assert view.selected_range() == (start, end)
    window.tag_bar.tag_actions["assessment"].trigger()
    (annotation,) = window.workspace.project.annotations(window.workspace.document.id)
    assert (annotation.start, annotation.end, annotation.quote) == (
        start,
        end,
        "Orlan enrichment plant",
    )
    assert annotation.tag == "assessment"


def tag(window: MainWindow, needle: str, tag_name: str) -> str:
    """Tag through the workspace, as the window's own commands do."""
    document = window.workspace.document
    start = document.text.index(needle)
    edit = window.workspace.project.new_annotation(document, start, start + len(needle), tag_name)
    assert window.workspace.do(edit)
    return edit.annotation.id


def test_click_relabel_delete_undo_redo(qtbot, window: MainWindow) -> None:
    project = window.workspace.project
    document = window.workspace.document
    start = document.text.index("Veskar")
    edit = project.new_annotation(document, start, start + len("Veskar missile base"), "claim")
    window.workspace.do(edit)
    annotation_id = edit.annotation.id
    view = window.view
    cursor = view.textCursor()
    text = document.text
    cursor.setPosition(qt_position(text, start + 2))
    point = view.cursorRect(cursor).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert view.current_span_id() == annotation_id

    qtbot.keyClick(view, Qt.Key.Key_3)
    assert project.annotation(annotation_id).tag == "facility"
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert project.annotations(document.id) == []
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.annotation(annotation_id).tag == "facility"
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.annotation(annotation_id).tag == "claim"
    qtbot.keyClick(
        view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert project.annotation(annotation_id).tag == "facility"
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.annotations(document.id) == []
    assert window.panel.model.rowCount() == 0


def test_nested_spans_stay_visible_and_counted(qtbot, window: MainWindow) -> None:
    outer = tag(window, "Officials 😀 said the Veskar missile base grew.", "claim")
    inner = tag(window, "Veskar missile base", "facility")
    window.workspace.open_document(window.workspace.document.id)
    text = window.workspace.document.text
    ids = {span.id for span in window.view.spans_at(text.index("missile"))}
    assert ids == {outer, inner}
    summary = window.corpus.model
    assert summary.data(summary.index(0, 3)) == 1  # claim column
    assert summary.data(summary.index(0, 5)) == 1  # facility column


def test_note_is_committed_and_undoable(qtbot, window: MainWindow) -> None:
    annotation_id = tag(window, "Veskar", "facility")
    window.workspace.open_document(window.workspace.document.id)
    window.panel.annotation_activated.emit(annotation_id)
    window.panel.note_edit.setFocus()
    qtbot.keyClicks(window.panel.note_edit, "check imagery")
    qtbot.keyClick(window.panel.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    project = window.workspace.project
    assert project.annotation(annotation_id).note == "check imagery"
    window.workspace.undo_stack.undo()
    assert project.annotation(annotation_id).note == ""


def test_window_remembers_layout_and_last_document(qtbot, window: MainWindow) -> None:
    window.resize(700, 500)  # within the offscreen screen, which clamps larger sizes
    document_id = window.workspace.document.id
    window.close()
    again = MainWindow(Workspace(window.workspace.project), window.settings)
    qtbot.addWidget(again)
    again.load()
    assert again.size().width() == 700
    assert again.workspace.document is not None
    assert again.workspace.document.id == document_id


def test_corpus_filter_hides_other_documents(qtbot, window: MainWindow, tmp_path: Path) -> None:
    other = tmp_path / "calder.txt"
    other.write_text("title: Port of Calder\n\nA fuel depot opened.\n")
    window.workspace.project.import_paths([other])
    window.refresh_corpus()
    corpus_listed(qtbot, window)
    assert window.corpus.model.rowCount() == 2
    qtbot.keyClicks(window.corpus.filter_edit, "calder")
    assert window.corpus.model.rowCount() == 1


def test_background_import_shows_new_documents(qtbot, window: MainWindow, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    for n in range(3):
        (folder / f"a{n}.txt").write_text(f"Report number {n} about a new site.\n")
    window.import_paths([folder])
    qtbot.waitUntil(lambda: window.corpus.model.rowCount() == 4, timeout=10000)


def test_shortcuts_are_unique(window: MainWindow) -> None:
    seen: dict[str, str] = {}
    tags = window.workspace.project.tags()
    rows = [(spec.text, key_sequences(spec)) for spec in ACTIONS]
    rows += [(tag.name, [tag.hotkey]) for tag in tags if tag.hotkey]
    for name, keys in rows:
        for key in keys:
            text = key if isinstance(key, str) else key.toString()
            assert text not in seen, f"{text} is used by {seen.get(text)} and {name}"
            seen[text] = name


def test_item_models_pass_the_model_tester(qtmodeltester, window: MainWindow) -> None:
    tag(window, "Veskar", "facility")
    window.workspace.open_document(window.workspace.document.id)
    qtmodeltester.check(window.corpus.model)
    qtmodeltester.check(window.panel.model)


def test_keyboard_steps_through_annotations_and_nudges_edges(qtbot, window: MainWindow) -> None:
    first = tag(window, "Officials", "claim")
    second = tag(window, "Veskar missile base", "facility")
    view = window.view
    view.setFocus()
    alt = Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(view, Qt.Key.Key_Down, alt)
    assert view.current_span_id() == first
    qtbot.keyClick(view, Qt.Key.Key_Down, alt)
    assert view.current_span_id() == second
    shift_alt = alt | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(view, Qt.Key.Key_Right, shift_alt)
    qtbot.keyClick(view, Qt.Key.Key_Right, shift_alt)
    project = window.workspace.project
    assert project.annotation(second).quote == "Veskar missile base g"
    qtbot.keyClick(
        view, Qt.Key.Key_Right, shift_alt | Qt.KeyboardModifier.ControlModifier
    )  # shrink start
    assert project.annotation(second).quote == "eskar missile base g"
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.annotation(second).quote == "Veskar missile base"
    qtbot.keyClick(view, Qt.Key.Key_Up, alt)
    assert view.current_span_id() == first


def test_zoom_keys_change_the_reading_size(qtbot, window: MainWindow) -> None:
    view = window.view
    size = view.font().pointSizeF()
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.font().pointSizeF() > size
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.font().pointSizeF() == size


def test_theme_choice_is_applied_and_remembered(qtbot, window: MainWindow) -> None:
    app = QApplication.instance()
    window.set_theme("dark")
    try:
        assert app.palette().color(app.palette().ColorRole.Base).lightness() < 60
        assert window.settings.value("view/theme") == "dark"
    finally:
        window.set_theme("system")
    assert window.settings.value("view/theme") == "system"


def test_dragging_an_edge_of_the_current_annotation_resizes_it(qtbot, window: MainWindow) -> None:
    annotation_id = tag(window, "Veskar missile", "facility")
    view = window.view
    assert view.current_span_id() == annotation_id
    text = window.workspace.document.text
    start = text.index("Veskar")
    cursor = view.textCursor()
    cursor.setPosition(qt_position(text, start + len("Veskar missile")))
    grab = view.cursorRect(cursor).center()
    cursor.setPosition(qt_position(text, start + len("Veskar missile base")))
    drop = view.cursorRect(cursor).center()
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=grab)
    qtbot.mouseMove(viewport, pos=drop)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=drop)
    assert window.workspace.project.annotation(annotation_id).quote == "Veskar missile base"
    assert view.selected_range() is None  # an edge drag is not a text selection
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.project.annotation(annotation_id).quote == "Veskar missile"


def test_relation_by_keyboard_shown_deleted_and_undone(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.gui import linking

    monkeypatch.setattr(linking, "ask_relation_type", lambda parent: "attributed_to")
    quote = tag(window, "Officials", "quote")
    speaker = tag(window, "Veskar missile base", "facility")
    view = window.view
    alt = Qt.KeyboardModifier.AltModifier
    ctrl = Qt.KeyboardModifier.ControlModifier
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down, alt)  # current: the quote
    assert view.current_span_id() == quote
    qtbot.keyClick(view, Qt.Key.Key_L, ctrl)
    qtbot.keyClick(view, Qt.Key.Key_Down, alt)  # current: the facility
    qtbot.keyClick(view, Qt.Key.Key_L, ctrl)
    project = window.workspace.project
    document_id = window.workspace.document.id
    (relation,) = project.relations(document_id)
    assert (relation.from_annotation, relation.to_annotation) == (quote, speaker)
    assert relation.type == "attributed_to"
    rows = window.panel.relations
    assert rows.count() == 1 and rows.item(0).text().startswith("←")
    rows.setFocus()
    rows.setCurrentRow(0)
    qtbot.keyClick(rows, Qt.Key.Key_Delete)
    assert project.relations(document_id) == []
    qtbot.keyClick(view, Qt.Key.Key_Z, ctrl)
    assert len(project.relations(document_id)) == 1
    window.grab()  # arcs paint without errors


def test_attribute_edits_are_saved_and_undoable(qtbot, window: MainWindow) -> None:
    annotation_id = tag(window, "Analysts believe", "assessment")
    editor = window.panel.attributes
    assert editor.isVisibleTo(window.panel)
    box = editor.field("likelihood")
    index = box.findData("likely")
    box.setCurrentIndex(index)
    box.activated.emit(index)
    project = window.workspace.project
    assert project.annotation(annotation_id).attributes == {"likelihood": "likely"}
    window.workspace.undo_stack.undo()
    assert project.annotation(annotation_id).attributes == {}


def test_find_in_article_steps_and_tags_all_occurrences(qtbot, window: MainWindow) -> None:
    view = window.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and bar.edit.hasFocus()
    qtbot.keyClicks(bar.edit, "the")
    text = window.workspace.document.text
    expected = [i for i in range(len(text)) if text[i : i + 3].lower() == "the"]
    assert bar.count.text() == f"{len(expected)}"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert view.selected_range() == (expected[0], expected[0] + 3)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert view.selected_range() == (expected[1], expected[1] + 3)
    bar.tag_box.setCurrentText("claim")
    bar.tag_all_requested.emit("the", "claim", False)
    project = window.workspace.project
    tagged = [(a.start, a.tag) for a in project.annotations(window.workspace.document.id)]
    assert tagged == [(start, "claim") for start in expected]
    bar.tag_all_requested.emit("the", "claim", False)  # again: nothing new
    assert len(project.annotations(window.workspace.document.id)) == len(expected)
    window.workspace.undo_stack.undo()  # one step removes them all
    assert project.annotations(window.workspace.document.id) == []
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_find_in_a_long_article_counts_once_typing_pauses(
    qtbot, project: Project, tmp_path: Path
) -> None:
    """Past ``COUNT_AT_ONCE`` a key press finds only the hits on screen; the count follows
    when typing pauses, and stepping still goes hit by hit, round the ends."""
    from annotator.gui.find_bar import COUNT_AT_ONCE
    from tests.gui.fill_probe import fill_under

    paragraph = "The ministry said the Veskar plant reopened; the river rose. " * 40
    source = tmp_path / "long.txt"
    source.write_text("title: Long\n\n" + f"{paragraph}\n\n" * 60, encoding="utf-8")
    window = window_on(qtbot, project, source)
    text = window.workspace.document.text
    assert len(text) > COUNT_AT_ONCE
    expected = find_in_text(text, "the")
    view, bar = window.view, window.find_bar
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(bar.edit, "the")
    assert bar.count.text() == "…"
    first = expected[0]  # painted, though not all hits are found yet
    assert fill_under(view, first[0], end=first[1]) != view.palette().base().color().name()
    qtbot.waitUntil(lambda: bar.count.text() == f"{len(expected):,}")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert view.selected_range() == first and bar.count.text() == f"1 of {len(expected):,}"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_range() == expected[-1]  # back round the start to the last
    assert bar.count.text() == f"{len(expected):,} of {len(expected):,}"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert view.selected_range() == first  # and on round the end


def test_tagging_all_occurrences_shows_the_wait_cursor_while_it_works(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QGuiApplication

    project = window.workspace.project
    seen: list[object] = []
    tag_all = project.tag_all_occurrences

    def watched(*args: object, **kwargs: object) -> object:
        cursor = QGuiApplication.overrideCursor()
        seen.append(cursor.shape() if cursor is not None else None)
        return tag_all(*args, **kwargs)

    monkeypatch.setattr(project, "tag_all_occurrences", watched)
    window.tag_all_occurrences("the", "claim", False)
    assert seen == [Qt.CursorShape.WaitCursor]
    assert QGuiApplication.overrideCursor() is None
    assert project.annotations(window.workspace.document.id)


def _tag_all_in_corpus_from_the_find_bar(qtbot, window: MainWindow, phrase: str) -> None:
    """What the analyst does: Ctrl+F, the phrase, "claim", "in the whole corpus", Tag all."""
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    qtbot.keyClicks(bar.edit, phrase)
    bar.tag_box.setCurrentText("claim")
    bar.scope.setCurrentIndex(1)
    button = next(b for b in bar.findChildren(QPushButton) if b.text() == "Tag all")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_tagging_all_occurrences_in_the_corpus_runs_off_the_gui_thread(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A corpus takes seconds: the search and the write run on a worker thread behind a
    progress dialog, and land on the undo stack as one step."""
    project = window.workspace.project
    other = tmp_path / "pier.txt"
    other.write_text("title: Pier\n\nThe depot and the pier grew.\n", encoding="utf-8")
    project.import_paths([other])
    window.refresh_corpus()
    corpus_listed(qtbot, window)
    threads: list[threading.Thread] = []
    search = project.tag_all_in_corpus

    def watched(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        return search(*args, **kwargs)

    monkeypatch.setattr(project, "tag_all_in_corpus", watched)
    _tag_all_in_corpus_from_the_find_bar(qtbot, window, "the")
    assert window._tasks  # still working, or its result not yet handed back
    qtbot.waitUntil(lambda: not window._tasks, timeout=10000)
    assert threads and threads[0] is not threading.main_thread()
    documents = project.store.document_ids()
    expected = {
        doc: len(find_in_text(project.document(doc).text, "the", False)) for doc in documents
    }
    tagged = {doc: len(project.annotations(doc)) for doc in documents}
    assert tagged == expected and sum(tagged.values()) > 2
    shown = window.workspace.document.id
    assert window.panel.model.rowCount() == expected[shown]  # the open article shows them
    assert f"Tagged {sum(expected.values())} occurrences" in window.statusBar().currentMessage()
    assert window.workspace.undo_stack.count() == 1
    window.workspace.undo_stack.undo()
    assert all(project.annotations(doc) == [] for doc in documents)


def test_closing_the_window_stops_its_background_work_and_waits_for_it(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = window.workspace.project
    search = project.tag_all_in_corpus
    ended: list[object] = []

    def slow(*args: Any, cancelled: Callable[[], bool], **kwargs: Any) -> Any:
        while not cancelled():
            time.sleep(0.01)
        ended.append(search(*args, cancelled=cancelled, **kwargs))
        return ended[-1]

    monkeypatch.setattr(project, "tag_all_in_corpus", slow)
    _tag_all_in_corpus_from_the_find_bar(qtbot, window, "the")
    window.close()
    assert ended == [None]  # cancelled, and over before the window was gone
    assert project.annotations(window.workspace.document.id) == []


def test_undoing_a_long_edit_runs_off_the_gui_thread(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An undo or redo of thousands of parts (84,000 across a corpus took 3.5 s) runs on a
    worker thread behind a dialog with no Cancel: it is one transaction."""
    monkeypatch.setattr(workspace_module, "LONG_EDIT", 2)
    project = window.workspace.project
    threads: list[threading.Thread] = []
    for name in ("apply", "revert"):
        real = getattr(project, name)

        def watched(edit: Any, real: Callable[[Any], Any] = real) -> Any:
            threads.append(threading.current_thread())
            return real(edit)

        monkeypatch.setattr(project, name, watched)
    window.tag_all_occurrences("the", "claim", False)  # 2 occurrences: done here
    document_id = window.workspace.document.id
    tagged = project.annotations(document_id)
    assert len(tagged) == 2 and threads == [threading.main_thread()]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(QProgressDialog)
    assert dialog is not None and dialog.isVisible()
    assert not [b for b in dialog.findChildren(QPushButton) if b.isVisible()]  # no Cancel
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()  # nor does Esc give the window back before the end
    qtbot.waitUntil(lambda: not window._tasks, timeout=10000)
    assert project.annotations(document_id) == []
    assert window.panel.model.rowCount() == 0  # the article shows the undo
    window.workspace.undo_stack.redo()
    qtbot.waitUntil(lambda: not window._tasks, timeout=10000)
    back = [(a.id, a.start, a.end, a.tag) for a in project.annotations(document_id)]
    assert back == [(a.id, a.start, a.end, a.tag) for a in tagged]
    assert window.panel.model.rowCount() == 2
    assert threads[0] is threading.main_thread()
    assert all(thread is not threading.main_thread() for thread in threads[1:])


def test_tagging_all_occurrences_in_the_corpus_can_be_cancelled(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = window.workspace.project
    search = project.tag_all_in_corpus

    def slow(*args: Any, cancelled: Callable[[], bool], **kwargs: Any) -> Any:
        while not cancelled():  # as if the corpus were large
            time.sleep(0.01)
        return search(*args, cancelled=cancelled, **kwargs)

    monkeypatch.setattr(project, "tag_all_in_corpus", slow)
    _tag_all_in_corpus_from_the_find_bar(qtbot, window, "the")
    dialog = window.findChild(QProgressDialog)
    assert dialog is not None and dialog.isVisible()  # shown at once: the window waits
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window._tasks, timeout=10000)
    assert project.annotations(window.workspace.document.id) == []
    assert window.workspace.undo_stack.count() == 0
    assert "Stopped" in window.statusBar().currentMessage()


def test_corpus_search_opens_the_document_at_the_phrase(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    from annotator.gui.corpus_search import CorpusSearchDialog

    other = tmp_path / "calder.txt"
    other.write_text("title: Port of Calder\n\nA new fuel depot opened at Calder.\n")
    window.workspace.project.import_paths([other])
    window.refresh_corpus()
    corpus_listed(qtbot, window)
    dialog = CorpusSearchDialog(window.workspace.project, window)
    qtbot.addWidget(dialog)
    dialog.document_chosen.connect(window._open_search_hit)
    qtbot.keyClicks(dialog.query, "depot")
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert dialog.results.count() == 1
    assert "Port of Calder" in dialog.results.item(0).text()
    qtbot.keyClick(dialog.results, Qt.Key.Key_Return)
    assert window.workspace.document.title == "Port of Calder"
    start = window.workspace.document.text.index("depot")
    assert window.view.selected_range() == (start, start + 5)


def _touched_by(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    return lambda start, end: any(s < end and e > start for s, e in spans)


def _untagged_by_brute_force(
    text: str, spans: list[tuple[int, int]], after: int
) -> tuple[int, int] | None:
    """Every paragraph from the top, every span against each: the definition."""
    for match in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        start, end = match.span()
        if start <= after or not text[start:end].strip():
            continue
        if not any(s < end and e > start for s, e in spans):
            return start, end
    return None


@example(text="a\n\nb", raw_spans=[], after=2)  # the caret on the blank line's newline
@example(text="\nb", raw_spans=[], after=0)
@given(
    text=st.text(alphabet="ab \n", max_size=60),
    raw_spans=st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=6),
    after=st.integers(-1, 61),
)
def test_next_untagged_paragraph_skips_ahead_without_missing_one(
    text: str, raw_spans: list[tuple[int, int]], after: int
) -> None:
    from annotator.gui.span_commands import next_untagged_paragraph

    spans = [(s, min(s + n, len(text))) for s, n in raw_spans if s < len(text)]
    found = next_untagged_paragraph(text, _touched_by(spans), after)
    assert found == _untagged_by_brute_force(text, spans, after)


def test_next_untagged_paragraph(qtbot, window: MainWindow) -> None:
    from annotator.gui.span_commands import next_untagged_paragraph

    text = "One a.\n\nTwo b.\nstill two.\n\nThree c."
    assert next_untagged_paragraph(text, _touched_by([]), -1) == (0, 6)
    assert next_untagged_paragraph(text, _touched_by([(0, 3)]), -1) == (8, 25)
    assert next_untagged_paragraph(text, _touched_by([(0, 3), (20, 22)]), -1) == (27, 35)
    assert next_untagged_paragraph(text, _touched_by([(0, 30)]), -1) is None
    assert next_untagged_paragraph(text, _touched_by([]), 8) == (27, 35)  # not its own
    tag(window, "Officials", "claim")
    view = window.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.AltModifier)
    document = window.workspace.document.text
    assert view.caret_position() == document.index("Analysts believe")


def test_snap_to_words_widens_a_sloppy_selection(qtbot, window: MainWindow) -> None:
    view = window.view
    view.setFocus()
    qtbot.keyClick(
        view, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert window.tagging.snap_to_words
    text = window.workspace.document.text
    start = text.index("Veskar") + 1
    view.select_range(start, start + len("eskar missi"))
    qtbot.keyClick(view, Qt.Key.Key_3)
    (annotation,) = window.workspace.project.annotations(window.workspace.document.id)
    assert annotation.quote == "Veskar missile"
    assert window.settings.value("edit/snap_to_words") in (True, "true")


def test_document_status_shown_filtered_and_set(qtbot, window: MainWindow, tmp_path: Path) -> None:
    other = tmp_path / "calder.txt"
    other.write_text("title: Port of Calder\n\nA fuel depot opened.\n")
    window.workspace.project.import_paths([other])
    window.refresh_corpus()
    corpus_listed(qtbot, window)
    project = window.workspace.project
    document = window.workspace.document
    assert project.status(document.id) == "new"
    tag(window, "Veskar", "facility")  # through the workspace: no auto status
    window.view.select_range(0, 9)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_1)  # a key press: the analyst started working
    assert project.status(document.id) == "in progress"
    qtbot.keyClick(window.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert project.status(document.id) == "done"
    corpus = window.corpus
    row = corpus.model.row_of(document.id)
    assert corpus.model.data(corpus.model.index(row, 0)).startswith("●")
    corpus.status_box.setCurrentIndex(corpus.status_box.findData("done"))
    assert corpus.model.rowCount() == 1
    corpus.status_box.setCurrentIndex(corpus.status_box.findData("new"))
    assert corpus.model.rowCount() == 1
    window.workspace.undo_stack.undo()  # the "done" step
    assert project.status(document.id) == "in progress"


def test_suggestions_accept_reject_and_accept_all(qtbot, window: MainWindow) -> None:
    view = window.view
    view.setFocus()
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(view, Qt.Key.Key_J, ctrl)
    controller = window.suggestions
    qtbot.waitUntil(lambda: not controller.finding)  # the rules run on the thread pool
    assert controller.active, window.statusBar().currentMessage()
    offered = list(controller.items)
    first = offered[0]
    qtbot.keyClick(view, Qt.Key.Key_Return)  # accept the first
    project = window.workspace.project
    document = window.workspace.document
    (made,) = project.annotations(document.id)
    assert (made.start, made.end, made.tag, made.annotator) == (
        first.start,
        first.end,
        first.tag,
        "alice",
    )
    if controller.active:
        qtbot.keyClick(view, Qt.Key.Key_Backspace)  # reject the next: nothing stored
        assert len(project.annotations(document.id)) == 1
    window.view.grab()  # the dashed ghosts paint
    if controller.active:
        left = len(controller.items)
        qtbot.keyClick(view, Qt.Key.Key_Return, ctrl | Qt.KeyboardModifier.ShiftModifier)
        assert len(project.annotations(document.id)) == 1 + left
        window.workspace.undo_stack.undo()  # accept-all is one step
        assert len(project.annotations(document.id)) == 1
    assert not controller.active
    assert not window.actions_by_id[ActionId.ACCEPT_SUGGESTION].isEnabled()


def test_gazetteer_names_become_facility_suggestions(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.gui import tag_schema_dialog as module

    monkeypatch.setattr(module, "ask_multiline", lambda *args: "Ilse Marrow\nOfficials\n\n")
    window.gazetteer_dialog()
    project = window.workspace.project
    assert project.gazetteer() == ("Ilse Marrow", "Officials")
    found = project.suggestions(window.workspace.document.id)
    text = window.workspace.document.text
    assert any(text[s.start : s.end] == "Officials" and s.tag == "facility" for s in found)


def test_comment_thread_on_an_annotation(qtbot, window: MainWindow) -> None:
    annotation_id = tag(window, "Veskar missile base", "facility")
    box = window.panel.comments
    assert box.entry.isEnabled()
    box.entry.setFocus()
    qtbot.keyClicks(box.entry, "Is this the new pad?")
    qtbot.keyClick(box.entry, Qt.Key.Key_Return)
    project = window.workspace.project
    (comment,) = project.comments(annotation_id)
    assert (comment.author, comment.text) == ("alice", "Is this the new pad?")
    assert box.messages.count() == 1 and "Is this the new pad?" in box.messages.item(0).text()
    window.workspace.undo_stack.undo()
    assert project.comments(annotation_id) == []


def test_corpus_counts_follow_each_edit_without_a_recount(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = window.workspace.project
    document = window.workspace.document
    model = window.corpus.model
    recounts: list[str] = []
    summary = project.document_summary
    monkeypatch.setattr(
        project, "document_summary", lambda doc: recounts.append(doc) or summary(doc)
    )

    def shown() -> dict[str, int]:
        row = model.row_of(document.id)
        assert row is not None
        return dict(model.summary(row).counts)

    start = document.text.index("Veskar")
    edit = project.new_annotation(document, start, start + 6, "claim")
    window.workspace.do(edit)
    window.workspace.do(project.relabel(edit.annotation.id, "facility"))
    other = project.new_annotation(document, start + 7, start + 14, "claim")
    window.workspace.do(other)
    window.workspace.do(project.delete(other.annotation.id))
    window.workspace.undo_stack.undo()  # the delete: the span is back
    for _ in range(3):
        assert shown() == dict(summary(document.id).counts)
        window.workspace.undo_stack.undo()
    assert shown() == dict(summary(document.id).counts) == {}
    assert recounts == []  # every step was one span: counted in place


def test_a_document_marked_new_again_is_started_again_by_the_next_tag(
    qtbot, window: MainWindow
) -> None:
    """The status is read once per document, not per key press, yet a document set back to
    "new" (Ctrl+Shift+N or undo) becomes "in progress" again with the next tag."""
    project = window.workspace.project
    document = window.workspace.document
    calls: list[str] = []
    real_status = project.status

    def counting(document_id: str) -> str:
        calls.append(document_id)
        return real_status(document_id)

    project.status = counting  # type: ignore[method-assign]
    reads = []
    for start in (0, 10, 20):
        window.view.select_range(start, start + 5)
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key.Key_1)
        reads.append(len(calls))
    assert real_status(document.id) == "in progress"
    assert reads[0] > 0 and reads[1] == reads[2] == reads[0]  # later presses read nothing
    window.set_status("new")
    window.view.select_range(30, 35)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert real_status(document.id) == "in progress"


def test_a_new_annotation_is_made_current_without_reading_comments(
    qtbot, window: MainWindow
) -> None:
    """A new annotation has a new id, so nothing can have commented on it yet; an existing
    one made current shows its thread."""
    project = window.workspace.project
    read: list[str] = []
    real_comments = project.comments
    project.comments = lambda annotation_id: read.append(annotation_id) or real_comments(  # type: ignore[method-assign]
        annotation_id
    )
    window.view.select_range(0, 9)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    (annotation,) = project.annotations(window.workspace.document.id)
    assert read == []
    assert window.panel.comments.entry.isEnabled()
    window.panel.comments.entry.setText("check the date")
    window.panel.comments.entry.returnPressed.emit()
    window._make_current_by_id(annotation.id)
    assert read and window.panel.comments.messages.count() == 1


def test_tagging_beside_relations_does_not_reload_them(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new annotation cannot be an end of a link: the document's relations are not
    re-read per key press; a change to an existing annotation still re-reads them."""
    project = window.workspace.project
    quote = tag(window, "Officials", "quote")
    speaker = tag(window, "Veskar missile base", "facility")
    assert window.workspace.do(project.new_relation(quote, speaker, "attributed_to"))
    assert window.relations.relations
    loads: list[int] = []
    real_load = window.relations.load
    monkeypatch.setattr(
        window.relations, "load", lambda *args: loads.append(1) or real_load(*args)
    )
    text = window.workspace.document.text
    start = text.index("Orlan")
    window.view.select_range(start, start + 5)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert len(project.annotations(window.workspace.document.id)) == 3
    assert loads == []
    assert window.workspace.do(project.relabel(speaker, "claim"))  # an existing end
    assert loads and len(window.relations.relations) == 1


def test_the_list_shows_lean_rows_and_the_current_one_in_full(qtbot, window: MainWindow) -> None:
    """Opening reads lean rows; a row made current is read in full (note, attributes);
    one a colleague deleted meanwhile is refused with a message, not an error."""
    project = window.workspace.project
    document = window.workspace.document
    assert document is not None
    kept = project.tag_span(document.id, 0, 8, "claim")
    project.apply(project.set_note(kept.id, "seen by phone"))
    gone = project.tag_span(document.id, 9, 14, "quote")
    window.workspace.open_document(document.id)
    model = window.panel.model
    assert [model.annotation(row).id for row in range(model.rowCount())] == [kept.id, gone.id]
    assert model.quote(kept.id) == document.text[0:8]
    assert model.data(model.index(0, 2)) == "seen by phone"
    window.panel.table.selectRow(0)
    assert window.view.current_span_id() == kept.id
    assert window.panel.note_edit.toPlainText() == "seen by phone"
    project.store.set_deleted(gone.id, True)  # as a colleague would, behind the window's back
    window.panel.table.selectRow(1)
    assert "deleted" in window.statusBar().currentMessage()
    assert window.view.current_span_id() == kept.id


def test_undoing_the_delete_of_a_linked_annotation_shows_its_link_again(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.gui import linking

    monkeypatch.setattr(linking, "ask_relation_type", lambda parent: "attributed_to")
    quote = tag(window, "Officials", "quote")
    tag(window, "Veskar missile base", "facility")
    view = window.view
    alt = Qt.KeyboardModifier.AltModifier
    ctrl = Qt.KeyboardModifier.ControlModifier
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down, alt)
    qtbot.keyClick(view, Qt.Key.Key_L, ctrl)
    qtbot.keyClick(view, Qt.Key.Key_Down, alt)
    qtbot.keyClick(view, Qt.Key.Key_L, ctrl)
    assert len(window.relations.relations) == 1
    window.view.select_span(quote)
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # the only link's end goes: the link hides
    assert window.relations.relations == []
    qtbot.keyClick(view, Qt.Key.Key_Z, ctrl)  # back: the link shows again
    assert len(window.relations.relations) == 1


def test_a_layout_from_a_wider_screen_keeps_the_article_readable(
    qtbot, window: MainWindow
) -> None:
    """Saved at 1,280 pixels wide, restored on the 800-pixel offscreen screen: the window
    is clamped to the screen, and the side panes give up the width, not the article."""
    window.resize(1280, 800)
    window.splitter.setSizes([400, 640, 360])
    qtbot.waitUntil(lambda: window.splitter.sizes()[1] > 400)
    window.close()
    again = MainWindow(Workspace(window.workspace.project), window.settings)
    qtbot.addWidget(again)
    again.load()
    again.show()
    qtbot.waitExposed(again)
    assert again.width() < 1000  # clamped to the screen
    corpus, article, panel = again.splitter.sizes()
    assert article >= ARTICLE_MIN_WIDTH
    assert corpus > 0 and panel > 0
    assert again.view.viewport().width() > ARTICLE_MIN_WIDTH - 40  # its scroll bar aside


@pytest.mark.parametrize(("width", "stacked"), [(1000, True), (1900, False)])
def test_the_find_bar_never_squeezes_its_controls(
    qtbot, window: MainWindow, width: int, stacked: bool
) -> None:
    """In a narrow article pane "Tag all" and its choices move to a row of their own;
    every control keeps the width it asks for, so no label is clipped."""
    window.resize(width, 700)
    window.splitter.setSizes([300, width - 600, 300])
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    qtbot.waitUntil(lambda: bar.isVisible() and bar.stacked is stacked)
    qtbot.keyClicks(bar.edit, "the")
    controls = [bar.case, bar.count, bar.tag_box, bar.scope]
    qtbot.waitUntil(lambda: all(w.width() >= w.sizeHint().width() for w in controls))
    rows = {w.geometry().center().y() for w in (bar.edit, bar.scope)}
    assert len(rows) == (2 if stacked else 1)


def test_a_title_and_a_tag_opening_with_u_fffe_are_not_byte_swapped(
    qtbot, project: Project, tmp_path: Path
) -> None:
    """PySide reads a string opening with U+FFFE as byte-swapped UTF-16: the title bar and
    the tag's button showed CJK characters (see ``offsets.for_qt``)."""
    record = {
        "text": "Officials said the Veskar base grew.",
        "title": "\ufffeVeskar report",
        "annotations": [{"start": 19, "end": 25, "tag": "\ufffefacility"}],
    }
    source = tmp_path / "odd.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    win = window_on(qtbot, project, source)
    assert win.windowTitle() == "\ufffdVeskar report — Annotator"
    assert win.tag_bar.tag_actions["\ufffefacility"].text() == "\ufffdfacility"


def test_each_decided_suggestion_leaves_the_view_and_the_next_is_current(
    qtbot, window: MainWindow
) -> None:
    """Accepting or rejecting drops that one ghost; the rest stay, the next is bold."""
    view = window.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    controller = window.suggestions
    qtbot.waitUntil(lambda: not controller.finding)
    if len(controller.items) < 3:
        pytest.skip("the sample article gives fewer than three suggestions")

    def ghosts() -> list[tuple[int, int]]:
        return sorted((g.start, g.end) for g in view._ghosts._index)

    def current() -> tuple[int, int]:
        ghost = view._ghosts.get(view._ghosts.current or "")
        assert ghost is not None
        return ghost.start, ghost.end

    for key in (Qt.Key.Key_Backspace, Qt.Key.Key_Return):
        qtbot.keyClick(view, key)
        assert ghosts() == sorted((s.start, s.end) for s in controller.items)
        shown = controller.items[0]  # the first left is the current one
        assert current() == (shown.start, shown.end)


def test_dialogs_opened_from_the_window_are_deleted_once_closed(qtbot, window: MainWindow) -> None:
    """A dialog parented to the window lives as long as the window unless deleted: a day
    of searches, reports and message boxes stayed in memory, hidden."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    def close_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        dialog.reject()

    for open_dialog in (window.tag_schema_dialog, window.agreement_dialog, window.shortcuts_dialog):
        QTimer.singleShot(0, close_the_dialog)
        open_dialog()
        qtbot.waitUntil(lambda: window.findChildren(QDialog) == [])


def test_many_documents_changed_by_colleagues_are_listed_again_at_once(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ``ONE_BY_ONE`` changed documents the corpus is re-listed with one query rather
    than one query per document; below it, each document's row is read on its own."""
    from annotator.gui import live_updates

    project = window.workspace.project
    ids = [summary.id for summary in project.documents()]
    refreshed: list[int] = []
    summaries: list[str] = []
    real_summary = project.document_summary
    monkeypatch.setattr(window, "refresh_corpus", lambda: refreshed.append(1))
    monkeypatch.setattr(
        project, "document_summary", lambda doc: summaries.append(doc) or real_summary(doc)
    )
    window.live.sync_documents(set(ids))
    assert (refreshed, summaries) == ([], ids)
    monkeypatch.setattr(live_updates, "ONE_BY_ONE", 0)
    summaries.clear()
    window.live.sync_documents(set(ids))
    assert (refreshed, summaries) == ([1], [])


def _slow_suggestions(monkeypatch: pytest.MonkeyPatch, project: Project) -> threading.Event:
    """The project's rules wait on the returned event, as a long article's would take
    their time; the test decides when they finish."""
    release = threading.Event()
    find = project.suggestions

    def slow(document_id: str, tags: Any = None) -> Any:
        assert release.wait(10)
        return find(document_id, tags)

    monkeypatch.setattr(project, "suggestions", slow)
    return release


def test_suggestions_are_found_off_the_gui_thread(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the rules run, the article still takes key presses; then the ghosts come."""
    release = _slow_suggestions(monkeypatch, window.workspace.project)
    view = window.view
    qtbot.keyClick(view, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    controller = window.suggestions
    assert controller.finding and not controller.active
    assert window.statusBar().currentMessage() == "Finding suggestions…"
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)  # still ours
    assert view.textCursor().atEnd()
    release.set()
    qtbot.waitUntil(lambda: controller.active)
    assert not controller.finding
    assert window.actions_by_id[ActionId.ACCEPT_SUGGESTION].isEnabled()
    assert "suggestions: Return accepts" in window.statusBar().currentMessage()


def test_suggestions_found_too_late_are_dropped(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Ctrl+J again, or another document opened, before the rules finish: their result
    is dropped, and no ghost lands on a document it was not found in."""
    project = window.workspace.project
    other = tmp_path / "other.txt"
    other.write_text("Officials said the depot at Port of Calder is likely new.\n")
    project.import_paths([other])
    window.refresh_corpus()
    corpus_listed(qtbot, window)
    release = _slow_suggestions(monkeypatch, project)
    view = window.view
    controller = window.suggestions
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(view, Qt.Key.Key_J, ctrl)
    qtbot.keyClick(view, Qt.Key.Key_J, ctrl)  # ends the mode before anything was found
    assert not controller.finding
    qtbot.keyClick(view, Qt.Key.Key_J, ctrl)
    first = window.workspace.document.id
    window.corpus.step(1)  # the next document opens meanwhile
    qtbot.waitUntil(lambda: window.workspace.document.id != first)
    release.set()
    assert wait_for_pool()
    qtbot.wait(50)  # the finished tasks' results reach the GUI thread
    assert not controller.active and not controller.finding
    assert view._ghosts.get("suggestion-0") is None
    assert not window.actions_by_id[ActionId.ACCEPT_SUGGESTION].isEnabled()


def test_a_failure_to_find_suggestions_is_shown_and_ctrl_j_works_again(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.core.errors import DatabaseError
    from annotator.gui import main_window as main_window_module

    shown: list[Exception] = []
    monkeypatch.setattr(main_window_module, "show_error", lambda _parent, exc: shown.append(exc))
    project = window.workspace.project
    find = project.suggestions

    def broken(document_id: str, tags: Any = None) -> Any:
        raise DatabaseError("The project file could not be read.")

    monkeypatch.setattr(project, "suggestions", broken)
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window.view, Qt.Key.Key_J, ctrl)
    qtbot.waitUntil(lambda: bool(shown))
    assert str(shown[0]) == "The project file could not be read."
    assert not window.suggestions.finding
    monkeypatch.setattr(project, "suggestions", find)
    qtbot.keyClick(window.view, Qt.Key.Key_J, ctrl)  # a new search, not "hidden"
    qtbot.waitUntil(lambda: window.suggestions.active)
