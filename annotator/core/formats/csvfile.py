"""CSV: one row per annotation, for spreadsheets and quick pivots.

Written for Excel first: UTF-8 with a byte-order mark (without it Excel reads the file as
the legacy code page and mangles every accent), CRLF rows, and every text cell that a
spreadsheet would run as a formula neutralised as OWASP recommends: a cell starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading single quote. The
price is that a quote such as ``-5 degrees`` reads ``'-5 degrees`` in the file; a tool that
needs the exact quote has the offsets and the JSONL export.

The texts themselves are not in the file, so CSV is export-only.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from annotator.core.formats import Format
from annotator.core.formats.selection import Selection, iter_selected
from annotator.core.model import Annotation, Document, DocumentId
from annotator.core.safe_write import atomic_text_writer
from annotator.core.storage.store import Store

COLUMNS = (
    "document_id",
    "title",
    "start",
    "end",
    "tag",
    "quote",
    "annotator",
    "attributes",
    "note",
    "annotation_id",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def neutralise(cell: str) -> str:
    """OWASP CSV-injection defence: a leading quote makes Excel/LibreOffice show text."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


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
    written = 0
    with atomic_text_writer(output) as out:
        out.write(BOM)
        rows = csv.writer(out, lineterminator="\r\n")
        rows.writerow(COLUMNS)
        for document, annotations in iter_selected(
            store, selection, progress=progress, cancelled=cancelled
        ):
            rows.writerows(row(document, annotation) for annotation in annotations)
            written += 1
        if cancelled is not None and cancelled():
            out.abandon()
    return written


def row(document: Document, annotation: Annotation) -> list[str | int]:
    attributes = json.dumps(dict(annotation.attributes), ensure_ascii=False, sort_keys=True)
    cells: list[str | int] = [
        document.id,
        document.title,
        annotation.start,
        annotation.end,
        annotation.tag,
        annotation.quote,
        annotation.annotator,
        attributes,
        annotation.note,
        annotation.id,
    ]
    return [neutralise(cell) if isinstance(cell, str) else cell for cell in cells]


FORMAT = Format(
    name="csv",
    description="CSV table, one row per annotation (Excel)",
    kinds=("file",),
    suffixes=(".csv",),
    export=export,
)
