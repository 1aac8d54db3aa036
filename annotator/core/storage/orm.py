"""The ORM tables. Private to ``core.storage``: nothing outside storage imports these."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    event,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from annotator.core.storage import fulltext, team_sql

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """Stores UTC, returns aware datetimes on every backend (SQLite drops the zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class ProjectInfoRow(Base):
    __tablename__ = "project_info"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AnnotatorRow(Base):
    __tablename__ = "annotators"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    created: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class TagRow(Base):
    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    color: Mapped[str] = mapped_column(String(16))
    hotkey: Mapped[str | None] = mapped_column(String(16), nullable=True)
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    underline: Mapped[str] = mapped_column(String(16), default="solid", server_default="solid")
    retired: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # [{"name": ..., "kind": ..., "choices": [...]}, ...] (see convert.definitions_json)
    attributes: Mapped[list[dict[str, Any]]] = mapped_column(
        JSON, default=list, server_default="[]"
    )


LISTED_COLUMNS = ("created", "id", "title", "source", "published", "length")
"""The columns of ``ix_documents_listed`` (migration 0010): the corpus list's, in its order."""


class DocumentRow(Base):
    __tablename__ = "documents"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text, nullable=True)
    author: Mapped[str | None] = mapped_column(Text, nullable=True)
    url: Mapped[str | None] = mapped_column(Text, nullable=True)
    published: Mapped[str | None] = mapped_column(String(40), nullable=True)
    language: Mapped[str | None] = mapped_column(String(20), nullable=True)
    meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    length: Mapped[int] = mapped_column(Integer)
    created: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # The document this one is a revised text of (see core.revisions); None for originals.
    revision_of: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)

    # The corpus list in project order from the index alone (Store.summaries and
    # document_ids on SQLite: COVERING INDEX, no sort); see migration 0010. SQLite only, as
    # ix_annotations_document_spans: a long title would not fit a PostgreSQL B-tree entry.
    __table_args__ = (Index("ix_documents_listed", *LISTED_COLUMNS).ddl_if(dialect="sqlite"),)


class AnnotationRow(Base):
    __tablename__ = "annotations"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"))
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id"))
    start: Mapped[int] = mapped_column("start_offset", Integer)
    end: Mapped[int] = mapped_column("end_offset", Integer)
    quote: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    # A colleague's conflicting edit of annotation ``conflict_of``, kept for review (bundles).
    conflict_of: Mapped[str | None] = mapped_column(String(36), nullable=True)

    # Covers "live annotations of a document" and the per-tag counts (EXPLAIN QUERY PLAN:
    # COVERING INDEX), so recounting one document after an edit reads no table rows.
    __table_args__ = (
        Index("ix_annotations_document_live_tag", "document_id", "deleted", "tag_id"),
    )


# Covers the spans read when a document opens (Store.annotation_refs on SQLite: COVERING
# INDEX, ~10,000 table look-ups fewer for a long article), in text order (start, longest
# first, then id), so that read needs no sort (migrations 0009, 0011). SQLite only: a
# PostgreSQL B-tree entry is limited to ~2.7 kB, and a long note would not fit.
Index(
    "ix_annotations_document_spans",
    AnnotationRow.document_id,
    AnnotationRow.deleted,
    AnnotationRow.start,
    AnnotationRow.end.desc(),
    AnnotationRow.id,
    AnnotationRow.tag_id,
    AnnotationRow.annotator_id,
    AnnotationRow.revision,
    AnnotationRow.note,
).ddl_if(dialect="sqlite")


class RelationRow(Base):
    """A typed link between two annotations. ``document_id`` is stored (both ends share
    it) so a document's relations are one indexed read. A relation shows only while it and
    both its annotations are live: deleting an annotation hides its relations without
    touching them, and undoing the delete brings them back."""

    __tablename__ = "relations"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    from_annotation: Mapped[str] = mapped_column(ForeignKey("annotations.id", ondelete="CASCADE"))
    to_annotation: Mapped[str] = mapped_column(ForeignKey("annotations.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(100))
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"))
    created: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (Index("ix_relations_document_live", "document_id", "deleted"),)


class AnnotationHistoryRow(Base):
    """An annotation's state before a merged bundle replaced it with a newer revision:
    merging never loses an analyst's version (see core.bundle)."""

    __tablename__ = "annotation_history"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    annotation_id: Mapped[str] = mapped_column(String(36), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
    replaced: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    origin: Mapped[str] = mapped_column(Text, default="")


class DocumentStatusRow(Base):
    """One analyst's progress on one document (new, in progress, done). No row means
    "new", so a fresh import costs no writes and "new" is never out of date."""

    __tablename__ = "document_status"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"))
    status: Mapped[str] = mapped_column(String(20))
    updated: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    # Analyst first: the corpus list reads all of one analyst's rows through this index.
    __table_args__ = (UniqueConstraint("annotator_id", "document_id"),)


@event.listens_for(Base.metadata, "after_create")
def _create_fulltext(_target: MetaData, connection: Connection, **_kw: Any) -> None:
    """A new database gets the search index too (an upgraded one gets it from 0005), and
    on PostgreSQL the triggers behind live updates (``team init`` adds them to older ones)."""
    fulltext.create(connection)
    team_sql.install_live_triggers(connection)


# --- review (issue 7): decisions, gold lineage, comment threads, document review state ---


class ReviewRow(Base):
    """A reviewer's decision (accept, edit, reject) about one annotation. Undoing a
    decision removes its rows: the log holds only decisions that stand."""

    __tablename__ = "reviews"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    annotation_id: Mapped[str] = mapped_column(
        ForeignKey("annotations.id", ondelete="CASCADE"), index=True
    )
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"))
    decision: Mapped[str] = mapped_column(String(10))
    comment: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class GoldSourceRow(Base):
    """A gold annotation (analyst "gold") -> an annotation it was curated from, so gold
    keeps its lineage and a unit's existing gold is found from the unit's annotations."""

    __tablename__ = "gold_sources"
    gold_id: Mapped[str] = mapped_column(
        ForeignKey("annotations.id", ondelete="CASCADE"), primary_key=True
    )
    source_id: Mapped[str] = mapped_column(
        ForeignKey("annotations.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class CommentRow(Base):
    """One message of the thread on an annotation. Soft-deleted by undo, because a
    colleague's reply may point at it."""

    __tablename__ = "comments"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    annotation_id: Mapped[str] = mapped_column(
        ForeignKey("annotations.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"))
    text: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    reply_to: Mapped[str | None] = mapped_column(
        ForeignKey("comments.id", ondelete="SET NULL"), nullable=True
    )
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


class DocumentReviewRow(Base):
    """A document's review state (in review, reviewed); no row means never put in review.
    Separate from the per-analyst ``document_status``: review is per document."""

    __tablename__ = "document_review"
    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    state: Mapped[str] = mapped_column(String(20))
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"))
    updated: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
