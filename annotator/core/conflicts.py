"""What an analyst can do when an edit meets a colleague's newer change (issue #8).

The store refuses a stale edit with ``StaleEditError`` (optimistic concurrency on the
``revision`` column); nothing is overwritten silently. The three ways out:

- **keep mine**: the same edit, rebased on their version, so my change wins and undo
  goes back to theirs, not to what I had before;
- **take theirs**: my edit is dropped; the view shows their version;
- **keep both**: their annotation stays, and my change is made to a copy of it, a new
  annotation of mine beside theirs (not offered for a deletion: nothing of mine to keep).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from enum import Enum
from typing import TYPE_CHECKING

from annotator.core.edits import (
    AddAnnotation,
    DeleteAnnotation,
    Edit,
    Relabel,
    Resize,
    SetAttributes,
    SetNote,
)
from annotator.core.errors import StaleEditError
from annotator.core.model import Annotation, AnnotationId

if TYPE_CHECKING:
    from annotator.core.project import Project

KEEPABLE = (Relabel, Resize, SetNote, SetAttributes)
REBASABLE = (*KEEPABLE, DeleteAnnotation)


class Resolution(Enum):
    KEEP_MINE = "keep mine"
    TAKE_THEIRS = "take theirs"
    KEEP_BOTH = "keep both"


@dataclass(frozen=True)
class Conflict:
    """A refused edit and the annotation as the colleague left it (None: deleted)."""

    edit: Edit
    theirs: Annotation | None

    @classmethod
    def of(cls, edit: Edit, error: StaleEditError) -> Conflict:
        return cls(edit, error.theirs)

    @property
    def choices(self) -> tuple[Resolution, ...]:
        """The resolutions that make sense for this edit."""
        choices = [Resolution.TAKE_THEIRS]
        if self.theirs is not None and isinstance(self.edit, REBASABLE):
            choices.insert(0, Resolution.KEEP_MINE)
        if self.theirs is not None and isinstance(self.edit, KEEPABLE):
            choices.append(Resolution.KEEP_BOTH)
        return tuple(choices)


def resolved_edit(project: Project, conflict: Conflict, choice: Resolution) -> Edit | None:
    """The edit to apply for ``choice`` (None for "take theirs"). Marks their version as
    seen, so the edit applies instead of meeting the same conflict again."""
    if conflict.theirs is not None:
        project.store.acknowledge(conflict.theirs)
    if choice is Resolution.TAKE_THEIRS or conflict.theirs is None:
        return None
    if choice is Resolution.KEEP_MINE:
        if not isinstance(conflict.edit, REBASABLE):
            return None
        return replace(conflict.edit, annotation=conflict.theirs)
    return mine_as_new(project, conflict.edit)


def mine_as_new(project: Project, edit: Edit) -> AddAnnotation | None:
    """My change made to a copy of the annotation, as a new annotation of mine, or None
    where my edit leaves nothing to keep (a deletion, or an edit of another kind)."""
    if not isinstance(edit, KEEPABLE):
        return None
    base = edit.annotation
    if isinstance(edit, Relabel):
        mine = replace(base, tag=edit.new_tag)
    elif isinstance(edit, Resize):
        text = project.document(base.document_id).text
        mine = replace(base, start=edit.start, end=edit.end, quote=text[edit.start : edit.end])
    elif isinstance(edit, SetNote):
        mine = replace(base, note=edit.note)
    else:
        mine = replace(base, attributes=dict(edit.attributes))
    fresh = replace(
        mine,
        id=AnnotationId(str(uuid.uuid4())),
        annotator=project.analyst,
        created=None,
        updated=None,
        revision=1,
    )
    return AddAnnotation(fresh)
