"""Cohen's kappa (two analysts) and Fleiss' kappa (any number), over token labels.

Both take the ratings as a table ``{(label of analyst 1, label of analyst 2, ...): count}``:
the token measures of a whole corpus reduce to a few hundred distinct label tuples, so
counting tuples instead of walking tokens keeps a 1,000-document report fast.

Every measure returns None where it is undefined (no items, or chance agreement is 1 so
that ``1 - p_e`` is zero): a report shows "n/a" rather than a misleading 0 or 1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

Ratings = Mapping[tuple[str, ...], int]
"""Label tuples (one label per analyst, same analysts in the same order) -> how many items."""


def observed_agreement(ratings: Ratings) -> float | None:
    """The share of agreeing analyst pairs per item, averaged over items (raw agreement)."""
    total = 0
    agreeing = 0.0
    for labels, count in ratings.items():
        m = len(labels)
        if m < 2 or count <= 0:
            continue
        counts = Counter(labels).values()
        agreeing += count * sum(n * (n - 1) for n in counts) / (m * (m - 1))
        total += count
    return agreeing / total if total else None


def cohen_kappa(ratings: Ratings) -> float | None:
    """Cohen (1960): ``(p_o - p_e) / (1 - p_e)`` with each analyst's own label marginals."""
    total = 0
    agree = 0
    first: Counter[str] = Counter()
    second: Counter[str] = Counter()
    for (a, b), count in ratings.items():
        total += count
        first[a] += count
        second[b] += count
        if a == b:
            agree += count
    if not total:
        return None
    p_o = agree / total
    p_e = sum(first[label] * second[label] for label in first) / (total * total)
    return _chance_corrected(p_o, p_e)


def fleiss_kappa(ratings: Ratings) -> float | None:
    """Fleiss (1971): mean pairwise agreement per item against pooled label proportions.

    Every item must carry the same number of ratings (here: every analyst of the group
    labels every token of the documents they all annotated).
    """
    items = 0
    m = 0
    p_sum = 0.0
    pooled: Counter[str] = Counter()
    for labels, count in ratings.items():
        if count <= 0:
            continue
        if m == 0:
            m = len(labels)
        elif len(labels) != m:
            raise ValueError("Fleiss' kappa needs the same number of ratings per item")
        per_label = Counter(labels)
        p_sum += count * sum(n * (n - 1) for n in per_label.values()) / (m * (m - 1))
        for label, n in per_label.items():
            pooled[label] += count * n
        items += count
    if not items or m < 2:
        return None
    p_bar = p_sum / items
    ratings_total = items * m
    p_e = sum((n / ratings_total) ** 2 for n in pooled.values())
    return _chance_corrected(p_bar, p_e)


def _chance_corrected(observed: float, chance: float) -> float | None:
    if chance >= 1.0 - 1e-12:
        return None
    return (observed - chance) / (1.0 - chance)
