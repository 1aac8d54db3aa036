"""Review mode driven by the keyboard: move unit to unit, accept, reject, make gold."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from annotator.core.model import AnnotationDraft, ArticleDraft
from annotator.core.project import Project
from annotator.core.tags import color_for_new_tag
from annotator.gui.main_window import MainWindow
from annotator.gui.review_dialog import ReviewDialog
from annotator.gui.workspace import Workspace
from tests.gui.windows import corpus_listed

TEXT = "Officials said the Veskar missile base grew quickly last year."


def _window(qtbot, project: Project, tmp_path: Path) -> MainWindow:
    spans = {
        "alice": [(0, 9, "quote"), (19, 38, "facility")],
        "bob": [(0, 9, "claim"), (19, 25, "facility"), (39, 46, "claim")],
    }
    drafts = tuple(
        AnnotationDraft(start, end, tag, annotator=who)
        for who, rows in spans.items()
        for start, end, tag in rows
    )
    stored = project.store.store_article(
        ArticleDraft(text=TEXT, origin="t", annotations=drafts),
        annotator="alice",
        new_tag_color=color_for_new_tag,
    )
    window = MainWindow(
        Workspace(project), QSettings(str(tmp_path / "g.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    window.load()
    window.workspace.open_document(stored.document_id)
    return window


def _reviewing(qtbot, project: Project, tmp_path: Path) -> tuple[MainWindow, ReviewDialog]:
    """The window on the two analysts' document, its review open (Review ▸ Review this
    document)."""
    window = _window(qtbot, project, tmp_path)
    window.review_dialog()
    dialog = window.review
    assert dialog is not None
    qtbot.addWidget(dialog)
    return window, dialog


def test_review_by_keyboard_builds_the_gold_set(qtbot, project: Project, tmp_path: Path) -> None:
    window, dialog = _reviewing(qtbot, project, tmp_path)
    document_id = window.workspace.document.id
    assert project.review_state(document_id) == "in review"
    kinds = [unit.kind.value for unit in dialog.units]
    assert len(kinds) == 3 and "agree" not in kinds  # all three units disagree
    first = dialog.current_unit()
    assert window.view.selected_range() == (first.start, first.end)

    dialog.versions.setFocus()
    qtbot.keyClick(dialog.versions, Qt.Key.Key_Return)  # accept the first version
    golds = project.gold_annotations(document_id)
    assert len(golds) == 1
    chosen = first.versions[0]
    assert (golds[0].start, golds[0].end, golds[0].tag) == (chosen.start, chosen.end, chosen.tag)

    dialog.versions.setFocus()
    qtbot.keyClick(dialog.versions, Qt.Key.Key_Delete)  # reject the next unit
    assert len(project.gold_annotations(document_id)) == 1

    unit = dialog.current_unit()
    dialog.edit_gold((unit.start, unit.end))  # gold from a selection, with the chosen tag
    assert len(project.gold_annotations(document_id)) == 2

    window.workspace.undo_stack.undo()  # decisions are undoable
    assert len(project.gold_annotations(document_id)) == 1
    dialog.mark_reviewed()
    assert project.review_state(document_id) == "reviewed"


def test_corpus_list_filters_by_review_state(qtbot, project: Project, tmp_path: Path) -> None:
    window = _window(qtbot, project, tmp_path)
    other = tmp_path / "other.txt"
    other.write_text("A second report about the depot.\n")
    project.import_paths([other])
    window.refresh_corpus()
    corpus_listed(qtbot, window)
    window.review_dialog()
    qtbot.addWidget(window.review)
    corpus = window.corpus
    corpus.status_box.setCurrentIndex(corpus.status_box.findData("in review"))
    assert corpus.model.rowCount() == 1
    window.review.mark_reviewed()
    corpus.status_box.setCurrentIndex(corpus.status_box.findData("reviewed"))
    assert corpus.model.rowCount() == 1
    corpus.status_box.setCurrentIndex(corpus.status_box.findData("in review"))
    assert corpus.model.rowCount() == 0


def _span_colours(window: MainWindow) -> dict[str, str]:
    return {span.id: span.style.color for span in window.view._index}


def test_a_decision_colours_only_its_gold_span_and_regroups_nothing(
    qtbot, project: Project, tmp_path: Path
) -> None:
    """Gold is not compared, so accepting a version leaves every unit as it was: the gold
    span joins the article in grey, the analysts keep their colours, and undoing the
    decision takes the gold span away again."""
    window, dialog = _reviewing(qtbot, project, tmp_path)
    document_id = window.workspace.document.id
    units, colours = dialog.units, _span_colours(window)
    assert len(set(colours.values())) == 2  # alice's colour and bob's

    dialog.versions.setFocus()
    qtbot.keyClick(dialog.versions, Qt.Key.Key_Return)
    (gold,) = project.gold_annotations(document_id)
    after = _span_colours(window)
    assert after[gold.id] == "#888888"
    assert {i: c for i, c in after.items() if i != gold.id} == colours
    assert dialog.units is units  # not grouped again
    assert dialog.current_unit() == units[1]  # on to the next unit

    window.workspace.undo_stack.undo()
    assert _span_colours(window) == colours


def test_an_analysts_edit_while_reviewing_regroups_the_units(
    qtbot, project: Project, tmp_path: Path
) -> None:
    window, dialog = _reviewing(qtbot, project, tmp_path)
    bobs_claim = next(
        v for unit in dialog.units for v in unit.versions if (v.start, v.analyst) == (39, "bob")
    )
    window.workspace.do(project.delete(bobs_claim.annotation_id))
    assert len(dialog.units) == 2  # the unit of bob's lone claim is gone
    assert bobs_claim.annotation_id not in _span_colours(window)


def test_with_gold_compared_a_decision_regroups_the_units(
    qtbot, project: Project, tmp_path: Path
) -> None:
    window = _window(qtbot, project, tmp_path)
    dialog = ReviewDialog(window.workspace, window.view, window)
    qtbot.addWidget(dialog)
    assert dialog.start(["alice", "gold"])
    dialog.show()
    before = dialog.units
    dialog.accept_version()
    assert dialog.units is not before
    assert any(v.analyst == "gold" for unit in dialog.units for v in unit.versions)
    assert all(unit.analysts == ("alice", "gold") for unit in dialog.units)


def test_a_new_review_replaces_the_last_one(qtbot, project: Project, tmp_path: Path) -> None:
    """Each review holds a document's units (thousands in a long report): starting another
    one deletes the last, so a day of reviews does not pile them up."""
    window = _window(qtbot, project, tmp_path)
    window.review_dialog()
    first = window.review
    first.mark_reviewed()  # closes it
    window.review_dialog()
    assert window.review is not first and window.review.isVisible()
    qtbot.waitUntil(lambda: first not in window.findChildren(type(first)))
    assert window.findChildren(type(first)) == [window.review]


def test_units_are_listed_with_their_kind_and_text_and_walked_by_keyboard(
    qtbot, project: Project, tmp_path: Path
) -> None:
    window, dialog = _reviewing(qtbot, project, tmp_path)
    units_list = dialog.unit_list
    model = units_list.model()
    labels = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert labels == [
        "⚠ tag   “Officials”",
        "⚠ boundary   “Veskar missile base”",
        "⚠ only some   “grew qu”",
    ]
    assert units_list.currentRow() == 0
    units_list.setFocus()
    qtbot.keyClick(units_list, Qt.Key.Key_Down)
    second = dialog.units[1]
    assert dialog.current_unit() == second
    assert window.view.selected_range() == (second.start, second.end)
    shown = [dialog.versions.item(row).text() for row in range(dialog.versions.count())]
    assert [text.split(":")[0] for text in shown] == ["bob", "alice"]  # in text order
    qtbot.keyClick(units_list, Qt.Key.Key_Up)
    assert dialog.current_unit() == dialog.units[0]


def test_a_unit_label_folds_whitespace_and_stops_at_sixty_characters() -> None:
    from annotator.core.model import DocumentId
    from annotator.core.review.units import ReviewUnit, UnitKind
    from annotator.gui.unit_list import unit_label

    text = "Line one\n\n  " + "word " * 400
    unit = ReviewUnit(DocumentId("d"), 0, len(text), UnitKind.AGREE, (), ("a",))
    label = unit_label(unit, text)
    assert label.startswith("✓ agree   “Line one word word")
    assert len(label.split("“")[1].rstrip("”")) == 60
