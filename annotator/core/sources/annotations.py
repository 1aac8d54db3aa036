"""Read the annotations a corpus record carries, and check each one against its text.

Two shapes exist: doccano's ``"label": [[start, end, "tag"], ...]`` and our own export's
``"annotations": [{...}]``. Our export writes both (``label`` for doccano users), so when
``annotations`` is present it wins. Offsets are code points, end exclusive.

A span that does not fit its text would show the wrong words highlighted, so any doubt
rejects the whole record with a message naming the annotation (counted from 1) and the
problem, instead of importing it half-right.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from annotator.core.model import AnnotationDraft, RelationDraft, annotation_draft
from annotator.core.sources.jsonvalues import describe, quoted


class AnnotationProblem(ValueError):
    """What is wrong with one annotation; the caller adds the file and line."""


def read_annotations(record: Mapping[str, Any], text: str) -> tuple[AnnotationDraft, ...]:
    """The spans of ``record`` (either shape), all checked against ``text``."""
    native = record.get("annotations")
    if native is not None:
        entries = _as_list(native, '"annotations"')
        times: dict[str, datetime] = {}
        return tuple(_native(entry, text, n, times) for n, entry in enumerate(entries, 1))
    label = record.get("label")
    if label is None or is_category_list(label):
        return ()
    entries = _as_list(label, '"label"')
    where = 'annotation {} in "label"'
    return tuple(_doccano(entry, text, where.format(n)) for n, entry in enumerate(entries, 1))


def read_relations(record: Mapping[str, Any]) -> tuple[RelationDraft, ...]:
    """Our export's ``"relations": [{"id", "from", "to", "type", "annotator"}]``; the ends
    name annotation ids of the same record (checked when they are stored)."""
    value = record.get("relations")
    if value is None:
        return ()
    found: list[RelationDraft] = []
    for number, entry in enumerate(_as_list(value, '"relations"'), 1):
        where = f"relation {number}"
        if not isinstance(entry, dict):
            raise AnnotationProblem(f"{where}: expected an object, found {describe(entry)}")
        ends = [_optional_str(entry, key, where) for key in ("from", "to", "type")]
        if not all(ends):
            raise AnnotationProblem(f'{where}: "from", "to" and "type" must be non-empty strings')
        source, target, kind = (str(end) for end in ends)
        found.append(
            RelationDraft(
                from_annotation=source,
                to_annotation=target,
                type=kind,
                id=_optional_str(entry, "id", where) or None,
                annotator=_optional_str(entry, "annotator", where) or None,
            )
        )
    return tuple(found)


def is_category_list(label: object) -> bool:
    """doccano's text-classification export: document labels, not spans."""
    return isinstance(label, list) and bool(label) and all(isinstance(x, str) for x in label)


def _as_list(value: object, name: str) -> list[Any]:
    if not isinstance(value, list):
        raise AnnotationProblem(f"{name} must be a list, not {describe(value)}")
    return value


def _doccano(entry: object, text: str, where: str) -> AnnotationDraft:
    if not isinstance(entry, list) or len(entry) != 3:
        raise AnnotationProblem(f'{where}: expected [start, end, "tag"], found {describe(entry)}')
    start, end = _span(entry[0], entry[1], text, where)
    return AnnotationDraft(start=start, end=end, tag=_tag(entry[2], where))


def _native(entry: object, text: str, number: int, times: dict[str, datetime]) -> AnnotationDraft:
    """Imports read every annotation here: the usual one by ``_usual`` (field-by-field
    checks cost ~6 us an annotation, 0.3 s for 50,000), anything else, every error
    included, by ``_checked_native`` for its message."""
    usual = _usual(entry, text, times) if type(entry) is dict else None
    return usual if usual is not None else _checked_native(entry, text, f"annotation {number}")


