"""A colleague's changes reaching the open document (``LiveUpdates``).

The change feed is PostgreSQL's; here a colleague writes through a second ``Project`` on
the same SQLite file and the feed's notices are delivered as it would deliver them, so
what is tested is the window's side: which rows it reads again and what it redraws."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from annotator.core.conflicts import Conflict, Resolution
from annotator.core.live import RemoteChange
from annotator.core.project import Project
from annotator.gui import conflict_dialog, live_updates
from annotator.gui.main_window import MainWindow
from tests.gui.windows import window_on_article

ARTICLE = (
    "title: Veskar imagery\n\n"
    "Officials said the Veskar missile base grew. Analysts believe the Orlan plant is "
    "likely active, and the port authority said the depot reopened.\n"
)


@pytest.fixture
def window(qtbot, project: Project, tmp_path: Path) -> MainWindow:
    return window_on_article(qtbot, project, tmp_path, ARTICLE)


@pytest.fixture
def colleague(location: str) -> Iterator[Project]:
    with Project.open(location, analyst="bob") as bob:
        yield bob


@pytest.fixture
def full_reads(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents whose every annotation the window reads again."""
    project = window.workspace.project
    reads: list[str] = []
    read_all = project.annotation_refs

    def counting(document_id: str) -> Any:
        reads.append(document_id)
        return read_all(document_id)

    monkeypatch.setattr(project, "annotation_refs", counting)
    return reads


def _notice(qtbot, window: MainWindow, document_id: str, *changes: tuple[str, str]) -> None:
    """The feed's notices of the colleague's rows, (operation, annotation id), gathered
    and synced as in a live window."""
    for op, row_id in changes:
        window.live.arrived.emit(RemoteChange("annotations", op, row_id, document_id, "bob"))
    qtbot.waitUntil(lambda: not window.live.pending and not window.live._timer.isActive())


def _shown(window: MainWindow) -> dict[str, str]:
    """What the view and the list show: annotation id -> tag, the two agreeing."""
    in_view = {span.id: span.tag for span in window.view._index}
    in_list = {ref.id: ref.tag for ref in window.panel.model.all()}
    assert in_view == in_list
    return in_view


def test_a_colleagues_edits_are_read_and_redrawn_one_by_one(
    qtbot,
    window: MainWindow,
    colleague: Project,
    full_reads: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    conflicts: list[Conflict] = []
    monkeypatch.setattr(
        conflict_dialog, "ask", lambda c, _p: conflicts.append(c) or Resolution.TAKE_THEIRS
    )
    document = window.workspace.document
    assert document is not None
    text = document.text
    start = text.index("Veskar")
    mine = window.workspace.project.tag_span(document.id, 0, 9, "claim")
    theirs = colleague.tag_span(document.id, text.index("Orlan"), text.index(" plant"), "claim")
    window.workspace.open_document(document.id)  # both read, at their first revision
    full_reads.clear()
    added = colleague.tag_span(document.id, start, start + len("Veskar missile base"), "facility")
    colleague.apply(colleague.relabel(theirs.id, "facility"))
    _notice(qtbot, window, document.id, ("INSERT", added.id), ("UPDATE", theirs.id))
    assert _shown(window) == {mine.id: "claim", added.id: "facility", theirs.id: "facility"}
    colleague.apply(colleague.delete(added.id))
    _notice(qtbot, window, document.id, ("UPDATE", added.id))
    assert _shown(window) == {mine.id: "claim", theirs.id: "facility"}
    assert window.counts_label.text() == "2 annotations"
    assert full_reads == []  # the document's other annotations were not read again
    # The colleague's revision is now the one this window knows: relabelling it through
    # the window is not refused as a change made over someone else's.
    window.view.select_span(theirs.id)
    qtbot.keyClick(window.view, Qt.Key.Key_1)  # claim
    assert conflicts == []
    assert window.workspace.project.annotation(theirs.id).tag == "claim"
    assert _shown(window)[theirs.id] == "claim"


def test_many_changed_annotations_are_read_again_with_the_document(
    qtbot,
    window: MainWindow,
    colleague: Project,
    full_reads: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(live_updates, "SPAN_BY_SPAN", 1)
    document = window.workspace.document
    assert document is not None
    first = colleague.tag_span(document.id, 0, 9, "claim")
    second = colleague.tag_span(document.id, 10, 14, "quote")
    _notice(qtbot, window, document.id, ("INSERT", first.id), ("INSERT", second.id))
    assert full_reads == [document.id]
    assert _shown(window) == {first.id: "claim", second.id: "quote"}


def test_a_document_changed_without_a_feed_notice_is_read_again_whole(
    qtbot, window: MainWindow, colleague: Project, full_reads: list[str]
) -> None:
    """After a refused edit the workspace asks for the document as it now is: no row
    list comes with that, so all of it is read."""
    document = window.workspace.document
    assert document is not None
    made = colleague.tag_span(document.id, 0, 9, "claim")
    window.workspace.remote_changed.emit({document.id})
    assert full_reads == [document.id]
    assert _shown(window) == {made.id: "claim"}


def test_the_feed_naming_my_own_rows_leaves_my_selection_alone(
    qtbot, window: MainWindow, colleague: Project, full_reads: list[str]
) -> None:
    """The feed sends every writer's rows, this window's too: those are shown as they are,
    and redrawing them would move the list's current row and drop the text selection."""
    document = window.workspace.document
    assert document is not None
    window.view.select_range(0, 9)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_1)  # my tag: current in the view and the list
    (mine,) = window.workspace.project.annotations(document.id)
    window.view.select_range(10, 14)  # the next words, selected to tag
    current_row = window.panel.table.currentIndex().row()
    theirs = colleague.tag_span(document.id, 20, 26, "quote")
    _notice(qtbot, window, document.id, ("INSERT", mine.id), ("INSERT", theirs.id))
    assert _shown(window) == {mine.id: "claim", theirs.id: "quote"}
    assert window.view.selected_range() == (10, 14)
    assert window.view.current_span_id() == mine.id
    assert window.panel.table.currentIndex().row() == current_row
    assert full_reads == []
