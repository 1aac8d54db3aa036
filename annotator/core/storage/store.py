"""All database access. Each public method is one short transaction.

Writes go through one lock, so that threads of one process never interleave a write (SQLite
allows one writer at a time anyway; this turns "database is locked" into a short wait).
Database failures are translated into ``DatabaseError`` with a message the analyst can act on.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import uuid
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial
from typing import Any, cast

from sqlalchemy import (
    Engine,
    Executable,
    Table,
    Text,
    bindparam,
    func,
    insert,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from annotator.core.bulk import gc_paused
from annotator.core.errors import (
    ConflictError,
    DatabaseError,
    NotAllowedError,
    NotFoundError,
    ReadOnlyDatabaseError,
    StaleEditError,
)
from annotator.core.model import (
    Annotation,
    AnnotationDraft,
    AnnotationId,
    AnnotationRef,
    ArticleDraft,
    Document,
    DocumentId,
    DocumentSummary,
    JsonValue,
    Tag,
    in_text_order,
)
from annotator.core.storage import convert, server_errors
from annotator.core.storage.engine import (
    check_sqlite_file,
    check_sqlite_location,
    check_sqlite_readable,
    database_error,
    for_writing,
    make_engine,
    sqlite_path,
)
from annotator.core.storage.orm import (
    AnnotationRow,
    AnnotatorRow,
    DocumentRow,
    ProjectInfoRow,
    TagRow,
    utcnow,
)
from annotator.core.storage.plain_rows import plain_rows
from annotator.core.storage.recent_texts import RecentTexts
from annotator.core.storage.savepoints import savepoint
from annotator.core.storage.schema import check_schema, prepare_schema
from annotator.core.storage.seen_revisions import WRITTEN, SeenRevisions


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class StoredArticle:
    """What storing one draft did: ``created`` False means the text was already there."""

    document_id: DocumentId
    created: bool
    annotations_added: int
    new_tags: tuple[str, ...]


def describe_db_error(exc: BaseException, where: str) -> str:
    text = str(getattr(exc, "orig", exc)).lower()
    if "locked" in text or "busy" in text:
        return (
            f"The project database {where} is busy: another program holds it locked. "
            "Close the other program (or wait a moment) and try again."
        )
    if "not a database" in text or "malformed" in text:
        return (
            f"{where} is not a readable Annotator database (the file is damaged or of "
            "another kind). Choose another file with --db or restore a backup."
        )
    if "readonly" in text or "read-only" in text:
        return f"The project database {where} is read-only. Choose a file you can write to."
    if "disk" in text and "full" in text:
        return f"The disk holding {where} is full. Free some space and try again."
    return f"The project database {where} failed: {getattr(exc, 'orig', exc)}"


def _where(url: URL) -> str:
    """How messages and the window name the database: a file by its path (which the
    file dialogs and the recent-projects menu open again), a server by its URL without
    the password."""
    path = sqlite_path(url)
    return str(path) if path is not None else url.render_as_string(hide_password=True)


class Store:
    """The one object that talks SQL; the ``Project`` facade is built on it."""

    def __init__(self, engine: Engine, *, read_only: bool = False) -> None:
        self.engine = engine
        self.read_only = read_only
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(for_writing(engine), expire_on_commit=False)
        self._write_lock = threading.RLock()
        self._batch = threading.local()  # .session: the open ``batched`` transaction
        self._where = _where(engine.url)
        self._tag_ids: dict[str, int] = {}
        self._tag_names: dict[int, str] = {}
        self._annotator_ids: dict[str, int] = {}
        self._annotator_names: dict[int, str] = {}
        self._seen = SeenRevisions(self._write_sessions)  # optimistic concurrency
        self._texts = RecentTexts()  # the texts of the documents last opened

    # --- opening -----------------------------------------------------------------

    @classmethod
    def open(cls, url: URL, *, read_only: bool = False) -> Store:
        """Open (creating if needed) and migrate; ``read_only`` never creates, migrates or
        writes (SQLite ``mode=ro``), and every edit raises ``ReadOnlyDatabaseError``."""
        path = sqlite_path(url)
        where = _where(url)
        if path is not None:
            (check_sqlite_readable if read_only else check_sqlite_location)(path)
        engine = make_engine(url, read_only=read_only)
        try:
            if path is not None and not read_only:  # read-only is how a damaged file is read
                check_sqlite_file(engine, path)
            (check_schema if read_only else prepare_schema)(engine)
        except DatabaseError:
            engine.dispose()
            raise
        except (SQLAlchemyError, OSError) as exc:
            engine.dispose()
            raise database_error(exc, describe_db_error(exc, where), path) from exc
        return cls(engine, read_only=read_only)

    def close(self) -> None:
        self.engine.dispose()

    @property
    def where(self) -> str:
        return self._where

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        batch = self._batch_session()
        if batch is not None:  # inside ``batched``: see what the batch has written
            try:
                yield batch
            except SQLAlchemyError as exc:
                raise DatabaseError(describe_db_error(exc, self._where)) from exc
            return
        try:
            with self._sessions() as session:
                yield session
        except SQLAlchemyError as exc:
            if server_errors.unreachable(self.engine, exc):
                raise server_errors.offline(self._where) from exc
            raise DatabaseError(describe_db_error(exc, self._where)) from exc

    @contextmanager
    def batched(self) -> Iterator[None]:
        """Writes made in the block on this thread share one transaction, committed when the
        block ends; each still runs in a savepoint of its own, so a write that fails (and is
        caught in the block) is undone alone and the others stay. An error that leaves the
        block rolls the whole transaction back. For imports: one commit (one fsync) per
        batch of documents instead of one per document; for a composite edit, all of it or
        nothing. Other threads wait for the batch to end."""
        if self._batch_session() is not None:
            yield  # already inside a batch on this thread: its transaction is the one
            return
        with self._writing() as session:
            self._batch.session = session
            try:
                yield
            finally:
                self._batch.session = None

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        """One transaction: committed on success, rolled back on any failure (inside
        ``batched``: one savepoint of the batch's transaction)."""
        if self.read_only:
            raise ReadOnlyDatabaseError(
                f"This project is open read-only ({self._where}): nothing can be changed. "
                "Reopen it normally to edit it (or restore a backup if it is damaged)."
            )
        batch = self._batch_session()
        if batch is not None:
            try:
                with savepoint(batch):
                    yield batch
            except IntegrityError as exc:
                self._forget_caches()
                raise ConflictError(f"The database refused the change: {exc.orig}") from exc
            except (SQLAlchemyError, sqlite3.Error) as exc:  # the savepoint goes to the driver
                self._forget_caches()
                message = describe_db_error(exc, self._where)
                raise database_error(exc, message, sqlite_path(self.engine.url)) from exc
            except BaseException:
                self._forget_caches()
                raise
            return
        with self._write_lock:
            try:
                with self._write_sessions() as session:
                    with session.begin():
                        yield session
                    self._seen.remember_written(session)
            except IntegrityError as exc:
                self._forget_caches()
                raise ConflictError(f"The database refused the change: {exc.orig}") from exc
            except DBAPIError as exc:
                self._forget_caches()
                if server_errors.unreachable(self.engine, exc):
                    raise server_errors.offline(self._where) from exc
                refusal = server_errors.not_allowed(exc)
                if refusal is not None:
                    raise refusal from exc
                message = describe_db_error(exc, self._where)
                raise database_error(exc, message, sqlite_path(self.engine.url)) from exc
            except SQLAlchemyError as exc:
                self._forget_caches()
                message = describe_db_error(exc, self._where)
                raise database_error(exc, message, sqlite_path(self.engine.url)) from exc
            except BaseException:
                self._forget_caches()
                raise

    def acknowledge(self, annotation: Annotation) -> None:
        """This client has now seen ``annotation`` as it is (after a live update, or when
        the analyst chose to overwrite a colleague's change)."""
        self._seen.remember({annotation.id: annotation.revision})

    def _check_fresh(self, session: Session, row: AnnotationRow) -> None:
        if self._is_stale(session, row.id, row.revision):
            raise StaleEditError(row.id, None if row.deleted else self._value(session, row))

    def _is_stale(self, session: Session, annotation_id: str, revision: int) -> bool:
        """Whether a row is at another revision than this client saw (and than this
        transaction wrote: a batch's earlier part is not someone else)."""
        if session.info.get(WRITTEN, {}).get(annotation_id) == revision:
            return False
        return self._seen.is_stale(annotation_id, revision)

    def _forget_caches(self) -> None:
        """A rolled-back transaction may have created ids we cached; drop them all."""
        self._tag_ids.clear()
        self._tag_names.clear()
        self._annotator_ids.clear()
        self._annotator_names.clear()

    # --- project info ------------------------------------------------------------

    def info(self, key: str) -> str | None:
        with self._reading() as session:
            row = session.get(ProjectInfoRow, key)
            return None if row is None else row.value

    def set_info_if_missing(self, key: str, value: str) -> str:
        with self._writing() as session:
            row = session.get(ProjectInfoRow, key)
            if row is None:
                session.add(ProjectInfoRow(key=key, value=value))
                return value
            return row.value

    # --- tags and annotators -----------------------------------------------------

    def tags(self) -> list[Tag]:
        with self._reading() as session:
            rows = session.scalars(select(TagRow).order_by(TagRow.position, TagRow.name))
            return [convert.tag_value(row) for row in rows]

    def tag(self, name: str) -> Tag | None:
        """One tag by name: every key press that tags checks its tag here.

        On SQLite (outside a batch) it is one statement on a pooled driver connection: a
        session around the same statement took 1.5-2 ms of a 7 ms key press, the
        statement itself about 0.1 ms.
        """
        if self.engine.dialect.name == "sqlite" and self._batch_session() is None:
            found = self._sqlite_row(_SQLITE_TAG, (name,))
            return None if found is None else convert.tag_from_columns(found)
        with self._reading() as session:
            row = session.scalar(select(TagRow).where(TagRow.name == name))
            return None if row is None else convert.tag_value(row)

    def _batch_session(self) -> Session | None:
        return cast(Session | None, getattr(self._batch, "session", None))

    def _sqlite_row(self, sql: str, params: tuple[Any, ...]) -> tuple[Any, ...] | None:
        """One row of one statement, read in the driver's autocommit mode: a single
        statement is a consistent read of its own."""
        try:
            connection = self.engine.raw_connection()
            try:
                driver = connection.driver_connection
                assert driver is not None
                row: tuple[Any, ...] | None = driver.execute(sql, params).fetchone()
                return row
            finally:
                connection.close()
        except (sqlite3.Error, SQLAlchemyError) as exc:
            raise DatabaseError(describe_db_error(exc, self._where)) from exc

    def add_tags(self, tags: Sequence[Tag]) -> None:
        with self._writing() as session:
            existing = set(session.scalars(select(TagRow.name)))
            for tag in tags:
                if tag.name not in existing:
                    session.add(_tag_row(tag))

    def _tag_id(self, session: Session, name: str, *, create_color: str | None = None) -> int:
        cached = self._tag_ids.get(name)
        if cached is not None:
            return cached
        row = session.scalar(select(TagRow).where(TagRow.name == name))
        if row is None:
            if create_color is None:
                raise NotFoundError(f"There is no tag named '{name}' in this project.")
            position = (session.scalar(select(func.max(TagRow.position))) or 0) + 1
            row = _tag_row(Tag(name=name, color=create_color, position=position))
            session.add(row)
            session.flush()
        self._tag_ids[name] = row.id
        self._tag_names[row.id] = name
        return row.id

    def _tag_name(self, session: Session, tag_id: int) -> str:
        name = self._tag_names.get(tag_id)
        if name is None:
            for row in session.scalars(select(TagRow)):
                self._tag_names[row.id] = row.name
                self._tag_ids[row.name] = row.id
            name = self._tag_names[tag_id]
        return name

    def _annotator_id(self, session: Session, name: str) -> int:
        cached = self._annotator_ids.get(name)
        if cached is not None:
            return cached
        row = session.scalar(select(AnnotatorRow).where(AnnotatorRow.name == name))
        if row is None:
            row = AnnotatorRow(name=name, display_name=name)
            session.add(row)
            session.flush()
        self._annotator_ids[name] = row.id
        self._annotator_names[row.id] = name
        return row.id

    def _annotator_name(self, session: Session, annotator_id: int) -> str:
        name = self._annotator_names.get(annotator_id)
        if name is None:
            for row in session.scalars(select(AnnotatorRow)):
                self._annotator_names[row.id] = row.name
                self._annotator_ids[row.name] = row.id
            name = self._annotator_names[annotator_id]
        return name

    def annotators(self) -> list[str]:
        with self._reading() as session:
            return list(session.scalars(select(AnnotatorRow.name).order_by(AnnotatorRow.name)))

    # --- documents ---------------------------------------------------------------

    def document(self, document_id: str) -> Document:
        with self._reading() as session:
            row = session.get(DocumentRow, document_id)
            if row is None:
                raise NotFoundError(f"There is no document with id {document_id}.")
            document = convert.document_value(row)
        self._texts.remember(document.id, document.text)
        return document

    def documents(self, document_ids: Sequence[str]) -> list[Document]:
        """Several documents in one query, in the order asked (unknown ids are skipped)."""
        with self._reading() as session:
            rows = session.scalars(select(DocumentRow).where(DocumentRow.id.in_(document_ids)))
            by_id = {row.id: convert.document_value(row) for row in rows}
        return [by_id[doc_id] for doc_id in document_ids if doc_id in by_id]

    def document_ids(self) -> list[DocumentId]:
        with self._reading() as session:
            query = select(DocumentRow.id).order_by(DocumentRow.created, DocumentRow.id)
            return [DocumentId(value) for value in session.scalars(query)]

    def has_document(self, document_id: str) -> bool:
        """Whether the project holds the document: one primary-key look-up, where
        ``summaries`` would count every annotation of it (100,000 in a 10 MB report)."""
        with self._reading() as session:
            return session.scalar(_DOCUMENT_EXISTS, {"id": document_id}) is not None

    def summaries(self, document_id: str | None = None) -> list[DocumentSummary]:
        """Documents with per-tag counts (all, or one): two queries, no text loaded.

        The counts group in the order of ``ix_annotations_document_live_tag`` (document,
        deleted, tag), so SQLite counts while it reads the index. Filtering out deleted rows
        in SQL made it group through a temporary B-tree instead (EXPLAIN QUERY PLAN: "USE
        TEMP B-TREE FOR GROUP BY"), which doubled the count of a 1,000-document corpus;
        the groups of deleted rows are skipped here. Names come from the tag cache, for the
        same reason: joining ``tags`` grouped through a B-tree keyed by name.
        """
        with self._reading() as session:
            counts: dict[str, dict[str, int]] = {}
            a = AnnotationRow
            count_query = select(a.document_id, a.tag_id, func.count(), a.deleted).group_by(
                a.document_id, a.deleted, a.tag_id
            )
            doc_query = select(
                DocumentRow.id,
                DocumentRow.title,
                DocumentRow.source,
                DocumentRow.published,
                DocumentRow.length,
            ).order_by(DocumentRow.created, DocumentRow.id)
            if document_id is not None:
                count_query = count_query.where(a.document_id == document_id)
                doc_query = doc_query.where(DocumentRow.id == document_id)
            for doc_id, tag_id, count, deleted in plain_rows(session, count_query):
                if not deleted:
                    counts.setdefault(doc_id, {})[self._tag_name(session, tag_id)] = count
            return [
                DocumentSummary(
                    id=DocumentId(doc_id),
                    title=title,
                    source=source,
                    published=published,
                    length=length,
                    counts=counts.get(doc_id, {}),
                )
                for doc_id, title, source, published, length in plain_rows(session, doc_query)
            ]

    def store_article(
        self, draft: ArticleDraft, *, annotator: str, new_tag_color: Any
    ) -> StoredArticle:
        """Store a document and its annotations together, or nothing at all.

        The same text (by sha256) is never stored twice: its annotations merge into the
        existing document, skipping ids and identical spans already present, so importing
        the same file twice changes nothing.
        """
        sha = text_sha256(draft.text)
        with self._writing() as session:
            # One look-up finds both the same text (merge) and a clash of ids; plain
            # columns and a Core insert, because the ORM loaded the whole text to learn
            # that a document exists, and its unit of work cost more than the insert.
            connection = session.connection()
            fast = connection.dialect.name == "sqlite" and FAST_SQLITE_INSERT
            if fast:  # driver-level: SQLAlchemy's statement handling cost ~1 ms a document
                found = dict(
                    connection.exec_driver_sql(_SQLITE_FIND_DOCUMENT, (sha, draft.id)).all()
                )
            else:
                wanted = DocumentRow.sha256 == sha
                if draft.id is not None:
                    wanted = or_(wanted, DocumentRow.id == draft.id)
                query = select(DocumentRow.sha256, DocumentRow.id).where(wanted)
                found = dict(session.execute(query).all())
            document_id = found.get(sha)
            created = document_id is None
            if document_id is None:
                if found:
                    raise ConflictError(
                        f"{draft.origin}: document id {draft.id} is already in the project "
                        "with a different text; it was not imported."
                    )
                values = _document_values(draft, sha)
                if fast:
                    connection.exec_driver_sql(
                        _SQLITE_INSERT_DOCUMENT,
                        tuple(
                            json.dumps(values[name])
                            if name == "meta"
                            else _sqlite_time(values[name])
                            if name == "created"
                            else values[name]
                            for name in _SQLITE_DOCUMENT_COLUMNS
                        ),
                    )
                else:
                    session.execute(INSERT_DOCUMENT, [values])
                document_id = values["id"]
            added, new_tags = self._merge_annotations(
                session, document_id, draft, annotator, new_tag_color, created
            )
            return StoredArticle(DocumentId(document_id), created, added, tuple(new_tags))

    def _merge_annotations(
        self,
        session: Session,
        document_id: str,
        article: ArticleDraft,
        annotator: str,
        new_tag_color: Any,
        new_document: bool,
    ) -> tuple[int, list[str]]:
        """Add the article's annotations not already present, in one multi-row INSERT.

        ``article.text`` is the stored text (the document was found by its sha256). Rows go
        in as one bulk ``INSERT`` (executemany) rather than one ORM object each: the unit of
        work cost ~0.3 ms per annotation, most of an import's time, and even the ORM's bulk
        path costs twice what a Core insert does. Still one transaction.
        """
        text, drafts = article.text, article.annotations
        if not drafts:
            return 0, []
        known_ids, known_spans = (set(), set()) if new_document else _known(session, document_id)
        rows: list[AnnotationValues] = []
        new_tags: list[str] = []
        now = utcnow()
        tag_ids: dict[str, int] = {}  # this record's names, asked about once each
        annotator_ids: dict[str, int] = {}
        for draft in drafts:
            if draft.id is not None and draft.id in known_ids:
                continue
            tag_id = tag_ids.get(draft.tag)
            if tag_id is None:
                tag_id = tag_ids[draft.tag] = self._import_tag_id(
                    session, draft.tag, new_tag_color, new_tags
                )
            who = draft.annotator or annotator
            annotator_id = annotator_ids.get(who)
            if annotator_id is None:
                annotator_id = annotator_ids[who] = self._annotator_id(session, who)
            # Only spans stored before this import count as duplicates: two annotations of
            # one record may cover the same span (an analyst tagged it twice), and an
            # export must come back whole.
            if known_spans and (draft.start, draft.end, tag_id, annotator_id) in known_spans:
                continue
            row = _annotation_values(draft, document_id, text, tag_id, annotator_id, now)
            known_ids.add(row[0])
            rows.append(row)
        if rows:
            _insert_annotations(session, rows)
        return len(rows), new_tags

    def _import_tag_id(
        self, session: Session, name: str, new_tag_color: Any, new_tags: list[str]
    ) -> int:
        """The tag's id, creating the tag (noted in ``new_tags``) if the project lacks it."""
        known = name in self._tag_ids or _tag_exists(session, name)
        color = None if known else new_tag_color(name)  # only a new tag needs one
        tag_id = self._tag_id(session, name, create_color=color)
        if not known:
            new_tags.append(name)
        return tag_id

    # --- annotations -------------------------------------------------------------

    def annotations(self, document_id: str) -> list[Annotation]:
        """A document's live annotations; this client has now seen these revisions."""
        with self._reading() as session:
            found = self._live_annotations(session, AnnotationRow.document_id == document_id)
        self._seen.remember({annotation.id: annotation.revision for annotation in found})
        return found

    def annotation_refs(self, document_id: str) -> list[AnnotationRef]:
        """A document's live annotations in their lean form, in text order (start, longest
        first, then id); this client has now seen these revisions, as with ``annotations``.

        The read behind opening a document: no JSON or timestamp decoding, names joined in
        SQL, rows as the driver returns them (``plain_rows``), on SQLite in the span
        index's own order (no temporary B-tree, no sort in Python). Which revisions were
        seen is filed lazily (``SeenRevisions.remember_refs``).
        """
        with self._reading() as session, gc_paused():
            refs = _refs_in_text_order(session, REFS_IN_TEXT_ORDER, {"document_id": document_id})
        self._seen.remember_refs(refs)
        return refs

    def annotation_refs_of(
        self, document_id: str, annotation_ids: Collection[str]
    ) -> list[AnnotationRef]:
        """Some of a document's live annotations in their lean form, in text order (those
        a colleague just changed: a deleted one is absent); this client has now seen their
        revisions. One indexed read of those rows, where ``annotation_refs`` reads all."""
        if not annotation_ids:
            return []
        with self._reading() as session:
            parameters = {"document_id": document_id, "ids": list(annotation_ids)}
            refs = _refs_in_text_order(session, REFS_WITH_IDS, parameters)
        self._seen.remember({ref.id: ref.revision for ref in refs})
        return refs

    def annotations_for(self, document_ids: Sequence[str]) -> dict[str, list[Annotation]]:
        """Live annotations of several documents in one query (for exports)."""
        result: dict[str, list[Annotation]] = {doc_id: [] for doc_id in document_ids}
        with self._reading() as session:
            condition = AnnotationRow.document_id.in_(list(document_ids))
            for annotation in self._live_annotations(session, condition):
                result[annotation.document_id].append(annotation)
        return result

    def _live_annotations(self, session: Session, condition: Any) -> list[Annotation]:
        """Live annotations in span order, read as plain columns.

        This is the read behind opening a document and every export, so it is kept lean:
        loading ORM objects only to copy them into frozen values, then SQLAlchemy's per-value
        JSON and datetime processors, took 0.8 s for 10,000 annotations against 0.1 s for
        raw ``sqlite3`` and the same values. The JSON and time columns are therefore read
        raw and decoded here (``_json_object``, ``_utc``), for SQLite and PostgreSQL alike.
        """
        query = (
            select(*_ANNOTATION_COLUMNS)
            .where(condition)
            .where(AnnotationRow.deleted.is_(False))
            .order_by(AnnotationRow.start, AnnotationRow.end.desc(), AnnotationRow.id)
        )
        value = _RawValues(self, session)
        # Core execution: the ORM result layer adds ~30% per row and maps nothing here.
        # One fetch: iterating the result fetched row by row through SQLAlchemy's cursor.
        values = list(map(value, session.connection().execute(query).all()))
        return values

    def annotation(self, annotation_id: str, *, include_deleted: bool = False) -> Annotation:
        with self._reading() as session:
            row = session.get(AnnotationRow, annotation_id)
            if row is None or (row.deleted and not include_deleted):
                raise NotFoundError(f"There is no annotation with id {annotation_id}.")
            # Not remembered as seen: edits read their "before" state here, and that read
            # must not hide a colleague's change from the concurrency check.
            return self._value(session, row)

    def _value(self, session: Session, row: AnnotationRow) -> Annotation:
        return convert.annotation_value(
            row,
            tag=self._tag_name(session, row.tag_id),
            annotator=self._annotator_name(session, row.annotator_id),
        )

    def insert_annotation(self, annotation: Annotation) -> Annotation:
        """Insert a new annotation, or bring back a soft-deleted one with the same id.

        A new one is a Core insert of the value as given, which is then the stored value:
        no ORM unit of work and no read-back, since this is every tag-a-span key press."""
        with self._writing() as session:
            if session.scalar(_EXISTS, {"id": annotation.id}) is not None:
                (restored,) = self._set_deleted(session, [annotation.id], False)  # a redo
                return restored
            self._check_quote(session, annotation)
            now = utcnow()
            stored = replace(
                annotation,
                attributes=dict(annotation.attributes),
                created=annotation.created or now,
                updated=annotation.updated or now,
            )
            row = _stored_values(
                stored,
                tag_id=self._tag_id(session, stored.tag),
                annotator_id=self._annotator_id(session, stored.annotator),
            )
            _insert_annotations(session, [row])
            session.info.setdefault(WRITTEN, {})[stored.id] = stored.revision
            return stored

    def insert_annotations(self, annotations: Sequence[Annotation]) -> list[Annotation]:
        """`insert_annotation` for many, in one write: one query finds those to bring back,
        each document's text is read once to check the quotes, and the new ones go in as
        one bulk insert ("tag all occurrences" across a corpus adds thousands)."""
        with self._writing() as session:
            found = self._existing_ids(session, [a.id for a in annotations])
            existing = [a.id for a in annotations if a.id in found]  # redo of an undone add
            restored = dict(zip(existing, self._set_deleted(session, existing, False), strict=True))
            new = [a for a in annotations if a.id not in found]
            self._check_quotes(session, new)
            now = utcnow()
            stored = {
                a.id: replace(
                    a,
                    attributes=dict(a.attributes),
                    created=a.created or now,
                    updated=a.updated or now,
                )
                for a in new
            }
            rows = [
                _stored_values(
                    a,
                    tag_id=self._tag_id(session, a.tag),
                    annotator_id=self._annotator_id(session, a.annotator),
                )
                for a in stored.values()
            ]
            if rows:
                _insert_annotations(session, rows)
            written = session.info.setdefault(WRITTEN, {})
            written.update((a.id, a.revision) for a in stored.values())
            return [stored[a.id] if a.id in stored else restored[a.id] for a in annotations]

    def set_deleted_many(self, annotation_ids: Sequence[str], deleted: bool) -> list[Annotation]:
        """`set_deleted` for many, in one write; each row is still locked and checked to
        be the revision this client saw."""
        with self._writing() as session:
            return self._set_deleted(session, annotation_ids, deleted)

    def _set_deleted(
        self, session: Session, annotation_ids: Sequence[str], deleted: bool
    ) -> list[Annotation]:
        """Soft delete or restore (a redo of an undone "add" finds its row soft-deleted).

        In Core, one locked read of the rows' values and one UPDATE per chunk of ids: the
        ORM's unit of work (objects loaded, changed and flushed one by one) took 13 s to
        undo the 84,000 annotations "tag all" had added across a corpus. Each row is still
        checked to be the revision this client saw before anything is written.
        """
        now = utcnow()
        changed = self._locked_values(session, annotation_ids, now)
        for annotation_id in annotation_ids:
            if annotation_id not in changed:  # not there, or not ours to change: say which
                row = self._live_row(session, annotation_id, allow_deleted=True)
                value = self._value(session, row)
                changed[annotation_id] = replace(value, revision=value.revision + 1, updated=now)
            elif self._is_stale(session, annotation_id, changed[annotation_id].revision - 1):
                self._check_fresh(session, session.get_one(AnnotationRow, annotation_id))
        session.flush()  # this transaction's earlier ORM changes go first
        for chunk in _chunks(list(changed)):
            session.execute(
                ANNOTATIONS.update()
                .where(ANNOTATIONS.c.id.in_(chunk))
                .values(deleted=deleted, revision=ANNOTATIONS.c.revision + 1, updated=now)
            )
        _expire_annotation_rows(session, changed.keys())
        written = session.info.setdefault(WRITTEN, {})
        written.update((a.id, a.revision) for a in changed.values())
        return [changed[annotation_id] for annotation_id in annotation_ids]

    def _locked_values(
        self, session: Session, annotation_ids: Sequence[str], now: datetime
    ) -> dict[str, Annotation]:
        """The values those rows this client may change will have once changed at
        ``now`` (one revision on), read locked (``FOR UPDATE`` on PostgreSQL, whose
        row-level security leaves out the rows of others; SQLite's ``BEGIN IMMEDIATE``
        already holds the write lock)."""
        value = _RawValues(self, session, changed_at=now)
        query = select(*_ANNOTATION_COLUMNS)
        changed: dict[str, Annotation] = {}
        for chunk in _chunks(annotation_ids):
            locked = query.where(AnnotationRow.id.in_(chunk)).with_for_update()
            changed.update(
                (row[0], value(row)) for row in session.connection().execute(locked).all()
            )
        return changed

    def _existing_ids(self, session: Session, annotation_ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(annotation_ids):
            found.update(
                session.scalars(select(AnnotationRow.id).where(AnnotationRow.id.in_(chunk)))
            )
        return found

    def _check_quotes(self, session: Session, annotations: Sequence[Annotation]) -> None:
        """`_check_quote` for many, reading each document's text at most once."""
        texts: dict[str, str] = {}
        for annotation in annotations:
            document_id = annotation.document_id
            text = texts.get(document_id) or self._texts.get(document_id)
            if text is None:
                text = session.scalar(select(DocumentRow.text).where(DocumentRow.id == document_id))
                if text is None:
                    raise NotFoundError(f"There is no document with id {document_id}.")
            texts[document_id] = text
            _check_quote_in(text, annotation)

    def _check_quote(self, session: Session, annotation: Annotation) -> None:
        """The span must cover exactly ``quote`` in the stored text. Texts never change
        once stored (a revised text is a new document), so a text this store has read
        checks it in memory; others in SQL (``_quote``)."""
        text = self._texts.get(annotation.document_id)
        if text is not None:
            _check_quote_in(text, annotation)
            return
        quote = self._quote(session, annotation.document_id, annotation.start, annotation.end)
        _check_quote_in(None, annotation, quote)

    def set_deleted(self, annotation_id: str, deleted: bool) -> Annotation:
        """Soft delete (or restore): rows are never removed, so nothing is ever lost."""
        (changed,) = self.set_deleted_many([annotation_id], deleted)
        return changed

    def update_annotation(
        self,
        annotation_id: str,
        *,
        tag: str | None = None,
        span: tuple[int, int] | None = None,
        note: str | None = None,
        attributes: Mapping[str, JsonValue] | None = None,
    ) -> Annotation:
        with self._writing() as session:
            row = self._live_row(session, annotation_id)
            if tag is not None:
                row.tag_id = self._tag_id(session, tag)
            if span is not None:
                row.start, row.end = span
                row.quote = self._quote(session, row.document_id, *span)
            if note is not None:
                row.note = note
            if attributes is not None:
                row.attributes = dict(attributes)
            row.revision += 1
            row.updated = utcnow()
            session.flush()
            return self._value(session, row)

    def _existing_live_row(self, session: Session, annotation_id: str) -> AnnotationRow:
        """A live annotation to read or refer to (a comment on it, say): no lock, no
        concurrency check, since it is not being changed."""
        row = session.get(AnnotationRow, annotation_id)
        if row is None or row.deleted:
            raise NotFoundError(f"There is no annotation with id {annotation_id}.")
        return row

    def _live_row(
        self, session: Session, annotation_id: str, *, allow_deleted: bool = False
    ) -> AnnotationRow:
        """The row to change, locked against concurrent writers (``FOR UPDATE`` on
        PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` already holds the write lock) and checked
        to be the revision this client last saw."""
        row = session.get(AnnotationRow, annotation_id, with_for_update=True)
        if row is None:
            owner = session.scalar(
                select(AnnotatorRow.name)
                .join(AnnotationRow, AnnotationRow.annotator_id == AnnotatorRow.id)
                .where(AnnotationRow.id == annotation_id)
            )
            if owner is not None:  # visible, but row-level security will not let us lock it
                raise NotAllowedError(
                    f"You are not allowed to change {owner}'s annotation. " + NotAllowedError.ADVICE
                )
            raise NotFoundError(f"There is no annotation with id {annotation_id}.")
        self._check_fresh(session, row)
        if row.deleted and not allow_deleted:
            raise NotFoundError(f"There is no annotation with id {annotation_id}.")
        return row

    def _quote(self, session: Session, document_id: str, start: int, end: int) -> str:
        """The text at ``start:end``, checked against the length, in one query: ``length``
        is stored after ``text``, so each read of it walks the text's overflow pages."""
        found = session.execute(
            _QUOTE, {"id": document_id, "first": max(start, 0) + 1, "size": max(end - start, 0)}
        ).first()
        if found is None:
            raise NotFoundError(f"There is no document with id {document_id}.")
        length, quote = found
        if not 0 <= start < end <= length:
            raise ConflictError(
                f"The span {start}-{end} is outside document {document_id} ({length} characters)."
            )
        return str(quote)


_SQLITE_TAG = f"SELECT {convert.TAG_COLUMNS} FROM tags WHERE name = ?"
REFS_IN_TEXT_ORDER = (
    select(
        AnnotationRow.id,
        AnnotationRow.start,
        AnnotationRow.end,
        TagRow.name,
        AnnotatorRow.name,
        AnnotationRow.revision,
        AnnotationRow.note,
    )
    .join(TagRow, TagRow.id == AnnotationRow.tag_id)
    .join(AnnotatorRow, AnnotatorRow.id == AnnotationRow.annotator_id)
    .where(AnnotationRow.document_id == bindparam("document_id"))
    .where(AnnotationRow.deleted.is_(False))
    .order_by(AnnotationRow.start, AnnotationRow.end.desc(), AnnotationRow.id)
)
"""``annotation_refs``' read, in the order of ``ix_annotations_document_spans``."""
REFS_WITH_IDS = REFS_IN_TEXT_ORDER.where(AnnotationRow.id.in_(bindparam("ids", expanding=True)))
"""``annotation_refs_of``' read: the same, for the rows named."""
_make_ref = partial(tuple.__new__, AnnotationRef)  # a row as it is: no Python per row


def _refs_in_text_order(
    session: Session, statement: Executable, parameters: Mapping[str, Any]
) -> list[AnnotationRef]:
    """A refs read's rows as refs, in text order: SQLite's index gives that order, a
    server's collation may order the ids otherwise."""
    refs = list(map(_make_ref, plain_rows(session, statement, parameters)))
    if session.get_bind().dialect.name != "sqlite":
        refs = in_text_order(refs)
    return refs


ANNOTATIONS = cast(Table, AnnotationRow.__table__)
DOCUMENTS = cast(Table, DocumentRow.__table__)
INSERT_ANNOTATIONS = insert(ANNOTATIONS)  # built once: statements are immutable
INSERT_DOCUMENT = insert(DOCUMENTS)
# An annotation's columns as bulk reads want them (here and in export_rows): the JSON and
# time columns raw, decoded by _json_object and _utc (see Store._live_annotations).
RAW_ANNOTATION_COLUMNS = (
    AnnotationRow.id,
    AnnotationRow.document_id,
    AnnotationRow.tag_id,
    AnnotationRow.annotator_id,
    AnnotationRow.start,
    AnnotationRow.end,
    AnnotationRow.quote,
    AnnotationRow.note,
    type_coerce(AnnotationRow.attributes, Text),
    type_coerce(AnnotationRow.created, Text),
    type_coerce(AnnotationRow.updated, Text),
)
_ANNOTATION_COLUMNS = (*RAW_ANNOTATION_COLUMNS, AnnotationRow.revision)
_EMPTY_JSON = ("{}", "null", None)


def _json_object(raw: Any) -> dict[str, Any]:
    """A JSON column as read raw: text on SQLite, already decoded by some drivers."""
    if raw in _EMPTY_JSON:
        return {}
    value = json.loads(raw) if isinstance(raw, str | bytes) else raw
    return dict(value) if isinstance(value, dict) else {}


def _utc(raw: Any) -> datetime | None:
    """A ``UtcDateTime`` column as read raw: ISO text on SQLite, a datetime elsewhere;
    stored naive in UTC either way (see ``orm.UtcDateTime``). The common case first."""
    if type(raw) is str:
        return datetime.fromisoformat(raw).replace(tzinfo=UTC)
    if raw is None:
        return None
    value = raw if isinstance(raw, datetime) else datetime.fromisoformat(str(raw))
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


_INSERT_COLUMNS = (
    "id",
    "document_id",
    "annotator_id",
    "tag_id",
    "start_offset",
    "end_offset",
    "quote",
    "note",
    "attributes",
    "created",
    "updated",
    "revision",
    "deleted",
)
AnnotationValues = tuple[Any, ...]
"""A new ``annotations`` row as Python values, in ``_INSERT_COLUMNS`` order: a tuple, not a
dict, because an import builds one per annotation (see ``_insert_annotations``)."""
_SQLITE_INSERT_ANNOTATIONS = (
    f"INSERT INTO annotations ({', '.join(_INSERT_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _INSERT_COLUMNS)})"
)
_SQLITE_TIME = "%04d-%02d-%02d %02d:%02d:%02d.%06d"  # SQLAlchemy's SQLite DATETIME text


_SQLITE_DOCUMENT_COLUMNS = (
    "id",
    "title",
    "source",
    "author",
    "url",
    "published",
    "language",
    "meta",
    "text",
    "sha256",
    "length",
    "created",
)
_SQLITE_INSERT_DOCUMENT = (
    f"INSERT INTO documents ({', '.join(_SQLITE_DOCUMENT_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _SQLITE_DOCUMENT_COLUMNS)})"
)
_SQLITE_FIND_DOCUMENT = "SELECT sha256, id FROM documents WHERE sha256 = ? OR id = ?"


def _sqlite_time(moment: datetime) -> str:
    """A ``UtcDateTime`` as SQLAlchemy stores it on SQLite: naive UTC text."""
    utc = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
    return _SQLITE_TIME % (
        utc.year,
        utc.month,
        utc.day,
        utc.hour,
        utc.minute,
        utc.second,
        utc.microsecond,
    )


def _check_quote_in(text: str | None, annotation: Annotation, quote: str | None = None) -> None:
    """The span must lie in ``text`` and cover ``annotation.quote`` there (or ``quote``,
    read from the database, when the text is not at hand)."""
    start, end, document_id = annotation.start, annotation.end, annotation.document_id
    if text is not None:
        if not 0 <= start < end <= len(text):
            raise ConflictError(
                f"The span {start}-{end} is outside document {document_id} "
                f"({len(text)} characters)."
            )
        quote = text[start:end]
    if quote != annotation.quote:
        raise ConflictError(
            f"The span {start}-{end} does not cover '{annotation.quote}' in document {document_id}."
        )


class _RawValues:
    """Rows of ``_ANNOTATION_COLUMNS`` to frozen values, each tag, analyst and time
    decoded once (imports stamp many rows with one time)."""

    def __init__(
        self, store: Store, session: Session, *, changed_at: datetime | None = None
    ) -> None:
        """``changed_at``: the values as a change at that time leaves them, one revision
        on (read before a write, they need no second read after it)."""
        self._store = store
        self._session = session
        self._tags: dict[int, str] = {}
        self._annotators: dict[int, str] = {}
        self._times: dict[Any, datetime | None] = {}
        self._changed_at = changed_at

    def __call__(self, row: Sequence[Any]) -> Annotation:
        ann_id, doc_id, tag_id, who_id, start, end, quote, note, attrs, made, edited, rev = row
        tag = self._tags.get(tag_id)
        if tag is None:
            tag = self._tags[tag_id] = self._store._tag_name(self._session, tag_id)
        who = self._annotators.get(who_id)
        if who is None:
            who = self._annotators[who_id] = self._store._annotator_name(self._session, who_id)
        return Annotation(
            id=AnnotationId(ann_id),
            document_id=DocumentId(doc_id),
            tag=tag,
            start=start,
            end=end,
            quote=quote,
            annotator=who,
            note=note,
            attributes=_json_object(attrs),
            created=self._time(made),
            updated=self._time(edited) if self._changed_at is None else self._changed_at,
            revision=rev if self._changed_at is None else rev + 1,
        )

    def _time(self, raw: Any) -> datetime | None:
        times = self._times
        return times[raw] if raw in times else times.setdefault(raw, _utc(raw))


def _expire_annotation_rows(session: Session, annotation_ids: Collection[str]) -> None:
    """After a Core UPDATE: rows the session holds as objects are read again when used."""
    for row in list(session.identity_map.values()):
        if isinstance(row, AnnotationRow) and row.id in annotation_ids:
            session.expire(row)


def _chunks(values: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    """``values`` in slices short enough for one ``IN (...)`` (SQLite allows 32,766)."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _insert_annotations(session: Session, rows: list[AnnotationValues]) -> None:
    """The bulk insert of an import. On SQLite the values are encoded here, exactly as
    SQLAlchemy's types would store them (``UtcDateTime`` as naive UTC text, ``JSON`` by
    ``json.dumps``, booleans as 0/1), and go to the driver's ``executemany`` as tuples:
    SQLAlchemy's per-row parameter processing cost as much as SQLite's insert itself.
    A test compares the stored rows of both paths."""
    connection = session.connection()
    if connection.dialect.name != "sqlite" or not FAST_SQLITE_INSERT:
        keyed = [dict(zip(_INSERT_COLUMNS, row, strict=True)) for row in rows]
        for row in keyed:
            row["attributes"] = dict(row["attributes"])  # JSON takes a dict, not any Mapping
        session.execute(INSERT_ANNOTATIONS, keyed)
        return
    times: dict[datetime, str] = {}

    def stored(moment: datetime) -> str:
        text = times.get(moment)
        if text is None:
            text = times[moment] = _sqlite_time(moment)
        return text

    connection.exec_driver_sql(
        _SQLITE_INSERT_ANNOTATIONS,
        [
            (
                *head,
                json.dumps(dict(attributes)) if attributes else "{}",
                stored(created),
                stored(updated),
                revision,
                1 if deleted else 0,
            )
            for *head, attributes, created, updated, revision, deleted in rows
        ],
    )


FAST_SQLITE_INSERT = True
"""False sends imports through SQLAlchemy's insert on SQLite too (tests compare the two)."""


_EXISTS = select(AnnotationRow.revision).where(AnnotationRow.id == bindparam("id"))
_DOCUMENT_EXISTS = select(DocumentRow.id).where(DocumentRow.id == bindparam("id"))
# Built once: building the statement per call cost more than running it (tagging 6,000
# occurrences across a corpus checks 6,000 quotes).
_QUOTE = select(
    DocumentRow.length,
    func.substr(DocumentRow.text, bindparam("first"), bindparam("size")),
).where(DocumentRow.id == bindparam("id"))


def _stored_values(annotation: Annotation, *, tag_id: int, annotator_id: int) -> AnnotationValues:
    """A new annotation as one row for ``_insert_annotations``."""
    return (
        annotation.id,
        annotation.document_id,
        annotator_id,
        tag_id,
        annotation.start,
        annotation.end,
        annotation.quote,
        annotation.note,
        annotation.attributes,
        annotation.created,
        annotation.updated,
        annotation.revision,
        False,
    )


def _known(session: Session, document_id: str) -> tuple[set[str], set[tuple[int, ...]]]:
    """A stored document's annotation ids, and the spans (start, end, tag id, annotator
    id) of its live ones: what a merge must not add again."""
    known_ids: set[str] = set()
    known_spans: set[tuple[int, ...]] = set()
    existing = session.execute(
        select(
            AnnotationRow.id,
            AnnotationRow.start,
            AnnotationRow.end,
            AnnotationRow.tag_id,
            AnnotationRow.annotator_id,
            AnnotationRow.deleted,
        ).where(AnnotationRow.document_id == document_id)
    )
    for ann_id, start, end, tag_id, annotator_id, deleted in existing:
        known_ids.add(ann_id)
        if not deleted:
            known_spans.add((start, end, tag_id, annotator_id))
    return known_ids, known_spans


def _tag_exists(session: Session, name: str) -> bool:
    return session.scalar(select(TagRow.id).where(TagRow.name == name)) is not None


def _tag_row(tag: Tag) -> TagRow:
    return TagRow(**convert.tag_columns(tag))


def _document_values(draft: ArticleDraft, sha: str) -> dict[str, Any]:
    """One ``documents`` row for a Core insert, keyed by column name."""
    return {
        "id": draft.id or str(uuid.uuid4()),
        "title": draft.title or "Untitled",
        "source": draft.source,
        "author": draft.author,
        "url": draft.url,
        "published": draft.published,
        "language": draft.language,
        "meta": dict(draft.meta),
        "text": draft.text,
        "sha256": sha,
        "length": len(draft.text),
        "created": utcnow(),
    }


def _annotation_values(
    draft: AnnotationDraft,
    document_id: str,
    text: str,
    tag_id: int,
    annotator_id: int,
    now: datetime,
) -> AnnotationValues:
    """One row for the bulk insert (a Core insert, no ORM layer)."""
    return (
        draft.id or str(uuid.uuid4()),
        document_id,
        annotator_id,
        tag_id,
        draft.start,
        draft.end,
        text[draft.start : draft.end],
        draft.note,
        draft.attributes,
        draft.created or now,
        draft.updated or draft.created or now,
        1,
        False,
    )
