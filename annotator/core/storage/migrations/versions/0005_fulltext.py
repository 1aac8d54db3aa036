"""Full-text search: an FTS5 index over documents (title, text) kept by triggers.

SQLite only (guarded by dialect); PostgreSQL searches with ILIKE until it gets its own
index. The statements are copied from ``storage/fulltext.py`` so this migration never
changes meaning.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 14:50:00
"""

from __future__ import annotations

from alembic import op


revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

CREATE = (
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
    "INSERT INTO documents_fts (document_id, title, text) SELECT id, title, text FROM documents",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in CREATE:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for trigger in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER IF EXISTS documents_fts_{trigger}")
    op.execute("DROP TABLE IF EXISTS documents_fts")
