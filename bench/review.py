"""Opening a review of a long report: how it grows with the report.

A reviewer compares two analysts' annotations of one article (Review ▸ Review this
document). The series takes the article benchmark's articles, adds a second analyst who
tagged most of the same spans, some with other boundaries or another tag (seeded), and times
the real window's review: units grouped, listed and the article coloured by analyst, the
dialog and the window painted. Each open follows a closed review, as a reviewer going back
to the document would.
"""

from __future__ import annotations

import random

from annotator.core.edits import CompositeEdit
from annotator.core.project import Project
from annotator.gui.main_window import MainWindow
from bench import qt
from bench.context import SEED, Context
from bench.data import megabytes
from bench.fixtures import ANALYST
from bench.measure import median_ms
from bench.table import Growth

SECOND_ANALYST = "second"
KEPT = 0.8  # share of the first analyst's spans the second one tagged too
SHIFTS = (0, 0, 0, -2, 3)  # how the second analyst's start differs, drawn per span
OTHER_TAG = 0.15  # share of the kept spans given another tag


def growth(ctx: Context) -> Growth:
    return Growth.measured(
        "open a review of a long article (two analysts, ~18,000 annotations per MB)",
        ctx.sizes.article_growth,
        megabytes,
        lambda chars: f"open the review of a {megabytes(chars)} article, two analysts",
        lambda chars: _review_ms(ctx, chars),
        ctx.say,
    )


def _review_ms(ctx: Context, chars: int) -> float:
    db, document_id = ctx.article_project(chars)
    db = ctx.copy(db)  # the second analyst's annotations go into a copy
    with Project.open(db, analyst=SECOND_ANALYST) as project:
        _add_second_analyst(project, document_id, random.Random(SEED + chars))
    with Project.open(db, analyst=ANALYST) as project:
        window = qt.main_window(project, ctx.home)
        try:
            window.workspace.open_document(document_id)
            qt.process_events()
            return median_ms(
                lambda: _open_review(window), ctx.sizes.repeats, lambda: _close_review(window)
            )
        finally:
            _close_review(window)
            qt.close(window)


def _add_second_analyst(project: Project, document_id: str, rng: random.Random) -> None:
    """Most of the first analyst's spans again, some moved or tagged otherwise."""
    document = project.document(document_id)
    by_tag: dict[str, list[tuple[int, int]]] = {}
    tags = sorted({ref.tag for ref in project.annotation_refs(document_id)})
    for ref in project.annotation_refs(document_id):
        if rng.random() >= KEPT:
            continue
        start = max(0, ref.start + rng.choice(SHIFTS))
        tag = rng.choice(tags) if rng.random() < OTHER_TAG else ref.tag
        by_tag.setdefault(tag, []).append((start, max(start + 1, ref.end)))
    edits = [
        edit
        for tag, spans in by_tag.items()
        for edit in project.new_annotations(document, spans, tag)
    ]
    project.apply(CompositeEdit(tuple(edits), "a second analyst"))


def _open_review(window: MainWindow) -> None:
    window.review_dialog()
    assert window.review is not None, "the review found nothing to compare"
    window.review.repaint()
    window.repaint()
    qt.process_events()


def _close_review(window: MainWindow) -> None:
    """Close the last review (its article colours go back to tags), untimed."""
    if window.review is not None:
        window.review.close()
        window.review.deleteLater()
        window.review = None
        qt.process_events()
