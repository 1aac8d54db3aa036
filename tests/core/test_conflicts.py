"""Optimistic concurrency (issue #8): an edit of an annotation that a colleague changed
since this client read it is refused, never silently overwritten, and the three ways out
(keep mine, take theirs, keep both) do what they say. Two ``Project`` objects on one
database stand for two analysts' sessions; both backends."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from annotator.core.conflicts import Conflict, Resolution, resolved_edit
from annotator.core.edits import Edit
from annotator.core.errors import StaleEditError
from annotator.core.model import ArticleDraft
from annotator.core.project import Project
from annotator.core.tags import color_for_new_tag

pytestmark = pytest.mark.both_backends

TEXT = "The ministry said the Calder plant 😀 would open in May."


@pytest.fixture
def colleague(location: str, project: Project) -> Iterator[Project]:
    with Project.open(location, analyst="alice") as other:  # the same analyst, other machine
        yield other


def shared_annotation(project: Project, colleague: Project) -> tuple[str, str]:
    draft = ArticleDraft(text=TEXT, origin="test", title="Plant")
    doc_id = project.store.store_article(
        draft, annotator="alice", new_tag_color=color_for_new_tag
    ).document_id
    annotation = project.tag_span(doc_id, 4, 12, "claim")
    project.annotations(doc_id)
    colleague.annotations(doc_id)  # both windows show it at revision 1
    return doc_id, annotation.id


def conflict_of(project: Project, mine: Edit) -> Conflict:
    """Apply ``mine`` expecting the refusal a colleague's newer change causes."""
    with pytest.raises(StaleEditError) as refused:
        project.apply(mine)
    return Conflict.of(mine, refused.value)


def test_a_stale_relabel_is_refused_with_their_version(
    project: Project, colleague: Project
) -> None:
    doc_id, ann_id = shared_annotation(project, colleague)
    colleague.apply(colleague.relabel(ann_id, "quote"))
    mine = project.relabel(ann_id, "facility")
    theirs = conflict_of(project, mine).theirs
    assert theirs is not None and theirs.tag == "quote"
    assert [a.tag for a in colleague.annotations(doc_id)] == ["quote"]  # nothing overwritten


def test_keep_mine_rebases_on_theirs_and_undo_returns_to_theirs(
    project: Project, colleague: Project
) -> None:
    doc_id, ann_id = shared_annotation(project, colleague)
    colleague.apply(colleague.relabel(ann_id, "quote"))
    mine = project.relabel(ann_id, "facility")
    conflict = conflict_of(project, mine)
    assert conflict.choices == (Resolution.KEEP_MINE, Resolution.TAKE_THEIRS, Resolution.KEEP_BOTH)
    edit = resolved_edit(project, conflict, Resolution.KEEP_MINE)
    assert edit is not None
    project.apply(edit)
    assert [a.tag for a in colleague.annotations(doc_id)] == ["facility"]
    project.revert(edit)
    assert [a.tag for a in colleague.annotations(doc_id)] == ["quote"]


def test_take_theirs_changes_nothing_and_the_next_edit_applies(
    project: Project, colleague: Project
) -> None:
    doc_id, ann_id = shared_annotation(project, colleague)
    colleague.apply(colleague.set_note(ann_id, "checked by phone"))
    mine = project.set_note(ann_id, "my note")
    assert resolved_edit(project, conflict_of(project, mine), Resolution.TAKE_THEIRS) is None
    assert [a.note for a in project.annotations(doc_id)] == ["checked by phone"]
    project.apply(project.relabel(ann_id, "assessment"))  # seen now: no conflict
    (now,) = colleague.annotations(doc_id)
    assert (now.note, now.tag) == ("checked by phone", "assessment")


def test_keep_both_adds_my_version_beside_theirs(project: Project, colleague: Project) -> None:
    doc_id, ann_id = shared_annotation(project, colleague)
    colleague.apply(colleague.relabel(ann_id, "quote"))
    mine = project.resize(ann_id, 4, 20)
    edit = resolved_edit(project, conflict_of(project, mine), Resolution.KEEP_BOTH)
    assert edit is not None
    project.apply(edit)
    spans = sorted((a.tag, a.start, a.end, a.quote) for a in colleague.annotations(doc_id))
    assert spans == [("quote", 4, 12, TEXT[4:12]), ("quote", 4, 20, TEXT[4:20])]


