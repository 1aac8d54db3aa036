"""Alembic environment: always driven in-process with a connection handed over by
``annotator.core.storage.schema`` (never from an alembic.ini on disk)."""

from __future__ import annotations

from alembic import context

from annotator.core.storage.fulltext import include_name
from annotator.core.storage.orm import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    include_name=include_name,
)
with context.begin_transaction():
    context.run_migrations()
