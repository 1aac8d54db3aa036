"""Review ▸ Agreement: computed in the background, shown as table, bars and heat map,
saved as CSV and HTML."""

from __future__ import annotations

from pathlib import Path

from annotator.core.model import AnnotationDraft, ArticleDraft
from annotator.core.project import Project
from annotator.core.tags import color_for_new_tag
from annotator.gui.agreement_view import AgreementDialog
from annotator.gui.workspace import Workspace

TEXT = "Officials said the Veskar missile base grew quickly last year."


def _two_analysts(project: Project) -> None:
    spans = {
        "alice": [(0, 9, "quote"), (19, 38, "facility")],
        "bob": [(0, 9, "quote"), (19, 25, "facility"), (39, 46, "claim")],
    }
    drafts = tuple(
        AnnotationDraft(start, end, tag, annotator=who)
        for who, rows in spans.items()
        for start, end, tag in rows
    )
    project.store.store_article(
        ArticleDraft(text=TEXT, origin="t", annotations=drafts),
        annotator="alice",
        new_tag_color=color_for_new_tag,
    )


def test_agreement_dialog_computes_and_saves(qtbot, project: Project, tmp_path: Path) -> None:
    _two_analysts(project)
    dialog = AgreementDialog(Workspace(project))
    qtbot.addWidget(dialog)
    dialog.compute()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=15000)
    assert dialog.comparison.count() == 2  # the group and the one pair
    dialog.comparison.setCurrentIndex(1)
    assert dialog.table.rowCount() >= 2
    assert dialog.table.item(0, 0).text() == "(overall)"
    dialog.grab()  # bars and heat map paint
    dialog.save(tmp_path / "a.csv", "csv")
    dialog.save(tmp_path / "a.html", "html")
    assert "exact_f1" in (tmp_path / "a.csv").read_text(encoding="utf-8-sig")
    assert "<html" in (tmp_path / "a.html").read_text().lower()
