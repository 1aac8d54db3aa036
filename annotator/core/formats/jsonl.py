"""The native JSONL format: one document per line, doccano-compatible.

``label`` is doccano's sequence-labelling list ``[start, end, tag]``; ``annotations`` carries
everything else. Offsets are code points, end exclusive, so ``text[start:end] == quote``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from annotator.core.model import Annotation, Document, DocumentId
from annotator.core.safe_write import atomic_text_writer
from annotator.core.storage.store import Store

BATCH = 200
META_FIELDS = ("title", "source", "author", "url", "published", "language")


def export(
    store: Store,
    output: Path,
    *,
    document_ids: Sequence[DocumentId] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    ids = list(document_ids) if document_ids is not None else store.document_ids()
    written = 0
    with atomic_text_writer(output) as out:
        for documents, annotations in _batches(store, ids):
            if cancelled is not None and cancelled():
                out.abandon()
                return written
            for document in documents:
                record = document_record(document, annotations[document.id])
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                written += 1
            if progress is not None:
                progress(written, len(ids))
    return written


def _batches(
    store: Store, ids: list[DocumentId]
) -> Iterator[tuple[list[Document], dict[str, list[Annotation]]]]:
    for first in range(0, len(ids), BATCH):
        chunk = ids[first : first + BATCH]
        yield store.documents(chunk), store.annotations_for(chunk)


def document_record(document: Document, annotations: Sequence[Annotation]) -> dict[str, Any]:
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
