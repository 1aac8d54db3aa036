"""File ▸ Export with the registry's formats and filters, and import dialog filters."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from annotator.core.formats import formats
from annotator.core.model import ArticleDraft
from annotator.core.project import Project
from annotator.core.tags import color_for_new_tag
from annotator.gui.export_dialog import ExportDialog, ExportRequest
from annotator.gui.import_filters import import_filters
from annotator.gui.main_window import MainWindow
from annotator.gui.workspace import Workspace

TEXT = "Officials said the Veskar base grew."


def _project_with_spans(project: Project) -> str:
    stored = project.store.store_article(
        ArticleDraft(text=TEXT, origin="t", title="Veskar"),
        annotator="alice",
        new_tag_color=color_for_new_tag,
    )
    project.tag_span(stored.document_id, 0, 14, "quote")
    project.tag_span(stored.document_id, 19, 30, "facility")
    return stored.document_id


def test_dialog_builds_a_request_from_keyboard_choices(qtbot, tmp_path: Path) -> None:
    dialog = ExportDialog(["alice", "bob"], ["claim", "quote"], tmp_path, None)
    qtbot.addWidget(dialog)
    assert dialog.format_box.count() == len(formats())
    dialog.format_box.setFocus()
    while dialog.selected_format().name != "csv":
        qtbot.keyClick(dialog.format_box, Qt.Key.Key_Down)
    assert dialog.output_edit.text().endswith("annotations-csv.csv")
    dialog.tag_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    request = dialog.request()
    assert request.format_name == "csv"
    assert request.tags == ("quote",)
    assert request.annotators is None  # everyone checked: no filter
    assert request.document_ids is None
    assert not dialog.current_only.isEnabled()


def test_export_from_the_window_applies_format_and_filters(
    qtbot, project: Project, tmp_path: Path
) -> None:
    _project_with_spans(project)
    window = MainWindow(
        Workspace(project), QSettings(str(tmp_path / "g.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    out = tmp_path / "out.csv"
    window.export_to(ExportRequest("csv", out, None, ("facility",), None))
    qtbot.waitUntil(out.exists, timeout=10000)
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert [row["tag"] for row in rows] == ["facility"]
    assert rows[0]["quote"] == "Veskar base"


def test_brat_export_imports_back_through_the_window(
    qtbot, project: Project, tmp_path: Path
) -> None:
    _project_with_spans(project)
    folder = tmp_path / "brat"
    project.export("brat", folder)
    with Project.open(tmp_path / "other.sqlite", analyst="bob") as other:
        window = MainWindow(
            Workspace(other), QSettings(str(tmp_path / "g.ini"), QSettings.Format.IniFormat)
        )
        qtbot.addWidget(window)
        window.load()
        window.import_paths([folder], "brat")
        qtbot.waitUntil(lambda: window.corpus.model.rowCount() == 1, timeout=10000)
        (summary,) = other.documents()
        assert dict(summary.counts) == {"quote": 1, "facility": 1}


def test_import_filters_offer_every_readable_format() -> None:
    filters = import_filters()
    forced = {name for name in filters.values() if name}
    assert forced == {entry.name for entry in formats() if entry.read is not None}
    first = next(iter(filters))
    assert "*.txt" in first and "*.html" in first and filters[first] is None


def test_gold_only_exports_the_gold_analyst(qtbot, tmp_path: Path) -> None:
    dialog = ExportDialog(["alice", "gold"], ["claim"], tmp_path, None)
    qtbot.addWidget(dialog)
    dialog.gold_only.setChecked(True)
    assert dialog.request().annotators == ("gold",)
    assert not dialog.annotator_list.isEnabled()


def test_documents_choice_exports_only_finished_or_reviewed_work(
    qtbot, project: Project, tmp_path: Path
) -> None:
    done = _project_with_spans(project)
    other = project.store.store_article(
        ArticleDraft(text="A second report on the port.", origin="t", title="Port"),
        annotator="alice",
        new_tag_color=color_for_new_tag,
    ).document_id
    project.tag_span(other, 2, 8, "claim")
    project.apply(project.set_status(done, "done"))
    project.apply(project.set_review_state(other, "reviewed"))
    dialog = ExportDialog(["alice"], ["claim", "quote", "facility"], tmp_path, None)
    qtbot.addWidget(dialog)
    window = MainWindow(
        Workspace(project), QSettings(str(tmp_path / "g.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    for label, expected in (("Done by the chosen annotators", {"Veskar"}), ("Reviewed", {"Port"})):
        dialog.documents_box.setFocus()
        while dialog.documents_box.currentText() != label:
            qtbot.keyClick(dialog.documents_box, Qt.Key.Key_Down)
        dialog.output_edit.setText(str(tmp_path / f"{label}.jsonl"))
        request = dialog.request()
        window.export_to(request)
        qtbot.waitUntil(request.output.exists, timeout=10000)
        lines = request.output.read_text(encoding="utf-8").splitlines()
        titles = {json.loads(line)["meta"]["title"] for line in lines}
        assert titles == expected
