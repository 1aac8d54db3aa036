"""Storing each analyst's status of each document (new, in progress, done).

"new" is the absence of a row: importing a thousand articles writes no status, and setting
a document back to "new" deletes its row, so the table only holds documents someone has
started. The corpus list reads one analyst's rows in one query (``statuses``) and merges
them into the summaries, which keeps ``Store.summaries`` free of the analyst's name.
"""

from __future__ import annotations

from sqlalchemy import delete, select

from annotator.core.errors import NotFoundError
from annotator.core.model import DOCUMENT_STATUSES, DocumentStatus
from annotator.core.storage.orm import (
    AnnotatorRow,
    DocumentRow,
    DocumentStatusRow,
    utcnow,
)
from annotator.core.storage.store import Store

NEW: DocumentStatus = "new"


def statuses(
    store: Store, annotator: str, document_id: str | None = None
) -> dict[str, DocumentStatus]:
    """The analyst's statuses other than "new", by document id (all, or one document)."""
    query = (
        select(DocumentStatusRow.document_id, DocumentStatusRow.status)
        .join(AnnotatorRow, AnnotatorRow.id == DocumentStatusRow.annotator_id)
        .where(AnnotatorRow.name == annotator)
    )
    if document_id is not None:
        query = query.where(DocumentStatusRow.document_id == document_id)
    with store._reading() as session:
        return {doc_id: _known(status) for doc_id, status in session.execute(query)}


def status(store: Store, document_id: str, annotator: str) -> DocumentStatus:
    return statuses(store, annotator, document_id).get(document_id, NEW)


def put(store: Store, document_id: str, annotator: str, value: DocumentStatus) -> None:
    """Record the analyst's status of a document ("new" removes the row)."""
    with store._writing() as session:
        if session.scalar(select(DocumentRow.id).where(DocumentRow.id == document_id)) is None:
            raise NotFoundError(f"There is no document with id {document_id}.")
        annotator_id = store._annotator_id(session, annotator)
        mine = (DocumentStatusRow.document_id == document_id) & (
            DocumentStatusRow.annotator_id == annotator_id
        )
        if value == NEW:
            session.execute(delete(DocumentStatusRow).where(mine))
            return
        row = session.scalar(select(DocumentStatusRow).where(mine))
        if row is None:
            session.add(
                DocumentStatusRow(
                    document_id=document_id,
                    annotator_id=annotator_id,
                    status=value,
                    updated=utcnow(),
                )
            )
        else:
            row.status = value
            row.updated = utcnow()


def _known(value: str) -> DocumentStatus:
    """A value written by a newer program version reads as "in progress": the document was
    at least started, and the list must not fail over one row."""
    for known in DOCUMENT_STATUSES:
        if known == value:
            return known
    return "in progress"


def all_statuses(store: Store) -> dict[str, dict[str, DocumentStatus]]:
    """Every stored status other than "new": document id -> analyst name -> status (one
    query, for export filters over the whole corpus)."""
    query = select(DocumentStatusRow.document_id, AnnotatorRow.name, DocumentStatusRow.status).join(
        AnnotatorRow, AnnotatorRow.id == DocumentStatusRow.annotator_id
    )
    found: dict[str, dict[str, DocumentStatus]] = {}
    with store._reading() as session:
        for doc_id, name, value in session.execute(query):
            found.setdefault(doc_id, {})[name] = _known(value)
    return found
