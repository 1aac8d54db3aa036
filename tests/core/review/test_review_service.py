"""Decisions into a gold set: accept, edit, reject, each undoable and redoable; reviews for
every source; gold links back to its sources; comments; the document review state."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.model import ArticleDraft
from annotator.core.project import Project
from annotator.core.review.units import GOLD, UnitKind
from annotator.core.tags import color_for_new_tag

pytestmark = pytest.mark.both_backends

TEXT = "The pads at Halvern are new, said Ilse Marrow of the institute."


def setup_document(project: Project) -> str:
    draft = ArticleDraft(text=TEXT, origin="test", title="Pads")
    doc_id = project.store.store_article(
        draft, annotator="alice", new_tag_color=color_for_new_tag
    ).document_id
    for analyst, start, end, tag in [
        ("alice", 0, 27, "claim"),
        ("bob", 4, 27, "claim"),  # boundary
        ("alice", 34, 45, "quote"),
        ("bob", 34, 45, "facility"),  # tag
    ]:
        project.set_analyst(analyst)
        project.tag_span(doc_id, start, end, tag)
    project.set_analyst("rita")
    return doc_id


def test_units_of_a_document(project: Project) -> None:
    doc_id = setup_document(project)
    units = project.review_units(doc_id)
    assert [(u.kind, u.start, u.end) for u in units] == [
        (UnitKind.BOUNDARY, 0, 27),
        (UnitKind.TAG, 34, 45),
    ]
    assert [u.kind for u in project.review_units(doc_id, ["alice"])] == [UnitKind.AGREE] * 2


def test_accept_edit_reject_with_undo_and_redo(project: Project) -> None:
    doc_id = setup_document(project)
    unit = project.review_units(doc_id)[0]
    alice = next(v for v in unit.versions if v.analyst == "alice")
    project.set_attributes(alice.annotation_id, {})
    accept = project.accept(unit, alice.annotation_id, "alice has the subject")
    change = project.apply(accept)
    (gold,) = project.gold_annotations(doc_id)
    assert change.annotation == gold
    assert (gold.annotator, gold.start, gold.end, gold.tag) == (GOLD, 0, 27, "claim")
    assert gold.quote == TEXT[0:27]
    assert set(project.gold_sources(gold.id)) == set(unit.annotation_ids)
    assert project.gold_for(unit) == gold
    (review,) = project.reviews(alice.annotation_id)
    assert (review.reviewer, review.decision, review.comment) == (
        "rita",
        "accept",
        "alice has the subject",
    )
    bob = next(v for v in unit.versions if v.analyst == "bob")
    assert [r.decision for r in project.reviews(bob.annotation_id)] == ["reject"]
    assert [r.decision for r in project.reviews(gold.id)] == ["accept"]

    # edit updates the same gold annotation
    edit = project.edit_gold(unit, 4, 20, "assessment", "narrower")
    project.apply(edit)
    (edited,) = project.gold_annotations(doc_id)
    assert (edited.id, edited.start, edited.end, edited.tag) == (gold.id, 4, 20, "assessment")
    assert [r.decision for r in project.reviews(bob.annotation_id)] == ["reject", "edit"]

    # reject removes the gold; undo brings it back as edited, then as accepted
    reject = project.reject(unit, "not a claim")
    project.apply(reject)
    assert project.gold_annotations(doc_id) == []
    assert project.gold_for(unit) is None
    assert [r.decision for r in project.reviews(alice.annotation_id)] == [
        "accept",
        "edit",
        "reject",
    ]
    project.revert(reject)
    assert [(g.start, g.tag) for g in project.gold_annotations(doc_id)] == [(4, "assessment")]
    project.revert(edit)
    assert [(g.start, g.tag) for g in project.gold_annotations(doc_id)] == [(0, "claim")]
    assert [r.decision for r in project.reviews(alice.annotation_id)] == ["accept"]
    project.revert(accept)
    assert project.gold_annotations(doc_id) == []
    assert project.reviews(alice.annotation_id) == []
    # redo writes the same gold again
    project.apply(accept)
    assert [g.id for g in project.gold_annotations(doc_id)] == [gold.id]
    # gold annotations are not compared by default, so the units stay the same
    assert next(u.key for u in project.review_units(doc_id)) == unit.key


def test_reject_without_gold_and_bad_input(project: Project) -> None:
    doc_id = setup_document(project)
    unit = project.review_units(doc_id)[1]
    reject = project.reject(unit)
    project.apply(reject)
    assert project.gold_annotations(doc_id) == []
    assert {r.decision for v in unit.versions for r in project.reviews(v.annotation_id)} == {
        "reject"
    }
    project.revert(reject)
    assert all(project.reviews(v.annotation_id) == [] for v in unit.versions)
    other = project.review_units(doc_id)[0]
    with pytest.raises(AnnotatorError):
        project.accept(unit, other.versions[0].annotation_id)
    with pytest.raises(AnnotatorError):
        project.edit_gold(unit, 5, 500, "claim")


def test_gold_only_export(project: Project, tmp_path: Path) -> None:
    doc_id = setup_document(project)
    unit = project.review_units(doc_id)[1]
    alice = next(v for v in unit.versions if v.analyst == "alice")
    project.apply(project.accept(unit, alice.annotation_id))
    out = tmp_path / "gold.jsonl"
    project.export("jsonl", out, annotators=(GOLD,))
    (record,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert record["label"] == [[34, 45, "quote"]]


def test_comment_threads(project: Project) -> None:
    doc_id = setup_document(project)
    target = project.annotations(doc_id)[0]
    first = project.add_comment(target.id, "  Why from 0?  ")
    project.apply(first)
    project.set_analyst(target.annotator)
    reply = project.add_comment(target.id, "The subject counts.", reply_to=first.comment.id)
    project.apply(reply)
    thread = project.comments(target.id)
    assert [(c.author, c.text, c.reply_to) for c in thread] == [
        ("rita", "Why from 0?", None),
        (target.annotator, "The subject counts.", first.comment.id),
    ]
    project.revert(reply)
    assert len(project.comments(target.id)) == 1
    project.apply(reply)
    assert len(project.comments(target.id)) == 2
    with pytest.raises(AnnotatorError):
        project.add_comment(target.id, "   ")
    other = project.annotations(doc_id)[1]
    with pytest.raises(AnnotatorError):
        project.add_comment(other.id, "x", reply_to=first.comment.id)


def test_document_review_state(project: Project) -> None:
    doc_id = setup_document(project)
    assert project.review_states() == {}
    start = project.set_review_state(doc_id, "in review")
    project.apply(start)
    done = project.set_review_state(doc_id, "reviewed")
    project.apply(done)
    state = project.review_states()[doc_id]
    assert (state.state, state.reviewer) == ("reviewed", "rita")
    project.revert(done)
    assert project.review_state(doc_id) == "in review"
    project.revert(start)
    assert project.review_state(doc_id) is None
    with pytest.raises(AnnotatorError):
        project.set_review_state(doc_id, "finished")  # type: ignore[arg-type]


def test_units_from_the_lean_rows_match_units_from_full_annotations(project: Project) -> None:
    """The project groups versions made from the lean rows and the text; the pure
    ``review_units`` over the full annotations must give the very same units."""
    from annotator.core.review.units import review_units

    doc_id = setup_document(project)
    project.set_analyst("carol")
    project.tag_span(doc_id, 4, 15, "claim")  # overlaps alice's and bob's claims
    project.tag_span(doc_id, 50, 63, "facility")
    project.set_analyst("rita")
    project.apply(
        project.accept(
            project.review_units(doc_id)[0],
            project.review_units(doc_id)[0].versions[0].annotation_id,
        )
    )
    live = project.annotations(doc_id)
    for analysts in (None, ["alice", "bob"], ["carol", "gold"], ["alice", "nobody"]):
        names = analysts or sorted({a.annotator for a in live if a.annotator != GOLD})
        by_analyst = {name: [a for a in live if a.annotator == name] for name in names}
        assert project.review_units(doc_id, analysts) == review_units(by_analyst)
        refs = project.annotation_refs(doc_id)  # as the review dialog reads them, once
        assert project.review_units(doc_id, analysts, refs=refs) == review_units(by_analyst)
