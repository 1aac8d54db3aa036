"""Analyst names: the one rule every place that names an analyst follows.

"gold" is not a person. The review layer keeps curated gold annotations under the analyst
``GOLD`` (see ``core.review_service``), and every export, filter and view tells gold from an
analyst's work by that name alone. So the name is reserved:

- nobody can take it as their own name (``checked_analyst``: ``Project.set_analyst``, the
  preferences and welcome dialogs, ``annotator analyst NAME``, ``Project.open(analyst=...)``);
  a settings file naming it falls back to the default name;
- annotation files of other formats that name an annotator "gold" come from outside the
  review workflow: their annotations are imported under ``"gold (imported)"`` with a
  warning (``without_gold``) rather than silently joining the gold set. Only a colleague's
  bundle, which carries gold with its review decisions and sources, brings gold annotations.

The comparison ignores case and surrounding spaces, so "Gold" cannot sit beside "gold" in
the analyst lists either.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from annotator.core.errors import AnnotatorError
from annotator.core.model import AnnotationDraft, ArticleDraft, RelationDraft
from annotator.core.review.units import GOLD

IMPORTED_SUFFIX = " (imported)"
_Drafted = TypeVar("_Drafted", AnnotationDraft, RelationDraft)


class ReservedNameError(AnnotatorError):
    """An analyst tried to take the name reserved for gold annotations."""


def is_reserved(name: str) -> bool:
    return name.strip().casefold() == GOLD


def checked_analyst(name: str) -> str:
    """The name cleaned of surrounding spaces, or an error the front ends show as it is."""
    cleaned = name.strip()
    if not cleaned:
        raise AnnotatorError("The analyst name cannot be empty.")
    if is_reserved(cleaned):
        raise ReservedNameError(
            f"The analyst name '{cleaned}' is reserved: Annotator keeps the curated gold "
            f"annotations of reviews under '{GOLD}'. Choose another name (your own)."
        )
    return cleaned


def outside_name(name: str) -> str:
    """What a reserved name read from an outside file becomes ("gold" -> "gold (imported)");
    any other name is kept."""
    return f"{name.strip()}{IMPORTED_SUFFIX}" if is_reserved(name) else name


def without_gold(draft: ArticleDraft) -> ArticleDraft:
    """The draft with annotations and relations by a reserved name renamed (see the module
    docstring), and a warning naming the file when anything was renamed."""
    names = {a.annotator for a in draft.annotations} | {r.annotator for r in draft.relations}
    renamed = sorted(name for name in names if name and is_reserved(name))
    if not renamed:  # every import asks: the distinct names first, not each annotation's
        return draft
    annotations = tuple(_renamed(a) for a in draft.annotations)
    relations = tuple(_renamed(r) for r in draft.relations)
    count = sum(1 for a in draft.annotations if a.annotator and is_reserved(a.annotator))
    warnings = tuple(
        f"{draft.origin}: {count} annotation(s) by '{name}' imported as "
        f"'{outside_name(name)}': '{GOLD}' is reserved for the gold set curated in review "
        "(only a colleague's bundle brings gold annotations)"
        for name in renamed
    )
    return replace(
        draft,
        annotations=annotations,
        relations=relations,
        warnings=draft.warnings + warnings,
    )


def _renamed(item: _Drafted) -> _Drafted:
    if item.annotator is None or not is_reserved(item.annotator):
        return item
    return replace(item, annotator=outside_name(item.annotator))
