"""Keeps the open document's relations and shows them: arcs in the view, rows in the panel."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from annotator.core.model import Relation
from annotator.gui.annotation_panel import flat
from annotator.gui.article_view import ArticleView
from annotator.gui.relation_arcs import ViewRelation
from annotator.gui.relation_list import RelationRow

if TYPE_CHECKING:
    from annotator.core.project import Project


class RelationsPresenter:
    def __init__(self, view: ArticleView, quote: Callable[[str], str | None]) -> None:
        """``quote(annotation_id)``: the text an annotation of the open document covers."""
        self._view = view
        self._quote = quote
        self.relations: list[Relation] = []

    def load(self, project: Project, document_id: str | None) -> None:
        self.relations = project.relations(document_id) if document_id else []
        self._view.set_relations(
            [ViewRelation(r.id, r.from_annotation, r.to_annotation, r.type) for r in self.relations]
        )

    def touches(self, annotation_id: str) -> bool:
        return any(annotation_id in (r.from_annotation, r.to_annotation) for r in self.relations)

    def rows(self, annotation_id: str) -> list[RelationRow]:
        """The panel's lines for one annotation: ``→ type “other”`` or ``← type “other”``."""
        rows = []
        for relation in self.relations:
            if annotation_id not in (relation.from_annotation, relation.to_annotation):
                continue
            outgoing = relation.from_annotation == annotation_id
            other_id = relation.to_annotation if outgoing else relation.from_annotation
            other = self._quote(other_id)
            quote = flat(other, 40) if other is not None else "?"
            arrow = "→" if outgoing else "←"
            kind = relation.type.replace("_", " ")
            rows.append(RelationRow(relation.id, other_id, f"{arrow} {kind} “{quote}”"))
        return rows
