"""The PyInstaller build (packaging/build.sh) and its headless smoke tests. Building takes
about two minutes plus, the first time, a build venv. The README test command
(tests/run.sh) sets ANNOTATOR_BUILD_FROZEN=1, so CI builds it; a bare pytest run skips it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("ANNOTATOR_BUILD_FROZEN") != "1",
    reason="the frozen build takes minutes; set ANNOTATOR_BUILD_FROZEN=1 to run it",
)
def test_frozen_build_runs_headless() -> None:
    assert shutil.which("bash")
    done = subprocess.run(
        ["bash", str(REPO / "packaging" / "build.sh")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-6000:]
    assert "frozen build OK" in done.stdout
