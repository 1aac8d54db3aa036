"""``SpanSet.overlaps`` answers as comparing the span with every span of the set would:
two spans overlap when each starts before the other ends (touching ends do not)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.overlaps import SpanSet

spans = st.tuples(st.integers(0, 40), st.integers(1, 12)).map(lambda s: (s[0], s[0] + s[1]))


@given(st.lists(spans, max_size=12), st.lists(spans, min_size=1, max_size=12))
def test_overlaps_as_a_comparison_with_every_span(taken, asked) -> None:
    taken_set = SpanSet(taken)
    for start, end in asked:
        expected = any(s < end and start < e for s, e in taken)
        assert taken_set.overlaps(start, end) == expected, (start, end)


def test_touching_is_not_overlapping() -> None:
    taken = SpanSet([(10, 20), (0, 3)])
    assert not taken.overlaps(20, 25) and not taken.overlaps(3, 10)
    assert taken.overlaps(19, 21) and taken.overlaps(2, 4) and taken.overlaps(12, 13)
    assert not SpanSet([]).overlaps(0, 100)
