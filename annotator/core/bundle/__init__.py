"""Colleague bundles: all of a project's work in one ``.annobundle`` file, and merging one.

For analysts on air-gapped networks who pass work on by file. Export writes documents,
tags (with their attribute definitions), every annotation (soft-deleted ones and their
known versions too) and relations, with a manifest naming the origin and a checksum.
Import merges by UUID (see ``merge``) in one transaction, after checking the whole file:
a damaged or altered bundle is refused and nothing is merged. ``preview_bundle`` tells
the GUI what a merge would do, without writing.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from annotator import __version__
from annotator.core.bundle import merge
from annotator.core.bundle.archive import read_bundle, write_bundle
from annotator.core.bundle.states import state_hash
from annotator.core.model import AnnotationId, DocumentId
from annotator.core.storage import exchange
from annotator.core.storage.schema import head_revision
from annotator.core.storage.store import Store

SUFFIX = ".annobundle"


@dataclass(frozen=True)
class ConflictItem:
    """Two versions of one annotation edited on both sides; both are kept."""

    annotation_id: AnnotationId
    kept_as: AnnotationId
    """The id of the version flagged for review (``conflict_of`` = ``annotation_id``)."""
    quote: str
    tag: str


@dataclass(frozen=True)
class BundlePreview:
    """What merging a bundle would do (or did): counts the GUI's dialog shows."""

    origin: dict[str, Any]
    documents: int
    tags: int
    adds: int
    updates: int
    conflicts: tuple[ConflictItem, ...]

    @property
    def changes_nothing(self) -> bool:
        return not (self.documents or self.tags or self.adds or self.updates or self.conflicts)

    def summary(self) -> str:
        who = self.origin.get("analyst", "?")
        return (
            f"bundle from {who}: {self.documents} documents, {self.tags} tags, "
            f"{self.adds} annotations added, {self.updates} updated, "
            f"{len(self.conflicts)} conflicts kept for review"
        )


def export_bundle(
    store: Store,
    output: Path,
    *,
    document_ids: Sequence[DocumentId] | None = None,
    annotators: Collection[str] | None = None,
    tags: Collection[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the project (by default everything; the filters narrow documents, analysts
    and tags, e.g. to pass on only one's own work) to ``output``.

    The exported versions are remembered as seen, so a colleague's unchanged copy coming
    back is recognised as already known rather than as a conflicting edit.
    """
    from annotator.core.settings import load_settings

    with exchange.writing(store) as ex:
        documents = ex.documents()
        states = ex.annotations()
        lineage = ex.lineage()
        if document_ids is not None:
            shas = {ex.sha_of[d] for d in document_ids if d in ex.sha_of}
            documents = [d for d in documents if d["sha256"] in shas]
        states = {
            ann_id: state
            for ann_id, state in states.items()
            if _kept(state, documents, annotators, tags)
        }
        annotations = []
        for ann_id, state in states.items():
            now = state_hash(state)
            if now not in lineage.get(ann_id, set()):
                ex.remember(ann_id, {"hash": now}, "exported")
            annotations.append({**state, "lineage": sorted({now, *lineage.get(ann_id, set())})})
        payload = {
            "documents": documents,
            "tags": [t for t in ex.tags() if tags is None or t["name"] in tags],
            "annotations": annotations,
            "relations": [r for r in ex.relations() if r["from"] in states and r["to"] in states],
        }
    origin = {
        "analyst": load_settings().analyst,
        "project_id": store.info("project_id") or "",
        "created": datetime.now(UTC).isoformat(),
        "app_version": __version__,
        "schema": head_revision(),
    }
    write_bundle(Path(output), origin, payload)
    if progress is not None:
        progress(len(documents), len(documents))
    return len(documents)


def _kept(
    state: dict[str, Any],
    documents: list[dict[str, Any]],
    annotators: Collection[str] | None,
    tags: Collection[str] | None,
) -> bool:
    return (
        (annotators is None or state["annotator"] in annotators)
        and (tags is None or state["tag"] in tags)
        and any(d["sha256"] == state["document"] for d in documents)
    )


def preview_bundle(store: Store, path: Path) -> BundlePreview:
    """What ``merge_bundle`` would do; reads the project, writes nothing."""
    bundle = read_bundle(Path(path))
    with exchange.reading(store) as ex:
        found = merge.plan(ex, bundle.payload)
    return _preview(bundle.manifest, found)


def merge_bundle(store: Store, path: Path) -> BundlePreview:
    """Merge a checked bundle in one transaction; returns what was done."""
    bundle = read_bundle(Path(path))
    origin = str(bundle.manifest.get("origin", {}).get("analyst", ""))
    with exchange.writing(store) as ex:
        found = merge.plan(ex, bundle.payload)
        merge.apply(ex, found, origin)
    return _preview(bundle.manifest, found)


def _preview(manifest: dict[str, Any], found: merge.Plan) -> BundlePreview:
    conflicts = tuple(
        ConflictItem(
            AnnotationId(winner["id"]),
            AnnotationId(merge.conflict_copy(winner["id"], {**loser, "id": winner["id"]})["id"]),
            str(loser["quote"]),
            str(loser["tag"]),
        )
        for winner, loser in found.conflicts
    )
    return BundlePreview(
        origin=dict(manifest.get("origin", {})),
        documents=len(found.documents),
        tags=len(found.tags),
        adds=len(found.adds),
        updates=len(found.updates),
        conflicts=conflicts,
    )


class BundleService:
    """The bundle part of the ``Project`` facade (a mixin)."""

    store: Store

    def preview_bundle(self, path: Path) -> BundlePreview:
        return preview_bundle(self.store, path)

    def merge_bundle(self, path: Path) -> BundlePreview:
        return merge_bundle(self.store, path)
