"""Turn one JSON record of a corpus into an ``ArticleDraft``.

Records come from doccano, from our own export and from scripts analysts write, so the
known fields are checked and everything else is kept in ``meta`` rather than dropped
(doccano, for one, flattens document metadata into top-level keys).

Text that carries annotations is kept byte-for-byte: its offsets count its exact
characters, so normalising newlines would shift every span after a ``\\r\\n``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from annotator.core.errors import SourceError
from annotator.core.model import ArticleDraft
from annotator.core.sources.annotations import (
    AnnotationProblem,
    is_category_list,
    read_annotations,
    read_relations,
)
from annotator.core.sources.dates import published_value
from annotator.core.sources.drafts import build_draft
from annotator.core.sources.jsonvalues import describe
from annotator.core.sources.normalise import normalise_text

FIELDS = {
    "title": "title",
    "source": "source",
    "url": "url",
    "author": "author",
    "language": "language",
    "date": "published",
    "published": "published",
}
"""Top-level key -> ``ArticleDraft`` field."""
LIFTED_FROM_META = ("title", "source", "url", "author", "published", "language")
_STRUCTURE = frozenset({"text", "meta", "id", "label", "annotations", "relations", *FIELDS})
CARRIAGE_RETURN = (
    '"text" contains carriage returns (\\r) and the annotations count them; '
    "convert the line endings to \\n and shift the offsets, then import it again"
)


class _FieldProblem(ValueError):
    """What is wrong with one field; the caller adds the file and line."""


def draft_from_record(record: dict[str, Any], origin: str, number: int) -> ArticleDraft:
    """Raises ``SourceError`` naming ``origin`` and line ``number`` for any bad field."""
    try:
        return _draft(record, f"{origin}, line {number}")
    except (AnnotationProblem, _FieldProblem) as exc:
        raise SourceError(origin, f"{exc}.", number) from None


def _draft(record: dict[str, Any], origin: str) -> ArticleDraft:
    text = _text(record.get("text"))
    annotations = read_annotations(record, text)
    if annotations and "\r" in text:
        raise _FieldProblem(CARRIAGE_RETURN)
    meta = _meta(record)
    fields = _fields(record, meta)
    draft = build_draft(
        text if annotations else normalise_text(text),
        origin,
        fields,
        meta=meta,
        id=_id(record.get("id")),
        annotations=annotations,
    )
    links = read_relations(record)
    return replace(draft, relations=links) if links else draft


def _text(value: object) -> str:
    if value is None:
        raise _FieldProblem('the record has no "text" field; every record needs its article text')
    if not isinstance(value, str):
        raise _FieldProblem(f'"text" must be a string, not {describe(value)}')
    if not value.strip():
        raise _FieldProblem('"text" is empty; there is nothing to import')
    if "\x00" in value:
        raise _FieldProblem('"text" contains a NUL character (\\u0000); remove it')
    return value


def _meta(record: dict[str, Any]) -> dict[str, Any]:
    meta = record.get("meta")
    if meta is not None and not isinstance(meta, dict):
        raise _FieldProblem(f'"meta" must be an object, not {describe(meta)}')
    result = dict(meta or {})
    for key, value in record.items():
        if key not in _STRUCTURE:
            result.setdefault(key, value)
    if is_category_list(record.get("label")):
        result.setdefault("label", record["label"])
    return result


def _fields(record: dict[str, Any], meta: dict[str, Any]) -> dict[str, str | None]:
    """Top-level fields, then those ``meta`` holds (lifted out of it) for what is missing."""
    fields: dict[str, str | None] = {}
    for key, name in FIELDS.items():
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise _FieldProblem(f'"{key}" must be a string, not {describe(value)}')
        if value and value.strip() and not fields.get(name):
            fields[name] = value.strip()
    for key in LIFTED_FROM_META:
        if not fields.get(key) and isinstance(meta.get(key), str) and meta[key].strip():
            fields[key] = meta.pop(key).strip()
    if fields.get("published"):
        fields["published"] = published_value(str(fields["published"]))
    return fields


def _id(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # doccano numbers its records
    if not isinstance(value, str):
        raise _FieldProblem(f'"id" must be a string, not {describe(value)}')
    return value.strip() or None
