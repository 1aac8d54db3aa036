"""Turning what the user typed (a path, a URL, nothing) into a configured engine."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from annotator.core import paths
from annotator.core.backups import quick_check, restore_advice
from annotator.core.errors import DamagedDatabaseError, DatabaseError, ReadOnlyDatabaseError

BUSY_TIMEOUT_MS = 5000
ENV_VAR = "ANNOTATOR_DB"
# An execution option marking an engine whose transactions write (see ``for_writing``).
WRITE_OPTION = "annotator_write"
# Set inside ``integrity_check_deferred``: the files opened without their quick_check.
_unchecked: ContextVar[list[Path] | None] = ContextVar("annotator_unchecked", default=None)


def resolve_url(url_or_path: str | Path | None) -> URL:
    """A database URL from ``--db``, then ``ANNOTATOR_DB``, then the default file.

    Anything without ``://`` is a file path, so analysts can type ``--db work.sqlite``.
    """
    chosen = url_or_path if url_or_path not in (None, "") else os.environ.get(ENV_VAR)
    if chosen in (None, ""):
        return sqlite_url(paths.default_database_path())
    text = str(chosen)
    if "://" not in text:
        return sqlite_url(Path(text).expanduser())
    try:
        return make_url(text)
    except ArgumentError as exc:
        raise DatabaseError(
            f"'{text}' is not a database URL or file path. Use a file path such as "
            "~/work/project.sqlite or a URL such as postgresql+psycopg://user@host/db."
        ) from exc


def sqlite_url(path: Path) -> URL:
    return URL.create("sqlite+pysqlite", database=str(path.resolve()))


def sqlite_path(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None for other backends and in-memory databases."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(str(url.database))


def check_sqlite_location(path: Path) -> None:
    """Fail early, with a message, where SQLite would fail late with a cryptic one."""
    if path.is_dir():
        raise DatabaseError(
            f"{path} is a folder. Choose a database file, e.g. {path}/project.sqlite."
        )
    parent = path.parent
    if not parent.exists():
        try:
            parent.mkdir(parents=True)
        except OSError as exc:
            raise DatabaseError(
                f"Cannot create the folder {parent} for the database ({exc.strerror}). "
                "Choose a location you can write to."
            ) from exc
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ReadOnlyDatabaseError(
            f"{path} cannot be written (permission denied). Open it read-only to read and "
            "export it, choose another file with --db, or fix the file's permissions."
        )


def check_sqlite_readable(path: Path) -> None:
    """Read-only opening needs an existing file: mode=ro never creates one."""
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a project file.")
    if not path.is_file():
        raise DatabaseError(f"There is no project file at {path} to open read-only.")
    if not os.access(path, os.R_OK):
        raise DatabaseError(f"{path} cannot be read (permission denied).")


@contextmanager
def integrity_check_deferred() -> Iterator[list[Path]]:
    """SQLite files opened in the block skip ``PRAGMA quick_check`` (65-110 ms on a 30 MB
    file, growing with its size) and are listed instead; the caller must then run
    ``verify_sqlite_file`` on each, e.g. on a thread once its window shows. A file too
    damaged to read its schema still fails to open at once."""
    unchecked: list[Path] = []
    token = _unchecked.set(unchecked)
    try:
        yield unchecked
    finally:
        _unchecked.reset(token)


def verify_sqlite_file(path: Path) -> None:
    """The deferred check: ``DamagedDatabaseError`` as opening would have raised it. Uses a
    read-only connection of its own, so it can run on any thread beside the open project."""
    found = quick_check(path)
    if found is not None:
        raise DamagedDatabaseError(damaged_message(path, found))


def damaged_message(path: Path, found: str) -> str:
    return f"{path} is damaged (SQLite found: {found}). " + restore_advice(path)


def check_sqlite_file(engine: Engine, path: Path) -> None:
    """``PRAGMA quick_check`` on open: a damaged file is named, with the way out."""
    unchecked = _unchecked.get()
    if unchecked is not None:
        unchecked.append(path)
        return
    with engine.connect() as connection:
        rows = connection.exec_driver_sql("PRAGMA quick_check").all()
    if [tuple(row) for row in rows] != [("ok",)]:
        found = str(rows[0][0]).replace("*** in database main ***", "").strip()
        found = found.splitlines()[0][:200] if found else "quick_check failed"
        raise DamagedDatabaseError(damaged_message(path, found))


def database_error(exc: BaseException, message: str, path: Path | None) -> DatabaseError:
    """The ``DatabaseError`` kind for a driver failure, so front ends can offer a way out."""
    found = str(getattr(exc, "orig", exc))
    text = found.lower()
    if ("malformed" in text or "not a database" in text) and path is not None:
        return DamagedDatabaseError(
            f"{path} is not a readable Annotator database: it is damaged, or a file of "
            f"another kind (SQLite: {found}). " + restore_advice(path)
        )
    if "malformed" in text or "not a database" in text:
        return DamagedDatabaseError(message)
    if "readonly" in text or "read-only" in text:
        return ReadOnlyDatabaseError(message)
    return DatabaseError(message)


def make_engine(url: URL, *, read_only: bool = False) -> Engine:
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url, read_only=read_only)
    return create_engine(url, pool_pre_ping=True)


def for_writing(engine: Engine) -> Engine:
    """The engine write transactions use: on SQLite each begins with ``BEGIN IMMEDIATE``.

    pysqlite's own transaction handling runs the reads that start a write (``session.get``,
    then ``revision += 1``) before SQLite takes the write lock, so two processes editing one
    row could both read revision 3 and both write 4: a lost update. Taking the lock first
    serialises whole read-modify-write transactions. Other backends get the engine as is.
    """
    if engine.dialect.name != "sqlite":
        return engine
    return engine.execution_options(**{WRITE_OPTION: True})


def _sqlite_engine(url: URL, *, read_only: bool = False) -> Engine:
    timeout = BUSY_TIMEOUT_MS / 1000
    if read_only:
        # mode=ro: SQLite itself refuses every write. A creator keeps the engine's URL the
        # plain file path, so messages and backups name the file, not a URI.
        uri = f"file:{Path(str(url.database)).as_posix()}?mode=ro"
        engine = create_engine(
            url,
            creator=lambda: sqlite3.connect(
                uri, uri=True, timeout=timeout, check_same_thread=False
            ),
        )
    else:
        engine = create_engine(url, connect_args={"timeout": timeout})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Autocommit at the driver: we emit BEGIN ourselves (SQLAlchemy's pysqlite recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if read_only:
            cursor.execute("PRAGMA query_only=ON")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cursor.close()
            return
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine
