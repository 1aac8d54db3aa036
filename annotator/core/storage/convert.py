"""ORM rows to the frozen values the rest of the program sees."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, cast

from annotator.core.model import (
    UNDERLINES,
    Annotation,
    AnnotationId,
    AttributeDefinition,
    AttributeKind,
    Document,
    DocumentId,
    Tag,
)
from annotator.core.storage.orm import AnnotationRow, DocumentRow, TagRow


def tag_value(row: TagRow) -> Tag:
    return tag_from_columns(
        (
            row.name,
            row.color,
            row.hotkey,
            row.description,
            row.position,
            row.underline,
            row.retired,
            row.attributes,
        )
    )


TAG_COLUMNS = "name, color, hotkey, description, position, underline, retired, attributes"
"""The ``tags`` columns ``tag_from_columns`` takes, in its order (for driver-level reads)."""


def tag_from_columns(columns: Sequence[Any]) -> Tag:
    """A tag from its ``TAG_COLUMNS``; ``attributes`` decoded or still JSON text (as the
    SQLite driver returns it: text that is not JSON counts as no definitions)."""
    name, color, hotkey, description, position, underline, retired, attributes = columns
    if isinstance(attributes, str | bytes):
        try:
            attributes = json.loads(attributes)
        except ValueError:
            attributes = None
    return Tag(
        name=name,
        color=color,
        hotkey=hotkey,
        description=description,
        position=position,
        underline=underline if underline in UNDERLINES else "solid",
        retired=bool(retired),
        attributes=definitions_value(attributes),
    )


def tag_columns(tag: Tag) -> dict[str, Any]:
    """A ``tags`` row's values for a tag (everything but the id)."""
    return {
        "name": tag.name,
        "color": tag.color,
        "hotkey": tag.hotkey,
        "description": tag.description,
        "position": tag.position,
        "underline": tag.underline,
        "retired": tag.retired,
        "attributes": definitions_json(tag.attributes),
    }


def definitions_json(definitions: tuple[AttributeDefinition, ...]) -> list[dict[str, Any]]:
    return [{"name": d.name, "kind": d.kind, "choices": list(d.choices)} for d in definitions]


def definitions_value(raw: Any) -> tuple[AttributeDefinition, ...]:
    """Tolerant of hand-edited rows: entries that are not objects with a name are skipped."""
    if not isinstance(raw, list):
        return ()
    found: list[AttributeDefinition] = []
    for entry in raw:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            continue
        kind = entry.get("kind", "text")
        choices = entry.get("choices") or []
        found.append(
            AttributeDefinition(
                name=entry["name"],
                kind=cast(AttributeKind, kind),
                choices=tuple(str(c) for c in choices) if isinstance(choices, list) else (),
            )
        )
    return tuple(found)


def document_value(row: DocumentRow) -> Document:
    return Document(
        id=DocumentId(row.id),
        title=row.title,
        text=row.text,
        sha256=row.sha256,
        source=row.source,
        author=row.author,
        url=row.url,
        published=row.published,
        language=row.language,
        meta=dict(row.meta or {}),
        created=row.created,
    )


def annotation_value(row: AnnotationRow, tag: str, annotator: str) -> Annotation:
    return Annotation(
        id=AnnotationId(row.id),
        document_id=DocumentId(row.document_id),
        tag=tag,
        start=row.start,
        end=row.end,
        quote=row.quote,
        annotator=annotator,
        note=row.note,
        attributes=dict(row.attributes or {}),
        created=row.created,
        updated=row.updated,
        revision=row.revision,
    )
