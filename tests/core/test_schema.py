"""Alembic: new files are created and stamped, old ones backed up then upgraded, newer ones
refused, and the migrations build exactly the schema the models describe."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from annotator.core import paths
from annotator.core.errors import DatabaseError
from annotator.core.project import Project
from annotator.core.storage import fulltext, schema
from annotator.core.storage.orm import Base

MIGRATIONS = Path(schema.__file__).parent / "migrations"

EXTRA_REVISION = """
from alembic import op
import sqlalchemy as sa

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("test_extra", sa.Column("id", sa.Integer, primary_key=True))


def downgrade():
    op.drop_table("test_extra")
"""


def _revision(path: Path) -> str | None:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    return rows[0][0] if rows else None


@pytest.fixture
def newer_migrations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A copy of the shipped migrations plus one later revision, as a newer release has."""
    folder = tmp_path / "newer_migrations"
    shutil.copytree(MIGRATIONS, folder)
    head = schema.head_revision()
    (folder / "versions" / "9999_extra.py").write_text(EXTRA_REVISION.format(head=head))
    return str(folder)


def test_new_database_is_created_and_stamped(db_path: Path) -> None:
    Project.open(db_path).close()
    assert _revision(db_path) == schema.head_revision()


def test_migrations_match_the_models() -> None:
    engine = create_engine("sqlite://")
    with engine.begin() as connection:
        command.upgrade(schema.alembic_config(connection), "head")
        context = MigrationContext.configure(
            connection, opts={"include_name": fulltext.include_name}
        )
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_older_database_is_backed_up_then_upgraded(
    db_path: Path, newer_migrations: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Project.open(db_path) as project:
        assert project.tags()  # a working project at the shipped head
    monkeypatch.setattr(schema, "SCRIPT_LOCATION", newer_migrations)
    Project.open(db_path).close()
    assert _revision(db_path) == "9999"
    backups = list(paths.backup_dir().glob("project.*.pre-migration.sqlite"))
    assert len(backups) == 1
    assert _revision(backups[0]) != "9999"


def test_newer_database_is_refused_and_left_alone(
    db_path: Path, newer_migrations: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(schema, "SCRIPT_LOCATION", newer_migrations)
        Project.open(db_path).close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError, match="newer version of Annotator"):
        Project.open(db_path)
    assert db_path.read_bytes() == before


def test_foreign_database_is_refused(db_path: Path) -> None:
    with sqlite3.connect(db_path) as connection:
        connection.execute("CREATE TABLE something (x)")
    with pytest.raises(DatabaseError, match="not an Annotator project"):
        Project.open(db_path)


def test_sqlite_pragmas_for_durability(project: Project) -> None:
    with project.store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2


def test_a_0001_database_with_data_is_upgraded_in_place(db_path: Path) -> None:
    """The real upgrade path the first shipped release will take."""
    engine = create_engine(f"sqlite:///{db_path}")
    with engine.begin() as connection:
        command.upgrade(schema.alembic_config(connection), "0001")
        connection.exec_driver_sql(
            "INSERT INTO documents (id, title, meta, text, sha256, length, created) "
            "VALUES ('d1', 'Old', '{}', 'Old text', 'x', 8, '2026-01-01 00:00:00')"
        )
    engine.dispose()
    with Project.open(db_path, analyst="a") as project:
        assert [doc.title for doc in project.documents()] == ["Old"]
        project.tag_span("d1", 0, 3, "claim")
    assert _revision(db_path) == schema.head_revision()
    assert list(paths.backup_dir().glob("project.*.pre-migration.sqlite"))
