"""The tag-schema half of the ``Project`` facade: tag edits, attribute values.

A mixin so that ``project.py`` stays the small life-cycle-and-annotations facade; the
methods build edits (nothing is written until ``Project.apply``) after checking them, so
an error reaches the analyst before anything lands on the undo stack.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from string import hexdigits
from typing import TYPE_CHECKING

from annotator.core.attributes import check_attributes, check_definitions
from annotator.core.edits import SetAttributes
from annotator.core.errors import AnnotatorError
from annotator.core.model import (
    UNDERLINES,
    Annotation,
    AttributeDefinition,
    JsonValue,
    Tag,
    Underline,
)
from annotator.core.storage import tag_schema
from annotator.core.storage.store import Store
from annotator.core.tag_edits import (
    AddTag,
    RecolorTag,
    RenameTag,
    RetireTag,
    SetAttributeDefinitions,
    SetTagStyle,
)
from annotator.core.tags import color_for_new_tag


class _Unset:
    """Marks "not given" where None is a meaningful value (a hotkey cleared)."""


UNSET = _Unset()


def _is_color(value: str) -> bool:
    return len(value) == 7 and value[0] == "#" and all(c in hexdigits for c in value[1:])


class TagSchemaService:
    store: Store

    if TYPE_CHECKING:  # provided by Project

        def tags(self) -> list[Tag]: ...

        def tag(self, name: str) -> Tag: ...

        def annotation(self, annotation_id: str) -> Annotation: ...

    def active_tags(self) -> list[Tag]:
        """The tags the tag bar offers: not retired (``tags()`` lists all, for styles)."""
        return [tag for tag in self.tags() if not tag.retired]

    def set_attributes(
        self, annotation_id: str, attributes: Mapping[str, JsonValue]
    ) -> SetAttributes:
        """Replace all attributes; each value is checked against the tag's definitions
        (``None`` unsets one). Raises ``AnnotatorError`` naming the bad value."""
        annotation = self.annotation(annotation_id)
        checked = check_attributes(self.tag(annotation.tag), attributes)
        return SetAttributes(annotation, checked)

    def _usable_tag(self, name: str) -> Tag:
        tag = self.tag(name)
        if tag.retired:
            raise AnnotatorError(
                f"The tag '{name}' is retired; restore it in the tag schema to use it again."
            )
        return tag

    # --- tag schema --------------------------------------------------------------

    def add_tag(
        self,
        name: str,
        *,
        color: str | None = None,
        hotkey: str | None = None,
        description: str = "",
        underline: Underline | None = None,
        attributes: Sequence[AttributeDefinition] = (),
    ) -> AddTag:
        """An edit adding a tag at the end of the tag bar."""
        cleaned = name.strip()
        if not cleaned:
            raise AnnotatorError("A tag needs a name.")
        if any(tag.name == cleaned for tag in self.tags()):
            raise AnnotatorError(f"There is already a tag named '{cleaned}'.")
        position = tag_schema.next_position(self.store)
        tag = Tag(
            name=cleaned,
            color=color or color_for_new_tag(cleaned),
            hotkey=hotkey or None,
            description=description,
            position=position,
            underline=underline or UNDERLINES[(position - 1) % len(UNDERLINES)],
            attributes=tuple(attributes),
        )
        self._check_tag(tag, None)
        return AddTag(tag)

    def rename_tag(self, name: str, new_name: str) -> RenameTag:
        before = self.tag(name)
        cleaned = new_name.strip()
        if not cleaned:
            raise AnnotatorError("A tag needs a name.")
        if cleaned != name and any(tag.name == cleaned for tag in self.tags()):
            raise AnnotatorError(f"There is already a tag named '{cleaned}'.")
        return RenameTag(before, replace(before, name=cleaned))

    def recolor_tag(self, name: str, color: str) -> RecolorTag:
        before = self.tag(name)
        after = replace(before, color=color)
        self._check_tag(after, name)
        return RecolorTag(before, after)

    def set_tag_style(
        self,
        name: str,
        *,
        color: str | None = None,
        underline: Underline | None = None,
        hotkey: str | _Unset | None = UNSET,
        description: str | None = None,
    ) -> SetTagStyle:
        """Change any of colour, underline, hotkey (None clears it) and description."""
        before = self.tag(name)
        after = replace(
            before,
            color=before.color if color is None else color,
            underline=before.underline if underline is None else underline,
            hotkey=before.hotkey if isinstance(hotkey, _Unset) else (hotkey or None),
            description=before.description if description is None else description,
        )
        self._check_tag(after, name)
        return SetTagStyle(before, after)

    def tag_usage(self, name: str) -> int:
        """Live annotations using a tag: what to tell the analyst before retiring it."""
        return tag_schema.usage(self.store, name)

    def retire_tag(self, name: str, *, retired: bool = True) -> RetireTag:
        """Retire (or, with ``retired=False``, restore) a tag. Never deletes annotations:
        ``RetireTag.in_use`` says how many keep showing with it."""
        before = self.tag(name)
        after = replace(before, retired=retired)
        if not retired:
            self._check_tag(after, name)
        return RetireTag(before, after, in_use=self.tag_usage(name))

    def set_attribute_definitions(
        self, name: str, definitions: Sequence[AttributeDefinition]
    ) -> SetAttributeDefinitions:
        before = self.tag(name)
        check_definitions(name, definitions)
        return SetAttributeDefinitions(before, replace(before, attributes=tuple(definitions)))

    def _check_tag(self, tag: Tag, current_name: str | None) -> None:
        """Underline known, colour a #RRGGBB value, hotkey not taken by another live tag."""
        check_definitions(tag.name, tag.attributes)
        if tag.underline not in UNDERLINES:
            raise AnnotatorError(
                f"Underline '{tag.underline}' is unknown; use one of {', '.join(UNDERLINES)}."
            )
        if not _is_color(tag.color):
            raise AnnotatorError(f"Colour '{tag.color}' is not of the form #RRGGBB.")
        if tag.hotkey is None or tag.retired:
            return
        for other in self.active_tags():
            if other.name != current_name and other.hotkey == tag.hotkey:
                raise AnnotatorError(
                    f"The hotkey {tag.hotkey} already belongs to the tag '{other.name}'."
                )
