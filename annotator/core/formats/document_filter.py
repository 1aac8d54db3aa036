"""Which documents an export keeps by workflow state: analysts' status and review state.

Annotator and tag filters narrow the annotations (``selection``); these narrow the
documents, before any format runs, so they mean the same in every format, the CLI and the
GUI. The rules, chosen so that "export what is finished" does what an analyst expects:

- ``statuses`` with chosen analysts (``--annotator``): a document is kept when *every* one
  of them has one of the statuses, so a training set of "done" work never carries a
  colleague's half-finished spans. "new" is the status of an analyst who never set one.
- ``statuses`` without chosen analysts: kept when *some* analyst who set a status has one
  of them; a document nobody has started counts as "new".
- The gold annotator (``gold``) has no workflow status; it is left out of the analysts
  whose status counts (``--gold-only --status done`` keeps documents some analyst has
  finished).
- ``review_states``: kept when the document's review state is one of them ("in review",
  "reviewed"); a document never put in review has none and is left out.

All given filters must hold; None means "no filter".
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from annotator.core.errors import AnnotatorError
from annotator.core.model import DOCUMENT_STATUSES, DocumentId, DocumentStatus
from annotator.core.review.units import GOLD
from annotator.core.review.values import REVIEW_STATES, ReviewState
from annotator.core.storage import document_status, review_store
from annotator.core.storage.store import Store

NEW: DocumentStatus = "new"


@dataclass(frozen=True)
class DocumentFilter:
    statuses: frozenset[DocumentStatus] | None = None
    analysts: tuple[str, ...] = ()
    """Whose status counts; empty: any analyst who set one."""
    review_states: frozenset[ReviewState] | None = None

    @classmethod
    def of(
        cls,
        statuses: Collection[str] | None,
        review_states: Collection[str] | None,
        annotators: Collection[str] | None,
    ) -> DocumentFilter:
        """Checked values from a front end; an unknown name raises ``AnnotatorError``."""
        analysts = tuple(name for name in annotators or () if name != GOLD)
        return cls(
            None if statuses is None else frozenset(map(status_name, statuses)),
            analysts,
            None if review_states is None else frozenset(map(review_state_name, review_states)),
        )

    @property
    def active(self) -> bool:
        return self.statuses is not None or self.review_states is not None


def status_name(value: str) -> DocumentStatus:
    """``in_progress`` and ``in-progress`` (easy to type in a shell) mean "in progress"."""
    wanted = value.strip().replace("_", " ").replace("-", " ")
    for known in DOCUMENT_STATUSES:
        if known == wanted:
            return known
    raise AnnotatorError(
        f"'{value}' is not a document status; use one of {', '.join(DOCUMENT_STATUSES)}."
    )


def review_state_name(value: str) -> ReviewState:
    wanted = value.strip().replace("_", " ").replace("-", " ")
    for known in REVIEW_STATES:
        if known == wanted:
            return known
    raise AnnotatorError(f"'{value}' is not a review state; use one of {', '.join(REVIEW_STATES)}.")


def filter_documents(
    store: Store, document_ids: Sequence[DocumentId] | None, wanted: DocumentFilter
) -> Sequence[DocumentId] | None:
    """``document_ids`` (None: the whole corpus) narrowed by ``wanted``, in project order."""
    if not wanted.active:
        return document_ids
    ids = list(document_ids) if document_ids is not None else store.document_ids()
    if wanted.statuses is not None:
        statuses = document_status.all_statuses(store)
        ids = [i for i in ids if _status_matches(statuses.get(i, {}), wanted)]
    if wanted.review_states is not None:
        states = review_store.review_states(store)
        ids = [i for i in ids if i in states and states[i].state in wanted.review_states]
    return ids


def _status_matches(by_analyst: dict[str, DocumentStatus], wanted: DocumentFilter) -> bool:
    assert wanted.statuses is not None
    if wanted.analysts:
        return all(by_analyst.get(name, NEW) in wanted.statuses for name in wanted.analysts)
    found = set(by_analyst.values()) or {NEW}
    return not found.isdisjoint(wanted.statuses)
