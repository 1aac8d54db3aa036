"""Create, check and migrate the schema with Alembic.

Modelled on jupyterhub's ``upgrade_if_needed``: a new database is created from the models
and stamped; an older one is backed up first, then upgraded; a newer one is refused, because
an old program writing to a newer schema could lose what the newer program keeps.

Alembic itself is imported only when a database must be created, stamped or migrated:
importing it (with Mako and its dialect modules) and parsing every migration script cost
more than the rest of opening a project. The usual case, a database already at this
version's head, is decided by reading ``alembic_version`` and comparing it with the head
known from the migration files' names (``NNNN_description.py``, whose ``revision`` is
``NNNN``; a test checks that this agrees with Alembic's own view of the scripts).
"""

from __future__ import annotations

import importlib.util
import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from annotator.core import backups
from annotator.core.errors import DatabaseError
from annotator.core.storage.engine import sqlite_path
from annotator.core.storage.orm import Base

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)
SCRIPT_LOCATION = "annotator.core.storage:migrations"
VERSION_TABLE = "alembic_version"
_REVISION_FILE = re.compile(r"^(\d+)_\w*\.pyc?$")


def alembic_config(connection: Connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.attributes["connection"] = connection
    return config


def _script() -> ScriptDirectory:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    return ScriptDirectory.from_config(config)


def _versions_folder(location: str) -> Path | None:
    """The ``versions`` folder of a script location: ``package:folder`` or a path."""
    if Path(location).is_dir():
        return Path(location) / "versions"
    package, _, folder = location.partition(":")
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / folder / "versions"


@lru_cache(maxsize=8)
def _file_revisions(location: str) -> tuple[str, ...]:
    """Revision ids named by the migration files, ascending (empty if none can be listed)."""
    folder = _versions_folder(location)
    try:
        names = [entry.name for entry in folder.iterdir()] if folder is not None else []
    except OSError:
        names = []
    found = {match.group(1) for name in names if (match := _REVISION_FILE.match(name))}
    return tuple(sorted(found, key=lambda revision: (len(revision), revision)))


def known_revisions() -> frozenset[str]:
    """Every revision this version ships; from the file names, else from Alembic."""
    revisions = _file_revisions(SCRIPT_LOCATION)
    if revisions:
        return frozenset(revisions)
    return frozenset(rev.revision for rev in _script().walk_revisions())


def head_revision() -> str:
    revisions = _file_revisions(SCRIPT_LOCATION)
    if revisions:
        return revisions[-1]
    head = _script().get_current_head()
    assert head is not None, "the packaged migrations have no head"
    return head


def alembic_head_revision() -> str | None:
    """Alembic's own answer (imports Alembic, parses every script): for tests and tools."""
    return _script().get_current_head()


def current_revision(connection: Connection) -> str | None:
    """The revision stored in the database, None when it has none (read without Alembic)."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).all()
    if len(rows) > 1:  # branches: let Alembic decide (it raises a clear error)
        from alembic.runtime.migration import MigrationContext

        return MigrationContext.configure(connection).get_current_revision()
    return str(rows[0][0]) if rows else None


def prepare_schema(engine: Engine) -> str:
    """Bring the database to the current schema; returns what was done (for the log)."""
    head = head_revision()
    with engine.connect() as connection:
        current = current_revision(connection)
        if current == head:
            return "current"
        has_tables = bool(inspect(connection).get_table_names())
    if not has_tables:
        _create_and_stamp(engine)
        return "created"
    _refuse_unknown(engine, current, head)
    backup = backup_before_migration(engine)
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    log.info("upgraded schema %s -> %s (backup: %s)", current, head, backup)
    return "upgraded"


def _refuse_unknown(engine: Engine, current: str | None, head: str) -> None:
    if current is None:
        raise DatabaseError(
            f"{engine.url.render_as_string(hide_password=True)} holds tables that are not "
            "an Annotator project. Choose another file with --db."
        )
    if current not in known_revisions():
        raise DatabaseError(
            "This project was written by a newer version of Annotator "
            f"(schema {current}, this version knows up to {head}). "
            "Update Annotator to open it; it was not changed."
        )


def check_schema(engine: Engine) -> None:
    """Read-only opening: the schema must be this version's, and nothing is changed."""
    head = head_revision()
    with engine.connect() as connection:
        current = current_revision(connection)
        if current == head:
            return
        has_tables = bool(inspect(connection).get_table_names())
    if not has_tables:
        raise DatabaseError(
            f"{engine.url.render_as_string(hide_password=True)} is empty: there is no "
            "project to read."
        )
    _refuse_unknown(engine, current, head)
    raise DatabaseError(
        f"This project has an older schema ({current}); it can only be read once upgraded. "
        "Open it normally (a backup is made before the upgrade)."
    )


def _create_and_stamp(engine: Engine) -> None:
    from alembic import command

    with engine.begin() as connection:
        Base.metadata.create_all(connection)
        command.stamp(alembic_config(connection), "head")


def backup_before_migration(engine: Engine) -> Path | None:
    """A verified copy of a SQLite file (SQLite's online backup API) before an upgrade."""
    source = sqlite_path(engine.url)
    if source is None:
        return None
    return backups.make_backup(source, "pre-migration")
