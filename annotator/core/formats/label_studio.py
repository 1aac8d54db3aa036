"""Label Studio JSON tasks, for the "Named Entity Recognition" template.

One task per document: ``data.text`` (plus ``title`` and our ``document_id``), and one entry
in ``annotations`` per analyst, whose ``result`` holds a region per span::

    {"id": ..., "from_name": "label", "to_name": "text", "type": "labels",
     "value": {"start": 3, "end": 9, "text": "Veskar", "labels": ["facility"]}}

A note is Label Studio's per-region text area (``type: textarea``, ``from_name: note``, same
region id); attributes ride in ``value.attributes``, which Label Studio keeps but does not
show. Offsets are code points: Label Studio stores them so since its emoji fix (frontend
PR 308); files from older versions counted UTF-16 units, so an import whose quote does not
match tries that reading, then re-anchors by the quote. The project's labeling config
should be ``<Labels name="label" toName="text">`` over ``<Text name="text" value="$text"/>``
(plus ``<TextArea name="note" toName="text" perRegion="true"/>`` for notes).
Import lives in ``label_studio_read``.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any

from annotator.core.formats import Format
from annotator.core.formats.label_studio_read import read, sniff
from annotator.core.formats.selection import Selection, write_documents
from annotator.core.model import Annotation, Document, DocumentId
from annotator.core.storage.store import Store


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
    numbers = itertools.count(1)

    def render(document: Document, kept: list[Annotation]) -> str:
        number = next(numbers)
        separator = "\n" if number == 1 else ",\n"
        return separator + json.dumps(task(document, kept, number), ensure_ascii=False)

    return write_documents(
        store,
        output,
        selection,
        render,
        head="[",
        tail="\n]\n",
        progress=progress,
        cancelled=cancelled,
    )


def task(document: Document, annotations: Sequence[Annotation], number: int) -> dict[str, Any]:
    by_annotator: dict[str, list[dict[str, Any]]] = {}
    for annotation in annotations:
        by_annotator.setdefault(annotation.annotator, []).extend(regions(annotation))
    return {
        "id": number,
        "data": {"text": document.text, "title": document.title, "document_id": document.id},
        "annotations": [
            {"annotator": name, "result": result} for name, result in sorted(by_annotator.items())
        ],
    }


def regions(annotation: Annotation) -> list[dict[str, Any]]:
    value: dict[str, Any] = {
        "start": annotation.start,
        "end": annotation.end,
        "text": annotation.quote,
        "labels": [annotation.tag],
    }
    if annotation.attributes:
        value["attributes"] = dict(annotation.attributes)
    found = [
        {
            "id": annotation.id,
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "origin": "manual",
            "value": value,
        }
    ]
    if annotation.note:
        found.append(
            {
                "id": annotation.id,
                "from_name": "note",
                "to_name": "text",
                "type": "textarea",
                "value": {"text": [annotation.note]},
            }
        )
    return found


FORMAT = Format(
    name="label-studio",
    description="Label Studio JSON tasks",
    kinds=("file",),
    suffixes=(".json",),
    export=export,
    read=read,
    sniff=sniff,
)
