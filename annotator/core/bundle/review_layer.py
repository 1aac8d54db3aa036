"""The review layer of a bundle (format 2): decisions, gold lineage, comment threads and
workflow states, exported beside the annotations and merged after them.

What travels: the reviews and comments about the exported annotations (deleted comments
too, so a deletion travels), the sources of the exported gold annotations, the review state
of the exported documents and the analysts' statuses of them. Format-1 bundles have none of
these sections and merge as before.

Merge rules (all idempotent: the same bundle twice changes nothing, and two projects
exchanging bundles both ways end with the same layer):

- reviews and comments merge by id. A decision is a record that stands: one already here
  is left as it is. A comment deleted on either side stays deleted (as relations do).
- a review, comment or gold link about an annotation that neither this project nor the
  bundle has is skipped and reported by id (the ``skipped`` messages), never an error: a
  bundle filtered to some analysts may name annotations of others. A reply whose parent is
  missing is kept as a plain comment, and reported.
- a gold annotation's sources follow its winning version: when the bundle's version of the
  gold annotation was taken (added, newer, or the winner of a conflict), its sources replace
  ours; when both sides hold the same version, links missing here are added; when ours
  won, ours stay. A conflict copy of a gold annotation gets no sources: it is flagged for
  review, not the unit's gold.
- a document's review state and an analyst's status of a document: the latest change wins,
  by the time it was made (UTC); at equal times the further-along state (reviewed over in
  review; done over in progress over new), then the analyst's name, so both sides pick
  the same. Taking a document out of review, or setting a status back to "new", removes
  the row locally and so does not travel (there is no time to compare it by).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from annotator.core.bundle.states import State, parse_time, state_hash
from annotator.core.model import DOCUMENT_STATUSES
from annotator.core.review.values import REVIEW_STATES
from annotator.core.storage import review_exchange
from annotator.core.storage.exchange import Exchange

SECTIONS = ("reviews", "gold_sources", "comments", "document_reviews", "document_statuses")
_EPOCH = datetime.min.replace(tzinfo=UTC)


@dataclass
class ReviewPlan:
    reviews: list[State] = field(default_factory=list)
    comments: list[State] = field(default_factory=list)
    """New comments, parents before replies."""
    deleted_comments: list[str] = field(default_factory=list)
    gold_sources: dict[str, list[str]] = field(default_factory=dict)
    """Gold id -> its sources after the merge (only the golds that change)."""
    document_reviews: list[State] = field(default_factory=list)
    document_statuses: list[State] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """What could not be merged, one message each, for the analyst."""


# --- export --------------------------------------------------------------------------


def export_sections(
    ex: Exchange,
    annotation_ids: Collection[str],
    document_shas: Collection[str],
    annotators: Collection[str] | None,
) -> dict[str, Any]:
    """The review layer of the exported annotations and documents (see the module doc)."""
    statuses = {
        key: value
        for key, value in review_exchange.document_statuses(ex).items()
        if key[0] in document_shas and (annotators is None or key[1] in annotators)
    }
    return {
        "reviews": [r for r in review_exchange.reviews(ex) if r["annotation"] in annotation_ids],
        "gold_sources": [
            {"gold": gold_id, "sources": sources}
            for gold_id, sources in sorted(review_exchange.gold_sources(ex).items())
            if gold_id in annotation_ids
        ],
        "comments": [c for c in review_exchange.comments(ex) if c["annotation"] in annotation_ids],
        "document_reviews": [
            state
            for sha, state in sorted(review_exchange.document_reviews(ex).items())
            if sha in document_shas
        ],
        "document_statuses": [statuses[key] for key in sorted(statuses)],
    }


# --- merge ---------------------------------------------------------------------------


def plan(
    ex: Exchange,
    payload: dict[str, Any],
    local: dict[str, State],
    taken: Collection[str],
) -> ReviewPlan:
    """What merging the payload's review layer does; reads only.

    ``local`` is every annotation here before the merge (by id); ``taken`` the ids whose
    incoming version the annotation merge takes (``merge.Plan.taken``).
    """
    result = ReviewPlan()
    incoming = {a["id"]: a for a in payload["annotations"]}
    present = set(local) | set(incoming)
    _plan_reviews(ex, payload.get("reviews", []), present, result)
    _plan_comments(ex, payload.get("comments", []), present, result)
    _plan_gold(ex, payload.get("gold_sources", []), present, local, incoming, taken, result)
    _plan_document_reviews(ex, payload.get("document_reviews", []), result)
    _plan_document_statuses(ex, payload.get("document_statuses", []), result)
    return result


def _plan_reviews(ex: Exchange, states: list[State], present: set[str], result: ReviewPlan) -> None:
    known = {r["id"] for r in review_exchange.reviews(ex)}
    for state in states:
        if state["id"] in known:
            continue
        if state["annotation"] not in present:
            result.skipped.append(
                f"decision {state['id']} ({state['decision']} by {state['reviewer']}) is about "
                f"annotation {state['annotation']}, which is neither here nor in the bundle; "
                "skipped"
            )
            continue
        result.reviews.append(state)
        known.add(state["id"])  # a record listed twice is merged once


def _plan_comments(
    ex: Exchange, states: list[State], present: set[str], result: ReviewPlan
) -> None:
    known = {c["id"]: c for c in review_exchange.comments(ex)}
    arriving: dict[str, State] = {}
    for state in states:
        mine = known.get(state["id"])
        if mine is not None:
            if state["deleted"] and not mine["deleted"]:
                result.deleted_comments.append(state["id"])
            continue
        if state["annotation"] not in present:
            result.skipped.append(
                f"comment {state['id']} by {state['author']} is on annotation "
                f"{state['annotation']}, which is neither here nor in the bundle; skipped"
            )
            continue
        arriving[state["id"]] = state
    for state in list(arriving.values()):
        parent = state["reply_to"]
        if parent is not None and parent not in known and parent not in arriving:
            result.skipped.append(
                f"comment {state['id']} by {state['author']} answers comment {parent}, which "
                "is neither here nor in the bundle; kept as a plain comment"
            )
            arriving[state["id"]] = {**state, "reply_to": None}
    result.comments = _parents_first(arriving)


def _parents_first(comments: dict[str, State]) -> list[State]:
    """Replies after the comments they answer (the database checks ``reply_to``)."""
    ordered: list[State] = []
    placed: set[str] = set()

    def place(state: State, seen: frozenset[str]) -> None:
        if state["id"] in placed:
            return
        parent = state["reply_to"]
        if parent in comments and parent not in seen:
            place(comments[parent], seen | {state["id"]})
        elif parent in comments:  # a cycle, possible only in a crafted file: break it
            state = {**state, "reply_to": None}
        placed.add(state["id"])
        ordered.append(state)

    for state in sorted(comments.values(), key=lambda c: (c["created"] or "", c["id"])):
        place(state, frozenset())
    return ordered


def _plan_gold(
    ex: Exchange,
    entries: list[State],
    present: set[str],
    local: dict[str, State],
    incoming: dict[str, State],
    taken: Collection[str],
    result: ReviewPlan,
) -> None:
    ours = review_exchange.gold_sources(ex)
    for entry in entries:
        gold_id = entry["gold"]
        if gold_id not in present:
            result.skipped.append(
                f"gold annotation {gold_id} is neither here nor in the bundle; its sources "
                "were skipped"
            )
            continue
        missing = [s for s in entry["sources"] if s not in present]
        result.skipped.extend(
            f"gold annotation {gold_id} came from annotation {source}, which is neither here "
            "nor in the bundle; that link was skipped"
            for source in missing
        )
        theirs = sorted(set(entry["sources"]) - set(missing))
        mine = sorted(ours.get(gold_id, []))
        if gold_id in taken or not mine:
            wanted = theirs
        elif _same_version(local.get(gold_id), incoming.get(gold_id)):
            wanted = sorted(set(mine) | set(theirs))
        else:
            continue
        if wanted != mine:
            result.gold_sources[gold_id] = wanted


def _same_version(ours: State | None, theirs: State | None) -> bool:
    if ours is None or theirs is None:
        return False
    bare = {k: v for k, v in theirs.items() if k != "lineage"}
    return state_hash(ours) == state_hash(bare)


def _plan_document_reviews(ex: Exchange, states: list[State], result: ReviewPlan) -> None:
    ours = review_exchange.document_reviews(ex)
    for state in states:
        mine = ours.get(state["document"])
        if mine is None or _later(state, mine, "state", REVIEW_STATES, "reviewer"):
            result.document_reviews.append(state)


def _plan_document_statuses(ex: Exchange, states: list[State], result: ReviewPlan) -> None:
    ours = review_exchange.document_statuses(ex)
    for state in states:
        mine = ours.get((state["document"], state["annotator"]))
        if mine is None:
            if state["status"] != "new":
                result.document_statuses.append(state)
        elif _later(state, mine, "status", DOCUMENT_STATUSES, "annotator"):
            result.document_statuses.append(state)


def _later(theirs: State, ours: State, key: str, order: Iterable[str], who: str) -> bool:
    """Whether the incoming workflow state beats ours: later time, then the further-along
    state, then the name (so two projects always pick the same one)."""
    rank = {value: n for n, value in enumerate(order)}

    def sort_key(state: State) -> tuple[datetime, int, str]:
        return (
            parse_time(state["updated"]) or _EPOCH,
            rank.get(state[key], -1),
            str(state[who]),
        )

    return sort_key(theirs) > sort_key(ours)


def apply(ex: Exchange, result: ReviewPlan) -> None:
    """Write a plan, inside the caller's transaction and after the annotations."""
    for state in result.reviews:
        review_exchange.add_review(ex, state)
    for state in result.comments:
        review_exchange.add_comment(ex, state)
    for comment_id in result.deleted_comments:
        review_exchange.set_comment_deleted(ex, comment_id)
    for gold_id, sources in sorted(result.gold_sources.items()):
        review_exchange.set_gold_sources(ex, gold_id, sources)
    for state in result.document_reviews:
        review_exchange.put_document_review(ex, state)
    for state in result.document_statuses:
        review_exchange.put_document_status(ex, state)
