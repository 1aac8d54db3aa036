"""ORM rows to the frozen values the rest of the program sees."""

from __future__ import annotations

from annotator.core.model import (
    Annotation,
    AnnotationId,
    Document,
    DocumentId,
    Tag,
)
from annotator.core.storage.orm import AnnotationRow, DocumentRow, TagRow


def tag_value(row: TagRow) -> Tag:
    return Tag(
        name=row.name,
        color=row.color,
        hotkey=row.hotkey,
        description=row.description,
        position=row.position,
    )


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
