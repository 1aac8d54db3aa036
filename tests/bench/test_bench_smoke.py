"""``python -m bench --quick`` runs to the end and prints every row of the table.

A smoke test only: benchmark figures depend on the machine, so no time is ever asserted
(DESIGN 5). It runs in a subprocess with its own ``ANNOTATOR_HOME``, as an engineer would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ROWS = (
    "tag a span",
    "open a long article",
    "scroll",
    "export jsonl",
    "import jsonl",
    "corpus list",
    "cold start",
    "memory",
)


@pytest.mark.slow
def test_quick_run_prints_every_row(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ANNOTATOR_HOME=str(tmp_path / "home"))
    env.pop("ANNOTATOR_DB", None)
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    rows = {line.split("|")[1].strip() for line in result.stdout.splitlines() if "|" in line}
    for name in ROWS:
        assert name in rows, f"row '{name}' missing from:\n{result.stdout}"
    assert "Growth" in result.stdout
    assert "exponent" in result.stdout
    assert "tag a span in one long paragraph" in result.stdout
    assert "open a review of a long article" in result.stdout


def test_unknown_benchmark_name_is_a_usage_error() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--only", "nonsense"],
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert "unknown benchmark 'nonsense'" in result.stderr
