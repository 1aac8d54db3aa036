"""The main window: composes the corpus list, the article view, the annotation panel and
the tag bar, builds menus from the actions table, and wires signals. It decides nothing:
what a key means lives in ``tagging``, state lives in ``Workspace``."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, cast

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.core.bulk import gc_paused
from annotator.core.edits import NO_DOCUMENT, Change, CompositeEdit, Scope
from annotator.core.errors import AnnotatorError, NotFoundError
from annotator.core.model import Annotation, Document, Tag
from annotator.core.spans import snap_to_words
from annotator.gui.actions import ACTIONS, ActionId, key_sequences
from annotator.gui.annotation_panel import AnnotationPanel
from annotator.gui.article_view import ArticleView
from annotator.gui.busy import busy_cursor
from annotator.gui.corpus_list import CorpusPanel
from annotator.gui.corpus_refresh import CorpusRefresh
from annotator.gui.corpus_sort_menu import fill_sort_menu
from annotator.gui.dialogs import run_modal, show_error, show_import_report
from annotator.gui.find_bar import FindBar
from annotator.gui.linking import LinkController
from annotator.gui.live_updates import LiveUpdates
from annotator.gui.offsets import for_qt
from annotator.gui.recent import RecentProjects
from annotator.gui.relations_presenter import RelationsPresenter
from annotator.gui.span_commands import SpanCommands
from annotator.gui.span_index import SpanStyle
from annotator.gui.suggestions import SuggestionController
from annotator.gui.tag_bar import TagBar
from annotator.gui.tag_style import lazy_view_spans, span_style, view_span, view_spans
from annotator.gui.tagging import TaggingController
from annotator.gui.tasks import BackgroundTask, Work, wait_for_pool
from annotator.gui.theme import apply_theme
from annotator.gui.workspace import Workspace

if TYPE_CHECKING:
    from annotator.core.importing import ImportReport
    from annotator.core.project import Project
    from annotator.gui.export_dialog import ExportRequest
    from annotator.gui.review_dialog import ReviewDialog

log = logging.getLogger(__name__)
SUGGESTION_KEYS = (
    ActionId.ACCEPT_SUGGESTION,
    ActionId.REJECT_SUGGESTION,
    ActionId.ACCEPT_ALL_SUGGESTIONS,
    ActionId.END_SUGGESTIONS,
)


OPENING_TEXT = "Opening project…"
ARTICLE_MIN_WIDTH = 320
"""The article pane's narrowest width, in device-independent pixels (~40 characters)."""


@dataclass(frozen=True)
class _TagAllOutcome:
    """What tagging every occurrence across the corpus did on its worker thread."""

    edit: CompositeEdit | None  # None: cancelled, nothing written
    change: Change | None = None  # applied (None also when there was nothing to tag)
    error: Exception | None = None  # not applied: the window shows why


class _ProjectOpening:
    """The workspace's project while the real one opens after the window's first paint
    (``MainWindow.before_project``). The window's commands are disabled meanwhile, so
    nothing should ask it anything; if something does, the error says what happened."""

    def __getattr__(self, name: str) -> NoReturn:
        raise RuntimeError(f"the project is still opening (asked for {name!r})")


