"""Team-mode screenshots: ``python docs/team_screenshots.py`` (needs PostgreSQL binaries).

Starts a throwaway server, sets up a team project, opens the window as analyst "alice",
lets "bob" tag live, then shows the conflict dialog; saves team-live.png and
team-conflict.png next to this file.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["ANNOTATOR_HOME"] = tempfile.mkdtemp(prefix="annotator-team-shots-")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from annotator.core.conflicts import Conflict
from annotator.core.errors import StaleEditError
from annotator.core.project import Project
from annotator.core.samples import sample_paths
from annotator.core.team import add_analyst, init_team
from annotator.gui.conflict_dialog import ConflictDialog
from annotator.gui.main_window import MainWindow
from annotator.gui.workspace import Workspace
from bench.pg_cluster import create_cluster

HERE = Path(__file__).parent


def wait(app: QApplication, condition: object, seconds: float = 10) -> None:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not condition():  # type: ignore[operator]
        app.processEvents()
        time.sleep(0.02)


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    cluster = create_cluster()
    try:
        admin = cluster.url()
        init_team(admin)
        for name in ("alice", "bob"):
            add_analyst(admin, name, f"{name}-pw")
        with Project.open(admin) as setup:
            setup.import_paths(sample_paths())
        alice = Project.open(cluster.url("postgres", "alice", "alice-pw"))
        home = Path(os.environ["ANNOTATOR_HOME"])
        window = MainWindow(Workspace(alice), QSettings(str(home / "g.ini"),
                                                         QSettings.Format.IniFormat))
        window.load()
        window.resize(1400, 860)
        window.show()
        window.corpus.step(0)
        wait(app, lambda: "Live" in window.live.indicator.text())
        document = window.workspace.document
        assert document is not None
        mine = alice.tag_span(document.id, *span(document.text, "Veskar Northern Test Range"),
                              "facility")
        window.workspace.open_document(document.id)
        with Project.open(cluster.url("postgres", "bob", "bob-pw")) as bob:
            for phrase, tag in (("What we are seeing is not routine maintenance,", "quote"),
                                ("Orlan Fuel Enrichment Plant", "facility")):
                bob.tag_span(document.id, *span(document.text, phrase), tag)
            wait(app, lambda: window.panel.model.rowCount() == 3)
            window.grab().save(str(HERE / "team-live.png"))
            window.live.stop()
            with Project.open(cluster.url("postgres", "alice", "alice-pw")) as laptop:
                laptop.apply(laptop.relabel(mine.id, "claim"))
            edit = alice.relabel(mine.id, "assessment")
            try:
                alice.apply(edit)
            except StaleEditError as stale:
                dialog = ConflictDialog(Conflict.of(edit, stale), window)
                QTimer.singleShot(300, lambda: (dialog.grab().save(
                    str(HERE / "team-conflict.png")), dialog.reject()))
                dialog.exec()
        window.close()
        alice.close()
    finally:
        cluster.destroy()
    print(HERE / "team-live.png", HERE / "team-conflict.png")


def span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


if __name__ == "__main__":
    main()
