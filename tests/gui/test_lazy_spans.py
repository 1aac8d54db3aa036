"""An index over annotation refs (LazySpans) answers exactly as one over their ViewSpans."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.model import AnnotationId, AnnotationRef
from annotator.gui.span_index import SpanIndex, SpanStyle, ViewSpan
from annotator.gui.tag_style import lazy_view_spans, view_spans

STYLES = {"claim": SpanStyle("#4C72B0", "solid"), "quote": SpanStyle("#DD8452", "dash")}
OTHER = SpanStyle("#55A868", "dot")

ranges = st.tuples(st.integers(0, 300), st.integers(1, 1200)).map(lambda t: (t[0], t[0] + t[1]))
refs_strategy = st.lists(
    st.tuples(ranges, st.sampled_from(["claim", "quote", "unknown"]), st.sampled_from(["", "n"])),
    max_size=80,
).map(
    lambda rows: [
        AnnotationRef(AnnotationId(f"a{i}"), a, b, tag, "ann", 1, note)
        for i, ((a, b), tag, note) in enumerate(rows)
    ]
)
edits = st.lists(
    st.tuples(st.sampled_from(["add", "remove", "new"]), st.integers(0, 90), ranges), max_size=60
)


@settings(max_examples=80)
@given(refs_strategy, edits, st.lists(ranges, min_size=1, max_size=10))
def test_lazy_and_eager_indexes_agree(
    refs: list[AnnotationRef],
    steps: list[tuple[str, int, tuple[int, int]]],
    queries: list[tuple[int, int]],
) -> None:
    eager, lazy = SpanIndex(view_spans(refs, STYLES)), SpanIndex(lazy_view_spans(refs, STYLES))

    def agree() -> None:
        assert len(eager) == len(lazy)
        assert sorted(eager) == sorted(lazy)
        for a, b in queries:
            assert eager.overlapping(a, b) == lazy.overlapping(a, b)
            assert eager.at(a) == lazy.at(a)
        for ref in refs:
            assert eager.get(ref.id) == lazy.get(ref.id)
            assert (ref.id in eager) == (ref.id in lazy)

    agree()
    for kind, i, (a, b) in steps:
        if kind == "remove":
            assert eager.remove(f"a{i}") == lazy.remove(f"a{i}")
        else:
            span_id = f"a{i}" if kind == "add" else f"new{i}"
            span = ViewSpan(span_id, a, b, "other", OTHER, "edited")
            assert eager.add(span) == lazy.add(span)
        agree()


def test_a_lazy_span_is_made_once_and_only_when_asked_for() -> None:
    made: list[str] = []
    refs = [
        AnnotationRef(AnnotationId(f"a{i}"), i * 10, i * 10 + 5, "claim", "ann", 1, "")
        for i in range(100)
    ]
    spans = lazy_view_spans(refs, STYLES)
    original = spans._make
    spans._make = lambda ref: made.append(ref.id) or original(ref)  # type: ignore[method-assign]
    index = SpanIndex(spans)
    assert made == []
    first = index.overlapping(0, 25)
    assert [s.id for s in first] == ["a0", "a1", "a2"] and made == ["a0", "a1", "a2"]
    assert index.overlapping(0, 25)[0] is first[0] and made == ["a0", "a1", "a2"]
    assert first[0] == ViewSpan("a0", 0, 5, "claim", STYLES["claim"], "claim — by ann")
