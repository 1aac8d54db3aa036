"""Tag confusion between two analysts: which tag one used where the other used which.

Two views, both including "no tag" (``UNTAGGED``, the empty string):

- **tokens**: the overall (most specific) label of every token, so the cell
  (claim, assessment) counts tokens the first analyst called a claim and the second an
  assessment, and (claim, "") tokens only the first tagged;
- **spans**: spans paired one-to-one by overlap regardless of tag (``spans.match_spans``);
  a span left unpaired meets "" on the other side. The (``""``, ``""``) cell stays 0.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from annotator.core.agreement.spans import match_spans
from annotator.core.agreement.units import UNTAGGED, Span


@dataclass(frozen=True)
class ConfusionMatrix:
    """Rows: the first analyst's labels; columns: the second's; same label order for both,
    tags alphabetically with ``UNTAGGED`` ("" = no tag) last."""

    labels: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]

    def count(self, first: str, second: str) -> int:
        return self.counts[self.labels.index(first)][self.labels.index(second)]

    @property
    def total(self) -> int:
        return sum(sum(row) for row in self.counts)

    @property
    def largest(self) -> int:
        """The largest cell other than (no tag, no tag), which would swamp a heat map."""
        last = len(self.labels) - 1
        return max(
            (
                n
                for r, row in enumerate(self.counts)
                for c, n in enumerate(row)
                if r < last or c < last
            ),
            default=0,
        )


def confusion_matrix(
    pairs: Mapping[tuple[str, str], int], tags: Iterable[str] = ()
) -> ConfusionMatrix:
    """Build the matrix from ``{(first label, second label): count}``; ``tags`` are listed
    even where no cell uses them, so every pair's matrix has the same rows."""
    labels_seen = {label for pair in pairs for label in pair} | set(tags)
    labels_seen.discard(UNTAGGED)
    labels = (*sorted(labels_seen), UNTAGGED)
    index = {label: i for i, label in enumerate(labels)}
    rows = [[0] * len(labels) for _ in labels]
    for (first, second), count in pairs.items():
        rows[index[first]][index[second]] += count
    return ConfusionMatrix(labels, tuple(tuple(row) for row in rows))


def span_confusion(first: Sequence[Span], second: Sequence[Span]) -> Counter[tuple[str, str]]:
    """Cells for one document: matched spans by their two tags, unmatched against ""."""
    cells: Counter[tuple[str, str]] = Counter()
    pairs = match_spans(first, second)
    for g, h in pairs:
        cells[g.tag, h.tag] += 1
    matched_first = Counter(g for g, _ in pairs)
    matched_second = Counter(h for _, h in pairs)
    for span, n in (Counter(first) - matched_first).items():
        cells[span.tag, UNTAGGED] += n
    for span, n in (Counter(second) - matched_second).items():
        cells[UNTAGGED, span.tag] += n
    return cells
