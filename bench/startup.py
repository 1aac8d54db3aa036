"""Process start-up time and peak memory, each measured in a fresh child process.

Both need a process of their own: start-up because imports and Qt initialisation happen
once per process, memory because peak RSS only ever grows. The child
(``window_child.py``) prints its peak RSS and, for start-up, the age of its process when the
main window is painted (the issue's "process start -> main window shown": the app paints it
before it opens the project) and when the project's documents are listed in it. The
parent's wall time for the whole child, exit included, is printed beside it. The disk cache
is warm (one untimed run first); dropping it would need root and disturb the machine.

The children keep compiled bytecode in a cache of their own (``PYTHONPYCACHEPREFIX``,
written by that untimed run), as an installed ``annotator`` has it: pip and the packaged app
compile the modules once at install, whereas a shell with ``PYTHONDONTWRITEBYTECODE`` set
would make every child compile the app's ~150 modules from source at every start.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.context import Context
from bench.data import MB
from bench.fixtures import build_project
from bench.measure import once_ms
from bench.table import Figure, Row, below, ratio_at_most

CHILD = Path(__file__).with_name("window_child.py")
MEMORY_LIMIT_MB = 200


def child(ctx: Context, *args: str) -> tuple[float, dict[str, Any]]:
    """Run the child once; returns (wall ms, what it printed)."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        PYTHONPYCACHEPREFIX=str(ctx.home / "pycache"),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    result: subprocess.CompletedProcess[str] | None = None

    def launch() -> None:
        nonlocal result
        result = subprocess.run(
            [sys.executable, str(CHILD), *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=ctx.home,
            timeout=120,
            check=False,
        )

    wall = once_ms(launch)
    assert result is not None
    if result.returncode != 0:
        raise RuntimeError(f"window_child {' '.join(args)} failed:\n{result.stderr}")
    report = json.loads(result.stdout.strip().splitlines()[-1])
    return wall, report


def start_row(ctx: Context) -> Row:
    """The app starting on the 1,000-document project, as an analyst's normal morning."""
    db = ctx.copy(ctx.corpus_project(ctx.sizes.corpus_documents))
    runs = ctx.sizes.process_runs
    ctx.say(f"cold start: {runs} + 1 runs each of the app and of a bare window")
    child(ctx, "bare")  # warm the disk cache for both
    child(ctx, "app", "--db", str(db))
    app_runs, bare_runs = [], []
    for _ in range(runs):  # in turns, so both see the same machine load
        app_runs.append(child(ctx, "app", "--db", str(db)))
        bare_runs.append(child(ctx, "bare"))
    wall = statistics.median(wall for wall, _ in app_runs)
    bare_wall = statistics.median(wall for wall, _ in bare_runs)
    shown = statistics.median(report["shown_s"] for _, report in app_runs) * 1000
    bare_shown = statistics.median(report["shown_s"] for _, report in bare_runs) * 1000
    imported = statistics.median(report["imported_s"] for _, report in app_runs) * 1000
    listed_at = statistics.median(report["listed_s"] for _, report in app_runs) * 1000
    listed = min(report["listed"] for _, report in app_runs)
    assert listed == ctx.sizes.corpus_documents, f"{listed} documents listed once loaded"
    return Row(
        "cold start",
        Figure(shown, "ms"),
        Figure(bare_shown, "ms"),
        ratio_at_most(1.5),
        f"median of {runs} runs in turns with the bare one, process start (interpreter "
        "included, from /proc) -> main "
        f"window painted, before the project opens (its imports done at {imported:.0f} ms); "
        f"then the project opened and all {listed:,} documents listed and painted at "
        f"{listed_at:.0f} ms ({listed_at / bare_shown:.2f}x the baseline); whole process "
        f"incl. exit {wall:.0f} ms, bare {bare_wall:.0f} ms: {wall / bare_wall:.2f}x; "
        "bytecode cached as installed "
        "[bare PySide6 QMainWindow process, start -> painted]",
    )


def memory_row(ctx: Context) -> Row:
    """Peak RSS with the corpus open and the long article shown."""
    db = _corpus_with_article(ctx)
    _, article_id = ctx.article_project(ctx.sizes.article_chars)
    ctx.say("memory: peak RSS of the app and of a bare window")
    _, report = child(ctx, "app", "--db", str(db), "--open", article_id)
    _, bare = child(ctx, "bare")
    return Row(
        "memory",
        Figure(report["rss_mb"], "MB"),
        Figure(bare["rss_mb"], "MB"),
        below(MEMORY_LIMIT_MB, "MB"),
        f"peak RSS, {ctx.sizes.corpus_documents:,}-doc project open and the "
        f"{ctx.sizes.article_chars / MB:g} MB article shown [bare PySide6 window process]",
    )


def _corpus_with_article(ctx: Context) -> Path:
    """The corpus project plus the long article, built in the scratch folder."""
    corpus = ctx.corpus_project(ctx.sizes.corpus_documents)
    article = ctx.article(ctx.sizes.article_chars)
    return build_project(ctx.home / "memory.sqlite", [article], ctx.scratch, base=corpus)
