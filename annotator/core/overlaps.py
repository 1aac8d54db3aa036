"""Whether a span overlaps any of a set of spans, in logarithmic time.

Suggestions leave out what is already tagged: each of ~7,000 suggestions in a 1 MB article
was compared with every annotation of its tag, 13 million comparisons and 1 s of the GUI
thread when the analyst pressed Ctrl+J.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate


class SpanSet:
    """Spans ``(start, end)``, end exclusive, sorted by start with the furthest end reached
    so far: those that start before a span's end are a prefix, and one of them overlaps
    the span exactly when the furthest end in that prefix lies past the span's start."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach = list(accumulate((end for _, end in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        before_end = bisect_left(self._starts, end)
        return before_end > 0 and self._reach[before_end - 1] > start
