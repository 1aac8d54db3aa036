"""UIMA CAS XMI (XML 1.0), the exchange format of INCEpTION and DKPro pipelines.

A folder (or ``.zip``) holding one ``NAME.xmi`` per document and one ``TypeSystem.xml``,
the layout of INCEpTION's "UIMA CAS XMI (XML 1.0)" export, which INCEpTION imports back
(the type system and layers are described in ``xmi_types``). All analysts' spans go into
one CAS, each with its ``annotator`` feature.

Offsets: UIMA counts UTF-16 code units (Java strings); cassis converts our code points on
writing and back on reading, so "😀" spans two units in the file and one in the project.
Characters XML 1.0 cannot hold (control characters such as a form feed) are written as
U+FFFD, one for one, so offsets still fit; such a text imports back as a different
document. Spans are written in content order and relations by their ends' order, so the same
annotations always give the same file. Import lives in ``xmi_read``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any

from annotator.core.formats import Format
from annotator.core.formats.names import StemMaker
from annotator.core.formats.output_tree import OutputTree
from annotator.core.formats.relation_batches import BatchedRelations, kept_relations
from annotator.core.formats.safe_xml import xml_safe
from annotator.core.formats.selection import Selection, iter_selected
from annotator.core.formats.xmi_read import TYPESYSTEM_NAME, read, sniff
from annotator.core.formats.xmi_types import METADATA, RELATION, SPAN, build_typesystem
from annotator.core.model import Annotation, Document, DocumentId, Relation
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
    links = BatchedRelations(store, selection)
    typesystem = build_typesystem()
    stems = StemMaker()
    written = 0
    with OutputTree(output) as tree:
        for document, annotations in iter_selected(
            store, selection, progress=progress, cancelled=cancelled
        ):
            kept = kept_relations(links.of(document.id), annotations)
            cas = document_cas(typesystem, document, annotations, kept)
            tree.add(f"{stems.stem(document.id)}.xmi", cas.to_xmi())
            written += 1
        stopped = cancelled is not None and cancelled()
        if not stopped:
            tree.add(TYPESYSTEM_NAME, typesystem.to_xml())
        tree.close(keep=not stopped)
    return written


def document_cas(
    typesystem: Any,
    document: Document,
    annotations: Sequence[Annotation],
    links: Sequence[Relation],
) -> Any:
    """One ``cassis.Cas``: the text as its sofa, metadata, spans, then relations."""
    from cassis import Cas

    cas = Cas(typesystem=typesystem)
    cas.sofa_string = xml_safe(document.text)
    cas.sofa_mime = "text/plain"
    metadata = typesystem.get_type(METADATA)
    cas.add(
        metadata(
            begin=0,
            end=len(document.text),
            language=document.language or "x-unspecified",
            documentTitle=xml_safe(document.title),
            documentId=xml_safe(document.id),
            documentUri=None if document.url is None else xml_safe(document.url),
        )
    )
    span_type = typesystem.get_type(SPAN)
    spans = {}
    for annotation in annotations:
        spans[annotation.id] = span_type(
            begin=annotation.start,
            end=annotation.end,
            label=xml_safe(annotation.tag),
            annotator=xml_safe(annotation.annotator),
            note=xml_safe(annotation.note) or None,
            attributes=_json(annotation.attributes) if annotation.attributes else None,
            identifier=xml_safe(annotation.id),
        )
        cas.add(spans[annotation.id])
    order = {annotation.id: index for index, annotation in enumerate(annotations)}
    relation_type = typesystem.get_type(RELATION)
    for link in sorted(
        links, key=lambda r: (order[r.from_annotation], order[r.to_annotation], r.type)
    ):
        dependent = spans[link.to_annotation]
        cas.add(
            relation_type(
                begin=dependent.begin,
                end=dependent.end,
                Governor=spans[link.from_annotation],
                Dependent=dependent,
                label=xml_safe(link.type),
                annotator=xml_safe(link.annotator),
            )
        )
    return cas


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


FORMAT = Format(
    name="xmi",
    description="UIMA CAS XMI (INCEpTION, DKPro) folder or zip",
    kinds=("folder", "zip"),
    suffixes=(".zip", ".xmi"),
    export=export,
    read=read,
    sniff=sniff,
)
