"""Optimistic concurrency (issue #8): the revision of each annotation as this client last
saw it.

A client "sees" a revision when it loads a document's annotations (what the window shows)
or writes the row itself. An edit of a row whose stored revision has moved on since is
refused with ``StaleEditError`` rather than silently overwriting a colleague's change (or
another window's). Rows this client never saw are not checked. Reading one annotation to
build an edit does *not* count as seeing it: that read must not hide the change.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from operator import attrgetter
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from annotator.core.model import AnnotationRef
from annotator.core.storage.orm import AnnotationRow

WRITTEN = "annotator_written_revisions"  # Session.info key: revisions this transaction wrote


_ID_AND_REVISION = attrgetter("id", "revision")
MOST_PENDING_ROWS = 50_000
"""How many rows may wait to be filed (more only if the latest read alone is longer): a
pending read keeps its rows alive, and a bound by documents (8) kept eight copies of a
100,000-row report alive after as many opens of it, ~160 MB the collector walked too."""


class SeenRevisions:
    def __init__(self, write_sessions: sessionmaker[Session]) -> None:
        self._seen: dict[str, int] = {}
        self._pending: list[tuple[AnnotationRef, ...]] = []
        self._pending_rows = 0
        self._lock = threading.Lock()
        event.listen(write_sessions, "after_flush", _collect_written)

    def remember(self, revisions: Mapping[str, int]) -> None:
        with self._lock:
            self._settle()
            self._seen.update(revisions)

    def remember_refs(self, refs: Sequence[AnnotationRef]) -> None:
        """A document's annotations as it opens, filed only when an edit first asks.

        Filing 10,000 revisions took ~2 ms of opening a long article, spent before its
        first paint for the sake of an edit that may never come. The refs are kept as
        they are (a copy of the list, which its reader may change) and filed in the
        order they came, so a later ``remember`` still wins.
        """
        with self._lock:
            if self._pending_rows > MOST_PENDING_ROWS - len(refs):
                self._settle()  # the earlier reads; this one stays pending
            self._pending.append(tuple(refs))
            self._pending_rows += len(refs)

    def remember_written(self, session: Session) -> None:
        """After a commit: what the transaction wrote is what this client now knows."""
        self.remember(session.info.pop(WRITTEN, {}))

    def is_stale(self, annotation_id: str, revision: int) -> bool:
        """Whether the row is at another revision than this client last saw."""
        with self._lock:
            self._settle()
            seen = self._seen.get(annotation_id)
        return seen is not None and seen != revision

    def _settle(self) -> None:
        """File the pending refs (the lock held)."""
        for refs in self._pending:
            self._seen.update(map(_ID_AND_REVISION, refs))
        self._pending.clear()
        self._pending_rows = 0


def _collect_written(session: Session, _context: Any) -> None:
    """After each flush (new/dirty still hold the flushed rows): their new revisions."""
    written = session.info.setdefault(WRITTEN, {})
    for row in (*session.new, *session.dirty):
        if isinstance(row, AnnotationRow):
            written[row.id] = row.revision