def test_their_delete_leaves_take_theirs_or_nothing(project: Project, colleague: Project) -> None:
    doc_id, ann_id = shared_annotation(project, colleague)
    colleague.apply(colleague.delete(ann_id))
    mine = project.relabel(ann_id, "quote")
    conflict = conflict_of(project, mine)
    assert conflict.theirs is None and conflict.choices == (Resolution.TAKE_THEIRS,)
    assert project.annotations(doc_id) == []


def test_my_own_edits_and_undo_never_conflict_with_themselves(project: Project) -> None:
    draft = ArticleDraft(text=TEXT, origin="test", title="Plant")
    doc_id = project.store.store_article(
        draft, annotator="alice", new_tag_color=color_for_new_tag
    ).document_id
    annotation = project.tag_span(doc_id, 4, 12, "claim")
    project.annotations(doc_id)
    edits = [project.relabel(annotation.id, "quote")]
    project.apply(edits[0])
    edits.append(project.delete(annotation.id))
    project.apply(edits[1])
    for edit in reversed(edits):
        project.revert(edit)
    for edit in edits:
        project.apply(edit)
    assert project.annotations(doc_id) == []


def test_the_lean_read_of_an_open_document_counts_as_seeing_it(
    project: Project, colleague: Project
) -> None:
    """The window opens documents with ``annotation_refs``; it must arm the check too."""
    draft = ArticleDraft(text=TEXT, origin="test", title="Plant")
    doc_id = project.store.store_article(
        draft, annotator="alice", new_tag_color=color_for_new_tag
    ).document_id
    first = project.tag_span(doc_id, 22, 34, "facility")
    second = project.tag_span(doc_id, 4, 12, "claim")
    refs = colleague.annotation_refs(doc_id)
    assert [(r.id, r.start, r.end, r.tag, r.annotator, r.revision) for r in refs] == [
        (second.id, 4, 12, "claim", "alice", 1),
        (first.id, 22, 34, "facility", "alice", 1),
    ]
    project.apply(project.relabel(second.id, "quote"))
    with pytest.raises(StaleEditError):
        colleague.apply(colleague.relabel(second.id, "facility"))
    assert [r.revision for r in colleague.annotation_refs(doc_id)] == [2, 1]
    colleague.apply(colleague.relabel(second.id, "facility"))  # seen now: applies


def test_an_open_documents_revisions_give_way_to_my_later_edits(project: Project) -> None:
    """``annotation_refs`` files what it saw lazily (``SeenRevisions.remember_refs``): the
    revisions this client writes afterwards, and what it reads again, must still count."""
    draft = ArticleDraft(text=TEXT, origin="test", title="Plant")
    doc_id = project.store.store_article(
        draft, annotator="alice", new_tag_color=color_for_new_tag
    ).document_id
    annotation = project.tag_span(doc_id, 4, 12, "claim")
    project.annotation_refs(doc_id)  # seen at revision 1, not yet filed
    project.apply(project.relabel(annotation.id, "quote"))  # writes revision 2
    project.annotation_refs(doc_id)
    project.apply(project.relabel(annotation.id, "facility"))
    project.apply(project.relabel(annotation.id, "claim"))
    assert [(r.tag, r.revision) for r in project.annotation_refs(doc_id)] == [("claim", 4)]


def test_what_many_opened_documents_showed_is_all_checked(
    project: Project, colleague: Project
) -> None:
    """More documents opened without an edit than are kept pending: none is forgotten."""
    annotations = []
    for number in range(12):
        draft = ArticleDraft(text=f"{TEXT} ({number})", origin="test", title=f"Plant {number}")
        doc_id = project.store.store_article(
            draft, annotator="alice", new_tag_color=color_for_new_tag
        ).document_id
        annotations.append(project.tag_span(doc_id, 4, 12, "claim"))
        colleague.annotation_refs(doc_id)
    project.apply(project.relabel(annotations[0].id, "quote"))
    project.apply(project.relabel(annotations[-1].id, "quote"))
    for annotation in (annotations[0], annotations[-1]):
        with pytest.raises(StaleEditError):
            colleague.apply(colleague.relabel(annotation.id, "facility"))
