"""A revised text of an article already in the project, with the analysts' work carried.

Analysts receive corrected articles (a typo fixed, a paragraph added). Re-tagging them by
hand wastes their work; guessing wrongly corrupts it. ``import_revision`` stores the new
text as a new document linked to the old one (``revision_of``), places every live
annotation on it with ``core.anchoring`` (exact, moved, fuzzy), and lists the ones that
could not be placed, for the analyst to place by hand. Nothing of the old revision changes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from annotator.core.anchoring import THRESHOLD, place_all
from annotator.core.errors import AnnotatorError
from annotator.core.model import AnnotationId, ArticleDraft, DocumentId, ReadFailure
from annotator.core.sources import iter_drafts
from annotator.core.storage.revision_store import Carried, store_revision
from annotator.core.storage.store import Store


@dataclass(frozen=True)
class CarriedAnnotation:
    """One old annotation as it landed on the new revision."""

    old_id: AnnotationId
    new_id: AnnotationId
    kind: str
    """exact, moved or fuzzy (see ``core.anchoring``)."""
    score: float


@dataclass(frozen=True)
class UnplacedAnnotation:
    """An annotation the new text no longer supports; the analyst places it by hand."""

    id: AnnotationId
    quote: str
    tag: str
    start: int
    end: int
    """Its offsets in the old revision, to show it there."""


@dataclass(frozen=True)
class RevisionReport:
    old_document_id: DocumentId
    document_id: DocumentId
    carried: tuple[CarriedAnnotation, ...]
    unplaced: tuple[UnplacedAnnotation, ...]

    def count(self, kind: str) -> int:
        return sum(1 for item in self.carried if item.kind == kind)

    def summary(self) -> str:
        return (
            f"new revision {self.document_id} of {self.old_document_id}: "
            f"{self.count('exact')} exact, {self.count('moved')} moved, "
            f"{self.count('fuzzy')} re-anchored by similarity, {len(self.unplaced)} unplaced"
        )


def read_single_article(path: Path) -> ArticleDraft:
    """The one article in ``path``; a revision is one text, not a folder or a corpus."""
    results = list(iter_drafts([path]))
    failures = [r for r in results if isinstance(r, ReadFailure)]
    if failures:
        raise AnnotatorError(failures[0].message)
    if len(results) != 1:
        raise AnnotatorError(
            f"{path}: a revision must be one article, but it holds {len(results)}."
        )
    draft = results[0]
    assert isinstance(draft, ArticleDraft)
    return draft


def import_revision(
    store: Store, old_document_id: str, path: Path, *, threshold: float = THRESHOLD
) -> RevisionReport:
    old = store.document(old_document_id)
    draft = read_single_article(Path(path))
    annotations = store.annotations(old.id)
    placements = place_all(old.text, draft.text, annotations, threshold=threshold)
    carried: list[Carried] = []
    report_carried: list[CarriedAnnotation] = []
    unplaced: list[UnplacedAnnotation] = []
    for annotation, placement in zip(annotations, placements, strict=True):
        if placement.start is None or placement.end is None:
            unplaced.append(
                UnplacedAnnotation(
                    annotation.id,
                    annotation.quote,
                    annotation.tag,
                    annotation.start,
                    annotation.end,
                )
            )
            continue
        new_id = str(uuid.uuid4())
        carried.append(Carried(annotation, placement.start, placement.end, new_id))
        report_carried.append(
            CarriedAnnotation(annotation.id, AnnotationId(new_id), placement.kind, placement.score)
        )
    document_id = store_revision(store, old.id, draft, carried)
    return RevisionReport(old.id, document_id, tuple(report_carried), tuple(unplaced))


class RevisionService:
    """The revisions part of the ``Project`` facade (a mixin)."""

    store: Store

    def import_revision(self, old_document_id: str, path: Path) -> RevisionReport:
        """Store ``path`` as a new revision of a document, carrying its annotations."""
        return import_revision(self.store, old_document_id, path)

    def revision_of(self, document_id: str) -> DocumentId | None:
        """The document ``document_id`` is a revision of, if any."""
        from annotator.core.storage.revision_store import revision_links

        return revision_links(self.store).get(DocumentId(document_id))
