"""The native JSONL format: one document per line, doccano-compatible.

``label`` is doccano's sequence-labelling list ``[start, end, tag]``; ``annotations`` carries
everything else. Offsets are code points, end exclusive, so ``text[start:end] == quote``.

The export writes from raw rows (``storage.export_rows``) instead of ``Document`` and
``Annotation`` values: building 50,000 frozen values, decoding every timestamp and formatting
it back cost four times the JSON encoding itself. Lines are compact JSON encoded by orjson
(``encode_line``): the standard library's encoder alone took longer than reading the rows.
Each line is the same as ``encode_line(document_record(...))`` of the values would give,
byte for byte (a test holds the two together).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from annotator.core.bulk import gc_paused
from annotator.core.formats import Format
from annotator.core.formats.relation_batches import BatchedRelations, kept_relations
from annotator.core.formats.selection import BATCH, Selection
from annotator.core.model import (
    Annotation,
    ArticleDraft,
    Document,
    DocumentId,
    ReadFailure,
    Relation,
)
from annotator.core.safe_write import atomic_binary_writer
from annotator.core.sources import iter_drafts
from annotator.core.storage import export_rows
from annotator.core.storage.export_rows import DocumentColumns
from annotator.core.storage.store import Store

META_FIELDS = ("title", "source", "author", "url", "published", "language")


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
    """Documents in project order (or as chosen), atomically: a Cancel leaves no file."""
    selection = Selection(document_ids, annotators, tags)
    written = 0
    # The collector stays off for the whole export, not per step: turned back on while a
    # batch's rows were alive, it walked all of them at the next allocation.
    with atomic_binary_writer(output) as out, gc_paused():
        for line in _lines(store, selection, progress, cancelled):
            out.write(line)
            written += 1
        if cancelled is not None and cancelled():
            out.abandon()
    return written


def encode_line(record: dict[str, Any]) -> bytes:
    """One JSONL line: compact UTF-8 JSON (orjson, in C) and a newline.

    Every line of this format goes through here, whichever path built the record. What
    orjson refuses (an integer beyond 64 bits in free metadata, say) falls back to the
    standard library with the same separators, so the file stays one format.
    """
    try:
        return orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:
        text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        return (text + "\n").encode("utf-8")


def _lines(
    store: Store,
    selection: Selection,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> Iterator[bytes]:
    """One encoded line per selected document, ``BATCH`` documents per pair of queries."""
    chosen = selection.document_ids
    ids = [str(doc_id) for doc_id in (chosen if chosen is not None else store.document_ids())]
    links = BatchedRelations(store, selection)
    encoder = _Encoder()
    done = 0
    for first in range(0, len(ids), BATCH):
        if cancelled is not None and cancelled():
            return
        chunk = ids[first : first + BATCH]
        rows = export_rows.named_annotations(store, chunk, selection.annotators, selection.tags)
        by_document = encoder.records(rows)
        for document in export_rows.documents(store, chunk):
            doc_id = document[0]
            yield encoder.line(document, by_document.get(doc_id, []), links.of(doc_id))
            done += 1
        if progress is not None:
            progress(done, len(ids))


_NO_ATTRIBUTES: dict[str, Any] = {}  # shared by every record without any: only encoded
_UNSEEN = object()


class _Encoder:
    """Rows to one JSON line, as ``encode_line(document_record(...))`` of the values would
    write it.

    Timestamps repeat (an import stamps a whole file with one time), so each stored form is
    converted once; attributes are decoded only when there are any.
    """

    def __init__(self) -> None:
        self._times: dict[Any, Any] = {}

    def records(self, rows: list[export_rows.NamedColumns]) -> dict[str, list[dict[str, Any]]]:
        """Each document's annotation records in ``content_order``. The rows come sorted by
        document and span; only a document with attributes is sorted again, since they may
        break a tie."""
        times = self._times
        grouped: dict[str, list[dict[str, Any]]] = {}
        unsorted: set[str] = set()
        current: list[dict[str, Any]] = []
        current_id = None
        for row in rows:
            doc_id, start, minus_end, tag, who, note, ann_id, quote, raw, made, edited = row
            if doc_id != current_id:
                current = grouped[doc_id] = []
                current_id = doc_id
            if raw is None or raw == "{}":
                attributes = _NO_ATTRIBUTES
            else:
                attributes = _json_object(raw)
                if attributes:
                    unsorted.add(doc_id)
            created = times.get(made, _UNSEEN)
            if created is _UNSEEN:
                created = times[made] = _iso_raw(made)
            updated = created if edited is None else times.get(edited, _UNSEEN)
            if updated is _UNSEEN:
                updated = times[edited] = _iso_raw(edited)
            current.append(
                {
                    "id": ann_id,
                    "start": start,
                    "end": -minus_end,
                    "tag": tag,
                    "quote": quote,
                    "annotator": who,
                    "note": note,
                    "attributes": attributes,
                    "created": created,
                    "updated": updated,
                }
            )
        for doc_id in unsorted:
            grouped[doc_id].sort(key=_record_order)
        return grouped

    def line(
        self,
        document: DocumentColumns,
        records: list[dict[str, Any]],
        links: Sequence[Relation],
    ) -> bytes:
        doc_id, title, source, author, url, published, language, meta_raw, text, sha = document
        meta: dict[str, Any] = {
            name: value
            for name, value in zip(
                META_FIELDS, (title, source, author, url, published, language), strict=True
            )
            if value is not None
        }
        meta.update(_json_object(meta_raw))
        meta["sha256"] = sha
        relations = []
        if links:
            ids = {record["id"] for record in records}
            relations = [
                relation_record(r)
                for r in links
                if r.from_annotation in ids and r.to_annotation in ids
            ]
        record = {
            "id": doc_id,
            "text": text,
            "meta": meta,
            "label": [[r["start"], r["end"], r["tag"]] for r in records],
            "annotations": records,
            "relations": relations,
        }
        return encode_line(record)


def _record_order(record: dict[str, Any]) -> tuple[int, int, str, str, str, str, str]:
    """``content_order`` of an annotation record."""
    r = record
    canonical = json.dumps(r["attributes"], sort_keys=True, default=str)
    return (r["start"], -r["end"], r["tag"], r["annotator"], r["note"], canonical, r["id"])


_EMPTY_JSON = ("{}", "null", None)


def _json_object(raw: Any) -> dict[str, Any]:
    """A JSON column as read raw: text on SQLite, already decoded by some drivers."""
    if raw in _EMPTY_JSON:
        return {}
    value = json.loads(raw) if isinstance(raw, str | bytes) else raw
    return dict(value) if isinstance(value, dict) else {}


def _iso_raw(raw: Any) -> str | None:
    return export_rows.iso_utc(raw)


def read(path: Path) -> Iterator[ArticleDraft | ReadFailure]:
    """Our own export and doccano files: the corpus reader of ``core.sources`` does it all."""
    return iter_drafts([path])


def document_record(
    document: Document,
    annotations: Sequence[Annotation],
    links: Sequence[Relation] = (),
) -> dict[str, Any]:
    """``links`` whose ends were filtered out of ``annotations`` are left out with them."""
    meta: dict[str, Any] = {name: getattr(document, name) for name in META_FIELDS}
    meta = {key: value for key, value in meta.items() if value is not None}
    meta.update(document.meta)
    meta["sha256"] = document.sha256
    return {
        "id": document.id,
        "text": document.text,
        "meta": meta,
        "label": [[a.start, a.end, a.tag] for a in annotations],
        "annotations": [annotation_record(a) for a in annotations],
        "relations": [relation_record(r) for r in kept_relations(links, annotations)],
    }


def relation_record(relation: Relation) -> dict[str, Any]:
    return {
        "id": relation.id,
        "from": relation.from_annotation,
        "to": relation.to_annotation,
        "type": relation.type,
        "annotator": relation.annotator,
    }


def annotation_record(annotation: Annotation) -> dict[str, Any]:
    return {
        "id": annotation.id,
        "start": annotation.start,
        "end": annotation.end,
        "tag": annotation.tag,
        "quote": annotation.quote,
        "annotator": annotation.annotator,
        "note": annotation.note,
        "attributes": dict(annotation.attributes),
        "created": _iso(annotation.created),
        "updated": _iso(annotation.updated),
    }


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _sniff(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() == ".jsonl"


FORMAT = Format(
    name="jsonl",
    description="Annotator JSONL (doccano compatible)",
    kinds=("file",),
    suffixes=(".jsonl",),
    export=export,
    read=read,
    sniff=_sniff,
)
