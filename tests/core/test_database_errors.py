"""Database trouble becomes a message the analyst can act on, and a failed edit leaves
nothing half-written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import DatabaseError
from annotator.core.model import ArticleDraft
from annotator.core.project import Project
from annotator.core.storage import engine as engine_module
from annotator.core.tags import color_for_new_tag


def test_locked_database_is_reported_as_busy_and_nothing_is_written(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 200)
    with Project.open(db_path, analyst="a") as project:
        stored = project.store.store_article(
            ArticleDraft(text="The Veskar base grew.", origin="t"),
            annotator="a",
            new_tag_color=color_for_new_tag,
        )
        blocker = sqlite3.connect(db_path, timeout=0.1)
        blocker.execute("BEGIN EXCLUSIVE")
        try:
            with pytest.raises(DatabaseError, match="busy"):
                project.tag_span(stored.document_id, 4, 10, "facility")
        finally:
            blocker.rollback()
            blocker.close()
        assert project.annotations(stored.document_id) == []
        made = project.tag_span(stored.document_id, 4, 10, "facility")
        assert made.quote == "Veskar"
