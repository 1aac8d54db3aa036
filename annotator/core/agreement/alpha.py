"""Krippendorff's alpha: nominal over token labels, and unitizing alpha (alpha_u) over spans.

Nominal alpha sees tokens as items, like kappa. Unitizing alpha (Krippendorff 1995; 2004,
*Content Analysis*, 2nd ed., pp. 251-256) needs no tokens at all: it compares where each
analyst put the boundaries of their units of a category along the character continuum, so
it rewards near-misses by how near they are and does not depend on a tokeniser.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, combinations

from annotator.core.agreement.kappa import Ratings
from annotator.core.agreement.units import Span, merge_overlapping


def nominal_alpha(ratings: Ratings) -> float | None:
    """Alpha for nominal labels: ``1 - D_o / D_e`` from the coincidence matrix.

    Items with fewer than two ratings are unpairable and left out, as Krippendorff defines.
    Only the off-diagonal mass matters for nominal data, so it is summed directly:
    ``alpha = 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c n_k``.
    """
    disagreeing = 0.0
    totals: Counter[str] = Counter()
    for labels, count in ratings.items():
        m = len(labels)
        if m < 2 or count <= 0:
            continue
        per_label = Counter(labels)
        same = sum(n * n for n in per_label.values())
        disagreeing += count * (m * m - same) / (m - 1)
        for label, n in per_label.items():
            totals[label] += count * n
    n_total = sum(totals.values())
    expected = n_total * n_total - sum(n * n for n in totals.values())
    if n_total < 2 or expected == 0:
        return None
    return 1.0 - (n_total - 1) * disagreeing / expected


@dataclass
class _CategoryTally:
    observed: int = 0
    """Sum of squared boundary differences over all analyst pairs (both orders counted once)."""
    lengths: list[int] = field(default_factory=list)
    """Every unit's length, all analysts."""
    gaps: list[int] = field(default_factory=list)
    """Every stretch between units (or section edges), all analysts, non-empty only."""


