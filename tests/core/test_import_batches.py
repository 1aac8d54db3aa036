"""Imports commit documents in batches (one fsync per batch), yet each document still lands
whole or not at all, a failing one is undone alone, and a Cancel keeps what was stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core import importing
from annotator.core.importing import Outcome
from annotator.core.project import Project


def _write(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _record(n: int, doc_id: str | None = None) -> dict[str, object]:
    text = f"Report {n}: officials said the plant at site {n} was idle."
    record: dict[str, object] = {
        "text": text,
        "label": [[0, 6, "claim"], [10, 19, "quote"]],
        "meta": {"title": f"Report {n}"},
    }
    if doc_id is not None:
        record["id"] = doc_id
    return record


@pytest.mark.parametrize("batch", [1, 3, 200])
def test_a_failing_document_is_undone_alone(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    monkeypatch.setattr(importing, "BATCH_DOCUMENTS", batch)
    first = project.import_paths([_write(tmp_path / "a.jsonl", [_record(0, "fixed-id")])])
    assert first.count(Outcome.IMPORTED) == 1
    records = [_record(n) for n in range(1, 8)]
    records.insert(4, _record(99, "fixed-id"))  # the same id with another text: refused
    report = project.import_paths([_write(tmp_path / "b.jsonl", records)])
    assert report.count(Outcome.IMPORTED) == 7
    assert report.count(Outcome.FAILED) == 1
    titles = sorted(d.title for d in project.documents())
    assert titles == sorted([f"Report {n}" for n in range(8)])
    for document in project.documents():
        assert len(project.annotations(document.id)) == 2


def test_cancel_keeps_the_documents_already_stored(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "BATCH_DOCUMENTS", 100)
    done: list[int] = []
    report = project.import_paths(
        [_write(tmp_path / "c.jsonl", [_record(n) for n in range(10)])],
        progress=lambda n, _total: done.append(n),
        cancelled=lambda: len(done) >= 4,
    )
    assert report.cancelled
    assert len(project.documents()) == 4
    assert all(len(project.annotations(d.id)) == 2 for d in project.documents())


def test_an_edit_after_a_batched_import_is_its_own_transaction(
    project: Project, tmp_path: Path
) -> None:
    report = project.import_paths([_write(tmp_path / "d.jsonl", [_record(1), _record(2)])])
    doc = report.document_ids[0]
    made = project.tag_span(doc, 0, 6, "assessment")
    assert made.id in {a.id for a in project.annotations(doc)}


def test_the_sqlite_bulk_insert_stores_what_sqlalchemy_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import UTC, datetime, timedelta, timezone

    from annotator.core.model import AnnotationDraft, ArticleDraft
    from annotator.core.storage import store as store_module
    from annotator.core.tags import color_for_new_tag

    when = datetime(2026, 3, 1, 8, 15, 30, 250, tzinfo=timezone(timedelta(hours=2)))
    draft = ArticleDraft(
        text="Ilse said «the plant» 😀 was idle.",
        origin="t",
        id="doc-1",
        title="Réservoir",
        url="https://example.org/a",
        meta={"section": "world", "pages": [1, "ü"]},
        annotations=(
            AnnotationDraft(0, 4, "claim", id="a", annotator="x", attributes={"k": ["é", 1]}),
            AnnotationDraft(5, 9, "quote", id="b", note="n", created=when),
            AnnotationDraft(10, 21, "facility", id="c", created=datetime(2026, 1, 1, tzinfo=UTC)),
        ),
    )
    rows = {}
    docs = {}
    for fast in (True, False):
        monkeypatch.setattr(store_module, "FAST_SQLITE_INSERT", fast)
        db = tmp_path / f"{fast}.sqlite"
        with Project.open(db, analyst="me") as project:
            project.store.store_article(draft, annotator="me", new_tag_color=color_for_new_tag)
        import sqlite3

        with sqlite3.connect(db) as connection:
            found = connection.execute(
                "SELECT a.*, typeof(a.created), typeof(a.deleted), t.name, n.name FROM "
                "annotations a JOIN tags t ON t.id = a.tag_id "
                "JOIN annotators n ON n.id = a.annotator_id ORDER BY a.id"
            ).fetchall()
            documents = connection.execute(
                "SELECT d.*, typeof(d.created), f.title FROM documents d "
                "JOIN documents_fts f ON f.document_id = d.id"
            ).fetchall()
        rows[fast] = [row for row in found]
        docs[fast] = [row[:11] + row[12:] for row in documents]  # all but the clock
    fast_rows, slow_rows = rows[True], rows[False]
    assert len(fast_rows) == 3
    # "created"/"updated" of drafts without times are the import's clock: compare the rest
    assert [r[:9] + r[11:] for r in fast_rows] == [r[:9] + r[11:] for r in slow_rows]
    assert fast_rows[1][9:11] == slow_rows[1][9:11]  # an explicit time, another zone
    assert fast_rows[2][9] == slow_rows[2][9]
    assert docs[True] == docs[False] and len(docs[True]) == 1


def test_nested_batches_share_the_outer_transaction(project: Project, tmp_path: Path) -> None:
    store = project.store
    with store.batched():
        with store.batched():
            project.import_paths([_write(tmp_path / "e.jsonl", [_record(1)])])
        assert getattr(store._batch, "session", None) is not None  # still the outer batch
        project.import_paths([_write(tmp_path / "f.jsonl", [_record(2)])])
    assert len(project.documents()) == 2
    assert getattr(store._batch, "session", None) is None


@pytest.mark.parametrize("batch", [1, 200])
def test_a_document_failing_after_its_writes_leaves_no_trace(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    """The document row, its full-text entry and a tag it created are all undone when its
    annotations are refused, and the next document can create that tag again."""
    monkeypatch.setattr(importing, "BATCH_DOCUMENTS", batch)
    taken = {
        "text": "An older report.",
        "annotations": [{"id": "a-1", "start": 0, "end": 2, "tag": "claim"}],
    }
    project.import_paths([_write(tmp_path / "old.jsonl", [taken])])
    clash = {
        "text": "Zephyrine harbour works resumed.",
        "annotations": [
            {"id": "a-2", "start": 0, "end": 9, "tag": "rumour"},
            {"id": "a-1", "start": 10, "end": 17, "tag": "rumour"},  # another document's id
        ],
    }
    fine = {"text": "The quay was idle.", "annotations": [{"start": 4, "end": 8, "tag": "rumour"}]}
    report = project.import_paths([_write(tmp_path / "new.jsonl", [_record(1), clash, fine])])
    assert [item.outcome for item in report.items] == [
        Outcome.IMPORTED,
        Outcome.FAILED,
        Outcome.IMPORTED,
    ]
    assert "refused" in report.items[1].message
    assert report.new_tags == ("rumour",)
    assert sorted(d.title for d in project.documents()) == [
        "An older report.",
        "Report 1",
        "The quay was idle.",
    ]
    assert project.search("Zephyrine") == []
    assert [t.name for t in project.tags()].count("rumour") == 1
    quay = next(d for d in project.documents() if d.title == "The quay was idle.")
    assert [a.tag for a in project.annotations(quay.id)] == ["rumour"]
