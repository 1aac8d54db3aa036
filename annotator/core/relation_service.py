"""The relations part of the ``Project`` facade (a mixin, like ``tag_service``)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from annotator.core.errors import AnnotatorError
from annotator.core.model import Annotation, Relation, RelationId
from annotator.core.relation_edits import AddRelation, DeleteRelation
from annotator.core.storage import relations
from annotator.core.storage.store import Store

RELATION_TYPES = ("attributed_to", "about")
"""The types the GUI offers first; any other non-empty name is allowed."""


class RelationService:
    store: Store
    analyst: str

    if TYPE_CHECKING:  # provided by Project

        def annotation(self, annotation_id: str) -> Annotation: ...

    def relations(self, document_id: str) -> list[Relation]:
        """Live relations of a document whose two annotations are live too."""
        return relations.for_document(self.store, document_id)

    def relation(self, relation_id: str) -> Relation:
        return relations.one(self.store, relation_id)

    def new_relation(self, from_annotation: str, to_annotation: str, type: str) -> AddRelation:
        """An edit linking two annotations of one document, e.g. a quote ``attributed_to``
        the span naming its speaker."""
        kind = type.strip()
        if not kind:
            raise AnnotatorError("A relation needs a type, e.g. attributed_to or about.")
        source = self.annotation(from_annotation)
        target = self.annotation(to_annotation)
        if source.id == target.id:
            raise AnnotatorError("A relation links two different annotations.")
        if source.document_id != target.document_id:
            raise AnnotatorError("A relation links two annotations of the same document.")
        return AddRelation(
            Relation(
                id=RelationId(str(uuid.uuid4())),
                document_id=source.document_id,
                from_annotation=source.id,
                to_annotation=target.id,
                type=kind,
                annotator=self.analyst,
            )
        )

    def delete_relation(self, relation_id: str) -> DeleteRelation:
        return DeleteRelation(self.relation(relation_id))
