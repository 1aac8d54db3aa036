"""A composite edit ("tag all occurrences", "accept all suggestions") is one transaction:
one commit, all of it or nothing, and its parts may change one annotation twice."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from sqlalchemy import event

from annotator.core.edits import CompositeEdit
from annotator.core.errors import ConflictError, NotFoundError, StaleEditError
from annotator.core.model import ArticleDraft
from annotator.core.project import Project
from annotator.core.storage.orm import AnnotationRow
from annotator.core.tags import color_for_new_tag

pytestmark = pytest.mark.both_backends

TEXT = "The ministry said the plant would open. The ministry denied it. The ministry 😀 left."


def new_document(project: Project, text: str = TEXT) -> str:
    draft = ArticleDraft(text=text, origin="test", title="Ministry")
    return project.store.store_article(
        draft, annotator="alice", new_tag_color=color_for_new_tag
    ).document_id


@pytest.fixture
def commits(project: Project) -> Iterator[list[int]]:
    """How many transactions were committed while the test ran."""
    count = [0]

    def counted(_connection: object) -> None:
        count[0] += 1

    event.listen(project.store.engine, "commit", counted)
    yield count
    event.remove(project.store.engine, "commit", counted)


def spans(project: Project, document_id: str) -> list[tuple[int, int, str]]:
    return [(a.start, a.end, a.tag) for a in project.annotations(document_id)]


def test_tagging_every_occurrence_is_one_commit_and_so_is_its_undo(
    project: Project, commits: list[int]
) -> None:
    document_id = new_document(project)
    edit = project.tag_all_occurrences([project.document(document_id)], "ministry", "claim")
    assert len(edit.edits) == 3
    commits[0] = 0
    project.apply(edit)
    assert commits[0] == 1
    assert [start for start, _end, _tag in spans(project, document_id)] == [
        TEXT.index("ministry", at) for at in (0, 20, 45)
    ]
    commits[0] = 0
    project.revert(edit)
    assert commits[0] == 1
    assert spans(project, document_id) == []


def test_a_part_that_fails_leaves_nothing_of_the_step(project: Project) -> None:
    document_id = new_document(project)
    document = project.document(document_id)
    good = [project.new_annotation(document, 4, 12, "claim") for _ in range(2)]
    bad = project.new_annotation(document, 18, 21, "claim")
    wrong_quote = replace(bad, annotation=replace(bad.annotation, quote="not there"))
    step = CompositeEdit((*good, wrong_quote), "Tag three")
    with pytest.raises(ConflictError):
        project.apply(step)
    assert spans(project, document_id) == []
    project.apply(CompositeEdit(tuple(good), "Tag two"))  # the ids were never stored
    assert len(spans(project, document_id)) == 2


def test_an_undo_that_fails_part_way_changes_nothing(location: str, project: Project) -> None:
    document_id = new_document(project)
    edit = project.tag_all_occurrences([project.document(document_id)], "ministry", "claim")
    project.apply(edit)
    project.annotations(document_id)  # this window shows all three
    first = edit.edits[0].annotation.id
    with Project.open(location, analyst="alice") as colleague:
        colleague.annotations(document_id)
        colleague.apply(colleague.relabel(first, "quote"))  # a newer change to one of them
    with pytest.raises(StaleEditError):
        project.revert(edit)  # the undo reaches that one last, after undoing two others
    assert sorted(tag for _s, _e, tag in spans(project, document_id)) == [
        "claim",
        "claim",
        "quote",
    ]


def test_two_parts_may_change_one_annotation(project: Project) -> None:
    """The second part sees the first part's revision as this client's own, not as a
    colleague's change made meanwhile."""
    document_id = new_document(project)
    annotation = project.tag_span(document_id, 4, 12, "claim")
    project.annotations(document_id)
    step = CompositeEdit(
        (project.relabel(annotation.id, "quote"), project.set_note(annotation.id, "checked")),
        "Relabel and note",
    )
    project.apply(step)
    (changed,) = project.annotations(document_id)
    assert (changed.tag, changed.note) == ("quote", "checked")
    project.revert(step)
    (back,) = project.annotations(document_id)
    assert (back.tag, back.note) == ("claim", "")
    project.apply(step)  # redo
    (again,) = project.annotations(document_id)
    assert (again.tag, again.note) == ("quote", "checked")


def test_redo_brings_back_the_same_annotations_in_one_commit(
    project: Project, commits: list[int]
) -> None:
    document_id = new_document(project)
    edit = project.tag_all_occurrences([project.document(document_id)], "ministry", "claim")
    project.apply(edit)
    first = project.annotations(document_id)
    project.revert(edit)
    commits[0] = 0
    project.apply(edit)  # redo: the rows are there, soft-deleted
    assert commits[0] == 1
    again = project.annotations(document_id)
    assert [a.id for a in again] == [a.id for a in first]
    assert [a.revision for a in again] == [a.revision + 2 for a in first]


def test_tagging_across_many_documents_checks_every_quote_against_its_own_text(
    project: Project,
) -> None:
    """More documents than the store keeps texts of: each is read once for the check."""
    texts = [f"Report {'x' * n} 😀: {TEXT}" for n in range(7)]  # the words sit apart
    ids = [new_document(project, text) for text in texts]
    documents = [project.document(document_id) for document_id in ids]
    project.apply(project.tag_all_occurrences(documents, "ministry", "claim"))
    for document_id, text in zip(ids, texts, strict=True):
        stored = project.annotations(document_id)
        assert len(stored) == 3
        assert all(text[a.start : a.end] == a.quote == "ministry" for a in stored)


def test_a_part_reads_what_an_earlier_bulk_part_wrote(project: Project) -> None:
    """Bulk parts write in Core, past the session's objects: a row object the batch's
    session still holds must be read again, not kept as it was before the bulk write."""
    document_id = new_document(project)
    annotation = project.tag_span(document_id, 4, 12, "claim")
    store = project.store
    with store.batched():
        session = store._batch_session()
        assert session is not None
        held = session.get(AnnotationRow, annotation.id)  # as an earlier part's object
        assert held is not None and not held.deleted
        store.set_deleted_many([annotation.id], True)
        assert (held.deleted, held.revision) == (True, annotation.revision + 1)
        with pytest.raises(NotFoundError):  # deleted: there is nothing to relabel
            store.update_annotation(annotation.id, tag="facility")
    assert project.annotations(document_id) == []
