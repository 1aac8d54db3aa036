"""The corpus list and the project's document order come from one covering index on SQLite
(migration 0010): without it SQLite read every document's row, text pages included, and
sorted them, and a 10,000-document list took 2.5x as long without any test failing."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from annotator.core.model import ArticleDraft
from annotator.core.project import Project
from annotator.core.storage import schema
from annotator.core.tags import color_for_new_tag
from tests.query_plans import plan_of

LISTED = "COVERING INDEX ix_documents_listed"


def add_documents(project: Project, count: int) -> list[str]:
    ids = []
    for n in range(count):
        draft = ArticleDraft(text=f"Report {n} on the Veskar base.", origin="test", title=f"R{n}")
        stored = project.store.store_article(
            draft, annotator="alice", new_tag_color=color_for_new_tag
        )
        ids.append(stored.document_id)
    return ids


def test_the_corpus_list_reads_the_index_in_project_order(db_path: Path) -> None:
    with Project.open(db_path) as project:
        ids = add_documents(project, 3)

        plan = plan_of(project, project.documents, "documents.length")
        ids_plan = plan_of(project, project.store.document_ids, "FROM documents")

        assert LISTED in plan and "TEMP B-TREE" not in plan
        assert LISTED in ids_plan and "TEMP B-TREE" not in ids_plan
        assert [summary.id for summary in project.documents()] == ids
        assert project.store.document_ids() == ids


def test_a_0009_database_gets_the_index_on_upgrade(db_path: Path) -> None:
    engine = create_engine(f"sqlite:///{db_path}")
    with engine.begin() as connection:
        command.upgrade(schema.alembic_config(connection), "0009")
    engine.dispose()

    with Project.open(db_path) as project:
        add_documents(project, 2)
        assert LISTED in plan_of(project, project.documents, "documents.length")
