"""What a client has seen, filed lazily: bounded in the rows it keeps waiting, and nothing
it saw is forgotten when reads are filed early."""

from __future__ import annotations

from sqlalchemy.orm import sessionmaker

from annotator.core.model import AnnotationId, AnnotationRef
from annotator.core.storage.seen_revisions import MOST_PENDING_ROWS, SeenRevisions


def _document(name: str, rows: int, revision: int = 1) -> list[AnnotationRef]:
    return [
        AnnotationRef(AnnotationId(f"{name}-{n}"), n, n + 1, "claim", "ana", revision, "")
        for n in range(rows)
    ]


def test_reopening_a_long_document_keeps_one_read_waiting_not_one_per_open() -> None:
    seen = SeenRevisions(sessionmaker())
    long_report = MOST_PENDING_ROWS // 2 + 1
    for _ in range(6):
        seen.remember_refs(_document("report", long_report))
        assert seen._pending_rows <= MOST_PENDING_ROWS
    assert len(seen._pending) == 1  # earlier reads were filed, not kept


def test_reads_filed_early_still_count_and_a_later_read_wins() -> None:
    seen = SeenRevisions(sessionmaker())
    seen.remember_refs(_document("a", 10))
    seen.remember_refs(_document("huge", MOST_PENDING_ROWS + 5))  # files "a" now
    seen.remember_refs(_document("a", 10, revision=2))  # files "huge", "a" again later
    assert seen.is_stale("a-3", 1) and not seen.is_stale("a-3", 2)
    assert seen.is_stale(f"huge-{MOST_PENDING_ROWS}", 7)
    assert not seen.is_stale("never-read", 5)  # rows never seen are not checked
