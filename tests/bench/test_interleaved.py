"""A figure and its baseline are timed in turns, each timing after its own setup."""

from __future__ import annotations

from bench.measure import Trial, interleaved_medians_ms, interleaved_samples_ms


def test_trials_take_turns_and_each_setup_runs_before_its_action() -> None:
    calls: list[str] = []
    trials = [
        Trial(lambda: calls.append("a"), setup=lambda: calls.append("set a")),
        Trial(lambda: calls.append("b")),
    ]

    samples = interleaved_samples_ms(trials, 3)

    assert calls == ["set a", "a", "b"] * 3
    assert [len(timings) for timings in samples] == [3, 3]
    assert all(t >= 0 for timings in samples for t in timings)


def test_medians_come_back_in_the_order_of_the_trials() -> None:
    def busy(steps: int) -> None:
        total = 0
        for i in range(steps):
            total += i

    slow, fast = interleaved_medians_ms([Trial(lambda: busy(300_000)), Trial(lambda: busy(10))], 3)

    assert slow > fast
