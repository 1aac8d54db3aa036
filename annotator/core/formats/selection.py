"""What an export writes: which documents, and which of their annotations.

Every format goes through ``iter_selected`` so that a filter chosen in the CLI or the GUI
means the same thing in every format. Annotator and tag filters narrow the annotations, not
the documents: a selected document without a matching span is still exported (with no
spans), because for training data an unannotated text is a negative example, not noise.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from annotator.core.model import Annotation, Document, DocumentId
from annotator.core.safe_write import atomic_text_writer
from annotator.core.storage.store import Store

BATCH = 200
"""Documents loaded per query: bounded memory on large corpora, few round trips."""


@dataclass(frozen=True)
class Selection:
    """Filters of one export; ``None`` means "all"."""

    document_ids: Sequence[DocumentId] | None = None
    annotators: Collection[str] | None = None
    tags: Collection[str] | None = None

    def keeps(self, annotation: Annotation) -> bool:
        if self.annotators is not None and annotation.annotator not in self.annotators:
            return False
        return self.tags is None or annotation.tag in self.tags


def content_order(annotation: Annotation) -> tuple[int, int, str, str, str, str, str]:
    """Span order with ties broken by content, not by random ids, so that the same
    annotations export identically from any project (round trips compare byte for byte)."""
    attributes = json.dumps(dict(annotation.attributes), sort_keys=True, default=str)
    a = annotation
    return (a.start, -a.end, a.tag, a.annotator, a.note, attributes, a.id)


def iter_selected(
    store: Store,
    selection: Selection,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Iterator[tuple[Document, list[Annotation]]]:
    """Documents in project order with their kept annotations; stops early on Cancel.

    The caller learns of a Cancel by asking ``cancelled()`` itself after the loop.
    """
    chosen = selection.document_ids
    ids = list(chosen) if chosen is not None else store.document_ids()
    done = 0
    for first in range(0, len(ids), BATCH):
        if cancelled is not None and cancelled():
            return
        chunk = ids[first : first + BATCH]
        annotations = store.annotations_for(chunk)
        for document in store.documents(chunk):
            kept = [a for a in annotations[document.id] if selection.keeps(a)]
            yield document, sorted(kept, key=content_order)
            done += 1
        if progress is not None:
            progress(done, len(ids))


def write_documents(
    store: Store,
    output: Path,
    selection: Selection,
    render: Callable[[Document, list[Annotation]], str],
    *,
    head: str = "",
    tail: str = "",
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write ``head``, one rendered chunk per selected document, then ``tail``, atomically:
    a Cancel or a failure leaves no file behind. Returns the number of documents written."""
    written = 0
    with atomic_text_writer(output) as out:
        out.write(head)
        for document, kept in iter_selected(
            store, selection, progress=progress, cancelled=cancelled
        ):
            out.write(render(document, kept))
            written += 1
        out.write(tail)
        if cancelled is not None and cancelled():
            out.abandon()
    return written
