"""GUI test setup: a headless Qt platform, and Qt warnings count as failures (DESIGN 5)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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
