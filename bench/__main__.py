"""``python -m bench [--quick] [--only NAME] [--strict]``: run the benchmarks, print a table.

Exit status 0 even when a target is missed (the table says so), because the benchmarks
report figures; ``--strict`` turns a missed target into exit status 1 for a CI gate.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench import qt, suite
from bench.context import FULL, QUICK, Context
from bench.fixtures import bench_home, scratch_dir
from bench.table import render


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a smoke test")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help=f"run only these (repeat or comma-separate): {', '.join(suite.SHORT)}",
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    try:
        chosen = suite.resolve(args.only)
    except ValueError as exc:
        print(f"python -m bench: {exc}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    with bench_home() as home, scratch_dir() as scratch:
        qt.application()
        ctx = Context(home, scratch, QUICK if args.quick else FULL)
        report = suite.run(ctx, chosen)
    elapsed = time.perf_counter() - started
    print(header(args.quick))
    print(render(report))
    missed = report.missed
    print(f"\n{len(missed)} target(s) missed" + (f": {', '.join(missed)}" if missed else ""))
    print(f"run took {elapsed:.0f} s")
    return 1 if args.strict and missed else 0


def header(quick: bool) -> str:
    from PySide6 import __version__ as pyside

    mode = "QUICK (tiny sizes: smoke test, figures meaningless)" if quick else "full"
    return (
        f"Annotator benchmarks, {mode} run: Python {platform.python_version()}, "
        f"PySide6 {pyside}, QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']}, "
        f"{os.cpu_count()} CPUs\n"
    )


if __name__ == "__main__":
    sys.exit(main())
