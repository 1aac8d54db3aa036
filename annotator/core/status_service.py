"""Per-analyst document status, the part of the ``Project`` facade behind the corpus
list's status column and "mark done" (a mixin, like ``tag_service``).

Status changes only when asked: tagging a span in a "new" document leaves it "new", so the
GUI (not the core) decides whether the first annotation means "in progress".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from annotator.core.errors import AnnotatorError, NotFoundError
from annotator.core.model import (
    DOCUMENT_STATUSES,
    DocumentId,
    DocumentStatus,
    DocumentSummary,
)
from annotator.core.status_edits import SetStatus
from annotator.core.storage import document_status
from annotator.core.storage.store import Store


class StatusService:
    store: Store
    analyst: str

    def status(self, document_id: str) -> DocumentStatus:
        """The current analyst's status of a document ("new" until set)."""
        return document_status.status(self.store, document_id, self.analyst)

    def set_status(self, document_id: str, status: str) -> SetStatus:
        """An edit setting the current analyst's status; nothing is written until applied."""
        wanted = _checked(status)
        if not self.store.has_document(document_id):
            raise NotFoundError(f"There is no document with id {document_id}.")
        before = self.status(document_id)
        return SetStatus(DocumentId(document_id), self.analyst, before, wanted)

    def _with_status(
        self, summaries: Sequence[DocumentSummary], document_id: str | None = None
    ) -> list[DocumentSummary]:
        """The summaries with the current analyst's statuses (one query for all)."""
        found = document_status.statuses(self.store, self.analyst, document_id)
        return [
            replace(summary, status=found[summary.id]) if summary.id in found else summary
            for summary in summaries
        ]


def _checked(status: str) -> DocumentStatus:
    for known in DOCUMENT_STATUSES:
        if known == status:
            return known
    raise AnnotatorError(
        f"'{status}' is not a document status; use one of {', '.join(DOCUMENT_STATUSES)}."
    )
