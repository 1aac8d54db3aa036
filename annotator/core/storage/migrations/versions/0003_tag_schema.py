"""Tag schema: underline style, retired flag, attribute definitions.

Existing projects get the default tags' attribute definitions (for tags still named
claim/quote/facility/assessment and without definitions) and keep the underline they were
drawn with, which the GUI derived from the tag's position until now. The defaults are
copied here, not imported, so this migration means the same thing forever.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 14:33:29.879112
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

PATTERNS = ("solid", "dash", "dot", "wave", "double")
DEFAULTS = {
    "claim": [{"name": "status", "kind": "choice", "choices": ["asserted", "disputed", "refuted"]}],
    "quote": [{"name": "speaker", "kind": "text", "choices": []}],
    "facility": [
        {
            "name": "kind",
            "kind": "choice",
            "choices": ["missile base", "enrichment site", "test site", "factory", "other"],
        },
        {"name": "location", "kind": "text", "choices": []},
    ],
    "assessment": [
        {
            "name": "likelihood",
            "kind": "choice",
            "choices": [
                "almost no chance",
                "very unlikely",
                "unlikely",
                "roughly even chance",
                "likely",
                "very likely",
                "almost certain",
            ],
        },
        {"name": "confidence", "kind": "choice", "choices": ["low", "moderate", "high"]},
        {"name": "source", "kind": "text", "choices": []},
    ],
}


def upgrade() -> None:
    with op.batch_alter_table("tags", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("underline", sa.String(length=16), server_default="solid", nullable=False)
        )
        batch_op.add_column(
            sa.Column("retired", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("attributes", sa.JSON(), server_default="[]", nullable=False))

    tags = sa.table(
        "tags",
        sa.column("id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("position", sa.Integer),
        sa.column("underline", sa.String),
        sa.column("attributes", sa.JSON),
    )
    connection = op.get_bind()
    for tag_id, name, position in connection.execute(sa.select(tags.c.id, tags.c.name, tags.c.position)):
        values: dict[str, object] = {
            "underline": PATTERNS[(max(position or 0, 1) - 1) % len(PATTERNS)]
        }
        if name in DEFAULTS:
            values["attributes"] = DEFAULTS[name]
        connection.execute(tags.update().where(tags.c.id == tag_id).values(**values))


def downgrade() -> None:
    with op.batch_alter_table("tags", schema=None) as batch_op:
        batch_op.drop_column("attributes")
        batch_op.drop_column("retired")
        batch_op.drop_column("underline")
