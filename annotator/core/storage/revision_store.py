"""Storing a revised text of a document with the annotations carried onto it.

The new revision is a new document (its own id and sha256) pointing back with
``revision_of``; the old document and its annotations are not touched, so offsets made on
the old text stay true. Document and carried annotations are written in one transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from annotator.core.errors import ConflictError
from annotator.core.model import Annotation, ArticleDraft, DocumentId
from annotator.core.storage.orm import DocumentRow, utcnow
from annotator.core.storage.store import (
    INSERT_ANNOTATIONS,
    INSERT_DOCUMENT,
    Store,
    _document_values,
    text_sha256,
)


@dataclass(frozen=True)
class Carried:
    """An old annotation and where it now lands on the new text."""

    annotation: Annotation
    start: int
    end: int
    new_id: str


def store_revision(
    store: Store, old_id: str, draft: ArticleDraft, carried: Sequence[Carried]
) -> DocumentId:
    sha = text_sha256(draft.text)
    with store._writing() as session:
        same = session.scalar(select(DocumentRow.id).where(DocumentRow.sha256 == sha))
        if same is not None:
            raise ConflictError(
                f"{draft.origin}: this text is already in the project as document {same}; "
                "a revision must differ from every stored text."
            )
        values = _document_values(draft, sha)
        values["id"] = str(uuid.uuid4())
        values["revision_of"] = old_id
        session.execute(INSERT_DOCUMENT, [values])
        now = utcnow()
        rows: list[dict[str, Any]] = [
            {
                "id": item.new_id,
                "document_id": values["id"],
                "annotator_id": store._annotator_id(session, item.annotation.annotator),
                "tag_id": store._tag_id(session, item.annotation.tag),
                "start_offset": item.start,
                "end_offset": item.end,
                "quote": draft.text[item.start : item.end],
                "note": item.annotation.note,
                "attributes": dict(item.annotation.attributes),
                "created": item.annotation.created or now,
                "updated": now,
                "revision": 1,
                "deleted": False,
            }
            for item in carried
        ]
        if rows:
            session.execute(INSERT_ANNOTATIONS, rows)
        return DocumentId(values["id"])


def revision_links(store: Store) -> dict[DocumentId, DocumentId]:
    """Every revised document's id -> the id of the document it revises."""
    with store._reading() as session:
        query = select(DocumentRow.id, DocumentRow.revision_of).where(
            DocumentRow.revision_of.is_not(None)
        )
        return {DocumentId(new): DocumentId(old or "") for new, old in session.execute(query)}
