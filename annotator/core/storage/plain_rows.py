"""The rows of a read as the database driver returns them: plain tuples.

SQLAlchemy's result rows cost more than the reads they wrap when there are tens of
thousands of them: listing 10,000 documents spent 38 ms making ORM rows, or 30 ms making
Core rows, beside 87 ms for SQLite to count and return them. Here SQLAlchemy still
compiles the statement and binds its parameters (so it runs on every database, and the
engine's events see it), but the rows are fetched from its DBAPI cursor as they are.

Only for columns whose driver values are already the values wanted (text, integers; a
boolean comes back from SQLite as 0 or 1): no result type processing happens.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Executable
from sqlalchemy.orm import Session


def plain_rows(
    session: Session, statement: Executable, parameters: Mapping[str, Any] | None = None
) -> Sequence[Sequence[Any]]:
    result = session.connection().execute(statement, parameters)
    try:
        rows: Sequence[Sequence[Any]] = result.cursor.fetchall()
        return rows
    finally:
        result.close()
