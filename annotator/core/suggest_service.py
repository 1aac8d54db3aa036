"""Suggestions and the facility gazetteer, the part of the ``Project`` facade behind the
dashed ghost highlights (a mixin, like ``tag_service``).

Suggestions are computed on demand and never stored; accepting one is
``project.new_annotation(document, s.start, s.end, s.tag)``, so the analyst is its author
and only accepted suggestions reach the database or an export.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

from annotator.core.model import AnnotationRef, Document, Tag
from annotator.core.overlaps import SpanSet
from annotator.core.storage import gazetteer
from annotator.core.storage.store import Store
from annotator.core.suggest import SUGGESTED_TAGS, Suggestion, suggest


class SuggestService:
    store: Store

    if TYPE_CHECKING:  # provided by Project

        def document(self, document_id: str) -> Document: ...

        def annotation_refs(self, document_id: str) -> list[AnnotationRef]: ...

        def active_tags(self) -> list[Tag]: ...

    def gazetteer(self) -> tuple[str, ...]:
        """Facility names suggested wherever they occur (case-sensitive, whole words)."""
        return gazetteer.load(self.store)

    def set_gazetteer(self, names: Iterable[str]) -> tuple[str, ...]:
        """Replace the gazetteer (a setting, committed at once, not an undo step);
        returns the names as stored: stripped, no blanks or repeats."""
        return gazetteer.save(self.store, names)

    def suggestions(
        self, document_id: str, tags: Collection[str] | None = None
    ) -> list[Suggestion]:
        """Suggestions for a document, for the project's live tags among ``tags``
        (default: every suggested tag), leaving out any that overlaps an annotation of
        the same tag (by anyone): what is tagged is not suggested again."""
        live = {tag.name for tag in self.active_tags()}
        wanted = [t for t in (SUGGESTED_TAGS if tags is None else tags) if t in live]
        if not wanted:
            return []
        text = self.document(document_id).text
        spans: dict[str, list[tuple[int, int]]] = {}
        for ref in self.annotation_refs(document_id):
            spans.setdefault(ref.tag, []).append((ref.start, ref.end))
        taken = {tag: SpanSet(tagged) for tag, tagged in spans.items()}
        return [
            s
            for s in suggest(text, gazetteer=self.gazetteer(), tags=wanted)
            if s.tag not in taken or not taken[s.tag].overlaps(s.start, s.end)
        ]
