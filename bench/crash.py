"""Crash-consistency campaign (issue 10): SIGKILL an editing child many times.

    python bench/crash.py [--kills 200] [--max-acks 400] [--seed 1]

Each run is a fresh child process continuing on the same SQLite project; it applies random
edits (add, relabel, resize, delete, undo) through ``Project`` and is killed at a random
moment. After every kill the database is checked (integrity, quotes, revisions, every
acknowledged edit present, at most the one edit in flight differing). Prints the figures.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import tempfile
import time
from pathlib import Path

CHILD = Path(__file__).resolve().parent.parent / "tests" / "core" / "crash_child.py"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--max-acks", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    spec = importlib.util.spec_from_file_location("crash_child", CHILD)
    assert spec is not None and spec.loader is not None
    crash = importlib.util.module_from_spec(spec)
    sys.modules["crash_child"] = crash
    spec.loader.exec_module(crash)
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("ANNOTATOR_HOME", folder)
        began = time.perf_counter()
        tally, _ = crash.crash_campaign(
            Path(folder) / "crash.sqlite",
            kills=args.kills,
            seed=args.seed,
            max_acks=args.max_acks,
            log=print if args.verbose else None,
        )
        seconds = time.perf_counter() - began
    print(f"runs: {tally.runs}, kill points: {tally.kills}")
    print(f"acknowledged edits applied and verified: {tally.acked}")
    between = tally.kills - tally.in_flight_applied - tally.in_flight_absent
    print(
        f"edit in flight at the kill: applied {tally.in_flight_applied}, "
        f"absent {tally.in_flight_absent}; killed between edits: {between}"
    )
    print(f"failures: {len(tally.failures)}")
    for failure in tally.failures[:20]:
        print("  " + failure)
    print(f"time: {seconds:.1f} s")
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
