"""Importing articles and annotation files into a project.

A document and its annotations land together or not at all (a savepoint per document), so
an interrupted import leaves no half documents and re-running it completes the batch. A
file that fails is reported and the rest of the batch goes on.

Documents are committed in batches (``store.batched``: up to ``BATCH_DOCUMENTS`` documents
or ``BATCH_SECONDS`` of work per transaction): with ``synchronous=FULL`` every commit is an
fsync, and one commit per document was most of a 1,000-document import. The bound on a
batch's time keeps an edit made meanwhile (the import runs in the background) from waiting
long for the write lock; a crash loses at most the batch in progress, which re-running the
import adds again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Generator, Iterable
from contextlib import closing
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from annotator.core.analysts import without_gold
from annotator.core.errors import AnnotatorError, DatabaseError
from annotator.core.formats.reading import read_paths
from annotator.core.model import ArticleDraft, DocumentId, ReadFailure
from annotator.core.sources.unstorable import unstorable_message
from annotator.core.storage import relations
from annotator.core.storage.store import Store
from annotator.core.tags import color_for_new_tag

log = logging.getLogger(__name__)

BATCH_DOCUMENTS = 200
BATCH_SECONDS = 0.5


class Outcome(Enum):
    IMPORTED = "imported"
    DUPLICATE = "duplicate"
    MERGED = "merged"
    FAILED = "failed"


@dataclass(frozen=True)
class ImportItem:
    origin: str
    outcome: Outcome
    message: str = ""
    document_id: DocumentId | None = None
    annotations_added: int = 0
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportReport:
    items: tuple[ImportItem, ...] = ()
    new_tags: tuple[str, ...] = ()
    cancelled: bool = False
    document_ids: tuple[DocumentId, ...] = field(default=())

    def count(self, outcome: Outcome) -> int:
        return sum(1 for item in self.items if item.outcome is outcome)

    @property
    def failures(self) -> list[ImportItem]:
        return [item for item in self.items if item.outcome is Outcome.FAILED]

    @property
    def annotations_added(self) -> int:
        return sum(item.annotations_added for item in self.items)

    def summary(self) -> str:
        parts = [
            f"{self.count(Outcome.IMPORTED)} imported",
            f"{self.count(Outcome.DUPLICATE)} duplicate",
            f"{self.count(Outcome.FAILED)} failed",
        ]
        if self.count(Outcome.MERGED):
            parts.insert(1, f"{self.count(Outcome.MERGED)} merged")
        text = ", ".join(parts) + f"; {self.annotations_added} annotations added"
        if self.new_tags:
            text += f"; new tags: {', '.join(self.new_tags)}"
        if self.cancelled:
            text += " (cancelled: the rest was not imported)"
        return text


def import_paths(
    store: Store,
    paths: Iterable[Path],
    analyst: str,
    *,
    format_name: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    """``format_name`` forces one dataset format; None detects each path's format."""
    items: list[ImportItem] = []
    new_tags: list[str] = []
    stopped = False
    paths = list(paths)
    bundles = [p for p in paths if _is_bundle(Path(p), format_name)]
    items.extend(_merge_bundle(store, Path(p)) for p in bundles)
    paths = [p for p in paths if p not in bundles]
    if format_name == "bundle":
        format_name = None
    with closing(_in_batches(store, read_paths(paths, format_name))) as drafts:
        for done, draft in enumerate(drafts, start=1):
            if cancelled is not None and cancelled():
                stopped = True
                break
            item, tags = _import_one(store, draft, analyst)
            items.append(item)
            new_tags.extend(tag for tag in tags if tag not in new_tags)
            if progress is not None:
                progress(done, 0)
    document_ids = tuple(dict.fromkeys(i.document_id for i in items if i.document_id))
    return ImportReport(tuple(items), tuple(new_tags), stopped, document_ids)


