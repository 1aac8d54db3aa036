"""Which documents the corpus list shows, and in which order: its sort and its filters.

Worked out here over plain values rather than by a ``QSortFilterProxyModel``, which asked
the model's ``data()`` from C++ for every comparison and for every cell it filtered, each a
call into Python: sorting 10,000 documents took 0.6-1.0 s, each key typed in the filter box
0.2-0.4 s, and refreshing a sorted list 0.75 s, all on the GUI thread. Here each document's
sort key and filter text are made once (and again only when that document changes); a sort
is then ``list.sort`` reading the keys in C, and a filter one pass over the texts.

Ties keep the corpus order, whichever way a column is sorted, so a list sorted by a count
does not shuffle the documents that have the same count.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from annotator.core.model import DocumentSummary, Tag

FIXED_COLUMNS = ("Title", "Date", "Source")
REVIEW_STATES = ("in review", "reviewed")
UNSORTED = -1
_SEPARATOR = "\n"


class CorpusOrder:
    """The documents in corpus order, and the indexes of those shown, in shown order."""

    def __init__(self) -> None:
        self.documents: list[DocumentSummary] = []
        self.review: dict[str, str] = {}
        self._tags: list[Tag] = []
        self._position: dict[str, int] = {}
        self._folded: list[str] = []  # what the filter box matches, case-folded
        self._keys: list[str | int] = []  # the sort column's value of each document
        self.sort_column = UNSORTED
        self.descending = False
        self.needle = ""
        self.status: str | None = None

    def reset(
        self,
        documents: Sequence[DocumentSummary],
        tags: Sequence[Tag],
        review: Mapping[str, str],
    ) -> None:
        self.documents, self._tags, self.review = list(documents), list(tags), dict(review)
        self._position = {summary.id: i for i, summary in enumerate(self.documents)}
        self._folded = [_folded(summary) for summary in self.documents]
        self._make_keys()

    def position(self, document_id: str) -> int | None:
        """Where a document is in corpus order; None if the corpus has no such document."""
        return self._position.get(document_id)

    def replace(self, position: int, summary: DocumentSummary) -> None:
        """A document's new values (an edit changed its counts, status or title)."""
        self.documents[position] = summary
        self._folded[position] = _folded(summary)
        if self.sort_column != UNSORTED:
            self._keys[position] = self._key(summary)

    def sort_by(self, column: int, descending: bool) -> None:
        self.sort_column, self.descending = column, descending
        self._make_keys()

    @property
    def arranged(self) -> bool:
        """Whether a sort or a filter decides the order or the rows shown."""
        return self.sort_column != UNSORTED or bool(self.needle) or self.status is not None

    def sorted_by(self, tag_name: str) -> bool:
        """Whether a change to this tag's count can move a document (the total moves too)."""
        column = self.sort_column
        return column == self.column_count() - 1 or column == self.column_of(tag_name)

    def shown(self) -> list[int]:
        """Positions of the documents to show, in the order to show them."""
        order = list(range(len(self.documents)))
        if self.sort_column != UNSORTED:
            order.sort(key=self._keys.__getitem__, reverse=self.descending)  # stable
        if self.needle:
            order = self._matching(order, self.needle)
        if self.status is not None:
            order = [i for i in order if self.state(i) == self.status]
        return order

    def _matching(self, order: list[int], needle: str) -> list[int]:
        """Those whose title, date or source holds ``needle``. A match in the fields joined
        by line breaks lies within one field unless the needle itself holds a line break."""
        if _SEPARATOR not in needle:
            folded = self._folded
            return [i for i in order if needle in folded[i]]
        documents = self.documents
        return [i for i in order if any(needle in f for f in _fields(documents[i]))]

    def state(self, position: int) -> str:
        """What the status filter compares: the review state when it filters by one."""
        summary = self.documents[position]
        if self.status in REVIEW_STATES:
            return self.review.get(summary.id, "")
        return summary.status

    def column_count(self) -> int:
        return len(FIXED_COLUMNS) + len(self._tags) + 1

    def column_of(self, tag_name: str) -> int | None:
        for offset, tag in enumerate(self._tags):
            if tag.name == tag_name:
                return len(FIXED_COLUMNS) + offset
        return None

    def tag_at(self, column: int) -> Tag | None:
        offset = column - len(FIXED_COLUMNS)
        return self._tags[offset] if 0 <= offset < len(self._tags) else None

    def _make_keys(self) -> None:
        if self.sort_column == UNSORTED:
            self._keys = []
        else:
            self._keys = [self._key(summary) for summary in self.documents]

    def _key(self, summary: DocumentSummary) -> str | int:
        """The sort column's value: text case-folded, counts as numbers."""
        column = self.sort_column
        if column == 0:
            return summary.title.casefold()
        if column == 1:
            return summary.published or ""
        if column == 2:
            return (summary.source or "").casefold()
        tag = self.tag_at(column)
        return summary.counts.get(tag.name, 0) if tag else summary.total


def _fields(summary: DocumentSummary) -> tuple[str, str, str]:
    """What the filter box searches: title, date and source, case-folded."""
    fields = (summary.title, summary.published or "", summary.source or "")
    return (fields[0].casefold(), fields[1].casefold(), fields[2].casefold())


def _folded(summary: DocumentSummary) -> str:
    """The fields as one text, searched at once."""
    return _SEPARATOR.join(_fields(summary))
