"""Reversible edits. The GUI wraps any of them in one generic undo command.

Each edit captures what it needs to undo itself when it is made, so ``apply`` and ``revert``
can run any number of times in alternation. Each call is one committed transaction and
returns the annotation as it now is (``None`` when it no longer shows).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from annotator.core.model import Annotation, AnnotationId, DocumentId

if TYPE_CHECKING:
    from annotator.core.project import Project


@dataclass(frozen=True)
class Change:
    """What an edit changed, so views refresh only that."""

    document_id: DocumentId
    annotation_id: AnnotationId
    annotation: Annotation | None


class Edit(Protocol):
    @property
    def label(self) -> str: ...

    def apply(self, project: Project) -> Change: ...

    def revert(self, project: Project) -> Change: ...


def _shown(annotation: Annotation) -> Change:
    return Change(annotation.document_id, annotation.id, annotation)


def _hidden(annotation: Annotation) -> Change:
    return Change(annotation.document_id, annotation.id, None)


@dataclass(frozen=True)
class AddAnnotation:
    annotation: Annotation

    @property
    def label(self) -> str:
        return f"Tag “{_short(self.annotation.quote)}” as {self.annotation.tag}"

    def apply(self, project: Project) -> Change:
        return _shown(project.store.insert_annotation(self.annotation))

    def revert(self, project: Project) -> Change:
        return _hidden(project.store.set_deleted(self.annotation.id, True))


@dataclass(frozen=True)
class DeleteAnnotation:
    annotation: Annotation

    @property
    def label(self) -> str:
        return f"Delete {self.annotation.tag} “{_short(self.annotation.quote)}”"

    def apply(self, project: Project) -> Change:
        return _hidden(project.store.set_deleted(self.annotation.id, True))

    def revert(self, project: Project) -> Change:
        return _shown(project.store.set_deleted(self.annotation.id, False))


@dataclass(frozen=True)
class Relabel:
    annotation: Annotation
    new_tag: str

    @property
    def label(self) -> str:
        return f"Relabel {self.annotation.tag} as {self.new_tag}"

    def apply(self, project: Project) -> Change:
        return _shown(project.store.update_annotation(self.annotation.id, tag=self.new_tag))

    def revert(self, project: Project) -> Change:
        return _shown(project.store.update_annotation(self.annotation.id, tag=self.annotation.tag))


@dataclass(frozen=True)
class Resize:
    annotation: Annotation
    start: int
    end: int

    @property
    def label(self) -> str:
        return f"Resize {self.annotation.tag}"

    def apply(self, project: Project) -> Change:
        updated = project.store.update_annotation(self.annotation.id, span=(self.start, self.end))
        return _shown(updated)

    def revert(self, project: Project) -> Change:
        old = (self.annotation.start, self.annotation.end)
        return _shown(project.store.update_annotation(self.annotation.id, span=old))


@dataclass(frozen=True)
class SetNote:
    annotation: Annotation
    note: str

    @property
    def label(self) -> str:
        return "Edit note"

    def apply(self, project: Project) -> Change:
        return _shown(project.store.update_annotation(self.annotation.id, note=self.note))

    def revert(self, project: Project) -> Change:
        return _shown(
            project.store.update_annotation(self.annotation.id, note=self.annotation.note)
        )


def _short(text: str, limit: int = 30) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
