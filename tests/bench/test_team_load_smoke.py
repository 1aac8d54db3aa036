"""``python -m bench.team_load`` runs to the end with its count check (tiny sizes; no time
is asserted). It needs the PostgreSQL server binaries, like the team-mode tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench.pg_cluster import server_bindir
from tests.postgres import pg_required

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_team_load_smoke_run_loses_nothing() -> None:
    if server_bindir() is None and not pg_required():
        pytest.skip("no PostgreSQL server binaries")
    done = subprocess.run(
        [sys.executable, "-m", "bench.team_load", "--analysts", "2", "--seconds", "2"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no edit lost" in done.stdout and "p95" in done.stdout
