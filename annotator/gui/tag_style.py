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
    new = tuple.__new__

    def make(ref: AnnotationRef) -> ViewSpan:
        # id, start, end and tag are a ref's first four items, as they are a ViewSpan's
        look = looks.get((ref[3], ref[4]))
        if look is None:
            tag, who = ref[3], ref[4]
            look = looks[tag, who] = (styles.get(tag, FALLBACK), f"{tag} — by {who}")
        if ref[6]:
            look = (look[0], f"{look[1]}\nNote: {ref[6]}")
        return new(ViewSpan, ref[:4] + look)

    return LazySpans(refs, make)
