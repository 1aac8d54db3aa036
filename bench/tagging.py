"""Tagging a span with the keyboard, from key press to highlight on screen.

Driven through the real ``MainWindow``: a selection is made with a text cursor (untimed),
then the timed part is a real key press of "1" (the claim hotkey) delivered by QTest, which
runs the shortcut, commits the annotation to SQLite and updates the views, followed by a
synchronous repaint of the article. The baseline is the least any committed edit can cost
on this disk: one ``INSERT`` and ``COMMIT`` with raw ``sqlite3`` in WAL mode with
``synchronous=FULL``, as the app configures SQLite.
"""

from __future__ import annotations

import itertools
import random
import re
import sqlite3
import statistics
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from annotator.core.project import Project
from annotator.gui.main_window import MainWindow
from bench import qt
from bench.context import Context
from bench.fixtures import ANALYST
from bench.measure import Trial, interleaved_samples_ms, samples_ms
from bench.table import Figure, Row, all_of, below, ratio_at_most

LIMIT_MS = 16  # one frame at 60 Hz
WORD = re.compile(r"\w+")


def run(ctx: Context) -> list[Row]:
    chars = ctx.sizes.article_chars
    db, document_id = ctx.article_project(chars)
    db = ctx.copy(db)  # this benchmark writes
    presses = ctx.sizes.presses
    with (
        Project.open(db, analyst=ANALYST) as project,
        _raw_committer(ctx.home / "raw-commit.sqlite") as commit_one,
    ):
        before = len(project.annotations(document_id))
        window = qt.main_window(project, ctx.home)
        try:
            window.workspace.open_document(document_id)
            qt.process_events()
            ranges = iter(_word_ranges(window.workspace.document.text, presses))
            samples, raw = interleaved_samples_ms(
                [
                    Trial(lambda: _press(window), setup=lambda: _select(window, *next(ranges))),
                    Trial(commit_one),
                ],
                presses,
            )
            repaint = statistics.median(samples_ms(window.view.viewport().repaint, presses))
        finally:
            qt.close(window)
        added = len(project.annotations(document_id)) - before
        assert added == presses, f"{added} of {presses} key presses created an annotation"
    baseline = statistics.median(raw)
    measured = statistics.median(samples)
    floor = baseline + repaint
    return [
        Row(
            "tag a span",
            Figure(measured, "ms"),
            Figure(baseline, "ms"),
            all_of(below(LIMIT_MS, "ms"), ratio_at_most(3)),
            f"median of {presses} presses of '1' (QTest) in a {chars:,}-character article "
            "-> committed + article repainted [sqlite3 INSERT + COMMIT, WAL, synchronous=FULL, "
            "each commit right after a press]; "
            f"the article's repaint alone takes {repaint:.2f} ms, so no edit can take less than "
            f"commit + repaint = {floor:.2f} ms ({floor / baseline:.1f}x the baseline)",
        )
    ]


def _word_ranges(text: str, count: int) -> list[tuple[int, int]]:
    """Word-aligned selections of 2-12 words spread over the article (seeded)."""
    rng = random.Random(len(text))
    words = [(m.start(), m.end()) for m in WORD.finditer(text)]
    ranges = []
    for _ in range(count):
        first = rng.randrange(0, len(words) - 12)
        ranges.append((words[first][0], words[first + rng.randint(1, 11)][1]))
    return ranges


def _select(window: MainWindow, start: int, end: int) -> None:
    """The text to tag (the text is BMP-only, so code points are Qt positions)."""
    view = window.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.setFocus()
    qt.process_events()


def _press(window: MainWindow) -> None:
    QTest.keyClick(window.view, Qt.Key.Key_1)
    window.view.viewport().repaint()
    qt.process_events()


@contextmanager
def _raw_committer(db: Path) -> Iterator[Callable[[], None]]:
    """One new row per call, inserted and committed by raw ``sqlite3``."""
    with closing(sqlite3.connect(db, isolation_level=None)) as connection:
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=FULL"):
            connection.execute(f"PRAGMA {pragma}")
        connection.execute(
            "CREATE TABLE annotations (id TEXT PRIMARY KEY, document_id TEXT, tag_id INTEGER, "
            "start_offset INTEGER, end_offset INTEGER, quote TEXT, created TEXT)"
        )
        numbers = itertools.count()

        def commit_one() -> None:
            n = next(numbers)
            connection.execute("BEGIN")
            connection.execute(
                "INSERT INTO annotations VALUES (?, ?, ?, ?, ?, ?, ?)",
                (f"raw-{n}", "doc", 1, n, n + 10, "quoted words", "2026-01-05 09:30:00"),
            )
            connection.execute("COMMIT")

        yield commit_one
