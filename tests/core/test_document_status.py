"""Per-analyst document status: undoable, separate per analyst, "new" until set, merged
into the corpus list, never changed by tagging, and the 0007 table on upgraded files."""

from __future__ import annotations

import pytest

from annotator.core.edits import NO_ANNOTATION, Scope
from annotator.core.errors import AnnotatorError, NotFoundError
from annotator.core.model import ArticleDraft
from annotator.core.project import Project
from annotator.core.tags import color_for_new_tag

pytestmark = pytest.mark.both_backends


def add_document(project: Project, text: str = "Officials said the base grew.") -> str:
    draft = ArticleDraft(text=text, origin="test", title=text[:10])
    stored = project.store.store_article(draft, annotator="alice", new_tag_color=color_for_new_tag)
    return stored.document_id


def test_status_is_new_until_set_and_the_edit_undoes(project: Project) -> None:
    doc_id = add_document(project)
    assert project.status(doc_id) == "new"
    assert project.document_summary(doc_id).status == "new"
    edit = project.set_status(doc_id, "in progress")
    assert project.status(doc_id) == "new"  # nothing written before apply
    change = project.apply(edit)
    assert change.scope is Scope.STATUS
    assert change.document_id == doc_id
    assert change.annotation_id == NO_ANNOTATION
    assert project.status(doc_id) == "in progress"
    done = project.set_status(doc_id, "done")
    project.apply(done)
    assert project.document_summary(doc_id).status == "done"
    project.revert(done)
    assert project.status(doc_id) == "in progress"
    project.revert(edit)
    assert project.status(doc_id) == "new"
    project.apply(edit)
    project.apply(done)
    assert project.status(doc_id) == "done"


def test_status_is_per_analyst(project: Project) -> None:
    doc_id = add_document(project)
    other = add_document(project, "A second article.")
    project.apply(project.set_status(doc_id, "done"))
    project.set_analyst("bob")
    assert project.status(doc_id) == "new"
    bob_edit = project.set_status(other, "in progress")
    project.apply(bob_edit)
    assert {s.id: s.status for s in project.documents()} == {doc_id: "new", other: "in progress"}
    project.set_analyst("alice")
    assert {s.id: s.status for s in project.documents()} == {doc_id: "done", other: "new"}
    # An edit made for bob still undoes bob's status after the analyst changed.
    project.revert(bob_edit)
    project.set_analyst("bob")
    assert project.status(other) == "new"


def test_tagging_a_new_document_leaves_its_status_alone(project: Project) -> None:
    doc_id = add_document(project)
    project.tag_span(doc_id, 0, 9, "claim")
    assert project.status(doc_id) == "new"
    assert project.document_summary(doc_id).status == "new"


def test_bad_status_and_unknown_document_are_refused(project: Project) -> None:
    doc_id = add_document(project)
    with pytest.raises(AnnotatorError, match="'finished' is not a document status"):
        project.set_status(doc_id, "finished")
    with pytest.raises(NotFoundError):
        project.set_status("no-such-document", "done")


def test_new_removes_the_row_and_rows_follow_the_document(project: Project) -> None:
    doc_id = add_document(project)
    project.apply(project.set_status(doc_id, "done"))
    project.apply(project.set_status(doc_id, "new"))
    with project.store.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM document_status").one() == (0,)
    project.apply(project.set_status(doc_id, "in progress"))
    with project.store.engine.connect() as connection:
        row = connection.exec_driver_sql("SELECT document_id, status FROM document_status").one()
    assert tuple(row) == (doc_id, "in progress")


def test_summaries_read_statuses_in_one_query(project: Project) -> None:
    ids = [add_document(project, f"Article number {n}.") for n in range(5)]
    for doc_id in ids[:3]:
        project.apply(project.set_status(doc_id, "done"))
    statements: list[str] = []

    from sqlalchemy import event

    def record(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(project.store.engine, "before_cursor_execute", record)
    try:
        summaries = project.documents()
    finally:
        event.remove(project.store.engine, "before_cursor_execute", record)
    assert [s.status for s in summaries] == ["done"] * 3 + ["new"] * 2
    assert sum("document_status" in statement for statement in statements) == 1