def _usual(entry: dict[str, Any], text: str, times: dict[str, datetime]) -> AnnotationDraft | None:
    """The annotation if every field has its usual form, else None. It accepts only what
    ``_checked_native`` accepts and builds the same value (a property test compares them).
    ``times`` keeps the parsed timestamps of one record: exports stamp many annotations
    with the same time."""
    get = entry.get
    start, end, tag, quote = get("start"), get("end"), get("tag"), get("quote")
    ann_id, annotator, note = get("id"), get("annotator"), get("note")
    made, edited, attributes = get("created"), get("updated"), get("attributes")
    if type(start) is not int or type(end) is not int or not 0 <= start < end <= len(text):
        return None
    if type(tag) is not str or not (tag := tag.strip()):
        return None
    if quote is not None and (type(quote) is not str or quote != text[start:end]):
        return None
    if not all(type(value) in _STR_OR_NONE for value in (ann_id, annotator, note, made, edited)):
        return None
    if attributes is not None and type(attributes) is not dict:
        return None
    try:
        created, updated = _parsed_time(made, times), _parsed_time(edited, times)
    except ValueError:
        return None
    return annotation_draft(
        start=start,
        end=end,
        tag=tag,
        id=ann_id or None,
        annotator=annotator or None,
        note=note or "",
        attributes={} if attributes is None else attributes,
        quote=quote,
        created=created,
        updated=updated,
    )


def _parsed_time(value: str | None, times: dict[str, datetime]) -> datetime | None:
    if not value:
        return None
    parsed = times.get(value)
    if parsed is None:
        parsed = times[value] = datetime.fromisoformat(value)
    return parsed


_STR_OR_NONE = frozenset({str, type(None)})


def _checked_native(entry: object, text: str, where: str) -> AnnotationDraft:
    """Every field checked in turn, so that an error names the first problem."""
    if not isinstance(entry, dict):
        raise AnnotationProblem(f"{where}: expected an object, found {describe(entry)}")
    start, end = _span(entry.get("start"), entry.get("end"), text, where)
    quote = _optional_str(entry, "quote", where)
    if quote is not None and quote != text[start:end]:
        raise AnnotationProblem(
            f"{where}: quote {quoted(quote)} does not match the text at {start}-{end} "
            f"({quoted(text[start:end])}); the text or the offsets were changed"
        )
    return AnnotationDraft(
        start=start,
        end=end,
        tag=_tag(entry.get("tag"), where),
        id=_optional_str(entry, "id", where) or None,
        annotator=_optional_str(entry, "annotator", where) or None,
        note=_optional_str(entry, "note", where) or "",
        attributes=_attributes(entry.get("attributes"), where),
        quote=quote,
        created=_time(entry, "created", where),
        updated=_time(entry, "updated", where),
    )


def _span(start: object, end: object, text: str, where: str) -> tuple[int, int]:
    for name, value in (("start", start), ("end", end)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise AnnotationProblem(
                f"{where}: {name} must be a whole number, not {describe(value)}"
            )
    assert isinstance(start, int) and isinstance(end, int)
    if start < 0:
        raise AnnotationProblem(f"{where}: start {start} is negative")
    if start >= end:
        raise AnnotationProblem(f"{where}: start {start} is not before end {end}")
    if end > len(text):
        raise AnnotationProblem(
            f"{where}: end {end} is past the end of the text ({len(text)} characters)"
        )
    return start, end


def _tag(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise AnnotationProblem(
            f"{where}: the tag must be a non-empty string, not {describe(value)}"
        )
    return value.strip()


def _optional_str(entry: Mapping[str, Any], key: str, where: str) -> str | None:
    value = entry.get(key)
    if value is not None and not isinstance(value, str):
        raise AnnotationProblem(f'{where}: "{key}" must be a string, not {describe(value)}')
    return value


def _attributes(value: object, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise AnnotationProblem(f'{where}: "attributes" must be an object, not {describe(value)}')
    return value


def _time(entry: Mapping[str, Any], key: str, where: str) -> datetime | None:
    value = _optional_str(entry, key, where)
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise AnnotationProblem(
            f'{where}: "{key}" {describe(value)} is not an ISO-8601 time such as '
            '"2024-05-01T12:30:00+00:00"'
        ) from None
