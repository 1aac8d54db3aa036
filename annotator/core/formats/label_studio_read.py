"""Import Label Studio JSON tasks (a list, one task, or JSON lines of tasks are all accepted
as a list): ``annotations`` and ``predictions`` regions of type ``labels``.

Each task is one document; a broken task fails alone with the file and task number. An
annotation's analyst is its ``annotator`` (ours), else ``completed_by`` (email or id); a
prediction's is ``prediction:<model_version>``. A region with several labels becomes one
span per label. Offsets: see ``label_studio``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import SourceError
from annotator.core.formats.anchoring import anchor
from annotator.core.formats.jsonfile import load_json, peek
from annotator.core.model import AnnotationDraft, ArticleDraft, ReadFailure
from annotator.core.sources.drafts import build_draft
from annotator.core.sources.failures import failure

Result = ArticleDraft | ReadFailure


class _Bad(ValueError):
    """A broken task; the caller adds the file and task number."""


def sniff(path: Path) -> bool:
    if not path.is_file() or path.suffix.lower() != ".json":
        return False
    head = peek(path)
    return '"data"' in head and head.lstrip().startswith(("[", "{"))


def read(path: Path) -> Iterator[Result]:
    try:
        data = load_json(path)
    except SourceError as exc:
        yield failure(exc)
        return
    tasks = data if isinstance(data, list) else [data]
    if not tasks:
        yield failure(SourceError(path, "the file holds no tasks; nothing to import."))
    for number, item in enumerate(tasks, start=1):
        where = f"{path}, task {number}"
        try:
            yield _task(item, where)
        except _Bad as exc:
            yield ReadFailure(where, f"{where}: {exc}.")


def _task(item: Any, where: str) -> ArticleDraft:
    if not isinstance(item, dict) or not isinstance(item.get("data"), dict):
        raise _Bad('expected an object with "data"')
    data = item["data"]
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise _Bad('"data.text" must be a non-empty string')
    drafts: list[AnnotationDraft] = []
    for kind in ("annotations", "predictions"):
        entries = item.get(kind) or []
        if not isinstance(entries, list):
            raise _Bad(f'"{kind}" must be a list')
        for entry in entries:
            if not isinstance(entry, dict):
                raise _Bad(f'every item of "{kind}" must be an object')
            drafts.extend(_results(entry, text, _who(entry, kind)))
    title = data.get("title") if isinstance(data.get("title"), str) else None
    document_id = data.get("document_id")
    return build_draft(
        text,
        where,
        {"title": title},
        id=document_id if isinstance(document_id, str) else None,
        annotations=tuple(drafts),
    )


def _who(entry: dict[str, Any], kind: str) -> str | None:
    if kind == "predictions":
        return f"prediction:{entry.get('model_version') or 'unknown'}"
    if isinstance(entry.get("annotator"), str):
        return str(entry["annotator"])
    user = entry.get("completed_by")
    if isinstance(user, dict):
        user = user.get("email") or user.get("id")
    return None if user is None else str(user)


def _results(entry: dict[str, Any], text: str, annotator: str | None) -> list[AnnotationDraft]:
    result = entry.get("result") or []
    if not isinstance(result, list):
        raise _Bad('"result" must be a list')
    notes = {
        r["id"]: "\n".join(map(str, r["value"]["text"]))
        for r in result
        if isinstance(r, dict) and r.get("type") == "textarea" and _texts(r)
    }
    drafts = []
    for region in result:
        if not isinstance(region, dict) or region.get("type") != "labels":
            continue
        value = region.get("value")
        if not isinstance(value, dict):
            raise _Bad(f"region {region.get('id')!r} has no value")
        start, end = _place(value, text, region.get("id"))
        attributes = value.get("attributes")
        labels = value.get("labels") or []
        if not isinstance(labels, list):
            raise _Bad(f"region {region.get('id')!r}: labels must be a list of strings")
        region_id = region.get("id") if isinstance(region.get("id"), str) else None
        for label in labels:
            if not isinstance(label, str) or not label.strip():
                raise _Bad(f"region {region.get('id')!r}: labels must be strings")
            drafts.append(
                AnnotationDraft(
                    start=start,
                    end=end,
                    tag=label.strip(),
                    id=_region_id(region_id, label, labels),
                    annotator=annotator,
                    note=notes.get(region_id, "") if region_id is not None else "",
                    attributes=attributes if isinstance(attributes, dict) else {},
                )
            )
    return drafts


def _texts(region: dict[str, Any]) -> bool:
    """A note region as Label Studio writes one: a string id and a list of texts."""
    value = region.get("value")
    return (
        isinstance(region.get("id"), str)
        and isinstance(value, dict)
        and isinstance(value.get("text"), list)
    )


def _region_id(region_id: str | None, label: str, labels: list[Any]) -> str | None:
    if region_id is None or len(region_id) < 16:
        return None  # Label Studio's own 10-character ids are unique per task only
    return region_id if len(labels) == 1 else f"{region_id}:{label}"


def _place(value: dict[str, Any], text: str, region_id: Any) -> tuple[int, int]:
    start, end, quote = value.get("start"), value.get("end"), value.get("text")
    for name, number in (("start", start), ("end", end)):
        if not isinstance(number, int) or isinstance(number, bool):
            raise _Bad(f"region {region_id!r}: {name} must be a whole number, not {number!r}")
    assert isinstance(start, int) and isinstance(end, int)
    exact = quote if isinstance(quote, str) else None
    fits = 0 <= start < end <= len(text)
    if fits and (exact is None or text[start:end] == exact):
        return start, end
    placed = _utf16(text, start, end, exact) if exact is not None else None
    if placed is None:
        placed = anchor(text, exact, start, end)
    if placed is None:
        raise _Bad(
            f"region {region_id!r}: {start}-{end} does not fit the text "
            f"({len(text)} characters) and its quote is not found in it"
        )
    return placed


def _utf16(text: str, start: int, end: int, exact: str) -> tuple[int, int] | None:
    """Offsets older Label Studio versions wrote in UTF-16 units, converted to code points."""
    units = 0
    points: dict[int, int] = {}
    for index, char in enumerate(text):
        points[units] = index
        units += 2 if ord(char) > 0xFFFF else 1
    points[units] = len(text)
    if start in points and end in points and text[points[start] : points[end]] == exact:
        return points[start], points[end]
    return None
