"""The SQLite FTS5 index over documents (title and text), kept in sync by triggers.

Triggers, not application code, keep it current, so every path that writes ``documents``
(the bulk import's Core insert included) updates it in the same transaction.

It is a regular FTS5 table holding its own copy of the text rather than an
external-content one: external content is keyed by the ``documents`` rowid, which is not
stable here (the primary key is a UUID string, and VACUUM may renumber such rowids), and a
contentless table cannot produce ``snippet()``. The cost is the text stored twice.

On PostgreSQL no index is created: search is an ILIKE scan (``storage.search``), made
diacritic-insensitive by the ``unaccent`` extension where the server has it (a trusted
extension, so the database owner may create it). Migration 0005 holds its own copy of the
SQLite statements.
"""

from __future__ import annotations

from sqlalchemy import Connection

FTS_TABLE = "documents_fts"

CREATE_STATEMENTS = (
    "CREATE VIRTUAL TABLE documents_fts USING fts5("
    "document_id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
    "INSERT INTO documents_fts (document_id, title, text) VALUES (new.id, new.title, new.text); "
    "END",
    "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN "
    "DELETE FROM documents_fts WHERE document_id = old.id; END",
    "CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN "
    "UPDATE documents_fts SET title = new.title, text = new.text "
    "WHERE document_id = old.id; END",
)


def create(connection: Connection) -> None:
    """Create the index and its triggers (SQLite only), filling it from ``documents``."""
    if connection.dialect.name == "postgresql":
        create_unaccent(connection)
        return
    if connection.dialect.name != "sqlite":
        return
    exists = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE name = ?", (FTS_TABLE,)
    ).first()
    if exists:
        return
    for statement in CREATE_STATEMENTS:
        connection.exec_driver_sql(statement)
    connection.exec_driver_sql(
        "INSERT INTO documents_fts (document_id, title, text) SELECT id, title, text FROM documents"
    )


def create_unaccent(connection: Connection) -> bool:
    """``CREATE EXTENSION unaccent`` in a savepoint: a server without contrib, or a role
    that may not create extensions, leaves search accent-sensitive rather than failing."""
    try:
        with connection.begin_nested():
            connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
        return True
    except Exception:
        return False


def has_unaccent(connection: Connection) -> bool:
    found = connection.exec_driver_sql(
        "SELECT 1 FROM pg_extension WHERE extname = 'unaccent'"
    ).first()
    return found is not None


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """For Alembic's comparisons: the FTS table and its shadow tables are not models."""
    return not (type_ == "table" and name is not None and name.startswith(FTS_TABLE))
