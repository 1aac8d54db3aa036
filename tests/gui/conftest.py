"""GUI test setup: a headless Qt platform, and Qt warnings count as failures (DESIGN 5)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from annotator.gui import span_paint
from annotator.gui.article_view import ArticleView
from annotator.gui.lanes import BlockLines

_HERE = Path(__file__).parent
# The offscreen platform warns about window features it lacks (size hints, raise()) when a
# top-level widget or tooltip is shown; that is the test platform talking, not our code.
_PLATFORM_NOISE = r"This plugin does not support "


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Apply the warning policy to the GUI tests only (this hook sees the whole session)."""
    for item in items:
        if item.path.is_relative_to(_HERE):
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(_PLATFORM_NOISE))


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[ArticleView]:
    """An article view as a window of its own, shown."""
    widget = ArticleView()
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


@pytest.fixture
def lines_measured(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many lines each measure of a block's lines on screen read (`block_lines`)."""
    measured: list[int] = []
    block_lines = span_paint.block_lines

    def counting(*args: Any) -> BlockLines:
        lines = block_lines(*args)
        measured.append(len(lines.tops))
        return lines

    monkeypatch.setattr(span_paint, "block_lines", counting)
    return measured