class UnitizingTally:
    """Accumulates unitizing alpha over sections of a continuum (here: documents).

    Each section is compared on its own (no unit crosses a document boundary, and no gap
    runs from one document into the next); the continuum length ``L`` is their sum. The
    formulas are Krippendorff's (2004: 251-256) for ``m`` analysts and one category ``c``:

    - ``D_o = sum_{i != j} sum_{g, h} delta^2(g, h) / (m (m - 1) L^2)`` over the sections
      ``g`` of analyst ``i`` and ``h`` of analyst ``j``, where two overlapping units differ
      by ``(b_g - b_h)^2 + (e_g - e_h)^2``, a unit lying inside the other's gap by its length
      squared, anything else by 0;
    - ``D_e = 2/L * sum_units [ (N_c - 1)(2l^3 - 3l^2 + l)/3 + l^2 sum_{gaps >= l}(gap - l + 1) ]
      / (m L (m L - 1) - sum_units l (l - 1))``;
    - ``alpha_c = 1 - D_o / D_e``; across categories (as DKPro Agreement does),
      ``1 - mean(D_o) / mean(D_e)`` over the categories present.

    Sums are kept as Python integers, so large corpora lose no precision before the end.
    """

    def __init__(self, analysts: int) -> None:
        if analysts < 2:
            raise ValueError("unitizing alpha needs at least two analysts")
        self.analysts = analysts
        self.length = 0
        self._sections: list[int] = []
        self._tallies: dict[str, _CategoryTally] = {}

    def add_section(self, length: int, units: Sequence[Iterable[Span]]) -> None:
        """One document: its length and each analyst's spans (offsets within it)."""
        if len(units) != self.analysts:
            raise ValueError(f"expected units of {self.analysts} analysts, got {len(units)}")
        by_tag: dict[str, list[list[Span]]] = {}
        for who, spans in enumerate(units):
            for span in spans:
                by_tag.setdefault(span.tag, [[] for _ in units])[who].append(span)
        for tag, per_analyst in by_tag.items():
            tally = self._tallies.get(tag)
            if tally is None:
                # earlier sections held no unit of this tag: one whole-section gap each
                tally = self._tallies[tag] = _CategoryTally()
                tally.gaps.extend(n for n in self._sections if n > 0 for _ in units)
            merged = [merge_overlapping(spans) for spans in per_analyst]
            for spans in merged:
                position = 0
                for span in spans:
                    tally.lengths.append(span.length)
                    if span.start > position:
                        tally.gaps.append(span.start - position)
                    position = span.end
                if length > position:
                    tally.gaps.append(length - position)
            for first, second in combinations(merged, 2):
                tally.observed += _pair_disagreement(first, second)
        # An analyst with no unit of a tag seen before still leaves a whole-section gap.
        for tag, tally in self._tallies.items():
            if tag not in by_tag and length > 0:
                tally.gaps.extend([length] * self.analysts)
        self._sections.append(length)
        self.length += length

    def categories(self) -> list[str]:
        return sorted(tag for tag, tally in self._tallies.items() if tally.lengths)

    def observed(self, category: str) -> float | None:
        tally = self._tallies.get(category)
        m, big_l = self.analysts, self.length
        if tally is None or big_l == 0:
            return None
        return 2 * tally.observed / (m * (m - 1) * big_l * big_l)

    def expected(self, category: str) -> float | None:
        tally = self._tallies.get(category)
        m, big_l = self.analysts, self.length
        if tally is None or not tally.lengths or big_l == 0:
            return None
        gaps = sorted(tally.gaps)
        # suffix sums over sorted gaps: sum_{gap >= l} (gap - l + 1) in O(log n) per unit
        suffix = [*reversed(list(accumulate(reversed(gaps)))), 0]
        n_c = len(tally.lengths)
        numerator_thirds = 0  # 3 x the bracketed sum, to stay in integers
        for l_ in tally.lengths:
            first = bisect.bisect_left(gaps, l_)
            count = len(gaps) - first
            fits = suffix[first] - count * (l_ - 1)
            numerator_thirds += (n_c - 1) * (2 * l_**3 - 3 * l_**2 + l_) + 3 * l_ * l_ * fits
        denominator = m * big_l * (m * big_l - 1) - sum(l_ * (l_ - 1) for l_ in tally.lengths)
        if denominator <= 0:
            return None
        return 2 * numerator_thirds / (3 * big_l * denominator)

    def alpha(self, category: str) -> float | None:
        return _one_minus_ratio(self.observed(category), self.expected(category))

    def overall(self) -> float | None:
        observed = [self.observed(c) for c in self.categories()]
        expected = [self.expected(c) for c in self.categories()]
        if not observed or None in observed or None in expected:
            return None
        return _one_minus_ratio(
            sum(o for o in observed if o is not None), sum(e for e in expected if e is not None)
        )


def _one_minus_ratio(observed: float | None, expected: float | None) -> float | None:
    if observed is None or expected is None or expected == 0:
        return None
    return 1.0 - observed / expected


def _pair_disagreement(first: Sequence[Span], second: Sequence[Span]) -> int:
    """Sum of delta^2 over both analysts' sections (each analyst's units non-overlapping).

    Overlapping unit pairs cost their squared boundary differences; a unit overlapping no
    unit of the other analyst lies inside one of their gaps and costs its length squared;
    a unit only partly overlapped meets the other's gaps partially, which costs nothing.
    """
    total = 0
    touched_first = [False] * len(first)
    touched_second = [False] * len(second)
    j_start = 0
    for i, g in enumerate(first):
        while j_start < len(second) and second[j_start].end <= g.start:
            j_start += 1
        j = j_start
        while j < len(second) and second[j].start < g.end:
            h = second[j]
            if h.end > g.start:
                total += (g.start - h.start) ** 2 + (g.end - h.end) ** 2
                touched_first[i] = touched_second[j] = True
            j += 1
    total += sum(g.length**2 for g, hit in zip(first, touched_first, strict=True) if not hit)
    total += sum(h.length**2 for h, hit in zip(second, touched_second, strict=True) if not hit)
    return total
