"""File ▸ Open recent: the projects last opened, newest first, each named as the window
names it (a file by its path)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from annotator.gui.recent import LIMIT, RecentProjects


def _recent(tmp_path: Path) -> RecentProjects:
    return RecentProjects(QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat))


def test_newest_first_once_each_and_at_most_the_limit(tmp_path: Path) -> None:
    recent = _recent(tmp_path)
    for n in range(LIMIT + 2):
        recent.add(f"/work/p{n}.sqlite")
    recent.add("/work/p5.sqlite")
    paths = recent.paths()
    assert paths[:2] == ["/work/p5.sqlite", f"/work/p{LIMIT + 1}.sqlite"]
    assert len(paths) == LIMIT == len(set(paths))


def test_a_file_kept_as_a_url_by_an_older_version_is_shown_by_its_path(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)
    settings.setValue(
        "recent/projects",
        [
            "/work/new.sqlite",
            "sqlite+pysqlite:////work/new.sqlite",
            "sqlite+pysqlite:////work/old.sqlite",
        ],
    )
    recent = RecentProjects(settings)
    assert recent.paths() == ["/work/new.sqlite", "/work/old.sqlite"]
    settings.setValue("recent/projects", "sqlite+pysqlite:////work/lone.sqlite")
    assert recent.paths() == ["/work/lone.sqlite"]
    server = "postgresql+psycopg://alice@db.example/annotations"
    recent.add(server)
    assert recent.paths() == [server, "/work/lone.sqlite"]
