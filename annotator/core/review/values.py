"""Frozen values of the review workflow: decisions, comments, the document review state.

Kept beside ``units`` rather than in ``core.model`` so the review feature stays one package
the GUI and CLI import from one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, NewType, get_args

from annotator.core.model import AnnotationId, DocumentId

ReviewId = NewType("ReviewId", str)
CommentId = NewType("CommentId", str)

Decision = Literal["accept", "edit", "reject"]
DECISIONS: tuple[Decision, ...] = get_args(Decision)

ReviewState = Literal["in review", "reviewed"]
"""A document's review progress; a document never put in review has no state (None)."""
REVIEW_STATES: tuple[ReviewState, ...] = get_args(ReviewState)


@dataclass(frozen=True)
class Review:
    """One reviewer's decision about one annotation (an analyst's version or the gold one)."""

    id: ReviewId
    annotation_id: AnnotationId
    reviewer: str
    decision: Decision
    comment: str = ""
    created: datetime | None = None


@dataclass(frozen=True)
class Comment:
    """One message of the thread on an annotation; ``reply_to`` names the message answered."""

    id: CommentId
    annotation_id: AnnotationId
    author: str
    text: str
    created: datetime | None = None
    reply_to: CommentId | None = None


@dataclass(frozen=True)
class DocumentReview:
    """Where one document stands in review, and who moved it there last."""

    document_id: DocumentId
    state: ReviewState
    reviewer: str
    updated: datetime | None = None
