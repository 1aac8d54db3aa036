"""Opening a document reads its spans from one covering index (migration 0009): if the read
in ``Store.annotation_refs`` asks for a column the index lacks, SQLite goes back to one
table look-up per annotation and opening a long article slows down without any test failing."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine
from sqlalchemy.dialects import sqlite

from annotator.core.project import Project
from annotator.core.storage import schema, store
from tests.query_plans import sqlite_plan


def _plan(db: Path) -> str:
    sql = str(store.REFS_IN_TEXT_ORDER.compile(dialect=sqlite.dialect()))
    return sqlite_plan(db, sql, ("d",))


def test_the_spans_of_a_document_are_read_from_the_covering_index(db_path: Path) -> None:
    Project.open(db_path).close()
    assert "COVERING INDEX ix_annotations_document_spans" in _plan(db_path)


def test_an_0008_database_gets_the_index_on_upgrade(db_path: Path) -> None:
    engine = create_engine(f"sqlite:///{db_path}")
    with engine.begin() as connection:
        command.upgrade(schema.alembic_config(connection), "0008")
    engine.dispose()
    assert "ix_annotations_document_spans" not in _plan(db_path)
    Project.open(db_path).close()
    assert "COVERING INDEX ix_annotations_document_spans" in _plan(db_path)


def test_the_spans_come_in_the_index_order_without_a_sort(db_path: Path) -> None:
    """The index keeps text order (migration 0011), so the read's ORDER BY costs nothing."""
    Project.open(db_path).close()
    assert "TEMP B-TREE" not in _plan(db_path)


def test_an_0010_database_gets_the_index_in_text_order_on_upgrade(db_path: Path) -> None:
    engine = create_engine(f"sqlite:///{db_path}")
    with engine.begin() as connection:
        command.upgrade(schema.alembic_config(connection), "0010")
    engine.dispose()
    assert "TEMP B-TREE" in _plan(db_path)
    Project.open(db_path).close()
    assert "COVERING INDEX ix_annotations_document_spans" in _plan(db_path)
    assert "TEMP B-TREE" not in _plan(db_path)
