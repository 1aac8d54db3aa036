"""Search and "tag all occurrences", the part of the ``Project`` facade behind Ctrl+F and
the corpus search (a mixin, like ``tag_service``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from annotator.core.edits import AddAnnotation, CompositeEdit, Edit
from annotator.core.find import find_in_text
from annotator.core.model import AnnotationRef, Document, SearchHit
from annotator.core.storage import search
from annotator.core.storage.store import Store


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
            refs = self.annotation_refs(document.id)  # the lean read: only spans are compared
            taken = {(ref.start, ref.end) for ref in refs if ref.tag == tag}
            found = find_in_text(document.text, phrase, case_sensitive)
            untagged = [span for span in found if span not in taken]
            if untagged:
                edits += self.new_annotations(document, untagged, tag)
        label = f"Tag {len(edits)} × “{phrase}” as {tag}"
        return CompositeEdit(tuple(edits), label)
