"""The corpus list: how long from opening a project to seeing every document with its counts.

The row times what an analyst waits for at the start of a session: ``Project.open`` (schema
check included; the file's ``PRAGMA quick_check`` deferred as the app defers it, to a
thread after the window shows, see ``gui.app.launch``), the main window built and loaded
(``MainWindow.load`` fills the corpus list with per-tag counts), shown and painted. The
baseline is the one aggregate query that any such list needs, raw ``sqlite3``; the target
is absolute, 200 ms.

Growth is fitted on the parts that scale with the corpus, so fixed start-up costs cannot
flatter the slope: ``refresh_corpus`` until the list is shown again and painted (what the
window does after an import), and what an analyst does in a long list: click a header to
sort, type in the filter box. The refresh reads the corpus on the thread pool, so beside
its time the window's longest stall meanwhile is measured: the longest gap between the
ticks of a 1 ms timer on the GUI thread, i.e. how long a key press could have waited.
"""

from __future__ import annotations

import itertools
import sqlite3
import statistics
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest

from annotator.core.project import Project
from annotator.core.storage.engine import integrity_check_deferred
from annotator.gui.main_window import MainWindow
from bench import qt
from bench.context import Context
from bench.fixtures import ANALYST
from bench.measure import Trial, each_size, interleaved_medians_ms, median_ms
from bench.table import Figure, Growth, Row, below

LIMIT_MS = 200


class ListFigures(NamedTuple):
    refresh: float
    refresh_stall: float
    sort: float
    filter: float


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


def measure_list(ctx: Context, documents: int) -> ListFigures:
    """The corpus list's work that scales with the corpus, in one window: the refresh, a
    header click's sort (by the total, each way in turn) and a key typed in the filter box
    (a digit of the dates, typed and erased in turn), each with the list repainted."""
    db = ctx.corpus_project(documents)
    with Project.open(db, analyst=ANALYST) as project:
        window = qt.main_window(project, ctx.home)
        try:
            panel = window.corpus

            def repainted(action: Callable[[], object]) -> Callable[[], None]:
                def step() -> None:
                    action()
                    panel.repaint()
                    qt.process_events()

                return step

            total = panel.model.columnCount() - 1
            orders = itertools.cycle([Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder])
            keys = itertools.cycle([Qt.Key.Key_2, Qt.Key.Key_Backspace])
            panel.filter_edit.setFocus()
            stalls: list[float] = []
            refresh = median_ms(
                repainted(lambda: stalls.append(_refresh_and_wait(window))), ctx.sizes.repeats
            )
            return ListFigures(
                refresh,
                statistics.median(stalls),
                median_ms(
                    repainted(lambda: panel.table.sortByColumn(total, next(orders))),
                    ctx.sizes.repeats,
                ),
                median_ms(
                    repainted(lambda: QTest.keyClick(panel.filter_edit, next(keys))),
                    ctx.sizes.repeats,
                ),
            )
        finally:
            qt.close(window)


def _refresh_and_wait(window: MainWindow) -> float:
    """``refresh_corpus``, the event loop turned until the listing is shown; returns the
    longest the GUI thread went without running a 1 ms timer meanwhile (ms)."""
    loop = QEventLoop()
    ticks = [time.perf_counter()]
    ticker = QTimer()
    ticker.setInterval(1)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
    window.corpus_refresh.listed.connect(loop.quit)
    QTimer.singleShot(60_000, loop.quit)  # a listing that fails never shows: see below
    try:
        ticker.start()
        window.refresh_corpus()
        if window.corpus_refresh.pending:
            loop.exec()
        ticks.append(time.perf_counter())
        assert not window.corpus_refresh.pending, "the corpus was not listed within a minute"
    finally:
        ticker.stop()
        window.corpus_refresh.listed.disconnect(loop.quit)
    return max(b - a for a, b in itertools.pairwise(ticks)) * 1000


def growth(ctx: Context) -> list[Growth]:
    sizes = ctx.sizes.corpus_growth
    measured = each_size(
        sizes,
        lambda documents: f"corpus list of {documents:,} documents",
        lambda documents: measure_list(ctx, documents),
        ctx.say,
    )
    spans = ctx.sizes.spans_per_document
    return [
        Growth.fitted(
            f"corpus list {what} ({spans} annotations per document)",
            sizes,
            lambda s: f"{s:,.0f} docs",
            [getattr(figures, field) for figures in measured],
        )
        for field, what in (
            ("refresh", "refresh"),
            ("refresh_stall", "refresh: the window's longest stall meanwhile"),
            ("sort", "sort (a header click)"),
            ("filter", "filter (a key typed)"),
        )
    ]
