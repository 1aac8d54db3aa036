"""Offline, rule-based, explainable suggestions of spans to tag.

Each rule is one small module saying why it works (``quotes``, ``assessment``,
``facilities``); ``suggest`` runs those whose tag is wanted. Suggestions are values, never
stored: accepting one is an ordinary ``Project.new_annotation`` made by the analyst, so
only accepted ones ever reach the database or an export.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from annotator.core.suggest import assessment, facilities, quotes
from annotator.core.suggest.base import Suggestion

SUGGESTED_TAGS: tuple[str, ...] = (quotes.TAG, assessment.TAG, facilities.TAG)

__all__ = ["SUGGESTED_TAGS", "Suggestion", "suggest"]


def suggest(
    text: str, *, gazetteer: Iterable[str] = (), tags: Collection[str] = SUGGESTED_TAGS
) -> list[Suggestion]:
    """Every rule's suggestions for the wanted ``tags``, in span order."""
    found: list[Suggestion] = []
    if quotes.TAG in tags:
        found += quotes.find(text)
    if assessment.TAG in tags:
        found += assessment.find(text)
    if facilities.TAG in tags:
        found += facilities.find(text, gazetteer)
    return sorted(found)
