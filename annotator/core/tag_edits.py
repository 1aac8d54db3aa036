"""Reversible edits of the tag schema (the schema editor's undo steps).

Every edit that changes an existing tag holds the tag before and after, so apply writes
``after`` over the row now named ``before.name`` and revert does the opposite; a rename
is just such an edit whose names differ, and annotations follow because they reference
the tag's id, not its name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.core.edits import NO_ANNOTATION, NO_DOCUMENT, Change, Scope
from annotator.core.model import Tag
from annotator.core.storage import tag_schema

if TYPE_CHECKING:
    from annotator.core.project import Project


def _tags_changed(tag: Tag | None) -> Change:
    return Change(NO_DOCUMENT, NO_ANNOTATION, None, Scope.TAGS, tag=tag)


@dataclass(frozen=True)
class AddTag:
    """Revert deletes the row, or retires it when an annotation (even an undone one) uses
    it, so a redo of that annotation still finds its tag."""

    tag: Tag

    @property
    def label(self) -> str:
        return f"Add tag {self.tag.name}"

    def apply(self, project: Project) -> Change:
        return _tags_changed(tag_schema.put(project.store, self.tag))

    def revert(self, project: Project) -> Change:
        tag_schema.remove(project.store, self.tag.name)
        return _tags_changed(None)


@dataclass(frozen=True)
class UpdateTag:
    """The shared shape: ``before`` as it was, ``after`` as the edit leaves it."""

    before: Tag
    after: Tag

    @property
    def label(self) -> str:
        return f"Change tag {self.before.name}"

    def apply(self, project: Project) -> Change:
        return _tags_changed(tag_schema.replace(project.store, self.before.name, self.after))

    def revert(self, project: Project) -> Change:
        return _tags_changed(tag_schema.replace(project.store, self.after.name, self.before))


@dataclass(frozen=True)
class RenameTag(UpdateTag):
    @property
    def label(self) -> str:
        return f"Rename tag {self.before.name} to {self.after.name}"


@dataclass(frozen=True)
class RecolorTag(UpdateTag):
    @property
    def label(self) -> str:
        return f"Recolour tag {self.before.name}"


@dataclass(frozen=True)
class SetTagStyle(UpdateTag):
    """Colour, underline, hotkey and description together (the schema editor's form)."""

    @property
    def label(self) -> str:
        return f"Edit tag {self.before.name}"


@dataclass(frozen=True)
class RetireTag(UpdateTag):
    """Hides the tag from the tag bar; its ``in_use`` annotations stay and still export."""

    in_use: int = 0

    @property
    def label(self) -> str:
        verb = "Retire" if self.after.retired else "Restore"
        return f"{verb} tag {self.before.name}"


@dataclass(frozen=True)
class SetAttributeDefinitions(UpdateTag):
    """Existing values that no longer fit stay stored; only new edits are checked."""

    @property
    def label(self) -> str:
        return f"Edit attributes of tag {self.before.name}"
