"""Storing review decisions, gold lineage, comment threads and document review states.

A decision (accept, edit, reject) writes the gold annotation, its sources and the review
rows in one transaction (``write_decision``), and its undo writes the state captured before
in one transaction too, so a crash can never leave gold without the decision behind it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from annotator.core.errors import NotFoundError
from annotator.core.model import Annotation, AnnotationId, DocumentId
from annotator.core.review.units import GOLD
from annotator.core.review.values import (
    Comment,
    CommentId,
    Decision,
    DocumentReview,
    Review,
    ReviewId,
    ReviewState,
)
from annotator.core.storage.orm import (
    AnnotationRow,
    AnnotatorRow,
    CommentRow,
    DocumentReviewRow,
    GoldSourceRow,
    ReviewRow,
    utcnow,
)
from annotator.core.storage.store import Store


@dataclass(frozen=True)
class GoldState:
    """A gold annotation as a decision leaves it (or as it was, for undo): its span, tag,
    note and attributes (``annotation``; the quote is re-read from the text) and sources."""

    annotation: Annotation
    sources: tuple[AnnotationId, ...]


# --- gold and decisions --------------------------------------------------------------


def write_decision(
    store: Store,
    gold_id: AnnotationId,
    gold: GoldState | None,
    *,
    add_reviews: Sequence[Review] = (),
    remove_reviews: Sequence[ReviewId] = (),
) -> Annotation | None:
    """Make gold ``gold_id`` look like ``gold`` (None: not live, a soft delete), add and
    remove review rows; one transaction. Returns the gold annotation as it now shows."""
    with store._writing() as session:
        row = session.get(AnnotationRow, gold_id) if gold_id else None
        if gold is None:
            if row is not None and not row.deleted:
                row.deleted = True
                _touch(row)
        else:
            row = _upsert_gold(store, session, row, gold)
            session.execute(delete(GoldSourceRow).where(GoldSourceRow.gold_id == row.id))
            session.flush()
            for source in dict.fromkeys(gold.sources):
                session.add(GoldSourceRow(gold_id=row.id, source_id=source))
        if remove_reviews:
            session.execute(delete(ReviewRow).where(ReviewRow.id.in_(list(remove_reviews))))
        for review in add_reviews:
            if session.get(ReviewRow, review.id) is None:
                session.add(
                    ReviewRow(
                        id=review.id,
                        annotation_id=review.annotation_id,
                        reviewer_id=store._annotator_id(session, review.reviewer),
                        decision=review.decision,
                        comment=review.comment,
                        created=review.created or utcnow(),
                    )
                )
        session.flush()
        if gold is None or row is None:
            return None
        return store._value(session, row)


def _upsert_gold(
    store: Store, session: Session, row: AnnotationRow | None, gold: GoldState
) -> AnnotationRow:
    wanted = gold.annotation
    quote = store._quote(session, wanted.document_id, wanted.start, wanted.end)
    tag_id = store._tag_id(session, wanted.tag)  # these may flush: before the new row
    gold_analyst = store._annotator_id(session, GOLD)
    if row is None:
        row = AnnotationRow(
            id=wanted.id,
            document_id=wanted.document_id,
            annotator_id=gold_analyst,
            revision=1,
            created=utcnow(),
            updated=utcnow(),
        )
        session.add(row)
    else:
        _touch(row)
    row.deleted = False
    row.tag_id = tag_id
    row.start, row.end, row.quote = wanted.start, wanted.end, quote
    row.note = wanted.note
    row.attributes = dict(wanted.attributes)
    return row


def _touch(row: AnnotationRow) -> None:
    row.revision += 1
    row.updated = utcnow()


def gold_of(store: Store, annotation_ids: Sequence[str]) -> GoldState | None:
    """The live gold annotation curated from any of these annotations (a unit's), with
    all its sources; the most recently updated one if a unit has several."""
    if not annotation_ids:
        return None
    with store._reading() as session:
        found = session.execute(
            select(AnnotationRow.id)
            .join(GoldSourceRow, GoldSourceRow.gold_id == AnnotationRow.id)
            .where(GoldSourceRow.source_id.in_(list(annotation_ids)))
            .where(AnnotationRow.deleted.is_(False))
            .order_by(AnnotationRow.updated.desc(), AnnotationRow.id)
            .limit(1)
        ).scalar()
        if found is None:
            return None
        gold = store._value(session, store._existing_live_row(session, found))
        return GoldState(gold, _sources(session, found))


def gold_sources(store: Store, gold_id: str) -> tuple[AnnotationId, ...]:
    with store._reading() as session:
        return _sources(session, gold_id)


def _sources(session: Session, gold_id: str) -> tuple[AnnotationId, ...]:
    query = select(GoldSourceRow.source_id).where(GoldSourceRow.gold_id == gold_id)
    return tuple(AnnotationId(value) for value in sorted(session.scalars(query)))


def reviews(store: Store, annotation_id: str) -> list[Review]:
    """Decisions about one annotation, oldest first."""
    with store._reading() as session:
        query = (
            select(ReviewRow, AnnotatorRow.name)
            .join(AnnotatorRow, AnnotatorRow.id == ReviewRow.reviewer_id)
            .where(ReviewRow.annotation_id == annotation_id)
            .order_by(ReviewRow.created, ReviewRow.id)
        )
        return [
            Review(
                id=ReviewId(row.id),
                annotation_id=AnnotationId(row.annotation_id),
                reviewer=name,
                decision=cast(Decision, row.decision),
                comment=row.comment,
                created=row.created,
            )
            for row, name in session.execute(query)
        ]


# --- comments ------------------------------------------------------------------------


def insert_comment(store: Store, comment: Comment) -> Comment:
    """Add a comment, or bring back a soft-deleted one with the same id (redo)."""
    with store._writing() as session:
        row = session.get(CommentRow, comment.id)
        if row is None:
            store._existing_live_row(session, comment.annotation_id)
            session.add(
                CommentRow(
                    id=comment.id,
                    annotation_id=comment.annotation_id,
                    author_id=store._annotator_id(session, comment.author),
                    text=comment.text,
                    created=comment.created or utcnow(),
                    reply_to=comment.reply_to,
                    deleted=False,
                )
            )
        else:
            row.deleted = False
    return one_comment(store, comment.id)


def set_comment_deleted(store: Store, comment_id: str, deleted: bool) -> None:
    with store._writing() as session:
        row = session.get(CommentRow, comment_id)
        if row is None:
            raise NotFoundError(f"There is no comment with id {comment_id}.")
        row.deleted = deleted


def one_comment(store: Store, comment_id: str) -> Comment:
    found = _comments(store, CommentRow.id == comment_id)
    if not found:
        raise NotFoundError(f"There is no comment with id {comment_id}.")
    return found[0]


def comments(store: Store, annotation_id: str) -> list[Comment]:
    """The live thread on an annotation, oldest first (replies name their parent)."""
    return _comments(store, CommentRow.annotation_id == annotation_id)


def _comments(store: Store, condition: Any) -> list[Comment]:
    with store._reading() as session:
        query = (
            select(CommentRow, AnnotatorRow.name)
            .join(AnnotatorRow, AnnotatorRow.id == CommentRow.author_id)
            .where(condition, CommentRow.deleted.is_(False))
            .order_by(CommentRow.created, CommentRow.id)
        )
        return [
            Comment(
                id=CommentId(row.id),
                annotation_id=AnnotationId(row.annotation_id),
                author=name,
                text=row.text,
                created=row.created,
                reply_to=CommentId(row.reply_to) if row.reply_to else None,
            )
            for row, name in session.execute(query)
        ]


# --- document review state -----------------------------------------------------------


def set_review_state(
    store: Store, document_id: str, state: ReviewState | None, reviewer: str
) -> DocumentReview | None:
    """Set (or with None clear) a document's review state; returns the state now held."""
    with store._writing() as session:
        row = session.get(DocumentReviewRow, document_id)
        if state is None:
            if row is not None:
                session.delete(row)
            return None
        reviewer_id = store._annotator_id(session, reviewer)  # may flush: before the row
        if row is None:
            row = DocumentReviewRow(document_id=document_id)
            session.add(row)
        row.state = state
        row.reviewer_id = reviewer_id
        row.updated = utcnow()
        session.flush()
        return DocumentReview(DocumentId(document_id), state, reviewer, row.updated)


def review_states(store: Store, document_id: str | None = None) -> dict[DocumentId, DocumentReview]:
    """Review states of all documents (or one) that were ever put in review."""
    with store._reading() as session:
        query = select(DocumentReviewRow, AnnotatorRow.name).join(
            AnnotatorRow, AnnotatorRow.id == DocumentReviewRow.reviewer_id
        )
        if document_id is not None:
            query = query.where(DocumentReviewRow.document_id == document_id)
        return {
            DocumentId(row.document_id): DocumentReview(
                DocumentId(row.document_id), cast(ReviewState, row.state), name, row.updated
            )
            for row, name in session.execute(query)
        }
