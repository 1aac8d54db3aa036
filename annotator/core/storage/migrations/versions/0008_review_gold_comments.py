"""Review (issue 7): reviews, gold_sources, comments, document_review.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 15:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reviews",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("annotation_id", sa.String(length=36), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=10), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["annotation_id"],
            ["annotations.id"],
            name=op.f("fk_reviews_annotation_id_annotations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"], ["annotators.id"], name=op.f("fk_reviews_reviewer_id_annotators")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews")),
    )
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reviews_annotation_id"), ["annotation_id"], unique=False
        )

    op.create_table(
        "gold_sources",
        sa.Column("gold_id", sa.String(length=36), nullable=False),
        sa.Column("source_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["gold_id"],
            ["annotations.id"],
            name=op.f("fk_gold_sources_gold_id_annotations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["annotations.id"],
            name=op.f("fk_gold_sources_source_id_annotations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("gold_id", "source_id", name=op.f("pk_gold_sources")),
    )
    with op.batch_alter_table("gold_sources", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_gold_sources_source_id"), ["source_id"], unique=False)

    op.create_table(
        "comments",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("annotation_id", sa.String(length=36), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("reply_to", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["annotation_id"],
            ["annotations.id"],
            name=op.f("fk_comments_annotation_id_annotations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["annotators.id"], name=op.f("fk_comments_author_id_annotators")
        ),
        sa.ForeignKeyConstraint(
            ["reply_to"],
            ["comments.id"],
            name=op.f("fk_comments_reply_to_comments"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comments")),
    )
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_comments_annotation_id"), ["annotation_id"], unique=False
        )

    op.create_table(
        "document_review",
        sa.Column("document_id", sa.String(length=36), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        sa.Column("updated", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_review_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"],
            ["annotators.id"],
            name=op.f("fk_document_review_reviewer_id_annotators"),
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_document_review")),
    )


def downgrade() -> None:
    op.drop_table("document_review")
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_comments_annotation_id"))
    op.drop_table("comments")
    with op.batch_alter_table("gold_sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_gold_sources_source_id"))
    op.drop_table("gold_sources")
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reviews_annotation_id"))
    op.drop_table("reviews")
