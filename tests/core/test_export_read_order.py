"""The export reads annotations in the span index's order (``export_rows.named_annotations``):
no temporary B-tree for the ORDER BY, with or without the analyst and tag filters. Were the
index or the ORDER BY to drift apart, SQLite would sort every exported row first and no
other test would notice."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.project import Project
from annotator.core.storage import export_rows
from tests.query_plans import sqlite_plan


@pytest.mark.parametrize(
    ("filters", "names"),
    [("", ()), (" AND n.name IN (?)", ("ana",)), (" AND t.name IN (?, ?)", ("claim", "quote"))],
)
def test_the_export_read_follows_the_span_index(
    db_path: Path, filters: str, names: tuple[str, ...]
) -> None:
    Project.open(db_path).close()
    statement = export_rows._SQLITE_NAMED.format(documents="?, ?", filters=filters)
    plan = sqlite_plan(db_path, statement, ("doc-1", "doc-2", *names))
    assert "ix_annotations_document_spans" in plan
    assert "TEMP B-TREE" not in plan


def test_exported_annotations_keep_their_order(project: Project, tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("The Veskar naval base grew by two piers.", encoding="utf-8")
    (document_id,) = project.import_paths([source]).document_ids
    for start, end, tag in [(4, 21, "facility"), (4, 10, "claim"), (0, 3, "quote")]:
        project.tag_span(document_id, start, end, tag)
    rows = export_rows.named_annotations(project.store, [document_id])
    assert [(row[1], -row[2], row[3]) for row in rows] == [
        (0, 3, "quote"),
        (4, 21, "facility"),
        (4, 10, "claim"),
    ]
