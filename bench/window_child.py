"""Child process for the start-up and memory benchmarks: start, show a window, report, exit.

Run by path (``python bench/window_child.py MODE ...``), never imported, so that what it
imports is exactly what an ``annotator`` process imports. Modes:

- ``app``: what ``annotator.gui.app.run_app`` does up to the event loop (logging, then
  ``launch``'s two steps: ``show_window``, the application and the main window shown and
  painted before the project; ``load_project``, the project opened into it, the corpus
  listed, the file's integrity check started on a thread), minus the first-run dialog;
  ``--open ID`` then opens a document and paints it.
- ``bare``: a bare PySide6 ``QMainWindow``, the baseline.

Prints one JSON line: seconds from process start to the window's imports done (``app``
only), to the window painted (``shown_s``), to the project's documents listed and painted
(``app`` only: ``listed_s``, with their number in ``listed``), and peak RSS in MB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def process_age() -> float:
    """Seconds since this process was created (``/proc``), so interpreter start counts."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
        with open("/proc/uptime", encoding="ascii") as uptime:
            return float(uptime.read().split()[0]) - started
    except (OSError, ValueError, IndexError):
        return time.process_time()


def peak_rss_mb() -> float:
    """Peak resident memory of this process image, in MB.

    ``VmHWM`` rather than ``getrusage``: Linux carries ``ru_maxrss`` across ``exec``, so a
    child started from a big parent would report the parent's peak, not its own.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare() -> object:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 800)
    window.show()
    window.repaint()
    app.processEvents()
    return window


def app(db: str, document: str | None, marks: dict[str, float]) -> object:
    from annotator.cli.main import main  # noqa: F401  (the `annotator` entry point's imports)
    from annotator.core.bulk import pause_collector_for_startup, startup_finished

    pause_collector_for_startup()  # as the entry point does before the window's imports
    from annotator.core.logs import configure_logging
    from annotator.gui.app import application, load_project, show_window

    marks["imported_s"] = process_age()
    configure_logging()
    qt_app = application()
    window = show_window()  # as launch: shown and painted, then the project
    marks["shown_s"] = process_age()
    if not load_project(window, db):
        raise SystemExit("the project could not be opened")
    startup_finished()  # as run_app does once launch returns
    marks["listed"] = window.corpus.model.rowCount()
    window.repaint()
    qt_app.processEvents()
    marks["listed_s"] = process_age()
    if document is not None:
        window.workspace.open_document(document)
        window.repaint()
        qt_app.processEvents()
        assert window.workspace.document is not None
    return window


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["app", "bare"])
    parser.add_argument("--db", default=None)
    parser.add_argument("--open", dest="document", default=None)
    args = parser.parse_args()
    marks: dict[str, float] = {}
    if args.mode == "bare":
        window = bare()
        marks["shown_s"] = process_age()
    else:
        window = app(args.db, args.document, marks)
    marks["rss_mb"] = peak_rss_mb()
    print(json.dumps(marks), flush=True)
    del window
    return 0


if __name__ == "__main__":
    sys.exit(main())
