"""Rows as plain JSON-able states for bundles, and writing merged states back.

Bundles travel between projects whose document ids differ (each analyst imported the same
articles on their own), so states name documents by ``sha256`` and annotators and tags by
name; the ids are mapped to this project's on the way in.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from annotator.core.storage import convert
from annotator.core.storage.orm import (
    AnnotationHistoryRow,
    AnnotationRow,
    AnnotatorRow,
    DocumentRow,
    RelationRow,
    TagRow,
)
from annotator.core.storage.store import Store

State = dict[str, Any]
DOCUMENT_FIELDS = ("id", "title", "source", "author", "url", "published", "language", "text")


def iso(value: Any) -> str | None:
    return None if value is None else str(value.isoformat())


class Exchange:
    """One session's view of the project for exporting or merging a bundle."""

    def __init__(self, store: Store, session: Session) -> None:
        self.store = store
        self.session = session
        self.sha_of = dict(session.execute(select(DocumentRow.id, DocumentRow.sha256)).all())
        self.id_of_sha = {sha: doc_id for doc_id, sha in self.sha_of.items()}
        self.tag_names = dict(session.execute(select(TagRow.id, TagRow.name)).all())
        self.annotator_names = dict(
            session.execute(select(AnnotatorRow.id, AnnotatorRow.name)).all()
        )

    # --- reading -----------------------------------------------------------------

    def documents(self) -> list[State]:
        rows = self.session.scalars(select(DocumentRow).order_by(DocumentRow.sha256))
        return [
            {
                **{name: getattr(row, name) for name in DOCUMENT_FIELDS},
                "sha256": row.sha256,
                "meta": dict(row.meta or {}),
                "revision_of": self.sha_of.get(row.revision_of) if row.revision_of else None,
            }
            for row in rows
        ]

    def tags(self) -> list[State]:
        rows = self.session.scalars(select(TagRow).order_by(TagRow.position, TagRow.name))
        return [convert.tag_columns(convert.tag_value(row)) for row in rows]

    def annotations(self) -> dict[str, State]:
        """Every annotation, soft-deleted ones included, by id."""
        rows = self.session.scalars(select(AnnotationRow).order_by(AnnotationRow.id))
        return {row.id: self.state(row) for row in rows}

    def state(self, row: AnnotationRow) -> State:
        return {
            "id": row.id,
            "document": self.sha_of[row.document_id],
            "tag": self.tag_names[row.tag_id],
            "annotator": self.annotator_names[row.annotator_id],
            "start": row.start,
            "end": row.end,
            "quote": row.quote,
            "note": row.note,
            "attributes": dict(row.attributes or {}),
            "created": iso(row.created),
            "updated": iso(row.updated),
            "revision": row.revision,
            "deleted": bool(row.deleted),
            "conflict_of": row.conflict_of,
        }

    def lineage(self) -> dict[str, set[str]]:
        """Annotation id -> hashes of the states it has held (see ``core.bundle.merge``)."""
        found: dict[str, set[str]] = {}
        query = select(AnnotationHistoryRow.annotation_id, AnnotationHistoryRow.state)
        for ann_id, state in self.session.execute(query):
            found.setdefault(ann_id, set()).add(str(state.get("hash", "")))
        return found

    def relations(self) -> list[State]:
        rows = self.session.scalars(select(RelationRow).order_by(RelationRow.id))
        return [
            {
                "id": row.id,
                "document": self.sha_of[row.document_id],
                "from": row.from_annotation,
                "to": row.to_annotation,
                "type": row.type,
                "annotator": self.annotator_names[row.annotator_id],
                "created": iso(row.created),
                "deleted": bool(row.deleted),
            }
            for row in rows
        ]

    # --- writing -----------------------------------------------------------------

    def add_document(self, state: State) -> None:
        revision_of = state.get("revision_of")
        values = {name: state[name] for name in DOCUMENT_FIELDS}
        if self.session.get(DocumentRow, values["id"]) is not None:
            values["id"] = str(uuid.uuid4())  # the id names another text here
        row = DocumentRow(
            **values,
            meta=dict(state.get("meta") or {}),
            sha256=state["sha256"],
            length=len(state["text"]),
            revision_of=self.id_of_sha.get(revision_of) if revision_of else None,
        )
        self.session.add(row)
        self.session.flush()
        self.sha_of[row.id] = row.sha256
        self.id_of_sha[row.sha256] = row.id

    def add_tag(self, columns: State) -> None:
        self.session.add(TagRow(**columns))
        self.session.flush()

    def write_annotation(self, state: State) -> None:
        """Insert or overwrite the annotation ``state["id"]`` with exactly this state."""
        from annotator.core.bundle.states import parse_time

        values = {
            "document_id": self.id_of_sha[state["document"]],
            "tag_id": self.store._tag_id(self.session, state["tag"]),
            "annotator_id": self.store._annotator_id(self.session, state["annotator"]),
            "start": state["start"],
            "end": state["end"],
            "quote": state["quote"],
            "note": state["note"],
            "attributes": dict(state["attributes"]),
            "created": parse_time(state["created"]),
            "updated": parse_time(state["updated"]),
            "revision": state["revision"],
            "deleted": state["deleted"],
            "conflict_of": state["conflict_of"],
        }
        row = self.session.get(AnnotationRow, state["id"])
        if row is None:
            self.session.add(AnnotationRow(id=state["id"], **values))
        else:
            for name, value in values.items():
                setattr(row, name, value)
        self.session.flush()

    def remember(self, annotation_id: str, state: State, origin: str) -> None:
        """Keep a state (or only its hash) in the annotation's history."""
        self.session.execute(
            insert(AnnotationHistoryRow),
            [
                {
                    "annotation_id": annotation_id,
                    "revision": int(state.get("revision", 0)),
                    "state": state,
                    "origin": origin,
                }
            ],
        )

    def add_relation(self, state: State) -> None:
        from annotator.core.bundle.states import parse_time

        self.session.add(
            RelationRow(
                id=state["id"],
                document_id=self.id_of_sha[state["document"]],
                from_annotation=state["from"],
                to_annotation=state["to"],
                type=state["type"],
                annotator_id=self.store._annotator_id(self.session, state["annotator"]),
                created=parse_time(state["created"]),
                deleted=state["deleted"],
            )
        )
        self.session.flush()

    def set_relation_deleted(self, relation_id: str) -> None:
        row = self.session.get(RelationRow, relation_id)
        if row is not None:
            row.deleted = True


@contextmanager
def reading(store: Store) -> Iterator[Exchange]:
    with store._reading() as session:
        yield Exchange(store, session)


@contextmanager
def writing(store: Store) -> Iterator[Exchange]:
    """One transaction for a whole bundle: everything merges, or nothing does."""
    with store._writing() as session:
        yield Exchange(store, session)
