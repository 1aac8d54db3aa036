"""The review part of the ``Project`` facade (a mixin, like ``tag_service``): review units,
decisions into a gold set, comment threads and the per-document review state.

Gold annotations are ordinary annotations made by the reserved analyst ``"gold"``, so every
export, filter and view handles them already (``annotators=("gold",)`` exports gold only).
Methods that change something return an edit (nothing is written until ``Project.apply``),
after checking it, so an error reaches the reviewer before anything lands on the undo stack.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from annotator.core.bulk import gc_paused
from annotator.core.errors import AnnotatorError
from annotator.core.model import (
    Annotation,
    AnnotationId,
    AnnotationRef,
    Document,
    DocumentId,
    Tag,
)
from annotator.core.review.edits import (
    AcceptVersion,
    AddComment,
    DecisionPlan,
    EditGold,
    RejectUnit,
    SetReviewState,
)
from annotator.core.review.units import GOLD, ReviewUnit, Version, units_of
from annotator.core.review.values import (
    REVIEW_STATES,
    Comment,
    CommentId,
    Decision,
    DocumentReview,
    Review,
    ReviewId,
    ReviewState,
)
from annotator.core.storage import review_store
from annotator.core.storage.orm import utcnow
from annotator.core.storage.review_store import GoldState
from annotator.core.storage.store import Store


class ReviewService:
    store: Store
    analyst: str

    if TYPE_CHECKING:  # provided by Project

        def annotation(self, annotation_id: str) -> Annotation: ...

        def annotations(self, document_id: str) -> list[Annotation]: ...

        def annotation_refs(self, document_id: str) -> list[AnnotationRef]: ...

        def document(self, document_id: str) -> Document: ...

        def _usable_tag(self, name: str) -> Tag: ...

    # --- units and gold ----------------------------------------------------------

    def review_units(
        self,
        document_id: str,
        analysts: Sequence[str] | None = None,
        *,
        refs: Sequence[AnnotationRef] | None = None,
    ) -> list[ReviewUnit]:
        """The units of a document, disagreements first. ``analysts`` None compares every
        analyst with an annotation here except "gold"; naming "gold" compares it too.
        ``refs``: the document's rows as the caller has just read them (``annotation_refs``),
        so a view that also shows them reads them once; None reads them here.

        Built from the lean rows, each quote cut from the text (stored quotes always match
        it), with the collector paused: a long report's 18,000 annotations took 0.36 s to
        read in full and group, half of it collections of the new objects."""
        with gc_paused():
            if refs is None:
                refs = self.annotation_refs(document_id)
            text = self.document(document_id).text
            if analysts is None:
                analysts = sorted({ref.annotator for ref in refs if ref.annotator != GOLD})
            by_analyst: dict[str, list[Version]] = {name: [] for name in analysts}
            for ref in refs:
                versions = by_analyst.get(ref.annotator)
                if versions is not None:
                    versions.append(
                        Version(
                            ref.id,
                            ref.annotator,
                            ref.start,
                            ref.end,
                            ref.tag,
                            text[ref.start : ref.end],
                        )
                    )
            return units_of(DocumentId(document_id), by_analyst)

    def gold_annotations(self, document_id: str) -> list[Annotation]:
        """The live gold set of a document, in span order."""
        return [a for a in self.annotations(document_id) if a.annotator == GOLD]

    def gold_for(self, unit: ReviewUnit) -> Annotation | None:
        """The gold annotation curated from this unit's annotations, if there is one (the
        review panel shows it beside the versions)."""
        found = review_store.gold_of(self.store, unit.annotation_ids)
        return None if found is None else found.annotation

    def gold_sources(self, gold_id: str) -> tuple[AnnotationId, ...]:
        """The annotations a gold annotation was curated from."""
        return review_store.gold_sources(self.store, gold_id)

    def reviews(self, annotation_id: str) -> list[Review]:
        """Decisions about an annotation (an analyst's version or a gold one), oldest first."""
        return review_store.reviews(self.store, annotation_id)

    # --- decisions (edits) -------------------------------------------------------

    def accept(self, unit: ReviewUnit, annotation_id: str, comment: str = "") -> AcceptVersion:
        """Make one version the unit's gold (span, tag, attributes and note copied)."""
        try:
            unit.version(annotation_id)
        except KeyError:
            raise AnnotatorError(
                f"Annotation {annotation_id} is not one of the versions of this unit."
            ) from None
        chosen = self.annotation(annotation_id)
        before = review_store.gold_of(self.store, unit.annotation_ids)
        gold = _gold_value(before, unit, chosen.start, chosen.end, chosen.tag)
        gold = replace(gold, note=chosen.note, attributes=dict(chosen.attributes))
        same = (chosen.start, chosen.end, chosen.tag)
        decisions: list[tuple[str, Decision]] = [
            (v.annotation_id, "accept" if (v.start, v.end, v.tag) == same else "reject")
            for v in unit.versions
        ]
        plan = self._plan(unit, before, gold, decisions, "accept", comment)
        return AcceptVersion(unit, AnnotationId(annotation_id), comment, plan)

    def edit_gold(
        self, unit: ReviewUnit, start: int, end: int, tag: str, comment: str = ""
    ) -> EditGold:
        """Make the unit's gold a span and tag of the reviewer's own; an earlier gold keeps
        its note, and its attributes if the tag stays."""
        text = self.document(unit.document_id).text
        if not 0 <= start < end <= len(text):
            raise AnnotatorError(
                f"Cannot make gold {start}-{end}: the document has {len(text)} characters."
            )
        self._usable_tag(tag)
        before = review_store.gold_of(self.store, unit.annotation_ids)
        gold = _gold_value(before, unit, start, end, tag)
        if before is not None and before.annotation.tag != tag:
            gold = replace(gold, attributes={})
        decisions: list[tuple[str, Decision]] = [(v.annotation_id, "edit") for v in unit.versions]
        plan = self._plan(unit, before, gold, decisions, "edit", comment)
        return EditGold(unit, start, end, tag, comment, plan)

    def reject(self, unit: ReviewUnit, comment: str = "") -> RejectUnit:
        """Reject every version: the unit has no gold (an earlier one is soft-deleted)."""
        before = review_store.gold_of(self.store, unit.annotation_ids)
        decisions: list[tuple[str, Decision]] = [(v.annotation_id, "reject") for v in unit.versions]
        plan = self._plan(unit, before, None, decisions, "reject", comment)
        return RejectUnit(unit, comment, plan)

    def _plan(
        self,
        unit: ReviewUnit,
        before: GoldState | None,
        gold: Annotation | None,
        decisions: list[tuple[str, Decision]],
        gold_decision: Decision,
        comment: str,
    ) -> DecisionPlan:
        """Reviews for every source and one on the gold itself, so ``reviews(gold_id)``
        tells who curated it and how; ids and times fixed now so redo writes the same."""
        gold_id = gold.id if gold else (before.annotation.id if before else AnnotationId(""))
        if gold_id:
            decisions = [*decisions, (gold_id, gold_decision)]
        now = utcnow()
        reviews = tuple(
            Review(
                id=ReviewId(str(uuid.uuid4())),
                annotation_id=AnnotationId(annotation_id),
                reviewer=self.analyst,
                decision=decision,
                comment=comment,
                created=now,
            )
            for annotation_id, decision in decisions
        )
        after = None if gold is None else GoldState(gold, unit.annotation_ids)
        return DecisionPlan(gold_id, before, after, reviews)

    # --- comments ----------------------------------------------------------------

    def comments(self, annotation_id: str) -> list[Comment]:
        """The thread on an annotation, oldest first; visible to everyone in the project."""
        return review_store.comments(self.store, annotation_id)

    def add_comment(self, annotation_id: str, text: str, reply_to: str | None = None) -> AddComment:
        cleaned = text.strip()
        if not cleaned:
            raise AnnotatorError("A comment cannot be empty.")
        annotation = self.annotation(annotation_id)
        if reply_to is not None:
            parent = review_store.one_comment(self.store, reply_to)
            if parent.annotation_id != annotation.id:
                raise AnnotatorError("A reply must be on the same annotation as its comment.")
        comment = Comment(
            id=CommentId(str(uuid.uuid4())),
            annotation_id=annotation.id,
            author=self.analyst,
            text=cleaned,
            created=utcnow(),
            reply_to=CommentId(reply_to) if reply_to else None,
        )
        return AddComment(comment, annotation.document_id)

    # --- document review state ---------------------------------------------------

    def review_states(self) -> dict[DocumentId, DocumentReview]:
        """Documents ever put in review, with their state (the corpus list filters on it)."""
        return review_store.review_states(self.store)

    def review_state(self, document_id: str) -> ReviewState | None:
        found = review_store.review_states(self.store, document_id)
        return found[DocumentId(document_id)].state if found else None

    def set_review_state(self, document_id: str, state: ReviewState | None) -> SetReviewState:
        """ "in review" -> "reviewed" (None takes it out of review); undoable."""
        if state is not None and state not in REVIEW_STATES:
            raise AnnotatorError(
                f"Unknown review state '{state}'; use one of: {', '.join(REVIEW_STATES)}."
            )
        document = self.document(document_id)
        previous = self.review_state(document_id)
        return SetReviewState(document.id, state, previous, self.analyst)


def _gold_value(
    before: GoldState | None, unit: ReviewUnit, start: int, end: int, tag: str
) -> Annotation:
    """The unit's gold with a new span and tag: the earlier gold updated (same id, so
    lineage and comments stay), or a new one. The quote is re-read when it is stored."""
    if before is not None:
        return replace(before.annotation, start=start, end=end, tag=tag)
    return Annotation(
        id=AnnotationId(str(uuid.uuid4())),
        document_id=unit.document_id,
        tag=tag,
        start=start,
        end=end,
        quote="",
        annotator=GOLD,
    )
