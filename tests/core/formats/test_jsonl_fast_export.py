"""The JSONL export writes from raw rows; every line must equal ``document_record`` of the
values (``Document``, ``Annotation``, ``Relation``) that the generic export path reads."""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import UTC, datetime
from pathlib import Path

import pytest

from annotator.core.formats import jsonl
from annotator.core.formats.relation_batches import BatchedRelations
from annotator.core.formats.selection import Selection, iter_selected
from annotator.core.model import AnnotationDraft, ArticleDraft, RelationDraft
from annotator.core.project import Project
from annotator.core.tags import color_for_new_tag

EARLY = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
LATER = datetime(2026, 2, 1, 17, 4, 5, 123456, tzinfo=UTC)


def _reference(project: Project, selection: Selection) -> str:
    links = BatchedRelations(project.store, selection)
    return b"".join(
        jsonl.encode_line(jsonl.document_record(doc, kept, links.of(doc.id)))
        for doc, kept in iter_selected(project.store, selection)
    ).decode("utf-8")


@pytest.fixture
def filled(project: Project) -> Project:
    text = "Ilse Marrow said the Orlan plant — «ré-ouverte» 😀 — was idle, officials said."
    for n in range(3):
        drafts = (
            AnnotationDraft(0, 11, "claim", id=f"a{n}", annotator="alice", created=EARLY),
            AnnotationDraft(0, 11, "claim", id=f"b{n}", annotator="bob", note="same span"),
            AnnotationDraft(
                21,
                32,
                "facility",
                id=f"c{n}",
                annotator="alice",
                attributes={"kind": "plant", "confidence": 0.5, "tags": ["x", "é"]},
                created=EARLY,
                updated=LATER,
            ),
            AnnotationDraft(
                21, 32, "facility", id=f"d{n}", annotator="alice", attributes={"b": 1, "a": 2}
            ),
            AnnotationDraft(12, 16, "quote", id=f"e{n}", annotator="carol", note="«note»"),
        )
        project.store.store_article(
            ArticleDraft(
                text=f"{text} #{n}",
                origin="test",
                title=f"Report {n}",
                source="Wire" if n else None,
                url="https://example.org/x",
                meta={"section": "world", "pages": [1, 2]} if n != 1 else {},
                annotations=drafts,
                relations=(RelationDraft(f"e{n}", f"a{n}", "attributed_to", annotator="alice"),),
            ),
            annotator="alice",
            new_tag_color=color_for_new_tag,
        )
    first = project.documents()[0].id
    gone = project.tag_span(first, 40, 44, "claim")
    project.apply(project.delete(gone.id))
    return project


@pytest.mark.parametrize(
    ("annotators", "tags"),
    [(None, None), (["alice"], None), (None, ["facility", "quote"]), (["bob"], ["claim"])],
)
def test_lines_equal_the_records_of_the_values(
    filled: Project,
    tmp_path: Path,
    annotators: Collection[str] | None,
    tags: Collection[str] | None,
) -> None:
    out = tmp_path / "out.jsonl"
    written = jsonl.export(filled.store, out, annotators=annotators, tags=tags)
    assert written == 3
    expected = _reference(filled, Selection(None, annotators, tags))
    assert out.read_text(encoding="utf-8") == expected


def test_chosen_documents_in_the_order_asked(filled: Project, tmp_path: Path) -> None:
    ids = [d.id for d in filled.documents()]
    chosen = [ids[2], ids[0], "no-such-document"]
    out = tmp_path / "out.jsonl"
    assert jsonl.export(filled.store, out, document_ids=chosen) == 2
    assert out.read_text(encoding="utf-8") == _reference(filled, Selection(chosen))


def test_cancel_leaves_no_file(filled: Project, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    jsonl.export(filled.store, out, cancelled=lambda: True)
    assert not out.exists()


def test_lines_hold_the_values_the_standard_library_writes(filled: Project, tmp_path: Path) -> None:
    """orjson writes compact JSON; the values are exactly those of ``json.dumps``."""
    out = tmp_path / "out.jsonl"
    jsonl.export(filled.store, out)
    selection = Selection()
    links = BatchedRelations(filled.store, selection)
    expected = [
        json.loads(json.dumps(jsonl.document_record(doc, kept, links.of(doc.id))))
        for doc, kept in iter_selected(filled.store, selection)
    ]
    lines = out.read_bytes().splitlines()
    assert [json.loads(line) for line in lines] == expected
    assert "«ré-ouverte» 😀".encode() in lines[0]  # UTF-8 as it is, not \\u escapes


def test_ties_on_the_span_are_broken_by_attributes_then_id(filled: Project, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    jsonl.export(filled.store, out)
    first = json.loads(out.read_bytes().splitlines()[0])
    same_span = [a for a in first["annotations"] if (a["start"], a["end"]) == (21, 32)]
    # content_order: {"a": 2, "b": 1} sorts before {"confidence": ...} whatever the ids.
    assert [a["attributes"] for a in same_span] == [
        {"b": 1, "a": 2},
        {"kind": "plant", "confidence": 0.5, "tags": ["x", "é"]},
    ]


def test_a_value_orjson_refuses_falls_back_to_the_standard_library() -> None:
    record = {"id": "d", "meta": {"big": 2**70, "é": "x"}}
    line = jsonl.encode_line(record)
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert json.loads(line) == record
    assert line == jsonl.encode_line({"id": "d", "meta": {"big": 2**60, "é": "x"}}).replace(
        str(2**60).encode(), str(2**70).encode()
    )