class MainWindow(QMainWindow):
    @classmethod
    def before_project(cls, settings: QSettings) -> MainWindow:
        """The window as it first shows at start-up, before the project (and the storage
        stack it needs) is loaded: menus, the tag bar, an empty corpus list saying
        "Opening project…", the article area, the saved layout and theme; its commands
        and views disabled until ``attach_project``."""
        window = cls(Workspace(cast("Project", _ProjectOpening())), settings, opening=True)
        window.panel.reset([], [])  # the list's columns fitted to the pane, as once loaded
        window.restore_layout()
        return window

    def __init__(self, workspace: Workspace, settings: QSettings, *, opening: bool = False) -> None:
        super().__init__()
        self.workspace = workspace
        self.settings = settings
        self._tasks: list[BackgroundTask] = []
        self._styles: dict[str, SpanStyle] = {}
        self._tags: list[Tag] = []
        self.integrity_check: QObject | None = None  # app.IntegrityCheck, after start-up
        self.review: ReviewDialog | None = None
        self._layout_restored = False
        self._enabled_after_opening: dict[QAction, bool] = {}
        self.setWindowTitle("Annotator")
        self.corpus = CorpusPanel(self)
        self.view = ArticleView(self)
        self.find_bar = FindBar(self)
        self.panel = AnnotationPanel(self)
        self.tag_bar = TagBar(self)
        self.tagging = TaggingController(workspace, self.view)
        self.recent = RecentProjects(settings)
        self.spans = SpanCommands(workspace, self.view, self.panel.model)
        self.linking = LinkController(workspace, self.view, self)
        self.suggestions = SuggestionController(
            workspace,
            self.view,
            lambda: self._styles,
            self._suggestion_mode,
            self._in_background,
            self._status,
        )
        self.relations = RelationsPresenter(self.view, self.panel.model.quote)
        self.corpus_refresh = CorpusRefresh(
            workspace, self.corpus, lambda: self._tags, self._read_quietly, self
        )
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.tag_bar)
        self.splitter = self._make_splitter()
        self.setCentralWidget(self.splitter)
        self.actions_by_id = self._make_actions()
        self._make_status_bar()
        self._wire()
        self.live = LiveUpdates(self)
        if opening:
            self._set_opening(True)
        else:
            self._show_analyst(workspace.project.analyst)

    # --- construction ------------------------------------------------------------

    def _make_splitter(self) -> QSplitter:
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("main_splitter")
        article = QWidget(splitter)
        # The side panes give way before the article does: a layout saved on a wider
        # screen came back on a narrower one with the article squeezed to a sliver.
        article.setMinimumWidth(ARTICLE_MIN_WIDTH)
        column = QVBoxLayout(article)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.find_bar)
        column.addWidget(self.view, 1)
        for widget in (self.corpus, article, self.panel):
            splitter.addWidget(widget)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([400, 640, 360])
        splitter.setChildrenCollapsible(False)
        return splitter

    def _handlers(self) -> dict[ActionId, Callable[[], object]]:
        stack = self.workspace.undo_stack
        return {
            ActionId.OPEN_PROJECT: self.open_project_dialog,
            ActionId.IMPORT: self.import_dialog,
            ActionId.IMPORT_FOLDER: self.import_folder_dialog,
            ActionId.IMPORT_BUNDLE: self.import_bundle_dialog,
            ActionId.IMPORT_REVISION: self.import_revision_dialog,
            ActionId.IMPORT_SAMPLES: self.import_samples,
            ActionId.EXPORT: self.export_dialog,
            ActionId.PREFERENCES: self.preferences_dialog,
            ActionId.QUIT: self.close,
            ActionId.UNDO: stack.undo,
            ActionId.REDO: stack.redo,
            ActionId.DELETE_ANNOTATION: lambda: self._status(self.tagging.delete_current()),
            ActionId.EDIT_NOTE: self.panel.note_edit.setFocus,
            ActionId.NEXT_DOCUMENT: lambda: self.corpus.step(1),
            ActionId.PREVIOUS_DOCUMENT: lambda: self.corpus.step(-1),
            ActionId.FOCUS_CORPUS: self.corpus.table.setFocus,
            ActionId.FOCUS_ARTICLE: self.view.setFocus,
            ActionId.FOCUS_ANNOTATIONS: self.panel.table.setFocus,
            ActionId.FOCUS_FILTER: self._focus_filter,
            ActionId.TAGS: self.tag_schema_dialog,
            ActionId.FIND: self._open_find,
            ActionId.FIND_NEXT: lambda: self.find_bar.step(1),
            ActionId.FIND_PREVIOUS: lambda: self.find_bar.step(-1),
            ActionId.SEARCH_CORPUS: self.search_corpus_dialog,
            ActionId.LINK: lambda: self._status(self.linking.toggle()),
            ActionId.NEXT_ANNOTATION: lambda: self._go_to_annotation(1),
            ActionId.SUGGEST: lambda: self._status(self.suggestions.toggle()),
            ActionId.GAZETTEER: self.gazetteer_dialog,
            ActionId.ACCEPT_SUGGESTION: lambda: self._status(self.suggestions.accept()),
            ActionId.REJECT_SUGGESTION: lambda: self._status(self.suggestions.reject()),
            ActionId.ACCEPT_ALL_SUGGESTIONS: lambda: self._status(self.suggestions.accept_all()),
            ActionId.END_SUGGESTIONS: self.suggestions.stop,
            ActionId.STATUS_DONE: lambda: self.set_status("done"),
            ActionId.STATUS_IN_PROGRESS: lambda: self.set_status("in progress"),
            ActionId.STATUS_NEW: lambda: self.set_status("new"),
            ActionId.NEXT_UNTAGGED: lambda: self._status(self.spans.next_untagged()),
            ActionId.PREVIOUS_ANNOTATION: lambda: self._go_to_annotation(-1),
            ActionId.GROW_END: lambda: self._status(self.spans.nudge("end", 1)),
            ActionId.SHRINK_END: lambda: self._status(self.spans.nudge("end", -1)),
            ActionId.GROW_START: lambda: self._status(self.spans.nudge("start", -1)),
            ActionId.SHRINK_START: lambda: self._status(self.spans.nudge("start", 1)),
            ActionId.ZOOM_IN: lambda: self.view.set_zoom(self.view.zoom() + 1),
            ActionId.ZOOM_OUT: lambda: self.view.set_zoom(self.view.zoom() - 1),
            ActionId.ZOOM_RESET: lambda: self.view.set_zoom(0),
            ActionId.SNAP_TO_WORDS: self._toggle_snap,
            ActionId.THEME_SYSTEM: lambda: self.set_theme("system"),
            ActionId.THEME_LIGHT: lambda: self.set_theme("light"),
            ActionId.THEME_DARK: lambda: self.set_theme("dark"),
            ActionId.REVIEW: self.review_dialog,
            ActionId.AGREEMENT: self.agreement_dialog,
            ActionId.SHORTCUTS: self.shortcuts_dialog,
            ActionId.ABOUT: self.about_dialog,
        }

    def _make_actions(self) -> dict[ActionId, QAction]:
        handlers = self._handlers()
        menus: dict[str, object] = {}
        actions: dict[ActionId, QAction] = {}
        for spec in ACTIONS:
            menu = menus.get(spec.menu) or self.menuBar().addMenu(spec.menu)
            menus[spec.menu] = menu
            action = QAction(spec.text, self)
            action.setShortcuts(key_sequences(spec))
            action.setStatusTip(spec.tip)
            action.triggered.connect(lambda _checked=False, run=handlers[spec.id]: run())
            menu.addAction(action)  # type: ignore[attr-defined]
            actions[spec.id] = action
            if spec.id is ActionId.OPEN_PROJECT:
                self.recent_menu = menu.addMenu("Open &recent")  # type: ignore[attr-defined]
                self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
            if spec.id is ActionId.PREVIOUS_DOCUMENT:
                self.sort_menu = menu.addMenu("&Sort documents by")  # type: ignore[attr-defined]
                self.sort_menu.aboutToShow.connect(
                    lambda: fill_sort_menu(self.sort_menu, self.corpus.table, self.corpus.model)
                )
        actions[ActionId.SNAP_TO_WORDS].setCheckable(True)
        for key in SUGGESTION_KEYS:  # plain keys: only in suggestion mode, only in the article
            actions[key].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            actions[key].setEnabled(False)
            self.view.addAction(actions[key])
        stack = self.workspace.undo_stack
        stack.canUndoChanged.connect(actions[ActionId.UNDO].setEnabled)
        stack.canRedoChanged.connect(actions[ActionId.REDO].setEnabled)
        actions[ActionId.UNDO].setEnabled(False)
        actions[ActionId.REDO].setEnabled(False)
        return actions

    def _make_status_bar(self) -> None:
        self.analyst_label = QLabel(self)
        self.counts_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.analyst_label)

    def _wire(self) -> None:
        ws = self.workspace
        ws.run_long = self._run_long
        ws.project_opened.connect(self._project_opened)
        ws.document_opened.connect(self._show_document)
        ws.annotation_changed.connect(self._apply_change)
        ws.documents_changed.connect(self.refresh_corpus)
        ws.error_raised.connect(lambda exc: show_error(self, exc))
        ws.analyst_changed.connect(self._show_analyst)
        self.corpus.document_activated.connect(ws.open_document)
        self.tag_bar.tag_triggered.connect(lambda tag: self._status(self.tagging.apply_tag(tag)))
        self.view.span_clicked.connect(self._span_clicked)
        self.view.span_resized.connect(self._resize_dragged)
        self.panel.annotation_activated.connect(self._make_current_by_id)
        self.panel.attributes_committed.connect(
            lambda annotation_id, values: ws.do(ws.project.set_attributes(annotation_id, values))
        )
        self.panel.relations.relation_deleted.connect(
            lambda relation_id: ws.do(ws.project.delete_relation(relation_id))
        )
        self.panel.relations.other_activated.connect(self._make_current_by_id)
        self.panel.comments.comment_added.connect(self._add_comment)
        self.find_bar.hits_changed.connect(self.view.set_search_hits)
        self.find_bar.hit_chosen.connect(self.view.select_range)
        self.find_bar.closed.connect(self.view.setFocus)
        self.find_bar.tag_all_requested.connect(self.tag_all_occurrences)
        self.panel.note_committed.connect(
            lambda annotation_id, note: ws.do(ws.project.set_note(annotation_id, note))
        )

    # --- state -------------------------------------------------------------------

    @property
    def opening(self) -> bool:
        """True from ``before_project`` until ``attach_project``."""
        return bool(self._enabled_after_opening)

    def _set_opening(self, opening: bool) -> None:
        """While the project opens, only Quit works; the rest waits for the project."""
        if opening:
            self._enabled_after_opening = {
                action: action.isEnabled()
                for action in (
                    *self.actions_by_id.values(),
                    self.recent_menu.menuAction(),
                    self.sort_menu.menuAction(),
                )
            }
            for action in self._enabled_after_opening:
                action.setEnabled(action is self.actions_by_id[ActionId.QUIT])
        else:
            for action, enabled in self._enabled_after_opening.items():
                action.setEnabled(enabled)
            self._enabled_after_opening = {}
        self.splitter.setEnabled(not opening)
        self.tag_bar.setEnabled(not opening)
        self.corpus.set_placeholder(OPENING_TEXT if opening else "")

    def attach_project(self, project: Project) -> None:
        """The project opened after the first paint (``before_project``): the window takes
        it, enables its commands and fills its views (``load``)."""
        self.workspace.project = project  # the first: no undo history, nothing to close
        self._show_analyst(project.analyst)
        self._set_opening(False)
        self.load()

    def restore_layout(self) -> None:
        """The saved size, panes, theme and word snapping (none of it needs the project)."""
        self._layout_restored = True
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        snap = self.settings.value("edit/snap_to_words") in (True, "true")
        self.actions_by_id[ActionId.SNAP_TO_WORDS].setChecked(snap)
        self.tagging.snap_to_words = snap
        theme = self.settings.value("view/theme")
        if isinstance(theme, str) and theme != "system":
            self.set_theme(theme)
        state = self.settings.value("window/splitter")
        if isinstance(state, QByteArray):
            self.splitter.restoreState(state)

    def load(self) -> None:
        """Fill the views and restore the layout and the last open document."""
        if not self._layout_restored:
            self.restore_layout()
        self.recent.add(self.workspace.project.location)
        self._refresh_tags()
        self.corpus_refresh.now()  # see CorpusRefresh.now: opening lists at once
        self.live.restart()
        last = self.settings.value("window/last_document")
        if isinstance(last, str) and self.corpus.model.knows(last):
            self.workspace.open_document(last)

    def _project_opened(self) -> None:
        self.recent.add(self.workspace.project.location)
        self._show_analyst(self.workspace.project.analyst)
        self._refresh_tags()
        self.corpus_refresh.start(emptied=True)  # the rows of the last project must go

    def set_theme(self, name: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, name)
            self.settings.setValue("view/theme", name)

    def refresh_corpus(self) -> None:
        """The tag set at once; the corpus list re-read on the thread pool and shown when
        read (``CorpusRefresh``: at 10,000 documents the read froze the window 130 ms)."""
        self._refresh_tags()
        self.corpus_refresh.start()

    def _refresh_tags(self) -> None:
        """The tags' bar, styles and find filter, from the project's tag set."""
        tags = self.workspace.project.tags()
        self._tags = tags
        self._styles = {tag.name: span_style(tag) for tag in tags}
        active = [tag for tag in tags if not tag.retired]
        self.tag_bar.set_tags(active)
        self.find_bar.set_tags([tag.name for tag in active])

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._tasks:  # work on a worker thread ends first: a commit is never cut short
            with busy_cursor():
                for task in self._tasks:
                    task.cancel()
                wait_for_pool()
        self.live.stop()
        self.panel.note_edit.clearFocus()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        if not self.opening:  # a project that never opened must not forget the last one
            document = self.workspace.document
            self.settings.setValue("window/last_document", document.id if document else "")
        self.settings.sync()
        super().closeEvent(event)

    # --- reacting to the workspace ------------------------------------------------

    def _show_document(self, document: Document | None) -> None:
        if self.suggestions.active or self.suggestions.finding:
            self.suggestions.stop()  # they belong to the document that was open
        if document is None:
            self.view.clear_article()
            self.panel.reset([], [])
            self.setWindowTitle("Annotator")
            return
        with gc_paused():  # 10,000 annotations are ~50,000 small objects, none cyclic
            refs = self.workspace.project.annotation_refs(document.id)  # lean: no values
            self.view.set_article(document.text, lazy_view_spans(refs, self._styles))
            self.find_bar.set_text(document.text)
            self.panel.reset(refs, self._tags, document.text, in_order=True)
        self.refresh_relations()
        self.corpus.select_document(document.id)
        self.setWindowTitle(for_qt(f"{document.title} — Annotator"))
        self.show_counts()
        # The annotation list has a new row count (and scroll bar): lay it out now rather
        # than after the first paint, which would then paint it a second time.
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def _apply_change(self, change: Change) -> None:
        """Refresh only what a change touched (one span, the tag set, or a batch)."""
        if change.scope is Scope.TAGS:
            self.refresh_corpus()
            self._restyle_document()
            return
        if change.scope is Scope.RELATIONS:
            self.refresh_relations()
            return
        if change.scope is Scope.STATUS:
            project, model = self.workspace.project, self.corpus.model
            model.set_review(change.document_id, project.review_state(change.document_id))
            listed = model.listed_summary(change.document_id)
            if listed is not None:  # only the status moves: no recount of the annotations
                status = project.status(change.document_id)
                model.update_document(replace(listed, status=status))  # re-filtered there
            return
        touches_relation = self.relations.touches(change.annotation_id)
        current = self.workspace.document
        if change.scope is Scope.BATCH and change.document_id == NO_DOCUMENT:
            self.refresh_corpus()  # a corpus-wide step, e.g. tag all occurrences
            self.workspace.open_document(current.id if current else None)
            return
        one_span = current is not None and current.id == change.document_id
        one_span = one_span and change.scope is not Scope.BATCH
        before = self.panel.model.find(change.annotation_id) if one_span else None
        if current is None or current.id != change.document_id:
            self.workspace.open_document(change.document_id)  # undo in another document
        elif change.scope is Scope.BATCH:
            self.workspace.open_document(change.document_id)  # many spans: reload once
        elif change.annotation is None:
            self.view.remove_span(change.annotation_id)
            self.panel.model.remove(change.annotation_id)
            self.panel.show_current(None)
        else:
            # adds or updates, and makes it current for _make_current below
            self.view.add_span(view_span(change.annotation, self._styles), current=True)
            self.panel.model.upsert(change.annotation)
            self._make_current(change.annotation)
        if one_span:  # the row's counts move by one; no recount of the whole document
            self.corpus.model.count_change(change.document_id, before, change.annotation)
        else:
            self._update_corpus_row(change.document_id)
        self.show_counts()
        restored = change.annotation is not None and change.annotation_id != self.workspace.creating
        if touches_relation or restored:
            # A deleted end hides its links; an undone delete shows them again, even when
            # no link was on show (one indexed read of the document's relations).
            self.refresh_relations()

    def span_styles(self) -> dict[str, SpanStyle]:
        return self._styles

    def refresh_relations(self) -> None:
        document = self.workspace.document
        self.relations.load(self.workspace.project, document.id if document else None)
        current = self.view.current_span_id()
        if current is not None and self.panel.model.find(current) is not None:
            self._make_current_by_id(current)

    def _span_clicked(self, annotation_id: str) -> None:
        message = self.linking.clicked(annotation_id)
        if message:
            self._status(message)
        else:
            self._make_current_by_id(annotation_id)

    def _suggestion_mode(self, on: bool) -> None:
        for key in SUGGESTION_KEYS:
            self.actions_by_id[key].setEnabled(on)

    def _update_corpus_row(self, document_id: str) -> None:
        self.corpus.model.update_document(self.workspace.project.document_summary(document_id))

    # Dialog modules are imported when their command is first used, not at start-up: the
    # window's import graph holds only what the first paint needs
    # (tests/gui/test_lazy_imports.py).

    def tag_schema_dialog(self) -> None:
        from annotator.gui.tag_schema_dialog import TagSchemaDialog

        run_modal(TagSchemaDialog(self.workspace, self))

    def agreement_dialog(self) -> None:
        from annotator.gui.agreement_view import AgreementDialog

        run_modal(AgreementDialog(self.workspace, self))

    def review_dialog(self) -> None:
        from annotator.gui.review_dialog import ReviewDialog

        if self.review is not None:  # one review at a time: the last one's units go
            if self.review.isVisible():
                self.review.close()
            self.review.deleteLater()
            self.review = None
        dialog = ReviewDialog(self.workspace, self.view, self)
        if not dialog.start():
            dialog.deleteLater()
            self._status("Nothing to review: open a document that analysts have tagged.")
            return
        self.review = dialog
        dialog.show()
        dialog.unit_list.setFocus()

    def gazetteer_dialog(self) -> None:
        from annotator.gui.tag_schema_dialog import ask_multiline

        project = self.workspace.project
        text = ask_multiline(
            self,
            "Facility gazetteer",
            "One facility name per line; suggestions find them wherever they occur.",
            "\n".join(project.gazetteer()),
        )
        if text is not None:
            stored = project.set_gazetteer(text.splitlines())
            self._status(f"The gazetteer has {len(stored)} names.")

    def set_status(self, status: str) -> None:
        document = self.workspace.document
        if document is None:
            self._status("Open a document first.")
        elif self.workspace.do(self.workspace.project.set_status(document.id, status)):
            self._status(f"Marked “{document.title}” as {status}.")

    def _restyle_document(self) -> None:
        """Tag colours or patterns changed: same spans, new styles (a rename too)."""
        document = self.workspace.document
        if document is None:
            return
        refs = self.workspace.project.annotation_refs(document.id)
        self.view.set_spans(view_spans(refs, self._styles))
        self.panel.reset(refs, self.workspace.project.tags(), document.text, in_order=True)

    def _toggle_snap(self) -> None:
        action = self.actions_by_id[ActionId.SNAP_TO_WORDS]
        self.tagging.snap_to_words = action.isChecked()
        self.settings.setValue("edit/snap_to_words", action.isChecked())

    def _resize_dragged(self, annotation_id: str, start: int, end: int) -> None:
        document = self.workspace.document
        if document is not None and self.tagging.snap_to_words:
            start, end = snap_to_words(document.text, start, end)
        self.workspace.do(self.workspace.project.resize(annotation_id, start, end))

    def _add_comment(self, text: str) -> None:
        """The change names the annotation, so the panel re-reads its thread."""
        current = self.view.current_span_id()
        if current is not None:
            self.workspace.do(self.workspace.project.add_comment(current, text))

    def _go_to_annotation(self, delta: int) -> None:
        annotation_id = self.spans.step(delta)
        if annotation_id is not None:
            self._make_current_by_id(annotation_id)

    def _make_current_by_id(self, annotation_id: str) -> None:
        """The list holds lean rows: the full annotation (attributes, note) is read now."""
        try:
            annotation = self.workspace.project.annotation(annotation_id)
        except NotFoundError:  # a colleague deleted it; live updates will drop the row
            self._status("That annotation was deleted by someone else.")
            return
        except AnnotatorError as exc:  # e.g. the shared server is out of reach
            self._status(str(exc))
            return
        self._make_current(annotation)

    def _make_current(self, annotation: Annotation) -> None:
        """Current in the view (outlined, selection dropped) and in the panel (note shown)."""
        if self.view.current_span_id() != annotation.id:
            self.view.select_span(annotation.id)
        tag = next((t for t in self._tags if t.name == annotation.tag), None)
        fresh = annotation.id == self.workspace.creating  # a new id: no comments yet
        self.panel.show_current(
            annotation,
            tag.attributes if tag else (),
            self.relations.rows(annotation.id),
            () if fresh else self.workspace.project.comments(annotation.id),
        )

    def show_counts(self) -> None:
        self.counts_label.setText(f"{self.panel.model.rowCount()} annotations")

    def _show_analyst(self, name: str) -> None:
        self.analyst_label.setText(f"Analyst: {name}")

    def _status(self, message: str) -> None:
        if message:
            self.statusBar().showMessage(message, 5000)

    def _focus_filter(self) -> None:
        self.corpus.filter_edit.setFocus()
        self.corpus.filter_edit.selectAll()

    # --- commands ----------------------------------------------------------------

    def _open_find(self) -> None:
        selected = self.view.selected_range()
        text = self.workspace.document.text if self.workspace.document else ""
        self.find_bar.open_bar(text[selected[0] : selected[1]] if selected else "")

    def search_corpus_dialog(self) -> None:
        from annotator.gui.corpus_search import CorpusSearchDialog

        dialog = CorpusSearchDialog(self.workspace.project, self)
        dialog.document_chosen.connect(self._open_search_hit)
        run_modal(dialog)

    def _open_search_hit(self, document_id: str, query: str) -> None:
        self.workspace.open_document(document_id)
        self.find_bar.open_bar(query)
        self.find_bar.step(1)

    def tag_all_occurrences(self, phrase: str, tag: str, whole_corpus: bool) -> None:
        if whole_corpus:
            self._tag_all_in_corpus(phrase, tag)
            return
        current = self.workspace.document
        if current is None:
            return
        with busy_cursor():  # a long article takes a moment (1,174 in 1 MB: ~0.3 s)
            edit = self.workspace.project.tag_all_occurrences([current], phrase, tag)
            done = bool(edit.edits) and self.workspace.do(edit)
        self._report_tag_all(edit, done, phrase, tag)

    def _tag_all_in_corpus(self, phrase: str, tag: str) -> None:
        """On a worker thread, behind a progress dialog that blocks the window meanwhile: a
        corpus takes seconds (6,000 occurrences in 1,000 documents: ~2 s) and grows."""
        project = self.workspace.project

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> object:
            edit = project.tag_all_in_corpus(phrase, tag, progress=progress, cancelled=cancelled)
            if edit is None or not edit.edits:
                return _TagAllOutcome(edit)
            try:
                return _TagAllOutcome(edit, project.apply(edit))
            except Exception as exc:  # a conflict or an error: the window says which
                return _TagAllOutcome(edit, error=exc)

        self._start_task(
            f"Tagging every “{phrase}” as {tag}…",
            work,
            lambda outcome: self._tagged_in_corpus(phrase, tag, outcome),
            show_at_once=True,
        )

    def _tagged_in_corpus(self, phrase: str, tag: str, outcome: _TagAllOutcome) -> None:
        if outcome.edit is None:
            self._status(f"Stopped: no “{phrase}” was tagged.")
        elif outcome.error is not None:
            self.workspace.failed(outcome.edit, outcome.error)
        else:
            if outcome.change is not None:
                self.workspace.adopt(outcome.edit, outcome.change)
            self._report_tag_all(outcome.edit, outcome.change is not None, phrase, tag)

    def _run_long(
        self,
        label: str,
        step: Callable[[], Change],
        done: Callable[[Change], None],
        failed: Callable[[Exception], None],
    ) -> None:
        """``Workspace.run_long``: an undo or redo too big for the GUI thread, behind a
        dialog that blocks the window until it is done (one transaction: no Cancel)."""
        self._start_task(
            label,
            lambda _progress, _cancelled: step(),
            done,
            failed,
            show_at_once=True,
            cancellable=False,
        )

    def _in_background(
        self,
        label: str,
        work: Work,
        done: Callable[[Any], None],
        failed: Callable[[Exception], None],
    ) -> None:
        """``_start_task`` for a controller that must hear of a failure; it is shown then."""

        def fail(exc: Exception) -> None:
            failed(exc)
            show_error(self, exc)

        self._start_task(label, work, done, fail)

    def _read_quietly(
        self,
        read: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[Exception], None],
    ) -> None:
        """``read`` on the thread pool, no dialog: the window goes on being used."""
        self._start_task("", lambda _progress, _cancelled: read(), done, failed, quiet=True)

    def _start_task(
        self,
        label: str,
        work: Work,
        done: Callable[[Any], None],
        failed: Callable[[Exception], None] | None = None,
        *,
        show_at_once: bool = False,
        cancellable: bool = True,
        quiet: bool = False,
    ) -> None:
        """``work`` on the thread pool, then ``done(result)`` or ``failed(exc)`` (by
        default the error is shown) on the GUI thread; the window keeps the task till then
        (and waits for it before it closes)."""
        task = BackgroundTask(
            self, label, work, show_at_once=show_at_once, cancellable=cancellable, quiet=quiet
        )

        def ended(then: Callable[[Any], None], result: object) -> None:
            self._tasks.remove(task)
            then(result)

        task.done.connect(lambda result: ended(done, result))
        task.error.connect(lambda exc: ended(failed or partial(show_error, self), exc))
        self._tasks.append(task)
        task.start()

    def _report_tag_all(self, edit: CompositeEdit, done: bool, phrase: str, tag: str) -> None:
        if not edit.edits:
            self._status(f"Every “{phrase}” is already tagged as {tag}.")
        elif done:
            self._status(f"Tagged {len(edit.edits)} occurrences of “{phrase}” as {tag}.")

    def open_project_dialog(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            "Open or create a project",
            str(Path(self.workspace.project.location).parent),
            "Annotator projects (*.sqlite);;All files (*)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if chosen:
            self.switch_project(chosen)

    def switch_project(self, location: str) -> None:
        """Open another project in this window; on failure the current one stays open."""
        from annotator.core.project import Project

        try:
            project = Project.open(location, analyst=self.workspace.project.analyst)
        except AnnotatorError as exc:
            show_error(self, exc)
            return
        self.workspace.replace_project(project)
        self._status(f"Opened {project.location}")

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        current = self.workspace.project.location
        for location in self.recent.paths():
            action = self.recent_menu.addAction(location)
            action.setEnabled(location != current)
            action.triggered.connect(lambda _c=False, loc=location: self.switch_project(loc))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("(none)").setEnabled(False)

    def import_dialog(self) -> None:
        """Files of any supported kind; picking one format's filter forces that format."""
        from annotator.gui.import_filters import import_filters

        filters = import_filters()
        files, chosen = QFileDialog.getOpenFileNames(
            self, "Import articles or annotations", "", ";;".join(filters)
        )
        if files:
            self.import_paths([Path(f) for f in files], filters.get(chosen))

    def import_bundle_dialog(self) -> None:
        from annotator.gui import exchange

        path = exchange.choose_bundle(self)
        if path is not None:
            self._status(exchange.import_colleague_work(self.workspace, self, path))

    def import_revision_dialog(self) -> None:
        from annotator.gui import exchange

        if self.workspace.document is None:
            self._status("Open the article that was revised first.")
            return
        path = exchange.choose_revision(self)
        report = exchange.import_revision(self.workspace, self, path) if path else None
        if report is None:
            return
        self._status(report.summary())
        if report.unplaced:
            self.unplaced_dialog = exchange.UnplacedDialog(self.workspace, report.unplaced, self)
            self.unplaced_dialog.show()

    def import_samples(self) -> None:
        from annotator.core.samples import sample_paths

        self.import_paths(sample_paths())

    def import_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import a folder (articles or brat)")
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths_to_import: list[Path], format_name: str | None = None) -> None:
        project = self.workspace.project
        self._start_task(
            "Importing…",
            lambda progress, cancelled: project.import_paths(
                paths_to_import, format_name=format_name, progress=progress, cancelled=cancelled
            ),
            self._imported,
        )

    def _imported(self, report: ImportReport) -> None:
        self.workspace.corpus_changed()
        if report.failures or report.cancelled or any(item.warnings for item in report.items):
            show_import_report(self, report)
        else:
            self._status(report.summary())
        if self.workspace.document is None and report.document_ids:
            self.workspace.open_document(report.document_ids[0])

    def export_dialog(self) -> None:
        from annotator.gui.export_dialog import ExportDialog

        project = self.workspace.project
        document = self.workspace.document
        dialog = ExportDialog(
            project.annotators(),
            [tag.name for tag in project.tags()],
            Path.home(),
            document.id if document else None,
            self,
        )
        if run_modal(dialog):
            self.export_to(dialog.request())

    def export_to(self, request: ExportRequest | Path) -> None:
        """Export in the background; a bare path means the whole corpus as JSONL."""
        if isinstance(request, Path):
            from annotator.gui.export_dialog import ExportRequest

            request = ExportRequest("jsonl", request, None, None, None)
        project = self.workspace.project
        target = request.output
        self._start_task(
            "Exporting…",
            lambda progress, cancelled: project.export(
                request.format_name,
                request.output,
                document_ids=request.document_ids,
                annotators=request.annotators,
                tags=request.tags,
                statuses=request.statuses,
                review_states=request.review_states,
                progress=progress,
                cancelled=cancelled,
            ),
            lambda count: self._status(f"Exported {count} documents to {target}"),
        )

    def preferences_dialog(self) -> None:
        from annotator.gui.preferences import PreferencesDialog

        project = self.workspace.project
        team = project.team.login if project.team else None
        dialog = PreferencesDialog(project.analyst, project.location, self, team_login=team)
        if not run_modal(dialog):
            return
        if team is None:
            from annotator.core.settings import load_settings, save_settings

            self.workspace.set_analyst(dialog.analyst())
            save_settings(replace(load_settings(), analyst=self.workspace.project.analyst))
        if dialog.database():
            self.switch_project(dialog.database())

    def shortcuts_dialog(self) -> None:
        from annotator.gui.help import ShortcutsDialog

        run_modal(ShortcutsDialog(self.workspace.project.tags(), self))

    def about_dialog(self) -> None:
        from annotator.gui.about import show_about

        show_about(self, self.workspace.project.location)
