"""Every measure against figures published with its worked example (sources cited per test).

The tables are typed in from the cited publications; the expected figures are the
published ones at the precision the source prints them.
"""

from __future__ import annotations

from collections import Counter

import pytest

from annotator.core.agreement.alpha import UnitizingTally, nominal_alpha
from annotator.core.agreement.gwet import gwet_ac1
from annotator.core.agreement.kappa import (
    Ratings,
    cohen_kappa,
    fleiss_kappa,
    observed_agreement,
)
from annotator.core.agreement.units import Span


def from_counts(rows: list[list[int]], labels: str = "12345") -> Ratings:
    """Fleiss-style rows (how many raters chose each category) -> label tuples."""
    return Counter(
        tuple(lab for lab, n in zip(labels[: len(row)], row, strict=True) for _ in range(n))
        for row in rows
    )


def from_table(table: list[list[int]], labels: str = "12345") -> Ratings:
    """A two-rater contingency table (rows: rater 1) -> label tuples with counts."""
    return {
        (labels[i], labels[j]): n for i, row in enumerate(table) for j, n in enumerate(row) if n
    }


# Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters.
# Psychological Bulletin 76(5), 378-382, Table 1 (p. 379): 30 patients, 6 psychiatrists,
# 5 diagnoses (1 depression, 2 personality disorder, 3 schizophrenia, 4 neurosis, 5 other).
# Published: P-bar = .556, P-bar_e = .220, kappa = .430.
FLEISS_1971 = [
    [0, 0, 0, 6, 0], [0, 3, 0, 0, 3], [0, 1, 4, 0, 1], [0, 0, 0, 0, 6], [0, 3, 0, 3, 0],
    [2, 0, 4, 0, 0], [0, 0, 4, 0, 2], [2, 0, 3, 1, 0], [2, 0, 0, 4, 0], [0, 0, 0, 0, 6],
    [1, 0, 0, 5, 0], [1, 1, 0, 4, 0], [0, 3, 3, 0, 0], [1, 0, 0, 5, 0], [0, 2, 0, 3, 1],
    [0, 0, 5, 0, 1], [3, 0, 0, 1, 2], [5, 1, 0, 0, 0], [0, 2, 0, 4, 0], [1, 0, 2, 0, 3],
    [0, 0, 0, 0, 6], [0, 1, 0, 5, 0], [0, 2, 0, 1, 3], [2, 0, 0, 4, 0], [1, 0, 0, 4, 1],
    [0, 5, 0, 1, 0], [4, 0, 0, 0, 2], [0, 2, 0, 4, 0], [1, 0, 5, 0, 0], [0, 0, 0, 0, 6],
]  # fmt: skip


def test_fleiss_1971_table_1() -> None:
    ratings = from_counts(FLEISS_1971)
    assert observed_agreement(ratings) == pytest.approx(0.556, abs=5e-4)
    assert fleiss_kappa(ratings) == pytest.approx(0.430, abs=5e-4)


def test_fleiss_kappa_textbook_example_14_raters() -> None:
    """The 10 subjects x 14 raters x 5 categories example reproduced in the Wikipedia
    article "Fleiss' kappa" (worked example; published P-bar = 0.378, kappa = 0.210)."""
    rows = [
        [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ]  # fmt: skip
    ratings = from_counts(rows)
    assert observed_agreement(ratings) == pytest.approx(0.378, abs=5e-4)
    assert fleiss_kappa(ratings) == pytest.approx(0.210, abs=5e-4)


def test_krippendorff_alpha_reliability_data_with_missing_values() -> None:
    """Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4
    observers, 12 units, nominal data with missing values; published alpha = 0.743."""
    # columns are units; a blank is a missing value (unit 12's only value is unpairable)
    values = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    ]
    ratings: Counter[tuple[str, ...]] = Counter()
    for unit in range(12):
        ratings[tuple(str(row[unit]) for row in values if row[unit] is not None)] += 1
    assert nominal_alpha(ratings) == pytest.approx(0.743, abs=5e-4)


# Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and
# Psychological Measurement 20(1), 37-46: the 3x3 tables of pp. 37 and 45 (proportions x 100
# and x 200). AC1 reference values: irrCAC 1.4 (Gwet's own R package, gwet.ac1.raw) as
# recorded in the dkpro-statistics fixtures, and DKPro's Gwet2008Test.
COHEN_P37 = [[25, 12, 3], [13, 2, 15], [12, 16, 2]]
COHEN_P45 = [[88, 14, 18], [10, 40, 10], [2, 6, 12]]


def test_cohen_1960_kappa_and_gwet_ac1() -> None:
    p45 = from_table(COHEN_P45)
    # Cohen (1960: 45): p_o = .70, p_c = .41, kappa = .492
    assert observed_agreement(p45) == pytest.approx(0.70)
    assert cohen_kappa(p45) == pytest.approx(0.492, abs=5e-4)
    assert gwet_ac1(p45) == pytest.approx(0.5760, abs=5e-5)
    assert gwet_ac1(from_table(COHEN_P37)) == pytest.approx(-0.0480, abs=5e-5)


def test_gwet_ac1_irrcac_likert_table() -> None:
    """irrCAC 1.4 gwet.ac1.raw on a 4x4 table (dkpro-statistics fixture_04_likert_4x4):
    pa = 0.684210526315789, pe = 0.247294552169898, AC1 = 0.58046."""
    table = [[20, 5, 1, 0], [4, 15, 6, 1], [0, 5, 18, 4], [0, 1, 3, 12]]
    ratings = from_table(table)
    assert observed_agreement(ratings) == pytest.approx(0.684210526315789, abs=1e-12)
    assert gwet_ac1(ratings) == pytest.approx(0.58046, abs=5e-6)


def test_gwet_ac1_resists_the_kappa_paradox() -> None:
    """Gwet (2008)'s point, on DKPro's hand example: 8 yes/yes, 1 no/no, 1 yes/no gives
    p_a = 0.9, p_e = 0.255, AC1 = 0.8658 while kappa drops to 0.6154."""
    ratings = {("y", "y"): 8, ("n", "n"): 1, ("y", "n"): 1}
    assert gwet_ac1(ratings) == pytest.approx(0.8658, abs=5e-5)
    assert cohen_kappa(ratings) == pytest.approx(0.6154, abs=5e-5)


def test_unitizing_alpha_krippendorff_2004_example() -> None:
    """Krippendorff, K. (2004). Content Analysis, 2nd ed., pp. 254-256 (the same example as
    "Measuring the reliability of qualitative text analysis data", Quality & Quantity 38):
    two observers, continuum 150-450, categories c and k. Published per category c:
    D_o = .0144, D_e = .0532, alpha_c = .7286; k: D_o = 0, D_e = .0490, alpha_k = 1.
    DKPro Agreement's test of the same example gives 0.8591 (+-0.0005) across categories.
    """
    begin = 150
    first = [(225, 70, "c"), (370, 30, "c"), (180, 60, "k"), (300, 50, "k")]
    second = [(220, 80, "c"), (355, 20, "c"), (400, 20, "c"), (180, 60, "k"), (300, 50, "k")]

    def spans(units: list[tuple[int, int, str]]) -> list[Span]:
        return [Span(o - begin, o - begin + n, tag) for o, n, tag in units]

    tally = UnitizingTally(2)
    tally.add_section(300, [spans(first), spans(second)])
    assert tally.observed("c") == pytest.approx(0.0144, abs=5e-5)
    assert tally.expected("c") == pytest.approx(0.0532, abs=5e-5)
    assert tally.alpha("c") == pytest.approx(0.7286, abs=5e-5)
    assert tally.observed("k") == 0
    assert tally.expected("k") == pytest.approx(0.0490, abs=5e-5)
    assert tally.alpha("k") == pytest.approx(1.0)
    assert tally.overall() == pytest.approx(0.8591, abs=5e-4)


def test_unitizing_alpha_is_one_for_identical_units_and_splits_documents() -> None:
    tally = UnitizingTally(3)
    same = [Span(2, 9, "claim"), Span(20, 25, "quote")]
    tally.add_section(40, [same, same, same])
    tally.add_section(10, [[], [], []])
    assert tally.alpha("claim") == pytest.approx(1.0)
    assert tally.overall() == pytest.approx(1.0)
    assert tally.length == 50
