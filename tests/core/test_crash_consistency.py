"""Crash consistency (issue 10): SIGKILL a real child process at random moments while it
edits through ``Project``; every acknowledged edit must be in the reopened database, at most
the one edit in flight may be either fully there or not at all, and nothing is half-written.

The child and the checker live in ``crash_child.py``; ``bench/crash.py`` runs a longer
campaign with the same code.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest


def load_crash_child() -> ModuleType:
    path = Path(__file__).with_name("crash_child.py")
    spec = importlib.util.spec_from_file_location("crash_child", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("crash_child", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing_acknowledged(db_path: Path) -> None:
    crash = load_crash_child()
    tally, _ = crash.crash_campaign(db_path, kills=20, seed=10, max_acks=50)
    assert tally.failures == []
    assert tally.kills == 20
    assert tally.acked >= 20
