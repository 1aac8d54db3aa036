"""REFI-QDA project exchange (``.qdpx``), read by NVivo, ATLAS.ti, MAXQDA and QualCoder.

A ``.qdpx`` is a zip holding ``project.qde`` (QDA-XML, namespace ``urn:QDA-XML:project:1.0``)
and ``sources/GUID.txt``, one UTF-8 text per document. The mapping:

- each analyst is a ``User``; each tag a ``Code`` (``isCodable="true"``, its colour, its
  description) in the ``CodeBook``;
- each document a ``TextSource`` (``name`` = title, ``plainTextPath="internal://GUID.txt"``);
- each annotation a ``PlainTextSelection`` (``startPosition``/``endPosition`` are code
  points, as the standard counts characters and our offsets already are) holding one
  ``Coding`` with a ``CodeRef`` to its tag's code; the note is the selection's
  ``Description``; attributes (which QDA-XML cannot express) are a JSON ``Note`` named
  "Annotator attributes" that the coding references with a ``NoteRef``;
- each relation a ``Link`` (``direction="OneWay"``, ``name`` = type) from one selection to
  the other.

Texts go into the ``.txt`` files unchanged; in the XML (titles, quotes, notes, names)
characters XML 1.0 cannot hold are written as U+FFFD. Elements follow the order of the
schema's sequences (Users, CodeBook, Sources, Notes, Links). Import lives in
``refi_qda_read``.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Collection, Sequence
from datetime import UTC, datetime
from pathlib import Path

from annotator.core.formats import Format
from annotator.core.formats.output_tree import OutputTree
from annotator.core.formats.qda_names import (
    ATTRIBUTES_NOTE,
    INTERNAL,
    NS,
    PROJECT_FILE,
    SOURCES,
    derived,
    guid,
    q,
)
from annotator.core.formats.refi_qda_read import read, sniff
from annotator.core.formats.relation_batches import BatchedRelations, kept_relations
from annotator.core.formats.safe_xml import xml_safe
from annotator.core.formats.selection import Selection, iter_selected
from annotator.core.model import Annotation, Document, DocumentId, Relation
from annotator.core.storage.store import Store

_RGB = re.compile(r"^#(?:[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$")


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
    builder = _ProjectBuilder(store, tags)
    written = 0
    with OutputTree(output, as_zip=True) as tree:
        for document, annotations in iter_selected(
            store, selection, progress=progress, cancelled=cancelled
        ):
            source_guid = guid("document", document.id)
            tree.add(f"{SOURCES}/{source_guid}.txt", document.text)
            builder.add_source(document, source_guid, annotations)
            builder.add_links(kept_relations(links.of(document.id), annotations), annotations)
            written += 1
        stopped = cancelled is not None and cancelled()
        if not stopped:
            tree.add(PROJECT_FILE, builder.xml(output.stem))
        tree.close(keep=not stopped)
    return written


class _ProjectBuilder:
    """Collects the parts of ``project.qde`` while the documents stream past."""

    def __init__(self, store: Store, tags: Collection[str] | None) -> None:
        self._tags = [t for t in store.tags() if tags is None or t.name in tags]
        self._users: dict[str, str] = {}
        self._codes: dict[str, str] = {tag.name: derived("code", tag.name) for tag in self._tags}
        self._sources: list[ET.Element] = []
        self._notes: list[ET.Element] = []
        self._links: list[ET.Element] = []

    def user(self, name: str) -> str:
        return self._users.setdefault(name, derived("user", name))

    def add_source(
        self, document: Document, source_guid: str, annotations: Sequence[Annotation]
    ) -> None:
        source = ET.Element(
            q("TextSource"),
            guid=source_guid,
            name=xml_safe(document.title),
            plainTextPath=f"{INTERNAL}{source_guid}.txt",
        )
        if document.created is not None:
            source.set("creationDateTime", _time(document.created))
        for annotation in annotations:
            source.append(self._selection(annotation))
        self._sources.append(source)

    def _selection(self, annotation: Annotation) -> ET.Element:
        user = self.user(annotation.annotator)
        selection_guid = guid("annotation", annotation.id)
        element = ET.Element(
            q("PlainTextSelection"),
            guid=selection_guid,
            name=xml_safe(annotation.quote),
            startPosition=str(annotation.start),
            endPosition=str(annotation.end),
            creatingUser=user,
        )
        if annotation.created is not None:
            element.set("creationDateTime", _time(annotation.created))
        if annotation.note:
            ET.SubElement(element, q("Description")).text = xml_safe(annotation.note)
        coding = ET.SubElement(
            element, q("Coding"), guid=derived("coding", selection_guid), creatingUser=user
        )
        if annotation.created is not None:
            coding.set("creationDateTime", _time(annotation.created))
        code = self._codes.setdefault(annotation.tag, derived("code", annotation.tag))
        ET.SubElement(coding, q("CodeRef"), targetGUID=code)
        if annotation.attributes:
            note_guid = derived("attributes", selection_guid)
            ET.SubElement(coding, q("NoteRef"), targetGUID=note_guid)
            self._notes.append(_attributes_note(note_guid, annotation, user))
        return element

    def add_links(self, relations: Sequence[Relation], annotations: Sequence[Annotation]) -> None:
        """In the order of their ends in the document, as brat and XMI write them, so the
        same work always gives the same file whatever the relation ids are."""
        order = {annotation.id: index for index, annotation in enumerate(annotations)}
        for relation in sorted(
            relations,
            key=lambda r: (order[r.from_annotation], order[r.to_annotation], r.type),
        ):
            self._links.append(
                ET.Element(
                    q("Link"),
                    guid=guid("relation", relation.id),
                    name=xml_safe(relation.type),
                    direction="OneWay",
                    originGUID=guid("annotation", relation.from_annotation),
                    targetGUID=guid("annotation", relation.to_annotation),
                )
            )

    def xml(self, name: str) -> str:
        ET.register_namespace("", NS)
        project = ET.Element(
            q("Project"),
            name=xml_safe(name),
            origin="Annotator",
            creationDateTime=_time(datetime.now(UTC)),
        )
        if self._users:
            users = ET.SubElement(project, q("Users"))
            for user_name, user_guid in sorted(self._users.items()):
                ET.SubElement(users, q("User"), guid=user_guid, name=xml_safe(user_name))
        if self._codes:
            codes = ET.SubElement(ET.SubElement(project, q("CodeBook")), q("Codes"))
            styles = {tag.name: tag for tag in self._tags}
            for tag_name, code_guid in self._codes.items():
                code = ET.SubElement(
                    codes, q("Code"), guid=code_guid, name=xml_safe(tag_name), isCodable="true"
                )
                tag = styles.get(tag_name)
                if tag is not None and _RGB.match(tag.color):
                    code.set("color", tag.color.upper())
                if tag is not None and tag.description:
                    ET.SubElement(code, q("Description")).text = xml_safe(tag.description)
        if self._sources:
            ET.SubElement(project, q("Sources")).extend(self._sources)
        if self._notes:
            ET.SubElement(project, q("Notes")).extend(self._notes)
        if self._links:
            ET.SubElement(project, q("Links")).extend(self._links)
        ET.indent(project)
        return ET.tostring(project, encoding="unicode", xml_declaration=False).join(
            ('<?xml version="1.0" encoding="utf-8"?>\n', "\n")
        )


def _attributes_note(note_guid: str, annotation: Annotation, user: str) -> ET.Element:
    note = ET.Element(q("Note"), guid=note_guid, name=ATTRIBUTES_NOTE, creatingUser=user)
    text = json.dumps(dict(annotation.attributes), ensure_ascii=False, sort_keys=True)
    ET.SubElement(note, q("PlainTextContent")).text = text
    return note


def _time(value: datetime) -> str:
    """xsd:dateTime with a zone (naive times from SQLite are UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat()


FORMAT = Format(
    name="refi-qda",
    description="REFI-QDA project (NVivo, ATLAS.ti, MAXQDA, QualCoder)",
    kinds=("file",),
    suffixes=(".qdpx",),
    export=export,
    read=read,
    sniff=sniff,
)
