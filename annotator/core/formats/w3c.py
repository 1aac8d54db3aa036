"""W3C Web Annotation Data Model: one JSON-LD ``AnnotationCollection`` file.

One ``Annotation`` per span (motivation ``tagging``), whose ``target`` names the document
and carries both a ``TextQuoteSelector`` (exact, plus 32 characters of prefix and suffix)
and a ``TextPositionSelector`` (start, end in code points, as the model specifies).
Bodies: the tag (``purpose: tagging``), the note (``commenting``) and the attributes as one
JSON ``TextualBody`` (``describing``), so nothing is lost.

The Web Annotation vocabulary has no place for the annotated text itself, yet an import
needs it; the collection therefore also lists the documents (``documents``: id, title,
sha256 and the text as ``value``) under our own ``urn:annotator:ns#`` terms, declared in
the ``@context`` so the file stays valid JSON-LD. Import lives in ``w3c_read``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from annotator.core.formats import Format
from annotator.core.formats.anchoring import context
from annotator.core.formats.selection import Selection, iter_selected
from annotator.core.formats.w3c_read import read, sniff
from annotator.core.model import Annotation, Document, DocumentId
from annotator.core.safe_write import atomic_text_writer
from annotator.core.storage.store import Store

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
OUR_CONTEXT = {
    "annotator": "urn:annotator:ns#",
    "documents": {"@id": "annotator:documents", "@container": "@set"},
    "sha256": "annotator:sha256",
}
DOCUMENT_IRI = "urn:annotator:document:"


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
    documents: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    for document, kept in iter_selected(store, selection, progress=progress, cancelled=cancelled):
        documents.append(document_node(document))
        items.extend(annotation_node(document, a) for a in kept)
    if cancelled is not None and cancelled():
        return len(documents)
    collection = {
        "@context": [ANNO_CONTEXT, OUR_CONTEXT],
        "type": "AnnotationCollection",
        "label": "Annotator export",
        "total": len(items),
        "documents": documents,
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    with atomic_text_writer(output) as out:
        out.write(json.dumps(collection, ensure_ascii=False, indent=1) + "\n")
    return len(documents)


def document_node(document: Document) -> dict[str, Any]:
    return {
        "id": DOCUMENT_IRI + document.id,
        "type": "Text",
        "format": "text/plain",
        "label": document.title,
        "sha256": document.sha256,
        "value": document.text,
    }


def annotation_node(document: Document, annotation: Annotation) -> dict[str, Any]:
    prefix, suffix = context(document.text, annotation.start, annotation.end)
    bodies: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "tagging", "value": annotation.tag}
    ]
    if annotation.note:
        bodies.append({"type": "TextualBody", "purpose": "commenting", "value": annotation.note})
    if annotation.attributes:
        value = json.dumps(dict(annotation.attributes), ensure_ascii=False, sort_keys=True)
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "describing",
                "format": "application/json",
                "value": value,
            }
        )
    node: dict[str, Any] = {
        "id": f"urn:uuid:{annotation.id}",
        "type": "Annotation",
        "motivation": "tagging",
        "creator": {"type": "Person", "nickname": annotation.annotator},
        "body": bodies,
        "target": {
            "source": DOCUMENT_IRI + document.id,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": annotation.quote,
                    "prefix": prefix,
                    "suffix": suffix,
                },
                {"type": "TextPositionSelector", "start": annotation.start, "end": annotation.end},
            ],
        },
    }
    for key, moment in (("created", annotation.created), ("modified", annotation.updated)):
        if moment is not None:
            node[key] = _iso(moment)
    return node


def _iso(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


FORMAT = Format(
    name="w3c",
    description="W3C Web Annotation JSON-LD",
    kinds=("file",),
    suffixes=(".jsonld", ".json"),
    export=export,
    read=read,
    sniff=sniff,
)
