"""Relations between annotations: undoable add/delete, hidden with a deleted annotation and
back with its undo, exported in JSONL and read back by the import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.edits import Scope
from annotator.core.errors import AnnotatorError
from annotator.core.model import ArticleDraft
from annotator.core.project import Project
from annotator.core.tags import color_for_new_tag

pytestmark = pytest.mark.both_backends

TEXT = '"The pads are new," said Ilse Marrow 😀 of the Halvern Institute.'


def add_document(project: Project, text: str = TEXT) -> str:
    draft = ArticleDraft(text=text, origin="test", title="Pads")
    stored = project.store.store_article(draft, annotator="alice", new_tag_color=color_for_new_tag)
    return stored.document_id


def quote_and_speaker(project: Project, doc_id: str) -> tuple[str, str]:
    quote = project.tag_span(doc_id, 0, 19, "quote")
    start = TEXT.index("Ilse")
    speaker = project.tag_span(doc_id, start, start + len("Ilse Marrow"), "claim")
    return quote.id, speaker.id


def test_add_delete_undo_redo(project: Project) -> None:
    doc_id = add_document(project)
    quote, speaker = quote_and_speaker(project, doc_id)
    add = project.new_relation(quote, speaker, "attributed_to")
    change = project.apply(add)
    assert change.scope is Scope.RELATIONS and change.relation is not None
    (relation,) = project.relations(doc_id)
    assert (relation.from_annotation, relation.to_annotation) == (quote, speaker)
    assert (relation.type, relation.annotator) == ("attributed_to", "alice")
    delete = project.delete_relation(relation.id)
    project.apply(delete)
    assert project.relations(doc_id) == []
    project.revert(delete)
    assert project.relations(doc_id) == [relation]
    project.revert(add)
    assert project.relations(doc_id) == []
    project.apply(add)
    assert [r.id for r in project.relations(doc_id)] == [relation.id]


def test_deleting_an_annotation_hides_its_relations_until_undone(project: Project) -> None:
    doc_id = add_document(project)
    quote, speaker = quote_and_speaker(project, doc_id)
    project.apply(project.new_relation(quote, speaker, "attributed_to"))
    delete = project.delete(speaker)
    project.apply(delete)
    assert project.relations(doc_id) == []
    project.revert(delete)
    assert len(project.relations(doc_id)) == 1


def test_bad_relations_are_refused(project: Project) -> None:
    doc_id = add_document(project)
    other = add_document(project, "Another text entirely.")
    quote, _ = quote_and_speaker(project, doc_id)
    elsewhere = project.tag_span(other, 0, 7, "claim")
    with pytest.raises(AnnotatorError, match="same document"):
        project.new_relation(quote, elsewhere.id, "about")
    with pytest.raises(AnnotatorError, match="two different"):
        project.new_relation(quote, quote, "about")
    with pytest.raises(AnnotatorError, match="needs a type"):
        project.new_relation(quote, elsewhere.id, " ")


def test_jsonl_round_trip_keeps_relations(project: Project, tmp_path: Path) -> None:
    doc_id = add_document(project)
    quote, speaker = quote_and_speaker(project, doc_id)
    project.apply(project.new_relation(quote, speaker, "attributed_to"))
    out = tmp_path / "out.jsonl"
    project.export("jsonl", out)
    record = json.loads(out.read_text(encoding="utf-8"))
    (link,) = record["relations"]
    assert {k: link[k] for k in ("from", "to", "type", "annotator")} == {
        "from": quote,
        "to": speaker,
        "type": "attributed_to",
        "annotator": "alice",
    }
    filtered = tmp_path / "quotes.jsonl"
    project.export("jsonl", filtered, tags=["quote"])
    assert json.loads(filtered.read_text(encoding="utf-8"))["relations"] == []

    with Project.open(tmp_path / "other.sqlite", analyst="bob") as other:
        report = other.import_paths([out])
        assert report.failures == []
        (relation,) = other.relations(doc_id)
        assert (relation.id, relation.type, relation.annotator) == (
            link["id"],
            "attributed_to",
            "alice",
        )
        again = other.import_paths([out])  # a repeated import changes nothing
        assert again.annotations_added == 0
        assert len(other.relations(doc_id)) == 1


def test_relation_to_an_unknown_annotation_is_skipped_with_a_warning(
    project: Project, tmp_path: Path
) -> None:
    record = {
        "text": "Alpha beta.",
        "annotations": [{"id": "a1", "start": 0, "end": 5, "tag": "claim"}],
        "relations": [{"from": "a1", "to": "zz", "type": "about"}],
    }
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    report = project.import_paths([path])
    (item,) = report.items
    assert any("relation 1 (about)" in warning for warning in item.warnings)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({**record, "relations": [{"from": "a1"}]}) + "\n")
    (failed,) = project.import_paths([bad]).failures
    assert "relation 1" in failed.message
