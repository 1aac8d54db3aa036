"""Checking a bundle's review layer before anything is merged (format 2).

Every record must be complete and well typed, with known decisions and states, readable
times and documents the bundle carries; otherwise ``archive.read_bundle`` refuses the
whole file, so a damaged review layer can never be half merged. (Whether the annotations
they name exist is a merge question: see ``review_layer``.)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from annotator.core.bundle.states import parse_time
from annotator.core.model import DOCUMENT_STATUSES
from annotator.core.review.values import DECISIONS, REVIEW_STATES


def check_review_layer(payload: dict[str, Any], texts: Mapping[str, str]) -> None:
    """Raise ``ValueError``/``KeyError``/``TypeError`` naming the first bad record."""
    for review in _section(payload, "reviews"):
        _strings(review, "id", "annotation", "reviewer", "comment")
        _one_of(review, "decision", DECISIONS)
        _time(review, "created")
    for entry in _section(payload, "gold_sources"):
        _strings(entry, "gold")
        if not isinstance(entry["sources"], list) or not all(
            isinstance(source, str) for source in entry["sources"]
        ):
            raise ValueError(f"gold annotation {entry['gold']} has unreadable sources")
    for comment in _section(payload, "comments"):
        _strings(comment, "id", "annotation", "author", "text")
        if comment["reply_to"] is not None and not isinstance(comment["reply_to"], str):
            raise ValueError(f"comment {comment['id']} answers an unreadable id")
        if not isinstance(comment["deleted"], bool):
            raise ValueError(f"comment {comment['id']} has no deleted flag")
        _time(comment, "created")
    for state in _section(payload, "document_reviews"):
        _strings(state, "document", "reviewer")
        _ = texts[state["document"]]
        _one_of(state, "state", REVIEW_STATES)
        _time(state, "updated")
    for state in _section(payload, "document_statuses"):
        _strings(state, "document", "annotator")
        _ = texts[state["document"]]
        _one_of(state, "status", DOCUMENT_STATUSES)
        _time(state, "updated")


def _section(payload: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """A section's records; absent in a format-1 bundle, which reads as empty."""
    records = payload.get(name, [])
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise ValueError(f"the section {name} is not a list of records")
    return records


def _strings(record: dict[str, Any], *names: str) -> None:
    for name in names:
        if not isinstance(record[name], str):
            raise ValueError(f"{name} of {record.get('id', record)} is not text")


def _one_of(record: dict[str, Any], name: str, allowed: tuple[str, ...]) -> None:
    if record[name] not in allowed:
        raise ValueError(f"{name} {record[name]!r} is not one of {', '.join(allowed)}")


def _time(record: dict[str, Any], name: str) -> None:
    value = record[name]
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{name} of {record.get('id', '?')} is not a time")
    parse_time(value)
