"""Relations of the exported documents, fetched a batch of documents at a time.

Formats that write relations (JSONL, brat, XMI, ...) visit documents in project order; one
query per document cost most of an export's time, so relations are loaded for ``BATCH``
documents at once, in the same order ``iter_selected`` visits them.
"""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.formats.selection import BATCH, Selection
from annotator.core.model import Annotation, Relation
from annotator.core.storage import relations
from annotator.core.storage.store import Store


class BatchedRelations:
    """``of(document_id)``: the live relations of one document, from a batched query."""

    def __init__(self, store: Store, selection: Selection) -> None:
        chosen = selection.document_ids
        self._store = store
        ids = list(chosen) if chosen is not None else store.document_ids()
        self._ids: list[str] = [str(doc_id) for doc_id in ids]
        self._position = {doc_id: index for index, doc_id in enumerate(self._ids)}
        self._cache: dict[str, list[Relation]] = {}

    def of(self, document_id: str) -> list[Relation]:
        if document_id not in self._cache:
            first = self._position.get(document_id, 0) // BATCH * BATCH
            chunk = self._ids[first : first + BATCH] or [document_id]
            self._cache = relations.for_documents(self._store, chunk)
        return self._cache.get(document_id, [])


def kept_relations(links: Sequence[Relation], annotations: Sequence[Annotation]) -> list[Relation]:
    """The relations whose two ends survived the export's filters (the others would dangle)."""
    ids = {annotation.id for annotation in annotations}
    return [r for r in links if r.from_annotation in ids and r.to_annotation in ids]
