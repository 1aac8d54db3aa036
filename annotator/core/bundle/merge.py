"""Deciding what a colleague's bundle changes, and applying it in one transaction.

Each annotation carries its *lineage*: the hashes of the versions it has held that its
project knows of. For an incoming version X of a local annotation L:

- X is in L's lineage: we have it already, or a later edit of it - nothing to do;
- L is in X's lineage: X was made from L - X replaces L, and L goes to the history;
- neither: both sides edited since their common version - a conflict. Both versions are
  kept: the winner (higher revision, then later update, then hash) under the annotation's
  id, the other as a separate annotation flagged ``conflict_of`` for review, with an id
  derived from both, so both projects end up with the same two annotations.

Lineages are merged too, so the same bundle imported twice changes nothing, and two
projects exchanging bundles both ways converge on the same state.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from annotator.core.bundle.states import State, order_key, state_hash
from annotator.core.storage.exchange import Exchange

CONFLICT_NAMESPACE = uuid.UUID("6f1c2a52-6a57-4a53-9d0e-8e7f3f4a1b2c")


@dataclass
class Plan:
    documents: list[State] = field(default_factory=list)
    tags: list[State] = field(default_factory=list)
    adds: list[State] = field(default_factory=list)
    updates: list[tuple[State, State]] = field(default_factory=list)
    """(local, incoming) where incoming replaces local."""
    conflicts: list[tuple[State, State]] = field(default_factory=list)
    """(winner, loser) of divergent versions."""
    lineage: list[tuple[str, str]] = field(default_factory=list)
    """(annotation id, hash) pairs to remember."""
    relations: list[State] = field(default_factory=list)
    deleted_relations: list[str] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)
    """Ids whose incoming version the merge writes (added, newer, or a conflict's winner):
    the review layer lets a gold annotation's sources follow it."""


def conflict_copy(annotation_id: str, loser: State) -> State:
    copy = dict(loser)
    copy["id"] = str(uuid.uuid5(CONFLICT_NAMESPACE, f"{annotation_id}:{state_hash(loser)}"))
    copy["conflict_of"] = annotation_id
    return copy


def plan(
    exchange: Exchange, payload: dict[str, Any], local: dict[str, State] | None = None
) -> Plan:
    """What merging ``payload`` would do; reads only. ``local``: this project's annotations
    by id, when the caller has read them already."""
    result = Plan()
    known_shas = set(exchange.id_of_sha)
    result.documents = [d for d in payload["documents"] if d["sha256"] not in known_shas]
    known_tags = set(exchange.tag_names.values())
    result.tags = [t for t in payload["tags"] if t["name"] not in known_tags]
    local = exchange.annotations() if local is None else local
    lineage = exchange.lineage()
    pending: dict[str, State] = {}
    for incoming in payload["annotations"]:
        state = {k: v for k, v in incoming.items() if k != "lineage"}
        ann_id = state["id"]
        hx = state_hash(state)
        theirs = {hx, *incoming["lineage"]}
        ours_now = local.get(ann_id)
        ours = lineage.get(ann_id, set())
        result.lineage.extend((ann_id, h) for h in sorted(theirs - ours))
        if ours_now is None:
            result.adds.append(state)
            result.taken.add(ann_id)
            pending[ann_id] = state
            continue
        hl = state_hash(ours_now)
        result.lineage.extend([(ann_id, hl)] if hl not in ours and hl not in theirs else [])
        if hx == hl or hx in ours:
            continue
        if hl in theirs:
            result.updates.append((ours_now, state))
            result.taken.add(ann_id)
            continue
        winner, loser = sorted((ours_now, state), key=order_key, reverse=True)
        copy = conflict_copy(ann_id, loser)
        if copy["id"] in local:
            continue
        result.conflicts.append((winner, loser))
        if winner is state:
            result.taken.add(ann_id)
        result.lineage.append((ann_id, hl))
    local_relations = {r["id"]: r for r in exchange.relations()}
    for rel in payload.get("relations", []):
        mine = local_relations.get(rel["id"])
        if mine is None:
            result.relations.append(rel)
        elif rel["deleted"] and not mine["deleted"]:
            result.deleted_relations.append(rel["id"])
    result.lineage = sorted(set(result.lineage))
    return result


def apply(exchange: Exchange, result: Plan, origin: str) -> None:
    """Write a plan (inside the caller's single transaction)."""
    for tag in result.tags:
        exchange.add_tag(tag)
    for document in sorted(result.documents, key=lambda d: d.get("revision_of") is not None):
        exchange.add_document(document)
    for state in result.adds:
        exchange.write_annotation(state)
    for ours, theirs in result.updates:
        exchange.remember(ours["id"], {**ours, "hash": state_hash(ours)}, f"replaced:{origin}")
        exchange.write_annotation(theirs)
    for winner, loser in result.conflicts:
        ann_id = winner["id"]
        exchange.write_annotation({**winner, "id": ann_id})
        exchange.write_annotation(conflict_copy(ann_id, {**loser, "id": ann_id}))
    for ann_id, h in result.lineage:
        exchange.remember(ann_id, {"hash": h}, f"seen:{origin}")
    for rel in result.relations:
        exchange.add_relation(rel)
    for rel_id in result.deleted_relations:
        exchange.set_relation_deleted(rel_id)
