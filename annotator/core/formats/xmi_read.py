"""Import UIMA CAS XMI: ours (see ``xmi``) or INCEpTION's / DKPro's.

Accepted: a folder or ``.zip`` of ``.xmi`` files with a ``TypeSystem.xml`` (any case), or a
single ``.xmi`` with ``TypeSystem.xml`` beside it. Without a type system file, ours is
assumed. What is read from each CAS (the initial view):

- ``webanno.custom.Span``: tag ``label``, plus ``annotator``, ``note``, ``attributes`` (a
  JSON object) and ``identifier`` (our annotation id) when present;
- INCEpTION's ``NamedEntity``: tag ``value``;
- ``webanno.custom.SpanRelation``: a relation ``Governor`` -> ``Dependent`` of type
  ``label``;
- ``DocumentMetaData``: title and document id; the CAS language.

Spans without a tag are skipped with a warning. Every span goes through the same checks as
our JSONL (offsets inside the text), so a bad one fails its document, naming the file and
the span. The files are untrusted: size limits, no DTD (``safe_xml`` checks each file
before cassis' lxml parser sees it), zip members read through ``SafeZip``.
"""

from __future__ import annotations

import json
import uuid
import warnings
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from annotator.core.errors import SourceError
from annotator.core.formats.safe_xml import parse_xml
from annotator.core.formats.safe_zip import MAX_MEMBER, SafeZip, is_zip
from annotator.core.formats.xmi_types import (
    METADATA,
    NAMED_ENTITY,
    RELATION,
    SPAN,
    build_typesystem,
)
from annotator.core.model import ArticleDraft, ReadFailure, RelationDraft
from annotator.core.sources.annotations import AnnotationProblem, read_annotations
from annotator.core.sources.drafts import build_draft
from annotator.core.sources.failures import failure
from annotator.core.sources.sizes import format_size

Result = ArticleDraft | ReadFailure
TYPESYSTEM_NAME = "TypeSystem.xml"
MAX_XMI = MAX_MEMBER
_XMI_MARK = b"http://www.omg.org/XMI"


def sniff(path: Path) -> bool:
    if path.is_dir():
        return next(path.rglob("*.xmi"), None) is not None
    if path.suffix.lower() == ".xmi":
        return True
    if path.suffix.lower() == ".zip" and is_zip(path):
        try:
            archive = SafeZip(path)
        except SourceError:
            return False
        try:
            return any(name.lower().endswith(".xmi") for name in archive.names())
        finally:
            archive.close()
    return False


def read(path: Path) -> Iterator[Result]:
    if path.is_dir():
        yield from _read_folder(path)
    elif path.suffix.lower() == ".zip" or is_zip(path):
        yield from _read_zip(path)
    elif path.suffix.lower() == ".xmi":
        typesystem = _typesystem_beside(path)
        yield _read_one(path, lambda: _read_file(path), typesystem)
    else:
        yield failure(SourceError(path, "not a UIMA CAS .xmi file, folder or .zip archive."))


