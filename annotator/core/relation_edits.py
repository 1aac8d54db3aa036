"""Reversible edits of relations: adding one, deleting one (a soft delete, so undo and redo
bring back the very same relation)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.core.edits import Change, Scope
from annotator.core.model import Relation
from annotator.core.storage import relations

if TYPE_CHECKING:
    from annotator.core.project import Project


def _change(relation: Relation, shown: bool) -> Change:
    return Change(
        relation.document_id,
        relation.from_annotation,
        None,
        Scope.RELATIONS,
        relation=relation if shown else None,
    )


@dataclass(frozen=True)
class AddRelation:
    relation: Relation

    @property
    def label(self) -> str:
        return f"Add relation {self.relation.type}"

    def apply(self, project: Project) -> Change:
        return _change(relations.insert(project.store, self.relation), True)

    def revert(self, project: Project) -> Change:
        relations.set_deleted(project.store, self.relation.id, True)
        return _change(self.relation, False)


@dataclass(frozen=True)
class DeleteRelation:
    relation: Relation

    @property
    def label(self) -> str:
        return f"Delete relation {self.relation.type}"

    def apply(self, project: Project) -> Change:
        relations.set_deleted(project.store, self.relation.id, True)
        return _change(self.relation, False)

    def revert(self, project: Project) -> Change:
        relations.set_deleted(project.store, self.relation.id, False)
        return _change(relations.one(project.store, self.relation.id), True)
