"""Search and "tag all occurrences", the part of the ``Project`` facade behind Ctrl+F and
the corpus search (a mixin, like ``tag_service``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from annotator.core.edits import AddAnnotation, CompositeEdit, Edit
from annotator.core.find import find_in_text
from annotator.core.model import Annotation, Document, SearchHit
from annotator.core.storage import search
from annotator.core.storage.store import Store


class SearchService:
    store: Store

    if TYPE_CHECKING:  # provided by Project

        def annotations(self, document_id: str) -> list[Annotation]: ...

        def new_annotation(
            self, document: Document, start: int, end: int, tag: str
        ) -> AddAnnotation: ...

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
            taken = {(a.start, a.end) for a in self.annotations(document.id) if a.tag == tag}
            for start, end in find_in_text(document.text, phrase, case_sensitive):
                if (start, end) not in taken:
                    edits.append(self.new_annotation(document, start, end, tag))
        label = f"Tag {len(edits)} × “{phrase}” as {tag}"
        return CompositeEdit(tuple(edits), label)
