"""The review layer as plain JSON-able states for bundles, and writing merged states back.

Beside ``exchange`` (annotations, documents, tags) and on the same ``Exchange``, so the
review layer reads and writes inside the bundle's one transaction. As there, documents are
named by ``sha256`` and analysts by name, because ids of documents and analysts differ
between projects; reviews, comments and annotations keep their UUIDs.
"""

from __future__ import annotations

from sqlalchemy import delete, select

from annotator.core.storage.exchange import Exchange, State, iso
from annotator.core.storage.orm import (
    CommentRow,
    DocumentReviewRow,
    DocumentStatusRow,
    GoldSourceRow,
    ReviewRow,
)

# --- reading -------------------------------------------------------------------------


def reviews(ex: Exchange) -> list[State]:
    """Every decision that stands (undone ones have no row)."""
    rows = ex.session.scalars(select(ReviewRow).order_by(ReviewRow.created, ReviewRow.id))
    return [
        {
            "id": row.id,
            "annotation": row.annotation_id,
            "reviewer": ex.annotator_names[row.reviewer_id],
            "decision": row.decision,
            "comment": row.comment,
            "created": iso(row.created),
        }
        for row in rows
    ]


def gold_sources(ex: Exchange) -> dict[str, list[str]]:
    """Gold annotation id -> the ids of the annotations it was curated from."""
    found: dict[str, list[str]] = {}
    query = select(GoldSourceRow.gold_id, GoldSourceRow.source_id).order_by(
        GoldSourceRow.gold_id, GoldSourceRow.source_id
    )
    for gold_id, source_id in ex.session.execute(query):
        found.setdefault(gold_id, []).append(source_id)
    return found


def comments(ex: Exchange) -> list[State]:
    """Every comment, soft-deleted ones too: a deletion travels like a relation's."""
    rows = ex.session.scalars(select(CommentRow).order_by(CommentRow.created, CommentRow.id))
    return [
        {
            "id": row.id,
            "annotation": row.annotation_id,
            "author": ex.annotator_names[row.author_id],
            "text": row.text,
            "created": iso(row.created),
            "reply_to": row.reply_to,
            "deleted": bool(row.deleted),
        }
        for row in rows
    ]


def document_reviews(ex: Exchange) -> dict[str, State]:
    """Document sha256 -> its review state."""
    rows = ex.session.scalars(select(DocumentReviewRow))
    return {
        ex.sha_of[row.document_id]: {
            "document": ex.sha_of[row.document_id],
            "state": row.state,
            "reviewer": ex.annotator_names[row.reviewer_id],
            "updated": iso(row.updated),
        }
        for row in rows
    }


def document_statuses(ex: Exchange) -> dict[tuple[str, str], State]:
    """(document sha256, analyst) -> that analyst's status of the document."""
    rows = ex.session.scalars(select(DocumentStatusRow))
    found: dict[tuple[str, str], State] = {}
    for row in rows:
        state: State = {
            "document": ex.sha_of[row.document_id],
            "annotator": ex.annotator_names[row.annotator_id],
            "status": row.status,
            "updated": iso(row.updated),
        }
        found[(state["document"], state["annotator"])] = state
    return found


# --- writing -------------------------------------------------------------------------


def add_review(ex: Exchange, state: State) -> None:
    from annotator.core.bundle.states import parse_time

    reviewer_id = ex.store._annotator_id(ex.session, state["reviewer"])  # may flush: first
    ex.session.add(
        ReviewRow(
            id=state["id"],
            annotation_id=state["annotation"],
            reviewer_id=reviewer_id,
            decision=state["decision"],
            comment=state["comment"],
            created=parse_time(state["created"]),
        )
    )
    ex.session.flush()


def set_gold_sources(ex: Exchange, gold_id: str, sources: list[str]) -> None:
    """Make exactly ``sources`` the gold annotation's sources."""
    ex.session.execute(delete(GoldSourceRow).where(GoldSourceRow.gold_id == gold_id))
    ex.session.add_all(GoldSourceRow(gold_id=gold_id, source_id=s) for s in sorted(set(sources)))
    ex.session.flush()


def add_comment(ex: Exchange, state: State) -> None:
    from annotator.core.bundle.states import parse_time

    author_id = ex.store._annotator_id(ex.session, state["author"])
    ex.session.add(
        CommentRow(
            id=state["id"],
            annotation_id=state["annotation"],
            author_id=author_id,
            text=state["text"],
            created=parse_time(state["created"]),
            reply_to=state["reply_to"],
            deleted=state["deleted"],
        )
    )
    ex.session.flush()


def set_comment_deleted(ex: Exchange, comment_id: str) -> None:
    row = ex.session.get(CommentRow, comment_id)
    if row is not None:
        row.deleted = True
        ex.session.flush()


def put_document_review(ex: Exchange, state: State) -> None:
    """Give a document exactly this review state (time and reviewer included)."""
    from annotator.core.bundle.states import parse_time

    document_id = ex.id_of_sha[state["document"]]
    reviewer_id = ex.store._annotator_id(ex.session, state["reviewer"])
    row = ex.session.get(DocumentReviewRow, document_id)
    if row is None:
        row = DocumentReviewRow(document_id=document_id)
        ex.session.add(row)
    row.state = state["state"]
    row.reviewer_id = reviewer_id
    row.updated = parse_time(state["updated"]) or row.updated
    ex.session.flush()


def put_document_status(ex: Exchange, state: State) -> None:
    """Give an analyst's status of a document exactly this value and time ("new" removes
    the row, as ``document_status.put`` does)."""
    from annotator.core.bundle.states import parse_time

    document_id = ex.id_of_sha[state["document"]]
    annotator_id = ex.store._annotator_id(ex.session, state["annotator"])
    mine = (DocumentStatusRow.document_id == document_id) & (
        DocumentStatusRow.annotator_id == annotator_id
    )
    if state["status"] == "new":
        ex.session.execute(delete(DocumentStatusRow).where(mine))
        return
    row = ex.session.scalar(select(DocumentStatusRow).where(mine))
    if row is None:
        row = DocumentStatusRow(document_id=document_id, annotator_id=annotator_id)
        ex.session.add(row)
    row.status = state["status"]
    row.updated = parse_time(state["updated"]) or row.updated
    ex.session.flush()
