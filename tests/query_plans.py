"""What SQL a project runs, and how SQLite plans it: for tests that keep a hot read on its
index (a query that falls back to a table scan or a temporary B-tree slows the app down
without any other test failing)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from sqlalchemy import event

from annotator.core.project import Project


def statements_run(project: Project, action: Callable[[], object]) -> list[tuple[str, Any]]:
    """(SQL, parameters) of every statement ``action`` sends through the project's engine."""
    seen: list[tuple[str, Any]] = []

    def remember(
        _conn: object, _cursor: object, statement: str, parameters: Any, *_rest: object
    ) -> None:
        seen.append((statement, parameters))

    engine = project.store.engine
    event.listen(engine, "before_cursor_execute", remember)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    return seen


def sqlite_plan(database: Path, statement: str, parameters: Any = ()) -> str:
    """``EXPLAIN QUERY PLAN`` of one statement on a SQLite file, one line."""
    with closing(sqlite3.connect(database)) as connection:
        rows = connection.execute("EXPLAIN QUERY PLAN " + statement, parameters or ())
        return " | ".join(str(row[3]) for row in rows)


def plan_of(project: Project, action: Callable[[], object], marker: str) -> str:
    """The plan of the one statement of ``action`` whose SQL contains ``marker``."""
    ran = statements_run(project, action)
    found = [(sql, args) for sql, args in ran if marker in sql]
    assert len(found) == 1, f"{len(found)} statements hold {marker!r}: {[sql for sql, _ in ran]}"
    return sqlite_plan(Path(str(project.store.engine.url.database)), *found[0])
