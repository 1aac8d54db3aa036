"""Gwet's AC1 (Gwet 2008), for two or more analysts, over token labels.

Kappa-type measures collapse when one label dominates (the "kappa paradox"): with 95 % of
tokens untagged, two analysts who agree on nearly everything can still get a low kappa.
AC1 estimates chance agreement from how far labels are from uniform, which keeps it close
to the observed agreement in that case; the report shows it beside kappa and alpha.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection

from annotator.core.agreement.kappa import Ratings


def gwet_ac1(ratings: Ratings, categories: Collection[str] | None = None) -> float | None:
    """AC1 = ``(p_a - p_e) / (1 - p_e)``, ``p_e = sum_k pi_k (1 - pi_k) / (q - 1)``.

    ``p_a`` is the mean pairwise agreement per item, ``pi_k`` the mean share of an item's
    ratings in category k, and ``q`` the number of categories: ``categories`` when given
    (a yes/no tag decision has two even if only one was used), else those observed.
    """
    items = 0
    p_a = 0.0
    shares: dict[str, float] = {}
    for labels, count in ratings.items():
        m = len(labels)
        if m < 2 or count <= 0:
            continue
        per_label = Counter(labels)
        p_a += count * sum(n * (n - 1) for n in per_label.values()) / (m * (m - 1))
        for label, n in per_label.items():
            shares[label] = shares.get(label, 0.0) + count * n / m
        items += count
    if not items:
        return None
    q = len(set(categories) | set(shares)) if categories is not None else len(shares)
    if q < 2:
        return None
    p_a /= items
    p_e = sum((s / items) * (1 - s / items) for s in shares.values()) / (q - 1)
    if p_e >= 1.0 - 1e-12:
        return None
    return (p_a - p_e) / (1 - p_e)
