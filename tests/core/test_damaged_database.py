"""A damaged, read-only or full database (issue 10, item 5): a clear message that names
the way forward (the newest backup and the command), read-only opening as a rescue, and
no half-written edit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import event

from annotator.core import backups
from annotator.core.errors import DamagedDatabaseError, DatabaseError, ReadOnlyDatabaseError
from annotator.core.model import ArticleDraft
from annotator.core.project import Project
from annotator.core.storage import engine as engine_module
from annotator.core.tags import color_for_new_tag


@pytest.fixture
def filled(db_path: Path, tmp_path: Path) -> str:
    """A project with 40 articles (several hundred KB), backed up once today."""
    with Project.open(db_path, analyst="a") as project:
        for i in range(40):
            article = tmp_path / f"a{i}.txt"
            article.write_text(f"title: Article {i}\n\n" + f"The depot {i} grew. " * 400)
            (doc_id,) = project.import_paths([article]).document_ids
        project.tag_span(doc_id, 4, 9, "facility")
    Project.open(db_path).close()  # as on the next day: the daily backup
    return doc_id


def test_truncated_file_names_the_newest_backup_and_the_command(db_path: Path, filled: str) -> None:
    newest = backups.make_backup(db_path)
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DamagedDatabaseError) as caught:
        Project.open(db_path)
    message = str(caught.value)
    assert str(db_path) in message and "damaged" in message
    assert newest.name in message and f"annotator restore --db {db_path} latest" in message


def test_corrupted_pages_are_found_on_open_and_restore_brings_the_project_back(
    db_path: Path, filled: str
) -> None:
    data = db_path.read_bytes()
    db_path.write_bytes(data[:200_000] + b"\xff" * 8192 + data[208_192:])
    with pytest.raises(DamagedDatabaseError, match="annotator restore"):
        Project.open(db_path)
    with Project.open(db_path, read_only=True) as rescue:  # the rescue route opens
        assert rescue.read_only
    restored = backups.restore(backups.find_backup(db_path, "latest"), db_path)
    assert restored.kept_as is not None and restored.kept_as.exists()
    with Project.open(db_path) as project:
        assert len(project.documents()) == 40


def test_no_backup_says_so(db_path: Path, tmp_path: Path) -> None:
    db_path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DamagedDatabaseError, match="There is no backup of it"):
        Project.open(db_path)


def test_read_only_opening_reads_and_never_writes(db_path: Path, filled: str, db_checksum) -> None:
    before, checksum = db_path.read_bytes(), db_checksum(db_path)
    with Project.open(db_path, read_only=True, analyst="r") as project:
        assert len(project.documents()) == 40
        assert [a.tag for a in project.annotations(filled)] == ["facility"]
        (annotation,) = project.annotations(filled)
        with pytest.raises(ReadOnlyDatabaseError, match="open read-only"):
            project.apply(project.relabel(annotation.id, "claim"))
        with pytest.raises(ReadOnlyDatabaseError, match="open read-only"):
            project.tag_span(filled, 0, 3, "claim")
    assert db_path.read_bytes() == before and db_checksum(db_path) == checksum
    assert len(backups.list_backups(db_path)) == 1  # no backup made by a read-only open


def test_read_only_never_creates_a_file(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="no project file"):
        Project.open(tmp_path / "missing.sqlite", read_only=True)
    assert not (tmp_path / "missing.sqlite").exists()


def test_a_read_only_file_suggests_read_only_opening(
    db_path: Path, filled: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_access = os.access
    monkeypatch.setattr(  # chmod does not stop root, who runs these tests in CI
        engine_module.os,
        "access",
        lambda p, mode: False if Path(p) == db_path and mode == os.W_OK else real_access(p, mode),
    )
    with pytest.raises(ReadOnlyDatabaseError, match="Open it read-only"):
        Project.open(db_path)
    with Project.open(db_path, read_only=True) as project:
        assert len(project.documents()) == 40


def test_a_full_disk_fails_the_edit_cleanly(db_path: Path, filled: str) -> None:
    with Project.open(db_path, analyst="a") as project:
        engine = project.store.engine
        pages = engine.connect().exec_driver_sql("PRAGMA page_count").scalar()

        def limit(dbapi_connection, _record) -> None:  # SQLite's own "disk is full"
            dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

        event.listen(engine, "connect", limit)
        engine.dispose()
        draft = ArticleDraft(text="The Calder port grew. " * 5000, origin="big.txt")
        with pytest.raises(DatabaseError, match=r"full\. Free some space"):
            project.store.store_article(draft, annotator="a", new_tag_color=color_for_new_tag)
        assert len(project.documents()) == 40  # nothing half-written
        event.remove(engine, "connect", limit)
        engine.dispose()
        project.store.store_article(draft, annotator="a", new_tag_color=color_for_new_tag)
        assert len(project.documents()) == 41


def test_a_deferred_check_still_finds_the_damage(db_path: Path, filled: str) -> None:
    """The GUI opens without the quick_check (its window shows first) and runs it after:
    the damaged file is listed, and the check names it with the way out as opening would."""
    data = db_path.read_bytes()
    db_path.write_bytes(data[:200_000] + b"\xff" * 8192 + data[208_192:])
    with engine_module.integrity_check_deferred() as unchecked:
        project = Project.open(db_path)
    project.close()
    assert unchecked == [db_path.resolve()]
    with pytest.raises(DamagedDatabaseError, match="annotator restore") as caught:
        engine_module.verify_sqlite_file(unchecked[0])
    assert str(db_path.resolve()) in str(caught.value) and "damaged" in str(caught.value)
    with pytest.raises(DamagedDatabaseError):  # outside the block, opening checks again
        Project.open(db_path)


def test_a_sound_file_passes_the_deferred_check(db_path: Path, filled: str) -> None:
    with engine_module.integrity_check_deferred() as unchecked:
        Project.open(db_path).close()
    engine_module.verify_sqlite_file(unchecked[0])  # no error
