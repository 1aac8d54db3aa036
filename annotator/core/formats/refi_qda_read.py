"""Import REFI-QDA projects (``.qdpx``): ours (see ``refi_qda``) or NVivo's, ATLAS.ti's,
MAXQDA's and QualCoder's.

Each ``TextSource`` becomes a document: its text from ``PlainTextContent`` or from the
archive member its ``plainTextPath="internal://NAME"`` names (under ``sources/``). Sources
kept outside the archive (``relative://``, ``absolute://``, ``file:``) are not read, by
design: a file from elsewhere must not make us open paths on this computer. Each
``Coding`` of a ``PlainTextSelection`` becomes an annotation tagged with its code's name, by
its coding's (else its selection's) user; the selection's ``Description`` and the notes it
references become the note, a coding's "Annotator attributes" note its attributes. A
selection coded once keeps the selection's GUID as the annotation id, so our own files
round-trip. ``Link`` elements between two coded selections become relations.

Untrusted input: the zip goes through ``SafeZip`` (size limits, truncation, unsafe names),
``project.qde`` through ``safe_xml`` (no DTD, no entities). A source whose selections do
not fit its text fails alone, naming the file and the selection.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from annotator.core.errors import SourceError
from annotator.core.formats.opening_mark import text_as_offsets_count_it
from annotator.core.formats.qda_names import (
    ATTRIBUTES_NOTE,
    INTERNAL,
    PROJECT_FILE,
    SOURCES,
    derived,
    is_guid,
    q,
)
from annotator.core.formats.safe_xml import parse_xml, xml_safe
from annotator.core.formats.safe_zip import SafeZip, is_zip
from annotator.core.model import ArticleDraft, ReadFailure, RelationDraft
from annotator.core.sources.annotations import AnnotationProblem, read_annotations
from annotator.core.sources.drafts import build_draft
from annotator.core.sources.failures import failure

Result = ArticleDraft | ReadFailure


def sniff(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() == ".qdpx"


def read(path: Path) -> Iterator[Result]:
    if not is_zip(path):
        if path.is_file() and path.suffix.lower() == ".qdpx":
            yield failure(SourceError(path, _truncated()))
        else:
            yield failure(SourceError(path, "not a REFI-QDA project (.qdpx) file."))
        return
    try:
        archive = SafeZip(path)
    except SourceError as exc:
        yield failure(exc)
        return
    try:
        yield from _read_project(path, archive)
    finally:
        archive.close()


def _truncated() -> str:
    return "not a complete zip archive; the file is truncated or damaged. Copy it again."


def _read_project(path: Path, archive: SafeZip) -> Iterator[Result]:
    names = {name.lower(): name for name in archive.names()}
    member = names.get(PROJECT_FILE)
    if member is None:
        yield failure(SourceError(path, f"the archive holds no {PROJECT_FILE}."))
        return
    origin = f"{path}!{member}"
    try:
        root = parse_xml(archive.read(member), origin)
        if root.tag != q("Project"):
            raise SourceError(origin, "the root element is not a QDA-XML <Project>.")
    except SourceError as exc:
        yield failure(exc)
        return
    context = _Context.of(root)
    sources = root.find(q("Sources"))
    found = [] if sources is None else sources.findall(q("TextSource"))
    if not found:
        yield failure(SourceError(origin, "the project holds no text sources."))
    for number, source in enumerate(found, start=1):
        where = f"{origin}, TextSource {number} ({source.get('name') or source.get('guid')})"
        try:
            yield _source(source, context, archive, names, path, where)
        except SourceError as exc:
            yield failure(exc)


@dataclass(frozen=True)
class _Context:
    """What selections refer to by GUID: users, codes, notes and links."""

    users: dict[str, str]
    codes: dict[str, str]
    notes: dict[str, tuple[str, str]]
    """guid -> (name, text)"""
    links: list[ET.Element]

    @classmethod
    def of(cls, root: ET.Element) -> _Context:
        users = {
            str(u.get("guid")): u.get("name") or str(u.get("guid")) for u in root.iter(q("User"))
        }
        codes = {str(c.get("guid")): str(c.get("name") or "") for c in root.iter(q("Code"))}
        notes = {}
        for note in root.iterfind(f"{q('Notes')}/{q('Note')}"):
            content = note.findtext(q("PlainTextContent")) or ""
            notes[str(note.get("guid"))] = (note.get("name") or "", content)
        links = root.findall(f"{q('Links')}/{q('Link')}")
        return cls(users, codes, notes, links)


def _source(
    source: ET.Element,
    context: _Context,
    archive: SafeZip,
    names: dict[str, str],
    path: Path,
    where: str,
) -> ArticleDraft:
    text = _text(source, archive, names, where)
    text = text_as_offsets_count_it(text, _named(source), xml_safe)
    if not text.strip():
        raise SourceError(where, "the source has no text; there is nothing to import.")
    records, ids, warnings = _selections(source, context, where)
    try:
        annotations = read_annotations({"annotations": records}, text)
    except AnnotationProblem as exc:
        raise SourceError(where, f"{exc}.") from None
    fields = {"title": source.get("name") or None}
    draft = build_draft(text, where, fields, id=source.get("guid"), annotations=annotations)
    links = _links(context, ids)
    return replace(draft, relations=links, warnings=tuple(warnings))


def _named(source: ET.Element) -> Iterator[tuple[int, int, str]]:
    """(start, end, name) of each selection with whole-number positions: our exports name a
    selection by the text it covers."""
    for selection in source.iter(q("PlainTextSelection")):
        start, end = selection.get("startPosition", ""), selection.get("endPosition", "")
        if start.isdigit() and end.isdigit():
            yield int(start), int(end), selection.get("name") or ""


def _text(source: ET.Element, archive: SafeZip, names: dict[str, str], where: str) -> str:
    content = source.findtext(q("PlainTextContent"))
    if content is not None:
        return content
    location = source.get("plainTextPath") or ""
    if not location.startswith(INTERNAL):
        raise SourceError(
            where,
            f"its text is outside the project file ({location or 'no plainTextPath'}); "
            "export the project with its sources embedded and import that.",
        )
    relative = location[len(INTERNAL) :]
    wanted = [f"{SOURCES}/{relative}", relative]
    member = next((names[w.lower()] for w in wanted if w.lower() in names), None)
    if member is None or ".." in PurePosixPath(relative).parts:
        raise SourceError(where, f"the archive holds no source file {location}.")
    try:
        return archive.read(member).decode("utf-8")
    except UnicodeDecodeError:
        raise SourceError(where, f"{member} is not UTF-8 text.") from None


def _selections(
    source: ET.Element, context: _Context, where: str
) -> tuple[list[dict[str, Any]], dict[str, str], list[str]]:
    """Native annotation records; selection GUID -> its first annotation id; warnings."""
    records: list[dict[str, Any]] = []
    ids: dict[str, str] = {}
    uncoded = 0
    for selection in source.iter(q("PlainTextSelection")):
        selection_guid = str(selection.get("guid") or "")
        start, end = (
            _position(selection, "startPosition", where),
            _position(selection, "endPosition", where),
        )
        codings = selection.findall(q("Coding"))
        if not codings:
            uncoded += 1
            continue
        note = _note(selection, context)
        for coding in codings:
            code = coding.find(q("CodeRef"))
            tag = context.codes.get(str(code.get("targetGUID"))) if code is not None else None
            if not tag:
                raise SourceError(
                    where, f"selection {selection_guid}: its coding names no known code."
                )
            annotation_id = (
                selection_guid if len(codings) == 1 else str(coding.get("guid") or "")
            ) or derived("coding", f"{selection_guid}:{len(records)}")
            ids.setdefault(selection_guid, annotation_id)
            user = coding.get("creatingUser") or selection.get("creatingUser")
            record: dict[str, Any] = {
                "start": start,
                "end": end,
                "tag": tag,
                "id": annotation_id,
                "annotator": context.users.get(str(user)) if user else None,
                "note": note,
                "attributes": _attributes(coding, context, where),
            }
            created = coding.get("creationDateTime") or selection.get("creationDateTime")
            if created and _is_time(created):
                record["created"] = created
            records.append(record)
    warnings = [f"{where}: {uncoded} selection(s) without a code skipped"] if uncoded else []
    return records, ids, warnings


def _position(selection: ET.Element, name: str, where: str) -> int:
    value = selection.get(name)
    try:
        return int(str(value))
    except ValueError:
        guid = selection.get("guid")
        raise SourceError(
            where, f"selection {guid}: {name} {value!r} is not a whole number."
        ) from None


def _note(selection: ET.Element, context: _Context) -> str:
    parts = [selection.findtext(q("Description")) or ""]
    for ref in selection.findall(q("NoteRef")):
        found = context.notes.get(str(ref.get("targetGUID")))
        if found is not None:
            parts.append(found[1])
    return "\n".join(part for part in parts if part)


def _attributes(coding: ET.Element, context: _Context, where: str) -> dict[str, Any]:
    for ref in coding.findall(q("NoteRef")):
        found = context.notes.get(str(ref.get("targetGUID")))
        if found is None or found[0] != ATTRIBUTES_NOTE:
            continue
        try:
            value = json.loads(found[1])
        except ValueError:
            value = None
        if not isinstance(value, dict):
            raise SourceError(where, f"the '{ATTRIBUTES_NOTE}' note is not a JSON object.")
        return value
    return {}


def _is_time(value: str) -> bool:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _links(context: _Context, ids: dict[str, str]) -> tuple[RelationDraft, ...]:
    found = []
    for link in context.links:
        source, target = link.get("originGUID"), link.get("targetGUID")
        if source in ids and target in ids:
            kind = link.get("name") or "linked"
            link_guid = link.get("guid")
            relation_id = (
                link_guid.strip("{}").lower() if link_guid and is_guid(link_guid) else None
            )
            found.append(RelationDraft(ids[str(source)], ids[str(target)], kind, id=relation_id))
    return tuple(found)
