"""The frozen values that cross the core's boundary.

The GUI, the CLI, scripts and tests only ever see these dataclasses, never ORM rows, so the
storage layer can change without touching them and a value handed to a view can never be
mutated behind the database's back.

Offsets are Unicode code points into ``Document.text``, end exclusive:
``text[start:end] == quote`` always holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from operator import itemgetter
from typing import Any, Literal, NamedTuple, NewType, TypeVar, get_args

DocumentId = NewType("DocumentId", str)
AnnotationId = NewType("AnnotationId", str)
RelationId = NewType("RelationId", str)

AttributeKind = Literal["choice", "text", "number", "bool"]
ATTRIBUTE_KINDS: tuple[AttributeKind, ...] = get_args(AttributeKind)

Underline = Literal["solid", "dash", "dot", "wave", "double"]
UNDERLINES: tuple[Underline, ...] = get_args(Underline)
"""Each tag's line under its spans, so colour is never the only cue (colour-blind users)."""

DocumentStatus = Literal["new", "in progress", "done"]
DOCUMENT_STATUSES: tuple[DocumentStatus, ...] = get_args(DocumentStatus)

JsonValue = Any
"""A value that survives ``json.dumps``; attributes and free metadata hold these."""

_Frozen = TypeVar("_Frozen")


@dataclass(frozen=True)
class AttributeDefinition:
    """One field an annotation of a tag may carry; ``choices`` only for ``kind == "choice"``."""

    name: str
    kind: AttributeKind = "text"
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Tag:
    """A label analysts attach to spans.

    A ``retired`` tag is hidden from the tag bar, but its annotations stay visible and
    exportable: retiring never deletes work.
    """

    name: str
    color: str
    hotkey: str | None = None
    description: str = ""
    position: int = 0
    underline: Underline = "solid"
    retired: bool = False
    attributes: tuple[AttributeDefinition, ...] = ()

    def attribute(self, name: str) -> AttributeDefinition | None:
        return next((d for d in self.attributes if d.name == name), None)


@dataclass(frozen=True)
class Document:
    """An imported article. ``text`` never changes after import, so offsets never drift."""

    id: DocumentId
    title: str
    text: str
    sha256: str
    source: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    meta: Mapping[str, JsonValue] = field(default_factory=dict)
    created: datetime | None = None


@dataclass(frozen=True)
class DocumentSummary:
    """What the corpus list shows for one document, without loading its text."""

    id: DocumentId
    title: str
    source: str | None
    published: str | None
    length: int
    counts: Mapping[str, int]
    status: DocumentStatus = "new"
    """The current analyst's status for this document."""

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Annotation:
    """One tagged span of one document, made by one analyst."""

    id: AnnotationId
    document_id: DocumentId
    tag: str
    start: int
    end: int
    quote: str
    annotator: str
    note: str = ""
    attributes: Mapping[str, JsonValue] = field(default_factory=dict)
    created: datetime | None = None
    updated: datetime | None = None
    revision: int = 1


class AnnotationRef(NamedTuple):
    """The lean form of a live annotation: what the article view and the annotation list
    show, read without decoding attributes or timestamps (``Store.annotation_refs``).
    Opening a document builds 10,000 of these where 10,000 ``Annotation`` values cost
    most of the open; the full value is read when one becomes current."""

    id: AnnotationId
    start: int
    end: int
    tag: str
    annotator: str
    revision: int
    note: str

    @classmethod
    def of(cls, annotation: Annotation) -> AnnotationRef:
        a = annotation
        return cls(a.id, a.start, a.end, a.tag, a.annotator, a.revision, a.note)


def in_text_order(refs: list[AnnotationRef]) -> list[AnnotationRef]:
    """Sorted by (start, -end, id) in place, by three stable sorts whose keys are read in
    C (one Python key function per annotation cost more than the sorts)."""
    refs.sort(key=itemgetter(0))
    refs.sort(key=itemgetter(2), reverse=True)  # reverse keeps ties in order
    refs.sort(key=itemgetter(1))
    return refs


@dataclass(frozen=True)
class Relation:
    """A typed link between two annotations of one document (a quote *attributed_to* its
    speaker, an assessment *about* a facility)."""

    id: RelationId
    document_id: DocumentId
    from_annotation: AnnotationId
    to_annotation: AnnotationId
    type: str
    annotator: str
    created: datetime | None = None


@dataclass(frozen=True)
class AnnotationDraft:
    """An annotation read from a file, before it is checked against its document."""

    start: int
    end: int
    tag: str
    id: str | None = None
    annotator: str | None = None
    note: str = ""
    attributes: Mapping[str, JsonValue] = field(default_factory=dict)
    quote: str | None = None
    created: datetime | None = None
    updated: datetime | None = None


def annotation_draft(
    *,
    start: int,
    end: int,
    tag: str,
    id: str | None,
    annotator: str | None,
    note: str,
    attributes: Mapping[str, JsonValue],
    quote: str | None,
    created: datetime | None,
    updated: datetime | None,
) -> AnnotationDraft:
    """``AnnotationDraft(...)`` with every field given, for the import's loop over tens of
    thousands of them. A frozen dataclass's generated ``__init__`` sets each field through
    ``object.__setattr__``: 4.1 us for this one, against 0.9 us for filling the new value's
    ``__dict__`` at once. The value is the same: equal, just as frozen (a test holds it)."""
    return _assembled(AnnotationDraft, dict(locals()))


def _assembled(cls: type[_Frozen], fields: dict[str, Any]) -> _Frozen:
    value = object.__new__(cls)
    object.__setattr__(value, "__dict__", fields)
    return value


@dataclass(frozen=True)
class SearchHit:
    """A document matching a corpus search; ``snippet`` marks matches with [ and ]."""

    document_id: DocumentId
    title: str
    snippet: str


@dataclass(frozen=True)
class RelationDraft:
    """A relation read from a file; its ends name annotation ids of the same record."""

    from_annotation: str
    to_annotation: str
    type: str
    id: str | None = None
    annotator: str | None = None


@dataclass(frozen=True)
class ArticleDraft:
    """An article read from a file, not yet stored.

    ``origin`` names where it came from (``reports/a.txt`` or ``corpus.jsonl, line 12``)
    so that every message about it can point the analyst at the right place.
    """

    text: str
    origin: str
    title: str | None = None
    source: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    meta: Mapping[str, JsonValue] = field(default_factory=dict)
    id: str | None = None
    annotations: tuple[AnnotationDraft, ...] = ()
    relations: tuple[RelationDraft, ...] = ()
    warnings: tuple[str, ...] = ()
    """What the reader changed or skipped (e.g. a discontinuous span split in two)."""


@dataclass(frozen=True)
class ReadFailure:
    """A file or record that could not be read; the rest of the batch goes on."""

    origin: str
    message: str