def _read_file(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_XMI:
        raise SourceError(path, f"larger than the {format_size(MAX_XMI)} limit for one file.")
    return path.read_bytes()


def _typesystem_beside(path: Path) -> Callable[[], bytes] | None:
    found = [p for p in path.parent.iterdir() if p.name.lower() == TYPESYSTEM_NAME.lower()]
    return (lambda: _read_file(found[0])) if found else None


def _read_folder(folder: Path) -> Iterator[Result]:
    files = sorted(p for p in folder.rglob("*.xmi") if not p.name.startswith("."))
    if not files:
        yield failure(SourceError(folder, "the folder holds no .xmi files."))
    for path in files:
        yield _read_one(path, partial(_read_file, path), _typesystem_beside(path))


def _read_zip(path: Path) -> Iterator[Result]:
    try:
        archive = SafeZip(path)
    except SourceError as exc:
        yield failure(exc)
        return
    try:
        names = archive.names()
        files = [n for n in names if n.lower().endswith(".xmi") and not _hidden(n)]
        systems = [n for n in names if n.rsplit("/", 1)[-1].lower() == TYPESYSTEM_NAME.lower()]
        if not files:
            yield failure(SourceError(path, "the archive holds no .xmi files."))
        typesystem = (lambda: archive.read(systems[0])) if systems else None
        for name in files:
            origin = Path(f"{path}!{name}")
            yield _read_one(origin, partial(archive.read, name), typesystem)
    finally:
        archive.close()


def _hidden(name: str) -> bool:
    return name.rsplit("/", 1)[-1].startswith(".")


def _read_one(
    origin: Path, data: Callable[[], bytes], typesystem: Callable[[], bytes] | None
) -> Result:
    try:
        cas = _load(origin, data(), typesystem)
        return _draft(cas, origin)
    except SourceError as exc:
        return failure(exc)
    except OSError as exc:
        return failure(SourceError(origin, f"cannot be read ({exc.strerror or exc})."))


def _load(origin: Path, xmi: bytes, typesystem: Callable[[], bytes] | None) -> Any:
    """A ``cassis.Cas`` from checked bytes. cassis reports problems with many exception
    types (KeyError, ValueError, lxml's XMLSyntaxError ...) for a hostile or damaged
    file; any of them means "not readable", hence the broad ``except``."""
    from io import BytesIO

    from cassis import load_cas_from_xmi, load_typesystem

    parse_xml(xmi, origin)
    if _XMI_MARK not in xmi[:4096]:
        raise SourceError(origin, "not a UIMA CAS XMI file (no XMI namespace).")
    types = build_typesystem()
    if typesystem is not None:
        where = f"{origin} ({TYPESYSTEM_NAME})"
        system = typesystem()
        parse_xml(system, where)
        try:
            types = load_typesystem(BytesIO(system))
        except Exception as exc:
            raise SourceError(where, f"not a readable UIMA type system ({exc}).") from None
    try:
        with warnings.catch_warnings(record=True):  # offsets it cannot map: checked below
            return load_cas_from_xmi(BytesIO(xmi), typesystem=types, lenient=True)
    except Exception as exc:
        raise SourceError(origin, f"not a readable UIMA CAS XMI file ({exc}).") from None


def _draft(cas: Any, origin: Path) -> ArticleDraft:
    text = cas.sofa_string
    if not isinstance(text, str) or not text.strip():
        raise SourceError(origin, "the CAS holds no text; there is nothing to import.")
    warnings: list[str] = []
    native, ids = _spans(cas, warnings, origin)
    try:
        annotations = read_annotations({"annotations": native}, text)
    except AnnotationProblem as exc:
        raise SourceError(origin, f"{exc}.") from None
    fields, document_id = _metadata(cas)
    draft = build_draft(text, str(origin), fields, id=document_id, annotations=annotations)
    links = _relations(cas, ids, warnings, origin)
    return replace(draft, relations=links, warnings=tuple(warnings))


def _select(cas: Any, type_name: str) -> list[Any]:
    if not cas.typesystem.contains_type(type_name):
        return []
    return list(cas.select(type_name))


def _spans(
    cas: Any, warnings: list[str], origin: Path
) -> tuple[list[dict[str, Any]], dict[int, str]]:
    """Native annotation records, and each span's xmi id -> the annotation id it gets."""
    native: list[dict[str, Any]] = []
    ids: dict[int, str] = {}
    used: set[str] = set()
    untagged = 0
    found = [(span, "label") for span in _select(cas, SPAN)]
    found += [(span, "value") for span in _select(cas, NAMED_ENTITY)]
    for span, tag_feature in found:
        tag = _feature(span, tag_feature)
        if not tag or not tag.strip():
            untagged += 1
            continue
        identifier = _feature(span, "identifier")
        if not identifier or identifier in used:
            identifier = str(uuid.uuid4())
        used.add(identifier)
        ids[span.xmiID] = identifier
        record: dict[str, Any] = {
            "start": span.begin,
            "end": span.end,
            "tag": tag,
            "id": identifier,
            "annotator": _feature(span, "annotator"),
            "note": _feature(span, "note"),
        }
        attributes = _feature(span, "attributes")
        if attributes:
            record["attributes"] = _attributes(attributes, origin, len(native) + 1)
        native.append(record)
    if untagged:
        warnings.append(f"{origin}: {untagged} span(s) without a tag skipped")
    return native, ids


def _feature(annotation: Any, name: str) -> str | None:
    """A string feature's value, or None when the type lacks it or it is not a string."""
    try:
        value = annotation.get(name)
    except (AttributeError, KeyError):
        return None
    return value if isinstance(value, str) else None


def _attributes(value: str, origin: Path, number: int) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        raise SourceError(
            origin, f"span {number}: its attributes are not a JSON object ({value[:60]!r})."
        ) from None


def _metadata(cas: Any) -> tuple[dict[str, str | None], str | None]:
    found = _select(cas, METADATA)
    language = cas.document_language if cas.document_language != "x-unspecified" else None
    fields: dict[str, str | None] = {"language": language}
    if not found:
        return fields, None
    metadata = found[0]
    fields["title"] = _feature(metadata, "documentTitle")
    fields["url"] = _feature(metadata, "documentUri")
    return fields, _feature(metadata, "documentId")


def _relations(
    cas: Any, ids: dict[int, str], warnings: list[str], origin: Path
) -> tuple[RelationDraft, ...]:
    links: list[RelationDraft] = []
    skipped = 0
    for relation in _select(cas, RELATION):
        governor, dependent = relation.get("Governor"), relation.get("Dependent")
        kind = _feature(relation, "label")
        ends = [getattr(end, "xmiID", None) for end in (governor, dependent)]
        if not kind or ends[0] not in ids or ends[1] not in ids:
            skipped += 1
            continue
        links.append(
            RelationDraft(
                ids[ends[0]], ids[ends[1]], kind, annotator=_feature(relation, "annotator")
            )
        )
    if skipped:
        warnings.append(f"{origin}: {skipped} relation(s) without a type or span ends skipped")
    return tuple(links)
