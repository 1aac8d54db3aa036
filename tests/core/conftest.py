"""Core test helpers: a checksum of every row of every table, to prove "database unchanged"."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text


def table_checksum(db: Path) -> str:
    """sha256 over every table's rows ordered by primary key (rowid for rowid tables)."""
    digest = hashlib.sha256()
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        for table in tables:
            keys = [
                row[1]
                for row in sorted(connection.execute(f'PRAGMA table_info("{table}")'))
                if row[5]
            ]
            order = ", ".join(f'"{key}"' for key in keys) or "rowid"
            digest.update(f"\0table {table}\0".encode())
            for row in connection.execute(f'SELECT * FROM "{table}" ORDER BY {order}'):
                digest.update(repr(row).encode("utf-8", "surrogatepass"))
    finally:
        connection.close()
    return digest.hexdigest()


def engine_checksum(engine: Engine) -> str:
    """The same idea on any backend: every table's rows, ordered by all their columns
    (as text, since PostgreSQL cannot order JSON)."""
    digest = hashlib.sha256()
    with engine.connect() as connection:
        inspector = inspect(connection)
        for table in sorted(inspector.get_table_names()):
            columns = [column["name"] for column in inspector.get_columns(table)]
            order = ", ".join(f'CAST("{name}" AS TEXT)' for name in columns)
            digest.update(f"\0table {table}\0".encode())
            for row in connection.execute(text(f'SELECT * FROM "{table}" ORDER BY {order}')):
                digest.update(repr(tuple(row)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


@pytest.fixture
def db_checksum() -> Callable[[Path], str]:
    return table_checksum
