"""A write inside a batch is undone alone when it fails (``storage.savepoints``), on
SQLite (a driver-level savepoint) and on PostgreSQL (SQLAlchemy's nested transaction)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from annotator.core.errors import DatabaseError
from annotator.core.project import Project
from annotator.core.storage.orm import TagRow
from annotator.core.storage.savepoints import savepoint

pytestmark = pytest.mark.both_backends


class Refused(Exception):
    pass


def _tag(name: str, position: int) -> TagRow:
    return TagRow(name=name, color="#336699", position=position)


def _names(project: Project) -> list[str]:
    return sorted(tag.name for tag in project.tags())


def _batch_session(project: Project) -> Session:
    session = project.store._batch_session()
    assert session is not None
    return session


def _write_and_fail(session: Session, row: TagRow) -> None:
    """A write that stores ``row``, then fails."""
    with pytest.raises(Refused), savepoint(session):
        session.add(row)
        session.flush()
        raise Refused


def test_a_failing_write_is_undone_and_the_others_stay(project: Project) -> None:
    before = _names(project)
    with project.store.batched():
        session = _batch_session(project)
        with savepoint(session):
            session.add(_tag("kept-1", 90))
        _write_and_fail(session, _tag("undone", 91))
        with savepoint(session):
            session.add(_tag("kept-2", 92))
    assert _names(project) == sorted([*before, "kept-1", "kept-2"])


def test_objects_written_inside_a_failed_write_leave_the_session(project: Project) -> None:
    with project.store.batched():
        session = _batch_session(project)
        row = _tag("undone", 91)
        _write_and_fail(session, row)
        assert row not in session  # its row is gone from the database
        with savepoint(session):  # the same name again gets a row of its own
            session.add(_tag("undone", 91))
    assert "undone" in _names(project)


def test_an_inner_failure_undoes_only_the_inner_write(project: Project) -> None:
    before = _names(project)
    with project.store.batched():
        session = _batch_session(project)
        with savepoint(session):
            session.add(_tag("outer", 90))
            session.flush()
            _write_and_fail(session, _tag("inner", 91))
            count = session.scalar(select(func.count()).select_from(TagRow))
            assert count == len(before) + 1
    assert _names(project) == sorted([*before, "outer"])


def test_the_callers_error_is_kept_when_the_transaction_is_already_gone(db_path: Path) -> None:
    """SQLite ends a transaction by itself after some errors (a full disk): there is no
    savepoint left to undo, and the error to report is the one that ended the write."""
    with Project.open(db_path, analyst="alice") as project:
        session = project.store._sessions()
        try:
            with pytest.raises(Refused), savepoint(session):
                session.connection().exec_driver_sql("ROLLBACK")  # as SQLite does itself
                raise Refused
            assert session.connection().execute(text("SELECT 1")).scalar() == 1
        finally:
            session.close()


def test_a_savepoint_sqlite_lost_is_reported_as_a_database_error(db_path: Path) -> None:
    with Project.open(db_path, analyst="alice") as project:
        store = project.store
        with (
            pytest.raises(DatabaseError, match="failed"),
            store.batched(),
            store._writing() as session,
        ):
            session.connection().exec_driver_sql("ROLLBACK")  # the RELEASE finds nothing
        assert project.tags()  # the project still answers
