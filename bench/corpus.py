"""The corpus list: how long from opening a project to seeing every document with its counts.

The row times what an analyst waits for at the start of a session: ``Project.open`` (schema
check included; the file's ``PRAGMA quick_check`` deferred as the app defers it, to a
thread after the window shows, see ``gui.app.launch``), the main window built and loaded
(``MainWindow.load`` fills the corpus list with per-tag counts), shown and painted. The
baseline is the one aggregate query that any such list needs, raw ``sqlite3``; the target
is absolute, 200 ms.

Growth is fitted on the part that scales with the corpus, ``refresh_corpus`` plus a paint
(what the window does after an import), so fixed start-up costs cannot flatter the slope.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from annotator.core.project import Project
from annotator.core.storage.engine import integrity_check_deferred
from annotator.gui.main_window import MainWindow
from bench import qt
from bench.context import Context
from bench.fixtures import ANALYST
from bench.measure import Trial, interleaved_medians_ms, median_ms
from bench.table import Figure, Growth, Row, below

LIMIT_MS = 200
COUNT_QUERY = (
    "SELECT document_id, tag_id, count(*) FROM annotations WHERE deleted = 0 "
    "GROUP BY document_id, tag_id"
)


def run(ctx: Context) -> list[Row]:
    documents = ctx.sizes.corpus_documents
    db = ctx.corpus_project(documents)
    opened: list[tuple[Project, MainWindow]] = []

    def open_and_show() -> None:
        with integrity_check_deferred():  # as gui.app.launch opens the project
            project = Project.open(db, analyst=ANALYST)
        window = qt.main_window(project, ctx.home)
        window.repaint()
        qt.process_events()
        opened.append((project, window))
        assert window.corpus.model.rowCount() == documents

    def close_previous() -> None:
        while opened:
            project, window = opened.pop()
            qt.close(window)
            project.close()

    try:
        measured, baseline = interleaved_medians_ms(
            [Trial(open_and_show, setup=close_previous), Trial(lambda: _count_query(db))],
            ctx.sizes.repeats,
        )
    finally:
        close_previous()
    return [
        Row(
            "corpus list",
            Figure(measured, "ms"),
            Figure(baseline, "ms"),
            below(LIMIT_MS, "ms"),
            f"{documents:,} docs with counts per tag: Project.open + MainWindow + load -> "
            "shown and painted [sqlite3: one SELECT count(*) ... GROUP BY document, tag, in turns]",
        )
    ]


def _count_query(db: Path) -> None:
    with closing(sqlite3.connect(db)) as connection:
        connection.execute(COUNT_QUERY).fetchall()


def measure_refresh(ctx: Context, documents: int) -> float:
    db = ctx.corpus_project(documents)
    with Project.open(db, analyst=ANALYST) as project:
        window = qt.main_window(project, ctx.home)
        try:

            def refresh() -> None:
                window.refresh_corpus()
                window.corpus.repaint()
                qt.process_events()

            return median_ms(refresh, ctx.sizes.repeats)
        finally:
            qt.close(window)


def growth(ctx: Context) -> Growth:
    sizes = ctx.sizes.corpus_growth
    times = []
    for documents in sizes:
        ctx.say(f"growth: corpus list of {documents:,} documents")
        times.append(measure_refresh(ctx, documents))
    return Growth.fitted(
        f"corpus list refresh ({ctx.sizes.spans_per_document} annotations per document)",
        sizes,
        lambda s: f"{s:,.0f} docs",
        times,
    )
