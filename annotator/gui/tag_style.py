"""How a tag looks in the view: its colour plus an underline pattern (never colour alone)."""

from __future__ import annotations

from annotator.core.model import Annotation, Tag
from annotator.gui.span_index import SpanStyle, ViewSpan

FALLBACK = SpanStyle("#888888", "solid")


def span_style(tag: Tag) -> SpanStyle:
    """The tag's own colour and underline pattern, both kept in the project's schema."""
    return SpanStyle(tag.color, tag.underline)


def view_span(annotation: Annotation, styles: dict[str, SpanStyle]) -> ViewSpan:
    tooltip = f"{annotation.tag} — by {annotation.annotator}"
    if annotation.note:
        tooltip += f"\nNote: {annotation.note}"
    return ViewSpan(
        id=annotation.id,
        start=annotation.start,
        end=annotation.end,
        tag=annotation.tag,
        style=styles.get(annotation.tag, FALLBACK),
        tooltip=tooltip,
    )
