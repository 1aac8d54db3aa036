"""How a tag looks in the view: its colour plus an underline pattern (never colour alone)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from annotator.core.model import Annotation, AnnotationRef, Tag
from annotator.gui.span_index import LazySpans, SpanStyle, ViewSpan

FALLBACK = SpanStyle("#888888", "solid")


def span_style(tag: Tag) -> SpanStyle:
    """The tag's own colour and underline pattern, both kept in the project's schema."""
    return SpanStyle(tag.color, tag.underline)


def view_span(annotation: Annotation | AnnotationRef, styles: dict[str, SpanStyle]) -> ViewSpan:
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


def view_spans(refs: Iterable[AnnotationRef], styles: dict[str, SpanStyle]) -> list[ViewSpan]:
    """``view_span`` of each, for a whole document: styles and the tooltips of spans
    without a note are made once per tag and analyst, and each span is one tuple built in
    C (10,000 ``view_span`` calls were a tenth of opening a document)."""
    new = tuple.__new__
    looks: dict[tuple[str, str], tuple[SpanStyle, str]] = {}
    spans = []
    for ann_id, start, end, tag, who, _revision, note in refs:
        look = looks.get((tag, who))
        if look is None:
            look = looks[tag, who] = (styles.get(tag, FALLBACK), f"{tag} — by {who}")
        style, tooltip = look
        if note:
            tooltip = f"{tooltip}\nNote: {note}"
        spans.append(new(ViewSpan, (ann_id, start, end, tag, style, tooltip)))
    return spans


def lazy_view_spans(refs: Sequence[AnnotationRef], styles: dict[str, SpanStyle]) -> LazySpans:
    """``view_spans`` made one at a time, when the view first shows each (`LazySpans`):
    opening a document then makes a screenful of them instead of 10,000."""
    looks: dict[tuple[str, str], tuple[SpanStyle, str]] = {}

    def make(ref: AnnotationRef) -> ViewSpan:
        ann_id, start, end, tag, who, _revision, note = ref
        look = looks.get((tag, who))
        if look is None:
            look = looks[tag, who] = (styles.get(tag, FALLBACK), f"{tag} — by {who}")
        style, tooltip = look
        if note:
            tooltip = f"{tooltip}\nNote: {note}"
        return ViewSpan(ann_id, start, end, tag, style, tooltip)

    return LazySpans(refs, make)
