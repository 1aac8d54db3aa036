"""Create, check and migrate the schema with Alembic.

Modelled on jupyterhub's ``upgrade_if_needed``: a new database is created from the models
and stamped; an older one is backed up first, then upgraded; a newer one is refused, because
an old program writing to a newer schema could lose what the newer program keeps.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from annotator.core import backups
from annotator.core.errors import DatabaseError
from annotator.core.storage.engine import sqlite_path
from annotator.core.storage.orm import Base

log = logging.getLogger(__name__)
SCRIPT_LOCATION = "annotator.core.storage:migrations"


def alembic_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.attributes["connection"] = connection
    return config


def _script() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    return ScriptDirectory.from_config(config)


def head_revision() -> str:
    head = _script().get_current_head()
    assert head is not None, "the packaged migrations have no head"
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def prepare_schema(engine: Engine) -> str:
    """Bring the database to the current schema; returns what was done (for the log)."""
    script = _script()
    head = head_revision()
    with engine.connect() as connection:
        has_tables = bool(inspect(connection).get_table_names())
        current = current_revision(connection)
    if not has_tables:
        _create_and_stamp(engine)
        return "created"
    if current == head:
        return "current"
    _refuse_unknown(engine, current, script, head)
    backup = backup_before_migration(engine)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    log.info("upgraded schema %s -> %s (backup: %s)", current, head, backup)
    return "upgraded"


def _refuse_unknown(
    engine: Engine, current: str | None, script: ScriptDirectory, head: str
) -> None:
    if current is None:
        raise DatabaseError(
            f"{engine.url.render_as_string(hide_password=True)} holds tables that are not "
            "an Annotator project. Choose another file with --db."
        )
    if current not in {rev.revision for rev in script.walk_revisions()}:
        raise DatabaseError(
            "This project was written by a newer version of Annotator "
            f"(schema {current}, this version knows up to {head}). "
            "Update Annotator to open it; it was not changed."
        )


def check_schema(engine: Engine) -> None:
    """Read-only opening: the schema must be this version's, and nothing is changed."""
    head = head_revision()
    with engine.connect() as connection:
        has_tables = bool(inspect(connection).get_table_names())
        current = current_revision(connection)
    if current == head:
        return
    if not has_tables:
        raise DatabaseError(
            f"{engine.url.render_as_string(hide_password=True)} is empty: there is no "
            "project to read."
        )
    _refuse_unknown(engine, current, _script(), head)
    raise DatabaseError(
        f"This project has an older schema ({current}); it can only be read once upgraded. "
        "Open it normally (a backup is made before the upgrade)."
    )


def _create_and_stamp(engine: Engine) -> None:
    with engine.begin() as connection:
        Base.metadata.create_all(connection)
        command.stamp(alembic_config(connection), "head")


def backup_before_migration(engine: Engine) -> Path | None:
    """A verified copy of a SQLite file (SQLite's online backup API) before an upgrade."""
    source = sqlite_path(engine.url)
    if source is None:
        return None
    return backups.make_backup(source, "pre-migration")
