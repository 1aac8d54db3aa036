"""Render the README screenshots from the shipped samples: ``python docs/screenshots.py``.

Runs offscreen in a throwaway Annotator home, tags the first sample like an analyst would
(overlapping and nested spans included), and saves PNGs next to this file.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["ANNOTATOR_HOME"] = tempfile.mkdtemp(prefix="annotator-shots-")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from annotator.core.project import Project
from annotator.core.samples import sample_paths
from annotator.gui.main_window import MainWindow
from annotator.gui.workspace import Workspace

HERE = Path(__file__).parent
PHRASES = [
    (
        "Commercial satellite images taken over the past six weeks show new construction at "
        "the Veskar Northern Test Range and at the Orlan Fuel Enrichment Plant",
        "claim",
    ),
    ("Veskar Northern Test Range", "facility"),
    ("Orlan Fuel Enrichment Plant", "facility"),
    ("What we are seeing is not routine maintenance,", "quote"),
    ("The pads are sized for a larger airframe than anything Durova has tested before.", "quote"),
    ("the new pads are likely intended for a longer-range missile", "assessment"),
    ("The Halvern Institute assessed that the new pads", "claim"),
    ("We assess with moderate confidence that Durova is preparing to expand", "assessment"),
    ("Orlan Fuel Enrichment Plant, the images show earthworks", "claim"),
]


def tag_phrases(window: MainWindow, phrases: list[tuple[str, str]]) -> None:
    workspace = window.workspace
    document = workspace.document
    assert document is not None
    for phrase, tag in phrases:
        start = document.text.find(phrase)
        if start < 0:
            print(f"not in sample: {phrase!r}", file=sys.stderr)
            continue
        workspace.do(workspace.project.new_annotation(document, start, start + len(phrase), tag))


def link_quotes_to_speaker(window: MainWindow) -> None:
    """The analyst's typical relation: a quote attributed to the span naming its speaker."""
    workspace = window.workspace
    document = workspace.document
    assert document is not None
    speaker = "Ilse Marrow"
    start = document.text.find(speaker)
    edit = workspace.project.new_annotation(document, start, start + len(speaker), "claim")
    workspace.do(edit)
    for annotation in workspace.project.annotations(document.id):
        if annotation.tag == "quote":
            workspace.do(
                workspace.project.new_relation(annotation.id, edit.annotation.id, "attributed_to")
            )


def agreement_screenshot(window: MainWindow) -> None:
    """A second analyst tags some of the same phrases differently; render the comparison."""
    from annotator.core.agreement.compute import compute_agreement
    from annotator.gui.agreement_view import AgreementDialog

    project = window.workspace.project
    document = window.workspace.document
    assert document is not None
    bob = [(phrase, "claim" if tag == "assessment" else tag) for phrase, tag in PHRASES[1:7]]
    project.set_analyst("bob")
    for phrase, tag in bob:
        start = document.text.find(phrase)
        project.apply(project.new_annotation(document, start, start + len(phrase), tag))
    project.set_analyst("alice")
    window.workspace.corpus_changed()  # as importing a colleague's work tells the window
    while window.corpus_refresh.pending:  # the corpus list is re-read on the thread pool
        QApplication.processEvents()
    dialog = AgreementDialog(window.workspace, window)
    dialog.show_report(compute_agreement(project))
    dialog.comparison.setCurrentIndex(1)
    review_screenshot(window)
    dialog.resize(1100, 720)
    dialog.show()
    QApplication.processEvents()
    dialog.grab().save(str(HERE / "agreement.png"))
    dialog.close()


def review_screenshot(window: MainWindow) -> None:
    """Review mode: spans coloured by analyst, units listed disagreements first."""
    window.review_dialog()
    review = window.review
    QApplication.processEvents()
    review.grab().save(str(HERE / "review.png"))
    window.grab().save(str(HERE / "review-window.png"))
    review.close()


def find_and_search_screenshots(window: MainWindow) -> None:
    """The find bar with every hit marked, the corpus search dialog, the shortcut overlay."""
    from annotator.gui.corpus_search import CorpusSearchDialog
    from annotator.gui.help import ShortcutsDialog

    window.find_bar.open_bar("Orlan")
    window.find_bar.step(1)
    QApplication.processEvents()
    window.grab().save(str(HERE / "find-bar.png"))
    window.find_bar.close_bar()
    search = CorpusSearchDialog(window.workspace.project, window)
    search.query.setText("enrichment")
    search.run_search()
    search.show()
    QApplication.processEvents()
    search.grab().save(str(HERE / "corpus-search.png"))
    search.close()
    shortcuts = ShortcutsDialog(window.workspace.project.tags(), window)
    shortcuts.show()
    QApplication.processEvents()
    shortcuts.grab().save(str(HERE / "shortcuts.png"))
    shortcuts.close()


def sort_menu_screenshot(window: MainWindow) -> None:
    """Go ▸ Sort documents by, open beside its menu, the list sorted by title (Z to A)."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QImage, QPainter

    window.corpus.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    go = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Go")
    go.popup(QPoint(0, 0))
    QApplication.processEvents()
    go.setActiveAction(window.sort_menu.menuAction())
    window.sort_menu.popup(QPoint(go.width(), 0))
    QApplication.processEvents()
    menus, sort = go.grab(), window.sort_menu.grab()
    top = go.actionGeometry(window.sort_menu.menuAction()).top()
    image = QImage(
        go.width() + sort.width(), max(go.height(), top + sort.height()), QImage.Format.Format_RGB32
    )
    image.fill(window.palette().window().color())
    painter = QPainter(image)
    painter.drawPixmap(0, 0, menus)
    painter.drawPixmap(go.width(), top, sort)
    painter.end()
    image.save(str(HERE / "sort-menu.png"))
    window.sort_menu.close()
    go.close()
    window.corpus.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)


def opening_screenshot(settings: QSettings) -> None:
    """The window as it first shows at start-up, while the project opens."""
    window = MainWindow.before_project(settings)
    window.resize(1400, 860)
    window.show()
    QApplication.processEvents()
    window.grab().save(str(HERE / "opening.png"))
    window.close()


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    home = Path(os.environ["ANNOTATOR_HOME"])
    opening_screenshot(QSettings(str(home / "opening.ini"), QSettings.Format.IniFormat))
    project = Project.open(home / "shots.sqlite", analyst="alice")
    project.import_paths(sample_paths())
    settings = QSettings(str(home / "gui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Workspace(project), settings)
    window.load()
    window.resize(1400, 860)
    window.show()
    window.corpus.step(0)
    tag_phrases(window, PHRASES)
    link_quotes_to_speaker(window)
    quote = next(a for a in window.panel.model._rows if a.tag == "quote")
    window._make_current_by_id(quote.id)
    window.view.verticalScrollBar().setValue(0)
    app.processEvents()
    window.grab().save(str(HERE / "main-window.png"))
    window.set_theme("dark")
    app.processEvents()
    window.grab().save(str(HERE / "main-window-dark.png"))
    window.set_theme("system")
    agreement_screenshot(window)
    find_and_search_screenshots(window)
    sort_menu_screenshot(window)
    print(HERE / "main-window.png", HERE / "main-window-dark.png")


if __name__ == "__main__":
    main()
