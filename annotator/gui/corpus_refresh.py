"""Listing the corpus again without freezing the window.

The corpus list is re-read after an import, a change of the tag set, a corpus-wide step
or a colleague's import; the read counts every annotation of every document (one
``GROUP BY``), 130 ms at 10,000 documents, and it ran on the GUI thread. It now runs on
the thread pool while the window stays in use, and the list shows the result when it
arrives.

Two rules keep the list true meanwhile. A listing is shown only if it is the latest one
asked for, on the project still open: an older one (a second import, another project)
is dropped, as is its error. And a document whose row changed while the listing was
being read (the analyst tagged a span in it, a colleague changed it) is read again when
the listing arrives, since the listing may predate that change (``CorpusModel``'s
``watch_changes``).

Opening a project lists its corpus at once instead (``now``): the window cannot be used
before its corpus is there, and a damaged file must fail where opening it can offer the
ways forward (``app.load_project``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from annotator.core.errors import NotFoundError
from annotator.core.model import DocumentSummary, Tag
from annotator.gui.corpus_list import CorpusPanel
from annotator.gui.workspace import Workspace

if TYPE_CHECKING:  # the storage stack loads after the window's first paint
    from annotator.core.project import Project

log = logging.getLogger(__name__)

Failed = Callable[[Exception], None]
ReadQuietly = Callable[[Callable[[], Any], Callable[[Any], None], Failed], None]
"""``run(read, done, failed)``: ``read()`` on a worker thread, no dialog; then
``done(result)`` or ``failed(exc)`` on the GUI thread (set by the window)."""

LISTING = "Listing documents…"


@dataclass(frozen=True)
class Listing:
    """The corpus as the list shows it: each document's row and the review states."""

    documents: Sequence[DocumentSummary]
    review: Mapping[str, str]


def read_listing(project: Project) -> Listing:
    review = {str(doc_id): str(state.state) for doc_id, state in project.review_states().items()}
    return Listing(project.documents(), review)


class CorpusRefresh(QObject):
    """The corpus list's re-reads: at once (``now``) or on the thread pool (``start``)."""

    listed = Signal()  # a listing is shown

    def __init__(
        self,
        workspace: Workspace,
        panel: CorpusPanel,
        tags: Callable[[], Sequence[Tag]],
        read_quietly: ReadQuietly,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._panel = panel
        self._tags = tags
        self._read_quietly = read_quietly
        self._asked = 0  # the number of the latest listing asked for
        self.pending = False

    def now(self) -> None:
        """List the corpus on this thread (opening a project); any read in flight is
        dropped. Errors propagate."""
        self._asked += 1
        self.pending = False
        self._panel.model.changes_seen()
        self._show(read_listing(self._workspace.project))

    def start(self, *, emptied: bool = False) -> None:
        """Read the corpus on the thread pool and show it when read. ``emptied``: the list
        is cleared meanwhile (another project: its rows must not be opened)."""
        self._asked += 1
        ticket, project = self._asked, self._workspace.project
        if emptied:
            self._panel.reset([], self._tags())
            self._panel.set_placeholder(LISTING)
        self._panel.model.watch_changes()
        self.pending = True
        self._read_quietly(
            partial(read_listing, project),
            partial(self._arrived, ticket, project),
            partial(self._failed, ticket),
        )

    def _arrived(self, ticket: int, project: Project, listing: Listing) -> None:
        if ticket != self._asked or project is not self._workspace.project:
            return  # a later listing is on its way
        self.pending = False
        changed = self._panel.model.changes_seen()
        self._show(listing)
        self._read_again(project, changed)

    def _failed(self, ticket: int, exc: Exception) -> None:
        if ticket != self._asked:
            log.info("dropped the error of a superseded corpus listing: %s", exc)
            return
        self.pending = False
        self._panel.model.changes_seen()
        self._panel.set_placeholder("")
        self._workspace.error_raised.emit(exc)

    def _show(self, listing: Listing) -> None:
        self._panel.set_placeholder("")
        self._panel.reset(listing.documents, self._tags(), listing.review)
        current = self._workspace.document
        if current is not None:
            self._panel.select_document(current.id)
        self.listed.emit()

    def _read_again(self, project: Project, documents: Iterable[str]) -> None:
        """The rows that changed while the listing was read, as they are now."""
        model = self._panel.model
        summaries = []
        for document_id in documents:
            try:
                summaries.append(project.document_summary(document_id))
            except NotFoundError:
                continue
            model.set_review(document_id, project.review_state(document_id))
        model.update_documents(summaries)
