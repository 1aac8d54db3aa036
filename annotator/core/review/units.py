"""Review units: where the compared analysts agree, and where they do not.

A unit is a connected group of overlapping spans (overlap is transitive within a unit), so
every annotation lands in exactly one unit and units never overlap: the reviewer decides
each stretch of text once, and a gold annotation made for a unit can be found again from
the annotations it came from. Pure functions over frozen values; no database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import chain
from operator import attrgetter

from annotator.core.model import Annotation, AnnotationId, DocumentId

GOLD = "gold"
"""The reserved analyst name of curated gold annotations (see ``core.review_service``)."""


class UnitKind(Enum):
    """How the compared analysts' versions of a unit relate."""

    AGREE = "agree"
    """Every analyst has the same spans with the same tags."""
    TAG = "tag"
    """Every analyst has the same spans, but the tags differ."""
    BOUNDARY = "boundary"
    """Every analyst tagged here, with overlapping but different boundaries."""
    PARTIAL = "partial"
    """Only some of the compared analysts tagged here."""

    @property
    def disagreement(self) -> bool:
        return self is not UnitKind.AGREE


@dataclass(frozen=True)
class Version:
    """One analyst's annotation inside a unit: what the reviewer may accept."""

    annotation_id: AnnotationId
    analyst: str
    start: int
    end: int
    tag: str
    quote: str = ""

    @classmethod
    def of(cls, annotation: Annotation, analyst: str | None = None) -> Version:
        return cls(
            annotation.id,
            annotation.annotator if analyst is None else analyst,
            annotation.start,
            annotation.end,
            annotation.tag,
            annotation.quote,
        )


@dataclass(frozen=True)
class ReviewUnit:
    """A stretch ``start:end`` of one document covering overlapping versions.

    ``analysts`` are all analysts compared (also those without a version here), so a view
    can show who is missing from a PARTIAL unit.
    """

    document_id: DocumentId
    start: int
    end: int
    kind: UnitKind
    versions: tuple[Version, ...]
    analysts: tuple[str, ...]

    @property
    def annotation_ids(self) -> tuple[AnnotationId, ...]:
        return tuple(version.annotation_id for version in self.versions)

    @property
    def key(self) -> str:
        """A stable name for the unit (its annotation ids hashed), for views and tests;
        it changes when an analyst's annotation joins or leaves the unit."""
        joined = "\n".join(sorted(self.annotation_ids))
        return hashlib.sha1(joined.encode(), usedforsecurity=False).hexdigest()[:16]

    @property
    def missing(self) -> tuple[str, ...]:
        """Compared analysts without a version in this unit."""
        present = {version.analyst for version in self.versions}
        return tuple(analyst for analyst in self.analysts if analyst not in present)

    def version(self, annotation_id: str) -> Version:
        for version in self.versions:
            if version.annotation_id == annotation_id:
                return version
        raise KeyError(annotation_id)


def review_order(unit: ReviewUnit) -> tuple[int, int, int]:
    """Sort key for "disagreements first, then by position": the GUI's next/previous unit
    walks a list sorted by this, so the reviewer meets the work that needs a decision before
    the units everyone already agrees on."""
    return (0 if unit.kind.disagreement else 1, unit.start, unit.end)


def review_units(
    annotations_by_analyst: Mapping[str, Sequence[Annotation]],
) -> list[ReviewUnit]:
    """Group the analysts' annotations (of one document) into units, in review order.

    Every analyst named is compared, even one with no annotations (then every unit is
    PARTIAL): leaving out a colleague who tagged nothing would hide exactly the spans that
    need review. Two annotations of the same analyst that overlap fall into one unit too.
    The mapping's key names the analyst (a caller may compare renamed copies).
    """
    versions = {
        analyst: [Version.of(annotation, analyst) for annotation in annotations]
        for analyst, annotations in annotations_by_analyst.items()
    }
    first = next(iter(chain.from_iterable(annotations_by_analyst.values())), None)
    return [] if first is None else units_of(first.document_id, versions)


def units_of(
    document_id: DocumentId, versions_by_analyst: Mapping[str, Sequence[Version]]
) -> list[ReviewUnit]:
    """``review_units`` over versions already made: the project makes them from the lean
    annotation rows and the text, since reading 18,000 full annotations of a long report
    to keep six of their fields was most of opening its review."""
    analysts = tuple(versions_by_analyst)
    everything = sorted(chain.from_iterable(versions_by_analyst.values()), key=_GROUPING_ORDER)
    groups: list[list[Version]] = []
    group_end = -1
    for version in everything:
        if groups and version.start < group_end:
            groups[-1].append(version)
            group_end = max(group_end, version.end)
        else:
            groups.append([version])
            group_end = version.end
    units = [_unit(document_id, tuple(group), analysts) for group in groups]
    return sorted(units, key=review_order)


_GROUPING_ORDER = attrgetter("start", "end", "annotation_id", "analyst")


def _unit(
    document_id: DocumentId, versions: tuple[Version, ...], analysts: tuple[str, ...]
) -> ReviewUnit:
    return ReviewUnit(
        document_id=document_id,
        start=versions[0].start,  # versions come in text order
        end=max(version.end for version in versions),
        kind=_kind(versions, analysts),
        versions=versions,
        analysts=analysts,
    )


def _kind(versions: tuple[Version, ...], analysts: tuple[str, ...]) -> UnitKind:
    """Compares each analyst's set of tagged spans (a long report has thousands of units:
    only the sets that exist are built)."""
    tagged: dict[str, set[tuple[int, int, str]]] = {}
    for version in versions:
        tagged.setdefault(version.analyst, set()).add((version.start, version.end, version.tag))
    if any(analyst not in tagged for analyst in analysts):
        return UnitKind.PARTIAL
    first, *others = tagged.values()
    if all(other == first for other in others):
        return UnitKind.AGREE
    first_spans, *other_spans = ({(s, e) for s, e, _tag in value} for value in tagged.values())
    if all(spans == first_spans for spans in other_spans):
        return UnitKind.TAG
    return UnitKind.BOUNDARY
