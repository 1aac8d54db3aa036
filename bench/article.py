"""Opening a long article and scrolling through it, in the real main window.

"Open" is what an analyst waits for after picking a document: the workspace loads the text
and its annotations from SQLite, the view, the annotation list and the corpus selection
update, and the event loop's turn paints what changed, every highlight on screen
included; each open is checked to have painted the article's viewport and the annotation
list whole. The baseline is the floor Qt itself sets: a bare ``QPlainTextEdit`` given the
same text at the same window size, painted the same way (checked likewise).

Until 2026-11-27 both sides forced a synchronous repaint (of the whole window, of the bare
editor) before the event loop's turn; for the window that also repainted what an open
does not change (the tag bar, the corpus list but for two rows, the menu bar, the
splitters), as the tag row did (bench/RESULTS.md, session of 2026-11-27 night).

"Scroll" is the cost of one frame while paging through the article: set the scroll bar,
repaint the viewport. The baseline is the same view showing the same text without spans,
so the ratio is exactly what the highlights and lanes cost per frame.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from annotator.core.project import Project
from annotator.gui.article_view import ArticleView
from annotator.gui.main_window import MainWindow
from bench import qt
from bench.context import Context
from bench.data import megabytes
from bench.fixtures import ANALYST
from bench.measure import (
    Trial,
    interleaved_medians_ms,
    interleaved_samples_ms,
    percentile,
)
from bench.table import Figure, Growth, Row, all_of, below, ratio_at_most

OPEN_LIMIT_MS = 300


def open_row(ctx: Context) -> Row:
    chars = ctx.sizes.article_chars
    measured, baseline = _open_medians(ctx, chars, beside_plain=True)
    ctx.measured[("open", chars)] = measured
    spans = len(ctx.article(chars).spans)
    return Row(
        "open a long article",
        Figure(measured, "ms"),
        Figure(baseline, "ms"),
        all_of(below(OPEN_LIMIT_MS, "ms"), ratio_at_most(2)),
        f"{megabytes(chars)}, {spans:,} annotations: workspace.open_document -> what it "
        "changed painted (each open checked to paint the article and the annotation list "
        "whole) [QPlainTextEdit.setPlainText -> painted, same text and window size; the two "
        "opens take turns]",
    )


def measure_open(ctx: Context, chars: int) -> float:
    """Median ms from ``open_document`` to the window painted, the view emptied in between."""
    key = ("open", chars)
    if key not in ctx.measured:
        ctx.measured[key] = _open_medians(ctx, chars, beside_plain=False)[0]
    return ctx.measured[key]


def _open_medians(ctx: Context, chars: int, *, beside_plain: bool) -> list[float]:
    """The window's open and, when asked, the plain editor's, interleaved."""
    db, document_id = ctx.article_project(chars)
    with Project.open(db, analyst=ANALYST) as project:
        window = qt.main_window(project, ctx.home)
        plain = QPlainTextEdit() if beside_plain else None
        try:
            shown = _WhollyPainted(window.view.viewport(), window.panel.table.viewport())
            trials = [
                Trial(
                    lambda: _open_and_paint(window, document_id, shown),
                    setup=lambda: shown.after(lambda: _close_document(window)),
                )
            ]
            if plain is not None:
                trials.append(_plain_open_trial(plain, ctx.article(chars).text))
            return interleaved_medians_ms(trials, ctx.sizes.repeats)
        finally:
            if plain is not None:
                qt.close(plain)
            qt.close(window)


def _open_and_paint(
    window: MainWindow, document_id: str, shown: _WhollyPainted | None = None
) -> None:
    window.workspace.open_document(document_id)
    qt.process_events()  # the paints the open asked for
    if shown is not None:
        shown.check()  # a few microseconds: a region test


def _close_document(window: MainWindow) -> None:
    window.workspace.open_document(None)
    window.repaint()
    qt.process_events()


class _WhollyPainted:
    """Whether the given widgets were painted whole since ``after(setup)``, which runs the
    setup of the next timed open and then starts watching; ``check`` ends a timed open."""

    def __init__(self, *widgets: QWidget) -> None:
        self._watched = [(widget, qt.Painted(widget)) for widget in widgets]

    def after(self, setup: Callable[[], None]) -> None:
        setup()
        for _widget, painted in self._watched:
            painted.clear()

    def check(self) -> None:
        for widget, painted in self._watched:
            assert painted.covers(widget.rect()), f"an open left {widget} partly unpainted"


def _plain_open_trial(plain: QPlainTextEdit, text: str) -> Trial:
    """The baseline: the same text into a bare editor of the window's size, painted."""
    plain.resize(*qt.WINDOW_SIZE)
    qt.show_active(plain)
    shown = _WhollyPainted(plain.viewport())

    def load() -> None:
        plain.setPlainText(text)
        qt.process_events()
        shown.check()

    def clear() -> None:
        plain.clear()
        plain.repaint()
        qt.process_events()

    return Trial(load, setup=lambda: shown.after(clear))


def scroll_row(ctx: Context) -> Row:
    chars = ctx.sizes.article_chars
    db, document_id = ctx.article_project(chars)
    with Project.open(db, analyst=ANALYST) as project:
        window = qt.main_window(project, ctx.home)
        bare = ArticleView()
        try:
            _open_and_paint(window, document_id)
            bare.resize(window.view.size())
            qt.show_active(bare)
            bare.set_article(window.workspace.document.text, [])
            qt.process_events()
            frames, base_frames = _scroll_frames((window.view, bare), ctx.sizes.scroll_frames)
        finally:
            qt.close(bare)
            qt.close(window)
    measured, baseline = statistics.median(frames), statistics.median(base_frames)
    return Row(
        "scroll",
        Figure(measured, "ms"),
        Figure(baseline, "ms"),
        ratio_at_most(1.5),
        f"median of {len(frames)} frames paging through the article (p95 "
        f"{percentile(frames, 0.95):.1f} ms): scroll bar step + viewport repaint "
        f"[same ArticleView, same text, no spans, frames interleaved with the measured "
        f"ones so both see the same machine load; p95 {percentile(base_frames, 0.95):.1f} ms]",
    )


def _scroll_frames(views: tuple[QPlainTextEdit, ...], frames: int) -> tuple[list[float], ...]:
    """Page through the whole article in ``frames`` steps in every view, timing each step's
    repaint; the views take turns frame by frame, so a burst of load on this shared machine
    hits them alike."""
    trials = [Trial(_pager(view, frames)) for view in views]
    return tuple(interleaved_samples_ms(trials, frames))


def _pager(view: QPlainTextEdit, frames: int) -> Callable[[], None]:
    """Each call shows the view's next page of ``frames`` (from the top) and repaints it."""
    bar = view.verticalScrollBar()
    bar.setValue(0)
    qt.process_events()
    positions = iter([round(bar.maximum() * (i + 1) / frames) for i in range(frames)])

    def frame() -> None:
        bar.setValue(next(positions))
        view.viewport().repaint()

    return frame


def growth(ctx: Context) -> Growth:
    return Growth.measured(
        "open a long article (10,000 annotations per MB)",
        ctx.sizes.article_growth,
        megabytes,
        lambda chars: f"open a {megabytes(chars)} article",
        lambda chars: measure_open(ctx, chars),
        ctx.say,
    )
