"""The Project facade on real SQLite files: tagging, undo/redo, soft delete, reopening."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import make_url

from annotator.core.errors import AnnotatorError, ConflictError, NotFoundError
from annotator.core.model import ArticleDraft
from annotator.core.project import Project
from annotator.core.storage.recent_texts import RecentTexts
from annotator.core.storage.store import text_sha256
from annotator.core.tags import color_for_new_tag

pytestmark = pytest.mark.both_backends

TEXT = "Officials said 😀 the Veskar base 𝒳 expanded.\nAnalysts believe it is likely."


def add_document(project: Project, text: str = TEXT, title: str = "Veskar") -> str:
    draft = ArticleDraft(text=text, origin="test", title=title)
    stored = project.store.store_article(draft, annotator="alice", new_tag_color=color_for_new_tag)
    return stored.document_id


def test_new_project_has_the_four_default_tags(project: Project) -> None:
    names = [tag.name for tag in project.tags()]
    assert names == ["claim", "quote", "facility", "assessment"]
    assert [tag.hotkey for tag in project.tags()] == ["1", "2", "3", "4"]


def test_span_after_emoji_keeps_code_point_offsets(project: Project) -> None:
    doc_id = add_document(project)
    start = TEXT.index("Veskar")
    made = project.tag_span(doc_id, start, start + len("Veskar base 𝒳"), "facility")
    assert made.quote == "Veskar base 𝒳"
    assert TEXT[made.start : made.end] == made.quote
    assert made.annotator == "alice"
    assert project.annotations(doc_id) == [made]


def test_undo_redo_of_add_relabel_resize_delete(project: Project) -> None:
    doc_id = add_document(project)
    document = project.document(doc_id)
    add = project.new_annotation(document, 0, 9, "claim")
    project.apply(add)
    relabel = project.relabel(add.annotation.id, "quote")
    project.apply(relabel)
    resize = project.resize(add.annotation.id, 0, 14)
    project.apply(resize)
    assert project.annotation(add.annotation.id).quote == "Officials said"
    delete = project.delete(add.annotation.id)
    project.apply(delete)
    assert project.annotations(doc_id) == []

    project.revert(delete)
    assert project.annotation(add.annotation.id).tag == "quote"
    project.revert(resize)
    assert project.annotation(add.annotation.id).quote == "Officials"
    project.revert(relabel)
    assert project.annotation(add.annotation.id).tag == "claim"
    project.revert(add)
    assert project.annotations(doc_id) == []
    project.apply(add)  # redo brings back the same annotation, not a copy
    assert [a.id for a in project.annotations(doc_id)] == [add.annotation.id]


def test_every_edit_survives_reopening(db_path: Path) -> None:
    with Project.open(db_path, analyst="bob") as project:
        doc_id = add_document(project)
        made = project.tag_span(doc_id, 0, 9, "claim")
        project.apply(project.set_note(made.id, "check with the imagery"))
    with Project.open(db_path) as reopened:
        (annotation,) = reopened.annotations(doc_id)
        assert annotation.note == "check with the imagery"
        assert annotation.annotator == "bob"
        assert annotation.revision == 2


def test_bad_offsets_and_unknown_tags_are_refused(project: Project) -> None:
    document = project.document(add_document(project))
    with pytest.raises(AnnotatorError):
        project.new_annotation(document, 5, 5, "claim")
    with pytest.raises(AnnotatorError):
        project.new_annotation(document, 0, len(TEXT) + 1, "claim")
    with pytest.raises(NotFoundError):
        project.new_annotation(document, 0, 3, "no-such-tag")


@pytest.mark.parametrize("text_read_first", [True, False])
def test_a_span_that_does_not_cover_its_quote_is_refused(
    project: Project, text_read_first: bool
) -> None:
    """Checked against the stored text whether this project has read the text (then in
    memory) or not (then in SQL); nothing is written either way."""
    doc_id = add_document(project)
    made = project.new_annotation(project.document(doc_id), 0, 9, "claim").annotation
    if not text_read_first:
        project.store._texts = RecentTexts()  # as if this project had never read the text
    wrong_quote = replace(made, quote="Officials")  # TEXT[0:9] is "Officials": now shift
    shifted = replace(wrong_quote, start=1, end=10)
    outside = replace(made, start=len(TEXT) - 2, end=len(TEXT) + 3, quote="y.")
    for bad in (shifted, outside):
        with pytest.raises(ConflictError):
            project.store.insert_annotation(bad)
    assert project.annotations(doc_id) == []
    assert project.store.insert_annotation(made) == project.annotation(made.id)


def test_attributes_and_notes_of_a_new_annotation_are_stored_as_returned(
    project: Project,
) -> None:
    doc_id = add_document(project)
    made = project.new_annotation(project.document(doc_id), 0, 9, "claim").annotation
    full = replace(made, note="check", attributes={"likelihood": "likely", "n": 2})
    stored = project.store.insert_annotation(full)
    assert stored == project.annotation(made.id)
    assert stored.created is not None and stored.created.utcoffset() is not None
    assert (stored.note, dict(stored.attributes)) == ("check", {"likelihood": "likely", "n": 2})


def test_same_text_is_stored_once(project: Project) -> None:
    first = add_document(project)
    second = add_document(project, title="Other title")
    assert first == second
    assert len(project.documents()) == 1
    assert project.document(first).sha256 == text_sha256(TEXT)


def test_summaries_count_live_annotations_per_tag(project: Project) -> None:
    doc_id = add_document(project)
    project.tag_span(doc_id, 0, 9, "claim")
    gone = project.tag_span(doc_id, 10, 14, "claim")
    project.tag_span(doc_id, 0, 14, "quote")
    project.apply(project.delete(gone.id))
    (summary,) = project.documents()
    assert dict(summary.counts) == {"claim": 1, "quote": 1}
    assert summary.total == 2
    assert project.document_summary(doc_id) == summary


def test_analyst_name_cannot_be_empty(project: Project) -> None:
    with pytest.raises(AnnotatorError):
        project.set_analyst("   ")
    project.set_analyst(" carol ")
    assert project.analyst == "carol"


def test_location_names_a_file_by_its_path_and_a_server_without_its_password(
    backend: str, location: str, project: Project
) -> None:
    """What the window shows, starts its file dialogs in and keeps in File ▸ Recent."""
    if backend == "postgresql":
        assert project.location.startswith("postgresql")
        assert "://" in project.location
        password = make_url(location).password
        assert password is None or str(password) not in project.location
    else:
        assert project.location == str(Path(location).resolve())
        with Project.open(project.location, analyst="alice") as again:
            assert again.location == project.location  # reopens from what it shows
