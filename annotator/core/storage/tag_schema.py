"""Writing the tag schema: tags are rows, annotations point at them by id.

Renaming a tag is therefore one UPDATE and every annotation follows. A tag row is removed
only when no annotation row (live or soft-deleted) references it; otherwise it is retired,
so undo history and exports never lose a tag name.

Kept apart from ``store.py`` (which serves documents and annotations); it shares the
store's transactions and drops its id caches after each change of names.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from annotator.core.errors import ConflictError, NotFoundError
from annotator.core.model import Tag
from annotator.core.storage import convert
from annotator.core.storage.orm import AnnotationRow, TagRow
from annotator.core.storage.store import Store


def add_missing(store: Store, tags: Sequence[Tag]) -> None:
    """Insert the tags whose names are not there yet (the defaults of a new project)."""
    with store._writing() as session:
        existing = set(session.scalars(select(TagRow.name)))
        for tag in tags:
            if tag.name not in existing:
                session.add(TagRow(**convert.tag_columns(tag)))


def next_position(store: Store) -> int:
    with store._reading() as session:
        return (session.scalar(select(func.max(TagRow.position))) or 0) + 1


def put(store: Store, tag: Tag) -> Tag:
    """Insert ``tag``, or overwrite the row of that name (bringing back a retired tag)."""
    with store._writing() as session:
        row = _find(session, tag.name)
        if row is None:
            row = TagRow(**convert.tag_columns(tag))
            session.add(row)
        else:
            _assign(row, tag)
        session.flush()
        value = convert.tag_value(row)
    store._forget_caches()
    return value


def replace(store: Store, current_name: str, tag: Tag) -> Tag:
    """Overwrite the tag now called ``current_name`` with ``tag`` (which may rename it)."""
    with store._writing() as session:
        row = _row(session, current_name)
        if tag.name != current_name and _find(session, tag.name) is not None:
            raise ConflictError(f"There is already a tag named '{tag.name}'; choose another name.")
        _assign(row, tag)
        session.flush()
        value = convert.tag_value(row)
    store._forget_caches()
    return value


def remove(store: Store, name: str) -> bool:
    """Delete an unused tag row; a tag any annotation row references is retired instead.

    Returns True when the row was deleted.
    """
    with store._writing() as session:
        row = _row(session, name)
        referenced = session.scalar(
            select(AnnotationRow.id).where(AnnotationRow.tag_id == row.id).limit(1)
        )
        if referenced is None:
            session.delete(row)
        else:
            row.retired = True
    store._forget_caches()
    return referenced is None


def usage(store: Store, name: str) -> int:
    """How many live annotations use the tag (what the GUI tells before retiring it)."""
    with store._reading() as session:
        row = _row(session, name)
        query = select(func.count()).where(
            AnnotationRow.tag_id == row.id, AnnotationRow.deleted.is_(False)
        )
        return int(session.scalar(query) or 0)


def _find(session: Session, name: str) -> TagRow | None:
    return session.scalar(select(TagRow).where(TagRow.name == name))


def _row(session: Session, name: str) -> TagRow:
    row = _find(session, name)
    if row is None:
        raise NotFoundError(f"There is no tag named '{name}' in this project.")
    return row


def _assign(row: TagRow, tag: Tag) -> None:
    for key, value in convert.tag_columns(tag).items():
        setattr(row, key, value)
