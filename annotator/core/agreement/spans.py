"""Span-level precision, recall and F1 between two analysts, exact and overlap matching.

The first analyst of a pair is the reference: precision is the share of the second
analyst's spans that match, recall the share of the first's. F1 is symmetric, so it is the
figure to compare pairs by.

- **Exact**: same start, same end, same tag.
- **Overlap**: same tag and at least one character in common. Matching is one-to-one, so a
  long span cannot "match" three short ones: exact matches pair up first, then the remaining
  spans greedily by the largest overlap (ties: closest boundaries, then position). Hence
  the overlap count is never below the exact count.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from annotator.core.agreement.units import Span


@dataclass(frozen=True)
class SpanCounts:
    """Tallies behind precision/recall/F1 for one tag (or all tags) and one pair."""

    reference: int = 0
    """Spans of the first analyst."""
    compared: int = 0
    """Spans of the second analyst."""
    exact: int = 0
    """One-to-one matches with identical boundaries."""
    overlap: int = 0
    """One-to-one matches sharing at least one character."""

    def __add__(self, other: SpanCounts) -> SpanCounts:
        return SpanCounts(
            self.reference + other.reference,
            self.compared + other.compared,
            self.exact + other.exact,
            self.overlap + other.overlap,
        )


def precision_recall_f1(
    matched: int, reference: int, compared: int
) -> tuple[float | None, float | None, float | None]:
    """None where a denominator is zero (no spans on that side: nothing to be right about)."""
    precision = matched / compared if compared else None
    recall = matched / reference if reference else None
    total = reference + compared
    f1 = 2 * matched / total if total else None
    return precision, recall, f1


def match_spans(first: Sequence[Span], second: Sequence[Span]) -> list[tuple[Span, Span]]:
    """One-to-one pairs of overlapping spans; identical boundaries first, then same tag,
    then the largest overlap, the closest boundaries and the position.

    Used with the spans of one tag for overlap F1, and with all spans for the span
    confusion matrix (where the tags of a matched pair may differ).
    """
    by_start = sorted(range(len(second)), key=lambda j: second[j].start)
    starts = [second[j].start for j in by_start]
    longest = max((s.length for s in second), default=0)
    candidates: list[tuple[bool, bool, int, int, int, int]] = []
    for i, g in enumerate(first):
        for position in range(bisect_left(starts, g.start - longest), bisect_left(starts, g.end)):
            j = by_start[position]
            h = second[j]
            common = min(g.end, h.end) - max(g.start, h.start)
            if common > 0:
                distance = abs(g.start - h.start) + abs(g.end - h.end)
                candidates.append((distance != 0, g.tag != h.tag, -common, distance, i, j))
    candidates.sort()
    used_first: set[int] = set()
    used_second: set[int] = set()
    pairs: list[tuple[Span, Span]] = []
    for *_, i, j in candidates:
        if i not in used_first and j not in used_second:
            used_first.add(i)
            used_second.add(j)
            pairs.append((first[i], second[j]))
    return pairs


def span_counts(first: Iterable[Span], second: Iterable[Span]) -> dict[str, SpanCounts]:
    """Per tag tallies for one document and one pair (tags either analyst used)."""
    by_tag: dict[str, tuple[list[Span], list[Span]]] = {}
    for span in first:
        by_tag.setdefault(span.tag, ([], []))[0].append(span)
    for span in second:
        by_tag.setdefault(span.tag, ([], []))[1].append(span)
    result: dict[str, SpanCounts] = {}
    for tag, (mine, theirs) in by_tag.items():
        exact = sum((Counter(mine) & Counter(theirs)).values())
        result[tag] = SpanCounts(
            reference=len(mine),
            compared=len(theirs),
            exact=exact,
            overlap=len(match_spans(mine, theirs)),
        )
    return result
