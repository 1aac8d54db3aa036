"""Reversible review edits: accept a version, edit the gold, reject a unit, comment, and
set a document's review state.

Each decision edit carries a ``DecisionPlan`` built by ``core.review_service`` from the
database as it was (the unit's gold before, the gold after, the review rows), so ``apply``
and ``revert`` each write one known state in one transaction and can alternate any number
of times, like every other edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.core.edits import Change, Scope
from annotator.core.model import AnnotationId, DocumentId
from annotator.core.review.units import ReviewUnit
from annotator.core.review.values import Comment, Review, ReviewState
from annotator.core.storage import review_store
from annotator.core.storage.review_store import GoldState

if TYPE_CHECKING:
    from annotator.core.project import Project


@dataclass(frozen=True)
class DecisionPlan:
    """What a decision writes. ``gold_id`` is empty when a rejection finds no gold."""

    gold_id: AnnotationId
    before: GoldState | None
    after: GoldState | None
    reviews: tuple[Review, ...]

    def apply(self, project: Project, document_id: DocumentId) -> Change:
        gold = review_store.write_decision(
            project.store, self.gold_id, self.after, add_reviews=self.reviews
        )
        return Change(document_id, self.gold_id, gold)

    def revert(self, project: Project, document_id: DocumentId) -> Change:
        gold = review_store.write_decision(
            project.store,
            self.gold_id,
            self.before,
            remove_reviews=[review.id for review in self.reviews],
        )
        return Change(document_id, self.gold_id, gold)


@dataclass(frozen=True)
class AcceptVersion:
    """Make the chosen version the unit's gold annotation (span, tag, attributes, note)."""

    unit: ReviewUnit
    chosen_annotation_id: AnnotationId
    comment: str
    plan: DecisionPlan

    @property
    def label(self) -> str:
        version = self.unit.version(self.chosen_annotation_id)
        return f"Accept {version.analyst}'s {version.tag}"

    def apply(self, project: Project) -> Change:
        return self.plan.apply(project, self.unit.document_id)

    def revert(self, project: Project) -> Change:
        return self.plan.revert(project, self.unit.document_id)


@dataclass(frozen=True)
class EditGold:
    """Make the unit's gold a span and tag of the reviewer's own."""

    unit: ReviewUnit
    start: int
    end: int
    tag: str
    comment: str
    plan: DecisionPlan

    @property
    def label(self) -> str:
        return f"Edit gold as {self.tag}"

    def apply(self, project: Project) -> Change:
        return self.plan.apply(project, self.unit.document_id)

    def revert(self, project: Project) -> Change:
        return self.plan.revert(project, self.unit.document_id)


@dataclass(frozen=True)
class RejectUnit:
    """Reject every version: no gold for the unit (an earlier gold is soft-deleted)."""

    unit: ReviewUnit
    comment: str
    plan: DecisionPlan

    @property
    def label(self) -> str:
        return "Reject unit"

    def apply(self, project: Project) -> Change:
        return self.plan.apply(project, self.unit.document_id)

    def revert(self, project: Project) -> Change:
        return self.plan.revert(project, self.unit.document_id)


@dataclass(frozen=True)
class AddComment:
    """Add a message to an annotation's thread; undo hides it (a reply may point at it)."""

    comment: Comment
    document_id: DocumentId

    @property
    def label(self) -> str:
        return "Comment"

    def apply(self, project: Project) -> Change:
        review_store.insert_comment(project.store, self.comment)
        return self._commented(project)

    def revert(self, project: Project) -> Change:
        review_store.set_comment_deleted(project.store, self.comment.id, True)
        return self._commented(project)

    def _commented(self, project: Project) -> Change:
        """The annotation itself is unchanged; its view refreshes (and re-reads the thread)."""
        annotation = project.store.annotation(self.comment.annotation_id, include_deleted=True)
        return Change(self.document_id, annotation.id, annotation)


@dataclass(frozen=True)
class SetReviewState:
    """Move a document to "in review" or "reviewed" (None: out of review)."""

    document_id: DocumentId
    state: ReviewState | None
    previous: ReviewState | None
    reviewer: str

    @property
    def label(self) -> str:
        return f"Mark document {self.state or 'not in review'}"

    def apply(self, project: Project) -> Change:
        return self._set(project, self.state)

    def revert(self, project: Project) -> Change:
        return self._set(project, self.previous)

    def _set(self, project: Project, state: ReviewState | None) -> Change:
        review_store.set_review_state(project.store, self.document_id, state, self.reviewer)
        return Change(self.document_id, AnnotationId(""), None, Scope.STATUS)