def _in_batches(
    store: Store, drafts: Iterable[ArticleDraft | ReadFailure]
) -> Generator[ArticleDraft | ReadFailure, None, None]:
    """The drafts, each batch of them stored inside one ``store.batched`` transaction.

    When the caller stops early (Cancel), the batch in progress is committed: every
    document in it was stored whole.
    """
    pending = iter(drafts)
    while True:
        with store.batched():
            started = time.monotonic()
            for _ in range(BATCH_DOCUMENTS):
                draft = next(pending, None)
                if draft is None:
                    return
                try:
                    yield draft
                except GeneratorExit:
                    return  # leaves the block normally: what is stored is committed
                if time.monotonic() - started > BATCH_SECONDS:
                    break


def _is_bundle(path: Path, format_name: str | None) -> bool:
    if format_name is not None:
        return format_name == "bundle"
    return path.suffix.lower() == ".annobundle"


def _merge_bundle(store: Store, path: Path) -> ImportItem:
    """A colleague's bundle merges (core.bundle) instead of being read as drafts."""
    from annotator.core.bundle import merge_bundle

    try:
        done = merge_bundle(store, path)
    except AnnotatorError as exc:
        return ImportItem(str(path), Outcome.FAILED, str(exc))
    except UnicodeEncodeError as exc:
        culprit = exc.object if isinstance(exc.object, str) else ""
        found = unstorable_message(culprit) or "it holds text that is not valid Unicode."
        return ImportItem(str(path), Outcome.FAILED, f"{path}: {found}")
    if done.changes_nothing:
        outcome = Outcome.DUPLICATE
    else:
        outcome = Outcome.IMPORTED if done.documents else Outcome.MERGED
    return ImportItem(
        str(path),
        outcome,
        done.summary(),
        annotations_added=done.adds,
        warnings=tuple(f"{path}: {message}" for message in done.skipped),
    )


def _failure_message(draft: ArticleDraft, error: Exception) -> str:
    """Why a draft could not be stored, naming its file (and line or record).

    A lone surrogate (a JSON ``\\ud800`` escape) fails any write with ``UnicodeEncodeError``
    and a NUL fails PostgreSQL's: both are named by field. A database refusal otherwise
    names the database, so the draft's origin goes in front.
    """
    if isinstance(error, UnicodeEncodeError | DatabaseError):
        culprit = error.object if isinstance(error, UnicodeEncodeError) else None
        unstorable = unstorable_message(draft, culprit if isinstance(culprit, str) else None)
        if unstorable is not None:
            return f"{draft.origin}: {unstorable}"
    message = str(error)
    return message if draft.origin in message else f"{draft.origin}: {message}"


def _import_one(
    store: Store, draft: ArticleDraft | ReadFailure, analyst: str
) -> tuple[ImportItem, tuple[str, ...]]:
    if isinstance(draft, ReadFailure):
        return ImportItem(draft.origin, Outcome.FAILED, draft.message), ()
    draft = without_gold(draft)  # "gold" from outside is not the review's gold set
    warnings = draft.warnings
    try:
        stored = store.store_article(draft, annotator=analyst, new_tag_color=color_for_new_tag)
        if draft.relations:  # a second transaction: relations need their annotations stored
            _, skipped = relations.store_drafts(
                store, stored.document_id, draft.relations, analyst, draft.annotations
            )
            warnings += tuple(f"{draft.origin}: {text}" for text in skipped)
    except (AnnotatorError, UnicodeEncodeError) as exc:  # the record is undone, the rest goes on
        message = _failure_message(draft, exc)
        log.warning("import of %s failed: %s", draft.origin, message)
        return ImportItem(draft.origin, Outcome.FAILED, message), ()
    if stored.created:
        outcome = Outcome.IMPORTED
    elif stored.annotations_added:
        outcome = Outcome.MERGED
    else:
        outcome = Outcome.DUPLICATE
    message = "" if outcome is not Outcome.DUPLICATE else "the same text is already in the project"
    item = ImportItem(
        draft.origin,
        outcome,
        message,
        stored.document_id,
        stored.annotations_added,
        warnings,
    )
    return item, stored.new_tags
