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
