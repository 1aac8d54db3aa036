"""The span index in text order (SQLite only).

``ix_annotations_document_spans`` (migration 0009) held a document's spans by start, then
end ascending, then tag, analyst and revision before the id, so opening a document read them
in an order it could not use and Python sorted 10,000 refs into text order (start, longest
first, then id). With the end descending and the id next, the index itself is in text
order: ``Store.annotation_refs`` asks SQLite for that order and gets it without a sort
(EXPLAIN QUERY PLAN: no TEMP B-TREE), and the export's read (document, start) keeps its
order. ~1.5 ms of opening a 1 MB article with 10,000 annotations. Same columns, so every
read the old index covered it still covers. Rebuilding it reads each annotation once.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26 15:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

INDEX = "ix_annotations_document_spans"
OLD_COLUMNS = [
    "document_id",
    "deleted",
    "start_offset",
    "end_offset",
    "tag_id",
    "annotator_id",
    "revision",
    "id",
    "note",
]
NEW_COLUMNS: list[str | sa.TextClause] = [
    "document_id",
    "deleted",
    "start_offset",
    sa.text("end_offset DESC"),
    "id",
    "tag_id",
    "annotator_id",
    "revision",
    "note",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.drop_index(INDEX, table_name="annotations")
        op.create_index(INDEX, "annotations", NEW_COLUMNS, unique=False)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.drop_index(INDEX, table_name="annotations")
        op.create_index(INDEX, "annotations", OLD_COLUMNS, unique=False)
