"""The one facade the GUI, the CLI, scripts and tests use (like Anki's ``Collection``).

``Project.open()`` gives a ready project: schema current, default tags present, the
analyst known. Reads return frozen values; writes are edits (see ``core.edits``) applied
through ``apply`` / ``revert``, each one committed transaction.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from types import TracebackType

from annotator.core.analysts import checked_analyst
from annotator.core.backups import daily_backup
from annotator.core.bulk import gc_paused
from annotator.core.bundle_service import BundleService
from annotator.core.edits import (
    AddAnnotation,
    Change,
    DeleteAnnotation,
    Edit,
    Relabel,
    Resize,
    SetNote,
)
from annotator.core.errors import AnnotatorError, NotFoundError
from annotator.core.importing import ImportReport, import_paths
from annotator.core.model import (
    Annotation,
    AnnotationId,
    AnnotationRef,
    Document,
    DocumentId,
    DocumentSummary,
    Tag,
)
from annotator.core.relation_service import RelationService
from annotator.core.review_service import ReviewService
from annotator.core.revisions import RevisionService
from annotator.core.search_service import SearchService
from annotator.core.settings import load_settings
from annotator.core.status_service import StatusService
from annotator.core.storage.engine import resolve_url, sqlite_path
from annotator.core.storage.store import Store
from annotator.core.suggest_service import SuggestService
from annotator.core.tag_service import TagSchemaService
from annotator.core.tags import DEFAULT_TAGS
from annotator.core.team import TeamIdentity, team_identity

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class Project(
    TagSchemaService,
    RelationService,
    SearchService,
    RevisionService,
    BundleService,
    StatusService,
    ReviewService,
    SuggestService,
):
    """Composed of per-concern mixins (``tag_service`` ...) so each stays one small module."""

    def __init__(self, store: Store, analyst: str) -> None:
        self.store = store
        self.analyst = checked_analyst(analyst)
        # Team mode on PostgreSQL (core.team): who the server says we are, else None.
        self.team: TeamIdentity | None = None
        if store.read_only:
            self.project_id = store.info("project_id") or ""
        else:
            self.project_id = store.set_info_if_missing("project_id", str(uuid.uuid4()))

    # --- life cycle --------------------------------------------------------------

    @classmethod
    def open(
        cls,
        url_or_path: str | Path | None = None,
        *,
        analyst: str | None = None,
        read_only: bool = False,
    ) -> Project:
        """Open (creating if needed) the project at a path or URL; None means the default.

        A SQLite file gets its daily backup (see ``core.backups``). ``read_only`` opens an
        existing project without migrating or writing anything; every edit then raises
        ``ReadOnlyDatabaseError`` (for a read-only file, or a damaged one being rescued).
        """
        settings = load_settings()
        name = checked_analyst(analyst) if analyst else settings.analyst  # before any write
        url = resolve_url(url_or_path)
        store = Store.open(url, read_only=read_only)
        try:
            team = team_identity(store.engine)
            if not read_only and team is None:
                if not store.tags():
                    store.add_tags(DEFAULT_TAGS)
                path = sqlite_path(url)
                if path is not None:
                    daily_backup(path, keep=settings.backups_kept)
            opened = cls(store, team.login if team else name)
            opened.team = team
            return opened
        except BaseException:
            store.close()
            raise

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    create = open

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def location(self) -> str:
        return self.store.where

    # --- reading -----------------------------------------------------------------

    def tags(self) -> list[Tag]:
        """All tags, retired ones included (their annotations still need a style)."""
        return self.store.tags()

    def tag(self, name: str) -> Tag:
        tag = self.store.tag(name)
        if tag is not None:
            return tag
        raise NotFoundError(f"There is no tag named '{name}' in this project.")

    def documents(self) -> list[DocumentSummary]:
        """The corpus list; ``status`` is the current analyst's."""
        return self._with_status(self.store.summaries())

    def document_summary(self, document_id: str) -> DocumentSummary:
        """One row of the corpus list, re-counted after an edit without touching the rest."""
        found = self._with_status(self.store.summaries(document_id), document_id)
        if not found:
            raise NotFoundError(f"There is no document with id {document_id}.")
        return found[0]

    def document(self, document_id: str) -> Document:
        return self.store.document(document_id)

    def annotations(self, document_id: str) -> list[Annotation]:
        return self.store.annotations(document_id)

    def annotation_refs(self, document_id: str) -> list[AnnotationRef]:
        """The lean read for showing a document (see ``Store.annotation_refs``)."""
        return self.store.annotation_refs(document_id)

    def annotation_refs_of(
        self, document_id: str, annotation_ids: Collection[str]
    ) -> list[AnnotationRef]:
        """The lean read of a few annotations (see ``Store.annotation_refs_of``)."""
        return self.store.annotation_refs_of(document_id, annotation_ids)

    def annotation(self, annotation_id: str) -> Annotation:
        return self.store.annotation(annotation_id)

    def annotators(self) -> list[str]:
        return self.store.annotators()

    def set_analyst(self, name: str) -> None:
        """Who the next edits are recorded for (the preferences dialog changes it). An empty
        name, or the name reserved for gold annotations, raises an ``AnnotatorError`` whose
        message the front ends show as it is (``core.analysts``)."""
        if self.team is not None:
            raise AnnotatorError(
                f"In a team project you are your database login, {self.team.login}: "
                "connect as another login to work under another name."
            )
        self.analyst = checked_analyst(name)

    # --- editing -----------------------------------------------------------------

    def apply(self, edit: Edit) -> Change:
        """Apply ``edit`` in one transaction. The collector is paused throughout: a corpus-wide
        step builds ~84,000 annotations that all survive it, and each full collection it set
        off walked the growing heap (up to 170 ms) while holding Python's lock, so a step
        running on a worker thread froze the GUI thread for as long, six times over."""
        with gc_paused():
            change = edit.apply(self)
        log.debug("applied %s", edit.label)
        return change

    def revert(self, edit: Edit) -> Change:
        """Undo ``edit`` in one transaction, the collector paused as in `apply`."""
        with gc_paused():
            change = edit.revert(self)
        log.debug("reverted %s", edit.label)
        return change

    def new_annotation(self, document: Document, start: int, end: int, tag: str) -> AddAnnotation:
        """An edit that tags ``document.text[start:end]``; nothing is written until applied."""
        (edit,) = self.new_annotations(document, [(start, end)], tag)
        return edit

    def new_annotations(
        self, document: Document, spans: Iterable[tuple[int, int]], tag: str
    ) -> list[AddAnnotation]:
        """`new_annotation` for many spans of one document, the tag looked up once (tagging
        every occurrence of a word across a corpus makes thousands)."""
        self._usable_tag(tag)
        text, analyst = document.text, self.analyst
        edits = []
        for start, end in spans:
            if not 0 <= start < end <= len(text):
                raise AnnotatorError(
                    f"Cannot tag {start}-{end}: the document has {len(text)} characters."
                )
            annotation = Annotation(
                id=AnnotationId(str(uuid.uuid4())),
                document_id=document.id,
                tag=tag,
                start=start,
                end=end,
                quote=text[start:end],
                annotator=analyst,
            )
            edits.append(AddAnnotation(annotation))
        return edits

    def delete(self, annotation_id: str) -> DeleteAnnotation:
        return DeleteAnnotation(self._before_edit(annotation_id))

    def relabel(self, annotation_id: str, tag: str) -> Relabel:
        self._usable_tag(tag)
        return Relabel(self._before_edit(annotation_id), tag)

    def resize(self, annotation_id: str, start: int, end: int) -> Resize:
        return Resize(self._before_edit(annotation_id), start, end)

    def set_note(self, annotation_id: str, note: str) -> SetNote:
        return SetNote(self._before_edit(annotation_id), note)

    def _before_edit(self, annotation_id: str) -> Annotation:
        """The state an edit starts from, even if a colleague has just deleted it: the
        edit is then refused on apply as a conflict (``StaleEditError``), which says what
        happened, rather than as an unknown id."""
        return self.store.annotation(annotation_id, include_deleted=True)

    def tag_span(self, document_id: str, start: int, end: int, tag: str) -> Annotation:
        """Convenience for scripts and tests: create and apply in one call."""
        change = self.apply(self.new_annotation(self.document(document_id), start, end, tag))
        assert change.annotation is not None
        return change.annotation

    # --- import and export -------------------------------------------------------

    def import_paths(
        self,
        paths: Iterable[Path],
        *,
        format_name: str | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ImportReport:
        """Articles and datasets; ``format_name`` forces a format, None detects it per path."""
        return import_paths(
            self.store,
            paths,
            self.analyst,
            format_name=format_name,
            progress=progress,
            cancelled=cancelled,
        )

    def export(
        self,
        format_name: str,
        output: Path,
        *,
        document_ids: Sequence[DocumentId] | None = None,
        annotators: Collection[str] | None = None,
        tags: Collection[str] | None = None,
        statuses: Collection[str] | None = None,
        review_states: Collection[str] | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> int:
        """Write a dataset; returns the number of documents written.

        ``annotators`` and ``tags`` narrow the annotations written (None: all), in every format.
        ``statuses`` ("done" ...) and ``review_states`` ("reviewed" ...) narrow the documents
        by workflow state; the rules are in ``core.formats.document_filter``.
        """
        from annotator.core.formats import exporter
        from annotator.core.formats.document_filter import DocumentFilter, filter_documents

        wanted = DocumentFilter.of(statuses, review_states, annotators)
        return exporter(format_name)(
            self.store,
            output,
            document_ids=filter_documents(self.store, document_ids, wanted),
            annotators=annotators,
            tags=tags,
            progress=progress,
            cancelled=cancelled,
        )
