"""The spans shown in the article view, and the index that finds them by offset.

The view asks "which spans touch this block?" for every block Qt lays out and every block it
paints (thousands per article load), so a query must cost O(log n + k) with 10,000 spans and
run mostly in C, and a single edit must not rebuild anything large. `SpanIndex` keeps a
static snapshot plus a small overlay of recent edits; the snapshot is rebuilt only when the
overlay has grown to about sqrt(n) entries.

The snapshot splits spans by length. Short spans (the vast majority: claims, quotes, names)
sit in one array sorted by start, where an overlap query is two bisects and a slice. Long
spans go to an interval array with an implicit binary tree of maximum ends (the layout of
Heng Li's cgranges), which stays exact however long a span is.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter, not_, sub
from typing import Any, NamedTuple, cast, overload

UNDERLINE_STYLES = ("solid", "dash", "dot", "wave", "double")


@dataclass(frozen=True)
class SpanStyle:
    """How a tag looks; the underline pattern keeps colour from being the only cue."""

    color: str  # "#rrggbb"
    underline: str  # one of UNDERLINE_STYLES

    def __post_init__(self) -> None:
        if self.underline not in UNDERLINE_STYLES:
            raise ValueError(f"underline must be one of {UNDERLINE_STYLES}, not {self.underline!r}")


class ViewSpan(NamedTuple):
    """One highlighted span, in code points of the article text, end exclusive.

    A named tuple rather than a frozen dataclass: opening a document makes 10,000 of them,
    and a frozen dataclass's ``__init__`` (one ``object.__setattr__`` per field) took 22 ms
    where a tuple takes 6. Immutable and compared by value all the same.
    """

    id: str
    start: int
    end: int
    tag: str
    style: SpanStyle
    tooltip: str = ""

    @property
    def length(self) -> int:
        return self.end - self.start


def innermost(spans: Iterable[ViewSpan]) -> ViewSpan | None:
    """The span a click means: the shortest, then the one starting last, then by id."""
    return min(spans, key=lambda s: (s.length, -s.start, s.id), default=None)


class _IntervalArray:
    """Static intervals sorted by start with subtree maximum ends stored in place.

    Node i of the implicit tree sits at level = number of trailing 1-bits of i; leaves are the
    even indexes. An overlap query descends only into subtrees whose maximum end passes the
    query start, which bounds it by O(log n + k).
    """

    __slots__ = ("_ends", "_levels", "_max_end", "_starts", "spans")

    def __init__(self, spans: Sequence[ViewSpan]) -> None:
        self.spans = sorted(spans, key=_start_end)
        self._starts = [s.start for s in self.spans]
        self._ends = [s.end for s in self.spans]
        self._max_end = list(self._ends)
        self._levels = self._index()

    def _index(self) -> int:
        """Fill `_max_end` bottom-up; return the root level (-1 when empty)."""
        n = len(self._ends)
        if n == 0:
            return -1
        ends, max_end = self._ends, self._max_end
        last_i = (n - 1) & ~1  # the last leaf
        last = ends[last_i]
        k = 1
        while 1 << k <= n:
            x = 1 << (k - 1)
            for i in range((x << 1) - 1, n, x << 2):
                right = max_end[i + x] if i + x < n else last
                max_end[i] = max(ends[i], max_end[i - x], right)
            last_i = last_i if (last_i >> k) & 1 else last_i + x
            if last_i < n and max_end[last_i] > last:
                last = max_end[last_i]
            k += 1
        return k - 1

    def overlapping(self, start: int, end: int) -> list[ViewSpan]:
        """Spans with span.start < end and span.end > start, in start order."""
        n = len(self._starts)
        if n == 0:
            return []
        starts, ends, max_end, spans = self._starts, self._ends, self._max_end, self.spans
        out: list[ViewSpan] = []
        stack = [((1 << self._levels) - 1, self._levels, False)]
        while stack:
            x, k, left_done = stack.pop()
            if k <= 3:  # small subtree: a linear scan beats descending further
                i, stop = x >> k << k, min((x >> k << k) + (1 << (k + 1)) - 1, n)
                while i < stop and starts[i] < end:
                    if ends[i] > start:
                        out.append(spans[i])
                    i += 1
            elif not left_done:
                stack.append((x, k, True))
                y = x - (1 << (k - 1))
                if y >= n or max_end[y] > start:
                    stack.append((y, k - 1, False))
            elif x < n and starts[x] < end:
                if ends[x] > start:
                    out.append(spans[x])
                stack.append((x + (1 << (k - 1)), k - 1, False))
        return out


class _Snapshot:
    """Spans frozen at the last rebuild: short ones by start, long ones in an interval tree.

    A short span (length <= WINDOW) overlapping [a, b) must start in (a - WINDOW, b), so its
    candidates are one slice of the start-sorted array; the only extra work is dropping the
    few that end before a.
    """

    WINDOW = 1024

    __slots__ = ("_long", "_short", "_starts")

    def __init__(self, spans: Sequence[ViewSpan]) -> None:
        # Column by column in C (a document's 10,000 spans are split and sorted per open).
        is_short = list(map(self.WINDOW.__ge__, map(sub, map(_end, spans), map(_start, spans))))
        if all(is_short):
            short, long = list(spans), []
        else:
            short = list(compress(spans, is_short))
            long = list(compress(spans, map(not_, is_short)))
        # By (start, end), ties kept in order: two stable sorts on int keys, much cheaper
        # than one on (start, end) tuples.
        short.sort(key=_end)
        short.sort(key=_start)
        self._short = short
        self._starts = list(map(_start, short))
        self._long = _IntervalArray(long)

    def overlapping(
        self, start: int, end: int, convert: Callable[[ViewSpan], ViewSpan] | None = None
    ) -> list[ViewSpan]:
        """Overlapping spans in (start, end) order. ``convert``: rows of `LazySpans` among
        the short candidates are made `ViewSpan`s and kept so (a later query, e.g. the next
        paint of the same lines, finds them made)."""
        lo = bisect_right(self._starts, start - self.WINDOW)
        hi = bisect_left(self._starts, end, lo)
        candidates = self._short[lo:hi]
        if convert is not None and candidates and set(map(type, candidates)) != _MADE:
            candidates = self._short[lo:hi] = list(map(convert, candidates))
        found = [s for s in candidates if s.end > start]
        if self._long.spans:
            found.extend(self._long.overlapping(start, end))
            found.sort(key=_start_end)
        return found


_MADE = {ViewSpan}
_start_end = itemgetter(1, 2)
"""(start, end) of a ``ViewSpan``, read in C."""
_start = itemgetter(1)
_end = itemgetter(2)
_id = itemgetter(0)


class LazySpans(Sequence[ViewSpan]):
    """Spans kept as other rows until shown: rows whose first three items (and ``id``,
    ``start``, ``end``) are a span's id, start and end, e.g. the annotation refs a document
    opens with, and ``make`` to turn a row into its `ViewSpan`. `SpanIndex` indexes the rows
    as they are and makes a `ViewSpan` only for a span a query returns (a screenful when a
    document opens, instead of 10,000 tuples and their garbage collection)."""

    def __init__(self, rows: Sequence[Any], make: Callable[[Any], ViewSpan]) -> None:
        self.rows = rows
        self._make = make
        self._made: dict[str, ViewSpan] = {}

    def view(self, row: Any) -> ViewSpan:
        """The `ViewSpan` of a row (made once per id); a `ViewSpan` is returned as it is."""
        if type(row) is ViewSpan:
            return row
        made = self._made.get(row[0])
        if made is None:
            made = self._made[row[0]] = self._make(row)
        return made

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, i: int) -> ViewSpan: ...
    @overload
    def __getitem__(self, i: slice) -> list[ViewSpan]: ...
    def __getitem__(self, i: int | slice) -> ViewSpan | list[ViewSpan]:
        if isinstance(i, slice):
            return list(map(self.view, self.rows[i]))
        return self.view(self.rows[i])


class SpanIndex:
    """All spans of one article, keyed by id and searchable by offset.

    Edits are O(1) plus an amortised O(sqrt(n) log n) rebuild. Queries are
    O(log n + k + m + overlay): m counts short spans lying wholly within WINDOW code points
    before the query (a handful), the overlay at most about sqrt(n) recent edits.

    Given `LazySpans`, the index holds their rows (typed as the spans they stand for: only
    id, start and end are read) and makes each `ViewSpan` when it is first handed out.
    """

    _MIN_OVERLAY = 32

    def __init__(self, spans: Iterable[ViewSpan] = ()) -> None:
        self._view: Callable[[ViewSpan], ViewSpan] | None = None
        if isinstance(spans, LazySpans):
            self._view = spans.view
            spans = cast(Sequence[ViewSpan], spans.rows)
        elif not isinstance(spans, list | tuple):
            spans = list(spans)
        self._by_id: dict[str, ViewSpan] = dict(zip(map(_id, spans), spans, strict=True))
        self._rebuild()

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, span_id: object) -> bool:
        return span_id in self._by_id

    def __iter__(self) -> Iterator[ViewSpan]:
        if self._view is not None:
            return map(self._view, self._by_id.values())
        return iter(self._by_id.values())

    def get(self, span_id: str) -> ViewSpan | None:
        span = self._by_id.get(span_id)
        return span if span is None or self._view is None else self._view(span)

    def start_of(self, span_id: str) -> int | None:
        """Where a span starts (None if unknown), without making its `ViewSpan`."""
        row = self._by_id.get(span_id)
        return None if row is None else row.start

    def add(self, span: ViewSpan) -> ViewSpan | None:
        """Insert or replace by id; return the span it replaced, so callers know what to redraw."""
        old = self._forget(span.id)
        self._by_id[span.id] = span
        self._overlay[span.id] = span
        self._maybe_rebuild()
        return old

    def remove(self, span_id: str) -> ViewSpan | None:
        """Drop a span; return it (None if unknown: removing twice is harmless)."""
        old = self._forget(span_id)
        self._maybe_rebuild()
        return old

    def overlapping(self, start: int, end: int) -> list[ViewSpan]:
        """Live spans with span.start < end and span.end > start, ordered by (start, end)."""
        by_id = self._by_id
        lazy = self._view is not None
        found = self._snapshot.overlapping(start, end, self._made if lazy else None)
        if self._dead:
            found = [s for s in found if by_id.get(s.id) is s]
        if self._overlay:
            extra = [s for s in self._overlay.values() if s.start < end and s.end > start]
            if extra:
                found.extend(extra)
                found.sort(key=_start_end)
        if lazy and found and set(map(type, found)) != _MADE:
            assert self._view is not None  # long spans: rows stay rows in the tree
            found = list(map(self._view, found))
        return found

    def _made(self, row: ViewSpan) -> ViewSpan:
        """The `ViewSpan` of a `LazySpans` row; a live row's entry by id becomes it, so the
        snapshot (which keeps it instead of the row) and the ids agree on what is live."""
        if type(row) is ViewSpan:
            return row
        assert self._view is not None
        span = self._view(row)
        if self._by_id.get(span.id) is row:
            self._by_id[span.id] = span
        return span

    def at(self, position: int) -> list[ViewSpan]:
        """Spans containing the character at `position`."""
        return self.overlapping(position, position + 1)

    def _forget(self, span_id: str) -> ViewSpan | None:
        old = self._by_id.pop(span_id, None)
        if old is not None and self._overlay.pop(span_id, None) is None:
            self._dead += 1  # it still sits in the snapshot; queries filter it out
        return old if old is None or self._view is None else self._view(old)

    def _maybe_rebuild(self) -> None:
        limit = max(self._MIN_OVERLAY, math.isqrt(len(self._by_id)))
        if len(self._overlay) + self._dead > limit:
            self._rebuild()

    def _rebuild(self) -> None:
        self._snapshot = _Snapshot(list(self._by_id.values()))
        self._overlay: dict[str, ViewSpan] = {}
        self._dead = 0
