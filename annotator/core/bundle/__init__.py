"""Colleague bundles: all of a project's work in one ``.annobundle`` file, and merging one.

For analysts on air-gapped networks who pass work on by file. Export writes documents,
tags (with their attribute definitions), every annotation (soft-deleted ones and their
known versions too) and relations, and (format 2) the review layer: decisions, gold
sources, comment threads, document review states and analysts' statuses (see
``review_layer``), with a manifest naming the origin and a checksum.
Import merges by UUID (see ``merge`` and ``review_layer``) in one transaction, after
checking the whole file: a damaged or altered bundle is refused and nothing is merged, and
a failure part-way rolls the whole bundle back. A merge is not an undoable edit (the GUI
starts its undo stack afresh after one). ``preview_bundle`` tells the GUI what a merge
would do, without writing.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from annotator import __version__
from annotator.core.bundle import merge, review_layer
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
    reviews: int = 0
    """Review decisions added."""
    comments: int = 0
    """Comments added or deleted."""
    gold_links: int = 0
    """Gold annotations whose sources change."""
    workflow: int = 0
    """Document review states and analysts' statuses that change."""
    skipped: tuple[str, ...] = ()
    """Review-layer records that cannot be merged here, one message each (see
    ``review_layer``); the rest merges."""

    @property
    def changes_nothing(self) -> bool:
        return not (
            self.documents
            or self.tags
            or self.adds
            or self.updates
            or self.conflicts
            or self.reviews
            or self.comments
            or self.gold_links
            or self.workflow
        )

    def summary(self) -> str:
        who = self.origin.get("analyst", "?")
        text = (
            f"bundle from {who}: {self.documents} documents, {self.tags} tags, "
            f"{self.adds} annotations added, {self.updates} updated, "
            f"{len(self.conflicts)} conflicts kept for review"
        )
        if self.reviews or self.comments or self.gold_links or self.workflow:
            text += (
                f"; review: {self.reviews} decisions, {self.comments} comments, "
                f"{self.gold_links} gold lineages, {self.workflow} document states"
            )
        if self.skipped:
            text += f"; {len(self.skipped)} review records skipped (about annotations not here)"
        return text


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
            **review_layer.export_sections(
                ex, set(states), {d["sha256"] for d in documents}, annotators
            ),
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
        found, reviewed = _plan(ex, bundle.payload)
    return _preview(bundle.manifest, found, reviewed)


def merge_bundle(store: Store, path: Path) -> BundlePreview:
    """Merge a checked bundle in one transaction (all of it, or nothing if anything
    fails); returns what was done."""
    bundle = read_bundle(Path(path))
    origin = str(bundle.manifest.get("origin", {}).get("analyst", ""))
    with exchange.writing(store) as ex:
        found, reviewed = _plan(ex, bundle.payload)
        merge.apply(ex, found, origin)
        review_layer.apply(ex, reviewed)
    return _preview(bundle.manifest, found, reviewed)


def _plan(
    ex: exchange.Exchange, payload: dict[str, Any]
) -> tuple[merge.Plan, review_layer.ReviewPlan]:
    """Both plans from the project as it is before the merge."""
    local = ex.annotations()
    found = merge.plan(ex, payload, local)
    return found, review_layer.plan(ex, payload, local, found.taken)


def _preview(
    manifest: dict[str, Any], found: merge.Plan, reviewed: review_layer.ReviewPlan
) -> BundlePreview:
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
        reviews=len(reviewed.reviews),
        comments=len(reviewed.comments) + len(reviewed.deleted_comments),
        gold_links=len(reviewed.gold_sources),
        workflow=len(reviewed.document_reviews) + len(reviewed.document_statuses),
        skipped=tuple(reviewed.skipped),
    )
