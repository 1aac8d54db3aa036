"""Colleagues' changes appearing in the window, and whether the shared server is there.

For a PostgreSQL project a ``ChangeFeed`` (core.live) listens in the background. Notices
are gathered for a moment (a colleague's import sends thousands) and then each affected
document is brought up to date: its corpus-list row, and, if it is the open document, its
spans, annotation list and relations. Only what differs is redrawn; the analyst's text
selection, current annotation, scroll position and undo stack are left alone.

The status bar shows "Live" or "Offline"; edits made while offline are refused by the
store with a message (core.errors.OfflineError), never lost silently.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from annotator.core.errors import AnnotatorError
from annotator.gui.tag_style import view_span, view_spans

if TYPE_CHECKING:
    from annotator.core.conflicts import Conflict
    from annotator.core.live import ChangeFeed, RemoteChange
    from annotator.core.model import AnnotationRef
    from annotator.gui.main_window import MainWindow

GATHER_MS = 150
ONE_BY_ONE = 50
"""More changed documents than this are re-listed with one query for the whole corpus,
not one query each (a colleague's "tag all" can touch every document)."""
SPAN_BY_SPAN = 200
"""Up to this many annotations changed in the open document are read and redrawn one by
one; more (an import, a "tag all") re-read the document once."""
LIVE = "<span style='color:#2e7d32'>●</span> Live"
OFFLINE = "<span style='color:#c62828'>●</span> Offline: the server cannot be reached"


class LiveUpdates(QObject):
    arrived = Signal(object)  # RemoteChange, from the feed's thread
    reachable = Signal(bool)  # from the feed's thread

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = window.workspace
        self.feed: ChangeFeed | None = None
        self.pending: dict[str, set[str]] = {}  # document -> its annotations changed
        self._rows: dict[str, set[str]] = {}  # the flushed ones, while they are synced
        self.indicator = QLabel(window)
        self.indicator.setObjectName("server_state")
        self.indicator.setVisible(False)
        window.statusBar().addPermanentWidget(self.indicator)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(GATHER_MS)
        self._timer.timeout.connect(self._flush)
        self.arrived.connect(self._gather)
        self.reachable.connect(self.show_online)
        self.workspace.project_opened.connect(self.restart)
        self.workspace.remote_changed.connect(self.sync_documents)
        self.workspace.online_changed.connect(self.show_online)
        self.workspace.conflict_raised.connect(self._resolve)

    def restart(self) -> None:
        """A feed for the open project if it lives on a server; none for a SQLite file."""
        self.stop()
        engine = self.workspace.project.store.engine
        if engine.dialect.name != "postgresql":
            self.indicator.setVisible(False)
            return
        from annotator.core.live import ChangeFeed  # SQLAlchemy's URL: loaded by then

        self.feed = ChangeFeed(engine.url, self.arrived.emit, self.reachable.emit)
        self.feed.start()

    def stop(self) -> None:
        if self.feed is not None:
            self.feed.stop()
            self.feed = None

    def show_online(self, online: bool) -> None:
        if self.workspace.project.store.engine.dialect.name != "postgresql":
            return
        self.indicator.setText(LIVE if online else OFFLINE)
        self.indicator.setToolTip(
            "Colleagues' changes appear as they are saved."
            if online
            else "Your saved work is safe on the server. Edits are refused until it is "
            "back; Annotator reconnects by itself."
        )
        self.indicator.setVisible(True)

    def _gather(self, change: RemoteChange) -> None:
        rows = self.pending.setdefault(change.document_id, set())
        if change.table == "annotations":
            rows.add(change.row_id)
        if not self._timer.isActive():
            self._timer.start()

    def _flush(self) -> None:
        self._rows, self.pending = self.pending, {}
        try:
            self.workspace.remote_changed.emit(set(self._rows))
        finally:
            self._rows = {}  # other senders (a conflict) mean "the whole document"

    def sync_documents(self, documents: set[str]) -> None:
        project = self.workspace.project
        model = self.window.corpus.model
        try:
            if len(documents) > ONE_BY_ONE or not all(model.knows(doc) for doc in documents):
                self.window.refresh_corpus()  # an import, or a colleague's corpus-wide step
            else:
                model.update_documents(project.document_summary(doc) for doc in documents)
            current = self.workspace.document
            if current is not None and current.id in documents:
                rows = self._rows.get(current.id)
                if rows is not None and len(rows) <= SPAN_BY_SPAN:
                    self.sync_annotations(rows)
                else:
                    self.sync_current()
        except AnnotatorError as exc:  # e.g. offline again: the indicator says so
            self.workspace.error_raised.emit(exc)

    def sync_annotations(self, annotation_ids: set[str]) -> None:
        """Bring the open document up to date where a colleague changed it: only those
        annotations are read and redrawn (a 10 MB report's other 100,000 are not read
        again for one colleague's edit), then its relations and count."""
        window = self.window
        document = self.workspace.document
        if document is None:
            return
        project = self.workspace.project
        fresh: dict[str, AnnotationRef] = {
            ref.id: ref for ref in project.annotation_refs_of(document.id, annotation_ids)
        }
        for annotation_id in annotation_ids:
            ref = fresh.get(annotation_id)
            if ref is None:  # deleted
                window.view.remove_span(annotation_id)
                window.panel.model.remove(annotation_id)
            elif window.panel.model.find(annotation_id) != ref:  # new or changed: the feed
                # also names rows this window wrote, shown as they are; moving their list
                # row would move the list's current row, and the selection with it
                window.view.replace_span(view_span(ref, window.span_styles()))
                window.panel.model.upsert(ref)
        window.refresh_relations()
        window.show_counts()

    def sync_current(self) -> None:
        """Bring the open document's spans and list up to what the database holds."""
        window = self.window
        document = self.workspace.document
        if document is None:
            return
        fresh = self.workspace.project.annotation_refs(document.id)  # remembered as seen
        shown = {ref.id: ref for ref in window.panel.model.all()}
        wanted = {ref.id for ref in fresh}
        window.view.set_spans(view_spans(fresh, window.span_styles()))
        for ref in fresh:
            if shown.get(ref.id) != ref:  # any change moves the revision
                window.panel.model.upsert(ref)
        for gone in shown.keys() - wanted:
            window.panel.model.remove(gone)
        window.refresh_relations()
        window.show_counts()

    def _resolve(self, conflict: Conflict) -> None:
        from annotator.gui.conflict_dialog import ask

        self.workspace.resolve(conflict, ask(conflict, self.window))
