"""The native JSONL format: one document per line, doccano-compatible.

``label`` is doccano's sequence-labelling list ``[start, end, tag]``; ``annotations`` carries
everything else. Offsets are code points, end exclusive, so ``text[start:end] == quote``.

The export writes from raw rows (``storage.export_rows``) instead of ``Document`` and
``Annotation`` values: building 50,000 frozen values, decoding every timestamp and formatting
it back cost four times the JSON encoding itself. Each line is the same as
``document_record`` of the values would give, byte for byte (a test holds the two together).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

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
from annotator.core.safe_write import atomic_text_writer
from annotator.core.sources import iter_drafts
from annotator.core.storage import export_rows
from annotator.core.storage.export_rows import AnnotationColumns, DocumentColumns
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
    with atomic_text_writer(output) as out:
        for line in _lines(store, selection, progress, cancelled):
            out.write(line)
            written += 1
        if cancelled is not None and cancelled():
            out.abandon()
    return written


def _lines(
    store: Store,
    selection: Selection,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> Iterator[str]:
    """One encoded line per selected document, ``BATCH`` documents per pair of queries."""
    chosen = selection.document_ids
    ids = [str(doc_id) for doc_id in (chosen if chosen is not None else store.document_ids())]
    links = BatchedRelations(store, selection)
    encoder = _Encoder(selection)
    done = 0
    for first in range(0, len(ids), BATCH):
        if cancelled is not None and cancelled():
            return
        chunk = ids[first : first + BATCH]
        annotations = export_rows.live_annotations(store, chunk)
        for document in export_rows.documents(store, chunk):
            yield encoder.line(document, annotations, links.of(document[0]))
            done += 1
        if progress is not None:
            progress(done, len(ids))


class _Encoder:
    """Rows to one JSON line, as ``document_record`` of the values would write it.

    Timestamps repeat (an import stamps a whole file with one time), so each stored form is
    converted once; attributes are decoded only when there are any.
    """

    def __init__(self, selection: Selection) -> None:
        self._annotators = selection.annotators
        self._tags = selection.tags
        self._times: dict[Any, str | None] = {}

    def line(
        self,
        document: DocumentColumns,
        live: export_rows.LiveRows,
        links: Sequence[Relation],
    ) -> str:
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
        keyed = self._records(live.by_document[doc_id], live.tags, live.annotators)
        keyed.sort(key=_first)
        records = [record for _key, record in keyed]
        ids = {record["id"] for record in records}
        record = {
            "id": doc_id,
            "text": text,
            "meta": meta,
            "label": [[r["start"], r["end"], r["tag"]] for r in records],
            "annotations": records,
            "relations": [
                relation_record(r)
                for r in links
                if r.from_annotation in ids and r.to_annotation in ids
            ],
        }
        return json.dumps(record, ensure_ascii=False) + "\n"

    def _records(
        self, rows: list[AnnotationColumns], tag_names: dict[int, str], names: dict[int, str]
    ) -> list[tuple[Any, dict[str, Any]]]:
        """(``content_order`` key, record) of each row the filters keep."""
        annotators, tags, times = self._annotators, self._tags, self._times
        keyed = []
        for ann_id, _doc, tag_id, who_id, start, end, quote, note, raw, made, edited in rows:
            tag, who = tag_names[tag_id], names[who_id]
            if annotators is not None and who not in annotators:
                continue
            if tags is not None and tag not in tags:
                continue
            if raw in _EMPTY_JSON:
                attributes: dict[str, Any] = {}
                canonical = "{}"
            else:
                attributes = _json_object(raw)
                canonical = json.dumps(attributes, sort_keys=True, default=str)
            created = times[made] if made in times else times.setdefault(made, _iso_raw(made))
            updated = (
                times[edited] if edited in times else times.setdefault(edited, _iso_raw(edited))
            )
            keyed.append(
                (
                    (start, -end, tag, who, note, canonical, ann_id),
                    {
                        "id": ann_id,
                        "start": start,
                        "end": end,
                        "tag": tag,
                        "quote": quote,
                        "annotator": who,
                        "note": note,
                        "attributes": attributes,
                        "created": created,
                        "updated": updated,
                    },
                )
            )
        return keyed


def _first(pair: tuple[Any, Any]) -> Any:
    return pair[0]


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
