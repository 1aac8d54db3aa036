"""Colleague bundles and new revisions from the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from annotator.core.project import Project
from annotator.gui import exchange
from annotator.gui.main_window import MainWindow
from annotator.gui.workspace import Workspace
from tests.gui.windows import corpus_listed

ARTICLE = "title: Calder\n\nThe Port of Calder opened a fuel depot. Officials said it is safe.\n"


def _window(qtbot, project: Project, tmp_path: Path) -> MainWindow:
    window = MainWindow(
        Workspace(project), QSettings(str(tmp_path / "g.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    window.load()
    return window


def test_bundle_preview_then_merge_or_cancel(qtbot, tmp_path: Path, monkeypatch) -> None:
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE)
    with Project.open(tmp_path / "colleague.sqlite", analyst="bob") as colleague:
        (doc_id,) = colleague.import_paths([source]).document_ids
        colleague.tag_span(doc_id, 4, 18, "facility")
        colleague.export("bundle", tmp_path / "bob.annobundle")
    with Project.open(tmp_path / "mine.sqlite", analyst="alice") as mine:
        window = _window(qtbot, mine, tmp_path)
        previews = []
        monkeypatch.setattr(
            exchange, "confirm_merge", lambda parent, p: previews.append(p) or False
        )
        exchange.import_colleague_work(window.workspace, window, tmp_path / "bob.annobundle")
        assert previews[0].adds == 1 and mine.documents() == []  # Cancel: nothing merged
        monkeypatch.setattr(exchange, "confirm_merge", lambda parent, p: True)
        message = exchange.import_colleague_work(
            window.workspace, window, tmp_path / "bob.annobundle"
        )
        assert "1 annotations added" in message
        corpus_listed(qtbot, window)
        assert window.corpus.model.rowCount() == 1
        (summary,) = mine.documents()
        assert dict(summary.counts) == {"facility": 1}


def test_new_revision_carries_annotations_and_places_the_rest(
    qtbot, project: Project, tmp_path: Path
) -> None:
    old = tmp_path / "old.txt"
    old.write_text(ARTICLE)
    (doc_id,) = project.import_paths([old]).document_ids
    window = _window(qtbot, project, tmp_path)
    window.workspace.open_document(doc_id)
    text = project.document(doc_id).text
    project.tag_span(
        doc_id, text.index("Port of Calder"), text.index("Port of Calder") + 14, "facility"
    )
    project.tag_span(doc_id, text.index("it is safe"), text.index("it is safe") + 10, "claim")
    new = tmp_path / "new.txt"
    new.write_text(
        "title: Calder\n\nUpdate: the Port of Calder opened a fuel depot. Nobody commented.\n"
    )
    report = exchange.import_revision(window.workspace, window, new)
    assert report is not None
    assert window.workspace.document.id == report.document_id
    assert len(report.carried) == 1 and len(report.unplaced) == 1
    dialog = exchange.UnplacedDialog(window.workspace, report.unplaced, window)
    qtbot.addWidget(dialog)
    new_text = window.workspace.document.text
    start = new_text.index("Nobody commented")
    assert dialog.place_current((start, start + 16))
    tags = sorted(a.tag for a in project.annotations(report.document_id))
    assert tags == ["claim", "facility"]
    assert len(project.annotations(doc_id)) == 2  # the old revision is untouched


def test_a_bundle_opened_from_the_desktop_is_previewed(qtbot, tmp_path: Path, monkeypatch) -> None:
    from annotator.gui.app import open_files

    source = tmp_path / "a.txt"
    source.write_text(ARTICLE)
    with Project.open(tmp_path / "colleague.sqlite", analyst="bob") as colleague:
        colleague.import_paths([source])
        colleague.export("bundle", tmp_path / "bob.annobundle")
    previews = []
    monkeypatch.setattr(exchange, "confirm_merge", lambda parent, p: previews.append(p) or True)
    with Project.open(tmp_path / "mine.sqlite", analyst="alice") as mine:
        window = _window(qtbot, mine, tmp_path)
        open_files(window, [tmp_path / "bob.annobundle"])
        assert len(previews) == 1
        assert len(mine.documents()) == 1
