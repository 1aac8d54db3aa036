"""Regression guard for PySide6 6.12.0, which aborts Python after a few thousand void calls.

6.12.0 drops a reference to None on every call of a method that returns nothing; once
None's refcount runs out Python dies with "Fatal Python error: none_dealloc". The view makes
such calls by the thousand (setFormat per span per block), so the pin in pyproject.toml
(<6.12) matters. The calls run in a subprocess, so an abort fails this test instead of
killing the whole pytest run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import PySide6

CALLS_PER_KIND = 50_000  # four kinds: 200,000 void calls in all

SCRIPT = textwrap.dedent(
    f"""
    from PySide6.QtGui import QSyntaxHighlighter, QTextCharFormat, QTextCursor, QTextDocument
    from PySide6.QtWidgets import QApplication, QLabel, QWidget

    N = {CALLS_PER_KIND}
    app = QApplication([])
    widget, label = QWidget(), QLabel()
    for i in range(N):
        widget.resize(100 + i % 50, 80)
        label.setText("x")

    doc = QTextDocument()
    doc.setPlainText("\\n".join("block of text number %d" % i for i in range(500)))
    cursor = QTextCursor(doc)
    for i in range(N):
        cursor.setPosition(i % 1000)

    FORMAT = QTextCharFormat()
    calls = 0

    class Highlighter(QSyntaxHighlighter):
        def highlightBlock(self, text):
            global calls
            for start in range(10):
                self.setFormat(start, 2, FORMAT)
                calls += 1

    highlighter = Highlighter(doc)
    while calls < N:
        highlighter.rehighlight()
    print("ok", calls)
    """
)


def test_pyside_version_is_below_the_broken_release() -> None:
    major, minor = (int(part) for part in PySide6.__version__.split(".")[:2])
    assert (major, minor) < (6, 12), f"PySide6 {PySide6.__version__}: 6.12.0 aborts Python"


def test_two_hundred_thousand_void_calls_do_not_abort_python() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("ok")
