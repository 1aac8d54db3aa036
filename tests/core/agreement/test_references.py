"""The token measures against independent implementations on random data (hypothesis):
scikit-learn's ``cohen_kappa_score``, the ``krippendorff`` package, NLTK's ``AnnotationTask``
(``pi`` is Fleiss' kappa, the multi-rater generalisation of Scott's pi; ``alpha`` is
Krippendorff's). These libraries are test-only dependencies."""

from __future__ import annotations

import math
import warnings
from collections import Counter

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.metrics.agreement import AnnotationTask
from sklearn.metrics import cohen_kappa_score

from annotator.core.agreement.alpha import nominal_alpha
from annotator.core.agreement.kappa import cohen_kappa, fleiss_kappa

LABELS = st.sampled_from(["", "claim", "quote", "facility"])


def rows(raters: int) -> st.SearchStrategy[list[tuple[str, ...]]]:
    return st.lists(st.tuples(*[LABELS] * raters), min_size=2, max_size=60)


@settings(max_examples=150, deadline=None)
@given(rows(2))
def test_cohen_kappa_matches_scikit_learn(items: list[tuple[str, ...]]) -> None:
    ours = cohen_kappa(Counter(items))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sklearn warns where kappa is undefined
        theirs = cohen_kappa_score([a for a, _ in items], [b for _, b in items])
    if ours is None:  # chance agreement 1: undefined, which sklearn reports as NaN
        assert math.isnan(theirs)
    else:
        assert ours == pytest.approx(theirs, abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(st.integers(2, 5).flatmap(rows))
def test_nominal_alpha_matches_krippendorff_package_and_nltk(
    items: list[tuple[str, ...]],
) -> None:
    ours = nominal_alpha(Counter(items))
    codes = {label: float(i) for i, label in enumerate(sorted({x for r in items for x in r}))}
    if len(codes) < 2:
        assert ours is None
        return
    matrix = np.array([[codes[row[j]] for row in items] for j in range(len(items[0]))])
    theirs = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    assert ours == pytest.approx(theirs, abs=1e-9)
    task = AnnotationTask(
        [(f"r{j}", i, row[j]) for i, row in enumerate(items) for j in range(len(row))]
    )
    assert ours == pytest.approx(task.alpha(), abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(st.integers(2, 5).flatmap(rows))
def test_fleiss_kappa_matches_nltk_multi_pi(items: list[tuple[str, ...]]) -> None:
    ours = fleiss_kappa(Counter(items))
    if ours is None:
        return  # a single label everywhere: NLTK divides by zero
    task = AnnotationTask(
        [(f"r{j}", i, row[j]) for i, row in enumerate(items) for j in range(len(row))]
    )
    assert ours == pytest.approx(task.pi(), abs=1e-9)


def test_nominal_alpha_with_missing_values_matches_krippendorff_package() -> None:
    rng = np.random.default_rng(7)
    data = rng.integers(0, 4, size=(4, 80)).astype(float)
    data[rng.random(data.shape) < 0.25] = np.nan
    ratings: Counter[tuple[str, ...]] = Counter()
    for unit in data.T:
        ratings[tuple(str(int(v)) for v in unit if not np.isnan(v))] += 1
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert nominal_alpha(ratings) == pytest.approx(expected, abs=1e-9)
