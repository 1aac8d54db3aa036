"""Search and "tag all occurrences", the part of the ``Project`` facade behind Ctrl+F and
the corpus search (a mixin, like ``tag_service``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from annotator.core.bulk import gc_paused
from annotator.core.edits import AddAnnotation, CompositeEdit, Edit
from annotator.core.find import find_in_text
from annotator.core.model import AnnotationRef, Document, SearchHit
from annotator.core.storage import search
from annotator.core.storage.store import Store

CORPUS_BATCH = 50  # documents whose texts are read together by ``tag_all_in_corpus``


class SearchService:
    store: Store

    if TYPE_CHECKING:  # provided by Project

        def annotation_refs(self, document_id: str) -> list[AnnotationRef]: ...

        def new_annotations(
            self, document: Document, spans: Iterable[tuple[int, int]], tag: str
        ) -> list[AddAnnotation]: ...

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Documents whose title or text contain every word of ``query``, best first."""
        return search.search(self.store, query, limit)

    def tag_all_occurrences(
        self,
        documents: Sequence[Document],
        phrase: str,
        tag: str,
        *,
        case_sensitive: bool = False,
    ) -> CompositeEdit:
        """One undoable edit tagging every occurrence of ``phrase`` in ``documents``.

        Occurrences already tagged with ``tag`` at exactly that span (by anyone) are
        skipped, so running it twice adds nothing. The edit may be empty (no ``edits``).
        """
        edits: list[Edit] = []
        for document in documents:
            edits += self._untagged_occurrences(document, phrase, tag, case_sensitive)
        return _tag_all_edit(edits, phrase, tag)

    def tag_all_in_corpus(
        self,
        phrase: str,
        tag: str,
        *,
        case_sensitive: bool = False,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        batch: int = CORPUS_BATCH,
    ) -> CompositeEdit | None:
        """``tag_all_occurrences`` over every document of the project, for a worker thread.

        The texts are read ``batch`` documents at a time, so a corpus is never held in
        memory whole; ``progress(done, total)`` follows the documents and ``cancelled()`` is
        asked between batches: None then, and nothing is written (the edit is only built
        here; applying it is the caller's one transaction).
        """
        document_ids = self.store.document_ids()
        edits: list[Edit] = []
        with gc_paused():  # the edits found all survive: see Project.apply
            for first in range(0, len(document_ids), batch):
                if cancelled is not None and cancelled():
                    return None
                for document in self.store.documents(document_ids[first : first + batch]):
                    edits += self._untagged_occurrences(document, phrase, tag, case_sensitive)
                if progress is not None:
                    progress(min(first + batch, len(document_ids)), len(document_ids))
        return _tag_all_edit(edits, phrase, tag)

    def _untagged_occurrences(
        self, document: Document, phrase: str, tag: str, case_sensitive: bool
    ) -> list[AddAnnotation]:
        """The edits that tag the occurrences in ``document`` not yet tagged ``tag``."""
        refs = self.annotation_refs(document.id)  # the lean read: only spans are compared
        taken = {(ref.start, ref.end) for ref in refs if ref.tag == tag}
        found = find_in_text(document.text, phrase, case_sensitive)
        untagged = [span for span in found if span not in taken]
        return self.new_annotations(document, untagged, tag) if untagged else []


def _tag_all_edit(edits: list[Edit], phrase: str, tag: str) -> CompositeEdit:
    return CompositeEdit(tuple(edits), f"Tag {len(edits)} × “{phrase}” as {tag}")
