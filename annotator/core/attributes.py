"""Checking attribute definitions and the values annotations carry against them.

Values are checked when an analyst sets them (``SetAttributes``), not when a dataset is
imported: imported files carry whatever their tool wrote, and refusing them would lose work.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from annotator.core.errors import AnnotatorError
from annotator.core.model import ATTRIBUTE_KINDS, AttributeDefinition, JsonValue, Tag


def check_definitions(tag_name: str, definitions: Iterable[AttributeDefinition]) -> None:
    """Names unique and non-empty, kinds known, choices present exactly for choice kinds."""
    seen: set[str] = set()
    for definition in definitions:
        name = definition.name.strip()
        where = f"Tag '{tag_name}', attribute '{definition.name}'"
        if not name or name != definition.name:
            raise AnnotatorError(
                f"Tag '{tag_name}': attribute names must be non-empty, without leading or "
                f"trailing spaces (got '{definition.name}')."
            )
        if name in seen:
            raise AnnotatorError(f"{where} is defined twice; give each attribute its own name.")
        seen.add(name)
        if definition.kind not in ATTRIBUTE_KINDS:
            raise AnnotatorError(
                f"{where}: kind '{definition.kind}' is unknown; use one of "
                f"{', '.join(ATTRIBUTE_KINDS)}."
            )
        if definition.kind == "choice":
            if not definition.choices:
                raise AnnotatorError(f"{where}: a choice attribute needs at least one choice.")
            if len(set(definition.choices)) != len(definition.choices):
                raise AnnotatorError(f"{where}: the choices repeat a value.")
        elif definition.choices:
            raise AnnotatorError(
                f"{where}: only choice attributes have choices (this one is {definition.kind})."
            )


def check_attributes(tag: Tag, values: Mapping[str, JsonValue]) -> dict[str, JsonValue]:
    """The values as they will be stored, or an ``AnnotatorError`` naming the bad one.

    ``None`` removes an attribute (the panel's "unset"), so it is dropped here.
    """
    result: dict[str, JsonValue] = {}
    for name, value in values.items():
        if value is None:
            continue
        definition = tag.attribute(name)
        if definition is None:
            known = ", ".join(d.name for d in tag.attributes) or "none"
            raise AnnotatorError(
                f"Tag '{tag.name}' has no attribute '{name}' (its attributes: {known}). "
                "Add it in the tag schema first."
            )
        result[name] = _checked(tag.name, definition, value)
    return result


def _checked(tag: str, definition: AttributeDefinition, value: JsonValue) -> JsonValue:
    where = f"'{definition.name}' of a {tag}"
    if definition.kind == "choice":
        if value not in definition.choices:
            raise AnnotatorError(
                f"{where} must be one of: {', '.join(definition.choices)} (got {value!r})."
            )
        return value
    if definition.kind == "text":
        if not isinstance(value, str):
            raise AnnotatorError(f"{where} must be text (got {value!r}).")
        return value
    if definition.kind == "bool":
        if not isinstance(value, bool):
            raise AnnotatorError(f"{where} must be yes or no (true/false), got {value!r}.")
        return value
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise AnnotatorError(f"{where} must be a number (got {value!r}).")
    return value
