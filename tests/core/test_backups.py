"""Rolling backups (issue 10): daily on open, verified, pruned, listed; restoring keeps the
old file aside and never overwrites it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from annotator.core import backups, paths
from annotator.core.errors import DamagedDatabaseError
from annotator.core.project import Project
from annotator.core.settings import load_settings


def _project_with(db_path: Path, tmp_path: Path, titles: list[str]) -> None:
    with Project.open(db_path, analyst="a") as project:
        for title in titles:
            article = tmp_path / f"{title}.txt"
            article.write_text(f"title: {title}\n\nThe {title} depot grew.\n")
            project.import_paths([article])


def test_open_makes_one_daily_backup_per_day(db_path: Path, tmp_path: Path) -> None:
    Project.open(db_path).close()
    assert backups.list_backups(db_path) == []  # an empty project has nothing to protect
    _project_with(db_path, tmp_path, ["One"])
    Project.open(db_path).close()
    (daily,) = backups.list_backups(db_path)
    assert daily.kind == "daily" and daily.size > 0 and daily.documents == 1
    assert daily.path.parent == paths.backup_dir()
    with sqlite3.connect(daily.path) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_backups_are_kept_per_file_and_pruned(db_path: Path, tmp_path: Path) -> None:
    _project_with(db_path, tmp_path, ["One", "Two"])
    other = tmp_path / "elsewhere" / db_path.name  # same name, another folder
    _project_with(other, tmp_path, ["Three"])
    Project.open(other).close()
    made = [backups.make_backup(db_path, keep=3) for _ in range(5)]
    listed = backups.list_backups(db_path)
    assert [b.path for b in listed] == made[::-1][:3]  # newest first, 3 kept
    assert listed[0].documents == 2 and "2 documents" in listed[0].describe()
    assert len(backups.list_backups(other)) == 1  # the other file's daily one, untouched


def test_backups_kept_is_a_setting(tmp_path: Path) -> None:
    assert load_settings().backups_kept == 10
    (paths.config_dir() / "settings.json").write_text(json.dumps({"backups_kept": 3}))
    assert load_settings().backups_kept == 3
    (paths.config_dir() / "settings.json").write_text(json.dumps({"backups_kept": "x"}))
    assert load_settings().backups_kept == 10


def test_restore_moves_the_current_file_aside_and_verifies(
    db_path: Path, tmp_path: Path, db_checksum
) -> None:
    _project_with(db_path, tmp_path, ["One"])
    backup = backups.make_backup(db_path)
    before = db_checksum(backup)
    _project_with(db_path, tmp_path, ["Two"])
    current = db_checksum(db_path)
    restored = backups.restore(backups.find_backup(db_path, backup.name), db_path)
    assert restored.backup == backup
    assert restored.kept_as is not None and restored.kept_as.name.startswith(
        "project.sqlite.damaged-"
    )
    assert db_checksum(restored.kept_as) == current  # nothing lost: the old file is kept
    assert db_checksum(db_path) == before
    with Project.open(db_path) as project:
        assert [d.title for d in project.documents()] == ["One"]


def test_a_damaged_backup_is_refused_and_nothing_changes(db_path: Path, tmp_path: Path) -> None:
    _project_with(db_path, tmp_path, ["One"])
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"SQLite format 3\0" + b"\xff" * 5000)
    before = db_path.read_bytes()
    with pytest.raises(DamagedDatabaseError, match="damaged too"):
        backups.restore(bad, db_path)
    assert db_path.read_bytes() == before
    assert not list(tmp_path.glob("*.damaged-*"))
