"""Timing helpers and the growth fit, kept apart so every benchmark times things one way.

Medians, not means: a desktop machine's noise (a GC pause, another process) shows up as
outliers, and a median over many repetitions shrugs them off where a mean would not.
"""

from __future__ import annotations

import gc
import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

Size = TypeVar("Size", int, float)
Figures = TypeVar("Figures")


def median_ms(
    action: Callable[[], object],
    repeat: int,
    setup: Callable[[], object] | None = None,
) -> float:
    """Median wall time of ``action`` in milliseconds; ``setup`` runs untimed before each."""
    return statistics.median(samples_ms(action, repeat, setup))


def samples_ms(
    action: Callable[[], object],
    repeat: int,
    setup: Callable[[], object] | None = None,
) -> list[float]:
    """Every timing, for callers that want more than the median (e.g. p95 of frames)."""
    samples: list[float] = []
    for _ in range(max(1, repeat)):
        if setup is not None:
            setup()
        gc.collect()  # a collection triggered by earlier garbage must not land in the timing
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


@dataclass(frozen=True)
class Trial:
    """One side of a comparison: what is timed, and what runs untimed before each timing."""

    action: Callable[[], object]
    setup: Callable[[], object] | None = None


def interleaved_samples_ms(trials: Sequence[Trial], repeat: int) -> list[list[float]]:
    """Each trial's timings, the trials taking turns repetition by repetition.

    A figure and its baseline timed one after the other see different machines: this
    shared 2-core machine runs 1.5-2x slower for minutes at a time, which moved single
    ratios by as much as their margin to the target. Taken in turns, both sides sample the
    same stretches of load, so the ratio of their medians keeps to the code.
    """
    samples: list[list[float]] = [[] for _ in trials]
    for _ in range(max(1, repeat)):
        for trial, timings in zip(trials, samples, strict=True):
            timings.extend(samples_ms(trial.action, 1, trial.setup))
    return samples


def interleaved_medians_ms(trials: Sequence[Trial], repeat: int) -> list[float]:
    """``interleaved_samples_ms`` reduced to each trial's median."""
    return [statistics.median(t) for t in interleaved_samples_ms(trials, repeat)]


def each_size(
    sizes: Sequence[Size],
    describe: Callable[[Size], str],
    measure: Callable[[Size], Figures],
    say: Callable[[str], None],
) -> list[Figures]:
    """A growth series' figures, size by size, each announced first (a size can take a
    minute to build, and the run should say what it is doing)."""
    figures = []
    for size in sizes:
        say(f"growth: {describe(size)}")
        figures.append(measure(size))
    return figures


def once_ms(action: Callable[[], object]) -> float:
    """One timing, for work that cannot be repeated on the same state (an import)."""
    return samples_ms(action, 1)[0]


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, math.ceil(fraction * len(ordered)) - 1))
    return ordered[index]


def growth_exponent(sizes: Sequence[float], times: Sequence[float]) -> float:
    """Least-squares slope of log(time) against log(size): 1.0 is linear, 2.0 quadratic.

    Fitting all points (rather than comparing two) keeps one noisy size from deciding it.
    """
    if len(sizes) != len(times) or len(sizes) < 2:
        raise ValueError("need at least two (size, time) pairs")
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-6)) for t in times]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
