"""Import a W3C Web Annotation file (ours or another tool's): collection, page, list or one
annotation.

Texts come from the collection's ``documents`` (see ``w3c``). Each annotation is placed by
its ``TextPositionSelector`` when the document's ``sha256`` says the text is the one it was
made on (or the position still covers the quote), else re-anchored by its
``TextQuoteSelector`` (quote + prefix/suffix). Annotations that cannot be placed are left
out and named in the document's warnings; a structurally broken annotation fails its
document (file and annotation number in the message), so nothing half-read is stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from annotator.core.errors import SourceError
from annotator.core.formats.anchoring import anchor
from annotator.core.formats.jsonfile import load_json, peek
from annotator.core.model import AnnotationDraft, ArticleDraft, ReadFailure
from annotator.core.sources.drafts import build_draft
from annotator.core.sources.failures import failure
from annotator.core.storage.store import text_sha256

DOCUMENT_IRI = "urn:annotator:document:"
_MARKERS = ("anno.jsonld", '"AnnotationCollection"', '"TextQuoteSelector"')

Result = ArticleDraft | ReadFailure


class _Bad(ValueError):
    """A broken annotation; the caller adds the file and its number."""


def sniff(path: Path) -> bool:
    if not path.is_file() or path.suffix.lower() not in (".json", ".jsonld"):
        return False
    head = peek(path)
    return any(marker in head for marker in _MARKERS)


def read(path: Path) -> Iterator[Result]:
    try:
        data = load_json(path)
    except SourceError as exc:
        yield failure(exc)
        return
    listed = _list(data.get("documents")) if isinstance(data, dict) else []
    documents = {d["id"]: d for d in listed if isinstance(d, dict) and isinstance(d.get("id"), str)}
    grouped: dict[str, list[tuple[int, dict[str, Any]]]] = {iri: [] for iri in documents}
    for number, node in enumerate(_annotations(data), start=1):
        source = _source(node)
        if not isinstance(source, str) or source not in documents:
            where = f"{path}, annotation {number}"
            yield ReadFailure(
                where,
                f"{where}: its target {source!r} is not among the documents of this file, "
                "so its text is unknown.",
            )
            continue
        grouped[source].append((number, node))
    if not documents:
        yield failure(
            SourceError(path, 'the file holds no document texts ("documents"); nothing to import.')
        )
    for iri, nodes in grouped.items():
        yield _document(path, iri, documents[iri], nodes)


def _annotations(data: Any) -> list[Any]:
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        return []
    kind = data.get("type")
    if kind == "Annotation":
        return [data]
    page = data.get("first") if kind == "AnnotationCollection" else data
    items: list[Any] = []
    while isinstance(page, dict):
        items.extend(_list(page.get("items")))
        page = page.get("next") if isinstance(page.get("next"), dict) else None
    return items


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _source(node: Any) -> Any:
    """The target's document IRI as the file gives it (a string, if the file is sound)."""
    if not isinstance(node, dict):
        return None
    target = _list(node.get("target"))
    first = target[0] if target else None
    if isinstance(first, str):
        return first
    if isinstance(first, dict):
        source = first.get("source")
        return source.get("id") if isinstance(source, dict) else source
    return None


def _document(
    path: Path, iri: str, doc: dict[str, Any], nodes: list[tuple[int, dict[str, Any]]]
) -> Result:
    text = doc.get("value")
    origin = f"{path}, document {iri}"
    if not isinstance(text, str) or not text.strip():
        return ReadFailure(origin, f'{origin}: the document has no text ("value").')
    trusted = doc.get("sha256") == text_sha256(text)
    drafts: list[AnnotationDraft] = []
    unplaced: list[str] = []
    for number, node in nodes:
        try:
            draft = _annotation(node, text, trusted)
        except (_Bad, ValueError) as exc:
            where = f"{path}, annotation {number}"
            return ReadFailure(where, f"{where}: {exc}.")
        if draft is None:
            unplaced.append(str(number))
        else:
            drafts.append(draft)
    warnings: tuple[str, ...] = ()
    if unplaced:
        numbers = ", ".join(unplaced)
        warnings = (f"{origin}: annotation(s) {numbers} could not be placed and were left out",)
    document_id = iri[len(DOCUMENT_IRI) :] if iri.startswith(DOCUMENT_IRI) else None
    url = iri if iri.startswith(("http://", "https://")) else None
    title = doc.get("label") if isinstance(doc.get("label"), str) else None
    article = build_draft(
        text, origin, {"title": title, "url": url}, id=document_id, annotations=tuple(drafts)
    )
    return replace(article, warnings=warnings)


def _annotation(node: dict[str, Any], text: str, trusted: bool) -> AnnotationDraft | None:
    target = _list(node.get("target"))[0]
    if not isinstance(target, dict):
        raise _Bad("the target has no selector")
    quote: dict[str, Any] = {}
    position: dict[str, Any] = {}
    for selector in _list(target.get("selector")):
        if isinstance(selector, dict) and selector.get("type") == "TextQuoteSelector":
            quote = selector
        elif isinstance(selector, dict) and selector.get("type") == "TextPositionSelector":
            position = selector
    if not quote and not position:
        raise _Bad("no TextQuoteSelector or TextPositionSelector")
    start, end = position.get("start"), position.get("end")
    for name, value in (("start", start), ("end", end)):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise _Bad(f"{name} must be a whole number, not {value!r}")
    exact = quote.get("exact")
    if exact is not None and not isinstance(exact, str):
        raise _Bad('"exact" must be a string')
    placed = anchor(
        text,
        exact,
        start,
        end,
        prefix=_str(quote.get("prefix")),
        suffix=_str(quote.get("suffix")),
        trust_position=trusted,
    )
    if placed is None:
        return None
    tag, note, attributes = _bodies(node)
    node_id = node.get("id")
    return AnnotationDraft(
        start=placed[0],
        end=placed[1],
        tag=tag,
        id=node_id[len("urn:uuid:") :]
        if isinstance(node_id, str) and node_id.startswith("urn:uuid:")
        else None,
        annotator=_creator(node.get("creator")),
        note=note,
        attributes=attributes,
        created=_time(node.get("created")),
        updated=_time(node.get("modified")),
    )


def _bodies(node: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    tag, note, attributes = None, "", {}
    for body in _list(node.get("body")):
        if isinstance(body, str):
            tag = tag or body
            continue
        if not isinstance(body, dict) or not isinstance(body.get("value"), str):
            continue
        purpose = body.get("purpose")
        if purpose == "commenting":
            note = body["value"]
        elif purpose == "describing" and body.get("format") == "application/json":
            try:
                loaded = json.loads(body["value"])
            except json.JSONDecodeError:
                raise _Bad("the describing body is not JSON") from None
            attributes = loaded if isinstance(loaded, dict) else {}
        elif purpose in ("tagging", "classifying", None) and tag is None:
            tag = body["value"]
    if tag is None and isinstance(node.get("bodyValue"), str):
        tag = node["bodyValue"]
    if not tag or not tag.strip():
        raise _Bad("no tagging body names the tag")
    return tag.strip(), note, attributes


def _creator(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for key in ("nickname", "name", "id"):
            if isinstance(value.get(key), str):
                return str(value[key])
    return None


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""
