"""The native JSONL format: one document per line, doccano-compatible.

``label`` is doccano's sequence-labelling list ``[start, end, tag]``; ``annotations`` carries
everything else. Offsets are code points, end exclusive, so ``text[start:end] == quote``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from annotator.core.formats import Format
from annotator.core.formats.relation_batches import BatchedRelations, kept_relations
from annotator.core.formats.selection import Selection, write_documents
from annotator.core.model import (
    Annotation,
    ArticleDraft,
    Document,
    DocumentId,
    ReadFailure,
    Relation,
)
from annotator.core.sources import iter_drafts
from annotator.core.storage.store import Store

META_FIELDS = ("title", "source", "author", "url", "published", "language")


def export(
    store: Store,
    output: Path,
    *,
    document_ids: Sequence[DocumentId] | None = None,
    annotators: Collection[str] | None = None,
    tags: Collection[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    selection = Selection(document_ids, annotators, tags)
    links = BatchedRelations(store, selection)
    return write_documents(
        store,
        output,
        selection,
        lambda document, kept: (
            json.dumps(document_record(document, kept, links.of(document.id)), ensure_ascii=False)
            + "\n"
        ),
        progress=progress,
        cancelled=cancelled,
    )


def read(path: Path) -> Iterator[ArticleDraft | ReadFailure]:
    """Our own export and doccano files: the corpus reader of ``core.sources`` does it all."""
    return iter_drafts([path])


def document_record(
    document: Document,
    annotations: Sequence[Annotation],
    links: Sequence[Relation] = (),
) -> dict[str, Any]:
    """``links`` whose ends were filtered out of ``annotations`` are left out with them."""
    meta: dict[str, Any] = {name: getattr(document, name) for name in META_FIELDS}
    meta = {key: value for key, value in meta.items() if value is not None}
    meta.update(document.meta)
    meta["sha256"] = document.sha256
    return {
        "id": document.id,
        "text": document.text,
        "meta": meta,
        "label": [[a.start, a.end, a.tag] for a in annotations],
        "annotations": [annotation_record(a) for a in annotations],
        "relations": [relation_record(r) for r in kept_relations(links, annotations)],
    }


def relation_record(relation: Relation) -> dict[str, Any]:
    return {
        "id": relation.id,
        "from": relation.from_annotation,
        "to": relation.to_annotation,
        "type": relation.type,
        "annotator": relation.annotator,
    }


def annotation_record(annotation: Annotation) -> dict[str, Any]:
    return {
        "id": annotation.id,
        "start": annotation.start,
        "end": annotation.end,
        "tag": annotation.tag,
        "quote": annotation.quote,
        "annotator": annotation.annotator,
        "note": annotation.note,
        "attributes": dict(annotation.attributes),
        "created": _iso(annotation.created),
        "updated": _iso(annotation.updated),
    }


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _sniff(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() == ".jsonl"


FORMAT = Format(
    name="jsonl",
    description="Annotator JSONL (doccano compatible)",
    kinds=("file",),
    suffixes=(".jsonl",),
    export=export,
    read=read,
    sniff=_sniff,
)
