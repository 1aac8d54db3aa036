"""The corpus list read again on the thread pool (``CorpusRefresh``), driven as an analyst
would: an import through the window, key presses while the list is being read, another
project opened. The project's listing is made to wait for the test, as a corpus of
10,000 documents would take its time."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool

from annotator.core.errors import AnnotatorError
from annotator.core.project import Project
from annotator.gui import main_window as main_window_module
from annotator.gui.corpus_refresh import LISTING
from annotator.gui.main_window import MainWindow
from annotator.gui.tasks import wait_for_pool
from tests.gui.windows import corpus_listed, window_on_article

ARTICLE = "title: Veskar imagery\n\nOfficials said the Veskar missile base grew.\n"


@pytest.fixture
def window(qtbot, project: Project, tmp_path: Path) -> MainWindow:
    return window_on_article(qtbot, project, tmp_path, ARTICLE)


@pytest.fixture
def two_pool_threads() -> Any:
    """A held read and the next one each get a thread, as on any machine of two cores."""
    pool = QThreadPool.globalInstance()
    before = pool.maxThreadCount()
    pool.setMaxThreadCount(max(2, before))
    yield
    pool.setMaxThreadCount(before)


def _held_listing(
    monkeypatch: pytest.MonkeyPatch, owner: object, *, fail: bool = False
) -> tuple[threading.Event, threading.Event]:
    """The first listing read through ``owner`` (a project, or the class for every one)
    is read, then held until the test releases it; with ``fail`` it then raises. Returns
    (read, release)."""
    read, release = threading.Event(), threading.Event()
    documents: Callable[..., Any] = owner.documents  # type: ignore[attr-defined]

    def held(*args: Any) -> Any:
        result = documents(*args)
        if read.is_set():
            return result  # a later listing: not held
        read.set()
        assert release.wait(10)
        if fail:
            raise AnnotatorError("The database went away while the list was read.")
        return result

    monkeypatch.setattr(owner, "documents", held)
    return read, release


def _tag_first_word(qtbot, window: MainWindow) -> None:
    window.view.select_range(0, 9)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_3)  # facility


def test_the_window_is_used_while_an_import_is_listed(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The imported document joins the list when its listing arrives; meanwhile the old
    rows stay and a span tagged then still counts, though the listing was read before it."""
    project = window.workspace.project
    read, release = _held_listing(monkeypatch, project)
    other = tmp_path / "calder.txt"
    other.write_text("title: Port of Calder\n\nA fuel depot opened.\n", encoding="utf-8")
    window.import_paths([other])
    qtbot.waitUntil(read.is_set, timeout=10000)
    assert window.corpus_refresh.pending
    model = window.corpus.model
    assert model.rowCount() == 1  # the rows listed before stay meanwhile
    document = window.workspace.document
    assert document is not None
    _tag_first_word(qtbot, window)  # the window still takes key presses
    assert [a.tag for a in project.annotations(document.id)] == ["facility"]
    release.set()
    corpus_listed(qtbot, window)
    assert model.rowCount() == 2
    listed = model.listed_summary(document.id)
    assert listed is not None and dict(listed.counts) == {"facility": 1}
    assert model.row_of(document.id) is not None
    assert window.corpus.table.currentIndex().row() == model.row_of(document.id)


@pytest.mark.parametrize("fail", [False, True], ids=["its rows", "its error"])
def test_a_listing_overtaken_by_a_later_one_is_dropped(
    qtbot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    two_pool_threads: None,
    fail: bool,
) -> None:
    """The held listing, read before the import, arrives last: neither its one row nor
    its error replaces what the later listing showed."""
    project = window.workspace.project
    shown: list[Exception] = []
    monkeypatch.setattr(main_window_module, "show_error", lambda _parent, exc: shown.append(exc))
    read, release = _held_listing(monkeypatch, project, fail=fail)
    window.refresh_corpus()
    qtbot.waitUntil(read.is_set, timeout=10000)
    other = tmp_path / "calder.txt"
    other.write_text("title: Port of Calder\n\nA fuel depot opened.\n", encoding="utf-8")
    window.import_paths([other])  # its listing is asked for after the held one
    qtbot.waitUntil(lambda: window.corpus.model.rowCount() == 2, timeout=10000)
    release.set()
    assert wait_for_pool()
    qtbot.wait(50)  # the held listing reaches the GUI thread, and is dropped
    assert shown == []
    assert not window.corpus_refresh.pending
    assert window.corpus.model.rowCount() == 2


def test_a_listing_that_fails_says_why_and_keeps_the_rows(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[Exception] = []
    monkeypatch.setattr(main_window_module, "show_error", lambda _parent, exc: shown.append(exc))
    _read, release = _held_listing(monkeypatch, window.workspace.project, fail=True)
    release.set()
    window.refresh_corpus()
    corpus_listed(qtbot, window)
    assert [str(exc) for exc in shown] == ["The database went away while the list was read."]
    assert window.corpus.model.rowCount() == 1


def test_another_project_empties_the_list_until_its_own_is_read(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last project's rows go at once: opening one would ask the new project for a
    document it does not have."""
    location = tmp_path / "other.sqlite"
    with Project.open(location, analyst="alice") as other:
        for n in range(3):
            path = tmp_path / f"report{n}.txt"
            path.write_text(f"Report {n} on the depot.\n", encoding="utf-8")
            other.import_paths([path])
    read, release = _held_listing(monkeypatch, Project)
    window.switch_project(str(location))
    qtbot.waitUntil(read.is_set, timeout=10000)
    corpus = window.corpus
    assert corpus.model.rowCount() == 0
    assert corpus.placeholder.isVisible() and corpus.placeholder.text() == LISTING
    release.set()
    corpus_listed(qtbot, window)
    assert corpus.model.rowCount() == 3
    assert not corpus.placeholder.isVisible()
    window.workspace.project.close()
