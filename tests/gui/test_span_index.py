"""SpanIndex against a brute-force scan, through random edits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.gui import span_index
from annotator.gui.span_index import SpanIndex, SpanStyle, ViewSpan, innermost

STYLE = SpanStyle("#4C72B0", "solid")


def span(i: int, start: int, end: int) -> ViewSpan:
    return ViewSpan(f"s{i}", start, end, "claim", STYLE)


ranges = st.tuples(st.integers(0, 300), st.integers(1, 60)).map(lambda t: (t[0], t[0] + t[1]))


def brute(spans: dict[str, ViewSpan], a: int, b: int) -> set[str]:
    return {s.id for s in spans.values() if s.start < b and s.end > a}


@settings(max_examples=150)
@given(st.lists(ranges, max_size=120), st.lists(st.tuples(ranges, ranges), max_size=25))
def test_overlap_queries_match_brute_force(
    initial: list[tuple[int, int]], queries: list[tuple[tuple[int, int], tuple[int, int]]]
) -> None:
    spans = {f"s{i}": span(i, a, b) for i, (a, b) in enumerate(initial)}
    index = SpanIndex(spans.values())
    for (a, b), _ in queries:
        got = index.overlapping(a, b)
        assert {s.id for s in got} == brute(spans, a, b)
        assert got == sorted(got, key=lambda s: (s.start, s.end))


@settings(max_examples=100)
@given(st.lists(st.tuples(st.sampled_from(["add", "remove"]), st.integers(0, 40), ranges)))
def test_edits_keep_the_index_exact(ops: list[tuple[str, int, tuple[int, int]]]) -> None:
    index = SpanIndex()
    index._MIN_OVERLAY = 3  # force rebuilds in the middle of the sequence
    model: dict[str, ViewSpan] = {}
    for op, i, (a, b) in ops:
        if op == "add":
            assert index.add(span(i, a, b)) == model.get(f"s{i}")
            model[f"s{i}"] = span(i, a, b)
        else:
            assert index.remove(f"s{i}") == model.pop(f"s{i}", None)
        assert len(index) == len(model)
        for q in range(0, 370, 17):
            assert {s.id for s in index.overlapping(q, q + 9)} == brute(model, q, q + 9)
            assert {s.id for s in index.at(q)} == brute(model, q, q + 1)


def test_ten_thousand_spans() -> None:
    spans = [span(i, (i * 97) % 100_000, (i * 97) % 100_000 + 5 + i % 400) for i in range(10_000)]
    index = SpanIndex(spans)
    assert len(index) == 10_000
    expected = {s.id for s in spans if s.start < 50_010 and s.end > 50_000}
    assert {s.id for s in index.overlapping(50_000, 50_010)} == expected


def test_innermost_prefers_the_shortest_span() -> None:
    outer, inner = span(1, 0, 50), span(2, 10, 20)
    assert innermost([outer, inner]) == inner
    assert innermost([]) is None


def test_style_rejects_unknown_underline() -> None:
    with pytest.raises(ValueError):
        SpanStyle("#000000", "zigzag")


@settings(max_examples=100)
@given(
    st.lists(st.tuples(st.integers(0, 2000), st.integers(1, 900)), max_size=80),
    st.lists(st.tuples(st.integers(0, 3000), st.integers(0, 200)), max_size=20),
)
def test_long_spans_go_through_the_interval_tree(
    initial: list[tuple[int, int]], queries: list[tuple[int, int]]
) -> None:
    """A small window sends most of these spans to the tree, so both halves get exercised."""
    window = span_index._Snapshot.WINDOW
    span_index._Snapshot.WINDOW = 16
    try:
        spans = {f"s{i}": span(i, a, a + n) for i, (a, n) in enumerate(initial)}
        index = SpanIndex(spans.values())
        for a, n in queries:
            got = index.overlapping(a, a + n)
            assert {s.id for s in got} == brute(spans, a, a + n)
            assert got == sorted(got, key=lambda s: (s.start, s.end))
    finally:
        span_index._Snapshot.WINDOW = window
